// SPDX-License-Identifier: GPL-2.0
/*
 * Building a PVH guest (the HVM container entered in 32-bit protected
 * mode at the kernel's XEN_ELFNOTE_PHYS32_ENTRY, with %ebx pointing at an
 * hvm_start_info; Xen's docs/misc/pvh.pandoc).
 *
 * Guest-physical layout (what libxl gives a PVH guest):
 *   [0, mem)                 RAM, populated with 2 MiB extents where
 *                            aligned, 4 KiB pages for the rest
 *   kernel                   at its ELF physical addresses (inside RAM)
 *   ramdisk                  the first page after the kernel's end
 *   start info page          after the ramdisk: hvm_start_info, the
 *                            module list, the memory map, the command line
 *   0xfc000000-0xfc000fff    ACPI tables (drivers/acpi/build.c: FADT,
 *                            MADT with the vCPUs, ...), ACPI in the memory
 *                            map, the RSDP in hvm_start_info.rsdp_paddr
 *   0xfeff8000-0xfeffffff    special pages, reserved in the memory map:
 *                            xenstore 0xfeffc, console 0xfefff
 * The memory map is also given to Xen (XENMEM_set_memory_map), where a
 * guest that asks with XENMEM_memory_map finds it. RAM stops below the
 * special pages: guests up to 3 GiB (the 4 GiB hole is not modelled).
 *
 * The vCPU: Xen's HVM context record for vCPU 0 (the header must be
 * Xen's own, so the whole context is read first), set to flat 32-bit
 * protected mode, paging off, rip = PHYS32_ENTRY, rbx = start info.
 */
#include <tern/xen/domctl.h>
#include <tern/acpi.h>
#include <tern/elf_load.h>
#include <tern/kernel.h>
#include <tern/mm.h>
#include <tern/printk.h>
#include <tern/string.h>
#include <tern/xen/toolstack.h>
#include <asm/page.h>
#include <asm/xen/foreign.h>
#include <asm/xen/hypercall.h>
#include <xen/arch-x86/hvm/start_info.h>
#include <xen/hvm/params.h>
#include <xen/memory.h>

#define SPECIAL_PFN0	0xfeff8ULL
#define NR_SPECIAL	8
#define STORE_PFN	0xfeffcULL
#define CONSOLE_PFN	0xfefffULL
#define ACPI_PFN	0xfc000ULL	/* libxl's ACPI_INFO_PHYSICAL_ADDRESS */
#define NR_MEMMAP	3
#define PVH_MAX_PAGES	(3ULL << (30 - PAGE_SHIFT))
#define ORDER_2M	9

static int populate(struct guest *g)
{
	u64 n2m = g->nr_pages >> ORDER_2M, rest, i;
	u64 max = max(n2m, (u64)NR_SPECIAL);
	xen_pfn_t *f;
	int rc;

	rest = g->nr_pages - (n2m << ORDER_2M);
	max = max(max, rest);
	f = kmalloc(max * sizeof(*f));
	if (!f)
		return -ENOMEM;
	for (i = 0; i < n2m; i++)
		f[i] = i << ORDER_2M;
	rc = guest_populate(g, f, n2m, ORDER_2M);
	for (i = 0; !rc && i < rest; i++)
		f[i] = (n2m << ORDER_2M) + i;
	if (!rc)
		rc = guest_populate(g, f, rest, 0);
	for (i = 0; !rc && i < NR_SPECIAL; i++)
		f[i] = SPECIAL_PFN0 + i;
	if (!rc)
		rc = guest_populate(g, f, NR_SPECIAL, 0);
	f[0] = ACPI_PFN;
	if (!rc)
		rc = guest_populate(g, f, 1, 0);
	kfree(f);
	return rc;
}

