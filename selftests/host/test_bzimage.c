// SPDX-License-Identifier: GPL-2.0
/*
 * Host tests for lib/xz/bzimage.c (include/tern/bzimage.h). The images
 * are synthetic bzImages laid out as Linux's build lays them out: setup
 * sectors with the boot protocol header, a protected-mode part holding
 * some stand-in decompressor code and the payload, i.e. an .xz stream
 * made here by liblzma (x86 BCJ + LZMA2, CRC32, as Linux's xz_wrap.sh)
 * of a stand-in vmlinux, followed by its size (4 bytes little endian).
 *
 * Covered: a good image (every field reported, the payload unpacked and
 * compared), setup_sects 0, protocol 2.08 (no init_size), each header
 * field out of range, every other compression format by magic (named),
 * cutting the image at every length, and payloads whose appended size,
 * trailing bytes, stream or room disagree. The host's own kernels
 * (/boot/vmlinuz-*), where there are any, are unpacked too.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <glob.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>
#include <lzma.h>

#include <tern/bzimage.h>
#include <tern/xz.h>

#define ELF_LEN		150000
#define PM_CODE		0x3000	/* stand-in decompressor before the payload */
#define TAIL		0x200	/* and after it */

static struct xz_work *w;
static u8 *elf;

struct img {
	u8 *p;
	size_t len;
	size_t setup_len;
	size_t payload_off;	/* in the file */
	size_t payload_len;
};

static void le16(u8 *p, u16 v)
{
	p[0] = (u8)v;
	p[1] = (u8)(v >> 8);
}

static void le32(u8 *p, u32 v)
{
	le16(p, (u16)v);
	le16(p + 2, (u16)(v >> 16));
}

/* The .xz payload (with its appended size) of elf[0..n). */
static u8 *payload(size_t n, lzma_check check, size_t *len)
{
	lzma_options_lzma lz;
	lzma_filter f[3] = {
		{ .id = LZMA_FILTER_X86 },
		{ .id = LZMA_FILTER_LZMA2, .options = &lz },
		{ .id = LZMA_VLI_UNKNOWN },
	};
	size_t cap = lzma_stream_buffer_bound(n) + 4, pos = 0;
	u8 *p = malloc(cap);

	assert_non_null(p);
	assert_false(lzma_lzma_preset(&lz, 6));
	lz.dict_size = 32u << 20;	/* what Linux asks for */
	assert_int_equal(lzma_stream_buffer_encode(f, check, NULL, elf, n, p,
						   &pos, cap), LZMA_OK);
	le32(p + pos, (u32)n);
	*len = pos + 4;
	return p;
}

/*
 * An image with the given setup sectors (0 = 4) and payload bytes; the
 * header as Linux 6.1 fills it (protocol 2.15).
 */
static struct img make_img(u8 setup_sects, const u8 *pl, size_t plen)
{
	struct img im;
	size_t i;
	u8 *h;

	im.setup_len = ((size_t)(setup_sects ? setup_sects : 4) + 1) * 512;
	im.payload_off = im.setup_len + PM_CODE;
	im.payload_len = plen;
	im.len = im.payload_off + plen + TAIL;
	im.p = malloc(im.len);
	assert_non_null(im.p);
	for (i = 0; i < im.len; i++)
		im.p[i] = (u8)(i * 7 + 3);
	h = im.p;
	memset(h + 0x1f1, 0, 0x270 - 0x1f1);
	h[0x1f1] = setup_sects;
	le32(h + 0x1f4, (u32)((im.len - im.setup_len + 15) / 16));
	le16(h + 0x1fe, 0xaa55);
	h[0x200] = 0xeb;
	h[0x201] = 0x6a;
	memcpy(h + 0x202, "HdrS", 4);
	le16(h + 0x206, 0x020f);
	h[0x211] = 0x01;			/* LOADED_HIGH */
	le32(h + 0x214, 0x100000);		/* code32_start */
	le32(h + 0x230, 0x200000);		/* kernel_alignment */
	h[0x234] = 1;				/* relocatable */
	le16(h + 0x236, 0x7f);			/* xloadflags */
	le32(h + 0x248, PM_CODE);		/* payload_offset */
	le32(h + 0x24c, (u32)plen);		/* payload_length */
	le32(h + 0x258, 0x1000000);		/* pref_address */
	le32(h + 0x260, 4 * ELF_LEN);		/* init_size */
	memcpy(im.p + im.payload_off, pl, plen);
	/* a plausible size at the very end, for payloads reaching there */
	le32(im.p + im.len - 4, ELF_LEN);
	return im;
}

