// SPDX-License-Identifier: GPL-2.0
/*
 * Legacy 8259 pair. Remapped to vectors 0x30-0x3f (the GSI vectors, so
 * IRQ n is vector GSI_VECTOR_BASE + n either way) and fully masked when
 * IO-APICs take over; used as the interrupt controller only when the
 * MADT lists no IO-APIC.
 */
#include <tern/irq.h>
#include <asm/apic.h>
#include <asm/io.h>

#define PIC1_CMD	0x20
#define PIC1_DATA	0x21
#define PIC2_CMD	0xa0
#define PIC2_DATA	0xa1

static u16 pic_mask = 0xffff;

static void pic_write_mask(void)
{
	outb(pic_mask & 0xff, PIC1_DATA);
	outb(pic_mask >> 8, PIC2_DATA);
}

static void pic_remap(void)
{
	outb(0x11, PIC1_CMD);			/* ICW1: init, ICW4 follows */
	outb(0x11, PIC2_CMD);
	outb(GSI_VECTOR_BASE, PIC1_DATA);	/* ICW2: vector base */
	outb(GSI_VECTOR_BASE + 8, PIC2_DATA);
	outb(0x04, PIC1_DATA);			/* ICW3: slave on IRQ2 */
	outb(0x02, PIC2_DATA);
	outb(0x01, PIC1_DATA);			/* ICW4: 8086 mode */
	outb(0x01, PIC2_DATA);
	pic_write_mask();
}

void i8259_mask_all(void)
{
	pic_mask = 0xffff;
	pic_remap();
}

static void pic_mask_irq(unsigned int irq)
{
	pic_mask |= 1u << irq;
	pic_write_mask();
}

static void pic_unmask_irq(unsigned int irq)
{
	pic_mask &= ~(1u << irq);
	if (irq >= 8)
		pic_mask &= ~(1u << 2);		/* cascade */
	pic_write_mask();
}

static void pic_eoi(unsigned int irq)
{
	if (irq >= 8)
		outb(0x20, PIC2_CMD);
	outb(0x20, PIC1_CMD);
}

static const struct irq_chip i8259_chip = {
	.name = "i8259",
	.mask = pic_mask_irq,
	.unmask = pic_unmask_irq,
	.eoi = pic_eoi,
};

void i8259_init_legacy(void)
{
	unsigned int irq;

	i8259_mask_all();
	for (irq = 0; irq < 16; irq++) {
		if (irq == 2)
			continue;
		assign_irq_vector(irq, GSI_VECTOR_BASE + irq);
		irq_set_chip(irq, &i8259_chip, NULL);
	}
}
