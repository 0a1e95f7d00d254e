// SPDX-License-Identifier: GPL-2.0
/*
 * PCIe on arm64 (QEMU virt's "pci-host-ecam-generic"), the arch side of
 * drivers/pci (include/tern/pci.h): Documentation/arm64.md, "PCIe, NVMe
 * and DMA".
 *
 * Config access: ECAM only, the window and bus range the device tree
 * gives (fdt_platform_read()); there are no configuration ports.
 *
 * BARs: without firmware nobody has assigned them, so each memory BAR
 * a function has gets an address here, when the function is found
 * (pci_platform_ops.device_added), from the host's 32-bit memory window
 * (also for 64-bit BARs: the identity map reaches 512 GiB, and virt's
 * 64-bit window starts there), naturally aligned, first come first
 * served. A BAR that already holds an address inside a window keeps
 * it (translated to the CPU's address). I/O BARs are not assigned (the
 * driver set needs none): they are dropped from the function's list so
 * that I/O decoding stays off. Bridges' windows and the buses behind
 * them are not programmed.
 *
 * INTx: the host's interrupt-map (fdt_pci_intx()) names a GIC SPI per
 * slot and pin; pci_intx_gsi() returns the IRQ number it is bound to
 * (gic_map_intid()). MSI and MSI-X (the ITS) are not built: msix_setup
 * is absent, so drivers fall back to INTx.
 */
#include <tern/fdt_pci.h>
#include <tern/fdt_platform.h>
#include <tern/pci.h>
#include <tern/printk.h>
#include <asm/io.h>
#include <asm/setup.h>

#define ECAM_BUS_SHIFT	20
#define PCI_SPACE_MEM32	2

struct bar_window {
	u64 pci, cpu, size;
	u64 used;		/* bytes from the start handed out */
};

static struct bar_window mem32;
static bool windows_read;

int arch_pci_ecam(struct pci_ecam *e)
{
	const struct fdt_platform *p = arm64_platform();
	u64 below = (u64)p->pci_bus_start << ECAM_BUS_SHIFT;

	if (!p->ecam_base || !p->ecam_size || p->ecam_base < below)
		return -ENODEV;
	/* fdt_platform_read() checked the window covers the bus range */
	e->base = p->ecam_base - below;
	e->bus_start = p->pci_bus_start;
	e->bus_end = p->pci_bus_end;
	return 0;
}

bool arch_pci_has_ports(void)
{
	return false;
}

/* Never called (arch_pci_has_ports() is false): no ports on arm64. */
u32 pci_conf_read_portio(u8 bus, u8 devfn, u16 reg, unsigned int size)
{
	return ~0u;
}

void pci_conf_write_portio(u8 bus, u8 devfn, u16 reg, unsigned int size,
			   u32 v)
{
}

static void read_windows(void)
{
	const struct fdt_platform *p = arm64_platform();
	unsigned int i;

	windows_read = true;
	for (i = 0; i < p->nr_pci_ranges; i++) {
		const struct fdt_pci_range *r = &p->pci_ranges[i];

		/* the first non-prefetchable 32-bit memory window */
		if (r->space == PCI_SPACE_MEM32 && !r->prefetchable &&
		    r->size && !mem32.size) {
			mem32 = (struct bar_window){
				.pci = r->pci_addr, .cpu = r->cpu_addr,
				.size = r->size,
			};
		}
	}
	if (mem32.size)
		pr_info("pci: BARs from %#llx-%#llx (PCI %#llx)\n", mem32.cpu,
			mem32.cpu + mem32.size - 1, mem32.pci);
	else
		pr_warn("pci: no 32-bit memory window, BARs stay unassigned\n");
}

/* The PCI address a size-aligned piece of the window starts at, or 0. */
static u64 window_take(struct bar_window *w, u64 size)
{
	u64 off = (w->pci + w->used + size - 1) & ~(size - 1);

	off -= w->pci;
	if (off > w->size || size > w->size - off)
		return 0;
	w->used = off + size;
	return w->pci + off;
}

static void write_bar(struct pci_dev *p, unsigned int i, u64 pci)
{
	u16 reg = PCI_BASE_ADDRESS_0 + 4 * i;
	u32 lo = pci_read32(p, reg) & 0xf;

	pci_write32(p, reg, (u32)pci | lo);
	if (p->bar[i].type == PCI_BAR_MEM64)
		pci_write32(p, reg + 4, pci >> 32);
}

static void assign_bars(struct pci_dev *p)
{
	unsigned int nbars = p->hdr_type == 0 ? 6 : p->hdr_type == 1 ? 2 : 0;
	unsigned int i;
	u16 cmd;

	if (!windows_read)
		read_windows();
	cmd = pci_read16(p, PCI_COMMAND);
	pci_write16(p, PCI_COMMAND,
		    cmd & ~(PCI_COMMAND_IO | PCI_COMMAND_MEMORY));
	for (i = 0; i < nbars; i++) {
		struct pci_bar *b = &p->bar[i];
		u64 pci = b->base;

		if (b->type == PCI_BAR_IO) {
			pr_info("pci %s: BAR%u (I/O) not assigned\n", p->name, i);
			*b = (struct pci_bar){ .type = PCI_BAR_NONE };
			continue;
		}
		if (b->type != PCI_BAR_MEM32 && b->type != PCI_BAR_MEM64)
			continue;
		if (!pci || pci < mem32.pci || pci - mem32.pci >= mem32.size ||
		    b->size > mem32.size - (pci - mem32.pci)) {
			pci = window_take(&mem32, b->size);
			if (!pci) {
				pr_warn("pci %s: no room for BAR%u (%#llx bytes)\n",
					p->name, i, b->size);
				*b = (struct pci_bar){ .type = PCI_BAR_NONE };
				continue;
			}
			write_bar(p, i, pci);
		}
		b->base = mem32.cpu + (pci - mem32.pci);
	}
	pci_write16(p, PCI_COMMAND, cmd);
}

static int arm64_intx_irq(struct pci_dev *p)
{
	struct pci_ecam e;
	struct fdt_pci_irq r;
	const char *why;
	int ret;

	if (!p->irq_pin || p->irq_pin > 4)
		return -ENODEV;
	/* behind a bridge the pin would need swizzling: not built */
	if (arch_pci_ecam(&e) || p->bus != e.bus_start)
		return -ENODEV;
	ret = fdt_pci_intx(arm64_boot_fdt(), p->bus, p->devfn, p->irq_pin,
			   &r, &why);
	if (ret == -EINVAL)
		pr_warn("pci %s: INT%c: %s\n", p->name, 'A' + p->irq_pin - 1,
			why);
	if (ret)
		return -ENODEV;
	return gic_map_intid(r.intid, r.edge);
}

static const struct pci_platform_ops arm64_pci_platform = {
	.name = "native",
	.device_added = assign_bars,
	.intx_irq = arm64_intx_irq,
};

const struct pci_platform_ops *arch_pci_platform(void)
{
	return &arm64_pci_platform;
}
