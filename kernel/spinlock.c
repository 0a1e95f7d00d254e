// SPDX-License-Identifier: GPL-2.0
/*
 * Ticket spinlocks with a paravirtual slow path (see tern/spinlock.h).
 *
 * Memory order: taking a ticket is a relaxed fetch-add; seeing head
 * equal to it is an acquire; serving the next ticket is a sequentially
 * consistent add (one locked instruction: the release and a full fence).
 * The unlocker then needs to know whether a waiter sleeps: the waiter
 * announces itself (waiters++, sequentially consistent) before the
 * backend re-checks head and blocks, and the unlocker reads waiters
 * after its add to head, so either the unlocker sees the waiter (and
 * kicks) or the waiter sees the new head (and does not block).
 */
#include <tern/spinlock.h>
#include <asm/pv_ops.h>

u64 spin_slow_waits, spin_kicks;
bool opt_nopvspin;

void spin_lock(spinlock_t *l)
{
	u32 t = __atomic_fetch_add(&l->tail, 1, __ATOMIC_RELAXED);
	unsigned int n;

	for (;;) {
		for (n = 0; n < SPIN_THRESHOLD; n++) {
			if (__atomic_load_n(&l->head, __ATOMIC_ACQUIRE) == t)
				return;
			cpu_relax();
		}
		if (!pv_ops.lock.wait)
			continue;
		__atomic_fetch_add(&l->waiters, 1, __ATOMIC_SEQ_CST);
		__atomic_fetch_add(&spin_slow_waits, 1, __ATOMIC_RELAXED);
		pv_ops.lock.wait(l, t);
		__atomic_fetch_sub(&l->waiters, 1, __ATOMIC_SEQ_CST);
	}
}

bool spin_trylock(spinlock_t *l)
{
	u32 h = __atomic_load_n(&l->head, __ATOMIC_RELAXED);
	u32 t = h;

	/* only when free: head == tail, and we take the ticket it serves */
	return __atomic_compare_exchange_n(&l->tail, &t, h + 1, false,
					   __ATOMIC_ACQUIRE, __ATOMIC_RELAXED) &&
	       __atomic_load_n(&l->head, __ATOMIC_ACQUIRE) == h;
}

void spin_unlock(spinlock_t *l)
{
	/* a locked add: the release and the full fence in one instruction */
	u32 next = __atomic_add_fetch(&l->head, 1, __ATOMIC_SEQ_CST);

	if (__atomic_load_n(&l->waiters, __ATOMIC_RELAXED) && pv_ops.lock.kick) {
		__atomic_fetch_add(&spin_kicks, 1, __ATOMIC_RELAXED);
		pv_ops.lock.kick(l, next);
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
