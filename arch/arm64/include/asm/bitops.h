/* SPDX-License-Identifier: GPL-2.0 */
/* Atomic bit operations on arrays of unsigned long, and barriers. */
#ifndef _ASM_BITOPS_H
#define _ASM_BITOPS_H

#include <tern/types.h>

static inline void set_bit(unsigned long nr, volatile unsigned long *addr)
{
	__atomic_fetch_or(&addr[nr / 64], 1UL << (nr % 64), __ATOMIC_SEQ_CST);
}

static inline void clear_bit(unsigned long nr, volatile unsigned long *addr)
{
	__atomic_fetch_and(&addr[nr / 64], ~(1UL << (nr % 64)),
			   __ATOMIC_SEQ_CST);
}

static inline bool test_bit(unsigned long nr,
			    const volatile unsigned long *addr)
{
	return (addr[nr / 64] >> (nr % 64)) & 1;
}

static inline bool test_and_clear_bit(unsigned long nr,
				      volatile unsigned long *addr)
{
	unsigned long m = 1UL << (nr % 64);

	return __atomic_fetch_and(&addr[nr / 64], ~m, __ATOMIC_SEQ_CST) & m;
}

static inline unsigned long xchg_ulong(volatile unsigned long *p,
				       unsigned long v)
{
	return __atomic_exchange_n(p, v, __ATOMIC_SEQ_CST);
}

static inline unsigned int __ffs(unsigned long x)
{
	return __builtin_ctzl(x);
}

/* Full, read and write barriers for shared memory and devices (dsb). */
static inline void mb(void)
{
	__asm__ __volatile__("dsb sy" : : : "memory");	/* all accesses */
}

static inline void rmb(void)
{
	/* earlier loads complete before later accesses */
	__asm__ __volatile__("dsb ld" : : : "memory");
}

static inline void wmb(void)
{
	/* earlier stores complete before later accesses */
	__asm__ __volatile__("dsb st" : : : "memory");
}

#endif
