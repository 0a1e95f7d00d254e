/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Event channels as IRQs (drivers/xen/events.c). Every bound port gets a
 * number in the IRQ core: physical IRQs (dom0) keep their GSI number,
 * everything else takes a dynamic number. Handlers run like any other
 * interrupt handler; the port is cleared before the handler runs, so an
 * event that arrives during the handler is not lost.
 */
#ifndef _TERN_XEN_EVENTS_H
#define _TERN_XEN_EVENTS_H

#include <tern/irq.h>
#include <xen/event_channel.h>

int bind_virq_to_irqhandler(unsigned int virq, irq_handler_t handler,
			    const char *name, void *data);
/* A per-vCPU VIRQ (VIRQ_TIMER) for CPU cpu: its IRQ runs there. */
int bind_virq_cpu_to_irqhandler(unsigned int virq, unsigned int cpu,
				irq_handler_t handler, const char *name,
				void *data);
int bind_evtchn_to_irqhandler(evtchn_port_t port, irq_handler_t handler,
			      const char *name, void *data);
int bind_interdomain_evtchn_to_irqhandler(domid_t remote,
					  evtchn_port_t remote_port,
					  irq_handler_t handler,
					  const char *name, void *data);
/*
 * An IPI channel to CPU cpu (EVTCHNOP_bind_ipi for its vCPU): its IRQ
 * runs there. EVTCHNOP_send from any CPU raises it.
 */
int bind_ipi_to_irqhandler(unsigned int cpu, irq_handler_t handler,
			   const char *name, void *data);
/* Move an event channel's IRQ to another online CPU (EVTCHNOP_bind_vcpu). */
int evtchn_bind_to_cpu(unsigned int irq, unsigned int cpu);
/* The CPU an event channel's IRQ runs on, or a negative errno. */
int evtchn_cpu(unsigned int irq);
/* Free the IRQ and close the port. */
void unbind_from_irqhandler(unsigned int irq);

int evtchn_from_irq(unsigned int irq);		/* -ENOENT if unbound */
int irq_from_evtchn(evtchn_port_t port);
void notify_remote_via_evtchn(evtchn_port_t port);
int evtchn_alloc_unbound(domid_t remote, evtchn_port_t *port);
void evtchn_close(evtchn_port_t port);

/*
 * dom0 physical IRQs (the pirq is the caller's PHYSDEVOP_map_pirq
 * result). Attach gives the pirq IRQ number irq (a GSI: the line keeps
 * its native number) or a dynamic one when irq < 0, with a chip whose
 * first unmask (request_irq) binds the event channel and whose eoi is
 * PHYSDEVOP_eoi. Returns the IRQ or a negative errno (-EBUSY: the number
 * is taken by something else). Detach frees the IRQ, closes the port
 * (Xen unbinds the pirq) and releases a dynamic number; unmapping the
 * pirq is the caller's.
 */
int xen_pirq_attach(unsigned int pirq, int irq);
void xen_pirq_detach(unsigned int irq);
int xen_irq_to_pirq(unsigned int irq);		/* -ENOENT if not a pirq */
u64 xen_pirq_eoi_count(void);

/* Called from the upcall (any entry path), interrupts disabled. */
void xen_evtchn_do_upcall(void);
void xen_evtchn_init(void);
/* Bind VIRQ_DEBUG to a dump of the ports (after the timer is up). */
void xen_evtchn_bind_debug(void);
u64 xen_upcall_count(void);

/* For tests and the monitor. */
bool evtchn_is_pending(evtchn_port_t port);
bool evtchn_is_masked(evtchn_port_t port);
void evtchn_mask(evtchn_port_t port);
void evtchn_unmask(evtchn_port_t port);
void evtchn_clear_pending(evtchn_port_t port);
unsigned int evtchn_max_ports(void);

#endif
