/* SPDX-License-Identifier: GPL-2.0 */
/*
 * What xenbus and blkfront read from xenstore nodes that the toolstack
 * and the backend (other domains) wrote, checked by pure functions
 * (drivers/xen/xenbus_nodes.c): host-tested (test_xenbus_nodes.c) and
 * fuzzed (fuzz_xenbus_nodes.c). Strings are taken with a length and
 * need not be NUL-terminated.
 */
#ifndef _TERN_XEN_XENBUS_NODES_H
#define _TERN_XEN_XENBUS_NODES_H

#include <tern/types.h>

/* A device id: 1..max-1 decimal digits. */
bool xenbus_id_ok(const char *id, size_t len, size_t max);
/*
 * A backend path: absolute, under /local/domain/, shorter than max, of
 * letters, digits, '/', '-' and '_' only, no empty component.
 */
bool xenbus_backend_path_ok(const char *p, size_t len, size_t max);

/* What a blkif backend says about its disk (absent nodes: *_given false). */
struct blkif_backend_nodes {
	u64 sectors;			/* 512-byte units */
	u64 sector_size;		/* logical block size */
	bool sector_size_given;
	u64 info;			/* VDISK_* bits */
	u64 max_ring_order;
	bool max_ring_order_given;
	u64 max_indirect;		/* feature-max-indirect-segments */
	bool max_indirect_given;
};

/* What the frontend makes of it. */
struct blkif_geometry {
	u64 sectors;
	u32 logical_block_size;
	bool read_only;
	unsigned int ring_order;	/* at most our_max_ring_order */
	unsigned int max_segs;		/* 11, or indirect up to our_max_segs */
	bool indirect;
};

/*
 * Check the backend's numbers: sectors non-zero and a whole number of
 * logical blocks, the logical block size a power of two from 512 to
 * 4096 (512 when absent), capacity not overflowing 2^64 bytes. 0 and
 * *g, or -EINVAL with *why set.
 */
int blkif_check_backend(const struct blkif_backend_nodes *n,
			unsigned int our_max_ring_order,
			unsigned int our_max_segs, struct blkif_geometry *g,
			const char **why);

/*
 * The disk's name for a virtual-device number, as Linux names it:
 * xvda.. for major 202 and the extended form, "xvd<N>" otherwise;
 * always NUL-terminated within size (size >= 1).
 */
void blkif_disk_name(char *buf, size_t size, u64 vdevice);

#endif
