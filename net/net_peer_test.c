// SPDX-License-Identifier: GPL-2.0
/*
 * Two Tern domUs on one bridge ping each other (test_peer=A.B.C.D, the
 * other guest's address). Each side waits (bounded) for the peer to
 * answer, pings it 100 times with every size class up to the MTU (no
 * loss, contents checked by net_ping), then stays up answering until the
 * peer has had its own 101 echoes (its first probe and its 100), so that
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
	return 0;
}

static bool peer_done(void *arg)
{
	return net_dev_counters(pdev)->icmp_echo_replied >= PINGS + 1;
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
	/* stay up until the peer had its echoes */
	KTEST_EXPECT(t, wait_cond_timeout(peer_done, NULL, PEER_DONE_MS));
	ktest_log(t, "answered %llu echoes from the peer",
		  net_dev_counters(pdev)->icmp_echo_replied);
}

static const struct ktest_case peer_cases[] = {
	KTEST_CASE(ping_the_peer),
};

static const struct ktest_suite peer_suite = {
	.name = "net_peer",
	.cases = peer_cases,
	.ncases = ARRAY_SIZE(peer_cases),
	.init = peer_init,
};
KTEST_SUITE(peer_suite);
