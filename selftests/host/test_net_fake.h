/* SPDX-License-Identifier: GPL-2.0 */
/*
 * A fake kernel and a fake wire for net/net_core.c on the host (the host
 * tests and the fuzz harness).
 *
 * The kernel: a clock the test moves (fake_now), timers that fire when
 * the clock passes them, work that runs when the test pumps, kmalloc on
 * malloc, printk to nowhere (or stderr with fake_verbose).
 *
 * The wire: fake_dev is a net_device whose xmit checks the frame on its
 * own (fake_check_frame: lengths, IPv4, ICMP and UDP checksums computed
 * here independently of net/) and queues it for a peer, a small scripted
 * host written here from the RFCs (it answers ARP for its address,
 * echoes ICMP and UDP port 7, and records what else it gets), never
 * from net/. fake_pump() moves frames both ways until the wire is
 * quiet; wait_cond_timeout() pumps and advances the clock 1 ms a step.
 */
#ifndef TEST_NET_FAKE_H
#define TEST_NET_FAKE_H

#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <tern/mm.h>
#include <tern/net.h>
#include <tern/printk.h>
#include <tern/timer.h>
#include <tern/workqueue.h>

/* ---- the fake kernel ---------------------------------------------------- */

static u64 fake_now = 1000 * NSEC_PER_SEC;
static struct timer *fake_timers;
static struct work *fake_work;
static bool fake_verbose;

u64 ktime_ns(void)
{
	return fake_now;
}

void timer_start(struct timer *t, u64 delay_ns)
{
	t->expires = fake_now + delay_ns;
	if (!t->pending) {
		t->pending = true;
		t->next = fake_timers;
		fake_timers = t;
	}
}

bool timer_cancel(struct timer *t)
{
	struct timer **pp;

	for (pp = &fake_timers; *pp; pp = &(*pp)->next) {
		if (*pp == t) {
			*pp = t->next;
			t->pending = false;
			return true;
		}
	}
	return false;
}

bool schedule_work(struct work *w)
{
	struct work **pp;

	if (w->queued)
		return false;
	w->queued = true;
	w->next = NULL;
	for (pp = &fake_work; *pp; pp = &(*pp)->next)
		;
	*pp = w;
	return true;
}

static inline void fake_run_work(void)
{
	struct work *w;

	while ((w = fake_work)) {
		fake_work = w->next;
		w->queued = false;
		w->fn(w);
	}
}

static inline void fake_run_timers(void)
{
	struct timer **pp = &fake_timers, *t;

	while ((t = *pp)) {
		if (t->expires <= fake_now) {
			*pp = t->next;
			t->pending = false;
			t->fn(t);
			pp = &fake_timers;
		} else {
			pp = &t->next;
		}
	}
}

void *kmalloc(size_t size)
{
	return malloc(size ? size : 1);
}

void *kzalloc(size_t size)
{
	return calloc(1, size ? size : 1);
}

void kfree(void *p)
{
	free(p);
}

int printk(const char *fmt, ...)
{
	va_list ap;

	if (!fake_verbose)
		return 0;
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	return 0;
}

/* ---- independent checks of a transmitted frame ------------------------------ */

static inline u16 fake_sum(const u8 *p, u32 len, u32 start)
{
	u32 s = start, i;

	for (i = 0; i < len; i++)
		s += i & 1 ? p[i] : (u32)p[i] << 8;
	while (s >> 16)
		s = (s & 0xffff) + (s >> 16);
	return (u16)s;
}

static inline u16 be16(const u8 *p)
{
	return (u16)(p[0] << 8 | p[1]);
}

