// SPDX-License-Identifier: GPL-2.0
/*
 * Host tests of the boot-information parsers (arch/x86/boot/pvh.c,
 * multiboot2.c): good structures give the right map and command line;
 * corrupt and absurd ones give a message, never a crash or an
 * out-of-bounds read (ASan watches every access through the map
 * callback, which only exposes the bytes the test built).
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include <asm/bootinfo.h>
#include <xen/xen.h>
#include <xen/arch-x86/hvm/start_info.h>

/* A fake physical address space: one buffer at FAKE_BASE. */
#define FAKE_BASE	0x10000ULL
#define FAKE_SIZE	8192

static unsigned char *mem;

static const void *map(u64 pa, size_t len)
{
	if (pa < FAKE_BASE || pa + len < pa || pa + len > FAKE_BASE + FAKE_SIZE)
		return NULL;
	return mem + (pa - FAKE_BASE);
}

static int setup(void **state)
{
	mem = calloc(1, FAKE_SIZE);
	return mem ? 0 : -1;
}

static int teardown(void **state)
{
	free(mem);
	return 0;
}

/* ---- PVH ---- */

#define SI_OFF		0x0
#define CMD_OFF		0x1000
#define MAP_OFF		0x400
#define MOD_OFF		0x800

static struct hvm_start_info *pvh_build(unsigned int nmap)
{
	struct hvm_start_info *si = (void *)(mem + SI_OFF);
	struct hvm_memmap_table_entry *e = (void *)(mem + MAP_OFF);

	memset(mem, 0, FAKE_SIZE);
	si->magic = XEN_HVM_START_MAGIC_VALUE;
	si->version = 1;
	si->cmdline_paddr = FAKE_BASE + CMD_OFF;
	strcpy((char *)mem + CMD_OFF, "selftest console=com1");
	si->memmap_paddr = FAKE_BASE + MAP_OFF;
	si->memmap_entries = nmap;
	e[0] = (struct hvm_memmap_table_entry){ 0, 0x9fc00, 1, 0 };
	e[1] = (struct hvm_memmap_table_entry){ 0xf0000, 0x10000, 2, 0 };
	e[2] = (struct hvm_memmap_table_entry){ 0x100000, 0x7f00000, 1, 0 };
	return si;
}

static void pvh_good(void **state)
{
	struct boot_info bi;

	pvh_build(3);
	assert_null(pvh_parse(FAKE_BASE + SI_OFF, map, &bi));
	assert_string_equal(bi.cmdline, "selftest console=com1");
	assert_int_equal(bi.mm.nr, 3);
	assert_int_equal(memmap_ram_bytes(&bi.mm), 0x9f000 + 0x7f00000);
	assert_int_equal(bi.nr_mods, 0);
}

static void pvh_bad_magic(void **state)
{
	struct boot_info bi;
	struct hvm_start_info *si = pvh_build(3);

	si->magic = 0x12345678;
	assert_non_null(pvh_parse(FAKE_BASE + SI_OFF, map, &bi));
}

static void pvh_unmapped(void **state)
{
	struct boot_info bi;

	pvh_build(3);
	assert_non_null(pvh_parse(0x0, map, &bi));
	assert_non_null(pvh_parse(~0ULL - 8, map, &bi));
}

static void pvh_absurd_memmap(void **state)
{
	struct boot_info bi;
	struct hvm_start_info *si = pvh_build(3);

	si->memmap_entries = 0xffffffff;
	assert_non_null(pvh_parse(FAKE_BASE + SI_OFF, map, &bi));
	si->memmap_entries = 1000;	/* plausible count, runs off the end */
	assert_non_null(pvh_parse(FAKE_BASE + SI_OFF, map, &bi));
	si->memmap_entries = 3;
	si->memmap_paddr = ~0ULL - 16;
	assert_non_null(pvh_parse(FAKE_BASE + SI_OFF, map, &bi));
}

static void pvh_no_memmap_is_left_to_caller(void **state)
{
	struct boot_info bi;
	struct hvm_start_info *si = pvh_build(3);

	si->version = 0;
	si->rsdp_paddr = 0xf5a00;
	assert_null(pvh_parse(FAKE_BASE + SI_OFF, map, &bi));
	assert_int_equal(bi.mm.nr, 0);
	/* rsdp_paddr is part of version 0 (Xen 4.17's PVH dom0 gets that) */
	assert_int_equal(bi.rsdp, 0xf5a00);
}

