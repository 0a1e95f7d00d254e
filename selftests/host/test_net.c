// SPDX-License-Identifier: GPL-2.0
/*
 * Host tests for the IPv4 stack (net/net_core.c) end to end: a fake
 * device wired to a scripted peer host (test_net_fake.h, written from
 * the RFCs, not from net/). ARP resolution, retries, expiry and the
 * bounded queue; ping both ways; UDP echo of every size 0..1472 both
 * ways with contents checked; two devices on two subnets; malformed
 * frames dropped with the right counter and nothing sent in return.
 */
#include <stdarg.h>
#include <setjmp.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "test_net_fake.h"

#define TERN_IP	0x0a000002	/* 10.0.0.2 */
#define GW_IP	0x0a000001	/* 10.0.0.1, the peer */
#define MASK	0xffffff00

static struct fake_dev fa, fb;

static int setup(void **state)
{
	net_reset_config();
	assert_int_equal(net_ip_option("10.0.0.2::10.0.0.1:255.255.255.0::eth0:off", NULL), 0);
	fake_dev_init(&fa, NULL, 1, GW_IP);
	fake_devs[0] = &fa;
	assert_int_equal(netdev_register(&fa.dev), 0);
	assert_string_equal(fa.dev.name, "eth0");
	return 0;
}

static int teardown(void **state)
{
	unsigned int i;

	for (i = 0; i < FAKE_MAX_DEVS; i++) {
		if (fake_devs[i])
			netdev_unregister(&fake_devs[i]->dev);
		fake_devs[i] = NULL;
	}
	net_ping_cancel();
	fake_advance_ms(1);	/* let a pending tick find nothing */
	return 0;
}

static const struct net_counters *cnt(struct fake_dev *fd)
{
	return net_dev_counters(&fd->dev);
}

static void configured(void **state)
{
	u32 a, m, g, nh;

	assert_true(net_dev_addr(&fa.dev, &a, &m, &g));
	assert_int_equal(a, TERN_IP);
	assert_int_equal(m, MASK);
	assert_int_equal(g, GW_IP);
	assert_ptr_equal(netdev_find("eth0"), &fa.dev);
	assert_ptr_equal(netdev_get(0), &fa.dev);
	assert_null(netdev_get(1));
	assert_ptr_equal(net_route(0x0a000005, &nh), &fa.dev);
	assert_int_equal(nh, 0x0a000005);
	assert_ptr_equal(net_route(0x08080808, &nh), &fa.dev);
	assert_int_equal(nh, GW_IP);
	/* a second device with the same name is refused */
	fake_dev_init(&fb, "eth0", 2, 0);
	assert_int_equal(netdev_register(&fb.dev), -EEXIST);
}

static void arp_resolve_and_expire(void **state)
{
	struct arp_entry e;
	u8 mac[6];

	assert_int_equal(arp_resolve(GW_IP, mac, 1000), 0);
	assert_memory_equal(mac, fa.peer.mac, 6);
	assert_int_equal(fa.peer.arp_requests, 1);
	assert_int_equal(cnt(&fa)->arp_requests_sent, 1);
	assert_true(arp_entry_get(&fa.dev, 0, &e));
	assert_int_equal(e.state, ARP_RESOLVED);
	assert_int_equal(e.ip, GW_IP);
	/* cached: no new request */
	assert_int_equal(arp_resolve(GW_IP, mac, 1000), 0);
	assert_int_equal(fa.peer.arp_requests, 1);
	/* expired: the timer tick frees it, the next use asks again */
	fake_advance_ms(ARP_EXPIRE_MS + 1);
	net_tick();
	assert_true(arp_entry_get(&fa.dev, 0, &e));
	assert_int_equal(e.state, ARP_FREE);
	assert_int_equal(arp_resolve(GW_IP, mac, 1000), 0);
	assert_int_equal(fa.peer.arp_requests, 2);
	assert_false(arp_entry_get(&fa.dev, ARP_ENTRIES, &e));
	assert_int_equal(fa.tx_bad, 0);
}

