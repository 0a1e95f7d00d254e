// SPDX-License-Identifier: GPL-2.0
/*
 * Fuzz netback's consumers of the frontend's rings
 * (drivers/xen/netif_req.c). Input (24-byte header, then the rest):
 *
 *   [0]       bit 0 GSO offered, 1 multicast control, 2 hash; 3 answer
 *             good packets DROPPED instead of OKAY; 4..7 rx flags
 *             (NETRXF_* bits 0..3 of the nibble, so sometimes invalid)
 *   [1]       nr_ents = 1 << (b % 9)
 *   [2]       fatal bound: b < 0x80: 0 (the default, 20); else
 *             16 + b % 20 (so 16, 17, 33..35 are refused: -EINVAL)
 *   [3..5)    max_len: u16 (below 14: -EINVAL)
 *   [5..9)    rsp_prod_pvt (u32), where both indices start
 *   [9]       slots taken and not yet answered: b % (nr_ents + 1)
 *   [10..14)  req_prod: rsp_prod_pvt + u32 % (nr_ents + 2), or when [14]
 *             bit 0 is set, the u32 as is
 *   [14]      bit 0: see above; bits 1..7: rsp_event = rsp_prod_pvt +
 *             (b >> 1)
 *   [15]      max packets per call
 *   [16]      rx: buffers to take, b % 20 (0 and 19: -EINVAL)
 *   [17..21)  rx: the failed mask
 *   [21..24)  rx: packet length, u24
 *   then the rest laid over the tx ring's slots from req_cons's on
 *   (wrapping, as many as fit), and over the rx ring's likewise.
 *
 * Both rings are heap objects of exactly netif_*_ring_bytes() (computed
 * here) and pkts[] one of max entries, so ASan sees any access outside
 * them. Checked against an independent reading of the rules (byte
 * offsets, not the structs): the count, the indices and -EPROTO; taking
 * writes nothing; every packet's slot counts and ids; a packet is good
 * exactly when no rule of its own is broken, a refusal names one of the
 * broken rules' errors, and a good packet's description (length,
 * segments, flags, extras) is what the slots say and satisfies every
 * rule; answers land at rsp_prod_pvt in the ring's layout touching
 * nothing else, never more than were taken; the notify rule; the final
 * check; rx buffers as posted, all or nothing, and their responses.
 */
#include <tern/xen/netif_req.h>

#include "fuzz.h"

#define HDR		24
#define TXS		12
#define RXS		8
#define PAGE		4096u

/* a packet's own rules, as error bits: a refusal's errno must be set */
#define B_INVAL		1
#define B_NOTSUPP	2
#define B_2BIG		4

static unsigned int err_bit(int err)
{
	switch (err) {
	case -EINVAL:
		return B_INVAL;
	case -EOPNOTSUPP:
		return B_NOTSUPP;
	case -E2BIG:
		return B_2BIG;
	}
	FUZZ_CHECK(0);
	return 0;
}

struct env {
	u8 *ring;
	unsigned int nr_ents;
	bool gso, mcast, hash;
	unsigned int fatal;
	u32 max_len;
};

static const u8 *txslot(const struct env *v, u32 idx)
{
	return v->ring + 64 + (idx & (v->nr_ents - 1)) * TXS;
}

/* What the rules say of the packet at c: the model's description. */
struct model {
	unsigned int nr_slots, nr_data, nr_extras, bits;
	u32 data_at[NETIF_TX_FATAL_MAX];	/* ring index of data slot i */
	u32 rest;
	bool mcast;
};

/* 0 and *m, or -EPROTO */
static int model_packet(const struct env *v, u32 c, u32 avail,
			struct model *m)
{
	const u8 *f = txslot(v, c);
	u16 flags = fuzz_le(f + 6, 2), size = fuzz_le(f + 10, 2);
	u16 off = fuzz_le(f + 4, 2);
	unsigned int seen = 0;
	bool more;

