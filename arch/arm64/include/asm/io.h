/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Device memory (__iomem) is read and written only through these: one
 * access of the given width (a single ldr/str of that size, never
 * merged, split or elided: volatile), on memory mapped Device-nGnRE.
 * Like x86's, they are the only code that strips __iomem. No barriers
 * beyond what Device memory gives (accesses to one device stay in
 * order); DMA ordering comes with the DMA API, not built yet.
 */
#ifndef _ASM_IO_H
#define _ASM_IO_H

#include <tern/types.h>

static inline u8 readb(const volatile void __iomem *addr)
{
	return *(const volatile u8 __force *)addr;
}

static inline void writeb(u8 v, volatile void __iomem *addr)
{
	*(volatile u8 __force *)addr = v;
}

static inline u16 readw(const volatile void __iomem *addr)
{
	return *(const volatile u16 __force *)addr;
}

static inline void writew(u16 v, volatile void __iomem *addr)
{
	*(volatile u16 __force *)addr = v;
}

static inline u32 readl(const volatile void __iomem *addr)
{
	return *(const volatile u32 __force *)addr;
}

static inline void writel(u32 v, volatile void __iomem *addr)
{
	*(volatile u32 __force *)addr = v;
}

static inline u64 readq(const volatile void __iomem *addr)
{
	return *(const volatile u64 __force *)addr;
}

static inline void writeq(u64 v, volatile void __iomem *addr)
{
	*(volatile u64 __force *)addr = v;
}

/*
 * Map device memory: map it Device-nGnRE at its own address
 * (arch/arm64/mm/mmu.c); NULL if it cannot be mapped.
 */
void __iomem *ioremap(phys_addr_t pa, size_t size);

/*
 * Nothing to undo: device memory stays mapped at its own address (the
 * identity map never loses an entry), so a later ioremap of the same
 * range is free.
 */
static inline void iounmap(void __iomem *va, size_t size)
{
}

#endif
