// SPDX-License-Identifier: GPL-2.0
/*
 * IO-APICs from the MADT. IRQ number == GSI; GSI n is delivered on vector
 * GSI_VECTOR_BASE + n to the boot CPU. ISA IRQs map to GSIs through the
 * MADT interrupt source overrides (default: identity, edge, active high);
 * other GSIs default to level, active low (PCI), and so does a PCI INTx
 * line below 16 without an override (ioapic_set_pci_gsi(), from the
 * native PCI platform). Trigger and polarity come from acpi_gsi_mode().
 * All pins start masked; request_irq() unmasks. irq_set_affinity() aims
 * a pin at another CPU's local APIC (cpu_data.apic_id).
 */
#include <tern/irq.h>
#include <tern/printk.h>
#include <tern/acpi.h>
#include <tern/spinlock.h>
#include <asm/apic.h>
#include <asm/io.h>
#include <asm/processor.h>
#include <asm/smp.h>

#define IOREGSEL	0x00
#define IOWIN		0x10
#define IOAPIC_VER	0x01
#define IOAPIC_REDTBL(p) (0x10 + 2 * (p))

#define RTE_MASKED	(1u << 16)
#define RTE_LEVEL	(1u << 15)
#define RTE_REMOTE_IRR	(1u << 14)	/* level: sent, no EOI yet */
#define RTE_ACTIVE_LOW	(1u << 13)
#define RTE_PENDING	(1u << 12)	/* delivery status */

#define REMOTE_IRR_SPINS	100000

struct ioapic {
	void __iomem *base;
	u32 gsi_base;
	unsigned int pins;
};

static struct ioapic ioapics[ACPI_MAX_IOAPICS];
/* Register pairs (IOREGSEL, IOWIN) and read-modify-writes of an entry. */
static DEFINE_SPINLOCK(ioapic_lock);
static unsigned int nr_ioapics;
static unsigned int max_gsi;

static u32 io_read(struct ioapic *io, u32 reg)
{
	writel(reg, (u8 __iomem *)io->base + IOREGSEL);
	return readl((u8 __iomem *)io->base + IOWIN);
}

static void io_write(struct ioapic *io, u32 reg, u32 v)
{
	writel(reg, (u8 __iomem *)io->base + IOREGSEL);
	writel(v, (u8 __iomem *)io->base + IOWIN);
}

static struct ioapic *gsi_ioapic(unsigned int gsi, unsigned int *pin)
{
	unsigned int i;

	for (i = 0; i < nr_ioapics; i++) {
		if (gsi >= ioapics[i].gsi_base &&
		    gsi < ioapics[i].gsi_base + ioapics[i].pins) {
			*pin = gsi - ioapics[i].gsi_base;
			return &ioapics[i];
		}
	}
	return NULL;
}

unsigned int isa_irq_to_gsi(unsigned int isa_irq)
{
	unsigned int i;

	for (i = 0; i < acpi.nr_iso; i++)
		if (acpi.iso[i].bus_irq == isa_irq)
			return acpi.iso[i].gsi;
	return isa_irq;
}

unsigned int nr_ioapic_gsis(void)
{
	return max_gsi;
}

/* RTE trigger/polarity bits for a GSI, from the MADT (acpi_gsi_mode()). */
static u32 gsi_mode(unsigned int gsi, bool pci)
{
	unsigned int m = acpi_gsi_mode(&acpi, gsi, pci);

	return (m & ACPI_IRQ_LEVEL ? RTE_LEVEL : 0) |
	       (m & ACPI_IRQ_ACTIVE_LOW ? RTE_ACTIVE_LOW : 0);
}

static void ioapic_set_mask(unsigned int gsi, bool masked)
{
	unsigned int pin;
	struct ioapic *io = gsi_ioapic(gsi, &pin);
	unsigned long flags;
	u32 lo;

	if (!io)
		return;
	flags = spin_lock_irqsave(&ioapic_lock);
	lo = io_read(io, IOAPIC_REDTBL(pin));
	lo = masked ? lo | RTE_MASKED : lo & ~RTE_MASKED;
	io_write(io, IOAPIC_REDTBL(pin), lo);
	spin_unlock_irqrestore(&ioapic_lock, flags);
}

/*
 * A PCI function's INTx line: a GSI below 16 is programmed as an ISA IRQ
 * by ioapic_init(); as a PCI line it is level, active low unless an
 * override says otherwise. Before the line is requested.
 */
