// SPDX-License-Identifier: GPL-2.0
/*
 * Xen time, checked against Xen's own clock rather than against the
 * pvclock arithmetic it is computed from: VCPUOP_get_runstate_info
 * returns this vCPU's time in each run state, brought up to Xen's NOW()
 * inside the hypercall, and their sum does not drift from Xen's system
 * time. So the difference of two sums is an interval measured by Xen,
 * which ktime (our pvclock reading) and our one-shot timer must agree
 * with.
 */
#include <tern/ktest.h>
#include <tern/timer.h>
#include <tern/xen/xen.h>
#include <asm/xen/hypercall.h>
#include <asm/xen/role.h>
#include <asm/xen/xen-ops.h>
#include <xen/vcpu.h>

static int xen_time_suite_init(const char **reason)
{
	if (!xen_domain()) {
		*reason = "not running on Xen";
		return -ENODEV;
	}
	return 0;
}

/* Xen's system time as Xen sees it (ns, runstate sum); 0 on failure. */
static u64 xen_own_clock(void)
{
	struct vcpu_runstate_info r;
	unsigned int i;
	u64 sum = 0;

	if (HYPERVISOR_vcpu_op(VCPUOP_get_runstate_info, 0, &r))
		return 0;
	for (i = 0; i < ARRAY_SIZE(r.time); i++)
		sum += r.time[i];
	return sum;
}

/* Slack between two readings of one interval: 100 us + 0.5%. */
static u64 slack(u64 ns)
{
	return 100 * NSEC_PER_USEC + ns / 200;
}

static void pvclock_is_monotonic(struct ktest *t)
{
	u64 prev = xen_system_time_ns(), now;
	unsigned int i;

	for (i = 0; i < 20000; i++) {
		now = xen_system_time_ns();
		if (now < prev) {
			ktest_fail(t, __FILE__, __LINE__,
				   "pvclock went back: %llu after %llu", now, prev);
			return;
		}
		prev = now;
	}
}

static void ktime_agrees_with_xen_clock(struct ktest *t)
{
	u64 a, b, c, d, x0, x1, xen_ns;

	/*
	 * Each of Xen's readings is bracketed by ktime reads, so however
	 * long the vCPU is descheduled the interval Xen measured lies
	 * between the inner and the outer ktime intervals.
	 */
	a = ktime_ns();
	x0 = xen_own_clock();
	b = ktime_ns();
	mdelay(200);
	c = ktime_ns();
	x1 = xen_own_clock();
	d = ktime_ns();
	KTEST_ASSERT(t, x0 && x1);
	xen_ns = x1 - x0;
	ktest_log(t, "Xen measured %llu us, ktime %llu..%llu us",
		  xen_ns / 1000, (c - b) / 1000, (d - a) / 1000);
	KTEST_EXPECT(t, c - b >= 200 * NSEC_PER_MSEC);
	KTEST_EXPECT(t, xen_ns + slack(c - b) >= c - b);
	KTEST_EXPECT(t, xen_ns <= d - a + slack(d - a));
}

struct xen_probe {
	struct timer timer;
	u64 xen_at;			/* Xen's clock in the callback */
};

static void xen_probe_fn(struct timer *tm)
{
	struct xen_probe *p = container_of(tm, struct xen_probe, timer);

	WRITE_ONCE(p->xen_at, xen_own_clock());
}

static void timer_not_early_by_xen_clock(struct ktest *t)
{
	struct xen_probe p = { .timer.fn = xen_probe_fn };
	u64 x0, end;

	x0 = xen_own_clock();
	KTEST_ASSERT(t, x0);
	timer_start(&p.timer, 50 * NSEC_PER_MSEC);
	end = ktime_ns() + 10 * NSEC_PER_SEC;
	while (!READ_ONCE(p.xen_at) && ktime_ns() < end)
		cpu_relax();
	KTEST_ASSERT(t, p.xen_at);
	ktest_log(t, "50 ms timer fired after %llu us of Xen's clock",
		  (p.xen_at - x0) / 1000);
	/* Xen's reading before arming is earlier than the deadline's base */
	KTEST_EXPECT(t, p.xen_at - x0 + slack(50 * NSEC_PER_MSEC) >=
			50 * NSEC_PER_MSEC);
}

static const struct ktest_case xen_time_cases[] = {
	KTEST_CASE(pvclock_is_monotonic),
	KTEST_CASE(ktime_agrees_with_xen_clock),
	KTEST_CASE(timer_not_early_by_xen_clock),
};

static const struct ktest_suite xen_time_suite = {
	.name = "xen_time",
	.cases = xen_time_cases,
	.ncases = ARRAY_SIZE(xen_time_cases),
	.init = xen_time_suite_init,
};
KTEST_SUITE(xen_time_suite);
