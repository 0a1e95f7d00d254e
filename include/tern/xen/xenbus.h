/* SPDX-License-Identifier: GPL-2.0 */
/*
 * xenbus (drivers/xen/xenbus.c): the split-driver bus of a domU.
 *
 * Devices are the directories device/<type>/<id> of this domain's
 * xenstore home; a watch on "device" finds them at boot and whenever the
 * toolstack adds or removes one (xl block-attach / block-detach). For
 * each device of a registered type the bus reads the backend's path and
 * domid, watches the backend's "state" and calls the driver:
 *   probe            a new device (its state is Initialising);
 *   otherend_changed the backend's state changed (also once after probe);
 *   remove           the device's directory went away, or the driver
 *                    gave up on it; the driver frees everything.
 * All three run in work context, one at a time, never in an interrupt
 * handler. The backend's path and id are validated (an absolute path
 * under /local/domain/<id>/backend/, a domid below DOMID_FIRST_RESERVED).
 *
 * The states and their order are io/xenbus.h's. Helpers below allocate
 * the event channel and report a fatal error the way Linux does (an
 * "error" node, then Closing); each driver grants its own rings.
 */
#ifndef _TERN_XEN_XENBUS_H
#define _TERN_XEN_XENBUS_H

#include <tern/types.h>
#include <tern/compiler.h>
#include <tern/xen/xenstore.h>
#include <xen/io/xenbus.h>
#include <xen/event_channel.h>

#define XENBUS_PATH	96

struct xenbus_driver;

struct xenbus_device {
	char nodename[XENBUS_PATH];	/* "device/vbd/51712" */
	char otherend[XENBUS_PATH];	/* "/local/domain/0/backend/vbd/3/51712" */
	domid_t otherend_id;
	const char *type;
	char id[16];
	enum xenbus_state state;	/* ours, as last written */
	enum xenbus_state otherend_state;
	struct xenbus_driver *drv;
	void *priv;
	/* the bus's */
	struct xs_watch otherend_watch;
	char otherend_state_path[XENBUS_PATH + 8];
	bool seen;			/* still in xenstore at the last scan */
	struct xenbus_device *next;
};

struct xenbus_driver {
	const char *type;		/* "vbd" */
	int (*probe)(struct xenbus_device *dev);
	void (*otherend_changed)(struct xenbus_device *dev,
				 enum xenbus_state state);
	void (*remove)(struct xenbus_device *dev);
	struct xenbus_driver *next;
};

/* Register a driver; devices of its type are probed now and later. */
int xenbus_register_driver(struct xenbus_driver *drv);
/* Find the devices, start watching, wait (bounded) for the boot ones. */
int xenbus_init(void);

/* Write our state (nodename/state): 0 or -errno. */
int xenbus_switch_state(struct xenbus_device *dev, enum xenbus_state state);
/* A state node's value; XenbusStateUnknown when absent or bad. */
enum xenbus_state xenbus_read_state(const char *path);
const char *xenbus_strstate(enum xenbus_state state);
/* Path of a node under the device's or the backend's directory. */
int xenbus_node(char *buf, size_t size, const char *dir, const char *node);
/* Read a number from otherend/<node>: 0, -ENOENT, -EINVAL, -ERANGE. */
int xenbus_read_otherend_uint(struct xenbus_device *dev, const char *node,
			      u64 max, u64 *val);
/*
 * Fatal error: log it, write <nodename>/error, switch to Closing. The
 * driver stops using the device.
 */
__printf(3, 4) void xenbus_dev_fatal(struct xenbus_device *dev, int err,
				     const char *fmt, ...);
/* An unbound port for the backend's domain. */
int xenbus_alloc_evtchn(struct xenbus_device *dev, evtchn_port_t *port);

/* For tests and the monitor. */
struct xenbus_device *xenbus_first_device(void);
unsigned int xenbus_device_count(void);

#endif
