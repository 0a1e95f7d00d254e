// SPDX-License-Identifier: GPL-2.0
/*
 * One-shot timers, one sorted singly linked list per CPU. Invariant:
 * when a CPU's list is non-empty, that CPU's timer hardware is armed for
 * the head's deadline (or earlier). A timer runs on the CPU that started
 * it (its LAPIC timer, its vCPU's single-shot timer and VIRQ_TIMER);
 * t->cpu remembers which list holds it. Each list changes under its own
 * lock with interrupts disabled; callbacks run without it.
 *
 * Cancelling from another CPU leaves that CPU's hardware armed for a
 * deadline nobody waits for: a harmless early interrupt.
 */
#include <tern/printk.h>
#include <tern/smp.h>
#include <tern/spinlock.h>
#include <tern/timer.h>
#include <asm/pv_ops.h>
#include <asm/smp.h>

static struct {
	spinlock_t lock;
	struct timer *list;
} cpu_timers[NR_CPUS];
static u64 timer_irqs;
unsigned int timer_irq;

u64 ktime_ns(void)
{
	return pv_ops.time.clock_ns();
}

/* Arm this CPU's hardware for its list's head (its lock held). */
static void program_head(unsigned int cpu)
{
	struct timer *head = cpu_timers[cpu].list;
	u64 now = ktime_ns();

	if (!head)
		return;
	pv_ops.time.set_next_event(head->expires > now ?
				   head->expires - now : 1);
}

/* Take t off the list of CPU cpu (its lock held). */
static bool timer_unlink(struct timer *t, unsigned int cpu)
{
	struct timer **pp;

	for (pp = &cpu_timers[cpu].list; *pp; pp = &(*pp)->next) {
		if (*pp == t) {
			*pp = t->next;
			t->pending = false;
			return true;
		}
	}
	return false;
}

void timer_start(struct timer *t, u64 delay_ns)
{
	timer_start_at(t, ktime_ns() + delay_ns);
}

void timer_start_at(struct timer *t, u64 deadline)
{
	unsigned int cpu;
	unsigned long flags;
	struct timer **pp;

	if (t->pending)
		timer_cancel(t);
	flags = local_irq_save();
	cpu = smp_processor_id();
	spin_lock(&cpu_timers[cpu].lock);
	t->expires = deadline;
	t->pending = true;
	t->cpu = cpu;
	for (pp = &cpu_timers[cpu].list; *pp && (*pp)->expires <= t->expires;
	     pp = &(*pp)->next)
		;
	t->next = *pp;
	*pp = t;
	if (cpu_timers[cpu].list == t)
		program_head(cpu);
	spin_unlock(&cpu_timers[cpu].lock);
	local_irq_restore(flags);
}

bool timer_cancel(struct timer *t)
{
	unsigned int cpu = READ_ONCE(t->cpu);
	unsigned long flags;
	bool found;

	if (cpu >= NR_CPUS)
		return false;
	flags = spin_lock_irqsave(&cpu_timers[cpu].lock);
	found = timer_unlink(t, cpu);
	t->pending = false;
	spin_unlock_irqrestore(&cpu_timers[cpu].lock, flags);
	return found;
}

unsigned int timer_cancel_range(const void *lo, const void *hi)
{
	unsigned int cpu, n = 0;

	for (cpu = 0; cpu < NR_CPUS; cpu++) {
		unsigned long flags = spin_lock_irqsave(&cpu_timers[cpu].lock);
		struct timer **pp = &cpu_timers[cpu].list;

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
		/* a head removed here leaves a harmless early interrupt */
		spin_unlock_irqrestore(&cpu_timers[cpu].lock, flags);
	}
	return n;
}

void timer_interrupt(void)
{
	unsigned int cpu = smp_processor_id();
	u64 now = ktime_ns();

	__atomic_fetch_add(&timer_irqs, 1, __ATOMIC_RELAXED);
	spin_lock(&cpu_timers[cpu].lock);
	while (cpu_timers[cpu].list && cpu_timers[cpu].list->expires <= now) {
		struct timer *t = cpu_timers[cpu].list;

		cpu_timers[cpu].list = t->next;
		t->pending = false;
		spin_unlock(&cpu_timers[cpu].lock);
		t->fn(t);
		spin_lock(&cpu_timers[cpu].lock);
		now = ktime_ns();
	}
	program_head(cpu);
	spin_unlock(&cpu_timers[cpu].lock);
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
