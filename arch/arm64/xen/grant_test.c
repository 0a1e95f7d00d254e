// SPDX-License-Identifier: GPL-2.0
/*
 * The xen_arm_grant suite: foreign grant mappings on Xen on Arm
 * (arch/arm64/xen/grant.c) against Xen itself, with a grant of our own
 * page to our own domain id (the only peer a single-domain row has).
 *  - foreign_bus_is_machine_frame: the mapping's guest-physical address
 *    is a slot of the window, not the page's own address, the bytes are
 *    the page's, and the bus address Xen gives (dev_bus_addr) is the
 *    frame's machine address: in the 1:1 dom0 that is our page's own
 *    physical address (P==M for our RAM), which the host address is
 *    not; in a VP domU it is a machine address we cannot check (logged);
 *  - window_is_bounded: XEN_FOREIGN_PAGES mappings fit, one more is
 *    -ENOSPC with nothing taken, and every slot comes back on unmap.
 * Skipped natively and where Xen gave no extended region.
 */
#include <tern/dma_model.h>
#include <tern/ktest.h>
#include <tern/mm.h>
#include <tern/string.h>
#include <tern/xen/grant_table.h>
#include <asm/page.h>
#include <asm/xen/grant.h>
#include <asm/xen/xen-ops.h>

static domid_t self;

static int xen_arm_grant_suite_init(const char **reason)
{
	if (!gnttab_ready()) {
		*reason = "no grant table (not on Xen)";
		return -ENODEV;
	}
	if (xen_self_domid(&self)) {
		*reason = "own domain id unknown";
		return -EIO;
	}
	return 0;
}

/* Grant p read-only to ourselves and map it; false (and skip) without a window. */
static bool grant_and_map(struct ktest *t, void *p, gref_t *ref,
			  struct xen_grant_mapping *m)
{
	s16 st;
	int err;

	if (gnttab_grant_page(self, p, true, ref)) {
		ktest_fail(t, __FILE__, __LINE__, "no grant ref");
		return false;
	}
	err = xen_grant_map(self, gref_x(*ref), true, m, &st);
	if (err == -ENODEV)
		ktest_skip(t, "no foreign window (no extended region)");
	else if (err)
		ktest_fail(t, __FILE__, __LINE__,
			   "GNTTABOP_map_grant_ref: %d, status %d", err, st);
	if (err)
		gnttab_end_access(*ref);
	return !err;
}

static void foreign_bus_is_machine_frame(struct ktest *t)
{
	u8 *p = alloc_page(GFP_ZERO);
	struct xen_grant_mapping m;
	u64 pa, bus;
	gref_t ref;
	unsigned int i;

	KTEST_ASSERT(t, p);
	for (i = 0; i < PAGE_SIZE; i++)
		p[i] = (u8)(0x3c + i * 5);
	pa = virt_to_phys(p);
	if (!grant_and_map(t, p, &ref, &m))
		goto out;
	bus = (__force u64)xen_grant_bus(&m, 0);
	ktest_log(t, "page %#llx mapped at gfn %#llx, dev_bus_addr %#llx",
		  pa, m.host_addr >> PAGE_SHIFT, bus);
	KTEST_EXPECT(t, m.host_addr != pa);
	KTEST_EXPECT_EQ(t, (u64)virt_to_phys(m.va), m.host_addr);
	KTEST_EXPECT(t, !memcmp(m.va, p, PAGE_SIZE));
	KTEST_EXPECT(t, bus && !(bus & (PAGE_SIZE - 1)));
	/* the device must not be given the host address */
	KTEST_EXPECT(t, bus != m.host_addr);
	KTEST_EXPECT_EQ(t, (u64)(__force u64)xen_grant_bus(&m, 9), bus + 9);
	if (xen_arm_dom0())
		/* 1:1 dom0: the frame's machine address is our page's */
		KTEST_EXPECT_EQ(t, bus, (__force u64)arch_phys_to_bus(pa));
	KTEST_EXPECT_EQ(t, xen_grant_unmap(&m), 0);
	KTEST_EXPECT_EQ(t, gnttab_end_access(ref), 0);
	/* our own page kept its gfn and bytes (unlike x86 PVH's self-map) */
	KTEST_EXPECT_EQ(t, p[9], (u8)(0x3c + 9 * 5));
out:
	free_page(p);
}

static void window_is_bounded(struct ktest *t)
{
	struct xen_grant_mapping m[XEN_FOREIGN_PAGES + 1];
	u8 *p = alloc_page(GFP_ZERO);
	unsigned int got = 1, bad = 0, i;
	gref_t ref;
	s16 st;

	KTEST_ASSERT(t, p);
	p[7] = 0xa5;
	if (!grant_and_map(t, p, &ref, &m[0]))
		goto out;
	while (got < XEN_FOREIGN_PAGES &&
	       !xen_grant_map(self, gref_x(ref), true, &m[got], &st))
		got++;
	KTEST_EXPECT_EQ(t, got, XEN_FOREIGN_PAGES);
	KTEST_EXPECT_EQ(t, xen_grant_map(self, gref_x(ref), true, &m[got],
					 &st), -ENOSPC);
	for (i = 0; i < got; i++) {
		if (((u8 *)m[i].va)[7] != 0xa5)
			bad++;
		if (i && m[i].host_addr == m[0].host_addr)
			bad++;
	}
	KTEST_EXPECT_EQ(t, bad, 0);
	KTEST_EXPECT_EQ(t, gnttab_end_access(ref), -EBUSY);
	for (i = 0; i < got; i++)
		KTEST_EXPECT_EQ(t, xen_grant_unmap(&m[i]), 0);
	/* every slot is back: the window maps again */
	got = 0;
	while (got < XEN_FOREIGN_PAGES &&
	       !xen_grant_map(self, gref_x(ref), true, &m[got], &st))
		got++;
	KTEST_EXPECT_EQ(t, got, XEN_FOREIGN_PAGES);
	for (i = 0; i < got; i++)
		KTEST_EXPECT_EQ(t, xen_grant_unmap(&m[i]), 0);
	KTEST_EXPECT_EQ(t, gnttab_end_access(ref), 0);
out:
	free_page(p);
}

static const struct ktest_case xen_arm_grant_cases[] = {
	KTEST_CASE(foreign_bus_is_machine_frame),
	KTEST_CASE(window_is_bounded),
};

static const struct ktest_suite xen_arm_grant_suite = {
	.name = "xen_arm_grant",
	.cases = xen_arm_grant_cases,
	.ncases = ARRAY_SIZE(xen_arm_grant_cases),
	.init = xen_arm_grant_suite_init,
};
KTEST_SUITE(xen_arm_grant_suite);
