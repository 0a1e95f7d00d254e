// SPDX-License-Identifier: GPL-2.0
/*
 * The pure half of the IPv4 stack: the Internet checksum, the parsers of
 * received headers, and the ip= option parser.
 *
 * A received frame comes from another domain (or a wire) and can be
 * anything, so each parser trusts nothing in it: every length field is
 * checked against the bytes actually present before anything behind it
 * is read, and a parser returns the one reason the frame is unusable
 * (enum net_rx_reason) or NET_RX_OK with a view whose pointers and
 * lengths lie inside the buffer it was given. No state, no allocation:
 * host-tested (selftests/host/test_net_parse.c) and fuzzed
 * (selftests/fuzz/fuzz_net.c).
 */
#include <tern/net.h>
#include <tern/string.h>


u32 net_csum_add(u32 sum, const void *data, u32 len)
{
	const u8 *p = data;
	u64 s = sum;
	u32 i;

	for (i = 0; i + 1 < len; i += 2)
		s += (u32)(p[i] << 8 | p[i + 1]);
	if (len & 1)
		s += (u32)p[len - 1] << 8;
	while (s >> 16)
		s = (s & 0xffff) + (s >> 16);
	return (u32)s;
}

u16 net_csum_fold(u32 sum)
{
	while (sum >> 16)
		sum = (sum & 0xffff) + (sum >> 16);
	return (u16)~sum;
}

u16 net_csum(const void *data, u32 len)
{
	return net_csum_fold(net_csum_add(0, data, len));
}

u32 net_pseudo_sum(u32 src, u32 dst, u8 proto, u16 len)
{
	u8 ph[12];

	net_put32(ph, src);
	net_put32(ph + 4, dst);
	ph[8] = 0;
	ph[9] = proto;
	net_put16(ph + 10, len);
	return net_csum_add(0, ph, sizeof(ph));
}

static const char *const reason_names[NET_RX_NR] = {
	[NET_RX_OK] = "ok",
	[NET_RX_RUNT] = "runt",
	[NET_RX_OVERSIZE] = "oversize",
	[NET_RX_ARP_BAD] = "arp_bad",
	[NET_RX_IP_BAD_HDR] = "ip_bad_hdr",
	[NET_RX_IP_BAD_LEN] = "ip_bad_len",
	[NET_RX_IP_BAD_CSUM] = "ip_bad_csum",
	[NET_RX_IP_BAD_SRC] = "ip_bad_src",
	[NET_RX_ICMP_BAD] = "icmp_bad",
	[NET_RX_UDP_BAD_LEN] = "udp_bad_len",
	[NET_RX_UDP_BAD_CSUM] = "udp_bad_csum",
	[NET_RX_NOT_OURS] = "not_ours",
	[NET_RX_ETHERTYPE] = "ethertype",
	[NET_RX_ARP_IGNORED] = "arp_ignored",
	[NET_RX_IP_NOT_OURS] = "ip_not_ours",
	[NET_RX_IP_FRAG] = "ip_frag",
	[NET_RX_IP_PROTO] = "ip_proto",
	[NET_RX_ICMP_IGNORED] = "icmp_ignored",
	[NET_RX_UDP_NO_PORT] = "udp_no_port",
	[NET_RX_BCAST_IGNORED] = "bcast_ignored",
};

const char *net_rx_reason_name(enum net_rx_reason r)
{
	if ((unsigned int)r >= NET_RX_NR)
		return "?";
	return reason_names[r];
}

enum net_rx_reason eth_parse(const u8 *frame, u32 len, struct eth_view *v)
{
	if (len < ETH_HLEN)
		return NET_RX_RUNT;
	v->dst = frame;
	v->src = frame + ETH_ALEN;
	v->type = net_get16(frame + 2 * ETH_ALEN);
	v->payload = frame + ETH_HLEN;
	v->len = len - ETH_HLEN;
	return NET_RX_OK;
}

static bool mac_is_zero(const u8 *m)
{
	return !(m[0] | m[1] | m[2] | m[3] | m[4] | m[5]);
}

