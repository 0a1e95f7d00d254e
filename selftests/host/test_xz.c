// SPDX-License-Identifier: GPL-2.0
/*
 * Host tests for lib/xz (include/tern/xz.h), differential against
 * Debian's liblzma (-llzma, liblzma-dev): every stream is made here by
 * liblzma from deterministic inputs (empty, one byte, random, zeros,
 * text, repetitive, pseudo-x86 code with E8/E9 calls, /bin/bash when
 * present), decoded by xz_decode() into a heap buffer of exactly the
 * expected size (ASan sees any overrun) and compared byte for byte with
 * the input:
 *  - filter chains LZMA2 and x86 BCJ + LZMA2 (BCJ start offsets too),
 *    presets 0-9 and 0-9 extreme, dictionaries 4 KiB .. 32 MiB, lc/lp/pb
 *    and match finder variations, checks none, CRC32, CRC64 (SHA-256 and
 *    reserved checks give -EOPNOTSUPP);
 *  - LZMA2 chunk boundaries (64 KiB uncompressed chunks of incompressible
 *    data, 2 MiB LZMA chunks, state resets, new properties without a
 *    dictionary reset, dictionary resets inside a block), with the chunk
 *    kinds seen asserted so that the coverage cannot silently go;
 *  - several blocks: the stream encoder with LZMA_FULL_FLUSH (no sizes in
 *    the block headers), the threaded encoder's block_size (sizes), and
 *    blocks built one by one (mixed filters, empty blocks);
 *  - malformed input: truncation at every length, every single-bit flip
 *    of small streams (CRC'd streams must fail; any success must give the
 *    original), out_max one byte short (-ENOSPC), trailing padding and
 *    garbage (*in_used), and one hand-built stream per rule of the format
 *    (header fields, VLIs, filter chains, sizes, index, footer, padding,
 *    LZMA2 control bytes), each with its CRCs fixed up so that the rule
 *    itself is what fails.
 *
 * `test_xz --bench [MiB]` (build it with -O2 and no sanitizers) times
 * the decoding of a pseudo-x86 image compressed like Linux's bzImage
 * payload (x86 BCJ + LZMA2, dict 32 MiB, CRC32).
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <cmocka.h>
#include <lzma.h>

#include <tern/xz.h>

static struct xz_work *w;

/* ---- deterministic inputs ------------------------------------------ */

static u64 rng_state;

static u32 rnd(void)
{
	rng_state ^= rng_state << 13;
	rng_state ^= rng_state >> 7;
	rng_state ^= rng_state << 17;
	return (u32)(rng_state >> 16);
}

static void seed(u64 s)
{
	rng_state = s * 0x9e3779b97f4a7c15ull + 1;
}

enum kind { K_RANDOM, K_ZEROS, K_TEXT, K_REPEAT, K_X86, K_BCJ, K_MIXED,
	    K_NR };

static const char *const words[] = {
	"the ", "kernel ", "xen ", "domain ", "page ", "grant ", "event ",
	"channel ", "of ", "and ", "a ", "to ", "in ", "memory ", "block ",
	"stream ", "\n", "int ", "return ", "struct ", "{\n", "}\n", "; ",
};

static void put32(u8 *p, u32 v)
{
	p[0] = (u8)v;
	p[1] = (u8)(v >> 8);
	p[2] = (u8)(v >> 16);
	p[3] = (u8)(v >> 24);
}

/*
 * Something like compiled x86-64 code: calls and jumps with rel32
 * operands to near targets (what the BCJ filter converts), far ones (it
 * must not), and common instructions whose immediates hold E8/E9, 00 and
 * ff bytes.
 */
static void gen_x86(u8 *p, size_t n)
{
	static const u8 ops[][4] = {
		{ 0x48, 0x89, 0xe5 }, { 0x55 }, { 0x5d }, { 0xc3 },
		{ 0x48, 0x83, 0xec, 0x08 }, { 0x31, 0xc0 }, { 0x85, 0xc0 },
		{ 0x74, 0x10 }, { 0x75, 0xe8 }, { 0x0f, 0x1f, 0x00 },
		{ 0x48, 0x8b, 0x45, 0xf8 }, { 0x89, 0xc7 }, { 0xcc },
	};
	size_t i = 0;

	while (i < n) {
		u32 r = rnd() % 20, t;
		size_t k;

		if (r < 6 && i + 5 <= n) {
			/* call/jmp to a 16-aligned place within 1 MiB */
			p[i] = r < 4 ? 0xe8 : 0xe9;
			t = (u32)((i & ~15ul) + (rnd() % 65536) * 16) -
			    (1u << 19);
			put32(p + i + 1, t - (u32)(i + 5));
			i += 5;
		} else if (r == 6 && i + 5 <= n) {
			p[i] = 0xe8;		/* far: high byte not 00/ff */
			put32(p + i + 1, rnd());
			i += 5;
		} else if (r == 7 && i + 5 <= n) {
			p[i] = 0xb8 + rnd() % 8;	/* mov imm32 */
			put32(p + i + 1, rnd() % 3 ? rnd() % 4096 :
			      0xe8e8e900u | (rnd() & 0xff));
			i += 5;
		} else if (r == 8 && i + 6 <= n) {
			p[i] = 0x0f;		/* jcc rel32 */
			p[i + 1] = 0x80 + rnd() % 16;
			put32(p + i + 2, rnd() % 2048 - 1024);
			i += 6;
		} else {
			const u8 *op = ops[rnd() % ARRAY_SIZE(ops)];

			for (k = 0; k < 4 && i < n && (k == 0 || op[k]); k++)
				p[i++] = op[k];
		}
	}
}

/* Dense E8/E9 with 00/ff around: every history state of the BCJ filter */
static void gen_bcj(u8 *p, size_t n)
{
	static const u8 alpha[] = { 0xe8, 0xe9, 0x00, 0xff, 0x01, 0xfe,
				    0xe8, 0x00, 0xff, 0x80 };
	size_t i;

	for (i = 0; i < n; i++)
		p[i] = rnd() % 4 ? alpha[rnd() % ARRAY_SIZE(alpha)] :
				   (u8)rnd();
}

static void gen(enum kind k, u8 *p, size_t n, u64 s)
{
	size_t i, j;

	seed(s);
	switch (k) {
	case K_RANDOM:
		for (i = 0; i < n; i++)
			p[i] = (u8)rnd();
		break;
	case K_ZEROS:
		memset(p, 0, n);
		break;
	case K_TEXT:
		for (i = 0; i < n;) {
			const char *wd = words[rnd() % ARRAY_SIZE(words)];

			for (j = 0; wd[j] && i < n; j++)
				p[i++] = (u8)wd[j];
		}
		break;
	case K_REPEAT:
		for (i = 0; i < n; i++)
			p[i] = (u8)("abcabcabd"[i % 9] + (rnd() % 97 == 0));
		break;
	case K_X86:
		gen_x86(p, n);
		break;
	case K_BCJ:
		gen_bcj(p, n);
		break;
	case K_MIXED:
		/* 160 kB runs, alternately incompressible and text */
		for (i = 0; i < n; i += 160000) {
			size_t m = n - i < 160000 ? n - i : 160000;

			gen((i / 160000) & 1 ? K_TEXT : K_RANDOM, p + i, m,
			    s + i);
		}
		break;
	default:
		fail();
	}
}

static u8 *alloc_gen(enum kind k, size_t n, u64 s)
{
	u8 *p = malloc(n ? n : 1);

	assert_non_null(p);
	gen(k, p, n, s);
	return p;
}

/* ---- liblzma side ---------------------------------------------------- */

struct chain {
	lzma_options_lzma lz;
	lzma_options_bcj bcj;
	lzma_filter f[3];
};

static void make_chain(struct chain *c, bool x86, u32 preset, u32 dict)
{
	memset(c, 0, sizeof(*c));
	assert_false(lzma_lzma_preset(&c->lz, preset));
	if (dict)
		c->lz.dict_size = dict;
	if (x86) {
		c->f[0].id = LZMA_FILTER_X86;
		c->f[0].options = &c->bcj;
		c->f[1].id = LZMA_FILTER_LZMA2;
		c->f[1].options = &c->lz;
		c->f[2].id = LZMA_VLI_UNKNOWN;
	} else {
		c->f[0].id = LZMA_FILTER_LZMA2;
		c->f[0].options = &c->lz;
		c->f[1].id = LZMA_VLI_UNKNOWN;
	}
}

