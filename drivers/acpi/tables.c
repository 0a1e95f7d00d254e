// SPDX-License-Identifier: GPL-2.0
/*
 * ACPI table discovery and parsing: RSDP -> XSDT/RSDT -> MADT, FADT
 * (-> DSDT \_S5), MCFG, HPET, decoded into struct acpi_info.
 *
 * Pure code: firmware memory is reached only through the caller's
 * acpi_map_fn, so this file runs unchanged in the kernel (direct map) and
 * in the host unit tests (canned tables in heap buffers).
 *
 * Invariants:
 *  - Nothing beyond a table header is read before the header's length is
 *    bounded (36 .. ACPI_TABLE_MAX_LEN), the whole table is mapped and its
 *    checksum verified. Every later read is bounded by that length.
 *  - Fields added by later revisions (FADT X_ blocks, reset register,
 *    ...) are read only when the table's length covers them, whatever its
 *    revision byte claims.
 *  - A bad table or MADT entry is reported through warn() and skipped;
 *    parsing carries on with the rest.
 *  - Firmware data may sit at any alignment: it is read only through the
 *    __packed layouts of acpi_tables.h or byte by byte.
 *
 * There is no AML interpreter. \_S5 is found by a byte scan of the DSDT
 * for NameOp "_S5_" PackageOp, which is how every firmware we know of
 * encodes it (see find_s5()).
 */
#include <tern/acpi.h>
#include <tern/string.h>
#include "acpi_tables.h"

struct acpi_ctx {
	acpi_map_fn map;
	void (*warn)(const char *msg);
	struct acpi_info *info;
};

static void put_str(char *buf, size_t size, size_t *n, const char *s)
{
	while (*s && *n + 1 < size)
		buf[(*n)++] = *s++;
}

/* Report "ACPI: <sig>: <what>"; sig (4 chars, may be NULL) need not be text. */
static void acpi_warn(const struct acpi_ctx *c, const char *sig,
		      const char *what)
{
	char buf[96];
	size_t n = 0;
	int i;

	if (!c->warn)
		return;
	put_str(buf, sizeof(buf), &n, "ACPI: ");
	if (sig) {
		for (i = 0; i < 4; i++) {
			char ch = sig[i];

			buf[n++] = (ch >= 0x20 && ch < 0x7f) ? ch : '?';
		}
		put_str(buf, sizeof(buf), &n, ": ");
	}
	put_str(buf, sizeof(buf), &n, what);
	buf[n] = '\0';
	c->warn(buf);
}

static u32 get_le32(const u8 *p)
{
	return (u32)p[0] | (u32)p[1] << 8 | (u32)p[2] << 16 | (u32)p[3] << 24;
}

static u64 get_le64(const u8 *p)
{
	return (u64)get_le32(p) | (u64)get_le32(p + 4) << 32;
}

bool acpi_checksum_ok(const void *p, size_t len)
{
	const u8 *b = p;
	u8 sum = 0;

	while (len--)
		sum += *b++;
	return sum == 0;
}

/*
 * Validate the RSDP at pa: signature and the v1 checksum over 20 bytes;
 * for revision >= 2 also the length and the extended checksum. Returns
 * the RSDP mapped over its full length (20 bytes for revision < 2).
 */
static const struct acpi_rsdp *rsdp_validate(acpi_map_fn map, u64 pa)
{
	const struct acpi_rsdp *r;
	u32 len;

	r = map(pa, ACPI_RSDP_V1_LEN);
	if (!r || memcmp(r->signature, ACPI_RSDP_SIG, 8) ||
	    !acpi_checksum_ok(r, ACPI_RSDP_V1_LEN))
		return NULL;
	if (r->revision < 2)
		return r;

	r = map(pa, sizeof(*r));
	if (!r)
		return NULL;
	len = r->length;
	if (len < sizeof(*r) || len > ACPI_RSDP_MAX_LEN)
		return NULL;
	r = map(pa, len);
	if (!r || !acpi_checksum_ok(r, len))
		return NULL;
	return r;
}

