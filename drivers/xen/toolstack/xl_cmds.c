// SPDX-License-Identifier: GPL-2.0
/*
 * Monitor commands in the spirit of xl: list, create, shutdown, reboot,
 * destroy, console, info, and xenstore-ls for our xenstored. DOM is a
 * guest's name or domain id. `console DOM` prints what the guest wrote
 * recently, then sends what is typed to the guest until Ctrl-] (0x1d).
 */
#include <tern/xen/domctl.h>
#include <tern/console.h>
#include <tern/kernel.h>
#include <tern/monitor.h>
#include <tern/printk.h>
#include <tern/string.h>
#include <tern/xen/toolstack.h>
#include <tern/xen/xsd.h>
#include <asm/xen/foreign.h>

static struct guest *arg_guest(const char *args)
{
	struct guest *g = *args ? guest_find(args) : NULL;

	if (!g)
		printk("no such guest '%s' (try list)\n", args);
	return g;
}

static void cmd_list(void)
{
	unsigned int i;

	printk("%-20s %5s %4s %8s %5s %s\n", "Name", "ID", "Type", "Mem(MiB)",
	       "VCPUs", "State");
	printk("%-20s %5u %4s %8s %5s %s\n", "Domain-0", 0, "-", "-", "-",
	       "r");
	for (i = 0; i < guests_max(); i++) {
		struct xen_domctl_getdomaininfo info;
		struct guest *g = guest_by_index(i);
		const char *st = "?";

		if (!g)
			continue;
		if (!xen_domain_info(g->domid, &info))
			st = info.flags & XEN_DOMINF_dying ? "d" :
			     info.flags & XEN_DOMINF_shutdown ? "s" :
			     info.flags & XEN_DOMINF_paused ? "p" :
			     info.flags & XEN_DOMINF_running ? "r" : "b";
		printk("%-20s %5u %4s %8u %5u %s\n", g->spec.name, g->domid,
		       g->spec.type == GUEST_PVH ? "pvh" : "pv",
		       g->spec.mem_mib, g->spec.vcpus, st);
	}
}
MONITOR_CMD(list_cmd, "list", "guests this dom0 hosts (xl list)", cmd_list);

static void cmd_create(const char *args)
{
	struct guest *g;
	int err;

	if (!*args) {
		printk("usage: create PATH (an xl config in the boot archive)\n");
		return;
	}
	g = guest_create_from_config(args, &err);
	if (g)
		printk("%s: domain %u\n", g->spec.name, g->domid);
	else
		printk("create %s failed: %d\n", args, err);
}
MONITOR_CMD_ARGS(create_cmd, "create", "create PATH: start a guest from an xl config",
		 cmd_create);

static void ask(const char *args, const char *how)
{
	struct guest *g = arg_guest(args);
	int rc;

	if (!g)
		return;
	rc = guest_request_shutdown(g, how);
	if (rc)
		printk("%s: cannot ask for %s: %d\n", g->spec.name, how, rc);
}

static void cmd_shutdown(const char *args)
{
	ask(args, "poweroff");
}
MONITOR_CMD_ARGS(shutdown_cmd, "shutdown", "shutdown DOM: ask the guest to power off",
		 cmd_shutdown);

static void cmd_reboot(const char *args)
{
	ask(args, "reboot");
}
MONITOR_CMD_ARGS(reboot_cmd, "reboot", "reboot DOM: ask the guest to reboot",
		 cmd_reboot);

static void cmd_destroy(const char *args)
{
	struct guest *g = arg_guest(args);

	if (g)
		guest_destroy(g);
}
MONITOR_CMD_ARGS(destroy_cmd, "destroy", "destroy DOM: end the guest now",
		 cmd_destroy);

static void cmd_console(const char *args)
{
	struct guest *g = arg_guest(args);

	if (!g)
		return;
	console_back_dump(g);
	printk("\n[connected to %s; Ctrl-] leaves]\n", g->spec.name);
	for (;;) {
		char c = console_getc();

		if (c == 0x1d || !guest_find(args))
			break;
		if (console_back_input(g, &c, 1) < 0)
			break;
	}
	printk("\n");
}
MONITOR_CMD_ARGS(console_cmd, "console", "console DOM: the guest's console (Ctrl-] leaves)",
		 cmd_console);

static void cmd_info(void)
{
	struct xen_sysctl_physinfo pi;
	struct xsd_stats st;
	int rc = xen_physinfo(&pi);

	if (rc) {
		printk("physinfo failed: %d\n", rc);
		return;
	}
	printk("nr_cpus: %u\ncpu_khz: %u\ntotal_memory: %lu MiB\nfree_memory: %lu MiB\n",
	       pi.nr_cpus, pi.cpu_khz, (unsigned long)(pi.total_pages >> 8),
	       (unsigned long)(pi.free_pages >> 8));
	printk("domctl_interface: %#x\nforeign_pages_mapped: %u\nvirq_dom_exc: %lu\n",
	       XEN_DOMCTL_INTERFACE_VERSION, foreign_pages_in_use(),
	       (unsigned long)toolstack_exc_events());
	if (toolstack_store()) {
		unsigned long flags = toolstack_store_lock();

		xsd_stats(toolstack_store(), -1, &st);
		toolstack_store_unlock(flags);
		printk("xenstore: %u nodes, %u watches, %u transactions, %u connections\n",
		       st.nodes, st.watches, st.transactions, st.conns);
	}
}
MONITOR_CMD(info_cmd, "info", "the host as Xen sees it (xl info)", cmd_info);

static int ls_one(void *arg, const char *path, unsigned int depth,
		  const char *value, size_t len, const struct xsd_perm *perms,
		  unsigned int nperms)
{
	const char *name = path, *p;

	for (p = path; *p; p++)
		if (*p == '/' && p[1])
			name = p + 1;
	printk("%*s%s = \"%.*s\"\n", depth, "", name,
	       (int)min(len, (size_t)60), value);
	return 0;
}

static void cmd_xsls(const char *args)
{
	unsigned long flags;
	int rc;

	if (!toolstack_store()) {
		printk("no xenstored\n");
		return;
	}
	flags = toolstack_store_lock();
	rc = xsd_walk(toolstack_store(), *args ? args : "/", ls_one, NULL);
	toolstack_store_unlock(flags);
	if (rc)
		printk("xenstore-ls: %d\n", rc);
}
MONITOR_CMD_ARGS(xsls_cmd, "xenstore-ls", "xenstore-ls [PATH]: our xenstored's tree",
		 cmd_xsls);
