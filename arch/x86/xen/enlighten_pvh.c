// SPDX-License-Identifier: GPL-2.0
/*
 * Xen PVH (the VP memory model): Tern entered through the same
 * XEN_ELFNOTE_PHYS32_ENTRY as a native boot, and Xen translates
 * guest-physical to machine addresses in hardware, so the cpu, irq and
 * mmu pv-ops stay native (pfn == gfn from the guest's view). What changes:
 *  - hypercalls: vmcall / vmmcall, by CPU vendor;
 *  - time: pvclock and the single-shot timer (arch/x86/xen/time.c);
 *  - interrupts: event channels, raised on an IDT vector registered
 *    with HVMOP_set_evtchn_upcall_vector (per vCPU, LAPIC-acked), or
 *    on older hypervisors the domain-wide HVM_PARAM_CALLBACK_IRQ vector;
 *  - console: console_io for dom0, the console ring for a domU;
 *  - interrupt controllers: the emulated LAPIC carries the upcall; a
 *    dom0 also has the IO-APICs Xen emulates, a domU none;
 *  - ACPI: parsed as natively; the PM timer is Xen's, and a domU's fixed
 *    hardware has no device model behind it;
 *  - shutdown: SCHEDOP_shutdown; a dom0 powers the machine off through
 *    XENPF_enter_acpi_sleep, as a PV dom0 does.
 *
 * xen_pvh_early_init() fills the platform ops (asm/x86_init.h) once;
 * setup_arch() then calls them in its fixed order.
 */
#include <tern/acpi.h>
#include <tern/console.h>
#include <tern/irq.h>
#include <tern/kernel.h>
#include <tern/mm.h>
#include <tern/printk.h>
#include <tern/xen/events.h>
#include <tern/xen/xen.h>
#include <tern/xen/xen_devices.h>
#include <tern/xen/xenstore.h>
#include <asm/apic.h>
#include <asm/page.h>
#include <asm/pv_ops.h>
#include <asm/reboot.h>
#include <asm/x86_init.h>
#include <asm/xen/hypercall.h>
#include <asm/xen/foreign.h>
#include <asm/xen/reservation.h>
#include <asm/xen/role.h>
#include <asm/xen/xen-ops.h>
#include <xen/hvm/hvm_op.h>
#include <xen/hvm/params.h>
#include <xen/memory.h>
#include <xen/vcpu.h>
#include <xen/sched.h>
#include "xen_smp.h"

static bool upcall_needs_eoi;
/* vCPU 0's per-vCPU upcall vector (0: the domain-wide one), for smp_pvh.c */
u8 xen_pvh_upcall_vector;

static void xen_pvh_poweroff(void);
static void xen_pvh_restart(void);
static void xen_pvh_init(void);
static void xen_pvh_intr_init(void);

void xen_pvh_early_init(u32 start_info_flags)
{
	bool dom0 = start_info_flags & SIF_INITDOMAIN;

	u32 a, b, c, d;

	native_cpuid(0, 0, &a, &b, &c, &d);
	/* "AuthenticAMD" / "HygonGenuine" use vmmcall, Intel vmcall */
	if ((b == 0x68747541 && d == 0x69746e65) ||
	    (b == 0x6f677948 && d == 0x6e65476e))
		xen_hypercall_fn = xen_hypercall_vmmcall;
	else
		xen_hypercall_fn = xen_hypercall_vmcall;
	xen_domain_type = XEN_PVH_DOMAIN;
	xen_start_info_flags = start_info_flags;
	xen_is_initial_domain = dom0;
	/* from here on a panic shuts the domain down through Xen */
	machine_ops.poweroff = xen_pvh_poweroff;
	machine_ops.restart = xen_pvh_restart;
	machine_ops.crash = xen_crash;

	x86_platform.name = dom0 ? "xen-pvh-dom0" : "xen-pvh-domu";
	x86_platform.memory_map = xen_platform_memory_map;
	x86_platform.hypervisor_init = xen_pvh_init;
	/* ACPI tables, CPUs from the MADT, PCI and MSI-X: as natively */
	x86_platform.acpi_policy = dom0 ? xen_acpi_policy_dom0 :
					  xen_acpi_policy_domu;
	/* CPU n is vCPU n, counted with VCPUOP_is_up, not the MADT */
	x86_platform.nr_cpus = xen_nr_vcpus;
	x86_platform.intr_init = xen_pvh_intr_init;
	/* dom0 sees the IO-APICs Xen emulates; a domU has none */
	x86_platform.device_intr_init = dom0 ? x86_ioapic_init_if_any :
					       x86_platform_nop;
	x86_platform.timer_init = xen_platform_timer_init;
	x86_platform.console_input_init = dom0 ? xen_console_input_init_dom0 :
						 xen_console_input_init_domu;
	x86_platform.devices_init = dom0 ? xen_dom0_devices_init :
					 xen_devices_init;
	x86_platform.hypercall_count = xen_hypercall_total;
	x86_platform.report_ready = xen_print_hypercall_counts;
	/*
	 * dom0 prints through Xen's console_io (a hypercall per line) from
	 * here on, instead of one trapped port write per character to 0xe9.
	 */
	if (dom0) {
		xen_console_io_init();
		console_select("hvc0,com1");
	}
}

static void map_shared_info(void)
{
	void *page = alloc_page(GFP_ZERO | GFP_DMA32);
	struct xen_add_to_physmap xatp = {
		.domid = DOMID_SELF,
		.space = XENMAPSPACE_shared_info,
		.idx = 0,
	};
	long rc;

	if (!page)
		panic("xen: no page for shared_info");
	xatp.gpfn = virt_to_phys(page) >> PAGE_SHIFT;
	rc = HYPERVISOR_memory_op(XENMEM_add_to_physmap, &xatp);
	if (rc)
		panic("xen: XENMEM_add_to_physmap(shared_info) failed: %ld", rc);
	xen_shared_info = page;
}

