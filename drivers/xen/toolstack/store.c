// SPDX-License-Identifier: GPL-2.0
/*
 * The guests' xenstore: Tern's xenstored (tern/xen/xsd.h, the pure core)
 * wired to each guest's ring page and event channel, and the nodes the
 * toolstack writes for a guest (the layout libxl writes, trimmed to what
 * a PV or PVH guest without devices reads):
 *
 *   /local/domain/N            owner N, others nothing (the guest's own)
 *     name, domid, memory/target, memory/static-max (KiB),
 *     cpu/K/availability = online, control/, device/, data/
 *
 * Transport: the guest's store page is mapped through grant ref 1, which
 * the builder seeded (as Xen's xenstored maps it), its event channel
 * bound; the interrupt only schedules work, and the work
 * runs xsd_ring_work() with a budget, rescheduling itself while more is
 * pending. A guest that breaks the protocol loses its ring (one log
 * line); the store and other guests go on. Everything runs in work or
 * thread context on one CPU, so the store needs no lock of its own.
 */
#include <tern/kernel.h>
#include <tern/mm.h>
#include <tern/printk.h>
#include <tern/spinlock.h>
#include <tern/string.h>
#include <tern/workqueue.h>
#include <tern/xen/events.h>
#include <tern/xen/toolstack.h>
#include <tern/xen/xenstore.h>
#include <tern/xen/xsd.h>
#include <asm/page.h>
#include <asm/xen/grant.h>
#include <xen/grant_table.h>

#define STORE_BUDGET	32

struct store_back {
	struct guest *g;
	struct xsd_conn *conn;
	struct xen_grant_mapping map;
	bool mapped;
	struct xsd_ring *ring;
	struct work work;
	int irq;
	evtchn_port_t local;
	bool broken;
};

static struct xsd *store;
/*
 * The store is used from work (guests' rings), thread context (the
 * toolstack, the monitor) and the local ring's interrupt handler (dom0's
 * own client, which holds work off while it waits): every use is under
 * store_lock with interrupts off.
 */
static DEFINE_SPINLOCK(store_lock);

unsigned long toolstack_store_lock(void)
{
	return spin_lock_irqsave(&store_lock);
}

void toolstack_store_unlock(unsigned long flags)
{
	spin_unlock_irqrestore(&store_lock, flags);
}

/* dom0's own client: a page of ours and a loopback event channel pair */
static struct {
	struct xsd_conn *conn;
	struct xsd_ring *ring;
	void *page;
	evtchn_port_t client, server;
	int irq;
	bool broken;
} local;

static const struct xsd_ops store_ops = {
	.alloc = kmalloc,
	.free = kfree,
};

struct xsd *toolstack_store(void)
{
	return store;
}

static void push_others(const struct store_back *self);

static void serve(struct work *w)
{
	struct store_back *b = w->data;
	unsigned long flags;
	int rc;

	if (b->broken)
		return;
	flags = toolstack_store_lock();
	rc = xsd_ring_work(store, b->conn, b->ring, STORE_BUDGET);
	toolstack_store_unlock(flags);
	if (rc < 0) {
		b->broken = true;
		pr_err("toolstack: %s: xenstore ring broken (%d): no longer served\n",
		       b->g->spec.name, rc);
		return;
	}
	if (rc & XSD_RING_NOTIFY)
		notify_remote_via_evtchn(b->local);
	if (rc & XSD_RING_MORE)
		schedule_work(&b->work);
	/* what it wrote may have fired other connections' watches */
	push_others(b);
}

static void store_irq(unsigned int irq, void *data)
{
	struct store_back *b = data;

	schedule_work(&b->work);
}

/* dom0's own ring, served in its interrupt handler (see store_lock). */
static void serve_local(unsigned int irq, void *data)
{
	unsigned int round;
	unsigned long flags;
	int rc = XSD_RING_MORE;

	if (local.broken)
		return;
	flags = toolstack_store_lock();
	for (round = 0; round < 16 && (rc & XSD_RING_MORE); round++) {
		rc = xsd_ring_work(store, local.conn, local.ring, STORE_BUDGET);
		if (rc < 0)
			break;
		if (rc & XSD_RING_NOTIFY)
			notify_remote_via_evtchn(local.server);
	}
	toolstack_store_unlock(flags);
	if (rc < 0) {
		local.broken = true;
		pr_err("toolstack: dom0's own xenstore ring broken (%d)\n", rc);
		return;
	}
	push_others(NULL);
}

/*
 * dom0's xenstore client (drivers/xen/xenstore.c, the one a domU uses)
 * on this store: a zeroed page as the interface, and a loopback pair of
 * event channels (an unbound port offered to ourselves, bound back): the
 * client notifies its end, our handler serves the ring and notifies back.
 */
