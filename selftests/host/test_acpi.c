// SPDX-License-Identifier: GPL-2.0
/*
 * Host tests for drivers/acpi/tables.c.
 *
 * Physical memory is faked as a list of regions, each its own heap buffer
 * of exactly the bytes placed there, so ASan catches any read past what a
 * table declares. Tables are assembled byte by byte at the offsets the
 * ACPI specification gives (deliberately not through acpi_tables.h, so a
 * layout mistake there cannot hide here).
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include <tern/acpi.h>

/* ---- fake physical memory ------------------------------------------ */

struct region {
	u64 pa;
	size_t len;
	u8 *mem;
};

static struct region regions[32];
static unsigned int nr_regions;
static unsigned int nr_maps;

static u8 *mem_add(u64 pa, size_t len)
{
	struct region *r;

	assert_true(nr_regions < 32);
	r = &regions[nr_regions++];
	r->pa = pa;
	r->len = len;
	r->mem = calloc(1, len);
	assert_non_null(r->mem);
	return r->mem;
}

static const void *fake_map(u64 pa, size_t len)
{
	unsigned int i;

	nr_maps++;
	for (i = 0; i < nr_regions; i++) {
		struct region *r = &regions[i];

		if (pa >= r->pa && pa - r->pa <= r->len &&
		    len <= r->len - (pa - r->pa))
			return r->mem + (pa - r->pa);
	}
	return NULL;
}

/* ---- warnings ------------------------------------------------------ */

static unsigned int nr_warn;
static char warn_log[4096];

static void rec_warn(const char *msg)
{
	nr_warn++;
	strncat(warn_log, msg, sizeof(warn_log) - strlen(warn_log) - 1);
	strncat(warn_log, "\n", sizeof(warn_log) - strlen(warn_log) - 1);
}

static bool warned(const char *what)
{
	return strstr(warn_log, what) != NULL;
}

static unsigned int count_warn(const char *what)
{
	const char *p = warn_log;
	unsigned int n = 0;

	while ((p = strstr(p, what)) != NULL) {
		n++;
		p += strlen(what);
	}
	return n;
}

static int setup(void **state)
{
	nr_regions = 0;
	nr_maps = 0;
	nr_warn = 0;
	warn_log[0] = '\0';
	return 0;
}

static int teardown(void **state)
{
	unsigned int i;

	for (i = 0; i < nr_regions; i++)
		free(regions[i].mem);
	nr_regions = 0;
	return 0;
}

/* ---- byte helpers and table builder -------------------------------- */

static void put16(u8 *p, u16 v)
{
	p[0] = v;
	p[1] = v >> 8;
}

static void put32(u8 *p, u32 v)
{
	put16(p, v);
	put16(p + 2, v >> 16);
}

static void put64(u8 *p, u64 v)
{
	put32(p, v);
	put32(p + 4, v >> 32);
}

/* Set p[at] so that the byte sum of p[0..len) is zero. */
static void fix_sum(u8 *p, size_t len, size_t at)
{
	u8 sum = 0;
	size_t i;

	p[at] = 0;
	for (i = 0; i < len; i++)
		sum += p[i];
	p[at] = -sum;
}

struct tb {
	u8 b[8192];
	u32 len;
};

static void tb_begin(struct tb *t, const char *sig, u8 rev)
{
	memset(t, 0, sizeof(*t));
	memcpy(t->b, sig, 4);
	t->b[8] = rev;
	memcpy(t->b + 10, "TERNTS", 6);
	memcpy(t->b + 16, "HOSTTEST", 8);
	t->len = 36;
}

static void tb_bytes(struct tb *t, const void *p, size_t n)
{
	assert_true(t->len + n <= sizeof(t->b));
	memcpy(t->b + t->len, p, n);
	t->len += n;
}

static void tb_u8(struct tb *t, u8 v)
{
	tb_bytes(t, &v, 1);
}

static void tb_u16(struct tb *t, u16 v)
{
	u8 b[2];

	put16(b, v);
	tb_bytes(t, b, 2);
}

static void tb_u32(struct tb *t, u32 v)
{
	u8 b[4];

	put32(b, v);
	tb_bytes(t, b, 4);
}

static void tb_u64(struct tb *t, u64 v)
{
	u8 b[8];

	put64(b, v);
	tb_bytes(t, b, 8);
}

/* GAS at offset off: space, width, offset 0, access size, address. */
static void tb_gas(struct tb *t, u32 off, u8 space, u8 width, u64 addr)
{
	t->b[off] = space;
	t->b[off + 1] = width;
	t->b[off + 2] = 0;
	t->b[off + 3] = 1;
	put64(t->b + off + 4, addr);
}

/* Write length and checksum, copy into fake memory at pa. */
static u8 *tb_place(struct tb *t, u64 pa)
{
	u8 *p;

	put32(t->b + 4, t->len);
	fix_sum(t->b, t->len, 9);
	p = mem_add(pa, t->len);
	memcpy(p, t->b, t->len);
	return p;
}

/* RSDP: v1 is 20 bytes, v2 (rev >= 2) 36 bytes. */
static void rsdp_fill(u8 *p, u8 rev, u32 rsdt, u64 xsdt)
{
	memcpy(p, "RSD PTR ", 8);
	memcpy(p + 9, "TERNTS", 6);
	p[15] = rev;
	put32(p + 16, rsdt);
	fix_sum(p, 20, 8);
	if (rev < 2)
		return;
	put32(p + 20, 36);
	put64(p + 24, xsdt);
	fix_sum(p, 36, 32);
}

static u8 *put_rsdp(u64 pa, u8 rev, u32 rsdt, u64 xsdt)
{
	u8 *p = mem_add(pa, rev < 2 ? 20 : 36);

	rsdp_fill(p, rev, rsdt, xsdt);
	return p;
}

