// SPDX-License-Identifier: GPL-2.0
/*
 * The Xen PV DMA memory model (arch/x86/include/asm/dma-model.h, "P2M").
 *
 * A PV domain's pseudo-physical frames are backed by arbitrary machine
 * frames and, without an IOMMU, a device reaches machine addresses:
 *
 *   bus address     = mfn << PAGE_SHIFT | offset   (pfn_to_mfn, the P2M)
 *   bus-contiguous  = consecutive mfns for consecutive pfns
 *   make contiguous = XENMEM_exchange of the 2^order frames for one
 *                     machine-contiguous extent under the device's mask
 *
 * Exchange (xen_create_contiguous_region), with interrupts off:
 *   1. note the old mfns; remove every kernel mapping of the pages (Xen
 *      only takes a frame nobody references) and flush the TLB;
 *   2. XENMEM_exchange: 2^order order-0 extents in, one order-`order`
 *      extent out with XENMEMF_address_bits. With one output extent Xen
 *      handles the request as a single chunk: all frames move or none;
 *   3. success: P2M and M2P (MMU_MACHPHYS_UPDATE) say pfn0 + i is now
 *      mfn0 + i, the direct map points at the new frames;
 *      failure: the old frames are still ours (nothing was exchanged),
 *      map them back; the data is intact.
 * Between 1 and 3 the pages are unmapped: nothing else may touch them
 * (they belong to the caller; interrupts are off, one CPU).
 *
 * Regions exchanged for a caller are remembered (a small table) so that
 * release_bus_contiguous() can give the low, contiguous extent back to
 * Xen for ordinary frames (xen_destroy_contiguous_region) instead of
 * slowly draining the machine memory below 4 GiB that other domains'
 * devices need. A region not in the table is left alone. The bounce pool
 * is never released.
 *
 * Sharing (share_frame): a grant carries the mfn, as the bus does.
 *
 * Invariant: bus_to_phys() answers only for frames the P2M says are
 * ours; every other machine address is ~0.
 */
#include <tern/dma.h>
#include <tern/kernel.h>
#include <tern/printk.h>
#include <tern/spinlock.h>
#include <asm/dma-model.h>
#include <asm/page.h>
#include <asm/pv_ops.h>
#include <asm/xen/hypercall.h>
#include <asm/xen/page.h>
#include <asm/xen/p2m.h>
#include <xen/memory.h>
#include "pv_hw.h"

/* Xen's limit for a domU's exchange (dom0 may go higher). */
#define EXCH_MAX_ORDER	9
#define EXCH_MAX_PAGES	(1UL << EXCH_MAX_ORDER)
#define TRACK_MAX	64

struct xen_exchange_stats xen_exchange_stats;

static xen_pfn_t exch_in[EXCH_MAX_PAGES];
static xen_pfn_t exch_out[EXCH_MAX_PAGES];

static struct {
	unsigned long pfn;
	unsigned int order;
	bool used;
} tracked[TRACK_MAX];

/* ---- the model ---- */

static bus_addr_t p2m_phys_to_bus(phys_addr_t pa)
{
	u64 mfn = pfn_to_mfn(pa >> PAGE_SHIFT);

	return _bus(mfn << PAGE_SHIFT | (pa & ~PAGE_MASK));
}

static phys_addr_t p2m_bus_to_phys(bus_addr_t bus)
{
	unsigned long mfn = bus_x(bus) >> PAGE_SHIFT;
	unsigned long pfn = mfn_to_pfn(mfn);

	if (pfn == INVALID_P2M_ENTRY || !xen_pfn_is_ram(pfn) ||
	    pfn_to_mfn(pfn) != mfn)
		return ~0ULL;
	return (phys_addr_t)pfn << PAGE_SHIFT | (bus_x(bus) & ~PAGE_MASK);
}

