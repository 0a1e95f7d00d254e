// SPDX-License-Identifier: GPL-2.0
/*
 * Flattened device tree reader (include/tern/fdt.h, Documentation/fdt.md):
 * the devicetree specification v0.4, chapter 5.
 *
 * One function, token(), decodes a token of the structure block and
 * checks everything in it against the blocks (the token itself, a node
 * name's NUL, a property's length and its name in the strings block).
 * fdt_check() walks the whole block with it once and adds the rules of
 * the tree's shape (one root, nesting, properties before subnodes,
 * FDT_END last); the accessors step with the same function, so they are
 * bounds-safe whatever offset or struct fdt they are given. Every loop
 * moves forward by at least one 4-byte token per round, or one 16-byte
 * reservation, inside blocks whose sizes were checked: none can run
 * longer than the blob.
 *
 * All multi-byte fields are big-endian and read byte by byte: the blob
 * may have any alignment.
 */
#include <tern/fdt.h>
#include <tern/string.h>

#define HDR_V16		36	/* without size_dt_struct */
#define HDR_V17		40
#define RSV_ENTRY	16

static u32 be32(const u8 *p)
{
	return (u32)p[0] << 24 | (u32)p[1] << 16 | (u32)p[2] << 8 | p[3];
}

static u64 be64(const u8 *p)
{
	return (u64)be32(p) << 32 | be32(p + 4);
}

/* n < FDT_MAX_SIZE: no wrap */
static u32 align4(u32 n)
{
	return (n + 3) & ~3u;
}

static int bad(const char **why, const char *msg)
{
	if (why)
		*why = msg;
	return -EINVAL;
}

static const u8 *st(const struct fdt *f)
{
	return f->blob + f->off_struct;
}

static const char *strings(const struct fdt *f)
{
	return (const char *)f->blob + f->off_strings;
}

/*
 * The token at off and, in *next, the offset of the token after it
 * (which may lie past the block: the next call refuses it). Returns the
 * token, or -EINVAL with *why (why may be NULL).
 */
static int token(const struct fdt *f, int off, int *next, const char **why)
{
	const u8 *s = st(f);
	u32 o = (u32)off, left, tag, len, nameoff;

	if (off < 0 || (o & 3) || o >= f->size_struct ||
	    f->size_struct - o < 4)
		return bad(why, "the structure block ends before FDT_END");
	tag = be32(s + o);
	o += 4;
	left = f->size_struct - o;
	switch (tag) {
	case FDT_BEGIN_NODE:
		len = strnlen((const char *)s + o, left);
		if (len == left)
			return bad(why, "a node name is not terminated in the structure block");
		o += align4(len + 1);
		break;
	case FDT_PROP:
		if (left < 8)
			return bad(why, "a property header runs past the structure block");
		len = be32(s + o);
		nameoff = be32(s + o + 4);
		if (len > left - 8)
			return bad(why, "a property value runs past the structure block");
		if (nameoff >= f->size_strings)
			return bad(why, "a property name lies past the strings block");
		if (strnlen(strings(f) + nameoff, f->size_strings - nameoff) ==
		    f->size_strings - nameoff)
			return bad(why, "a property name is not terminated in the strings block");
		o += 8 + align4(len);
		break;
	case FDT_END_NODE:
	case FDT_NOP:
	case FDT_END:
		break;
	default:
		return bad(why, "an unknown tag in the structure block");
	}
	*next = (int)o;
	return (int)tag;
}

static int fail(struct fdt *f, int err, const char *why)
{
	memset(f, 0, sizeof(*f));
	f->why = why;
	return err;
}

/* [off, off + size) lies in [0, total) */
static bool inside(u32 total, u32 off, u32 size)
{
	return off <= total && size <= total - off;
}

/* two non-empty ranges inside the blob (no sum wraps) share a byte */
static bool overlap(u32 a, u32 asize, u32 b, u32 bsize)
{
	return asize && bsize && a < b + bsize && b < a + asize;
}

/*
 * The three blocks: aligned, past the header, inside totalsize, disjoint;
 * the reservations counted up to their terminator.
 */
