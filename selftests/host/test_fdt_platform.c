// SPDX-License-Identifier: GPL-2.0
/*
 * Host tests for lib/fdt/fdt_memory.c (fdt_memory_map) and
 * lib/fdt/fdt_platform.c (fdt_platform_read).
 *
 * Two sources of trees, both compiled by the real dtc:
 *  - at build time, selftests/host/fdt/NAME.dts into build/host/fdt/:
 *    QEMU 7.2's own virt trees (dumped with dumpdtb=, decompiled,
 *    unchanged), a tree as Xen 4.17 gives a domU, Tern's virt.dts and
 *    mem.dts (memory in every form); each read with exact expected
 *    values;
 *  - at run time, small sources written here (a root with 2+2 cells and
 *    one or two nodes), each a valid tree with exact results or one
 *    malformed property refused with its reason.
 * Without dtc (package device-tree-compiler) these cases skip, saying
 * so. Every blob is read from an exactly sized heap copy, so ASan sees
 * any read past its end.
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

#include <tern/fdt_platform.h>

static struct memmap mm;
static struct fdt_platform p;

/* ---- memory ---- */

struct ent {
	u64 addr, size;
	u32 type;
};

#define RAM	MEMMAP_RAM
#define RES	MEMMAP_RESERVED

static int mem_map(u64 fdt_pa, const char **why)
{
	memset(&mm, 0, sizeof(mm));
	return fdt_memory_map(&f, fdt_pa, &mm, why);
}

static void expect_map(const struct ent *e, unsigned int n)
{
	unsigned int i;

	for (i = 0; i < n && i < mm.nr; i++) {
		if (mm.e[i].addr != e[i].addr || mm.e[i].size != e[i].size ||
		    mm.e[i].type != e[i].type)
			fail_msg("entry %u: %#llx+%#llx type %u, expected %#llx+%#llx type %u",
				 i, mm.e[i].addr, mm.e[i].size, mm.e[i].type,
				 e[i].addr, e[i].size, e[i].type);
	}
	assert_int_equal(mm.nr, n);
}

static void map_ok(u64 fdt_pa, const struct ent *e, unsigned int n)
{
	const char *why = "unset";

	if (mem_map(fdt_pa, &why))
		fail_msg("fdt_memory_map refused: %s", why);
	assert_null(why);
	expect_map(e, n);
}

static void map_refused(u64 fdt_pa, int err, const char *reason)
{
	const char *why = NULL;

	assert_int_equal(mem_map(fdt_pa, &why), err);
	assert_non_null(why);
	assert_string_equal(why, reason);
}

static void qemu_virt_memory(void **state)
{
	u64 end;

	if (!load("qemu-virt-gicv3.dtb"))
		return;
	/* QEMU puts the blob at the start of RAM for a bare-metal image */
	end = (0x40000000 + f.size + 0xfff) & ~0xfffULL;
	{
		const struct ent e[] = {
			{ 0x40000000, f.size, RES },
			{ end, 0x80000000 - end, RAM },
		};

		map_ok(0x40000000, e, ARRAY_SIZE(e));
	}
	assert_int_equal(memmap_ram_bytes(&mm), 0x80000000 - end);
	/* the blob elsewhere: all of RAM, the blob reserved */
	{
		const struct ent e[] = {
			{ 0x40000000, 0x40000000, RAM },
			{ 0x100000000ULL, f.size, RES },
		};

		map_ok(0x100000000ULL, e, ARRAY_SIZE(e));
	}
}

static void xen_guest_memory(void **state)
{
	if (!load("xen-guest.dtb"))
		return;
	{
		const struct ent e[] = {
			{ 0x40000000, 0x40000000, RAM },
			{ 0x200000000ULL, 0x20000000, RAM },
			{ 0x220000000ULL, f.size, RES },
		};

		map_ok(0x220000000ULL, e, ARRAY_SIZE(e));
	}
}

/* mem.dts: every source of RAM and reservations at once */
static void mem_all_kinds(void **state)
{
	u64 bl = 0x4f000000, blend;

	if (!load("mem.dtb"))
		return;
	blend = (bl + f.size + 0xfff) & ~0xfffULL;
	{
		const struct ent e[] = {
			{ 0x40000000, 0x8000000, RAM },
			{ 0x48000000, 0x100000, RES },	/* /memreserve/ */
			{ 0x48100000, 0x6f00000, RAM },
			{ bl, f.size, RES },		/* the blob */
			{ blend, 0x50000000 - blend, RAM },
			{ 0x50000000, 0x2000000, RES },	/* tee, no-map */
			{ 0x52000000, 0xd000000, RAM },
			{ 0x5f000000, 0x800000, RES },	/* framebuffer */
			{ 0x5f800000, 0x100000, RAM },
			{ 0x5f900000, 0x100000, RES },	/* its 2nd entry */
			{ 0x5fa00000, 0x600000, RAM },
			/* 2nd reg entry; /memreserve/ at its end */
			{ 0x70000000, 0xffff000, RAM },
			{ 0x7ffff000, 0x1000, RES },
			/* ram-high; neither the disabled node nor sram */
			{ 0x100000000ULL, 0x40000000, RAM },
		};

		map_ok(bl, e, ARRAY_SIZE(e));
	}
}

