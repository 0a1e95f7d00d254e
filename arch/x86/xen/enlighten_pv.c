// SPDX-License-Identifier: GPL-2.0
/*
 * Xen PV (the P2M memory model). Xen's PV domain builder enters at
 * xen_pv_entry (xen-head.S) in 64-bit mode on its bootstrap page tables;
 * the kernel runs in ring 3 and every privileged operation is a
 * hypercall through the hypercall page.
 *
 * xen_pv_start(start_info), before any memory management:
 *   role, hypercall page -> pv_ops cpu/irq/mmu, all at once -> console
 *   (dom0: console_io) -> start_info check -> P2M -> domU: early console
 *   ring -> trap table and event/failsafe callbacks -> struct boot_info
 *   (command line, pseudo-physical memory map) -> setup_arch().
 * xen_pv_start() also fills the platform ops (asm/x86_init.h) that
 * setup_arch() calls after mm_init(), in this order:
 *   hypervisor_init (xen_pv_init): shared_info (a machine frame, mapped
 *   into the vmap area) and vcpu_info -> event channels -> consoles ->
 *   ACPI for power-off (dom0, tables read by machine address) ->
 *   machine_ops -> the P2M DMA model (dma_pv.c);
 *   acpi_init: none (the kernel sees no ACPI); nr_cpus: VCPUOP_is_up;
 *   intr_init: nothing (events come through the callback registered at
 *   entry); timer_init: pvclock and the one-shot timer; pci_init: dom0
 *   I/O privilege and the PCI platform (pci_pv.c), a domU's refusal;
 *   console_input_init: the Xen console's input.
 *
 * The memory map: Xen's P2M list placed onto the RAM of the machine
 * E820 (dom0) or of XENMEM_memory_map (domU), see place_frames(). The
 * image is followed by the P2M list, start_info and the bootstrap page
 * tables: the kernel map keeps them (boot_info.kmap_end). A boot module
 * is not in that area (XEN_ELFNOTE_MOD_START_PFN): it is pfns of RAM.
 */
#include <tern/acpi.h>
#include <tern/console.h>
#include <tern/kernel.h>
#include <tern/mm.h>
#include <tern/printk.h>
#include <tern/string.h>
#include <tern/xen/events.h>
#include <tern/xen/xen.h>
#include <tern/xen/xen_devices.h>
#include <tern/xen/xenstore.h>
#include <asm/bootinfo.h>
#include <asm/page.h>
#include <asm/pgtable.h>
#include <asm/pv_ops.h>
#include <asm/reboot.h>
#include <asm/x86_init.h>
#include <asm/xen/hypercall.h>
#include <asm/xen/foreign.h>
#include <asm/xen/reservation.h>
#include <asm/xen/page.h>
#include <asm/xen/p2m.h>
#include <asm/xen/p2m_layout.h>
#include <asm/xen/role.h>
#include <asm/xen/xen-ops.h>
#include <xen/callback.h>
#include <xen/sched.h>
#include "entry_pv.h"
#include "pv_hw.h"
#include "xen_smp.h"

#define ACPI_WINDOWS		16

static struct start_info pv_start_info;
static struct boot_info pv_boot_info;
/* vectors 0-31 and a zero terminator; smp_pv.c copies it per vCPU */
struct trap_info xen_pv_traps[33];
static struct acpi_info pv_acpi;

/* ---- pv_ops.cpu ---- */

static void xen_load_desc_nop(const struct desc_ptr *p)
{
	/* Xen's flat GDT is used; the "IDT" is the trap table */
}

static void xen_load_tr_nop(u16 sel)
{
}

static void xen_set_kernel_stack(u64 sp0)
{
	HYPERVISOR_stack_switch(FLAT_KERNEL_SS, sp0);
}

/* The forced-emulation prefix makes Xen answer with the guest's view. */
static void xen_cpuid(u32 leaf, u32 sub, u32 *a, u32 *b, u32 *c, u32 *d)
{
	__asm__ __volatile__(".byte 0x0f, 0x0b, 0x78, 0x65, 0x6e\n\tcpuid"
			     : "=a"(*a), "=b"(*b), "=c"(*c), "=d"(*d)
			     : "a"(leaf), "c"(sub));
}

