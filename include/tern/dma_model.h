/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The memory-model ops behind the DMA API and grant sharing, the same
 * shape on every architecture; which models exist is the arch's
 * <asm/dma-model.h> (x86: identity, Xen PV's P2M; arm64: identity).
 * The identity model (P==M: bus address = physical address, a peer
 * names our page by its pfn) is kernel/dma_model.c, the default.
 */
#ifndef _TERN_DMA_MODEL_H
#define _TERN_DMA_MODEL_H

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
