/* SPDX-License-Identifier: GPL-2.0 */
/*
 * arm64 runs on one CPU for now (Documentation/arm64.md): the boot CPU
 * is CPU 0 and no other is started, so there is no per-CPU register to
 * set up and no IPI. arch/arm64/kernel/smp.c implements tern/smp.h for
 * that one CPU.
 */
#ifndef _ASM_SMP_H
#define _ASM_SMP_H

#include <tern/types.h>

struct vcpu_info;

#define NR_CPUS		1

/*
 * The kinds of IPI, as x86 has them (generic tests count IPI_WAKE). No
 * IPI is ever sent on one CPU, so the counts stay 0.
 */
enum ipi_kind {
	IPI_WAKE,		/* end a halt: the CPU's waiter has news */
	NR_IPIS,
};

struct cpu_data {
	unsigned int cpu;
	u32 hw_id;			/* Xen: the vCPU id (0 for CPU 0) */
	struct vcpu_info *vcpu_info;	/* Xen: this vCPU's (xen/events.c) */
	u64 irqs;			/* interrupts taken */
	u64 ipis[NR_IPIS];		/* IPIs received, per kind: none */
};

extern struct cpu_data cpu_data[NR_CPUS];

static inline struct cpu_data *this_cpu(void)
{
	return &cpu_data[0];
}

#endif
