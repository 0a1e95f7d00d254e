/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Machine control (arch/arm64/kernel/reboot.c): power-off and restart
 * through PSCI (SYSTEM_OFF, SYSTEM_RESET) with the conduit the device
 * tree's /psci names; the Xen code replaces crash and, for dom0,
 * poweroff (arch/arm64/xen/enlighten.c). The table is generic:
 * tern/reboot.h.
 */
#ifndef _ASM_REBOOT_H
#define _ASM_REBOOT_H

#include <tern/fdt_platform.h>
#include <tern/reboot.h>

/* The PSCI conduit (none until the device tree is read). */
void psci_set_conduit(enum fdt_psci_conduit c);

#endif
