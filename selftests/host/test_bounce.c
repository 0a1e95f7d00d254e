// SPDX-License-Identifier: GPL-2.0
/*
 * Host tests for kernel/bounce.c: the DMA bounce pool on ordinary memory
 * with made-up segment bus addresses. Copies in and out, page offsets
 * kept, segments never crossed, masks respected, bad unmaps refused,
 * and a random map/unmap workload whose slot accounting must balance.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdlib.h>
#include <cmocka.h>

#include <tern/dma.h>
#include <tern/string.h>

#define NSEGS	4
#define NSLOTS	(NSEGS * BOUNCE_SEG_SLOTS)

static bus_addr_t seg_bus[NSEGS];
static struct bounce_map_info info[NSLOTS];
static struct bounce_pool pool;
static u8 *mem;

static int setup(void **state)
{
	static const u64 bases[NSEGS] = {
		0x90000000, 0x10000000, 0x50000000, 0xfff00000,
	};
	unsigned int s;

	mem = aligned_alloc(BOUNCE_SLOT_SIZE, NSLOTS * BOUNCE_SLOT_SIZE);
	if (!mem)
		return -1;
	for (s = 0; s < NSEGS; s++)
		seg_bus[s] = _bus(bases[s]);
	return bounce_pool_init(&pool, mem, NSLOTS, seg_bus, info);
}

static int teardown(void **state)
{
	free(mem);
	return 0;
}

static void rejects_bad_pools(void **state)
{
	struct bounce_pool p;
	bus_addr_t odd[1] = { _bus(0x1234) };

	assert_int_equal(bounce_pool_init(&p, mem, 10, seg_bus, info),
			 -EINVAL);
	assert_int_equal(bounce_pool_init(&p, mem + 8, BOUNCE_SEG_SLOTS,
					  seg_bus, info), -EINVAL);
	assert_int_equal(bounce_pool_init(&p, mem, BOUNCE_SEG_SLOTS, odd,
					  info), -EINVAL);
}

static void round_trip(void **state)
{
	u8 *buf = aligned_alloc(4096, 3 * 4096);
	bus_addr_t bus;
	size_t i;
	int slot;

	assert_non_null(buf);
	for (i = 0; i < 6000; i++)
		buf[777 + i] = (u8)(i * 13);
	assert_int_equal(bounce_map(&pool, buf + 777, 6000, ~0ULL, true,
				    &bus), 0);
	assert_int_equal(bus_x(bus) & 4095, 777);
	assert_int_equal(pool.used, 2);
	assert_true(bounce_owns(&pool, bus));
	slot = 0;	/* first fit: segment 0, slot 0 */
	assert_int_equal(bus_x(bus), 0x90000000 + 777);
	assert_memory_equal(mem + slot * 4096 + 777, buf + 777, 6000);
	memset(mem + 777, 0x5a, 6000);
	assert_int_equal(bounce_unmap(&pool, bus, 6000, true), 0);
	for (i = 0; i < 6000; i++)
		assert_int_equal(buf[777 + i], 0x5a);
	assert_int_equal(pool.used, 0);
	assert_int_equal(bounce_unmap(&pool, bus, 6000, true), -EINVAL);
	free(buf);
}

static void masks_and_segments(void **state)
{
	u8 *buf = aligned_alloc(4096, BOUNCE_SEG_SIZE + 4096);
	bus_addr_t b1, b2;

	assert_non_null(buf);
	/* only segment 1 (0x10000000) lies under 512 MiB */
	assert_int_equal(bounce_map(&pool, buf, 100, DMA_BIT_MASK(29), false,
				    &b1), 0);
	assert_int_equal(bus_x(b1), 0x10000000);
	/* a whole segment does not fit in segment 1 any more */
	assert_int_equal(bounce_map(&pool, buf, BOUNCE_SEG_SIZE,
				    DMA_BIT_MASK(29), false, &b2), -ENOSPC);
	assert_int_equal(bounce_map(&pool, buf, BOUNCE_SEG_SIZE, ~0ULL,
				    false, &b2), 0);
	assert_int_equal(bus_x(b2), 0x90000000);
	/* a page offset plus a full segment is too long */
	assert_int_equal(bounce_map(&pool, buf + 8, BOUNCE_SEG_SIZE, ~0ULL,
				    false, &b2), -EINVAL);
	assert_int_equal(bounce_unmap(&pool, _bus(0x90000000),
				      BOUNCE_SEG_SIZE, false), 0);
	assert_int_equal(bounce_unmap(&pool, b1, 100, false), 0);
	assert_int_equal(pool.used, 0);
	free(buf);
}

static void random_workload(void **state)
{
	struct { bus_addr_t bus; size_t len; bool live; } m[64] = { 0 };
	u8 *buf = aligned_alloc(4096, BOUNCE_SEG_SIZE + 4096);
	unsigned int i, used = 0;

	assert_non_null(buf);
	srand(7);
	for (i = 0; i < 20000; i++) {
		unsigned int k = rand() % 64;

		if (m[k].live) {
			assert_int_equal(bounce_unmap(&pool, m[k].bus,
						      m[k].len, false), 0);
			used -= (((bus_x(m[k].bus) & 4095) + m[k].len + 4095)
				 >> 12);
			m[k].live = false;
		} else {
			size_t off = rand() % 4096;
			size_t len = 1 + rand() % (BOUNCE_SEG_SIZE / 4);
			int ret = bounce_map(&pool, buf + off, len, ~0ULL,
					     false, &m[k].bus);

			if (ret) {
				assert_int_equal(ret, -ENOSPC);
				continue;
			}
			assert_int_equal(bus_x(m[k].bus) & 4095, off);
			assert_true(bounce_owns(&pool, m[k].bus));
			/* no two segments touch: last byte owned = same one */
			assert_true(bounce_owns(&pool,
						_bus(bus_x(m[k].bus) + len - 1)));
			m[k].len = len;
			m[k].live = true;
			used += (off + len + 4095) >> 12;
		}
		assert_int_equal(pool.used, used);
	}
	for (i = 0; i < 64; i++)
		if (m[i].live)
			assert_int_equal(bounce_unmap(&pool, m[i].bus,
						      m[i].len, false), 0);
	assert_int_equal(pool.used, 0);
	free(buf);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(rejects_bad_pools),
		cmocka_unit_test(round_trip),
		cmocka_unit_test(masks_and_segments),
		cmocka_unit_test(random_workload),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
