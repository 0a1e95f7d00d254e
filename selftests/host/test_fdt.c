// SPDX-License-Identifier: GPL-2.0
/*
 * Host tests for lib/fdt/fdt.c (the flattened device tree reader).
 *
 * Two sources of blobs:
 *  - trees compiled by the real dtc from selftests/host/fdt/NAME.dts at
 *    build time (the Makefile puts them in build/host/fdt/, virt.dts
 *    twice: version 17 and version 16). The walk of each is compared
 *    with dtc's own decompilation (dtc -I dtb -O dts) at run time: the
 *    same nodes, depths, properties in the same order, and the same
 *    memory reservations. Without dtc these cases skip, saying so.
 *  - blobs made here by a small writer (bld_*), laid out as dtc does,
 *    then broken one field or token at a time: each must be refused
 *    with -EINVAL (or -EOPNOTSUPP for a version) and the reason that
 *    names it, leaving a struct fdt in which every accessor finds
 *    nothing.
 * Every blob is checked from an exactly sized heap copy, so ASan sees
 * any read past its end.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include <tern/fdt.h>

static struct fdt f;
static char dtb_dir[1024];

static void put_be32(u8 *p, u32 v)
{
	p[0] = (u8)(v >> 24);
	p[1] = (u8)(v >> 16);
	p[2] = (u8)(v >> 8);
	p[3] = (u8)v;
}

static u32 get_be32(const u8 *p)
{
	return (u32)p[0] << 24 | (u32)p[1] << 16 | (u32)p[2] << 8 | p[3];
}

/* An exactly sized heap copy of n bytes (freed by the next call). */
static u8 *exact(const void *p, size_t n)
{
	static u8 *copy;

	free(copy);
	copy = malloc(n ? n : 1);
	assert_non_null(copy);
	memcpy(copy, p, n);
	return copy;
}

/* ---- the writer ---- */

static struct {
	u8 st[8192];
	u32 ns;
	char str[1024];
	u32 nstr;
	u64 rsv[4][2];
	unsigned int nrsv;
	bool rsv_last;		/* the reservation block after the others */
} bd;
static u8 img[16384];
static u32 img_size;

/* header fields */
#define H_MAGIC		0
#define H_TOTAL		4
#define H_STRUCT	8
#define H_STRINGS	12
#define H_RSV		16
#define H_VERSION	20
#define H_LAST		24
#define H_SIZE_STRINGS	32
#define H_SIZE_STRUCT	36

static void bld_reset(void)
{
	memset(&bd, 0, sizeof(bd));
}

static void bld_tok(u32 v)
{
	assert_true(bd.ns + 4 <= sizeof(bd.st));
	put_be32(bd.st + bd.ns, v);
	bd.ns += 4;
}

static void bld_bytes(const void *p, u32 n)
{
	assert_true(bd.ns + n + 3 <= sizeof(bd.st));
	memcpy(bd.st + bd.ns, p, n);
	bd.ns += (n + 3) & ~3u;
}

static void bld_begin(const char *name)
{
	bld_tok(FDT_BEGIN_NODE);
	bld_bytes(name, strlen(name) + 1);
}

static u32 bld_string(const char *s)
{
	u32 o = 0, n = strlen(s) + 1;

	while (o < bd.nstr) {
		if (!strcmp(bd.str + o, s))
			return o;
		o += strlen(bd.str + o) + 1;
	}
	assert_true(bd.nstr + n <= sizeof(bd.str));
	memcpy(bd.str + bd.nstr, s, n);
	bd.nstr += n;
	return o;
}

static void bld_prop(const char *name, const void *v, u32 len)
{
	bld_tok(FDT_PROP);
	bld_tok(len);
	bld_tok(bld_string(name));
	bld_bytes(v, len);
}

static void bld_str(const char *name, const char *s)
{
	bld_prop(name, s, strlen(s) + 1);
}

static void bld_cells(const char *name, unsigned int n, ...)
{
	u8 v[64];
	unsigned int i;
	va_list ap;

	va_start(ap, n);
	for (i = 0; i < n; i++)
		put_be32(v + 4 * i, va_arg(ap, u32));
	va_end(ap);
	bld_prop(name, v, 4 * n);
}

static void bld_end_node(void)
{
	bld_tok(FDT_END_NODE);
}

static void bld_end(void)
{
	bld_tok(FDT_END);
}

static void hdr(unsigned int off, u32 v)
{
	put_be32(img + off, v);
}

static u32 hdr_get(unsigned int off)
{
	return get_be32(img + off);
}

/* Lay the blob out in img: header, reservations, structure, strings. */
static void bld_finish(void)
{
	u32 rsv_size = 16 * (bd.nrsv + 1), o = 40, rsv = o;
	unsigned int i;

	memset(img, 0, sizeof(img));
	if (!bd.rsv_last)
		o += rsv_size;
	hdr(H_STRUCT, o);
	memcpy(img + o, bd.st, bd.ns);
	o += bd.ns;
	hdr(H_STRINGS, o);
	memcpy(img + o, bd.str, bd.nstr);
	o += bd.nstr;
	if (bd.rsv_last) {
		o = (o + 7) & ~7u;
		rsv = o;
		o += rsv_size;
	}
	for (i = 0; i < bd.nrsv; i++) {
		put_be32(img + rsv + 16 * i, (u32)(bd.rsv[i][0] >> 32));
		put_be32(img + rsv + 16 * i + 4, (u32)bd.rsv[i][0]);
		put_be32(img + rsv + 16 * i + 8, (u32)(bd.rsv[i][1] >> 32));
		put_be32(img + rsv + 16 * i + 12, (u32)bd.rsv[i][1]);
	}
	hdr(H_MAGIC, FDT_MAGIC);
	hdr(H_TOTAL, o);
	hdr(H_RSV, rsv);
	hdr(H_VERSION, 17);
	hdr(H_LAST, 16);
	hdr(H_SIZE_STRINGS, bd.nstr);
	hdr(H_SIZE_STRUCT, bd.ns);
	img_size = o;
}

