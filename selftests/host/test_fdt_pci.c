// SPDX-License-Identifier: GPL-2.0
/*
 * Host tests for lib/fdt/fdt_pci.c (fdt_pci_intx): a PCI function's INTx
 * through the host bridge's interrupt-map.
 *
 * Trees compiled by the real dtc: QEMU 7.2's own virt tree (dumped with
 * dumpdtb=, selftests/host/fdt/qemu-virt-gicv3.dts, unchanged), read
 * for every slot and pin with the swizzle QEMU documents; the fuzzer's
 * seed small-pci-intx.dts; and small
 * sources written here, each a valid tree with exact results or one
 * malformed property refused with its reason. Without dtc these cases
 * skip, saying so. Every blob is read from an exactly sized heap copy,
 * so ASan sees any read past its end.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <cmocka.h>

#include "fdt_dtc.h"

#include <tern/fdt_pci.h>

/* ---- the cases ---- */

static struct fdt_pci_irq irq;
static const char *why;

static int intx(u32 bus, u32 devfn, u32 pin)
{
	return fdt_pci_intx(&f, bus, devfn, pin, &irq, &why);
}

static void expect_spi(u32 bus, u32 devfn, u32 pin, u32 intid, bool edge)
{
	assert_int_equal(intx(bus, devfn, pin), 0);
	assert_null(why);
	assert_int_equal(irq.intid, intid);
	assert_int_equal(irq.edge, edge);
}

static void expect_none(u32 bus, u32 devfn, u32 pin)
{
	assert_int_equal(intx(bus, devfn, pin), -ENOENT);
	assert_null(why);
	assert_int_equal(irq.intid, 0);
	assert_false(irq.edge);
}

static void expect_bad(u32 bus, u32 devfn, u32 pin, const char *reason)
{
	assert_int_equal(intx(bus, devfn, pin), -EINVAL);
	assert_non_null(why);
	assert_string_equal(why, reason);
	assert_int_equal(irq.intid, 0);
}

/*
 * QEMU virt: SPIs 3..6 (INTIDs 35..38), level high, for slot s and pin
 * p (1..4) SPI 3 + (s + p - 1) % 4; the mask keeps slot bits 0x1800
 * only (slot mod 4) and ignores the bus and function.
 */
static void qemu_virt(void **state)
{
	u32 slot, pin;

	if (!load("qemu-virt-gicv3.dtb"))
		return;
	for (slot = 0; slot < 32; slot++)
		for (pin = 1; pin <= 4; pin++)
			expect_spi(0, slot << 3 | (slot & 7), pin,
				   32 + 3 + (slot + pin - 1) % 4, false);
	/* the NVMe device of the matrix row: 00:02.0 INTA */
	expect_spi(0, 2 << 3, 1, 32 + 5, false);
	expect_none(0, 0, 0);
	expect_none(0, 0, 5);
	expect_none(0, 256, 1);
	expect_none(256, 0, 1);
}

/* A GIC at phandle 1, a host whose map body is given. */
#define GIC	"intc@8000000 { compatible = \"arm,gic-v3\"; " \
		"#interrupt-cells = <3>; #address-cells = <2>; " \
		"interrupt-controller; phandle = <1>; };\n"
#define HOST(props) "pcie@10000000 { compatible = \"pci-host-ecam-generic\"; " \
		"#address-cells = <3>; #size-cells = <2>; " \
		"#interrupt-cells = <1>; " props " };\n"
#define MASK	"interrupt-map-mask = <0x1800 0 0 7>; "

/* selftests/host/fdt/small-pci-intx.dts, the fuzzer's seed */
static void small_seed(void **state)
{
	if (!load("small-pci-intx.dtb"))
		return;
	expect_spi(0, 0x08, 1, 35, false);
	expect_spi(0, 0x08, 2, 36, true);
	expect_none(0, 0x08, 3);
	expect_bad(0, 0x00, 1, "a PCI interrupt's parent is not a GICv3");
}

static void small_ok(void **state)
{
	/* edge, no parent #address-cells (0), exact-match entries, no mask */
	if (!compile_root(GIC
			  "pic { compatible = \"other\"; #interrupt-cells = <1>; phandle = <2>; };\n"
			  "gic2 { compatible = \"arm,gic-v3\"; #interrupt-cells = <4>; phandle = <3>; };\n"
			  HOST("interrupt-map = <0x800 0 0 1 2 7 "
			       "0x1000 0 0 2 1 0 0 0 10 1 "
			       "0x1800 0 0 3 3 0 987 4 0 "
			       "0x10800 0 0 1 1 0 0 0 20 4>;")))
		return;
	expect_spi(0, 0x10, 2, 42, true);
	expect_spi(0, 0x18, 3, 1019, false);
	expect_spi(1, 0x08, 1, 52, false);
	expect_none(0, 0x10, 1);
	expect_none(0, 0x18, 2);
	/* the entry found has a parent that is no GIC */
	expect_bad(0, 0x08, 1, "a PCI interrupt's parent is not a GICv3");

	/* a disabled host is not looked at; the enabled one after it is */
	if (!compile_root(GIC
			  "pcie@1 { compatible = \"pci-host-ecam-generic\"; status = \"disabled\"; "
			  "interrupt-map = <0>; };\n"
			  HOST(MASK "interrupt-map = <0 0 0 1 1 0 0 0 3 4>;")))
		return;
	expect_spi(0, 0x20, 1, 35, false);
	expect_none(0, 0x20, 2);

	/* no interrupt-map, no host */
	if (!compile_root(GIC HOST("")))
		return;
	expect_none(0, 0, 1);
	if (!compile_root(GIC))
		return;
	expect_none(0, 0, 1);
}

