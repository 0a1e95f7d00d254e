/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Partition block devices (kernel/partdev.c): one struct block_device per
 * partition of a disk's MBR or GPT label (lib/partition.c), named as
 * Linux names them ("nvme0n1p2": a 'p' when the disk's name ends in a
 * digit; "xvda1" otherwise), with the disk's block size, max_bytes,
 * queue depth, features and read-only flag and the partition's size.
 * Documentation/block.md, "Partitions".
 *
 * A partition's requests are checked against the partition (again, after
 * the layer did), moved by its start and forwarded to the disk as child
 * requests; the child's completion completes the partition's request,
 * once, in the thread context the disk completes in. When the disk is
 * full (-EBUSY: other partitions or the whole disk's users hold its
 * queue) the partition keeps the request and resubmits it when a child
 * completes or after a short retry timer, so a partition's user only
 * sees -EBUSY from its own queue depth.
 */
#ifndef _TERN_PARTDEV_H
#define _TERN_PARTDEV_H

#include <tern/blkdev.h>

/* Each label read by blk_add_partitions() waits at most this long. */
#define PARTDEV_READ_TIMEOUT_MS	5000

/*
 * Read disk's label through the block layer and register its
 * partitions. Thread context, not a work item (it waits in blk_rw()).
 * Returns how many partition devices were registered (0: no label, or
 * an empty one), or a negative errno: the label is refused (logged
 * with the parser's reason), -EEXIST (the disk's partitions are already
 * there), -ENOMEM, a read error. A partition whose start or size is not
 * whole logical blocks, or whose name would not fit, is skipped with a
 * log line; one line per disk lists what was registered.
 */
int blk_add_partitions(struct block_device *disk);

/*
 * Unregister disk's partition devices (thread context; call it before
 * blk_unregister(disk) on hot-unplug). Requests still waiting for room
 * on the disk are completed with -ENODEV; those the disk holds complete
 * when the disk answers them, and the devices' memory goes with the
 * last of them. Later requests to the partitions fail with -ENODEV.
 */
void blk_remove_partitions(struct block_device *disk);

/*
 * Take bd for holder (e.g. "blkback": served to a guest): -EBUSY when
 * bd is held already, when bd is a partition whose disk is held, or a
 * disk one of whose partitions is held; a disk and its partition are
 * never given out together (two users would write the same sectors
 * unknown to each other). 0 and bd->holder set otherwise.
 */
int blk_claim(struct block_device *bd, const char *holder);
/* Give bd back (bd->holder = NULL). */
void blk_unclaim(struct block_device *bd);

#endif
