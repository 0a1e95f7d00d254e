/* SPDX-License-Identifier: GPL-2.0 */
/*
 * arm64 system registers: read/write helpers and the bits Tern uses.
 * Shared by C and head.S.
 */
#ifndef _ASM_SYSREG_H
#define _ASM_SYSREG_H

#ifdef __ASSEMBLY__
#define _UL(x)			x
#else
#define _UL(x)			x##UL
#endif

/* CurrentEL */
#define CURRENTEL_EL2		(2 << 2)

/* HCR_EL2: RW, EL1 is AArch64 (everything else 0: no traps to EL2) */
#define HCR_EL2_RW		(_UL(1) << 31)
/* CNTHCTL_EL2 (E2H = 0): EL1PCTEN, EL1PCEN: EL1 reads the physical counter and timer */
#define CNTHCTL_EL1PCTEN	(1 << 0)
#define CNTHCTL_EL1PCEN		(1 << 1)
/* ICC_SRE_EL2: SRE (system-register GIC interface) and Enable (EL1 may set its own SRE) */
#define ICC_SRE_EL2_SRE		(1 << 0)
#define ICC_SRE_EL2_ENABLE	(1 << 3)
/* SPSR: all of DAIF masked, EL1 with SP_EL1 */
#define SPSR_EL1H_DAIF		0x3c5
/* CPTR_EL2 RES1 bits (E2H = 0) with TFP clear: no FP/SIMD traps */
#define CPTR_EL2_RES1		0x33ff

/* SCTLR_EL1 */
#define SCTLR_EL1_RES1		((_UL(3) << 28) | (_UL(3) << 22) | (_UL(1) << 20) | \
				 (_UL(1) << 11))
#define SCTLR_M			(_UL(1) << 0)
#define SCTLR_A			(_UL(1) << 1)
#define SCTLR_C			(_UL(1) << 2)
#define SCTLR_SA		(_UL(1) << 3)
#define SCTLR_I			(_UL(1) << 12)

/* MAIR_EL1: attribute 0 Device-nGnRE, 1 Normal write-back (R/W-allocate) */
#define MAIR_DEVICE_nGnRE	0x04
#define MAIR_NORMAL_WB		0xff
#define MT_DEVICE		0
#define MT_NORMAL		1
#define MAIR_EL1_VALUE		(MAIR_DEVICE_nGnRE | (MAIR_NORMAL_WB << 8))

/*
 * TCR_EL1: TTBR0 only (EPD1), 39-bit virtual addresses (T0SZ 25: three
 * levels of 4 KiB tables, level 1 first, 1 GiB per level-1 entry),
 * table walks inner shareable write-back; IPS is set from
 * ID_AA64MMFR0_EL1.PARange at run time.
 */
#define VA_BITS			39
#define TCR_T0SZ		(64 - VA_BITS)
#define TCR_IRGN0_WBWA		(_UL(1) << 8)
#define TCR_ORGN0_WBWA		(_UL(1) << 10)
#define TCR_SH0_INNER		(_UL(3) << 12)
#define TCR_TG0_4K		(_UL(0) << 14)
#define TCR_EPD1		(_UL(1) << 23)
#define TCR_IPS_SHIFT		32
#define TCR_EL1_VALUE		(TCR_T0SZ | TCR_IRGN0_WBWA | TCR_ORGN0_WBWA | \
				 TCR_SH0_INNER | TCR_TG0_4K | TCR_EPD1)

/* ESR_ELx */
#define ESR_EC_SHIFT		26
#define ESR_EC_MASK		0x3f
#define ESR_ISS_MASK		0x1ffffff
#define ESR_EC_UNKNOWN		0x00
#define ESR_EC_SVC64		0x15
#define ESR_EC_IABT_CUR		0x21
#define ESR_EC_DABT_CUR		0x25
#define ESR_EC_SP_ALIGN		0x26
#define ESR_EC_BRK64		0x3c

#ifndef __ASSEMBLY__
#include <tern/types.h>

#define read_sysreg(r) ({						\
	u64 __v;							\
	__asm__ __volatile__("mrs %0, " #r : "=r"(__v) : : "memory");	\
	__v;								\
})

#define write_sysreg(v, r) do {						\
	u64 __v = (u64)(v);						\
	__asm__ __volatile__("msr " #r ", %x0" : : "rZ"(__v) : "memory"); \
} while (0)

static inline void isb(void)
{
	__asm__ __volatile__("isb" : : : "memory");
}

static inline u64 esr_ec(u64 esr)
{
	return (esr >> ESR_EC_SHIFT) & ESR_EC_MASK;
}
#endif

#endif
