/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Per-CPU state and the smp pv-ops group (arch/x86/kernel/smp.c).
 *
 * Every CPU has one struct cpu_data; its GS base points at it (set once
 * per CPU with pv_ops.cpu.wrmsr(MSR_GS_BASE), which Xen emulates for a
 * PV guest), so this_cpu() is one load (%gs:0, the self pointer). CPU 0
 * sets it at its entry, before any pv-op that needs per-CPU state
 * (Xen PV's interrupt flag lives in this CPU's vcpu_info).
 *
 * Bringing a CPU up (smp_init(), on CPU 0, after the ready line):
 *   1. generic code fills cpu_data[cpu] (cpu, hw_id, stack_top, the
 *      kernel's cr3) and calls pv_ops.smp.cpu_up(c);
 *   2. the role's cpu_up starts the CPU so that it runs
 *      secondary_start(c) in 64-bit mode on the kernel's page tables,
 *      with %rsp = c->stack_top, interrupts off and GS not yet set;
 *      native: INIT-SIPI-SIPI to the MADT's LAPIC id through a
 *      real-mode trampoline; Xen PV: VCPUOP_initialise with a
 *      vcpu_guest_context, VCPUOP_up; Xen PVH: VCPUOP_initialise with a
 *      vcpu_hvm_context, VCPUOP_up;
 *   3. secondary_start sets GS, calls pv_ops.smp.cpu_init(c) (the
 *      role's per-CPU set-up: descriptor tables and LAPIC natively,
 *      vcpu_info and the callbacks under Xen), marks itself online and
 *      enters the idle loop, where it runs cross-CPU calls.
 *   cpu_up returns once the CPU is online, or an error when it did not
 *   answer within a bounded time (the CPU is reported and left out).
 *
 * IPIs: pv_ops.smp.send_ipi(cpu, IPI_x): the LAPIC natively, an event
 * channel bound with EVTCHNOP_bind_ipi under Xen; either way it arrives
 * as an IRQ whose handler calls smp_ipi_handler(IPI_x).
 */
#ifndef _ASM_SMP_H
#define _ASM_SMP_H

#include <tern/types.h>

#define NR_CPUS		64
#define MSR_GS_BASE	0xc0000101

enum ipi_kind {
	IPI_CALL,		/* run the cross-CPU calls queued for it */
	IPI_PING,		/* tests: count and answer nothing */
	IPI_WAKE,		/* end a halt: the CPU's waiter has news */
	NR_IPIS,
};

struct vcpu_info;

struct cpu_data {
	struct cpu_data *self;		/* %gs:0 */
	unsigned int cpu;		/* logical number, 0 = the boot CPU */
	u32 hw_id;			/* LAPIC id natively, vCPU id on Xen */
	u32 apic_id;			/* its local APIC's id (interrupt
					 * destination), where it has one */
	bool present;			/* the platform lists it */
	bool online;			/* it runs Tern code */
	u64 stack_top;			/* its kernel stack */
	u64 cr3;			/* the kernel's page tables */
	struct vcpu_info *vcpu_info;	/* Xen: this vCPU's */
	/* the lock a Xen vCPU waits for (paravirtual spinlocks) */
	const void *lock_wait;
	u64 ipis[NR_IPIS];		/* IPIs received, per kind */
	u64 calls;			/* cross-CPU calls run */
	u64 irqs;			/* interrupts taken */
	void *arch;			/* the role's per-CPU data */
};

extern struct cpu_data cpu_data[NR_CPUS];
extern unsigned int nr_cpus_present;

static inline struct cpu_data *this_cpu(void)
{
	struct cpu_data *c;

	__asm__ __volatile__("movq %%gs:0, %0" : "=r"(c));
	return c;
}

struct pv_smp_ops {
	/* CPU 0: start c->cpu; 0 once it is online, else a negative errno */
	int (*cpu_up)(struct cpu_data *c);
	/* on the new CPU, GS set, interrupts off: the role's per-CPU set-up */
	void (*cpu_init)(struct cpu_data *c);
	/* send ipi to one CPU (online, not necessarily another) */
	void (*send_ipi)(unsigned int cpu, enum ipi_kind ipi);
	/*
	 * A CPU that spins waiting for another gives its physical CPU away
	 * for a moment (Xen: SCHEDOP_yield; a vCPU may share one with the
	 * vCPU it waits for). NULL natively: a CPU is a CPU.
	 */
	void (*yield)(void);
};

/* Spin-wait step: pause, and every so often pv_ops.smp.yield. */
void smp_wait_relax(unsigned int *spins);

/* Point GS at cpu_data[cpu] on the calling CPU (entry, secondary_start). */
void percpu_set(unsigned int cpu);
/* The C entry of a secondary CPU (never returns). */
void secondary_start(struct cpu_data *c) __attribute__((noreturn));
/* An IPI of this kind arrived (any role's IPI handler calls this). */
void smp_ipi_handler(enum ipi_kind ipi);

#endif
