// SPDX-License-Identifier: GPL-2.0
/*
 * The IPv4 stack: devices, Ethernet, ARP, IPv4, ICMP echo, UDP sockets
 * and the UDP echo service (RFC 862). Documentation/net.md.
 *
 * Execution: thread context only. Frames arrive through netif_rx(),
 * which the driver calls from its deferred work; callers (the monitor,
 * the tests, UDP users) send from the thread. The one timer (ARP retries
 * and expiry) only schedules work, which calls net_tick(). A driver must
 * not call netif_rx() from inside its xmit (no re-entry), so one static
 * transmit buffer serves every send.
 *
 * Invariants:
 *  - every frame netif_rx() gets is counted once in rx_frames and once in
 *    rx[reason]; a drop also counts once in dev->stats.rx_errors
 *    (malformed) or rx_dropped (well-formed, not taken);
 *  - nothing transmitted is longer than 14 + mtu, and every IPv4, ICMP
 *    and UDP checksum sent is correct;
 *  - the ARP cache has ARP_ENTRIES entries per device, at most
 *    ARP_QUEUE_MAX packets wait for resolution per device (more are
 *    dropped and counted), an unanswered request is retried
 *    ARP_RETRIES times ARP_RETRY_MS apart, then its packets are dropped;
 *    an entry expires ARP_EXPIRE_MS after it was last confirmed.
 */
#include <tern/kernel.h>
#include <tern/mm.h>
#include <tern/net.h>
#include <tern/printk.h>
#include <tern/string.h>
#include <tern/timer.h>
#include <tern/workqueue.h>

#define NET_MTU_MAX	9000
#define NET_MTU_MIN	68
#define NET_MAX_CFG	4

struct pending {
	struct pending *next;
	u32 next_hop;
	u32 len;			/* IP packet bytes in data */
	u8 data[];
};

struct net_state {
	struct net_device *dev;
	u32 mtu;
	u32 addr, netmask, gw;
	struct arp_entry arp[ARP_ENTRIES];
	struct pending *queue;
	unsigned int queued;
	struct net_counters c;
};

static struct net_device *devs;
static struct {
	struct net_ipcfg cfg;
	struct net_device *owner;
} cfgs[NET_MAX_CFG];
static unsigned int nr_cfgs;

static u8 txbuf[ETH_HLEN + NET_MTU_MAX];
#define TX_IP	(txbuf + ETH_HLEN)
#define TX_L4	(txbuf + ETH_HLEN + IP_HLEN)

static struct udp_sock *socks;
static struct udp_sock echo_sock;
static u16 ip_id;

static struct {
	bool active;
	u32 dst;
	u16 id, seq;
	u32 len;
	u64 t0;
	struct ping_result *r;
} ping;
static u16 ping_id = 0x7e00;

static void tick_fire(struct timer *t);
static void tick_work_fn(struct work *w);
static struct timer tick_timer = { .fn = tick_fire };
static struct work tick_work = WORK_INIT(tick_work_fn, NULL);

static const u8 bcast_mac[ETH_ALEN] = { 0xff, 0xff, 0xff, 0xff, 0xff, 0xff };

static void drop_queue(struct net_state *st, bool all, u32 next_hop);

static struct net_state *st_of(struct net_device *dev)
{
	return dev ? dev->stack : NULL;
}

/* ---- configuration -------------------------------------------------------- */

int net_ip_option(const char *value, void *arg)
{
	struct net_ipcfg cfg;
	int ret;

	if (!value)
		return -EINVAL;
	ret = net_parse_ipcfg(value, &cfg);
	if (ret == 1)
		return 0;
	if (ret || nr_cfgs == NET_MAX_CFG)
		return -EINVAL;
	cfgs[nr_cfgs].cfg = cfg;
	cfgs[nr_cfgs++].owner = NULL;
	return 0;
}

void net_reset_config(void)
{
	memset(cfgs, 0, sizeof(cfgs));
	nr_cfgs = 0;
}

static u64 udp_echoed;

static void udp_echo_rx(struct udp_sock *s, u32 src, u16 sport,
			const void *data, u32 len)
{
	if (sport && !udp_sendto(s, src, sport, data, len))
		udp_echoed++;
}

u64 net_udp_echoed(void)
{
	return udp_echoed;
}

