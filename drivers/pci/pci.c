// SPDX-License-Identifier: GPL-2.0
/*
 * PCI core (include/tern/pci.h): configuration access, the bus scan, BAR
 * sizing, capabilities, INTx and MSI-X for drivers.
 *
 * Config access: ECAM when the architecture knows a window starting at
 * bus 0 (arch_pci_ecam(): x86's MCFG table, arm64's device tree; each
 * bus's 1 MiB is ioremapped the first time it is touched, so only buses
 * that exist cost page tables), else the architecture's ports (x86's
 * type-1 ports 0xCF8/0xCFC, arch/x86/kernel/pci_conf.c, which reach the
 * first 256 bytes only), else nothing (reads are all-ones). Under a Xen
 * PVH dom0 both are trapped by Xen's vPCI and behave the same.
 *
 * Scan: bus 0, then recursively the secondary bus of every PCI-PCI
 * bridge as the firmware numbered it; a function exists when its vendor
 * ID is not 0xffff, functions 1-7 are probed only for multi-function
 * devices.
 *
 * BAR sizing writes all-ones and reads back the size mask, so it runs
 * with interrupts off and the function's decoding off (vPCI ignores BAR
 * writes while memory decoding is on), then restores BAR and command
 * register exactly.
 */
#include <tern/irq.h>
#include <tern/mm.h>
#include <tern/pci.h>
#include <tern/printk.h>
#include <tern/spinlock.h>
#include <tern/string.h>
#include <asm/io.h>
#include <asm/pv_ops.h>

#define ECAM_BUS_SIZE	(1UL << 20)

struct pci_dev *pci_devices;
const struct pci_platform_ops *pci_platform;
static struct pci_dev **pci_tail = &pci_devices;

static bool ecam_on;
static bool ecam_found;		/* arch_pci_ecam() answered */
static struct pci_ecam ecam;
static void __iomem *ecam_bus[256];
static unsigned long scanned[256 / 64];

/* ---- configuration access ---- */

/* The ECAM address of a register, mapping its bus on first use. */
static u8 __iomem *ecam_addr(u8 bus, u8 devfn, u16 reg)
{
	if (bus < ecam.bus_start || bus > ecam.bus_end || reg >= 4096)
		return NULL;
	if (!ecam_bus[bus]) {
		ecam_bus[bus] = ioremap(ecam.base + (u64)bus * ECAM_BUS_SIZE,
					ECAM_BUS_SIZE);
		if (!ecam_bus[bus])
			return NULL;
	}
	return (u8 __iomem *)ecam_bus[bus] + ((u32)devfn << 12) + reg;
}

int pci_conf_read_ecam(u8 bus, u8 devfn, u16 reg, unsigned int size,
		       u32 *val)
{
	u8 __iomem *a;

	if (!ecam_found)
		return -ENODEV;
	a = ecam_addr(bus, devfn, reg);
	if (!a)
		return -EINVAL;
	if (size == 1)
		*val = readb(a);
	else if (size == 2)
		*val = readw(a);
	else
		*val = readl(a);
	return 0;
}

u32 pci_conf_read(u8 bus, u8 devfn, u16 reg, unsigned int size)
{
	u32 v;

	if (reg & (size - 1))
		return ~0u;
	if (ecam_on && !pci_conf_read_ecam(bus, devfn, reg, size, &v))
		return v;
	if (!arch_pci_has_ports())
		return ~0u;
	return pci_conf_read_portio(bus, devfn, reg, size);
}

void pci_conf_write(u8 bus, u8 devfn, u16 reg, unsigned int size, u32 v)
{
	u8 __iomem *a = ecam_on ? ecam_addr(bus, devfn, reg) : NULL;

	if (reg & (size - 1))
		return;
	if (!a) {
		if (arch_pci_has_ports())
			pci_conf_write_portio(bus, devfn, reg, size, v);
		return;
	}
	if (size == 1)
		writeb(v, a);
	else if (size == 2)
		writew(v, a);
	else
		writel(v, a);
}

bool pci_ecam_active(void)
{
	return ecam_on;
}

/* ---- capabilities, BARs ---- */

u8 pci_find_capability(struct pci_dev *p, u8 id)
{
	unsigned int ttl = 48;
	u8 pos;

	if (!(pci_read16(p, PCI_STATUS) & PCI_STATUS_CAP_LIST))
		return 0;
	pos = pci_read8(p, PCI_CAPABILITY_LIST) & ~3;
	while (pos >= 0x40 && ttl--) {
		if (pci_read8(p, pos) == id)
			return pos;
		pos = pci_read8(p, pos + 1) & ~3;
	}
	return 0;
}

