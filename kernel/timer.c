// SPDX-License-Identifier: GPL-2.0
/*
 * One-shot timers on a sorted singly linked list. Invariant: when the
 * list is non-empty, the backend timer is armed for the head's deadline
 * (or earlier). All list changes happen under timer_lock with
 * interrupts disabled.
 *
 * SMP: the timer hardware programmed here is the calling CPU's; timers
 * are CPU 0's (its LAPIC timer, its vCPU's VIRQ_TIMER), so only CPU 0
 * starts them: timer_start_at() on another CPU is refused with a log
 * line (per-CPU timer lists are future work).
 */
#include <tern/printk.h>
#include <tern/smp.h>
#include <tern/spinlock.h>
#include <tern/timer.h>
#include <asm/pv_ops.h>

static struct timer *timer_list;
static DEFINE_SPINLOCK(timer_lock);	/* the list; never held across fn */
static u64 timer_irqs;
unsigned int timer_irq;

u64 ktime_ns(void)
{
	return pv_ops.time.clock_ns();
}

static bool timer_unlink(struct timer *t);

static void program_head(void)
{
	u64 now = ktime_ns();

	if (!timer_list)
		return;
	pv_ops.time.set_next_event(timer_list->expires > now ?
				   timer_list->expires - now : 1);
}

void timer_start(struct timer *t, u64 delay_ns)
{
	timer_start_at(t, ktime_ns() + delay_ns);
}

void timer_start_at(struct timer *t, u64 deadline)
{
	unsigned long flags;
	struct timer **pp;

	if (smp_processor_id()) {
		pr_err("timer: started on CPU %u: timers are CPU 0's, ignored\n",
		       smp_processor_id());
		return;
	}
	flags = spin_lock_irqsave(&timer_lock);
	if (t->pending)
		timer_unlink(t);
	t->expires = deadline;
	t->pending = true;
	for (pp = &timer_list; *pp && (*pp)->expires <= t->expires;
	     pp = &(*pp)->next)
		;
	t->next = *pp;
	*pp = t;
	if (timer_list == t)
		program_head();
	spin_unlock_irqrestore(&timer_lock, flags);
}

/* Take t off the list (timer_lock held). */
static bool timer_unlink(struct timer *t)
{
	struct timer **pp;
	bool found = false;

	for (pp = &timer_list; *pp; pp = &(*pp)->next) {
		if (*pp == t) {
			*pp = t->next;
			found = true;
			break;
		}
	}
	t->pending = false;
	return found;
}

bool timer_cancel(struct timer *t)
{
	unsigned long flags = spin_lock_irqsave(&timer_lock);
	bool found = timer_unlink(t);

	spin_unlock_irqrestore(&timer_lock, flags);
	return found;
}

unsigned int timer_cancel_range(const void *lo, const void *hi)
{
	unsigned long flags = spin_lock_irqsave(&timer_lock);
	struct timer **pp = &timer_list;
	unsigned int n = 0;

	while (*pp) {
		struct timer *t = *pp;

		if ((const void *)t >= lo && (const void *)t < hi) {
			*pp = t->next;
			t->pending = false;
			n++;
		} else {
			pp = &t->next;
		}
	}
	/* a head removed here leaves a harmless early timer interrupt */
	spin_unlock_irqrestore(&timer_lock, flags);
	return n;
}

void timer_interrupt(void)
{
	u64 now = ktime_ns();

	timer_irqs++;
	spin_lock(&timer_lock);
	while (timer_list && timer_list->expires <= now) {
		struct timer *t = timer_list;

		timer_list = t->next;
		t->pending = false;
		spin_unlock(&timer_lock);
		t->fn(t);
		spin_lock(&timer_lock);
		now = ktime_ns();
	}
	program_head();
	spin_unlock(&timer_lock);
}

u64 timer_interrupt_count(void)
{
	return timer_irqs;
}

void udelay(u64 us)
{
	u64 end = ktime_ns() + us * NSEC_PER_USEC;

	while (ktime_ns() < end)
		cpu_relax();
}

void mdelay(u64 ms)
{
	udelay(ms * 1000);
}
