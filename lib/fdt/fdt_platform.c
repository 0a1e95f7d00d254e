// SPDX-License-Identifier: GPL-2.0
/*
 * What an arm64 machine learns from its checked device tree: console,
 * GICv3, timer PPIs, PSCI conduit, ECAM PCIe host, Xen's hypervisor node
 * and /chosen (include/tern/fdt_platform.h, Documentation/fdt.md).
 *
 * Devices are found by compatible (the first enabled node) or by path
 * (/chosen, /aliases, /hypervisor). A device that is absent leaves its
 * fields 0; one that is present but malformed stops the read with
 * -EINVAL and a static reason. Interrupt specifiers are the GIC's: 3
 * cells <type number flags> (4 when the GICv3 node says #interrupt-cells
 * = <4>: PPI partitions, the 4th cell ignored); type 1 is a PPI, INTID
 * 16 + number.
 *
 * Every loop steps forward through the checked blob or through one
 * property whose length was checked, and is bounded by it.
 */
#include <tern/fdt_platform.h>
#include <tern/string.h>

#define GIC_PPI		1
#define GIC_PPI_BASE	16
#define GIC_NR_PPI	16
#define PATH_MAX_LEN	256	/* longer stdout-paths name no console */

/* the timer's interrupts, in order (binding arm,arch_timer) */
#define TIMER_SEC_PHYS	0
#define TIMER_PHYS	1
#define TIMER_VIRT	2
#define TIMER_HYP_PHYS	3
#define TIMER_MIN_IRQS	3	/* Xen writes secure, non-secure and virtual only */
#define TIMER_MAX_IRQS	5	/* with the hypervisor's virtual timer */

/* PCI phys.hi: ss (space) in bits 24-25, p (prefetchable) in bit 30 */
#define PCI_HI_SPACE(hi)	(((hi) >> 24) & 3)
#define PCI_HI_PREFETCH		(1u << 30)
#define PCI_SPACE_CONFIG	0
#define PCI_SPACE_IO		1
#define PCI_SPACE_MEM32		2
#define PCI_ADDR_CELLS		3
#define PCI_MAX_BUS		255
#define ECAM_BUS_SHIFT		20	/* 1 MiB of configuration per bus */

static int bad(const char **why, const char *msg)
{
	*why = msg;
	return -EINVAL;
}

static u32 cell(const u8 *v, u32 i)
{
	return (u32)fdt_read_cells(v + 4 * i, 1);
}

/* the property is one NUL-terminated string (possibly followed by more) */
static const char *str_prop(const struct fdt *f, int node, const char *name)
{
	const char *s;
	u32 len;

	s = fdt_getprop(f, node, name, &len);
	if (!s || strnlen(s, len) == len)
		return NULL;
	return s;
}

static bool enabled(const struct fdt *f, int node)
{
	const char *s;
	u32 len;

	if (!fdt_getprop(f, node, "status", &len))
		return true;
	s = str_prop(f, node, "status");
	return s && (!strcmp(s, "okay") || !strcmp(s, "ok"));
}

static bool compatible(const struct fdt *f, int node, const char *compat)
{
	const char *v;
	u32 len;

	v = fdt_getprop(f, node, "compatible", &len);
	return v && fdt_stringlist_contains(v, len, compat);
}

/* The first enabled node compatible with compat, or a negative errno */
static int find(const struct fdt *f, const char *compat)
{
	int n;

	for (n = fdt_node_by_compatible(f, -1, compat); n >= 0;
	     n = fdt_node_by_compatible(f, n, compat))
		if (enabled(f, n))
			return n;
	return n;
}

/* Entry idx of node's reg, which must be there: -EINVAL with why if not */
static int reg(const struct fdt *f, int node, unsigned int idx, u64 *addr,
	       u64 *size, const char **why, const char *msg)
{
	return fdt_reg(f, node, idx, addr, size) ? bad(why, msg) : 0;
}

/*
 * PPI idx of an interrupts property of len bytes at v, of icells cells
 * per interrupt, as an INTID.
 */
static int ppi(const u8 *v, u32 icells, u32 idx, u32 *intid,
	       const char **why, const char *not_ppi, const char *range)
{
	const u8 *e = v + 4 * icells * idx;

	if (cell(e, 0) != GIC_PPI)
		return bad(why, not_ppi);
	if (cell(e, 1) >= GIC_NR_PPI)
		return bad(why, range);
	*intid = GIC_PPI_BASE + cell(e, 1);
	return 0;
}

