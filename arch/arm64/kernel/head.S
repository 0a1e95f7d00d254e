/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The arm64 entry: the Linux arm64 Image header, then the first
 * instructions (Documentation/arm64.md, "Boot protocol").
 *
 * The loader (QEMU's -kernel, U-Boot, Xen later) enters at the header's
 * first word with the MMU off, x0 = the device tree's physical address,
 * at EL2 or EL1. The Image is position independent: linked at
 * 0x40200000 (QEMU virt's RAM base plus the header's text_offset), it
 * runs wherever it is loaded in the early map's Normal window [1 GiB,
 * 4 GiB) (Xen puts a dom0 in its first 1:1 bank): virtual = physical,
 * and head.S applies the link-time relocations for the load address
 * before anything uses an absolute address.
 *
 * Steps: EL2 -> EL1 (EL1 AArch64, no EL2 traps, the physical timer and
 * GIC system registers left to EL1, CNTVOFF 0); the early identity map
 * (one level-1 table, 1 GiB blocks: [0, 1 GiB) Device-nGnRE, where virt
 * has its devices, and [1 GiB, 4 GiB) Normal write-back, where its RAM
 * starts); MMU and caches on; the relocations; stack; .bss cleared
 * (with the caches on, so no stale line can hide the zeroes); exception
 * vectors; then C (arm64_start), which extends the map to all RAM from
 * the device tree.
 *
 * Invariants: x19 holds the device tree pointer, x20 the entry EL and
 * x21 the counter at entry until they are stored after .bss is cleared.
 */
#include <asm/boot.h>
#include <asm/sysreg.h>

#define PTE_BLOCK	0x1
#define PTE_AF		(1 << 10)
#define PTE_SH_INNER	(3 << 8)
#define PTE_ATTR(n)	((n) << 2)
#define PTE_XN_BITS	(3 << 53)	/* PXN | UXN */
#define EARLY_DEVICE	(PTE_BLOCK | PTE_AF | PTE_ATTR(MT_DEVICE))
#define EARLY_NORMAL	(PTE_BLOCK | PTE_AF | PTE_SH_INNER | PTE_ATTR(MT_NORMAL))
#define GIB		0x40000000
#define R_AARCH64_RELATIVE	1027

	.section .head.text, "ax"
	.globl	_head
_head:
	b	primary_entry		/* code0 */
	.long	0			/* code1 */
	.quad	0x200000		/* text_offset: RAM base + 2 MiB */
	.quad	_kernel_size		/* image_size, .bss included */
	.quad	0x2			/* flags: little endian, 4 KiB pages,
					 * base near the start of RAM */
	.quad	0			/* res2 */
	.quad	0			/* res3 */
	.quad	0			/* res4 */
	.ascii	"ARM\x64"		/* magic */
	.long	0			/* res5 */

primary_entry:
	mov	x19, x0
	mrs	x21, cntvct_el0

	mrs	x20, CurrentEL
	lsr	x20, x20, #2
	cmp	x20, #2
	b.ne	1f
	/* EL2: leave it for EL1 with nothing trapped */
	mov	x1, #HCR_EL2_RW
	msr	hcr_el2, x1
	mrs	x1, cnthctl_el2
	orr	x1, x1, #(CNTHCTL_EL1PCTEN | CNTHCTL_EL1PCEN)
	msr	cnthctl_el2, x1
	msr	cntvoff_el2, xzr
	mov	x1, #CPTR_EL2_RES1
	msr	cptr_el2, x1
	msr	hstr_el2, xzr
	mrs	x1, S3_4_C12_C9_5	/* ICC_SRE_EL2 */
	mov	x2, #(ICC_SRE_EL2_SRE | ICC_SRE_EL2_ENABLE)
	orr	x1, x1, x2
	msr	S3_4_C12_C9_5, x1
	isb
	ldr	x1, =SCTLR_EL1_RES1
	msr	sctlr_el1, x1
	mov	x1, #SPSR_EL1H_DAIF
	msr	spsr_el2, x1
	adr	x1, 1f
	msr	elr_el2, x1
	eret
