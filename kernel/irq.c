// SPDX-License-Identifier: GPL-2.0
/*
 * IRQ descriptors and dispatch (see include/tern/irq.h). Handlers run
 * with interrupts disabled; there is no nesting and no threading.
 */
#include <tern/irq.h>
#include <tern/printk.h>
#include <asm/pv_ops.h>

static struct irq_desc irq_descs[NR_IRQS];
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
	flags = local_irq_save();
	d->name = name;
	d->data = data;
	d->handler = handler;
	if (d->chip->unmask)
		d->chip->unmask(irq);
	local_irq_restore(flags);
	return 0;
}

void free_irq(unsigned int irq)
{
	struct irq_desc *d = irq_to_desc(irq);
	unsigned long flags;

	if (!d || !d->handler)
		return;
	flags = local_irq_save();
	if (d->chip && d->chip->mask)
		d->chip->mask(irq);
	d->handler = NULL;
	d->name = NULL;
	local_irq_restore(flags);
}

int irq_alloc_dynamic(void)
{
	unsigned int irq;

	for (irq = NR_GSI_IRQS; irq < NR_IRQS; irq++) {
		if (!irq_descs[irq].allocated) {
			irq_descs[irq].allocated = true;
			return irq;
		}
	}
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

void generic_handle_irq(unsigned int irq)
{
	struct irq_desc *d = irq_to_desc(irq);

	if (!d)
		return;
	if (d->handler) {
		d->count++;
		d->handler(irq, d->data);
	} else {
		irq_spurious_count++;
	}
	if (d->chip && d->chip->eoi)
		d->chip->eoi(irq);
}
