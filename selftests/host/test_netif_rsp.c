// SPDX-License-Identifier: GPL-2.0
/*
 * Host tests for drivers/xen/netif_rsp.c.
 *
 * tx: responses in any order free their ids and are reported; the batch
 * stops at max; indices wrap at 2^32; a producer beyond what was posted
 * consumes nothing; an id out of range, not outstanding or answered twice
 * is consumed and counted without freeing anything; an unknown status
 * frees its id as an error.
 * rx: single-slot and chained packets, extra-info slots, a chain not yet
 * whole (waits) or that can never end (dropped), and every malformed
 * slot (wrong id, unknown flags, data beyond the page, too many slots,
 * too many or unknown extras, longer than the MTU, a runt, a backend
 * error) drops its whole packet and leaves the next one good.
 * The xenstore checks: MAC syntax and unicast, MTU bounds and clamps.
 * Rings are heap objects of exactly nr_ents entries, so ASan sees any
 * read outside them.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include <tern/xen/netif_rsp.h>

#define NIDS	8

static struct netif_tx_sring *tx;
static struct netif_rx_sring *rx;
static unsigned int nr_ents;
static u32 cons, posted;
static u8 out_ids[NIDS];
static struct netif_tx_done done[64];
static unsigned int nr_bad;
static const char *why;
static struct netif_rx_packet pkt;

static void rings_new(unsigned int nr, u32 idx)
{
	free(tx);
	free(rx);
	tx = calloc(1, offsetof(struct netif_tx_sring, ring) +
		       nr * sizeof(union netif_tx_sring_entry));
	rx = calloc(1, offsetof(struct netif_rx_sring, ring) +
		       nr * sizeof(union netif_rx_sring_entry));
	assert_non_null(tx);
	assert_non_null(rx);
	nr_ents = nr;
	cons = posted = idx;
	tx->rsp_prod = rx->rsp_prod = idx;
	memset(out_ids, 0, sizeof(out_ids));
	memset(done, 0xcc, sizeof(done));
	memset(&pkt, 0xcc, sizeof(pkt));
	nr_bad = 1234;
	why = NULL;
}

static int setup(void **state)
{
	rings_new(8, 0);
	return 0;
}

static int teardown(void **state)
{
	free(tx);
	free(rx);
	tx = NULL;
	rx = NULL;
	return 0;
}

/* ---- tx ---- */

static void tx_post(unsigned int id)
{
	assert_false(out_ids[id]);
	out_ids[id] = 1;
	posted++;
}

static void tx_respond(u16 id, s16 status)
{
	struct netif_tx_response *r =
		&(&tx->ring[0])[tx->rsp_prod & (nr_ents - 1)].rsp;

	r->id = id;
	r->status = status;
	tx->rsp_prod++;
}

static int tx_take(unsigned int max)
{
	return netif_tx_take_responses(tx, nr_ents, &cons, posted, out_ids,
				       NIDS, done, max, &nr_bad, &why);
}

static void tx_any_order(void **state)
{
	tx_post(0);
	tx_post(1);
	tx_post(2);
	tx_post(3);
	tx_respond(2, NETIF_RSP_OKAY);
	tx_respond(0, NETIF_RSP_ERROR);
	tx_respond(3, NETIF_RSP_NULL);
	assert_int_equal(tx_take(8), 3);
	assert_int_equal(nr_bad, 0);
	assert_null(why);
	assert_int_equal(cons, 3);
	assert_int_equal(done[0].id, 2);
	assert_int_equal(done[0].status, NETIF_RSP_OKAY);
	assert_int_equal(done[1].id, 0);
	assert_int_equal(done[1].status, NETIF_RSP_ERROR);
	assert_int_equal(done[2].status, NETIF_RSP_NULL);
	assert_int_equal(out_ids[0], 0);
	assert_int_equal(out_ids[1], 1);
	assert_int_equal(out_ids[2], 0);
	assert_int_equal(tx_take(8), 0);
	tx_respond(1, NETIF_RSP_DROPPED);
	assert_int_equal(tx_take(8), 1);
	assert_int_equal(done[0].status, NETIF_RSP_DROPPED);
	assert_int_equal(out_ids[1], 0);
	assert_int_equal(cons, posted);
}

