/* SPDX-License-Identifier: GPL-2.0 */
/* netfront (drivers/xen/netfront.c): Xen virtual NICs as net_devices. */
#ifndef _TERN_XEN_NETFRONT_H
#define _TERN_XEN_NETFRONT_H

#include <tern/types.h>

struct net_device;
struct xenbus_device;

/* The driver's own counters; the net_device keeps packets and bytes. */
struct netfront_stats {
	u64 tx_slots, tx_responses, rx_slots, bad_responses, rx_csum_blank;
	u64 notifies, interrupts, grants, leaked_pages, connects;
	u64 backend_changes;	/* backend state changes seen */
	/* filled by netfront_get_stats() */
	bool ring_up, carrier, broken, backend_sg;
	unsigned int tx_ents, rx_ents;	/* ring entries */
	unsigned int rx_posted;		/* buffers the backend holds */
	unsigned int tx_in_flight;	/* slots not yet answered */
	unsigned int tx_free_ids;
	u32 tx_ring_ref, rx_ring_ref, evtchn;
};

/* Register the xenbus driver for "vif" (xen_devices_init calls it). */
int netfront_init(void);
/* The net_device of a vif, NULL while it has none. */
struct net_device *netfront_netdev(struct xenbus_device *dev);
/* Counters of a vif: 0 or -ENODEV. */
int netfront_get_stats(struct xenbus_device *dev, struct netfront_stats *st);

#endif
