// SPDX-License-Identifier: GPL-2.0
/*
 * Local APIC (xAPIC, memory mapped): enable, EOI, self-IPI and the
 * one-shot timer that backs pv_ops.time.set_next_event natively. The
 * timer is an ordinary dynamic IRQ in the IRQ core, so it is counted
 * and dispatched like any other interrupt.
 *
 * SMP: every CPU's LAPIC sits at the same physical address, so the one
 * mapping (`lapic`) reaches the calling CPU's own. IPIs to other CPUs
 * (fixed delivery, INIT, STARTUP) use physical destination mode with
 * the target's APIC id. The two ICR writes and the wait for delivery
 * run with interrupts off, so an interrupt handler on the same CPU
 * cannot interleave its own ICR writes; each wait is bounded.
 */
#include <tern/irq.h>
#include <tern/printk.h>
#include <tern/timer.h>
#include <asm/apic.h>
#include <asm/io.h>
#include <asm/pv_ops.h>
#include <asm/smp.h>

#define APIC_ID		0x020
#define APIC_TPR	0x080
#define APIC_EOI	0x0b0
#define APIC_SVR	0x0f0
#define APIC_ICR_LO	0x300
#define APIC_ICR_HI	0x310
#define APIC_LVT_TIMER	0x320
#define APIC_TMR_INIT	0x380
#define APIC_TMR_CUR	0x390
#define APIC_TMR_DIV	0x3e0

#define APIC_LVT_MASKED	(1u << 16)
#define APIC_ICR_BUSY	(1u << 12)
#define APIC_DEST_SELF	(1u << 18)
#define APIC_DM_FIXED	(0u << 8)
#define APIC_DM_INIT	(5u << 8)
#define APIC_DM_STARTUP	(6u << 8)
#define APIC_LEVEL_ASSERT	(1u << 14)
#define APIC_TRIGGER_LEVEL	(1u << 15)
/* how long an IPI may stay "send pending" (it is ~µs on hardware) */
#define APIC_ICR_WAIT_US	1000
#define MSR_APIC_BASE	0x1b
#define APIC_BASE_EN	(1u << 11)

static void __iomem *lapic;
static u64 timer_ticks_per_ms;

static u32 lapic_read(u32 reg)
{
	return readl((u8 __iomem *)lapic + reg);
}

static void lapic_write(u32 reg, u32 v)
{
	writel(v, (u8 __iomem *)lapic + reg);
}

bool lapic_present(void)
{
	return lapic;
}

void lapic_eoi(void)
{
	if (lapic)
		lapic_write(APIC_EOI, 0);
}

u32 lapic_id(void)
{
	return lapic ? lapic_read(APIC_ID) >> 24 : 0;
}

void lapic_init(u64 phys)
{
	u64 base = pv_ops.cpu.rdmsr(MSR_APIC_BASE);

	if (!(base & APIC_BASE_EN))
		pv_ops.cpu.wrmsr(MSR_APIC_BASE, base | APIC_BASE_EN);
	lapic = ioremap(phys, 4096);
	if (!lapic)
		panic("cannot map the local APIC at %#llx", phys);
	lapic_write(APIC_TPR, 0);
	lapic_write(APIC_LVT_TIMER, APIC_LVT_MASKED);
	lapic_write(APIC_SVR, 0x100 | SPURIOUS_VECTOR);
	lapic_eoi();
	this_cpu()->apic_id = lapic_id();
}

void lapic_send_self_ipi(unsigned int vector)
{
	unsigned int spin = 1000000;

	lapic_write(APIC_ICR_HI, 0);
	lapic_write(APIC_ICR_LO, APIC_DEST_SELF | (vector & 0xff));
	while ((lapic_read(APIC_ICR_LO) & APIC_ICR_BUSY) && --spin)
		cpu_relax();
}

/* The ICR is idle (the last IPI was accepted); false after the bound. */
static bool lapic_icr_wait(void)
{
	u64 end = ktime_ns() + APIC_ICR_WAIT_US * NSEC_PER_USEC;

	while (lapic_read(APIC_ICR_LO) & APIC_ICR_BUSY) {
		if (ktime_ns() > end)
			return false;
		cpu_relax();
	}
	return true;
}

static int lapic_send(u32 apic_id, u32 icr_lo)
{
	unsigned long flags;
	bool idle;

	if (!lapic || apic_id > 0xff)
		return -ENODEV;
	flags = local_irq_save();
	lapic_icr_wait();
	lapic_write(APIC_ICR_HI, apic_id << 24);
	lapic_write(APIC_ICR_LO, icr_lo);
	idle = lapic_icr_wait();
	local_irq_restore(flags);
	return idle ? 0 : -ETIMEDOUT;
}

