// SPDX-License-Identifier: GPL-2.0
/*
 * The console monitor: a line editor on console_getc() (interrupt-driven
 * input, the CPU halts between keys) and a table of commands.
 */
#include <tern/console.h>
#include <tern/dma.h>
#include <tern/irq.h>
#include <tern/kernel.h>
#include <tern/mm.h>
#include <tern/monitor.h>
#include <tern/nvme.h>
#include <tern/pci.h>
#include <tern/printk.h>
#include <tern/string.h>
#include <tern/timer.h>

extern const struct monitor_cmd *const __start_monitor_cmds[];
extern const struct monitor_cmd *const __stop_monitor_cmds[];

static void cmd_help(void);

static void cmd_mem(void)
{
	printk("mem: %llu MiB RAM, %llu MiB free of %llu MiB managed\n",
	       boot_params.ram_bytes >> 20,
	       kernel_pages.free_pages >> (20 - PAGE_SHIFT),
	       kernel_pages.total_pages >> (20 - PAGE_SHIFT));
}

static void cmd_irqs(void)
{
	unsigned int irq;

	printk("irq  cpu count      chip         name\n");
	for (irq = 0; irq < NR_IRQS; irq++) {
		struct irq_desc *d = irq_to_desc(irq);

		if (!d->handler && !d->count)
			continue;
		printk("%3u  %3u %-10llu %-12s %s\n", irq, d->cpu, d->count,
		       d->chip ? d->chip->name : "-",
		       d->name ? d->name : "-");
	}
	printk("spurious: %llu\n", irq_spurious_count);
}

static void cmd_uptime(void)
{
	u64 ms = ktime_ns() / NSEC_PER_MSEC;

	printk("uptime: %llu.%03llu s\n", ms / 1000, ms % 1000);
}

static void cmd_poweroff(void)
{
	printk("powering off\n");
	machine_poweroff();
}

static void cmd_reboot(void)
{
	printk("rebooting\n");
	machine_restart();
}

static const struct monitor_cmd cmds[] = {
	{ .name = "help", .help = "list commands", .run = cmd_help },
	{ .name = "mem", .help = "memory summary", .run = cmd_mem },
	{ .name = "irqs", .help = "per-IRQ interrupt counts", .run = cmd_irqs },
	{ .name = "uptime", .help = "time since boot", .run = cmd_uptime },
	{ .name = "pci", .help = "PCI functions, BARs, interrupt lines", .run = pci_print_devices },
	{ .name = "dma", .help = "DMA mappings: direct, bounced, pool use", .run = dma_print_stats },
	{ .name = "nvme", .help = "NVMe controllers and their counters", .run = nvme_print },
	{ .name = "poweroff", .help = "power the machine off", .run = cmd_poweroff },
	{ .name = "reboot", .help = "restart the machine", .run = cmd_reboot },
};

static void cmd_help(void)
{
	unsigned int i;

	const struct monitor_cmd *const *c;

	for (i = 0; i < ARRAY_SIZE(cmds); i++)
		printk("  %-10s %s\n", cmds[i].name, cmds[i].help);
	for (c = __start_monitor_cmds; c < __stop_monitor_cmds; c++)
		printk("  %-10s %s\n", (*c)->name, (*c)->help);
}

/* "name" or "name args...": the command's name matches up to a space. */
static const char *match(const char *line, const char *name)
{
	size_t n = strlen(name);

	if (strncmp(line, name, n) || (line[n] && line[n] != ' '))
		return NULL;
	line += n;
	while (*line == ' ')
		line++;
	return line;
}

static void run_cmd(const struct monitor_cmd *c, const char *args)
{
	if (c->run_args)
		c->run_args(args);
	else if (*args)
		printk("%s takes no arguments\n", c->name);
	else
		c->run();
}

static void run_line(const char *line)
{
	const struct monitor_cmd *const *c;
	const char *args;
	unsigned int i;

	while (*line == ' ')
		line++;
	if (!*line)
		return;
	for (i = 0; i < ARRAY_SIZE(cmds); i++) {
		args = match(line, cmds[i].name);
		if (args) {
			run_cmd(&cmds[i], args);
			return;
		}
	}
	for (c = __start_monitor_cmds; c < __stop_monitor_cmds; c++) {
		args = match(line, (*c)->name);
		if (args) {
			run_cmd(*c, args);
			return;
		}
	}
	printk("unknown command '%s' (try help)\n", line);
}

void monitor_run(void)
{
	char line[80];
	size_t n = 0;

	printk("tern> ");
	for (;;) {
		int c = console_getc();

		if (c == '\r' || c == '\n') {
			printk("\n");
			line[n] = '\0';
			run_line(line);
			n = 0;
			printk("tern> ");
		} else if (c == 0x7f || c == '\b') {
			if (n) {
				n--;
				printk("\b \b");
			}
		} else if (c >= ' ' && n + 1 < sizeof(line)) {
			line[n++] = c;
			printk("%c", c);
		}
	}
}
