// SPDX-License-Identifier: GPL-2.0
/*
 * The arm64 page tables: one identity map (virtual = physical) through
 * TTBR0_EL1, 39-bit addresses, 4 KiB granule, three levels (level 1:
 * 1 GiB per entry, level 2: 2 MiB). head.S built the level-1 table
 * early_pgd with [0, 1 GiB) as Device and [1, 4 GiB) as Normal memory
 * in 1 GiB blocks; this file only adds mappings to it, never removes
 * one, so no TLB invalidation is needed (an invalid entry is never
 * cached in a TLB). One exception: a range whose attributes differ
 * from the 1 GiB block it falls in (Xen's grant-table region for a
 * domU, Normal memory inside the Device block [0, 1 GiB)) splits the
 * block into 2 MiB blocks of the same attributes, break-before-make
 * with interrupts masked (split_block()); the range then gets its own.
 *
 * A range is mapped with 1 GiB blocks where it covers a whole empty
 * level-1 slot, else with 2 MiB blocks in a level-2 table, rounded out
 * to 2 MiB (RAM and virt's device windows are 2 MiB aligned). Level-2
 * tables come from a static pool: enough for the 512 GiB this layout
 * can address at all. Everything is mapped read-write and executable
 * for EL1 (Normal) or never executable (Device): permissions per
 * section are for a later step (Documentation/arm64.md).
 */
#include <tern/printk.h>
#include <tern/string.h>
#include <asm/io.h>
#include <asm/page.h>
#include <asm/processor.h>
#include <asm/setup.h>
#include <asm/sysreg.h>

#define PTRS		512
#define L1_SHIFT	30
#define L2_SHIFT	21
#define PTE_VALID	(1UL << 0)
#define PTE_TABLE	(1UL << 1)	/* levels 1-2: a table, not a block */
#define PTE_AF		(1UL << 10)
#define PTE_SH_INNER	(3UL << 8)
#define PTE_ATTR(n)	((u64)(n) << 2)
#define PTE_PXN		(1UL << 53)
#define PTE_UXN		(1UL << 54)
#define PTE_ADDR_MASK	0x0000fffffffff000UL
#define PROT_NORMAL	(PTE_VALID | PTE_AF | PTE_SH_INNER | PTE_ATTR(MT_NORMAL))
#define PROT_DEVICE	(PTE_VALID | PTE_AF | PTE_ATTR(MT_DEVICE) | PTE_PXN | \
			 PTE_UXN)
#define PROT_MASK	(PTE_ATTR(7) | PTE_SH_INNER | PTE_PXN | PTE_UXN)

#define L2_POOL		16

static u64 l2_pool[L2_POOL][PTRS] __aligned(4096);
static unsigned int l2_used;

static void publish(void)
{
	__asm__ __volatile__("dsb ishst; isb" : : : "memory");
}

/*
 * Replace the 1 GiB block *l1e by a level-2 table of 2 MiB blocks with
 * its attributes, leaving [start, end) invalid for the caller to fill.
 * Break-before-make: the entry is invalidated and the TLBs flushed
 * before the table goes in. Nothing in the block may be touched
 * meanwhile: interrupts are masked (the GIC and the UART live in
 * [0, 1 GiB)); this code, its stack and the pool are RAM above it.
 */
static u64 *split_block(u64 *l1e, u64 start, u64 end)
{
	u64 base = *l1e & PTE_ADDR_MASK, attrs = *l1e & ~PTE_ADDR_MASK;
	unsigned long flags;
	unsigned int i;
	u64 *l2, a;

	if (l2_used == L2_POOL)
		return NULL;
	l2 = l2_pool[l2_used++];
	for (i = 0; i < PTRS; i++) {
		a = base + ((u64)i << L2_SHIFT);
		l2[i] = a >= start && a < end ? 0 : a | attrs;
	}
	flags = native_save_fl();
	native_irq_disable();
	WRITE_ONCE(*l1e, 0);
	__asm__ __volatile__("dsb ishst; tlbi vmalle1is; dsb ish; isb"
			     : : : "memory");
	WRITE_ONCE(*l1e, virt_to_phys(l2) | PTE_VALID | PTE_TABLE);
	publish();
	native_restore_fl(flags);
	return l2;
}

