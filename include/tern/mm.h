/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Physical page allocator (mm/page_alloc.c, pure, host-tested) and its
 * kernel front end (mm/page.c), plus the small-object allocator
 * (mm/slab.c).
 *
 * The allocator keeps one bitmap per RAM range of the sanitised memory
 * map (1 bit per 4 KiB page, set = in use). Page 0 is never handed out,
 * so 0 can mean "no page".
 */
#ifndef _TERN_MM_H
#define _TERN_MM_H

#include <tern/types.h>
#include <tern/memmap.h>

#define PA_MAX_RANGES	32

struct pa_range {
	u64 start_pfn;
	u64 npages;
	u64 nfree;
	u64 *bitmap;		/* (npages + 63) / 64 words */
};

struct page_alloc {
	unsigned int nr;
	struct pa_range r[PA_MAX_RANGES];
	u64 total_pages;
	u64 free_pages;
};

/*
 * Build the allocator from a sanitised map: every MEMMAP_RAM range
 * becomes a pa_range, everything else is never allocated. The bitmaps
 * are placed in RAM found by the allocator itself (below 4 GiB) and
 * accessed through p2v(). Returns 0, -ENOMEM when no RAM can hold the
 * bitmaps, or -E2BIG when there are more RAM ranges than PA_MAX_RANGES
 * (the largest PA_MAX_RANGES are kept, the rest is not used).
 */
int page_alloc_init(struct page_alloc *pa, const struct memmap *m,
		    void *(*p2v)(phys_addr_t));

/* Mark [addr, addr + size) in use (kernel image, boot modules, ...). */
void page_alloc_reserve(struct page_alloc *pa, phys_addr_t addr, u64 size);

/*
 * Allocate npages contiguous pages aligned to align_pages (a power of
 * two, 0 or 1 = no alignment) with the whole block inside [lo, hi).
 * When PA_TOP_DOWN is set, the highest fitting block is chosen.
 * Returns 0 and sets *out, -ENOMEM, or -EINVAL for npages == 0 or an
 * alignment that is not a power of two.
 */
#define PA_TOP_DOWN	1u
int page_alloc_range(struct page_alloc *pa, u64 npages, u64 align_pages,
		     phys_addr_t lo, phys_addr_t hi, unsigned int flags,
		     phys_addr_t *out);

/*
 * Add RAM that was not in the map at init (memory a hypervisor lets the
 * domain grow into): [start_pfn, start_pfn + npages), every page in use
 * (its owner frees the pages it brings to life). bitmap holds
 * DIV_ROUND_UP(npages, 64) words and stays the allocator's. Returns 0,
 * -EEXIST when the range overlaps one the allocator has, -ENOSPC when
 * PA_MAX_RANGES are in use, -EINVAL for an empty range, pfn 0 or RAM
 * beyond 2^52.
 */
int page_alloc_add_range(struct page_alloc *pa, u64 start_pfn, u64 npages,
			 u64 *bitmap);

/* Free; returns -EINVAL for pages not allocated or outside RAM. */
int page_free_range(struct page_alloc *pa, phys_addr_t addr, u64 npages);

/* ---- kernel front end (mm/page.c) ---- */

#define GFP_ZERO	0x1u	/* zero the pages */
#define GFP_DMA32	0x2u	/* below 4 GiB */
#define GFP_HIGH	0x4u	/* only above 4 GiB (fails if none) */
#define GFP_LOW		0x8u	/* lowest free pages first (page tables) */

extern struct page_alloc kernel_pages;

void mm_init(const struct memmap *m);
/*
 * Hand out only pages below end (the direct map is not complete yet);
 * DIRECT_MAP_MAX lifts the limit. May be called before mm_init().
 */
void mm_set_mapped_limit(phys_addr_t end);
/* Default policy: highest free RAM first, so RAM above 4 GiB is used. */
void *alloc_pages(unsigned int npages, unsigned int gfp);
/*
 * Hot-added RAM (page_alloc_add_range): the pages come in use, owned by
 * the caller. Returns 0 or a negative errno (-ENOMEM: no page for the
 * bitmap).
 */
int mm_add_ram(u64 start_pfn, u64 npages);
void free_pages(void *va, unsigned int npages);
static inline void *alloc_page(unsigned int gfp) { return alloc_pages(1, gfp); }
static inline void free_page(void *va) { free_pages(va, 1); }

/* ---- small objects (mm/slab.c) ---- */

/*
 * Size classes 16..2048 bytes carved from single pages; larger requests
 * take whole pages. kfree(NULL) is a no-op; kfree of a pointer that
 * kmalloc did not return is detected (bad magic) and panics.
 * The page source is slab_page_alloc()/slab_page_free(), provided by the
 * kernel (mm/page.c) or the host test.
 */
void *kmalloc(size_t size);
void *kzalloc(size_t size);
void kfree(void *p);
size_t ksize(const void *p);

void *slab_page_alloc(unsigned int npages);
void slab_page_free(void *p, unsigned int npages);
/*
 * The slab lists' lock (kernel: a spinlock with interrupts off, taken
 * before the page allocator's; host tests: nothing).
 */
unsigned long slab_lock(void);
void slab_unlock(unsigned long flags);

#endif
