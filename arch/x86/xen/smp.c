// SPDX-License-Identifier: GPL-2.0
/*
 * Xen SMP for PV and PVH alike: IPIs as event channels and the
 * paravirtual spinlock slow path (the roles' vCPU bring-up is in
 * smp_pv.c and smp_pvh.c).
 *
 * IPIs: every CPU gets one channel per ipi_kind, bound with
 * EVTCHNOP_bind_ipi to its vCPU and given an IRQ like any other event
 * channel (so the `irqs`/`evtchn` monitor commands count them); sending
 * is EVTCHNOP_send on the target's channel, from any CPU.
 *
 * Lock kick: one more bind_ipi channel per CPU, kept masked and without
 * a handler: a waiter does not want an upcall, only to wake from
 * SCHEDOP_poll, which returns when the polled port is pending whether
 * or not it is masked. wait(): publish the lock in this CPU's cpu_data,
 * clear the port's pending bit, re-check the lock, poll with a timeout
 * (POLL_TIMEOUT_NS: a kick lost to a race costs at most that, never a
 * hang). kick(): claim one CPU that published the lock and send on its
 * port. The ordering argument is in kernel/spinlock.c.
 */
#include <tern/printk.h>
#include <tern/smp.h>
#include <tern/spinlock.h>
#include <tern/xen/events.h>
#include <tern/xen/xen.h>
#include <asm/pv_ops.h>
#include <asm/xen/hypercall.h>
#include <asm/xen/xen-ops.h>
#include <xen/sched.h>
#include "xen_smp.h"

#define POLL_TIMEOUT_NS	(1000ULL * 1000)

static int ipi_port[NR_CPUS][NR_IPIS];
static evtchn_port_t kick_port[NR_CPUS];
static bool kick_bound[NR_CPUS];

static void ipi_call(unsigned int irq, void *data)
{
	smp_ipi_handler(IPI_CALL);
}

static void ipi_ping(unsigned int irq, void *data)
{
	smp_ipi_handler(IPI_PING);
}

static void ipi_wake(unsigned int irq, void *data)
{
	smp_ipi_handler(IPI_WAKE);
}

static const struct {
	irq_handler_t fn;
	const char *name;
} ipi_handlers[NR_IPIS] = {
	[IPI_CALL] = { ipi_call, "ipi-call" },
	[IPI_PING] = { ipi_ping, "ipi-ping" },
	[IPI_WAKE] = { ipi_wake, "ipi-wake" },
};

int xen_smp_bind_cpu(struct cpu_data *c)
{
	struct evtchn_bind_ipi op = { .vcpu = c->hw_id };
	unsigned int k;
	int irq;

	if (c->cpu >= NR_CPUS)
		return -EINVAL;
	for (k = 0; k < NR_IPIS; k++) {
		irq = bind_ipi_to_irqhandler(c->cpu, ipi_handlers[k].fn,
					     ipi_handlers[k].name, NULL);
		if (irq < 0) {
			pr_err("xen: cannot bind the %s channel of vCPU %u (%d)\n",
			       ipi_handlers[k].name, c->hw_id, irq);
			return irq;
		}
		ipi_port[c->cpu][k] = evtchn_from_irq(irq);
	}
	/* its timer: VIRQ_TIMER is per vCPU (CPU 0's is xen_time_init's) */
	if (c->cpu && xen_timer_bind_cpu(c->cpu))
		return -EIO;
	if (HYPERVISOR_event_channel_op(EVTCHNOP_bind_ipi, &op)) {
		pr_warn("xen: no lock-kick channel for vCPU %u: its lock waits spin\n",
			c->hw_id);
		return 0;
	}
	evtchn_mask(op.port);
	kick_port[c->cpu] = op.port;
	kick_bound[c->cpu] = true;
	return 0;
}

void xen_send_ipi(unsigned int cpu, enum ipi_kind ipi)
{
	if (cpu >= NR_CPUS || ipi >= NR_IPIS || !ipi_port[cpu][ipi])
		return;
	notify_remote_via_evtchn(ipi_port[cpu][ipi]);
}

void xen_yield(void)
{
	HYPERVISOR_sched_op(SCHEDOP_yield, NULL);
}

static void xen_lock_wait(const void *lock)
{
	struct cpu_data *c = this_cpu();
	evtchn_port_t port = kick_port[c->cpu];
	struct sched_poll poll = {
		.nr_ports = 1,
	};

	if (!kick_bound[c->cpu])
		return;
	__atomic_store_n(&c->lock_wait, lock, __ATOMIC_SEQ_CST);
	evtchn_clear_pending(port);
	if (!spin_lock_free(lock)) {
		set_xen_guest_handle(poll.ports, &port);
		poll.timeout = xen_system_time_ns() + POLL_TIMEOUT_NS;
		HYPERVISOR_sched_op(SCHEDOP_poll, &poll);
	}
	__atomic_store_n(&c->lock_wait, NULL, __ATOMIC_RELEASE);
}

/*
 * Wake one CPU waiting for lock, round robin from the last one woken (no
 * waiter is passed over for ever); a waiter is claimed (its lock_wait
 * cleared) before it is kicked, so it gets one kick per wait, however
 * often the lock is freed meanwhile.
 */
static void xen_lock_kick(const void *lock)
{
	static unsigned int next;
	unsigned int i, n = nr_cpus_present;

	for (i = 0; i < n; i++) {
		unsigned int cpu = (next + i) % n;
		const void *want = lock;

		if (__atomic_compare_exchange_n(&cpu_data[cpu].lock_wait, &want,
						NULL, false, __ATOMIC_SEQ_CST,
						__ATOMIC_RELAXED)) {
			next = cpu + 1;
			if (kick_bound[cpu])
				notify_remote_via_evtchn(kick_port[cpu]);
			return;
		}
	}
}

void xen_smp_init(void)
{
	if (xen_smp_bind_cpu(&cpu_data[0]))
		pr_err("xen: IPIs to CPU 0 are not bound\n");
	if (opt_nopvspin) {
		pr_info("xen: nopvspin: spinlock waiters spin\n");
		return;
	}
	pv_ops.lock.wait = xen_lock_wait;
	pv_ops.lock.kick = xen_lock_kick;
}
