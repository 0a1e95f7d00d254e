// SPDX-License-Identifier: GPL-2.0
/*
 * Host tests of the pvclock arithmetic (arch/x86/xen/pvclock.c), checked
 * against exact integer references: the 128-bit scale, a TSC before the
 * record's stamp (Xen refreshed the record after boot_tsc was taken),
 * deltas large enough that a 64-bit shift or product would overflow,
 * and the bounded version loop.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <string.h>
#include <cmocka.h>

#include <tern/compiler.h>
#include <asm/xen/pvclock.h>

#define NS	1000000000ULL

/* Exact reference: floor(delta * 2^shift * mul / 2^32), in 128 bits. */
static unsigned __int128 ref_scale(u64 delta, u32 mul, int shift)
{
	unsigned __int128 d = delta;

	if (shift < 0)
		d >>= -shift;
	else
		d <<= shift;
	return (d * mul) >> 32;
}

static void scale_matches_reference(void **state)
{
	static const u64 deltas[] = { 0, 1, 1000, 0xffffffffULL,
				      0x123456789abcULL, 1ULL << 62,
				      (1ULL << 63) + 12345, ~0ULL };
	static const u32 muls[] = { 1, 0x80000000u, 0xffffffffu, 0x9e3779b9u };
	static const int shifts[] = { -2, -1, 0, 1, 2 };
	unsigned int i, j, k;

	for (i = 0; i < ARRAY_SIZE(deltas); i++)
		for (j = 0; j < ARRAY_SIZE(muls); j++)
			for (k = 0; k < ARRAY_SIZE(shifts); k++)
				assert_true(pvclock_scale(deltas[i], muls[j],
							  shifts[k]) ==
					    (u64)ref_scale(deltas[i], muls[j],
							   shifts[k]));
}

/* A 2 GHz TSC: mul = 2^31 (half a ns per tick), shift 0. */
static void two_ghz_second(void **state)
{
	assert_int_equal(pvclock_scale(2 * NS, 0x80000000u, 0), NS);
	/* 3 GHz as Xen encodes it: shift -1 and mul = 2^32 * 2/3 */
	assert_true(pvclock_scale(3 * NS, 0xaaaaaaabu, -1) - NS <= 1);
}

/* A left shift of a delta >= 2^63 must not drop its top bit. */
static void left_shift_keeps_high_bits(void **state)
{
	u64 delta = (1ULL << 63) + 4;

	/* 2^64 + 8 ticks at mul 2^31 (x0.5) = 2^63 + 4 ns */
	assert_true(pvclock_scale(delta, 0x80000000u, 1) == delta);
}

static void tsc_after_stamp(void **state)
{
	struct pvclock_snapshot s = {
		.tsc_timestamp = 1000000, .system_time = 5 * NS,
		.mul = 0x80000000u, .shift = 0,
	};

	assert_true(pvclock_ns_at(&s, 1000000) == 5 * NS);
	assert_true(pvclock_ns_at(&s, 1000000 + 2 * NS) == 6 * NS);
}

/*
 * boot_tsc taken before Xen's latest refresh: the delta is negative and
 * the time is before system_time, not 2^64 ticks later.
 */
static void tsc_before_stamp_counts_back(void **state)
{
	struct pvclock_snapshot s = {
		.tsc_timestamp = 10 * NS, .system_time = 7 * NS,
		.mul = 0x80000000u, .shift = 0,
	};
	u64 boot = pvclock_ns_at(&s, 10 * NS - 2 * NS);

	assert_true(boot == 6 * NS);
	assert_true(boot < s.system_time);
	/* monotonic across the stamp */
	assert_true(pvclock_ns_at(&s, 10 * NS - 1) <= s.system_time);
	assert_true(pvclock_ns_at(&s, 10 * NS + 1) >= s.system_time);
}

/*
 * A PVH guest's TSC starts near 0; Xen stamps a record whose calibration
 * is older than the domain with a TSC just below 2^64. The guest's TSC
 * is then after the stamp, not 2^64 ticks before it.
 */
static void stamp_below_zero_is_before_small_tsc(void **state)
{
	struct pvclock_snapshot s = {
		.tsc_timestamp = -(u64)(2 * NS), .system_time = 3 * NS,
		.mul = 0x80000000u, .shift = 0,
	};

	assert_true(pvclock_ns_at(&s, 2 * NS) == 5 * NS);
	assert_true(pvclock_ns_at(&s, 0) == 4 * NS);
	/* one tick before a stamp at 0: just before, not 2^64 ahead */
	s.tsc_timestamp = 0;
	assert_true(pvclock_ns_at(&s, ~0ULL) == 3 * NS);
	assert_true(pvclock_ns_at(&s, -(u64)(2 * NS)) == 2 * NS);
}

static u64 fake_tsc(void)
{
	return 4242;
}

static void read_consistent_record(void **state)
{
	struct vcpu_time_info t = {
		.version = 6, .tsc_timestamp = 100, .system_time = 200,
		.tsc_to_system_mul = 0x80000000u, .tsc_shift = -1,
	};
	struct pvclock_snapshot s;
	u64 tsc = 0;

	assert_true(pvclock_read(&t, &s, fake_tsc, &tsc));
	assert_int_equal(tsc, 4242);
	assert_int_equal(s.tsc_timestamp, 100);
	assert_int_equal(s.system_time, 200);
	assert_int_equal(s.mul, 0x80000000u);
	assert_int_equal(s.shift, -1);
}

/* A record left odd (Xen mid-update forever) ends the loop, reported. */
static void odd_version_is_bounded(void **state)
{
	struct vcpu_time_info t = { .version = 7, .system_time = 9 };
	struct pvclock_snapshot s;
	u64 tsc = 0;

	assert_false(pvclock_read(&t, &s, fake_tsc, &tsc));
	assert_int_equal(s.system_time, 9);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(scale_matches_reference),
		cmocka_unit_test(two_ghz_second),
		cmocka_unit_test(left_shift_keeps_high_bits),
		cmocka_unit_test(tsc_after_stamp),
		cmocka_unit_test(tsc_before_stamp_counts_back),
		cmocka_unit_test(stamp_below_zero_is_before_small_tsc),
		cmocka_unit_test(read_consistent_record),
		cmocka_unit_test(odd_version_is_bounded),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
