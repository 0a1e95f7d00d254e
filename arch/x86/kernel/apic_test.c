// SPDX-License-Identifier: GPL-2.0
/*
 * A self-IPI delivered through the IRQ core: a dynamic IRQ with its own
 * vector, a LAPIC "chip", request_irq, and the descriptor's counter.
 */
#include <tern/irq.h>
#include <tern/ktest.h>
#include <tern/timer.h>
#include <asm/apic.h>
#include <asm/pv_ops.h>

static volatile unsigned int ipi_hits;
static void *ipi_data;

static void ipi_handler(unsigned int irq, void *data)
{
	ipi_hits++;
	ipi_data = data;
}

static void ipi_eoi(unsigned int irq)
{
	lapic_eoi();
}

static const struct irq_chip ipi_chip = {
	.name = "lapic-ipi",
	.eoi = ipi_eoi,
};

static int apic_init(const char **reason)
{
	if (!lapic_present()) {
		*reason = "no local APIC";
		return -ENODEV;
	}
	return 0;
}

static void self_ipi_through_irq_core(struct ktest *t)
{
	int irq = irq_alloc_dynamic();
	int vec;
	u64 end;
	static int token;

	KTEST_ASSERT(t, irq >= NR_GSI_IRQS);
	vec = alloc_irq_vector(irq);
	KTEST_ASSERT(t, vec > 0);
	irq_set_chip(irq, &ipi_chip, NULL);
	KTEST_ASSERT(t, !request_irq(irq, ipi_handler, "test-ipi", &token));
	KTEST_EXPECT_EQ(t, request_irq(irq, ipi_handler, "again", NULL),
			-EBUSY);

	ipi_hits = 0;
	lapic_send_self_ipi(vec);
	end = ktime_ns() + 100 * NSEC_PER_MSEC;
	while (!ipi_hits && ktime_ns() < end)
		cpu_relax();
	KTEST_EXPECT_EQ(t, ipi_hits, 1);
	KTEST_EXPECT(t, ipi_data == &token);
	KTEST_EXPECT_EQ(t, irq_to_desc(irq)->count, 1);

	/* with interrupts off the IPI waits until they are re-enabled */
	local_irq_disable();
	lapic_send_self_ipi(vec);
	udelay(1000);
	KTEST_EXPECT_EQ(t, ipi_hits, 1);
	local_irq_enable();
	end = ktime_ns() + 100 * NSEC_PER_MSEC;
	while (ipi_hits < 2 && ktime_ns() < end)
		cpu_relax();
	KTEST_EXPECT_EQ(t, ipi_hits, 2);
	irq_free_dynamic(irq);
}

static const struct ktest_case apic_cases[] = {
	KTEST_CASE(self_ipi_through_irq_core),
};

static const struct ktest_suite apic_suite = {
	.name = "apic_ipi",
	.cases = apic_cases,
	.ncases = ARRAY_SIZE(apic_cases),
	.init = apic_init,
};
KTEST_SUITE(apic_suite);