static void arp_retries_then_fails(void **state)
{
	u8 mac[6];
	struct ping_result r;
	unsigned int i;

	fa.peer.answer_arp = false;
	/* queued while resolving, bounded */
	for (i = 0; i < ARP_QUEUE_MAX + 3; i++)
		assert_int_equal(net_ping_send(GW_IP, (u16)i, 10, &r), 0);
	net_ping_cancel();
	assert_int_equal(cnt(&fa)->arp_queue_dropped, 3);
	assert_int_equal(fa.dev.stats.tx_dropped, 3);
	assert_int_equal(arp_resolve(GW_IP, mac, 10 * ARP_RETRY_MS), -ETIMEDOUT);
	assert_int_equal(fa.peer.arp_requests, ARP_RETRIES);
	assert_int_equal(cnt(&fa)->arp_resolve_failed, 1);
	assert_int_equal(cnt(&fa)->arp_queue_dropped, ARP_QUEUE_MAX + 3);
	assert_int_equal(fa.peer.echo_requests, 0);
	/* the ping that never resolves times out, bounded */
	assert_int_equal(net_ping(0x0a000063, 1, 0, 300, &r), -ETIMEDOUT);
	fake_advance_ms(ARP_RETRIES * ARP_RETRY_MS + NET_TICK_MS);
	assert_int_equal(cnt(&fa)->arp_resolve_failed, 2);
	/* the peer answers again: the queued packet goes out on resolution */
	fa.peer.answer_arp = true;
	assert_int_equal(net_ping(GW_IP, 7, 100, 1000, &r), 0);
	assert_int_equal(fa.peer.echo_requests, 1);
	assert_int_equal(fa.tx_bad, 0);
}

static void arp_cache_bounded(void **state)
{
	struct ping_result r;
	struct arp_entry e;
	unsigned int i, used = 0;

	/* more hosts than entries: the least recently used resolved goes */
	for (i = 0; i < ARP_ENTRIES + 4; i++) {
		fa.peer.ip = 0x0a000010 + i;
		assert_int_equal(net_ping(fa.peer.ip, 1, 8, 1000, &r), 0);
	}
	for (i = 0; arp_entry_get(&fa.dev, i, &e); i++)
		used += e.state != ARP_FREE;
	assert_int_equal(used, ARP_ENTRIES);
	assert_int_equal(cnt(&fa)->arp_evicted, 4);
}

static void ping_out_every_size(void **state)
{
	struct ping_result r;
	u32 len;

	for (len = 0; len <= 1500 - 28; len++) {
		assert_int_equal(net_ping(GW_IP, (u16)len, len, 100, &r), 0);
		assert_int_equal(r.len, len);
	}
	/* bigger than the MTU: refused, nothing sent */
	assert_int_equal(net_ping(GW_IP, 1, 1500 - 27, 100, &r), -EMSGSIZE);
	/* the peer stops answering: timeout, bounded */
	fa.peer.answer_echo = false;
	assert_int_equal(net_ping(GW_IP, 2, 56, 50, &r), -ETIMEDOUT);
	assert_int_equal(fa.tx_bad, 0);
}

/* The peer pings Tern, the way dom0 will. */
static void ping_in_every_size(void **state)
{
	static u8 f[FAKE_FRAME], data[1500];
	u32 len, i, n;

	for (len = 0; len <= 1472; len++) {
		for (i = 0; i < len; i++)
			data[i] = (u8)(i ^ len);
		n = fake_icmp(f, fa.dev.mac, fa.peer.mac, GW_IP, TERN_IP, 8,
			      0x99, (u16)len, data, len);
		fake_rx(&fa, f, n);
		fake_pump();
		assert_int_equal(fa.peer.echo_replies, len + 1);
		assert_int_equal(fa.peer.last_reply_seq, (u16)len);
		assert_int_equal(fa.peer.last_reply_len, len);
		assert_memory_equal(fa.peer.last_reply, data, len);
	}
	assert_int_equal(cnt(&fa)->icmp_echo_replied, 1473);
	/* Tern learnt the peer from its ARP request, or asked once */
	assert_true(fa.peer.arp_requests <= 1);
	assert_int_equal(fa.tx_bad, 0);
	assert_int_equal(fa.dev.stats.rx_errors, 0);
}

