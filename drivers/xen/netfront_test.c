// SPDX-License-Identifier: GPL-2.0
/*
 * netfront against Linux's netback. The independent views are xenstore
 * (the MAC and MTU the toolstack wrote, the ring nodes as the backend
 * reads them, both sides' states), the grant table (the rings are
 * granted), and the backend itself: a frame sent is answered OKAY.
 * Skipped only when the domain has no vif.
 */
#include <tern/kernel.h>
#include <tern/ktest.h>
#include <tern/net.h>
#include <tern/netdev.h>
#include <tern/printk.h>
#include <tern/string.h>
#include <tern/timer.h>
#include <tern/workqueue.h>
#include <tern/xen/grant_table.h>
#include <tern/xen/netfront.h>
#include <tern/xen/netif_rsp.h>
#include <tern/xen/xenbus.h>

#define CONNECT_WAIT_MS	30000
#define TX_WAIT_MS	5000

static unsigned int vif_count(void)
{
	struct xenbus_device *dev;
	unsigned int n = 0;

	for (dev = xenbus_first_device(); dev; dev = dev->next)
		n += !strcmp(dev->type, "vif");
	return n;
}

static int netfront_suite_init(const char **reason)
{
	if (!vif_count()) {
		*reason = "no vifs";
		return -ENODEV;
	}
	return 0;
}

static bool node_uint(const char *dir, const char *node, u64 *v)
{
	char path[XENBUS_PATH + 32];

	xenbus_node(path, sizeof(path), dir, node);
	return !xs_read_uint(XS_TX_NONE, path, ~0ULL, v);
}

static bool up(void *arg)
{
	struct netfront_stats st;

	return !netfront_get_stats(arg, &st) && st.carrier;
}

static void connected_on_both_sides(struct ktest *t)
{
	struct xenbus_device *dev;
	char path[XENBUS_PATH + 16];

	for (dev = xenbus_first_device(); dev; dev = dev->next) {
		struct net_device *nd;

		if (strcmp(dev->type, "vif"))
			continue;
		/* netback goes Connected after its hotplug script ran */
		KTEST_EXPECT(t, wait_cond_timeout(up, dev, CONNECT_WAIT_MS));
		xenbus_node(path, sizeof(path), dev->nodename, "state");
		KTEST_EXPECT_EQ(t, xenbus_read_state(path),
				XenbusStateConnected);
		KTEST_EXPECT_EQ(t, xenbus_read_state(dev->otherend_state_path),
				XenbusStateConnected);
		nd = netfront_netdev(dev);
		KTEST_ASSERT(t, nd != NULL);
		KTEST_EXPECT(t, netdev_find(nd->name) == nd);
		ktest_log(t, "%s: %s, backend %s", dev->nodename, nd->name,
			  dev->otherend);
	}
}

static void mac_and_mtu_are_the_toolstacks(struct ktest *t)
{
	struct xenbus_device *dev;
	char path[XENBUS_PATH + 16], buf[32];

	for (dev = xenbus_first_device(); dev; dev = dev->next) {
		struct netfront_stats st;
		struct net_device *nd = netfront_netdev(dev);
		u8 mac[ETH_ALEN];
		u64 mtu_node;
		bool given;
		u32 mtu;
		int len;

		if (strcmp(dev->type, "vif") || !nd)
			continue;
		KTEST_ASSERT(t, !netfront_get_stats(dev, &st));
		xenbus_node(path, sizeof(path), dev->nodename, "mac");
		len = xs_read(XS_TX_NONE, path, buf, sizeof(buf));
		KTEST_ASSERT(t, len > 0);
		KTEST_EXPECT(t, !netif_parse_mac(buf, len, mac));
		KTEST_EXPECT(t, !memcmp(mac, nd->mac, ETH_ALEN));
		given = node_uint(dev->nodename, "mtu", &mtu_node);
		KTEST_EXPECT(t, !netif_mtu(given, mtu_node, st.backend_sg,
					   &mtu));
		KTEST_EXPECT_EQ(t, nd->mtu, mtu);
		ktest_log(t, "%s: mac %.17s mtu %u%s", nd->name, buf, nd->mtu,
			  given ? "" : " (default)");
	}
}

