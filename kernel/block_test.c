// SPDX-License-Identifier: GPL-2.0
/*
 * The block suite: every registered block device (NVMe, blkfront, ...)
 * against the block layer's rules (include/tern/blkdev.h) and, when it is
 * a test disk, the test-disk contract (include/tern/testdisk.h).
 *
 * A device is a test disk when it is a whole number of MiB, at least
 * 4 MiB, and its sector 0 and the last sector before the write region
 * hold their original form: a real disk never matches, so it is only
 * read, and only the layer's refusals are tried on it. On a test disk:
 * the first and last MiB, every probe region (sector numbers beyond 2^32
 * on disks above 2 TiB) and, on a fully written image, random sectors
 * anywhere are verified; the last MiB is rewritten in the written form
 * and read back (a read-only device must refuse with -EROFS and keep it
 * original). Requests past the end, wrapping, misaligned, oversized or
 * for an op the device does not offer are refused before the driver sees
 * them; flush works where offered.
 *
 * The layer's own rules that a real device seldom shows (4096-byte
 * blocks, queue depth, asynchronous completion from work, read-only,
 * a completion after blk_rw() gave up, unplug) are checked on a RAM
 * device the last case registers for its duration.
 *
 * The suite is skipped only when no block device exists.
 */
#include <tern/blkdev.h>
#include <tern/ktest.h>
#include <tern/mm.h>
#include <tern/string.h>
#include <tern/testdisk.h>
#include <tern/timer.h>
#include <tern/workqueue.h>
#include <asm/page.h>

#define BUF_PAGES	64			/* 256 KiB */
#define BUF_BYTES	(BUF_PAGES * PAGE_SIZE)
#define IO_TIMEOUT_MS	20000
#define MIB_SECTORS	((1u << 20) >> SECTOR_SHIFT)
#define FORM_ANY	2			/* original or written */

static u64 rng_state = 0x626c6f636b746573ULL;

static u64 rnd(void)
{
	rng_state ^= rng_state << 13;
	rng_state ^= rng_state >> 7;
	rng_state ^= rng_state << 17;
	return rng_state;
}

static int block_suite_init(const char **reason)
{
	if (!blk_count()) {
		*reason = "no block devices";
		return -ENODEV;
	}
	return 0;
}

static u32 spb(const struct block_device *bd)
{
	return bd->logical_block_size >> SECTOR_SHIFT;
}

static u8 *get_buf(struct ktest *t)
{
	u8 *buf = alloc_pages(BUF_PAGES, 0);

	if (!buf)
		ktest_fail(t, __FILE__, __LINE__, "no %u pages for a buffer",
			   BUF_PAGES);
	return buf;
}

/* Sectors of buf (starting at sector) not in form (0, 1 or FORM_ANY). */
static u64 bad_sectors(struct ktest *t, const struct block_device *bd,
		       const u8 *buf, u64 sector, u64 n, int form)
{
	u64 i, bad = 0;

	for (i = 0; i < n; i++) {
		int got = testdisk_check(buf + i * TESTDISK_SECTOR,
					 sector + i);

		if (got >= 0 && (form == FORM_ANY || got == form))
			continue;
		if (bad++ < 3)
			ktest_log(t, "%s: sector %llu: form %d, want %d (sector field %llu)",
				  bd->name, sector + i, got, form,
				  *(const u64 *)(buf + i * TESTDISK_SECTOR));
	}
	return bad;
}

/*
 * Read [sector, sector + n) in buffer-sized pieces and check each form;
 * the number of bad sectors, or n when a read fails.
 */
static u64 read_verify(struct ktest *t, struct block_device *bd, u8 *buf,
		       u64 sector, u64 n, int form)
{
	u64 bad = 0;

	while (n) {
		u32 k = min(n, (u64)BUF_BYTES >> SECTOR_SHIFT);
		int ret = blk_rw(bd, BLK_OP_READ, sector, buf,
				 k << SECTOR_SHIFT, IO_TIMEOUT_MS);

		if (ret) {
			ktest_log(t, "%s: read of %u sectors at %llu: %d",
				  bd->name, k, sector, ret);
			return bad + n;
		}
		bad += bad_sectors(t, bd, buf, sector, k, form);
		sector += k;
		n -= k;
	}
	return bad;
}

