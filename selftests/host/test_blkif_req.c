// SPDX-License-Identifier: GPL-2.0
/*
 * Host tests for drivers/xen/blkif_req.c, blkback's request consumer.
 * Every ring test runs twice, once per ABI (x86_64 and x86_32). The fake
 * frontend below writes requests by byte offsets worked out here from
 * the i386 and x86_64 alignment rules, not through the structs of
 * blkif_req.h, so a wrong layout there shows. The shared ring is a heap
 * object of exactly 64 + nr_ents * entry-size bytes and each indirect
 * page one of 4096, so ASan sees any access outside them.
 *
 * Cases: protocol names; ring geometry; bad ring state and exports;
 * good reads and writes; the batch bound; req_prod more than a ring
 * ahead, moved back, and indices wrapping at 2^32; unknown ops and
 * barriers; 0, 12 and 255 segments; first > last, last = 8; ranges past
 * the end and sector + length overflowing 2^64; 4 KiB alignment; writes,
 * discards and indirect writes on a read-only disk; flush and discard
 * offered or not; indirect: not offered, bad inner op, 0 or too many
 * segments or pages, early range check, segments read from the pages
 * and checked; the copy is private; responses in both layouts at
 * wrapped indices, and the notification rule.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "test_le.h"

#include <tern/xen/blkif_req.h>

/* Offsets in one ring entry, per ABI (worked out by hand). */
struct layout {
	size_t ent;		/* entry size */
	size_t id;		/* all ops */
	size_t sector;		/* all ops */
	size_t seg;		/* rw: seg[] */
	size_t nr_sectors;	/* discard */
	size_t ihandle;		/* indirect: handle */
	size_t igrefs;		/* indirect: indirect_grefs[] */
	size_t rsp_size;	/* a response's own size */
};

static const struct layout lay64 = { 112, 8, 16, 24, 24, 24, 28, 16 };
static const struct layout lay32 = { 108, 4, 12, 20, 20, 20, 24, 12 };

static enum blkif_abi abi;		/* set per group */
static const struct layout *L;
static struct blkif_sring *sring;
static size_t ring_size;
static struct blkif_back b;
static struct blkif_export ex;
static union blkif_req_copy cp[16];
static struct blkif_req req;
static const char *why;

static void ring_new(unsigned int nr, u32 idx)
{
	free(sring);
	ring_size = 64 + nr * L->ent;
	sring = calloc(1, ring_size);
	assert_non_null(sring);
	sring->req_prod = sring->rsp_prod = idx;
	sring->req_event = sring->rsp_event = idx + 1;
	assert_int_equal(blkif_back_init(&b, sring, nr, abi, idx, &why), 0);
	why = NULL;
}

static int setup(void **state)
{
	L = abi == BLKIF_ABI_X86_32 ? &lay32 : &lay64;
	memset(&ex, 0, sizeof(ex));
	ex.sectors = 1 << 20;		/* 512 MiB */
	ex.sector_size = 512;
	ex.flush = ex.discard = true;
	ex.max_indirect_segs = 256;
	assert_int_equal(blkif_export_check(&ex, NULL), 0);
	ring_new(8, 0);
	return 0;
}

static int teardown(void **state)
{
	free(sring);
	sring = NULL;
	return 0;
}

/* ---- the fake frontend: writes entries byte by byte ---------------- */

static u8 *ent(u32 idx)
{
	return (u8 *)sring + 64 + (idx & (b.nr_ents - 1)) * L->ent;
}

/* a request at req_prod (not yet produced): op, byte 1, id, sector */
static u8 *req_at(u32 idx, u8 op, u8 b1, u64 id, u64 sector)
{
	u8 *e = ent(idx);

	memset(e, 0x5a, L->ent);	/* garbage where nothing is written */
	e[0] = op;
	e[1] = b1;
	le_put(e + 2, 0x0301, 2);		/* handle, ignored */
	le_put(e + L->id, id, 8);
	le_put(e + L->sector, sector, 8);
	return e;
}

static void seg_at(u8 *e, unsigned int i, u32 gref, u8 first, u8 last)
{
	le_put(e + L->seg + 8 * i, gref, 4);
	e[L->seg + 8 * i + 4] = first;
	e[L->seg + 8 * i + 5] = last;
}

/* nseg full-page segments with grefs 100.. */
static u8 *rw(u8 op, u8 nseg, u64 id, u64 sector)
{
	u8 *e = req_at(sring->req_prod, op, nseg, id, sector);
	unsigned int i;

	for (i = 0; i < nseg && i < 11; i++)
		seg_at(e, i, 100 + i, 0, 7);
	return e;
}

