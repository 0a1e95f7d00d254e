// SPDX-License-Identifier: GPL-2.0
/*
 * TSC clock source. The frequency is taken from what the platform
 * states when it states it (CPUID leaf 0x15's crystal ratio, the
 * hypervisor timing leaf 0x40000010), and otherwise measured in a few
 * milliseconds against the best reference clock the ACPI tables name:
 * the HPET, else the PM timer, else PIT channel 2.
 *
 * A measurement is three short windows; each end of a window is a
 * reference read bracketed by TSC reads, and a window whose brackets are
 * wide (the vCPU was descheduled under emulation) is dropped. The
 * median of the good windows wins. Nothing here waits for more than
 * CAL_WINDOWS * CAL_US plus the rejected windows, and every loop is
 * bounded in TSC ticks as well as reference ticks.
 *
 * ktime is ns since the kernel's first instruction (boot_tsc, read in
 * head_64.S): ns = (tsc - boot_tsc) * mult >> 32, with a 128-bit
 * product so it never overflows.
 */
#include <tern/acpi.h>
#include <tern/printk.h>
#include <tern/timer.h>
#include <asm/apic.h>
#include <asm/boot.h>
#include <asm/io.h>
#include <asm/pv_ops.h>
#include <asm/tsc.h>

#define PIT_HZ		1193182ULL
#define PIT_CH2		0x42
#define PIT_CMD		0x43
#define PIT_GATE	0x61
#define PM_TMR_FREQ	3579545ULL
#define CAL_US		2000
#define CAL_WINDOWS	3
#define HPET_CAP	0x000
#define HPET_CONF	0x010
#define HPET_COUNTER	0x0f0
#define HPET_ENABLE	0x1u

static u64 tsc_mult;	/* ns per tick, 32.32 fixed point */
static u64 tsc_hz;
static const char *tsc_source = "none";

/* ordered: a time stamp must not be read before the loads it follows */
static u64 tsc_clock_ns(void)
{
	u64 d = rdtsc_ordered() - boot_tsc;

	return (u64)(((unsigned __int128)d * tsc_mult) >> 32);
}

/* ---- stated frequencies ---- */

static u64 tsc_hz_stated(void)
{
	u32 a, b, c, d, max;

	pv_ops.cpu.cpuid(0, 0, &max, &b, &c, &d);
	if (max >= 0x15) {
		pv_ops.cpu.cpuid(0x15, 0, &a, &b, &c, &d);
		/* TSC = crystal (ecx Hz) * ebx / eax */
		if (a && b && c) {
			tsc_source = "CPUID 0x15";
			return (u64)c * b / a;
		}
	}
	pv_ops.cpu.cpuid(0x40000000, 0, &max, &b, &c, &d);
	if (max >= 0x40000010 && max < 0x40010000) {
		pv_ops.cpu.cpuid(0x40000010, 0, &a, &b, &c, &d);
		if (a) {
			tsc_source = "hypervisor leaf 0x40000010";
			return (u64)a * 1000;
		}
	}
	return 0;
}

/* ---- reference clocks: a counter, its frequency, its width ---- */

struct tsc_ref {
	const char *name;
	u64 hz;
	u64 mask;
	u64 (*read)(const struct tsc_ref *r);
	void __iomem *hpet;
};

static u64 hpet_read(const struct tsc_ref *r)
{
	return readl((u8 __iomem *)r->hpet + HPET_COUNTER);
}

static u64 pmtmr_read(const struct tsc_ref *r)
{
	return inl(acpi.pm_tmr_port);
}

/* PIT channel 2 counts down from 0xffff (mode 0): report it rising. */
static u64 pit_read(const struct tsc_ref *r)
{
	u8 lo, hi;

	outb(0x80, PIT_CMD);			/* latch channel 2 */
	lo = inb(PIT_CH2);
	hi = inb(PIT_CH2);
	return 0xffff - (((u16)hi << 8) | lo);
}

static bool ref_hpet(struct tsc_ref *r)
{
	u32 period_fs;

	if (!acpi.hpet_addr)
		return false;
	r->hpet = ioremap(acpi.hpet_addr, 0x400);
	if (!r->hpet)
		return false;
	period_fs = readl((u8 __iomem *)r->hpet + HPET_CAP + 4);
	/* the spec allows up to 100 ns per tick; faster than 1 GHz is bogus */
	if (period_fs < 1000000u || period_fs > 100000000u) {
		iounmap(r->hpet, 0x400);
		return false;
	}
	writel(readl((u8 __iomem *)r->hpet + HPET_CONF) | HPET_ENABLE,
	       (u8 __iomem *)r->hpet + HPET_CONF);
	r->name = "HPET";
	r->hz = 1000000000000000ULL / period_fs;
	r->mask = 0xffffffffULL;
	r->read = hpet_read;
	return true;
}

