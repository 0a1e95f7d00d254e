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
 * The ops (include/tern/dma_model.h) are a pointer that a backend
 * replaces once, early in boot, before the first DMA mapping or grant;
 * the default is the identity model (kernel/dma_model.c). Generic code
 * (kernel/dma.c, the grant table through the arch's arch_gnttab_frame())
 * only calls the wrappers there.
 */
#ifndef _ASM_DMA_MODEL_H
#define _ASM_DMA_MODEL_H

#include <tern/dma_model.h>

#endif
