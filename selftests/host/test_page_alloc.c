// SPDX-License-Identifier: GPL-2.0
/*
 * Host tests of mm/page_alloc.c. The "physical" memory that holds the
 * allocator's bitmaps is a host buffer reached through fake_p2v(); all
 * other physical addresses are only numbers. A shadow model (one state
 * per page) checks random allocations and frees against a brute-force
 * search for the expected block.
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

#include <tern/mm.h>

#define KiB		1024ULL
#define MiB		(1024 * KiB)
#define GiB		(1024 * MiB)
#define PG		4096ULL
#define FAKE_SIZE	(16 * MiB)
#define POISON		0xcc

struct raw {
	u64 addr;
	u64 size;
	u32 type;
};

static u8 *fake;
static u64 p2v_lo, p2v_hi;
static struct memmap map;
static struct page_alloc pa;

static void *fake_p2v(phys_addr_t p)
{
	if (p >= FAKE_SIZE)
		fail_msg("p2v(%#llx) is outside the fake memory",
			 (unsigned long long)p);
	if (p < p2v_lo)
		p2v_lo = p;
	if (p > p2v_hi)
		p2v_hi = p;
	return fake + p;
}

static void build_map(const struct raw *in, unsigned int n)
{
	unsigned int i;

	memset(&map, 0, sizeof(map));
	for (i = 0; i < n; i++)
		assert_int_equal(memmap_add(&map, in[i].addr, in[i].size,
					    in[i].type), 0);
	memmap_sanitize(&map);
}

static int init_from(const struct raw *in, unsigned int n)
{
	build_map(in, n);
	memset(fake, POISON, FAKE_SIZE);
	p2v_lo = ~0ULL;
	p2v_hi = 0;
	return page_alloc_init(&pa, &map, fake_p2v);
}

#define INIT(in)	init_from(in, ARRAY_SIZE(in))

/* 1 allocated, 0 free, -1 not managed RAM */
static int page_state(u64 pfn)
{
	unsigned int i;

	for (i = 0; i < pa.nr; i++) {
		const struct pa_range *r = &pa.r[i];

		if (pfn >= r->start_pfn && pfn < r->start_pfn + r->npages) {
			u64 b = pfn - r->start_pfn;

			return (r->bitmap[b / 64] >> (b % 64)) & 1;
		}
	}
	return -1;
}

static u64 bitmap_words(void)
{
	u64 w = 0;
	unsigned int i;

	for (i = 0; i < pa.nr; i++)
		w += (pa.r[i].npages + 63) / 64;
	return w;
}

/* Counters agree with the bitmaps; padding bits are set. */
static void check_consistent(void)
{
	u64 total = 0, nfree_all = 0;
	unsigned int i;
	u64 b;

	for (i = 0; i < pa.nr; i++) {
		const struct pa_range *r = &pa.r[i];
		u64 nfree = 0, nw = (r->npages + 63) / 64;

		if (i)
			assert_true(pa.r[i - 1].start_pfn + pa.r[i - 1].npages <=
				    r->start_pfn);
		for (b = 0; b < r->npages; b++)
			nfree += !((r->bitmap[b / 64] >> (b % 64)) & 1);
		for (b = r->npages; b < nw * 64; b++)
			assert_true((r->bitmap[b / 64] >> (b % 64)) & 1);
		assert_int_equal(nfree, r->nfree);
		total += r->npages;
		nfree_all += nfree;
	}
	assert_int_equal(total, pa.total_pages);
	assert_int_equal(nfree_all, pa.free_pages);
}

/* Bitmaps lie at [base, base + need pages) and only there. */
static void check_bitmap_area(u64 base)
{
	u64 need = (bitmap_words() * 8 + PG - 1) / PG;
	u64 i, end = base + need * PG;

	assert_int_equal(p2v_lo, base);
	assert_true(p2v_hi < end);
	for (i = base; i < end; i += PG)
		assert_int_equal(page_state(i / PG), 1);
	for (i = 0; i < FAKE_SIZE; i++)
		if ((i < base || i >= end) && fake[i] != POISON)
			fail_msg("fake memory at %#llx written outside the bitmaps",
				 (unsigned long long)i);
}

static void *snap;
static size_t snap_len;

