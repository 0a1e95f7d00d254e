// SPDX-License-Identifier: GPL-2.0
/*
 * blkback's request consumer (include/tern/xen/blkif_req.h). Pure code:
 * the host tests and the fuzzer run it unchanged.
 *
 * The frontend writes req_prod, the request entries and the indirect
 * pages whenever it likes, so:
 *  - req_prod is read once, then a read barrier orders it before the
 *    entries; it must lie within [req_cons, rsp_prod_pvt + nr_ents]
 *    (mod 2^32), else nothing is taken (-EPROTO);
 *  - an entry is copied word by word (READ_ONCE, each word once) into
 *    private memory before anything in it is looked at; an indirect
 *    segment is read field by field, once each, into a local;
 *  - the entry index is (req_cons & (nr_ents - 1)) with nr_ents a power
 *    of two, so no access leaves the ring's blkif_ring_bytes();
 *  - the loop is bounded by max and by nr_ents;
 *  - id is never used but to be echoed.
 * Sectors are 512-byte units whatever the logical block size; I/O must
 * be aligned to the latter. Sums are checked before they can overflow.
 */
#include <tern/string.h>
#include <tern/xen/blkif_req.h>
#include <tern/xen/ring_back.h>
#include <asm/bitops.h>
#include <xen/io/protocols.h>

#define SECT_SHIFT		9
#define SECTS_PER_PAGE		(4096 >> SECT_SHIFT)

/* x86_64: the public header's own layout, as this backend compiles it */
BUILD_BUG_ON(sizeof(struct blkif_request) != BLKIF_REQ_SIZE_X86_64);
BUILD_BUG_ON(offsetof(struct blkif_request, nr_segments) != 1);
BUILD_BUG_ON(offsetof(struct blkif_request, handle) != 2);
BUILD_BUG_ON(offsetof(struct blkif_request, id) != 8);
BUILD_BUG_ON(offsetof(struct blkif_request, sector_number) != 16);
BUILD_BUG_ON(offsetof(struct blkif_request, seg) != 24);
BUILD_BUG_ON(sizeof(struct blkif_request_segment) != 8);
BUILD_BUG_ON(offsetof(struct blkif_request_segment, first_sect) != 4);
BUILD_BUG_ON(offsetof(struct blkif_request_segment, last_sect) != 5);
BUILD_BUG_ON(sizeof(struct blkif_request_discard) != 32);
BUILD_BUG_ON(offsetof(struct blkif_request_discard, flag) != 1);
BUILD_BUG_ON(offsetof(struct blkif_request_discard, id) != 8);
BUILD_BUG_ON(offsetof(struct blkif_request_discard, sector_number) != 16);
BUILD_BUG_ON(offsetof(struct blkif_request_discard, nr_sectors) != 24);
BUILD_BUG_ON(sizeof(struct blkif_request_indirect) != 64);
BUILD_BUG_ON(offsetof(struct blkif_request_indirect, indirect_op) != 1);
BUILD_BUG_ON(offsetof(struct blkif_request_indirect, nr_segments) != 2);
BUILD_BUG_ON(offsetof(struct blkif_request_indirect, id) != 8);
BUILD_BUG_ON(offsetof(struct blkif_request_indirect, sector_number) != 16);
BUILD_BUG_ON(offsetof(struct blkif_request_indirect, handle) != 24);
BUILD_BUG_ON(offsetof(struct blkif_request_indirect, indirect_grefs) != 28);
BUILD_BUG_ON(sizeof(struct blkif_response) != 16);
BUILD_BUG_ON(offsetof(struct blkif_response, operation) != 8);
BUILD_BUG_ON(offsetof(struct blkif_response, status) != 10);
BUILD_BUG_ON(sizeof(union blkif_sring_entry) != BLKIF_REQ_SIZE_X86_64);
BUILD_BUG_ON(offsetof(struct blkif_sring, ring) != BLKIF_SRING_HDR);

