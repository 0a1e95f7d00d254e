/* SPDX-License-Identifier: GPL-2.0 */
/*
 * arm64 exceptions (arch/arm64/kernel/entry.S, traps.c). Every vector
 * saves the interrupted context as a struct pt_regs on the stack and
 * calls arm64_exception(); what returns from it resumes at regs->elr.
 */
#ifndef _ASM_TRAPS_H
#define _ASM_TRAPS_H

#define PT_ELR		256
#define PT_SPSR		264
#define PT_ESR		272
#define PT_FAR		280
#define PT_SIZE		288

/* The vector kinds (the low two bits: sync, irq, fiq, serror) */
#define VEC_SYNC	0
#define VEC_IRQ		1
#define VEC_FIQ		2
#define VEC_SERROR	3

#ifndef __ASSEMBLY__
#include <tern/types.h>

struct pt_regs {
	u64 x[31];
	u64 sp;
	u64 elr;
	u64 spsr;
	u64 esr;
	u64 far;
};

_Static_assert(sizeof(struct pt_regs) == PT_SIZE, "pt_regs and entry.S");

/* vector: 0..15, its index in the table (4 groups of sync/irq/fiq/serror) */
void arm64_exception(struct pt_regs *regs, unsigned int vector);

/*
 * A test hook for synchronous exceptions: while armed with an EC, the
 * next synchronous exception of that class is recorded here (ESR, ELR,
 * FAR), the hook disarms itself and execution resumes at the next
 * instruction instead of panicking. For the exceptions suite only.
 */
struct trap_expect {
	bool armed;
	unsigned int ec;
	unsigned int taken;
	u64 esr, elr, far;
};

extern struct trap_expect trap_expect;

/* Interrupts: the GIC driver's handler, if any (NULL: panic). */
extern void (*arm64_irq_handler)(struct pt_regs *regs);
#endif

#endif
