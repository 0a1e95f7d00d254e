// SPDX-License-Identifier: GPL-2.0
/*
 * blkbench: the block benchmark `make bench` runs in a Tern guest, the
 * counterpart of the fio jobs it runs in a Linux guest on the same disk
 * (scripts/bench). `blkbench=NAME` on the command line runs it on that
 * disk after the devices are up and prints one line per job:
 *
 *   blkbench: job=seqread bs=131072 qd=8 ios=N bytes=N us=N MiB/s=X IOPS=Y
 *             hcalls/io=H grants/io=G notifies/io=N irqs/io=I err=E
 *
 * (one line; grants, notifies and irqs are blkfront's counters,
 * blkfront_get_stats(), and appear only for a Xen disk). Jobs: seqread
 * (largest requests the disk takes up to 128 KiB, 8 in flight, 64 MiB),
 * randread-qd1 and randread-qd32 (4 KiB at random 4 KiB-aligned offsets
 * for 2 s each), seqwrite (as seqread, writing). `blkbench=NAME:smoke`
 * runs randread-qd1 for 500 ms only (the benchmark's smoke test). The
 * disk's contents are overwritten: give it a scratch disk, never a test
 * disk.
 *
 * Requests are asynchronous (blk_submit); each completion submits the
 * next, so the queue stays full; the thread waits (bounded) for the job.
 */
#include <tern/blkdev.h>
#include <tern/kernel.h>
#include <tern/mm.h>
#include <tern/printk.h>
#include <tern/string.h>
#include <tern/timer.h>
#include <tern/workqueue.h>
#include <tern/xen/blkfront.h>

#define MAX_QD		32
#define SEQ_BYTES	(64ULL << 20)
#define RAND_NS		(2000 * NSEC_PER_MSEC)
#define SMOKE_NS	(500 * NSEC_PER_MSEC)
#define JOB_TIMEOUT_MS	120000

struct job {
	const char *name;
	struct block_device *bd;
	enum blk_op op;
	bool random;
	u32 bs;
	unsigned int qd;
	u64 next_sector, span_sectors;
	u64 bytes_left;			/* sequential: what remains to issue */
	u64 end_ns;			/* random: stop issuing at */
	u64 rand_ns;			/* random: how long */
	u64 seed;
	unsigned int in_flight;
	u64 ios, bytes;
	int err;
	struct blk_request rq[MAX_QD];
};

static u64 rnd(struct job *j)
{
	j->seed ^= j->seed << 13;
	j->seed ^= j->seed >> 7;
	j->seed ^= j->seed << 17;
	return j->seed;
}

static void job_end_io(struct blk_request *rq, int err);

/* Issue one more request on rq if the job wants one: true if issued. */
static bool issue(struct job *j, struct blk_request *rq)
{
	u64 sector;
	int err;

	if (j->err)
		return false;
	if (j->random) {
		if (ktime_ns() >= j->end_ns)
			return false;
		sector = (rnd(j) % (j->span_sectors / (j->bs / SECTOR_SIZE))) *
			 (j->bs / SECTOR_SIZE);
	} else {
		if (!j->bytes_left)
			return false;
		sector = j->next_sector;
		j->next_sector += j->bs / SECTOR_SIZE;
		if (j->next_sector + j->bs / SECTOR_SIZE > j->span_sectors)
			j->next_sector = 0;
		j->bytes_left -= j->bs;
	}
	rq->bdev = j->bd;
	rq->op = j->op;
	rq->sector = sector;
	rq->nr_bytes = j->bs;
	rq->end_io = job_end_io;
	rq->private = j;
	err = blk_submit(rq);
	if (err) {
		j->err = err;
		return false;
	}
	j->in_flight++;
	return true;
}

static void job_end_io(struct blk_request *rq, int err)
{
	struct job *j = rq->private;

	j->in_flight--;
	if (err && !j->err)
		j->err = err;
	if (!err) {
		j->ios++;
		j->bytes += rq->nr_bytes;
	}
	issue(j, rq);
}

static bool job_done(void *arg)
{
	struct job *j = arg;

	return !j->in_flight;
}

/* x/ios as "N.NN" into buf */
static const char *per_io(char *buf, size_t len, u64 x, u64 ios)
{
	if (!ios)
		ios = 1;
	snprintf(buf, len, "%llu.%02llu", x / ios, x * 100 / ios % 100);
	return buf;
}

