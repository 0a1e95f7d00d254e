/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Machine control (arch/arm64/kernel/reboot.c): power-off and restart
 * through PSCI (SYSTEM_OFF, SYSTEM_RESET) with the conduit the device
 * tree's /psci names. The same table as x86's, for the Xen entry to
 * replace later; crash NULL: a panic powers off.
 */
#ifndef _ASM_REBOOT_H
#define _ASM_REBOOT_H

#include <tern/fdt_platform.h>

struct machine_ops {
	void (*poweroff)(void);
	void (*restart)(void);
	void (*crash)(void);
};

extern struct machine_ops machine_ops;

/* The PSCI conduit (none until the device tree is read). */
void psci_set_conduit(enum fdt_psci_conduit c);

#endif
