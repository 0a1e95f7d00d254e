// SPDX-License-Identifier: GPL-2.0
/*
 * smpbench: the SMP figures of `make bench` (scripts/bench). `smpbench`
 * on the command line runs, once the CPUs are up, and prints one line:
 *
 *   smpbench: cpus=N pvspin=0|1 lock_ns=X plain_ns=P raw_ns=Y ipi_rtt_ns=Z
 *             contended_ms=M rounds=R slow_waits=W kicks=K
 *
 * lock_ns: an uncontended spin_lock/spin_unlock pair on CPU 0 (Tern's
 * lock with whatever lock ops the role installed; the best of PASSES
 * passes); plain_ns: the same pair with the lock group emptied (plain
 * spinning), raw_ns: a bare test-and-set lock (the cheapest spinning
 * there is), both measured in the same boot, passes interleaved.
 * ipi_rtt_ns: the median over every other CPU and SAMPLES
 * calls of a cross-CPU call that does nothing (IPI there, completion seen
 * here). contended_ms: every CPU increments one counter under one lock,
 * ROUNDS times each (`smpbench=N`: N times), all at once, doing HOLD
 * steps of work while it holds the lock (the sum is checked: a wrong sum
 * prints err=1). `nopvspin` on the same command line measures plain
 * spinning.
 */
#include <tern/kernel.h>
#include <tern/printk.h>
#include <tern/smp.h>
#include <tern/spinlock.h>
#include <tern/timer.h>
#include <asm/pv_ops.h>
#include <asm/smp.h>

#define UNCONTENDED	200000	/* pairs per pass */
#define PASSES		7
#define HOLD		1000	/* steps of work under the lock */
#define SAMPLES		64
#define ROUNDS		5000	/* default per CPU; smpbench=N sets it */

static DEFINE_SPINLOCK(bench_lock);
static u32 raw_lock;
static u64 counter;

static void raw_acquire(u32 *l)
{
	while (__atomic_exchange_n(l, 1, __ATOMIC_ACQUIRE))
		cpu_relax();
}

static void raw_release(u32 *l)
{
	__atomic_store_n(l, 0, __ATOMIC_RELEASE);
}

static u64 time_pass(bool raw)
{
	u64 t0 = ktime_ns();
	unsigned int i;

	for (i = 0; i < UNCONTENDED; i++) {
		if (raw) {
			raw_acquire(&raw_lock);
			raw_release(&raw_lock);
		} else {
			spin_lock(&bench_lock);
			spin_unlock(&bench_lock);
		}
	}
	/* picoseconds per pair */
	return (ktime_ns() - t0) * 1000 / UNCONTENDED;
}

static void keep_best(u64 *best, u64 ps)
{
	if (ps < *best)
		*best = ps;
}

/*
 * The uncontended pairs, the best of PASSES passes each (picoseconds per
 * pair: a pass that a timer interrupt or the hypervisor interrupted only
 * measures the interruption), interleaved so that all three see the same
 * machine: Tern's lock with the role's lock ops, the same lock with the
 * lock group emptied (plain spinning, what `nopvspin` boots), and a bare
 * test-and-set. Emptying the group is safe here: the other CPUs are idle
 * and nothing contends.
 */
static void time_uncontended(u64 *lock_ps, u64 *plain_ps, u64 *raw_ps)
{
	struct pv_lock_ops ops = pv_ops.lock;
	unsigned int i;

	*lock_ps = *plain_ps = *raw_ps = ~0ULL;
	for (i = 0; i < PASSES; i++) {
		keep_best(lock_ps, time_pass(false));
		pv_ops.lock = (struct pv_lock_ops){ 0 };
		keep_best(plain_ps, time_pass(false));
		pv_ops.lock = ops;
		keep_best(raw_ps, time_pass(true));
	}
}

static void nothing(void *arg)
{
}

static u64 ipi_rtt_median(void)
{
	static u64 s[SAMPLES * NR_CPUS];
	unsigned int cpu, i, j, n = 0;

	for (cpu = 1; cpu < NR_CPUS; cpu++) {
		if (!cpu_online(cpu))
			continue;
		for (i = 0; i < SAMPLES; i++) {
			u64 t0 = ktime_ns();

			if (smp_call_function_single(cpu, nothing, NULL))
				return 0;
			s[n++] = ktime_ns() - t0;
		}
	}
	/* insertion sort: a few hundred samples */
	for (i = 1; i < n; i++) {
		u64 x = s[i];

		for (j = i; j > 0 && s[j - 1] > x; j--)
			s[j] = s[j - 1];
		s[j] = x;
	}
	return n ? s[n / 2] : 0;
}

static unsigned int rounds = ROUNDS;

/*
 * The critical section: some work (HOLD steps of arithmetic the compiler
 * cannot drop), so that a vCPU is often preempted while it holds the
 * lock, the case the paravirtual wait is for. Returns v + 1.
 */
static u64 hold(u64 v)
{
	u64 x = v;
	unsigned int k;

	for (k = 0; k < HOLD; k++)
		x = x * 6364136223846793005ULL + 1442695040888963407ULL;
	__asm__ __volatile__("" : : "r"(x));
	return v + 1;
}
static unsigned int arrived;

static void hammer(void *arg)
{
	unsigned int i, spins = 0, n = num_online_cpus();

	/* start together, or there is nothing to contend for */
	__atomic_fetch_add(&arrived, 1, __ATOMIC_ACQ_REL);
	while (__atomic_load_n(&arrived, __ATOMIC_ACQUIRE) < n)
		smp_wait_relax(&spins);

	for (i = 0; i < rounds; i++) {
		spin_lock(&bench_lock);
		WRITE_ONCE(counter, hold(READ_ONCE(counter)));
		spin_unlock(&bench_lock);
	}
}

void smpbench_run(unsigned int n_rounds)
{
	u64 lock_ns, plain_ns, raw_ns, rtt, t0, ms, waits0 = spin_slow_waits;
	u64 kicks0 = spin_kicks;
	unsigned int n = num_online_cpus();
	int err;

	if (n_rounds)
		rounds = n_rounds;
	time_uncontended(&lock_ns, &plain_ns, &raw_ns);
	rtt = ipi_rtt_median();
	counter = 0;
	arrived = 0;
	t0 = ktime_ns();
	err = on_each_cpu(hammer, NULL);
	ms = (ktime_ns() - t0) / NSEC_PER_MSEC;
	printk("smpbench: cpus=%u pvspin=%u lock_ns=%llu.%llu plain_ns=%llu.%llu raw_ns=%llu.%llu ipi_rtt_ns=%llu contended_ms=%llu rounds=%u slow_waits=%llu kicks=%llu err=%u\n",
	       n, pv_ops.lock.wait != NULL, lock_ns / 1000,
	       lock_ns % 1000 / 100, plain_ns / 1000, plain_ns % 1000 / 100,
	       raw_ns / 1000, raw_ns % 1000 / 100, rtt,
	       ms, rounds, spin_slow_waits - waits0, spin_kicks - kicks0,
	       err || counter != (u64)n * rounds);
	printk("smpbench: done\n");
}
