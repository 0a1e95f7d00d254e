/* SPDX-License-Identifier: GPL-2.0 */
/*
 * What Xen drivers (drivers/xen) may know about the platform: the shared
 * info page, this vCPU's vcpu_info, and the Xen console's entry points
 * (drivers/xen/console.c). Whether the guest is PV or PVH, dom0 or domU,
 * is not here on purpose: the role predicates live in
 * arch/x86/include/asm/xen/role.h.
 */
#ifndef _TERN_XEN_XEN_H
#define _TERN_XEN_XEN_H

#include <tern/types.h>
#include <asm/smp.h>
#include <xen/xen.h>
#include <xen/event_channel.h>

extern struct shared_info *xen_shared_info;
/* This CPU's vcpu_info (per-CPU: asm/smp.h) */
#define xen_vcpu_info (this_cpu()->vcpu_info)

/* drivers/xen/console.c */
void xen_console_ring_init(void *ring, evtchn_port_t port);
void xen_console_io_init(void);
/* Console input by interrupt, once event channels work. */
int xen_console_ring_enable_rx(void);
int xen_console_io_enable_rx(void);
/* Drain the ring before the domain goes away (bounded, no interrupts). */
void xen_console_flush(void);

#endif
