// SPDX-License-Identifier: GPL-2.0
/*
 * Xen PV P2M: the translation between Tern's pseudo-physical frames
 * (pfns: what the page allocator, virt_to_phys() and the memory map
 * talk about) and machine frames (mfns: what page tables, DMA and Xen
 * talk about).
 *
 * Design:
 *  - pfn -> mfn is a flat array indexed by pfn, the list Xen already
 *    built for us (start_info->mfn_list, nr_pages entries). It is used
 *    in place: first through Xen's bootstrap mapping, then, after
 *    paging_init, through the direct map (xen_p2m_relocate). Tern never
 *    gives memory back to Xen or takes more; the list changes only when
 *    the DMA code exchanges frames (XENMEM_exchange, dma_pv.c), through
 *    xen_p2m_set(), which also tells Xen's M2P.
 *  - pfns >= nr_pages are identity: they are not RAM of this domain, and
 *    a dom0 reaches device memory at its machine address this way.
 *  - mfn -> pfn reads Xen's machine-to-phys table (read-only, mapped in
 *    every PV address space at XENMEM_machphys_mapping's v_start,
 *    HYPERVISOR_VIRT_START on x86-64). The M2P is shared by all domains
 *    and may hold stale entries for frames that are not ours, so every
 *    answer is checked against the P2M before it is believed.
 */
#include <tern/monitor.h>
#include <tern/printk.h>
#include <asm/page.h>
#include <asm/xen/hypercall.h>
#include <asm/xen/page.h>
#include <asm/xen/p2m.h>
#include <asm/xen/role.h>
#include <xen/memory.h>
#include "pv_hw.h"

static unsigned long *p2m;
static unsigned long p2m_nr;
static const unsigned long *m2p = (const unsigned long *)HYPERVISOR_VIRT_START;
static unsigned long m2p_nr;

void xen_p2m_init(unsigned long *mfn_list, unsigned long nr_pages)
{
	struct xen_machphys_mapping mm;

	p2m = mfn_list;
	p2m_nr = nr_pages;
	if (!HYPERVISOR_memory_op(XENMEM_machphys_mapping, &mm)) {
		m2p = (const unsigned long *)mm.v_start;
		m2p_nr = mm.max_mfn + 1;
		if (m2p_nr > (mm.v_end - mm.v_start) / sizeof(unsigned long))
			m2p_nr = (mm.v_end - mm.v_start) / sizeof(unsigned long);
	} else {
		/* the fixed x86-64 layout: 256 GiB of M2P */
		m2p_nr = (256UL << 30) / sizeof(unsigned long);
	}
}

void xen_p2m_relocate(unsigned long *mfn_list)
{
	p2m = mfn_list;
}

unsigned long xen_p2m_nr_pages(void)
{
	return p2m_nr;
}

unsigned long pfn_to_mfn(unsigned long pfn)
{
	if (pfn >= p2m_nr)
		return pfn;
	return p2m[pfn];
}

unsigned long mfn_to_pfn(unsigned long mfn)
{
	unsigned long pfn;

	if (mfn < m2p_nr) {
		pfn = READ_ONCE(m2p[mfn]);
		if (pfn < p2m_nr && p2m[pfn] == mfn)
			return pfn;
	}
	return mfn >= p2m_nr ? mfn : INVALID_P2M_ENTRY;
}

int xen_p2m_set(unsigned long pfn, unsigned long mfn)
{
	struct mmu_update u;

	if (pfn >= p2m_nr)
		return -EINVAL;
	WRITE_ONCE(p2m[pfn], mfn);
	if (mfn == INVALID_P2M_ENTRY)
		return 0;
	/* XENMEM_exchange already did this for new frames; be explicit */
	u.ptr = ((u64)mfn << PAGE_SHIFT) | MMU_MACHPHYS_UPDATE;
	u.val = pfn;
	return HYPERVISOR_mmu_update(&u, 1, NULL, DOMID_SELF);
}

/* Monitor: the shape of the P2M (runs of consecutive machine frames). */
static void p2m_print(void)
{
	unsigned long pfn, runs = 0, lo = ~0UL, hi = 0;

	if (!xen_pv()) {
		printk("p2m: none: %s\n", xen_pvh() ?
		       "VP model, Xen translates guest-physical addresses" :
		       "P==M, physical is machine");
		return;
	}
	for (pfn = 0; pfn < p2m_nr; pfn++) {
		unsigned long mfn = p2m[pfn];

		if (!pfn || mfn != p2m[pfn - 1] + 1)
			runs++;
		lo = min(lo, mfn);
		hi = max(hi, mfn);
	}
	printk("p2m: %lu pfns -> mfns %#lx-%#lx in %lu contiguous runs; pfns >= %lu are identity\n",
	       p2m_nr, lo, hi, runs, p2m_nr);
}
MONITOR_CMD(p2m_cmd, "p2m", "P2M summary (PV: pfn -> mfn runs)", p2m_print);
