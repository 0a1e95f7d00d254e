/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Xen PV memory management: the interface of the PV pv_ops.mmu backend
 * (arch/x86/xen/mmu_pv.c). The PV-only hypercalls it makes are in
 * asm/xen/hypercall.h with the others.
 */
#ifndef _ASM_XEN_PAGE_H
#define _ASM_XEN_PAGE_H

#include <tern/types.h>
#include <asm/pgtable.h>
#include <asm/xen/hypercall.h>
#include <asm/xen/p2m.h>
#include <xen/xen.h>

struct start_info;
/* The PV pv_ops.mmu group, installed by enlighten_pv.c with the others. */
extern const struct pv_mmu_ops xen_pv_mmu_ops;
/* Record Xen's bootstrap tables and the P2M list (before paging_init). */
void xen_pv_mmu_init(const struct start_info *si);
/* Map one machine frame at va (vmap area), tables created as needed. */
int xen_pv_map_mfn(unsigned long va, unsigned long mfn, pteval_t flags);
/* Is this pfn a page-table page (mapped read-only everywhere)? */
bool xen_pv_pfn_is_pt(unsigned long pfn);
/* Mapped by Xen's bootstrap tables: [KERNEL_VMA, KERNEL_VMA + this). */
u64 xen_pv_boot_map_end(void);
u64 xen_pv_read_cr3(void);
void xen_pv_write_cr3(u64 pa);

#endif
