// SPDX-License-Identifier: GPL-2.0
/*
 * blkfront against Linux's blkback. The independent views are the
 * backend's own xenstore nodes (its state, sectors, sector-size, info,
 * features), the test-disk pattern the host wrote into the image (and
 * checks after the run), and, for hot-plug, the toolstack acting on
 * request: the suite prints "tern-test: attach NAME" and "tern-test:
 * detach NAME" and the test bed runs xl block-attach / block-detach.
 */
#include <tern/blkdev.h>
#include <tern/kernel.h>
#include <tern/irq.h>
#include <tern/ktest.h>
#include <tern/mm.h>
#include <tern/printk.h>
#include <tern/smp.h>
#include <tern/string.h>
#include <tern/testdisk.h>
#include <tern/timer.h>
#include <tern/workqueue.h>
#include <tern/xen/blkfront.h>
#include <tern/xen/xenbus.h>
#include <xen/io/blkif.h>
#include <asm/smp.h>

#define HOTPLUG_WAIT_MS	90000

static int vbd_count(void)
{
	struct xenbus_device *dev;
	int n = 0;

	for (dev = xenbus_first_device(); dev; dev = dev->next)
		n += !strcmp(dev->type, "vbd");
	return n;
}

static int blkfront_suite_init(const char **reason)
{
	if (ktest_opt_blk_hostile) {
		*reason = "the disk is the hostile frontend test's";
		return -ENODEV;
	}
	if (!vbd_count()) {
		*reason = "no virtual disks";
		return -ENODEV;
	}
	return 0;
}

static struct block_device *bdev_of(struct xenbus_device *dev)
{
	struct block_device *bd;
	unsigned int i;

	for (i = 0; (bd = blk_get(i)); i++)
		if (bd->ops && bd->ops->describe && dev->priv &&
		    bd->driver_data == dev->priv)
			return bd;
	return NULL;
}

static u64 node_uint(const char *dir, const char *node, u64 dflt)
{
	char path[XENBUS_PATH + 32];
	u64 v;

	xenbus_node(path, sizeof(path), dir, node);
	return xs_read_uint(XS_TX_NONE, path, ~0ULL, &v) ? dflt : v;
}

static void connected_on_both_sides(struct ktest *t)
{
	struct xenbus_device *dev;
	char path[XENBUS_PATH + 16];

	for (dev = xenbus_first_device(); dev; dev = dev->next) {
		if (strcmp(dev->type, "vbd"))
			continue;
		xenbus_node(path, sizeof(path), dev->nodename, "state");
		KTEST_EXPECT_EQ(t, xenbus_read_state(path),
				XenbusStateConnected);
		KTEST_EXPECT_EQ(t, xenbus_read_state(dev->otherend_state_path),
				XenbusStateConnected);
		KTEST_EXPECT(t, bdev_of(dev) != NULL);
	}
}

static void geometry_is_the_backends(struct ktest *t)
{
	struct xenbus_device *dev;
	char proto[32], path[XENBUS_PATH + 16];

	for (dev = xenbus_first_device(); dev; dev = dev->next) {
		struct block_device *bd = bdev_of(dev);
		u64 info;

		if (strcmp(dev->type, "vbd") || !bd)
			continue;
		info = node_uint(dev->otherend, "info", 0);
		KTEST_EXPECT_EQ(t, bd->nr_sectors,
				node_uint(dev->otherend, "sectors", 0));
		KTEST_EXPECT_EQ(t, bd->logical_block_size,
				node_uint(dev->otherend, "sector-size", 512));
		KTEST_EXPECT_EQ(t, bd->read_only, !!(info & VDISK_READONLY));
		xenbus_node(path, sizeof(path), dev->nodename, "protocol");
		KTEST_EXPECT(t, xs_read(XS_TX_NONE, path, proto,
					sizeof(proto)) > 0 &&
			     !strcmp(proto, "x86_64-abi"));
		ktest_log(t, "%s: %llu sectors of 512, logical %u, %s", bd->name,
			  bd->nr_sectors, bd->logical_block_size,
			  bd->read_only ? "ro" : "rw");
	}
}

