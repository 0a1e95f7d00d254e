/* SPDX-License-Identifier: GPL-2.0 */
/*
 * PCI: configuration space, the device list, BARs, capabilities and
 * interrupts (INTx as a GSI, MSI-X), for drivers (drivers/pci/pci.c).
 *
 * Configuration space is reached through ECAM (the MCFG table, mapped
 * with ioremap bus by bus) when the firmware describes it, else through
 * ports 0xCF8/0xCFC. The bus is scanned once, from bus 0 down through
 * the bridges the firmware numbered.
 *
 * What differs between native, PVH dom0 and PV dom0 is behind
 * struct pci_platform_ops (reporting a device to the hypervisor, how an
 * MSI-X entry becomes an IRQ); drivers never ask which one runs.
 */
#ifndef _TERN_PCI_H
#define _TERN_PCI_H

#include <tern/types.h>
#include <tern/dma.h>
#include <tern/irq.h>

#define PCI_VENDOR_ID		0x00
#define PCI_DEVICE_ID		0x02
#define PCI_COMMAND		0x04
#define  PCI_COMMAND_IO		0x0001
#define  PCI_COMMAND_MEMORY	0x0002
#define  PCI_COMMAND_MASTER	0x0004
#define  PCI_COMMAND_INTX_DISABLE 0x0400
#define PCI_STATUS		0x06
#define  PCI_STATUS_CAP_LIST	0x0010
#define PCI_REVISION_ID		0x08
#define PCI_CLASS_PROG		0x09
#define PCI_CLASS_DEVICE	0x0a
#define PCI_HEADER_TYPE		0x0e
#define  PCI_HEADER_MULTI	0x80
#define PCI_BASE_ADDRESS_0	0x10
#define PCI_PRIMARY_BUS		0x18
#define PCI_SECONDARY_BUS	0x19
#define PCI_SUBORDINATE_BUS	0x1a
#define PCI_CAPABILITY_LIST	0x34
#define PCI_INTERRUPT_LINE	0x3c
#define PCI_INTERRUPT_PIN	0x3d

#define PCI_CAP_ID_MSI		0x05
#define PCI_CAP_ID_EXP		0x10
#define PCI_CAP_ID_MSIX		0x11
#define PCI_MSIX_FLAGS		2	/* message control, from the cap */
#define  PCI_MSIX_FLAGS_QSIZE	0x07ff
#define  PCI_MSIX_FLAGS_MASKALL	0x4000
#define  PCI_MSIX_FLAGS_ENABLE	0x8000
#define PCI_MSIX_TABLE		4	/* offset | BIR */
#define PCI_MSIX_PBA		8
#define PCI_MSIX_ENTRY_SIZE	16
#define PCI_MSIX_ENTRY_VECTOR_CTRL 12
#define  PCI_MSIX_ENTRY_CTRL_MASKBIT 1

#define PCI_CLASS_BRIDGE_HOST	0x0600
#define PCI_CLASS_BRIDGE_PCI	0x0604
#define PCI_CLASS_STORAGE_NVME	0x010802	/* class, subclass, prog-if */

#define PCI_DEVFN(dev, fn)	((((dev) & 0x1f) << 3) | ((fn) & 7))
#define PCI_SLOT(devfn)		(((devfn) >> 3) & 0x1f)
#define PCI_FUNC(devfn)		((devfn) & 7)

#define PCI_NUM_BARS		6
#define PCI_INTX_NONE		0xff	/* interrupt line: not connected */

enum pci_bar_type {
	PCI_BAR_NONE = 0,
	PCI_BAR_IO,
	PCI_BAR_MEM32,
	PCI_BAR_MEM64,		/* this slot and the next one */
};

struct pci_bar {
	enum pci_bar_type type;
	bool prefetch;
	phys_addr_t base;	/* CPU address (I/O port number for IO) */
	u64 size;		/* 0 when not implemented */
};

struct pci_msix_vec;

struct pci_dev {
	struct device dev;	/* name "bb:dd.f", DMA masks */
	char name[16];
	u16 segment;
	u8 bus, devfn;
	u16 vendor, device;
	u32 class;		/* class << 16 | subclass << 8 | prog-if */
	u8 revision;
	u8 hdr_type;		/* without the multi-function bit */
	u8 irq_line, irq_pin;	/* interrupt line register, INTA=1 .. */
	struct pci_bar bar[PCI_NUM_BARS];
	u8 msix_cap;		/* 0 if none */
	u16 msix_size;		/* table entries */
	void __iomem *msix_table;
	/* the table's BAR: read once from the capability, validated */
	unsigned int msix_bir;
	struct pci_msix_vec *msix_vecs;	/* msix_size entries, lazily */
	bool enabled;
	struct pci_dev *next;
};

/* The list of every function found, in scan order. */
extern struct pci_dev *pci_devices;

void pci_init(void);
bool pci_ecam_active(void);

/* Config access by address; ~0 for reads of absent functions. */
u32 pci_conf_read(u8 bus, u8 devfn, u16 reg, unsigned int size);
void pci_conf_write(u8 bus, u8 devfn, u16 reg, unsigned int size, u32 v);
/* The same through one mechanism only (tests compare them). */
int pci_conf_read_ecam(u8 bus, u8 devfn, u16 reg, unsigned int size,
		       u32 *val);

/*
 * The architecture's ways into configuration space, asked once by
 * pci_init(). An ECAM window: base is the address of bus 0's space
 * (ACPI MCFG's convention; buses bus_start..bus_end exist, 1 MiB each).
 * x86 (arch/x86/kernel/pci_conf.c): MCFG, and the ports 0xCF8/0xCFC;
 * arm64 (arch/arm64/kernel/pci.c): the device tree's ECAM host, no
 * ports. pci_conf_*_portio are only called when arch_pci_has_ports().
 */
