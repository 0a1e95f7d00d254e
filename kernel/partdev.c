// SPDX-License-Identifier: GPL-2.0
/*
 * Partition block devices (include/tern/partdev.h).
 *
 * One struct part_disk per disk with partitions, holding them, the
 * requests waiting for room on the disk (`pending`, FIFO), and a
 * reference count: one for being registered, one per child request at
 * the disk, one while the retry work runs. It is freed, with its
 * partition devices, when the count drops to zero, never earlier: a
 * child's completion touches the partition's request and device.
 *
 * Request flow: the layer checked rq against the partition (its
 * nr_sectors is the partition's size); submit() checks again, allocates
 * a child request for the disk at start + sector, and submits it. The
 * child's end_io completes rq (blk_complete, thread context: the disk
 * completes in thread context) and frees the child, so rq completes
 * exactly once. A child the disk refuses with -EBUSY waits in pending;
 * any other refusal is returned by submit() (rq not taken) or, for a
 * request that already waited, completes rq with the error. The pending
 * queue is drained by work, kicked by each child's completion, or by a
 * timer when the disk is full with no child of ours in it.
 *
 * Invariant: start + nr_sectors of every partition is at most the
 * disk's nr_sectors (the parser's promise, checked again here), so
 * start + sector never wraps and stays on the disk.
 */
#include <tern/kernel.h>
#include <tern/mm.h>
#include <tern/partdev.h>
#include <tern/partition.h>
#include <tern/printk.h>
#include <tern/spinlock.h>
#include <tern/string.h>
#include <tern/timer.h>
#include <tern/workqueue.h>
#include <asm/pv_ops.h>

#define RETRY_NS	(1000 * 1000)	/* 1 ms */
#define QUEUED		1		/* start_io(): waits in pending */

struct part_disk;

struct partdev {
	struct block_device bd;
	struct part_disk *pd;
	unsigned int number;
	u64 start;			/* 512-byte sectors on the disk */
	struct partdev *next;
};

struct part_io {
	struct blk_request child;	/* for the disk */
	struct blk_request *rq;		/* the partition's */
	struct part_disk *pd;
	struct part_io *next;		/* in pending */
};

struct part_disk {
	struct block_device *disk;
	struct partdev *parts;
	struct part_io *pending, *pending_tail;
	unsigned int children;		/* child requests at the disk */
	unsigned int refs;
	bool removed;
	struct work kick;
	struct timer retry;
	struct part_disk *next;
};

static struct part_disk *disks;
/* Every disk's pending queue (pending, pending_tail). */
static DEFINE_SPINLOCK(pending_lock);

static struct part_disk *find_disk(const struct block_device *disk)
{
	struct part_disk *pd;

	for (pd = disks; pd; pd = pd->next)
		if (pd->disk == disk)
			return pd;
	return NULL;
}

static void put_disk(struct part_disk *pd)
{
	struct partdev *p, *next;

	if (--pd->refs)
		return;
	for (p = pd->parts; p; p = next) {
		next = p->next;
		kfree(p);
	}
	kfree(pd);
}

static void enqueue(struct part_disk *pd, struct part_io *io, bool front)
{
	unsigned long flags = spin_lock_irqsave(&pending_lock);

	if (front) {
		io->next = pd->pending;
		pd->pending = io;
		if (!pd->pending_tail)
			pd->pending_tail = io;
	} else {
		io->next = NULL;
		if (pd->pending_tail)
			pd->pending_tail->next = io;
		else
			pd->pending = io;
		pd->pending_tail = io;
	}
	spin_unlock_irqrestore(&pending_lock, flags);
}

static struct part_io *dequeue(struct part_disk *pd)
{
	unsigned long flags = spin_lock_irqsave(&pending_lock);
	struct part_io *io = pd->pending;

	if (io) {
		pd->pending = io->next;
		if (!pd->pending)
			pd->pending_tail = NULL;
		io->next = NULL;
	}
	spin_unlock_irqrestore(&pending_lock, flags);
	return io;
}

static void child_end_io(struct blk_request *child, int err)
{
	struct part_io *io = child->private;
	struct part_disk *pd = io->pd;
	struct blk_request *rq = io->rq;

	kfree(io);
	/* pd stays alive across rq's end_io: our reference goes after */
	blk_complete(rq, err);
	pd->children--;
	if (pd->pending && !pd->removed)
		schedule_work(&pd->kick);
	put_disk(pd);
}

/*
 * Submit io's child to the disk: 0 (it is the disk's now, and may be
 * complete and freed already), QUEUED (the disk is full: io waits in
 * pending, at its front or back), or the disk's refusal (io untouched).
 */
static int start_io(struct part_disk *pd, struct part_io *io, bool front)
{
	int err;

	pd->children++;
	pd->refs++;
	err = blk_submit(&io->child);
	if (!err)
		return 0;	/* io may be freed already */
	pd->children--;
	pd->refs--;		/* not the last: the caller holds one */
	if (err != -EBUSY)
		return err;
	enqueue(pd, io, front);
	if (!pd->children)
		timer_start(&pd->retry, RETRY_NS);
	return QUEUED;
}