static void tx_stops_at_max(void **state)
{
	unsigned int i;

	for (i = 0; i < 5; i++)
		tx_post(i);
	for (i = 0; i < 5; i++)
		tx_respond(4 - i, NETIF_RSP_OKAY);
	assert_int_equal(tx_take(0), 0);
	assert_int_equal(cons, 0);
	assert_int_equal(tx_take(3), 3);
	assert_int_equal(cons, 3);
	assert_int_equal(out_ids[0], 1);
	assert_int_equal(tx_take(3), 2);
	assert_int_equal(cons, 5);
}

static void tx_wraps_at_2_32(void **state)
{
	unsigned int i, round;

	rings_new(8, 0xfffffffau);
	for (round = 0; round < 4; round++) {
		for (i = 0; i < 6; i++)
			tx_post(i);
		for (i = 0; i < 6; i++)
			tx_respond(5 - i, NETIF_RSP_OKAY);
		assert_int_equal(tx_take(64), 6);
		assert_int_equal(nr_bad, 0);
		assert_int_equal(cons, posted);
	}
	assert_int_equal(cons, (u32)(0xfffffffau + 24));
}

static void tx_beyond_posted(void **state)
{
	tx_post(0);
	tx_respond(0, NETIF_RSP_OKAY);
	tx_respond(0, NETIF_RSP_OKAY);
	assert_int_equal(tx_take(8), -EPROTO);
	assert_non_null(why);
	assert_int_equal(nr_bad, 0);
	assert_int_equal(cons, 0);
	assert_int_equal(out_ids[0], 1);
	tx->rsp_prod = 0x10000;
	assert_int_equal(tx_take(8), -EPROTO);
	tx->rsp_prod = cons - 1;
	assert_int_equal(tx_take(8), -EPROTO);
	assert_int_equal(cons, 0);
	assert_int_equal(out_ids[0], 1);
}

static void tx_bad_ids_counted(void **state)
{
	tx_post(0);
	tx_post(1);
	tx_post(2);
	tx_post(3);
	tx_respond(NIDS, NETIF_RSP_OKAY);	/* out of range */
	tx_respond(0xffff, NETIF_RSP_OKAY);
	tx_respond(5, NETIF_RSP_OKAY);		/* never posted */
	tx_respond(1, NETIF_RSP_OKAY);
	assert_int_equal(tx_take(8), 1);
	assert_int_equal(nr_bad, 3);
	assert_non_null(why);
	assert_int_equal(done[0].id, 1);
	assert_int_equal(cons, 4);
	assert_int_equal(out_ids[0], 1);
	assert_int_equal(out_ids[5], 0);
	assert_int_equal(out_ids[1], 0);
}

static void tx_duplicates(void **state)
{
	tx_post(0);
	tx_post(1);
	tx_respond(0, NETIF_RSP_OKAY);
	tx_respond(0, NETIF_RSP_OKAY);		/* same batch */
	assert_int_equal(tx_take(8), 1);
	assert_int_equal(nr_bad, 1);
	assert_int_equal(out_ids[1], 1);
	/* across calls: 0 is free now */
	posted++;
	tx_respond(0, NETIF_RSP_OKAY);
	assert_int_equal(tx_take(8), 0);
	assert_int_equal(nr_bad, 1);
	assert_int_equal(cons, 3);
	assert_int_equal(out_ids[1], 1);
}

static void tx_unknown_status(void **state)
{
	static const s16 bad[] = { 2, -3, 0x7fff, -0x8000 };
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(bad); i++) {
		rings_new(8, 77);
		tx_post(3);
		tx_respond(3, bad[i]);
		assert_int_equal(tx_take(8), 1);
		assert_int_equal(nr_bad, 1);
		assert_non_null(why);
		assert_int_equal(done[0].id, 3);
		assert_int_equal(done[0].status, NETIF_RSP_ERROR);
		assert_int_equal(out_ids[3], 0);
		assert_int_equal(cons, 78);
	}
}

