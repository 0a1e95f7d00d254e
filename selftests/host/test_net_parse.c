// SPDX-License-Identifier: GPL-2.0
/*
 * Host tests for net/net_parse.c: the Internet checksum against known
 * vectors, each header parser against well-formed and hostile input
 * (every length that lies, every truncation), and the ip= option parser.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include <tern/net.h>

static void checksum_vectors(void **state)
{
	/* RFC 1071 section 3 */
	static const u8 v[] = { 0x00, 0x01, 0xf2, 0x03, 0xf4, 0xf5, 0xf6, 0xf7 };
	/* a real IPv4 header (checksum 0xb861 at offset 10) */
	static const u8 ip[] = { 0x45, 0x00, 0x00, 0x73, 0x00, 0x00, 0x40,
				 0x00, 0x40, 0x11, 0xb8, 0x61, 0xc0, 0xa8,
				 0x00, 0x01, 0xc0, 0xa8, 0x00, 0xc7 };
	u8 odd[3] = { 0x01, 0x02, 0x03 };
	u8 big[2000];
	u32 i;

	assert_int_equal(net_csum_add(0, v, sizeof(v)), 0xddf2);
	assert_int_equal(net_csum(v, sizeof(v)), 0x220d);
	assert_int_equal(net_csum(ip, sizeof(ip)), 0);
	/* odd length: the last byte is the high half of a word */
	assert_int_equal(net_csum_add(0, odd, 3), 0x0102 + 0x0300);
	assert_int_equal(net_csum(NULL, 0), 0xffff);
	memset(big, 0xff, sizeof(big));
	assert_int_equal(net_csum(big, sizeof(big)), 0);
	for (i = 0; i < sizeof(big); i++)
		big[i] = (u8)(i * 13);
	/* the sum of a buffer with its own checksum appended is 0 */
	{
		u16 c = net_csum(big, 1000);

		big[1000] = c >> 8;
		big[1001] = c & 0xff;
		assert_int_equal(net_csum(big, 1002), 0);
	}
	assert_int_equal(net_pseudo_sum(0xc0a80001, 0xc0a800c7, 17, 8),
			 net_csum_add(0, (const u8[]){ 0xc0, 0xa8, 0, 1, 0xc0,
						       0xa8, 0, 0xc7, 0, 17,
						       0, 8 }, 12));
}

static u32 mkip(u8 *p, u32 hlen, u32 total, u16 frag, u32 src, u32 dst,
		u8 proto)
{
	u16 c;

	memset(p, 0, hlen);
	p[0] = 0x40 | (hlen / 4);
	net_put16(p + 2, (u16)total);
	net_put16(p + 6, frag);
	p[8] = 64;
	p[9] = proto;
	net_put32(p + 12, src);
	net_put32(p + 16, dst);
	c = net_csum(p, hlen);
	net_put16(p + 10, c);
	return total;
}

