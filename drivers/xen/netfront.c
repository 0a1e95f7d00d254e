// SPDX-License-Identifier: GPL-2.0
/*
 * netfront: Xen virtual NICs (io/netif.h) as net_devices.
 *
 * Handshake (xenbus, as Linux's netfront does it): on the backend's
 * InitWait we read mac (and mtu, if given) from our own directory,
 * allocate the tx and rx rings (one page each), grant them, post every rx
 * buffer, allocate one event channel for both rings and write
 * tx-ring-ref, rx-ring-ref, event-channel, request-rx-copy = 1 (netback
 * refuses a frontend that wants page flipping), feature-rx-notify = 1,
 * feature-sg = 1, feature-gso-tcpv4 = 0 and feature-no-csum-offload = 1
 * (we neither take nor send partial checksums) in one transaction, then
 * register the net_device and go Connected at once: netback maps the
 * rings when it sees the frontend Connected, and goes Connected itself
 * only after that and after its hotplug script wrote hotplug-status, so
 * waiting for it first would deadlock. The carrier goes up when the
 * backend is Connected. Closing from the backend (xl network-detach)
 * takes the device out of the stack and answers Closed, as Linux does
 * (netback waits for our Closed before it goes Closed); the rings and
 * buffers are freed once the backend is Closed or the device goes; an
 * InitWait after our Closed is a restarted backend: we connect again.
 *
 * Data. tx: 256 ids, each owning one page, allocated and granted
 * (read-only) on first use and kept: a frame is copied into the pages of
 * up to 16 ids (a frame is at most XEN_NETIF_MAX_TX_SIZE bytes, so never
 * beyond XEN_NETIF_NR_SLOTS_MIN slots), chained with NETTXF_more_data,
 * the first slot's size the whole frame. An id and its page stay the
 * backend's until its response; when ids or ring entries run out the
 * frame is dropped (tx_dropped, -EBUSY). rx: one granted page per ring
 * entry, posted with id = ring index, so the buffer behind any response
 * slot is known; after each packet the consumed buffers are reposted.
 * Packets go to netif_rx() from work context, single-slot ones straight
 * from the rx page (the stack copies what it keeps), chains through a
 * linear buffer.
 *
 * The backend is not trusted: responses are taken by the pure consumers
 * of netif_rsp.c. A bad rx packet is dropped and counted (rx_errors,
 * bad_responses), its buffers reposted; a bad tx response is counted and
 * frees at most the id it names; a producer index beyond what we posted
 * marks the device broken (one message, carrier off). Every loop is
 * bounded by the ring.
 *
 * No mode test here: the frames granted come from gnttab_grant_page(),
 * which asks the memory model.
 */
#include <tern/kernel.h>
#include <tern/mm.h>
#include <tern/netdev.h>
#include <tern/printk.h>
#include <tern/string.h>
#include <tern/workqueue.h>
#include <tern/xen/events.h>
#include <tern/xen/grant_table.h>
#include <tern/xen/netfront.h>
#include <tern/xen/netif_rsp.h>
#include <tern/xen/xenbus.h>
#include <asm/bitops.h>

#define NR_IDS		256	/* tx ids = rx buffers = entries of a ring page */
#define TX_BATCH	32
#define RX_BUDGET	64	/* packets per work run */

struct netfront {
	struct xenbus_device *dev;
	struct net_device ndev;
	struct netif_tx_sring *tx_sring;
	struct netif_rx_sring *rx_sring;
	gref_t tx_ring_ref, rx_ring_ref;
	bool tx_ref_ok, rx_ref_ok;
	unsigned int tx_ents, rx_ents;
	u32 tx_prod_pvt, tx_cons, rx_prod_pvt, rx_cons;
	evtchn_port_t port;
	int irq;
	struct work work;
	bool ring_up, broken, registered, backend_sg, bad_logged;
	/* tx */
	u8 tx_out[NR_IDS];		/* id in flight */
	u8 tx_head[NR_IDS];		/* id is a frame's first slot */
	u16 tx_free[NR_IDS];		/* stack of free ids */
	unsigned int nr_tx_free;
	void *tx_page[NR_IDS];
	gref_t tx_gref[NR_IDS];
	/* rx */
	void *rx_page[NR_IDS];
	gref_t rx_gref[NR_IDS];
	unsigned int nr_rx_bufs;	/* ids 0..nr_rx_bufs-1 allocated */
	u8 *rx_frame;			/* chained packets are assembled here */
	unsigned int rx_frame_pages;
	struct netfront_stats stats;
	struct netfront *next;
};

