// SPDX-License-Identifier: GPL-2.0
/*
 * Port 0xE9 debug console (QEMU -debugcon, Xen's "(d0)" log for PVH
 * guests): needs no setup, so the first line of the boot is never lost.
 */
#include <tern/console.h>
#include <asm/io.h>

static void e9_write(const char *s, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		outb(s[i], 0xe9);
}

static struct console e9_console = {
	.name = "e9",
	.write = e9_write,
	.enabled = true,
};

void e9_console_init(void);
void e9_console_init(void)
{
	register_console(&e9_console);
}