static void ip_headers(void **state)
{
	u8 p[128];
	struct ip_view v;
	u32 len;

	memset(p, 0xab, sizeof(p));
	mkip(p, 20, 60, 0x4000, 0x0a000001, 0x0a000002, 17);
	assert_int_equal(ip_parse(p, 60, &v), NET_RX_OK);
	assert_int_equal(v.ihl, 20);
	assert_int_equal(v.len, 40);
	assert_ptr_equal(v.payload, p + 20);
	assert_int_equal(v.src, 0x0a000001);
	/* trailing padding beyond total length is fine */
	assert_int_equal(ip_parse(p, 100, &v), NET_RX_OK);
	assert_int_equal(v.len, 40);
	/* total length beyond the frame */
	assert_int_equal(ip_parse(p, 59, &v), NET_RX_IP_BAD_LEN);
	/* truncated header, every length */
	for (len = 0; len < 20; len++)
		assert_int_equal(ip_parse(p, len, &v), NET_RX_IP_BAD_HDR);
	/* IHL < 5 */
	p[0] = 0x44;
	assert_int_equal(ip_parse(p, 60, &v), NET_RX_IP_BAD_HDR);
	/* IHL beyond the frame */
	mkip(p, 60, 60, 0, 0x0a000001, 0x0a000002, 17);
	assert_int_equal(ip_parse(p, 60, &v), NET_RX_OK);
	assert_int_equal(v.len, 0);
	assert_int_equal(ip_parse(p, 56, &v), NET_RX_IP_BAD_HDR);
	/* total length < IHL */
	mkip(p, 24, 20, 0, 0x0a000001, 0x0a000002, 17);
	assert_int_equal(ip_parse(p, 60, &v), NET_RX_IP_BAD_LEN);
	/* options skipped */
	mkip(p, 24, 30, 0, 0x0a000001, 0x0a000002, 1);
	assert_int_equal(ip_parse(p, 60, &v), NET_RX_OK);
	assert_ptr_equal(v.payload, p + 24);
	assert_int_equal(v.len, 6);
	/* version 6 */
	mkip(p, 20, 40, 0, 0x0a000001, 0x0a000002, 17);
	p[0] = 0x65;
	assert_int_equal(ip_parse(p, 60, &v), NET_RX_IP_BAD_HDR);
	/* bad checksum */
	mkip(p, 20, 40, 0, 0x0a000001, 0x0a000002, 17);
	p[11] ^= 1;
	assert_int_equal(ip_parse(p, 60, &v), NET_RX_IP_BAD_CSUM);
	/* fragments: MF, offset, both */
	mkip(p, 20, 40, 0x2000, 0x0a000001, 0x0a000002, 17);
	assert_int_equal(ip_parse(p, 60, &v), NET_RX_IP_FRAG);
	mkip(p, 20, 40, 0x0001, 0x0a000001, 0x0a000002, 17);
	assert_int_equal(ip_parse(p, 60, &v), NET_RX_IP_FRAG);
	mkip(p, 20, 40, 0x3fff, 0x0a000001, 0x0a000002, 17);
	assert_int_equal(ip_parse(p, 60, &v), NET_RX_IP_FRAG);
	/* sources that cannot be a host */
	mkip(p, 20, 40, 0, 0, 0x0a000002, 17);
	assert_int_equal(ip_parse(p, 60, &v), NET_RX_IP_BAD_SRC);
	mkip(p, 20, 40, 0, 0xffffffff, 0x0a000002, 17);
	assert_int_equal(ip_parse(p, 60, &v), NET_RX_IP_BAD_SRC);
	mkip(p, 20, 40, 0, 0xe0000001, 0x0a000002, 17);
	assert_int_equal(ip_parse(p, 60, &v), NET_RX_IP_BAD_SRC);
	mkip(p, 20, 40, 0, 0x7f000001, 0x0a000002, 17);
	assert_int_equal(ip_parse(p, 60, &v), NET_RX_IP_BAD_SRC);
}

