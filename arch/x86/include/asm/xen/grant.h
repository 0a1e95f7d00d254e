/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The arch half of grant tables (arch/x86/xen/grant.c) for the generic
 * driver (drivers/xen/grant_table.c): where the table's frames appear in
 * the kernel, the number a grant entry carries for a page, and this
 * domain's id. No role question is left to the caller.
 */
#ifndef _ASM_XEN_GRANT_H
#define _ASM_XEN_GRANT_H

#include <tern/types.h>
#include <asm/xen/hypercall.h>
#include <xen/xen.h>
#include <xen/grant_table.h>

/*
 * Make frames 0..nr_frames-1 of this domain's grant table (Xen grows it
 * to nr_frames) visible at *table_va, virtually contiguous and writable.
 * PV: GNTTABOP_setup_table, the mfns mapped in the vmap area. PVH:
 * XENMEM_add_to_physmap(XENMAPSPACE_grant_table) onto gfns above every
 * entry of the memory map (never RAM), mapped in the vmap area. Once.
 * 0 or -errno.
 */
int arch_gnttab_map(unsigned int nr_frames, void **table_va);

/*
 * The number a v1 grant entry's frame field carries for the page at va
 * (direct map): the memory model's share frame (arch_share_frame(),
 * asm/dma-model.h). 0, or -ERANGE when it does not fit in 32 bits.
 */
int arch_gnttab_frame(const void *va, u32 *frame);

/*
 * This domain's id as other domains and Xen's grant checks see it
 * (DOMID_SELF is not valid in a grant entry); the same on every
 * architecture (drivers/xen/grant_table.c). 0 or -errno.
 */
int xen_self_domid(domid_t *domid);

/* Foreign mappings (xen_grant_map() and friends) are built here. */
#define XEN_GRANT_CAN_MAP	1

/*
 * PVH: the first of FOREIGN_WINDOW_PAGES gfns in the grant table's hole
 * that nothing uses, for foreign mappings; 0 before arch_gnttab_map().
 */
u64 xen_pvh_foreign_pfn0(void);

/*
 * A grant of (dom, ref) mapped into this kernel, as a backend maps a
 * frontend's page: the PV way (host_addr = a kernel virtual address;
 * Xen writes the PTE) or the PVH way (host_addr = a gfn above the
 * table's, which the kernel then maps). Test support for now.
 */
struct xen_grant_mapping {
	void *va;
	u64 host_addr;
	grant_handle_t handle;
	int slot;		/* of the foreign window (asm/xen/foreign.h) */
	bool dma;		/* a device-only mapping (xen_grant_map_dma) */
	bus_addr_t bus;		/* then: what a device puts on the bus */
	u64 page_bus;		/* the page's, for the unmap */
};

/*
 * 0, -EIO with *status = Xen's GNTST_* when Xen refuses, or -errno;
 * -EPERM for a PVH domain's own grant (Xen would take the page
 * away from its gfn).
 */
int xen_grant_map(domid_t dom, u32 ref, bool readonly,
		  struct xen_grant_mapping *m, s16 *status);
int xen_grant_unmap(struct xen_grant_mapping *m);
/*
 * n grants mapped at consecutive addresses from m[0].va (a multi-page
 * ring), all or nothing; unmap each m[i] with xen_grant_unmap().
 */
int xen_grant_map_pages(domid_t dom, const u32 *refs, unsigned int n,
			bool readonly, struct xen_grant_mapping *m,
			s16 *status);

/*
 * Grants of (dom, refs[0..n)) mapped for a device's DMA only (no CPU
 * mapping: m[i].va is NULL), n at most XEN_GRANT_DMA_BATCH, in one
 * hypercall; all or nothing (0, or -EIO with *status = the first
 * GNTST_* Xen gave, or -errno). m[i].bus is the bus address of byte
 * offs[i] of the page (offs may be NULL: 0), the memory model's answer
 * for a page of another domain:
 *  - P2M (PV): GNTMAP_device_map alone, no PTE: bus is the machine
 *    address Xen gives (dev_bus_addr: the foreign frame, which our P2M
 *    never holds; with an IOMMU, Xen maps it there 1:1);
 *  - VP (PVH): Xen refuses device_map for a translated domain; the frame
 *    goes to a slot's gfn in the grant hole (Xen's IOMMU tables follow
 *    the p2m's grant entries), never into our page tables: bus is that
 *    gfn's address;
 *  - P==M (an Arm 1:1 dom0) would answer with the foreign machine frame,
 *    as P2M does.
 * Undone by xen_grant_unmap_dma() (one hypercall, no TLB flush: the CPU
 * never had the pages).
 */
#define XEN_GRANT_DMA_BATCH	32
int xen_grant_map_dma(domid_t dom, const u32 *refs, const u16 *offs,
		      unsigned int n, bool readonly,
		      struct xen_grant_mapping *m, s16 *status);
int xen_grant_unmap_dma(struct xen_grant_mapping *m, unsigned int n);

#endif