static bool p2m_contiguous(phys_addr_t pa, size_t len)
{
	unsigned long pfn = pa >> PAGE_SHIFT;
	unsigned long last;

	if (!len)
		return true;
	last = (pa + len - 1) >> PAGE_SHIFT;
	for (; pfn < last; pfn++)
		if (pfn_to_mfn(pfn + 1) != pfn_to_mfn(pfn) + 1)
			return false;
	return true;
}

/* The largest n with 2^n - 1 <= mask; 0 (no limit) for a full mask. */
static unsigned int mask_bits(u64 mask)
{
	if (mask == ~0ULL)
		return 0;
	return 63 - __builtin_clzll(mask + 1);
}

/* The tracked[] table: any CPU may allocate or free coherent memory. */
static DEFINE_SPINLOCK(track_lock);

static void track(unsigned long pfn, unsigned int order)
{
	unsigned long flags = spin_lock_irqsave(&track_lock);
	unsigned int i;

	for (i = 0; i < TRACK_MAX; i++) {
		if (!tracked[i].used) {
			tracked[i].pfn = pfn;
			tracked[i].order = order;
			tracked[i].used = true;
			break;
		}
	}
	spin_unlock_irqrestore(&track_lock, flags);
}

static int p2m_make_contiguous(void *va, unsigned int order, u64 mask)
{
	unsigned int bits = mask_bits(mask);
	int err;

	if (bits && bits < PAGE_SHIFT + order)
		return -ERANGE;
	err = xen_create_contiguous_region(va, order, bits);
	if (!err)
		track(virt_to_phys(va) >> PAGE_SHIFT, order);
	return err;
}

static void p2m_release(void *va, unsigned int order)
{
	unsigned long pfn = virt_to_phys(va) >> PAGE_SHIFT;
	unsigned long flags = spin_lock_irqsave(&track_lock);
	bool found = false;
	unsigned int i;

	for (i = 0; i < TRACK_MAX && !found; i++) {
		if (!tracked[i].used || tracked[i].pfn != pfn ||
		    tracked[i].order != order)
			continue;
		tracked[i].used = false;
		found = true;
	}
	spin_unlock_irqrestore(&track_lock, flags);
	if (found && xen_destroy_contiguous_region(va, order))
		pr_warn("xen: dma: could not return the extent at pfn %#lx (order %u)\n",
			pfn, order);
}

/* A PV peer (and Xen) names our page by its machine frame. */
static gfn_t p2m_share_frame(phys_addr_t pa)
{
	return _gfn(pfn_to_mfn(pa >> PAGE_SHIFT));
}

static const struct dma_model_ops xen_p2m_model = {
	.name = "xen-p2m",
	.phys_to_bus = p2m_phys_to_bus,
	.bus_to_phys = p2m_bus_to_phys,
	.range_bus_contiguous = p2m_contiguous,
	.make_bus_contiguous = p2m_make_contiguous,
	.release_bus_contiguous = p2m_release,
	.share_frame = p2m_share_frame,
};

/* ---- XENMEM_exchange ---- */

static void map_frames(unsigned long pfn0, unsigned long n,
		       const xen_pfn_t *mfn, bool gathered)
{
	unsigned long i;

	pv_ops.mmu.lazy_enter();
	for (i = 0; i < n; i++)
		if (xen_pv_set_ram_mapping(pfn0 + i,
					   gathered ? mfn[0] + i : mfn[i]))
			panic("xen: dma: cannot map pfn %#lx again",
			      pfn0 + i);
	pv_ops.mmu.lazy_leave();
}

/*
 * Swap the frames of the 2^order pages at va. gather: order-0 frames in,
 * one extent out (under address_bits); else the extent in, order-0
 * frames out.
 */
