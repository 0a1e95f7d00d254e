// SPDX-License-Identifier: GPL-2.0
/*
 * A guest's virtual disks, as libxl sets them up: for each disk of the
 * config, the frontend directory in the guest's home and the backend
 * directory in dom0's, then the block device behind it and its blkback
 * (drivers/xen/blkback.c).
 *
 *   /local/domain/<D>/device/vbd/<N>/          owner D
 *       backend, backend-id, state = 1, virtual-device, device-type
 *   /local/domain/0/backend/vbd/<D>/<N>/       owner 0, D may read
 *       frontend, frontend-id, online, removable, bootable, state = 1,
 *       dev, type = phy, mode, device-type, params
 *
 * The nodes are written with the domain's own, before its xenstore
 * connection is served, so the guest's xenbus finds its disks at boot.
 * A disk whose target is a file of the boot archive is a RAM disk over
 * that file (each guest writes its own copy); "/dev/NAME" is dom0's
 * block device NAME, served as it is.
 *
 * Invariants: release undoes attach whatever point attach reached; the
 * backend directory goes with the guest (the frontend's goes with the
 * guest's home).
 */
#include <tern/blkdev.h>
#include <tern/kernel.h>
#include <tern/printk.h>
#include <tern/ramdisk.h>
#include <tern/string.h>
#include <tern/xen/blkback.h>
#include <tern/xen/toolstack.h>
#include <tern/xen/xsd.h>
#include <asm/page.h>
#include <xen/io/xenbus.h>

#define P_MAX	TOOLSTACK_DIR_MAX

static void dirs(const struct guest *g, unsigned int i, char *fe, char *be)
{
	toolstack_dev_dirs(g, "vbd", g->spec.disk[i].devid, fe, be);
}

static int node(const char *dir, const char *name, const char *fmt, ...)
{
	char path[P_MAX + 32], val[P_MAX];
	va_list ap;

	snprintf(path, sizeof(path), "%s/%s", dir, name);
	va_start(ap, fmt);
	vsnprintf(val, sizeof(val), fmt, ap);
	va_end(ap);
	return toolstack_store_write(path, val, NULL, 0);
}

int toolstack_vbd_nodes(struct guest *g)
{
	struct xsd_perm fe_perm[] = {
		{ .domid = g->domid, .perm = XSD_PERM_NONE },
	};
	struct xsd_perm be_perm[] = {
		{ .domid = 0, .perm = XSD_PERM_NONE },
		{ .domid = g->domid, .perm = XSD_PERM_READ },
	};
	char fe[P_MAX], be[P_MAX];
	unsigned int i;
	int rc = 0;

	for (i = 0; !rc && i < g->spec.nr_disks; i++) {
		const struct guest_disk_spec *d = &g->spec.disk[i];

		dirs(g, i, fe, be);
		rc = toolstack_store_write(fe, "", fe_perm,
					   ARRAY_SIZE(fe_perm));
		if (!rc)
			rc = node(fe, "backend", "%s", be);
		if (!rc)
			rc = node(fe, "backend-id", "0");
		if (!rc)
			rc = node(fe, "virtual-device", "%u", d->devid);
		if (!rc)
			rc = node(fe, "device-type", "disk");
		if (!rc)
			rc = node(fe, "state", "%u", XenbusStateInitialising);
		if (!rc)
			rc = toolstack_store_write(be, "", be_perm,
						   ARRAY_SIZE(be_perm));
		if (!rc)
			rc = node(be, "frontend", "%s", fe);
		if (!rc)
			rc = node(be, "frontend-id", "%u", g->domid);
		if (!rc)
			rc = node(be, "online", "1");
		if (!rc)
			rc = node(be, "removable", "0");
		if (!rc)
			rc = node(be, "bootable", "1");
		if (!rc)
			rc = node(be, "dev", "%s", d->vdev);
		if (!rc)
			rc = node(be, "type", "phy");
		if (!rc)
			rc = node(be, "mode", d->ro ? "r" : "w");
		if (!rc)
			rc = node(be, "device-type", "disk");
		if (!rc)
			rc = node(be, "params", "%s", d->target);
		if (!rc)
			rc = node(be, "state", "%u", XenbusStateInitialising);
	}
	return rc;
}

static int open_disk(struct guest *g, unsigned int i)
{
	const struct guest_disk_spec *d = &g->spec.disk[i];
	char name[16];
	u64 sectors;
	int err;

	if (!d->image) {
		g->disk_bd[i] = blk_find(d->dev);
		if (!g->disk_bd[i]) {
			pr_err("toolstack: %s: disk %s: no block device %s\n",
			       g->spec.name, d->vdev, d->dev);
			return -ENODEV;
		}
		return 0;
	}
	snprintf(name, sizeof(name), "d%u%s", g->domid, d->vdev);
	sectors = ALIGN_UP((u64)d->image_len, PAGE_SIZE) >> SECTOR_SHIFT;
	g->disk_bd[i] = ramdisk_create(name, d->image, d->image_len, sectors,
				       d->ro, &err);
	if (!g->disk_bd[i]) {
		pr_err("toolstack: %s: disk %s: RAM disk over %s: %d\n",
		       g->spec.name, d->vdev, d->target, err);
		return err;
	}
	g->disk_ram[i] = true;
	return 0;
}

int toolstack_vbd_attach(struct guest *g)
{
	char fe[P_MAX], be[P_MAX];
	unsigned int i;
	int rc = 0;

	for (i = 0; !rc && i < g->spec.nr_disks; i++) {
		rc = open_disk(g, i);
		dirs(g, i, fe, be);
		if (!rc)
			rc = blkback_create(g->domid, g->spec.disk[i].devid,
					    be, fe, g->disk_bd[i],
					    g->spec.disk[i].ro,
					    &g->disk_be[i]);
		if (rc)
			pr_err("toolstack: %s: disk %s not attached: %d\n",
			       g->spec.name, g->spec.disk[i].vdev, rc);
	}
	return rc;
}

void toolstack_dev_dirs(const struct guest *g, const char *type, u32 devid,
			char *fe, char *be)
{
	snprintf(fe, TOOLSTACK_DIR_MAX, "/local/domain/%u/device/%s/%u",
		 g->domid, type, devid);
	snprintf(be, TOOLSTACK_DIR_MAX, "/local/domain/0/backend/%s/%u/%u",
		 type, g->domid, devid);
}

void toolstack_backend_rm(struct guest *g, const char *type)
{
	unsigned long flags;
	char path[P_MAX];

	snprintf(path, sizeof(path), "/local/domain/0/backend/%s/%u", type,
		 g->domid);
	flags = toolstack_store_lock();
	toolstack_store_rm(path);
	toolstack_store_unlock(flags);
	toolstack_store_kick();
}

void toolstack_vbd_release(struct guest *g)
{
	unsigned int i;

	for (i = 0; i < GUEST_DISKS_MAX; i++) {
		blkback_destroy(g->disk_be[i]);
		g->disk_be[i] = NULL;
		if (g->disk_ram[i])
			ramdisk_destroy(g->disk_bd[i]);
		g->disk_bd[i] = NULL;
		g->disk_ram[i] = false;
	}
	if (g->spec.nr_disks)
		toolstack_backend_rm(g, "vbd");
}