static struct netfront *netfronts;

static void mark_broken(struct netfront *nf, const char *why)
{
	if (!nf->broken)
		pr_err("netfront %s: backend broke the ring (%s): device stopped\n",
		       nf->dev->nodename, why);
	nf->broken = true;
	nf->ndev.carrier = false;
	nf->stats.bad_responses++;
}

static void bad_response(struct netfront *nf, const char *why,
			 unsigned int n)
{
	if (!nf->bad_logged)
		pr_warn("netfront %s: bad response from the backend (%s): counted\n",
			nf->dev->nodename, why);
	nf->bad_logged = true;
	nf->stats.bad_responses += n;
}

/* PUSH_REQUESTS_AND_CHECK_NOTIFY on either ring. */
static void push_and_notify(struct netfront *nf, u32 *req_prod, u32 *req_event,
			    u32 old, u32 new)
{
	u32 event;

	/* the requests before the index that publishes them */
	wmb();
	WRITE_ONCE(*req_prod, new);
	/* the index out before we read the backend's req_event */
	mb();
	event = READ_ONCE(*req_event);
	if ((u32)(new - event) < (u32)(new - old)) {
		notify_remote_via_evtchn(nf->port);
		nf->stats.notifies++;
	}
}

/* ---- tx ---------------------------------------------------------------- */

static void tx_reclaim(struct netfront *nf)
{
	struct netif_tx_done done[TX_BATCH];
	const char *why = NULL;
	unsigned int nbad, i;
	int n;

	if (!nf->ring_up || nf->broken)
		return;
	for (;;) {
		n = netif_tx_take_responses(nf->tx_sring, nf->tx_ents,
					    &nf->tx_cons, nf->tx_prod_pvt,
					    nf->tx_out, NR_IDS, done,
					    ARRAY_SIZE(done), &nbad, &why);
		if (n < 0) {
			mark_broken(nf, why ? why : "malformed tx ring");
			return;
		}
		if (nbad)
			bad_response(nf, why, nbad);
		for (i = 0; i < (unsigned int)n; i++) {
			u16 id = done[i].id;

			if (nf->tx_head[id]) {
				if (done[i].status == NETIF_RSP_ERROR)
					nf->ndev.stats.tx_errors++;
				else if (done[i].status == NETIF_RSP_DROPPED)
					nf->ndev.stats.tx_dropped++;
			}
			nf->tx_head[id] = 0;
			nf->tx_free[nf->nr_tx_free++] = id;
		}
		nf->stats.tx_responses += n;
		if ((unsigned int)n == ARRAY_SIZE(done) || nbad)
			continue;
		/* RING_FINAL_CHECK_FOR_RESPONSES */
		WRITE_ONCE(nf->tx_sring->rsp_event, nf->tx_cons + 1);
		/* rsp_event out before rsp_prod is read again */
		mb();
		if (READ_ONCE(nf->tx_sring->rsp_prod) == nf->tx_cons)
			break;
	}
}

/* The page of tx id, allocated and granted on first use. */
static int tx_page(struct netfront *nf, u16 id)
{
	void *p;
	int err;

	if (nf->tx_page[id])
		return 0;
	p = alloc_page(GFP_ZERO);
	if (!p)
		return -ENOMEM;
	err = gnttab_grant_page(nf->dev->otherend_id, p, true,
				&nf->tx_gref[id]);
	if (err) {
		free_page(p);
		return err;
	}
	nf->stats.grants++;
	nf->tx_page[id] = p;
	return 0;
}

