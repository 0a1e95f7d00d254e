// SPDX-License-Identifier: GPL-2.0
/*
 * The block layer (include/tern/blkdev.h): a registry of disks, the
 * checks every request passes before a driver sees it, per-device
 * counters, completion, and a synchronous helper.
 *
 * Invariants:
 *  - A device is registered when it is on `devices`; blk_submit() finds
 *    it there before dereferencing anything else of it, so a request for
 *    an unregistered device fails with -ENODEV.
 *  - in_flight counts the requests a driver accepted and has not yet
 *    completed; blk_submit() refuses with -EBUSY at queue_depth. It and
 *    the registry change with interrupts disabled (completions come from
 *    deferred work, but the layer does not rely on it for its counters).
 *  - The layer never touches a request after the driver accepted it and
 *    after its end_io ran: end_io may free it, and a driver may complete
 *    a request before its submit() even returns (NVMe does: its I/O is
 *    synchronous), so blk_submit() reads nothing of rq once submit() said 0.
 *  - blk_rw() waits a bounded time. Its request is allocated, never on
 *    the stack: when the wait times out the request is marked abandoned
 *    and the late completion frees it.
 */
#include <tern/blkdev.h>
#include <tern/compiler.h>
#include <tern/dma.h>
#include <tern/mm.h>
#include <tern/monitor.h>
#include <tern/printk.h>
#include <tern/spinlock.h>
#include <tern/string.h>
#include <tern/timer.h>
#include <tern/workqueue.h>
#include <asm/page.h>
#include <asm/pv_ops.h>

static struct block_device *devices;	/* registration order */
static unsigned int nr_devices;
/* The device list, in_flight and the statistics, a request's sync state. */
static DEFINE_SPINLOCK(blk_lock);

static bool registered(const struct block_device *bd)
{
	const struct block_device *d;

	for (d = devices; d; d = d->next)
		if (d == bd)
			return true;
	return false;
}

static bool geometry_ok(const struct block_device *bd)
{
	u32 lbs = bd->logical_block_size;

	if (!bd->name[0] || strnlen(bd->name, sizeof(bd->name)) == sizeof(bd->name))
		return false;
	if (lbs != 512 && lbs != 4096)
		return false;
	return bd->ops && bd->ops->submit && bd->nr_sectors &&
	       bd->nr_sectors % (lbs >> SECTOR_SHIFT) == 0 &&
	       bd->max_bytes >= lbs && bd->queue_depth >= 1;
}

int blk_register(struct block_device *bd)
{
	struct block_device **pp;
	unsigned long flags;

	if (!bd || !geometry_ok(bd)) {
		pr_err("blk: %s: bad geometry, not registered\n",
		       bd && bd->name[0] ? bd->name : "?");
		return -EINVAL;
	}
	flags = spin_lock_irqsave(&blk_lock);
	for (pp = &devices; *pp; pp = &(*pp)->next) {
		if (*pp == bd || !strcmp((*pp)->name, bd->name)) {
			spin_unlock_irqrestore(&blk_lock, flags);
			return -EEXIST;
		}
	}
	bd->in_flight = 0;
	memset(&bd->stats, 0, sizeof(bd->stats));
	bd->next = NULL;
	*pp = bd;
	nr_devices++;
	spin_unlock_irqrestore(&blk_lock, flags);
	return 0;
}

void blk_unregister(struct block_device *bd)
{
	struct block_device **pp;
	unsigned long flags = spin_lock_irqsave(&blk_lock);

	for (pp = &devices; *pp; pp = &(*pp)->next) {
		if (*pp == bd) {
			*pp = bd->next;
			bd->next = NULL;
			nr_devices--;
			break;
		}
	}
	spin_unlock_irqrestore(&blk_lock, flags);
}

struct block_device *blk_get(unsigned int i)
{
	struct block_device *d;

	for (d = devices; d && i; d = d->next)
		i--;
	return d;
}

struct block_device *blk_find(const char *name)
{
	struct block_device *d;

	for (d = devices; d; d = d->next)
		if (!strcmp(d->name, name))
			return d;
	return NULL;
}

unsigned int blk_count(void)
{
	return nr_devices;
}

bool blk_segs_fit(const struct block_device *bd, const struct blk_seg *segs,
		  unsigned int n, u32 nr_bytes)
{
	u64 mask = bd->dma_dev ? bd->dma_dev->dma_mask : 0;
	u64 sum = 0;
	unsigned int i;

	if (!(bd->features & BLK_FEAT_BUS_SEGS) || !n || n > BLK_SEGS_MAX)
		return false;
	for (i = 0; i < n; i++) {
		u64 b = bus_x(segs[i].bus), in = b & (PAGE_SIZE - 1);
		u32 len = segs[i].len;

		if (!len || (b & 3) || (len & 3) ||
		    in + len > PAGE_SIZE)
			return false;
		if (i > 0 && in)
			return false;		/* only the first starts inside */
		if (i < n - 1 && in + len != PAGE_SIZE)
			return false;		/* only the last ends inside */
		if (b + len - 1 > mask)
			return false;		/* the device cannot reach it */
		sum += len;
	}
	return sum == nr_bytes;
}

