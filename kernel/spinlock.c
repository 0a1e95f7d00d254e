// SPDX-License-Identifier: GPL-2.0
/*
 * Test-and-test-and-set spinlocks with a paravirtual slow path (see
 * tern/spinlock.h).
 *
 * Memory order: taking the lock is an acquiring exchange; freeing it is
 * a sequentially consistent exchange (one locked instruction: the
 * release and a full fence). The unlocker then needs to know whether a
 * waiter sleeps: the waiter announces itself (waiters++, sequentially
 * consistent) before the backend publishes what it waits for, re-checks
 * the lock and blocks; the unlocker reads waiters after its exchange. So
 * either the unlocker sees the waiter (and kicks), or the waiter sees
 * the lock free (and does not block), or a third CPU took the lock in
 * between, whose unlock will kick. The backend's wait is bounded besides
 * (a lost kick costs a timeout, never a hang).
 */
#include <tern/spinlock.h>
#include <asm/pv_ops.h>

u64 spin_slow_waits, spin_kicks;
bool opt_nopvspin;

void spin_lock(spinlock_t *l)
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
		if (n < SPIN_THRESHOLD || !pv_ops.lock.wait)
			continue;
		__atomic_fetch_add(&l->waiters, 1, __ATOMIC_SEQ_CST);
		__atomic_fetch_add(&spin_slow_waits, 1, __ATOMIC_RELAXED);
		pv_ops.lock.wait(l);
		__atomic_fetch_sub(&l->waiters, 1, __ATOMIC_SEQ_CST);
	}
}

bool spin_trylock(spinlock_t *l)
{
	return !__atomic_exchange_n(&l->locked, 1, __ATOMIC_ACQUIRE);
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
