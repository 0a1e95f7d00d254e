// SPDX-License-Identifier: GPL-2.0
/*
 * The machine's memory map from a checked device tree
 * (include/tern/fdt_platform.h, Documentation/fdt.md).
 *
 * Reservations go in first (the blob, the memory reservation block,
 * /reserved-memory's children), then RAM, so that memmap_add() can only
 * refuse RAM (-ENOSPC); a reservation is never dropped. Once the map is
 * sanitised, a second pass over the RAM checks that every whole page of
 * it is still covered by some entry (RAM or a reservation over it):
 * memmap_sanitize() gives up the smallest RAM entries when the resolved
 * map needs more than MEMMAP_MAX entries, and that is refused here with
 * -ENOSPC rather than lost silently.
 *
 * Every loop steps forward through the checked blob (nodes, or the cells
 * of one property whose length was checked): none runs longer than it.
 */
#include <tern/fdt_platform.h>
#include <tern/string.h>

#define RAM_LIMIT	(1ULL << 52)	/* memmap's: RAM above is dropped */

static int bad(const char **why, const char *msg)
{
	*why = msg;
	return -EINVAL;
}

/* node's status, if present, is "okay" or "ok" */
static bool enabled(const struct fdt *f, int node)
{
	const char *s;
	u32 len;

	s = fdt_getprop(f, node, "status", &len);
	if (!s)
		return true;
	if (strnlen(s, len) == len)
		return false;		/* unterminated: not "okay" */
	return !strcmp(s, "okay") || !strcmp(s, "ok");
}

/* A node's reg, as whole entries of ac + sc cells. */
struct reg {
	const u8 *v;
	u32 n;			/* entries; 0 when there is no reg */
	u32 ac, sc;
};

/* what: the reason strings for this kind of node */
struct reg_why {
	const char *cells, *len, *wraps;
};

static int reg_get(const struct fdt *f, int node, struct reg *r,
		   const struct reg_why *w, const char **why)
{
	u32 len;

	r->n = 0;
	r->v = fdt_getprop(f, node, "reg", &len);
	if (!r->v)
		return 0;
	/* both errors (-EINVAL, -EOPNOTSUPP) mean: not a plain reg */
	if (fdt_addr_size_cells(f, node, &r->ac, &r->sc) || !r->sc)
		return bad(why, w->cells);
	if (len % (4 * (r->ac + r->sc)))
		return bad(why, w->len);
	r->n = len / (4 * (r->ac + r->sc));
	return 0;
}

/* Entry i (< r->n) of r: -EINVAL when it wraps past 2^64 */
static int reg_entry(const struct reg *r, u32 i, u64 *addr, u64 *size,
		     const struct reg_why *w, const char **why)
{
	const u8 *e = r->v + 4 * (r->ac + r->sc) * i;

	*addr = fdt_read_cells(e, r->ac);
	*size = fdt_read_cells(e + 4 * r->ac, r->sc);
	if (*size && *addr + (*size - 1) < *addr)
		return bad(why, w->wraps);
	return 0;
}

static const struct reg_why mem_why = {
	.cells = "a memory node's #address-cells or #size-cells is out of range",
	.len = "a memory node's reg is not whole entries",
	.wraps = "a memory node's reg wraps past 2^64",
};

static const struct reg_why rsv_why = {
	.cells = "/reserved-memory's #address-cells or #size-cells is out of range",
	.len = "a /reserved-memory node's reg is not whole entries",
	.wraps = "a /reserved-memory node's reg wraps past 2^64",
};

static bool is_memory(const struct fdt *f, int node)
{
	const char *t;
	u32 len;

	t = fdt_getprop(f, node, "device_type", &len);
	return t && len == sizeof("memory") && !memcmp(t, "memory", len) &&
	       enabled(f, node);
}

/*
 * Whether the sanitised map still holds all of [start, end) (< 2^52) but
 * page fragments: every whole page of it lies in some entry, RAM or not.
 * memmap_sanitize() trims RAM to whole pages, so a hole without a whole
 * page is RAM cut by a reservation's unaligned edge; a hole with one is
 * RAM it gave up to fit MEMMAP_MAX.
 */