	memset(m, 0, sizeof(*m));
	m->nr_slots = 1;
	m->nr_data = 1;
	m->data_at[0] = c;
	if (flags & NETTXF_extra_info) {
		const u8 *x;

		do {
			if (m->nr_slots == avail || m->nr_extras == 4)
				return -EPROTO;
			x = txslot(v, c + m->nr_slots++);
			m->nr_extras++;
			if (x[0] == 0 || x[0] >= 5)
				return -EPROTO;
			if (seen & 1u << x[0]) {
				m->bits |= B_INVAL;
			} else if (x[0] == 1) {
				if (!v->gso)
					m->bits |= B_NOTSUPP;
				else if (!fuzz_le(x + 2, 2) ||
					 (x[4] != 1 && x[4] != 2))
					m->bits |= B_INVAL;
			} else if (x[0] == 2 || x[0] == 3) {
				if (!v->mcast)
					m->bits |= B_NOTSUPP;
				else
					m->mcast = true;
			} else if (!v->hash) {
				m->bits |= B_NOTSUPP;
			}
			seen |= 1u << x[0];
		} while (x[1] & 1);
	}
	more = flags & NETTXF_more_data;
	while (more) {
		const u8 *s;

		if (m->nr_data == v->fatal || m->nr_slots == avail)
			return -EPROTO;
		m->data_at[m->nr_data] = c + m->nr_slots;
		s = txslot(v, c + m->nr_slots++);
		if (++m->nr_data > 18)
			m->bits |= B_2BIG;
		if (fuzz_le(s + 4, 2) + fuzz_le(s + 10, 2) > PAGE)
			m->bits |= B_INVAL;
		m->rest += fuzz_le(s + 10, 2);
		more = fuzz_le(s + 6, 2) & NETTXF_more_data;
	}
	if (!m->mcast && (size < 14 || size > v->max_len || m->rest > size ||
			  off + (size - m->rest) > PAGE))
		m->bits |= B_INVAL;
	return 0;
}

/* The extras of a good packet, as the slots say. */
static void check_extras(const struct env *v, u32 c,
			 const struct netif_tx_pkt *p)
{
	bool gso = false, add = false, del = false, hash = false;
	unsigned int i;

	for (i = 1; i <= p->nr_extras; i++) {
		const u8 *x = txslot(v, c + i);

		switch (x[0]) {
		case 1:
			gso = true;
			FUZZ_CHECK(p->gso_size == fuzz_le(x + 2, 2));
			FUZZ_CHECK(p->gso_type == x[4]);
			break;
		case 2:
			add = true;
			FUZZ_CHECK(!memcmp(p->mcast_addr[0], x + 2, 6));
			break;
		case 3:
			del = true;
			FUZZ_CHECK(!memcmp(p->mcast_addr[1], x + 2, 6));
			break;
		case 4:
			hash = true;
			FUZZ_CHECK(p->hash_type == x[2]);
			FUZZ_CHECK(p->hash_alg == x[3]);
			FUZZ_CHECK(p->hash_value == fuzz_le(x + 4, 4));
			break;
		}
	}
	FUZZ_CHECK(p->gso == gso && p->mcast_add == add &&
		   p->mcast_del == del && p->hash == hash);
	FUZZ_CHECK(p->mcast == (add || del));
	FUZZ_CHECK(!gso || v->gso);
	FUZZ_CHECK(!(add || del) || v->mcast);
	FUZZ_CHECK(!hash || v->hash);
}

static void check_packet(const struct env *v, u32 c,
			 const struct netif_tx_pkt *p, const struct model *m)
{
	const u8 *f = txslot(v, c);
	unsigned int i;
	u32 sum = 0;

	FUZZ_CHECK(p->nr_slots == m->nr_slots);
	FUZZ_CHECK(p->nr_data == m->nr_data);
	FUZZ_CHECK(p->nr_extras == m->nr_extras);
	FUZZ_CHECK(p->nr_data >= 1 && p->nr_data <= v->fatal);
	FUZZ_CHECK(p->nr_extras <= NETIF_TX_MAX_EXTRAS);
	for (i = 0; i < p->nr_data; i++)
		FUZZ_CHECK(p->id[i] == fuzz_le(txslot(v, m->data_at[i]) + 8, 2));
	FUZZ_CHECK((p->err != 0) == (p->why != NULL));
	if (m->bits) {
		FUZZ_CHECK(p->err < 0 && (err_bit(p->err) & m->bits));
		FUZZ_CHECK(p->len == 0);
		return;
	}
	FUZZ_CHECK(p->err == 0);
	check_extras(v, c, p);
	FUZZ_CHECK(p->flags == (fuzz_le(f + 6, 2) &
				(NETTXF_csum_blank | NETTXF_data_validated)));
	if (p->mcast) {
		FUZZ_CHECK(p->len == 0);
		return;
	}
	/* every accepted packet satisfies every rule */
	FUZZ_CHECK(p->nr_data <= NETIF_BACK_MAX_SLOTS);
	FUZZ_CHECK(p->len >= 14 && p->len <= v->max_len);
	FUZZ_CHECK(p->len == fuzz_le(f + 10, 2));
	for (i = 0; i < p->nr_data; i++) {
		const u8 *s = txslot(v, m->data_at[i]);
		const struct netif_tx_seg *g = &p->seg[i];

		FUZZ_CHECK(gref_x(g->gref) == fuzz_le(s, 4));
		FUZZ_CHECK(g->offset == fuzz_le(s + 4, 2));
		if (i)
			FUZZ_CHECK(g->len == fuzz_le(s + 10, 2));
		FUZZ_CHECK(g->offset + g->len <= PAGE);
		sum += g->len;
	}
	FUZZ_CHECK(p->seg[0].len == p->len - m->rest);
	FUZZ_CHECK(sum == p->len);
}

