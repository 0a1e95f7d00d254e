// SPDX-License-Identifier: GPL-2.0
/*
 * The bounce pool logic (kernel/bounce.c) on a private pool whose
 * segments have made-up, non-adjacent bus addresses (as a Xen PV pool
 * would), and the DMA API's direct and coherent paths on the running
 * machine.
 */
#include <tern/dma.h>
#include <tern/ktest.h>
#include <tern/mm.h>
#include <tern/string.h>
#include <asm/dma-model.h>
#include <asm/page.h>

#define NSEGS	3
#define NSLOTS	(NSEGS * BOUNCE_SEG_SLOTS)

static struct bounce_pool tp;
static bus_addr_t tp_seg[NSEGS];
static struct bounce_map_info tp_info[NSLOTS];
static u8 *tp_mem;

/* segment 0 high, 1 low, 2 in between: never adjacent */
static const u64 seg_bases[NSEGS] = {
	0x7ff00000ULL, 0x00200000ULL, 0x40000000ULL,
};

static bool pool_setup(struct ktest *t)
{
	unsigned int s;

	if (!tp_mem)
		tp_mem = alloc_pages(NSLOTS, 0);
	if (!tp_mem) {
		ktest_fail(t, __FILE__, __LINE__, "no memory for the pool");
		return false;
	}
	for (s = 0; s < NSEGS; s++)
		tp_seg[s] = _bus(seg_bases[s]);
	return !bounce_pool_init(&tp, tp_mem, NSLOTS, tp_seg, tp_info);
}

static void map_copies_and_keeps_offset(struct ktest *t)
{
	u8 *buf = alloc_pages(2, GFP_ZERO);
	bus_addr_t bus;
	unsigned int i;

	KTEST_ASSERT(t, buf && pool_setup(t));
	for (i = 0; i < 3000; i++)
		buf[100 + i] = (u8)(i * 7);
	KTEST_ASSERT(t, !bounce_map(&tp, buf + 100, 3000, ~0ULL, true, &bus));
	KTEST_EXPECT_EQ(t, bus_x(bus) & (PAGE_SIZE - 1), 100);
	KTEST_EXPECT(t, bounce_owns(&tp, bus));
	KTEST_EXPECT_EQ(t, tp.used, 1);
	/* the device writes into the slot; unmap copies it back */
	for (i = 0; i < 3000; i++)
		tp_mem[100 + i] ^= 0xff;
	memset(buf, 0, PAGE_SIZE);
	KTEST_EXPECT_EQ(t, bounce_unmap(&tp, bus, 3000, true), 0);
	for (i = 0; i < 3000; i++)
		if (buf[100 + i] != (u8)~(u8)(i * 7))
			break;
	KTEST_EXPECT_EQ(t, i, 3000);
	KTEST_EXPECT_EQ(t, tp.used, 0);
	KTEST_EXPECT_EQ(t, tp.copied, 6000);
	/* an offset near the end of a page takes two slots */
	KTEST_ASSERT(t, !bounce_map(&tp, buf + 4000, 200, ~0ULL, false, &bus));
	KTEST_EXPECT_EQ(t, tp.used, 2);
	KTEST_EXPECT_EQ(t, bounce_unmap(&tp, bus, 200, false), 0);
	free_pages(buf, 2);
}

