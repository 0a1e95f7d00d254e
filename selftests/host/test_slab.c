// SPDX-License-Identifier: GPL-2.0
/*
 * Host tests of mm/slab.c. The test is the page source: it hands out
 * 4 KiB-aligned host memory, remembers every block with its page count
 * (so a wrong count on free is caught, and leaks show as pages
 * outstanding) and can be told to fail. panic() is provided here too: a
 * test that expects one catches it with setjmp, any other aborts.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include <tern/mm.h>
#include <tern/printk.h>

#define PG		4096
#define MAX_BLOCKS	20000

struct block {
	void *p;
	unsigned int n;
};

static struct block blocks[MAX_BLOCKS];
static unsigned int nblocks;
static long pages_out;
static bool fail_pages;

/* One thread: the lock is the kernel's business. */
unsigned long slab_lock(void)
{
	return 0;
}

void slab_unlock(unsigned long flags)
{
	(void)flags;
}

void *slab_page_alloc(unsigned int npages)
{
	void *p;

	if (fail_pages || !npages)
		return NULL;
	assert_true(nblocks < MAX_BLOCKS);
	p = aligned_alloc(PG, (size_t)npages * PG);
	assert_non_null(p);
	memset(p, 0x6b, (size_t)npages * PG);	/* not zeroed, like real RAM */
	blocks[nblocks].p = p;
	blocks[nblocks].n = npages;
	nblocks++;
	pages_out += npages;
	return p;
}

void slab_page_free(void *p, unsigned int npages)
{
	unsigned int i;

	for (i = 0; i < nblocks; i++) {
		if (blocks[i].p != p)
			continue;
		assert_int_equal(blocks[i].n, npages);
		blocks[i] = blocks[--nblocks];
		pages_out -= npages;
		free(p);
		return;
	}
	fail_msg("%s(%p, %u): not from slab_page_alloc", __func__, p, npages);
}

static jmp_buf panic_jmp;
static bool panic_expected;
static char panic_msg[256];

void panic(const char *fmt, ...)
{
	FILE *f = fmemopen(panic_msg, sizeof(panic_msg), "w");
	va_list ap;

	assert_non_null(f);
	va_start(ap, fmt);
	vfprintf(f, fmt, ap);
	va_end(ap);
	fclose(f);
	if (!panic_expected) {
		fprintf(stderr, "unexpected %s: %s\n", __func__, panic_msg);
		abort();
	}
	panic_expected = false;
	longjmp(panic_jmp, 1);
}

