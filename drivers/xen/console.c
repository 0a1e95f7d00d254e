// SPDX-License-Identifier: GPL-2.0
/*
 * Xen consoles, registered as "hvc0":
 *  - the console ring (xen/io/console.h) shared with xenconsoled, used
 *    by a domU: output into out[], input from in[], one event channel;
 *  - the console_io hypercall, used by dom0: output straight to Xen's
 *    console, input read on VIRQ_CONSOLE.
 * The ring is shared with another domain: each index is read once per
 * pass and a producer-consumer distance larger than the ring is treated
 * as corruption (the ring is then ignored), never trusted.
 */
#include <tern/console.h>
#include <tern/printk.h>
#include <tern/timer.h>
#include <tern/xen/events.h>
#include <tern/xen/xen.h>
#include <asm/bitops.h>
#include <asm/pv_ops.h>
#include <asm/xen/hypercall.h>
#include <xen/io/console.h>
#include <xen/sched.h>

static struct xencons_interface *ring;
static evtchn_port_t ring_port;
static bool ring_broken;

static void ring_write(const char *s, size_t n)
{
	size_t done = 0;
	unsigned int spins = 0;

	if (ring_broken)
		return;
	while (done < n) {
		XENCONS_RING_IDX cons = READ_ONCE(ring->out_cons);
		XENCONS_RING_IDX prod = ring->out_prod;
		XENCONS_RING_IDX used = prod - cons;

		if (used > sizeof(ring->out)) {
			ring_broken = true;
			return;
		}
		if (used == sizeof(ring->out)) {
			/* full: let the backend run, but never forever */
			notify_remote_via_evtchn(ring_port);
			HYPERVISOR_sched_op(SCHEDOP_yield, NULL);
			if (++spins > 100000)
				return;
			continue;
		}
		while (done < n && prod - cons < sizeof(ring->out)) {
			if (s[done] == '\n' && (done == 0 || s[done - 1] != '\r')) {
				/* emit "\r\n": stop before '\n' if no room */
				if (prod - cons + 2 > sizeof(ring->out))
					break;
				ring->out[MASK_XENCONS_IDX(prod++, ring->out)] = '\r';
			}
			ring->out[MASK_XENCONS_IDX(prod++, ring->out)] = s[done++];
		}
		wmb();
		WRITE_ONCE(ring->out_prod, prod);
		notify_remote_via_evtchn(ring_port);
	}
}

static void ring_irq(unsigned int irq, void *data)
{
	XENCONS_RING_IDX cons = ring->in_cons;
	XENCONS_RING_IDX prod = READ_ONCE(ring->in_prod);

	if (prod - cons > sizeof(ring->in)) {
		ring_broken = true;
		return;
	}
	rmb();
	while (cons != prod)
		console_input_char(ring->in[MASK_XENCONS_IDX(cons++, ring->in)]);
	mb();
	WRITE_ONCE(ring->in_cons, cons);
	notify_remote_via_evtchn(ring_port);
}

static struct console ring_console = {
	.name = "hvc0",
	.write = ring_write,
	.enabled = true,
};

/* May be called again to move the ring to a new mapping. */
void xen_console_ring_init(void *r, evtchn_port_t port)
{
	bool registered = ring;

	ring = r;
	ring_port = port;
	if (!registered)
		register_console(&ring_console);
}

/* Input from the ring needs the IRQ core; called once events work. */
int xen_console_ring_enable_rx(void)
{
	int irq;

	if (!ring)
		return -ENODEV;
	irq = bind_evtchn_to_irqhandler(ring_port, ring_irq, "xen-console",
					NULL);
	return irq < 0 ? irq : 0;
}

static void io_write(const char *s, size_t n)
{
	char buf[128];
	size_t i, len = 0;

	/* console_io takes non-const buffers; copy, expanding "\n" */
	for (i = 0; i < n; i++) {
		if (len + 2 > sizeof(buf)) {
			HYPERVISOR_console_io(CONSOLEIO_write, len, buf);
			len = 0;
		}
		if (s[i] == '\n')
			buf[len++] = '\r';
		buf[len++] = s[i];
	}
	if (len)
		HYPERVISOR_console_io(CONSOLEIO_write, len, buf);
}

static void io_irq(unsigned int irq, void *data)
{
	char buf[64];
	long n, i;

	while ((n = HYPERVISOR_console_io(CONSOLEIO_read, sizeof(buf), buf)) > 0) {
		if (n > (long)sizeof(buf))
			n = sizeof(buf);
		for (i = 0; i < n; i++)
			console_input_char(buf[i]);
	}
}

static struct console io_console = {
	.name = "hvc0",
	.write = io_write,
	.enabled = true,
};

void xen_console_io_init(void)
{
	register_console(&io_console);
}

int xen_console_io_enable_rx(void)
{
	int irq = bind_virq_to_irqhandler(VIRQ_CONSOLE, io_irq, "virq-console",
					  NULL);

	return irq < 0 ? irq : 0;
}