static u8 got[1500];
static u32 got_len, got_src, got_n;
static u16 got_sport;

static void udp_rx_cb(struct udp_sock *s, u32 src, u16 sport,
		      const void *data, u32 len)
{
	memcpy(got, data, len);
	got_len = len;
	got_src = src;
	got_sport = sport;
	got_n++;
}

static void udp_echo_both_ways(void **state)
{
	static u8 f[FAKE_FRAME], data[1500];
	struct udp_sock s = { 0 };
	u32 len, i, n;

	assert_int_equal(udp_bind(&s, 0, udp_rx_cb, NULL), 0);
	assert_true(s.port >= UDP_EPHEMERAL);
	got_n = 0;
	/* Tern -> peer port 7 -> Tern */
	for (len = 0; len <= 1472; len++) {
		for (i = 0; i < len; i++)
			data[i] = (u8)(i * 3 + len);
		assert_int_equal(udp_sendto(&s, GW_IP, 7, data, len), 0);
		fake_pump();
		assert_int_equal(got_n, len + 1);
		assert_int_equal(got_len, len);
		assert_int_equal(got_src, GW_IP);
		assert_int_equal(got_sport, 7);
		assert_memory_equal(got, data, len);
	}
	assert_int_equal(udp_sendto(&s, GW_IP, 7, data, 1473), -EMSGSIZE);
	/* peer -> Tern's echo service on port 7 -> peer */
	for (len = 0; len <= 1472; len++) {
		for (i = 0; i < len; i++)
			data[i] = (u8)(i * 5 + len);
		n = fake_udp(f, fa.dev.mac, fa.peer.mac, GW_IP, TERN_IP, 4000,
			     7, data, len);
		fake_rx(&fa, f, n);
		fake_pump();
		assert_int_equal(fa.peer.udp_replies, len + 1);
		assert_int_equal(fa.peer.last_reply_len, len);
		assert_memory_equal(fa.peer.last_reply, data, len);
	}
	/* a port nobody has bound is dropped and counted */
	n = fake_udp(f, fa.dev.mac, fa.peer.mac, GW_IP, TERN_IP, 4000, 9,
		     data, 4);
	fake_rx(&fa, f, n);
	assert_int_equal(cnt(&fa)->rx[NET_RX_UDP_NO_PORT], 1);
	assert_int_equal(udp_bind(&s, 7, udp_rx_cb, NULL), -EADDRINUSE);
	udp_unbind(&s);
	assert_int_equal(fa.last_bad, 0);
	assert_int_equal(fa.tx_bad, 0);
}

static void two_devices(void **state)
{
	struct ping_result r;
	u32 nh;

	net_reset_config();
	assert_int_equal(net_ip_option("192.168.7.2:::255.255.255.0::eth1:off", NULL), 0);
	fake_dev_init(&fb, NULL, 2, 0xc0a80701);
	fake_devs[1] = &fb;
	assert_int_equal(netdev_register(&fb.dev), 0);
	assert_string_equal(fb.dev.name, "eth1");
	assert_ptr_equal(net_route(0xc0a80709, &nh), &fb.dev);
	assert_ptr_equal(net_route(0x0a000009, &nh), &fa.dev);
	assert_int_equal(net_ping(0xc0a80701, 1, 56, 1000, &r), 0);
	assert_int_equal(net_ping(GW_IP, 1, 56, 1000, &r), 0);
	assert_int_equal(fb.peer.echo_requests, 1);
	assert_int_equal(fa.peer.echo_requests, 1);
	/* unregistering eth0 frees the name and its routes */
	netdev_unregister(&fa.dev);
	fake_devs[0] = NULL;
	assert_ptr_equal(net_route(0x08080808, &nh), NULL);
	assert_int_equal(net_ping(GW_IP, 1, 56, 100, &r), -ENETUNREACH);
	fake_dev_init(&fa, NULL, 1, GW_IP);
	assert_int_equal(netdev_register(&fa.dev), 0);
	assert_string_equal(fa.dev.name, "eth0");
	fake_devs[0] = &fa;
}

