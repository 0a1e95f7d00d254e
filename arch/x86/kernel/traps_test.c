// SPDX-License-Identifier: GPL-2.0
/*
 * Exceptions are caught and recovered: a #BP through a trap hook, #PF
 * and #GP through the exception table.
 */
#include <tern/ktest.h>
#include <asm/pv_ops.h>
#include <asm/traps.h>

static unsigned int bp_hits;
static u64 bp_rip;

static bool bp_hook(struct pt_regs *regs)
{
	bp_hits++;
	bp_rip = regs->rip;
	return true;
}

static void breakpoint_caught(struct ktest *t)
{
	bp_hits = 0;
	set_trap_hook(X86_TRAP_BP, bp_hook);
	__asm__ __volatile__("int3");
	__asm__ __volatile__("int3");
	set_trap_hook(X86_TRAP_BP, NULL);
	KTEST_EXPECT_EQ(t, bp_hits, 2);
	KTEST_EXPECT(t, bp_rip != 0);
}

static void page_fault_fixed_up(struct ktest *t)
{
	u64 v = 0x1234;

	/* the low identity map is gone after paging_init */
	KTEST_EXPECT_EQ(t, probe_read_u64((void *)0x1000, &v), -EFAULT);
	KTEST_EXPECT_EQ(t, pv_ops.cpu.read_cr2(), 0x1000);
	KTEST_EXPECT_EQ(t, probe_write_u64((void *)0x2008, 1), -EFAULT);
	KTEST_EXPECT_EQ(t, pv_ops.cpu.read_cr2(), 0x2008);
}

static void general_protection_fixed_up(struct ktest *t)
{
	u64 v;

	/* a non-canonical address raises #GP, not #PF */
	KTEST_EXPECT_EQ(t, probe_read_u64((void *)0x8000000000000000ULL, &v),
			-EFAULT);
}

static void probe_of_mapped_memory_works(struct ktest *t)
{
	static u64 word = 0x5a5a5a5aa5a5a5a5ULL;
	u64 v = 0;

	KTEST_EXPECT_EQ(t, probe_read_u64(&word, &v), 0);
	KTEST_EXPECT_EQ(t, v, 0x5a5a5a5aa5a5a5a5ULL);
	KTEST_EXPECT_EQ(t, probe_write_u64(&word, 7), 0);
	KTEST_EXPECT_EQ(t, word, 7);
}

static const struct ktest_case traps_cases[] = {
	KTEST_CASE(breakpoint_caught),
	KTEST_CASE(page_fault_fixed_up),
	KTEST_CASE(general_protection_fixed_up),
	KTEST_CASE(probe_of_mapped_memory_works),
};

static const struct ktest_suite traps_suite = {
	.name = "exceptions",
	.cases = traps_cases,
	.ncases = ARRAY_SIZE(traps_cases),
};
KTEST_SUITE(traps_suite);
