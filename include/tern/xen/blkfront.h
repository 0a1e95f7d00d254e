/* SPDX-License-Identifier: GPL-2.0 */
/* blkfront (drivers/xen/blkfront.c): Xen virtual disks as block devices. */
#ifndef _TERN_XEN_BLKFRONT_H
#define _TERN_XEN_BLKFRONT_H

#include <tern/types.h>

struct blkfront_stats {
	u64 requests, responses, errors, bad_responses;
	u64 notifies, interrupts, grants, indirect_requests, leaked_pages;
	u64 backend_changes;	/* backend state changes seen */
	/* filled by blkfront_get_stats() */
	bool persistent, connected;
	unsigned int ring_pages, max_segs;
	bool indirect;
	int irq;		/* its event channel's, or -1 */
};

/* Register the xenbus driver (xenbus_init calls it). */
int blkfront_init(void);
/* Counters of the disk called name (xvda): 0 or -ENODEV. */
int blkfront_get_stats(const char *name, struct blkfront_stats *st);

#endif
