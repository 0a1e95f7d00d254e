// SPDX-License-Identifier: GPL-2.0
/*
 * The Xen PV DMA memory model (dma_pv.c) on the running domain: bus
 * addresses are machine addresses; XENMEM_exchange gives machine-
 * contiguous frames under a mask and keeps P2M, M2P and the direct map
 * in step; a refused exchange leaves the old frames and the data in
 * place; released extents go back for ordinary frames; a buffer whose
 * frames are not machine-contiguous is bounced; and, with an NVMe test
 * disk and dom0 frames above 4 GiB, a 32-bit device mask makes every
 * piece go through the bounce pool with the data still right.
 * Skipped unless Tern runs as a Xen PV guest (dom0 or domU).
 */
#include <tern/dma.h>
#include <tern/ktest.h>
#include <tern/mm.h>
#include <tern/nvme.h>
#include <tern/pci.h>
#include <tern/string.h>
#include <asm/dma-model.h>
#include <asm/page.h>
#include <asm/xen/p2m.h>
#include <asm/xen/role.h>
#include <tern/testdisk.h>
#include "pv_hw.h"

#define MFN_4G		(1UL << (32 - PAGE_SHIFT))

static int dma_pv_init(const char **reason)
{
	if (!xen_pv()) {
		*reason = "not a Xen PV guest (no P2M)";
		return -ENODEV;
	}
	return 0;
}

static unsigned long mfn_of(const void *va)
{
	return pfn_to_mfn(virt_to_phys(va) >> PAGE_SHIFT);
}

static void fill(u8 *p, size_t len, u8 seed)
{
	size_t i;

	for (i = 0; i < len; i++)
		p[i] = (u8)(seed + i * 13);
}

static size_t mismatch(const u8 *p, size_t len, u8 seed)
{
	size_t i;

	for (i = 0; i < len; i++)
		if (p[i] != (u8)(seed + i * 13))
			return i + 1;
	return 0;
}

static void bus_is_machine_address(struct ktest *t)
{
	u8 *buf = kmalloc(512);
	phys_addr_t pa;
	bus_addr_t bus;

	KTEST_ASSERT(t, buf);
	pa = virt_to_phys(buf);
	bus = arch_phys_to_bus(pa);
	KTEST_EXPECT_EQ(t, bus_x(bus) >> PAGE_SHIFT, mfn_of(buf));
	KTEST_EXPECT_EQ(t, bus_x(bus) & ~PAGE_MASK, pa & ~PAGE_MASK);
	KTEST_EXPECT_EQ(t, arch_bus_to_phys(bus), pa);
	KTEST_EXPECT(t, strcmp(dma_model->name, "xen-p2m") == 0);
	kfree(buf);
}

static void exchange_gives_low_contiguous_frames(struct ktest *t)
{
	unsigned int order = 3, n = 1u << order, i;
	u8 *va = alloc_pages(n, 0);
	struct xen_exchange_stats before = xen_exchange_stats;
	unsigned long old[8], pfn0, mfn0;
	size_t bad;

	KTEST_ASSERT(t, va);
	pfn0 = virt_to_phys(va) >> PAGE_SHIFT;
	for (i = 0; i < n; i++)
		old[i] = pfn_to_mfn(pfn0 + i);
	KTEST_ASSERT(t, !arch_make_bus_contiguous(va, order,
						  DMA_BIT_MASK(32)));
	mfn0 = pfn_to_mfn(pfn0);
	ktest_log(t, "pfn %#lx: mfn %#lx -> %#lx (%u frames)", pfn0, old[0],
		  mfn0, n);
	KTEST_EXPECT_EQ(t, xen_exchange_stats.created, before.created + 1);
	KTEST_EXPECT(t, arch_range_bus_contiguous(virt_to_phys(va),
						  (size_t)n << PAGE_SHIFT));
	KTEST_EXPECT(t, mfn0 + n <= MFN_4G);
	for (i = 0; i < n; i++) {
		KTEST_EXPECT_EQ(t, pfn_to_mfn(pfn0 + i), mfn0 + i);
		/* the M2P knows the new frames, the old ones are gone */
		KTEST_EXPECT_EQ(t, mfn_to_pfn(mfn0 + i), pfn0 + i);
		KTEST_EXPECT_EQ(t, arch_bus_to_phys(_bus((u64)old[i] <<
							 PAGE_SHIFT)), ~0ULL);
	}
	/* the direct map points at the new frames, read-write */
	fill(va, (size_t)n << PAGE_SHIFT, 7);
	bad = mismatch(va, (size_t)n << PAGE_SHIFT, 7);
	KTEST_EXPECT_EQ(t, bad, 0);

	/* and back: ordinary frames, still mapped and usable */
	arch_release_bus_contiguous(va, order);
	KTEST_EXPECT_EQ(t, xen_exchange_stats.destroyed, before.destroyed + 1);
	for (i = 0; i < n; i++)
		KTEST_EXPECT_EQ(t, mfn_to_pfn(pfn_to_mfn(pfn0 + i)), pfn0 + i);
	KTEST_EXPECT(t, pfn_to_mfn(pfn0) != mfn0);
	fill(va, (size_t)n << PAGE_SHIFT, 9);
	KTEST_EXPECT_EQ(t, mismatch(va, (size_t)n << PAGE_SHIFT, 9), 0);
	free_pages(va, n);
}

