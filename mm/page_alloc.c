// SPDX-License-Identifier: GPL-2.0
/*
 * Physical page allocator (pure code, also built into host tests).
 *
 * Every RAM range of the sanitised memory map becomes a struct pa_range
 * with one bit per 4 KiB page (set = in use). The bitmaps of all ranges
 * lie back to back in the lowest RAM below 4 GiB that can hold them
 * (never page 0) and are reached through the p2v() callback, so the
 * kernel passes its direct map and a host test a plain buffer.
 *
 * Invariants:
 *  - pa->r[] is sorted by start_pfn and the ranges do not overlap;
 *  - the bits past npages in a bitmap's last word are set, so a search
 *    may treat whole words uniformly and skips every all-ones word;
 *  - r->nfree is the number of clear bits below npages, pa->free_pages
 *    the sum over all ranges;
 *  - page 0 and the bitmap pages are always marked in use.
 *
 * A search first looks for the next (or, top down, previous) free page,
 * aligns a candidate block there and then looks for a busy page inside
 * it; when there is one, the search resumes beyond it. Each part of the
 * bitmap is therefore scanned O(1) times per request, word by word, which
 * keeps a search over 6 GiB (24 Ki words) cheap.
 *
 * No locking: the caller serialises (one CPU, no allocation from IRQs).
 */
#include <tern/mm.h>
#include <tern/string.h>

#define PA_ALL_ONES	(~0ULL)
#define PA_PFN_4G	(0x100000000ULL >> PAGE_SHIFT)
/* RAM lies below 2^52 (tern/memmap.h) */
#define PA_PFN_LIMIT	(1ULL << (52 - PAGE_SHIFT))

static u64 pa_range_end(const struct pa_range *r)
{
	return r->start_pfn + r->npages;
}

static unsigned int pa_popcount(u64 x)
{
	x = x - ((x >> 1) & 0x5555555555555555ULL);
	x = (x & 0x3333333333333333ULL) + ((x >> 2) & 0x3333333333333333ULL);
	x = (x + (x >> 4)) & 0x0f0f0f0f0f0f0f0fULL;
	return (unsigned int)((x * 0x0101010101010101ULL) >> 56);
}

/* First bit in [from, to) equal to val, or to. */
static u64 bm_next(const u64 *bm, u64 from, u64 to, bool val)
{
	while (from < to) {
		u64 w = val ? bm[from / 64] : ~bm[from / 64];

		w >>= from % 64;
		if (w) {
			from += (u64)__builtin_ctzll(w);
			return from < to ? from : to;
		}
		from = (from | 63) + 1;
	}
	return to;
}

/* Last bit in [from, to) equal to val: true and *out, or false. */
static bool bm_prev(const u64 *bm, u64 from, u64 to, bool val, u64 *out)
{
	while (to > from) {
		u64 i = to - 1;
		u64 w = val ? bm[i / 64] : ~bm[i / 64];

		w <<= 63 - i % 64;
		if (w) {
			i -= (u64)__builtin_clzll(w);
			if (i < from)
				return false;
			*out = i;
			return true;
		}
		to = i - i % 64;
	}
	return false;
}

/* Set or clear bits [from, to); returns how many bits changed. */
static u64 bm_fill(u64 *bm, u64 from, u64 to, bool set)
{
	u64 changed = 0;

	while (from < to) {
		u64 sh = from % 64;
		u64 nbits = min(64 - sh, to - from);
		u64 mask = (nbits == 64 ? PA_ALL_ONES : (1ULL << nbits) - 1) << sh;
		u64 *w = &bm[from / 64];

		if (set) {
			changed += pa_popcount(~*w & mask);
			*w |= mask;
		} else {
			changed += pa_popcount(*w & mask);
			*w &= ~mask;
		}
		from += nbits;
	}
	return changed;
}

/*
 * Keep at most PA_MAX_RANGES ranges: when full, the smallest range goes.
 * Returns the number of ranges dropped (0 or 1).
 */
static unsigned int pa_add_range(struct page_alloc *pa, u64 start, u64 n)
{
	unsigned int i, small = 0;

	if (pa->nr < PA_MAX_RANGES) {
		pa->r[pa->nr].start_pfn = start;
		pa->r[pa->nr].npages = n;
		pa->nr++;
		return 0;
	}
	for (i = 1; i < pa->nr; i++)
		if (pa->r[i].npages < pa->r[small].npages)
			small = i;
	if (pa->r[small].npages < n) {
		pa->r[small].start_pfn = start;
		pa->r[small].npages = n;
	}
	return 1;
}

