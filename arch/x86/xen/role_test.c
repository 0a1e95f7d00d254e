// SPDX-License-Identifier: GPL-2.0
/*
 * The role decided at boot, and the role string the ready line prints,
 * agree with what the platform says on its own: CPUID (is there a
 * hypervisor with Xen's leaves), Xen's feature bits (XENVER_get_features:
 * an auto-translated guest with a callback vector is PVH, a guest Xen
 * preserves A/D bits for in PT updates is PV, XENFEAT_dom0 is the
 * hardware domain) and the start-info flags (SIF_INITDOMAIN).
 */
#include <tern/kernel.h>
#include <tern/ktest.h>
#include <tern/string.h>
#include <tern/xen/xen.h>
#include <asm/xen/hypercall.h>
#include <asm/xen/role.h>
#include <xen/version.h>

static bool role_is(const char *want)
{
	return !strcmp(boot_params.role, want);
}

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
			KTEST_EXPECT(t, role_is("native"));
	}
}

static void role_matches_xen_features(struct ktest *t)
{
	struct xen_feature_info fi = { .submap_idx = 0 };
	bool pvh, pv, dom0;
	const char *want;

	if (!xen_domain()) {
		KTEST_EXPECT(t, role_is("native"));
		ktest_skip(t, "not running on Xen");
		return;
	}
	KTEST_ASSERT(t, HYPERVISOR_xen_version(XENVER_get_features, &fi) == 0);
	pvh = (fi.submap & (1U << XENFEAT_auto_translated_physmap)) &&
	      (fi.submap & (1U << XENFEAT_hvm_callback_vector));
	pv = !(fi.submap & (1U << XENFEAT_auto_translated_physmap)) &&
	     (fi.submap & (1U << XENFEAT_mmu_pt_update_preserve_ad));
	dom0 = fi.submap & (1U << XENFEAT_dom0);
	ktest_log(t, "Xen features %#x: %s, %s", fi.submap,
		  pvh ? "PVH" : pv ? "PV" : "neither PV nor PVH",
		  dom0 ? "hardware domain" : "unprivileged");
	KTEST_EXPECT(t, pv != pvh);
	want = pvh ? (dom0 ? "xen-pvh-dom0" : "xen-pvh-domu") :
		     (dom0 ? "xen-pv-dom0" : "xen-pv-domu");
	if (!role_is(want))
		ktest_fail(t, __FILE__, __LINE__, "role %s, Xen says %s",
			   boot_params.role, want);
	KTEST_EXPECT_EQ(t, xen_pvh(), pvh);
	KTEST_EXPECT_EQ(t, xen_pv(), pv);
	KTEST_EXPECT_EQ(t, xen_dom0(), dom0);
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
	KTEST_CASE(role_matches_xen_features),
	KTEST_CASE(start_flags_match_role),
};

static const struct ktest_suite role_suite = {
	.name = "role",
	.cases = role_cases,
	.ncases = ARRAY_SIZE(role_cases),
};
KTEST_SUITE(role_suite);
