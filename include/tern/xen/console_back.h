/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The backend side of a guest's console ring (xen/io/console.h): dom0
 * consumes out[] and produces in[]. Pure functions over the shared page;
 * the guest is hostile, so our indices are private (the page's copies
 * are written, never trusted), the guest's are read once per call, and
 * a distance larger than the ring marks the ring broken for good.
 */
#ifndef _TERN_XEN_CONSOLE_BACK_H
#define _TERN_XEN_CONSOLE_BACK_H

#include <tern/types.h>
#include <xen/xen.h>
#include <xen/io/console.h>

struct xencons_back_ring {
	struct xencons_interface *intf;
	XENCONS_RING_IDX out_cons;	/* ours */
	XENCONS_RING_IDX in_prod;	/* ours */
	bool broken;
};

/* Start from the page's current indices (read once). */
void xencons_back_init(struct xencons_back_ring *r,
		       struct xencons_interface *intf);
/*
 * Take up to max bytes of the guest's output into buf. Returns the count
 * (0: nothing new) or -EPROTO once the guest's out_prod is impossible.
 */
int xencons_back_read(struct xencons_back_ring *r, char *buf, size_t max);
/* Put up to n bytes of input; returns how many fit, or -EPROTO. */
int xencons_back_write(struct xencons_back_ring *r, const char *s, size_t n);

#endif
