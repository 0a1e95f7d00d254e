// SPDX-License-Identifier: GPL-2.0
/*
 * Host tests for net/net_csum.c, completing the TCP/UDP checksum of a
 * csum_blank frame: the result against an RFC 1071 sum written out here
 * (not net/'s), the receiver's check over the completed packet, and every
 * malformed frame refused with the frame left byte for byte as it was.
 * Every call gets a heap copy of exactly len bytes, so ASan reports any
 * access outside the frame.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include <tern/net_csum.h>

#define MAXF	1600
#define TCP	6
#define UDP	17

/* RFC 1071: big-endian 16-bit words, end-around carry, complement. */
static u16 rfc1071(const u8 *p, size_t n)
{
	unsigned long long s = 0;
	size_t i;

	for (i = 0; i < n; i++)
		s += i & 1 ? p[i] : (unsigned int)p[i] << 8;
	while (s >> 16)
		s = (s & 0xffff) + (s >> 16);
	return (u16)~s;
}

static u16 be16(const u8 *p)
{
	return (u16)(p[0] << 8 | p[1]);
}

static void put16(u8 *p, u32 v)
{
	p[0] = (u8)(v >> 8);
	p[1] = (u8)v;
}

/*
 * An Ethernet + IPv4 + TCP/UDP frame: IP header of ihl bytes (options
 * NOPs), an L4 header of hdr bytes (8 for UDP, the data offset for TCP),
 * payload bytes, then pad bytes of Ethernet padding (0xee). The
 * checksum field holds what Linux leaves in it for CHECKSUM_PARTIAL:
 * the folded, uncomplemented pseudo-header sum. Returns the frame length.
 */
static u32 build(u8 *f, u8 proto, u32 ihl, u32 hdr, u32 payload, u32 pad)
{
	u32 seg = hdr + payload, i;
	u8 *ip = f + 14, *l4 = ip + ihl, ph[12];

	assert_true(14 + ihl + seg + pad <= MAXF);
	memset(f, 0, 14 + ihl + seg);
	memcpy(f, "\x00\x16\x3e\x00\x00\x02\x00\x16\x3e\x00\x00\x01", 12);
	put16(f + 12, 0x0800);
	ip[0] = 0x40 | ihl / 4;
	ip[1] = 0x10;
	put16(ip + 2, ihl + seg);
	put16(ip + 4, 0x1c46 + payload);
	put16(ip + 6, 0x4000);			/* DF */
	ip[8] = 64;
	ip[9] = proto;
	memcpy(ip + 12, "\x0a\x01\x02\x03", 4);
	ip[15] = (u8)(payload * 7);		/* sources vary with size */
	memcpy(ip + 16, "\xc0\xa8\xc8\x07", 4);
	memset(ip + 20, 0x01, ihl - 20);
	put16(ip + 10, rfc1071(ip, ihl));
	if (proto == UDP) {
		put16(l4, 40000 + payload);
		put16(l4 + 2, 53);
		put16(l4 + 4, seg);
	} else {
		put16(l4, 22);
		put16(l4 + 2, 50000 + payload);
		memcpy(l4 + 4, "\x12\x34\x56\x78\x9a\xbc\xde\xf0", 8);
		l4[12] = (u8)(hdr / 4 << 4);
		l4[13] = 0x18;
		put16(l4 + 14, 64240);
		memset(l4 + 20, 0x01, hdr >= 20 ? hdr - 20 : 0);
	}
	for (i = 0; i < payload; i++)
		l4[hdr + i] = (u8)(i * 31 + payload);
	/* the partial sum: pseudo-header only, not complemented */
	memcpy(ph, ip + 12, 8);
	ph[8] = 0;
	ph[9] = proto;
	put16(ph + 10, seg);
	put16(l4 + (proto == UDP ? 6 : 16), (u16)~rfc1071(ph, sizeof(ph)));
	memset(l4 + seg, 0xee, pad);
	return 14 + ihl + seg + pad;
}

/* Offset of the checksum field in f (a frame build() made). */
static u32 field_off(const u8 *f)
{
	return 14 + (f[14] & 0xf) * 4 + (f[23] == UDP ? 6 : 16);
}

/*
 * RFC 1071 over pseudo-header + segment, as in f, with the checksum
 * field taken as given (verify) or as 0 (the expected value).
 */
