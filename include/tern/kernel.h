/* SPDX-License-Identifier: GPL-2.0 */
#ifndef _TERN_KERNEL_H
#define _TERN_KERNEL_H

#include <tern/types.h>

/* Boot facts the generic kernel reports; filled by arch setup code. */
#define BOOT_PARAMS_MAX_MODS	8

struct boot_params {
	const char *role;		/* native, xen-pv-dom0, ... */
	/* boot modules (initrd): physical ranges, reserved, direct-mapped */
	unsigned int nr_mods;
	struct {
		u64 start;
		u64 size;
	} mods[BOOT_PARAMS_MAX_MODS];
	const char *cmdline;
	u64 ram_bytes;
	unsigned int nr_cpus;
	u64 rsdp_pa;			/* 0 = unknown, search for it */
	/* the boot loader's copy of the RSDP (multiboot2 ACPI tag), or NULL */
	const void *rsdp_copy;
	const char *rsdp_from;		/* where the RSDP came from, or NULL */
};

extern struct boot_params boot_params;
extern bool opt_selftest;
extern bool opt_noshutdown;
/*
 * xen_wait_domains=SECONDS: an arm64 dom0 waits, at power-off, up to
 * that long for the domains Xen started beside it (dom0less) to shut
 * down, and reports how each did (Documentation/arm64.md).
 */
extern unsigned int opt_xen_wait_domains;

/* Generic boot, after arch setup (kernel/main.c). */
__noreturn void start_kernel(void);
void parse_cmdline(const char *cmdline);

/* Machine control (arch): poweroff, restart. Never return. */
__noreturn void machine_poweroff(void);
__noreturn void machine_restart(void);
__noreturn void machine_halt_after_panic(void);

/* Arch facts printed right after the ready line (e.g. hypercall counts). */
void arch_report_ready(void);
/* Arch work deferred past the ready line, before devices are probed. */
void arch_after_ready(void);
/* After the PCI drivers: the platform's own devices (Xen's xenbus). */
void arch_devices_init(void);
/* Calls into the hypervisor so far (0 natively). */
u64 arch_hypercall_count(void);

/* Milliseconds of boot time so far (since the kernel's first instruction). */
u64 boot_time_ms(void);

/* kernel/monitor.c */
__noreturn void monitor_run(void);

#endif