static u8 *put_root(u64 pa, bool xsdt, const u64 *tables, unsigned int n)
{
	struct tb t;
	unsigned int i;

	tb_begin(&t, xsdt ? "XSDT" : "RSDT", 1);
	for (i = 0; i < n; i++) {
		if (xsdt)
			tb_u64(&t, tables[i]);
		else
			tb_u32(&t, tables[i]);
	}
	return tb_place(&t, pa);
}

/* MADT entries */
static void madt_begin(struct tb *t, u32 lapic, u32 flags)
{
	tb_begin(t, "APIC", 3);
	tb_u32(t, lapic);
	tb_u32(t, flags);
}

static void madt_lapic(struct tb *t, u8 uid, u8 id, u32 flags)
{
	tb_u8(t, 0);
	tb_u8(t, 8);
	tb_u8(t, uid);
	tb_u8(t, id);
	tb_u32(t, flags);
}

static void madt_ioapic(struct tb *t, u8 id, u32 addr, u32 gsi_base)
{
	tb_u8(t, 1);
	tb_u8(t, 12);
	tb_u8(t, id);
	tb_u8(t, 0);
	tb_u32(t, addr);
	tb_u32(t, gsi_base);
}

static void madt_iso(struct tb *t, u8 src, u32 gsi, u16 flags)
{
	tb_u8(t, 2);
	tb_u8(t, 10);
	tb_u8(t, 0);
	tb_u8(t, src);
	tb_u32(t, gsi);
	tb_u16(t, flags);
}

static void madt_lapic_override(struct tb *t, u64 addr)
{
	tb_u8(t, 5);
	tb_u8(t, 12);
	tb_u16(t, 0);
	tb_u64(t, addr);
}

static void madt_x2apic(struct tb *t, u32 id, u32 flags, u32 uid)
{
	tb_u8(t, 9);
	tb_u8(t, 16);
	tb_u16(t, 0);
	tb_u32(t, id);
	tb_u32(t, flags);
	tb_u32(t, uid);
}

/* FADT field offsets (ACPI spec, table "FADT Format") */
enum {
	FADT_DSDT = 40,
	FADT_SCI_INT = 46,
	FADT_SMI_CMD = 48,
	FADT_ACPI_ENABLE = 52,
	FADT_PM1A_CNT = 64,
	FADT_PM1B_CNT = 68,
	FADT_PM_TMR = 76,
	FADT_PM1_CNT_LEN = 89,
	FADT_PM_TMR_LEN = 91,
	FADT_FLAGS = 112,
	FADT_RESET_REG = 116,
	FADT_RESET_VALUE = 128,
	FADT_X_DSDT = 140,
	FADT_X_PM1A_CNT = 172,
	FADT_X_PM1B_CNT = 184,
	FADT_X_PM_TMR = 208,
	FADT_REV5_LEN = 268,
};

#define F_TMR_VAL_EXT	(1u << 8)
#define F_RESET_REG_SUP	(1u << 10)
#define F_HW_REDUCED	(1u << 20)

/* A FADT of `len` bytes with PIIX4-like legacy fields. */
static void fadt_begin(struct tb *t, u8 rev, u32 len, u32 dsdt, u32 flags)
{
	tb_begin(t, "FACP", rev);
	t->len = len;
	put32(t->b + FADT_DSDT, dsdt);
	put16(t->b + FADT_SCI_INT, 9);
	put32(t->b + FADT_SMI_CMD, 0xb2);
	t->b[FADT_ACPI_ENABLE] = 0xf1;
	put32(t->b + FADT_PM1A_CNT, 0xb004);
	put32(t->b + FADT_PM_TMR, 0xb008);
	t->b[FADT_PM1_CNT_LEN] = 2;
	t->b[FADT_PM_TMR_LEN] = 4;
	put32(t->b + FADT_FLAGS, flags);
}

/* A DSDT whose body is the given AML. */
static u8 *put_dsdt(u64 pa, const void *aml, size_t n)
{
	struct tb t;

	tb_begin(&t, "DSDT", 2);
	tb_bytes(&t, aml, n);
	return tb_place(&t, pa);
}

/* ---- the standard, valid table set --------------------------------- */

#define PA_RSDP		0xf5a10ull
#define PA_XSDT		0x7fe1000ull
#define PA_RSDT		0x7fe2000ull
#define PA_MADT		0x7fe3000ull
#define PA_FADT		0x7fe4000ull
#define PA_DSDT		0x7fe5000ull
#define PA_DSDT_LEGACY	0x7fe6000ull
#define PA_MCFG		0x7fe7000ull
#define PA_HPET		0x7fe8000ull
#define PA_EXTRA	0x7fe9000ull	/* tests' own tables from here */
#define PA_STEP		0x1000ull

/* Scope (\) { Name (_S5, Package (4) { 5, 6, 0, 0 }) } with decoys */
static const u8 aml_std[] = {
	0x10, 0x28, '\\',				/* Scope (\) */
	0x70, '_', 'S', '5', '_', 0x12, 0x06,	/* Store(_S5_...) decoy */
	0x02, 0x0a, 0x07, 0x0a, 0x07,
	0x08, '_', 'S', '5', '_', 0x12, 0x08, 0x04,
	0x0a, 0x05, 0x0a, 0x06, 0x00, 0x00,
	0x08, '_', 'S', '4', '_', 0x12, 0x06, 0x04,
	0x00, 0x00, 0x00, 0x00,
};

/* Legacy DSDT with \_S5 = { 2, 2 }: must lose to X_DSDT */
static const u8 aml_legacy[] = {
	0x08, '_', 'S', '5', '_', 0x12, 0x06, 0x02, 0x0a, 0x02, 0x0a, 0x02,
};

struct std_set {
	u8 *rsdp, *xsdt, *rsdt, *madt, *fadt, *dsdt, *mcfg, *hpet;
};