static void mem_cells(void **state)
{
	/* 1 address cell, 1 size cell */
	if (!compile("/dts-v1/;\n/ { #address-cells = <1>; #size-cells = <1>;\n"
		     "memory@0 { device_type = \"memory\";"
		     " reg = <0x0 0x1000000 0x80000000 0x7ffff000>; }; };"))
		return;
	{
		const struct ent e[] = {
			{ 0x0, 0x1000000, RAM },
			{ 0x80000000, 0x7ffff000, RAM },
			{ 0xfffff000, f.size, RES },
		};

		map_ok(0xfffff000, e, ARRAY_SIZE(e));
	}
	/* 2 address cells, 1 size cell */
	compile("/dts-v1/;\n/ { #address-cells = <2>; #size-cells = <1>;\n"
		"memory@840000000 { device_type = \"memory\";"
		" reg = <0x8 0x40000000 0x40000000>; }; };");
	{
		const struct ent e[] = {
			{ 0x0, f.size, RES },
			{ 0x840000000ULL, 0x40000000, RAM },
		};

		map_ok(0, e, ARRAY_SIZE(e));
	}
	/* the defaults (2 and 1) without the properties */
	compile("/dts-v1/;\n/ { memory { device_type = \"memory\";"
		" reg = <0x0 0x40000000 0x1000000>; }; };");
	{
		const struct ent e[] = {
			{ 0x40000000, 0x1000000, RAM },
			{ 0x80000000, f.size, RES },
		};

		map_ok(0x80000000, e, ARRAY_SIZE(e));
	}
	/* RAM above 2^52 dropped (as memmap does), across it clipped */
	compile_root("m1 { device_type = \"memory\"; reg = <0x100000 0x0 0x0 0x1000000>; };\n"
		     "m2 { device_type = \"memory\"; reg = <0xfffff 0xff000000 0x0 0x2000000>; };\n"
		     "m3 { device_type = \"memory\"; reg = <0x0 0x40000000 0x0 0x1000>; };");
	{
		const struct ent e[] = {
			{ 0x40000000, 0x1000, RAM },
			{ 0x50000000, f.size, RES },
			{ 0xfffffff000000ULL, 0x1000000, RAM },
		};

		map_ok(0x50000000, e, ARRAY_SIZE(e));
	}
	/* the RAM that is left is trimmed to whole pages */
	compile_root("memory { device_type = \"memory\"; reg = <0x0 0x40000800 0x0 0x2000>; };");
	{
		const struct ent e[] = {
			{ 0x40001000, 0x1000, RAM },
			{ 0x50000000, f.size, RES },
		};

		map_ok(0x50000000, e, ARRAY_SIZE(e));
	}
}

static void mem_no_ram(void **state)
{
	static const char none[] = "no RAM: no enabled memory node with a usable reg";

	if (!load("empty.dtb"))
		return;
	map_refused(0x40000000, -ENOENT, none);
	compile_root("memory@40000000 { device_type = \"memory\"; status = \"disabled\";"
		     " reg = <0x0 0x40000000 0x0 0x40000000>; };");
	map_refused(0x40000000, -ENOENT, none);
	/* "okay" and "ok" are enabled; anything else, even unterminated, not */
	compile_root("memory@40000000 { device_type = \"memory\"; status = \"ok\";"
		     " reg = <0x0 0x40000000 0x0 0x40000000>; };");
	assert_int_equal(mem_map(0, &(const char *){ NULL }), 0);
	compile_root("memory@40000000 { device_type = \"memory\"; status = [6f 6b];"
		     " reg = <0x0 0x40000000 0x0 0x40000000>; };");
	map_refused(0x40000000, -ENOENT, none);
	/* a device_type that is not exactly "memory" */
	compile_root("memory@40000000 { device_type = \"memory\", \"x\";"
		     " reg = <0x0 0x40000000 0x0 0x40000000>; };");
	map_refused(0x40000000, -ENOENT, none);
	/* a memory node deeper than the root's children is not RAM */
	compile_root("soc { #address-cells = <2>; #size-cells = <2>;"
		     " memory@40000000 { device_type = \"memory\";"
		     " reg = <0x0 0x40000000 0x0 0x40000000>; }; };");
	map_refused(0x40000000, -ENOENT, none);
	/* zero-sized RAM, RAM only above 2^52, RAM all under reservations */
	compile_root("memory@40000000 { device_type = \"memory\";"
		     " reg = <0x0 0x40000000 0x0 0x0 0x100000 0x0 0x0 0x1000>; };");
	map_refused(0x40000000, -ENOENT, none);
	compile("/dts-v1/;\n/memreserve/ 0x40000000 0x1000000;\n"
		"/ { #address-cells = <2>; #size-cells = <2>;"
		" memory@40000000 { device_type = \"memory\";"
		" reg = <0x0 0x40000000 0x0 0x1000000>; }; };");
	map_refused(0x80000000, -ENOENT, none);
	/* an unchecked (zeroed) tree: nothing at all */
	memset(&f, 0, sizeof(f));
	map_refused(0x40000000, -ENOENT, none);
}

static void mem_malformed(void **state)
{
	if (!compile_root("memory@0 { device_type = \"memory\";"
			  " reg = <0xffffffff 0xfffff000 0x0 0x2000>; };"))
		return;
	map_refused(0, -EINVAL, "a memory node's reg wraps past 2^64");
	compile_root("memory@0 { device_type = \"memory\";"
		     " reg = <0x0 0x40000000 0x0 0x1000 0x0>; };");
	map_refused(0, -EINVAL, "a memory node's reg is not whole entries");
	compile("/dts-v1/;\n/ { #address-cells = <1>; #size-cells = <0>;"
		" memory@0 { device_type = \"memory\"; reg = <0x40000000>; }; };");
	map_refused(0, -EINVAL, "a memory node's #address-cells or #size-cells is out of range");
	compile("/dts-v1/;\n/ { #address-cells = <3>; #size-cells = <1>;"
		" memory@0 { device_type = \"memory\"; reg = <0 0 0x40000000 0x1000>; }; };");
	map_refused(0, -EINVAL, "a memory node's #address-cells or #size-cells is out of range");
	compile("/dts-v1/;\n/ { #address-cells = [00 02]; #size-cells = <1>;"
		" memory@0 { device_type = \"memory\"; reg = <0 0x40000000 0x1000>; }; };");
	map_refused(0, -EINVAL, "a memory node's #address-cells or #size-cells is out of range");
	compile_root("memory@0 { device_type = \"memory\"; reg = <0x0 0x40000000 0x0 0x1000000>; };\n"
		     "reserved-memory { #address-cells = <2>; #size-cells = <2>;"
		     " r { reg = <0xffffffff 0xffffff00 0x0 0x1000>; }; };");
	map_refused(0, -EINVAL, "a /reserved-memory node's reg wraps past 2^64");
	compile_root("memory@0 { device_type = \"memory\"; reg = <0x0 0x40000000 0x0 0x1000000>; };\n"
		     "reserved-memory { #address-cells = <2>; #size-cells = <2>;"
		     " r { reg = <0x0 0x40000000 0x0>; }; };");
	map_refused(0, -EINVAL, "a /reserved-memory node's reg is not whole entries");
	compile_root("memory@0 { device_type = \"memory\"; reg = <0x0 0x40000000 0x0 0x1000000>; };\n"
		     "reserved-memory { #address-cells = <2>; #size-cells = <0>;"
		     " r { reg = <0x0 0x40000000>; }; };");
	map_refused(0, -EINVAL, "/reserved-memory's #address-cells or #size-cells is out of range");
	compile("/dts-v1/;\n/memreserve/ 0xfffffffffffff000 0x2000;\n"
		"/ { #address-cells = <2>; #size-cells = <2>;"
		" memory@40000000 { device_type = \"memory\";"
		" reg = <0x0 0x40000000 0x0 0x1000000>; }; };");
	map_refused(0, -EINVAL, "a memory reservation wraps past 2^64");
	/* a reservation ending at 2^64 exactly is fine */
	compile("/dts-v1/;\n/memreserve/ 0xfffffffffffff000 0x1000;\n"
		"/ { #address-cells = <2>; #size-cells = <2>;"
		" memory@40000000 { device_type = \"memory\";"
		" reg = <0x0 0x40000000 0x0 0x1000000>; }; };");
	{
		const struct ent e[] = {
			{ 0x0, f.size, RES },
			{ 0x40000000, 0x1000000, RAM },
			{ 0xfffffffffffff000ULL, 0x1000, RES },
		};

		map_ok(0, e, ARRAY_SIZE(e));
	}
	map_refused(0xfffffffffffffff0ULL, -EINVAL, "the blob wraps past 2^64");
}

