// SPDX-License-Identifier: GPL-2.0
/*
 * ioremap: device memory mapped uncached in the vmap area with
 * _PAGE_IOMAP, so a Xen PV MMU installs the frame untranslated.
 */
#include <tern/printk.h>
#include <asm/io.h>
#include <asm/pgtable.h>

void __iomem *ioremap(phys_addr_t pa, size_t size)
{
	phys_addr_t base = ALIGN_DOWN(pa, PAGE_SIZE);
	size_t len = ALIGN_UP(pa + size, PAGE_SIZE) - base;
	unsigned long va = vmap_alloc_va(len);
	size_t off;

	if (!va || !size)
		return NULL;
	for (off = 0; off < len; off += PAGE_SIZE) {
		if (map_page(va + off, base + off, PAGE_KERNEL_IO)) {
			while (off) {
				off -= PAGE_SIZE;
				unmap_page(va + off);
			}
			return NULL;
		}
	}
	return (void __iomem *)(va + (pa - base));
}

void iounmap(void __iomem *addr, size_t size)
{
	unsigned long va = ALIGN_DOWN((unsigned long)(uintptr_t)(void __force *)addr,
				      PAGE_SIZE);
	unsigned long end = ALIGN_UP((unsigned long)(uintptr_t)(void __force *)addr +
				     size, PAGE_SIZE);

	for (; va < end; va += PAGE_SIZE)
		unmap_page(va);
}
