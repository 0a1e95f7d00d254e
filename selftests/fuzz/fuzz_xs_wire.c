// SPDX-License-Identifier: GPL-2.0
/*
 * Fuzz the xenstore wire (drivers/xen/xs_wire.c). The input is a script
 * for the peer (xenstored) on the other side of one interface page (a
 * heap object of exactly its size, so ASan sees any byte outside it):
 *
 *   u32 start index (rsp_cons = rsp_prod = it), then operations, one
 *   opcode byte each, operands following:
 *   0 N bytes[N]        queue N raw bytes to send
 *   1 T L16 N bytes[N]  queue a message: type T % 32, len L16 & 0x1fff,
 *                       body: N bytes from the input, then 'x' up to len
 *   2 K                 deliver up to K * 4 + 1 queued bytes, then pull
 *   3                   deliver and pull until a message is whole (or
 *                       the connection breaks or nothing moves)
 *   4 u32               set rsp_prod to anything (hostile)
 *   5 u32               set rsp_cons to anything (hostile)
 *   6 u32 N             req_cons := u32 (hostile), put N bytes
 *   7                   pull
 *
 * Against a model of the stream (what the peer delivered, in order):
 * while the peer has been honest, a pull takes exactly the bytes of the
 * current message and no more, 1 means the message equals the model's
 * bytes, 0 means the ring is empty, and errors are the header's. Always:
 * rsp_cons never passes rsp_prod when their distance was valid, rx never
 * holds more than header + hdr.len, the body is NUL-terminated after what
 * it holds, and -EIO comes only after a hostile index. A whole message is
 * then given to every parser, whose results are checked independently.
 */
#include <tern/xen/xs_wire.h>

#include "fuzz.h"

#define QMAX	(1 << 17)
#define HLEN	16u

static struct xenstore_domain_interface *intf;
static struct xs_rx *rx;
static u8 q[QMAX];		/* the peer's stream: queued and delivered */
static u32 appended, delivered, msg_start, base;
static bool honest;

static void queue(const void *p, size_t n)
{
	if (n > QMAX - appended)
		n = QMAX - appended;
	memcpy(q + appended, p, n);
	appended += n;
}

static void restart(u32 idx)
{
	memset(intf, 0, sizeof(*intf));
	intf->rsp_cons = intf->rsp_prod = idx;
	base = idx;
	appended = delivered = msg_start = 0;
	honest = true;
	xs_rx_reset(rx);
}

static void deliver(u32 k)
{
	u32 used = intf->rsp_prod - intf->rsp_cons, i;

	if (!honest || used > XENSTORE_RING_SIZE)
		return;
	if (k > XENSTORE_RING_SIZE - used)
		k = XENSTORE_RING_SIZE - used;
	if (k > appended - delivered)
		k = appended - delivered;
	for (i = 0; i < k; i++)
		intf->rsp[MASK_XENSTORE_IDX(intf->rsp_prod + i)] =
			q[delivered + i];
	delivered += k;
	intf->rsp_prod += k;
}

static void check_parsers(const char *body, u32 len, u32 max32)
{
	const char *out[8];
	const char *path, *token;
	unsigned int nuls = 0, i;
	int ret, e;
	u64 v, w;
	bool digits, range;
	size_t n;

	for (i = 0; i < len; i++)
		nuls += !body[i];
	ret = xs_split_strings(body, len, out, ARRAY_SIZE(out));
	if (!len) {
		FUZZ_CHECK(ret == 0);
	} else if (body[len - 1]) {
		FUZZ_CHECK(ret == -EPROTO);
	} else {
		FUZZ_CHECK(ret >= 1 && (unsigned int)ret == nuls);
		FUZZ_CHECK(out[0] == body);
		for (i = 0; i < (unsigned int)ret && i < ARRAY_SIZE(out); i++) {
			FUZZ_CHECK(out[i] >= body && out[i] < body + len);
			if (i + 1 < (unsigned int)ret &&
			    i + 1 < ARRAY_SIZE(out))
				FUZZ_CHECK(out[i + 1] ==
					   out[i] + strlen(out[i]) + 1);
		}
	}
	path = token = NULL;
	e = xs_parse_watch_event(body, len, &path, &token);
	FUZZ_CHECK(e == (ret == 2 ? 0 : -EPROTO));
	if (!e) {
		FUZZ_CHECK(path == body);
		FUZZ_CHECK(token == body + strlen(body) + 1);
		FUZZ_CHECK(token + strlen(token) + 1 == body + len);
	}

	e = xs_error_to_errno(body, len);
	n = strnlen(body, len);
	for (i = 0; i < ARRAY_SIZE(xsd_errors); i++)
		if (strlen(xsd_errors[i].errstring) == n &&
		    !memcmp(xsd_errors[i].errstring, body, n))
			break;
	FUZZ_CHECK(e == (i < ARRAY_SIZE(xsd_errors) ?
			 -xsd_errors[i].errnum : -EIO));

	/* xs_parse_uint against a 128-bit count, for two limits */
	n = strnlen(body, len);
	digits = n > 0;
	for (i = 0; i < n; i++)
		digits &= body[i] >= '0' && body[i] <= '9';
	for (i = 0; i < 2; i++) {
		u64 max = i ? ~0ULL : max32;
		__uint128_t x = 0;
		unsigned int j;

		range = true;
		for (j = 0; digits && j < n && range; j++) {
			x = x * 10 + (body[j] - '0');
			range = x <= max;
		}
		v = w = 0x5a5a;
		e = xs_parse_uint(body, len, max, &v);
		if (!digits)
			FUZZ_CHECK(e == -EINVAL && v == w);
		else if (!range)
			FUZZ_CHECK(e == -ERANGE && v == w);
		else
			FUZZ_CHECK(!e && v == (u64)x && v <= max);
	}
}

