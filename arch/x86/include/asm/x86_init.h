/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The platform ops: what a role (native, Xen PV, Xen PVH; dom0 or domU)
 * changes in the boot sequence, as one table of hooks in the spirit of
 * Linux's x86_init / x86_platform.
 *
 * setup_arch() (arch/x86/kernel/setup.c) is one linear sequence that
 * calls these hooks in the order they are listed, and never asks which
 * role runs. The native hooks are the static initial value
 * (arch/x86/kernel/x86_init.c); a Xen entry file overwrites the table
 * once, before setup_arch() runs (enlighten_pvh.c for PVH,
 * enlighten_pv.c for PV), making its dom0-vs-domU choices there.
 *
 * pv_ops (asm/pv_ops.h) is the other table: privileged instructions,
 * called at any time. machine_ops (asm/reboot.h) holds power-off and
 * restart, which a panic may need before the platform is set up.
 */
#ifndef _ASM_X86_INIT_H
#define _ASM_X86_INIT_H

#include <tern/types.h>

struct memmap;
struct acpi_info;

struct x86_platform_ops {
	/* The role, as the ready line prints it: native, xen-pv-dom0, ... */
	const char *name;
	/*
	 * The boot information carried no memory map: fill *mm. NULL, or
	 * what went wrong (native: there is nowhere else to ask).
	 */
	const char *(*memory_map)(struct memmap *mm);
	/*
	 * After mm_init(): the hypervisor's interfaces (shared info,
	 * vcpu_info, event channels, Xen console, the DMA model). Native:
	 * nothing.
	 */
	void (*hypervisor_init)(void);
	/* Find and parse the ACPI tables (rsdp_pa from the boot protocol). */
	void (*acpi_init)(u64 rsdp_pa);
	/*
	 * What of the parsed tables the role keeps from the kernel: ACPI
	 * fixed hardware nobody emulates, a PM timer that belongs to Xen.
	 */
	void (*acpi_policy)(struct acpi_info *a);
	/* CPUs (or vCPUs) this kernel was given. */
	unsigned int (*nr_cpus)(void);
	/* Interrupt controllers: LAPIC or 8259; Xen upcall. */
	void (*intr_init)(void);
	/*
	 * After the ready line: routing for device interrupts (the
	 * IO-APICs), needed by nothing before the devices are probed.
	 */
	void (*device_intr_init)(void);
	/* The clock source and the one-shot timer (pv_ops.time). */
	void (*timer_init)(void);
	/* Choose the PCI platform (pci_platform: config space, MSI-X). */
	void (*pci_init)(void);
	/* After the ready line: interrupt-driven console input. */
	void (*console_input_init)(void);
	/*
	 * After the PCI drivers: the platform's own devices (a Xen domU's
	 * xenstore, xenbus and split drivers). Native: nothing.
	 */
	void (*devices_init)(void);
	/* Calls into the hypervisor so far (0 natively), for benchmarks. */
	u64 (*hypercall_count)(void);
	/* Facts printed right after the ready line (hypercall counts). */
	void (*report_ready)(void);
};

extern struct x86_platform_ops x86_platform;

/* Native hooks a Xen role reuses (arch/x86/kernel/x86_init.c). */
void native_acpi_init(u64 rsdp_pa);
unsigned int native_nr_cpus(void);
void x86_platform_nop(void);
/* device_intr_init of a platform with an emulated or real IO-APIC. */
void x86_ioapic_init_if_any(void);
void x86_acpi_policy_nop(struct acpi_info *a);

#endif
