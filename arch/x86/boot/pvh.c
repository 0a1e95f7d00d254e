// SPDX-License-Identifier: GPL-2.0
/*
 * PVH start info (xen/arch-x86/hvm/start_info.h), as passed by QEMU's
 * -kernel loader and by Xen. Version 0 has no memory map; Tern then has
 * nothing trustworthy and says so (the Xen PVH path will ask Xen for the
 * map with XENMEM_memory_map instead).
 */
#include <tern/string.h>
#include <asm/bootinfo.h>
#include <xen/xen.h>
#include <xen/arch-x86/hvm/start_info.h>

#define PVH_MAX_MEMMAP	1024
#define PVH_MAX_MODS	64

static void copy_cmdline(char *dst, const char *src, size_t avail)
{
	size_t i;

	for (i = 0; i + 1 < BOOT_CMDLINE_MAX && i < avail && src[i]; i++)
		dst[i] = src[i];
	dst[i] = '\0';
}

const char *pvh_parse(u64 pa, boot_map_fn map, struct boot_info *bi)
{
	const struct hvm_start_info *si = map(pa, sizeof(*si));
	unsigned int i;

	memset(bi, 0, sizeof(*bi));
	if (!si)
		return "PVH start info is not addressable";
	if (si->magic != XEN_HVM_START_MAGIC_VALUE)
		return "PVH start info has a bad magic value";
	bi->info_start = pa;
	bi->info_size = sizeof(*si);
	bi->flags = si->flags;
	/* in every version (Xen 4.17 gives PVH dom0 version 0 with it) */
	bi->rsdp = si->rsdp_paddr;

	if (si->cmdline_paddr) {
		const char *c = map(si->cmdline_paddr, BOOT_CMDLINE_MAX);

		if (!c)
			return "PVH command line is not addressable";
		copy_cmdline(bi->cmdline, c, BOOT_CMDLINE_MAX);
	}

	if (si->nr_modules > PVH_MAX_MODS)
		return "PVH start info lists an absurd number of modules";
	if (si->nr_modules) {
		const struct hvm_modlist_entry *m;

		m = map(si->modlist_paddr, si->nr_modules * sizeof(*m));
		if (!m)
			return "PVH module list is not addressable";
		for (i = 0; i < si->nr_modules && i < BOOT_MAX_MODS; i++) {
			if (m[i].paddr + m[i].size < m[i].paddr)
				return "PVH module wraps around the address space";
			bi->mods[i].start = m[i].paddr;
			bi->mods[i].size = m[i].size;
		}
		bi->nr_mods = i;
	}

	/* no map here: the caller asks Xen (XENMEM_memory_map) or gives up */
	if (si->version < 1 || !si->memmap_paddr || !si->memmap_entries)
		return NULL;
	if (si->memmap_entries > PVH_MAX_MEMMAP)
		return "PVH memory map has an absurd number of entries";
	{
		const struct hvm_memmap_table_entry *e;

		e = map(si->memmap_paddr, si->memmap_entries * sizeof(*e));
		if (!e)
			return "PVH memory map is not addressable";
		for (i = 0; i < si->memmap_entries; i++)
			if (memmap_add(&bi->mm, e[i].addr, e[i].size,
				       e[i].type) == -ENOSPC)
				return "PVH memory map has too many entries";
	}
	memmap_sanitize(&bi->mm);
	return NULL;
}