static bool is_test_disk(struct block_device *bd, u8 *buf)
{
	u64 n = bd->nr_sectors;

	if (n % MIB_SECTORS || n < 4 * MIB_SECTORS)
		return false;
	if (blk_rw(bd, BLK_OP_READ, 0, buf, bd->logical_block_size,
		   IO_TIMEOUT_MS) || testdisk_check(buf, 0) != 0)
		return false;
	n = testdisk_write_region(n) - spb(bd);
	if (blk_rw(bd, BLK_OP_READ, n, buf, bd->logical_block_size,
		   IO_TIMEOUT_MS))
		return false;
	return testdisk_check(buf + (spb(bd) - 1) * TESTDISK_SECTOR,
			      n + spb(bd) - 1) == 0;
}

/*
 * Call fn on every test disk; skip the case when there is none. fn gets
 * a 256 KiB buffer.
 */
typedef void (*disk_fn)(struct ktest *t, struct block_device *bd, u8 *buf);

static void on_test_disks(struct ktest *t, disk_fn fn)
{
	u8 *buf = get_buf(t);
	unsigned int i, tested = 0;
	struct block_device *bd;

	if (!buf)
		return;
	for (i = 0; (bd = blk_get(i)); i++) {
		if (bd->holder) {
			ktest_log(t, "%s: held by %s, left alone", bd->name,
				  bd->holder);
			continue;
		}
		if (!is_test_disk(bd, buf)) {
			ktest_log(t, "%s: not a test disk, left alone",
				  bd->name);
			continue;
		}
		fn(t, bd, buf);
		tested++;
	}
	if (!tested)
		ktest_skip(t, "no block device is a test disk");
	free_pages(buf, BUF_PAGES);
}

/* ---- the registry ---- */

static void registry(struct ktest *t)
{
	unsigned int i, j, n = blk_count();
	struct block_device *bd;

	KTEST_ASSERT(t, n >= 1);
	for (i = 0; i < n; i++) {
		bd = blk_get(i);
		KTEST_ASSERT(t, bd);
		ktest_log(t, "%s: %llu sectors (%llu MiB), %u B blocks, max %u KiB, depth %u, features %#x%s",
			  bd->name, bd->nr_sectors,
			  bd->nr_sectors >> (20 - SECTOR_SHIFT),
			  bd->logical_block_size, bd->max_bytes >> 10,
			  bd->queue_depth, bd->features,
			  bd->read_only ? ", read-only" : "");
		KTEST_EXPECT(t, blk_find(bd->name) == bd);
		KTEST_EXPECT(t, bd->logical_block_size == 512 ||
			     bd->logical_block_size == 4096);
		KTEST_EXPECT(t, bd->nr_sectors > 0);
		KTEST_EXPECT_EQ(t, bd->nr_sectors % spb(bd), 0);
		KTEST_EXPECT(t, bd->max_bytes >= bd->logical_block_size);
		KTEST_EXPECT(t, bd->queue_depth >= 1);
		KTEST_EXPECT(t, bd->ops && bd->ops->submit);
		for (j = 0; j < i; j++)
			KTEST_EXPECT(t, strcmp(blk_get(j)->name, bd->name));
		/* the same device again, or its name: refused */
		KTEST_EXPECT_EQ(t, blk_register(bd), -EEXIST);
	}
	KTEST_EXPECT(t, !blk_get(n));
	KTEST_EXPECT(t, !blk_find("nosuchdisk"));
	KTEST_EXPECT_EQ(t, blk_count(), n);
}

/* ---- contents ---- */

static void first_last_one(struct ktest *t, struct block_device *bd, u8 *buf)
{
	u64 w = testdisk_write_region(bd->nr_sectors);
	u64 reads = bd->stats.reads, bytes = bd->stats.read_bytes;

	KTEST_EXPECT_EQ(t, read_verify(t, bd, buf, 0, MIB_SECTORS, 0), 0);
	/* the write region: original before the write test, written after */
	KTEST_EXPECT_EQ(t, read_verify(t, bd, buf, w, MIB_SECTORS, FORM_ANY),
			0);
	KTEST_EXPECT(t, bd->stats.reads > reads);
	KTEST_EXPECT_EQ(t, bd->stats.read_bytes - bytes, 2u << 20);
	ktest_log(t, "%s: first MiB and last MiB (from sector %llu) verified",
		  bd->name, w);
}