/* n memory entries of 1 MiB, 2 MiB apart from 1 GiB, as one reg */
static void many_ram(char *body, size_t cap, unsigned int n,
		     const char *extra)
{
	size_t o;
	unsigned int i;

	o = snprintf(body, cap, "memory@40000000 { device_type = \"memory\"; reg = <");
	for (i = 0; i < n; i++)
		o += snprintf(body + o, cap - o, " 0x0 %#x 0x0 0x100000",
			      0x40000000 + 0x200000 * i);
	snprintf(body + o, cap - o, ">; };\n%s", extra);
}

static void mem_too_many(void **state)
{
	static char body[32768];
	const char *why = "unset";
	unsigned int i;

	/* MEMMAP_MAX - 1 pieces of RAM and the blob: just fits */
	many_ram(body, sizeof(body), MEMMAP_MAX - 1, "");
	if (!compile_root(body))
		return;
	assert_int_equal(mem_map(0x10000000, &why), 0);
	assert_int_equal(mm.nr, MEMMAP_MAX);
	assert_int_equal(memmap_ram_bytes(&mm), (MEMMAP_MAX - 1) * 0x100000ULL);
	/* one more: refused, not truncated */
	many_ram(body, sizeof(body), MEMMAP_MAX, "");
	compile_root(body);
	map_refused(0x10000000, -ENOSPC,
		    "the memory map needs more than MEMMAP_MAX entries");
	/*
	 * Fewer RAM entries than MEMMAP_MAX, but reservations inside them
	 * split them into more: memmap_sanitize() would drop RAM to fit;
	 * refused instead.
	 */
	{
		char rsv[2048];
		size_t o = snprintf(rsv, sizeof(rsv),
				    "reserved-memory { #address-cells = <2>; #size-cells = <2>;\n");

		for (i = 0; i < 20; i++)
			o += snprintf(rsv + o, sizeof(rsv) - o,
				      " r%u { reg = <0x0 %#x 0x0 0x1000>; };\n",
				      i, 0x40000000 + 0x200000 * i + 0x80000);
		snprintf(rsv + o, sizeof(rsv) - o, "};");
		many_ram(body, sizeof(body), 110, rsv);
	}
	compile_root(body);
	map_refused(0x10000000, -ENOSPC,
		    "the memory map needs more than MEMMAP_MAX entries");
	/*
	 * Fewer raw entries than MEMMAP_MAX, so memmap_add() takes them
	 * all, but 60 reservations split 60 pieces of RAM into 181
	 * entries: memmap_sanitize() would give up RAM; refused.
	 */
	{
		char rsv[4096];
		size_t o = snprintf(rsv, sizeof(rsv),
				    "reserved-memory { #address-cells = <2>; #size-cells = <2>;\n");

		for (i = 0; i < 60; i++)
			o += snprintf(rsv + o, sizeof(rsv) - o,
				      " r%u { reg = <0x0 %#x 0x0 0x1000>; };\n",
				      i, 0x40000000 + 0x200000 * i + 0x80000);
		snprintf(rsv + o, sizeof(rsv) - o, "};");
		many_ram(body, sizeof(body), 60, rsv);
	}
	compile_root(body);
	map_refused(0x10000000, -ENOSPC,
		    "the memory map needs more than MEMMAP_MAX entries");
	/* the same with fewer: every reservation in place */
	{
		char rsv[2048];
		size_t o = snprintf(rsv, sizeof(rsv),
				    "reserved-memory { #address-cells = <2>; #size-cells = <2>;\n");

		for (i = 0; i < 5; i++)
			o += snprintf(rsv + o, sizeof(rsv) - o,
				      " r%u { reg = <0x0 %#x 0x0 0x1000>; };\n",
				      i, 0x40000000 + 0x200000 * i + 0x80000);
		snprintf(rsv + o, sizeof(rsv) - o, "};");
		many_ram(body, sizeof(body), 110, rsv);
	}
	compile_root(body);
	assert_int_equal(mem_map(0x10000000, &why), 0);
	assert_int_equal(mm.nr, 1 + 110 + 5 * 2);
	for (i = 0; i < 5; i++) {
		struct memmap_entry *e = &mm.e[1 + 3 * i + 1];

		assert_int_equal(e->addr, 0x40000000 + 0x200000 * i + 0x80000);
		assert_int_equal(e->size, 0x1000);
		assert_int_equal(e->type, RES);
	}
}

/* ---- platform ---- */

