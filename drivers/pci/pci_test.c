// SPDX-License-Identifier: GPL-2.0
/*
 * PCI on the running machine: the host bridge at 00:00.0, the list
 * agrees with fresh config reads, absent functions read all-ones, ECAM
 * and port I/O agree (Q35), BAR sizing left the BARs and the command
 * register as they were, and the NVMe function's BARs and MSI-X
 * capability make sense.
 */
#include <tern/ktest.h>
#include <tern/pci.h>

static int pci_suite_init(const char **reason)
{
	if (!pci_devices) {
		*reason = "no PCI functions (no config space)";
		return -ENODEV;
	}
	return 0;
}

static void host_bridge_found(struct ktest *t)
{
	struct pci_dev *p = pci_devices;

	KTEST_ASSERT(t, p);
	KTEST_EXPECT_EQ(t, p->bus, 0);
	KTEST_EXPECT_EQ(t, p->devfn, 0);
	KTEST_EXPECT_EQ(t, p->class >> 8, PCI_CLASS_BRIDGE_HOST);
	KTEST_EXPECT(t, pci_find_class(PCI_CLASS_BRIDGE_HOST, NULL) == p);
	ktest_log(t, "host bridge %04x:%04x", p->vendor, p->device);
}

static void list_matches_config(struct ktest *t)
{
	struct pci_dev *p;
	unsigned int n = 0, dev;
	bool absent_seen = false;

	for (p = pci_devices; p; p = p->next, n++) {
		KTEST_EXPECT_EQ(t, pci_read16(p, PCI_VENDOR_ID), p->vendor);
		KTEST_EXPECT_EQ(t, pci_read16(p, PCI_DEVICE_ID), p->device);
		KTEST_EXPECT_EQ(t, pci_read32(p, PCI_REVISION_ID) >> 8,
				p->class);
		KTEST_EXPECT(t, p->vendor != 0xffff && p->vendor != 0);
	}
	KTEST_EXPECT(t, n >= 2);
	/* an empty slot on bus 0 reads as all ones */
	for (dev = 31; dev > 0 && !absent_seen; dev--) {
		bool present = false;

		for (p = pci_devices; p; p = p->next)
			if (p->bus == 0 && PCI_SLOT(p->devfn) == dev)
				present = true;
		if (present)
			continue;
		KTEST_EXPECT_EQ(t, pci_conf_read(0, PCI_DEVFN(dev, 0),
						 PCI_VENDOR_ID, 4), ~0u);
		absent_seen = true;
	}
	KTEST_EXPECT(t, absent_seen);
}

static void ecam_agrees_with_ports(struct ktest *t)
{
	static const u16 regs[] = { 0x00, 0x08, 0x2c, 0x34, 0x3c };
	struct pci_dev *p;
	unsigned int i, n = 0;
	u32 e;

	if (!pci_ecam_active()) {
		ktest_skip(t, "no ECAM (no MCFG table)");
		return;
	}
	if (!arch_pci_has_ports()) {
		ktest_skip(t, "no configuration ports on this architecture");
		return;
	}
	for (p = pci_devices; p; p = p->next) {
		for (i = 0; i < ARRAY_SIZE(regs); i++) {
			KTEST_ASSERT(t, !pci_conf_read_ecam(p->bus, p->devfn,
							    regs[i], 4, &e));
			KTEST_EXPECT_EQ(t, e, pci_conf_read_portio(p->bus,
					p->devfn, regs[i], 4));
			n++;
		}
		for (i = 0; i < PCI_NUM_BARS && p->hdr_type == 0; i++) {
			u16 r = PCI_BASE_ADDRESS_0 + 4 * i;

			pci_conf_read_ecam(p->bus, p->devfn, r, 4, &e);
			KTEST_EXPECT_EQ(t, e, pci_conf_read_portio(p->bus,
					p->devfn, r, 4));
		}
		/* byte and word reads land on the same bytes */
		pci_conf_read_ecam(p->bus, p->devfn, PCI_HEADER_TYPE, 1, &e);
		KTEST_EXPECT_EQ(t, e, pci_conf_read_portio(p->bus, p->devfn,
							   PCI_HEADER_TYPE, 1));
		pci_conf_read_ecam(p->bus, p->devfn, PCI_DEVICE_ID, 2, &e);
		KTEST_EXPECT_EQ(t, e, p->device);
	}
	ktest_log(t, "%u registers compared", n);
}