/* READ/WRITE data: a buffer, or segments the device takes. */
static bool data_ok(const struct block_device *bd,
		    const struct blk_request *rq)
{
	if (rq->segs)
		return !rq->buf && blk_segs_fit(bd, rq->segs, rq->nr_segs,
						rq->nr_bytes);
	return rq->buf && IS_ALIGNED((uintptr_t)rq->buf, SECTOR_SIZE);
}

/* The request as the device sees it: 0 or the errno blk_submit returns. */
static int check_request(const struct block_device *bd,
			 const struct blk_request *rq)
{
	u32 lbs = bd->logical_block_size;
	u64 nr_sectors = rq->nr_bytes >> SECTOR_SHIFT;

	switch (rq->op) {
	case BLK_OP_FLUSH:
		if (!(bd->features & BLK_FEAT_FLUSH))
			return -EINVAL;
		return rq->nr_bytes ? -EINVAL : 0;
	case BLK_OP_DISCARD:
		if (bd->read_only)
			return -EROFS;
		if (!(bd->features & BLK_FEAT_DISCARD))
			return -EINVAL;
		break;
	case BLK_OP_WRITE:
		if (bd->read_only)
			return -EROFS;
		if (!data_ok(bd, rq))
			return -EINVAL;
		if (rq->nr_bytes > bd->max_bytes)
			return -EINVAL;
		break;
	case BLK_OP_READ:
		if (!data_ok(bd, rq))
			return -EINVAL;
		if (rq->nr_bytes > bd->max_bytes)
			return -EINVAL;
		break;
	default:
		return -EINVAL;
	}
	/* READ, WRITE, DISCARD: a non-empty, aligned range on the disk */
	if (!rq->nr_bytes || rq->nr_bytes % lbs ||
	    rq->sector % (lbs >> SECTOR_SHIFT))
		return -EINVAL;
	/* sector + nr_sectors may wrap: compare against what is left */
	if (rq->sector >= bd->nr_sectors ||
	    nr_sectors > bd->nr_sectors - rq->sector)
		return -EINVAL;
	return 0;
}

int blk_submit(struct blk_request *rq)
{
	struct block_device *bd = rq->bdev;
	unsigned long flags;
	int ret;

	flags = spin_lock_irqsave(&blk_lock);
	if (!bd || !registered(bd)) {
		spin_unlock_irqrestore(&blk_lock, flags);
		return -ENODEV;
	}
	ret = check_request(bd, rq);
	if (!ret && bd->in_flight >= bd->queue_depth)
		ret = -EBUSY;
	if (ret) {
		spin_unlock_irqrestore(&blk_lock, flags);
		return ret;
	}
	bd->in_flight++;
	spin_unlock_irqrestore(&blk_lock, flags);

	rq->error = 0;
	rq->done = false;
	rq->submit_ns = ktime_ns();
	ret = bd->ops->submit(bd, rq);
	/* 0: rq belongs to the driver and its submitter now; do not touch */
	if (ret) {
		flags = spin_lock_irqsave(&blk_lock);
		bd->in_flight--;
		spin_unlock_irqrestore(&blk_lock, flags);
	}
	return ret;
}

void blk_complete(struct blk_request *rq, int err)
{
	struct block_device *bd = rq->bdev;
	struct blk_stats *st = &bd->stats;
	unsigned long flags = spin_lock_irqsave(&blk_lock);

	if (bd->in_flight)
		bd->in_flight--;
	switch (rq->op) {
	case BLK_OP_READ:
		st->reads++;
		st->read_bytes += err ? 0 : rq->nr_bytes;
		break;
	case BLK_OP_WRITE:
		st->writes++;
		st->write_bytes += err ? 0 : rq->nr_bytes;
		break;
	case BLK_OP_FLUSH:
		st->flushes++;
		break;
	case BLK_OP_DISCARD:
		st->discards++;
		break;
	}
	if (err)
		st->errors++;
	rq->error = err;
	WRITE_ONCE(rq->done, true);
	spin_unlock_irqrestore(&blk_lock, flags);
	/* last use of rq by the layer: end_io may free it */
	if (rq->end_io)
		rq->end_io(rq, err);
}

/* ---- synchronous I/O ---- */

/*
 * One blk_rw() request. Allocated, so that a completion arriving after
 * the waiter gave up writes into live memory: the waiter sets abandoned
 * and leaves, the completion frees it.
 */
struct blk_sync {
	struct blk_request rq;
	bool finished;
	bool abandoned;
};

