/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The backend's half of an io/ring.h shared ring, as the pure request
 * consumers (blkif_req.c, netif_req.c) use it: the checks of the
 * frontend's producer index, the final check for requests and the
 * publication of responses. Pure: no hypercalls, no globals. Each
 * consumer keeps its own private indices:
 *
 *   req_cons      the next request to take
 *   rsp_prod_pvt  the next response slot
 *   rsp_pushed    rsp_prod as we last published it
 *
 * with rsp_prod_pvt <= req_cons <= rsp_prod_pvt + nr_ents (mod 2^32): we
 * never take more requests than the ring has slots for our answers, and
 * never answer more than we took. The shared ring's four indices are
 * passed as pointers to its fields (every io/ring.h ring starts with
 * req_prod, req_event, rsp_prod, rsp_event).
 */
#ifndef _TERN_XEN_RING_BACK_H
#define _TERN_XEN_RING_BACK_H

#include <tern/types.h>
#include <asm/bitops.h>

/* Our own indices are consistent for a ring of nr_ents (<= max) entries. */
static inline bool ring_back_state_ok(unsigned int nr_ents,
				      unsigned int max_ents, u32 req_cons,
				      u32 rsp_prod_pvt)
{
	return nr_ents && !(nr_ents & (nr_ents - 1)) && nr_ents <= max_ents &&
	       req_cons - rsp_prod_pvt <= nr_ents;
}

/*
 * A req_prod the frontend published (read once by the caller, then a
 * read barrier): NULL when it lies within [req_cons, rsp_prod_pvt +
 * nr_ents] (mod 2^32), else why the frontend is broken.
 */
static inline const char *ring_back_req_prod_bad(u32 rp, u32 req_cons,
						 u32 rsp_prod_pvt,
						 unsigned int nr_ents)
{
	if (rp - rsp_prod_pvt > nr_ents)
		return "req_prod more than a ring ahead";
	if (rp - rsp_prod_pvt < req_cons - rsp_prod_pvt)
		return "req_prod moved back";
	return NULL;
}

/*
 * RING_FINAL_CHECK_FOR_REQUESTS, generalised: ask for an event once
 * req_prod reaches req_cons + need (need >= 1; req_event), then a full
 * barrier, then look again. True: at least need requests are there now
 * (or req_prod is bogus: the caller's take finds out), take them; no
 * event will come for them.
 */
static inline bool ring_back_final_check(u32 *req_prod, u32 *req_event,
					 u32 req_cons, u32 need)
{
	if (READ_ONCE(*req_prod) - req_cons >= need)
		return true;
	WRITE_ONCE(*req_event, req_cons + need);
	/* req_event before req_prod is read again */
	mb();
	return READ_ONCE(*req_prod) - req_cons >= need;
}

/*
 * RING_PUSH_RESPONSES_AND_CHECK_NOTIFY: write barrier (the responses
 * before the index), publish rsp_prod = rsp_prod_pvt, full barrier (the
 * index before rsp_event is read), then true when rsp_event lies in
 * (*pushed, rsp_prod_pvt]: notify the event channel. *pushed is our own
 * copy of the last value published, not the ring's (which the frontend
 * can scribble on); it is updated.
 */
static inline bool ring_back_push(u32 *rsp_prod, const u32 *rsp_event,
				  u32 *pushed, u32 rsp_prod_pvt)
{
	u32 old = *pushed, event;

	/* the responses before the index that covers them */
	wmb();
	WRITE_ONCE(*rsp_prod, rsp_prod_pvt);
	/* the index before rsp_event is read (the frontend's mirror image) */
	mb();
	event = READ_ONCE(*rsp_event);
	*pushed = rsp_prod_pvt;
	return rsp_prod_pvt - event < rsp_prod_pvt - old;
}

#endif
