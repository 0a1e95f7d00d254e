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
 */
#include <tern/printk.h>
#include <tern/xen/xen.h>
#include <asm/xen/hypercall.h>
#include <asm/xen/xen-ops.h>
#include <xen/features.h>
#include <xen/version.h>

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
	ver = HYPERVISOR_xen_version(XENVER_version, NULL);
	pr_info("Xen %ld.%ld: %s, event channel PPI INTID %u, grant table region %#llx-%#llx\n",
		ver >> 16, ver & 0xffff,
		is_dom0 ? "dom0, mapped 1:1" : "domU", p->xen_evtchn_intid,
		p->xen_gnttab_base, p->xen_gnttab_base + p->xen_gnttab_size);
	return is_dom0 ? "arm64-xen-dom0" : "arm64-xen-domu";
}
