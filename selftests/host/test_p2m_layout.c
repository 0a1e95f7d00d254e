// SPDX-License-Identifier: GPL-2.0
/*
 * Host tests of the PV P2M layout (arch/x86/xen/p2m_layout.c): entries
 * keep their pfn where it is RAM, the rest fill the RAM above nr_pages,
 * holes stay unplaced; hostile maps (unsorted, overlapping, wrapping,
 * sub-page, too many pieces, no RAM at all) give disjoint segments and
 * never more entries than exist.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <string.h>
#include <cmocka.h>

#include <asm/page.h>
#include <asm/xen/p2m_layout.h>

static struct memmap map;
static struct p2m_layout l;

#define MiB (1ULL << 20)
#define GiB (1ULL << 30)
#define PFN(x) ((unsigned long)((x) >> PAGE_SHIFT))

static void add(u64 a, u64 s, u32 t)
{
	memmap_add(&map, a, s, t);
}

/* Every entry placed at most once, segments disjoint in pfn and index. */
static void check_invariants(unsigned long nr_pages)
{
	unsigned long sum = 0, end = 0;
	unsigned int i, j;

	assert_true(l.nr <= P2M_MAX_SEGS);
	for (i = 0; i < l.nr; i++) {
		const struct p2m_seg *a = &l.seg[i];

		assert_true(a->nr > 0);
		assert_true(a->idx + a->nr <= nr_pages);
		sum += a->nr;
		if (a->pfn + a->nr > end)
			end = a->pfn + a->nr;
		for (j = i + 1; j < l.nr; j++) {
			const struct p2m_seg *b = &l.seg[j];

			assert_true(a->pfn + a->nr <= b->pfn ||
				    b->pfn + b->nr <= a->pfn);
			assert_true(a->idx + a->nr <= b->idx ||
				    b->idx + b->nr <= a->idx);
		}
	}
	assert_int_equal(sum, l.placed);
	assert_true(l.placed <= nr_pages);
	assert_int_equal(end, l.end_pfn);
}

static void pc_e820(void)
{
	memset(&map, 0, sizeof(map));
	add(0, 0x9fc00, MEMMAP_RAM);
	add(0x9fc00, 0x400, MEMMAP_RESERVED);
	add(0xf0000, 0x10000, MEMMAP_RESERVED);
	add(MiB, 3 * GiB - MiB, MEMMAP_RAM);
	add(0xfeffc000, 0x4000, MEMMAP_RESERVED);
	add(4 * GiB, 3 * GiB, MEMMAP_RAM);
	memmap_sanitize(&map);
}

static void small_dom0_keeps_its_pfns(void **state)
{
	unsigned long nr = PFN(256 * MiB);

	pc_e820();
	assert_int_equal(p2m_layout_build(&l, &map, nr), nr);
	check_invariants(nr);
	/* the kernel at 1 MiB and everything up to nr - 1 keep their pfn */
	assert_int_equal(p2m_layout_idx(&l, PFN(MiB)), PFN(MiB));
	assert_int_equal(p2m_layout_idx(&l, nr - 1), nr - 1);
	/* the legacy hole is not RAM; its entries moved past nr */
	assert_int_equal(p2m_layout_idx(&l, 0xa0), -1UL);
	assert_int_equal(p2m_layout_pfn(&l, 0xa0), nr + 1);
	assert_true(l.end_pfn > nr);
}

static void big_dom0_skips_the_pci_hole(void **state)
{
	unsigned long nr = PFN(5 * GiB), pfn;

	pc_e820();
	assert_int_equal(p2m_layout_build(&l, &map, nr), nr);
	check_invariants(nr);
	for (pfn = PFN(3 * GiB); pfn < PFN(4 * GiB); pfn += 4096)
		assert_int_equal(p2m_layout_idx(&l, pfn), -1UL);
	/* entry 3 GiB (in the hole) now backs RAM above 5 GiB */
	assert_true(p2m_layout_pfn(&l, PFN(3 * GiB)) >= nr);
	assert_int_equal(p2m_layout_idx(&l, PFN(4 * GiB)), PFN(4 * GiB));
	/* round trip for every entry */
	for (pfn = 0; pfn < nr; pfn += 997)
		assert_int_equal(p2m_layout_idx(&l, p2m_layout_pfn(&l, pfn)), pfn);
}

