// SPDX-License-Identifier: GPL-2.0
/*
 * Placing a PV domain's P2M list entries onto the RAM of a memory map
 * (the rules are in arch/x86/include/asm/xen/p2m_layout.h). Pure code: the map
 * comes from Xen (XENMEM_machine_memory_map for dom0, XENMEM_memory_map
 * for a domU) and is never trusted: entries may be unsorted, overlap,
 * wrap or describe no whole page; the result is always a set of
 * disjoint segments, at most P2M_MAX_SEGS of them, and every loop is
 * bounded by the number of map entries.
 */
#include <tern/string.h>
#include <asm/page.h>
#include <asm/xen/p2m_layout.h>

void p2m_layout_flat(struct p2m_layout *l, unsigned long nr_pages)
{
	memset(l, 0, sizeof(*l));
	l->nr_pages = nr_pages;
	l->placed = nr_pages;
	l->end_pfn = nr_pages;
	if (nr_pages) {
		l->seg[0].nr = nr_pages;
		l->nr = 1;
	}
}

/*
 * RAM ends below 2^52 and a wrapping RAM entry is corrupt, as
 * memmap_add() says (kernel/memmap.c): a pfn placed beyond would be RAM
 * no memory map of this domain (p2m_layout_memmap()) can describe.
 */
#define P2M_RAM_LIMIT	(1ULL << 52)

/* Whole RAM pages of entry e as [*a, *b); false when there are none. */
static bool ram_pages(const struct memmap_entry *e, u64 *a, u64 *b)
{
	u64 end;

	if (e->type != MEMMAP_RAM || !e->size)
		return false;
	end = e->addr + e->size;
	if (end < e->addr)
		return false;
	if (end > P2M_RAM_LIMIT)
		end = P2M_RAM_LIMIT;
	*a = (e->addr + PAGE_SIZE - 1) >> PAGE_SHIFT;
	if (e->addr > ~0ULL - (PAGE_SIZE - 1))
		return false;
	*b = end >> PAGE_SHIFT;
	return *a < *b;
}

/*
 * The lowest RAM pages at or above cursor: [*a, *b) where *a is the
 * smallest such page and *b the end of the entry holding it. Unsorted
 * and overlapping entries are fine; each call looks at every entry once.
 */
static bool next_ram(const struct memmap *map, u64 cursor, u64 *a, u64 *b)
{
	unsigned int i, n = min(map->nr, (unsigned int)MEMMAP_MAX);
	bool found = false;

	for (i = 0; i < n; i++) {
		u64 s, e;

		if (!ram_pages(&map->e[i], &s, &e) || e <= cursor)
			continue;
		if (s < cursor)
			s = cursor;
		if (!found || s < *a || (s == *a && e > *b)) {
			*a = s;
			*b = e;
			found = true;
		}
	}
	return found;
}

static bool add_seg(struct p2m_layout *l, u64 pfn, u64 idx, u64 nr)
{
	struct p2m_seg *last = l->nr ? &l->seg[l->nr - 1] : NULL;

	if (!nr)
		return true;
	if (last && last->pfn + last->nr == pfn && last->idx + last->nr == idx) {
		last->nr += nr;
	} else {
		if (l->nr == P2M_MAX_SEGS)
			return false;
		l->seg[l->nr].pfn = pfn;
		l->seg[l->nr].idx = idx;
		l->seg[l->nr].nr = nr;
		l->nr++;
	}
	l->placed += nr;
	if (pfn + nr > l->end_pfn)
		l->end_pfn = pfn + nr;
	return true;
}

/*
 * The first non-empty gap at or after gap *i in [0, nr_pages) between
 * the first n_id (identity, sorted) segments: [*s, *e), *i updated.
 * False past the last gap.
 */
static bool hole(const struct p2m_layout *l, unsigned int n_id,
		 unsigned int *i, u64 *s, u64 *e)
{
	for (; *i <= n_id; (*i)++) {
		*s = *i ? l->seg[*i - 1].pfn + l->seg[*i - 1].nr : 0;
		*e = *i < n_id ? l->seg[*i].pfn : l->nr_pages;
		if (*s < *e)
			return true;
	}
	return false;
}

unsigned long p2m_layout_build(struct p2m_layout *l, const struct memmap *map,
			       unsigned long nr_pages)
{
	unsigned int n_id, h = 0, guard;
	u64 cursor = 0, a, b, hs = 0, he = 0;
	bool have_hole;

	memset(l, 0, sizeof(*l));
	l->nr_pages = nr_pages;

	/* entries whose own pfn is RAM stay there */
	for (guard = 0; guard <= MEMMAP_MAX && cursor < nr_pages &&
	     next_ram(map, cursor, &a, &b); guard++) {
		if (a >= nr_pages)
			break;
		if (!add_seg(l, a, a, min(b, (u64)nr_pages) - a))
			return l->placed;
		cursor = b;
	}
	n_id = l->nr;

	/* the others fill the RAM above nr_pages, in order */
	have_hole = hole(l, n_id, &h, &hs, &he);
	cursor = nr_pages;
	for (guard = 0; have_hole && guard <= MEMMAP_MAX &&
	     next_ram(map, cursor, &a, &b); guard++) {
		while (a < b && have_hole) {
			u64 n = min(b - a, he - hs);

			if (!add_seg(l, a, hs, n))
				return l->placed;
			a += n;
			hs += n;
			if (hs == he) {
				/* gap h ends where segment h starts */
				h++;
				have_hole = hole(l, n_id, &h, &hs, &he);
			}
		}
		cursor = b;
	}
	return l->placed;
}

unsigned long p2m_layout_extend(struct p2m_layout *l, unsigned long n)
{
	unsigned long pfn = l->end_pfn, idx = l->nr_pages;

	if (!n || n > (P2M_RAM_LIMIT >> PAGE_SHIFT) ||
	    pfn > (P2M_RAM_LIMIT >> PAGE_SHIFT) - n || idx > -2UL - n)
		return -1UL;
	if (!add_seg(l, pfn, idx, n))
		return -1UL;
	l->nr_pages += n;
	return pfn;
}

/* x as a pfn (from_idx false) or a list index, translated to the other. */
static unsigned long translate(const struct p2m_layout *l, unsigned long x,
			       bool from_idx)
{
	unsigned int i;

	for (i = 0; i < l->nr && i < P2M_MAX_SEGS; i++) {
		const struct p2m_seg *g = &l->seg[i];
		unsigned long from = from_idx ? g->idx : g->pfn;
		unsigned long to = from_idx ? g->pfn : g->idx;

		if (x - from < g->nr)
			return to + (x - from);
	}
	return -1UL;
}

unsigned long p2m_layout_idx(const struct p2m_layout *l, unsigned long pfn)
{
	return translate(l, pfn, false);
}

unsigned long p2m_layout_pfn(const struct p2m_layout *l, unsigned long idx)
{
	return translate(l, idx, true);
}

void p2m_layout_memmap(const struct p2m_layout *l, const struct memmap *map,
		       struct memmap *out)
{
	unsigned int i;

	memset(out, 0, sizeof(*out));
	for (i = 0; map && i < map->nr && i < MEMMAP_MAX; i++)
		if (map->e[i].type != MEMMAP_RAM)
			memmap_add(out, map->e[i].addr, map->e[i].size,
				   map->e[i].type);
	for (i = 0; i < l->nr && i < P2M_MAX_SEGS; i++)
		memmap_add(out, (u64)l->seg[i].pfn << PAGE_SHIFT,
			   (u64)l->seg[i].nr << PAGE_SHIFT, MEMMAP_RAM);
	memmap_sanitize(out);
}
