/* SPDX-License-Identifier: GPL-2.0 */
/*
 * netback: a guest's virtual NIC served by a Tern dom0 (io/netif.h,
 * backend half; drivers/xen/netback.c, Documentation/netback.md). The
 * toolstack writes the vif's xenstore directories (as libxl does) and
 * creates the backend; the backend joins the vif to a bridge
 * (include/tern/bridge.h) once the frontend is connected.
 */
#ifndef _TERN_XEN_NETBACK_H
#define _TERN_XEN_NETBACK_H

#include <tern/types.h>
#include <xen/xen.h>

struct netback;

struct netback_stats {
	u64 tx_packets, tx_bytes;	/* from the guest */
	u64 tx_errors;			/* answered with an error */
	u64 rx_packets, rx_bytes;	/* to the guest */
	u64 rx_dropped;			/* no buffers posted in time */
	u64 rx_errors;			/* a copy into its buffer failed */
	u64 connects;
	u64 rx_wait_max_us;		/* longest a frame waited for a buffer */
	u64 irq_to_work_max_us;		/* longest from an event to our work */
	bool connected;
	bool broken;			/* the frontend broke the protocol */
};

/*
 * Start serving vif handle of dom: be_dir and fe_dir are the backend's and
 * the frontend's xenstore directories (written by the toolstack), bridge
 * the bridge it joins when connected. Writes the features and goes
 * InitWait. 0 or -errno (nothing left behind).
 */
int netback_create(domid_t dom, u32 handle, const char *be_dir,
		   const char *fe_dir, const char *bridge,
		   struct netback **out);
/* Disconnect, leave the bridge, free; NULL is ignored. */
void netback_destroy(struct netback *nb);
void netback_get_stats(const struct netback *nb, struct netback_stats *s);

#endif
