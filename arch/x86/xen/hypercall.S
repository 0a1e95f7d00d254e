/* SPDX-License-Identifier: GPL-2.0 */
/*
 * PVH hypercall instructions. C passes (op, a1..a5) in rdi, rsi, rdx,
 * rcx, r8, r9; Xen wants op in rax and arguments in rdi, rsi, rdx, r10,
 * r8. Intel CPUs trap with vmcall, AMD CPUs with vmmcall.
 */
	.text
	.globl	xen_hypercall_vmcall
xen_hypercall_vmcall:
	movq	%rdi, %rax
	movq	%rsi, %rdi
	movq	%rdx, %rsi
	movq	%rcx, %rdx
	movq	%r8, %r10
	movq	%r9, %r8
	vmcall
	ret

	.globl	xen_hypercall_vmmcall
xen_hypercall_vmmcall:
	movq	%rdi, %rax
	movq	%rsi, %rdi
	movq	%rdx, %rsi
	movq	%rcx, %rdx
	movq	%r8, %r10
	movq	%r9, %r8
	vmmcall
	ret
