/* SPDX-License-Identifier: GPL-2.0 */
#include <asm/calling.inc>
/*
 * Native interrupt and exception entry. One stub per vector pushes a
 * dummy error code where the CPU does not, then the vector number; the
 * common path saves the general registers as struct pt_regs and calls
 * do_trap(regs). Interrupt gates keep IF clear on entry.
 */

	.text
	.balign 16
	.globl	idt_stubs
idt_stubs:
	vector = 0
	.rept	256
	.balign 16
	.if	!(vector == 8 || (vector >= 10 && vector <= 14) || vector == 17 || vector == 21 || vector == 29 || vector == 30)
	pushq	$0
	.endif
	pushq	$vector
	jmp	trap_common
	vector = vector + 1
	.endr

trap_common:
	PUSH_REGS
	CALL_WITH_REGS do_trap
	POP_REGS
	addq	$16, %rsp
	iretq