/* 0 if f is a well-formed frame of ours; else the number of the check */
static inline int fake_check_frame(const u8 *f, u32 len, u32 mtu)
{
	const u8 *ip = f + 14;
	u32 ihl, tot, ul;
	u16 type;

	if (len < 14 || len > 14 + mtu)
		return 1;
	type = be16(f + 12);
	if (type == 0x0806)
		return len >= 42 && be16(ip) == 1 && be16(ip + 2) == 0x800 &&
		       ip[4] == 6 && ip[5] == 4 &&
		       (be16(ip + 6) == 1 || be16(ip + 6) == 2) ? 0 : 2;
	if (type != 0x0800)
		return 3;
	if (len < 34 || ip[0] != 0x45)
		return 4;
	ihl = 20;
	tot = be16(ip + 2);
	if (tot != len - 14 || fake_sum(ip, ihl, 0) != 0xffff)
		return 5;
	if (be16(ip + 6) & 0x3fff)
		return 6;
	if (ip[9] == 1) {
		if (tot < 28 || fake_sum(ip + 20, tot - 20, 0) != 0xffff)
			return 7;
	} else if (ip[9] == 17) {
		u32 ps;

		if (tot < 28)
			return 8;
		ul = be16(ip + 24);
		if (ul != tot - 20 || !be16(ip + 26))
			return 9;
		ps = be16(ip + 12) + be16(ip + 14) + be16(ip + 16) +
		     be16(ip + 18) + 17 + ul;
		if (fake_sum(ip + 20, ul, ps) != 0xffff)
			return 10;
	} else {
		return 11;
	}
	return 0;
}

/* ---- the fake device and its peer ------------------------------------------- */

#define FAKE_QLEN	64
#define FAKE_FRAME	(14 + 9000)

struct fake_frame {
	u32 len;
	u8 data[FAKE_FRAME];
};

struct fake_q {
	unsigned int head, n;
	struct fake_frame f[FAKE_QLEN];
};

struct fake_peer {
	u8 mac[6];
	u32 ip;
	bool answer_arp, answer_echo, answer_udp;
	/* what it received */
	unsigned int arp_requests, echo_requests, udp_datagrams;
	unsigned int echo_replies, udp_replies;
	u16 last_reply_seq;
	u32 last_reply_len;
	u8 last_reply[FAKE_FRAME];
};

struct fake_dev {
	struct net_device dev;
	struct fake_peer peer;
	struct fake_q to_peer, to_dev;
	unsigned int tx_bad, tx_frames;
	int last_bad;
	int xmit_ret;			/* forced xmit result, 0 normally */
	bool record_only;		/* no peer: frames are only checked */
};

static inline void fake_q_put(struct fake_q *q, const void *f, u32 len)
{
	struct fake_frame *e;

	if (q->n == FAKE_QLEN || len > FAKE_FRAME)
		return;
	e = &q->f[(q->head + q->n++) % FAKE_QLEN];
	e->len = len;
	memcpy(e->data, f, len);
}

static inline struct fake_frame *fake_q_get(struct fake_q *q)
{
	struct fake_frame *e;

	if (!q->n)
		return NULL;
	e = &q->f[q->head];
	q->head = (q->head + 1) % FAKE_QLEN;
	q->n--;
	return e;
}

static int fake_xmit(struct net_device *dev, const void *frame, u32 len)
{
	struct fake_dev *fd = (struct fake_dev *)dev;
	int bad = fake_check_frame(frame, len, dev->mtu);

	if (bad) {
		fd->tx_bad++;
		fd->last_bad = bad;
	}
	if (fd->xmit_ret)
		return fd->xmit_ret;
	fd->tx_frames++;
	dev->stats.tx_packets++;
	dev->stats.tx_bytes += len;
	if (!fd->record_only)
		fake_q_put(&fd->to_peer, frame, len);
	return 0;
}

static const struct net_device_ops fake_ops = { .xmit = fake_xmit };

static inline void fake_dev_init(struct fake_dev *fd, const char *name,
				 u8 id, u32 peer_ip)
{
	static const u8 base[6] = { 0x00, 0x16, 0x3e, 0x00, 0x00, 0x00 };

	memset(fd, 0, sizeof(*fd));
	if (name)
		snprintf(fd->dev.name, sizeof(fd->dev.name), "%s", name);
	memcpy(fd->dev.mac, base, 6);
	fd->dev.mac[5] = id;
	fd->dev.mtu = 1500;
	fd->dev.carrier = true;
	fd->dev.ops = &fake_ops;
	memcpy(fd->peer.mac, base, 6);
	fd->peer.mac[4] = 0xee;
	fd->peer.mac[5] = id;
	fd->peer.ip = peer_ip;
	fd->peer.answer_arp = fd->peer.answer_echo = fd->peer.answer_udp = true;
}

