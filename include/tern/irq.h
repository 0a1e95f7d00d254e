/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The IRQ core. IRQ numbers 0..NR_GSI_IRQS-1 are GSIs and mean the same
 * line in every role: natively an IO-APIC pin, in a Xen dom0 the event
 * channel bound to that physical IRQ. Numbers from NR_GSI_IRQS up are
 * dynamic (local APIC timer, IPIs, and later VIRQs and interdomain event
 * channels). A chip (IO-APIC, LAPIC, event channel) supplies mask,
 * unmask and end-of-interrupt; drivers only see request_irq().
 */
#ifndef _TERN_IRQ_H
#define _TERN_IRQ_H

#include <tern/types.h>

#define NR_IRQS		256
#define NR_GSI_IRQS	64

typedef void (*irq_handler_t)(unsigned int irq, void *data);

struct irq_chip {
	const char *name;
	void (*mask)(unsigned int irq);
	void (*unmask)(unsigned int irq);
	void (*eoi)(unsigned int irq);
	/* route the IRQ to an online CPU (NULL: it stays on CPU 0) */
	int (*set_affinity)(unsigned int irq, unsigned int cpu);
};

struct irq_desc {
	const char *name;
	irq_handler_t handler;
	void *data;
	const struct irq_chip *chip;
	void *chip_data;
	u64 count;
	bool allocated;		/* dynamic number handed out */
	u16 cpu;		/* the CPU it last ran on */
};

/* Route irq to cpu: 0, -ENODEV (not online), -EOPNOTSUPP (its chip can't). */
int irq_set_affinity(unsigned int irq, unsigned int cpu);

int request_irq(unsigned int irq, irq_handler_t handler, const char *name,
		void *data);
void free_irq(unsigned int irq);

/* Chip side. */
void irq_set_chip(unsigned int irq, const struct irq_chip *chip,
		  void *chip_data);
struct irq_desc *irq_to_desc(unsigned int irq);
/* A free dynamic IRQ number (>= NR_GSI_IRQS), or -ENOSPC. */
int irq_alloc_dynamic(void);
void irq_free_dynamic(unsigned int irq);
/* Run the handler, count, then the chip's EOI. IRQs are off. */
bool generic_handle_irq(unsigned int irq);
/* Count of interrupts that arrived with no handler. */
extern u64 irq_spurious_count;

#endif
