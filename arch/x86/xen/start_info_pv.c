// SPDX-License-Identifier: GPL-2.0
/*
 * Checks of the PV start_info page before anything trusts it. Pure code
 * (host-tested in selftests/host/test_startinfo.c): the page comes from
 * the domain builder, and a corrupt one must end in one panic line naming
 * the field, not in a fault somewhere later.
 *
 * The bootstrap area Xen maps at VIRT_BASE holds the image, the P2M list,
 * start_info and the bootstrap page tables, all within the first
 * 512 MiB (one L2 page of 4 KiB mappings would be far less); every
 * virtual address in start_info must point there.
 */
#include <tern/string.h>
#include <asm/page.h>
#include <asm/xen/xen-ops.h>
#include <xen/xen.h>

#define BOOT_AREA	(512UL << 20)
#define MAX_PV_PAGES	(1UL << 40)	/* 4 PiB: beyond any real domain */

static bool in_boot_area(unsigned long va, unsigned long len)
{
	return va >= KERNEL_VMA && len <= BOOT_AREA &&
	       va - KERNEL_VMA <= BOOT_AREA - len;
}

const char *xen_pv_check_start_info(const struct start_info *si)
{
	if (strncmp(si->magic, "xen-3.0-x86_64", 14))
		return "start_info magic is not xen-3.0-x86_64";
	if (!si->nr_pages || si->nr_pages > MAX_PV_PAGES)
		return "start_info nr_pages is absurd";
	if (si->mfn_list & 7 ||
	    !in_boot_area(si->mfn_list, si->nr_pages > BOOT_AREA / 8 ?
			  BOOT_AREA : si->nr_pages * 8))
		return "start_info mfn_list is outside the bootstrap area";
	if (si->pt_base & (PAGE_SIZE - 1) || !si->nr_pt_frames ||
	    si->nr_pt_frames > BOOT_AREA / PAGE_SIZE ||
	    !in_boot_area(si->pt_base, si->nr_pt_frames * PAGE_SIZE))
		return "start_info bootstrap page tables are outside the bootstrap area";
	if (si->shared_info & (PAGE_SIZE - 1))
		return "start_info shared_info is not page aligned";
	if (strnlen((const char *)si->cmd_line, sizeof(si->cmd_line)) ==
	    sizeof(si->cmd_line))
		return "start_info command line is not terminated";
	if (si->mod_len && !(si->flags & SIF_MOD_START_PFN) &&
	    !in_boot_area(si->mod_start, si->mod_len))
		return "start_info module is outside the bootstrap area";
	return NULL;
}
