// SPDX-License-Identifier: GPL-2.0
/*
 * Event channels -> IRQs, 2-level ABI.
 *
 * Xen signals a port by setting its bit in shared_info->evtchn_pending;
 * if the port is not masked it also sets the port's word in this vCPU's
 * evtchn_pending_sel and evtchn_upcall_pending, and raises the upcall
 * (PVH: an interrupt vector; PV: the event callback; Arm: a PPI,
 * arch/arm64/xen/events.c). The upcall walks
 * sel -> pending & ~mask and dispatches each port's IRQ.
 *
 * Invariants:
 *  - evtchn_to_irq[] and irq_port[] are inverse maps of bound ports.
 *  - A port is acknowledged (its pending bit cleared) before its handler
 *    runs, so an event raised during the handler re-triggers.
 *  - A masked port that becomes pending keeps its pending bit; unmask
 *    goes through EVTCHNOP_unmask, which makes Xen deliver it then.
 *  - Pending bits are only cleared by delivery. Binding a port that
 *    already exists (the console ring's, set up by the toolstack, may
 *    have been notified long before we listen) leaves its pending bit
 *    alone, and an event on a port nobody has bound yet only masks it:
 *    the first unmask, by request_irq(), delivers what is pending.
 *  - Shared-memory words are read once per pass (READ_ONCE).
 *  - Several vCPUs: a port notifies the vCPU it is bound to (Xen sets
 *    that vCPU's selector). port_cpu[] says which CPU that is (0 unless
 *    bound elsewhere: bind_ipi_to_irqhandler, evtchn_bind_to_cpu), and
 *    an upcall handles only its own CPU's ports; another CPU's port seen
 *    in a shared word stays pending for its owner. The pending bitmap is
 *    changed with locked instructions only. Binding and unbinding run on
 *    CPU 0.
 *
 * Physical IRQs (dom0). Xen names a physical interrupt source (a GSI,
 * an MSI-X entry) by a pirq, created with PHYSDEVOP_map_pirq by the
 * caller. xen_pirq_attach() gives the pirq an IRQ number: the GSI's own
 * number for a GSI, so that request_irq(gsi) means the same line as
 * natively, or a dynamic one for MSI-X. The event channel is bound
 * (EVTCHNOP_bind_pirq) on the first unmask, i.e. by request_irq(), so
 * Xen only enables the source once somebody handles it, and it stays
 * bound until xen_pirq_detach(). Xen holds a level-triggered line (and,
 * without the pirq EOI bitmap, any pirq it reports as needing it)
 * masked after delivering it until PHYSDEVOP_eoi: the chip's eoi does
 * that after the handler, the port itself is never masked by delivery.
 */
#include <tern/irq.h>
#include <tern/monitor.h>
#include <tern/printk.h>
#include <tern/smp.h>
#include <tern/xen/events.h>
#include <tern/xen/xen.h>
#include <asm/bitops.h>
#include <asm/pv_ops.h>
#include <asm/xen/hypercall.h>
#include <xen/physdev.h>

#define BITS_PER_WORD	64
#define NR_PORTS	(BITS_PER_WORD * BITS_PER_WORD)
#define NO_IRQ		0xffff
#define NO_PORT		0xffffffffu

enum evtchn_kind {
	EVT_NONE, EVT_VIRQ, EVT_INTERDOMAIN, EVT_PORT, EVT_PIRQ, EVT_IPI
};

static u16 evtchn_to_irq[NR_PORTS];
static u8 port_cpu[NR_PORTS];		/* the CPU the port notifies */
static struct {
	u32 port;		/* NO_PORT: a pirq not bound yet */
	u8 kind;
	bool needs_eoi;		/* pirq: PHYSDEVOP_eoi after each event */
	bool dynamic;		/* pirq: the IRQ number was allocated here */
	u32 pirq;
} irq_info[NR_IRQS];
static u64 upcalls;
static u64 pirq_eois;

static volatile unsigned long *pending_words(void)
{
	return (volatile unsigned long *)xen_shared_info->evtchn_pending;
}