/* Answer every packet; before[] gets what each response must write. */
static void answer(struct netif_back *b, const struct env *v, u8 *before,
		   struct netif_tx_pkt *pkts, int n, bool dropped)
{
	u32 avail = b->req_cons - b->rsp_prod_pvt;
	struct netif_tx_pkt fake;
	int i;

	for (i = 0; i < n; i++) {
		const struct netif_tx_pkt *p = &pkts[i];
		s16 st = p->err ? NETIF_RSP_ERROR : dropped ?
			 NETIF_RSP_DROPPED : NETIF_RSP_OKAY;
		u32 at = b->rsp_prod_pvt;
		unsigned int k, slot = 0;

		if (p->err)
			FUZZ_CHECK(netif_tx_answer(b, p, NETIF_RSP_OKAY,
						   NULL) == -EINVAL);
		FUZZ_CHECK(netif_tx_answer(b, p, st, NULL) == 0);
		FUZZ_CHECK(b->rsp_prod_pvt == at + p->nr_slots);
		for (k = 0; k < p->nr_slots; k++) {
			u8 *e = before + 64 + ((at + k) & (v->nr_ents - 1)) *
					 TXS;
			bool extra = k >= 1 && k <= p->nr_extras;
			u16 id = p->id[slot];
			s16 s = extra ? NETIF_RSP_NULL : st;

			if (!extra) {
				e[0] = id;
				e[1] = id >> 8;
				slot++;
			}
			e[2] = (u16)s;
			e[3] = (u16)s >> 8;
		}
		avail -= p->nr_slots;
	}
	/* never more than were taken */
	FUZZ_CHECK(b->req_cons - b->rsp_prod_pvt == avail);
	memset(&fake, 0, sizeof(fake));
	fake.nr_data = 1;
	fake.nr_slots = avail + 1;
	fake.nr_extras = avail;
	if (avail + 1 <= NETIF_TX_FATAL_MAX + NETIF_TX_MAX_EXTRAS &&
	    avail <= NETIF_TX_MAX_EXTRAS)
		FUZZ_CHECK(netif_tx_answer(b, &fake, NETIF_RSP_OKAY, NULL) ==
			   -EINVAL);
}