static void refused_exchange_restores(struct ktest *t)
{
	u8 *va = alloc_pages(2, 0);
	u64 failed = xen_exchange_stats.failed;
	unsigned long m0, m1;
	int err;

	KTEST_ASSERT(t, va);
	m0 = mfn_of(va);
	m1 = mfn_of(va + PAGE_SIZE);
	fill(va, 2 * PAGE_SIZE, 3);
	/* two frames below 8 KiB: Xen never has them */
	err = xen_create_contiguous_region(va, 1, 13);
	ktest_log(t, "XENMEM_exchange under 8 KiB: %d", err);
	KTEST_EXPECT(t, err < 0);
	KTEST_EXPECT_EQ(t, xen_exchange_stats.failed, failed + 1);
	KTEST_EXPECT_EQ(t, mfn_of(va), m0);
	KTEST_EXPECT_EQ(t, mfn_of(va + PAGE_SIZE), m1);
	KTEST_EXPECT_EQ(t, mfn_to_pfn(m0), virt_to_phys(va) >> PAGE_SHIFT);
	KTEST_EXPECT_EQ(t, mismatch(va, 2 * PAGE_SIZE, 3), 0);
	/* a mask no page fits under is refused before Xen is asked */
	KTEST_EXPECT_EQ(t, arch_make_bus_contiguous(va, 1, 0xfff), -ERANGE);
	free_pages(va, 2);
}

static void split_buffer_is_bounced(struct ktest *t)
{
	struct device dev = { .name = "ktest", .dma_mask = DMA_BIT_MASK(64),
			      .coherent_dma_mask = DMA_BIT_MASK(64) };
	u8 *va = alloc_pages(2, 0);
	u64 bounced = dma_stats.map_bounced;
	phys_addr_t slot;
	bus_addr_t bus;

	KTEST_ASSERT(t, va);
	/* move the second page alone: the two are no longer adjacent */
	KTEST_ASSERT(t, !xen_create_contiguous_region(va + PAGE_SIZE, 0, 0));
	if (mfn_of(va + PAGE_SIZE) == mfn_of(va) + 1) {
		ktest_skip(t, "Xen gave back the adjacent frame");
		goto out;
	}
	KTEST_EXPECT(t, !arch_range_bus_contiguous(virt_to_phys(va + 100),
						   PAGE_SIZE));
	fill(va + 100, PAGE_SIZE, 5);
	bus = dma_map_single(&dev, va + 100, PAGE_SIZE, DMA_TO_DEVICE);
	KTEST_ASSERT(t, !dma_mapping_error(&dev, bus));
	KTEST_EXPECT_EQ(t, dma_stats.map_bounced, bounced + 1);
	KTEST_EXPECT_EQ(t, bus_x(bus) & ~PAGE_MASK, 100);
	/* what the device would read at that machine address */
	slot = arch_bus_to_phys(bus);
	KTEST_EXPECT(t, slot != ~0ULL);
	if (slot != ~0ULL)
		KTEST_EXPECT_EQ(t, mismatch(phys_to_virt(slot), PAGE_SIZE, 5),
				0);
	dma_unmap_single(&dev, bus, PAGE_SIZE, DMA_TO_DEVICE);
out:
	free_pages(va, 2);
}

/* ---- with the NVMe test disk ---- */

