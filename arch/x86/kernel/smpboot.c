// SPDX-License-Identifier: GPL-2.0
/*
 * Native SMP bring-up: the CPUs from the MADT, started one at a time
 * with INIT-SIPI-SIPI through the real-mode trampoline
 * (trampoline.S, asm/trampoline.h), and IPIs as LAPIC fixed vectors.
 * These are the static pv_ops.smp of pv_ops_native.c; the Xen roles
 * replace the whole group, so nothing here runs under Xen.
 *
 * Numbering (native_smp_prepare(), from the platform's nr_cpus hook,
 * before the LAPIC is mapped): the boot CPU (CPUID's initial APIC id)
 * is CPU 0, the others are 1..n-1 in MADT order. A boot CPU missing
 * from the MADT leaves the system with one CPU, never starting a CPU
 * that might be this one.
 *
 * Start (native_cpu_up(), CPU 0): the trampoline is copied once to a
 * page below 1 MiB that the firmware map calls RAM (0x8000 when it is;
 * Tern's allocator never hands out the first MiB); each start rewrites
 * its parameters (the temporary PML4, CR0/CR4/EFER as on CPU 0, the
 * kernel's CR3, the stack, cpu_data, secondary_start), then INIT, 10 ms,
 * STARTUP, 200 µs, STARTUP (Intel MP spec, as Linux does), and waits at
 * most AP_ONLINE_TIMEOUT_MS for c->online. Only one AP runs the copy at
 * a time: smp_init() starts the next only after this returned, and an
 * AP that timed out is sent INIT again so it cannot wake up late inside
 * a copy being rewritten.
 */
#include <tern/acpi.h>
#include <tern/irq.h>
#include <tern/smp.h>
#include <tern/memmap.h>
#include <tern/printk.h>
#include <tern/string.h>
#include <tern/timer.h>
#include <asm/apic.h>
#include <asm/bootinfo.h>
#include <asm/page.h>
#include <asm/pv_ops.h>
#include <asm/smp.h>
#include <asm/smpboot.h>
#include <asm/traps.h>
#include <asm/trampoline.h>

#define TRAMPOLINE_PREFERRED	0x8000UL
#define LOW_MEM_END		0x100000UL
#define INIT_DELAY_US		10000
#define SIPI_DELAY_US		200
#define AP_ONLINE_TIMEOUT_MS	1000

#define MSR_EFER		0xc0000080
#define EFER_SCE		(1u << 0)
#define EFER_LME		(1u << 8)
#define EFER_NXE		(1u << 11)