static int netfront_xmit(struct net_device *ndev, const void *frame, u32 len)
{
	struct netfront *nf = ndev->driver_data;
	u16 ids[NETIF_MAX_SLOTS];
	unsigned int nslots, i;
	u32 old;
	int err;

	if (nf->broken) {
		ndev->stats.tx_errors++;
		return -EIO;
	}
	if (!nf->ring_up || !ndev->carrier) {
		ndev->stats.tx_dropped++;
		return -ENODEV;
	}
	if (len < ETH_HLEN || len > ETH_HLEN + ndev->mtu ||
	    len > XEN_NETIF_MAX_TX_SIZE) {
		ndev->stats.tx_errors++;
		return -EINVAL;
	}
	nslots = DIV_ROUND_UP(len, PAGE_SIZE);
	tx_reclaim(nf);
	if (nf->broken) {
		ndev->stats.tx_errors++;
		return -EIO;
	}
	if (nf->nr_tx_free < nslots ||
	    nf->tx_ents - (nf->tx_prod_pvt - nf->tx_cons) < nslots) {
		ndev->stats.tx_dropped++;
		return -EBUSY;
	}
	for (i = 0; i < nslots; i++) {
		ids[i] = nf->tx_free[nf->nr_tx_free - 1 - i];
		err = tx_page(nf, ids[i]);
		if (err) {
			ndev->stats.tx_dropped++;
			return err;
		}
	}
	nf->nr_tx_free -= nslots;

	old = nf->tx_prod_pvt;
	for (i = 0; i < nslots; i++) {
		struct netif_tx_request *req =
			&nf->tx_sring->ring[(old + i) & (nf->tx_ents - 1)].req;
		u32 off = i * PAGE_SIZE, chunk = min(len - off, (u32)PAGE_SIZE);

		memcpy(nf->tx_page[ids[i]], (const u8 *)frame + off, chunk);
		req->gref = gref_x(nf->tx_gref[ids[i]]);
		req->offset = 0;
		req->flags = i + 1 < nslots ? NETTXF_more_data : 0;
		req->id = ids[i];
		/* the first slot's size is the whole frame */
		req->size = i ? chunk : len;
		nf->tx_out[ids[i]] = 1;
		nf->tx_head[ids[i]] = !i;
	}
	nf->tx_prod_pvt = old + nslots;
	push_and_notify(nf, &nf->tx_sring->req_prod, &nf->tx_sring->req_event,
			old, nf->tx_prod_pvt);
	nf->stats.tx_slots += nslots;
	ndev->stats.tx_packets++;
	ndev->stats.tx_bytes += len;
	return 0;
}

/* ---- rx ---------------------------------------------------------------- */

/* Give the backend every buffer it does not hold (ids = ring indices). */
static void rx_refill(struct netfront *nf)
{
	u32 old = nf->rx_prod_pvt, p = old;

	while (p - nf->rx_cons < nf->rx_ents) {
		unsigned int id = p & (nf->rx_ents - 1);
		struct netif_rx_request *req = &nf->rx_sring->ring[id].req;

		req->id = id;
		req->gref = gref_x(nf->rx_gref[id]);
		p++;
	}
	if (p == old)
		return;
	nf->rx_prod_pvt = p;
	push_and_notify(nf, &nf->rx_sring->req_prod, &nf->rx_sring->req_event,
			old, p);
}

static void rx_deliver(struct netfront *nf, const struct netif_rx_packet *pkt)
{
	struct net_device *ndev = &nf->ndev;
	const void *frame;
	unsigned int i;
	u32 done = 0;

	if (pkt->err) {
		ndev->stats.rx_errors++;
		if (pkt->malformed)
			bad_response(nf, pkt->err, 1);
		return;
	}
	if (!nf->registered) {
		ndev->stats.rx_dropped++;
		return;
	}
	if (pkt->flags & NETRXF_csum_blank)
		nf->stats.rx_csum_blank++;
	if (pkt->nr_frags == 1) {
		frame = (const u8 *)nf->rx_page[pkt->frag[0].id] +
			pkt->frag[0].offset;
	} else {
		if (pkt->len > nf->rx_frame_pages * PAGE_SIZE) {
			ndev->stats.rx_dropped++;
			return;
		}
		for (i = 0; i < pkt->nr_frags; i++) {
			const struct netif_rx_frag *f = &pkt->frag[i];

			memcpy(nf->rx_frame + done,
			       (const u8 *)nf->rx_page[f->id] + f->offset,
			       f->len);
			done += f->len;
		}
		frame = nf->rx_frame;
	}
	ndev->stats.rx_packets++;
	ndev->stats.rx_bytes += pkt->len;
	netif_rx(ndev, frame, pkt->len);
}

