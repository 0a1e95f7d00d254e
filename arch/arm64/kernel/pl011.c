// SPDX-License-Identifier: GPL-2.0
/*
 * ARM PL011 UART, or the SBSA generic UART subset of it (no control or
 * baud-rate registers: Xen's vpl011 for a domU), as Tern's console
 * ("ttyAMA0"): polled output; input by its receive and receive-timeout
 * interrupts once the GIC binds the UART's SPI (pl011_enable_rx_irq),
 * and polled from the idle wait before that or without a GIC. The UART
 * is left at the rate firmware or QEMU set (its reference clock is not
 * read from the device tree yet); only the enables are made sure of.
 * Output waits a bounded time for FIFO space, like the 16550 driver.
 */
#include <tern/console.h>
#include <tern/types.h>
#include <asm/io.h>
#include <asm/setup.h>

#define UART_DR		0x00
#define UART_FR		0x18
#define UART_CR		0x30
#define UART_IMSC	0x38
#define UART_ICR	0x44

#define FR_RXFE		(1 << 4)
#define FR_TXFF		(1 << 5)
#define CR_UARTEN	(1 << 0)
#define CR_TXE		(1 << 8)
#define CR_RXE		(1 << 9)
#define IMSC_RX		(1 << 4)	/* receive FIFO at its level */
#define IMSC_RT		(1 << 6)	/* receive timeout: a few bytes idle */
#define ICR_RX		IMSC_RX
#define ICR_RT		IMSC_RT

static void __iomem *uart;

static void pl011_putc(char c)
{
	unsigned int spin = 100000;

	while ((readl(uart + UART_FR) & FR_TXFF) && --spin)
		;
	writel((u8)c, uart + UART_DR);
}

static void pl011_write(const char *s, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		if (s[i] == '\n')
			pl011_putc('\r');
		pl011_putc(s[i]);
	}
}

static struct console pl011_console = {
	.name = "ttyAMA0",
	.write = pl011_write,
	.enabled = true,
};

void pl011_init(phys_addr_t base, bool sbsa)
{
	if (uart)
		return;
	uart = (void __iomem *)(uintptr_t)base;
	writel(0, uart + UART_IMSC);
	/* an SBSA UART (Xen's vpl011) has no UARTCR: always enabled */
	if (!sbsa)
		writel(readl(uart + UART_CR) | CR_UARTEN | CR_TXE | CR_RXE,
		       uart + UART_CR);
	register_console(&pl011_console);
}

unsigned int pl011_poll_input(void)
{
	unsigned int n = 0;

	if (!uart)
		return 0;
	while (!(readl(uart + UART_FR) & FR_RXFE) && n < 64) {
		console_input_char((char)readl(uart + UART_DR));
		n++;
	}
	return n;
}

static void pl011_interrupt(unsigned int irq, void *data)
{
	pl011_poll_input();
	writel(ICR_RX | ICR_RT, uart + UART_ICR);
}

int pl011_enable_rx_irq(u32 intid, bool edge)
{
	int irq;

	if (!uart)
		return -ENODEV;
	irq = gic_request_intid(intid, edge, pl011_interrupt, "ttyAMA0", NULL);
	if (irq < 0)
		return irq;
	writel(ICR_RX | ICR_RT, uart + UART_ICR);
	writel(IMSC_RX | IMSC_RT, uart + UART_IMSC);
	return irq;
}
