// SPDX-License-Identifier: GPL-2.0
/*
 * SMP: per-CPU areas, bringing the other CPUs up, and cross-CPU calls
 * (asm/smp.h, tern/smp.h). Which CPUs exist and how one is started or
 * interrupted is the role's (pv_ops.smp); this file never asks.
 *
 * The other CPUs come up after the ready line, one at a time: each gets
 * a kernel stack, runs secondary_start() and then idles, running the
 * cross-CPU calls queued for it. Device interrupts, timers and deferred
 * work stay on CPU 0; the others run what they are asked to (tests,
 * shootdowns). A CPU that does not answer in CPU_UP_TIMEOUT_MS is
 * reported and left out.
 *
 * Cross-CPU calls: every CPU has a small queue of calls (CALL_SLOTS
 * deep) under its own lock; the caller queues, sends IPI_CALL and, when
 * asked to wait, spins until the callee marks the call done (bounded:
 * CALL_TIMEOUT_MS, then -ETIMEDOUT and a log line), running the calls
 * queued for itself meanwhile, so that two CPUs calling each other with
 * interrupts off (TLB shootdowns) do not wait for each other forever.
 */
#include <tern/kernel.h>
#include <tern/mm.h>
#include <tern/monitor.h>
#include <tern/printk.h>
#include <tern/smp.h>
#include <tern/spinlock.h>
#include <tern/string.h>
#include <tern/timer.h>
#include <asm/pv_ops.h>
#include <asm/smp.h>

#define STACK_PAGES		4
#define CPU_UP_TIMEOUT_MS	2000
#define CALL_TIMEOUT_MS		30000
#define CALL_SLOTS		16

struct cpu_data cpu_data[NR_CPUS];
unsigned int nr_cpus_present = 1;

struct call {
	void (*fn)(void *arg);
	void *arg;
	bool done;
};

static struct {
	spinlock_t lock;
	unsigned int head, tail;	/* tail - head calls queued */
	struct call *slot[CALL_SLOTS];
} callq[NR_CPUS];

void percpu_set(unsigned int cpu)
{
	struct cpu_data *c = &cpu_data[cpu];

	c->self = c;
	c->cpu = cpu;
	pv_ops.cpu.wrmsr(MSR_GS_BASE, (u64)(uintptr_t)c);
}

unsigned int smp_processor_id(void)
{
	return this_cpu()->cpu;
}

bool cpu_online(unsigned int cpu)
{
	return cpu < NR_CPUS && __atomic_load_n(&cpu_data[cpu].online,
						__ATOMIC_ACQUIRE);
}

/* Has any other CPU come online (one load: for hot paths)? */
static bool others_started;

bool smp_others_started(void)
{
	return __atomic_load_n(&others_started, __ATOMIC_ACQUIRE);
}

unsigned int num_online_cpus(void)
{
	unsigned int cpu, n = 0;

	for (cpu = 0; cpu < NR_CPUS; cpu++)
		n += cpu_online(cpu);
	return n;
}

/* Run what is queued for this CPU (interrupts off or not: either). */
static void run_calls(void)
{
	unsigned int cpu = smp_processor_id();
	unsigned long flags;
	struct call *c;

	for (;;) {
		flags = spin_lock_irqsave(&callq[cpu].lock);
		if (callq[cpu].head == callq[cpu].tail) {
			spin_unlock_irqrestore(&callq[cpu].lock, flags);
			return;
		}
		c = callq[cpu].slot[callq[cpu].head++ % CALL_SLOTS];
		spin_unlock_irqrestore(&callq[cpu].lock, flags);
		c->fn(c->arg);
		this_cpu()->calls++;
		__atomic_store_n(&c->done, true, __ATOMIC_RELEASE);
	}
}

void smp_ipi_handler(enum ipi_kind ipi)
{
	struct cpu_data *c = this_cpu();

	if (ipi < NR_IPIS)
		__atomic_fetch_add(&c->ipis[ipi], 1, __ATOMIC_RELAXED);
	if (ipi == IPI_CALL)
		run_calls();
}

static int queue_call(unsigned int cpu, struct call *c)
{
	unsigned long flags;
	int err = 0;

	flags = spin_lock_irqsave(&callq[cpu].lock);
	if (callq[cpu].tail - callq[cpu].head >= CALL_SLOTS)
		err = -EBUSY;
	else
		callq[cpu].slot[callq[cpu].tail++ % CALL_SLOTS] = c;
	spin_unlock_irqrestore(&callq[cpu].lock, flags);
	return err;
}

void smp_wait_relax(unsigned int *spins)
{
	cpu_relax();
	if (pv_ops.smp.yield && !(++*spins % 64))
		pv_ops.smp.yield();
}

static int wait_done(struct call *c, unsigned int cpu)
{
	u64 t0 = ktime_ns();
	unsigned int spins = 0;

	while (!__atomic_load_n(&c->done, __ATOMIC_ACQUIRE)) {
		/*
		 * Run what others queued for us meanwhile: two CPUs waiting
		 * for each other's call with interrupts off must not hang.
		 */
		run_calls();
		if (ktime_ns() - t0 > CALL_TIMEOUT_MS * NSEC_PER_MSEC) {
			pr_err("smp: CPU %u did not run a call in %u ms\n", cpu,
			       CALL_TIMEOUT_MS);
			return -ETIMEDOUT;
		}
		smp_wait_relax(&spins);
	}
	return 0;
}