/* img_size bytes of img, from an exact copy; f's fields checked on error */
static int check_img(void)
{
	int ret;

	memset(&f, 0xa5, sizeof(f));
	ret = fdt_check(exact(img, img_size), img_size, &f);
	if (ret) {
		assert_non_null(f.why);
		assert_null(f.blob);
		assert_int_equal(f.size_struct, 0);
		assert_int_equal(fdt_next_node(&f, -1, NULL), -ENOENT);
		assert_int_equal(fdt_path_offset(&f, "/"), -ENOENT);
		assert_null(fdt_node_name(&f, 0));
		assert_int_equal(fdt_rsv(&f, 0, NULL, NULL), -ENOENT);
	} else {
		assert_null(f.why);
	}
	return ret;
}

static void expect_refused(int err, const char *why)
{
	assert_int_equal(check_img(), err);
	if (!strstr(f.why, why))
		fail_msg("refused for \"%s\", expected \"%s\"", f.why, why);
}

static void expect_ok(void)
{
	if (check_img())
		fail_msg("refused: %s", f.why);
}

/*
 * / (2 address cells, 1 size cell) { memory@80000000, chosen }: the
 * base the malformed cases break.
 */
static void small_tree(void)
{
	bld_reset();
	bd.rsv[0][0] = 0x80000000;
	bd.rsv[0][1] = 0x1000;
	bd.nrsv = 1;
	bld_begin("");
	bld_cells("#address-cells", 1, 2);
	bld_cells("#size-cells", 1, 1);
	bld_begin("memory@80000000");
	bld_str("device_type", "memory");
	bld_cells("reg", 3, 0, 0x80000000, 0x10000000);
	bld_end_node();
	bld_begin("chosen");
	bld_str("bootargs", "console=hvc0");
	bld_end_node();
	bld_end_node();
	bld_end();
	bld_finish();
}

/* offset in img of the first FDT_PROP token whose name is name */
static u32 prop_at(const char *name)
{
	u32 o = hdr_get(H_STRUCT), end = o + hdr_get(H_SIZE_STRUCT);
	u32 nameoff = bld_string(name);

	for (; o < end; o += 4)
		if (get_be32(img + o) == FDT_PROP &&
		    get_be32(img + o + 8) == nameoff)
			return o;
	fail_msg("no property %s", name);
	return 0;
}

static void writer_tree_ok(void **state)
{
	u64 a, s;
	int n;

	small_tree();
	expect_ok();
	assert_int_equal(f.size, img_size);
	assert_int_equal(f.version, 17);
	assert_int_equal(f.nr_rsv, 1);
	assert_int_equal(fdt_rsv(&f, 0, &a, &s), 0);
	assert_true(a == 0x80000000 && s == 0x1000);
	assert_int_equal(fdt_rsv(&f, 1, &a, &s), -ENOENT);
	n = fdt_path_offset(&f, "/memory");
	assert_true(n > 0);
	assert_string_equal(fdt_node_name(&f, n), "memory@80000000");
	assert_int_equal(fdt_reg(&f, n, 0, &a, &s), 0);
	assert_true(a == 0x80000000 && s == 0x10000000);
	assert_int_equal(fdt_reg(&f, n, 1, &a, &s), -ENOENT);

	/* the reservation block may come last */
	bd.rsv_last = true;
	bld_finish();
	expect_ok();
	assert_int_equal(fdt_rsv(&f, 0, &a, &s), 0);
	assert_true(a == 0x80000000 && s == 0x1000);
	assert_true(f.off_rsvmap > f.off_strings);

	/* a unit address in the path is matched whole */
	bld_reset();
	bld_begin("");
	bld_begin("u@1@2");
	bld_end_node();
	bld_end_node();
	bld_end();
	bld_finish();
	expect_ok();
	assert_int_equal(fdt_path_offset(&f, "/u@1"), -ENOENT);
	assert_int_equal(fdt_path_offset(&f, "/u@1@2"), fdt_first_child(&f, f.root));
	assert_int_equal(fdt_path_offset(&f, "/u"), fdt_first_child(&f, f.root));
}

static void bad_header(void **state)
{
	small_tree();
	hdr(H_MAGIC, 0xedfe0dd0);
	expect_refused(-EINVAL, "bad magic");

	small_tree();
	assert_int_equal(fdt_check(exact(img, 35), 35, &f), -EINVAL);
	assert_string_equal(f.why, "the blob is shorter than an FDT header");
	assert_int_equal(fdt_check(NULL, 100, &f), -EINVAL);

	small_tree();
	hdr(H_TOTAL, img_size + 1);
	expect_refused(-EINVAL, "larger than the mapped blob");
	hdr(H_TOTAL, 39);
	expect_refused(-EINVAL, "smaller than the header");
	/* a v16 header is 36 bytes: still smaller than the blocks need */
	hdr(H_VERSION, 16);
	hdr(H_TOTAL, 36);
	expect_refused(-EINVAL, "lies outside the blob");

	/* the header alone is read: nothing past avail is touched */
	small_tree();
	hdr(H_TOTAL, FDT_MAX_SIZE + 1);
	assert_int_equal(fdt_check(img, FDT_MAX_SIZE + 1, &f), -EINVAL);
	assert_string_equal(f.why, "totalsize is larger than FDT_MAX_SIZE");
}

static void bad_versions(void **state)
{
	static const u32 v[][2] = {
		{ 15, 15 }, { 16, 18 }, { 17, 18 }, { 16, 17 }, { 1, 1 },
		{ 0xffffffff, 0xffffffff },
	};
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(v); i++) {
		small_tree();
		hdr(H_VERSION, v[i][0]);
		hdr(H_LAST, v[i][1]);
		expect_refused(-EOPNOTSUPP, "unsupported version");
	}
	/* later versions compatible with 16 or 17 are read */
	small_tree();
	hdr(H_VERSION, 18);
	expect_ok();
	hdr(H_LAST, 17);
	expect_ok();
	/* version 16: no size_dt_struct, the block runs to the strings */
	small_tree();
	hdr(H_VERSION, 16);
	hdr(H_SIZE_STRUCT, 0xdeadbeef);
	expect_ok();
	assert_int_equal(f.size_struct, bd.ns);
	assert_true(fdt_path_offset(&f, "/chosen") > 0);
}

