/* SPDX-License-Identifier: GPL-2.0 */
/* What the arch/x86/xen mode files share (like Linux's xen-ops.h). */
#ifndef _ASM_XEN_XEN_OPS_H
#define _ASM_XEN_XEN_OPS_H

#include <tern/types.h>
#include <tern/memmap.h>

extern u32 xen_start_info_flags;
void xen_shutdown(unsigned int reason);
void xen_print_version(void);
void xen_print_hypercall_counts(void);
void xen_time_init(void);
u64 xen_system_time_ns(void);
u64 xen_wallclock_sec(void);
int xen_memory_map(struct memmap *m);

#endif
