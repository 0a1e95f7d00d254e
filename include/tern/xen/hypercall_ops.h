/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The hypercall wrappers every architecture shares, over its own
 * xen_hypercall() (asm/xen/hypercall.h, which includes this file at its
 * end): x86 through vmcall/vmmcall or the PV hypercall page, arm64
 * through hvc #0xEA1. Only what Xen offers on every architecture is
 * here; x86's PV-only calls stay in x86's header.
 */
#ifndef _TERN_XEN_HYPERCALL_OPS_H
#define _TERN_XEN_HYPERCALL_OPS_H

#ifndef _ASM_XEN_HYPERCALL_H
#error "include <asm/xen/hypercall.h>, not this file"
#endif

#include <xen/hvm/hvm_op.h>

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

/*
 * One of this domain's HVM parameters (the toolstack's ring frames and
 * ports on x86 PVH and on Arm); *value is 0 when Xen refuses.
 */
static inline long xen_hvm_get_param(unsigned int index, u64 *value)
{
	struct xen_hvm_param p = { .domid = DOMID_SELF, .index = index };
	long rc = HYPERVISOR_hvm_op(HVMOP_get_param, &p);

	*value = rc ? 0 : p.value;
	return rc;
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

static inline long HYPERVISOR_grant_table_op(unsigned int cmd, void *uop,
					     unsigned int count)
{
	return xen_hypercall(__HYPERVISOR_grant_table_op, cmd,
			     (unsigned long)uop, count);
}

static inline long HYPERVISOR_xen_version(int cmd, void *arg)
{
	return xen_hypercall(__HYPERVISOR_xen_version, cmd, (unsigned long)arg,
			     0);
}

/* Arm has no physical IRQs to map: only x86 dom0 pirqs (events.c) call it */
static inline long HYPERVISOR_physdev_op(int cmd, void *arg)
{
	return xen_hypercall(__HYPERVISOR_physdev_op, cmd, (unsigned long)arg,
			     0);
}

#endif
