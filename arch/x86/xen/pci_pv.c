// SPDX-License-Identifier: GPL-2.0
/*
 * PCI in a Xen PV dom0 (struct pci_platform_ops, include/tern/pci.h).
 *
 * Xen owns the interrupt controllers and the MSI-X tables; dom0 owns
 * configuration space and the drivers. What this platform does:
 *
 *  - I/O privilege: a PV kernel runs in ring 3 and Xen checks each port
 *    access (emulated after a #GP) against the vCPU's virtual IOPL,
 *    which must be at least 1 for kernel mode: PHYSDEVOP_set_iopl(1),
 *    on every vCPU (secondary ones: xen_pv_iopl_secondary()).
 *    Then 0xCF8/0xCFC work (Xen filters them for dom0). ECAM is not
 *    used: a PV dom0 does not parse ACPI here.
 *  - device_added: PHYSDEVOP_pci_device_add (the older
 *    PHYSDEVOP_manage_pci_add when Xen lacks it), so Xen knows the
 *    function before any of its interrupts is mapped. A function with
 *    an INTx pin also gets its GSI ready: PHYSDEVOP_setup_gsi with the
 *    trigger and polarity of a PCI line from the machine's MADT (an
 *    interrupt source override, else level, active low: acpi_gsi_mode();
 *    the tables are the ones enlighten_pv.c read for power-off), and
 *    PHYSDEVOP_map_pirq with
 *    MAP_PIRQ_TYPE_GSI asking for pirq == GSI, and xen_pirq_attach() on
 *    IRQ number == GSI. request_irq(gsi) binds the event channel.
 *  - msix_setup: PHYSDEVOP_map_pirq, MAP_PIRQ_TYPE_MSI_SEG with the entry
 *    number and the address of the BAR that holds the table; Xen writes
 *    the message and masks/unmasks the entry itself (dom0's mapping of
 *    the table is read-only to it), so v->entry is never written. The
 *    pirq is attached to a dynamic IRQ; its event channel is the mask.
 *    msix_teardown: detach (closes the port, Xen unbinds), then
 *    PHYSDEVOP_unmap_pirq.
 *
 * A PV domU has no configuration space to reach (no passthrough): its
 * platform refuses, so pci_init() finds no devices.
 */
#include <tern/acpi.h>
#include <tern/irq.h>
#include <tern/pci.h>
#include <tern/printk.h>
#include <tern/xen/events.h>
#include <asm/xen/hypercall.h>
#include <xen/physdev.h>
#include "pv_hw.h"

/* Xen's error numbers are the Linux ones (xen/errno.h) */
#define XEN_ERR_NOSYS		38

/* struct physdev_setup_gsi: triggering 1 = level, polarity 1 = low */
#define SETUP_GSI_LEVEL		1
#define SETUP_GSI_ACTIVE_LOW	1

static bool iopl_ok;
static bool use_manage_pci;
static const struct acpi_info *machine_acpi;

static int pv_pci_allowed(const char **why)
{
	if (!iopl_ok) {
		*why = "Xen refused PHYSDEVOP_set_iopl: no port I/O";
		return -EPERM;
	}
	return 0;
}

static void report_device(struct pci_dev *p)
{
	struct physdev_pci_device_add add = {
		.seg = p->segment,
		.bus = p->bus,
		.devfn = p->devfn,
	};
	struct physdev_manage_pci old = { .bus = p->bus, .devfn = p->devfn };
	long rc = -XEN_ERR_NOSYS;

	if (!use_manage_pci) {
		rc = HYPERVISOR_physdev_op(PHYSDEVOP_pci_device_add, &add);
		if (rc == -XEN_ERR_NOSYS)
			use_manage_pci = true;
	}
	if (use_manage_pci)
		rc = HYPERVISOR_physdev_op(PHYSDEVOP_manage_pci_add, &old);
	/*
	 * -EEXIST is not an error. No flags: Tern knows neither ARI
	 * extended functions nor SR-IOV virtual functions.
	 */
	if (rc && rc != -EEXIST)
		pr_warn("pci %s: Xen refused the device (%ld)\n", p->name, rc);
}

