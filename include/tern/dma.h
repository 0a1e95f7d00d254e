/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The DMA API: what a driver gives a device so that it can reach memory.
 *
 * A device sees bus addresses (bus_addr_t, __bitwise: sparse rejects
 * using one as a physical address or the reverse). The memory model
 * (arch/x86/include/asm/dma-model.h) says how a physical address becomes a bus
 * address and whether a range stays contiguous on the bus; this layer
 * adds the device's address limit (dma_mask) and a bounce pool for
 * buffers the device cannot reach directly (above its mask, or not
 * bus-contiguous): the data is copied through pool slots that it can
 * reach, on map (to the device) and unmap (from the device).
 *
 * Rules for drivers: every byte a device reads or writes goes through
 * dma_map_*() or dma_alloc_coherent(); only the returned bus address is
 * handed to the device; a mapping is unmapped with the same length and
 * direction; the CPU does not touch a streaming buffer between map and
 * unmap (the data may live in a bounce slot meanwhile).
 */
#ifndef _TERN_DMA_H
#define _TERN_DMA_H

#include <tern/types.h>

enum dma_data_direction {
	DMA_BIDIRECTIONAL = 0,
	DMA_TO_DEVICE = 1,
	DMA_FROM_DEVICE = 2,
	DMA_NONE = 3,
};

#define DMA_BIT_MASK(n)	((n) >= 64 ? ~0ULL : (1ULL << (n)) - 1)
#define DMA_MAPPING_ERROR	((__force bus_addr_t)~0ULL)

struct device {
	const char *name;
	u64 dma_mask;			/* streaming mappings */
	u64 coherent_dma_mask;		/* dma_alloc_coherent() */
};

/* One piece of a transfer: CPU side (va, length), bus side after mapping. */
struct scatterlist {
	void *va;
	u32 length;
	u32 dma_length;
	bus_addr_t dma_address;
};

static inline void sg_set_buf(struct scatterlist *sg, void *va, u32 len)
{
	sg->va = va;
	sg->length = len;
	sg->dma_length = 0;
	sg->dma_address = DMA_MAPPING_ERROR;
}

static inline bool dma_mapping_error(struct device *dev, bus_addr_t bus)
{
	return bus_x(bus) == bus_x(DMA_MAPPING_ERROR);
}

/* 0, or -EIO when the platform cannot serve a mask this small. */
int dma_set_mask(struct device *dev, u64 mask);
int dma_set_coherent_mask(struct device *dev, u64 mask);
int dma_set_mask_and_coherent(struct device *dev, u64 mask);

bus_addr_t dma_map_single(struct device *dev, void *va, size_t len,
			  enum dma_data_direction dir);
void dma_unmap_single(struct device *dev, bus_addr_t bus, size_t len,
		      enum dma_data_direction dir);
/* Ownership changes of a live streaming mapping (copy a bounce slot). */
void dma_sync_single_for_cpu(struct device *dev, bus_addr_t bus, size_t len,
			     enum dma_data_direction dir);
void dma_sync_single_for_device(struct device *dev, bus_addr_t bus,
				size_t len, enum dma_data_direction dir);

/*
 * Maps every entry (no merging); returns nents, or 0 when one entry
 * could not be mapped (those already mapped are undone).
 */
int dma_map_sg(struct device *dev, struct scatterlist *sg, int nents,
	       enum dma_data_direction dir);
void dma_unmap_sg(struct device *dev, struct scatterlist *sg, int nents,
		  enum dma_data_direction dir);

/*
 * Zeroed, page-aligned memory the CPU and the device share for the life
 * of the allocation (queues, descriptor rings): bus-contiguous and under
 * coherent_dma_mask. gfp: 0 or GFP_* extras. NULL on failure.
 */
void *dma_alloc_coherent(struct device *dev, size_t size, bus_addr_t *bus,
			 unsigned int gfp);
void dma_free_coherent(struct device *dev, size_t size, void *va,
		       bus_addr_t bus);

struct dma_stats {
	u64 map_direct;		/* streaming mappings given the buffer itself */
	u64 map_bounced;	/* ... given a bounce slot */
	u64 bounce_bytes;	/* bytes copied to or from bounce slots */
	u64 map_failed;
	u64 coherent_allocs;
	unsigned int pool_slots;
	unsigned int pool_slots_used;
};

extern struct dma_stats dma_stats;

/* Allocate the bounce pool (kernel/dma.c); before any driver runs. */
void dma_init(void);
/* One line for the monitor. */
void dma_print_stats(void);

/* ---- the bounce pool, pure (kernel/bounce.c, host-tested) ---- */

#define BOUNCE_SLOT_SHIFT	12
#define BOUNCE_SLOT_SIZE	(1UL << BOUNCE_SLOT_SHIFT)
/* A mapping lies within one segment: bus-contiguous there. */
#define BOUNCE_SEG_SLOTS	64
#define BOUNCE_SEG_SIZE		(BOUNCE_SEG_SLOTS * BOUNCE_SLOT_SIZE)

struct bounce_map_info {
	void *orig;		/* the caller's buffer; NULL for a free slot */
	u32 len;
	u16 nslots;		/* kept in the first slot of a mapping */
};

struct bounce_pool {
	u8 *va;			/* CPU address of slot 0 */
	unsigned int nslots;	/* multiple of BOUNCE_SEG_SLOTS */
	unsigned int used;
	bus_addr_t *seg_bus;	/* bus address of each segment */
	struct bounce_map_info *info;	/* one per slot */
	u64 copied;		/* bytes copied in or out */
};

/*
 * Set up a pool over nslots slots at va (nslots a multiple of
 * BOUNCE_SEG_SLOTS). seg_bus[nslots / BOUNCE_SEG_SLOTS] and
 * info[nslots] are the caller's; seg_bus must already hold each
 * segment's bus address. 0 or -EINVAL.
 */
int bounce_pool_init(struct bounce_pool *p, void *va, unsigned int nslots,
		     bus_addr_t *seg_bus, struct bounce_map_info *info);
/*
 * Bounce len bytes of orig: slots whose bus addresses end at or below
 * mask, the offset of orig within its page kept (so a page-sized piece
 * stays within one bus page, as PRP lists need). Copies orig in when
 * copy_in. 0 and *bus, -EINVAL (len 0 or longer than a segment) or
 * -ENOSPC.
 */
int bounce_map(struct bounce_pool *p, void *orig, size_t len, u64 mask,
	       bool copy_in, bus_addr_t *bus);
/* Copy back when copy_out, then free. -EINVAL if bus/len is not a mapping. */
int bounce_unmap(struct bounce_pool *p, bus_addr_t bus, size_t len,
		 bool copy_out);
/* Copy one way without freeing (sync). -EINVAL if not a mapping. */
int bounce_sync(struct bounce_pool *p, bus_addr_t bus, size_t len,
		bool to_device);
/* bus lies inside the pool. */
bool bounce_owns(const struct bounce_pool *p, bus_addr_t bus);

#endif