int net_configure(struct net_device *dev, u32 addr, u32 netmask, u32 gw)
{
	struct net_state *st = st_of(dev);
	char a[16], m[16], g[16];

	if (!st)
		return -ENODEV;
	st->addr = addr;
	st->netmask = addr ? netmask : 0;
	st->gw = addr ? gw : 0;
	memset(st->arp, 0, sizeof(st->arp));
	drop_queue(st, true, 0);
	if (!addr)
		return 0;
	if (!echo_sock.rx)
		udp_bind(&echo_sock, UDP_ECHO_PORT, udp_echo_rx, NULL);
	net_format_ipv4(a, addr);
	net_format_ipv4(m, netmask);
	net_format_ipv4(g, gw);
	pr_info("net: %s %s netmask %s gateway %s\n", dev->name, a, m,
		gw ? g : "none");
	return 0;
}

bool net_dev_addr(struct net_device *dev, u32 *addr, u32 *netmask, u32 *gw)
{
	struct net_state *st = st_of(dev);

	if (!st || !st->addr)
		return false;
	*addr = st->addr;
	*netmask = st->netmask;
	*gw = st->gw;
	return true;
}

const struct net_counters *net_dev_counters(struct net_device *dev)
{
	struct net_state *st = st_of(dev);

	return st ? &st->c : NULL;
}

/* ---- devices -------------------------------------------------------------- */

struct net_device *netdev_get(unsigned int i)
{
	struct net_device *d;

	for (d = devs; d && i; d = d->next)
		i--;
	return d;
}

struct net_device *netdev_find(const char *name)
{
	struct net_device *d;

	for (d = devs; d; d = d->next)
		if (!strncmp(d->name, name, sizeof(d->name)))
			return d;
	return NULL;
}

static void pick_name(struct net_device *dev)
{
	unsigned int n;
	char name[16];

	for (n = 0; n < 1000; n++) {
		snprintf(name, sizeof(name), "eth%u", n);
		if (!netdev_find(name))
			break;
	}
	memcpy(dev->name, name, sizeof(dev->name));
}

int netdev_register(struct net_device *dev)
{
	struct net_state *st;
	struct net_device *d;
	unsigned int i;

	if (!dev || !dev->ops || !dev->ops->xmit || dev->mtu < NET_MTU_MIN ||
	    dev->stack)
		return -EINVAL;
	for (d = devs; d; d = d->next)
		if (d == dev)
			return -EEXIST;
	dev->name[sizeof(dev->name) - 1] = '\0';
	if (!dev->name[0])
		pick_name(dev);
	else if (netdev_find(dev->name))
		return -EEXIST;
	st = kzalloc(sizeof(*st));
	if (!st)
		return -ENOMEM;
	st->dev = dev;
	st->mtu = min(dev->mtu, (u32)NET_MTU_MAX);
	dev->stack = st;
	dev->next = NULL;
	if (!devs) {
		devs = dev;
	} else {
		for (d = devs; d->next; d = d->next)
			;
		d->next = dev;
	}
	/* ip= for this name, else the first unnamed one not yet taken */
	for (i = 0; i < nr_cfgs; i++)
		if (!cfgs[i].owner && !strcmp(cfgs[i].cfg.dev, dev->name))
			break;
	if (i == nr_cfgs)
		for (i = 0; i < nr_cfgs; i++)
			if (!cfgs[i].owner && !cfgs[i].cfg.dev[0])
				break;
	if (i < nr_cfgs) {
		cfgs[i].owner = dev;
		net_configure(dev, cfgs[i].cfg.addr, cfgs[i].cfg.netmask,
			      cfgs[i].cfg.gateway);
	}
	return 0;
}

static void drop_queue(struct net_state *st, bool all, u32 next_hop)
{
	struct pending **pp = &st->queue, *p;

	while ((p = *pp)) {
		if (all || p->next_hop == next_hop) {
			*pp = p->next;
			st->queued--;
			st->c.arp_queue_dropped++;
			st->dev->stats.tx_dropped++;
			kfree(p);
		} else {
			pp = &p->next;
		}
	}
}