/* The smallest dictionary >= 4 KiB that holds n, at most dict. */
static u32 fit_dict(u32 dict, size_t n)
{
	u32 d = 4096;

	while (d < n && d < dict)
		d <<= 1;
	return d < dict ? d : dict;
}

struct buf {
	u8 *p;
	size_t len;
	size_t cap;
};

static void buf_put(struct buf *b, const void *p, size_t n)
{
	if (b->len + n > b->cap) {
		b->cap = (b->len + n) * 2 + 64;
		b->p = realloc(b->p, b->cap);
		assert_non_null(b->p);
	}
	memcpy(b->p + b->len, p, n);
	b->len += n;
}

static void buf_free(struct buf *b)
{
	free(b->p);
	memset(b, 0, sizeof(*b));
}

static struct buf encode(const u8 *in, size_t n, const lzma_filter *f,
			 lzma_check check)
{
	struct buf b = { 0 };
	size_t pos = 0;

	b.cap = lzma_stream_buffer_bound(n);
	b.p = malloc(b.cap);
	assert_non_null(b.p);
	assert_int_equal(lzma_stream_buffer_encode((lzma_filter *)f, check,
						   NULL, in, n, b.p, &pos,
						   b.cap), LZMA_OK);
	b.len = pos;
	return b;
}

/* liblzma's view of a stream: its decoded bytes or NULL if it fails. */
static u8 *ref_decode(const u8 *in, size_t n, size_t out_max, size_t *len)
{
	uint64_t memlimit = UINT64_MAX;
	size_t ip = 0, op = 0;
	u8 *out = malloc(out_max ? out_max : 1);

	assert_non_null(out);
	if (lzma_stream_buffer_decode(&memlimit, 0, NULL, in, &ip, n, out,
				      &op, out_max) != LZMA_OK) {
		free(out);
		return NULL;
	}
	*len = op;
	return out;
}

/* ---- decoding and comparing ---------------------------------------- */

static long dec(const u8 *in, size_t n, size_t *used, u8 *out,
		size_t out_max)
{
	return xz_decode(in, n, used, out, out_max, w);
}

/* xz into a buffer of exactly out_max bytes (heap object: ASan). */
static long dec_exact(const u8 *in, size_t n, size_t *used, size_t out_max,
		      u8 **outp)
{
	u8 *in_copy = malloc(n ? n : 1), *out = malloc(out_max ? out_max : 1);
	long r;

	assert_non_null(in_copy);
	assert_non_null(out);
	memcpy(in_copy, in, n);
	r = dec(in_copy, n, used, out, out_max);
	free(in_copy);
	if (outp)
		*outp = out;
	else
		free(out);
	return r;
}

/*
 * The stream xz must decode to data[0..n) with in_used = its length;
 * with enospc, one byte less of room must give -ENOSPC.
 */
static void expect_roundtrip(const struct buf *xz, const u8 *data, size_t n,
			     bool enospc)
{
	size_t used = 12345;
	u8 *out;
	long r;

	r = dec_exact(xz->p, xz->len, &used, n, &out);
	assert_int_equal(r, (long)n);
	assert_int_equal(used, xz->len);
	assert_memory_equal(out, data, n);
	free(out);
	if (enospc && n) {
		r = dec_exact(xz->p, xz->len, &used, n - 1, NULL);
		assert_int_equal(r, -ENOSPC);
		assert_int_equal(used, 0);
	}
}

static void roundtrip(const u8 *data, size_t n, const lzma_filter *f,
		      lzma_check check, bool enospc)
{
	struct buf xz = encode(data, n, f, check);

	expect_roundtrip(&xz, data, n, enospc);
	buf_free(&xz);
}

/* ---- LZMA2 chunk kinds of a one-block stream --------------------------- */

enum {
	CH_UNCOMP_RESET = 1 << 0,	/* 0x01 */
	CH_UNCOMP = 1 << 1,		/* 0x02 */
	CH_LZMA = 1 << 2,		/* 0x80 */
	CH_LZMA_STATE = 1 << 3,		/* 0xa0 */
	CH_LZMA_PROPS = 1 << 4,		/* 0xc0 */
	CH_LZMA_DICT = 1 << 5,		/* 0xe0 */
	CH_FULL_USIZE = 1 << 6,		/* an LZMA chunk of ~2 MiB out */
};

static unsigned int chunk_kinds(const u8 *p, size_t n)
{
	unsigned int seen = 0;
	size_t i = 0;

	while (i < n && p[i]) {
		u8 c = p[i];

		if (c < 0x80) {
			seen |= c == 1 ? CH_UNCOMP_RESET : CH_UNCOMP;
			i += 3 + ((size_t)p[i + 1] << 8 | p[i + 2]) + 1;
			continue;
		}
		seen |= CH_LZMA << ((c >> 5) & 3);
		/* liblzma stops a little short of the 2 MiB limit */
		if (((size_t)(c & 0x1f) << 16 | (size_t)p[i + 1] << 8 |
		     p[i + 2]) >= (2u << 20) - 1024)
			seen |= CH_FULL_USIZE;
		i += 5 + (c >= 0xc0) + ((size_t)p[i + 3] << 8 | p[i + 4]) + 1;
	}
	return seen;
}

/* The LZMA2 data of every block of a stream (walking our own format). */
static unsigned int stream_chunk_kinds(const struct buf *xz)
{
	unsigned int seen = 0;
	size_t used = 0, i = 12;

	/* only streams whose block headers hold the compressed size */
	while (i < xz->len && xz->p[i]) {
		size_t hs = ((size_t)xz->p[i] + 1) * 4, pos = i + 2, csize = 0;
		unsigned int sh = 0;

		assert_true(xz->p[i + 1] & 0x40);
		do {
			csize |= (size_t)(xz->p[pos] & 0x7f) << sh;
			sh += 7;
		} while (xz->p[pos++] & 0x80);
		seen |= chunk_kinds(xz->p + i + hs, csize);
		used = i + hs + csize;
		used = (used + 3) & ~(size_t)3;
		i = used + (xz->p[7] == 1 ? 4 : xz->p[7] == 4 ? 8 : 0);
	}
	return seen;
}

/* ---- tests: the matrix ----------------------------------------------- */

static const size_t kind_len[K_NR] = {
	[K_RANDOM] = 70000, [K_ZEROS] = 100000, [K_TEXT] = 60000,
	[K_REPEAT] = 50000, [K_X86] = 80000, [K_BCJ] = 30000,
	[K_MIXED] = 100000,
};

static void test_presets(void **state)
{
	static const lzma_check checks[] = { LZMA_CHECK_NONE,
					     LZMA_CHECK_CRC32,
					     LZMA_CHECK_CRC64 };
	unsigned int k, preset, x86, nr = 0;

	for (k = 0; k < K_NR; k++) {
		size_t n = kind_len[k];
		u8 *data = alloc_gen(k, n, k + 1);

		for (preset = 0; preset < 20; preset++) {
			for (x86 = 0; x86 < 2; x86++) {
				u32 p = (preset % 10) |
					(preset >= 10 ? LZMA_PRESET_EXTREME : 0);
				struct chain c;

				make_chain(&c, x86, p, 0);
				c.lz.dict_size = fit_dict(c.lz.dict_size, n);
				roundtrip(data, n, c.f, checks[nr % 3],
					  nr % 5 == 0);
				nr++;
			}
		}
		free(data);
	}
}

/* Empty and one-byte inputs, every check and both chains; SHA-256. */
static void test_tiny(void **state)
{
	static const lzma_check checks[] = { LZMA_CHECK_NONE,
					     LZMA_CHECK_CRC32,
					     LZMA_CHECK_CRC64 };
	unsigned int c, x86, b;
	struct chain ch;

	for (c = 0; c < 3; c++) {
		for (x86 = 0; x86 < 2; x86++) {
			make_chain(&ch, x86, 6, 4096);
			roundtrip((const u8 *)"", 0, ch.f, checks[c], false);
			for (b = 0; b < 256; b += 51) {
				u8 one = (u8)b;

				roundtrip(&one, 1, ch.f, checks[c], true);
			}
			roundtrip((const u8 *)"\xe8\0\0\0\0", 5, ch.f,
				  checks[c], true);
		}
	}
	/* SHA-256: valid, not supported */
	for (b = 0; b < 2; b++) {
		struct buf xz;
		size_t used;

		make_chain(&ch, b, 6, 4096);
		xz = encode((const u8 *)"abcdef", 6, ch.f, LZMA_CHECK_SHA256);
		assert_int_equal(dec_exact(xz.p, xz.len, &used, 6, NULL),
				 -EOPNOTSUPP);
		buf_free(&xz);
	}
}

