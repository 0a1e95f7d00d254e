// SPDX-License-Identifier: GPL-2.0
/*
 * Spinlocks: a fair ticket queue natively, test-and-set with a
 * paravirtual wait under Xen (see tern/spinlock.h).
 *
 * The word: `locked` (low 32 bits), `next` and `head` (the queue). The
 * fast path compares and exchanges the whole word from "free, nobody
 * queued" (locked == 0, next == head) to "held", so it fails as soon as
 * a native waiter has taken a ticket: a queued CPU is never overtaken.
 * In the native slow path only the CPU whose ticket is `head` may set
 * `locked`, and it advances `head` once it holds the lock. Under Xen no
 * ticket is ever taken (next == head always) and waiters exchange
 * `locked` directly.
 *
 * Memory order: taking the lock is an acquiring exchange (or compare and
 * exchange); freeing it is a sequentially consistent exchange (one locked
 * instruction: the release and a full fence). Under Xen the unlocker then
 * needs to know whether a waiter sleeps: the waiter announces itself
 * (waiters++, sequentially consistent) before the backend publishes what
 * it waits for, re-checks the lock and blocks; the unlocker reads waiters
 * after its exchange. So either the unlocker sees the waiter (and kicks),
 * or the waiter sees the lock free (and does not block), or a third CPU
 * took the lock in between, whose unlock will kick. The backend's wait is
 * bounded besides (a lost kick costs a timeout, never a hang).
 */
#include <tern/spinlock.h>
#include <asm/pv_ops.h>

u64 spin_slow_waits, spin_kicks;
bool opt_nopvspin;

/* Free with nobody queued: the only state the fast path takes. */
static inline bool free_unqueued(u64 w)
{
	return (u32)w == 0 && (u16)(w >> 32) == (u16)(w >> 48);
}

static inline bool lock_fast(spinlock_t *l)
{
	u64 w = __atomic_load_n(&l->word, __ATOMIC_RELAXED);

	return free_unqueued(w) &&
	       __atomic_compare_exchange_n(&l->word, &w, w | 1, false,
					   __ATOMIC_ACQUIRE, __ATOMIC_RELAXED);
}

/* Native: wait in line, then take the lock when the holder frees it. */
static void lock_queued(spinlock_t *l)
{
	u16 ticket = __atomic_fetch_add(&l->next, 1, __ATOMIC_RELAXED);

	while (__atomic_load_n(&l->head, __ATOMIC_ACQUIRE) != ticket)
		cpu_relax();
	while (__atomic_exchange_n(&l->locked, 1, __ATOMIC_ACQUIRE))
		while (__atomic_load_n(&l->locked, __ATOMIC_RELAXED))
			cpu_relax();
	__atomic_store_n(&l->head, (u16)(ticket + 1), __ATOMIC_RELEASE);
}

/* Xen: spin a while, then block until kicked (or the wait times out). */
static void lock_pv(spinlock_t *l)
{
	unsigned int n;

	for (;;) {
		if (!__atomic_exchange_n(&l->locked, 1, __ATOMIC_ACQUIRE))
			return;
		for (n = 0; n < SPIN_THRESHOLD; n++) {
			if (!__atomic_load_n(&l->locked, __ATOMIC_RELAXED))
				break;
			cpu_relax();
		}
		if (n < SPIN_THRESHOLD)
			continue;
		__atomic_fetch_add(&l->waiters, 1, __ATOMIC_SEQ_CST);
		__atomic_fetch_add(&spin_slow_waits, 1, __ATOMIC_RELAXED);
		pv_ops.lock.wait(l);
		__atomic_fetch_sub(&l->waiters, 1, __ATOMIC_SEQ_CST);
	}
}

void spin_lock(spinlock_t *l)
{
	if (lock_fast(l))
		return;
	if (pv_ops.lock.wait)
		lock_pv(l);
	else
		lock_queued(l);
}

bool spin_trylock(spinlock_t *l)
{
	return lock_fast(l);
}

void spin_unlock(spinlock_t *l)
{
	__atomic_exchange_n(&l->locked, 0, __ATOMIC_SEQ_CST);
	if (__atomic_load_n(&l->waiters, __ATOMIC_RELAXED) && pv_ops.lock.kick) {
		__atomic_fetch_add(&spin_kicks, 1, __ATOMIC_RELAXED);
		pv_ops.lock.kick(l);
	}
}

unsigned long spin_lock_irqsave(spinlock_t *l)
{
	unsigned long flags = local_irq_save();

	spin_lock(l);
	return flags;
}

void spin_unlock_irqrestore(spinlock_t *l, unsigned long flags)
{
	spin_unlock(l);
	local_irq_restore(flags);
}
