/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The memory-model half of the DMA API: how a guest-physical address
 * becomes an address a device can put on the bus.
 *
 *   native (P==M)   bus == physical, every range is contiguous
 *   Xen PVH (VP)    bus == guest-physical: the IOMMU translates gfn->mfn
 *                   with the same tables as the CPU, so identity too
 *   Xen PV (P2M)    bus == machine address (pfn -> mfn through the P2M);
 *                   a range is contiguous on the bus only if its mfns are
 *                   consecutive; arch_make_bus_contiguous() swaps the
 *                   frames with XENMEM_exchange (arch/x86/xen/dma_pv.c,
 *                   installed by xen_pv_init() in every PV domain)
 *
 * The sharing half: the frame another domain uses for one of our pages
 * (what a grant entry carries, drivers/xen/grant_table.c):
 *
 *   native, Xen PVH  the gfn, which is the pfn (Xen translates it with
 *                    the domain's p2m; native has no peer but the answer
 *                    is still the pfn)
 *   Xen PV (P2M)     the mfn, through the P2M: Xen does not translate a
 *                    PV domain's frames
 *
 * The ops are a pointer that a backend replaces once, early in boot,
 * before the first DMA mapping or grant; the default is the identity
 * model. Generic code (kernel/dma.c, the grant table through the arch's
 * arch_gnttab_frame()) only calls the wrappers below.
 */
#ifndef _ASM_DMA_MODEL_H
#define _ASM_DMA_MODEL_H

#include <tern/types.h>

struct dma_model_ops {
	const char *name;
	/* The bus address of one byte of RAM. */
	bus_addr_t (*phys_to_bus)(phys_addr_t pa);
	/* The inverse, for RAM this domain owns; ~0 when unknown. */
	phys_addr_t (*bus_to_phys)(bus_addr_t bus);
	/* [pa, pa + len) is one run of consecutive bus addresses. */
	bool (*range_bus_contiguous)(phys_addr_t pa, size_t len);
	/*
	 * Make the 2^order pages at va (direct map, page aligned, owned by
	 * the caller) bus-contiguous and entirely below mask; the contents
	 * may be lost. 0 or a negative errno (-ENOSYS: the model cannot).
	 */
	int (*make_bus_contiguous)(void *va, unsigned int order, u64 mask);
	/*
	 * Optional (NULL: nothing to do). The 2^order pages at va, which
	 * make_bus_contiguous() may have handled, go back to the page
	 * allocator: the model may return scarce frames (Xen PV: the
	 * machine-contiguous low extent) to their owner. The contents are
	 * lost.
	 */
	void (*release_bus_contiguous)(void *va, unsigned int order);
	/*
	 * The frame a peer domain (through Xen) uses for the page holding
	 * pa, a page of RAM this domain owns: the gfn, or the mfn under
	 * P2M. Not a bus address: an IOMMU may still stand between.
	 */
	gfn_t (*share_frame)(phys_addr_t pa);
};

extern const struct dma_model_ops *dma_model;
extern const struct dma_model_ops dma_model_identity;

static inline bus_addr_t arch_phys_to_bus(phys_addr_t pa)
{
	return dma_model->phys_to_bus(pa);
}

static inline phys_addr_t arch_bus_to_phys(bus_addr_t bus)
{
	return dma_model->bus_to_phys(bus);
}

static inline bool arch_range_bus_contiguous(phys_addr_t pa, size_t len)
{
	return dma_model->range_bus_contiguous(pa, len);
}

static inline int arch_make_bus_contiguous(void *va, unsigned int order,
					   u64 mask)
{
	return dma_model->make_bus_contiguous(va, order, mask);
}

static inline void arch_release_bus_contiguous(void *va, unsigned int order)
{
	if (dma_model->release_bus_contiguous)
		dma_model->release_bus_contiguous(va, order);
}

static inline gfn_t arch_share_frame(phys_addr_t pa)
{
	return dma_model->share_frame(pa);
}

#endif