/* Run stmt and require that it panics with a message containing what. */
#define EXPECT_PANIC(stmt, what)					\
	do {								\
		panic_msg[0] = 0;					\
		panic_expected = true;					\
		if (!setjmp(panic_jmp)) {				\
			stmt;						\
			fail_msg("no panic from %s", #stmt);		\
		}							\
		panic_expected = false;					\
		if (!strstr(panic_msg, what))				\
			fail_msg("panic \"%s\" lacks \"%s\"",		\
				 panic_msg, what);			\
	} while (0)

static size_t class_of(size_t size)
{
	size_t c = 16;

	while (c < size)
		c <<= 1;
	return c;
}

static bool same_page(const void *p, size_t len)
{
	uintptr_t a = (uintptr_t)p;

	return a / PG == (a + len - 1) / PG;
}

static void test_size_classes(void **state)
{
	size_t size;

	for (size = 0; size <= 2048; size++) {
		u8 *p = kmalloc(size);
		size_t k;

		assert_non_null(p);
		assert_int_equal((uintptr_t)p % 16, 0);
		k = ksize(p);
		assert_int_equal(k, class_of(size ? size : 1));
		assert_true(k >= size);
		/* the object never leaves the page that holds its header */
		assert_true(same_page(p, k));
		assert_true((uintptr_t)p % PG >= 16);
		memset(p, 0xee, k);
		kfree(p);
	}
	kfree(NULL);
	assert_int_equal(ksize(NULL), 0);
}

static void test_kzalloc(void **state)
{
	size_t sizes[] = { 1, 16, 17, 100, 512, 2048, 2049, 5000, 70000 };
	unsigned int i;
	size_t j;

	for (i = 0; i < ARRAY_SIZE(sizes); i++) {
		u8 *p = kmalloc(sizes[i]), *q;

		assert_non_null(p);
		memset(p, 0xa5, sizes[i]);
		kfree(p);
		q = kzalloc(sizes[i]);
		assert_non_null(q);
		for (j = 0; j < sizes[i]; j++)
			assert_int_equal(q[j], 0);
		kfree(q);
	}
}

static void test_reuse(void **state)
{
	void *keep = kmalloc(64);
	void *p = kmalloc(64), *q;

	kfree(p);
	q = kmalloc(64);
	assert_ptr_equal(p, q);
	kfree(q);
	kfree(keep);
}

static void test_large(void **state)
{
	size_t sizes[] = { 2049, 3000, 4000, 4096, 8192, 100000, 1 << 20 };
	long base = pages_out;
	unsigned int i;
	size_t hdr;
	u8 *p;

	p = kmalloc(2049);
	assert_non_null(p);
	hdr = (uintptr_t)p % PG;
	assert_int_equal(hdr % 16, 0);
	assert_true(hdr > 0 && hdr < 256);
	kfree(p);
	assert_int_equal(pages_out, base);

	for (i = 0; i < ARRAY_SIZE(sizes); i++) {
		long want = (long)((sizes[i] + hdr + PG - 1) / PG);

		p = kmalloc(sizes[i]);
		assert_non_null(p);
		assert_int_equal((uintptr_t)p % PG, hdr);
		assert_int_equal(pages_out - base, want);
		assert_int_equal(ksize(p), want * PG - hdr);
		memset(p, 0x3c, ksize(p));
		kfree(p);
		assert_int_equal(pages_out, base);
	}
	/* exactly one page */
	p = kmalloc(PG - hdr);
	assert_int_equal(pages_out - base, 1);
	assert_int_equal(ksize(p), PG - hdr);
	kfree(p);
	p = kmalloc(PG - hdr + 1);
	assert_int_equal(pages_out - base, 2);
	kfree(p);
	assert_int_equal(pages_out, base);

	/* absurd sizes fail cleanly */
	assert_null(kmalloc((size_t)-1));
	assert_null(kmalloc((size_t)-1 - 100));
	assert_null(kmalloc((size_t)1 << 62));
	assert_null(kzalloc((size_t)-1));
	assert_int_equal(pages_out, base);
}

/* One empty slab per class stays; the rest go back to the page source. */
static void test_empty_slabs_returned(void **state)
{
	static void *obj[21];
	long base;
	unsigned int i;

	/* make sure the 512-byte class holds exactly one empty slab */
	kfree(kmalloc(512));
	base = pages_out;
	for (i = 0; i < 21; i++)
		obj[i] = kmalloc(512);
	/* 7 objects of 512 bytes per page: 3 pages, one was cached */
	assert_int_equal(pages_out - base, 2);
	for (i = 0; i < 21; i++)
		kfree(obj[i]);
	assert_int_equal(pages_out, base);
}

/*
 * Fill several slabs of every class: every object is written in full and
 * stays inside its page; an object freed from a full slab is handed out
 * again before any new page; all pages come back but the one cached slab.
 */
static void test_fill_slabs(void **state)
{
	static u8 *obj[3 * 256];
	size_t c;

	for (c = 16; c <= 2048; c <<= 1) {
		unsigned int per_page = 0, n, i;
		long base;
		u8 *again;

		kfree(kmalloc(c));	/* exactly one cached empty slab */
		base = pages_out;
		for (n = 0; n < ARRAY_SIZE(obj); n++) {
			obj[n] = kmalloc(c);
			assert_non_null(obj[n]);
			assert_int_equal(ksize(obj[n]), c);
			assert_true(same_page(obj[n], c));
			assert_true((uintptr_t)obj[n] % PG >= 16);
			memset(obj[n], (int)n, c);
			if (pages_out == base)
				per_page++;
		}
		assert_true(per_page >= 1 && per_page <= (PG - 16) / c);
		/* 3 * 256 objects: whole pages but maybe the last */
		assert_int_equal(pages_out - base + 1,
				 (n + per_page - 1) / per_page);
		for (i = 0; i < n; i++)
			assert_int_equal(obj[i][c - 1], (u8)i);

		/* a hole in a full slab is reused before a new page */
		i = per_page / 2;
		kfree(obj[i]);
		again = kmalloc(c);
		assert_ptr_equal(again, obj[i]);
		assert_int_equal(pages_out - base + 1,
				 (n + per_page - 1) / per_page);

		for (i = 0; i < n; i++)
			kfree(obj[(i * 7) % n]);
		assert_int_equal(pages_out, base);
	}
}

static void test_leak_accounting(void **state)
{
	static void *obj[10000];
	long base = pages_out, peak;
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(obj); i++) {
		obj[i] = kmalloc(16);
		assert_non_null(obj[i]);
	}
	peak = pages_out - base;
	/* about 250 objects of 16 bytes fit a page */
	assert_true(peak >= 39 && peak <= 42);
	for (i = 0; i < ARRAY_SIZE(obj); i += 2)
		kfree(obj[i]);
	assert_int_equal(pages_out - base, peak);
	for (i = 1; i < ARRAY_SIZE(obj); i += 2)
		kfree(obj[i]);
	assert_true(pages_out - base <= 1);
}