static u16 l4_sum(const u8 *f, bool zero_field)
{
	static u8 buf[12 + 65536];
	u32 ihl = (f[14] & 0xf) * 4, seg = be16(f + 16) - ihl;

	memcpy(buf, f + 26, 8);
	buf[8] = 0;
	buf[9] = f[23];
	put16(buf + 10, seg);
	memcpy(buf + 12, f + 14 + ihl, seg);
	if (zero_field)
		memset(buf + 12 + field_off(f) - 14 - ihl, 0, 2);
	return rfc1071(buf, 12 + seg);
}

static u16 expected(const u8 *f)
{
	u16 c = l4_sum(f, true);

	return f[23] == UDP && !c ? 0xffff : c;
}

/* net_csum_complete() on a heap copy of exactly len bytes of f. */
static int complete(u8 *f, u32 len, const char **why)
{
	u8 *h = malloc(len ? len : 1);
	int ret;

	assert_non_null(h);
	memcpy(h, f, len);
	ret = net_csum_complete(h, len, why);
	memcpy(f, h, len);
	free(h);
	return ret;
}

/* f is completed: the right value, the receiver's check, nothing else. */
static u16 check_ok(u8 *f, u32 len)
{
	u8 before[MAXF];
	const char *why = NULL;
	u32 off = field_off(f);
	u16 want = expected(f), got;

	memcpy(before, f, len);
	assert_int_equal(complete(f, len, &why), 0);
	assert_null(why);
	got = be16(f + off);
	assert_int_equal(got, want);
	/* the receiver's check: the sum over everything is 0 (or 0xffff) */
	assert_int_equal(l4_sum(f, false), 0);
	if (f[23] == UDP)
		assert_int_not_equal(got, 0);	/* 0 is "no checksum" */
	/* nothing else changed */
	memcpy(f + off, before + off, 2);
	assert_memory_equal(f, before, len);
	put16(f + off, got);
	return got;
}

/* f is refused: -EINVAL, a reason, the frame untouched. */
static void check_bad(u8 *f, u32 len)
{
	u8 before[MAXF];
	const char *why = NULL;

	memcpy(before, f, len);
	assert_int_equal(complete(f, len, &why), -EINVAL);
	assert_non_null(why);
	assert_true(strlen(why) > 0);
	assert_memory_equal(f, before, len);
	assert_int_equal(complete(f, len, NULL), -EINVAL);
	assert_memory_equal(f, before, len);
}

static void udp_every_size(void **state)
{
	u8 f[MAXF];
	u32 n, len;

	for (n = 0; n <= 1472; n++) {
		len = build(f, UDP, 20, 8, n, 0);
		check_ok(f, len);
		/* done twice: the same value (the field does not count) */
		check_ok(f, len);
	}
}

static void tcp_every_size(void **state)
{
	u8 f[MAXF];
	u32 doff, n, len;

	for (doff = 20; doff <= 60; doff += 4)
		for (n = 0; n <= 1480 - doff; n += doff == 20 ? 1 : 13) {
			len = build(f, TCP, 20, doff, n, 0);
			check_ok(f, len);
		}
}

static void ip_options(void **state)
{
	u8 f[MAXF];
	u32 ihl, n;

	for (ihl = 20; ihl <= 60; ihl += 4)
		for (n = 0; n < 40; n += 3) {
			check_ok(f, build(f, UDP, ihl, 8, n, 0));
			check_ok(f, build(f, TCP, ihl, 32, n, 0));
		}
}

static void field_contents_ignored(void **state)
{
	static const u16 junk[] = { 0, 0xffff, 0x1234, 0x8000, 0x00ff };
	u8 f[MAXF];
	unsigned int i;
	u32 len;
	u16 want;

	len = build(f, UDP, 20, 8, 100, 0);
	want = check_ok(f, len);
	for (i = 0; i < ARRAY_SIZE(junk); i++) {
		put16(f + field_off(f), junk[i]);
		assert_int_equal(check_ok(f, len), want);
	}
	len = build(f, TCP, 24, 40, 99, 0);
	want = check_ok(f, len);
	for (i = 0; i < ARRAY_SIZE(junk); i++) {
		put16(f + field_off(f), junk[i]);
		assert_int_equal(check_ok(f, len), want);
	}
}

/*
 * A segment whose checksum comes out as 0: UDP sends 0xffff (0 would
 * mean "no checksum"), TCP sends 0.
 */
