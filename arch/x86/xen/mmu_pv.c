// SPDX-License-Identifier: GPL-2.0
/*
 * pv_ops.mmu for Xen PV: the guest owns its page tables but may not
 * write them. Xen validates every table it is asked to use.
 *
 * Rules Xen enforces, and how Tern follows them:
 *  - PTEs hold machine frames: make_pte() translates pfn -> mfn through
 *    the P2M and pte_phys() back through the M2P. A _PAGE_IOMAP entry
 *    names a machine frame and is installed untranslated, always (and
 *    decoded as the machine frame): that is what ioremap() and
 *    xen_pv_map_mfn() ask for.
 *  - A page-table page must not be mapped writable anywhere. Every pfn
 *    that holds a table is marked (pt tracking below); set_pte() strips _PAGE_RW
 *    from any leaf that maps one, and alloc_pt() write-protects the
 *    existing aliases (direct map, kernel image) with
 *    update_va_mapping. release_pt() makes them writable again.
 *  - Entries of live tables are written with mmu_update (ptr = machine
 *    address of the entry). In lazy mode leaf updates are queued, 32 at
 *    a time, and issued as one multicall (with any queued INVLPGs);
 *    upper-level entries are never deferred, because the table walkers
 *    read them back at once.
 *  - The root is pinned (MMUEXT_PIN_L4_TABLE) and loaded with
 *    MMUEXT_NEW_BASEPTR; cr3 itself is never touched.
 *
 * Two phases. Until paging_init's write_cr3, Tern runs on Xen's bootstrap
 * tables and builds its own in pool pages that nothing has validated
 * yet, so they are written directly. The first write_cr3 then
 * (1) removes _PAGE_RW from every mapping of a table page in the new
 * tree, (2) write-protects the pool pages in the bootstrap mapping,
 * (3) pins and loads the new root. From then on (mmu_live) every write
 * goes through Xen. Xen's bootstrap tables are marked too (they stay
 * typed as tables), and their pfns stay reserved.
 */
#include <tern/printk.h>
#include <tern/string.h>
#include <tern/mm.h>
#include <tern/smp.h>
#include <asm/bitops.h>
#include <asm/page.h>
#include <asm/pgtable.h>
#include <asm/pv_ops.h>
#include <asm/xen/page.h>
#include <asm/xen/p2m.h>
#include "pv_hw.h"

#define MMU_BATCH	32
/* bits Xen adds to 64-bit PV leaves: _PAGE_USER and _PAGE_GUEST_KERNEL */
#define XEN_ADDED_BITS	(_PAGE_USER | (1UL << 52))
#define EARLY_PT_MAX	128

static bool mmu_live;
static u64 cur_cr3;
static u64 boot_map_end;
static unsigned long boot_pt_pfn, boot_pt_nr;

static bool lazy;
static struct mmu_update mmu_q[MMU_BATCH];
static unsigned int mmu_qn;
static struct mmuext_op ext_q[MMU_BATCH];
static unsigned int ext_qn;

/*
 * Page-table pages. Before the page allocator exists the only tables
 * are Xen's bootstrap tables (a pfn range) and pool pages of
 * paging_init (a short list). The first mark once the allocator runs
 * moves everything into a bitmap over every RAM pfn the P2M layout
 * has (alloc_pages gives only mapped pages until the direct map is
 * complete): no fixed ceiling, whatever Xen gives the domain.
 */
static unsigned long early_pt[EARLY_PT_MAX];
static unsigned int early_pt_nr;
static unsigned long *pt_bits;
static unsigned long pt_bits_nr;	/* pfns covered */

static bool early_is_pt(unsigned long pfn)
{
	unsigned int i;

	if (pfn - boot_pt_pfn < boot_pt_nr)
		return true;
	for (i = 0; i < early_pt_nr; i++)
		if (early_pt[i] == pfn)
			return true;
	return false;
}