static void too_little_ram_above(void **state)
{
	unsigned long nr = PFN(4 * GiB);

	memset(&map, 0, sizeof(map));
	add(0, 3 * GiB, MEMMAP_RAM);
	add(4 * GiB, 256 * MiB, MEMMAP_RAM);
	memmap_sanitize(&map);
	assert_int_equal(p2m_layout_build(&l, &map, nr),
			 PFN(3 * GiB + 256 * MiB));
	check_invariants(nr);
}

static void domu_maxmem_beyond_memory(void **state)
{
	unsigned long nr = PFN(64 * MiB);

	memset(&map, 0, sizeof(map));
	add(0, 256 * MiB, MEMMAP_RAM);
	assert_int_equal(p2m_layout_build(&l, &map, nr), nr);
	check_invariants(nr);
	assert_int_equal(l.nr, 1);
	assert_int_equal(l.end_pfn, nr);
	assert_int_equal(p2m_layout_idx(&l, nr), -1UL);
}

static void no_ram_places_nothing(void **state)
{
	memset(&map, 0, sizeof(map));
	add(0, 4 * GiB, MEMMAP_RESERVED);
	assert_int_equal(p2m_layout_build(&l, &map, 1000), 0);
	check_invariants(1000);
	assert_int_equal(l.nr, 0);
	memset(&map, 0, sizeof(map));
	assert_int_equal(p2m_layout_build(&l, &map, 1000), 0);
}

static void hostile_raw_map(void **state)
{
	unsigned long nr = 100000;
	unsigned int i;

	/* unsorted, overlapping, wrapping, sub-page: not sanitised */
	memset(&map, 0, sizeof(map));
	map.nr = 6;
	map.e[0] = (struct memmap_entry){ 0x5000000, 0x100000, MEMMAP_RAM };
	map.e[1] = (struct memmap_entry){ 0, 0x2000000, MEMMAP_RAM };
	map.e[2] = (struct memmap_entry){ 0x1000000, 0x3000000, MEMMAP_RAM };
	map.e[3] = (struct memmap_entry){ ~0ULL - 5000, 100000, MEMMAP_RAM };
	map.e[4] = (struct memmap_entry){ 0x123, 0x10, MEMMAP_RAM };
	map.e[5] = (struct memmap_entry){ 0x9000000, 0, MEMMAP_RAM };
	p2m_layout_build(&l, &map, nr);
	check_invariants(nr);
	/* an entry count beyond the table is clamped */
	map.nr = 100000;
	p2m_layout_build(&l, &map, nr);
	check_invariants(nr);
	/* many tiny pieces: stops at P2M_MAX_SEGS, never overflows */
	memset(&map, 0, sizeof(map));
	for (i = 0; i < MEMMAP_MAX; i++)
		memmap_add(&map, (u64)i * 2 * PAGE_SIZE, PAGE_SIZE, MEMMAP_RAM);
	p2m_layout_build(&l, &map, 1000);
	check_invariants(1000);
	assert_int_equal(l.nr, P2M_MAX_SEGS);
}

/*
 * Found by fuzz_p2m_layout: a raw RAM entry that wraps past 2^64 was
 * clipped to ~0 and its pages above 2^52 were placed, RAM no memory map
 * of the domain can hold (p2m_layout_memmap() had no RAM for them).
 * Wrapping RAM is corrupt and RAM ends at 2^52, as in memmap_add().
 */
static void ram_beyond_2_52(void **state)
{
	static struct memmap out;
	unsigned long nr = 0x7f7f7fd700000000UL;

	memset(&map, 0, sizeof(map));
	map.nr = 1;
	map.e[0] = (struct memmap_entry){ 0x7f7f7f7f7f7f7f7fULL,
					  0xff00007f7f7f7f7fULL, MEMMAP_RAM };
	assert_int_equal(p2m_layout_build(&l, &map, nr), 0);
	check_invariants(nr);

	map.e[0] = (struct memmap_entry){ (1ULL << 52) - 16 * PAGE_SIZE,
					  32 * PAGE_SIZE, MEMMAP_RAM };
	assert_int_equal(p2m_layout_build(&l, &map, nr), 16);
	check_invariants(nr);
	assert_int_equal(l.end_pfn, 1UL << 40);
	p2m_layout_memmap(&l, &map, &out);
	assert_int_equal(memmap_ram_bytes(&out), 16 * PAGE_SIZE);
}

