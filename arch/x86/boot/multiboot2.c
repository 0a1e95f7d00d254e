// SPDX-License-Identifier: GPL-2.0
/*
 * Multiboot2 boot information (GRUB). Tags are 8-byte aligned records
 * {type, size}; every size is checked against the total before use.
 *
 * Under UEFI there is no RSDP in the BIOS area for Tern to find: GRUB's
 * ACPI tags (new: the ACPI 2.0+ RSDP, old: the 1.0 one) carry a *copy*
 * of it, which is kept in boot_info (setup passes its address on). The
 * memory map is the BIOS-style tag when GRUB gives one (it converts the
 * EFI map itself); otherwise the EFI memory map tag, by descriptor type.
 */
#include <tern/string.h>
#include <asm/bootinfo.h>

#define MB2_TAG_END		0
#define MB2_TAG_CMDLINE		1
#define MB2_TAG_MODULE		3
#define MB2_TAG_MMAP		6
#define MB2_TAG_ACPI_OLD	14
#define MB2_TAG_ACPI_NEW	15
#define MB2_TAG_EFI_MMAP	17

#define MB2_INFO_MAX		(1u << 20)

struct mb2_tag {
	u32 type;
	u32 size;
};

/* UEFI 2.x EFI_MEMORY_DESCRIPTOR (descriptors may be larger) */
struct efi_mem_desc {
	u32 type;
	u32 pad;
	u64 phys_start;
	u64 virt_start;
	u64 nr_pages;
	u64 attribute;
};

struct mb2_mmap_entry {
	u64 addr;
	u64 len;
	u32 type;
	u32 reserved;
};

/*
 * EFI memory types after ExitBootServices (GRUB has called it): loader
 * and boot-services memory is free RAM, runtime-services memory, MMIO
 * and anything unknown stay reserved.
 */
static u32 efi_type_to_memmap(u32 type)
{
	switch (type) {
	case 1:		/* EfiLoaderCode */
	case 2:		/* EfiLoaderData */
	case 3:		/* EfiBootServicesCode */
	case 4:		/* EfiBootServicesData */
	case 7:		/* EfiConventionalMemory */
		return MEMMAP_RAM;
	case 8:		/* EfiUnusableMemory */
		return MEMMAP_UNUSABLE;
	case 9:		/* EfiACPIReclaimMemory */
		return MEMMAP_ACPI;
	case 10:	/* EfiACPIMemoryNVS */
		return MEMMAP_NVS;
	default:
		return MEMMAP_RESERVED;
	}
}

static const char *mb2_efi_mmap(const u8 *body, u32 blen, struct memmap *mm)
{
	u32 dsize, i, n;

	if (blen < 8)
		return "multiboot2 EFI memory map tag is truncated";
	memcpy(&dsize, body, 4);
	if (dsize < sizeof(struct efi_mem_desc) || (dsize & 7))
		return "multiboot2 EFI memory map has a bad descriptor size";
	n = (blen - 8) / dsize;
	for (i = 0; i < n; i++) {
		struct efi_mem_desc d;

		memcpy(&d, body + 8 + (size_t)i * dsize, sizeof(d));
		if (!d.nr_pages)
			continue;
		if (d.nr_pages > (~0ull >> PAGE_SHIFT) ||
		    d.phys_start + (d.nr_pages << PAGE_SHIFT) - 1 < d.phys_start)
			return "multiboot2 EFI memory descriptor wraps";
		if (memmap_add(mm, d.phys_start, d.nr_pages << PAGE_SHIFT,
			       efi_type_to_memmap(d.type)) == -ENOSPC)
			return "multiboot2 EFI memory map has too many entries";
	}
	return NULL;
}

