// SPDX-License-Identifier: GPL-2.0
/*
 * Page-table map / unmap / protect on 4 KiB kernel mappings, checked by
 * real accesses (faults are caught through the exception table).
 */
#include <tern/ktest.h>
#include <tern/mm.h>
#include <tern/acpi.h>
#include <asm/apic.h>
#include <asm/io.h>
#include <asm/page.h>
#include <asm/pgtable.h>
#include <asm/traps.h>

static void map_write_read_back(struct ktest *t)
{
	u64 *page = alloc_page(GFP_ZERO);
	unsigned long va = vmap_alloc_va(PAGE_SIZE);
	phys_addr_t pa;
	pteval_t flags;
	u64 v = 0;

	KTEST_ASSERT(t, page && va);
	KTEST_EXPECT_EQ(t, map_page(va, virt_to_phys(page), PAGE_KERNEL), 0);
	KTEST_EXPECT_EQ(t, map_page(va, virt_to_phys(page), PAGE_KERNEL),
			-EEXIST);
	KTEST_EXPECT_EQ(t, lookup_page(va, &pa, &flags), 0);
	KTEST_EXPECT_EQ(t, pa, virt_to_phys(page));
	KTEST_EXPECT(t, flags & _PAGE_RW);
	KTEST_EXPECT_EQ(t, probe_write_u64((void *)(va + 8), 0xfeedf00dULL), 0);
	KTEST_EXPECT_EQ(t, page[1], 0xfeedf00dULL);
	page[2] = 42;
	KTEST_EXPECT_EQ(t, probe_read_u64((void *)(va + 16), &v), 0);
	KTEST_EXPECT_EQ(t, v, 42);
	KTEST_EXPECT_EQ(t, unmap_page(va), 0);
	free_page(page);
}

static void protect_read_only(struct ktest *t)
{
	u64 *page = alloc_page(GFP_ZERO);
	unsigned long va = vmap_alloc_va(PAGE_SIZE);
	u64 v = 0;

	KTEST_ASSERT(t, page && va);
	KTEST_ASSERT(t, !map_page(va, virt_to_phys(page), PAGE_KERNEL));
	KTEST_EXPECT_EQ(t, protect_page(va, PAGE_KERNEL_RO), 0);
	KTEST_EXPECT_EQ(t, probe_write_u64((void *)va, 1), -EFAULT);
	KTEST_EXPECT_EQ(t, page[0], 0);
	KTEST_EXPECT_EQ(t, probe_read_u64((void *)va, &v), 0);
	KTEST_EXPECT_EQ(t, protect_page(va, PAGE_KERNEL), 0);
	KTEST_EXPECT_EQ(t, probe_write_u64((void *)va, 9), 0);
	KTEST_EXPECT_EQ(t, page[0], 9);
	unmap_page(va);
	free_page(page);
}

static void unmap_faults(struct ktest *t)
{
	u64 *page = alloc_page(GFP_ZERO);
	unsigned long va = vmap_alloc_va(PAGE_SIZE);
	phys_addr_t pa;
	pteval_t flags;
	u64 v;

	KTEST_ASSERT(t, page && va);
	KTEST_ASSERT(t, !map_page(va, virt_to_phys(page), PAGE_KERNEL));
	KTEST_EXPECT_EQ(t, unmap_page(va), 0);
	KTEST_EXPECT_EQ(t, probe_read_u64((void *)va, &v), -EFAULT);
	KTEST_EXPECT_EQ(t, lookup_page(va, &pa, &flags), -ENOENT);
	KTEST_EXPECT_EQ(t, unmap_page(va), -ENOENT);
	KTEST_EXPECT_EQ(t, protect_page(va, PAGE_KERNEL), -ENOENT);
	free_page(page);
}

static void ioremap_is_uncached(struct ktest *t)
{
	void __iomem *io;
	phys_addr_t pa;
	pteval_t flags;
	u32 ver;

	/* a real device page: the local APIC (its version register) */
	if (!lapic_present() || !acpi.lapic_addr) {
		ktest_skip(t, "no local APIC page to map in this domain");
		return;
	}
	io = ioremap(acpi.lapic_addr + 0x30, 4);
	KTEST_ASSERT(t, io);
	ver = readl(io);
	KTEST_EXPECT(t, (ver & 0xff) >= 0x10 && (ver & 0xff) <= 0x20);
	KTEST_EXPECT_EQ(t, lookup_page((unsigned long)(uintptr_t)(void __force *)io,
				       &pa, &flags), 0);
	KTEST_EXPECT_EQ(t, pa, acpi.lapic_addr & PAGE_MASK);
	KTEST_EXPECT(t, flags & _PAGE_PCD);
	iounmap(io, 4);
}

static const struct ktest_case pgtable_cases[] = {
	KTEST_CASE(map_write_read_back),
	KTEST_CASE(protect_read_only),
	KTEST_CASE(unmap_faults),
	KTEST_CASE(ioremap_is_uncached),
};

static const struct ktest_suite pgtable_suite = {
	.name = "pgtable",
	.cases = pgtable_cases,
	.ncases = ARRAY_SIZE(pgtable_cases),
};
KTEST_SUITE(pgtable_suite);
