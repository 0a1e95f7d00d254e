// SPDX-License-Identifier: GPL-2.0
/*
 * SMP on every CPU at once (suite `smp`, any role with more than one
 * CPU): every CPU the platform gave is online; a cross-CPU call runs on
 * the CPU it names; a timer started on each CPU fires there, not early; every ordered pair of CPUs exchanges IPIs (A calls B
 * and waits: the round trip is logged); all CPUs hammer the page and
 * slab allocators together and check their own data; all CPUs increment
 * one counter under one contended spinlock and the sum is checked; a
 * page every CPU has read through is unmapped and replaced, and no CPU
 * reads through the old translation (TLB shootdown). At
 * the end every online CPU must have run its share (its call count).
 *
 * The suite is skipped only when the platform gave one CPU; a CPU that
 * was given but did not come up fails `all_cpus_online`.
 */
#include <tern/kernel.h>
#include <tern/ktest.h>
#include <tern/pci.h>
#include <tern/mm.h>
#include <tern/printk.h>
#include <tern/smp.h>
#include <tern/spinlock.h>
#include <tern/string.h>
#include <tern/timer.h>
#include <asm/page.h>
#include <asm/pgtable.h>
#include <asm/pv_ops.h>
#include <asm/traps.h>
#include <asm/smp.h>

#define STRESS_ROUNDS	64
/*
 * Increments in all, shared among the CPUs: with plain spinning (native,
 * nopvspin) every hand-over to a CPU whose host thread is not running
 * costs a host time slice, so the total is kept small.
 */
#define LOCK_TOTAL	4000

static unsigned int nr_given(void)
{
	return min(boot_params.nr_cpus, (unsigned int)NR_CPUS);
}

static int smp_suite_init(const char **reason)
{
	if (nr_given() < 2) {
		*reason = "one CPU";
		return -ENODEV;
	}
	return 0;
}

static void all_cpus_online(struct ktest *t)
{
	unsigned int cpu;

	for (cpu = 0; cpu < nr_given(); cpu++)
		if (!cpu_online(cpu))
			ktest_log(t, "CPU %u (id %u) is not online", cpu,
				  cpu_data[cpu].hw_id);
	KTEST_EXPECT_EQ(t, num_online_cpus(), nr_given());
}

static unsigned int ran_on[NR_CPUS];

static void record_cpu(void *arg)
{
	unsigned int *slot = arg;

	*slot = smp_processor_id() + 1;
}

static void call_runs_where_asked(struct ktest *t)
{
	unsigned int cpu;

	for (cpu = 0; cpu < NR_CPUS; cpu++) {
		if (!cpu_online(cpu))
			continue;
		ran_on[cpu] = 0;
		KTEST_EXPECT_EQ(t, smp_call_function_single(cpu, record_cpu,
							    &ran_on[cpu]), 0);
		KTEST_EXPECT_EQ(t, ran_on[cpu], cpu + 1);
	}
	KTEST_EXPECT_EQ(t, smp_call_function_single(NR_CPUS, record_cpu,
						    &ran_on[0]), -ENODEV);
}

static void count_self(void *arg)
{
	u32 *hits = arg;

	__atomic_fetch_add(&hits[smp_processor_id()], 1, __ATOMIC_RELAXED);
}

static void on_each_cpu_once(struct ktest *t)
{
	static u32 hits[NR_CPUS];
	unsigned int cpu;

	memset(hits, 0, sizeof(hits));
	KTEST_EXPECT_EQ(t, on_each_cpu(count_self, hits), 0);
	for (cpu = 0; cpu < NR_CPUS; cpu++)
		KTEST_EXPECT_EQ(t, hits[cpu], cpu_online(cpu) ? 1u : 0u);
}

/*
 * Every CPU reaches PCI configuration space and reads what CPU 0 reads
 * (a Xen PV dom0's port I/O needs the I/O privilege on each vCPU).
 */
static struct pci_dev *host_bridge;

static void read_host_bridge(void *arg)
{
	u32 *ids = arg;

	ids[smp_processor_id()] = pci_read32(host_bridge, 0);
}