/* x86_32: the same declarations with i386's 4-byte u64 alignment */
BUILD_BUG_ON(_Alignof(blkif_u64_x86_32) != 4);
BUILD_BUG_ON(sizeof(struct blkif_x86_32_request) != BLKIF_REQ_SIZE_X86_32);
BUILD_BUG_ON(_Alignof(struct blkif_x86_32_request) != 4);
BUILD_BUG_ON(offsetof(struct blkif_x86_32_request, nr_segments) != 1);
BUILD_BUG_ON(offsetof(struct blkif_x86_32_request, handle) != 2);
BUILD_BUG_ON(offsetof(struct blkif_x86_32_request, id) != 4);
BUILD_BUG_ON(offsetof(struct blkif_x86_32_request, sector_number) != 12);
BUILD_BUG_ON(offsetof(struct blkif_x86_32_request, seg) != 20);
BUILD_BUG_ON(sizeof(struct blkif_x86_32_request_discard) != 28);
BUILD_BUG_ON(offsetof(struct blkif_x86_32_request_discard, flag) != 1);
BUILD_BUG_ON(offsetof(struct blkif_x86_32_request_discard, id) != 4);
BUILD_BUG_ON(offsetof(struct blkif_x86_32_request_discard,
		      sector_number) != 12);
BUILD_BUG_ON(offsetof(struct blkif_x86_32_request_discard, nr_sectors) != 20);
BUILD_BUG_ON(sizeof(struct blkif_x86_32_request_indirect) != 64);
BUILD_BUG_ON(offsetof(struct blkif_x86_32_request_indirect,
		      indirect_op) != 1);
BUILD_BUG_ON(offsetof(struct blkif_x86_32_request_indirect,
		      nr_segments) != 2);
BUILD_BUG_ON(offsetof(struct blkif_x86_32_request_indirect, id) != 4);
BUILD_BUG_ON(offsetof(struct blkif_x86_32_request_indirect,
		      sector_number) != 12);
BUILD_BUG_ON(offsetof(struct blkif_x86_32_request_indirect, handle) != 20);
BUILD_BUG_ON(offsetof(struct blkif_x86_32_request_indirect,
		      indirect_grefs) != 24);
BUILD_BUG_ON(sizeof(struct blkif_x86_32_response) != 12);
BUILD_BUG_ON(offsetof(struct blkif_x86_32_response, operation) != 8);
BUILD_BUG_ON(offsetof(struct blkif_x86_32_response, status) != 10);

/* the copy: whole words, and every entry of either ABI word aligned */
BUILD_BUG_ON(sizeof(union blkif_req_copy) != BLKIF_REQ_SIZE_X86_64);
BUILD_BUG_ON(BLKIF_REQ_SIZE_X86_32 % 4 || BLKIF_SRING_HDR % 8);
BUILD_BUG_ON(BLKIF_SEGS_PER_INDIRECT_PAGE !=
	     4096 / sizeof(struct blkif_request_segment));
/* a segment length fits struct blkif_seg's u16 */
BUILD_BUG_ON(SECTS_PER_PAGE << SECT_SHIFT > 0xffff);

static unsigned int entry_size(enum blkif_abi abi)
{
	return abi == BLKIF_ABI_X86_32 ? BLKIF_REQ_SIZE_X86_32 :
					 BLKIF_REQ_SIZE_X86_64;
}

static void *entry(const struct blkif_back *b, u32 idx)
{
	return (u8 *)b->sring + BLKIF_SRING_HDR +
	       (size_t)(idx & (b->nr_ents - 1)) * entry_size(b->abi);
}

static bool is_pow2(unsigned int n)
{
	return n && !(n & (n - 1));
}

static int fail(const char **why, const char *reason, int err)
{
	if (why)
		*why = reason;
	return err;
}

int blkif_parse_protocol(const char *proto, enum blkif_abi *abi,
			 const char **why)
{
	if (!proto || !strcmp(proto, XEN_IO_PROTO_ABI_X86_64)) {
		*abi = BLKIF_ABI_X86_64;
		return 0;
	}
	if (!strcmp(proto, XEN_IO_PROTO_ABI_X86_32)) {
		*abi = BLKIF_ABI_X86_32;
		return 0;
	}
	return fail(why, "unknown protocol (ABI)", -EINVAL);
}

unsigned int blkif_ring_ents(unsigned int order, enum blkif_abi abi)
{
	unsigned int n;

	if (order > BLKIF_BACK_MAX_ORDER)
		return 0;
	n = ((4096u << order) - BLKIF_SRING_HDR) / entry_size(abi);
	/* round down to a power of two, as __RD32 does */
	while (n & (n - 1))
		n &= n - 1;
	return n;
}

size_t blkif_ring_bytes(unsigned int nr_ents, enum blkif_abi abi)
{
	return BLKIF_SRING_HDR + (size_t)nr_ents * entry_size(abi);
}

