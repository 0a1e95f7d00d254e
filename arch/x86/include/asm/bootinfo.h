/* SPDX-License-Identifier: GPL-2.0 */
/*
 * What the boot protocol told us, copied out of the loader's structures
 * (which may sit anywhere in low memory and are not kept). The parsers
 * (arch/x86/boot/pvh.c, multiboot2.c) are pure: they reach memory only
 * through a map callback, validate every length and offset, and return
 * a message naming the problem instead of trusting the input.
 */
#ifndef _ASM_BOOTINFO_H
#define _ASM_BOOTINFO_H

#include <tern/memmap.h>

#define BOOT_CMDLINE_MAX	1024
#define BOOT_MAX_MODS		8

struct boot_info {
	struct memmap mm;
	char cmdline[BOOT_CMDLINE_MAX];
	u64 rsdp;
	u32 flags;			/* PVH start-info flags */
	bool mmap_from_efi;		/* multiboot2: the EFI map tag's */
	/*
	 * Multiboot2: the copy of the RSDP from GRUB's ACPI tag (the new
	 * one if both), rsdp_tag = BOOT_RSDP_TAG_*; setup passes the copy's
	 * own address to ACPI.
	 */
	u8 rsdp_tag;
	u32 rsdp_copy_len;
	u8 rsdp_copy[64];
	unsigned int nr_mods;
	struct {
		u64 start;
		u64 size;
	} mods[BOOT_MAX_MODS];
	/*
	 * Physical end of what must stay mapped at KERNEL_VMA + pa beyond
	 * the image (Xen PV: the P2M list, start_info and the bootstrap
	 * tables after it, which the entry reserves in mm); 0 = the image
	 * alone.
	 */
	u64 kmap_end;
	/* the loader's structure itself, kept reserved while parsing */
	u64 info_start;
	u64 info_size;
};

#define BOOT_RSDP_TAG_OLD	1	/* multiboot2 tag 14: ACPI 1.0 RSDP */
#define BOOT_RSDP_TAG_NEW	2	/* multiboot2 tag 15: ACPI 2.0+ RSDP */

typedef const void *(*boot_map_fn)(u64 pa, size_t len);

/* Return NULL on success, or a static string naming the problem. */
const char *pvh_parse(u64 start_info_pa, boot_map_fn map,
		      struct boot_info *bi);
const char *mb2_parse(u64 mbi_pa, boot_map_fn map, struct boot_info *bi);

/*
 * arch/x86/kernel/setup.c: the boot memory map (the firmware's, with the
 * kernel image and modules marked reserved), valid after the entry.
 */
const struct memmap *boot_memmap(void);

/* arch/x86/kernel/setup.c: the common boot after any entry. */
__noreturn void setup_arch(struct boot_info *bi, const char *via);

#endif
