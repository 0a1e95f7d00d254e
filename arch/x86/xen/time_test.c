// SPDX-License-Identifier: GPL-2.0
/*
 * Xen time: pvclock never goes backwards, ktime is pvclock, and the
 * wallclock from shared_info is plausible and advances with pvclock.
 */
#include <tern/ktest.h>
#include <tern/timer.h>
#include <tern/xen/xen.h>
#include <asm/xen/role.h>
#include <asm/xen/xen-ops.h>

static int xen_time_suite_init(const char **reason)
{
	if (!xen_domain()) {
		*reason = "not running on Xen";
		return -ENODEV;
	}
	return 0;
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

static void ktime_follows_pvclock(struct ktest *t)
{
	u64 a, b, c, d, e, f;

	/*
	 * Each pvclock read is bracketed by ktime reads, so a descheduled
	 * vCPU cannot make the two clocks disagree if they are one clock.
	 */
	a = ktime_ns();
	b = xen_system_time_ns();
	c = ktime_ns();
	mdelay(50);
	d = ktime_ns();
	e = xen_system_time_ns();
	f = ktime_ns();
	KTEST_EXPECT(t, e - b >= d - c);
	KTEST_EXPECT(t, e - b <= f - a);
	KTEST_EXPECT(t, d - c >= 50 * NSEC_PER_MSEC);
}

static void wallclock_agrees_with_pvclock(struct ktest *t)
{
	u64 w0 = xen_wallclock_sec(), w1;
	u64 s0 = xen_system_time_ns(), s1;

	/* after 2020-01-01 and before 2100: Xen read a real RTC */
	KTEST_EXPECT(t, w0 > 1577836800ULL && w0 < 4102444800ULL);
	mdelay(1200);
	w1 = xen_wallclock_sec();
	s1 = xen_system_time_ns();
	ktest_log(t, "wallclock %llu -> %llu over %llu ms of pvclock", w0, w1,
		  (s1 - s0) / NSEC_PER_MSEC);
	/* 1.2 s of pvclock moves whole seconds by 1 or 2 */
	KTEST_EXPECT(t, w1 - w0 >= 1 && w1 - w0 <= 2);
}

static const struct ktest_case xen_time_cases[] = {
	KTEST_CASE(pvclock_is_monotonic),
	KTEST_CASE(ktime_follows_pvclock),
	KTEST_CASE(wallclock_agrees_with_pvclock),
};

static const struct ktest_suite xen_time_suite = {
	.name = "xen_time",
	.cases = xen_time_cases,
	.ncases = ARRAY_SIZE(xen_time_cases),
	.init = xen_time_suite_init,
};
KTEST_SUITE(xen_time_suite);