int blkif_back_init(struct blkif_back *b, struct blkif_sring *sring,
		    unsigned int nr_ents, enum blkif_abi abi, u32 idx,
		    const char **why)
{
	if (!is_pow2(nr_ents) || nr_ents > BLKIF_BACK_MAX_ENTS)
		return fail(why, "bad ring size", -EINVAL);
	if (abi != BLKIF_ABI_X86_64 && abi != BLKIF_ABI_X86_32)
		return fail(why, "bad ABI", -EINVAL);
	b->sring = sring;
	b->nr_ents = nr_ents;
	b->abi = abi;
	b->req_cons = b->rsp_prod_pvt = b->rsp_pushed = idx;
	return 0;
}

int blkif_export_check(const struct blkif_export *ex, const char **why)
{
	if (ex->sector_size != 512 && ex->sector_size != 4096)
		return fail(why, "sector size not 512 or 4096", -EINVAL);
	if (ex->sectors & ((ex->sector_size >> SECT_SHIFT) - 1))
		return fail(why, "size not whole logical blocks", -EINVAL);
	if (ex->sectors >> (64 - SECT_SHIFT))
		return fail(why, "size beyond 2^64 bytes", -EINVAL);
	if (ex->max_indirect_segs > BLKIF_MAX_INDIRECT_SEGS)
		return fail(why, "more indirect segments than 8 pages hold",
			    -EINVAL);
	return 0;
}

int blkif_take_requests(struct blkif_back *b, union blkif_req_copy *out,
			unsigned int max, const char **why)
{
	unsigned int words = entry_size(b->abi) / 4, n, i, k;
	u32 rp;

	const char *bad;

	if (!ring_back_state_ok(b->nr_ents, BLKIF_BACK_MAX_ENTS, b->req_cons,
				b->rsp_prod_pvt))
		return fail(why, "bad ring state", -EINVAL);

	rp = READ_ONCE(b->sring->req_prod);
	/* the producer index before the entries it covers */
	rmb();
	bad = ring_back_req_prod_bad(rp, b->req_cons, b->rsp_prod_pvt,
				     b->nr_ents);
	if (bad)
		return fail(why, bad, -EPROTO);

	n = min(rp - b->req_cons, max);
	for (i = 0; i < n; i++) {
		const u32 *src = entry(b, b->req_cons);

		for (k = 0; k < words; k++)
			out[i].w[k] = READ_ONCE(src[k]);
		for (; k < ARRAY_SIZE(out[i].w); k++)
			out[i].w[k] = 0;
		b->req_cons++;
	}
	return n;
}

bool blkif_final_check_requests(struct blkif_back *b)
{
	return ring_back_final_check(&b->sring->req_prod,
				     &b->sring->req_event, b->req_cons, 1);
}

/* The fields of a request, whichever ABI it came in. */
struct fields {
	u8 op;
	u8 nr_segs;		/* READ, WRITE, WRITE_BARRIER, FLUSH */
	u8 inner_op;		/* INDIRECT */
	u16 nr_isegs;		/* INDIRECT */
	u64 id;
	u64 sector;
	u64 nr_sectors;		/* DISCARD */
	const struct blkif_request_segment *seg;
	const grant_ref_t *igref;
};

static void decode(const union blkif_req_copy *c, enum blkif_abi abi,
		   struct fields *f)
{
	if (abi == BLKIF_ABI_X86_32) {
		f->op = c->x32.operation;
		f->nr_segs = c->x32.nr_segments;
		f->id = c->x32.id;
		f->sector = c->x32.sector_number;
		f->seg = c->x32.seg;
		f->nr_sectors = c->x32_discard.nr_sectors;
		f->inner_op = c->x32_indirect.indirect_op;
		f->nr_isegs = c->x32_indirect.nr_segments;
		f->igref = c->x32_indirect.indirect_grefs;
	} else {
		f->op = c->x64.operation;
		f->nr_segs = c->x64.nr_segments;
		f->id = c->x64.id;
		f->sector = c->x64.sector_number;
		f->seg = c->x64.seg;
		f->nr_sectors = c->x64_discard.nr_sectors;
		f->inner_op = c->x64_indirect.indirect_op;
		f->nr_isegs = c->x64_indirect.nr_segments;
		f->igref = c->x64_indirect.indirect_grefs;
	}
}

