// SPDX-License-Identifier: GPL-2.0
/*
 * Foreign mappings (asm/xen/foreign.h): another domain's frames in this
 * kernel, for the dom0 toolstack.
 *
 * The window is FOREIGN_WINDOW_PAGES pages of vmap space taken once, on
 * first use. A bitmap of its pages gives first-fit runs; the lock covers
 * the bitmap only (the hypercalls run outside it, on slots the caller
 * owns). P2M needs the window's page tables to exist before Xen can write
 * leaves into them: the first use of each 2 MiB piece maps and unmaps a
 * scratch frame there (the tables then stay).
 * VP needs gfns that are nobody's: the grant table's hole gives
 * FOREIGN_WINDOW_PAGES of them (xen_pvh_foreign_pfn0()), slot i at gfn
 * pfn0 + i, so a slot's gfn never changes and is never RAM.
 *
 * Invariants: a slot is mapped only between a successful reservation and
 * its release; unmap touches only slots whose err was 0.
 */
#include <tern/kernel.h>
#include <tern/mm.h>
#include <tern/printk.h>
#include <tern/spinlock.h>
#include <tern/string.h>
#include <asm/bitops.h>
#include <asm/page.h>
#include <asm/pgtable.h>
#include <asm/pv_ops.h>
#include <asm/xen/foreign.h>
#include <asm/xen/grant.h>
#include <asm/xen/hypercall.h>
#include <xen/memory.h>

const struct xen_foreign_ops *xen_foreign;

#define WIN_BITS	64

static DEFINE_SPINLOCK(win_lock);
static unsigned long win_va;
static bool win_ready;
static unsigned long win_map[FOREIGN_WINDOW_PAGES / WIN_BITS];
static unsigned int win_used;
static u64 vp_pfn0;		/* VP: the gfn of slot 0 */

static bool slot_busy(unsigned int i)
{
	return win_map[i / WIN_BITS] & (1UL << (i % WIN_BITS));
}

static void slots_set(unsigned int s, unsigned int n, bool busy)
{
	unsigned int i;

	for (i = s; i < s + n; i++) {
		if (busy)
			win_map[i / WIN_BITS] |= 1UL << (i % WIN_BITS);
		else
			win_map[i / WIN_BITS] &= ~(1UL << (i % WIN_BITS));
	}
	win_used = busy ? win_used + n : win_used - n;
}

static int window_init(void)
{
	unsigned long va;
	int err;

	if (win_ready)
		return 0;
	if (!xen_foreign)
		return -ENODEV;
	/*
	 * 2 MiB aligned, so that each 2 MiB piece of the window is exactly
	 * one leaf page table (P2M builds the tables piece by piece: a
	 * window straddling leaf tables left the last slots of a large
	 * first mapping without one, and Xen refused them).
	 */
	va = vmap_alloc_va(((size_t)FOREIGN_WINDOW_PAGES << PAGE_SHIFT) +
			   (2UL << 20));
	if (!va)
		return -ENOMEM;
	va = ALIGN_UP(va, 2UL << 20);
	err = xen_foreign->init(va, FOREIGN_WINDOW_PAGES);
	if (err) {
		pr_warn("xen: foreign window (%s) unusable: %d\n",
			xen_foreign->name, err);
		return err;
	}
	win_va = va;
	win_ready = true;
	return 0;
}

/* First fit run of n free slots; -ENOSPC. */
static int slots_take(unsigned int n)
{
	unsigned int i, run = 0;
	unsigned long flags;
	int ret = -ENOSPC;

	flags = spin_lock_irqsave(&win_lock);
	for (i = 0; i < FOREIGN_WINDOW_PAGES; i++) {
		run = slot_busy(i) ? 0 : run + 1;
		if (run == n) {
			slots_set(i + 1 - n, n, true);
			ret = i + 1 - n;
			break;
		}
	}
	spin_unlock_irqrestore(&win_lock, flags);
	return ret;
}

static void slots_put(unsigned int s, unsigned int n)
{
	unsigned long flags = spin_lock_irqsave(&win_lock);

	slots_set(s, n, false);
	spin_unlock_irqrestore(&win_lock, flags);
}

int foreign_map(domid_t dom, const xen_pfn_t *frames, unsigned int n,
		struct foreign_map *m)
{
	int slot, err;

	m->va = NULL;
	m->n = 0;
	if (!n || n > FOREIGN_MAP_MAX)
		return -EINVAL;
	err = window_init();
	if (err)
		return err;
	slot = slots_take(n);
	if (slot < 0)
		return slot;
	m->slot = slot;
	m->n = n;
	m->va = (void *)(win_va + ((unsigned long)slot << PAGE_SHIFT));
	return xen_foreign->map(dom, frames, n, slot, m->err);
}

