// SPDX-License-Identifier: GPL-2.0
/*
 * Host tests of kernel/memmap.c: exact results for hand-made maps, and
 * properties (invariants, safety, idempotence, a brute-force model) for
 * random, corrupt and absurd ones.
 *
 * Safety means: every byte the result calls RAM was RAM in some input
 * entry and in no non-RAM input entry; every byte of a non-RAM input
 * entry is non-RAM in the result.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <stdio.h>
#include <string.h>
#include <cmocka.h>

#include <tern/memmap.h>

#define U64_MAX		(~0ULL)
#define RAM_LIMIT	(1ULL << 52)

struct raw {
	u64 addr;
	u64 size;
	u32 type;
};

static struct memmap map;

static u64 rng_state = 0x9e3779b97f4a7c15ULL;

static u64 rnd(void)
{
	u64 x = rng_state;

	x ^= x << 13;
	x ^= x >> 7;
	x ^= x << 17;
	rng_state = x;
	return x;
}

static u64 rnd_below(u64 n)
{
	return n ? rnd() % n : 0;
}

static u32 norm(u32 t)
{
	return t >= 1 && t <= 5 ? t : MEMMAP_RESERVED;
}

/* Inclusive last byte of an entry, or false for an entry that is nothing. */
static bool raw_last(const struct raw *r, u64 *last)
{
	if (!r->size)
		return false;
	if (r->size - 1 > U64_MAX - r->addr) {
		if (norm(r->type) == MEMMAP_RAM)
			return false;
		*last = U64_MAX;
		return true;
	}
	*last = r->addr + r->size - 1;
	return true;
}

static u64 ent_last(const struct memmap_entry *e)
{
	return e->addr + (e->size - 1);
}

static void check_invariants(const struct memmap *m)
{
	unsigned int i;

	assert_true(m->nr <= MEMMAP_MAX);
	for (i = 0; i < m->nr; i++) {
		const struct memmap_entry *e = &m->e[i];

		assert_true(e->size > 0);
		assert_true(e->size - 1 <= U64_MAX - e->addr);
		assert_true(e->type >= MEMMAP_RAM && e->type <= MEMMAP_UNUSABLE);
		if (e->type == MEMMAP_RAM) {
			assert_int_equal(e->addr % 4096, 0);
			assert_int_equal(e->size % 4096, 0);
			assert_true(ent_last(e) < RAM_LIMIT);
		}
		if (i) {
			const struct memmap_entry *p = &m->e[i - 1];

			assert_true(ent_last(p) < e->addr);
			if (p->type == e->type)
				assert_true(ent_last(p) + 1 < e->addr);
		}
	}
}

/* Is [s, l] covered by the union of input entries of the given type? */
static bool raw_covers_type(const struct raw *in, unsigned int n, u64 s,
			    u64 l, u32 type)
{
	for (;;) {
		u64 best = s;
		bool any = false;
		unsigned int i;

		for (i = 0; i < n; i++) {
			u64 last;

			if (!raw_last(&in[i], &last))
				continue;
			if (norm(in[i].type) != type)
				continue;
			if (type == MEMMAP_RAM && last >= RAM_LIMIT)
				last = RAM_LIMIT - 1;
			if (in[i].addr <= s && last >= s && (!any || last > best)) {
				best = last;
				any = true;
			}
		}
		if (!any)
			return false;
		if (best >= l)
			return true;
		s = best + 1;
	}
}

static bool map_covers_nonram(const struct memmap *m, u64 s, u64 l)
{
	unsigned int i;

	for (i = 0; i < m->nr && s <= l; i++) {
		const struct memmap_entry *e = &m->e[i];

		if (ent_last(e) < s)
			continue;
		if (e->addr > s || e->type == MEMMAP_RAM)
			return false;
		if (ent_last(e) >= l)
			return true;
		s = ent_last(e) + 1;
	}
	return false;
}

