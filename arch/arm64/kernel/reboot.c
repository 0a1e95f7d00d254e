// SPDX-License-Identifier: GPL-2.0
/*
 * Power off and restart through PSCI (SYSTEM_OFF, SYSTEM_RESET), with
 * the conduit the device tree's /psci "method" names: hvc when the
 * firmware sits at EL2 (QEMU virt without virtualization=on), smc when
 * it sits at EL3 (QEMU's emulated PSCI when EL2 is ours). Until the tree
 * is read (or when it has no /psci), there is no conduit and power-off
 * just stops the CPU. After a panic: power off, like x86 natively.
 */
#include <tern/kernel.h>
#include <tern/printk.h>
#include <asm/pv_ops.h>
#include <asm/reboot.h>

#define PSCI_SYSTEM_OFF		0x84000008UL
#define PSCI_SYSTEM_RESET	0x84000009UL

static enum fdt_psci_conduit psci_conduit;

void psci_set_conduit(enum fdt_psci_conduit c)
{
	psci_conduit = c;
}

/* An SMC Calling Convention call: x4-x17 may come back changed. */
static u64 psci_call(u64 fn)
{
	register u64 x0 __asm__("x0") = fn;

	if (psci_conduit == FDT_PSCI_HVC)
		__asm__ __volatile__("hvc #0" : "+r"(x0) : :
				     "x1", "x2", "x3", "x4", "x5", "x6", "x7",
				     "x8", "x9", "x10", "x11", "x12", "x13",
				     "x14", "x15", "x16", "x17", "memory");
	else if (psci_conduit == FDT_PSCI_SMC)
		__asm__ __volatile__("smc #0" : "+r"(x0) : :
				     "x1", "x2", "x3", "x4", "x5", "x6", "x7",
				     "x8", "x9", "x10", "x11", "x12", "x13",
				     "x14", "x15", "x16", "x17", "memory");
	return x0;
}

static void psci_poweroff(void)
{
	if (psci_conduit != FDT_PSCI_NONE)
		psci_call(PSCI_SYSTEM_OFF);
}

static void psci_restart(void)
{
	if (psci_conduit != FDT_PSCI_NONE)
		psci_call(PSCI_SYSTEM_RESET);
}

struct machine_ops machine_ops = {
	.poweroff = psci_poweroff,
	.restart = psci_restart,
};
