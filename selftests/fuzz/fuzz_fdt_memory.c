// SPDX-License-Identifier: GPL-2.0
/*
 * Fuzz fdt_memory_map() (lib/fdt/fdt_memory.c). The input is the blob,
 * all of it mapped; a blob that fdt_check() refuses is skipped (fuzz_fdt
 * covers that). The blob's physical address comes from its own
 * boot_cpuid_phys field, so the fuzzer also moves it, up to where it
 * wraps past 2^64.
 *
 * Checked for every checked blob: the result is 0, -ENOENT, -EINVAL or
 * -ENOSPC, with a reason exactly when it is not 0, and the same twice.
 * After a success: the map keeps memmap.h's promises (sorted, disjoint,
 * merged, RAM in whole pages below 2^52), sanitising it again changes
 * nothing, it holds some RAM, and no RAM lies over the blob or over any
 * entry of the memory reservation block (a reservation is never lost).
 */
#include <tern/fdt_platform.h>

#include "fuzz.h"

static struct memmap mm, again;

/* No RAM entry of m meets [addr, addr + size) (cut at 2^64). */
static void check_not_ram(const struct memmap *m, u64 addr, u64 size)
{
	u64 last, elast;
	unsigned int i;

	if (!size)
		return;
	last = size - 1 > ~0ULL - addr ? ~0ULL : addr + (size - 1);
	for (i = 0; i < m->nr; i++) {
		if (m->e[i].type != MEMMAP_RAM)
			continue;
		elast = m->e[i].addr + (m->e[i].size - 1);
		FUZZ_CHECK(elast < addr || m->e[i].addr > last);
	}
}

int LLVMFuzzerTestOneInput(const u8 *data, size_t size)
{
	const char *why, *why2;
	unsigned int i;
	struct fdt f;
	u64 pa, a, s;
	int ret;

	if (fdt_check(data, size, &f))
		return 0;
	pa = (u64)f.boot_cpuid << 32 | (f.boot_cpuid ^ 0x40000000u);
	memset(&mm, 0, sizeof(mm));
	ret = fdt_memory_map(&f, pa, &mm, &why);
	FUZZ_CHECK(!ret || ret == -ENOENT || ret == -EINVAL || ret == -ENOSPC);
	FUZZ_CHECK(!ret == !why);
	FUZZ_CHECK(!why || *why);
	memset(&again, 0, sizeof(again));
	FUZZ_CHECK(fdt_memory_map(&f, pa, &again, &why2) == ret && why2 == why);
	if (ret)
		return 0;
	FUZZ_CHECK(!memcmp(&again, &mm, sizeof(mm)));
	fuzz_check_memmap(&mm);
	FUZZ_CHECK(memmap_sanitize(&again) == mm.nr);
	FUZZ_CHECK(!memcmp(&again, &mm, sizeof(mm)));
	FUZZ_CHECK(memmap_ram_bytes(&mm) > 0);
	/* the blob does not wrap, or the call failed */
	FUZZ_CHECK(f.size - 1 <= ~0ULL - pa);
	check_not_ram(&mm, pa, f.size);
	for (i = 0; !fdt_rsv(&f, i, &a, &s); i++) {
		FUZZ_CHECK(!s || s - 1 <= ~0ULL - a);
		check_not_ram(&mm, a, s);
	}
	return 0;
}