static void snapshot(void)
{
	unsigned int i;
	u8 *p;

	snap_len = sizeof(pa) + bitmap_words() * 8;
	free(snap);
	snap = malloc(snap_len);
	assert_non_null(snap);
	memcpy(snap, &pa, sizeof(pa));
	p = (u8 *)snap + sizeof(pa);
	for (i = 0; i < pa.nr; i++) {
		u64 len = (pa.r[i].npages + 63) / 64 * 8;

		memcpy(p, pa.r[i].bitmap, len);
		p += len;
	}
}

static void expect_unchanged(void)
{
	unsigned int i;
	u8 *p = (u8 *)snap + sizeof(pa);

	assert_memory_equal(snap, &pa, sizeof(pa));
	for (i = 0; i < pa.nr; i++) {
		u64 len = (pa.r[i].npages + 63) / 64 * 8;

		assert_memory_equal(p, pa.r[i].bitmap, len);
		p += len;
	}
}

static phys_addr_t alloc_ok(u64 n, u64 align, u64 lo, u64 hi,
			    unsigned int flags)
{
	phys_addr_t out = 0;

	assert_int_equal(page_alloc_range(&pa, n, align, lo, hi, flags, &out),
			 0);
	return out;
}

static void alloc_fails(u64 n, u64 align, u64 lo, u64 hi,
			unsigned int flags, int err)
{
	phys_addr_t out = 0x5a5a5000;

	snapshot();
	assert_int_equal(page_alloc_range(&pa, n, align, lo, hi, flags, &out),
			 err);
	assert_int_equal(out, 0x5a5a5000);
	expect_unchanged();
}

static void free_fails(phys_addr_t addr, u64 n)
{
	snapshot();
	assert_int_equal(page_free_range(&pa, addr, n), -EINVAL);
	expect_unchanged();
}

static const struct raw small_map[] = {
	{ 0, 640 * KiB, MEMMAP_RAM },
	{ 640 * KiB, 384 * KiB, MEMMAP_RESERVED },
	{ 1 * MiB, 63 * MiB, MEMMAP_RAM },
};

static void test_init_small(void **state)
{
	u64 total = 160 + 63 * 256;

	assert_int_equal(INIT(small_map), 0);
	assert_int_equal(pa.nr, 2);
	assert_int_equal(pa.r[0].start_pfn, 0);
	assert_int_equal(pa.r[0].npages, 160);
	assert_int_equal(pa.r[1].start_pfn, 256);
	assert_int_equal(pa.r[1].npages, 63 * 256);
	assert_int_equal(pa.total_pages, total);
	/* page 0 and one bitmap page at 0x1000 are in use */
	assert_int_equal(pa.free_pages, total - 2);
	assert_int_equal(page_state(0), 1);
	check_bitmap_area(PG);
	check_consistent();

	/* bottom-up: first page after the bitmaps; top-down: last page */
	assert_int_equal(alloc_ok(1, 1, 0, ~0ULL, 0), 2 * PG);
	assert_int_equal(alloc_ok(1, 1, 0, ~0ULL, PA_TOP_DOWN), 64 * MiB - PG);
	assert_int_equal(page_free_range(&pa, 2 * PG, 1), 0);
	assert_int_equal(page_free_range(&pa, 64 * MiB - PG, 1), 0);
	assert_int_equal(pa.free_pages, total - 2);
	check_consistent();
	check_bitmap_area(PG);
}

static const struct raw map_6g[] = {
	{ 0, 0x9fc00, MEMMAP_RAM },
	{ 0x9fc00, 0x400, MEMMAP_RESERVED },
	{ 0xf0000, 0x10000, MEMMAP_RESERVED },
	{ 1 * MiB, 2 * GiB - 1 * MiB, MEMMAP_RAM },
	{ 0xfeffc000, 0x4000, MEMMAP_RESERVED },
	{ 0xfffc0000, 0x40000, MEMMAP_RESERVED },
	{ 4 * GiB, 4 * GiB, MEMMAP_RAM },
};

