// SPDX-License-Identifier: GPL-2.0
/*
 * Native (and, later, PVH) arch setup: the linear boot order from the
 * 64-bit entry to start_kernel(). The boot protocol is known from the
 * entry point; the role is decided here, once, and never re-derived.
 *
 *   consoles -> GDT/IDT -> boot info -> command line -> memory (direct
 *   map, allocator) -> ACPI -> interrupt controllers -> clock and timer
 *   -> console input -> start_kernel()
 */
#include <tern/console.h>
#include <tern/kernel.h>
#include <tern/mm.h>
#include <tern/printk.h>
#include <tern/acpi.h>
#include <tern/irq.h>
#include <asm/apic.h>
#include <asm/boot.h>
#include <asm/bootinfo.h>
#include <asm/page.h>
#include <asm/pgtable.h>
#include <asm/traps.h>
#include <asm/xen/role.h>
#include <asm/xen/xen-ops.h>

/* Usable RAM (after the kernel and boot data) Tern needs to run. */
#define MIN_RAM_MIB	4

void e9_console_init(void);

static struct boot_info boot_info;

/* Before paging_init the low 4 GiB are identity mapped. */
static const void *boot_map_low(u64 pa, size_t len)
{
	if (pa + len < pa || pa + len > (4ULL << 30))
		return NULL;
	return (const void *)(uintptr_t)pa;
}

static void reserve_boot_ranges(struct boot_info *bi)
{
	u64 start = virt_to_phys(_text) & PAGE_MASK;
	u64 end = max((u64)virt_to_phys(_end), bi->kmap_end);
	unsigned int i;

	memmap_reserve(&bi->mm, start, end - start, MEMMAP_RESERVED);
	for (i = 0; i < bi->nr_mods; i++)
		memmap_reserve(&bi->mm, bi->mods[i].start, bi->mods[i].size,
			       MEMMAP_RESERVED);
}

static void memory_setup(struct boot_info *bi)
{
	unsigned int i;
	u64 ram;

	reserve_boot_ranges(bi);
	ram = memmap_ram_bytes(&bi->mm);
	if (ram < ((u64)MIN_RAM_MIB << 20))
		panic("not enough memory: %llu KiB of usable RAM, Tern needs at least %u MiB",
		      ram >> 10, MIN_RAM_MIB);
	paging_init(&bi->mm, bi->kmap_end);
	mm_init(&bi->mm);
	paging_init_late();
	boot_params.ram_bytes = ram;
	for (i = 0; i < bi->nr_mods && i < BOOT_PARAMS_MAX_MODS; i++) {
		boot_params.mods[i].start = bi->mods[i].start;
		boot_params.mods[i].size = bi->mods[i].size;
		pr_info("boot module %u: %#llx-%#llx (%llu KiB)\n", i,
			bi->mods[i].start, bi->mods[i].start + bi->mods[i].size,
			bi->mods[i].size >> 10);
	}
	boot_params.nr_mods = i;
}

static const char *role_name(void)
{
	if (xen_pvh())
		return xen_dom0() ? "xen-pvh-dom0" : "xen-pvh-domu";
	if (xen_pv())
		return xen_dom0() ? "xen-pv-dom0" : "xen-pv-domu";
	return "native";
}

static void native_interrupts_setup(void)
{
	i8259_mask_all();
	if (acpi.have_madt && acpi.nr_ioapics) {
		lapic_init(acpi.lapic_addr);
		ioapic_init();
	} else {
		pr_warn("irq: no IO-APIC in the MADT, using the 8259 PIC\n");
		lapic_init(acpi.have_madt ? acpi.lapic_addr : 0xfee00000);
		i8259_init_legacy();
	}
}

void arch_report_ready(void)
{
	if (xen_domain())
		xen_print_hypercall_counts();
}

/*
 * Everything after the entry-specific part: the entry has set up the
 * consoles, descriptor tables, the role and *bi (with a memory map).
 */
void setup_arch(struct boot_info *bi, const char *via)
{
	boot_params.role = role_name();
	boot_params.cmdline = bi->cmdline;
	boot_params.rsdp_pa = bi->rsdp;
	parse_cmdline(bi->cmdline);
	pr_info("Tern booting via %s, command line \"%s\"\n", via, bi->cmdline);

	memory_setup(bi);
	if (xen_pvh())
		xen_pvh_init();
	else if (xen_pv())
		xen_pv_init();
	if (xen_pv())
		/* machine memory: only the PV power-off code reads it */
		pr_info("acpi: not used by a Xen PV guest\n");
	else if (acpi_init(boot_params.rsdp_pa))
		pr_warn("acpi: no ACPI tables, assuming one CPU and PC defaults\n");
	boot_params.nr_cpus = acpi.have_madt && acpi.nr_cpus ? acpi.nr_cpus : 1;
	if (xen_pv())
		boot_params.nr_cpus = xen_nr_vcpus();	/* no MADT in PV */
	if (xen_domain() && !xen_dom0() && acpi.rsdp_pa)
		acpi.fixed_hw_withheld =
			"Xen domU: no device model behind the ACPI fixed hardware";
	if (xen_domain() && acpi.pm_tmr_port) {
		/* Xen keeps the PM timer for itself: its port reads ~0 */
		acpi.pm_tmr_port = 0;
		acpi.pm_tmr_withheld = "the PM timer belongs to Xen";
	}

	if (xen_domain()) {
		/* a dom0 sees the IO-APICs Xen emulates; a domU has none */
		if (xen_pvh() && xen_dom0() && acpi.nr_ioapics)
			ioapic_init();
	} else {
		native_interrupts_setup();
		tsc_init();
		lapic_timer_init();
	}
	if (serial8250_enable_rx(isa_irq_to_gsi(4)) && !xen_domain())
		pr_warn("console: no interrupt-driven input on COM1\n");

	start_kernel();
}

/* Native and PVH entry (head_64.S), multiboot2 or PVH start info. */
void x86_64_start(u32 proto, u32 info_pa)
{
	const char *err;

	e9_console_init();
	serial8250_init();
	gdt_init();
	trap_init();

	if (proto == BOOT_PROTO_MB2)
		err = mb2_parse(info_pa, boot_map_low, &boot_info);
	else
		err = pvh_parse(info_pa, boot_map_low, &boot_info);
	if (err)
		panic("bad boot information: %s", err);

	/* native or Xen PVH: the same entry; Xen's CPUID leaves tell */
	if (proto == BOOT_PROTO_PVH && xen_cpuid_base())
		xen_pvh_early_init(boot_info.flags);
	if (!boot_info.mm.nr && xen_domain() && xen_memory_map(&boot_info.mm))
		panic("bad boot information: XENMEM_memory_map failed");
	if (!boot_info.mm.nr)
		panic("bad boot information: no memory map");

	setup_arch(&boot_info, proto == BOOT_PROTO_MB2 ? "multiboot2" : "PVH");
}
