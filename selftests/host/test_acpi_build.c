// SPDX-License-Identifier: GPL-2.0
/*
 * Host tests for drivers/acpi/build.c: the tables a PVH guest gets.
 *
 * What is built is read back two ways: through drivers/acpi/tables.c (the
 * parser Tern itself boots with, which checks every length and checksum)
 * and byte by byte at the offsets the ACPI specification gives, for the
 * fields the parser does not decode (the FADT's IA-PC boot flags, which
 * Linux reads to leave the i8042, the CMOS RTC and VGA alone).
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include <tern/acpi.h>

#define BASE	0xfc000000ULL
#define SIZE	4096

static u8 *mem;			/* the guest page, exactly SIZE bytes */
static size_t mem_len;
static unsigned int nr_warn, nr_s5_warn;

static const void *map(u64 pa, size_t len)
{
	if (pa < BASE || pa - BASE > mem_len || len > mem_len - (pa - BASE))
		return NULL;
	return mem + (pa - BASE);
}

static void warn(const char *msg)
{
	/* the DSDT has no \_S5 by design: the guest halts to power off */
	if (strstr(msg, "_S5"))
		nr_s5_warn++;
	else
		nr_warn++;
}

static u32 le32(const u8 *p)
{
	return p[0] | p[1] << 8 | p[2] << 16 | (u32)p[3] << 24;
}

static u64 le64(const u8 *p)
{
	return le32(p) | (u64)le32(p + 4) << 32;
}

static int setup(void **state)
{
	mem_len = SIZE;
	mem = calloc(1, mem_len);
	nr_warn = 0;
	nr_s5_warn = 0;
	return mem ? 0 : -1;
}

static int teardown(void **state)
{
	free(mem);
	return 0;
}

/* The table whose signature is sig, found through the XSDT. */
static const u8 *find(u64 rsdp, const char *sig)
{
	const u8 *r = map(rsdp, 36), *x;
	u32 i, n;

	assert_non_null(r);
	x = map(le64(r + 24), 36);
	assert_non_null(x);
	n = (le32(x + 4) - 36) / 8;
	for (i = 0; i < n; i++) {
		const u8 *t = map(le64(x + 36 + 8 * i), 36);

		if (t && !memcmp(t, sig, 4))
			return t;
	}
	return NULL;
}

static void test_parses_clean(void **state)
{
	struct acpi_info in;
	u64 rsdp = 0;
	size_t used = 0;
	unsigned int i;

	assert_int_equal(acpi_build_guest(mem, SIZE, BASE, 4, 3, &rsdp, &used),
			 0);
	assert_true(used > 0 && used <= SIZE);
	assert_true(rsdp >= BASE && rsdp < BASE + used);
	assert_int_equal(acpi_find_rsdp(map), 0);	/* not in the BIOS area */
	memset(&in, 0, sizeof(in));
	assert_int_equal(acpi_parse(rsdp, map, &in, warn), 0);
	assert_int_equal(nr_warn, 0);
	assert_int_equal(nr_s5_warn, 1);
	assert_int_equal(in.revision, 2);
	assert_true(in.have_madt);
	assert_int_equal(in.lapic_addr, 0xfee00000);
	assert_int_equal(in.nr_cpus, 3);	/* the offline one is left out */
	for (i = 0; i < 3; i++)
		assert_int_equal(in.apic_id[i], 2 * i);
	assert_int_equal(in.nr_ioapics, 0);
	assert_true(in.have_fadt);
	assert_false(in.hw_reduced);
	assert_int_equal(in.pm1a_cnt, 0xb004);
	assert_int_equal(in.pm_tmr_port, 0);
	assert_int_equal(in.sci_irq, 9);
	assert_int_equal(in.smi_cmd, 0);	/* already in ACPI mode */
	assert_false(in.have_s5);		/* power off = halt */
	assert_false(in.have_mcfg);
	assert_int_equal(in.hpet_addr, 0);
	assert_true(in.dsdt_pa >= BASE && in.dsdt_pa < BASE + used);
}

