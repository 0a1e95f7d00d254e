// SPDX-License-Identifier: GPL-2.0
/*
 * ACPI power control from what acpi_parse() left in `acpi`:
 *
 *  - S5 soft-off: enter ACPI mode if the firmware left it in legacy mode
 *    (SMI_CMD <- ACPI_ENABLE, wait for SCI_EN), then write the \_S5
 *    SLP_TYP values with SLP_EN to PM1a_CNT (and PM1b_CNT if present).
 *    There is no AML interpreter, so \_PTS is not run; QEMU and the usual
 *    chipsets power off without it.
 *  - Reset: the FADT reset register (I/O, memory or PCI config space),
 *    then port 0xCF9 (PIIX/ICH reset control), then the 8042 keyboard
 *    controller's pulse-reset command.
 *  - The PM timer, a free-running 3.579545 MHz counter of 24 or 32 bits.
 *
 * Both power functions return when the machine is still running, so the
 * caller can fall back to halting. Interrupt masking is the caller's.
 */
#include <tern/acpi.h>
#include <tern/printk.h>
#include <asm/io.h>
#include <asm/page.h>

#define PM1_SCI_EN		(1u << 0)

#define PM_TMR_HZ		3579545u

#define PORT_RESET_CTL		0xcf9	/* PIIX/ICH reset control */
#define RESET_CTL_SYS_RST	0x02	/* full (hard) reset when triggered */
#define RESET_CTL_RST_CPU	0x04	/* trigger */
#define PORT_PCI_CFG_ADDR	0xcf8
#define PORT_PCI_CFG_DATA	0xcfc
#define PORT_KBC_STATUS		0x64
#define KBC_STATUS_IBF		0x02	/* input buffer full */
#define KBC_CMD_PULSE_RESET	0xfe
#define PORT_POST		0x80

static bool port_ok(u64 port)
{
	return port && port <= 0xffff;
}

static inline void acpi_pause(void)
{
	__asm__ __volatile__("pause" : : : "memory");
}

/*
 * Busy-wait about `us` microseconds: on the PM timer when there is one
 * (with an iteration cap in case it is stuck), else on port 0x80 writes,
 * which take about a microsecond each on PC hardware.
 */
static void acpi_delay_us(unsigned int us)
{
	s64 start = acpi_pm_timer_read();
	u64 ticks = (u64)us * PM_TMR_HZ / 1000000 + 1;
	u64 cap = (u64)us * 16 + 1000;
	u32 mask = acpi.pm_tmr_32bit ? 0xffffffffu : 0xffffffu;

	if (start >= 0) {
		while (cap--) {
			u32 now = (u32)acpi_pm_timer_read();

			if (((now - (u32)start) & mask) >= ticks)
				return;
			acpi_pause();
		}
		return;
	}
	while (us--)
		outb(0, PORT_POST);
}

s64 acpi_pm_timer_read(void)
{
	u32 v;

	if (!port_ok(acpi.pm_tmr_port))
		return -1;
	v = inl((u16)acpi.pm_tmr_port);
	return acpi.pm_tmr_32bit ? v : v & 0xffffff;
}

/* Hand power management from the SMM firmware to the OS, if needed. */
static void acpi_enter_acpi_mode(void)
{
	unsigned int ms;

	if (!port_ok(acpi.smi_cmd) || !acpi.acpi_enable)
		return;
	if (inw((u16)acpi.pm1a_cnt) & PM1_SCI_EN)
		return;
	outb(acpi.acpi_enable, (u16)acpi.smi_cmd);
	for (ms = 0; ms < 500; ms++) {
		if (inw((u16)acpi.pm1a_cnt) & PM1_SCI_EN)
			return;
		acpi_delay_us(1000);
	}
	pr_warn("ACPI: firmware did not set SCI_EN, trying S5 anyway\n");
}

static void pm1_sleep(u32 port, u8 typ)
{
	u16 v = inw((u16)port);

	v &= ~(ACPI_PM1_SLP_TYP_MASK | ACPI_PM1_SLP_EN);
	v |= acpi_pm1_sleep_bits(typ);
	outw(v, (u16)port);
}

void acpi_poweroff(void)
{
	if (!acpi.have_fadt || !port_ok(acpi.pm1a_cnt)) {
		pr_warn("ACPI: no PM1a control block, cannot power off\n");
		return;
	}
	if (!acpi.have_s5) {
		pr_warn("ACPI: no \\_S5 package, cannot power off\n");
		return;
	}
	acpi_enter_acpi_mode();
	pm1_sleep(acpi.pm1a_cnt, acpi.s5_typa);
	if (port_ok(acpi.pm1b_cnt))
		pm1_sleep(acpi.pm1b_cnt, acpi.s5_typb);
	/* the chipset may take a moment to cut the power */
	acpi_delay_us(100000);
	pr_warn("ACPI: S5 did not power off\n");
}

/* Write the FADT reset value to the reset register. */
static void acpi_reset_reg_write(void)
{
	const struct acpi_gas *r = &acpi.reset_reg;

	switch (r->space_id) {
	case 1:		/* system I/O */
		if (port_ok(r->address))
			outb(acpi.reset_value, (u16)r->address);
		break;
	case 0: {	/* system memory */
		void __iomem *page = ioremap(r->address & PAGE_MASK, PAGE_SIZE);

		if (!page)
			break;
		writeb(acpi.reset_value, page + (r->address & ~PAGE_MASK));
		acpi_delay_us(50000);
		iounmap(page, PAGE_SIZE);
		return;
	}
	case 2: {	/* PCI config space, segment 0 bus 0 */
		u32 dev = (r->address >> 32) & 0x1f;
		u32 fn = (r->address >> 16) & 0x7;
		u32 off = r->address & 0xff;

		outl(0x80000000u | dev << 11 | fn << 8 | (off & 0xfc),
		     PORT_PCI_CFG_ADDR);
		outb(acpi.reset_value, PORT_PCI_CFG_DATA + (off & 3));
		break;
	}
	default:
		return;
	}
	acpi_delay_us(50000);
}

void acpi_reset(void)
{
	unsigned int i;

	if (acpi.have_fadt && acpi.reset_supported)
		acpi_reset_reg_write();

	outb(RESET_CTL_SYS_RST, PORT_RESET_CTL);
	acpi_delay_us(50);
	outb(RESET_CTL_SYS_RST | RESET_CTL_RST_CPU, PORT_RESET_CTL);
	acpi_delay_us(50000);

	for (i = 0; i < 10000 && (inb(PORT_KBC_STATUS) & KBC_STATUS_IBF); i++)
		acpi_delay_us(10);
	outb(KBC_CMD_PULSE_RESET, PORT_KBC_STATUS);
	acpi_delay_us(50000);
	pr_warn("ACPI: reset did not take effect\n");
}
