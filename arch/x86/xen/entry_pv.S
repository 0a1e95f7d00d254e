/* SPDX-License-Identifier: GPL-2.0 */
#include <asm/calling.inc>
#include "entry_pv.h"
/*
 * Xen PV exception and event entry.
 *
 * A PV kernel has no IDT: set_trap_table() registers xen_pv_trap_stubs
 * (one per vector 0-31) and the event callback below. Xen delivers both
 * on the current kernel stack with the hardware frame plus %rcx and %r11
 * on top (it used them itself):
 *
 *	rcx, r11, [error code], rip, cs, rflags, rsp, ss
 *
 * Each stub pops rcx and r11 back, pushes a dummy error code where the
 * CPU has none and the vector (XEN_PV_EVENT_VECTOR for the event
 * callback), so the common code saves exactly a struct pt_regs as the
 * native entry does and calls xen_pv_do_trap(regs).
 *
 * Return is the iret hypercall, never iretq: the kernel runs in ring 3
 * and only Xen can restore the event mask from the saved RFLAGS.IF
 * (events are masked on entry: every trap is registered with the
 * "clear event enable" flag, the event callback always masks).
 * The iret stub wants [flags, rip, cs, rflags, rsp, ss] on the stack and
 * pushes rcx, r11 and rax itself; Xen restores all three.
 */

	.text
	.balign 16
	.globl	xen_pv_trap_stubs
xen_pv_trap_stubs:
	vector = 0
	.rept	32
	.balign 16
	popq	%rcx
	popq	%r11
	.if	!(vector == 8 || (vector >= 10 && vector <= 14) || vector == 17 || vector == 21 || vector == 29 || vector == 30)
	pushq	$0
	.endif
	pushq	$vector
	jmp	xen_pv_common
	vector = vector + 1
	.endr

	.globl	xen_pv_hypervisor_callback
xen_pv_hypervisor_callback:
	popq	%rcx
	popq	%r11
	pushq	$0
	pushq	$XEN_PV_EVENT_VECTOR
	jmp	xen_pv_common

/*
 * Xen could not load the segment registers of an iret frame: the frame
 * is rcx, r11, ds, es, fs, gs, then the iret frame. Tern never uses
 * segments other than Xen's flat ones, so this is a bug: report it.
 */
	.globl	xen_pv_failsafe_callback
xen_pv_failsafe_callback:
	popq	%rcx
	popq	%r11
	addq	$32, %rsp
	pushq	$0
	pushq	$XEN_PV_FAILSAFE_VECTOR

xen_pv_common:
	PUSH_REGS
	CALL_WITH_REGS xen_pv_do_trap
	POP_REGS
	/* drop vector and error code; "flags" 0: not returning from syscall */
	movq	$0, 8(%rsp)
	addq	$8, %rsp
	jmp	xen_hypercall_iret