static void udp_and_icmp(void **state)
{
	u8 p[128];
	struct ip_view ip;
	struct udp_view u;
	struct icmp_view ic;
	u16 c;

	mkip(p, 20, 20 + 8 + 5, 0, 0x0a000001, 0x0a000002, 17);
	assert_int_equal(ip_parse(p, 33, &ip), NET_RX_OK);
	net_put16(p + 20, 1234);
	net_put16(p + 22, 7);
	net_put16(p + 24, 13);
	net_put16(p + 26, 0);
	memcpy(p + 28, "hello", 5);
	/* no checksum: accepted */
	assert_int_equal(udp_parse(&ip, &u), NET_RX_OK);
	assert_int_equal(u.len, 5);
	assert_int_equal(u.sport, 1234);
	assert_memory_equal(u.data, "hello", 5);
	c = net_csum_fold(net_csum_add(net_pseudo_sum(0x0a000001, 0x0a000002,
						      17, 13), p + 20, 13));
	net_put16(p + 26, c);
	assert_int_equal(udp_parse(&ip, &u), NET_RX_OK);
	p[30] ^= 0x20;
	assert_int_equal(udp_parse(&ip, &u), NET_RX_UDP_BAD_CSUM);
	p[30] ^= 0x20;
	/* UDP length: 0, < 8, beyond the IP payload */
	net_put16(p + 24, 0);
	assert_int_equal(udp_parse(&ip, &u), NET_RX_UDP_BAD_LEN);
	net_put16(p + 24, 7);
	assert_int_equal(udp_parse(&ip, &u), NET_RX_UDP_BAD_LEN);
	net_put16(p + 24, 14);
	assert_int_equal(udp_parse(&ip, &u), NET_RX_UDP_BAD_LEN);
	/* shorter than its own IP payload: trimmed to the UDP length */
	net_put16(p + 24, 8);
	net_put16(p + 26, 0);
	assert_int_equal(udp_parse(&ip, &u), NET_RX_OK);
	assert_int_equal(u.len, 0);
	/* IP payload shorter than a UDP header */
	ip.len = 7;
	assert_int_equal(udp_parse(&ip, &u), NET_RX_UDP_BAD_LEN);

	memset(p, 0, sizeof(p));
	p[0] = 8;
	net_put16(p + 4, 0x55);
	net_put16(p + 6, 3);
	memcpy(p + 8, "abc", 3);
	net_put16(p + 2, net_csum(p, 11));
	assert_int_equal(icmp_parse(p, 11, &ic), NET_RX_OK);
	assert_int_equal(ic.type, 8);
	assert_int_equal(ic.id, 0x55);
	assert_int_equal(ic.seq, 3);
	assert_int_equal(ic.len, 3);
	assert_int_equal(icmp_parse(p, 10, &ic), NET_RX_ICMP_BAD);
	assert_int_equal(icmp_parse(p, 7, &ic), NET_RX_ICMP_BAD);
}

static u32 mkarp(u8 *a, u16 op)
{
	static const u8 mac[6] = { 0, 0x16, 0x3e, 1, 2, 3 };

	memset(a, 0, 46);
	net_put16(a, 1);
	net_put16(a + 2, 0x800);
	a[4] = 6;
	a[5] = 4;
	net_put16(a + 6, op);
	memcpy(a + 8, mac, 6);
	net_put32(a + 14, 0x0a000001);
	net_put32(a + 24, 0x0a000002);
	return 28;
}

static void arp(void **state)
{
	struct arp_view v;
	u8 a[46];
	u32 len;

	mkarp(a, 1);
	assert_int_equal(arp_parse(a, 28, &v), NET_RX_OK);
	assert_int_equal(v.op, 1);
	assert_int_equal(v.spa, 0x0a000001);
	assert_int_equal(v.tpa, 0x0a000002);
	assert_ptr_equal(v.sha, a + 8);
	assert_int_equal(arp_parse(a, 46, &v), NET_RX_OK);
	for (len = 0; len < 28; len++)
		assert_int_equal(arp_parse(a, len, &v), NET_RX_ARP_BAD);
	a[4] = 8;			/* hardware size */
	assert_int_equal(arp_parse(a, 28, &v), NET_RX_ARP_BAD);
	mkarp(a, 1);
	a[5] = 16;			/* protocol size */
	assert_int_equal(arp_parse(a, 28, &v), NET_RX_ARP_BAD);
	mkarp(a, 1);
	a[1] = 6;			/* hardware type */
	assert_int_equal(arp_parse(a, 28, &v), NET_RX_ARP_BAD);
	mkarp(a, 1);
	a[2] = 0x86;			/* protocol type */
	assert_int_equal(arp_parse(a, 28, &v), NET_RX_ARP_BAD);
	mkarp(a, 3);			/* op */
	assert_int_equal(arp_parse(a, 28, &v), NET_RX_ARP_BAD);
	mkarp(a, 2);
	a[8] = 1;			/* multicast sender */
	assert_int_equal(arp_parse(a, 28, &v), NET_RX_ARP_BAD);
	mkarp(a, 2);
	memset(a + 8, 0, 6);		/* zero sender */
	assert_int_equal(arp_parse(a, 28, &v), NET_RX_ARP_BAD);
}