static void test_spec_offsets(void **state)
{
	const u8 *f, *m, *r, *facs;
	u64 rsdp = 0;
	size_t used = 0;

	assert_int_equal(acpi_build_guest(mem, SIZE, BASE, 2, 2, &rsdp, &used),
			 0);
	r = map(rsdp, 36);
	assert_memory_equal(r, "RSD PTR ", 8);
	assert_int_equal(r[15], 2);			/* revision */
	assert_int_equal(le32(r + 20), 36);		/* length */
	f = find(rsdp, "FACP");
	m = find(rsdp, "APIC");
	assert_non_null(f);
	assert_non_null(m);
	assert_int_equal(f[8], 4);			/* FADT revision */
	assert_true(le32(f + 4) >= 244);
	/* IA-PC boot flags at 109: no VGA; 8042 and legacy devices absent */
	assert_int_equal(f[109] | f[110] << 8, 1u << 2);
	/* flags at 112: no fixed power/sleep buttons, no HW_REDUCED */
	assert_true(le32(f + 112) & (1u << 4));
	assert_true(le32(f + 112) & (1u << 5));
	assert_false(le32(f + 112) & (1u << 20));
	/* FACS at X_FIRMWARE_CTRL (132) and FIRMWARE_CTRL (36), aligned */
	assert_int_equal(le64(f + 132), le32(f + 36));
	assert_int_equal(le64(f + 132) % 64, 0);
	facs = map(le64(f + 132), 64);
	assert_non_null(facs);
	assert_memory_equal(facs, "FACS", 4);
	assert_int_equal(le32(facs + 4), 64);
	/* MADT: 44-byte header then two 8-byte local APIC entries */
	assert_int_equal(le32(m + 4), 44 + 2 * 8);
	assert_int_equal(m[44], 0);
	assert_int_equal(m[45], 8);
	assert_int_equal(m[47], 0);			/* APIC id of vCPU 0 */
	assert_int_equal(m[52 + 3], 2);			/* APIC id of vCPU 1 */
	assert_int_equal(le32(m + 52 + 4) & 1, 1);	/* enabled */
	/* the RSDT holds the same tables with 32-bit addresses */
	assert_int_equal(le32(map(le32(r + 16), 36) + 4), 36 + 2 * 4);
}

static void test_most_cpus_fit_a_page(void **state)
{
	struct acpi_info in;
	u64 rsdp = 0;
	size_t used = 0;

	assert_int_equal(acpi_build_guest(mem, SIZE, BASE, ACPI_GUEST_MAX_CPUS,
					  ACPI_GUEST_MAX_CPUS, &rsdp, &used), 0);
	memset(&in, 0, sizeof(in));
	assert_int_equal(acpi_parse(rsdp, map, &in, warn), 0);
	/* Tern's parser keeps ACPI_MAX_CPUS of them and says so per extra */
	assert_int_equal(nr_warn, ACPI_GUEST_MAX_CPUS - ACPI_MAX_CPUS);
	assert_int_equal(in.nr_cpus, ACPI_MAX_CPUS);
	assert_int_equal(in.apic_id[ACPI_MAX_CPUS - 1],
			 2 * (ACPI_MAX_CPUS - 1));
}

/* Every buffer shorter than what the tables need is refused whole. */
static void test_short_buffers(void **state)
{
	u64 rsdp = 0;
	size_t used = 0, n;

	assert_int_equal(acpi_build_guest(mem, SIZE, BASE, 8, 8, &rsdp, &used),
			 0);
	for (n = 0; n < used; n++) {
		u8 *b = malloc(n ? n : 1);	/* ASan: exactly n bytes */
		u64 r = 7;
		size_t u = 7;

		assert_non_null(b);
		assert_int_equal(acpi_build_guest(b, n, BASE, 8, 8, &r, &u),
				 -ENOSPC);
		assert_int_equal(r, 7);
		assert_int_equal(u, 7);
		free(b);
	}
}

static void test_bad_arguments(void **state)
{
	u64 rsdp = 0;
	size_t used = 0;

	assert_int_equal(acpi_build_guest(mem, SIZE, BASE, 0, 0, &rsdp, &used),
			 -EINVAL);
	assert_int_equal(acpi_build_guest(mem, SIZE, BASE, 2, 0, &rsdp, &used),
			 -EINVAL);
	assert_int_equal(acpi_build_guest(mem, SIZE, BASE, 2, 3, &rsdp, &used),
			 -EINVAL);
	assert_int_equal(acpi_build_guest(mem, SIZE, BASE,
					  ACPI_GUEST_MAX_CPUS + 1, 1, &rsdp,
					  &used), -EINVAL);
	assert_int_equal(acpi_build_guest(mem, SIZE, BASE + 8, 1, 1, &rsdp,
					  &used), -EINVAL);
	assert_int_equal(acpi_build_guest(mem, SIZE, 0xfffff010ULL, 1, 1,
					  &rsdp, &used), -EINVAL);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
#define T(f) cmocka_unit_test_setup_teardown(f, setup, teardown)
		T(test_parses_clean),
		T(test_spec_offsets),
		T(test_most_cpus_fit_a_page),
		T(test_short_buffers),
		T(test_bad_arguments),
#undef T
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
