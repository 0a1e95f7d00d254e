/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The benchmark floor: the least a PVH kernel can do before it is "ready".
 *
 * scripts/bench boots this image in every role next to Tern and Linux, with
 * the same QEMU flags and Xen arguments, so that the cost of the loader, the
 * firmware and (in the Xen roles) the hypervisor shows up as a figure of its
 * own: whatever Tern needs above the floor is Tern's.
 *
 * Two entries, like Tern's one image:
 *  - PVH (XEN_ELFNOTE_PHYS32_ENTRY, QEMU's -kernel and a Xen PVH dom0):
 *    32-bit protected mode, paging off, flat segments, no stack;
 *  - Xen PV (XEN_ELFNOTE_ENTRY, a Xen PV dom0): 64-bit, ring 3, on page
 *    tables and a stack Xen built, VIRT_BASE 0 so that virtual addresses
 *    equal the ELF's physical ones; Xen fills the hypercall page named by
 *    XEN_ELFNOTE_HYPERCALL_PAGE. It prints through console_io, asks for
 *    I/O privilege (PHYSDEVOP_set_iopl 1, so that Xen emulates the port
 *    write below for dom0) and powers off like the PVH path; should that
 *    return, SCHEDOP_shutdown(poweroff).
 *
 * The PVH path:
 * It prints one line, FLOOR-READY:
 *  - under Xen (CPUID leaves 0x40000000 + n*0x100 carry "XenVMMXenVMM"),
 *    through the console_io hypercall, the way a dom0 kernel's console
 *    reaches Xen's serial line (Xen keeps COM1 for itself and prints port
 *    0xe9 only with guest_loglvl=all). The hypercall page is installed by
 *    writing its address to the MSR that CPUID leaf base+2 names; the
 *    32-bit HVM hypercall ABI passes arguments in %ebx, %ecx, %edx;
 *  - otherwise to COM1 (0x3f8; the line status register is polled a
 *    bounded number of times, so a port that reads back 0 cannot hang it)
 *    and to the debug port 0xe9 (dropped by QEMU without -debugcon).
 * Then it writes SLP_TYP=0|SLP_EN (0x2000) to PM1a_CNT at 0x604, the ACPI
 * S5 of QEMU's pc and q35 machines as SeaBIOS sets them up, which powers
 * QEMU off (a PVH dom0 may write it too). If that returns, it halts.
 *
 * Memory used: the image, one hypercall page and a 4 KiB stack after it
 * (the PV path uses Xen's stack).
 */

#define XEN_ELFNOTE_PHYS32_ENTRY	18
#define XEN_ELFNOTE_ENTRY		1
#define XEN_ELFNOTE_HYPERCALL_PAGE	2
#define XEN_ELFNOTE_VIRT_BASE		3
#define XEN_ELFNOTE_PADDR_OFFSET	4
#define XEN_ELFNOTE_XEN_VERSION		5
#define XEN_ELFNOTE_GUEST_OS		6
#define XEN_ELFNOTE_LOADER		8
#define HYPERVISOR_console_io		18
#define HYPERVISOR_sched_op		29
#define HYPERVISOR_physdev_op		33
#define CONSOLEIO_write			0
#define SCHEDOP_shutdown		2
#define PHYSDEVOP_set_iopl		6
#define XEN_CPUID_FIRST			0x40000000
#define XEN_CPUID_LAST			0x40010000
#define XEN_SIG_EBX			0x566e6558	/* "XenV" */
#define XEN_SIG_ECX			0x65584d4d	/* "MMXe" */
#define XEN_SIG_EDX			0x4d4d566e	/* "nVMM" */
#define COM1		0x3f8
#define LSR_THRE	0x20
#define DEBUG_PORT	0xe9
#define PM1A_CNT	0x604
#define S5_SLP_EN	0x2000

/* One Xen ELF note: name "Xen", type, descriptor (a value or a string). */
#define NOTE(type, dtype, desc)			\
	.section .note.Xen, "a", @note;		\
	.balign 4;				\
	.long	4;				\
	.long	3f - 2f;			\
	.long	type;				\
	.asciz	"Xen";				\
	.balign 4;				\
2:	dtype	desc;				\
3:	.balign 4;				\
	.previous

	NOTE(XEN_ELFNOTE_PHYS32_ENTRY, .long, floor_start)
	NOTE(XEN_ELFNOTE_ENTRY, .quad, floor_pv_start)
	NOTE(XEN_ELFNOTE_HYPERCALL_PAGE, .quad, hypercall_page)
	NOTE(XEN_ELFNOTE_VIRT_BASE, .quad, 0)
	NOTE(XEN_ELFNOTE_PADDR_OFFSET, .quad, 0)
	NOTE(XEN_ELFNOTE_XEN_VERSION, .asciz, "xen-3.0")
	NOTE(XEN_ELFNOTE_GUEST_OS, .asciz, "tern-bench-floor")
	NOTE(XEN_ELFNOTE_LOADER, .asciz, "generic")

	.section .rodata, "a"
msg:
	.ascii	"FLOOR-READY\r\n"
msg_end:
	.balign 4
iopl_arg:
	.long	1			/* struct physdev_set_iopl */
shutdown_arg:
	.long	0			/* struct sched_shutdown: poweroff */

	.section .bss, "aw", @nobits
	.balign	4096
hypercall_page:
	.skip	4096
stack:
	.skip	4096
stack_top:

	.text
	.code32
	.globl	floor_start
floor_start:
	cli
	cld
	movl	$stack_top, %esp

	/* Under Xen? Scan the hypervisor CPUID leaves for Xen's signature. */
	movl	$XEN_CPUID_FIRST, %esi
1:	movl	%esi, %eax
	cpuid
	cmpl	$XEN_SIG_EBX, %ebx
	jne	2f
	cmpl	$XEN_SIG_ECX, %ecx
	jne	2f
	cmpl	$XEN_SIG_EDX, %edx
	jne	2f
	subl	%esi, %eax		/* highest leaf - base: need >= 2 */
	cmpl	$2, %eax
	jae	xen
2:	addl	$0x100, %esi
	cmpl	$XEN_CPUID_LAST, %esi
	jb	1b

	/* Native: COM1 and port 0xe9, byte by byte. */
	movl	$msg, %esi
	movl	$(msg_end - msg), %ecx
3:	movl	$100000, %edi
4:	movw	$(COM1 + 5), %dx
	inb	%dx, %al
	testb	$LSR_THRE, %al
	jnz	5f
	decl	%edi
	jnz	4b
5:	lodsb
	movw	$COM1, %dx
	outb	%al, %dx
	outb	%al, $DEBUG_PORT
	loop	3b
	jmp	poweroff

xen:
	leal	2(%esi), %eax		/* leaf base+2: %ebx = MSR index */
	cpuid
	movl	%ebx, %ecx
	movl	$hypercall_page, %eax
	xorl	%edx, %edx
	wrmsr
	movl	$CONSOLEIO_write, %ebx
	movl	$(msg_end - msg), %ecx
	movl	$msg, %edx
	call	hypercall_page + HYPERVISOR_console_io * 32

poweroff:
	movw	$PM1A_CNT, %dx
	movw	$S5_SLP_EN, %ax
	outw	%ax, %dx
6:	hlt
	jmp	6b

	.code64
	.globl	floor_pv_start
floor_pv_start:
	movl	$CONSOLEIO_write, %edi
	movl	$(msg_end - msg), %esi
	leaq	msg(%rip), %rdx
	call	hypercall_page + HYPERVISOR_console_io * 32
	movl	$PHYSDEVOP_set_iopl, %edi
	leaq	iopl_arg(%rip), %rsi
	call	hypercall_page + HYPERVISOR_physdev_op * 32
	movw	$PM1A_CNT, %dx
	movw	$S5_SLP_EN, %ax
	outw	%ax, %dx
7:	movl	$SCHEDOP_shutdown, %edi
	leaq	shutdown_arg(%rip), %rsi
	call	hypercall_page + HYPERVISOR_sched_op * 32
	jmp	7b

	.section .note.GNU-stack, "", @progbits