static void bars_restored_after_sizing(struct ktest *t)
{
	struct pci_dev *p;
	unsigned int i, n = 0;

	for (p = pci_devices; p; p = p->next) {
		for (i = 0; i < PCI_NUM_BARS; i++) {
			struct pci_bar *b = &p->bar[i];
			u32 lo = pci_read32(p, PCI_BASE_ADDRESS_0 + 4 * i);

			if (b->type == PCI_BAR_NONE)
				continue;
			n++;
			/* a power of two, the base aligned to it */
			KTEST_EXPECT_EQ(t, b->size & (b->size - 1), 0);
			KTEST_EXPECT_EQ(t, b->base & (b->size - 1), 0);
			if (b->type == PCI_BAR_IO)
				KTEST_EXPECT_EQ(t, lo & ~3u, b->base);
			else
				KTEST_EXPECT_EQ(t, lo & ~0xfu, (u32)b->base);
		}
	}
	KTEST_EXPECT(t, n >= 1);
}

static void nvme_bars_and_msix(struct ktest *t)
{
	struct pci_dev *p = pci_find_class(PCI_CLASS_STORAGE_NVME, NULL);
	struct pci_bar *b;
	u32 tbl;

	if (!p) {
		ktest_skip(t, "no NVMe device");
		return;
	}
	b = &p->bar[0];
	ktest_log(t, "%s BAR0 %s %#llx size %#llx, MSI-X cap %#x (%u entries), INT%c line %u",
		  p->name, b->type == PCI_BAR_MEM64 ? "mem64" : "mem32",
		  b->base, b->size, p->msix_cap, p->msix_size,
		  'A' + p->irq_pin - 1, p->irq_line);
	KTEST_EXPECT(t, b->type == PCI_BAR_MEM64 || b->type == PCI_BAR_MEM32);
	/* registers and doorbells: 4 KiB at the very least */
	KTEST_EXPECT(t, b->size >= 0x2000 && b->size <= (1ULL << 32));
	KTEST_EXPECT(t, b->base != 0);
	KTEST_ASSERT(t, p->msix_cap);
	KTEST_EXPECT_EQ(t, pci_find_capability(p, PCI_CAP_ID_MSIX),
			p->msix_cap);
	KTEST_EXPECT(t, p->msix_size >= 2);
	tbl = pci_read32(p, p->msix_cap + PCI_MSIX_TABLE);
	/* the table lies inside its BAR */
	KTEST_EXPECT(t, p->bar[tbl & 7].size >= (tbl & ~7u) +
		     p->msix_size * PCI_MSIX_ENTRY_SIZE);
	KTEST_EXPECT(t, pci_read16(p, PCI_COMMAND) & PCI_COMMAND_MEMORY);
	KTEST_EXPECT(t, pci_read16(p, PCI_COMMAND) & PCI_COMMAND_MASTER);
}

static const struct ktest_case pci_cases[] = {
	KTEST_CASE(host_bridge_found),
	KTEST_CASE(list_matches_config),
	KTEST_CASE(ecam_agrees_with_ports),
	KTEST_CASE(bars_restored_after_sizing),
	KTEST_CASE(nvme_bars_and_msix),
};

static const struct ktest_suite pci_suite = {
	.name = "pci",
	.cases = pci_cases,
	.ncases = ARRAY_SIZE(pci_cases),
	.init = pci_suite_init,
};
KTEST_SUITE(pci_suite);
