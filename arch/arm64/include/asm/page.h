/* SPDX-License-Identifier: GPL-2.0 */
/*
 * arm64 memory layout, this step (Documentation/arm64.md): virtual =
 * physical. One set of page tables (TTBR0_EL1, 39-bit VA) maps the
 * Image where it was linked (0x40200000, QEMU virt's RAM base plus
 * 2 MiB) and every RAM range of the device tree at its own address
 * (Normal write-back), and devices at theirs (Device-nGnRE). The direct
 * map is therefore the identity, limited to the 512 GiB of a 39-bit
 * address space.
 */
#ifndef _ASM_PAGE_H
#define _ASM_PAGE_H

#define KERNEL_LOAD_PHYS	0x40200000UL
#define DIRECT_MAP_MAX		(1UL << 39)

#ifndef __ASSEMBLY__
#include <tern/types.h>

extern char _text[], _etext[], _end[];

static inline void *phys_to_virt(phys_addr_t pa)
{
	return (void *)(uintptr_t)pa;
}

/* Is va a direct-map address (mm/page.c's check before a free)? */
static inline bool virt_in_direct_map(const void *va)
{
	return (uintptr_t)va < DIRECT_MAP_MAX;
}

static inline phys_addr_t virt_to_phys(const void *va)
{
	return (uintptr_t)va;
}

/* One virtual address per RAM byte (x86 has a kernel-map alias too). */
#define KERNEL_NR_ALIASES	1

static inline void kernel_aliases(phys_addr_t pa,
				  unsigned long va[KERNEL_NR_ALIASES])
{
	va[0] = pa;
}
#endif

#endif