static void check_safety(const struct memmap *m, const struct raw *in,
			 unsigned int n)
{
	unsigned int i, j;
	bool lost_top = false;

	for (i = 0; i < m->nr; i++) {
		const struct memmap_entry *e = &m->e[i];

		if (!e->addr && e->size == U64_MAX && e->type != MEMMAP_RAM)
			lost_top = true;
		if (e->type != MEMMAP_RAM)
			continue;
		assert_true(raw_covers_type(in, n, e->addr, ent_last(e),
					    MEMMAP_RAM));
		for (j = 0; j < n; j++) {
			u64 last;

			if (!raw_last(&in[j], &last) ||
			    norm(in[j].type) == MEMMAP_RAM)
				continue;
			assert_false(in[j].addr <= ent_last(e) &&
				     last >= e->addr);
		}
	}
	/* ACPI (reclaimable) only where the input said ACPI and nothing stronger */
	for (i = 0; i < m->nr; i++) {
		const struct memmap_entry *e = &m->e[i];

		if (e->type != MEMMAP_ACPI)
			continue;
		assert_true(raw_covers_type(in, n, e->addr, ent_last(e),
					    MEMMAP_ACPI));
		for (j = 0; j < n; j++) {
			u64 last;

			if (!raw_last(&in[j], &last) ||
			    norm(in[j].type) <= MEMMAP_ACPI)
				continue;
			assert_false(in[j].addr <= ent_last(e) &&
				     last >= e->addr);
		}
	}
	for (j = 0; j < n; j++) {
		u64 last;

		if (!raw_last(&in[j], &last) || norm(in[j].type) == MEMMAP_RAM)
			continue;
		/* the one byte [0, 2^64) cannot keep */
		if (lost_top && last == U64_MAX) {
			if (in[j].addr == U64_MAX)
				continue;
			last--;
		}
		assert_true(map_covers_nonram(m, in[j].addr, last));
	}
}

static void check_idempotent(const struct memmap *m)
{
	static struct memmap copy;

	memcpy(&copy, m, sizeof(copy));
	memmap_sanitize(&copy);
	assert_int_equal(copy.nr, m->nr);
	assert_memory_equal(copy.e, m->e, m->nr * sizeof(m->e[0]));
}

static void load(const struct raw *in, unsigned int n)
{
	unsigned int i;

	memset(&map, 0, sizeof(map));
	for (i = 0; i < n && i < MEMMAP_MAX; i++) {
		map.e[i].addr = in[i].addr;
		map.e[i].size = in[i].size;
		map.e[i].type = in[i].type;
	}
	map.nr = i;
}

static void sanitize_and_check(const struct raw *in, unsigned int n)
{
	unsigned int nr;

	load(in, n);
	nr = memmap_sanitize(&map);
	assert_int_equal(nr, map.nr);
	check_invariants(&map);
	check_safety(&map, in, n);
	check_idempotent(&map);
}

static void expect_map(const struct raw *want, unsigned int n)
{
	unsigned int i;

	assert_int_equal(map.nr, n);
	for (i = 0; i < n; i++) {
		assert_int_equal(map.e[i].addr, want[i].addr);
		assert_int_equal(map.e[i].size, want[i].size);
		assert_int_equal(map.e[i].type, want[i].type);
	}
}

#define RUN(in)		sanitize_and_check(in, ARRAY_SIZE(in))
#define EXPECT(want)	expect_map(want, ARRAY_SIZE(want))

