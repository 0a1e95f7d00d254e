/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The arch half of grant tables on Xen on Arm (arch/arm64/xen/grant.c)
 * for the generic driver (drivers/xen/grant_table.c): the same interface
 * as x86's asm/xen/grant.h, with foreign mappings (another domain's
 * grant mapped into this kernel) in a small window of Xen's first
 * extended region; the batched device-only mappings
 * (xen_grant_map_dma) are x86's only so far.
 */
#ifndef _ASM_XEN_GRANT_H
#define _ASM_XEN_GRANT_H

#include <tern/types.h>
#include <asm/xen/hypercall.h>
#include <xen/xen.h>
#include <xen/grant_table.h>

/* xen_grant_map() and xen_grant_unmap() are built here */
#define XEN_GRANT_CAN_MAP	1

/* Pages of the foreign window: at most this many grants mapped at once. */
#define XEN_FOREIGN_PAGES	16

/*
 * Under Xen, once event channels are up (arch/arm64/xen): the region the
 * device tree's /hypervisor reg[0] names for the grant table, then
 * gnttab_init(). -ENODEV natively.
 */
int xen_arm_grant_init(u64 base, u64 size);

/*
 * The window for foreign mappings: the first XEN_FOREIGN_PAGES pages of
 * the extended region /hypervisor's reg[1] names (free guest-physical
 * space, not RAM), mapped Normal write-back at their own address once.
 * 0; -ENOENT (no region), -EINVAL (unaligned, too small or beyond the
 * identity map): no foreign mappings, xen_grant_map() says -ENODEV.
 */
int xen_arm_foreign_init(u64 base, u64 size);

/*
 * Make frames 0..nr_frames-1 of this domain's grant table visible at
 * *table_va: XENMEM_add_to_physmap(XENMAPSPACE_grant_table) at the
 * region's gfns, mapped Normal write-back at their own address. Once.
 * 0, -ENOSPC (the region is too small), -EIO (Xen refused), -errno.
 */
int arch_gnttab_map(unsigned int nr_frames, void **table_va);

/*
 * The number a v1 grant entry's frame field carries for the page at va:
 * its gfn (arch_share_frame(); = the mfn for a 1:1 dom0's own RAM).
 * 0, or -ERANGE when it does not fit in 32 bits.
 */
int arch_gnttab_frame(const void *va, u32 *frame);

/* This domain's id (drivers/xen/grant_table.c). 0 or -errno. */
int xen_self_domid(domid_t *domid);

/*
 * A grant of another domain (or our own) mapped into this kernel, as a
 * backend maps a frontend's page: Xen puts the granted frame at
 * host_addr, the guest-physical address of a window slot, which we map
 * at va (= host_addr). bus: what a device puts on the bus for the
 * page, Xen's dev_bus_addr (the frame's machine address): in the 1:1
 * dom0 our own RAM is P==M, but host_addr is NOT the foreign frame's
 * machine address, so a device must be given bus, never host_addr.
 * In a VP domU (no device DMA of its own) bus is still Xen's answer.
 */
struct xen_grant_mapping {
	void *va;
	u64 host_addr;
	grant_handle_t handle;
	int slot;		/* of the foreign window */
	bus_addr_t bus;		/* the page's bus address (dev_bus_addr) */
};

/*
 * 0; -EIO with *status = Xen's GNTST_* when Xen refuses; -ENOSPC when
 * every slot of the window is taken; -ENODEV without a window.
 */
int xen_grant_map(domid_t dom, u32 ref, bool readonly,
		  struct xen_grant_mapping *m, s16 *status);
/* 0, or -EIO (Xen refused: the slot stays taken, never reused). */
int xen_grant_unmap(struct xen_grant_mapping *m);

/*
 * The bus address of byte off of a mapped grant's page (the memory
 * model's answer for a page of another domain, see above).
 */
static inline bus_addr_t xen_grant_bus(const struct xen_grant_mapping *m,
				       unsigned int off)
{
	return _bus((__force u64)m->bus + off);
}

#endif
