// SPDX-License-Identifier: GPL-2.0
/*
 * The arch half of grant tables (asm/xen/grant.h): where this domain's
 * grant table appears in the kernel, and the numbers a grant carries.
 *
 * PV (P2M): the table's frames are Xen's; GNTTABOP_setup_table grows the
 * table to nr_frames and returns their mfns, which are mapped writable
 * in the vmap area as machine frames (xen_pv_map_mfn, _PAGE_IOMAP: they
 * are not our pseudo-physical RAM).
 *
 * PVH (VP): the table must be given guest frames. XENMEM_add_to_physmap
 * with XENMAPSPACE_grant_table, index i, puts frame i at a gfn we choose;
 * whatever was there is dropped, so the gfns must be nobody's: not RAM
 * (Xen would free the RAM page under the allocator's feet) and not a
 * mapping (MMIO, shared_info). We take the lowest 1 GiB-aligned gap at
 * or above 4 GiB that no entry of the memory map touches
 * (XENMEM_memory_map: RAM, reserved ranges, the special pages, for a
 * dom0 the host's reserved ranges) and that the CPU can address:
 * nothing of ours lives there, Xen maps nothing there for a domU, and a
 * dom0's 32-bit MMIO, LAPIC, IO-APIC and firmware stay untouched below
 * 4 GiB. A dom0's 64-bit BARs are not in the memory map; firmware that
 * put one exactly there would collide (not seen in the test bed). Frames are added from
 * the highest index down so Xen grows the table once. The gfns are then
 * mapped write-back in the vmap area like any physical range
 * (map_page()).
 *
 * Invariants: called once; on failure nothing is left mapped in the
 * kernel (on PVH, frames Xen already placed stay at their unused gfns).
 */
#include <tern/dma.h>
#include <tern/kernel.h>
#include <tern/memmap.h>
#include <tern/printk.h>
#include <tern/string.h>
#include <asm/dma-model.h>
#include <asm/page.h>
#include <asm/pgtable.h>
#include <asm/pv_ops.h>
#include <asm/xen/foreign.h>
#include <asm/xen/grant.h>
#include <asm/xen/page.h>
#include <asm/xen/role.h>
#include <asm/xen/xen-ops.h>
#include <xen/memory.h>

#define GNTTAB_MAP_MAX_FRAMES	64
#define PVH_GNTTAB_ALIGN	(1ULL << 30)
#define PVH_GNTTAB_MIN		(1ULL << 32)


static xen_pfn_t gnt_frames[GNTTAB_MAP_MAX_FRAMES];
/* then the foreign-mapping window's gfns (asm/xen/foreign.h) */
static u64 pvh_foreign_pfn0;

static void unmap_range(unsigned long va, unsigned int n)
{
	while (n--)
		unmap_page(va + ((unsigned long)n << PAGE_SHIFT));
}

static int map_frames(unsigned long va, unsigned int n, bool machine)
{
	unsigned int i;
	int err = 0;

	pv_ops.mmu.lazy_enter();
	for (i = 0; i < n && !err; i++) {
		unsigned long a = va + ((unsigned long)i << PAGE_SHIFT);

		if (machine)
			err = xen_pv_map_mfn(a, gnt_frames[i], PAGE_KERNEL);
		else
			err = map_page(a, (phys_addr_t)gnt_frames[i] << PAGE_SHIFT,
				       PAGE_KERNEL);
	}
	pv_ops.mmu.lazy_leave();
	if (err)
		unmap_range(va, i - 1);
	return err;
}

static int pv_setup_frames(unsigned int n)
{
	struct gnttab_setup_table st = {
		.dom = DOMID_SELF,
		.nr_frames = n,
	};
	long rc;

	set_xen_guest_handle(st.frame_list, gnt_frames);
	rc = HYPERVISOR_grant_table_op(GNTTABOP_setup_table, &st, 1);
	if (rc || st.status != GNTST_okay) {
		pr_warn("xen: grant: GNTTABOP_setup_table(%u) failed: %ld/%d\n",
			n, rc, st.status);
		return -EIO;
	}
	return 0;
}

/* Physical address bits the CPU can put in a PTE. */
static unsigned int phys_addr_bits(void)
{
	u32 a, b, c, d;

	cpuid(0x80000000, &a, &b, &c, &d);
	if (a < 0x80000008)
		return 36;
	cpuid(0x80000008, &a, &b, &c, &d);
	return a & 0xff;
}

/*
 * The first gfn for the table and the foreign window after it: the lowest
 * 1 GiB-aligned gap at or above 4 GiB that no entry of the memory map
 * touches and that the CPU can address (a QEMU on AMD reserves
 * 0xfd00000000-0xffffffffff; Xen accepts frames at gfns the CPU cannot
 * map, so the limit is ours to keep).
 */
