// SPDX-License-Identifier: GPL-2.0
/*
 * Host tests for drivers/xen/netif_req.c, netback's consumers of the
 * frontend's tx and rx rings. The fake frontend below writes slots by
 * byte offsets worked out here from io/netif.h's pictures, not through
 * its structs, so a wrong layout shows. Each shared ring is a heap object
 * of exactly 64 + nr_ents * slot-size bytes, so ASan sees any access
 * outside it.
 *
 * Cases: ring geometry and bad init; tx: one- and multi-slot packets,
 * the batch bound, 18 data slots taken, 19 and 20 dropped, 21 (and past
 * a caller's bound) disconnect, bad fatal bounds; a packet or extra
 * chain running past req_prod; offset + size past the page (first slot
 * and later ones); the first slot's size below the others'; sizes 0, 13,
 * 14, max, max + 1, 65535; extra-info: GSO, multicast and hash offered
 * or not, bad GSO, a repeated type, five extras, unknown types; req_prod
 * more than a ring ahead and moved back; the copy is private; answers:
 * exact layout at indices wrapping at 2^32, NULL for extras, refused
 * answers; the notify rule and the final check. rx: the slot count,
 * taking buffers (all or nothing), too few posted, responses with
 * more_data, checksum flags and failed slots, wrapping, refused answers,
 * the final check with need.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "test_le.h"

#include <tern/xen/netif_req.h>

#define TXS	12			/* tx slot size */
#define RXS	8			/* rx slot size */

static u8 *ring;
static size_t ring_size;
static unsigned int slot_size;
static struct netif_back b;
static struct netif_tx_params par;
static struct netif_tx_pkt pkts[8];
static struct netif_rx_buf bufs[NETIF_BACK_MAX_SLOTS];
static const char *why;
static u32 tx_prod, rx_prod;		/* the fake frontends' req_prod_pvt */

/* the shared indices, by offset */
static u32 idx_get(unsigned int off)
{
	return le_get(ring + off, 4);
}

static void idx_set(unsigned int off, u32 v)
{
	le_put(ring + off, v, 4);
}

#define REQ_PROD	0
#define REQ_EVENT	4
#define RSP_PROD	8
#define RSP_EVENT	12

static void ring_new(unsigned int nr, unsigned int ssize, u32 idx)
{
	free(ring);
	slot_size = ssize;
	ring_size = 64 + nr * ssize;
	ring = malloc(ring_size);
	assert_non_null(ring);
	memset(ring, 0x5a, ring_size);
	idx_set(REQ_PROD, idx);
	idx_set(RSP_PROD, idx);
	idx_set(REQ_EVENT, idx + 1);
	idx_set(RSP_EVENT, idx + 1);
	assert_int_equal(netif_back_init(&b, ring, nr, idx, &why), 0);
	tx_prod = rx_prod = idx;
	why = NULL;
}

static u8 *slot(u32 idx)
{
	return ring + 64 + (idx & (b.nr_ents - 1)) * slot_size;
}

static int setup_tx(void **state)
{
	memset(&par, 0, sizeof(par));
	par.max_len = 1514;
	ring_new(64, TXS, 0);
	return 0;
}

static int setup_rx(void **state)
{
	ring_new(32, RXS, 0);
	return 0;
}

static int teardown(void **state)
{
	free(ring);
	ring = NULL;
	return 0;
}

/* ---- the fake tx frontend ------------------------------------------- */

static void tx_req(u32 gref, u16 off, u16 flags, u16 id, u16 size)
{
	u8 *e = slot(tx_prod++);

	le_put(e, gref, 4);
	le_put(e + 4, off, 2);
	le_put(e + 6, flags, 2);
	le_put(e + 8, id, 2);
	le_put(e + 10, size, 2);
}

static void tx_extra(u8 type, u8 flags, const u8 *data6)
{
	u8 *e = slot(tx_prod++);

	memset(e, 0xee, TXS);
	e[0] = type;
	e[1] = flags;
	memcpy(e + 2, data6, 6);
}

static void tx_gso(u16 size, u8 type, u8 flags)
{
	u8 d[6] = { size, size >> 8, type, 0, 0, 0 };

	tx_extra(XEN_NETIF_EXTRA_TYPE_GSO, flags, d);
}

/* a packet of nslots data slots, len bytes; the later slots 100 each */
static void tx_pkt(unsigned int nslots, u16 len, u16 id0)
{
	unsigned int i;

	tx_req(1000 + id0, 10, nslots > 1 ? NETTXF_more_data : 0, id0, len);
	for (i = 1; i < nslots; i++)
		tx_req(1000 + id0 + i, 0,
		       i + 1 < nslots ? NETTXF_more_data : 0, id0 + i, 100);
}

static void publish(void)
{
	idx_set(REQ_PROD, tx_prod);
}

static int take(unsigned int max)
{
	why = NULL;
	return netif_tx_take_packets(&b, &par, pkts, max, &why);
}

/* take one packet: it must be dropped with err */
static void assert_dropped(int err, unsigned int nr_slots)
{
	assert_int_equal(take(8), 1);
	assert_int_equal(pkts[0].err, err);
	assert_non_null(pkts[0].why);
	assert_int_equal(pkts[0].nr_slots, nr_slots);
	assert_int_equal(pkts[0].len, 0);
	assert_int_equal(netif_tx_answer(&b, &pkts[0], NETIF_RSP_ERROR, NULL),
			 0);
}