static int plat(const char **why)
{
	memset(&p, 0xa5, sizeof(p));	/* must be zeroed by the reader */
	return fdt_platform_read(&f, &p, why);
}

static void plat_ok(void)
{
	const char *why = "unset";

	if (plat(&why))
		fail_msg("fdt_platform_read refused: %s", why);
	assert_null(why);
}

static void plat_refused(const char *reason)
{
	const char *why = NULL;
	static const struct fdt_platform zero;

	assert_int_equal(plat(&why), -EINVAL);
	assert_non_null(why);
	assert_string_equal(why, reason);
	/* nothing half-read */
	assert_memory_equal(&p, &zero, sizeof(p));
}

static void expect_qemu_virt(void)
{
	assert_int_equal(p.uart_base, 0x09000000);
	assert_int_equal(p.uart_size, 0x1000);
	assert_int_equal(p.gicd_base, 0x08000000);
	assert_int_equal(p.gicd_size, 0x10000);
	assert_int_equal(p.gicr_base, 0x080a0000);
	assert_int_equal(p.gicr_size, 0xf60000);
	assert_int_equal(p.timer_phys_intid, 30);
	assert_int_equal(p.timer_virt_intid, 27);
	assert_int_equal(p.ecam_base, 0x4010000000ULL);
	assert_int_equal(p.ecam_size, 0x10000000);
	assert_int_equal(p.pci_bus_start, 0);
	assert_int_equal(p.pci_bus_end, 255);
	assert_int_equal(p.nr_pci_ranges, 3);
	assert_int_equal(p.pci_ranges[0].space, 1);	/* I/O */
	assert_false(p.pci_ranges[0].prefetchable);
	assert_int_equal(p.pci_ranges[0].pci_addr, 0);
	assert_int_equal(p.pci_ranges[0].cpu_addr, 0x3eff0000);
	assert_int_equal(p.pci_ranges[0].size, 0x10000);
	assert_int_equal(p.pci_ranges[1].space, 2);	/* 32-bit memory */
	assert_false(p.pci_ranges[1].prefetchable);
	assert_int_equal(p.pci_ranges[1].pci_addr, 0x10000000);
	assert_int_equal(p.pci_ranges[1].cpu_addr, 0x10000000);
	assert_int_equal(p.pci_ranges[1].size, 0x2eff0000);
	assert_int_equal(p.pci_ranges[2].space, 3);	/* 64-bit memory */
	assert_false(p.pci_ranges[2].prefetchable);
	assert_int_equal(p.pci_ranges[2].pci_addr, 0x8000000000ULL);
	assert_int_equal(p.pci_ranges[2].cpu_addr, 0x8000000000ULL);
	assert_int_equal(p.pci_ranges[2].size, 0x8000000000ULL);
	assert_false(p.xen);
	assert_int_equal(p.xen_gnttab_base, 0);
	assert_int_equal(p.xen_evtchn_intid, 0);
	assert_string_equal(p.bootargs, "");
	assert_int_equal(p.initrd_start, 0);
	assert_int_equal(p.initrd_end, 0);
}

static void qemu_virt_platform(void **state)
{
	if (!load("qemu-virt-gicv3.dtb"))
		return;
	plat_ok();
	expect_qemu_virt();
	assert_int_equal(p.psci, FDT_PSCI_HVC);
}

/* virtualization=on: the guest has EL2, QEMU's PSCI is then by smc */
static void qemu_virt_el2_platform(void **state)
{
	if (!load("qemu-virt-gicv3-el2.dtb"))
		return;
	plat_ok();
	expect_qemu_virt();
	assert_int_equal(p.psci, FDT_PSCI_SMC);
}

static void xen_guest_platform(void **state)
{
	if (!load("xen-guest.dtb"))
		return;
	plat_ok();
	assert_true(p.xen);
	assert_int_equal(p.xen_gnttab_base, 0x38000000);
	assert_int_equal(p.xen_gnttab_size, 0x1000000);
	/* the first extended region; the second is not read */
	assert_int_equal(p.xen_ext_base, 0x80000000);
	assert_int_equal(p.xen_ext_size, 0x80000000);
	assert_int_equal(p.xen_evtchn_intid, 31);
	assert_int_equal(p.uart_base, 0);
	assert_int_equal(p.uart_size, 0);
	assert_int_equal(p.gicd_base, 0x03001000);
	assert_int_equal(p.gicd_size, 0x10000);
	assert_int_equal(p.gicr_base, 0x03020000);
	assert_int_equal(p.gicr_size, 0x1000000);
	assert_int_equal(p.timer_phys_intid, 30);
	assert_int_equal(p.timer_virt_intid, 27);
	assert_int_equal(p.psci, FDT_PSCI_HVC);
	assert_int_equal(p.ecam_base, 0);
	assert_int_equal(p.nr_pci_ranges, 0);
	assert_int_equal(p.pci_bus_end, 0);
	assert_string_equal(p.bootargs, "console=hvc0 selftest");
	assert_int_equal(p.initrd_start, 0);
}

/* Tern's virt.dts: a PL011 as stdout-path, an initrd, a prefetchable range */
static void tern_virt_platform(void **state)
{
	if (!load("virt.dtb"))
		return;
	plat_ok();
	assert_int_equal(p.uart_base, 0x09000000);
	assert_int_equal(p.uart_size, 0x1000);
	assert_true(p.xen);
	assert_int_equal(p.xen_gnttab_base, 0x38000000);
	/* no extended region */
	assert_int_equal(p.xen_ext_base, 0);
	assert_int_equal(p.xen_ext_size, 0);
	assert_int_equal(p.xen_evtchn_intid, 31);
	assert_string_equal(p.bootargs, "console=ttyAMA0 selftest");
	assert_int_equal(p.initrd_start, 0x48000000);
	assert_int_equal(p.initrd_end, 0x48100000);
	assert_int_equal(p.nr_pci_ranges, 3);
	assert_int_equal(p.psci, FDT_PSCI_HVC);
}

static void plat_empty(void **state)
{
	static const struct fdt_platform zero;

	if (!load("empty.dtb"))
		return;
	plat_ok();
	assert_memory_equal(&p, &zero, sizeof(p));
	memset(&f, 0, sizeof(f));	/* unchecked: nothing found */
	plat_ok();
	assert_memory_equal(&p, &zero, sizeof(p));
}

