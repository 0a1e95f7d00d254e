// SPDX-License-Identifier: GPL-2.0
/*
 * In-kernel tests of the page allocator on the live kernel_pages: real
 * RAM written and read back through the direct map, GFP policies, and
 * the validation of frees.
 */
#include <tern/ktest.h>
#include <tern/mm.h>
#include <tern/string.h>
#include <asm/page.h>

#define PAT_4G		0x100000000ULL

static u64 ram_top(void)
{
	const struct page_alloc *pa = &kernel_pages;

	if (!pa->nr)
		return 0;
	return (pa->r[pa->nr - 1].start_pfn + pa->r[pa->nr - 1].npages) <<
	       PAGE_SHIFT;
}

/* Fill npages at va with a pattern derived from the physical address. */
static void pattern_write(void *va, unsigned int npages, u64 salt)
{
	u64 *w = va;
	u64 base = virt_to_phys(va);
	size_t i, n = (size_t)npages * PAGE_SIZE / sizeof(u64);

	for (i = 0; i < n; i++)
		w[i] = (base + i * 8) ^ salt;
}

static bool pattern_check(const void *va, unsigned int npages, u64 salt)
{
	const u64 *w = va;
	u64 base = virt_to_phys(va);
	size_t i, n = (size_t)npages * PAGE_SIZE / sizeof(u64);

	/* READ_ONCE: really read the RAM, do not reuse what was stored */
	for (i = 0; i < n; i++)
		if (READ_ONCE(w[i]) != ((base + i * 8) ^ salt))
			return false;
	return true;
}

static void single_page(struct ktest *t)
{
	u64 before = kernel_pages.free_pages;
	void *p = alloc_page(0);

	KTEST_ASSERT(t, p != NULL);
	KTEST_EXPECT(t, virt_in_direct_map(p));
	KTEST_EXPECT(t, IS_ALIGNED((uintptr_t)p, PAGE_SIZE));
	KTEST_EXPECT(t, virt_to_phys(p) != 0);
	KTEST_EXPECT_EQ(t, kernel_pages.free_pages, before - 1);
	pattern_write(p, 1, 0x5a5a5a5a5a5a5a5aULL);
	KTEST_EXPECT(t, pattern_check(p, 1, 0x5a5a5a5a5a5a5a5aULL));
	free_page(p);
	KTEST_EXPECT_EQ(t, kernel_pages.free_pages, before);
}

static void multi_page(struct ktest *t)
{
	u64 before = kernel_pages.free_pages;
	void *a = alloc_pages(16, 0);
	void *b = alloc_pages(3, 0);

	KTEST_ASSERT(t, a && b);
	KTEST_EXPECT_EQ(t, kernel_pages.free_pages, before - 19);
	/* the blocks do not overlap */
	KTEST_EXPECT(t, (char *)b + 3 * PAGE_SIZE <= (char *)a ||
		     (char *)a + 16 * PAGE_SIZE <= (char *)b);
	pattern_write(a, 16, 1);
	pattern_write(b, 3, 2);
	KTEST_EXPECT(t, pattern_check(a, 16, 1));
	KTEST_EXPECT(t, pattern_check(b, 3, 2));
	free_pages(a, 16);
	free_pages(b, 3);
	KTEST_EXPECT_EQ(t, kernel_pages.free_pages, before);
}

static void aligned_blocks(struct ktest *t)
{
	phys_addr_t bad;
	u64 align;

	for (align = 1; align <= 512; align <<= 3) {
		phys_addr_t pa = 0;
		int ret = page_alloc_range(&kernel_pages, 3, align, 0, ~0ULL,
					   PA_TOP_DOWN, &pa);

		KTEST_ASSERT(t, ret == 0);
		KTEST_EXPECT(t, IS_ALIGNED(pa, align * PAGE_SIZE));
		pattern_write(phys_to_virt(pa), 3, align);
		KTEST_EXPECT(t, pattern_check(phys_to_virt(pa), 3, align));
		KTEST_EXPECT_EQ(t, page_free_range(&kernel_pages, pa, 3), 0);
	}
	KTEST_EXPECT_EQ(t, page_alloc_range(&kernel_pages, 1, 3, 0, ~0ULL, 0,
					    &bad), -EINVAL);
}

static void dma32_below_4g(struct ktest *t)
{
	void *p = alloc_pages(2, GFP_DMA32);

	KTEST_ASSERT(t, p != NULL);
	KTEST_EXPECT(t, virt_to_phys(p) + 2 * PAGE_SIZE <= PAT_4G);
	pattern_write(p, 2, 32);
	KTEST_EXPECT(t, pattern_check(p, 2, 32));
	free_pages(p, 2);
	KTEST_EXPECT(t, alloc_pages(1, GFP_DMA32 | GFP_HIGH) == NULL);
	KTEST_EXPECT(t, alloc_pages(0, 0) == NULL);
}