/* a tx response as the frontend reads it */
static void assert_tx_rsp(u32 idx, u16 id, s16 status)
{
	const u8 *e = slot(idx);

	assert_int_equal(le_get(e, 2), id);
	assert_int_equal((s16)le_get(e + 2, 2), status);
}

/* ---- geometry -------------------------------------------------------- */

static void geometry(void **state)
{
	struct netif_tx_sring *t = malloc(4096);
	struct netif_rx_sring *r = malloc(4096);
	static const unsigned int bad[] = { 0, 3, 6, 512, 1u << 31 };
	unsigned int i;

	assert_non_null(t);
	assert_non_null(r);
	assert_int_equal(__RING_SIZE(t, 4096), NETIF_BACK_MAX_ENTS);
	assert_int_equal(__RING_SIZE(r, 4096), NETIF_BACK_MAX_ENTS);
	assert_int_equal(netif_tx_ring_bytes(256), 64 + 256 * 12);
	assert_int_equal(netif_rx_ring_bytes(256), 64 + 256 * 8);
	assert_true(netif_tx_ring_bytes(256) <= 4096);
	for (i = 0; i < ARRAY_SIZE(bad); i++)
		assert_int_equal(netif_back_init(&b, t, bad[i], 0, NULL),
				 -EINVAL);
	assert_int_equal(netif_back_init(&b, t, 256, 7, NULL), 0);
	assert_int_equal(b.req_cons, 7);
	assert_int_equal(b.rsp_prod_pvt, 7);
	free(t);
	free(r);
}

/* ---- tx -------------------------------------------------------------- */

static void tx_one_slot(void **state)
{
	tx_req(0xdeadbeef, 100, NETTXF_csum_blank | NETTXF_data_validated,
	       0xffff, 60);
	publish();
	assert_int_equal(take(8), 1);
	assert_null(why);
	assert_int_equal(b.req_cons, 1);
	assert_int_equal(pkts[0].err, 0);
	assert_int_equal(pkts[0].len, 60);
	assert_int_equal(pkts[0].nr_data, 1);
	assert_int_equal(pkts[0].nr_extras, 0);
	assert_int_equal(pkts[0].nr_slots, 1);
	assert_int_equal(pkts[0].flags,
			 NETTXF_csum_blank | NETTXF_data_validated);
	assert_int_equal(pkts[0].id[0], 0xffff);
	assert_int_equal(gref_x(pkts[0].seg[0].gref), 0xdeadbeef);
	assert_int_equal(pkts[0].seg[0].offset, 100);
	assert_int_equal(pkts[0].seg[0].len, 60);
	assert_false(pkts[0].gso || pkts[0].mcast || pkts[0].hash);
	assert_int_equal(take(8), 0);
	assert_int_equal(netif_tx_answer(&b, &pkts[0], NETIF_RSP_OKAY, &why),
			 0);
	assert_tx_rsp(0, 0xffff, NETIF_RSP_OKAY);
	assert_int_equal(b.rsp_prod_pvt, 1);
}

static void tx_multi_slot(void **state)
{
	unsigned int i;

	tx_req(5, 4000, NETTXF_more_data, 7, 1000);	/* 96 of its own */
	tx_req(6, 0, NETTXF_more_data | NETTXF_csum_blank, 8, 4096);
	tx_req(7, 4095, 0, 9, 1);
	tx_pkt(3, 300, 20);
	publish();
	par.max_len = 65535;
	/* size 1000 < 4096 + 1 + 96: refused below; fix the first */
	le_put(slot(0) + 10, 96 + 4096 + 1, 2);
	assert_int_equal(take(8), 2);
	assert_int_equal(pkts[0].err, 0);
	assert_int_equal(pkts[0].len, 4193);
	assert_int_equal(pkts[0].nr_data, 3);
	assert_int_equal(pkts[0].nr_slots, 3);
	assert_int_equal(pkts[0].flags, 0);
	assert_int_equal(pkts[0].seg[0].offset, 4000);
	assert_int_equal(pkts[0].seg[0].len, 96);
	assert_int_equal(pkts[0].seg[1].offset, 0);
	assert_int_equal(pkts[0].seg[1].len, 4096);
	assert_int_equal(pkts[0].seg[2].offset, 4095);
	assert_int_equal(pkts[0].seg[2].len, 1);
	for (i = 0; i < 3; i++) {
		assert_int_equal(gref_x(pkts[0].seg[i].gref), 5 + i);
		assert_int_equal(pkts[0].id[i], 7 + i);
	}
	assert_int_equal(pkts[1].len, 300);
	assert_int_equal(pkts[1].seg[0].len, 100);
	assert_int_equal(pkts[1].seg[2].len, 100);
	assert_int_equal(b.req_cons, 6);
	assert_int_equal(netif_tx_answer(&b, &pkts[0], NETIF_RSP_OKAY, NULL),
			 0);
	assert_int_equal(netif_tx_answer(&b, &pkts[1], NETIF_RSP_DROPPED,
					 NULL), 0);
	for (i = 0; i < 3; i++) {
		assert_tx_rsp(i, 7 + i, NETIF_RSP_OKAY);
		assert_tx_rsp(3 + i, 20 + i, NETIF_RSP_DROPPED);
	}
}