static void rx_poll(struct netfront *nf)
{
	struct netif_rx_packet pkt;
	const char *why = NULL;
	unsigned int budget = RX_BUDGET;
	u32 prod;
	int r;

	while (nf->ring_up && !nf->broken) {
		if (!budget--) {
			/* let other work run; come back */
			schedule_work(&nf->work);
			return;
		}
		r = netif_rx_take_packet(nf->rx_sring, nf->rx_ents,
					 &nf->rx_cons, nf->rx_prod_pvt,
					 ETH_HLEN + nf->ndev.mtu, &pkt, &why);
		if (r < 0) {
			mark_broken(nf, why ? why : "malformed rx ring");
			return;
		}
		if (r > 0) {
			nf->stats.rx_slots += pkt.nr_slots;
			rx_deliver(nf, &pkt);
			rx_refill(nf);
			continue;
		}
		/* nothing whole: an event when more arrives, then look again */
		prod = READ_ONCE(nf->rx_sring->rsp_prod);
		WRITE_ONCE(nf->rx_sring->rsp_event, prod + 1);
		/* rsp_event out before rsp_prod is read again */
		mb();
		if (READ_ONCE(nf->rx_sring->rsp_prod) == prod)
			break;
	}
}

static void netfront_work(struct work *w)
{
	struct netfront *nf = w->data;

	tx_reclaim(nf);
	rx_poll(nf);
}

static void netfront_interrupt(unsigned int irq, void *data)
{
	struct netfront *nf = data;

	nf->stats.interrupts++;
	schedule_work(&nf->work);
}

static void netfront_describe(struct net_device *ndev)
{
	struct netfront *nf = ndev->driver_data;

	printk("  netfront: %s backend %s (dom%u), rings %u/%u, rx posted %u, tx in flight %u%s%s\n",
	       nf->dev->nodename, nf->dev->otherend, nf->dev->otherend_id,
	       nf->tx_ents, nf->rx_ents, nf->rx_prod_pvt - nf->rx_cons,
	       nf->tx_prod_pvt - nf->tx_cons,
	       nf->backend_sg ? " sg" : "", nf->broken ? " BROKEN" : "");
	printk("  netfront: tx slots %llu responses %llu, rx slots %llu, bad %llu, notifies %llu interrupts %llu grants %llu\n",
	       nf->stats.tx_slots, nf->stats.tx_responses, nf->stats.rx_slots,
	       nf->stats.bad_responses, nf->stats.notifies,
	       nf->stats.interrupts, nf->stats.grants);
}

static const struct net_device_ops netfront_ops = {
	.xmit = netfront_xmit,
	.describe = netfront_describe,
};

/* ---- setup and teardown ------------------------------------------------ */

/* End a grant and free its page, unless the backend still maps it. */
static void release_page(struct netfront *nf, void *p, gref_t ref)
{
	if (gnttab_end_access(ref)) {
		nf->stats.leaked_pages++;
		pr_warn("netfront %s: backend still maps grant %u: page kept\n",
			nf->dev->nodename, gref_x(ref));
		return;
	}
	free_page(p);
}