bool xen_pv_pfn_is_pt(unsigned long pfn)
{
	if (!pt_bits)
		return early_is_pt(pfn);
	return pfn < pt_bits_nr && test_bit(pfn, pt_bits);
}

static void pt_bits_alloc(void)
{
	unsigned long nr = xen_p2m_end_pfn(), pfn;
	unsigned int i, pages = DIV_ROUND_UP(DIV_ROUND_UP(nr, 64) * 8,
					     PAGE_SIZE);

	pt_bits = alloc_pages(pages, GFP_ZERO);	/* mapped: mm's limit */
	if (!pt_bits)
		panic("xen: no %u pages for the page-table bitmap", pages);
	pt_bits_nr = nr;
	for (pfn = boot_pt_pfn; pfn < boot_pt_pfn + boot_pt_nr; pfn++)
		if (pfn < nr)
			set_bit(pfn, pt_bits);
	for (i = 0; i < early_pt_nr; i++)
		if (early_pt[i] < nr)
			set_bit(early_pt[i], pt_bits);
}

int xen_pv_pt_track(unsigned long end)
{
	unsigned long words = DIV_ROUND_UP(end, 64), *bits, *old, flags;
	unsigned int pages = DIV_ROUND_UP(words * 8, PAGE_SIZE), old_pages;

	if (!pt_bits)
		pt_bits_alloc();
	if (end <= pt_bits_nr)
		return 0;
	/* as pt_bits_alloc() sized it */
	old_pages = DIV_ROUND_UP(DIV_ROUND_UP(pt_bits_nr, 64) * 8, PAGE_SIZE);
	bits = alloc_pages(pages, GFP_ZERO);
	if (!bits)
		return -ENOMEM;
	flags = local_irq_save();
	old = pt_bits;
	memcpy(bits, old, DIV_ROUND_UP(pt_bits_nr, 64) * 8);
	pt_bits = bits;
	pt_bits_nr = end;
	local_irq_restore(flags);
	free_pages(old, old_pages);
	return 0;
}

static void mark_pt(unsigned long pfn, bool on)
{
	unsigned int i;

	if (!pt_bits && kernel_pages.total_pages)
		pt_bits_alloc();
	if (pt_bits) {
		if (pfn >= pt_bits_nr)
			panic("xen: page-table page pfn %#lx is not RAM (RAM ends at %#lx)",
			      pfn, pt_bits_nr);
		if (on)
			set_bit(pfn, pt_bits);
		else
			clear_bit(pfn, pt_bits);
		return;
	}
	for (i = 0; i < early_pt_nr && early_pt[i] != pfn; i++)
		;
	if (on && i == early_pt_nr) {
		if (early_pt_nr == EARLY_PT_MAX)
			panic("xen: more than %u page tables before mm_init",
			      EARLY_PT_MAX);
		early_pt[early_pt_nr++] = pfn;
	} else if (!on && i < early_pt_nr) {
		early_pt[i] = early_pt[--early_pt_nr];
	}
}

u64 xen_pv_boot_map_end(void)
{
	return boot_map_end;
}

static u64 machine_addr(const void *p)
{
	phys_addr_t pa = virt_to_phys(p);

	return ((u64)pfn_to_mfn(pa >> PAGE_SHIFT) << PAGE_SHIFT) |
	       (pa & ~PAGE_MASK);
}

/* ---- PTE encoding ---- */

static pteval_t xen_make_pte(phys_addr_t pa, pteval_t flags)
{
	unsigned long pfn = pa >> PAGE_SHIFT;
	unsigned long mfn = flags & _PAGE_IOMAP ? pfn : pfn_to_mfn(pfn);

	if (mfn == INVALID_P2M_ENTRY)
		panic("xen: mapping pfn %#lx, which has no machine frame", pfn);
	return (((pteval_t)mfn << PAGE_SHIFT) & PTE_ADDR_MASK) | flags;
}

