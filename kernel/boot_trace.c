// SPDX-License-Identifier: GPL-2.0
/*
 * The boot timeline. boot_phase() stores the cycle counter (the TSC,
 * which every role can read) next to the phase name; the first phase,
 * "entry", starts at boot_tsc, the first instruction. A phase named
 * "ready" marks the ready line; phases after it (work deferred past
 * the ready line) are flagged. At the end of device probing the counts
 * are turned into µs with the rate the running clock implies
 * (cycles since boot_tsc over ktime since the first instruction), so
 * the same code serves the native TSC clock and Xen's pvclock.
 * At most BOOT_PHASES marks; later ones are counted, not stored.
 */
#include <tern/boot_trace.h>
#include <tern/printk.h>
#include <tern/string.h>
#include <tern/timer.h>
#include <asm/boot.h>
#include <asm/processor.h>

#define BOOT_PHASES	24

bool opt_boot_trace;

static struct {
	const char *name;
	u64 cycles;
} phases[BOOT_PHASES];
static unsigned int nr_phases, dropped;

void boot_phase(const char *name)
{
	if (nr_phases == BOOT_PHASES) {
		dropped++;
		return;
	}
	phases[nr_phases].name = name;
	phases[nr_phases].cycles = native_rdtsc();
	nr_phases++;
}

/* ns per cycle as 32.32 fixed point: cycles * scale >> 32 is ns */
static u64 cycles_to_us(u64 cycles, u64 scale)
{
	return (u64)(((unsigned __int128)cycles * scale) >> 32) / 1000;
}

void boot_trace_report(void)
{
	u64 end = native_rdtsc(), ns = ktime_ns();
	u64 total = end - boot_tsc, start = 0, ready = 0, scale;
	unsigned int i;

	if (!opt_boot_trace || !total)
		return;
	/* (ns << 32) / total without a 128-bit division */
	if (ns < (1ULL << 32))
		scale = (ns << 32) / total;
	else
		scale = ((ns << 8) / total) << 24;
	for (i = 0; i <= nr_phases; i++) {
		const char *name = i ? phases[i - 1].name : "entry";
		u64 next = i < nr_phases ? phases[i].cycles - boot_tsc : total;
		u64 s = cycles_to_us(start, scale);

		if (i < nr_phases && !strcmp(phases[i].name, "ready"))
			ready = cycles_to_us(next, scale);
		if (strcmp(name, "ready"))
			printk("boot_trace: %-12s start_us=%llu dur_us=%llu%s\n",
			       name, s, cycles_to_us(next, scale) - s,
			       ready && s >= ready ? " (after ready)" : "");
		start = next;
	}
	printk("boot_trace: ready at %llu us, devices done at %llu us%s\n",
	       ready, ns / 1000, dropped ? " (some phases not recorded)" : "");
}
