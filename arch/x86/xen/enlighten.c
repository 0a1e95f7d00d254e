// SPDX-License-Identifier: GPL-2.0
/*
 * What every Xen role shares: detection through the CPUID leaves, the
 * role flags, the hypercall entry and its per-operation counters, the
 * shared info page and this vCPU's vcpu_info, and shutdown (a panic is
 * SHUTDOWN_crash).
 */
#include <tern/printk.h>
#include <tern/string.h>
#include <tern/xen/xen.h>
#include <asm/pv_ops.h>
#include <asm/xen/hypercall.h>
#include <asm/xen/role.h>
#include <asm/xen/xen-ops.h>
#include <xen/memory.h>
#include <xen/sched.h>
#include <xen/vcpu.h>
#include <xen/version.h>

enum xen_domain_type xen_domain_type = XEN_NATIVE;
bool xen_is_initial_domain;
u32 xen_start_info_flags;
struct shared_info *xen_shared_info;
struct vcpu_info *xen_vcpu_info;
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
int xen_memory_map(struct memmap *m)
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
	rc = HYPERVISOR_memory_op(XENMEM_memory_map, &map);
	if (rc)
		return rc;
	if (map.nr_entries > MEMMAP_MAX)
		return -E2BIG;
	for (i = 0; i < map.nr_entries; i++)
		memmap_add(m, e820[i].addr, e820[i].size, e820[i].type);
	memmap_sanitize(m);
	return 0;
}

/* vCPUs Xen gave this domain (VCPUOP_is_up answers -ENOENT past the last). */
unsigned int xen_nr_vcpus(void)
{
	unsigned int n = 0;

	while (n < 512 && HYPERVISOR_vcpu_op(VCPUOP_is_up, n, NULL) >= 0)
		n++;
	return n ? n : 1;
}