#define PL011(unit, extra)						\
	"pl011@" #unit " { compatible = \"arm,pl011\", \"arm,primecell\";" \
	" reg = <0x0 0x" #unit " 0x0 0x1000>; " extra " };\n"

#define SBSA(unit)							\
	"sbsa-uart@" #unit " { compatible = \"arm,sbsa-uart\";"		\
	" reg = <0x0 0x" #unit " 0x0 0x1000>; };\n"

static void console(void **state)
{
	static const struct {
		const char *body;
		u64 base;
		bool sbsa;
	} cases[] = {
		/* an alias with options */
		{ "aliases { serial0 = \"/pl011@9040000\"; };\n"
		  "chosen { stdout-path = \"serial0:115200n8\"; };\n"
		  PL011(9000000, "") PL011(9040000, ""), 0x9040000, false },
		/* a path with options */
		{ "chosen { stdout-path = \"/pl011@9040000:115200n8\"; };\n"
		  PL011(9000000, "") PL011(9040000, ""), 0x9040000, false },
		/* a path without; a unit address left out */
		{ "chosen { stdout-path = \"/pl011\"; };\n"
		  "serial@0 { compatible = \"ns16550a\"; reg = <0 0 0 8>; };\n"
		  PL011(9040000, ""), 0x9040000, false },
		/* not a PL011: the first enabled one */
		{ "chosen { stdout-path = \"/serial@0\"; };\n"
		  "serial@0 { compatible = \"ns16550a\"; reg = <0 0 0 8>; };\n"
		  PL011(9000000, "") PL011(9040000, ""), 0x9000000, false },
		/* disabled: skipped either way */
		{ "chosen { stdout-path = \"/pl011@9000000\"; };\n"
		  PL011(9000000, "status = \"disabled\";")
		  PL011(9040000, "status = \"okay\";"), 0x9040000, false },
		/* an alias that is not there, no /aliases, nothing left */
		{ "aliases { serial1 = \"/pl011@9040000\"; };\n"
		  "chosen { stdout-path = \"serial0\"; };\n"
		  PL011(9000000, "") PL011(9040000, ""), 0x9000000, false },
		{ "chosen { stdout-path = \"serial0\"; };\n"
		  PL011(9000000, "") PL011(9040000, ""), 0x9000000, false },
		{ "chosen { stdout-path = \":115200\"; };\n"
		  PL011(9040000, ""), 0x9040000, false },
		{ "chosen { stdout-path = \"/nowhere\"; };\n", 0, false },
		/* an alias that is no path, an unterminated stdout-path */
		{ "aliases { serial0 = \"pl011@9040000\"; };\n"
		  "chosen { stdout-path = \"serial0\"; };\n"
		  PL011(9000000, "") PL011(9040000, ""), 0x9000000, false },
		{ "chosen { stdout-path = [2f 70 6c 30 31 31]; };\n"
		  PL011(9040000, ""), 0x9040000, false },
		/* Xen's vpl011 for a domU: an SBSA UART, named or alone */
		{ "chosen { stdout-path = \"/sbsa-uart@22000000\"; };\n"
		  PL011(9000000, "") SBSA(22000000), 0x22000000, true },
		{ SBSA(22000000), 0x22000000, true },
		/* a PL011 wins over an SBSA UART nobody named */
		{ SBSA(22000000) PL011(9040000, ""), 0x9040000, false },
	};
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(cases); i++) {
		if (!compile_root(cases[i].body))
			return;
		plat_ok();
		if (p.uart_base != cases[i].base)
			fail_msg("case %u: uart %#llx, expected %#llx", i,
				 p.uart_base, cases[i].base);
		if (p.uart_sbsa != cases[i].sbsa)
			fail_msg("case %u: uart_sbsa %d, expected %d", i,
				 p.uart_sbsa, cases[i].sbsa);
		if (cases[i].base)
			assert_int_equal(p.uart_size, 0x1000);
		else
			assert_int_equal(p.uart_size, 0);
	}
}

static void chosen_props(void **state)
{
	static char body[2048];
	size_t o;

	if (!compile_root("chosen { linux,initrd-start = <0x48000000>;"
			  " linux,initrd-end = <0x1 0x0>; };"))
		return;
	plat_ok();
	assert_int_equal(p.initrd_start, 0x48000000);
	assert_int_equal(p.initrd_end, 0x100000000ULL);
	assert_string_equal(p.bootargs, "");
	/* the longest bootargs that fits, and an empty initrd */
	o = snprintf(body, sizeof(body), "chosen { bootargs = \"");
	memset(body + o, 'x', FDT_BOOTARGS_MAX - 1);
	o += FDT_BOOTARGS_MAX - 1;
	snprintf(body + o, sizeof(body) - o,
		 "\"; linux,initrd-start = <5>; linux,initrd-end = <5>; };");
	compile_root(body);
	plat_ok();
	assert_int_equal(strlen(p.bootargs), FDT_BOOTARGS_MAX - 1);
	assert_int_equal(p.bootargs[0], 'x');
	assert_int_equal(p.initrd_start, 5);
	assert_int_equal(p.initrd_end, 5);
	/* a string list: the first string */
	compile_root("chosen { bootargs = \"a b\", \"c\"; };");
	plat_ok();
	assert_string_equal(p.bootargs, "a b");
}

