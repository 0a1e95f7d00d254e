/* SPDX-License-Identifier: GPL-2.0 */
/*
 * dom0's learning Ethernet bridges (net/bridge.c; Documentation/bridge.md):
 * what joins the vifs of a Tern dom0's guests, by name ("xenbr0"), the
 * way a Linux dom0's bridge and its vif hotplug script do.
 *
 * A port is anything that can take a frame (a netback vif today; a
 * physical NIC later). The port's owner calls bridge_input() with every
 * frame its peer sent, in thread context; the bridge learns the source
 * MAC (net/fdb.c, pure) and hands the frame to the port's xmit() of the
 * destination, or to every other port's (broadcast, multicast, an
 * unknown destination). xmit() must copy what it keeps and must not call
 * bridge_input() itself (queue, and deliver from work), so forwarding
 * never recurses. A bridge is created by the first bridge_port_add()
 * naming it and lives on; a port leaving takes its FDB entries with it.
 *
 * Thread context only (the workqueue): the bridges are not locked.
 */
#ifndef _TERN_BRIDGE_H
#define _TERN_BRIDGE_H

#include <tern/types.h>

#define BRIDGE_NAME_MAX		16
#define BRIDGE_PORTS_MAX	64

struct bridge;
struct bridge_port;

struct bridge_port_stats {
	u64 in_frames, in_bytes;	/* from the port's peer */
	u64 out_frames, out_bytes;	/* to it, taken by xmit() */
	u64 out_dropped;		/* xmit() refused */
	u64 in_dropped;			/* fdb_decide() said nowhere */
};

struct bridge_port {
	/* the owner's */
	char name[16];			/* "vif3.0" */
	int (*xmit)(struct bridge_port *p, const void *frame, u32 len);
	void *data;
	/* the bridge's */
	struct bridge *br;
	u16 id;
	struct bridge_port_stats stats;
	struct bridge_port *next;
};

/* Join port (name, xmit, data set) to the bridge called br_name. */
int bridge_port_add(const char *br_name, struct bridge_port *p);
/* Leave; a port that is in no bridge is ignored. */
void bridge_port_del(struct bridge_port *p);
/* A frame the port's peer sent. */
void bridge_input(struct bridge_port *p, const void *frame, u32 len);

#endif
