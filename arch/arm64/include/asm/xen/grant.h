/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The arch half of grant tables on Xen on Arm (arch/arm64/xen/grant.c)
 * for the generic driver (drivers/xen/grant_table.c): the same interface
 * as x86's asm/xen/grant.h, less foreign mappings (mapping another
 * domain's grant into this kernel), which arm64 does not build yet:
 * XEN_GRANT_CAN_MAP says so to generic code, which then skips.
 */
#ifndef _ASM_XEN_GRANT_H
#define _ASM_XEN_GRANT_H

#include <tern/types.h>
#include <asm/xen/hypercall.h>
#include <xen/xen.h>
#include <xen/grant_table.h>

/* xen_grant_map() and friends: not built on arm64 */
#define XEN_GRANT_CAN_MAP	0

/*
 * Under Xen, once event channels are up (arch/arm64/xen): the region the
 * device tree's /hypervisor reg[0] names for the grant table, then
 * gnttab_init(). -ENODEV natively.
 */
int xen_arm_grant_init(u64 base, u64 size);

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

/* Declared for generic code's dead branches; never defined on arm64. */
struct xen_grant_mapping {
	void *va;
	u64 host_addr;
	grant_handle_t handle;
};

int xen_grant_map(domid_t dom, u32 ref, bool readonly,
		  struct xen_grant_mapping *m, s16 *status);
int xen_grant_unmap(struct xen_grant_mapping *m);

#endif