static void ring_nodes_written(struct ktest *t)
{
	static const char *const ones[] = {
		"request-rx-copy", "feature-rx-notify", "feature-sg",
	};
	struct xenbus_device *dev;

	for (dev = xenbus_first_device(); dev; dev = dev->next) {
		struct netfront_stats st;
		unsigned int i;
		u64 v;

		if (strcmp(dev->type, "vif") || !netfront_netdev(dev))
			continue;
		KTEST_ASSERT(t, !netfront_get_stats(dev, &st));
		KTEST_EXPECT(t, st.ring_up);
		KTEST_EXPECT(t, node_uint(dev->nodename, "tx-ring-ref", &v) &&
			     v == st.tx_ring_ref);
		KTEST_EXPECT(t, node_uint(dev->nodename, "rx-ring-ref", &v) &&
			     v == st.rx_ring_ref);
		KTEST_EXPECT(t, node_uint(dev->nodename, "event-channel", &v) &&
			     v == st.evtchn);
		for (i = 0; i < ARRAY_SIZE(ones); i++)
			KTEST_EXPECT(t, node_uint(dev->nodename, ones[i], &v) &&
				     v == 1);
		KTEST_EXPECT(t, !node_uint(dev->nodename, "feature-gso-tcpv4",
					   &v) || v == 0);
		/* granted, and (netback maps them) in use by the backend */
		KTEST_EXPECT(t, gnttab_entry_flags((__force gref_t)st.tx_ring_ref) &
				GTF_permit_access);
		KTEST_EXPECT(t, gnttab_entry_flags((__force gref_t)st.rx_ring_ref) &
				GTF_permit_access);
		ktest_log(t, "%s: tx-ring-ref %u rx-ring-ref %u event-channel %u, rings %u/%u",
			  dev->nodename, st.tx_ring_ref, st.rx_ring_ref,
			  st.evtchn, st.tx_ents, st.rx_ents);
	}
}

static void counters_sane(struct ktest *t)
{
	struct xenbus_device *dev;

	run_pending_work();
	for (dev = xenbus_first_device(); dev; dev = dev->next) {
		struct net_device *nd = netfront_netdev(dev);
		struct netfront_stats st;

		if (strcmp(dev->type, "vif") || !nd)
			continue;
		KTEST_ASSERT(t, !netfront_get_stats(dev, &st));
		KTEST_EXPECT(t, !st.broken);
		KTEST_EXPECT_EQ(t, st.bad_responses, 0);
		KTEST_EXPECT_EQ(t, nd->stats.rx_errors, 0);
		KTEST_EXPECT_EQ(t, st.leaked_pages, 0);
		KTEST_EXPECT_EQ(t, st.tx_ents, 256);
		KTEST_EXPECT_EQ(t, st.rx_ents, 256);
		/* every rx buffer is the backend's between packets */
		KTEST_EXPECT_EQ(t, st.rx_posted, st.rx_ents);
		/* each slot in flight holds one tx id */
		KTEST_EXPECT_EQ(t, st.tx_free_ids + st.tx_in_flight, st.tx_ents);
		KTEST_EXPECT(t, st.rx_slots >= nd->stats.rx_packets);
		KTEST_EXPECT(t, st.tx_slots >= nd->stats.tx_packets);
		KTEST_EXPECT(t, st.tx_responses <= st.tx_slots);
		KTEST_EXPECT(t, nd->stats.rx_bytes >=
				nd->stats.rx_packets * ETH_HLEN);
		ktest_log(t, "%s: rx %llu pkts %llu bytes, tx %llu pkts %llu bytes, %llu interrupts, %llu notifies",
			  nd->name, nd->stats.rx_packets, nd->stats.rx_bytes,
			  nd->stats.tx_packets, nd->stats.tx_bytes,
			  st.interrupts, st.notifies);
	}
}