static int set_memory_map(struct guest *g, struct hvm_memmap_table_entry *mm)
{
	mm[0].addr = 0;
	mm[0].size = g->nr_pages << PAGE_SHIFT;
	mm[0].type = XEN_HVM_MEMMAP_TYPE_RAM;
	mm[1].addr = ACPI_PFN << PAGE_SHIFT;
	mm[1].size = PAGE_SIZE;
	mm[1].type = XEN_HVM_MEMMAP_TYPE_ACPI;
	mm[2].addr = SPECIAL_PFN0 << PAGE_SHIFT;
	mm[2].size = NR_SPECIAL << PAGE_SHIFT;
	mm[2].type = XEN_HVM_MEMMAP_TYPE_RESERVED;
	return guest_set_memory_map(g, mm, NR_MEMMAP);
}

/* Copy len bytes to guest-physical pa (page aligned), through a mapping. */
static int copy_to_guest(struct guest *g, u64 pa, const void *src, size_t len)
{
	struct foreign_map *m;
	u64 n = ALIGN_UP(len, PAGE_SIZE) >> PAGE_SHIFT;
	u8 *va;

	if (!len)
		return 0;
	va = guest_map(g, pa >> PAGE_SHIFT, n, &m);
	if (!va)
		return -EIO;
	memcpy(va, src, len);
	memset(va + len, 0, (n << PAGE_SHIFT) - len);
	foreign_free(m);
	return 0;
}

static int zero_special(struct guest *g)
{
	struct foreign_map *m;
	u8 *va = guest_map(g, SPECIAL_PFN0, NR_SPECIAL, &m);

	if (!va)
		return -EIO;
	memset(va, 0, NR_SPECIAL << PAGE_SHIFT);
	foreign_free(m);
	return 0;
}

static int load_kernel(struct guest *g, const u8 *elf, size_t len,
		       const struct elf_info *ei)
{
	u64 pfn = ei->p_start >> PAGE_SHIFT;
	u64 end = ALIGN_UP(ei->p_end, PAGE_SIZE) >> PAGE_SHIFT;
	struct foreign_map *m;
	u8 *va;
	int rc;

	va = guest_map(g, pfn, end - pfn, &m);
	if (!va)
		return -EIO;
	rc = elf_load(elf, len, ei, ELF_LOAD_PVH, pfn << PAGE_SHIFT, va,
		      (end - pfn) << PAGE_SHIFT);
	foreign_free(m);
	if (rc)
		pr_err("toolstack: %s: loading the kernel failed: %d\n",
		       g->spec.name, rc);
	return rc;
}

/* The ACPI tables, in their page (the vCPUs as the config has them). */
static int acpi_tables(struct guest *g)
{
	u8 *page = alloc_page(0);
	size_t used;
	int rc;

	if (!page)
		return -ENOMEM;
	rc = acpi_build_guest(page, PAGE_SIZE, ACPI_PFN << PAGE_SHIFT,
			      g->spec.vcpus, g->spec.vcpus, &g->rsdp_pa,
			      &used);
	if (!rc)
		rc = copy_to_guest(g, ACPI_PFN << PAGE_SHIFT, page, used);
	else
		pr_err("toolstack: %s: ACPI tables for %u vCPUs: %d\n",
		       g->spec.name, g->spec.vcpus, rc);
	free_page(page);
	return rc;
}

/* The start info page: returns its guest-physical address. */
static int start_info(struct guest *g, u64 pa, u64 rd_pa,
		      struct hvm_memmap_table_entry *mm)
{
	u8 *page = alloc_page(0);
	struct hvm_start_info *si = (void *)page;
	struct hvm_modlist_entry *mod = (void *)(si + 1);
	struct hvm_memmap_table_entry *map = (void *)(mod + 1);
	char *cmd = (char *)(map + NR_MEMMAP);
	size_t cl = strnlen(g->spec.cmdline, GUEST_CMDLINE_MAX - 1);
	int rc;

