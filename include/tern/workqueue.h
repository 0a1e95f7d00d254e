/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Deferred work: what must not run inside an interrupt handler (xenstore
 * watch callbacks, xenbus state changes, block request completions).
 *
 * Tern has one thread of control and interrupts. An interrupt handler
 * that has follow-up work calls schedule_work(); the work runs later, in
 * thread context with interrupts enabled, when the thread next waits:
 * in wait_event_timeout(), in the console's idle loop, or in an explicit
 * run_pending_work().
 *
 * Rules:
 *  - schedule_work() may be called from any context; a work item already
 *    queued is not queued twice (it runs once for both requests).
 *  - Work items run one at a time, in the order they were queued, with
 *    interrupts enabled. A work function may block in
 *    wait_event_timeout() (e.g. a xenstore read in a watch callback); while
 *    it does, no other work item runs (no re-entry): a wait inside work
 *    must therefore be satisfied by something other than work (a ring
 *    polled by the waiter itself, a timer, an interrupt handler).
 *  - Every wait is bounded: wait_event_timeout() returns false when the
 *    deadline passes.
 */
#ifndef _TERN_WORKQUEUE_H
#define _TERN_WORKQUEUE_H

#include <tern/types.h>

struct work {
	void (*fn)(struct work *w);
	void *data;
	struct work *next;
	bool queued;
};

#define WORK_INIT(f, d)	{ .fn = (f), .data = (d) }

static inline void init_work(struct work *w, void (*fn)(struct work *w),
			     void *data)
{
	w->fn = fn;
	w->data = data;
	w->next = NULL;
	w->queued = false;
}

/* Queue w (any context). false if it was already queued. */
bool schedule_work(struct work *w);
/* Take w off the queue if it has not started. true if it was queued. */
bool cancel_work(struct work *w);
/*
 * Run every queued work item (and those they queue) in thread context.
 * Does nothing when called from inside a work item or with interrupts
 * disabled. Returns the number of items run.
 */
/*
 * True when run_pending_work() would run something now. A loop that
 * halts until the next interrupt checks it with interrupts disabled
 * first: work an interrupt queued after the loop's run_pending_work()
 * would otherwise wait for some later interrupt (a lost wakeup).
 */
bool work_runnable(void);
unsigned int run_pending_work(void);
/*
 * Hold off work items (nesting): run_pending_work() does nothing until
 * the matching work_unblock(). For a wait that must not let work run in
 * its middle (a xenstore request waiting for its reply).
 */
void work_block(void);
void work_unblock(void);
/* True while a work function runs. */
bool in_work(void);
u64 work_run_count(void);

/*
 * Wait until cond(arg) is true or timeout_ms passes; true when cond held.
 * Runs pending work (unless called from work) and halts between checks,
 * woken by any interrupt; cond is evaluated with interrupts disabled, so
 * a handler cannot slip between the check and the halt. Must be called
 * with interrupts enabled (with them disabled it polls: cond must then be
 * met by the caller's own polling inside cond).
 */
bool wait_cond_timeout(bool (*cond)(void *arg), void *arg, u64 timeout_ms);

#endif
