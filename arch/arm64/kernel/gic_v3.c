// SPDX-License-Identifier: GPL-2.0
/*
 * GICv3 for the boot CPU: the distributor (affinity routing, group 1
 * enabled), this CPU's redistributor (woken, its SGIs and PPIs group 1,
 * all disabled until requested) and the system-register CPU interface
 * (ICC_*_EL1: SRE, priority mask open, group 1 enabled). Interrupts
 * reach Tern's IRQ core as dynamic IRQ numbers: gic_request_intid()
 * binds one PPI (16..31, the redistributor's) or SPI (32..1019, the
 * distributor's, routed to this CPU) to one, with this chip (mask and
 * unmask where the INTID lives, EOI through ICC_EOIR1_EL1 with the
 * INTID kept as chip data).
 *
 * Invariants: every interrupt acknowledged (ICC_IAR1_EL1) is ended
 * exactly once, by the chip or here when nothing is bound to it; EOImode
 * 0 (the EOI also deactivates). Used so far: the generic timer's PPI,
 * the console UART's SPI and PCI INTx SPIs (gic_map_intid(): bound
 * once, shared by every caller, requested by the driver).
 */
#include <tern/irq.h>
#include <tern/printk.h>
#include <tern/timer.h>
#include <asm/io.h>
#include <asm/processor.h>
#include <asm/setup.h>
#include <asm/sysreg.h>
#include <asm/traps.h>

#define GICD_CTLR		0x0000
#define GICD_CTLR_RWP		(1U << 31)
#define GICD_CTLR_ARE_NS	(1U << 4)
#define GICD_CTLR_ENABLE_G1	(1U << 1)
#define GICD_TYPER		0x0004
#define GICD_IGROUPR		0x0080
#define GICD_ISENABLER		0x0100
#define GICD_ICENABLER		0x0180
#define GICD_IPRIORITYR		0x0400
#define GICD_ICFGR		0x0c00
#define GICD_IROUTER		0x6000

#define GICR_FRAME		0x20000		/* RD_base + SGI_base */
#define GICR_CTLR		0x0000
#define GICR_CTLR_RWP		(1U << 3)
#define GICR_TYPER		0x0008
#define GICR_TYPER_LAST		(1UL << 4)
#define GICR_TYPER_VLPIS	(1UL << 1)
#define GICR_WAKER		0x0014
#define GICR_WAKER_SLEEP	(1U << 1)
#define GICR_WAKER_ASLEEP	(1U << 2)
#define GICR_SGI		0x10000
#define GICR_IGROUPR0		(GICR_SGI + 0x0080)
#define GICR_ISENABLER0		(GICR_SGI + 0x0100)
#define GICR_ICENABLER0		(GICR_SGI + 0x0180)
#define GICR_IPRIORITYR		(GICR_SGI + 0x0400)

#define GIC_PRIO_DEFAULT	0xa0
#define INTID_SPURIOUS		1020
#define INTID_SPI		32

/* the CPU interface, by encoding (the assembler may not know the names) */
#define ICC_IAR1_EL1		S3_0_C12_C12_0
#define ICC_EOIR1_EL1		S3_0_C12_C12_1
#define ICC_SRE_EL1		S3_0_C12_C12_5
#define ICC_IGRPEN1_EL1		S3_0_C12_C12_7
#define ICC_PMR_EL1		S3_0_C4_C6_0
#define ICC_BPR1_EL1		S3_0_C12_C12_3
#define icc_read(r)		read_sysreg(r)
#define icc_write(v, r)		write_sysreg(v, r)

static void __iomem *gicd;
static void __iomem *rd;		/* this CPU's redistributor */
static u16 intid_irq[INTID_SPURIOUS];	/* INTID -> IRQ, 0: none */
static u32 nr_intids;			/* the distributor's (GICD_TYPER) */
static u64 gic_spurious;

static bool wait_clear(void __iomem *reg, u32 bit)
{
	unsigned int spin = 1000000;

	while ((readl(reg) & bit) && --spin)
		cpu_relax();
	return spin;
}

static u32 intid_of(unsigned int irq)
{
	return (u32)(uintptr_t)irq_to_desc(irq)->chip_data;
}

static void gic_mask(unsigned int irq)
{
	u32 intid = intid_of(irq);

	if (intid < INTID_SPI) {
		writel(1U << intid, rd + GICR_ICENABLER0);
		wait_clear(rd + GICR_CTLR, GICR_CTLR_RWP);
	} else {
		writel(1U << (intid % 32), gicd + GICD_ICENABLER + intid / 32 * 4);
		wait_clear(gicd + GICD_CTLR, GICD_CTLR_RWP);
	}
}

static void gic_unmask(unsigned int irq)
{
	u32 intid = intid_of(irq);

	if (intid < INTID_SPI)
		writel(1U << intid, rd + GICR_ISENABLER0);
	else
		writel(1U << (intid % 32), gicd + GICD_ISENABLER + intid / 32 * 4);
}

static void gic_eoi(unsigned int irq)
{
	icc_write(intid_of(irq), ICC_EOIR1_EL1);
	isb();
}

static const struct irq_chip gic_chip = {
	.name = "gicv3",
	.mask = gic_mask,
	.unmask = gic_unmask,
	.eoi = gic_eoi,
};

static void gic_handle_irq(struct pt_regs *regs)
{
	u64 iar = icc_read(ICC_IAR1_EL1);
	u32 intid = iar & 0xffffff;

	if (intid >= INTID_SPURIOUS) {
		gic_spurious++;
		return;
	}
	if (intid_irq[intid] && generic_handle_irq(intid_irq[intid]))
		return;
	/* nothing bound (or no chip ended it): end it here */
	icc_write(iar, ICC_EOIR1_EL1);
	isb();
}

