/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Native SMP trampoline: what an AP runs after INIT-SIPI-SIPI, from a
 * copy below 1 MiB (arch/x86/include/asm/trampoline.h has the layout, smpboot.c
 * the caller).
 *
 *   16-bit  CS = page >> 4, IP = 0. DS = CS. Compute the page's linear
 *           address in %ebx, fix up this copy's GDT base and the two far
 *           pointers, load the GDT, set CR0.PE, far jump to 32-bit code.
 *   32-bit  flat segments, CR4.PAE, CR3 = the temporary PML4 (the page
 *           1:1 plus the kernel's upper half), EFER |= LME (and NXE and
 *           SCE as on CPU 0), CR0 as on CPU 0 (PG on: long mode), far
 *           jump to 64-bit code, still in the page.
 *   64-bit  read the parameters (RIP-relative: the copy keeps its
 *           layout), jump to tr_high in the kernel's text.
 *   tr_high (kernel address, mapped by both tables): full CR4, the
 *           kernel's CR3, %rsp = the stack, call entry(arg).
 *
 * Invariants: the code between trampoline_start and trampoline_end is
 * position independent except for what the 16-bit part fixes up, and
 * uses no stack. The GDT here uses Tern's selectors (0x08 64-bit code,
 * 0x10 data) so the cached segments stay valid after the switch to the
 * kernel's tables, where this GDT is no longer mapped; the AP loads its
 * own GDT and IDT first thing in cpu_init (cpu_desc_init), with
 * interrupts off until then. One AP at a time uses the copy.
 */
#include <asm/trampoline.h>

#define OFF(x)		((x) - trampoline_start)
#define PARAM(f)	(OFF(trampoline_params) + (f))
#define CR0_PE		0x00000001
#define MSR_EFER	0xc0000080
#define SEL_CODE64	0x08
#define SEL_DATA	0x10
#define SEL_CODE32	0x18

	.section .rodata.trampoline, "a"
	.balign 16
	.globl	trampoline_start
	.code16
trampoline_start:
	cli
	cld
	movw	%cs, %ax
	movw	%ax, %ds
	movw	%ax, %es
	movw	%ax, %ss
	movl	$1, PARAM(TR_STAGE)
	movzwl	%ax, %ebx
	shll	$4, %ebx			/* linear address of the page */

	leal	OFF(tr_gdt)(%ebx), %eax
	movl	%eax, OFF(tr_gdt_desc) + 2
	leal	OFF(tr_pm32)(%ebx), %eax
	movl	%eax, OFF(tr_pm32_ptr)
	leal	OFF(tr_lm64)(%ebx), %eax
	movl	%eax, OFF(tr_lm64_ptr)

	lgdtl	OFF(tr_gdt_desc)
	movl	%cr0, %eax
	orl	$CR0_PE, %eax
	movl	%eax, %cr0
	ljmpl	*OFF(tr_pm32_ptr)

	.code32
tr_pm32:
	movl	$SEL_DATA, %eax
	movl	%eax, %ds
	movl	%eax, %es
	movl	%eax, %ss
	movl	%eax, %fs
	movl	%eax, %gs
	movl	$2, PARAM(TR_STAGE)(%ebx)

	movl	$TR_CR4_PAE, %eax
	movl	%eax, %cr4
	movl	PARAM(TR_PML4)(%ebx), %eax
	movl	%eax, %cr3
	movl	$MSR_EFER, %ecx
	rdmsr
	orl	PARAM(TR_EFER)(%ebx), %eax
	wrmsr
	movl	PARAM(TR_CR0)(%ebx), %eax
	movl	%eax, %cr0
	ljmpl	*OFF(tr_lm64_ptr)(%ebx)

	.code64
tr_lm64:
	movl	$3, trampoline_params + TR_STAGE(%rip)
	movq	trampoline_params + TR_CR4(%rip), %rcx
	movq	trampoline_params + TR_CR3(%rip), %rdx
	movq	trampoline_params + TR_STACK(%rip), %rsp
	movq	trampoline_params + TR_ARG(%rip), %rdi
	movq	trampoline_params + TR_ENTRY(%rip), %rsi
	movabsq	$tr_high, %rax
	jmp	*%rax

	.balign 8
tr_gdt:
	.quad	0
	.quad	0x00af9a000000ffff		/* 0x08: 64-bit code */
	.quad	0x00cf92000000ffff		/* 0x10: data */
	.quad	0x00cf9a000000ffff		/* 0x18: 32-bit code */
tr_gdt_end:
	.balign 8
	.word	0				/* aligns the base */
tr_gdt_desc:
	.word	tr_gdt_end - tr_gdt - 1
	.long	0				/* fixed up */
	.balign 8
tr_pm32_ptr:					/* m16:32, fixed up */
	.long	0
	.word	SEL_CODE32
	.balign 8
tr_lm64_ptr:
	.long	0
	.word	SEL_CODE64

	.balign 8
	.globl	trampoline_params
trampoline_params:
	.skip	TR_PARAMS_SIZE
	.globl	trampoline_end
trampoline_end:

	.text
tr_high:
	movq	%rcx, %cr4
	movq	%rdx, %cr3
	xorl	%ebp, %ebp
	call	*%rsi
1:	hlt
	jmp	1b
