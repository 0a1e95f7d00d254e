/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Native SMP bring-up (arch/x86/kernel/smpboot.c): the native pv_ops.smp
 * group and the MADT numbering the native platform does at boot.
 */
#ifndef _ASM_SMPBOOT_H
#define _ASM_SMPBOOT_H

#include <asm/smp.h>

/*
 * Number the CPUs from the MADT (cpu_data[].hw_id, .present): the boot
 * CPU is 0. Returns how many there are (1 without a usable MADT).
 */
unsigned int native_smp_prepare(void);

int native_cpu_up(struct cpu_data *c);
void native_cpu_init(struct cpu_data *c);
void native_send_ipi(unsigned int cpu, enum ipi_kind ipi);

#endif
