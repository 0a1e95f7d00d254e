// SPDX-License-Identifier: GPL-2.0
/*
 * The DMA API (include/tern/dma.h) over the memory model
 * (arch/x86/include/asm/dma-model.h) and the bounce pool (kernel/bounce.c).
 *
 * Streaming mappings: a buffer whose bus range is contiguous and under
 * the device's mask is given as is ("direct"); anything else is copied
 * through a bounce slot ("bounced"). The pool is allocated once, below
 * 4 GiB, and made bus-contiguous segment by segment through the model,
 * so it serves any device with a mask of 32 bits or more (and smaller
 * masks for the slots that happen to lie low enough).
 *
 * Coherent allocations are whole pages (rounded up to a power of two, as
 * the model exchanges 2^order blocks), placed under the coherent mask
 * and made bus-contiguous by the model when needed.
 *
 * No locking: one CPU; mapping from interrupt handlers is not allowed.
 */
#include <tern/dma.h>
#include <tern/mm.h>
#include <tern/printk.h>
#include <tern/spinlock.h>
#include <tern/string.h>
#include <asm/dma-model.h>
#include <asm/page.h>

#define POOL_MAX_BYTES	(4UL << 20)
#define POOL_SMALL_RAM	(64ULL << 20)

struct dma_stats dma_stats;

static struct bounce_pool pool;
/* The pool's slots and dma_stats: drivers map from any CPU. */
static DEFINE_SPINLOCK(pool_lock);

static unsigned int order_of(size_t size)
{
	unsigned int order = 0;

	while (((size_t)PAGE_SIZE << order) < size)
		order++;
	return order;
}

void dma_init(void)
{
	size_t bytes = POOL_MAX_BYTES;
	unsigned int nslots, nsegs, s;
	bus_addr_t *seg_bus;
	struct bounce_map_info *info;
	u8 *va;

	if ((kernel_pages.total_pages << PAGE_SHIFT) < POOL_SMALL_RAM)
		bytes = POOL_MAX_BYTES / 4;
	nslots = bytes >> BOUNCE_SLOT_SHIFT;
	nsegs = nslots / BOUNCE_SEG_SLOTS;
	va = alloc_pages(nslots, GFP_DMA32);
	seg_bus = kzalloc(nsegs * sizeof(*seg_bus));
	info = kzalloc(nslots * sizeof(*info));
	if (!va || !seg_bus || !info)
		goto fail;
	for (s = 0; s < nsegs; s++) {
		u8 *seg = va + (size_t)s * BOUNCE_SEG_SIZE;
		phys_addr_t pa = virt_to_phys(seg);
		u64 end = bus_x(arch_phys_to_bus(pa)) + BOUNCE_SEG_SIZE - 1;

		if ((!arch_range_bus_contiguous(pa, BOUNCE_SEG_SIZE) ||
		     end > DMA_BIT_MASK(32)) &&
		    arch_make_bus_contiguous(seg, order_of(BOUNCE_SEG_SIZE),
					     DMA_BIT_MASK(32)))
			goto fail;
		seg_bus[s] = arch_phys_to_bus(pa);
	}
	if (bounce_pool_init(&pool, va, nslots, seg_bus, info))
		goto fail;
	dma_stats.pool_slots = nslots;
	pr_info("dma: %s model, bounce pool %zu KiB at bus %#llx\n",
		dma_model->name, bytes >> 10, bus_x(seg_bus[0]));
	return;
fail:
	pr_warn("dma: no bounce pool; devices reach only what they can address\n");
	kfree(info);
	kfree(seg_bus);
	free_pages(va, nslots);
}

static int check_mask(u64 mask)
{
	return mask < DMA_BIT_MASK(24) ? -EIO : 0;
}

int dma_set_mask(struct device *dev, u64 mask)
{
	if (check_mask(mask))
		return -EIO;
	dev->dma_mask = mask;
	return 0;
}

int dma_set_coherent_mask(struct device *dev, u64 mask)
{
	if (check_mask(mask))
		return -EIO;
	dev->coherent_dma_mask = mask;
	return 0;
}

int dma_set_mask_and_coherent(struct device *dev, u64 mask)
{
	if (check_mask(mask))
		return -EIO;
	dev->dma_mask = mask;
	dev->coherent_dma_mask = mask;
	return 0;
}

static bool copy_to_dev(enum dma_data_direction dir)
{
	return dir == DMA_TO_DEVICE || dir == DMA_BIDIRECTIONAL;
}

static bool copy_from_dev(enum dma_data_direction dir)
{
	return dir == DMA_FROM_DEVICE || dir == DMA_BIDIRECTIONAL;
}

bus_addr_t dma_map_single(struct device *dev, void *va, size_t len,
			  enum dma_data_direction dir)
{
	phys_addr_t pa = virt_to_phys(va);
	bus_addr_t bus = arch_phys_to_bus(pa);
	unsigned long flags;
	u64 before;