static void tx_stops_at_max(void **state)
{
	unsigned int i;

	for (i = 0; i < 5; i++)
		tx_pkt(2, 200, 10 * i);
	publish();
	assert_int_equal(take(0), 0);
	assert_int_equal(take(2), 2);
	assert_int_equal(b.req_cons, 4);
	assert_int_equal(take(2), 2);
	assert_int_equal(pkts[1].id[0], 30);
	assert_int_equal(take(8), 1);
	assert_int_equal(b.req_cons, 10);
}

static void tx_slot_counts(void **state)
{
	par.max_len = 65535;
	tx_pkt(18, 17 * 100 + 14, 0);
	publish();
	assert_int_equal(take(8), 1);
	assert_int_equal(pkts[0].err, 0);
	assert_int_equal(pkts[0].nr_data, 18);
	assert_int_equal(pkts[0].seg[17].len, 100);
	assert_int_equal(pkts[0].seg[0].len, 14);
	assert_int_equal(netif_tx_answer(&b, &pkts[0], NETIF_RSP_OKAY, NULL),
			 0);

	tx_pkt(19, 18 * 100 + 14, 100);
	publish();
	assert_dropped(-E2BIG, 19);
	assert_int_equal(pkts[0].nr_data, 19);
	assert_tx_rsp(18 + 18, 118, NETIF_RSP_ERROR);
	assert_tx_rsp(18, 100, NETIF_RSP_ERROR);

	tx_pkt(20, 19 * 100 + 14, 200);
	publish();
	assert_dropped(-E2BIG, 20);
	assert_int_equal(b.req_cons, 57);

	/* 21 data slots: beyond Linux's fatal bound, nothing taken */
	tx_pkt(1, 60, 1);
	tx_pkt(21, 20 * 100 + 14, 300);
	publish();
	assert_int_equal(take(8), -EPROTO);
	assert_non_null(why);
	assert_int_equal(b.req_cons, 57);

	/* a caller's bound of 24: 21..24 dropped, 25 fatal */
	par.fatal_slots = 24;
	assert_int_equal(take(8), 2);
	assert_int_equal(pkts[1].err, -E2BIG);
	assert_int_equal(pkts[1].nr_slots, 21);
	netif_tx_answer(&b, &pkts[0], NETIF_RSP_OKAY, NULL);
	netif_tx_answer(&b, &pkts[1], NETIF_RSP_ERROR, NULL);
	tx_pkt(24, 23 * 100 + 14, 400);
	publish();
	assert_dropped(-E2BIG, 24);
	assert_int_equal(pkts[0].id[23], 423);
	tx_pkt(25, 24 * 100 + 14, 500);
	publish();
	assert_int_equal(take(8), -EPROTO);

	par.fatal_slots = 17;
	assert_int_equal(take(8), -EINVAL);
	par.fatal_slots = 33;
	assert_int_equal(take(8), -EINVAL);
	par.fatal_slots = 0;
	par.max_len = 13;
	assert_int_equal(take(8), -EINVAL);
	par.max_len = 65536;
	assert_int_equal(take(8), -EINVAL);
}

static void tx_past_req_prod(void **state)
{
	u8 mac[6] = { 1, 2, 3, 4, 5, 6 };

	tx_pkt(1, 60, 1);
	tx_pkt(3, 260, 2);
	tx_prod--;			/* the last slot not published */
	publish();
	assert_int_equal(take(8), -EPROTO);
	assert_non_null(why);
	assert_int_equal(b.req_cons, 0);
	/* published whole: fine */
	tx_prod++;
	publish();
	assert_int_equal(take(8), 2);
	netif_tx_answer(&b, &pkts[0], NETIF_RSP_OKAY, NULL);
	netif_tx_answer(&b, &pkts[1], NETIF_RSP_OKAY, NULL);

	/* an extra chain that runs past req_prod */
	par.mcast = true;
	tx_req(1, 0, NETTXF_extra_info, 9, 0);
	tx_extra(XEN_NETIF_EXTRA_TYPE_MCAST_ADD, XEN_NETIF_EXTRA_FLAG_MORE,
		 mac);
	publish();
	assert_int_equal(take(8), -EPROTO);
	assert_int_equal(b.req_cons, 4);
	/* and a first slot announcing extras that are not there */
	tx_prod = 4;
	tx_req(1, 0, NETTXF_extra_info, 9, 60);
	publish();
	assert_int_equal(take(8), -EPROTO);
	assert_int_equal(b.req_cons, 4);
}

static void tx_page_bounds(void **state)
{
	par.max_len = 65535;
	tx_req(1, 4000, 0, 1, 96);		/* ends at 4096 exactly */
	tx_req(1, 4001, 0, 2, 96);
	tx_req(1, 0, NETTXF_more_data, 3, 4096 + 200);
	tx_req(2, 3900, 0, 4, 200);		/* 4100 */
	tx_req(1, 1, NETTXF_more_data, 5, 4096 + 100);	/* first 4097 */
	tx_req(2, 0, 0, 6, 100);
	tx_req(1, 0xffff, 0, 7, 60);		/* offset beyond the page */
	publish();
	assert_int_equal(take(8), 5);
	assert_int_equal(pkts[0].err, 0);
	assert_int_equal(pkts[0].seg[0].len, 96);
	assert_int_equal(pkts[1].err, -EINVAL);
	assert_int_equal(pkts[2].err, -EINVAL);
	assert_int_equal(pkts[2].nr_slots, 2);
	assert_int_equal(pkts[3].err, -EINVAL);
	assert_int_equal(pkts[4].err, -EINVAL);
	assert_non_null(pkts[4].why);
	assert_int_equal(b.req_cons, 7);
}

