// SPDX-License-Identifier: GPL-2.0
/*
 * Deferred work (include/tern/workqueue.h): a FIFO of work items that
 * interrupt handlers fill and the thread drains when it waits.
 *
 * Invariants: the queue is only changed under work_lock with interrupts
 * disabled (any CPU may queue; work runs on CPU 0, whose waits drain it,
 * and a CPU that queues wakes CPU 0 with IPI_WAKE); a work
 * item is on the queue at most once (w->queued); the runner takes an item
 * off the queue before calling it, so the item may queue itself again;
 * the runner never nests (running).
 */
#include <tern/kernel.h>
#include <tern/printk.h>
#include <tern/smp.h>
#include <tern/spinlock.h>
#include <tern/timer.h>
#include <tern/workqueue.h>
#include <asm/processor.h>
#include <asm/pv_ops.h>

static struct work *head, *tail;
static DEFINE_SPINLOCK(work_lock);	/* the queue */
static bool running;
static unsigned int blocked;
static u64 runs;

bool schedule_work(struct work *w)
{
	unsigned long flags = spin_lock_irqsave(&work_lock);
	bool queued = !w->queued;

	if (queued) {
		w->queued = true;
		w->next = NULL;
		if (tail)
			tail->next = w;
		else
			head = w;
		tail = w;
	}
	spin_unlock_irqrestore(&work_lock, flags);
	/* the runner may be halted in a wait: an interrupt ends the halt */
	if (queued && smp_processor_id())
		smp_wake_cpu(0);
	return queued;
}

bool cancel_work(struct work *w)
{
	unsigned long flags = spin_lock_irqsave(&work_lock);
	struct work **pp, *prev = NULL;
	bool found = false;

	for (pp = &head; *pp; prev = *pp, pp = &(*pp)->next) {
		if (*pp == w) {
			*pp = w->next;
			if (tail == w)
				tail = prev;
			w->queued = false;
			w->next = NULL;
			found = true;
			break;
		}
	}
	spin_unlock_irqrestore(&work_lock, flags);
	return found;
}

void work_block(void)
{
	blocked++;
}

void work_unblock(void)
{
	blocked--;
}

bool in_work(void)
{
	return running;
}

u64 work_run_count(void)
{
	return runs;
}

bool work_runnable(void)
{
	return READ_ONCE(head) && !running && !blocked && !smp_processor_id();
}

unsigned int run_pending_work(void)
{
	unsigned long flags;
	unsigned int n = 0;

	if (running || blocked || irqs_disabled() || smp_processor_id())
		return 0;
	running = true;
	for (;;) {
		struct work *w;

		flags = spin_lock_irqsave(&work_lock);
		w = head;
		if (w) {
			head = w->next;
			if (!head)
				tail = NULL;
			w->next = NULL;
			w->queued = false;
		}
		spin_unlock_irqrestore(&work_lock, flags);
		if (!w)
			break;
		w->fn(w);
		n++;
		runs++;
	}
	running = false;
	return n;
}

static void deadline_fn(struct timer *t)
{
	*(bool *)t->data = true;
}

bool wait_cond_timeout(bool (*cond)(void *arg), void *arg, u64 timeout_ms)
{
	bool expired = false;
	struct timer t = { .fn = deadline_fn, .data = &expired };
	u64 end = ktime_ns() + timeout_ms * NSEC_PER_MSEC;
	bool ok;

	if (irqs_disabled()) {
		/* no timer can fire: poll against the clock */
		for (;;) {
			if (cond(arg))
				return true;
			if (ktime_ns() >= end)
				return cond(arg);
			cpu_relax();
		}
	}
	timer_start_at(&t, end);
	for (;;) {
		run_pending_work();
		local_irq_disable();
		ok = cond(arg);
		if (ok || READ_ONCE(expired)) {
			local_irq_enable();
			break;
		}
		if (work_runnable()) {
			/* queued since run_pending_work() looked: run it */
			local_irq_enable();
			continue;
		}
		/* sti; hlt: any interrupt (the deadline's too) wakes us */
		safe_halt();
	}
	timer_cancel(&t);
	return ok;
}