/* Xen saves the faulting address of a #PF in vcpu_info. */
static u64 xen_read_cr2(void)
{
	return READ_ONCE(xen_vcpu_info->arch.cr2);
}

static u64 xen_rdmsr(u32 msr)
{
	return native_rdmsr(msr);	/* emulated by Xen */
}

static void xen_wrmsr(u32 msr, u64 v)
{
	native_wrmsr(msr, v);
}

static const struct pv_cpu_ops xen_pv_cpu_ops = {
	.load_gdt = xen_load_desc_nop,
	.load_idt = xen_load_desc_nop,
	.load_tr = xen_load_tr_nop,
	.set_kernel_stack = xen_set_kernel_stack,
	.cpuid = xen_cpuid,
	.read_cr2 = xen_read_cr2,
	.read_cr3 = xen_pv_read_cr3,
	.write_cr3 = xen_pv_write_cr3,
	.rdmsr = xen_rdmsr,
	.wrmsr = xen_wrmsr,
};

/* ---- traps and callbacks ---- */

static void setup_traps(void)
{
	struct callback_register ev = {
		.type = CALLBACKTYPE_event,
		.address = (unsigned long)xen_pv_hypervisor_callback,
	};
	struct callback_register fs = {
		.type = CALLBACKTYPE_failsafe,
		.flags = CALLBACKF_mask_events,
		.address = (unsigned long)xen_pv_failsafe_callback,
	};
	unsigned int v;
	long rc;

	for (v = 0; v < 32; v++) {
		xen_pv_traps[v].vector = v;
		/* bit 2: mask events on entry (an interrupt gate); int3/into
		 * must be allowed from the ring-3 kernel
		 */
		xen_pv_traps[v].flags = 4 | (v == 3 || v == 4 ? 3 : 0);
		xen_pv_traps[v].cs = FLAT_KERNEL_CS;
		xen_pv_traps[v].address =
			(unsigned long)(xen_pv_trap_stubs + 16 * v);
	}
	rc = HYPERVISOR_set_trap_table(xen_pv_traps);
	if (rc)
		panic("xen: set_trap_table failed (%ld)", rc);
	rc = HYPERVISOR_callback_op(CALLBACKOP_register, &ev);
	if (!rc)
		rc = HYPERVISOR_callback_op(CALLBACKOP_register, &fs);
	if (rc)
		panic("xen: cannot register the event/failsafe callbacks (%ld)",
		      rc);
}

/* ---- boot information ---- */

/*
 * The pseudo-physical memory map. Xen's list of nr_pages frames is
 * placed onto the RAM of a map (p2m_layout.c): dom0 takes the machine
 * E820, so its RAM avoids the machine's holes (the PCI hole above all)
 * and the holes stay identity; a domU takes XENMEM_memory_map, of which
 * only the nr_pages frames it owns become RAM (maxmem > memory leaves
 * the rest unbacked). Without a usable map, RAM is [0, nr_pages).
 */
static struct memmap pv_host_map;
static struct p2m_layout pv_layout;

static void place_frames(const struct start_info *si, struct boot_info *bi,
			 u64 keep_end)
{
	unsigned long placed, keep = keep_end >> PAGE_SHIFT;
	unsigned long pfn = virt_to_phys(_text) >> PAGE_SHIFT;
	const char *what = xen_dom0() ? "machine E820" : "XENMEM_memory_map";
	int err;

	memset(&pv_host_map, 0, sizeof(pv_host_map));
	err = xen_dom0() ? xen_machine_memory_map(&pv_host_map) :
			   xen_memory_map(&pv_host_map);
	placed = err ? 0 : p2m_layout_build(&pv_layout, &pv_host_map,
					    si->nr_pages);
	/* what is mapped and in use already must keep its pfn */
	for (; placed && pfn < keep; pfn++)
		if (p2m_layout_idx(&pv_layout, pfn) != pfn)
			placed = 0;
	if (placed && bi->nr_mods)
		for (pfn = bi->mods[0].start >> PAGE_SHIFT;
		     pfn < DIV_ROUND_UP(bi->mods[0].start + bi->mods[0].size,
					PAGE_SIZE); pfn++)
			if (p2m_layout_idx(&pv_layout, pfn) != pfn)
				placed = 0;
	if (!placed) {
		pr_warn("xen: %s unusable (%d): RAM is pfns [0, %lu)\n", what,
			err, si->nr_pages);
		p2m_layout_flat(&pv_layout, si->nr_pages);
		memset(&pv_host_map, 0, sizeof(pv_host_map));
	} else if (placed < si->nr_pages) {
		pr_warn("xen: %lu of %lu frames fit the %s; the rest is unused\n",
			placed, si->nr_pages, what);
	}
	if (xen_p2m_set_layout(&pv_layout, xen_dom0()))
		panic("bad boot information: P2M layout does not fit the list");
	p2m_layout_memmap(&pv_layout, &pv_host_map, &bi->mm);
	if (pv_layout.nr > 1)
		pr_info("xen: %lu frames placed on the %s in %u pieces, RAM ends at pfn %#lx\n",
			pv_layout.placed, what, pv_layout.nr, pv_layout.end_pfn);
}