static void ring_nodes_match_the_offer(struct ktest *t)
{
	struct xenbus_device *dev;

	for (dev = xenbus_first_device(); dev; dev = dev->next) {
		struct block_device *bd = bdev_of(dev);
		struct blkfront_stats st;
		u64 order, max_order;
		char node[16];
		unsigned int i;

		if (strcmp(dev->type, "vbd") || !bd)
			continue;
		KTEST_ASSERT(t, !blkfront_get_stats(bd->name, &st));
		max_order = node_uint(dev->otherend, "max-ring-page-order", 0);
		order = node_uint(dev->nodename, "ring-page-order", 0);
		KTEST_EXPECT(t, order <= max_order);
		KTEST_EXPECT_EQ(t, 1u << order, st.ring_pages);
		if (order) {
			for (i = 0; i < (1u << order); i++) {
				snprintf(node, sizeof(node), "ring-ref%u", i);
				KTEST_EXPECT(t, node_uint(dev->nodename, node,
							  ~0ULL) != ~0ULL);
			}
		} else {
			KTEST_EXPECT(t, node_uint(dev->nodename, "ring-ref",
						  ~0ULL) != ~0ULL);
		}
		KTEST_EXPECT_EQ(t, st.persistent,
				node_uint(dev->otherend, "feature-persistent",
					  0) == 1);
		ktest_log(t, "%s: ring order %llu (backend max %llu), persistent %d, %u segs",
			  bd->name, order, max_order, st.persistent,
			  st.max_segs);
	}
}

/* Read n bytes at sector and check every 512-byte piece's pattern. */
static bool read_and_check(struct ktest *t, struct block_device *bd,
			   u64 sector, u8 *buf, u32 n)
{
	u32 i;
	int err = blk_rw(bd, BLK_OP_READ, sector, buf, n, 10000);

	if (err) {
		ktest_fail(t, __FILE__, __LINE__, "%s: read at %llu: %d",
			   bd->name, sector, err);
		return false;
	}
	for (i = 0; i < n / SECTOR_SIZE; i++) {
		if (testdisk_check(buf + i * SECTOR_SIZE, sector + i) < 0) {
			ktest_fail(t, __FILE__, __LINE__,
				   "%s: sector %llu does not hold its pattern",
				   bd->name, sector + i);
			return false;
		}
	}
	return true;
}

static void grants_are_reused(struct ktest *t)
{
	struct block_device *bd;
	unsigned int i;
	u8 *buf = alloc_pages(4, 0);

	KTEST_ASSERT(t, buf);
	for (i = 0; (bd = blk_get(i)); i++) {
		struct blkfront_stats a, b;
		unsigned int k;

		if (blkfront_get_stats(bd->name, &a))
			continue;
		for (k = 0; k < 16; k++)
			read_and_check(t, bd, k * 8, buf, 4 * PAGE_SIZE);
		blkfront_get_stats(bd->name, &a);
		for (k = 0; k < 64; k++)
			read_and_check(t, bd, k * 8, buf, 4 * PAGE_SIZE);
		blkfront_get_stats(bd->name, &b);
		KTEST_EXPECT_EQ(t, b.grants, a.grants);
		KTEST_EXPECT_EQ(t, b.responses - a.responses, 64);
		ktest_log(t, "%s: 64 reads, %llu notifies, %llu interrupts, %llu new grants",
			  bd->name, b.notifies - a.notifies,
			  b.interrupts - a.interrupts, b.grants - a.grants);
	}
	free_pages(buf, 4);
}

/*
 * The event channel moved to each vCPU in turn (EVTCHNOP_bind_vcpu): the
 * interrupt runs there and queues the response work, which wakes CPU 0
 * (the work runner) to complete the reads.
 */
static void event_channel_on_every_cpu(struct ktest *t)
{
	struct block_device *bd;
	unsigned int i, cpu, n = 0;
	u8 *buf = alloc_pages(4, 0);

	KTEST_ASSERT(t, buf);
	if (num_online_cpus() < 2) {
		ktest_skip(t, "one CPU");
		goto out;
	}
	for (i = 0; (bd = blk_get(i)); i++) {
		struct blkfront_stats st;
		struct irq_desc *d;

		if (blkfront_get_stats(bd->name, &st) || st.irq < 0)
			continue;
		d = irq_to_desc(st.irq);
		for (cpu = 0; cpu < NR_CPUS; cpu++) {
			u64 count, t0, wakes;

			if (!cpu_online(cpu))
				continue;
			KTEST_EXPECT_EQ(t, irq_set_affinity(st.irq, cpu), 0);
			count = d->count;
			wakes = cpu_data[0].ipis[IPI_WAKE];
			t0 = ktime_ns();
			read_and_check(t, bd, 8 * cpu, buf, 4 * PAGE_SIZE);
			ktest_log(t, "%s: a read with the interrupt on CPU %u: %llu us",
				  bd->name, cpu, (ktime_ns() - t0) / 1000);
			KTEST_EXPECT(t, d->count > count);
			KTEST_EXPECT_EQ(t, d->cpu, cpu);
			/* the response work was queued elsewhere: CPU 0 woken */
			if (cpu)
				KTEST_EXPECT(t, cpu_data[0].ipis[IPI_WAKE] > wakes);
		}
		KTEST_EXPECT_EQ(t, irq_set_affinity(st.irq, 0), 0);
		n++;
	}
	ktest_log(t, "%u disks' event channels on %u CPUs", n,
		  num_online_cpus());
	KTEST_EXPECT(t, n > 0);
out:
	free_pages(buf, 4);
}

