/* SPDX-License-Identifier: GPL-2.0 */
/*
 * ACPI table discovery and parsing (drivers/acpi/tables.c, pure: tables
 * are reached only through the map callback, so host tests feed canned
 * tables) and power control (drivers/acpi/power.c).
 */
#ifndef _TERN_ACPI_H
#define _TERN_ACPI_H

#include <tern/types.h>

#define ACPI_MAX_CPUS		64
#define ACPI_MAX_IOAPICS	8
#define ACPI_MAX_ISO		16

struct acpi_gas {		/* Generic Address Structure, decoded */
	u8 space_id;		/* 0 = memory, 1 = I/O port */
	u8 bit_width;
	u64 address;
};

struct acpi_info {
	u64 rsdp_pa;
	u8 revision;			/* RSDP revision: 0 = RSDT, 2 = XSDT */

	/* MADT */
	bool have_madt;
	u64 lapic_addr;
	bool pcat_compat;		/* legacy 8259 pair present */
	unsigned int nr_cpus;		/* enabled (or online-capable) CPUs */
	u32 apic_id[ACPI_MAX_CPUS];
	unsigned int nr_ioapics;
	struct {
		u8 id;
		u32 addr;
		u32 gsi_base;
	} ioapic[ACPI_MAX_IOAPICS];
	unsigned int nr_iso;		/* interrupt source overrides */
	struct {
		u8 bus_irq;
		u32 gsi;
		u16 flags;		/* MPS INTI flags: polarity, trigger */
	} iso[ACPI_MAX_ISO];

	/* FADT */
	bool have_fadt;
	u32 pm1a_cnt;			/* I/O port, 0 if none */
	u32 pm1b_cnt;
	u32 pm_tmr_port;		/* 0 if none or not ours */
	bool pm_tmr_32bit;
	/* set by arch code when the platform keeps the PM timer (reason) */
	const char *pm_tmr_withheld;
	/*
	 * Set by arch code when the tables list fixed hardware (PM1 block,
	 * PM timer, IO-APIC) that nothing emulates (reason).
	 */
	const char *fixed_hw_withheld;
	u32 smi_cmd;
	u8 acpi_enable;
	u16 sci_irq;
	bool reset_supported;
	struct acpi_gas reset_reg;
	u8 reset_value;
	bool hw_reduced;
	u64 dsdt_pa;

	/* \_S5 from the DSDT */
	bool have_s5;
	u8 s5_typa, s5_typb;

	/* MCFG (first segment group) and HPET */
	bool have_mcfg;
	u64 mcfg_base;
	u16 mcfg_segment;
	u8 mcfg_bus_start, mcfg_bus_end;
	u64 hpet_addr;			/* 0 if none */
};

/* PM1 control register: the sleep type and the sleep enable bit. */
#define ACPI_PM1_SLP_TYP_SHIFT	10
#define ACPI_PM1_SLP_TYP_MASK	(7u << ACPI_PM1_SLP_TYP_SHIFT)
#define ACPI_PM1_SLP_EN		(1u << 13)

/* The PM1x_CNT bits that enter sleep type typ (a \_Sx package value). */
static inline u16 acpi_pm1_sleep_bits(u8 typ)
{
	return ((typ & 7u) << ACPI_PM1_SLP_TYP_SHIFT) | ACPI_PM1_SLP_EN;
}

/* Returns a pointer to len bytes at physical pa, or NULL. */
typedef const void *(*acpi_map_fn)(u64 pa, size_t len);

/* Byte sum of len bytes is zero. */
bool acpi_checksum_ok(const void *p, size_t len);

/* Set *field (inside the len bytes at p) so that their byte sum is zero. */
void acpi_set_checksum(void *p, size_t len, u8 *field);

/* Scan the EBDA and 0xE0000-0xFFFFF for a valid RSDP; 0 if none. */
u64 acpi_find_rsdp(acpi_map_fn map);

/*
 * Parse RSDP -> XSDT/RSDT -> MADT, FADT (+ DSDT \_S5), MCFG, HPET.
 * Every table is length- and checksum-checked; a bad table is reported
 * through warn() (may be NULL) and skipped. Returns 0, or -EINVAL when
 * the RSDP itself is invalid.
 */
int acpi_parse(u64 rsdp_pa, acpi_map_fn map, struct acpi_info *info,
	       void (*warn)(const char *msg));

/*
 * Trigger mode and polarity of a GSI from the MADT: an interrupt source
 * override naming the GSI decides (its "conforms to the bus" fields mean
 * ISA: edge, active high); otherwise a GSI below 16 that is not a PCI
 * line is an identity-mapped ISA IRQ (edge, active high), and a PCI
 * interrupt is level, active low (ACPI spec, MADT interrupt source
 * overrides). There is no _PRT evaluation: this is all Tern knows.
 */
#define ACPI_IRQ_LEVEL		1u	/* else edge */
#define ACPI_IRQ_ACTIVE_LOW	2u	/* else active high */
unsigned int acpi_gsi_mode(const struct acpi_info *info, u32 gsi, bool pci);

/*
 * Build the ACPI tables a PVH guest gets from its toolstack (what libxl
 * gives one; drivers/acpi/build.c) into buf, for guest-physical base_pa
 * (16-byte aligned, below 4 GiB): a MADT with nr_cpus local APICs (ids
 * 2 * vCPU), the first nr_online enabled. Returns 0 with the RSDP's
 * guest-physical address and the bytes used, -EINVAL for bad arguments,
 * -ENOSPC when size is too small.
 */
#define ACPI_GUEST_MAX_CPUS	128
int acpi_build_guest(void *buf, size_t size, u64 base_pa,
		     unsigned int nr_cpus, unsigned int nr_online,
		     u64 *rsdp_pa, size_t *used);

/* ---- kernel side (drivers/acpi/power.c, drivers/acpi/acpi.c) ---- */
extern struct acpi_info acpi;
/* Find and parse the tables (rsdp_hint from the boot protocol, or 0). */
int acpi_init(u64 rsdp_hint);
/* S5 through PM1x_CNT; returns only if that did not power off. */
void acpi_poweroff(void);
/* FADT reset register, then 0xCF9, then the keyboard controller. */
void acpi_reset(void);
/* ACPI PM timer (3.579545 MHz) raw count, or -1 when absent. */
s64 acpi_pm_timer_read(void);

#endif
