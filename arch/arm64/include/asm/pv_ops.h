/* SPDX-License-Identifier: GPL-2.0 */
/*
 * pv-ops on arm64: only the operations that will differ between native
 * and Xen on Arm (Documentation/pv-ops.md says why x86's cpu, irq, mmu
 * and smp groups have no arm64 counterpart):
 *
 *   time  the clock source and the one-shot timer (native: the generic
 *         timer; Xen on Arm gives the same timer, but keeps the group
 *         for a paravirtual clock should it need one)
 *   lock  the spinlock slow path (NULL natively: spin on)
 *
 * The interrupt mask and halting are the same natively and under Xen
 * on Arm (DAIF, and wfi, which Xen traps to block the vCPU), so they are
 * plain inline functions here, not pv-ops.
 */
#ifndef _ASM_PV_OPS_H
#define _ASM_PV_OPS_H

#include <tern/types.h>
#include <asm/processor.h>
#include <asm/smp.h>

struct pv_time_ops {
	const char *clock_name;
	u64 (*clock_ns)(void);			/* monotonic, since boot */
	/* Arm the one-shot timer to fire delta_ns from now. */
	void (*set_next_event)(u64 delta_ns);
};

struct pv_lock_ops {
	/* as on x86 (tern/spinlock.h): NULL natively */
	void (*wait)(const void *lock);
	void (*kick)(const void *lock);
};

struct pv_ops {
	struct pv_time_ops time;
	struct pv_lock_ops lock;
};

extern struct pv_ops pv_ops;

static inline unsigned long local_irq_save(void)
{
	unsigned long f = native_save_fl();

	native_irq_disable();
	return f;
}

static inline void local_irq_restore(unsigned long f)
{
	native_restore_fl(f);
}

static inline void local_irq_disable(void)
{
	native_irq_disable();
}

static inline void local_irq_enable(void)
{
	native_irq_enable();
}

static inline bool irqs_disabled(void)
{
	return native_save_fl() & DAIF_I;
}

/* Were interrupts off when local_irq_save() returned f? */
static inline bool irqs_disabled_flags(unsigned long f)
{
	return f & DAIF_I;
}

/*
 * Called with interrupts disabled, after the caller checked its wake-up
 * condition: enable them and wait for one (arch/arm64/kernel/time.c).
 */
void safe_halt(void);
/* Stop until an interrupt, interrupts as they are. */
void halt(void);

#endif