void netdev_unregister(struct net_device *dev)
{
	struct net_state *st = st_of(dev);
	struct net_device **pp;
	unsigned int i;

	if (!st)
		return;
	for (pp = &devs; *pp; pp = &(*pp)->next) {
		if (*pp == dev) {
			*pp = dev->next;
			break;
		}
	}
	for (i = 0; i < nr_cfgs; i++)
		if (cfgs[i].owner == dev)
			cfgs[i].owner = NULL;
	drop_queue(st, true, 0);
	dev->stack = NULL;
	dev->next = NULL;
	kfree(st);
}

/* ---- output --------------------------------------------------------------- */

struct net_device *net_route(u32 dst, u32 *next_hop)
{
	struct net_device *d;
	struct net_state *st;

	for (d = devs; d; d = d->next) {
		st = d->stack;
		if (st->addr && (dst == IP_BROADCAST ||
				 (dst & st->netmask) == (st->addr & st->netmask))) {
			*next_hop = dst;
			return d;
		}
	}
	for (d = devs; d; d = d->next) {
		st = d->stack;
		if (st->addr && st->gw) {
			*next_hop = st->gw;
			return d;
		}
	}
	return NULL;
}

static bool is_bcast(struct net_state *st, u32 ip)
{
	return ip == IP_BROADCAST ||
	       (st->netmask < 0xfffffffe && ip == (st->addr | ~st->netmask));
}

/* The frame in txbuf (len bytes, Ethernet header filled in). */
static int eth_xmit(struct net_state *st, u32 len)
{
	int ret = st->dev->ops->xmit(st->dev, txbuf, len);

	if (ret)
		st->c.tx_xmit_errors++;
	return ret;
}

static void eth_header(struct net_state *st, const u8 *dst, u16 type)
{
	memcpy(txbuf, dst, ETH_ALEN);
	memcpy(txbuf + ETH_ALEN, st->dev->mac, ETH_ALEN);
	net_put16(txbuf + 2 * ETH_ALEN, type);
}

static void arp_send(struct net_state *st, u16 op, const u8 *tha, u32 tpa)
{
	u8 *p = txbuf + ETH_HLEN;

	eth_header(st, op == 1 ? bcast_mac : tha, ETH_P_ARP);
	net_put16(p, 1);
	net_put16(p + 2, ETH_P_IP);
	p[4] = ETH_ALEN;
	p[5] = 4;
	net_put16(p + 6, op);
	memcpy(p + 8, st->dev->mac, ETH_ALEN);
	net_put32(p + 14, st->addr);
	if (op == 1)
		memset(p + 18, 0, ETH_ALEN);
	else
		memcpy(p + 18, tha, ETH_ALEN);
	net_put32(p + 24, tpa);
	/* pad to the 60-byte Ethernet minimum */
	memset(p + ARP_LEN, 0, 60 - ETH_HLEN - ARP_LEN);
	if (op == 1)
		st->c.arp_requests_sent++;
	else
		st->c.arp_replies_sent++;
	eth_xmit(st, 60);
}

static void tick_arm(void)
{
	if (!tick_timer.pending)
		timer_start(&tick_timer, NET_TICK_MS * NSEC_PER_MSEC);
}

static struct arp_entry *arp_find(struct net_state *st, u32 ip)
{
	unsigned int i;

	for (i = 0; i < ARP_ENTRIES; i++)
		if (st->arp[i].state != ARP_FREE && st->arp[i].ip == ip)
			return &st->arp[i];
	return NULL;
}

/* A free entry, else the least recently used resolved one; NULL if none. */
static struct arp_entry *arp_alloc(struct net_state *st)
{
	struct arp_entry *e, *lru = NULL;
	unsigned int i;

	for (i = 0; i < ARP_ENTRIES; i++) {
		e = &st->arp[i];
		if (e->state == ARP_FREE)
			return e;
		if (e->state == ARP_RESOLVED && (!lru || e->used < lru->used))
			lru = e;
	}
	if (lru) {
		st->c.arp_evicted++;
		memset(lru, 0, sizeof(*lru));
	}
	return lru;
}