static phys_addr_t xen_pte_phys(pteval_t pte)
{
	unsigned long mfn = (pte & PTE_ADDR_MASK) >> PAGE_SHIFT;
	unsigned long pfn = pte & _PAGE_IOMAP ? mfn : mfn_to_pfn(mfn);

	/* not ours: report the machine frame rather than a lie */
	if (pfn == INVALID_P2M_ENTRY)
		pfn = mfn;
	return (phys_addr_t)pfn << PAGE_SHIFT;
}

/* ---- batching ---- */

static void flush_queue(void)
{
	struct multicall_entry mc[2];
	unsigned int n = 0, i;
	long rc;

	memset(mc, 0, sizeof(mc));
	if (mmu_qn) {
		mc[n].op = __HYPERVISOR_mmu_update;
		mc[n].args[0] = (unsigned long)mmu_q;
		mc[n].args[1] = mmu_qn;
		mc[n].args[3] = DOMID_SELF;
		n++;
	}
	if (ext_qn) {
		mc[n].op = __HYPERVISOR_mmuext_op;
		mc[n].args[0] = (unsigned long)ext_q;
		mc[n].args[1] = ext_qn;
		mc[n].args[3] = DOMID_SELF;
		n++;
	}
	if (!n)
		return;
	rc = HYPERVISOR_multicall(mc, n);
	for (i = 0; i < n; i++)
		if (rc || mc[i].result)
			panic("xen: batched MMU update failed (multicall %ld, op %lu: %ld)",
			      rc, (unsigned long)mc[i].op, (long)mc[i].result);
	mmu_qn = 0;
	ext_qn = 0;
}

static void mmu_write(pteval_t *p, pteval_t v, bool may_defer)
{
	struct mmu_update u;
	long rc;

	if (!mmu_live) {
		WRITE_ONCE(*p, v);
		return;
	}
	if (lazy && may_defer) {
		mmu_q[mmu_qn].ptr = machine_addr(p) | MMU_NORMAL_PT_UPDATE;
		mmu_q[mmu_qn].val = v;
		if (++mmu_qn == MMU_BATCH)
			flush_queue();
		return;
	}
	if (lazy)
		flush_queue();
	u.ptr = machine_addr(p) | MMU_NORMAL_PT_UPDATE;
	u.val = v;
	rc = HYPERVISOR_mmu_update(&u, 1, NULL, DOMID_SELF);
	if (rc)
		panic("xen: mmu_update of the entry at %p to %#llx refused (%ld)",
		      p, (unsigned long long)v, rc);
}

static void mmuext(unsigned int cmd, unsigned long arg, bool may_defer)
{
	struct mmuext_op op;
	long rc;

	memset(&op, 0, sizeof(op));
	op.cmd = cmd;
	op.arg1.linear_addr = arg;	/* or .mfn: the same word */
	if (lazy && may_defer) {
		ext_q[ext_qn++] = op;
		if (ext_qn == MMU_BATCH)
			flush_queue();
		return;
	}
	if (lazy)
		flush_queue();
	rc = HYPERVISOR_mmuext_op(&op, 1, NULL, DOMID_SELF);
	if (rc)
		panic("xen: mmuext_op %u (%#lx) refused (%ld)", cmd, arg, rc);
}

/* ---- entries ---- */

/*
 * Before the first switch the new tree is plain memory and
 * protect_new_tables() removes RW from every alias of a table page in
 * it, so the per-entry check (an M2P read and a lookup) waits until then.
 */
static void xen_set_pte(pteval_t *p, pteval_t v)
{
	if (mmu_live &&
	    (v & (_PAGE_PRESENT | _PAGE_RW | _PAGE_IOMAP)) ==
	    (_PAGE_PRESENT | _PAGE_RW) &&
	    xen_pv_pfn_is_pt(mfn_to_pfn((v & PTE_ADDR_MASK) >> PAGE_SHIFT)))
		v &= ~_PAGE_RW;
	mmu_write(p, v, true);
}

