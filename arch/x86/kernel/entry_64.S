/* SPDX-License-Identifier: GPL-2.0 */
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
	pushq	%rax
	pushq	%rbx
	pushq	%rcx
	pushq	%rdx
	pushq	%rsi
	pushq	%rdi
	pushq	%rbp
	pushq	%r8
	pushq	%r9
	pushq	%r10
	pushq	%r11
	pushq	%r12
	pushq	%r13
	pushq	%r14
	pushq	%r15
	cld
	movq	%rsp, %rdi
	movq	%rsp, %rbx
	andq	$~15, %rsp
	call	do_trap
	movq	%rbx, %rsp
	popq	%r15
	popq	%r14
	popq	%r13
	popq	%r12
	popq	%r11
	popq	%r10
	popq	%r9
	popq	%r8
	popq	%rbp
	popq	%rdi
	popq	%rsi
	popq	%rdx
	popq	%rcx
	popq	%rbx
	popq	%rax
	addq	$16, %rsp
	iretq
