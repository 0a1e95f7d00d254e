// SPDX-License-Identifier: GPL-2.0
/*
 * NVMe on the real (emulated) device, against the test-disk contract
 * (include/tern/testdisk.h): registers through a fresh ioremap, identify
 * data, the block device nvme0n1 it registers, reads of random extents
 * that cross pages and chained PRP lists with every sector verified, both
 * interrupt paths observed in the IRQ descriptors' counts (and aimed at
 * every CPU in turn when there are several), and a forced
 * 32-bit DMA mask with buffers above 4 GiB (bounce pool). What holds for
 * every disk (first and last MiB, probes, the write of the reserved last
 * MiB, refusals, flush) is the block suite's (kernel/block_test.c).
 *
 * The suite is skipped when there is no NVMe function; content cases
 * are skipped unless the disk is the test disk (serial "tern0" and LBA 0
 * in its original form), so a real disk is never written.
 */
#include <tern/blkdev.h>
#include <tern/dma.h>
#include <tern/irq.h>
#include <tern/ktest.h>
#include <asm/dma-model.h>
#include <tern/mm.h>
#include <tern/nvme.h>
#include <tern/pci.h>
#include <tern/smp.h>
#include <tern/string.h>
#include <tern/timer.h>
#include <asm/io.h>
#include <asm/page.h>
#include <asm/smp.h>
#include <tern/testdisk.h>

#define BUF_PAGES	65	/* 256 KiB and a page of slack for offsets */
#define SPB(c)		((c)->block_size / TESTDISK_SECTOR)

static int nvme_suite_init(const char **reason)
{
	if (!pci_find_class(PCI_CLASS_STORAGE_NVME, NULL)) {
		*reason = "no NVMe device";
		return -ENODEV;
	}
	return 0;
}

static struct nvme_ctrl *get_ctrl(struct ktest *t)
{
	struct nvme_ctrl *c = nvme_first();

	if (!c)
		ktest_fail(t, __FILE__, __LINE__,
			   "an NVMe function exists but no controller came up");
	return c;
}

/* First LBA of the reserved (write) region. */
static u64 write_region(struct nvme_ctrl *c)
{
	return c->nblocks - TESTDISK_RESERVED / c->block_size;
}

static bool is_test_disk(struct ktest *t, struct nvme_ctrl *c, u8 *buf)
{
	if (strcmp(c->serial, "tern0") || c->block_size % TESTDISK_SECTOR ||
	    c->nblocks * c->block_size < 4 * TESTDISK_RESERVED) {
		ktest_skip(t, "not the test disk (serial '%s')", c->serial);
		return false;
	}
	if (nvme_read(c, 0, 1, buf) || testdisk_check(buf, 0) != 0) {
		ktest_skip(t, "serial tern0 but LBA 0 is not a test image");
		return false;
	}
	return true;
}

/* Number of sectors in buf (starting at NVMe block lba) not in form. */
static unsigned int verify(struct ktest *t, struct nvme_ctrl *c,
			   const u8 *buf, u64 lba, u32 nblocks, int form)
{
	u64 s0 = lba * SPB(c), n = (u64)nblocks * SPB(c), i;
	unsigned int bad = 0;

	for (i = 0; i < n; i++) {
		int got = testdisk_check(buf + i * TESTDISK_SECTOR, s0 + i);

		if (got != form && bad++ < 3)
			ktest_log(t, "sector %llu: form %d, want %d (lba field %llu)",
				  s0 + i, got, form,
				  *(const u64 *)(buf + i * TESTDISK_SECTOR));
	}
	return bad;
}

static u64 rng_state = 0x7465726e6e766d65ULL;

static u64 rnd(void)
{
	rng_state ^= rng_state << 13;
	rng_state ^= rng_state >> 7;
	rng_state ^= rng_state << 17;
	return rng_state;
}

