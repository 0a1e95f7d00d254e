/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The reservation half of the memory model: giving page frames back to
 * Xen and taking them again (the balloon, drivers/xen/balloon.c). What
 * that means is the model's:
 *
 *   P2M (PV)  the frame is an mfn the guest tracks: the kernel mappings
 *             of the page go, its P2M entry becomes INVALID, then
 *             XENMEM_decrease_reservation names the mfn. Taking back:
 *             XENMEM_increase_reservation hands out any mfns, which
 *             enter the P2M and the M2P and are mapped again.
 *   VP (PVH)  the frame is the gfn: XENMEM_decrease_reservation names
 *             the pfn and Xen drops its p2m entry; taking back is
 *             XENMEM_populate_physmap at the same gfn. The direct map
 *             is left alone (nothing touches a page the allocator does
 *             not own).
 *
 * The ops work on batches of page-aligned direct-map addresses that the
 * caller owns (taken from, or to be returned to, the page allocator).
 * Each returns how many of the first pages were handled (all of them,
 * unless Xen refused the rest) or a negative errno when none were.
 */
#ifndef _ASM_XEN_RESERVATION_H
#define _ASM_XEN_RESERVATION_H

#include <tern/types.h>

struct xen_reservation_ops {
	const char *name;
	int (*give_back)(void *const *va, unsigned int n);
	int (*take_back)(void *const *va, unsigned int n);
	/*
	 * Room for up to n more pages above the RAM the domain booted with
	 * (a domain started below its maximum grows into it): returns how
	 * many were added, from *first on (contiguous direct-map
	 * addresses), all without a frame and in use by the caller, who
	 * takes them back like pages it gave; or a negative errno. NULL
	 * where the memory map already reaches the maximum (VP: a PVH
	 * guest's map holds maxmem, the part Xen does not back is given
	 * back at start).
	 *
	 *   P2M (PV)  the P2M list is replaced by a longer one, its layout
	 *             gains pfns above RAM (entries INVALID), the page
	 *             allocator a range in use; the direct map gets its
	 *             tables when the first frame of a 2 MiB piece arrives.
	 */
	long (*add_memory)(unsigned long n, void **first);
};

/* NULL outside Xen; installed by the role's setup (enlighten_*.c). */
extern const struct xen_reservation_ops *xen_reservation;
extern const struct xen_reservation_ops xen_reservation_p2m;
extern const struct xen_reservation_ops xen_reservation_vp;

/* Xen's own count of this domain's pages (XENMEM_current_reservation). */
long xen_current_reservation(void);
/* Its limit (XENMEM_maximum_reservation). */
long xen_maximum_reservation(void);

#endif
