// SPDX-License-Identifier: GPL-2.0
/*
 * In-kernel tests of the memory map: sanitising run on a local map with
 * the kernel's own build of kernel/memmap.c, and the live map as the
 * page allocator sees it (RAM exists; the kernel image, page 0 and the
 * first MiB are never RAM to it).
 */
#include <tern/ktest.h>
#include <tern/memmap.h>
#include <tern/mm.h>
#include <tern/string.h>
#include <asm/page.h>

static struct memmap tm;

static void tm_reset(void)
{
	memset(&tm, 0, sizeof(tm));
}

static bool tm_is(unsigned int i, u64 addr, u64 size, u32 type)
{
	return i < tm.nr && tm.e[i].addr == addr && tm.e[i].size == size &&
	       tm.e[i].type == type;
}

static void sanitize_overlaps(struct ktest *t)
{
	tm_reset();
	memmap_add(&tm, 0x100000, 0xf00000, MEMMAP_RAM);
	memmap_add(&tm, 0, 0xa0000, MEMMAP_RAM);
	memmap_add(&tm, 0x9f000, 0x1000, MEMMAP_RESERVED);
	memmap_add(&tm, 0x800000, 0x10000, MEMMAP_ACPI);
	memmap_add(&tm, 0x808000, 0x1000, MEMMAP_NVS);
	memmap_add(&tm, 0x0, 0x10000, MEMMAP_RAM);	/* duplicate part */
	KTEST_EXPECT_EQ(t, memmap_sanitize(&tm), 7);
	KTEST_EXPECT(t, tm_is(0, 0, 0x9f000, MEMMAP_RAM));
	KTEST_EXPECT(t, tm_is(1, 0x9f000, 0x1000, MEMMAP_RESERVED));
	KTEST_EXPECT(t, tm_is(2, 0x100000, 0x700000, MEMMAP_RAM));
	KTEST_EXPECT(t, tm_is(3, 0x800000, 0x8000, MEMMAP_ACPI));
	KTEST_EXPECT(t, tm_is(4, 0x808000, 0x1000, MEMMAP_NVS));
	KTEST_EXPECT(t, tm_is(5, 0x809000, 0x7000, MEMMAP_ACPI));
	KTEST_EXPECT(t, tm_is(6, 0x810000, 0x7f0000, MEMMAP_RAM));
	KTEST_EXPECT_EQ(t, memmap_ram_bytes(&tm), 0x9f000 + 0x700000 + 0x7f0000);
	KTEST_EXPECT_EQ(t, memmap_ram_end(&tm), 0x1000000);
	/* idempotent */
	KTEST_EXPECT_EQ(t, memmap_sanitize(&tm), 7);
	KTEST_EXPECT(t, tm_is(5, 0x809000, 0x7000, MEMMAP_ACPI));
}

static void sanitize_odd_entries(struct ktest *t)
{
	tm_reset();
	KTEST_EXPECT_EQ(t, memmap_add(&tm, 0x5000, 0, MEMMAP_RAM), -EINVAL);
	KTEST_EXPECT_EQ(t, memmap_add(&tm, 0x5000, ~0ULL, MEMMAP_RAM), -EINVAL);
	KTEST_EXPECT_EQ(t, memmap_add(&tm, 0x1800, 0x4000, MEMMAP_RAM), 0);
	KTEST_EXPECT_EQ(t, memmap_add(&tm, 0x3000, 0x100, 77), 0);
	/* reaches the last byte of the address space exactly */
	KTEST_EXPECT_EQ(t, memmap_add(&tm, ~0ULL - 0xfff, 0x1000,
				      MEMMAP_RESERVED), 0);
	/* wraps: kept as a reservation up to 2^64 */
	KTEST_EXPECT_EQ(t, memmap_add(&tm, ~0ULL - 0x1fff, 0x10000,
				      MEMMAP_UNUSABLE), 0);
	KTEST_EXPECT_EQ(t, memmap_sanitize(&tm), 4);
	KTEST_EXPECT(t, tm_is(0, 0x2000, 0x1000, MEMMAP_RAM));
	KTEST_EXPECT(t, tm_is(1, 0x3000, 0x100, MEMMAP_RESERVED));
	KTEST_EXPECT(t, tm_is(2, 0x4000, 0x1000, MEMMAP_RAM));
	KTEST_EXPECT(t, tm_is(3, ~0ULL - 0x1fff, 0x2000, MEMMAP_UNUSABLE));
	KTEST_EXPECT_EQ(t, memmap_ram_bytes(&tm), 0x2000);
}

