// SPDX-License-Identifier: GPL-2.0
/*
 * netback: a guest's virtual NIC served by a Tern dom0 (io/netif.h,
 * backend half; include/tern/xen/netback.h, Documentation/netback.md).
 *
 * Handshake (xenbus, backend side, as Linux's netback): at creation we
 * write feature-sg, feature-rx-copy, feature-rx-flip = 0 and
 * hotplug-status = connected (there is no hotplug script: joining the
 * bridge is ours), go InitWait and watch the frontend's state. When the
 * frontend is Connected (or Initialised) we read tx-ring-ref, rx-ring-ref
 * and event-channel once, insist on request-rx-copy and
 * feature-rx-notify (no page flipping; without rx notifications we
 * could never wait for buffers), map both ring pages (xen_grant_map: the
 * memory model's foreign mapping), bind the event channel, join the
 * bridge and go Connected. Closing or Closed from the frontend takes it
 * all down and we follow it, as blkback does. Not offered: multiple
 * queues, split event channels, GSO, multicast control, a control ring.
 *
 * The frontend is another domain and not trusted. Its rings are read
 * only through the pure consumers (drivers/xen/netif_req.c): indices
 * read once and bounded, each slot copied before it is checked. A bad
 * packet is answered with an error (a few log lines per connection, then
 * only counted); a broken ring (an index beyond the ring, a packet past
 * the producer, too many slots) cuts the frontend off: rings unmapped,
 * an error node, Closing; dom0 and the other guests carry on.
 *
 * Data moves by grant copy (GNTTABOP_copy), never by mapping: tx copies
 * a packet's segments into a private page, completes a checksum the
 * guest left blank (net/net_csum.c) and hands the frame to the bridge;
 * the bridge's frames for this vif wait in a bounded queue of private
 * pages until the frontend posts rx buffers, and are copied into them.
 * A frontend that posts nothing holds at most RXQ_MAX pages of dom0,
 * and its frames are dropped after RXQ_AGE_MS. Work per pass is bounded
 * (PASS_MAX packets each way), then the work is queued again, so one
 * busy guest cannot keep the others' work from running. No mode test:
 * our side of every copy is named by its share frame, the memory
 * model's answer.
 *
 * Invariants: the rings are mapped exactly while connected; the vif is
 * in the bridge exactly while connected; a queued frame is at most one
 * page (netif_rx_slots() == 1 for everything we queue).
 */
#include <tern/bridge.h>
#include <tern/kernel.h>
#include <tern/mm.h>
#include <tern/monitor.h>
#include <tern/net_csum.h>
#include <tern/netdev.h>
#include <tern/printk.h>
#include <tern/string.h>
#include <tern/timer.h>
#include <tern/workqueue.h>
#include <tern/xen/events.h>
#include <tern/xen/grant_table.h>
#include <tern/xen/netback.h>
#include <tern/xen/netif_req.h>
#include <tern/xen/xenbus.h>
#include <asm/page.h>
#include <asm/xen/grant.h>

/* the longest frame either way: a 1500-byte MTU with a VLAN tag */
#define FRAME_MAX	(ETH_HLEN + ETH_DATA_LEN + 4)
#define TX_BATCH	8	/* packets taken per call of the consumer */
#define PASS_MAX	64	/* packets per pass, each way */
#define RXQ_MAX		64	/* frames waiting for rx buffers */
#define RXQ_AGE_MS	2000	/* then they are dropped */
#define LOG_MAX		8	/* bad packets logged per connection */

struct rxq_slot {
	u8 *page;		/* kept once allocated */
	u32 len;
	u64 t_ns;		/* queued (ktime_ns) */
};

struct netback {
	domid_t dom;
	u32 handle;
	char be[XENBUS_PATH];
	char fe[XENBUS_PATH];
	char fe_state[XENBUS_PATH + 8];
	char bridge[BRIDGE_NAME_MAX];
	struct xs_watch watch;
	enum xenbus_state state;	/* ours, as last written */

	/* the connection */
	bool connected;
	bool broken;
	struct xen_grant_mapping tx_map, rx_map;
	bool tx_mapped, rx_mapped;
	int irq;
	struct netif_back tx, rx;
	struct netif_tx_params params;
	struct work work;
	unsigned int logged;
	u64 irq_ns;			/* the first event not yet worked on */

	u8 *frame;				/* tx: one page */
	struct netif_tx_pkt pkts[TX_BATCH];
	struct gnttab_copy_seg piece[NETIF_BACK_MAX_SLOTS];

