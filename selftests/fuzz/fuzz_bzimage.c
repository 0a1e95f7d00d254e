// SPDX-License-Identifier: GPL-2.0
/*
 * Fuzz bzImage parsing and unpacking (lib/xz/bzimage.c). The input is
 * the image, as a heap object of exactly its size (ASan sees any read
 * past it). Checked against a model of the boot protocol rules written
 * here from the header layout (include/tern/bzimage.h): bzimage_parse()
 * must agree with it on the verdict, the payload it points at, the
 * appended size and the format's name; bzimage_decompress() must return
 * parse's error when parsing fails, -ENOSPC when the appended size
 * exceeds the room, and otherwise either an error or exactly the
 * appended size, in which case liblzma must decode the same payload to
 * the same bytes.
 */
#include <lzma.h>
#include <tern/bzimage.h>
#include <tern/xz.h>

#include "fuzz.h"

#define OUT_MAX		(1 << 20)

static struct xz_work *w;

struct expect {
	int ret;
	u64 start, len;		/* the payload in the image */
	u32 size;
	const char *name;
};

static const char *format_name(const u8 *p, u64 n)
{
	if (n >= 6 && !memcmp(p, "\xfd\x37zXZ\0", 6))
		return "xz";
	if (n >= 2 && p[0] == 0x1f && p[1] == 0x8b)
		return "gzip";
	if (n >= 3 && !memcmp(p, "BZh", 3))
		return "bzip2";
	if (n >= 3 && p[0] == 0x5d && !p[1] && !p[2])
		return "lzma";
	if (n >= 4 && !memcmp(p, "\x89LZO", 4))
		return "lzo";
	if (n >= 4 && !memcmp(p, "\x02\x21\x4c\x18", 4))
		return "lz4";
	if (n >= 4 && !memcmp(p, "\x28\xb5\x2f\xfd", 4))
		return "zstd";
	return NULL;
}

static void model(const u8 *d, size_t n, struct expect *e)
{
	u64 setup, version, init = 0;

	e->ret = -EINVAL;
	if (n < 0x264 || fuzz_le(d + 0x1fe, 2) != 0xaa55 ||
	    memcmp(d + 0x202, "HdrS", 4))
		return;
	version = fuzz_le(d + 0x206, 2);
	if (version < 0x208 || !(d[0x211] & 1))
		return;
	if (version >= 0x20a) {
		init = fuzz_le(d + 0x260, 4);
		if (!init)
			return;
	}
	setup = 512 * (1 + (d[0x1f1] ? d[0x1f1] : 4));
	e->start = setup + fuzz_le(d + 0x248, 4);
	e->len = fuzz_le(d + 0x24c, 4);
	if (setup >= n || e->len < 5 || e->start + e->len > n)
		return;
	e->size = (u32)fuzz_le(d + e->start + e->len - 4, 4);
	e->name = format_name(d + e->start, e->len - 4);
	if (!e->name || !e->size || (init && e->size > init))
		return;
	e->ret = strcmp(e->name, "xz") ? -EOPNOTSUPP : 0;
}

int LLVMFuzzerTestOneInput(const u8 *data, size_t size)
{
	u8 *img = malloc(size ? size : 1), *out, *ref;
	struct bzimage_info bi;
	struct expect e;
	size_t out_max;
	long r;
	int pr;

	if (!w)
		w = malloc(sizeof(*w));
	FUZZ_CHECK(w && img);
	memcpy(img, data, size);

	model(img, size, &e);
	pr = bzimage_parse(img, size, &bi);
	FUZZ_CHECK(pr == e.ret);
	FUZZ_CHECK(bi.comp_name);
	if (!pr || pr == -EOPNOTSUPP) {
		FUZZ_CHECK(bi.payload == img + e.start);
		FUZZ_CHECK(bi.payload_len == e.len);
		FUZZ_CHECK(bi.uncompressed_size == e.size);
		FUZZ_CHECK(!strcmp(bi.comp_name, e.name));
		FUZZ_CHECK(bi.pm_offset == 512 * (1 + (size_t)bi.setup_sects));
		FUZZ_CHECK(bi.setup_sects >= 1);
	}

	out_max = !pr && e.size <= OUT_MAX ? e.size : OUT_MAX;
	out = malloc(out_max);
	ref = malloc(out_max);
	FUZZ_CHECK(out && ref);
	r = bzimage_decompress(img, size, out, out_max, w);
	if (pr) {
		FUZZ_CHECK(r == pr);
	} else if (e.size > out_max) {
		FUZZ_CHECK(r == -ENOSPC);
	} else if (r >= 0) {
		uint64_t memlimit = 64 << 20;
		size_t ip = 0, op = 0;
		lzma_ret lr;

		FUZZ_CHECK(r == (long)e.size);
		lr = lzma_stream_buffer_decode(&memlimit, 0, NULL, bi.payload,
					       &ip, bi.payload_len - 4, ref,
					       &op, out_max);
		if (lr == LZMA_OK)
			FUZZ_CHECK(op == (size_t)r && !memcmp(out, ref, op));
	} else {
		FUZZ_CHECK(r == -EINVAL || r == -EPROTO || r == -EOPNOTSUPP);
	}
	free(out);
	free(ref);
	free(img);
	return 0;
}
