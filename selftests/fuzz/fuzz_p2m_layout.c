// SPDX-License-Identifier: GPL-2.0
/*
 * Fuzz the Xen PV P2M layout (arch/x86/xen/p2m_layout.c): where a PV
 * domain's P2M list entries go in its pseudo-physical space, given the
 * memory map Xen hands it. The input is nr_pages (8 bytes, little
 * endian) followed by a raw struct memmap as the bytes say (short
 * inputs zero-filled): nr and the entries are not sanitised, so entries
 * may be unsorted, overlap, wrap or hold no whole page, and nr may
 * exceed MEMMAP_MAX (the code clamps it). Checked, as in
 * selftests/host/test_p2m_layout.c: segments disjoint in pfn and in
 * list index and sorted by pfn, every index below nr_pages, their sum is
 * what p2m_layout_build() returned (placed <= nr_pages), end_pfn is the
 * end of the highest segment, idx <-> pfn round trips at both ends and
 * the middle of every segment, and p2m_layout_memmap() gives a
 * sanitised map whose RAM is exactly the placed pages when no non-RAM
 * entry of the input overlaps a segment (never more in any case).
 */
#include <asm/page.h>
#include <asm/xen/p2m_layout.h>

#include "fuzz.h"

static struct memmap map, out;
static struct p2m_layout l;

static void check_entry(const struct p2m_seg *s, unsigned long off)
{
	FUZZ_CHECK(p2m_layout_pfn(&l, s->idx + off) == s->pfn + off);
	FUZZ_CHECK(p2m_layout_idx(&l, s->pfn + off) == s->idx + off);
}

/* Does [pfn, pfn + nr) meet a non-RAM entry of the input map? */
static bool meets_non_ram(const struct p2m_seg *s)
{
	u64 a = (u64)s->pfn << PAGE_SHIFT;
	u64 last = a + (((u64)s->nr << PAGE_SHIFT) - 1);
	unsigned int i, n = map.nr < MEMMAP_MAX ? map.nr : MEMMAP_MAX;

	for (i = 0; i < n; i++) {
		const struct memmap_entry *e = &map.e[i];
		u64 el;

		if (e->type == MEMMAP_RAM || !e->size)
			continue;
		el = e->size - 1 > ~0ULL - e->addr ? ~0ULL :
		     e->addr + (e->size - 1);
		if (e->addr <= last && el >= a)
			return true;
	}
	return false;
}

int LLVMFuzzerTestOneInput(const u8 *data, size_t size)
{
	unsigned long nr_pages, placed, sum = 0, end = 0;
	unsigned int i, j, non_ram = 0;
	bool exact = true;

	if (size < 8)
		return 0;
	nr_pages = fuzz_le(data, 8);
	memset(&map, 0, sizeof(map));
	memcpy(&map, data + 8, size - 8 < sizeof(map) ? size - 8 : sizeof(map));

	placed = p2m_layout_build(&l, &map, nr_pages);
	FUZZ_CHECK(placed == l.placed);
	FUZZ_CHECK(placed <= nr_pages);
	FUZZ_CHECK(l.nr_pages == nr_pages);
	FUZZ_CHECK(l.nr <= P2M_MAX_SEGS);
	for (i = 0; i < l.nr; i++) {
		const struct p2m_seg *a = &l.seg[i];

		FUZZ_CHECK(a->nr > 0);
		FUZZ_CHECK(a->idx < nr_pages && a->nr <= nr_pages - a->idx);
		FUZZ_CHECK(a->pfn + a->nr > a->pfn);
		sum += a->nr;
		if (a->pfn + a->nr > end)
			end = a->pfn + a->nr;
		if (i + 1 < l.nr)
			FUZZ_CHECK(a->pfn + a->nr <= l.seg[i + 1].pfn);
		for (j = i + 1; j < l.nr; j++) {
			const struct p2m_seg *b = &l.seg[j];

			FUZZ_CHECK(a->pfn + a->nr <= b->pfn ||
				   b->pfn + b->nr <= a->pfn);
			FUZZ_CHECK(a->idx + a->nr <= b->idx ||
				   b->idx + b->nr <= a->idx);
		}
		check_entry(a, 0);
		check_entry(a, a->nr / 2);
		check_entry(a, a->nr - 1);
		if (meets_non_ram(a))
			exact = false;
	}
	FUZZ_CHECK(sum == placed);
	FUZZ_CHECK(end == l.end_pfn);
	/* nothing outside the segments is placed */
	FUZZ_CHECK(p2m_layout_pfn(&l, nr_pages) == -1UL);
	FUZZ_CHECK(p2m_layout_idx(&l, end) == -1UL);

	p2m_layout_memmap(&l, &map, &out);
	fuzz_check_memmap(&out);
	for (i = 0; i < map.nr && i < MEMMAP_MAX; i++)
		non_ram += map.e[i].type != MEMMAP_RAM;
	/* the output map may have run out of room for the holes */
	if (non_ram + l.nr > MEMMAP_MAX)
		exact = false;
	FUZZ_CHECK(memmap_ram_bytes(&out) <= (u64)placed << PAGE_SHIFT);
	if (exact)
		FUZZ_CHECK(memmap_ram_bytes(&out) == (u64)placed << PAGE_SHIFT);
	return 0;
}
