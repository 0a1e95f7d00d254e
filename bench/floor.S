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
 *  - PVH (XEN_ELFNOTE_PHYS32_ENTRY, QEMU's -kernel, a Xen PVH dom0 or
 *    domU): 32-bit protected mode, paging off, flat segments, no stack,
 *    %ebx = the physical address of struct hvm_start_info;
 *  - Xen PV (XEN_ELFNOTE_ENTRY, a Xen PV dom0 or domU): 64-bit, ring 3, on
 *    page tables and a stack Xen (or the toolstack) built, %rsi = the
 *    virtual address of struct start_info, VIRT_BASE 0 so that virtual
 *    addresses equal pseudo-physical ones; Xen fills the hypercall page
 *    named by XEN_ELFNOTE_HYPERCALL_PAGE.
 *
 * Each prints one line, FLOOR-READY, and powers off:
 *  - natively (no Xen signature in the CPUID leaves 0x40000000 +
 *    n*0x100): to COM1 (0x3f8; the line status register is polled a
 *    bounded number of times, so a port that reads back 0 cannot hang it)
 *    and to the debug port 0xe9 (dropped by QEMU without -debugcon);
 *  - as dom0 (SIF_INITDOMAIN in the start info's flags): through the
 *    console_io hypercall, the way a dom0 kernel's console reaches Xen's
 *    serial line (Xen keeps COM1 for itself and prints port 0xe9 only with
 *    guest_loglvl=all);
 *  - as domU (a release Xen refuses console_io to a domU): into the
 *    console ring that xenconsoled in dom0 reads (struct xencons_interface,
 *    /usr/include/xen/io/console.h), then EVTCHNOP_send on the console's
 *    event channel. A PVH domU finds the ring's frame and port with
 *    HVMOP_get_param (HVM_PARAM_CONSOLE_PFN, _EVTCHN) and reaches the page
 *    at its guest-physical address (paging is off); a PV domU has the
 *    machine frame and the port in start_info->console.domU, turns the
 *    frame into a pseudo-physical one with Xen's read-only M2P table and
 *    reaches the page in the toolstack's bootstrap mapping, at that
 *    pseudo-physical address (VIRT_BASE 0). It then yields until
 *    xenconsoled has consumed the line (a bounded number of times), so that
 *    the shutdown cannot overtake the console.
 * Power-off: the PVH path writes SLP_TYP=0|SLP_EN (0x2000) to PM1a_CNT at
 * 0x604, the ACPI S5 of QEMU's pc and q35 machines as SeaBIOS sets them up,
 * which powers QEMU off (a PVH dom0 may write it too); the PV dom0 path
 * first asks for I/O privilege (PHYSDEVOP_set_iopl 1) so that Xen emulates
 * that port write. A domU, and any path whose port write returned, calls
 * SCHEDOP_shutdown(poweroff) (natively: halts).
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
#define HYPERVISOR_event_channel_op	32
#define HYPERVISOR_physdev_op		33
#define HYPERVISOR_hvm_op		34
#define CONSOLEIO_write			0
#define SCHEDOP_yield			0
#define SCHEDOP_shutdown		2
#define EVTCHNOP_send			4
#define HVMOP_get_param			1
#define HVM_PARAM_CONSOLE_PFN		17
#define HVM_PARAM_CONSOLE_EVTCHN	18
#define DOMID_SELF			0x7ff0
#define PHYSDEVOP_set_iopl		6
#define XEN_CPUID_FIRST			0x40000000
#define XEN_CPUID_LAST			0x40010000
#define XEN_SIG_EBX			0x566e6558	/* "XenV" */
#define XEN_SIG_ECX			0x65584d4d	/* "MMXe" */
#define XEN_SIG_EDX			0x4d4d566e	/* "nVMM" */
/* struct hvm_start_info (PVH) and struct start_info (PV): offsets */
#define HVM_SI_FLAGS		8
#define PV_SI_FLAGS		48
#define PV_SI_CONS_MFN		72
#define PV_SI_CONS_EVTCHN	80
#define SIF_INITDOMAIN		2
/* Xen's read-only machine-to-phys table in a 64-bit PV guest */
#define M2P_VIRT		0xffff800000000000
/* struct xencons_interface: in[1024], out[2048], then the indexes */
#define CONS_OUT		1024
#define CONS_OUT_MASK		2047
#define CONS_OUT_CONS		3080
#define CONS_OUT_PROD		3084
#define CONS_WAIT		100000	/* yields until xenconsoled has read */
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

/*
 * CONS_WRITE p: append the message to the output ring of the
 * xencons_interface at %ebp (p = e, 32-bit code) or %rbp (p = r, 64-bit
 * code), then publish it by moving out_prod. The ring is fresh (the
 * toolstack zeroed it) and the message far shorter than its 2048 bytes,
 * so there is no wait for room. Clobbers %eax, %ecx, %edx, %esi.
 */
.macro CONS_WRITE p
	movl	CONS_OUT_PROD(%\p\()bp), %edx	/* %edx = producer index */
	xorl	%ecx, %ecx			/* %ecx = byte of the message */
1:	movb	msg(%\p\()cx), %al
	movl	%edx, %esi
	andl	$CONS_OUT_MASK, %esi		/* slot = MASK(prod) */
	movb	%al, CONS_OUT(%\p\()bp,%\p\()si)
	incl	%edx
	incl	%ecx
	cmpl	$(msg_end - msg), %ecx
	jb	1b
	sfence			/* the bytes before the index (wmb) */
	movl	%edx, CONS_OUT_PROD(%\p\()bp)
.endm

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
	movl	%ebx, %ebp		/* struct hvm_start_info (physical) */
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
	/*
	 * The 32-bit HVM hypercall ABI: arguments in %ebx, %ecx, %edx, %esi,
	 * %edi, result in %eax; only %ebp and %esp survive for certain.
	 */
	testl	$SIF_INITDOMAIN, HVM_SI_FLAGS(%ebp)
	jz	pvh_domu
	movl	$CONSOLEIO_write, %ebx
	movl	$(msg_end - msg), %ecx
	movl	$msg, %edx
	call	hypercall_page + HYPERVISOR_console_io * 32

poweroff:
	movw	$PM1A_CNT, %dx
	movw	$S5_SLP_EN, %ax
	outw	%ax, %dx
	/* Still running: under Xen, ask it to end the domain; else halt. */
	cmpl	$0, hypercall_page	/* Xen filled the page: not zero */
	je	6f
8:	movl	$SCHEDOP_shutdown, %ebx
	movl	$shutdown_arg, %ecx
	call	hypercall_page + HYPERVISOR_sched_op * 32
	jmp	8b
6:	hlt
	jmp	6b

pvh_domu:
	/* struct xen_hvm_param on the stack: domid, index, value at 0/4/8 */
	subl	$16, %esp
	movl	$DOMID_SELF, (%esp)
	movl	$HVM_PARAM_CONSOLE_PFN, 4(%esp)
	movl	$HVMOP_get_param, %ebx
	movl	%esp, %ecx
	call	hypercall_page + HYPERVISOR_hvm_op * 32
	testl	%eax, %eax
	jnz	poweroff		/* no console: nothing to print on */
	cmpl	$0, 12(%esp)		/* paging is off: below 4 GiB only */
	jne	poweroff
	movl	8(%esp), %ebp
	cmpl	$0x100000, %ebp
	jae	poweroff
	shll	$12, %ebp		/* %ebp = the ring, guest-physical */
	movl	$HVM_PARAM_CONSOLE_EVTCHN, 4(%esp)
	movl	$HVMOP_get_param, %ebx
	movl	%esp, %ecx
	call	hypercall_page + HYPERVISOR_hvm_op * 32
	testl	%eax, %eax
	jnz	poweroff
	CONS_WRITE e
	/* struct evtchn_send { port }: the low half of the value field */
	movl	$EVTCHNOP_send, %ebx
	leal	8(%esp), %ecx
	call	hypercall_page + HYPERVISOR_event_channel_op * 32
	/* Wait (bounded) until xenconsoled has taken the line. */
	movl	$CONS_WAIT, (%esp)
9:	movl	CONS_OUT_CONS(%ebp), %eax
	cmpl	CONS_OUT_PROD(%ebp), %eax
	je	poweroff
	movl	$SCHEDOP_yield, %ebx
	xorl	%ecx, %ecx
	call	hypercall_page + HYPERVISOR_sched_op * 32
	decl	(%esp)
	jnz	9b
	jmp	poweroff

	.code64
	.globl	floor_pv_start
floor_pv_start:
	/*
	 * The 64-bit PV hypercall ABI: arguments in %rdi, %rsi, %rdx, %r10,
	 * %r8, result in %rax; %rbx, %rbp and %r12-%r15 survive.
	 */
	testb	$SIF_INITDOMAIN, PV_SI_FLAGS(%rsi)
	jz	pv_domu
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
pv_shutdown:
	movl	$SCHEDOP_shutdown, %edi
	leaq	shutdown_arg(%rip), %rsi
	call	hypercall_page + HYPERVISOR_sched_op * 32
	jmp	pv_shutdown

pv_domu:
	movl	PV_SI_CONS_EVTCHN(%rsi), %eax
	pushq	%rax			/* struct evtchn_send, at (%rsp) */
	movq	PV_SI_CONS_MFN(%rsi), %rax
	movabsq	$M2P_VIRT, %rdx
	movq	(%rdx,%rax,8), %rbp	/* machine frame -> pseudo-physical */
	shlq	$12, %rbp		/* %rbp = the ring (VIRT_BASE 0) */
	CONS_WRITE r
	movl	$EVTCHNOP_send, %edi
	movq	%rsp, %rsi
	call	hypercall_page + HYPERVISOR_event_channel_op * 32
	/* Wait (bounded) until xenconsoled has taken the line. */
	movl	$CONS_WAIT, %ebx
10:	movl	CONS_OUT_CONS(%rbp), %eax
	cmpl	CONS_OUT_PROD(%rbp), %eax
	je	pv_shutdown
	movl	$SCHEDOP_yield, %edi
	xorl	%esi, %esi
	call	hypercall_page + HYPERVISOR_sched_op * 32
	decl	%ebx
	jnz	10b
	jmp	pv_shutdown

	.section .note.GNU-stack, "", @progbits