/* Frame-building for the peer (and for tests that forge frames). */
static inline u32 fake_eth(u8 *f, const u8 *dst, const u8 *src, u16 type)
{
	memcpy(f, dst, 6);
	memcpy(f + 6, src, 6);
	f[12] = type >> 8;
	f[13] = type & 0xff;
	return 14;
}

static inline void fake_put16(u8 *p, u32 v)
{
	p[0] = (v >> 8) & 0xff;
	p[1] = v & 0xff;
}

static inline void fake_put32(u8 *p, u32 v)
{
	fake_put16(p, v >> 16);
	fake_put16(p + 2, v);
}

static inline u32 fake_arp(u8 *f, const u8 *src_mac, const u8 *dst_mac,
			   u16 op, const u8 *sha, u32 spa, const u8 *tha,
			   u32 tpa)
{
	static const u8 zero[6];
	u8 *a = f + fake_eth(f, dst_mac, src_mac, 0x0806);

	fake_put16(a, 1);
	fake_put16(a + 2, 0x800);
	a[4] = 6;
	a[5] = 4;
	fake_put16(a + 6, op);
	memcpy(a + 8, sha, 6);
	fake_put32(a + 14, spa);
	memcpy(a + 18, tha ? tha : zero, 6);
	fake_put32(a + 24, tpa);
	memset(a + 28, 0, 18);
	return 60;
}

/* IPv4 header + payload already at f + 34; returns the frame length */
static inline u32 fake_ip(u8 *f, const u8 *dst_mac, const u8 *src_mac,
			  u32 src, u32 dst, u8 proto, u32 l4len)
{
	u8 *ip = f + fake_eth(f, dst_mac, src_mac, 0x0800);

	ip[0] = 0x45;
	ip[1] = 0;
	fake_put16(ip + 2, 20 + l4len);
	fake_put16(ip + 4, 0x1234);
	fake_put16(ip + 6, 0);
	ip[8] = 64;
	ip[9] = proto;
	fake_put16(ip + 10, 0);
	fake_put32(ip + 12, src);
	fake_put32(ip + 16, dst);
	fake_put16(ip + 10, (u16)~fake_sum(ip, 20, 0));
	if (proto == 17) {
		u32 ps = (src >> 16) + (src & 0xffff) + (dst >> 16) +
			 (dst & 0xffff) + 17 + l4len;
		u16 c;

		fake_put16(ip + 26, 0);
		c = (u16)~fake_sum(ip + 20, l4len, ps);
		fake_put16(ip + 26, c ? c : 0xffff);
	}
	return 34 + l4len;
}

static inline u32 fake_icmp(u8 *f, const u8 *dst_mac, const u8 *src_mac,
			    u32 src, u32 dst, u8 type, u16 id, u16 seq,
			    const u8 *data, u32 len)
{
	u8 *ic = f + 34;

	ic[0] = type;
	ic[1] = 0;
	fake_put16(ic + 2, 0);
	fake_put16(ic + 4, id);
	fake_put16(ic + 6, seq);
	memmove(ic + 8, data, len);
	fake_put16(ic + 2, (u16)~fake_sum(ic, 8 + len, 0));
	return fake_ip(f, dst_mac, src_mac, src, dst, 1, 8 + len);
}

static inline u32 fake_udp(u8 *f, const u8 *dst_mac, const u8 *src_mac,
			   u32 src, u32 dst, u16 sport, u16 dport,
			   const u8 *data, u32 len)
{
	u8 *u = f + 34;

	fake_put16(u, sport);
	fake_put16(u + 2, dport);
	fake_put16(u + 4, 8 + len);
	memmove(u + 8, data, len);
	return fake_ip(f, dst_mac, src_mac, src, dst, 17, 8 + len);
}

