/* SPDX-License-Identifier: GPL-2.0 */
/*
 * blkback (drivers/xen/blkback.c): the backend half of io/blkif.h in a
 * Tern dom0, serving a block device (a RAM disk, an NVMe namespace) to
 * a guest's blkfront (Linux's or Tern's). Documentation/blkback.md.
 *
 * The toolstack writes the device's frontend and backend directories
 * (as libxl does) and then calls blkback_create(); the backend writes
 * its features, goes InitWait and follows the frontend's state from
 * there. blkback_destroy() takes everything down (ring mapping, event
 * channel, watch) whatever state the frontend is in; the toolstack then
 * removes the directories.
 */
#ifndef _TERN_XEN_BLKBACK_H
#define _TERN_XEN_BLKBACK_H

#include <tern/blkdev.h>
#include <tern/types.h>
#include <xen/xen.h>

struct blkback;

struct blkback_stats {
	u64 requests;		/* answered */
	u64 errors;		/* answered with an error */
	u64 read_bytes, write_bytes;
	/* data moved by the device straight to or from the guest's pages */
	u64 direct_requests, direct_bytes;
	/* data moved through dom0's bounce buffer (grant copy) */
	u64 bounced_requests, bounced_bytes;
	u64 connects;
	unsigned int ring_pages;	/* of the last connection */
	bool connected;
	bool broken;		/* the frontend broke the protocol */
};

/*
 * Serve bd to domain dom as device devid (the xenstore number), read-only
 * or not. be_dir is the backend directory the toolstack wrote
 * ("/local/domain/0/backend/vbd/<dom>/<devid>"), fe_dir the frontend's.
 * 0 and *out, or -errno.
 */
int blkback_create(domid_t dom, u32 devid, const char *be_dir,
		   const char *fe_dir, struct block_device *bd, bool ro,
		   struct blkback **out);
void blkback_destroy(struct blkback *b);
void blkback_get_stats(const struct blkback *b, struct blkback_stats *s);

#endif
