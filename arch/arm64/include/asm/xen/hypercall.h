/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Xen on Arm hypercalls (xen/arch-arm.h): `hvc #0xEA1` (the Xen tag in
 * the HVC immediate), the operation in x16, up to five arguments in
 * x0-x4, the result in x0. Xen clobbers x16 and the argument registers
 * a call uses; the asm below lists all of x0-x4 and x16 as written, so
 * the compiler keeps nothing there across a call.
 *
 * Pointers passed to Xen are guest virtual addresses: Xen translates
 * them through the guest's own stage-1 tables. Every call is counted by
 * operation, as on x86 (reported at boot and by `make bench`).
 */
#ifndef _ASM_XEN_HYPERCALL_H
#define _ASM_XEN_HYPERCALL_H

#include <tern/types.h>
#include <xen/xen.h>

#define XEN_NR_HYPERCALLS	64

extern u64 xen_hypercall_count[XEN_NR_HYPERCALLS];

static inline long xen_hypercall5(unsigned int op, unsigned long a1,
				  unsigned long a2, unsigned long a3,
				  unsigned long a4, unsigned long a5)
{
	register unsigned long x0 asm("x0") = a1;
	register unsigned long x1 asm("x1") = a2;
	register unsigned long x2 asm("x2") = a3;
	register unsigned long x3 asm("x3") = a4;
	register unsigned long x4 asm("x4") = a5;
	register unsigned long x16 asm("x16") = op;

	if (op < XEN_NR_HYPERCALLS)
		xen_hypercall_count[op]++;
	asm volatile("hvc #0xea1"
		     : "+r" (x0), "+r" (x1), "+r" (x2), "+r" (x3), "+r" (x4),
		       "+r" (x16)
		     :
		     : "memory");
	return (long)x0;
}

static inline long xen_hypercall(unsigned int op, unsigned long a1,
				 unsigned long a2, unsigned long a3)
{
	return xen_hypercall5(op, a1, a2, a3, 0, 0);
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

/* Xen on Arm has no physical IRQs to map: only events.c's dom0 pirq code uses it (x86) */
static inline long HYPERVISOR_physdev_op(int cmd, void *arg)
{
	return xen_hypercall(__HYPERVISOR_physdev_op, cmd, (unsigned long)arg,
			     0);
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

#endif
