/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Boot timeline (kernel/boot_trace.c): boot code marks where each phase
 * starts; with `boot_trace` on the command line the phases are printed
 * after the ready line, one line each, in µs from Tern's first
 * instruction. Marks are raw cycle counts (cheap, valid before any
 * clock is calibrated), converted when printed.
 */
#ifndef _TERN_BOOT_TRACE_H
#define _TERN_BOOT_TRACE_H

#include <tern/types.h>

extern bool opt_boot_trace;

/* Phase `name` (a string literal) starts now; the previous one ends. */
void boot_phase(const char *name);
/* Print the timeline up to now. */
void boot_trace_report(void);

#endif
