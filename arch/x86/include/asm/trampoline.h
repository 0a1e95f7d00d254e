/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The native SMP trampoline (arch/x86/kernel/trampoline.S): real-mode
 * code that CPU 0 copies to a page below 1 MiB before it starts an AP
 * with INIT-SIPI-SIPI (arch/x86/kernel/smpboot.c).
 *
 * Layout of the copy: code from offset 0 (the SIPI vector is the page
 * number, the AP starts at CS = page << 8, IP = 0), then its own GDT
 * and far pointers (the AP fixes their linear addresses itself from
 * CS), then struct trampoline_params at TR_PARAMS, which CPU 0 fills
 * before each start. The AP reads the parameters; it writes only
 * `stage` (how far it got, for the log when it never comes online) and
 * the fix-ups, which are the same on every start.
 *
 * The offsets below are shared by the assembly and C (checked there
 * with static asserts).
 */
#ifndef _ASM_TRAMPOLINE_H
#define _ASM_TRAMPOLINE_H

#define TR_PML4		0	/* u32: the temporary PML4, phys < 4 GiB */
#define TR_CR0		4	/* u32: CR0 as on CPU 0 (PE, PG set) */
#define TR_EFER		8	/* u32: EFER bits to set (LME, NXE, SCE) */
#define TR_STAGE	12	/* u32: 1 real mode, 2 protected, 3 long */
#define TR_CR4		16	/* u64: CR4 as on CPU 0, loaded in long mode */
#define TR_CR3		24	/* u64: the kernel's page tables */
#define TR_STACK	32	/* u64: %rsp for the entry */
#define TR_ARG		40	/* u64: the entry's argument (cpu_data) */
#define TR_ENTRY	48	/* u64: the entry, never returns */
#define TR_PARAMS_SIZE	56

#define TR_CR4_PAE	0x20	/* what protected mode needs before paging */

#ifndef __ASSEMBLY__
#include <tern/types.h>

struct trampoline_params {
	u32 pml4;
	u32 cr0;
	u32 efer;
	u32 stage;
	u64 cr4;
	u64 cr3;
	u64 stack;
	u64 arg;
	u64 entry;
};

/* The image of the trampoline, copied as is. */
extern const char trampoline_start[], trampoline_end[];
/* Where struct trampoline_params lies in it. */
extern const char trampoline_params[];

/*
 * arch/x86/mm/trampoline_pgd.c: a PML4 below 4 GiB mapping the page at
 * ident_pa 1:1 (4 KiB, executable) and the kernel's upper half as
 * kernel_pgd does; its physical address, or 0 when no memory.
 * Built once; the upper half is copied again on every call.
 */
phys_addr_t trampoline_pgd(phys_addr_t ident_pa);
#endif

#endif
