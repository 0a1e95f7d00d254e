/* SPDX-License-Identifier: GPL-2.0 */
/*
 * What a device-tree machine (arm64) learns from its tree at boot, read
 * from a checked blob (tern/fdt.h) by pure code (lib/fdt/fdt_memory.c,
 * lib/fdt/fdt_platform.c), host-tested and fuzzed like the reader.
 * Documentation/fdt.md.
 *
 * The tree comes from whoever booted us (QEMU, U-Boot, UEFI, Xen), and
 * under Xen from another domain's toolstack: nothing read here is
 * trusted. Every count is bounded, every range checked for wrapping, and
 * what does not fit is refused with a static reason string (*why), never
 * truncated silently.
 */
#ifndef _TERN_FDT_PLATFORM_H
#define _TERN_FDT_PLATFORM_H

#include <tern/fdt.h>
#include <tern/memmap.h>

/*
 * The machine's memory into mm (which the caller has zeroed):
 *  - RAM: every reg entry of every node whose device_type is exactly
 *    "memory" (any name, a child of the root) and whose status, if
 *    present, is "okay" or "ok"; entries of size 0 are ignored, RAM at
 *    or above 2^52 is dropped and RAM across it cut there (memmap's
 *    rules);
 *  - reserved: the blob itself [fdt_pa, fdt_pa + f->size), every entry
 *    of the memory reservation block, and the reg of every child of
 *    /reserved-memory (whatever its no-map or status; a child without
 *    reg, placed by the OS, is not), as MEMMAP_RESERVED;
 * then memmap_sanitize(). Reservations are added first and never
 * dropped; RAM that the map cannot hold is refused, never lost
 * silently. 0, or -ENOENT (no RAM left at all), -EINVAL (a reg
 * malformed or wrapping, #address-cells/#size-cells out of range or
 * #size-cells 0, a reservation or the blob wrapping past 2^64), or
 * -ENOSPC (RAM that needs more entries than MEMMAP_MAX: memmap_add()
 * refused it, or memmap_sanitize() would give up a whole page of it),
 * with *why naming the problem (NULL on success).
 */
int fdt_memory_map(const struct fdt *f, u64 fdt_pa, struct memmap *mm,
		   const char **why);

enum fdt_psci_conduit {
	FDT_PSCI_NONE = 0,
	FDT_PSCI_HVC,
	FDT_PSCI_SMC,
};

#define FDT_PCI_MAX_RANGES	4
#define FDT_BOOTARGS_MAX	512

/* A PCI host bridge's window: PCI address -> CPU address. */
struct fdt_pci_range {
	u32 space;		/* 1: I/O, 2: 32-bit memory, 3: 64-bit memory */
	bool prefetchable;
	u64 pci_addr;
	u64 cpu_addr;
	u64 size;
};

struct fdt_platform {
	/*
	 * console: the node /chosen's stdout-path names (path or alias,
	 * ":options" ignored), if it is enabled and compatible with
	 * "arm,pl011" or "arm,sbsa-uart"; else the first enabled
	 * "arm,pl011" node, else the first enabled "arm,sbsa-uart". Its
	 * first reg entry. 0: none. uart_sbsa: it is only an SBSA generic
	 * UART (Xen's vpl011 for a domU): the PL011's data, flag, interrupt
	 * mask and clear registers, no control or baud-rate registers.
	 */
	u64 uart_base;
	u64 uart_size;
	bool uart_sbsa;

	/*
	 * "arm,gic-v3": distributor and the redistributor region(s); its
	 * #interrupt-cells (3, or 4 with PPI partitions) is the size of
	 * every interrupt specifier read below
	 */
	u64 gicd_base, gicd_size;
	u64 gicr_base, gicr_size;	/* the first redistributor region */

	/*
	 * "arm,armv8-timer": PPI INTIDs (16 + the DT's PPI number) of the
	 * non-secure physical and the virtual timer; 0: absent
	 */
	u32 timer_phys_intid;
	u32 timer_virt_intid;

	/*
	 * /psci (compatible "arm,psci-0.2" or "arm,psci-1.0"): method.
	 * "arm,psci" alone (PSCI 0.1, function IDs in properties not
	 * read here): FDT_PSCI_NONE
	 */
	enum fdt_psci_conduit psci;

	/*
	 * "pci-host-ecam-generic": configuration space (large enough for
	 * the bus range, 1 MiB a bus) and its windows (#address-cells 3,
	 * #size-cells 1 or 2; I/O and 32-bit memory below 4 GiB)
	 */
	u64 ecam_base, ecam_size;
	u32 pci_bus_start, pci_bus_end;
	unsigned int nr_pci_ranges;
	struct fdt_pci_range pci_ranges[FDT_PCI_MAX_RANGES];

	/*
	 * /hypervisor compatible "xen,xen": Xen on Arm's region for the
	 * grant table (its first reg entry) and the event channel PPI;
	 * xen_ext: the first of Xen's extended regions (reg entry 1, free
	 * guest-physical space for grant and foreign mappings; 0, 0 when
	 * Xen names none), size possibly 0 or unaligned: the user checks
	 */
	bool xen;
	u64 xen_gnttab_base, xen_gnttab_size;
	u64 xen_ext_base, xen_ext_size;
	u32 xen_evtchn_intid;

	/*
	 * /chosen: bootargs (NUL-terminated copy, "" if absent) and
	 * linux,initrd-start/-end (0, 0 if absent)
	 */
	char bootargs[FDT_BOOTARGS_MAX];
	u64 initrd_start, initrd_end;
};

/*
 * Fill p (zeroed first) from the checked tree. Absent devices leave
 * their fields 0. 0 (*why NULL), or -EINVAL with *why naming the first
 * malformed property of a device that is present (a reg or interrupts
 * of the wrong length, a PPI out of range, an unterminated bootargs or
 * one longer than FDT_BOOTARGS_MAX - 1, more PCI ranges than
 * FDT_PCI_MAX_RANGES, a wrapping range) and p zeroed again: nothing
 * half-read. Documentation/fdt.md lists every reason.
 */
int fdt_platform_read(const struct fdt *f, struct fdt_platform *p,
		      const char **why);

#endif
