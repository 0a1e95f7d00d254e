// SPDX-License-Identifier: GPL-2.0
/*
 * Fuzz blkback's request consumer (drivers/xen/blkif_req.c). Input
 * (26-byte header, then the rest):
 *
 *   [0]       bit 0 x86_32 ABI, 1 read-only, 2 flush offered, 3 discard
 *             offered, 4 logical blocks of 4096 bytes
 *   [1]       nr_ents = 1 << (b % 10)
 *   [2..4)    max indirect segments offered: u16 % 4097
 *   [4..12)   export size in 512-byte sectors (u64; made valid: below
 *             2^55, whole logical blocks)
 *   [12..16)  rsp_prod_pvt (u32), where both indices start
 *   [16]      requests taken and not yet answered: b % (nr_ents + 1)
 *   [17..21)  req_prod: rsp_prod_pvt + u32 % (nr_ents + 2), or when [21]
 *             bit 0 is set, the u32 as is
 *   [21]      bit 0: see above; bits 1..7: rsp_event = rsp_prod_pvt +
 *             (b >> 1)
 *   [22]      max requests per call
 *   [23..25)  n: how many of the following bytes fill the ring
 *   [25]      unused
 *   then n bytes laid into the ring entries from req_cons's entry on
 *   (wrapping), then the rest repeated over the 8 indirect pages.
 *
 * The ring is a heap object of exactly blkif_ring_bytes() (computed
 * here), each indirect page one of 4096 bytes and out[] one of max
 * copies, so ASan sees any access outside them. Checked: the count and
 * the indices against an independent reading of the rules; every copy
 * equals its ring entry; every request is accepted exactly when an
 * independent decoder (byte offsets, not the structs) finds no rule
 * broken, a refusal names one of the broken rules' errors, and every
 * accepted request's description satisfies all the rules; the same for
 * indirect segments; responses land in their entry, in the ABI's layout,
 * touching nothing else; the notify rule.
 */
#include <tern/xen/blkif_req.h>

#include "fuzz.h"

#define HDR	26

struct layout {
	size_t ent, id, sector, seg, nr_sectors, igrefs;
};

static const struct layout lay64 = { 112, 8, 16, 24, 24, 28 };
static const struct layout lay32 = { 108, 4, 12, 20, 20, 24 };

/* the rules, as error bits: a refusal's errno must be among those set */
#define B_INVAL		1
#define B_NOTSUPP	2
#define B_ROFS		4

static unsigned int err_bit(int err)
{
	switch (err) {
	case -EINVAL:
		return B_INVAL;
	case -EOPNOTSUPP:
		return B_NOTSUPP;
	case -EROFS:
		return B_ROFS;
	}
	FUZZ_CHECK(0);
	return 0;
}

static bool inside(const struct blkif_export *ex, u64 s, u64 n)
{
	/* the sum, refused when it wraps (the code under test subtracts) */
	return s + n >= s && s + n <= ex->sectors;
}

/* a segment's rule; adds its sectors to *total */
static bool seg_ok(const u8 *p, const struct blkif_export *ex, u64 *total)
{
	unsigned int lbs = ex->sector_size / 512;
	u8 first = p[4], last = p[5];

	if (last > 7 || first > last || first % lbs || (last + 1) % lbs)
		return false;
	*total += last - first + 1;
	return true;
}

static void check_seg_out(const u8 *p, const struct blkif_seg *s)
{
	FUZZ_CHECK(gref_x(s->gref) == fuzz_le(p, 4));
	FUZZ_CHECK(s->offset == p[4] * 512);
	FUZZ_CHECK(s->len == (p[5] - p[4] + 1) * 512);
	FUZZ_CHECK(s->len >= 512 && s->offset + s->len <= 4096);
}

