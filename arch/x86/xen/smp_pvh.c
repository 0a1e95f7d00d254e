// SPDX-License-Identifier: GPL-2.0
/*
 * Xen PVH: starting a secondary vCPU (pv_ops.smp.cpu_up/cpu_init).
 *
 * A PVH vCPU is an HVM vCPU, but it is not started through its LAPIC
 * (INIT-SIPI-SIPI and a real-mode trampoline): VCPUOP_initialise with a
 * vcpu_hvm_context in VCPU_HVM_MODE_64B puts it straight into long mode
 * with CPU 0's paging state (cr0, cr4, EFER read on CPU 0, the kernel's
 * cr3: guest-physical, Xen translates), %rip = xen_pvh_secondary_entry,
 * %rdi = its cpu_data, %rsp = its stack, RFLAGS.IF clear.
 *
 * CPU 0 prepares what Xen needs before the vCPU runs:
 *  - its vcpu_info, a zeroed page of ours (VCPUOP_register_vcpu_info,
 *    as enlighten_pvh.c does for vCPU 0; the pvclock is read there),
 *    in c->vcpu_info; shared_info's slot when Xen refuses (vCPUs < 32);
 *  - its event upcall: where Xen has per-vCPU upcall vectors
 *    (HVMOP_set_evtchn_upcall_vector), the vector vCPU 0 got, so an
 *    event for this vCPU reaches the same IRQ handler; otherwise the
 *    domain-wide HVM_PARAM_CALLBACK_IRQ vector already covers it.
 * The vCPU itself, in xen_pvh_cpu_init() (interrupts still off):
 *  - the descriptor tables: Xen gives none. The entry loaded a flat
 *    GDT; CPU 0's IDT (read-only, shared) is loaded so an interrupt or
 *    exception is handled, then cpu_desc_init() (desc.c) gives the CPU
 *    its own GDT, TSS and IDT;
 *  - its local APIC (Xen's emulated one): software-enabled, or the
 *    upcall vector would never be delivered (and is EOIed there).
 *
 * One vcpu_hvm_context serves every vCPU: smp_init() starts them one
 * at a time on CPU 0, and Xen copies it at VCPUOP_initialise.
 */
#include <tern/mm.h>
#include <tern/printk.h>
#include <tern/string.h>
#include <tern/xen/xen.h>
#include <asm/apic.h>
#include <asm/page.h>
#include <asm/processor.h>
#include <asm/traps.h>
#include <asm/xen/hypercall.h>
#include <asm/xen/xen-ops.h>
#include <xen/hvm/hvm_op.h>
#include <xen/hvm/hvm_vcpu.h>
#include <xen/vcpu.h>
#include "smp_boot.h"
#include "xen_smp.h"

#define MSR_EFER		0xc0000080

static struct vcpu_hvm_context pvh_ctxt;
static struct desc_ptr cpu0_idt;

static struct vcpu_info *pvh_vcpu_info(unsigned int id)
{
	struct vcpu_info *v = alloc_page(GFP_ZERO | GFP_DMA32);
	struct vcpu_register_vcpu_info info = { 0 };
	long rc = -ENOMEM;

	if (v) {
		info.mfn = virt_to_phys(v) >> PAGE_SHIFT;
		rc = HYPERVISOR_vcpu_op(VCPUOP_register_vcpu_info, id, &info);
		if (!rc)
			return v;
		free_page(v);
	}
	if (id < XEN_LEGACY_MAX_VCPUS) {
		pr_warn("xen: vCPU %u: VCPUOP_register_vcpu_info failed (%ld), using shared_info's\n",
			id, rc);
		return &xen_shared_info->vcpu_info[id];
	}
	pr_err("xen: vCPU %u: VCPUOP_register_vcpu_info failed (%ld)\n", id,
	       rc);
	return NULL;
}

int xen_pvh_cpu_up(struct cpu_data *c)
{
	struct vcpu_hvm_x86_64 *r = &pvh_ctxt.cpu_regs.x86_64;
	struct xen_hvm_evtchn_upcall_vector uv = {
		.vcpu = c->hw_id,
		.vector = xen_pvh_upcall_vector,
	};
	long rc;

	c->vcpu_info = pvh_vcpu_info(c->hw_id);
	if (!c->vcpu_info)
		return -ENOMEM;
	if (uv.vector) {
		rc = HYPERVISOR_hvm_op(HVMOP_set_evtchn_upcall_vector, &uv);
		if (rc) {
			pr_err("xen: vCPU %u: HVMOP_set_evtchn_upcall_vector failed (%ld)\n",
			       c->hw_id, rc);
			return rc;
		}
	}
	__asm__ __volatile__("sidt %0" : "=m"(cpu0_idt));

	memset(&pvh_ctxt, 0, sizeof(pvh_ctxt));
	pvh_ctxt.mode = VCPU_HVM_MODE_64B;
	r->rip = (unsigned long)xen_pvh_secondary_entry;
	r->rdi = (unsigned long)c;
	r->rsp = c->stack_top;
	r->rflags = 0x2;		/* IF clear */
	r->cr0 = native_read_cr0();
	r->cr3 = c->cr3;
	r->cr4 = native_read_cr4();
	r->efer = pv_ops.cpu.rdmsr(MSR_EFER);
	return xen_vcpu_start(c, &pvh_ctxt);
}

void xen_pvh_cpu_init(struct cpu_data *c)
{
	pv_ops.cpu.load_idt(&cpu0_idt);
	cpu_desc_init(c->cpu);
	lapic_ap_init();
}