/* Matches 600 KiB back: only dictionaries that large may find them. */
static void test_dict_sizes(void **state)
{
	static const u32 dicts[] = { 4096, 8192, 65536, 1u << 20, 3u << 20,
				     8u << 20, 32u << 20 };
	size_t part = 600 << 10, n = 3 * part, i;
	u8 *data = alloc_gen(K_RANDOM, n, 77);
	struct buf prev = { 0 };

	memcpy(data + part, data, part);
	memcpy(data + 2 * part, data, part);
	for (i = 0; i < 40; i++)
		data[part + rnd() % (2 * part)] ^= 0x55;
	for (i = 0; i < ARRAY_SIZE(dicts); i++) {
		struct chain c;
		struct buf xz;

		make_chain(&c, i & 1, 6, dicts[i]);
		xz = encode(data, n, c.f, LZMA_CHECK_CRC32);
		expect_roundtrip(&xz, data, n, i == ARRAY_SIZE(dicts) - 1);
		/* the large dictionaries must really have been used */
		if (dicts[i] >= (1u << 20) && prev.len)
			assert_true(xz.len < prev.len / 2);
		if (dicts[i] < (1u << 20)) {
			buf_free(&prev);
			prev = xz;
		} else {
			buf_free(&xz);
		}
	}
	buf_free(&prev);
	free(data);
}

/* lc/lp/pb, match finders and modes. */
static void test_lzma_options(void **state)
{
	static const lzma_match_finder mfs[] = { LZMA_MF_HC3, LZMA_MF_HC4,
						 LZMA_MF_BT2, LZMA_MF_BT3,
						 LZMA_MF_BT4 };
	size_t n = 40000;
	u8 *x86 = alloc_gen(K_X86, n, 5), *text = alloc_gen(K_TEXT, n, 6);
	unsigned int lc, lp, pb, i = 0;

	for (lc = 0; lc <= 4; lc++) {
		for (lp = 0; lc + lp <= 4; lp++) {
			for (pb = 0; pb <= 4; pb++, i++) {
				struct chain c;

				make_chain(&c, i & 1, 1 + i % 9, 1 << 16);
				c.lz.lc = lc;
				c.lz.lp = lp;
				c.lz.pb = pb;
				c.lz.mf = mfs[i % ARRAY_SIZE(mfs)];
				c.lz.nice_len = i % 3 ? 273 : 8;
				c.lz.mode = i % 2 ? LZMA_MODE_NORMAL :
						    LZMA_MODE_FAST;
				roundtrip(i & 2 ? x86 : text, n, c.f,
					  LZMA_CHECK_CRC64, false);
			}
		}
	}
	free(x86);
	free(text);
}

/* The x86 filter with start offsets, including one that wraps. */
static void test_bcj_start(void **state)
{
	static const u32 starts[] = { 0, 16, 0x1000, 0x7ffffff0,
				      0xfffffff0, 0xfffff000 };
	size_t n = 100000, i;
	u8 *data = alloc_gen(K_X86, n, 9), *dense = alloc_gen(K_BCJ, n, 10);

	for (i = 0; i < ARRAY_SIZE(starts); i++) {
		struct chain c;

		make_chain(&c, true, 2, 1 << 17);
		c.bcj.start_offset = starts[i];
		roundtrip(data, n, c.f, LZMA_CHECK_CRC32, false);
		roundtrip(dense, n, c.f, LZMA_CHECK_CRC32, false);
	}
	free(data);
	free(dense);
}

/* Sizes around LZMA2's chunk limits: 64 KiB stored, 2 MiB out. */
static void test_chunks(void **state)
{
	static const size_t sizes[] = { 65535, 65536, 65537, 131072, 131073,
					200000 };
	static const size_t big[] = { (2u << 20) - 1, 2u << 20,
				      (2u << 20) + 1, (4u << 20) + 3 };
	unsigned int seen = 0;
	struct chain c;
	size_t i;

	make_chain(&c, false, 0, 1 << 16);
	for (i = 0; i < ARRAY_SIZE(sizes); i++) {
		u8 *r = alloc_gen(K_RANDOM, sizes[i], i);
		u8 *m = alloc_gen(K_MIXED, sizes[i] * 3, i);
		struct buf xz = encode(r, sizes[i], c.f, LZMA_CHECK_CRC32);

		seen |= stream_chunk_kinds(&xz);
		expect_roundtrip(&xz, r, sizes[i], true);
		buf_free(&xz);
		xz = encode(m, sizes[i] * 3, c.f, LZMA_CHECK_CRC64);
		seen |= stream_chunk_kinds(&xz);
		expect_roundtrip(&xz, m, sizes[i] * 3, true);
		buf_free(&xz);
		free(r);
		free(m);
	}
	assert_true(seen & CH_UNCOMP_RESET);
	assert_true(seen & CH_UNCOMP);
	assert_true(seen & CH_LZMA_STATE);

	for (i = 0; i < ARRAY_SIZE(big); i++) {
		u8 *z = alloc_gen(i & 1 ? K_REPEAT : K_ZEROS, big[i], i);
		struct buf xz;

		make_chain(&c, i & 1, 1, 1 << 20);
		xz = encode(z, big[i], c.f, LZMA_CHECK_CRC64);
		seen |= stream_chunk_kinds(&xz);
		expect_roundtrip(&xz, z, big[i], true);
		buf_free(&xz);
		free(z);
	}
	assert_true(seen & CH_FULL_USIZE);
	assert_true(seen & CH_LZMA);
	assert_true(seen & CH_LZMA_DICT);
}

/* /bin/bash (real x86-64 code), when there is one. */
static void test_real_code(void **state)
{
	FILE *f = fopen("/bin/bash", "rb");
	size_t n = 0, cap = 0;
	struct chain c;
	u8 *data = NULL;

	if (!f) {
		skip();
		return;
	}
	for (;;) {
		size_t got;

		if (n == cap) {
			cap = cap ? cap * 2 : 1 << 20;
			data = realloc(data, cap);
			assert_non_null(data);
		}
		got = fread(data + n, 1, cap - n, f);
		if (!got)
			break;
		n += got;
	}
	fclose(f);
	make_chain(&c, true, 6, 32u << 20);
	roundtrip(data, n, c.f, LZMA_CHECK_CRC32, true);
	make_chain(&c, false, 9 | LZMA_PRESET_EXTREME, 4u << 20);
	roundtrip(data, n > 300000 ? 300000 : n, c.f, LZMA_CHECK_CRC64,
		  false);
	free(data);
}

/* ---- several blocks ---------------------------------------------------- */

/*
 * The stream encoder: LZMA_FULL_FLUSH every `every` bytes starts a new
 * block (headers without sizes); LZMA_SYNC_FLUSH in between (LZMA2
 * alone: the x86 filter cannot sync-flush) ends LZMA2 chunks early.
 * With props, lc/lp/pb change at every flush.
 */
static struct buf stream_encode(const u8 *in, size_t n, size_t every,
				lzma_check check, bool x86, bool props)
{
	lzma_stream s = LZMA_STREAM_INIT;
	struct buf b = { 0 };
	struct chain c;
	size_t done = 0, step = 0;
	u8 tmp[65536];

	make_chain(&c, x86, 3, 1 << 20);
	assert_int_equal(lzma_stream_encoder(&s, c.f, check), LZMA_OK);
	for (;;) {
		size_t len = n - done < every / 2 ? n - done : every / 2;
		lzma_action a = len == n - done ? LZMA_FINISH :
				step & 1 || x86 ? LZMA_FULL_FLUSH :
						  LZMA_SYNC_FLUSH;
		lzma_ret r;

		s.next_in = in + done;
		s.avail_in = len;
		do {
			s.next_out = tmp;
			s.avail_out = sizeof(tmp);
			r = lzma_code(&s, a);
			assert_true(r == LZMA_OK || r == LZMA_STREAM_END);
			buf_put(&b, tmp, sizeof(tmp) - s.avail_out);
		} while (r != LZMA_STREAM_END);
		done += len;
		if (a == LZMA_FINISH)
			break;
		if (props) {
			c.lz.lc = step % 4;
			c.lz.lp = 4 - c.lz.lc - step % 2;
			c.lz.pb = step % 5;
			assert_int_equal(lzma_filters_update(&s, c.f),
					 LZMA_OK);
		}
		step++;
	}
	lzma_end(&s);
	return b;
}