static void pvh_modules(void **state)
{
	struct boot_info bi;
	struct hvm_start_info *si = pvh_build(3);
	struct hvm_modlist_entry *m = (void *)(mem + MOD_OFF);

	si->nr_modules = 1;
	si->modlist_paddr = FAKE_BASE + MOD_OFF;
	m[0].paddr = 0x2000000;
	m[0].size = 0x1000;
	assert_null(pvh_parse(FAKE_BASE + SI_OFF, map, &bi));
	assert_int_equal(bi.nr_mods, 1);
	assert_int_equal(bi.mods[0].start, 0x2000000);

	m[0].paddr = ~0ULL - 10;	/* wraps */
	assert_non_null(pvh_parse(FAKE_BASE + SI_OFF, map, &bi));
	si->nr_modules = 100000;
	assert_non_null(pvh_parse(FAKE_BASE + SI_OFF, map, &bi));
}

static void pvh_unterminated_cmdline(void **state)
{
	struct boot_info bi;
	struct hvm_start_info *si = pvh_build(3);

	/* command line running to the very end of the address space */
	si->cmdline_paddr = FAKE_BASE + FAKE_SIZE - 4;
	memset(mem + FAKE_SIZE - 4, 'x', 4);
	assert_non_null(pvh_parse(FAKE_BASE + SI_OFF, map, &bi));
	si->cmdline_paddr = FAKE_BASE + CMD_OFF;
	memset(mem + CMD_OFF, 'y', 0x600);	/* longer than the buffer */
	assert_null(pvh_parse(FAKE_BASE + SI_OFF, map, &bi));
	assert_int_equal(strlen(bi.cmdline), BOOT_CMDLINE_MAX - 1);
}

/* ---- multiboot2 ---- */

static u8 *mb2_tag(u8 *p, u32 type, u32 size)
{
	memcpy(p, &type, 4);
	memcpy(p + 4, &size, 4);
	return p + ((size + 7) & ~7u);
}

static u32 mb2_build(void)
{
	u8 *base = mem;
	u8 *p = base + 8;
	u32 total;
	u32 esz = 24, ever = 0;
	u64 e[3][3] = {
		{ 0, 0x9fc00, 1 }, { 0x100000, 0x7f00000, 1 },
		{ 0xfffc0000, 0x40000, 2 },
	};
	unsigned int i;

	memset(mem, 0, FAKE_SIZE);
	strcpy((char *)p + 8, "selftest");
	p = mb2_tag(p, 1, 8 + 9);
	memcpy(p + 8, &esz, 4);
	memcpy(p + 12, &ever, 4);
	for (i = 0; i < 3; i++) {
		u32 type = e[i][2];

		memcpy(p + 16 + i * 24, &e[i][0], 8);
		memcpy(p + 16 + i * 24 + 8, &e[i][1], 8);
		memcpy(p + 16 + i * 24 + 16, &type, 4);
	}
	p = mb2_tag(p, 6, 16 + 3 * 24);
	p = mb2_tag(p, 0, 8);
	total = p - base;
	memcpy(base, &total, 4);
	return total;
}

static void mb2_good(void **state)
{
	struct boot_info bi;

	mb2_build();
	assert_null(mb2_parse(FAKE_BASE, map, &bi));
	assert_string_equal(bi.cmdline, "selftest");
	assert_int_equal(bi.mm.nr, 3);
	assert_int_equal(memmap_ram_bytes(&bi.mm), 0x9f000 + 0x7f00000);
}

static void mb2_bad_total(void **state)
{
	struct boot_info bi;
	u32 v;

	mb2_build();
	v = 4;
	memcpy(mem, &v, 4);
	assert_non_null(mb2_parse(FAKE_BASE, map, &bi));
	v = 0x7fffffff;
	memcpy(mem, &v, 4);
	assert_non_null(mb2_parse(FAKE_BASE, map, &bi));
	v = FAKE_SIZE + 8;		/* beyond what is mapped */
	memcpy(mem, &v, 4);
	assert_non_null(mb2_parse(FAKE_BASE, map, &bi));
	mb2_build();
	assert_non_null(mb2_parse(FAKE_BASE + 4, map, &bi));	/* misaligned */
}

