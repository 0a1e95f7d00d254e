// SPDX-License-Identifier: GPL-2.0
/*
 * Power off and restart: ACPI S5, then reset (FADT reset register,
 * 0xCF9, keyboard controller), then a deliberate triple fault. QEMU with
 * -no-reboot exits on any of the resets. After a panic: machine_ops.crash
 * where the platform has one (Xen: SHUTDOWN_crash), else power off.
 */
#include <tern/kernel.h>
#include <tern/acpi.h>
#include <tern/printk.h>
#include <asm/pv_ops.h>
#include <asm/reboot.h>

static void triple_fault(void)
{
	struct desc_ptr p = { 0, 0 };

	pv_ops.cpu.load_idt(&p);
	__asm__ __volatile__("int3");
}

static void native_restart(void)
{
	acpi_reset();
	triple_fault();
}

static void native_poweroff(void)
{
	acpi_poweroff();
}

struct machine_ops machine_ops = {
	.poweroff = native_poweroff,
	.restart = native_restart,
};
