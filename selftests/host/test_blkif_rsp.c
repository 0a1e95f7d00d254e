// SPDX-License-Identifier: GPL-2.0
/*
 * Host tests for drivers/xen/blkif_rsp.c: responses in any order free
 * their slots and are reported; the batch stops at max; ring indices
 * wrap at 2^32; a backend that answers more than was posted, names an id
 * out of range or not outstanding (twice the same id, too), answers with
 * another operation or an unknown status is refused, with the good
 * responses before the bad one reported and consumed and the bad one
 * consumed. The shared ring is a heap object of exactly nr_ents entries,
 * so ASan sees any read outside it.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include <tern/xen/blkif_rsp.h>

#define NSLOTS	8

static struct blkif_sring *sring;
static unsigned int nr_ents;
static u32 cons, posted;
static u8 slot_op[NSLOTS];
static struct blkif_done out[64];
static unsigned int nr_good;
static const char *why;

static void ring_new(unsigned int nr, u32 idx)
{
	free(sring);
	sring = calloc(1, offsetof(struct blkif_sring, ring) +
			  nr * sizeof(union blkif_sring_entry));
	assert_non_null(sring);
	nr_ents = nr;
	cons = posted = idx;
	sring->req_prod = sring->rsp_prod = idx;
	memset(slot_op, BLKIF_SLOT_FREE, sizeof(slot_op));
	memset(out, 0xcc, sizeof(out));
	nr_good = 1234;
	why = NULL;
}

static int setup(void **state)
{
	ring_new(4, 0);
	return 0;
}

static int teardown(void **state)
{
	free(sring);
	sring = NULL;
	return 0;
}

/* blkfront posting a request (the request entry itself is not needed) */
static void post(unsigned int id, u8 op)
{
	assert_true(slot_op[id] == BLKIF_SLOT_FREE);
	slot_op[id] = op;
	posted++;
}

/* the backend answering */
static void respond(u64 id, u8 op, s16 status)
{
	struct blkif_response *r =
		&(&sring->ring[0])[sring->rsp_prod & (nr_ents - 1)].rsp;

	r->id = id;
	r->operation = op;
	r->status = status;
	sring->rsp_prod++;
}

static int take(unsigned int max)
{
	return blkif_take_responses(sring, nr_ents, &cons, posted, slot_op,
				    NSLOTS, out, max, &nr_good, &why);
}

static void takes_in_any_order(void **state)
{
	post(0, BLKIF_OP_READ);
	post(1, BLKIF_OP_WRITE);
	post(2, BLKIF_OP_FLUSH_DISKCACHE);
	respond(2, BLKIF_OP_FLUSH_DISKCACHE, BLKIF_RSP_EOPNOTSUPP);
	respond(0, BLKIF_OP_READ, BLKIF_RSP_OKAY);
	assert_int_equal(take(8), 2);
	assert_int_equal(nr_good, 2);
	assert_null(why);
	assert_int_equal(cons, 2);
	assert_int_equal(out[0].id, 2);
	assert_int_equal(out[0].op, BLKIF_OP_FLUSH_DISKCACHE);
	assert_int_equal(out[0].status, BLKIF_RSP_EOPNOTSUPP);
	assert_int_equal(out[1].id, 0);
	assert_int_equal(out[1].status, BLKIF_RSP_OKAY);
	assert_int_equal(slot_op[0], BLKIF_SLOT_FREE);
	assert_int_equal(slot_op[1], BLKIF_OP_WRITE);
	assert_int_equal(slot_op[2], BLKIF_SLOT_FREE);
	/* nothing new */
	assert_int_equal(take(8), 0);
	assert_int_equal(nr_good, 0);
	assert_int_equal(cons, 2);
	respond(1, BLKIF_OP_WRITE, BLKIF_RSP_ERROR);
	assert_int_equal(take(8), 1);
	assert_int_equal(out[0].id, 1);
	assert_int_equal(out[0].status, BLKIF_RSP_ERROR);
	assert_int_equal(cons, 3);
	assert_int_equal(slot_op[1], BLKIF_SLOT_FREE);
}

static void stops_at_max(void **state)
{
	unsigned int i;

	for (i = 0; i < 4; i++)
		post(i, BLKIF_OP_READ);
	for (i = 0; i < 4; i++)
		respond(3 - i, BLKIF_OP_READ, BLKIF_RSP_OKAY);
	assert_int_equal(take(0), 0);
	assert_int_equal(cons, 0);
	assert_int_equal(take(3), 3);
	assert_int_equal(cons, 3);
	assert_int_equal(slot_op[0], BLKIF_OP_READ);
	assert_int_equal(take(3), 1);
	assert_int_equal(out[0].id, 0);
	assert_int_equal(cons, 4);
}

