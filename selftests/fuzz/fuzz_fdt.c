// SPDX-License-Identifier: GPL-2.0
/*
 * Fuzz the flattened device tree reader (lib/fdt/fdt.c). The input is
 * the blob, with all of it mapped (libFuzzer's copy is exactly sized, so
 * ASan sees any read past it).
 *
 * Checked for every input: fdt_check() returns 0, -EINVAL or
 * -EOPNOTSUPP, with a reason and a zeroed tree on error (whose accessors
 * find nothing), and gives the same answer twice. After a success: the
 * blocks lie inside the blob; a walk of every node (depth below
 * FDT_MAX_DEPTH) finds each one's name, parent (the walk's own stack),
 * first child and next sibling as the walk saw them; its path (when
 * short enough) gives, through fdt_path_offset(), the node itself or an
 * earlier sibling of the same name; each property's value lies inside
 * the structure block and its name inside the strings block, and
 * getprop finds one of that name; fdt_reg() for entries 0..3 decodes
 * without wrapping; each compatible string seen finds a node with
 * fdt_node_by_compatible(); every reservation reads; a few fixed paths
 * give a node or an error.
 */
#include <tern/fdt.h>

#include "fuzz.h"

#define PATH_MAX_LEN	512

static const char *const fixed_paths[] = {
	"/", "/chosen", "/memory", "/memory@40000000", "/cpus/cpu@0",
	"/intc", "/hypervisor", "/chosen/", "//", "/a/b/c", "chosen",
};

static void check_refused(const struct fdt *f, int ret)
{
	FUZZ_CHECK(ret == -EINVAL || ret == -EOPNOTSUPP);
	FUZZ_CHECK(f->why && *f->why);
	FUZZ_CHECK(!f->blob && !f->size_struct && !f->nr_rsv);
	FUZZ_CHECK(fdt_next_node(f, -1, NULL) == -ENOENT);
	FUZZ_CHECK(fdt_path_offset(f, "/") == -ENOENT);
}

/* p lies in [lo, lo + n) with len bytes */
static bool within(const void *p, u32 len, const u8 *lo, u32 n)
{
	const u8 *b = p;

	return b >= lo && (size_t)(b - lo) <= n && len <= n - (b - lo);
}

static void check_props(const struct fdt *f, int node)
{
	const u8 *st = f->blob + f->off_struct;
	const char *name;
	const void *v;
	u32 len, l2;
	int p;

	for (p = fdt_first_prop(f, node); p >= 0; p = fdt_next_prop(f, p)) {
		v = fdt_prop(f, p, &name, &len);
		FUZZ_CHECK(v && within(v, len, st, f->size_struct));
		FUZZ_CHECK(within(name, strlen(name) + 1,
				  f->blob + f->off_strings, f->size_strings));
		FUZZ_CHECK(fdt_getprop(f, node, name, &l2));
	}
	FUZZ_CHECK(p == -ENOENT);
}

static bool check_node(const struct fdt *f, int node, int depth,
		       const int *stack, const int *prev, const char *path)
{
	const char *name = fdt_node_name(f, node), *c;
	u64 addr, size;
	unsigned int i;
	u32 ac, sc, len;
	int err, n;

	FUZZ_CHECK(name);
	FUZZ_CHECK(!depth == !*name);
	FUZZ_CHECK(fdt_parent(f, node) == (depth ? stack[depth - 1] : -ENOENT));
	if (depth && prev[depth] < 0)
		FUZZ_CHECK(fdt_first_child(f, stack[depth - 1]) == node);
	else if (depth)
		FUZZ_CHECK(fdt_next_sibling(f, prev[depth]) == node);
	check_props(f, node);
	for (i = 0; i < 4; i++) {
		err = fdt_reg(f, node, i, &addr, &size);
		FUZZ_CHECK(!err || err == -ENOENT || err == -EINVAL ||
			   err == -EOPNOTSUPP);
		if (!err)
			FUZZ_CHECK(!size || addr + (size - 1) >= addr);
	}
	err = fdt_addr_size_cells(f, node, &ac, &sc);
	FUZZ_CHECK(err || (ac >= 1 && ac <= 2 && sc <= 2));
	/* each compatible string finds this node or an earlier one */
	c = fdt_getprop(f, node, "compatible", &len);
	while (c && len) {
		size_t l = strnlen(c, len);

		if (l == len)
			break;
		n = fdt_node_by_compatible(f, -1, c);
		FUZZ_CHECK(n >= 0 && n <= node);
		c += l + 1;
		len -= l + 1;
	}
	/*
	 * The walk's path, whose parent part gave the parent itself: a
	 * child of that parent with this name (this node, or an earlier
	 * sibling of the same name). True when it is this node.
	 */
	if (!path)
		return false;
	n = fdt_path_offset(f, path);
	FUZZ_CHECK(n >= 0);
	FUZZ_CHECK(!strcmp(fdt_node_name(f, n), name));
	FUZZ_CHECK(fdt_parent(f, n) == (depth ? stack[depth - 1] : -ENOENT));
	FUZZ_CHECK(n <= node);
	return n == node;
}