static int exchange_locked(void *va, unsigned int order, bool gather,
			   unsigned int address_bits)
{
	unsigned long pfn0 = virt_to_phys(va) >> PAGE_SHIFT;
	unsigned long n = 1UL << order, i;
	struct xen_memory_exchange x = {
		.in = { .domid = DOMID_SELF },
		.out = { .domid = DOMID_SELF },
	};
	unsigned long flags;
	long rc;

	if (order > EXCH_MAX_ORDER || ((uintptr_t)va & ~PAGE_MASK) ||
	    !xen_pfn_is_ram(pfn0) || !xen_pfn_is_ram(pfn0 + n - 1))
		return -EINVAL;
	for (i = 0; i < n; i++) {
		exch_in[i] = pfn_to_mfn(pfn0 + i);
		exch_out[i] = pfn0 + i;		/* Xen reads gpfns here */
		if (xen_pv_pfn_is_pt(pfn0 + i))
			return -EBUSY;
	}
	if (!gather && !p2m_contiguous((phys_addr_t)pfn0 << PAGE_SHIFT,
				       n << PAGE_SHIFT))
		return -EINVAL;

	x.in.nr_extents = gather ? n : 1;
	x.in.extent_order = gather ? 0 : order;
	set_xen_guest_handle(x.in.extent_start, exch_in);
	x.out.nr_extents = gather ? 1 : n;
	x.out.extent_order = gather ? order : 0;
	x.out.mem_flags = XENMEMF_address_bits(address_bits);
	set_xen_guest_handle(x.out.extent_start, exch_out);
	x.nr_exchanged = 0;

	flags = local_irq_save();
	/* 1: nothing may map the frames Xen is to take */
	pv_ops.mmu.lazy_enter();
	for (i = 0; i < n; i++)
		if (xen_pv_set_ram_mapping(pfn0 + i, INVALID_P2M_ENTRY))
			panic("xen: dma: cannot unmap pfn %#lx", pfn0 + i);
	pv_ops.mmu.lazy_leave();

	/* 2 */
	rc = HYPERVISOR_memory_op(XENMEM_exchange, &x);

	/* 3 */
	if (rc || x.nr_exchanged != x.in.nr_extents) {
		if (x.nr_exchanged)
			panic("xen: dma: XENMEM_exchange moved %lu of %lu extents",
			      (unsigned long)x.nr_exchanged,
			      (unsigned long)x.in.nr_extents);
		map_frames(pfn0, n, exch_in, false);
		local_irq_restore(flags);
		xen_exchange_stats.failed++;
		return rc ? rc : -EIO;
	}
	for (i = 0; i < n; i++) {
		unsigned long mfn = gather ? exch_out[0] + i : exch_out[i];

		if (xen_p2m_set(pfn0 + i, mfn))
			panic("xen: dma: M2P update for mfn %#lx refused", mfn);
	}
	map_frames(pfn0, n, exch_out, gather);
	local_irq_restore(flags);
	xen_exchange_stats.frames += n;
	return 0;
}

/* exch_in, exch_out and the statistics: one exchange at a time. */
static DEFINE_SPINLOCK(exch_lock);

static int exchange(void *va, unsigned int order, bool gather,
		    unsigned int address_bits)
{
	unsigned long flags = spin_lock_irqsave(&exch_lock);
	int err = exchange_locked(va, order, gather, address_bits);

	if (!err && gather)
		xen_exchange_stats.created++;
	else if (!err)
		xen_exchange_stats.destroyed++;
	spin_unlock_irqrestore(&exch_lock, flags);
	return err;
}

int xen_create_contiguous_region(void *va, unsigned int order,
				 unsigned int address_bits)
{
	return exchange(va, order, true, address_bits);
}

int xen_destroy_contiguous_region(void *va, unsigned int order)
{
	return exchange(va, order, false, 0);
}

void xen_pv_dma_init(void)
{
	unsigned long lo, hi, high, nr = xen_p2m_nr_pages();

	high = xen_p2m_frame_range(&lo, &hi, 1UL << (32 - PAGE_SHIFT));
	dma_model = &xen_p2m_model;
	pr_info("xen: dma: P2M model, machine frames %#lx-%#lx, %lu of %lu above 4 GiB\n",
		lo, hi, high, nr);
}
