// SPDX-License-Identifier: GPL-2.0
/*
 * TEMPORARY: a minimal fdt_memory_map() and fdt_platform_read()
 * (tern/fdt_platform.h) so that the arm64 port links before the real
 * ones (lib/fdt/fdt_memory.c, lib/fdt/fdt_platform.c, another branch)
 * land. This file is deleted when they do; it reads only what the arm64
 * boot needs today (RAM and its reservations, the console, PSCI,
 * bootargs, the GIC and timer PPIs) and is neither host-tested nor
 * fuzzed. Delete it when lib/fdt/fdt_memory.c and fdt_platform.c are
 * merged (arch/arm64/Makefile picks those up by themselves).
 */
#include <tern/fdt_platform.h>
#include <tern/string.h>

static int add_reg_entries(const struct fdt *f, int node, struct memmap *mm,
			   u32 type, const char **why)
{
	unsigned int i;
	u64 addr, size;
	int ret;

	for (i = 0; (ret = fdt_reg(f, node, i, &addr, &size)) == 0; i++) {
		if (!size)
			continue;
		if (memmap_add(mm, addr, size, type)) {
			*why = "too many memory ranges";
			return -ENOSPC;
		}
	}
	if (ret != -ENOENT) {
		*why = "a malformed reg in a memory node";
		return -EINVAL;
	}
	return 0;
}

/* Is the property value (len bytes at s) exactly the string want? */
static bool prop_is(const char *s, u32 len, const char *want)
{
	return s && len == strlen(want) + 1 && !memcmp(s, want, len);
}

static bool node_okay(const struct fdt *f, int node)
{
	u32 len;
	const char *s = fdt_getprop(f, node, "status", &len);

	return !s || prop_is(s, len, "okay") || prop_is(s, len, "ok");
}

int fdt_memory_map(const struct fdt *f, u64 fdt_pa, struct memmap *mm,
		   const char **why)
{
	int node, rsv;
	unsigned int i;
	int ret;

	*why = NULL;
	for (node = fdt_first_child(f, f->root); node >= 0;
	     node = fdt_next_sibling(f, node)) {
		u32 len;
		const char *dt = fdt_getprop(f, node, "device_type", &len);

		if (!prop_is(dt, len, "memory") || !node_okay(f, node))
			continue;
		ret = add_reg_entries(f, node, mm, MEMMAP_RAM, why);
		if (ret)
			return ret;
	}
	if (!memmap_ram_bytes(mm)) {
		*why = "no memory node";
		return -ENOENT;
	}
	if (memmap_add(mm, fdt_pa, f->size, MEMMAP_RESERVED))
		goto full;
	for (i = 0; i < f->nr_rsv; i++) {
		u64 a, s;

		if (!fdt_rsv(f, i, &a, &s) && s &&
		    memmap_add(mm, a, s, MEMMAP_RESERVED))
			goto full;
	}
	rsv = fdt_path_offset(f, "/reserved-memory");
	if (rsv >= 0) {
		for (node = fdt_first_child(f, rsv); node >= 0;
		     node = fdt_next_sibling(f, node)) {
			ret = add_reg_entries(f, node, mm, MEMMAP_RESERVED, why);
			if (ret)
				return ret;
		}
	}
	memmap_sanitize(mm);
	return 0;
full:
	*why = "too many memory ranges";
	return -ENOSPC;
}

static bool compatible(const struct fdt *f, int node, const char *c)
{
	u32 len;
	const char *list = fdt_getprop(f, node, "compatible", &len);

	return list && fdt_stringlist_contains(list, len, c);
}

/* The node stdout-path names (a path or an alias, ":options" cut off). */
static int stdout_node(const struct fdt *f)
{
	char path[128];
	const char *s;
	u32 len;
	int chosen = fdt_path_offset(f, "/chosen");
	size_t n;

	if (chosen < 0)
		return -ENOENT;
	s = fdt_getprop(f, chosen, "stdout-path", &len);
	if (!s || !len || s[len - 1])
		return -ENOENT;
	for (n = 0; s[n] && s[n] != ':'; n++)
		;
	if (n >= sizeof(path))
		return -ENOENT;
	memcpy(path, s, n);
	path[n] = 0;
	if (path[0] != '/') {
		int aliases = fdt_path_offset(f, "/aliases");

		if (aliases < 0)
			return -ENOENT;
		s = fdt_getprop(f, aliases, path, &len);
		if (!s || !len || s[len - 1] || len > sizeof(path))
			return -ENOENT;
		memcpy(path, s, len);
	}
	return fdt_path_offset(f, path);
}

/* 16 + the PPI number of interrupts entry idx (3 cells each) */
static u32 ppi_intid(const struct fdt *f, int node, unsigned int idx)
{
	u32 len;
	const u8 *p = fdt_getprop(f, node, "interrupts", &len);

	if (!p || len < (idx + 1) * 12 || fdt_read_cells(p + idx * 12, 1) != 1)
		return 0;
	return 16 + (u32)fdt_read_cells(p + idx * 12 + 4, 1);
}

int fdt_platform_read(const struct fdt *f, struct fdt_platform *p,
		      const char **why)
{
	const char *s;
	u32 len;
	int node;

	memset(p, 0, sizeof(*p));
	*why = NULL;
	node = stdout_node(f);
	if (node < 0 || !compatible(f, node, "arm,pl011"))
		node = fdt_node_by_compatible(f, -1, "arm,pl011");
	if (node >= 0 && fdt_reg(f, node, 0, &p->uart_base, &p->uart_size))
		p->uart_base = p->uart_size = 0;

	node = fdt_node_by_compatible(f, -1, "arm,gic-v3");
	if (node >= 0) {
		fdt_reg(f, node, 0, &p->gicd_base, &p->gicd_size);
		fdt_reg(f, node, 1, &p->gicr_base, &p->gicr_size);
	}
	node = fdt_node_by_compatible(f, -1, "arm,armv8-timer");
	if (node >= 0) {
		p->timer_phys_intid = ppi_intid(f, node, 1);
		p->timer_virt_intid = ppi_intid(f, node, 2);
	}
	node = fdt_path_offset(f, "/psci");
	if (node >= 0) {
		s = fdt_getprop(f, node, "method", &len);
		if (prop_is(s, len, "hvc"))
			p->psci = FDT_PSCI_HVC;
		else if (prop_is(s, len, "smc"))
			p->psci = FDT_PSCI_SMC;
	}
	node = fdt_path_offset(f, "/chosen");
	if (node >= 0) {
		s = fdt_getprop(f, node, "bootargs", &len);
		if (s && len) {
			if (s[len - 1] || len > FDT_BOOTARGS_MAX) {
				*why = "bootargs unterminated or too long";
				return -EINVAL;
			}
			memcpy(p->bootargs, s, len);
		}
	}
	return 0;
}
