/* SPDX-License-Identifier: GPL-2.0 */
/* What generic event-channel code may know about x86's use of it. */
#ifndef _ASM_XEN_EVENTS_H
#define _ASM_XEN_EVENTS_H

/*
 * Every x86 Xen role's clock event is VIRQ_TIMER, an event channel
 * (arch/x86/xen/time.c): timer_irq is one.
 */
#define XEN_TIMER_IS_EVTCHN	1

#endif
