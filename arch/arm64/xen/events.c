// SPDX-License-Identifier: GPL-2.0
/*
 * Event channels on Xen on Arm: what the shared 2-level code
 * (drivers/xen/events.c) needs from arm64, set up once the GIC is up.
 *
 * - shared_info: Xen on Arm maps no shared_info page for a guest; the
 *   guest asks for it (XENMEM_add_to_physmap, XENMAPSPACE_shared_info,
 *   idx 0) at the guest frame of a page of its own RAM, as Linux does.
 *   Our page is shared_info_page in .bss: RAM, identity mapped (virtual
 *   = physical), so its address is its gfn. For the 1:1 dom0 this page
 *   stops being P==M: Xen replaces the machine frame behind the gfn with
 *   its own shared_info page, so the page is never used for DMA (nothing
 *   but shared_info lives in it).
 * - vcpu_info: VCPUOP_register_vcpu_info puts vCPU 0's vcpu_info in
 *   vcpu_info_area[0] (ours, cache-line aligned, so it never crosses a
 *   page, which Xen refuses), found by the generic code through
 *   cpu_data[0].vcpu_info (xen_vcpu_info).
 * - the upcall: Xen raises one PPI per vCPU whenever it sets
 *   evtchn_upcall_pending, its INTID given by /hypervisor's interrupts
 *   (Xen allocates it for dom0; a domU has the guest ABI's, 31). It is
 *   bound through the GICv3 driver to a handler that runs
 *   xen_evtchn_do_upcall(); the GIC's EOI follows the handler, which
 *   loops until upcall_pending stays clear, so nothing raised during
 *   the walk is lost.
 *
 * Order (invariant): shared_info before xen_evtchn_init() (which masks
 * every port in it), both before vcpu_info is registered and the PPI
 * is requested; all before start_kernel() enables interrupts and before
 * anything binds a port.
 */
#include <tern/irq.h>
#include <tern/printk.h>
#include <tern/xen/events.h>
#include <tern/xen/xen.h>
#include <asm/page.h>
#include <asm/setup.h>
#include <asm/smp.h>
#include <asm/xen/hypercall.h>
#include <asm/xen/xen-ops.h>
#include <xen/memory.h>
#include <xen/vcpu.h>

#define VCPU_INFO_ALIGN		64

BUILD_BUG_ON(sizeof(struct vcpu_info) > VCPU_INFO_ALIGN);

struct shared_info *xen_shared_info;

static u8 shared_info_page[PAGE_SIZE] __aligned(PAGE_SIZE);
static struct vcpu_info vcpu_info_area[NR_CPUS] __aligned(VCPU_INFO_ALIGN);

static int map_shared_info(void)
{
	struct xen_add_to_physmap xatp = {
		.domid = DOMID_SELF,
		.space = XENMAPSPACE_shared_info,
		.idx = 0,
		.gpfn = virt_to_phys(shared_info_page) >> PAGE_SHIFT,
	};
	long rc = HYPERVISOR_memory_op(XENMEM_add_to_physmap, &xatp);

	if (rc)
		return rc;
	xen_shared_info = (struct shared_info *)shared_info_page;
	return 0;
}

static int register_vcpu_info(unsigned int cpu)
{
	struct vcpu_info *v = &vcpu_info_area[cpu];
	u64 pa = virt_to_phys(v);
	struct vcpu_register_vcpu_info info = {
		.mfn = pa >> PAGE_SHIFT,	/* a gfn on Arm */
		.offset = pa & (PAGE_SIZE - 1),
	};
	long rc = HYPERVISOR_vcpu_op(VCPUOP_register_vcpu_info,
				     cpu_data[cpu].hw_id, &info);

	if (rc)
		return rc;
	cpu_data[cpu].vcpu_info = v;
	return 0;
}

static void xen_upcall_irq(unsigned int irq, void *data)
{
	xen_evtchn_do_upcall();
}

int xen_arm_events_init(u32 intid)
{
	int ret, irq;

	if (!xen_arm_present())
		return -ENODEV;
	ret = map_shared_info();
	if (ret) {
		pr_err("xen: XENMEM_add_to_physmap(shared_info) failed (%d): no event channels\n",
		       ret);
		return ret;
	}
	xen_evtchn_init();
	cpu_data[0].hw_id = 0;
	ret = register_vcpu_info(0);
	if (ret) {
		pr_err("xen: VCPUOP_register_vcpu_info failed (%d): no event channels\n",
		       ret);
		xen_shared_info = NULL;
		return ret;
	}
	irq = gic_request_intid(intid, false, xen_upcall_irq, "xen-upcall",
				NULL);
	if (irq < 0) {
		pr_err("xen: event channel PPI INTID %u: %d: no event channels\n",
		       intid, irq);
		xen_shared_info = NULL;
		return irq;
	}
	pr_info("xen: event channels (2-level) on INTID %u (IRQ %d), shared_info at gfn %#llx\n",
		intid, irq, (u64)virt_to_phys(shared_info_page) >> PAGE_SHIFT);
	return 0;
}
