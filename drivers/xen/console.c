// SPDX-License-Identifier: GPL-2.0
/*
 * Xen consoles, registered as "hvc0":
 *  - the console ring (xen/io/console.h) shared with xenconsoled, used
 *    by a domU: output into out[], input from in[], one event channel;
 *  - the console_io hypercall, used by dom0: output straight to Xen's
 *    console (drivers/xen/console_io.c, which needs nothing but the
 *    hypercall, so it works from a dom0's first line), input read here
 *    on VIRQ_CONSOLE.
 *
 * The ring is shared with another domain, which may be slow, dead or
 * broken, so:
 *  - our producer index is kept privately (taken from the page once, at
 *    init) and the backend's consumer index is read once per pass; a
 *    distance larger than the ring (in or out) means a broken backend:
 *    the ring is abandoned and that is said once on the other consoles;
 *  - no wait for the backend is unbounded. When the ring is full (or
 *    has one slot and the next character is a newline, which needs two)
 *    the writer notifies and yields, for at most wait_ns of Xen system
 *    time and RING_WAIT_YIELDS yields (the bound that holds before the
 *    PV clock runs). If no room appeared, the backend is "stalled": the
 *    rest of that write and whatever does not fit later is dropped and
 *    counted, without waiting, until the consumer index moves again;
 *    then "[hvc0: lost N bytes]" goes into the ring first;
 *  - xen_console_flush() waits, with the same bound, until everything
 *    written was consumed: xen_shutdown() calls it, so the verdict and
 *    a panic line are in the toolstack's log before the domain goes.
 */
#include <tern/console.h>
#include <tern/printk.h>
#include <tern/string.h>
#include <tern/timer.h>
#include <tern/xen/console_ring.h>
#include <tern/xen/events.h>
#include <tern/xen/xen.h>
#include <asm/bitops.h>
#include <asm/pv_ops.h>
#include <asm/xen/hypercall.h>
#include <asm/xen/xen-ops.h>
#include <xen/sched.h>

#define RING_WAIT_NS		(1000 * NSEC_PER_MSEC)
#define RING_WAIT_YIELDS	100000
#define OUT_SIZE		sizeof(((struct xencons_interface *)0)->out)

static struct xencons_interface *ring;
static evtchn_port_t ring_port;
static struct xencons_out ring_out;
static bool ring_in_broken;

void xencons_out_init(struct xencons_out *o, struct xencons_interface *intf,
		      evtchn_port_t port, u64 wait_ns)
{
	memset(o, 0, sizeof(*o));
	o->intf = intf;
	o->port = port;
	o->wait_ns = wait_ns;
	o->prod = READ_ONCE(intf->out_prod);
}

/* The backend's consumer index, read once; false if it cannot be right. */
static bool read_cons(struct xencons_out *o, XENCONS_RING_IDX *cons)
{
	*cons = READ_ONCE(o->intf->out_cons);
	if ((XENCONS_RING_IDX)(o->prod - *cons) <= OUT_SIZE)
		return true;
	if (!o->broken) {
		o->broken = true;
		pr_err("xen: console backend broken (out_prod %u, out_cons %u): ring output stopped\n",
		       o->prod, *cons);
	}
	return false;
}

/* Copy what fits, "\n" as "\r\n"; returns how much of s was taken. */
static size_t put(struct xencons_out *o, XENCONS_RING_IDX cons,
		  const char *s, size_t n)
{
	struct xencons_interface *intf = o->intf;
	XENCONS_RING_IDX prod = o->prod;
	size_t done = 0;

	while (done < n) {
		bool crlf = s[done] == '\n' && (done == 0 || s[done - 1] != '\r');
		XENCONS_RING_IDX need = crlf ? 2 : 1;

		if (OUT_SIZE - (XENCONS_RING_IDX)(prod - cons) < need)
			break;
		if (crlf)
			intf->out[MASK_XENCONS_IDX(prod++, intf->out)] = '\r';
		intf->out[MASK_XENCONS_IDX(prod++, intf->out)] = s[done++];
	}
	if (prod != o->prod) {
		wmb();		/* data before the index */
		WRITE_ONCE(intf->out_prod, prod);
		o->prod = prod;
		notify_remote_via_evtchn(o->port);
	}
	return done;
}