static void tx_bad_ring_size(void **state)
{
	static const unsigned int bad[] = { 0, 3, 6, 1u << 17, 1u << 31 };
	unsigned int i;

	tx_post(0);
	tx_respond(0, NETIF_RSP_OKAY);
	for (i = 0; i < ARRAY_SIZE(bad); i++) {
		why = NULL;
		assert_int_equal(netif_tx_take_responses(tx, bad[i], &cons,
							 posted, out_ids, NIDS,
							 done, 8, &nr_bad,
							 &why), -EINVAL);
		assert_non_null(why);
		assert_int_equal(cons, 0);
	}
	assert_int_equal(netif_tx_take_responses(tx, nr_ents, &cons, 9,
						 out_ids, NIDS, done, 8,
						 NULL, NULL), -EINVAL);
	assert_int_equal(out_ids[0], 1);
	assert_int_equal(tx_take(8), 1);
}

/* ---- rx ---- */

static void rx_post(unsigned int n)
{
	posted += n;
	assert_true(posted - cons <= nr_ents);
}

/* the backend answering the buffer posted at the next index */
static void rx_data(u16 offset, s16 status, u16 flags)
{
	u32 idx = rx->rsp_prod;
	struct netif_rx_response *r = &(&rx->ring[0])[idx & (nr_ents - 1)].rsp;

	r->id = idx & (nr_ents - 1);
	r->offset = offset;
	r->flags = flags;
	r->status = status;
	rx->rsp_prod++;
}

static void rx_extra(u8 type, u8 flags)
{
	struct netif_extra_info *x =
		(void *)&(&rx->ring[0])[rx->rsp_prod & (nr_ents - 1)].rsp;

	memset(x, 0, sizeof(union netif_rx_sring_entry));
	x->type = type;
	x->flags = flags;
	rx->rsp_prod++;
}

static int rx_take(u32 max_len)
{
	return netif_rx_take_packet(rx, nr_ents, &cons, posted, max_len, &pkt,
				    &why);
}

static void rx_single_and_chain(void **state)
{
	rx_post(8);
	assert_int_equal(rx_take(1514), 0);
	rx_data(0, 60, NETRXF_data_validated);
	rx_data(0, 4096, NETRXF_more_data);
	rx_data(0, 4096, NETRXF_more_data);
	rx_data(0, 100, 0);
	assert_int_equal(rx_take(9000), 1);
	assert_null(pkt.err);
	assert_int_equal(pkt.len, 60);
	assert_int_equal(pkt.nr_frags, 1);
	assert_int_equal(pkt.nr_slots, 1);
	assert_int_equal(pkt.flags, NETRXF_data_validated);
	assert_int_equal(pkt.frag[0].id, 0);
	assert_int_equal(pkt.frag[0].len, 60);
	assert_int_equal(cons, 1);
	assert_int_equal(rx_take(9000), 1);
	assert_null(pkt.err);
	assert_int_equal(pkt.len, 8292);
	assert_int_equal(pkt.nr_frags, 3);
	assert_int_equal(pkt.frag[1].id, 2);
	assert_int_equal(pkt.frag[2].id, 3);
	assert_int_equal(pkt.frag[2].len, 100);
	assert_int_equal(cons, 4);
	assert_int_equal(rx_take(9000), 0);
	assert_int_equal(cons, 4);
}

static void rx_offset_within_page(void **state)
{
	rx_post(4);
	rx_data(4000, 96, 0);
	assert_int_equal(rx_take(1514), 1);
	assert_null(pkt.err);
	assert_int_equal(pkt.frag[0].offset, 4000);
	rx_data(4000, 97, 0);
	rx_data(0, 64, 0);
	assert_int_equal(rx_take(1514), 1);
	assert_non_null(pkt.err);
	assert_true(pkt.malformed);
	assert_int_equal(pkt.len, 0);
	assert_int_equal(pkt.nr_frags, 0);
	assert_int_equal(rx_take(1514), 1);
	assert_null(pkt.err);
	assert_int_equal(cons, 3);
}

static void rx_incomplete_chain_waits(void **state)
{
	rx_post(8);
	rx_data(0, 4096, NETRXF_more_data);
	rx_data(0, 4096, NETRXF_more_data);
	assert_int_equal(rx_take(65535), 0);
	assert_int_equal(cons, 0);
	rx_data(0, 10, 0);
	assert_int_equal(rx_take(65535), 1);
	assert_null(pkt.err);
	assert_int_equal(pkt.len, 8202);
	assert_int_equal(cons, 3);
}

