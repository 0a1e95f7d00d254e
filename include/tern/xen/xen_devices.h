/* SPDX-License-Identifier: GPL-2.0 */
/*
 * A domU's xenstore-based drivers, started after the ready line by
 * xen_devices_init() (drivers/xen/xen_devices.c), which the arch calls
 * through x86_platform.devices_init in a Xen domU.
 */
#ifndef _TERN_XEN_XEN_DEVICES_H
#define _TERN_XEN_XEN_DEVICES_H

#include <tern/types.h>

void xen_devices_init(void);
/* dom0: the toolstack hosts the guests in the boot module */
void xen_dom0_devices_init(void);
/* control/: xl shutdown, reboot, sysrq (drivers/xen/control.c) */
int xen_control_init(void);
u64 xen_control_requests(void);

#endif