static void mb2_tag_overruns(void **state)
{
	struct boot_info bi;
	u32 big = 0x10000;

	mb2_build();
	memcpy(mem + 8 + 4, &big, 4);	/* first tag claims 64 KiB */
	assert_non_null(mb2_parse(FAKE_BASE, map, &bi));
	big = 4;			/* smaller than a tag header */
	mb2_build();
	memcpy(mem + 8 + 4, &big, 4);
	assert_non_null(mb2_parse(FAKE_BASE, map, &bi));
}

static void mb2_bad_mmap_entry_size(void **state)
{
	struct boot_info bi;
	u32 esz = 0;

	mb2_build();
	memcpy(mem + 8 + 24 + 8, &esz, 4);	/* entry_size of the mmap tag */
	assert_non_null(mb2_parse(FAKE_BASE, map, &bi));
}

static void mb2_no_mmap(void **state)
{
	struct boot_info bi;
	u8 *p = mem + 8;
	u32 total;

	memset(mem, 0, FAKE_SIZE);
	p = mb2_tag(p, 0, 8);
	total = p - mem;
	memcpy(mem, &total, 4);
	assert_non_null(mb2_parse(FAKE_BASE, map, &bi));
}

/* EFI_MEMORY_DESCRIPTOR, 48 bytes as OVMF reports them */
static u8 *efi_desc(u8 *p, u32 type, u64 start, u64 pages)
{
	memset(p, 0, 48);
	memcpy(p, &type, 4);
	memcpy(p + 8, &start, 8);
	memcpy(p + 24, &pages, 8);
	return p + 48;
}

/* Only the EFI memory map tag (17), then the given trailing tags. */
static void mb2_build_efi(u32 dsize, u64 pages2)
{
	u8 *p = mem + 8, *d;
	u32 ver = 1, total;

	memset(mem, 0, FAKE_SIZE);
	memcpy(p + 8, &dsize, 4);
	memcpy(p + 12, &ver, 4);
	d = p + 16;
	d = efi_desc(d, 7, 0, 0x9f);			/* conventional */
	d = efi_desc(d, 4, 0x100000, 0x100);		/* boot services */
	d = efi_desc(d, 2, 0x200000, pages2);		/* loader data */
	d = efi_desc(d, 9, 0x8000000, 0x10);		/* ACPI reclaim */
	d = efi_desc(d, 6, 0x8010000, 0x10);		/* runtime data */
	d = efi_desc(d, 11, 0xfee00000, 1);		/* MMIO */
	d = efi_desc(d, 7, 0x9000000, 0);		/* empty: ignored */
	p = mb2_tag(p, 17, d - p);
	p = mb2_tag(p, 0, 8);
	total = p - mem;
	memcpy(mem, &total, 4);
}

static void mb2_efi_mmap_only(void **state)
{
	struct boot_info bi;

	mb2_build_efi(48, 0x7e00);
	assert_null(mb2_parse(FAKE_BASE, map, &bi));
	assert_true(bi.mmap_from_efi);
	/* 0x9f pages + 0x100 + 0x7e00 (the last two merge) */
	assert_int_equal(memmap_ram_bytes(&bi.mm),
			 (0x9full + 0x100 + 0x7e00) << 12);
}

static void mb2_efi_mmap_bad(void **state)
{
	struct boot_info bi;

	mb2_build_efi(36, 1);		/* smaller than a descriptor */
	assert_non_null(mb2_parse(FAKE_BASE, map, &bi));
	mb2_build_efi(44, 1);		/* not a multiple of 8 */
	assert_non_null(mb2_parse(FAKE_BASE, map, &bi));
	mb2_build_efi(48, ~0ull >> 4);	/* wraps the address space */
	assert_non_null(mb2_parse(FAKE_BASE, map, &bi));
	mb2_build_efi(48, 1ull << 52);	/* pages << 12 overflows */
	assert_non_null(mb2_parse(FAKE_BASE, map, &bi));
}

