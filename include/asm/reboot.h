/* SPDX-License-Identifier: GPL-2.0 */
#ifndef _ASM_REBOOT_H
#define _ASM_REBOOT_H

/*
 * Native: ACPI S5 / reset; Xen backends replace them at boot. crash is
 * how a panic ends: Xen's SHUTDOWN_crash, so the toolstack sees a crash
 * (xl's on_crash); NULL (native) means power off like machine_poweroff.
 */
struct machine_ops {
	void (*poweroff)(void);
	void (*restart)(void);
	void (*crash)(void);
};

extern struct machine_ops machine_ops;

#endif
