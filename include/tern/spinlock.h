/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Spinlocks (kernel/spinlock.c): one lock word, a fair queue natively and
 * a paravirtual slow path under Xen (pv_ops.lock).
 *
 * Fast path (every role): a free lock with nobody queued is taken with
 * one compare-and-exchange of the word. When that fails the slow path
 * depends on the role, exactly as Linux's qspinlock does:
 *  - native (pv_ops.lock.wait empty, and Xen roles with `nopvspin`): a
 *    ticket queue. A waiter takes a ticket, spins until its turn comes,
 *    then takes the lock as soon as it is freed; the fast path stays shut
 *    while anyone is queued. FIFO: no CPU starves.
 *  - Xen: test-and-set. A waiter spins SPIN_THRESHOLD rounds, then counts
 *    itself in `waiters` and blocks in pv_ops.lock.wait (SCHEDOP_poll on
 *    its kick channel, bounded); the unlocker frees the lock and, when
 *    someone waits, kicks one waiter. Whoever runs takes a free lock: a
 *    fair hand-over to a vCPU Xen has preempted would cost a time slice
 *    per acquisition, and a waiter whose holder was preempted gives its
 *    time back instead of burning it (Documentation/smp.md has figures).
 *
 * Rules (Documentation/smp.md):
 *  - a lock that an interrupt handler may take is always taken with
 *    spin_lock_irqsave(); every lock in Tern is, unless its comment says
 *    otherwise (then no interrupt handler may take it);
 *  - no lock is held across a wait (wait_cond_timeout, run_pending_work,
 *    a hypercall that blocks) or a cross-CPU call;
 *  - nesting order is documented where two locks nest.
 */
#ifndef _TERN_SPINLOCK_H
#define _TERN_SPINLOCK_H

#include <tern/types.h>

typedef struct {
	union {
		u64 word;		/* the three below, for the fast path */
		struct {
			u32 locked;	/* 1 while held */
			u16 next;	/* native queue: next ticket handed out */
			u16 head;	/* native queue: whose turn it is */
		};
	};
	u32 waiters;		/* Xen: CPUs in pv_ops.lock.wait for it */
} spinlock_t;

#define SPINLOCK_INIT		{ .word = 0, .waiters = 0 }
#define DEFINE_SPINLOCK(x)	spinlock_t x = SPINLOCK_INIT

/* Rounds of spinning before the paravirtual wait. */
#define SPIN_THRESHOLD		(1u << 11)

void spin_lock(spinlock_t *l);
bool spin_trylock(spinlock_t *l);
void spin_unlock(spinlock_t *l);
unsigned long spin_lock_irqsave(spinlock_t *l);
void spin_unlock_irqrestore(spinlock_t *l, unsigned long flags);

static inline bool spin_is_locked(const spinlock_t *l)
{
	return __atomic_load_n(&l->locked, __ATOMIC_RELAXED);
}

/* Is the lock free now (for pv_ops.lock.wait backends)? */
static inline bool spin_lock_free(const void *lock)
{
	const spinlock_t *l = lock;

	return !__atomic_load_n(&l->locked, __ATOMIC_ACQUIRE);
}

/* `nopvspin`: the role keeps pv_ops.lock empty (waiters only spin). */
extern bool opt_nopvspin;

/* Statistics: slow-path waits (pv_ops.lock.wait calls) and kicks. */
extern u64 spin_slow_waits, spin_kicks;

#endif