/* Scan [base, base + len) on 16-byte boundaries for a valid RSDP. */
static u64 rsdp_scan(acpi_map_fn map, u64 base, size_t len)
{
	const u8 *p = map(base, len);
	size_t off;

	if (!p)
		return 0;
	/* the RSDP must start in the area; it may run past its end */
	for (off = 0; off + 8 <= len; off += 16) {
		if (memcmp(p + off, ACPI_RSDP_SIG, 8))
			continue;
		if (rsdp_validate(map, base + off))
			return base + off;
	}
	return 0;
}

#define BDA_EBDA_SEG	0x40e
#define EBDA_SCAN_LEN	1024
#define BIOS_AREA_START	0xe0000
#define BIOS_AREA_END	0x100000

u64 acpi_find_rsdp(acpi_map_fn map)
{
	const u8 *bda = map(BDA_EBDA_SEG, 2);
	u64 pa;

	if (bda) {
		u64 ebda = (u64)(bda[0] | bda[1] << 8) << 4;

		if (ebda && ebda + EBDA_SCAN_LEN <= BIOS_AREA_END) {
			pa = rsdp_scan(map, ebda, EBDA_SCAN_LEN);
			if (pa)
				return pa;
		}
	}
	return rsdp_scan(map, BIOS_AREA_START, BIOS_AREA_END - BIOS_AREA_START);
}

/*
 * Map and validate the table at pa (signature `want` unless NULL).
 * Returns it mapped over its full length, stored in *lenp, or NULL after
 * a warning.
 */
static const void *map_table(const struct acpi_ctx *c, u64 pa,
			     const char *want, u32 *lenp)
{
	const struct acpi_sdt_hdr *h;
	char sig[4];
	u32 len;

	h = c->map(pa, sizeof(*h));
	if (!h) {
		acpi_warn(c, want, "table header not mappable, skipped");
		return NULL;
	}
	memcpy(sig, h->signature, sizeof(sig));
	if (want && memcmp(sig, want, sizeof(sig))) {
		acpi_warn(c, sig, "unexpected signature, skipped");
		return NULL;
	}
	len = h->length;
	if (len < sizeof(*h) || len > ACPI_TABLE_MAX_LEN) {
		acpi_warn(c, sig, "bad table length, skipped");
		return NULL;
	}
	h = c->map(pa, len);
	if (!h) {
		acpi_warn(c, sig, "table not mappable, skipped");
		return NULL;
	}
	if (!acpi_checksum_ok(h, len)) {
		acpi_warn(c, sig, "bad checksum, skipped");
		return NULL;
	}
	*lenp = len;
	return h;
}

/* ---- MADT ---------------------------------------------------------- */

static void madt_add_cpu(const struct acpi_ctx *c, u32 apic_id, u32 flags)
{
	struct acpi_info *info = c->info;
	unsigned int i;

	if (!(flags & (ACPI_MADT_CPU_ENABLED | ACPI_MADT_CPU_ONLINE_CAPABLE)))
		return;
	/* firmware may describe one CPU by both a LAPIC and an x2APIC entry */
	for (i = 0; i < info->nr_cpus; i++)
		if (info->apic_id[i] == apic_id)
			return;
	if (info->nr_cpus == ACPI_MAX_CPUS) {
		acpi_warn(c, "APIC", "too many CPUs, extra ignored");
		return;
	}
	info->apic_id[info->nr_cpus++] = apic_id;
}

