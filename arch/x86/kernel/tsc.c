// SPDX-License-Identifier: GPL-2.0
/*
 * TSC clock source, calibrated once against PIT channel 2 (50 ms gate).
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
#define CAL_MS		50

static u64 tsc_mult;	/* ns per tick, 32.32 fixed point */
static u64 tsc_hz;

static u64 tsc_clock_ns(void)
{
	u64 d = native_rdtsc() - boot_tsc;

	return (u64)(((unsigned __int128)d * tsc_mult) >> 32);
}

static u64 calibrate_pit(void)
{
	u32 latch = PIT_HZ * CAL_MS / 1000;
	u64 t0, t1, spins = 0;
	u8 gate = inb(PIT_GATE);

	outb((gate & ~0x02) | 0x01, PIT_GATE);	/* speaker off, gate on */
	outb(0xb0, PIT_CMD);			/* ch2, lo/hi, mode 0 */
	outb(latch & 0xff, PIT_CH2);
	outb(latch >> 8, PIT_CH2);
	t0 = native_rdtsc();
	while (!(inb(PIT_GATE) & 0x20)) {
		if (++spins > 100000000ULL)
			return 0;
	}
	t1 = native_rdtsc();
	outb(gate, PIT_GATE);
	return (t1 - t0) * 1000 / CAL_MS;
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
