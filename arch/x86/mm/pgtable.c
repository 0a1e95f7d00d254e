// SPDX-License-Identifier: GPL-2.0
/*
 * Kernel page tables. paging_init() builds the final tables from a static
 * pool (no allocator exists yet): a direct map and the kernel map at
 * KERNEL_VMA, then switches to them.
 *
 *  - Natively the direct map is [0, max(4 GiB, end of RAM)) with the
 *    largest pages the CPU offers, and the kernel map covers the image
 *    (2 MiB pages).
 *  - Under Xen PV (pv_ops.mmu.no_large_pages and pfn_is_ram) both
 *    use 4 KiB pages and map RAM pages only: a hole of the memory
 *    map gets no entry (a dom0 hole is the machine's MMIO, never to be
 *    mapped write-back). The kernel map also covers what the entry asks
 *    for (the P2M list, start_info and bootstrap tables Xen put after
 *    the image). The pool covers the kernel map and the first part of
 *    the direct map; paging_init_late() maps the rest after mm_init, one
 *    2 MiB table at a time, each table page taken from RAM mapped by
 *    then (so the mapped part grows as it goes).
 *
 * Later 4 KiB mappings (ioremap, tests) allocate table pages from the
 * page allocator. Every write to a page table goes through pv_ops.mmu
 * (set_pXX with an entry built by make_pte) and every read of a frame
 * through pte_phys, so a Xen PV backend can validate writes and
 * translate pfn <-> mfn. New table pages are announced with alloc_pt
 * before they are linked.
 */
#include <tern/boot_trace.h>
#include <tern/printk.h>
#include <tern/string.h>
#include <tern/mm.h>
#include <asm/page.h>
#include <asm/pgtable.h>

/*
 * Enough for the native direct map of 64 GiB (2 MiB pages) and, with 4 KiB
 * pages (Xen PV), for a kernel map of some MiB and the first ~100 MiB of
 * RAM; the rest of a PV direct map is built by paging_init_late().
 */
#define POOL_PAGES	80
/* pool pages kept for the tables above the last 2 MiB of a mapping */
#define POOL_SLACK	3
/*
 * A 4 KiB direct map covers this much past the kernel map before the
 * switch (what boot needs before the ready line: the allocator's bitmaps,
 * Xen's shared pages, small allocations); the rest is mapped after the
 * ready line. Each table the first switch validates costs Xen time.
 */
#define EARLY_DIRECT_SLACK	(16ULL << 20)

/* not cleared at entry (a third of the image's memory): pool_alloc does */
static pteval_t pt_pool[POOL_PAGES][PTRS_PER_TABLE] __aligned(4096)
	__section(".bss..noclear");
static unsigned int pt_pool_used;
static u64 direct_map_end;	/* everything below is mapped */
static u64 direct_map_goal;	/* what paging_init_late() must reach */
static unsigned long vmap_next = VMAP_BASE;

pteval_t *kernel_pgd;

static pteval_t *pool_alloc(void)
{
	if (pt_pool_used >= POOL_PAGES)
		panic("page-table pool exhausted while building the direct map");
	memset(pt_pool[pt_pool_used], 0, PAGE_SIZE);
	return pt_pool[pt_pool_used++];
}

static void set_entry(pteval_t *p, pteval_t v, int level)
{
	switch (level) {
	case 4:
		pv_ops.mmu.set_pgd(p, v);
		break;
	case 3:
		pv_ops.mmu.set_pud(p, v);
		break;
	case 2:
		pv_ops.mmu.set_pmd(p, v);
		break;
	default:
		pv_ops.mmu.set_pte(p, v);
		break;
	}
}

/* Does the direct map (and kernel map) give pa an entry? */
static bool dm_has(u64 pa)
{
	return !pv_ops.mmu.pfn_is_ram || pv_ops.mmu.pfn_is_ram(pa >> PAGE_SHIFT);
}

/*
 * The direct map now covers [0, end): the page allocator hands out only
 * pages below it until it covers everything (then any page).
 */