static void xen_set_upper(pteval_t *p, pteval_t v)
{
	mmu_write(p, v, false);
}

/* A table page as the kernel can read it in the current phase. */
static pteval_t *table_va(phys_addr_t pa)
{
	if (mmu_live)
		return phys_to_virt(pa);
	return (pteval_t *)(uintptr_t)(pa + KERNEL_VMA);
}

/* The leaf entry for va under root, or NULL (no tables, or a PSE leaf). */
static pteval_t *soft_walk(phys_addr_t root, unsigned long va)
{
	pteval_t *t = table_va(root);
	int level;

	for (level = 4; level > 1; level--) {
		pteval_t e = t[pt_index(va, level)];

		if (!(e & _PAGE_PRESENT) || (e & _PAGE_PSE))
			return NULL;
		t = table_va(xen_pte_phys(e));
	}
	return &t[pt_index(va, 1)];
}

/* Make every live mapping of the page at pa read-only or writable. */
static void set_aliases_rw(phys_addr_t pa, bool rw)
{
	unsigned long va[KERNEL_NR_ALIASES];
	unsigned int i;

	kernel_aliases(pa, va);
	for (i = 0; i < ARRAY_SIZE(va); i++) {
		pteval_t *pte = va[i] ? soft_walk(cur_cr3, va[i]) : NULL;
		pteval_t old, nv;
		long rc;

		if (!pte || !(*pte & _PAGE_PRESENT))
			continue;
		old = *pte & ~XEN_ADDED_BITS;
		nv = rw ? old | _PAGE_RW : old & ~_PAGE_RW;
		if (nv == old)
			continue;
		rc = HYPERVISOR_update_va_mapping(va[i], nv, UVMF_INVLPG);
		if (rc)
			panic("xen: cannot make %#lx %s (%ld)", va[i],
			      rw ? "writable" : "read-only", rc);
	}
}

static void xen_alloc_pt(phys_addr_t pa, int level)
{
	mark_pt(pa >> PAGE_SHIFT, true);
	if (!mmu_live)
		return;
	if (lazy)
		flush_queue();
	set_aliases_rw(pa, false);
}

static void xen_release_pt(phys_addr_t pa, int level)
{
	mark_pt(pa >> PAGE_SHIFT, false);
	if (!mmu_live)
		return;
	if (lazy)
		flush_queue();
	set_aliases_rw(pa, true);
}

/*
 * TLB shootdowns: with other vCPUs online a flush is for all of them,
 * one hypercall (MMUEXT_INVLPG_MULTI / TLB_FLUSH_MULTI with the online
 * vCPUs' mask), no IPI. The mask only grows, so a deferred op that
 * points at it stays right.
 */
static unsigned long online_vcpus[NR_CPUS / 64];

static bool flush_others(unsigned int cmd, unsigned long va)
{
	struct mmuext_op op;
	unsigned int cpu, n = 0;

	/* one vCPU (most domains): no scan on every flush */
	if (!smp_others_started())
		return false;
	for (cpu = 1; cpu < NR_CPUS; cpu++)
		if (cpu_online(cpu)) {
			set_bit(cpu_data[cpu].hw_id, online_vcpus);
			n++;
		}
	if (!n)
		return false;
	set_bit(this_cpu()->hw_id, online_vcpus);
	set_bit(cpu_data[0].hw_id, online_vcpus);
	memset(&op, 0, sizeof(op));
	op.cmd = cmd;
	op.arg1.linear_addr = va;
	set_xen_guest_handle(op.arg2.vcpumask, online_vcpus);
	if (lazy) {
		ext_q[ext_qn++] = op;
		if (ext_qn == MMU_BATCH)
			flush_queue();
		return true;
	}
	if (HYPERVISOR_mmuext_op(&op, 1, NULL, DOMID_SELF))
		panic("xen: mmuext_op %u (%#lx) on %u vCPUs refused", cmd, va,
		      n + 1);
	return true;
}

