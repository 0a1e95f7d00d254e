// SPDX-License-Identifier: GPL-2.0
/*
 * In-kernel tests of the IPv4 stack.
 *
 * net_logic needs no network: checksums against known vectors, the
 * parsers on hostile headers, the ip= parser. It always runs.
 *
 * net needs an interface with an address and a gateway (ip= on the
 * command line, a NIC driver that registered): it resolves the gateway,
 * pings it 100 times with data sizes from 0 to mtu - 28 (contents
 * checked, no loss), sends UDP datagrams of several sizes to the
 * gateway's echo port 7 and checks what comes back, and pings a silent
 * address of the subnet (the highest host address that is neither ours
 * nor the gateway: the test bed must leave it unused), which must time
 * out within its bound.
 */
#include <tern/kernel.h>
#include <tern/ktest.h>
#include <tern/net.h>
#include <tern/string.h>
#include <tern/timer.h>
#include <tern/workqueue.h>

/* ---- net_logic ------------------------------------------------------------- */

static void csum_vectors(struct ktest *t)
{
	static const u8 v[] = { 0x00, 0x01, 0xf2, 0x03, 0xf4, 0xf5, 0xf6, 0xf7 };
	static const u8 ip[] = { 0x45, 0x00, 0x00, 0x73, 0x00, 0x00, 0x40,
				 0x00, 0x40, 0x11, 0xb8, 0x61, 0xc0, 0xa8,
				 0x00, 0x01, 0xc0, 0xa8, 0x00, 0xc7 };

	KTEST_EXPECT_EQ(t, net_csum_add(0, v, sizeof(v)), 0xddf2);
	KTEST_EXPECT_EQ(t, net_csum(v, sizeof(v)), 0x220d);
	KTEST_EXPECT_EQ(t, net_csum(ip, sizeof(ip)), 0);
}

static void parsers_hostile(struct ktest *t)
{
	static const u8 ip[] = { 0x45, 0x00, 0x00, 0x73, 0x00, 0x00, 0x40,
				 0x00, 0x40, 0x11, 0xb8, 0x61, 0xc0, 0xa8,
				 0x00, 0x01, 0xc0, 0xa8, 0x00, 0xc7 };
	struct ip_view v;
	struct arp_view a;
	u8 buf[20];
	u32 len;

	/* total length 0x73 beyond these 20 bytes */
	KTEST_EXPECT_EQ(t, ip_parse(ip, sizeof(ip), &v), NET_RX_IP_BAD_LEN);
	for (len = 0; len < 20; len++)
		KTEST_EXPECT_EQ(t, ip_parse(ip, len, &v), NET_RX_IP_BAD_HDR);
	memcpy(buf, ip, sizeof(buf));
	buf[0] = 0x44;
	KTEST_EXPECT_EQ(t, ip_parse(buf, sizeof(buf), &v), NET_RX_IP_BAD_HDR);
	buf[0] = 0x45;
	buf[11] ^= 1;
	KTEST_EXPECT_EQ(t, ip_parse(buf, sizeof(buf), &v), NET_RX_IP_BAD_CSUM);
	KTEST_EXPECT_EQ(t, arp_parse(buf, sizeof(buf), &a), NET_RX_ARP_BAD);
}

static void ipcfg_forms(struct ktest *t)
{
	struct net_ipcfg c;

	KTEST_EXPECT_EQ(t, net_parse_ipcfg("10.0.0.2::10.0.0.1:255.255.255.0::eth0:off", &c), 0);
	KTEST_EXPECT_EQ(t, c.addr, 0x0a000002);
	KTEST_EXPECT_EQ(t, c.gateway, 0x0a000001);
	KTEST_EXPECT_EQ(t, c.netmask, 0xffffff00);
	KTEST_EXPECT(t, !strcmp(c.dev, "eth0"));
	KTEST_EXPECT_EQ(t, net_parse_ipcfg("10.0.0.2::10.0.1.1:255.255.255.0::eth0:off", &c), -EINVAL);
}

static const struct ktest_case logic_cases[] = {
	KTEST_CASE(csum_vectors),
	KTEST_CASE(parsers_hostile),
	KTEST_CASE(ipcfg_forms),
};

static const struct ktest_suite net_logic_suite = {
	.name = "net_logic",
	.cases = logic_cases,
	.ncases = ARRAY_SIZE(logic_cases),
};
KTEST_SUITE(net_logic_suite);

/* ---- net ------------------------------------------------------------------- */

static struct net_device *tdev;
static u32 taddr, tmask, tgw;

static int net_init(const char **reason)
{
	struct net_device *d;
	unsigned int i;

	for (i = 0; (d = netdev_get(i)); i++) {
		if (net_dev_addr(d, &taddr, &tmask, &tgw) && tgw) {
			tdev = d;
			return 0;
		}
	}
	*reason = netdev_get(0) ? "no interface with ip= address and gateway" :
				  "no network interface";
	return -ENODEV;
}