/* What the rules say of one copied request: the error bits. */
static unsigned int model(const u8 *e, const struct layout *l,
			  const struct blkif_export *ex, u64 *total,
			  u8 *rsp_op)
{
	unsigned int lbs = ex->sector_size / 512, bits = 0, i, n;
	u64 sector = fuzz_le(e + l->sector, 8), nr;
	u8 op = e[0];

	*total = 0;
	*rsp_op = op == BLKIF_OP_INDIRECT ? e[1] : op;
	switch (op) {
	case BLKIF_OP_READ:
	case BLKIF_OP_WRITE:
		if (op == BLKIF_OP_WRITE && ex->read_only)
			bits |= B_ROFS;
		n = e[1];
		if (n < 1 || n > 11) {
			bits |= B_INVAL;
			n = n > 11 ? 11 : n;
		}
		if (sector % lbs)
			bits |= B_INVAL;
		for (i = 0; i < n; i++)
			if (!seg_ok(e + l->seg + 8 * i, ex, total))
				bits |= B_INVAL;
		if (!inside(ex, sector, *total))
			bits |= B_INVAL;
		return bits;
	case BLKIF_OP_FLUSH_DISKCACHE:
		if (!ex->flush)
			bits |= B_NOTSUPP;
		if (e[1])
			bits |= B_INVAL;
		return bits;
	case BLKIF_OP_DISCARD:
		nr = fuzz_le(e + l->nr_sectors, 8);
		if (!ex->discard)
			bits |= B_NOTSUPP;
		if (ex->read_only)
			bits |= B_ROFS;
		if (!nr || sector % lbs || nr % lbs || !inside(ex, sector, nr))
			bits |= B_INVAL;
		*total = nr;
		return bits;
	case BLKIF_OP_INDIRECT:
		n = fuzz_le(e + 2, 2);
		if (!ex->max_indirect_segs)
			bits |= B_NOTSUPP;
		if (e[1] != BLKIF_OP_READ && e[1] != BLKIF_OP_WRITE)
			bits |= B_INVAL;
		if (e[1] == BLKIF_OP_WRITE && ex->read_only)
			bits |= B_ROFS;
		if (n < 1 || n > ex->max_indirect_segs || (n + 511) / 512 > 8)
			bits |= B_INVAL;
		if (sector % lbs || !inside(ex, sector, (u64)n * lbs))
			bits |= B_INVAL;
		return bits;
	default:
		return B_NOTSUPP;
	}
}

/* An accepted indirect request: its segments from the pages. */
static void fuzz_indirect(struct blkif_req *req, u8 *const *pages,
			  const struct blkif_export *ex)
{
	struct blkif_seg *segs = malloc(req->nr_segs * sizeof(*segs));
	bool ok = true;
	u64 total = 0;
	const char *why = NULL;
	unsigned int i;
	int ret;

	FUZZ_CHECK(segs);
	for (i = 0; i < req->nr_segs; i++)
		if (!seg_ok(pages[i / 512] + 8 * (i % 512), ex, &total))
			ok = false;
	ok = ok && inside(ex, req->sector, total);
	ret = blkif_req_indirect(req, (const void *const *)pages, ex, segs,
				 &why);
	FUZZ_CHECK(ok ? ret == 0 : ret == -EINVAL);
	FUZZ_CHECK((ret < 0) == (why != NULL));
	if (ok) {
		FUZZ_CHECK(req->nr_sectors == total);
		for (i = 0; i < req->nr_segs; i++)
			check_seg_out(pages[i / 512] + 8 * (i % 512),
				      &segs[i]);
	} else {
		FUZZ_CHECK(req->nr_sectors == 0);
	}
	free(segs);
}

static void fuzz_request(const union blkif_req_copy *c, enum blkif_abi abi,
			 const struct layout *l,
			 const struct blkif_export *ex, u8 *const *pages,
			 struct blkif_req *req)
{
	const u8 *e = (const u8 *)c->w;
	unsigned int lbs = ex->sector_size / 512, bits, i;
	const char *why = NULL;
	u64 total;
	u8 rsp_op;
	int ret;

	bits = model(e, l, ex, &total, &rsp_op);
	ret = blkif_req_check(c, abi, ex, req, &why);
	FUZZ_CHECK(req->id == fuzz_le(e + l->id, 8));
	FUZZ_CHECK(req->rsp_op == rsp_op);
	FUZZ_CHECK((ret < 0) == (why != NULL));
	if (bits) {
		FUZZ_CHECK(ret < 0 && (err_bit(ret) & bits));
		return;
	}
	FUZZ_CHECK(ret == 0);