static void free_ring(struct netfront *nf)
{
	unsigned int i;

	if (nf->irq >= 0) {
		unbind_from_irqhandler(nf->irq);
		nf->irq = -1;
	}
	cancel_work(&nf->work);
	nf->ring_up = false;
	nf->ndev.carrier = false;
	for (i = 0; i < NR_IDS; i++) {
		if (nf->tx_page[i])
			release_page(nf, nf->tx_page[i], nf->tx_gref[i]);
		nf->tx_page[i] = NULL;
	}
	for (i = 0; i < nf->nr_rx_bufs; i++)
		release_page(nf, nf->rx_page[i], nf->rx_gref[i]);
	nf->nr_rx_bufs = 0;
	if (nf->tx_sring) {
		if (nf->tx_ref_ok)
			release_page(nf, nf->tx_sring, nf->tx_ring_ref);
		else
			free_page(nf->tx_sring);
	}
	if (nf->rx_sring) {
		if (nf->rx_ref_ok)
			release_page(nf, nf->rx_sring, nf->rx_ring_ref);
		else
			free_page(nf->rx_sring);
	}
	nf->tx_sring = NULL;
	nf->rx_sring = NULL;
	nf->tx_ref_ok = nf->rx_ref_ok = false;
	if (nf->rx_frame)
		free_pages(nf->rx_frame, nf->rx_frame_pages);
	nf->rx_frame = NULL;
	nf->rx_frame_pages = 0;
}

static int ring_nodes(xs_tx_t tx, void *arg)
{
	static const char *const features[] = {
		"request-rx-copy", "feature-rx-notify", "feature-sg",
		"feature-no-csum-offload",
	};
	struct netfront *nf = arg;
	struct xenbus_device *dev = nf->dev;
	char path[XENBUS_PATH + 32];
	unsigned int i;
	int err;

	xenbus_node(path, sizeof(path), dev->nodename, "tx-ring-ref");
	err = xs_printf(tx, path, "%u", gref_x(nf->tx_ring_ref));
	if (!err) {
		xenbus_node(path, sizeof(path), dev->nodename, "rx-ring-ref");
		err = xs_printf(tx, path, "%u", gref_x(nf->rx_ring_ref));
	}
	if (!err) {
		xenbus_node(path, sizeof(path), dev->nodename,
			    "event-channel");
		err = xs_printf(tx, path, "%u", nf->port);
	}
	for (i = 0; !err && i < ARRAY_SIZE(features); i++) {
		xenbus_node(path, sizeof(path), dev->nodename, features[i]);
		err = xs_write(tx, path, "1");
	}
	if (!err) {
		xenbus_node(path, sizeof(path), dev->nodename,
			    "feature-gso-tcpv4");
		err = xs_write(tx, path, "0");
	}
	return err;
}

/* mac and mtu from our own directory: 0 or -errno (logged). */
static int read_mac_mtu(struct netfront *nf)
{
	struct xenbus_device *dev = nf->dev;
	char path[XENBUS_PATH + 16], buf[32];
	u64 v = 0, mtu_node = 0;
	bool given;
	int len, err;

	xenbus_node(path, sizeof(path), dev->nodename, "mac");
	len = xs_read(XS_TX_NONE, path, buf, sizeof(buf));
	if (len < 0 || netif_parse_mac(buf, len, nf->ndev.mac)) {
		xenbus_dev_fatal(dev, len < 0 ? len : -EINVAL,
				 "bad or missing mac");
		return -EINVAL;
	}
	nf->backend_sg = !xenbus_read_otherend_uint(dev, "feature-sg", 1, &v) &&
			 v == 1;
	xenbus_node(path, sizeof(path), dev->nodename, "mtu");
	err = xs_read_uint(XS_TX_NONE, path, ~0ULL, &mtu_node);
	given = !err;
	if ((err && err != -ENOENT) ||
	    netif_mtu(given, mtu_node, nf->backend_sg, &nf->ndev.mtu)) {
		xenbus_dev_fatal(dev, -EINVAL, "bad mtu");
		return -EINVAL;
	}
	return 0;
}