static void tx_first_smaller(void **state)
{
	tx_req(1, 0, NETTXF_more_data, 1, 199);
	tx_req(2, 0, NETTXF_more_data, 2, 100);
	tx_req(3, 0, 0, 3, 100);
	tx_req(1, 0, NETTXF_more_data, 4, 200);	/* first's own share 0 */
	tx_req(2, 0, NETTXF_more_data, 5, 100);
	tx_req(3, 0, 0, 6, 100);
	tx_req(1, 0, NETTXF_more_data, 7, 20);	/* a later slot > size */
	tx_req(2, 0, 0, 8, 4000);
	publish();
	assert_int_equal(take(8), 3);
	assert_int_equal(pkts[0].err, -EINVAL);
	assert_int_equal(pkts[1].err, 0);
	assert_int_equal(pkts[1].seg[0].len, 0);
	assert_int_equal(pkts[1].len, 200);
	assert_int_equal(pkts[2].err, -EINVAL);
}

static void tx_sizes(void **state)
{
	unsigned int i;

	tx_req(1, 0, 0, 1, 0);
	tx_req(1, 0, 0, 2, 13);
	tx_req(1, 0, 0, 3, 14);
	tx_req(1, 0, 0, 4, 1514);
	tx_req(1, 0, NETTXF_more_data, 5, 1515);
	tx_req(1, 0, 0, 6, 1000);
	publish();
	assert_int_equal(take(8), 5);
	assert_int_equal(pkts[0].err, -EINVAL);
	assert_int_equal(pkts[1].err, -EINVAL);
	assert_int_equal(pkts[2].err, 0);
	assert_int_equal(pkts[2].len, 14);
	assert_int_equal(pkts[3].err, 0);
	assert_int_equal(pkts[4].err, -EINVAL);
	assert_int_equal(pkts[4].nr_slots, 2);
	/* the largest: 65535 in 17 slots, 96 + 15 * 4096 + 3999 */
	par.max_len = 65535;
	tx_req(1, 4000, NETTXF_more_data, 40, 65535);
	for (i = 0; i < 15; i++)
		tx_req(2 + i, 0, NETTXF_more_data, 41 + i, 4096);
	tx_req(99, 97, 0, 56, 3999);
	publish();
	assert_int_equal(take(8), 1);
	assert_int_equal(pkts[0].err, 0);
	assert_int_equal(pkts[0].len, 65535);
	assert_int_equal(pkts[0].seg[0].len, 96);
	assert_int_equal(pkts[0].nr_data, 17);
	assert_int_equal(pkts[0].seg[16].offset, 97);
	assert_int_equal(pkts[0].seg[16].len, 3999);
}