static void read_first_and_last_mib(struct ktest *t)
{
	on_test_disks(t, first_last_one);
}

static void spread_one(struct ktest *t, struct block_device *bd, u8 *buf)
{
	u64 total = bd->nr_sectors, w = testdisk_write_region(total);
	u64 high = 0, last = 0, bad = 0, t0 = ktime_ns();
	unsigned int i, randoms = 0;

	for (i = 0; i < TESTDISK_PROBES; i++) {
		u64 s = testdisk_probe(i, total);

		KTEST_ASSERT(t, s % spb(bd) == 0);
		KTEST_ASSERT(t, s + TESTDISK_PROBE_SECTORS <= w);
		bad += read_verify(t, bd, buf, s, TESTDISK_PROBE_SECTORS, 0);
		high += s >= (1ULL << 32);
		last = s;
	}
	/* a fully written image: any sector holds the pattern */
	if (testdisk_full(total)) {
		for (i = 0; i < 64; i++) {
			u64 s = rnd() % (w / spb(bd)) * spb(bd);

			bad += read_verify(t, bd, buf, s, spb(bd), 0);
			randoms++;
		}
	} else if (total > (1ULL << 32) + spb(bd)) {
		/* a hole there, but the read itself must work */
		KTEST_EXPECT_EQ(t, blk_rw(bd, BLK_OP_READ, 1ULL << 32, buf,
					  bd->logical_block_size,
					  IO_TIMEOUT_MS), 0);
	}
	KTEST_EXPECT_EQ(t, bad, 0);
	ktest_log(t, "%s: %u probes of %u KiB (last at sector %llu, %llu above 2^32) and %u random blocks verified in %llu ms",
		  bd->name, TESTDISK_PROBES, TESTDISK_PROBE_BYTES >> 10, last,
		  high, randoms, (ktime_ns() - t0) / NSEC_PER_MSEC);
}

static void read_spread_across_capacity(struct ktest *t)
{
	on_test_disks(t, spread_one);
}

/* Fill buf with the written form of [sector, sector + n). */
static void fill_written(u8 *buf, u64 sector, u64 n)
{
	u64 i;

	for (i = 0; i < n; i++)
		testdisk_fill(buf + i * TESTDISK_SECTOR, sector + i, true);
}

static void write_one_ro(struct ktest *t, struct block_device *bd, u8 *buf)
{
	u64 w = testdisk_write_region(bd->nr_sectors);
	u32 len = min(BUF_BYTES, bd->max_bytes);

	fill_written(buf, w, len >> SECTOR_SHIFT);
	KTEST_EXPECT_EQ(t, blk_rw(bd, BLK_OP_WRITE, w, buf, len,
				  IO_TIMEOUT_MS), -EROFS);
	if (bd->features & BLK_FEAT_DISCARD)
		KTEST_EXPECT_EQ(t, blk_rw(bd, BLK_OP_DISCARD, w, NULL, len,
					  IO_TIMEOUT_MS), -EROFS);
	/* unchanged: the whole region still original */
	KTEST_EXPECT_EQ(t, read_verify(t, bd, buf, w, MIB_SECTORS, 0), 0);
	ktest_log(t, "%s: read-only: write refused (-EROFS), last MiB unchanged",
		  bd->name);
}