1:
	msr	daifset, #0xf
	ldr	x1, =SCTLR_EL1_RES1	/* MMU and caches off, known state */
	msr	sctlr_el1, x1
	isb

	/* the early level-1 table: written with the MMU off (uncached) */
	adrp	x1, early_pgd
	mov	x2, #0
2:	str	xzr, [x1, x2, lsl #3]
	add	x2, x2, #1
	cmp	x2, #512
	b.lo	2b
	mov	x3, #EARLY_DEVICE
	orr	x3, x3, #(PTE_XN_BITS)
	str	x3, [x1]
	mov	x2, #1
3:	lsl	x3, x2, #30
	mov	x4, #EARLY_NORMAL
	orr	x3, x3, x4
	str	x3, [x1, x2, lsl #3]
	add	x2, x2, #1
	cmp	x2, #4
	b.lo	3b
	/* no stale cache line may shadow the table once caches are on */
	mrs	x3, ctr_el0
	ubfx	x3, x3, #16, #4		/* DminLine: log2(words) */
	mov	x4, #4
	lsl	x3, x4, x3		/* line size in bytes */
	add	x4, x1, #4096
4:	dc	ivac, x1
	add	x1, x1, x3
	cmp	x1, x4
	b.lo	4b
	dsb	sy

	ldr	x1, =MAIR_EL1_VALUE
	msr	mair_el1, x1
	ldr	x1, =TCR_EL1_VALUE
	mrs	x2, id_aa64mmfr0_el1
	and	x2, x2, #7		/* PARange */
	bfi	x1, x2, #TCR_IPS_SHIFT, #3
	msr	tcr_el1, x1
	adrp	x1, early_pgd
	msr	ttbr0_el1, x1
	isb
	tlbi	vmalle1
	dsb	nsh
	isb
	mrs	x1, sctlr_el1
	mov	x2, #(SCTLR_M | SCTLR_C | SCTLR_SA | SCTLR_I)
	orr	x1, x1, x2
	msr	sctlr_el1, x1
	isb

	/*
	 * Run where we were loaded: add the distance from the link address
	 * to every R_AARCH64_RELATIVE target (the absolute addresses in
	 * data, literal pools and the GOT). Up to here only PC-relative
	 * addressing is used; the literal giving _head's link address is
	 * read before the loop rewrites it. Caches are on, so the stores
	 * are coherent with the loads that follow.
	 */
	adr	x1, _head
	ldr	x2, =_head
	sub	x9, x1, x2
	adrp	x3, __rela_start
	add	x3, x3, :lo12:__rela_start
	adrp	x4, __rela_end
	add	x4, x4, :lo12:__rela_end
10:	cmp	x3, x4
	b.hs	11f
	ldp	x5, x6, [x3], #16	/* r_offset, r_info */
	ldr	x7, [x3], #8		/* r_addend */
	cmp	x6, #R_AARCH64_RELATIVE
	b.ne	10b			/* R_AARCH64_NONE: nothing to do */
	add	x7, x7, x9
	str	x7, [x5, x9]
	b	10b
11:
	ldr	x1, =boot_stack_top
	mov	sp, x1
	ldr	x1, =__bss_start
	ldr	x2, =__bss_end
5:	cmp	x1, x2
	b.hs	6f
	stp	xzr, xzr, [x1], #16
	b	5b
6:
	ldr	x1, =boot_tsc
	str	x21, [x1]
	ldr	x1, =boot_el
	str	x20, [x1]
	ldr	x1, =arm64_vectors
	msr	vbar_el1, x1
	isb
	mov	x0, x19
	bl	arm64_start
7:	wfi
	b	7b

	.section .bss..noclear, "aw", %nobits
	.balign	4096
	.globl	early_pgd
early_pgd:
	.skip	4096

	.section .bss..stack, "aw", %nobits
	.balign	16
boot_stack:
	.skip	BOOT_STACK_SIZE
	.globl	boot_stack_top
boot_stack_top:

	.data
	.balign	8
	.globl	boot_tsc
boot_tsc:
	.quad	0
	.globl	boot_el
boot_el:
	.quad	0