static void zero_checksum(void **state)
{
	u8 f[MAXF];
	u32 len, last;
	u16 c;

	len = build(f, UDP, 20, 8, 10, 0);
	last = len - 2;
	/* make the last word the complement of the sum of the others */
	put16(f + last, 0);
	put16(f + field_off(f), 0);
	c = l4_sum(f, true);
	put16(f + last, c);
	assert_int_equal(l4_sum(f, true), 0);	/* the raw result is 0 */
	assert_int_equal(check_ok(f, len), 0xffff);

	len = build(f, TCP, 20, 20, 10, 0);
	last = len - 2;
	put16(f + last, 0);
	put16(f + field_off(f), 0xabcd);
	c = l4_sum(f, true);
	put16(f + last, c);
	assert_int_equal(l4_sum(f, true), 0);
	assert_int_equal(check_ok(f, len), 0);
}

static void padding_ignored(void **state)
{
	u8 f[MAXF], g[MAXF];
	u32 len, plen, pad;
	u16 want;

	/* a 1-byte UDP datagram in a minimum-size 60-byte frame */
	len = build(f, UDP, 20, 8, 1, 0);
	want = check_ok(f, len);
	for (pad = 1; pad <= 64; pad++) {
		plen = build(g, UDP, 20, 8, 1, pad);
		assert_int_equal(plen, len + pad);
		assert_int_equal(check_ok(g, plen), want);
		/* the padding is still 0xee: checked by check_ok() */
	}
	len = build(f, TCP, 20, 20, 0, 0);
	want = check_ok(f, len);
	plen = build(g, TCP, 20, 20, 0, 6);
	assert_int_equal(check_ok(g, plen), want);
}

static void short_frames(void **state)
{
	u8 f[MAXF];
	u32 len, n;

	assert_int_equal(net_csum_complete(NULL, 0, NULL), -EINVAL);
	len = build(f, UDP, 24, 8, 21, 0);
	for (n = 0; n < len; n++)
		check_bad(f, n);
	check_ok(f, len);
	len = build(f, TCP, 20, 28, 5, 0);
	for (n = 0; n < len; n++)
		check_bad(f, n);
	check_ok(f, len);
}

static void not_ipv4(void **state)
{
	u8 f[MAXF], g[MAXF];
	u32 len;

	/* an 802.1Q tag in front of a good IPv4 packet */
	len = build(f, UDP, 20, 8, 30, 0);
	memcpy(g, f, 12);
	memcpy(g + 12, "\x81\x00\x00\x05", 4);
	memcpy(g + 16, f + 12, len - 12);
	check_bad(g, len + 4);
	/* IPv6, ARP, and no type at all (802.3 length) */
	put16(f + 12, 0x86dd);
	check_bad(f, len);
	put16(f + 12, 0x0806);
	check_bad(f, len);
	put16(f + 12, 0x002e);
	check_bad(f, len);
	/* the IPv4 type with another version */
	len = build(f, UDP, 20, 8, 30, 0);
	f[14] = 0x65;
	check_bad(f, len);
	f[14] = 0x05;
	check_bad(f, len);
}

static void bad_ihl(void **state)
{
	u8 f[MAXF];
	u32 len, ihl;

	for (ihl = 0; ihl < 5; ihl++) {
		len = build(f, UDP, 20, 8, 40, 0);
		f[14] = (u8)(0x40 | ihl);
		check_bad(f, len);
		/* a TCP header would fit where the short IHL puts it */
		len = build(f, TCP, 20, 20, 40, 0);
		f[14] = (u8)(0x40 | ihl);
		f[14 + ihl * 4 + 12] = 0x50;
		check_bad(f, len);
	}
	/* IHL beyond the total length: 60 bytes of header, 48 in all */
	len = build(f, UDP, 20, 8, 20, 0);
	f[14] = 0x4f;
	check_bad(f, len);
	/* ... and beyond the frame */
	len = build(f, UDP, 20, 8, 0, 0);
	f[14] = 0x4f;
	check_bad(f, len);
}

static void bad_total_length(void **state)
{
	u8 f[MAXF];
	u32 len, total;

	len = build(f, UDP, 20, 8, 40, 0);
	total = len - 14;
	/* beyond the frame by one, by a lot */
	put16(f + 16, total + 1);
	check_bad(f, len);
	put16(f + 16, 0xffff);
	check_bad(f, len);
	/* below the header */
	put16(f + 16, 19);
	check_bad(f, len);
	put16(f + 16, 0);
	check_bad(f, len);
	len = build(f, TCP, 32, 20, 4, 0);
	put16(f + 16, 31);
	check_bad(f, len);
	/* shorter than the frame: the rest is padding, and the UDP
	 * length no longer matches, so refused for that
	 */
	len = build(f, UDP, 20, 8, 40, 0);
	put16(f + 16, len - 14 - 1);
	check_bad(f, len);
}

