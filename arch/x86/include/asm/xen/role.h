/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Who am I. Set once by the entry path (arch/x86/boot, arch/x86/xen);
 * asked only in arch/x86/xen, arch/x86/boot and drivers/xen. Everything
 * else (setup_arch() included) goes through pv_ops, the platform ops
 * (asm/x86_init.h) and the memory-model API instead.
 */
#ifndef _ASM_XEN_ROLE_H
#define _ASM_XEN_ROLE_H

#include <tern/types.h>

enum xen_domain_type {
	XEN_NATIVE,
	XEN_PV_DOMAIN,
	XEN_PVH_DOMAIN,
};

extern enum xen_domain_type xen_domain_type;
extern bool xen_is_initial_domain;

static inline bool xen_domain(void)
{
	return xen_domain_type != XEN_NATIVE;
}

static inline bool xen_pv(void)
{
	return xen_domain_type == XEN_PV_DOMAIN;
}

static inline bool xen_pvh(void)
{
	return xen_domain_type == XEN_PVH_DOMAIN;
}

static inline bool xen_dom0(void)
{
	return xen_domain() && xen_is_initial_domain;
}

/* The start-info flags as the entry saw them (SIF_*). */
u32 xen_start_flags(void);

/* CPUID base of the Xen leaves (0x40000000 + n * 0x100), 0 if none. */
u32 xen_cpuid_base(void);

/*
 * arch/x86/xen/enlighten_pvh.c: a PVH entry found Xen; set the role, the
 * hypercall instruction and the platform ops (asm/x86_init.h).
 */
void xen_pvh_early_init(u32 start_info_flags);

#endif
