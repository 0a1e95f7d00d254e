// SPDX-License-Identifier: GPL-2.0
/*
 * The toolstack against the real thing: Tern dom0 starts the guests of
 * its boot archive's etc/xen/auto/ and each must pass its own tests (its
 * console verdict, read through the console backend, and Xen's view of
 * the domain); a guest asked to power off through xenstore (what `xl
 * shutdown` does) must go; and 50 create/destroy rounds must leave Xen's
 * free memory, the foreign-mapping window, dom0's event channels and the
 * xenstore tree as they were. The archive also holds etc/xen/idle.cfg: a
 * guest that boots and stays up, for the last two cases.
 */
#include <tern/xen/domctl.h>
#include <tern/blkdev.h>
#include <tern/cpio.h>
#include <tern/kernel.h>
#include <tern/ktest.h>
#include <tern/partdev.h>
#include <tern/printk.h>
#include <tern/mm.h>
#include <tern/string.h>
#include <tern/testdisk.h>
#include <tern/timer.h>
#include <tern/workqueue.h>
#include <tern/xen/blkback.h>
#include <tern/xen/netback.h>
#include <tern/xen/toolstack.h>
#include <tern/xen/xsd.h>
#include <asm/xen/foreign.h>
#include <asm/xen/hypercall.h>
#include <xen/event_channel.h>
#include <xen/sched.h>

#define IDLE_CFG	"etc/xen/idle.cfg"
#define VERDICT_MS	(240 * 1000)
#define GONE_MS		(60 * 1000)
#define CHURN		50
#define CHECK_SECTORS	128	/* 64 KiB per read */

static int store_read(const char *path, void *buf, size_t size, size_t *len)
{
	unsigned long flags = toolstack_store_lock();
	int rc = xsd_read(toolstack_store(), path, buf, size, len);

	toolstack_store_unlock(flags);
	return rc;
}

static void store_stats(struct xsd_stats *st)
{
	unsigned long flags = toolstack_store_lock();

	xsd_stats(toolstack_store(), -1, st);
	toolstack_store_unlock(flags);
}

static int toolstack_suite_init(const char **reason)
{
	if (!toolstack_ready) {
		*reason = "not a dom0 with the toolstack";
		return -ENODEV;
	}
	if (!toolstack_have_archive()) {
		*reason = "no guest archive (cpio) among the boot modules";
		return -ENOENT;
	}
	return 0;
}

static unsigned int nr_guests(void)
{
	unsigned int i, n = 0;

	for (i = 0; i < guests_max(); i++)
		n += guest_by_index(i) != NULL;
	return n;
}

static bool all_decided(void *arg)
{
	unsigned int i;

	for (i = 0; i < guests_max(); i++) {
		struct guest *g = guest_by_index(i);

		if (g && !g->verdict)
			return false;
	}
	return true;
}

static bool idle_gone(void *arg)
{
	return !guest_find(arg);
}

/* Gone, or powered off and preserved (a guest with disks). */
static bool gone_or_off(void *arg)
{
	struct guest *g = guest_find(arg);

	return !g || (g->preserved && g->shutdown_reason == SHUTDOWN_poweroff);
}

/*
 * Read a disk the guest had, in dom0, after the guest is down: what the
 * guest wrote through its blkfront and our blkback must be there, and
 * nothing else may have changed. Tern guests ran the block suite, which
 * rewrites the last MiB of a test disk in its "written" form (a
 * read-only disk keeps it original); Linux guests do the same with
 * tern-disk write (selftests/mkguests).
 */