static void register_vcpu_info(void)
{
	struct vcpu_info *v = alloc_page(GFP_ZERO | GFP_DMA32);
	struct vcpu_register_vcpu_info info;
	long rc;

	xen_vcpu_info = &xen_shared_info->vcpu_info[0];
	if (!v)
		return;
	info.mfn = virt_to_phys(v) >> PAGE_SHIFT;
	info.offset = 0;
	info.rsvd = 0;
	rc = HYPERVISOR_vcpu_op(VCPUOP_register_vcpu_info, 0, &info);
	if (rc) {
		pr_warn("xen: VCPUOP_register_vcpu_info failed (%ld), using shared_info's\n",
			rc);
		free_page(v);
		return;
	}
	xen_vcpu_info = v;
}

static void upcall_handler(unsigned int irq, void *data)
{
	xen_evtchn_do_upcall();
}

static void upcall_eoi(unsigned int irq)
{
	if (upcall_needs_eoi)
		lapic_eoi();
}

static const struct irq_chip upcall_chip = {
	.name = "xen-upcall",
	.eoi = upcall_eoi,
};

static void setup_upcall_vector(void)
{
	struct xen_hvm_evtchn_upcall_vector uv = { .vcpu = 0 };
	struct xen_hvm_param p = {
		.domid = DOMID_SELF,
		.index = HVM_PARAM_CALLBACK_IRQ,
	};
	int irq = irq_alloc_dynamic();
	int vec;

	if (irq < 0)
		panic("xen: no IRQ for the event upcall");
	vec = alloc_irq_vector(irq);
	if (vec < 0)
		panic("xen: no vector for the event upcall");
	irq_set_chip(irq, &upcall_chip, NULL);
	if (request_irq(irq, upcall_handler, "xen-upcall", NULL))
		panic("xen: cannot install the event upcall");

	/*
	 * The domain-wide callback first, always: setting it is also what
	 * makes Xen latch the 64-bit shared_info layout for this domain
	 * (without it a domU reads the wallclock and the pending-selector
	 * words in the 32-bit layout). A per-vCPU vector, where Xen has
	 * one, then takes precedence.
	 */
	p.value = ((u64)HVM_PARAM_CALLBACK_TYPE_VECTOR << 56) | vec;
	if (HYPERVISOR_hvm_op(HVMOP_set_param, &p))
		panic("xen: cannot register an event upcall vector");
	uv.vector = vec;
	if (!HYPERVISOR_hvm_op(HVMOP_set_evtchn_upcall_vector, &uv)) {
		upcall_needs_eoi = true;
		xen_pvh_upcall_vector = vec;
		pr_info("xen: event upcall on vector %#x (per-vCPU)\n", vec);
		return;
	}
	pr_info("xen: event upcall on vector %#x (HVM_PARAM_CALLBACK_IRQ)\n",
		vec);
}

/* A domU's console ring (dom0 has had console_io since entry). */
static void setup_console(void)
{
	u64 pfn, port;

	if (xen_dom0())
		return;
	if (xen_hvm_get_param(HVM_PARAM_CONSOLE_PFN, &pfn) ||
	    xen_hvm_get_param(HVM_PARAM_CONSOLE_EVTCHN, &port) || !pfn) {
		pr_warn("xen: no console ring\n");
		return;
	}
	xen_console_ring_init(phys_to_virt(pfn << PAGE_SHIFT), port);
	/* Xen also logs port 0xe9 output: keep one copy of every line */
	console_select("hvc0,com1");
}

/* A domU's xenstore ring, for xen_devices_init() after the ready line. */
static void setup_store(void)
{
	u64 pfn, port;

	if (xen_dom0())
		return;
	if (xen_hvm_get_param(HVM_PARAM_STORE_PFN, &pfn) ||
	    xen_hvm_get_param(HVM_PARAM_STORE_EVTCHN, &port) || !pfn) {
		pr_warn("xen: no xenstore ring\n");
		return;
	}
	xenstore_set_ring(phys_to_virt(pfn << PAGE_SHIFT), port);
}

static void xen_pvh_poweroff(void)
{
	/* Xen only halts the machine when dom0 shuts down */
	if (xen_dom0())
		xen_acpi_poweroff(&acpi);
	xen_shutdown(SHUTDOWN_poweroff);
}

static void xen_pvh_restart(void)
{
	xen_shutdown(SHUTDOWN_reboot);
}

/* x86_platform.hypervisor_init, after mm_init: pages and the IRQ core. */
static void xen_pvh_init(void)
{
	map_shared_info();
	register_vcpu_info();
	xen_evtchn_init();
	setup_console();
	setup_store();
	xen_reservation = &xen_reservation_vp;
	xen_foreign = &xen_foreign_vp;
	xen_print_version();
	/* the whole group: the native one would use the LAPIC's IPIs */
	pv_ops.smp = (struct pv_smp_ops){
		.cpu_up = xen_pvh_cpu_up,
		.cpu_init = xen_pvh_cpu_init,
		.send_ipi = xen_send_ipi,
		.yield = xen_yield,
	};
}

/* x86_platform.intr_init of a domU, after ACPI: no IO-APIC. */
static void xen_pvh_intr_init(void)
{
	/* the upcall vector is delivered through the (emulated) local APIC */
	lapic_init(0xfee00000);
	setup_upcall_vector();
}

/* x86_platform.intr_init of dom0: also the IO-APICs Xen emulates. */