static void discard(u64 id, u64 sector, u64 nr)
{
	u8 *e = req_at(sring->req_prod, BLKIF_OP_DISCARD, 0, id, sector);

	le_put(e + L->nr_sectors, nr, 8);
}

static u8 *indirect(u8 inner, u16 nseg, u64 id, u64 sector)
{
	u8 *e = req_at(sring->req_prod, BLKIF_OP_INDIRECT, inner, id, sector);
	unsigned int i;

	le_put(e + 2, nseg, 2);
	le_put(e + L->ihandle, 0x0301, 2);
	for (i = 0; i < 8; i++)
		le_put(e + L->igrefs + 4 * i, 900 + i, 4);
	return e;
}

static void produce(void)
{
	sring->req_prod++;
}

/* take exactly one request and check it */
static int one(void)
{
	int n;

	produce();
	why = NULL;
	n = blkif_take_requests(&b, cp, 16, &why);
	assert_int_equal(n, 1);
	memset(&req, 0xcc, sizeof(req));
	n = blkif_req_check(&cp[0], abi, &ex, &req, &why);
	/* answered at once, so the ring never fills */
	assert_int_equal(blkif_put_response(&b, req.id, req.rsp_op,
					    blkif_req_status(n)), 0);
	return n;
}

static void assert_refused(int err, int want, u64 id, u8 rsp_op)
{
	assert_int_equal(err, want);
	assert_non_null(why);
	assert_true(req.id == id);
	assert_int_equal(req.rsp_op, rsp_op);
}

/* ---- ABI-independent ------------------------------------------------- */

static void protocol_names(void **state)
{
	enum blkif_abi a = BLKIF_ABI_X86_32;

	assert_int_equal(blkif_parse_protocol("x86_64-abi", &a, &why), 0);
	assert_int_equal(a, BLKIF_ABI_X86_64);
	assert_int_equal(blkif_parse_protocol("x86_32-abi", &a, &why), 0);
	assert_int_equal(a, BLKIF_ABI_X86_32);
	assert_int_equal(blkif_parse_protocol(NULL, &a, &why), 0);
	assert_int_equal(a, BLKIF_ABI_X86_64);
	why = NULL;
	assert_int_equal(blkif_parse_protocol("arm-abi", &a, &why), -EINVAL);
	assert_non_null(why);
	assert_int_equal(blkif_parse_protocol("", &a, NULL), -EINVAL);
	assert_int_equal(blkif_parse_protocol("x86_64-abi ", &a, NULL),
			 -EINVAL);
	assert_int_equal(blkif_parse_protocol("x86_32", &a, NULL), -EINVAL);
}

static void ring_geometry(void **state)
{
	struct blkif_sring *s = malloc(16 * 4096);
	unsigned int o;

	assert_non_null(s);
	for (o = 0; o <= 4; o++) {
		/* 32 per page in both: 4032 / 112 = 36, 4032 / 108 = 37 */
		assert_int_equal(blkif_ring_ents(o, BLKIF_ABI_X86_64), 32 << o);
		assert_int_equal(blkif_ring_ents(o, BLKIF_ABI_X86_32), 32 << o);
		/* the public macro agrees for the native layout */
		assert_int_equal(__RING_SIZE(s, 4096 << o), 32 << o);
	}
	assert_int_equal(blkif_ring_ents(5, BLKIF_ABI_X86_64), 0);
	assert_int_equal(blkif_ring_ents(~0u, BLKIF_ABI_X86_32), 0);
	assert_int_equal(blkif_ring_bytes(32, BLKIF_ABI_X86_64), 64 + 32 * 112);
	assert_int_equal(blkif_ring_bytes(512, BLKIF_ABI_X86_32),
			 64 + 512 * 108);
	assert_true(blkif_ring_bytes(512, BLKIF_ABI_X86_64) <= 16 * 4096);
	free(s);
}

static void export_checks(void **state)
{
	struct blkif_export e = { .sectors = 8, .sector_size = 4096 };

	assert_int_equal(blkif_export_check(&e, NULL), 0);
	e.sectors = 12;
	why = NULL;
	assert_int_equal(blkif_export_check(&e, &why), -EINVAL);
	assert_non_null(why);
	e.sectors = 8;
	e.sector_size = 1024;
	assert_int_equal(blkif_export_check(&e, NULL), -EINVAL);
	e.sector_size = 512;
	e.sectors = 1ULL << 55;
	assert_int_equal(blkif_export_check(&e, NULL), -EINVAL);
	e.sectors = (1ULL << 55) - 1;
	assert_int_equal(blkif_export_check(&e, NULL), 0);
	e.max_indirect_segs = 4096;
	assert_int_equal(blkif_export_check(&e, NULL), 0);
	e.max_indirect_segs = 4097;
	assert_int_equal(blkif_export_check(&e, NULL), -EINVAL);
}

