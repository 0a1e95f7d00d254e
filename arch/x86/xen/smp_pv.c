// SPDX-License-Identifier: GPL-2.0
/*
 * Xen PV: starting a secondary vCPU (pv_ops.smp.cpu_up/cpu_init).
 *
 * A PV vCPU has no reset state to boot from: CPU 0 describes it
 * completely in a vcpu_guest_context and Xen loads that at VCPUOP_up.
 * What the new vCPU gets is what CPU 0 set up for itself at entry
 * (enlighten_pv.c), so both run in the same environment:
 *  - kernel mode (VGCF_in_kernel) on Xen's flat GDT (gdt_ents 0: Tern
 *    never installs a GDT under PV) with the FLAT_KERNEL selectors;
 *  - the kernel's top-level table as cr3, by machine frame; Xen checks
 *    it is a validated L4, which it is: CPU 0 pinned it (mmu_pv.c);
 *  - the same trap table and event/failsafe callbacks (they are per
 *    vCPU in Xen; the failsafe one masks events, as CPU 0 registered
 *    it);
 *  - %rip = xen_pv_secondary_entry, %rdi = its cpu_data, %rsp =
 *    kernel_sp = its stack (smp_init() allocated it; plain RAM, mapped
 *    read-write in the direct map);
 *  - "interrupts off": under PV that is evtchn_upcall_mask in the
 *    vcpu's vcpu_info, which Xen leaves as it finds it. cpu_up sets it
 *    to 1 and points c->vcpu_info at it before VCPUOP_up, so the
 *    interrupt-flag pv-ops work from the vCPU's first C instruction.
 *    vCPUs below XEN_LEGACY_MAX_VCPUS use shared_info's slot; the
 *    others get a page of their own (VCPUOP_register_vcpu_info).
 * No FPU state is given: Tern uses no FPU/SSE, Xen gives the vCPU its
 * default one.
 *
 * One vcpu_guest_context (5 KiB) serves every vCPU: smp_init() starts
 * them one at a time on CPU 0, and Xen copies it at VCPUOP_initialise.
 */
#include <tern/mm.h>
#include <tern/printk.h>
#include <tern/string.h>
#include <tern/xen/xen.h>
#include <asm/page.h>
#include <asm/xen/hypercall.h>
#include <asm/xen/p2m.h>
#include <xen/vcpu.h>
#include "entry_pv.h"
#include "pv_hw.h"
#include "smp_boot.h"
#include "xen_smp.h"

static struct vcpu_guest_context pv_ctxt;

/* This vCPU's vcpu_info, masked; NULL when Xen refused a page. */
static struct vcpu_info *pv_vcpu_info(unsigned int id)
{
	struct vcpu_register_vcpu_info info = { 0 };
	struct vcpu_info *v;
	long rc;

	if (id < XEN_LEGACY_MAX_VCPUS) {
		v = &xen_shared_info->vcpu_info[id];
		WRITE_ONCE(v->evtchn_upcall_mask, 1);
		return v;
	}
	v = alloc_page(GFP_ZERO);
	if (!v)
		return NULL;
	v->evtchn_upcall_mask = 1;
	info.mfn = pfn_to_mfn(virt_to_phys(v) >> PAGE_SHIFT);
	rc = HYPERVISOR_vcpu_op(VCPUOP_register_vcpu_info, id, &info);
	if (rc) {
		pr_err("xen: vCPU %u: VCPUOP_register_vcpu_info failed (%ld)\n",
		       id, rc);
		free_page(v);
		return NULL;
	}
	return v;
}

int xen_pv_cpu_up(struct cpu_data *c)
{
	struct vcpu_guest_context *g = &pv_ctxt;
	unsigned int v;

	c->vcpu_info = pv_vcpu_info(c->hw_id);
	if (!c->vcpu_info)
		return -ENOMEM;

	memset(g, 0, sizeof(*g));
	g->flags = VGCF_in_kernel | VGCF_failsafe_disables_events;
	g->user_regs.rip = (unsigned long)xen_pv_secondary_entry;
	g->user_regs.rdi = (unsigned long)c;
	g->user_regs.rsp = c->stack_top;
	g->user_regs.cs = FLAT_KERNEL_CS;
	g->user_regs.ss = FLAT_KERNEL_SS;
	g->user_regs.ds = FLAT_KERNEL_DS;
	g->user_regs.es = FLAT_KERNEL_DS;
	g->user_regs.rflags = 0x2;	/* Xen keeps IF: the mask is the flag */
	for (v = 0; xen_pv_traps[v].address; v++)
		g->trap_ctxt[xen_pv_traps[v].vector] = xen_pv_traps[v];
	g->gdt_ents = 0;
	g->kernel_ss = FLAT_KERNEL_SS;
	g->kernel_sp = c->stack_top;
	g->ctrlreg[3] = xen_pfn_to_cr3(pfn_to_mfn(c->cr3 >> PAGE_SHIFT));
	g->event_callback_eip = (unsigned long)xen_pv_hypervisor_callback;
	g->failsafe_callback_eip = (unsigned long)xen_pv_failsafe_callback;
	g->gs_base_kernel = (unsigned long)c;
	return xen_vcpu_start(c, g);
}

/*
 * On the new vCPU: its kernel stack for traps from user mode (none yet),
 * and the I/O privilege, which Xen keeps per vCPU (dom0's port I/O, e.g.
 * PCI configuration through 0xCF8, from any CPU).
 */
void xen_pv_cpu_init(struct cpu_data *c)
{
	pv_ops.cpu.set_kernel_stack(c->stack_top);
	xen_pv_iopl_secondary();
}
