// SPDX-License-Identifier: GPL-2.0
/*
 * Fuzz the ACPI table parser (drivers/acpi/tables.c): RSDP, XSDT/RSDT,
 * MADT, FADT, DSDT \_S5, MCFG, HPET. The input is physical memory from
 * address 0. acpi_find_rsdp() scans it (the BDA's EBDA pointer at
 * 0x40e, the BIOS area when the input is that large); acpi_parse() then
 * starts at the RSDP found, or at address 0.
 */
#include <tern/acpi.h>

#include "fuzz.h"

#define WARN_MAX	96

static struct acpi_info info;

static void warn(const char *msg)
{
	FUZZ_CHECK(strnlen(msg, WARN_MAX) < WARN_MAX);
}

int LLVMFuzzerTestOneInput(const u8 *data, size_t size)
{
	u64 rsdp;
	int ret;

	fuzz_mem_begin(data, size, 0);
	rsdp = acpi_find_rsdp(fuzz_map);
	ret = acpi_parse(rsdp, fuzz_map, &info, warn);
	fuzz_mem_end();

	FUZZ_CHECK(ret == 0 || ret == -EINVAL);
	FUZZ_CHECK(info.nr_cpus <= ACPI_MAX_CPUS);
	FUZZ_CHECK(info.nr_ioapics <= ACPI_MAX_IOAPICS);
	FUZZ_CHECK(info.nr_iso <= ACPI_MAX_ISO);
	if (ret)
		FUZZ_CHECK(!info.have_madt && !info.have_fadt);
	if (info.have_s5)
		FUZZ_CHECK(info.have_fadt && info.dsdt_pa);
	return 0;
}
