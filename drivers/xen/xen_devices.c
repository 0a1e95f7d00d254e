// SPDX-License-Identifier: GPL-2.0
/*
 * Start a domU's xenstore-based drivers: the xenstore connection, the
 * device drivers (registered before the first scan so that the boot
 * devices are probed at once), xenbus, the control nodes. Each failure
 * is reported and leaves the rest running.
 */
#include <tern/boot_trace.h>
#include <tern/printk.h>
#include <tern/xen/toolstack.h>
#include <tern/xen/balloon.h>
#include <tern/xen/blkfront.h>
#include <tern/xen/netfront.h>
#include <tern/xen/xen_devices.h>
#include <tern/xen/xenbus.h>
#include <tern/xen/xenstore.h>

void xen_dom0_devices_init(void)
{
	toolstack_init();
}

void xen_devices_init(void)
{
	int err;

	boot_phase("xenstore");
	err = xenstore_init();
	if (err) {
		pr_err("xen: no xenstore (%d): no devices, no control\n", err);
		return;
	}
	blkfront_init();
	netfront_init();
	boot_phase("xenbus");
	err = xenbus_init();
	if (err)
		pr_err("xen: xenbus not started (%d)\n", err);
	xen_control_init();
	xen_balloon_init();
}