/* The BIOS-style map wins over the EFI map when GRUB gives both. */
static void mb2_mmap_preferred_over_efi(void **state)
{
	struct boot_info bi;
	u32 total = mb2_build();
	u8 *p = mem + total - 8, *d;
	u32 dsize = 48;

	memcpy(p + 8, &dsize, 4);
	d = efi_desc(p + 16, 7, 0x40000000, 0x1000);
	p = mb2_tag(p, 17, d - p);
	p = mb2_tag(p, 0, 8);
	total = p - mem;
	memcpy(mem, &total, 4);
	assert_null(mb2_parse(FAKE_BASE, map, &bi));
	assert_false(bi.mmap_from_efi);
	assert_int_equal(memmap_ram_bytes(&bi.mm), 0x9f000 + 0x7f00000);
}

/* GRUB's ACPI tags carry a copy of the RSDP; the 2.0 one wins. */
static void mb2_acpi_tags(void **state)
{
	struct boot_info bi;
	u32 total = mb2_build();
	u8 *p = mem + total - 8;
	u8 *t14, *t15;

	t15 = p;
	memcpy(p + 8, "RSD PTR \x01", 9);
	p = mb2_tag(p, 15, 8 + 36);
	t14 = p;
	memcpy(p + 8, "RSD PTR \x02", 9);
	p = mb2_tag(p, 14, 8 + 20);
	p = mb2_tag(p, 0, 8);
	total = p - mem;
	memcpy(mem, &total, 4);
	assert_null(mb2_parse(FAKE_BASE, map, &bi));
	assert_int_equal(bi.rsdp_tag, BOOT_RSDP_TAG_NEW);
	assert_int_equal(bi.rsdp_copy_len, 36);
	assert_memory_equal(bi.rsdp_copy, t15 + 8, 36);

	/* the old tag alone */
	memset(t15 + 4, 0, 4);
	t15[4] = 8 + 36;
	t15[0] = 99;			/* an unknown tag: skipped */
	assert_null(mb2_parse(FAKE_BASE, map, &bi));
	assert_int_equal(bi.rsdp_tag, BOOT_RSDP_TAG_OLD);
	assert_int_equal(bi.rsdp_copy_len, 20);
	assert_memory_equal(bi.rsdp_copy, t14 + 8, 20);

	/* an oversized tag is cut to the copy's size, never overrun */
	t14[0] = 15;
	t14[4] = 200;
	memcpy(mem, &(u32){ t14 + 200 + 8 - mem }, 4);
	memset(t14 + 200, 0, 8);
	t14[204] = 8;
	assert_null(mb2_parse(FAKE_BASE, map, &bi));
	assert_int_equal(bi.rsdp_copy_len, sizeof(bi.rsdp_copy));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(pvh_good, setup, teardown),
		cmocka_unit_test_setup_teardown(pvh_bad_magic, setup, teardown),
		cmocka_unit_test_setup_teardown(pvh_unmapped, setup, teardown),
		cmocka_unit_test_setup_teardown(pvh_absurd_memmap, setup, teardown),
		cmocka_unit_test_setup_teardown(pvh_no_memmap_is_left_to_caller,
						setup, teardown),
		cmocka_unit_test_setup_teardown(pvh_modules, setup, teardown),
		cmocka_unit_test_setup_teardown(pvh_unterminated_cmdline, setup,
						teardown),
		cmocka_unit_test_setup_teardown(mb2_good, setup, teardown),
		cmocka_unit_test_setup_teardown(mb2_bad_total, setup, teardown),
		cmocka_unit_test_setup_teardown(mb2_tag_overruns, setup, teardown),
		cmocka_unit_test_setup_teardown(mb2_bad_mmap_entry_size, setup,
						teardown),
		cmocka_unit_test_setup_teardown(mb2_no_mmap, setup, teardown),
		cmocka_unit_test_setup_teardown(mb2_efi_mmap_only, setup,
						teardown),
		cmocka_unit_test_setup_teardown(mb2_efi_mmap_bad, setup,
						teardown),
		cmocka_unit_test_setup_teardown(mb2_mmap_preferred_over_efi,
						setup, teardown),
		cmocka_unit_test_setup_teardown(mb2_acpi_tags, setup, teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
