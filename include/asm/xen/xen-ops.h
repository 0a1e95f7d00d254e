/* SPDX-License-Identifier: GPL-2.0 */
/* What the arch/x86/xen mode files share (like Linux's xen-ops.h). */
#ifndef _ASM_XEN_XEN_OPS_H
#define _ASM_XEN_XEN_OPS_H

#include <tern/types.h>
#include <tern/memmap.h>
#include <asm/pv_ops.h>
#include <xen/xen.h>

extern u32 xen_start_info_flags;
void xen_shutdown(unsigned int reason);
void xen_crash(void);
void xen_print_version(void);
void xen_print_hypercall_counts(void);
void xen_time_init(void);
u64 xen_system_time_ns(void);
u64 xen_pvclock_back_reads(s64 *deepest);
u64 xen_wallclock_sec(void);
int xen_memory_map(struct memmap *m);
unsigned int xen_nr_vcpus(void);

struct start_info;
/* NULL, or what is wrong with a PV start_info (start_info_pv.c). */
const char *xen_pv_check_start_info(const struct start_info *si);

/* Xen PV (enlighten_pv.c, irq_pv.c) */
__noreturn void xen_pv_start(const struct start_info *si);
extern const struct pv_irq_ops xen_pv_irq_ops;
extern struct vcpu_info xen_pv_early_vcpu_info;
u64 xen_pv_event_count(void);
/* entry_pv.S: trap stubs (16 bytes apart, vectors 0-31) and callbacks */
extern char xen_pv_trap_stubs[];
extern char xen_pv_hypervisor_callback[];
extern char xen_pv_failsafe_callback[];
struct pt_regs;
void xen_pv_do_trap(struct pt_regs *regs);
/* arch/x86/kernel/traps.c: the common exception handler */
void do_trap(struct pt_regs *regs);

#endif
