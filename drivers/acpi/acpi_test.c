// SPDX-License-Identifier: GPL-2.0
/*
 * ktest suite "acpi".
 *
 * Live cases check what acpi_init() found on this machine (QEMU pc/q35
 * have a MADT with an IO-APIC, a FADT with PM1a_CNT and a PM timer, and a
 * \_S5 package). With no RSDP (e.g. a Xen domU without ACPI) they skip;
 * on HW-reduced ACPI, which has no PM1 block or PM timer, the cases that
 * need those skip.
 *
 * Canned cases feed acpi_parse() a small table set built in a static
 * buffer and mapped through their own callback, including a table with a
 * bad checksum that must be skipped with a warning.
 */
#include <tern/acpi.h>
#include <tern/kernel.h>
#include <tern/ktest.h>
#include <tern/string.h>
#include <asm/io.h>
#include <asm/page.h>
#include "acpi_tables.h"

/* ---- live machine -------------------------------------------------- */

static bool need_acpi(struct ktest *t)
{
	if (acpi.rsdp_pa)
		return true;
	ktest_skip(t, "no ACPI RSDP on this machine");
	return false;
}

static bool need_fixed_hw(struct ktest *t)
{
	if (!need_acpi(t))
		return false;
	if (acpi.fixed_hw_withheld) {
		ktest_skip(t, "%s", acpi.fixed_hw_withheld);
		return false;
	}
	if (!acpi.hw_reduced)
		return true;
	ktest_skip(t, "HW-reduced ACPI: no PM1 block or PM timer");
	return false;
}

static void live_rsdp(struct ktest *t)
{
	const struct acpi_rsdp *r;

	if (!need_acpi(t))
		return;
	r = phys_to_virt(acpi.rsdp_pa);
	KTEST_EXPECT(t, !memcmp(r->signature, ACPI_RSDP_SIG, 8));
	KTEST_EXPECT(t, acpi_checksum_ok(r, ACPI_RSDP_V1_LEN));
	KTEST_EXPECT_EQ(t, r->revision, acpi.revision);
}

/*
 * Booted by GRUB with multiboot2: ACPI came from the copy of the RSDP in
 * GRUB's ACPI tag. Checked independently of the tag: where the firmware
 * also has an RSDP in the BIOS area (SeaBIOS), the copy must equal it;
 * where it has none (UEFI), the tag was the only way to find ACPI.
 */
static const void *map_direct(u64 pa, size_t len)
{
	return phys_to_virt(pa);
}

static void rsdp_from_multiboot2(struct ktest *t)
{
	const struct acpi_rsdp *copy;
	u64 bios;

	if (!boot_params.rsdp_from ||
	    strncmp(boot_params.rsdp_from, "the multiboot2", 14)) {
		ktest_skip(t, "not booted with a multiboot2 ACPI tag");
		return;
	}
	copy = boot_params.rsdp_copy;
	KTEST_ASSERT(t, copy != NULL);
	KTEST_ASSERT(t, acpi.rsdp_pa != 0);
	KTEST_EXPECT_EQ(t, acpi.rsdp_pa, virt_to_phys(copy));
	KTEST_EXPECT(t, acpi.have_madt);
	bios = acpi_find_rsdp(map_direct);
	ktest_log(t, "RSDP copy at %#llx from %s; BIOS area: %s",
		  (unsigned long long)acpi.rsdp_pa,
		  boot_params.rsdp_from, bios ? "has one" : "none");
	if (bios) {
		const struct acpi_rsdp *fw = phys_to_virt(bios);

		KTEST_EXPECT(t, !memcmp(fw, copy, ACPI_RSDP_V1_LEN));
	}
}

static u32 boot_cpu_apic_id(void)
{
	u32 a = 1, b, c = 0, d;

	__asm__ __volatile__("cpuid" : "+a"(a), "=b"(b), "+c"(c), "=d"(d));
	return b >> 24;
}