	if (!page)
		return -ENOMEM;
	memset(page, 0, PAGE_SIZE);
	si->magic = XEN_HVM_START_MAGIC_VALUE;
	si->version = 1;
	si->cmdline_paddr = pa + ((u8 *)cmd - page);
	memcpy(cmd, g->spec.cmdline, cl);
	if (g->spec.ramdisk_len) {
		si->nr_modules = 1;
		si->modlist_paddr = pa + ((u8 *)mod - page);
		mod->paddr = rd_pa;
		mod->size = g->spec.ramdisk_len;
	}
	memcpy(map, mm, NR_MEMMAP * sizeof(*map));
	si->memmap_paddr = pa + ((u8 *)map - page);
	si->memmap_entries = NR_MEMMAP;
	si->rsdp_paddr = g->rsdp_pa;
	rc = copy_to_guest(g, pa, page, PAGE_SIZE);
	free_page(page);
	return rc;
}

static int vcpu_context(struct guest *g, u32 entry, u64 si_pa)
{
	struct {
		struct hvm_save_descriptor header_d;
		HVM_SAVE_TYPE(HEADER) header;
		struct hvm_save_descriptor cpu_d;
		HVM_SAVE_TYPE(CPU) cpu;
		struct hvm_save_descriptor end_d;
		HVM_SAVE_TYPE(END) end;
	} *ctx;
	struct xen_domctl d = {
		.cmd = XEN_DOMCTL_gethvmcontext,
		.domain = g->domid,
	};
	u8 *full;
	u32 size;
	int rc = xen_domctl(&d);

	size = d.u.hvmcontext.size;
	if (rc || size < sizeof(ctx->header_d) + sizeof(ctx->header) ||
	    size > 64 * PAGE_SIZE) {
		pr_err("toolstack: %s: HVM context size: %d/%u\n",
		       g->spec.name, rc, size);
		return rc ? rc : -EIO;
	}
	full = kmalloc(size);
	ctx = kzalloc(sizeof(*ctx));
	rc = -ENOMEM;
	if (!full || !ctx)
		goto out;
	set_xen_guest_handle(d.u.hvmcontext.buffer, full);
	rc = xen_domctl(&d);
	if (rc) {
		pr_err("toolstack: %s: gethvmcontext failed: %d\n",
		       g->spec.name, rc);
		goto out;
	}
	memcpy(ctx, full, sizeof(ctx->header_d) + sizeof(ctx->header));
	ctx->cpu_d.typecode = HVM_SAVE_CODE(CPU);
	ctx->cpu_d.length = HVM_SAVE_LENGTH(CPU);
	ctx->cpu.cs_limit = ~0U;
	ctx->cpu.ds_limit = ~0U;
	ctx->cpu.ss_limit = ~0U;
	ctx->cpu.tr_limit = 0x67;
	ctx->cpu.cs_arbytes = 0xc9b;	/* 32-bit code, present, accessed */
	ctx->cpu.ds_arbytes = 0xc93;
	ctx->cpu.ss_arbytes = 0xc93;
	ctx->cpu.tr_arbytes = 0x8b;
	ctx->cpu.cr0 = 0x11;		/* PE | ET */
	ctx->cpu.rip = entry;
	ctx->cpu.rbx = si_pa;
	ctx->end_d.typecode = HVM_SAVE_CODE(END);
	ctx->end_d.length = HVM_SAVE_LENGTH(END);
	memset(&d, 0, sizeof(d));
	d.cmd = XEN_DOMCTL_sethvmcontext;
	d.domain = g->domid;
	d.u.hvmcontext.size = sizeof(*ctx);
	set_xen_guest_handle(d.u.hvmcontext.buffer, (u8 *)ctx);
	rc = xen_domctl(&d);
	if (rc)
		pr_err("toolstack: %s: sethvmcontext failed: %d\n",
		       g->spec.name, rc);
out:
	kfree(full);
	kfree(ctx);
	return rc;
}

/*
 * A translated guest's grant table has no frame in its memory until the
 * guest places one: the builder places frame 0 at a scratch gfn (the
 * first above RAM), seeds it through a mapping and takes it away again.
 */