static void madt_entry(const struct acpi_ctx *c,
		       const struct acpi_madt_entry *e)
{
	struct acpi_info *info = c->info;
	size_t need;

	switch (e->type) {
	case ACPI_MADT_LAPIC:
		need = sizeof(struct acpi_madt_lapic);
		break;
	case ACPI_MADT_IOAPIC:
		need = sizeof(struct acpi_madt_ioapic);
		break;
	case ACPI_MADT_ISO:
		need = sizeof(struct acpi_madt_iso);
		break;
	case ACPI_MADT_LAPIC_ADDR:
		need = sizeof(struct acpi_madt_lapic_addr);
		break;
	case ACPI_MADT_X2APIC:
		need = sizeof(struct acpi_madt_x2apic);
		break;
	default:
		return;		/* types we do not use */
	}
	if (e->length < need) {
		acpi_warn(c, "APIC", "entry too short for its type, skipped");
		return;
	}

	switch (e->type) {
	case ACPI_MADT_LAPIC: {
		const struct acpi_madt_lapic *l = (const void *)e;

		madt_add_cpu(c, l->apic_id, l->flags);
		break;
	}
	case ACPI_MADT_X2APIC: {
		const struct acpi_madt_x2apic *x = (const void *)e;

		madt_add_cpu(c, x->x2apic_id, x->flags);
		break;
	}
	case ACPI_MADT_IOAPIC: {
		const struct acpi_madt_ioapic *io = (const void *)e;

		if (info->nr_ioapics == ACPI_MAX_IOAPICS) {
			acpi_warn(c, "APIC", "too many IO-APICs, extra ignored");
			break;
		}
		info->ioapic[info->nr_ioapics].id = io->id;
		info->ioapic[info->nr_ioapics].addr = io->addr;
		info->ioapic[info->nr_ioapics].gsi_base = io->gsi_base;
		info->nr_ioapics++;
		break;
	}
	case ACPI_MADT_ISO: {
		const struct acpi_madt_iso *iso = (const void *)e;

		if (info->nr_iso == ACPI_MAX_ISO) {
			acpi_warn(c, "APIC", "too many overrides, extra ignored");
			break;
		}
		info->iso[info->nr_iso].bus_irq = iso->source;
		info->iso[info->nr_iso].gsi = iso->gsi;
		info->iso[info->nr_iso].flags = iso->flags;
		info->nr_iso++;
		break;
	}
	case ACPI_MADT_LAPIC_ADDR: {
		const struct acpi_madt_lapic_addr *a = (const void *)e;

		/* the 64-bit override replaces the header's address */
		info->lapic_addr = a->addr;
		break;
	}
	}
}

static void parse_madt(const struct acpi_ctx *c, const void *tbl, u32 len)
{
	const struct acpi_madt *m = tbl;
	const u8 *p = tbl;
	struct acpi_info *info = c->info;
	u32 off;

	if (len < sizeof(*m)) {
		acpi_warn(c, "APIC", "table too short, skipped");
		return;
	}
	info->have_madt = true;
	info->lapic_addr = m->lapic_addr;
	info->pcat_compat = m->flags & ACPI_MADT_PCAT_COMPAT;

	for (off = sizeof(*m); off < len; ) {
		const struct acpi_madt_entry *e = (const void *)(p + off);

		if (len - off < sizeof(*e) || e->length < sizeof(*e) ||
		    e->length > len - off) {
			acpi_warn(c, "APIC", "bad entry length, rest ignored");
			break;
		}
		madt_entry(c, e);
		off += e->length;
	}
}

/* ---- FADT ---------------------------------------------------------- */

/*
 * An I/O port block: the X_ GAS when the table has it, it is non-zero and
 * in I/O space, else the legacy 32-bit field.
 */
static u32 fadt_port(const struct acpi_ctx *c, const struct acpi_gas_raw *x,
		     bool have_x, u32 legacy)
{
	if (have_x && x->address) {
		if (x->space_id == ACPI_SPACE_IO && x->address <= 0xffff)
			return (u32)x->address;
		acpi_warn(c, "FACP",
			  "X_ block not an I/O port, using legacy field");
	}
	return legacy;
}

