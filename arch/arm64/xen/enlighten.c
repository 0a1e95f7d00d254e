// SPDX-License-Identifier: GPL-2.0
/*
 * Xen on Arm: found from the device tree, never probed. Xen gives every
 * guest it knows about (dom0, xl's and dom0less domUs with the
 * "xen,enhanced" property) a /hypervisor node compatible with "xen,xen";
 * a native machine has none, and an hvc #0xEA1 there would be an
 * undefined instruction. So the hypercall is used only once the node is
 * seen (fdt_platform_read(): p->xen).
 *
 * dom0 or domU is Xen's word, its XENFEAT_dom0 feature bit. On Arm dom0
 * is mapped 1:1 (its guest-physical addresses are machine addresses:
 * the P==M model under Xen, Documentation/memory-models.md); a domU is
 * VP (guest-physical, translated by Xen's stage 2).
 *
 * dom0 prints through console_io from here on (Xen took the UART: the
 * tree Xen writes for dom0 has none).
 *
 * dom0's power-off may first wait for the domains Xen started beside it
 * (dom0less; xen_wait_domains=SECONDS): Xen's own view of each
 * (XEN_DOMCTL_getdomaininfo: shut down or dying, and why) decides, the
 * wait is bounded, and each domain's end is reported in one line.
 */
#include <tern/xen/domctl.h>	/* first: the Xen headers see __XEN_TOOLS__ */
#include <tern/kernel.h>
#include <tern/printk.h>
#include <tern/string.h>
#include <tern/timer.h>
#include <tern/xen/xen.h>
#include <asm/reboot.h>
#include <asm/xen/hypercall.h>
#include <asm/xen/xen-ops.h>
#include <xen/features.h>
#include <xen/sched.h>
#include <xen/version.h>

/* Domains looked at per pass: dom0less boots a handful. */
#define WAIT_MAX_DOMAINS	64
#define WAIT_POLL_MS		100

u64 xen_hypercall_count[XEN_NR_HYPERCALLS];

static bool is_dom0, present;

bool xen_arm_present(void)
{
	return present;
}

bool xen_arm_dom0(void)
{
	return is_dom0;
}

/*
 * One pass over every domain but ours: true when each has shut down or
 * is dying. With report, one line per domain.
 */
static bool domains_done(bool report)
{
	unsigned int n, dom = 1;
	bool done = true;

	for (n = 0; n < WAIT_MAX_DOMAINS; n++) {
		struct xen_domctl d = {
			.cmd = XEN_DOMCTL_getdomaininfo,
			.domain = dom,
		};
		const struct xen_domctl_getdomaininfo *i = &d.u.getdomaininfo;
		bool shut;

		/* the next existing domain at or above dom; -ESRCH: none */
		if (xen_domctl(&d) || i->domain < dom ||
		    i->domain >= DOMID_FIRST_RESERVED)
			break;
		shut = i->flags & (XEN_DOMINF_shutdown | XEN_DOMINF_dying);
		if (!shut)
			done = false;
		if (report && shut)
			pr_info("xen: d%u shut down (%s)\n", i->domain,
				xen_shutdown_reason_name((i->flags >> XEN_DOMINF_shutdownshift) &
					      XEN_DOMINF_shutdownmask));
		else if (report)
			pr_info("xen: d%u still running\n", i->domain);
		dom = i->domain + 1;
	}
	return done;
}

static void (*native_poweroff)(void);

/* After a panic: Xen (and a domU's toolstack) sees a crash, as on x86. */
static void xen_crash(void)
{
	struct sched_shutdown s = { .reason = SHUTDOWN_crash };

	HYPERVISOR_sched_op(SCHEDOP_shutdown, &s);
}

static void xen_dom0_poweroff(void)
{
	u64 end = ktime_ns() + opt_xen_wait_domains * NSEC_PER_SEC;

	pr_info("xen: waiting up to %u s for the other domains\n",
		opt_xen_wait_domains);
	while (!domains_done(false) && ktime_ns() < end)
		mdelay(WAIT_POLL_MS);
	domains_done(true);
	native_poweroff();
}

static void xen_dom0_poweroff_maybe_wait(void)
{
	if (opt_xen_wait_domains)
		xen_dom0_poweroff();
	else
		native_poweroff();
}

const char *xen_arm_init(const struct fdt_platform *p)
{
	struct xen_feature_info fi = { .submap_idx = 0 };
	long ver;

	if (!p->xen)
		return NULL;
	present = true;
	if (HYPERVISOR_xen_version(XENVER_get_features, &fi) == 0 &&
	    (fi.submap & (1u << XENFEAT_dom0)))
		is_dom0 = true;
	if (is_dom0)
		xen_console_io_init();
	else
		xen_arm_console_ring_init();
	machine_ops.crash = xen_crash;
	/* the command line is parsed later: the op decides then */
	if (is_dom0) {
		native_poweroff = machine_ops.poweroff;
		machine_ops.poweroff = xen_dom0_poweroff_maybe_wait;
	}
	ver = HYPERVISOR_xen_version(XENVER_version, NULL);
	pr_info("Xen %ld.%ld: %s, event channel PPI INTID %u, grant table region %#llx-%#llx\n",
		ver >> 16, ver & 0xffff,
		is_dom0 ? "dom0, mapped 1:1" : "domU", p->xen_evtchn_intid,
		p->xen_gnttab_base, p->xen_gnttab_base + p->xen_gnttab_size);
	return is_dom0 ? "arm64-xen-dom0" : "arm64-xen-domu";
}
