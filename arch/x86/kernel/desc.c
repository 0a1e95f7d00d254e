// SPDX-License-Identifier: GPL-2.0
/*
 * GDT, TSS and IDT for native and PVH. The boot GDT from head_64.S is
 * replaced by one with a 64-bit TSS (its rsp0 is the stack the CPU
 * switches to; IST1 is a separate stack for double faults so a kernel
 * stack overflow still produces a register dump).
 */
#include <tern/string.h>
#include <asm/pv_ops.h>
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

static u64 gdt[5] __aligned(16);
static struct tss64 tss __aligned(16);
static struct idt_gate idt[256] __aligned(16);
static u8 df_stack[8192] __aligned(16);

extern char idt_stubs[];

void native_set_kernel_stack(u64 sp0)
{
	tss.rsp[0] = sp0;
}

void gdt_init(void)
{
	u64 base = (u64)(uintptr_t)&tss;
	u64 limit = sizeof(tss) - 1;
	struct desc_ptr p;

	gdt[1] = 0x00af9a000000ffffULL;	/* 64-bit code, DPL 0 */
	gdt[2] = 0x00cf92000000ffffULL;	/* data */
	gdt[3] = (limit & 0xffff) | ((base & 0xffffff) << 16) |
		 (0x89ULL << 40) | (((limit >> 16) & 0xf) << 48) |
		 (((base >> 24) & 0xff) << 56);
	gdt[4] = base >> 32;
	tss.ist[0] = (u64)(uintptr_t)(df_stack + sizeof(df_stack));
	tss.iomap_base = sizeof(tss);

	p.size = sizeof(gdt) - 1;
	p.address = (u64)(uintptr_t)gdt;
	pv_ops.cpu.load_gdt(&p);
	pv_ops.cpu.load_tr(GDT_TSS);
}

void trap_init(void)
{
	struct desc_ptr p;
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
	p.size = sizeof(idt) - 1;
	p.address = (u64)(uintptr_t)idt;
	pv_ops.cpu.load_idt(&p);
}
