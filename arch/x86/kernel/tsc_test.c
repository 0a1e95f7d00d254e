// SPDX-License-Identifier: GPL-2.0
/*
 * The TSC frequency the kernel uses agrees with every other reference
 * clock the machine has, each measured afresh: the calibration (a few
 * ms against one clock, or a frequency the CPU states) must be within
 * TSC_TOLERANCE_PPM of a measurement against an independent clock.
 * Skipped where the TSC is not the clock (Xen: pvclock).
 */
#include <tern/ktest.h>
#include <tern/string.h>
#include <asm/apic.h>
#include <asm/pv_ops.h>
#include <asm/tsc.h>

/* 0.5 %: what timers and timeouts need, and what a 2 ms window gives */
#define TSC_TOLERANCE_PPM	5000

static int tsc_init_check(const char **reason)
{
	if (!pv_ops.time.clock_name || strcmp(pv_ops.time.clock_name, "tsc")) {
		*reason = "the TSC is not the clock here";
		return -ENODEV;
	}
	return 0;
}

static void agrees_with_other_clocks(struct ktest *t)
{
	static const enum tsc_ref_kind kinds[] = {
		TSC_REF_HPET, TSC_REF_PMTMR, TSC_REF_PIT,
	};
	u64 khz = tsc_khz();
	unsigned int i, compared = 0;

	KTEST_ASSERT(t, khz > 1000);
	for (i = 0; i < ARRAY_SIZE(kinds); i++) {
		const char *name = "?";
		u64 hz = tsc_measure_against(kinds[i], &name);
		u64 diff;

		if (!hz || !strcmp(name, tsc_calibration_source()))
			continue;
		diff = hz / 1000 > khz ? hz / 1000 - khz : khz - hz / 1000;
		ktest_log(t, "calibrated %llu kHz (%s), %s says %llu kHz: %llu ppm apart",
			  khz, tsc_calibration_source(), name, hz / 1000,
			  diff * 1000000 / khz);
		KTEST_EXPECT(t, diff * 1000000 / khz <= TSC_TOLERANCE_PPM);
		compared++;
	}
	if (!compared)
		ktest_skip(t, "no second reference clock");
}

static const struct ktest_case tsc_cases[] = {
	KTEST_CASE(agrees_with_other_clocks),
};

static const struct ktest_suite tsc_suite = {
	.name = "tsc",
	.cases = tsc_cases,
	.ncases = ARRAY_SIZE(tsc_cases),
	.init = tsc_init_check,
};
KTEST_SUITE(tsc_suite);