static void tx_extras(void **state)
{
	u8 mac1[6] = { 0x01, 0x00, 0x5e, 0, 0, 1 };
	u8 mac2[6] = { 0x33, 0x33, 0, 0, 0, 2 };
	u8 hash[6] = { _XEN_NETIF_CTRL_HASH_TYPE_IPV4, 1, 0x78, 0x56, 0x34,
		       0x12 };

	/* nothing offered: GSO, multicast and hash refused, answered */
	tx_req(1, 0, NETTXF_extra_info, 1, 60);
	tx_gso(1448, XEN_NETIF_GSO_TYPE_TCPV4, 0);
	tx_req(1, 0, NETTXF_extra_info | NETTXF_more_data, 2, 160);
	tx_extra(XEN_NETIF_EXTRA_TYPE_MCAST_ADD, 0, mac1);
	tx_req(2, 0, 0, 3, 100);
	tx_req(1, 0, NETTXF_extra_info, 4, 60);
	tx_extra(XEN_NETIF_EXTRA_TYPE_HASH, 0, hash);
	publish();
	assert_int_equal(take(8), 3);
	assert_int_equal(pkts[0].err, -EOPNOTSUPP);
	assert_int_equal(pkts[0].nr_extras, 1);
	assert_int_equal(pkts[0].nr_slots, 2);
	assert_int_equal(pkts[1].err, -EOPNOTSUPP);
	assert_int_equal(pkts[1].nr_slots, 3);
	assert_int_equal(pkts[2].err, -EOPNOTSUPP);
	/* extras answered NULL, their id bytes (type, flags) untouched */
	memset(slot(1) + 2, 0xaa, 10);
	assert_int_equal(netif_tx_answer(&b, &pkts[0], NETIF_RSP_OKAY, NULL),
			 -EINVAL);
	assert_int_equal(netif_tx_answer(&b, &pkts[0], NETIF_RSP_ERROR, NULL),
			 0);
	assert_tx_rsp(0, 1, NETIF_RSP_ERROR);
	assert_int_equal(slot(1)[0], XEN_NETIF_EXTRA_TYPE_GSO);
	assert_int_equal(slot(1)[1], 0);
	assert_int_equal((s16)le_get(slot(1) + 2, 2), NETIF_RSP_NULL);
	assert_int_equal(slot(1)[4], 0xaa);
	assert_int_equal(netif_tx_answer(&b, &pkts[1], NETIF_RSP_ERROR, NULL),
			 0);
	assert_tx_rsp(2, 2, NETIF_RSP_ERROR);
	assert_int_equal((s16)le_get(slot(3) + 2, 2), NETIF_RSP_NULL);
	assert_tx_rsp(4, 3, NETIF_RSP_ERROR);

	/* offered */
	par.gso = par.mcast = par.hash = true;
	par.max_len = 65535;
	tx_req(1, 0, NETTXF_extra_info | NETTXF_more_data, 10, 3000);
	tx_gso(1448, XEN_NETIF_GSO_TYPE_TCPV6, XEN_NETIF_EXTRA_FLAG_MORE);
	tx_extra(XEN_NETIF_EXTRA_TYPE_HASH, 0, hash);
	tx_req(2, 0, 0, 11, 2000);
	/* a multicast dummy: add and del, its data not looked at */
	tx_req(1, 0, NETTXF_extra_info, 12, 0);
	tx_extra(XEN_NETIF_EXTRA_TYPE_MCAST_ADD, XEN_NETIF_EXTRA_FLAG_MORE,
		 mac1);
	tx_extra(XEN_NETIF_EXTRA_TYPE_MCAST_DEL, 0, mac2);
	/* bad GSO: size 0, type none */
	tx_req(1, 0, NETTXF_extra_info, 13, 60);
	tx_gso(0, XEN_NETIF_GSO_TYPE_TCPV4, 0);
	tx_req(1, 0, NETTXF_extra_info, 14, 60);
	tx_gso(1448, XEN_NETIF_GSO_TYPE_NONE, 0);
	/* a type twice */
	tx_req(1, 0, NETTXF_extra_info, 15, 60);
	tx_gso(1448, XEN_NETIF_GSO_TYPE_TCPV4, XEN_NETIF_EXTRA_FLAG_MORE);
	tx_gso(1448, XEN_NETIF_GSO_TYPE_TCPV4, 0);
	publish();
	assert_int_equal(take(8), 5);
	assert_int_equal(pkts[0].err, 0);
	assert_int_equal(pkts[0].nr_extras, 2);
	assert_int_equal(pkts[0].nr_slots, 4);
	assert_int_equal(pkts[0].len, 3000);
	assert_int_equal(pkts[0].seg[0].len, 1000);
	assert_int_equal(pkts[0].seg[1].len, 2000);
	assert_int_equal(pkts[0].id[1], 11);
	assert_true(pkts[0].gso);
	assert_int_equal(pkts[0].gso_type, XEN_NETIF_GSO_TYPE_TCPV6);
	assert_int_equal(pkts[0].gso_size, 1448);
	assert_true(pkts[0].hash);
	assert_int_equal(pkts[0].hash_type, _XEN_NETIF_CTRL_HASH_TYPE_IPV4);
	assert_int_equal(pkts[0].hash_alg, 1);
	assert_int_equal(pkts[0].hash_value, 0x12345678);
	assert_false(pkts[0].mcast);
	assert_int_equal(pkts[1].err, 0);
	assert_true(pkts[1].mcast && pkts[1].mcast_add && pkts[1].mcast_del);
	assert_memory_equal(pkts[1].mcast_addr[0], mac1, 6);
	assert_memory_equal(pkts[1].mcast_addr[1], mac2, 6);
	assert_int_equal(pkts[1].len, 0);
	assert_int_equal(pkts[1].nr_slots, 3);
	assert_int_equal(pkts[2].err, -EINVAL);
	assert_int_equal(pkts[3].err, -EINVAL);
	assert_int_equal(pkts[4].err, -EINVAL);
	assert_int_equal(pkts[4].nr_extras, 2);
	assert_int_equal(b.req_cons, 21);
}

static void tx_extras_fatal(void **state)
{
	u8 d[6] = { 0 };
	unsigned int i;

	par.gso = par.mcast = par.hash = true;
	/* five extras: more than there are types */
	tx_req(1, 0, NETTXF_extra_info, 1, 60);
	for (i = 0; i < 5; i++)
		tx_extra(1 + i % 4, XEN_NETIF_EXTRA_FLAG_MORE, d);
	tx_req(1, 0, 0, 2, 60);
	publish();
	assert_int_equal(take(8), -EPROTO);
	assert_int_equal(b.req_cons, 0);
	/* type 0, type 5 */
	tx_prod = 0;
	tx_req(1, 0, NETTXF_extra_info, 1, 60);
	tx_extra(XEN_NETIF_EXTRA_TYPE_NONE, 0, d);
	publish();
	assert_int_equal(take(8), -EPROTO);
	tx_prod = 0;
	tx_req(1, 0, NETTXF_extra_info, 1, 60);
	tx_extra(XEN_NETIF_EXTRA_TYPE_MAX, 0, d);
	publish();
	assert_int_equal(take(8), -EPROTO);
	/* four, one of each: fine (the multicast dummy) */
	tx_prod = 0;
	tx_req(1, 0, NETTXF_extra_info, 1, 60);
	for (i = 0; i < 4; i++)
		tx_extra(1 + i, i < 3 ? XEN_NETIF_EXTRA_FLAG_MORE : 0, d);
	le_put(slot(1) + 2, 1448, 2);
	slot(1)[4] = XEN_NETIF_GSO_TYPE_TCPV4;
	publish();
	assert_int_equal(take(8), 1);
	assert_int_equal(pkts[0].err, 0);
	assert_int_equal(pkts[0].nr_extras, 4);
	assert_true(pkts[0].mcast && pkts[0].gso && pkts[0].hash);
	/* extra_info on a later slot is ignored */
	tx_req(1, 0, NETTXF_more_data, 2, 160);
	tx_req(1, 0, NETTXF_extra_info, 3, 100);
	publish();
	assert_int_equal(take(8), 1);
	assert_int_equal(pkts[0].err, 0);
	assert_int_equal(pkts[0].nr_slots, 2);
}