int LLVMFuzzerTestOneInput(const u8 *data, size_t size)
{
	static char path[PATH_MAX_LEN];
	/*
	 * where each depth's name ends in path; 0: no path check below
	 * (too long, a name holding '/', or a path giving another node)
	 */
	size_t at[FDT_MAX_DEPTH];
	int stack[FDT_MAX_DEPTH], prev[FDT_MAX_DEPTH + 1];
	int n, d, ret, nodes = 0;
	struct fdt f, again;
	unsigned int i;
	u64 a, s;

	ret = fdt_check(data, size, &f);
	FUZZ_CHECK(fdt_check(data, size, &again) == ret);
	FUZZ_CHECK(again.why == f.why && again.root == f.root);
	if (ret) {
		check_refused(&f, ret);
		return 0;
	}
	FUZZ_CHECK(!f.why && f.blob == data && f.size <= size);
	FUZZ_CHECK(f.off_struct + (u64)f.size_struct <= f.size);
	FUZZ_CHECK(f.off_strings + (u64)f.size_strings <= f.size);
	FUZZ_CHECK(f.off_rsvmap + 16 * ((u64)f.nr_rsv + 1) <= f.size);
	for (i = 0; i < f.nr_rsv; i++)
		FUZZ_CHECK(!fdt_rsv(&f, i, &a, &s));
	FUZZ_CHECK(fdt_rsv(&f, f.nr_rsv, &a, &s) == -ENOENT);

	for (n = fdt_next_node(&f, -1, &d); n >= 0;
	     n = fdt_next_node(&f, n, &d)) {
		const char *name = fdt_node_name(&f, n);
		size_t l = strlen(name);

		FUZZ_CHECK(d >= 0 && d < FDT_MAX_DEPTH);
		FUZZ_CHECK(++nodes <= (int)(f.size_struct / 8));
		stack[d] = n;
		prev[d + 1] = -1;	/* no child of n seen yet */
		if (!d) {
			strcpy(path, "/");
			at[0] = 1;
		} else if (at[d - 1] && at[d - 1] + l + 1 < PATH_MAX_LEN &&
			   !strchr(name, '/')) {
			size_t o = at[d - 1] > 1 ? at[d - 1] : 0;

			path[o] = '/';
			memcpy(path + o + 1, name, l + 1);
			at[d] = o + 1 + l;
		} else {
			at[d] = 0;
		}
		if (!check_node(&f, n, d, stack, prev, at[d] ? path : NULL))
			at[d] = 0;
		prev[d] = n;
	}
	FUZZ_CHECK(n == -ENOENT && nodes >= 1);
	for (i = 0; i < ARRAY_SIZE(fixed_paths); i++) {
		n = fdt_path_offset(&f, fixed_paths[i]);
		FUZZ_CHECK(n >= 0 || n == -ENOENT || n == -EINVAL);
		FUZZ_CHECK(n < 0 || fdt_node_name(&f, n));
	}
	FUZZ_CHECK(fdt_path_offset(&f, "/") == f.root);
	return 0;
}