static void set_direct_map_end(u64 end)
{
	direct_map_end = min(end, direct_map_goal);
	mm_set_mapped_limit(direct_map_end < direct_map_goal ? direct_map_end :
			    DIRECT_MAP_MAX);
}

/* Table below entry *e of the given level, created from the pool. */
static pteval_t *early_next(pteval_t *e, int level)
{
	pteval_t *t;

	if (*e & _PAGE_PRESENT)
		return (pteval_t *)(uintptr_t)(pv_ops.mmu.pte_phys(*e) +
					       KERNEL_VMA);
	t = pool_alloc();
	pv_ops.mmu.alloc_pt(virt_to_phys(t), level - 1);
	set_entry(e, pv_ops.mmu.make_pte(virt_to_phys(t), PAGE_KERNEL), level);
	return t;
}

static void map_early_4k(unsigned long va, u64 pa)
{
	pteval_t *pud = early_next(&kernel_pgd[pt_index(va, 4)], 4);
	pteval_t *pmd = early_next(&pud[pt_index(va, 3)], 3);
	pteval_t *pt = early_next(&pmd[pt_index(va, 2)], 2);

	set_entry(&pt[pt_index(va, 1)],
		  pv_ops.mmu.make_pte(pa, PAGE_KERNEL | _PAGE_GLOBAL), 1);
}

static void map_early_large(unsigned long va, u64 pa, bool gb)
{
	pteval_t *pud = early_next(&kernel_pgd[pt_index(va, 4)], 4);
	pteval_t *pmd;

	if (gb) {
		set_entry(&pud[pt_index(va, 3)],
			  pv_ops.mmu.make_pte(pa, PAGE_KERNEL | _PAGE_PSE |
					      _PAGE_GLOBAL), 3);
		return;
	}
	pmd = early_next(&pud[pt_index(va, 3)], 3);
	set_entry(&pmd[pt_index(va, 2)],
		  pv_ops.mmu.make_pte(pa, PAGE_KERNEL | _PAGE_PSE |
				      _PAGE_GLOBAL), 2);
}

/* Pool pages a 4 KiB map of [0, end) restricted to RAM needs at most. */
static unsigned int small_map_tables(u64 end)
{
	return DIV_ROUND_UP(end, 1UL << PMD_SHIFT) +
	       DIV_ROUND_UP(end, 1UL << PUD_SHIFT) + 1;
}

