// SPDX-License-Identifier: GPL-2.0
/*
 * Starting a secondary Xen vCPU, the step PV and PVH share
 * (smp_boot.h): the role files build the vCPU's initial context,
 * xen_vcpu_start() hands it to Xen and waits for the vCPU to say it is
 * online.
 *
 * Invariants:
 *  - CPU 0 never waits forever: the wait is bounded (XEN_CPU_UP_MS)
 *    and a vCPU that did not make it is taken down with VCPUOP_down,
 *    so it cannot run stray code later; smp_init() then leaves it out;
 *  - CPU 0 yields to Xen while it waits (SCHEDOP_yield): a domU often
 *    has fewer physical CPUs under it than vCPUs, and a busy CPU 0
 *    would only delay the vCPU it waits for;
 *  - every hypercall failure is logged with Xen's error code.
 */
#include <tern/compiler.h>
#include <tern/printk.h>
#include <tern/timer.h>
#include <asm/xen/hypercall.h>
#include <xen/sched.h>
#include <xen/vcpu.h>
#include "smp_boot.h"
#include "xen_smp.h"

#define XEN_CPU_UP_MS	2000

int xen_vcpu_start(struct cpu_data *c, void *ctxt)
{
	unsigned int id = c->hw_id;
	long rc;
	u64 t0;

	rc = xen_smp_bind_cpu(c);
	if (rc) {
		pr_err("xen: vCPU %u: cannot bind its event channels (%ld)\n",
		       id, rc);
		return rc;
	}
	rc = HYPERVISOR_vcpu_op(VCPUOP_initialise, id, ctxt);
	if (rc) {
		pr_err("xen: vCPU %u: VCPUOP_initialise failed (%ld)\n", id, rc);
		return rc;
	}
	rc = HYPERVISOR_vcpu_op(VCPUOP_up, id, NULL);
	if (rc) {
		pr_err("xen: vCPU %u: VCPUOP_up failed (%ld)\n", id, rc);
		return rc;
	}
	t0 = ktime_ns();
	while (!__atomic_load_n(&c->online, __ATOMIC_ACQUIRE)) {
		if (ktime_ns() - t0 > XEN_CPU_UP_MS * NSEC_PER_MSEC) {
			rc = HYPERVISOR_vcpu_op(VCPUOP_down, id, NULL);
			/* it may have made it in between: it is out now */
			__atomic_store_n(&c->online, false, __ATOMIC_RELEASE);
			pr_err("xen: vCPU %u not online after %u ms: taken down (%ld)\n",
			       id, XEN_CPU_UP_MS, rc);
			return -ETIMEDOUT;
		}
		HYPERVISOR_sched_op(SCHEDOP_yield, NULL);
	}
	return 0;
}
