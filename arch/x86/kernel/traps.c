// SPDX-License-Identifier: GPL-2.0
/*
 * Exception handling. Order for a CPU exception: the exception table
 * (probe_read_u64 and friends resume at their fixup), then a registered
 * hook (tests), else a full report - vector, error code, RIP, CR2 and
 * all registers - and one panic line naming the exception.
 */
#include <tern/printk.h>
#include <asm/pv_ops.h>
#include <asm/traps.h>

static const char *const exc_names[32] = {
	"#DE divide error", "#DB debug", "NMI", "#BP breakpoint",
	"#OF overflow", "#BR bound range", "#UD invalid opcode",
	"#NM device not available", "#DF double fault",
	"coprocessor segment overrun", "#TS invalid TSS",
	"#NP segment not present", "#SS stack fault",
	"#GP general protection", "#PF page fault", "reserved 15",
	"#MF x87 error", "#AC alignment check", "#MC machine check",
	"#XM SIMD error", "#VE virtualization", "#CP control protection",
	"reserved 22", "reserved 23", "reserved 24", "reserved 25",
	"reserved 26", "reserved 27", "#HV hypervisor injection",
	"#VC VMM communication", "#SX security", "reserved 31",
};

static trap_hook_t trap_hooks[32];

extern const struct extable_entry __start_ex_table[], __stop_ex_table[];

void set_trap_hook(unsigned int vector, trap_hook_t hook)
{
	if (vector < 32)
		trap_hooks[vector] = hook;
}

static bool fixup_exception(struct pt_regs *regs)
{
	const struct extable_entry *e;

	for (e = __start_ex_table; e < __stop_ex_table; e++) {
		u64 insn = (u64)(uintptr_t)&e->insn + e->insn;

		if (insn == regs->rip) {
			regs->rip = (u64)(uintptr_t)&e->fixup + e->fixup;
			return true;
		}
	}
	return false;
}

/*
 * The access at label 1 faults -> resume at 2 with -EFAULT in err: a
 * fixup stub and an exception-table entry (relative offsets).
 */
#define PROBE_FIXUP(err)						\
	"2:\n"								\
	".pushsection .text.fixup, \"ax\"\n"				\
	"3:	movl $-14, " err "\n"					\
	"	jmp 2b\n"							\
	".popsection\n"							\
	".pushsection __ex_table, \"a\"\n"					\
	".balign 4\n"							\
	".long 1b - .\n"							\
	".long 3b - .\n"							\
	".popsection\n"

int probe_read_u64(const void *addr, u64 *val)
{
	int err = 0;
	u64 v = 0;

	__asm__ __volatile__("1:	movq (%2), %0\n"
			     PROBE_FIXUP("%1")
			     : "+r"(v), "+r"(err)
			     : "r"(addr)
			     : "memory");
	*val = v;
	return err;
}

int probe_write_u64(void *addr, u64 val)
{
	int err = 0;

	__asm__ __volatile__("1:	movq %2, (%1)\n"
			     PROBE_FIXUP("%0")
			     : "+r"(err)
			     : "r"(addr), "r"(val)
			     : "memory");
	return err;
}

void dump_regs(const struct pt_regs *r)
{
	printk(KERN_EMERG "RIP: %016llx CS: %04llx RFLAGS: %016llx\n",
	       r->rip, r->cs, r->rflags);
	printk(KERN_EMERG "RSP: %016llx SS: %04llx CR2: %016llx\n",
	       r->rsp, r->ss, pv_ops.cpu.read_cr2());
	printk(KERN_EMERG "RAX: %016llx RBX: %016llx RCX: %016llx\n",
	       r->rax, r->rbx, r->rcx);
	printk(KERN_EMERG "RDX: %016llx RSI: %016llx RDI: %016llx\n",
	       r->rdx, r->rsi, r->rdi);
	printk(KERN_EMERG "RBP: %016llx R08: %016llx R09: %016llx\n",
	       r->rbp, r->r8, r->r9);
	printk(KERN_EMERG "R10: %016llx R11: %016llx R12: %016llx\n",
	       r->r10, r->r11, r->r12);
	printk(KERN_EMERG "R13: %016llx R14: %016llx R15: %016llx\n",
	       r->r13, r->r14, r->r15);
}

void do_trap(struct pt_regs *regs)
{
	unsigned int v = regs->vector;

	if (v >= FIRST_EXTERNAL_VECTOR) {
		do_IRQ(regs);
		return;
	}
	if (fixup_exception(regs))
		return;
	if (trap_hooks[v] && trap_hooks[v](regs))
		return;

	printk(KERN_EMERG "exception %u (%s) error_code=%#llx rip=%#llx cr2=%#llx\n",
	       v, exc_names[v], regs->error_code, regs->rip,
	       pv_ops.cpu.read_cr2());
	dump_regs(regs);
	panic("unhandled exception %s at rip %#llx", exc_names[v], regs->rip);
}
