// SPDX-License-Identifier: GPL-2.0
/*
 * Fuzz the IPv4 stack's receive path (net/net_core.c, net/net_parse.c)
 * through netif_rx() of a configured fake device (10.0.0.2/24, gateway
 * 10.0.0.1, selftests/host/test_net_fake.h), as a hostile peer domain
 * would: every frame it can send, in any order.
 *
 * Input: byte 0 picks the MTU (bits 0-1) and whether a ping to the
 * gateway is outstanding (bit 2); then frames, each a 2-byte big-endian
 * length (taken modulo 14 + MTU + 64, so oversize frames happen too), a
 * byte of milliseconds to advance the clock after it (ARP retries and
 * expiry), and the frame bytes, copied into a heap buffer of exactly
 * that size so ASan sees any overread.
 *
 * Checked after each input: everything the stack transmitted was a
 * well-formed frame no longer than 14 + MTU with correct IPv4, ICMP and
 * UDP checksums (checked independently of net/); every frame is counted
 * once (the reasons sum to rx_frames), malformed ones in rx_errors and
 * the others in rx_dropped; the ARP queue never exceeded its bound.
 */
#include "fuzz.h"
#include "../host/test_net_fake.h"

static struct fake_dev fd;
static struct udp_sock sock;

static void sock_rx(struct udp_sock *s, u32 src, u16 sport, const void *data,
		    u32 len)
{
	/* a user that answers, like the echo service */
	if (sport)
		udp_sendto(s, src, sport, data, len);
}

int LLVMFuzzerTestOneInput(const u8 *data, size_t size)
{
	static const u32 mtus[] = { 1500, 576, 68, 9000 };
	const struct net_counters *c;
	struct ping_result r;
	u64 sum = 0, errs = 0;
	size_t off = 1;
	unsigned int i;

	if (size < 1)
		return 0;
	net_reset_config();
	if (net_ip_option("10.0.0.2::10.0.0.1:255.255.255.0::eth0:off", NULL))
		abort();
	fake_dev_init(&fd, NULL, 1, 0x0a000001);
	fd.record_only = true;
	fd.dev.mtu = mtus[data[0] & 3];
	fake_devs[0] = &fd;
	FUZZ_CHECK(!netdev_register(&fd.dev));
	FUZZ_CHECK(!udp_bind(&sock, 5000, sock_rx, NULL));
	if (data[0] & 4)
		net_ping_send(0x0a000001, 1, 16, &r);
	while (off + 3 <= size) {
		u32 len = (u32)((data[off] << 8 | data[off + 1]) %
				(14 + fd.dev.mtu + 64));
		u32 ms = data[off + 2];
		u8 *f;

		off += 3;
		if (len > size - off)
			len = (u32)(size - off);
		f = malloc(len ? len : 1);
		FUZZ_CHECK(f);
		memcpy(f, data + off, len);
		off += len;
		fake_rx(&fd, f, len);
		free(f);
		fake_advance_ms(ms);
	}
	c = net_dev_counters(&fd.dev);
	for (i = 0; i < NET_RX_NR; i++) {
		sum += c->rx[i];
		if (i && i <= NET_RX_LAST_ERROR)
			errs += c->rx[i];
	}
	FUZZ_CHECK(sum == c->rx_frames);
	FUZZ_CHECK(c->rx_frames == fd.dev.stats.rx_packets);
	FUZZ_CHECK(errs == fd.dev.stats.rx_errors);
	FUZZ_CHECK(sum - errs - c->rx[NET_RX_OK] == fd.dev.stats.rx_dropped);
	if (fd.tx_bad)
		fprintf(stderr, "bad frame sent: check %d\n", fd.last_bad);
	FUZZ_CHECK(fd.tx_bad == 0);
	net_ping_cancel();
	udp_unbind(&sock);
	netdev_unregister(&fd.dev);
	fake_devs[0] = NULL;
	return 0;
}
