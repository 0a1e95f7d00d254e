/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The exception vectors (VBAR_EL1). Each of the 16 entries saves x0/x1,
 * loads its index and branches to one common path, which saves the
 * rest of struct pt_regs (asm/traps.h), calls arm64_exception(regs,
 * index) on the same stack (SP_EL1) and restores everything from
 * pt_regs, ELR and SPSR included (the C side may move ELR past a
 * trapping instruction), then erets. No FP/SIMD state is saved: Tern is
 * built -mgeneral-regs-only.
 */
#include <asm/traps.h>

	.macro	ventry idx
	.balign	128
	sub	sp, sp, #PT_SIZE
	stp	x0, x1, [sp, #0]
	mov	x1, #\idx
	b	vector_common
	.endm

	.text
	.balign	2048
	.globl	arm64_vectors
arm64_vectors:
	ventry	0
	ventry	1
	ventry	2
	ventry	3
	ventry	4
	ventry	5
	ventry	6
	ventry	7
	ventry	8
	ventry	9
	ventry	10
	ventry	11
	ventry	12
	ventry	13
	ventry	14
	ventry	15

vector_common:
	stp	x2, x3, [sp, #16]
	stp	x4, x5, [sp, #32]
	stp	x6, x7, [sp, #48]
	stp	x8, x9, [sp, #64]
	stp	x10, x11, [sp, #80]
	stp	x12, x13, [sp, #96]
	stp	x14, x15, [sp, #112]
	stp	x16, x17, [sp, #128]
	stp	x18, x19, [sp, #144]
	stp	x20, x21, [sp, #160]
	stp	x22, x23, [sp, #176]
	stp	x24, x25, [sp, #192]
	stp	x26, x27, [sp, #208]
	stp	x28, x29, [sp, #224]
	add	x2, sp, #PT_SIZE
	stp	x30, x2, [sp, #240]
	mrs	x2, elr_el1
	mrs	x3, spsr_el1
	stp	x2, x3, [sp, #PT_ELR]
	mrs	x2, esr_el1
	mrs	x3, far_el1
	stp	x2, x3, [sp, #PT_ESR]
	mov	x0, sp
	bl	arm64_exception
	ldp	x2, x3, [sp, #PT_ELR]
	msr	elr_el1, x2
	msr	spsr_el1, x3
	ldp	x2, x3, [sp, #16]
	ldp	x4, x5, [sp, #32]
	ldp	x6, x7, [sp, #48]
	ldp	x8, x9, [sp, #64]
	ldp	x10, x11, [sp, #80]
	ldp	x12, x13, [sp, #96]
	ldp	x14, x15, [sp, #112]
	ldp	x16, x17, [sp, #128]
	ldp	x18, x19, [sp, #144]
	ldp	x20, x21, [sp, #160]
	ldp	x22, x23, [sp, #176]
	ldp	x24, x25, [sp, #192]
	ldp	x26, x27, [sp, #208]
	ldp	x28, x29, [sp, #224]
	ldr	x30, [sp, #240]
	ldp	x0, x1, [sp, #0]
	add	sp, sp, #PT_SIZE
	eret
