// SPDX-License-Identifier: GPL-2.0
/*
 * xenstored's side of a guest's xenstore page (include/tern/xen/xsd.h):
 * requests in from req, replies and watch events out to rsp.
 *
 * The guest may write anything into the page at any time. So:
 *  - the indices we own (req_cons, rsp_prod) live in struct xsd_ring and
 *    are only written to the page, never read back from it;
 *  - the guest's (req_prod, rsp_cons) are read once per copy into a
 *    local; a distance prod - cons above XENSTORE_RING_SIZE breaks the
 *    connection (-EIO) before any byte moves;
 *  - a request header is copied out whole and its len checked (at most
 *    XENSTORE_PAYLOAD_MAX, else -E2BIG) before the body is read; the
 *    body goes into r->body, never beyond hdr.len;
 *  - barriers as the client side (drivers/xen/xs_wire.c): read prod,
 *    rmb, bytes, mb, cons; read cons, mb, bytes, wmb, prod.
 * A request or a reply may take any number of calls: r->have and r->sent
 * say how far each got. Errors are sticky.
 */
#include <tern/string.h>
#include <tern/xen/xsd.h>
#include <asm/bitops.h>

#define HDR_LEN		((u32)sizeof(struct xsd_sockmsg))

void xsd_ring_init(struct xsd_ring *r, struct xenstore_domain_interface *intf)
{
	r->intf = intf;
	r->have = 0;
	r->sent = 0;
	r->err = 0;
	r->req_cons = READ_ONCE(intf->req_cons);
	r->rsp_prod = READ_ONCE(intf->rsp_prod);
	memset(&r->hdr, 0, sizeof(r->hdr));
}

/* Write queued messages into rsp while there is room. */
static int push(struct xsd_conn *c, struct xsd_ring *r, int *flags)
{
	struct xenstore_domain_interface *intf = r->intf;
	const char *msg;
	const void *m;
	size_t len;

	while (xsd_conn_out_peek(c, &m, &len)) {
		XENSTORE_RING_IDX cons = READ_ONCE(intf->rsp_cons);
		XENSTORE_RING_IDX prod = r->rsp_prod;
		u32 space, off, n, chunk;

		if (prod - cons > XENSTORE_RING_SIZE)
			return -EIO;
		space = XENSTORE_RING_SIZE - (prod - cons);
		if (!space)
			break;
		/* the consumer index before we write into the slots it freed */
		mb();
		msg = m;
		n = min((size_t)space, len - r->sent);
		while (n) {
			off = MASK_XENSTORE_IDX(prod);
			chunk = min(n, XENSTORE_RING_SIZE - off);
			memcpy(intf->rsp + off, msg + r->sent, chunk);
			r->sent += chunk;
			prod += chunk;
			n -= chunk;
		}
		/* the bytes before the index that publishes them */
		wmb();
		WRITE_ONCE(intf->rsp_prod, prod);
		r->rsp_prod = prod;
		*flags |= XSD_RING_NOTIFY;
		if (r->sent < len)
			break;
		xsd_conn_out_pop(c);
		r->sent = 0;
	}
	return 0;
}

/* Copy up to want request bytes to dst: the count, or -EIO. */
static int pull(struct xsd_ring *r, void *dst, u32 want, int *flags)
{
	struct xenstore_domain_interface *intf = r->intf;
	XENSTORE_RING_IDX prod = READ_ONCE(intf->req_prod);
	XENSTORE_RING_IDX cons = r->req_cons;
	u32 n, done = 0, off, chunk;
	char *out = dst;

	if (prod - cons > XENSTORE_RING_SIZE)
		return -EIO;
	/* the producer index before the bytes it covers */
	rmb();
	n = min(want, prod - cons);
	while (done < n) {
		off = MASK_XENSTORE_IDX(cons);
		chunk = min(n - done, XENSTORE_RING_SIZE - off);
		memcpy(out + done, intf->req + off, chunk);
		done += chunk;
		cons += chunk;
	}
	if (done) {
		/* the copy finished before the slots go back to the guest */
		mb();
		WRITE_ONCE(intf->req_cons, cons);
		r->req_cons = cons;
		*flags |= XSD_RING_NOTIFY;
	}
	return done;
}

int xsd_ring_work(struct xsd *s, struct xsd_conn *c, struct xsd_ring *r,
		  unsigned int budget)
{
	int flags = 0, ret;
	u32 want;

	if (r->err)
		return r->err;
	ret = push(c, r, &flags);
	while (!ret && !xsd_conn_stalled(c)) {
		if (!budget) {
			if (READ_ONCE(r->intf->req_prod) != r->req_cons)
				flags |= XSD_RING_MORE;
			break;
		}
		if (r->have < HDR_LEN) {
			ret = pull(r, (char *)&r->hdr + r->have,
				   HDR_LEN - r->have, &flags);
			if (ret < 0)
				break;
			r->have += ret;
			ret = 0;
			if (r->have < HDR_LEN)
				break;
		}
		if (r->hdr.len > XENSTORE_PAYLOAD_MAX) {
			ret = -E2BIG;
			break;
		}
		want = HDR_LEN + r->hdr.len - r->have;
		if (want) {
			ret = pull(r, r->body + (r->have - HDR_LEN), want,
				   &flags);
			if (ret < 0)
				break;
			r->have += ret;
			ret = 0;
			if (r->have < HDR_LEN + r->hdr.len)
				break;
		}
		ret = xsd_request(s, c, &r->hdr, r->body);
		if (ret == -EAGAIN) {
			ret = 0;
			break;
		}
		if (ret)
			break;
		r->have = 0;
		budget--;
		ret = push(c, r, &flags);
	}
	if (ret < 0) {
		r->err = ret;
		return ret;
	}
	return flags;
}
