// SPDX-License-Identifier: GPL-2.0
/*
 * Kernel glue for the ACPI table parser: firmware memory is read through
 * the direct map (it covers all of 0..4 GiB and all RAM), the result
 * lands in the global `acpi`, and one summary line is logged.
 *
 * `acpi.rsdp_pa == 0` means "no ACPI" for the rest of the kernel (and for
 * the ktest suite, which then skips its live-machine cases).
 */
#include <tern/acpi.h>
#include <tern/kernel.h>
#include <tern/printk.h>
#include <tern/string.h>
#include <asm/page.h>

struct acpi_info acpi;

static const void *acpi_map_direct(u64 pa, size_t len)
{
	if (pa + len < pa || pa + len > DIRECT_MAP_MAX)
		return NULL;
	return phys_to_virt(pa);
}

static void acpi_warn_printk(const char *msg)
{
	pr_warn("%s\n", msg);
}

int acpi_init(u64 rsdp_hint)
{
	static const char *const space[] = { "mem", "io", "pci" };
	char s5[16], reset[48], mcfg[48];
	u64 rsdp;

	/* GRUB's copy lives in the kernel image, mapped like any RAM */
	if (!rsdp_hint && boot_params.rsdp_copy)
		rsdp_hint = virt_to_phys(boot_params.rsdp_copy);
	rsdp = rsdp_hint;

	if (rsdp && acpi_parse(rsdp, acpi_map_direct, &acpi,
			       acpi_warn_printk)) {
		pr_warn("ACPI: RSDP 0x%llx from the boot loader is invalid, scanning\n",
			(unsigned long long)rsdp);
		rsdp = 0;
	}
	if (!rsdp) {
		rsdp = acpi_find_rsdp(acpi_map_direct);
		if (!rsdp || acpi_parse(rsdp, acpi_map_direct, &acpi,
					acpi_warn_printk)) {
			memset(&acpi, 0, sizeof(acpi));
			pr_info("ACPI: no RSDP found\n");
			return -ENODEV;
		}
	}

	if (acpi.have_s5)
		snprintf(s5, sizeof(s5), "%u/%u", acpi.s5_typa, acpi.s5_typb);
	else
		strlcpy(s5, "none", sizeof(s5));
	if (acpi.reset_supported)
		snprintf(reset, sizeof(reset), "%s 0x%llx=0x%x",
			 acpi.reset_reg.space_id < ARRAY_SIZE(space) ?
			 space[acpi.reset_reg.space_id] : "other",
			 (unsigned long long)acpi.reset_reg.address,
			 acpi.reset_value);
	else
		strlcpy(reset, "none", sizeof(reset));
	if (acpi.have_mcfg)
		snprintf(mcfg, sizeof(mcfg), "0x%llx bus %u-%u",
			 (unsigned long long)acpi.mcfg_base,
			 acpi.mcfg_bus_start, acpi.mcfg_bus_end);
	else
		strlcpy(mcfg, "none", sizeof(mcfg));

	pr_info("ACPI: RSDP 0x%llx (from %s) rev %u: %u CPUs, %u IO-APICs, PM1a 0x%x, PM timer 0x%x/%u-bit, S5 %s, reset %s, MCFG %s\n",
		(unsigned long long)acpi.rsdp_pa,
		rsdp == rsdp_hint && boot_params.rsdp_from ?
		boot_params.rsdp_from : "a scan of the BIOS area",
		acpi.revision, acpi.nr_cpus,
		acpi.nr_ioapics, acpi.pm1a_cnt, acpi.pm_tmr_port,
		acpi.pm_tmr_32bit ? 32 : 24, s5, reset, mcfg);
	return 0;
}