static void xen_flush_tlb_one(unsigned long va)
{
	if (mmu_live && !flush_others(MMUEXT_INVLPG_MULTI, va))
		mmuext(MMUEXT_INVLPG_LOCAL, va, true);
}

static void xen_flush_tlb_all(void)
{
	if (mmu_live && !flush_others(MMUEXT_TLB_FLUSH_MULTI, 0))
		mmuext(MMUEXT_TLB_FLUSH_LOCAL, 0, true);
}

static void xen_lazy_enter(void)
{
	lazy = true;
}

static void xen_lazy_leave(void)
{
	flush_queue();
	lazy = false;
}

/* ---- switching to Tern's own tables ---- */

static void uvm_batch_issue(struct multicall_entry *mc, unsigned int n)
{
	long rc = HYPERVISOR_multicall(mc, n);
	unsigned int i;

	for (i = 0; i < n; i++)
		if (rc || mc[i].result)
			panic("xen: cannot write-protect table page %#lx (%ld/%ld)",
			      (unsigned long)mc[i].args[0], rc, (long)mc[i].result);
}

/*
 * Steps (1) and (2) of the first switch. Before it the only tables are
 * the pool pages in early_pt[] and Xen's bootstrap tables (read-only in
 * Xen's mapping already, but mapped by the new tree too).
 * All of (1) comes first: it writes into tables that (2) protects.
 */
static void protect_new_tables(phys_addr_t root)
{
	struct multicall_entry mc[MMU_BATCH];
	unsigned int n = 0, i, j;

	/*
	 * (1) the new tree is still plain memory: edit it directly, for the
	 * pool pages and for Xen's bootstrap tables (the kernel map covers
	 * them)
	 */
	for (i = 0; i < early_pt_nr + boot_pt_nr; i++) {
		unsigned long pfn = i < early_pt_nr ? early_pt[i] :
				    boot_pt_pfn + (i - early_pt_nr);
		unsigned long va[KERNEL_NR_ALIASES];

		kernel_aliases((phys_addr_t)pfn << PAGE_SHIFT, va);
		for (j = 0; j < ARRAY_SIZE(va); j++) {
			pteval_t *pte = va[j] ? soft_walk(root, va[j]) : NULL;

			if (pte && (*pte & _PAGE_RW))
				WRITE_ONCE(*pte, *pte & ~_PAGE_RW);
		}
	}
	/* (2) the bootstrap mapping of the new tables, batched */
	for (i = 0; i < early_pt_nr; i++) {
		unsigned long pfn = early_pt[i];
		phys_addr_t pa = (phys_addr_t)pfn << PAGE_SHIFT;

		if (pa >= boot_map_end)
			continue;
		memset(&mc[n], 0, sizeof(mc[n]));
		mc[n].op = __HYPERVISOR_update_va_mapping;
		mc[n].args[0] = KERNEL_VMA + pa;
		mc[n].args[1] = ((u64)pfn_to_mfn(pfn) << PAGE_SHIFT) |
				_PAGE_PRESENT | _PAGE_ACCESSED;
		mc[n].args[2] = UVMF_INVLPG;
		if (++n == MMU_BATCH) {
			uvm_batch_issue(mc, n);
			n = 0;
		}
	}
	if (n)
		uvm_batch_issue(mc, n);
}

u64 xen_pv_read_cr3(void)
{
	return cur_cr3;
}

