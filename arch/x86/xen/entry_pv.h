/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The interface of the Xen PV entry code (entry_pv.S, private to
 * arch/x86/xen): the stubs enlighten_pv.c registers with Xen, and the
 * vector numbers the stubs put in pt_regs->vector for the two callbacks
 * that are not exceptions. They lie above 0xff, so they can be neither
 * an exception nor an IRQ vector; xen_pv_do_trap() (irq_pv.c) tells
 * them apart.
 */
#ifndef _ARCH_X86_XEN_ENTRY_PV_H
#define _ARCH_X86_XEN_ENTRY_PV_H

#define XEN_PV_EVENT_VECTOR	0x100
#define XEN_PV_FAILSAFE_VECTOR	0x101

#ifndef __ASSEMBLY__
/* trap stubs (16 bytes apart, vectors 0-31) and the two callbacks */
extern char xen_pv_trap_stubs[];
extern char xen_pv_hypervisor_callback[];
extern char xen_pv_failsafe_callback[];

/* The trap table CPU 0 registers (enlighten_pv.c), for every vCPU. */
struct trap_info;
extern struct trap_info xen_pv_traps[33];

struct pt_regs;
/* The C side of every PV entry. */
void xen_pv_do_trap(struct pt_regs *regs);
#endif

#endif