static void check_disk(struct ktest *t, struct guest *g, unsigned int d,
		       u8 *buf)
{
	struct block_device *bd = g->disk_bd[d];
	bool is_linux = !strncmp(g->spec.name, "linux", 5);
	bool hostile = !strncmp(g->spec.name, "hostile", 7);
	u64 w, s, bad = 0, written = 0;

	if (!bd)
		return;
	w = testdisk_write_region(bd->nr_sectors);
	for (s = 0; s < bd->nr_sectors; s += CHECK_SECTORS) {
		u32 k;

		KTEST_ASSERT(t, !blk_rw(bd, BLK_OP_READ, s, buf,
					CHECK_SECTORS * SECTOR_SIZE, 5000));
		for (k = 0; k < CHECK_SECTORS; k++) {
			const u8 *sec = buf + k * SECTOR_SIZE;
			int form = testdisk_check(sec, s + k);

			if (form == 1)
				written++;
			if (s + k < w || hostile || g->spec.disk[d].ro)
				bad += form != 0;
			else
				bad += form != 1;
		}
	}
	ktest_log(t, "%s: %s (%s%s): %llu sectors, %llu written by the guest, %llu wrong",
		  g->spec.name, g->spec.disk[d].vdev, bd->name,
		  g->spec.disk[d].ro ? ", read-only" : "",
		  (unsigned long long)bd->nr_sectors,
		  (unsigned long long)written, (unsigned long long)bad);
	KTEST_EXPECT_EQ(t, bad, 0);
	if (!is_linux && !hostile) {
		/* Tern's blkfront takes the multi-page ring offered */
		struct blkback_stats st;

		blkback_get_stats(g->disk_be[d], &st);
		KTEST_EXPECT_EQ(t, st.ring_pages, 4);
	}
	if (bd->features & BLK_FEAT_BUS_SEGS) {
		/* a device that takes the guest's pages directly did */
		struct blkback_stats st;

		blkback_get_stats(g->disk_be[d], &st);
		ktest_log(t, "%s: %s: %llu requests straight to or from the guest's pages (%llu KiB), %llu through the bounce buffer (%llu KiB)",
			  g->spec.name, g->spec.disk[d].vdev,
			  (unsigned long long)st.direct_requests,
			  (unsigned long long)(st.direct_bytes >> 10),
			  (unsigned long long)st.bounced_requests,
			  (unsigned long long)(st.bounced_bytes >> 10));
		KTEST_EXPECT(t, st.direct_requests > 0);
	}
	if (hostile) {
		/* its bad requests were answered, its bad ring cut it off */
		struct blkback_stats st;

		blkback_get_stats(g->disk_be[d], &st);
		ktest_log(t, "%s: %s: %llu requests, %llu refused, %s",
			  g->spec.name, g->spec.disk[d].vdev,
			  (unsigned long long)st.requests,
			  (unsigned long long)st.errors,
			  st.broken ? "cut off" : "never cut off");
		KTEST_EXPECT(t, st.broken);
		KTEST_EXPECT(t, st.errors >= 12);
		KTEST_EXPECT_EQ(t, written, 0);
	} else if (g->spec.disk[d].ro)
		KTEST_EXPECT_EQ(t, written, 0);
	else
		KTEST_EXPECT_EQ(t, written, bd->nr_sectors - w);
}

static void check_disks(struct ktest *t, struct guest *g)
{
	u8 *buf;
	unsigned int d;

	if (!g->spec.nr_disks)
		return;
	buf = alloc_pages(CHECK_SECTORS * SECTOR_SIZE / PAGE_SIZE, 0);
	KTEST_ASSERT(t, buf);
	for (d = 0; d < g->spec.nr_disks; d++)
		check_disk(t, g, d, buf);
	free_pages(buf, CHECK_SECTORS * SECTOR_SIZE / PAGE_SIZE);
}

/*
 * dom0's own account of a guest's NICs: each connected, carried the
 * guest's side of net_peer (100 pings and an echo of every UDP size,
 * 0..1472, both ways: well over 1000 packets each way) and refused
 * nothing.
 */
static void check_vifs(struct ktest *t, struct guest *g)
{
	unsigned int v;

	for (v = 0; v < g->spec.nr_vifs; v++) {
		struct netback_stats st;

		KTEST_ASSERT(t, g->vif_be[v] != NULL);
		netback_get_stats(g->vif_be[v], &st);
		ktest_log(t, "%s: vif %u: tx %llu packets (%llu errors), rx %llu packets (%llu dropped, %llu errors); longest waits: for an rx buffer %llu us, event to work %llu us",
			  g->spec.name, g->spec.vif[v].devid,
			  (unsigned long long)st.tx_packets,
			  (unsigned long long)st.tx_errors,
			  (unsigned long long)st.rx_packets,
			  (unsigned long long)st.rx_dropped,
			  (unsigned long long)st.rx_errors,
			  (unsigned long long)st.rx_wait_max_us,
			  (unsigned long long)st.irq_to_work_max_us);
		KTEST_EXPECT(t, st.connects >= 1);
		KTEST_EXPECT(t, !st.broken);
		KTEST_EXPECT(t, st.tx_packets >= 1000);
		KTEST_EXPECT(t, st.rx_packets >= 1000);
		KTEST_EXPECT_EQ(t, st.tx_errors, 0);
		KTEST_EXPECT_EQ(t, st.rx_errors, 0);
	}
}

