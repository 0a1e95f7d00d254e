// SPDX-License-Identifier: GPL-2.0
/*
 * 16550 UART on COM1 (I/O port 0x3f8): polled output from the first
 * printk on, interrupt-driven input once the IRQ core is up. Output
 * waits a bounded time for the transmitter so a missing or wedged UART
 * slows the console down instead of hanging the kernel.
 */
#include <tern/console.h>
#include <tern/irq.h>
#include <tern/printk.h>
#include <asm/io.h>

#define COM1		0x3f8
#define UART_RBR	0
#define UART_THR	0
#define UART_IER	1
#define UART_DLL	0
#define UART_DLM	1
#define UART_FCR	2
#define UART_LCR	3
#define UART_MCR	4
#define UART_LSR	5
#define UART_SCR	7

#define LSR_DR		0x01
#define LSR_THRE	0x20
#define IER_RDA		0x01
#define MCR_DTR_RTS_OUT2 0x0b

static bool uart_present;

static void uart_putc(char c)
{
	unsigned int spin = 100000;

	while (!(inb(COM1 + UART_LSR) & LSR_THRE) && --spin)
		;
	outb(c, COM1 + UART_THR);
}

static void serial_write(const char *s, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		if (s[i] == '\n')
			uart_putc('\r');
		uart_putc(s[i]);
	}
}

static struct console serial_console = {
	.name = "com1",
	.write = serial_write,
	.enabled = true,
};

void serial8250_init(void)
{
	/* scratch register round trip: is there a UART at all? */
	outb(0x5a, COM1 + UART_SCR);
	if (inb(COM1 + UART_SCR) != 0x5a)
		return;
	uart_present = true;
	outb(0, COM1 + UART_IER);
	outb(0x80, COM1 + UART_LCR);		/* DLAB */
	outb(1, COM1 + UART_DLL);		/* 115200 baud */
	outb(0, COM1 + UART_DLM);
	outb(0x03, COM1 + UART_LCR);		/* 8N1 */
	outb(0x07, COM1 + UART_FCR);		/* FIFO on, cleared */
	outb(MCR_DTR_RTS_OUT2, COM1 + UART_MCR);
	register_console(&serial_console);
}

static void serial_irq(unsigned int irq, void *data)
{
	unsigned int budget = 64;

	while ((inb(COM1 + UART_LSR) & LSR_DR) && budget--)
		console_input_char(inb(COM1 + UART_RBR));
}

int serial8250_enable_rx(unsigned int irq)
{
	int err;

	if (!uart_present)
		return -ENODEV;
	err = request_irq(irq, serial_irq, "com1", NULL);
	if (err)
		return err;
	while (inb(COM1 + UART_LSR) & LSR_DR)
		inb(COM1 + UART_RBR);
	outb(IER_RDA, COM1 + UART_IER);
	return 0;
}