static void build_boot_info(const struct start_info *si, struct boot_info *bi)
{
	u64 ram = (u64)si->nr_pages << PAGE_SHIFT;
	u64 kend = ALIGN_UP(virt_to_phys(_end), PAGE_SIZE);
	u64 boot_end;

	memcpy(bi->cmdline, si->cmd_line,
	       min(sizeof(bi->cmdline), sizeof(si->cmd_line)));
	bi->cmdline[sizeof(bi->cmdline) - 1] = '\0';

	if (si->mod_start && si->mod_len) {
		u64 start = si->flags & SIF_MOD_START_PFN ?
			    (u64)si->mod_start << PAGE_SHIFT :
			    si->mod_start - KERNEL_VMA;

		bi->mods[0].start = start;
		bi->mods[0].size = si->mod_len;
		bi->nr_mods = 1;
	}
	/*
	 * The P2M list, start_info, Xen's bootstrap tables and its boot
	 * stack page follow the image: reserved, and kept at KERNEL_VMA + pa
	 * by the kernel map, which ends at the next 2 MiB. The free pages
	 * between are handed out like any (both their aliases are made
	 * read-only if one becomes a page table).
	 */
	boot_end = xen_pv_boot_map_end() + PAGE_SIZE;
	if (boot_end > ram)
		boot_end = ram;
	bi->kmap_end = min(ALIGN_UP(boot_end, 1UL << PMD_SHIFT), ram);
	if (bi->kmap_end < kend)
		bi->kmap_end = kend;
	place_frames(si, bi, bi->kmap_end);
	if (boot_end > kend)
		memmap_reserve(&bi->mm, kend, boot_end - kend, MEMMAP_RESERVED);
}

static void xen_pv_poweroff(void);
static void xen_pv_restart(void);
static void xen_pv_init(void);
static void xen_pv_acpi_init(u64 rsdp_pa);
static void xen_pv_dom0_pci_init(void);

/*
 * A domU's console ring is one of the pages the domain builder put
 * after the kernel image; while it lies below the 2 MiB-aligned end of
 * the image it is mapped at KERNEL_VMA + pa both by Xen's bootstrap
 * tables and by ours, so it can carry the very first lines (and an
 * early panic). Otherwise it is registered after mm_init.
 */
static void early_domu_console(const struct start_info *si)
{
	unsigned long pfn = mfn_to_pfn(si->console.domU.mfn);
	u64 pa = (u64)pfn << PAGE_SHIFT;

	if (pa < virt_to_phys(_end) ||
	    pa >= ALIGN_UP(virt_to_phys(_end), 1UL << PMD_SHIFT))
		return;
	xen_console_ring_init((void *)(uintptr_t)(KERNEL_VMA + pa),
			      si->console.domU.evtchn);
}