void ioapic_set_pci_gsi(unsigned int gsi)
{
	unsigned int pin;
	struct ioapic *io = gsi_ioapic(gsi, &pin);
	unsigned long flags;
	u32 lo;

	if (!io || gsi >= NR_GSI_IRQS)
		return;
	flags = spin_lock_irqsave(&ioapic_lock);
	lo = io_read(io, IOAPIC_REDTBL(pin)) & ~(RTE_LEVEL | RTE_ACTIVE_LOW);
	io_write(io, IOAPIC_REDTBL(pin), lo | gsi_mode(gsi, true));
	spin_unlock_irqrestore(&ioapic_lock, flags);
}

static void ioapic_mask(unsigned int irq)
{
	ioapic_set_mask(irq, true);
}

static void ioapic_unmask(unsigned int irq)
{
	ioapic_set_mask(irq, false);
}

static void ioapic_eoi(unsigned int irq)
{
	lapic_eoi();	/* broadcast EOI also ends level-triggered pins */
}

/*
 * Deliver the pin to another CPU's local APIC (physical destination).
 * The pin is masked meanwhile and, for a level-triggered line, moved
 * only once the interrupt it last sent was ended (Remote IRR clear): an
 * EOI racing with the move must not leave the line waiting for an EOI
 * that never comes. The wait is bounded; the mask is restored.
 */
static int ioapic_set_affinity(unsigned int gsi, unsigned int cpu)
{
	unsigned int pin, spins = 0;
	struct ioapic *io = gsi_ioapic(gsi, &pin);
	unsigned long flags;
	u32 lo;

	if (!io)
		return -EINVAL;
	flags = spin_lock_irqsave(&ioapic_lock);
	lo = io_read(io, IOAPIC_REDTBL(pin));
	io_write(io, IOAPIC_REDTBL(pin), lo | RTE_MASKED);
	while ((io_read(io, IOAPIC_REDTBL(pin)) & RTE_REMOTE_IRR) &&
	       ++spins < REMOTE_IRR_SPINS)
		cpu_relax();
	io_write(io, IOAPIC_REDTBL(pin) + 1, cpu_data[cpu].apic_id << 24);
	io_write(io, IOAPIC_REDTBL(pin), lo & ~(RTE_REMOTE_IRR | RTE_PENDING));
	spin_unlock_irqrestore(&ioapic_lock, flags);
	if (spins >= REMOTE_IRR_SPINS)
		pr_warn("ioapic: GSI %u moved with an interrupt still in service\n",
			gsi);
	return 0;
}

static const struct irq_chip ioapic_chip = {
	.name = "ioapic",
	.mask = ioapic_mask,
	.unmask = ioapic_unmask,
	.eoi = ioapic_eoi,
	.set_affinity = ioapic_set_affinity,
};

void ioapic_init(void)
{
	u32 dest = lapic_id();
	unsigned int i, pin;

	for (i = 0; i < acpi.nr_ioapics && i < ACPI_MAX_IOAPICS; i++) {
		struct ioapic *io = &ioapics[nr_ioapics];

		io->base = ioremap(acpi.ioapic[i].addr, 4096);
		if (!io->base) {
			pr_err("ioapic: cannot map %#x\n", acpi.ioapic[i].addr);
			continue;
		}
		io->gsi_base = acpi.ioapic[i].gsi_base;
		io->pins = ((io_read(io, IOAPIC_VER) >> 16) & 0xff) + 1;
		nr_ioapics++;

		for (pin = 0; pin < io->pins; pin++) {
			unsigned int gsi = io->gsi_base + pin;

			if (gsi >= NR_GSI_IRQS) {
				io_write(io, IOAPIC_REDTBL(pin), RTE_MASKED);
				continue;
			}
			io_write(io, IOAPIC_REDTBL(pin) + 1, dest << 24);
			io_write(io, IOAPIC_REDTBL(pin), RTE_MASKED |
				 gsi_mode(gsi, false) | (GSI_VECTOR_BASE + gsi));
			assign_irq_vector(gsi, GSI_VECTOR_BASE + gsi);
			irq_set_chip(gsi, &ioapic_chip, io);
			if (gsi + 1 > max_gsi)
				max_gsi = gsi + 1;
		}
		pr_info("ioapic: id %u at %#x, GSI %u-%u\n", acpi.ioapic[i].id,
			acpi.ioapic[i].addr, io->gsi_base,
			io->gsi_base + io->pins - 1);
	}
}
