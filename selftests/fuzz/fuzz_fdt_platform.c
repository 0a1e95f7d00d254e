// SPDX-License-Identifier: GPL-2.0
/*
 * Fuzz fdt_platform_read() (lib/fdt/fdt_platform.c). The input is the
 * blob, all of it mapped; a blob that fdt_check() refuses is skipped
 * (fuzz_fdt covers that).
 *
 * Checked for every checked blob: the result is 0 or -EINVAL, with a
 * reason exactly when it is -EINVAL and then a zeroed struct, and the
 * same twice. After a success: every range read (console, GIC, ECAM,
 * PCI windows on both sides, the grant table) does not wrap past 2^64;
 * the PPIs are INTIDs 16..31 or 0 (absent); the bus range lies in
 * 0..255 inside the ECAM region; at most FDT_PCI_MAX_RANGES windows,
 * each of I/O or memory space, the 32-bit ones below 4 GiB, and the
 * unused slots zero; bootargs terminated inside its array; the initrd
 * does not end before it starts; the Xen fields only with xen set.
 */
#include <tern/fdt_platform.h>

#include "fuzz.h"

static struct fdt_platform p, again;
static const struct fdt_platform zero;

static void check_range(u64 base, u64 size)
{
	FUZZ_CHECK(!size || size - 1 <= ~0ULL - base);
}

static void check_ppi(u32 intid)
{
	FUZZ_CHECK(!intid || (intid >= 16 && intid < 32));
}

static void check_pci(const struct fdt_platform *p)
{
	const struct fdt_pci_range *r;
	unsigned int i;

	FUZZ_CHECK(p->pci_bus_start <= p->pci_bus_end);
	FUZZ_CHECK(p->pci_bus_end <= 255);
	if (p->ecam_size || p->ecam_base)
		FUZZ_CHECK(p->ecam_size >> 20 >=
			   p->pci_bus_end - p->pci_bus_start + 1);
	else
		FUZZ_CHECK(!p->pci_bus_end && !p->nr_pci_ranges);
	FUZZ_CHECK(p->nr_pci_ranges <= FDT_PCI_MAX_RANGES);
	for (i = 0; i < FDT_PCI_MAX_RANGES; i++) {
		r = &p->pci_ranges[i];
		if (i >= p->nr_pci_ranges) {
			FUZZ_CHECK(!r->space && !r->prefetchable &&
				   !r->pci_addr && !r->cpu_addr && !r->size);
			continue;
		}
		FUZZ_CHECK(r->space >= 1 && r->space <= 3);
		check_range(r->pci_addr, r->size);
		check_range(r->cpu_addr, r->size);
		if (r->space < 3 && r->size)
			FUZZ_CHECK(r->pci_addr + (r->size - 1) <= 0xffffffffULL);
	}
}

int LLVMFuzzerTestOneInput(const u8 *data, size_t size)
{
	const char *why, *why2;
	struct fdt f;
	int ret;

	if (fdt_check(data, size, &f))
		return 0;
	ret = fdt_platform_read(&f, &p, &why);
	FUZZ_CHECK(!ret || ret == -EINVAL);
	FUZZ_CHECK(!ret == !why);
	FUZZ_CHECK(!why || *why);
	FUZZ_CHECK(fdt_platform_read(&f, &again, &why2) == ret && why2 == why);
	FUZZ_CHECK(!memcmp(&again, &p, sizeof(p)));
	if (ret) {
		FUZZ_CHECK(!memcmp(&p, &zero, sizeof(p)));
		return 0;
	}
	check_range(p.uart_base, p.uart_size);
	check_range(p.gicd_base, p.gicd_size);
	check_range(p.gicr_base, p.gicr_size);
	check_range(p.ecam_base, p.ecam_size);
	check_range(p.xen_gnttab_base, p.xen_gnttab_size);
	check_ppi(p.timer_phys_intid);
	check_ppi(p.timer_virt_intid);
	FUZZ_CHECK(!p.timer_phys_intid == !p.timer_virt_intid);
	FUZZ_CHECK(p.psci <= FDT_PSCI_SMC);
	check_pci(&p);
	FUZZ_CHECK(strnlen(p.bootargs, FDT_BOOTARGS_MAX) < FDT_BOOTARGS_MAX);
	FUZZ_CHECK(p.initrd_start <= p.initrd_end);
	if (p.xen)
		FUZZ_CHECK(p.xen_evtchn_intid >= 16 && p.xen_evtchn_intid < 32);
	else
		FUZZ_CHECK(!p.xen_gnttab_base && !p.xen_gnttab_size &&
			   !p.xen_evtchn_intid);
	return 0;
}
