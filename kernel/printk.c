// SPDX-License-Identifier: GPL-2.0
/*
 * printk: format into a bounded buffer, filter by log level, hand the
 * text to every enabled console. Messages carry a Linux-style "\001N"
 * level prefix; lines without one print at KERN_WARNING level.
 * panic() prints exactly one line "tern: panic: <cause>" and stops the
 * machine (power off, unless noshutdown); it writes without the console
 * lock, which the panicking CPU may hold.
 */
#include <tern/printk.h>
#include <tern/spinlock.h>
#include <tern/string.h>
#include <tern/console.h>
#include <tern/kernel.h>
#include <asm/pv_ops.h>

int console_loglevel = 7;
/* One line at a time on the consoles, whichever CPU prints. */
static DEFINE_SPINLOCK(console_lock);

int vprintk(const char *fmt, va_list ap)
{
	char buf[512];
	const char *p = buf;
	unsigned long flags;
	int level = 4;
	int n;

	n = vsnprintf(buf, sizeof(buf), fmt, ap);
	if (n >= (int)sizeof(buf))
		n = sizeof(buf) - 1;
	if (buf[0] == KERN_SOH[0] && buf[1] >= '0' && buf[1] <= '7') {
		level = buf[1] - '0';
		p += 2;
		n -= 2;
	}
	if (level > console_loglevel || n <= 0)
		return 0;
	flags = spin_lock_irqsave(&console_lock);
	console_write(p, n);
	spin_unlock_irqrestore(&console_lock, flags);
	return n;
}

int printk(const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vprintk(fmt, ap);
	va_end(ap);
	return n;
}

void panic(const char *fmt, ...)
{
	static bool in_panic;
	char buf[256];
	va_list ap;

	local_irq_disable();
	if (in_panic) {
		/* the way down failed too (e.g. it faulted): just stop */
		for (;;)
			halt();
	}
	in_panic = true;
	va_start(ap, fmt);
	vsnprintf(buf, sizeof(buf), fmt, ap);
	va_end(ap);
	console_write("tern: panic: ", 13);
	console_write(buf, strlen(buf));
	console_write("\n", 1);
	machine_halt_after_panic();
}
