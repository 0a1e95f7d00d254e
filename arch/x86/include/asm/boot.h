/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The 32-bit entries (head_64.S): which boot protocol was taken, the
 * multiboot2 magic numbers, the boot stack, and the TSC at the first
 * instruction (ktime 0).
 */
#ifndef _ASM_BOOT_H
#define _ASM_BOOT_H

/* Which entry point was taken (first argument of x86_64_start). */
#define BOOT_PROTO_PVH		1	/* XEN_ELFNOTE_PHYS32_ENTRY: QEMU or Xen PVH */
#define BOOT_PROTO_MB2		2	/* multiboot2 (GRUB) */

#define MB2_HEADER_MAGIC	0xe85250d6
#define MB2_BOOTLOADER_MAGIC	0x36d76289

#define BOOT_STACK_SIZE		16384

#ifndef __ASSEMBLY__
#include <tern/types.h>

extern u64 boot_tsc;
void x86_64_start(u32 proto, u32 info_pa);
#endif

#endif
