// SPDX-License-Identifier: GPL-2.0
/*
 * Event channels end to end, in any Xen role: a loopback interdomain
 * channel (alloc_unbound to ourselves + bind_interdomain) delivers to
 * the IRQ handlers on both ends; a masked event stays pending and is
 * delivered on unmask; an event that arrived before its port was bound
 * is delivered by the bind (the console ring's case); VIRQ_TIMER drives
 * the timer IRQ where the architecture's Xen clock is VIRQ_TIMER
 * (asm/xen/events.h). Idle: safe_halt sleeps until the next event (an idle
 * vCPU does not wake on its own), and never sleeps through an event
 * that is already pending when it is called.
 */
#include <tern/ktest.h>
#include <tern/smp.h>
#include <tern/timer.h>
#include <tern/xen/events.h>
#include <tern/xen/xen.h>
#include <asm/pv_ops.h>
#include <asm/xen/events.h>

#define IDLE_MS		500
#define IDLE_MAX_WAKEUPS	10

static volatile unsigned int hits_a, hits_b;

static void handler_a(unsigned int irq, void *data)
{
	hits_a++;
}

static void handler_b(unsigned int irq, void *data)
{
	hits_b++;
}

static bool wait_for(volatile unsigned int *v, unsigned int want)
{
	u64 end = ktime_ns() + 500 * NSEC_PER_MSEC;

	/* spin, never halt: a missed wake-up would stall until the deadline */
	while (*v < want && ktime_ns() < end)
		cpu_relax();
	return *v >= want;
}

static int events_init(const char **reason)
{
	if (!xen_shared_info) {
		*reason = "not running on Xen";
		return -ENODEV;
	}
	return 0;
}

struct loopback {
	evtchn_port_t a, b;
	int irq_a, irq_b;
	u64 count_a, count_b;	/* IRQ counts once the bind settled */
};

static bool loopback_open(struct ktest *t, struct loopback *l)
{
	int irq;

	hits_a = 0;
	hits_b = 0;
	if (evtchn_alloc_unbound(DOMID_SELF, &l->a)) {
		ktest_fail(t, __FILE__, __LINE__, "EVTCHNOP_alloc_unbound failed");
		return false;
	}
	l->irq_a = bind_evtchn_to_irqhandler(l->a, handler_a, "loop-a", NULL);
	irq = bind_interdomain_evtchn_to_irqhandler(DOMID_SELF, l->a, handler_b,
						    "loop-b", NULL);
	l->irq_b = irq;
	if (l->irq_a < 0 || irq < 0) {
		ktest_fail(t, __FILE__, __LINE__, "bind failed: %d %d",
			   l->irq_a, irq);
		return false;
	}
	l->b = evtchn_from_irq(irq);
	/*
	 * Xen sets the binding side pending (a notification sent to the
	 * unbound port must not be lost), so B may see one event now.
	 */
	udelay(1000);
	hits_a = 0;
	hits_b = 0;
	l->count_a = irq_to_desc(l->irq_a)->count;
	l->count_b = irq_to_desc(l->irq_b)->count;
	return true;
}

static void loopback_close(struct loopback *l)
{
	if (l->irq_b >= 0)
		unbind_from_irqhandler(l->irq_b);
	if (l->irq_a >= 0)
		unbind_from_irqhandler(l->irq_a);
}

static void loopback_interdomain_delivers(struct ktest *t)
{
	struct loopback l;

	if (!loopback_open(t, &l))
		return;
	KTEST_EXPECT(t, l.a != l.b);
	KTEST_EXPECT_EQ(t, irq_from_evtchn(l.a), l.irq_a);
	notify_remote_via_evtchn(l.b);		/* B -> A */
	KTEST_EXPECT(t, wait_for(&hits_a, 1));
	KTEST_EXPECT_EQ(t, hits_b, 0);
	notify_remote_via_evtchn(l.a);		/* A -> B */
	KTEST_EXPECT(t, wait_for(&hits_b, 1));
	KTEST_EXPECT_EQ(t, irq_to_desc(l.irq_a)->count - l.count_a, 1);
	KTEST_EXPECT_EQ(t, irq_to_desc(l.irq_b)->count - l.count_b, 1);
	loopback_close(&l);
}