static struct img good_img(void)
{
	size_t plen;
	u8 *pl = payload(ELF_LEN, LZMA_CHECK_CRC32, &plen);
	struct img im = make_img(0x1e, pl, plen);

	free(pl);
	return im;
}

/* bzimage_decompress into a heap buffer of exactly out_max bytes. */
static long unpack(const struct img *im, size_t len, size_t out_max,
		   bool compare)
{
	u8 *copy = malloc(len ? len : 1), *out = malloc(out_max + !out_max);
	long r;

	assert_non_null(copy);
	assert_non_null(out);
	memcpy(copy, im->p, len);
	r = bzimage_decompress(copy, len, out, out_max, w);
	if (compare && r >= 0)
		assert_memory_equal(out, elf, (size_t)r);
	free(copy);
	free(out);
	return r;
}

static int parse(const struct img *im, struct bzimage_info *bi)
{
	return bzimage_parse(im->p, im->len, bi);
}

static void test_good(void **state)
{
	struct img im = good_img();
	struct bzimage_info bi;

	assert_int_equal(parse(&im, &bi), 0);
	assert_int_equal(bi.version, 0x020f);
	assert_int_equal(bi.setup_sects, 0x1e);
	assert_int_equal(bi.pm_offset, im.setup_len);
	assert_ptr_equal(bi.payload, im.p + im.payload_off);
	assert_int_equal(bi.payload_len, im.payload_len);
	assert_int_equal(bi.comp, BZIMAGE_COMP_XZ);
	assert_string_equal(bi.comp_name, "xz");
	assert_int_equal(bi.uncompressed_size, ELF_LEN);
	assert_int_equal(bi.init_size, 4 * ELF_LEN);
	assert_int_equal(bi.kernel_alignment, 0x200000);
	assert_true(bi.pref_address == 0x1000000);
	assert_int_equal(bi.loadflags, 1);
	assert_int_equal(bi.xloadflags, 0x7f);
	assert_true(xz_is_stream(bi.payload, bi.payload_len));

	assert_int_equal(unpack(&im, im.len, ELF_LEN, true), ELF_LEN);
	assert_int_equal(unpack(&im, im.len, ELF_LEN + 4096, true), ELF_LEN);
	assert_int_equal(unpack(&im, im.len, ELF_LEN - 1, false), -ENOSPC);
	free(im.p);
}

static void test_setup_sects_zero(void **state)
{
	size_t plen;
	u8 *pl = payload(1000, LZMA_CHECK_CRC64, &plen);
	struct img im = make_img(0, pl, plen);
	struct bzimage_info bi;

	assert_int_equal(parse(&im, &bi), 0);
	assert_int_equal(bi.setup_sects, 4);
	assert_int_equal(bi.pm_offset, 5 * 512);
	assert_int_equal(unpack(&im, im.len, 1000, true), 1000);
	free(im.p);
	free(pl);
}

/* One header change and what it must give. */
struct mod {
	const char *what;
	unsigned int off;
	unsigned int size;	/* 1, 2 or 4 bytes */
	u32 val;
	int want;
};