static void small_malformed(void **state)
{
	static const struct {
		const char *body, *why;
	} t[] = {
		{ GIC HOST(MASK "interrupt-map = <0 0 0 1 9 0 0 0 3 4>;"),
		  "a PCI interrupt-map parent phandle names no node" },
		{ GIC HOST(MASK "interrupt-map = <0 0 0 1 1 0 0 0 3>;"),
		  "the PCI host's interrupt-map ends inside an entry" },
		{ GIC HOST(MASK "interrupt-map = <0 0 0 1>;"),
		  "the PCI host's interrupt-map ends inside an entry" },
		{ GIC HOST(MASK "interrupt-map = <0 0 0 1 1 0 0 0 3 4>, [00];"),
		  "the PCI host's interrupt-map is not whole cells" },
		{ GIC HOST(MASK "interrupt-map = <0 0 0 1 1 0 0 1 3 4>;"),
		  "a PCI interrupt is not a GIC SPI" },
		{ GIC HOST(MASK "interrupt-map = <0 0 0 1 1 0 0 0 988 4>;"),
		  "a PCI interrupt's SPI number is out of range" },
		{ GIC HOST(MASK "interrupt-map = <0 0 0 1 1 0 0 0 3 8>;"),
		  "a PCI interrupt's trigger is not edge-rising or level-high" },
		{ GIC HOST("interrupt-map-mask = <0x1800 0 7>; interrupt-map = <0 0 0 1 1 0 0 0 3 4>;"),
		  "the PCI host's interrupt-map-mask is not 4 cells" },
		{ GIC "pcie@1 { compatible = \"pci-host-ecam-generic\"; #address-cells = <2>; "
		  "#interrupt-cells = <1>; interrupt-map = <0 0 1 1 0 0 0 3 4>; };",
		  "the PCI host's #address-cells is not 3" },
		{ GIC "pcie@1 { compatible = \"pci-host-ecam-generic\"; #address-cells = <3>; "
		  "interrupt-map = <0 0 0 1 1 0 0 0 3 4>; };",
		  "the PCI host's #interrupt-cells is not 1" },
		{ "p { #interrupt-cells = <0>; phandle = <1>; };"
		  HOST(MASK "interrupt-map = <0 0 0 1 1 0 0 0 3 4>;"),
		  "a PCI interrupt parent's #interrupt-cells is bad" },
		{ "p { #interrupt-cells = <5>; phandle = <1>; };"
		  HOST(MASK "interrupt-map = <0 0 0 1 1 0 0 0 3 4 0>;"),
		  "a PCI interrupt parent's #interrupt-cells is bad" },
		{ "p { #interrupt-cells = <3>; #address-cells = <4>; phandle = <1>; };"
		  HOST(MASK "interrupt-map = <0 0 0 1 1 0 0 0 0 0 3 4>;"),
		  "a PCI interrupt parent's #address-cells is bad" },
		{ "p { #interrupt-cells = <3>; #address-cells = [00]; phandle = <1>; };"
		  HOST(MASK "interrupt-map = <0 0 0 1 1 0 3 4>;"),
		  "a PCI interrupt parent's #address-cells is bad" },
		{ "intc { compatible = \"arm,gic-v3\"; #interrupt-cells = <2>; phandle = <1>; };"
		  HOST(MASK "interrupt-map = <0 0 0 1 1 0 3>;"),
		  "a PCI interrupt's GIC specifier is shorter than 3 cells" },
		/* an entry before the match whose parent is unusable */
		{ GIC HOST(MASK "interrupt-map = <0 0 0 2 0 0 0 0 0 0 0 0 0 1 1 0 0 0 3 4>;"),
		  "a PCI interrupt-map parent phandle names no node" },
	};
	unsigned int i;

	for (i = 0; i < sizeof(t) / sizeof(t[0]); i++) {
		if (!compile_root(t[i].body))
			return;
		print_message("%s\n", t[i].why);
		expect_bad(0, 0, 1, t[i].why);
	}
}

int main(int argc, char **argv)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(qemu_virt),
		cmocka_unit_test(small_seed),
		cmocka_unit_test(small_ok),
		cmocka_unit_test(small_malformed),
	};
	int ret;

	fdt_dtc_init(argv[0]);
	ret = cmocka_run_group_tests(tests, NULL, NULL);
	fdt_dtc_exit();
	return ret;
}