/* An event channel moved to each online CPU is delivered there. */
static void bound_to_every_cpu(struct ktest *t)
{
	unsigned int cpu, n = 0;
	struct loopback l;

	if (!loopback_open(t, &l))
		return;
	for (cpu = 0; cpu < NR_CPUS; cpu++) {
		if (!cpu_online(cpu))
			continue;
		KTEST_EXPECT_EQ(t, irq_set_affinity(l.irq_a, cpu), 0);
		KTEST_EXPECT_EQ(t, evtchn_cpu(l.irq_a), (int)cpu);
		hits_a = 0;
		notify_remote_via_evtchn(l.b);
		KTEST_EXPECT(t, wait_for(&hits_a, 1));
		KTEST_EXPECT_EQ(t, irq_to_desc(l.irq_a)->cpu, cpu);
		n++;
	}
	KTEST_EXPECT_EQ(t, irq_set_affinity(l.irq_a, 0), 0);
	KTEST_EXPECT_EQ(t, irq_set_affinity(l.irq_a, NR_CPUS), -ENODEV);
	ktest_log(t, "delivered on %u CPUs", n);
	loopback_close(&l);
}

static void masked_event_stays_pending(struct ktest *t)
{
	struct loopback l;

	if (!loopback_open(t, &l))
		return;
	evtchn_mask(l.a);
	notify_remote_via_evtchn(l.b);
	udelay(20000);
	KTEST_EXPECT_EQ(t, hits_a, 0);
	KTEST_EXPECT(t, evtchn_is_pending(l.a));
	KTEST_EXPECT(t, evtchn_is_masked(l.a));
	evtchn_unmask(l.a);
	KTEST_EXPECT(t, wait_for(&hits_a, 1));
	KTEST_EXPECT(t, !evtchn_is_pending(l.a));
	KTEST_EXPECT(t, !evtchn_is_masked(l.a));
	loopback_close(&l);
}

static void pending_before_bind_is_delivered(struct ktest *t)
{
	evtchn_port_t a, b;
	int irq_a, irq_b;

	hits_a = 0;
	hits_b = 0;
	KTEST_ASSERT(t, !evtchn_alloc_unbound(DOMID_SELF, &a));
	irq_b = bind_interdomain_evtchn_to_irqhandler(DOMID_SELF, a, handler_b,
						      "loop-b", NULL);
	KTEST_ASSERT(t, irq_b >= 0);
	b = evtchn_from_irq(irq_b);
	udelay(1000);		/* B's own bind-time event, see loopback_open */
	hits_b = 0;
	/* like a toolstack-made port notified before anyone listens */
	evtchn_mask(a);
	notify_remote_via_evtchn(b);
	mdelay(20);
	KTEST_EXPECT(t, evtchn_is_pending(a));
	irq_a = bind_evtchn_to_irqhandler(a, handler_a, "loop-a", NULL);
	KTEST_ASSERT(t, irq_a >= 0);
	/* the bind's unmask delivers what was pending */
	KTEST_EXPECT(t, wait_for(&hits_a, 1));
	KTEST_EXPECT(t, !evtchn_is_pending(a));
	KTEST_EXPECT_EQ(t, hits_b, 0);
	unbind_from_irqhandler(irq_b);
	unbind_from_irqhandler(irq_a);
}

static void unbound_port_is_closed(struct ktest *t)
{
	struct loopback l;
	evtchn_port_t a;

	if (!loopback_open(t, &l))
		return;
	a = l.a;
	loopback_close(&l);
	KTEST_EXPECT_EQ(t, irq_from_evtchn(a), -ENOENT);
	KTEST_EXPECT_EQ(t, evtchn_from_irq(l.irq_a), -ENOENT);
}

static void timer_fn(struct timer *tm)
{
	hits_a++;
}

