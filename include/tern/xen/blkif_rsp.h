/* SPDX-License-Identifier: GPL-2.0 */
/*
 * blkfront's response consumer, pure (drivers/xen/blkif_rsp.c): takes
 * responses off a blkif shared ring that a backend (another domain,
 * perhaps hostile) produces, and believes only what it can check. No
 * hypercalls, no globals: host-tested (selftests/host/test_blkif_rsp.c)
 * and fuzzed (selftests/fuzz/fuzz_blkif_rsp.c).
 *
 * Checks, per call: rsp_prod is read once; it may not run ahead of the
 * requests we posted (rsp_prod - cons <= posted - cons, all mod 2^32).
 * Per response (copied out of the ring first): id < nslots and that slot
 * outstanding (slot_op[id] != BLKIF_SLOT_FREE); operation equal to
 * slot_op[id] (for an indirect request the caller stores the inner op:
 * that is what a backend answers with); status one of BLKIF_RSP_OKAY,
 * _ERROR, _EOPNOTSUPP. A good response frees its slot (slot_op[id] =
 * BLKIF_SLOT_FREE) and is reported in out[]. The first bad one stops the
 * scan: the good ones before it are reported and consumed, the bad one
 * is consumed too, and the function returns -EPROTO with *why set; the
 * caller then treats the device as broken.
 */
#ifndef _TERN_XEN_BLKIF_RSP_H
#define _TERN_XEN_BLKIF_RSP_H

#include <tern/types.h>
#include <xen/io/blkif.h>

#define BLKIF_SLOT_FREE		0xff
/* More ring entries than any ring has (2^30), so a count fits an int. */
#define BLKIF_MAX_ENTS		(1u << 30)

struct blkif_done {
	u64 id;
	u8 op;
	s16 status;
};

/*
 * sring: the shared ring; nr_ents: its entry count (a power of two, as
 * __RING_SIZE gives for the ring's pages); *cons: our rsp_cons, advanced
 * past every response consumed; posted: our req_prod_pvt; slot_op[nslots]:
 * the op outstanding per request id. Up to max responses are taken.
 * Returns the number stored in out (>= 0), or -EPROTO (see above; out
 * still holds *nr_good good ones when nr_good is not NULL).
 *
 * -EINVAL, with nothing read or consumed, when the caller's own state is
 * impossible: nr_ents 0, not a power of two or above BLKIF_MAX_ENTS, or
 * more requests in flight than the ring holds (posted - *cons > nr_ents).
 * When rsp_prod runs ahead of posted, nothing is consumed either
 * (-EPROTO, *cons unchanged). *nr_good is set on every return (0 for
 * these two), *why on every error (why may be NULL). Only good
 * responses free slots; a bad one changes no slot_op[] entry.
 * Not done here: rsp_event and the final check for responses that
 * arrived meanwhile (RING_FINAL_CHECK_FOR_RESPONSES), and the event
 * channel; the caller does them, and serialises calls on one ring.
 */
int blkif_take_responses(struct blkif_sring *sring, unsigned int nr_ents,
			 u32 *cons, u32 posted, u8 *slot_op,
			 unsigned int nslots, struct blkif_done *out,
			 unsigned int max, unsigned int *nr_good,
			 const char **why);

#endif
