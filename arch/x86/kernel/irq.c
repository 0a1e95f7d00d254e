// SPDX-License-Identifier: GPL-2.0
/*
 * x86 vector layer under the IRQ core: every IDT vector >= 0x20 that is
 * in use maps to one IRQ number. GSIs take fixed vectors (0x30 + GSI),
 * dynamic IRQs take vectors from 0x80 up; 0xff is the APIC spurious
 * vector.
 */
#include <tern/irq.h>
#include <tern/printk.h>
#include <asm/apic.h>
#include <asm/traps.h>

#define NO_IRQ		0xffff

static u16 vector_irq[256] = { [0 ... 255] = NO_IRQ };
static u8 irq_vec[NR_IRQS];

int assign_irq_vector(unsigned int irq, unsigned int vector)
{
	if (irq >= NR_IRQS || vector < FIRST_EXTERNAL_VECTOR ||
	    vector >= SPURIOUS_VECTOR)
		return -EINVAL;
	if (vector_irq[vector] != NO_IRQ && vector_irq[vector] != irq)
		return -EBUSY;
	vector_irq[vector] = irq;
	irq_vec[irq] = vector;
	return 0;
}

int alloc_irq_vector(unsigned int irq)
{
	unsigned int v;

	for (v = DYNAMIC_VECTOR_BASE; v < SPURIOUS_VECTOR; v++)
		if (vector_irq[v] == NO_IRQ)
			return assign_irq_vector(irq, v) ? -EBUSY : (int)v;
	return -ENOSPC;
}

unsigned int irq_vector(unsigned int irq)
{
	return irq < NR_IRQS ? irq_vec[irq] : 0;
}

void do_IRQ(struct pt_regs *regs)
{
	unsigned int v = regs->vector & 0xff;

	if (v == SPURIOUS_VECTOR) {
		irq_spurious_count++;
		return;
	}
	if (vector_irq[v] == NO_IRQ)
		irq_spurious_count++;
	else if (generic_handle_irq(vector_irq[v]))
		return;
	/*
	 * No IRQ, or one whose chip is gone (an MSI-X entry torn down
	 * keeps its vector): nobody else ends it, and the LAPIC would
	 * block this priority class and below.
	 */
	lapic_eoi();
}
