// SPDX-License-Identifier: GPL-2.0
/*
 * Host tests for lib/cpio.c: archives written by the real GNU cpio
 * (`cpio -o -H newc` and `-H crc`, run here over a tree made in a
 * temporary directory: files, a relative and an absolute symlink, a
 * symlink chain and loop, a hard link), then archives built here with one
 * thing wrong each: every header field, the name rules, the padding, the
 * crc, and the archive cut at every byte.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/stat.h>
#include <cmocka.h>

#include <tern/cpio.h>

static const char kernel_data[] = "not really a kernel, 33 bytes..\n";
static const char cfg_data[] = "name = \"g1\"\nkernel = \"/vmlinuz\"\n";

struct archive {
	u8 *p;
	size_t len;
};

static void write_file(const char *path, const char *data)
{
	FILE *f = fopen(path, "w");

	assert_non_null(f);
	assert_int_equal(fwrite(data, 1, strlen(data), f), strlen(data));
	assert_int_equal(fclose(f), 0);
}

static const char *at(const char *dir, const char *rel)
{
	static char path[256];

	snprintf(path, sizeof(path), "%s/%s", dir, rel);
	return path;
}

/* The tree, archived by `cpio -o -H fmt`, read back into memory. */
static struct archive real_cpio(const char *fmt)
{
	static const char *const dirs[] = { "boot", "etc", "etc/xen",
					    "etc/xen/auto", "empty" };
	static const char *const links[][2] = {
		{ "boot/vmlinuz-6.1.0-18-amd64", "vmlinuz" },
		{ "/boot/vmlinuz-6.1.0-18-amd64", "boot/abs" },
		{ "../vmlinuz", "boot/chain" },
		{ "loop2", "boot/loop1" },
		{ "loop1", "boot/loop2" },
		{ "nowhere", "boot/dangling" },
	};
	char dir[] = "/tmp/tern-cpio-XXXXXX", cmd[256], from[256];
	struct archive a = { NULL, 0 };
	size_t cap = 0, n, i;
	FILE *f;

	assert_non_null(mkdtemp(dir));
	for (i = 0; i < ARRAY_SIZE(dirs); i++)
		assert_int_equal(mkdir(at(dir, dirs[i]), 0755), 0);
	for (i = 0; i < ARRAY_SIZE(links); i++)
		assert_int_equal(symlink(links[i][0], at(dir, links[i][1])), 0);
	write_file(at(dir, "boot/vmlinuz-6.1.0-18-amd64"), kernel_data);
	write_file(at(dir, "etc/xen/auto/g1.cfg"), cfg_data);
	snprintf(from, sizeof(from), "%s", at(dir, "boot/vmlinuz-6.1.0-18-amd64"));
	assert_int_equal(link(from, at(dir, "boot/hardlink")), 0);

	snprintf(cmd, sizeof(cmd),
		 "cd %s && find . | LC_ALL=C sort | cpio --quiet -o -H %s",
		 dir, fmt);
	f = popen(cmd, "r");
	assert_non_null(f);
	do {
		if (a.len == cap) {
			cap = cap ? 2 * cap : 4096;
			a.p = realloc(a.p, cap);
			assert_non_null(a.p);
		}
		n = fread(a.p + a.len, 1, cap - a.len, f);
		a.len += n;
	} while (n);
	assert_int_equal(pclose(f), 0);
	snprintf(cmd, sizeof(cmd), "rm -rf %s", dir);
	assert_int_equal(system(cmd), 0);
	return a;
}

/* What cpio writes of `find . | sort`: normalized names, types. */
static const struct {
	const char *name;
	enum cpio_type type;
} tree[] = {
	{ "", CPIO_DIR },
	{ "boot", CPIO_DIR },
	{ "boot/abs", CPIO_SYMLINK },
	{ "boot/chain", CPIO_SYMLINK },
	{ "boot/dangling", CPIO_SYMLINK },
	{ "boot/loop1", CPIO_SYMLINK },
	{ "boot/loop2", CPIO_SYMLINK },
	/* cpio holds a hard link back until the group's last name */
	{ "boot/hardlink", CPIO_REG },
	{ "boot/vmlinuz-6.1.0-18-amd64", CPIO_REG },
	{ "empty", CPIO_DIR },
	{ "etc", CPIO_DIR },
	{ "etc/xen", CPIO_DIR },
	{ "etc/xen/auto", CPIO_DIR },
	{ "etc/xen/auto/g1.cfg", CPIO_REG },
	{ "vmlinuz", CPIO_SYMLINK },
};

