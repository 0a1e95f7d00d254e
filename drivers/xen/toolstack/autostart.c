// SPDX-License-Identifier: GPL-2.0
/*
 * Guests as xl would have them: dom0's boot module is a cpio (newc)
 * archive; every regular file in its etc/xen/auto/ is an xl config
 * started at boot (the xendomains convention), and `create PATH` starts
 * any other. A config's kernel and ramdisk paths name files in the same
 * archive (tern/cpio.h: the archive is the root directory).
 *
 * The archive stays where the boot loader put it; a guest's spec points
 * into it (and at the decompressed kernel of a bzImage, kept for
 * restarts). A config with errors is reported as FILE:LINE: message and
 * not started; the others still are.
 */
#include <tern/cpio.h>
#include <tern/kernel.h>
#include <tern/mm.h>
#include <tern/printk.h>
#include <tern/string.h>
#include <tern/xl_disk.h>
#include <tern/xl_vif.h>
#include <tern/xlcfg.h>
#include <tern/xen/toolstack.h>
#include <asm/page.h>

#define AUTO_DIR	"etc/xen/auto/"

static const u8 *archive;
static size_t archive_len;
static struct xl_domain_cfg cfg;
static struct xl_diags diags;

static bool find_archive(void)
{
	const u8 *p;

	if (archive)
		return true;
	if (!boot_params.nr_mods)
		return false;
	p = phys_to_virt(boot_params.mods[0].start);
	if (boot_params.mods[0].size < 6 || memcmp(p, "07070", 5))
		return false;
	archive = p;
	archive_len = boot_params.mods[0].size;
	return true;
}

bool toolstack_have_archive(void)
{
	return find_archive();
}

static int action(const char *file, const char *key, enum xl_action a,
		  enum guest_action *out)
{
	switch (a) {
	case XL_ACTION_DESTROY:
	case XL_ACTION_COREDUMP_DESTROY:
		*out = ACTION_DESTROY;
		return 0;
	case XL_ACTION_RESTART:
	case XL_ACTION_RENAME_RESTART:
	case XL_ACTION_COREDUMP_RESTART:
		*out = ACTION_RESTART;
		return 0;
	case XL_ACTION_PRESERVE:
		*out = ACTION_PRESERVE;
		return 0;
	default:
		pr_err("%s: %s=%s is not supported by Tern's toolstack\n",
		       file, key, xl_action_name(a) ? xl_action_name(a) : "?");
		return -EOPNOTSUPP;
	}
}

static int file_of(const char *cfgfile, const char *what, const char *path,
		   const u8 **data, size_t *len)
{
	struct cpio_entry *e = kmalloc(sizeof(*e));
	int rc;

	if (!e)
		return -ENOMEM;
	rc = cpio_find(archive, archive_len, path, e);
	if (!rc && e->type != CPIO_REG)
		rc = -EISDIR;
	if (rc)
		pr_err("%s: %s \"%s\" not in the boot archive (%d)\n", cfgfile,
		       what, path, rc);
	else {
		*data = e->data;
		*len = e->size;
	}
	kfree(e);
	return rc;
}

/*
 * The config's disks: "/dev/NAME" is dom0's block device NAME (found when
 * the guest is built), any other target a file of the boot archive that
 * becomes the guest's own RAM disk.
 */
static int disks_of(const char *path, struct guest_spec *s)
{
	static struct xl_disk d;
	char err[XL_DISK_ERR_MAX];
	unsigned int i, j;
	int rc;

	if (cfg.nr_disks > GUEST_DISKS_MAX) {
		pr_err("%s: %u disks; Tern's toolstack takes %u\n", path,
		       cfg.nr_disks, GUEST_DISKS_MAX);
		return -E2BIG;
	}
	for (i = 0; i < cfg.nr_disks; i++) {
		struct guest_disk_spec *g = &s->disk[i];

		if (xl_disk_parse(cfg.disks[i], &d, err, sizeof(err))) {
			pr_err("%s: disk %u: %s\n", path, i + 1, err);
			return -EINVAL;
		}
		if (strlen(d.vdev) >= sizeof(g->vdev) ||
		    strlen(d.target) >= sizeof(g->target)) {
			pr_err("%s: disk %u: vdev or target too long\n", path,
			       i + 1);
			return -ENAMETOOLONG;
		}
		for (j = 0; j < i; j++) {
			if (s->disk[j].devid == d.devid) {
				pr_err("%s: disk %u: vdev %s is used twice\n",
				       path, i + 1, d.vdev);
				return -EEXIST;
			}
		}
		strlcpy(g->vdev, d.vdev, sizeof(g->vdev));
		strlcpy(g->target, d.target, sizeof(g->target));
		g->devid = d.devid;
		g->ro = d.readonly;
		if (!strncmp(d.target, "/dev/", 5)) {
			if (strlen(d.target + 5) >= sizeof(g->dev))
				return -ENAMETOOLONG;
			strlcpy(g->dev, d.target + 5, sizeof(g->dev));
			continue;
		}
		rc = file_of(path, "disk", d.target, &g->image,
			     &g->image_len);
		if (rc)
			return rc;
		if (!g->image_len) {
			pr_err("%s: disk %u: %s is empty\n", path, i + 1,
			       d.target);
			return -EINVAL;
		}
	}
	s->nr_disks = cfg.nr_disks;
	return 0;
}