static void mmio_cap_vs(struct ktest *t)
{
	struct nvme_ctrl *c = get_ctrl(t);
	void __iomem *r;
	u64 cap;
	u32 vs;

	if (!c)
		return;
	r = pci_iomap(c->pdev, 0, 4096);
	KTEST_ASSERT(t, r);
	cap = readl(r) | (u64)readl((u8 __iomem *)r + 4) << 32;
	vs = readl((u8 __iomem *)r + NVME_REG_VS);
	ktest_log(t, "CAP %#llx VS %u.%u.%u, BAR0 %#llx", cap, vs >> 16,
		  (vs >> 8) & 0xff, vs & 0xff, c->pdev->bar[0].base);
	KTEST_EXPECT(t, vs >= 0x10000 && vs != ~0u);
	KTEST_EXPECT(t, (cap & 0xffff) >= 1);		/* MQES */
	KTEST_EXPECT(t, (cap >> 37) & 1);		/* CSS: NVM */
	KTEST_EXPECT(t, ((cap >> 24) & 0xff) > 0);	/* TO */
	KTEST_EXPECT_EQ(t, cap, c->cap);
	KTEST_EXPECT_EQ(t, readl((u8 __iomem *)r + NVME_REG_CSTS) & 3, 1);
	iounmap(r, 4096);
}

static void identify_sane(struct ktest *t)
{
	struct nvme_ctrl *c = get_ctrl(t);

	if (!c)
		return;
	ktest_log(t, "'%s' '%s' fw '%s', %u namespaces, %llu x %u B, %u KiB/cmd",
		  c->model, c->serial, c->firmware, c->nn, c->nblocks,
		  c->block_size, c->max_xfer >> 10);
	KTEST_EXPECT(t, c->serial[0] && c->model[0]);
	KTEST_EXPECT(t, c->nn >= 1);
	KTEST_EXPECT(t, c->nblocks > 0);
	KTEST_EXPECT(t, c->block_size == 512 || c->block_size == 4096);
	KTEST_EXPECT(t, c->max_xfer >= PAGE_SIZE);
	KTEST_EXPECT_EQ(t, nvme_read(c, c->nblocks, 1, c), -EINVAL);
	KTEST_EXPECT(t, c->irq_mode != NVME_IRQ_POLL);
}

/*
 * A random extent of nb blocks that holds pattern data: anywhere before
 * the write region on a fully written image; on a sparse one (above
 * TESTDISK_FULL_MAX_MIB) inside a probe region when it fits, else inside
 * the first MiB.
 */
static u64 extent_start(struct nvme_ctrl *c, u32 nb, u64 limit)
{
	u64 total = c->nblocks * SPB(c), s;
	u32 n = nb * SPB(c);

	if (testdisk_full(total))
		return rnd() % (limit - nb);
	if (n <= TESTDISK_PROBE_SECTORS && (rnd() & 1)) {
		s = testdisk_probe(rnd() % TESTDISK_PROBES, total);
		s += rnd() % (TESTDISK_PROBE_SECTORS - n + 1);
	} else {
		s = rnd() % (TESTDISK_RESERVED_SECTORS - n + 1);
	}
	return s / SPB(c);
}

static void read_random_extents(struct ktest *t)
{
	struct nvme_ctrl *c = get_ctrl(t);
	u8 *buf = alloc_pages(BUF_PAGES, 0);
	u64 limit, t0, ns, bytes = 0;
	unsigned int i;

	if (!c || !buf)
		goto out;
	if (!is_test_disk(t, c, buf))
		goto out;
	limit = write_region(c);
	for (i = 0; i < 40; i++) {
		static const u32 sizes[] = { 1, 7, 8, 9, 16, 17, 128, 0 };
		u32 max = (256u << 10) / c->block_size;
		u32 nb = i < ARRAY_SIZE(sizes) ? sizes[i] : 1 + rnd() % max;
		u64 lba = extent_start(c, nb, limit);
		u32 off = (i & 1) ? (rnd() % 8) * TESTDISK_SECTOR + 4 * (i & 2) : 0;

		if (!nb || nb > max)
			nb = max;

		/* every fourth read: a PRP list that chains after 3 entries */
		c->prp_list_offset = (i % 4 == 3) ? PAGE_SIZE - 4 * 8 : 0;
		memset(buf + off, 0xee, (size_t)nb * c->block_size);
		if (nvme_read(c, lba, nb, buf + off)) {
			ktest_fail(t, __FILE__, __LINE__,
				   "read of %u blocks at %llu (+%u) failed", nb,
				   lba, off);
			break;
		}
		if (verify(t, c, buf + off, lba, nb, 0)) {
			ktest_fail(t, __FILE__, __LINE__,
				   "read of %u blocks at %llu (+%u, list offset %u): bad sectors",
				   nb, lba, off, c->prp_list_offset);
			break;
		}
	}
	c->prp_list_offset = 0;

	/* throughput: 8 MiB in 256 KiB commands */
	t0 = ktime_ns();
	for (i = 0; i < 32 && !t->failed; i++) {
		u32 nb = (256u << 10) / c->block_size;

		KTEST_ASSERT(t, !nvme_read(c, (u64)i * nb % (limit - nb), nb,
					   buf));
		bytes += 256u << 10;
	}
	ns = ktime_ns() - t0;
	if (ns)
		ktest_log(t, "read %llu KiB in %llu ms: %llu MiB/s", bytes >> 10,
			  ns / NSEC_PER_MSEC,
			  ((bytes >> 10) * 1000000 / (ns / 1000 + 1)) >> 10);
out:
	free_pages(buf, BUF_PAGES);
}