static void test_multiblock_stream(void **state)
{
	size_t n = 700000;
	u8 *data = alloc_gen(K_MIXED, n, 31), *x86 = alloc_gen(K_X86, n, 32);
	struct buf xz;

	xz = stream_encode(data, n, 100000, LZMA_CHECK_CRC32, false, false);
	expect_roundtrip(&xz, data, n, true);
	buf_free(&xz);
	xz = stream_encode(x86, n, 65536, LZMA_CHECK_CRC64, true, true);
	expect_roundtrip(&xz, x86, n, true);
	buf_free(&xz);
	xz = stream_encode(x86, 1000, 64, LZMA_CHECK_NONE, true, true);
	expect_roundtrip(&xz, x86, 1000, true);
	buf_free(&xz);
	free(data);
	free(x86);
}

static void test_multiblock_mt(void **state)
{
	size_t n = 1500000, out_pos = 0;
	u8 *data = alloc_gen(K_X86, n, 41);
	lzma_stream s = LZMA_STREAM_INIT;
	lzma_mt mt = { 0 };
	struct buf xz = { 0 };
	struct chain c;
	lzma_ret r;

	make_chain(&c, true, 6, 1 << 20);
	mt.threads = 2;
	mt.block_size = 300000;
	mt.filters = c.f;
	mt.check = LZMA_CHECK_CRC64;
	assert_int_equal(lzma_stream_encoder_mt(&s, &mt), LZMA_OK);
	xz.cap = lzma_stream_buffer_bound(n);
	xz.p = malloc(xz.cap);
	assert_non_null(xz.p);
	s.next_in = data;
	s.avail_in = n;
	do {
		s.next_out = xz.p + out_pos;
		s.avail_out = xz.cap - out_pos;
		r = lzma_code(&s, LZMA_FINISH);
		out_pos = xz.cap - s.avail_out;
		assert_true(r == LZMA_OK || r == LZMA_STREAM_END);
	} while (r != LZMA_STREAM_END);
	xz.len = out_pos;
	lzma_end(&s);
	/* five blocks with both sizes in their headers */
	assert_true(stream_chunk_kinds(&xz) & CH_LZMA_DICT);
	expect_roundtrip(&xz, data, n, true);
	buf_free(&xz);
	free(data);
}

/* ---- streams built block by block -------------------------------------- */

/* One block as the tests lay it out. */
struct tblock {
	u8 hdr[1024];
	size_t hlen;
	struct buf data;	/* the compressed data */
	u64 usize;
	u8 check[8];
};

struct tstream {
	u8 flags[2];		/* stream flags (header and footer) */
	struct tblock b[4];
	unsigned int nr;
};

static size_t put_vli(u8 *p, u64 v)
{
	size_t i = 0;

	while (v >= 0x80) {
		p[i++] = (u8)(v | 0x80);
		v >>= 7;
	}
	p[i++] = (u8)v;
	return i;
}

static size_t check_len(u8 check)
{
	return check == 1 ? 4 : check == 4 ? 8 : 0;
}

/* Raw LZMA2 (optionally x86 first) data of in[0..n). */
static struct buf raw_encode(const u8 *in, size_t n, bool x86, u32 preset,
			     const u8 *pdict, size_t pdict_len)
{
	struct buf b = { 0 };
	struct chain c;
	size_t pos = 0;

	make_chain(&c, x86, preset, 1 << 16);
	c.lz.preset_dict = pdict;
	c.lz.preset_dict_size = (u32)pdict_len;
	b.cap = n + n / 16 + 1024;
	b.p = malloc(b.cap);
	assert_non_null(b.p);
	assert_int_equal(lzma_raw_buffer_encode(c.f, NULL, in, n, b.p, &pos,
						b.cap), LZMA_OK);
	b.len = pos;
	return b;
}

/*
 * A block header: flags' size bits from csize/usize (~0 = absent), the
 * filters as given (id, props size, props), then padding and the CRC32.
 */
static void block_hdr(struct tblock *b, u64 csize, u64 usize,
		      const u8 *filters, size_t flen, unsigned int nf)
{
	u8 *h = b->hdr;
	size_t i = 2;

	h[1] = (u8)(nf - 1);
	if (csize != ~0ull) {
		h[1] |= 0x40;
		i += put_vli(h + i, csize);
	}
	if (usize != ~0ull) {
		h[1] |= 0x80;
		i += put_vli(h + i, usize);
	}
	memcpy(h + i, filters, flen);
	i += flen;
	while (i & 3)
		h[i++] = 0;
	h[0] = (u8)(i / 4);
	put32(h + i, lzma_crc32(h, i, 0));
	b->hlen = i + 4;
}

/* Recompute a header's CRC32 after a test changed it. */
static void block_hdr_fix(struct tblock *b)
{
	put32(b->hdr + b->hlen - 4, lzma_crc32(b->hdr, b->hlen - 4, 0));
}

static const u8 f_lzma2[] = { 0x21, 0x01, 0x10 };
static const u8 f_x86_lzma2[] = { 0x04, 0x00, 0x21, 0x01, 0x10 };

static void tblock_make(struct tblock *b, const u8 *in, size_t n, bool x86,
			u8 check, bool sizes)
{
	memset(b, 0, sizeof(*b));
	b->data = raw_encode(in, n, x86, 1, NULL, 0);
	b->usize = n;
	if (x86)
		block_hdr(b, sizes ? b->data.len : ~0ull, sizes ? n : ~0ull,
			  f_x86_lzma2, sizeof(f_x86_lzma2), 2);
	else
		block_hdr(b, sizes ? b->data.len : ~0ull, sizes ? n : ~0ull,
			  f_lzma2, sizeof(f_lzma2), 1);
	if (check == 1)
		put32(b->check, lzma_crc32(in, n, 0));
	else if (check == 4) {
		u64 c = lzma_crc64(in, n, 0);

		put32(b->check, (u32)c);
		put32(b->check + 4, (u32)(c >> 32));
	}
}

/* Index records as the blocks are; patch: a hook to falsify them. */
static size_t index_bytes(const struct tstream *s, u8 *p)
{
	size_t i = 0, j;

	p[i++] = 0;
	i += put_vli(p + i, s->nr);
	for (j = 0; j < s->nr; j++) {
		const struct tblock *b = &s->b[j];

		i += put_vli(p + i, b->hlen + b->data.len +
				    check_len(s->flags[1]));
		i += put_vli(p + i, b->usize);
	}
	while (i & 3)
		p[i++] = 0;
	put32(p + i, lzma_crc32(p, i, 0));
	return i + 4;
}

/* Header, blocks, then the given index bytes, then the footer. */
static struct buf assemble(const struct tstream *s, const u8 *idx,
			   size_t ilen)
{
	static const u8 magic[6] = { 0xfd, '7', 'z', 'X', 'Z', 0 };
	struct buf b = { 0 };
	u8 t[12];
	unsigned int j;

	buf_put(&b, magic, 6);
	buf_put(&b, s->flags, 2);
	put32(t, lzma_crc32(s->flags, 2, 0));
	buf_put(&b, t, 4);
	for (j = 0; j < s->nr; j++) {
		const struct tblock *bl = &s->b[j];

		buf_put(&b, bl->hdr, bl->hlen);
		buf_put(&b, bl->data.p, bl->data.len);
		memset(t, 0, 4);
		buf_put(&b, t, (4 - (bl->data.len & 3)) & 3);
		buf_put(&b, bl->check, check_len(s->flags[1]));
	}
	buf_put(&b, idx, ilen);
	put32(t + 4, (u32)(ilen / 4 - 1));
	t[8] = s->flags[0];
	t[9] = s->flags[1];
	put32(t, lzma_crc32(t + 4, 6, 0));
	t[10] = 'Y';
	t[11] = 'Z';
	buf_put(&b, t, 12);
	return b;
}

