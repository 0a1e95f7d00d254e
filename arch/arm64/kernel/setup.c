// SPDX-License-Identifier: GPL-2.0
/*
 * arm64 boot, C side (after head.S: EL1, the early identity map, MMU
 * and caches on, .bss clear, vectors set). The device tree is the only
 * source of facts: it is mapped and checked (fdt_check) before anything
 * reads it, and a tree that fails is reported on virt's fixed PL011
 * since no console is known yet. Then, in order: the console from
 * stdout-path, PSCI, the command line, the generic timer, the memory
 * map (minus the blob, its reservations and the Image), the direct map
 * of all RAM, the page allocator, the GIC (and, under Xen, event
 * channels), and start_kernel().
 */
#include <tern/boot_trace.h>
#include <tern/fdt.h>
#include <tern/fdt_platform.h>
#include <tern/kernel.h>
#include <tern/mm.h>
#include <tern/printk.h>
#include <tern/string.h>
#include <tern/version.h>
#include <asm/boot.h>
#include <asm/page.h>
#include <asm/reboot.h>
#include <asm/setup.h>
#include <asm/xen/grant.h>
#include <asm/xen/xen-ops.h>

/* Usable RAM Tern needs to run, as on x86. */
#define MIN_RAM_MIB	4
#define FDT_HEADER_SIZE	40

static struct fdt boot_fdt;
static struct fdt_platform plat;
static struct memmap boot_mm;
static char boot_cmdline[FDT_BOOTARGS_MAX];

/*
 * No console yet: say it on virt's PL011 and power off with the PSCI
 * conduit QEMU virt has for the EL we were entered at (smc when EL2 was
 * ours, so EL3 firmware is emulated; else hvc). On another machine the
 * guess may be wrong: the call then faults, and a panic within the
 * panic stops the CPU.
 */
static __noreturn __printf(1, 2) void early_panic(const char *fmt, ...)
{
	char buf[160];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(buf, sizeof(buf), fmt, ap);
	va_end(ap);
	pl011_init(VIRT_PL011_BASE, false);
	psci_set_conduit(boot_el == 2 ? FDT_PSCI_SMC : FDT_PSCI_HVC);
	panic("%s", buf);
}

static u32 be32_at(const u8 *p)
{
	return (u32)p[0] << 24 | (u32)p[1] << 16 | (u32)p[2] << 8 | p[3];
}

static void device_tree_init(u64 dtb_pa)
{
	const char *why;
	u32 size;

	if (!dtb_pa || (dtb_pa & 7))
		early_panic("device tree: none or misaligned (x0 = 0x%llx)",
			    dtb_pa);
	if (!mmu_is_mapped(dtb_pa, FDT_HEADER_SIZE) &&
	    mmu_map_normal(dtb_pa, FDT_HEADER_SIZE))
		early_panic("device tree at 0x%llx: cannot be mapped", dtb_pa);
	size = be32_at((const u8 *)(uintptr_t)dtb_pa + 4);
	if (size < FDT_HEADER_SIZE || size > FDT_MAX_SIZE)
		size = FDT_HEADER_SIZE;	/* fdt_check() says why */
	if (!mmu_is_mapped(dtb_pa, size) && mmu_map_normal(dtb_pa, size))
		early_panic("device tree at 0x%llx: cannot map %u bytes",
			    dtb_pa, size);
	if (fdt_check((const void *)(uintptr_t)dtb_pa, size, &boot_fdt))
		early_panic("device tree at 0x%llx: %s", dtb_pa, boot_fdt.why);
	if (fdt_platform_read(&boot_fdt, &plat, &why))
		early_panic("device tree at 0x%llx: %s", dtb_pa, why);
}

static void console_init(void)
{
	if (!plat.uart_base)
		return;		/* no console to speak on */
	if (mmu_map_device(plat.uart_base, plat.uart_size ?: PAGE_SIZE))
		early_panic("console: the PL011 at 0x%llx cannot be mapped",
			    plat.uart_base);
	pl011_init(plat.uart_base, plat.uart_sbsa);
}

/*
 * The console UART's interrupt: the "interrupts" of the arm,pl011 node at
 * plat.uart_base, three cells as the GIC's binding has them (type: 0 SPI,
 * 1 PPI; number; flags: 1 edge, 4 level). The GIC is taken to be its
 * interrupt parent (virt has no other controller). 0: none usable.
 */