/* Namespace 1 is a block device with the controller's geometry. */
static void block_device_registered(struct ktest *t)
{
	struct nvme_ctrl *c = get_ctrl(t);
	struct block_device *bd;
	u8 *buf = alloc_pages(2, 0), *big;
	u64 reads;

	if (!c || !buf)
		goto out;
	bd = blk_find("nvme0n1");
	KTEST_ASSERT(t, bd == &c->bdev);
	KTEST_EXPECT(t, blk_get(0) == bd);
	KTEST_EXPECT_EQ(t, bd->nr_sectors * SECTOR_SIZE,
			c->nblocks * c->block_size);
	KTEST_EXPECT_EQ(t, bd->logical_block_size, c->block_size);
	KTEST_EXPECT_EQ(t, bd->max_bytes, c->max_xfer);
	KTEST_EXPECT(t, bd->features & BLK_FEAT_FLUSH);
	KTEST_EXPECT_EQ(t, bd->read_only, c->write_protected);
	/* the same block through the layer and through the driver */
	KTEST_ASSERT(t, !blk_rw(bd, BLK_OP_READ, 8 * SPB(c), buf,
				c->block_size, 1000));
	KTEST_ASSERT(t, !nvme_read(c, 8, 1, buf + PAGE_SIZE));
	KTEST_EXPECT(t, !memcmp(buf, buf + PAGE_SIZE, c->block_size));
	KTEST_EXPECT_EQ(t, bd->in_flight, 0);
	/* a request of max_bytes is one command */
	big = alloc_pages(c->max_xfer / PAGE_SIZE, 0);
	if (big) {
		reads = c->reads;
		KTEST_EXPECT_EQ(t, blk_rw(bd, BLK_OP_READ, 0, big, c->max_xfer,
					  1000), 0);
		KTEST_EXPECT_EQ(t, c->reads - reads, 1);
		free_pages(big, c->max_xfer / PAGE_SIZE);
	}
out:
	free_pages(buf, 2);
}

/* One verified read; returns how often irq fired meanwhile. */
static u64 read_and_count(struct ktest *t, struct nvme_ctrl *c,
			  unsigned int irq, u8 *buf)
{
	u64 before = irq_to_desc(irq)->count;
	int ret = nvme_read(c, 8, 16, buf);

	KTEST_EXPECT_EQ(t, ret, 0);
	if (!ret && !strcmp(c->serial, "tern0"))
		KTEST_EXPECT_EQ(t, verify(t, c, buf, 8, 16, 0), 0);
	return irq_to_desc(irq)->count - before;
}