void foreign_unmap(struct foreign_map *m)
{
	if (!m->n)
		return;
	xen_foreign->unmap(m->slot, m->n, m->err);
	slots_put(m->slot, m->n);
	m->n = 0;
	m->va = NULL;
}

struct foreign_map *foreign_map_new(domid_t dom, const xen_pfn_t *frames,
				    unsigned int n, int *errp)
{
	struct foreign_map *m;
	int err;

	if (n > FOREIGN_MAP_MAX) {
		*errp = -EINVAL;
		return NULL;
	}
	m = kzalloc(sizeof(*m) + n * sizeof(m->err[0]));
	if (!m) {
		*errp = -ENOMEM;
		return NULL;
	}
	err = foreign_map(dom, frames, n, m);
	if (err) {
		foreign_unmap(m);
		kfree(m);
		*errp = err;
		return NULL;
	}
	*errp = 0;
	return m;
}

void foreign_free(struct foreign_map *m)
{
	if (!m)
		return;
	foreign_unmap(m);
	kfree(m);
}

/*
 * A run of n slots of the window for grant mappings (arch/x86/xen/
 * grant.c): the first one's kernel address and, for VP, its gfn (the
 * others follow). Returns the first slot or -errno; each slot is put
 * back on its own.
 */
int foreign_slots_take(unsigned int n, unsigned long *va, u64 *gfn)
{
	int slot, err = window_init();

	if (err)
		return err;
	if (!n || n > FOREIGN_WINDOW_PAGES)
		return -EINVAL;
	slot = slots_take(n);
	if (slot < 0)
		return slot;
	err = xen_foreign->prepare ? xen_foreign->prepare(slot, n) : 0;
	if (err) {
		slots_put(slot, n);
		return err;
	}
	*va = win_va + ((unsigned long)slot << PAGE_SHIFT);
	*gfn = vp_pfn0 ? vp_pfn0 + slot : 0;
	return slot;
}

int foreign_slot_take(unsigned long *va, u64 *gfn)
{
	return foreign_slots_take(1, va, gfn);
}

void foreign_slot_put(int slot)
{
	if (slot >= 0 && slot < FOREIGN_WINDOW_PAGES)
		slots_put(slot, 1);
}

unsigned int foreign_pages_in_use(void)
{
	return win_used;
}

/* ---- P2M: Xen writes our PTEs with the other domain's frames ---- */

#define P2M_BATCH	32

static unsigned long p2m_va;
/* 2 MiB pieces of the window whose page tables exist (built on first use) */
static u64 p2m_tables[FOREIGN_WINDOW_PAGES / 512 / 64];

static int p2m_init(unsigned long va, unsigned int pages)
{
	p2m_va = va;
	return 0;
}

/* Build the tables down to the leaf table of every piece slots touch. */
static int p2m_tables_for(unsigned int slot, unsigned int n)
{
	unsigned int piece;
	void *scratch = NULL;
	int err = 0;

	for (piece = slot / 512; piece <= (slot + n - 1) / 512 && !err;
	     piece++) {
		unsigned long va = p2m_va + ((unsigned long)piece << 21);

		if (p2m_tables[piece / 64] & (1ULL << (piece % 64)))
			continue;
		if (!scratch)
			scratch = alloc_page(0);
		if (!scratch)
			return -ENOMEM;
		err = map_page(va, virt_to_phys(scratch), PAGE_KERNEL_RO);
		if (!err) {
			unmap_page(va);
			p2m_tables[piece / 64] |= 1ULL << (piece % 64);
		}
	}
	if (scratch)
		free_page(scratch);
	return err;
}

static int p2m_issue(struct multicall_entry *mc, unsigned int n, int *err)
{
	unsigned int i;
	long rc = HYPERVISOR_multicall(mc, n);
	int first = 0;

	for (i = 0; i < n; i++) {
		err[i] = rc ? -EIO : (int)(long)mc[i].result;
		if (err[i] && !first)
			first = err[i];
	}
	return first;
}

static int p2m_map(domid_t dom, const xen_pfn_t *frames, unsigned int n,
		   unsigned int slot, int *err)
{
	struct multicall_entry mc[P2M_BATCH];
	unsigned int i, k = 0;
	int first = p2m_tables_for(slot, n), e;

	for (i = 0; i < n && first; i++)
		err[i] = first;
	for (i = 0; i < n && !first; i++) {
		unsigned long va = p2m_va + ((unsigned long)(slot + i) << PAGE_SHIFT);
		u64 pte = ((u64)frames[i] << PAGE_SHIFT) | PAGE_KERNEL | _PAGE_NX;

		mc[k].op = __HYPERVISOR_update_va_mapping_otherdomain;
		mc[k].args[0] = va;
		mc[k].args[1] = pte;
		mc[k].args[2] = UVMF_INVLPG | UVMF_LOCAL;
		mc[k].args[3] = dom;
		if (++k == P2M_BATCH || i + 1 == n) {
			e = p2m_issue(mc, k, err + i + 1 - k);
			if (e && !first)
				first = e;
			k = 0;
		}
	}
	return first;
}