static void write_one(struct ktest *t, struct block_device *bd, u8 *buf)
{
	u64 w = testdisk_write_region(bd->nr_sectors), done = 0;
	u64 writes = bd->stats.writes, bytes = bd->stats.write_bytes;
	u32 blocks = BUF_BYTES / bd->logical_block_size;

	if (bd->read_only) {
		write_one_ro(t, bd, buf);
		return;
	}
	/* in uneven pieces (blk_rw cuts those above max_bytes) */
	while (done < MIB_SECTORS) {
		u64 left = (MIB_SECTORS - done) / spb(bd);
		/* min() evaluates its arguments twice: draw once */
		u64 r = 1 + rnd() % blocks;
		u64 n = min(left, r) * spb(bd);
		int ret;

		fill_written(buf, w + done, n);
		ret = blk_rw(bd, BLK_OP_WRITE, w + done, buf,
			     n << SECTOR_SHIFT, IO_TIMEOUT_MS);
		if (ret) {
			ktest_fail(t, __FILE__, __LINE__,
				   "%s: write of %llu sectors at %llu: %d",
				   bd->name, n, w + done, ret);
			return;
		}
		done += n;
	}
	KTEST_EXPECT_EQ(t, bd->stats.write_bytes - bytes, 1u << 20);
	KTEST_EXPECT(t, bd->stats.writes > writes);
	if (bd->features & BLK_FEAT_FLUSH)
		KTEST_EXPECT_EQ(t, blk_rw(bd, BLK_OP_FLUSH, 0, NULL, 0,
					  IO_TIMEOUT_MS), 0);
	memset(buf, 0, BUF_BYTES);
	KTEST_EXPECT_EQ(t, read_verify(t, bd, buf, w, MIB_SECTORS, 1), 0);
	/* the block before the region is untouched */
	KTEST_EXPECT_EQ(t, read_verify(t, bd, buf, w - spb(bd), spb(bd), 0),
			0);
	ktest_log(t, "%s: last MiB (sectors %llu-%llu) written and read back",
		  bd->name, w, bd->nr_sectors - 1);
}

static void write_reserved_region(struct ktest *t)
{
	on_test_disks(t, write_one);
}

/* ---- refusals ---- */

static void free_end_io(struct blk_request *rq, int err)
{
	kfree(rq);
}

/*
 * blk_submit() one request and expect want. The request is allocated
 * and freed by its completion, so an unexpectedly accepted one is safe.
 */
static void expect_submit(struct ktest *t, struct block_device *bd,
			  enum blk_op op, u64 sector, void *buf, u32 nr_bytes,
			  int want, const char *what)
{
	struct blk_request *rq = kzalloc(sizeof(*rq));
	int ret;

	if (!rq) {
		ktest_fail(t, __FILE__, __LINE__, "no memory");
		return;
	}
	rq->bdev = bd;
	rq->op = op;
	rq->sector = sector;
	rq->buf = buf;
	rq->nr_bytes = nr_bytes;
	rq->end_io = free_end_io;
	ret = blk_submit(rq);
	if (ret)
		kfree(rq);
	if (ret != want)
		ktest_fail(t, __FILE__, __LINE__,
			   "%s: %s (sector %llu, %u bytes): %d, want %d",
			   bd->name, what, sector, nr_bytes, ret, want);
}