static void rx_chain_past_posted_dropped(void **state)
{
	rx_post(3);
	rx_data(0, 4096, NETRXF_more_data);
	rx_data(0, 4096, NETRXF_more_data);
	rx_data(0, 4096, NETRXF_more_data);
	assert_int_equal(rx_take(65535), 1);
	assert_non_null(pkt.err);
	assert_true(pkt.malformed);
	assert_int_equal(pkt.nr_slots, 3);
	assert_int_equal(cons, 3);
	/* extras that never end, likewise */
	rx_post(3);
	rx_data(0, 100, NETRXF_extra_info);
	rx_extra(XEN_NETIF_EXTRA_TYPE_GSO, XEN_NETIF_EXTRA_FLAG_MORE);
	assert_int_equal(rx_take(65535), 0);
	rx_extra(XEN_NETIF_EXTRA_TYPE_HASH, XEN_NETIF_EXTRA_FLAG_MORE);
	assert_int_equal(rx_take(65535), 1);
	assert_non_null(pkt.err);
	assert_int_equal(cons, 6);
}

static void rx_extra_info(void **state)
{
	rx_post(8);
	rx_data(0, 4096, NETRXF_extra_info | NETRXF_more_data);
	rx_extra(XEN_NETIF_EXTRA_TYPE_GSO, XEN_NETIF_EXTRA_FLAG_MORE);
	rx_extra(XEN_NETIF_EXTRA_TYPE_HASH, 0);
	rx_data(0, 50, 0);
	assert_int_equal(rx_take(9000), 1);
	assert_null(pkt.err);
	assert_int_equal(pkt.nr_slots, 4);
	assert_int_equal(pkt.nr_frags, 2);
	assert_int_equal(pkt.frag[0].id, 0);
	assert_int_equal(pkt.frag[1].id, 3);
	assert_int_equal(pkt.len, 4146);
	assert_int_equal(cons, 4);
}

static void rx_bad_extras(void **state)
{
	unsigned int i;

	rx_post(8);
	rx_data(0, 64, NETRXF_extra_info);
	rx_extra(XEN_NETIF_EXTRA_TYPE_NONE, 0);
	rx_data(0, 64, NETRXF_extra_info);
	rx_extra(XEN_NETIF_EXTRA_TYPE_MAX, 0);
	rx_data(0, 64, 0);
	assert_int_equal(rx_take(1514), 1);
	assert_non_null(pkt.err);
	assert_true(pkt.malformed);
	assert_int_equal(cons, 2);
	assert_int_equal(rx_take(1514), 1);
	assert_non_null(pkt.err);
	assert_int_equal(cons, 4);
	assert_int_equal(rx_take(1514), 1);
	assert_null(pkt.err);

	rings_new(16, 5);
	rx_post(16);
	rx_data(0, 64, NETRXF_extra_info);
	for (i = 0; i < NETIF_MAX_EXTRAS + 1; i++)
		rx_extra(1 + i % NETIF_MAX_EXTRAS,
			 i < NETIF_MAX_EXTRAS ? XEN_NETIF_EXTRA_FLAG_MORE : 0);
	rx_data(0, 64, 0);
	assert_int_equal(rx_take(1514), 1);
	assert_non_null(pkt.err);
	assert_int_equal(pkt.nr_slots, NETIF_MAX_EXTRAS + 2);
	assert_int_equal(rx_take(1514), 1);
	assert_null(pkt.err);
	assert_int_equal(pkt.frag[0].id, (5 + NETIF_MAX_EXTRAS + 2) & 15);
}

static void rx_wrong_id(void **state)
{
	struct netif_rx_response *r;

	rx_post(8);
	rx_data(0, 1000, NETRXF_more_data);
	rx_data(0, 1000, 0);
	r = &(&rx->ring[0])[1].rsp;
	r->id = 0;			/* the first slot's buffer again */
	rx_data(0, 64, 0);
	assert_int_equal(rx_take(1514), 1);
	assert_non_null(pkt.err);
	assert_true(pkt.malformed);
	assert_int_equal(pkt.nr_slots, 2);
	assert_int_equal(rx_take(1514), 1);
	assert_null(pkt.err);
	assert_int_equal(pkt.frag[0].id, 2);
}