static int check_blocks(struct fdt *f, const u8 *b, u32 hdr, u32 total)
{
	u32 rsv = f->off_rsvmap, o, rsv_size, end;

	if (rsv & 7)
		return fail(f, -EINVAL, "the memory reservation block is not 8-byte aligned");
	if (f->off_struct & 3)
		return fail(f, -EINVAL, "the structure block is not 4-byte aligned");
	if (f->off_struct < hdr || f->off_strings < hdr || rsv < hdr)
		return fail(f, -EINVAL, "a block overlaps the header");
	if (!inside(total, f->off_strings, f->size_strings))
		return fail(f, -EINVAL, "the strings block lies outside the blob");
	if (f->version < 17) {
		/* no size_dt_struct: up to the next block or the end */
		end = total;
		if (f->off_strings > f->off_struct && f->off_strings < end)
			end = f->off_strings;
		if (rsv > f->off_struct && rsv < end)
			end = rsv;
		f->size_struct = end >= f->off_struct ? end - f->off_struct : 0;
	}
	if (!inside(total, f->off_struct, f->size_struct))
		return fail(f, -EINVAL, "the structure block lies outside the blob");
	if (rsv > total)
		return fail(f, -EINVAL, "the memory reservation block lies outside the blob");
	for (o = rsv;; o += RSV_ENTRY) {
		if (total - o < RSV_ENTRY)
			return fail(f, -EINVAL, "the memory reservation block is not terminated");
		if (!be64(b + o) && !be64(b + o + 8))
			break;
		f->nr_rsv++;
	}
	rsv_size = o + RSV_ENTRY - rsv;
	if (overlap(f->off_struct, f->size_struct, f->off_strings,
		    f->size_strings) ||
	    overlap(rsv, rsv_size, f->off_struct, f->size_struct) ||
	    overlap(rsv, rsv_size, f->off_strings, f->size_strings))
		return fail(f, -EINVAL, "two blocks overlap");
	return 0;
}

/* The structure block's shape, walking it once. */
static int check_struct(struct fdt *f)
{
	bool root_done = false, kids = false;
	int off, next, tag, depth = 0;
	const char *name;

	for (off = 0;; off = next) {
		tag = token(f, off, &next, &f->why);
		if (tag < 0)
			return fail(f, tag, f->why);
		switch (tag) {
		case FDT_BEGIN_NODE:
			name = (const char *)st(f) + off + 4;
			if (root_done && !depth)
				return fail(f, -EINVAL, "a second root node");
			if (++depth > FDT_MAX_DEPTH)
				return fail(f, -EINVAL, "nodes nested deeper than FDT_MAX_DEPTH");
			if (depth == 1 && *name)
				return fail(f, -EINVAL, "the root node has a name");
			if (depth > 1 && !*name)
				return fail(f, -EINVAL, "a node has an empty name");
			if (depth == 1)
				f->root = off;
			kids = false;
			break;
		case FDT_END_NODE:
			if (!depth)
				return fail(f, -EINVAL, "FDT_END_NODE without FDT_BEGIN_NODE");
			root_done = !--depth;
			kids = true;
			break;
		case FDT_PROP:
			if (!depth)
				return fail(f, -EINVAL, "a property outside every node");
			if (kids)
				return fail(f, -EINVAL, "a property after a subnode");
			break;
		case FDT_END:
			if (depth)
				return fail(f, -EINVAL, "FDT_END inside a node");
			if (!root_done)
				return fail(f, -EINVAL, "no root node");
			return 0;
		}
	}
}

int fdt_check(const void *blob, size_t avail, struct fdt *f)
{
	const u8 *b = blob;
	u32 total, hdr, last;
	int err;

	memset(f, 0, sizeof(*f));
	if (!b || avail < HDR_V16)
		return fail(f, -EINVAL, "the blob is shorter than an FDT header");
	if (be32(b) != FDT_MAGIC)
		return fail(f, -EINVAL, "bad magic");
	total = be32(b + 4);
	f->version = be32(b + 20);
	last = be32(b + 24);
	if (f->version < 16 || last > 17 || last > f->version)
		return fail(f, -EOPNOTSUPP, "unsupported version");
	hdr = f->version >= 17 ? HDR_V17 : HDR_V16;
	if (total < hdr)
		return fail(f, -EINVAL, "totalsize is smaller than the header");
	if (total > avail)
		return fail(f, -EINVAL, "totalsize is larger than the mapped blob");
	if (total > FDT_MAX_SIZE)
		return fail(f, -EINVAL, "totalsize is larger than FDT_MAX_SIZE");
	f->off_struct = be32(b + 8);
	f->off_strings = be32(b + 12);
	f->off_rsvmap = be32(b + 16);
	f->boot_cpuid = be32(b + 28);
	f->size_strings = be32(b + 32);
	if (hdr == HDR_V17)
		f->size_struct = be32(b + 36);
	err = check_blocks(f, b, hdr, total);
	if (err)
		return err;
	f->blob = b;
	f->size = total;
	return check_struct(f);
}