	/* rx: frames from the bridge, oldest at head */
	struct rxq_slot q[RXQ_MAX];
	unsigned int q_head, q_len;

	struct bridge_port port;
	struct netback_stats stats;
	struct netback *next;
};

static struct netback *all;

static int switch_state(struct netback *nb, enum xenbus_state s)
{
	char path[XENBUS_PATH + 8];
	int err;

	xenbus_node(path, sizeof(path), nb->be, "state");
	err = xs_printf(XS_TX_NONE, path, "%u", s);
	if (!err)
		nb->state = s;
	return err;
}

static void bad_packet(struct netback *nb, const char *why)
{
	if (nb->logged++ < LOG_MAX)
		pr_warn("netback %u/%u: packet refused: %s\n", nb->dom,
			nb->handle, why);
}

static void drop_queue(struct netback *nb)
{
	nb->stats.rx_dropped += nb->q_len;
	nb->q_len = 0;
}

static void disconnect(struct netback *nb)
{
	bridge_port_del(&nb->port);
	if (nb->irq >= 0) {
		unbind_from_irqhandler(nb->irq);
		nb->irq = -1;
	}
	cancel_work(&nb->work);
	if (nb->tx_mapped && xen_grant_unmap(&nb->tx_map))
		pr_err("netback %u/%u: the tx ring is still mapped\n",
		       nb->dom, nb->handle);
	if (nb->rx_mapped && xen_grant_unmap(&nb->rx_map))
		pr_err("netback %u/%u: the rx ring is still mapped\n",
		       nb->dom, nb->handle);
	nb->tx_mapped = nb->rx_mapped = false;
	nb->connected = false;
	drop_queue(nb);
}

/* Cut a broken frontend off: one line, an error node, Closing. */
static void fatal(struct netback *nb, const char *why)
{
	char path[XENBUS_PATH + 8];

	disconnect(nb);
	pr_err("netback %u/%u: %s: device closed\n", nb->dom, nb->handle,
	       why);
	xenbus_node(path, sizeof(path), nb->be, "error");
	xs_write(XS_TX_NONE, path, why);
	nb->stats.broken = true;
	nb->broken = true;
	switch_state(nb, XenbusStateClosing);
}

static void netback_irq(unsigned int irq, void *data)
{
	struct netback *nb = data;

	if (!nb->irq_ns)
		nb->irq_ns = ktime_ns();
	schedule_work(&nb->work);
}

static void notify(struct netback *nb)
{
	notify_remote_via_evtchn(evtchn_from_irq(nb->irq));
}

/* ---- tx: the guest sends ------------------------------------------- */

/* Copy a good packet into nb->frame: 0, or why it is dropped. */
static const char *tx_copy(struct netback *nb, const struct netif_tx_pkt *pkt)
{
	unsigned int i, n = 0;
	u32 at = 0;

	for (i = 0; i < pkt->nr_data; i++) {
		const struct netif_tx_seg *s = &pkt->seg[i];

		if (!s->len)
			continue;	/* allowed, and nothing to copy */
		nb->piece[n].ref = s->gref;
		nb->piece[n].ref_off = s->offset;
		nb->piece[n].len = s->len;
		nb->piece[n].local = nb->frame + at;
		at += s->len;
		n++;
	}
	/* the consumer checked the sum against len, and len <= FRAME_MAX */
	if (at != pkt->len)
		return "segments do not add up";
	if (n && gnttab_copy(nb->dom, nb->piece, n, false))
		return "a grant copy failed";
	if ((pkt->flags & NETTXF_csum_blank) &&
	    net_csum_complete(nb->frame, pkt->len, NULL))
		return "a blank checksum that cannot be completed";
	return NULL;
}

/* Up to PASS_MAX packets; true when more may be waiting. */
static bool tx_pass(struct netback *nb)
{
	unsigned int done = 0;
	bool more = false;

	while (nb->connected && done < PASS_MAX) {
		const char *why = NULL;
		int n = netif_tx_take_packets(&nb->tx, &nb->params, nb->pkts,
					      TX_BATCH, &why);
		int i;

		if (n < 0) {
			fatal(nb, why);
			return false;
		}
		if (!n) {
			if (netif_push_responses(&nb->tx))
				notify(nb);
			if (netif_final_check(&nb->tx, 1))
				continue;
			return false;
		}
		for (i = 0; i < n; i++) {
			struct netif_tx_pkt *pkt = &nb->pkts[i];
			s16 status = NETIF_RSP_OKAY;

			why = pkt->err ? pkt->why :
			      pkt->mcast ? "multicast control not offered" :
			      tx_copy(nb, pkt);
			if (why) {
				bad_packet(nb, why);
				status = NETIF_RSP_ERROR;
				nb->stats.tx_errors++;
			}
			if (netif_tx_answer(&nb->tx, pkt, status, &why)) {
				fatal(nb, why);		/* our bug */
				return false;
			}
			if (status != NETIF_RSP_OKAY)
				continue;
			nb->stats.tx_packets++;
			nb->stats.tx_bytes += pkt->len;
			/* the frame is ours now: answer first, then forward */
			bridge_input(&nb->port, nb->frame, pkt->len);
			if (!nb->connected)
				return false;
		}
		done += (unsigned int)n;
		more = n == TX_BATCH;
	}
	if (nb->connected && netif_push_responses(&nb->tx))
		notify(nb);
	return more;
}

