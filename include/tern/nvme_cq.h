/* SPDX-License-Identifier: GPL-2.0 */
/*
 * NVMe completion-queue processing as a pure function over a queue image
 * (drivers/nvme/nvme_cq.c). The CQ is memory the device writes at any
 * time, so nvme_cq_scan() reads each field of an entry exactly once,
 * trusts no command id, and consumes at most a bounded number of entries
 * per call. The driver (drivers/nvme/nvme.c) applies the result: it
 * completes the listed commands, logs the rejected entries and writes
 * the new head to the doorbell. Host-tested (selftests/host/test_nvme_cq.c)
 * and fuzzed (selftests/fuzz/fuzz_nvme_cq.c).
 */
#ifndef _TERN_NVME_CQ_H
#define _TERN_NVME_CQ_H

#include <tern/types.h>

/* Deepest queue the driver creates; the outstanding set is a u32 mask. */
#define NVME_QUEUE_DEPTH	32

struct nvme_cqe {
	u32 result;
	u32 rsvd;
	u16 sq_head;
	u16 sq_id;
	u16 cid;
	u16 status;		/* bit 0: phase tag */
};

/* Why an entry was consumed but did not complete anything. */
enum nvme_cq_err {
	NVME_CQ_CID_RANGE = 1,		/* cid >= queue depth */
	NVME_CQ_CID_IDLE,		/* no command with that cid is out */
	NVME_CQ_CID_DUP,		/* completed earlier in this batch */
};

struct nvme_cq_done {
	u16 cid;
	u16 status;		/* status field without the phase bit */
	u32 result;
};

struct nvme_cq_bad {
	u16 cid;		/* as read from the entry */
	u16 slot;		/* the CQ slot it was read from */
	u8 why;			/* enum nvme_cq_err */
};

struct nvme_cq_batch {
	u16 head;		/* new CQ head: write it to the doorbell */
	u8 phase;		/* phase tag expected at the new head */
	unsigned int consumed;	/* entries consumed (done + bad) */
	unsigned int nr_done;
	struct nvme_cq_done done[NVME_QUEUE_DEPTH];
	unsigned int nr_bad;
	struct nvme_cq_bad bad[NVME_QUEUE_DEPTH];
	u32 outstanding;	/* the input set minus what completed */
};

/*
 * Consume the entries of cq[0..depth) from head on whose phase tag equals
 * phase, at most budget of them (budget is capped at depth and at
 * NVME_QUEUE_DEPTH). A command id in outstanding (bit cid set) completes
 * and leaves the set; any other id is recorded in bad[] and skipped. The
 * queue image is only read. Returns 0, or -EINVAL (nothing consumed) for
 * a depth of 0 or above NVME_QUEUE_DEPTH, or head >= depth.
 */
int nvme_cq_scan(const struct nvme_cqe *cq, u16 depth, u16 head, u8 phase,
		 u32 outstanding, unsigned int budget,
		 struct nvme_cq_batch *b);

const char *nvme_cq_err_name(u8 why);

#endif
