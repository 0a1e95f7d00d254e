// SPDX-License-Identifier: GPL-2.0
/*
 * The native platform ops (arch/x86/include/asm/x86_init.h): a PC with ACPI,
 * LAPIC + IO-APICs (or the 8259 when the MADT lists no IO-APIC; the
 * IO-APICs after the ready line, before the devices), the TSC
 * calibrated against the PIT, the LAPIC one-shot timer, native PCI and
 * MSI-X, COM1 input on its GSI. This is the static initial value of
 * x86_platform; the Xen entry files overwrite it before setup_arch().
 */
#include <tern/acpi.h>
#include <tern/console.h>
#include <tern/memmap.h>
#include <tern/printk.h>
#include <asm/apic.h>
#include <asm/smpboot.h>
#include <asm/x86_init.h>

void x86_platform_nop(void)
{
}

void x86_acpi_policy_nop(struct acpi_info *a)
{
}

static const char *native_memory_map(struct memmap *mm)
{
	return "no memory map";
}

void native_acpi_init(u64 rsdp_pa)
{
	if (acpi_init(rsdp_pa))
		pr_warn("acpi: no ACPI tables, assuming one CPU and PC defaults\n");
}

/* The MADT's CPUs, numbered for smp_init() (boot CPU first). */
unsigned int native_nr_cpus(void)
{
	return native_smp_prepare();
}

static void native_intr_init(void)
{
	i8259_mask_all();
	if (acpi.have_madt && acpi.nr_ioapics) {
		lapic_init(acpi.lapic_addr);
	} else {
		pr_warn("irq: no IO-APIC in the MADT, using the 8259 PIC\n");
		lapic_init(acpi.have_madt ? acpi.lapic_addr : 0xfee00000);
		i8259_init_legacy();
	}
}

/* The IO-APICs' pins, masked; each is programmed when its GSI is used. */
void x86_ioapic_init_if_any(void)
{
	if (acpi.have_madt && acpi.nr_ioapics)
		ioapic_init();
}

static void native_timer_init(void)
{
	tsc_init();
	lapic_timer_init();
}

static void native_console_input_init(void)
{
	if (serial8250_enable_rx(isa_irq_to_gsi(4)))
		pr_warn("console: no interrupt-driven input on COM1\n");
}

static u64 native_hypercall_count(void)
{
	return 0;
}

struct x86_platform_ops x86_platform = {
	.name = "native",
	.memory_map = native_memory_map,
	.hypervisor_init = x86_platform_nop,
	.acpi_init = native_acpi_init,
	.acpi_policy = x86_acpi_policy_nop,
	.nr_cpus = native_nr_cpus,
	.intr_init = native_intr_init,
	.device_intr_init = x86_ioapic_init_if_any,
	.timer_init = native_timer_init,
	/* pci_init() falls back to arch_pci_platform(): native (msi.c) */
	.pci_init = x86_platform_nop,
	.console_input_init = native_console_input_init,
	.devices_init = x86_platform_nop,
	.hypercall_count = native_hypercall_count,
	.report_ready = x86_platform_nop,
};
