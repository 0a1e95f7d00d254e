/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Native and PVH entry: 32-bit protected mode, paging off.
 *
 *   pvh_start  XEN_ELFNOTE_PHYS32_ENTRY; %ebx = hvm_start_info (phys).
 *              Used by QEMU -kernel (native) and by Xen for PVH guests.
 *   mb2_start  multiboot2 entry tag; %eax = magic, %ebx = boot info.
 *
 * Both clear .bss, check for long mode, build a boot page table that maps
 * the low 4 GiB 1:1 and the first 1 GiB again at KERNEL_VMA (2 MiB pages),
 * enter long mode, jump to the high mapping and call
 * x86_64_start(proto, info_pa). Nothing here touches memory above 4 GiB.
 * The code runs at its physical address, so every symbol is used as
 * PA(sym) until the jump to start64_high.
 */
#include <asm/page.h>
#include <asm/boot.h>

#define PA(x)		((x) - KERNEL_VMA)
#define CR0_PE		0x00000001
#define CR0_WP		0x00010000
#define CR0_PG		0x80000000
#define CR4_PAE		0x00000020
#define MSR_EFER	0xc0000080
#define EFER_LME	0x00000100
#define EFER_NXE	0x00000800

	.section .multiboot2, "a"
	.balign 8
mb2_header:
	.long	MB2_HEADER_MAGIC
	.long	0			/* i386 protected mode */
	.long	mb2_header_end - mb2_header
	.long	-(MB2_HEADER_MAGIC + (mb2_header_end - mb2_header))
	/* entry address tag: the ELF entry is a high virtual address */
	.balign 8
	.word	3, 0
	.long	12
	.long	PA(mb2_start)
	.balign 8
	.word	0, 0			/* end tag */
	.long	8
mb2_header_end:

	.section .boot.text, "ax"
	.code32
	.globl	mb2_start
mb2_start:
	cmpl	$MB2_BOOTLOADER_MAGIC, %eax
	jne	no_boot_info
	movl	$BOOT_PROTO_MB2, %esi
	jmp	common32

	.globl	pvh_start
pvh_start:
	movl	$BOOT_PROTO_PVH, %esi

common32:
	cli
	cld
	movl	%ebx, %ebp
	rdtsc
	movl	%eax, PA(boot_tsc)
	movl	%edx, PA(boot_tsc) + 4

	/*
	 * clear .bss (the boot stack and page tables live there); it is
	 * page aligned at both ends, so whole dwords: a quarter of the
	 * iterations of stosb, which emulators run one at a time
	 */
	movl	$PA(__bss_start), %edi
	movl	$PA(__bss_end), %ecx
	subl	%edi, %ecx
	shrl	$2, %ecx
	xorl	%eax, %eax
	rep stosl
	movl	%ebp, PA(boot_info_pa)
	movl	$PA(boot_stack_top), %esp

	/* long mode? */
	movl	$0x80000000, %eax
	cpuid
	cmpl	$0x80000001, %eax
	jb	no_long_mode
	movl	$0x80000001, %eax
	cpuid
	btl	$29, %edx
	jnc	no_long_mode
	movl	%edx, %edi		/* NX is bit 20 */

	/* low 4 GiB identity with 2 MiB pages: 4 page directories */
	movl	$PA(early_pd), %ebx
	xorl	%ecx, %ecx
1:	movl	%ecx, %eax
	shll	$21, %eax
	orl	$0x83, %eax		/* present, writable, 2 MiB */
	movl	%eax, (%ebx, %ecx, 8)
	movl	%ecx, %eax
	shrl	$11, %eax
	movl	%eax, 4(%ebx, %ecx, 8)
	incl	%ecx
	cmpl	$2048, %ecx
	jb	1b

	movl	$PA(early_pdpt_lo), %ebx
	xorl	%ecx, %ecx
2:	movl	%ecx, %eax
	shll	$12, %eax
	addl	$PA(early_pd) + 0x3, %eax
	movl	%eax, (%ebx, %ecx, 8)
	incl	%ecx
	cmpl	$4, %ecx
	jb	2b

	/* KERNEL_VMA -> physical 0 (first GiB), PDPT slot 510 */
	movl	$PA(early_pd) + 0x3, PA(early_pdpt_hi) + 510 * 8
	movl	$PA(early_pdpt_lo) + 0x3, PA(early_pml4)
	movl	$PA(early_pdpt_hi) + 0x3, PA(early_pml4) + 511 * 8

	movl	%cr4, %eax
	orl	$CR4_PAE, %eax
	movl	%eax, %cr4
	movl	$PA(early_pml4), %eax
	movl	%eax, %cr3
	movl	$MSR_EFER, %ecx
	rdmsr
	orl	$EFER_LME, %eax
	btl	$20, %edi
	jnc	3f
	orl	$EFER_NXE, %eax
3:	wrmsr
	movl	%cr0, %eax
	orl	$(CR0_PE | CR0_PG | CR0_WP), %eax
	movl	%eax, %cr0

	lgdt	PA(boot_gdt_desc32)
	ljmp	$0x08, $PA(start64_low)

no_boot_info:
	movl	$PA(msg_no_info), %esi
	jmp	early_die32
no_long_mode:
	movl	$PA(msg_no_lm), %esi
early_die32:
	/* one panic line on the debug port and COM1, then stop */
	lodsb
	testb	%al, %al
	jz	4f
	outb	%al, $0xe9
	movw	$0x3f8, %dx
	outb	%al, %dx
	jmp	early_die32
4:	hlt
	jmp	4b

	.code64
start64_low:
	movabsq	$start64_high, %rax
	jmp	*%rax

	.text
start64_high:
	lgdt	boot_gdt_desc64(%rip)
	movl	$0x10, %eax
	movl	%eax, %ds
	movl	%eax, %es
	movl	%eax, %ss
	xorl	%eax, %eax
	movl	%eax, %fs
	movl	%eax, %gs
	leaq	boot_stack_top(%rip), %rsp
	xorl	%ebp, %ebp
	movl	%esi, %edi		/* proto */
	movq	boot_info_pa(%rip), %rsi
	call	x86_64_start
5:	hlt
	jmp	5b

	.section .rodata
msg_no_info:
	.asciz	"tern: panic: multiboot2 entry without the multiboot2 magic\n"
msg_no_lm:
	.asciz	"tern: panic: CPU does not support 64-bit long mode\n"

	.data
	.balign 16
boot_gdt:
	.quad	0
	.quad	0x00af9a000000ffff	/* 0x08: 64-bit kernel code */
	.quad	0x00cf92000000ffff	/* 0x10: kernel data */
boot_gdt_end:
boot_gdt_desc32:
	.word	boot_gdt_end - boot_gdt - 1
	.long	PA(boot_gdt)
	.balign 8
boot_gdt_desc64:
	.word	boot_gdt_end - boot_gdt - 1
	.quad	boot_gdt

	.globl	boot_tsc
	.balign 8
boot_tsc:
	.quad	0
boot_info_pa:
	.quad	0

	.section .bss.page_aligned, "aw", @nobits
	.balign 4096
early_pml4:
	.skip	4096
early_pdpt_lo:
	.skip	4096
early_pdpt_hi:
	.skip	4096
early_pd:
	.skip	4 * 4096
	.globl	boot_stack_top
boot_stack:
	.skip	BOOT_STACK_SIZE
boot_stack_top:
