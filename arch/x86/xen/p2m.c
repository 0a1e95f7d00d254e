// SPDX-License-Identifier: GPL-2.0
/*
 * Xen PV P2M: the translation between Tern's pseudo-physical frames
 * (pfns: what the page allocator, virt_to_phys() and the memory map
 * talk about) and machine frames (mfns: what page tables, DMA and Xen
 * talk about).
 *
 * Design:
 *  - Xen builds the P2M list (start_info->mfn_list, nr_pages entries)
 *    and maps it in the bootstrap area; Tern's kernel map keeps that
 *    area mapped, so the list is used in place for the domain's life.
 *  - Which pfn an entry backs is the layout (p2m_layout.c): entry i
 *    backs pfn i until the memory map is known; then the entries are
 *    placed onto the RAM of the map (dom0: the machine E820, so RAM
 *    never overlaps the PCI hole; domU: XENMEM_memory_map, of which
 *    only the nr_pages the domain owns become RAM).
 *  - A pfn that is not placed RAM has no frame (INVALID_P2M_ENTRY),
 *    except in dom0, whose holes are identity (pfn == mfn) like
 *    Linux's: a dom0 hole is the machine's. Device memory does not
 *    depend on this: _PAGE_IOMAP entries name machine frames directly.
 *  - mfn -> pfn reads Xen's machine-to-phys table (read-only, mapped in
 *    every PV address space at XENMEM_machphys_mapping's v_start). It
 *    holds the list index Xen or Tern last wrote for the frame. Xen
 *    leaves it unmapped over machine holes, so it is read with the
 *    exception-table probe; it is shared by all domains, so an answer is
 *    believed only when the P2M agrees.
 *  - Entries change when the DMA code exchanges frames (XENMEM_exchange,
 *    dma_pv.c) and when the balloon gives frames back or takes new ones
 *    (reservation.c), through xen_p2m_set(), which also tells Xen's M2P.
 *  - A domU grows (xen_p2m_extend(), for the balloon to fill up to
 *    maxmem): the layout gains entries above its highest pfn, and the
 *    list is replaced by a longer copy in pages of our own, the new
 *    entries INVALID until frames arrive. A dom0 does not grow: the pfns
 *    above its RAM are the machine's (identity).
 */
#include <tern/mm.h>
#include <tern/monitor.h>
#include <tern/printk.h>
#include <asm/page.h>
#include <asm/traps.h>
#include <asm/xen/hypercall.h>
#include <asm/xen/page.h>
#include <asm/xen/p2m.h>
#include <asm/xen/p2m_layout.h>
#include <asm/xen/role.h>
#include <xen/memory.h>
#include "pv_hw.h"

static unsigned long *p2m;
static unsigned long p2m_len;		/* entries p2m[] holds */
static unsigned int p2m_own_pages;	/* p2m[] is ours (0: Xen's) */
static struct p2m_layout layout;
static bool identity_holes;
static const unsigned long *m2p = (const unsigned long *)HYPERVISOR_VIRT_START;
static unsigned long m2p_nr;