void paging_init(const struct memmap *m, u64 kmap_end)
{
	u64 ram_end = memmap_ram_end(m);
	u64 end = ram_end > (4ULL << 30) ? ram_end : (4ULL << 30);
	unsigned int i;
	u64 kend = ALIGN_UP((u64)virt_to_phys(_end), 1UL << PMD_SHIFT);
	bool small = pv_ops.mmu.no_large_pages;
	unsigned int reserve = 0;
	bool gbpages;
	u32 a, b, c, d;
	u64 pa;

	pv_ops.cpu.cpuid(0x80000001, 0, &a, &b, &c, &d);
	gbpages = !small && (d & (1u << 26));
	if (pv_ops.mmu.pfn_is_ram) {
		/* RAM in use (the image, modules) is typed reserved by now */
		for (end = 0, i = 0; i < m->nr; i++)
			if (dm_has(m->e[i].addr))
				end = max(end, ALIGN_UP(m->e[i].addr + m->e[i].size,
							PAGE_SIZE));
	}
	if (end > DIRECT_MAP_MAX)
		end = DIRECT_MAP_MAX;
	if (kmap_end > kend)
		kend = ALIGN_UP(kmap_end, 1UL << PMD_SHIFT);
	if (kend > (2ULL << 30) - (1ULL << 20))
		panic("kernel map of %llu MiB does not fit below the top 2 GiB",
		      kend >> 20);
	if (small)
		reserve = small_map_tables(kend) + POOL_SLACK;
	if (reserve >= POOL_PAGES)
		panic("kernel map of %llu MiB needs %u page-table pages, the pool has %u",
		      kend >> 20, reserve, POOL_PAGES);

	kernel_pgd = pool_alloc();
	pv_ops.mmu.alloc_pt(virt_to_phys(kernel_pgd), 4);

	/* the direct map, as far as the pool goes */
	for (pa = 0; pa < end;) {
		if (!dm_has(pa)) {
			pa += PAGE_SIZE;
			continue;
		}
		if (!small) {
			map_early_large(DIRECT_MAP_BASE + pa, pa, gbpages);
			pa += gbpages ? 1UL << PUD_SHIFT : 1UL << PMD_SHIFT;
			continue;
		}
		/* a page needs at most POOL_SLACK new tables */
		if (pt_pool_used + POOL_SLACK + reserve > POOL_PAGES ||
		    pa >= kend + EARLY_DIRECT_SLACK)
			break;		/* the rest: paging_init_late() */
		map_early_4k(DIRECT_MAP_BASE + pa, pa);
		pa += PAGE_SIZE;
	}
	direct_map_goal = end;
	set_direct_map_end(pa);

	/* the kernel map: RAM pages only where the direct map is so */
	for (pa = 0; pa < kend; pa += small ? PAGE_SIZE : 1UL << PMD_SHIFT) {
		if (!small) {
			map_early_large(KERNEL_VMA + pa, pa, false);
			continue;
		}
		if (dm_has(pa))
			map_early_4k(KERNEL_VMA + pa, pa);
	}
	boot_phase("paging_cr3");
	pv_ops.cpu.write_cr3(virt_to_phys(kernel_pgd));
	pr_info("paging: direct map %llu MiB with %s pages, kernel map %llu MiB, %u table pages\n",
		direct_map_end >> 20, small ? "4 KiB" : gbpages ? "1 GiB" :
		"2 MiB", kend >> 20, pt_pool_used);
}

static pteval_t *next_table(pteval_t *e, int level, bool create);

/*
 * The rest of a 4 KiB direct map: one 2 MiB table at a time, filled
 * while it is still ordinary memory, then announced (alloc_pt: PV makes
 * it read-only) and linked with one write. The mapped limit advances with
 * each table, so later tables come from memory mapped just before.
 */
void paging_init_late(void)
{
	unsigned int tables = 0;
	u64 pa;

	for (pa = direct_map_end; pa < direct_map_goal;) {
		u64 chunk = ALIGN_DOWN(pa, 1UL << PMD_SHIFT);
		u64 cend = chunk + (1UL << PMD_SHIFT);
		unsigned long va = DIRECT_MAP_BASE + chunk;
		pteval_t *pud, *pmd, *pt;
		phys_addr_t tpa;
		u64 p;

		/* no table for a chunk without RAM (a hole) */
		for (p = pa; p < cend && p < direct_map_goal && !dm_has(p);)
			p += PAGE_SIZE;
		if (p >= cend || p >= direct_map_goal) {
			pa = cend;
			set_direct_map_end(cend);
			continue;
		}
		pud = next_table(&kernel_pgd[pt_index(va, 4)], 4, true);
		pmd = pud ? next_table(&pud[pt_index(va, 3)], 3, true) : NULL;
		pt = pmd ? next_table(&pmd[pt_index(va, 2)], 2, false) : NULL;
		if (pt) {
			/* the pool mapped the start of this chunk */
			pv_ops.mmu.lazy_enter();
			for (; pa < cend && pa < direct_map_goal; pa += PAGE_SIZE)
				if (dm_has(pa))
					pv_ops.mmu.set_pte(&pt[pt_index(DIRECT_MAP_BASE + pa, 1)],
						   pv_ops.mmu.make_pte(pa, PAGE_KERNEL |
								       _PAGE_GLOBAL));
			pv_ops.mmu.lazy_leave();
		} else {
			pt = pmd ? alloc_page(GFP_ZERO | GFP_LOW) : NULL;
			if (!pt)
				panic("no memory for the direct map beyond %llu MiB",
				      pa >> 20);
			tpa = virt_to_phys(pt);
			for (; pa < cend && pa < direct_map_goal; pa += PAGE_SIZE)
				if (dm_has(pa))
					pt[pt_index(DIRECT_MAP_BASE + pa, 1)] =
						pv_ops.mmu.make_pte(pa, PAGE_KERNEL |
								    _PAGE_GLOBAL);
			pv_ops.mmu.alloc_pt(tpa, 1);
			set_entry(&pmd[pt_index(va, 2)],
				  pv_ops.mmu.make_pte(tpa, PAGE_KERNEL), 2);
			tables++;
		}
		set_direct_map_end(cend);
	}
	if (tables)
		pr_info("paging: direct map extended to %llu MiB (%u more tables)\n",
			direct_map_goal >> 20, tables);
	set_direct_map_end(direct_map_goal);
}