static void test_6g(void **state)
{
	u64 total = 159 + (2 * GiB - 1 * MiB) / PG + 4 * GiB / PG;
	u64 need, i, pages;
	static phys_addr_t blocks[64];
	static u64 sizes[64];
	unsigned int nb = 0;
	phys_addr_t p;
	clock_t t0;
	double cpu;

	assert_int_equal(INIT(map_6g), 0);
	assert_int_equal(pa.nr, 3);
	assert_int_equal(pa.total_pages, total);
	need = (bitmap_words() * 8 + PG - 1) / PG;
	assert_int_equal(need, 48);
	assert_int_equal(pa.free_pages, total - 1 - need);
	check_bitmap_area(PG);

	/* default top down: RAM above 4 GiB first */
	assert_int_equal(alloc_ok(1, 0, 0, ~0ULL, PA_TOP_DOWN), 8 * GiB - PG);
	/* below 4 GiB (DMA32): the top of the 2 GiB range */
	assert_int_equal(alloc_ok(1, 0, 0, 4 * GiB, PA_TOP_DOWN), 2 * GiB - PG);
	/* above 4 GiB bottom up */
	assert_int_equal(alloc_ok(1, 0, 4 * GiB, ~0ULL, 0), 4 * GiB);
	/* bottom up: right after the bitmaps */
	assert_int_equal(alloc_ok(1, 0, 0, ~0ULL, 0), (1 + need) * PG);
	/* 1 GiB aligned to 1 GiB, top down: [7G, 8G) has a used page */
	assert_int_equal(alloc_ok(GiB / PG, GiB / PG, 0, ~0ULL, PA_TOP_DOWN),
			 6 * GiB);
	/* a block never spans the hole */
	alloc_fails(2 * GiB / PG, 0, 1 * GiB, 5 * GiB, 0, -ENOMEM);
	/* nothing in the hole */
	alloc_fails(1, 0, 2 * GiB, 4 * GiB, PA_TOP_DOWN, -ENOMEM);
	check_consistent();

	/* exhaust with halving chunk sizes, top down */
	assert_int_equal(INIT(map_6g), 0);
	pages = pa.free_pages;
	for (i = 1ULL << 20; i; ) {
		if (page_alloc_range(&pa, i, 0, 0, ~0ULL, PA_TOP_DOWN, &p)) {
			i >>= 1;
			continue;
		}
		assert_true(nb < ARRAY_SIZE(blocks));
		blocks[nb] = p;
		sizes[nb++] = i;
	}
	assert_int_equal(pa.free_pages, 0);
	alloc_fails(1, 0, 0, ~0ULL, 0, -ENOMEM);
	alloc_fails(1, 0, 0, ~0ULL, PA_TOP_DOWN, -ENOMEM);
	check_consistent();
	check_bitmap_area(PG);
	while (nb--)
		assert_int_equal(page_free_range(&pa, blocks[nb], sizes[nb]), 0);
	assert_int_equal(pa.free_pages, pages);
	check_consistent();

	/*
	 * One free page at the far end of a full 4 GiB range: every search
	 * crosses 16 Ki full words, which must stay cheap.
	 */
	assert_int_equal(alloc_ok(4 * GiB / PG - 1, 0, 4 * GiB, ~0ULL, 0),
			 4 * GiB);
	t0 = clock();
	for (i = 0; i < 2000; i++) {
		p = alloc_ok(1, 0, 4 * GiB, ~0ULL, 0);
		assert_int_equal(p, 8 * GiB - PG);
		assert_int_equal(page_free_range(&pa, p, 1), 0);
	}
	assert_int_equal(page_free_range(&pa, 4 * GiB, 1), 0);
	assert_int_equal(alloc_ok(1, 0, 0, ~0ULL, PA_TOP_DOWN), 8 * GiB - PG);
	for (i = 0; i < 2000; i++) {
		p = alloc_ok(1, 0, 4 * GiB, ~0ULL, PA_TOP_DOWN);
		assert_int_equal(p, 4 * GiB);
		assert_int_equal(page_free_range(&pa, p, 1), 0);
	}
	cpu = (double)(clock() - t0) / CLOCKS_PER_SEC;
	printf("# 4000 searches across 4 GiB of full words: %.3f s CPU\n", cpu);
	/* about 0.1 s with ASan; scanning bit by bit takes 30 times longer */
	assert_true(cpu < 1.5);
	check_consistent();
}