static void p2m_unmap(unsigned int slot, unsigned int n, const int *err)
{
	struct multicall_entry mc[P2M_BATCH];
	int dummy[P2M_BATCH];
	unsigned int i, k = 0;

	for (i = 0; i < n; i++) {
		if (!err[i]) {
			mc[k].op = __HYPERVISOR_update_va_mapping;
			mc[k].args[0] = p2m_va +
				((unsigned long)(slot + i) << PAGE_SHIFT);
			mc[k].args[1] = 0;
			mc[k].args[2] = UVMF_INVLPG | UVMF_ALL;
			k++;
		}
		if (k && (k == P2M_BATCH || i + 1 == n)) {
			if (p2m_issue(mc, k, dummy))
				pr_warn("xen: foreign unmap failed near slot %u\n",
					slot + i);
			k = 0;
		}
	}
}

const struct xen_foreign_ops xen_foreign_p2m = {
	.name = "p2m",
	.init = p2m_init,
	.prepare = p2m_tables_for,
	.map = p2m_map,
	.unmap = p2m_unmap,
};

/* ---- VP: the frames appear at gfns of ours in the hole ---- */

#define VP_BATCH	64

static unsigned long vp_va;

static int vp_init(unsigned long va, unsigned int pages)
{
	vp_pfn0 = xen_pvh_foreign_pfn0();
	if (!vp_pfn0)
		return -ENODEV;
	vp_va = va;
	return 0;
}

static int vp_map(domid_t dom, const xen_pfn_t *frames, unsigned int n,
		  unsigned int slot, int *err)
{
	xen_ulong_t idx[VP_BATCH];
	xen_pfn_t gpfn[VP_BATCH];
	unsigned int i, j, k;
	int first = 0;

	for (i = 0; i < n; i += k) {
		struct xen_add_to_physmap_batch b = {
			.domid = DOMID_SELF,
			.space = XENMAPSPACE_gmfn_foreign,
			.u.foreign_domid = dom,
		};
		long rc;

		k = min(n - i, (unsigned int)VP_BATCH);
		for (j = 0; j < k; j++) {
			idx[j] = frames[i + j];
			gpfn[j] = vp_pfn0 + slot + i + j;
			err[i + j] = -EIO;
		}
		b.size = k;
		set_xen_guest_handle(b.idxs, idx);
		set_xen_guest_handle(b.gpfns, gpfn);
		set_xen_guest_handle(b.errs, err + i);
		rc = HYPERVISOR_memory_op(XENMEM_add_to_physmap_batch, &b);
		for (j = 0; j < k; j++) {
			unsigned long va = vp_va +
				((unsigned long)(slot + i + j) << PAGE_SHIFT);

			if (rc)
				err[i + j] = (int)rc;
			else if (!err[i + j] &&
				 map_page(va, (phys_addr_t)gpfn[j] << PAGE_SHIFT,
					  PAGE_KERNEL | _PAGE_NX)) {
				struct xen_remove_from_physmap r = {
					.domid = DOMID_SELF,
					.gpfn = gpfn[j],
				};

				HYPERVISOR_memory_op(XENMEM_remove_from_physmap,
						     &r);
				err[i + j] = -ENOMEM;
			}
			if (err[i + j] && !first)
				first = err[i + j];
		}
	}
	return first;
}

static void vp_unmap(unsigned int slot, unsigned int n, const int *err)
{
	unsigned int i;

	for (i = 0; i < n; i++) {
		struct xen_remove_from_physmap r = {
			.domid = DOMID_SELF,
			.gpfn = vp_pfn0 + slot + i,
		};

		if (err[i])
			continue;
		unmap_page(vp_va + ((unsigned long)(slot + i) << PAGE_SHIFT));
		if (HYPERVISOR_memory_op(XENMEM_remove_from_physmap, &r))
			pr_warn("xen: foreign unmap of gfn %#llx failed\n",
				(unsigned long long)r.gpfn);
	}
}

const struct xen_foreign_ops xen_foreign_vp = {
	.name = "vp",
	.init = vp_init,
	.map = vp_map,
	.unmap = vp_unmap,
};
