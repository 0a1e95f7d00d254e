// SPDX-License-Identifier: GPL-2.0
/*
 * Arch setup: the linear boot order from the 64-bit entry to
 * start_kernel(), the same for every role. The boot protocol is known
 * from the entry point; the role is decided by the entry, once, and is
 * visible here only as the platform ops it installed
 * (arch/x86/include/asm/x86_init.h):
 *
 *   consoles -> GDT/IDT -> boot info -> command line -> memory (direct
 *   map, allocator) -> hypervisor interfaces -> ACPI and the role's
 *   ACPI policy -> CPU count -> interrupt controllers -> clock and
 *   timer -> PCI platform -> console input -> start_kernel()
 */
#include <tern/console.h>
#include <tern/kernel.h>
#include <tern/mm.h>
#include <tern/printk.h>
#include <tern/version.h>
#include <tern/smp.h>
#include <tern/acpi.h>
#include <tern/boot_trace.h>
#include <asm/boot.h>
#include <asm/bootinfo.h>
#include <asm/page.h>
#include <asm/pgtable.h>
#include <asm/traps.h>
#include <asm/x86_init.h>
#include <asm/xen/role.h>

/* Usable RAM (after the kernel and boot data) Tern needs to run. */
#define MIN_RAM_MIB	4

void e9_console_init(void);

static struct boot_info boot_info;

const struct memmap *boot_memmap(void)
{
	return &boot_info.mm;
}

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
	u64 end = virt_to_phys(_end);
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
	boot_phase("mm");
	mm_init(&bi->mm);
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

/*
 * After the ready line: what can wait until the devices are probed (the
 * rest of a 4 KiB direct map, IO-APIC routing, console input).
 */
void arch_after_ready(void)
{
	boot_phase("paging_late");
	paging_init_late();
	boot_phase("device_intr");
	x86_platform.device_intr_init();
	x86_platform.console_input_init();
	boot_phase("smp");
	smp_init();
}

/* After the PCI drivers: the platform's own devices. */
void arch_devices_init(void)
{
	x86_platform.devices_init();
}

u64 arch_hypercall_count(void)
{
	return x86_platform.hypercall_count();
}

void arch_report_ready(void)
{
	x86_platform.report_ready();
}

/*
 * Everything after the entry-specific part: the entry has set up the
 * consoles, descriptor tables, the platform ops (x86_platform) and *bi
 * (with a memory map). One sequence for every role: what differs is
 * behind the platform ops.
 */
void setup_arch(struct boot_info *bi, const char *via)
{
	boot_params.role = x86_platform.name;
	boot_params.cmdline = bi->cmdline;
	boot_params.rsdp_pa = bi->rsdp;
	if (bi->rsdp_tag) {
		/* GRUB's copy, in boot_info inside the (reserved) image */
		boot_params.rsdp_copy = bi->rsdp_copy;
		boot_params.rsdp_from = bi->rsdp_tag == BOOT_RSDP_TAG_NEW ?
			"the multiboot2 ACPI 2.0 tag" :
			"the multiboot2 ACPI 1.0 tag";
	} else if (bi->rsdp) {
		boot_params.rsdp_from = "the PVH start info";
	}
	parse_cmdline(bi->cmdline);
	pr_info("Tern %s booting via %s, command line \"%s\"\n", tern_version,
		via, bi->cmdline);
	if (bi->mmap_from_efi)
		pr_info("memory map from the multiboot2 EFI memory map tag\n");

	boot_phase("memory");
	memory_setup(bi);
	boot_phase("hypervisor");
	x86_platform.hypervisor_init();
	boot_phase("acpi");
	x86_platform.acpi_init(boot_params.rsdp_pa);
	x86_platform.acpi_policy(&acpi);
	boot_params.nr_cpus = x86_platform.nr_cpus();
	boot_phase("interrupts");
	x86_platform.intr_init();
	boot_phase("clock");
	x86_platform.timer_init();
	boot_phase("platform");
	x86_platform.pci_init();

	start_kernel();
}

/* Native and PVH entry (head_64.S), multiboot2 or PVH start info. */
void x86_64_start(u32 proto, u32 info_pa)
{
	const char *err;

	percpu_set(0);
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
	if (!boot_info.mm.nr) {
		err = x86_platform.memory_map(&boot_info.mm);
		if (err)
			panic("bad boot information: %s", err);
	}
	if (!boot_info.mm.nr)
		panic("bad boot information: no memory map");

	setup_arch(&boot_info, proto == BOOT_PROTO_MB2 ? "multiboot2" : "PVH");
}