static void memmap_of_layout(void **state)
{
	static struct memmap out;
	unsigned int i, ram = 0;

	pc_e820();
	p2m_layout_build(&l, &map, PFN(5 * GiB));
	p2m_layout_memmap(&l, &map, &out);
	for (i = 0; i < out.nr; i++) {
		if (out.e[i].type == MEMMAP_RAM)
			ram += out.e[i].size >> PAGE_SHIFT;
		/* no RAM inside the PCI hole */
		if (out.e[i].type == MEMMAP_RAM)
			assert_true(out.e[i].addr + out.e[i].size <= 3 * GiB ||
				    out.e[i].addr >= 4 * GiB);
	}
	assert_int_equal(ram, PFN(5 * GiB));
}

static void flat_layout(void **state)
{
	p2m_layout_flat(&l, 1234);
	check_invariants(1234);
	assert_int_equal(p2m_layout_idx(&l, 1233), 1233);
	assert_int_equal(p2m_layout_idx(&l, 1234), -1UL);
	p2m_layout_flat(&l, 0);
	assert_int_equal(l.nr, 0);
}

/* Growing: new entries right above the highest pfn, merged if they can. */
static void extend_above_ram(void **state)
{
	unsigned long nr = PFN(128 * MiB), segs, top;

	/* a flat domU: one identity segment grows in place */
	p2m_layout_flat(&l, nr);
	assert_int_equal(p2m_layout_extend(&l, 1000), nr);
	assert_int_equal(l.nr, 1);
	assert_int_equal(l.nr_pages, nr + 1000);
	assert_int_equal(l.end_pfn, nr + 1000);
	assert_int_equal(p2m_layout_idx(&l, nr + 999), nr + 999);
	assert_int_equal(p2m_layout_pfn(&l, nr + 999), nr + 999);
	assert_int_equal(p2m_layout_idx(&l, nr + 1000), -1UL);
	check_invariants(l.nr_pages);

	/* a dom0 layout with moved entries: they end the list, so merged */
	pc_e820();
	nr = PFN(3 * GiB + 512 * MiB);
	assert_int_equal(p2m_layout_build(&l, &map, nr), nr);
	segs = l.nr;
	top = l.end_pfn;
	assert_true(top > PFN(4 * GiB + 512 * MiB));	/* the low holes */
	assert_int_equal(p2m_layout_extend(&l, 16), top);
	assert_int_equal(l.nr, segs);
	assert_int_equal(p2m_layout_idx(&l, top), nr);
	assert_int_equal(p2m_layout_idx(&l, top - 1), nr - 1);
	check_invariants(l.nr_pages);

	/* refused, unchanged: nothing, past 2^52, wrapping, no segment */
	assert_int_equal(p2m_layout_extend(&l, 0), -1UL);
	assert_int_equal(p2m_layout_extend(&l, 1UL << 40), -1UL);
	assert_int_equal(p2m_layout_extend(&l, -1UL), -1UL);
	assert_int_equal(l.nr, segs);
	l.nr = P2M_MAX_SEGS;
	l.seg[P2M_MAX_SEGS - 1] = (struct p2m_seg){ 0, 0, 1 };
	assert_int_equal(p2m_layout_extend(&l, 1), -1UL);
	assert_int_equal(l.nr, P2M_MAX_SEGS);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(small_dom0_keeps_its_pfns),
		cmocka_unit_test(big_dom0_skips_the_pci_hole),
		cmocka_unit_test(too_little_ram_above),
		cmocka_unit_test(domu_maxmem_beyond_memory),
		cmocka_unit_test(no_ram_places_nothing),
		cmocka_unit_test(hostile_raw_map),
		cmocka_unit_test(ram_beyond_2_52),
		cmocka_unit_test(memmap_of_layout),
		cmocka_unit_test(flat_layout),
		cmocka_unit_test(extend_above_ram),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
