// SPDX-License-Identifier: GPL-2.0
/*
 * Time on arm64: the generic timer's virtual counter (CNTVCT_EL0, at
 * CNTFRQ_EL0 Hz; CNTVOFF_EL2 is 0 when we came through EL2) behind
 * pv_ops.time. ktime_ns() counts from the first instruction (head.S
 * stored the counter there: boot_tsc).
 *
 * No interrupts yet (Documentation/arm64.md): set_next_event() only
 * records the deadline, and the idle wait (safe_halt) polls it, running
 * the expired timers itself as the timer interrupt would (interrupts
 * off), along with the console's input. A CPU that waits in safe_halt
 * is therefore busy, not halted; halt() (panic, noshutdown) is a real
 * wfi that nothing wakes.
 */
#include <tern/printk.h>
#include <tern/timer.h>
#include <asm/boot.h>
#include <asm/pv_ops.h>
#include <asm/setup.h>
#include <asm/sysreg.h>

static u64 cntfrq;
/* ns = ticks * mult >> 32 */
static u64 ns_mult;
static u64 deadline_ns;		/* 0: no timer armed */

static u64 generic_timer_ns(void)
{
	u64 ticks = native_rdtsc() - boot_tsc;

	return (u64)(((unsigned __int128)ticks * ns_mult) >> 32);
}

static void generic_timer_set_next_event(u64 delta_ns)
{
	WRITE_ONCE(deadline_ns, generic_timer_ns() + (delta_ns ? delta_ns : 1));
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
	if (!cntfrq)
		panic("arm64: CNTFRQ_EL0 is 0: the generic timer's rate is unknown");
	ns_mult = (u64)(((unsigned __int128)NSEC_PER_SEC << 32) / cntfrq);
	pr_info("time: arm generic timer, %llu Hz\n", cntfrq);
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
	pl011_poll_input();
	arm64_timer_poll();
	local_irq_enable();
	cpu_relax();
}

void halt(void)
{
	__asm__ __volatile__("dsb sy; wfi" : : : "memory");
}
