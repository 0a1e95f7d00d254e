/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Basic types. Physical frame numbers (pfn), machine frame numbers (mfn),
 * guest frame numbers (gfn) and device bus addresses are distinct
 * __bitwise types: sparse rejects mixing them, so a missing P2M
 * translation is a static error, not silent data corruption.
 * Convert only through the helpers below or the memory-model API.
 */
#ifndef _TERN_TYPES_H
#define _TERN_TYPES_H

#include <stdint.h>
#include <stddef.h>
#include <stdbool.h>
#include <stdarg.h>
#include <tern/compiler.h>

typedef uint8_t u8;
typedef uint16_t u16;
typedef uint32_t u32;
typedef unsigned long long u64;
typedef int8_t s8;
typedef int16_t s16;
typedef int32_t s32;
typedef long long s64;

typedef u64 phys_addr_t;	/* guest-physical address (pfn space) */

typedef u64 __bitwise pfn_t;	/* guest pseudo-physical frame */
typedef u64 __bitwise mfn_t;	/* machine frame (host physical) */
typedef u64 __bitwise gfn_t;	/* frame as named to Xen (grants, physmap) */
typedef u32 __bitwise gref_t;	/* grant reference (an index into our grant table) */
typedef u64 __bitwise bus_addr_t;	/* address a device puts on the bus */

#define PAGE_SHIFT	12
#define PAGE_SIZE	(1UL << PAGE_SHIFT)
#define PAGE_MASK	(~(PAGE_SIZE - 1))

static inline pfn_t _pfn(u64 v) { return (__force pfn_t)v; }
static inline u64 pfn_x(pfn_t p) { return (__force u64)p; }
static inline mfn_t _mfn(u64 v) { return (__force mfn_t)v; }
static inline u64 mfn_x(mfn_t m) { return (__force u64)m; }
static inline gfn_t _gfn(u64 v) { return (__force gfn_t)v; }
static inline u64 gfn_x(gfn_t g) { return (__force u64)g; }
static inline gref_t _gref(u32 v) { return (__force gref_t)v; }
static inline u32 gref_x(gref_t r) { return (__force u32)r; }
static inline bus_addr_t _bus(u64 v) { return (__force bus_addr_t)v; }
static inline u64 bus_x(bus_addr_t b) { return (__force u64)b; }

static inline pfn_t phys_to_pfn(phys_addr_t pa)
{
	return _pfn(pa >> PAGE_SHIFT);
}

static inline phys_addr_t pfn_to_phys(pfn_t pfn)
{
	return pfn_x(pfn) << PAGE_SHIFT;
}

#define EPERM		1
#define ENOENT		2
#define ESRCH		3
#define EIO		5
#define E2BIG		7
#define ENOEXEC		8
#define EBADF		9
#define EAGAIN		11
#define ENOMEM		12
#define EACCES		13
#define EFAULT		14
#define EBUSY		16
#define EEXIST		17
#define ENODEV		19
#define ENOTDIR		20
#define EISDIR		21
#define EINVAL		22
#define ENOSPC		28
#define EROFS		30
#define ERANGE		34
#define ENAMETOOLONG	36
#define ENOSYS		38
#define ENOTEMPTY	39
#define ELOOP		40
#define EPROTO		71
#define EOPNOTSUPP	95
#define EISCONN	106
#define ETIMEDOUT	110

#endif
