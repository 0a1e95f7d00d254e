/* SPDX-License-Identifier: GPL-2.0 */
/*
 * What the Xen SMP files share (private to arch/x86/xen): the IPIs and
 * the lock kick as event channels (smp.c, both PV and PVH), and the
 * role's CPU bring-up (smp_pv.c, smp_pvh.c).
 */
#ifndef _ARCH_X86_XEN_XEN_SMP_H
#define _ARCH_X86_XEN_XEN_SMP_H

#include <asm/pv_ops.h>
#include <asm/smp.h>

/*
 * Before vCPU c->hw_id comes up (on CPU 0): bind its IPI event channels
 * (EVTCHNOP_bind_ipi, one per kind, each an IRQ whose handler calls
 * smp_ipi_handler) and its lock-kick channel. 0 or a negative errno.
 * CPU 0 is bound by xen_smp_init().
 */
int xen_smp_bind_cpu(struct cpu_data *c);
/* pv_ops.smp.send_ipi for every Xen role: EVTCHNOP_send. */
void xen_send_ipi(unsigned int cpu, enum ipi_kind ipi);
/* pv_ops.smp.yield: SCHEDOP_yield. */
void xen_yield(void);
/*
 * Bind CPU 0 and install the paravirtual lock ops (SCHEDOP_poll on the
 * kick channel) unless `nopvspin` is on the command line. After the
 * event channels and the clock are up.
 */
void xen_smp_init(void);

/* The roles' bring-up (smp_pv.c, smp_pvh.c). */
int xen_pv_cpu_up(struct cpu_data *c);
void xen_pv_cpu_init(struct cpu_data *c);
int xen_pvh_cpu_up(struct cpu_data *c);
void xen_pvh_cpu_init(struct cpu_data *c);

#endif