/* Ring pages and buffers, granted; 0 or -errno. */
static int alloc_rings(struct netfront *nf)
{
	domid_t be = nf->dev->otherend_id;
	unsigned int i;
	int err;

	nf->tx_sring = alloc_page(GFP_ZERO);
	nf->rx_sring = alloc_page(GFP_ZERO);
	nf->rx_frame_pages = DIV_ROUND_UP(ETH_HLEN + nf->ndev.mtu, PAGE_SIZE);
	nf->rx_frame = alloc_pages(nf->rx_frame_pages, 0);
	if (!nf->tx_sring || !nf->rx_sring || !nf->rx_frame)
		return -ENOMEM;
	/* SHARED_RING_INIT: indices 0, events at 1 */
	nf->tx_sring->req_event = nf->tx_sring->rsp_event = 1;
	nf->rx_sring->req_event = nf->rx_sring->rsp_event = 1;
	nf->tx_ents = min(__RING_SIZE(nf->tx_sring, PAGE_SIZE), NR_IDS);
	nf->rx_ents = min(__RING_SIZE(nf->rx_sring, PAGE_SIZE), NR_IDS);
	nf->tx_prod_pvt = nf->tx_cons = 0;
	nf->rx_prod_pvt = nf->rx_cons = 0;
	err = gnttab_grant_page(be, nf->tx_sring, false, &nf->tx_ring_ref);
	if (err)
		return err;
	nf->tx_ref_ok = true;
	err = gnttab_grant_page(be, nf->rx_sring, false, &nf->rx_ring_ref);
	if (err)
		return err;
	nf->rx_ref_ok = true;
	nf->stats.grants += 2;
	/* the backend copies into rx buffers: writable grants */
	for (i = 0; i < nf->rx_ents; i++) {
		void *p = alloc_page(0);

		if (!p)
			return -ENOMEM;
		err = gnttab_grant_page(be, p, false, &nf->rx_gref[i]);
		if (err) {
			free_page(p);
			return err;
		}
		nf->rx_page[i] = p;
		nf->nr_rx_bufs++;
		nf->stats.grants++;
	}
	nf->nr_tx_free = 0;
	for (i = 0; i < nf->tx_ents; i++) {
		nf->tx_out[i] = 0;
		nf->tx_head[i] = 0;
		nf->tx_free[nf->nr_tx_free++] = nf->tx_ents - 1 - i;
	}
	return 0;
}

/* The backend is in InitWait: set up, tell it, go Connected. */
static void talk_to_backend(struct netfront *nf)
{
	struct xenbus_device *dev = nf->dev;
	int err;

	if (read_mac_mtu(nf))
		return;
	err = alloc_rings(nf);
	if (err) {
		xenbus_dev_fatal(dev, err, "allocating the rings");
		free_ring(nf);
		return;
	}
	err = xenbus_alloc_evtchn(dev, &nf->port);
	if (err) {
		free_ring(nf);
		return;
	}
	nf->irq = bind_evtchn_to_irqhandler(nf->port, netfront_interrupt,
					    "netfront", nf);
	if (nf->irq < 0) {
		evtchn_close(nf->port);
		xenbus_dev_fatal(dev, nf->irq, "binding the event channel");
		free_ring(nf);
		return;
	}
	nf->ring_up = true;
	nf->broken = false;
	nf->bad_logged = false;
	rx_refill(nf);
	err = xs_transact(ring_nodes, nf);
	if (err) {
		xenbus_dev_fatal(dev, err, "writing the ring details");
		free_ring(nf);
		return;
	}
	if (!nf->registered) {
		nf->ndev.ops = &netfront_ops;
		nf->ndev.driver_data = nf;
		err = netdev_register(&nf->ndev);
		if (err) {
			xenbus_dev_fatal(dev, err, "registering the interface");
			free_ring(nf);
			return;
		}
		nf->registered = true;
	}
	nf->stats.connects++;
	xenbus_switch_state(dev, XenbusStateConnected);
}

static void carrier_on(struct netfront *nf)
{
	const u8 *m = nf->ndev.mac;

	if (!nf->ring_up || nf->broken || nf->ndev.carrier)
		return;
	nf->ndev.carrier = true;
	pr_info("netfront %s: %s %02x:%02x:%02x:%02x:%02x:%02x mtu %u, backend dom%u%s\n",
		nf->dev->nodename, nf->ndev.name, m[0], m[1], m[2], m[3], m[4],
		m[5], nf->ndev.mtu, nf->dev->otherend_id,
		nf->backend_sg ? ", sg" : "");
	/* anything the backend sent before we looked */
	schedule_work(&nf->work);
}