/* Refusals that never reach a driver: safe on any disk. */
static void refusals_one(struct ktest *t, struct block_device *bd, u8 *buf)
{
	u32 lbs = bd->logical_block_size, n = spb(bd);
	u64 end = bd->nr_sectors;
	u64 errors = bd->stats.errors;

	expect_submit(t, bd, BLK_OP_READ, end, buf, lbs, -EINVAL,
		      "read at the end");
	expect_submit(t, bd, BLK_OP_READ, end - n, buf, 2 * lbs, -EINVAL,
		      "read across the end");
	expect_submit(t, bd, BLK_OP_READ, end + n, buf, lbs, -EINVAL,
		      "read past the end");
	/* sector + length wraps around 2^64 */
	expect_submit(t, bd, BLK_OP_READ, ~0ULL - n + 1, buf, 2 * lbs,
		      -EINVAL, "read wrapping around");
	expect_submit(t, bd, BLK_OP_READ, ~0ULL - n + 1, buf, lbs, -EINVAL,
		      "read at the last u64 sector");
	if (end <= (1ULL << 32))
		expect_submit(t, bd, BLK_OP_READ, 1ULL << 32, buf, lbs,
			      -EINVAL, "read at sector 2^32 past the end");
	expect_submit(t, bd, BLK_OP_READ, 0, buf, 0, -EINVAL, "empty read");
	expect_submit(t, bd, BLK_OP_READ, 0, buf, lbs / 2, -EINVAL,
		      "half-block read");
	expect_submit(t, bd, BLK_OP_READ, 0, buf + 8, lbs, -EINVAL,
		      "buffer not 512-aligned");
	expect_submit(t, bd, BLK_OP_READ, 0, NULL, lbs, -EINVAL, "no buffer");
	if (bd->max_bytes <= BUF_BYTES - lbs)
		expect_submit(t, bd, BLK_OP_READ, 0, buf, bd->max_bytes + lbs,
			      -EINVAL, "read above max_bytes");
	expect_submit(t, bd, (enum blk_op)42, 0, buf, lbs, -EINVAL,
		      "unknown op");
	if (!(bd->features & BLK_FEAT_DISCARD))
		expect_submit(t, bd, BLK_OP_DISCARD, 0, NULL, lbs,
			      bd->read_only ? -EROFS : -EINVAL,
			      "discard not offered");
	if (bd->features & BLK_FEAT_FLUSH)
		expect_submit(t, bd, BLK_OP_FLUSH, 0, buf, lbs, -EINVAL,
			      "flush with data");
	if (bd->read_only)
		expect_submit(t, bd, BLK_OP_WRITE, 0, buf, lbs, -EROFS,
			      "write to a read-only device");
	if (lbs == 4096) {
		expect_submit(t, bd, BLK_OP_READ, 1, buf, lbs, -EINVAL,
			      "read at a 512-byte, not 4096-byte, boundary");
		expect_submit(t, bd, BLK_OP_READ, 0, buf, 512, -EINVAL,
			      "512-byte read of a 4096-byte-block device");
		expect_submit(t, bd, BLK_OP_READ, 0, buf, lbs + 512, -EINVAL,
			      "read of 4608 bytes");
	}
	/* a refusal is not an I/O error of the device */
	KTEST_EXPECT_EQ(t, bd->stats.errors, errors);
	KTEST_EXPECT_EQ(t, bd->in_flight, 0);
}

static void bad_requests_refused(struct ktest *t)
{
	u8 *buf = get_buf(t);
	struct block_device *bd;
	unsigned int i;

	if (!buf)
		return;
	for (i = 0; (bd = blk_get(i)); i++)
		refusals_one(t, bd, buf);
	free_pages(buf, BUF_PAGES);
}

static void flush_when_offered(struct ktest *t)
{
	struct block_device *bd;
	unsigned int i, flushed = 0;

	for (i = 0; (bd = blk_get(i)); i++) {
		u64 before = bd->stats.flushes;

		if (!(bd->features & BLK_FEAT_FLUSH)) {
			KTEST_EXPECT_EQ(t, blk_rw(bd, BLK_OP_FLUSH, 0, NULL, 0,
						  IO_TIMEOUT_MS), -EINVAL);
			ktest_log(t, "%s: no flush: refused", bd->name);
			continue;
		}
		KTEST_EXPECT_EQ(t, blk_rw(bd, BLK_OP_FLUSH, 0, NULL, 0,
					  IO_TIMEOUT_MS), 0);
		KTEST_EXPECT_EQ(t, bd->stats.flushes - before, 1);
		flushed++;
	}
	ktest_log(t, "%u of %u devices flushed", flushed, blk_count());
}

/* ---- the layer's rules on a RAM device ---- */

#define RAM_BYTES	(64u << 10)

struct ramdev {
	struct block_device bd;
	u8 *data;
	struct blk_request *pending[4];
	unsigned int nr_pending;
	bool hold;			/* keep requests until told */
	struct work work;
	unsigned int completed_in_work;
};

static void ram_do(struct ramdev *r, struct blk_request *rq)
{
	u64 off = rq->sector << SECTOR_SHIFT;

	if (rq->op == BLK_OP_READ)
		memcpy(rq->buf, r->data + off, rq->nr_bytes);
	else if (rq->op == BLK_OP_WRITE)
		memcpy(r->data + off, rq->buf, rq->nr_bytes);
}

/* Deferred completion: what an interrupt-driven driver does. */
static void ram_work(struct work *w)
{
	struct ramdev *r = w->data;

	while (r->nr_pending && !r->hold) {
		struct blk_request *rq = r->pending[--r->nr_pending];

		ram_do(r, rq);
		r->completed_in_work += in_work();
		blk_complete(rq, 0);
	}
}