static struct buf build(const struct tstream *s)
{
	u8 idx[512];

	return assemble(s, idx, index_bytes(s, idx));
}

static void tstream_free(struct tstream *s)
{
	unsigned int j;

	for (j = 0; j < s->nr; j++)
		buf_free(&s->b[j].data);
}

/*
 * xz_decode's result on a built stream, and liblzma's verdict; when both
 * decode it, the bytes must be the same.
 */
static long try_build(const struct tstream *s, bool *lzma_ok)
{
	struct buf xz = build(s);
	size_t used, len;
	u8 *ref, *out;
	long r;

	ref = ref_decode(xz.p, xz.len, 1 << 22, &len);
	if (lzma_ok)
		*lzma_ok = ref != NULL;
	r = dec_exact(xz.p, xz.len, &used, 1 << 22, &out);
	if (r >= 0 && ref) {
		assert_int_equal(r, len);
		assert_memory_equal(out, ref, len);
	}
	free(out);
	free(ref);
	buf_free(&xz);
	return r;
}

/* Blocks with and without sizes, mixed chains, an empty block. */
static void test_built_blocks(void **state)
{
	size_t n1 = 50000, n2 = 70000, used;
	u8 *a = alloc_gen(K_TEXT, n1, 51), *x = alloc_gen(K_X86, n2, 52);
	u8 *all = malloc(n1 + n2), *out;
	struct tstream s = { .flags = { 0, 1 }, .nr = 4 };
	struct buf xz;
	long r;

	memcpy(all, a, n1);
	memcpy(all + n1, x, n2);
	tblock_make(&s.b[0], a, n1, false, 1, true);
	tblock_make(&s.b[1], NULL, 0, false, 1, true);
	tblock_make(&s.b[2], x, n2, true, 1, false);
	tblock_make(&s.b[3], NULL, 0, true, 1, false);
	xz = build(&s);
	r = dec_exact(xz.p, xz.len, &used, n1 + n2, &out);
	assert_int_equal(r, n1 + n2);
	assert_int_equal(used, xz.len);
	assert_memory_equal(out, all, n1 + n2);
	free(out);
	buf_free(&xz);

	/* only one of the two sizes in a header */
	block_hdr(&s.b[0], s.b[0].data.len, ~0ull, f_lzma2, 3, 1);
	block_hdr(&s.b[2], ~0ull, n2, f_x86_lzma2, 5, 2);
	assert_int_equal(try_build(&s, NULL), n1 + n2);

	/* x86 start offset in the filter properties */
	{
		static const u8 f[] = { 0x04, 0x04, 0x00, 0x10, 0x00, 0x00,
					0x21, 0x01, 0x10 };
		struct chain c;
		size_t pos = 0;
		bool ok;

		make_chain(&c, true, 1, 1 << 16);
		c.bcj.start_offset = 0x1000;
		pos = 0;
		assert_int_equal(lzma_raw_buffer_encode(c.f, NULL, x, n2,
							s.b[2].data.p, &pos,
							s.b[2].data.cap),
				 LZMA_OK);
		s.b[2].data.len = pos;
		block_hdr(&s.b[2], pos, n2, f, sizeof(f), 2);
		assert_int_equal(try_build(&s, &ok), n1 + n2);
		assert_true(ok);
	}
	tstream_free(&s);
	free(a);
	free(x);
	free(all);
}

/* ---- LZMA2 control streams made by hand ------------------------------ */

/* One block holding exactly the given LZMA2 bytes; usize for the index. */
static long try_lzma2(const u8 *l2, size_t len, u64 usize, bool *ok)
{
	struct tstream s = { .flags = { 0, 0 }, .nr = 1 };
	long r;

	s.b[0].data.p = malloc(len);
	assert_non_null(s.b[0].data.p);
	memcpy(s.b[0].data.p, l2, len);
	s.b[0].data.len = len;
	s.b[0].usize = usize;
	block_hdr(&s.b[0], ~0ull, ~0ull, f_lzma2, 3, 1);
	r = try_build(&s, ok);
	tstream_free(&s);
	return r;
}

static void test_lzma2_dict_reset(void **state)
{
	size_t n = 90000, cut = 50001, len;
	u8 *data = alloc_gen(K_TEXT, n, 61);
	struct buf p1 = raw_encode(data, cut, false, 6, NULL, 0);
	struct buf p2, l2 = { 0 };
	unsigned int kinds;
	bool ok;
	long r;

	/* part 2 with part 1 as its preset dictionary: no dict reset */
	p2 = raw_encode(data + cut, n - cut, false, 6, data, cut);
	assert_int_equal(p2.p[0] & 0xe0, 0xc0);
	buf_put(&l2, p1.p, p1.len - 1);		/* without its 0x00 */
	buf_put(&l2, p2.p, p2.len);
	kinds = chunk_kinds(l2.p, l2.len);
	assert_true(kinds & CH_LZMA_PROPS);
	r = try_lzma2(l2.p, l2.len, n, &ok);
	assert_true(ok);
	assert_int_equal(r, n);

	/* the same with a dictionary reset: references now reach before it */
	l2.p[p1.len - 1] |= 0xe0;
	r = try_lzma2(l2.p, l2.len, n, &ok);
	assert_false(ok);
	assert_int_equal(r, -EPROTO);
	buf_free(&l2);
	buf_free(&p2);

	/* two independent parts: a dictionary reset inside the block */
	p2 = raw_encode(data + cut, n - cut, false, 6, NULL, 0);
	buf_put(&l2, p1.p, p1.len - 1);
	buf_put(&l2, p2.p, p2.len);
	r = try_lzma2(l2.p, l2.len, n, &ok);
	assert_true(ok);
	assert_int_equal(r, n);
	len = l2.len;
	buf_free(&l2);

	/* an uncompressed chunk with dict reset, then an LZMA chunk */
	{
		u8 head[3 + 100];

		head[0] = 1;
		head[1] = 0;
		head[2] = 99;
		memset(head + 3, 'q', 100);
		buf_put(&l2, head, sizeof(head));
		buf_put(&l2, p2.p, p2.len);
		r = try_lzma2(l2.p, l2.len, 100 + n - cut, &ok);
		assert_true(ok);
		assert_int_equal(r, 100 + n - cut);
		/* ...which must then bring properties (0xa0: state only) */
		l2.p[sizeof(head)] = 0xa0 | (l2.p[sizeof(head)] & 0x1f);
		memmove(l2.p + sizeof(head) + 5, l2.p + sizeof(head) + 6,
			l2.len - sizeof(head) - 6);
		l2.len--;
		r = try_lzma2(l2.p, l2.len, 100 + n - cut, &ok);
		assert_false(ok);
		assert_int_equal(r, -EPROTO);
	}
	(void)len;
	buf_free(&l2);
	buf_free(&p1);
	buf_free(&p2);
	free(data);
}

