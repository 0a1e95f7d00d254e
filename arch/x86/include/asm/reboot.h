/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Machine control (arch/x86/kernel/reboot.c): power-off and restart.
 * Native: ACPI S5 / reset; the Xen entry files replace them first thing
 * (SCHEDOP_shutdown; a dom0 powers off through XENPF_enter_acpi_sleep),
 * so that even an early panic leaves the way the role should.
 */
#ifndef _ASM_REBOOT_H
#define _ASM_REBOOT_H

/*
 * crash is how a panic ends: Xen's SHUTDOWN_crash, so the toolstack sees
 * a crash (xl's on_crash); NULL (native) means power off like
 * machine_poweroff.
 */
struct machine_ops {
	void (*poweroff)(void);
	void (*restart)(void);
	void (*crash)(void);
};

extern struct machine_ops machine_ops;

#endif