static u8 *put_std_madt(u64 pa)
{
	struct tb t;

	madt_begin(&t, 0xfee00000, 1);
	madt_lapic(&t, 0, 0, 1);
	madt_lapic(&t, 1, 1, 1);
	madt_lapic(&t, 2, 2, 0);		/* disabled: not counted */
	madt_lapic(&t, 3, 3, 2);		/* online capable */
	madt_x2apic(&t, 1, 1, 1);		/* same CPU again */
	madt_x2apic(&t, 300, 1, 4);
	madt_x2apic(&t, 301, 0, 5);		/* disabled */
	madt_ioapic(&t, 0, 0xfec00000, 0);
	madt_iso(&t, 0, 2, 0);
	madt_iso(&t, 9, 9, 0x000d);
	tb_u8(&t, 4);				/* local APIC NMI: ignored */
	tb_u8(&t, 6);
	tb_u8(&t, 0xff);
	tb_u16(&t, 0);
	tb_u8(&t, 1);
	return tb_place(&t, pa);
}

static u8 *put_std_fadt(u64 pa)
{
	struct tb t;

	fadt_begin(&t, 5, FADT_REV5_LEN, PA_DSDT_LEGACY,
		   F_TMR_VAL_EXT | F_RESET_REG_SUP);
	tb_gas(&t, FADT_RESET_REG, 1, 8, 0xcf9);
	t.b[FADT_RESET_VALUE] = 0x06;
	put64(t.b + FADT_X_DSDT, PA_DSDT);
	tb_gas(&t, FADT_X_PM1A_CNT, 1, 16, 0x604);
	tb_gas(&t, FADT_X_PM_TMR, 1, 32, 0x608);
	return tb_place(&t, pa);
}

static void build_std(struct std_set *s)
{
	const u64 tables[] = { PA_MADT, PA_FADT, PA_MCFG, PA_HPET };
	struct tb t;

	s->rsdp = put_rsdp(PA_RSDP, 2, PA_RSDT, PA_XSDT);
	s->xsdt = put_root(PA_XSDT, true, tables, 4);
	s->rsdt = put_root(PA_RSDT, false, tables, 4);
	s->madt = put_std_madt(PA_MADT);
	s->fadt = put_std_fadt(PA_FADT);
	s->dsdt = put_dsdt(PA_DSDT, aml_std, sizeof(aml_std));
	put_dsdt(PA_DSDT_LEGACY, aml_legacy, sizeof(aml_legacy));

	tb_begin(&t, "MCFG", 1);
	tb_u64(&t, 0);				/* reserved */
	tb_u64(&t, 0xb0000000);
	tb_u16(&t, 0);
	tb_u8(&t, 0);
	tb_u8(&t, 255);
	tb_u32(&t, 0);
	s->mcfg = tb_place(&t, PA_MCFG);

	tb_begin(&t, "HPET", 1);
	tb_u32(&t, 0x8086a201);
	t.len = 56;
	tb_gas(&t, 40, 0, 64, 0xfed00000);
	s->hpet = tb_place(&t, PA_HPET);
}

/* Build the RSDP v2 and an XSDT listing `tables`, then parse. */
static int parse_list(const u64 *tables, unsigned int n,
		      struct acpi_info *info)
{
	put_rsdp(PA_RSDP, 2, 0, PA_XSDT);
	put_root(PA_XSDT, true, tables, n);
	return acpi_parse(PA_RSDP, fake_map, info, rec_warn);
}

static struct acpi_info info;

/* ---- tests ---------------------------------------------------------- */

static void test_checksum(void **state)
{
	u8 b[5] = { 1, 2, 3, 4, 0 };

	assert_false(acpi_checksum_ok(b, 5));
	b[4] = (u8)-10;
	assert_true(acpi_checksum_ok(b, 5));
	assert_true(acpi_checksum_ok(b, 0));
}

static void check_std(const struct acpi_info *in)
{
	assert_int_equal(in->rsdp_pa, PA_RSDP);

	assert_true(in->have_madt);
	assert_int_equal(in->lapic_addr, 0xfee00000);
	assert_true(in->pcat_compat);
	assert_int_equal(in->nr_cpus, 4);
	assert_int_equal(in->apic_id[0], 0);
	assert_int_equal(in->apic_id[1], 1);
	assert_int_equal(in->apic_id[2], 3);
	assert_int_equal(in->apic_id[3], 300);
	assert_int_equal(in->nr_ioapics, 1);
	assert_int_equal(in->ioapic[0].id, 0);
	assert_int_equal(in->ioapic[0].addr, 0xfec00000);
	assert_int_equal(in->ioapic[0].gsi_base, 0);
	assert_int_equal(in->nr_iso, 2);
	assert_int_equal(in->iso[0].bus_irq, 0);
	assert_int_equal(in->iso[0].gsi, 2);
	assert_int_equal(in->iso[1].bus_irq, 9);
	assert_int_equal(in->iso[1].gsi, 9);
	assert_int_equal(in->iso[1].flags, 0xd);

	assert_true(in->have_fadt);
	assert_int_equal(in->pm1a_cnt, 0x604);	/* X_ beats legacy 0xb004 */
	assert_int_equal(in->pm1b_cnt, 0);
	assert_int_equal(in->pm_tmr_port, 0x608);
	assert_true(in->pm_tmr_32bit);
	assert_int_equal(in->smi_cmd, 0xb2);
	assert_int_equal(in->acpi_enable, 0xf1);
	assert_int_equal(in->sci_irq, 9);
	assert_true(in->reset_supported);
	assert_int_equal(in->reset_reg.space_id, 1);
	assert_int_equal(in->reset_reg.bit_width, 8);
	assert_int_equal(in->reset_reg.address, 0xcf9);
	assert_int_equal(in->reset_value, 6);
	assert_false(in->hw_reduced);
	assert_int_equal(in->dsdt_pa, PA_DSDT);

	assert_true(in->have_s5);
	assert_int_equal(in->s5_typa, 5);
	assert_int_equal(in->s5_typb, 6);

	assert_true(in->have_mcfg);
	assert_int_equal(in->mcfg_base, 0xb0000000);
	assert_int_equal(in->mcfg_segment, 0);
	assert_int_equal(in->mcfg_bus_start, 0);
	assert_int_equal(in->mcfg_bus_end, 255);
	assert_int_equal(in->hpet_addr, 0xfed00000);
}