static int pvh_hole(unsigned int n, u64 *pfn0)
{
	static struct memmap m;
	u64 len = (u64)n << PAGE_SHIFT;
	u64 cand = PVH_GNTTAB_MIN;
	unsigned int i;

	m.nr = 0;
	if (xen_memory_map(&m))
		return -EIO;
	/* memmap_sanitize() sorted the entries by address */
	for (i = 0; i < m.nr; i++) {
		u64 end = m.e[i].addr + m.e[i].size;

		if (end <= cand)
			continue;
		if (m.e[i].addr >= cand + len)
			break;
		cand = ALIGN_UP(end, PVH_GNTTAB_ALIGN);
	}
	if (cand + len > 1ULL << min(phys_addr_bits(), 52u))
		return -ERANGE;
	*pfn0 = cand >> PAGE_SHIFT;
	return 0;
}

static int pvh_setup_frames(unsigned int n)
{
	u64 pfn0;
	unsigned int i;
	int err;

	err = pvh_hole(GNTTAB_MAP_MAX_FRAMES + FOREIGN_WINDOW_PAGES, &pfn0);
	if (err)
		return err;
	for (i = n; i-- > 0;) {
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
		gnt_frames[i] = pfn0 + i;
	}
	pvh_foreign_pfn0 = pfn0 + GNTTAB_MAP_MAX_FRAMES;
	return 0;
}

u64 xen_pvh_foreign_pfn0(void)
{
	return pvh_foreign_pfn0;
}