static void test_lzma2_malformed(void **state)
{
	static const struct {
		u8 b[16];
		size_t len;
		u64 usize;
		long want;
	} cases[] = {
		{ { 0x00 }, 1, 0, 0 },				/* empty */
		{ { 0x01, 0x00, 0x02, 'a', 'b', 'c', 0x00 }, 7, 3, 3 },
		{ { 0x01, 0x00, 0x00, 'a', 0x02, 0x00, 0x00, 'b', 0x00 },
		  9, 2, 2 },
		/* stored chunk without a dictionary reset first */
		{ { 0x02, 0x00, 0x00, 'a', 0x00 }, 5, 1, -EPROTO },
		/* reserved control bytes */
		{ { 0x03, 0x00, 0x00, 'a', 0x00 }, 5, 1, -EPROTO },
		{ { 0x01, 0x00, 0x00, 'a', 0x7f, 0x00 }, 6, 1, -EPROTO },
		/* LZMA chunk without properties / without dict reset */
		{ { 0x80, 0x00, 0x00, 0x00, 0x04, 0, 0, 0, 0, 0, 0x00 },
		  11, 1, -EPROTO },
		{ { 0xc0, 0x00, 0x00, 0x00, 0x04, 0x5d, 0, 0, 0, 0, 0, 0 },
		  12, 1, -EPROTO },
		/* properties: >= 225, lc + lp > 4 */
		{ { 0xe0, 0x00, 0x00, 0x00, 0x04, 0xe1, 0, 0, 0, 0, 0, 0 },
		  12, 1, -EPROTO },
		{ { 0xe0, 0x00, 0x00, 0x00, 0x04, 0x08, 0, 0, 0, 0, 0, 0 },
		  12, 1, -EPROTO },
		/* range coder: first byte not 0, fewer than 5 bytes */
		{ { 0xe0, 0x00, 0x00, 0x00, 0x04, 0x5d, 1, 0, 0, 0, 0, 0 },
		  12, 1, -EPROTO },
		{ { 0xe0, 0x00, 0x00, 0x00, 0x03, 0x5d, 0, 0, 0, 0, 0 },
		  11, 1, -EPROTO },
		/* sizes past the data; no end byte */
		{ { 0x01, 0x00, 0x05, 'a', 0x00 }, 5, 6, -EPROTO },
		{ { 0x01, 0x00, 0x00, 'a' }, 4, 1, -EPROTO },
		{ { 0xe0, 0x00, 0x00, 0x00, 0x20, 0x5d, 0, 0, 0, 0, 0 },
		  11, 1, -EPROTO },
	};
	size_t i;

	for (i = 0; i < ARRAY_SIZE(cases); i++) {
		bool ok;
		long r = try_lzma2(cases[i].b, cases[i].len, cases[i].usize,
				   &ok);

		assert_int_equal(r, cases[i].want);
		assert_int_equal(ok, cases[i].want >= 0);
	}
}

/* A real chunk with its compressed size one byte too long or short. */
static void test_lzma2_chunk_sizes(void **state)
{
	size_t n = 30000;
	u8 *data = alloc_gen(K_TEXT, n, 71);
	struct buf l2 = raw_encode(data, n, false, 6, NULL, 0);
	size_t cs = ((size_t)l2.p[3] << 8 | l2.p[4]) + 1;
	int delta;

	assert_int_equal(l2.p[0] & 0xe0, 0xe0);
	assert_int_equal(l2.len, 6 + cs + 1);	/* one chunk */
	assert_int_equal(try_lzma2(l2.p, l2.len, n, NULL), n);
	for (delta = -1; delta <= 1; delta += 2) {
		struct buf m = { 0 };
		size_t c = cs + delta - 1;
		u8 z = 0;

		buf_put(&m, l2.p, 6 + cs - (delta < 0));
		m.p[3] = (u8)(c >> 8);
		m.p[4] = (u8)c;
		if (delta > 0)
			buf_put(&m, &z, 1);
		buf_put(&m, &z, 1);
		assert_int_equal(try_lzma2(m.p, m.len, n, NULL), -EPROTO);
		buf_free(&m);
	}
	/* uncompressed size one more than the data makes */
	l2.p[2]++;
	assert_int_equal(try_lzma2(l2.p, l2.len, n + 1, NULL), -EPROTO);
	buf_free(&l2);
	free(data);
}

/* ---- container rules -------------------------------------------------- */

static void test_container_rules(void **state)
{
	size_t n1 = 3000, n2 = 5000;
	u8 *a = alloc_gen(K_TEXT, n1, 81), *b = alloc_gen(K_X86, n2, 82);
	struct tstream s = { .flags = { 0, 1 }, .nr = 2 };
	struct tblock save;
	u8 idx[512];
	size_t ilen;
	bool ok;

	tblock_make(&s.b[0], a, n1, false, 1, true);
	tblock_make(&s.b[1], b, n2, true, 1, false);
	assert_int_equal(try_build(&s, &ok), n1 + n2);
	assert_true(ok);

	/* stream flags: reserved bits, reserved and unsupported checks */
	s.flags[0] = 1;
	assert_int_equal(try_build(&s, NULL), -EOPNOTSUPP);
	s.flags[0] = 0;
	s.flags[1] = 0x11;
	assert_int_equal(try_build(&s, NULL), -EOPNOTSUPP);
	s.flags[1] = 0x02;
	assert_int_equal(try_build(&s, NULL), -EOPNOTSUPP);
	s.flags[1] = 0x0a;
	assert_int_equal(try_build(&s, NULL), -EOPNOTSUPP);
	s.flags[1] = 1;

	save = s.b[0];
	/* block flags: reserved bits; non-zero header padding */
	s.b[0].hdr[1] |= 0x04;
	block_hdr_fix(&s.b[0]);
	assert_int_equal(try_build(&s, NULL), -EOPNOTSUPP);
	s.b[0] = save;
	block_hdr(&s.b[0], ~0ull, ~0ull, f_lzma2, 3, 1);
	s.b[0].hdr[5] = 1;
	block_hdr_fix(&s.b[0]);
	assert_int_equal(try_build(&s, NULL), -EOPNOTSUPP);
	/* header CRC */
	s.b[0] = save;
	s.b[0].hdr[s.b[0].hlen - 1] ^= 1;
	assert_int_equal(try_build(&s, NULL), -EPROTO);
	s.b[0] = save;

	/* sizes in the header that disagree with the data */
	block_hdr(&s.b[0], save.data.len + 1, n1, f_lzma2, 3, 1);
	assert_int_equal(try_build(&s, NULL), -EPROTO);
	block_hdr(&s.b[0], save.data.len - 1, n1, f_lzma2, 3, 1);
	assert_int_equal(try_build(&s, NULL), -EPROTO);
	block_hdr(&s.b[0], save.data.len, n1 + 1, f_lzma2, 3, 1);
	assert_int_equal(try_build(&s, NULL), -EPROTO);
	block_hdr(&s.b[0], save.data.len, n1 - 1, f_lzma2, 3, 1);
	assert_int_equal(try_build(&s, NULL), -EPROTO);
	block_hdr(&s.b[0], 0, n1, f_lzma2, 3, 1);
	assert_int_equal(try_build(&s, NULL), -EINVAL);
	block_hdr(&s.b[0], 1ull << 40, n1, f_lzma2, 3, 1);
	assert_int_equal(try_build(&s, NULL), -EPROTO);

	/* VLIs: not minimal, too long */
	{
		static const u8 nonmin[] = { 0x21, 0x81, 0x00, 0x10 };
		static const u8 toolong[] = { 0xa1, 0x80, 0x80, 0x80, 0x80,
					      0x80, 0x80, 0x80, 0x80, 0x00,
					      0x01, 0x10 };

		block_hdr(&s.b[0], ~0ull, ~0ull, nonmin, 4, 1);
		assert_int_equal(try_build(&s, NULL), -EINVAL);
		block_hdr(&s.b[0], ~0ull, ~0ull, toolong, 12, 1);
		assert_int_equal(try_build(&s, NULL), -EINVAL);
	}

	/* filter chains */
	{
		static const struct {
			u8 f[12];
			size_t len;
			unsigned int nr;
			long want;
		} fc[] = {
			{ { 0x21, 0x01, 0x29 }, 3, 1, -EINVAL },  /* dict 41 */
			{ { 0x21, 0x01, 0x50 }, 3, 1, -EINVAL },  /* bit 6 */
			{ { 0x21, 0x01, 0x28 }, 3, 1, 8000 },	/* 4 GiB - 1 */
			{ { 0x21, 0x00 }, 2, 1, -EINVAL },
			{ { 0x21, 0x02, 0x10, 0x00 }, 4, 1, -EINVAL },
			{ { 0x04, 0x00 }, 2, 1, -EINVAL },	/* x86 last */
			{ { 0x21, 0x01, 0x10, 0x04, 0x00 }, 5, 2, -EINVAL },
			{ { 0x04, 0x01, 0x00, 0x21, 0x01, 0x10 }, 6, 2,
			  -EINVAL },
			{ { 0x03, 0x01, 0x00, 0x21, 0x01, 0x10 }, 6, 2,
			  -EOPNOTSUPP },			/* delta */
			{ { 0x07, 0x00, 0x21, 0x01, 0x10 }, 5, 2,
			  -EOPNOTSUPP },			/* ARM */
			{ { 0x04, 0x00, 0x04, 0x00, 0x21, 0x01, 0x10 }, 7, 3,
			  -EOPNOTSUPP },			/* x86 twice */
			{ { 0x21, 0x05, 0x10 }, 3, 1, -EINVAL }, /* past end */
		};
		size_t i;

		for (i = 0; i < ARRAY_SIZE(fc); i++) {
			block_hdr(&s.b[0], ~0ull, ~0ull, fc[i].f, fc[i].len,
				  fc[i].nr);
			assert_int_equal(try_build(&s, NULL), fc[i].want);
		}
	}
	s.b[0] = save;

	/* block padding (after block 0 or 1, whichever has some), check */
	{
		struct buf xz = build(&s);
		size_t pad = 12 + s.b[0].hlen + s.b[0].data.len;

		if (!(s.b[0].data.len & 3))
			pad += 4 + s.b[1].hlen + s.b[1].data.len;
		assert_true(pad & 3);
		xz.p[pad] = 1;
		assert_int_equal(dec_exact(xz.p, xz.len, NULL, 1 << 20, NULL),
				 -EPROTO);
		buf_free(&xz);
	}
	s.b[1].check[2] ^= 0x10;
	assert_int_equal(try_build(&s, NULL), -EPROTO);
	s.b[1].check[2] ^= 0x10;

	/* the index: count, each size, order, padding, CRC */
	ilen = index_bytes(&s, idx);
	{
		struct buf xz;
		u8 bad[512];
		size_t blen;

		/* records of the two blocks swapped: sums still agree */
		bad[0] = 0;
		bad[1] = 2;
		blen = 2;
		blen += put_vli(bad + blen, s.b[1].hlen + s.b[1].data.len + 4);
		blen += put_vli(bad + blen, n2);
		blen += put_vli(bad + blen, s.b[0].hlen + s.b[0].data.len + 4);
		blen += put_vli(bad + blen, n1);
		while (blen & 3)
			bad[blen++] = 0;
		put32(bad + blen, lzma_crc32(bad, blen, 0));
		blen += 4;
		assert_int_equal(blen, ilen);
		xz = assemble(&s, bad, blen);
		assert_int_equal(dec_exact(xz.p, xz.len, NULL, 1 << 20, NULL),
				 -EPROTO);
		buf_free(&xz);

		/* every byte of the index changed, CRC fixed */
		for (blen = 0; blen < ilen - 4; blen++) {
			memcpy(bad, idx, ilen);
			bad[blen] ^= blen == 1 ? 0x01 : 0x40;
			put32(bad + ilen - 4, lzma_crc32(bad, ilen - 4, 0));
			xz = assemble(&s, bad, ilen);
			assert_int_equal(dec_exact(xz.p, xz.len, NULL, 1 << 20,
						   NULL), -EPROTO);
			buf_free(&xz);
		}
		/* CRC itself */
		memcpy(bad, idx, ilen);
		bad[ilen - 1] ^= 0x80;
		xz = assemble(&s, bad, ilen);
		assert_int_equal(dec_exact(xz.p, xz.len, NULL, 1 << 20, NULL),
				 -EPROTO);
		buf_free(&xz);
	}

	/* the footer: CRC, backward size, flags, magic */
	{
		struct buf xz = build(&s);
		u8 *f = xz.p + xz.len - 12;
		static const int at[] = { 0, 4, 5, 8, 9, 10, 11 };
		size_t i;

		assert_int_equal(dec_exact(xz.p, xz.len, NULL, 1 << 20, NULL),
				 n1 + n2);
		for (i = 0; i < ARRAY_SIZE(at); i++) {
			f[at[i]] ^= 0x04;
			if (at[i] >= 4 && at[i] < 10)
				put32(f, lzma_crc32(f + 4, 6, 0));
			assert_int_equal(dec_exact(xz.p, xz.len, NULL, 1 << 20,
						   NULL), -EPROTO);
			f[at[i]] ^= 0x04;
			put32(f, lzma_crc32(f + 4, 6, 0));
		}
		buf_free(&xz);
	}

	/* an empty stream: no blocks */
	{
		struct tstream e = { .flags = { 0, 4 }, .nr = 0 };

		assert_int_equal(try_build(&e, &ok), 0);
		assert_true(ok);
	}
	tstream_free(&s);
	free(a);
	free(b);
}