static void test_header_fields(void **state)
{
	struct img im = good_img();
	size_t pm_len = im.len - im.setup_len;
	const struct mod mods[] = {
		{ "boot flag", 0x1fe, 2, 0xaa56, -EINVAL },
		{ "boot flag 0", 0x1fe, 2, 0, -EINVAL },
		{ "HdrS", 0x202, 4, 0x54726448, -EINVAL },
		{ "version 2.07", 0x206, 2, 0x0207, -EINVAL },
		{ "version 0", 0x206, 2, 0, -EINVAL },
		{ "version 2.08", 0x206, 2, 0x0208, 0 },
		{ "version 2.10", 0x206, 2, 0x020a, 0 },
		{ "not loaded high", 0x211, 1, 0x80, -EINVAL },
		{ "setup past the end", 0x1f1, 1, 0xff, -EINVAL },
		{ "init_size 0", 0x260, 4, 0, -EINVAL },
		{ "init_size too small", 0x260, 4, ELF_LEN - 1, -EINVAL },
		{ "init_size exact", 0x260, 4, ELF_LEN, 0 },
		{ "payload_length 0", 0x24c, 4, 0, -EINVAL },
		{ "payload_length 4", 0x24c, 4, 4, -EINVAL },
		{ "payload_length to the end", 0x24c, 4,
		  (u32)(pm_len - PM_CODE), 0 },
		{ "payload_length past the end", 0x24c, 4,
		  (u32)(pm_len - PM_CODE + 1), -EINVAL },
		{ "payload_length huge", 0x24c, 4, 0xffffffff, -EINVAL },
		{ "payload_offset past the end", 0x248, 4,
		  (u32)(pm_len - im.payload_len + 1), -EINVAL },
		{ "payload_offset huge", 0x248, 4, 0xfffffff0, -EINVAL },
		{ "payload_offset at the start", 0x248, 4, 0, -EINVAL },
	};
	struct bzimage_info bi;
	size_t i;

	/* the image is smaller than setup_sects 0xff says */
	assert_true(im.len <= 256 * 512);
	for (i = 0; i < ARRAY_SIZE(mods); i++) {
		u8 save[4];
		u8 *p = im.p + mods[i].off;
		int r;

		memcpy(save, p, 4);
		if (mods[i].size == 1)
			p[0] = (u8)mods[i].val;
		else if (mods[i].size == 2)
			le16(p, (u16)mods[i].val);
		else
			le32(p, mods[i].val);
		r = parse(&im, &bi);
		if (r != mods[i].want)
			fail_msg("%s: %d, want %d", mods[i].what, r,
				 mods[i].want);
		if (!strcmp(mods[i].what, "version 2.08")) {
			assert_int_equal(bi.init_size, 0);
			assert_true(bi.pref_address == 0);
			assert_int_equal(bi.xloadflags, 0);
		}
		/* a payload_length that takes in the tail: not stream padding */
		if (!r && mods[i].off == 0x24c)
			assert_int_equal(unpack(&im, im.len, ELF_LEN, false),
					 -EPROTO);
		else if (!r)
			assert_int_equal(unpack(&im, im.len, ELF_LEN, true),
					 ELF_LEN);
		else
			assert_int_equal(unpack(&im, im.len, ELF_LEN, false), r);
		memcpy(p, save, 4);
	}
	assert_int_equal(parse(&im, &bi), 0);

	/* too short for the header at all */
	assert_int_equal(bzimage_parse(im.p, 0x263, &bi), -EINVAL);
	assert_string_equal(bi.comp_name, "unknown");
	free(im.p);
}