static bool covered(const struct memmap *mm, u64 start, u64 end)
{
	unsigned int i = 0;
	u64 last, next;

	while (start < end) {
		while (i < mm->nr && mm->e[i].addr + (mm->e[i].size - 1) < start)
			i++;
		if (i < mm->nr && mm->e[i].addr <= start) {
			last = mm->e[i].addr + (mm->e[i].size - 1);
			if (last >= end - 1)
				return true;
			start = last + 1;
			i++;
			continue;
		}
		next = i < mm->nr && mm->e[i].addr < end ? mm->e[i].addr : end;
		if (ALIGN_UP(start, (u64)PAGE_SIZE) + PAGE_SIZE <= next)
			return false;
		start = next;
	}
	return true;
}

/*
 * Every RAM entry: added to mm (check false), or checked to be still
 * covered by the sanitised mm (check true).
 */
static int ram_pass(const struct fdt *f, struct memmap *mm, bool check,
		    const char **why)
{
	struct reg r;
	u64 a, s, end;
	u32 i;
	int n, err;

	for (n = fdt_first_child(f, f->root); n >= 0;
	     n = fdt_next_sibling(f, n)) {
		if (!is_memory(f, n))
			continue;
		err = reg_get(f, n, &r, &mem_why, why);
		if (err)
			return err;
		for (i = 0; i < r.n; i++) {
			err = reg_entry(&r, i, &a, &s, &mem_why, why);
			if (err)
				return err;
			if (!s || a >= RAM_LIMIT)
				continue;	/* memmap drops it */
			if (!check) {
				err = memmap_add(mm, a, s, MEMMAP_RAM);
				if (err == -ENOSPC)
					goto nospc;
				continue;
			}
			end = s > RAM_LIMIT - a ? RAM_LIMIT : a + s;
			if (!covered(mm, a, end))
				goto nospc;
		}
	}
	return 0;
nospc:
	*why = "the memory map needs more than MEMMAP_MAX entries";
	return -ENOSPC;
}

static int reserved_pass(const struct fdt *f, u64 fdt_pa, struct memmap *mm,
			 const char **why)
{
	struct reg r;
	u64 a, s;
	u32 i;
	int n, rm, err;

	if (f->size && fdt_pa + (f->size - 1) < fdt_pa)
		return bad(why, "the blob wraps past 2^64");
	memmap_add(mm, fdt_pa, f->size, MEMMAP_RESERVED);
	for (i = 0; !fdt_rsv(f, i, &a, &s); i++) {
		if (s && a + (s - 1) < a)
			return bad(why, "a memory reservation wraps past 2^64");
		memmap_add(mm, a, s, MEMMAP_RESERVED);
	}
	rm = fdt_path_offset(f, "/reserved-memory");
	for (n = rm >= 0 ? fdt_first_child(f, rm) : -ENOENT; n >= 0;
	     n = fdt_next_sibling(f, n)) {
		err = reg_get(f, n, &r, &rsv_why, why);
		if (err)
			return err;
		for (i = 0; i < r.n; i++) {
			err = reg_entry(&r, i, &a, &s, &rsv_why, why);
			if (err)
				return err;
			memmap_add(mm, a, s, MEMMAP_RESERVED);
		}
	}
	return 0;
}

int fdt_memory_map(const struct fdt *f, u64 fdt_pa, struct memmap *mm,
		   const char **why)
{
	int err;

	*why = NULL;
	err = reserved_pass(f, fdt_pa, mm, why);
	if (!err)
		err = ram_pass(f, mm, false, why);
	if (err)
		return err;
	memmap_sanitize(mm);
	err = ram_pass(f, mm, true, why);
	if (err)
		return err;
	if (!memmap_ram_bytes(mm)) {
		*why = "no RAM: no enabled memory node with a usable reg";
		return -ENOENT;
	}
	return 0;
}