static void autostart_guests_pass(struct ktest *t)
{
	char names[8][GUEST_NAME_MAX];
	unsigned int vcpus[8];
	unsigned int i, n = 0;

	toolstack_autostart();
	for (i = 0; i < guests_max() && n < 8; i++) {
		struct xen_domctl_getdomaininfo info;
		struct guest *g = guest_by_index(i);

		if (!g)
			continue;
		vcpus[n] = g->spec.vcpus;
		strlcpy(names[n++], g->spec.name, GUEST_NAME_MAX);
		/* Xen's view of what we built */
		KTEST_EXPECT_EQ(t, xen_domain_info(g->domid, &info), 0);
		KTEST_EXPECT_EQ(t, info.max_vcpu_id + 1, g->spec.vcpus);
		KTEST_EXPECT(t, !!(info.flags & XEN_DOMINF_hvm_guest) ==
				(g->spec.type == GUEST_PVH));
		KTEST_EXPECT(t, info.tot_pages >= g->nr_pages);
		ktest_log(t, "%s: domain %u, %lu pages, built in %lu us with %lu hypercalls",
			  g->spec.name, g->domid, (unsigned long)info.tot_pages,
			  (unsigned long)(g->build_ns / 1000),
			  (unsigned long)g->build_hypercalls);
	}
	KTEST_ASSERT(t, n > 0);
	KTEST_EXPECT(t, wait_cond_timeout(all_decided, NULL, VERDICT_MS));
	for (i = 0; i < n; i++) {
		struct guest *g = guest_find(names[i]);
		int v = g ? g->verdict : toolstack_past_verdict(names[i]);

		if (v != 1)
			ktest_log(t, "%s: verdict %d", names[i], v);
		KTEST_EXPECT_EQ(t, v, 1);
		/* a guest named hostile* must have run its hostile suite */
		if (!strncmp(names[i], "hostile", 7))
			KTEST_EXPECT(t, g ? g->hostile_done :
				     toolstack_past_hostile(names[i]));
	}
	/*
	 * Tern guests power off by themselves after their verdict; the
	 * others (Linux) are asked as `xl shutdown` asks, through
	 * control/shutdown, and must power off by themselves. A guest with
	 * a disk is preserved when it powers off (its config says so), so
	 * that its disk can be read here before it is destroyed.
	 */
	for (i = 0; i < n; i++) {
		struct guest *g = guest_find(names[i]);

		if (!g)
			continue;
		if (!g->shutdowns) {
			ktest_log(t, "%s: asking it to power off", names[i]);
			KTEST_EXPECT_EQ(t, guest_request_shutdown(g, "poweroff"),
					0);
		}
		KTEST_EXPECT(t, wait_cond_timeout(gone_or_off, names[i],
						  GONE_MS));
		g = guest_find(names[i]);
		if (g) {
			check_disks(t, g);
			check_vifs(t, g);
			guest_destroy(g);
		}
	}
	/*
	 * Every vCPU ran (Xen's account, taken as each guest went): a PVH
	 * guest's others are found through the MADT of its ACPI tables.
	 */
	for (i = 0; i < n; i++) {
		int ran = toolstack_past_vcpus_ran(names[i]);

		ktest_log(t, "%s: %d of %u vCPUs ran", names[i], ran, vcpus[i]);
		KTEST_EXPECT_EQ(t, ran, (int)vcpus[i]);
	}
}


static bool idle_up(void *arg)
{
	struct guest *g = guest_find(arg);
	char path[64], v[4];
	size_t len = 0;

	/* up: the guest wrote control/feature-poweroff (its xenbus works) */
	if (!g)
		return false;
	snprintf(path, sizeof(path), "/local/domain/%u/control/feature-poweroff",
		 g->domid);
	return !store_read(path, v, sizeof(v), &len) &&
	       len == 1 && v[0] == '1';
}

