// SPDX-License-Identifier: GPL-2.0
/*
 * Tests of the xenstore client against the real xenstored (a domU's
 * only xenstore). What xenstored answers is the independent view: a
 * value written is read back through another path form, a conflicting
 * transaction is refused by xenstored, a permission error is xenstored's,
 * a watch fires because xenstored sent the event.
 */
#include <tern/kernel.h>
#include <tern/ktest.h>
#include <tern/string.h>
#include <tern/workqueue.h>
#include <tern/xen/xenstore.h>
#include <asm/xen/grant.h>
#include <xen/io/xs_wire.h>

#define TEST_DIR	"data/tern-test"

static int xs_suite_init(const char **reason)
{
	if (!xenstore_ready()) {
		*reason = "no xenstore connection";
		return -ENODEV;
	}
	return 0;
}

static void domid_matches_absolute_path(struct ktest *t)
{
	char rel[64], abs[64], path[64];
	int id = xs_own_domid();
	domid_t self;

	/* xenstore's "domid" against Xen's own word (an event channel's) */
	KTEST_ASSERT(t, id >= 0);
	KTEST_ASSERT(t, !xen_self_domid(&self));
	KTEST_EXPECT_EQ(t, id, self);
	KTEST_ASSERT(t, xs_read(XS_TX_NONE, "name", rel, sizeof(rel)) > 0);
	snprintf(path, sizeof(path), "/local/domain/%d/name", id);
	KTEST_ASSERT(t, xs_read(XS_TX_NONE, path, abs, sizeof(abs)) > 0);
	KTEST_EXPECT(t, !strcmp(rel, abs));
	ktest_log(t, "domid %d, name %s", id, rel);
}

static void write_read_directory_rm(struct ktest *t)
{
	char buf[256];
	const char *names[8];
	int n, i, found = 0;

	KTEST_EXPECT_EQ(t, xs_write(XS_TX_NONE, TEST_DIR "/a", "hello"), 0);
	KTEST_EXPECT_EQ(t, xs_printf(XS_TX_NONE, TEST_DIR "/b", "%u", 42u), 0);
	n = xs_read(XS_TX_NONE, TEST_DIR "/a", buf, sizeof(buf));
	KTEST_EXPECT_EQ(t, n, 5);
	KTEST_EXPECT(t, !strcmp(buf, "hello"));
	n = xs_directory(XS_TX_NONE, TEST_DIR, buf, sizeof(buf), names,
			 ARRAY_SIZE(names));
	KTEST_EXPECT_EQ(t, n, 2);
	for (i = 0; i < n && i < (int)ARRAY_SIZE(names); i++)
		found += !strcmp(names[i], "a") + !strcmp(names[i], "b");
	KTEST_EXPECT_EQ(t, found, 2);
	KTEST_EXPECT_EQ(t, xs_rm(XS_TX_NONE, TEST_DIR), 0);
	KTEST_EXPECT_EQ(t, xs_read(XS_TX_NONE, TEST_DIR "/a", buf, sizeof(buf)),
			-ENOENT);
	KTEST_EXPECT(t, !xs_exists(XS_TX_NONE, TEST_DIR));
}

static void errors_are_xenstoreds(struct ktest *t)
{
	char small[4];
	static char longpath[XENSTORE_PAYLOAD_MAX + 16];
	int id = xs_own_domid();

	KTEST_ASSERT(t, id >= 0);
	KTEST_EXPECT_EQ(t, xs_read(XS_TX_NONE, "data/no/such/node", small,
				   sizeof(small)), -ENOENT);
	/*
	 * dom0's nodes are not a guest's to write; domain 0 itself is
	 * xenstore's privileged client (the protocol's rule) and may.
	 */
	if (id) {
		KTEST_EXPECT_EQ(t, xs_write(XS_TX_NONE,
					    "/local/domain/0/tern-test", "x"),
				-EACCES);
	} else {
		KTEST_EXPECT_EQ(t, xs_write(XS_TX_NONE,
					    "/local/domain/1/tern-test", "x"),
				0);
		KTEST_EXPECT_EQ(t, xs_rm(XS_TX_NONE, "/local/domain/1/tern-test"),
				0);
	}
	KTEST_EXPECT_EQ(t, xs_read(XS_TX_NONE, "name", small, sizeof(small)),
			-ENOSPC);
	memset(longpath, 'a', sizeof(longpath) - 1);
	KTEST_EXPECT_EQ(t, xs_write(XS_TX_NONE, longpath, "x"), -E2BIG);
	/* the connection survives all of that */
	KTEST_EXPECT_EQ(t, xs_own_domid(), id);
}

