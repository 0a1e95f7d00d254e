// SPDX-License-Identifier: GPL-2.0
/*
 * The xenstore wire (include/tern/xen/xs_wire.h): byte copies in and out
 * of the shared ring page, assembly of one reply from any fragments, and
 * the parsers for what a reply holds. Pure code: no hypercalls, no
 * globals, no allocation; the host tests and the fuzzer run it as is.
 *
 * The peer (xenstored, or whatever sits on the other end of the page) may
 * write any value into any index at any time. So:
 *  - each index is read once (READ_ONCE) into a local, and the distance
 *    prod - cons (mod 2^32) must be at most XENSTORE_RING_SIZE, else the
 *    ring is broken (-EIO) and nothing is copied or published;
 *  - the ring bytes are copied out before anything looks at them, and
 *    every copy is bounded by the distance the locals allow, so a byte
 *    index is always MASK_XENSTORE_IDX(local) and inside the page;
 *  - barriers as Linux's xenbus: put = read indices, full barrier (the
 *    peer's consumer index before our writes into its slots), bytes,
 *    write barrier, req_prod; get = read indices, read barrier, bytes,
 *    full barrier (the copy done before the slots are given back),
 *    rsp_cons. mb/rmb/wmb come from asm/bitops.h, which the host build
 *    (x86-64 too) uses unchanged, like arch/x86/xen/pvclock.c.
 *  - a reply header is believed only after xs_check_header(); the body
 *    is pulled into struct xs_rx (4096 + 1 bytes) and kept NUL-terminated
 *    after the bytes received so far.
 */
#include <tern/xen/xs_wire.h>
#include <tern/string.h>
#include <asm/bitops.h>

BUILD_BUG_ON(XENSTORE_RING_SIZE & (XENSTORE_RING_SIZE - 1));
BUILD_BUG_ON(sizeof(struct xsd_sockmsg) != 16);

#define HDR_LEN		((u32)sizeof(struct xsd_sockmsg))

int xs_ring_put(struct xenstore_domain_interface *intf, const void *data,
		size_t len)
{
	XENSTORE_RING_IDX cons = READ_ONCE(intf->req_cons);
	XENSTORE_RING_IDX prod = READ_ONCE(intf->req_prod);
	const char *src = data;
	size_t done = 0;

	if (prod - cons > XENSTORE_RING_SIZE)
		return -EIO;
	/* the consumer index before we write into the slots it freed */
	mb();
	while (done < len) {
		u32 space = XENSTORE_RING_SIZE - (prod - cons);
		u32 off = MASK_XENSTORE_IDX(prod);
		size_t n = XENSTORE_RING_SIZE - off;

		if (!space)
			break;
		if (n > space)
			n = space;
		if (n > len - done)
			n = len - done;
		memcpy(intf->req + off, src + done, n);
		done += n;
		prod += n;
	}
	if (done) {
		/* the bytes before the index that publishes them */
		wmb();
		WRITE_ONCE(intf->req_prod, prod);
	}
	return done;
}

int xs_ring_get(struct xenstore_domain_interface *intf, void *buf,
		size_t len)
{
	XENSTORE_RING_IDX cons = READ_ONCE(intf->rsp_cons);
	XENSTORE_RING_IDX prod = READ_ONCE(intf->rsp_prod);
	char *dst = buf;
	size_t done = 0;

	if (prod - cons > XENSTORE_RING_SIZE)
		return -EIO;
	/* the producer index before the bytes it covers */
	rmb();
	while (done < len && cons != prod) {
		u32 avail = prod - cons;
		u32 off = MASK_XENSTORE_IDX(cons);
		size_t n = XENSTORE_RING_SIZE - off;

		if (n > avail)
			n = avail;
		if (n > len - done)
			n = len - done;
		memcpy(dst + done, intf->rsp + off, n);
		done += n;
		cons += n;
	}
	if (done) {
		/* the copy finished before the slots go back to the peer */
		mb();
		WRITE_ONCE(intf->rsp_cons, cons);
	}
	return done;
}

int xs_check_header(const struct xsd_sockmsg *h)
{
	/* XS_SET_TARGET + 1 was XS_RESTRICT, removed from the protocol */
	if (h->type >= XS_TYPE_COUNT || h->type == XS_SET_TARGET + 1)
		return -EPROTO;
	if (h->len > XENSTORE_PAYLOAD_MAX)
		return -E2BIG;
	return 0;
}

void xs_rx_reset(struct xs_rx *rx)
{
	memset(&rx->hdr, 0, sizeof(rx->hdr));
	rx->have = 0;
	rx->body[0] = '\0';
}

int xs_rx_pull(struct xs_rx *rx, struct xenstore_domain_interface *intf)
{
	u32 got;
	int ret;

	/* rx->have grows up to HDR_LEN + hdr.len, never past it */
	if (rx->have < HDR_LEN) {
		ret = xs_ring_get(intf, (char *)&rx->hdr + rx->have,
				  HDR_LEN - rx->have);
		if (ret < 0)
			return ret;
		rx->have += ret;
		if (rx->have < HDR_LEN)
			return 0;
	}
	ret = xs_check_header(&rx->hdr);
	if (ret)
		return ret;

	got = rx->have - HDR_LEN;
	if (got > rx->hdr.len)
		return -EINVAL;		/* rx not reset: the caller's bug */
	if (got < rx->hdr.len) {
		ret = xs_ring_get(intf, rx->body + got, rx->hdr.len - got);
		if (ret < 0)
			return ret;
		rx->have += ret;
		got += ret;
	}
	rx->body[got] = '\0';
	return got == rx->hdr.len;
}

int xs_error_to_errno(const char *payload, size_t len)
{
	size_t n = strnlen(payload, len);
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(xsd_errors); i++) {
		const char *name = xsd_errors[i].errstring;

		if (strlen(name) == n && !memcmp(name, payload, n))
			return -xsd_errors[i].errnum;
	}
	return -EIO;
}

int xs_split_strings(const char *payload, size_t len, const char **out,
		     unsigned int max)
{
	unsigned int count = 0;
	size_t start = 0, i;

	if (!len)
		return 0;
	if (len > XENSTORE_PAYLOAD_MAX || payload[len - 1] != '\0')
		return -EPROTO;
	for (i = 0; i < len; i++) {
		if (payload[i] != '\0')
			continue;
		if (count < max)
			out[count] = payload + start;
		count++;
		start = i + 1;
	}
	return count;
}

int xs_parse_watch_event(const char *payload, size_t len, const char **path,
			 const char **token)
{
	const char *s[2];

	if (xs_split_strings(payload, len, s, 2) != 2)
		return -EPROTO;
	*path = s[0];
	*token = s[1];
	return 0;
}

int xs_parse_uint(const char *s, size_t len, u64 max, u64 *val)
{
	size_t n = strnlen(s, len), i;
	u64 v = 0;

	if (!n)
		return -EINVAL;
	for (i = 0; i < n; i++)
		if (s[i] < '0' || s[i] > '9')
			return -EINVAL;
	for (i = 0; i < n; i++) {
		unsigned int d = s[i] - '0';

		if (v > max / 10)
			return -ERANGE;
		v *= 10;
		if (d > max - v)
			return -ERANGE;
		v += d;
	}
	*val = v;
	return 0;
}