static int local_client(void)
{
	domid_t me = 0;
	int rc, irq;

	local.page = alloc_page(0);
	local.ring = kmalloc(sizeof(*local.ring));
	if (!local.page || !local.ring)
		return -ENOMEM;
	memset(local.page, 0, PAGE_SIZE);
	xsd_ring_init(local.ring, local.page);
	rc = xsd_conn_new(store, me, &local.conn);
	if (!rc)
		rc = evtchn_alloc_unbound(me, &local.client);
	if (rc)
		return rc;
	irq = bind_interdomain_evtchn_to_irqhandler(me, local.client,
						    serve_local, "xenstored",
						    NULL);
	if (irq < 0)
		return irq;
	local.irq = irq;
	local.server = evtchn_from_irq(irq);
	xenstore_set_ring(local.page, local.client);
	return 0;
}

static bool has_output(const struct xsd_conn *c)
{
	const void *msg;
	unsigned long flags;
	size_t len;
	int rc;

	if (!c)
		return false;
	flags = toolstack_store_lock();
	rc = xsd_conn_out_peek(c, &msg, &len);
	toolstack_store_unlock(flags);
	return rc > 0;
}

/*
 * A request on one connection can queue watch events on any other: hand
 * them to their rings now (dom0's own through its loopback channel, a
 * guest's through its work), not at some later request.
 */
static void push_others(const struct store_back *self)
{
	unsigned int i;

	if (self && local.irq > 0 && has_output(local.conn))
		notify_remote_via_evtchn(local.client);
	for (i = 0; i < guests_max(); i++) {
		struct guest *g = guest_by_index(i);
		struct store_back *b = g ? g->xs_back : NULL;

		if (b && b != self && !b->broken && has_output(b->conn))
			schedule_work(&b->work);
	}
}

/* After dom0 changed the store: events may wait in any guest's queue. */
void toolstack_store_kick(void)
{
	unsigned int i;

	if (local.irq > 0)
		notify_remote_via_evtchn(local.client);
	for (i = 0; i < guests_max(); i++) {
		struct guest *g = guest_by_index(i);

		if (g && g->xs_back)
			schedule_work(&g->xs_back->work);
	}
}

void toolstack_store_init(void)
{
	static const char *const nodes[][2] = {
		{ "/local/domain/0/name", "Domain-0" },
		{ "/local/domain/0/domid", "0" },
		{ "/local/domain/0/control", "" },
		{ "/local/domain/0/device", "" },
		{ "/local/domain/0/data", "" },
	};
	unsigned int i;
	int rc = xsd_new(&store_ops, NULL, &store);

	if (rc) {
		pr_err("toolstack: xenstored not started (%d)\n", rc);
		store = NULL;
		return;
	}
	for (i = 0; !rc && i < ARRAY_SIZE(nodes); i++)
		rc = xsd_write(store, nodes[i][0], nodes[i][1],
			       strlen(nodes[i][1]), NULL, 0);
	if (!rc)
		rc = local_client();
	if (rc)
		pr_err("toolstack: dom0's own xenstore client not set up (%d)\n",
		       rc);
}

int toolstack_store_write(const char *path, const char *value,
			  const struct xsd_perm *perms, unsigned int nperms)
{
	return store ? xsd_write(store, path, value, strlen(value), perms,
				 nperms) : -ENODEV;
}

int toolstack_store_rm(const char *path)
{
	return store ? xsd_rm(store, path) : -ENODEV;
}

static int wr(const char *dir, const char *node, const char *fmt, ...)
{
	char path[96], val[64];
	va_list ap;

	snprintf(path, sizeof(path), "%s/%s", dir, node);
	va_start(ap, fmt);
	vsnprintf(val, sizeof(val), fmt, ap);
	va_end(ap);
	return xsd_write(store, path, val, strlen(val), NULL, 0);
}

static int write_nodes(struct guest *g)
{
	struct xsd_perm own = { .domid = g->domid, .perm = XSD_PERM_NONE };
	char dir[32];
	unsigned int v;
	int rc;

	snprintf(dir, sizeof(dir), "/local/domain/%u", g->domid);
	rc = xsd_write(store, dir, "", 0, &own, 1);
	if (!rc)
		rc = wr(dir, "name", "%s", g->spec.name);
	if (!rc)
		rc = wr(dir, "domid", "%u", g->domid);
	if (!rc)
		rc = wr(dir, "memory/static-max", "%u", g->spec.maxmem_mib * 1024);
	if (!rc)
		rc = wr(dir, "memory/target", "%u", g->spec.mem_mib * 1024);
	for (v = 0; !rc && v < g->spec.vcpus; v++) {
		char node[32];

		snprintf(node, sizeof(node), "cpu/%u/availability", v);
		rc = wr(dir, node, "online");
	}
	if (!rc)
		rc = wr(dir, "control", "");
	if (!rc)
		rc = wr(dir, "device", "");
	if (!rc)
		rc = wr(dir, "data", "");
	if (!rc)
		rc = toolstack_vbd_nodes(g);
	if (!rc)
		rc = toolstack_vif_nodes(g);
	return rc;
}

