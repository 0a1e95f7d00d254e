// SPDX-License-Identifier: GPL-2.0
/*
 * The native PCI platform (struct pci_platform_ops, include/tern/pci.h).
 *
 * INTx: a function's interrupt line (the Interrupt Line register, as the
 * firmware routed it) is a GSI; device_added programs its IO-APIC pin as
 * a PCI interrupt, trigger and polarity from the MADT (acpi_gsi_mode()).
 *
 * MSI-X: an entry becomes a dynamic IRQ with its own IDT vector; the message is
 * the x86 format, address 0xFEE00000 | destination APIC ID << 12
 * (physical destination, fixed delivery), data = vector (edge). The
 * chip masks through the entry's vector-control word and ends the
 * interrupt with a local APIC EOI. irq_set_affinity() rewrites the
 * destination (the CPU's cpu_data.apic_id), the entry masked meanwhile.
 *
 * A Xen PVH dom0 uses this too: Xen's vPCI traps the table and turns
 * the native message into a remapped one.
 *
 * The vector layer has no way to release a vector, so an IRQ given up
 * by msix_teardown() keeps its vector and goes to a free list that the
 * next setup takes from first.
 *
 * arch_pci_platform() is what pci_init() takes when no platform was
 * installed: these ops. A Xen PV domain installs its own from
 * x86_platform.pci_init (arch/x86/xen/pci_pv.c: PHYSDEVOP_set_iopl,
 * PHYSDEVOP_pci_device_add, pirqs for INTx and MSI-X in dom0; a refusal
 * in a domU, which has no configuration space to reach).
 */
#include <tern/irq.h>
#include <tern/pci.h>
#include <tern/printk.h>
#include <asm/apic.h>
#include <asm/io.h>
#include <asm/smp.h>

#define MSI_ADDR_BASE		0xfee00000u
#define MSI_ADDR_DEST_SHIFT	12

#define MSIX_SPARE_MAX		16

static int spare_irqs[MSIX_SPARE_MAX];
static unsigned int nr_spare;

static void __iomem *vec_ctrl(unsigned int irq)
{
	struct pci_msix_vec *v = irq_to_desc(irq)->chip_data;

	return (u8 __iomem *)v->entry + PCI_MSIX_ENTRY_VECTOR_CTRL;
}

static void msix_mask(unsigned int irq)
{
	void __iomem *ctrl = vec_ctrl(irq);

	writel(readl(ctrl) | PCI_MSIX_ENTRY_CTRL_MASKBIT, ctrl);
	readl(ctrl);		/* flush the posted write */
}

static void msix_unmask(unsigned int irq)
{
	void __iomem *ctrl = vec_ctrl(irq);

	writel(readl(ctrl) & ~PCI_MSIX_ENTRY_CTRL_MASKBIT, ctrl);
	readl(ctrl);
}

static void msix_eoi(unsigned int irq)
{
	lapic_eoi();
}

/*
 * Aim the message at another CPU's local APIC: the entry is masked while
 * its address changes (a Xen PVH dom0's vPCI rebinds it when it is
 * unmasked again), then left masked or not as it was.
 */
static int msix_set_affinity(unsigned int irq, unsigned int cpu)
{
	struct pci_msix_vec *v = irq_to_desc(irq)->chip_data;
	u8 __iomem *e = v->entry;
	u32 ctrl = readl(e + PCI_MSIX_ENTRY_VECTOR_CTRL);

	writel(ctrl | PCI_MSIX_ENTRY_CTRL_MASKBIT,
	       e + PCI_MSIX_ENTRY_VECTOR_CTRL);
	writel(MSI_ADDR_BASE | (cpu_data[cpu].apic_id << MSI_ADDR_DEST_SHIFT),
	       e);
	writel(ctrl, e + PCI_MSIX_ENTRY_VECTOR_CTRL);
	readl(e + PCI_MSIX_ENTRY_VECTOR_CTRL);
	return 0;
}

static const struct irq_chip msix_chip = {
	.name = "pci-msix",
	.mask = msix_mask,
	.unmask = msix_unmask,
	.eoi = msix_eoi,
	.set_affinity = msix_set_affinity,
};

static int native_msix_setup(struct pci_dev *p, struct pci_msix_vec *v)
{
	u8 __iomem *e = v->entry;
	int irq;

	if (!lapic_present())
		return -ENODEV;
	if (nr_spare) {
		irq = spare_irqs[--nr_spare];
	} else {
		irq = irq_alloc_dynamic();
		if (irq < 0)
			return irq;
		if (alloc_irq_vector(irq) < 0) {
			irq_free_dynamic(irq);
			return -ENOSPC;
		}
	}
	irq_set_chip(irq, &msix_chip, v);
	v->irq = irq;
	writel(readl(e + PCI_MSIX_ENTRY_VECTOR_CTRL) |
	       PCI_MSIX_ENTRY_CTRL_MASKBIT, e + PCI_MSIX_ENTRY_VECTOR_CTRL);
	writel(MSI_ADDR_BASE | (lapic_id() << MSI_ADDR_DEST_SHIFT), e);
	writel(0, e + 4);
	writel(irq_vector(irq), e + 8);
	readl(e + 8);
	return 0;
}

static void native_msix_teardown(struct pci_dev *p, struct pci_msix_vec *v)
{
	if (v->irq < 0)
		return;
	free_irq(v->irq);	/* masks the entry */
	writel(0, (u8 __iomem *)v->entry + 8);
	if (nr_spare < MSIX_SPARE_MAX) {
		irq_set_chip(v->irq, NULL, NULL);
		spare_irqs[nr_spare++] = v->irq;
	} else {
		pr_warn("msi: IRQ %d leaks its vector\n", v->irq);
		irq_free_dynamic(v->irq);
	}
	v->irq = -1;
}

static void native_device_added(struct pci_dev *p)
{
	int gsi = pci_intx_gsi(p);

	if (gsi >= 0)
		ioapic_set_pci_gsi(gsi);
}

const struct pci_platform_ops pci_native_platform = {
	.name = "native",
	.device_added = native_device_added,
	.msix_setup = native_msix_setup,
	.msix_teardown = native_msix_teardown,
};

const struct pci_platform_ops *arch_pci_platform(void)
{
	return &pci_native_platform;
}