/*
 * The config's vifs: a devid of its own or one past the highest so far
 * (as libxl numbers them), a MAC of its own or Tern's default for the name and
 * devid, a bridge ("xenbr0" when none is named).
 */
static int vifs_of(const char *path, struct guest_spec *s)
{
	static struct xl_vif v;
	char err[XL_VIF_ERR_MAX];
	unsigned int i, j;

	if (cfg.nr_vifs > GUEST_VIFS_MAX) {
		pr_err("%s: %u vifs; Tern's toolstack takes %u\n", path,
		       cfg.nr_vifs, GUEST_VIFS_MAX);
		return -E2BIG;
	}
	for (i = 0; i < cfg.nr_vifs; i++) {
		struct guest_vif_spec *g = &s->vif[i];

		if (xl_vif_parse(cfg.vifs[i], &v, err, sizeof(err))) {
			pr_err("%s: vif %u: %s\n", path, i + 1, err);
			return -EINVAL;
		}
		/* libxl's next id: one past the highest before it */
		g->devid = 0;
		for (j = 0; j < i; j++)
			g->devid = max(g->devid, s->vif[j].devid + 1);
		if (v.has_devid)
			g->devid = v.devid;
		for (j = 0; j < i; j++) {
			if (s->vif[j].devid == g->devid) {
				pr_err("%s: vif %u: devid %u is used twice\n",
				       path, i + 1, g->devid);
				return -EEXIST;
			}
		}
		if (v.has_mac)
			memcpy(g->mac, v.mac, sizeof(g->mac));
		else
			xl_vif_default_mac(cfg.name, g->devid, g->mac);
		strlcpy(g->bridge, v.bridge, sizeof(g->bridge));
		strlcpy(g->ip, v.ip, sizeof(g->ip));
		g->mtu = v.mtu;
	}
	s->nr_vifs = cfg.nr_vifs;
	return 0;
}

/* The config at path in the archive, as a spec ready to build. */
int guest_spec_from_config(const char *path, struct guest_spec *s)
{
	const u8 *text;
	size_t len;
	unsigned int i;
	int rc;

	if (!find_archive()) {
		pr_err("toolstack: no cpio archive among the boot modules\n");
		return -ENOENT;
	}
	rc = file_of(path, "config", path, &text, &len);
	if (rc)
		return rc;
	rc = xl_cfg_parse((const char *)text, len, &cfg, &diags);
	for (i = 0; i < diags.nr; i++)
		pr_err("%s:%u: %s%s\n", path, diags.d[i].line,
		       diags.d[i].error ? "" : "warning: ", diags.d[i].msg);
	if (rc)
		return rc;
	memset(s, 0, sizeof(*s));
	strlcpy(s->name, cfg.name, sizeof(s->name));
	s->type = cfg.type == XL_TYPE_PVH ? GUEST_PVH : GUEST_PV;
	strlcpy(s->cmdline, cfg.cmdline, sizeof(s->cmdline));
	if (cfg.memory_mib > 1 << 20 || cfg.maxmem_mib > 1 << 20)
		return -E2BIG;
	s->mem_mib = cfg.memory_mib;
	s->maxmem_mib = cfg.maxmem_mib;
	s->vcpus = cfg.vcpus;
	rc = action(path, "on_poweroff", cfg.on_poweroff, &s->on_poweroff);
	if (!rc)
		rc = action(path, "on_reboot", cfg.on_reboot, &s->on_reboot);
	if (!rc)
		rc = action(path, "on_crash", cfg.on_crash, &s->on_crash);
	if (!rc)
		rc = file_of(path, "kernel", cfg.kernel, &s->kernel,
			     &s->kernel_len);
	if (!rc && cfg.ramdisk[0])
		rc = file_of(path, "ramdisk", cfg.ramdisk, &s->ramdisk,
			     &s->ramdisk_len);
	if (!rc)
		rc = disks_of(path, s);
	if (!rc)
		rc = vifs_of(path, s);
	if (!rc)
		rc = guest_kernel_unpack(s);
	return rc;
}

struct guest *guest_create_from_config(const char *path, int *errp)
{
	static struct guest_spec s;

	*errp = guest_spec_from_config(path, &s);
	if (*errp)
		return NULL;
	return guest_create(&s, errp);
}

void toolstack_autostart(void)
{
	static struct cpio_entry e;
	struct cpio_iter it;
	unsigned int started = 0, failed = 0;
	int rc, err;

	if (!find_archive())
		return;
	cpio_iter_init(&it, archive, archive_len);
	while ((rc = cpio_next(&it, &e)) == 1) {
		static char path[CPIO_NAME_MAX];

		if (e.type != CPIO_REG || strncmp(e.name, AUTO_DIR,
						 strlen(AUTO_DIR)))
			continue;
		strlcpy(path, e.name, sizeof(path));
		if (guest_create_from_config(path, &err))
			started++;
		else
			failed++;
	}
	if (rc < 0)
		pr_err("toolstack: the boot archive is malformed (%d) after %u configs\n",
		       rc, started + failed);
	pr_info("toolstack: autostart: %u guest(s) started, %u failed\n",
		started, failed);
}
