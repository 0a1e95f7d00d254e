/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Flattened device tree (FDT, "DTB"): a small reader of our own
 * (lib/fdt/fdt.c), pure code over a blob in memory. Documentation/fdt.md.
 *
 * fdt_check() validates the whole blob once: the header against the
 * bytes the caller has mapped, the three blocks, and one walk of the
 * structure block. Everything else reads a checked tree and trusts its
 * shape, but every accessor still bounds each read by the blocks, so a
 * wrong node offset or an unchecked (zeroed) struct fdt only gives an
 * error, never a read outside the blob.
 *
 * Nodes and properties are named by their offset in the structure block
 * (an int >= 0: the offset of their FDT_BEGIN_NODE or FDT_PROP token);
 * functions that return one return a negative errno instead when there
 * is none: -ENOENT (no such node or property) or -EINVAL (a bad offset
 * or argument).
 */
#ifndef _TERN_FDT_H
#define _TERN_FDT_H

#include <tern/types.h>

#define FDT_MAGIC		0xd00dfeed
#define FDT_BEGIN_NODE		1
#define FDT_END_NODE		2
#define FDT_PROP		3
#define FDT_NOP			4
#define FDT_END			9

#define FDT_MAX_DEPTH		32	/* nodes nested deeper: refused */
#define FDT_MAX_SIZE		(16u << 20)	/* larger totalsize: refused */

/* A checked blob. Filled by fdt_check(); read-only for everyone else. */
struct fdt {
	const u8 *blob;
	u32 size;		/* totalsize */
	u32 version;		/* 16 or 17 */
	u32 boot_cpuid;		/* boot_cpuid_phys */
	u32 off_struct, size_struct;
	u32 off_strings, size_strings;
	u32 off_rsvmap;
	u32 nr_rsv;		/* reservations before the terminator */
	int root;		/* offset of the root node */
	/* after fdt_check(): NULL, or a static string naming the problem */
	const char *why;
};

/*
 * Check the blob at blob, of which the caller has mapped avail bytes
 * (any alignment), and fill f. 0, or -EINVAL (malformed) or -EOPNOTSUPP
 * (a version outside what is read: version >= 16, last_comp_version
 * <= 17) with f->why saying what is wrong and every other field of f
 * zeroed (so every accessor then finds nothing). The rules are in
 * Documentation/fdt.md.
 */
int fdt_check(const void *blob, size_t avail, struct fdt *f);

/* ---- nodes ---- */

/*
 * The node after node in document order (node < 0: the root). With
 * depth: *depth is the root's 0 when node < 0, then goes up by one on
 * each node entered and down on each left; -ENOENT once it would go
 * below 0 (so from a node at *depth 0, only its subtree is visited).
 * Without depth (NULL), every later node of the tree.
 */
int fdt_next_node(const struct fdt *f, int node, int *depth);
int fdt_first_child(const struct fdt *f, int node);
int fdt_next_sibling(const struct fdt *f, int node);
/* -ENOENT for the root */
int fdt_parent(const struct fdt *f, int node);
/* "memory@40000000"; "" for the root; NULL for a bad offset */
const char *fdt_node_name(const struct fdt *f, int node);

/*
 * The node at an absolute path: "/", "/chosen", "/memory@40000000",
 * "/cpus/cpu@0" (a trailing '/' is allowed). A component without '@'
 * names the child of exactly that name, else the one child whose name
 * is it plus "@unit" (several such: -ENOENT). -EINVAL for a path that
 * does not start with '/' (aliases are not resolved) or has an empty
 * component ("//").
 */
int fdt_path_offset(const struct fdt *f, const char *path);

/*
 * The first node after from (from < 0: the root included) whose
 * "compatible" string list contains compat; -ENOENT when none.
 */
int fdt_node_by_compatible(const struct fdt *f, int from, const char *compat);

/* ---- properties ---- */

/* The node's properties in order: -ENOENT after the last one. */
int fdt_first_prop(const struct fdt *f, int node);
int fdt_next_prop(const struct fdt *f, int prop);
/* The value of prop, its name (name may be NULL) and length; NULL: bad offset */
const void *fdt_prop(const struct fdt *f, int prop, const char **name,
		     u32 *len);
/* The value and length (len may be NULL) of node's property name, or NULL */
const void *fdt_getprop(const struct fdt *f, int node, const char *name,
			u32 *len);

/*
 * Whether the string list (NUL-terminated strings one after the other)
 * of len bytes at list holds s; an unterminated tail is not a string.
 */
bool fdt_stringlist_contains(const char *list, u32 len, const char *s);

/*
 * A big-endian number of ncells 32-bit cells at p (any alignment);
 * ncells is 0 (gives 0), 1 or 2 (more: only the last two count).
 */
u64 fdt_read_cells(const void *p, u32 ncells);

/*
 * The #address-cells and #size-cells that apply to node's reg: its
 * parent's, 2 and 1 when absent (the spec's defaults). -ENOENT for the
 * root, -EINVAL for a property that is not one cell or #address-cells
 * 0, -EOPNOTSUPP for more than 2 cells (PCI's 3: not a plain address).
 */
int fdt_addr_size_cells(const struct fdt *f, int node, u32 *ac, u32 *sc);

/*
 * Entry idx of node's reg property: 0 with *addr and *size set (size 0
 * when #size-cells is 0); -ENOENT when there is no reg or idx is past
 * its last entry; -EINVAL when its length is not whole entries or the
 * range wraps past 2^64; fdt_addr_size_cells()'s errors.
 */
int fdt_reg(const struct fdt *f, int node, unsigned int idx, u64 *addr,
	    u64 *size);

/* ---- memory reservation block ---- */

/* Reservation idx (< f->nr_rsv): 0, else -ENOENT. */
int fdt_rsv(const struct fdt *f, unsigned int idx, u64 *addr, u64 *size);

#endif
