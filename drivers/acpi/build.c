// SPDX-License-Identifier: GPL-2.0
/*
 * The ACPI tables a toolstack gives a PVH guest.
 *
 * What: RSDP, XSDT and RSDT, a FADT, a FACS, a DSDT with no objects and
 * a MADT listing the guest's vCPUs, packed into one buffer that the
 * builder copies to guest-physical base_pa. The set is the one libxl
 * builds for a PVH guest (tools/libacpi with PVH's table flags), so a
 * guest sees here what it sees under xl:
 *  - FADT revision 4: the PM1a event/control blocks at the ports Xen's
 *    HVM ABI names (0xb000, 0xb004) and GPE0 at 0xafe0, no PM timer,
 *    SCI 9, no fixed power or sleep button, reset through 0xcf9; its
 *    IA-PC boot flags say "no VGA" and, by leaving the 8042 flag clear,
 *    "no keyboard controller". Linux reads these flags to leave the
 *    legacy devices alone.
 *  - MADT: one local APIC entry per possible vCPU, APIC id 2 * vCPU (the
 *    id Xen's virtual LAPIC reports), enabled for the vCPUs online at
 *    boot; no IO-APIC (PVH has none).
 *  - DSDT: a header with no AML, so no \_S5: a guest powers off by
 *    halting with interrupts off, which Xen takes as a power-off.
 *
 * Why: without a FADT Linux assumes a PC (i8042, CMOS RTC, VGA) and
 * without a MADT it sees one CPU. Pure code: the host tests parse what
 * it builds with drivers/acpi/tables.c.
 *
 * Invariants: every table is 16-byte aligned (the FACS 64-byte), inside
 * the buffer, with its checksum set; nothing is written past `size`.
 */
#include <tern/acpi.h>
#include <tern/compiler.h>
#include <tern/string.h>
#include "acpi_tables.h"

#define OEM_ID		"TERN  "
#define OEM_TABLE_ID	"TERNPVH "
#define CREATOR_ID	0x4e524554	/* "TERN" */

/* Xen's HVM ABI ports (public/hvm/ioreq.h, "V1" layout) */
#define PM1A_EVT_PORT	0xb000
#define PM1A_CNT_PORT	0xb004
#define GPE0_PORT	0xafe0
#define GPE0_LEN	4
#define RESET_PORT	0xcf9
#define RESET_VALUE	6
#define SCI_IRQ		9
#define LAPIC_BASE	0xfee00000u

/* FADT flags and IA-PC boot architecture flags (ACPI 6.x, 5.2.9) */
#define FADT_WBINVD		(1u << 0)
#define FADT_PROC_C1		(1u << 2)
#define FADT_PWR_BUTTON		(1u << 4)	/* set: no fixed button */
#define FADT_SLP_BUTTON		(1u << 5)
#define FADT_FIX_RTC		(1u << 6)
#define FADT_USE_PLATFORM_CLOCK	(1u << 15)
#define BOOT_ARCH_NO_VGA	(1u << 2)

#define FADT_REV	4
#define FADT_LEN	offsetof(struct acpi_fadt, sleep_control_reg)
#define FACS_LEN	64

struct builder {
	u8 *buf;
	size_t size, used;
	u64 base;
};

/* Room for len bytes at the next multiple of align, zeroed; NULL if none. */
static void *take(struct builder *b, size_t len, size_t align)
{
	size_t at = ALIGN_UP(b->used, align);

	if (at > b->size || len > b->size - at)
		return NULL;
	b->used = at + len;
	memset(b->buf + at, 0, len);
	return b->buf + at;
}

static u64 pa_of(const struct builder *b, const void *p)
{
	return b->base + (u64)((const u8 *)p - b->buf);
}

void acpi_set_checksum(void *table, size_t len, u8 *field)
{
	const u8 *p = table;
	u8 sum = 0;
	size_t i;

	*field = 0;
	for (i = 0; i < len; i++)
		sum += p[i];
	*field = (u8)-sum;
}

static void *table(struct builder *b, const char *sig, u8 rev, size_t len,
		   size_t align)
{
	struct acpi_sdt_hdr *h = take(b, len, align);

	if (!h)
		return NULL;
	memcpy(h->signature, sig, 4);
	h->length = (u32)len;
	h->revision = rev;
	memcpy(h->oem_id, OEM_ID, 6);
	memcpy(h->oem_table_id, OEM_TABLE_ID, 8);
	h->oem_revision = 1;
	h->creator_id = CREATOR_ID;
	h->creator_revision = 1;
	return h;
}

static void seal(struct acpi_sdt_hdr *h)
{
	acpi_set_checksum(h, h->length, &h->checksum);
}

static void gas_io(struct acpi_gas_raw *g, u8 bits, u16 port)
{
	g->space_id = ACPI_SPACE_IO;
	g->bit_width = bits;
	g->address = port;
}

static struct acpi_fadt *fadt(struct builder *b, u64 facs, u64 dsdt)
{
	struct acpi_fadt *f = table(b, "FACP", FADT_REV, FADT_LEN, 16);