static void test_typical_e820(void **state)
{
	static const struct raw in[] = {
		{ 0x100000, 0x7fee0000, MEMMAP_RAM },
		{ 0, 0x9fc00, MEMMAP_RAM },
		{ 0x9fc00, 0x400, MEMMAP_RESERVED },
		{ 0xf0000, 0x10000, MEMMAP_RESERVED },
		{ 0x7ffe0000, 0x20000, MEMMAP_RESERVED },
		{ 0xfffc0000, 0x40000, MEMMAP_RESERVED },
		{ 0x100000000ULL, 0x80000000ULL, MEMMAP_RAM },
	};
	static const struct raw want[] = {
		{ 0, 0x9f000, MEMMAP_RAM },
		{ 0x9fc00, 0x400, MEMMAP_RESERVED },
		{ 0xf0000, 0x10000, MEMMAP_RESERVED },
		{ 0x100000, 0x7fee0000, MEMMAP_RAM },
		{ 0x7ffe0000, 0x20000, MEMMAP_RESERVED },
		{ 0xfffc0000, 0x40000, MEMMAP_RESERVED },
		{ 0x100000000ULL, 0x80000000ULL, MEMMAP_RAM },
	};

	RUN(in);
	EXPECT(want);
	assert_int_equal(memmap_ram_bytes(&map),
			 0x9f000 + 0x7fee0000ULL + 0x80000000ULL);
	assert_int_equal(memmap_ram_end(&map), 0x180000000ULL);
}

static void test_overlap_kinds(void **state)
{
	/* RAM with reserved inside, overlapping both ends, and ACPI on top */
	static const struct raw in[] = {
		{ 0x0, 0x10000, MEMMAP_RAM },
		{ 0x4000, 0x1000, MEMMAP_RESERVED },
		{ 0xf000, 0x3000, MEMMAP_NVS },
		{ 0x20000, 0x10000, MEMMAP_RAM },
		{ 0x1f000, 0x2000, MEMMAP_ACPI },
		{ 0x28000, 0x4000, MEMMAP_RESERVED },
		{ 0x29000, 0x1000, MEMMAP_UNUSABLE },
		{ 0x40000, 0x10000, MEMMAP_RESERVED },
		{ 0x40000, 0x10000, MEMMAP_ACPI },	/* exact duplicate range */
	};
	static const struct raw want[] = {
		{ 0x0, 0x4000, MEMMAP_RAM },
		{ 0x4000, 0x1000, MEMMAP_RESERVED },
		{ 0x5000, 0xa000, MEMMAP_RAM },
		{ 0xf000, 0x3000, MEMMAP_NVS },
		{ 0x1f000, 0x2000, MEMMAP_ACPI },
		{ 0x21000, 0x7000, MEMMAP_RAM },
		{ 0x28000, 0x1000, MEMMAP_RESERVED },
		{ 0x29000, 0x1000, MEMMAP_UNUSABLE },
		{ 0x2a000, 0x2000, MEMMAP_RESERVED },
		{ 0x2c000, 0x4000, MEMMAP_RAM },
		{ 0x40000, 0x10000, MEMMAP_ACPI },
	};

	RUN(in);
	EXPECT(want);
}

static void test_unsorted_duplicates_merge(void **state)
{
	static const struct raw in[] = {
		{ 0x30000, 0x10000, MEMMAP_RAM },
		{ 0x10000, 0x10000, MEMMAP_RAM },
		{ 0x20000, 0x10000, MEMMAP_RAM },
		{ 0x10000, 0x10000, MEMMAP_RAM },
		{ 0x80000, 0x1000, MEMMAP_RESERVED },
		{ 0x81000, 0x1000, MEMMAP_RESERVED },
		{ 0x80800, 0x1000, MEMMAP_RESERVED },
	};
	static const struct raw want[] = {
		{ 0x10000, 0x30000, MEMMAP_RAM },
		{ 0x80000, 0x2000, MEMMAP_RESERVED },
	};

	RUN(in);
	EXPECT(want);
}

