// SPDX-License-Identifier: GPL-2.0
/*
 * Fuzz the completion of a csum_blank frame's TCP/UDP checksum
 * (net/net_csum.c) with any frame a guest can send.
 *
 * Input: the frame itself, copied into a heap buffer of exactly its size
 * (ASan sees any access outside it).
 *
 * Checked: net_csum_complete() accepts exactly the frames an independent
 * reading of the rules (include/tern/net_csum.h, net/net_csum.c) accepts;
 * on 0 only the two checksum bytes changed, the receiver's check (RFC
 * 1071 over pseudo-header and segment, written out here) holds, and a
 * UDP checksum is never 0; on -EINVAL a reason is given and the frame is
 * byte for byte what it was.
 */
#include "fuzz.h"

#include <tern/net_csum.h>

static u32 be16(const u8 *p)
{
	return (u32)p[0] << 8 | p[1];
}

/* RFC 1071 over pseudo-header (src, dst, proto, seg_len) and segment. */
static u16 rfc1071(const u8 *ip, const u8 *seg, u32 seg_len)
{
	unsigned long long s = ip[9] + seg_len;
	u32 i;

	for (i = 0; i < 8; i++)
		s += i & 1 ? ip[12 + i] : (u32)ip[12 + i] << 8;
	for (i = 0; i < seg_len; i++)
		s += i & 1 ? seg[i] : (u32)seg[i] << 8;
	while (s >> 16)
		s = (s & 0xffff) + (s >> 16);
	return (u16)~s;
}

/* Where the checksum field is if the frame must be accepted, else 0. */
static u32 acceptable(const u8 *f, u32 len)
{
	u32 ihl, total, seg_len, l4;

	if (len < 34 || be16(f + 12) != 0x0800 || f[14] >> 4 != 4)
		return 0;
	ihl = (f[14] & 15) * 4;
	total = be16(f + 16);
	if (ihl < 20 || total < ihl || 14 + total > len)
		return 0;
	if (be16(f + 20) & 0x3fff)
		return 0;
	l4 = 14 + ihl;
	seg_len = total - ihl;
	if (f[23] == 6 && seg_len >= 20 && f[l4 + 12] >> 4 >= 5 &&
	    (f[l4 + 12] >> 4) * 4u <= seg_len)
		return l4 + 16;
	if (f[23] == 17 && seg_len >= 8 && be16(f + l4 + 4) == seg_len)
		return l4 + 6;
	return 0;
}

int LLVMFuzzerTestOneInput(const u8 *data, size_t size)
{
	const char *why = NULL;
	u32 len = (u32)size, off, ihl, csum;
	u8 *f;
	int ret;

	if (size > 65536)
		return 0;
	f = malloc(len ? len : 1);
	FUZZ_CHECK(f);
	memcpy(f, data, len);
	ret = net_csum_complete(f, len, &why);
	off = acceptable(data, len);
	if (!off) {
		FUZZ_CHECK(ret == -EINVAL);
		FUZZ_CHECK(why && *why);
		FUZZ_CHECK(!memcmp(f, data, len));
		free(f);
		return 0;
	}
	FUZZ_CHECK(ret == 0);
	FUZZ_CHECK(!memcmp(f, data, off));
	FUZZ_CHECK(!memcmp(f + off + 2, data + off + 2, len - off - 2));
	ihl = (f[14] & 15) * 4;
	FUZZ_CHECK(rfc1071(f + 14, f + 14 + ihl, be16(f + 16) - ihl) == 0);
	csum = be16(f + off);
	if (f[23] == 17)
		FUZZ_CHECK(csum != 0);
	/* done again: the same value (what was in the field does not count) */
	FUZZ_CHECK(net_csum_complete(f, len, NULL) == 0);
	FUZZ_CHECK(be16(f + off) == csum);
	FUZZ_CHECK(!memcmp(f, data, off));
	free(f);
	return 0;
}