#define TR_CHECK(field, off)						\
	_Static_assert(__builtin_offsetof(struct trampoline_params, field) == \
		       (off), "trampoline.h offset of " #field)
TR_CHECK(pml4, TR_PML4);
TR_CHECK(cr0, TR_CR0);
TR_CHECK(efer, TR_EFER);
TR_CHECK(stage, TR_STAGE);
TR_CHECK(cr4, TR_CR4);
TR_CHECK(cr3, TR_CR3);
TR_CHECK(stack, TR_STACK);
TR_CHECK(arg, TR_ARG);
TR_CHECK(entry, TR_ENTRY);
_Static_assert(sizeof(struct trampoline_params) == TR_PARAMS_SIZE,
	       "trampoline.h parameter size");

static phys_addr_t tramp_pa;		/* 0: not set up yet */
static bool tramp_failed;
static unsigned int ipi_vector[NR_IPIS];

static const char *const ipi_name[NR_IPIS] = {
	[IPI_CALL] = "ipi-call",
	[IPI_PING] = "ipi-ping",
	[IPI_WAKE] = "ipi-wake",
};

unsigned int native_smp_prepare(void)
{
	unsigned int i, cpu = 1, n;
	u32 a, b, c, d, bsp;
	bool found = false;

	cpuid(1, &a, &b, &c, &d);
	bsp = b >> 24;			/* initial APIC id */
	cpu_data[0].hw_id = bsp;
	if (!acpi.have_madt || !acpi.nr_cpus)
		return 1;
	n = acpi.nr_cpus;
	if (n > ACPI_MAX_CPUS)
		n = ACPI_MAX_CPUS;
	for (i = 0; i < n; i++)
		if (acpi.apic_id[i] == bsp)
			found = true;
	if (!found) {
		pr_warn("smp: the boot CPU (APIC id %u) is not in the MADT: one CPU\n",
			bsp);
		return 1;
	}
	for (i = 0; i < n && cpu < NR_CPUS; i++) {
		if (acpi.apic_id[i] == bsp)
			continue;
		cpu_data[cpu].cpu = cpu;
		cpu_data[cpu].hw_id = acpi.apic_id[i];
		cpu_data[cpu].present = true;
		cpu++;
	}
	if (cpu < n)
		pr_warn("smp: %u CPUs in the MADT, using %u\n", n, cpu);
	return cpu;
}

static bool page_is_ram(const struct memmap *m, u64 pa)
{
	unsigned int i;

	for (i = 0; i < m->nr; i++)
		if (m->e[i].type == MEMMAP_RAM && m->e[i].addr <= pa &&
		    pa + PAGE_SIZE <= m->e[i].addr + m->e[i].size)
			return true;
	return false;
}

/* A RAM page below 1 MiB for the trampoline (not page 0: the IVT). */
static phys_addr_t find_trampoline_page(void)
{
	const struct memmap *m = boot_memmap();
	phys_addr_t pa;

	if (page_is_ram(m, TRAMPOLINE_PREFERRED))
		return TRAMPOLINE_PREFERRED;
	for (pa = PAGE_SIZE; pa < LOW_MEM_END; pa += PAGE_SIZE)
		if (page_is_ram(m, pa))
			return pa;
	return 0;
}

static void ipi_irq_handler(unsigned int irq, void *data)
{
	smp_ipi_handler((enum ipi_kind)(uintptr_t)data);
}

static void ipi_eoi(unsigned int irq)
{
	lapic_eoi();
}

static const struct irq_chip lapic_ipi_chip = {
	.name = "lapic-ipi",
	.eoi = ipi_eoi,
};

static int ipi_init(void)
{
	unsigned int kind;
	int irq, vec;

	for (kind = 0; kind < NR_IPIS; kind++) {
		irq = irq_alloc_dynamic();
		if (irq < 0)
			return irq;
		vec = alloc_irq_vector(irq);
		if (vec < 0)
			return vec;
		irq_set_chip(irq, &lapic_ipi_chip, NULL);
		if (request_irq(irq, ipi_irq_handler, ipi_name[kind],
				(void *)(uintptr_t)kind))
			return -EBUSY;
		ipi_vector[kind] = vec;
	}
	return 0;
}

/* Once, on CPU 0: the trampoline page and its copy, the IPI vectors. */
static int smpboot_init(void)
{
	size_t len = trampoline_end - trampoline_start;
	int err;

	if (tramp_failed)
		return -ENODEV;
	if (tramp_pa)
		return 0;
	tramp_failed = true;
	if (lapic_id() != cpu_data[0].hw_id)
		pr_warn("smp: LAPIC id %u differs from CPUID's %u\n",
			lapic_id(), cpu_data[0].hw_id);
	err = ipi_init();
	if (err) {
		pr_err("smp: no IRQ or vector for the IPIs (%d)\n", err);
		return err;
	}
	tramp_pa = find_trampoline_page();
	if (!tramp_pa || len > PAGE_SIZE) {
		pr_err("smp: no RAM page below 1 MiB for the AP trampoline\n");
		return -ENOMEM;
	}
	memcpy(phys_to_virt(tramp_pa), trampoline_start, len);
	tramp_failed = false;
	pr_info("smp: AP trampoline at %#llx, IPI vectors call %#x ping %#x\n",
		(unsigned long long)tramp_pa, ipi_vector[IPI_CALL],
		ipi_vector[IPI_PING]);
	return 0;
}

static struct trampoline_params *tramp_params(void)
{
	return phys_to_virt(tramp_pa + (trampoline_params - trampoline_start));
}

int native_cpu_up(struct cpu_data *c)
{
	struct trampoline_params *p;
	phys_addr_t pml4;
	u64 t0, waited;
	int err;

	err = smpboot_init();
	if (err)
		return err;
	pml4 = trampoline_pgd(tramp_pa);
	if (!pml4)
		return -ENOMEM;

	p = tramp_params();
	p->pml4 = (u32)pml4;
	p->cr0 = (u32)native_read_cr0();
	p->efer = (u32)pv_ops.cpu.rdmsr(MSR_EFER) &
		  (EFER_SCE | EFER_LME | EFER_NXE);
	p->cr4 = native_read_cr4();
	p->cr3 = c->cr3;
	p->stack = c->stack_top;
	p->arg = (u64)(uintptr_t)c;
	p->entry = (u64)(uintptr_t)secondary_start;
	WRITE_ONCE(p->stage, 0);
	__atomic_thread_fence(__ATOMIC_SEQ_CST);

	t0 = ktime_ns();
	err = lapic_send_init(c->hw_id);
	if (!err) {
		udelay(INIT_DELAY_US);
		err = lapic_send_sipi(c->hw_id, tramp_pa >> PAGE_SHIFT);
	}
	if (!err) {
		udelay(SIPI_DELAY_US);
		err = lapic_send_sipi(c->hw_id, tramp_pa >> PAGE_SHIFT);
	}
	if (err) {
		pr_err("smp: CPU %u (APIC id %u): INIT/STARTUP not delivered (%d)\n",
		       c->cpu, c->hw_id, err);
		return err;
	}
	while (!cpu_online(c->cpu)) {
		if (ktime_ns() - t0 > AP_ONLINE_TIMEOUT_MS * NSEC_PER_MSEC) {
			pr_err("smp: CPU %u (APIC id %u) not online after %u ms (trampoline stage %u)\n",
			       c->cpu, c->hw_id, AP_ONLINE_TIMEOUT_MS,
			       READ_ONCE(p->stage));
			/* park it: it must not run the copy later */
			lapic_send_init(c->hw_id);
			return -ETIMEDOUT;
		}
		cpu_relax();
	}
	waited = ktime_ns() - t0;
	pr_info("smp: CPU %u (APIC id %u) online in %llu us\n", c->cpu,
		c->hw_id, waited / NSEC_PER_USEC);
	return 0;
}

void native_cpu_init(struct cpu_data *c)
{
	cpu_desc_init(c->cpu);
	lapic_ap_init();
}

void native_send_ipi(unsigned int cpu, enum ipi_kind ipi)
{
	int err;

	if (cpu >= NR_CPUS || ipi >= NR_IPIS || !ipi_vector[ipi])
		return;
	err = lapic_send_ipi(cpu_data[cpu].hw_id, ipi_vector[ipi]);
	if (err)
		pr_err("smp: IPI %u to CPU %u not delivered (%d)\n", ipi, cpu,
		       err);
}