static void sync_end_io(struct blk_request *rq, int err)
{
	struct blk_sync *s = container_of(rq, struct blk_sync, rq);
	unsigned long flags = spin_lock_irqsave(&blk_lock);
	bool abandoned = s->abandoned;

	/* under the lock: the waiter gives up or sees it finished, not both */
	if (!abandoned)
		WRITE_ONCE(s->finished, true);
	spin_unlock_irqrestore(&blk_lock, flags);
	if (abandoned) {
		pr_err("blk: %s: request at sector %llu completed (%d) after its waiter timed out\n",
		       rq->bdev->name, rq->sector, err);
		kfree(s);
	}
}

static bool sync_finished(void *arg)
{
	return READ_ONCE(((struct blk_sync *)arg)->finished);
}

static bool queue_has_room(void *arg)
{
	struct block_device *bd = arg;

	return !registered(bd) || READ_ONCE(bd->in_flight) < bd->queue_depth;
}

static u64 ms_left(u64 deadline)
{
	u64 now = ktime_ns();

	return now >= deadline ? 0 : DIV_ROUND_UP(deadline - now,
						  NSEC_PER_MSEC);
}

int blk_rw(struct block_device *bd, enum blk_op op, u64 sector, void *buf,
	   u32 nr_bytes, u64 timeout_ms)
{
	u64 deadline = ktime_ns() + timeout_ms * NSEC_PER_MSEC;
	struct blk_sync *s;
	u32 piece_max;
	int ret = 0;

	if (!bd || !registered(bd))
		return -ENODEV;
	/* reads and writes are cut into pieces the driver takes */
	piece_max = ALIGN_DOWN(bd->max_bytes, bd->logical_block_size);
	s = kmalloc(sizeof(*s));
	if (!s)
		return -ENOMEM;
	do {
		u32 len = nr_bytes;
		unsigned long flags;

		if ((op == BLK_OP_READ || op == BLK_OP_WRITE) &&
		    len > piece_max)
			len = piece_max;
		memset(s, 0, sizeof(*s));
		s->rq.bdev = bd;
		s->rq.op = op;
		s->rq.sector = sector;
		s->rq.nr_bytes = len;
		s->rq.buf = buf;
		s->rq.end_io = sync_end_io;
		for (;;) {
			ret = blk_submit(&s->rq);
			if (ret != -EBUSY)
				break;
			if (!wait_cond_timeout(queue_has_room, bd,
					       ms_left(deadline)))
				break;
		}
		if (ret)
			break;
		if (!wait_cond_timeout(sync_finished, s, ms_left(deadline))) {
			flags = spin_lock_irqsave(&blk_lock);
			if (!READ_ONCE(s->finished)) {
				/* the completion frees it */
				s->abandoned = true;
				spin_unlock_irqrestore(&blk_lock, flags);
				return -ETIMEDOUT;
			}
			spin_unlock_irqrestore(&blk_lock, flags);
		}
		ret = s->rq.error;
		sector += len >> SECTOR_SHIFT;
		if (buf)
			buf = (u8 *)buf + len;
		nr_bytes -= len;
	} while (!ret && nr_bytes);
	kfree(s);
	return ret == -EBUSY ? -ETIMEDOUT : ret;
}

/* ---- monitor ---- */

static const char *op_features(u32 f)
{
	switch (f & (BLK_FEAT_FLUSH | BLK_FEAT_DISCARD)) {
	case BLK_FEAT_FLUSH:
		return "flush";
	case BLK_FEAT_DISCARD:
		return "discard";
	case BLK_FEAT_FLUSH | BLK_FEAT_DISCARD:
		return "flush,discard";
	default:
		return "-";
	}
}

static void cmd_blk(void)
{
	struct block_device *d;

	if (!devices)
		printk("blk: no block devices\n");
	for (d = devices; d; d = d->next) {
		const struct blk_stats *st = &d->stats;
		u64 mib = d->nr_sectors >> (20 - SECTOR_SHIFT);

		if (mib >= 1024)
			printk("%s: %llu sectors (%llu.%02llu GiB), %u B blocks, %s, features %s, depth %u, max %u KiB\n",
			       d->name, d->nr_sectors, mib >> 10,
			       (mib & 1023) * 100 / 1024, d->logical_block_size,
			       d->read_only ? "ro" : "rw",
			       op_features(d->features), d->queue_depth,
			       d->max_bytes >> 10);
		else
			printk("%s: %llu sectors (%llu MiB), %u B blocks, %s, features %s, depth %u, max %u KiB\n",
			       d->name, d->nr_sectors, mib,
			       d->logical_block_size,
			       d->read_only ? "ro" : "rw",
			       op_features(d->features), d->queue_depth,
			       d->max_bytes >> 10);
		printk("  reads %llu (%llu KiB), writes %llu (%llu KiB), flushes %llu, discards %llu, errors %llu, in flight %u\n",
		       st->reads, st->read_bytes >> 10, st->writes,
		       st->write_bytes >> 10, st->flushes, st->discards,
		       st->errors, d->in_flight);
		if (d->ops->describe) {
			printk("  ");
			d->ops->describe(d);
		}
	}
}
MONITOR_CMD(blk_cmd, "blk", "block devices: geometry, features, counters",
	    cmd_blk);
