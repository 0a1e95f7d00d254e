// SPDX-License-Identifier: GPL-2.0
/*
 * The guests this dom0 hosts (tern/xen/toolstack.h): a fixed table,
 * creation (build + backends), the lifecycle on VIRQ_DOM_EXC (Xen's word
 * that some domain shut down or died) with the config's on_poweroff /
 * on_reboot / on_crash actions, and destroy, which releases every
 * backend resource before the domain goes.
 *
 * VIRQ_DOM_EXC only says "look": the work item asks Xen for every
 * guest's state (getdomaininfo) and acts on those that shut down. A
 * restart rebuilds from the same spec (the files stay in the boot
 * module), at most GUEST_MAX_RESTARTS times in a row.
 */
#include <tern/xen/domctl.h>
#include <tern/kernel.h>
#include <tern/mm.h>
#include <tern/printk.h>
#include <tern/string.h>
#include <tern/workqueue.h>
#include <tern/xen/events.h>
#include <tern/xen/toolstack.h>
#include <tern/xen/xen_devices.h>
#include <tern/xen/xenbus.h>
#include <tern/xen/xenstore.h>
#include <xen/sched.h>

#define GUESTS_MAX		32
#define GUEST_MAX_RESTARTS	8

static struct guest guests[GUESTS_MAX];
/* verdicts of guests that are gone, by name (tests read them) */
static struct {
	char name[GUEST_NAME_MAX];
	int verdict;
	bool hostile_done;
	int vcpus_ran;		/* Xen's count at the end, or -ESRCH */
} past[GUESTS_MAX];
static unsigned int past_next;
static struct work exc_work;
static int exc_irq = -1;
static u64 exc_events;
bool toolstack_ready;

struct guest *guest_find(const char *name_or_id)
{
	unsigned int i;
	u64 id;

	/* a domain id, or (not a number, or no such id) a name */
	if (kstrtou64(name_or_id, 10, &id))
		id = ~0ULL;
	for (i = 0; i < GUESTS_MAX; i++) {
		if (!guests[i].used)
			continue;
		if (guests[i].domid == id ||
		    !strcmp(guests[i].spec.name, name_or_id))
			return &guests[i];
	}
	return NULL;
}

struct guest *guest_by_index(unsigned int i)
{
	return i < GUESTS_MAX && guests[i].used ? &guests[i] : NULL;
}

unsigned int guests_max(void)
{
	return GUESTS_MAX;
}

static void release(struct guest *g)
{
	toolstack_vif_release(g);
	toolstack_vbd_release(g);
	console_back_detach(g);
	toolstack_store_release(g);
}

static int attach(struct guest *g)
{
	int rc = console_back_attach(g);

	if (!rc)
		rc = toolstack_store_introduce(g);
	if (!rc)
		rc = toolstack_vbd_attach(g);
	if (!rc)
		rc = toolstack_vif_attach(g);
	return rc;
}

struct guest *guest_create(const struct guest_spec *spec, int *errp)
{
	struct guest *g = NULL;
	unsigned int i;
	int rc;

	for (i = 0; i < GUESTS_MAX; i++) {
		if (guests[i].used && !strcmp(guests[i].spec.name, spec->name)) {
			pr_err("toolstack: a guest named %s exists (domain %u)\n",
			       spec->name, guests[i].domid);
			*errp = -EEXIST;
			return NULL;
		}
		if (!guests[i].used && !g)
			g = &guests[i];
	}
	if (!g) {
		pr_err("toolstack: %s: no room for another guest (%u)\n",
		       spec->name, GUESTS_MAX);
		*errp = -ENOSPC;
		return NULL;
	}
	rc = domain_build(spec, g);
	if (!rc) {
		rc = attach(g);
		if (rc) {
			release(g);
			domain_destroy(g->domid);
			kfree(g->p2m);
			memset(g, 0, sizeof(*g));
		}
	}
	*errp = rc;
	return rc ? NULL : g;
}

/* The record of a gone guest named name, or NULL. */
static int past_find(const char *name)
{
	unsigned int i;

	for (i = 0; i < GUESTS_MAX; i++)
		if (!strcmp(past[i].name, name))
			return i;
	return -1;
}

int toolstack_past_verdict(const char *name)
{
	int i = past_find(name);

	return i < 0 ? 0 : past[i].verdict;
}

bool toolstack_past_hostile(const char *name)
{
	int i = past_find(name);

	return i >= 0 && past[i].hostile_done;
}