static volatile unsigned long *mask_words(void)
{
	return (volatile unsigned long *)xen_shared_info->evtchn_mask;
}

unsigned int evtchn_max_ports(void)
{
	return NR_PORTS;
}

bool evtchn_is_pending(evtchn_port_t port)
{
	return port < NR_PORTS && test_bit(port, pending_words());
}

bool evtchn_is_masked(evtchn_port_t port)
{
	return port >= NR_PORTS || test_bit(port, mask_words());
}

void evtchn_mask(evtchn_port_t port)
{
	if (port < NR_PORTS)
		set_bit(port, mask_words());
}

void evtchn_clear_pending(evtchn_port_t port)
{
	if (port < NR_PORTS)
		clear_bit(port, pending_words());
}

void evtchn_unmask(evtchn_port_t port)
{
	struct evtchn_unmask op = { .port = port };

	if (port >= NR_PORTS)
		return;
	/* Xen clears the mask and, if the port is pending, raises the upcall */
	HYPERVISOR_event_channel_op(EVTCHNOP_unmask, &op);
}

int evtchn_from_irq(unsigned int irq)
{
	if (irq >= NR_IRQS || irq_info[irq].kind == EVT_NONE ||
	    irq_info[irq].port == NO_PORT)
		return -ENOENT;
	return irq_info[irq].port;
}

int irq_from_evtchn(evtchn_port_t port)
{
	if (port >= NR_PORTS || evtchn_to_irq[port] == NO_IRQ)
		return -ENOENT;
	return evtchn_to_irq[port];
}

static void evtchn_irq_mask(unsigned int irq)
{
	evtchn_mask(irq_info[irq].port);
}

static void evtchn_irq_unmask(unsigned int irq)
{
	evtchn_unmask(irq_info[irq].port);
}

static int evtchn_irq_set_affinity(unsigned int irq, unsigned int cpu)
{
	/* an IPI's port belongs to its vCPU: Xen refuses to move it */
	if (irq_info[irq].kind == EVT_IPI)
		return -EINVAL;
	return evtchn_bind_to_cpu(irq, cpu);
}

static const struct irq_chip evtchn_chip = {
	.name = "xen-evtchn",
	.mask = evtchn_irq_mask,
	.unmask = evtchn_irq_unmask,
	.set_affinity = evtchn_irq_set_affinity,
};

void notify_remote_via_evtchn(evtchn_port_t port)
{
	struct evtchn_send op = { .port = port };

	HYPERVISOR_event_channel_op(EVTCHNOP_send, &op);
}

int evtchn_alloc_unbound(domid_t remote, evtchn_port_t *port)
{
	struct evtchn_alloc_unbound op = {
		.dom = DOMID_SELF,
		.remote_dom = remote,
	};
	long rc = HYPERVISOR_event_channel_op(EVTCHNOP_alloc_unbound, &op);

	if (rc)
		return rc;
	*port = op.port;
	return 0;
}

void evtchn_close(evtchn_port_t port)
{
	struct evtchn_close op = { .port = port };

	HYPERVISOR_event_channel_op(EVTCHNOP_close, &op);
}

/* Give a fresh port an IRQ number and a handler; the port starts masked. */
static int bind_port(evtchn_port_t port, u8 kind, irq_handler_t handler,
		     const char *name, void *data)
{
	int irq, err;

	if (port >= NR_PORTS) {
		pr_err("xen: event channel %u beyond the 2-level limit\n", port);
		return -ERANGE;
	}
	if (evtchn_to_irq[port] != NO_IRQ)
		return -EBUSY;
	irq = irq_alloc_dynamic();
	if (irq < 0)
		return irq;
	/* masked until request_irq() unmasks it; pending stays pending */
	evtchn_mask(port);
	irq_info[irq].port = port;
	irq_info[irq].kind = kind;
	evtchn_to_irq[port] = irq;
	irq_set_chip(irq, &evtchn_chip, NULL);
	err = request_irq(irq, handler, name, data);
	if (err) {
		evtchn_to_irq[port] = NO_IRQ;
		irq_info[irq].kind = EVT_NONE;
		irq_free_dynamic(irq);
		return err;
	}
	return irq;
}