/* ---- nodes ---- */

int fdt_next_node(const struct fdt *f, int node, int *depth)
{
	int off, next, tag;

	if (node < 0) {
		if (depth)
			*depth = 0;
		return f->size_struct ? f->root : -ENOENT;
	}
	if (token(f, node, &next, NULL) != FDT_BEGIN_NODE)
		return -EINVAL;
	for (off = next;; off = next) {
		tag = token(f, off, &next, NULL);
		if (tag == FDT_BEGIN_NODE) {
			if (depth)
				++*depth;
			return off;
		}
		if (tag == FDT_END_NODE && depth && --*depth < 0)
			return -ENOENT;
		if (tag < 0 || tag == FDT_END)
			return -ENOENT;
	}
}

int fdt_first_child(const struct fdt *f, int node)
{
	int d = 0;

	/* the first node entered is a child; leaving node first: -ENOENT */
	return fdt_next_node(f, node, &d);
}

int fdt_next_sibling(const struct fdt *f, int node)
{
	int off, next, tag, d = 1;	/* inside node */

	if (token(f, node, &next, NULL) != FDT_BEGIN_NODE)
		return -EINVAL;
	for (off = next;; off = next) {
		tag = token(f, off, &next, NULL);
		if (tag == FDT_BEGIN_NODE) {
			if (!d)
				return off;
			d++;
		} else if (tag == FDT_END_NODE) {
			if (!d)
				return -ENOENT;	/* the parent's end */
			d--;
		} else if (tag < 0 || tag == FDT_END) {
			return -ENOENT;
		}
	}
}

int fdt_parent(const struct fdt *f, int node)
{
	int stack[FDT_MAX_DEPTH], n, d;

	for (n = fdt_next_node(f, -1, &d); n >= 0;
	     n = fdt_next_node(f, n, &d)) {
		if (d < 0 || d >= FDT_MAX_DEPTH)
			return -EINVAL;
		stack[d] = n;
		if (n == node)
			return d ? stack[d - 1] : -ENOENT;
	}
	return -EINVAL;
}

const char *fdt_node_name(const struct fdt *f, int node)
{
	int next;

	if (token(f, node, &next, NULL) != FDT_BEGIN_NODE)
		return NULL;
	return (const char *)st(f) + node + 4;
}

/* The child of parent named by the len bytes at name (fdt_path_offset()). */
static int subnode(const struct fdt *f, int parent, const char *name,
		   size_t len)
{
	int n, found = -ENOENT, nr = 0;
	bool unit = false;
	size_t i;

	for (i = 0; i < len; i++)
		unit |= name[i] == '@';
	for (n = fdt_first_child(f, parent); n >= 0;
	     n = fdt_next_sibling(f, n)) {
		const char *s = fdt_node_name(f, n);

		/* s is terminated: on a match, s[len] is its NUL or more */
		if (strncmp(s, name, len))
			continue;
		if (!s[len])
			return n;
		if (!unit && s[len] == '@') {
			found = n;
			nr++;
		}
	}
	return nr == 1 ? found : -ENOENT;
}

int fdt_path_offset(const struct fdt *f, const char *path)
{
	int node;

	if (!path || *path != '/')
		return -EINVAL;
	node = fdt_next_node(f, -1, NULL);
	while (node >= 0 && *path == '/') {
		const char *c = path + 1;
		size_t len = 0;

		while (c[len] && c[len] != '/')
			len++;
		if (!len)
			return c[0] ? -EINVAL : node;
		node = subnode(f, node, c, len);
		path = c + len;
	}
	return node;
}

int fdt_node_by_compatible(const struct fdt *f, int from, const char *compat)
{
	const char *v;
	u32 len;
	int n;

	for (n = fdt_next_node(f, from, NULL); n >= 0;
	     n = fdt_next_node(f, n, NULL)) {
		v = fdt_getprop(f, n, "compatible", &len);
		if (v && fdt_stringlist_contains(v, len, compat))
			return n;
	}
	return n;
}

