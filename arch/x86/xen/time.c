// SPDX-License-Identifier: GPL-2.0
/*
 * Xen time for PV and PVH: the clock is pvclock (vcpu_time_info in this
 * vCPU's vcpu_info, scaled TSC deltas published by Xen under a version
 * counter; the arithmetic is in pvclock.c), the one-shot timer is
 * VCPUOP_set_singleshot_timer and it fires VIRQ_TIMER, an event channel
 * bound into the IRQ core.
 *
 * ktime 0 is the kernel's first instruction in every role: each entry
 * (head_64.S for PVH and native, xen-head.S for PV) stores the TSC as
 * its first act in boot_tsc, and xen_boot_ns is the system time at that
 * TSC. By the time xen_time_init() runs Xen has usually refreshed the
 * record, so boot_tsc lies before its stamp: pvclock_ns_at() counts
 * back from the stamp instead of wrapping.
 *
 * The TSC is read with lfence; rdtsc inside the version window, so it
 * is not hoisted above the loads of the record it is scaled with.
 *
 * The wallclock is shared_info's wc_sec (with xen_wc_sec_hi) and
 * wc_nsec, the Unix time at system time 0, plus the system time now.
 */
#include <tern/printk.h>
#include <tern/timer.h>
#include <tern/xen/events.h>
#include <tern/xen/xen.h>
#include <asm/bitops.h>
#include <asm/boot.h>
#include <asm/pv_ops.h>
#include <asm/xen/hypercall.h>
#include <asm/xen/pvclock.h>
#include <asm/xen/xen-ops.h>
#include <xen/vcpu.h>

static u64 xen_boot_ns;
static bool warned_unsettled;
/* "now" reads whose TSC was before the record's stamp, and the deepest */
static u64 back_reads;
static s64 back_min;

static u64 read_tsc_ordered(void)
{
	return rdtsc_ordered();
}

/* System time (ns since Xen booted) now, or at *at if at is non-NULL. */
static u64 pvclock_now_or_at(const u64 *at)
{
	struct pvclock_snapshot s;
	u64 tsc = 0;

	if (!pvclock_read(&xen_vcpu_info->time, &s,
			  at ? NULL : read_tsc_ordered, &tsc) &&
	    !warned_unsettled) {
		warned_unsettled = true;
		pr_warn("xen: pvclock record never settled (version %u)\n",
			READ_ONCE(xen_vcpu_info->time.version));
	}
	if (!at && (s64)(tsc - s.tsc_timestamp) < 0) {
		back_reads++;
		if ((s64)(tsc - s.tsc_timestamp) < back_min)
			back_min = tsc - s.tsc_timestamp;
	}
	return pvclock_ns_at(&s, at ? *at : tsc);
}

/* For tests: how often a TSC read lay before the stamp it was scaled by. */
u64 xen_pvclock_back_reads(s64 *deepest)
{
	*deepest = back_min;
	return back_reads;
}

/* Before Xen fills vCPU 0's time record, the PV clock reads 0. */
bool xen_system_time_runs(void)
{
	return xen_vcpu_info && READ_ONCE(xen_vcpu_info->time.tsc_to_system_mul);
}

u64 xen_system_time_ns(void)
{
	return pvclock_now_or_at(NULL);
}

static u64 xen_clock_ns(void)
{
	return pvclock_now_or_at(NULL) - xen_boot_ns;
}

static void xen_set_next_event(u64 delta_ns)
{
	struct vcpu_set_singleshot_timer st = {
		.timeout_abs_ns = xen_system_time_ns() + delta_ns,
		.flags = 0,
	};

	/* only for the calling vCPU: Xen refuses another's */
	HYPERVISOR_vcpu_op(VCPUOP_set_singleshot_timer, this_cpu()->hw_id, &st);
}

static void xen_timer_irq(unsigned int irq, void *data)
{
	timer_interrupt();
}

/* Wallclock seconds (Unix time): shared_info's wc_* + system time. */
u64 xen_wallclock_sec(void)
{
	const struct shared_info *s = xen_shared_info;
	unsigned int tries;
	u32 ver, nsec;
	u64 sec;

	for (tries = 0; tries < PVCLOCK_MAX_RETRIES; tries++) {
		ver = READ_ONCE(s->wc_version);
		rmb();		/* the version before the fields */
		sec = READ_ONCE(s->wc_sec) |
		      ((u64)READ_ONCE(s->xen_wc_sec_hi) << 32);
		nsec = READ_ONCE(s->wc_nsec);
		rmb();		/* the fields before the version check */
		if (!(ver & 1) && ver == READ_ONCE(s->wc_version))
			break;
	}
	/* wc_nsec < 1e9 and system time < 2^64 ns: no overflow in the sum */
	return sec + (xen_system_time_ns() + nsec) / NSEC_PER_SEC;
}

/* VIRQ_TIMER for another vCPU (before it comes up): its own IRQ. */
int xen_timer_bind_cpu(unsigned int cpu)
{
	int irq;

	HYPERVISOR_vcpu_op(VCPUOP_stop_periodic_timer, cpu_data[cpu].hw_id,
			   NULL);
	irq = bind_virq_cpu_to_irqhandler(VIRQ_TIMER, cpu, xen_timer_irq,
					  "virq-timer", NULL);
	if (irq < 0)
		pr_err("xen: cannot bind VIRQ_TIMER for vCPU %u (%d)\n",
		       cpu_data[cpu].hw_id, irq);
	return irq < 0 ? irq : 0;
}

void xen_time_init(void)
{
	u64 now;
	int irq;

	xen_boot_ns = pvclock_now_or_at(&boot_tsc);
	now = xen_system_time_ns();
	if (xen_boot_ns > now) {
		/* cannot be: a TSC that ran backwards, or no boot_tsc */
		pr_warn("xen: boot TSC %#llx is after now, ktime starts here\n",
			boot_tsc);
		xen_boot_ns = now;
	}
	pv_ops.time.clock_ns = xen_clock_ns;
	pv_ops.time.clock_name = "xen-pvclock";
	pv_ops.time.set_next_event = xen_set_next_event;

	HYPERVISOR_vcpu_op(VCPUOP_stop_periodic_timer, 0, NULL);
	irq = bind_virq_to_irqhandler(VIRQ_TIMER, xen_timer_irq, "virq-timer",
				      NULL);
	if (irq < 0)
		panic("xen: cannot bind VIRQ_TIMER (%d)", irq);
	timer_irq = irq;
	pr_info("xen: pvclock time, one-shot timer on VIRQ_TIMER (irq %d)\n",
		irq);
}
