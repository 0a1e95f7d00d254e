// SPDX-License-Identifier: GPL-2.0
/*
 * Host tests for drivers/xen/xenbus_nodes.c: what the toolstack and a
 * blkif backend write is accepted only when it is well-formed; device
 * ids, backend paths, the backend's disk geometry and features, and the
 * disk names Linux would give.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include <tern/xen/xenbus_nodes.h>

static void ids(void **state)
{
	assert_true(xenbus_id_ok("51712", sizeof("51712") - 1, 16));
	assert_true(xenbus_id_ok("0", sizeof("0") - 1, 16));
	assert_false(xenbus_id_ok("", sizeof("") - 1, 16));
	assert_false(xenbus_id_ok("51a12", sizeof("51a12") - 1, 16));
	assert_false(xenbus_id_ok("-1", sizeof("-1") - 1, 16));
	assert_false(xenbus_id_ok("../x", sizeof("../x") - 1, 16));
	assert_false(xenbus_id_ok("1234567890123456", sizeof("1234567890123456") - 1, 16));
	assert_true(xenbus_id_ok("123456789012345", sizeof("123456789012345") - 1, 16));
	/* the length rules, not a NUL: a digit string cut short is fine */
	assert_true(xenbus_id_ok("12x", 2, 16));
}

static void paths(void **state)
{
	assert_true(xenbus_backend_path_ok("/local/domain/0/backend/vbd/3/51712", sizeof("/local/domain/0/backend/vbd/3/51712") - 1, 96));
	assert_false(xenbus_backend_path_ok("/local/domain/", sizeof("/local/domain/") - 1, 96));
	assert_false(xenbus_backend_path_ok("local/domain/0/backend", sizeof("local/domain/0/backend") - 1, 96));
	assert_false(xenbus_backend_path_ok("/local/domainx/0", sizeof("/local/domainx/0") - 1, 96));
	assert_false(xenbus_backend_path_ok("/local/domain/0//backend", sizeof("/local/domain/0//backend") - 1, 96));
	assert_false(xenbus_backend_path_ok("/local/domain/0/backend/", sizeof("/local/domain/0/backend/") - 1, 96));
	assert_false(xenbus_backend_path_ok("/local/domain/0/../1", sizeof("/local/domain/0/../1") - 1, 96));
	assert_false(xenbus_backend_path_ok("/local/domain/0/a b", sizeof("/local/domain/0/a b") - 1, 96));
	assert_false(xenbus_backend_path_ok("/local/domain/0/backend/vbd/3/51712", sizeof("/local/domain/0/backend/vbd/3/51712") - 1, 20));
	assert_false(xenbus_backend_path_ok("/local/domain/0\0/x", 17, 96));
}

static struct blkif_backend_nodes nodes(u64 sectors, u64 ssize, bool given)
{
	struct blkif_backend_nodes n = { .sectors = sectors,
					 .sector_size = ssize,
					 .sector_size_given = given };
	return n;
}

static void geometry(void **state)
{
	struct blkif_backend_nodes n;
	struct blkif_geometry g;
	const char *why;

	n = nodes(131072, 0, false);
	assert_int_equal(blkif_check_backend(&n, 2, 32, &g, &why), 0);
	assert_int_equal(g.logical_block_size, 512);
	assert_int_equal(g.sectors, 131072);
	assert_false(g.read_only);
	assert_false(g.indirect);
	assert_int_equal(g.max_segs, 11);
	assert_int_equal(g.ring_order, 0);

	n = nodes(131072, 4096, true);
	n.info = 4;		/* VDISK_READONLY */
	n.max_ring_order = 4;
	n.max_ring_order_given = true;
	n.max_indirect = 256;
	n.max_indirect_given = true;
	assert_int_equal(blkif_check_backend(&n, 2, 32, &g, &why), 0);
	assert_int_equal(g.logical_block_size, 4096);
	assert_true(g.read_only);
	assert_int_equal(g.ring_order, 2);
	assert_true(g.indirect);
	assert_int_equal(g.max_segs, 32);

	/* a backend offering less than we could use */
	n.max_ring_order = 1;
	n.max_indirect = 16;
	assert_int_equal(blkif_check_backend(&n, 2, 32, &g, &why), 0);
	assert_int_equal(g.ring_order, 1);
	assert_int_equal(g.max_segs, 16);
	n.max_indirect = 11;	/* no more than a plain request */
	assert_int_equal(blkif_check_backend(&n, 2, 32, &g, &why), 0);
	assert_false(g.indirect);
	assert_int_equal(g.max_segs, 11);

	/* past 2^32 sectors is fine */
	n = nodes(3ULL << 31, 512, true);
	assert_int_equal(blkif_check_backend(&n, 2, 32, &g, &why), 0);
	assert_int_equal(g.sectors, 3ULL << 31);
}

static void bad_geometry(void **state)
{
	static const struct { u64 sectors, ssize; bool given; } bad[] = {
		{ 0, 512, true },
		{ 1ULL << 55, 512, true },	/* 2^64 bytes */
		{ ~0ULL, 512, true },
		{ 1024, 0, true },
		{ 1024, 256, true },
		{ 1024, 1000, true },
		{ 1024, 8192, true },
		{ 1024, ~0ULL, true },
		{ 1001, 4096, true },		/* not whole 4 KiB blocks */
	};
	struct blkif_backend_nodes n;
	struct blkif_geometry g;
	const char *why;
	unsigned int i;

	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		n = nodes(bad[i].sectors, bad[i].ssize, bad[i].given);
		why = NULL;
		assert_int_equal(blkif_check_backend(&n, 2, 32, &g, &why),
				 -EINVAL);
		assert_non_null(why);
	}
}

static void names(void **state)
{
	char buf[16];

	blkif_disk_name(buf, sizeof(buf), 51712);	/* 202:0 */
	assert_string_equal(buf, "xvda");
	blkif_disk_name(buf, sizeof(buf), 51728);	/* 202:16 */
	assert_string_equal(buf, "xvdb");
	blkif_disk_name(buf, sizeof(buf), 51712 + 15 * 16);	/* 202:240 */
	assert_string_equal(buf, "xvdp");
	blkif_disk_name(buf, sizeof(buf), (1u << 28) | (25 << 8));
	assert_string_equal(buf, "xvdz");
	blkif_disk_name(buf, sizeof(buf), (1u << 28) | (26 << 8));
	assert_string_equal(buf, "xvdaa");
	blkif_disk_name(buf, sizeof(buf), (1u << 28) | (27 * 26 << 8));
	assert_string_equal(buf, "xvd702");
	blkif_disk_name(buf, sizeof(buf), 1ULL << 40);
	assert_string_equal(buf, "xvd109951162777");	/* cut to fit */
	blkif_disk_name(buf, 4, 51712 + 16 * 3);
	assert_int_equal(strlen(buf), 3);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(ids),
		cmocka_unit_test(paths),
		cmocka_unit_test(geometry),
		cmocka_unit_test(bad_geometry),
		cmocka_unit_test(names),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
