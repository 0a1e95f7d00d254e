/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Time: ktime_ns() is the monotonic clock (pv_ops.time.clock_ns), and
 * timers are one-shot callbacks kept in a sorted list per CPU; the
 * earliest one programs that CPU's one-shot timer (its LAPIC natively,
 * its vCPU's VCPUOP_set_singleshot_timer under Xen). A timer fires on
 * the CPU that started it; callbacks run in interrupt context.
 */
#ifndef _TERN_TIMER_H
#define _TERN_TIMER_H

#include <tern/types.h>

struct timer {
	u64 expires;			/* ktime_ns() deadline */
	void (*fn)(struct timer *t);
	void *data;
	struct timer *next;
	bool pending;
	u16 cpu;			/* the CPU whose list holds it */
};

u64 ktime_ns(void);
void timer_start(struct timer *t, u64 delay_ns);
/* Absolute ktime_ns() deadline; one in the past fires at once. */
void timer_start_at(struct timer *t, u64 deadline);
bool timer_cancel(struct timer *t);	/* true if it was pending */
/*
 * Cancel every queued timer stored in [lo, hi) and return how many: the
 * test runner's guard against a case that returned (say, from a failed
 * KTEST_ASSERT) with a timer in its stack frame still queued, whose
 * callback would otherwise run later from a dead, reused frame.
 */
unsigned int timer_cancel_range(const void *lo, const void *hi);
/* Called by the backend's timer interrupt. */
void timer_interrupt(void);
u64 timer_interrupt_count(void);
/* IRQ number of the backend's timer interrupt (for tests and irqs). */
extern unsigned int timer_irq;

void udelay(u64 us);
void mdelay(u64 ms);

#define NSEC_PER_USEC	1000ULL
#define NSEC_PER_MSEC	1000000ULL
#define NSEC_PER_SEC	1000000000ULL

#endif
