// SPDX-License-Identifier: GPL-2.0
/*
 * The identity DMA memory model (include/tern/dma_model.h): native
 * hardware, where physical addresses are bus addresses, and Xen PVH,
 * where the IOMMU maps guest-physical to machine addresses with the
 * domain's own p2m, so a device sees the guest-physical address as well.
 * A Xen PV domain installs its own ops (arch/x86/xen/dma_pv.c: P2M
 * translation, XENMEM_exchange) from xen_pv_init(), before dma_init().
 *
 * Sharing: a peer names our page by its gfn, which here is the pfn
 * (Xen translates a PVH domain's frames; native has no peer).
 */
#include <asm/dma-model.h>
#include <asm/page.h>

static bus_addr_t identity_phys_to_bus(phys_addr_t pa)
{
	return _bus(pa);
}

static phys_addr_t identity_bus_to_phys(bus_addr_t bus)
{
	return bus_x(bus);
}

static bool identity_contiguous(phys_addr_t pa, size_t len)
{
	return true;
}

static int identity_make_contiguous(void *va, unsigned int order, u64 mask)
{
	phys_addr_t pa = virt_to_phys(va);
	u64 len = (u64)PAGE_SIZE << order;

	/* nothing can move: the pages either fit under the mask or not */
	return pa + len - 1 <= mask ? 0 : -ERANGE;
}

static gfn_t identity_share_frame(phys_addr_t pa)
{
	/*
	 * gfn == pfn. A cast, not _gfn(): memory-model.cocci keeps _gfn()
	 * in arch/x86/xen, and this is the one model outside it.
	 */
	return (__force gfn_t)(pa >> PAGE_SHIFT);
}

const struct dma_model_ops dma_model_identity = {
	.name = "identity",
	.phys_to_bus = identity_phys_to_bus,
	.bus_to_phys = identity_bus_to_phys,
	.range_bus_contiguous = identity_contiguous,
	.make_bus_contiguous = identity_make_contiguous,
	.share_frame = identity_share_frame,
};

const struct dma_model_ops *dma_model = &dma_model_identity;
