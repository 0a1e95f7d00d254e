/* SPDX-License-Identifier: GPL-2.0 */
/*
 * RAM disks (kernel/ramdisk.c): block devices held in dom0's memory, for
 * the disks a guest's config names by a file of the boot archive.
 *
 * A RAM disk starts as an image the caller owns (a file of the boot
 * archive: read, never written) followed by zeros up to its size. A
 * write copies the 4 KiB page it touches into a private page first
 * (copy on write), so several RAM disks over one image are independent
 * and the image stays as it was. Reads and writes complete inside
 * submit() (blkdev.h allows it); flush is offered and does nothing.
 */
#ifndef _TERN_RAMDISK_H
#define _TERN_RAMDISK_H

#include <tern/blkdev.h>

/* The largest RAM disk: 4 GiB. */
#define RAMDISK_MAX_SECTORS	(1ULL << (32 - SECTOR_SHIFT))

/*
 * A registered RAM disk called name (at most 15 characters) of
 * nr_sectors 512-byte sectors (a multiple of 8, non-zero, at most
 * RAMDISK_MAX_SECTORS), whose initial content is image[0..image_len)
 * (image_len at most the disk's size; image may be NULL when image_len
 * is 0) and zeros after it. The image must stay alive and unchanged
 * until ramdisk_destroy(). NULL with *err = -EINVAL, -ENOMEM or
 * blk_register()'s error.
 */
struct block_device *ramdisk_create(const char *name, const void *image,
				    size_t image_len, u64 nr_sectors,
				    bool read_only, int *err);

/* Unregister and free a RAM disk and every page it wrote. */
void ramdisk_destroy(struct block_device *bd);

#endif
