// SPDX-License-Identifier: GPL-2.0
/*
 * The console ring writer against a backend that never answers, in any
 * Xen role: a private ring page and a loopback port stand in for
 * xenconsoled. A full ring, and a ring with one free slot when a
 * newline (two slots) comes, end in a bounded wait, then output is
 * dropped and counted without waiting; when the backend moves again a
 * "lost N bytes" note comes first. A consumer index that cannot be
 * right stops all writing; a flush against a dead backend is bounded.
 */
#include <tern/ktest.h>
#include <tern/mm.h>
#include <tern/string.h>
#include <tern/timer.h>
#include <tern/xen/console_ring.h>
#include <tern/xen/events.h>
#include <tern/xen/xen.h>

#define WAIT_MS		100
#define RING		sizeof(((struct xencons_interface *)0)->out)

static struct xencons_interface *intf;
static evtchn_port_t port;
static char buf[3000];

static int ring_suite_init(const char **reason)
{
	if (!xen_shared_info) {
		*reason = "not running on Xen";
		return -ENODEV;
	}
	return 0;
}

static bool ring_open(struct ktest *t, struct xencons_out *o)
{
	intf = alloc_page(GFP_ZERO);
	if (!intf || evtchn_alloc_unbound(DOMID_SELF, &port)) {
		ktest_fail(t, __FILE__, __LINE__, "no page or port");
		if (intf)
			free_page(intf);
		return false;
	}
	xencons_out_init(o, intf, port, WAIT_MS * NSEC_PER_MSEC);
	memset(buf, 'x', sizeof(buf));
	return true;
}

static void ring_close(void)
{
	evtchn_close(port);
	free_page(intf);
}

static u64 ms_since(u64 start)
{
	return (ktime_ns() - start) / NSEC_PER_MSEC;
}

static void dead_backend_write_is_bounded(struct ktest *t)
{
	struct xencons_out o;
	u64 start;

	if (!ring_open(t, &o))
		return;
	start = ktime_ns();
	xencons_out_write(&o, buf, sizeof(buf));
	ktest_log(t, "full ring gave up after %llu ms", ms_since(start));
	KTEST_EXPECT(t, ms_since(start) < 10 * WAIT_MS);
	KTEST_EXPECT(t, o.stalled);
	KTEST_EXPECT_EQ(t, o.lost, sizeof(buf) - RING);
	KTEST_EXPECT_EQ(t, intf->out_prod - intf->out_cons, RING);

	/* stalled: no more waiting, just counting */
	start = ktime_ns();
	xencons_out_write(&o, buf, 100);
	KTEST_EXPECT(t, ms_since(start) < WAIT_MS / 2);
	KTEST_EXPECT_EQ(t, o.lost, sizeof(buf) - RING + 100);
	ring_close();
}

static void recovered_backend_gets_lost_note(struct ktest *t)
{
	static const char note[] = "\r\n[hvc0: lost 1052 bytes]\r\nok\r\n";
	struct xencons_out o;
	XENCONS_RING_IDX cons;
	unsigned int i;

	if (!ring_open(t, &o))
		return;
	xencons_out_write(&o, buf, sizeof(buf));	/* 952 lost */
	xencons_out_write(&o, buf, 100);		/* 100 more */
	/* the backend wakes up and takes everything */
	cons = intf->out_prod;
	WRITE_ONCE(intf->out_cons, cons);
	xencons_out_write(&o, "ok\n", 3);
	KTEST_EXPECT(t, !o.stalled);
	KTEST_EXPECT_EQ(t, o.lost, 0);
	KTEST_EXPECT_EQ(t, o.lost_total, 1052);
	KTEST_ASSERT(t, intf->out_prod - cons == sizeof(note) - 1);
	for (i = 0; i < sizeof(note) - 1; i++)
		if (intf->out[MASK_XENCONS_IDX(cons + i, intf->out)] != note[i])
			break;
	KTEST_EXPECT_EQ(t, i, sizeof(note) - 1);
	ring_close();
}

/* One free slot and "\n" (which needs "\r\n"): a bounded wait, no spin. */
static void newline_into_one_free_slot(struct ktest *t)
{
	struct xencons_out o;
	u64 start;

	if (!ring_open(t, &o))
		return;
	xencons_out_write(&o, buf, RING - 1);
	KTEST_EXPECT(t, !o.stalled);
	start = ktime_ns();
	xencons_out_write(&o, "\n", 1);
	KTEST_EXPECT(t, ms_since(start) < 10 * WAIT_MS);
	KTEST_EXPECT(t, o.stalled);
	KTEST_EXPECT_EQ(t, o.lost, 1);
	KTEST_EXPECT_EQ(t, intf->out_prod - intf->out_cons, RING - 1);
	ring_close();
}

static void bogus_index_stops_writing(struct ktest *t)
{
	struct xencons_out o;
	XENCONS_RING_IDX prod;

	if (!ring_open(t, &o))
		return;
	xencons_out_write(&o, "abc", 3);
	prod = intf->out_prod;
	/* a consumer ahead of the producer: the backend is broken */
	WRITE_ONCE(intf->out_cons, prod + 4096);
	xencons_out_write(&o, "def", 3);
	KTEST_EXPECT(t, o.broken);
	KTEST_EXPECT_EQ(t, intf->out_prod, prod);
	KTEST_EXPECT_EQ(t, intf->out[MASK_XENCONS_IDX(prod, intf->out)], 0);
	/* and stays stopped when the index looks sane again */
	WRITE_ONCE(intf->out_cons, prod);
	xencons_out_write(&o, "ghi", 3);
	KTEST_EXPECT_EQ(t, intf->out_prod, prod);
	KTEST_EXPECT(t, !xencons_out_flush(&o));
	ring_close();
}

static void flush_is_bounded(struct ktest *t)
{
	struct xencons_out o;
	u64 start;

	if (!ring_open(t, &o))
		return;
	xencons_out_write(&o, "last words\n", 11);
	start = ktime_ns();
	KTEST_EXPECT(t, !xencons_out_flush(&o));	/* nobody reads */
	ktest_log(t, "flush gave up after %llu ms", ms_since(start));
	KTEST_EXPECT(t, ms_since(start) >= WAIT_MS);
	KTEST_EXPECT(t, ms_since(start) < 10 * WAIT_MS);
	WRITE_ONCE(intf->out_cons, intf->out_prod);
	KTEST_EXPECT(t, xencons_out_flush(&o));		/* all consumed */
	ring_close();
}

static const struct ktest_case ring_cases[] = {
	KTEST_CASE(dead_backend_write_is_bounded),
	KTEST_CASE(recovered_backend_gets_lost_note),
	KTEST_CASE(newline_into_one_free_slot),
	KTEST_CASE(bogus_index_stops_writing),
	KTEST_CASE(flush_is_bounded),
};

static const struct ktest_suite ring_suite = {
	.name = "xen_console_ring",
	.cases = ring_cases,
	.ncases = ARRAY_SIZE(ring_cases),
	.init = ring_suite_init,
};
KTEST_SUITE(ring_suite);
