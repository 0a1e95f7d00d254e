// SPDX-License-Identifier: GPL-2.0
/*
 * Time on arm64: the generic timer's virtual counter (CNTVCT_EL0, at
 * CNTFRQ_EL0 Hz; CNTVOFF_EL2 is 0 when we came through EL2) behind
 * pv_ops.time. ktime_ns() counts from the first instruction (head.S
 * stored the counter there: boot_tsc).
 *
 * The one-shot timer is the EL1 virtual timer (CNTV_CVAL_EL0 /
 * CNTV_CTL_EL0), whose PPI the device tree names, through the GICv3
 * (gic_v3.c): its handler disables the timer (the PPI is level
 * triggered) and runs timer_interrupt(), which arms it again for the
 * next deadline. The idle wait is then wfi with interrupts masked, so
 * an interrupt pending in between ends it at once, and they are
 * unmasked after it.
 *
 * Without a GIC (or its PPI), the fallback is polling: set_next_event()
 * records the deadline and safe_halt() runs the expired timers itself,
 * with interrupts off as the interrupt would. Either way safe_halt()
 * polls the console's receive FIFO (the PL011's interrupt is not
 * wired yet). halt() is a wfi.
 */
#include <tern/irq.h>
#include <tern/printk.h>
#include <tern/timer.h>
#include <asm/boot.h>
#include <asm/pv_ops.h>
#include <asm/setup.h>
#include <asm/sysreg.h>

#define CNTV_CTL_ENABLE		(1UL << 0)

static u64 cntfrq;
/* ns = ticks * ns_mult >> 32; ticks = ns * tick_mult >> 32 */
static u64 ns_mult, tick_mult;
static u64 deadline_ns;		/* polled mode: 0, or the armed deadline */
static bool timer_irq_on;	/* the PPI is bound: interrupt mode */

static u64 generic_timer_ns(void)
{
	u64 ticks = native_rdtsc() - boot_tsc;

	return (u64)(((unsigned __int128)ticks * ns_mult) >> 32);
}

static void generic_timer_set_next_event(u64 delta_ns)
{
	u64 ticks;

	if (!timer_irq_on) {
		WRITE_ONCE(deadline_ns,
			   generic_timer_ns() + (delta_ns ? delta_ns : 1));
		return;
	}
	ticks = (u64)(((unsigned __int128)delta_ns * tick_mult) >> 32);
	write_sysreg(native_rdtsc() + (ticks ? ticks : 1), cntv_cval_el0);
	write_sysreg(CNTV_CTL_ENABLE, cntv_ctl_el0);
	isb();
}

struct pv_ops pv_ops = {
	.time = {
		.clock_name = "arm-generic-timer",
		.clock_ns = generic_timer_ns,
		.set_next_event = generic_timer_set_next_event,
	},
};

void arm64_time_init(void)
{
	cntfrq = read_sysreg(cntfrq_el0);
	/* the architecture's range is 1 MHz to 1 GHz; a wider one breaks the math */
	if (!cntfrq || cntfrq >= (1ULL << 32))
		panic("arm64: CNTFRQ_EL0 is %llu: the generic timer's rate is unusable",
		      cntfrq);
	ns_mult = (NSEC_PER_SEC << 32) / cntfrq;
	tick_mult = (cntfrq << 32) / NSEC_PER_SEC;
	write_sysreg(0, cntv_ctl_el0);
	pr_info("time: arm generic timer, %llu Hz\n", cntfrq);
}

static void vtimer_interrupt(unsigned int irq, void *data)
{
	write_sysreg(0, cntv_ctl_el0);	/* the level drops */
	isb();
	timer_interrupt();
}

void arm64_timer_irq_init(u32 intid)
{
	int irq = intid ? gic_request_intid(intid, false, vtimer_interrupt,
					    "arch_timer", NULL) : -ENODEV;

	if (irq < 0) {
		pr_warn("time: no virtual timer interrupt (%d): timers are polled\n",
			irq);
		return;
	}
	timer_irq = irq;
	timer_irq_on = true;
	pr_info("time: virtual timer on PPI %u (IRQ %d)\n", intid, irq);
}

void arm64_timer_poll(void)
{
	u64 d = READ_ONCE(deadline_ns);

	if (d && generic_timer_ns() >= d) {
		WRITE_ONCE(deadline_ns, 0);
		timer_interrupt();
	}
}

void safe_halt(void)
{
	if (pl011_poll_input() || !timer_irq_on) {
		arm64_timer_poll();
		local_irq_enable();
		cpu_relax();
		return;
	}
	/* an interrupt pending before or during the wfi ends it */
	__asm__ __volatile__("dsb sy; wfi; msr daifclr, #2" : : : "memory");
}

void halt(void)
{
	__asm__ __volatile__("dsb sy; wfi" : : : "memory");
}
