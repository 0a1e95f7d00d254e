// SPDX-License-Identifier: GPL-2.0
/*
 * Grant tables on Xen on Arm: the arch half (asm/xen/grant.h) of the
 * shared driver (drivers/xen/grant_table.c).
 *
 * Xen on Arm has no GNTTABOP_setup_table frames for a translated guest
 * to map: the guest places the table's frames itself with
 * XENMEM_add_to_physmap (XENMAPSPACE_grant_table, idx i) at gfns it
 * chooses. Xen names the place in the device tree: /hypervisor's first
 * reg (dom0: a range Xen picked, 0x40200000+256 KiB in our rows; a
 * domU: the guest ABI's GUEST_GNTTAB_BASE, 0x38000000+16 MiB). That
 * range is not RAM and nothing else of ours lives there, so whatever
 * Xen drops from those gfns is nothing of ours. Frame i goes to
 * base + i, highest index first so Xen grows the table once; the
 * region bounds nr_frames (-ENOSPC), and Xen's max_grant_frames may
 * still refuse (-EIO, reported).
 *
 * Once placed, the frames are RAM-like pages at guest-physical
 * addresses: mapped Normal write-back at their own address (virtual =
 * physical, mmu_map_normal()), never Device (the entries' flags are
 * changed with compare-exchange, which needs Normal cacheable memory).
 *
 * The frame a grant entry carries is the page's gfn, the memory model's
 * share frame: guest-physical for a VP domU, and for the 1:1 dom0 the
 * same number as the machine frame of its own RAM.
 *
 * Invariants: called once, after event channels; on failure nothing is
 * mapped and gnttab_ready() stays false (frames Xen already placed stay
 * in the region, which nothing else uses).
 *
 * Foreign mappings (xen_grant_map: a backend mapping a frontend's page).
 * GNTTABOP_map_grant_ref with GNTMAP_host_map puts the granted frame in
 * our stage 2 at host_addr, a guest-physical address we choose; Xen on
 * Arm accepts no other flag there (no device_map, no PTE to write: the
 * CPU side is our stage 1). The addresses come from the first of Xen's
 * extended regions (/hypervisor reg[1]): space Xen leaves free in our
 * guest-physical map for exactly this, not RAM, not a device. We take a
 * fixed window of XEN_FOREIGN_PAGES pages at its start, mapped Normal
 * write-back at their own address once at boot (an empty slot has no
 * stage-2 entry: nothing reads it but a bug, which faults). A bitmap
 * hands out the slots under a lock; a full window is -ENOSPC, and a
 * slot whose unmap Xen refused stays taken (its gfn may still hold the
 * frame). Hostile input: the region's address and size come from Xen's
 * tree, checked for alignment, size and the identity map's reach.
 *
 * The bus address of such a page. In the 1:1 dom0, gfn == mfn holds for
 * our own RAM only: the slot's address is a gfn in a hole, and the
 * frame behind it is the granting domain's, at some other machine
 * address. Xen answers with it in dev_bus_addr (the frame's machine
 * address, also without device_map), which we keep in the mapping; a
 * device (no IOMMU in front of dom0's devices here) must be given that,
 * never host_addr. Xen's dev_bus_addr is used as given, page-aligned.
 */
#include <tern/dma_model.h>
#include <tern/kernel.h>
#include <tern/printk.h>
#include <tern/spinlock.h>
#include <tern/xen/grant_table.h>
#include <asm/page.h>
#include <asm/setup.h>
#include <asm/xen/grant.h>
#include <asm/xen/xen-ops.h>
#include <xen/memory.h>

static u64 region_base, region_size;

static u64 foreign_base;		/* 0: no window */
static u32 foreign_used;		/* bit i: slot i taken */
static DEFINE_SPINLOCK(foreign_lock);

int xen_arm_grant_init(u64 base, u64 size)
{
	int err;

	if (!xen_arm_present())
		return -ENODEV;
	if (!size || (base | size) & (PAGE_SIZE - 1)) {
		pr_warn("xen: grant table region %#llx+%#llx unusable: no grant table\n",
			base, size);
		return -EINVAL;
	}
	region_base = base;
	region_size = size;
	err = gnttab_init();
	if (!err)
		pr_info("xen: grant table: %u entries at gfn %#llx\n",
			gnttab_nr_entries(), base >> PAGE_SHIFT);
	return err;
}

