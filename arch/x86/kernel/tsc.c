// SPDX-License-Identifier: GPL-2.0
/*
 * TSC clock source, calibrated once against PIT channel 2 (median of
 * five 20 ms rounds).
 * ktime is ns since the kernel's first instruction (boot_tsc, read in
 * head_64.S): ns = (tsc - boot_tsc) * mult >> 32, with a 128-bit
 * product so it never overflows.
 */
#include <tern/printk.h>
#include <tern/timer.h>
#include <asm/apic.h>
#include <asm/boot.h>
#include <asm/io.h>
#include <asm/pv_ops.h>

#define PIT_HZ		1193182ULL
#define PIT_CH2		0x42
#define PIT_CMD		0x43
#define PIT_GATE	0x61
#define CAL_MS		20
#define CAL_ROUNDS	5

static u64 tsc_mult;	/* ns per tick, 32.32 fixed point */
static u64 tsc_hz;

static u64 tsc_clock_ns(void)
{
	u64 d = native_rdtsc() - boot_tsc;

	return (u64)(((unsigned __int128)d * tsc_mult) >> 32);
}

/* Latch and read PIT channel 2's count, bracketed by TSC reads. */
static u16 pit_read_count(u64 *tsc_before, u64 *tsc_after)
{
	u8 lo, hi;

	*tsc_before = native_rdtsc();
	outb(0x80, PIT_CMD);			/* latch channel 2 */
	lo = inb(PIT_CH2);
	hi = inb(PIT_CH2);
	*tsc_after = native_rdtsc();
	return ((u16)hi << 8) | lo;
}

/*
 * One round: let channel 2 count down from 0xffff and read it at both
 * ends. Under emulation the vCPU may be descheduled at any point, so
 * each read is bracketed by TSC reads and a round whose brackets are
 * wide is rejected; the median of the good rounds wins.
 */
static u64 calibrate_round(void)
{
	u64 a0, a1, b0, b1, t0;
	u16 c0, c1;
	u32 pit_ticks;

	outb(0xb0, PIT_CMD);			/* ch2, lo/hi, mode 0 */
	outb(0xff, PIT_CH2);
	outb(0xff, PIT_CH2);
	c0 = pit_read_count(&a0, &a1);
	t0 = a1;
	do {
		c1 = pit_read_count(&b0, &b1);
		pit_ticks = c0 - c1;
	} while (pit_ticks < PIT_HZ * CAL_MS / 1000 && b1 - t0 < (1ULL << 40));
	if (pit_ticks == 0)
		return 0;
	/* reject rounds where either read took longer than 1/50 of the round */
	if ((a1 - a0) * 50 > b0 - a1 || (b1 - b0) * 50 > b0 - a1)
		return 0;
	return ((b0 + b1) / 2 - (a0 + a1) / 2) * PIT_HZ / pit_ticks;
}

static u64 calibrate_pit(void)
{
	u64 good[CAL_ROUNDS];
	unsigned int n = 0, i, j, tries;
	u8 gate = inb(PIT_GATE);

	outb((gate & ~0x02) | 0x01, PIT_GATE);	/* speaker off, gate on */
	for (tries = 0; tries < 3 * CAL_ROUNDS && n < CAL_ROUNDS; tries++) {
		u64 hz = calibrate_round();

		if (hz)
			good[n++] = hz;
	}
	outb(gate, PIT_GATE);
	if (!n)
		return 0;
	for (i = 1; i < n; i++)
		for (j = i; j > 0 && good[j - 1] > good[j]; j--) {
			u64 tmp = good[j];

			good[j] = good[j - 1];
			good[j - 1] = tmp;
		}
	return good[n / 2];
}

u64 tsc_khz(void)
{
	return tsc_hz / 1000;
}

void tsc_init(void)
{
	tsc_hz = calibrate_pit();
	if (tsc_hz < 1000000)
		panic("TSC calibration against the PIT failed (%llu Hz)",
		      tsc_hz);
	tsc_mult = (NSEC_PER_SEC << 32) / tsc_hz;
	pv_ops.time.clock_ns = tsc_clock_ns;
	pv_ops.time.clock_name = "tsc";
	pr_info("tsc: %llu.%03llu MHz (PIT calibrated)\n", tsc_hz / 1000000,
		(tsc_hz / 1000) % 1000);
}