static void devices(void **state)
{
	/* a GICv3 with 4 interrupt cells (PPI partitions) */
	if (!compile_root("intc { compatible = \"arm,gic-v3\"; #interrupt-cells = <4>;"
			  " #redistributor-regions = <2>;"
			  " reg = <0 0x8000000 0 0x10000 0 0x80a0000 0 0x20000"
			  " 0 0x90a0000 0 0x20000 0 0x1000 0 0x1000>; };\n"
			  "timer { compatible = \"arm,armv8-timer\"; interrupts ="
			  " <1 13 4 0 1 14 4 0 1 11 4 0 1 10 4 0 1 12 4 0>; };"))
		return;
	plat_ok();
	assert_int_equal(p.gicd_base, 0x8000000);
	assert_int_equal(p.gicr_base, 0x80a0000);
	assert_int_equal(p.gicr_size, 0x20000);
	assert_int_equal(p.timer_phys_intid, 30);
	assert_int_equal(p.timer_virt_intid, 27);
	/* PSCI 0.1 alone: its IDs are not read, no conduit */
	compile_root("psci { compatible = \"arm,psci\"; method = \"smc\"; cpu_on = <0x95c1ba60>; };");
	plat_ok();
	assert_int_equal(p.psci, FDT_PSCI_NONE);
	compile_root("psci { compatible = \"arm,psci-0.2\"; method = \"smc\"; };");
	plat_ok();
	assert_int_equal(p.psci, FDT_PSCI_SMC);
	compile_root("psci { compatible = \"arm,psci-1.0\"; status = \"disabled\"; method = \"x\"; };");
	plat_ok();
	assert_int_equal(p.psci, FDT_PSCI_NONE);
	/* a hypervisor node that is not Xen's */
	compile_root("hypervisor { compatible = \"other,hv\"; reg = <0 1 0 1>; };");
	plat_ok();
	assert_false(p.xen);
	/* PCI: 1 size cell, 1 parent address cell, a bus range, 4 ranges */
	compile("/dts-v1/;\n/ { #address-cells = <1>; #size-cells = <1>;\n"
		"pcie@30000000 { compatible = \"pci-host-ecam-generic\";"
		" #address-cells = <3>; #size-cells = <1>;"
		" reg = <0x30000000 0x1000000>; bus-range = <0 15>;"
		" ranges = <0x01000000 0 0 0x3eff0000 0x10000"
		" 0x02000000 0 0x40000000 0x40000000 0x10000000"
		" 0x42000000 0 0x50000000 0x50000000 0x10000000"
		" 0x43000000 0x10 0 0x60000000 0x10000000>; };\n};");
	plat_ok();
	assert_int_equal(p.ecam_base, 0x30000000);
	assert_int_equal(p.ecam_size, 0x1000000);
	assert_int_equal(p.pci_bus_start, 0);
	assert_int_equal(p.pci_bus_end, 15);
	assert_int_equal(p.nr_pci_ranges, 4);
	assert_int_equal(p.pci_ranges[2].space, 2);
	assert_true(p.pci_ranges[2].prefetchable);
	assert_int_equal(p.pci_ranges[3].space, 3);
	assert_true(p.pci_ranges[3].prefetchable);
	assert_int_equal(p.pci_ranges[3].pci_addr, 0x1000000000ULL);
	assert_int_equal(p.pci_ranges[3].cpu_addr, 0x60000000);
	assert_int_equal(p.pci_ranges[3].size, 0x10000000);
	/* no ranges at all, a bus range of one bus */
	compile_root("pcie { compatible = \"pci-host-ecam-generic\";"
		     " reg = <0 0x30000000 0 0x100000>; bus-range = <7 7>; };");
	plat_ok();
	assert_int_equal(p.pci_bus_start, 7);
	assert_int_equal(p.pci_bus_end, 7);
	assert_int_equal(p.nr_pci_ranges, 0);
}

#define TIMER(irqs)	"timer { compatible = \"arm,armv8-timer\"; interrupts = <" irqs ">; };"
#define GIC(extra)	"intc { compatible = \"arm,gic-v3\"; " extra " };"
#define PCI(extra)	"pcie { compatible = \"pci-host-ecam-generic\"; " extra " };"
#define PCI_OK		"#address-cells = <3>; #size-cells = <2>; reg = <0 0x30000000 0 0x10000000>;"
#define XEN(extra)	"hypervisor { compatible = \"xen,xen-4.17\", \"xen,xen\"; " extra " };"

