// SPDX-License-Identifier: GPL-2.0
/*
 * Generic boot: command-line options, the ready line, then either the
 * self-tests or the console monitor. Everything role-specific happened
 * in arch setup before start_kernel() is called.
 */
#include <tern/blkdev.h>
#include <tern/boot_trace.h>
#include <tern/cmdline.h>
#include <tern/console.h>
#include <tern/dma.h>
#include <tern/kernel.h>
#include <tern/ktest.h>
#include <tern/net.h>
#include <tern/nvme.h>
#include <tern/pci.h>
#include <tern/printk.h>
#include <tern/smp.h>
#include <tern/spinlock.h>
#include <tern/string.h>
#include <tern/timer.h>
#include <asm/pv_ops.h>

struct boot_params boot_params;
bool opt_selftest;
bool opt_noshutdown;
unsigned int opt_xen_wait_domains;
static bool opt_testpanic;
char ktest_opt_hotplug[16];
char ktest_opt_peer[16];
unsigned int ktest_opt_peer_sync;
char ktest_opt_nethotplug[16];
char ktest_opt_blkrestart[16];
char ktest_opt_netrestart[16];
static char opt_blkbench[16];
static bool opt_smpbench;
static unsigned int opt_smpbench_rounds;
bool ktest_opt_balloon;
bool ktest_opt_balloon_grow;
bool ktest_opt_xs_hostile;
bool ktest_opt_blk_hostile;
bool ktest_opt_dom0net = true;

/* test_hotplug=xvdc: the disk a test bed attaches and detaches at run time */
/* A short name option (a disk): arg is a char[16]. */
static int set_name16(const char *value, void *arg)
{
	if (!value || !*value || strlen(value) >= 16)
		return -EINVAL;
	strlcpy(arg, value, 16);
	return 0;
}

/* smpbench, or smpbench=ROUNDS (contended-lock rounds per CPU) */
static int set_smpbench(const char *value, void *arg)
{
	if (value && (cmdline_set_uint(value, &opt_smpbench_rounds) ||
		      !opt_smpbench_rounds || opt_smpbench_rounds > 10000000))
		return -EINVAL;
	opt_smpbench = true;
	return 0;
}

static int set_console(const char *value, void *arg)
{
	if (!value || console_select(value))
		return -EINVAL;
	return 0;
}

static int set_loglevel(const char *value, void *arg)
{
	unsigned int lvl;

	if (cmdline_set_uint(value, &lvl) || lvl > 7)
		return -EINVAL;
	console_loglevel = lvl;
	return 0;
}

static const struct cmdline_opt kernel_opts[] = {
	{ "console", set_console, NULL },
	{ "loglevel", set_loglevel, NULL },
	{ "selftest", cmdline_set_bool, &opt_selftest },
	{ "noshutdown", cmdline_set_bool, &opt_noshutdown },
	{ "boot_trace", cmdline_set_bool, &opt_boot_trace },
	{ "testpanic", cmdline_set_bool, &opt_testpanic },
	{ "test_hotplug", set_name16, ktest_opt_hotplug },
	{ "test_peer", set_name16, ktest_opt_peer },
	{ "test_peer_sync", cmdline_set_uint, &ktest_opt_peer_sync },
	{ "test_nethotplug", set_name16, ktest_opt_nethotplug },
	{ "test_blkrestart", set_name16, ktest_opt_blkrestart },
	{ "test_netrestart", set_name16, ktest_opt_netrestart },
	{ "blkbench", set_name16, opt_blkbench },
	{ "smpbench", set_smpbench, NULL },
	{ "test_balloon", cmdline_set_bool, &ktest_opt_balloon },
	{ "test_balloon_grow", cmdline_set_bool, &ktest_opt_balloon_grow },
	{ "test_xs_hostile", cmdline_set_bool, &ktest_opt_xs_hostile },
	{ "test_blk_hostile", cmdline_set_bool, &ktest_opt_blk_hostile },
	{ "test_dom0net", cmdline_set_bool, &ktest_opt_dom0net },
	{ "ip", net_ip_option, NULL },
	{ "nopvspin", cmdline_set_bool, &opt_nopvspin },
	{ "xen_wait_domains", cmdline_set_uint, &opt_xen_wait_domains },
};

static void report_option(const char *name, const char *value, int err)
{
	if (err == -ENOENT)
		pr_warn("tern: unknown command-line option '%s' ignored\n",
			name);
	else
		pr_warn("tern: bad value '%s' for command-line option '%s' ignored\n",
			value ? value : "", name);
}

void parse_cmdline(const char *cmdline)
{
	cmdline_parse(cmdline, kernel_opts, ARRAY_SIZE(kernel_opts),
		      report_option);
}

u64 boot_time_ms(void)
{
	return ktime_ns() / NSEC_PER_MSEC;
}

void start_kernel(void)
{
	bool ok;

	local_irq_enable();
	printk("tern: ready role=%s mem=%llu cpus=%u boot_ms=%llu\n",
	       boot_params.role, boot_params.ram_bytes >> 20,
	       boot_params.nr_cpus, boot_time_ms());
	boot_phase("ready");
	arch_report_ready();
	/*
	 * What need not delay the ready line: the rest of the direct map,
	 * then the devices (the DMA bounce pool, the PCI scan, the drivers).
	 */
	arch_after_ready();
	boot_phase("dma");
	dma_init();
	boot_phase("pci");
	pci_init();
	boot_phase("nvme");
	nvme_init();
	arch_devices_init();
	/* the block benchmark of `make bench`: run, report, power off */
	/* the SMP benchmark of `make bench`: run, report, power off */
	if (opt_smpbench) {
		smpbench_run(opt_smpbench_rounds);
		machine_poweroff();
	}
	if (opt_blkbench[0]) {
		blkbench_run(opt_blkbench);
		machine_poweroff();
	}
	boot_trace_report();
	/* a test hook: how a panic ends (Xen: the toolstack sees a crash) */
	if (opt_testpanic)
		panic("testpanic: panic requested on the command line");

	if (!opt_selftest)
		monitor_run();

	ok = ktest_run_all();
	printk("Test result: %s\n", ok ? "SUCCESS" : "FAILURE");
	if (opt_noshutdown)
		monitor_run();
	machine_poweroff();
}