static void pci_config_on_every_cpu(struct ktest *t)
{
	static u32 ids[NR_CPUS];
	unsigned int cpu;
	u32 want;

	host_bridge = pci_find_class(0x0600, NULL);
	if (!host_bridge) {
		ktest_skip(t, "no PCI host bridge found here");
		return;
	}
	want = pci_read32(host_bridge, 0);
	memset(ids, 0, sizeof(ids));
	KTEST_EXPECT_EQ(t, on_each_cpu(read_host_bridge, ids), 0);
	for (cpu = 0; cpu < NR_CPUS; cpu++)
		if (cpu_online(cpu))
			KTEST_EXPECT_EQ(t, ids[cpu], want);
	ktest_log(t, "host bridge %04x:%04x read on every CPU", want & 0xffff,
		  want >> 16);
}

/* ---- IPIs between every ordered pair ---- */

struct pair {
	unsigned int to;
	int err;
	u64 ns;
};

static void nothing(void *arg)
{
}

/* On CPU A: a call to B and back (IPI there, completion seen here). */
static void call_peer(void *arg)
{
	struct pair *p = arg;
	u64 t0 = ktime_ns();

	p->err = smp_call_function_single(p->to, nothing, NULL);
	p->ns = ktime_ns() - t0;
}

static void ipi_every_pair(struct ktest *t)
{
	unsigned int a, b, n = 0, bad = 0;
	u64 sum = 0, worst = 0;
	struct pair p;

	for (a = 0; a < NR_CPUS; a++) {
		for (b = 0; b < NR_CPUS; b++) {
			if (a == b || !cpu_online(a) || !cpu_online(b))
				continue;
			p = (struct pair){ .to = b, .err = -EINVAL };
			if (smp_call_function_single(a, call_peer, &p) ||
			    p.err) {
				ktest_log(t, "CPU %u -> CPU %u failed (%d)", a,
					  b, p.err);
				bad++;
				continue;
			}
			n++;
			sum += p.ns;
			worst = max(worst, p.ns);
		}
	}
	ktest_log(t, "%u pairs: IPI call round trip mean %llu ns, worst %llu ns",
		  n, n ? sum / n : 0, worst);
	KTEST_EXPECT_EQ(t, bad, 0);
	KTEST_EXPECT(t, n == num_online_cpus() * (num_online_cpus() - 1));
}

static void ping_every_cpu(struct ktest *t)
{
	unsigned int cpu;

	for (cpu = 0; cpu < NR_CPUS; cpu++) {
		unsigned int spins = 0;
		u64 before, t0;

		if (!cpu_online(cpu))
			continue;
		before = __atomic_load_n(&cpu_data[cpu].ipis[IPI_PING],
					 __ATOMIC_ACQUIRE);
		pv_ops.smp.send_ipi(cpu, IPI_PING);
		t0 = ktime_ns();
		while (__atomic_load_n(&cpu_data[cpu].ipis[IPI_PING],
				       __ATOMIC_ACQUIRE) == before &&
		       ktime_ns() - t0 < 2000 * NSEC_PER_MSEC)
			smp_wait_relax(&spins);
		KTEST_EXPECT(t, cpu_data[cpu].ipis[IPI_PING] > before);
	}
}

/* ---- a timer on every CPU ---- */

struct cpu_timer {
	struct timer t;
	u64 deadline;
	u64 fired_at;
	unsigned int fired_on;		/* CPU + 1 */
};

static struct cpu_timer cpu_timer[NR_CPUS];

static void cpu_timer_fn(struct timer *t)
{
	struct cpu_timer *ct = container_of(t, struct cpu_timer, t);

	ct->fired_at = ktime_ns();
	__atomic_store_n(&ct->fired_on, smp_processor_id() + 1,
			 __ATOMIC_RELEASE);
}

static void start_cpu_timer(void *arg)
{
	struct cpu_timer *ct = arg;

	ct->deadline = ktime_ns() + 5 * NSEC_PER_MSEC;
	timer_start_at(&ct->t, ct->deadline);
}

