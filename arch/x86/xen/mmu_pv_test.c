// SPDX-License-Identifier: GPL-2.0
/*
 * Xen PV MMU: lazy-mode batching (N PTE updates cost at most
 * ceil(N/32) + 1 hypercalls, counted in xen_hypercall_count[]), page
 * tables are read-only to the kernel (a direct write faults and is
 * fixed up, the entry stays unchanged), alloc_pt/release_pt flip the
 * page's mappings, the cr3 Xen reports (an emulated mov from cr3) is the
 * machine frame of kernel_pgd. Runs only under Xen PV.
 */
#include <tern/ktest.h>
#include <tern/mm.h>
#include <asm/page.h>
#include <asm/pgtable.h>
#include <asm/traps.h>
#include <asm/xen/hypercall.h>
#include <asm/processor.h>
#include <asm/xen/p2m.h>
#include <asm/xen/page.h>
#include <asm/xen/role.h>

#define BATCH_N		100

static int mmu_pv_init(const char **reason)
{
	if (!xen_pv()) {
		*reason = "not a Xen PV guest (hardware page tables)";
		return -ENODEV;
	}
	return 0;
}

static u64 hypercalls(void)
{
	u64 n = 0;
	unsigned int i;

	for (i = 0; i < XEN_NR_HYPERCALLS; i++)
		n += xen_hypercall_count[i];
	return n;
}

static void lazy_batch_is_cheap(struct ktest *t)
{
	u64 *page = alloc_page(GFP_ZERO);
	unsigned long area = vmap_alloc_va(4UL << 20);
	unsigned long base = ALIGN_UP(area, 2UL << 20);
	u64 before, map_cost, unmap_cost, v = 0;
	unsigned int i, bad = 0;

	KTEST_ASSERT(t, page && area);
	page[3] = 0xc0ffee;
	/* first mapping outside the batch: it may need a new L1 table */
	KTEST_ASSERT(t, !map_page(base, virt_to_phys(page), PAGE_KERNEL_RO));

	before = hypercalls();
	pv_ops.mmu.lazy_enter();
	for (i = 1; i <= BATCH_N; i++)
		if (map_page(base + i * PAGE_SIZE, virt_to_phys(page),
			     PAGE_KERNEL_RO))
			bad++;
	pv_ops.mmu.lazy_leave();
	map_cost = hypercalls() - before;
	KTEST_EXPECT_EQ(t, bad, 0);
	for (i = 0; i <= BATCH_N; i++) {
		if (probe_read_u64((void *)(base + i * PAGE_SIZE + 24), &v) ||
		    v != 0xc0ffee)
			bad++;
	}
	KTEST_EXPECT_EQ(t, bad, 0);

	/* unmapping queues the PTE writes and the INVLPGs */
	before = hypercalls();
	pv_ops.mmu.lazy_enter();
	for (i = 0; i <= BATCH_N; i++)
		unmap_page(base + i * PAGE_SIZE);
	pv_ops.mmu.lazy_leave();
	unmap_cost = hypercalls() - before;
	for (i = 0; i <= BATCH_N; i++)
		if (probe_read_u64((void *)(base + i * PAGE_SIZE), &v) != -EFAULT)
			bad++;
	KTEST_EXPECT_EQ(t, bad, 0);

	ktest_log(t, "%u maps: %llu hypercalls, %u unmaps: %llu hypercalls",
		  BATCH_N, map_cost, BATCH_N + 1, unmap_cost);
	KTEST_EXPECT(t, map_cost <= (BATCH_N + 31) / 32 + 1);
	/* 2 queued operations per page, each queue flushes at 32 */
	KTEST_EXPECT(t, unmap_cost <= (BATCH_N + 1 + 31) / 32 + 1);
	free_page(page);
}

static void page_table_write_refused(struct ktest *t)
{
	pteval_t *slot = &kernel_pgd[1];	/* user half: unused */
	pteval_t old = *slot;
	phys_addr_t pa;
	pteval_t flags;

	KTEST_EXPECT(t, xen_pv_pfn_is_pt(virt_to_phys(kernel_pgd) >> PAGE_SHIFT));
	KTEST_EXPECT_EQ(t, probe_write_u64(slot, 0x1234567000ULL | _PAGE_PRESENT),
			-EFAULT);
	KTEST_EXPECT_EQ(t, pv_ops.cpu.read_cr2(), (unsigned long)slot);
	KTEST_EXPECT_EQ(t, *slot, old);
	/* the direct-map alias of the root is read-only as well */
	KTEST_EXPECT_EQ(t, lookup_page((unsigned long)phys_to_virt(virt_to_phys(kernel_pgd)),
				       &pa, &flags), 0);
	KTEST_EXPECT(t, !(flags & _PAGE_RW));
	KTEST_EXPECT_EQ(t, probe_write_u64(phys_to_virt(virt_to_phys(slot)), 1),
			-EFAULT);
}

static void alloc_and_release_pt(struct ktest *t)
{
	u64 *page = alloc_page(GFP_ZERO);
	phys_addr_t pa;
	pteval_t flags;

	KTEST_ASSERT(t, page);
	pv_ops.mmu.alloc_pt(virt_to_phys(page), 1);
	KTEST_EXPECT_EQ(t, lookup_page((unsigned long)page, &pa, &flags), 0);
	KTEST_EXPECT(t, !(flags & _PAGE_RW));
	KTEST_EXPECT_EQ(t, probe_write_u64(page, 5), -EFAULT);
	pv_ops.mmu.release_pt(virt_to_phys(page), 1);
	KTEST_EXPECT_EQ(t, lookup_page((unsigned long)page, &pa, &flags), 0);
	KTEST_EXPECT(t, flags & _PAGE_RW);
	KTEST_EXPECT_EQ(t, probe_write_u64(page, 5), 0);
	KTEST_EXPECT_EQ(t, page[0], 5);
	free_page(page);
}

/*
 * What Xen runs on: a PV kernel's "mov %cr3" traps and Xen emulates it
 * with the machine address of the base table it installed, so compare
 * that with the machine frame of our root, and the cr3 our pv_ops report
 * with what Xen's M2P says that frame is.
 */
static void cr3_is_kernel_pgd(struct ktest *t)
{
	u64 xen_cr3 = native_read_cr3();
	unsigned long pfn = virt_to_phys(kernel_pgd) >> PAGE_SHIFT;

	ktest_log(t, "Xen's cr3 %#llx, kernel_pgd pfn %#lx", xen_cr3, pfn);
	KTEST_EXPECT_EQ(t, xen_cr3 & PTE_ADDR_MASK,
			(u64)pfn_to_mfn(pfn) << PAGE_SHIFT);
	KTEST_EXPECT_EQ(t, (u64)mfn_to_pfn(xen_cr3 >> PAGE_SHIFT) << PAGE_SHIFT,
			pv_ops.cpu.read_cr3());
}

static const struct ktest_case mmu_pv_cases[] = {
	KTEST_CASE(lazy_batch_is_cheap),
	KTEST_CASE(page_table_write_refused),
	KTEST_CASE(alloc_and_release_pt),
	KTEST_CASE(cr3_is_kernel_pgd),
};

static const struct ktest_suite mmu_pv_suite = {
	.name = "xen_pv_mmu",
	.cases = mmu_pv_cases,
	.ncases = ARRAY_SIZE(mmu_pv_cases),
	.init = mmu_pv_init,
};
KTEST_SUITE(mmu_pv_suite);