static void bad_init(void **state)
{
	static const unsigned int bad[] = { 0, 3, 6, 1024, 1u << 31 };
	struct blkif_sring s;
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(bad); i++)
		assert_int_equal(blkif_back_init(&b, &s, bad[i],
						 BLKIF_ABI_X86_64, 0, NULL),
				 -EINVAL);
	assert_int_equal(blkif_back_init(&b, &s, 8, (enum blkif_abi)7, 0,
					 NULL), -EINVAL);
	assert_int_equal(blkif_back_init(&b, &s, 512, BLKIF_ABI_X86_32, 0,
					 NULL), 0);
}

/* ---- per ABI: ring indices ------------------------------------------- */

static void reads_and_writes(void **state)
{
	unsigned int i;
	u8 *e;

	e = rw(BLKIF_OP_READ, 11, 0x1122334455667788ULL, 4096);
	seg_at(e, 3, 0xdeadbeef, 2, 5);
	produce();
	rw(BLKIF_OP_WRITE, 1, 7, 0);
	produce();
	assert_int_equal(blkif_take_requests(&b, cp, 16, &why), 2);
	assert_int_equal(b.req_cons, 2);

	assert_int_equal(blkif_req_check(&cp[0], abi, &ex, &req, &why), 0);
	assert_true(req.id == 0x1122334455667788ULL);
	assert_int_equal(req.op, BLKIF_OP_READ);
	assert_int_equal(req.rsp_op, BLKIF_OP_READ);
	assert_int_equal(req.nr_indirect, 0);
	assert_int_equal(req.nr_segs, 11);
	assert_true(req.sector == 4096);
	assert_true(req.nr_sectors == 10 * 8 + 4);
	for (i = 0; i < 11; i++) {
		if (i == 3)
			continue;
		assert_int_equal(gref_x(req.seg[i].gref), 100 + i);
		assert_int_equal(req.seg[i].offset, 0);
		assert_int_equal(req.seg[i].len, 4096);
	}
	assert_int_equal(gref_x(req.seg[3].gref), 0xdeadbeef);
	assert_int_equal(req.seg[3].offset, 1024);
	assert_int_equal(req.seg[3].len, 2048);

	assert_int_equal(blkif_req_check(&cp[1], abi, &ex, &req, &why), 0);
	assert_true(req.id == 7);
	assert_int_equal(req.op, BLKIF_OP_WRITE);
	assert_int_equal(req.nr_segs, 1);
	assert_true(req.sector == 0 && req.nr_sectors == 8);
	assert_int_equal(blkif_take_requests(&b, cp, 16, &why), 0);
}

static void stops_at_max(void **state)
{
	unsigned int i;

	for (i = 0; i < 8; i++) {
		rw(BLKIF_OP_READ, 1, i, 0);
		produce();
	}
	assert_int_equal(blkif_take_requests(&b, cp, 0, &why), 0);
	assert_int_equal(blkif_take_requests(&b, cp, 3, &why), 3);
	assert_int_equal(blkif_take_requests(&b, cp, 3, &why), 3);
	assert_int_equal(blkif_req_check(&cp[2], abi, &ex, &req, &why), 0);
	assert_true(req.id == 5);
	assert_int_equal(blkif_take_requests(&b, cp, 16, &why), 2);
	assert_int_equal(b.req_cons, 8);
}

static void req_prod_too_far(void **state)
{
	unsigned int i;

	/* a full ring is fine */
	for (i = 0; i < 8; i++) {
		rw(BLKIF_OP_READ, 1, i, 0);
		produce();
	}
	assert_int_equal(blkif_take_requests(&b, cp, 4, &why), 4);
	/* one more than the slots we have not answered */
	sring->req_prod++;
	why = NULL;
	assert_int_equal(blkif_take_requests(&b, cp, 16, &why), -EPROTO);
	assert_non_null(why);
	assert_int_equal(b.req_cons, 4);
	/* answering makes room: the same req_prod is then fine */
	assert_int_equal(blkif_put_response(&b, 0, 0, 0), 0);
	assert_int_equal(blkif_take_requests(&b, cp, 16, &why), 5);
	assert_int_equal(b.req_cons, 9);
	/* far off, and "negative" */
	sring->req_prod = b.rsp_prod_pvt + 0x80000000u;
	assert_int_equal(blkif_take_requests(&b, cp, 16, &why), -EPROTO);
	sring->req_prod = b.rsp_prod_pvt - 1;
	assert_int_equal(blkif_take_requests(&b, cp, 16, &why), -EPROTO);
	assert_int_equal(b.req_cons, 9);
}