static bool arp_lookup_st(struct net_state *st, u32 ip, u8 mac[ETH_ALEN])
{
	struct arp_entry *e = arp_find(st, ip);
	u64 now = ktime_ns();

	if (e && e->state == ARP_RESOLVED && now < e->deadline) {
		memcpy(mac, e->mac, ETH_ALEN);
		e->used = now;
		return true;
	}
	if (e && e->state == ARP_INCOMPLETE)
		return false;
	if (!e)
		e = arp_alloc(st);
	if (!e)
		return false;
	/* new, or expired: ask again */
	e->state = ARP_INCOMPLETE;
	e->ip = ip;
	e->tries = 1;
	e->used = now;
	e->deadline = now + ARP_RETRY_MS * NSEC_PER_MSEC;
	arp_send(st, 1, NULL, ip);
	tick_arm();
	return false;
}

bool arp_lookup(struct net_device *dev, u32 ip, u8 mac[ETH_ALEN])
{
	struct net_state *st = st_of(dev);

	return st && st->addr && arp_lookup_st(st, ip, mac);
}

bool arp_entry_get(struct net_device *dev, unsigned int i,
		   struct arp_entry *e)
{
	struct net_state *st = st_of(dev);

	if (!st || i >= ARP_ENTRIES)
		return false;
	*e = st->arp[i];
	return true;
}

/* Send the IP packet in txbuf (header filled) of len bytes. */
static int ip_to_wire(struct net_state *st, u32 next_hop, u32 len)
{
	struct arp_entry *e = arp_find(st, next_hop);
	struct pending *p = NULL;
	u8 mac[ETH_ALEN];

	if (is_bcast(st, next_hop)) {
		eth_header(st, bcast_mac, ETH_P_IP);
		return eth_xmit(st, ETH_HLEN + len);
	}
	if (e && e->state == ARP_RESOLVED && ktime_ns() < e->deadline) {
		e->used = ktime_ns();
		eth_header(st, e->mac, ETH_P_IP);
		return eth_xmit(st, ETH_HLEN + len);
	}
	/* keep a copy first: the ARP request is built in txbuf */
	if (st->queued < ARP_QUEUE_MAX)
		p = kmalloc(sizeof(*p) + len);
	if (p) {
		p->next_hop = next_hop;
		p->len = len;
		memcpy(p->data, TX_IP, len);
		p->next = st->queue;
		st->queue = p;
		st->queued++;
	} else {
		st->c.arp_queue_dropped++;
		st->dev->stats.tx_dropped++;
	}
	arp_lookup_st(st, next_hop, mac);
	/* no entry could be had (all resolving): nothing will send it */
	if (!arp_find(st, next_hop))
		drop_queue(st, false, next_hop);
	return 0;
}

/* Everything in the queue for ip, oldest first, now that it resolved. */
static void arp_flush(struct net_state *st, u32 ip, const u8 *mac)
{
	struct pending *p, *rev = NULL, **pp = &st->queue;

	while ((p = *pp)) {
		if (p->next_hop == ip) {
			*pp = p->next;
			st->queued--;
			p->next = rev;
			rev = p;
		} else {
			pp = &p->next;
		}
	}
	while ((p = rev)) {
		rev = p->next;
		memcpy(TX_IP, p->data, p->len);
		eth_header(st, mac, ETH_P_IP);
		eth_xmit(st, ETH_HLEN + p->len);
		kfree(p);
	}
}

/*
 * The transport payload of l4len bytes is in TX_L4: add the IP header
 * (and the UDP checksum, which needs the source address) and send.
 */
static int ip_output(u32 dst, u8 proto, u32 l4len)
{
	struct net_device *dev;
	struct net_state *st;
	u32 nh, len = IP_HLEN + l4len;
	u8 *ip = TX_IP;

	dev = net_route(dst, &nh);
	if (!dev)
		return -ENETUNREACH;
	st = dev->stack;
	if (len > st->mtu) {
		st->c.tx_too_big++;
		return -EMSGSIZE;
	}
	ip[0] = 0x45;
	ip[1] = 0;
	net_put16(ip + 2, (u16)len);
	net_put16(ip + 4, ip_id++);
	net_put16(ip + 6, 0x4000);	/* don't fragment */
	ip[8] = NET_IP_TTL;
	ip[9] = proto;
	net_put16(ip + 10, 0);
	net_put32(ip + 12, st->addr);
	net_put32(ip + 16, dst);
	net_put16(ip + 10, net_csum(ip, IP_HLEN));
	if (proto == IPPROTO_UDP) {
		u16 c;

		net_put16(TX_L4 + 6, 0);
		c = net_csum_fold(net_csum_add(net_pseudo_sum(st->addr, dst,
							      proto,
							      (u16)l4len),
					       TX_L4, l4len));
		net_put16(TX_L4 + 6, c ? c : 0xffff);
	}
	return ip_to_wire(st, nh, len);
}