/* ---- /chosen ---- */

/*
 * The node stdout-path names: "/path" or an alias of /aliases, either
 * with ":options"; -ENOENT when it names none.
 */
static int stdout_node(const struct fdt *f, int chosen)
{
	char name[PATH_MAX_LEN];
	const char *s, *path;
	size_t len;
	int aliases;

	s = str_prop(f, chosen, "stdout-path");
	if (!s)
		return -ENOENT;
	for (len = 0; s[len] && s[len] != ':'; len++)
		if (len == sizeof(name) - 1)
			return -ENOENT;
	memcpy(name, s, len);
	name[len] = '\0';
	if (name[0] == '/')
		return fdt_path_offset(f, name);
	aliases = len ? fdt_path_offset(f, "/aliases") : -ENOENT;
	if (aliases < 0)
		return -ENOENT;
	path = str_prop(f, aliases, name);
	if (!path || path[0] != '/')
		return -ENOENT;
	return fdt_path_offset(f, path);
}

/* linux,initrd-start or -end: 1 or 2 cells; *present false if absent */
static int initrd_prop(const struct fdt *f, int chosen, const char *name,
		       u64 *v, bool *present, const char **why)
{
	const u8 *p;
	u32 len;

	p = fdt_getprop(f, chosen, name, &len);
	*present = p;
	if (!p)
		return 0;
	if (len != 4 && len != 8)
		return bad(why, "/chosen linux,initrd-start or -end is not 1 or 2 cells");
	*v = fdt_read_cells(p, len / 4);
	return 0;
}

static int read_chosen(const struct fdt *f, struct fdt_platform *p,
		       const char **why)
{
	bool has_start, has_end;
	const char *s;
	int chosen, err;
	u32 len, l;

	chosen = fdt_path_offset(f, "/chosen");
	if (chosen < 0)
		return 0;
	s = fdt_getprop(f, chosen, "bootargs", &len);
	if (s) {
		l = strnlen(s, len);
		if (l == len)
			return bad(why, "/chosen bootargs is not terminated");
		if (l > FDT_BOOTARGS_MAX - 1)
			return bad(why, "/chosen bootargs is longer than FDT_BOOTARGS_MAX - 1");
		memcpy(p->bootargs, s, l);
		p->bootargs[l] = '\0';
	}
	err = initrd_prop(f, chosen, "linux,initrd-start", &p->initrd_start,
			  &has_start, why);
	if (!err)
		err = initrd_prop(f, chosen, "linux,initrd-end",
				  &p->initrd_end, &has_end, why);
	if (err)
		return err;
	if (has_start != has_end)
		return bad(why, "/chosen has only one of linux,initrd-start and -end");
	if (p->initrd_end < p->initrd_start)
		return bad(why, "/chosen linux,initrd-end is below linux,initrd-start");
	return 0;
}

/* ---- devices ---- */

static int read_uart(const struct fdt *f, struct fdt_platform *p,
		     const char **why)
{
	int chosen, n = -ENOENT;

	chosen = fdt_path_offset(f, "/chosen");
	if (chosen >= 0)
		n = stdout_node(f, chosen);
	if (n < 0 || !enabled(f, n) || (!compatible(f, n, "arm,pl011") &&
					 !compatible(f, n, "arm,sbsa-uart")))
		n = find(f, "arm,pl011");
	if (n < 0)
		n = find(f, "arm,sbsa-uart");
	if (n < 0)
		return 0;
	p->uart_sbsa = !compatible(f, n, "arm,pl011");
	return reg(f, n, 0, &p->uart_base, &p->uart_size, why,
		   "the PL011's reg is missing or malformed");
}

