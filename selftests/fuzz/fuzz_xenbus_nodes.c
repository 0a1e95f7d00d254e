// SPDX-License-Identifier: GPL-2.0
/*
 * Fuzz the checks of xenstore nodes other domains write
 * (drivers/xen/xenbus_nodes.c). Input: a selector byte, then either a
 * string (a device id or a backend path, given with its length and
 * without a NUL, in a heap copy of exactly that size so ASan sees any
 * overread) or the numbers a blkif backend writes. Checked: an accepted
 * id is all digits, an accepted path has the prefix and no empty
 * component, accepted geometry is within the stated bounds, and a disk
 * name always fits and is NUL-terminated.
 */
#include <tern/xen/xenbus_nodes.h>

#include "fuzz.h"

static void check_string(const u8 *data, size_t size)
{
	char *s = malloc(size ? size : 1);
	size_t i, max = 1 + data[0] % 128;

	FUZZ_CHECK(s);
	memcpy(s, data + 1, size - 1);
	if (xenbus_id_ok(s, size - 1, max)) {
		FUZZ_CHECK(size - 1 > 0 && size - 1 < max);
		for (i = 0; i < size - 1; i++)
			FUZZ_CHECK(s[i] >= '0' && s[i] <= '9');
	}
	if (xenbus_backend_path_ok(s, size - 1, max)) {
		FUZZ_CHECK(size - 1 < max);
		FUZZ_CHECK(!memcmp(s, "/local/domain/", 14));
		for (i = 0; i + 1 < size - 1; i++)
			FUZZ_CHECK(!(s[i] == '/' && s[i + 1] == '/'));
		FUZZ_CHECK(s[size - 2] != '/');
	}
	free(s);
}

static void check_geometry(const u8 *data, size_t size)
{
	struct blkif_backend_nodes n = { 0 };
	struct blkif_geometry g;
	const char *why = NULL;
	u8 buf[48] = { 0 };
	unsigned int ring, segs;
	char name[16];
	int ret;

	memcpy(buf, data, size < sizeof(buf) ? size : sizeof(buf));
	n.sectors = fuzz_le(buf, 8);
	n.sector_size = fuzz_le(buf + 8, 8);
	n.info = fuzz_le(buf + 16, 8);
	n.max_ring_order = fuzz_le(buf + 24, 8);
	n.max_indirect = fuzz_le(buf + 32, 8);
	n.sector_size_given = buf[40] & 1;
	n.max_ring_order_given = buf[40] & 2;
	n.max_indirect_given = buf[40] & 4;
	ring = buf[41] % 8;
	segs = buf[42];
	ret = blkif_check_backend(&n, ring, segs, &g, &why);
	if (ret) {
		FUZZ_CHECK(ret == -EINVAL && why);
	} else {
		FUZZ_CHECK(g.sectors == n.sectors && g.sectors);
		FUZZ_CHECK(g.sectors <= (~0ULL >> 9));
		FUZZ_CHECK(g.logical_block_size >= 512 &&
			   g.logical_block_size <= 4096 &&
			   !(g.logical_block_size & (g.logical_block_size - 1)));
		FUZZ_CHECK(!(g.sectors % (g.logical_block_size / 512)));
		FUZZ_CHECK(g.ring_order <= ring);
		FUZZ_CHECK(g.max_segs == 11 ||
			   (g.indirect && g.max_segs > 11 && g.max_segs <= segs &&
			    g.max_segs <= n.max_indirect));
	}
	blkif_disk_name(name, 1 + buf[43] % sizeof(name), fuzz_le(buf, 8));
	FUZZ_CHECK(strnlen(name, sizeof(name)) < sizeof(name));
}

int LLVMFuzzerTestOneInput(const u8 *data, size_t size)
{
	if (size < 2)
		return 0;
	if (data[0] & 1)
		check_string(data + 1, size - 1);
	else
		check_geometry(data + 1, size - 1);
	return 0;
}