/* ---- rx: frames for the guest -------------------------------------- */

static void age_queue(struct netback *nb)
{
	u64 now = ktime_ns();

	while (nb->q_len &&
	       now - nb->q[nb->q_head].t_ns > RXQ_AGE_MS * NSEC_PER_MSEC) {
		nb->q_head = (nb->q_head + 1) % RXQ_MAX;
		nb->q_len--;
		nb->stats.rx_dropped++;
	}
}

/* The bridge's xmit: queue a copy, deliver from work. */
static int netback_xmit(struct bridge_port *p, const void *frame, u32 len)
{
	struct netback *nb = p->data;
	struct rxq_slot *s;

	if (!nb->connected || len < ETH_HLEN || len > FRAME_MAX)
		return -EINVAL;
	age_queue(nb);
	if (nb->q_len == RXQ_MAX) {
		nb->stats.rx_dropped++;
		return -EBUSY;
	}
	s = &nb->q[(nb->q_head + nb->q_len) % RXQ_MAX];
	if (!s->page)
		s->page = alloc_page(0);
	if (!s->page) {
		nb->stats.rx_dropped++;
		return -ENOMEM;
	}
	memcpy(s->page, frame, len);
	s->len = len;
	s->t_ns = ktime_ns();
	nb->q_len++;
	schedule_work(&nb->work);
	return 0;
}

/* Up to PASS_MAX frames into posted buffers; true when more may follow. */
static bool rx_pass(struct netback *nb)
{
	unsigned int done = 0;
	bool more = false;

	age_queue(nb);
	while (nb->connected && nb->q_len) {
		struct rxq_slot *s = &nb->q[nb->q_head];
		struct netif_rx_buf buf;
		struct gnttab_copy_seg piece;
		const char *why = NULL;
		u32 failed = 0;
		int got;

		if (done == PASS_MAX) {
			more = true;
			break;
		}
		/* one page a frame: netif_rx_slots(s->len) == 1 */
		got = netif_rx_take_buffers(&nb->rx, &buf, 1, &why);
		if (got < 0) {
			fatal(nb, why);
			return false;
		}
		if (!got) {
			/* rx-notify: an event when a buffer is posted */
			if (netif_final_check(&nb->rx, 1))
				continue;
			break;
		}
		piece.ref = buf.gref;
		piece.ref_off = 0;
		piece.len = (u16)s->len;
		piece.local = s->page;
		if (gnttab_copy(nb->dom, &piece, 1, true)) {
			failed = 1;
			nb->stats.rx_errors++;
			bad_packet(nb, "a grant copy into an rx buffer failed");
		} else {
			u64 us = (ktime_ns() - s->t_ns) / NSEC_PER_USEC;

			nb->stats.rx_packets++;
			nb->stats.rx_bytes += s->len;
			nb->stats.rx_wait_max_us = max(nb->stats.rx_wait_max_us,
						       us);
		}
		if (netif_rx_put_packet(&nb->rx, &buf, 1, s->len, 0, failed,
					&why)) {
			fatal(nb, why);		/* our bug */
			return false;
		}
		nb->q_head = (nb->q_head + 1) % RXQ_MAX;
		nb->q_len--;
		done++;
	}
	if (nb->connected && netif_push_responses(&nb->rx))
		notify(nb);
	return more;
}

static void netback_work(struct work *w)
{
	struct netback *nb = w->data;
	bool more;

	if (nb->irq_ns) {
		u64 us = (ktime_ns() - nb->irq_ns) / NSEC_PER_USEC;

		nb->irq_ns = 0;
		nb->stats.irq_to_work_max_us =
			max(nb->stats.irq_to_work_max_us, us);
	}
	if (!nb->connected || nb->broken)
		return;
	more = tx_pass(nb);
	if (nb->connected)
		more |= rx_pass(nb);
	if (more && nb->connected)
		schedule_work(&nb->work);
}