static void ethernet(void **state)
{
	struct eth_view v;
	u8 f[14] = { 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 0x08, 0x06 };
	u32 len;

	assert_int_equal(eth_parse(f, 14, &v), NET_RX_OK);
	assert_int_equal(v.type, ETH_P_ARP);
	assert_int_equal(v.len, 0);
	for (len = 0; len < 14; len++)
		assert_int_equal(eth_parse(f, len, &v), NET_RX_RUNT);
}

static void addresses(void **state)
{
	char buf[16];
	u32 a;

	assert_int_equal(net_parse_ipv4("10.0.2.15", 9, &a), 0);
	assert_int_equal(a, 0x0a00020f);
	assert_int_equal(net_parse_ipv4("255.255.255.255", 15, &a), 0);
	assert_int_equal(a, 0xffffffff);
	assert_int_equal(net_parse_ipv4("010.000.002.015", 15, &a), 0);
	assert_int_equal(a, 0x0a00020f);
	assert_int_equal(net_parse_ipv4("10.0.2.15", 8, &a), 0);
	assert_int_equal(a, 0x0a000201);
	assert_int_equal(net_parse_ipv4("256.0.0.1", 9, &a), -EINVAL);
	assert_int_equal(net_parse_ipv4("1.2.3", 5, &a), -EINVAL);
	assert_int_equal(net_parse_ipv4("1.2.3.4.5", 9, &a), -EINVAL);
	assert_int_equal(net_parse_ipv4("1..3.4", 6, &a), -EINVAL);
	assert_int_equal(net_parse_ipv4("1.2.3.", 6, &a), -EINVAL);
	assert_int_equal(net_parse_ipv4(".1.2.3", 6, &a), -EINVAL);
	assert_int_equal(net_parse_ipv4("1.2.3.0004", 10, &a), -EINVAL);
	assert_int_equal(net_parse_ipv4("1.2.3.x", 7, &a), -EINVAL);
	assert_int_equal(net_parse_ipv4("", 0, &a), -EINVAL);
	assert_int_equal(net_parse_ipv4(" 1.2.3.4", 8, &a), -EINVAL);
	net_format_ipv4(buf, 0xc0a8fe01);
	assert_string_equal(buf, "192.168.254.1");
	net_format_ipv4(buf, 0xffffffff);
	assert_string_equal(buf, "255.255.255.255");
}

