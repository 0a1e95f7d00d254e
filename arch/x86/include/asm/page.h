/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Virtual memory layout (x86-64, 4-level paging):
 *
 *   0xffff888000000000  direct map of all RAM (DIRECT_MAP_BASE + phys)
 *   0xffffc90000000000  ioremap / vmap area (4 KiB pages)
 *   0xffffffff80000000  kernel image (KERNEL_VMA + phys), loaded at 1 MiB
 *
 * The low 4 GiB identity map built by the 32-bit entry is used only until
 * the direct map is up.
 */
#ifndef _ASM_PAGE_H
#define _ASM_PAGE_H

#define KERNEL_VMA		0xffffffff80000000UL
#define KERNEL_LOAD_PHYS	0x100000UL
#define DIRECT_MAP_BASE		0xffff888000000000UL
#define DIRECT_MAP_MAX		(64UL << 40)
#define VMAP_BASE		0xffffc90000000000UL
#define VMAP_SIZE		(1UL << 30)

#ifndef __ASSEMBLY__
#include <tern/types.h>

extern char _text[], _etext[], _end[];

static inline void *phys_to_virt(phys_addr_t pa)
{
	return (void *)(uintptr_t)(pa + DIRECT_MAP_BASE);
}

/*
 * The kernel's two virtual addresses of the RAM byte at pa: the direct
 * map, and the kernel map's alias (present only below the end of the
 * kernel map: the 2 MiB-aligned end of the image, or of Xen PV's boot
 * area). Code that must change every mapping of a page (Xen
 * PV: page-table pages are read-only everywhere) walks both.
 */
#define KERNEL_NR_ALIASES	2

static inline void kernel_aliases(phys_addr_t pa,
				  unsigned long va[KERNEL_NR_ALIASES])
{
	va[0] = DIRECT_MAP_BASE + pa;
	/* 0: no alias (KERNEL_VMA + pa would leave the top 2 GiB) */
	va[1] = pa < (1ULL << 30) ? KERNEL_VMA + pa : 0;
}

/* Is va a direct-map address (mm/page.c's check before a free)? */
static inline bool virt_in_direct_map(const void *va)
{
	uintptr_t v = (uintptr_t)va;

	return v >= DIRECT_MAP_BASE && v - DIRECT_MAP_BASE < DIRECT_MAP_MAX;
}

static inline phys_addr_t virt_to_phys(const void *va)
{
	uintptr_t v = (uintptr_t)va;

	if (v >= KERNEL_VMA)
		return v - KERNEL_VMA;
	return v - DIRECT_MAP_BASE;
}
#endif

#endif