static void mappings_stay_in_one_segment(struct ktest *t)
{
	u8 *buf = alloc_pages(BOUNCE_SEG_SLOTS + 1, 0);
	bus_addr_t b[4];
	unsigned int s;

	KTEST_ASSERT(t, buf && pool_setup(t));
	/* 40 slots, then 40 more: the second cannot share segment 0 */
	KTEST_ASSERT(t, !bounce_map(&tp, buf, 40 * PAGE_SIZE, ~0ULL, false,
				    &b[0]));
	KTEST_ASSERT(t, !bounce_map(&tp, buf, 40 * PAGE_SIZE, ~0ULL, false,
				    &b[1]));
	KTEST_EXPECT_EQ(t, bus_x(b[0]), seg_bases[0]);
	KTEST_EXPECT_EQ(t, bus_x(b[1]), seg_bases[1]);
	for (s = 0; s < 2; s++)
		KTEST_EXPECT(t, bus_x(b[s]) + 40 * PAGE_SIZE <=
			     seg_bases[s] + BOUNCE_SEG_SIZE);
	/* larger than a segment: refused */
	KTEST_EXPECT_EQ(t, bounce_map(&tp, buf, BOUNCE_SEG_SIZE + 1, ~0ULL,
				      false, &b[2]), -EINVAL);
	/* a whole segment fits only into the empty third one */
	KTEST_ASSERT(t, !bounce_map(&tp, buf, BOUNCE_SEG_SIZE, ~0ULL, false,
				    &b[2]));
	KTEST_EXPECT_EQ(t, bus_x(b[2]), seg_bases[2]);
	KTEST_EXPECT_EQ(t, bounce_map(&tp, buf, 30 * PAGE_SIZE, ~0ULL, false,
				      &b[3]), -ENOSPC);
	KTEST_EXPECT_EQ(t, bounce_unmap(&tp, b[1], 40 * PAGE_SIZE, false), 0);
	KTEST_ASSERT(t, !bounce_map(&tp, buf, 30 * PAGE_SIZE, ~0ULL, false,
				    &b[3]));
	KTEST_EXPECT_EQ(t, bus_x(b[3]), seg_bases[1]);
	free_pages(buf, BOUNCE_SEG_SLOTS + 1);
}

static void mask_limits_slots(struct ktest *t)
{
	u8 *buf = alloc_page(0);
	bus_addr_t bus;

	KTEST_ASSERT(t, buf && pool_setup(t));
	/* under 1 GiB only segment 1 qualifies */
	KTEST_ASSERT(t, !bounce_map(&tp, buf, 512, DMA_BIT_MASK(30), false,
				    &bus));
	KTEST_EXPECT_EQ(t, bus_x(bus), seg_bases[1]);
	KTEST_EXPECT(t, bus_x(bus) + 511 <= DMA_BIT_MASK(30));
	/* under 2 MiB nothing does */
	KTEST_EXPECT_EQ(t, bounce_map(&tp, buf, 512, DMA_BIT_MASK(21), false,
				      &bus), -ENOSPC);
	free_page(buf);
}

static void bad_unmaps_rejected(struct ktest *t)
{
	u8 *buf = alloc_page(0);
	bus_addr_t bus;

	KTEST_ASSERT(t, buf && pool_setup(t));
	KTEST_ASSERT(t, !bounce_map(&tp, buf + 8, 64, ~0ULL, false, &bus));
	KTEST_EXPECT_EQ(t, bounce_unmap(&tp, bus, 65, false), -EINVAL);
	KTEST_EXPECT_EQ(t, bounce_unmap(&tp, _bus(bus_x(bus) + 8), 64,
					false), -EINVAL);
	KTEST_EXPECT_EQ(t, bounce_unmap(&tp, _bus(0x1000), 64, false),
			-EINVAL);
	KTEST_EXPECT(t, !bounce_owns(&tp, _bus(0x1000)));
	KTEST_EXPECT_EQ(t, bounce_unmap(&tp, bus, 64, false), 0);
	KTEST_EXPECT_EQ(t, bounce_unmap(&tp, bus, 64, false), -EINVAL);
	KTEST_EXPECT_EQ(t, bounce_map(&tp, buf, 0, ~0ULL, false, &bus),
			-EINVAL);
	free_page(buf);
}

