// SPDX-License-Identifier: GPL-2.0
/*
 * Xen PV P2M: every RAM pfn round-trips pfn -> mfn -> pfn, distinct
 * pfns have distinct mfns (the round trip implies it), the RAM pfns are
 * as many as Xen says it gave us and lie in RAM of Xen's map (dom0: the
 * machine E820), non-RAM pfns have no frame (domU) or are identity
 * (dom0), the M2P can be asked about a hole, and the page tables Xen
 * runs on (walked from the cr3 Xen reports) map a direct-map page to the
 * machine frame Xen's M2P names for its pfn. The suite is skipped unless
 * Tern runs as a Xen PV guest.
 */
#include <tern/ktest.h>
#include <tern/mm.h>
#include <asm/page.h>
#include <asm/processor.h>
#include <asm/pgtable.h>
#include <asm/xen/p2m.h>
#include <asm/xen/role.h>
#include <asm/xen/hypercall.h>
#include <asm/xen/xen-ops.h>
#include <tern/string.h>
#include <xen/memory.h>

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
	unsigned long end = xen_p2m_end_pfn(), pfn, bad = 0, first = 0, n = 0;
	unsigned long ballooned = 0;

	KTEST_ASSERT(t, end > 0);
	for (pfn = 0; pfn < end; pfn++) {
		unsigned long mfn;

		if (!xen_pfn_is_ram(pfn))
			continue;
		n++;
		mfn = pfn_to_mfn(pfn);
		/* given back by the balloon, or room it has not filled */
		if (mfn == INVALID_P2M_ENTRY) {
			ballooned++;
			continue;
		}
		if (mfn_to_pfn(mfn) != pfn) {
			if (!bad++)
				first = pfn;
		}
	}
	ktest_log(t, "%lu RAM pfns below %#lx checked (%lu without a frame), %lu bad (first %#lx)",
		  n, end, ballooned, bad, first);
	KTEST_EXPECT_EQ(t, bad, 0);
}

/* Xen's own count of the frames this domain owns. */
static void ram_is_what_xen_gave(struct ktest *t)
{
	unsigned long end = xen_p2m_end_pfn(), pfn, n = 0, backed = 0;
	domid_t self = DOMID_SELF;
	long pages = HYPERVISOR_memory_op(XENMEM_current_reservation, &self);

	for (pfn = 0; pfn < end; pfn++) {
		if (!xen_pfn_is_ram(pfn))
			continue;
		n++;
		backed += pfn_to_mfn(pfn) != INVALID_P2M_ENTRY;
	}
	ktest_log(t, "%lu RAM pfns, %lu with a frame, Xen reserves %ld pages for us",
		  n, backed, pages);
	KTEST_ASSERT(t, pages > 0);
	KTEST_EXPECT_EQ(t, backed, (unsigned long)pages);
	KTEST_EXPECT_EQ(t, n, xen_p2m_nr_pages());
}

/*
 * Every RAM pfn is RAM in Xen's map (dom0: the machine E820, so no RAM
 * pfn shadows the PCI hole; domU: its own map), and a pfn that is not
 * RAM has no frame (domU) or is the machine's own (dom0: identity).
 */
static struct memmap xen_map;

static bool in_map_ram(unsigned long pfn)
{
	u64 pa = (u64)pfn << PAGE_SHIFT;
	unsigned int i;

	for (i = 0; i < xen_map.nr; i++)
		if (xen_map.e[i].type == MEMMAP_RAM && pa >= xen_map.e[i].addr &&
		    pa + PAGE_SIZE <= xen_map.e[i].addr + xen_map.e[i].size)
			return true;
	return false;
}

static void ram_follows_xens_map(struct ktest *t)
{
	unsigned long end = xen_p2m_end_pfn(), pfn, bad = 0, holes = 0;
	unsigned long wrong = 0;

	memset(&xen_map, 0, sizeof(xen_map));
	KTEST_ASSERT(t, !(xen_dom0() ? xen_machine_memory_map(&xen_map) :
			  xen_memory_map(&xen_map)));
	for (pfn = 0; pfn < end + 1024; pfn++) {
		if (xen_pfn_is_ram(pfn)) {
			bad += !in_map_ram(pfn);
			continue;
		}
		holes++;
		wrong += pfn_to_mfn(pfn) != (xen_dom0() ? pfn : INVALID_P2M_ENTRY);
	}
	ktest_log(t, "%s: %u map entries, %lu RAM pfns outside its RAM, %lu non-RAM pfns below %#lx (%lu with a wrong frame)",
		  xen_dom0() ? "machine E820" : "memory_map", xen_map.nr, bad,
		  holes, end + 1024, wrong);
	KTEST_EXPECT_EQ(t, bad, 0);
	KTEST_EXPECT_EQ(t, wrong, 0);
	KTEST_EXPECT(t, !xen_pfn_is_ram(end));
}

/* The M2P is unmapped over machine holes: asking there must not fault. */
static void m2p_of_a_hole_is_safe(struct ktest *t)
{
	/* the local APIC page; a frame at 64 GiB, where no row has RAM */
	unsigned long hole[2] = { 0xfee00, (64UL << 30) >> PAGE_SHIFT };
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(hole); i++)
		KTEST_EXPECT_EQ(t, mfn_to_pfn(hole[i]),
				xen_dom0() ? hole[i] : INVALID_P2M_ENTRY);
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
	KTEST_CASE(ram_is_what_xen_gave),
	KTEST_CASE(ram_follows_xens_map),
	KTEST_CASE(m2p_of_a_hole_is_safe),
	KTEST_CASE(direct_map_holds_the_mfn),
};

static const struct ktest_suite p2m_pv_suite = {
	.name = "xen_pv_p2m",
	.cases = p2m_pv_cases,
	.ncases = ARRAY_SIZE(p2m_pv_cases),
	.init = p2m_pv_init,
};
KTEST_SUITE(p2m_pv_suite);