static void shutdown_through_xenstore(struct ktest *t)
{
	static char name[GUEST_NAME_MAX];
	struct guest *g;
	char path[48];
	size_t len;
	int err;
	domid_t dom;

	g = guest_create_from_config(IDLE_CFG, &err);
	KTEST_ASSERT(t, g != NULL);
	strlcpy(name, g->spec.name, sizeof(name));
	dom = g->domid;
	KTEST_ASSERT(t, wait_cond_timeout(idle_up, name, VERDICT_MS));
	KTEST_EXPECT_EQ(t, guest_request_shutdown(guest_find(name), "poweroff"),
			0);
	KTEST_EXPECT(t, wait_cond_timeout(idle_gone, name, GONE_MS));
	/* Xen no longer has it, nor our xenstore */
	snprintf(path, sizeof(path), "/local/domain/%u", dom);
	KTEST_EXPECT_EQ(t, store_read(path, NULL, 0, &len),
			-ENOENT);
	if (guest_find(name))
		guest_destroy(guest_find(name));
}

/*
 * A guest that breaks the wire protocol (a header whose length is beyond
 * XENSTORE_PAYLOAD_MAX, written into its request ring) loses its ring;
 * the store and everyone else go on, and destroying it leaves nothing.
 */
static void broken_ring_cut_off(struct ktest *t)
{
	struct xsd_sockmsg h = { .type = XS_READ, .req_id = 7, .len = 5000 };
	struct xsd_stats s0, s1;
	struct guest *g;
	char v[8];
	size_t len;
	int err;

	store_stats(&s0);
	g = guest_create_from_config(IDLE_CFG, &err);
	KTEST_ASSERT(t, g != NULL);
	KTEST_ASSERT(t, wait_cond_timeout(idle_up, g->spec.name, VERDICT_MS));
	KTEST_EXPECT_EQ(t, toolstack_store_inject(g, &h, sizeof(h)), 0);
	KTEST_EXPECT(t, toolstack_store_broken(g));
	/* the store still answers dom0 */
	KTEST_EXPECT_EQ(t, store_read("/local/domain", v,
				    sizeof(v), &len), 0);
	guest_destroy(g);
	store_stats(&s1);
	KTEST_EXPECT_EQ(t, s1.nodes, s0.nodes);
	KTEST_EXPECT_EQ(t, s1.conns, s0.conns);
}

/* dom0's open event channels, as Xen reports them (EVTCHNOP_status). */
static unsigned int open_ports(void)
{
	unsigned int port, n = 0;

	for (port = 1; port < 4096; port++) {
		struct evtchn_status st = { .dom = DOMID_SELF, .port = port };

		if (HYPERVISOR_event_channel_op(EVTCHNOP_status, &st))
			break;		/* past the last valid port */
		n += st.status != EVTCHNSTAT_closed;
	}
	return n;
}

static bool restarted(void *arg)
{
	struct guest *g = guest_find(arg);

	return g && g->restarts == 1;
}

/*
 * on_reboot = "restart" (xl's default): a guest asked to reboot through
 * control/shutdown comes back as a new domain of the same name.
 */
static void reboot_restarts(struct ktest *t)
{
	struct guest *g;
	domid_t dom;
	int err;

	g = guest_create_from_config(IDLE_CFG, &err);
	KTEST_ASSERT(t, g != NULL);
	dom = g->domid;
	KTEST_ASSERT(t, wait_cond_timeout(idle_up, g->spec.name, VERDICT_MS));
	KTEST_EXPECT_EQ(t, guest_request_shutdown(g, "reboot"), 0);
	KTEST_EXPECT(t, wait_cond_timeout(restarted, "idle", GONE_MS));
	g = guest_find("idle");
	KTEST_ASSERT(t, g != NULL);
	ktest_log(t, "domain %u rebooted as domain %u", dom, g->domid);
	KTEST_EXPECT(t, g->domid != dom);
	KTEST_EXPECT(t, wait_cond_timeout(idle_up, "idle", VERDICT_MS));
	guest_destroy(g);
}

static bool free_back(void *arg)
{
	struct xen_sysctl_physinfo pi;
	u64 *base = arg;

	return !xen_physinfo(&pi) && pi.free_pages >= *base;
}

/* The guest's first disk is connected: its blkback mapped the ring. */
static bool disk_connected(void *arg)
{
	struct guest *g = arg;
	struct blkback_stats st;

	if (!g->disk_be[0])
		return false;
	blkback_get_stats(g->disk_be[0], &st);
	return st.connected;
}

/*
 * Every round builds a guest with a disk (a RAM disk and its blkback);
 * every tenth waits until the guest's blkfront connected, so that the
 * teardown has a mapped ring and a bound event channel to release.
 */
