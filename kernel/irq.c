// SPDX-License-Identifier: GPL-2.0
/*
 * IRQ descriptors and dispatch (see include/tern/irq.h). Handlers run
 * with interrupts disabled; there is no nesting and no threading. An
 * IRQ runs on the CPU its source is routed to (device interrupts: CPU
 * 0; IPIs: their CPU); descriptors change under irq_lock.
 */
#include <tern/irq.h>
#include <tern/printk.h>
#include <tern/smp.h>
#include <tern/spinlock.h>
#include <asm/pv_ops.h>

static struct irq_desc irq_descs[NR_IRQS];
/* Descriptor changes (dispatch reads them without it). */
static DEFINE_SPINLOCK(irq_lock);
u64 irq_spurious_count;

struct irq_desc *irq_to_desc(unsigned int irq)
{
	return irq < NR_IRQS ? &irq_descs[irq] : NULL;
}

void irq_set_chip(unsigned int irq, const struct irq_chip *chip,
		  void *chip_data)
{
	struct irq_desc *d = irq_to_desc(irq);

	if (!d)
		return;
	d->chip = chip;
	d->chip_data = chip_data;
}

int request_irq(unsigned int irq, irq_handler_t handler, const char *name,
		void *data)
{
	struct irq_desc *d = irq_to_desc(irq);
	unsigned long flags;

	if (!d || !handler)
		return -EINVAL;
	if (!d->chip)
		return -ENODEV;
	if (d->handler)
		return -EBUSY;
	flags = spin_lock_irqsave(&irq_lock);
	d->name = name;
	d->data = data;
	d->handler = handler;
	if (d->chip->unmask)
		d->chip->unmask(irq);
	spin_unlock_irqrestore(&irq_lock, flags);
	return 0;
}

void free_irq(unsigned int irq)
{
	struct irq_desc *d = irq_to_desc(irq);
	unsigned long flags;

	if (!d || !d->handler)
		return;
	flags = spin_lock_irqsave(&irq_lock);
	if (d->chip && d->chip->mask)
		d->chip->mask(irq);
	d->handler = NULL;
	d->name = NULL;
	spin_unlock_irqrestore(&irq_lock, flags);
}

int irq_set_affinity(unsigned int irq, unsigned int cpu)
{
	struct irq_desc *d = irq_to_desc(irq);

	if (!d || !d->chip)
		return -EINVAL;
	if (!cpu_online(cpu))
		return -ENODEV;
	if (!d->chip->set_affinity)
		return cpu ? -EOPNOTSUPP : 0;
	return d->chip->set_affinity(irq, cpu);
}

int irq_alloc_dynamic(void)
{
	unsigned long flags = spin_lock_irqsave(&irq_lock);
	unsigned int irq;

	for (irq = NR_GSI_IRQS; irq < NR_IRQS; irq++) {
		if (!irq_descs[irq].allocated) {
			irq_descs[irq].allocated = true;
			spin_unlock_irqrestore(&irq_lock, flags);
			return irq;
		}
	}
	spin_unlock_irqrestore(&irq_lock, flags);
	return -ENOSPC;
}

void irq_free_dynamic(unsigned int irq)
{
	struct irq_desc *d = irq_to_desc(irq);

	if (!d || irq < NR_GSI_IRQS)
		return;
	free_irq(irq);
	d->allocated = false;
	d->chip = NULL;
	d->chip_data = NULL;
	d->count = 0;
}

/*
 * The descriptor may change on another CPU meanwhile (free_irq(), a
 * chip torn down): read the chip and the handler once, so that the
 * interrupt taken here is always ended by the chip it came through (a
 * local APIC left without its EOI blocks its priority class and below on
 * this CPU for good). Returns whether a chip ended it; false when the
 * descriptor had no chip (or no eoi), for the arch layer to end it.
 */
bool generic_handle_irq(unsigned int irq)
{
	struct irq_desc *d = irq_to_desc(irq);
	const struct irq_chip *chip;
	irq_handler_t handler;
	void *data;

	if (!d)
		return false;
	chip = READ_ONCE(d->chip);
	handler = READ_ONCE(d->handler);
	data = READ_ONCE(d->data);
	if (handler) {
		__atomic_fetch_add(&d->count, 1, __ATOMIC_RELAXED);
		d->cpu = smp_processor_id();
		handler(irq, data);
	} else {
		__atomic_fetch_add(&irq_spurious_count, 1, __ATOMIC_RELAXED);
	}
	if (!chip || !chip->eoi)
		return false;
	chip->eoi(irq);
	return true;
}
