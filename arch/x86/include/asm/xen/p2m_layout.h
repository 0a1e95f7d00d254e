/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Where a Xen PV domain's frames sit in its pseudo-physical space
 * (arch/x86/xen/p2m_layout.c, pure, host-tested and fuzzed).
 *
 * Xen hands a PV domain a list of nr_pages machine frames (the P2M list:
 * entry i backs pfn i). That flat numbering ignores the memory map: a
 * dom0 whose list reaches the machine's PCI hole would call MMIO
 * addresses RAM, and a domU whose map reaches maxmem would call frames
 * it does not own RAM. The layout places the entries onto the RAM
 * ranges of a memory map instead:
 *
 *  - entry i keeps pfn i wherever pfn i is RAM in the map ("identity
 *    segments"), so everything Xen's bootstrap mapping covers keeps its
 *    address;
 *  - entries whose pfn falls into a hole move, in order, to the RAM the
 *    map has at and above nr_pages (Linux does the same for its dom0);
 *  - what does not fit (too little RAM above, or more than
 *    P2M_MAX_SEGS pieces) is left unplaced and reported.
 *
 * Segments are sorted by pfn, never overlap in pfn nor in entry index.
 */
#ifndef _ASM_XEN_P2M_LAYOUT_H
#define _ASM_XEN_P2M_LAYOUT_H

#include <tern/types.h>
#include <tern/memmap.h>

#define P2M_MAX_SEGS	32

struct p2m_seg {
	unsigned long pfn;	/* first pseudo-physical frame */
	unsigned long idx;	/* its entry in Xen's P2M list */
	unsigned long nr;	/* frames */
};

struct p2m_layout {
	unsigned int nr;
	struct p2m_seg seg[P2M_MAX_SEGS];
	unsigned long nr_pages;	/* entries in Xen's list */
	unsigned long placed;	/* entries that got a pfn */
	unsigned long end_pfn;	/* highest placed pfn + 1 */
};

/* Every entry at its own pfn: the layout before the memory map is known. */
void p2m_layout_flat(struct p2m_layout *l, unsigned long nr_pages);

/*
 * Place nr_pages list entries onto the RAM of map (sanitised or not:
 * only whole RAM pages count, overlaps with other types are not RAM).
 * Returns the number of entries placed (nr_pages when all fit).
 */
unsigned long p2m_layout_build(struct p2m_layout *l, const struct memmap *map,
			       unsigned long nr_pages);

/*
 * n more list entries (nr_pages, nr_pages + 1, ...) placed right above
 * the highest placed pfn: memory the domain grows into. Returns the
 * first new pfn, or -1UL (l unchanged) when n is 0, the new pfns would
 * reach 2^52, or no segment is left.
 */
unsigned long p2m_layout_extend(struct p2m_layout *l, unsigned long n);

/* The list entry backing pfn, or -1UL when pfn is not placed RAM. */
unsigned long p2m_layout_idx(const struct p2m_layout *l, unsigned long pfn);
/* The pfn of list entry idx, or -1UL when the entry is unplaced. */
unsigned long p2m_layout_pfn(const struct p2m_layout *l, unsigned long idx);

/*
 * The pseudo-physical memory map: every non-RAM entry of map (NULL:
 * none) plus one RAM entry per segment, sanitised into out.
 */
void p2m_layout_memmap(const struct p2m_layout *l, const struct memmap *map,
		       struct memmap *out);

#endif