static void parse_fadt(const struct acpi_ctx *c, const void *tbl, u32 len)
{
	const struct acpi_fadt *f = tbl;
	struct acpi_info *info = c->info;
	u32 flags;

	if (!ACPI_FADT_HAS(len, flags)) {
		acpi_warn(c, "FACP", "table too short, skipped");
		return;
	}
	flags = f->flags;
	info->have_fadt = true;
	info->sci_irq = f->sci_int;
	info->smi_cmd = f->smi_cmd;
	info->acpi_enable = f->acpi_enable;
	info->hw_reduced = flags & ACPI_FADT_HW_REDUCED;
	info->pm_tmr_32bit = flags & ACPI_FADT_TMR_VAL_EXT;

	info->pm1a_cnt = fadt_port(c, &f->x_pm1a_cnt_blk,
				   ACPI_FADT_HAS(len, x_pm1a_cnt_blk),
				   f->pm1a_cnt_blk);
	info->pm1b_cnt = fadt_port(c, &f->x_pm1b_cnt_blk,
				   ACPI_FADT_HAS(len, x_pm1b_cnt_blk),
				   f->pm1b_cnt_blk);
	info->pm_tmr_port = fadt_port(c, &f->x_pm_tmr_blk,
				      ACPI_FADT_HAS(len, x_pm_tmr_blk),
				      f->pm_tmr_blk);

	if (ACPI_FADT_HAS(len, reset_value)) {
		info->reset_reg.space_id = f->reset_reg.space_id;
		info->reset_reg.bit_width = f->reset_reg.bit_width;
		info->reset_reg.address = f->reset_reg.address;
		info->reset_value = f->reset_value;
		info->reset_supported = (flags & ACPI_FADT_RESET_REG_SUP) &&
					f->reset_reg.address;
	}

	info->dsdt_pa = f->dsdt;
	if (ACPI_FADT_HAS(len, x_dsdt) && f->x_dsdt)
		info->dsdt_pa = f->x_dsdt;
}

/* ---- DSDT \_S5 ----------------------------------------------------- */

/* Decode one small integer data object at aml[*pos] (pos < end). */
static bool aml_int(const u8 *aml, u32 *pos, u32 end, u32 *val)
{
	u32 p = *pos;
	u8 op;

	if (p >= end)
		return false;
	op = aml[p++];
	switch (op) {
	case AML_BYTE_PREFIX:
		if (end - p < 1)
			return false;
		*val = aml[p];
		p += 1;
		break;
	case AML_WORD_PREFIX:
		if (end - p < 2)
			return false;
		*val = aml[p] | aml[p + 1] << 8;
		p += 2;
		break;
	case AML_DWORD_PREFIX:
		if (end - p < 4)
			return false;
		*val = get_le32(aml + p);
		p += 4;
		break;
	default:
		/* ZeroOp (0) and OneOp (1) are their own values; buggy
		 * firmware also puts raw bytes here
		 */
		*val = op;
		break;
	}
	*pos = p;
	return true;
}

/*
 * Decode "PkgLength NumElements Elem0 Elem1 ..." at aml[0..avail).
 * A one-element package is the old packed form: SLP_TYPa in bits 7:0 and
 * SLP_TYPb in bits 15:8 of that element.
 */
static bool s5_package(const u8 *aml, u32 avail, u8 *typa, u8 *typb)
{
	u32 follow, pkglen, pos, num, a, b;

	if (!avail)
		return false;
	follow = aml[0] >> 6;	/* bytes of PkgLength after the lead byte */
	if (avail < 1 + follow)
		return false;
	if (!follow) {
		pkglen = aml[0] & 0x3f;
	} else {
		u32 i;

		pkglen = aml[0] & 0x0f;
		for (i = 1; i <= follow; i++)
			pkglen |= (u32)aml[i] << (4 + 8 * (i - 1));
	}
	/* PkgLength counts itself; NumElements must follow */
	if (pkglen < follow + 2 || pkglen > avail)
		return false;
	pos = follow + 1;
	num = aml[pos++];
	if (!num || !aml_int(aml, &pos, pkglen, &a))
		return false;
	if (num == 1) {
		*typa = a & 0xff;
		*typb = (a >> 8) & 0xff;
		return true;
	}
	if (!aml_int(aml, &pos, pkglen, &b))
		return false;
	*typa = a & 0xff;
	*typb = b & 0xff;
	return true;
}