static void test_bad_frees(void **state)
{
	u8 *keep = kmalloc(32), *p = kmalloc(32), *big = kmalloc(10000);
	u8 *foreign = aligned_alloc(PG, PG);
	long base = pages_out;

	assert_non_null(foreign);
	memset(foreign, 0, PG);

	kfree(p);
	EXPECT_PANIC(kfree(p), "double free");
	EXPECT_PANIC(ksize(p), "not allocated");
	p = kmalloc(32);
	EXPECT_PANIC(kfree(p + 16), "not the start");
	EXPECT_PANIC(kfree(p + 1), "not the start");
	EXPECT_PANIC(kfree((u8 *)((uintptr_t)p & ~(uintptr_t)(PG - 1))),
		     "not the start");
	EXPECT_PANIC(kfree(big + 16), "inside a large allocation");
	EXPECT_PANIC(kfree(foreign + 128), "bad magic");
	EXPECT_PANIC(ksize(foreign + 128), "bad magic");
	free(foreign);

	/* nothing was changed by the rejected frees */
	assert_int_equal(pages_out, base);
	assert_int_equal(ksize(p), 32);
	kfree(p);
	kfree(big);
	kfree(keep);
}

static void test_out_of_pages(void **state)
{
	void *a = kmalloc(2048), *b = kmalloc(2048);

	/* both slabs of the 2048 class are full now */
	assert_non_null(a);
	assert_non_null(b);
	fail_pages = true;
	assert_null(kmalloc(2048));
	assert_null(kzalloc(1500));
	assert_null(kmalloc(5000));
	fail_pages = false;
	kfree(a);
	kfree(b);
}

static u64 rng = 0x853c49e6748fea9bULL;

static u64 rnd(void)
{
	rng ^= rng << 13;
	rng ^= rng >> 7;
	rng ^= rng << 17;
	return rng;
}

struct live {
	u8 *p;
	size_t size;
	u8 tag;
};

static int cmp_live(const void *a, const void *b)
{
	const struct live *x = a, *y = b;

	return x->p < y->p ? -1 : x->p > y->p;
}

static void check_live(struct live *l, unsigned int n)
{
	static struct live sorted[4000];
	unsigned int i;
	size_t j;

	memcpy(sorted, l, n * sizeof(*l));
	qsort(sorted, n, sizeof(*l), cmp_live);
	for (i = 0; i < n; i++) {
		for (j = 0; j < sorted[i].size; j++)
			assert_int_equal(sorted[i].p[j], sorted[i].tag);
		if (i)
			assert_true(sorted[i - 1].p + ksize(sorted[i - 1].p) <=
				    sorted[i].p);
	}
}

static void test_random_stress(void **state)
{
	static struct live live[4000];
	unsigned int n = 0, iter;
	long base = pages_out;

	for (iter = 0; iter < 60000; iter++) {
		if (n < ARRAY_SIZE(live) && (n == 0 || rnd() % 100 < 55)) {
			size_t size = rnd() % 8 ? rnd() % 300 :
				      rnd() % 3 ? rnd() % 2100 : rnd() % 20000;
			u8 *p = kmalloc(size);

			assert_non_null(p);
			assert_int_equal((uintptr_t)p % 16, 0);
			assert_true(ksize(p) >= size);
			live[n].p = p;
			live[n].size = size;
			live[n].tag = (u8)(rnd() | 1);
			memset(p, live[n].tag, size);
			n++;
		} else {
			unsigned int i = (unsigned int)(rnd() % n);
			size_t j;

			for (j = 0; j < live[i].size; j++)
				assert_int_equal(live[i].p[j], live[i].tag);
			kfree(live[i].p);
			live[i] = live[--n];
		}
		if (iter % 5000 == 0)
			check_live(live, n);
	}
	check_live(live, n);
	while (n)
		kfree(live[--n].p);
	/* at most one empty slab per class (8 classes) may stay */
	assert_true(pages_out - base <= 8);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_size_classes),
		cmocka_unit_test(test_kzalloc),
		cmocka_unit_test(test_reuse),
		cmocka_unit_test(test_large),
		cmocka_unit_test(test_empty_slabs_returned),
		cmocka_unit_test(test_fill_slabs),
		cmocka_unit_test(test_leak_accounting),
		cmocka_unit_test(test_bad_frees),
		cmocka_unit_test(test_out_of_pages),
		cmocka_unit_test(test_random_stress),
	};

	return cmocka_run_group_tests_name("slab", tests, NULL, NULL);
}