/* A fresh port Xen bound to cpu's vCPU: its IRQ, or the port is closed. */
static int bind_port_on_cpu(evtchn_port_t port, unsigned int cpu, u8 kind,
			    irq_handler_t handler, const char *name, void *data)
{
	int irq;

	if (port >= NR_PORTS) {
		evtchn_close(port);
		return -ERANGE;
	}
	port_cpu[port] = cpu;
	irq = bind_port(port, kind, handler, name, data);
	if (irq < 0) {
		port_cpu[port] = 0;
		evtchn_close(port);
	}
	return irq;
}

int bind_virq_cpu_to_irqhandler(unsigned int virq, unsigned int cpu,
				irq_handler_t handler, const char *name,
				void *data)
{
	struct evtchn_bind_virq op = { .virq = virq };
	long rc;

	if (cpu >= NR_CPUS)
		return -EINVAL;
	op.vcpu = cpu_data[cpu].hw_id;
	rc = HYPERVISOR_event_channel_op(EVTCHNOP_bind_virq, &op);
	if (rc)
		return rc;
	return bind_port_on_cpu(op.port, cpu, EVT_VIRQ, handler, name, data);
}

int bind_virq_to_irqhandler(unsigned int virq, irq_handler_t handler,
			    const char *name, void *data)
{
	return bind_virq_cpu_to_irqhandler(virq, 0, handler, name, data);
}

int bind_ipi_to_irqhandler(unsigned int cpu, irq_handler_t handler,
			   const char *name, void *data)
{
	struct evtchn_bind_ipi op;
	long rc;

	if (cpu >= NR_CPUS)
		return -EINVAL;
	op.vcpu = cpu_data[cpu].hw_id;
	rc = HYPERVISOR_event_channel_op(EVTCHNOP_bind_ipi, &op);
	if (rc)
		return rc;
	return bind_port_on_cpu(op.port, cpu, EVT_IPI, handler, name, data);
}

int evtchn_bind_to_cpu(unsigned int irq, unsigned int cpu)
{
	struct evtchn_bind_vcpu op;
	unsigned long flags;
	int port = evtchn_from_irq(irq);
	long rc;

	if (port < 0)
		return port;
	if (cpu >= NR_CPUS || !cpu_online(cpu))
		return -ENODEV;
	op.port = port;
	op.vcpu = cpu_data[cpu].hw_id;
	/* masked while it moves, so neither CPU sees it half-way */
	flags = local_irq_save();
	evtchn_mask(port);
	rc = HYPERVISOR_event_channel_op(EVTCHNOP_bind_vcpu, &op);
	if (!rc)
		port_cpu[port] = cpu;
	if (irq_to_desc(irq)->handler)
		evtchn_unmask(port);
	local_irq_restore(flags);
	return rc;
}

int evtchn_cpu(unsigned int irq)
{
	int port = evtchn_from_irq(irq);

	return port < 0 ? port : port_cpu[port];
}

int bind_evtchn_to_irqhandler(evtchn_port_t port, irq_handler_t handler,
			      const char *name, void *data)
{
	return bind_port(port, EVT_PORT, handler, name, data);
}

int bind_interdomain_evtchn_to_irqhandler(domid_t remote,
					  evtchn_port_t remote_port,
					  irq_handler_t handler,
					  const char *name, void *data)
{
	struct evtchn_bind_interdomain op = {
		.remote_dom = remote,
		.remote_port = remote_port,
	};
	long rc = HYPERVISOR_event_channel_op(EVTCHNOP_bind_interdomain, &op);
	int irq;

	if (rc)
		return rc;
	irq = bind_port(op.local_port, EVT_INTERDOMAIN, handler, name, data);
	if (irq < 0)
		evtchn_close(op.local_port);
	return irq;
}

void unbind_from_irqhandler(unsigned int irq)
{
	int port = evtchn_from_irq(irq);

	if (port < 0 || irq_info[irq].kind == EVT_PIRQ)
		return;
	free_irq(irq);		/* masks the port */
	evtchn_to_irq[port] = NO_IRQ;
	port_cpu[port] = 0;
	irq_info[irq].kind = EVT_NONE;
	irq_free_dynamic(irq);
	evtchn_close(port);
}

