/* SPDX-License-Identifier: GPL-2.0 */
/*
 * blkback's request consumer, pure (drivers/xen/blkif_req.c): takes
 * requests off a blkif shared ring that a frontend (another domain,
 * hostile) produces, checks them against the disk we export, and writes
 * the responses. No hypercalls, no globals, no allocation: host-tested
 * (selftests/host/test_blkif_req.c) and fuzzed
 * (selftests/fuzz/fuzz_blkif_req.c). Documentation/blkback.md tells how
 * the backend (not built yet) is to use it.
 *
 * Why it is shaped so: everything in the ring and in the indirect pages
 * can change under us at any time, so each request is copied into
 * private memory once (each byte read once), and only the copy is
 * checked and used; what comes out (struct blkif_req) is private, fully
 * checked and ABI-neutral, so the backend never looks at the ring again.
 *
 * Invariants (struct blkif_back, the backend's private ring state):
 *  - nr_ents is a power of two, 1..BLKIF_BACK_MAX_ENTS; every entry
 *    index is masked with nr_ents - 1, so nothing outside the ring's
 *    blkif_ring_bytes() is ever read or written;
 *  - rsp_prod_pvt <= req_cons <= rsp_prod_pvt + nr_ents (mod 2^32): we
 *    never take more requests than the ring has slots for our answers,
 *    never answer more than we took;
 *  - req_prod is read once per blkif_take_requests(), and must lie in
 *    [req_cons, rsp_prod_pvt + nr_ents]; else the frontend is broken.
 *
 * Two ABIs, chosen by the frontend's xenstore node "protocol": x86_64's
 * (struct blkif_request, 112-byte ring entries) and i386's, where a u64
 * is 4-byte aligned: the same declarations then put id right after
 * handle, requests are 108 bytes, and a response is 12 (same field
 * offsets, no tail padding). Both rings hold 32 requests per page.
 *
 * Errors. "Answer": the request was consumed and gets a response with
 * blkif_req_status(err) as status; the frontend may go on. "Disconnect":
 * the frontend broke the protocol; take nothing more from it.
 *  - blkif_take_requests(): -EPROTO disconnect; -EINVAL our own state
 *    is impossible (a bug in the caller), nothing read.
 *  - blkif_req_check(), blkif_req_indirect(): answer. -EOPNOTSUPP: an
 *    operation we do not offer (BLKIF_RSP_EOPNOTSUPP); -EROFS: a write
 *    or discard on a read-only export; -EINVAL: a malformed request (both
 *    BLKIF_RSP_ERROR).
 *  - blkif_parse_protocol(): -EINVAL an ABI we do not speak: disconnect
 *    (refuse to connect).
 * Every error sets *why (when why is not NULL) to a short reason for the
 * caller's single log line.
 */
#ifndef _TERN_XEN_BLKIF_REQ_H
#define _TERN_XEN_BLKIF_REQ_H

#include <tern/types.h>
#include <xen/io/blkif.h>

enum blkif_abi {
	BLKIF_ABI_X86_64,		/* "x86_64-abi", this backend's native */
	BLKIF_ABI_X86_32,		/* "x86_32-abi" */
};

/* i386's u64: 8 bytes, 4-byte aligned (a typedef may lower alignment) */
typedef u64 blkif_u64_x86_32 __aligned(4);

/*
 * The i386 layouts: the declarations of io/blkif.h with u64 aligned to
 * 4. Offsets (pinned by static asserts in blkif_req.c): id 4,
 * sector_number 12, seg / nr_sectors / indirect handle 20, indirect_grefs
 * 24; sizes 108, 28, 64 (the header's i386 pad included) and 12.
 */
struct blkif_x86_32_request {
	u8 operation;
	u8 nr_segments;
	u16 handle;
	blkif_u64_x86_32 id;
	blkif_u64_x86_32 sector_number;
	struct blkif_request_segment seg[BLKIF_MAX_SEGMENTS_PER_REQUEST];
};

struct blkif_x86_32_request_discard {
	u8 operation;
	u8 flag;
	u16 handle;
	blkif_u64_x86_32 id;
	blkif_u64_x86_32 sector_number;
	blkif_u64_x86_32 nr_sectors;
};