static void test_exhaust_single_pages(void **state)
{
	static const struct raw in[] = {
		{ 0, 256 * KiB, MEMMAP_RAM },
		{ 1 * MiB, 100 * PG + 0x800, MEMMAP_RAM },
	};
	static u8 seen[(1 * MiB + 101 * PG) / PG];
	u64 n = 0, freep;
	phys_addr_t p;

	assert_int_equal(INIT(in), 0);
	freep = pa.free_pages;
	assert_int_equal(pa.total_pages, 64 + 100);
	assert_int_equal(freep, 64 + 100 - 2);
	memset(seen, 0, sizeof(seen));
	while (!page_alloc_range(&pa, 1, 1, 0, ~0ULL, n % 2 ? PA_TOP_DOWN : 0,
				 &p)) {
		assert_int_equal(p % PG, 0);
		assert_true(p / PG < ARRAY_SIZE(seen));
		assert_false(seen[p / PG]);
		seen[p / PG] = 1;
		assert_true(p >= 2 * PG);
		assert_true(p < 256 * KiB || (p >= 1 * MiB && p < 1 * MiB + 100 * PG));
		n++;
	}
	assert_int_equal(n, freep);
	assert_int_equal(pa.free_pages, 0);
	alloc_fails(1, 0, 0, ~0ULL, 0, -ENOMEM);
	check_consistent();
	check_bitmap_area(PG);
}

static void test_alignment(void **state)
{
	u64 a;
	phys_addr_t p;

	assert_int_equal(INIT(small_map), 0);
	for (a = 1; a <= 4096; a <<= 1) {
		p = alloc_ok(3, a, 0, ~0ULL, 0);
		assert_int_equal(p % (a * PG), 0);
		/* the lowest aligned block: 2 (after page 0 and the bitmap) */
		assert_int_equal(p, (a <= 2 ? 2 : a) * PG);
		assert_int_equal(page_free_range(&pa, p, 3), 0);

		p = alloc_ok(3, a, 0, ~0ULL, PA_TOP_DOWN);
		assert_int_equal(p % (a * PG), 0);
		assert_int_equal(p, ((16384 - 3) & ~(a - 1)) * PG);
		assert_int_equal(page_free_range(&pa, p, 3), 0);
	}
	/* 8 MiB aligned, 8 MiB long: the top block is [56M, 64M) */
	assert_int_equal(alloc_ok(2048, 2048, 0, ~0ULL, PA_TOP_DOWN),
			 56 * MiB);
	/* alignment forces a skip over a busy page */
	assert_int_equal(alloc_ok(1, 0, 8 * MiB, ~0ULL, 0), 8 * MiB);
	assert_int_equal(alloc_ok(2, 2048, 8 * MiB, ~0ULL, 0), 16 * MiB);
	assert_int_equal(alloc_ok(1, 0, 0, 48 * MiB, PA_TOP_DOWN),
			 48 * MiB - PG);
	assert_int_equal(alloc_ok(2, 2048, 0, 48 * MiB, PA_TOP_DOWN),
			 40 * MiB);

	alloc_fails(1, 3, 0, ~0ULL, 0, -EINVAL);
	alloc_fails(1, 12, 0, ~0ULL, 0, -EINVAL);
	alloc_fails(0, 1, 0, ~0ULL, 0, -EINVAL);
	/* only pfn 0 is aligned to 2^62 or 2^63 pages, and it is in use */
	alloc_fails(1, 1ULL << 62, 0, ~0ULL, 0, -ENOMEM);
	alloc_fails(1, 1ULL << 63, 0, ~0ULL, PA_TOP_DOWN, -ENOMEM);
	/* too big */
	alloc_fails(16384, 0, 0, ~0ULL, 0, -ENOMEM);
	alloc_fails(~0ULL, 0, 0, ~0ULL, 0, -ENOMEM);
	check_consistent();
}

static void test_bounds(void **state)
{
	assert_int_equal(INIT(small_map), 0);
	/* unaligned bounds shrink inwards: [0x1001, 0x5fff] -> pages 2..4 */
	assert_int_equal(alloc_ok(3, 0, 0x1001, 0x5fff, 0), 2 * PG);
	alloc_fails(1, 0, 0x1001, 0x5fff, 0, -ENOMEM);
	assert_int_equal(page_free_range(&pa, 2 * PG, 3), 0);
	assert_int_equal(alloc_ok(3, 0, 0x1001, 0x5fff, PA_TOP_DOWN), 2 * PG);
	alloc_fails(1, 0, 0x1001, 0x5fff, PA_TOP_DOWN, -ENOMEM);
	/* empty and inverted bounds */
	alloc_fails(1, 0, 1 * MiB, 1 * MiB, 0, -ENOMEM);
	alloc_fails(1, 0, 2 * MiB, 1 * MiB, 0, -ENOMEM);
	alloc_fails(1, 0, 0x10000, 0x10fff, 0, -ENOMEM);
	/* only the reserved hole inside the bounds */
	alloc_fails(1, 0, 640 * KiB, 1 * MiB, PA_TOP_DOWN, -ENOMEM);
	/* bounds above all RAM, and at the very top */
	alloc_fails(1, 0, 64 * MiB, ~0ULL, 0, -ENOMEM);
	alloc_fails(1, 0, ~0ULL - 0xfff, ~0ULL, 0, -ENOMEM);
	/* bounds that cut a range */
	assert_int_equal(alloc_ok(1, 0, 600 * KiB, 2 * MiB, 0), 600 * KiB);
	assert_int_equal(alloc_ok(2, 0, 600 * KiB, 2 * MiB, PA_TOP_DOWN),
			 2 * MiB - 2 * PG);
	assert_int_equal(alloc_ok(1, 0, 636 * KiB, 2 * MiB, 0), 636 * KiB);
	assert_int_equal(alloc_ok(1, 0, 636 * KiB, 2 * MiB, 0), 1 * MiB);
	check_consistent();
}

