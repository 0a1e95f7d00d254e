// SPDX-License-Identifier: GPL-2.0
/*
 * The balloon against the toolstack and Xen: the suite asks the test bed
 * (a line "tern-test: balloon ready" / "tern-test: balloon down" on the
 * console) to run `xl mem-set` down and back up, and checks each time
 * that Xen's own count of the domain's pages (XENMEM_current_reservation)
 * is what the target asks for, that the pages left the allocator (and
 * came back), and that the pages that came back hold data.
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

static int balloon_suite_init(const char **reason)
{
	if (!ktest_opt_balloon) {
		*reason = "no test_balloon on the command line";
		return -ENODEV;
	}
	if (!xen_reservation) {
		*reason = "not on Xen";
		return -ENODEV;
	}
	return 0;
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