static int run_job(struct job *j)
{
	u64 h0 = arch_hypercall_count(), start, us, hc;
	struct blkfront_stats s0, s1;
	bool xen = !blkfront_get_stats(j->bd->name, &s0);
	char hbuf[24], gbuf[24], nbuf[24], ibuf[24], xbuf[80];
	unsigned int i;

	j->seed = 0x9e3779b97f4a7c15ULL;
	j->ios = j->bytes = 0;
	j->err = 0;
	j->in_flight = 0;
	j->next_sector = 0;
	j->bytes_left = j->random ? 0 : SEQ_BYTES;
	start = ktime_ns();
	j->end_ns = start + j->rand_ns;
	for (i = 0; i < j->qd; i++)
		if (!issue(j, &j->rq[i]))
			break;
	if (!wait_cond_timeout(job_done, j, JOB_TIMEOUT_MS)) {
		pr_err("blkbench: job %s did not finish (%u in flight)\n",
		       j->name, j->in_flight);
		return -ETIMEDOUT;
	}
	us = (ktime_ns() - start) / NSEC_PER_USEC;
	hc = arch_hypercall_count() - h0;
	if (!us)
		us = 1;
	xbuf[0] = 0;
	if (xen && !blkfront_get_stats(j->bd->name, &s1))
		snprintf(xbuf, sizeof(xbuf), " grants/io=%s notifies/io=%s irqs/io=%s",
			 per_io(gbuf, sizeof(gbuf), s1.grants - s0.grants, j->ios),
			 per_io(nbuf, sizeof(nbuf), s1.notifies - s0.notifies,
				j->ios),
			 per_io(ibuf, sizeof(ibuf), s1.interrupts - s0.interrupts,
				j->ios));
	printk("blkbench: job=%s bs=%u qd=%u ios=%llu bytes=%llu us=%llu MiB/s=%llu.%02llu IOPS=%llu hcalls/io=%s%s err=%d\n",
	       j->name, j->bs, j->qd, j->ios, j->bytes, us,
	       j->bytes / us * 1000000 / (1 << 20),
	       (j->bytes * 100 / us * 1000000 / (1 << 20)) % 100,
	       j->ios * 1000000 / us,
	       per_io(hbuf, sizeof(hbuf), hc, j->ios), xbuf, j->err);
	return j->err;
}

/* Run the jobs on the disk called name (blkbench=NAME[:smoke]). */
void blkbench_run(const char *arg)
{
	static const struct { const char *name; enum blk_op op; bool random;
			      u32 bs; unsigned int qd; } jobs[] = {
		{ "seqread", BLK_OP_READ, false, 0, 8 },
		{ "randread-qd1", BLK_OP_READ, true, 4096, 1 },
		{ "randread-qd32", BLK_OP_READ, true, 4096, 32 },
		{ "seqwrite", BLK_OP_WRITE, false, 0, 8 },
	};
	struct block_device *bd;
	struct job *j;
	unsigned int i, k;
	char name[16], *colon;
	bool smoke;
	u32 bs_max;

	strlcpy(name, arg, sizeof(name));
	colon = strchr(name, ':');
	smoke = colon && !strcmp(colon + 1, "smoke");
	if (colon)
		*colon = 0;
	bd = blk_find(name);
	if (!bd) {
		pr_err("blkbench: no block device %s\n", name);
		return;
	}
	j = kzalloc(sizeof(*j));
	bs_max = min(bd->max_bytes, 128u << 10);
	if (!j) {
		pr_err("blkbench: no memory\n");
		return;
	}
	for (k = 0; k < MAX_QD; k++) {
		j->rq[k].buf = alloc_pages(bs_max / PAGE_SIZE, 0);
		if (!j->rq[k].buf) {
			pr_err("blkbench: no memory for buffers\n");
			goto out;
		}
	}
	j->bd = bd;
	j->span_sectors = min(bd->nr_sectors, (u64)(1ULL << 30) / SECTOR_SIZE);
	printk("blkbench: disk %s, %llu MiB, largest request %u bytes, span %llu MiB\n",
	       bd->name, bd->nr_sectors >> 11, bs_max, j->span_sectors >> 11);
	for (i = 0; i < ARRAY_SIZE(jobs); i++) {
		j->name = jobs[i].name;
		j->op = jobs[i].op;
		j->random = jobs[i].random;
		j->bs = jobs[i].bs ? jobs[i].bs : bs_max;
		j->qd = min(jobs[i].qd, bd->queue_depth);
		j->rand_ns = smoke ? SMOKE_NS : RAND_NS;
		if (j->op == BLK_OP_WRITE && bd->read_only)
			continue;
		if (smoke && strcmp(j->name, "randread-qd1"))
			continue;
		run_job(j);
	}
	printk("blkbench: done\n");
out:
	for (k = 0; k < MAX_QD; k++)
		if (j->rq[k].buf)
			free_pages(j->rq[k].buf, bs_max / PAGE_SIZE);
	kfree(j);
}
