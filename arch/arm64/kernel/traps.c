// SPDX-License-Identifier: GPL-2.0
/*
 * arm64 exceptions: the C side of entry.S's vectors. Only exceptions
 * from EL1 on SP_EL1 are expected (Tern runs at EL1 with SP_EL1 and has
 * no EL0); an interrupt goes to the GIC driver's handler; anything else
 * prints the syndrome (ESR, its class, ELR, FAR, SPSR) and panics
 * through panic(), which ends the machine the usual way.
 *
 * The exceptions suite (traps_test.c) arms trap_expect for one exception
 * class; the next synchronous exception of that class is recorded and
 * skipped (every A64 instruction is 4 bytes) instead of panicking.
 */
#include <tern/kernel.h>
#include <tern/printk.h>
#include <asm/smp.h>
#include <asm/sysreg.h>
#include <asm/traps.h>

struct trap_expect trap_expect;
void (*arm64_irq_handler)(struct pt_regs *regs);

static const char *const vector_names[16] = {
	"sync (EL1, SP_EL0)", "irq (EL1, SP_EL0)", "fiq (EL1, SP_EL0)",
	"serror (EL1, SP_EL0)", "sync", "irq", "fiq", "serror",
	"sync (EL0 AArch64)", "irq (EL0 AArch64)", "fiq (EL0 AArch64)",
	"serror (EL0 AArch64)", "sync (EL0 AArch32)", "irq (EL0 AArch32)",
	"fiq (EL0 AArch32)", "serror (EL0 AArch32)",
};

static const char *ec_name(unsigned int ec)
{
	switch (ec) {
	case ESR_EC_UNKNOWN:
		return "unknown/undefined instruction";
	case ESR_EC_SVC64:
		return "svc";
	case ESR_EC_IABT_CUR:
		return "instruction abort";
	case ESR_EC_DABT_CUR:
		return "data abort";
	case ESR_EC_SP_ALIGN:
		return "sp alignment";
	case ESR_EC_BRK64:
		return "brk";
	default:
		return "other";
	}
}

void arm64_exception(struct pt_regs *regs, unsigned int vector)
{
	unsigned int ec = esr_ec(regs->esr);

	if (vector == 4 + VEC_SYNC && trap_expect.armed &&
	    trap_expect.ec == ec) {
		trap_expect.armed = false;
		trap_expect.taken++;
		trap_expect.esr = regs->esr;
		trap_expect.elr = regs->elr;
		trap_expect.far = regs->far;
		regs->elr += 4;
		return;
	}
	if (vector == 4 + VEC_IRQ && arm64_irq_handler) {
		this_cpu()->irqs++;
		arm64_irq_handler(regs);
		return;
	}
	pr_err("arm64: exception %s: ESR 0x%llx (EC 0x%x %s, ISS 0x%llx)\n",
	       vector_names[vector & 15], regs->esr, ec, ec_name(ec),
	       regs->esr & ESR_ISS_MASK);
	pr_err("arm64: ELR 0x%llx FAR 0x%llx SPSR 0x%llx SP 0x%llx LR 0x%llx\n",
	       regs->elr, regs->far, regs->spsr, regs->sp, regs->x[30]);
	panic("unexpected exception: %s, EC 0x%x at 0x%llx",
	      vector_names[vector & 15], ec, regs->elr);
}
