/* SPDX-License-Identifier: GPL-2.0 */
/*
 * SMP for generic code (arch/x86/kernel/smp.c): which CPU runs, which
 * are online, and running a function on another CPU or on all.
 */
#ifndef _TERN_SMP_H
#define _TERN_SMP_H

#include <tern/types.h>

unsigned int smp_processor_id(void);
bool cpu_online(unsigned int cpu);
unsigned int num_online_cpus(void);
/* Has any CPU but CPU 0 ever come online? (one load, for hot paths) */
bool smp_others_started(void);

/*
 * Run fn(arg) on cpu (here when it is this CPU) and wait for it: 0,
 * -ENODEV (not online), -EBUSY (its queue is full) or -ETIMEDOUT.
 * Callable with interrupts enabled; fn runs with interrupts disabled on
 * the other CPU and must not wait.
 */
int smp_call_function_single(unsigned int cpu, void (*fn)(void *), void *arg);
/*
 * Run fn(arg) on every online CPU, this one included, and wait for all
 * (any CPU may call, interrupts on or off; the call records are on the
 * caller's stack). 0 or the first error as above.
 */
int on_each_cpu(void (*fn)(void *), void *arg);
/*
 * The same on every online CPU but this one (0 at once while no other
 * CPU has come up): the TLB shootdowns of the native MMU ops. The caller
 * must hold no lock another CPU may wait for with interrupts off (that
 * CPU could not run the call until the timeout).
 */
int smp_call_others(void (*fn)(void *), void *arg);

/*
 * End a halt on cpu (an interrupt that does nothing else): for a driver
 * whose completion arrived on another CPU than its waiter.
 */
void smp_wake_cpu(unsigned int cpu);
/* The SMP benchmark (kernel/smpbench.c): `smpbench[=ROUNDS]`. */
void smpbench_run(unsigned int rounds);

/* Bring the other CPUs up (after the ready line). */
void smp_init(void);

#endif