static void check_real(const char *fmt)
{
	struct archive a = real_cpio(fmt);
	struct cpio_entry e;
	struct cpio_iter it;
	unsigned int i = 0;
	int ret;

	/* cpio pads the whole archive to 512 bytes */
	assert_int_equal(a.len % 512, 0);
	cpio_iter_init(&it, a.p, a.len);
	while ((ret = cpio_next(&it, &e)) == 1) {
		assert_true(i < ARRAY_SIZE(tree));
		assert_string_equal(e.name, tree[i].name);
		assert_int_equal(e.type, tree[i].type);
		assert_true((const u8 *)e.data >= a.p);
		assert_true((const u8 *)e.data + e.size <= a.p + a.len);
		assert_int_equal(e.offset % 4, 0);
		if (!strcmp(e.name, "vmlinuz")) {
			assert_int_equal(e.size, 27);
			assert_memory_equal(e.data, "boot/vmlinuz-6.1.0-18-amd64",
					    27);
			assert_int_equal(e.mode, 0120777);
		}
		if (!strcmp(e.name, "etc/xen/auto/g1.cfg")) {
			assert_int_equal(e.size, strlen(cfg_data));
			assert_memory_equal(e.data, cfg_data, e.size);
			assert_int_equal(e.nlink, 1);
		}
		/* cpio writes a hard link group's data with its last name */
		if (!strcmp(e.name, "boot/hardlink")) {
			assert_int_equal(e.size, 0);
			assert_int_equal(e.nlink, 2);
		}
		i++;
	}
	assert_int_equal(ret, 0);
	assert_int_equal(i, ARRAY_SIZE(tree));
	/* the end is sticky */
	assert_int_equal(cpio_next(&it, &e), 0);

	/* absolute and relative paths name the same entry */
	assert_int_equal(cpio_find(a.p, a.len, "/etc/xen/auto/g1.cfg", &e), 0);
	assert_int_equal(e.size, strlen(cfg_data));
	assert_int_equal(cpio_find(a.p, a.len, "etc/xen/auto/g1.cfg", &e), 0);
	assert_int_equal(cpio_find(a.p, a.len, "./etc//xen/./auto/g1.cfg",
				   &e), 0);
	assert_string_equal(e.name, "etc/xen/auto/g1.cfg");

	/* Debian's /vmlinuz: a relative symlink */
	assert_int_equal(cpio_find(a.p, a.len, "/vmlinuz", &e), 0);
	assert_string_equal(e.name, "boot/vmlinuz-6.1.0-18-amd64");
	assert_int_equal(e.type, CPIO_REG);
	assert_int_equal(e.size, strlen(kernel_data));
	assert_memory_equal(e.data, kernel_data, e.size);
	/* absolute target, and a chain through ".." */
	assert_int_equal(cpio_find(a.p, a.len, "boot/abs", &e), 0);
	assert_string_equal(e.name, "boot/vmlinuz-6.1.0-18-amd64");
	assert_int_equal(cpio_find(a.p, a.len, "/boot/chain", &e), 0);
	assert_string_equal(e.name, "boot/vmlinuz-6.1.0-18-amd64");
	assert_memory_equal(e.data, kernel_data, e.size);
	/* the hard link written without data gets its group's */
	assert_int_equal(cpio_find(a.p, a.len, "/boot/hardlink", &e), 0);
	assert_string_equal(e.name, "boot/hardlink");
	assert_int_equal(e.size, strlen(kernel_data));
	assert_memory_equal(e.data, kernel_data, e.size);
	/* ".." in the path goes up, never above the root */
	assert_int_equal(cpio_find(a.p, a.len, "/../etc/../vmlinuz", &e), 0);
	assert_string_equal(e.name, "boot/vmlinuz-6.1.0-18-amd64");

	assert_int_equal(cpio_find(a.p, a.len, "/boot/loop1", &e), -ELOOP);
	assert_int_equal(cpio_find(a.p, a.len, "/boot/dangling", &e), -ENOENT);
	assert_int_equal(cpio_find(a.p, a.len, "/boot/nothing", &e), -ENOENT);
	assert_int_equal(cpio_find(a.p, a.len, "/boot", &e), 0);
	assert_int_equal(e.type, CPIO_DIR);
	assert_int_equal(cpio_find(a.p, a.len, "/", &e), 0);
	assert_string_equal(e.name, "");
	assert_int_equal(e.type, CPIO_DIR);

	/* cut anywhere before the end of the trailer: truncated */
	for (i = 0; i <= a.len; i++) {
		ret = cpio_find(a.p, i, "/nothing", &e);
		if (ret != -E2BIG)
			break;
	}
	assert_int_equal(ret, -ENOENT);
	assert_true(i > a.len - 512 && i % 4 == 0);
	free(a.p);
}

