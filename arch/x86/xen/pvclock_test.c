// SPDX-License-Identifier: GPL-2.0
/*
 * pvclock under load of reads, in any Xen role: over a second of
 * back-to-back reads (every read a TSC intercept in a PVH guest under
 * TCG, and Xen rewrites the record about once a second) the clock never
 * steps back and never leaps: a TSC read just before the record's stamp
 * must count back a few ns, not wrap to ~2^64 ticks (225 years ahead).
 * How often that happened is logged, as evidence of the case.
 *
 * ktime counts from Tern's first instruction: Xen's own account of the
 * time this vCPU has spent running (VCPUOP_get_runstate_info; the vCPU
 * never ran before that instruction) cannot exceed it. A ktime that
 * starts late (at xen_time_init, as when boot_tsc could not be scaled)
 * is short by the whole early boot and fails this. Checked in a domU
 * only: Xen's account of dom0's vCPU includes time before dom0's first
 * instruction (a PVH dom0 showed 2.5 s "running" at ktime 1.3 s).
 */
#include <tern/ktest.h>
#include <tern/timer.h>
#include <asm/xen/hypercall.h>
#include <asm/xen/role.h>
#include <asm/xen/xen-ops.h>
#include <xen/vcpu.h>

#define RUN_NS		(1200 * NSEC_PER_MSEC)
#define MAX_STEP_NS	(500 * NSEC_PER_MSEC)
#define RUNSTATE_SLACK_NS	(2 * NSEC_PER_MSEC)

static int pvclock_suite_init(const char **reason)
{
	if (!xen_domain()) {
		*reason = "not running on Xen";
		return -ENODEV;
	}
	return 0;
}

static void clock_never_leaps(struct ktest *t)
{
	u64 first = xen_system_time_ns(), prev = first, now, reads = 0;
	u64 back0, back1;
	s64 deepest;

	back0 = xen_pvclock_back_reads(&deepest);
	do {
		now = xen_system_time_ns();
		reads++;
		if (now < prev || now - prev > MAX_STEP_NS) {
			ktest_fail(t, __FILE__, __LINE__,
				   "read %llu: %llu after %llu", reads, now,
				   prev);
			return;
		}
		prev = now;
	} while (now - first < RUN_NS);
	back1 = xen_pvclock_back_reads(&deepest);
	ktest_log(t, "%llu reads in %llu ms; %llu TSC reads before their stamp (since boot %llu, deepest %lld ticks)",
		  reads, (now - first) / NSEC_PER_MSEC, back1 - back0, back1,
		  deepest);
}

static void ktime_covers_all_running_time(struct ktest *t)
{
	struct vcpu_runstate_info rs;
	u64 now, running;
	long rc;

	if (xen_dom0()) {
		ktest_skip(t, "dom0: Xen counts its vCPU from before our entry");
		return;
	}
	rc = HYPERVISOR_vcpu_op(VCPUOP_get_runstate_info, 0, &rs);
	now = ktime_ns();
	KTEST_ASSERT(t, rc == 0);
	running = rs.time[RUNSTATE_running];
	if (rs.state == RUNSTATE_running)
		running += xen_system_time_ns() - rs.state_entry_time;
	ktest_log(t, "ktime %llu ms, vCPU ran %llu ms (Xen's account)",
		  now / NSEC_PER_MSEC, running / NSEC_PER_MSEC);
	KTEST_EXPECT(t, running <= now + RUNSTATE_SLACK_NS);
}

static const struct ktest_case pvclock_cases[] = {
	KTEST_CASE(clock_never_leaps),
	KTEST_CASE(ktime_covers_all_running_time),
};

static const struct ktest_suite pvclock_suite = {
	.name = "xen_pvclock",
	.cases = pvclock_cases,
	.ncases = ARRAY_SIZE(pvclock_cases),
	.init = pvclock_suite_init,
};
KTEST_SUITE(pvclock_suite);
