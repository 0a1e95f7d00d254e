// SPDX-License-Identifier: GPL-2.0
/*
 * The xen_arm_rings suite: which ring parameters a domU accepts
 * (xen_arm_ring_refusal(), pure, so it runs natively too). The
 * toolstack sets them, so each malformed value must be refused with its
 * reason and never mapped.
 */
#include <tern/kernel.h>
#include <tern/ktest.h>
#include <tern/string.h>
#include <asm/page.h>
#include <asm/xen/xen-ops.h>

#define IMG	0x40200000ULL
#define IMG_END	0x40280000ULL
#define MAGIC	(0x39000000ULL >> PAGE_SHIFT)	/* GUEST_MAGIC_BASE */

static void refused(struct ktest *t, u64 pfn, u64 evtchn, const char *want)
{
	const char *why = xen_arm_ring_refusal(pfn, evtchn, IMG, IMG_END);

	ktest_log(t, "frame %#llx port %#llx: %s", pfn, evtchn,
		  why ? why : "accepted");
	KTEST_EXPECT(t, why && strstr(why, want));
}

static void magic_page_accepted(struct ktest *t)
{
	KTEST_EXPECT(t, !xen_arm_ring_refusal(MAGIC, 1, IMG, IMG_END));
	KTEST_EXPECT(t, !xen_arm_ring_refusal(MAGIC + 1, 0xffffffffULL, IMG,
					      IMG_END));
	/* a page of RAM outside the image is the toolstack's to choose */
	KTEST_EXPECT(t, !xen_arm_ring_refusal(IMG_END >> PAGE_SHIFT, 2, IMG,
					      IMG_END));
}

static void malformed_refused(struct ktest *t)
{
	refused(t, 0, 1, "no frame");
	refused(t, ~0ULL, 1, "not given yet");
	refused(t, 1ULL << 28, 1, "out of range");
	refused(t, ~1ULL, 1, "out of range");
	refused(t, MAGIC, 0, "event channel");
	refused(t, MAGIC, 1ULL << 32, "event channel");
	refused(t, IMG >> PAGE_SHIFT, 1, "kernel image");
	refused(t, (IMG_END >> PAGE_SHIFT) - 1, 1, "kernel image");
}

static const struct ktest_case rings_cases[] = {
	KTEST_CASE(magic_page_accepted),
	KTEST_CASE(malformed_refused),
};

static const struct ktest_suite rings_suite = {
	.name = "xen_arm_rings",
	.cases = rings_cases,
	.ncases = ARRAY_SIZE(rings_cases),
};
KTEST_SUITE(rings_suite);
