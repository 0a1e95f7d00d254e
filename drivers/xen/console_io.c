// SPDX-License-Identifier: GPL-2.0
/*
 * dom0's console output, "hvc0": the console_io hypercall writes
 * straight to Xen's console. It needs nothing but the hypercall (no
 * event channel, no shared page), so a dom0 registers it on its first
 * line, on x86 and on Arm alike. Input (VIRQ_CONSOLE) is in console.c,
 * once event channels work.
 */
#include <tern/console.h>
#include <tern/xen/xen.h>
#include <asm/xen/hypercall.h>
#include <xen/xen.h>

static void io_write(const char *s, size_t n)
{
	char buf[128];
	size_t i, len = 0;

	/* console_io takes non-const buffers; copy, expanding "\n" */
	for (i = 0; i < n; i++) {
		if (len + 2 > sizeof(buf)) {
			HYPERVISOR_console_io(CONSOLEIO_write, len, buf);
			len = 0;
		}
		if (s[i] == '\n')
			buf[len++] = '\r';
		buf[len++] = s[i];
	}
	if (len)
		HYPERVISOR_console_io(CONSOLEIO_write, len, buf);
}

static struct console io_console = {
	.name = "hvc0",
	.write = io_write,
	.enabled = true,
};

void xen_console_io_init(void)
{
	register_console(&io_console);
}
