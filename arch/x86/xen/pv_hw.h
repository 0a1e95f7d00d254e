/* SPDX-License-Identifier: GPL-2.0 */
/*
 * What the Xen PV hardware backends share (private to arch/x86/xen):
 * P2M/M2P updates and kernel remapping of RAM frames for XENMEM_exchange
 * (p2m.c, mmu_pv.c), the P2M DMA model (dma_pv.c) and the PCI platforms
 * (pci_pv.c: dom0's with its pirqs, a domU's refusal).
 */
#ifndef _ARCH_X86_XEN_PV_HW_H
#define _ARCH_X86_XEN_PV_HW_H

#include <tern/types.h>

/*
 * pfn (RAM of this domain) is now backed by mfn: the P2M entry, and the
 * M2P entry through MMU_MACHPHYS_UPDATE (unless mfn is
 * INVALID_P2M_ENTRY). 0 or a negative errno.
 */
int xen_p2m_set(unsigned long pfn, unsigned long mfn);
/*
 * A domU grows by n pfns above its RAM, without frames yet (P2M entries
 * INVALID): returns the first new pfn or a negative errno (-EOPNOTSUPP
 * in dom0, whose pfns above RAM are the machine's; -ENOMEM; -EINVAL).
 */
long xen_p2m_extend(unsigned long n);
/* The page-table bitmap covers pfns [0, end) (RAM that grew). */
int xen_pv_pt_track(unsigned long end);

/*
 * Point the kernel's mappings of RAM page pfn (the direct map, and the
 * kernel-image alias where one exists) at machine frame mfn, or remove
 * them when mfn == INVALID_P2M_ENTRY. Deferred in lazy MMU mode; the
 * caller flushes (pv_ops.mmu.lazy_leave) before relying on it. -EBUSY
 * for a page-table page, -EFAULT when the direct map has no entry.
 */
int xen_pv_set_ram_mapping(unsigned long pfn, unsigned long mfn);

/*
 * Exchange the 2^order pages at va (direct map, owned by the caller,
 * mapped nowhere else) for one machine-contiguous extent whose last
 * byte lies below 2^address_bits (0: anywhere). Contents are lost. On
 * failure the old frames are back in place, contents intact.
 */
int xen_create_contiguous_region(void *va, unsigned int order,
				 unsigned int address_bits);
/* The reverse: give the extent back for 2^order arbitrary frames. */
int xen_destroy_contiguous_region(void *va, unsigned int order);

struct xen_exchange_stats {
	u64 created;		/* successful xen_create_contiguous_region */
	u64 destroyed;
	u64 failed;
	u64 frames;		/* frames exchanged in all */
};
extern struct xen_exchange_stats xen_exchange_stats;

/* Install the P2M DMA model (before dma_init()). Any PV domain. */
void xen_pv_dma_init(void);
/*
 * I/O privilege and the PCI platform (before pci_init()). PV dom0;
 * acpi_tables: the machine's, for the trigger/polarity of INTx lines.
 */
struct acpi_info;
void xen_pv_pci_init(const struct acpi_info *acpi_tables);
/* On a secondary vCPU: the I/O privilege CPU 0 got, if it got it. */
void xen_pv_iopl_secondary(void);
extern const struct pci_platform_ops xen_pv_pci_platform;
/* A PV domU: a PCI platform that refuses (no passthrough). */
void xen_pv_domu_pci_init(void);

#endif
