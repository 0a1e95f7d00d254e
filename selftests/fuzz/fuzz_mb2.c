// SPDX-License-Identifier: GPL-2.0
/*
 * Fuzz mb2_parse() (arch/x86/boot/multiboot2.c). The input is physical
 * memory from address 0, with the multiboot2 information at 0.
 */
#include <asm/bootinfo.h>

#include "fuzz.h"

static struct boot_info bi;

int LLVMFuzzerTestOneInput(const u8 *data, size_t size)
{
	const char *err;
	unsigned int i;

	fuzz_mem_begin(data, size, 0);
	err = mb2_parse(0, fuzz_map, &bi);
	fuzz_mem_end();
	FUZZ_CHECK(strnlen(bi.cmdline, BOOT_CMDLINE_MAX) < BOOT_CMDLINE_MAX);
	FUZZ_CHECK(bi.nr_mods <= BOOT_MAX_MODS);
	if (err)
		return 0;
	FUZZ_CHECK(bi.info_size >= 16 && bi.info_size <= size);
	for (i = 0; i < bi.nr_mods; i++)
		FUZZ_CHECK(bi.mods[i].start + bi.mods[i].size <= 0xffffffffULL);
	fuzz_check_memmap(&bi.mm);
	return 0;
}