static void tx_req_prod_bounds(void **state)
{
	unsigned int i;

	ring_new(8, TXS, 0);
	tx_prod = 0;
	for (i = 0; i < 8; i++)
		tx_pkt(1, 60, i);
	publish();
	assert_int_equal(take(4), 4);
	/* one more than the slots we have not answered */
	idx_set(REQ_PROD, 9);
	assert_int_equal(take(8), -EPROTO);
	assert_non_null(why);
	assert_int_equal(b.req_cons, 4);
	/* answering makes room */
	assert_int_equal(netif_tx_answer(&b, &pkts[0], NETIF_RSP_OKAY, NULL),
			 0);
	tx_prod = 8;
	tx_pkt(1, 60, 8);
	publish();
	assert_int_equal(take(8), 5);
	assert_int_equal(b.req_cons, 9);
	/* far off, "negative", moved back */
	idx_set(REQ_PROD, b.rsp_prod_pvt + 0x80000000u);
	assert_int_equal(take(8), -EPROTO);
	idx_set(REQ_PROD, b.rsp_prod_pvt - 1);
	assert_int_equal(take(8), -EPROTO);
	idx_set(REQ_PROD, 5);
	why = NULL;
	assert_int_equal(take(8), -EPROTO);
	assert_non_null(why);
	assert_int_equal(b.req_cons, 9);
}

static void tx_bad_state(void **state)
{
	b.req_cons = b.rsp_prod_pvt + 65;
	idx_set(REQ_PROD, b.req_cons);
	assert_int_equal(take(8), -EINVAL);
	b.req_cons = b.rsp_prod_pvt - 1;
	assert_int_equal(take(8), -EINVAL);
	b.req_cons = b.rsp_prod_pvt;
	b.nr_ents = 6;
	assert_int_equal(take(8), -EINVAL);
	b.nr_ents = 64;
	/* answering what was not taken */
	memset(&pkts[0], 0, sizeof(pkts[0]));
	pkts[0].nr_data = pkts[0].nr_slots = 1;
	assert_int_equal(netif_tx_answer(&b, &pkts[0], NETIF_RSP_OKAY, &why),
			 -EINVAL);
	tx_pkt(1, 60, 1);
	publish();
	assert_int_equal(take(8), 1);
	assert_int_equal(netif_tx_answer(&b, &pkts[0], NETIF_RSP_NULL, NULL),
			 -EINVAL);
	assert_int_equal(netif_tx_answer(&b, &pkts[0], -3, NULL), -EINVAL);
	pkts[0].nr_slots = 2;
	assert_int_equal(netif_tx_answer(&b, &pkts[0], NETIF_RSP_OKAY, NULL),
			 -EINVAL);
	pkts[0].nr_slots = 1;
	assert_int_equal(netif_tx_answer(&b, &pkts[0], NETIF_RSP_OKAY, NULL),
			 0);
	assert_int_equal(netif_tx_answer(&b, &pkts[0], NETIF_RSP_OKAY, NULL),
			 -EINVAL);
	assert_int_equal(b.rsp_prod_pvt, 1);
}

static void tx_copy_is_private(void **state)
{
	tx_req(3, 8, NETTXF_more_data, 1, 300);
	tx_req(4, 0, 0, 2, 100);
	publish();
	assert_int_equal(take(8), 1);
	/* the frontend rewrites both slots after we took them */
	memset(slot(0), 0xff, TXS);
	memset(slot(1), 0xff, TXS);
	assert_int_equal(pkts[0].err, 0);
	assert_int_equal(pkts[0].len, 300);
	assert_int_equal(gref_x(pkts[0].seg[1].gref), 4);
	assert_int_equal(netif_tx_answer(&b, &pkts[0], NETIF_RSP_OKAY, NULL),
			 0);
	assert_tx_rsp(0, 1, NETIF_RSP_OKAY);
	assert_tx_rsp(1, 2, NETIF_RSP_OKAY);
	/* the rest of each slot is not written */
	assert_int_equal(le_get(slot(1) + 4, 4), 0xffffffff);
}

static void tx_wraps_at_2_32(void **state)
{
	unsigned int round, k;
	u8 *e;

	ring_new(4, TXS, 0xfffffffdu);
	tx_prod = 0xfffffffdu;
	for (round = 0; round < 3; round++) {
		u32 at = b.rsp_prod_pvt;

		tx_pkt(3, 214, 10 * round);
		publish();
		assert_int_equal(take(8), 1);
		assert_int_equal(pkts[0].err, 0);
		assert_int_equal(pkts[0].id[2], 10 * round + 2);
		for (k = 0; k < 3; k++)
			memset(slot(at + k), 0xaa, TXS);
		assert_int_equal(netif_tx_answer(&b, &pkts[0],
						 NETIF_RSP_OKAY, NULL), 0);
		for (k = 0; k < 3; k++) {
			unsigned int j;

			e = slot(at + k);
			assert_tx_rsp(at + k, 10 * round + k, NETIF_RSP_OKAY);
			for (j = 4; j < TXS; j++)
				assert_int_equal(e[j], 0xaa);
		}
		assert_int_equal(netif_push_responses(&b), round == 0);
		assert_int_equal(idx_get(RSP_PROD), b.req_cons);
	}
	assert_int_equal(b.req_cons, (u32)(0xfffffffdu + 9));
}