/* Sort by address and cut overlaps (only an unsanitised map has any). */
static void pa_sort_ranges(struct page_alloc *pa)
{
	unsigned int i, j;

	for (i = 1; i < pa->nr; i++) {
		struct pa_range x = pa->r[i];

		for (j = i; j > 0 && pa->r[j - 1].start_pfn > x.start_pfn; j--)
			pa->r[j] = pa->r[j - 1];
		pa->r[j] = x;
	}
	for (i = 1; i < pa->nr; ) {
		u64 prev_end = pa_range_end(&pa->r[i - 1]);

		if (pa->r[i].start_pfn >= prev_end) {
			i++;
		} else if (pa_range_end(&pa->r[i]) <= prev_end) {
			memmove(&pa->r[i], &pa->r[i + 1],
				(pa->nr - i - 1) * sizeof(pa->r[0]));
			pa->nr--;
		} else {
			pa->r[i].npages = pa_range_end(&pa->r[i]) - prev_end;
			pa->r[i].start_pfn = prev_end;
			i++;
		}
	}
}

int page_alloc_init(struct page_alloc *pa, const struct memmap *m,
		    void *(*p2v)(phys_addr_t))
{
	unsigned int n = m->nr > MEMMAP_MAX ? MEMMAP_MAX : m->nr;
	unsigned int i, ignored = 0;
	u64 words = 0, need, base = 0;
	phys_addr_t phys;

	memset(pa, 0, sizeof(*pa));
	for (i = 0; i < n; i++) {
		const struct memmap_entry *e = &m->e[i];
		u64 start, end, last;

		if (e->type != MEMMAP_RAM || !e->size)
			continue;
		if (e->size - 1 > ~0ULL - e->addr)
			last = ~0ULL;
		else
			last = e->addr + (e->size - 1);
		start = (e->addr >> PAGE_SHIFT) + !!(e->addr & (PAGE_SIZE - 1));
		end = (last >> PAGE_SHIFT) + ((last & (PAGE_SIZE - 1)) == PAGE_SIZE - 1);
		if (start < end)
			ignored += pa_add_range(pa, start, end - start);
	}
	pa_sort_ranges(pa);

	for (i = 0; i < pa->nr; i++)
		words += DIV_ROUND_UP(pa->r[i].npages, 64);
	need = DIV_ROUND_UP(words * sizeof(u64), PAGE_SIZE);
	for (i = 0; i < pa->nr; i++) {
		u64 lo = max(pa->r[i].start_pfn, 1ULL);
		u64 hi = min(pa_range_end(&pa->r[i]), PA_PFN_4G);

		if (lo < hi && hi - lo >= need) {
			base = lo;
			break;
		}
	}
	if (!base) {
		memset(pa, 0, sizeof(*pa));
		return -ENOMEM;
	}

	phys = base << PAGE_SHIFT;
	for (i = 0; i < pa->nr; i++) {
		struct pa_range *r = &pa->r[i];
		u64 nw = DIV_ROUND_UP(r->npages, 64);

		r->bitmap = p2v(phys);
		memset(r->bitmap, 0, nw * sizeof(u64));
		if (r->npages % 64)
			r->bitmap[nw - 1] = PA_ALL_ONES << (r->npages % 64);
		r->nfree = r->npages;
		pa->total_pages += r->npages;
		phys += nw * sizeof(u64);
	}
	pa->free_pages = pa->total_pages;

	page_alloc_reserve(pa, 0, PAGE_SIZE);
	page_alloc_reserve(pa, base << PAGE_SHIFT, need << PAGE_SHIFT);
	return ignored ? -E2BIG : 0;
}

void page_alloc_reserve(struct page_alloc *pa, phys_addr_t addr, u64 size)
{
	u64 first, end, last;
	unsigned int i;

	if (!size)
		return;
	if (size - 1 > ~0ULL - addr)
		last = ~0ULL;
	else
		last = addr + (size - 1);
	first = addr >> PAGE_SHIFT;
	end = (last >> PAGE_SHIFT) + 1;

	for (i = 0; i < pa->nr; i++) {
		struct pa_range *r = &pa->r[i];
		u64 s = max(first, r->start_pfn);
		u64 e = min(end, pa_range_end(r));
		u64 c;

		if (s >= e)
			continue;
		c = bm_fill(r->bitmap, s - r->start_pfn, e - r->start_pfn, true);
		r->nfree -= c;
		pa->free_pages -= c;
	}
}

/* Lowest free aligned block of n pages inside [s, e) of range r. */
static bool pa_find_up(const struct pa_range *r, u64 s, u64 e, u64 n,
		       u64 align, u64 *pfn)
{
	u64 base = r->start_pfn;
	u64 p = s;

	for (;;) {
		u64 z = bm_next(r->bitmap, p - base, e - base, false) + base;
		u64 c, busy;

		if (z >= e)
			return false;
		c = z & ~(align - 1);
		if (c < z) {
			if (c > ~0ULL - align)
				return false;
			c += align;
		}
		if (c >= e || e - c < n)
			return false;
		busy = bm_next(r->bitmap, c - base, c - base + n, true) + base;
		if (busy == c + n) {
			*pfn = c;
			return true;
		}
		p = busy + 1;
	}
}