/* Size mask of one BAR register (all-ones written, read back, restored). */
static u32 bar_probe(struct pci_dev *p, u16 reg, u32 orig)
{
	u32 mask;

	pci_write32(p, reg, ~0u);
	mask = pci_read32(p, reg);
	pci_write32(p, reg, orig);
	return mask;
}

static void size_bars(struct pci_dev *p)
{
	unsigned int nbars = p->hdr_type == 0 ? 6 : p->hdr_type == 1 ? 2 : 0;
	unsigned long flags;
	unsigned int i;
	u16 cmd;

	if (!nbars)
		return;
	flags = local_irq_save();
	cmd = pci_read16(p, PCI_COMMAND);
	pci_write16(p, PCI_COMMAND,
		    cmd & ~(PCI_COMMAND_IO | PCI_COMMAND_MEMORY));
	for (i = 0; i < nbars; i++) {
		u16 reg = PCI_BASE_ADDRESS_0 + 4 * i;
		u32 lo = pci_read32(p, reg), mlo = bar_probe(p, reg, lo);
		struct pci_bar *b = &p->bar[i];
		u64 mask;

		if (lo & 1) {
			mask = (mlo & ~3u) | 0xffff0000u;
			b->type = PCI_BAR_IO;
			b->base = lo & ~3u;
			b->size = mask & 0xfffc ? (u32)(~mask + 1) & 0xffff : 0;
			if (!b->size)
				b->type = PCI_BAR_NONE;
			continue;
		}
		b->prefetch = lo & 8;
		b->base = lo & ~0xfu;
		mask = mlo & ~0xfu;
		if (((lo >> 1) & 3) == 2 && i + 1 < nbars) {
			u32 hi = pci_read32(p, reg + 4);

			mask |= (u64)bar_probe(p, reg + 4, hi) << 32;
			b->base |= (u64)hi << 32;
			b->type = PCI_BAR_MEM64;
			i++;
		} else {
			/* an unimplemented BAR reads back all zeroes */
			if (mask)
				mask |= 0xffffffff00000000ULL;
			b->type = PCI_BAR_MEM32;
		}
		b->size = mask ? ~mask + 1 : 0;
		if (!b->size)
			*b = (struct pci_bar){ .type = PCI_BAR_NONE };
	}
	pci_write16(p, PCI_COMMAND, cmd);
	local_irq_restore(flags);
}

/* ---- the scan ---- */

static void scan_bus(u8 bus);

static void add_function(u8 bus, u8 devfn)
{
	struct pci_dev *p = kzalloc(sizeof(*p));
	u32 cr;

	if (!p) {
		pr_err("pci: out of memory at %02x:%02x.%x\n", bus,
		       PCI_SLOT(devfn), PCI_FUNC(devfn));
		return;
	}
	p->bus = bus;
	p->devfn = devfn;
	snprintf(p->name, sizeof(p->name), "%02x:%02x.%x", bus,
		 PCI_SLOT(devfn), PCI_FUNC(devfn));
	p->dev.name = p->name;
	p->dev.dma_mask = DMA_BIT_MASK(32);
	p->dev.coherent_dma_mask = DMA_BIT_MASK(32);
	p->vendor = pci_read16(p, PCI_VENDOR_ID);
	p->device = pci_read16(p, PCI_DEVICE_ID);
	cr = pci_read32(p, PCI_REVISION_ID);
	p->revision = cr & 0xff;
	p->class = cr >> 8;
	p->hdr_type = pci_read8(p, PCI_HEADER_TYPE) & 0x7f;
	p->irq_line = pci_read8(p, PCI_INTERRUPT_LINE);
	p->irq_pin = pci_read8(p, PCI_INTERRUPT_PIN);
	size_bars(p);
	p->msix_cap = pci_find_capability(p, PCI_CAP_ID_MSIX);
	if (p->msix_cap)
		p->msix_size = (pci_read16(p, p->msix_cap + PCI_MSIX_FLAGS) &
				PCI_MSIX_FLAGS_QSIZE) + 1;
	*pci_tail = p;
	pci_tail = &p->next;
	if (pci_platform->device_added)
		pci_platform->device_added(p);

	if (p->hdr_type == 1) {
		u8 sec = pci_read8(p, PCI_SECONDARY_BUS);

		if (sec > bus)
			scan_bus(sec);
	}
}

static void scan_bus(u8 bus)
{
	unsigned int dev, fn;

	if (scanned[bus / 64] & (1UL << (bus % 64)))
		return;
	scanned[bus / 64] |= 1UL << (bus % 64);
	for (dev = 0; dev < 32; dev++) {
		u8 nfn = 1;

		for (fn = 0; fn < nfn; fn++) {
			u8 devfn = PCI_DEVFN(dev, fn);

			if ((pci_conf_read(bus, devfn, PCI_VENDOR_ID, 2) &
			     0xffff) == 0xffff)
				continue;
			if (fn == 0 && (pci_conf_read(bus, devfn,
						      PCI_HEADER_TYPE, 1) &
					PCI_HEADER_MULTI))
				nfn = 8;
			add_function(bus, devfn);
		}
	}
}

