// SPDX-License-Identifier: GPL-2.0
/*
 * What start_kernel() and the generic options call that arm64 does not
 * build yet (Documentation/arm64.md, "Not built yet"): each says so in
 * one line and does nothing. The architecture hooks that have real
 * (if small) work on arm64 are here too.
 */
#include <tern/blkdev.h>
#include <tern/kernel.h>
#include <tern/net.h>
#include <tern/printk.h>
#include <tern/smp.h>
#include <tern/xen/balloon.h>
#include <tern/xen/netfront.h>
#include <tern/xen/toolstack.h>

void blkbench_run(const char *name)
{
	pr_info("arm64: blkbench not built yet\n");
}

void smpbench_run(unsigned int rounds)
{
	pr_info("arm64: smpbench not built yet\n");
}

int net_ip_option(const char *value, void *arg)
{
	pr_info("arm64: networking not built yet: ip= ignored\n");
	return 0;
}

void arch_report_ready(void)
{
}

void arch_after_ready(void)
{
	smp_init();
}

/* xen_devices_init()'s dom0 half: the toolstack that hosts guests */
void toolstack_init(void)
{
	pr_info("arm64: the dom0 toolstack is not built yet\n");
}

int netfront_init(void)
{
	pr_info("arm64: netfront not built yet (no network stack)\n");
	return -ENODEV;
}

int xen_balloon_init(void)
{
	pr_info("arm64: the balloon is not built yet\n");
	return -ENODEV;
}

u64 arch_hypercall_count(void)
{
	return 0;
}
