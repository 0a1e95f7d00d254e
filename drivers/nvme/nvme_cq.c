// SPDX-License-Identifier: GPL-2.0
/*
 * NVMe completion-queue scan (include/tern/nvme_cq.h). Pure code: no
 * driver state, no logging; also built into the host tests and the
 * fuzzer.
 *
 * The device owns the CQ memory and may rewrite it while we read, so
 * every field of an entry is read once with READ_ONCE(): the phase tag
 * first (the entry is ours only if it matches), then, after a compiler
 * barrier, the command id, status and result. A command id is believed
 * only if that command is outstanding; it then leaves the outstanding
 * set, so a second completion for it (a duplicate) cannot complete a
 * command submitted later with the same id.
 */
#include <tern/nvme_cq.h>
#include <tern/string.h>

BUILD_BUG_ON(NVME_QUEUE_DEPTH > 32);

int nvme_cq_scan(const struct nvme_cqe *cq, u16 depth, u16 head, u8 phase,
		 u32 outstanding, unsigned int budget,
		 struct nvme_cq_batch *b)
{
	u32 completed = 0;

	memset(b, 0, sizeof(*b));
	b->head = head;
	b->phase = phase & 1;
	b->outstanding = outstanding;
	if (!depth || depth > NVME_QUEUE_DEPTH || head >= depth)
		return -EINVAL;
	if (budget > depth)
		budget = depth;

	while (b->consumed < budget) {
		const struct nvme_cqe *e = &cq[b->head];
		u16 status = READ_ONCE(e->status);
		u16 cid;
		u32 result;

		if ((status & 1) != b->phase)
			break;
		/* the tag before the rest of the entry */
		barrier();
		cid = READ_ONCE(e->cid);
		result = READ_ONCE(e->result);

		if (cid < depth && (b->outstanding & (1u << cid))) {
			struct nvme_cq_done *d = &b->done[b->nr_done++];

			d->cid = cid;
			d->status = status >> 1;
			d->result = result;
			b->outstanding &= ~(1u << cid);
			completed |= 1u << cid;
		} else {
			struct nvme_cq_bad *bad = &b->bad[b->nr_bad++];

			bad->cid = cid;
			bad->slot = b->head;
			if (cid >= depth)
				bad->why = NVME_CQ_CID_RANGE;
			else if (completed & (1u << cid))
				bad->why = NVME_CQ_CID_DUP;
			else
				bad->why = NVME_CQ_CID_IDLE;
		}
		b->consumed++;
		if (++b->head == depth) {
			b->head = 0;
			b->phase ^= 1;
		}
	}
	return 0;
}

const char *nvme_cq_err_name(u8 why)
{
	switch (why) {
	case NVME_CQ_CID_RANGE:
		return "command id out of range";
	case NVME_CQ_CID_IDLE:
		return "no such command outstanding";
	case NVME_CQ_CID_DUP:
		return "duplicate completion";
	default:
		return "unknown";
	}
}