static void test_unaligned_ram(void **state)
{
	static const struct raw in[] = {
		{ 0x1234, 0x5000, MEMMAP_RAM },		/* -> [0x2000, 0x6000) */
		{ 0x10001, 0xffe, MEMMAP_RAM },		/* no whole page */
		{ 0x20800, 0x1000, MEMMAP_RAM },	/* joins the next */
		{ 0x21800, 0x1800, MEMMAP_RAM },	/* -> [0x21000, 0x23000) */
		{ 0x30000, 0x2800, MEMMAP_RAM },
		{ 0x31800, 0x100, MEMMAP_RESERVED },	/* splits a page */
	};
	static const struct raw want[] = {
		{ 0x2000, 0x4000, MEMMAP_RAM },
		{ 0x21000, 0x2000, MEMMAP_RAM },
		{ 0x30000, 0x1000, MEMMAP_RAM },
		{ 0x31800, 0x100, MEMMAP_RESERVED },
	};

	RUN(in);
	EXPECT(want);
}

static void test_zero_and_unknown(void **state)
{
	static const struct raw in[] = {
		{ 0x1000, 0, MEMMAP_RESERVED },
		{ 0, 0, MEMMAP_RAM },
		{ 0x0, 0x10000, MEMMAP_RAM },
		{ 0x2000, 0x1000, 0 },
		{ 0x3000, 0x1000, 7 },
		{ 0x4000, 0x1000, 0xffffffff },
		{ 0x8000, 0, 0xffffffff },
	};
	static const struct raw want[] = {
		{ 0x0, 0x2000, MEMMAP_RAM },
		{ 0x2000, 0x3000, MEMMAP_RESERVED },
		{ 0x5000, 0xb000, MEMMAP_RAM },
	};

	RUN(in);
	EXPECT(want);
	assert_string_equal(memmap_type_name(MEMMAP_RAM), "RAM");
	assert_string_equal(memmap_type_name(MEMMAP_RESERVED), "reserved");
	assert_string_equal(memmap_type_name(MEMMAP_NVS), "ACPI NVS");
	assert_string_equal(memmap_type_name(MEMMAP_UNUSABLE), "unusable");
	assert_string_equal(memmap_type_name(0), "unknown");
	assert_string_equal(memmap_type_name(99), "unknown");
}

static void test_top_of_address_space(void **state)
{
	static const struct raw in[] = {
		/* ends at 2^64 exactly: valid */
		{ U64_MAX - 0xfff, 0x1000, MEMMAP_RESERVED },
		{ U64_MAX, 1, MEMMAP_NVS },
		/* wraps: reserved is clamped at 2^64, RAM dropped */
		{ 0xffffffff00000000ULL, 0x200000000ULL, MEMMAP_RESERVED },
		{ 0xfffffffe00000000ULL, U64_MAX, MEMMAP_RAM },
		/* RAM beyond 2^52 cannot exist */
		{ 1ULL << 53, 0x1000, MEMMAP_RAM },
		{ RAM_LIMIT - 0x1000, 0x3000, MEMMAP_RAM },
		{ 0x1000, 0x1000, MEMMAP_RAM },
	};
	static const struct raw want[] = {
		{ 0x1000, 0x1000, MEMMAP_RAM },
		{ RAM_LIMIT - 0x1000, 0x1000, MEMMAP_RAM },
		{ 0xffffffff00000000ULL, 0xffffffffULL, MEMMAP_RESERVED },
		{ U64_MAX, 1, MEMMAP_NVS },
	};

	RUN(in);
	EXPECT(want);
	assert_int_equal(memmap_ram_end(&map), RAM_LIMIT);
	assert_int_equal(memmap_ram_bytes(&map), 0x2000);
}

static void test_whole_space(void **state)
{
	static const struct raw in[] = {
		{ 0, U64_MAX, MEMMAP_RAM },
		{ 0, U64_MAX, MEMMAP_RESERVED },
		{ U64_MAX, 1, MEMMAP_RESERVED },
	};
	static const struct raw want[] = {
		/* [0, 2^64) has no size: the last byte is given up */
		{ 0, U64_MAX, MEMMAP_RESERVED },
	};
	static const struct raw in2[] = {
		{ 0, U64_MAX, MEMMAP_RAM },
		{ U64_MAX, 1, MEMMAP_RAM },
	};
	static const struct raw want2[] = {
		{ 0, RAM_LIMIT, MEMMAP_RAM },
	};

	RUN(in);
	EXPECT(want);
	RUN(in2);
	EXPECT(want2);
}