static const struct {
	const char *body, *why;
} malformed[] = {
	/* the timer */
	{ TIMER("1 13 4 1 14 4"),
	  "the timer's interrupts is not 3 to 5 interrupts" },
	{ TIMER("1 13 4 1 14 4 1 11 4 1 10 4 1 12 4 1 9 4"),
	  "the timer's interrupts is not 3 to 5 interrupts" },
	{ TIMER("1 13 4 1 14 4 1 11 4 1 10"),
	  "the timer's interrupts is not 3 to 5 interrupts" },
	{ "timer { compatible = \"arm,armv8-timer\"; };",
	  "the timer's interrupts is not 3 to 5 interrupts" },
	{ TIMER("1 13 4 1 16 4 1 11 4 1 10 4"), "a timer PPI number is above 15" },
	{ TIMER("1 13 4 1 14 4 1 0xffffffff 4 1 10 4"),
	  "a timer PPI number is above 15" },
	{ TIMER("1 13 4 1 14 4 0 11 4 1 10 4"), "a timer interrupt is not a PPI" },
	{ TIMER("1 13 4 2 14 4 1 11 4 1 10 4"), "a timer interrupt is not a PPI" },
	/* /chosen */
	{ "chosen { bootargs = [61 62 63]; };", "/chosen bootargs is not terminated" },
	{ "chosen { linux,initrd-start = <0x48000000>; };",
	  "/chosen has only one of linux,initrd-start and -end" },
	{ "chosen { linux,initrd-end = <0x48000000>; };",
	  "/chosen has only one of linux,initrd-start and -end" },
	{ "chosen { linux,initrd-start = <0x48000000>; linux,initrd-end = <0x47ffffff>; };",
	  "/chosen linux,initrd-end is below linux,initrd-start" },
	{ "chosen { linux,initrd-start = <0 0 0x48000000>; linux,initrd-end = <0x49000000>; };",
	  "/chosen linux,initrd-start or -end is not 1 or 2 cells" },
	{ "chosen { linux,initrd-start = <0x48000000>; linux,initrd-end = [00 00 49]; };",
	  "/chosen linux,initrd-start or -end is not 1 or 2 cells" },
	/* the console */
	{ "pl011 { compatible = \"arm,pl011\"; };",
	  "the PL011's reg is missing or malformed" },
	{ "pl011 { compatible = \"arm,pl011\"; reg = <0 0x9000000 0>; };",
	  "the PL011's reg is missing or malformed" },
	{ "pl011 { compatible = \"arm,pl011\"; reg = <0xffffffff 0xfffff000 0 0x2000>; };",
	  "the PL011's reg is missing or malformed" },
	/* the GIC */
	{ GIC("reg = <0 0x8000000 0 0x10000>;"),
	  "the GICv3's reg lacks a redistributor region" },
	{ GIC("#redistributor-regions = <2>; reg = <0 0x8000000 0 0x10000 0 0x80a0000 0 0xf60000>;"),
	  "the GICv3's reg lacks a redistributor region" },
	{ GIC("#redistributor-regions = <0>; reg = <0 0x8000000 0 0x10000 0 0x80a0000 0 0xf60000>;"),
	  "the GICv3's #redistributor-regions is not one cell >= 1" },
	{ GIC("#redistributor-regions = [00 01]; reg = <0 0x8000000 0 0x10000 0 0x80a0000 0 0xf60000>;"),
	  "the GICv3's #redistributor-regions is not one cell >= 1" },
	{ GIC("#interrupt-cells = <2>; reg = <0 0x8000000 0 0x10000 0 0x80a0000 0 0xf60000>;"),
	  "the GICv3's #interrupt-cells is not 3 or 4" },
	{ GIC("reg = <0 0x8000000 0 0x10000 0 0x80a0000 0>;"),
	  "the GICv3's reg is missing or malformed" },
	{ GIC("reg = <0 0x8000000 0 0x10000 0xffffffff 0xffff0000 0 0x20000>;"),
	  "the GICv3's reg is missing or malformed" },
	/* with 4 interrupt cells, 3-cell interrupts do not fit */
	{ GIC("#interrupt-cells = <4>; reg = <0 0x8000000 0 0x10000 0 0x80a0000 0 0xf60000>;")
	  TIMER("1 13 4 1 14 4 1 11 4 1 10 4 1 9 4"),
	  "the timer's interrupts is not 3 to 5 interrupts" },
	/* PSCI */
	{ "psci { compatible = \"arm,psci-1.0\", \"arm,psci-0.2\"; method = \"svc\"; };",
	  "the PSCI method is not \"hvc\" or \"smc\"" },
	{ "psci { compatible = \"arm,psci-0.2\"; };",
	  "the PSCI method is not \"hvc\" or \"smc\"" },
	{ "psci { compatible = \"arm,psci-1.0\"; method = [68 76 63]; };",
	  "the PSCI method is not \"hvc\" or \"smc\"" },
	/* PCI */
	{ PCI("#address-cells = <3>; #size-cells = <2>;"),
	  "the PCI host's reg is missing or malformed" },
	{ PCI(PCI_OK " bus-range = <0 256>;"),
	  "the PCI host's bus-range is malformed" },
	{ PCI(PCI_OK " bus-range = <5 4>;"),
	  "the PCI host's bus-range is malformed" },
	{ PCI(PCI_OK " bus-range = <0>;"),
	  "the PCI host's bus-range is malformed" },
	{ PCI("reg = <0 0x30000000 0 0xfffff>;"),
	  "the PCI host's ECAM region is smaller than its bus-range" },
	{ PCI("reg = <0 0x30000000 0 0x1000000>; bus-range = <0 16>;"),
	  "the PCI host's ECAM region is smaller than its bus-range" },
	{ PCI("#address-cells = <2>; #size-cells = <2>; reg = <0 0x30000000 0 0x10000000>;"
	      " ranges = <0 0 0 0 0 0x1000>;"),
	  "the PCI host's #address-cells is not 3" },
	{ PCI("#address-cells = <3>; #size-cells = <3>; reg = <0 0x30000000 0 0x10000000>;"
	      " ranges = <0x2000000 0 0 0 0 0 0 0x1000>;"),
	  "the PCI host's #size-cells is not 1 or 2" },
	{ PCI(PCI_OK " ranges = <0x2000000 0 0x10000000 0 0x10000000 0 0x1000 0>;"),
	  "the PCI host's ranges is not whole entries" },
	{ PCI(PCI_OK " ranges = <0x1000000 0 0 0 0x3eff0000 0 0x10000"
	      " 0x2000000 0 0x10000000 0 0x10000000 0 0x1000000"
	      " 0x2000000 0 0x20000000 0 0x20000000 0 0x1000000"
	      " 0x42000000 0 0x30000000 0 0x30000000 0 0x1000000"
	      " 0x3000000 0x80 0 0x80 0 0x80 0>;"),
	  "the PCI host has more ranges than FDT_PCI_MAX_RANGES" },
	{ PCI(PCI_OK " ranges = <0x3000000 0x80 0 0xffffffff 0xffff0000 0 0x20000>;"),
	  "a PCI range wraps past 2^64" },
	{ PCI(PCI_OK " ranges = <0x3000000 0xffffffff 0xffff0000 0x80 0 0 0x20000>;"),
	  "a PCI range wraps past 2^64" },
	{ PCI(PCI_OK " ranges = <0x2000000 0 0xfff00000 0 0x10000000 0 0x200000>;"),
	  "a 32-bit PCI range ends above 4 GiB" },
	{ PCI(PCI_OK " ranges = <0x1000000 0x1 0 0 0x3eff0000 0 0x10000>;"),
	  "a 32-bit PCI range ends above 4 GiB" },
	{ PCI(PCI_OK " ranges = <0x0 0 0 0 0x30000000 0 0x10000>;"),
	  "a PCI range of configuration space" },
	/* Xen */
	{ XEN("interrupts = <1 15 0xf08>;"),
	  "the Xen node's reg is missing or malformed" },
	{ XEN("reg = <0 0x38000000 0 0x1000000>;"),
	  "the Xen node's interrupts is not one interrupt" },
	{ XEN("reg = <0 0x38000000 0 0x1000000>; interrupts = <1 15>;"),
	  "the Xen node's interrupts is not one interrupt" },
	{ XEN("reg = <0 0x38000000 0 0x1000000>; interrupts = <1 15 0xf08 1 14 0xf08>;"),
	  "the Xen node's interrupts is not one interrupt" },
	{ XEN("reg = <0 0x38000000 0 0x1000000>; interrupts = <1 16 0xf08>;"),
	  "the Xen event channel PPI number is above 15" },
	{ XEN("reg = <0 0x38000000 0 0x1000000>; interrupts = <0 15 4>;"),
	  "the Xen event channel interrupt is not a PPI" },
	{ XEN("reg = <0xffffffff 0xffff0000 0 0x1000000>; interrupts = <1 15 0xf08>;"),
	  "the Xen node's reg is missing or malformed" },
	/* an extended region that wraps */
	{ XEN("reg = <0 0x38000000 0 0x1000000 0xffffffff 0xffff0000 0 0x1000000>; interrupts = <1 15 0xf08>;"),
	  "the Xen node's reg is missing or malformed" },
};