static void req_prod_moved_back(void **state)
{
	unsigned int i;

	for (i = 0; i < 4; i++) {
		rw(BLKIF_OP_READ, 1, i, 0);
		produce();
	}
	assert_int_equal(blkif_take_requests(&b, cp, 16, &why), 4);
	sring->req_prod = 2;	/* within a ring of rsp_prod_pvt, behind us */
	why = NULL;
	assert_int_equal(blkif_take_requests(&b, cp, 16, &why), -EPROTO);
	assert_non_null(why);
	assert_int_equal(b.req_cons, 4);
}

static void bad_state(void **state)
{
	b.req_cons = b.rsp_prod_pvt + 9;	/* more taken than the ring has */
	sring->req_prod = b.req_cons;
	assert_int_equal(blkif_take_requests(&b, cp, 16, &why), -EINVAL);
	b.req_cons = b.rsp_prod_pvt - 1;	/* answered more than taken */
	assert_int_equal(blkif_take_requests(&b, cp, 16, &why), -EINVAL);
	b.req_cons = b.rsp_prod_pvt;
	b.nr_ents = 6;
	assert_int_equal(blkif_take_requests(&b, cp, 16, &why), -EINVAL);
	b.nr_ents = 8;
	assert_int_equal(blkif_put_response(&b, 1, 0, 0), -EINVAL);
}

/* a response as the frontend of this ABI reads it */
static void assert_response(u32 idx, u64 id, u8 op, s16 status)
{
	const u8 *e = ent(idx);

	assert_true(le_get(e, 8) == id);
	assert_int_equal(e[8], op);
	assert_int_equal((s16)le_get(e + 10, 2), status);
}

static void wraps_at_2_32(void **state)
{
	unsigned int round, i;

	ring_new(4, 0xfffffffdu);
	for (round = 0; round < 3; round++) {
		for (i = 0; i < 3; i++) {
			rw(i & 1, 1, round * 16 + i, 8 * i);
			produce();
		}
		assert_int_equal(blkif_take_requests(&b, cp, 16, &why), 3);
		for (i = 0; i < 3; i++) {
			u32 at = b.rsp_prod_pvt;

			assert_int_equal(blkif_req_check(&cp[i], abi, &ex,
							 &req, &why), 0);
			assert_true(req.id == round * 16 + i);
			assert_true(req.sector == 8 * i);
			assert_int_equal(blkif_put_response(&b, req.id,
							    req.rsp_op, 0), 0);
			assert_response(at, req.id, i & 1, BLKIF_RSP_OKAY);
		}
		blkif_push_responses(&b);
		assert_int_equal(sring->rsp_prod, b.req_cons);
	}
	assert_int_equal(b.req_cons, (u32)(0xfffffffdu + 9));
	assert_int_equal(b.rsp_prod_pvt, b.req_cons);
}

static void copy_is_private(void **state)
{
	u8 *e = rw(BLKIF_OP_READ, 2, 42, 0);

	produce();
	assert_int_equal(blkif_take_requests(&b, cp, 16, &why), 1);
	/* the frontend rewrites the entry after we took it */
	e[1] = 200;
	seg_at(e, 0, 1, 7, 0);
	le_put(e + L->sector, ~0ULL, 8);
	assert_int_equal(blkif_req_check(&cp[0], abi, &ex, &req, &why), 0);
	assert_int_equal(req.nr_segs, 2);
	assert_true(req.sector == 0 && req.nr_sectors == 16);
	assert_int_equal(gref_x(req.seg[0].gref), 100);
}

/* ---- per ABI: request checks ----------------------------------------- */

static void bad_ops(void **state)
{
	static const u8 ops[] = { BLKIF_OP_RESERVED_1, 7, 0x80, 0xff };
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(ops); i++) {
		rw(ops[i], 1, 0xfedcba9876543210ULL + i, 0);
		assert_refused(one(), -EOPNOTSUPP, 0xfedcba9876543210ULL + i,
			       ops[i]);
		assert_int_equal(blkif_req_status(-EOPNOTSUPP),
				 BLKIF_RSP_EOPNOTSUPP);
	}
	rw(BLKIF_OP_WRITE_BARRIER, 1, 3, 0);
	assert_refused(one(), -EOPNOTSUPP, 3, BLKIF_OP_WRITE_BARRIER);
}

static void segment_counts(void **state)
{
	rw(BLKIF_OP_READ, 0, 1, 0);
	assert_refused(one(), -EINVAL, 1, BLKIF_OP_READ);
	assert_int_equal(blkif_req_status(-EINVAL), BLKIF_RSP_ERROR);
	rw(BLKIF_OP_WRITE, 12, 2, 0);
	assert_refused(one(), -EINVAL, 2, BLKIF_OP_WRITE);
	rw(BLKIF_OP_READ, 255, 3, 0);
	assert_refused(one(), -EINVAL, 3, BLKIF_OP_READ);
	rw(BLKIF_OP_READ, 11, 4, 0);
	assert_int_equal(one(), 0);
	assert_int_equal(req.nr_segs, 11);
}