int ip_send(u32 dst, u8 proto, const void *payload, u32 len)
{
	if (len > NET_MTU_MAX - IP_HLEN)
		return -EMSGSIZE;
	memmove(TX_L4, payload, len);
	return ip_output(dst, proto, len);
}

/* ---- ARP timer ---------------------------------------------------------- */

static void tick_fire(struct timer *t)
{
	schedule_work(&tick_work);
}

static void tick_work_fn(struct work *w)
{
	net_tick();
}

void net_tick(void)
{
	struct net_device *d;
	bool again = false;
	u64 now = ktime_ns();
	unsigned int i;

	for (d = devs; d; d = d->next) {
		struct net_state *st = d->stack;

		for (i = 0; i < ARP_ENTRIES; i++) {
			struct arp_entry *e = &st->arp[i];

			if (e->state == ARP_RESOLVED && now >= e->deadline) {
				memset(e, 0, sizeof(*e));
			} else if (e->state == ARP_INCOMPLETE &&
				   now >= e->deadline) {
				if (e->tries >= ARP_RETRIES || !st->addr) {
					st->c.arp_resolve_failed++;
					drop_queue(st, false, e->ip);
					memset(e, 0, sizeof(*e));
					continue;
				}
				e->tries++;
				e->deadline = now + ARP_RETRY_MS * NSEC_PER_MSEC;
				arp_send(st, 1, NULL, e->ip);
			}
			if (e->state == ARP_INCOMPLETE)
				again = true;
		}
	}
	if (again)
		tick_arm();
}

/* ---- input ------------------------------------------------------------- */

static enum net_rx_reason arp_rx(struct net_state *st, const u8 *p, u32 len)
{
	struct arp_view v;
	struct arp_entry *e;
	enum net_rx_reason r = arp_parse(p, len, &v);
	bool merged = false;
	u8 sha[ETH_ALEN];

	if (r)
		return r;
	if (!st->addr || !v.spa || v.spa == st->addr || is_bcast(st, v.spa) ||
	    (v.spa & st->netmask) != (st->addr & st->netmask))
		return NET_RX_ARP_IGNORED;
	memcpy(sha, v.sha, ETH_ALEN);
	/* RFC 826: update the sender if known; add it if we are the target */
	e = arp_find(st, v.spa);
	if (!e && v.tpa == st->addr)
		e = arp_alloc(st);
	if (e) {
		bool was_incomplete = e->state == ARP_INCOMPLETE;

		e->state = ARP_RESOLVED;
		e->ip = v.spa;
		memcpy(e->mac, sha, ETH_ALEN);
		e->deadline = ktime_ns() + ARP_EXPIRE_MS * NSEC_PER_MSEC;
		e->used = ktime_ns();
		merged = true;
		if (was_incomplete)
			arp_flush(st, v.spa, sha);
	}
	if (v.tpa != st->addr)
		return merged ? NET_RX_OK : NET_RX_ARP_IGNORED;
	if (v.op == 1)
		arp_send(st, 2, sha, v.spa);
	return NET_RX_OK;
}

static enum net_rx_reason icmp_rx(struct net_state *st,
				  const struct ip_view *ip, bool bcast)
{
	struct icmp_view v;
	enum net_rx_reason r = icmp_parse(ip->payload, ip->len, &v);
	u32 i;

	if (r)
		return r;
	if (v.type == ICMP_ECHO && v.code == 0) {
		if (bcast)
			return NET_RX_BCAST_IGNORED;
		memcpy(TX_L4, ip->payload, ip->len);
		TX_L4[0] = ICMP_ECHOREPLY;
		net_put16(TX_L4 + 2, 0);
		net_put16(TX_L4 + 2, net_csum(TX_L4, ip->len));
		st->c.icmp_echo_replied++;
		ip_output(ip->src, IPPROTO_ICMP, ip->len);
		return NET_RX_OK;
	}
	if (v.type == ICMP_ECHOREPLY && v.code == 0 && ping.active &&
	    v.id == ping.id && v.seq == ping.seq && ip->src == ping.dst &&
	    !bcast) {
		struct ping_result *res = ping.r;

		res->rtt_ns = ktime_ns() - ping.t0;
		res->len = v.len;
		res->bad = v.len != ping.len;
		for (i = 0; !res->bad && i < v.len; i++)
			if (v.data[i] != ping_pattern(v.seq, i))
				res->bad = true;
		res->done = true;
		ping.active = false;
		return NET_RX_OK;
	}
	return NET_RX_ICMP_IGNORED;
}

