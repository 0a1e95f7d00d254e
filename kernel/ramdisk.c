// SPDX-License-Identifier: GPL-2.0
/*
 * RAM disks: a block device over an image plus private pages
 * (include/tern/ramdisk.h).
 *
 * The disk is an array of 4 KiB page slots. A slot is either NULL (its
 * bytes are the image's, zeros past the image's end) or a private page
 * that a write created, copying the image's bytes first so that a
 * partial write keeps the rest of the page. Reads and writes go slot by
 * slot, so a request may start and end anywhere the block layer allows
 * (512-byte boundaries; it has checked the range against the size).
 *
 * A discard frees the private pages it covers whole: their slots read
 * as the image again (a discarded range's contents are undefined, so
 * the image's bytes will do); pages it covers in part are left alone.
 *
 * Invariants: the image is only read, never beyond image_len; every
 * private page belongs to one slot of one disk and is freed with it or
 * by a discard.
 */
#include <tern/kernel.h>
#include <tern/mm.h>
#include <tern/printk.h>
#include <tern/ramdisk.h>
#include <tern/string.h>
#include <asm/page.h>

struct ramdisk {
	struct block_device bd;
	const u8 *image;
	size_t image_len;
	u64 nr_pages;
	u64 private_pages;
	u8 **slot;		/* nr_pages entries */
	unsigned int slot_pages;	/* pages holding the slot array */
};

/* The image's bytes of page p (zeros past its end) into dst. */
static void image_page(const struct ramdisk *r, u64 p, u8 *dst)
{
	u64 off = p << PAGE_SHIFT;
	size_t n = 0;

	if (off < r->image_len)
		n = min((size_t)PAGE_SIZE, r->image_len - off);
	if (n)
		memcpy(dst, r->image + off, n);
	memset(dst + n, 0, PAGE_SIZE - n);
}

static int rw(struct ramdisk *r, struct blk_request *rq)
{
	u64 pos = rq->sector << SECTOR_SHIFT;
	u8 *buf = rq->buf;
	u32 left = rq->nr_bytes;

	while (left) {
		u64 p = pos >> PAGE_SHIFT;
		u32 in = pos & (PAGE_SIZE - 1);
		u32 n = min((u32)left, PAGE_SIZE - in);
		u8 *pg = r->slot[p];

		if (rq->op == BLK_OP_READ) {
			if (pg) {
				memcpy(buf, pg + in, n);
			} else {
				u64 off = pos, end = pos + n;
				size_t have = 0;

				if (off < r->image_len)
					have = min(end, (u64)r->image_len) -
					       off;
				if (have)
					memcpy(buf, r->image + off, have);
				memset(buf + have, 0, n - have);
			}
		} else {
			if (!pg) {
				pg = alloc_page(0);
				if (!pg)
					return -ENOMEM;
				if (n != PAGE_SIZE)
					image_page(r, p, pg);
				r->slot[p] = pg;
				r->private_pages++;
			}
			memcpy(pg + in, buf, n);
		}
		pos += n;
		buf += n;
		left -= n;
	}
	return 0;
}

static void discard(struct ramdisk *r, const struct blk_request *rq)
{
	u64 start = rq->sector << SECTOR_SHIFT;
	u64 end = start + rq->nr_bytes;
	u64 p;

	for (p = ALIGN_UP(start, PAGE_SIZE) >> PAGE_SHIFT;
	     (p + 1) << PAGE_SHIFT <= end; p++) {
		if (!r->slot[p])
			continue;
		free_page(r->slot[p]);
		r->slot[p] = NULL;
		r->private_pages--;
	}
}

static int ramdisk_submit(struct block_device *bd, struct blk_request *rq)
{
	struct ramdisk *r = bd->driver_data;
	int err = 0;

	if (rq->op == BLK_OP_READ || rq->op == BLK_OP_WRITE)
		err = rw(r, rq);
	else if (rq->op == BLK_OP_DISCARD)
		discard(r, rq);
	blk_complete(rq, err);
	return 0;
}

static void ramdisk_describe(struct block_device *bd)
{
	struct ramdisk *r = bd->driver_data;

	printk("ram disk, image %lu KiB, %lu private pages\n",
	       (unsigned long)(r->image_len >> 10),
	       (unsigned long)r->private_pages);
}

static const struct block_device_ops ramdisk_ops = {
	.submit = ramdisk_submit,
	.describe = ramdisk_describe,
};

static void free_ramdisk(struct ramdisk *r)
{
	u64 p;

	if (r->slot) {
		for (p = 0; p < r->nr_pages; p++)
			if (r->slot[p])
				free_page(r->slot[p]);
		free_pages(r->slot, r->slot_pages);
	}
	kfree(r);
}

struct block_device *ramdisk_create(const char *name, const void *image,
				    size_t image_len, u64 nr_sectors,
				    bool read_only, int *err)
{
	struct ramdisk *r;
	u64 bytes;

	*err = -EINVAL;
	if (!name || strlen(name) >= sizeof(r->bd.name) || !nr_sectors ||
	    nr_sectors > RAMDISK_MAX_SECTORS || (nr_sectors & 7) ||
	    (image_len && !image))
		return NULL;
	bytes = nr_sectors << SECTOR_SHIFT;
	if (image_len > bytes)
		return NULL;
	*err = -ENOMEM;
	r = kzalloc(sizeof(*r));
	if (!r)
		return NULL;
	r->image = image;
	r->image_len = image_len;
	r->nr_pages = bytes >> PAGE_SHIFT;
	r->slot_pages = ALIGN_UP(r->nr_pages * sizeof(u8 *), PAGE_SIZE) >>
			PAGE_SHIFT;
	r->slot = alloc_pages(r->slot_pages, GFP_ZERO);
	if (!r->slot) {
		free_ramdisk(r);
		return NULL;
	}
	strlcpy(r->bd.name, name, sizeof(r->bd.name));
	r->bd.nr_sectors = nr_sectors;
	r->bd.logical_block_size = SECTOR_SIZE;
	r->bd.max_bytes = 1u << 20;
	r->bd.queue_depth = 64;
	r->bd.features = BLK_FEAT_FLUSH | BLK_FEAT_DISCARD;
	r->bd.read_only = read_only;
	r->bd.ops = &ramdisk_ops;
	r->bd.driver_data = r;
	*err = blk_register(&r->bd);
	if (*err) {
		free_ramdisk(r);
		return NULL;
	}
	return &r->bd;
}

void ramdisk_destroy(struct block_device *bd)
{
	struct ramdisk *r;

	if (!bd || bd->ops != &ramdisk_ops)
		return;
	r = bd->driver_data;
	blk_unregister(bd);
	free_ramdisk(r);
}
