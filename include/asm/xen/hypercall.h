/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Xen hypercalls. One entry, xen_hypercall(), counts every call by
 * operation (reported at boot and by `make bench`) and goes through
 * xen_hypercall_fn: vmcall or vmmcall for PVH (chosen by CPU vendor), the
 * hypercall page for PV.
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

static inline long xen_hypercall(unsigned int op, unsigned long a1,
				 unsigned long a2, unsigned long a3)
{
	if (op < XEN_NR_HYPERCALLS)
		xen_hypercall_count[op]++;
	return xen_hypercall_fn(op, a1, a2, a3, 0, 0);
}

static inline long HYPERVISOR_event_channel_op(int cmd, void *arg)
{
	return xen_hypercall(__HYPERVISOR_event_channel_op, cmd,
			     (unsigned long)arg, 0);
}

static inline long HYPERVISOR_memory_op(int cmd, void *arg)
{
	return xen_hypercall(__HYPERVISOR_memory_op, cmd, (unsigned long)arg, 0);
}

static inline long HYPERVISOR_hvm_op(int cmd, void *arg)
{
	return xen_hypercall(__HYPERVISOR_hvm_op, cmd, (unsigned long)arg, 0);
}

static inline long HYPERVISOR_vcpu_op(int cmd, unsigned int vcpu, void *arg)
{
	return xen_hypercall(__HYPERVISOR_vcpu_op, cmd, vcpu,
			     (unsigned long)arg);
}

static inline long HYPERVISOR_sched_op(int cmd, void *arg)
{
	return xen_hypercall(__HYPERVISOR_sched_op, cmd, (unsigned long)arg, 0);
}

static inline long HYPERVISOR_console_io(int cmd, unsigned int count,
					 char *buf)
{
	return xen_hypercall(__HYPERVISOR_console_io, cmd, count,
			     (unsigned long)buf);
}

static inline long HYPERVISOR_xen_version(int cmd, void *arg)
{
	return xen_hypercall(__HYPERVISOR_xen_version, cmd, (unsigned long)arg,
			     0);
}

static inline long HYPERVISOR_platform_op(void *op)
{
	return xen_hypercall(__HYPERVISOR_platform_op, (unsigned long)op, 0, 0);
}

#endif
