// SPDX-License-Identifier: GPL-2.0
/*
 * Fuzz the xl config parser (lib/xlcfg.c). The input is the config text,
 * in a heap object of exactly its size (ASan sees any byte read past it).
 *
 * Checked for every input: the result is 0 exactly when no error was
 * counted; at most XL_DIAG_MAX messages are kept and the rest counted;
 * each message is printable ASCII, NUL-terminated in its slot, and
 * points into the text (its line exists, its column is at most one past
 * the end of that line; line 0 has column 0); parsing without a message
 * list gives the same result. After a success the struct keeps every
 * documented bound (name, type, paths, command line, memory and vCPU
 * ranges, actions, device lists, zero bytes after each string), and a
 * differential check: xl_cfg_format() writes it as canonical xl text,
 * which parses back without error into the same struct, byte for byte,
 * and formats into the same text again.
 */
#include <tern/xlcfg.h>

#include "fuzz.h"

static struct xl_domain_cfg cfg, again;
static struct xl_diags d, d2;
static char text[1 << 16], text2[1 << 16];

static void check_name(const char *s)
{
	size_t n = strnlen(s, XL_NAME_MAX), i;
	bool digits = true;

	FUZZ_CHECK(n >= 1 && n < XL_NAME_MAX);
	for (i = 0; i < n; i++) {
		char c = s[i];

		FUZZ_CHECK((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
			   (c >= '0' && c <= '9') || c == '.' || c == '_' ||
			   c == '-');
		if (c < '0' || c > '9')
			digits = false;
	}
	FUZZ_CHECK(!digits);
}

static void check_cfg(const struct xl_domain_cfg *c)
{
	u32 i;

	check_name(c->name);
	FUZZ_CHECK(c->type == XL_TYPE_PV || c->type == XL_TYPE_PVH);
	FUZZ_CHECK(c->kernel[0]);
	FUZZ_CHECK(fuzz_zero_after(c->name, sizeof(c->name)));
	FUZZ_CHECK(fuzz_zero_after(c->kernel, sizeof(c->kernel)));
	FUZZ_CHECK(fuzz_zero_after(c->ramdisk, sizeof(c->ramdisk)));
	FUZZ_CHECK(fuzz_zero_after(c->cmdline, sizeof(c->cmdline)));
	FUZZ_CHECK(fuzz_zero_after(c->root, sizeof(c->root)));
	FUZZ_CHECK(fuzz_zero_after(c->extra, sizeof(c->extra)));
	FUZZ_CHECK(c->memory_mib >= 1 && c->memory_mib <= XL_MEMORY_MAX_MIB);
	FUZZ_CHECK(c->maxmem_mib >= c->memory_mib &&
		   c->maxmem_mib <= XL_MEMORY_MAX_MIB);
	FUZZ_CHECK(c->vcpus >= 1 && c->vcpus <= XL_MAX_VCPUS);
	FUZZ_CHECK(c->maxvcpus >= c->vcpus && c->maxvcpus <= XL_MAX_VCPUS);
	FUZZ_CHECK(xl_action_name(c->on_poweroff));
	FUZZ_CHECK(xl_action_name(c->on_reboot));
	FUZZ_CHECK(xl_action_name(c->on_crash));
	FUZZ_CHECK(c->nr_disks <= XL_DEV_MAX && c->nr_vifs <= XL_DEV_MAX);
	for (i = 0; i < XL_DEV_MAX; i++) {
		FUZZ_CHECK(fuzz_zero_after(c->disks[i], XL_DEV_SPEC_MAX));
		FUZZ_CHECK(fuzz_zero_after(c->vifs[i], XL_DEV_SPEC_MAX));
		if (i >= c->nr_disks)
			FUZZ_CHECK(!c->disks[i][0]);
		if (i >= c->nr_vifs)
			FUZZ_CHECK(!c->vifs[i][0]);
	}
}

/* The length of line l (from 1) of [s, s + n), or -1 if there is none */
static long line_len(const char *s, size_t n, u32 l)
{
	size_t i = 0, start;

	while (--l) {
		const char *nl = memchr(s + i, '\n', n - i);

		if (!nl)
			return -1;
		i = nl - s + 1;
	}
	start = i;
	while (i < n && s[i] != '\n')
		i++;
	return i - start;
}

static void check_diags(const char *s, size_t n, int ret)
{
	u32 i;

	FUZZ_CHECK(ret == 0 || ret == -EINVAL);
	FUZZ_CHECK((ret == 0) == (d.errors == 0));
	FUZZ_CHECK(d.nr <= XL_DIAG_MAX);
	FUZZ_CHECK(!d.dropped || d.nr == XL_DIAG_MAX);
	FUZZ_CHECK(d.errors <= d.nr + d.dropped);
	for (i = 0; i < d.nr; i++) {
		const struct xl_diag *m = &d.d[i];
		size_t len = strnlen(m->msg, sizeof(m->msg)), j;

		FUZZ_CHECK(len > 0 && len < sizeof(m->msg));
		for (j = 0; j < len; j++)
			FUZZ_CHECK(m->msg[j] >= 0x20 && m->msg[j] < 0x7f);
		if (!m->line) {
			FUZZ_CHECK(!m->col);
		} else {
			long ll = line_len(s, n, m->line);

			FUZZ_CHECK(ll >= 0);
			FUZZ_CHECK(m->col >= 1 && m->col <= (u64)ll + 1);
		}
	}
}

int LLVMFuzzerTestOneInput(const u8 *data, size_t size)
{
	char *s = malloc(size ? size : 1);
	size_t n, n2;
	int ret;

	FUZZ_CHECK(s);
	memcpy(s, data, size);
	ret = xl_cfg_parse(s, size, &cfg, &d);
	check_diags(s, size, ret);
	FUZZ_CHECK(xl_cfg_parse(s, size, &again, NULL) == ret);
	free(s);
	if (ret)
		return 0;

	check_cfg(&cfg);
	n = xl_cfg_format(&cfg, text, sizeof(text));
	FUZZ_CHECK(n < sizeof(text) && n == strlen(text));
	ret = xl_cfg_parse(text, n, &again, &d2);
	if (ret || d2.errors) {
		fprintf(stderr, "canonical text:\n%s\nfails: %u: %s\n", text,
			d2.d[0].line, d2.d[0].msg);
	}
	FUZZ_CHECK(!ret && !d2.errors);
	FUZZ_CHECK(!memcmp(&cfg, &again, sizeof(cfg)));
	n2 = xl_cfg_format(&again, text2, sizeof(text2));
	FUZZ_CHECK(n2 == n && !memcmp(text, text2, n));
	return 0;
}
