/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The output side of a Xen console ring (xen/io/console.h), as an object
 * so that tests can drive one against a backend that never answers.
 * drivers/xen/console.c owns the real one ("hvc0"). The rules: the
 * producer index is ours and kept privately, the backend's consumer
 * index is read once per pass and validated, and no wait for the
 * backend is unbounded (see console.c).
 */
#ifndef _TERN_XEN_CONSOLE_RING_H
#define _TERN_XEN_CONSOLE_RING_H

#include <tern/types.h>
#include <xen/xen.h>
#include <xen/event_channel.h>
#include <xen/io/console.h>

struct xencons_out {
	struct xencons_interface *intf;
	evtchn_port_t port;
	u64 wait_ns;			/* longest wait for the backend */
	XENCONS_RING_IDX prod;		/* ours; never read back */
	XENCONS_RING_IDX stall_cons;	/* the backend's index when it stalled */
	bool stalled;			/* a wait timed out: no more waiting */
	bool broken;			/* bogus index seen: ring abandoned */
	u64 lost;			/* bytes dropped, not yet reported */
	u64 lost_total;
};

void xencons_out_init(struct xencons_out *o, struct xencons_interface *intf,
		      evtchn_port_t port, u64 wait_ns);
void xencons_out_write(struct xencons_out *o, const char *s, size_t n);
/* Wait (bounded) until the backend consumed everything; true if it did. */
bool xencons_out_flush(struct xencons_out *o);

#endif