static int ram_submit(struct block_device *bd, struct blk_request *rq)
{
	struct ramdev *r = bd->driver_data;

	if (r->nr_pending == ARRAY_SIZE(r->pending))
		return -EBUSY;
	r->pending[r->nr_pending++] = rq;
	if (!r->hold)
		schedule_work(&r->work);
	return 0;
}

static const struct block_device_ops ram_ops = { .submit = ram_submit };

static void count_end_io(struct blk_request *rq, int err)
{
	(*(unsigned int *)rq->private)++;
}

static bool all_ended(void *arg)
{
	return *(unsigned int *)arg == 2;
}

static void ram_rules(struct ktest *t, struct ramdev *r, u8 *buf)
{
	struct block_device *bd = &r->bd;
	struct blk_request rq[3];
	unsigned int ended = 0, i;
	u64 t0;

	/* 16 KiB through blk_rw: two 8 KiB pieces, completed from work */
	for (i = 0; i < 16384; i++)
		buf[i] = (u8)(i * 7 + 1);
	KTEST_EXPECT_EQ(t, blk_rw(bd, BLK_OP_WRITE, 8, buf, 16384, 1000), 0);
	KTEST_EXPECT_EQ(t, bd->stats.writes, 2);
	KTEST_EXPECT(t, !memcmp(r->data + 4096, buf, 16384));
	memset(buf, 0, 16384);
	KTEST_EXPECT_EQ(t, blk_rw(bd, BLK_OP_READ, 8, buf, 16384, 1000), 0);
	KTEST_EXPECT(t, !memcmp(r->data + 4096, buf, 16384));
	KTEST_EXPECT_EQ(t, r->completed_in_work, 4);

	/* 4096-byte blocks: 512-byte boundaries and lengths refused */
	expect_submit(t, bd, BLK_OP_READ, 1, buf, 4096, -EINVAL,
		      "read at sector 1 of a 4096-byte-block device");
	expect_submit(t, bd, BLK_OP_READ, 0, buf, 512, -EINVAL,
		      "512 bytes of a 4096-byte-block device");
	expect_submit(t, bd, BLK_OP_READ, 120, buf, 8192, -EINVAL,
		      "read across the end");
	expect_submit(t, bd, BLK_OP_READ, 0, buf, 12288, -EINVAL,
		      "read above max_bytes");
	expect_submit(t, bd, BLK_OP_FLUSH, 0, NULL, 0, -EINVAL,
		      "flush not offered");

	/* queue depth 2: a third request is refused until one ends */
	memset(rq, 0, sizeof(rq));
	for (i = 0; i < 3; i++) {
		rq[i].bdev = bd;
		rq[i].op = BLK_OP_READ;
		rq[i].sector = 8 * i;
		rq[i].buf = buf + 4096 * i;
		rq[i].nr_bytes = 4096;
		rq[i].end_io = count_end_io;
		rq[i].private = &ended;
	}
	KTEST_EXPECT_EQ(t, blk_submit(&rq[0]), 0);
	KTEST_EXPECT_EQ(t, blk_submit(&rq[1]), 0);
	KTEST_EXPECT_EQ(t, bd->in_flight, 2);
	KTEST_EXPECT_EQ(t, blk_submit(&rq[2]), -EBUSY);
	KTEST_EXPECT(t, wait_cond_timeout(all_ended, &ended, 1000));
	KTEST_EXPECT(t, rq[0].done && rq[1].done && !rq[0].error);
	KTEST_EXPECT_EQ(t, bd->in_flight, 0);

	/* read-only: writes and discards refused, reads still fine */
	bd->read_only = true;
	expect_submit(t, bd, BLK_OP_WRITE, 0, buf, 4096, -EROFS,
		      "write to a read-only device");
	expect_submit(t, bd, BLK_OP_DISCARD, 0, NULL, 4096, -EROFS,
		      "discard to a read-only device");
	KTEST_EXPECT_EQ(t, blk_rw(bd, BLK_OP_READ, 0, buf, 4096, 1000), 0);
	bd->read_only = false;

	/* blk_rw gives up; the late completion frees its request */
	r->hold = true;
	t0 = ktime_ns();
	KTEST_EXPECT_EQ(t, blk_rw(bd, BLK_OP_READ, 0, buf, 4096, 30),
			-ETIMEDOUT);
	KTEST_EXPECT(t, ktime_ns() - t0 >= 30 * NSEC_PER_MSEC);
	KTEST_EXPECT_EQ(t, bd->in_flight, 1);
	KTEST_EXPECT_EQ(t, r->nr_pending, 1);
	r->hold = false;
	ram_work(&r->work);		/* frees it (sync_end_io) */
	KTEST_EXPECT_EQ(t, bd->in_flight, 0);
	KTEST_EXPECT_EQ(t, blk_rw(bd, BLK_OP_READ, 0, buf, 4096, 1000), 0);
}

