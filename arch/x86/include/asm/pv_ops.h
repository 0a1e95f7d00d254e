/* SPDX-License-Identifier: GPL-2.0 */
/*
 * pv-ops: the privileged operations that differ between native hardware,
 * Xen PV and Xen PVH, as six tables of function pointers.
 *
 *   cpu   descriptor tables, control registers, MSRs, CPUID, kernel stack
 *   irq   the interrupt flag (native: EFLAGS.IF; PV: the vcpu_info
 *         upcall mask), halting
 *   mmu   every page-table write, TLB flushes, page-table page
 *         allocation (PV pins and write-protects them), the PTE encoding
 *         (PV stores machine frames), lazy batching
 *   time  the clock source and the one-shot timer
 *   smp   bringing a CPU up, its per-CPU set-up, IPIs (asm/smp.h)
 *   lock  what a spinlock waiter does after spinning a while, and how
 *         the unlocker wakes it (tern/spinlock.h): natively nothing
 *         (spin on); under Xen block on a per-CPU event channel
 *         (SCHEDOP_poll) and kick it
 *
 * The native versions are the static initialiser of pv_ops; a Xen
 * backend overwrites whole groups once, early in boot, before any other
 * CPU or interrupt exists. Generic code calls only through these
 * wrappers and never asks which mode it runs in.
 */
#ifndef _ASM_PV_OPS_H
#define _ASM_PV_OPS_H

#include <tern/types.h>
#include <asm/processor.h>
#include <asm/smp.h>

typedef u64 pteval_t;

struct pv_cpu_ops {
	void (*load_gdt)(const struct desc_ptr *p);
	void (*load_idt)(const struct desc_ptr *p);
	void (*load_tr)(u16 sel);
	void (*set_kernel_stack)(u64 sp0);
	void (*cpuid)(u32 leaf, u32 sub, u32 *a, u32 *b, u32 *c, u32 *d);
	u64 (*read_cr2)(void);
	u64 (*read_cr3)(void);
	void (*write_cr3)(u64 v);
	u64 (*rdmsr)(u32 msr);
	void (*wrmsr)(u32 msr, u64 v);
};

struct pv_irq_ops {
	unsigned long (*save_fl)(void);	/* only X86_EFLAGS_IF matters */
	void (*restore_fl)(unsigned long f);
	void (*irq_disable)(void);
	void (*irq_enable)(void);
	/*
	 * Called with interrupts disabled, after the caller checked its
	 * wake-up condition: enable them and wait for one, atomically (an
	 * interrupt pending in between ends the wait at once), no timeout.
	 * Native: sti; hlt. Xen PV: SCHEDOP_block with events masked.
	 */
	void (*safe_halt)(void);
	void (*halt)(void);
};

struct pv_mmu_ops {
	/* Encode/decode a PTE: PV translates pfn <-> mfn here. */
	pteval_t (*make_pte)(phys_addr_t pa, pteval_t flags);
	phys_addr_t (*pte_phys)(pteval_t pte);
	/* Write one entry of a page table at any level. */
	void (*set_pte)(pteval_t *ptep, pteval_t val);
	void (*set_pmd)(pteval_t *pmdp, pteval_t val);
	void (*set_pud)(pteval_t *pudp, pteval_t val);
	void (*set_pgd)(pteval_t *pgdp, pteval_t val);
	/* A page becomes (or stops being) a page table of this level (1-4). */
	void (*alloc_pt)(phys_addr_t pa, int level);
	void (*release_pt)(phys_addr_t pa, int level);
	void (*flush_tlb_one)(unsigned long va);
	void (*flush_tlb_all)(void);
	/* Batch updates between enter and leave (PV: multicalls). */
	void (*lazy_enter)(void);
	void (*lazy_leave)(void);
	/* Xen PV: page tables hold no PSE (2 MiB / 1 GiB) leaves. */
	bool no_large_pages;
	/*
	 * Xen PV: the direct and kernel maps cover only pfns this answers
	 * true for (frames of the domain); NULL (native, PVH): everything
	 * below the end of the memory map.
	 */
	bool (*pfn_is_ram)(unsigned long pfn);
};

struct pv_time_ops {
	const char *clock_name;
	u64 (*clock_ns)(void);			/* monotonic, since boot */
	/* Arm the one-shot timer to fire delta_ns from now. */
	void (*set_next_event)(u64 delta_ns);
};

struct pv_lock_ops {
	/*
	 * The caller spun a while for a held lock: wait until it may be
	 * free (a kick, or a bounded time: waking for nothing is fine).
	 * NULL: keep spinning (native).
	 */
	void (*wait)(const void *lock);
	/* `lock` was freed and somebody waits: wake one waiter. */
	void (*kick)(const void *lock);
};

struct pv_ops {
	struct pv_cpu_ops cpu;
	struct pv_irq_ops irq;
	struct pv_mmu_ops mmu;
	struct pv_time_ops time;
	struct pv_smp_ops smp;
	struct pv_lock_ops lock;
};

extern struct pv_ops pv_ops;

/* Native backends used outside pv_ops_native.c. */
void native_set_kernel_stack(u64 sp0);

static inline unsigned long local_irq_save(void)
{
	unsigned long f = pv_ops.irq.save_fl();

	pv_ops.irq.irq_disable();
	return f;
}

static inline void local_irq_restore(unsigned long f)
{
	pv_ops.irq.restore_fl(f);
}

static inline void local_irq_disable(void)
{
	pv_ops.irq.irq_disable();
}

static inline void local_irq_enable(void)
{
	pv_ops.irq.irq_enable();
}

/*
 * Halting for generic code (the idle waits, the end of a panic): the
 * wrappers every architecture provides, here pv_ops.irq's.
 */
static inline void safe_halt(void)
{
	pv_ops.irq.safe_halt();
}

static inline void halt(void)
{
	pv_ops.irq.halt();
}

static inline bool irqs_disabled(void)
{
	return !(pv_ops.irq.save_fl() & X86_EFLAGS_IF);
}

/* Were interrupts off when local_irq_save() returned f? */
static inline bool irqs_disabled_flags(unsigned long f)
{
	return !(f & X86_EFLAGS_IF);
}

static inline void cpuid(u32 leaf, u32 *a, u32 *b, u32 *c, u32 *d)
{
	pv_ops.cpu.cpuid(leaf, 0, a, b, c, d);
}

#endif
