/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Native interrupt hardware and the timebase next to it: IDT vectors for
 * IRQs, the local APIC (EOI, IPIs, one-shot timer), the IO-APICs, the
 * 8259 pair, the TSC. Used by the native platform ops (x86_init.c) and by
 * a PVH domain, whose LAPIC and IO-APIC are Xen's emulated ones.
 */
#ifndef _ASM_APIC_H
#define _ASM_APIC_H

#include <tern/types.h>

#define SPURIOUS_VECTOR		0xff
#define GSI_VECTOR_BASE		0x30	/* GSI n -> vector 0x30 + n */
#define DYNAMIC_VECTOR_BASE	0x80

/* arch/x86/kernel/irq.c: vector <-> IRQ number */
int assign_irq_vector(unsigned int irq, unsigned int vector);
int alloc_irq_vector(unsigned int irq);		/* dynamic range */
unsigned int irq_vector(unsigned int irq);

/* arch/x86/kernel/apic.c */
void lapic_init(u64 phys);
void lapic_eoi(void);
u32 lapic_id(void);
void lapic_send_self_ipi(unsigned int vector);
/*
 * IPIs to the CPU with this APIC id (physical destination): a fixed
 * vector, INIT (assert + deassert), STARTUP at real-mode page `page`
 * (< 0x100). 0, -ENODEV (no LAPIC, id > 255: no x2APIC) or -ETIMEDOUT
 * (still pending after 1 ms).
 */
int lapic_send_ipi(u32 apic_id, unsigned int vector);
int lapic_send_init(u32 apic_id);
int lapic_send_sipi(u32 apic_id, unsigned int page);
/* On a secondary CPU: enable its LAPIC (SVR), TPR 0, its one-shot timer. */
void lapic_ap_init(void);
/* One-shot timer. */
void lapic_timer_init(void);
bool lapic_present(void);

/* arch/x86/kernel/ioapic.c */
void ioapic_init(void);
unsigned int isa_irq_to_gsi(unsigned int isa_irq);
/* Trigger/polarity of a PCI INTx line, from the MADT. */
void ioapic_set_pci_gsi(unsigned int gsi);
unsigned int nr_ioapic_gsis(void);

/* arch/x86/kernel/i8259.c */
void i8259_mask_all(void);
void i8259_init_legacy(void);	/* used when there is no IO-APIC */

/* arch/x86/kernel/tsc.c */
void tsc_init(void);
u64 tsc_khz(void);

#endif
