// SPDX-License-Identifier: GPL-2.0
/*
 * xenbus for a domU (include/tern/xen/xenbus.h).
 *
 * The device list follows xenstore: a watch on "device" rescans
 * device/<type>/ for every registered driver's type; a directory that
 * appeared becomes a device (probe), one that vanished is removed. Each
 * device watches its backend's state node and passes changes to the
 * driver. Everything runs in work context (watch callbacks) or in the
 * boot thread (xenbus_init), one at a time.
 *
 * What the toolstack and the backend wrote is checked before use: the
 * id is a short decimal number, the backend path an absolute path under
 * /local/domain/ of bounded length, the backend id a real domain id, a
 * state a number in the enum's range. A device whose nodes are bad is
 * refused with a log line and not probed again until it changes.
 */
#include <tern/kernel.h>
#include <tern/mm.h>
#include <tern/printk.h>
#include <tern/string.h>
#include <tern/timer.h>
#include <tern/workqueue.h>
#include <tern/xen/events.h>
#include <tern/xen/xenbus.h>
#include <tern/xen/xenbus_nodes.h>
#include <tern/xen/xs_wire.h>
#include <stdarg.h>

#define MAX_IDS		32
#define BOOT_WAIT_MS	30000

static struct xenbus_driver *drivers;
static struct xenbus_device *devices;
static unsigned int nr_devices;
static bool started;

static void device_changed(struct xs_watch *w, const char *path);
static struct xs_watch device_watch = { .path = "device",
					.cb = device_changed };

static const char *const state_names[] = {
	"Unknown", "Initialising", "InitWait", "Initialised", "Connected",
	"Closing", "Closed", "Reconfiguring", "Reconfigured",
};

const char *xenbus_strstate(enum xenbus_state state)
{
	if ((unsigned int)state < ARRAY_SIZE(state_names))
		return state_names[state];
	return "invalid";
}

int xenbus_node(char *buf, size_t size, const char *dir, const char *node)
{
	int n = snprintf(buf, size, "%s/%s", dir, node);

	return n < 0 || (size_t)n >= size ? -E2BIG : 0;
}

enum xenbus_state xenbus_read_state(const char *path)
{
	u64 v;

	if (xs_read_uint(XS_TX_NONE, path, XenbusStateReconfigured, &v))
		return XenbusStateUnknown;
	return (enum xenbus_state)v;
}

int xenbus_switch_state(struct xenbus_device *dev, enum xenbus_state state)
{
	char path[XENBUS_PATH + 8];
	int err;

	err = xenbus_node(path, sizeof(path), dev->nodename, "state");
	if (!err)
		err = xs_printf(XS_TX_NONE, path, "%d", state);
	if (err) {
		pr_err("xenbus %s: cannot switch to %s (%d)\n", dev->nodename,
		       xenbus_strstate(state), err);
		return err;
	}
	dev->state = state;
	return 0;
}

int xenbus_read_otherend_uint(struct xenbus_device *dev, const char *node,
			      u64 max, u64 *val)
{
	char path[XENBUS_PATH + 48];
	int err = xenbus_node(path, sizeof(path), dev->otherend, node);

	return err ? err : xs_read_uint(XS_TX_NONE, path, max, val);
}

void xenbus_dev_fatal(struct xenbus_device *dev, int err, const char *fmt,
		      ...)
{
	char msg[96], path[XENBUS_PATH + 8];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	pr_err("xenbus %s: %s (%d)\n", dev->nodename, msg, err);
	if (!xenbus_node(path, sizeof(path), dev->nodename, "error"))
		xs_printf(XS_TX_NONE, path, "%d %s", -err, msg);
	xenbus_switch_state(dev, XenbusStateClosing);
}

int xenbus_alloc_evtchn(struct xenbus_device *dev, evtchn_port_t *port)
{
	int err = evtchn_alloc_unbound(dev->otherend_id, port);

	if (err)
		xenbus_dev_fatal(dev, err, "allocating an event channel");
	return err;
}

struct xenbus_device *xenbus_first_device(void)
{
	return devices;
}

unsigned int xenbus_device_count(void)
{
	return nr_devices;
}

static void otherend_cb(struct xs_watch *w, const char *path)
{
	struct xenbus_device *dev = w->data;
	enum xenbus_state st = xenbus_read_state(dev->otherend_state_path);

	if (st == dev->otherend_state)
		return;
	dev->otherend_state = st;
	if (dev->drv && dev->drv->otherend_changed)
		dev->drv->otherend_changed(dev, st);
}

static void remove_device(struct xenbus_device *dev)
{
	struct xenbus_device **pp;

	if (dev->otherend_watch.registered)
		xs_unwatch(&dev->otherend_watch);
	if (dev->drv && dev->drv->remove)
		dev->drv->remove(dev);
	for (pp = &devices; *pp; pp = &(*pp)->next) {
		if (*pp == dev) {
			*pp = dev->next;
			nr_devices--;
			break;
		}
	}
	pr_info("xenbus: %s removed\n", dev->nodename);
	kfree(dev);
}