/* One pull and the checks; returns its result. */
static int pull(void)
{
	u32 cons0 = intf->rsp_cons, prod0 = intf->rsp_prod;
	bool sane = prod0 - cons0 <= XENSTORE_RING_SIZE;
	u32 have0 = rx->have;
	int ret = xs_rx_pull(rx, intf);

	FUZZ_CHECK(ret == 0 || ret == 1 || ret == -EIO || ret == -EPROTO ||
		   ret == -E2BIG);
	FUZZ_CHECK(intf->rsp_prod == prod0);
	if (!sane) {
		FUZZ_CHECK(ret == -EIO || (ret < 0 && have0 >= HLEN) ||
			   (ret == 1 && have0 == rx->have));
		FUZZ_CHECK(intf->rsp_cons == cons0);
	} else {
		/* consumed only what was there */
		FUZZ_CHECK(intf->rsp_cons - cons0 <= prod0 - cons0);
		FUZZ_CHECK(intf->rsp_cons - cons0 == rx->have - have0);
		FUZZ_CHECK(ret != -EIO);
	}
	FUZZ_CHECK(rx->have >= have0);
	if (rx->have >= HLEN && ret >= 0) {
		FUZZ_CHECK(!xs_check_header(&rx->hdr));
		FUZZ_CHECK(rx->have - HLEN <= rx->hdr.len);
		FUZZ_CHECK(rx->body[rx->have - HLEN] == '\0');
	}
	if (ret == 1)
		FUZZ_CHECK(rx->have == HLEN + rx->hdr.len);
	if (ret == 0 && sane)
		FUZZ_CHECK(intf->rsp_cons == prod0);
	if (ret == -EPROTO || ret == -E2BIG)
		FUZZ_CHECK(rx->have >= HLEN && xs_check_header(&rx->hdr) == ret);

	if (honest) {
		FUZZ_CHECK(intf->rsp_cons - base == msg_start + rx->have);
		FUZZ_CHECK(!memcmp(&rx->hdr, q + msg_start,
				   rx->have < HLEN ? rx->have : HLEN));
		if (rx->have > HLEN)
			FUZZ_CHECK(!memcmp(rx->body, q + msg_start + HLEN,
					   rx->have - HLEN));
	}
	if (ret == 1) {
		check_parsers(rx->body, rx->hdr.len, rx->hdr.req_id);
		msg_start += rx->have;
		xs_rx_reset(rx);
	} else if (ret < 0) {
		restart(intf->rsp_prod);
	}
	return ret;
}

static void put(u32 req_cons, u32 n, struct in *in)
{
	u8 buf[256];
	u32 prod0 = intf->req_prod, used = prod0 - req_cons, i, want;
	int ret;

	for (i = 0; i < n; i++)
		buf[i] = take(in, 1);
	intf->req_cons = req_cons;
	ret = xs_ring_put(intf, buf, n);
	if (used > XENSTORE_RING_SIZE) {
		FUZZ_CHECK(ret == -EIO && intf->req_prod == prod0);
		return;
	}
	want = XENSTORE_RING_SIZE - used < n ? XENSTORE_RING_SIZE - used : n;
	FUZZ_CHECK(ret >= 0 && (u32)ret == want);
	FUZZ_CHECK(intf->req_prod == prod0 + want);
	FUZZ_CHECK(intf->req_prod - intf->req_cons <= XENSTORE_RING_SIZE);
	for (i = 0; i < want; i++)
		FUZZ_CHECK((u8)intf->req[MASK_XENSTORE_IDX(prod0 + i)] ==
			   buf[i]);
}

int LLVMFuzzerTestOneInput(const u8 *data, size_t size)
{
	struct in in = { data, size };
	unsigned int ops = 0, i;

	intf = malloc(sizeof(*intf));
	rx = malloc(sizeof(*rx));
	FUZZ_CHECK(intf && rx);
	memset(rx, 0xa5, sizeof(*rx));
	restart(take(&in, 4));

	while (in.n && ops++ < 4096) {
		u8 op = take(&in, 1) % 8;

		switch (op) {
		case 0: {
			u8 buf[256];
			u32 n = take(&in, 1);

			for (i = 0; i < n; i++)
				buf[i] = take(&in, 1);
			queue(buf, n);
			break;
		}
		case 1: {
			struct xsd_sockmsg h = { 0 };
			u32 n;

			h.type = take(&in, 1) % 32;
			h.len = take(&in, 2) & 0x1fff;
			h.req_id = ops;
			n = take(&in, 1);
			queue(&h, sizeof(h));
			for (i = 0; i < h.len && appended < QMAX; i++)
				q[appended++] = i < n ? take(&in, 1) : 'x';
			break;
		}
		case 2:
			deliver(take(&in, 1) * 4 + 1);
			pull();
			break;
		case 3:
			for (i = 0; i < 64; i++) {
				u32 before = delivered;
				int ret;

				deliver(XENSTORE_RING_SIZE);
				ret = pull();
				if (ret != 0 || delivered == before)
					break;
			}
			break;
		case 4:
			intf->rsp_prod = take(&in, 4);
			honest = false;
			pull();
			break;
		case 5:
			intf->rsp_cons = take(&in, 4);
			honest = false;
			pull();
			break;
		case 6: {
			u32 c = take(&in, 4);

			put(c, take(&in, 1), &in);
			break;
		}
		case 7:
			pull();
			break;
		}
	}
	free(intf);
	free(rx);
	return 0;
}
