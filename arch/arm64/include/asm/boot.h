/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The entry (head.S): the boot stack, the exception level it was entered
 * at and the counter at the first instruction (ktime 0).
 */
#ifndef _ASM_BOOT_H
#define _ASM_BOOT_H

#define BOOT_STACK_SIZE		16384

#ifndef __ASSEMBLY__
#include <tern/types.h>

/* CNTVCT_EL0 at the first instruction (kernel/boot_trace.c's name) */
extern u64 boot_tsc;
/* 1 or 2: the exception level the Image was entered at */
extern u64 boot_el;
void arm64_start(u64 dtb_pa);
#endif

#endif
