/* SPDX-License-Identifier: GPL-2.0 */
#ifndef _ASM_REBOOT_H
#define _ASM_REBOOT_H

/* Native: ACPI S5 / reset; Xen backends replace them at boot. */
struct machine_ops {
	void (*poweroff)(void);
	void (*restart)(void);
};

extern struct machine_ops machine_ops;

#endif
