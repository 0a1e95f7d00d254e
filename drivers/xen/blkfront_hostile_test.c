// SPDX-License-Identifier: GPL-2.0
/*
 * ktest suite "xen_blkfront_hostile": a hostile blkfront
 * (test_blk_hostile on the command line), for a guest of a Tern dom0.
 *
 * blkfront leaves the guest's first vbd alone in this mode; the suite
 * speaks to its backend itself, with a ring page and a data page it
 * grants and requests it writes by hand: a good read first (the test
 * disk's sector 0 must arrive), then requests that break every rule the
 * backend checks (unknown and unoffered operations, 0 and 12 segments,
 * a segment past its page or backwards, sectors past the end and
 * wrapping 2^64, a grant reference never granted, a write through a ref
 * granted read-only), each of which must be answered with an error and
 * its id echoed; the ring must go on working after them (a good read
 * again). Last, a producer index far beyond the ring: the backend must
 * cut the device off (Closing, with an error node) rather than read on.
 * dom0's toolstack suite then checks from its side that the backend
 * counted the errors, marked the device broken, and that the disk is
 * unchanged.
 */
#include <tern/kernel.h>
#include <tern/ktest.h>
#include <tern/mm.h>
#include <tern/string.h>
#include <tern/testdisk.h>
#include <tern/workqueue.h>
#include <tern/xen/events.h>
#include <tern/xen/grant_table.h>
#include <tern/xen/xenbus.h>
#include <tern/xen/xenstore.h>
#include <asm/bitops.h>
#include <xen/io/blkif.h>
#include <xen/io/protocols.h>

#define WAIT_MS		10000
#define BAD_GREF	0x7ffff0u	/* never handed out */

static struct {
	struct xenbus_device *dev;
	struct blkif_sring *sring;
	u8 *data, *ro_page;
	gref_t ring_ref, data_ref, ro_ref;
	evtchn_port_t port;
	int irq;
	u32 req_prod, rsp_cons;
	u64 sectors;
	u64 irqs;
	bool up;
} h;

static int hostile_blk_init(const char **reason)
{
	struct xenbus_device *dev;

	if (!ktest_opt_blk_hostile) {
		*reason = "no test_blk_hostile on the command line";
		return -ENODEV;
	}
	for (dev = xenbus_first_device(); dev; dev = dev->next)
		if (!strcmp(dev->type, "vbd"))
			break;
	if (!dev) {
		*reason = "no vbd device";
		return -ENODEV;
	}
	h.dev = dev;
	return 0;
}

static void hostile_irq(unsigned int irq, void *data)
{
	h.irqs++;
}

static bool backend_in(void *arg)
{
	char path[XENBUS_PATH + 8];

	xenbus_node(path, sizeof(path), h.dev->otherend, "state");
	return xenbus_read_state(path) == (enum xenbus_state)(long)arg;
}

static int write_node(const char *node, const char *fmt, u64 v)
{
	char path[XENBUS_PATH + 24];

	xenbus_node(path, sizeof(path), h.dev->nodename, node);
	return xs_printf(XS_TX_NONE, path, fmt, (unsigned long long)v);
}

/* Our own handshake: ring, data pages, event channel, Initialised. */
static void connect_by_hand(struct ktest *t)
{
	char path[XENBUS_PATH + 24];

	KTEST_ASSERT(t, wait_cond_timeout(backend_in,
					  (void *)(long)XenbusStateInitWait,
					  WAIT_MS));
	h.sring = alloc_page(GFP_ZERO);
	h.data = alloc_page(GFP_ZERO);
	h.ro_page = alloc_page(GFP_ZERO);
	KTEST_ASSERT(t, h.sring && h.data && h.ro_page);
	h.sring->req_event = 1;
	h.sring->rsp_event = 1;
	KTEST_ASSERT(t, !gnttab_grant_page(h.dev->otherend_id, h.sring, false,
					   &h.ring_ref));
	KTEST_ASSERT(t, !gnttab_grant_page(h.dev->otherend_id, h.data, false,
					   &h.data_ref));
	KTEST_ASSERT(t, !gnttab_grant_page(h.dev->otherend_id, h.ro_page,
					   true, &h.ro_ref));
	KTEST_ASSERT(t, !evtchn_alloc_unbound(h.dev->otherend_id, &h.port));
	h.irq = bind_evtchn_to_irqhandler(h.port, hostile_irq, "blkhostile",
					  NULL);
	KTEST_ASSERT(t, h.irq >= 0);
	KTEST_ASSERT(t, !write_node("ring-ref", "%llu", gref_x(h.ring_ref)));
	KTEST_ASSERT(t, !write_node("event-channel", "%llu", h.port));
	xenbus_node(path, sizeof(path), h.dev->nodename, "protocol");
	KTEST_ASSERT(t, !xs_write(XS_TX_NONE, path, XEN_IO_PROTO_ABI_X86_64));
	KTEST_ASSERT(t, !write_node("state", "%llu", XenbusStateInitialised));
	KTEST_ASSERT(t, wait_cond_timeout(backend_in,
					  (void *)(long)XenbusStateConnected,
					  WAIT_MS));
	KTEST_ASSERT(t, !xenbus_read_otherend_uint(h.dev, "sectors", ~0ULL,
						   &h.sectors));
	KTEST_ASSERT(t, h.sectors >= 8);
	h.up = true;
}

