// SPDX-License-Identifier: GPL-2.0
/*
 * GDT, TSS and IDT for native and PVH. The boot GDT from head_64.S is
 * replaced by one with a 64-bit TSS (its rsp0 is the stack the CPU
 * switches to; IST1 is a separate stack for double faults so a kernel
 * stack overflow still produces a register dump).
 *
 * Every CPU has its own GDT, TSS and double-fault stack (cpu_tables[],
 * indexed by the logical CPU number): a TSS descriptor is marked busy
 * by ltr, so two CPUs cannot share one, and each CPU's rsp0 is its own.
 * The IDT is one table for all CPUs, built once by trap_init() on CPU 0
 * and only loaded on the others (cpu_desc_init()). The selectors are the
 * same on every CPU and in every GDT Tern loads (head_64.S, the SMP
 * trampoline): 0x08 kernel code, 0x10 kernel data, 0x18 the TSS.
 */
#include <tern/mm.h>
#include <tern/printk.h>
#include <tern/string.h>
#include <asm/pv_ops.h>
#include <asm/smp.h>
#include <asm/traps.h>

#define GDT_KERNEL_CS	0x08
#define GDT_KERNEL_DS	0x10
#define GDT_TSS		0x18

struct tss64 {
	u32 reserved0;
	u64 rsp[3];
	u64 reserved1;
	u64 ist[7];
	u64 reserved2;
	u16 reserved3;
	u16 iomap_base;
} __packed;

struct idt_gate {
	u16 offset_lo;
	u16 selector;
	u8 ist;
	u8 type_attr;
	u16 offset_mid;
	u32 offset_hi;
	u32 reserved;
} __packed;

#define DF_STACK_SIZE	8192

/* 256-byte aligned: neither the GDT nor the TSS crosses a page. */
struct cpu_tables {
	u64 gdt[5];
	struct tss64 tss;
} __aligned(256);

static struct cpu_tables cpu_tables[NR_CPUS];
static struct idt_gate idt[256] __aligned(16);
/* CPU 0's is static (it exists before the allocator); the others' are pages */
static u8 df_stack0[DF_STACK_SIZE] __aligned(16);

extern char idt_stubs[];

void native_set_kernel_stack(u64 sp0)
{
	cpu_tables[this_cpu()->cpu].tss.rsp[0] = sp0;
}

/* Build this CPU's GDT and TSS and load them (GDTR, TR). */
static void load_cpu_tables(unsigned int cpu)
{
	struct cpu_tables *t = &cpu_tables[cpu];
	u64 base = (u64)(uintptr_t)&t->tss;
	u64 limit = sizeof(t->tss) - 1;
	struct desc_ptr p;

	t->gdt[0] = 0;
	t->gdt[1] = 0x00af9a000000ffffULL;	/* 64-bit code, DPL 0 */
	t->gdt[2] = 0x00cf92000000ffffULL;	/* data */
	t->gdt[3] = (limit & 0xffff) | ((base & 0xffffff) << 16) |
		    (0x89ULL << 40) | (((limit >> 16) & 0xf) << 48) |
		    (((base >> 24) & 0xff) << 56);
	t->gdt[4] = base >> 32;
	if (cpu) {
		u8 *st = alloc_pages(DF_STACK_SIZE / PAGE_SIZE, 0);

		if (!st)
			panic("no double-fault stack for CPU %u", cpu);
		t->tss.ist[0] = (u64)(uintptr_t)(st + DF_STACK_SIZE);
	} else {
		t->tss.ist[0] = (u64)(uintptr_t)(df_stack0 + DF_STACK_SIZE);
	}
	t->tss.iomap_base = sizeof(t->tss);

	p.size = sizeof(t->gdt) - 1;
	p.address = (u64)(uintptr_t)t->gdt;
	pv_ops.cpu.load_gdt(&p);
	pv_ops.cpu.load_tr(GDT_TSS);
}

static void load_idt(void)
{
	struct desc_ptr p;

	p.size = sizeof(idt) - 1;
	p.address = (u64)(uintptr_t)idt;
	pv_ops.cpu.load_idt(&p);
}

/*
 * Reload CS (far return), SS, DS and ES from the GDT just loaded, so
 * that a CPU started with other selectors or cached descriptors (the
 * SMP trampoline's, a Xen PVH start context's) runs on ours. FS and GS
 * are left alone: loading GS would clear the per-CPU base.
 */
static void reload_segments(void)
{
	u64 tmp;

	__asm__ __volatile__("pushq %[cs]\n\t"
			     "leaq 1f(%%rip), %[tmp]\n\t"
			     "pushq %[tmp]\n\t"
			     "lretq\n"
			     "1:\tmovl %[ds], %k[tmp]\n\t"
			     "movl %k[tmp], %%ss\n\t"
			     "movl %k[tmp], %%ds\n\t"
			     "movl %k[tmp], %%es"
			     : [tmp] "=&r"(tmp)
			     : [cs] "i"(GDT_KERNEL_CS), [ds] "i"(GDT_KERNEL_DS)
			     : "memory");
}

void gdt_init(void)
{
	load_cpu_tables(0);
}

void cpu_desc_init(unsigned int cpu)
{
	load_cpu_tables(cpu);
	reload_segments();
	load_idt();
}

void trap_init(void)
{
	unsigned int v;

	for (v = 0; v < 256; v++) {
		u64 addr = (u64)(uintptr_t)(idt_stubs + 16 * v);

		idt[v].offset_lo = addr & 0xffff;
		idt[v].selector = GDT_KERNEL_CS;
		idt[v].ist = v == X86_TRAP_DF ? 1 : 0;
		idt[v].type_attr = 0x8e;	/* present, interrupt gate */
		idt[v].offset_mid = (addr >> 16) & 0xffff;
		idt[v].offset_hi = addr >> 32;
	}
	load_idt();
}
