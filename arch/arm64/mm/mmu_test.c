// SPDX-License-Identifier: GPL-2.0
/*
 * The arm64_mmu suite: the identity map as the MMU itself sees it. Each
 * address is translated by the hardware (AT S1E1R, then PAR_EL1), not by
 * walking our own tables: the output address must equal the input, and
 * the memory type must be Normal write-back for the Image and every RAM
 * range the page allocator owns (first and last page of each, above
 * 4 GiB too), Device-nGnRE for the console's UART, and an address in an
 * empty slot must not translate at all.
 */
#include <tern/ktest.h>
#include <tern/mm.h>
#include <asm/page.h>
#include <asm/setup.h>
#include <asm/sysreg.h>

#define PAR_F			(1UL << 0)
#define PAR_PA_MASK		0x0000fffffffff000UL
#define PAR_ATTR_SHIFT		56
#define PAR_ATTR_NORMAL_WB	0xff
#define PAR_ATTR_DEVICE_nGnRE	0x04
#define UNMAPPED_VA		0x7f00000000UL

static u64 translate(u64 va)
{
	__asm__ __volatile__("at s1e1r, %0" : : "r"(va) : "memory");
	isb();
	return read_sysreg(par_el1);
}

/* va translates to itself with memory attribute attr */
static bool maps_as(struct ktest *t, u64 va, unsigned int attr)
{
	u64 par = translate(va);

	if (par & PAR_F) {
		ktest_log(t, "%#llx: translation fault (PAR %#llx)", va, par);
		return false;
	}
	if ((par & PAR_PA_MASK) != (va & PAGE_MASK) ||
	    (par >> PAR_ATTR_SHIFT) != attr) {
		ktest_log(t, "%#llx: PAR %#llx, expected PA %#llx attr %#x", va,
			  par, va & PAGE_MASK, attr);
		return false;
	}
	return true;
}

static void image_is_normal_memory(struct ktest *t)
{
	KTEST_EXPECT(t, maps_as(t, (uintptr_t)_text, PAR_ATTR_NORMAL_WB));
	KTEST_EXPECT(t, maps_as(t, (uintptr_t)_end - 1, PAR_ATTR_NORMAL_WB));
}

static void all_ram_is_normal_memory(struct ktest *t)
{
	const struct page_alloc *pa = &kernel_pages;
	unsigned int i;

	KTEST_ASSERT(t, pa->nr > 0);
	for (i = 0; i < pa->nr; i++) {
		u64 first = pa->r[i].start_pfn << PAGE_SHIFT;
		u64 last = (pa->r[i].start_pfn + pa->r[i].npages) * PAGE_SIZE - 1;

		KTEST_EXPECT(t, maps_as(t, first, PAR_ATTR_NORMAL_WB));
		KTEST_EXPECT(t, maps_as(t, last, PAR_ATTR_NORMAL_WB));
		KTEST_EXPECT(t, mmu_is_mapped(first, last - first + 1));
	}
	ktest_log(t, "%u RAM ranges, up to %#llx", pa->nr,
		  (pa->r[pa->nr - 1].start_pfn + pa->r[pa->nr - 1].npages) <<
		  PAGE_SHIFT);
}

static void uart_is_device_memory(struct ktest *t)
{
	KTEST_EXPECT(t, maps_as(t, VIRT_PL011_BASE, PAR_ATTR_DEVICE_nGnRE));
}

static void empty_slot_does_not_translate(struct ktest *t)
{
	KTEST_EXPECT(t, translate(UNMAPPED_VA) & PAR_F);
	KTEST_EXPECT(t, !mmu_is_mapped(UNMAPPED_VA, PAGE_SIZE));
}

static const struct ktest_case arm64_mmu_cases[] = {
	KTEST_CASE(image_is_normal_memory),
	KTEST_CASE(all_ram_is_normal_memory),
	KTEST_CASE(uart_is_device_memory),
	KTEST_CASE(empty_slot_does_not_translate),
};

static struct ktest_suite arm64_mmu_suite = {
	.name = "arm64_mmu",
	.cases = arm64_mmu_cases,
	.ncases = ARRAY_SIZE(arm64_mmu_cases),
};
KTEST_SUITE(arm64_mmu_suite);