static void segment_bounds(void **state)
{
	u8 *e;

	e = rw(BLKIF_OP_READ, 2, 1, 0);
	seg_at(e, 1, 5, 4, 3);			/* first > last */
	assert_refused(one(), -EINVAL, 1, BLKIF_OP_READ);
	e = rw(BLKIF_OP_READ, 2, 2, 0);
	seg_at(e, 1, 5, 0, 8);			/* last = 8 */
	assert_refused(one(), -EINVAL, 2, BLKIF_OP_READ);
	e = rw(BLKIF_OP_READ, 1, 3, 0);
	seg_at(e, 0, 5, 255, 255);
	assert_refused(one(), -EINVAL, 3, BLKIF_OP_READ);
	e = rw(BLKIF_OP_READ, 1, 4, 0);
	seg_at(e, 0, 5, 7, 7);			/* the last sector alone */
	assert_int_equal(one(), 0);
	assert_int_equal(req.seg[0].offset, 3584);
	assert_int_equal(req.seg[0].len, 512);
	assert_true(req.nr_sectors == 1);
}

static void range_and_overflow(void **state)
{
	u8 *e;

	rw(BLKIF_OP_READ, 2, 1, ex.sectors - 16);	/* up to the end */
	assert_int_equal(one(), 0);
	rw(BLKIF_OP_READ, 2, 2, ex.sectors - 15);
	assert_refused(one(), -EINVAL, 2, BLKIF_OP_READ);
	e = rw(BLKIF_OP_WRITE, 1, 3, ex.sectors);
	seg_at(e, 0, 1, 0, 0);
	assert_refused(one(), -EINVAL, 3, BLKIF_OP_WRITE);
	/* sector + length wraps to a small number */
	rw(BLKIF_OP_READ, 1, 4, ~0ULL - 7);
	assert_refused(one(), -EINVAL, 4, BLKIF_OP_READ);
	rw(BLKIF_OP_READ, 2, 5, ~0ULL - 8);
	assert_refused(one(), -EINVAL, 5, BLKIF_OP_READ);
}

static void aligned_4k(void **state)
{
	u8 *e;

	ex.sector_size = 4096;
	rw(BLKIF_OP_READ, 2, 1, 8);
	assert_int_equal(one(), 0);
	rw(BLKIF_OP_READ, 1, 2, 1);			/* sector */
	assert_refused(one(), -EINVAL, 2, BLKIF_OP_READ);
	e = rw(BLKIF_OP_WRITE, 1, 3, 8);
	seg_at(e, 0, 1, 1, 7);				/* offset */
	assert_refused(one(), -EINVAL, 3, BLKIF_OP_WRITE);
	e = rw(BLKIF_OP_WRITE, 1, 4, 8);
	seg_at(e, 0, 1, 0, 6);				/* length */
	assert_refused(one(), -EINVAL, 4, BLKIF_OP_WRITE);
	e = rw(BLKIF_OP_WRITE, 2, 5, 16);
	seg_at(e, 1, 1, 0, 3);				/* one of two */
	assert_refused(one(), -EINVAL, 5, BLKIF_OP_WRITE);
	discard(6, 8, 12);
	assert_refused(one(), -EINVAL, 6, BLKIF_OP_DISCARD);
	discard(7, 4, 8);
	assert_refused(one(), -EINVAL, 7, BLKIF_OP_DISCARD);
	discard(8, 8, 16);
	assert_int_equal(one(), 0);
	indirect(BLKIF_OP_READ, 3, 9, 12);
	assert_refused(one(), -EINVAL, 9, BLKIF_OP_READ);
}

static void read_only(void **state)
{
	ex.read_only = true;
	rw(BLKIF_OP_WRITE, 1, 1, 0);
	assert_refused(one(), -EROFS, 1, BLKIF_OP_WRITE);
	assert_int_equal(blkif_req_status(-EROFS), BLKIF_RSP_ERROR);
	discard(2, 0, 8);
	assert_refused(one(), -EROFS, 2, BLKIF_OP_DISCARD);
	indirect(BLKIF_OP_WRITE, 20, 3, 0);
	assert_refused(one(), -EROFS, 3, BLKIF_OP_WRITE);
	rw(BLKIF_OP_READ, 1, 4, 0);
	assert_int_equal(one(), 0);
	indirect(BLKIF_OP_READ, 20, 5, 0);
	assert_int_equal(one(), 0);
	rw(BLKIF_OP_FLUSH_DISKCACHE, 0, 6, 0);
	assert_int_equal(one(), 0);
}