struct tx_wait {
	struct xenbus_device *dev;
	u64 responses;
};

static bool answered(void *arg)
{
	struct tx_wait *w = arg;
	struct netfront_stats st;

	return !netfront_get_stats(w->dev, &st) && !st.tx_in_flight &&
	       st.tx_responses >= w->responses;
}

/* A broadcast of a local experimental EtherType: netback answers OKAY. */
static void xmit_answered(struct ktest *t)
{
	struct xenbus_device *dev;
	u8 frame[60];

	for (dev = xenbus_first_device(); dev; dev = dev->next) {
		struct net_device *nd = netfront_netdev(dev);
		struct netfront_stats st;
		struct tx_wait w = { .dev = dev };
		u64 errors, packets;

		if (strcmp(dev->type, "vif") || !nd || !nd->carrier)
			continue;
		memset(frame, 0, sizeof(frame));
		memset(frame, 0xff, ETH_ALEN);
		memcpy(frame + ETH_ALEN, nd->mac, ETH_ALEN);
		frame[12] = 0x88;
		frame[13] = 0xb5;
		memcpy(frame + ETH_HLEN, "tern netfront test", 18);
		KTEST_ASSERT(t, !netfront_get_stats(dev, &st));
		errors = nd->stats.tx_errors + nd->stats.tx_dropped;
		packets = nd->stats.tx_packets;
		w.responses = st.tx_responses + 1;
		KTEST_EXPECT_EQ(t, nd->ops->xmit(nd, frame, sizeof(frame)), 0);
		KTEST_EXPECT_EQ(t, nd->stats.tx_packets, packets + 1);
		KTEST_EXPECT(t, wait_cond_timeout(answered, &w, TX_WAIT_MS));
		KTEST_EXPECT_EQ(t, nd->stats.tx_errors + nd->stats.tx_dropped,
				errors);
		/* a runt is refused before it reaches the ring */
		KTEST_EXPECT(t, nd->ops->xmit(nd, frame, ETH_HLEN - 1) < 0);
	}
}

/*
 * Hot-plug (test_nethotplug=NAME): the first case, so that dom0's checks
 * after `tern-test: net ready` see the re-attached interface.
 */

static bool iface_state(void *arg)
{
	struct net_device *nd = netdev_find(ktest_opt_nethotplug);

	if (!arg)
		return !nd;
	return nd && nd->carrier;
}

static void detach_and_attach(struct ktest *t)
{
	const char *name = ktest_opt_nethotplug;
	u64 start;

	if (!name[0]) {
		ktest_skip(t, "no test_nethotplug= interface");
		return;
	}
	KTEST_ASSERT(t, wait_cond_timeout(iface_state, (void *)1,
					  CONNECT_WAIT_MS));
	start = ktime_ns();
	printk("tern-test: detach %s\n", name);
	KTEST_ASSERT(t, wait_cond_timeout(iface_state, NULL, 90000));
	ktest_log(t, "%s gone after %llu ms", name,
		  (ktime_ns() - start) / NSEC_PER_MSEC);
	start = ktime_ns();
	printk("tern-test: attach %s\n", name);
	KTEST_ASSERT(t, wait_cond_timeout(iface_state, (void *)1, 90000));
	ktest_log(t, "%s back, carrier up, after %llu ms", name,
		  (ktime_ns() - start) / NSEC_PER_MSEC);
}

/*
 * Backend restart (test_netrestart=NAME): the test bed unbinds netback
 * from the vif and binds it again; the new instance finds our ring
 * details and maps the same rings. We keep rings, buffers and the
 * interface: the gateway answers again on the far side.
 */
struct netrestart_wait {
	struct xenbus_device *dev;
	u64 changes;
};

static bool net_backend_back(void *arg)
{
	struct netrestart_wait *w = arg;
	struct netfront_stats st;

	return !netfront_get_stats(w->dev, &st) &&
	       st.backend_changes >= w->changes + 2 && st.carrier;
}

static struct xenbus_device *vif_of(struct net_device *nd)
{
	struct xenbus_device *dev;