/*
 * Let the backend run until done(o, cons) holds, bounded; false on
 * timeout or a broken index.
 */
static bool wait_backend(struct xencons_out *o,
			 bool (*done)(struct xencons_out *o,
				      XENCONS_RING_IDX cons))
{
	bool timed = xen_system_time_runs();
	u64 start = timed ? xen_system_time_ns() : 0;
	XENCONS_RING_IDX cons;
	unsigned int i;

	for (i = 0; i < RING_WAIT_YIELDS; i++) {
		if (!read_cons(o, &cons))
			return false;
		if (done(o, cons))
			return true;
		if (timed && xen_system_time_ns() - start > o->wait_ns)
			break;
		notify_remote_via_evtchn(o->port);
		HYPERVISOR_sched_op(SCHEDOP_yield, NULL);
	}
	return false;
}

static bool has_room(struct xencons_out *o, XENCONS_RING_IDX cons)
{
	/* two slots: enough for any character, "\r\n" included */
	return OUT_SIZE - (XENCONS_RING_IDX)(o->prod - cons) >= 2;
}

static bool all_consumed(struct xencons_out *o, XENCONS_RING_IDX cons)
{
	return cons == o->prod;
}

/* The backend moved again after a stall: say what was lost, in the ring. */
static void report_lost(struct xencons_out *o, XENCONS_RING_IDX cons)
{
	char note[48];
	int len;

	o->stalled = false;
	if (!o->lost)
		return;
	len = snprintf(note, sizeof(note), "\n[hvc0: lost %llu bytes]\n",
		       o->lost);
	o->lost_total += o->lost;
	o->lost = 0;
	put(o, cons, note, len);
}

void xencons_out_write(struct xencons_out *o, const char *s, size_t n)
{
	XENCONS_RING_IDX cons;
	size_t done = 0;

	if (o->broken)
		return;
	while (done < n) {
		if (!read_cons(o, &cons))
			return;
		if (o->stalled && cons != o->stall_cons)
			report_lost(o, cons);
		done += put(o, cons, s + done, n - done);
		if (done == n)
			break;
		/* full: wait for room, unless the backend already let us down */
		if (o->stalled || !wait_backend(o, has_room)) {
			if (o->broken)
				return;
			if (!o->stalled) {
				o->stalled = true;
				o->stall_cons = READ_ONCE(o->intf->out_cons);
			}
			o->lost += n - done;
			return;
		}
	}
}

bool xencons_out_flush(struct xencons_out *o)
{
	if (o->broken || o->stalled)
		return false;
	return wait_backend(o, all_consumed);
}

static void ring_write(const char *s, size_t n)
{
	xencons_out_write(&ring_out, s, n);
}

void xen_console_flush(void)
{
	if (ring)
		xencons_out_flush(&ring_out);
}

static void ring_irq(unsigned int irq, void *data)
{
	XENCONS_RING_IDX cons = ring->in_cons;
	XENCONS_RING_IDX prod = READ_ONCE(ring->in_prod);

	if (ring_in_broken)
		return;
	if (prod - cons > sizeof(ring->in)) {
		ring_in_broken = true;
		pr_err("xen: console backend broken (in_prod %u, in_cons %u): input ignored\n",
		       prod, cons);
		return;
	}
	rmb();		/* the index before the data it covers */
	while (cons != prod)
		console_input_char(ring->in[MASK_XENCONS_IDX(cons++, ring->in)]);
	mb();		/* done reading before the slots are handed back */
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
	/* a new mapping of the same ring: our index carries over */
	xencons_out_init(&ring_out, r, port, RING_WAIT_NS);
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

int xen_console_io_enable_rx(void)
{
	int irq = bind_virq_to_irqhandler(VIRQ_CONSOLE, io_irq, "virq-console",
					  NULL);

	return irq < 0 ? irq : 0;
}