/* Highest free aligned block of n pages inside [s, e) of range r. */
static bool pa_find_down(const struct pa_range *r, u64 s, u64 e, u64 n,
			 u64 align, u64 *pfn)
{
	u64 base = r->start_pfn;
	u64 end = e;

	for (;;) {
		u64 z, c, busy;

		if (!bm_prev(r->bitmap, s - base, end - base, false, &z))
			return false;
		z += base;
		if (z + 1 - s < n)
			return false;
		c = (z + 1 - n) & ~(align - 1);
		if (c < s)
			return false;
		if (!bm_prev(r->bitmap, c - base, c - base + n, true, &busy)) {
			*pfn = c;
			return true;
		}
		end = busy + base;
	}
}

int page_alloc_range(struct page_alloc *pa, u64 npages, u64 align_pages,
		     phys_addr_t lo, phys_addr_t hi, unsigned int flags,
		     phys_addr_t *out)
{
	u64 align = align_pages ? align_pages : 1;
	bool down = flags & PA_TOP_DOWN;
	u64 lo_pfn, hi_pfn;
	unsigned int k;

	if (!npages || (align & (align - 1)))
		return -EINVAL;
	lo_pfn = (lo >> PAGE_SHIFT) + !!(lo & (PAGE_SIZE - 1));
	hi_pfn = hi >> PAGE_SHIFT;
	if (lo_pfn >= hi_pfn || hi_pfn - lo_pfn < npages ||
	    npages > pa->free_pages)
		return -ENOMEM;

	for (k = 0; k < pa->nr; k++) {
		struct pa_range *r = &pa->r[down ? pa->nr - 1 - k : k];
		u64 s = max(lo_pfn, r->start_pfn);
		u64 e = min(hi_pfn, pa_range_end(r));
		u64 pfn;
		bool found;

		if (s >= e || e - s < npages || r->nfree < npages)
			continue;
		if (down)
			found = pa_find_down(r, s, e, npages, align, &pfn);
		else
			found = pa_find_up(r, s, e, npages, align, &pfn);
		if (!found)
			continue;
		bm_fill(r->bitmap, pfn - r->start_pfn,
			pfn - r->start_pfn + npages, true);
		r->nfree -= npages;
		pa->free_pages -= npages;
		*out = pfn << PAGE_SHIFT;
		return 0;
	}
	return -ENOMEM;
}

int page_alloc_add_range(struct page_alloc *pa, u64 start_pfn, u64 npages,
			 u64 *bitmap)
{
	struct pa_range *r;
	unsigned int i;
	u64 nw;

	if (!npages || !start_pfn || !bitmap ||
	    npages > PA_PFN_LIMIT || start_pfn > PA_PFN_LIMIT - npages)
		return -EINVAL;
	if (pa->nr == PA_MAX_RANGES)
		return -ENOSPC;
	for (i = 0; i < pa->nr; i++)
		if (start_pfn < pa_range_end(&pa->r[i]) &&
		    pa->r[i].start_pfn < start_pfn + npages)
			return -EEXIST;
	/* sorted insertion: everything after the new range moves up */
	for (i = pa->nr; i > 0 && pa->r[i - 1].start_pfn > start_pfn; i--)
		pa->r[i] = pa->r[i - 1];
	r = &pa->r[i];
	nw = DIV_ROUND_UP(npages, 64);
	r->start_pfn = start_pfn;
	r->npages = npages;
	r->nfree = 0;
	r->bitmap = bitmap;
	memset(bitmap, 0xff, nw * sizeof(u64));
	pa->nr++;
	pa->total_pages += npages;
	return 0;
}

int page_free_range(struct page_alloc *pa, phys_addr_t addr, u64 npages)
{
	u64 pfn = addr >> PAGE_SHIFT;
	unsigned int i;

	if (!npages || (addr & (PAGE_SIZE - 1)) || !pfn)
		return -EINVAL;
	for (i = 0; i < pa->nr; i++) {
		struct pa_range *r = &pa->r[i];
		u64 idx = pfn - r->start_pfn;

		if (pfn < r->start_pfn || pfn >= pa_range_end(r))
			continue;
		if (npages > pa_range_end(r) - pfn)
			return -EINVAL;
		if (bm_next(r->bitmap, idx, idx + npages, false) != idx + npages)
			return -EINVAL;
		bm_fill(r->bitmap, idx, idx + npages, false);
		r->nfree += npages;
		pa->free_pages += npages;
		return 0;
	}
	return -EINVAL;
}