/* ---- handshake ----------------------------------------------------- */

static int read_fe_uint(struct netback *nb, const char *node, u64 max,
			u64 *v)
{
	char path[XENBUS_PATH + 32];

	xenbus_node(path, sizeof(path), nb->fe, node);
	return xs_read_uint(XS_TX_NONE, path, max, v);
}

/* A frontend flag: 0 when absent, else it must read 0 or 1. */
static int fe_flag(struct netback *nb, const char *node, bool *on)
{
	u64 v = 0;
	int err = read_fe_uint(nb, node, 1, &v);

	if (err && err != -ENOENT)
		return err;
	*on = v;
	return 0;
}

static bool map_ring(struct netback *nb, u64 ref, struct xen_grant_mapping *m)
{
	s16 st;
	int err = xen_grant_map(nb->dom, (u32)ref, false, m, &st);

	if (err)
		pr_err("netback %u/%u: ring grant %llu not mapped: %d/%d\n",
		       nb->dom, nb->handle, (unsigned long long)ref, err, st);
	return !err;
}

static void connect(struct netback *nb)
{
	bool rx_copy = false, rx_notify = false;
	u64 tx_ref, rx_ref, port, queues = 1;
	const char *why = NULL;
	int err;

	err = read_fe_uint(nb, "multi-queue-num-queues", 0xffffffffULL,
			   &queues);
	if ((err && err != -ENOENT) || queues != 1) {
		fatal(nb, "the frontend asks for several queues");
		return;
	}
	if (read_fe_uint(nb, "tx-ring-ref", 0xffffffffULL, &tx_ref) ||
	    read_fe_uint(nb, "rx-ring-ref", 0xffffffffULL, &rx_ref) ||
	    read_fe_uint(nb, "event-channel", evtchn_max_ports() - 1,
			 &port)) {
		fatal(nb, "no valid ring refs or event-channel");
		return;
	}
	if (fe_flag(nb, "request-rx-copy", &rx_copy) || !rx_copy) {
		fatal(nb, "the frontend does not ask for rx-copy");
		return;
	}
	if (fe_flag(nb, "feature-rx-notify", &rx_notify) || !rx_notify) {
		fatal(nb, "the frontend does not do feature-rx-notify");
		return;
	}
	nb->tx_mapped = map_ring(nb, tx_ref, &nb->tx_map);
	nb->rx_mapped = nb->tx_mapped && map_ring(nb, rx_ref, &nb->rx_map);
	nb->connected = true;		/* disconnect() undoes what is done */
	if (!nb->rx_mapped) {
		fatal(nb, "a ring cannot be mapped");
		return;
	}
	if (netif_back_init(&nb->tx, nb->tx_map.va, NETIF_BACK_MAX_ENTS, 0,
			    &why) ||
	    netif_back_init(&nb->rx, nb->rx_map.va, NETIF_BACK_MAX_ENTS, 0,
			    &why)) {
		fatal(nb, why);
		return;
	}
	nb->irq = bind_interdomain_evtchn_to_irqhandler(nb->dom, (u32)port,
							netback_irq,
							"netback", nb);
	if (nb->irq < 0) {
		fatal(nb, "the event channel cannot be bound");
		return;
	}
	err = bridge_port_add(nb->bridge, &nb->port);
	if (err) {
		pr_err("netback %u/%u: bridge %s: %d\n", nb->dom, nb->handle,
		       nb->bridge, err);
		fatal(nb, "the vif cannot join its bridge");
		return;
	}
	if (switch_state(nb, XenbusStateConnected)) {
		fatal(nb, "the state cannot be written");
		return;
	}
	nb->logged = 0;
	nb->stats.connects++;
	pr_info("netback %u/%u: connected to %s\n", nb->dom, nb->handle,
		nb->bridge);
	schedule_work(&nb->work);
}

static void fe_changed(struct xs_watch *w, const char *path)
{
	struct netback *nb = w->data;
	enum xenbus_state s = xenbus_read_state(nb->fe_state);

	switch (s) {
	case XenbusStateInitialising:
		if (nb->state == XenbusStateClosed) {
			nb->broken = false;
			switch_state(nb, XenbusStateInitWait);
		}
		break;
	case XenbusStateInitialised:
	case XenbusStateConnected:
		if (nb->state == XenbusStateInitWait && !nb->connected &&
		    !nb->broken)
			connect(nb);
		break;
	case XenbusStateClosing:
		disconnect(nb);
		if (nb->state != XenbusStateClosed)
			switch_state(nb, XenbusStateClosing);
		break;
	case XenbusStateClosed:
		disconnect(nb);
		switch_state(nb, XenbusStateClosed);
		break;
	default:
		break;
	}
}

