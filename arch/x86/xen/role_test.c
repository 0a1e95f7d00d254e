// SPDX-License-Identifier: GPL-2.0
/*
 * The role decided at boot agrees with what the platform says: Xen's
 * CPUID leaves, the start-info flags (SIF_INITDOMAIN), and the role
 * string printed in the ready line.
 */
#include <tern/kernel.h>
#include <tern/ktest.h>
#include <tern/string.h>
#include <tern/xen/xen.h>
#include <asm/xen/hypercall.h>
#include <asm/xen/role.h>
#include <xen/version.h>

static void role_matches_cpuid(struct ktest *t)
{
	bool on_xen = xen_cpuid_base() != 0;

	if (on_xen) {
		KTEST_EXPECT(t, xen_domain());
		KTEST_EXPECT(t, !strncmp(boot_params.role, "xen-", 4));
		KTEST_EXPECT(t, xen_hypercall_fn != NULL);
	} else {
		/* PV guests may hide the leaves; native never runs PV */
		KTEST_EXPECT(t, !xen_pvh());
		if (!xen_pv())
			KTEST_EXPECT(t, !strcmp(boot_params.role, "native"));
	}
}

static void role_string_is_consistent(struct ktest *t)
{
	const char *r = boot_params.role;

	if (xen_pvh())
		KTEST_EXPECT(t, !strcmp(r, xen_dom0() ? "xen-pvh-dom0" :
					  "xen-pvh-domu"));
	else if (xen_pv())
		KTEST_EXPECT(t, !strcmp(r, xen_dom0() ? "xen-pv-dom0" :
					  "xen-pv-domu"));
	else
		KTEST_EXPECT(t, !strcmp(r, "native"));
}

static void start_flags_match_role(struct ktest *t)
{
	long v;

	if (!xen_domain()) {
		ktest_skip(t, "not running on Xen");
		return;
	}
	/* the hypervisor answers, and dom0-ness came from SIF_INITDOMAIN */
	v = HYPERVISOR_xen_version(XENVER_version, NULL);
	KTEST_EXPECT(t, (v >> 16) >= 4);
	KTEST_EXPECT_EQ(t, !!(xen_start_flags() & SIF_INITDOMAIN),
			xen_dom0());
}

static const struct ktest_case role_cases[] = {
	KTEST_CASE(role_matches_cpuid),
	KTEST_CASE(role_string_is_consistent),
	KTEST_CASE(start_flags_match_role),
};

static const struct ktest_suite role_suite = {
	.name = "role",
	.cases = role_cases,
	.ncases = ARRAY_SIZE(role_cases),
};
KTEST_SUITE(role_suite);
