/* SPDX-License-Identifier: GPL-2.0 */
/*
 * arm64 CPU primitives generic code may use: the interrupt mask (DAIF.I;
 * the same natively and under Xen on Arm, so it is no pv-op), halting,
 * the spin-wait hint and the boot timeline's cycle counter.
 */
#ifndef _ASM_PROCESSOR_H
#define _ASM_PROCESSOR_H

#include <tern/types.h>
#include <asm/sysreg.h>

#define DAIF_I		(1UL << 7)

static inline unsigned long native_save_fl(void)
{
	return read_sysreg(daif);
}

static inline void native_restore_fl(unsigned long f)
{
	write_sysreg(f, daif);
}

static inline void native_irq_disable(void)
{
	__asm__ __volatile__("msr daifset, #2" : : : "memory");
}

static inline void native_irq_enable(void)
{
	__asm__ __volatile__("msr daifclr, #2" : : : "memory");
}

static inline void cpu_relax(void)
{
	__asm__ __volatile__("yield" : : : "memory");
}

/*
 * The cycle counter kernel/boot_trace.c reads (it keeps x86's name for
 * it): the virtual counter CNTVCT_EL0, after an isb so that it is not
 * read ahead of the code before it.
 */
static inline u64 native_rdtsc(void)
{
	isb();
	return read_sysreg(cntvct_el0);
}

#endif
