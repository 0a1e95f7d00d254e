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
 *  - tsc < tsc_timestamp happens legitimately: Xen rewrites the record
 *    (about once a second, and when the vCPU moves) with a stamp later
 *    than a TSC value we took before, boot_tsc above all. That delta is
 *    negative and is scaled as such, instead of wrapping to ~2^64 ticks.
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
	if (tsc >= s->tsc_timestamp)
		return s->system_time +
		       pvclock_scale(tsc - s->tsc_timestamp, s->mul, s->shift);
	return s->system_time -
	       pvclock_scale(s->tsc_timestamp - tsc, s->mul, s->shift);
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
