// SPDX-License-Identifier: GPL-2.0
/*
 * netback's consumers of the frontend's tx and rx rings
 * (include/tern/xen/netif_req.h). Pure code: the host tests and the
 * fuzzer run it unchanged.
 *
 * The frontend writes req_prod and the slots whenever it likes, so:
 *  - req_prod is read once per take, then a read barrier orders it
 *    before the slots; it must lie within [req_cons, rsp_prod_pvt +
 *    nr_ents] (mod 2^32), else nothing is taken (-EPROTO);
 *  - a slot is copied word by word (READ_ONCE, each word once) into a
 *    private union before any field of it is looked at; whether it is a
 *    request or an extra-info slot is decided by the slots before it;
 *  - the slot index is (idx & (nr_ents - 1)) with nr_ents a power of
 *    two, so no access leaves the ring's netif_*_ring_bytes();
 *  - a tx packet is read up to req_prod and no further: one that would
 *    need slots beyond it, or more data slots than the fatal bound, or
 *    more extra-info slots than there are types, is the frontend's
 *    breakage (-EPROTO) and nothing of the call is taken, so loops are
 *    bounded by max, by fatal_slots + NETIF_TX_MAX_EXTRAS and by req_prod;
 *  - ids are never used but to be echoed, grant references never but
 *    to be handed to the caller's grant copy.
 * A packet that breaks a rule of its own content (sizes, page bounds,
 * 19..fatal data slots, an extra we did not offer) is still consumed
 * whole and comes out with err set, to be answered with errors.
 */
#include <tern/netdev.h>
#include <tern/string.h>
#include <tern/xen/netif_req.h>
#include <tern/xen/ring_back.h>

/* The layouts (the same for i386 and x86_64: no field is wider than 4). */
BUILD_BUG_ON(sizeof(struct netif_tx_request) != NETIF_TX_SLOT_SIZE);
BUILD_BUG_ON(_Alignof(struct netif_tx_request) != 4);
BUILD_BUG_ON(offsetof(struct netif_tx_request, gref) != 0);
BUILD_BUG_ON(offsetof(struct netif_tx_request, offset) != 4);
BUILD_BUG_ON(offsetof(struct netif_tx_request, flags) != 6);
BUILD_BUG_ON(offsetof(struct netif_tx_request, id) != 8);
BUILD_BUG_ON(offsetof(struct netif_tx_request, size) != 10);
BUILD_BUG_ON(sizeof(struct netif_tx_response) != 4);
BUILD_BUG_ON(offsetof(struct netif_tx_response, status) != 2);
BUILD_BUG_ON(sizeof(union netif_tx_sring_entry) != NETIF_TX_SLOT_SIZE);
BUILD_BUG_ON(sizeof(struct netif_extra_info) != 8);
BUILD_BUG_ON(_Alignof(struct netif_extra_info) != 2);
BUILD_BUG_ON(offsetof(struct netif_extra_info, flags) != 1);
BUILD_BUG_ON(offsetof(struct netif_extra_info, u.gso.size) != 2);
BUILD_BUG_ON(offsetof(struct netif_extra_info, u.gso.type) != 4);
BUILD_BUG_ON(offsetof(struct netif_extra_info, u.gso.features) != 6);
BUILD_BUG_ON(offsetof(struct netif_extra_info, u.mcast.addr) != 2);
BUILD_BUG_ON(offsetof(struct netif_extra_info, u.hash.type) != 2);
BUILD_BUG_ON(offsetof(struct netif_extra_info, u.hash.algorithm) != 3);
BUILD_BUG_ON(offsetof(struct netif_extra_info, u.hash.value) != 4);
BUILD_BUG_ON(sizeof(struct netif_rx_request) != NETIF_RX_SLOT_SIZE);
BUILD_BUG_ON(offsetof(struct netif_rx_request, gref) != 4);
BUILD_BUG_ON(sizeof(struct netif_rx_response) != NETIF_RX_SLOT_SIZE);
BUILD_BUG_ON(offsetof(struct netif_rx_response, offset) != 2);
BUILD_BUG_ON(offsetof(struct netif_rx_response, flags) != 4);
BUILD_BUG_ON(offsetof(struct netif_rx_response, status) != 6);
BUILD_BUG_ON(sizeof(union netif_rx_sring_entry) != NETIF_RX_SLOT_SIZE);
/* both rings: the same header, indices where ring_back.h expects them */
BUILD_BUG_ON(offsetof(struct netif_tx_sring, ring) != NETIF_SRING_HDR);
BUILD_BUG_ON(offsetof(struct netif_rx_sring, ring) != NETIF_SRING_HDR);
BUILD_BUG_ON(offsetof(struct netif_tx_sring, req_event) != 4);
BUILD_BUG_ON(offsetof(struct netif_tx_sring, rsp_prod) != 8);
BUILD_BUG_ON(offsetof(struct netif_tx_sring, rsp_event) != 12);
BUILD_BUG_ON(offsetof(struct netif_rx_sring, req_event) != 4);
BUILD_BUG_ON(offsetof(struct netif_rx_sring, rsp_prod) != 8);
BUILD_BUG_ON(offsetof(struct netif_rx_sring, rsp_event) != 12);
/* a one-page ring holds 256 of either */
BUILD_BUG_ON(NETIF_BACK_MAX_ENTS >
	     (4096 - NETIF_SRING_HDR) / NETIF_TX_SLOT_SIZE ||
	     NETIF_BACK_MAX_ENTS * 2 <=
	     (4096 - NETIF_SRING_HDR) / NETIF_TX_SLOT_SIZE);