static void flush(void **state)
{
	rw(BLKIF_OP_FLUSH_DISKCACHE, 0, 1, 12345);
	assert_int_equal(one(), 0);
	assert_int_equal(req.op, BLKIF_OP_FLUSH_DISKCACHE);
	assert_int_equal(req.rsp_op, BLKIF_OP_FLUSH_DISKCACHE);
	assert_true(req.id == 1);
	assert_true(req.sector == 0 && req.nr_sectors == 0);
	assert_int_equal(req.nr_segs, 0);
	rw(BLKIF_OP_FLUSH_DISKCACHE, 1, 2, 0);
	assert_refused(one(), -EINVAL, 2, BLKIF_OP_FLUSH_DISKCACHE);
	ex.flush = false;
	rw(BLKIF_OP_FLUSH_DISKCACHE, 0, 3, 0);
	assert_refused(one(), -EOPNOTSUPP, 3, BLKIF_OP_FLUSH_DISKCACHE);
}

static void discards(void **state)
{
	discard(1, 64, 1000);
	assert_int_equal(one(), 0);
	assert_int_equal(req.op, BLKIF_OP_DISCARD);
	assert_true(req.sector == 64 && req.nr_sectors == 1000);
	assert_int_equal(req.nr_segs, 0);
	discard(2, 0, ex.sectors);
	assert_int_equal(one(), 0);
	discard(3, 1, ex.sectors);
	assert_refused(one(), -EINVAL, 3, BLKIF_OP_DISCARD);
	discard(4, 0, 0);
	assert_refused(one(), -EINVAL, 4, BLKIF_OP_DISCARD);
	discard(5, 16, ~0ULL - 15);		/* sum wraps to 0 */
	assert_refused(one(), -EINVAL, 5, BLKIF_OP_DISCARD);
	discard(6, ~0ULL, 2);
	assert_refused(one(), -EINVAL, 6, BLKIF_OP_DISCARD);
	ex.discard = false;
	discard(7, 0, 8);
	assert_refused(one(), -EOPNOTSUPP, 7, BLKIF_OP_DISCARD);
}

/* ---- per ABI: indirect requests -------------------------------------- */

static u8 *ipage[8];

static void ipages_new(void)
{
	unsigned int i;

	for (i = 0; i < 8; i++) {
		free(ipage[i]);
		ipage[i] = malloc(4096);
		assert_non_null(ipage[i]);
		memset(ipage[i], 0x5a, 4096);
	}
}

static void ipages_free(void)
{
	unsigned int i;

	for (i = 0; i < 8; i++) {
		free(ipage[i]);
		ipage[i] = NULL;
	}
}

static void iseg(unsigned int i, u32 gref, u8 first, u8 last)
{
	u8 *p = ipage[i / 512] + 8 * (i % 512);

	le_put(p, gref, 4);
	p[4] = first;
	p[5] = last;
}

static int read_isegs(struct blkif_seg *segs)
{
	why = NULL;
	return blkif_req_indirect(&req, (const void *const *)ipage, &ex, segs,
				  &why);
}

static void indirect_good(void **state)
{
	static struct blkif_seg segs[600];
	unsigned int i;

	ex.max_indirect_segs = 600;
	ipages_new();
	for (i = 0; i < 600; i++)
		iseg(i, 5000 + i, 0, 7);
	iseg(513, 77, 1, 2);
	indirect(BLKIF_OP_WRITE, 600, 0xabcdef0123ULL, 1024);
	assert_int_equal(one(), 0);
	assert_true(req.id == 0xabcdef0123ULL);
	assert_int_equal(req.op, BLKIF_OP_WRITE);
	assert_int_equal(req.rsp_op, BLKIF_OP_WRITE);
	assert_int_equal(req.nr_indirect, 2);
	assert_int_equal(req.nr_segs, 600);
	assert_true(req.sector == 1024 && req.nr_sectors == 0);
	assert_int_equal(gref_x(req.indirect[0]), 900);
	assert_int_equal(gref_x(req.indirect[1]), 901);
	assert_int_equal(gref_x(req.indirect[2]), 0);

	memset(segs, 0xcc, sizeof(segs));
	assert_int_equal(read_isegs(segs), 0);
	assert_true(req.nr_sectors == 599 * 8 + 2);
	assert_int_equal(gref_x(segs[0].gref), 5000);
	assert_int_equal(gref_x(segs[599].gref), 5599);
	assert_int_equal(segs[599].len, 4096);
	assert_int_equal(gref_x(segs[513].gref), 77);
	assert_int_equal(segs[513].offset, 512);
	assert_int_equal(segs[513].len, 1024);

	/* one bad segment in the second page */
	iseg(599, 1, 3, 8);
	assert_int_equal(read_isegs(segs), -EINVAL);
	assert_non_null(why);
	assert_true(req.nr_sectors == 0);
	iseg(599, 1, 3, 2);
	assert_int_equal(read_isegs(segs), -EINVAL);
	iseg(599, 1, 0, 7);
	assert_int_equal(read_isegs(segs), 0);

	/* past the end once the segments are read */
	ex.sectors = 1024 + 599 * 8 + 2 - 1;
	assert_int_equal(read_isegs(segs), -EINVAL);
	assert_true(req.nr_sectors == 0);
	ex.sectors = 1024 + 599 * 8 + 2;
	assert_int_equal(read_isegs(segs), 0);

	/* 4 KiB blocks: the short segment is refused */
	ex.sectors = 1 << 20;
	ex.sector_size = 4096;
	assert_int_equal(read_isegs(segs), -EINVAL);

	/* not an indirect request */
	req.nr_indirect = 0;
	assert_int_equal(read_isegs(segs), -EINVAL);
	ipages_free();
}