static bool answered(void *arg)
{
	return READ_ONCE(h.sring->rsp_prod) != h.rsp_cons;
}

/*
 * Post one request as written (nothing checked here: that is the point)
 * and return the response's status, or 1 when none came; the response
 * must echo the id.
 */
static int post(struct ktest *t, const struct blkif_request *rq)
{
	union blkif_sring_entry *e;
	struct blkif_response rsp;

	e = &h.sring->ring[h.req_prod & 31];
	memcpy(&e->req, rq, sizeof(*rq));
	wmb();		/* the request before the index that covers it */
	WRITE_ONCE(h.sring->req_prod, ++h.req_prod);
	mb();		/* the index out before we notify */
	notify_remote_via_evtchn(h.port);
	if (!wait_cond_timeout(answered, NULL, WAIT_MS))
		return 1;
	rmb();		/* rsp_prod before the response it covers */
	memcpy(&rsp, &h.sring->ring[h.rsp_cons & 31].rsp, sizeof(rsp));
	h.rsp_cons++;
	h.sring->rsp_event = h.rsp_cons + 1;
	KTEST_EXPECT_EQ(t, rsp.id, rq->id);
	return rsp.status;
}

static void rw(struct blkif_request *rq, u8 op, u64 sector, gref_t ref,
	       u64 id)
{
	memset(rq, 0, sizeof(*rq));
	rq->operation = op;
	rq->nr_segments = 1;
	rq->id = id;
	rq->sector_number = sector;
	rq->seg[0].gref = gref_x(ref);
	rq->seg[0].first_sect = 0;
	rq->seg[0].last_sect = 7;
}

/* A well-formed discard request (io/blkif.h's layout of the slot). */
static void discard(struct blkif_request *rq, u64 sector, u64 n, u64 id)
{
	struct blkif_request_discard *d = (struct blkif_request_discard *)rq;

	memset(rq, 0, sizeof(*rq));
	d->operation = BLKIF_OP_DISCARD;
	d->id = id;
	d->sector_number = sector;
	d->nr_sectors = n;
}

static void good_read(struct ktest *t, u64 id)
{
	struct blkif_request rq;

	memset(h.data, 0, PAGE_SIZE);
	rw(&rq, BLKIF_OP_READ, 0, h.data_ref, id);
	KTEST_EXPECT_EQ(t, post(t, &rq), BLKIF_RSP_OKAY);
	KTEST_EXPECT_EQ(t, testdisk_check(h.data, 0), 0);
}

static void good_request_answered(struct ktest *t)
{
	connect_by_hand(t);
	good_read(t, 0x1122334455667788ULL);
}

