// SPDX-License-Identifier: GPL-2.0
/*
 * Host tests for drivers/nvme/nvme_cq.c: a completion completes only an
 * outstanding command, once; wrong phase, out-of-range, idle and
 * duplicate command ids, a queue full of garbage and a head that wraps
 * are handled without reading outside the queue image (ASan) and within
 * the budget.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include <tern/nvme_cq.h>

static struct nvme_cqe *cq;
static struct nvme_cq_batch b;

/* Exactly depth entries on the heap, so ASan sees any overrun. */
static struct nvme_cqe *cq_new(unsigned int depth)
{
	free(cq);
	cq = calloc(depth, sizeof(*cq));
	assert_non_null(cq);
	return cq;
}

static void post(unsigned int slot, u16 cid, u16 status, u8 phase,
		 u32 result)
{
	cq[slot].cid = cid;
	cq[slot].status = status << 1 | (phase & 1);
	cq[slot].result = result;
}

static int teardown(void **state)
{
	free(cq);
	cq = NULL;
	return 0;
}

static void completes_outstanding(void **state)
{
	cq_new(8);
	post(0, 3, 0, 1, 0xabc);
	post(1, 5, 0x2, 1, 0);
	assert_int_equal(nvme_cq_scan(cq, 8, 0, 1, 1u << 3 | 1u << 5, 8, &b),
			 0);
	assert_int_equal(b.consumed, 2);
	assert_int_equal(b.nr_done, 2);
	assert_int_equal(b.nr_bad, 0);
	assert_int_equal(b.done[0].cid, 3);
	assert_int_equal(b.done[0].result, 0xabc);
	assert_int_equal(b.done[1].cid, 5);
	assert_int_equal(b.done[1].status, 0x2);
	assert_int_equal(b.head, 2);
	assert_int_equal(b.phase, 1);
	assert_int_equal(b.outstanding, 0);
}

static void wrong_phase_stops(void **state)
{
	cq_new(8);
	post(0, 1, 0, 0, 0);		/* old entry: phase 0 */
	assert_int_equal(nvme_cq_scan(cq, 8, 0, 1, 1u << 1, 8, &b), 0);
	assert_int_equal(b.consumed, 0);
	assert_int_equal(b.head, 0);
	assert_int_equal(b.phase, 1);
	assert_int_equal(b.outstanding, 1u << 1);
}

static void cid_out_of_range(void **state)
{
	cq_new(4);
	post(0, 4, 0, 1, 0);
	post(1, 0xffff, 0, 1, 0);
	post(2, 1, 0, 1, 0);
	assert_int_equal(nvme_cq_scan(cq, 4, 0, 1, ~0u, 4, &b), 0);
	assert_int_equal(b.consumed, 3);
	assert_int_equal(b.nr_bad, 2);
	assert_int_equal(b.bad[0].why, NVME_CQ_CID_RANGE);
	assert_int_equal(b.bad[0].slot, 0);
	assert_int_equal(b.bad[1].cid, 0xffff);
	assert_int_equal(b.nr_done, 1);
	assert_int_equal(b.done[0].cid, 1);
}

static void cid_not_outstanding(void **state)
{
	cq_new(8);
	post(0, 2, 0, 1, 0);
	assert_int_equal(nvme_cq_scan(cq, 8, 0, 1, 1u << 3, 8, &b), 0);
	assert_int_equal(b.consumed, 1);
	assert_int_equal(b.nr_done, 0);
	assert_int_equal(b.nr_bad, 1);
	assert_int_equal(b.bad[0].why, NVME_CQ_CID_IDLE);
	assert_int_equal(b.outstanding, 1u << 3);
	assert_int_equal(b.head, 1);
}

static void duplicate_cid(void **state)
{
	cq_new(8);
	post(0, 6, 0, 1, 1);
	post(1, 6, 0x5, 1, 2);
	assert_int_equal(nvme_cq_scan(cq, 8, 0, 1, 1u << 6, 8, &b), 0);
	assert_int_equal(b.nr_done, 1);
	assert_int_equal(b.done[0].result, 1);
	assert_int_equal(b.done[0].status, 0);
	assert_int_equal(b.nr_bad, 1);
	assert_int_equal(b.bad[0].why, NVME_CQ_CID_DUP);
	assert_int_equal(b.bad[0].slot, 1);
	assert_int_equal(b.outstanding, 0);
}