static void platform_malformed(void **state)
{
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(malformed); i++) {
		if (!compile_root(malformed[i].body))
			return;
		print_message("refused: %s\n", malformed[i].why);
		plat_refused(malformed[i].why);
	}
}

static void bootargs_too_long(void **state)
{
	static char body[2048];
	size_t o;

	o = snprintf(body, sizeof(body), "chosen { bootargs = \"");
	memset(body + o, 'x', FDT_BOOTARGS_MAX);
	o += FDT_BOOTARGS_MAX;
	snprintf(body + o, sizeof(body) - o, "\"; };");
	if (!compile_root(body))
		return;
	plat_refused("/chosen bootargs is longer than FDT_BOOTARGS_MAX - 1");
}

/* The fuzzers' small seeds, read exactly */
static void small_trees(void **state)
{
	if (!load("small-pci.dtb"))
		return;
	plat_ok();
	assert_int_equal(p.ecam_base, 0x4010000000ULL);
	assert_int_equal(p.nr_pci_ranges, 3);
	assert_true(p.pci_ranges[2].prefetchable);
	assert_int_equal(p.pci_ranges[2].space, 3);
	load("small-gic-timer.dtb");
	plat_ok();
	assert_int_equal(p.gicr_base, 0x080a0000);
	assert_int_equal(p.timer_virt_intid, 27);
	assert_int_equal(p.psci, FDT_PSCI_SMC);
	assert_true(p.xen);
	assert_int_equal(p.xen_evtchn_intid, 31);
	load("small-chosen.dtb");
	plat_ok();
	assert_int_equal(p.uart_base, 0x09000000);
	assert_string_equal(p.bootargs, "console=ttyAMA0");
	assert_int_equal(p.initrd_end, 0x48100000);
	load("small-mem.dtb");
	{
		const struct ent e[] = {
			{ 0x40000000, 0x8000000, RAM },
			{ 0x48000000, 0x100000, RES },
			{ 0x48100000, 0x7f00000, RAM },
			{ 0x50000000, 0x2000000, RES },
			{ 0x52000000, 0xe000000, RAM },
			{ 0x90000000, 0x10000000, RAM },
			{ 0x100000000ULL, 0x1000000, RAM },
			{ 0x200000000ULL, f.size, RES },
		};

		map_ok(0x200000000ULL, e, ARRAY_SIZE(e));
	}
}

/*
 * QEMU's tree patched in place: the timer's non-secure physical PPI
 * (cell 4 of its interrupts) set to 16, then the tree with every byte
 * flipped in turn: refused by fdt_check, or read all over by both
 * functions without a fault (ASan) and with sane results.
 */
static void qemu_virt_patched(void **state)
{
	const char *why;
	u8 *cell;
	u32 len;
	size_t i;
	int n, ok = 0;

	if (!load("qemu-virt-gicv3.dtb"))
		return;
	n = fdt_node_by_compatible(&f, -1, "arm,armv8-timer");
	assert_true(n >= 0);
	cell = (u8 *)fdt_getprop(&f, n, "interrupts", &len);
	assert_int_equal(len, 48);
	assert_int_equal(cell[19], 14);
	cell[19] = 16;
	plat_refused("a timer PPI number is above 15");
	cell[19] = 15;
	plat_ok();
	assert_int_equal(p.timer_phys_intid, 31);
	cell[19] = 14;

	for (i = 0; i < blob_size; i++) {
		u8 *c = malloc(blob_size);
		struct fdt g;

		assert_non_null(c);
		memcpy(c, blob, blob_size);
		c[i] ^= 0xff;
		if (!fdt_check(c, blob_size, &g)) {
			struct fdt save = f;

			f = g;
			memset(&mm, 0, sizeof(mm));
			if (!fdt_memory_map(&f, 0x40000000, &mm, &why)) {
				ok++;
				assert_true(mm.nr <= MEMMAP_MAX);
				assert_true(memmap_ram_bytes(&mm) > 0);
			} else {
				assert_non_null(why);
			}
			if (fdt_platform_read(&f, &p, &why))
				assert_non_null(why);
			f = save;
		}
		free(c);
	}
	print_message("qemu-virt-gicv3.dtb with one byte flipped: %d of %zu mapped\n",
		      ok, blob_size);
}

int main(int argc, char **argv)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(qemu_virt_memory),
		cmocka_unit_test(xen_guest_memory),
		cmocka_unit_test(mem_all_kinds),
		cmocka_unit_test(mem_cells),
		cmocka_unit_test(mem_no_ram),
		cmocka_unit_test(mem_malformed),
		cmocka_unit_test(mem_too_many),
		cmocka_unit_test(qemu_virt_platform),
		cmocka_unit_test(qemu_virt_el2_platform),
		cmocka_unit_test(xen_guest_platform),
		cmocka_unit_test(tern_virt_platform),
		cmocka_unit_test(plat_empty),
		cmocka_unit_test(console),
		cmocka_unit_test(chosen_props),
		cmocka_unit_test(devices),
		cmocka_unit_test(platform_malformed),
		cmocka_unit_test(bootargs_too_long),
		cmocka_unit_test(small_trees),
		cmocka_unit_test(qemu_virt_patched),
	};
	int ret;

	fdt_dtc_init(argv[0]);
	ret = cmocka_run_group_tests(tests, NULL, NULL);
	fdt_dtc_exit();
	return ret;
}