static void bad_requests_answered_with_errors(struct ktest *t)
{
	struct blkif_request rq;
	u64 id = 100, v = 0;

	KTEST_ASSERT(t, h.up);
	rw(&rq, 0x77, 0, h.data_ref, id++);
	KTEST_EXPECT_EQ(t, post(t, &rq), BLKIF_RSP_EOPNOTSUPP);
	rw(&rq, BLKIF_OP_WRITE_BARRIER, 0, h.data_ref, id++);
	KTEST_EXPECT_EQ(t, post(t, &rq), BLKIF_RSP_EOPNOTSUPP);
	if (!xenbus_read_otherend_uint(h.dev, "feature-discard", 1, &v) &&
	    v == 1) {
		/* offered: past the end, and wrapping 2^64 */
		discard(&rq, h.sectors - 7, 8, id++);
		KTEST_EXPECT_EQ(t, post(t, &rq), BLKIF_RSP_ERROR);
		discard(&rq, 8, ~0ULL - 7, id++);
		KTEST_EXPECT_EQ(t, post(t, &rq), BLKIF_RSP_ERROR);
	} else {
		rw(&rq, BLKIF_OP_DISCARD, 0, h.data_ref, id++);
		KTEST_EXPECT_EQ(t, post(t, &rq), BLKIF_RSP_EOPNOTSUPP);
	}

	rw(&rq, BLKIF_OP_READ, 0, h.data_ref, id++);
	rq.nr_segments = 0;
	KTEST_EXPECT_EQ(t, post(t, &rq), BLKIF_RSP_ERROR);
	rq.nr_segments = BLKIF_MAX_SEGMENTS_PER_REQUEST + 1;
	rq.id = id++;
	KTEST_EXPECT_EQ(t, post(t, &rq), BLKIF_RSP_ERROR);

	rw(&rq, BLKIF_OP_READ, 0, h.data_ref, id++);
	rq.seg[0].last_sect = 8;
	KTEST_EXPECT_EQ(t, post(t, &rq), BLKIF_RSP_ERROR);
	rw(&rq, BLKIF_OP_READ, 0, h.data_ref, id++);
	rq.seg[0].first_sect = 5;
	rq.seg[0].last_sect = 3;
	KTEST_EXPECT_EQ(t, post(t, &rq), BLKIF_RSP_ERROR);

	rw(&rq, BLKIF_OP_READ, h.sectors - 7, h.data_ref, id++);
	KTEST_EXPECT_EQ(t, post(t, &rq), BLKIF_RSP_ERROR);
	rw(&rq, BLKIF_OP_READ, ~0ULL - 3, h.data_ref, id++);
	KTEST_EXPECT_EQ(t, post(t, &rq), BLKIF_RSP_ERROR);

	rw(&rq, BLKIF_OP_READ, 0, (__force gref_t)BAD_GREF, id++);
	KTEST_EXPECT_EQ(t, post(t, &rq), BLKIF_RSP_ERROR);
	/* a read lands in the page: a page granted read-only refuses it */
	rw(&rq, BLKIF_OP_READ, 0, h.ro_ref, id++);
	KTEST_EXPECT_EQ(t, post(t, &rq), BLKIF_RSP_ERROR);
	rw(&rq, BLKIF_OP_WRITE, 0, (__force gref_t)BAD_GREF, id++);
	KTEST_EXPECT_EQ(t, post(t, &rq), BLKIF_RSP_ERROR);

	/* the ring still works */
	good_read(t, id++);
	ktest_log(t, "%llu requests answered, %llu events",
		  (unsigned long long)h.req_prod, (unsigned long long)h.irqs);
}

static void producer_far_ahead_cut_off(struct ktest *t)
{
	char path[XENBUS_PATH + 8], why[96];

	KTEST_ASSERT(t, h.up);
	WRITE_ONCE(h.sring->req_prod, h.req_prod + 1000);
	mb();		/* the index out before we notify */
	notify_remote_via_evtchn(h.port);
	KTEST_EXPECT(t, wait_cond_timeout(backend_in,
					  (void *)(long)XenbusStateClosing,
					  WAIT_MS));
	xenbus_node(path, sizeof(path), h.dev->otherend, "error");
	KTEST_EXPECT(t, xs_read(XS_TX_NONE, path, why, sizeof(why)) > 0);
	ktest_log(t, "backend closed the device: %s", why);
	write_node("state", "%llu", XenbusStateClosed);
}

static const struct ktest_case hostile_blk_cases[] = {
	KTEST_CASE(good_request_answered),
	KTEST_CASE(bad_requests_answered_with_errors),
	KTEST_CASE(producer_far_ahead_cut_off),
};

static const struct ktest_suite hostile_blk_suite = {
	.name = "xen_blkfront_hostile",
	.init = hostile_blk_init,
	.cases = hostile_blk_cases,
	.ncases = ARRAY_SIZE(hostile_blk_cases),
};
KTEST_SUITE(hostile_blk_suite);
