// SPDX-License-Identifier: GPL-2.0
/*
 * Host tests of xen_pv_check_start_info(): a well-formed PV start_info
 * passes; each corrupt or absurd field is named.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <string.h>
#include <cmocka.h>

#include <asm/page.h>
#include <asm/xen/xen-ops.h>
#include <xen/xen.h>

static struct start_info si;

static void good(void)
{
	memset(&si, 0, sizeof(si));
	strcpy(si.magic, "xen-3.0-x86_64");
	si.nr_pages = 16384;
	si.shared_info = 0x7f5ff000;
	si.mfn_list = KERNEL_VMA + 0x3c0000;
	si.pt_base = KERNEL_VMA + 0x3e0000;
	si.nr_pt_frames = 6;
	strcpy((char *)si.cmd_line, "selftest");
}

static void accepts_good(void **state)
{
	good();
	assert_null(xen_pv_check_start_info(&si));
}

static void bad_magic(void **state)
{
	good();
	strcpy(si.magic, "xen-3.0-x86_32p");
	assert_non_null(xen_pv_check_start_info(&si));
}

static void absurd_nr_pages(void **state)
{
	good();
	si.nr_pages = 0;
	assert_non_null(xen_pv_check_start_info(&si));
	si.nr_pages = ~0UL;
	assert_non_null(xen_pv_check_start_info(&si));
}

static void mfn_list_outside(void **state)
{
	good();
	si.mfn_list = 0x1000;			/* not a kernel address */
	assert_non_null(xen_pv_check_start_info(&si));
	si.mfn_list = KERNEL_VMA + 0x3c0004;	/* misaligned */
	assert_non_null(xen_pv_check_start_info(&si));
	si.mfn_list = ~0UL - 8;			/* wraps */
	assert_non_null(xen_pv_check_start_info(&si));
}

static void page_tables_outside(void **state)
{
	good();
	si.pt_base = KERNEL_VMA + 0x3e0800;	/* not page aligned */
	assert_non_null(xen_pv_check_start_info(&si));
	good();
	si.nr_pt_frames = 0;
	assert_non_null(xen_pv_check_start_info(&si));
	si.nr_pt_frames = ~0UL;
	assert_non_null(xen_pv_check_start_info(&si));
}

static void unterminated_cmdline(void **state)
{
	good();
	memset(si.cmd_line, 'x', sizeof(si.cmd_line));
	assert_non_null(xen_pv_check_start_info(&si));
}

static void module_outside(void **state)
{
	good();
	si.mod_start = KERNEL_VMA + (1UL << 30);
	si.mod_len = 4096;
	assert_non_null(xen_pv_check_start_info(&si));
	si.flags = SIF_MOD_START_PFN;		/* a pfn, not an address */
	si.mod_start = 0x2000;
	assert_null(xen_pv_check_start_info(&si));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(accepts_good),
		cmocka_unit_test(bad_magic),
		cmocka_unit_test(absurd_nr_pages),
		cmocka_unit_test(mfn_list_outside),
		cmocka_unit_test(page_tables_outside),
		cmocka_unit_test(unterminated_cmdline),
		cmocka_unit_test(module_outside),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