static void real_newc(void **state)
{
	check_real("newc");
}

static void real_crc(void **state)
{
	struct archive a;
	struct cpio_entry e;
	size_t off;

	check_real("crc");
	a = real_cpio("crc");
	assert_int_equal(cpio_find(a.p, a.len, "/vmlinuz", &e), 0);
	/* one bit of the kernel flipped: the sum is wrong */
	off = (const u8 *)e.data - a.p;
	a.p[off + 3] ^= 0x10;
	assert_int_equal(cpio_find(a.p, a.len, "/vmlinuz", &e), -EBADMSG);
	/* newc does not check */
	memcpy(a.p + e.offset, "070701", 6);
	assert_int_equal(cpio_find(a.p, a.len, "/vmlinuz", &e), 0);
	free(a.p);
}

/* ---- archives built here ----------------------------------------------- */

struct hdr {
	const char *magic;
	u32 f[13];
};

enum { INO, MODE, UID, GID, NLINK, MTIME, SIZE, DMAJ, DMIN, RMAJ, RMIN,
	NSIZE, CHECK };

static u8 buf[1 << 16];

/* One entry at off; namesize is strlen + 1 unless h->f[NSIZE] is set. */
static size_t put(size_t off, struct hdr h, const char *name,
		  const void *data, size_t size)
{
	size_t nsz = h.f[NSIZE] ? h.f[NSIZE] : strlen(name) + 1;
	unsigned int i;
	char *p = (char *)buf + off;

	if (!h.magic)
		h.magic = "070701";
	h.f[NSIZE] = nsz;
	if (!h.f[SIZE])
		h.f[SIZE] = size;
	if (!h.f[NLINK])
		h.f[NLINK] = 1;
	p += sprintf(p, "%s", h.magic);
	for (i = 0; i < 13; i++)
		p += sprintf(p, "%08X", h.f[i]);
	memcpy(p, name, strlen(name) + 1);
	off += 110 + nsz;
	while (off % 4)
		buf[off++] = 0;
	memcpy(buf + off, data, size);
	off += size;
	while (off % 4)
		buf[off++] = 0;
	return off;
}

static size_t put_file(size_t off, const char *name, const char *data)
{
	struct hdr h = { .f = { [MODE] = 0100644 } };

	return put(off, h, name, data, strlen(data));
}

static size_t put_trailer(size_t off)
{
	struct hdr h = { 0 };

	return put(off, h, "TRAILER!!!", "", 0);
}

static int first(size_t len, struct cpio_entry *e)
{
	struct cpio_iter it;

	cpio_iter_init(&it, buf, len);
	return cpio_next(&it, e);
}

/* Read all, return the first error or 0 at the end; *n entries. */
static int all(size_t len, unsigned int *n)
{
	struct cpio_entry e;
	struct cpio_iter it;
	int ret;

	*n = 0;
	cpio_iter_init(&it, buf, len);
	while ((ret = cpio_next(&it, &e)) == 1)
		(*n)++;
	/* sticky */
	assert_int_equal(cpio_next(&it, &e), ret);
	return ret;
}

static void built_ok(void **state)
{
	struct cpio_entry e;
	unsigned int n;
	size_t len = 0;

	len = put_file(len, "./boot/x", "first");
	len = put_file(len, "/boot//x", "second, later");
	len = put_file(len, "a", "");
	len = put_file(len, "boot/./y", "yy");
	len = put_trailer(len);
	assert_int_equal(all(len, &n), 0);
	assert_int_equal(n, 4);
	/* the later of two entries of the same name wins */
	assert_int_equal(cpio_find(buf, len, "boot/x", &e), 0);
	assert_int_equal(e.size, 13);
	assert_memory_equal(e.data, "second, later", 13);
	assert_int_equal(cpio_find(buf, len, "/boot/y", &e), 0);
	assert_string_equal(e.name, "boot/y");
	assert_int_equal(cpio_find(buf, len, "a", &e), 0);
	assert_int_equal(e.size, 0);
	/* lower-case hex is fine too */
	memcpy(buf + 6, "0000000a", 8);
	assert_int_equal(first(len, &e), 1);
	assert_int_equal(e.ino, 10);
	/* what follows the trailer is not read */
	memset(buf + len, 0xff, 64);
	assert_int_equal(all(len + 64, &n), 0);
	/* no archive at all: truncated */
	assert_int_equal(all(0, &n), -E2BIG);
}