BUILD_BUG_ON(NETIF_BACK_MAX_ENTS >
	     (4096 - NETIF_SRING_HDR) / NETIF_RX_SLOT_SIZE ||
	     NETIF_BACK_MAX_ENTS * 2 <=
	     (4096 - NETIF_SRING_HDR) / NETIF_RX_SLOT_SIZE);
/* a packet's slots fit netif_rx_put_packet()'s failed mask */
BUILD_BUG_ON(NETIF_BACK_MAX_SLOTS > 32);

/* The shared ring's indices, at the same offsets in both rings. */
#define REQ_PROD(b)	((u32 *)(b)->sring)
#define REQ_EVENT(b)	((u32 *)(b)->sring + 1)
#define RSP_PROD(b)	((u32 *)(b)->sring + 2)
#define RSP_EVENT(b)	((u32 *)(b)->sring + 3)

/* One tx slot as copied: a request or an extra-info, by its position. */
union tx_slot {
	u32 w[NETIF_TX_SLOT_SIZE / 4];
	struct netif_tx_request req;
	struct netif_extra_info x;
};

union rx_slot {
	u32 w[NETIF_RX_SLOT_SIZE / 4];
	struct netif_rx_request req;
};

static int fail(const char **why, const char *reason, int err)
{
	if (why)
		*why = reason;
	return err;
}

static void *slot(const struct netif_back *b, u32 idx, unsigned int size)
{
	return (u8 *)b->sring + NETIF_SRING_HDR +
	       (size_t)(idx & (b->nr_ents - 1)) * size;
}

size_t netif_tx_ring_bytes(unsigned int nr_ents)
{
	return NETIF_SRING_HDR + (size_t)nr_ents * NETIF_TX_SLOT_SIZE;
}

size_t netif_rx_ring_bytes(unsigned int nr_ents)
{
	return NETIF_SRING_HDR + (size_t)nr_ents * NETIF_RX_SLOT_SIZE;
}

int netif_back_init(struct netif_back *b, void *sring, unsigned int nr_ents,
		    u32 idx, const char **why)
{
	if (!ring_back_state_ok(nr_ents, NETIF_BACK_MAX_ENTS, idx, idx))
		return fail(why, "bad ring size", -EINVAL);
	b->sring = sring;
	b->nr_ents = nr_ents;
	b->req_cons = b->rsp_prod_pvt = b->rsp_pushed = idx;
	return 0;
}

bool netif_final_check(struct netif_back *b, unsigned int need)
{
	return ring_back_final_check(REQ_PROD(b), REQ_EVENT(b), b->req_cons,
				     need ? need : 1);
}

bool netif_push_responses(struct netif_back *b)
{
	return ring_back_push(RSP_PROD(b), RSP_EVENT(b), &b->rsp_pushed,
			      b->rsp_prod_pvt);
}

/*
 * Read req_prod once and check it (and our own state): 0 and *rp, or
 * -EINVAL / -EPROTO.
 */
