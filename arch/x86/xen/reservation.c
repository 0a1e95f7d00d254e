// SPDX-License-Identifier: GPL-2.0
/*
 * Giving frames back to Xen and taking them again, per memory model
 * (arch/x86/include/asm/xen/reservation.h). Batches are bounded (BATCH pages per
 * hypercall); a partial answer from Xen is reported as a count, and the
 * pages beyond it are left exactly as they were.
 */
#include <tern/kernel.h>
#include <tern/mm.h>
#include <tern/printk.h>
#include <asm/page.h>
#include <asm/pv_ops.h>
#include <asm/xen/hypercall.h>
#include <asm/xen/p2m.h>
#include <asm/xen/reservation.h>
#include <xen/memory.h>
#include "pv_hw.h"

#define BATCH	256

const struct xen_reservation_ops *xen_reservation;
static xen_pfn_t frames[BATCH];

static long reservation_op(int cmd, unsigned int n)
{
	struct xen_memory_reservation r = {
		.nr_extents = n,
		.extent_order = 0,
		.domid = DOMID_SELF,
	};

	set_xen_guest_handle(r.extent_start, frames);
	return HYPERVISOR_memory_op(cmd, &r);
}

long xen_current_reservation(void)
{
	domid_t self = DOMID_SELF;

	return HYPERVISOR_memory_op(XENMEM_current_reservation, &self);
}

long xen_maximum_reservation(void)
{
	domid_t self = DOMID_SELF;

	return HYPERVISOR_memory_op(XENMEM_maximum_reservation, &self);
}

static unsigned long va_pfn(const void *va)
{
	return virt_to_phys(va) >> PAGE_SHIFT;
}

/* ---- P2M (PV) ---- */

static void p2m_restore(void *const *va, unsigned int from, unsigned int n)
{
	unsigned int i;

	pv_ops.mmu.lazy_enter();
	for (i = from; i < n; i++) {
		unsigned long pfn = va_pfn(va[i]);

		if (xen_p2m_set(pfn, frames[i]) ||
		    xen_pv_set_ram_mapping(pfn, frames[i]))
			panic("xen: balloon: cannot restore pfn %#lx", pfn);
	}
	pv_ops.mmu.lazy_leave();
}

static int p2m_give_back(void *const *va, unsigned int n)
{
	unsigned long flags;
	unsigned int i;
	long rc;

	n = min(n, (unsigned int)BATCH);
	for (i = 0; i < n; i++) {
		frames[i] = pfn_to_mfn(va_pfn(va[i]));
		if (frames[i] == INVALID_P2M_ENTRY)
			return -EINVAL;
	}
	flags = local_irq_save();
	/* nothing may map a frame Xen takes back */
	pv_ops.mmu.lazy_enter();
	for (i = 0; i < n; i++) {
		unsigned long pfn = va_pfn(va[i]);

		if (xen_pv_set_ram_mapping(pfn, INVALID_P2M_ENTRY))
			panic("xen: balloon: cannot unmap pfn %#lx", pfn);
		xen_p2m_set(pfn, INVALID_P2M_ENTRY);
	}
	pv_ops.mmu.lazy_leave();
	rc = reservation_op(XENMEM_decrease_reservation, n);
	if (rc < 0)
		rc = 0;
	if ((unsigned int)rc < n)
		p2m_restore(va, rc, n);		/* Xen kept those: map again */
	local_irq_restore(flags);
	return rc ? (int)rc : -EBUSY;
}

static int p2m_take_back(void *const *va, unsigned int n)
{
	unsigned long flags;
	long rc;

	n = min(n, (unsigned int)BATCH);
	rc = reservation_op(XENMEM_increase_reservation, n);
	if (rc <= 0)
		return rc ? (int)rc : -ENOMEM;
	flags = local_irq_save();
	p2m_restore(va, 0, rc);
	local_irq_restore(flags);
	return (int)rc;
}

/*
 * Room to grow (a domU started below maxmem): pfns above RAM, with P2M
 * entries, page-table tracking and allocator pages, but no frames. As
 * Linux does, a domain grows to at most XEN_EXTRA_MEM_RATIO times what
 * it booted with: the P2M list and the allocator's bitmap for the new
 * pfns come from the memory it has.
 */
#define XEN_EXTRA_MEM_RATIO	10

static long p2m_add_memory(unsigned long n, void **first)
{
	static unsigned long boot_pages;
	unsigned long have = xen_p2m_nr_pages();
	long pfn;
	int err;

	if (!boot_pages)
		boot_pages = have;
	if (have >= boot_pages * (XEN_EXTRA_MEM_RATIO + 1))
		return -ENOSPC;
	n = min(n, boot_pages * (XEN_EXTRA_MEM_RATIO + 1) - have);
	pfn = xen_p2m_extend(n);
	if (pfn < 0)
		return pfn;
	err = xen_pv_pt_track(pfn + n);
	if (!err)
		err = mm_add_ram(pfn, n);
	if (err) {
		/* the pfns stay without frames and out of every use */
		pr_err("xen: cannot add pfns %#lx-%#lx to the allocator (%d)\n",
		       pfn, pfn + n - 1, err);
		return err;
	}
	*first = phys_to_virt((phys_addr_t)pfn << PAGE_SHIFT);
	return (long)n;
}

const struct xen_reservation_ops xen_reservation_p2m = {
	.name = "p2m",
	.give_back = p2m_give_back,
	.take_back = p2m_take_back,
	.add_memory = p2m_add_memory,
};

/* ---- VP (PVH): the gfn is the pfn ---- */

static int vp_op(int cmd, void *const *va, unsigned int n)
{
	unsigned int i;
	long rc;

	n = min(n, (unsigned int)BATCH);
	for (i = 0; i < n; i++)
		frames[i] = va_pfn(va[i]);
	rc = reservation_op(cmd, n);
	if (rc <= 0)
		return rc ? (int)rc : -EBUSY;
	return (int)rc;
}

static int vp_give_back(void *const *va, unsigned int n)
{
	return vp_op(XENMEM_decrease_reservation, va, n);
}

static int vp_take_back(void *const *va, unsigned int n)
{
	return vp_op(XENMEM_populate_physmap, va, n);
}

const struct xen_reservation_ops xen_reservation_vp = {
	.name = "vp",
	.give_back = vp_give_back,
	.take_back = vp_take_back,
};