/* The GICv3's #interrupt-cells (3 or 4; 3 without a GICv3) */
static int read_gic(const struct fdt *f, struct fdt_platform *p,
		    u32 *icells, const char **why)
{
	const u8 *v;
	u64 a, s;
	u32 len, nr = 1;
	int n, err;

	*icells = 3;
	n = find(f, "arm,gic-v3");
	if (n < 0)
		return 0;
	v = fdt_getprop(f, n, "#interrupt-cells", &len);
	if (v) {
		if (len != 4 || (cell(v, 0) != 3 && cell(v, 0) != 4))
			return bad(why, "the GICv3's #interrupt-cells is not 3 or 4");
		*icells = cell(v, 0);
	}
	v = fdt_getprop(f, n, "#redistributor-regions", &len);
	if (v) {
		if (len != 4 || !cell(v, 0))
			return bad(why, "the GICv3's #redistributor-regions is not one cell >= 1");
		nr = cell(v, 0);
	}
	err = reg(f, n, 0, &p->gicd_base, &p->gicd_size, why,
		  "the GICv3's reg is missing or malformed");
	if (err)
		return err;
	/* the distributor, then nr redistributor regions (then GICC...) */
	err = fdt_reg(f, n, nr, &a, &s);
	if (err == -ENOENT)
		return bad(why, "the GICv3's reg lacks a redistributor region");
	if (err)
		return bad(why, "the GICv3's reg is missing or malformed");
	return reg(f, n, 1, &p->gicr_base, &p->gicr_size, why,
		   "the GICv3's reg is missing or malformed");
}

static int read_timer(const struct fdt *f, struct fdt_platform *p,
		      u32 icells, const char **why)
{
	static const char not_ppi[] = "a timer interrupt is not a PPI";
	static const char range[] = "a timer PPI number is above 15";
	const u8 *v;
	u32 len, nr;
	int n, err;

	n = find(f, "arm,armv8-timer");
	if (n < 0)
		return 0;
	v = fdt_getprop(f, n, "interrupts", &len);
	nr = v ? len / (4 * icells) : 0;
	if (!v || len % (4 * icells) || nr < TIMER_MIN_IRQS ||
	    nr > TIMER_MAX_IRQS)
		return bad(why, "the timer's interrupts is not 3 to 5 interrupts");
	err = ppi(v, icells, TIMER_PHYS, &p->timer_phys_intid, why, not_ppi,
		  range);
	if (!err)
		err = ppi(v, icells, TIMER_VIRT, &p->timer_virt_intid, why,
			  not_ppi, range);
	return err;
}

static int read_psci(const struct fdt *f, struct fdt_platform *p,
		     const char **why)
{
	const char *m;
	int n;

	/*
	 * PSCI 0.1 ("arm,psci" alone) takes its function IDs from the
	 * node's properties, which are not read: no conduit.
	 */
	n = find(f, "arm,psci-0.2");
	if (n < 0)
		n = find(f, "arm,psci-1.0");
	if (n < 0)
		return 0;
	m = str_prop(f, n, "method");
	if (m && !strcmp(m, "hvc"))
		p->psci = FDT_PSCI_HVC;
	else if (m && !strcmp(m, "smc"))
		p->psci = FDT_PSCI_SMC;
	else
		return bad(why, "the PSCI method is not \"hvc\" or \"smc\"");
	return 0;
}

/* One entry of ranges: PCI address (3 cells), CPU address, size */
static int pci_range(const u8 *e, u32 pac, u32 sc, struct fdt_pci_range *r,
		     const char **why)
{
	u32 hi = cell(e, 0);

	r->space = PCI_HI_SPACE(hi);
	r->prefetchable = hi & PCI_HI_PREFETCH;
	r->pci_addr = fdt_read_cells(e + 4, 2);
	r->cpu_addr = fdt_read_cells(e + 4 * PCI_ADDR_CELLS, pac);
	r->size = fdt_read_cells(e + 4 * (PCI_ADDR_CELLS + pac), sc);
	if (r->space == PCI_SPACE_CONFIG)
		return bad(why, "a PCI range of configuration space");
	if (r->size && (r->pci_addr + (r->size - 1) < r->pci_addr ||
			r->cpu_addr + (r->size - 1) < r->cpu_addr))
		return bad(why, "a PCI range wraps past 2^64");
	if ((r->space == PCI_SPACE_IO || r->space == PCI_SPACE_MEM32) &&
	    r->size && r->pci_addr + (r->size - 1) > 0xffffffffULL)
		return bad(why, "a 32-bit PCI range ends above 4 GiB");
	return 0;
}