enum net_rx_reason arp_parse(const u8 *p, u32 len, struct arp_view *v)
{
	/* Ethernet padding after the 28 bytes is allowed */
	if (len < ARP_LEN)
		return NET_RX_ARP_BAD;
	if (net_get16(p) != 1 || net_get16(p + 2) != ETH_P_IP ||
	    p[4] != ETH_ALEN || p[5] != 4)
		return NET_RX_ARP_BAD;
	v->op = net_get16(p + 6);
	if (v->op != 1 && v->op != 2)
		return NET_RX_ARP_BAD;
	v->sha = p + 8;
	v->spa = net_get32(p + 14);
	v->tha = p + 18;
	v->tpa = net_get32(p + 24);
	/* a sender must be a unicast station */
	if ((v->sha[0] & 1) || mac_is_zero(v->sha))
		return NET_RX_ARP_BAD;
	return NET_RX_OK;
}

static bool ip_bad_source(u32 a)
{
	return a == 0 || (a >> 24) == 127 || (a >> 28) >= 0xe;
}

enum net_rx_reason ip_parse(const u8 *p, u32 len, struct ip_view *v)
{
	u32 ihl;

	if (len < IP_HLEN || (p[0] >> 4) != 4)
		return NET_RX_IP_BAD_HDR;
	ihl = (p[0] & 0xf) * 4u;
	if (ihl < IP_HLEN || ihl > len)
		return NET_RX_IP_BAD_HDR;
	if (net_csum(p, ihl))
		return NET_RX_IP_BAD_CSUM;
	v->ihl = (u8)ihl;
	v->total_len = net_get16(p + 2);
	if (v->total_len < ihl || v->total_len > len)
		return NET_RX_IP_BAD_LEN;
	v->id = net_get16(p + 4);
	v->frag = net_get16(p + 6);
	v->ttl = p[8];
	v->proto = p[9];
	v->src = net_get32(p + 12);
	v->dst = net_get32(p + 16);
	/* options (ihl > 20) are skipped, never interpreted */
	v->payload = p + ihl;
	v->len = v->total_len - ihl;
	if (ip_bad_source(v->src))
		return NET_RX_IP_BAD_SRC;
	/* more fragments, or an offset: a piece, dropped, never reassembled */
	if (v->frag & 0x3fff)
		return NET_RX_IP_FRAG;
	return NET_RX_OK;
}

enum net_rx_reason icmp_parse(const u8 *p, u32 len, struct icmp_view *v)
{
	if (len < ICMP_HLEN || net_csum(p, len))
		return NET_RX_ICMP_BAD;
	v->type = p[0];
	v->code = p[1];
	v->id = net_get16(p + 4);
	v->seq = net_get16(p + 6);
	v->data = p + ICMP_HLEN;
	v->len = len - ICMP_HLEN;
	return NET_RX_OK;
}

enum net_rx_reason udp_parse(const struct ip_view *ip, struct udp_view *v)
{
	const u8 *p = ip->payload;
	u32 ulen;

	if (ip->len < UDP_HLEN)
		return NET_RX_UDP_BAD_LEN;
	ulen = net_get16(p + 4);
	if (ulen < UDP_HLEN || ulen > ip->len)
		return NET_RX_UDP_BAD_LEN;
	/* zero: the sender did not compute one (allowed over IPv4) */
	if (net_get16(p + 6) &&
	    net_csum_fold(net_csum_add(net_pseudo_sum(ip->src, ip->dst,
						      IPPROTO_UDP, (u16)ulen),
				       p, ulen)))
		return NET_RX_UDP_BAD_CSUM;
	v->sport = net_get16(p);
	v->dport = net_get16(p + 2);
	v->data = p + UDP_HLEN;
	v->len = ulen - UDP_HLEN;
	return NET_RX_OK;
}

/* ---- ip= ----------------------------------------------------------------- */

int net_parse_ipv4(const char *s, u32 len, u32 *addr)
{
	u32 a = 0, part = 0, digits = 0, dots = 0, i;

	for (i = 0; i < len; i++) {
		char c = s[i];

		if (c >= '0' && c <= '9') {
			part = part * 10 + (u32)(c - '0');
			if (++digits > 3 || part > 255)
				return -EINVAL;
		} else if (c == '.') {
			if (!digits || ++dots > 3)
				return -EINVAL;
			a = a << 8 | part;
			part = 0;
			digits = 0;
		} else {
			return -EINVAL;
		}
	}
	if (dots != 3 || !digits)
		return -EINVAL;
	*addr = a << 8 | part;
	return 0;
}