static void test_valid_set(void **state)
{
	struct std_set s;

	build_std(&s);
	memset(&info, 0xa5, sizeof(info));	/* parse must reset it */
	assert_int_equal(acpi_parse(PA_RSDP, fake_map, &info, rec_warn), 0);
	assert_int_equal(info.revision, 2);
	check_std(&info);
	assert_int_equal(nr_warn, 0);
}

static void test_rsdt_only(void **state)
{
	struct std_set s;

	build_std(&s);
	/* a v1 RSDP elsewhere, pointing at the same tables via the RSDT */
	put_rsdp(0xe0000, 0, PA_RSDT, 0);
	assert_int_equal(acpi_parse(0xe0000, fake_map, &info, rec_warn), 0);
	assert_int_equal(info.revision, 0);
	info.rsdp_pa = PA_RSDP;
	check_std(&info);
	assert_int_equal(nr_warn, 0);
}

static void test_bad_xsdt_falls_back(void **state)
{
	struct std_set s;

	build_std(&s);
	s.xsdt[9] ^= 0x55;			/* break the XSDT checksum */
	assert_int_equal(acpi_parse(PA_RSDP, fake_map, &info, rec_warn), 0);
	check_std(&info);
	assert_true(warned("XSDT: bad checksum"));
	assert_true(warned("falling back"));
}

/*
 * Xen 4.17's PVH dom0 XSDT: the header copied from a wrong place, so its
 * signature is garbage, but length, entries and checksum are valid. It is
 * used (with a warning) instead of falling back to the RSDT.
 */
static void test_xsdt_bad_signature_accepted(void **state)
{
	struct std_set s;

	build_std(&s);
	memcpy(s.xsdt, "S\xff\x00\xf0", 4);
	fix_sum(s.xsdt, 36 + 4 * 8, 9);
	assert_int_equal(acpi_parse(PA_RSDP, fake_map, &info, rec_warn), 0);
	check_std(&info);
	assert_true(warned("XSDT: bad signature"));
	assert_false(warned("falling back"));
}

static void test_bad_rsdp_checksum(void **state)
{
	struct std_set s;

	build_std(&s);
	s.rsdp[8] ^= 1;
	assert_int_equal(acpi_parse(PA_RSDP, fake_map, &info, rec_warn),
			 -EINVAL);
	assert_int_equal(info.rsdp_pa, 0);
	assert_false(info.have_madt);
	assert_true(warned("invalid RSDP"));
}

static void test_bad_rsdp_ext_checksum(void **state)
{
	struct std_set s;

	build_std(&s);
	s.rsdp[32] ^= 1;	/* v1 part still fine */
	assert_int_equal(acpi_parse(PA_RSDP, fake_map, &info, rec_warn),
			 -EINVAL);
	/* nor is a bad signature accepted */
	s.rsdp[32] ^= 1;
	s.rsdp[0] = 'X';
	fix_sum(s.rsdp, 20, 8);
	fix_sum(s.rsdp, 36, 32);
	assert_int_equal(acpi_parse(PA_RSDP, fake_map, &info, rec_warn),
			 -EINVAL);
	/* nor an RSDP that is not mapped at all */
	assert_int_equal(acpi_parse(0x1230, fake_map, &info, NULL), -EINVAL);
}

static void test_bad_table_checksum(void **state)
{
	struct std_set s;

	build_std(&s);
	s.madt[40] ^= 0x80;		/* flips PCAT_COMPAT... */
	assert_int_equal(acpi_parse(PA_RSDP, fake_map, &info, rec_warn), 0);
	assert_false(info.have_madt);	/* ...but the table is skipped */
	assert_int_equal(info.nr_cpus, 0);
	assert_true(warned("APIC: bad checksum"));
	assert_int_equal(nr_warn, 1);
	/* the others are still there */
	assert_true(info.have_fadt);
	assert_true(info.have_s5);
	assert_true(info.have_mcfg);
	assert_int_equal(info.hpet_addr, 0xfed00000);
}

static void test_bad_dsdt_checksum(void **state)
{
	struct std_set s;

	build_std(&s);
	s.dsdt[40] ^= 1;
	assert_int_equal(acpi_parse(PA_RSDP, fake_map, &info, rec_warn), 0);
	assert_true(info.have_fadt);
	assert_false(info.have_s5);
	assert_true(warned("DSDT: bad checksum"));
}

static void test_bad_lengths(void **state)
{
	u64 tables[] = { PA_EXTRA, PA_EXTRA + PA_STEP, PA_EXTRA + 2 * PA_STEP,
			 0, PA_EXTRA + 3 * PA_STEP, PA_MADT };
	struct tb t;
	u8 *p;

	put_std_madt(PA_MADT);

	/* length 20: shorter than a header */
	madt_begin(&t, 0x1000, 0);
	madt_lapic(&t, 0, 7, 1);
	p = tb_place(&t, PA_EXTRA);
	put32(p + 4, 20);
	fix_sum(p, 20, 9);

	/* length 2 MiB: beyond the sanity bound */
	madt_begin(&t, 0x2000, 0);
	p = tb_place(&t, PA_EXTRA + PA_STEP);
	put32(p + 4, 2u << 20);

	/* length larger than the memory that is there */
	madt_begin(&t, 0x3000, 0);
	p = tb_place(&t, PA_EXTRA + 2 * PA_STEP);
	put32(p + 4, 4096);

	/* entry 3 is null; entry 4 points at nothing */
	assert_int_equal(parse_list(tables, 6, &info), 0);
	assert_true(info.have_madt);		/* the good one, last */
	assert_int_equal(info.lapic_addr, 0xfee00000);
	assert_int_equal(info.nr_cpus, 4);
	assert_int_equal(count_warn("APIC: bad table length"), 2);
	assert_int_equal(count_warn("APIC: table not mappable"), 1);
	assert_true(warned("null entry"));
	assert_true(warned("header not mappable"));
	assert_int_equal(nr_warn, 5);
	assert_false(info.have_fadt);
}

