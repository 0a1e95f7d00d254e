// SPDX-License-Identifier: GPL-2.0
/*
 * A PCI function's INTx from its host bridge's interrupt-map
 * (include/tern/fdt_pci.h, Documentation/fdt.md).
 *
 * interrupt-map is a list of entries, each: the child unit address
 * (the host's #address-cells, 3 for PCI: phys.hi carries bus, device
 * and function), the child interrupt (#interrupt-cells, 1: the pin),
 * the parent's phandle, the parent unit address (the parent's
 * #address-cells) and the parent interrupt specifier (the parent's
 * #interrupt-cells). Entries differ in size when parents differ, so
 * every entry's parent is resolved before the next entry can be found.
 */
#include <tern/fdt_pci.h>
#include <tern/string.h>

#define PCI_ADDR_CELLS		3
#define PCI_INT_CELLS		1
#define PARENT_ADDR_MAX		3
#define PARENT_INT_MAX		4
#define GIC_SPI			0
#define GIC_SPI_MAX		987	/* INTID 1019 */
#define IRQ_EDGE_RISING		1
#define IRQ_LEVEL_HIGH		4

static int bad(const char **why, const char *msg)
{
	*why = msg;
	return -EINVAL;
}

static u32 cell(const u8 *p, u32 i)
{
	return (u32)fdt_read_cells(p + 4 * i, 1);
}

static bool enabled(const struct fdt *f, int node)
{
	const char *s;
	u32 len;

	s = fdt_getprop(f, node, "status", &len);
	if (!s)
		return true;
	if (!len || strnlen(s, len) == len)
		return false;
	return !strcmp(s, "okay") || !strcmp(s, "ok");
}

/* A one-cell property: 0 with *v, -ENOENT when absent, -EINVAL else */
static int u32_prop(const struct fdt *f, int node, const char *name, u32 *v)
{
	const u8 *p;
	u32 len;

	p = fdt_getprop(f, node, name, &len);
	if (!p)
		return -ENOENT;
	if (len != 4)
		return -EINVAL;
	*v = cell(p, 0);
	return 0;
}

/* The node whose phandle is ph, or a negative errno */
static int by_phandle(const struct fdt *f, u32 ph)
{
	int n;
	u32 v;

	if (!ph || ph == ~0u)
		return -EINVAL;
	for (n = fdt_next_node(f, -1, NULL); n >= 0;
	     n = fdt_next_node(f, n, NULL))
		if ((!u32_prop(f, n, "phandle", &v) ||
		     !u32_prop(f, n, "linux,phandle", &v)) && v == ph)
			return n;
	return -ENOENT;
}

static int gic_spi(const struct fdt *f, int parent, const u8 *spec, u32 ic,
		   struct fdt_pci_irq *irq, const char **why)
{
	const char *c;
	u32 len, trig;

	c = fdt_getprop(f, parent, "compatible", &len);
	if (!c || !fdt_stringlist_contains(c, len, "arm,gic-v3"))
		return bad(why, "a PCI interrupt's parent is not a GICv3");
	if (ic < 3)
		return bad(why, "a PCI interrupt's GIC specifier is shorter than 3 cells");
	if (cell(spec, 0) != GIC_SPI)
		return bad(why, "a PCI interrupt is not a GIC SPI");
	if (cell(spec, 1) > GIC_SPI_MAX)
		return bad(why, "a PCI interrupt's SPI number is out of range");
	trig = cell(spec, 2) & 0xf;
	if (trig != IRQ_EDGE_RISING && trig != IRQ_LEVEL_HIGH)
		return bad(why, "a PCI interrupt's trigger is not edge-rising or level-high");
	irq->intid = 32 + cell(spec, 1);
	irq->edge = trig == IRQ_EDGE_RISING;
	return 0;
}

static int intx(const struct fdt *f, u32 bus, u32 devfn, u32 pin,
		struct fdt_pci_irq *irq, const char **why)
{
	u32 mask[PCI_ADDR_CELLS + PCI_INT_CELLS], key[PCI_ADDR_CELLS +
						       PCI_INT_CELLS];
	const u32 child = PCI_ADDR_CELLS + PCI_INT_CELLS;
	u32 len, mlen, v, pos, i, pac, pic;
	const u8 *map, *m;
	int host, parent, r;

	if (pin < 1 || pin > 4 || bus > 255 || devfn > 255)
		return -ENOENT;
	for (host = fdt_node_by_compatible(f, -1, "pci-host-ecam-generic");
	     host >= 0 && !enabled(f, host);
	     host = fdt_node_by_compatible(f, host, "pci-host-ecam-generic"))
		;
	if (host < 0)
		return -ENOENT;
	map = fdt_getprop(f, host, "interrupt-map", &len);
	if (!map)
		return -ENOENT;
	if (u32_prop(f, host, "#address-cells", &v) || v != PCI_ADDR_CELLS)
		return bad(why, "the PCI host's #address-cells is not 3");
	if (u32_prop(f, host, "#interrupt-cells", &v) || v != PCI_INT_CELLS)
		return bad(why, "the PCI host's #interrupt-cells is not 1");
	m = fdt_getprop(f, host, "interrupt-map-mask", &mlen);
	if (m && mlen != 4 * child)
		return bad(why, "the PCI host's interrupt-map-mask is not 4 cells");
	for (i = 0; i < child; i++)
		mask[i] = m ? cell(m, i) : ~0u;
	key[0] = (bus << 16 | devfn << 8) & mask[0];
	key[1] = 0;
	key[2] = 0;
	key[3] = pin & mask[3];

	/* pos and len in cells; every read below is checked against len */
	if (len % 4)
		return bad(why, "the PCI host's interrupt-map is not whole cells");
	len /= 4;
	for (pos = 0; pos < len;) {
		bool match = true;

		if (len - pos < child + 1)
			return bad(why, "the PCI host's interrupt-map ends inside an entry");
		for (i = 0; i < child; i++)
			if ((cell(map, pos + i) & mask[i]) != key[i])
				match = false;
		parent = by_phandle(f, cell(map, pos + child));
		if (parent < 0)
			return bad(why, "a PCI interrupt-map parent phandle names no node");
		r = u32_prop(f, parent, "#address-cells", &pac);
		if (r == -ENOENT)
			pac = 0;
		else if (r || pac > PARENT_ADDR_MAX)
			return bad(why, "a PCI interrupt parent's #address-cells is bad");
		if (u32_prop(f, parent, "#interrupt-cells", &pic) || !pic ||
		    pic > PARENT_INT_MAX)
			return bad(why, "a PCI interrupt parent's #interrupt-cells is bad");
		pos += child + 1;
		if (len - pos < pac + pic)
			return bad(why, "the PCI host's interrupt-map ends inside an entry");
		if (match)
			return gic_spi(f, parent, map + 4 * (pos + pac), pic,
				       irq, why);
		pos += pac + pic;
	}
	return -ENOENT;
}

int fdt_pci_intx(const struct fdt *f, u32 bus, u32 devfn, u32 pin,
		 struct fdt_pci_irq *irq, const char **why)
{
	int ret;

	*why = NULL;
	ret = intx(f, bus, devfn, pin, irq, why);
	if (ret) {
		memset(irq, 0, sizeof(*irq));
		if (ret != -EINVAL)
			*why = NULL;
	}
	return ret;
}