static void bad_blocks(void **state)
{
	u32 st;

	small_tree();
	st = hdr_get(H_STRUCT);
	hdr(H_STRUCT, img_size);
	expect_refused(-EINVAL, "the structure block lies outside the blob");
	hdr(H_STRUCT, 0xfffffffc);
	expect_refused(-EINVAL, "the structure block lies outside the blob");
	hdr(H_STRUCT, st);
	hdr(H_SIZE_STRUCT, img_size - st + 4);
	expect_refused(-EINVAL, "the structure block lies outside the blob");
	hdr(H_SIZE_STRUCT, 0xfffffffc);
	expect_refused(-EINVAL, "the structure block lies outside the blob");

	small_tree();
	hdr(H_SIZE_STRINGS, bd.nstr + 1);
	expect_refused(-EINVAL, "the strings block lies outside the blob");
	hdr(H_STRINGS, 0xffffffff);
	hdr(H_SIZE_STRINGS, 2);
	expect_refused(-EINVAL, "the strings block lies outside the blob");

	small_tree();
	hdr(H_RSV, (img_size + 8) & ~7u);
	expect_refused(-EINVAL, "the memory reservation block lies outside");

	/* misaligned */
	small_tree();
	hdr(H_STRUCT, hdr_get(H_STRUCT) + 2);
	expect_refused(-EINVAL, "the structure block is not 4-byte aligned");
	small_tree();
	hdr(H_RSV, 44);
	expect_refused(-EINVAL, "not 8-byte aligned");

	/* overlapping */
	small_tree();
	hdr(H_STRINGS, hdr_get(H_STRUCT));
	expect_refused(-EINVAL, "two blocks overlap");
	small_tree();
	hdr(H_STRINGS, 48);	/* in the reservations */
	hdr(H_SIZE_STRINGS, 4);
	expect_refused(-EINVAL, "two blocks overlap");
	small_tree();
	hdr(H_STRUCT, hdr_get(H_STRUCT) - 4);	/* over the terminator */
	expect_refused(-EINVAL, "two blocks overlap");
	small_tree();
	hdr(H_RSV, 32);
	expect_refused(-EINVAL, "overlaps the header");
	small_tree();
	hdr(H_STRINGS, 36);
	hdr(H_SIZE_STRINGS, 4);
	expect_refused(-EINVAL, "overlaps the header");

	/* the reservations run to the end without their terminator */
	small_tree();
	bd.rsv_last = true;
	bld_finish();
	hdr(H_TOTAL, img_size - 8);
	img_size -= 8;
	expect_refused(-EINVAL, "the memory reservation block is not terminated");
	/* and into the structure block */
	small_tree();
	bd.rsv[1][0] = 1;
	bd.nrsv = 2;
	bld_finish();
	hdr(H_STRUCT, hdr_get(H_STRUCT) - 16);	/* over the terminator */
	memmove(img + hdr_get(H_STRUCT), img + hdr_get(H_STRUCT) + 16,
		img_size - hdr_get(H_STRUCT) - 16);
	hdr(H_STRINGS, hdr_get(H_STRINGS) - 16);
	img_size -= 16;
	hdr(H_TOTAL, img_size);
	assert_int_equal(check_img(), -EINVAL);
}

static void bad_names(void **state)
{
	u32 o;

	/* a node name running to the end of the block (not of the blob) */
	bld_reset();
	bld_begin("");
	bld_str("compatible", "x");
	bld_tok(FDT_BEGIN_NODE);
	memcpy(bd.st + bd.ns, "abcd", 4);
	bd.ns += 4;
	bld_finish();
	expect_refused(-EINVAL, "a node name is not terminated");

	small_tree();
	o = prop_at("bootargs");
	put_be32(img + o + 8, bd.nstr);
	expect_refused(-EINVAL, "a property name lies past the strings block");
	put_be32(img + o + 8, 0xffffffff);
	expect_refused(-EINVAL, "a property name lies past the strings block");

	/* the last string loses its NUL: the block ends one byte earlier */
	small_tree();
	hdr(H_SIZE_STRINGS, bd.nstr - 1);
	expect_refused(-EINVAL, "a property name is not terminated in the strings block");

	/* the root has no name, the other nodes have one */
	bld_reset();
	bld_begin("root");
	bld_end_node();
	bld_end();
	bld_finish();
	expect_refused(-EINVAL, "the root node has a name");
	bld_reset();
	bld_begin("");
	bld_begin("");
	bld_end_node();
	bld_end_node();
	bld_end();
	bld_finish();
	expect_refused(-EINVAL, "a node has an empty name");
}

static void bad_props(void **state)
{
	u32 o, end;

	small_tree();
	o = prop_at("bootargs");
	end = hdr_get(H_STRUCT) + hdr_get(H_SIZE_STRUCT);
	put_be32(img + o + 4, end - (o + 12) + 1);
	expect_refused(-EINVAL, "a property value runs past the structure block");
	put_be32(img + o + 4, 0xffffffff);
	expect_refused(-EINVAL, "a property value runs past the structure block");
	put_be32(img + o + 4, 0xfffffff4);
	expect_refused(-EINVAL, "a property value runs past the structure block");

	/* a property header cut by the end of the block */
	bld_reset();
	bld_begin("");
	bld_end_node();
	bld_tok(FDT_PROP);
	bld_tok(0);
	bld_finish();
	expect_refused(-EINVAL, "a property header runs past the structure block");

	bld_reset();
	bld_str("model", "x");
	bld_begin("");
	bld_end_node();
	bld_end();
	bld_finish();
	expect_refused(-EINVAL, "a property outside every node");

	bld_reset();
	bld_begin("");
	bld_begin("a");
	bld_end_node();
	bld_str("model", "x");
	bld_end_node();
	bld_end();
	bld_finish();
	expect_refused(-EINVAL, "a property after a subnode");
}