static void test_madt_zero_length_entry(void **state)
{
	u64 tables[] = { PA_EXTRA };
	struct tb t;

	madt_begin(&t, 0xfee00000, 0);
	madt_lapic(&t, 0, 0, 1);
	tb_u8(&t, 1);			/* IO-APIC type with length 0 */
	tb_u8(&t, 0);
	madt_ioapic(&t, 0, 0xfec00000, 0);
	tb_place(&t, PA_EXTRA);

	assert_int_equal(parse_list(tables, 1, &info), 0);
	assert_true(info.have_madt);
	assert_false(info.pcat_compat);
	assert_int_equal(info.nr_cpus, 1);
	assert_int_equal(info.nr_ioapics, 0);	/* walk stopped */
	assert_true(warned("APIC: bad entry length"));
	assert_int_equal(nr_warn, 1);
}

static void test_madt_entry_past_end(void **state)
{
	u64 tables[] = { PA_EXTRA };
	struct tb t;

	madt_begin(&t, 0xfee00000, 1);
	madt_ioapic(&t, 2, 0xfec00000, 0);
	madt_lapic(&t, 0, 5, 1);
	t.len -= 3;			/* last entry runs past the end */
	tb_place(&t, PA_EXTRA);

	assert_int_equal(parse_list(tables, 1, &info), 0);
	assert_int_equal(info.nr_ioapics, 1);
	assert_int_equal(info.ioapic[0].id, 2);
	assert_int_equal(info.nr_cpus, 0);
	assert_true(warned("APIC: bad entry length"));
}

static void test_madt_short_entry_and_override(void **state)
{
	u64 tables[] = { PA_EXTRA };
	struct tb t;

	madt_begin(&t, 0xfee00000, 1);
	madt_lapic(&t, 0, 0, 1);
	tb_u8(&t, 0);			/* LAPIC entry 6 bytes long */
	tb_u8(&t, 6);
	tb_u8(&t, 1);
	tb_u8(&t, 1);
	tb_u16(&t, 1);
	madt_lapic_override(&t, 0x4fee00000ull);
	madt_lapic(&t, 2, 2, 1);
	tb_place(&t, PA_EXTRA);

	assert_int_equal(parse_list(tables, 1, &info), 0);
	assert_int_equal(info.nr_cpus, 2);
	assert_int_equal(info.apic_id[1], 2);
	assert_int_equal(info.lapic_addr, 0x4fee00000ull);
	assert_true(warned("entry too short"));
	assert_int_equal(nr_warn, 1);
}

static void test_first_table_wins(void **state)
{
	u64 tables[] = { PA_EXTRA, PA_MADT };
	struct tb t;

	madt_begin(&t, 0xfee01000, 0);
	madt_lapic(&t, 0, 9, 1);
	tb_place(&t, PA_EXTRA);
	put_std_madt(PA_MADT);

	assert_int_equal(parse_list(tables, 2, &info), 0);
	assert_int_equal(info.lapic_addr, 0xfee01000);
	assert_int_equal(info.nr_cpus, 1);
	assert_int_equal(info.apic_id[0], 9);
	assert_int_equal(info.nr_ioapics, 0);
	assert_int_equal(nr_warn, 0);
}

static void test_madt_limits(void **state)
{
	u64 tables[] = { PA_EXTRA };
	struct tb t;
	unsigned int i;

	madt_begin(&t, 0xfee00000, 0);
	for (i = 0; i < ACPI_MAX_CPUS + 6; i++)
		madt_x2apic(&t, 1000 + i, 1, i);
	for (i = 0; i < ACPI_MAX_IOAPICS + 2; i++)
		madt_ioapic(&t, i, 0xfec00000 + i * 0x1000, i * 24);
	for (i = 0; i < ACPI_MAX_ISO + 1; i++)
		madt_iso(&t, i, i, 0);
	tb_place(&t, PA_EXTRA);

	assert_int_equal(parse_list(tables, 1, &info), 0);
	assert_int_equal(info.nr_cpus, ACPI_MAX_CPUS);
	assert_int_equal(info.apic_id[ACPI_MAX_CPUS - 1],
			 1000 + ACPI_MAX_CPUS - 1);
	assert_int_equal(info.nr_ioapics, ACPI_MAX_IOAPICS);
	assert_int_equal(info.ioapic[7].gsi_base, 7 * 24);
	assert_int_equal(info.nr_iso, ACPI_MAX_ISO);
	assert_true(warned("too many CPUs"));
	assert_true(warned("too many IO-APICs"));
	assert_true(warned("too many overrides"));
}

static void test_fadt_rev1(void **state)
{
	u64 tables[] = { PA_EXTRA };
	struct tb t;

	put_dsdt(PA_DSDT_LEGACY, aml_legacy, sizeof(aml_legacy));
	/* RESET_REG_SUP set, but a 116-byte FADT has no reset register */
	fadt_begin(&t, 1, 116, PA_DSDT_LEGACY, F_RESET_REG_SUP);
	put32(t.b + FADT_PM1B_CNT, 0xb104);
	tb_place(&t, PA_EXTRA);

	assert_int_equal(parse_list(tables, 1, &info), 0);
	assert_true(info.have_fadt);
	assert_int_equal(info.pm1a_cnt, 0xb004);
	assert_int_equal(info.pm1b_cnt, 0xb104);
	assert_int_equal(info.pm_tmr_port, 0xb008);
	assert_false(info.pm_tmr_32bit);
	assert_false(info.reset_supported);
	assert_int_equal(info.dsdt_pa, PA_DSDT_LEGACY);
	assert_true(info.have_s5);
	assert_int_equal(info.s5_typa, 2);
	assert_int_equal(info.s5_typb, 2);
	assert_int_equal(nr_warn, 0);
}