static enum net_rx_reason udp_rx(struct net_state *st,
				 const struct ip_view *ip, bool bcast)
{
	struct udp_view v;
	struct udp_sock *s;
	enum net_rx_reason r = udp_parse(ip, &v);

	if (r)
		return r;
	for (s = socks; s; s = s->next)
		if (s->port == v.dport)
			break;
	if (!s)
		return NET_RX_UDP_NO_PORT;
	/* RFC 862 echo never answers a broadcast (no storms) */
	if (bcast && s == &echo_sock)
		return NET_RX_BCAST_IGNORED;
	st->c.udp_rx++;
	s->rx(s, ip->src, v.sport, v.data, v.len);
	return NET_RX_OK;
}

static enum net_rx_reason ip_rx(struct net_state *st, const u8 *p, u32 len)
{
	struct ip_view v;
	enum net_rx_reason r = ip_parse(p, len, &v);
	bool bcast;

	if (r)
		return r;
	if (!st->addr)
		return NET_RX_IP_NOT_OURS;
	if (v.src == st->addr || is_bcast(st, v.src))
		return NET_RX_IP_BAD_SRC;
	bcast = is_bcast(st, v.dst);
	if (v.dst != st->addr && !bcast)
		return NET_RX_IP_NOT_OURS;
	if (v.proto == IPPROTO_ICMP)
		return icmp_rx(st, &v, bcast);
	if (v.proto == IPPROTO_UDP)
		return udp_rx(st, &v, bcast);
	return NET_RX_IP_PROTO;
}

static enum net_rx_reason eth_rx(struct net_state *st, const u8 *frame,
				 u32 len)
{
	struct eth_view v;
	enum net_rx_reason r;

	if (len > ETH_HLEN + st->mtu)
		return NET_RX_OVERSIZE;
	r = eth_parse(frame, len, &v);
	if (r)
		return r;
	if (memcmp(v.dst, st->dev->mac, ETH_ALEN) &&
	    memcmp(v.dst, bcast_mac, ETH_ALEN))
		return NET_RX_NOT_OURS;
	if (v.type == ETH_P_IP)
		return ip_rx(st, v.payload, v.len);
	if (v.type == ETH_P_ARP)
		return arp_rx(st, v.payload, v.len);
	return NET_RX_ETHERTYPE;
}

void netif_rx(struct net_device *dev, const void *frame, u32 len)
{
	struct net_state *st = st_of(dev);
	enum net_rx_reason r;

	if (!st) {
		if (dev)
			dev->stats.rx_dropped++;
		return;
	}
	st->c.rx_frames++;
	r = frame ? eth_rx(st, frame, len) : NET_RX_RUNT;
	st->c.rx[r]++;
	if (r == NET_RX_OK)
		return;
	if (r <= NET_RX_LAST_ERROR)
		dev->stats.rx_errors++;
	else
		dev->stats.rx_dropped++;
}

/* ---- ICMP echo (ping) ------------------------------------------------------- */

int net_ping_send(u32 dst, u16 seq, u32 len, struct ping_result *r)
{
	u32 i;
	int ret;

	if (len > NET_MTU_MAX - IP_HLEN - ICMP_HLEN)
		return -EMSGSIZE;
	memset(r, 0, sizeof(*r));
	TX_L4[0] = ICMP_ECHO;
	TX_L4[1] = 0;
	net_put16(TX_L4 + 2, 0);
	net_put16(TX_L4 + 4, ++ping_id);
	net_put16(TX_L4 + 6, seq);
	for (i = 0; i < len; i++)
		TX_L4[ICMP_HLEN + i] = ping_pattern(seq, i);
	net_put16(TX_L4 + 2, net_csum(TX_L4, ICMP_HLEN + len));
	ping.active = true;
	ping.dst = dst;
	ping.id = ping_id;
	ping.seq = seq;
	ping.len = len;
	ping.r = r;
	ping.t0 = ktime_ns();
	ret = ip_output(dst, IPPROTO_ICMP, ICMP_HLEN + len);
	if (ret)
		ping.active = false;
	return ret;
}

