// SPDX-License-Identifier: GPL-2.0
/*
 * The balloon against the toolstack and Xen: the suite asks the test bed
 * (a line "tern-test: balloon ready" / "tern-test: balloon down" on the
 * console) to run `xl mem-set` down and back up, and checks each time
 * that Xen's own count of the domain's pages (XENMEM_current_reservation)
 * is what the target asks for, that the pages left the allocator (and
 * came back), and that the pages that came back hold data.
 *
 * xen_balloon_grow (test_balloon_grow, a domain started with memory
 * below maxmem): `xl mem-set` up to the maximum and back. Xen's count
 * must reach the maximum and the pages beyond the boot memory must
 * reach the allocator and hold data (PV: room added above RAM, with a
 * longer P2M; PVH: the populate-on-demand part given back at start).
 */
#include <tern/kernel.h>
#include <tern/ktest.h>
#include <tern/mm.h>
#include <tern/printk.h>
#include <tern/string.h>
#include <tern/workqueue.h>
#include <tern/xen/balloon.h>
#include <asm/xen/reservation.h>

#define MEMSET_WAIT_MS	120000
/* the balloon's own list: one page of pointers per 511 pages given */
#define SLACK_PAGES(n)	((n) / 511 + 2)

/* Both suites need their test hook on the command line and Xen. */
static int suite_needs(bool opt, const char *no_opt, const char **reason)
{
	if (!opt) {
		*reason = no_opt;
		return -ENODEV;
	}
	if (!xen_reservation) {
		*reason = "not on Xen";
		return -ENODEV;
	}
	return 0;
}

static int balloon_suite_init(const char **reason)
{
	return suite_needs(ktest_opt_balloon,
			   "no test_balloon on the command line", reason);
}

/* The balloon has read memory/target at least once (its first event). */
static bool target_known(void *arg)
{
	return balloon_stats.targets > 0;
}

/* A target below (arg NULL) or back at (arg non-NULL) the first, reached. */
static u64 target_first;

static bool target_reached(void *arg)
{
	if (!balloon_stats.at_goal)
		return false;
	return arg ? balloon_stats.target_kib >= target_first :
		     balloon_stats.target_kib < target_first;
}

/* At the boot target (a PVH start gives back its unbacked part first). */
static bool target_reached_first(void *arg)
{
	return balloon_stats.at_goal;
}

/* A target above the first, reached. */
static bool target_above(void *arg)
{
	return balloon_stats.at_goal && balloon_stats.target_kib > target_first;
}

/* Back at (or below) the first target after a higher one, reached. */
static bool target_back(void *arg)
{
	return balloon_stats.at_goal &&
	       balloon_stats.target_kib <= target_first;
}

static void report(const char *when)
{
	printk("tern: balloon %s: Xen counts %ld KiB, target %llu KiB, %llu KiB given back, %llu KiB free\n",
	       when, xen_current_reservation() * 4, balloon_stats.target_kib,
	       balloon_stats.ballooned * 4, kernel_pages.free_pages * 4);
}