void pci_init(void)
{
	const char *why = "unavailable";
	unsigned int n = 0;
	struct pci_dev *p;
	u32 v;

	if (!pci_platform)
		pci_platform = arch_pci_platform();
	if (pci_platform->init && pci_platform->init(&why)) {
		pr_info("pci: not scanned (platform %s: %s)\n",
			pci_platform->name, why);
		return;
	}
	ecam_found = !arch_pci_ecam(&ecam);
	if (ecam_found && ecam.bus_start == 0 &&
	    !pci_conf_read_ecam(0, 0, PCI_VENDOR_ID, 4, &v)) {
		/* the window must show what the ports show, if any */
		if (!arch_pci_has_ports() ||
		    v == pci_conf_read_portio(0, 0, PCI_VENDOR_ID, 4))
			ecam_on = true;
		else
			pr_warn("pci: ECAM at %#llx disagrees with port I/O, not used\n",
				ecam.base);
	}
	scan_bus(0);
	for (p = pci_devices; p; p = p->next)
		n++;
	if (ecam_on)
		pr_info("pci: %u functions, config via ECAM at %#llx (buses %u-%u), platform %s\n",
			n, ecam.base, ecam.bus_start, ecam.bus_end,
			pci_platform->name);
	else if (arch_pci_has_ports())
		pr_info("pci: %u functions, config via ports 0xcf8/0xcfc, platform %s\n",
			n, pci_platform->name);
	else
		pr_info("pci: %u functions, no configuration access, platform %s\n",
			n, pci_platform->name);
}

struct pci_dev *pci_find_class(u32 class, struct pci_dev *from)
{
	struct pci_dev *p = from ? from->next : pci_devices;

	for (; p; p = p->next)
		if (class > 0xffff ? p->class == class : p->class >> 8 == class)
			return p;
	return NULL;
}

struct pci_dev *pci_find_device(u16 vendor, u16 device, struct pci_dev *from)
{
	struct pci_dev *p = from ? from->next : pci_devices;

	for (; p; p = p->next)
		if (p->vendor == vendor && p->device == device)
			return p;
	return NULL;
}

/* ---- for drivers ---- */

int pci_enable_device(struct pci_dev *p)
{
	u16 cmd = pci_read16(p, PCI_COMMAND), want = PCI_COMMAND_MASTER;
	unsigned int i;

	for (i = 0; i < PCI_NUM_BARS; i++) {
		if (p->bar[i].type == PCI_BAR_IO)
			want |= PCI_COMMAND_IO;
		else if (p->bar[i].type != PCI_BAR_NONE)
			want |= PCI_COMMAND_MEMORY;
	}
	if ((cmd & want) != want)
		pci_write16(p, PCI_COMMAND, cmd | want);
	p->enabled = true;
	return 0;
}

void __iomem *pci_iomap(struct pci_dev *p, unsigned int bar, size_t len)
{
	struct pci_bar *b;

	if (bar >= PCI_NUM_BARS)
		return NULL;
	b = &p->bar[bar];
	if (b->type != PCI_BAR_MEM32 && b->type != PCI_BAR_MEM64)
		return NULL;
	if (!len || len > b->size)
		len = b->size;
	return ioremap(b->base, len);
}

int pci_intx_gsi(struct pci_dev *p)
{
	if (pci_platform->intx_irq)
		return pci_platform->intx_irq(p);
	if (!p->irq_pin || p->irq_pin > 4 || !p->irq_line ||
	    p->irq_line == PCI_INTX_NONE || p->irq_line >= NR_GSI_IRQS)
		return -ENODEV;
	return p->irq_line;
}

void pci_intx(struct pci_dev *p, bool enable)
{
	u16 cmd = pci_read16(p, PCI_COMMAND);
	u16 want = enable ? cmd & ~PCI_COMMAND_INTX_DISABLE :
			    cmd | PCI_COMMAND_INTX_DISABLE;

	if (want != cmd)
		pci_write16(p, PCI_COMMAND, want);
}

