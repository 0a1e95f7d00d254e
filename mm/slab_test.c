// SPDX-License-Identifier: GPL-2.0
/*
 * In-kernel tests of kmalloc on the kernel's page source: size classes,
 * alignment, zeroing, distinct non-overlapping objects, reuse after free
 * and large allocations, all written and read back.
 */
#include <tern/ktest.h>
#include <tern/mm.h>
#include <tern/string.h>

#define NOBJ	600

static size_t class_of(size_t size)
{
	size_t c = 16;

	while (c < size)
		c <<= 1;
	return c;
}

static void all_size_classes(struct ktest *t)
{
	size_t size;

	for (size = 1; size <= 2048; size = size < 64 ? size + 1 : size + 61) {
		unsigned char *p = kmalloc(size);
		size_t k;

		KTEST_ASSERT(t, p != NULL);
		k = ksize(p);
		KTEST_EXPECT(t, IS_ALIGNED((uintptr_t)p, 16));
		KTEST_EXPECT(t, k >= size);
		KTEST_EXPECT_EQ(t, k, class_of(size));
		/* the object ends in the page of its header */
		KTEST_EXPECT_EQ(t, (uintptr_t)p >> PAGE_SHIFT,
				((uintptr_t)p + k - 1) >> PAGE_SHIFT);
		memset(p, 0x77, k);
		KTEST_EXPECT_EQ(t, p[k - 1], 0x77);
		kfree(p);
	}
	KTEST_EXPECT_EQ(t, ksize(NULL), 0);
	kfree(NULL);
}

static void kzalloc_zeroes(struct ktest *t)
{
	static const size_t sizes[] = { 8, 100, 1000, 2048, 3000, 20000 };
	unsigned int i;
	size_t j;

	for (i = 0; i < ARRAY_SIZE(sizes); i++) {
		unsigned char *p = kmalloc(sizes[i]);

		KTEST_ASSERT(t, p != NULL);
		memset(p, 0xff, sizes[i]);
		kfree(p);
		p = kzalloc(sizes[i]);
		KTEST_ASSERT(t, p != NULL);
		for (j = 0; j < sizes[i] && !p[j]; j++)
			;
		KTEST_EXPECT_EQ(t, j, sizes[i]);
		kfree(p);
	}
}

static void many_distinct(struct ktest *t)
{
	static unsigned char *obj[NOBJ];
	static size_t len[NOBJ];
	unsigned int i, j;
	size_t k;

	for (i = 0; i < NOBJ; i++) {
		len[i] = 1 + (i * 37) % 700;
		obj[i] = kmalloc(len[i]);
		KTEST_ASSERT(t, obj[i] != NULL);
		memset(obj[i], (int)(i & 0xff), len[i]);
	}
	for (i = 0; i < NOBJ; i++) {
		for (k = 0; k < len[i]; k++)
			if (obj[i][k] != (unsigned char)i)
				break;
		KTEST_EXPECT_EQ(t, k, len[i]);
	}
	/* pairwise: no two objects overlap */
	for (i = 0; i < NOBJ; i++)
		for (j = i + 1; j < NOBJ; j++)
			if (obj[i] < obj[j] + ksize(obj[j]) &&
			    obj[j] < obj[i] + ksize(obj[i])) {
				ktest_fail(t, __FILE__, __LINE__,
					   "objects %u and %u overlap", i, j);
				goto out;
			}
out:
	for (i = 0; i < NOBJ; i++)
		kfree(obj[i]);
}

static void free_and_reuse(struct ktest *t)
{
	void *keep = kmalloc(96);
	void *p = kmalloc(96), *q;
	u64 before;

	KTEST_ASSERT(t, keep && p);
	kfree(p);
	q = kmalloc(96);
	KTEST_EXPECT(t, q == p);
	kfree(q);

	/* a freed-and-reused object costs no new pages */
	before = kernel_pages.free_pages;
	p = kmalloc(96);
	kfree(p);
	KTEST_EXPECT_EQ(t, kernel_pages.free_pages, before);
	kfree(keep);
}

static void large_allocation(struct ktest *t)
{
	u64 before = kernel_pages.free_pages;
	unsigned char *p = kmalloc(40000);
	size_t i;

	KTEST_ASSERT(t, p != NULL);
	KTEST_EXPECT(t, IS_ALIGNED((uintptr_t)p, 16));
	KTEST_EXPECT(t, ksize(p) >= 40000);
	KTEST_EXPECT(t, ksize(p) < 40000 + PAGE_SIZE);
	KTEST_EXPECT_EQ(t, kernel_pages.free_pages,
			before - DIV_ROUND_UP(40000 + ((uintptr_t)p & 4095),
					      PAGE_SIZE));
	for (i = 0; i < 40000; i++)
		p[i] = (unsigned char)(i * 13);
	for (i = 0; i < 40000; i++)
		if (p[i] != (unsigned char)(i * 13))
			break;
	KTEST_EXPECT_EQ(t, i, 40000);
	kfree(p);
	KTEST_EXPECT_EQ(t, kernel_pages.free_pages, before);
	KTEST_EXPECT(t, kmalloc((size_t)-1) == NULL);
}

static const struct ktest_case slab_cases[] = {
	KTEST_CASE(all_size_classes),
	KTEST_CASE(kzalloc_zeroes),
	KTEST_CASE(many_distinct),
	KTEST_CASE(free_and_reuse),
	KTEST_CASE(large_allocation),
};

static const struct ktest_suite slab_suite = {
	.name = "slab",
	.cases = slab_cases,
	.ncases = ARRAY_SIZE(slab_cases),
};
KTEST_SUITE(slab_suite);