static void mem_set_down_and_up(struct ktest *t)
{
	long xen0, xen1, xen2;
	u64 free0, free1, free2, i, target0;
	u8 **pages;
	u64 n;

	KTEST_ASSERT(t, wait_cond_timeout(target_known, NULL, 10000));
	xen0 = xen_current_reservation();
	free0 = kernel_pages.free_pages;
	target0 = target_first = balloon_stats.target_kib;
	KTEST_ASSERT(t, xen0 > 0);
	report("before");
	printk("tern-test: balloon ready\n");
	KTEST_ASSERT(t, wait_cond_timeout(target_reached, NULL,
					  MEMSET_WAIT_MS));
	xen1 = xen_current_reservation();
	free1 = kernel_pages.free_pages;
	report("down");
	KTEST_EXPECT(t, balloon_stats.target_kib < target0);
	KTEST_EXPECT_EQ(t, xen1, balloon_stats.goal_pages);
	KTEST_EXPECT_EQ(t, (u64)(xen0 - xen1),
			(target0 - balloon_stats.target_kib) / 4);
	KTEST_EXPECT_EQ(t, balloon_stats.ballooned, (u64)(xen0 - xen1));
	/* the pages left the allocator */
	KTEST_EXPECT(t, free0 - free1 >= (u64)(xen0 - xen1));
	KTEST_EXPECT(t, free0 - free1 <= (u64)(xen0 - xen1) +
			     SLACK_PAGES(xen0 - xen1));

	printk("tern-test: balloon down\n");
	KTEST_ASSERT(t, wait_cond_timeout(target_reached, (void *)1,
					  MEMSET_WAIT_MS));
	xen2 = xen_current_reservation();
	free2 = kernel_pages.free_pages;
	report("up");
	KTEST_EXPECT_EQ(t, xen2, xen0);
	KTEST_EXPECT_EQ(t, balloon_stats.ballooned, 0);
	KTEST_EXPECT(t, free2 + SLACK_PAGES(0) >= free0);

	/* the pages that came back are RAM again: fill and check them */
	n = min((u64)(xen0 - xen1), free2 / 2);
	pages = kmalloc(n * sizeof(*pages));
	KTEST_ASSERT(t, pages);
	for (i = 0; i < n; i++) {
		pages[i] = alloc_page(0);
		if (!pages[i])
			break;
		memset(pages[i], (int)(i & 0xff), PAGE_SIZE);
	}
	KTEST_EXPECT_EQ(t, i, n);
	n = i;
	for (i = 0; i < n; i++) {
		KTEST_EXPECT(t, pages[i][0] == (u8)i &&
			     pages[i][PAGE_SIZE - 1] == (u8)i);
		free_page(pages[i]);
	}
	kfree(pages);
	ktest_log(t, "Xen counted %ld -> %ld -> %ld pages; %llu pages refilled and used",
		  xen0, xen1, xen2, n);
}

static int grow_suite_init(const char **reason)
{
	return suite_needs(ktest_opt_balloon_grow,
			   "no test_balloon_grow on the command line", reason);
}

/*
 * What growing from total - n to total pages costs (PV): the longer P2M
 * list (8 bytes a page), direct-map tables (one per 512 pages), the
 * allocator's and the page-table bitmaps; PVH costs nothing.
 */
#define GROW_SLACK(total, n)	((total) / 512 + (n) / 512 + 16)

/* Write a pattern into n free pages (the newest first), check, free. */
static u64 fill_and_check(struct ktest *t, u64 n)
{
	u64 i, bad = 0;
	u8 **pages;

	pages = alloc_pages(DIV_ROUND_UP(n * sizeof(*pages), PAGE_SIZE), 0);
	if (!pages)
		return 0;
	for (i = 0; i < n; i++) {
		pages[i] = alloc_page(0);
		if (!pages[i])
			break;
		memset(pages[i], (int)(i * 7 + 1) & 0xff, PAGE_SIZE);
	}
	n = i;
	for (i = 0; i < n; i++) {
		u8 v = (u8)(i * 7 + 1);

		bad += pages[i][0] != v || pages[i][PAGE_SIZE / 2] != v ||
		       pages[i][PAGE_SIZE - 1] != v;
		free_page(pages[i]);
	}
	free_pages(pages, DIV_ROUND_UP(n * sizeof(*pages), PAGE_SIZE));
	KTEST_EXPECT_EQ(t, bad, 0);
	return n;
}

