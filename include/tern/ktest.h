/* SPDX-License-Identifier: GPL-2.0 */
/*
 * In-kernel test framework. Suites register with KTEST_SUITE(); the
 * `selftest` command-line option runs every suite and prints KTAP v1:
 *
 *   KTAP version 1
 *   1..<suites>
 *       KTAP version 1
 *       # Subtest: <suite>
 *       1..<cases>
 *       ok 1 <case>
 *       not ok 2 <case>
 *       ok 3 <case> # SKIP <reason>
 *   ok 1 <suite>
 *   ...
 *   Test result: SUCCESS | FAILURE
 *
 * A suite whose init() returns non-zero is reported "ok N name # SKIP";
 * a case that calls ktest_skip() is a skip, never a pass.
 */
#ifndef _TERN_KTEST_H
#define _TERN_KTEST_H

#include <tern/types.h>

struct ktest {
	const char *name;
	bool failed;
	bool skipped;
	char skip_reason[64];
};

struct ktest_case {
	const char *name;
	void (*run)(struct ktest *t);
};

struct ktest_suite {
	const char *name;
	const struct ktest_case *cases;
	unsigned int ncases;
	/* optional; non-zero return skips the suite, *reason says why */
	int (*init)(const char **reason);
};

#define KTEST_CASE(fn)	{ .name = #fn, .run = fn }

#define KTEST_SUITE(s)							\
	static const struct ktest_suite *const __ktest_##s		\
	__used __section(".ktest_suites") = &(s)

__printf(4, 5) void ktest_fail(struct ktest *t, const char *file, int line,
			       const char *fmt, ...);
__printf(2, 3) void ktest_skip(struct ktest *t, const char *fmt, ...);
__printf(2, 3) void ktest_log(struct ktest *t, const char *fmt, ...);

#define KTEST_EXPECT(t, cond)						\
	do {								\
		if (!(cond))						\
			ktest_fail(t, __FILE__, __LINE__,		\
				   "expected %s", #cond);		\
	} while (0)

#define KTEST_EXPECT_EQ(t, a, b)					\
	do {								\
		unsigned long long __a = (unsigned long long)(a);	\
		unsigned long long __b = (unsigned long long)(b);	\
		if (__a != __b)						\
			ktest_fail(t, __FILE__, __LINE__,		\
				   "%s == %s: 0x%llx != 0x%llx",	\
				   #a, #b, __a, __b);			\
	} while (0)

#define KTEST_ASSERT(t, cond)						\
	do {								\
		if (!(cond)) {						\
			ktest_fail(t, __FILE__, __LINE__,		\
				   "assertion %s", #cond);		\
			return;						\
		}							\
	} while (0)

/*
 * Options for suites that need the test bed to act (kernel/main.c):
 * test_hotplug=NAME (a disk the test bed attaches and detaches when told
 * on the console), test_balloon (the test bed runs xl mem-set when told).
 */
extern char ktest_opt_hotplug[16];
/* test_peer=A.B.C.D: another guest on the bridge (the net_peer suite) */
extern char ktest_opt_peer[16];
/*
 * test_peer_sync=PORT: net_peer first tells the peer it is ready, with
 * "tern-test: peer ready" to the peer's UDP PORT until it comes back (a
 * Linux peer waits for it with `ternnet udpecho PORT 'tern-test: peer
 * ready'` before it measures, so that its echoes are not timed while we
 * still run other suites). 0: no such step (a Tern peer).
 */
extern unsigned int ktest_opt_peer_sync;
/* test_nethotplug=eth1: an interface the test bed detaches and re-attaches */
extern char ktest_opt_nethotplug[16];
/* test_blkrestart=xvda: a disk whose backend the test bed restarts */
extern char ktest_opt_blkrestart[16];
/* test_netrestart=eth0: an interface whose backend the test bed restarts */
extern char ktest_opt_netrestart[16];
extern bool ktest_opt_balloon;
extern bool ktest_opt_balloon_grow;
extern bool ktest_opt_xs_hostile;
/* test_blk_hostile: blkfront leaves the first vbd to a hostile frontend */
extern bool ktest_opt_blk_hostile;
/*
 * test_dom0net=off: no dom0 checks this guest's network from its side
 * (a Tern dom0 hosting it: its peer guest checks instead), so
 * xen_netfront does not wait for data/dom0-net. Default on: the domU
 * test bed's Linux dom0 checks every vif.
 */
extern bool ktest_opt_dom0net;

/* Runs every registered suite; returns true when all passed. */
bool ktest_run_all(void);

#endif
