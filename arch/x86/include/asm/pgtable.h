/* SPDX-License-Identifier: GPL-2.0 */
#ifndef _ASM_PGTABLE_H
#define _ASM_PGTABLE_H

#include <tern/types.h>
#include <asm/pv_ops.h>

#define _PAGE_PRESENT	(1UL << 0)
#define _PAGE_RW	(1UL << 1)
#define _PAGE_USER	(1UL << 2)
#define _PAGE_PWT	(1UL << 3)
#define _PAGE_PCD	(1UL << 4)
#define _PAGE_ACCESSED	(1UL << 5)
#define _PAGE_DIRTY	(1UL << 6)
#define _PAGE_PSE	(1UL << 7)
#define _PAGE_GLOBAL	(1UL << 8)
/*
 * _PAGE_IOMAP (software bit 10): the frame in this PTE is a machine
 * frame. The seed design (LKML 2009 "xen: core dom0 support") has
 * ioremap() set it so that the Xen PV MMU installs the frame number
 * as-is instead of translating pfn -> mfn; it means exactly that,
 * always, whether or not the number also looks like one of our pfns
 * (xen_pv_map_mfn() maps shared_info and console rings this way).
 * Native and PVH ignore it (it is cleared from the hardware PTE). Linux
 * dropped the bit in 2014 in favour of identity entries in the P2M for
 * non-RAM frames; Tern keeps the explicit bit because it makes the
 * intent visible at the mapping call. A PV dom0's holes are identity
 * in the P2M as well (arch/x86/xen/p2m.c), so both agree.
 */
#define _PAGE_IOMAP	(1UL << 10)
#define _PAGE_NX	(1UL << 63)

#define PTE_ADDR_MASK	0x000ffffffffff000UL
#define PTE_FLAGS_MASK	(~PTE_ADDR_MASK)

#define PAGE_KERNEL	(_PAGE_PRESENT | _PAGE_RW | _PAGE_ACCESSED | _PAGE_DIRTY)
#define PAGE_KERNEL_RO	(_PAGE_PRESENT | _PAGE_ACCESSED)
#define PAGE_KERNEL_IO	(PAGE_KERNEL | _PAGE_PCD | _PAGE_PWT | _PAGE_IOMAP)

#define PGDIR_SHIFT	39
#define PUD_SHIFT	30
#define PMD_SHIFT	21
#define PTRS_PER_TABLE	512

static inline unsigned int pt_index(unsigned long va, int level)
{
	return (va >> (PAGE_SHIFT + 9 * (level - 1))) & 511;
}

/* The kernel's top-level table (virtual address). */
extern pteval_t *kernel_pgd;

/* arch/x86/mm/pgtable.c: 4 KiB mappings in kernel_pgd. */
int map_page(unsigned long va, phys_addr_t pa, pteval_t flags);
int unmap_page(unsigned long va);
int protect_page(unsigned long va, pteval_t flags);
/* Returns 0 and fills pa/flags for a present 4 KiB mapping, else -ENOENT. */
int lookup_page(unsigned long va, phys_addr_t *pa, pteval_t *flags);

struct memmap;
/*
 * Build the direct map (of RAM in m) and the kernel map (the image, and
 * [0, kmap_end) when the entry needs more mapped there), switch to them.
 */
void paging_init(const struct memmap *m, u64 kmap_end);
/* After mm_init: finish a direct map paging_init could not (PV). */
void paging_init_late(void);

/* Allocate virtual space in the vmap area (bump allocator). */
unsigned long vmap_alloc_va(size_t size);

#endif