static void mem_set_to_max_and_back(struct ktest *t)
{
	long xen0, xen1, xen2, max;
	u64 free0, free1, free2, total0, target0, n, used, taken0, given1;
	u64 creep;

	KTEST_ASSERT(t, wait_cond_timeout(target_known, NULL, 10000));
	/* the start: at the boot target, nothing of the maximum yet */
	KTEST_ASSERT(t, wait_cond_timeout(target_reached_first, NULL, 10000));
	xen0 = xen_current_reservation();
	max = xen_maximum_reservation();
	free0 = kernel_pages.free_pages;
	total0 = kernel_pages.total_pages;
	taken0 = balloon_stats.taken_back;
	target0 = target_first = balloon_stats.target_kib;
	report("before");
	ktest_log(t, "Xen counts %ld pages, maximum %ld", xen0, max);
	/* the toolstack raises Xen's maximum with the target (xl mem-set) */
	KTEST_ASSERT(t, xen0 > 0 && max >= xen0);
	printk("tern-test: balloon grow\n");
	KTEST_ASSERT(t, wait_cond_timeout(target_above, NULL, MEMSET_WAIT_MS));
	KTEST_ASSERT(t, balloon_stats.target_kib > target0);
	xen1 = xen_current_reservation();
	free1 = kernel_pages.free_pages;
	report("grown");
	n = (u64)(xen1 - xen0);
	/* grown past the boot memory by more than a rounding */
	KTEST_ASSERT(t, xen1 > xen0 + 4096);
	KTEST_EXPECT_EQ(t, xen1, balloon_stats.goal_pages);
	KTEST_EXPECT_EQ(t, n, (balloon_stats.target_kib - target0) / 4);
	/*
	 * The frames taken are the allocator's, less what growing cost.
	 * (Not xen1 - xen0: under populate-on-demand Xen's count creeps
	 * up by itself between two reads; what it added before the balloon
	 * saw the new target, the balloon did not have to take.)
	 */
	creep = balloon_stats.xen_at_target > xen0 ?
		(u64)(balloon_stats.xen_at_target - xen0) : 0;
	ktest_log(t, "Xen added %llu pages by itself before the target came",
		  (unsigned long long)creep);
	KTEST_EXPECT(t, balloon_stats.taken_back - taken0 + 256 + creep >= n);
	KTEST_EXPECT(t, free1 + GROW_SLACK(xen1, n) >=
			free0 + balloon_stats.taken_back - taken0);
	KTEST_EXPECT(t, kernel_pages.total_pages >= total0);
	KTEST_EXPECT_EQ(t, balloon_stats.ballooned, 0);
	/* at least what was added: the allocator hands out the top first */
	used = fill_and_check(t, free1 - free0 / 2);
	KTEST_EXPECT(t, used >= n);

	given1 = balloon_stats.given_back;
	printk("tern-test: balloon shrink\n");
	KTEST_ASSERT(t, wait_cond_timeout(target_back, NULL, MEMSET_WAIT_MS));
	xen2 = xen_current_reservation();
	free2 = kernel_pages.free_pages;
	report("shrunk");
	KTEST_EXPECT_EQ(t, xen2, xen0);
	KTEST_EXPECT_EQ(t, balloon_stats.ballooned, (u64)(xen1 - xen2));
	/* what was given back left the allocator (and the balloon's list) */
	given1 = balloon_stats.given_back - given1;
	KTEST_EXPECT(t, given1 >= n);
	KTEST_EXPECT(t, free1 - free2 >= given1);
	KTEST_EXPECT(t, free1 - free2 <= given1 + SLACK_PAGES(given1));
	KTEST_EXPECT(t, fill_and_check(t, free2 / 2) == free2 / 2);
	ktest_log(t, "Xen counted %ld -> %ld -> %ld pages (maximum %ld at start); %llu room pages added; %llu pages filled; free %llu -> %llu -> %llu",
		  xen0, xen1, xen2, max, balloon_stats.grown, used, free0,
		  free1, free2);
}

static const struct ktest_case grow_cases[] = {
	KTEST_CASE(mem_set_to_max_and_back),
};

static const struct ktest_suite grow_suite = {
	.name = "xen_balloon_grow",
	.cases = grow_cases,
	.ncases = ARRAY_SIZE(grow_cases),
	.init = grow_suite_init,
};
KTEST_SUITE(grow_suite);

static const struct ktest_case balloon_cases[] = {
	KTEST_CASE(mem_set_down_and_up),
};

static const struct ktest_suite balloon_suite = {
	.name = "xen_balloon",
	.cases = balloon_cases,
	.ncases = ARRAY_SIZE(balloon_cases),
	.init = balloon_suite_init,
};
KTEST_SUITE(balloon_suite);
