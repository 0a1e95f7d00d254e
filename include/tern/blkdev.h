/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The block layer: one interface that every disk driver implements (NVMe,
 * Xen blkfront) and every user of a disk calls (the block test suite, the
 * monitor's `blk` and `blkbench` commands).
 *
 * Units: sector numbers and counts are in 512-byte units whatever the
 * device's logical block size (as in Linux and on the blkif wire); a
 * request must start and end on a logical-block boundary
 * (logical_block_size is 512 or 4096) and its buffer must be aligned to
 * 512 bytes. Buffers are kernel virtual addresses in the direct map
 * (kmalloc or alloc_pages memory); a driver turns them into bus
 * addresses or grants itself.
 *
 * Requests are asynchronous: blk_submit() queues a request and returns;
 * the driver calls blk_complete() exactly once per accepted request, in
 * thread context (deferred work, never inside an interrupt handler), with
 * 0 or a negative errno. blk_submit() checks the request against the
 * device (bounds, alignment, read-only, size limits) before the driver
 * sees it. blk_rw() is the synchronous form (bounded wait).
 *
 * Hot-unplug: a driver calls blk_unregister() when its device goes away;
 * requests it still holds must have been completed (with -ENODEV) first.
 * A user holding a struct block_device * re-finds it by name/index after a
 * wait (blk_find()).
 */
#ifndef _TERN_BLKDEV_H
#define _TERN_BLKDEV_H

#include <tern/types.h>

#define SECTOR_SHIFT	9
#define SECTOR_SIZE	(1u << SECTOR_SHIFT)

enum blk_op {
	BLK_OP_READ,
	BLK_OP_WRITE,
	BLK_OP_FLUSH,		/* no data: make earlier writes durable */
	BLK_OP_DISCARD,		/* no data: the range's contents may go */
};

/* Device features (block_device.features). */
#define BLK_FEAT_FLUSH		(1u << 0)
#define BLK_FEAT_DISCARD	(1u << 1)

struct blk_request;
struct block_device;

struct blk_request {
	struct block_device *bdev;
	enum blk_op op;
	u64 sector;		/* 512-byte units */
	u32 nr_bytes;		/* multiple of the logical block size */
	void *buf;		/* nr_bytes of direct-map memory, 512-aligned */
	/* called once, in thread context, with 0 or -errno */
	void (*end_io)(struct blk_request *rq, int err);
	void *private;		/* the submitter's */
	/* set by the layer */
	int error;
	bool done;
	u64 submit_ns;
	/* the driver's */
	void *driver_data;
	struct blk_request *next;
};

struct block_device_ops {
	/*
	 * Take a checked request; 0 (blk_complete() comes later) or a
	 * negative errno (the request is not taken; -EBUSY: queue full).
	 */
	int (*submit)(struct block_device *bd, struct blk_request *rq);
	/* optional: one line of driver state for the monitor */
	void (*describe)(struct block_device *bd);
};

struct blk_stats {
	u64 reads, writes, flushes, discards;
	u64 read_bytes, write_bytes;
	u64 errors;
};

struct block_device {
	char name[16];			/* "nvme0n1", "xvda" */
	u64 nr_sectors;			/* capacity in 512-byte units */
	u32 logical_block_size;		/* 512 or 4096 */
	u32 max_bytes;			/* largest request the driver takes */
	unsigned int queue_depth;	/* requests in flight at most */
	u32 features;			/* BLK_FEAT_* */
	bool read_only;
	const struct block_device_ops *ops;
	void *driver_data;
	/* the layer's */
	unsigned int in_flight;
	struct blk_stats stats;
	struct block_device *next;
};

/* 0, -EEXIST (name taken) or -EINVAL (bad geometry). */
int blk_register(struct block_device *bd);
void blk_unregister(struct block_device *bd);

/* The i-th registered device (registration order), or NULL. */
struct block_device *blk_get(unsigned int i);
struct block_device *blk_find(const char *name);
unsigned int blk_count(void);

/*
 * Check and queue rq: 0, or -EINVAL (out of range, misaligned, op not
 * supported), -EROFS (write or discard to a read-only device), -EBUSY
 * (queue full), -ENODEV, or what the driver says.
 */
int blk_submit(struct blk_request *rq);
/* The driver's completion, thread context only. */
void blk_complete(struct blk_request *rq, int err);

/* Synchronous I/O: 0 or -errno (-ETIMEDOUT after timeout_ms). */
int blk_rw(struct block_device *bd, enum blk_op op, u64 sector, void *buf,
	   u32 nr_bytes, u64 timeout_ms);

/* The block benchmark (kernel/blkbench.c): blkbench=NAME. */
void blkbench_run(const char *name);

#endif