/* ---- truncation, bit flips, trailing bytes --------------------------- */

static void test_truncated(void **state)
{
	static const lzma_check checks[] = { LZMA_CHECK_CRC32,
					     LZMA_CHECK_CRC64,
					     LZMA_CHECK_NONE };
	size_t n = 20000, len, used;
	u8 *data = alloc_gen(K_X86, n, 91);
	unsigned int i;

	for (i = 0; i < 3; i++) {
		struct chain c;
		struct buf xz;

		make_chain(&c, i != 1, 6, 1 << 16);
		xz = i == 2 ? stream_encode(data, n, 6000, checks[i], true,
					    true) :
			      encode(data, n, c.f, checks[i]);
		for (len = 0; len < xz.len; len++) {
			long r = dec_exact(xz.p, len, &used, n, NULL);

			assert_int_equal(r, len < 24 ? -EINVAL : -EPROTO);
			assert_int_equal(used, 0);
		}
		buf_free(&xz);
	}
	free(data);
}

/*
 * Every single-bit flip. With a CRC every one must be caught (the header
 * and index have CRC32s, the footer its CRC and magic, padding must be
 * zero, the data the check). Without a check, a flip in the compressed
 * data may decode; then the output must at least have the right size.
 */
static void flips(const struct buf *xz, const u8 *data, size_t n,
		  bool checked, unsigned int *decoded)
{
	u8 *m = malloc(xz->len), *out = malloc(n);
	size_t i, used;

	assert_non_null(m);
	assert_non_null(out);
	for (i = 0; i < xz->len * 8; i++) {
		long r;

		memcpy(m, xz->p, xz->len);
		m[i / 8] ^= (u8)(1 << (i % 8));
		r = dec(m, xz->len, &used, out, n);
		if (r >= 0) {
			assert_false(checked);
			assert_int_equal(r, n);
			assert_int_equal(used, xz->len);
			if (!memcmp(out, data, n))
				continue;
			(*decoded)++;
		} else {
			assert_true(r == -EINVAL || r == -EPROTO ||
				    r == -EOPNOTSUPP || r == -ENOSPC);
		}
	}
	free(m);
	free(out);
}

static void test_bit_flips(void **state)
{
	size_t n = 3000;
	u8 *data = alloc_gen(K_X86, n, 101);
	unsigned int decoded = 0;
	struct chain c;
	struct buf xz;

	make_chain(&c, true, 6, 1 << 16);
	xz = encode(data, n, c.f, LZMA_CHECK_CRC32);
	flips(&xz, data, n, true, &decoded);
	buf_free(&xz);
	xz = stream_encode(data, n, 1000, LZMA_CHECK_CRC64, true, true);
	flips(&xz, data, n, true, &decoded);
	buf_free(&xz);
	make_chain(&c, false, 6, 1 << 16);
	xz = encode(data, n, c.f, LZMA_CHECK_NONE);
	flips(&xz, data, n, false, &decoded);
	buf_free(&xz);
	/* incompressible: stored chunks, whose flips no check catches */
	gen(K_RANDOM, data, n, 102);
	xz = encode(data, n, c.f, LZMA_CHECK_NONE);
	decoded = 0;
	flips(&xz, data, n, false, &decoded);
	assert_true(decoded > 0);
	buf_free(&xz);
	free(data);
}

