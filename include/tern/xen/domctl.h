/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The toolstack's hypercalls: domctl and sysctl. Their headers are for
 * toolstacks only (__XEN_TOOLS__), and their ABI is versioned per Xen
 * release: XEN_DOMCTL_INTERFACE_VERSION 0x15 is Xen 4.17's (0x14 4.16,
 * 0x16 4.18); a different hypervisor answers -EACCES to every call.
 *
 * Include this header first: the Xen headers must all see __XEN_TOOLS__.
 * With it, xen-compat.h sets __XEN_INTERFACE_VERSION__ to the headers'
 * latest, 0x00040e00, the value the build passes for every file; the
 * build's definition is dropped first so the two do not clash.
 */
#ifndef _TERN_XEN_DOMCTL_H
#define _TERN_XEN_DOMCTL_H

#ifdef __XEN_PUBLIC_XEN_H__
#error "include <tern/xen/domctl.h> before any Xen header"
#endif
#if __XEN_INTERFACE_VERSION__ != 0x00040e00
#error "the toolstack headers implement interface 0x00040e00"
#endif
#undef __XEN_INTERFACE_VERSION__
#define __XEN_TOOLS__ 1

#include <tern/types.h>
#include <xen/xen.h>
#include <xen/domctl.h>
#include <xen/sysctl.h>
#include <xen/hvm/save.h>

/* "poweroff", "crash", ... for a SHUTDOWN_* reason; "unknown" otherwise */
const char *xen_shutdown_reason_name(unsigned int reason);

/* One domctl: the interface version is filled in. 0 or -errno (Xen's). */
int xen_domctl(struct xen_domctl *d);
int xen_sysctl(struct xen_sysctl *s);

/*
 * Can this kernel drive the hypervisor's toolstack interface? 0, or
 * -EACCES with one log line naming both versions (probed), -EPERM when
 * this domain is not privileged.
 */
int toolstack_check_abi(void);

int xen_domain_info(domid_t dom, struct xen_domctl_getdomaininfo *info);
int xen_physinfo(struct xen_sysctl_physinfo *pi);
/* How many of vCPUs 0..nr-1 have run (Xen's cpu_time), or -ESRCH. */
int xen_vcpus_ran(domid_t dom, unsigned int nr);

#endif