static void bad_structure(void **state)
{
	bld_reset();
	bld_begin("");
	bld_end_node();
	bld_finish();
	expect_refused(-EINVAL, "the structure block ends before FDT_END");

	bld_reset();
	bld_end_node();
	bld_end();
	bld_finish();
	expect_refused(-EINVAL, "FDT_END_NODE without FDT_BEGIN_NODE");

	bld_reset();
	bld_begin("");
	bld_end_node();
	bld_end_node();
	bld_end();
	bld_finish();
	expect_refused(-EINVAL, "FDT_END_NODE without FDT_BEGIN_NODE");

	bld_reset();
	bld_begin("");
	bld_begin("a");
	bld_end_node();
	bld_end();
	bld_finish();
	expect_refused(-EINVAL, "FDT_END inside a node");

	bld_reset();
	bld_tok(FDT_NOP);
	bld_end();
	bld_finish();
	expect_refused(-EINVAL, "no root node");

	bld_reset();
	bld_begin("");
	bld_end_node();
	bld_begin("");
	bld_end_node();
	bld_end();
	bld_finish();
	expect_refused(-EINVAL, "a second root node");

	small_tree();
	put_be32(img + prop_at("bootargs"), 5);
	expect_refused(-EINVAL, "an unknown tag");
	put_be32(img + prop_at("reg"), 0);
	expect_refused(-EINVAL, "an unknown tag");
}

static void build_deep(unsigned int levels)
{
	unsigned int i;

	bld_reset();
	bld_begin("");
	for (i = 1; i < levels; i++)
		bld_begin("n@1");
	bld_cells("reg", 3, 7, 8, 9);
	for (i = 0; i < levels; i++)
		bld_end_node();
	bld_end();
	bld_finish();
}

static void nesting(void **state)
{
	char path[4 * FDT_MAX_DEPTH + 1] = "";
	u64 a, s;
	int n, d, last = -1, last_d = -1;
	unsigned int i;

	build_deep(FDT_MAX_DEPTH);
	expect_ok();
	for (n = fdt_next_node(&f, -1, &d); n >= 0;
	     n = fdt_next_node(&f, n, &d)) {
		last = n;
		last_d = d;
	}
	assert_int_equal(last_d, FDT_MAX_DEPTH - 1);
	/* the spec's defaults: 2 address cells and 1 size cell */
	assert_int_equal(fdt_reg(&f, last, 0, &a, &s), 0);
	assert_true(a == 0x700000008ULL && s == 9);
	for (i = 1; i < FDT_MAX_DEPTH; i++)
		strcat(path, "/n");
	assert_int_equal(fdt_path_offset(&f, path), last);
	assert_true(fdt_parent(&f, last) > 0);

	build_deep(FDT_MAX_DEPTH + 1);
	expect_refused(-EINVAL, "nested deeper than FDT_MAX_DEPTH");
}

/* NOPs anywhere between tokens are skipped by the check and accessors */
static void nops(void **state)
{
	const char *v;
	u32 len;
	int n;

	bld_reset();
	bld_tok(FDT_NOP);
	bld_begin("");
	bld_tok(FDT_NOP);
	bld_str("model", "m");
	bld_tok(FDT_NOP);
	bld_str("compatible", "c");
	bld_begin("a");
	bld_tok(FDT_NOP);
	bld_end_node();
	bld_tok(FDT_NOP);
	bld_begin("b");
	bld_end_node();
	bld_end_node();
	bld_tok(FDT_NOP);
	bld_end();
	bld_finish();
	expect_ok();
	assert_int_equal(f.root, 4);
	v = fdt_getprop(&f, f.root, "compatible", &len);
	assert_non_null(v);
	assert_int_equal(len, 2);
	assert_string_equal(v, "c");
	n = fdt_first_child(&f, f.root);
	assert_string_equal(fdt_node_name(&f, n), "a");
	assert_int_equal(fdt_first_child(&f, n), -ENOENT);
	assert_int_equal(fdt_first_prop(&f, n), -ENOENT);
	n = fdt_next_sibling(&f, n);
	assert_string_equal(fdt_node_name(&f, n), "b");
	assert_int_equal(fdt_next_sibling(&f, n), -ENOENT);
	assert_int_equal(fdt_node_by_compatible(&f, -1, "c"), f.root);
	assert_int_equal(fdt_node_by_compatible(&f, f.root, "c"), -ENOENT);
}

static void cells_and_reg(void **state)
{
	static const u8 be[] = { 0x12, 0x34, 0x56, 0x78, 0x9a, 0xbc, 0xde, 0xf0 };
	u32 ac, sc;
	u64 a, s;
	int n;

	assert_true(fdt_read_cells(be, 0) == 0);
	assert_true(fdt_read_cells(be, 1) == 0x12345678);
	assert_true(fdt_read_cells(be, 2) == 0x123456789abcdef0ULL);
	assert_true(fdt_read_cells(be + 1, 1) == 0x3456789a);

	/* reg of 3 cells under 2 + 2 */
	bld_reset();
	bld_begin("");
	bld_cells("#address-cells", 1, 2);
	bld_cells("#size-cells", 1, 2);
	bld_begin("a");
	bld_cells("reg", 3, 0, 1, 2);
	bld_end_node();
	bld_begin("b");
	bld_cells("reg", 8, 0, 0x1000, 0, 0x100, 0xffffffff, 0xfffff000, 0,
		  0x1000);
	bld_end_node();
	bld_begin("c");
	bld_cells("reg", 4, 0xffffffff, 0xfffff000, 0, 0x1001);
	bld_end_node();
	bld_begin("d");
	bld_end_node();
	bld_end_node();
	bld_end();
	bld_finish();
	expect_ok();
	n = fdt_path_offset(&f, "/a");
	assert_int_equal(fdt_addr_size_cells(&f, n, &ac, &sc), 0);
	assert_true(ac == 2 && sc == 2);
	assert_int_equal(fdt_reg(&f, n, 0, &a, &s), -EINVAL);
	n = fdt_path_offset(&f, "/b");
	assert_int_equal(fdt_reg(&f, n, 0, &a, &s), 0);
	assert_true(a == 0x1000 && s == 0x100);
	/* up to the last byte of the address space: no wrap */
	assert_int_equal(fdt_reg(&f, n, 1, &a, &s), 0);
	assert_true(a == 0xfffffffffffff000ULL && s == 0x1000);
	assert_int_equal(fdt_reg(&f, n, 2, &a, &s), -ENOENT);
	assert_int_equal(fdt_reg(&f, n, ~0u, &a, &s), -ENOENT);
	a = s = 7;
	assert_int_equal(fdt_reg(&f, fdt_path_offset(&f, "/c"), 0, &a, &s),
			 -EINVAL);
	assert_true(a == 7 && s == 7);
	assert_int_equal(fdt_reg(&f, fdt_path_offset(&f, "/d"), 0, &a, &s),
			 -ENOENT);
	assert_int_equal(fdt_addr_size_cells(&f, f.root, &ac, &sc), -ENOENT);
	assert_int_equal(fdt_reg(&f, f.root, 0, &a, &s), -ENOENT);

	/* cells the reader refuses */
	small_tree();
	put_be32(img + prop_at("#address-cells") + 12, 3);
	expect_ok();
	n = fdt_path_offset(&f, "/memory");
	assert_int_equal(fdt_addr_size_cells(&f, n, &ac, &sc), -EOPNOTSUPP);
	assert_int_equal(fdt_reg(&f, n, 0, &a, &s), -EOPNOTSUPP);
	put_be32(img + prop_at("#address-cells") + 12, 0);
	expect_ok();
	assert_int_equal(fdt_reg(&f, n, 0, &a, &s), -EINVAL);
	small_tree();
	put_be32(img + prop_at("#size-cells") + 12, 3);
	expect_ok();
	assert_int_equal(fdt_reg(&f, n, 0, &a, &s), -EOPNOTSUPP);
	small_tree();
	/* an empty value, its old word now a NOP */
	put_be32(img + prop_at("#size-cells") + 4, 0);
	put_be32(img + prop_at("#size-cells") + 12, FDT_NOP);
	expect_ok();
	assert_int_equal(fdt_addr_size_cells(&f, n, &ac, &sc), -EINVAL);
}