/* ---- physical IRQs ---- */

static void pirq_eoi(unsigned int irq)
{
	struct physdev_eoi op = { .irq = irq_info[irq].pirq };

	if (!irq_info[irq].needs_eoi)
		return;
	pirq_eois++;
	HYPERVISOR_physdev_op(PHYSDEVOP_eoi, &op);
}

/* Bind the pirq's event channel (masked; the unmask delivers). */
static int pirq_bind(unsigned int irq)
{
	struct evtchn_bind_pirq bind = {
		.pirq = irq_info[irq].pirq,
		.flags = BIND_PIRQ__WILL_SHARE,
	};
	struct physdev_irq_status_query q = { .irq = irq_info[irq].pirq };
	long rc = HYPERVISOR_event_channel_op(EVTCHNOP_bind_pirq, &bind);

	if (rc) {
		pr_err("xen: EVTCHNOP_bind_pirq(pirq %u) for IRQ %u failed (%ld)\n",
		       bind.pirq, irq, rc);
		return rc;
	}
	if (bind.port >= NR_PORTS || evtchn_to_irq[bind.port] != NO_IRQ) {
		pr_err("xen: pirq %u got unusable port %u\n", bind.pirq,
		       bind.port);
		evtchn_close(bind.port);
		return -ERANGE;
	}
	evtchn_mask(bind.port);
	irq_info[irq].port = bind.port;
	evtchn_to_irq[bind.port] = irq;
	/* without the EOI bitmap Xen asks for an EOI after every event */
	irq_info[irq].needs_eoi =
		HYPERVISOR_physdev_op(PHYSDEVOP_irq_status_query, &q) ||
		(q.flags & XENIRQSTAT_needs_eoi);
	return 0;
}

static void pirq_unmask(unsigned int irq)
{
	bool fresh = irq_info[irq].port == NO_PORT;

	if (fresh && pirq_bind(irq))
		return;
	evtchn_unmask(irq_info[irq].port);
	/* a line Xen masked before we listened is released here */
	if (fresh)
		pirq_eoi(irq);
}

static void pirq_mask(unsigned int irq)
{
	if (irq_info[irq].port != NO_PORT)
		evtchn_mask(irq_info[irq].port);
}

/*
 * A pirq's event channel moves like any other (EVTCHNOP_bind_vcpu); Xen
 * moves the physical interrupt's affinity with it. Only once bound (the
 * channel exists from request_irq() on).
 */
static int pirq_set_affinity(unsigned int irq, unsigned int cpu)
{
	if (irq_info[irq].port == NO_PORT)
		return -EAGAIN;
	return evtchn_bind_to_cpu(irq, cpu);
}

static const struct irq_chip pirq_chip = {
	.name = "xen-pirq",
	.mask = pirq_mask,
	.unmask = pirq_unmask,
	.eoi = pirq_eoi,
	.set_affinity = pirq_set_affinity,
};

int xen_pirq_attach(unsigned int pirq, int irq)
{
	struct irq_desc *d;

	if (irq < 0) {
		irq = irq_alloc_dynamic();
		if (irq < 0)
			return irq;
	} else if (irq >= NR_GSI_IRQS) {
		return -EINVAL;
	}
	d = irq_to_desc(irq);
	if (irq_info[irq].kind != EVT_NONE || (irq < NR_GSI_IRQS && d->chip)) {
		if (irq_info[irq].kind == EVT_PIRQ &&
		    irq_info[irq].pirq == pirq)
			return irq;	/* the same GSI again: shared line */
		return -EBUSY;
	}
	irq_info[irq].kind = EVT_PIRQ;
	irq_info[irq].port = NO_PORT;
	irq_info[irq].pirq = pirq;
	irq_info[irq].needs_eoi = true;
	irq_info[irq].dynamic = irq >= NR_GSI_IRQS;
	irq_set_chip(irq, &pirq_chip, NULL);
	return irq;
}

