// SPDX-License-Identifier: GPL-2.0
/*
 * Completing the TCP or UDP checksum of a frame a guest sent with
 * NETTXF_csum_blank (include/tern/net_csum.h). Pure: host-tested
 * (selftests/host/test_net_csum.c) and fuzzed
 * (selftests/fuzz/fuzz_net_csum.c); the sums are net/net_parse.c's.
 *
 * What is accepted, every check against len before the bytes are read:
 *  - an Ethernet II header with type 0x0800 (a VLAN tag is refused);
 *  - an IPv4 header: version 4, IHL >= 5, total length >= IHL * 4 and
 *    <= len - 14 (padding after the packet is ignored), MF clear and
 *    fragment offset 0 (DF and the reserved bit are not looked at);
 *  - TCP: at least 20 bytes, data offset >= 5 words and within the
 *    segment; UDP: at least 8 bytes and a length field equal to the IP
 *    payload length. A UDP length that disagrees with IP's is refused
 *    rather than trusted either way: the receiver would check one
 *    length and the sender may have meant the other.
 * The segment is the IP payload (total length - IHL * 4); the sum covers
 * the pseudo-header with that length and the whole segment with the
 * checksum field taken as 0, whatever the guest left in it.
 */
#include <tern/net_csum.h>
#include <tern/net.h>

#define CSUM_IPPROTO_TCP	6
#define CSUM_TCP_HLEN		20
#define CSUM_TCP_OFF		16	/* checksum field in the TCP header */
#define CSUM_UDP_OFF		6	/* and in the UDP header */
#define IP_FRAG_MASK		0x3fff	/* MF and the offset */

int net_csum_complete(u8 *frame, u32 len, const char **why)
{
	const char *reason;
	u32 ihl, total, seg_len, off, sum;
	u8 *ip, *seg;
	u16 csum;
	u8 proto;

	if (len < ETH_HLEN + IP_HLEN) {
		reason = "shorter than Ethernet and IPv4 headers";
		goto bad;
	}
	if (net_get16(frame + 12) != ETH_P_IP) {
		reason = "not IPv4 (or VLAN-tagged)";
		goto bad;
	}
	ip = frame + ETH_HLEN;
	if (ip[0] >> 4 != 4) {
		reason = "IP version not 4";
		goto bad;
	}
	ihl = (ip[0] & 0xf) * 4u;
	if (ihl < IP_HLEN) {
		reason = "IHL < 5";
		goto bad;
	}
	total = net_get16(ip + 2);
	if (total < ihl || total > len - ETH_HLEN) {
		reason = "IP total length";
		goto bad;
	}
	if (net_get16(ip + 6) & IP_FRAG_MASK) {
		reason = "IP fragment";
		goto bad;
	}
	proto = ip[9];
	seg = ip + ihl;
	seg_len = total - ihl;
	if (proto == CSUM_IPPROTO_TCP) {
		u32 doff;

		if (seg_len < CSUM_TCP_HLEN) {
			reason = "TCP header truncated";
			goto bad;
		}
		doff = (seg[12] >> 4) * 4u;
		if (doff < CSUM_TCP_HLEN || doff > seg_len) {
			reason = "TCP data offset";
			goto bad;
		}
		off = CSUM_TCP_OFF;
	} else if (proto == IPPROTO_UDP) {
		if (seg_len < UDP_HLEN) {
			reason = "UDP header truncated";
			goto bad;
		}
		if (net_get16(seg + 4) != seg_len) {
			reason = "UDP length differs from IP payload length";
			goto bad;
		}
		off = CSUM_UDP_OFF;
	} else {
		reason = "neither TCP nor UDP";
		goto bad;
	}

	/* off is even: the words after the field stay aligned */
	sum = net_pseudo_sum(net_get32(ip + 12), net_get32(ip + 16), proto,
			     (u16)seg_len);
	sum = net_csum_add(sum, seg, off);
	sum = net_csum_add(sum, seg + off + 2, seg_len - off - 2);
	csum = net_csum_fold(sum);
	if (proto == IPPROTO_UDP && !csum)
		csum = 0xffff;	/* 0 means "no checksum" in UDP */
	net_put16(seg + off, csum);
	return 0;

bad:
	if (why)
		*why = reason;
	return -EINVAL;
}