static void transaction_commit_and_abort(struct ktest *t)
{
	char buf[16];
	xs_tx_t tx;

	KTEST_ASSERT(t, !xs_transaction_start(&tx));
	KTEST_EXPECT_EQ(t, xs_write(tx, TEST_DIR "/tx", "1"), 0);
	/* not visible outside the transaction before the commit */
	KTEST_EXPECT_EQ(t, xs_read(XS_TX_NONE, TEST_DIR "/tx", buf,
				   sizeof(buf)), -ENOENT);
	KTEST_EXPECT_EQ(t, xs_transaction_end(tx, false), 0);
	KTEST_EXPECT_EQ(t, xs_read(XS_TX_NONE, TEST_DIR "/tx", buf,
				   sizeof(buf)), 1);

	KTEST_ASSERT(t, !xs_transaction_start(&tx));
	KTEST_EXPECT_EQ(t, xs_write(tx, TEST_DIR "/tx", "2"), 0);
	KTEST_EXPECT_EQ(t, xs_transaction_end(tx, true), 0);
	KTEST_EXPECT_EQ(t, xs_read(XS_TX_NONE, TEST_DIR "/tx", buf,
				   sizeof(buf)), 1);
	KTEST_EXPECT(t, !strcmp(buf, "1"));
	xs_rm(XS_TX_NONE, TEST_DIR);
}

static void conflicting_transaction_gets_eagain(struct ktest *t)
{
	char buf[16];
	xs_tx_t tx;
	int err, tries;

	KTEST_ASSERT(t, !xs_write(XS_TX_NONE, TEST_DIR "/c", "0"));
	KTEST_ASSERT(t, !xs_transaction_start(&tx));
	KTEST_EXPECT_EQ(t, xs_read(tx, TEST_DIR "/c", buf, sizeof(buf)), 1);
	/* someone else changes it meanwhile */
	KTEST_EXPECT_EQ(t, xs_write(XS_TX_NONE, TEST_DIR "/c", "1"), 0);
	KTEST_EXPECT_EQ(t, xs_write(tx, TEST_DIR "/c", "2"), 0);
	KTEST_EXPECT_EQ(t, xs_transaction_end(tx, false), -EAGAIN);
	/* the retry, as every user does it, succeeds */
	for (tries = 0; tries < 5; tries++) {
		KTEST_ASSERT(t, !xs_transaction_start(&tx));
		xs_read(tx, TEST_DIR "/c", buf, sizeof(buf));
		xs_write(tx, TEST_DIR "/c", "3");
		err = xs_transaction_end(tx, false);
		if (err != -EAGAIN)
			break;
	}
	KTEST_EXPECT_EQ(t, err, 0);
	KTEST_EXPECT_EQ(t, xs_read(XS_TX_NONE, TEST_DIR "/c", buf,
				   sizeof(buf)), 1);
	KTEST_EXPECT(t, !strcmp(buf, "3"));
	xs_rm(XS_TX_NONE, TEST_DIR);
}

struct watch_count {
	struct xs_watch w;
	unsigned int fired;
	bool in_work;
	char last[64];
};

static void count_cb(struct xs_watch *w, const char *path)
{
	struct watch_count *c = (struct watch_count *)w;

	c->fired++;
	c->in_work = in_work();
	strlcpy(c->last, path, sizeof(c->last));
}

static bool fired_at_least(void *arg)
{
	struct watch_count *c = arg;

	return c->fired >= *(unsigned int *)c->w.data;
}

static bool wait_fired(struct watch_count *c, unsigned int n)
{
	c->w.data = &n;
	return wait_cond_timeout(fired_at_least, c, 2000);
}

static void watch_fires_in_work_context(struct ktest *t)
{
	static struct watch_count c = {
		.w = { .path = TEST_DIR "/w", .cb = count_cb },
	};

	c.fired = 0;
	KTEST_ASSERT(t, !xs_watch(&c.w));
	/* xenstored fires a new watch once */
	KTEST_EXPECT(t, wait_fired(&c, 1));
	KTEST_EXPECT(t, c.in_work);
	KTEST_EXPECT_EQ(t, xs_write(XS_TX_NONE, TEST_DIR "/w/x", "1"), 0);
	KTEST_EXPECT(t, wait_fired(&c, 2));
	KTEST_EXPECT(t, !strcmp(c.last, TEST_DIR "/w/x"));
	KTEST_EXPECT_EQ(t, xs_unwatch(&c.w), 0);
	c.fired = 0;
	KTEST_EXPECT_EQ(t, xs_write(XS_TX_NONE, TEST_DIR "/w/x", "2"), 0);
	/* no event after unwatch: a round trip later, still nothing */
	KTEST_EXPECT(t, xs_exists(XS_TX_NONE, TEST_DIR "/w/x"));
	run_pending_work();
	KTEST_EXPECT_EQ(t, c.fired, 0);
	xs_rm(XS_TX_NONE, TEST_DIR);
}

static const struct ktest_case xs_cases[] = {
	KTEST_CASE(domid_matches_absolute_path),
	KTEST_CASE(write_read_directory_rm),
	KTEST_CASE(errors_are_xenstoreds),
	KTEST_CASE(transaction_commit_and_abort),
	KTEST_CASE(conflicting_transaction_gets_eagain),
	KTEST_CASE(watch_fires_in_work_context),
};

static const struct ktest_suite xs_suite = {
	.name = "xenstore",
	.cases = xs_cases,
	.ncases = ARRAY_SIZE(xs_cases),
	.init = xs_suite_init,
};
KTEST_SUITE(xs_suite);