static void live_madt(struct ktest *t)
{
	u32 id = boot_cpu_apic_id();
	unsigned int i;
	bool found = false;

	if (!need_acpi(t))
		return;
	KTEST_ASSERT(t, acpi.have_madt);
	KTEST_EXPECT(t, acpi.nr_cpus >= 1);
	KTEST_EXPECT(t, acpi.lapic_addr != 0);
	if (!acpi.hw_reduced && !acpi.fixed_hw_withheld)
		KTEST_EXPECT(t, acpi.nr_ioapics >= 1);
	/* the CPU running this is one the MADT lists */
	for (i = 0; i < acpi.nr_cpus; i++)
		if ((acpi.apic_id[i] & 0xff) == id)
			found = true;
	if (acpi.nr_cpus < ACPI_MAX_CPUS)
		KTEST_EXPECT(t, found);
}

static void live_fadt(struct ktest *t)
{
	if (!need_acpi(t))
		return;
	KTEST_ASSERT(t, acpi.have_fadt);
	KTEST_EXPECT(t, acpi.dsdt_pa != 0);
	if (!need_fixed_hw(t))
		return;
	KTEST_ASSERT(t, acpi.pm1a_cnt != 0 && acpi.pm1a_cnt <= 0xffff);
	/* a real PM1 control register, not an unbacked port (all ones) */
	KTEST_EXPECT(t, inw((u16)acpi.pm1a_cnt) != 0xffff);
}

static void live_s5(struct ktest *t)
{
	if (!need_fixed_hw(t))
		return;
	KTEST_EXPECT(t, acpi.have_s5);
	KTEST_EXPECT(t, acpi.s5_typa <= 7);
}

static void live_pm_timer(struct ktest *t)
{
	u64 limit = acpi.pm_tmr_32bit ? 0xffffffffull : 0xffffffull;
	unsigned int spin;
	s64 t0, t1;

	if (!need_fixed_hw(t))
		return;
	if (acpi.pm_tmr_withheld) {
		ktest_skip(t, "%s", acpi.pm_tmr_withheld);
		return;
	}
	KTEST_ASSERT(t, acpi.pm_tmr_port != 0);
	t0 = acpi_pm_timer_read();
	for (spin = 0; spin < 200000; spin++)
		__asm__ __volatile__("pause");
	t1 = acpi_pm_timer_read();
	KTEST_EXPECT(t, t0 >= 0 && (u64)t0 <= limit);
	KTEST_EXPECT(t, t1 >= 0 && (u64)t1 <= limit);
	KTEST_EXPECT(t, t1 != t0);
}

/* ---- canned tables ------------------------------------------------- */

#define CANNED_BASE	0x40000000ull
#define OFF_RSDP	0x000
#define OFF_XSDT	0x040
#define OFF_MADT	0x0a0
#define OFF_FADT	0x100
#define OFF_HPET	0x200
#define OFF_MCFG	0x240
#define OFF_DSDT	0x280

static u8 canned[0x300] __aligned(16);
static struct acpi_info canned_info;
static unsigned int canned_warnings;
static char canned_last_warning[96];

static const void *canned_map(u64 pa, size_t len)
{
	u64 off = pa - CANNED_BASE;

	if (pa < CANNED_BASE || off > sizeof(canned) ||
	    len > sizeof(canned) - off)
		return NULL;
	return canned + off;
}

static void canned_warn(const char *msg)
{
	canned_warnings++;
	strlcpy(canned_last_warning, msg, sizeof(canned_last_warning));
}

static void *canned_table(unsigned int off, const char *sig, u32 len)
{
	struct acpi_sdt_hdr *h = (void *)(canned + off);

	memcpy(h->signature, sig, 4);
	h->length = len;
	h->revision = 1;
	memcpy(h->oem_id, "TERN  ", 6);
	return h;
}

static void canned_seal(unsigned int off)
{
	struct acpi_sdt_hdr *h = (void *)(canned + off);

	acpi_set_checksum(h, h->length, &h->checksum);
}

