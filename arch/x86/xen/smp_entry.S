/* SPDX-License-Identifier: GPL-2.0 */
/*
 * First instructions of a secondary Xen vCPU (smp_pv.c, smp_pvh.c).
 *
 * Both roles start the vCPU with %rdi = its struct cpu_data and %rsp =
 * cpu_data.stack_top (page aligned), interrupts/events off, GS not set.
 * The entries only make the stack look like a call (so secondary_start
 * sees the ABI's alignment: %rsp + 8 a multiple of 16 at its first
 * instruction), clear the frame pointer for backtraces and call
 * secondary_start(%rdi), which never returns.
 *
 * PVH: VCPU_HVM_MODE_64B gives flat 64-bit segments but no GDT (the
 * selectors mean nothing and an iretq would fault), so the entry loads
 * xen_ap_gdt, which has the kernel's selectors (0x08 code, 0x10 data,
 * as head_64.S and desc.c), and reloads CS with a far return. The
 * CPU's own GDT, TSS and IDT come later, in xen_pvh_cpu_init().
 * PV: Xen's flat GDT and the selectors of the vcpu_guest_context are
 * already right.
 */

	.text
	.globl	xen_pv_secondary_entry
xen_pv_secondary_entry:
	xorl	%ebp, %ebp
	call	secondary_start
	ud2

	.globl	xen_pvh_secondary_entry
xen_pvh_secondary_entry:
	lgdt	xen_ap_gdt_desc(%rip)
	movl	$0x10, %eax
	movl	%eax, %ds
	movl	%eax, %es
	movl	%eax, %ss
	xorl	%eax, %eax
	movl	%eax, %fs
	movl	%eax, %gs
	pushq	$0x08
	leaq	1f(%rip), %rax
	pushq	%rax
	lretq
1:	xorl	%ebp, %ebp
	call	secondary_start
	ud2

	/* writable: the CPU sets the accessed bits as it loads them */
	.data
	.balign	16
xen_ap_gdt:
	.quad	0
	.quad	0x00af9b000000ffff	/* 0x08: 64-bit kernel code */
	.quad	0x00cf93000000ffff	/* 0x10: kernel data */
xen_ap_gdt_end:
	.balign	8
xen_ap_gdt_desc:
	.word	xen_ap_gdt_end - xen_ap_gdt - 1
	.quad	xen_ap_gdt