static void test_all_overlapping(void **state)
{
	static struct raw in[MEMMAP_MAX];
	unsigned int i;

	for (i = 0; i < MEMMAP_MAX; i++) {
		in[i].addr = 0x1000 * (i % 7);
		in[i].size = 0x40000000 - in[i].addr;
		in[i].type = i == 77 ? MEMMAP_NVS : (i % 2 ? MEMMAP_RAM : 2);
	}
	RUN(in);
	assert_int_equal(map.nr, 1);
	assert_int_equal(map.e[0].addr, 0);
	assert_int_equal(map.e[0].size, 0x40000000);
	assert_int_equal(map.e[0].type, MEMMAP_NVS);
}

/* 128 tiny reservations punching one RAM range: 255 pieces must fit 128. */
static void test_split_overflow_drops_ram(void **state)
{
	static struct raw in[MEMMAP_MAX];
	unsigned int i, ram = 0;

	in[0].addr = 0;
	in[0].size = 1ULL << 40;
	in[0].type = MEMMAP_RAM;
	for (i = 1; i < MEMMAP_MAX; i++) {
		in[i].addr = (u64)i << 30;
		in[i].size = 0x1000;
		in[i].type = MEMMAP_RESERVED;
	}
	RUN(in);
	assert_int_equal(map.nr, MEMMAP_MAX);
	for (i = 0; i < map.nr; i++)
		ram += map.e[i].type == MEMMAP_RAM;
	/* 127 reservations and the biggest RAM piece, the tail */
	assert_int_equal(ram, 1);
	assert_int_equal(map.e[MEMMAP_MAX - 1].type, MEMMAP_RAM);
	assert_int_equal(map.e[MEMMAP_MAX - 1].addr, (127ULL << 30) + 0x1000);
	assert_int_equal(map.e[MEMMAP_MAX - 1].size,
			 (1ULL << 40) - (127ULL << 30) - 0x1000);
}

/* Nested non-RAM types split each other: merged, RAM kept. */
static void test_split_overflow_merges_nonram(void **state)
{
	static struct raw in[MEMMAP_MAX];
	unsigned int i;

	in[0].addr = 0x100000;
	in[0].size = 0x10000000;
	in[0].type = MEMMAP_RESERVED;
	in[1].addr = 0;
	in[1].size = 0x100000;
	in[1].type = MEMMAP_RAM;
	for (i = 2; i < MEMMAP_MAX; i++) {
		in[i].addr = 0x100000 + i * 0x10000;
		in[i].size = 0x1000;
		in[i].type = i % 2 ? MEMMAP_NVS : MEMMAP_ACPI;
	}
	RUN(in);
	assert_true(map.nr <= MEMMAP_MAX);
	assert_int_equal(map.e[0].addr, 0);
	assert_int_equal(map.e[0].size, 0x100000);
	assert_int_equal(map.e[0].type, MEMMAP_RAM);
}

/* Merging reserved with ACPI pieces must not make reserved reclaimable. */
static void test_split_overflow_acpi(void **state)
{
	static struct raw in[MEMMAP_MAX];
	unsigned int i, acpi = 0;

	in[0].addr = 0x100000;
	in[0].size = 0x10000000;
	in[0].type = MEMMAP_RESERVED;
	for (i = 1; i < MEMMAP_MAX; i++) {
		in[i].addr = 0x100000 + i * 0x10000;
		in[i].size = i < 100 ? 0x1000 : 0x10000;
		in[i].type = MEMMAP_ACPI;
	}
	RUN(in);
	for (i = 0; i < map.nr; i++)
		acpi += map.e[i].type == MEMMAP_ACPI;
	/* the touching ACPI pieces at the end stay ACPI */
	assert_true(acpi >= 1);
}