static void stringlists(void **state)
{
	static const char l[] = "arm,pl011\0arm,primecell";

	assert_true(fdt_stringlist_contains(l, sizeof(l), "arm,pl011"));
	assert_true(fdt_stringlist_contains(l, sizeof(l), "arm,primecell"));
	assert_false(fdt_stringlist_contains(l, sizeof(l), "arm"));
	assert_false(fdt_stringlist_contains(l, sizeof(l), "arm,pl0111"));
	assert_false(fdt_stringlist_contains(l, sizeof(l), ""));
	/* the last one unterminated inside len: not a string */
	assert_false(fdt_stringlist_contains(l, sizeof(l) - 1, "arm,primecell"));
	assert_true(fdt_stringlist_contains(l, sizeof(l) - 1, "arm,pl011"));
	assert_false(fdt_stringlist_contains(l, 0, "arm,pl011"));
	assert_false(fdt_stringlist_contains(NULL, 0, ""));
	assert_true(fdt_stringlist_contains("a\0\0b", 4, ""));
	assert_true(fdt_stringlist_contains("a\0\0b", 5, "b"));
}

/* Offsets that are not nodes or properties give errors, never reads. */
static void bad_offsets(void **state)
{
	static const int bad[] = { -1, -4, 1, 2, 3, 12, 0x7ffffffc, 0x7fffffff };
	unsigned int i;
	u64 a, s;
	u32 len;
	int p, d = 0;

	small_tree();
	expect_ok();
	p = fdt_first_prop(&f, f.root);
	assert_true(p > 0);
	assert_null(fdt_node_name(&f, p));
	assert_null(fdt_getprop(&f, p, "reg", &len));
	assert_int_equal(fdt_next_node(&f, p, &d), -EINVAL);
	assert_int_equal(fdt_first_child(&f, p), -EINVAL);
	assert_int_equal(fdt_next_sibling(&f, p), -EINVAL);
	assert_int_equal(fdt_parent(&f, p), -EINVAL);
	assert_int_equal(fdt_reg(&f, p, 0, &a, &s), -EINVAL);
	assert_int_equal(fdt_first_prop(&f, p), -EINVAL);
	assert_null(fdt_prop(&f, f.root, NULL, &len));
	for (i = 0; i < ARRAY_SIZE(bad); i++) {
		assert_null(fdt_node_name(&f, bad[i]));
		assert_null(fdt_prop(&f, bad[i], NULL, &len));
		assert_int_equal(fdt_next_prop(&f, bad[i]), -EINVAL);
		assert_int_equal(fdt_next_sibling(&f, bad[i]), -EINVAL);
		assert_int_equal(fdt_parent(&f, bad[i]), -EINVAL);
		assert_null(fdt_getprop(&f, bad[i], "reg", &len));
		assert_true(fdt_node_by_compatible(&f, bad[i] < 0 ? 0 : bad[i],
						   "x") < 0);
	}
	assert_int_equal(fdt_path_offset(&f, "chosen"), -EINVAL);
	assert_int_equal(fdt_path_offset(&f, ""), -EINVAL);
	assert_int_equal(fdt_path_offset(&f, NULL), -EINVAL);
	assert_int_equal(fdt_path_offset(&f, "//chosen"), -EINVAL);
	assert_int_equal(fdt_path_offset(&f, "/chosen//"), -EINVAL);
}

/*
 * Every shorter blob is refused: cut at every length with totalsize
 * unchanged (larger than what is mapped) and with totalsize saying so.
 */
static void truncated(void **state)
{
	u32 n, full;

	small_tree();
	full = img_size;
	for (n = 0; n < full; n++) {
		assert_int_not_equal(fdt_check(exact(img, n), n, &f), 0);
		hdr(H_TOTAL, n);
		img_size = n;
		assert_int_not_equal(check_img(), 0);
		hdr(H_TOTAL, full);
	}
}

/* ---- trees compiled by dtc ---- */

/* build/host/fdt/name, exactly sized, or NULL (skip) when dtc is missing */
static u8 *load(const char *name, size_t *size)
{
	char path[1200];
	FILE *fp;
	long n;
	u8 *b;

	strcpy(path, dtb_dir);
	strcat(path, name);
	fp = fopen(path, "rb");
	if (!fp) {
		print_message("%s missing (dtc not installed? package device-tree-compiler): skipped\n",
			      path);
		return NULL;
	}
	assert_int_equal(fseek(fp, 0, SEEK_END), 0);
	n = ftell(fp);
	assert_true(n > 0);
	rewind(fp);
	b = malloc(n);
	assert_non_null(b);
	assert_int_equal(fread(b, 1, n, fp), (size_t)n);
	fclose(fp);
	*size = n;
	return b;
}