	if (!f)
		return NULL;
	f->firmware_ctrl = (u32)facs;
	f->dsdt = (u32)dsdt;
	f->x_firmware_ctrl = facs;
	f->x_dsdt = dsdt;
	f->sci_int = SCI_IRQ;
	f->pm1a_evt_blk = PM1A_EVT_PORT;
	f->pm1a_cnt_blk = PM1A_CNT_PORT;
	f->gpe0_blk = GPE0_PORT;
	f->pm1_evt_len = 4;
	f->pm1_cnt_len = 2;
	f->gpe0_blk_len = GPE0_LEN;
	f->p_lvl2_lat = 0x0fff;		/* > 100: no C2 */
	f->p_lvl3_lat = 0x0fff;		/* > 1000: no C3 */
	f->iapc_boot_arch = BOOT_ARCH_NO_VGA;
	f->flags = FADT_WBINVD | FADT_PROC_C1 | FADT_PWR_BUTTON |
		   FADT_SLP_BUTTON | FADT_FIX_RTC | ACPI_FADT_TMR_VAL_EXT |
		   FADT_USE_PLATFORM_CLOCK;
	gas_io(&f->reset_reg, 8, RESET_PORT);
	f->reset_value = RESET_VALUE;
	gas_io(&f->x_pm1a_evt_blk, 32, PM1A_EVT_PORT);
	gas_io(&f->x_pm1a_cnt_blk, 16, PM1A_CNT_PORT);
	seal(&f->hdr);
	return f;
}

static struct acpi_madt *madt(struct builder *b, unsigned int nr_cpus,
			      unsigned int nr_online)
{
	struct acpi_madt_lapic *l;
	struct acpi_madt *m;
	unsigned int i;

	m = table(b, "APIC", 2, sizeof(*m) + nr_cpus * sizeof(*l), 16);
	if (!m)
		return NULL;
	m->lapic_addr = LAPIC_BASE;
	m->flags = ACPI_MADT_PCAT_COMPAT;
	l = (struct acpi_madt_lapic *)(m + 1);
	for (i = 0; i < nr_cpus; i++, l++) {
		l->h.type = ACPI_MADT_LAPIC;
		l->h.length = sizeof(*l);
		l->acpi_uid = (u8)i;
		l->apic_id = (u8)(2 * i);
		l->flags = i < nr_online ? ACPI_MADT_CPU_ENABLED : 0;
	}
	seal(&m->hdr);
	return m;
}

int acpi_build_guest(void *buf, size_t size, u64 base_pa,
		     unsigned int nr_cpus, unsigned int nr_online,
		     u64 *rsdp_pa, size_t *used)
{
	struct builder b = { .buf = buf, .size = size, .base = base_pa };
	struct acpi_sdt_hdr *dsdt, *rsdt, *xsdt;
	struct acpi_rsdp *rsdp;
	struct acpi_fadt *f;
	struct acpi_madt *m;
	u8 *facs;
	u64 tbl[2];
	u8 *x64, *r32;
	int i;

	/* xAPIC ids are 8 bits: vCPU 127 has id 254 */
	if (!nr_cpus || nr_cpus > ACPI_GUEST_MAX_CPUS || !nr_online ||
	    nr_online > nr_cpus || (base_pa & 15) ||
	    base_pa + size > (1ULL << 32))
		return -EINVAL;
	rsdp = take(&b, sizeof(*rsdp), 16);
	facs = take(&b, FACS_LEN, 64);
	dsdt = table(&b, "DSDT", 2, sizeof(*dsdt), 16);
	if (!rsdp || !facs || !dsdt)
		return -ENOSPC;
	memcpy(facs, "FACS", 4);
	facs[4] = FACS_LEN;		/* length, little-endian u32 */
	facs[32] = 2;			/* version (ACPI 4.0 layout) */
	seal(dsdt);
	f = fadt(&b, pa_of(&b, facs), pa_of(&b, dsdt));
	m = f ? madt(&b, nr_cpus, nr_online) : NULL;
	if (!m)
		return -ENOSPC;
	tbl[0] = pa_of(&b, f);
	tbl[1] = pa_of(&b, m);
	xsdt = table(&b, "XSDT", 1, sizeof(*xsdt) + sizeof(tbl), 16);
	rsdt = table(&b, "RSDT", 1, sizeof(*rsdt) + 2 * sizeof(u32), 16);
	if (!xsdt || !rsdt)
		return -ENOSPC;
	/* the entries follow 36-byte headers: not 8-byte aligned */
	x64 = (u8 *)(xsdt + 1);
	r32 = (u8 *)(rsdt + 1);
	for (i = 0; i < 2; i++) {
		u32 lo = (u32)tbl[i];

		memcpy(x64 + 8 * i, &tbl[i], 8);
		memcpy(r32 + 4 * i, &lo, 4);
	}
	seal(xsdt);
	seal(rsdt);

	memcpy(rsdp->signature, ACPI_RSDP_SIG, 8);
	memcpy(rsdp->oem_id, OEM_ID, 6);
	rsdp->revision = 2;
	rsdp->rsdt_addr = (u32)pa_of(&b, rsdt);
	rsdp->length = sizeof(*rsdp);
	rsdp->xsdt_addr = pa_of(&b, xsdt);
	acpi_set_checksum(rsdp, ACPI_RSDP_V1_LEN, &rsdp->checksum);
	acpi_set_checksum(rsdp, sizeof(*rsdp), &rsdp->ext_checksum);

	*rsdp_pa = pa_of(&b, rsdp);
	*used = b.used;
	return 0;
}