static int seed_grants(struct guest *g)
{
	struct xen_add_to_physmap xatp = {
		.domid = g->domid,
		.space = XENMAPSPACE_grant_table,
		.idx = 0,
		.gpfn = g->nr_pages,
	};
	struct xen_remove_from_physmap rm = {
		.domid = g->domid,
		.gpfn = g->nr_pages,
	};
	struct foreign_map *m;
	xen_pfn_t frame = g->nr_pages;
	long rc = HYPERVISOR_memory_op(XENMEM_add_to_physmap, &xatp);
	int err = 0;

	if (rc) {
		pr_err("toolstack: %s: grant table frame: %ld\n",
		       g->spec.name, rc);
		return (int)rc;
	}
	m = foreign_map_new(g->domid, &frame, 1, &err);
	if (m) {
		guest_seed_grants(g, m->va);
		foreign_free(m);
	}
	rc = HYPERVISOR_memory_op(XENMEM_remove_from_physmap, &rm);
	return err ? err : (int)rc;
}

static int paging_pool(struct guest *g)
{
	/* libxl's default: 4 KiB * (256 per vCPU + 2 per MiB of maxmem) */
	u64 pages = 256ULL * g->spec.vcpus + 2ULL * g->spec.maxmem_mib;
	struct xen_domctl d = {
		.cmd = XEN_DOMCTL_set_paging_mempool_size,
		.domain = g->domid,
		.u.paging_mempool.size = pages << PAGE_SHIFT,
	};
	int rc = xen_domctl(&d);

	if (rc)
		pr_err("toolstack: %s: paging pool of %lu pages failed: %d\n",
		       g->spec.name, (unsigned long)pages, rc);
	return rc;
}

int build_pvh(struct guest *g, const u8 *elf, size_t len,
	      const struct elf_info *ei)
{
	struct hvm_memmap_table_entry mm[NR_MEMMAP];
	u64 rd_pa, si_pa;
	int rc;

	g->nr_pages = (u64)g->spec.mem_mib << (20 - PAGE_SHIFT);
	if (g->nr_pages > PVH_MAX_PAGES) {
		pr_err("toolstack: %s: PVH guests have at most 3 GiB here\n",
		       g->spec.name);
		return -E2BIG;
	}
	rd_pa = ALIGN_UP(ei->p_end, PAGE_SIZE);
	si_pa = ALIGN_UP(rd_pa + g->spec.ramdisk_len, PAGE_SIZE);
	if (si_pa + PAGE_SIZE > g->nr_pages << PAGE_SHIFT) {
		pr_err("toolstack: %s: %u MiB is too little for the kernel and ramdisk (%lu KiB)\n",
		       g->spec.name, g->spec.mem_mib,
		       (unsigned long)(si_pa >> 10));
		return -ENOMEM;
	}
	rc = paging_pool(g);
	if (!rc)
		rc = populate(g);
	if (!rc)
		rc = set_memory_map(g, mm);
	if (!rc)
		rc = zero_special(g);
	if (!rc)
		rc = load_kernel(g, elf, len, ei);
	if (!rc)
		rc = copy_to_guest(g, rd_pa, g->spec.ramdisk,
				   g->spec.ramdisk_len);
	if (!rc)
		rc = acpi_tables(g);
	if (!rc)
		rc = start_info(g, si_pa, rd_pa, mm);
	if (!rc)
		rc = guest_alloc_unbound(g, &g->store_port);
	if (!rc)
		rc = guest_alloc_unbound(g, &g->console_port);
	g->store_frame = STORE_PFN;
	g->console_frame = CONSOLE_PFN;
	if (!rc)
		rc = guest_hvm_param(g, HVM_PARAM_STORE_PFN, STORE_PFN);
	if (!rc)
		rc = guest_hvm_param(g, HVM_PARAM_STORE_EVTCHN, g->store_port);
	if (!rc)
		rc = guest_hvm_param(g, HVM_PARAM_CONSOLE_PFN, CONSOLE_PFN);
	if (!rc)
		rc = guest_hvm_param(g, HVM_PARAM_CONSOLE_EVTCHN,
				     g->console_port);
	if (!rc)
		rc = seed_grants(g);
	if (!rc)
		rc = vcpu_context(g, ei->phys32_entry, si_pa);
	return rc;
}
