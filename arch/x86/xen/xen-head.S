/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Xen PV entry (XEN_ELFNOTE_ENTRY) and the hypercall page.
 *
 * Xen's PV domain builder starts the first vCPU in 64-bit mode, on its
 * own bootstrap page tables (the image at VIRT_BASE + p_paddr, then the
 * P2M list, start_info and the bootstrap tables, all mapped with 4 KiB
 * pages), with %rsi = the virtual address of start_info and events
 * masked. .bss is already zeroed by the ELF loader. We record the TSC
 * for ktime 0, move to the kernel's boot stack and call
 * xen_pv_start(start_info), which never returns.
 *
 * hypercall_page (XEN_ELFNOTE_HYPERCALL_PAGE) is filled by Xen with one
 * 32-byte stub per hypercall: "mov $nr, %eax; syscall; ret". The iret
 * stub is different: it is jumped to with the iret frame on the stack.
 */
#include <xen/xen.h>

	.text
	.globl	xen_pv_entry
xen_pv_entry:
	cld
	rdtsc
	movl	%eax, boot_tsc(%rip)
	movl	%edx, boot_tsc + 4(%rip)
	leaq	boot_stack_top(%rip), %rsp
	xorl	%ebp, %ebp
	movq	%rsi, %rdi
	call	xen_pv_start
1:	ud2
	jmp	1b

/*
 * long xen_hypercall_page_call(op, a1, a2, a3, a4, a5): C passes them in
 * rdi, rsi, rdx, rcx, r8, r9; the stubs want a1..a5 in rdi, rsi, rdx,
 * r10, r8 and set %eax themselves. syscall clobbers rcx and r11, both
 * caller-saved in the C ABI.
 */
	.globl	xen_hypercall_page_call
xen_hypercall_page_call:
	movq	%rdi, %rax
	shlq	$5, %rax
	leaq	hypercall_page(%rip), %r11
	addq	%r11, %rax
	movq	%rsi, %rdi
	movq	%rdx, %rsi
	movq	%rcx, %rdx
	movq	%r8, %r10
	movq	%r9, %r8
	call	*%rax
	ret

	.balign	4096
	.globl	hypercall_page
hypercall_page:
	.rept	4096 / 32
	ud2
	.balign	32
	.endr
	.globl	xen_hypercall_iret
	.set	xen_hypercall_iret, hypercall_page + __HYPERVISOR_iret * 32
