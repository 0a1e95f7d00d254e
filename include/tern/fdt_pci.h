/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Device tree: a PCI function's INTx through its host bridge's
 * interrupt-map (lib/fdt/fdt_pci.c), for a bridge whose interrupts go
 * to a GICv3 as SPIs (QEMU virt's "pci-host-ecam-generic").
 *
 * Pure code over a checked tree (tern/fdt.h); the tree is firmware
 * input, so every cell count is bounded, every entry checked to lie in
 * its property, every phandle resolved before it is used.
 */
#ifndef _TERN_FDT_PCI_H
#define _TERN_FDT_PCI_H

#include <tern/fdt.h>

/* An SPI of the GIC: INTID 32..1019, edge (rising) or level (high). */
struct fdt_pci_irq {
	u32 intid;
	bool edge;
};

/*
 * The interrupt pin (1 INTA .. 4 INTD) of function devfn on bus, as the
 * first enabled "pci-host-ecam-generic" node's interrupt-map routes it
 * (the child unit address and pin masked with interrupt-map-mask, then
 * matched entry by entry). The host must have #address-cells 3 and
 * #interrupt-cells 1; every entry's parent is resolved by phandle and
 * must give its own #address-cells (absent: 0) and #interrupt-cells
 * (1..4). The matching entry's parent must be compatible "arm,gic-v3"
 * and its specifier an SPI (type 0) with trigger edge-rising (1) or
 * level-high (4).
 *
 * 0 with *irq set; -ENOENT (no host, no interrupt-map, no entry for
 * this pin, pin out of 1..4); -EINVAL with *why naming the first
 * malformed thing (reached before the match); *irq zeroed unless 0.
 * Only the host's own bus is meant: functions behind a bridge would
 * need the pin swizzled to the bridge first (not done here).
 */
int fdt_pci_intx(const struct fdt *f, u32 bus, u32 devfn, u32 pin,
		 struct fdt_pci_irq *irq, const char **why);

#endif
