/* SPDX-License-Identifier: GPL-2.0 */
/* Atomic bit operations on arrays of unsigned long (shared with Xen). */
#ifndef _ASM_BITOPS_H
#define _ASM_BITOPS_H

#include <tern/types.h>

static inline void set_bit(unsigned long nr, volatile unsigned long *addr)
{
	__asm__ __volatile__("lock btsq %1, %0"
			     : "+m"(*addr) : "r"(nr) : "memory");
}

static inline void clear_bit(unsigned long nr, volatile unsigned long *addr)
{
	__asm__ __volatile__("lock btrq %1, %0"
			     : "+m"(*addr) : "r"(nr) : "memory");
}

static inline bool test_bit(unsigned long nr,
			    const volatile unsigned long *addr)
{
	return (addr[nr / 64] >> (nr % 64)) & 1;
}

static inline bool test_and_clear_bit(unsigned long nr,
				      volatile unsigned long *addr)
{
	bool old;

	__asm__ __volatile__("lock btrq %2, %0"
			     : "+m"(*addr), "=@ccc"(old) : "r"(nr) : "memory");
	return old;
}

static inline unsigned long xchg_ulong(volatile unsigned long *p,
				       unsigned long v)
{
	__asm__ __volatile__("xchgq %0, %1" : "+r"(v), "+m"(*p) : : "memory");
	return v;
}

static inline unsigned int __ffs(unsigned long x)
{
	return __builtin_ctzl(x);
}

static inline void mb(void)
{
	__asm__ __volatile__("mfence" : : : "memory");
}

static inline void rmb(void)
{
	__asm__ __volatile__("lfence" : : : "memory");
}

static inline void wmb(void)
{
	__asm__ __volatile__("sfence" : : : "memory");
}

#endif
