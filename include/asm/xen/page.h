/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Xen PV memory management: the PV-only hypercalls and the interface of
 * the PV pv_ops.mmu backend (arch/x86/xen/mmu_pv.c).
 */
#ifndef _ASM_XEN_PAGE_H
#define _ASM_XEN_PAGE_H

#include <tern/types.h>
#include <asm/pgtable.h>
#include <asm/xen/hypercall.h>
#include <asm/xen/p2m.h>
#include <xen/xen.h>

struct start_info;

long xen_hypercall_page_call(unsigned long op, unsigned long a1,
			     unsigned long a2, unsigned long a3,
			     unsigned long a4, unsigned long a5);

/* Counted like xen_hypercall(), for the calls with more arguments. */
static inline long xen_hypercall5(unsigned int op, unsigned long a1,
				  unsigned long a2, unsigned long a3,
				  unsigned long a4, unsigned long a5)
{
	if (op < XEN_NR_HYPERCALLS)
		xen_hypercall_count[op]++;
	return xen_hypercall_fn(op, a1, a2, a3, a4, a5);
}

static inline long HYPERVISOR_mmu_update(struct mmu_update *req,
					 unsigned int count,
					 unsigned int *done, domid_t dom)
{
	return xen_hypercall5(__HYPERVISOR_mmu_update, (unsigned long)req,
			      count, (unsigned long)done, dom, 0);
}

static inline long HYPERVISOR_mmuext_op(struct mmuext_op *op,
					unsigned int count,
					unsigned int *done, domid_t dom)
{
	return xen_hypercall5(__HYPERVISOR_mmuext_op, (unsigned long)op,
			      count, (unsigned long)done, dom, 0);
}

static inline long HYPERVISOR_update_va_mapping(unsigned long va, u64 val,
					       unsigned long flags)
{
	return xen_hypercall(__HYPERVISOR_update_va_mapping, va, val, flags);
}

static inline long HYPERVISOR_multicall(struct multicall_entry *calls,
					unsigned int nr)
{
	return xen_hypercall(__HYPERVISOR_multicall, (unsigned long)calls, nr,
			     0);
}

static inline long HYPERVISOR_set_trap_table(const struct trap_info *t)
{
	return xen_hypercall(__HYPERVISOR_set_trap_table, (unsigned long)t, 0,
			     0);
}

static inline long HYPERVISOR_callback_op(int cmd, const void *arg)
{
	return xen_hypercall(__HYPERVISOR_callback_op, cmd, (unsigned long)arg,
			     0);
}

static inline long HYPERVISOR_stack_switch(unsigned long ss, unsigned long sp)
{
	return xen_hypercall(__HYPERVISOR_stack_switch, ss, sp, 0);
}

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
