// SPDX-License-Identifier: GPL-2.0
/*
 * Fuzz xen_pv_check_start_info() (arch/x86/xen/start_info_pv.c). The
 * input is the start_info page (shorter inputs are padded with zeros).
 * An accepted page must satisfy what the PV entry then relies on.
 */
#include <asm/page.h>
#include <asm/xen/xen-ops.h>
#include <xen/xen.h>

#include "fuzz.h"

#define BOOT_AREA	(512ULL << 20)

static struct start_info si;

int LLVMFuzzerTestOneInput(const u8 *data, size_t size)
{
	memset(&si, 0, sizeof(si));
	memcpy(&si, data, size < sizeof(si) ? size : sizeof(si));
	if (xen_pv_check_start_info(&si))
		return 0;

	FUZZ_CHECK(!strncmp(si.magic, "xen-3.0-x86_64", 14));
	FUZZ_CHECK(si.nr_pages);
	FUZZ_CHECK(si.mfn_list >= KERNEL_VMA &&
		   si.mfn_list - KERNEL_VMA < BOOT_AREA);
	FUZZ_CHECK(si.pt_base >= KERNEL_VMA &&
		   si.pt_base - KERNEL_VMA + si.nr_pt_frames * PAGE_SIZE <=
		   BOOT_AREA);
	FUZZ_CHECK(memchr(si.cmd_line, 0, sizeof(si.cmd_line)));
	if (si.mod_len && !(si.flags & SIF_MOD_START_PFN))
		FUZZ_CHECK(si.mod_start >= KERNEL_VMA &&
			   si.mod_start - KERNEL_VMA + si.mod_len <= BOOT_AREA);
	return 0;
}
