/* SPDX-License-Identifier: GPL-2.0 */
/*
 * On-disk layouts of the ACPI tables Tern reads, written from the ACPI
 * specification (6.x, with the older revisions it extends). Everything is
 * little-endian and byte-packed: firmware places tables on arbitrary
 * boundaries, so these structs have alignment 1 and may be overlaid on
 * any address. The static asserts pin the offsets the spec gives.
 *
 * Private to drivers/acpi/ (and its tests).
 */
#ifndef _DRIVERS_ACPI_TABLES_H
#define _DRIVERS_ACPI_TABLES_H

#include <tern/types.h>

#define ACPI_RSDP_SIG		"RSD PTR "
#define ACPI_RSDP_V1_LEN	20	/* bytes covered by the v1 checksum */
#define ACPI_RSDP_MAX_LEN	1024	/* sanity bound on the v2 length */
#define ACPI_TABLE_MAX_LEN	(1u << 20)	/* sanity bound on any table */

/* Root System Description Pointer */
struct acpi_rsdp {
	char signature[8];
	u8 checksum;		/* over the first 20 bytes */
	char oem_id[6];
	u8 revision;		/* 0 = ACPI 1.0, 2 = ACPI 2.0+ */
	u32 rsdt_addr;
	/* revision >= 2 */
	u32 length;		/* of the whole RSDP */
	u64 xsdt_addr;
	u8 ext_checksum;	/* over `length` bytes */
	u8 reserved[3];
} __packed;

/* Common header of every System Description Table */
struct acpi_sdt_hdr {
	char signature[4];
	u32 length;		/* including this header */
	u8 revision;
	u8 checksum;		/* byte sum of the whole table is 0 */
	char oem_id[6];
	char oem_table_id[8];
	u32 oem_revision;
	u32 creator_id;
	u32 creator_revision;
} __packed;

/* Generic Address Structure */
struct acpi_gas_raw {
	u8 space_id;
	u8 bit_width;
	u8 bit_offset;
	u8 access_size;
	u64 address;
} __packed;

#define ACPI_SPACE_MEM		0
#define ACPI_SPACE_IO		1
#define ACPI_SPACE_PCI_CFG	2

/* MADT ("APIC") */
struct acpi_madt {
	struct acpi_sdt_hdr hdr;
	u32 lapic_addr;
	u32 flags;
} __packed;

#define ACPI_MADT_PCAT_COMPAT	(1u << 0)

struct acpi_madt_entry {
	u8 type;
	u8 length;		/* including these two bytes */
} __packed;

#define ACPI_MADT_LAPIC		0
#define ACPI_MADT_IOAPIC	1
#define ACPI_MADT_ISO		2
#define ACPI_MADT_LAPIC_ADDR	5
#define ACPI_MADT_X2APIC	9

/* processor flags (LAPIC and x2APIC entries) */
#define ACPI_MADT_CPU_ENABLED		(1u << 0)
#define ACPI_MADT_CPU_ONLINE_CAPABLE	(1u << 1)

struct acpi_madt_lapic {
	struct acpi_madt_entry h;
	u8 acpi_uid;
	u8 apic_id;
	u32 flags;
} __packed;

struct acpi_madt_ioapic {
	struct acpi_madt_entry h;
	u8 id;
	u8 reserved;
	u32 addr;
	u32 gsi_base;
} __packed;

struct acpi_madt_iso {
	struct acpi_madt_entry h;
	u8 bus;			/* 0 = ISA */
	u8 source;		/* bus-relative IRQ */
	u32 gsi;
	u16 flags;		/* MPS INTI flags */
} __packed;

struct acpi_madt_lapic_addr {
	struct acpi_madt_entry h;
	u16 reserved;
	u64 addr;
} __packed;

struct acpi_madt_x2apic {
	struct acpi_madt_entry h;
	u16 reserved;
	u32 x2apic_id;
	u32 flags;
	u32 acpi_uid;
} __packed;