void xen_pirq_detach(unsigned int irq)
{
	u32 port;

	if (irq >= NR_IRQS || irq_info[irq].kind != EVT_PIRQ)
		return;
	free_irq(irq);
	port = irq_info[irq].port;
	if (port != NO_PORT) {
		evtchn_mask(port);
		evtchn_to_irq[port] = NO_IRQ;
		evtchn_close(port);	/* unbinds the pirq in Xen */
	}
	irq_info[irq].kind = EVT_NONE;
	irq_info[irq].port = NO_PORT;
	irq_set_chip(irq, NULL, NULL);
	if (irq_info[irq].dynamic)
		irq_free_dynamic(irq);
}

int xen_irq_to_pirq(unsigned int irq)
{
	if (irq >= NR_IRQS || irq_info[irq].kind != EVT_PIRQ)
		return -ENOENT;
	return irq_info[irq].pirq;
}

u64 xen_pirq_eoi_count(void)
{
	return pirq_eois;
}

static void handle_port(evtchn_port_t port)
{
	unsigned int irq = evtchn_to_irq[port];

	if (irq == NO_IRQ) {
		/* nobody listens yet: keep it quiet, keep it pending */
		evtchn_mask(port);
		irq_spurious_count++;
		return;
	}
	clear_bit(port, pending_words());
	generic_handle_irq(irq);
}

void xen_evtchn_do_upcall(void)
{
	struct vcpu_info *v = xen_vcpu_info;
	unsigned int cpu = smp_processor_id();

	__atomic_fetch_add(&upcalls, 1, __ATOMIC_RELAXED);
	this_cpu()->irqs++;
	do {
		unsigned long sel;

		WRITE_ONCE(v->evtchn_upcall_pending, 0);
		sel = xchg_ulong((volatile unsigned long *)&v->evtchn_pending_sel,
				 0);
		while (sel) {
			unsigned int w = __ffs(sel);
			unsigned long pend;

			sel &= sel - 1;
			pend = READ_ONCE(pending_words()[w]) &
			       ~READ_ONCE(mask_words()[w]);
			while (pend) {
				unsigned int b = __ffs(pend);

				pend &= pend - 1;
				if (port_cpu[w * BITS_PER_WORD + b] == cpu)
					handle_port(w * BITS_PER_WORD + b);
			}
		}
	} while (READ_ONCE(v->evtchn_upcall_pending));
}

u64 xen_upcall_count(void)
{
	return upcalls;
}

void xen_evtchn_init(void)
{
	unsigned int i;

	for (i = 0; i < NR_PORTS; i++) {
		evtchn_to_irq[i] = NO_IRQ;
		set_bit(i, mask_words());
	}
}

/* Monitor: every bound port with its IRQ and count. */
static void evtchn_print(void)
{
	unsigned int port;

	if (!xen_shared_info) {
		printk("evtchn: not running on Xen\n");
		return;
	}
	printk("port  irq  cpu count      pending masked name\n");
	for (port = 0; port < NR_PORTS; port++) {
		unsigned int irq = evtchn_to_irq[port];
		struct irq_desc *d;

		if (irq == NO_IRQ)
			continue;
		d = irq_to_desc(irq);
		printk("%4u  %3u  %3u %-10llu %-7u %-6u %s\n", port, irq,
		       port_cpu[port], d->count,
		       evtchn_is_pending(port), evtchn_is_masked(port),
		       d->name ? d->name : "-");
	}
	printk("upcalls: %llu\n", upcalls);
}
MONITOR_CMD(evtchn_cmd, "evtchn", "event channels: port, IRQ, count",
	    evtchn_print);

static void virq_debug(unsigned int irq, void *data)
{
	evtchn_print();
}

/* Xen's debug key ('q' on Xen's console) also dumps our ports. */
void xen_evtchn_bind_debug(void)
{
	if (bind_virq_to_irqhandler(VIRQ_DEBUG, virq_debug, "virq-debug",
				    NULL) < 0)
		pr_warn("xen: cannot bind VIRQ_DEBUG\n");
}