	/* every accepted request satisfies every rule */
	FUZZ_CHECK(req->sector % lbs == 0 && req->nr_sectors % lbs == 0);
	FUZZ_CHECK(inside(ex, req->sector, req->nr_sectors));
	switch (e[0]) {
	case BLKIF_OP_READ:
	case BLKIF_OP_WRITE:
		FUZZ_CHECK(req->op == e[0] && !req->nr_indirect);
		FUZZ_CHECK(!(req->op == BLKIF_OP_WRITE && ex->read_only));
		FUZZ_CHECK(req->nr_segs >= 1 && req->nr_segs <= 11);
		FUZZ_CHECK(req->nr_segs == e[1]);
		FUZZ_CHECK(req->sector == fuzz_le(e + l->sector, 8));
		FUZZ_CHECK(req->nr_sectors == total && total);
		for (i = 0; i < req->nr_segs; i++)
			check_seg_out(e + l->seg + 8 * i, &req->seg[i]);
		break;
	case BLKIF_OP_FLUSH_DISKCACHE:
		FUZZ_CHECK(ex->flush && req->op == e[0]);
		FUZZ_CHECK(!req->nr_segs && !req->nr_indirect);
		FUZZ_CHECK(!req->sector && !req->nr_sectors);
		break;
	case BLKIF_OP_DISCARD:
		FUZZ_CHECK(ex->discard && !ex->read_only && req->op == e[0]);
		FUZZ_CHECK(!req->nr_segs && !req->nr_indirect);
		FUZZ_CHECK(req->sector == fuzz_le(e + l->sector, 8));
		FUZZ_CHECK(req->nr_sectors == total && total);
		break;
	case BLKIF_OP_INDIRECT:
		FUZZ_CHECK(ex->max_indirect_segs);
		FUZZ_CHECK(req->op == BLKIF_OP_READ ||
			   (req->op == BLKIF_OP_WRITE && !ex->read_only));
		FUZZ_CHECK(req->op == e[1] && req->rsp_op == e[1]);
		FUZZ_CHECK(req->nr_segs >= 1 &&
			   req->nr_segs <= ex->max_indirect_segs);
		FUZZ_CHECK(req->nr_segs == fuzz_le(e + 2, 2));
		FUZZ_CHECK(req->nr_indirect == (req->nr_segs + 511) / 512);
		FUZZ_CHECK(req->nr_indirect <= 8);
		FUZZ_CHECK(req->sector == fuzz_le(e + l->sector, 8));
		FUZZ_CHECK(req->nr_sectors == 0);
		for (i = 0; i < req->nr_indirect; i++)
			FUZZ_CHECK(gref_x(req->indirect[i]) ==
				   fuzz_le(e + l->igrefs + 4 * i, 4));
		fuzz_indirect(req, pages, ex);
		break;
	default:
		FUZZ_CHECK(0);
	}
}

