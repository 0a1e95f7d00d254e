/* SPDX-License-Identifier: GPL-2.0 */
/* What arch/arm64/xen shares with the arm64 boot code. */
#ifndef _ASM_XEN_XEN_OPS_H
#define _ASM_XEN_XEN_OPS_H

#include <tern/fdt_platform.h>

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

#endif
