// SPDX-License-Identifier: GPL-2.0
/*
 * Multiboot2 boot information (GRUB). Tags are 8-byte aligned records
 * {type, size}; every size is checked against the total before use.
 */
#include <tern/string.h>
#include <asm/bootinfo.h>

#define MB2_TAG_END		0
#define MB2_TAG_CMDLINE		1
#define MB2_TAG_MODULE		3
#define MB2_TAG_MMAP		6
#define MB2_TAG_ACPI_OLD	14
#define MB2_TAG_ACPI_NEW	15

#define MB2_INFO_MAX		(1u << 20)

struct mb2_tag {
	u32 type;
	u32 size;
};

struct mb2_mmap_entry {
	u64 addr;
	u64 len;
	u32 type;
	u32 reserved;
};

const char *mb2_parse(u64 pa, boot_map_fn map, struct boot_info *bi)
{
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
		case MB2_TAG_ACPI_NEW:
			/* a copy of the RSDP: remember only that one exists */
			break;
		default:
			break;
		}
		off += ALIGN_UP(t->size, 8);
	}
	if (!have_mmap)
		return "multiboot2 information has no memory map";
	memmap_sanitize(&bi->mm);
	return NULL;
}