static int read_req_prod(const struct netif_back *b, u32 *rp,
			 const char **why)
{
	const char *bad;

	if (!ring_back_state_ok(b->nr_ents, NETIF_BACK_MAX_ENTS, b->req_cons,
				b->rsp_prod_pvt))
		return fail(why, "bad ring state", -EINVAL);
	*rp = READ_ONCE(*REQ_PROD(b));
	/* the producer index before the slots it covers */
	rmb();
	bad = ring_back_req_prod_bad(*rp, b->req_cons, b->rsp_prod_pvt,
				     b->nr_ents);
	return bad ? fail(why, bad, -EPROTO) : 0;
}

/* ---- tx ---------------------------------------------------------------- */

static void copy_tx_slot(const struct netif_back *b, u32 idx, union tx_slot *s)
{
	const u32 *src = slot(b, idx, NETIF_TX_SLOT_SIZE);
	unsigned int k;

	for (k = 0; k < ARRAY_SIZE(s->w); k++)
		s->w[k] = READ_ONCE(src[k]);
}

/* Record why the packet is dropped; the first reason stays. */
static void drop(struct netif_tx_pkt *pkt, int err, const char *why)
{
	if (pkt->err)
		return;
	pkt->err = err;
	pkt->why = why;
}

/* One extra-info slot of a known type, not seen before in this packet. */
static void tx_extra(const struct netif_tx_params *p,
		     const struct netif_extra_info *x, struct netif_tx_pkt *pkt)
{
	unsigned int del = x->type == XEN_NETIF_EXTRA_TYPE_MCAST_DEL;
	const u8 *v = x->u.hash.value;

	switch (x->type) {
	case XEN_NETIF_EXTRA_TYPE_GSO:
		if (!p->gso) {
			drop(pkt, -EOPNOTSUPP, "GSO not offered");
		} else if (!x->u.gso.size) {
			drop(pkt, -EINVAL, "GSO size 0");
		} else if (x->u.gso.type != XEN_NETIF_GSO_TYPE_TCPV4 &&
			   x->u.gso.type != XEN_NETIF_GSO_TYPE_TCPV6) {
			drop(pkt, -EINVAL, "unknown GSO type");
		} else {
			pkt->gso = true;
			pkt->gso_type = x->u.gso.type;
			pkt->gso_size = x->u.gso.size;
		}
		break;
	case XEN_NETIF_EXTRA_TYPE_MCAST_ADD:
	case XEN_NETIF_EXTRA_TYPE_MCAST_DEL:
		if (!p->mcast) {
			drop(pkt, -EOPNOTSUPP, "multicast control not offered");
			break;
		}
		pkt->mcast = true;
		if (del)
			pkt->mcast_del = true;
		else
			pkt->mcast_add = true;
		memcpy(pkt->mcast_addr[del], x->u.mcast.addr, ETH_ALEN);
		break;
	case XEN_NETIF_EXTRA_TYPE_HASH:
		if (!p->hash) {
			drop(pkt, -EOPNOTSUPP, "hash not offered");
			break;
		}
		pkt->hash = true;
		pkt->hash_type = x->u.hash.type;
		pkt->hash_alg = x->u.hash.algorithm;
		pkt->hash_value = v[0] | v[1] << 8 | v[2] << 16 |
				  (u32)v[3] << 24;
		break;
	}
}

/* The extra-info slots after the first one, from n on: 0 or -EPROTO. */
static int tx_extras(const struct netif_back *b,
		     const struct netif_tx_params *p, u32 c, u32 avail,
		     unsigned int *n, struct netif_tx_pkt *pkt,
		     const char **why)
{
	unsigned int seen = 0;
	union tx_slot s;

	do {
		if (*n == avail)
			return fail(why, "tx extra info runs past req_prod",
				    -EPROTO);
		if (pkt->nr_extras == NETIF_TX_MAX_EXTRAS)
			return fail(why, "more tx extra-info slots than types",
				    -EPROTO);
		copy_tx_slot(b, c + (*n)++, &s);
		pkt->nr_extras++;
		if (s.x.type == XEN_NETIF_EXTRA_TYPE_NONE ||
		    s.x.type >= XEN_NETIF_EXTRA_TYPE_MAX)
			return fail(why, "unknown tx extra-info type", -EPROTO);
		if (seen & 1u << s.x.type)
			drop(pkt, -EINVAL, "tx extra-info type repeated");
		else
			tx_extra(p, &s.x, pkt);
		seen |= 1u << s.x.type;
	} while (s.x.flags & XEN_NETIF_EXTRA_FLAG_MORE);
	return 0;
}

