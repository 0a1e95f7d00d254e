// SPDX-License-Identifier: GPL-2.0
/*
 * Console backend (xenconsoled's job): each guest's console ring is
 * mapped through grant ref 0, which the builder seeded,
 * its event channel bound, and its output printed on dom0's console one
 * line at a time as "[NAME] text", kept also in a per-guest history for
 * the monitor's `console NAME`. Input typed in the monitor goes into the
 * ring's in[].
 *
 * The event handler only schedules work; the work drains the ring
 * (tern/xen/console_back.h: the guest's indices are read once and a
 * broken ring is abandoned with one log line). A guest that writes
 * without a newline gets its line cut at CONS_LINE bytes.
 */
#include <tern/kernel.h>
#include <tern/mm.h>
#include <tern/printk.h>
#include <tern/string.h>
#include <tern/timer.h>
#include <tern/workqueue.h>
#include <tern/xen/console_back.h>
#include <tern/xen/events.h>
#include <tern/xen/xenstore.h>
#include <tern/xen/toolstack.h>
#include <asm/xen/grant.h>
#include <xen/grant_table.h>

#define CONS_LINE	200
#define CONS_HIST	4096

struct console_back {
	struct guest *g;
	struct xen_grant_mapping map;
	bool mapped;
	struct xencons_back_ring ring;
	int irq;
	evtchn_port_t local;
	struct work work;
	char line[CONS_LINE + 1];
	unsigned int len;
	char hist[CONS_HIST];
	u64 hist_len;			/* bytes ever kept */
};

/* Ready (Tern) or its marker (a test init): the time, said once. */
static void note_ready(struct console_back *c)
{
	struct guest *g = c->g;

	if (g->ready_ns || (!strstr(c->line, "tern: ready") &&
			    strcmp(c->line, GUEST_PASS_MARKER)))
		return;
	g->ready_ns = ktime_ns();
	pr_info("toolstack: %s: created at %lu us; first console byte +%lu us, ready line +%lu us\n",
		g->spec.name, (unsigned long)(g->create_ns / 1000),
		(unsigned long)((g->first_byte_ns - g->create_ns) / 1000),
		(unsigned long)((g->ready_ns - g->create_ns) / 1000));
}

static void emit_line(struct console_back *c)
{
	c->line[c->len] = '\0';
	note_ready(c);
	/* a guest's verdict: Tern's selftest line, or the marker a test init prints */
	if (!strcmp(c->line, "Test result: SUCCESS") ||
	    !strcmp(c->line, GUEST_PASS_MARKER))
		c->g->verdict = 1;
	else if (!strcmp(c->line, "Test result: FAILURE"))
		c->g->verdict = -1;
	else if (!strcmp(c->line, XS_HOSTILE_MARKER))
		c->g->hostile_done = true;
	printk("[%s] %s\n", c->g->spec.name, c->line);
	c->len = 0;
}

static void drain(struct work *w)
{
	struct console_back *c = w->data;
	char buf[256];
	unsigned int rounds;
	int n = 1, i;

	for (rounds = 0; rounds < 64 && n > 0; rounds++) {
		n = xencons_back_read(&c->ring, buf, sizeof(buf));
		if (n == -EPROTO) {
			pr_err("toolstack: %s: console ring broken (impossible out_prod): output stopped\n",
			       c->g->spec.name);
			unbind_from_irqhandler(c->irq);
			c->irq = -1;
			return;
		}
		if (n > 0 && !c->g->first_byte_ns)
			c->g->first_byte_ns = ktime_ns();
		for (i = 0; i < n; i++) {
			char ch = buf[i];

			c->hist[c->hist_len++ % CONS_HIST] = ch;
			if (ch == '\r')
				continue;
			if (ch == '\n' || c->len == CONS_LINE) {
				emit_line(c);
				if (ch == '\n')
					continue;
			}
			c->line[c->len++] = ch >= 0x20 && ch < 0x7f ? ch : '.';
		}
		if (n > 0)
			notify_remote_via_evtchn(c->local);
	}
	if (n > 0)
		schedule_work(&c->work);	/* more: come back later */
}

static void console_irq(unsigned int irq, void *data)
{
	struct console_back *c = data;

	schedule_work(&c->work);
}

int console_back_attach(struct guest *g)
{
	struct console_back *c = kzalloc(sizeof(*c));
	int irq, err;
	s16 st;

	if (!c)
		return -ENOMEM;
	c->g = g;
	c->irq = -1;
	init_work(&c->work, drain, c);
	err = xen_grant_map(g->domid, GNTTAB_RESERVED_CONSOLE, false, &c->map,
			    &st);
	if (err) {
		pr_err("toolstack: %s: cannot map the console page (grant ref %u): %d/%d\n",
		       g->spec.name, GNTTAB_RESERVED_CONSOLE, err, st);
		kfree(c);
		return err;
	}
	c->mapped = true;
	xencons_back_init(&c->ring, c->map.va);
	irq = bind_interdomain_evtchn_to_irqhandler(g->domid, g->console_port,
						    console_irq, "console", c);
	if (irq < 0) {
		pr_err("toolstack: %s: cannot bind the console port %u: %d\n",
		       g->spec.name, g->console_port, irq);
		xen_grant_unmap(&c->map);
		kfree(c);
		return irq;
	}
	c->irq = irq;
	c->local = evtchn_from_irq(irq);
	g->cons = c;
	schedule_work(&c->work);
	return 0;
}

void console_back_detach(struct guest *g)
{
	struct console_back *c = g->cons;

	if (!c)
		return;
	cancel_work(&c->work);
	drain(&c->work);
	if (c->len)
		emit_line(c);
	if (c->irq >= 0)
		unbind_from_irqhandler(c->irq);
	if (c->mapped && xen_grant_unmap(&c->map))
		pr_err("toolstack: %s: console page not unmapped\n",
		       c->g->spec.name);
	kfree(c);
	g->cons = NULL;
}

void console_back_dump(const struct guest *g)
{
	const struct console_back *c = g->cons;
	u64 i, from;

	if (!c)
		return;
	from = c->hist_len > CONS_HIST ? c->hist_len - CONS_HIST : 0;
	for (i = from; i < c->hist_len; i++)
		printk("%c", c->hist[i % CONS_HIST]);
}

int console_back_input(struct guest *g, const char *s, size_t n)
{
	struct console_back *c = g->cons;
	int done;

	if (!c)
		return -ENODEV;
	done = xencons_back_write(&c->ring, s, n);
	if (done > 0)
		notify_remote_via_evtchn(c->local);
	return done;
}