static bool ref_pmtmr(struct tsc_ref *r)
{
	if (!acpi.pm_tmr_port || acpi.pm_tmr_withheld)
		return false;
	r->name = "PM timer";
	r->hz = PM_TMR_FREQ;
	r->mask = acpi.pm_tmr_32bit ? 0xffffffffULL : 0xffffffULL;
	r->read = pmtmr_read;
	return true;
}

static void ref_pit(struct tsc_ref *r)
{
	r->name = "PIT";
	r->hz = PIT_HZ;
	r->mask = 0xffff;
	r->read = pit_read;
}

/* ---- measuring ---- */

static u64 ref_sample(const struct tsc_ref *r, u64 *t0, u64 *t1)
{
	u64 v;

	*t0 = native_rdtsc();
	v = r->read(r);
	*t1 = native_rdtsc();
	return v;
}

/*
 * One window of about CAL_US: Hz, or 0 when it must be dropped (a
 * bracket longer than 1/100 of the window, or no progress).
 */
static u64 measure_window(const struct tsc_ref *r)
{
	u64 want = r->hz * CAL_US / 1000000, a0, a1, b0, b1, r0, r1, ticks;
	u64 limit;

	if (r->read == pit_read) {
		outb(0xb0, PIT_CMD);		/* ch2, lo/hi, mode 0 */
		outb(0xff, PIT_CH2);
		outb(0xff, PIT_CH2);
	}
	r0 = ref_sample(r, &a0, &a1);
	/* give up after 2^34 TSC ticks (seconds on any CPU) */
	limit = a1 + (1ULL << 34);
	do {
		r1 = ref_sample(r, &b0, &b1);
		ticks = (r1 - r0) & r->mask;
	} while (ticks < want && b1 < limit);
	if (!ticks || ticks < want)
		return 0;
	if ((a1 - a0) * 100 > b0 - a1 || (b1 - b0) * 100 > b0 - a1)
		return 0;
	/* under 2^32 ticks for a ms-long window, times hz <= 1 GHz: fits */
	if (b1 - a0 >= (1ULL << 32))
		return 0;
	return ((b0 + b1) / 2 - (a0 + a1) / 2) * r->hz / ticks;
}

static u64 measure(const struct tsc_ref *r)
{
	u64 good[CAL_WINDOWS];
	unsigned int n = 0, tries, i, j;

	for (tries = 0; tries < 4 * CAL_WINDOWS && n < CAL_WINDOWS; tries++) {
		u64 hz = measure_window(r);

		if (hz)
			good[n++] = hz;
	}
	if (!n)
		return 0;
	for (i = 1; i < n; i++)
		for (j = i; j > 0 && good[j - 1] > good[j]; j--)
			swap(good[j], good[j - 1]);
	return good[n / 2];
}

u64 tsc_measure_against(enum tsc_ref_kind kind, const char **name)
{
	struct tsc_ref r = { 0 };
	u8 gate = 0;
	u64 hz;

	if ((kind == TSC_REF_HPET && !ref_hpet(&r)) ||
	    (kind == TSC_REF_PMTMR && !ref_pmtmr(&r)))
		return 0;
	if (kind == TSC_REF_PIT) {
		ref_pit(&r);
		gate = inb(PIT_GATE);
		outb((gate & ~0x02) | 0x01, PIT_GATE);	/* speaker off, gate on */
	}
	hz = measure(&r);
	if (kind == TSC_REF_PIT)
		outb(gate, PIT_GATE);
	if (r.hpet)
		iounmap(r.hpet, 0x400);
	if (name)
		*name = r.name;
	return hz;
}

u64 tsc_khz(void)
{
	return tsc_hz / 1000;
}

const char *tsc_calibration_source(void)
{
	return tsc_source;
}

void tsc_init(void)
{
	static const enum tsc_ref_kind order[] = {
		TSC_REF_HPET, TSC_REF_PMTMR, TSC_REF_PIT,
	};
	u64 t0 = native_rdtsc();
	unsigned int i;

	tsc_hz = tsc_hz_stated();
	for (i = 0; !tsc_hz && i < ARRAY_SIZE(order); i++)
		tsc_hz = tsc_measure_against(order[i], &tsc_source);
	if (tsc_hz < 1000000)
		panic("TSC frequency unknown: nothing states it and no reference clock gave a measurement (%llu Hz)",
		      tsc_hz);
	tsc_mult = (NSEC_PER_SEC << 32) / tsc_hz;
	pv_ops.time.clock_ns = tsc_clock_ns;
	pv_ops.time.clock_name = "tsc";
	pr_info("tsc: %llu.%03llu MHz (%s, %llu us)\n", tsc_hz / 1000000,
		(tsc_hz / 1000) % 1000, tsc_source,
		(native_rdtsc() - t0) * 1000000 / tsc_hz);
}
