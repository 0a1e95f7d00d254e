// SPDX-License-Identifier: GPL-2.0
/*
 * Two guests on one bridge (test_peer=A.B.C.D, the other guest's
 * address; the peer is Tern or Linux running ternnet). With
 * test_peer_sync=PORT we first tell the peer we are here (a Linux peer
 * times its echoes only from then on: before, we may be busy in other
 * suites). Each side waits
 * (bounded) for the peer to answer, pings it 100 times with every size
 * class up to the MTU (no loss, contents checked by net_ping), sends one
 * UDP datagram of every size 0..mtu - 28 to its echo port and checks
 * each echo, then stays up answering until the peer has had its own
 * 101 pings (its first probe and its 100) and UDP_SIZES echoes, so that
 * neither powers off under the other's test.
 */
#include <tern/kernel.h>
#include <tern/ktest.h>
#include <tern/net.h>
#include <tern/netdev.h>
#include <tern/string.h>
#include <tern/timer.h>
#include <tern/workqueue.h>

#define PEER_UP_MS	90000
#define PEER_DONE_MS	90000
#define PINGS		100

static u32 peer;
static u32 udp_sizes;		/* 0..mtu - 28: every UDP size either way */
static struct net_device *pdev;

static int peer_init(const char **reason)
{
	u32 addr, mask, gw;

	if (!ktest_opt_peer[0] ||
	    net_parse_ipv4(ktest_opt_peer, strlen(ktest_opt_peer), &peer)) {
		*reason = "no test_peer= address";
		return -ENODEV;
	}
	pdev = net_route(peer, &addr);
	if (!pdev || !net_dev_addr(pdev, &addr, &mask, &gw)) {
		*reason = "no interface reaches the peer";
		return -ENODEV;
	}
	udp_sizes = min(pdev->mtu, 1500U) - IP_HLEN - UDP_HLEN + 1;
	return 0;
}

static struct {
	u8 buf[1500];
	u32 len, n;
	u16 sport;
} echo;

static void echo_rx(struct udp_sock *s, u32 src, u16 sport, const void *data,
		    u32 len)
{
	if (src != peer)
		return;
	echo.len = min(len, (u32)sizeof(echo.buf));
	memcpy(echo.buf, data, echo.len);
	echo.sport = sport;
	echo.n++;
}

static bool echo_arrived(void *arg)
{
	return echo.n != *(u32 *)arg;
}

/*
 * test_peer_sync=PORT: tell the peer we are in this suite, answering
 * promptly from now on (the text to its PORT until it comes back).
 */
static void peer_ready(struct ktest *t)
{
	static const char msg[] = "tern-test: peer ready";
	static struct udp_sock s;
	u16 port = (u16)ktest_opt_peer_sync;
	u64 start = ktime_ns();
	bool back = false;

	if (!ktest_opt_peer_sync || ktest_opt_peer_sync > 0xffff) {
		ktest_skip(t, "no test_peer_sync= port");
		return;
	}
	KTEST_ASSERT(t, !udp_bind(&s, 0, echo_rx, NULL));
	while (!back && ktime_ns() - start < PEER_UP_MS * NSEC_PER_MSEC) {
		u32 before = echo.n;

		udp_sendto(&s, peer, port, msg, sizeof(msg) - 1);
		back = wait_cond_timeout(echo_arrived, &before, 200) &&
		       echo.sport == port && echo.len == sizeof(msg) - 1 &&
		       !memcmp(echo.buf, msg, echo.len);
	}
	udp_unbind(&s);
	KTEST_EXPECT(t, back);
	ktest_log(t, "the peer's port %u echoed our ready after %llu ms", port,
		  (ktime_ns() - start) / NSEC_PER_MSEC);
}

static bool peer_done(void *arg)
{
	return net_dev_counters(pdev)->icmp_echo_replied >= PINGS + 1 &&
	       net_udp_echoed() >= udp_sizes;
}

static void ping_the_peer(struct ktest *t)
{
	u32 maxlen = min(pdev->mtu, 9000U) - IP_HLEN - ICMP_HLEN, i;
	u64 start = ktime_ns(), worst = 0;
	struct ping_result r;
	unsigned int lost = 0;
	u16 seq = 0;

	/* the peer boots at its own pace: probe until it answers */
	while (net_ping(peer, seq++, 0, 500, &r)) {
		if (ktime_ns() - start > PEER_UP_MS * NSEC_PER_MSEC) {
			ktest_fail(t, __FILE__, __LINE__,
				   "peer %s never answered", ktest_opt_peer);
			return;
		}
	}
	ktest_log(t, "peer %s answered after %llu ms", ktest_opt_peer,
		  (ktime_ns() - start) / NSEC_PER_MSEC);
	for (i = 0; i < PINGS; i++) {
		u32 len = i * maxlen / (PINGS - 1);

		if (net_ping(peer, seq++, len, 1000, &r) || r.bad ||
		    r.len != len)
			lost++;
		else if (r.rtt_ns > worst)
			worst = r.rtt_ns;
	}
	KTEST_EXPECT_EQ(t, lost, 0);
	ktest_log(t, "%u pings of 0..%u bytes, %u lost, worst %llu us", PINGS,
		  maxlen, lost, worst / NSEC_PER_USEC);
}

/* One datagram of len bytes echoed intact within 3 tries. */
static bool udp_round(struct udp_sock *s, const u8 *out, u32 len)
{
	unsigned int try;

	for (try = 0; try < 3; try++) {
		u32 before = echo.n;

		if (udp_sendto(s, peer, UDP_ECHO_PORT, out, len))
			continue;
		/* a late echo of an earlier try has the same bytes */
		while (wait_cond_timeout(echo_arrived, &before, 1000)) {
			if (echo.sport == UDP_ECHO_PORT && echo.len == len &&
			    !memcmp(echo.buf, out, len))
				return true;
			before = echo.n;	/* stale: another size */
		}
	}
	return false;
}

static void udp_every_size(struct ktest *t)
{
	static u8 out[1500];
	static struct udp_sock s;
	u32 len, j, bad = 0;
	u64 t0 = ktime_ns();

	KTEST_ASSERT(t, !udp_bind(&s, 0, echo_rx, NULL));
	for (len = 0; len < udp_sizes; len++) {
		for (j = 0; j < len; j++)
			out[j] = (u8)(j * 7 + len);
		if (!udp_round(&s, out, len) && bad++ < 5)
			ktest_fail(t, __FILE__, __LINE__,
				   "no intact echo of %u bytes", len);
	}
	udp_unbind(&s);
	KTEST_EXPECT_EQ(t, bad, 0);
	ktest_log(t, "UDP echoes of 0..%u bytes, %u missing, %llu ms",
		  udp_sizes - 1, bad, (ktime_ns() - t0) / NSEC_PER_MSEC);
}

/* Stay up until the peer had its pings and echoes. */
static void peer_finished(struct ktest *t)
{
	KTEST_EXPECT(t, wait_cond_timeout(peer_done, NULL, PEER_DONE_MS));
	ktest_log(t, "answered %llu pings and %llu UDP echoes",
		  net_dev_counters(pdev)->icmp_echo_replied,
		  net_udp_echoed());
}

static const struct ktest_case peer_cases[] = {
	KTEST_CASE(peer_ready),
	KTEST_CASE(ping_the_peer),
	KTEST_CASE(udp_every_size),
	KTEST_CASE(peer_finished),
};

static const struct ktest_suite peer_suite = {
	.name = "net_peer",
	.cases = peer_cases,
	.ncases = ARRAY_SIZE(peer_cases),
	.init = peer_init,
};
KTEST_SUITE(peer_suite);