int arch_gnttab_map(unsigned int nr_frames, void **table_va)
{
	unsigned long va;
	int err;

	if (!nr_frames || nr_frames > GNTTAB_MAP_MAX_FRAMES)
		return -EINVAL;
	if (xen_pv())
		err = pv_setup_frames(nr_frames);
	else if (xen_pvh())
		err = pvh_setup_frames(nr_frames);
	else
		err = -ENODEV;
	if (err)
		return err;
	va = vmap_alloc_va((size_t)nr_frames << PAGE_SHIFT);
	if (!va)
		return -ENOMEM;
	err = map_frames(va, nr_frames, xen_pv());
	if (err)
		return err;
	*table_va = (void *)va;
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

/*
 * Mapping a grant. The page lands in a slot of the foreign window
 * (asm/xen/foreign.h), taken here and given back at unmap, so mappings
 * can come and go for as long as dom0 runs. PV: Xen writes the PTE at
 * host_addr, the slot's address (the window's page tables exist). PVH:
 * Xen puts the frame at the slot's gfn (in the hole, never RAM), which
 * is then mapped at the slot's address. A PVH domain cannot map its own
 * grant (-EPERM, see below).
 */
/* Map (dom, ref) at a slot already taken: 0, -EIO (*status), -errno. */
static int map_at(domid_t dom, u32 ref, bool readonly, int slot,
		  unsigned long va, u64 gfn, struct xen_grant_mapping *m,
		  s16 *status)
{
	struct gnttab_map_grant_ref op = {
		.flags = GNTMAP_host_map | (readonly ? GNTMAP_readonly : 0),
		.ref = ref,
		.dom = dom,
	};
	long rc;

	op.host_addr = xen_pv() ? va : gfn << PAGE_SHIFT;
	rc = HYPERVISOR_grant_table_op(GNTTABOP_map_grant_ref, &op, 1);
	if (rc || op.status != GNTST_okay) {
		*status = rc ? GNTST_general_error : op.status;
		return -EIO;
	}
	if (xen_pvh() && map_page(va, op.host_addr,
				  readonly ? PAGE_KERNEL_RO : PAGE_KERNEL)) {
		struct gnttab_unmap_grant_ref un = {
			.host_addr = op.host_addr,
			.handle = op.handle,
		};

		HYPERVISOR_grant_table_op(GNTTABOP_unmap_grant_ref, &un, 1);
		return -ENOMEM;
	}
	m->slot = slot;
	m->va = (void *)va;
	m->host_addr = op.host_addr;
	m->handle = op.handle;
	m->dma = false;
	m->bus = DMA_MAPPING_ERROR;
	return 0;
}

/* A PVH domain cannot map its own grant; only PV and PVH map at all. */
static int can_map(domid_t dom)
{
	if (xen_pvh()) {
		domid_t me;

		/*
		 * Xen 4.17 moves a translated domain's own granted frame to
		 * the mapping gfn: the page's own gfn is left empty (reads
		 * all-ones) and stays so after the unmap. Seen in the test
		 * bed; refused rather than lose a page of RAM.
		 */
		if (xen_self_domid(&me) || me == dom)
			return -EPERM;
		return 0;
	}
	return xen_pv() ? 0 : -ENODEV;
}

int xen_grant_map(domid_t dom, u32 ref, bool readonly,
		  struct xen_grant_mapping *m, s16 *status)
{
	return xen_grant_map_pages(dom, &ref, 1, readonly, m, status);
}

int xen_grant_map_pages(domid_t dom, const u32 *refs, unsigned int n,
			bool readonly, struct xen_grant_mapping *m,
			s16 *status)
{
	unsigned long va;
	unsigned int i;
	int slot, err;
	u64 gfn;

	*status = GNTST_okay;
	err = can_map(dom);
	if (err)
		return err;
	slot = foreign_slots_take(n, &va, &gfn);
	if (slot < 0)
		return slot;
	for (i = 0; i < n; i++) {
		err = map_at(dom, refs[i], readonly, slot + (int)i,
			     va + ((unsigned long)i << PAGE_SHIFT),
			     gfn ? gfn + i : 0, &m[i], status);
		if (err)
			break;
	}
	if (err) {
		unsigned int k;

		for (k = 0; k < i; k++)
			xen_grant_unmap(&m[k]);
		for (k = i; k < n; k++)
			foreign_slot_put(slot + (int)k);
	}
	return err;
}

/*
 * Device-only mappings, n in one hypercall each way. P2M: no PTE at
 * all (GNTMAP_device_map alone), Xen answers with the frame's machine
 * address. VP: the frame at a slot's gfn (Xen's p2m, which its IOMMU
 * tables follow), never mapped in our page tables. No TLB flush either
 * way: the CPU never had the page.
 */
int xen_grant_map_dma(domid_t dom, const u32 *refs, const u16 *offs,
		      unsigned int n, bool readonly,
		      struct xen_grant_mapping *m, s16 *status)
{
	struct gnttab_map_grant_ref op[XEN_GRANT_DMA_BATCH];
	unsigned int i, got = 0;
	unsigned long va;
	u64 gfn;
	long rc;
	int err = 0;

	*status = GNTST_okay;
	if (!n || n > XEN_GRANT_DMA_BATCH)
		return -EINVAL;
	if (!xen_pv() && !xen_pvh())
		return -ENODEV;
	memset(op, 0, n * sizeof(op[0]));
	for (i = 0; i < n; i++) {
		m[i].slot = -1;
		m[i].va = NULL;
		op[i].ref = refs[i];
		op[i].dom = dom;
		op[i].flags = readonly ? GNTMAP_readonly : 0;
		if (xen_pv()) {
			op[i].flags |= GNTMAP_device_map;
			continue;
		}
		m[i].slot = foreign_slot_take(&va, &gfn);
		if (m[i].slot < 0) {
			err = m[i].slot;
			break;
		}
		op[i].flags |= GNTMAP_host_map;
		op[i].host_addr = gfn << PAGE_SHIFT;
	}
	if (!err) {
		rc = HYPERVISOR_grant_table_op(GNTTABOP_map_grant_ref, op, n);
		for (i = 0; i < n; i++) {
			if (!rc && op[i].status == GNTST_okay) {
				m[i].host_addr = op[i].host_addr;
				m[i].handle = op[i].handle;
				m[i].dma = true;
				m[i].page_bus = xen_pv() ? op[i].dev_bus_addr :
							   op[i].host_addr;
				m[i].bus = _bus(m[i].page_bus +
						(offs ? offs[i] : 0));
				got++;
				continue;
			}
			m[i].dma = false;
			if (*status == GNTST_okay)
				*status = rc ? GNTST_general_error :
					       op[i].status;
		}
		err = got == n ? 0 : -EIO;
	}
	if (err) {
		/* all or nothing: undo what did map, give the slots back */
		for (i = 0; i < n; i++)
			if (m[i].dma)
				xen_grant_unmap_dma(&m[i], 1);
			else if (m[i].slot >= 0)
				foreign_slot_put(m[i].slot);
	}
	return err;
}

int xen_grant_unmap_dma(struct xen_grant_mapping *m, unsigned int n)
{
	struct gnttab_unmap_grant_ref un[XEN_GRANT_DMA_BATCH];
	unsigned int i;
	long rc;
	int err = 0;

	if (n > XEN_GRANT_DMA_BATCH)
		return -EINVAL;
	memset(un, 0, n * sizeof(un[0]));
	for (i = 0; i < n; i++) {
		un[i].handle = m[i].handle;
		if (xen_pv())
			un[i].dev_bus_addr = m[i].page_bus;
		else
			un[i].host_addr = m[i].host_addr;
	}
	rc = n ? HYPERVISOR_grant_table_op(GNTTABOP_unmap_grant_ref, un, n) :
		 0;
	for (i = 0; i < n; i++) {
		if (rc || un[i].status != GNTST_okay) {
			err = -EIO;	/* the slot stays taken: never reused */
			continue;
		}
		if (m[i].slot >= 0)
			foreign_slot_put(m[i].slot);
		m[i].dma = false;
	}
	return err;
}

int xen_grant_unmap(struct xen_grant_mapping *m)
{
	struct gnttab_unmap_grant_ref un = {
		.host_addr = m->host_addr,
		.handle = m->handle,
	};
	long rc;

	if (xen_pvh())
		unmap_page((unsigned long)m->va);
	rc = HYPERVISOR_grant_table_op(GNTTABOP_unmap_grant_ref, &un, 1);
	if (xen_pv())
		pv_ops.mmu.flush_tlb_one((unsigned long)m->va);
	if (!rc && un.status == GNTST_okay)
		foreign_slot_put(m->slot);
	return rc || un.status != GNTST_okay ? -EIO : 0;
}