static void test_huge_count(void **state)
{
	unsigned int i;
	static struct raw in[MEMMAP_MAX];

	memset(&map, 0xa5, sizeof(map));
	map.nr = 0xffffffffu;
	for (i = 0; i < MEMMAP_MAX; i++) {
		in[i].addr = map.e[i].addr;
		in[i].size = map.e[i].size;
		in[i].type = map.e[i].type;
	}
	memmap_sanitize(&map);
	check_invariants(&map);
	check_safety(&map, in, MEMMAP_MAX);
	check_idempotent(&map);

	/* raw garbage */
	for (i = 0; i < MEMMAP_MAX; i++) {
		in[i].addr = rnd();
		in[i].size = rnd() >> rnd_below(64);
		in[i].type = (u32)rnd_below(8);
	}
	load(in, MEMMAP_MAX);
	map.nr = 1000;
	memmap_sanitize(&map);
	check_invariants(&map);
	check_safety(&map, in, MEMMAP_MAX);
	check_idempotent(&map);
}

static void test_add(void **state)
{
	unsigned int i;
	static struct raw in[300];
	unsigned int n = 0;

	memset(&map, 0, sizeof(map));
	assert_int_equal(memmap_add(&map, 0x1000, 0, MEMMAP_RAM), -EINVAL);
	assert_int_equal(memmap_add(&map, 0x1000, U64_MAX, MEMMAP_RAM),
			 -EINVAL);
	assert_int_equal(memmap_add(&map, 1ULL << 60, 0x1000, MEMMAP_RAM),
			 -EINVAL);
	assert_int_equal(map.nr, 0);
	assert_int_equal(memmap_add(&map, 0x1000, U64_MAX, 9), 0);
	assert_int_equal(map.nr, 1);
	assert_int_equal(map.e[0].type, MEMMAP_RESERVED);
	assert_int_equal(map.e[0].size, 0 - 0x1000ULL);

	/* 300 touching RAM pages: compacted as the table fills */
	memset(&map, 0, sizeof(map));
	for (i = 0; i < 300; i++)
		assert_int_equal(memmap_add(&map, 0x100000 + i * 0x1000ULL,
					    0x1000, MEMMAP_RAM), 0);
	memmap_sanitize(&map);
	assert_int_equal(map.nr, 1);
	assert_int_equal(map.e[0].size, 300 * 0x1000);

	/* 300 separate RAM ranges: the table is full at 128 */
	memset(&map, 0, sizeof(map));
	for (i = 0; i < 300; i++) {
		int ret = memmap_add(&map, i * 0x10000ULL, 0x1000, MEMMAP_RAM);

		assert_int_equal(ret, i < MEMMAP_MAX ? 0 : -ENOSPC);
	}

	/* ... but a reservation is never refused, even over a full table */
	for (i = 0; i < 40; i++) {
		in[n].addr = i * 0x10000ULL + 0x800;
		in[n].size = 0x10;
		in[n].type = MEMMAP_RESERVED;
		assert_int_equal(memmap_add(&map, in[n].addr, in[n].size,
					    in[n].type), 0);
		n++;
	}
	for (i = 0; i < MEMMAP_MAX; i++) {
		in[n].addr = i * 0x10000ULL;
		in[n].size = 0x1000;
		in[n].type = MEMMAP_RAM;
		n++;
	}
	memmap_sanitize(&map);
	check_invariants(&map);
	check_safety(&map, in, n);
}

