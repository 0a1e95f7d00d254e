// SPDX-License-Identifier: GPL-2.0
/*
 * The exceptions suite: synchronous exceptions reach the vector with
 * the right syndrome and return address, and execution resumes after
 * them (trap_expect, asm/traps.h): a brk with its immediate, an
 * undefined instruction, and a data abort on an address nothing maps
 * (with its fault address and a translation fault status).
 */
#include <tern/ktest.h>
#include <asm/sysreg.h>
#include <asm/traps.h>

#define BRK_IMM		0x7e5
#define UDF_IMM		0x1234
/* inside the 39-bit space, in a level-1 slot nothing maps */
#define UNMAPPED_VA	0x7f00001238UL
#define DFSC_MASK	0x3f
#define DFSC_TRANS_L1	0x05

static void arm(unsigned int ec)
{
	trap_expect.taken = 0;
	trap_expect.esr = trap_expect.elr = trap_expect.far = 0;
	trap_expect.ec = ec;
	WRITE_ONCE(trap_expect.armed, true);
}

static void brk_is_taken(struct ktest *t)
{
	u64 at;

	arm(ESR_EC_BRK64);
	__asm__ __volatile__("adr %0, 1f\n1:\tbrk #%1"
			     : "=&r"(at) : "i"(BRK_IMM) : "memory");
	KTEST_EXPECT_EQ(t, trap_expect.taken, 1);
	KTEST_EXPECT_EQ(t, esr_ec(trap_expect.esr), ESR_EC_BRK64);
	KTEST_EXPECT_EQ(t, trap_expect.esr & 0xffff, BRK_IMM);
	KTEST_EXPECT_EQ(t, trap_expect.elr, at);
	KTEST_EXPECT(t, !trap_expect.armed);
}

static void undefined_instruction(struct ktest *t)
{
	u64 at;

	arm(ESR_EC_UNKNOWN);
	__asm__ __volatile__("adr %0, 1f\n1:\tudf #%1"
			     : "=&r"(at) : "i"(UDF_IMM) : "memory");
	KTEST_EXPECT_EQ(t, trap_expect.taken, 1);
	KTEST_EXPECT_EQ(t, esr_ec(trap_expect.esr), ESR_EC_UNKNOWN);
	KTEST_EXPECT_EQ(t, trap_expect.elr, at);
}

static void data_abort_unmapped(struct ktest *t)
{
	u64 at, val = 0x5a5a;

	arm(ESR_EC_DABT_CUR);
	__asm__ __volatile__("adr %0, 1f\n1:\tldr %1, [%2]"
			     : "=&r"(at), "+r"(val) : "r"(UNMAPPED_VA)
			     : "memory");
	KTEST_EXPECT_EQ(t, trap_expect.taken, 1);
	KTEST_EXPECT_EQ(t, esr_ec(trap_expect.esr), ESR_EC_DABT_CUR);
	KTEST_EXPECT_EQ(t, trap_expect.esr & DFSC_MASK, DFSC_TRANS_L1);
	KTEST_EXPECT_EQ(t, trap_expect.far, UNMAPPED_VA);
	KTEST_EXPECT_EQ(t, trap_expect.elr, at);
	/* skipped, not executed: the register kept its value */
	KTEST_EXPECT_EQ(t, val, 0x5a5a);
}

static void only_the_armed_class(struct ktest *t)
{
	/*
	 * Armed for brk, an undefined instruction would panic: so just
	 * check that the hook disarms after one and counts only that one.
	 */
	arm(ESR_EC_BRK64);
	__asm__ __volatile__("brk #1" : : : "memory");
	KTEST_EXPECT_EQ(t, trap_expect.taken, 1);
	KTEST_EXPECT(t, !trap_expect.armed);
}

static const struct ktest_case exceptions_cases[] = {
	KTEST_CASE(brk_is_taken),
	KTEST_CASE(undefined_instruction),
	KTEST_CASE(data_abort_unmapped),
	KTEST_CASE(only_the_armed_class),
};

static struct ktest_suite exceptions_suite = {
	.name = "exceptions",
	.cases = exceptions_cases,
	.ncases = ARRAY_SIZE(exceptions_cases),
};
KTEST_SUITE(exceptions_suite);