static void bad_fields(void **state)
{
	struct cpio_entry e;
	size_t len, i;

	len = put_file(0, "boot/x", "data");
	len = put_trailer(len);
	assert_int_equal(first(len, &e), 1);

	/* every byte of the magic */
	for (i = 0; i < 6; i++) {
		u8 c = buf[i];

		buf[i] = i == 5 ? '3' : 'x';
		assert_int_equal(first(len, &e), -EINVAL);
		buf[i] = c;
	}
	memcpy(buf, "070707", 6);	/* the old portable format */
	assert_int_equal(first(len, &e), -EINVAL);
	memcpy(buf, "070701", 6);
	/* a non-hex digit anywhere in any of the 13 fields */
	for (i = 6; i < 110; i++) {
		u8 c = buf[i];

		buf[i] = i % 3 ? 'g' : ' ';
		assert_int_equal(first(len, &e), -EINVAL);
		buf[i] = c;
	}
	assert_int_equal(first(len, &e), 1);
}

static void bad_names(void **state)
{
	struct hdr h = { .f = { [MODE] = 0100644 } };
	struct cpio_entry e;
	char name[CPIO_NAME_MAX + 8];
	unsigned int n;
	size_t len;

	/* name size 0 */
	h.f[NSIZE] = 0;
	len = put(0, h, "", "", 0);
	memcpy(buf + 94, "00000000", 8);
	assert_int_equal(first(len, &e), -EINVAL);
	/* not NUL-terminated at namesize - 1 */
	h.f[NSIZE] = 3;
	len = put(0, h, "abcd", "", 0);
	assert_int_equal(first(len, &e), -EINVAL);
	/* a NUL inside */
	h.f[NSIZE] = 4;
	len = put(0, h, "a", "", 0);
	buf[112] = 'b';
	buf[113] = '\0';
	assert_int_equal(first(len, &e), -EINVAL);
	/* name size past the end */
	h.f[NSIZE] = 0;
	len = put(0, h, "abc", "", 0);
	memcpy(buf + 94, "00001000", 8);
	assert_int_equal(first(len, &e), -E2BIG);
	/* ".." components */
	len = put_file(0, "../etc/shadow", "x");
	assert_int_equal(first(len, &e), -EINVAL);
	len = put_file(0, "boot/../../x", "x");
	assert_int_equal(first(len, &e), -EINVAL);
	len = put_file(0, "boot/..", "x");
	assert_int_equal(first(len, &e), -EINVAL);
	/* "..." and "..x" are names */
	len = put_file(0, "boot/.../..x", "x");
	assert_int_equal(first(len, &e), 1);
	assert_string_equal(e.name, "boot/.../..x");
	/* the longest name, and one more */
	memset(name, 'n', sizeof(name));
	name[CPIO_NAME_MAX - 1] = '\0';
	len = put_file(0, name, "x");
	assert_int_equal(first(len, &e), 1);
	assert_int_equal(strlen(e.name), CPIO_NAME_MAX - 1);
	name[CPIO_NAME_MAX - 1] = 'n';
	name[CPIO_NAME_MAX] = '\0';
	len = put_file(0, name, "x");
	assert_int_equal(first(len, &e), -ENAMETOOLONG);
	/* but "./" and "//" do not count */
	memcpy(name, "./////", 6);
	len = put_file(0, name, "x");
	assert_int_equal(first(len, &e), 1);
	assert_int_equal(cpio_find(buf, 0, name, &e), -ENAMETOOLONG);
	/* the trailer's name must be exact */
	len = put_file(0, "TRAILER!!", "");
	len = put_file(len, "TRAILER!!!!", "");
	assert_int_equal(all(len, &n), -E2BIG);
	assert_int_equal(n, 2);
}