/* The peer handles one frame the device sent. */
static inline void fake_peer_rx(struct fake_dev *fd, const u8 *f, u32 len)
{
	struct fake_peer *p = &fd->peer;
	static u8 out[FAKE_FRAME];
	const u8 *ip = f + 14;
	u32 n, tot;

	if (len < 14 || (memcmp(f, p->mac, 6) && f[0] != 0xff))
		return;
	if (be16(f + 12) == 0x0806 && len >= 42) {
		u32 tpa = (u32)be16(ip + 24) << 16 | be16(ip + 26);
		u32 spa = (u32)be16(ip + 14) << 16 | be16(ip + 16);

		if (be16(ip + 6) != 1 || tpa != p->ip)
			return;
		p->arp_requests++;
		if (!p->answer_arp)
			return;
		n = fake_arp(out, p->mac, ip + 8, 2, p->mac, p->ip, ip + 8, spa);
		fake_q_put(&fd->to_dev, out, n);
		return;
	}
	if (be16(f + 12) != 0x0800 || len < 34)
		return;
	tot = be16(ip + 2);
	if (tot < 28 || tot > len - 14)
		return;
	if (ip[9] == 1 && ip[20] == 8) {
		p->echo_requests++;
		if (!p->answer_echo)
			return;
		n = fake_icmp(out, f + 6, p->mac, p->ip,
			      (u32)be16(ip + 12) << 16 | be16(ip + 14), 0,
			      be16(ip + 24), be16(ip + 26), ip + 28, tot - 28);
		fake_q_put(&fd->to_dev, out, n);
	} else if (ip[9] == 1 && ip[20] == 0) {
		p->echo_replies++;
		p->last_reply_seq = be16(ip + 26);
		p->last_reply_len = tot - 28;
		memcpy(p->last_reply, ip + 28, tot - 28);
	} else if (ip[9] == 17 && be16(ip + 22) == 7) {
		p->udp_datagrams++;
		if (!p->answer_udp)
			return;
		n = fake_udp(out, f + 6, p->mac, p->ip,
			     (u32)be16(ip + 12) << 16 | be16(ip + 14), 7,
			     be16(ip + 20), ip + 28, tot - 28);
		fake_q_put(&fd->to_dev, out, n);
	} else if (ip[9] == 17) {
		p->udp_replies++;
		p->last_reply_len = tot - 28;
		memcpy(p->last_reply, ip + 28, tot - 28);
	}
}

#define FAKE_MAX_DEVS	4
static struct fake_dev *fake_devs[FAKE_MAX_DEVS];

/* Deliver one frame to the device as its driver would. */
static inline void fake_rx(struct fake_dev *fd, const void *f, u32 len)
{
	fd->dev.stats.rx_packets++;
	fd->dev.stats.rx_bytes += len;
	netif_rx(&fd->dev, f, len);
}

/* Move frames both ways until the wire is quiet; runs pending work. */
static inline void fake_pump(void)
{
	struct fake_frame *e;
	unsigned int i, rounds;
	bool moved = true;

	for (rounds = 0; moved && rounds < 10000; rounds++) {
		moved = false;
		fake_run_work();
		for (i = 0; i < FAKE_MAX_DEVS; i++) {
			struct fake_dev *fd = fake_devs[i];

			if (!fd)
				continue;
			while ((e = fake_q_get(&fd->to_peer))) {
				fake_peer_rx(fd, e->data, e->len);
				moved = true;
			}
			while ((e = fake_q_get(&fd->to_dev))) {
				static struct fake_frame copy;

				copy = *e;
				fake_rx(fd, copy.data, copy.len);
				moved = true;
			}
		}
	}
}

/* Advance the clock by ms, 1 ms at a time, firing timers and pumping. */
static inline void fake_advance_ms(u64 ms)
{
	while (ms--) {
		fake_now += NSEC_PER_MSEC;
		fake_run_timers();
		fake_pump();
	}
}

bool wait_cond_timeout(bool (*cond)(void *arg), void *arg, u64 timeout_ms)
{
	u64 i;

	for (i = 0; i <= timeout_ms; i++) {
		fake_pump();
		if (cond(arg))
			return true;
		if (i < timeout_ms)
			fake_advance_ms(1);
	}
	return cond(arg);
}

#endif
