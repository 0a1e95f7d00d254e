// SPDX-License-Identifier: GPL-2.0
/*
 * What every Xen role shares: detection through the CPUID leaves, the
 * role flags, the hypercall entry and its per-operation counters, the
 * shared info page and this vCPU's vcpu_info, shutdown (a panic is
 * SHUTDOWN_crash) and dom0's ACPI power-off, and the platform ops
 * (asm/x86_init.h) PV and PVH have in common. The entry files
 * (enlighten_pv.c, enlighten_pvh.c) pick from these when they fill
 * x86_platform.
 */
#include <tern/acpi.h>
#include <tern/console.h>
#include <tern/printk.h>
#include <tern/string.h>
#include <tern/xen/events.h>
#include <tern/xen/grant_table.h>
#include <tern/xen/xen.h>
#include <asm/apic.h>
#include <asm/pv_ops.h>
#include <asm/smp.h>
#include <asm/x86_init.h>
#include <asm/xen/hypercall.h>
#include <asm/xen/role.h>
#include <asm/xen/xen-ops.h>
#include <xen/memory.h>
#include <xen/platform.h>
#include <xen/sched.h>
#include <xen/vcpu.h>
#include <xen/version.h>
#include "xen_smp.h"

enum xen_domain_type xen_domain_type = XEN_NATIVE;
bool xen_is_initial_domain;
u32 xen_start_info_flags;
struct shared_info *xen_shared_info;
u64 xen_hypercall_count[XEN_NR_HYPERCALLS];
long (*xen_hypercall_fn)(unsigned long op, unsigned long a1,
			 unsigned long a2, unsigned long a3,
			 unsigned long a4, unsigned long a5);

u32 xen_start_flags(void)
{
	return xen_start_info_flags;
}

u32 xen_cpuid_base(void)
{
	u32 base, a, b, c, d;

	for (base = 0x40000000; base < 0x40010000; base += 0x100) {
		native_cpuid(base, 0, &a, &b, &c, &d);
		if (b == 0x566e6558 && c == 0x65584d4d && d == 0x4d4d566e &&
		    a - base >= 2)
			return base;	/* "XenVMMXenVMM" */
	}
	return 0;
}

/*
 * Every way out of a Xen domain: the last lines (the verdict, a panic)
 * must reach the console's backend before the domain goes, so the ring
 * is drained first (bounded: a dead backend costs at most a second).
 */
void xen_shutdown(unsigned int reason)
{
	struct sched_shutdown s = { .reason = reason };

	xen_console_flush();
	HYPERVISOR_sched_op(SCHEDOP_shutdown, &s);
}

/*
 * dom0's power-off, PV and PVH alike. Xen only halts the machine when
 * dom0 shuts down, and it keeps the PM1 control ports to itself: dom0
 * hands it the \_S5 SLP_TYP values with XENPF_enter_acpi_sleep ("in
 * place of writing pm1a_cnt") and Xen writes them. Returns when that
 * did not power off (no FADT, PM1a block or \_S5; Xen refused).
 */
void xen_acpi_poweroff(const struct acpi_info *a)
{
	struct xen_platform_op op = {
		.cmd = XENPF_enter_acpi_sleep,
		.interface_version = XENPF_INTERFACE_VERSION,
	};
	long rc;

	if (!a->have_fadt || !a->pm1a_cnt || !a->have_s5)
		return;
	op.u.enter_acpi_sleep.val_a = acpi_pm1_sleep_bits(a->s5_typa);
	if (a->pm1b_cnt)
		op.u.enter_acpi_sleep.val_b = acpi_pm1_sleep_bits(a->s5_typb);
	op.u.enter_acpi_sleep.sleep_state = 5;
	rc = HYPERVISOR_platform_op(&op);
	pr_warn("xen: XENPF_enter_acpi_sleep(S5) returned %ld\n", rc);
}

/*
 * A panic: the toolstack sees the domain as crashed and applies
 * on_crash. For dom0, Xen reboots the machine after 5 s (at once
 * when QEMU runs with -no-reboot), or halts it with "noreboot".
 */
void xen_crash(void)
{
	xen_shutdown(SHUTDOWN_crash);
}

void xen_print_version(void)
{
	long v = HYPERVISOR_xen_version(XENVER_version, NULL);

	pr_info("xen: hypervisor %ld.%ld\n", v >> 16, v & 0xffff);
}