	for (dev = xenbus_first_device(); dev; dev = dev->next)
		if (!strcmp(dev->type, "vif") && netfront_netdev(dev) == nd)
			return dev;
	return NULL;
}

static void backend_restart_reconnects(struct ktest *t)
{
	const char *name = ktest_opt_netrestart;
	struct net_device *nd = netdev_find(name);
	struct netrestart_wait w;
	struct netfront_stats st;
	struct ping_result r;
	u32 addr, mask, gw, i, probes, lost = 0;
	u64 start = ktime_ns();

	if (!name[0]) {
		ktest_skip(t, "no test_netrestart= interface");
		return;
	}
	KTEST_ASSERT(t, nd && net_dev_addr(nd, &addr, &mask, &gw) && gw);
	w.dev = vif_of(nd);
	KTEST_ASSERT(t, w.dev && !netfront_get_stats(w.dev, &st));
	w.changes = st.backend_changes;
	KTEST_EXPECT_EQ(t, net_ping(gw, 1, 56, 1000, &r), 0);
	printk("tern-test: restart %s\n", name);
	KTEST_ASSERT(t, wait_cond_timeout(net_backend_back, &w, 90000));
	ktest_log(t, "%s: backend back after %llu ms", name,
		  (ktime_ns() - start) / NSEC_PER_MSEC);
	/* the new vif joins the bridge right after: allow a few misses */
	for (probes = 0; probes < 50; probes++)
		if (!net_ping(gw, (u16)(100 + probes), 56, 500, &r))
			break;
	KTEST_ASSERT(t, probes < 50);
	for (i = 0; i < 20; i++)
		if (net_ping(gw, (u16)(200 + i), i * 70, 1000, &r) || r.bad)
			lost++;
	KTEST_EXPECT_EQ(t, lost, 0);
	ktest_log(t, "%s: gateway answers again (%u probes before the first), 20 pings, %u lost",
		  name, probes, lost);
}

static bool never(void *arg)
{
	return false;
}

/*
 * The test bed's side (Documentation/xen-testbed.md, "Networking"): once
 * every interface is up we say so; dom0 pings each address 1000 times
 * with every size, sends UDP datagrams of every size to port 7 and
 * checks the echoes, then writes its verdict into data/dom0-net. We keep
 * answering (work runs while we wait) until the verdict is there.
 */
#define DOM0_WAIT_MS	240000

static void dom0_pings_and_echoes(struct ktest *t)
{
	u64 end = ktime_ns() + DOM0_WAIT_MS * NSEC_PER_MSEC;
	char verdict[16];
	int n = -ENOENT;

	if (!ktest_opt_dom0net) {
		ktest_skip(t, "test_dom0net=off: the peer guest checks");
		return;
	}
	printk("tern-test: net ready\n");
	while (ktime_ns() < end) {
		n = xs_read(XS_TX_NONE, "data/dom0-net", verdict,
			    sizeof(verdict));
		if (n > 0)
			break;
		wait_cond_timeout(never, NULL, 200);
	}
	KTEST_ASSERT(t, n > 0);
	ktest_log(t, "dom0's verdict: %s", verdict);
	KTEST_EXPECT(t, !strcmp(verdict, "pass"));
}

static const struct ktest_case netfront_cases[] = {
	KTEST_CASE(detach_and_attach),
	KTEST_CASE(backend_restart_reconnects),
	KTEST_CASE(connected_on_both_sides),
	KTEST_CASE(mac_and_mtu_are_the_toolstacks),
	KTEST_CASE(ring_nodes_written),
	KTEST_CASE(xmit_answered),
	KTEST_CASE(counters_sane),
	KTEST_CASE(dom0_pings_and_echoes),
};

static const struct ktest_suite netfront_suite = {
	.name = "xen_netfront",
	.cases = netfront_cases,
	.ncases = ARRAY_SIZE(netfront_cases),
	.init = netfront_suite_init,
};
KTEST_SUITE(netfront_suite);