static void test_formats(void **state)
{
	static const struct {
		const char *magic;
		size_t len;
		enum bzimage_comp comp;
		const char *name;
	} fm[] = {
		{ "\x1f\x8b\x08\x00", 4, BZIMAGE_COMP_GZIP, "gzip" },
		{ "BZh9", 4, BZIMAGE_COMP_BZIP2, "bzip2" },
		{ "\x5d\x00\x00\x80", 4, BZIMAGE_COMP_LZMA, "lzma" },
		{ "\x89LZO", 4, BZIMAGE_COMP_LZO, "lzo" },
		{ "\x02\x21\x4c\x18", 4, BZIMAGE_COMP_LZ4, "lz4" },
		{ "\x28\xb5\x2f\xfd", 4, BZIMAGE_COMP_ZSTD, "zstd" },
		{ "\x1f\x9e\x00\x00", 4, BZIMAGE_COMP_UNKNOWN, "unknown" },
		{ "\xfd\x37zXY", 5, BZIMAGE_COMP_UNKNOWN, "unknown" },
	};
	u8 pl[64];
	size_t i;

	for (i = 0; i < ARRAY_SIZE(fm); i++) {
		struct bzimage_info bi;
		struct img im;
		int want = fm[i].comp ? -EOPNOTSUPP : -EINVAL;

		memset(pl, 0x11, sizeof(pl));
		memcpy(pl, fm[i].magic, fm[i].len);
		le32(pl + sizeof(pl) - 4, 5000);
		im = make_img(4, pl, sizeof(pl));
		assert_int_equal(parse(&im, &bi), want);
		assert_int_equal(bi.comp, fm[i].comp);
		assert_string_equal(bi.comp_name, fm[i].name);
		if (fm[i].comp) {
			assert_int_equal(bi.uncompressed_size, 5000);
			assert_ptr_equal(bi.payload, im.p + im.payload_off);
		}
		assert_int_equal(unpack(&im, im.len, 8192, false), want);
		free(im.p);
	}
	/* a payload of 5 bytes: one byte of stream, too short for any magic */
	memcpy(pl, "\xfd\x01\x00\x00\x00", 5);
	{
		struct img im = make_img(4, pl, 5);
		struct bzimage_info bi;

		assert_int_equal(parse(&im, &bi), -EINVAL);
		free(im.p);
	}
}

/* Every length: parsing must fail until the whole payload is there. */
static void test_truncated(void **state)
{
	struct img im = good_img();
	size_t end = im.payload_off + im.payload_len, len;
	struct bzimage_info bi;

	for (len = 0; len <= im.len; len++) {
		bool copied = len < 0x1000 || len % 997 == 0 ||
			      len + 64 > end;
		u8 *copy = copied ? malloc(len + !len) : im.p;
		int r;

		/* a heap copy of exactly len bytes (ASan) where it matters */
		assert_non_null(copy);
		if (copied)
			memcpy(copy, im.p, len);
		r = bzimage_parse(copy, len, &bi);
		if (copied)
			free(copy);
		assert_int_equal(r, len < end ? -EINVAL : 0);
	}
	assert_int_equal(unpack(&im, end, ELF_LEN, true), ELF_LEN);
	assert_int_equal(unpack(&im, end - 1, ELF_LEN, false), -EINVAL);
	free(im.p);
}

/* Payloads that lie about their size or carry more than the stream. */
static void test_payload_errors(void **state)
{
	size_t plen, n;
	u8 *pl = payload(ELF_LEN, LZMA_CHECK_CRC32, &plen);
	u8 *big = malloc(plen + 8);
	struct img im;

	assert_non_null(big);
	/* appended size one off either way */
	for (n = ELF_LEN - 1; n <= ELF_LEN + 1; n += 2) {
		memcpy(big, pl, plen);
		le32(big + plen - 4, (u32)n);
		im = make_img(8, big, plen);
		assert_int_equal(unpack(&im, im.len, ELF_LEN + 8, false),
				 -EPROTO);
		free(im.p);
	}
	/* stream padding before the size: 4 zeros yes, 3 or 4 junk no */
	for (n = 0; n < 3; n++) {
		static const long want[] = { ELF_LEN, -EPROTO, -EPROTO };

		memcpy(big, pl, plen - 4);
		memset(big + plen - 4, n == 2 ? 0x20 : 0, 4);
		le32(big + plen + (n == 1 ? -1 : 0), ELF_LEN);
		im = make_img(8, big, plen + (n == 1 ? 3 : 4));
		assert_int_equal(unpack(&im, im.len, ELF_LEN, want[n] >= 0),
				 want[n]);
		free(im.p);
	}
	/* a damaged stream */
	memcpy(big, pl, plen);
	big[plen / 2] ^= 0x08;
	im = make_img(8, big, plen);
	assert_int_equal(unpack(&im, im.len, ELF_LEN, false), -EPROTO);
	free(im.p);
	free(pl);
	/* valid .xz the decoder does not do */
	pl = payload(1000, LZMA_CHECK_SHA256, &plen);
	im = make_img(8, pl, plen);
	assert_int_equal(unpack(&im, im.len, 1000, false), -EOPNOTSUPP);
	free(im.p);
	free(pl);
	free(big);
}

