/* SPDX-License-Identifier: GPL-2.0 */
/* What generic event-channel code may know about arm64's use of it. */
#ifndef _ASM_XEN_EVENTS_H
#define _ASM_XEN_EVENTS_H

/*
 * Xen on Arm gives every guest the generic timer itself (its virtual
 * timer PPI through the vGIC), so timer_irq is a GIC interrupt, never
 * VIRQ_TIMER: no event channel drives the clock.
 */
#define XEN_TIMER_IS_EVTCHN	0

#endif