static void virq_timer_drives_timers(struct ktest *t)
{
	struct irq_desc *d = irq_to_desc(timer_irq);
	struct timer tm = { .fn = timer_fn };
	u64 before = d->count;

	if (!XEN_TIMER_IS_EVTCHN) {
		ktest_skip(t, "the clock is not an event channel here");
		return;
	}
	/* the timer IRQ is an event channel bound to VIRQ_TIMER */
	KTEST_ASSERT(t, evtchn_from_irq(timer_irq) >= 0);
	KTEST_EXPECT_EQ(t, irq_from_evtchn(evtchn_from_irq(timer_irq)),
			timer_irq);
	hits_a = 0;
	timer_start(&tm, 2 * NSEC_PER_MSEC);
	KTEST_EXPECT(t, wait_for(&hits_a, 1));
	KTEST_EXPECT(t, d->count > before);
	timer_cancel(&tm);	/* never leave a stack timer queued */
}

static bool idle_fired;

static void idle_timer_fn(struct timer *tm)
{
	WRITE_ONCE(idle_fired, true);
}

/*
 * Halt until one timer fires IDLE_MS from now and count how often
 * safe_halt returns meanwhile: nothing else is going on, so a vCPU
 * that wakes up on its own (a halt with a timeout) shows up as many
 * returns. Console output before the window may still be answered by
 * the backend with a notification or two.
 */
static void idle_halt_sleeps_until_event(struct ktest *t)
{
	struct timer tm = { .fn = idle_timer_fn };
	unsigned int wakeups = 0;
	u64 start, upcalls = xen_upcall_count();

	idle_fired = false;
	start = ktime_ns();
	timer_start(&tm, IDLE_MS * NSEC_PER_MSEC);
	for (;;) {
		local_irq_disable();
		if (READ_ONCE(idle_fired))
			break;
		safe_halt();
		wakeups++;
	}
	local_irq_enable();
	ktest_log(t, "%u wake-ups, %llu upcalls in %llu ms idle", wakeups,
		  xen_upcall_count() - upcalls,
		  (ktime_ns() - start) / NSEC_PER_MSEC);
	KTEST_EXPECT(t, ktime_ns() - start >= IDLE_MS * NSEC_PER_MSEC);
	KTEST_EXPECT(t, wakeups <= IDLE_MAX_WAKEUPS);
}

/* An event that is pending when safe_halt is called ends the halt. */
static void halt_with_pending_event_returns(struct ktest *t)
{
	struct timer guard = { .fn = idle_timer_fn };
	struct loopback l;
	u64 start;

	if (!loopback_open(t, &l))
		return;
	idle_fired = false;
	/* if the halt sleeps through the event, this ends it */
	timer_start(&guard, 2000 * NSEC_PER_MSEC);
	start = ktime_ns();
	local_irq_disable();
	notify_remote_via_evtchn(l.b);
	safe_halt();
	local_irq_enable();
	timer_cancel(&guard);
	KTEST_EXPECT(t, wait_for(&hits_a, 1));
	KTEST_EXPECT(t, !READ_ONCE(idle_fired));
	ktest_log(t, "woke after %llu us", (ktime_ns() - start) / 1000);
	loopback_close(&l);
}

static const struct ktest_case events_cases[] = {
	KTEST_CASE(loopback_interdomain_delivers),
	KTEST_CASE(bound_to_every_cpu),
	KTEST_CASE(masked_event_stays_pending),
	KTEST_CASE(pending_before_bind_is_delivered),
	KTEST_CASE(unbound_port_is_closed),
	KTEST_CASE(virq_timer_drives_timers),
	KTEST_CASE(idle_halt_sleeps_until_event),
	KTEST_CASE(halt_with_pending_event_returns),
};

static const struct ktest_suite events_suite = {
	.name = "xen_events",
	.cases = events_cases,
	.ncases = ARRAY_SIZE(events_cases),
	.init = events_init,
};
KTEST_SUITE(events_suite);