static void fuzz_tx(const u8 *hdr, const u8 *data, size_t size)
{
	struct env v = { 0 };
	struct netif_tx_params par = { 0 };
	unsigned int max, out_n, i;
	u32 rsp0, cons0, rp, event, c;
	struct netif_tx_pkt *pkts;
	struct model *models;
	struct netif_back b;
	size_t ringsz, k, n;
	const char *why = NULL;
	bool valid_par, notify;
	u8 *before;
	int ret, want;

	v.gso = par.gso = hdr[0] & 1;
	v.mcast = par.mcast = hdr[0] & 2;
	v.hash = par.hash = hdr[0] & 4;
	v.nr_ents = 1u << (hdr[1] % 9);
	par.fatal_slots = hdr[2] < 0x80 ? 0 : 16 + hdr[2] % 20;
	v.fatal = par.fatal_slots ? par.fatal_slots : 20;
	v.max_len = par.max_len = fuzz_le(hdr + 3, 2);
	valid_par = v.fatal >= 18 && v.fatal <= 32 && v.max_len >= 14;
	rsp0 = fuzz_le(hdr + 5, 4);
	cons0 = rsp0 + hdr[9] % (v.nr_ents + 1);
	rp = fuzz_le(hdr + 10, 4);
	if (!(hdr[14] & 1))
		rp = rsp0 + rp % (v.nr_ents + 2);
	event = rsp0 + (hdr[14] >> 1);
	max = hdr[15];

	ringsz = 64 + (size_t)v.nr_ents * TXS;
	FUZZ_CHECK(netif_tx_ring_bytes(v.nr_ents) == ringsz);
	v.ring = calloc(1, ringsz);
	before = malloc(ringsz);
	out_n = max ? max : 1;
	pkts = malloc(out_n * sizeof(*pkts));
	models = malloc(out_n * sizeof(*models));
	FUZZ_CHECK(v.ring && before && pkts && models);
	n = size < v.nr_ents * TXS ? size : v.nr_ents * TXS;
	for (k = 0; k < n; k++)
		v.ring[64 + ((cons0 & (v.nr_ents - 1)) * TXS + k) %
		       (v.nr_ents * TXS)] = data[k];
	memcpy(v.ring, &rp, 4);
	memcpy(v.ring + 8, &rsp0, 4);
	memcpy(v.ring + 12, &event, 4);

	FUZZ_CHECK(netif_back_init(&b, v.ring, v.nr_ents, rsp0, NULL) == 0);
	b.req_cons = cons0;
	memcpy(before, v.ring, ringsz);

	/* the model: the packets, or -EPROTO / -EINVAL */
	if (!valid_par) {
		want = -EINVAL;
	} else if (rp - rsp0 > v.nr_ents || rp - rsp0 < cons0 - rsp0) {
		want = -EPROTO;
	} else {
		want = 0;
		for (c = cons0; (unsigned int)want < max && c != rp; want++) {
			if (model_packet(&v, c, rp - c, &models[want])) {
				want = -EPROTO;
				break;
			}
			c += models[want].nr_slots;
		}
	}

	ret = netif_tx_take_packets(&b, &par, pkts, max, &why);
	FUZZ_CHECK(ret == want);
	/* packets carry their own reasons; why is the call's */
	FUZZ_CHECK((ret < 0) == (why != NULL));
	FUZZ_CHECK(!memcmp(before, v.ring, ringsz));	/* taking writes nothing */
	FUZZ_CHECK(b.rsp_prod_pvt == rsp0);
	FUZZ_CHECK(b.req_cons - rsp0 <= v.nr_ents);
	if (ret < 0) {
		FUZZ_CHECK(b.req_cons == cons0);
		goto out;
	}
	FUZZ_CHECK(ret <= (int)max && ret <= (int)v.nr_ents);
	for (c = cons0, i = 0; i < (unsigned int)ret; i++) {
		check_packet(&v, c, &pkts[i], &models[i]);
		c += pkts[i].nr_slots;
	}
	FUZZ_CHECK(b.req_cons == c);

	answer(&b, &v, before, pkts, ret, hdr[0] & 8);
	FUZZ_CHECK(!memcmp(before, v.ring, ringsz));
	notify = netif_push_responses(&b);
	FUZZ_CHECK(fuzz_le(v.ring + 8, 4) == b.rsp_prod_pvt);
	FUZZ_CHECK(notify == ((u32)(b.rsp_prod_pvt - event) <
			      (u32)(b.rsp_prod_pvt - rsp0)));
	FUZZ_CHECK(!netif_push_responses(&b));

	/* the final check: true exactly when a slot is there */
	if (!netif_final_check(&b, 1)) {
		FUZZ_CHECK(rp == b.req_cons);
		FUZZ_CHECK(fuzz_le(v.ring + 4, 4) == b.req_cons + 1);
	} else {
		FUZZ_CHECK(rp != b.req_cons);
	}
out:
	free(v.ring);
	free(before);
	free(pkts);
	free(models);
}

