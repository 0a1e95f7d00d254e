// SPDX-License-Identifier: GPL-2.0
/*
 * The native pv-ops backend: what runs on bare hardware and, for the
 * cpu and mmu groups, in a PVH guest. This is the static initial value
 * of pv_ops; Xen backends replace groups in early boot.
 */
#include <asm/pv_ops.h>
#include <asm/pgtable.h>
#include <asm/smpboot.h>
#include <tern/smp.h>

static void native_load_gdt(const struct desc_ptr *p)
{
	__asm__ __volatile__("lgdt %0" : : "m"(*p));
}

static void native_load_idt(const struct desc_ptr *p)
{
	__asm__ __volatile__("lidt %0" : : "m"(*p));
}

static void native_load_tr(u16 sel)
{
	__asm__ __volatile__("ltr %0" : : "r"(sel));
}

static pteval_t native_make_pte(phys_addr_t pa, pteval_t flags)
{
	return (pa & PTE_ADDR_MASK) | (flags & ~_PAGE_IOMAP);
}

static phys_addr_t native_pte_phys(pteval_t pte)
{
	return pte & PTE_ADDR_MASK;
}

static void native_set_entry(pteval_t *p, pteval_t v)
{
	WRITE_ONCE(*p, v);
}

static void native_pt_nop(phys_addr_t pa, int level)
{
}

/*
 * TLB shootdowns: a PTE this CPU changed may be cached by every other
 * CPU, so the flush runs here and then on each online CPU through a
 * cross-CPU call (IPIs: the LAPIC natively, event channels in a PVH
 * guest), waiting until all have flushed. Before the other CPUs come up
 * smp_call_others() returns at once.
 */
static void invlpg_here(void *va)
{
	__asm__ __volatile__("invlpg (%0)" : : "r"(va) : "memory");
}

static void flush_all_here(void *unused)
{
	native_write_cr3(native_read_cr3());
}

static void native_flush_tlb_one(unsigned long va)
{
	invlpg_here((void *)va);
	smp_call_others(invlpg_here, (void *)va);
}

static void native_flush_tlb_all(void)
{
	flush_all_here(NULL);
	smp_call_others(flush_all_here, NULL);
}

static void native_nop(void)
{
}

static u64 native_clock_none(void)
{
	return 0;
}

static void native_timer_none(u64 delta_ns)
{
}

struct pv_ops pv_ops = {
	.cpu = {
		.load_gdt = native_load_gdt,
		.load_idt = native_load_idt,
		.load_tr = native_load_tr,
		.set_kernel_stack = native_set_kernel_stack,
		.cpuid = native_cpuid,
		.read_cr2 = native_read_cr2,
		.read_cr3 = native_read_cr3,
		.write_cr3 = native_write_cr3,
		.rdmsr = native_rdmsr,
		.wrmsr = native_wrmsr,
	},
	.irq = {
		.save_fl = native_save_fl,
		.restore_fl = native_restore_fl,
		.irq_disable = native_irq_disable,
		.irq_enable = native_irq_enable,
		.safe_halt = native_safe_halt,
		.halt = native_halt,
	},
	.mmu = {
		.make_pte = native_make_pte,
		.pte_phys = native_pte_phys,
		.set_pte = native_set_entry,
		.set_pmd = native_set_entry,
		.set_pud = native_set_entry,
		.set_pgd = native_set_entry,
		.alloc_pt = native_pt_nop,
		.release_pt = native_pt_nop,
		.flush_tlb_one = native_flush_tlb_one,
		.flush_tlb_all = native_flush_tlb_all,
		.lazy_enter = native_nop,
		.lazy_leave = native_nop,
	},
	.time = {
		/* replaced by tsc_init() / the Xen clock once calibrated */
		.clock_name = "none",
		.clock_ns = native_clock_none,
		.set_next_event = native_timer_none,
	},
	/* INIT-SIPI-SIPI and LAPIC IPIs (smpboot.c); Xen replaces it */
	.smp = {
		.cpu_up = native_cpu_up,
		.cpu_init = native_cpu_init,
		.send_ipi = native_send_ipi,
	},
};
