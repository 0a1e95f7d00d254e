// SPDX-License-Identifier: GPL-2.0
/*
 * Suite smp_ipi: the generic cross-CPU API on every online CPU, whatever
 * the role brought them up with (native INIT-SIPI-SIPI + LAPIC IPIs, or
 * Xen's VCPUOP_up + event channels): a call runs on the CPU it names, a
 * call on every CPU reaches all of them, and an IPI_PING to each CPU is
 * counted there. Skipped with fewer than two CPUs online.
 */
#include <tern/ktest.h>
#include <tern/smp.h>
#include <tern/timer.h>
#include <asm/pv_ops.h>
#include <asm/smp.h>

#define PING_TIMEOUT_MS	1000

static int smp_ipi_init(const char **reason)
{
	if (num_online_cpus() < 2) {
		*reason = "fewer than 2 CPUs online";
		return -ENODEV;
	}
	return 0;
}

static void record_cpu(void *arg)
{
	WRITE_ONCE(*(unsigned int *)arg, smp_processor_id());
}

static void call_runs_on_each_cpu(struct ktest *t)
{
	unsigned int cpu, ran, n = 0;

	for (cpu = 0; cpu < NR_CPUS; cpu++) {
		if (!cpu_online(cpu))
			continue;
		ran = ~0u;
		KTEST_EXPECT_EQ(t, smp_call_function_single(cpu, record_cpu,
							    &ran), 0);
		KTEST_EXPECT_EQ(t, ran, cpu);
		n++;
	}
	KTEST_EXPECT_EQ(t, n, num_online_cpus());
	ktest_log(t, "calls ran on %u CPUs", n);
}

static void call_to_offline_cpu_fails(struct ktest *t)
{
	unsigned int ran = ~0u;

	KTEST_EXPECT_EQ(t, smp_call_function_single(NR_CPUS, record_cpu,
						    &ran), -ENODEV);
	KTEST_EXPECT_EQ(t, ran, ~0u);
}

static void mark_cpu(void *arg)
{
	__atomic_fetch_or((u64 *)arg, 1ULL << smp_processor_id(),
			  __ATOMIC_RELAXED);
}

static void on_each_cpu_reaches_all(struct ktest *t)
{
	u64 seen = 0, want = 0;
	unsigned int cpu;

	for (cpu = 0; cpu < NR_CPUS && cpu < 64; cpu++)
		if (cpu_online(cpu))
			want |= 1ULL << cpu;
	KTEST_EXPECT_EQ(t, on_each_cpu(mark_cpu, &seen), 0);
	KTEST_EXPECT_EQ(t, __atomic_load_n(&seen, __ATOMIC_RELAXED), want);
}

static void ping_each_cpu(struct ktest *t)
{
	unsigned int cpu;
	u64 before, end;
	u64 *count;

	for (cpu = 0; cpu < NR_CPUS; cpu++) {
		if (!cpu_online(cpu))
			continue;
		count = &cpu_data[cpu].ipis[IPI_PING];
		before = __atomic_load_n(count, __ATOMIC_RELAXED);
		pv_ops.smp.send_ipi(cpu, IPI_PING);
		end = ktime_ns() + PING_TIMEOUT_MS * NSEC_PER_MSEC;
		while (__atomic_load_n(count, __ATOMIC_RELAXED) == before &&
		       ktime_ns() < end)
			cpu_relax();
		if (__atomic_load_n(count, __ATOMIC_RELAXED) == before)
			ktest_fail(t, __FILE__, __LINE__,
				   "CPU %u did not count IPI_PING in %u ms",
				   cpu, PING_TIMEOUT_MS);
	}
}

static const struct ktest_case smp_ipi_cases[] = {
	KTEST_CASE(call_runs_on_each_cpu),
	KTEST_CASE(call_to_offline_cpu_fails),
	KTEST_CASE(on_each_cpu_reaches_all),
	KTEST_CASE(ping_each_cpu),
};

static const struct ktest_suite smp_ipi_suite = {
	.name = "smp_ipi",
	.cases = smp_ipi_cases,
	.ncases = ARRAY_SIZE(smp_ipi_cases),
	.init = smp_ipi_init,
};
KTEST_SUITE(smp_ipi_suite);
