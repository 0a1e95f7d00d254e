/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Raw x86 instructions. Generic code never uses these directly: it goes
 * through pv_ops (arch/x86/include/asm/pv_ops.h), whose native backend calls them.
 */
#ifndef _ASM_PROCESSOR_H
#define _ASM_PROCESSOR_H

#include <tern/types.h>

#define X86_EFLAGS_IF	0x200UL

struct desc_ptr {
	u16 size;
	u64 address;
} __packed;

static inline void native_cpuid(u32 leaf, u32 sub, u32 *a, u32 *b, u32 *c,
				u32 *d)
{
	__asm__ __volatile__("cpuid"
			     : "=a"(*a), "=b"(*b), "=c"(*c), "=d"(*d)
			     : "a"(leaf), "c"(sub));
}

static inline u64 native_rdtsc(void)
{
	u32 lo, hi;

	__asm__ __volatile__("rdtsc" : "=a"(lo), "=d"(hi));
	return ((u64)hi << 32) | lo;
}

/*
 * rdtsc is not ordered with earlier loads: lfence first where the value
 * pairs with data read just before (a pvclock record, a calibration).
 */
static inline u64 rdtsc_ordered(void)
{
	__asm__ __volatile__("lfence" : : : "memory");
	return native_rdtsc();
}

static inline u64 native_rdmsr(u32 msr)
{
	u32 lo, hi;

	__asm__ __volatile__("rdmsr" : "=a"(lo), "=d"(hi) : "c"(msr));
	return ((u64)hi << 32) | lo;
}

static inline void native_wrmsr(u32 msr, u64 v)
{
	__asm__ __volatile__("wrmsr"
			     : : "c"(msr), "a"((u32)v), "d"((u32)(v >> 32))
			     : "memory");
}

#define DEFINE_CR_ACCESS(n)						\
static inline u64 native_read_cr##n(void)				\
{									\
	u64 v;								\
	__asm__ __volatile__("mov %%cr" #n ", %0" : "=r"(v) : : "memory"); \
	return v;							\
}									\
static inline void native_write_cr##n(u64 v)				\
{									\
	__asm__ __volatile__("mov %0, %%cr" #n : : "r"(v) : "memory");	\
}
DEFINE_CR_ACCESS(0)
DEFINE_CR_ACCESS(2)
DEFINE_CR_ACCESS(3)
DEFINE_CR_ACCESS(4)
#undef DEFINE_CR_ACCESS

static inline unsigned long native_save_fl(void)
{
	unsigned long f;

	__asm__ __volatile__("pushfq; popq %0" : "=r"(f) : : "memory");
	return f;
}

static inline void native_restore_fl(unsigned long f)
{
	__asm__ __volatile__("pushq %0; popfq" : : "r"(f) : "memory", "cc");
}

static inline void native_irq_disable(void)
{
	__asm__ __volatile__("cli" : : : "memory");
}

static inline void native_irq_enable(void)
{
	__asm__ __volatile__("sti" : : : "memory");
}

static inline void native_safe_halt(void)
{
	__asm__ __volatile__("sti; hlt" : : : "memory");
}

static inline void native_halt(void)
{
	__asm__ __volatile__("hlt" : : : "memory");
}

static inline void cpu_relax(void)
{
	__asm__ __volatile__("pause" : : : "memory");
}

#endif
