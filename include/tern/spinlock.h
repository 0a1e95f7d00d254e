/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Spinlocks (kernel/spinlock.c): test-and-test-and-set locks with a
 * paravirtual slow path (pv_ops.lock).
 *
 * A CPU takes the lock with one exchange; while it is held it spins
 * reading it, and after SPIN_THRESHOLD rounds it counts itself in
 * `waiters` and calls pv_ops.lock.wait(lock): natively there is none (it
 * spins on); under Xen the vCPU blocks on its kick event channel
 * (SCHEDOP_poll, bounded), so a waiter whose lock holder's vCPU was
 * preempted by Xen gives its time back instead of burning it. The
 * unlocker frees the lock and, when someone waits, calls
 * pv_ops.lock.kick(lock) to wake one waiter.
 *
 * Not a FIFO (ticket) lock, on purpose: with more vCPUs than physical
 * CPUs a fair lock hands the lock to a vCPU that is not running, and
 * every hand-over then costs a hypervisor time slice; here whoever runs
 * takes a free lock (Linux falls back to test-and-set in guests for the
 * same reason). Tern's locks are short and few CPUs contend.
 *
 * Rules (Documentation/smp.md):
 *  - a lock that an interrupt handler may take is always taken with
 *    spin_lock_irqsave(); every lock in Tern is, unless its comment says
 *    otherwise (then no interrupt handler may take it);
 *  - no lock is held across a wait (wait_cond_timeout, run_pending_work,
 *    a hypercall that blocks);
 *  - nesting order is documented where two locks nest.
 */
#ifndef _TERN_SPINLOCK_H
#define _TERN_SPINLOCK_H

#include <tern/types.h>

typedef struct {
	u32 locked;		/* 1 while held */
	u32 waiters;		/* CPUs in pv_ops.lock.wait for it */
} spinlock_t;

#define SPINLOCK_INIT		{ 0, 0 }
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
