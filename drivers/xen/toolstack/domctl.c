// SPDX-License-Identifier: GPL-2.0
/*
 * domctl and sysctl for the dom0 toolstack (tern/xen/domctl.h). The
 * version check: a domctl whose interface_version is not the
 * hypervisor's fails with -EACCES before anything else is looked at, so
 * getdomaininfo on ourselves tells whether we match; on a mismatch the
 * versions around ours are tried to name the hypervisor's in the log.
 */
#include <tern/xen/domctl.h>
#include <tern/kernel.h>
#include <tern/printk.h>
#include <tern/string.h>
#include <asm/xen/hypercall.h>
#include <xen/sched.h>

static long domctl_call(struct xen_domctl *d)
{
	return xen_hypercall(__HYPERVISOR_domctl, (unsigned long)d, 0, 0);
}

static const char *const shutdown_reasons[] = {
	[SHUTDOWN_poweroff] = "poweroff",
	[SHUTDOWN_reboot] = "reboot",
	[SHUTDOWN_suspend] = "suspend",
	[SHUTDOWN_crash] = "crash",
	[SHUTDOWN_watchdog] = "watchdog",
	[SHUTDOWN_soft_reset] = "soft_reset",
};

const char *xen_shutdown_reason_name(unsigned int reason)
{
	if (reason < ARRAY_SIZE(shutdown_reasons) && shutdown_reasons[reason])
		return shutdown_reasons[reason];
	return "unknown";
}

int xen_domctl(struct xen_domctl *d)
{
	d->interface_version = XEN_DOMCTL_INTERFACE_VERSION;
	return (int)domctl_call(d);
}

int xen_sysctl(struct xen_sysctl *s)
{
	s->interface_version = XEN_SYSCTL_INTERFACE_VERSION;
	return (int)xen_hypercall(__HYPERVISOR_sysctl, (unsigned long)s, 0, 0);
}

int xen_domain_info(domid_t dom, struct xen_domctl_getdomaininfo *info)
{
	struct xen_domctl d = {
		.cmd = XEN_DOMCTL_getdomaininfo,
		.domain = dom,
	};
	int rc = xen_domctl(&d);

	if (rc)
		return rc;
	/* getdomaininfo answers the next existing domain at or above dom */
	if (d.u.getdomaininfo.domain != dom)
		return -ESRCH;
	*info = d.u.getdomaininfo;
	return 0;
}

int xen_vcpus_ran(domid_t dom, unsigned int nr)
{
	unsigned int v, ran = 0;

	for (v = 0; v < nr; v++) {
		struct xen_domctl d = {
			.cmd = XEN_DOMCTL_getvcpuinfo,
			.domain = dom,
			.u.getvcpuinfo.vcpu = v,
		};

		if (xen_domctl(&d))
			return -ESRCH;
		if (d.u.getvcpuinfo.cpu_time)
			ran++;
	}
	return (int)ran;
}

int xen_physinfo(struct xen_sysctl_physinfo *pi)
{
	struct xen_sysctl s = { .cmd = XEN_SYSCTL_physinfo };
	int rc = xen_sysctl(&s);

	if (!rc)
		*pi = s.u.physinfo;
	return rc;
}

int toolstack_check_abi(void)
{
	struct xen_domctl d = {
		.cmd = XEN_DOMCTL_getdomaininfo,
		.domain = 0,
	};
	unsigned int v;
	int rc = xen_domctl(&d);

	if (rc != -EACCES)
		return rc == -EPERM ? -EPERM : 0;
	for (v = XEN_DOMCTL_INTERFACE_VERSION - 8;
	     v <= XEN_DOMCTL_INTERFACE_VERSION + 8; v++) {
		memset(&d, 0, sizeof(d));
		d.cmd = XEN_DOMCTL_getdomaininfo;
		d.interface_version = v;
		if (domctl_call(&d) != -EACCES)
			break;
	}
	if (v <= XEN_DOMCTL_INTERFACE_VERSION + 8)
		pr_err("toolstack: Xen's domctl interface is %#x, Tern speaks %#x (Xen 4.17): cannot build domains\n",
		       v, XEN_DOMCTL_INTERFACE_VERSION);
	else
		pr_err("toolstack: Xen refuses domctl interface %#x (Xen 4.17's) and its neighbours: cannot build domains\n",
		       XEN_DOMCTL_INTERFACE_VERSION);
	return -EACCES;
}