/* 512-byte sectors per logical block, minus one: an alignment mask */
static u64 lb_mask(const struct blkif_export *ex)
{
	return (ex->sector_size >> SECT_SHIFT) - 1;
}

static bool inside(const struct blkif_export *ex, u64 sector, u64 n)
{
	return n <= ex->sectors && sector <= ex->sectors - n;
}

/* One segment, already copied: the page's sectors and the alignment. */
static const char *check_seg(u32 gref, u8 first, u8 last,
			     const struct blkif_export *ex,
			     struct blkif_seg *s)
{
	if (last >= SECTS_PER_PAGE)
		return "segment past its page (last_sect > 7)";
	if (first > last)
		return "segment first_sect > last_sect";
	if ((first & lb_mask(ex)) || ((last + 1) & lb_mask(ex)))
		return "segment not aligned to the logical block";
	s->gref = _gref(gref);
	s->offset = first << SECT_SHIFT;
	s->len = (last - first + 1) << SECT_SHIFT;
	return NULL;
}

static int check_rw(const struct fields *f, const struct blkif_export *ex,
		    struct blkif_req *req, const char **why)
{
	const char *bad;
	u64 total = 0;
	unsigned int i;

	if (f->op == BLKIF_OP_WRITE && ex->read_only)
		return fail(why, "write to a read-only disk", -EROFS);
	if (!f->nr_segs || f->nr_segs > BLKIF_MAX_SEGMENTS_PER_REQUEST)
		return fail(why, "segment count not 1..11", -EINVAL);
	if (f->sector & lb_mask(ex))
		return fail(why, "sector not aligned to the logical block",
			    -EINVAL);
	for (i = 0; i < f->nr_segs; i++) {
		const struct blkif_request_segment *s = &f->seg[i];

		bad = check_seg(s->gref, s->first_sect, s->last_sect, ex,
				&req->seg[i]);
		if (bad)
			return fail(why, bad, -EINVAL);
		total += req->seg[i].len >> SECT_SHIFT;
	}
	if (!inside(ex, f->sector, total))
		return fail(why, "sectors past the end of the disk", -EINVAL);
	req->nr_segs = f->nr_segs;
	req->sector = f->sector;
	req->nr_sectors = total;
	return 0;
}

static int check_discard(const struct fields *f,
			 const struct blkif_export *ex, struct blkif_req *req,
			 const char **why)
{
	if (!ex->discard)
		return fail(why, "discard not offered", -EOPNOTSUPP);
	if (ex->read_only)
		return fail(why, "discard on a read-only disk", -EROFS);
	if (!f->nr_sectors)
		return fail(why, "discard of 0 sectors", -EINVAL);
	if ((f->sector | f->nr_sectors) & lb_mask(ex))
		return fail(why, "discard not aligned to the logical block",
			    -EINVAL);
	if (!inside(ex, f->sector, f->nr_sectors))
		return fail(why, "discard past the end of the disk", -EINVAL);
	/* flag (BLKIF_DISCARD_SECURE) is ignored: discard-secure not offered */
	req->sector = f->sector;
	req->nr_sectors = f->nr_sectors;
	return 0;
}

static int check_indirect(const struct fields *f,
			  const struct blkif_export *ex, struct blkif_req *req,
			  const char **why)
{
	unsigned int pages, i;

	if (!ex->max_indirect_segs)
		return fail(why, "indirect requests not offered", -EOPNOTSUPP);
	if (f->inner_op != BLKIF_OP_READ && f->inner_op != BLKIF_OP_WRITE)
		return fail(why, "indirect operation not read or write",
			    -EINVAL);
	if (f->inner_op == BLKIF_OP_WRITE && ex->read_only)
		return fail(why, "write to a read-only disk", -EROFS);
	if (!f->nr_isegs || f->nr_isegs > ex->max_indirect_segs)
		return fail(why, "indirect segment count not 1..offered",
			    -EINVAL);
	pages = DIV_ROUND_UP(f->nr_isegs, BLKIF_SEGS_PER_INDIRECT_PAGE);
	if (pages > BLKIF_MAX_INDIRECT_PAGES_PER_REQUEST)
		return fail(why, "more than 8 indirect pages", -EINVAL);
	if (f->sector & lb_mask(ex))
		return fail(why, "sector not aligned to the logical block",
			    -EINVAL);
	/* each segment holds at least one logical block */
	if (!inside(ex, f->sector, (u64)f->nr_isegs * (lb_mask(ex) + 1)))
		return fail(why, "sectors past the end of the disk", -EINVAL);
	for (i = 0; i < pages; i++)
		req->indirect[i] = _gref(f->igref[i]);
	req->op = f->inner_op;
	req->nr_indirect = pages;
	req->nr_segs = f->nr_isegs;
	req->sector = f->sector;
	return 0;
}