/* Every entry posted with a matching tag and a junk cid: bounded. */
static void garbage_queue(void **state)
{
	unsigned int i;

	cq_new(NVME_QUEUE_DEPTH);
	for (i = 0; i < NVME_QUEUE_DEPTH; i++) {
		cq[i].cid = 0x8000 + i * 77;
		cq[i].status = 0xffff;
		cq[i].result = 0xdeadbeef;
		cq[i].sq_head = 0xffff;
	}
	assert_int_equal(nvme_cq_scan(cq, NVME_QUEUE_DEPTH, 0, 1, ~0u, ~0u,
				      &b), 0);
	assert_int_equal(b.consumed, NVME_QUEUE_DEPTH);
	assert_int_equal(b.nr_done, 0);
	assert_int_equal(b.nr_bad, NVME_QUEUE_DEPTH);
	assert_int_equal(b.head, 0);
	assert_int_equal(b.phase, 0);
	assert_int_equal(b.outstanding, ~0u);

	/* the device flips every tag behind our back: still one depth */
	for (i = 0; i < NVME_QUEUE_DEPTH; i++)
		cq[i].status = 0xfffe;
	assert_int_equal(nvme_cq_scan(cq, NVME_QUEUE_DEPTH, 0, 0, 0, 1000,
				      &b), 0);
	assert_int_equal(b.consumed, NVME_QUEUE_DEPTH);
}

static void budget_bounds(void **state)
{
	unsigned int i;

	cq_new(8);
	for (i = 0; i < 8; i++)
		post(i, i, 0, 1, i);
	assert_int_equal(nvme_cq_scan(cq, 8, 0, 1, 0xff, 3, &b), 0);
	assert_int_equal(b.consumed, 3);
	assert_int_equal(b.head, 3);
	assert_int_equal(b.outstanding, 0xf8);
	assert_int_equal(nvme_cq_scan(cq, 8, 3, 1, 0xf8, 0, &b), 0);
	assert_int_equal(b.consumed, 0);
}

static void head_wraps(void **state)
{
	cq_new(4);
	post(3, 1, 0, 1, 0);		/* last slot, this lap */
	post(0, 2, 0, 0, 0);		/* next lap: phase flipped */
	post(1, 3, 0, 1, 0);		/* stale from the lap before */
	assert_int_equal(nvme_cq_scan(cq, 4, 3, 1, 0xe, 4, &b), 0);
	assert_int_equal(b.consumed, 2);
	assert_int_equal(b.nr_done, 2);
	assert_int_equal(b.done[0].cid, 1);
	assert_int_equal(b.done[1].cid, 2);
	assert_int_equal(b.head, 1);
	assert_int_equal(b.phase, 0);
	assert_int_equal(b.outstanding, 1u << 3);
}

static void bad_geometry(void **state)
{
	cq_new(NVME_QUEUE_DEPTH);
	assert_int_equal(nvme_cq_scan(cq, 0, 0, 1, 1, 1, &b), -EINVAL);
	assert_int_equal(nvme_cq_scan(cq, 4, 4, 1, 1, 1, &b), -EINVAL);
	assert_int_equal(nvme_cq_scan(cq, NVME_QUEUE_DEPTH + 1, 0, 1, 1, 1,
				      &b), -EINVAL);
	assert_int_equal(b.consumed, 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_teardown(completes_outstanding, teardown),
		cmocka_unit_test_teardown(wrong_phase_stops, teardown),
		cmocka_unit_test_teardown(cid_out_of_range, teardown),
		cmocka_unit_test_teardown(cid_not_outstanding, teardown),
		cmocka_unit_test_teardown(duplicate_cid, teardown),
		cmocka_unit_test_teardown(garbage_queue, teardown),
		cmocka_unit_test_teardown(budget_bounds, teardown),
		cmocka_unit_test_teardown(head_wraps, teardown),
		cmocka_unit_test_teardown(bad_geometry, teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
