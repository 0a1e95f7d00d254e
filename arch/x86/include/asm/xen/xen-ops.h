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
u64 xen_hypercall_total(void);
void xen_time_init(void);
u64 xen_system_time_ns(void);
/* Whether xen_system_time_ns() runs yet (the PV clock's record is set) */
bool xen_system_time_runs(void);
/* Bind VIRQ_TIMER for CPU cpu's vCPU (arch/x86/xen/time.c). */
int xen_timer_bind_cpu(unsigned int cpu);
u64 xen_pvclock_back_reads(s64 *deepest);
u64 xen_wallclock_sec(void);
/* XENMEM_memory_map (this domain's) and, for dom0, the machine's E820. */
int xen_memory_map(struct memmap *m);
int xen_machine_memory_map(struct memmap *m);
unsigned int xen_nr_vcpus(void);

/* dom0 power-off through XENPF_enter_acpi_sleep (PV and PVH). */
struct acpi_info;
void xen_acpi_poweroff(const struct acpi_info *a);

/* Platform ops PV and PVH share (enlighten.c; asm/x86_init.h). */
const char *xen_platform_memory_map(struct memmap *mm);
void xen_acpi_policy_dom0(struct acpi_info *a);
void xen_acpi_policy_domu(struct acpi_info *a);
void xen_platform_timer_init(void);
void xen_console_input_init_dom0(void);
void xen_console_input_init_domu(void);

struct start_info;
/* NULL, or what is wrong with a PV start_info (start_info_pv.c). */
const char *xen_pv_check_start_info(const struct start_info *si);

/* Xen PV (enlighten_pv.c, irq_pv.c) */
__noreturn void xen_pv_start(const struct start_info *si);
extern const struct pv_irq_ops xen_pv_irq_ops;
extern struct vcpu_info xen_pv_early_vcpu_info;
u64 xen_pv_event_count(void);

/* Xen PVH (enlighten_pvh.c): vCPU 0's per-vCPU upcall vector, or 0 */
extern u8 xen_pvh_upcall_vector;

#endif