int blkif_req_check(const union blkif_req_copy *c, enum blkif_abi abi,
		    const struct blkif_export *ex, struct blkif_req *req,
		    const char **why)
{
	struct fields f;

	decode(c, abi, &f);
	memset(req, 0, sizeof(*req));
	req->id = f.id;
	req->op = f.op;
	req->rsp_op = f.op == BLKIF_OP_INDIRECT ? f.inner_op : f.op;

	switch (f.op) {
	case BLKIF_OP_READ:
	case BLKIF_OP_WRITE:
		return check_rw(&f, ex, req, why);
	case BLKIF_OP_FLUSH_DISKCACHE:
		if (!ex->flush)
			return fail(why, "flush not offered", -EOPNOTSUPP);
		/* no data: with neither barrier nor FUA offered, none comes */
		if (f.nr_segs)
			return fail(why, "flush with data segments", -EINVAL);
		return 0;
	case BLKIF_OP_DISCARD:
		return check_discard(&f, ex, req, why);
	case BLKIF_OP_INDIRECT:
		return check_indirect(&f, ex, req, why);
	case BLKIF_OP_WRITE_BARRIER:
		return fail(why, "write barrier not offered", -EOPNOTSUPP);
	default:
		return fail(why, "unknown operation", -EOPNOTSUPP);
	}
}

int blkif_req_indirect(struct blkif_req *req, const void *const *pages,
		       const struct blkif_export *ex, struct blkif_seg *segs,
		       const char **why)
{
	const char *bad;
	u64 total = 0;
	unsigned int i;

	if (!req->nr_indirect ||
	    req->nr_indirect > BLKIF_MAX_INDIRECT_PAGES_PER_REQUEST ||
	    !req->nr_segs || req->nr_segs >
	    req->nr_indirect * BLKIF_SEGS_PER_INDIRECT_PAGE)
		return fail(why, "not a checked indirect request", -EINVAL);
	req->nr_sectors = 0;
	for (i = 0; i < req->nr_segs; i++) {
		const struct blkif_request_segment *e =
			(const struct blkif_request_segment *)
			pages[i / BLKIF_SEGS_PER_INDIRECT_PAGE] +
			i % BLKIF_SEGS_PER_INDIRECT_PAGE;
		u32 gref = READ_ONCE(e->gref);
		u8 first = READ_ONCE(e->first_sect);
		u8 last = READ_ONCE(e->last_sect);

		bad = check_seg(gref, first, last, ex, &segs[i]);
		if (bad)
			return fail(why, bad, -EINVAL);
		total += segs[i].len >> SECT_SHIFT;
	}
	if (!inside(ex, req->sector, total))
		return fail(why, "sectors past the end of the disk", -EINVAL);
	req->nr_sectors = total;
	return 0;
}

s16 blkif_req_status(int err)
{
	if (!err)
		return BLKIF_RSP_OKAY;
	return err == -EOPNOTSUPP ? BLKIF_RSP_EOPNOTSUPP : BLKIF_RSP_ERROR;
}

int blkif_put_response(struct blkif_back *b, u64 id, u8 op, s16 status)
{
	void *e;

	if (b->rsp_prod_pvt == b->req_cons)
		return -EINVAL;
	e = entry(b, b->rsp_prod_pvt);
	if (b->abi == BLKIF_ABI_X86_32) {
		struct blkif_x86_32_response *r = e;

		WRITE_ONCE(r->id, id);
		WRITE_ONCE(r->operation, op);
		WRITE_ONCE(r->status, status);
	} else {
		struct blkif_response *r = e;

		WRITE_ONCE(r->id, id);
		WRITE_ONCE(r->operation, op);
		WRITE_ONCE(r->status, status);
	}
	b->rsp_prod_pvt++;
	return 0;
}

bool blkif_push_responses(struct blkif_back *b)
{
	return ring_back_push(&b->sring->rsp_prod, &b->sring->rsp_event,
			      &b->rsp_pushed, b->rsp_prod_pvt);
}