static void churn_returns_to_baseline(struct ktest *t)
{
	struct xen_sysctl_physinfo pi;
	struct xsd_stats s0, s1;
	unsigned int i, fp0, ports0, blk0, ok = 0, connected = 0;
	u64 free0;
	int err;

	KTEST_ASSERT(t, !xen_physinfo(&pi));
	free0 = pi.free_pages;
	fp0 = foreign_pages_in_use();
	ports0 = open_ports();
	blk0 = blk_count();
	store_stats(&s0);
	for (i = 0; i < CHURN; i++) {
		struct guest *g = guest_create_from_config(IDLE_CFG, &err);

		if (!g) {
			ktest_log(t, "round %u: create failed: %d", i, err);
			break;
		}
		if (i % 10 == 9)
			connected += wait_cond_timeout(disk_connected, g,
						       VERDICT_MS);
		guest_destroy(g);
		ok++;
	}
	KTEST_EXPECT_EQ(t, ok, CHURN);
	KTEST_EXPECT_EQ(t, connected, CHURN / 10);
	KTEST_EXPECT_EQ(t, blk_count(), blk0);
	KTEST_EXPECT(t, wait_cond_timeout(free_back, &free0, 10000));
	KTEST_ASSERT(t, !xen_physinfo(&pi));
	ktest_log(t, "%u rounds: free pages %lu -> %lu", ok,
		  (unsigned long)free0, (unsigned long)pi.free_pages);
	KTEST_EXPECT_EQ(t, foreign_pages_in_use(), fp0);
	KTEST_EXPECT_EQ(t, open_ports(), ports0);
	ktest_log(t, "dom0 event channels open: %u before and after", ports0);
	KTEST_EXPECT_EQ(t, nr_guests(), 0);
	store_stats(&s1);
	KTEST_EXPECT_EQ(t, s1.nodes, s0.nodes);
	KTEST_EXPECT_EQ(t, s1.watches, s0.watches);
	KTEST_EXPECT_EQ(t, s1.conns, s0.conns);
}

/*
 * A disk and its partition are never served together (blk_claim()):
 * through the claims blkback takes, on dom0's labelled NVMe disk, once
 * the guests that used it are gone; and through blkback itself.
 */
static void disk_and_partition_exclusive(struct ktest *t)
{
	struct block_device *disk = blk_find("nvme0n1");
	struct block_device *p1 = blk_find("nvme0n1p1");
	struct block_device *p2 = blk_find("nvme0n1p2");
	struct blkback *b = NULL;

	if (!disk || !p1 || !p2) {
		ktest_skip(t, "no labelled NVMe disk");
		return;
	}
	KTEST_ASSERT(t, !disk->holder && !p1->holder && !p2->holder);
	KTEST_EXPECT_EQ(t, blk_claim(p1, "test"), 0);
	KTEST_EXPECT_EQ(t, blk_claim(p1, "test"), -EBUSY);
	KTEST_EXPECT_EQ(t, blk_claim(disk, "test"), -EBUSY);
	KTEST_EXPECT_EQ(t, blk_claim(p2, "test"), 0);	/* a sibling is fine */
	blk_unclaim(p1);
	KTEST_EXPECT_EQ(t, blk_claim(disk, "test"), -EBUSY);
	blk_unclaim(p2);
	KTEST_EXPECT_EQ(t, blk_claim(disk, "test"), 0);
	KTEST_EXPECT_EQ(t, blk_claim(p2, "test"), -EBUSY);
	/* blkback asks the same question: the disk is taken */
	KTEST_EXPECT_EQ(t, blkback_create(0x7ff0, 51712,
					  "/local/domain/0/backend/vbd/test",
					  "/local/domain/test/device/vbd/51712",
					  p2, false, &b), -EBUSY);
	KTEST_EXPECT(t, !p2->holder);
	blk_unclaim(disk);
	KTEST_EXPECT(t, !disk->holder && !p1->holder && !p2->holder);
}

static const struct ktest_case toolstack_cases[] = {
	KTEST_CASE(autostart_guests_pass),
	KTEST_CASE(disk_and_partition_exclusive),
	KTEST_CASE(shutdown_through_xenstore),
	KTEST_CASE(broken_ring_cut_off),
	KTEST_CASE(reboot_restarts),
	KTEST_CASE(churn_returns_to_baseline),
};

static const struct ktest_suite toolstack_suite = {
	.name = "toolstack",
	.cases = toolstack_cases,
	.ncases = ARRAY_SIZE(toolstack_cases),
	.init = toolstack_suite_init,
};
KTEST_SUITE(toolstack_suite);
