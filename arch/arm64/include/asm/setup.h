/* SPDX-License-Identifier: GPL-2.0 */
/* The arm64 boot pieces arch/arm64/kernel/setup.c puts together. */
#ifndef _ASM_SETUP_H
#define _ASM_SETUP_H

#include <tern/memmap.h>
#include <tern/types.h>

struct fdt;
struct fdt_platform;

/* virt's PL011, used before the device tree names the console */
#define VIRT_PL011_BASE		0x09000000UL

/*
 * pl011.c: the console at base (mapped); poll its receive FIFO; take
 * input by interrupt (the GIC's INTID) from then on
 */
void pl011_init(phys_addr_t base, bool sbsa);
unsigned int pl011_poll_input(void);
int pl011_enable_rx_irq(u32 intid, bool edge);

/* head.S: the level-1 table of the identity map (mm/mmu.c extends it) */
extern u64 early_pgd[512];

/* mm/mmu.c: map [pa, pa + size) at its own address */
int mmu_map_normal(phys_addr_t pa, u64 size);
int mmu_map_device(phys_addr_t pa, u64 size);
/* is [pa, pa + size) mapped (by the early map or since)? */
bool mmu_is_mapped(phys_addr_t pa, u64 size);

/*
 * gic_v3.c: the GIC for this CPU; bind a PPI or SPI (edge or level) to a
 * new IRQ number of the IRQ core (returned, or a negative errno)
 */
int gic_v3_init(u64 gicd_pa, u64 gicd_size, u64 gicr_pa, u64 gicr_size);
int gic_request_intid(u32 intid, bool edge,
		      void (*handler)(unsigned int irq, void *data),
		      const char *name, void *data);
/*
 * The IRQ number intid is bound to, binding it first (edge or level,
 * left disabled) if nothing has: for request_irq() by a driver (PCI
 * INTx). A negative errno without a GIC or for an INTID it lacks.
 */
int gic_map_intid(u32 intid, bool edge);

/* setup.c: the checked boot device tree and what was read from it */
const struct fdt *arm64_boot_fdt(void);
const struct fdt_platform *arm64_platform(void);

/* time.c: the generic timer behind pv_ops.time */
void arm64_time_init(void);
/* time.c: the virtual timer's PPI through the GIC (else: polled) */
void arm64_timer_irq_init(u32 intid);
/* time.c: the deadline set_next_event stored has passed: run the timers */
void arm64_timer_poll(void);

#endif