static void bad_padding(void **state)
{
	struct cpio_entry e;
	size_t len;

	/* 110 + 3, name padding 113..115, data 116, padding 117..119 */
	len = put_file(0, "ab", "d");
	len = put_trailer(len);
	assert_int_equal(first(len, &e), 1);
	assert_int_equal(e.size, 1);
	assert_ptr_equal(e.data, buf + 116);
	buf[113] = 1;
	assert_int_equal(first(len, &e), -EINVAL);
	buf[113] = 0;
	buf[115] = 0x80;
	assert_int_equal(first(len, &e), -EINVAL);
	buf[115] = 0;
	buf[119] = 1;
	assert_int_equal(first(len, &e), -EINVAL);
	buf[119] = 0;
	/* name or data padding cut off: truncated */
	assert_int_equal(first(114, &e), -E2BIG);
	assert_int_equal(first(119, &e), -E2BIG);
	assert_int_equal(first(120, &e), 1);
}

static void bad_modes(void **state)
{
	static const u32 bad[] = { 0, 0030000, 0050000, 0070000, 0110000,
				   0130000, 0150000, 0160000, 0170000,
				   0200644, 0x80000000 | 0100644 };
	static const u32 other[] = { 0020600, 0060600, 0010600, 0140600 };
	struct hdr h = { 0 };
	struct cpio_entry e;
	unsigned int i;
	size_t len;

	for (i = 0; i < ARRAY_SIZE(bad); i++) {
		h.f[MODE] = bad[i];
		len = put(0, h, "x", "", 0);
		assert_int_equal(first(len, &e), -EINVAL);
	}
	for (i = 0; i < ARRAY_SIZE(other); i++) {
		h.f[MODE] = other[i];
		len = put(0, h, "dev/x", "", 0);
		assert_int_equal(first(len, &e), 1);
		assert_int_equal(e.type, CPIO_OTHER);
		/* with data */
		len = put(0, h, "dev/x", "abcd", 4);
		assert_int_equal(first(len, &e), -EINVAL);
	}
	h.f[MODE] = 040755;
	len = put(0, h, "d", "abcd", 4);
	assert_int_equal(first(len, &e), -EINVAL);
	/* the trailer carries no data */
	h.f[MODE] = 0;
	len = put(0, h, "TRAILER!!!", "abcd", 4);
	assert_int_equal(first(len, &e), -EINVAL);
}

static void bad_sizes(void **state)
{
	struct hdr h = { .f = { [MODE] = 0100644 } };
	struct cpio_entry e;
	size_t len;

	/* file size past the end, by one and by 4 GiB - 1 */
	h.f[SIZE] = 5;
	len = put(0, h, "abc", "abcd", 4);
	assert_int_equal(first(len, &e), -E2BIG);
	h.f[SIZE] = 0xffffffff;
	len = put(0, h, "abc", "abcd", 4);
	assert_int_equal(first(len, &e), -E2BIG);
	/* no trailer */
	len = put_file(0, "a", "b");
	assert_int_equal(first(len, &e), 1);
	assert_int_equal(cpio_find(buf, len, "a", &e), -E2BIG);
}

static void crc(void **state)
{
	struct hdr h = { .magic = "070702", .f = { [MODE] = 0100644 } };
	struct cpio_entry e;
	size_t len;

	/* 'a' + 'b' + 0xff */
	h.f[CHECK] = 0x61 + 0x62 + 0xff;
	len = put(0, h, "f", "ab\xff", 3);
	assert_int_equal(first(len, &e), 1);
	h.f[CHECK]++;
	len = put(0, h, "f", "ab\xff", 3);
	assert_int_equal(first(len, &e), -EBADMSG);
	/* the sum wraps at 2^32: 0 for no data */
	h.f[CHECK] = 0;
	len = put(0, h, "f", "", 0);
	assert_int_equal(first(len, &e), 1);
	/* symlinks are not summed */
	h.f[MODE] = 0120777;
	h.f[CHECK] = 0;
	len = put(0, h, "l", "target", 6);
	assert_int_equal(first(len, &e), 1);
}