/* FADT ("FACP"). Revision 1 ends at reset_reg (116 bytes). */
struct acpi_fadt {
	struct acpi_sdt_hdr hdr;
	u32 firmware_ctrl;
	u32 dsdt;
	u8 reserved0;
	u8 preferred_pm_profile;
	u16 sci_int;
	u32 smi_cmd;
	u8 acpi_enable;
	u8 acpi_disable;
	u8 s4bios_req;
	u8 pstate_cnt;
	u32 pm1a_evt_blk;
	u32 pm1b_evt_blk;
	u32 pm1a_cnt_blk;
	u32 pm1b_cnt_blk;
	u32 pm2_cnt_blk;
	u32 pm_tmr_blk;
	u32 gpe0_blk;
	u32 gpe1_blk;
	u8 pm1_evt_len;
	u8 pm1_cnt_len;
	u8 pm2_cnt_len;
	u8 pm_tmr_len;
	u8 gpe0_blk_len;
	u8 gpe1_blk_len;
	u8 gpe1_base;
	u8 cst_cnt;
	u16 p_lvl2_lat;
	u16 p_lvl3_lat;
	u16 flush_size;
	u16 flush_stride;
	u8 duty_offset;
	u8 duty_width;
	u8 day_alrm;
	u8 mon_alrm;
	u8 century;
	u16 iapc_boot_arch;
	u8 reserved1;
	u32 flags;
	/* ACPI 2.0+ (revision 3 and later) */
	struct acpi_gas_raw reset_reg;
	u8 reset_value;
	u16 arm_boot_arch;
	u8 minor_version;
	u64 x_firmware_ctrl;
	u64 x_dsdt;
	struct acpi_gas_raw x_pm1a_evt_blk;
	struct acpi_gas_raw x_pm1b_evt_blk;
	struct acpi_gas_raw x_pm1a_cnt_blk;
	struct acpi_gas_raw x_pm1b_cnt_blk;
	struct acpi_gas_raw x_pm2_cnt_blk;
	struct acpi_gas_raw x_pm_tmr_blk;
	struct acpi_gas_raw x_gpe0_blk;
	struct acpi_gas_raw x_gpe1_blk;
	/* ACPI 5.0+ */
	struct acpi_gas_raw sleep_control_reg;
	struct acpi_gas_raw sleep_status_reg;
	/* ACPI 6.0+ */
	u64 hypervisor_vendor_id;
} __packed;

#define ACPI_FADT_V1_LEN	116

/* FADT flags */
#define ACPI_FADT_TMR_VAL_EXT	(1u << 8)
#define ACPI_FADT_RESET_REG_SUP	(1u << 10)
#define ACPI_FADT_HW_REDUCED	(1u << 20)

/* True when a table of `len` bytes contains the whole FADT `field`. */
#define ACPI_FADT_HAS(len, field)					\
	((len) >= offsetof(struct acpi_fadt, field) +			\
		  sizeof(((struct acpi_fadt *)0)->field))

/* MCFG */
struct acpi_mcfg {
	struct acpi_sdt_hdr hdr;
	u8 reserved[8];
} __packed;

struct acpi_mcfg_alloc {
	u64 base;
	u16 segment;
	u8 bus_start;
	u8 bus_end;
	u32 reserved;
} __packed;

/* HPET */
struct acpi_hpet {
	struct acpi_sdt_hdr hdr;
	u32 block_id;
	struct acpi_gas_raw base;
	u8 number;
	u16 min_tick;
	u8 page_protection;
} __packed;

/* AML opcodes the \_S5 scanner understands */
#define AML_ZERO_OP		0x00
#define AML_ONE_OP		0x01
#define AML_NAME_OP		0x08
#define AML_BYTE_PREFIX		0x0a
#define AML_WORD_PREFIX		0x0b
#define AML_DWORD_PREFIX	0x0c
#define AML_PACKAGE_OP		0x12
#define AML_ROOT_CHAR		'\\'

BUILD_BUG_ON(sizeof(struct acpi_rsdp) != 36);
BUILD_BUG_ON(sizeof(struct acpi_sdt_hdr) != 36);
BUILD_BUG_ON(sizeof(struct acpi_gas_raw) != 12);
BUILD_BUG_ON(sizeof(struct acpi_madt) != 44);
BUILD_BUG_ON(sizeof(struct acpi_madt_lapic) != 8);
BUILD_BUG_ON(sizeof(struct acpi_madt_ioapic) != 12);
BUILD_BUG_ON(sizeof(struct acpi_madt_iso) != 10);
BUILD_BUG_ON(sizeof(struct acpi_madt_lapic_addr) != 12);
BUILD_BUG_ON(sizeof(struct acpi_madt_x2apic) != 16);
BUILD_BUG_ON(offsetof(struct acpi_fadt, sci_int) != 46);
BUILD_BUG_ON(offsetof(struct acpi_fadt, pm1a_cnt_blk) != 64);
BUILD_BUG_ON(offsetof(struct acpi_fadt, pm_tmr_blk) != 76);
BUILD_BUG_ON(offsetof(struct acpi_fadt, flags) != 112);
BUILD_BUG_ON(offsetof(struct acpi_fadt, reset_reg) != ACPI_FADT_V1_LEN);
BUILD_BUG_ON(offsetof(struct acpi_fadt, reset_value) != 128);
BUILD_BUG_ON(offsetof(struct acpi_fadt, x_dsdt) != 140);
BUILD_BUG_ON(offsetof(struct acpi_fadt, x_pm1a_cnt_blk) != 172);
BUILD_BUG_ON(offsetof(struct acpi_fadt, x_pm_tmr_blk) != 208);
BUILD_BUG_ON(offsetof(struct acpi_fadt, sleep_control_reg) != 244);
BUILD_BUG_ON(sizeof(struct acpi_fadt) != 276);
BUILD_BUG_ON(sizeof(struct acpi_mcfg) != 44);
BUILD_BUG_ON(sizeof(struct acpi_mcfg_alloc) != 16);
BUILD_BUG_ON(sizeof(struct acpi_hpet) != 56);

#endif