/* A frame from the peer that must be dropped with reason r, silently. */
static void expect_drop(u8 *f, u32 len, enum net_rx_reason r)
{
	u64 before = cnt(&fa)->rx[r], frames = fa.tx_frames;
	u64 errs = fa.dev.stats.rx_errors, drops = fa.dev.stats.rx_dropped;

	fake_rx(&fa, f, len);
	fake_pump();
	if (cnt(&fa)->rx[r] != before + 1)
		fprintf(stderr, "expected a drop for %s\n",
			net_rx_reason_name(r));
	assert_int_equal(cnt(&fa)->rx[r], before + 1);
	if (r <= NET_RX_LAST_ERROR)
		assert_int_equal(fa.dev.stats.rx_errors, errs + 1);
	else
		assert_int_equal(fa.dev.stats.rx_dropped, drops + 1);
	assert_int_equal(fa.tx_frames, frames);
}

static void malformed_frames(void **state)
{
	static u8 f[FAKE_FRAME];
	u8 *ip = f + 14;
	u8 data[64] = { 1, 2, 3 };
	static const u8 other[6] = { 0x00, 0x16, 0x3e, 9, 9, 9 };
	static const u8 bcast[6] = { 0xff, 0xff, 0xff, 0xff, 0xff, 0xff };
	u32 n, i, sum = 0;
	struct ping_result r;

	/* learn the peer first so that nothing below needs ARP */
	assert_int_equal(net_ping(GW_IP, 1, 0, 1000, &r), 0);
	for (n = 0; n < 14; n++)
		expect_drop(f, n, NET_RX_RUNT);
	memset(f, 0, sizeof(f));
	expect_drop(f, 14 + 1501, NET_RX_OVERSIZE);
	n = fake_icmp(f, other, fa.peer.mac, GW_IP, TERN_IP, 8, 1, 1, data, 8);
	expect_drop(f, n, NET_RX_NOT_OURS);
	n = fake_eth(f, fa.dev.mac, fa.peer.mac, 0x86dd);
	expect_drop(f, 60, NET_RX_ETHERTYPE);
	n = fake_eth(f, fa.dev.mac, fa.peer.mac, 0x8100);
	expect_drop(f, 60, NET_RX_ETHERTYPE);
	/* ARP with wrong sizes, truncated, for someone else */
	n = fake_arp(f, fa.peer.mac, bcast, 1, fa.peer.mac, GW_IP, NULL, TERN_IP);
	f[14 + 4] = 8;
	expect_drop(f, n, NET_RX_ARP_BAD);
	n = fake_arp(f, fa.peer.mac, bcast, 1, fa.peer.mac, GW_IP, NULL, TERN_IP);
	f[14 + 5] = 6;
	expect_drop(f, n, NET_RX_ARP_BAD);
	expect_drop(f, 14 + 27, NET_RX_ARP_BAD);
	n = fake_arp(f, fa.peer.mac, bcast, 1, fa.peer.mac, 0x0a000050, NULL, 0x0a000077);
	expect_drop(f, n, NET_RX_ARP_IGNORED);
	n = fake_arp(f, fa.peer.mac, bcast, 1, fa.peer.mac, 0x0b000001, NULL, TERN_IP);
	expect_drop(f, n, NET_RX_ARP_IGNORED);
	n = fake_arp(f, fa.peer.mac, bcast, 1, fa.peer.mac, TERN_IP, NULL, TERN_IP);
	expect_drop(f, n, NET_RX_ARP_IGNORED);
	/* IPv4: header length < 20, beyond the frame, total length lies */
	n = fake_icmp(f, fa.dev.mac, fa.peer.mac, GW_IP, TERN_IP, 8, 1, 1, data, 8);
	ip[0] = 0x44;
	expect_drop(f, n, NET_RX_IP_BAD_HDR);
	ip[0] = 0x4f;
	expect_drop(f, n, NET_RX_IP_BAD_HDR);
	expect_drop(f, 14 + 19, NET_RX_IP_BAD_HDR);
	n = fake_icmp(f, fa.dev.mac, fa.peer.mac, GW_IP, TERN_IP, 8, 1, 1, data, 8);
	expect_drop(f, n - 1, NET_RX_IP_BAD_LEN);
	n = fake_icmp(f, fa.dev.mac, fa.peer.mac, GW_IP, TERN_IP, 8, 1, 1, data, 8);
	ip[11] ^= 0x55;
	expect_drop(f, n, NET_RX_IP_BAD_CSUM);
	/* a fragment */
	n = fake_icmp(f, fa.dev.mac, fa.peer.mac, GW_IP, TERN_IP, 8, 1, 1, data, 8);
	ip[6] = 0x20;
	fake_put16(ip + 10, 0);
	fake_put16(ip + 10, (u16)~fake_sum(ip, 20, 0));
	expect_drop(f, n, NET_RX_IP_FRAG);
	/* not our address, unknown protocol, spoofed source */
	n = fake_icmp(f, fa.dev.mac, fa.peer.mac, GW_IP, 0x0a000003, 8, 1, 1, data, 8);
	expect_drop(f, n, NET_RX_IP_NOT_OURS);
	n = fake_ip(f, fa.dev.mac, fa.peer.mac, GW_IP, TERN_IP, 6, 20);
	expect_drop(f, n, NET_RX_IP_PROTO);
	n = fake_icmp(f, fa.dev.mac, fa.peer.mac, TERN_IP, TERN_IP, 8, 1, 1, data, 8);
	expect_drop(f, n, NET_RX_IP_BAD_SRC);
	/* ICMP: bad checksum, truncated, echo to broadcast, stray reply */
	n = fake_icmp(f, fa.dev.mac, fa.peer.mac, GW_IP, TERN_IP, 8, 1, 1, data, 8);
	f[34 + 9] ^= 1;
	expect_drop(f, n, NET_RX_ICMP_BAD);
	n = fake_ip(f, fa.dev.mac, fa.peer.mac, GW_IP, TERN_IP, 1, 4);
	expect_drop(f, n, NET_RX_ICMP_BAD);
	n = fake_icmp(f, bcast, fa.peer.mac, GW_IP, 0x0a0000ff, 8, 1, 1, data, 8);
	expect_drop(f, n, NET_RX_BCAST_IGNORED);
	n = fake_icmp(f, fa.dev.mac, fa.peer.mac, GW_IP, TERN_IP, 0, 1, 1, data, 8);
	expect_drop(f, n, NET_RX_ICMP_IGNORED);
	/* UDP: zero length, length beyond the packet, bad checksum */
	n = fake_udp(f, fa.dev.mac, fa.peer.mac, GW_IP, TERN_IP, 9, 7, data, 8);
	fake_put16(f + 38, 0);
	fake_put16(f + 40, 0);
	expect_drop(f, n, NET_RX_UDP_BAD_LEN);
	n = fake_udp(f, fa.dev.mac, fa.peer.mac, GW_IP, TERN_IP, 9, 7, data, 8);
	fake_put16(f + 38, 17);
	fake_put16(f + 40, 0);
	expect_drop(f, n, NET_RX_UDP_BAD_LEN);
	n = fake_udp(f, fa.dev.mac, fa.peer.mac, GW_IP, TERN_IP, 9, 7, data, 8);
	f[n - 1] ^= 1;
	expect_drop(f, n, NET_RX_UDP_BAD_CSUM);
	n = fake_ip(f, fa.dev.mac, fa.peer.mac, GW_IP, TERN_IP, 17, 7);
	expect_drop(f, n, NET_RX_UDP_BAD_LEN);
	n = fake_udp(f, bcast, fa.peer.mac, GW_IP, IP_BROADCAST, 9, 7, data, 8);
	expect_drop(f, n, NET_RX_BCAST_IGNORED);
	/* a UDP checksum of 0 means none: accepted and echoed */
	n = fake_udp(f, fa.dev.mac, fa.peer.mac, GW_IP, TERN_IP, 9, 7, data, 8);
	fake_put16(f + 40, 0);
	i = fa.peer.udp_replies;
	fake_rx(&fa, f, n);
	fake_pump();
	assert_int_equal(fa.peer.udp_replies, i + 1);
	/* the counters add up */
	for (i = 0; i < NET_RX_NR; i++)
		sum += cnt(&fa)->rx[i];
	assert_int_equal(sum, cnt(&fa)->rx_frames);
	sum = 0;
	for (i = NET_RX_OK + 1; i <= NET_RX_LAST_ERROR; i++)
		sum += cnt(&fa)->rx[i];
	assert_int_equal(sum, fa.dev.stats.rx_errors);
	assert_int_equal(fa.tx_bad, 0);
}