static u32 uart_intid(bool *edge)
{
	int node = -1;
	const u8 *p;
	u64 base, size;
	u32 len, type, nr;

	while ((node = fdt_node_by_compatible(&boot_fdt, node, "arm,pl011")) >= 0) {
		if (!fdt_reg(&boot_fdt, node, 0, &base, &size) &&
		    base == plat.uart_base)
			break;
	}
	if (node < 0)
		return 0;
	p = fdt_getprop(&boot_fdt, node, "interrupts", &len);
	if (!p || len != 12)
		return 0;
	type = (u32)fdt_read_cells(p, 1);
	nr = (u32)fdt_read_cells(p + 4, 1);
	*edge = fdt_read_cells(p + 8, 1) & 3;
	if (type == 0 && nr < 988)
		return 32 + nr;
	if (type == 1 && nr < 16)
		return 16 + nr;
	return 0;
}

static void interrupts_init(void)
{
	bool edge = false;
	u32 intid;
	int ret;

	ret = gic_v3_init(plat.gicd_base, plat.gicd_size, plat.gicr_base,
			  plat.gicr_size);
	if (ret) {
		pr_warn("arm64: no GICv3 (%d): no interrupts, timers and input polled\n",
			ret);
		arm64_timer_irq_init(0);
		return;
	}
	arm64_timer_irq_init(plat.timer_virt_intid);
	/* under Xen: event channels, whose upcall is a PPI, then grants */
	if (xen_arm_present() && !xen_arm_events_init(plat.xen_evtchn_intid) &&
	    !xen_arm_grant_init(plat.xen_gnttab_base, plat.xen_gnttab_size))
		xen_arm_foreign_init(plat.xen_ext_base, plat.xen_ext_size);
	intid = uart_intid(&edge);
	ret = intid ? pl011_enable_rx_irq(intid, edge) : -ENOENT;
	if (ret < 0)
		pr_warn("console: no receive interrupt (%d): input polled\n", ret);
	else
		pr_info("console: ttyAMA0 input on INTID %u (IRQ %d)\n", intid,
			ret);
}

static void memory_setup(u64 dtb_pa)
{
	u64 start = virt_to_phys(_text) & PAGE_MASK;
	u64 end = virt_to_phys(_end);
	const char *why;
	unsigned int i;
	u64 ram;
	int ret;

	ret = fdt_memory_map(&boot_fdt, dtb_pa, &boot_mm, &why);
	if (ret)
		panic("memory: the device tree's memory map: %s (%d)", why, ret);
	memmap_reserve(&boot_mm, start, end - start, MEMMAP_RESERVED);
	ram = memmap_ram_bytes(&boot_mm);
	if (ram < ((u64)MIN_RAM_MIB << 20))
		panic("not enough memory: %llu KiB of usable RAM, Tern needs at least %u MiB",
		      ram >> 10, MIN_RAM_MIB);
	for (i = 0; i < boot_mm.nr; i++) {
		const struct memmap_entry *e = &boot_mm.e[i];

		pr_info("memory: %#llx-%#llx %s\n", e->addr, e->addr + e->size,
			memmap_type_name(e->type));
		if (e->type != MEMMAP_RAM)
			continue;
		ret = mmu_map_normal(e->addr, e->size);
		if (ret)
			panic("memory: cannot map RAM %#llx-%#llx (%d)", e->addr,
			      e->addr + e->size, ret);
	}
	boot_phase("mm");
	mm_init(&boot_mm);
	boot_params.ram_bytes = ram;
}

void arm64_start(u64 dtb_pa)
{
	const char *xen_role;

	device_tree_init(dtb_pa);
	console_init();
	/* under Xen: dom0's console (Xen has the UART) and the role */
	xen_role = xen_arm_init(&plat);
	boot_phase("devicetree");
	psci_set_conduit(plat.psci);
	strlcpy(boot_cmdline, plat.bootargs, sizeof(boot_cmdline));
	boot_params.role = xen_role ?: "arm64-native";
	boot_params.cmdline = boot_cmdline;
	boot_params.nr_cpus = 1;
	parse_cmdline(boot_cmdline);
	pr_info("Tern %s booting on arm64 at EL%llu, loaded at %#llx, device tree at %#llx (%u bytes), command line \"%s\"\n",
		tern_version, boot_el, (u64)virt_to_phys(_text), dtb_pa,
		boot_fdt.size, boot_cmdline);
	boot_phase("clock");
	arm64_time_init();
	boot_phase("memory");
	memory_setup(dtb_pa);
	boot_phase("interrupts");
	interrupts_init();
	start_kernel();
}

const struct fdt *arm64_boot_fdt(void)
{
	return &boot_fdt;
}

const struct fdt_platform *arm64_platform(void)
{
	return &plat;
}

/* start_kernel(), after the ready line: a domU's xenbus devices */
void arch_devices_init(void)
{
	if (xen_arm_present() && !xen_arm_dom0())
		xen_arm_devices_init();
	else if (xen_arm_dom0())
		pr_info("arm64: dom0 hosts no guests yet (no toolstack)\n");
}