/*
 * Find NameOp ['\'] "_S5_" PackageOp in the AML and decode the package.
 * A match that does not decode is skipped and the scan goes on.
 */
static bool find_s5(const u8 *aml, u32 len, u8 *typa, u8 *typb)
{
	u32 i;

	for (i = 1; i + 5 <= len; i++) {
		bool named;

		if (memcmp(aml + i, "_S5_", 4) || aml[i + 4] != AML_PACKAGE_OP)
			continue;
		named = aml[i - 1] == AML_NAME_OP ||
			(i >= 2 && aml[i - 1] == AML_ROOT_CHAR &&
			 aml[i - 2] == AML_NAME_OP);
		if (!named)
			continue;
		if (s5_package(aml + i + 5, len - (i + 5), typa, typb))
			return true;
	}
	return false;
}

static void parse_dsdt(const struct acpi_ctx *c)
{
	struct acpi_info *info = c->info;
	const u8 *dsdt;
	u32 len;

	if (!info->dsdt_pa) {
		acpi_warn(c, "FACP", "no DSDT");
		return;
	}
	dsdt = map_table(c, info->dsdt_pa, "DSDT", &len);
	if (!dsdt)
		return;
	info->have_s5 = find_s5(dsdt + sizeof(struct acpi_sdt_hdr),
				len - sizeof(struct acpi_sdt_hdr),
				&info->s5_typa, &info->s5_typb);
	if (!info->have_s5)
		acpi_warn(c, "DSDT", "no usable \\_S5 package");
}

/* ---- MCFG, HPET ---------------------------------------------------- */

static void parse_mcfg(const struct acpi_ctx *c, const void *tbl, u32 len)
{
	const struct acpi_mcfg_alloc *a;
	struct acpi_info *info = c->info;

	if (len < sizeof(struct acpi_mcfg) + sizeof(*a)) {
		acpi_warn(c, "MCFG", "no allocation entry, skipped");
		return;
	}
	a = (const void *)((const u8 *)tbl + sizeof(struct acpi_mcfg));
	info->have_mcfg = true;
	info->mcfg_base = a->base;
	info->mcfg_segment = a->segment;
	info->mcfg_bus_start = a->bus_start;
	info->mcfg_bus_end = a->bus_end;
}

static void parse_hpet(const struct acpi_ctx *c, const void *tbl, u32 len)
{
	const struct acpi_hpet *h = tbl;

	if (len < sizeof(*h)) {
		acpi_warn(c, "HPET", "table too short, skipped");
		return;
	}
	if (h->base.space_id != ACPI_SPACE_MEM) {
		acpi_warn(c, "HPET", "base not in memory space, skipped");
		return;
	}
	c->info->hpet_addr = h->base.address;
}

/* ---- root ---------------------------------------------------------- */

static void parse_table(const struct acpi_ctx *c, u64 pa)
{
	const struct acpi_sdt_hdr *h;
	struct acpi_info *info = c->info;
	u32 len;

	if (!pa) {
		acpi_warn(c, NULL, "null entry in the root table");
		return;
	}
	h = map_table(c, pa, NULL, &len);
	if (!h)
		return;
	/* the first valid instance of each table wins */
	if (!memcmp(h->signature, "APIC", 4) && !info->have_madt)
		parse_madt(c, h, len);
	else if (!memcmp(h->signature, "FACP", 4) && !info->have_fadt)
		parse_fadt(c, h, len);
	else if (!memcmp(h->signature, "MCFG", 4) && !info->have_mcfg)
		parse_mcfg(c, h, len);
	else if (!memcmp(h->signature, "HPET", 4) && !info->hpet_addr)
		parse_hpet(c, h, len);
}