/* Take the interface out of the stack. */
static void shut_down(struct netfront *nf)
{
	nf->ndev.carrier = false;
	if (nf->registered) {
		netdev_unregister(&nf->ndev);
		nf->registered = false;
	}
}

static void netfront_otherend_changed(struct xenbus_device *dev,
				      enum xenbus_state state)
{
	struct netfront *nf = dev->priv;

	nf->stats.backend_changes++;
	switch (state) {
	case XenbusStateInitWait:
		if (dev->state == XenbusStateClosed) {
			/* a restarted backend */
			pr_info("netfront %s: backend back: reconnecting\n",
				dev->nodename);
			free_ring(nf);
			dev->state = XenbusStateInitialising;
		}
		if (dev->state == XenbusStateInitialising)
			talk_to_backend(nf);
		break;
	case XenbusStateConnected:
		if (dev->state == XenbusStateConnected)
			carrier_on(nf);
		break;
	case XenbusStateClosing:
		/* netback goes Closed only after we do */
		shut_down(nf);
		if (dev->state != XenbusStateClosed)
			xenbus_switch_state(dev, XenbusStateClosed);
		break;
	case XenbusStateClosed:
	case XenbusStateUnknown:
		shut_down(nf);
		free_ring(nf);
		if (dev->state != XenbusStateClosed &&
		    (dev->state != XenbusStateInitialising ||
		     state == XenbusStateClosed))
			xenbus_switch_state(dev, XenbusStateClosed);
		break;
	default:
		break;
	}
}

static int netfront_probe(struct xenbus_device *dev)
{
	struct netfront *nf = kzalloc(sizeof(*nf));

	if (!nf)
		return -ENOMEM;
	nf->dev = dev;
	nf->irq = -1;
	nf->ndev.mtu = ETH_DATA_LEN;
	init_work(&nf->work, netfront_work, nf);
	dev->priv = nf;
	nf->next = netfronts;
	netfronts = nf;
	return 0;
}

static void netfront_remove(struct xenbus_device *dev)
{
	struct netfront *nf = dev->priv, **pp;

	shut_down(nf);
	free_ring(nf);
	for (pp = &netfronts; *pp; pp = &(*pp)->next) {
		if (*pp == nf) {
			*pp = nf->next;
			break;
		}
	}
	dev->priv = NULL;
	kfree(nf);
}

static struct xenbus_driver netfront_driver = {
	.type = "vif",
	.probe = netfront_probe,
	.otherend_changed = netfront_otherend_changed,
	.remove = netfront_remove,
};

int netfront_init(void)
{
	return xenbus_register_driver(&netfront_driver);
}

struct net_device *netfront_netdev(struct xenbus_device *dev)
{
	struct netfront *nf;

	for (nf = netfronts; nf; nf = nf->next)
		if (nf->dev == dev)
			return nf->registered ? &nf->ndev : NULL;
	return NULL;
}

int netfront_get_stats(struct xenbus_device *dev, struct netfront_stats *st)
{
	struct netfront *nf;

	for (nf = netfronts; nf; nf = nf->next) {
		if (nf->dev != dev)
			continue;
		*st = nf->stats;
		st->ring_up = nf->ring_up;
		st->carrier = nf->ndev.carrier;
		st->broken = nf->broken;
		st->backend_sg = nf->backend_sg;
		st->tx_ents = nf->tx_ents;
		st->rx_ents = nf->rx_ents;
		st->rx_posted = nf->rx_prod_pvt - nf->rx_cons;
		st->tx_in_flight = nf->tx_prod_pvt - nf->tx_cons;
		st->tx_free_ids = nf->nr_tx_free;
		st->tx_ring_ref = gref_x(nf->tx_ring_ref);
		st->rx_ring_ref = gref_x(nf->rx_ring_ref);
		st->evtchn = nf->port;
		return 0;
	}
	return -ENODEV;
}
