// SPDX-License-Identifier: GPL-2.0
/* TEMPORARY: an ELF boot module becomes one PVH guest. */
#include <tern/kernel.h>
#include <tern/printk.h>
#include <tern/string.h>
#include <tern/xen/toolstack.h>
#include <asm/page.h>

void toolstack_autostart(void)
{
	static struct guest_spec s;
	const u8 *p;
	int err;

	if (!boot_params.nr_mods)
		return;
	p = phys_to_virt(boot_params.mods[0].start);
	if (memcmp(p, "\177ELF", 4))
		return;
	strlcpy(s.name, "tern-pvh", sizeof(s.name));
	s.type = GUEST_PVH;
	s.kernel = p;
	s.kernel_len = boot_params.mods[0].size;
	strlcpy(s.cmdline, "selftest", sizeof(s.cmdline));
	s.mem_mib = 64;
	s.maxmem_mib = 64;
	s.vcpus = 1;
	guest_create(&s, &err);
	strlcpy(s.name, "tern-pv", sizeof(s.name));
	s.type = GUEST_PV;
	guest_create(&s, &err);
}
