/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Xen PV pseudo-physical <-> machine frame translation (arch/x86/xen/p2m.c).
 *
 * pfn -> mfn: the P2M list Xen built for us (start_info->mfn_list), one
 * entry per pfn in [0, nr_pages). Frames at or beyond nr_pages are
 * identity (pfn == mfn): they are not RAM of this domain.
 * mfn -> pfn: Xen's read-only M2P table, checked against the P2M, so a
 * machine frame that is not ours never turns into one of our pfns.
 */
#ifndef _ASM_XEN_P2M_H
#define _ASM_XEN_P2M_H

#include <tern/types.h>

#define INVALID_P2M_ENTRY	(~0UL)

/* From start_info, before paging_init (list mapped by Xen's bootstrap). */
void xen_p2m_init(unsigned long *mfn_list, unsigned long nr_pages);
/* The list moved to another virtual address (the direct map). */
void xen_p2m_relocate(unsigned long *mfn_list);

unsigned long xen_p2m_nr_pages(void);
/* pfn -> mfn; identity for pfn >= nr_pages. */
unsigned long pfn_to_mfn(unsigned long pfn);
/*
 * mfn -> pfn: our pfn for a frame of this domain, the mfn itself when
 * mfn >= nr_pages and it is not ours (identity), else INVALID_P2M_ENTRY.
 */
unsigned long mfn_to_pfn(unsigned long mfn);

static inline bool xen_pfn_is_ram(unsigned long pfn)
{
	return pfn < xen_p2m_nr_pages();
}

#endif
