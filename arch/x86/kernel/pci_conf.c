// SPDX-License-Identifier: GPL-2.0
/*
 * x86's ways into PCI configuration space (include/tern/pci.h, "arch"):
 * the ECAM window the ACPI MCFG table describes for segment 0, and the
 * type-1 ports 0xCF8/0xCFC, which reach the first 256 bytes of every
 * function. drivers/pci/pci.c prefers ECAM when the window starts at
 * bus 0 and shows what the ports show.
 */
#include <tern/acpi.h>
#include <tern/pci.h>
#include <tern/spinlock.h>
#include <asm/io.h>

#define PCI_CONF_ADDR	0xcf8
#define PCI_CONF_DATA	0xcfc

int arch_pci_ecam(struct pci_ecam *e)
{
	if (!acpi.have_mcfg || acpi.mcfg_segment)
		return -ENODEV;
	e->base = acpi.mcfg_base;
	e->bus_start = acpi.mcfg_bus_start;
	e->bus_end = acpi.mcfg_bus_end;
	return 0;
}

bool arch_pci_has_ports(void)
{
	return true;
}

/* The address port and the data port are one access: one CPU at a time. */
static DEFINE_SPINLOCK(pci_conf_lock);

u32 pci_conf_read_portio(u8 bus, u8 devfn, u16 reg, unsigned int size)
{
	u32 addr = 0x80000000u | (u32)bus << 16 | (u32)devfn << 8 |
		   (reg & 0xfc);
	u16 port = PCI_CONF_DATA + (reg & 3);
	unsigned long flags;
	u32 v;

	if (reg >= 256)
		return ~0u;
	flags = spin_lock_irqsave(&pci_conf_lock);
	outl(addr, PCI_CONF_ADDR);
	if (size == 1)
		v = inb(port);
	else if (size == 2)
		v = inw(port);
	else
		v = inl(port);
	spin_unlock_irqrestore(&pci_conf_lock, flags);
	return v;
}

void pci_conf_write_portio(u8 bus, u8 devfn, u16 reg, unsigned int size,
			   u32 v)
{
	u32 addr = 0x80000000u | (u32)bus << 16 | (u32)devfn << 8 |
		   (reg & 0xfc);
	u16 port = PCI_CONF_DATA + (reg & 3);
	unsigned long flags;

	if (reg >= 256)
		return;
	flags = spin_lock_irqsave(&pci_conf_lock);
	outl(addr, PCI_CONF_ADDR);
	if (size == 1)
		outb(v, port);
	else if (size == 2)
		outw(v, port);
	else
		outl(v, port);
	spin_unlock_irqrestore(&pci_conf_lock, flags);
}