/* Hypercalls made so far (x86_platform.hypercall_count). */
u64 xen_hypercall_total(void)
{
	u64 total = 0;
	unsigned int i;

	for (i = 0; i < XEN_NR_HYPERCALLS; i++)
		total += READ_ONCE(xen_hypercall_count[i]);
	return total;
}

/* Hypercalls made so far, by operation, on one line. */

void xen_print_hypercall_counts(void)
{
	char buf[256];
	size_t n = 0;
	unsigned int i;
	u64 total = 0;

	for (i = 0; i < XEN_NR_HYPERCALLS; i++) {
		if (!xen_hypercall_count[i])
			continue;
		total += xen_hypercall_count[i];
		n += snprintf(buf + n, n < sizeof(buf) ? sizeof(buf) - n : 0,
			      " %u:%llu", i, xen_hypercall_count[i]);
	}
	if (n >= sizeof(buf))
		n = sizeof(buf) - 1;
	buf[n] = '\0';
	printk("tern: hypercalls total=%llu by-op%s\n", total, buf);
}

/* The pseudo-physical memory map from Xen, for PVH starts without one. */
static int memory_map_op(unsigned int op, struct memmap *m)
{
	static struct {
		u64 addr;
		u64 size;
		u32 type;
	} __packed e820[MEMMAP_MAX];
	struct xen_memory_map map = { .nr_entries = MEMMAP_MAX };
	unsigned int i;
	long rc;

	set_xen_guest_handle(map.buffer, e820);
	rc = HYPERVISOR_memory_op(op, &map);
	if (rc)
		return rc;
	if (map.nr_entries > MEMMAP_MAX)
		return -E2BIG;
	for (i = 0; i < map.nr_entries; i++)
		memmap_add(m, e820[i].addr, e820[i].size, e820[i].type);
	memmap_sanitize(m);
	return 0;
}

int xen_memory_map(struct memmap *m)
{
	return memory_map_op(XENMEM_memory_map, m);
}

int xen_machine_memory_map(struct memmap *m)
{
	return memory_map_op(XENMEM_machine_memory_map, m);
}

/*
 * vCPUs Xen gave this domain (VCPUOP_is_up answers -ENOENT past the
 * last); x86_platform.nr_cpus of every Xen role. CPU n is vCPU n: each
 * one below NR_CPUS is marked present for smp_init().
 */
unsigned int xen_nr_vcpus(void)
{
	unsigned int n = 0;

	while (n < 512 && HYPERVISOR_vcpu_op(VCPUOP_is_up, n, NULL) >= 0) {
		if (n < NR_CPUS) {
			cpu_data[n].cpu = n;	/* smp_init() leaves it 0 */
			cpu_data[n].hw_id = n;
			cpu_data[n].present = true;
		}
		n++;
	}
	return n ? n : 1;
}

/* ---- platform ops shared by PV and PVH (asm/x86_init.h) ---- */

const char *xen_platform_memory_map(struct memmap *mm)
{
	return xen_memory_map(mm) ? "XENMEM_memory_map failed" : NULL;
}

/* Xen keeps the PM timer for itself: its port reads ~0. */
void xen_acpi_policy_dom0(struct acpi_info *a)
{
	if (a->pm_tmr_port) {
		a->pm_tmr_port = 0;
		a->pm_tmr_withheld = "the PM timer belongs to Xen";
	}
}

/* A domU's tables describe fixed hardware no device model is behind. */
void xen_acpi_policy_domu(struct acpi_info *a)
{
	if (a->rsdp_pa)
		a->fixed_hw_withheld =
			"Xen domU: no device model behind the ACPI fixed hardware";
	xen_acpi_policy_dom0(a);
}

/* The clock, then what needs it and the event channels: IPIs, locks. */
void xen_platform_timer_init(void)
{
	xen_time_init();
	xen_evtchn_bind_debug();
	xen_smp_init();
}

/* COM1 input when the UART is ours; quiet when it is not. */
static void xen_serial_input_init(void)
{
	serial8250_enable_rx(isa_irq_to_gsi(4));
}

/*
 * console_input_init is the last platform op after the ready line, the
 * same in every Xen role: the grant table is set up there too (once;
 * a failure is reported and leaves gnttab_ready() false).
 */
void xen_console_input_init_dom0(void)
{
	xen_console_io_enable_rx();
	xen_serial_input_init();
	gnttab_init();
}

void xen_console_input_init_domu(void)
{
	xen_console_ring_enable_rx();
	xen_serial_input_init();
	gnttab_init();
}
