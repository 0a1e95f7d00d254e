/* SPDX-License-Identifier: GPL-2.0 */
/* What arch/arm64/xen shares with the arm64 boot code. */
#ifndef _ASM_XEN_XEN_OPS_H
#define _ASM_XEN_XEN_OPS_H

#include <tern/fdt_platform.h>
#include <tern/timer.h>

/*
 * Under Xen (the device tree's /hypervisor node): Xen's console for
 * dom0, and the role name ("arm64-xen-dom0" or "arm64-xen-domu");
 * NULL natively.
 */
const char *xen_arm_init(const struct fdt_platform *p);
/* After xen_arm_init(): under Xen at all, and as dom0 */
bool xen_arm_present(void);
bool xen_arm_dom0(void);
/*
 * Under Xen, once the GIC is up (events.c): shared_info, vCPU 0's
 * vcpu_info and the event-channel PPI intid, then the shared code's
 * xen_evtchn_init(). -ENODEV natively.
 */
int xen_arm_events_init(u32 intid);

/*
 * A domU's rings (rings.c): the console ring at once (from
 * xen_arm_init()); console input, xenstore and the xenbus drivers after
 * the ready line (arch_devices_init()).
 */
void xen_arm_console_ring_init(void);
void xen_arm_devices_init(void);
/* Why a ring's HVM params cannot be used; NULL when they can */
const char *xen_arm_ring_refusal(u64 pfn, u64 evtchn, u64 img, u64 img_end);

/*
 * Xen's system time, for the shared code's bounded waits (the console
 * ring's). On Arm, Xen leaves vcpu_info's time record empty and guests
 * read the generic timer, as ktime_ns() does from the first
 * instruction: it always runs.
 */
static inline u64 xen_system_time_ns(void)
{
	return ktime_ns();
}

static inline bool xen_system_time_runs(void)
{
	return true;
}

#endif
