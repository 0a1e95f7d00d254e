// SPDX-License-Identifier: GPL-2.0
/*
 * Kernel front end of the page allocator (mm/page_alloc.c).
 *
 * mm_init() runs once the direct map covers all RAM and the caller has
 * reserved the kernel image, boot information and modules in the map.
 * It reserves the first MiB as well (real-mode IVT, BDA, EBDA, option
 * ROMs, whatever a BIOS or VMM left there), builds kernel_pages and
 * reports the totals.
 *
 * Policy: allocations are served top down, so RAM above 4 GiB is used
 * first and the scarce memory below 4 GiB stays for GFP_DMA32 users.
 * GFP_LOW serves the lowest free pages instead: the page tables of a PV
 * direct map built after mm_init take them, so that they pack at the
 * bottom rather than one in every 2 MiB just below the mapped limit
 * (which left a 1 GiB PV dom0 without 4 MiB of contiguous memory for
 * its DMA pool).
 * Only RAM covered by the direct map is handed out: below DIRECT_MAP_MAX,
 * and below the mapped limit while a 4 KiB direct map (Xen PV) is still
 * being completed after the ready line (paging_init_late()).
 *
 * Locking: page_lock (interrupts off) around every change of
 * kernel_pages, so any CPU may allocate and free; interrupt handlers
 * still must not allocate. The slab's lock nests outside it.
 */
#include <tern/mm.h>
#include <tern/printk.h>
#include <tern/spinlock.h>
#include <tern/string.h>
#include <asm/page.h>

#define MM_LOW_RESERVE	0x100000ULL
#define MM_4G		0x100000000ULL

struct page_alloc kernel_pages;
static DEFINE_SPINLOCK(page_lock);
static DEFINE_SPINLOCK(slab_list_lock);

/* Until the direct map covers all RAM, only pages below this are given. */
static phys_addr_t mapped_limit = DIRECT_MAP_MAX;

void mm_set_mapped_limit(phys_addr_t end)
{
	mapped_limit = end;
}

/* The map the allocator was built from, with the first MiB reserved. */
static struct memmap mm_map;

static u64 mm_pages_above_4g(const struct page_alloc *pa)
{
	u64 pages = 0;
	unsigned int i;

	for (i = 0; i < pa->nr; i++) {
		u64 start = pa->r[i].start_pfn;
		u64 end = start + pa->r[i].npages;

		start = max(start, MM_4G >> PAGE_SHIFT);
		if (end > start)
			pages += end - start;
	}
	return pages;
}

void mm_init(const struct memmap *m)
{
	int ret;

	memcpy(&mm_map, m, sizeof(mm_map));
	memmap_reserve(&mm_map, 0, MM_LOW_RESERVE, MEMMAP_RESERVED);

	ret = page_alloc_init(&kernel_pages, &mm_map, phys_to_virt);
	if (ret == -E2BIG)
		pr_warn("mm: more than %d RAM ranges, the smallest are unused\n",
			PA_MAX_RANGES);
	else if (ret == -ENOMEM)
		panic("mm: no free RAM below 4 GiB can hold the page bitmaps (%llu MiB RAM in the map)",
		      (unsigned long long)(memmap_ram_bytes(&mm_map) >> 20));
	else if (ret)
		panic("mm: page allocator setup failed (%d)", ret);
	if (!kernel_pages.free_pages)
		panic("mm: no free RAM left after the kernel and boot data");

	pr_info("mm: %llu MiB RAM, %llu MiB free, %llu MiB above 4 GiB\n",
		(unsigned long long)(kernel_pages.total_pages >> (20 - PAGE_SHIFT)),
		(unsigned long long)(kernel_pages.free_pages >> (20 - PAGE_SHIFT)),
		(unsigned long long)(mm_pages_above_4g(&kernel_pages) >>
				     (20 - PAGE_SHIFT)));
}

void *alloc_pages(unsigned int npages, unsigned int gfp)
{
	phys_addr_t lo = 0, hi = DIRECT_MAP_MAX, pa;
	unsigned long flags;
	void *va;
	int err;

	if (!npages)
		return NULL;
	if (gfp & GFP_DMA32)
		hi = MM_4G;
	if (gfp & GFP_HIGH)
		lo = MM_4G;
	hi = min(hi, mapped_limit);
	if (lo >= hi)
		return NULL;
	flags = spin_lock_irqsave(&page_lock);
	err = page_alloc_range(&kernel_pages, npages, 1, lo, hi,
			       gfp & GFP_LOW ? 0 : PA_TOP_DOWN, &pa);
	spin_unlock_irqrestore(&page_lock, flags);
	if (err)
		return NULL;
	va = phys_to_virt(pa);
	if (gfp & GFP_ZERO)
		memset(va, 0, (size_t)npages << PAGE_SHIFT);
	return va;
}

int mm_add_ram(u64 start_pfn, u64 npages)
{
	u64 bytes = DIV_ROUND_UP(npages, 64) * sizeof(u64);
	unsigned int pages = DIV_ROUND_UP(bytes, PAGE_SIZE);
	unsigned long flags;
	u64 *bitmap;
	int err;

	if (!npages || npages > DIRECT_MAP_MAX >> PAGE_SHIFT ||
	    start_pfn > (DIRECT_MAP_MAX >> PAGE_SHIFT) - npages)
		return -EINVAL;
	bitmap = alloc_pages(pages, 0);
	if (!bitmap)
		return -ENOMEM;
	flags = spin_lock_irqsave(&page_lock);
	err = page_alloc_add_range(&kernel_pages, start_pfn, npages, bitmap);
	spin_unlock_irqrestore(&page_lock, flags);
	if (err) {
		free_pages(bitmap, pages);
		return err;
	}
	pr_info("mm: %llu MiB of RAM added at %#llx, in use by its owner\n",
		(unsigned long long)(npages >> (20 - PAGE_SHIFT)),
		(unsigned long long)(start_pfn << PAGE_SHIFT));
	return 0;
}

void free_pages(void *va, unsigned int npages)
{
	unsigned long flags;
	int ret;

	if (!va)
		return;
	if (!virt_in_direct_map(va))
		panic("%s: %p is not a direct-map address", __func__, va);
	flags = spin_lock_irqsave(&page_lock);
	ret = page_free_range(&kernel_pages, virt_to_phys(va), npages);
	spin_unlock_irqrestore(&page_lock, flags);
	if (ret)
		panic("%s: invalid free of %u page(s) at %p: not page aligned, not RAM, or not allocated",
		      __func__, npages, va);
}

void *slab_page_alloc(unsigned int npages)
{
	return alloc_pages(npages, 0);
}

void slab_page_free(void *p, unsigned int npages)
{
	free_pages(p, npages);
}

unsigned long slab_lock(void)
{
	return spin_lock_irqsave(&slab_list_lock);
}

void slab_unlock(unsigned long flags)
{
	spin_unlock_irqrestore(&slab_list_lock, flags);
}
