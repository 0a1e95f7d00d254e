/* SPDX-License-Identifier: GPL-2.0 */
/*
 * PVH hypercall instructions. C passes (op, a1..a5) in rdi, rsi, rdx,
 * rcx, r8, r9; Xen wants op in rax and arguments in rdi, rsi, rdx, r10,
 * r8. Intel CPUs trap with vmcall, AMD CPUs with vmmcall.
 */
.macro HYPERCALL_STUB name, insn
	.globl	\name
\name:
	movq	%rdi, %rax
	movq	%rsi, %rdi
	movq	%rdx, %rsi
	movq	%rcx, %rdx
	movq	%r8, %r10
	movq	%r9, %r8
	\insn
	ret
.endm

	.text
	HYPERCALL_STUB xen_hypercall_vmcall, vmcall
	HYPERCALL_STUB xen_hypercall_vmmcall, vmmcall
