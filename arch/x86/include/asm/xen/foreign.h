/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Mapping another domain's memory into this kernel, as a toolstack does
 * to build a domain and as xenstored and the console backend do to reach
 * a guest's rings (Linux: privcmd's mmap). The frames are the other
 * domain's own numbers: mfns for a PV domain, gfns for a translated (PVH)
 * one; Xen interprets them in that domain's space either way.
 *
 * The memory-model half is one op table, filled in by the role's file:
 *  - P2M (PV dom0): Xen writes our PTEs with the foreign frames
 *    (update_va_mapping_otherdomain, batched); our P2M never sees them.
 *  - VP (PVH dom0): XENMEM_add_to_physmap_batch(XENMAPSPACE_gmfn_foreign)
 *    puts the frames at gfns of ours that are nobody's (the hole the
 *    grant table lives in), which are then mapped like RAM.
 *
 * The generic half (arch/x86/xen/foreign.c) hands out runs of a fixed
 * window: FOREIGN_WINDOW_PAGES pages of kernel virtual space whose page
 * tables exist (and, for VP, as many gfns), first fit, reused after
 * unmap. Nothing is allocated per mapping.
 */
#ifndef _ASM_XEN_FOREIGN_H
#define _ASM_XEN_FOREIGN_H

#include <tern/types.h>
#include <xen/xen.h>

#define FOREIGN_WINDOW_PAGES	32768	/* 128 MiB */
#define FOREIGN_MAP_MAX		FOREIGN_WINDOW_PAGES	/* frames in one call */

struct xen_foreign_ops {
	const char *name;
	/* once, before the first map: the window's va and slot count */
	int (*init)(unsigned long va, unsigned int pages);
	/*
	 * Optional: make slots slot..slot+n ready for Xen to map into
	 * (P2M: the page tables under them). 0 or -errno.
	 */
	int (*prepare)(unsigned int slot, unsigned int n);
	/*
	 * Map frames[0..n) of dom at window slots slot..slot+n (kernel
	 * address va + slot pages). err[i] gets 0 or a negative errno per
	 * frame (a frame that failed is left unmapped). Returns 0 when
	 * every frame mapped, else the first error.
	 */
	int (*map)(domid_t dom, const xen_pfn_t *frames, unsigned int n,
		   unsigned int slot, int *err);
	/* Undo map of slots slot..slot+n (only those that mapped). */
	void (*unmap)(unsigned int slot, unsigned int n, const int *err);
};

extern const struct xen_foreign_ops *xen_foreign;
extern const struct xen_foreign_ops xen_foreign_p2m;
extern const struct xen_foreign_ops xen_foreign_vp;

/* A mapping: n pages at va, one err per frame. */
struct foreign_map {
	void *va;
	unsigned int slot;
	unsigned int n;
	int err[];
};

/*
 * Map n frames of dom read-write, contiguous at m->va. m must have room
 * for n err entries (foreign_map_alloc()). 0, or the first per-frame
 * error (the others may have mapped: unmap with foreign_unmap()
 * either way), -ENOSPC when the window has no free run of n pages,
 * -EINVAL for n = 0 or n > FOREIGN_MAP_MAX, -ENODEV when not a Xen
 * domain that can map.
 */
int foreign_map(domid_t dom, const xen_pfn_t *frames, unsigned int n,
		struct foreign_map *m);
void foreign_unmap(struct foreign_map *m);

/* kmalloc'd mapping of n frames (or NULL); free with foreign_free(). */
struct foreign_map *foreign_map_new(domid_t dom, const xen_pfn_t *frames,
				    unsigned int n, int *errp);
void foreign_free(struct foreign_map *m);

/*
 * A single slot for a grant mapping (asm/xen/grant.h): its address, and
 * its gfn under VP (0 under P2M). The slot or -errno; put it back after.
 */
int foreign_slot_take(unsigned long *va, u64 *gfn);
/* n consecutive slots: the first (and its va, gfn), or -errno */
int foreign_slots_take(unsigned int n, unsigned long *va, u64 *gfn);
void foreign_slot_put(int slot);

/* Pages of the window in use (churn tests: back to the baseline). */
unsigned int foreign_pages_in_use(void);

#endif
