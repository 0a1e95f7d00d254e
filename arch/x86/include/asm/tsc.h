/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The native TSC clock (arch/x86/kernel/tsc.c): how its frequency was
 * found, and a measurement against a chosen reference for the tests.
 */
#ifndef _ASM_TSC_H
#define _ASM_TSC_H

#include <tern/types.h>

enum tsc_ref_kind {
	TSC_REF_HPET,
	TSC_REF_PMTMR,
	TSC_REF_PIT,
};

/* What gave tsc_khz(): "CPUID 0x15", "HPET", "PM timer", "PIT", ... */
const char *tsc_calibration_source(void);
/*
 * The TSC frequency in Hz measured against reference kind (a few ms),
 * or 0 when the platform has no such clock; *name names it.
 */
u64 tsc_measure_against(enum tsc_ref_kind kind, const char **name);

#endif