/* The first slot's own checks, once the others' sizes are summed. */
static void tx_first(const struct netif_tx_params *p,
		     const struct netif_tx_request *first, u32 rest,
		     struct netif_tx_pkt *pkt)
{
	const char *bad = NULL;

	if (first->size < ETH_HLEN)
		bad = "tx packet shorter than an Ethernet header";
	else if (first->size > p->max_len)
		bad = "tx packet longer than the maximum";
	else if (rest > first->size)
		bad = "tx first slot's size below the others' sum";
	else if ((u32)first->offset + (first->size - rest) >
		 NETIF_REQ_PAGE_SIZE)
		bad = "tx slot crosses its page";
	if (bad) {
		drop(pkt, -EINVAL, bad);
		return;
	}
	pkt->seg[0].gref = _gref(first->gref);
	pkt->seg[0].offset = first->offset;
	pkt->seg[0].len = first->size - rest;
	pkt->len = first->size;
}

/*
 * One packet from ring index c, avail slots up to req_prod (>= 1): 0
 * (pkt describes it, nr_slots consumed), or -EPROTO.
 */
static int tx_packet(const struct netif_back *b,
		     const struct netif_tx_params *p, unsigned int fatal,
		     u32 c, u32 avail, struct netif_tx_pkt *pkt,
		     const char **why)
{
	struct netif_tx_request first;
	unsigned int n = 0;
	union tx_slot s;
	u32 rest = 0;
	bool more;
	int err;

	memset(pkt, 0, sizeof(*pkt));
	copy_tx_slot(b, c + n++, &s);
	first = s.req;
	pkt->id[0] = first.id;
	pkt->nr_data = 1;
	pkt->flags = first.flags & (NETTXF_csum_blank | NETTXF_data_validated);
	if (first.flags & NETTXF_extra_info) {
		err = tx_extras(b, p, c, avail, &n, pkt, why);
		if (err)
			return err;
	}

	/* flags of the later slots other than more_data mean nothing */
	more = first.flags & NETTXF_more_data;
	while (more) {
		unsigned int i = pkt->nr_data;

		if (i == fatal)
			return fail(why, "tx packet beyond the fatal slot count",
				    -EPROTO);
		if (n == avail)
			return fail(why, "tx packet runs past req_prod",
				    -EPROTO);
		copy_tx_slot(b, c + n++, &s);
		pkt->id[pkt->nr_data++] = s.req.id;
		if (i >= NETIF_BACK_MAX_SLOTS) {
			drop(pkt, -E2BIG, "tx packet of more than 18 slots");
		} else if ((u32)s.req.offset + s.req.size >
			   NETIF_REQ_PAGE_SIZE) {
			drop(pkt, -EINVAL, "tx slot crosses its page");
		} else {
			pkt->seg[i].gref = _gref(s.req.gref);
			pkt->seg[i].offset = s.req.offset;
			pkt->seg[i].len = s.req.size;
		}
		rest += s.req.size;
		more = s.req.flags & NETTXF_more_data;
	}
	pkt->nr_slots = n;

	/* a multicast request is a dummy: its data are not looked at */
	if (!pkt->mcast)
		tx_first(p, &first, rest, pkt);
	if (pkt->err || pkt->mcast) {
		pkt->len = 0;
		memset(pkt->seg, 0, sizeof(pkt->seg));
	}
	return 0;
}

int netif_tx_take_packets(struct netif_back *b,
			  const struct netif_tx_params *p,
			  struct netif_tx_pkt *pkts, unsigned int max,
			  const char **why)
{
	unsigned int fatal = p->fatal_slots ? p->fatal_slots :
					      NETIF_TX_FATAL_SLOTS;
	unsigned int n = 0;
	u32 rp, c;
	int err;

	if (fatal < NETIF_BACK_MAX_SLOTS || fatal > NETIF_TX_FATAL_MAX ||
	    p->max_len < ETH_HLEN || p->max_len > XEN_NETIF_MAX_TX_SIZE)
		return fail(why, "bad tx parameters", -EINVAL);
	err = read_req_prod(b, &rp, why);
	if (err)
		return err;

	for (c = b->req_cons; n < max && c != rp; n++) {
		err = tx_packet(b, p, fatal, c, rp - c, &pkts[n], why);
		if (err)
			return err;
		c += pkts[n].nr_slots;
	}
	b->req_cons = c;
	return n;
}