static void symlinks(void **state)
{
	struct hdr l = { .f = { [MODE] = 0120777 } };
	struct cpio_entry e;
	char target[CPIO_NAME_MAX + 1];
	size_t len = 0;
	int i;

	/* a chain of exactly CPIO_SYMLINK_DEPTH links resolves */
	for (i = 0; i < CPIO_SYMLINK_DEPTH; i++) {
		char name[8], to[8];

		snprintf(name, sizeof(name), "l%d", i);
		snprintf(to, sizeof(to), "l%d", i + 1);
		len = put(len, l, name, to, strlen(to));
	}
	len = put_file(len, "l8", "end");
	len = put(len, l, "m", "l0", 2);
	len = put(len, l, "empty", "", 0);
	len = put(len, l, "nul", "a\0b", 3);
	memset(target, 'x', sizeof(target));
	len = put(len, l, "long", target, sizeof(target));
	len = put(len, l, "d/up", "../../../l8", 11);
	len = put_trailer(len);
	assert_int_equal(cpio_find(buf, len, "l0", &e), 0);
	assert_string_equal(e.name, "l8");
	assert_int_equal(cpio_find(buf, len, "m", &e), -ELOOP);
	assert_int_equal(cpio_find(buf, len, "empty", &e), -EINVAL);
	assert_int_equal(cpio_find(buf, len, "nul", &e), -EINVAL);
	assert_int_equal(cpio_find(buf, len, "long", &e), -ENAMETOOLONG);
	assert_int_equal(cpio_find(buf, len, "d/up", &e), 0);
	assert_string_equal(e.name, "l8");
	/* a directory symlink in the middle is not followed */
	assert_int_equal(cpio_find(buf, len, "m/x", &e), -ENOENT);
}

static void hardlinks(void **state)
{
	struct hdr h = { .f = { [MODE] = 0100644, [INO] = 5, [NLINK] = 2 } };
	struct hdr one = { .f = { [MODE] = 0100644, [INO] = 5 } };
	struct hdr dev = { .f = { [MODE] = 0100644, [INO] = 5, [NLINK] = 2,
				  [DMIN] = 1 } };
	struct cpio_entry e;
	size_t len = 0, end;

	len = put(len, h, "h1", "", 0);
	len = put(len, one, "other", "one", 3);
	len = put(len, dev, "elsewhere", "dev", 3);
	end = put_trailer(len);
	/* neither a single link nor another device's file gives its data */
	assert_int_equal(cpio_find(buf, end, "h1", &e), 0);
	assert_int_equal(e.size, 0);
	len = put(len, h, "h2", "abcd", 4);
	len = put(len, h, "h3", "", 0);
	len = put_trailer(len);
	assert_int_equal(cpio_find(buf, len, "h1", &e), 0);
	assert_string_equal(e.name, "h1");
	assert_int_equal(e.size, 4);
	assert_memory_equal(e.data, "abcd", 4);
	/* a link after the data gets it too */
	assert_int_equal(cpio_find(buf, len, "h3", &e), 0);
	assert_int_equal(e.size, 4);
	assert_int_equal(cpio_find(buf, len, "elsewhere", &e), 0);
	assert_memory_equal(e.data, "dev", 3);
}

/* Millions of entries cost one pass each: 200000 of the smallest. */
static void many(void **state)
{
	size_t n = 200000, len = 0, i;
	struct cpio_entry e;
	u8 *big = malloc(n * 112 + 128);

	assert_non_null(big);
	for (i = 0; i < n; i++) {
		snprintf((char *)big + len, 112,
			 "070701%08X%08X%08X%08X%08X%08X%08X%08X%08X%08X%08X%08X%08X",
			 (u32)i, 0100644, 0, 0, 1, 0, 0, 0, 0, 0, 0, 2, 0);
		big[len + 110] = 'a' + i % 26;
		big[len + 111] = '\0';
		len += 112;
	}
	memcpy(big + len, buf, put_trailer(0));
	len += put_trailer(0);
	assert_int_equal(cpio_find(big, len, "/nothing", &e), -ENOENT);
	assert_int_equal(cpio_find(big, len, "/z", &e), 0);
	for (i = n - 1; i % 26 != 25; i--)
		;
	assert_int_equal(e.ino, i);
	free(big);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(real_newc),
		cmocka_unit_test(real_crc),
		cmocka_unit_test(built_ok),
		cmocka_unit_test(bad_fields),
		cmocka_unit_test(bad_names),
		cmocka_unit_test(bad_padding),
		cmocka_unit_test(bad_modes),
		cmocka_unit_test(bad_sizes),
		cmocka_unit_test(crc),
		cmocka_unit_test(symlinks),
		cmocka_unit_test(hardlinks),
		cmocka_unit_test(many),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