static u8 *load_checked(const char *name, size_t *size)
{
	u8 *b = load(name, size);

	if (!b)
		return NULL;
	if (fdt_check(b, *size, &f))
		fail_msg("%s refused: %s", name, f.why);
	assert_int_equal(f.size, *size);
	return b;
}

/*
 * The tree as lines "N<depth> name" and "P<depth> name" (a property at
 * its node's depth) in document order into out; with out NULL (a
 * corrupted tree, whose names may be long or repeated), only read.
 */
static void walk(const struct fdt *t, char *out, size_t cap)
{
	const char *name;
	char line[1100];
	int n, p, d;
	u32 len;

	if (out)
		*out = 0;
	for (n = fdt_next_node(t, -1, &d); n >= 0;
	     n = fdt_next_node(t, n, &d)) {
		name = fdt_node_name(t, n);
		assert_non_null(name);
		if (out) {
			assert_true(strlen(name) < 1000);
			sprintf(line, "N%d %s\n", d, *name ? name : "/");
			assert_true(strlen(out) + strlen(line) < cap);
			strcat(out, line);
		}
		for (p = fdt_first_prop(t, n); p >= 0;
		     p = fdt_next_prop(t, p)) {
			assert_non_null(fdt_prop(t, p, &name, &len));
			assert_non_null(fdt_getprop(t, n, name, NULL));
			if (!out)
				continue;
			/* no duplicates: getprop finds this one */
			assert_true(strlen(name) < 1000);
			assert_ptr_equal(fdt_getprop(t, n, name, NULL),
					 fdt_prop(t, p, NULL, &len));
			sprintf(line, "P%d %s\n", d, name);
			assert_true(strlen(out) + strlen(line) < cap);
			strcat(out, line);
		}
		assert_int_equal(p, -ENOENT);
	}
	assert_int_equal(n, -ENOENT);
}

/* The same lines from dtc's decompilation of path; reservations counted. */
static void dtc_walk(const char *name, char *out, size_t cap,
		     u64 rsv[][2], unsigned int *nrsv)
{
	char cmd[1300], buf[1024], line[1100];
	int depth = 0;
	FILE *p;

	strcpy(cmd, "dtc -q -I dtb -O dts -o - ");
	strcat(cmd, dtb_dir);
	strcat(cmd, name);
	p = popen(cmd, "r");
	assert_non_null(p);
	*out = 0;
	*nrsv = 0;
	while (fgets(buf, sizeof(buf), p)) {
		char *s = buf, *e;

		while (*s == ' ' || *s == '\t')
			s++;
		e = s + strlen(s);
		while (e > s && (e[-1] == '\n' || e[-1] == ' '))
			*--e = 0;
		if (!*s || !strcmp(s, "/dts-v1/;"))
			continue;
		if (!strncmp(s, "/memreserve/", 12)) {
			int got = sscanf(s + 12, "%llx %llx", &rsv[*nrsv][0],
					 &rsv[*nrsv][1]);

			assert_int_equal(got, 2);
			++*nrsv;
			continue;
		}
		if (!strcmp(s, "};")) {
			depth--;
			continue;
		}
		if (e - s > 2 && !strcmp(e - 2, " {")) {
			e[-2] = 0;
			sprintf(line, "N%d %s\n", depth++, s);
		} else {
			s[strcspn(s, " ;")] = 0;
			sprintf(line, "P%d %s\n", depth - 1, s);
		}
		assert_true(strlen(out) + strlen(line) < cap);
		strcat(out, line);
	}
	assert_int_equal(pclose(p), 0);
	assert_int_equal(depth, 0);
}

/* f is name's tree after this (until the next call) */
static void vs_dtc(const char *name, int nodes, int props)
{
	static char mine[16384], theirs[16384];
	static u8 *b;
	unsigned int i, nrsv;
	u64 rsv[8][2], a, s;
	int nn = 0, np = 0;
	size_t size;
	char *l;

	free(b);
	b = load_checked(name, &size);
	if (!b)
		skip();
	walk(&f, mine, sizeof(mine));
	dtc_walk(name, theirs, sizeof(theirs), rsv, &nrsv);
	assert_string_equal(mine, theirs);
	for (l = mine; *l; l = strchr(l, '\n') + 1) {
		nn += *l == 'N';
		np += *l == 'P';
	}
	print_message("%s: %d nodes, %d properties, %u reservations, as dtc reads it\n",
		      name, nn, np, nrsv);
	assert_int_equal(nn, nodes);
	assert_int_equal(np, props);
	assert_int_equal(f.nr_rsv, nrsv);
	for (i = 0; i < nrsv; i++) {
		assert_int_equal(fdt_rsv(&f, i, &a, &s), 0);
		assert_true(a == rsv[i][0] && s == rsv[i][1]);
	}
}

static void virt_vs_dtc(void **state)
{
	/* counted by hand in virt.dts, with the two phandles dtc adds */
	vs_dtc("virt.dtb", 15, 71);
}

static void virt16_vs_dtc(void **state)
{
	vs_dtc("virt-v16.dtb", 15, 71);
	assert_int_equal(f.version, 16);
}

static void empty_vs_dtc(void **state)
{
	vs_dtc("empty.dtb", 1, 0);
	assert_int_equal(f.size_strings, 0);
	assert_int_equal(fdt_path_offset(&f, "/"), f.root);
	assert_int_equal(fdt_first_child(&f, f.root), -ENOENT);
	assert_int_equal(fdt_first_prop(&f, f.root), -ENOENT);
	assert_int_equal(fdt_path_offset(&f, "/chosen"), -ENOENT);
}

static int path(const char *p)
{
	return fdt_path_offset(&f, p);
}