static void test_fadt_truncated_rev5(void **state)
{
	u64 tables[] = { PA_EXTRA };
	struct tb t;

	put_dsdt(PA_DSDT, aml_std, sizeof(aml_std));
	/* claims revision 5 but is 200 bytes: X_PM1a_CNT is in, X_PM_TMR not */
	fadt_begin(&t, 5, 200, PA_DSDT_LEGACY, F_HW_REDUCED);
	tb_gas(&t, FADT_RESET_REG, 1, 8, 0xcf9);	/* but no RESET_REG_SUP */
	put64(t.b + FADT_X_DSDT, PA_DSDT);
	tb_gas(&t, FADT_X_PM1A_CNT, 1, 16, 0x604);
	tb_place(&t, PA_EXTRA);

	assert_int_equal(parse_list(tables, 1, &info), 0);
	assert_int_equal(info.pm1a_cnt, 0x604);
	assert_int_equal(info.pm_tmr_port, 0xb008);
	assert_true(info.hw_reduced);
	assert_false(info.reset_supported);
	assert_int_equal(info.reset_reg.address, 0xcf9);
	assert_int_equal(info.dsdt_pa, PA_DSDT);
	assert_int_equal(info.s5_typa, 5);
	assert_int_equal(nr_warn, 0);
}

static void test_fadt_too_short(void **state)
{
	u64 tables[] = { PA_EXTRA };
	struct tb t;

	fadt_begin(&t, 1, 100, PA_DSDT_LEGACY, 0);
	tb_place(&t, PA_EXTRA);
	assert_int_equal(parse_list(tables, 1, &info), 0);
	assert_false(info.have_fadt);
	assert_int_equal(info.pm1a_cnt, 0);
	assert_true(warned("FACP: table too short"));
}

static void test_fadt_x_memory_space(void **state)
{
	u64 tables[] = { PA_EXTRA };
	struct tb t;

	put_dsdt(PA_DSDT_LEGACY, aml_legacy, sizeof(aml_legacy));
	fadt_begin(&t, 5, FADT_REV5_LEN, PA_DSDT_LEGACY, F_RESET_REG_SUP);
	tb_gas(&t, FADT_X_PM1A_CNT, 0, 16, 0xfe000604);	/* memory space */
	tb_gas(&t, FADT_X_PM1B_CNT, 1, 16, 0x704);
	tb_gas(&t, FADT_X_PM_TMR, 1, 32, 0x10008);	/* no such port */
	tb_gas(&t, FADT_RESET_REG, 0, 8, 0xfed00100);
	t.b[FADT_RESET_VALUE] = 0x0e;
	tb_place(&t, PA_EXTRA);

	assert_int_equal(parse_list(tables, 1, &info), 0);
	assert_int_equal(info.pm1a_cnt, 0xb004);
	assert_int_equal(info.pm1b_cnt, 0x704);
	assert_int_equal(info.pm_tmr_port, 0xb008);
	assert_true(info.reset_supported);
	assert_int_equal(info.reset_reg.space_id, 0);
	assert_int_equal(info.reset_reg.address, 0xfed00100);
	assert_int_equal(info.reset_value, 0x0e);
	assert_int_equal(info.dsdt_pa, PA_DSDT_LEGACY);	/* X_DSDT is 0 */
	assert_int_equal(count_warn("not an I/O port"), 2);
	assert_int_equal(nr_warn, 2);
}

/* Parse a FADT + DSDT whose body is `aml`, return have_s5. */
static bool s5_of(const u8 *aml, size_t n)
{
	u64 tables[] = { PA_EXTRA };
	struct tb t;

	put_dsdt(PA_DSDT, aml, n);
	fadt_begin(&t, 1, 116, PA_DSDT, 0);
	tb_place(&t, PA_EXTRA);
	assert_int_equal(parse_list(tables, 1, &info), 0);
	assert_true(info.have_fadt);
	return info.have_s5;
}

static void test_s5_qemu_zero_ops(void **state)
{
	/* Name (_S5, Package (4) { Zero, Zero, Zero, Zero }) */
	static const u8 aml[] = {
		0x08, '_', 'S', '5', '_', 0x12, 0x06, 0x04,
		0x00, 0x00, 0x00, 0x00,
	};

	assert_true(s5_of(aml, sizeof(aml)));
	assert_int_equal(info.s5_typa, 0);
	assert_int_equal(info.s5_typb, 0);
}

static void test_s5_root_prefix_and_one_op(void **state)
{
	/* Name (\_S5, Package (2) { One, Zero }) */
	static const u8 aml[] = {
		0x08, '\\', '_', 'S', '5', '_', 0x12, 0x04, 0x02, 0x01, 0x00,
	};

	assert_true(s5_of(aml, sizeof(aml)));
	assert_int_equal(info.s5_typa, 1);
	assert_int_equal(info.s5_typb, 0);
}

static void test_s5_plain_bytes(void **state)
{
	/* buggy firmware: raw bytes instead of integer objects */
	static const u8 aml[] = {
		0x08, '_', 'S', '5', '_', 0x12, 0x04, 0x02, 0x07, 0x03,
	};

	assert_true(s5_of(aml, sizeof(aml)));
	assert_int_equal(info.s5_typa, 7);
	assert_int_equal(info.s5_typb, 3);
}