static int read_pci(const struct fdt *f, struct fdt_platform *p,
		    const char **why)
{
	u32 len, pac, psc, sc, entry, i;
	const u8 *v;
	int n, err;

	n = find(f, "pci-host-ecam-generic");
	if (n < 0)
		return 0;
	err = reg(f, n, 0, &p->ecam_base, &p->ecam_size, why,
		  "the PCI host's reg is missing or malformed");
	if (err)
		return err;
	p->pci_bus_end = PCI_MAX_BUS;
	v = fdt_getprop(f, n, "bus-range", &len);
	if (v) {
		if (len != 8 || cell(v, 0) > cell(v, 1) ||
		    cell(v, 1) > PCI_MAX_BUS)
			return bad(why, "the PCI host's bus-range is malformed");
		p->pci_bus_start = cell(v, 0);
		p->pci_bus_end = cell(v, 1);
	}
	if (p->ecam_size >> ECAM_BUS_SHIFT <
	    p->pci_bus_end - p->pci_bus_start + 1)
		return bad(why, "the PCI host's ECAM region is smaller than its bus-range");
	if (!fdt_getprop(f, n, "ranges", NULL))
		return 0;
	/* the parent's address cells; the bridge's own 3 and size cells */
	if (fdt_addr_size_cells(f, n, &pac, &psc))
		return bad(why, "the PCI host's parent's #address-cells is out of range");
	v = fdt_getprop(f, n, "#address-cells", &len);
	if (!v || len != 4 || cell(v, 0) != PCI_ADDR_CELLS)
		return bad(why, "the PCI host's #address-cells is not 3");
	v = fdt_getprop(f, n, "#size-cells", &len);
	if (!v || len != 4 || (cell(v, 0) != 1 && cell(v, 0) != 2))
		return bad(why, "the PCI host's #size-cells is not 1 or 2");
	sc = cell(v, 0);
	v = fdt_getprop(f, n, "ranges", &len);
	entry = 4 * (PCI_ADDR_CELLS + pac + sc);
	if (len % entry)
		return bad(why, "the PCI host's ranges is not whole entries");
	if (len / entry > FDT_PCI_MAX_RANGES)
		return bad(why, "the PCI host has more ranges than FDT_PCI_MAX_RANGES");
	for (i = 0; i < len / entry; i++) {
		err = pci_range(v + i * entry, pac, sc, &p->pci_ranges[i], why);
		if (err)
			return err;
		p->nr_pci_ranges++;
	}
	return 0;
}

static int read_xen(const struct fdt *f, struct fdt_platform *p, u32 icells,
		    const char **why)
{
	const u8 *v;
	u32 len;
	int n, err;

	n = fdt_path_offset(f, "/hypervisor");
	if (n < 0 || !compatible(f, n, "xen,xen"))
		return 0;
	/* region 0: the grant table's; 1: the first extended region */
	err = reg(f, n, 0, &p->xen_gnttab_base, &p->xen_gnttab_size, why,
		  "the Xen node's reg is missing or malformed");
	if (err)
		return err;
	err = fdt_reg(f, n, 1, &p->xen_ext_base, &p->xen_ext_size);
	if (err == -ENOENT) {
		p->xen_ext_base = 0;
		p->xen_ext_size = 0;
	} else if (err) {
		return bad(why, "the Xen node's reg is missing or malformed");
	}
	v = fdt_getprop(f, n, "interrupts", &len);
	if (!v || len != 4 * icells)
		return bad(why, "the Xen node's interrupts is not one interrupt");
	err = ppi(v, icells, 0, &p->xen_evtchn_intid, why,
		  "the Xen event channel interrupt is not a PPI",
		  "the Xen event channel PPI number is above 15");
	if (err)
		return err;
	p->xen = true;
	return 0;
}

int fdt_platform_read(const struct fdt *f, struct fdt_platform *p,
		      const char **why)
{
	u32 icells;
	int err;

	memset(p, 0, sizeof(*p));
	*why = NULL;
	err = read_chosen(f, p, why);
	if (!err)
		err = read_uart(f, p, why);
	if (!err)
		err = read_gic(f, p, &icells, why);
	if (!err)
		err = read_timer(f, p, icells, why);
	if (!err)
		err = read_psci(f, p, why);
	if (!err)
		err = read_pci(f, p, why);
	if (!err)
		err = read_xen(f, p, icells, why);
	if (err)
		memset(p, 0, sizeof(*p));	/* nothing half-read */
	return err;
}