static int advertise(struct netback *nb)
{
	static const struct {
		const char *node, *val;
	} nodes[] = {
		{ "feature-sg", "1" },
		{ "feature-rx-copy", "1" },
		{ "feature-rx-flip", "0" },
		/* no hotplug script: joining the bridge is ours */
		{ "hotplug-status", "connected" },
	};
	char path[XENBUS_PATH + 32];
	unsigned int i;
	int err = 0;

	for (i = 0; !err && i < ARRAY_SIZE(nodes); i++) {
		xenbus_node(path, sizeof(path), nb->be, nodes[i].node);
		err = xs_write(XS_TX_NONE, path, nodes[i].val);
	}
	return err;
}

static void free_netback(struct netback *nb)
{
	unsigned int i;

	for (i = 0; i < RXQ_MAX; i++)
		if (nb->q[i].page)
			free_page(nb->q[i].page);
	if (nb->frame)
		free_page(nb->frame);
	kfree(nb);
}

int netback_create(domid_t dom, u32 handle, const char *be_dir,
		   const char *fe_dir, const char *bridge,
		   struct netback **out)
{
	struct netback *nb;
	int err;

	if (strlen(be_dir) >= XENBUS_PATH || strlen(fe_dir) >= XENBUS_PATH ||
	    !bridge[0] || strlen(bridge) >= BRIDGE_NAME_MAX)
		return -ENAMETOOLONG;
	nb = kzalloc(sizeof(*nb));
	if (!nb)
		return -ENOMEM;
	nb->frame = alloc_page(0);
	if (!nb->frame) {
		kfree(nb);
		return -ENOMEM;
	}
	nb->dom = dom;
	nb->handle = handle;
	nb->irq = -1;
	strlcpy(nb->be, be_dir, sizeof(nb->be));
	strlcpy(nb->fe, fe_dir, sizeof(nb->fe));
	strlcpy(nb->bridge, bridge, sizeof(nb->bridge));
	xenbus_node(nb->fe_state, sizeof(nb->fe_state), nb->fe, "state");
	snprintf(nb->port.name, sizeof(nb->port.name), "vif%u.%u", dom,
		 handle);
	nb->port.xmit = netback_xmit;
	nb->port.data = nb;
	nb->params.max_len = FRAME_MAX;
	init_work(&nb->work, netback_work, nb);
	err = advertise(nb);
	if (!err)
		err = switch_state(nb, XenbusStateInitWait);
	if (!err) {
		nb->watch.path = nb->fe_state;
		nb->watch.cb = fe_changed;
		nb->watch.data = nb;
		err = xs_watch(&nb->watch);
	}
	if (err) {
		free_netback(nb);
		return err;
	}
	nb->next = all;
	all = nb;
	*out = nb;
	return 0;
}

void netback_destroy(struct netback *nb)
{
	struct netback **pp;

	if (!nb)
		return;
	xs_unwatch(&nb->watch);
	disconnect(nb);
	for (pp = &all; *pp; pp = &(*pp)->next) {
		if (*pp == nb) {
			*pp = nb->next;
			break;
		}
	}
	free_netback(nb);
}

void netback_get_stats(const struct netback *nb, struct netback_stats *s)
{
	*s = nb->stats;
	s->connected = nb->connected && nb->state == XenbusStateConnected;
}

static void netback_cmd(void)
{
	struct netback *nb;

	if (!all) {
		printk("netback: no vifs\n");
		return;
	}
	for (nb = all; nb; nb = nb->next)
		printk("%s (%s): %s; tx %llu packets %llu bytes (%llu errors); rx %llu packets %llu bytes (%llu dropped, %llu errors); %u queued\n",
		       nb->port.name, nb->bridge,
		       nb->broken ? "broken" : nb->connected ? "connected" :
		       xenbus_strstate(nb->state),
		       (unsigned long long)nb->stats.tx_packets,
		       (unsigned long long)nb->stats.tx_bytes,
		       (unsigned long long)nb->stats.tx_errors,
		       (unsigned long long)nb->stats.rx_packets,
		       (unsigned long long)nb->stats.rx_bytes,
		       (unsigned long long)nb->stats.rx_dropped,
		       (unsigned long long)nb->stats.rx_errors, nb->q_len);
}
MONITOR_CMD(netback_monitor, "netback", "netback: the vifs this dom0 serves",
	    netback_cmd);
