// SPDX-License-Identifier: GPL-2.0
/*
 * A guest's virtual NICs, as libxl sets them up: for each vif of the
 * config, the frontend directory in the guest's home and the backend
 * directory in dom0's, then its netback (drivers/xen/netback.c), which
 * joins the named bridge once the frontend connects.
 *
 *   /local/domain/<D>/device/vif/<N>/          owner D
 *       backend, backend-id, state = 1, handle, mac, mtu
 *   /local/domain/0/backend/vif/<D>/<N>/       owner 0, D may read
 *       frontend, frontend-id, online, state = 1, handle, mac, mtu,
 *       bridge, type = vif, script = "" (none is run), ip (if given)
 *
 * Written with the domain's own nodes, before its xenstore connection is
 * served (as vbd.c does), so the guest's xenbus finds its NICs at boot.
 *
 * Invariants: release undoes attach whatever point attach reached; the
 * backend directory goes with the guest.
 */
#include <tern/kernel.h>
#include <tern/printk.h>
#include <tern/string.h>
#include <tern/xl_vif.h>
#include <tern/xen/netback.h>
#include <tern/xen/toolstack.h>
#include <tern/xen/xsd.h>
#include <xen/io/xenbus.h>

#define P_MAX	TOOLSTACK_DIR_MAX

static void dirs(const struct guest *g, unsigned int i, char *fe, char *be)
{
	toolstack_dev_dirs(g, "vif", g->spec.vif[i].devid, fe, be);
}

static int node(const char *dir, const char *name, const char *val)
{
	char path[P_MAX + 32];

	snprintf(path, sizeof(path), "%s/%s", dir, name);
	return toolstack_store_write(path, val, NULL, 0);
}

static int unode(const char *dir, const char *name, u32 v)
{
	char val[16];

	snprintf(val, sizeof(val), "%u", v);
	return node(dir, name, val);
}

static int vif_nodes(struct guest *g, unsigned int i)
{
	const struct guest_vif_spec *v = &g->spec.vif[i];
	struct xsd_perm fe_perm[] = {
		{ .domid = g->domid, .perm = XSD_PERM_NONE },
	};
	struct xsd_perm be_perm[] = {
		{ .domid = 0, .perm = XSD_PERM_NONE },
		{ .domid = g->domid, .perm = XSD_PERM_READ },
	};
	char fe[P_MAX], be[P_MAX], mac[24];
	int rc;

	dirs(g, i, fe, be);
	xl_vif_format_mac(v->mac, mac, sizeof(mac));
	rc = toolstack_store_write(fe, "", fe_perm, ARRAY_SIZE(fe_perm));
	if (!rc)
		rc = node(fe, "backend", be);
	if (!rc)
		rc = node(fe, "backend-id", "0");
	if (!rc)
		rc = unode(fe, "handle", v->devid);
	if (!rc)
		rc = node(fe, "mac", mac);
	if (!rc)
		rc = unode(fe, "mtu", v->mtu);
	if (!rc)
		rc = unode(fe, "state", XenbusStateInitialising);
	if (!rc)
		rc = toolstack_store_write(be, "", be_perm,
					   ARRAY_SIZE(be_perm));
	if (!rc)
		rc = node(be, "frontend", fe);
	if (!rc)
		rc = unode(be, "frontend-id", g->domid);
	if (!rc)
		rc = node(be, "online", "1");
	if (!rc)
		rc = unode(be, "handle", v->devid);
	if (!rc)
		rc = node(be, "mac", mac);
	if (!rc)
		rc = unode(be, "mtu", v->mtu);
	if (!rc)
		rc = node(be, "bridge", v->bridge);
	if (!rc)
		rc = node(be, "type", "vif");
	if (!rc)
		rc = node(be, "script", "");
	if (!rc && v->ip[0])
		rc = node(be, "ip", v->ip);
	if (!rc)
		rc = unode(be, "state", XenbusStateInitialising);
	return rc;
}

int toolstack_vif_nodes(struct guest *g)
{
	unsigned int i;
	int rc = 0;

	for (i = 0; !rc && i < g->spec.nr_vifs; i++)
		rc = vif_nodes(g, i);
	return rc;
}

int toolstack_vif_attach(struct guest *g)
{
	char fe[P_MAX], be[P_MAX];
	unsigned int i;
	int rc = 0;

	for (i = 0; !rc && i < g->spec.nr_vifs; i++) {
		dirs(g, i, fe, be);
		rc = netback_create(g->domid, g->spec.vif[i].devid, be, fe,
				    g->spec.vif[i].bridge, &g->vif_be[i]);
		if (rc)
			pr_err("toolstack: %s: vif %u not attached: %d\n",
			       g->spec.name, g->spec.vif[i].devid, rc);
	}
	return rc;
}

void toolstack_vif_release(struct guest *g)
{
	unsigned int i;

	for (i = 0; i < GUEST_VIFS_MAX; i++) {
		netback_destroy(g->vif_be[i]);
		g->vif_be[i] = NULL;
	}
	if (g->spec.nr_vifs)
		toolstack_backend_rm(g, "vif");
}