static void test_free_invalid(void **state)
{
	phys_addr_t p;

	assert_int_equal(INIT(small_map), 0);
	p = alloc_ok(4, 0, 8 * MiB, ~0ULL, 0);
	assert_int_equal(p, 8 * MiB);

	free_fails(p + 1, 1);			/* unaligned */
	free_fails(p, 0);			/* nothing */
	free_fails(p, 5);			/* one page too many */
	free_fails(p - PG, 2);			/* starts at a free page */
	free_fails(0, 1);			/* page 0 */
	free_fails(700 * KiB, 1);		/* reserved hole */
	free_fails(64 * MiB, 1);		/* above RAM */
	free_fails(~0ULL & ~(PG - 1), 1);	/* top of the address space */
	free_fails(636 * KiB, 2);		/* runs out of its range */
	free_fails(p, ~0ULL);			/* absurd size */
	free_fails(32 * MiB, 1);		/* never allocated */

	assert_int_equal(page_free_range(&pa, p + PG, 2), 0);	/* partial */
	free_fails(p, 4);			/* now partly free */
	free_fails(p + PG, 1);			/* double free */
	assert_int_equal(page_free_range(&pa, p, 1), 0);
	assert_int_equal(page_free_range(&pa, p + 3 * PG, 1), 0);
	free_fails(p, 1);
	assert_int_equal(pa.free_pages, pa.total_pages - 2);
	check_consistent();
}

/*
 * Hot-added RAM: in use until its owner frees pages, then allocated like
 * any; overlaps, a full table and absurd ranges are refused unchanged.
 */
static void test_add_range(void **state)
{
	static u64 bits[2][(3 * 256 + 63) / 64 + 1];
	u64 total, free0;
	unsigned int i;

	assert_int_equal(INIT(small_map), 0);
	total = pa.total_pages;
	free0 = pa.free_pages;
	/* 3 MiB above RAM at 96 MiB, then 1 MiB between at 80 MiB */
	assert_int_equal(page_alloc_add_range(&pa, 96 * MiB / PG, 3 * 256,
					      bits[0]), 0);
	assert_int_equal(page_alloc_add_range(&pa, 80 * MiB / PG, 256,
					      bits[1]), 0);
	assert_int_equal(pa.nr, 4);
	for (i = 1; i < pa.nr; i++)
		assert_true(pa.r[i - 1].start_pfn + pa.r[i - 1].npages <=
			    pa.r[i].start_pfn);
	assert_int_equal(pa.total_pages, total + 4 * 256);
	assert_int_equal(pa.free_pages, free0);
	check_consistent();
	/* nothing of it is handed out before its owner frees it */
	alloc_fails(1, 1, 64 * MiB, ~0ULL, 0, -ENOMEM);

	/* refused, and nothing changes */
	assert_int_equal(page_alloc_add_range(&pa, 98 * MiB / PG, 512, bits[1]),
			 -EEXIST);
	assert_int_equal(page_alloc_add_range(&pa, 60 * MiB / PG, 2048,
					      bits[1]), -EEXIST);
	assert_int_equal(page_alloc_add_range(&pa, 200 * MiB / PG, 0, bits[1]),
			 -EINVAL);
	assert_int_equal(page_alloc_add_range(&pa, 0, 1, bits[1]), -EINVAL);
	assert_int_equal(page_alloc_add_range(&pa, 1ULL << 40, 1ULL << 40,
					      bits[1]), -EINVAL);
	assert_int_equal(page_alloc_add_range(&pa, ~0ULL, 2, bits[1]), -EINVAL);
	assert_int_equal(page_alloc_add_range(&pa, 200 * MiB / PG, 1, NULL),
			 -EINVAL);
	assert_int_equal(pa.nr, 4);
	assert_int_equal(pa.total_pages, total + 4 * 256);

	/* the owner frees pages: they are allocatable, top down first */
	assert_int_equal(page_free_range(&pa, 97 * MiB, 256), 0);
	assert_int_equal(pa.free_pages, free0 + 256);
	assert_int_equal(alloc_ok(1, 1, 0, ~0ULL, PA_TOP_DOWN), 98 * MiB - PG);
	free_fails(99 * MiB, 1);		/* past the added range */
	assert_int_equal(page_free_range(&pa, 98 * MiB - PG, 1), 0);
	check_consistent();

	/* the table is full at PA_MAX_RANGES */
	for (i = pa.nr; i < PA_MAX_RANGES; i++)
		assert_int_equal(page_alloc_add_range(&pa, (1ULL << 30) / PG * i,
						      1, bits[1]), 0);
	assert_int_equal(page_alloc_add_range(&pa, 1ULL << 40 >> 12, 1,
					      bits[1]), -ENOSPC);
}

