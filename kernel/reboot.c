// SPDX-License-Identifier: GPL-2.0
/*
 * The generic half of machine control (tern/reboot.h): interrupts off,
 * then the role's machine_ops. A power-off that returns falls back to a
 * restart, and a restart that returns halts the CPU for good. After a
 * panic: the role's crash op where it has one, else power off; with
 * noshutdown, stay halted so the console can be read.
 */
#include <tern/kernel.h>
#include <tern/printk.h>
#include <tern/reboot.h>
#include <asm/pv_ops.h>

void machine_restart(void)
{
	local_irq_disable();
	machine_ops.restart();
	for (;;)
		halt();
}

void machine_poweroff(void)
{
	local_irq_disable();
	machine_ops.poweroff();
	pr_err("poweroff: did not power off, resetting instead\n");
	machine_restart();
}

void machine_halt_after_panic(void)
{
	local_irq_disable();
	if (opt_noshutdown) {
		for (;;)
			halt();
	}
	if (machine_ops.crash)
		machine_ops.crash();
	machine_poweroff();
}