/* The pending requests, oldest first, while the disk takes them. */
static void kick_work(struct work *w)
{
	struct part_disk *pd = w->data;
	struct part_io *io;

	pd->refs++;
	while (!pd->removed && (io = dequeue(pd))) {
		struct blk_request *rq = io->rq;
		int err = start_io(pd, io, true);

		if (err == QUEUED)
			break;		/* the disk is full: io is back in front */
		if (!err)
			continue;
		kfree(io);
		blk_complete(rq, err);
	}
	put_disk(pd);
}

static void retry_timer(struct timer *t)
{
	struct part_disk *pd = t->data;

	schedule_work(&pd->kick);
}

static int partdev_submit(struct block_device *bd, struct blk_request *rq)
{
	struct partdev *p = bd->driver_data;
	struct part_disk *pd = p->pd;
	struct part_io *io;
	u64 n = rq->nr_bytes >> SECTOR_SHIFT;
	int err;

	if (pd->removed)
		return -ENODEV;
	/* the layer checked rq against nr_sectors already: again */
	if (rq->op == BLK_OP_FLUSH) {
		if (rq->nr_bytes)
			return -EINVAL;
	} else if (!n || rq->sector >= bd->nr_sectors ||
		   n > bd->nr_sectors - rq->sector) {
		return -EINVAL;
	}
	io = kzalloc(sizeof(*io));
	if (!io)
		return -ENOMEM;
	io->rq = rq;
	io->pd = pd;
	io->child.bdev = pd->disk;
	io->child.op = rq->op;
	io->child.sector = rq->op == BLK_OP_FLUSH ? 0 : p->start + rq->sector;
	io->child.nr_bytes = rq->nr_bytes;
	io->child.buf = rq->buf;
	io->child.segs = rq->segs;
	io->child.nr_segs = rq->nr_segs;
	io->child.end_io = child_end_io;
	io->child.private = io;
	if (pd->pending) {
		/* keep the order: behind those already waiting */
		enqueue(pd, io, false);
		schedule_work(&pd->kick);
		return 0;
	}
	err = start_io(pd, io, false);
	if (err == QUEUED)
		return 0;
	if (err)
		kfree(io);
	return err;
}

static void partdev_describe(struct block_device *bd)
{
	struct partdev *p = bd->driver_data;

	printk("partition %u of %s, sectors %llu..%llu\n", p->number,
	       p->pd->disk->name, p->start, p->start + bd->nr_sectors - 1);
}

static const struct block_device_ops partdev_ops = {
	.submit = partdev_submit,
	.describe = partdev_describe,
};

struct label_read {
	struct block_device *disk;
	void *page;
};

static int label_read(void *ctx, u64 sector, u32 nr_bytes, void *buf)
{
	struct label_read *lr = ctx;
	int err;

	if (nr_bytes > PAGE_SIZE)
		return -EINVAL;
	err = blk_rw(lr->disk, BLK_OP_READ, sector, lr->page, nr_bytes,
		     PARTDEV_READ_TIMEOUT_MS);
	if (!err)
		memcpy(buf, lr->page, nr_bytes);
	return err;
}

/* Register partition pt of pd; 0, or why it is skipped (logged). */
static int add_one(struct part_disk *pd, const struct partition *pt)
{
	struct block_device *disk = pd->disk;
	u64 spb = disk->logical_block_size >> SECTOR_SHIFT;
	size_t len = strlen(disk->name);
	bool digit = len && disk->name[len - 1] >= '0' &&
		     disk->name[len - 1] <= '9';
	struct partdev *p;
	int err, n;

	if (pt->start % spb || pt->nr_sectors % spb || !pt->nr_sectors ||
	    pt->start >= disk->nr_sectors ||
	    pt->nr_sectors > disk->nr_sectors - pt->start) {
		pr_warn("%s: partition %u (sectors %llu+%llu) is not whole %u-byte blocks on the disk, skipped\n",
			disk->name, pt->number, pt->start, pt->nr_sectors,
			disk->logical_block_size);
		return -EINVAL;
	}
	p = kzalloc(sizeof(*p));
	if (!p)
		return -ENOMEM;
	n = snprintf(p->bd.name, sizeof(p->bd.name), "%s%s%u", disk->name,
		     digit ? "p" : "", pt->number);
	if (n < 0 || (size_t)n >= sizeof(p->bd.name)) {
		pr_warn("%s: partition %u: its name is too long, skipped\n",
			disk->name, pt->number);
		kfree(p);
		return -ENAMETOOLONG;
	}
	p->pd = pd;
	p->number = pt->number;
	p->start = pt->start;
	p->bd.nr_sectors = pt->nr_sectors;
	p->bd.logical_block_size = disk->logical_block_size;
	p->bd.max_bytes = disk->max_bytes;
	p->bd.queue_depth = disk->queue_depth;
	p->bd.features = disk->features;
	p->bd.dma_dev = disk->dma_dev;
	p->bd.read_only = disk->read_only;
	p->bd.ops = &partdev_ops;
	p->bd.driver_data = p;
	err = blk_register(&p->bd);
	if (err) {
		pr_warn("%s: %s not registered (%d)\n", disk->name, p->bd.name,
			err);
		kfree(p);
		return err;
	}
	p->next = pd->parts;
	pd->parts = p;
	return 0;
}