static void test_s5_long_pkglength(void **state)
{
	u8 aml[8 + 72];
	size_t i;

	/* two-byte PkgLength 0x48 = 72: 0x40 | 0x8, then 0x04 */
	memcpy(aml, "\x08_S5_\x12\x48\x04", 8);
	aml[8] = 67;			/* elements: 2 + 65 Zeros */
	memcpy(aml + 9, "\x0a\x03\x0a\x04", 4);
	for (i = 13; i < sizeof(aml); i++)
		aml[i] = 0x00;
	assert_true(s5_of(aml, 6 + 72));
	assert_int_equal(info.s5_typa, 3);
	assert_int_equal(info.s5_typb, 4);
}

static void test_s5_packed_single_element(void **state)
{
	/* one WordConst element: SLP_TYPa = low byte, SLP_TYPb = high byte */
	static const u8 aml[] = {
		0x08, '_', 'S', '5', '_', 0x12, 0x05, 0x01, 0x0b, 0x03, 0x04,
	};

	assert_true(s5_of(aml, sizeof(aml)));
	assert_int_equal(info.s5_typa, 3);
	assert_int_equal(info.s5_typb, 4);
}

static void test_s5_skips_non_packages(void **state)
{
	/* _S5_ as a method, as a name of a non-package, a package with no
	 * elements (but bytes that would decode), then the real one
	 */
	static const u8 aml[] = {
		0x14, 0x08, '_', 'S', '5', '_', 0x00, 0xa4, 0x00,
		0x08, '_', 'S', '5', '_', 0x14, 0x03, 0x00, 0x00,
		0x08, '_', 'S', '5', '_', 0x12, 0x06, 0x00,
		0x0a, 0x07, 0x0a, 0x07,
		0x08, '_', 'S', '5', '_', 0x12, 0x05, 0x02, 0x0a, 0x05, 0x01,
	};

	assert_true(s5_of(aml, sizeof(aml)));
	assert_int_equal(info.s5_typa, 5);
	assert_int_equal(info.s5_typb, 1);
}

static void test_s5_absent_or_truncated(void **state)
{
	static const u8 none[] = {
		0x08, '_', 'S', '3', '_', 0x12, 0x06, 0x02, 0x0a, 0x05, 0x0a, 0x05,
		0x70, '_', 'S', '5', '_', 0x12, 0x04, 0x02, 0x05, 0x05,
	};
	static const u8 cut[] = {
		0x08, '_', 'S', '5', '_', 0x12, 0x08, 0x02, 0x0a, 0x05, 0x0a,
	};
	static const u8 cut_elem[] = {
		0x08, '_', 'S', '5', '_', 0x12, 0x04, 0x02, 0x0a, 0x05, 0x0a,
	};

	assert_false(s5_of(none, sizeof(none)));
	assert_true(warned("no usable \\_S5"));
	teardown(state);
	setup(state);
	assert_false(s5_of(cut, sizeof(cut)));
	teardown(state);
	setup(state);
	/* pkglen 4 ends inside the second element */
	assert_false(s5_of(cut_elem, sizeof(cut_elem)));
	teardown(state);
	setup(state);
	assert_false(s5_of((const u8 *)"\x08_S5_\x12", 6));
}

static void test_mcfg_empty_and_hpet_io(void **state)
{
	u64 tables[] = { PA_EXTRA, PA_EXTRA + PA_STEP };
	struct tb t;

	tb_begin(&t, "MCFG", 1);
	tb_u64(&t, 0);
	tb_place(&t, PA_EXTRA);
	tb_begin(&t, "HPET", 1);
	t.len = 56;
	tb_gas(&t, 40, 1, 64, 0xfed00000);
	tb_place(&t, PA_EXTRA + PA_STEP);

	assert_int_equal(parse_list(tables, 2, &info), 0);
	assert_false(info.have_mcfg);
	assert_int_equal(info.hpet_addr, 0);
	assert_true(warned("MCFG: no allocation entry"));
	assert_true(warned("HPET: base not in memory"));
}

static void test_null_warn(void **state)
{
	struct std_set s;

	build_std(&s);
	s.madt[50] ^= 1;
	s.xsdt[40] ^= 1;
	assert_int_equal(acpi_parse(PA_RSDP, fake_map, &info, NULL), 0);
	assert_false(info.have_madt);
	assert_true(info.have_fadt);
}

/* ---- RSDP search ----------------------------------------------------- */

#define LOWMEM		0x100000

static u8 *lowmem(u16 ebda_seg)
{
	u8 *m = mem_add(0, LOWMEM);

	put16(m + 0x40e, ebda_seg);
	return m;
}

static void test_find_rsdp_ebda(void **state)
{
	u8 *m = lowmem(0x9fc0);

	rsdp_fill(m + 0x9fc00 + 0x3f0, 2, 0x1000, 0x2000);	/* last slot */
	rsdp_fill(m + 0xf0000, 0, 0x1000, 0);	/* the BIOS area loses */
	assert_int_equal(acpi_find_rsdp(fake_map), 0x9fc00 + 0x3f0);
}

static void test_find_rsdp_bios_area(void **state)
{
	u8 *m = lowmem(0x9fc0);

	/* beyond the first KiB of the EBDA: not searched */
	rsdp_fill(m + 0x9fc00 + 0x400, 0, 0x1000, 0);
	rsdp_fill(m + 0xfffd0, 2, 0x1000, 0x2000);
	assert_int_equal(acpi_find_rsdp(fake_map), 0xfffd0);

	/* no EBDA pointer at all */
	put16(m + 0x40e, 0);
	rsdp_fill(m + 0xe0000, 0, 0x1000, 0);
	assert_int_equal(acpi_find_rsdp(fake_map), 0xe0000);
}

