// SPDX-License-Identifier: GPL-2.0
/*
 * The page tables an AP enables paging with in the SMP trampoline
 * (arch/x86/include/asm/trampoline.h): CR3 is loaded in 32-bit mode, so the PML4
 * must lie below 4 GiB, and the instruction after the one that sets
 * CR0.PG is fetched from the trampoline page at its physical address,
 * so that page is mapped 1:1. The upper half (the kernel image, the
 * direct map where the AP's stack and cpu_data are, the vmap area) is
 * kernel_pgd's own entries, so the AP can jump to the kernel's text and
 * touch its stack before it switches to the kernel's CR3.
 *
 * Natively only (the Xen roles start their CPUs in 64-bit mode on the
 * kernel's tables); the entries still go through pv_ops.mmu like every
 * page-table write. The four pages are kept: they are small and every
 * later bring-up uses them again.
 */
#include <tern/mm.h>
#include <tern/printk.h>
#include <asm/page.h>
#include <asm/pgtable.h>
#include <asm/trampoline.h>

#define KERNEL_HALF	(PTRS_PER_TABLE / 2)

static pteval_t *tables[4];	/* PML4, PDPT, PD, PT */
static phys_addr_t mapped_pa;

static bool alloc_tables(void)
{
	unsigned int i;

	for (i = 0; i < 4; i++) {
		tables[i] = alloc_page(GFP_ZERO | GFP_DMA32);
		if (!tables[i])
			return false;
		pv_ops.mmu.alloc_pt(virt_to_phys(tables[i]), 4 - i);
	}
	return true;
}

phys_addr_t trampoline_pgd(phys_addr_t ident_pa)
{
	pteval_t link = _PAGE_PRESENT | _PAGE_RW | _PAGE_ACCESSED;
	unsigned int i;

	if (!tables[3] && !alloc_tables()) {
		pr_err("smp: no page below 4 GiB for the trampoline's tables\n");
		return 0;
	}
	if (mapped_pa != ident_pa) {
		/* one 4 KiB identity page; the trampoline is below 1 MiB */
		if (mapped_pa)
			pv_ops.mmu.set_pte(&tables[3][pt_index(mapped_pa, 1)],
					   0);
		pv_ops.mmu.set_pgd(&tables[0][pt_index(ident_pa, 4)],
				   pv_ops.mmu.make_pte(virt_to_phys(tables[1]),
						       link));
		pv_ops.mmu.set_pud(&tables[1][pt_index(ident_pa, 3)],
				   pv_ops.mmu.make_pte(virt_to_phys(tables[2]),
						       link));
		pv_ops.mmu.set_pmd(&tables[2][pt_index(ident_pa, 2)],
				   pv_ops.mmu.make_pte(virt_to_phys(tables[3]),
						       link));
		pv_ops.mmu.set_pte(&tables[3][pt_index(ident_pa, 1)],
				   pv_ops.mmu.make_pte(ident_pa,
						       link | _PAGE_DIRTY));
		mapped_pa = ident_pa;
	}
	for (i = KERNEL_HALF; i < PTRS_PER_TABLE; i++)
		pv_ops.mmu.set_pgd(&tables[0][i], kernel_pgd[i]);
	return virt_to_phys(tables[0]);
}
