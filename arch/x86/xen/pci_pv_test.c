// SPDX-License-Identifier: GPL-2.0
/*
 * PCI in a Xen PV dom0 (pci_pv.c): port I/O works with the IOPL Xen
 * granted, the platform is the PV one, a function's INTx GSI is an IRQ
 * of the same number backed by a pirq, and with an NVMe controller the
 * MSI-X entries are pirqs whose table entries Xen programmed (a message
 * to the local APIC range) while Tern never wrote them, both interrupt
 * paths deliver, and every delivery is followed by PHYSDEVOP_eoi.
 * Skipped unless Tern runs as a Xen PV dom0.
 */
#include <tern/irq.h>
#include <tern/ktest.h>
#include <tern/mm.h>
#include <tern/nvme.h>
#include <tern/pci.h>
#include <tern/string.h>
#include <tern/xen/events.h>
#include <asm/io.h>
#include <asm/xen/role.h>

static int pci_pv_init(const char **reason)
{
	if (!xen_pv() || !xen_dom0()) {
		*reason = "not a Xen PV dom0";
		return -ENODEV;
	}
	return 0;
}

static void port_io_reaches_config_space(struct ktest *t)
{
	u32 id = pci_conf_read_portio(0, 0, PCI_VENDOR_ID, 4);

	ktest_log(t, "00:00.0 %04x:%04x through 0xcf8, platform %s", id & 0xffff,
		  id >> 16, pci_platform ? pci_platform->name : "none");
	KTEST_EXPECT(t, id != ~0u && (id & 0xffff) != 0);
	KTEST_EXPECT(t, pci_platform && !strcmp(pci_platform->name, "xen-pv"));
	KTEST_EXPECT(t, pci_devices != NULL);
}

static void intx_gsi_is_a_pirq(struct ktest *t)
{
	struct pci_dev *p;
	unsigned int n = 0;

	for (p = pci_devices; p; p = p->next) {
		int gsi = pci_intx_gsi(p);

		if (gsi < 0)
			continue;
		n++;
		KTEST_EXPECT(t, xen_irq_to_pirq(gsi) >= 0);
		KTEST_EXPECT(t, irq_to_desc(gsi)->chip != NULL);
		if (n == 1)
			ktest_log(t, "%s INT%c: GSI %d = IRQ %d, pirq %d",
				  p->name, 'A' + p->irq_pin - 1, gsi, gsi,
				  xen_irq_to_pirq(gsi));
	}
	if (!n)
		ktest_skip(t, "no function with an INTx line");
}

static void nvme_interrupts_are_pirqs(struct ktest *t)
{
	struct nvme_ctrl *c = nvme_first();
	u8 *buf = alloc_pages(2, 0);
	u64 eois, count;
	u32 addr, data;
	int gsi;

	if (!c) {
		ktest_skip(t, "no NVMe controller");
		goto out;
	}
	KTEST_ASSERT(t, buf);
	/* INTx: the GSI number is the IRQ number, as natively */
	gsi = pci_intx_gsi(c->pdev);
	KTEST_ASSERT(t, gsi > 0);
	KTEST_ASSERT(t, !nvme_set_irq_mode(c, NVME_IRQ_INTX));
	KTEST_EXPECT_EQ(t, c->intx_irq, gsi);
	count = irq_to_desc(gsi)->count;
	eois = xen_pirq_eoi_count();
	KTEST_EXPECT_EQ(t, nvme_read(c, 4, 8, buf), 0);
	KTEST_EXPECT(t, irq_to_desc(gsi)->count > count);
	KTEST_EXPECT(t, xen_pirq_eoi_count() > eois);

	/* MSI-X, set up afresh: pirqs on dynamic IRQs */
	KTEST_ASSERT(t, !nvme_set_irq_mode(c, NVME_IRQ_MSIX));
	KTEST_ASSERT(t, c->io.irq >= NR_GSI_IRQS);
	KTEST_EXPECT(t, xen_irq_to_pirq(c->io.irq) >= 0);
	KTEST_EXPECT(t, xen_irq_to_pirq(c->admin.irq) >= 0);
	/* Xen wrote the message of entry 1 (the I/O queue) */
	addr = readl((u8 __iomem *)c->pdev->msix_table + 16);
	data = readl((u8 __iomem *)c->pdev->msix_table + 16 + 8);
	ktest_log(t, "MSI-X: IRQ %d pirq %d, entry 1 address %#x data %#x; INTx: IRQ %d pirq %d",
		  c->io.irq, xen_irq_to_pirq(c->io.irq), addr, data, gsi,
		  xen_irq_to_pirq(gsi));
	KTEST_EXPECT_EQ(t, addr & 0xfff00000u, 0xfee00000u);
	KTEST_EXPECT(t, data != 0);
	count = irq_to_desc(c->io.irq)->count;
	KTEST_EXPECT_EQ(t, nvme_read(c, 4, 8, buf), 0);
	KTEST_EXPECT(t, irq_to_desc(c->io.irq)->count > count);
	KTEST_EXPECT_EQ(t, c->lost_irqs, 0);
out:
	free_pages(buf, 2);
}

static const struct ktest_case pci_pv_cases[] = {
	KTEST_CASE(port_io_reaches_config_space),
	KTEST_CASE(intx_gsi_is_a_pirq),
	KTEST_CASE(nvme_interrupts_are_pirqs),
};

static const struct ktest_suite pci_pv_suite = {
	.name = "xen_pv_pci",
	.cases = pci_pv_cases,
	.ncases = ARRAY_SIZE(pci_pv_cases),
	.init = pci_pv_init,
};
KTEST_SUITE(pci_pv_suite);