static void sanitize_full_table(struct ktest *t)
{
	unsigned int i, ram = 0;
	int ret = 0;

	tm_reset();
	/* 200 separate RAM pages: RAM beyond the table is refused */
	for (i = 0; i < 200; i++) {
		ret = memmap_add(&tm, (u64)i << 20, PAGE_SIZE, MEMMAP_RAM);
		if (ret)
			break;
	}
	KTEST_EXPECT_EQ(t, i, MEMMAP_MAX);
	KTEST_EXPECT_EQ(t, ret, -ENOSPC);
	/* a reservation still gets in: the smallest RAM gives way */
	KTEST_EXPECT_EQ(t, memmap_reserve(&tm, (5ULL << 20) + 0x800, 16,
					  MEMMAP_RESERVED), 0);
	KTEST_EXPECT(t, tm.nr <= MEMMAP_MAX);
	for (i = 0; i < tm.nr; i++) {
		u64 end = tm.e[i].addr + tm.e[i].size;

		if (tm.e[i].type != MEMMAP_RAM)
			continue;
		ram++;
		KTEST_EXPECT(t, end <= (5ULL << 20) + 0x800 ||
			     tm.e[i].addr >= (5ULL << 20) + 0x810);
	}
	KTEST_EXPECT_EQ(t, ram, MEMMAP_MAX - 1);
}

static void reserve_carves(struct ktest *t)
{
	tm_reset();
	memmap_add(&tm, 0, 0x1000000, MEMMAP_RAM);
	memmap_sanitize(&tm);
	KTEST_EXPECT_EQ(t, memmap_reserve(&tm, 0x100800, 0x1000,
					  MEMMAP_RESERVED), 0);
	KTEST_EXPECT_EQ(t, tm.nr, 3);
	KTEST_EXPECT(t, tm_is(0, 0, 0x100000, MEMMAP_RAM));
	KTEST_EXPECT(t, tm_is(1, 0x100800, 0x1000, MEMMAP_RESERVED));
	KTEST_EXPECT(t, tm_is(2, 0x102000, 0xefe000, MEMMAP_RAM));
	KTEST_EXPECT_EQ(t, memmap_reserve(&tm, 0, 0x2000000, MEMMAP_NVS), 0);
	KTEST_EXPECT_EQ(t, tm.nr, 1);
	KTEST_EXPECT_EQ(t, memmap_ram_bytes(&tm), 0);
	KTEST_EXPECT(t, !strcmp(memmap_type_name(MEMMAP_NVS), "ACPI NVS"));
	KTEST_EXPECT(t, !strcmp(memmap_type_name(42), "unknown"));
}

static bool overlaps_ram(u64 start, u64 end)
{
	unsigned int i;

	for (i = 0; i < kernel_pages.nr; i++) {
		u64 s = kernel_pages.r[i].start_pfn << PAGE_SHIFT;
		u64 e = s + (kernel_pages.r[i].npages << PAGE_SHIFT);

		if (start < e && s < end)
			return true;
	}
	return false;
}

static void live_map(struct ktest *t)
{
	u64 text = virt_to_phys(_text), end = virt_to_phys(_end);
	u64 pages = 0;
	unsigned int i;

	KTEST_ASSERT(t, kernel_pages.nr >= 1);
	for (i = 0; i < kernel_pages.nr; i++) {
		KTEST_EXPECT(t, kernel_pages.r[i].npages > 0);
		if (i)
			KTEST_EXPECT(t, kernel_pages.r[i].start_pfn >=
				     kernel_pages.r[i - 1].start_pfn +
				     kernel_pages.r[i - 1].npages);
		pages += kernel_pages.r[i].npages;
	}
	KTEST_EXPECT_EQ(t, pages, kernel_pages.total_pages);
	KTEST_EXPECT(t, kernel_pages.free_pages > 0);
	KTEST_EXPECT(t, kernel_pages.free_pages < kernel_pages.total_pages);
	ktest_log(t, "kernel image at %#llx-%#llx, %u RAM range(s)",
		  (unsigned long long)text, (unsigned long long)end,
		  kernel_pages.nr);
	KTEST_EXPECT(t, end > text);
	KTEST_EXPECT(t, !overlaps_ram(text, end));
	KTEST_EXPECT(t, !overlaps_ram(0, 0x100000));
}

static const struct ktest_case memmap_cases[] = {
	KTEST_CASE(sanitize_overlaps),
	KTEST_CASE(sanitize_odd_entries),
	KTEST_CASE(sanitize_full_table),
	KTEST_CASE(reserve_carves),
	KTEST_CASE(live_map),
};

static const struct ktest_suite memmap_suite = {
	.name = "memmap",
	.cases = memmap_cases,
	.ncases = ARRAY_SIZE(memmap_cases),
};
KTEST_SUITE(memmap_suite);