/* An SPI: group 1, level or edge, routed to this CPU. */
static void spi_setup(u32 intid, bool edge)
{
	void __iomem *cfg = gicd + GICD_ICFGR + intid / 16 * 4;
	u32 bit = 2 * (intid % 16) + 1;
	u64 mpidr = read_sysreg(mpidr_el1);

	writel(readl(gicd + GICD_IGROUPR + intid / 32 * 4) | 1U << (intid % 32),
	       gicd + GICD_IGROUPR + intid / 32 * 4);
	writel((readl(cfg) & ~(1U << bit)) | (u32)edge << bit, cfg);
	writeb(GIC_PRIO_DEFAULT, gicd + GICD_IPRIORITYR + intid);
	/* Aff3.Aff2.Aff1.Aff0 of this CPU, Interrupt_Routing_Mode 0 */
	writeq((mpidr & 0xffffff) | (mpidr & 0xff00000000UL),
	       gicd + GICD_IROUTER + intid * 8);
}

/* Bind intid to a new IRQ number (set up, still disabled). */
static int map_intid(u32 intid, bool edge)
{
	int irq;

	irq = irq_alloc_dynamic();
	if (irq < 0)
		return irq;
	irq_set_chip(irq, &gic_chip, (void *)(uintptr_t)intid);
	if (intid < INTID_SPI)
		writeb(GIC_PRIO_DEFAULT, rd + GICR_IPRIORITYR + intid);
	else
		spi_setup(intid, edge);
	intid_irq[intid] = irq;
	return irq;
}

int gic_map_intid(u32 intid, bool edge)
{
	if (!rd || intid < 16 || intid >= nr_intids)
		return -ENODEV;
	if (intid_irq[intid])
		return intid_irq[intid];
	return map_intid(intid, edge);
}

int gic_request_intid(u32 intid, bool edge, irq_handler_t handler,
		      const char *name, void *data)
{
	int irq, ret;

	if (!rd || intid < 16 || intid >= nr_intids)
		return -ENODEV;
	if (intid_irq[intid])
		return -EBUSY;
	irq = map_intid(intid, edge);
	if (irq < 0)
		return irq;
	ret = request_irq(irq, handler, name, data);
	if (ret) {
		intid_irq[intid] = 0;
		irq_free_dynamic(irq);
		return ret;
	}
	return irq;
}

/* This CPU's redistributor: the frame whose affinity is MPIDR's. */
static void __iomem *find_rd(void __iomem *base, u64 size)
{
	u64 mpidr = read_sysreg(mpidr_el1);
	u32 aff = (u32)((mpidr & 0xffffff) | ((mpidr >> 32) & 0xff) << 24);
	u64 off = 0;

	while (off + GICR_FRAME <= size) {
		u64 typer = readq(base + off + GICR_TYPER);

		if ((u32)(typer >> 32) == aff)
			return base + off;
		if (typer & GICR_TYPER_LAST)
			break;
		off += typer & GICR_TYPER_VLPIS ? 2 * GICR_FRAME : GICR_FRAME;
	}
	return NULL;
}

int gic_v3_init(u64 gicd_pa, u64 gicd_size, u64 gicr_pa, u64 gicr_size)
{
	void __iomem *d, *r;

	if (!gicd_pa || !gicr_pa)
		return -ENODEV;
	d = ioremap(gicd_pa, gicd_size);
	r = ioremap(gicr_pa, gicr_size);
	if (!d || !r)
		return -ENOMEM;
	r = find_rd(r, gicr_size);
	if (!r) {
		pr_err("gic: no redistributor for this CPU\n");
		return -ENODEV;
	}
	/* distributor: affinity routing, group 1 non-secure */
	writel(0, d + GICD_CTLR);
	if (!wait_clear(d + GICD_CTLR, GICD_CTLR_RWP))
		return -ETIMEDOUT;
	writel(GICD_CTLR_ARE_NS | GICD_CTLR_ENABLE_G1, d + GICD_CTLR);
	wait_clear(d + GICD_CTLR, GICD_CTLR_RWP);
	nr_intids = 32 * ((readl(d + GICD_TYPER) & 0x1f) + 1);
	if (nr_intids > INTID_SPURIOUS)
		nr_intids = INTID_SPURIOUS;

	/* redistributor: awake, SGIs/PPIs group 1 and disabled */
	writel(readl(r + GICR_WAKER) & ~GICR_WAKER_SLEEP, r + GICR_WAKER);
	if (!wait_clear(r + GICR_WAKER, GICR_WAKER_ASLEEP)) {
		pr_err("gic: the redistributor does not wake\n");
		return -ETIMEDOUT;
	}
	writel(~0U, r + GICR_ICENABLER0);
	writel(~0U, r + GICR_IGROUPR0);

	/* CPU interface: system registers, all priorities, group 1 on */
	icc_write(icc_read(ICC_SRE_EL1) | 1, ICC_SRE_EL1);
	isb();
	if (!(icc_read(ICC_SRE_EL1) & 1)) {
		pr_err("gic: the system-register interface is disabled\n");
		return -ENODEV;
	}
	icc_write(0xff, ICC_PMR_EL1);
	icc_write(0, ICC_BPR1_EL1);
	icc_write(1, ICC_IGRPEN1_EL1);
	isb();

	gicd = d;
	rd = r;
	arm64_irq_handler = gic_handle_irq;
	pr_info("gic: GICv3, distributor %#llx, redistributors %#llx\n",
		gicd_pa, gicr_pa);
	return 0;
}