static void virt_paths(void **state)
{
	const char *names[12];
	unsigned int nr = 0;
	size_t size;
	int n, c;
	u8 *b = load_checked("virt.dtb", &size);

	if (!b)
		skip();
	assert_int_equal(path("/"), f.root);
	assert_string_equal(fdt_node_name(&f, f.root), "");
	assert_string_equal(fdt_node_name(&f, path("/chosen")), "chosen");
	assert_int_equal(path("/chosen/"), path("/chosen"));
	n = path("/memory@40000000");
	assert_true(n > 0);
	assert_int_equal(path("/memory"), n);
	assert_int_equal(path("/memory@4000000"), -ENOENT);
	assert_int_equal(path("/memory@40000000/"), n);
	assert_string_equal(fdt_node_name(&f, path("/pl011")), "pl011@9000000");
	assert_int_equal(path("/intc"), path("/intc@8000000"));
	assert_string_equal(fdt_node_name(&f, path("/intc/its")), "its@8080000");
	assert_string_equal(fdt_node_name(&f, path("/cpus/cpu@1")), "cpu@1");
	/* two cpu@N: the name alone is ambiguous */
	assert_int_equal(path("/cpus/cpu"), -ENOENT);
	assert_int_equal(path("/cpus/cpu@2"), -ENOENT);
	assert_int_equal(path("/chosen/x"), -ENOENT);
	assert_int_equal(path("/mem"), -ENOENT);
	assert_int_equal(path("/memory@"), -ENOENT);
	assert_int_equal(path("/apb"), -ENOENT);	/* apb-pclk */
	assert_string_equal(fdt_node_name(&f, path("/pcie/ethernet@1,0")),
			    "ethernet@1,0");
	assert_int_equal(fdt_parent(&f, path("/intc/its")), path("/intc"));
	assert_int_equal(fdt_parent(&f, path("/chosen")), f.root);
	assert_int_equal(fdt_parent(&f, f.root), -ENOENT);
	/* the last child: no sibling, even where the parent's has children */
	assert_int_equal(fdt_next_sibling(&f, path("/pcie/ethernet")), -ENOENT);
	assert_int_equal(fdt_next_sibling(&f, path("/cpus/cpu@0")),
			 path("/cpus/cpu@1"));
	assert_int_equal(fdt_next_sibling(&f, path("/cpus/cpu@1")), -ENOENT);
	assert_int_equal(fdt_next_sibling(&f, f.root), -ENOENT);

	for (c = fdt_first_child(&f, f.root); c >= 0;
	     c = fdt_next_sibling(&f, c)) {
		assert_true(nr < ARRAY_SIZE(names));
		names[nr++] = fdt_node_name(&f, c);
	}
	assert_int_equal(c, -ENOENT);
	assert_int_equal(nr, 10);
	assert_string_equal(names[0], "psci");
	assert_string_equal(names[1], "memory@40000000");
	assert_string_equal(names[4], "pcie@10000000");
	assert_string_equal(names[5], "intc@8000000");
	assert_string_equal(names[6], "cpus");
	assert_string_equal(names[8], "hypervisor");
	assert_string_equal(names[9], "chosen");
	free(b);
}

static void virt_props(void **state)
{
	const char *v;
	size_t size;
	u32 len;
	int n;
	u8 *b = load_checked("virt.dtb", &size);

	if (!b)
		skip();
	assert_int_equal(f.version, 17);
	assert_int_equal(f.boot_cpuid, 0);
	n = path("/chosen");
	v = fdt_getprop(&f, n, "bootargs", &len);
	assert_string_equal(v, "console=ttyAMA0 selftest");
	assert_int_equal(len, sizeof("console=ttyAMA0 selftest"));
	v = fdt_getprop(&f, n, "linux,initrd-start", &len);
	assert_int_equal(len, 8);
	assert_true(fdt_read_cells(v, len / 4) == 0x48000000);
	v = fdt_getprop(&f, n, "linux,initrd-end", &len);
	assert_true(fdt_read_cells(v, len / 4) == 0x48100000);
	assert_string_equal(fdt_getprop(&f, n, "stdout-path", NULL),
			    "/pl011@9000000");
	assert_null(fdt_getprop(&f, n, "bootarg", &len));
	assert_null(fdt_getprop(&f, n, "bootargs2", &len));

	v = fdt_getprop(&f, path("/pl011"), "compatible", &len);
	assert_int_equal(len, sizeof("arm,pl011\0arm,primecell"));
	assert_memory_equal(v, "arm,pl011\0arm,primecell", len);
	/* empty properties are there, with length 0 */
	len = 99;
	assert_non_null(fdt_getprop(&f, path("/timer"), "always-on", &len));
	assert_int_equal(len, 0);
	assert_non_null(fdt_getprop(&f, path("/intc"), "interrupt-controller",
				    NULL));
	v = fdt_getprop(&f, path("/hypervisor"), "interrupts", &len);
	assert_int_equal(len, 12);
	assert_true(fdt_read_cells((const u8 *)v + 8, 1) == 0xf08);
	free(b);
}