static void unconfigured_device(void **state)
{
	static u8 f[FAKE_FRAME];
	u8 data[8] = { 0 };
	u32 n;

	net_reset_config();
	fake_dev_init(&fb, "vif9", 2, 0x0a000001);
	fake_devs[1] = &fb;
	assert_int_equal(netdev_register(&fb.dev), 0);
	n = fake_icmp(f, fb.dev.mac, fb.peer.mac, 0x0a000001, TERN_IP, 8, 1, 1, data, 8);
	fake_rx(&fb, f, n);
	n = fake_arp(f, fb.peer.mac, fb.dev.mac, 1, fb.peer.mac, 0x0a000001, NULL, TERN_IP);
	fake_rx(&fb, f, n);
	fake_pump();
	assert_int_equal(net_dev_counters(&fb.dev)->rx[NET_RX_IP_NOT_OURS], 1);
	assert_int_equal(net_dev_counters(&fb.dev)->rx[NET_RX_ARP_IGNORED], 1);
	assert_int_equal(fb.tx_frames, 0);
	/* unregistered: frames only counted as dropped */
	netdev_unregister(&fb.dev);
	fake_devs[1] = NULL;
	netif_rx(&fb.dev, f, n);
	assert_int_equal(fb.dev.stats.rx_dropped, 3);
	/* bad devices are refused */
	fb.dev.mtu = 20;
	assert_int_equal(netdev_register(&fb.dev), -EINVAL);
}

static void xmit_errors(void **state)
{
	struct ping_result r;

	assert_int_equal(net_ping(GW_IP, 1, 0, 1000, &r), 0);
	fa.xmit_ret = -EBUSY;
	assert_int_equal(net_ping(GW_IP, 2, 0, 10, &r), -EBUSY);
	assert_int_equal(cnt(&fa)->tx_xmit_errors, 1);
	fa.xmit_ret = 0;
	assert_int_equal(net_ping(GW_IP, 3, 0, 10, &r), 0);
}

#define T(f)	cmocka_unit_test_setup_teardown(f, setup, teardown)

int main(void)
{
	const struct CMUnitTest tests[] = {
		T(configured),
		T(arp_resolve_and_expire),
		T(arp_retries_then_fails),
		T(arp_cache_bounded),
		T(ping_out_every_size),
		T(ping_in_every_size),
		T(udp_echo_both_ways),
		T(two_devices),
		T(malformed_frames),
		T(unconfigured_device),
		T(xmit_errors),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
