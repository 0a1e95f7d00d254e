// SPDX-License-Identifier: GPL-2.0
/* TEMPORARY */
#include <tern/kernel.h>
#include <tern/printk.h>
#include <tern/xen/toolstack.h>

int build_pv(struct guest *g, const u8 *elf, size_t elf_len)
{
	pr_err("toolstack: %s: PV guests are not built yet\n", g->spec.name);
	return -EOPNOTSUPP;
}
