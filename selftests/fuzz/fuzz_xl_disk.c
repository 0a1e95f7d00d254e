// SPDX-License-Identifier: GPL-2.0
/*
 * Fuzz the xl disk spec parser (lib/xl_disk.c). The input is the spec,
 * copied into a heap object of exactly its size plus the NUL (ASan sees
 * any byte read past it); a NUL inside it ends the spec, as in C.
 *
 * Checked for every input: the result is 0 or -EINVAL; the message is
 * empty exactly on success, else printable ASCII, NUL-terminated in its
 * buffer and never cut short by XL_DISK_ERR_MAX; with a short buffer (or
 * none) the result is the same and the short message a prefix of the
 * long one. After a success: the
 * strings are non-empty (target) or valid (vdev) and zero after their
 * NUL; xl_vdev_to_devid() gives devid again; the devid is one the doc's
 * encodings can give, and for the xvd and d<N>p<M> forms "d<N>p<M>"
 * written from the devid gives it back; the discard default follows
 * access. Differential: the disk written back as a canonical keyword
 * spec (target= last, with a comma for the one it drops) parses into the
 * same struct, byte for byte. The vdev function alone is fed the input
 * too.
 */
#include <tern/xl_disk.h>

#include "fuzz.h"

static struct xl_disk disk, again;
static char err[XL_DISK_ERR_MAX], err2[XL_DISK_ERR_MAX];

static void check_msg(const char *m, size_t size, int ret)
{
	size_t n = strnlen(m, size), i;

	FUZZ_CHECK(n < size);
	FUZZ_CHECK(!ret == !n);
	for (i = 0; i < n; i++)
		FUZZ_CHECK(m[i] >= 0x20 && m[i] < 0x7f);
}

/* devid is one of xen-vbd-interface(7)'s encodings of the xvd/d forms */
static void check_xvd(u32 devid)
{
	char name[32];
	u32 d, p, back;

	if (devid >> 28 == 1) {
		d = devid >> 8 & 0xfffff;
		p = devid & 0xff;
		FUZZ_CHECK(d > 15 || p > 15);
	} else {
		FUZZ_CHECK(devid >> 8 == 202);
		d = devid >> 4 & 15;
		p = devid & 15;
	}
	snprintf(name, sizeof(name), "d%up%u", d, p);
	FUZZ_CHECK(!xl_vdev_to_devid(name, &back) && back == devid);
}

static void check_devid(const char *vdev, u32 devid)
{
	if (vdev[0] == 'x' || vdev[0] == 'd')
		check_xvd(devid);
	else if (vdev[0] == 'h')
		FUZZ_CHECK(devid >> 8 == 3 || devid >> 8 == 22);
	else if (vdev[0] == 's')
		FUZZ_CHECK(devid >> 8 == 8);
	else
		FUZZ_CHECK(vdev[0] >= '0' && vdev[0] <= '9' &&
			   devid <= 0x7fffffff);
}

/* the canonical spec of d, or false if it does not fit */
static bool canonical(const struct xl_disk *d, char *buf, size_t size)
{
	int n;

	n = snprintf(buf, size, "format=raw,vdev=%s,access=%s,%s%s%starget=%s,",
		     d->vdev, d->readonly ? "ro" : "rw",
		     d->discard_set ? (d->discard ? "discard," : "no-discard,") : "",
		     d->direct_io_safe ? "direct-io-safe," : "",
		     d->trusted ? "" : "untrusted,", d->target);
	return n > 0 && (size_t)n < size && (size_t)n < XL_DISK_SPEC_MAX;
}

int LLVMFuzzerTestOneInput(const u8 *data, size_t size)
{
	static char text[2 * XL_DISK_SPEC_MAX];
	char *s = malloc(size + 1), small[9];
	u32 devid, devid2;
	int ret, r;

	FUZZ_CHECK(s);
	memcpy(s, data, size);
	s[size] = '\0';

	r = xl_vdev_to_devid(s, &devid);
	FUZZ_CHECK(r == 0 || r == -EINVAL);
	if (!r)
		check_devid(s, devid);

	ret = xl_disk_parse(s, &disk, err, sizeof(err));
	FUZZ_CHECK(ret == 0 || ret == -EINVAL);
	check_msg(err, sizeof(err), ret);
	/* XL_DISK_ERR_MAX holds every message whole */
	FUZZ_CHECK(strlen(err) < sizeof(err) - 1);
	FUZZ_CHECK(xl_disk_parse(s, &again, small, sizeof(small)) == ret);
	check_msg(small, sizeof(small), ret);
	FUZZ_CHECK(!strncmp(small, err, strlen(small)));
	FUZZ_CHECK(xl_disk_parse(s, &again, NULL, 0) == ret);
	free(s);
	if (ret)
		return 0;

	FUZZ_CHECK(disk.target[0] && disk.vdev[0]);
	FUZZ_CHECK(fuzz_zero_after(disk.target, sizeof(disk.target)));
	FUZZ_CHECK(fuzz_zero_after(disk.vdev, sizeof(disk.vdev)));
	FUZZ_CHECK(!xl_vdev_to_devid(disk.vdev, &devid2) &&
		   devid2 == disk.devid);
	check_devid(disk.vdev, disk.devid);
	if (!disk.discard_set)
		FUZZ_CHECK(disk.discard == !disk.readonly);

	/* target= ends at a newline */
	if (strchr(disk.target, '\n') || !canonical(&disk, text, sizeof(text)))
		return 0;
	ret = xl_disk_parse(text, &again, err2, sizeof(err2));
	if (ret)
		fprintf(stderr, "canonical `%s`: %s\n", text, err2);
	FUZZ_CHECK(!ret);
	FUZZ_CHECK(!memcmp(&disk, &again, sizeof(disk)));
	return 0;
}
