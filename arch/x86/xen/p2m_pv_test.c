// SPDX-License-Identifier: GPL-2.0
/*
 * Xen PV P2M: every RAM pfn round-trips pfn -> mfn -> pfn, distinct
 * pfns have distinct mfns (the round trip implies it), frames past
 * nr_pages are identity, and the page tables Xen runs on (walked from the
 * cr3 Xen reports) map a direct-map page to the machine frame Xen's M2P
 * names for its pfn. The suite is skipped unless
 * Tern runs as a Xen PV guest.
 */
#include <tern/ktest.h>
#include <tern/mm.h>
#include <asm/page.h>
#include <asm/processor.h>
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

/*
 * The leaf entry for va as Xen runs it: walk from the cr3 Xen reports (a
 * PV "mov %cr3" is emulated with the machine address of the base table)
 * through the raw entries, each table found through Xen's M2P. Uses none
 * of our PTE encoding or decoding. Returns the machine frame, or 0.
 */
static unsigned long walk_from_xen_cr3(unsigned long va)
{
	u64 entry = native_read_cr3() & PTE_ADDR_MASK;
	int level;

	for (level = 3; level >= 0; level--) {
		const u64 *table = phys_to_virt((phys_addr_t)mfn_to_pfn(entry >> PAGE_SHIFT) <<
						PAGE_SHIFT);

		entry = table[(va >> (PAGE_SHIFT + 9 * level)) & 511];
		if (!(entry & _PAGE_PRESENT) || (level && (entry & _PAGE_PSE)))
			return 0;
		entry &= PTE_ADDR_MASK;
	}
	return entry >> PAGE_SHIFT;
}

static void direct_map_holds_the_mfn(struct ktest *t)
{
	u64 *page = alloc_page(GFP_ZERO);
	unsigned long pfn, mfn;

	KTEST_ASSERT(t, page);
	pfn = virt_to_phys(page) >> PAGE_SHIFT;
	mfn = walk_from_xen_cr3((unsigned long)page);
	ktest_log(t, "pfn %#lx: the page tables Xen runs on map machine frame %#lx",
		  pfn, mfn);
	KTEST_ASSERT(t, mfn);
	/* Xen's M2P names the frame the hardware uses for this page */
	KTEST_EXPECT_EQ(t, mfn_to_pfn(mfn), pfn);
	KTEST_EXPECT_EQ(t, mfn, pfn_to_mfn(pfn));
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