static void api_direct_and_coherent(struct ktest *t)
{
	struct device dev = { .name = "ktest", .dma_mask = DMA_BIT_MASK(64),
			      .coherent_dma_mask = DMA_BIT_MASK(32) };
	u8 *buf = kmalloc(1000);
	u64 direct = dma_stats.map_direct;
	struct scatterlist sg[2];
	bus_addr_t bus;
	void *va;

	KTEST_ASSERT(t, buf);
	bus = dma_map_single(&dev, buf, 1000, DMA_TO_DEVICE);
	KTEST_ASSERT(t, !dma_mapping_error(&dev, bus));
	KTEST_EXPECT_EQ(t, bus_x(bus),
			bus_x(arch_phys_to_bus(virt_to_phys(buf))));
	KTEST_EXPECT_EQ(t, dma_stats.map_direct, direct + 1);
	dma_unmap_single(&dev, bus, 1000, DMA_TO_DEVICE);
	KTEST_EXPECT_EQ(t, dma_set_mask(&dev, 0xfff), -EIO);

	sg_set_buf(&sg[0], buf, 10);
	sg_set_buf(&sg[1], buf + 500, 500);
	KTEST_EXPECT_EQ(t, dma_map_sg(&dev, sg, 2, DMA_FROM_DEVICE), 2);
	KTEST_EXPECT_EQ(t, sg[1].dma_length, 500);
	dma_unmap_sg(&dev, sg, 2, DMA_FROM_DEVICE);
	kfree(buf);

	va = dma_alloc_coherent(&dev, 5000, &bus, 0);
	KTEST_ASSERT(t, va);
	KTEST_EXPECT_EQ(t, bus_x(bus) & (PAGE_SIZE - 1), 0);
	KTEST_EXPECT(t, bus_x(bus) + 8191 <= DMA_BIT_MASK(32));
	KTEST_EXPECT_EQ(t, ((u8 *)va)[4999], 0);
	dma_free_coherent(&dev, 5000, va, bus);
	KTEST_EXPECT(t, dma_stats.pool_slots > 0);
}

static void api_bounces_above_mask(struct ktest *t)
{
	struct device dev = { .name = "ktest" };
	u64 bounced = dma_stats.map_bounced;
	phys_addr_t pa, below = DIRECT_MAP_MAX;
	bus_addr_t bus;
	u8 *buf;
	unsigned int i;

	/*
	 * A buffer whose bus address is above 4 GiB (the pool is below), a
	 * mask between them. The bus address is the memory model's
	 * business: take the highest pages and ask.
	 */
	for (i = 0, buf = NULL; i < 4096 && !buf; i++) {
		if (page_alloc_range(&kernel_pages, 1, 1, PAGE_SIZE, below,
				     PA_TOP_DOWN, &pa))
			break;
		if (bus_x(arch_phys_to_bus(pa)) > DMA_BIT_MASK(32))
			buf = phys_to_virt(pa);
		else
			page_free_range(&kernel_pages, pa, 1);
		below = pa;
	}
	if (!buf) {
		ktest_skip(t, "no RAM with a bus address above 4 GiB");
		return;
	}
	dev.dma_mask = DMA_BIT_MASK(32);
	for (i = 0; i < 256; i++)
		buf[i] = i;
	bus = dma_map_single(&dev, buf, 256, DMA_BIDIRECTIONAL);
	KTEST_ASSERT(t, !dma_mapping_error(&dev, bus));
	KTEST_EXPECT(t, bus_x(bus) + 255 <= DMA_BIT_MASK(32));
	KTEST_EXPECT_EQ(t, dma_stats.map_bounced, bounced + 1);
	KTEST_EXPECT_EQ(t, dma_stats.pool_slots_used, 1);
	/* the "device" writes through the bus address (identity model) */
	if (dma_model == &dma_model_identity)
		((u8 *)phys_to_virt(bus_x(bus)))[0] = 0xab;
	dma_unmap_single(&dev, bus, 256, DMA_BIDIRECTIONAL);
	KTEST_EXPECT_EQ(t, dma_stats.pool_slots_used, 0);
	if (dma_model == &dma_model_identity)
		KTEST_EXPECT_EQ(t, buf[0], 0xab);
	KTEST_EXPECT_EQ(t, buf[255], 255);
	free_page(buf);
}

static const struct ktest_case dma_cases[] = {
	KTEST_CASE(map_copies_and_keeps_offset),
	KTEST_CASE(mappings_stay_in_one_segment),
	KTEST_CASE(mask_limits_slots),
	KTEST_CASE(bad_unmaps_rejected),
	KTEST_CASE(api_direct_and_coherent),
	KTEST_CASE(api_bounces_above_mask),
};

static const struct ktest_suite dma_suite = {
	.name = "dma",
	.cases = dma_cases,
	.ncases = ARRAY_SIZE(dma_cases),
};
KTEST_SUITE(dma_suite);