static void high_above_4g(struct ktest *t)
{
	void *p, *q;

	if (ram_top() <= PAT_4G) {
		ktest_skip(t, "no RAM above 4 GiB");
		return;
	}
	p = alloc_page(GFP_HIGH);
	KTEST_ASSERT(t, p != NULL);
	KTEST_EXPECT(t, virt_to_phys(p) >= PAT_4G);
	pattern_write(p, 1, 0x4a4a4a4a);
	KTEST_EXPECT(t, pattern_check(p, 1, 0x4a4a4a4a));
	/* the default policy uses high RAM first */
	q = alloc_page(0);
	KTEST_ASSERT(t, q != NULL);
	KTEST_EXPECT(t, virt_to_phys(q) >= PAT_4G);
	free_page(q);
	free_page(p);
}

static void zeroed_pages(struct ktest *t)
{
	unsigned char *p = alloc_pages(2, 0);
	unsigned int i;

	KTEST_ASSERT(t, p != NULL);
	memset(p, 0xa5, 2 * PAGE_SIZE);
	free_pages(p, 2);
	p = alloc_pages(2, GFP_ZERO);
	KTEST_ASSERT(t, p != NULL);
	for (i = 0; i < 2 * PAGE_SIZE; i++)
		if (p[i])
			break;
	KTEST_EXPECT_EQ(t, i, 2 * PAGE_SIZE);
	free_pages(p, 2);
}

static void free_count_restored(struct ktest *t)
{
	static void *pages[64];
	u64 before = kernel_pages.free_pages;
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(pages); i++) {
		pages[i] = alloc_pages(1 + i % 5, i % 3 ? 0 : GFP_DMA32);
		KTEST_ASSERT(t, pages[i] != NULL);
		pattern_write(pages[i], 1 + i % 5, i);
	}
	for (i = 0; i < ARRAY_SIZE(pages); i++)
		KTEST_EXPECT(t, pattern_check(pages[i], 1 + i % 5, i));
	for (i = 0; i < ARRAY_SIZE(pages); i += 2)
		free_pages(pages[i], 1 + i % 5);
	for (i = 1; i < ARRAY_SIZE(pages); i += 2)
		free_pages(pages[i], 1 + i % 5);
	KTEST_EXPECT_EQ(t, kernel_pages.free_pages, before);
}

static void invalid_free_rejected(struct ktest *t)
{
	u64 before = kernel_pages.free_pages;
	phys_addr_t kernel = virt_to_phys(_text) & PAGE_MASK;
	void *p = alloc_pages(2, 0);
	phys_addr_t pa;

	KTEST_ASSERT(t, p != NULL);
	pa = virt_to_phys(p);
	free_pages(p, 2);
	KTEST_EXPECT_EQ(t, page_free_range(&kernel_pages, pa, 1), -EINVAL);
	KTEST_EXPECT_EQ(t, page_free_range(&kernel_pages, 0, 1), -EINVAL);
	KTEST_EXPECT_EQ(t, page_free_range(&kernel_pages, kernel, 1), -EINVAL);
	KTEST_EXPECT_EQ(t, page_free_range(&kernel_pages, ram_top(), 1),
			-EINVAL);

	p = alloc_pages(2, 0);
	KTEST_ASSERT(t, p != NULL);
	pa = virt_to_phys(p);
	KTEST_EXPECT_EQ(t, page_free_range(&kernel_pages, pa + 8, 1), -EINVAL);
	KTEST_EXPECT_EQ(t, page_free_range(&kernel_pages, pa, 0), -EINVAL);
	KTEST_EXPECT_EQ(t, page_free_range(&kernel_pages, pa, ~0ULL), -EINVAL);
	KTEST_EXPECT_EQ(t, kernel_pages.free_pages, before - 2);
	KTEST_EXPECT_EQ(t, page_free_range(&kernel_pages, pa, 2), 0);
	KTEST_EXPECT_EQ(t, page_free_range(&kernel_pages, pa + PAGE_SIZE, 1),
			-EINVAL);
	KTEST_EXPECT_EQ(t, kernel_pages.free_pages, before);
}

static const struct ktest_case page_alloc_cases[] = {
	KTEST_CASE(single_page),
	KTEST_CASE(multi_page),
	KTEST_CASE(aligned_blocks),
	KTEST_CASE(dma32_below_4g),
	KTEST_CASE(high_above_4g),
	KTEST_CASE(zeroed_pages),
	KTEST_CASE(free_count_restored),
	KTEST_CASE(invalid_free_rejected),
};

static const struct ktest_suite page_alloc_suite = {
	.name = "page_alloc",
	.cases = page_alloc_cases,
	.ncases = ARRAY_SIZE(page_alloc_cases),
};
KTEST_SUITE(page_alloc_suite);