static void large_requests_go_indirect(struct ktest *t)
{
	struct block_device *bd;
	unsigned int i;

	for (i = 0; (bd = blk_get(i)); i++) {
		struct blkfront_stats a, b;
		u32 n;
		u8 *buf;

		if (blkfront_get_stats(bd->name, &a))
			continue;
		if (!a.indirect) {
			ktest_log(t, "%s: backend offers no indirect segments",
				  bd->name);
			continue;
		}
		n = bd->max_bytes;
		KTEST_EXPECT(t, n > BLKIF_MAX_SEGMENTS_PER_REQUEST * PAGE_SIZE);
		buf = alloc_pages(n / PAGE_SIZE, 0);
		KTEST_ASSERT(t, buf);
		read_and_check(t, bd, 0, buf, n);
		blkfront_get_stats(bd->name, &b);
		KTEST_EXPECT_EQ(t, b.indirect_requests - a.indirect_requests, 1);
		free_pages(buf, n / PAGE_SIZE);
	}
}

static void flush_when_offered(struct ktest *t)
{
	struct block_device *bd;
	unsigned int i;

	for (i = 0; (bd = blk_get(i)); i++) {
		struct blkfront_stats st;

		if (blkfront_get_stats(bd->name, &st))
			continue;
		if (bd->features & BLK_FEAT_FLUSH)
			KTEST_EXPECT_EQ(t, blk_rw(bd, BLK_OP_FLUSH, 0, NULL, 0,
						  10000), 0);
		else
			KTEST_EXPECT_EQ(t, blk_rw(bd, BLK_OP_FLUSH, 0, NULL, 0,
						  10000), -EINVAL);
	}
}

/*
 * Discard when offered: the backend takes it (what it reads back is
 * undefined), then the range is written again in the test-disk's
 * written form, so the image checked after the run is as expected.
 */
static void discard_when_offered(struct ktest *t)
{
	struct block_device *bd;
	unsigned int i, k, done = 0;
	u8 *buf = alloc_pages(16, 0);

	KTEST_ASSERT(t, buf);
	for (i = 0; (bd = blk_get(i)); i++) {
		struct blkfront_stats st;
		u64 w = testdisk_write_region(bd->nr_sectors);
		u32 n = 16 * PAGE_SIZE;

		if (blkfront_get_stats(bd->name, &st) ||
		    !(bd->features & BLK_FEAT_DISCARD))
			continue;
		KTEST_EXPECT_EQ(t, blk_rw(bd, BLK_OP_DISCARD, w, NULL, n,
					  10000), 0);
		for (k = 0; k < n / SECTOR_SIZE; k++)
			testdisk_fill(buf + k * SECTOR_SIZE, w + k, true);
		KTEST_EXPECT_EQ(t, blk_rw(bd, BLK_OP_WRITE, w, buf, n, 10000),
				0);
		memset(buf, 0, n);
		KTEST_EXPECT_EQ(t, blk_rw(bd, BLK_OP_READ, w, buf, n, 10000),
				0);
		for (k = 0; k < n / SECTOR_SIZE; k++)
			KTEST_EXPECT_EQ(t, testdisk_check(buf + k * SECTOR_SIZE,
							  w + k), 1);
		done++;
	}
	free_pages(buf, 16);
	ktest_log(t, "%u disk(s) took a discard", done);
}

static const struct ktest_case blkfront_cases[] = {
	KTEST_CASE(connected_on_both_sides),
	KTEST_CASE(geometry_is_the_backends),
	KTEST_CASE(ring_nodes_match_the_offer),
	KTEST_CASE(grants_are_reused),
	KTEST_CASE(event_channel_on_every_cpu),
	KTEST_CASE(large_requests_go_indirect),
	KTEST_CASE(flush_when_offered),
	KTEST_CASE(discard_when_offered),
};

static const struct ktest_suite blkfront_suite = {
	.name = "xen_blkfront",
	.cases = blkfront_cases,
	.ncases = ARRAY_SIZE(blkfront_cases),
	.init = blkfront_suite_init,
};
KTEST_SUITE(blkfront_suite);

/* ---- hot-plug, when the test bed is told to act ---- */

static int hotplug_init(const char **reason)
{
	if (!ktest_opt_hotplug[0]) {
		*reason = "no test_hotplug= disk";
		return -ENODEV;
	}
	return 0;
}

static unsigned int devices_before;

/* arg non-NULL: the disk is there; NULL: it and its xenbus device left. */
static bool disk_present(void *arg)
{
	struct block_device *bd = blk_find(ktest_opt_hotplug);

	if (arg)
		return bd != NULL;
	return !bd && xenbus_device_count() == devices_before;
}