void xen_pv_start(const struct start_info *si)
{
	const char *err;

	xen_hypercall_fn = xen_hypercall_page_call;
	xen_domain_type = XEN_PV_DOMAIN;
	memcpy(&pv_start_info, si, sizeof(pv_start_info));
	si = &pv_start_info;
	xen_is_initial_domain = si->flags & SIF_INITDOMAIN;
	xen_start_info_flags = si->flags;

	/* the interrupt flag lives in this CPU's vcpu_info: GS first */
	pv_ops.cpu = xen_pv_cpu_ops;
	percpu_set(0);
	xen_vcpu_info = &xen_pv_early_vcpu_info;
	pv_ops.irq = xen_pv_irq_ops;
	pv_ops.mmu = xen_pv_mmu_ops;

	/*
	 * dom0 prints through console_io from the first line on. A domU's
	 * console is the ring, mapped in xen_pv_init() (a release build of
	 * Xen refuses console_io to a domU).
	 */
	/* an early panic must shut the domain down, not touch ACPI ports */
	machine_ops.poweroff = xen_pv_poweroff;
	machine_ops.restart = xen_pv_restart;
	machine_ops.crash = xen_crash;
	if (xen_dom0())
		xen_console_io_init();
	err = xen_pv_check_start_info(si);
	if (err)
		panic("bad boot information: %s", err);
	/* the ring before the trap table: a failure there is seen too */
	xen_p2m_init((unsigned long *)si->mfn_list, si->nr_pages);
	if (!xen_dom0())
		early_domu_console(si);
	setup_traps();
	xen_pv_mmu_init(si);
	x86_platform.name = xen_dom0() ? "xen-pv-dom0" : "xen-pv-domu";
	x86_platform.memory_map = xen_platform_memory_map;
	x86_platform.hypervisor_init = xen_pv_init;
	x86_platform.acpi_init = xen_pv_acpi_init;
	x86_platform.acpi_policy = xen_dom0() ? xen_acpi_policy_dom0 :
						xen_acpi_policy_domu;
	x86_platform.nr_cpus = xen_nr_vcpus;	/* no MADT in PV */
	x86_platform.intr_init = x86_platform_nop;
	x86_platform.device_intr_init = x86_platform_nop;
	x86_platform.timer_init = xen_platform_timer_init;
	x86_platform.pci_init = xen_dom0() ? xen_pv_dom0_pci_init :
					     xen_pv_domu_pci_init;
	x86_platform.console_input_init = xen_dom0() ?
					  xen_console_input_init_dom0 :
					  xen_console_input_init_domu;
	x86_platform.devices_init = xen_dom0() ? xen_dom0_devices_init :
						 xen_devices_init;
	x86_platform.hypercall_count = xen_hypercall_total;
	x86_platform.report_ready = xen_print_hypercall_counts;

	pr_info("xen: PV %s, %lu pages, start_info \"%.32s\", bootstrap tables %lu frames\n",
		xen_dom0() ? "dom0" : "domU", si->nr_pages, si->magic,
		si->nr_pt_frames);

	build_boot_info(si, &pv_boot_info);
	setup_arch(&pv_boot_info, "Xen PV");
}

/* ---- after mm_init ---- */

static void *map_machine_page(unsigned long mfn, pteval_t flags)
{
	unsigned long va = vmap_alloc_va(PAGE_SIZE);

	if (!va || xen_pv_map_mfn(va, mfn, flags))
		return NULL;
	return (void *)va;
}

static void setup_shared_info(void)
{
	struct vcpu_info *v;

	xen_shared_info = map_machine_page(pv_start_info.shared_info >>
					   PAGE_SHIFT, PAGE_KERNEL);
	if (!xen_shared_info)
		panic("xen: cannot map shared_info at machine %#lx",
		      pv_start_info.shared_info);
	v = &xen_shared_info->vcpu_info[0];
	/* carry the mask over; events are masked here anyway */
	WRITE_ONCE(v->evtchn_upcall_mask,
		   xen_pv_early_vcpu_info.evtchn_upcall_mask);
	xen_vcpu_info = v;
}

static void setup_console(void)
{
	void *ring;

	if (xen_dom0())
		return;		/* console_io, registered at entry */
	ring = map_machine_page(pv_start_info.console.domU.mfn, PAGE_KERNEL);
	if (!ring) {
		pr_warn("xen: cannot map the console ring\n");
		return;
	}
	xen_console_ring_init(ring, pv_start_info.console.domU.evtchn);
}

/* A domU's xenstore ring, for xen_devices_init() after the ready line. */
static void setup_store(void)
{
	void *ring;

	if (xen_dom0() || !pv_start_info.store_mfn)
		return;
	ring = map_machine_page(pv_start_info.store_mfn, PAGE_KERNEL);
	if (!ring) {
		pr_warn("xen: cannot map the xenstore ring\n");
		return;
	}
	xenstore_set_ring(ring, pv_start_info.store_evtchn);
}