static void rx_flags(void **state)
{
	rx_post(8);
	rx_data(0, 64, NETRXF_gso_prefix);
	rx_data(0, 64, 0x80);
	rx_data(0, 64, NETRXF_more_data);
	rx_data(0, 64, NETRXF_extra_info);	/* not on the first slot */
	rx_data(0, 64, NETRXF_csum_blank | NETRXF_data_validated);
	assert_int_equal(rx_take(1514), 1);
	assert_non_null(pkt.err);
	assert_int_equal(rx_take(1514), 1);
	assert_non_null(pkt.err);
	assert_int_equal(rx_take(1514), 1);
	assert_non_null(pkt.err);
	assert_true(pkt.malformed);
	assert_int_equal(pkt.nr_slots, 2);
	assert_int_equal(rx_take(1514), 1);
	assert_null(pkt.err);
	assert_int_equal(pkt.flags, NETRXF_csum_blank | NETRXF_data_validated);
	assert_int_equal(cons, 5);
}

static void rx_backend_error(void **state)
{
	rx_post(8);
	rx_data(0, 1000, NETRXF_more_data);
	rx_data(0, NETIF_RSP_ERROR, NETRXF_more_data);
	rx_data(0, 1000, 0);
	rx_data(0, 64, 0);
	assert_int_equal(rx_take(9000), 1);
	assert_non_null(pkt.err);
	assert_false(pkt.malformed);
	assert_int_equal(pkt.nr_slots, 3);
	assert_int_equal(rx_take(9000), 1);
	assert_null(pkt.err);
}

static void rx_slot_limit(void **state)
{
	unsigned int i;

	rings_new(64, 0);
	rx_post(64);
	for (i = 0; i < NETIF_MAX_SLOTS; i++)
		rx_data(0, 100, i + 1 < NETIF_MAX_SLOTS ? NETRXF_more_data : 0);
	assert_int_equal(rx_take(65535), 1);
	assert_null(pkt.err);
	assert_int_equal(pkt.nr_frags, NETIF_MAX_SLOTS);
	assert_int_equal(pkt.len, 100 * NETIF_MAX_SLOTS);
	for (i = 0; i < NETIF_MAX_SLOTS + 1; i++)
		rx_data(0, 1, i < NETIF_MAX_SLOTS ? NETRXF_more_data : 0);
	rx_data(0, 64, 0);
	assert_int_equal(rx_take(65535), 1);
	assert_non_null(pkt.err);
	assert_true(pkt.malformed);
	assert_int_equal(pkt.nr_slots, NETIF_MAX_SLOTS + 1);
	assert_int_equal(rx_take(65535), 1);
	assert_null(pkt.err);
	assert_int_equal(cons, 2 * NETIF_MAX_SLOTS + 2);
}

static void rx_length_limits(void **state)
{
	rx_post(8);
	rx_data(0, 1514, 0);
	rx_data(0, 1000, NETRXF_more_data);
	rx_data(0, 515, 0);
	rx_data(0, 13, 0);			/* runt */
	rx_data(0, 0, 0);
	assert_int_equal(rx_take(1514), 1);
	assert_null(pkt.err);
	assert_int_equal(rx_take(1514), 1);
	assert_non_null(pkt.err);
	assert_false(pkt.malformed);
	assert_int_equal(cons, 3);
	assert_int_equal(rx_take(1514), 1);
	assert_non_null(pkt.err);
	assert_int_equal(rx_take(1514), 1);
	assert_non_null(pkt.err);
	assert_int_equal(cons, 5);
}

static void rx_wraps_at_2_32(void **state)
{
	unsigned int i;

	rings_new(8, 0xfffffff0u);
	for (i = 0; i < 40; i++) {
		if (posted - cons < nr_ents)
			rx_post(nr_ents - (posted - cons));
		rx_data(0, 4096, NETRXF_more_data);
		rx_data(0, 60, 0);
		assert_int_equal(rx_take(9000), 1);
		assert_null(pkt.err);
		assert_int_equal(pkt.frag[1].id, (cons - 1) & 7);
	}
	assert_int_equal(cons, (u32)(0xfffffff0u + 80));
}