static void canned_build(void)
{
	static const u8 aml[] = {
		AML_NAME_OP, '\\', '_', 'S', '5', '_', AML_PACKAGE_OP,
		0x06, 0x02, AML_BYTE_PREFIX, 0x05, AML_BYTE_PREFIX, 0x03,
	};
	struct acpi_rsdp *r = (void *)(canned + OFF_RSDP);
	struct acpi_sdt_hdr *x;
	struct acpi_madt *m;
	struct acpi_madt_lapic *l;
	struct acpi_madt_ioapic *io;
	struct acpi_madt_iso *iso;
	struct acpi_fadt *f;
	struct acpi_hpet *h;
	struct acpi_mcfg_alloc *mc;
	static const u16 offs[] = { OFF_MADT, OFF_FADT, OFF_HPET, OFF_MCFG };
	unsigned int i;
	u8 *p;

	memset(canned, 0, sizeof(canned));

	memcpy(r->signature, ACPI_RSDP_SIG, 8);
	r->revision = 2;
	r->length = sizeof(*r);
	r->xsdt_addr = CANNED_BASE + OFF_XSDT;
	acpi_set_checksum(r, ACPI_RSDP_V1_LEN, &r->checksum);
	acpi_set_checksum(r, sizeof(*r), &r->ext_checksum);

	x = canned_table(OFF_XSDT, "XSDT", sizeof(*x) + 8 * ARRAY_SIZE(offs));
	for (i = 0; i < ARRAY_SIZE(offs); i++) {
		u64 pa = CANNED_BASE + offs[i];

		memcpy((u8 *)(x + 1) + 8 * i, &pa, 8);
	}
	canned_seal(OFF_XSDT);

	m = canned_table(OFF_MADT, "APIC", sizeof(*m) + 2 * sizeof(*l) +
			 sizeof(*io) + sizeof(*iso));
	m->lapic_addr = 0xfee00000;
	m->flags = ACPI_MADT_PCAT_COMPAT;
	p = (u8 *)(m + 1);
	for (i = 0; i < 2; i++) {
		l = (void *)p;
		l->h.type = ACPI_MADT_LAPIC;
		l->h.length = sizeof(*l);
		l->acpi_uid = i;
		l->apic_id = 4 * i;
		l->flags = ACPI_MADT_CPU_ENABLED;
		p += sizeof(*l);
	}
	io = (void *)p;
	io->h.type = ACPI_MADT_IOAPIC;
	io->h.length = sizeof(*io);
	io->id = 8;
	io->addr = 0xfec00000;
	p += sizeof(*io);
	iso = (void *)p;
	iso->h.type = ACPI_MADT_ISO;
	iso->h.length = sizeof(*iso);
	iso->source = 0;
	iso->gsi = 2;
	canned_seal(OFF_MADT);

	f = canned_table(OFF_FADT, "FACP",
			 offsetof(struct acpi_fadt, sleep_control_reg));
	f->hdr.revision = 3;
	f->dsdt = CANNED_BASE + OFF_DSDT;
	f->sci_int = 9;
	f->pm1a_cnt_blk = 0x604;
	f->pm_tmr_blk = 0x608;
	f->flags = ACPI_FADT_RESET_REG_SUP;
	f->reset_reg.space_id = ACPI_SPACE_IO;
	f->reset_reg.bit_width = 8;
	f->reset_reg.address = 0xcf9;
	f->reset_value = 6;
	canned_seal(OFF_FADT);

	h = canned_table(OFF_HPET, "HPET", sizeof(*h));
	h->base.address = 0xfed00000;
	canned_seal(OFF_HPET);
	h->base.address++;		/* now the checksum is wrong */

	canned_table(OFF_MCFG, "MCFG", sizeof(struct acpi_mcfg) + sizeof(*mc));
	mc = (void *)(canned + OFF_MCFG + sizeof(struct acpi_mcfg));
	mc->base = 0xb0000000;
	mc->bus_end = 0xff;
	canned_seal(OFF_MCFG);

	canned_table(OFF_DSDT, "DSDT", sizeof(struct acpi_sdt_hdr) + sizeof(aml));
	memcpy(canned + OFF_DSDT + sizeof(struct acpi_sdt_hdr), aml, sizeof(aml));
	canned_seal(OFF_DSDT);

	canned_warnings = 0;
	canned_last_warning[0] = '\0';
}

