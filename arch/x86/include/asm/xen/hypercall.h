/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Xen hypercalls: every HYPERVISOR_* wrapper, PV-only ones included.
 * One entry, xen_hypercall() (xen_hypercall5() for five arguments),
 * counts every call by operation (reported at boot and by `make bench`)
 * and goes through xen_hypercall_fn: vmcall or vmmcall for PVH (chosen
 * by CPU vendor), the hypercall page for PV.
 */
#ifndef _ASM_XEN_HYPERCALL_H
#define _ASM_XEN_HYPERCALL_H

#include <tern/types.h>
#include <xen/xen.h>

#define XEN_NR_HYPERCALLS	64

extern long (*xen_hypercall_fn)(unsigned long op, unsigned long a1,
				unsigned long a2, unsigned long a3,
				unsigned long a4, unsigned long a5);
extern u64 xen_hypercall_count[XEN_NR_HYPERCALLS];

long xen_hypercall_vmcall(unsigned long op, unsigned long a1,
			  unsigned long a2, unsigned long a3,
			  unsigned long a4, unsigned long a5);
long xen_hypercall_vmmcall(unsigned long op, unsigned long a1,
			   unsigned long a2, unsigned long a3,
			   unsigned long a4, unsigned long a5);
long xen_hypercall_page_call(unsigned long op, unsigned long a1,
			     unsigned long a2, unsigned long a3,
			     unsigned long a4, unsigned long a5);

static inline long xen_hypercall5(unsigned int op, unsigned long a1,
				  unsigned long a2, unsigned long a3,
				  unsigned long a4, unsigned long a5)
{
	if (op < XEN_NR_HYPERCALLS)
		xen_hypercall_count[op]++;
	return xen_hypercall_fn(op, a1, a2, a3, a4, a5);
}

static inline long xen_hypercall(unsigned int op, unsigned long a1,
				 unsigned long a2, unsigned long a3)
{
	return xen_hypercall5(op, a1, a2, a3, 0, 0);
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

static inline long HYPERVISOR_platform_op(void *op)
{
	return xen_hypercall(__HYPERVISOR_platform_op, (unsigned long)op, 0, 0);
}

#include <tern/xen/hypercall_ops.h>

#endif
