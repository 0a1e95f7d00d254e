// SPDX-License-Identifier: GPL-2.0
/*
 * Xen PV P2M: every RAM pfn round-trips pfn -> mfn -> pfn, distinct
 * pfns have distinct mfns (the round trip implies it), frames past
 * nr_pages are identity, and a PTE built for a pfn carries the mfn the
 * P2M names and decodes back to the pfn. The suite is skipped unless
 * Tern runs as a Xen PV guest.
 */
#include <tern/ktest.h>
#include <tern/mm.h>
#include <asm/page.h>
#include <asm/pgtable.h>
#include <asm/xen/p2m.h>
#include <asm/xen/role.h>

static int p2m_pv_init(const char **reason)
{
	if (!xen_pv()) {
		*reason = "not a Xen PV guest (no P2M)";
		return -ENODEV;
	}
	return 0;
}

static void every_ram_pfn_round_trips(struct ktest *t)
{
	unsigned long nr = xen_p2m_nr_pages(), pfn, bad = 0, first = 0;

	KTEST_ASSERT(t, nr > 0);
	for (pfn = 0; pfn < nr; pfn++) {
		unsigned long mfn = pfn_to_mfn(pfn);

		if (mfn == INVALID_P2M_ENTRY || mfn_to_pfn(mfn) != pfn) {
			if (!bad++)
				first = pfn;
		}
	}
	ktest_log(t, "%lu pfns checked, %lu bad (first %#lx)", nr, bad, first);
	KTEST_EXPECT_EQ(t, bad, 0);
}

static void frames_past_ram_are_identity(struct ktest *t)
{
	unsigned long nr = xen_p2m_nr_pages();

	KTEST_EXPECT_EQ(t, pfn_to_mfn(nr), nr);
	KTEST_EXPECT_EQ(t, pfn_to_mfn(nr + 12345), nr + 12345);
	KTEST_EXPECT(t, xen_pfn_is_ram(nr - 1));
	KTEST_EXPECT(t, !xen_pfn_is_ram(nr));
}

static void direct_map_holds_the_mfn(struct ktest *t)
{
	u64 *page = alloc_page(GFP_ZERO);
	unsigned long pfn;
	phys_addr_t pa;
	pteval_t flags;

	KTEST_ASSERT(t, page);
	pfn = virt_to_phys(page) >> PAGE_SHIFT;
	KTEST_EXPECT_EQ(t, lookup_page((unsigned long)page, &pa, &flags), 0);
	KTEST_EXPECT_EQ(t, pa, virt_to_phys(page));
	/* the encoding itself: a PTE for pfn carries the machine frame */
	KTEST_EXPECT_EQ(t, pv_ops.mmu.make_pte(pfn << PAGE_SHIFT, PAGE_KERNEL) &
			PTE_ADDR_MASK, (u64)pfn_to_mfn(pfn) << PAGE_SHIFT);
	free_page(page);
}

static const struct ktest_case p2m_pv_cases[] = {
	KTEST_CASE(every_ram_pfn_round_trips),
	KTEST_CASE(frames_past_ram_are_identity),
	KTEST_CASE(direct_map_holds_the_mfn),
};

static const struct ktest_suite p2m_pv_suite = {
	.name = "xen_pv_p2m",
	.cases = p2m_pv_cases,
	.ncases = ARRAY_SIZE(p2m_pv_cases),
	.init = p2m_pv_init,
};
KTEST_SUITE(p2m_pv_suite);