static struct nvme_ctrl *test_disk(struct ktest *t, u8 *buf)
{
	struct nvme_ctrl *c = nvme_first();

	if (!c || strcmp(c->serial, "tern0") ||
	    c->block_size % TESTDISK_SECTOR) {
		ktest_skip(t, "no NVMe test disk");
		return NULL;
	}
	if (nvme_read(c, 0, 1, buf) || testdisk_check(buf, 0) != 0) {
		ktest_skip(t, "LBA 0 is not a test image");
		return NULL;
	}
	return c;
}

static unsigned int bad_sectors(const u8 *buf, u64 sector, unsigned int n,
				int form)
{
	unsigned int i, bad = 0;

	for (i = 0; i < n; i++)
		if (testdisk_check(buf + (size_t)i * TESTDISK_SECTOR,
				   sector + i) != form)
			bad++;
	return bad;
}

/* Pages whose machine frames all lie above 4 GiB, or NULL. */
static u8 *alloc_machine_high(unsigned int npages)
{
	u8 *va = alloc_pages(npages, 0);
	unsigned int i;

	for (i = 0; va && i < npages; i++) {
		if (mfn_of(va + (size_t)i * PAGE_SIZE) < MFN_4G) {
			free_pages(va, npages);
			return NULL;
		}
	}
	return va;
}

static void dma32_bounces_machine_high(struct ktest *t)
{
	unsigned int npages = 20;
	u8 *buf = alloc_machine_high(npages);
	struct nvme_ctrl *c;
	u64 bounced, first, spb;
	u32 nb, i;

	if (!buf) {
		ktest_skip(t, "no machine frames above 4 GiB");
		return;
	}
	c = test_disk(t, buf);
	if (!c)
		goto out;
	spb = c->block_size / TESTDISK_SECTOR;
	KTEST_ASSERT(t, !dma_set_mask(&c->pdev->dev, DMA_BIT_MASK(32)));
	bounced = dma_stats.map_bounced;

	/* 64 KiB into a buffer that starts mid-page: 17 bounced pieces */
	nb = (64u << 10) / c->block_size;
	memset(buf, 0xee, (size_t)npages * PAGE_SIZE);
	KTEST_EXPECT_EQ(t, nvme_read(c, 2000, nb, buf + 1536), 0);
	KTEST_EXPECT_EQ(t, bad_sectors(buf + 1536, 2000 * spb, nb * spb, 0),
			0);
	KTEST_EXPECT(t, dma_stats.map_bounced - bounced >= 17);

	/* the other direction: the first 8 KiB of the reserved region */
	first = c->nblocks - TESTDISK_RESERVED / c->block_size;
	nb = (8u << 10) / c->block_size;
	for (i = 0; i < nb * spb; i++)
		testdisk_fill(buf + 300 + (size_t)i * TESTDISK_SECTOR,
			      first * spb + i, true);
	KTEST_EXPECT_EQ(t, nvme_write(c, first, nb, buf + 300), 0);
	memset(buf, 0, (size_t)npages * PAGE_SIZE);
	KTEST_EXPECT_EQ(t, nvme_read(c, first, nb, buf + 700), 0);
	KTEST_EXPECT_EQ(t, bad_sectors(buf + 700, first * spb, nb * spb, 1),
			0);
	ktest_log(t, "buffer at machine %#lx: %llu mappings bounced, %llu bytes copied in all, %llu exchanges",
		  mfn_of(buf) << PAGE_SHIFT, dma_stats.map_bounced - bounced,
		  dma_stats.bounce_bytes, xen_exchange_stats.created);
	KTEST_EXPECT_EQ(t, dma_stats.pool_slots_used, 0);
	dma_set_mask(&c->pdev->dev, DMA_BIT_MASK(64));
out:
	free_pages(buf, npages);
}

static const struct ktest_case dma_pv_cases[] = {
	KTEST_CASE(bus_is_machine_address),
	KTEST_CASE(exchange_gives_low_contiguous_frames),
	KTEST_CASE(refused_exchange_restores),
	KTEST_CASE(split_buffer_is_bounced),
	KTEST_CASE(dma32_bounces_machine_high),
};

static const struct ktest_suite dma_pv_suite = {
	.name = "xen_pv_dma",
	.cases = dma_pv_cases,
	.ncases = ARRAY_SIZE(dma_pv_cases),
	.init = dma_pv_init,
};
KTEST_SUITE(dma_pv_suite);
