// SPDX-License-Identifier: GPL-2.0
/*
 * pv_ops.irq for Xen PV, and the C side of the PV entry (entry_pv.S).
 *
 * The interrupt flag of a PV vCPU is vcpu_info->evtchn_upcall_mask
 * (1 = events masked = "interrupts off"); EFLAGS.IF means nothing to a
 * ring-3 kernel. Unmasking does not by itself deliver an event that
 * arrived while masked: if evtchn_upcall_pending is set we make a cheap
 * hypercall, and Xen delivers the upcall on its way back.
 *
 * safe_halt is SCHEDOP_block called with events masked: Xen unmasks,
 * re-checks for a pending event and only then blocks, atomically, so
 * an event that arrives after the caller's check is never missed and
 * an idle vCPU sleeps until the next event (no periodic wake-ups).
 *
 * Before xen_pv_init() maps shared_info, xen_vcpu_info points at
 * early_vcpu_info, a stand-in that only carries the mask (Xen starts a
 * PV vCPU with events masked, so nothing is pending that we could miss).
 */
#include <tern/printk.h>
#include <tern/xen/events.h>
#include <tern/xen/xen.h>
#include <asm/bitops.h>
#include <asm/pv_ops.h>
#include <asm/traps.h>
#include <asm/xen/hypercall.h>
#include <asm/xen/xen-ops.h>
#include <xen/sched.h>
#include <xen/version.h>
#include "entry_pv.h"

struct vcpu_info xen_pv_early_vcpu_info = { .evtchn_upcall_mask = 1 };

static u64 pv_events;

static unsigned long xen_save_fl(void)
{
	return READ_ONCE(xen_vcpu_info->evtchn_upcall_mask) ? 0 : X86_EFLAGS_IF;
}

static void xen_irq_disable(void)
{
	WRITE_ONCE(xen_vcpu_info->evtchn_upcall_mask, 1);
	barrier();
}

static void xen_irq_enable(void)
{
	barrier();
	WRITE_ONCE(xen_vcpu_info->evtchn_upcall_mask, 0);
	/* the unmask must be visible before we look for a pending event */
	mb();
	/* an event that came in while masked: have Xen deliver it now */
	if (READ_ONCE(xen_vcpu_info->evtchn_upcall_pending))
		HYPERVISOR_xen_version(XENVER_version, NULL);
}

static void xen_restore_fl(unsigned long f)
{
	if (f & X86_EFLAGS_IF)
		xen_irq_enable();
	else
		xen_irq_disable();
}

/*
 * Enable events and wait for one, atomically (the contract of
 * pv_ops.irq.safe_halt). The caller checked its wake-up condition with
 * events masked; SCHEDOP_block with the mask set is Xen's documented
 * idle primitive: it clears evtchn_upcall_mask, checks
 * evtchn_upcall_pending after marking the vCPU blocked, and does not
 * block if an event is there, so nothing that arrived since the check
 * is lost. Xen delivers the pending upcall on the way back. No
 * timeout: an idle vCPU sleeps until its next timer or event.
 */
static void xen_safe_halt(void)
{
	xen_irq_disable();
	HYPERVISOR_sched_op(SCHEDOP_block, NULL);
	/* events are unmasked now; deliver anything Xen left pending */
	xen_irq_enable();
}

static void xen_halt(void)
{
	if (irqs_disabled())
		HYPERVISOR_sched_op(SCHEDOP_yield, NULL);
	else
		HYPERVISOR_sched_op(SCHEDOP_block, NULL);
}

const struct pv_irq_ops xen_pv_irq_ops = {
	.save_fl = xen_save_fl,
	.restore_fl = xen_restore_fl,
	.irq_disable = xen_irq_disable,
	.irq_enable = xen_irq_enable,
	.safe_halt = xen_safe_halt,
	.halt = xen_halt,
};

u64 xen_pv_event_count(void)
{
	return pv_events;
}

void xen_pv_do_trap(struct pt_regs *regs)
{
	if (regs->vector == XEN_PV_EVENT_VECTOR) {
		pv_events++;
		xen_evtchn_do_upcall();
		return;
	}
	if (regs->vector == XEN_PV_FAILSAFE_VECTOR) {
		dump_regs(regs);
		panic("xen: failsafe callback: Xen could not load the segments of an iret frame");
	}
	do_trap(regs);
}
