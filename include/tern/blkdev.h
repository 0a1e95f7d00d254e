/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The block layer: one interface that every disk driver implements (NVMe,
 * Xen blkfront) and every user of a disk calls (the block test suite, the
 * monitor's `blk` and `blkbench` commands). Implemented in kernel/block.c;
 * Documentation/block.md has the whole story.
 *
 * Units: sector numbers and counts are in 512-byte units whatever the
 * device's logical block size (as in Linux and on the blkif wire); a
 * request must start and end on a logical-block boundary
 * (logical_block_size is 512 or 4096) and its buffer must be aligned to
 * 512 bytes. Buffers are kernel virtual addresses in the direct map
 * (kmalloc or alloc_pages memory); a driver turns them into bus
 * addresses or grants itself. Sector numbers are u64 everywhere: disks
 * beyond 2 TiB (2^32 sectors) are ordinary.
 *
 * Requests are asynchronous: blk_submit() checks a request against the
 * device (registered, op offered, read-only, bounds, alignment, size,
 * queue depth) and only then hands it to the driver's submit(). The
 * driver calls blk_complete() exactly once per accepted request, in
 * thread context (deferred work or the submitter's own call, never
 * inside an interrupt handler), with 0 or a negative errno;
 * blk_complete() counts it and calls rq->end_io.
 *
 * A driver may complete a request before its submit() returns (a
 * synchronous driver such as today's NVMe does all of its work inside
 * submit()): blk_submit() never touches rq after submit() accepted it,
 * so end_io may free rq at once. A submit() that returns an error must
 * not have called blk_complete() for that request.
 *
 * blk_rw() is the synchronous form: it cuts reads and writes into
 * max_bytes pieces, waits (bounded) for queue room and for each
 * completion. Its request is heap-allocated: on -ETIMEDOUT the request
 * is abandoned and a late completion frees it. The buffer is the
 * caller's again only once the driver can no longer write it: a driver
 * whose requests can outlive a timeout must stop its device or bounce
 * (NVMe disables the controller on a lost command). blk_rw() must not be
 * called from a work item when completions come from work (they would
 * never run: the wait then ends in -ETIMEDOUT).
 *
 * Hot-unplug: a driver calls blk_unregister() when its device goes away;
 * requests it still holds must have been completed (with -ENODEV) first.
 * Later requests for it fail with -ENODEV. A user holding a struct
 * block_device * re-finds it by name/index after a wait (blk_find()).
 */
#ifndef _TERN_BLKDEV_H
#define _TERN_BLKDEV_H

#include <tern/types.h>

struct device;

#ifndef EROFS
#define EROFS		30	/* write or discard to a read-only device */
#endif

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
/* READ/WRITE data may come as bus segments (blk_seg), see below */
#define BLK_FEAT_BUS_SEGS	(1u << 2)

/*
 * Bus segments: data a device reaches by DMA that is not ours to map
 * through the DMA API, e.g. a page another domain granted, mapped by the
 * memory model for device access (asm/xen/grant.h, xen_grant_map_dma()).
 * The caller gives the bus address the device uses and, where the CPU
 * can reach the same bytes, their address (va; NULL: the device's only,
 * so a driver that takes segments never touches the data itself). A request with segments must fit the device:
 * blk_segs_fit() (every segment within one page, 4-byte aligned; all
 * but the first start a page, all but the last end one, so they chain
 * as one PRP list; every byte below the device's DMA mask). Devices that
 * take them set BLK_FEAT_BUS_SEGS and dma_dev.
 */
struct blk_seg {
	void *va;
	bus_addr_t bus;
	u32 len;
};
#define BLK_SEGS_MAX	64

struct blk_request;
struct block_device;

struct blk_request {
	struct block_device *bdev;
	enum blk_op op;
	u64 sector;		/* 512-byte units */
	/* a multiple of the logical block size; 0 for FLUSH */
	u32 nr_bytes;
	/* READ, WRITE: nr_bytes of direct-map memory, 512-aligned */
	void *buf;
	/* or (buf NULL, BLK_FEAT_BUS_SEGS devices): nr_segs bus segments */
	const struct blk_seg *segs;
	unsigned int nr_segs;
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
	 * Take a checked request; 0 (blk_complete() comes later, or has
	 * already come) or a negative errno (the request is not taken and
	 * not completed; -EBUSY: queue full).
	 */
	int (*submit)(struct block_device *bd, struct blk_request *rq);
	/* optional: one line of driver state for the monitor, with '\n' */
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
	/* the largest READ/WRITE the driver takes (not DISCARD) */
	u32 max_bytes;
	unsigned int queue_depth;	/* requests in flight at most */
	u32 features;			/* BLK_FEAT_* */
	struct device *dma_dev;		/* BLK_FEAT_BUS_SEGS: who does the DMA */
	bool read_only;
	const struct block_device_ops *ops;
	void *driver_data;
	/* who else uses it ("blkback": served to a guest), or NULL */
	const char *holder;
	/* the layer's */
	unsigned int in_flight;
	struct blk_stats stats;
	struct block_device *next;
};

/*
 * True when segs[0..n) can carry nr_bytes of a request to bd (see
 * struct blk_seg). A caller checks before it builds such a request, so
 * that it can take another way (a bounce buffer) instead.
 */
bool blk_segs_fit(const struct block_device *bd, const struct blk_seg *segs,
		  unsigned int n, u32 nr_bytes);

/* 0, -EEXIST (name taken) or -EINVAL (bad geometry). */
int blk_register(struct block_device *bd);
void blk_unregister(struct block_device *bd);

/* The i-th registered device (registration order), or NULL. */
struct block_device *blk_get(unsigned int i);
struct block_device *blk_find(const char *name);
unsigned int blk_count(void);

/*
 * Check and queue rq: 0, or -EINVAL (out of range, sector + length past
 * the end, misaligned, empty, larger than max_bytes, op not offered, a
 * FLUSH with data), -EROFS (write or discard to a read-only device),
 * -EBUSY (queue_depth requests in flight), -ENODEV (not registered), or
 * what the driver says. After 0 the request is the driver's until
 * end_io; it may already have completed when blk_submit() returns.
 */
int blk_submit(struct blk_request *rq);
/* The driver's completion, thread context only; calls rq->end_io last. */
void blk_complete(struct blk_request *rq, int err);

/*
 * Synchronous I/O of any length (cut into max_bytes pieces): 0 or
 * -errno, -ETIMEDOUT when timeout_ms pass (for the whole call), -ENOMEM.
 */
int blk_rw(struct block_device *bd, enum blk_op op, u64 sector, void *buf,
	   u32 nr_bytes, u64 timeout_ms);

/* The block benchmark (kernel/blkbench.c): blkbench=NAME. */
void blkbench_run(const char *name);

#endif
