// SPDX-License-Identifier: GPL-2.0
/*
 * xenbus against xenstore: the device list is what the toolstack wrote
 * (read back independently with xs_directory), each device's backend is
 * the one its nodes name, and the control features are advertised.
 */
#include <tern/kernel.h>
#include <tern/ktest.h>
#include <tern/string.h>
#include <tern/xen/xenbus.h>

static int xenbus_suite_init(const char **reason)
{
	if (!xenstore_ready()) {
		*reason = "no xenstore connection";
		return -ENODEV;
	}
	return 0;
}

static void devices_are_xenstores(struct ktest *t)
{
	const char *ids[32];
	char buf[512];
	struct xenbus_device *dev;
	int n, mine = 0, i;

	n = xs_directory(XS_TX_NONE, "device/vbd", buf, sizeof(buf), ids,
			 ARRAY_SIZE(ids));
	if (n == -ENOENT)
		n = 0;
	KTEST_ASSERT(t, n >= 0);
	for (dev = xenbus_first_device(); dev; dev = dev->next) {
		char path[XENBUS_PATH + 16], be[XENBUS_PATH];

		if (strcmp(dev->type, "vbd"))
			continue;
		mine++;
		for (i = 0; i < n && i < (int)ARRAY_SIZE(ids); i++)
			if (!strcmp(ids[i], dev->id))
				break;
		KTEST_EXPECT(t, i < n);
		xenbus_node(path, sizeof(path), dev->nodename, "backend");
		KTEST_EXPECT(t, xs_read(XS_TX_NONE, path, be, sizeof(be)) > 0 &&
			     !strcmp(be, dev->otherend));
		/* bound, unless left to the hostile frontend test */
		KTEST_EXPECT(t, dev->drv != NULL || ktest_opt_blk_hostile);
	}
	KTEST_EXPECT_EQ(t, mine, n);
	ktest_log(t, "%d vbd device(s) in xenstore and on the bus", n);
}

static void control_features_advertised(struct ktest *t)
{
	u64 v;

	KTEST_EXPECT(t, !xs_read_uint(XS_TX_NONE, "control/feature-poweroff",
				      1, &v) && v == 1);
	KTEST_EXPECT(t, !xs_read_uint(XS_TX_NONE, "control/feature-reboot",
				      1, &v) && v == 1);
}

static void state_names_cover_the_enum(struct ktest *t)
{
	KTEST_EXPECT(t, !strcmp(xenbus_strstate(XenbusStateConnected),
				"Connected"));
	KTEST_EXPECT(t, !strcmp(xenbus_strstate(XenbusStateReconfigured),
				"Reconfigured"));
	KTEST_EXPECT(t, !strcmp(xenbus_strstate(99), "invalid"));
	/* a state node that is not a state reads as Unknown */
	KTEST_EXPECT_EQ(t, xs_write(XS_TX_NONE, "data/tern-state", "42"), 0);
	KTEST_EXPECT_EQ(t, xenbus_read_state("data/tern-state"),
			XenbusStateUnknown);
	KTEST_EXPECT_EQ(t, xs_write(XS_TX_NONE, "data/tern-state", "4x"), 0);
	KTEST_EXPECT_EQ(t, xenbus_read_state("data/tern-state"),
			XenbusStateUnknown);
	xs_rm(XS_TX_NONE, "data/tern-state");
}

static const struct ktest_case xenbus_cases[] = {
	KTEST_CASE(devices_are_xenstores),
	KTEST_CASE(control_features_advertised),
	KTEST_CASE(state_names_cover_the_enum),
};

static const struct ktest_suite xenbus_suite = {
	.name = "xenbus",
	.cases = xenbus_cases,
	.ncases = ARRAY_SIZE(xenbus_cases),
	.init = xenbus_suite_init,
};
KTEST_SUITE(xenbus_suite);