static void indirect_refused(void **state)
{
	indirect(BLKIF_OP_READ, 0, 1, 0);
	assert_refused(one(), -EINVAL, 1, BLKIF_OP_READ);
	indirect(BLKIF_OP_READ, 257, 2, 0);		/* > offered */
	assert_refused(one(), -EINVAL, 2, BLKIF_OP_READ);
	indirect(BLKIF_OP_READ, 256, 3, 0);
	assert_int_equal(one(), 0);
	assert_int_equal(req.nr_indirect, 1);

	ex.max_indirect_segs = BLKIF_MAX_INDIRECT_SEGS;
	indirect(BLKIF_OP_READ, 4096, 4, 0);		/* 8 pages */
	assert_int_equal(one(), 0);
	assert_int_equal(req.nr_indirect, 8);
	indirect(BLKIF_OP_READ, 4097, 5, 0);		/* 9 pages */
	assert_refused(one(), -EINVAL, 5, BLKIF_OP_READ);
	indirect(BLKIF_OP_READ, 0xffff, 6, 0);
	assert_refused(one(), -EINVAL, 6, BLKIF_OP_READ);

	/* the inner op: read or write only; answered with it */
	indirect(BLKIF_OP_FLUSH_DISKCACHE, 1, 7, 0);
	assert_refused(one(), -EINVAL, 7, BLKIF_OP_FLUSH_DISKCACHE);
	indirect(BLKIF_OP_INDIRECT, 1, 8, 0);
	assert_refused(one(), -EINVAL, 8, BLKIF_OP_INDIRECT);
	indirect(BLKIF_OP_DISCARD, 1, 9, 0);
	assert_refused(one(), -EINVAL, 9, BLKIF_OP_DISCARD);
	indirect(200, 1, 10, 0);
	assert_refused(one(), -EINVAL, 10, 200);

	/* cannot fit even with one block per segment */
	indirect(BLKIF_OP_READ, 20, 11, ex.sectors - 19);
	assert_refused(one(), -EINVAL, 11, BLKIF_OP_READ);
	indirect(BLKIF_OP_READ, 20, 12, ~0ULL - 10);
	assert_refused(one(), -EINVAL, 12, BLKIF_OP_READ);
	indirect(BLKIF_OP_READ, 20, 13, ex.sectors - 20);
	assert_int_equal(one(), 0);

	ex.max_indirect_segs = 0;
	indirect(BLKIF_OP_READ, 1, 14, 0);
	assert_refused(one(), -EOPNOTSUPP, 14, BLKIF_OP_READ);
}

/* ---- per ABI: responses ---------------------------------------------- */

static void response_layout(void **state)
{
	unsigned int i;
	u8 *e;

	ring_new(4, 0xfffffffeu);
	for (i = 0; i < 4; i++) {
		rw(BLKIF_OP_READ, 1, i, 0);
		produce();
	}
	assert_int_equal(blkif_take_requests(&b, cp, 16, &why), 4);
	for (i = 0; i < 4; i++)
		memset(ent(0xfffffffeu + i), 0xaa, L->ent);
	assert_int_equal(blkif_put_response(&b, 0x8877665544332211ULL,
					    BLKIF_OP_WRITE,
					    BLKIF_RSP_EOPNOTSUPP), 0);
	assert_int_equal(blkif_put_response(&b, 2, BLKIF_OP_READ,
					    BLKIF_RSP_ERROR), 0);
	assert_int_equal(blkif_put_response(&b, 3, BLKIF_OP_DISCARD, 0), 0);
	assert_int_equal(b.rsp_prod_pvt, 1);
	assert_response(0xfffffffeu, 0x8877665544332211ULL, BLKIF_OP_WRITE,
			BLKIF_RSP_EOPNOTSUPP);
	assert_response(0xffffffffu, 2, BLKIF_OP_READ, BLKIF_RSP_ERROR);
	assert_response(0, 3, BLKIF_OP_DISCARD, BLKIF_RSP_OKAY);
	/* nothing else in the entry is written: not the pad byte, not past
	 * the response's own size (12 bytes in x86_32's 108-byte entry)
	 */
	for (i = 0; i < 3; i++) {
		size_t k;

		e = ent(0xfffffffeu + i);
		assert_int_equal(e[9], 0xaa);
		for (k = 12; k < L->ent; k++)
			assert_int_equal(e[k], 0xaa);
	}
	e = ent(1);
	for (i = 0; i < L->ent; i++)
		assert_int_equal(e[i], 0xaa);
	/* not yet published */
	assert_int_equal(sring->rsp_prod, 0xfffffffeu);
	assert_int_equal(blkif_put_response(&b, 4, 0, 0), 0);
	assert_int_equal(blkif_put_response(&b, 5, 0, 0), -EINVAL);
	assert_int_equal(b.rsp_prod_pvt, 2);
}

