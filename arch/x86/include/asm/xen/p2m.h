/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Xen PV pseudo-physical <-> machine frame translation (arch/x86/xen/p2m.c).
 *
 * pfn -> mfn: the P2M list Xen built for us (start_info->mfn_list,
 * nr_pages entries), placed onto the RAM of the memory map by the
 * layout (arch/x86/include/asm/xen/p2m_layout.h). A pfn that is not RAM has no
 * frame, except in dom0, where it is identity (the machine's hole).
 * mfn -> pfn: Xen's read-only M2P table, read fault-safe and checked
 * against the P2M, so a machine frame that is not ours never turns into
 * one of our pfns.
 */
#ifndef _ASM_XEN_P2M_H
#define _ASM_XEN_P2M_H

#include <tern/types.h>

#define INVALID_P2M_ENTRY	(~0UL)

struct p2m_layout;

/* From start_info, before paging_init (list mapped by Xen's bootstrap). */
void xen_p2m_init(unsigned long *mfn_list, unsigned long nr_pages);
/*
 * Use layout l (built for the same nr_pages) from now on; a dom0 passes
 * holes_are_identity. -EINVAL if l does not fit the list.
 */
int xen_p2m_set_layout(const struct p2m_layout *l, bool holes_are_identity);

/* Entries of the P2M list: what Xen gave at boot, plus pfns grown into. */
unsigned long xen_p2m_nr_pages(void);
/* One past the highest RAM pfn. */
unsigned long xen_p2m_end_pfn(void);
/*
 * The lowest and highest machine frame of the domain, and how many are
 * at or above `above` (one pass over the list).
 */
unsigned long xen_p2m_frame_range(unsigned long *lo, unsigned long *hi,
				  unsigned long above);
/* Is pfn RAM of this domain (backed by a list entry)? */
bool xen_pfn_is_ram(unsigned long pfn);
/* pfn -> mfn; INVALID_P2M_ENTRY (domU) or pfn (dom0) for non-RAM. */
unsigned long pfn_to_mfn(unsigned long pfn);
/*
 * mfn -> pfn: our pfn for a frame of this domain; in dom0 the mfn
 * itself when it is not ours and its pfn is not RAM (a machine hole);
 * else INVALID_P2M_ENTRY.
 */
unsigned long mfn_to_pfn(unsigned long mfn);

#endif