void xen_p2m_init(unsigned long *mfn_list, unsigned long nr_pages)
{
	struct xen_machphys_mapping mm;

	p2m = mfn_list;
	p2m_len = nr_pages;
	p2m_layout_flat(&layout, nr_pages);
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

int xen_p2m_set_layout(const struct p2m_layout *l, bool holes_are_identity)
{
	if (l->nr_pages != layout.nr_pages || !l->nr)
		return -EINVAL;
	layout = *l;
	identity_holes = holes_are_identity;
	return 0;
}

unsigned long xen_p2m_nr_pages(void)
{
	return layout.nr_pages;
}

unsigned long xen_p2m_end_pfn(void)
{
	return layout.end_pfn;
}

unsigned long xen_p2m_frame_range(unsigned long *lo, unsigned long *hi,
				  unsigned long above)
{
	unsigned long i, n = 0;

	*lo = ~0UL;
	*hi = 0;
	for (i = 0; i < p2m_len; i++) {
		unsigned long mfn = READ_ONCE(p2m[i]);

		if (mfn == INVALID_P2M_ENTRY)
			continue;
		*lo = min(*lo, mfn);
		*hi = max(*hi, mfn);
		n += mfn >= above;
	}
	return n;
}

bool xen_pfn_is_ram(unsigned long pfn)
{
	return p2m_layout_idx(&layout, pfn) != -1UL;
}

unsigned long pfn_to_mfn(unsigned long pfn)
{
	unsigned long idx = p2m_layout_idx(&layout, pfn);

	if (idx == -1UL)
		return identity_holes ? pfn : INVALID_P2M_ENTRY;
	return idx < p2m_len ? READ_ONCE(p2m[idx]) : INVALID_P2M_ENTRY;
}

unsigned long mfn_to_pfn(unsigned long mfn)
{
	unsigned long pfn;
	u64 idx;

	if (mfn < m2p_nr && !probe_read_u64(&m2p[mfn], &idx) &&
	    idx < p2m_len && READ_ONCE(p2m[idx]) == mfn) {
		pfn = p2m_layout_pfn(&layout, idx);
		if (pfn != -1UL)
			return pfn;
	}
	/* not ours: a dom0 reaches a machine hole at its own address */
	if (identity_holes && !xen_pfn_is_ram(mfn))
		return mfn;
	return INVALID_P2M_ENTRY;
}

int xen_p2m_set(unsigned long pfn, unsigned long mfn)
{
	unsigned long idx = p2m_layout_idx(&layout, pfn);
	struct mmu_update u;

	if (idx == -1UL || idx >= p2m_len)
		return -EINVAL;
	WRITE_ONCE(p2m[idx], mfn);
	if (mfn == INVALID_P2M_ENTRY)
		return 0;
	/* XENMEM_exchange already did this for new frames; be explicit */
	u.ptr = ((u64)mfn << PAGE_SHIFT) | MMU_MACHPHYS_UPDATE;
	u.val = idx;
	return HYPERVISOR_mmu_update(&u, 1, NULL, DOMID_SELF);
}

long xen_p2m_extend(unsigned long n)
{
	struct p2m_layout grown = layout;
	unsigned long len, pfn, i, *list, *old, flags;
	unsigned int pages, old_pages;

	if (identity_holes)
		return -EOPNOTSUPP;
	pfn = p2m_layout_extend(&grown, n);
	if (pfn == -1UL)
		return -EINVAL;
	len = grown.nr_pages;
	pages = DIV_ROUND_UP(len * sizeof(*list), PAGE_SIZE);
	if (len > (1UL << 40) || !pages)
		return -EINVAL;
	list = alloc_pages(pages, 0);
	if (!list)
		return -ENOMEM;
	for (i = 0; i < len; i++)
		list[i] = i < p2m_len ? READ_ONCE(p2m[i]) : INVALID_P2M_ENTRY;
	/* the new list holds the old one's entries: switch, then free */
	flags = local_irq_save();
	old = p2m;
	old_pages = p2m_own_pages;
	WRITE_ONCE(p2m, list);
	p2m_own_pages = pages;
	WRITE_ONCE(p2m_len, len);
	layout = grown;
	local_irq_restore(flags);
	if (old_pages)
		free_pages(old, old_pages);
	return (long)pfn;
}

/* Monitor: the layout and the shape of the P2M (runs of machine frames). */
static void p2m_print(void)
{
	unsigned long i, runs = 0, lo = ~0UL, hi = 0, prev = 0, n = 0;
	unsigned int s;

	if (!xen_pv()) {
		printk("p2m: none: %s\n", xen_pvh() ?
		       "VP model, Xen translates guest-physical addresses" :
		       "P==M, physical is machine");
		return;
	}
	for (i = 0; i < p2m_len; i++) {
		unsigned long mfn = p2m[i];

		if (mfn == INVALID_P2M_ENTRY)
			continue;
		if (!runs || mfn != prev + 1)
			runs++;
		prev = mfn;
		n++;
		lo = min(lo, mfn);
		hi = max(hi, mfn);
	}
	printk("p2m: %lu entries (%lu with a frame) -> mfns %#lx-%#lx in %lu contiguous runs; other pfns %s\n",
	       p2m_len, n, lo, hi, runs,
	       identity_holes ? "are identity" : "have no frame");
	for (s = 0; s < layout.nr; s++)
		printk("p2m:   pfns %#lx-%#lx <- list entries %#lx-%#lx\n",
		       layout.seg[s].pfn, layout.seg[s].pfn + layout.seg[s].nr - 1,
		       layout.seg[s].idx, layout.seg[s].idx + layout.seg[s].nr - 1);
}
MONITOR_CMD(p2m_cmd, "p2m", "P2M summary (PV: layout, pfn -> mfn runs)", p2m_print);
