// SPDX-License-Identifier: GPL-2.0
/*
 * Xen PV (the P2M memory model). Not implemented yet: the PV ELF entry
 * and notes do not exist, so Xen cannot start Tern as a PV guest and
 * this is never reached.
 */
#include <tern/printk.h>
#include <asm/xen/role.h>

void xen_pv_init(void)
{
	panic("xen: PV guests are not supported yet");
}
