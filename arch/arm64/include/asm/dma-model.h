/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The memory-model half of the DMA API on arm64 (ops in
 * include/tern/dma_model.h). Natively only P==M: a device puts the
 * physical address on the bus (QEMU virt's PCIe host has no IOMMU in
 * front of it and no offset between CPU and bus addresses for RAM), and
 * the identity model (kernel/dma_model.c) is the default. Coherence:
 * virt's host bridge is "dma-coherent" (and QEMU's TCG is coherent
 * anyway), so the DMA API does no cache maintenance here; a
 * non-coherent device would need it and is not supported.
 */
#ifndef _ASM_DMA_MODEL_H
#define _ASM_DMA_MODEL_H

#include <tern/dma_model.h>

#endif