void net_format_ipv4(char *buf, u32 a)
{
	snprintf(buf, 16, "%u.%u.%u.%u", a >> 24, (a >> 16) & 0xff,
		 (a >> 8) & 0xff, a & 0xff);
}

static bool mask_ok(u32 m)
{
	/* contiguous ones from the top, at least one */
	return m && !((~m + 1) & ~m);
}

static u32 classful_mask(u32 a)
{
	if (a >> 31 == 0)
		return 0xff000000;
	if (a >> 30 == 2)
		return 0xffff0000;
	return 0xffffff00;
}

static bool dev_name_ok(const char *s, u32 len)
{
	u32 i;

	if (len >= 16)
		return false;
	for (i = 0; i < len; i++) {
		char c = s[i];

		if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
		      (c >= '0' && c <= '9') || c == '_' || c == '-' ||
		      c == '.'))
			return false;
	}
	return true;
}

#define IPCFG_FIELDS	10	/* Linux's 7, then dns0, dns1, ntp0 */
#define IPCFG_MAX_LEN	256

/*
 * Returns 0 with *cfg filled, 1 for "off"/"none" (no configuration), or
 * -EINVAL. The string is read up to its NUL and never beyond
 * IPCFG_MAX_LEN bytes.
 */
int net_parse_ipcfg(const char *s, struct net_ipcfg *cfg)
{
	const char *f[IPCFG_FIELDS];
	u32 flen[IPCFG_FIELDS], n = 0, i, len, start = 0, host;
	u32 dummy;

	memset(cfg, 0, sizeof(*cfg));
	len = (u32)strnlen(s, IPCFG_MAX_LEN + 1);
	if (len > IPCFG_MAX_LEN)
		return -EINVAL;
	if ((len == 3 && !memcmp(s, "off", 3)) ||
	    (len == 4 && !memcmp(s, "none", 4)))
		return 1;
	for (i = 0; i <= len; i++) {
		if (i < len && s[i] != ':')
			continue;
		if (n == IPCFG_FIELDS)
			return -EINVAL;
		f[n] = s + start;
		flen[n++] = i - start;
		start = i + 1;
	}
	for (i = n; i < IPCFG_FIELDS; i++) {
		f[i] = s + len;
		flen[i] = 0;
	}
	if (net_parse_ipv4(f[0], flen[0], &cfg->addr))
		return -EINVAL;
	if (flen[1] && net_parse_ipv4(f[1], flen[1], &dummy))
		return -EINVAL;
	if (flen[2] && net_parse_ipv4(f[2], flen[2], &cfg->gateway))
		return -EINVAL;
	if (flen[3]) {
		if (net_parse_ipv4(f[3], flen[3], &cfg->netmask) ||
		    !mask_ok(cfg->netmask))
			return -EINVAL;
	} else {
		cfg->netmask = classful_mask(cfg->addr);
	}
	if (flen[4] > 63)
		return -EINVAL;
	if (!dev_name_ok(f[5], flen[5]))
		return -EINVAL;
	memcpy(cfg->dev, f[5], flen[5]);
	cfg->dev[flen[5]] = '\0';
	if (flen[6] && !(flen[6] == 3 && !memcmp(f[6], "off", 3)) &&
	    !(flen[6] == 4 && !memcmp(f[6], "none", 4)) &&
	    !(flen[6] == 6 && !memcmp(f[6], "static", 6)))
		return -EINVAL;
	for (i = 7; i < IPCFG_FIELDS; i++)
		if (flen[i] && net_parse_ipv4(f[i], flen[i], &dummy))
			return -EINVAL;
	/* the address: a unicast host of its subnet */
	if (ip_bad_source(cfg->addr))
		return -EINVAL;
	host = cfg->addr & ~cfg->netmask;
	if (cfg->netmask < 0xfffffffe &&
	    (host == 0 || host == ~cfg->netmask))
		return -EINVAL;
	/* the gateway: another host on that subnet */
	if (cfg->gateway &&
	    (ip_bad_source(cfg->gateway) || cfg->gateway == cfg->addr ||
	     (cfg->gateway & cfg->netmask) != (cfg->addr & cfg->netmask)))
		return -EINVAL;
	return 0;
}