static int map_slot(unsigned int i1, u64 start, u64 end, u64 prot)
{
	u64 *l1e = &early_pgd[i1];
	u64 *l2;
	u64 a;

	if (*l1e & PTE_VALID) {
		if (!(*l1e & PTE_TABLE) &&	/* a 1 GiB block already */
		    (*l1e & PROT_MASK) == (prot & PROT_MASK))
			return 0;
		if (!(*l1e & PTE_TABLE)) {
			l2 = split_block(l1e, start, end);
			if (!l2)
				return -ENOMEM;
		} else {
			l2 = (u64 *)(uintptr_t)(*l1e & PTE_ADDR_MASK);
		}
	} else if (start == (u64)i1 << L1_SHIFT &&
		   end == ((u64)i1 + 1) << L1_SHIFT) {
		WRITE_ONCE(*l1e, start | prot);
		return 0;
	} else {
		if (l2_used == L2_POOL)
			return -ENOMEM;
		l2 = l2_pool[l2_used++];
		memset(l2, 0, PAGE_SIZE);
		publish();
		WRITE_ONCE(*l1e, virt_to_phys(l2) | PTE_VALID | PTE_TABLE);
	}
	for (a = start; a < end; a += 1UL << L2_SHIFT) {
		u64 *l2e = &l2[(a >> L2_SHIFT) % PTRS];

		if (*l2e & PTE_VALID) {
			if ((*l2e & PROT_MASK) != (prot & PROT_MASK))
				return -EBUSY;
			continue;
		}
		WRITE_ONCE(*l2e, a | prot);
	}
	return 0;
}

static int map_range(phys_addr_t pa, u64 size, u64 prot)
{
	u64 start = pa & ~((1UL << L2_SHIFT) - 1);
	u64 end = pa + size;
	int ret = 0;

	if (!size || end < pa || end > DIRECT_MAP_MAX - (1UL << L2_SHIFT))
		return -ERANGE;
	end = (end + (1UL << L2_SHIFT) - 1) & ~((1UL << L2_SHIFT) - 1);
	while (start < end && !ret) {
		unsigned int i1 = start >> L1_SHIFT;
		u64 slot_end = ((u64)i1 + 1) << L1_SHIFT;
		u64 e = end < slot_end ? end : slot_end;

		ret = map_slot(i1, start, e, prot);
		start = e;
	}
	publish();
	return ret;
}

int mmu_map_normal(phys_addr_t pa, u64 size)
{
	return map_range(pa, size, PROT_NORMAL);
}

int mmu_map_device(phys_addr_t pa, u64 size)
{
	return map_range(pa, size, PROT_DEVICE);
}

static bool addr_mapped(u64 a)
{
	u64 l1e, l2e;

	if (a >= DIRECT_MAP_MAX)
		return false;
	l1e = READ_ONCE(early_pgd[a >> L1_SHIFT]);
	if (!(l1e & PTE_VALID))
		return false;
	if (!(l1e & PTE_TABLE))
		return true;
	l2e = ((u64 *)(uintptr_t)(l1e & PTE_ADDR_MASK))[(a >> L2_SHIFT) % PTRS];
	return l2e & PTE_VALID;
}

bool mmu_is_mapped(phys_addr_t pa, u64 size)
{
	u64 a;

	if (!size || pa + size < pa)
		return false;
	for (a = pa & ~((1UL << L2_SHIFT) - 1); a < pa + size;
	     a += 1UL << L2_SHIFT)
		if (!addr_mapped(a))
			return false;
	return true;
}

void __iomem *ioremap(phys_addr_t pa, size_t size)
{
	if (mmu_map_device(pa, size))
		return NULL;
	return (void __iomem *)(uintptr_t)pa;
}