static void test_reserve(void **state)
{
	u64 f;

	assert_int_equal(INIT(small_map), 0);
	f = pa.free_pages;
	/* partial pages round outwards: 0x200800..0x202800 -> 3 pages */
	page_alloc_reserve(&pa, 2 * MiB + 0x800, 0x2000);
	assert_int_equal(pa.free_pages, f - 3);
	assert_int_equal(page_state(512), 1);
	assert_int_equal(page_state(514), 1);
	assert_int_equal(page_state(515), 0);
	/* again: nothing changes */
	page_alloc_reserve(&pa, 2 * MiB, 0x3000);
	assert_int_equal(pa.free_pages, f - 3);
	/* zero size: nothing */
	page_alloc_reserve(&pa, 3 * MiB, 0);
	assert_int_equal(pa.free_pages, f - 3);
	/* across the hole into both ranges */
	page_alloc_reserve(&pa, 636 * KiB, 392 * KiB);
	assert_int_equal(pa.free_pages, f - 5);
	/* wrapping size: everything from 60 MiB up */
	page_alloc_reserve(&pa, 60 * MiB, ~0ULL);
	assert_int_equal(pa.free_pages, f - 5 - 1024);
	alloc_fails(1, 0, 60 * MiB, ~0ULL, 0, -ENOMEM);
	assert_int_equal(alloc_ok(1, 0, 0, ~0ULL, PA_TOP_DOWN), 60 * MiB - PG);
	check_consistent();
}

static void test_too_many_ranges(void **state)
{
	static struct raw in[40];
	unsigned int i;
	u64 total = 0;

	for (i = 0; i < 40; i++) {
		in[i].addr = (u64)i * 512 * KiB;
		/* range 39 is the smallest, then 0, 38, 1, 37, ... */
		in[i].size = (i < 20 ? 4 * i + 2 : 4 * (39 - i) + 1) * PG;
		in[i].type = MEMMAP_RAM;
	}
	assert_int_equal(INIT(in), -E2BIG);
	assert_int_equal(pa.nr, PA_MAX_RANGES);
	for (i = 0; i < pa.nr; i++) {
		/* kept: ranges 4..35 (the 8 smallest were 0-3 and 36-39) */
		assert_int_equal(pa.r[i].start_pfn, (i + 4) * 512 * KiB / PG);
		total += pa.r[i].npages;
	}
	assert_int_equal(pa.total_pages, total);
	check_consistent();
	check_bitmap_area(4 * 512 * KiB);
	assert_int_equal(alloc_ok(1, 0, 0, ~0ULL, 0), 4 * 512 * KiB + PG);
}

