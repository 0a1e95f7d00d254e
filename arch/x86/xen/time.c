// SPDX-License-Identifier: GPL-2.0
/*
 * Xen time for PV and PVH: the clock is pvclock (vcpu_time_info in this
 * vCPU's vcpu_info, scaled TSC deltas published by Xen under a version
 * counter), the one-shot timer is VCPUOP_set_singleshot_timer and it
 * fires VIRQ_TIMER, an event channel bound into the IRQ core.
 * ktime 0 is the kernel's first instruction (boot_tsc), as natively.
 */
#include <tern/printk.h>
#include <tern/timer.h>
#include <tern/xen/events.h>
#include <tern/xen/xen.h>
#include <asm/bitops.h>
#include <asm/boot.h>
#include <asm/pv_ops.h>
#include <asm/xen/hypercall.h>
#include <asm/xen/xen-ops.h>
#include <xen/vcpu.h>

static u64 xen_boot_ns;

/* System time (ns since Xen booted) at the given TSC value. */
static u64 pvclock_at(u64 tsc, bool now)
{
	volatile struct vcpu_time_info *t = &xen_vcpu_info->time;
	u32 ver;
	u64 ns;

	do {
		u64 delta;
		s8 shift;

		ver = t->version;
		rmb();
		if (now)
			tsc = native_rdtsc();
		delta = tsc - t->tsc_timestamp;
		shift = t->tsc_shift;
		if (shift < 0)
			delta >>= -shift;
		else
			delta <<= shift;
		ns = t->system_time +
		     (u64)(((unsigned __int128)delta * t->tsc_to_system_mul) >> 32);
		rmb();
	} while ((ver & 1) || ver != t->version);
	return ns;
}

u64 xen_system_time_ns(void)
{
	return pvclock_at(0, true);
}

static u64 xen_clock_ns(void)
{
	return pvclock_at(0, true) - xen_boot_ns;
}

static void xen_set_next_event(u64 delta_ns)
{
	struct vcpu_set_singleshot_timer st = {
		.timeout_abs_ns = pvclock_at(0, true) + delta_ns,
		.flags = 0,
	};

	HYPERVISOR_vcpu_op(VCPUOP_set_singleshot_timer, 0, &st);
}

static void xen_timer_irq(unsigned int irq, void *data)
{
	timer_interrupt();
}

/* Wallclock seconds (Unix time) from shared_info. */

u64 xen_wallclock_sec(void)
{
	volatile struct shared_info *s = xen_shared_info;
	u32 ver;
	u64 sec;

	do {
		ver = s->wc_version;
		rmb();
		sec = s->wc_sec | ((u64)s->xen_wc_sec_hi << 32);
		rmb();
	} while ((ver & 1) || ver != s->wc_version);
	return sec + xen_system_time_ns() / NSEC_PER_SEC;
}

void xen_time_init(void)
{
	int irq;

	xen_boot_ns = pvclock_at(boot_tsc, false);
	if (xen_boot_ns > pvclock_at(0, true))
		xen_boot_ns = pvclock_at(0, true);
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