	flags = spin_lock_irqsave(&pool_lock);
	if (!len || dir == DMA_NONE) {
		dma_stats.map_failed++;
		spin_unlock_irqrestore(&pool_lock, flags);
		return DMA_MAPPING_ERROR;
	}
	if (bus_x(bus) + len - 1 >= bus_x(bus) &&
	    bus_x(bus) + len - 1 <= dev->dma_mask &&
	    arch_range_bus_contiguous(pa, len)) {
		dma_stats.map_direct++;
		spin_unlock_irqrestore(&pool_lock, flags);
		return bus;
	}
	before = pool.copied;
	if (!pool.nslots ||
	    bounce_map(&pool, va, len, dev->dma_mask, copy_to_dev(dir), &bus)) {
		dma_stats.map_failed++;
		spin_unlock_irqrestore(&pool_lock, flags);
		pr_warn("dma: %s: cannot map %zu bytes at pa %#llx (mask %#llx)\n",
			dev->name, len, pa, dev->dma_mask);
		return DMA_MAPPING_ERROR;
	}
	dma_stats.map_bounced++;
	dma_stats.bounce_bytes += pool.copied - before;
	dma_stats.pool_slots_used = pool.used;
	spin_unlock_irqrestore(&pool_lock, flags);
	return bus;
}

void dma_unmap_single(struct device *dev, bus_addr_t bus, size_t len,
		      enum dma_data_direction dir)
{
	unsigned long flags;
	u64 before;

	if (!pool.nslots || !bounce_owns(&pool, bus))
		return;
	flags = spin_lock_irqsave(&pool_lock);
	before = pool.copied;
	if (bounce_unmap(&pool, bus, len, copy_from_dev(dir)))
		panic("dma: %s: unmap of %#llx+%zu is not a live mapping",
		      dev->name, bus_x(bus), len);
	dma_stats.bounce_bytes += pool.copied - before;
	dma_stats.pool_slots_used = pool.used;
	spin_unlock_irqrestore(&pool_lock, flags);
}

void dma_sync_single_for_cpu(struct device *dev, bus_addr_t bus, size_t len,
			     enum dma_data_direction dir)
{
	unsigned long flags;

	if (pool.nslots && bounce_owns(&pool, bus) && copy_from_dev(dir)) {
		flags = spin_lock_irqsave(&pool_lock);
		bounce_sync(&pool, bus, len, false);
		spin_unlock_irqrestore(&pool_lock, flags);
	}
}

void dma_sync_single_for_device(struct device *dev, bus_addr_t bus,
				size_t len, enum dma_data_direction dir)
{
	unsigned long flags;

	if (pool.nslots && bounce_owns(&pool, bus) && copy_to_dev(dir)) {
		flags = spin_lock_irqsave(&pool_lock);
		bounce_sync(&pool, bus, len, true);
		spin_unlock_irqrestore(&pool_lock, flags);
	}
}

int dma_map_sg(struct device *dev, struct scatterlist *sg, int nents,
	       enum dma_data_direction dir)
{
	int i;

	for (i = 0; i < nents; i++) {
		sg[i].dma_address = dma_map_single(dev, sg[i].va,
						   sg[i].length, dir);
		if (dma_mapping_error(dev, sg[i].dma_address)) {
			dma_unmap_sg(dev, sg, i, dir);
			return 0;
		}
		sg[i].dma_length = sg[i].length;
	}
	return nents;
}

void dma_unmap_sg(struct device *dev, struct scatterlist *sg, int nents,
		  enum dma_data_direction dir)
{
	int i;

	for (i = 0; i < nents; i++) {
		dma_unmap_single(dev, sg[i].dma_address, sg[i].dma_length,
				 dir);
		sg[i].dma_address = DMA_MAPPING_ERROR;
	}
}

void *dma_alloc_coherent(struct device *dev, size_t size, bus_addr_t *bus,
			 unsigned int gfp)
{
	unsigned int order = order_of(size);
	u64 npages = 1ULL << order, mask = dev->coherent_dma_mask;
	phys_addr_t pa, hi = mask >= DIRECT_MAP_MAX ? DIRECT_MAP_MAX : mask + 1;
	u64 end;
	void *va;

	if (!size)
		return NULL;
	/* under the mask as physical memory: exact for the identity model */
	if (page_alloc_range(&kernel_pages, npages, 1, 0, hi, PA_TOP_DOWN,
			     &pa) &&
	    page_alloc_range(&kernel_pages, npages, 1, 0, DIRECT_MAP_MAX,
			     PA_TOP_DOWN, &pa))
		return NULL;
	va = phys_to_virt(pa);
	end = bus_x(arch_phys_to_bus(pa)) + (npages << PAGE_SHIFT) - 1;
	if ((end > mask || !arch_range_bus_contiguous(pa, npages << PAGE_SHIFT)) &&
	    arch_make_bus_contiguous(va, order, mask)) {
		free_pages(va, npages);
		return NULL;
	}
	memset(va, 0, npages << PAGE_SHIFT);
	*bus = arch_phys_to_bus(pa);
	dma_stats.coherent_allocs++;
	return va;
}

void dma_free_coherent(struct device *dev, size_t size, void *va,
		       bus_addr_t bus)
{
	if (!va)
		return;
	/* give back frames a memory model swapped to make it contiguous */
	arch_release_bus_contiguous(va, order_of(size));
	free_pages(va, 1u << order_of(size));
}

void dma_print_stats(void)
{
	printk("dma: model %s, direct %llu, bounced %llu (%llu bytes copied), failed %llu, coherent %llu, pool %u/%u slots in use\n",
	       dma_model->name, dma_stats.map_direct, dma_stats.map_bounced,
	       dma_stats.bounce_bytes, dma_stats.map_failed,
	       dma_stats.coherent_allocs, dma_stats.pool_slots_used,
	       dma_stats.pool_slots);
}