static void tx_notify_rule(void **state)
{
	unsigned int i;

	for (i = 0; i < 8; i++)
		tx_pkt(1, 60, i);
	publish();
	assert_int_equal(take(8), 8);
	/* the frontend waits for the next response (rsp_event = 1) */
	netif_tx_answer(&b, &pkts[0], NETIF_RSP_OKAY, NULL);
	assert_true(netif_push_responses(&b));
	assert_int_equal(idx_get(RSP_PROD), 1);
	netif_tx_answer(&b, &pkts[1], NETIF_RSP_OKAY, NULL);
	assert_false(netif_push_responses(&b));
	assert_false(netif_push_responses(&b));
	idx_set(RSP_EVENT, 5);
	netif_tx_answer(&b, &pkts[2], NETIF_RSP_OKAY, NULL);
	assert_false(netif_push_responses(&b));
	netif_tx_answer(&b, &pkts[3], NETIF_RSP_OKAY, NULL);
	netif_tx_answer(&b, &pkts[4], NETIF_RSP_OKAY, NULL);
	assert_true(netif_push_responses(&b));
	/* the frontend scribbles on rsp_prod: our own copy decides */
	idx_set(RSP_EVENT, 6);
	idx_set(RSP_PROD, 100);
	netif_tx_answer(&b, &pkts[5], NETIF_RSP_OKAY, NULL);
	assert_true(netif_push_responses(&b));
	assert_int_equal(idx_get(RSP_PROD), 6);
	assert_false(netif_push_responses(&b));
}

static void tx_final_check(void **state)
{
	assert_false(netif_final_check(&b, 1));
	assert_int_equal(idx_get(REQ_EVENT), 1);
	tx_pkt(1, 60, 1);
	publish();
	assert_true(netif_final_check(&b, 1));
	assert_int_equal(take(8), 1);
	assert_false(netif_final_check(&b, 0));	/* 0 counts as 1 */
	assert_int_equal(idx_get(REQ_EVENT), 2);
}

/* ---- rx -------------------------------------------------------------- */

static void rx_post(u16 id, u32 gref)
{
	u8 *e = slot(rx_prod++);

	le_put(e, id, 2);
	le_put(e + 2, 0x5a5a, 2);
	le_put(e + 4, gref, 4);
	idx_set(REQ_PROD, rx_prod);
}

static void assert_rx_rsp(u32 idx, u16 id, u16 flags, s16 status)
{
	const u8 *e = slot(idx);

	assert_int_equal(le_get(e, 2), id);
	assert_int_equal(le_get(e + 2, 2), 0);
	assert_int_equal(le_get(e + 4, 2), flags);
	assert_int_equal((s16)le_get(e + 6, 2), status);
}

static void rx_slots(void **state)
{
	assert_int_equal(netif_rx_slots(0), 0);
	assert_int_equal(netif_rx_slots(1), 1);
	assert_int_equal(netif_rx_slots(4096), 1);
	assert_int_equal(netif_rx_slots(4097), 2);
	assert_int_equal(netif_rx_slots(1514), 1);
	assert_int_equal(netif_rx_slots(65535), 16);
	assert_int_equal(netif_rx_slots(65536), 0);
	assert_int_equal(netif_rx_slots(~0u), 0);
}

static void rx_take(void **state)
{
	rx_prod = 0;
	rx_post(0xabcd, 0x12345678);
	rx_post(7, 8);
	rx_post(9, 10);
	why = NULL;
	assert_int_equal(netif_rx_take_buffers(&b, bufs, 2, &why), 2);
	assert_null(why);
	assert_int_equal(bufs[0].id, 0xabcd);
	assert_int_equal(gref_x(bufs[0].gref), 0x12345678);
	assert_int_equal(bufs[1].id, 7);
	assert_int_equal(gref_x(bufs[1].gref), 8);
	assert_int_equal(b.req_cons, 2);
	/* too few: nothing taken */
	assert_int_equal(netif_rx_take_buffers(&b, bufs, 2, &why), 0);
	assert_int_equal(b.req_cons, 2);
	assert_false(netif_final_check(&b, 2));
	assert_int_equal(idx_get(REQ_EVENT), 4);
	rx_post(11, 12);
	assert_true(netif_final_check(&b, 2));
	assert_int_equal(netif_rx_take_buffers(&b, bufs, 2, &why), 2);
	assert_int_equal(bufs[1].id, 11);
	/* bad counts */
	assert_int_equal(netif_rx_take_buffers(&b, bufs, 0, &why), -EINVAL);
	assert_int_equal(netif_rx_take_buffers(&b, bufs, 19, &why), -EINVAL);
	/* req_prod beyond the ring: 4 taken, none answered */
	idx_set(REQ_PROD, 33);
	why = NULL;
	assert_int_equal(netif_rx_take_buffers(&b, bufs, 1, &why), -EPROTO);
	assert_non_null(why);
	idx_set(REQ_PROD, 3);
	assert_int_equal(netif_rx_take_buffers(&b, bufs, 1, &why), -EPROTO);
	idx_set(REQ_PROD, 32);
	assert_int_equal(netif_rx_take_buffers(&b, bufs, 18, &why), 18);
	assert_int_equal(b.req_cons, 22);
}