static void timers_on_every_cpu(struct ktest *t)
{
	unsigned int cpu, fired = 0, n = 0, spins = 0;
	u64 t0;

	for (cpu = 0; cpu < NR_CPUS; cpu++) {
		if (!cpu_online(cpu))
			continue;
		cpu_timer[cpu] = (struct cpu_timer){ .t.fn = cpu_timer_fn };
		KTEST_EXPECT_EQ(t, smp_call_function_single(cpu,
				start_cpu_timer, &cpu_timer[cpu]), 0);
		n++;
	}
	t0 = ktime_ns();
	while (ktime_ns() - t0 < 2000 * NSEC_PER_MSEC) {
		for (fired = 0, cpu = 0; cpu < NR_CPUS; cpu++)
			fired += !!__atomic_load_n(&cpu_timer[cpu].fired_on,
						   __ATOMIC_ACQUIRE);
		if (fired == n)
			break;
		smp_wait_relax(&spins);
	}
	for (cpu = 0; cpu < NR_CPUS; cpu++) {
		struct cpu_timer *ct = &cpu_timer[cpu];

		if (!cpu_online(cpu))
			continue;
		KTEST_EXPECT_EQ(t, ct->fired_on, cpu + 1);
		KTEST_EXPECT(t, !ct->fired_on || ct->fired_at >= ct->deadline);
		if (ct->fired_on)
			ktest_log(t, "CPU %u: fired %llu us late", cpu,
				  (ct->fired_at - ct->deadline) / 1000);
		timer_cancel(&ct->t);
	}
	KTEST_EXPECT_EQ(t, fired, n);
}

/* ---- the allocators from every CPU at once ---- */

static u32 stress_bad[NR_CPUS];

static void alloc_stress(void *arg)
{
	unsigned int cpu = smp_processor_id(), i, j;
	u8 pat = (u8)(0x40 + cpu);
	void *pages[8];
	u8 *objs[16];

	for (i = 0; i < STRESS_ROUNDS; i++) {
		for (j = 0; j < ARRAY_SIZE(pages); j++) {
			pages[j] = alloc_pages(1 + (i + j) % 3, 0);
			if (pages[j])
				memset(pages[j], pat, PAGE_SIZE);
		}
		for (j = 0; j < ARRAY_SIZE(objs); j++) {
			objs[j] = kmalloc(16 << ((i + j) % 8));
			if (objs[j])
				memset(objs[j], pat, 16);
		}
		for (j = 0; j < ARRAY_SIZE(objs); j++) {
			if (!objs[j] || objs[j][0] != pat || objs[j][15] != pat)
				stress_bad[cpu]++;
			kfree(objs[j]);
		}
		for (j = 0; j < ARRAY_SIZE(pages); j++) {
			u8 *p = pages[j];

			if (!p || p[0] != pat || p[PAGE_SIZE - 1] != pat)
				stress_bad[cpu]++;
			if (p)
				free_pages(p, 1 + (i + j) % 3);
		}
	}
}

static void allocators_on_all_cpus(struct ktest *t)
{
	u64 free0 = kernel_pages.free_pages;
	unsigned int cpu, bad = 0;

	memset(stress_bad, 0, sizeof(stress_bad));
	KTEST_EXPECT_EQ(t, on_each_cpu(alloc_stress, NULL), 0);
	for (cpu = 0; cpu < NR_CPUS; cpu++)
		bad += stress_bad[cpu];
	ktest_log(t, "%u CPUs x %u rounds; free pages %llu -> %llu",
		  num_online_cpus(), STRESS_ROUNDS, free0,
		  kernel_pages.free_pages);
	KTEST_EXPECT_EQ(t, bad, 0);
	/* everything came back (slab keeps at most a page per class) */
	KTEST_EXPECT(t, kernel_pages.free_pages + 16 >= free0);
}

/* ---- one contended lock ---- */

static DEFINE_SPINLOCK(test_lock);
static u64 counter;

static unsigned int lock_rounds, arrived;

static void hammer_lock(void *arg)
{
	unsigned int i, spins = 0, n = num_online_cpus();

	/* start together, or there is nothing to contend for */
	__atomic_fetch_add(&arrived, 1, __ATOMIC_ACQ_REL);
	while (__atomic_load_n(&arrived, __ATOMIC_ACQUIRE) < n)
		smp_wait_relax(&spins);

	for (i = 0; i < lock_rounds; i++) {
		u64 v;

		spin_lock(&test_lock);
		v = READ_ONCE(counter);
		cpu_relax();
		WRITE_ONCE(counter, v + 1);
		spin_unlock(&test_lock);
	}
}

static void contended_lock_counts(struct ktest *t)
{
	u64 t0 = ktime_ns(), waits0 = spin_slow_waits;

	counter = 0;
	arrived = 0;
	lock_rounds = LOCK_TOTAL / num_online_cpus();
	KTEST_EXPECT_EQ(t, on_each_cpu(hammer_lock, NULL), 0);
	ktest_log(t, "%u CPUs x %u rounds in %llu ms, %llu slow waits",
		  num_online_cpus(), lock_rounds,
		  (ktime_ns() - t0) / NSEC_PER_MSEC, spin_slow_waits - waits0);
	KTEST_EXPECT_EQ(t, counter, (u64)num_online_cpus() * lock_rounds);
	KTEST_EXPECT(t, !spin_is_locked(&test_lock));
}

