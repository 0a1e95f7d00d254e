// SPDX-License-Identifier: GPL-2.0
/*
 * blkfront's response consumer (include/tern/xen/blkif_rsp.h). Pure
 * code: the host tests and the fuzzer run it unchanged.
 *
 * The backend writes rsp_prod and the response entries whenever it
 * likes, so:
 *  - rsp_prod is read once, then a read barrier orders it before the
 *    entries; it must lie within [*cons, posted] (mod 2^32): a backend
 *    cannot answer requests we never posted. Nothing is consumed when it
 *    does not (-EPROTO).
 *  - each entry is copied field by field (READ_ONCE, once each) into a
 *    local before any check, so the backend cannot change a field
 *    between the check and the use;
 *  - the entry index is (cons & (nr_ents - 1)) and nr_ents must be a
 *    power of two, so no index leaves the ring;
 *  - an id is believed only when it names an outstanding slot; a good
 *    response frees the slot at once, so a duplicate later in the same
 *    batch (or in a later one) finds it free and is refused;
 *  - the loop is bounded by max and by posted - *cons <= nr_ents.
 * A bad response is consumed (*cons moves past it) but changes no slot.
 */
#include <tern/xen/blkif_rsp.h>
#include <asm/bitops.h>

/* no operation is the free mark */
BUILD_BUG_ON(BLKIF_SLOT_FREE <= BLKIF_OP_INDIRECT);

static const char *check(const struct blkif_response *r, const u8 *slot_op,
			 unsigned int nslots)
{
	if (r->id >= nslots)
		return "response id out of range";
	if (slot_op[r->id] == BLKIF_SLOT_FREE)
		return "response for an id not outstanding";
	if (r->operation != slot_op[r->id])
		return "response operation differs from the request";
	if (r->status != BLKIF_RSP_OKAY && r->status != BLKIF_RSP_ERROR &&
	    r->status != BLKIF_RSP_EOPNOTSUPP)
		return "unknown response status";
	return NULL;
}

int blkif_take_responses(struct blkif_sring *sring, unsigned int nr_ents,
			 u32 *cons, u32 posted, u8 *slot_op,
			 unsigned int nslots, struct blkif_done *out,
			 unsigned int max, unsigned int *nr_good,
			 const char **why)
{
	union blkif_sring_entry *ring = &sring->ring[0];
	const char *bad = NULL;
	unsigned int n = 0;
	u32 c = *cons, rp;
	int ret = 0;

	if (!nr_ents || (nr_ents & (nr_ents - 1)) || nr_ents > BLKIF_MAX_ENTS ||
	    posted - c > nr_ents) {
		bad = "bad ring size or request count";
		ret = -EINVAL;
		goto out;
	}
	rp = READ_ONCE(sring->rsp_prod);
	/* the producer index before the entries it covers */
	rmb();
	if (rp - c > posted - c) {
		bad = "rsp_prod beyond the requests posted";
		ret = -EPROTO;
		goto out;
	}

	while (c != rp && n < max) {
		const struct blkif_response *e = &ring[c & (nr_ents - 1)].rsp;
		struct blkif_response r;

		r.id = READ_ONCE(e->id);
		r.operation = READ_ONCE(e->operation);
		r.status = READ_ONCE(e->status);
		c++;

		bad = check(&r, slot_op, nslots);
		if (bad) {
			ret = -EPROTO;
			break;
		}
		slot_op[r.id] = BLKIF_SLOT_FREE;
		out[n].id = r.id;
		out[n].op = r.operation;
		out[n].status = r.status;
		n++;
	}
	*cons = c;
out:
	if (nr_good)
		*nr_good = n;
	if (bad && why)
		*why = bad;
	return ret ? ret : (int)n;
}
