/* SPDX-License-Identifier: GPL-2.0 */
#ifndef _ASM_TRAPS_H
#define _ASM_TRAPS_H

#include <tern/types.h>

/* Saved by arch/x86/kernel/entry_64.S; order matches the pushes. */
struct pt_regs {
	u64 r15, r14, r13, r12, r11, r10, r9, r8;
	u64 rbp, rdi, rsi, rdx, rcx, rbx, rax;
	u64 vector, error_code;
	u64 rip, cs, rflags, rsp, ss;
};

#define X86_TRAP_DE	0
#define X86_TRAP_DB	1
#define X86_TRAP_NMI	2
#define X86_TRAP_BP	3
#define X86_TRAP_UD	6
#define X86_TRAP_DF	8
#define X86_TRAP_GP	13
#define X86_TRAP_PF	14

#define FIRST_EXTERNAL_VECTOR	0x20

/*
 * A hook may claim an exception (return true: resume at regs->rip).
 * Used by tests for #BP; faults in code with an exception-table entry
 * are fixed up before hooks run.
 */
typedef bool (*trap_hook_t)(struct pt_regs *regs);
void set_trap_hook(unsigned int vector, trap_hook_t hook);

/* Every entry lands here (arch/x86/kernel/traps.c); also Xen PV's. */
void do_trap(struct pt_regs *regs);
/* Vectors >= 0x20 land here (arch/x86/kernel/irq.c). */
void do_IRQ(struct pt_regs *regs);

void trap_init(void);
void dump_regs(const struct pt_regs *regs);

/*
 * Exception table: a faulting instruction at `insn` resumes at `fixup`.
 * probe_read_u64() reads a possibly unmapped address safely.
 */
struct extable_entry {
	s32 insn;	/* relative to the entry itself */
	s32 fixup;
};

int probe_read_u64(const void *addr, u64 *val);
int probe_write_u64(void *addr, u64 val);

/* Switch to the full GDT with a TSS (arch/x86/kernel/desc.c): CPU 0. */
void gdt_init(void);
/*
 * On CPU cpu (any role that runs the native descriptor ops: native,
 * PVH), interrupts off: load its own GDT and TSS, reload the segment
 * registers from it (not FS/GS) and load the shared IDT.
 */
void cpu_desc_init(unsigned int cpu);

#endif
