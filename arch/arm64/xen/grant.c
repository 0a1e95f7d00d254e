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
 */
#include <tern/dma_model.h>
#include <tern/kernel.h>
#include <tern/printk.h>
#include <tern/xen/grant_table.h>
#include <asm/page.h>
#include <asm/setup.h>
#include <asm/xen/grant.h>
#include <asm/xen/xen-ops.h>
#include <xen/memory.h>

static u64 region_base, region_size;

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