int toolstack_past_vcpus_ran(const char *name)
{
	int i = past_find(name);

	return i < 0 ? -ESRCH : past[i].vcpus_ran;
}

static void remember(const struct guest *g)
{
	int slot = past_find(g->spec.name);

	if (slot < 0) {
		slot = past_next;
		past_next = (past_next + 1) % GUESTS_MAX;
	}
	strlcpy(past[slot].name, g->spec.name, GUEST_NAME_MAX);
	past[slot].verdict = g->verdict;
	past[slot].hostile_done = g->hostile_done;
	past[slot].vcpus_ran = xen_vcpus_ran(g->domid, g->spec.vcpus);
}

void guest_destroy(struct guest *g)
{
	domid_t dom = g->domid;

	remember(g);
	release(g);
	domain_destroy(dom);
	kfree(g->p2m);
	memset(g, 0, sizeof(*g));
}

/* One guest that Xen says shut down (reason) or is dying. */
static void act(struct guest *g, unsigned int reason)
{
	struct guest_spec spec = g->spec;
	enum guest_action a = ACTION_DESTROY;
	unsigned int restarts = g->restarts;
	struct guest *ng;
	int err;

	if (reason == SHUTDOWN_reboot)
		a = spec.on_reboot;
	else if (reason == SHUTDOWN_crash || reason == SHUTDOWN_watchdog)
		a = spec.on_crash;
	else if (reason == SHUTDOWN_poweroff)
		a = spec.on_poweroff;
	pr_info("toolstack: %s (domain %u) shut down: %s\n", spec.name,
		g->domid, xen_shutdown_reason_name(reason));
	if (a == ACTION_PRESERVE)
		return;
	guest_destroy(g);
	if (a != ACTION_RESTART)
		return;
	if (restarts >= GUEST_MAX_RESTARTS) {
		pr_err("toolstack: %s restarted %u times in a row: left destroyed\n",
		       spec.name, restarts);
		return;
	}
	ng = guest_create(&spec, &err);
	if (ng)
		ng->restarts = restarts + 1;
}

static void exc_scan(struct work *w)
{
	unsigned int i;

	for (i = 0; i < GUESTS_MAX; i++) {
		struct xen_domctl_getdomaininfo info;
		struct guest *g = &guests[i];
		int rc;

		if (!g->used || g->preserved)
			continue;
		rc = xen_domain_info(g->domid, &info);
		if (rc == -ESRCH) {
			pr_info("toolstack: %s (domain %u) is gone\n",
				g->spec.name, g->domid);
			remember(g);
			release(g);
			kfree(g->p2m);
			memset(g, 0, sizeof(*g));
			continue;
		}
		if (rc || !(info.flags & (XEN_DOMINF_shutdown |
					  XEN_DOMINF_dying)))
			continue;
		g->shutdown_reason = (info.flags >> XEN_DOMINF_shutdownshift) &
				     XEN_DOMINF_shutdownmask;
		g->shutdowns++;
		if (g->spec.on_poweroff == ACTION_PRESERVE &&
		    g->shutdown_reason == SHUTDOWN_poweroff)
			g->preserved = true;
		act(g, g->shutdown_reason);
	}
}

static void exc_irq_handler(unsigned int irq, void *data)
{
	exc_events++;
	schedule_work(&exc_work);
}

u64 toolstack_exc_events(void)
{
	return exc_events;
}

void toolstack_scan_now(void)
{
	exc_scan(&exc_work);
}

void toolstack_init(void)
{
	int rc = toolstack_check_abi();

	if (rc) {
		pr_err("toolstack: not available (%d): this dom0 hosts no guests\n",
		       rc);
		return;
	}
	init_work(&exc_work, exc_scan, NULL);
	exc_irq = bind_virq_to_irqhandler(VIRQ_DOM_EXC, exc_irq_handler,
					  "dom_exc", NULL);
	if (exc_irq < 0)
		pr_err("toolstack: VIRQ_DOM_EXC not bound (%d): shutdowns go unseen\n",
		       exc_irq);
	toolstack_store_init();
	/* dom0's own xenstore client, xenbus and control nodes, on that store */
	if (xenstore_init())
		pr_err("toolstack: dom0's xenstore client did not start\n");
	else if (xenbus_init() || xen_control_init())
		pr_err("toolstack: dom0's xenbus or control nodes did not start\n");
	toolstack_ready = true;
	/* under selftest the toolstack suite starts the guests itself */
	if (!opt_selftest)
		toolstack_autostart();
}