static void arp_gateway(struct ktest *t)
{
	u8 mac[ETH_ALEN];
	int ret = arp_resolve(tgw, mac, 3000);

	KTEST_EXPECT_EQ(t, ret, 0);
	if (!ret)
		ktest_log(t, "gateway %02x:%02x:%02x:%02x:%02x:%02x", mac[0],
			  mac[1], mac[2], mac[3], mac[4], mac[5]);
}

static void ping_gateway(struct ktest *t)
{
	u32 maxlen = min(tdev->mtu, 9000U) - IP_HLEN - ICMP_HLEN, len, i;
	u64 sum = 0, worst = 0;
	struct ping_result r;
	unsigned int lost = 0;
	int ret;

	for (i = 0; i < 100; i++) {
		len = i * maxlen / 99;
		ret = net_ping(tgw, (u16)i, len, 1000, &r);
		if (ret) {
			lost++;
			ktest_fail(t, __FILE__, __LINE__,
				   "ping seq %u len %u: %d", i, len, ret);
			continue;
		}
		KTEST_EXPECT_EQ(t, r.len, len);
		sum += r.rtt_ns;
		worst = max(worst, r.rtt_ns);
	}
	ktest_log(t, "100 pings 0..%u bytes, %u lost, rtt avg %llu us max %llu us",
		  maxlen, lost, lost < 100 ? sum / (100 - lost) / 1000 : 0,
		  worst / 1000);
}

static struct {
	u8 buf[1500];
	u32 len, n;
	u32 src;
	u16 sport;
} echo;

static void echo_rx(struct udp_sock *s, u32 src, u16 sport, const void *data,
		    u32 len)
{
	echo.len = min(len, (u32)sizeof(echo.buf));
	memcpy(echo.buf, data, echo.len);
	echo.src = src;
	echo.sport = sport;
	echo.n++;
}

static bool echo_arrived(void *arg)
{
	return echo.n != *(u32 *)arg;
}

static void udp_echo_gateway(struct ktest *t)
{
	static const u32 sizes[] = { 0, 1, 18, 64, 512, 1000, 1471, 1472 };
	static u8 out[1472];
	static struct udp_sock s;
	u32 maxlen = min(tdev->mtu, 1500U) - IP_HLEN - UDP_HLEN;
	u32 i, j, before;
	int ret;

	KTEST_ASSERT(t, !udp_bind(&s, 0, echo_rx, NULL));
	for (i = 0; i < ARRAY_SIZE(sizes); i++) {
		u32 len = sizes[i];

		if (len > maxlen)
			continue;
		for (j = 0; j < len; j++)
			out[j] = (u8)(j * 11 + i);
		before = echo.n;
		ret = udp_sendto(&s, tgw, UDP_ECHO_PORT, out, len);
		KTEST_EXPECT_EQ(t, ret, 0);
		if (!wait_cond_timeout(echo_arrived, &before, 2000)) {
			ktest_fail(t, __FILE__, __LINE__,
				   "no echo of %u bytes from the gateway's port 7",
				   len);
			continue;
		}
		KTEST_EXPECT_EQ(t, echo.src, tgw);
		KTEST_EXPECT_EQ(t, echo.sport, UDP_ECHO_PORT);
		KTEST_EXPECT_EQ(t, echo.len, len);
		KTEST_EXPECT(t, !memcmp(echo.buf, out, len));
	}
	udp_unbind(&s);
}

static void ping_silent_times_out(struct ktest *t)
{
	u32 bcast = taddr | ~tmask, silent = bcast - 1;
	struct ping_result r;
	u64 t0;
	int ret;

	if (tmask >= 0xfffffffc) {
		ktest_skip(t, "subnet too small for a silent address");
		return;
	}
	while (silent == taddr || silent == tgw)
		silent--;
	t0 = ktime_ns();
	ret = net_ping(silent, 1, 56, 1000, &r);
	KTEST_EXPECT_EQ(t, ret, -ETIMEDOUT);
	KTEST_EXPECT(t, ktime_ns() - t0 < 1500 * NSEC_PER_MSEC);
}

static const struct ktest_case net_cases[] = {
	KTEST_CASE(arp_gateway),
	KTEST_CASE(ping_gateway),
	KTEST_CASE(udp_echo_gateway),
	KTEST_CASE(ping_silent_times_out),
};

static const struct ktest_suite net_suite = {
	.name = "net",
	.cases = net_cases,
	.ncases = ARRAY_SIZE(net_cases),
	.init = net_init,
};
KTEST_SUITE(net_suite);
