// SPDX-License-Identifier: GPL-2.0
/*
 * Fuzz fdt_pci_intx() (lib/fdt/fdt_pci.c). The input is the blob, all
 * of it mapped; a blob that fdt_check() refuses is skipped (fuzz_fdt
 * covers that). Every slot's INTA..INTD on buses 0 and 1 and the
 * out-of-range pins 0 and 5 are asked for.
 *
 * Checked for every answer: 0, -ENOENT or -EINVAL; a reason exactly
 * with -EINVAL; the result zeroed unless 0; on success an SPI (INTID
 * 32..1019); pins 0 and 5 never found; the same answer twice.
 */
#include <tern/fdt_pci.h>

#include "fuzz.h"

static void one(const struct fdt *f, u32 bus, u32 devfn, u32 pin)
{
	struct fdt_pci_irq irq, again;
	const char *why, *why2;
	int ret;

	memset(&irq, 0xa5, sizeof(irq));
	ret = fdt_pci_intx(f, bus, devfn, pin, &irq, &why);
	FUZZ_CHECK(!ret || ret == -ENOENT || ret == -EINVAL);
	FUZZ_CHECK((ret == -EINVAL) == !!why);
	FUZZ_CHECK(!why || *why);
	if (ret)
		FUZZ_CHECK(!irq.intid && !irq.edge);
	else
		FUZZ_CHECK(irq.intid >= 32 && irq.intid <= 1019);
	if (pin < 1 || pin > 4)
		FUZZ_CHECK(ret == -ENOENT);
	FUZZ_CHECK(fdt_pci_intx(f, bus, devfn, pin, &again, &why2) == ret &&
		   why2 == why);
	FUZZ_CHECK(again.intid == irq.intid && again.edge == irq.edge);
}

int LLVMFuzzerTestOneInput(const u8 *data, size_t size)
{
	struct fdt f;
	u32 slot, pin, bus;

	if (fdt_check(data, size, &f))
		return 0;
	for (bus = 0; bus < 2; bus++)
		for (slot = 0; slot < 4; slot++)
			for (pin = 0; pin <= 5; pin++)
				one(&f, bus, slot << 3, pin);
	return 0;
}