static void test_no_room_for_bitmaps(void **state)
{
	static const struct raw only_high[] = {
		{ 4 * GiB, 1 * GiB, MEMMAP_RAM },
	};
	static const struct raw only_page0[] = {
		{ 0, PG, MEMMAP_RAM },
		{ 4 * GiB, 1 * GiB, MEMMAP_RAM },
	};
	static const struct raw too_small[] = {
		{ 0, 1 * MiB, MEMMAP_RAM },		/* 255 pages usable */
		{ 4 * GiB, 64 * GiB, MEMMAP_RAM },	/* needs 512 KiB */
	};
	static const struct raw straddle[] = {
		/* only the part below 4 GiB may hold the bitmaps */
		{ 4 * GiB - 2 * PG, 64 * GiB, MEMMAP_RAM },
	};
	static const struct raw none[] = {
		{ 0, 1 * MiB, MEMMAP_RESERVED },
	};

	assert_int_equal(INIT(only_high), -ENOMEM);
	assert_int_equal(pa.nr, 0);
	assert_int_equal(pa.free_pages, 0);
	alloc_fails(1, 0, 0, ~0ULL, 0, -ENOMEM);
	assert_int_equal(p2v_hi, 0);
	assert_int_equal(INIT(only_page0), -ENOMEM);
	assert_int_equal(p2v_hi, 0);
	assert_int_equal(INIT(too_small), -ENOMEM);
	assert_int_equal(p2v_hi, 0);
	assert_int_equal(INIT(straddle), -ENOMEM);
	assert_int_equal(p2v_hi, 0);
	assert_int_equal(INIT(none), -ENOMEM);
	assert_int_equal(p2v_hi, 0);
}

/* The first range is too small: the bitmaps go to the next one. */
static void test_bitmaps_in_lowest_suitable(void **state)
{
	static const struct raw in[] = {
		{ 0, 2 * PG, MEMMAP_RAM },
		{ 12 * MiB, 1 * MiB, MEMMAP_RAM },
		{ 4 * GiB, 16 * GiB, MEMMAP_RAM },
	};
	u64 need;

	assert_int_equal(INIT(in), 0);
	need = (bitmap_words() * 8 + PG - 1) / PG;
	assert_int_equal(need, 129);
	check_bitmap_area(12 * MiB);
	assert_int_equal(alloc_ok(1, 0, 0, ~0ULL, 0), PG);
	assert_int_equal(alloc_ok(1, 0, 0, ~0ULL, 0), 12 * MiB + need * PG);
	check_consistent();
}

/* ---- randomized stress against a shadow model ---- */

#define SH_PAGES	6000
enum { SH_HOLE, SH_FREE, SH_MINE, SH_SYS };

static u8 shadow[SH_PAGES];
static u32 prefix[SH_PAGES + 1];	/* free pages below i */
static u64 rng = 0x243f6a8885a308d3ULL;

static u64 rnd(void)
{
	rng ^= rng << 13;
	rng ^= rng >> 7;
	rng ^= rng << 17;
	return rng;
}

static u64 rnd_below(u64 n)
{
	return rnd() % n;
}

static void shadow_prefix(void)
{
	u64 i;

	for (i = 0; i < SH_PAGES; i++)
		prefix[i + 1] = prefix[i] + (shadow[i] == SH_FREE);
}

/* Brute-force expected block, or ~0 */
static u64 shadow_find(u64 n, u64 align, u64 lo, u64 hi, bool down)
{
	u64 best = ~0ULL, p;

	if (hi > SH_PAGES)
		hi = SH_PAGES;
	for (p = lo; p < hi && hi - p >= n; p++) {
		if (p % align || prefix[p + n] - prefix[p] != n)
			continue;
		if (!down)
			return p;
		best = p;
	}
	return best;
}

static u64 shadow_nfree(void)
{
	u64 i, c = 0;

	for (i = 0; i < SH_PAGES; i++)
		c += shadow[i] == SH_FREE;
	return c;
}

static void shadow_compare(void)
{
	u64 i, nfree = 0;

	for (i = 0; i < SH_PAGES; i++) {
		int s = page_state(i);

		switch (shadow[i]) {
		case SH_HOLE:
			assert_int_equal(s, -1);
			break;
		case SH_FREE:
			assert_int_equal(s, 0);
			nfree++;
			break;
		default:
			assert_int_equal(s, 1);
		}
	}
	assert_int_equal(nfree, pa.free_pages);
}

