// SPDX-License-Identifier: GPL-2.0
/*
 * Fuzz nvme_cq_scan() (drivers/nvme/nvme_cq.c). Input: depth (% 40, so
 * bad depths occur), head, phase, the outstanding mask (4 bytes), the
 * budget, then the completion entries (16 bytes each; missing ones are
 * zero). The queue image is a heap array of exactly depth entries. The
 * result is checked against an independent walk of the image.
 */
#include <tern/nvme_cq.h>

#include "fuzz.h"

#define HDR	8

static struct nvme_cq_batch b;

int LLVMFuzzerTestOneInput(const u8 *data, size_t size)
{
	unsigned int depth, head, phase, budget, i, nd = 0, nb = 0;
	struct nvme_cqe *cq;
	u32 out, seen = 0;
	size_t n;
	int ret;

	if (size < HDR)
		return 0;
	depth = data[0] % 40;
	head = data[1];
	phase = data[2];
	out = fuzz_le(data + 3, 4);
	budget = data[7];
	data += HDR;
	size -= HDR;

	cq = calloc(depth ? depth : 1, sizeof(*cq));
	FUZZ_CHECK(cq);
	n = size / sizeof(*cq) < depth ? size / sizeof(*cq) : depth;
	memcpy(cq, data, n * sizeof(*cq));

	ret = nvme_cq_scan(cq, depth, head, phase, out, budget, &b);
	if (!depth || depth > NVME_QUEUE_DEPTH || head >= depth) {
		FUZZ_CHECK(ret == -EINVAL && b.consumed == 0);
		free(cq);
		return 0;
	}
	FUZZ_CHECK(ret == 0);
	FUZZ_CHECK(b.consumed <= budget && b.consumed <= depth);
	FUZZ_CHECK(b.consumed == b.nr_done + b.nr_bad);

	phase &= 1;
	for (i = 0; i < b.consumed; i++) {
		const struct nvme_cqe *e = &cq[head];

		FUZZ_CHECK((e->status & 1) == phase);
		if (e->cid < depth && (out & ~seen & (1u << e->cid))) {
			FUZZ_CHECK(nd < b.nr_done);
			FUZZ_CHECK(b.done[nd].cid == e->cid);
			FUZZ_CHECK(b.done[nd].status == e->status >> 1);
			FUZZ_CHECK(b.done[nd].result == e->result);
			seen |= 1u << e->cid;
			nd++;
		} else {
			FUZZ_CHECK(nb < b.nr_bad);
			FUZZ_CHECK(b.bad[nb].cid == e->cid);
			FUZZ_CHECK(b.bad[nb].slot == head);
			nb++;
		}
		if (++head == depth) {
			head = 0;
			phase ^= 1;
		}
	}
	FUZZ_CHECK(nd == b.nr_done && nb == b.nr_bad);
	FUZZ_CHECK(b.head == head && b.phase == phase);
	FUZZ_CHECK(b.outstanding == (out & ~seen));
	/* stopped early only at an entry that is not ours */
	if (b.consumed < budget && b.consumed < depth)
		FUZZ_CHECK((cq[head].status & 1) != phase);
	free(cq);
	return 0;
}