static void ipcfg(void **state)
{
	struct net_ipcfg c;

	assert_int_equal(net_parse_ipcfg("10.0.0.2::10.0.0.1:255.255.255.0::eth0:off", &c), 0);
	assert_int_equal(c.addr, 0x0a000002);
	assert_int_equal(c.gateway, 0x0a000001);
	assert_int_equal(c.netmask, 0xffffff00);
	assert_string_equal(c.dev, "eth0");
	/* the long form, server and hostname ignored */
	assert_int_equal(net_parse_ipcfg("192.168.1.5:192.168.1.9:192.168.1.1:255.255.0.0:tern:eth1:none", &c), 0);
	assert_int_equal(c.addr, 0xc0a80105);
	assert_int_equal(c.netmask, 0xffff0000);
	assert_string_equal(c.dev, "eth1");
	/* short forms: omitted trailing fields, empty gateway and mask */
	assert_int_equal(net_parse_ipcfg("10.1.2.3", &c), 0);
	assert_int_equal(c.netmask, 0xff000000);
	assert_int_equal(c.gateway, 0);
	assert_string_equal(c.dev, "");
	assert_int_equal(net_parse_ipcfg("172.16.0.9:::", &c), 0);
	assert_int_equal(c.netmask, 0xffff0000);
	assert_int_equal(net_parse_ipcfg("192.168.0.9::::", &c), 0);
	assert_int_equal(c.netmask, 0xffffff00);
	assert_int_equal(net_parse_ipcfg("10.0.0.2::10.0.0.1:255.255.255.0:h:eth0:off:8.8.8.8:8.8.4.4:1.2.3.4", &c), 0);
	assert_int_equal(net_parse_ipcfg("10.0.0.2:::255.255.255.252::eth0:", &c), 0);
	assert_int_equal(net_parse_ipcfg("10.0.0.2:::255.255.255.255::eth0:", &c), 0);
	/* off / none: no configuration */
	assert_int_equal(net_parse_ipcfg("off", &c), 1);
	assert_int_equal(net_parse_ipcfg("none", &c), 1);
	/* refused */
	assert_int_equal(net_parse_ipcfg("dhcp", &c), -EINVAL);
	assert_int_equal(net_parse_ipcfg("", &c), -EINVAL);
	assert_int_equal(net_parse_ipcfg("::10.0.0.1:255.255.255.0::eth0:off", &c), -EINVAL);
	assert_int_equal(net_parse_ipcfg("10.0.0.2::10.0.0.1:255.255.255.0::eth0:dhcp", &c), -EINVAL);
	assert_int_equal(net_parse_ipcfg("10.0.0.2::10.0.0.1:255.0.255.0::eth0:off", &c), -EINVAL);
	assert_int_equal(net_parse_ipcfg("10.0.0.2::10.0.0.1:0.0.0.0::eth0:off", &c), -EINVAL);
	assert_int_equal(net_parse_ipcfg("10.0.0.2::10.0.1.1:255.255.255.0::eth0:off", &c), -EINVAL);
	assert_int_equal(net_parse_ipcfg("10.0.0.2::10.0.0.2:255.255.255.0::eth0:off", &c), -EINVAL);
	assert_int_equal(net_parse_ipcfg("10.0.0.0::10.0.0.1:255.255.255.0::eth0:off", &c), -EINVAL);
	assert_int_equal(net_parse_ipcfg("10.0.0.255::10.0.0.1:255.255.255.0::eth0:off", &c), -EINVAL);
	assert_int_equal(net_parse_ipcfg("224.0.0.1", &c), -EINVAL);
	assert_int_equal(net_parse_ipcfg("127.0.0.1", &c), -EINVAL);
	assert_int_equal(net_parse_ipcfg("10.0.0.2::10.0.0.1:255.255.255.0::eth0/x:off", &c), -EINVAL);
	assert_int_equal(net_parse_ipcfg("10.0.0.2::10.0.0.1:255.255.255.0::abcdefghijklmnop:off", &c), -EINVAL);
	assert_int_equal(net_parse_ipcfg("10.0.0.2::10.0.0.1:255.255.255.0::eth0:off:1:2:3:4", &c), -EINVAL);
	assert_int_equal(net_parse_ipcfg("10.0.0.2::10.0.0.1:255.255.255.0::eth0:off:bad", &c), -EINVAL);
	assert_int_equal(net_parse_ipcfg("10.0.0.2:x:10.0.0.1", &c), -EINVAL);
	assert_int_equal(net_parse_ipcfg("10.0.0.2::10.0.0.1:255.255.255.0:0123456789012345678901234567890123456789012345678901234567890123:eth0:off", &c), -EINVAL);
}

static void reason_names(void **state)
{
	unsigned int r;

	for (r = 0; r < NET_RX_NR; r++)
		assert_non_null(net_rx_reason_name(r));
	assert_string_equal(net_rx_reason_name(NET_RX_NR), "?");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(checksum_vectors),
		cmocka_unit_test(ip_headers),
		cmocka_unit_test(udp_and_icmp),
		cmocka_unit_test(arp),
		cmocka_unit_test(ethernet),
		cmocka_unit_test(addresses),
		cmocka_unit_test(ipcfg),
		cmocka_unit_test(reason_names),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
