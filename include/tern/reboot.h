/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Machine control: how this machine powers off, restarts and ends after
 * a panic. The architecture fills machine_ops with its native ways
 * (x86: ACPI S5 and the reset registers; arm64: PSCI), and a Xen role
 * replaces them when it starts (SCHEDOP_shutdown, dom0's own ways), so
 * even an early panic leaves the way the role should. The generic half
 * (kernel/reboot.c) is machine_poweroff(), machine_restart() and
 * machine_halt_after_panic() (tern/kernel.h).
 */
#ifndef _TERN_REBOOT_H
#define _TERN_REBOOT_H

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
