// SPDX-License-Identifier: GPL-2.0
/*
 * Device trees for the fdt host tests (test_fdt_platform, test_fdt_pci):
 * blobs dtc compiled at build time (build/host/fdt/NAME.dtb, beside the
 * test program) or compiles now from a source the test writes, each
 * read into an exactly sized heap copy (so ASan sees any read past its
 * end) and checked with fdt_check() into f. Without dtc (package
 * device-tree-compiler) load() and compile() return false and say so.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <cmocka.h>

#include "fdt_dtc.h"

static char dtb_dir[1024];
struct fdt f;
u8 *blob;
size_t blob_size;

/* ---- trees ---- */

bool have_dtc(void)
{
	static int have = -1;

	if (have < 0)
		have = !system("command -v dtc >/dev/null 2>&1");
	if (!have)
		print_message("dtc missing (package device-tree-compiler): skipped\n");
	return have;
}

static void take(u8 *b, size_t n)
{
	free(blob);
	blob = b;
	blob_size = n;
	if (fdt_check(blob, blob_size, &f))
		fail_msg("tree refused by fdt_check: %s", f.why);
}

static u8 *read_all(FILE *fp, size_t *size)
{
	size_t cap = 4096, n = 0, r;
	u8 *b = malloc(cap);

	assert_non_null(b);
	while ((r = fread(b + n, 1, cap - n, fp)) > 0) {
		n += r;
		if (n == cap) {
			cap *= 2;
			b = realloc(b, cap);
			assert_non_null(b);
		}
	}
	*size = n;
	/* exactly sized */
	b = realloc(b, n ? n : 1);
	assert_non_null(b);
	return b;
}

/* build/host/fdt/name, checked into f; false (skip) without dtc */
bool load(const char *name)
{
	char path[1200];
	size_t n;
	FILE *fp;
	u8 *b;

	snprintf(path, sizeof(path), "%s%s", dtb_dir, name);
	fp = fopen(path, "rb");
	if (!fp) {
		print_message("%s missing (dtc not installed? package device-tree-compiler): skipped\n",
			      path);
		return false;
	}
	b = read_all(fp, &n);
	fclose(fp);
	take(b, n);
	assert_int_equal(f.size, n);
	return true;
}

/* The tree dtc compiles from src, checked into f; false without dtc */
bool compile(const char *src)
{
	char tmpl[] = "/tmp/tern-fdt-XXXXXX", cmd[200];
	size_t n;
	FILE *fp;
	int fd;
	u8 *b;

	if (!have_dtc())
		return false;
	fd = mkstemp(tmpl);
	assert_true(fd >= 0);
	assert_int_equal(write(fd, src, strlen(src)), (ssize_t)strlen(src));
	close(fd);
	snprintf(cmd, sizeof(cmd),
		 "dtc -q -I dts -O dtb -W no-unit_address_vs_reg %s", tmpl);
	fp = popen(cmd, "r");
	assert_non_null(fp);
	b = read_all(fp, &n);
	if (pclose(fp))
		fail_msg("dtc refused:\n%s", src);
	unlink(tmpl);
	take(b, n);
	return true;
}

/* ROOT, the nodes in body, END */
bool compile_root(const char *body)
{
	static char src[65536];

	assert_true(strlen(ROOT) + strlen(body) + strlen(END) < sizeof(src));
	strcpy(src, ROOT);
	strcat(src, body);
	strcat(src, END);
	return compile(src);
}

/* the dtbs are in fdt/ beside the test program (build/host/) */
void fdt_dtc_init(const char *argv0)
{
	const char *slash = strrchr(argv0, '/');

	if (slash && (size_t)(slash - argv0) < sizeof(dtb_dir) - 8) {
		memcpy(dtb_dir, argv0, slash - argv0 + 1);
		dtb_dir[slash - argv0 + 1] = 0;
	}
	strcat(dtb_dir, "fdt/");
}

void fdt_dtc_exit(void)
{
	free(blob);
	blob = NULL;
}
