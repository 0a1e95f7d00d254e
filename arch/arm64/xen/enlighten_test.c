// SPDX-License-Identifier: GPL-2.0
/*
 * The xen_arm suite: the hypercall ABI against Xen itself. Skipped as a
 * whole natively (no /hypervisor node); the Xen rows require it.
 *  - XENVER_version answers 4.x, and the extraversion string (a guest
 *    buffer Xen writes through our stage-1 tables) is terminated;
 *  - an operation Xen does not have gives -ENOSYS in x0 (the result
 *    register and the sign survive the call);
 *  - dom0's console_io write succeeds (Xen 4.17 returns 0 once all is
 *    written; a later Xen may return the count: both are accepted);
 *  - Xen's XENFEAT_dom0 bit agrees with the role.
 */
#include <tern/kernel.h>
#include <tern/ktest.h>
#include <tern/string.h>
#include <tern/xen/xen.h>
#include <asm/xen/hypercall.h>
#include <asm/xen/xen-ops.h>
#include <xen/features.h>
#include <xen/version.h>

#define XEN_ENOSYS	38

static int xen_arm_suite_init(const char **reason)
{
	if (!xen_arm_present()) {
		*reason = "not under Xen";
		return -ENODEV;
	}
	return 0;
}

static void version_is_4x(struct ktest *t)
{
	xen_extraversion_t extra;
	long ver = HYPERVISOR_xen_version(XENVER_version, NULL);

	memset(extra, 0xff, sizeof(extra));
	ktest_log(t, "Xen %ld.%ld", ver >> 16, ver & 0xffff);
	KTEST_EXPECT_EQ(t, ver >> 16, 4);
	KTEST_ASSERT(t, HYPERVISOR_xen_version(XENVER_extraversion, extra) == 0);
	KTEST_EXPECT(t, strnlen(extra, sizeof(extra)) < sizeof(extra));
}

static void unknown_op_enosys(struct ktest *t)
{
	/* 63: no hypercall of that number (xen.h stops well below) */
	long ret = xen_hypercall(63, 0, 0, 0);

	KTEST_EXPECT_EQ(t, ret, -XEN_ENOSYS);
}

static void console_io_counts(struct ktest *t)
{
	char msg[] = "xen_arm: console_io\n";
	long ret;

	if (!xen_arm_dom0()) {
		ktest_skip(t, "domU: Xen refuses console_io");
		return;
	}
	ret = HYPERVISOR_console_io(CONSOLEIO_write, sizeof(msg) - 1, msg);
	KTEST_EXPECT(t, ret == 0 || ret == sizeof(msg) - 1);
}

static void dom0_feature_matches_role(struct ktest *t)
{
	struct xen_feature_info fi = { .submap_idx = 0 };
	bool dom0_bit;

	KTEST_ASSERT(t, HYPERVISOR_xen_version(XENVER_get_features, &fi) == 0);
	dom0_bit = fi.submap & (1u << XENFEAT_dom0);
	KTEST_EXPECT_EQ(t, dom0_bit, xen_arm_dom0());
	KTEST_EXPECT_EQ(t, dom0_bit,
			!strcmp(boot_params.role, "arm64-xen-dom0"));
}

static const struct ktest_case xen_arm_cases[] = {
	KTEST_CASE(version_is_4x),
	KTEST_CASE(unknown_op_enosys),
	KTEST_CASE(console_io_counts),
	KTEST_CASE(dom0_feature_matches_role),
};

static const struct ktest_suite xen_arm_suite = {
	.name = "xen_arm",
	.cases = xen_arm_cases,
	.ncases = ARRAY_SIZE(xen_arm_cases),
	.init = xen_arm_suite_init,
};
KTEST_SUITE(xen_arm_suite);