static void rx_responses(void **state)
{
	unsigned int i;

	rx_prod = 0;
	for (i = 0; i < 6; i++)
		rx_post(100 + i, 200 + i);
	assert_int_equal(netif_rx_take_buffers(&b, bufs, 2, &why), 2);
	assert_int_equal(netif_rx_put_packet(&b, bufs, 2, 5000,
					     NETRXF_csum_blank |
					     NETRXF_data_validated, 0, &why),
			 0);
	assert_rx_rsp(0, 100, NETRXF_more_data | NETRXF_csum_blank |
		      NETRXF_data_validated, 4096);
	assert_rx_rsp(1, 101, 0, 904);
	assert_int_equal(idx_get(RSP_PROD), 0);		/* not yet */
	assert_true(netif_push_responses(&b));
	assert_int_equal(idx_get(RSP_PROD), 2);

	/* three buffers, the middle one's copy failed */
	assert_int_equal(netif_rx_take_buffers(&b, bufs, 3, &why), 3);
	assert_int_equal(netif_rx_put_packet(&b, bufs, 3, 8193, 0, 2, &why),
			 0);
	assert_rx_rsp(2, 102, NETRXF_more_data, 4096);
	assert_rx_rsp(3, 103, NETRXF_more_data, NETIF_RSP_ERROR);
	assert_rx_rsp(4, 104, 0, 1);

	/* refused: nothing written */
	assert_int_equal(netif_rx_take_buffers(&b, bufs, 1, &why), 1);
	memset(slot(5), 0xaa, RXS);
	why = NULL;
	assert_int_equal(netif_rx_put_packet(&b, bufs, 1, 4097, 0, 0, &why),
			 -EINVAL);
	assert_non_null(why);
	assert_int_equal(netif_rx_put_packet(&b, bufs, 2, 4097, 0, 0, &why),
			 -EINVAL);			/* one taken */
	assert_int_equal(netif_rx_put_packet(&b, bufs, 1, 0, 0, 0, &why),
			 -EINVAL);
	assert_int_equal(netif_rx_put_packet(&b, bufs, 0, 0, 0, 0, &why),
			 -EINVAL);
	assert_int_equal(netif_rx_put_packet(&b, bufs, 1, 60,
					     NETRXF_more_data, 0, &why),
			 -EINVAL);
	assert_int_equal(netif_rx_put_packet(&b, bufs, 1, 60,
					     NETRXF_extra_info, 0, &why),
			 -EINVAL);
	assert_int_equal(le_get(slot(5), 4), 0xaaaaaaaa);
	assert_int_equal(b.rsp_prod_pvt, 5);
	/* dropped on purpose: every slot an error */
	assert_int_equal(netif_rx_put_packet(&b, bufs, 1, 60, 0, ~0u, &why),
			 0);
	assert_rx_rsp(5, 105, 0, NETIF_RSP_ERROR);
	assert_int_equal(netif_rx_put_packet(&b, bufs, 1, 60, 0, 0, &why),
			 -EINVAL);
}

static void rx_wraps(void **state)
{
	unsigned int round, i;

	ring_new(4, RXS, 0xfffffffeu);
	rx_prod = 0xfffffffeu;
	for (round = 0; round < 4; round++) {
		u32 at = b.rsp_prod_pvt;

		for (i = 0; i < 3; i++)
			rx_post(round * 16 + i, 0x1000 + i);
		assert_int_equal(netif_rx_take_buffers(&b, bufs, 3, &why), 3);
		assert_int_equal(netif_rx_put_packet(&b, bufs, 3, 3 * 4096,
						     0, 0, &why), 0);
		/* each response in the slot of its request */
		for (i = 0; i < 3; i++)
			assert_rx_rsp(at + i, round * 16 + i,
				      i < 2 ? NETRXF_more_data : 0, 4096);
		netif_push_responses(&b);
		assert_int_equal(idx_get(RSP_PROD), at + 3);
	}
	assert_int_equal(b.req_cons, (u32)(0xfffffffeu + 12));
	/* 4 posted beyond what we answered: a full ring is fine, 5 not */
	for (i = 0; i < 4; i++)
		rx_post(i, i);
	assert_int_equal(netif_rx_take_buffers(&b, bufs, 4, &why), 4);
	idx_set(REQ_PROD, rx_prod + 1);
	assert_int_equal(netif_rx_take_buffers(&b, bufs, 1, &why), -EPROTO);
}

int main(void)
{
	const struct CMUnitTest common[] = {
		cmocka_unit_test(geometry),
		cmocka_unit_test(rx_slots),
	};
	const struct CMUnitTest tx[] = {
#define T(f) cmocka_unit_test_setup_teardown(f, setup_tx, teardown)
		T(tx_one_slot),
		T(tx_multi_slot),
		T(tx_stops_at_max),
		T(tx_slot_counts),
		T(tx_past_req_prod),
		T(tx_page_bounds),
		T(tx_first_smaller),
		T(tx_sizes),
		T(tx_extras),
		T(tx_extras_fatal),
		T(tx_req_prod_bounds),
		T(tx_bad_state),
		T(tx_copy_is_private),
		T(tx_wraps_at_2_32),
		T(tx_notify_rule),
		T(tx_final_check),
#undef T
	};
	const struct CMUnitTest rx[] = {
#define T(f) cmocka_unit_test_setup_teardown(f, setup_rx, teardown)
		T(rx_take),
		T(rx_responses),
		T(rx_wraps),
#undef T
	};
	int fail;

	fail = cmocka_run_group_tests_name("common", common, NULL, NULL);
	fail |= cmocka_run_group_tests_name("tx", tx, NULL, NULL);
	fail |= cmocka_run_group_tests_name("rx", rx, NULL, NULL);
	return fail;
}