/* ---- properties ---- */

/* The first FDT_PROP at or after off, past FDT_NOPs only. */
static int prop_from(const struct fdt *f, int off)
{
	int next, tag;

	for (;; off = next) {
		tag = token(f, off, &next, NULL);
		if (tag == FDT_PROP)
			return off;
		if (tag != FDT_NOP)
			return -ENOENT;
	}
}

int fdt_first_prop(const struct fdt *f, int node)
{
	int next;

	if (token(f, node, &next, NULL) != FDT_BEGIN_NODE)
		return -EINVAL;
	return prop_from(f, next);
}

int fdt_next_prop(const struct fdt *f, int prop)
{
	int next;

	if (token(f, prop, &next, NULL) != FDT_PROP)
		return -EINVAL;
	return prop_from(f, next);
}

const void *fdt_prop(const struct fdt *f, int prop, const char **name,
		     u32 *len)
{
	const u8 *p;
	int next;

	if (token(f, prop, &next, NULL) != FDT_PROP)
		return NULL;
	p = st(f) + prop + 4;
	if (name)
		*name = strings(f) + be32(p + 4);
	*len = be32(p);
	return p + 8;
}

const void *fdt_getprop(const struct fdt *f, int node, const char *name,
			u32 *len)
{
	const char *n;
	const void *v;
	u32 l;
	int p;

	for (p = fdt_first_prop(f, node); p >= 0; p = fdt_next_prop(f, p)) {
		v = fdt_prop(f, p, &n, &l);
		if (!strcmp(n, name)) {
			if (len)
				*len = l;
			return v;
		}
	}
	return NULL;
}

bool fdt_stringlist_contains(const char *list, u32 len, const char *s)
{
	size_t n = strlen(s);

	while (len) {
		u32 l = strnlen(list, len);

		if (l == len)
			return false;	/* an unterminated tail */
		if (l == n && !memcmp(list, s, n))
			return true;
		list += l + 1;
		len -= l + 1;
	}
	return false;
}

u64 fdt_read_cells(const void *p, u32 ncells)
{
	const u8 *b = p;
	u64 v = 0;

	for (; ncells; ncells--, b += 4)
		v = v << 32 | be32(b);
	return v;
}

/* A one-cell property of node, or def when absent */
static int cells(const struct fdt *f, int node, const char *name, u32 def,
		 u32 *out)
{
	const void *v;
	u32 len;

	v = fdt_getprop(f, node, name, &len);
	if (!v) {
		*out = def;
		return 0;
	}
	if (len != 4)
		return -EINVAL;
	*out = be32(v);
	return 0;
}

int fdt_addr_size_cells(const struct fdt *f, int node, u32 *ac, u32 *sc)
{
	int parent = fdt_parent(f, node);

	if (parent < 0)
		return parent;
	if (cells(f, parent, "#address-cells", 2, ac) ||
	    cells(f, parent, "#size-cells", 1, sc) || !*ac)
		return -EINVAL;
	if (*ac > 2 || *sc > 2)
		return -EOPNOTSUPP;
	return 0;
}

int fdt_reg(const struct fdt *f, int node, unsigned int idx, u64 *addr,
	    u64 *size)
{
	u32 ac, sc, len, entry;
	const u8 *v;
	u64 a, s;
	int err;

	err = fdt_addr_size_cells(f, node, &ac, &sc);
	if (err)
		return err;
	v = fdt_getprop(f, node, "reg", &len);
	if (!v)
		return -ENOENT;
	entry = 4 * (ac + sc);
	if (len % entry)
		return -EINVAL;
	if (idx >= len / entry)
		return -ENOENT;
	v += idx * entry;	/* idx < len / entry: inside the value */
	a = fdt_read_cells(v, ac);
	s = fdt_read_cells(v + 4 * ac, sc);
	if (s && a + (s - 1) < a)
		return -EINVAL;
	*addr = a;
	*size = s;
	return 0;
}

/* ---- memory reservation block ---- */

int fdt_rsv(const struct fdt *f, unsigned int idx, u64 *addr, u64 *size)
{
	const u8 *e;

	if (idx >= f->nr_rsv)
		return -ENOENT;
	e = f->blob + f->off_rsvmap + idx * RSV_ENTRY;
	*addr = be64(e);
	*size = be64(e + 8);
	return 0;
}