static void canned_tables_parse(struct ktest *t)
{
	struct acpi_info *in = &canned_info;

	canned_build();
	KTEST_ASSERT(t, acpi_parse(CANNED_BASE + OFF_RSDP, canned_map, in,
				   canned_warn) == 0);
	KTEST_EXPECT_EQ(t, in->rsdp_pa, CANNED_BASE + OFF_RSDP);
	KTEST_EXPECT_EQ(t, in->revision, 2);
	KTEST_EXPECT(t, in->have_madt && in->pcat_compat);
	KTEST_EXPECT_EQ(t, in->lapic_addr, 0xfee00000);
	KTEST_EXPECT_EQ(t, in->nr_cpus, 2);
	KTEST_EXPECT_EQ(t, in->apic_id[1], 4);
	KTEST_EXPECT_EQ(t, in->nr_ioapics, 1);
	KTEST_EXPECT_EQ(t, in->ioapic[0].id, 8);
	KTEST_EXPECT_EQ(t, in->ioapic[0].addr, 0xfec00000);
	KTEST_EXPECT_EQ(t, in->nr_iso, 1);
	KTEST_EXPECT_EQ(t, in->iso[0].gsi, 2);
	KTEST_EXPECT(t, in->have_fadt);
	KTEST_EXPECT_EQ(t, in->pm1a_cnt, 0x604);
	KTEST_EXPECT_EQ(t, in->pm_tmr_port, 0x608);
	KTEST_EXPECT(t, !in->pm_tmr_32bit);
	KTEST_EXPECT_EQ(t, in->sci_irq, 9);
	KTEST_EXPECT(t, in->reset_supported);
	KTEST_EXPECT_EQ(t, in->reset_reg.address, 0xcf9);
	KTEST_EXPECT_EQ(t, in->reset_value, 6);
	KTEST_EXPECT(t, in->have_s5);
	KTEST_EXPECT_EQ(t, in->s5_typa, 5);
	KTEST_EXPECT_EQ(t, in->s5_typb, 3);
	KTEST_EXPECT(t, in->have_mcfg);
	KTEST_EXPECT_EQ(t, in->mcfg_base, 0xb0000000);
	KTEST_EXPECT_EQ(t, in->mcfg_bus_end, 0xff);
}

static void canned_bad_checksum_skipped(struct ktest *t)
{
	struct acpi_info *in = &canned_info;

	canned_build();
	KTEST_ASSERT(t, acpi_parse(CANNED_BASE + OFF_RSDP, canned_map, in,
				   canned_warn) == 0);
	KTEST_EXPECT_EQ(t, in->hpet_addr, 0);
	KTEST_EXPECT_EQ(t, canned_warnings, 1);
	KTEST_EXPECT(t, !strcmp(canned_last_warning,
				"ACPI: HPET: bad checksum, skipped"));

	/* a broken RSDP is refused outright */
	canned[OFF_RSDP + 8]++;
	KTEST_EXPECT_EQ(t, acpi_parse(CANNED_BASE + OFF_RSDP, canned_map, in,
				      canned_warn), -EINVAL);
	KTEST_EXPECT_EQ(t, in->rsdp_pa, 0);
}

static const struct ktest_case acpi_cases[] = {
	KTEST_CASE(live_rsdp),
	KTEST_CASE(rsdp_from_multiboot2),
	KTEST_CASE(live_madt),
	KTEST_CASE(live_fadt),
	KTEST_CASE(live_s5),
	KTEST_CASE(live_pm_timer),
	KTEST_CASE(canned_tables_parse),
	KTEST_CASE(canned_bad_checksum_skipped),
};

static const struct ktest_suite acpi_suite = {
	.name = "acpi",
	.cases = acpi_cases,
	.ncases = ARRAY_SIZE(acpi_cases),
};
KTEST_SUITE(acpi_suite);