static void rx_beyond_posted_and_bad_state(void **state)
{
	rx_post(1);
	rx_data(0, 64, 0);
	rx_data(0, 64, 0);
	assert_int_equal(rx_take(1514), -EPROTO);
	assert_non_null(why);
	assert_int_equal(cons, 0);
	rx->rsp_prod = (u32)-1;
	assert_int_equal(rx_take(1514), -EPROTO);
	rx->rsp_prod = 1;
	why = NULL;
	assert_int_equal(netif_rx_take_packet(rx, 6, &cons, posted, 1514, &pkt,
					      &why), -EINVAL);
	assert_non_null(why);
	assert_int_equal(netif_rx_take_packet(rx, nr_ents, &cons, 9, 1514,
					      &pkt, NULL), -EINVAL);
	assert_int_equal(cons, 0);
	assert_int_equal(rx_take(1514), 1);
	assert_null(pkt.err);
}

/* ---- nodes ---- */

static void mac_parse(void **state)
{
	static const char *const bad[] = {
		"00:16:3e:0a:0b:0", "00:16:3e:0a:0b:0cc", "00-16-3e-0a-0b-0c",
		"00:16:3e:0a:0b:0g", "01:16:3e:0a:0b:0c", "00:00:00:00:00:00",
		"ff:ff:ff:ff:ff:ff", "", " 0:16:3e:0a:0b:0c", "0:16:3e:0a:0b:0c:",
	};
	static const char buf[] = "00:16:3E:0a:0B:0c:99";
	u8 mac[6] = { 0 };
	unsigned int i;

	assert_int_equal(netif_parse_mac(buf, 17, mac), 0);
	assert_int_equal(mac[0], 0x00);
	assert_int_equal(mac[1], 0x16);
	assert_int_equal(mac[2], 0x3e);
	assert_int_equal(mac[5], 0x0c);
	assert_int_equal(netif_parse_mac(buf, 20, mac), -EINVAL);
	assert_int_equal(netif_parse_mac("02:00:00:00:00:01", 17, mac), 0);
	for (i = 0; i < ARRAY_SIZE(bad); i++) {
		memset(mac, 0x5a, sizeof(mac));
		assert_int_equal(netif_parse_mac(bad[i], strlen(bad[i]), mac),
				 -EINVAL);
		assert_int_equal(mac[0], 0x5a);
	}
}

static void mtu_bounds(void **state)
{
	u32 mtu = 0;

	assert_int_equal(netif_mtu(false, 0, false, &mtu), 0);
	assert_int_equal(mtu, 1500);
	assert_int_equal(netif_mtu(true, 68, false, &mtu), 0);
	assert_int_equal(mtu, 68);
	assert_int_equal(netif_mtu(true, 9000, true, &mtu), 0);
	assert_int_equal(mtu, 9000);
	assert_int_equal(netif_mtu(true, 9000, false, &mtu), 0);
	assert_int_equal(mtu, 4096 - 14);
	assert_int_equal(netif_mtu(true, 65535, true, &mtu), 0);
	assert_int_equal(mtu, 65535 - 14);
	mtu = 7;
	assert_int_equal(netif_mtu(true, 67, true, &mtu), -EINVAL);
	assert_int_equal(netif_mtu(true, 65536, true, &mtu), -EINVAL);
	assert_int_equal(netif_mtu(true, ~0ULL, true, &mtu), -EINVAL);
	assert_int_equal(mtu, 7);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
#define T(f) cmocka_unit_test_setup_teardown(f, setup, teardown)
		T(tx_any_order),
		T(tx_stops_at_max),
		T(tx_wraps_at_2_32),
		T(tx_beyond_posted),
		T(tx_bad_ids_counted),
		T(tx_duplicates),
		T(tx_unknown_status),
		T(tx_bad_ring_size),
		T(rx_single_and_chain),
		T(rx_offset_within_page),
		T(rx_incomplete_chain_waits),
		T(rx_chain_past_posted_dropped),
		T(rx_extra_info),
		T(rx_bad_extras),
		T(rx_wrong_id),
		T(rx_flags),
		T(rx_backend_error),
		T(rx_slot_limit),
		T(rx_length_limits),
		T(rx_wraps_at_2_32),
		T(rx_beyond_posted_and_bad_state),
		T(mac_parse),
		T(mtu_bounds),
#undef T
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
