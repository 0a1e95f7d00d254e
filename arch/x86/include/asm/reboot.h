/* SPDX-License-Identifier: GPL-2.0 */
/*
 * x86 machine control (arch/x86/kernel/reboot.c): native ACPI S5 and
 * reset; the Xen entry files replace them first thing (SCHEDOP_shutdown;
 * a dom0 powers off through XENPF_enter_acpi_sleep). The table is
 * generic: tern/reboot.h.
 */
#ifndef _ASM_REBOOT_H
#define _ASM_REBOOT_H

#include <tern/reboot.h>

#endif