struct blkif_x86_32_request_indirect {
	u8 operation;
	u8 indirect_op;
	u16 nr_segments;
	blkif_u64_x86_32 id;
	blkif_u64_x86_32 sector_number;
	u16 handle;
	grant_ref_t indirect_grefs[BLKIF_MAX_INDIRECT_PAGES_PER_REQUEST];
	blkif_u64_x86_32 pad;
};

struct blkif_x86_32_response {
	blkif_u64_x86_32 id;
	u8 operation;
	s16 status;
};

#define BLKIF_REQ_SIZE_X86_64	112
#define BLKIF_REQ_SIZE_X86_32	108
/* offsetof(struct blkif_sring, ring): four indices and padding */
#define BLKIF_SRING_HDR		64
/* 16 pages (max-ring-page-order 4) hold 512 entries in either ABI */
#define BLKIF_BACK_MAX_ORDER	4
#define BLKIF_BACK_MAX_ENTS	512
/* struct blkif_request_segment entries in one indirect page */
#define BLKIF_SEGS_PER_INDIRECT_PAGE	(4096 / 8)
/* the protocol's own limit: 8 indirect pages of 512 segments */
#define BLKIF_MAX_INDIRECT_SEGS	\
	(BLKIF_MAX_INDIRECT_PAGES_PER_REQUEST * BLKIF_SEGS_PER_INDIRECT_PAGE)

/*
 * One request as copied out of the ring (w[] is what is copied: 28 or
 * 27 words), read through the view of its ABI and operation.
 */
union blkif_req_copy {
	u32 w[BLKIF_REQ_SIZE_X86_64 / 4];
	struct blkif_request x64;
	struct blkif_request_discard x64_discard;
	struct blkif_request_indirect x64_indirect;
	struct blkif_x86_32_request x32;
	struct blkif_x86_32_request_discard x32_discard;
	struct blkif_x86_32_request_indirect x32_indirect;
};

/* The backend's private state for one ring. */
struct blkif_back {
	struct blkif_sring *sring;	/* mapped: header + nr_ents entries */
	unsigned int nr_ents;
	enum blkif_abi abi;
	u32 req_cons;			/* next request to take */
	u32 rsp_prod_pvt;		/* next response slot */
	u32 rsp_pushed;			/* rsp_prod as we last published it */
};

/* What we export, as advertised in xenstore (blkif_export_check()). */
struct blkif_export {
	u64 sectors;			/* size in 512-byte sectors */
	u32 sector_size;		/* logical block size: 512 or 4096 */
	bool read_only;			/* info has VDISK_READONLY */
	bool flush;			/* feature-flush-cache = 1 */
	bool discard;			/* feature-discard = 1 */
	/* feature-max-indirect-segments; 0: the node is not written */
	unsigned int max_indirect_segs;
};

/* One data segment: a part of one granted 4 KiB page. */
struct blkif_seg {
	gref_t gref;
	u16 offset;			/* bytes into the page: first_sect * 512 */
	u16 len;			/* bytes: 512..4096, offset + len <= 4096 */
};

/*
 * A checked request. op is BLKIF_OP_READ, _WRITE, _FLUSH_DISKCACHE or
 * _DISCARD (an indirect request carries its inner op here, and
 * nr_indirect > 0). sector and nr_sectors are in 512-byte units, aligned
 * to the export's logical block size and inside the export; a flush has
 * neither (0, 0). Data: nr_segs segments, in seg[] for a direct request,
 * in the nr_indirect pages indirect[] for an indirect one (then
 * nr_sectors stays 0 until blkif_req_indirect() read them).
 * id is the frontend's, only ever echoed; rsp_op is what to answer with
 * (the operation received; an indirect request's inner op, as Linux's
 * blkback answers and frontends expect).
 */
struct blkif_req {
	u64 id;
	u8 op;
	u8 rsp_op;
	u8 nr_indirect;
	u16 nr_segs;
	u64 sector;
	u64 nr_sectors;
	struct blkif_seg seg[BLKIF_MAX_SEGMENTS_PER_REQUEST];
	gref_t indirect[BLKIF_MAX_INDIRECT_PAGES_PER_REQUEST];
};

/*
 * The frontend's "protocol" node: XEN_IO_PROTO_ABI_X86_64 or _X86_32.
 * proto NULL (node absent) means x86_64, what io/blkif.h says (native)
 * for this backend; Linux's blkback assumes x86_32 then, so a frontend
 * that relies on it is misread here, and one that relies on us is
 * misread there: frontends should write the node. Anything else: -EINVAL.
 */