static void test_random_stress(void **state)
{
	/* page-unaligned ends, odd sizes, a range crossing no word boundary */
	static const struct raw in[] = {
		{ 0, 100 * PG, MEMMAP_RAM },
		{ 130 * PG, 1000 * PG + 0x10, MEMMAP_RAM },
		{ 2000 * PG - 0x20, 64 * PG, MEMMAP_RAM },
		{ 2070 * PG, 5 * PG, MEMMAP_RAM },
		{ 2100 * PG, 3900 * PG, MEMMAP_RAM },
		{ 2500 * PG, 3 * PG, MEMMAP_RESERVED },
	};
	u64 iter, i, nops_alloc = 0, nops_fail = 0;

	assert_int_equal(INIT(in), 0);
	memset(shadow, SH_HOLE, sizeof(shadow));
	for (i = 0; i < pa.nr; i++) {
		u64 p;

		for (p = pa.r[i].start_pfn;
		     p < pa.r[i].start_pfn + pa.r[i].npages; p++)
			shadow[p] = page_state(p) ? SH_SYS : SH_FREE;
	}
	assert_int_equal(pa.nr, 6);
	assert_int_equal(shadow[2000], SH_FREE);
	assert_int_equal(shadow[1999], SH_HOLE);
	assert_int_equal(shadow[2062], SH_FREE);
	assert_int_equal(shadow[2063], SH_HOLE);
	assert_int_equal(shadow[2501], SH_HOLE);
	shadow_compare();

	for (iter = 0; iter < 12000; iter++) {
		u64 r = rnd_below(100);

		if (r < 55) {
			u64 n = rnd_below(4) ? 1 + rnd_below(8) :
				1 + rnd_below(600);
			u64 align = 1ULL << rnd_below(8);
			u64 lo = 0, hi = ~0ULL, want;
			bool down = rnd_below(2);
			phys_addr_t p;
			int ret;

			if (!rnd_below(3)) {
				lo = rnd_below(SH_PAGES * PG);
				hi = lo + rnd_below(SH_PAGES * PG);
			}
			shadow_prefix();
			want = shadow_find(n, align, (lo + PG - 1) / PG,
					   hi / PG, down);
			ret = page_alloc_range(&pa, n, align, lo, hi,
					       down ? PA_TOP_DOWN : 0, &p);
			if (want == ~0ULL) {
				assert_int_equal(ret, -ENOMEM);
				nops_fail++;
				continue;
			}
			assert_int_equal(ret, 0);
			assert_int_equal(p, want * PG);
			memset(&shadow[want], SH_MINE, n);
			nops_alloc++;
		} else if (r < 95) {
			/* free a random run of my pages */
			u64 s = rnd_below(SH_PAGES), n = 1;
			u64 limit = 1 + rnd_below(rnd_below(2) ? 8 : 700);

			while (s < SH_PAGES && shadow[s] != SH_MINE)
				s++;
			if (s == SH_PAGES)
				continue;
			while (s + n < SH_PAGES && shadow[s + n] == SH_MINE &&
			       n < limit)
				n++;
			assert_int_equal(page_free_range(&pa, s * PG, n), 0);
			memset(&shadow[s], SH_FREE, n);
		} else {
			/* a free that must fail: it touches a free or hole page */
			u64 s = 1 + rnd_below(SH_PAGES - 1), n = 1, k;
			bool bad = false;

			n = 1 + rnd_below(20);
			if (s + n > SH_PAGES)
				continue;
			for (k = s; k < s + n; k++) {
				if (shadow[k] == SH_SYS)
					break;
				if (shadow[k] != SH_MINE)
					bad = true;
			}
			if (k < s + n || !bad)
				continue;
			free_fails(s * PG, n);
		}
		assert_int_equal(pa.free_pages, shadow_nfree());
		if (iter % 500 == 0) {
			shadow_compare();
			check_consistent();
		}
	}
	shadow_compare();
	check_consistent();
	/* both paths were exercised */
	assert_true(nops_alloc > 1000);
	assert_true(nops_fail > 100);
	check_bitmap_area(PG);
}

static int group_setup(void **state)
{
	fake = aligned_alloc(4096, FAKE_SIZE);
	return fake ? 0 : -1;
}

static int group_teardown(void **state)
{
	free(fake);
	free(snap);
	return 0;
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_init_small),
		cmocka_unit_test(test_6g),
		cmocka_unit_test(test_exhaust_single_pages),
		cmocka_unit_test(test_alignment),
		cmocka_unit_test(test_bounds),
		cmocka_unit_test(test_free_invalid),
		cmocka_unit_test(test_reserve),
		cmocka_unit_test(test_add_range),
		cmocka_unit_test(test_too_many_ranges),
		cmocka_unit_test(test_no_room_for_bitmaps),
		cmocka_unit_test(test_bitmaps_in_lowest_suitable),
		cmocka_unit_test(test_random_stress),
	};

	return cmocka_run_group_tests_name("page_alloc", tests, group_setup,
					   group_teardown);
}