struct pci_ecam {
	u64 base;
	u8 bus_start, bus_end;
};

int arch_pci_ecam(struct pci_ecam *e);	/* 0, or -ENODEV: none */
bool arch_pci_has_ports(void);
u32 pci_conf_read_portio(u8 bus, u8 devfn, u16 reg, unsigned int size);
void pci_conf_write_portio(u8 bus, u8 devfn, u16 reg, unsigned int size,
			   u32 v);

static inline u32 pci_read32(struct pci_dev *p, u16 reg)
{
	return pci_conf_read(p->bus, p->devfn, reg, 4);
}

static inline u16 pci_read16(struct pci_dev *p, u16 reg)
{
	return pci_conf_read(p->bus, p->devfn, reg, 2);
}

static inline u8 pci_read8(struct pci_dev *p, u16 reg)
{
	return pci_conf_read(p->bus, p->devfn, reg, 1);
}

static inline void pci_write32(struct pci_dev *p, u16 reg, u32 v)
{
	pci_conf_write(p->bus, p->devfn, reg, 4, v);
}

static inline void pci_write16(struct pci_dev *p, u16 reg, u16 v)
{
	pci_conf_write(p->bus, p->devfn, reg, 2, v);
}

/* Next function with this class (see PCI_CLASS_*), after from (or NULL). */
struct pci_dev *pci_find_class(u32 class, struct pci_dev *from);
struct pci_dev *pci_find_device(u16 vendor, u16 device, struct pci_dev *from);
/* Offset of a capability in the standard list, 0 if absent. */
u8 pci_find_capability(struct pci_dev *p, u8 id);

/* Memory and I/O decoding on, bus mastering on. */
int pci_enable_device(struct pci_dev *p);
/* ioremap of a memory BAR (whole BAR when len == 0). */
void __iomem *pci_iomap(struct pci_dev *p, unsigned int bar, size_t len);

/*
 * INTx: the GSI the function's pin reaches, from the interrupt line
 * register that the firmware programmed. On the PC and Q35 machines
 * with an IO-APIC the firmware routes each PCI link to an ISA IRQ and
 * writes that number, and ISA IRQs 0-15 are GSIs 0-15 (the MADT's
 * overrides make 5, 9, 10 and 11 level, active high); Tern does not
 * evaluate the ACPI _PRT, so it relies on that. -ENODEV when no pin
 * or no line. A platform with its own routing answers instead
 * (pci_platform_ops.intx_irq: arm64's device-tree interrupt-map).
 */
int pci_intx_gsi(struct pci_dev *p);
/* Enable (or disable) INTx in the command register. */
void pci_intx(struct pci_dev *p, bool enable);

/*
 * MSI-X: a dynamic IRQ for table entry `entry`, its handler installed
 * with request_irq(). Enables MSI-X on the function (INTx stops). The
 * IRQ is masked and unmasked through the entry's vector-control word.
 * Returns the IRQ number or a negative errno.
 */
int pci_alloc_msix_irq(struct pci_dev *p, unsigned int entry,
		       irq_handler_t handler, const char *name, void *data);
void pci_free_msix_irq(struct pci_dev *p, unsigned int entry);
/* MSI-X off for the function (after every entry is freed). */
void pci_disable_msix(struct pci_dev *p);
/* Can the platform deliver MSI-X at all (arm64: no ITS yet, no)? */
bool pci_msix_supported(void);

/* ---- the platform (arch or hypervisor) side ---- */

/* What the platform set up for one MSI-X entry. */
struct pci_msix_vec {
	int irq;		/* -1 when free */
	void __iomem *entry;	/* this entry in the table */
	void *arch;		/* the platform's own data */
};

struct pci_platform_ops {
	const char *name;
	/*
	 * May the kernel touch configuration space at all? 0, or a
	 * negative errno and *why (PV dom0 first needs I/O privilege,
	 * PHYSDEVOP_set_iopl). NULL: yes.
	 */
	int (*init)(const char **why);
	/*
	 * A function was found, its BARs sized (PV dom0:
	 * PHYSDEVOP_pci_device_add; arm64: memory BARs the firmware left
	 * unassigned get addresses from the host bridge's windows).
	 */
	void (*device_added)(struct pci_dev *p);
	/*
	 * Optional: the IRQ number the function's INTx pin reaches, or a
	 * negative errno (arm64: the host bridge's interrupt-map, a GIC
	 * SPI). NULL: the interrupt line register is the GSI (x86).
	 */
	int (*intx_irq)(struct pci_dev *p);
	/*
	 * Give entry v (v->entry mapped, masked) an IRQ with a chip that
	 * masks and unmasks it: natively a dynamic IRQ and vector with the
	 * address/data written into the table. 0 or a negative errno.
	 */
	int (*msix_setup)(struct pci_dev *p, struct pci_msix_vec *v);
	void (*msix_teardown)(struct pci_dev *p, struct pci_msix_vec *v);
};

/* Native (also right for PVH dom0: Xen's vPCI traps the MSI-X table). */
extern const struct pci_platform_ops pci_native_platform;
/*
 * The platform in use. A backend may set it before pci_init(); if it is
 * still NULL then, pci_init() takes arch_pci_platform() (arch code, which
 * may ask the role).
 */
extern const struct pci_platform_ops *pci_platform;
const struct pci_platform_ops *arch_pci_platform(void);

/* Monitor: one line per function, its BARs and interrupt. */
void pci_print_devices(void);

#endif