static void wraps_at_2_32(void **state)
{
	unsigned int i, round;

	ring_new(4, 0xfffffffdu);
	for (round = 0; round < 3; round++) {
		for (i = 0; i < 4; i++)
			post(i, i & 1);
		for (i = 0; i < 4; i++)
			respond(i ^ 2, (i ^ 2) & 1, BLKIF_RSP_OKAY);
		assert_int_equal(take(64), 4);
		for (i = 0; i < 4; i++)
			assert_int_equal(out[i].id, i ^ 2);
		assert_int_equal(cons, posted);
	}
	assert_int_equal(cons, (u32)(0xfffffffdu + 12));
}

static void rsp_prod_beyond_posted(void **state)
{
	post(0, BLKIF_OP_READ);
	respond(0, BLKIF_OP_READ, BLKIF_RSP_OKAY);
	respond(0, BLKIF_OP_READ, BLKIF_RSP_OKAY);
	assert_int_equal(take(8), -EPROTO);
	assert_non_null(why);
	assert_int_equal(nr_good, 0);
	assert_int_equal(cons, 0);
	assert_int_equal(slot_op[0], BLKIF_OP_READ);
	/* far ahead, and behind us (a distance of ~2^32) */
	sring->rsp_prod = 0x10000;
	assert_int_equal(take(8), -EPROTO);
	sring->rsp_prod = cons - 1;
	assert_int_equal(take(8), -EPROTO);
	assert_int_equal(cons, 0);
	assert_int_equal(slot_op[0], BLKIF_OP_READ);
}

static void id_out_of_range(void **state)
{
	post(0, BLKIF_OP_READ);
	respond(NSLOTS, BLKIF_OP_READ, BLKIF_RSP_OKAY);
	assert_int_equal(take(8), -EPROTO);
	assert_non_null(why);
	assert_int_equal(cons, 1);
	assert_int_equal(nr_good, 0);
	assert_int_equal(slot_op[0], BLKIF_OP_READ);

	ring_new(4, 0);
	post(0, BLKIF_OP_READ);
	respond(1ULL << 40, BLKIF_OP_READ, BLKIF_RSP_OKAY);	/* low bits 0 */
	assert_int_equal(take(8), -EPROTO);
	assert_int_equal(slot_op[0], BLKIF_OP_READ);
}

static void id_not_outstanding(void **state)
{
	post(0, BLKIF_OP_READ);
	respond(5, BLKIF_OP_READ, BLKIF_RSP_OKAY);
	assert_int_equal(take(8), -EPROTO);
	assert_non_null(why);
	assert_int_equal(cons, 1);
	assert_int_equal(slot_op[5], BLKIF_SLOT_FREE);
}

static void duplicate_in_batch(void **state)
{
	post(0, BLKIF_OP_WRITE);
	post(1, BLKIF_OP_WRITE);
	respond(0, BLKIF_OP_WRITE, BLKIF_RSP_OKAY);
	respond(0, BLKIF_OP_WRITE, BLKIF_RSP_OKAY);
	assert_int_equal(take(8), -EPROTO);
	assert_int_equal(nr_good, 1);
	assert_int_equal(out[0].id, 0);
	assert_int_equal(cons, 2);
	assert_int_equal(slot_op[0], BLKIF_SLOT_FREE);
	assert_int_equal(slot_op[1], BLKIF_OP_WRITE);
}

static void duplicate_across_calls(void **state)
{
	post(0, BLKIF_OP_WRITE);
	post(1, BLKIF_OP_WRITE);
	respond(0, BLKIF_OP_WRITE, BLKIF_RSP_OKAY);
	assert_int_equal(take(8), 1);
	respond(0, BLKIF_OP_WRITE, BLKIF_RSP_OKAY);
	assert_int_equal(take(8), -EPROTO);
	assert_int_equal(nr_good, 0);
	assert_int_equal(cons, 2);
}

static void op_mismatch(void **state)
{
	post(3, BLKIF_OP_READ);
	respond(3, BLKIF_OP_WRITE, BLKIF_RSP_OKAY);
	assert_int_equal(take(8), -EPROTO);
	assert_non_null(why);
	assert_int_equal(slot_op[3], BLKIF_OP_READ);
	assert_int_equal(cons, 1);
}