int lapic_send_ipi(u32 apic_id, unsigned int vector)
{
	return lapic_send(apic_id, APIC_DM_FIXED | (vector & 0xff));
}

int lapic_send_init(u32 apic_id)
{
	int err;

	/* assert, then deassert (needed by old APICs, harmless on new) */
	err = lapic_send(apic_id, APIC_DM_INIT | APIC_TRIGGER_LEVEL |
			 APIC_LEVEL_ASSERT);
	if (err)
		return err;
	return lapic_send(apic_id, APIC_DM_INIT | APIC_TRIGGER_LEVEL);
}

int lapic_send_sipi(u32 apic_id, unsigned int page)
{
	return lapic_send(apic_id, APIC_DM_STARTUP | (page & 0xff));
}


static void lapic_timer_mask(unsigned int irq)
{
	lapic_write(APIC_LVT_TIMER, APIC_LVT_MASKED | irq_vector(irq));
}

static void lapic_timer_unmask(unsigned int irq)
{
	lapic_write(APIC_LVT_TIMER, irq_vector(irq));
}

/*
 * A secondary CPU's LAPIC: enabled, TPR 0, and its one-shot timer set up
 * like CPU 0's (same divider, the timer IRQ's vector, unmasked): timers
 * are per CPU and fire on the CPU that started them. The calibration
 * (timer_ticks_per_ms) is CPU 0's; every LAPIC counts the same bus clock.
 */
void lapic_ap_init(void)
{
	u64 base = pv_ops.cpu.rdmsr(MSR_APIC_BASE);

	if (!(base & APIC_BASE_EN))
		pv_ops.cpu.wrmsr(MSR_APIC_BASE, base | APIC_BASE_EN);
	lapic_write(APIC_TPR, 0);
	lapic_write(APIC_LVT_TIMER, APIC_LVT_MASKED);
	lapic_write(APIC_TMR_INIT, 0);
	lapic_write(APIC_SVR, 0x100 | SPURIOUS_VECTOR);
	lapic_eoi();
	this_cpu()->apic_id = lapic_id();
	if (timer_ticks_per_ms) {
		lapic_write(APIC_TMR_DIV, 0x3);		/* divide by 16 */
		lapic_timer_unmask(timer_irq);
	}
}

static void lapic_chip_eoi(unsigned int irq)
{
	lapic_eoi();
}

static const struct irq_chip lapic_timer_chip = {
	.name = "lapic-timer",
	.mask = lapic_timer_mask,
	.unmask = lapic_timer_unmask,
	.eoi = lapic_chip_eoi,
};

static void lapic_set_next_event(u64 delta_ns)
{
	u64 ticks = delta_ns * timer_ticks_per_ms / 1000000;

	if (ticks == 0)
		ticks = 1;
	if (ticks > 0xffffffffULL)
		ticks = 0xffffffffULL;
	lapic_write(APIC_TMR_INIT, (u32)ticks);
}

static void lapic_timer_irq(unsigned int irq, void *data)
{
	timer_interrupt();
}

void lapic_timer_init(void)
{
	u64 t0, elapsed;
	u32 left;
	int irq;

	/*
	 * Count down from the maximum for 1 ms of the calibrated clock: the
	 * count is read and the time taken together, so a longer window adds
	 * no accuracy worth its wait (1 ms is > 10^4 ticks on any APIC).
	 */
	lapic_write(APIC_TMR_DIV, 0x3);		/* divide by 16 */
	lapic_write(APIC_LVT_TIMER, APIC_LVT_MASKED);
	t0 = pv_ops.time.clock_ns();
	lapic_write(APIC_TMR_INIT, 0xffffffff);
	while (pv_ops.time.clock_ns() - t0 < 1000000)
		cpu_relax();
	left = lapic_read(APIC_TMR_CUR);
	elapsed = pv_ops.time.clock_ns() - t0;
	lapic_write(APIC_TMR_INIT, 0);
	timer_ticks_per_ms = (u64)(0xffffffffu - left) * 1000000 / elapsed;
	if (!timer_ticks_per_ms)
		panic("local APIC timer does not count");

	irq = irq_alloc_dynamic();
	if (irq < 0 || alloc_irq_vector(irq) < 0)
		panic("no IRQ for the local APIC timer");
	timer_irq = irq;
	irq_set_chip(timer_irq, &lapic_timer_chip, NULL);
	pv_ops.time.set_next_event = lapic_set_next_event;
	if (request_irq(timer_irq, lapic_timer_irq, "lapic-timer", NULL))
		panic("cannot install the local APIC timer handler");
	pr_info("lapic: timer %llu kHz (irq %u, vector %#x)\n",
		timer_ticks_per_ms, timer_irq, irq_vector(timer_irq));
}