/* Keep a copy of the RSDP from an ACPI tag; the new (2.0) tag wins. */
static void mb2_acpi(const u8 *body, u32 blen, u8 kind, struct boot_info *bi)
{
	if (bi->rsdp_tag == BOOT_RSDP_TAG_NEW && kind != BOOT_RSDP_TAG_NEW)
		return;
	if (blen > sizeof(bi->rsdp_copy))
		blen = sizeof(bi->rsdp_copy);
	memset(bi->rsdp_copy, 0, sizeof(bi->rsdp_copy));
	memcpy(bi->rsdp_copy, body, blen);
	bi->rsdp_copy_len = blen;
	bi->rsdp_tag = kind;
}

const char *mb2_parse(u64 pa, boot_map_fn map, struct boot_info *bi)
{
	const u8 *efi_body = NULL;
	u32 efi_blen = 0;
	const u32 *hdr = map(pa, 8);
	const u8 *base;
	bool have_mmap = false;
	u32 total, off;

	memset(bi, 0, sizeof(*bi));
	if (!hdr)
		return "multiboot2 information is not addressable";
	total = hdr[0];
	if (total < 16 || total > MB2_INFO_MAX || (pa & 7))
		return "multiboot2 information has a bad size or alignment";
	base = map(pa, total);
	if (!base)
		return "multiboot2 information is not addressable";
	bi->info_start = pa;
	bi->info_size = total;

	for (off = 8; off + sizeof(struct mb2_tag) <= total;) {
		const struct mb2_tag *t = (const void *)(base + off);
		const u8 *body = (const u8 *)(t + 1);
		u32 blen;

		if (t->size < sizeof(*t) || t->size > total - off)
			return "multiboot2 tag runs past the end of the information";
		if (t->type == MB2_TAG_END)
			break;
		blen = t->size - sizeof(*t);

		switch (t->type) {
		case MB2_TAG_CMDLINE: {
			size_t n = strnlen((const char *)body, blen);

			if (n >= BOOT_CMDLINE_MAX)
				n = BOOT_CMDLINE_MAX - 1;
			memcpy(bi->cmdline, body, n);
			bi->cmdline[n] = '\0';
			break;
		}
		case MB2_TAG_MODULE: {
			const u32 *m = (const u32 *)body;

			if (blen < 8)
				return "multiboot2 module tag is truncated";
			if (m[1] < m[0])
				return "multiboot2 module ends before it starts";
			if (bi->nr_mods < BOOT_MAX_MODS) {
				bi->mods[bi->nr_mods].start = m[0];
				bi->mods[bi->nr_mods].size = m[1] - m[0];
				bi->nr_mods++;
			}
			break;
		}
		case MB2_TAG_MMAP: {
			const u32 *h = (const u32 *)body;
			u32 esize, i, n;

			if (blen < 8)
				return "multiboot2 memory map tag is truncated";
			esize = h[0];
			if (esize < sizeof(struct mb2_mmap_entry) || (esize & 7))
				return "multiboot2 memory map has a bad entry size";
			n = (blen - 8) / esize;
			for (i = 0; i < n; i++) {
				struct mb2_mmap_entry e;

				memcpy(&e, body + 8 + i * esize, sizeof(e));
				if (memmap_add(&bi->mm, e.addr, e.len,
					       e.type) == -ENOSPC)
					return "multiboot2 memory map has too many entries";
			}
			have_mmap = true;
			break;
		}
		case MB2_TAG_ACPI_OLD:
			mb2_acpi(body, blen, BOOT_RSDP_TAG_OLD, bi);
			break;
		case MB2_TAG_ACPI_NEW:
			mb2_acpi(body, blen, BOOT_RSDP_TAG_NEW, bi);
			break;
		case MB2_TAG_EFI_MMAP:
			efi_body = body;
			efi_blen = blen;
			break;
		default:
			break;
		}
		off += ALIGN_UP(t->size, 8);
	}
	if (!have_mmap && efi_body) {
		const char *err = mb2_efi_mmap(efi_body, efi_blen, &bi->mm);

		if (err)
			return err;
		have_mmap = true;
		bi->mmap_from_efi = true;
	}
	if (!have_mmap)
		return "multiboot2 information has no memory map (neither the memory map nor the EFI memory map tag)";
	memmap_sanitize(&bi->mm);
	return NULL;
}