/* Table below *e, allocated from the page allocator if missing. */
static pteval_t *next_table(pteval_t *e, int level, bool create)
{
	phys_addr_t pa;
	void *t;

	if (*e & _PAGE_PRESENT) {
		if (*e & _PAGE_PSE)
			return NULL;
		return phys_to_virt(pv_ops.mmu.pte_phys(*e));
	}
	if (!create)
		return NULL;
	t = alloc_page(GFP_ZERO | GFP_LOW);	/* below the mapped limit */
	if (!t)
		return NULL;
	pa = virt_to_phys(t);
	pv_ops.mmu.alloc_pt(pa, level - 1);
	set_entry(e, pv_ops.mmu.make_pte(pa, PAGE_KERNEL), level);
	return t;
}

static pteval_t *walk(unsigned long va, bool create)
{
	pteval_t *t = kernel_pgd;
	int level;

	for (level = 4; level > 1; level--) {
		t = next_table(&t[pt_index(va, level)], level, create);
		if (!t)
			return NULL;
	}
	return &t[pt_index(va, 1)];
}

int map_page(unsigned long va, phys_addr_t pa, pteval_t flags)
{
	pteval_t *pte = walk(va, true);

	if (!pte)
		return -ENOMEM;
	if (*pte & _PAGE_PRESENT)
		return -EEXIST;
	pv_ops.mmu.set_pte(pte, pv_ops.mmu.make_pte(pa, flags));
	return 0;
}

int unmap_page(unsigned long va)
{
	pteval_t *pte = walk(va, false);

	if (!pte || !(*pte & _PAGE_PRESENT))
		return -ENOENT;
	pv_ops.mmu.set_pte(pte, 0);
	pv_ops.mmu.flush_tlb_one(va);
	return 0;
}

int protect_page(unsigned long va, pteval_t flags)
{
	pteval_t *pte = walk(va, false);
	phys_addr_t pa;

	if (!pte || !(*pte & _PAGE_PRESENT))
		return -ENOENT;
	pa = pv_ops.mmu.pte_phys(*pte);
	pv_ops.mmu.set_pte(pte, pv_ops.mmu.make_pte(pa, flags));
	pv_ops.mmu.flush_tlb_one(va);
	return 0;
}

int lookup_page(unsigned long va, phys_addr_t *pa, pteval_t *flags)
{
	pteval_t *pte = walk(va, false);

	if (!pte || !(*pte & _PAGE_PRESENT))
		return -ENOENT;
	*pa = pv_ops.mmu.pte_phys(*pte);
	*flags = *pte & PTE_FLAGS_MASK;
	return 0;
}

unsigned long vmap_alloc_va(size_t size)
{
	unsigned long va = vmap_next;

	size = ALIGN_UP(size, PAGE_SIZE);
	if (size > VMAP_BASE + VMAP_SIZE - vmap_next)
		return 0;
	/* one unmapped guard page after every area */
	vmap_next += size + PAGE_SIZE;
	return va;
}