int blkif_parse_protocol(const char *proto, enum blkif_abi *abi,
			 const char **why);

/*
 * Entries in a ring of 2^order pages (the frontend's ring-page-order,
 * at most BLKIF_BACK_MAX_ORDER), as io/ring.h's __RING_SIZE counts
 * them: 32 << order in either ABI. 0 for a larger order.
 */
unsigned int blkif_ring_ents(unsigned int order, enum blkif_abi abi);
/* Bytes of a ring of nr_ents entries: all that is ever accessed. */
size_t blkif_ring_bytes(unsigned int nr_ents, enum blkif_abi abi);

/*
 * Attach to a mapped ring: nr_ents a power of two up to
 * BLKIF_BACK_MAX_ENTS, abi from blkif_parse_protocol(), idx the index
 * both sides start from (0 for a ring the frontend just set up with
 * SHARED_RING_INIT). 0, or -EINVAL.
 */
int blkif_back_init(struct blkif_back *b, struct blkif_sring *sring,
		    unsigned int nr_ents, enum blkif_abi abi, u32 idx,
		    const char **why);

/*
 * The export's own sanity (call once, when connecting): sector_size 512
 * or 4096, sectors a whole number of logical blocks and below 2^55 (the
 * byte size fits 64 bits), max_indirect_segs <= BLKIF_MAX_INDIRECT_SEGS.
 * 0, or -EINVAL. The other functions assume an export that passed.
 */
int blkif_export_check(const struct blkif_export *ex, const char **why);

/*
 * Read req_prod once (then a read barrier), and copy up to max requests
 * from req_cons on into out[], advancing req_cons past them. Returns how
 * many (>= 0); -EPROTO when req_prod is more than nr_ents ahead of
 * rsp_prod_pvt or behind req_cons (nothing taken); -EINVAL when our own
 * state breaks the invariants above (nothing read).
 */
int blkif_take_requests(struct blkif_back *b, union blkif_req_copy *out,
			unsigned int max, const char **why);

/*
 * RING_FINAL_CHECK_FOR_REQUESTS, for when blkif_take_requests() found
 * nothing: asks for an event on the next request (req_event), then a
 * full barrier, then looks again. True: requests came meanwhile, take
 * them (no event will come for them).
 */
bool blkif_final_check_requests(struct blkif_back *b);

/*
 * Check a copy from blkif_take_requests() (same b->abi) against ex and
 * describe it in *req. 0, or an "answer" error (see above); req->id and
 * req->rsp_op are set on every return, for that answer.
 */
int blkif_req_check(const union blkif_req_copy *c, enum blkif_abi abi,
		    const struct blkif_export *ex, struct blkif_req *req,
		    const char **why);

/*
 * Read an indirect request's segments: req from blkif_req_check() with
 * nr_indirect > 0, pages[0..nr_indirect) the caller's mappings of
 * req->indirect[] (4096 bytes each, frontend-writable: each entry is read
 * once), segs[] room for req->nr_segs entries. Checks each as a direct
 * segment is checked and the whole range against ex; sets
 * req->nr_sectors. 0, or -EINVAL (answer).
 */
int blkif_req_indirect(struct blkif_req *req, const void *const *pages,
		       const struct blkif_export *ex, struct blkif_seg *segs,
		       const char **why);

/* The response status for an error of blkif_req_check()/_indirect(). */
s16 blkif_req_status(int err);

/*
 * Write one response into the entry at rsp_prod_pvt (in b->abi's
 * layout) and advance rsp_prod_pvt; not yet visible to the frontend.
 * -EINVAL (nothing written) when every request taken is answered.
 */
int blkif_put_response(struct blkif_back *b, u64 id, u8 op, s16 status);

/*
 * RING_PUSH_RESPONSES_AND_CHECK_NOTIFY: write barrier (the responses
 * before the index), publish rsp_prod = rsp_prod_pvt, full barrier (the
 * index before rsp_event is read), then true when rsp_event lies in
 * (the last published rsp_prod, rsp_prod]: notify the event channel.
 * The last published value is our own copy, not the ring's.
 */
bool blkif_push_responses(struct blkif_back *b);

#endif