static void test_trailing(void **state)
{
	size_t n = 10000, used;
	u8 *data = alloc_gen(K_TEXT, n, 111), *out;
	struct chain c;
	struct buf xz, two = { 0 };
	static const u8 zeros[8], junk[5] = "junk";

	make_chain(&c, false, 6, 1 << 16);
	xz = encode(data, n, c.f, LZMA_CHECK_CRC64);
	buf_put(&two, xz.p, xz.len);
	buf_put(&two, zeros, 8);
	assert_int_equal(dec_exact(two.p, two.len, &used, n, NULL), n);
	assert_int_equal(used, xz.len);
	buf_put(&two, junk, 5);
	assert_int_equal(dec_exact(two.p, two.len, &used, n, NULL), n);
	assert_int_equal(used, xz.len);
	buf_put(&two, xz.p, xz.len);		/* a second stream */
	assert_int_equal(dec_exact(two.p, two.len, &used, n, &out), n);
	assert_int_equal(used, xz.len);
	assert_memory_equal(out, data, n);
	free(out);
	/* and the second one from where in_used says */
	assert_int_equal(dec_exact(two.p + xz.len + 13, xz.len, &used, n,
				   NULL), n);
	/* in_used may be NULL; a bigger out_max is fine */
	assert_int_equal(dec_exact(xz.p, xz.len, NULL, n + 100, NULL), n);
	/* no room at all */
	assert_int_equal(dec_exact(xz.p, xz.len, &used, 0, NULL), -ENOSPC);
	buf_free(&xz);
	buf_free(&two);
	free(data);
}

static void test_not_xz(void **state)
{
	static const u8 hdr[12] = { 0xfd, '7', 'z', 'X', 'Z', 0, 0, 1,
				    0x69, 0x22, 0xde, 0x36 };
	u8 buf[64];
	size_t used = 1;

	memset(buf, 0, sizeof(buf));
	assert_int_equal(dec(buf, sizeof(buf), &used, buf, 0), -EINVAL);
	assert_int_equal(used, 0);
	assert_int_equal(dec(buf, 0, &used, buf, 0), -EINVAL);
	memcpy(buf, hdr, 12);
	assert_true(xz_is_stream(buf, 6));
	assert_false(xz_is_stream(buf, 5));
	assert_int_equal(dec(buf, 23, &used, buf, 0), -EINVAL);
	assert_int_equal(dec(buf, 24, &used, buf, 0), -EPROTO);
	buf[11] ^= 1;				/* header CRC */
	assert_int_equal(dec(buf, 64, &used, buf, 0), -EINVAL);
	buf[11] ^= 1;
	buf[0] = 0xfe;
	assert_false(xz_is_stream(buf, 64));
	assert_int_equal(dec(buf, 64, &used, buf, 0), -EINVAL);
}

/*
 * The CRCs against liblzma's and the standard check values, CRC32 a byte
 * and four bytes a step (check CRC64 and CRC32 streams).
 */
static void test_crc(void **state)
{
	size_t n = 5000, i;
	u8 *data = alloc_gen(K_RANDOM, n, 121);
	unsigned int check;

	for (check = 1; check <= 4; check += 3) {
		xz_crc_init(w, check);
		assert_int_equal(xz_crc32(w, (const u8 *)"123456789", 9, 0),
				 0xcbf43926);
		for (i = 0; i < n; i += 1 + i / 3) {
			assert_int_equal(xz_crc32(w, data, i, 0),
					 lzma_crc32(data, i, 0));
			assert_int_equal(xz_crc32(w, data + i, n - i,
						  xz_crc32(w, data, i, 0)),
					 lzma_crc32(data, n, 0));
			if (check == 4)
				assert_true(xz_crc64(w, data, i, 0) ==
					    lzma_crc64(data, i, 0));
		}
	}
	assert_true(xz_crc64(w, (const u8 *)"123456789", 9, 0) ==
		    0x995dc9bbdf1939faull);
	free(data);
}

static void test_work_size(void **state)
{
	assert_true(sizeof(struct xz_work) <= 32 * 1024);
}

/* ---- benchmark ------------------------------------------------------- */

static double now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec + ts.tv_nsec / 1e9;
}

/* One of 4096 function addresses, the low ones called most. */
static u32 popular(void)
{
	return (rnd() % 64) * (rnd() % 64) * 4096;
}

/*
 * Something like a vmlinux: code made of a pool of function bodies that
 * recur (as inlined helpers and common sequences do) with their calls
 * aimed at popular functions, text, tables of kernel addresses and
 * zeros.
 */
static void gen_kernel(u8 *p, size_t n)
{
	size_t pool_len = 256 << 10, i = 0, k;
	u8 *pool = alloc_gen(K_X86, pool_len, 2026);

	while (i < n) {
		u32 r = rnd() % 100;
		size_t m = 64 + rnd() % 1024;

		if (m > n - i)
			m = n - i;
		if (r < 65) {
			/* a body from the pool, skewed to the first ones */
			size_t at = (rnd() % 1024) * (rnd() % 1024) %
				    (pool_len - m);

			memcpy(p + i, pool + at, m);
			for (k = 0; k + 5 <= m; k++)
				if (p[i + k] == 0xe8 && rnd() % 2)
					put32(p + i + k + 1, (u32)(popular() -
					      (i + k + 5)));
		} else if (r < 80) {
			gen(K_TEXT, p + i, m, i);
		} else if (r < 92) {
			for (k = 0; k + 8 <= m; k += 8) {
				put32(p + i + k, 0x81000000u + popular());
				put32(p + i + k + 4, 0xffffffffu);
			}
			memset(p + i + k, 0, m - k);
		} else {
			memset(p + i, 0, m);
		}
		i += m;
	}
	free(pool);
}

static int bench(size_t mib)
{
	size_t n = mib << 20, used, i;
	u8 *data = malloc(n), *out = malloc(n);
	struct chain c;
	struct buf xz;
	double t0, best = 1e9;

	if (!data || !out)
		return 1;
	gen_kernel(data, n);
	make_chain(&c, true, 6, 32u << 20);
	t0 = now();
	xz = encode(data, n, c.f, LZMA_CHECK_CRC32);
	printf("input %zu MiB, xz %zu bytes (%.1f%%), liblzma encode %.1f s\n",
	       mib, xz.len, 100.0 * xz.len / n, now() - t0);
	for (i = 0; i < 5; i++) {
		long r;

		t0 = now();
		r = xz_decode(xz.p, xz.len, &used, out, n, w);
		t0 = now() - t0;
		if (r != (long)n || memcmp(out, data, n)) {
			printf("decode FAILED: %ld\n", r);
			return 1;
		}
		if (t0 < best)
			best = t0;
	}
	printf("xz_decode: %.3f s, %.1f MB/s out, %.1f MB/s in (best of 5)\n",
	       best, n / best / 1e6, xz.len / best / 1e6);
	{
		uint64_t memlimit = UINT64_MAX;
		size_t ip = 0, op = 0;

		t0 = now();
		if (lzma_stream_buffer_decode(&memlimit, 0, NULL, xz.p, &ip,
					      xz.len, out, &op, n) != LZMA_OK)
			return 1;
		t0 = now() - t0;
		printf("liblzma:   %.3f s, %.1f MB/s out\n", t0, n / t0 / 1e6);
	}
	buf_free(&xz);
	free(data);
	free(out);
	return 0;
}

static int setup(void **state)
{
	w = malloc(sizeof(*w));
	assert_non_null(w);
	memset(w, 0xa5, sizeof(*w));
	return 0;
}

static int teardown(void **state)
{
	free(w);
	w = NULL;
	return 0;
}

int main(int argc, char **argv)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_work_size),
		cmocka_unit_test(test_crc),
		cmocka_unit_test(test_not_xz),
		cmocka_unit_test(test_tiny),
		cmocka_unit_test(test_presets),
		cmocka_unit_test(test_dict_sizes),
		cmocka_unit_test(test_lzma_options),
		cmocka_unit_test(test_bcj_start),
		cmocka_unit_test(test_chunks),
		cmocka_unit_test(test_real_code),
		cmocka_unit_test(test_multiblock_stream),
		cmocka_unit_test(test_multiblock_mt),
		cmocka_unit_test(test_built_blocks),
		cmocka_unit_test(test_lzma2_dict_reset),
		cmocka_unit_test(test_lzma2_malformed),
		cmocka_unit_test(test_lzma2_chunk_sizes),
		cmocka_unit_test(test_container_rules),
		cmocka_unit_test(test_truncated),
		cmocka_unit_test(test_bit_flips),
		cmocka_unit_test(test_trailing),
	};

	if (argc > 1 && !strcmp(argv[1], "--bench")) {
		int r;

		setup(NULL);
		r = bench(argc > 2 ? strtoul(argv[2], NULL, 0) : 40);
		teardown(NULL);
		return r;
	}
	return cmocka_run_group_tests(tests, setup, teardown);
}