int acpi_parse(u64 rsdp_pa, acpi_map_fn map, struct acpi_info *info,
	       void (*warn)(const char *msg))
{
	struct acpi_ctx c = { .map = map, .warn = warn, .info = info };
	const struct acpi_rsdp *r;
	const u8 *root = NULL;
	u64 xsdt = 0;
	u32 rsdt, len = 0, esize = 0, i, n;

	memset(info, 0, sizeof(*info));
	r = rsdp_validate(map, rsdp_pa);
	if (!r) {
		acpi_warn(&c, NULL, "invalid RSDP");
		return -EINVAL;
	}
	info->rsdp_pa = rsdp_pa;
	info->revision = r->revision;
	rsdt = r->rsdt_addr;
	if (r->revision >= 2)
		xsdt = r->xsdt_addr;

	if (xsdt) {
		/*
		 * The XSDT's signature is not required: Xen 4.17 builds a PVH
		 * dom0's XSDT with a header copied from whatever the host
		 * RSDP's xsdt field points at, even for an ACPI 1.0 RSDP
		 * that has no such field (SeaBIOS). Its length, checksum
		 * and entries are Xen's own and checked as usual.
		 */
		root = map_table(&c, xsdt, NULL, &len);
		if (root && memcmp(root, "XSDT", 4))
			acpi_warn(&c, "XSDT", "bad signature (Xen 4.17 PVH dom0), accepted: length and checksum are valid");
		esize = 8;
		if (!root && rsdt)
			acpi_warn(&c, "XSDT", "falling back to the RSDT");
	}
	if (!root && rsdt) {
		root = map_table(&c, rsdt, "RSDT", &len);
		esize = 4;
	}
	if (!root) {
		acpi_warn(&c, NULL, "no usable RSDT or XSDT");
		return 0;
	}

	n = (len - sizeof(struct acpi_sdt_hdr)) / esize;
	for (i = 0; i < n; i++) {
		const u8 *e = root + sizeof(struct acpi_sdt_hdr) + i * esize;

		parse_table(&c, esize == 8 ? get_le64(e) : get_le32(e));
	}
	if (info->have_fadt)
		parse_dsdt(&c);
	return 0;
}

/*
 * MPS INTI flags of an interrupt source override: polarity in bits 0-1,
 * trigger mode in bits 2-3; 0 "conforms to the bus" (the source bus of an
 * override is ISA: edge, active high), 1 edge / active high, 3 level /
 * active low, 2 reserved (treated as conforming).
 */
#define MPS_INTI_POLARITY(f)	((f) & 3)
#define MPS_INTI_TRIGGER(f)	(((f) >> 2) & 3)
#define MPS_INTI_LOW		3
#define MPS_INTI_LEVEL		3

unsigned int acpi_gsi_mode(const struct acpi_info *info, u32 gsi, bool pci)
{
	unsigned int i, mode = 0;

	for (i = 0; i < info->nr_iso && i < ACPI_MAX_ISO; i++) {
		u16 f = info->iso[i].flags;

		if (info->iso[i].gsi != gsi)
			continue;
		if (MPS_INTI_POLARITY(f) == MPS_INTI_LOW)
			mode |= ACPI_IRQ_ACTIVE_LOW;
		if (MPS_INTI_TRIGGER(f) == MPS_INTI_LEVEL)
			mode |= ACPI_IRQ_LEVEL;
		return mode;
	}
	/* identity-mapped ISA IRQ, or a PCI interrupt line */
	if (!pci && gsi < 16)
		return 0;
	return ACPI_IRQ_LEVEL | ACPI_IRQ_ACTIVE_LOW;
}