void net_ping_cancel(void)
{
	ping.active = false;
}

static bool ping_done(void *arg)
{
	return ((struct ping_result *)arg)->done;
}

int net_ping(u32 dst, u16 seq, u32 len, u64 timeout_ms,
	     struct ping_result *r)
{
	int ret = net_ping_send(dst, seq, len, r);

	if (ret)
		return ret;
	wait_cond_timeout(ping_done, r, timeout_ms);
	net_ping_cancel();
	if (!r->done)
		return -ETIMEDOUT;
	return r->bad ? -EIO : 0;
}

struct resolve_wait {
	struct net_state *st;
	u32 ip;
};

static bool resolve_settled(void *arg)
{
	struct resolve_wait *w = arg;
	struct arp_entry *e = arp_find(w->st, w->ip);

	return !e || e->state == ARP_RESOLVED;
}

int arp_resolve(u32 ip, u8 mac[ETH_ALEN], u64 timeout_ms)
{
	struct resolve_wait w;
	struct net_device *dev = net_route(ip, &w.ip);
	struct arp_entry *e;

	if (!dev)
		return -ENETUNREACH;
	w.st = dev->stack;
	if (arp_lookup_st(w.st, w.ip, mac))
		return 0;
	wait_cond_timeout(resolve_settled, &w, timeout_ms);
	/* the device may have gone while we waited */
	dev = net_route(ip, &w.ip);
	if (!dev || dev->stack != w.st)
		return -ENETUNREACH;
	e = arp_find(w.st, w.ip);
	if (!e || e->state != ARP_RESOLVED)
		return -ETIMEDOUT;
	memcpy(mac, e->mac, ETH_ALEN);
	return 0;
}

/* ---- UDP sockets ----------------------------------------------------------- */

static struct udp_sock *udp_find(u16 port)
{
	struct udp_sock *s;

	for (s = socks; s; s = s->next)
		if (s->port == port)
			return s;
	return NULL;
}

int udp_bind(struct udp_sock *s, u16 port, udp_rx_fn rx, void *data)
{
	static u16 next_eph = UDP_EPHEMERAL;
	unsigned int i;

	if (!s || !rx)
		return -EINVAL;
	if (!port) {
		for (i = 0; i < 65536 - UDP_EPHEMERAL; i++) {
			port = next_eph++;
			if (next_eph < UDP_EPHEMERAL)
				next_eph = UDP_EPHEMERAL;
			if (!udp_find(port))
				break;
		}
	}
	if (udp_find(port))
		return -EADDRINUSE;
	s->port = port;
	s->rx = rx;
	s->data = data;
	s->next = socks;
	socks = s;
	return 0;
}

void udp_unbind(struct udp_sock *s)
{
	struct udp_sock **pp;

	for (pp = &socks; *pp; pp = &(*pp)->next) {
		if (*pp == s) {
			*pp = s->next;
			s->next = NULL;
			return;
		}
	}
}

int udp_sendto(struct udp_sock *s, u32 dst, u16 dport, const void *data,
	       u32 len)
{
	struct net_device *dev;
	u32 nh;
	int ret;

	if (!s || !dport)
		return -EINVAL;
	if (len > NET_MTU_MAX - IP_HLEN - UDP_HLEN)
		return -EMSGSIZE;
	memmove(TX_L4 + UDP_HLEN, data, len);
	net_put16(TX_L4, s->port);
	net_put16(TX_L4 + 2, dport);
	net_put16(TX_L4 + 4, (u16)(UDP_HLEN + len));
	ret = ip_output(dst, IPPROTO_UDP, UDP_HLEN + len);
	dev = net_route(dst, &nh);
	if (!ret && dev)
		((struct net_state *)dev->stack)->c.udp_tx++;
	return ret;
}