static void fuzz_rx(const u8 *hdr, const u8 *data, size_t size)
{
	unsigned int nr_ents = 1u << (hdr[1] % 9), need = hdr[16] % 20;
	u32 rsp0 = fuzz_le(hdr + 5, 4), rp = fuzz_le(hdr + 10, 4);
	u32 cons0 = rsp0 + hdr[9] % (nr_ents + 1), failed, len, taken;
	u16 flags = hdr[0] >> 4;
	struct netif_rx_buf bufs[NETIF_BACK_MAX_SLOTS];
	unsigned int nr, i;
	struct netif_back b;
	const char *why = NULL;
	size_t ringsz, k, n;
	u8 *ring, *before;
	int ret, want;

	if (!(hdr[14] & 1))
		rp = rsp0 + rp % (nr_ents + 2);
	failed = fuzz_le(hdr + 17, 4);
	len = fuzz_le(hdr + 21, 3);
	ringsz = 64 + (size_t)nr_ents * RXS;
	FUZZ_CHECK(netif_rx_ring_bytes(nr_ents) == ringsz);
	ring = calloc(1, ringsz);
	before = malloc(ringsz);
	FUZZ_CHECK(ring && before);
	n = size < nr_ents * RXS ? size : nr_ents * RXS;
	for (k = 0; k < n; k++)
		ring[64 + ((cons0 & (nr_ents - 1)) * RXS + k) %
		     (nr_ents * RXS)] = data[k];
	memcpy(ring, &rp, 4);
	FUZZ_CHECK(netif_back_init(&b, ring, nr_ents, rsp0, NULL) == 0);
	b.req_cons = cons0;
	memcpy(before, ring, ringsz);

	if (!need || need > 18)
		want = -EINVAL;
	else if (rp - rsp0 > nr_ents || rp - rsp0 < cons0 - rsp0)
		want = -EPROTO;
	else
		want = rp - cons0 >= need ? (int)need : 0;
	memset(bufs, 0xcc, sizeof(bufs));
	ret = netif_rx_take_buffers(&b, bufs, need, &why);
	FUZZ_CHECK(ret == want);
	if (ret < 0)
		FUZZ_CHECK(why != NULL);
	FUZZ_CHECK(!memcmp(before, ring, ringsz));
	FUZZ_CHECK(b.req_cons == cons0 + (ret > 0 ? ret : 0));
	for (i = 0; ret > 0 && i < (unsigned int)ret; i++) {
		const u8 *e = ring + 64 + ((cons0 + i) & (nr_ents - 1)) * RXS;

		FUZZ_CHECK(bufs[i].id == fuzz_le(e, 2));
		FUZZ_CHECK(gref_x(bufs[i].gref) == fuzz_le(e + 4, 4));
	}
	if (ret < 0)
		goto out;

	/* one packet of len bytes into the next buffers taken */
	taken = b.req_cons - b.rsp_prod_pvt;
	nr = len && len <= 65535 ? (len + PAGE - 1) / PAGE : 0;
	FUZZ_CHECK(netif_rx_slots(len) == nr);
	if (!nr)
		nr = hdr[16] % 3;
	ret = netif_rx_put_packet(&b, bufs, nr, len, flags, failed, &why);
	if (!nr || nr != netif_rx_slots(len) || nr > taken ||
	    (flags & ~(NETRXF_data_validated | NETRXF_csum_blank))) {
		FUZZ_CHECK(ret == -EINVAL);
		FUZZ_CHECK(b.rsp_prod_pvt == rsp0);
		FUZZ_CHECK(!memcmp(before, ring, ringsz));
		goto out;
	}
	FUZZ_CHECK(ret == 0);
	FUZZ_CHECK(b.rsp_prod_pvt == rsp0 + nr);
	for (i = 0; i < nr; i++) {
		u8 *e = before + 64 + ((rsp0 + i) & (nr_ents - 1)) * RXS;
		u16 f = (i ? 0 : flags) | (i + 1 < nr ? NETRXF_more_data : 0);
		u32 chunk = len - i * PAGE < PAGE ? len - i * PAGE : PAGE;
		s16 st = failed & 1u << i ? NETIF_RSP_ERROR : (s16)chunk;

		FUZZ_CHECK(chunk >= 1 && chunk <= PAGE);
		FUZZ_CHECK(i + 1 == nr || chunk == PAGE);
		e[0] = bufs[i].id;
		e[1] = bufs[i].id >> 8;
		e[2] = 0;
		e[3] = 0;
		e[4] = f;
		e[5] = f >> 8;
		e[6] = (u16)st;
		e[7] = (u16)st >> 8;
	}
	FUZZ_CHECK(!memcmp(before, ring, ringsz));
out:
	free(ring);
	free(before);
}

int LLVMFuzzerTestOneInput(const u8 *data, size_t size)
{
	if (size < HDR)
		return 0;
	fuzz_tx(data, data + HDR, size - HDR);
	fuzz_rx(data, data + HDR, size - HDR);
	return 0;
}