static void put_tx_response(struct netif_back *b, u16 id, s16 status,
			    bool with_id)
{
	struct netif_tx_response *r = slot(b, b->rsp_prod_pvt++,
					   NETIF_TX_SLOT_SIZE);

	if (with_id)
		WRITE_ONCE(r->id, id);
	WRITE_ONCE(r->status, status);
}

int netif_tx_answer(struct netif_back *b, const struct netif_tx_pkt *pkt,
		    s16 status, const char **why)
{
	unsigned int i;

	if (status != NETIF_RSP_OKAY && status != NETIF_RSP_ERROR &&
	    status != NETIF_RSP_DROPPED)
		return fail(why, "bad tx response status", -EINVAL);
	if (pkt->err && status == NETIF_RSP_OKAY)
		return fail(why, "a dropped tx packet answered OKAY", -EINVAL);
	if (!pkt->nr_data || pkt->nr_data > NETIF_TX_FATAL_MAX ||
	    pkt->nr_extras > NETIF_TX_MAX_EXTRAS ||
	    pkt->nr_slots != pkt->nr_data + pkt->nr_extras)
		return fail(why, "not a tx packet taken", -EINVAL);
	if (b->req_cons - b->rsp_prod_pvt < pkt->nr_slots)
		return fail(why, "more tx responses than slots taken",
			    -EINVAL);

	put_tx_response(b, pkt->id[0], status, true);
	for (i = 0; i < pkt->nr_extras; i++)
		put_tx_response(b, 0, NETIF_RSP_NULL, false);
	for (i = 1; i < pkt->nr_data; i++)
		put_tx_response(b, pkt->id[i], status, true);
	return 0;
}

/* ---- rx ---------------------------------------------------------------- */

unsigned int netif_rx_slots(u32 len)
{
	if (!len || len > XEN_NETIF_MAX_TX_SIZE)
		return 0;
	return DIV_ROUND_UP(len, NETIF_REQ_PAGE_SIZE);
}

int netif_rx_take_buffers(struct netif_back *b, struct netif_rx_buf *bufs,
			  unsigned int need, const char **why)
{
	unsigned int i, k;
	union rx_slot s;
	u32 rp;
	int err;

	if (!need || need > NETIF_BACK_MAX_SLOTS)
		return fail(why, "bad rx buffer count", -EINVAL);
	err = read_req_prod(b, &rp, why);
	if (err)
		return err;
	if (rp - b->req_cons < need)
		return 0;
	for (i = 0; i < need; i++) {
		const u32 *src = slot(b, b->req_cons++, NETIF_RX_SLOT_SIZE);

		for (k = 0; k < ARRAY_SIZE(s.w); k++)
			s.w[k] = READ_ONCE(src[k]);
		bufs[i].id = s.req.id;
		bufs[i].gref = _gref(s.req.gref);
	}
	return need;
}

int netif_rx_put_packet(struct netif_back *b, const struct netif_rx_buf *bufs,
			unsigned int nr, u32 len, u16 flags, u32 failed,
			const char **why)
{
	unsigned int i;

	if (!nr || nr != netif_rx_slots(len))
		return fail(why, "rx buffer count does not fit the length",
			    -EINVAL);
	if (flags & ~(NETRXF_data_validated | NETRXF_csum_blank))
		return fail(why, "bad rx flags", -EINVAL);
	if (b->req_cons - b->rsp_prod_pvt < nr)
		return fail(why, "more rx responses than buffers taken",
			    -EINVAL);

	for (i = 0; i < nr; i++) {
		struct netif_rx_response *r = slot(b, b->rsp_prod_pvt++,
						   NETIF_RX_SLOT_SIZE);
		u32 chunk = min(len - i * NETIF_REQ_PAGE_SIZE,
				NETIF_REQ_PAGE_SIZE);
		u16 f = i ? 0 : flags;

		if (i + 1 < nr)
			f |= NETRXF_more_data;
		WRITE_ONCE(r->id, bufs[i].id);
		WRITE_ONCE(r->offset, 0);
		WRITE_ONCE(r->flags, f);
		WRITE_ONCE(r->status, failed & 1u << i ? NETIF_RSP_ERROR :
							  (s16)chunk);
	}
	return 0;
}
