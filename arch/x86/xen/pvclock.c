// SPDX-License-Identifier: GPL-2.0
/*
 * pvclock arithmetic and the versioned read of vcpu_time_info; pure
 * code (no hypercalls), shared by arch/x86/xen/time.c and the host unit
 * tests (selftests/host/test_pvclock.c).
 *
 *  - The product delta * mul is 96 bits wide: it is done in 128 bits,
 *    and a left shift is applied to the 128-bit value, so neither step
 *    drops high bits (a 64-bit "delta <<= shift" did, for deltas of
 *    2^63 ticks and more).
 *  - TSC values are modular, and the delta tsc - tsc_timestamp is taken
 *    as a signed 64-bit number. It is negative when Xen rewrote the
 *    record (about once a second, and when the vCPU moves) with a stamp
 *    later than a TSC value we took before, boot_tsc above all, and it
 *    is then scaled backwards instead of wrapping to ~2^64 ticks (about
 *    7e18 ns: 225 years). Comparing tsc < tsc_timestamp as unsigned
 *    numbers would be wrong the other way: an HVM/PVH guest's TSC starts
 *    near 0 at domain creation, and Xen stamps a record whose
 *    calibration predates the domain with a "negative" TSC (just below
 *    2^64), which is a small positive distance from the guest's TSC.
 *  - The version loop is bounded: a record that stays odd (Xen is
 *    rewriting it) or keeps changing is taken as last copied after
 *    PVCLOCK_MAX_RETRIES tries, so a clock read can never hang.
 */
#include <tern/compiler.h>
#include <asm/bitops.h>
#include <asm/xen/pvclock.h>

u64 pvclock_scale(u64 delta, u32 mul, s8 shift)
{
	unsigned __int128 d = delta;

	if (shift < 0)
		d >>= (shift < -63 ? 63 : -shift);
	else
		d <<= (shift > 31 ? 31 : shift);
	return (u64)((d * mul) >> 32);
}

u64 pvclock_ns_at(const struct pvclock_snapshot *s, u64 tsc)
{
	/* TSC values are modular: the stamp may lie "below zero" */
	u64 d = tsc - s->tsc_timestamp;

	if ((s64)d >= 0)
		return s->system_time + pvclock_scale(d, s->mul, s->shift);
	return s->system_time - pvclock_scale(-d, s->mul, s->shift);
}

bool pvclock_read(const struct vcpu_time_info *t, struct pvclock_snapshot *s,
		  u64 (*read_tsc)(void), u64 *tsc)
{
	unsigned int tries;
	u32 ver;

	for (tries = 0; tries < PVCLOCK_MAX_RETRIES; tries++) {
		ver = READ_ONCE(t->version);
		rmb();		/* the version before the record */
		s->tsc_timestamp = READ_ONCE(t->tsc_timestamp);
		s->system_time = READ_ONCE(t->system_time);
		s->mul = READ_ONCE(t->tsc_to_system_mul);
		s->shift = READ_ONCE(t->tsc_shift);
		if (read_tsc)
			*tsc = read_tsc();
		rmb();		/* the record before the version check */
		if (!(ver & 1) && ver == READ_ONCE(t->version))
			return true;
	}
	return false;
}