static void attach_use_detach(struct ktest *t)
{
	struct block_device *bd;
	u64 start = ktime_ns();
	u8 *buf;

	KTEST_ASSERT(t, !blk_find(ktest_opt_hotplug));
	devices_before = xenbus_device_count();
	printk("tern-test: attach %s\n", ktest_opt_hotplug);
	KTEST_ASSERT(t, wait_cond_timeout(disk_present, (void *)1,
					  HOTPLUG_WAIT_MS));
	ktest_log(t, "%s appeared after %llu ms", ktest_opt_hotplug,
		  (ktime_ns() - start) / NSEC_PER_MSEC);
	bd = blk_find(ktest_opt_hotplug);
	buf = alloc_page(0);
	KTEST_ASSERT(t, buf);
	read_and_check(t, bd, 0, buf, PAGE_SIZE);
	read_and_check(t, bd, bd->nr_sectors - 8, buf, PAGE_SIZE);
	free_page(buf);

	start = ktime_ns();
	printk("tern-test: detach %s\n", ktest_opt_hotplug);
	KTEST_ASSERT(t, wait_cond_timeout(disk_present, NULL,
					  HOTPLUG_WAIT_MS));
	ktest_log(t, "%s gone after %llu ms", ktest_opt_hotplug,
		  (ktime_ns() - start) / NSEC_PER_MSEC);
	/* the disks that stayed still work */
	bd = blk_get(0);
	if (bd) {
		buf = alloc_page(0);
		KTEST_ASSERT(t, buf);
		read_and_check(t, bd, 0, buf, PAGE_SIZE);
		free_page(buf);
	}
}

static const struct ktest_case hotplug_cases[] = {
	KTEST_CASE(attach_use_detach),
};

static const struct ktest_suite hotplug_suite = {
	.name = "xen_blkfront_hotplug",
	.cases = hotplug_cases,
	.ncases = ARRAY_SIZE(hotplug_cases),
	.init = hotplug_init,
};
KTEST_SUITE(hotplug_suite);

/* ---- backend restart (test_blkrestart=NAME) ---- */

static int restart_init(const char **reason)
{
	if (!ktest_opt_blkrestart[0]) {
		*reason = "no test_blkrestart= disk";
		return -ENODEV;
	}
	return 0;
}

struct restart_wait {
	const char *name;
	u64 changes;		/* backend state changes seen before */
	const char *state_path;
};

/* The backend left Connected and came back to it. */
static bool backend_back(void *arg)
{
	struct restart_wait *w = arg;
	struct blkfront_stats st;

	return !blkfront_get_stats(w->name, &st) &&
	       st.backend_changes >= w->changes + 2 && st.connected;
}

/*
 * The test bed unbinds blkback from the disk and binds it again: a new
 * backend instance probes the device, goes InitWait, finds our ring
 * details still in xenstore and maps the same ring again (Linux's
 * backend restart). The frontend keeps its ring and its disk; I/O must
 * work on the far side of it.
 */
static void backend_restart_reconnects(struct ktest *t)
{
	const char *name = ktest_opt_blkrestart;
	struct block_device *bd = blk_find(name);
	struct restart_wait w = { .name = name };
	struct blkfront_stats st;
	u64 start = ktime_ns();
	u8 *buf;

	KTEST_ASSERT(t, bd);
	KTEST_ASSERT(t, !blkfront_get_stats(name, &st));
	w.changes = st.backend_changes;
	buf = alloc_page(0);
	KTEST_ASSERT(t, buf);
	read_and_check(t, bd, 0, buf, PAGE_SIZE);
	printk("tern-test: restart %s\n", name);
	KTEST_ASSERT(t, wait_cond_timeout(backend_back, &w, HOTPLUG_WAIT_MS));
	blkfront_get_stats(name, &st);
	ktest_log(t, "%s: backend back after %llu ms, %llu state changes seen",
		  name, (ktime_ns() - start) / NSEC_PER_MSEC,
		  st.backend_changes - w.changes);
	bd = blk_find(name);
	KTEST_ASSERT(t, bd);
	read_and_check(t, bd, 0, buf, PAGE_SIZE);
	read_and_check(t, bd, bd->nr_sectors - 8, buf, PAGE_SIZE);
	free_page(buf);
}

static const struct ktest_case restart_cases[] = {
	KTEST_CASE(backend_restart_reconnects),
};

static const struct ktest_suite restart_suite = {
	.name = "xen_blkfront_restart",
	.cases = restart_cases,
	.ncases = ARRAY_SIZE(restart_cases),
	.init = restart_init,
};
KTEST_SUITE(restart_suite);