static void intx_gsi_path(struct ktest *t)
{
	struct nvme_ctrl *c = get_ctrl(t);
	u8 *buf = alloc_pages(3, 0);
	enum nvme_irq_mode was;
	int gsi, ret;

	if (!c || !buf)
		goto out;
	/* MSI-X where the platform has it, else (arm64) INTx already */
	was = c->irq_mode;
	gsi = pci_intx_gsi(c->pdev);
	ktest_log(t, "INT%c, interrupt line %u", 'A' + c->pdev->irq_pin - 1,
		  c->pdev->irq_line);
	KTEST_ASSERT(t, gsi > 0);
	ret = nvme_set_irq_mode(c, NVME_IRQ_INTX);
	KTEST_EXPECT_EQ(t, ret, 0);
	if (!ret) {
		KTEST_EXPECT_EQ(t, c->intx_irq, gsi);
		KTEST_EXPECT(t, read_and_count(t, c, gsi, buf) >= 1);
		KTEST_EXPECT_EQ(t, c->lost_irqs, 0);
	}
	KTEST_EXPECT_EQ(t, nvme_set_irq_mode(c, was), 0);
out:
	free_pages(buf, 3);
}

static void msix_path(struct ktest *t)
{
	struct nvme_ctrl *c = get_ctrl(t);
	u8 *buf = alloc_pages(3, 0);

	if (!c || !buf)
		goto out;
	if (!pci_msix_supported()) {
		ktest_skip(t, "no MSI-X on this platform");
		goto out;
	}
	KTEST_ASSERT(t, c->pdev->msix_cap);
	KTEST_ASSERT(t, !nvme_set_irq_mode(c, NVME_IRQ_MSIX));
	KTEST_ASSERT(t, c->io.irq >= NR_GSI_IRQS);
	KTEST_EXPECT(t, c->io.irq != c->admin.irq);
	KTEST_EXPECT(t, read_and_count(t, c, c->io.irq, buf) >= 1);
	/* INTx stays quiet while MSI-X is on */
	KTEST_EXPECT(t, pci_read16(c->pdev, PCI_COMMAND) &
		     PCI_COMMAND_INTX_DISABLE);
	KTEST_EXPECT_EQ(t, c->lost_irqs, 0);
out:
	free_pages(buf, 3);
}

/* Each online CPU in turn takes irq: a read completes through it there. */
static unsigned int reads_on_every_cpu(struct ktest *t, struct nvme_ctrl *c,
				       unsigned int irq, u8 *buf)
{
	struct irq_desc *d = irq_to_desc(irq);
	unsigned int cpu, n = 0;
	u64 wakes, t0, us;

	for (cpu = 0; cpu < NR_CPUS; cpu++) {
		if (!cpu_online(cpu))
			continue;
		KTEST_EXPECT_EQ(t, irq_set_affinity(irq, cpu), 0);
		wakes = cpu_data[0].ipis[IPI_WAKE];
		t0 = ktime_ns();
		KTEST_EXPECT(t, read_and_count(t, c, irq, buf) >= 1);
		us = (ktime_ns() - t0) / 1000;
		/* not woken, the waiter sleeps until its 10 s deadline */
		if (us >= 1000000)
			ktest_log(t, "IRQ %u on CPU %u: the read took %llu us",
				  irq, cpu, us);
		KTEST_EXPECT(t, us < 1000000);
		KTEST_EXPECT_EQ(t, d->cpu, cpu);
		/* a completion taken elsewhere woke CPU 0's waiter */
		if (cpu)
			KTEST_EXPECT(t, cpu_data[0].ipis[IPI_WAKE] > wakes);
		n++;
	}
	KTEST_EXPECT_EQ(t, irq_set_affinity(irq, 0), 0);
	return n;
}

/*
 * Device interrupts on every CPU: the I/O queue's MSI-X vector (the
 * local APIC destination natively and in a PVH dom0, the pirq's event
 * channel in a PV dom0), then INTx where the platform has it (an IO-APIC
 * pin, or a pirq), aimed at each CPU in turn while CPU 0 reads.
 */