/*
 * The host's own kernels, when it has any (/boot/vmlinuz-*, or the glob
 * in $TERN_VMLINUZ; at most two): XZ ones must unpack to an ELF image equal to liblzma's reading
 * of the payload; others must at least parse to a named format.
 */
static void test_host_kernels(void **state)
{
	const char *pattern = getenv("TERN_VMLINUZ");
	glob_t g;
	size_t i, tried = 0;

	if (glob(pattern ? pattern : "/boot/vmlinuz-*", 0, NULL, &g)) {
		skip();
		return;
	}
	for (i = 0; i < g.gl_pathc && tried < 2; i++) {
		FILE *f = fopen(g.gl_pathv[i], "rb");
		struct bzimage_info bi;
		u8 *img, *out, *ref;
		uint64_t memlimit = UINT64_MAX;
		size_t len, ip = 0, op = 0;
		long r;

		if (!f)
			continue;
		fseek(f, 0, SEEK_END);
		len = (size_t)ftell(f);
		rewind(f);
		img = malloc(len);
		assert_non_null(img);
		assert_int_equal(fread(img, 1, len, f), len);
		fclose(f);
		tried++;
		r = bzimage_parse(img, len, &bi);
		print_message("%s: %s payload, %u bytes unpacked\n",
			      g.gl_pathv[i], bi.comp_name,
			      bi.uncompressed_size);
		if (r) {
			assert_int_equal(r, -EOPNOTSUPP);
			free(img);
			continue;
		}
		out = malloc(bi.uncompressed_size);
		ref = malloc(bi.uncompressed_size);
		assert_non_null(out);
		assert_non_null(ref);
		r = bzimage_decompress(img, len, out, bi.uncompressed_size, w);
		assert_int_equal(r, bi.uncompressed_size);
		assert_memory_equal(out, "\x7f\x45LF", 4);
		assert_int_equal(lzma_stream_buffer_decode(&memlimit, 0, NULL,
							   bi.payload, &ip,
							   bi.payload_len - 4,
							   ref, &op, (size_t)r),
				 LZMA_OK);
		assert_int_equal(op, r);
		assert_memory_equal(out, ref, op);
		free(out);
		free(ref);
		free(img);
	}
	globfree(&g);
}

static int setup(void **state)
{
	size_t i;

	w = malloc(sizeof(*w));
	elf = malloc(ELF_LEN);
	assert_non_null(w);
	assert_non_null(elf);
	/* an ELF header, then code-like bytes with calls */
	memcpy(elf, "\x7f\x45LF\x02\x01\x01", 7);
	for (i = 7; i < ELF_LEN; i++)
		elf[i] = i % 23 == 0 ? 0xe8 : (u8)((i * 2654435761u) >> 13);
	return 0;
}

static int teardown(void **state)
{
	free(w);
	free(elf);
	return 0;
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_good),
		cmocka_unit_test(test_setup_sects_zero),
		cmocka_unit_test(test_header_fields),
		cmocka_unit_test(test_formats),
		cmocka_unit_test(test_truncated),
		cmocka_unit_test(test_payload_errors),
		cmocka_unit_test(test_host_kernels),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