/* "nvme0n1: GPT, 2 partitions: nvme0n1p1 (2048+8192) ..." */
static void log_disk(const struct part_disk *pd, const struct part_table *t,
		     unsigned int added)
{
	const struct partdev *p;
	size_t size = 96 + PART_MAX * 48, len;
	char *line = kmalloc(size);
	unsigned int i;

	if (!line)
		return;
	len = snprintf(line, size, "%s: %s%s, %u partition%s%s",
		       pd->disk->name, part_label_name(t->label),
		       t->gpt_backup ? " (backup header)" : "", added,
		       added == 1 ? "" : "s", added ? ":" : "");
	/* the list is newest first: print in number order */
	for (i = 0; i < t->nr; i++)
		for (p = pd->parts; p; p = p->next)
			if (p->number == t->part[i].number && len < size)
				len += snprintf(line + len, size - len,
						" %s (%llu+%llu)", p->bd.name,
						p->start, p->bd.nr_sectors);
	pr_info("%s\n", line);
	kfree(line);
}

int blk_add_partitions(struct block_device *disk)
{
	struct label_read lr = { .disk = disk };
	struct part_table *t;
	struct part_disk *pd;
	unsigned int i, added = 0;
	const char *why;
	int err;

	if (!disk)
		return -ENODEV;
	if (find_disk(disk))
		return -EEXIST;
	t = kmalloc(sizeof(*t));
	lr.page = alloc_page(0);
	pd = kzalloc(sizeof(*pd));
	if (!t || !lr.page || !pd) {
		err = -ENOMEM;
		goto out;
	}
	err = part_parse(label_read, &lr, disk->nr_sectors,
			 disk->logical_block_size, t, &why);
	if (err) {
		pr_err("%s: partition label refused: %s (%d)\n", disk->name,
		       why, err);
		goto out;
	}
	if (t->gpt_backup)
		pr_warn("%s: the primary GPT header is bad (%s): using the backup\n",
			disk->name, t->primary_why);
	pd->disk = disk;
	pd->refs = 1;
	init_work(&pd->kick, kick_work, pd);
	pd->retry.fn = retry_timer;
	pd->retry.data = pd;
	for (i = 0; i < t->nr; i++)
		if (!add_one(pd, &t->part[i]))
			added++;
	/* a disk without a label is the common case: nothing to say */
	if (t->label != PART_LABEL_NONE)
		log_disk(pd, t, added);
	if (added) {
		pd->next = disks;
		disks = pd;
		pd = NULL;
	}
	err = added;
out:
	kfree(pd);
	if (lr.page)
		free_page(lr.page);
	kfree(t);
	return err;
}

void blk_remove_partitions(struct block_device *disk)
{
	struct part_disk *pd = find_disk(disk), **pp;
	struct part_io *io;
	struct partdev *p;

	if (!pd)
		return;
	pd->removed = true;
	timer_cancel(&pd->retry);
	cancel_work(&pd->kick);
	while ((io = dequeue(pd))) {
		struct blk_request *rq = io->rq;

		kfree(io);
		blk_complete(rq, -ENODEV);
	}
	for (p = pd->parts; p; p = p->next)
		blk_unregister(&p->bd);
	for (pp = &disks; *pp; pp = &(*pp)->next) {
		if (*pp == pd) {
			*pp = pd->next;
			break;
		}
	}
	pr_info("%s: partitions removed\n", disk->name);
	put_disk(pd);
}

/* The disk partition bd is on, or NULL when bd is not a partition. */
static struct block_device *disk_of(struct block_device *bd)
{
	const struct partdev *p = bd->driver_data;

	return bd->ops == &partdev_ops ? p->pd->disk : NULL;
}

static bool a_partition_held(const struct block_device *disk)
{
	const struct part_disk *pd;
	const struct partdev *p;

	for (pd = disks; pd; pd = pd->next) {
		if (pd->disk != disk || pd->removed)
			continue;
		for (p = pd->parts; p; p = p->next)
			if (p->bd.holder)
				return true;
	}
	return false;
}

int blk_claim(struct block_device *bd, const char *holder)
{
	struct block_device *disk = disk_of(bd);

	if (bd->holder || (disk && disk->holder) ||
	    (!disk && a_partition_held(bd)))
		return -EBUSY;
	bd->holder = holder;
	return 0;
}

void blk_unclaim(struct block_device *bd)
{
	bd->holder = NULL;
}