static void irq_on_every_cpu(struct ktest *t)
{
	struct nvme_ctrl *c = get_ctrl(t);
	u8 *buf = alloc_pages(3, 0);
	u64 timeouts;
	unsigned int n;

	if (!c || !buf)
		goto out;
	if (num_online_cpus() < 2) {
		ktest_skip(t, "one CPU");
		goto out;
	}
	timeouts = c->timeouts;
	KTEST_ASSERT(t, !nvme_set_irq_mode(c, NVME_IRQ_MSIX));
	n = reads_on_every_cpu(t, c, c->io.irq, buf);
	ktest_log(t, "MSI-X IRQ %d taken on %u CPUs", c->io.irq, n);
	if (pci_intx_gsi(c->pdev) > 0 && !nvme_set_irq_mode(c, NVME_IRQ_INTX)) {
		n = reads_on_every_cpu(t, c, c->intx_irq, buf);
		ktest_log(t, "INTx IRQ %d taken on %u CPUs", c->intx_irq, n);
	}
	KTEST_EXPECT_EQ(t, nvme_set_irq_mode(c, NVME_IRQ_MSIX), 0);
	KTEST_EXPECT_EQ(t, c->lost_irqs, 0);
	KTEST_EXPECT_EQ(t, c->timeouts, timeouts);
out:
	free_pages(buf, 3);
}

static void dma32_mask_bounces_high_buffers(struct ktest *t)
{
	struct nvme_ctrl *c = get_ctrl(t);
	unsigned int npages = 20;
	u8 *buf = alloc_pages(npages, GFP_HIGH);
	u64 bounced, first;
	u32 nb, i;

	if (!c)
		goto out;
	if (!buf) {
		ktest_skip(t, "no RAM above 4 GiB");
		return;
	}
	for (i = 0; i < npages; i++)
		if (bus_x(arch_phys_to_bus(virt_to_phys(buf) +
					   (u64)i * PAGE_SIZE)) <= DMA_BIT_MASK(32)) {
			/* P2M: the machine-frame case has its own test */
			ktest_skip(t, "RAM above 4 GiB has bus addresses below it");
			goto out;
		}
	if (!is_test_disk(t, c, buf))
		goto out;
	KTEST_ASSERT(t, virt_to_phys(buf) >= (1ULL << 32));
	KTEST_ASSERT(t, !dma_set_mask(&c->pdev->dev, DMA_BIT_MASK(32)));
	bounced = dma_stats.map_bounced;

	/* 64 KiB starting mid-page: 17 pieces, each bounced */
	nb = (64u << 10) / c->block_size;
	KTEST_EXPECT_EQ(t, nvme_read(c, 1000, nb, buf + 1024), 0);
	KTEST_EXPECT_EQ(t, verify(t, c, buf + 1024, 1000, nb, 0), 0);
	KTEST_EXPECT(t, dma_stats.map_bounced - bounced >= 17);

	/* and the write direction: rewrite the first 16 KiB of the region */
	first = write_region(c);
	nb = (16u << 10) / c->block_size;
	for (i = 0; i < nb * SPB(c); i++)
		testdisk_fill(buf + 512 + i * TESTDISK_SECTOR,
			      first * SPB(c) + i, true);
	KTEST_EXPECT_EQ(t, nvme_write(c, first, nb, buf + 512), 0);
	memset(buf, 0, (size_t)npages * PAGE_SIZE);
	KTEST_EXPECT_EQ(t, nvme_read(c, first, nb, buf + 2048), 0);
	KTEST_EXPECT_EQ(t, verify(t, c, buf + 2048, first, nb, 1), 0);
	ktest_log(t, "buffer at %#llx: %llu mappings bounced, %llu bytes copied in all",
		  virt_to_phys(buf), dma_stats.map_bounced - bounced,
		  dma_stats.bounce_bytes);
	KTEST_EXPECT_EQ(t, dma_stats.pool_slots_used, 0);
	dma_set_mask(&c->pdev->dev, DMA_BIT_MASK(64));
out:
	free_pages(buf, npages);
}

static const struct ktest_case nvme_cases[] = {
	KTEST_CASE(mmio_cap_vs),
	KTEST_CASE(identify_sane),
	KTEST_CASE(read_random_extents),
	KTEST_CASE(block_device_registered),
	KTEST_CASE(intx_gsi_path),
	KTEST_CASE(msix_path),
	KTEST_CASE(irq_on_every_cpu),
	KTEST_CASE(dma32_mask_bounces_high_buffers),
};

static const struct ktest_suite nvme_suite = {
	.name = "nvme",
	.cases = nvme_cases,
	.ncases = ARRAY_SIZE(nvme_cases),
	.init = nvme_suite_init,
};
KTEST_SUITE(nvme_suite);