/*
 * ACPI for dom0's power-off. The tables are machine memory, so they are
 * read through machine-frame windows, and the result is kept private:
 * the rest of Tern sees no ACPI (acpi.rsdp_pa == 0) because Xen owns
 * the interrupt controllers and the PM timer of a PV dom0.
 */
static struct {
	u64 pa, len;
	unsigned long va;
} acpi_win[ACPI_WINDOWS];
static unsigned int acpi_nwin;

static const void *acpi_map_machine(u64 pa, size_t len)
{
	u64 base = pa & PAGE_MASK, npages, i;
	unsigned long va;
	unsigned int w;

	if (!len || pa + len < pa)
		return NULL;
	for (w = 0; w < acpi_nwin; w++)
		if (pa >= acpi_win[w].pa &&
		    pa + len <= acpi_win[w].pa + acpi_win[w].len)
			return (const void *)(acpi_win[w].va +
					      (pa - acpi_win[w].pa));
	npages = (ALIGN_UP(pa + len, PAGE_SIZE) - base) >> PAGE_SHIFT;
	if (npages > 64)
		return NULL;
	va = vmap_alloc_va(npages << PAGE_SHIFT);
	if (!va)
		return NULL;
	pv_ops.mmu.lazy_enter();
	for (i = 0; i < npages; i++)
		if (xen_pv_map_mfn(va + (i << PAGE_SHIFT),
				   (base >> PAGE_SHIFT) + i, PAGE_KERNEL_RO))
			break;
	pv_ops.mmu.lazy_leave();
	if (i < npages)
		return NULL;
	w = acpi_nwin < ACPI_WINDOWS ? acpi_nwin++ : 0;
	acpi_win[w].pa = base;
	acpi_win[w].len = npages << PAGE_SHIFT;
	acpi_win[w].va = va;
	return (const void *)(va + (pa - base));
}

static void acpi_warn_pv(const char *msg)
{
	pr_warn("xen: ACPI: %s\n", msg);
}

static void setup_acpi_poweroff(void)
{
	u64 rsdp = acpi_find_rsdp(acpi_map_machine);

	if (!rsdp || acpi_parse(rsdp, acpi_map_machine, &pv_acpi,
				acpi_warn_pv)) {
		memset(&pv_acpi, 0, sizeof(pv_acpi));
		pr_warn("xen: no ACPI tables in machine memory, power-off will only halt\n");
		return;
	}
	pr_info("xen: ACPI RSDP at machine %#llx: PM1a_CNT %#x, S5 %s\n",
		(unsigned long long)rsdp, pv_acpi.pm1a_cnt,
		pv_acpi.have_s5 ? "yes" : "no");
}

static void xen_pv_poweroff(void)
{
	if (xen_dom0())
		xen_acpi_poweroff(&pv_acpi);
	xen_shutdown(SHUTDOWN_poweroff);
}

static void xen_pv_restart(void)
{
	xen_shutdown(SHUTDOWN_reboot);
}

/* x86_platform.hypervisor_init, after mm_init. */
static void xen_pv_init(void)
{
	setup_shared_info();
	xen_evtchn_init();
	setup_console();
	setup_store();
	xen_reservation = &xen_reservation_p2m;
	xen_foreign = &xen_foreign_p2m;
	xen_print_version();
	if (xen_dom0())
		setup_acpi_poweroff();
	machine_ops.poweroff = xen_pv_poweroff;
	machine_ops.restart = xen_pv_restart;
	/* the P2M DMA model, before dma_init() (any PV domain) */
	xen_pv_dma_init();
	/* the whole group: the native one would use the LAPIC */
	pv_ops.smp = (struct pv_smp_ops){
		.cpu_up = xen_pv_cpu_up,
		.cpu_init = xen_pv_cpu_init,
		.send_ipi = xen_send_ipi,
		.yield = xen_yield,
	};
}

/* machine memory: only the power-off and INTx code read it (pv_acpi) */
static void xen_pv_acpi_init(u64 rsdp_pa)
{
	pr_info("acpi: not used by a Xen PV guest\n");
}

/* I/O privilege and the PCI platform, with the MADT's INTx modes. */
static void xen_pv_dom0_pci_init(void)
{
	xen_pv_pci_init(&pv_acpi);
}