/* ---- TLB shootdown ---- */

#define TLB_FAULT	(~0ULL)

static unsigned long tlb_va;
static u64 tlb_seen[NR_CPUS];

static void read_tlb_va(void *unused)
{
	u64 v;

	if (probe_read_u64((const void *)tlb_va, &v))
		v = TLB_FAULT;
	tlb_seen[smp_processor_id()] = v;
}

/* How many online CPUs read something else than want at tlb_va. */
static unsigned int cpus_not_seeing(struct ktest *t, u64 want)
{
	unsigned int cpu, bad = 0;

	memset(tlb_seen, 0, sizeof(tlb_seen));
	KTEST_EXPECT_EQ(t, on_each_cpu(read_tlb_va, NULL), 0);
	for (cpu = 0; cpu < NR_CPUS; cpu++) {
		if (!cpu_online(cpu) || tlb_seen[cpu] == want)
			continue;
		ktest_log(t, "CPU %u read %#llx, not %#llx", cpu, tlb_seen[cpu],
			  want);
		bad++;
	}
	return bad;
}

/*
 * Every CPU caches a translation, CPU 0 unmaps it and maps another page
 * there: no CPU may still read through the old one (without a shootdown
 * the others keep their TLB entry and read the first page, or find it
 * after it was unmapped).
 */
static void tlb_shootdown(struct ktest *t)
{
	u64 *a = alloc_page(GFP_ZERO), *b = alloc_page(GFP_ZERO);

	tlb_va = vmap_alloc_va(PAGE_SIZE);
	KTEST_ASSERT(t, a && b && tlb_va);
	a[0] = 0xa1a1a1a1;
	b[0] = 0xb2b2b2b2;
	KTEST_ASSERT(t, !map_page(tlb_va, virt_to_phys(a), PAGE_KERNEL));
	KTEST_EXPECT_EQ(t, cpus_not_seeing(t, a[0]), 0);
	KTEST_EXPECT_EQ(t, unmap_page(tlb_va), 0);
	KTEST_EXPECT_EQ(t, cpus_not_seeing(t, TLB_FAULT), 0);
	KTEST_ASSERT(t, !map_page(tlb_va, virt_to_phys(b), PAGE_KERNEL));
	KTEST_EXPECT_EQ(t, cpus_not_seeing(t, b[0]), 0);
	/* and once more while every CPU holds the mapping */
	KTEST_EXPECT_EQ(t, unmap_page(tlb_va), 0);
	KTEST_ASSERT(t, !map_page(tlb_va, virt_to_phys(a), PAGE_KERNEL));
	KTEST_EXPECT_EQ(t, cpus_not_seeing(t, a[0]), 0);
	unmap_page(tlb_va);
	free_page(a);
	free_page(b);
}

static void every_cpu_did_its_share(struct ktest *t)
{
	unsigned int cpu;

	for (cpu = 1; cpu < NR_CPUS; cpu++) {
		if (!cpu_online(cpu))
			continue;
		ktest_log(t, "CPU %u: %llu calls, %llu call IPIs, %llu pings",
			  cpu, cpu_data[cpu].calls,
			  cpu_data[cpu].ipis[IPI_CALL],
			  cpu_data[cpu].ipis[IPI_PING]);
		KTEST_EXPECT(t, cpu_data[cpu].calls >= 4);
	}
}

static const struct ktest_case smp_cases[] = {
	KTEST_CASE(all_cpus_online),
	KTEST_CASE(call_runs_where_asked),
	KTEST_CASE(on_each_cpu_once),
	KTEST_CASE(pci_config_on_every_cpu),
	KTEST_CASE(ipi_every_pair),
	KTEST_CASE(ping_every_cpu),
	KTEST_CASE(timers_on_every_cpu),
	KTEST_CASE(allocators_on_all_cpus),
	KTEST_CASE(contended_lock_counts),
	KTEST_CASE(tlb_shootdown),
	KTEST_CASE(every_cpu_did_its_share),
};

static const struct ktest_suite smp_suite = {
	.name = "smp",
	.cases = smp_cases,
	.ncases = ARRAY_SIZE(smp_cases),
	.init = smp_suite_init,
};
KTEST_SUITE(smp_suite);
