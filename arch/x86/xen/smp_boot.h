/* SPDX-License-Identifier: GPL-2.0 */
/*
 * What the Xen vCPU bring-up files share (private to arch/x86/xen):
 * the first instructions of a secondary vCPU (smp_entry.S) and the
 * start-and-wait step both roles end with (smp_up.c).
 */
#ifndef _ARCH_X86_XEN_SMP_BOOT_H
#define _ARCH_X86_XEN_SMP_BOOT_H

#include <asm/smp.h>

/*
 * Entered with %rdi = the struct cpu_data, %rsp = its stack_top and
 * events/interrupts off; they call secondary_start(%rdi). The PVH one
 * first loads a flat GDT of its own (Xen starts an HVM vCPU with no
 * usable descriptor tables) and reloads every segment register.
 */
extern char xen_pv_secondary_entry[];
extern char xen_pvh_secondary_entry[];

/*
 * On CPU 0, once ctxt (a vcpu_guest_context for PV, a vcpu_hvm_context
 * for PVH) describes vCPU c->hw_id: bind its event channels
 * (xen_smp_bind_cpu), VCPUOP_initialise, VCPUOP_up, then wait (bounded,
 * yielding to Xen) until secondary_start marks it online. 0, or a
 * negative errno; a hypercall failure is logged with Xen's code and a
 * vCPU that does not answer is taken down again (VCPUOP_down).
 */
int xen_vcpu_start(struct cpu_data *c, void *ctxt);

#endif