/* INTx: make IRQ number gsi an event channel for the GSI's pirq. */
static void prepare_gsi(struct pci_dev *p)
{
	int gsi = pci_intx_gsi(p);
	struct physdev_setup_gsi setup = { 0 };
	struct physdev_map_pirq map = {
		.domid = DOMID_SELF,
		.type = MAP_PIRQ_TYPE_GSI,
	};
	unsigned int mode;
	long rc;
	int irq;

	if (gsi < 0)
		return;
	if (xen_irq_to_pirq(gsi) >= 0)
		return;		/* a line shared with an earlier function */
	setup.gsi = gsi;
	mode = acpi_gsi_mode(machine_acpi, gsi, true);
	setup.triggering = mode & ACPI_IRQ_LEVEL ? SETUP_GSI_LEVEL : 0;
	setup.polarity = mode & ACPI_IRQ_ACTIVE_LOW ? SETUP_GSI_ACTIVE_LOW : 0;
	rc = HYPERVISOR_physdev_op(PHYSDEVOP_setup_gsi, &setup);
	/* -EEXIST: Xen (from the MADT) or an earlier call programmed it */
	if (rc && rc != -EEXIST)
		pr_warn("pci %s: PHYSDEVOP_setup_gsi(%d) failed (%ld)\n",
			p->name, gsi, rc);
	map.index = gsi;
	map.pirq = gsi;
	rc = HYPERVISOR_physdev_op(PHYSDEVOP_map_pirq, &map);
	if (rc) {
		pr_warn("pci %s: PHYSDEVOP_map_pirq(GSI %d) failed (%ld)\n",
			p->name, gsi, rc);
		return;
	}
	irq = xen_pirq_attach(map.pirq, gsi);
	if (irq < 0) {
		pr_warn("pci %s: GSI %d (pirq %d) has no IRQ (%d)\n", p->name,
			gsi, map.pirq, irq);
		return;
	}
}

static void pv_device_added(struct pci_dev *p)
{
	report_device(p);
	prepare_gsi(p);
}

static int pv_msix_setup(struct pci_dev *p, struct pci_msix_vec *v)
{
	unsigned int entry = ((u8 __iomem *)v->entry -
			      (u8 __iomem *)p->msix_table) /
			     PCI_MSIX_ENTRY_SIZE;
	struct physdev_map_pirq map = {
		.domid = DOMID_SELF,
		.type = MAP_PIRQ_TYPE_MSI_SEG,
		.index = -1,
		.pirq = -1,
		.bus = p->bus | (u32)p->segment << 16,
		.devfn = p->devfn,
		.entry_nr = entry,
		.table_base = p->bar[p->msix_bir].base,
	};
	struct physdev_unmap_pirq unmap = { .domid = DOMID_SELF };
	long rc = HYPERVISOR_physdev_op(PHYSDEVOP_map_pirq, &map);
	int irq;

	if (rc) {
		pr_warn("pci %s: PHYSDEVOP_map_pirq(MSI-X entry %u) failed (%ld)\n",
			p->name, entry, rc);
		return rc;
	}
	irq = xen_pirq_attach(map.pirq, -1);
	if (irq < 0) {
		unmap.pirq = map.pirq;
		HYPERVISOR_physdev_op(PHYSDEVOP_unmap_pirq, &unmap);
		return irq;
	}
	v->irq = irq;
	return 0;
}

static void pv_msix_teardown(struct pci_dev *p, struct pci_msix_vec *v)
{
	struct physdev_unmap_pirq unmap = { .domid = DOMID_SELF };
	long rc;

	if (v->irq < 0)
		return;
	unmap.pirq = xen_irq_to_pirq(v->irq);
	xen_pirq_detach(v->irq);
	v->irq = -1;
	if (unmap.pirq < 0)
		return;
	rc = HYPERVISOR_physdev_op(PHYSDEVOP_unmap_pirq, &unmap);
	if (rc)
		pr_warn("pci %s: PHYSDEVOP_unmap_pirq(%d) failed (%ld)\n",
			p->name, unmap.pirq, rc);
}

const struct pci_platform_ops xen_pv_pci_platform = {
	.name = "xen-pv",
	.init = pv_pci_allowed,
	.device_added = pv_device_added,
	.msix_setup = pv_msix_setup,
	.msix_teardown = pv_msix_teardown,
};

/*
 * The IOPL is per vCPU: a secondary vCPU asks for its own once it runs
 * (xen_pv_cpu_init), when CPU 0 was granted it.
 */
void xen_pv_iopl_secondary(void)
{
	struct physdev_set_iopl iopl = { .iopl = 1 };
	long rc;

	if (!iopl_ok)
		return;
	rc = HYPERVISOR_physdev_op(PHYSDEVOP_set_iopl, &iopl);
	if (rc)
		pr_warn("xen: PHYSDEVOP_set_iopl(1) failed on a secondary vCPU (%ld)\n",
			rc);
}

void xen_pv_pci_init(const struct acpi_info *acpi_tables)
{
	struct physdev_set_iopl iopl = { .iopl = 1 };
	long rc = HYPERVISOR_physdev_op(PHYSDEVOP_set_iopl, &iopl);

	machine_acpi = acpi_tables;
	iopl_ok = !rc;
	if (rc)
		pr_warn("xen: PHYSDEVOP_set_iopl(1) failed (%ld)\n", rc);
	pci_platform = &xen_pv_pci_platform;
}

static int pv_domu_no_pci(const char **why)
{
	*why = "a Xen PV domU has no PCI devices (no passthrough)";
	return -ENODEV;
}

static const struct pci_platform_ops xen_pv_domu_pci_platform = {
	.name = "xen-pv-domu",
	.init = pv_domu_no_pci,
};

void xen_pv_domu_pci_init(void)
{
	pci_platform = &xen_pv_domu_pci_platform;
}