static void layer_rules_on_a_ram_device(struct ktest *t)
{
	struct ramdev *r = kzalloc(sizeof(*r));
	u8 *buf = get_buf(t);
	unsigned int n = blk_count();
	struct block_device bad;

	if (!r || !buf)
		goto out;
	r->data = alloc_pages(RAM_BYTES / PAGE_SIZE, GFP_ZERO);
	if (!r->data)
		goto out;
	init_work(&r->work, ram_work, r);
	strlcpy(r->bd.name, "blktest0", sizeof(r->bd.name));
	r->bd.nr_sectors = RAM_BYTES >> SECTOR_SHIFT;
	r->bd.logical_block_size = 4096;
	r->bd.max_bytes = 8192;
	r->bd.queue_depth = 2;
	r->bd.ops = &ram_ops;
	r->bd.driver_data = r;

	bad = r->bd;
	bad.logical_block_size = 1024;
	KTEST_EXPECT_EQ(t, blk_register(&bad), -EINVAL);
	bad.logical_block_size = 4096;
	bad.nr_sectors = 7;		/* not whole blocks */
	KTEST_EXPECT_EQ(t, blk_register(&bad), -EINVAL);
	bad.nr_sectors = r->bd.nr_sectors;
	bad.max_bytes = 512;
	KTEST_EXPECT_EQ(t, blk_register(&bad), -EINVAL);

	if (blk_register(&r->bd)) {
		ktest_fail(t, __FILE__, __LINE__, "blktest0 not registered");
		goto out;
	}
	KTEST_EXPECT_EQ(t, blk_count(), n + 1);
	KTEST_EXPECT(t, blk_get(n) == &r->bd);
	KTEST_EXPECT(t, blk_find("blktest0") == &r->bd);
	bad = r->bd;			/* same name, another device */
	KTEST_EXPECT_EQ(t, blk_register(&bad), -EEXIST);

	ram_rules(t, r, buf);

	blk_unregister(&r->bd);
	KTEST_EXPECT_EQ(t, blk_count(), n);
	KTEST_EXPECT(t, !blk_find("blktest0"));
	expect_submit(t, &r->bd, BLK_OP_READ, 0, buf, 4096, -ENODEV,
		      "read after unplug");
	KTEST_EXPECT_EQ(t, blk_rw(&r->bd, BLK_OP_READ, 0, buf, 4096, 100),
			-ENODEV);
out:
	if (r && blk_find("blktest0") == &r->bd)
		blk_unregister(&r->bd);
	if (r && r->data)
		free_pages(r->data, RAM_BYTES / PAGE_SIZE);
	kfree(r);
	if (buf)
		free_pages(buf, BUF_PAGES);
}

static const struct ktest_case block_cases[] = {
	KTEST_CASE(registry),
	KTEST_CASE(read_first_and_last_mib),
	KTEST_CASE(read_spread_across_capacity),
	KTEST_CASE(write_reserved_region),
	KTEST_CASE(bad_requests_refused),
	KTEST_CASE(flush_when_offered),
	KTEST_CASE(layer_rules_on_a_ram_device),
};

static const struct ktest_suite block_suite = {
	.name = "block",
	.cases = block_cases,
	.ncases = ARRAY_SIZE(block_cases),
	.init = block_suite_init,
};
KTEST_SUITE(block_suite);
