// SPDX-License-Identifier: GPL-2.0
/*
 * tern/smp.h for one CPU: arm64 does not start secondary CPUs yet
 * (Documentation/arm64.md), so CPU 0 is the only one online, "another
 * CPU" never exists and a call on all CPUs is a call here.
 */
#include <tern/printk.h>
#include <tern/smp.h>
#include <asm/pv_ops.h>
#include <asm/smp.h>

struct cpu_data cpu_data[NR_CPUS];

unsigned int smp_processor_id(void)
{
	return 0;
}

bool cpu_online(unsigned int cpu)
{
	return cpu == 0;
}

unsigned int num_online_cpus(void)
{
	return 1;
}

bool smp_others_started(void)
{
	return false;
}

int smp_call_function_single(unsigned int cpu, void (*fn)(void *), void *arg)
{
	unsigned long flags;

	if (cpu != 0)
		return -ENODEV;
	flags = local_irq_save();
	fn(arg);
	local_irq_restore(flags);
	return 0;
}

int on_each_cpu(void (*fn)(void *), void *arg)
{
	return smp_call_function_single(0, fn, arg);
}

int smp_call_others(void (*fn)(void *), void *arg)
{
	return 0;
}

void smp_wake_cpu(unsigned int cpu)
{
}

void smp_init(void)
{
	pr_info("arm64: SMP not built yet: running on the boot CPU only\n");
}