int toolstack_store_introduce(struct guest *g)
{
	struct store_back *b;
	unsigned long flags;
	int rc, irq;

	if (!store)
		return -ENODEV;
	b = kzalloc(sizeof(*b));
	if (!b)
		return -ENOMEM;
	b->g = g;
	b->irq = -1;
	init_work(&b->work, serve, b);
	b->ring = kmalloc(sizeof(*b->ring));
	flags = toolstack_store_lock();
	rc = b->ring ? write_nodes(g) : -ENOMEM;
	if (!rc)
		rc = xsd_conn_new(store, g->domid, &b->conn);
	toolstack_store_unlock(flags);
	if (!rc) {
		s16 st;

		rc = xen_grant_map(g->domid, GNTTAB_RESERVED_XENSTORE, false,
				   &b->map, &st);
		if (rc)
			pr_err("toolstack: %s: cannot map the xenstore page (grant ref %u): %d/%d\n",
			       g->spec.name, GNTTAB_RESERVED_XENSTORE, rc, st);
		b->mapped = !rc;
	}
	if (!rc) {
		xsd_ring_init(b->ring, b->map.va);
		irq = bind_interdomain_evtchn_to_irqhandler(g->domid,
							    g->store_port,
							    store_irq,
							    "xenstore", b);
		if (irq < 0)
			rc = irq;
		else
			b->irq = irq;
	}
	g->xs_back = b;
	if (rc) {
		pr_err("toolstack: %s: xenstore not set up: %d\n",
		       g->spec.name, rc);
		toolstack_store_release(g);
		return rc;
	}
	b->local = evtchn_from_irq(b->irq);
	flags = toolstack_store_lock();
	xsd_domain_introduced(store, g->domid);
	toolstack_store_unlock(flags);
	toolstack_store_kick();
	return 0;
}

void toolstack_store_release(struct guest *g)
{
	struct store_back *b = g->xs_back;
	unsigned long flags;
	char dir[32];

	if (!b)
		return;
	if (b->irq >= 0)
		unbind_from_irqhandler(b->irq);
	cancel_work(&b->work);
	flags = toolstack_store_lock();
	if (b->conn)
		xsd_conn_free(b->conn);
	toolstack_store_unlock(flags);
	if (b->mapped && xen_grant_unmap(&b->map))
		pr_err("toolstack: %s: xenstore page not unmapped\n",
		       g->spec.name);
	kfree(b->ring);
	kfree(b);
	g->xs_back = NULL;
	snprintf(dir, sizeof(dir), "/local/domain/%u", g->domid);
	flags = toolstack_store_lock();
	xsd_rm(store, dir);
	xsd_domain_released(store, g->domid);
	toolstack_store_unlock(flags);
	toolstack_store_kick();
}

int toolstack_store_inject(struct guest *g, const void *p, size_t n)
{
	struct store_back *b = g->xs_back;
	struct xenstore_domain_interface *intf;
	const u8 *c = p;
	size_t i;

	if (!b || !b->mapped || n > XENSTORE_RING_SIZE)
		return -ENODEV;
	intf = b->map.va;
	for (i = 0; i < n; i++)
		intf->req[MASK_XENSTORE_IDX(intf->req_prod + i)] = c[i];
	barrier();
	intf->req_prod += n;
	serve(&b->work);
	return 0;
}

bool toolstack_store_broken(const struct guest *g)
{
	return g->xs_back && g->xs_back->broken;
}

/* What `xl shutdown` does: ask through control/shutdown. */
int guest_request_shutdown(struct guest *g, const char *how)
{
	unsigned long flags;
	char path[48];
	int rc;

	if (!store || !g->xs_back)
		return -ENODEV;
	snprintf(path, sizeof(path), "/local/domain/%u/control/shutdown",
		 g->domid);
	flags = toolstack_store_lock();
	rc = xsd_write(store, path, how, strlen(how), NULL, 0);
	toolstack_store_unlock(flags);
	toolstack_store_kick();
	return rc;
}