static void fragments(void **state)
{
	static const u16 frag[] = { 0x2000, 0x0001, 0x1fff, 0x2001, 0x3fff,
				    0x6000, 0x4008 };
	u8 f[MAXF];
	unsigned int i;
	u32 len;

	for (i = 0; i < ARRAY_SIZE(frag); i++) {
		len = build(f, UDP, 20, 8, 40, 0);
		put16(f + 20, frag[i]);
		check_bad(f, len);
		len = build(f, TCP, 20, 20, 40, 0);
		put16(f + 20, frag[i]);
		check_bad(f, len);
	}
	/* DF alone, none, the reserved bit: not fragments */
	len = build(f, UDP, 20, 8, 40, 0);
	put16(f + 20, 0);
	check_ok(f, len);
	put16(f + 20, 0x8000);
	check_ok(f, len);
}

static void udp_length_mismatch(void **state)
{
	static const u32 bad[] = { 0, 1, 7, 8, 47, 49, 1000, 0xffff };
	u8 f[MAXF];
	unsigned int i;
	u32 len;

	for (i = 0; i < ARRAY_SIZE(bad); i++) {
		len = build(f, UDP, 20, 8, 40, 0);
		assert_int_equal(be16(f + 34 + 4), 48);
		put16(f + 34 + 4, bad[i]);
		check_bad(f, len);
	}
	/* a header cut short by the IP total length */
	for (i = 0; i < 8; i++) {
		len = build(f, UDP, 20, 8, 0, 0);
		put16(f + 16, 20 + i);
		check_bad(f, len);
	}
	/* ... even with a UDP length that says so */
	for (i = 0; i < 8; i++) {
		len = build(f, UDP, 20, 8, 0, 0);
		put16(f + 16, 20 + i);
		put16(f + 34 + 4, i);
		check_bad(f, len);
	}
	/* an empty datagram is fine */
	check_ok(f, build(f, UDP, 20, 8, 0, 0));
}

static void tcp_bad_header(void **state)
{
	u8 f[MAXF];
	u32 len, doff, n;

	/* shorter than 20 bytes */
	for (n = 0; n < 20; n++) {
		len = build(f, TCP, 20, 20, 0, 0);
		put16(f + 16, 20 + n);
		check_bad(f, len);
	}
	/* data offset below 5 words */
	for (doff = 0; doff < 5; doff++) {
		len = build(f, TCP, 20, 20, 40, 0);
		f[34 + 12] = (u8)(doff << 4);
		check_bad(f, len);
	}
	/* data offset beyond the segment: 60 bytes of a 56-byte segment */
	len = build(f, TCP, 20, 20, 36, 0);
	f[34 + 12] = 0xf0;
	check_bad(f, len);
	/* ... and exactly the segment: fine */
	len = build(f, TCP, 20, 20, 40, 0);
	f[34 + 12] = 0xf0;
	check_ok(f, len);
	/* the low bits of byte 12 are not the offset */
	len = build(f, TCP, 20, 20, 40, 0);
	f[34 + 12] = 0x5f;
	check_ok(f, len);
}

static void other_protocols(void **state)
{
	static const u8 proto[] = { 0, 1, 2, 4, 41, 47, 50, 58, 132, 255 };
	u8 f[MAXF];
	unsigned int i;
	u32 len;

	for (i = 0; i < sizeof(proto); i++) {
		len = build(f, UDP, 20, 8, 40, 0);
		f[23] = proto[i];
		check_bad(f, len);
	}
	/* an ICMP echo request as a guest would send it */
	len = build(f, UDP, 20, 8, 56, 0);
	f[23] = 1;
	memcpy(f + 34, "\x08\x00\x00\x00\x12\x34\x00\x01", 8);
	check_bad(f, len);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(udp_every_size),
		cmocka_unit_test(tcp_every_size),
		cmocka_unit_test(ip_options),
		cmocka_unit_test(field_contents_ignored),
		cmocka_unit_test(zero_checksum),
		cmocka_unit_test(padding_ignored),
		cmocka_unit_test(short_frames),
		cmocka_unit_test(not_ipv4),
		cmocka_unit_test(bad_ihl),
		cmocka_unit_test(bad_total_length),
		cmocka_unit_test(fragments),
		cmocka_unit_test(udp_length_mismatch),
		cmocka_unit_test(tcp_bad_header),
		cmocka_unit_test(other_protocols),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