int smp_call_function_single(unsigned int cpu, void (*fn)(void *), void *arg)
{
	struct call c = { .fn = fn, .arg = arg };
	int err;

	if (!cpu_online(cpu))
		return -ENODEV;
	if (cpu == smp_processor_id()) {
		fn(arg);
		return 0;
	}
	err = queue_call(cpu, &c);
	if (err)
		return err;
	pv_ops.smp.send_ipi(cpu, IPI_CALL);
	return wait_done(&c, cpu);
}

/*
 * Queue c for cpu, waiting (bounded) while its queue is full and running
 * our own calls meanwhile: a shootdown must reach every CPU.
 */
static int queue_call_wait(unsigned int cpu, struct call *c)
{
	u64 t0 = ktime_ns();
	unsigned int spins = 0;

	while (queue_call(cpu, c)) {
		run_calls();
		if (ktime_ns() - t0 > CALL_TIMEOUT_MS * NSEC_PER_MSEC) {
			pr_err("smp: CPU %u's call queue stayed full for %u ms\n",
			       cpu, CALL_TIMEOUT_MS);
			return -EBUSY;
		}
		smp_wait_relax(&spins);
	}
	return 0;
}

/* fn(arg) on every online CPU but this one (and here too if self). */
static int call_cpus(void (*fn)(void *), void *arg, bool self)
{
	struct call calls[NR_CPUS];
	unsigned int cpu, me = smp_processor_id();
	int err = 0, e;

	for (cpu = 0; cpu < NR_CPUS; cpu++) {
		calls[cpu] = (struct call){ .fn = fn, .arg = arg, .done = true };
		if (cpu == me || !cpu_online(cpu))
			continue;
		calls[cpu].done = false;
		e = queue_call_wait(cpu, &calls[cpu]);
		if (e) {
			calls[cpu].done = true;
			err = e;
			continue;
		}
		pv_ops.smp.send_ipi(cpu, IPI_CALL);
	}
	if (self)
		fn(arg);
	for (cpu = 0; cpu < NR_CPUS; cpu++) {
		e = wait_done(&calls[cpu], cpu);
		if (e)
			err = e;
	}
	return err;
}

void smp_wake_cpu(unsigned int cpu)
{
	if (cpu != smp_processor_id() && cpu_online(cpu))
		pv_ops.smp.send_ipi(cpu, IPI_WAKE);
}

int on_each_cpu(void (*fn)(void *), void *arg)
{
	return call_cpus(fn, arg, true);
}

int smp_call_others(void (*fn)(void *), void *arg)
{
	if (!smp_others_started())
		return 0;
	return call_cpus(fn, arg, false);
}

/* The idle loop of a secondary CPU: calls, else halt until an IPI. */
static void __attribute__((noreturn)) ap_idle(void)
{
	unsigned int cpu = smp_processor_id();

	for (;;) {
		local_irq_disable();
		if (callq[cpu].head != __atomic_load_n(&callq[cpu].tail,
						       __ATOMIC_ACQUIRE)) {
			local_irq_enable();
			run_calls();
			continue;
		}
		pv_ops.irq.safe_halt();
	}
}

void secondary_start(struct cpu_data *c)
{
	percpu_set(c->cpu);
	pv_ops.smp.cpu_init(c);
	__atomic_store_n(&others_started, true, __ATOMIC_RELEASE);
	__atomic_store_n(&c->online, true, __ATOMIC_RELEASE);
	ap_idle();
}

static void start_cpu(struct cpu_data *c)
{
	void *stack = alloc_pages(STACK_PAGES, GFP_ZERO);
	int err;

	if (!stack) {
		pr_err("smp: no stack for CPU %u\n", c->cpu);
		return;
	}
	c->stack_top = (u64)(uintptr_t)stack + STACK_PAGES * PAGE_SIZE;
	c->cr3 = pv_ops.cpu.read_cr3();
	err = pv_ops.smp.cpu_up(c);
	if (!err && !cpu_online(c->cpu))
		err = -EIO;
	if (err) {
		pr_err("smp: CPU %u (id %u) did not come up (%d): left out\n",
		       c->cpu, c->hw_id, err);
		c->present = false;
	}
}

void smp_init(void)
{
	unsigned int cpu, n = min(boot_params.nr_cpus, (unsigned int)NR_CPUS);
	u64 t0 = ktime_ns();

	nr_cpus_present = n;
	cpu_data[0].present = true;
	__atomic_store_n(&cpu_data[0].online, true, __ATOMIC_RELEASE);
	if (n < 2 || !pv_ops.smp.cpu_up)
		return;
	for (cpu = 1; cpu < n; cpu++)
		if (cpu_data[cpu].present)
			start_cpu(&cpu_data[cpu]);
	pr_info("smp: %u of %u CPUs online (%llu ms)\n", num_online_cpus(), n,
		(ktime_ns() - t0) / NSEC_PER_MSEC);
}

static void smp_print(void)
{
	unsigned int cpu;

	printk("smp: %u of %u CPUs online; lock slow waits %llu, kicks %llu\n",
	       num_online_cpus(), nr_cpus_present, spin_slow_waits, spin_kicks);
	for (cpu = 0; cpu < NR_CPUS; cpu++) {
		struct cpu_data *c = &cpu_data[cpu];

		if (!c->present && !c->online)
			continue;
		printk("  cpu %u: id %u %s, calls %llu, ipis call %llu ping %llu\n",
		       cpu, c->hw_id, c->online ? "online" : "left out",
		       c->calls, c->ipis[IPI_CALL], c->ipis[IPI_PING]);
	}
}
MONITOR_CMD(smp_cmd, "cpus", "CPUs: online, IPIs and cross-CPU calls per CPU", smp_print);