int arch_gnttab_map(unsigned int nr_frames, void **table_va)
{
	u64 pfn0 = region_base >> PAGE_SHIFT;
	unsigned int i;
	int err;

	if (!nr_frames)
		return -EINVAL;
	if ((u64)nr_frames << PAGE_SHIFT > region_size) {
		pr_warn("xen: grant: %u frames do not fit the region %#llx+%#llx\n",
			nr_frames, region_base, region_size);
		return -ENOSPC;
	}
	for (i = nr_frames; i-- > 0;) {
		struct xen_add_to_physmap xatp = {
			.domid = DOMID_SELF,
			.space = XENMAPSPACE_grant_table,
			.idx = i,
			.gpfn = pfn0 + i,
		};
		long rc = HYPERVISOR_memory_op(XENMEM_add_to_physmap, &xatp);

		if (rc) {
			pr_warn("xen: grant: add_to_physmap(frame %u at gfn %#llx) failed: %ld\n",
				i, pfn0 + i, rc);
			return -EIO;
		}
	}
	err = mmu_map_normal(region_base, (u64)nr_frames << PAGE_SHIFT);
	if (err)
		return err;
	*table_va = phys_to_virt(region_base);
	return 0;
}

int arch_gnttab_frame(const void *va, u32 *frame)
{
	u64 f = gfn_x(arch_share_frame(virt_to_phys(va)));

	if (f > 0xffffffffULL)
		return -ERANGE;
	*frame = f;
	return 0;
}

int xen_arm_foreign_init(u64 base, u64 size)
{
	u64 len = (u64)XEN_FOREIGN_PAGES << PAGE_SHIFT;
	int err;

	BUILD_BUG_ON(XEN_FOREIGN_PAGES > 32);
	if (!xen_arm_present())
		return -ENODEV;
	if (!size) {
		pr_info("xen: no extended region: no foreign grant mappings\n");
		return -ENOENT;
	}
	if ((base & (PAGE_SIZE - 1)) || size < len || base + len < base ||
	    base + len > DIRECT_MAP_MAX) {
		pr_warn("xen: extended region %#llx+%#llx unusable: no foreign grant mappings\n",
			base, size);
		return -EINVAL;
	}
	err = mmu_map_normal(base, len);
	if (err)
		return err;
	foreign_base = base;
	pr_info("xen: foreign grant window %#llx+%#llx\n", base, len);
	return 0;
}

static int slot_take(void)
{
	unsigned long flags = spin_lock_irqsave(&foreign_lock);
	int i;

	for (i = 0; i < XEN_FOREIGN_PAGES; i++)
		if (!(foreign_used & (1u << i))) {
			foreign_used |= 1u << i;
			break;
		}
	spin_unlock_irqrestore(&foreign_lock, flags);
	return i < XEN_FOREIGN_PAGES ? i : -ENOSPC;
}

static void slot_put(int i)
{
	unsigned long flags = spin_lock_irqsave(&foreign_lock);

	foreign_used &= ~(1u << i);
	spin_unlock_irqrestore(&foreign_lock, flags);
}

int xen_grant_map(domid_t dom, u32 ref, bool readonly,
		  struct xen_grant_mapping *m, s16 *status)
{
	struct gnttab_map_grant_ref op = {
		.flags = GNTMAP_host_map | (readonly ? GNTMAP_readonly : 0),
		.ref = ref,
		.dom = dom,
	};
	long rc;
	int slot;

	*status = GNTST_okay;
	if (!foreign_base || !gnttab_ready())
		return -ENODEV;
	slot = slot_take();
	if (slot < 0)
		return slot;
	op.host_addr = foreign_base + ((u64)slot << PAGE_SHIFT);
	rc = HYPERVISOR_grant_table_op(GNTTABOP_map_grant_ref, &op, 1);
	if (rc || op.status != GNTST_okay) {
		*status = rc ? GNTST_general_error : op.status;
		slot_put(slot);
		return -EIO;
	}
	m->slot = slot;
	m->host_addr = op.host_addr;
	m->va = phys_to_virt(op.host_addr);
	m->handle = op.handle;
	m->bus = _bus(op.dev_bus_addr & PAGE_MASK);
	return 0;
}

int xen_grant_unmap(struct xen_grant_mapping *m)
{
	struct gnttab_unmap_grant_ref un = {
		.host_addr = m->host_addr,
		.handle = m->handle,
	};
	long rc;

	if (m->slot < 0 || m->slot >= XEN_FOREIGN_PAGES)
		return -EINVAL;
	rc = HYPERVISOR_grant_table_op(GNTTABOP_unmap_grant_ref, &un, 1);
	if (rc || un.status != GNTST_okay)
		return -EIO;
	slot_put(m->slot);
	m->slot = -1;
	return 0;
}