static void add_device(struct xenbus_driver *drv, const char *id)
{
	struct xenbus_device *dev;
	char path[XENBUS_PATH + 16];
	u64 domid;
	int err;

	dev = kzalloc(sizeof(*dev));
	if (!dev) {
		pr_err("xenbus: no memory for device/%s/%s\n", drv->type, id);
		return;
	}
	dev->type = drv->type;
	strlcpy(dev->id, id, sizeof(dev->id));
	snprintf(dev->nodename, sizeof(dev->nodename), "device/%s/%s",
		 drv->type, id);
	dev->seen = true;
	dev->next = devices;
	devices = dev;
	nr_devices++;

	xenbus_node(path, sizeof(path), dev->nodename, "backend");
	err = xs_read(XS_TX_NONE, path, dev->otherend, sizeof(dev->otherend));
	if (err >= 0 && !xenbus_backend_path_ok(dev->otherend, strlen(dev->otherend),
						  XENBUS_PATH))
		err = -EINVAL;
	if (err < 0) {
		pr_err("xenbus %s: bad or missing backend path (%d)\n",
		       dev->nodename, err);
		return;		/* listed, never probed */
	}
	xenbus_node(path, sizeof(path), dev->nodename, "backend-id");
	err = xs_read_uint(XS_TX_NONE, path, DOMID_FIRST_RESERVED - 1, &domid);
	if (err) {
		pr_err("xenbus %s: bad or missing backend-id (%d)\n",
		       dev->nodename, err);
		return;
	}
	dev->otherend_id = (domid_t)domid;
	dev->state = XenbusStateInitialising;
	dev->otherend_state = XenbusStateUnknown;
	xenbus_node(dev->otherend_state_path,
		    sizeof(dev->otherend_state_path), dev->otherend, "state");

	err = drv->probe(dev);
	if (err) {
		pr_err("xenbus %s: probe failed (%d)\n", dev->nodename, err);
		return;
	}
	dev->drv = drv;
	dev->otherend_watch.path = dev->otherend_state_path;
	dev->otherend_watch.cb = otherend_cb;
	dev->otherend_watch.data = dev;
	/* fires once now: the driver hears the backend's current state */
	err = xs_watch(&dev->otherend_watch);
	if (err)
		xenbus_dev_fatal(dev, err, "watching the backend state");
}

static void scan_type(struct xenbus_driver *drv)
{
	char dir[48], buf[MAX_IDS * 12];
	const char *ids[MAX_IDS];
	struct xenbus_device *dev, *next;
	int n, i;

	snprintf(dir, sizeof(dir), "device/%s", drv->type);
	n = xs_directory(XS_TX_NONE, dir, buf, sizeof(buf), ids, MAX_IDS);
	if (n == -ENOENT)
		n = 0;
	if (n < 0) {
		pr_err("xenbus: cannot list %s (%d)\n", dir, n);
		return;
	}
	if (n > MAX_IDS) {
		pr_warn("xenbus: %d devices in %s, only %d handled\n", n, dir,
			MAX_IDS);
		n = MAX_IDS;
	}
	for (dev = devices; dev; dev = dev->next)
		if (dev->type == drv->type)
			dev->seen = false;
	for (i = 0; i < n; i++) {
		if (!xenbus_id_ok(ids[i], strlen(ids[i]), sizeof(dev->id))) {
			pr_warn("xenbus: bad device id '%.16s' in %s ignored\n",
				ids[i], dir);
			continue;
		}
		for (dev = devices; dev; dev = dev->next)
			if (dev->type == drv->type && !strcmp(dev->id, ids[i]))
				break;
		if (dev)
			dev->seen = true;
		else
			add_device(drv, ids[i]);
	}
	for (dev = devices; dev; dev = next) {
		next = dev->next;
		if (dev->type == drv->type && !dev->seen)
			remove_device(dev);
	}
}

static void device_changed(struct xs_watch *w, const char *path)
{
	struct xenbus_driver *drv;

	for (drv = drivers; drv; drv = drv->next)
		scan_type(drv);
}

int xenbus_register_driver(struct xenbus_driver *drv)
{
	drv->next = drivers;
	drivers = drv;
	if (started)
		scan_type(drv);
	return 0;
}

/* Every device found at boot has left the handshake (or never will). */
static bool boot_devices_settled(void *arg)
{
	struct xenbus_device *dev;

	for (dev = devices; dev; dev = dev->next) {
		if (!dev->drv)
			continue;
		if (dev->state < XenbusStateConnected &&
		    dev->otherend_state != XenbusStateClosed &&
		    dev->otherend_state != XenbusStateClosing)
			return false;
	}
	return true;
}

int xenbus_init(void)
{
	struct xenbus_device *dev;
	u64 start = ktime_ns();
	int err;

	if (!xenstore_ready())
		return -ENODEV;
	started = true;
	device_changed(NULL, NULL);
	err = xs_watch(&device_watch);
	if (err)
		pr_err("xenbus: cannot watch device/ (%d): no hot-plug\n", err);
	/* the boot devices, like Linux's wait_for_devices, but bounded */
	if (!wait_cond_timeout(boot_devices_settled, NULL, BOOT_WAIT_MS)) {
		for (dev = devices; dev; dev = dev->next)
			if (dev->drv && dev->state < XenbusStateConnected)
				pr_warn("xenbus %s: not connected after %u s (backend %s)\n",
					dev->nodename, BOOT_WAIT_MS / 1000,
					xenbus_strstate(dev->otherend_state));
	}
	pr_info("xenbus: %u device(s), settled in %llu ms\n", nr_devices,
		(ktime_ns() - start) / NSEC_PER_MSEC);
	return 0;
}