static void notify_rule(void **state)
{
	unsigned int i;

	for (i = 0; i < 8; i++) {
		rw(BLKIF_OP_READ, 1, i, 0);
		produce();
	}
	assert_int_equal(blkif_take_requests(&b, cp, 16, &why), 8);
	/* the frontend waits for the next response (rsp_event = 1) */
	assert_int_equal(blkif_put_response(&b, 0, 0, 0), 0);
	assert_true(blkif_push_responses(&b));
	assert_int_equal(sring->rsp_prod, 1);
	/* it has not consumed: rsp_event still 1, no new event */
	assert_int_equal(blkif_put_response(&b, 1, 0, 0), 0);
	assert_false(blkif_push_responses(&b));
	assert_int_equal(sring->rsp_prod, 2);
	/* nothing new: no event */
	assert_false(blkif_push_responses(&b));
	/* it asks for an event at the 5th: 3 and 4 do not, 5 does */
	sring->rsp_event = 5;
	assert_int_equal(blkif_put_response(&b, 2, 0, 0), 0);
	assert_false(blkif_push_responses(&b));
	assert_int_equal(blkif_put_response(&b, 3, 0, 0), 0);
	assert_int_equal(blkif_put_response(&b, 4, 0, 0), 0);
	assert_true(blkif_push_responses(&b));
	/* the frontend scribbles on rsp_prod: our own copy decides */
	sring->rsp_event = 6;
	sring->rsp_prod = 100;
	assert_int_equal(blkif_put_response(&b, 5, 0, 0), 0);
	assert_true(blkif_push_responses(&b));
	assert_int_equal(sring->rsp_prod, 6);
	sring->rsp_prod = 6;
	assert_false(blkif_push_responses(&b));
}

static void final_check(void **state)
{
	assert_false(blkif_final_check_requests(&b));
	assert_int_equal(sring->req_event, 1);
	rw(BLKIF_OP_READ, 1, 1, 0);
	produce();
	assert_true(blkif_final_check_requests(&b));
	assert_int_equal(blkif_take_requests(&b, cp, 16, &why), 1);
	assert_false(blkif_final_check_requests(&b));
	assert_int_equal(sring->req_event, 2);
}

static int group_x86_64(void **state)
{
	abi = BLKIF_ABI_X86_64;
	return 0;
}

static int group_x86_32(void **state)
{
	abi = BLKIF_ABI_X86_32;
	return 0;
}

int main(void)
{
	const struct CMUnitTest common[] = {
		cmocka_unit_test(protocol_names),
		cmocka_unit_test(ring_geometry),
		cmocka_unit_test(export_checks),
		cmocka_unit_test(bad_init),
	};
	const struct CMUnitTest per_abi[] = {
#define T(f) cmocka_unit_test_setup_teardown(f, setup, teardown)
		T(reads_and_writes),
		T(stops_at_max),
		T(req_prod_too_far),
		T(req_prod_moved_back),
		T(bad_state),
		T(wraps_at_2_32),
		T(copy_is_private),
		T(bad_ops),
		T(segment_counts),
		T(segment_bounds),
		T(range_and_overflow),
		T(aligned_4k),
		T(read_only),
		T(flush),
		T(discards),
		T(indirect_good),
		T(indirect_refused),
		T(response_layout),
		T(notify_rule),
		T(final_check),
#undef T
	};
	int fail;

	fail = cmocka_run_group_tests_name("common", common, NULL, NULL);
	fail |= cmocka_run_group_tests_name("x86_64", per_abi, group_x86_64,
					    NULL);
	fail |= cmocka_run_group_tests_name("x86_32", per_abi, group_x86_32,
					    NULL);
	return fail;
}