static void indirect_answers_inner_op(void **state)
{
	post(1, BLKIF_OP_WRITE);	/* an indirect write: inner op */
	post(2, BLKIF_OP_READ);
	respond(1, BLKIF_OP_WRITE, BLKIF_RSP_OKAY);
	respond(2, BLKIF_OP_INDIRECT, BLKIF_RSP_OKAY);
	assert_int_equal(take(8), -EPROTO);
	assert_int_equal(nr_good, 1);
	assert_int_equal(out[0].id, 1);
	assert_int_equal(slot_op[2], BLKIF_OP_READ);
}

static void unknown_status(void **state)
{
	static const s16 bad[] = { 1, -3, 0x7fff, -0x8000 };
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(bad); i++) {
		ring_new(4, 100);
		post(0, BLKIF_OP_DISCARD);
		respond(0, BLKIF_OP_DISCARD, bad[i]);
		assert_int_equal(take(8), -EPROTO);
		assert_non_null(why);
		assert_int_equal(slot_op[0], BLKIF_OP_DISCARD);
		assert_int_equal(cons, 101);
	}
}

static void good_then_bad(void **state)
{
	ring_new(8, 0xfffffffeu);
	post(0, BLKIF_OP_READ);
	post(1, BLKIF_OP_READ);
	post(2, BLKIF_OP_READ);
	post(3, BLKIF_OP_READ);
	respond(1, BLKIF_OP_READ, BLKIF_RSP_OKAY);
	respond(0, BLKIF_OP_READ, BLKIF_RSP_ERROR);
	respond(2, BLKIF_OP_READ, 5);		/* bad */
	respond(3, BLKIF_OP_READ, BLKIF_RSP_OKAY);
	assert_int_equal(take(8), -EPROTO);
	assert_int_equal(nr_good, 2);
	assert_int_equal(out[0].id, 1);
	assert_int_equal(out[1].id, 0);
	assert_int_equal(out[1].status, BLKIF_RSP_ERROR);
	assert_int_equal(cons, 1);		/* past the bad one, not past 3 */
	assert_int_equal(slot_op[0], BLKIF_SLOT_FREE);
	assert_int_equal(slot_op[1], BLKIF_SLOT_FREE);
	assert_int_equal(slot_op[2], BLKIF_OP_READ);
	assert_int_equal(slot_op[3], BLKIF_OP_READ);
}

static void bad_ring_size(void **state)
{
	static const unsigned int bad[] = { 0, 3, 6, 12, 1u << 31 };
	unsigned int i;

	post(0, BLKIF_OP_READ);
	respond(0, BLKIF_OP_READ, BLKIF_RSP_OKAY);
	for (i = 0; i < ARRAY_SIZE(bad); i++) {
		why = NULL;
		assert_int_equal(blkif_take_responses(sring, bad[i], &cons,
						      posted, slot_op, NSLOTS,
						      out, 8, &nr_good, &why),
				 -EINVAL);
		assert_non_null(why);
		assert_int_equal(nr_good, 0);
		assert_int_equal(cons, 0);
	}
	/* more in flight than the ring holds: the caller's own bug */
	assert_int_equal(blkif_take_responses(sring, nr_ents, &cons, 5,
					      slot_op, NSLOTS, out, 8,
					      &nr_good, &why), -EINVAL);
	assert_int_equal(slot_op[0], BLKIF_OP_READ);
	assert_int_equal(take(8), 1);
}

static void optional_outputs(void **state)
{
	post(0, BLKIF_OP_READ);
	respond(0, BLKIF_OP_READ, BLKIF_RSP_OKAY);
	respond(0, BLKIF_OP_READ, BLKIF_RSP_OKAY);
	posted++;
	assert_int_equal(blkif_take_responses(sring, nr_ents, &cons, posted,
					      slot_op, NSLOTS, out, 8, NULL,
					      NULL), -EPROTO);
	assert_int_equal(cons, 2);
	assert_int_equal(out[0].id, 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
#define T(f) cmocka_unit_test_setup_teardown(f, setup, teardown)
		T(takes_in_any_order),
		T(stops_at_max),
		T(wraps_at_2_32),
		T(rsp_prod_beyond_posted),
		T(id_out_of_range),
		T(id_not_outstanding),
		T(duplicate_in_batch),
		T(duplicate_across_calls),
		T(op_mismatch),
		T(indirect_answers_inner_op),
		T(unknown_status),
		T(good_then_bad),
		T(bad_ring_size),
		T(optional_outputs),
#undef T
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