static int msix_map_table(struct pci_dev *p)
{
	/* device input: read once, every part checked before use */
	u32 t = pci_read32(p, p->msix_cap + PCI_MSIX_TABLE);
	unsigned int bir = t & 7;
	u64 off = t & ~7u;
	struct pci_bar *b;
	unsigned int i;

	if (bir >= PCI_NUM_BARS) {
		pr_warn("pci %s: MSI-X table in BAR %u, which does not exist\n",
			p->name, bir);
		return -ENODEV;
	}
	b = &p->bar[bir];
	if ((b->type != PCI_BAR_MEM32 && b->type != PCI_BAR_MEM64) ||
	    off + (u64)p->msix_size * PCI_MSIX_ENTRY_SIZE > b->size) {
		pr_warn("pci %s: MSI-X table at BAR %u + %#llx does not fit the BAR\n",
			p->name, bir, off);
		return -ENODEV;
	}
	p->msix_bir = bir;
	p->msix_vecs = kzalloc(p->msix_size * sizeof(*p->msix_vecs));
	if (!p->msix_vecs)
		return -ENOMEM;
	p->msix_table = ioremap(b->base + off,
				(size_t)p->msix_size * PCI_MSIX_ENTRY_SIZE);
	if (!p->msix_table) {
		kfree(p->msix_vecs);
		p->msix_vecs = NULL;
		return -ENOMEM;
	}
	for (i = 0; i < p->msix_size; i++) {
		p->msix_vecs[i].irq = -1;
		p->msix_vecs[i].entry = (u8 __iomem *)p->msix_table +
					i * PCI_MSIX_ENTRY_SIZE;
	}
	return 0;
}

int pci_alloc_msix_irq(struct pci_dev *p, unsigned int entry,
		       irq_handler_t handler, const char *name, void *data)
{
	u16 ctrl_reg = p->msix_cap + PCI_MSIX_FLAGS, ctrl;
	struct pci_msix_vec *v;
	int ret;

	if (!p->msix_cap || !pci_platform->msix_setup)
		return -ENODEV;
	if (entry >= p->msix_size)
		return -EINVAL;
	if (!p->msix_table) {
		ret = msix_map_table(p);
		if (ret)
			return ret;
	}
	v = &p->msix_vecs[entry];
	if (v->irq >= 0)
		return -EBUSY;
	/* enable with every vector held off, set up one entry, release */
	ctrl = pci_read16(p, ctrl_reg);
	pci_write16(p, ctrl_reg, ctrl | PCI_MSIX_FLAGS_ENABLE |
		    PCI_MSIX_FLAGS_MASKALL);
	ret = pci_platform->msix_setup(p, v);
	if (!ret) {
		ret = request_irq(v->irq, handler, name, data);
		if (ret)
			pci_platform->msix_teardown(p, v);
	}
	pci_write16(p, ctrl_reg, (ctrl | PCI_MSIX_FLAGS_ENABLE) &
		    ~PCI_MSIX_FLAGS_MASKALL);
	return ret ? ret : v->irq;
}

bool pci_msix_supported(void)
{
	return pci_platform && pci_platform->msix_setup;
}

void pci_free_msix_irq(struct pci_dev *p, unsigned int entry)
{
	if (!p->msix_vecs || entry >= p->msix_size ||
	    p->msix_vecs[entry].irq < 0)
		return;
	pci_platform->msix_teardown(p, &p->msix_vecs[entry]);
}

void pci_disable_msix(struct pci_dev *p)
{
	u16 ctrl_reg = p->msix_cap + PCI_MSIX_FLAGS;
	unsigned int i;

	if (!p->msix_cap)
		return;
	for (i = 0; p->msix_vecs && i < p->msix_size; i++)
		pci_free_msix_irq(p, i);
	pci_write16(p, ctrl_reg, pci_read16(p, ctrl_reg) &
		    ~(PCI_MSIX_FLAGS_ENABLE | PCI_MSIX_FLAGS_MASKALL));
}

static const char *const bar_names[] = {
	[PCI_BAR_NONE] = "none", [PCI_BAR_IO] = "io",
	[PCI_BAR_MEM32] = "mem32", [PCI_BAR_MEM64] = "mem64",
};

void pci_print_devices(void)
{
	struct pci_dev *p;
	unsigned int i;

	printk("pci: config via %s\n", ecam_on ? "ECAM" :
	       arch_pci_has_ports() ? "ports" : "nothing");
	for (p = pci_devices; p; p = p->next) {
		printk("%s %04x:%04x class %06x", p->name, p->vendor,
		       p->device, p->class);
		if (p->irq_pin)
			printk(" INT%c line %u", 'A' + p->irq_pin - 1,
			       p->irq_line);
		if (p->msix_cap)
			printk(" msix %u", p->msix_size);
		printk("\n");
		for (i = 0; i < PCI_NUM_BARS; i++) {
			struct pci_bar *b = &p->bar[i];

			if (b->type == PCI_BAR_NONE)
				continue;
			printk("    BAR%u %s%s %#llx size %#llx\n", i,
			       bar_names[b->type], b->prefetch ? " pref" : "",
			       b->base, b->size);
		}
	}
}