static void test_find_rsdp_garbage(void **state)
{
	u8 *m = lowmem(0);
	unsigned int seed = 12345;
	size_t i;

	for (i = 0; i < LOWMEM; i++) {
		seed = seed * 1103515245u + 12345u;
		m[i] = seed >> 16;
	}
	put16(m + 0x40e, 0x9fc0);
	/* signature with a bad checksum */
	memcpy(m + 0xe0010, "RSD PTR ", 8);
	m[0xe0010 + 8] = 0;
	if (acpi_checksum_ok(m + 0xe0010, 20))
		m[0xe0010 + 8] = 1;
	/* valid, but not on a 16-byte boundary */
	rsdp_fill(m + 0xe0028, 0, 0x1000, 0);
	rsdp_fill(m + 0x9fc00 + 8, 0, 0x1000, 0);
	/* v2 with good v1 checksum and bad extended checksum */
	rsdp_fill(m + 0xf0000, 2, 0x1000, 0x2000);
	m[0xf0000 + 32] ^= 1;
	/* v2 with a silly length */
	rsdp_fill(m + 0xf1000, 2, 0x1000, 0x2000);
	put32(m + 0xf1000 + 20, 8);
	fix_sum(m + 0xf1000, 20, 8);
	fix_sum(m + 0xf1000, 36, 32);
	/* valid, but past the first KiB of the EBDA */
	rsdp_fill(m + 0x9fc00 + 0x400, 0, 0x1000, 0);

	assert_int_equal(acpi_find_rsdp(fake_map), 0);

	/* sanity: the same memory with one good RSDP is found */
	rsdp_fill(m + 0xf8000, 0, 0x1000, 0);
	assert_int_equal(acpi_find_rsdp(fake_map), 0xf8000);
}

/*
 * Trigger and polarity of a GSI from the overrides the MADT carried
 * (the parsed form, as acpi_parse() leaves it): QEMU's PIIX table
 * (IRQ 0 -> GSI 2 conforming, PCI links 5/9/10/11 level, active high),
 * plus an active-low level override and one with reserved fields.
 */
static void test_gsi_mode(void **state)
{
	struct acpi_info in = { 0 };
	const unsigned int level_low = ACPI_IRQ_LEVEL | ACPI_IRQ_ACTIVE_LOW;

	(void)state;
	/* no override at all: ISA edge/high, PCI level/low */
	assert_int_equal(acpi_gsi_mode(&in, 4, false), 0);
	assert_int_equal(acpi_gsi_mode(&in, 11, true), level_low);
	assert_int_equal(acpi_gsi_mode(&in, 16, false), level_low);
	assert_int_equal(acpi_gsi_mode(&in, 23, true), level_low);

	in.iso[0].bus_irq = 0;
	in.iso[0].gsi = 2;
	in.iso[0].flags = 0;		/* conforms: ISA */
	in.iso[1].bus_irq = 11;
	in.iso[1].gsi = 11;
	in.iso[1].flags = 0xd;		/* level, active high */
	in.iso[2].bus_irq = 9;
	in.iso[2].gsi = 20;
	in.iso[2].flags = 0xf;		/* level, active low */
	in.iso[3].bus_irq = 7;
	in.iso[3].gsi = 7;
	in.iso[3].flags = 0xa;		/* reserved 2/2: conforming */
	in.nr_iso = 4;

	assert_int_equal(acpi_gsi_mode(&in, 2, false), 0);
	assert_int_equal(acpi_gsi_mode(&in, 2, true), 0);
	assert_int_equal(acpi_gsi_mode(&in, 11, false), ACPI_IRQ_LEVEL);
	assert_int_equal(acpi_gsi_mode(&in, 11, true), ACPI_IRQ_LEVEL);
	assert_int_equal(acpi_gsi_mode(&in, 20, true), level_low);
	assert_int_equal(acpi_gsi_mode(&in, 7, true), 0);
	/* GSI 9 is not named by the override of ISA IRQ 9 (it names 20) */
	assert_int_equal(acpi_gsi_mode(&in, 9, false), 0);
	assert_int_equal(acpi_gsi_mode(&in, 9, true), level_low);
	assert_int_equal(acpi_gsi_mode(&in, 0, false), 0);

	/* a count past the array is not trusted */
	in.nr_iso = ACPI_MAX_ISO + 5;
	assert_int_equal(acpi_gsi_mode(&in, 99, true), level_low);
}

static void test_find_rsdp_nothing_mapped(void **state)
{
	assert_int_equal(acpi_find_rsdp(fake_map), 0);
	assert_true(nr_maps >= 2);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
#define T(f) cmocka_unit_test_setup_teardown(f, setup, teardown)
		T(test_checksum),
		T(test_valid_set),
		T(test_rsdt_only),
		T(test_bad_xsdt_falls_back),
		T(test_xsdt_bad_signature_accepted),
		T(test_bad_rsdp_checksum),
		T(test_bad_rsdp_ext_checksum),
		T(test_bad_table_checksum),
		T(test_bad_dsdt_checksum),
		T(test_bad_lengths),
		T(test_madt_zero_length_entry),
		T(test_madt_entry_past_end),
		T(test_madt_short_entry_and_override),
		T(test_first_table_wins),
		T(test_madt_limits),
		T(test_fadt_rev1),
		T(test_fadt_truncated_rev5),
		T(test_fadt_too_short),
		T(test_fadt_x_memory_space),
		T(test_s5_qemu_zero_ops),
		T(test_s5_root_prefix_and_one_op),
		T(test_s5_plain_bytes),
		T(test_s5_long_pkglength),
		T(test_s5_packed_single_element),
		T(test_s5_skips_non_packages),
		T(test_s5_absent_or_truncated),
		T(test_mcfg_empty_and_hpet_io),
		T(test_null_warn),
		T(test_find_rsdp_ebda),
		T(test_find_rsdp_bios_area),
		T(test_find_rsdp_garbage),
		T(test_find_rsdp_nothing_mapped),
		T(test_gsi_mode),
#undef T
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