static void test_reserve(void **state)
{
	static const struct raw in[] = {
		{ 0, 0xa0000, MEMMAP_RAM },
		{ 0x100000, 0x3ff00000, MEMMAP_RAM },
	};
	static const struct raw want[] = {
		{ 0, 0x1000, MEMMAP_RAM },
		{ 0x1800, 0x1000, MEMMAP_RESERVED },
		{ 0x3000, 0x9d000, MEMMAP_RAM },
		{ 0x100000, 0x200000, MEMMAP_RESERVED },
		{ 0x300000, 0x3fd00000, MEMMAP_RAM },
		{ 0xfffffffffff00000ULL, 0x100000, MEMMAP_RESERVED },
	};
	static const struct raw want2[] = {
		{ 0, 0x40000000, MEMMAP_NVS },
		{ 0xfffffffffff00000ULL, 0x100000, MEMMAP_RESERVED },
	};

	RUN(in);
	assert_int_equal(memmap_reserve(&map, 0x100000, 0x200000,
					MEMMAP_RESERVED), 0);
	assert_int_equal(memmap_reserve(&map, 0x1800, 0x1000,
					MEMMAP_RESERVED), 0);
	assert_int_equal(memmap_reserve(&map, 0x5000, 0, MEMMAP_RESERVED), 0);
	/* wraps: clamped at 2^64 */
	assert_int_equal(memmap_reserve(&map, 0xfffffffffff00000ULL,
					0x200000, MEMMAP_RESERVED), 0);
	assert_int_equal(memmap_reserve(&map, 0x1000, U64_MAX, MEMMAP_RAM),
			 -EINVAL);
	EXPECT(want);
	check_invariants(&map);
	check_idempotent(&map);

	assert_int_equal(memmap_reserve(&map, 0, 0x40000000, MEMMAP_NVS), 0);
	EXPECT(want2);
	assert_int_equal(memmap_ram_bytes(&map), 0);
	assert_int_equal(memmap_ram_end(&map), 0);
}

/* Reserving inside a full table of separate RAM ranges drops RAM. */
static void test_reserve_full_table(void **state)
{
	static struct raw in[MEMMAP_MAX + 1];
	unsigned int i;

	for (i = 0; i < MEMMAP_MAX; i++) {
		in[i].addr = i * 0x100000ULL;
		in[i].size = 0x10000 + i * 0x1000;
		in[i].type = MEMMAP_RAM;
	}
	RUN(in);
	assert_int_equal(map.nr, MEMMAP_MAX);
	in[MEMMAP_MAX].addr = 100 * 0x100000ULL + 0x4000;
	in[MEMMAP_MAX].size = 0x1000;
	in[MEMMAP_MAX].type = MEMMAP_RESERVED;
	assert_int_equal(memmap_reserve(&map, in[MEMMAP_MAX].addr, 0x1000,
					MEMMAP_RESERVED), 0);
	check_invariants(&map);
	check_safety(&map, in, MEMMAP_MAX + 1);
	assert_int_equal(map.nr, MEMMAP_MAX);
	/* the smallest RAM range (the first) went */
	assert_int_equal(map.e[0].addr, 0x100000);
}

/* Brute-force model on a small universe of 256-byte granules. */
#define G		0x100
#define NGRAN		(64 * 1024 / G)

static u32 model_type(const struct raw *in, unsigned int n, u64 pos)
{
	u32 t = 0;
	unsigned int i;

	for (i = 0; i < n; i++) {
		u64 last;

		if (!raw_last(&in[i], &last))
			continue;
		if (in[i].addr <= pos && pos <= last && norm(in[i].type) > t)
			t = norm(in[i].type);
	}
	return t;
}

static u32 map_type(const struct memmap *m, u64 pos)
{
	unsigned int i;

	for (i = 0; i < m->nr; i++)
		if (m->e[i].addr <= pos && pos <= ent_last(&m->e[i]))
			return m->e[i].type;
	return 0;
}