static void virt_reg(void **state)
{
	u32 ac, sc;
	size_t size;
	u64 a, s;
	int n;
	u8 *b = load_checked("virt.dtb", &size);

	if (!b)
		skip();
	n = path("/memory");
	assert_int_equal(fdt_addr_size_cells(&f, n, &ac, &sc), 0);
	assert_true(ac == 2 && sc == 2);
	assert_int_equal(fdt_reg(&f, n, 0, &a, &s), 0);
	assert_true(a == 0x40000000 && s == 0x8000000);
	assert_int_equal(fdt_reg(&f, n, 1, &a, &s), -ENOENT);

	n = path("/intc");
	assert_int_equal(fdt_reg(&f, n, 0, &a, &s), 0);
	assert_true(a == 0x8000000 && s == 0x10000);
	assert_int_equal(fdt_reg(&f, n, 1, &a, &s), 0);
	assert_true(a == 0x80a0000 && s == 0xf60000);
	assert_int_equal(fdt_reg(&f, n, 2, &a, &s), -ENOENT);
	assert_int_equal(fdt_reg(&f, path("/intc/its"), 0, &a, &s), 0);
	assert_true(a == 0x8080000 && s == 0x20000);

	assert_int_equal(fdt_reg(&f, path("/pl011"), 0, &a, &s), 0);
	assert_true(a == 0x9000000 && s == 0x1000);
	assert_int_equal(fdt_reg(&f, path("/pcie"), 0, &a, &s), 0);
	assert_true(a == 0x4010000000ULL && s == 0x10000000);
	assert_int_equal(fdt_reg(&f, path("/hypervisor"), 0, &a, &s), 0);
	assert_true(a == 0x38000000 && s == 0x1000000);

	/* 1 address cell, 0 size cells */
	n = path("/cpus/cpu@1");
	assert_int_equal(fdt_addr_size_cells(&f, n, &ac, &sc), 0);
	assert_true(ac == 1 && sc == 0);
	assert_int_equal(fdt_reg(&f, n, 0, &a, &s), 0);
	assert_true(a == 1 && s == 0);
	assert_int_equal(fdt_reg(&f, path("/timer"), 0, &a, &s), -ENOENT);
	/* PCI's 3 address cells */
	n = path("/pcie/ethernet");
	assert_int_equal(fdt_addr_size_cells(&f, n, &ac, &sc), -EOPNOTSUPP);
	assert_int_equal(fdt_reg(&f, n, 0, &a, &s), -EOPNOTSUPP);
	free(b);
}

static void virt_compatible(void **state)
{
	size_t size;
	int n;
	u8 *b = load_checked("virt.dtb", &size);

	if (!b)
		skip();
	assert_int_equal(fdt_node_by_compatible(&f, -1, "arm,pl011"),
			 path("/pl011"));
	assert_int_equal(fdt_node_by_compatible(&f, -1, "arm,primecell"),
			 path("/pl011"));
	assert_int_equal(fdt_node_by_compatible(&f, -1, "xen,xen"),
			 path("/hypervisor"));
	assert_int_equal(fdt_node_by_compatible(&f, -1, "xen,xen-4.17"),
			 path("/hypervisor"));
	assert_int_equal(fdt_node_by_compatible(&f, -1, "xen"), -ENOENT);
	assert_int_equal(fdt_node_by_compatible(&f, -1, "arm,gic-v3"),
			 path("/intc"));
	assert_int_equal(fdt_node_by_compatible(&f, -1, "arm,psci-0.2"),
			 path("/psci"));
	assert_int_equal(fdt_node_by_compatible(&f, -1, "linux,dummy-virt"),
			 f.root);
	n = fdt_node_by_compatible(&f, -1, "arm,cortex-a57");
	assert_int_equal(n, path("/cpus/cpu@0"));
	n = fdt_node_by_compatible(&f, n, "arm,cortex-a57");
	assert_int_equal(n, path("/cpus/cpu@1"));
	assert_int_equal(fdt_node_by_compatible(&f, n, "arm,cortex-a57"),
			 -ENOENT);
	free(b);
}

/* The blob at an odd address: every read is byte by byte. */
static void virt_unaligned(void **state)
{
	size_t size;
	u64 a, s;
	u8 *b = load("virt.dtb", &size), *odd;

	if (!b)
		skip();
	odd = malloc(size + 1);
	assert_non_null(odd);
	memcpy(odd + 1, b, size);
	assert_int_equal(fdt_check(odd + 1, size, &f), 0);
	assert_int_equal(fdt_reg(&f, path("/memory"), 0, &a, &s), 0);
	assert_true(a == 0x40000000 && s == 0x8000000);
	assert_int_equal(fdt_rsv(&f, 1, &a, &s), 0);
	assert_true(a == 0x4f000000 && s == 0x1000);
	free(odd);
	free(b);
}

/*
 * Every byte of the dtc blob flipped in turn: refused, or accepted and
 * then read all over without a read outside the (exact) copy.
 */
static void virt_corrupted(void **state)
{
	unsigned int accepted = 0;
	size_t size, i;
	u8 *b = load("virt.dtb", &size), *c;

	if (!b)
		skip();
	for (i = 0; i < size; i++) {
		u64 a, s;
		int n;

		b[i] ^= 0xff;
		c = exact(b, size);
		if (!fdt_check(c, size, &f)) {
			accepted++;
			walk(&f, NULL, 0);
			for (n = fdt_next_node(&f, -1, NULL); n >= 0;
			     n = fdt_next_node(&f, n, NULL))
				fdt_reg(&f, n, 0, &a, &s);
			fdt_node_by_compatible(&f, -1, "arm,pl011");
			path("/chosen");
		} else {
			assert_non_null(f.why);
		}
		b[i] ^= 0xff;
	}
	print_message("virt.dtb with one byte flipped: %u of %zu accepted\n",
		      accepted, size);
	free(b);
}

int main(int argc, char **argv)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(writer_tree_ok),
		cmocka_unit_test(bad_header),
		cmocka_unit_test(bad_versions),
		cmocka_unit_test(bad_blocks),
		cmocka_unit_test(bad_names),
		cmocka_unit_test(bad_props),
		cmocka_unit_test(bad_structure),
		cmocka_unit_test(nesting),
		cmocka_unit_test(nops),
		cmocka_unit_test(cells_and_reg),
		cmocka_unit_test(stringlists),
		cmocka_unit_test(bad_offsets),
		cmocka_unit_test(truncated),
		cmocka_unit_test(virt_vs_dtc),
		cmocka_unit_test(virt16_vs_dtc),
		cmocka_unit_test(empty_vs_dtc),
		cmocka_unit_test(virt_paths),
		cmocka_unit_test(virt_props),
		cmocka_unit_test(virt_reg),
		cmocka_unit_test(virt_compatible),
		cmocka_unit_test(virt_unaligned),
		cmocka_unit_test(virt_corrupted),
	};
	const char *slash = strrchr(argv[0], '/');

	/* the dtbs are in fdt/ beside this program (build/host/) */
	if (slash && (size_t)(slash - argv[0]) < sizeof(dtb_dir) - 8) {
		memcpy(dtb_dir, argv[0], slash - argv[0] + 1);
		dtb_dir[slash - argv[0] + 1] = 0;
	}
	strcat(dtb_dir, "fdt/");
	return cmocka_run_group_tests(tests, NULL, NULL);
}
