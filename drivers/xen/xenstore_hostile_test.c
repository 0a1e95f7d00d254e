// SPDX-License-Identifier: GPL-2.0
/*
 * A hostile xenstore client (test_xs_hostile): what a misbehaving guest
 * sends its xenstored, and what it must get back. Unknown request types,
 * bodies that break the wire rules, paths outside the guest's tree,
 * more nodes, watches and transactions than its quotas allow: each gets
 * an error reply, and the connection still works afterwards (its own
 * nodes read back). The last line, XS_HOSTILE_MARKER, tells a Tern dom0
 * that every case ran (its toolstack suite requires it of such a guest).
 */
#include <tern/kernel.h>
#include <tern/ktest.h>
#include <tern/printk.h>
#include <tern/string.h>
#include <tern/xen/xenstore.h>
#include <xen/io/xs_wire.h>

#define QUOTA_TRIES	1200	/* above the 1000-node default */
#define WATCH_TRIES	200	/* above the 128-watch default */
#define TX_TRIES	20	/* above the 10-transaction default */

static int hostile_init(const char **reason)
{
	if (!ktest_opt_xs_hostile) {
		*reason = "no test_xs_hostile on the command line";
		return -ENODEV;
	}
	if (!xenstore_ready()) {
		*reason = "no xenstore connection";
		return -ENODEV;
	}
	return 0;
}

static void unknown_types_refused(struct ktest *t)
{
	static const u32 types[] = { 99, XS_WATCH_EVENT, XS_ERROR, 1000 };
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(types); i++)
		KTEST_EXPECT_EQ(t, xs_raw_request(XS_TX_NONE, types[i], "x", 2),
				-EINVAL);
}

static void malformed_bodies_refused(struct ktest *t)
{
	/* a path without its NUL; a watch without a token; a read of two */
	KTEST_EXPECT_EQ(t, xs_raw_request(XS_TX_NONE, XS_READ, "name", 4),
			-EINVAL);
	KTEST_EXPECT_EQ(t, xs_raw_request(XS_TX_NONE, XS_WATCH, "name", 5),
			-EINVAL);
	KTEST_EXPECT_EQ(t, xs_raw_request(XS_TX_NONE, XS_READ, "a\0b", 4),
			-EINVAL);
	KTEST_EXPECT_EQ(t, xs_raw_request(XS_TX_NONE, XS_WRITE, "", 0),
			-EINVAL);
	KTEST_EXPECT_EQ(t, xs_raw_request(XS_TX_NONE, XS_READ, "a//b", 5),
			-EINVAL);
	/* a transaction id it never got */
	KTEST_EXPECT_EQ(t, xs_raw_request(12345, XS_READ, "name", 5),
			-ENOENT);
}

static void other_trees_refused(struct ktest *t)
{
	char buf[16];

	KTEST_EXPECT_EQ(t, xs_write(XS_TX_NONE, "/tool/hostile", "x"), -EACCES);
	KTEST_EXPECT_EQ(t, xs_write(XS_TX_NONE, "/local/domain/0/hostile", "x"),
			-EACCES);
	KTEST_EXPECT_EQ(t, xs_rm(XS_TX_NONE, "/local"), -EACCES);
	KTEST_EXPECT(t, xs_read(XS_TX_NONE, "/local/domain/0/name", buf,
				sizeof(buf)) < 0);
}

static void node_quota_enforced(struct ktest *t)
{
	unsigned int i;
	int err = 0;
	char path[40];

	for (i = 0; i < QUOTA_TRIES && !err; i++) {
		snprintf(path, sizeof(path), "data/q/%u", i);
		err = xs_write(XS_TX_NONE, path, "v");
	}
	ktest_log(t, "node %u refused: %d", i, err);
	KTEST_EXPECT_EQ(t, err, -ENOSPC);
	KTEST_EXPECT(t, i < QUOTA_TRIES);
	/* giving them back makes room again */
	KTEST_EXPECT_EQ(t, xs_rm(XS_TX_NONE, "data/q"), 0);
	KTEST_EXPECT_EQ(t, xs_write(XS_TX_NONE, "data/after", "ok"), 0);
}

static void watch_and_tx_quotas_enforced(struct ktest *t)
{
	char body[48];
	xs_tx_t tx[TX_TRIES];
	unsigned int i, n;
	int err = 0;

	for (i = 0; i < WATCH_TRIES && !err; i++) {
		int len = snprintf(body, sizeof(body), "data%ctok%u", 0, i);

		err = xs_raw_request(XS_TX_NONE, XS_WATCH, body, len + 1);
	}
	KTEST_EXPECT_EQ(t, err, -ENOSPC);
	KTEST_EXPECT(t, i < WATCH_TRIES);
	err = xs_raw_request(XS_TX_NONE, XS_RESET_WATCHES, "", 0);
	KTEST_EXPECT_EQ(t, err, 0);
	err = 0;
	for (n = 0; n < TX_TRIES && !err; n++)
		err = xs_transaction_start(&tx[n]);
	KTEST_EXPECT_EQ(t, err, -ENOSPC);
	KTEST_EXPECT(t, n < TX_TRIES);
	for (i = 0; i + 1 < n; i++)
		KTEST_EXPECT_EQ(t, xs_transaction_end(tx[i], true), 0);
}

static void still_served(struct ktest *t)
{
	char buf[64];

	KTEST_EXPECT(t, xs_read(XS_TX_NONE, "name", buf, sizeof(buf)) > 0);
	KTEST_EXPECT(t, xs_read(XS_TX_NONE, "data/after", buf, sizeof(buf)) == 2);
	if (!t->failed)
		printk("%s\n", XS_HOSTILE_MARKER);
}

static const struct ktest_case hostile_cases[] = {
	KTEST_CASE(unknown_types_refused),
	KTEST_CASE(malformed_bodies_refused),
	KTEST_CASE(other_trees_refused),
	KTEST_CASE(node_quota_enforced),
	KTEST_CASE(watch_and_tx_quotas_enforced),
	KTEST_CASE(still_served),
};

static const struct ktest_suite hostile_suite = {
	.name = "xenstore_hostile",
	.cases = hostile_cases,
	.ncases = ARRAY_SIZE(hostile_cases),
	.init = hostile_init,
};
KTEST_SUITE(hostile_suite);