static void test_random_model(void **state)
{
	static struct raw in[MEMMAP_MAX];
	static u32 want[NGRAN];
	unsigned int iter, i, g;

	for (iter = 0; iter < 3000; iter++) {
		unsigned int n = 1 + (unsigned int)rnd_below(40);

		for (i = 0; i < n; i++) {
			in[i].addr = rnd_below(NGRAN) * G;
			in[i].size = rnd_below(NGRAN / 4) * G;
			in[i].type = rnd_below(4) ? MEMMAP_RAM :
				     (u32)rnd_below(7);
		}
		for (g = 0; g < NGRAN; g++)
			want[g] = model_type(in, n, (u64)g * G);
		for (g = 0; g < NGRAN; g++) {
			unsigned int p = g / (4096 / G), k;

			if (want[g] != MEMMAP_RAM)
				continue;
			for (k = p * (4096 / G); k < (p + 1) * (4096 / G); k++)
				if (want[k] != MEMMAP_RAM)
					break;
			if (k < (p + 1) * (4096 / G))
				want[g] = 0x100;	/* partial page */
		}
		for (g = 0; g < NGRAN; g++)
			if (want[g] == 0x100)
				want[g] = 0;
		sanitize_and_check(in, n);
		for (g = 0; g < NGRAN; g++)
			assert_int_equal(map_type(&map, (u64)g * G), want[g]);
		assert_int_equal(map_type(&map, NGRAN * G + 0x10000), 0);
	}
}

/* Random absurd maps: any count, any addresses, any types. */
static void test_random_absurd(void **state)
{
	static struct raw in[MEMMAP_MAX];
	unsigned int iter, i;

	for (iter = 0; iter < 400; iter++) {
		unsigned int n = 1 + (unsigned int)rnd_below(MEMMAP_MAX);
		u64 scale = rnd_below(64);

		for (i = 0; i < n; i++) {
			switch (rnd_below(4)) {
			case 0:
				in[i].addr = rnd();
				in[i].size = rnd() >> rnd_below(64);
				break;
			case 1:
				in[i].addr = U64_MAX - rnd_below(0x10000);
				in[i].size = rnd_below(0x20000);
				break;
			default:
				in[i].addr = rnd_below(1 << 20) << scale;
				in[i].size = (rnd_below(1 << 12) + 1) << scale;
				break;
			}
			in[i].type = rnd_below(2) ? MEMMAP_RAM :
				     (u32)rnd_below(9);
		}
		sanitize_and_check(in, n);
	}
}

/* Many small ranges of alternating types: always needs shrinking. */
static void test_random_interleaved(void **state)
{
	static struct raw in[MEMMAP_MAX];
	unsigned int iter, i;

	for (iter = 0; iter < 200; iter++) {
		for (i = 0; i < MEMMAP_MAX; i++) {
			in[i].addr = rnd_below(1 << 16) << 12;
			in[i].size = (rnd_below(1 << 10) + 1) << 12;
			in[i].type = 1 + (u32)rnd_below(5);
		}
		sanitize_and_check(in, MEMMAP_MAX);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_typical_e820),
		cmocka_unit_test(test_overlap_kinds),
		cmocka_unit_test(test_unsorted_duplicates_merge),
		cmocka_unit_test(test_unaligned_ram),
		cmocka_unit_test(test_zero_and_unknown),
		cmocka_unit_test(test_top_of_address_space),
		cmocka_unit_test(test_whole_space),
		cmocka_unit_test(test_all_overlapping),
		cmocka_unit_test(test_split_overflow_drops_ram),
		cmocka_unit_test(test_split_overflow_merges_nonram),
		cmocka_unit_test(test_split_overflow_acpi),
		cmocka_unit_test(test_huge_count),
		cmocka_unit_test(test_add),
		cmocka_unit_test(test_reserve),
		cmocka_unit_test(test_reserve_full_table),
		cmocka_unit_test(test_random_model),
		cmocka_unit_test(test_random_absurd),
		cmocka_unit_test(test_random_interleaved),
	};

	return cmocka_run_group_tests_name("memmap", tests, NULL, NULL);
}