void xen_pv_write_cr3(u64 pa)
{
	unsigned long mfn = pfn_to_mfn(pa >> PAGE_SHIFT);
	unsigned long old_mfn = pfn_to_mfn(cur_cr3 >> PAGE_SHIFT);
	bool first = !mmu_live;

	if (mmu_live && pa == cur_cr3) {
		mmuext(MMUEXT_TLB_FLUSH_LOCAL, 0, false);
		return;
	}
	if (first)
		protect_new_tables(pa);
	mmuext(MMUEXT_PIN_L4_TABLE, mfn, false);
	mmuext(MMUEXT_NEW_BASEPTR, mfn, false);
	if (first) {
		/*
		 * Drop Xen's bootstrap tables: while pinned they keep writable
		 * mappings of the first MiBs, and such a page could never
		 * become one of our page tables.
		 */
		mmuext(MMUEXT_UNPIN_TABLE, old_mfn, false);
	}
	cur_cr3 = pa;
	/* the P2M list stays mapped: the kernel map covers the boot area */
	mmu_live = true;
}

/* ---- frames that are not pseudo-physical RAM ---- */

int xen_pv_map_mfn(unsigned long va, unsigned long mfn, pteval_t flags)
{
	return map_page(va, (phys_addr_t)mfn << PAGE_SHIFT,
			flags | _PAGE_IOMAP);
}

/* ---- RAM frames swapped with Xen (XENMEM_exchange) ---- */

int xen_pv_set_ram_mapping(unsigned long pfn, unsigned long mfn)
{
	unsigned long va[KERNEL_NR_ALIASES];
	pteval_t v = 0;
	unsigned int i;

	kernel_aliases((phys_addr_t)pfn << PAGE_SHIFT, va);
	if (!mmu_live || !xen_pfn_is_ram(pfn))
		return -EINVAL;
	if (xen_pv_pfn_is_pt(pfn))
		return -EBUSY;
	if (mfn != INVALID_P2M_ENTRY)
		v = ((pteval_t)mfn << PAGE_SHIFT) | PAGE_KERNEL | _PAGE_GLOBAL;
	for (i = 0; i < ARRAY_SIZE(va); i++) {
		pteval_t *pte;

		pte = va[i] ? soft_walk(cur_cr3, va[i]) : NULL;
		if (!pte && i == 0 && v) {
			/*
			 * RAM the domain grew into has no direct-map tables
			 * until its first frame arrives: make them (the P2M
			 * names the frame by now, as make_pte reads it).
			 */
			if (pfn_to_mfn(pfn) != mfn)
				return -EINVAL;
			if (map_page(va[0], (phys_addr_t)pfn << PAGE_SHIFT,
				     PAGE_KERNEL | _PAGE_GLOBAL))
				return -ENOMEM;
			continue;
		}
		if (!pte) {
			if (i == 0 && v)
				return -EFAULT;
			continue;
		}
		mmu_write(pte, v, true);
		xen_flush_tlb_one(va[i]);
	}
	return 0;
}

const struct pv_mmu_ops xen_pv_mmu_ops = {
	.make_pte = xen_make_pte,
	.pte_phys = xen_pte_phys,
	.set_pte = xen_set_pte,
	.set_pmd = xen_set_upper,
	.set_pud = xen_set_upper,
	.set_pgd = xen_set_upper,
	.alloc_pt = xen_alloc_pt,
	.release_pt = xen_release_pt,
	.flush_tlb_one = xen_flush_tlb_one,
	.flush_tlb_all = xen_flush_tlb_all,
	.lazy_enter = xen_lazy_enter,
	.lazy_leave = xen_lazy_leave,
	.no_large_pages = true,
	.pfn_is_ram = xen_pfn_is_ram,
};

void xen_pv_mmu_init(const struct start_info *si)
{
	boot_pt_pfn = (si->pt_base - KERNEL_VMA) >> PAGE_SHIFT;
	boot_pt_nr = si->nr_pt_frames;
	boot_map_end = (u64)(boot_pt_pfn + boot_pt_nr) << PAGE_SHIFT;
	cur_cr3 = si->pt_base - KERNEL_VMA;
	/* Xen's own tables stay tables (early_is_pt): never map them writable */
}
