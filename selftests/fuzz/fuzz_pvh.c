// SPDX-License-Identifier: GPL-2.0
/*
 * Fuzz pvh_parse() (arch/x86/boot/pvh.c). The input is physical memory
 * from address 0; the start info is at 0 and every pointer in it is an
 * offset into the input.
 */
#include <asm/bootinfo.h>

#include "fuzz.h"

static struct boot_info bi;

int LLVMFuzzerTestOneInput(const u8 *data, size_t size)
{
	const char *err;
	unsigned int i;

	fuzz_mem_begin(data, size, 0);
	err = pvh_parse(0, fuzz_map, &bi);
	fuzz_mem_end();
	FUZZ_CHECK(strnlen(bi.cmdline, BOOT_CMDLINE_MAX) < BOOT_CMDLINE_MAX);
	FUZZ_CHECK(bi.nr_mods <= BOOT_MAX_MODS);
	if (err)
		return 0;
	for (i = 0; i < bi.nr_mods; i++)
		FUZZ_CHECK(bi.mods[i].start + bi.mods[i].size >=
			   bi.mods[i].start);
	fuzz_check_memmap(&bi.mm);
	return 0;
}