int LLVMFuzzerTestOneInput(const u8 *data, size_t size)
{
	struct blkif_export ex = { 0 };
	const struct layout *l;
	enum blkif_abi abi;
	unsigned int nr_ents, max, out_n, i, lbs;
	u32 rsp0, cons0, rp, event, old_rsp;
	struct blkif_sring *sring;
	union blkif_req_copy *out;
	struct blkif_back b;
	struct blkif_req req;
	u8 *pages[8], *before;
	size_t ringsz, n, k, m;
	const char *why = NULL;
	bool valid, notify;
	int ret, want;

	if (size < HDR)
		return 0;
	abi = data[0] & 1 ? BLKIF_ABI_X86_32 : BLKIF_ABI_X86_64;
	l = abi == BLKIF_ABI_X86_32 ? &lay32 : &lay64;
	ex.read_only = data[0] & 2;
	ex.flush = data[0] & 4;
	ex.discard = data[0] & 8;
	ex.sector_size = data[0] & 16 ? 4096 : 512;
	lbs = ex.sector_size / 512;
	nr_ents = 1u << (data[1] % 10);
	ex.max_indirect_segs = fuzz_le(data + 2, 2) %
			       (BLKIF_MAX_INDIRECT_SEGS + 1);
	ex.sectors = fuzz_le(data + 4, 8) & ((1ULL << 55) - 1);
	ex.sectors -= ex.sectors % lbs;
	FUZZ_CHECK(blkif_export_check(&ex, NULL) == 0);
	rsp0 = fuzz_le(data + 12, 4);
	cons0 = rsp0 + data[16] % (nr_ents + 1);
	rp = fuzz_le(data + 17, 4);
	if (!(data[21] & 1))
		rp = rsp0 + rp % (nr_ents + 2);
	event = rsp0 + (data[21] >> 1);
	max = data[22];
	n = fuzz_le(data + 23, 2);
	data += HDR;
	size -= HDR;

	ringsz = 64 + (size_t)nr_ents * l->ent;
	FUZZ_CHECK(blkif_ring_bytes(nr_ents, abi) == ringsz);
	sring = calloc(1, ringsz);
	before = malloc(ringsz);
	out_n = max ? max : 1;
	out = malloc(out_n * sizeof(*out));
	FUZZ_CHECK(sring && before && out);
	/* the entries, from req_cons's on */
	n = n < size ? n : size;
	n = n < nr_ents * l->ent ? n : nr_ents * l->ent;
	for (k = 0; k < n; k++) {
		size_t at = ((cons0 & (nr_ents - 1)) * l->ent + k) %
			    (nr_ents * l->ent);

		((u8 *)sring)[64 + at] = data[k];
	}
	data += n;
	size -= n;
	for (i = 0; i < 8; i++) {
		pages[i] = calloc(1, 4096);
		FUZZ_CHECK(pages[i]);
		if (!size)
			continue;
		for (k = 0; k < 4096; k += m) {
			m = min(4096 - k, size - (i * 4096 + k) % size);
			memcpy(pages[i] + k, data + (i * 4096 + k) % size, m);
		}
	}
	sring->req_prod = rp;
	sring->rsp_prod = rsp0;
	sring->rsp_event = event;

	FUZZ_CHECK(blkif_back_init(&b, sring, nr_ents, abi, rsp0, NULL) == 0);
	b.req_cons = cons0;
	memcpy(before, sring, ringsz);

	ret = blkif_take_requests(&b, out, max, &why);
	valid = rp - rsp0 <= nr_ents && rp - rsp0 >= cons0 - rsp0;
	want = valid ? (int)min(rp - cons0, max) : -EPROTO;
	FUZZ_CHECK(ret == want);
	FUZZ_CHECK((ret < 0) == (why != NULL));
	FUZZ_CHECK(b.req_cons == cons0 + (ret > 0 ? ret : 0));
	FUZZ_CHECK(b.rsp_prod_pvt == rsp0);
	FUZZ_CHECK(!memcmp(before, sring, ringsz));	/* taking writes nothing */
	/* bounded: never more than max, nor than the ring holds */
	FUZZ_CHECK(ret <= (int)max && ret <= (int)nr_ents);
	FUZZ_CHECK(b.req_cons - rsp0 <= nr_ents);

	for (i = 0; ret > 0 && i < (unsigned int)ret; i++) {
		const u8 *src = (u8 *)sring + 64 +
				((cons0 + i) & (nr_ents - 1)) * l->ent;
		const u8 *cp = (const u8 *)out[i].w;

		FUZZ_CHECK(!memcmp(cp, src, l->ent));
		for (k = l->ent; k < sizeof(out[i]); k++)
			FUZZ_CHECK(cp[k] == 0);
		fuzz_request(&out[i], abi, l, &ex, pages, &req);
	}

	/*
	 * Answer everything taken, oldest first; then one too many. before[]
	 * gets what each response must write (id, op, status; not the pad
	 * byte at 9), so the ring must equal it after.
	 */
	old_rsp = rsp0;
	memcpy(before, sring, ringsz);
	while (b.rsp_prod_pvt != b.req_cons) {
		u32 at = b.rsp_prod_pvt;
		u8 *e = before + 64 + (at & (nr_ents - 1)) * l->ent;
		u64 id = (u64)at * 0x9e3779b97f4a7c15ULL;
		s16 st = -(s16)(at % 3);

		FUZZ_CHECK(!blkif_put_response(&b, id, at & 0xff, st));
		FUZZ_CHECK(b.rsp_prod_pvt == at + 1);
		for (k = 0; k < 8; k++)
			e[k] = id >> (8 * k);
		e[8] = at & 0xff;
		e[10] = (u16)st & 0xff;
		e[11] = (u16)st >> 8;
	}
	FUZZ_CHECK(!memcmp(before, sring, ringsz));
	FUZZ_CHECK(blkif_put_response(&b, 0, 0, 0) == -EINVAL);
	notify = blkif_push_responses(&b);
	FUZZ_CHECK(sring->rsp_prod == b.rsp_prod_pvt);
	FUZZ_CHECK(notify == ((u32)(b.rsp_prod_pvt - event) <
			      (u32)(b.rsp_prod_pvt - old_rsp)));
	FUZZ_CHECK(!blkif_push_responses(&b));

	for (i = 0; i < 8; i++)
		free(pages[i]);
	free(sring);
	free(before);
	free(out);
	return 0;
}
