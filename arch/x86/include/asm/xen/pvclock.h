/* SPDX-License-Identifier: GPL-2.0 */
/*
 * pvclock arithmetic (arch/x86/xen/pvclock.c), free of hypercalls so the
 * host unit tests can run it. Xen publishes, per vCPU, the system time
 * (ns since Xen booted) at a TSC stamp and a fixed-point rate:
 *   ns(tsc) = system_time + (((tsc - tsc_timestamp) << shift) * mul) >> 32
 * (shift may be negative: a right shift). The TSC difference is
 * modular and signed: a TSC read before the stamp (Xen refreshed the
 * record after we took the TSC, e.g. boot_tsc) is a negative delta, not
 * a 2^64 wrap, and a stamp just below 2^64 (PVH: a calibration older
 * than the domain) is a short distance before a TSC near 0.
 */
#ifndef _ASM_XEN_PVCLOCK_H
#define _ASM_XEN_PVCLOCK_H

#include <tern/types.h>
#include <xen/xen.h>

/* Retries of an odd or changing version before we take what we have. */
#define PVCLOCK_MAX_RETRIES	10000

struct pvclock_snapshot {
	u64 tsc_timestamp;
	u64 system_time;
	u32 mul;
	s8 shift;
};

/* (delta scaled by shift) * mul / 2^32, with a 128-bit product. */
u64 pvclock_scale(u64 delta, u32 mul, s8 shift);
/* System time at tsc by snapshot s; a tsc before the stamp counts back. */
u64 pvclock_ns_at(const struct pvclock_snapshot *s, u64 tsc);
/*
 * Copy a consistent record (even version, unchanged across the copy);
 * if read_tsc is given, the TSC is read inside the same window. Returns
 * false if the record never settled within PVCLOCK_MAX_RETRIES (the
 * last copy is still filled in).
 */
bool pvclock_read(const struct vcpu_time_info *t, struct pvclock_snapshot *s,
		  u64 (*read_tsc)(void), u64 *tsc);

#endif
