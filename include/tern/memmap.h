/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The boot memory map, normalised from whatever the boot protocol gave
 * (PVH start info, multiboot2, E820, Xen's memory_map). Pure code:
 * kernel/memmap.c builds unchanged into the host unit tests.
 */
#ifndef _TERN_MEMMAP_H
#define _TERN_MEMMAP_H

#include <tern/types.h>

enum memmap_type {
	MEMMAP_RAM = 1,		/* E820 type numbers */
	MEMMAP_RESERVED = 2,
	MEMMAP_ACPI = 3,
	MEMMAP_NVS = 4,
	MEMMAP_UNUSABLE = 5,
};

struct memmap_entry {
	u64 addr;
	u64 size;
	u32 type;
};

#define MEMMAP_MAX	128

struct memmap {
	unsigned int nr;
	struct memmap_entry e[MEMMAP_MAX];
};

/*
 * Add a raw entry. Returns 0 when added; -EINVAL when dropped (zero
 * size, RAM that wraps past 2^64 or lies above 2^52); -ENOSPC for RAM
 * when the table is full even after compacting. Unknown types are
 * stored as reserved (as E820 requires); a wrapping non-RAM entry is cut
 * at 2^64; a reservation is never refused (RAM is dropped to make room).
 */
int memmap_add(struct memmap *m, u64 addr, u64 size, u32 type);

/*
 * Sort by address, resolve overlaps (the more restrictive type wins:
 * anything beats RAM), merge adjacent entries of one type, and trim RAM
 * to whole pages. Idempotent. Returns the number of entries.
 */
unsigned int memmap_sanitize(struct memmap *m);

/* Total bytes of RAM and the highest RAM end address. */
u64 memmap_ram_bytes(const struct memmap *m);
u64 memmap_ram_end(const struct memmap *m);

/* Mark [addr, addr+size) with type (e.g. the kernel image as reserved). */
int memmap_reserve(struct memmap *m, u64 addr, u64 size, u32 type);

const char *memmap_type_name(u32 type);

#endif
