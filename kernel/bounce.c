// SPDX-License-Identifier: GPL-2.0
/*
 * The bounce pool (software IOTLB) behind the DMA API, as pure code: it
 * only copies bytes and keeps slot bookkeeping, so the host tests run it
 * on ordinary memory with made-up bus addresses.
 *
 * The pool is nslots slots of 4 KiB, in segments of BOUNCE_SEG_SLOTS
 * slots. Each segment is bus-contiguous, but two segments need not be
 * adjacent on the bus (a Xen PV pool is exchanged segment by segment),
 * so a mapping never crosses a segment and every bus<->slot lookup goes
 * through seg_bus[].
 *
 * A mapping keeps the page offset of the original buffer: a device that
 * addresses memory in pages (NVMe PRPs) sees the same page geometry.
 * info[i].orig != NULL marks slot i in use; the first slot of a mapping
 * also holds nslots and len, which unmap checks.
 */
#include <tern/dma.h>
#include <tern/string.h>

#define PAGE_OFF(x)	((uintptr_t)(x) & (BOUNCE_SLOT_SIZE - 1))

int bounce_pool_init(struct bounce_pool *p, void *va, unsigned int nslots,
		     bus_addr_t *seg_bus, struct bounce_map_info *info)
{
	unsigned int s;

	if (!va || !seg_bus || !info || PAGE_OFF(va) ||
	    nslots % BOUNCE_SEG_SLOTS)
		return -EINVAL;
	for (s = 0; s < nslots / BOUNCE_SEG_SLOTS; s++)
		if (bus_x(seg_bus[s]) & (BOUNCE_SLOT_SIZE - 1))
			return -EINVAL;
	p->va = va;
	p->nslots = nslots;
	p->used = 0;
	p->seg_bus = seg_bus;
	p->info = info;
	p->copied = 0;
	memset(info, 0, nslots * sizeof(*info));
	return 0;
}

static u64 slot_bus(const struct bounce_pool *p, unsigned int slot)
{
	return bus_x(p->seg_bus[slot / BOUNCE_SEG_SLOTS]) +
	       (u64)(slot % BOUNCE_SEG_SLOTS) * BOUNCE_SLOT_SIZE;
}

/* The slot holding bus, or -1. */
static int bus_slot(const struct bounce_pool *p, u64 bus)
{
	unsigned int s;

	for (s = 0; s < p->nslots / BOUNCE_SEG_SLOTS; s++) {
		u64 base = bus_x(p->seg_bus[s]);

		if (bus >= base && bus - base < BOUNCE_SEG_SIZE)
			return s * BOUNCE_SEG_SLOTS +
			       (int)((bus - base) >> BOUNCE_SLOT_SHIFT);
	}
	return -1;
}

bool bounce_owns(const struct bounce_pool *p, bus_addr_t bus)
{
	return p->nslots && bus_slot(p, bus_x(bus)) >= 0;
}

/* First fit: n free slots in one segment, the last byte under mask. */
static int find_run(const struct bounce_pool *p, unsigned int n, u64 mask)
{
	unsigned int seg, i, run;

	for (seg = 0; seg < p->nslots / BOUNCE_SEG_SLOTS; seg++) {
		unsigned int first = seg * BOUNCE_SEG_SLOTS;

		run = 0;
		for (i = first; i < first + BOUNCE_SEG_SLOTS; i++) {
			if (p->info[i].orig) {
				run = 0;
				continue;
			}
			if (++run < n)
				continue;
			if (slot_bus(p, i) + BOUNCE_SLOT_SIZE - 1 > mask)
				break;	/* the rest of this segment is higher */
			return i + 1 - n;
		}
	}
	return -1;
}

int bounce_map(struct bounce_pool *p, void *orig, size_t len, u64 mask,
	       bool copy_in, bus_addr_t *bus)
{
	unsigned int off = PAGE_OFF(orig), n, i;
	int first;
	u8 *copy;

	if (!len || !orig || off + len > BOUNCE_SEG_SIZE)
		return -EINVAL;
	n = (off + len + BOUNCE_SLOT_SIZE - 1) >> BOUNCE_SLOT_SHIFT;
	first = find_run(p, n, mask);
	if (first < 0)
		return -ENOSPC;
	for (i = 0; i < n; i++)
		p->info[first + i].orig = orig;
	p->info[first].nslots = n;
	p->info[first].len = len;
	p->used += n;
	copy = p->va + ((size_t)first << BOUNCE_SLOT_SHIFT) + off;
	if (copy_in) {
		memcpy(copy, orig, len);
		p->copied += len;
	}
	*bus = _bus(slot_bus(p, first) + off);
	return 0;
}

/* The first slot of the live mapping (bus, len), or -1. */
static int lookup(const struct bounce_pool *p, bus_addr_t bus, size_t len)
{
	int slot = bus_slot(p, bus_x(bus));

	if (slot < 0 || !p->info[slot].nslots || p->info[slot].len != len ||
	    PAGE_OFF(p->info[slot].orig) != PAGE_OFF(bus_x(bus)))
		return -1;
	return slot;
}

int bounce_sync(struct bounce_pool *p, bus_addr_t bus, size_t len,
		bool to_device)
{
	int slot = lookup(p, bus, len);
	u8 *copy;

	if (slot < 0)
		return -EINVAL;
	copy = p->va + ((size_t)slot << BOUNCE_SLOT_SHIFT) +
	       PAGE_OFF(bus_x(bus));
	if (to_device)
		memcpy(copy, p->info[slot].orig, len);
	else
		memcpy(p->info[slot].orig, copy, len);
	p->copied += len;
	return 0;
}

int bounce_unmap(struct bounce_pool *p, bus_addr_t bus, size_t len,
		 bool copy_out)
{
	int slot = lookup(p, bus, len);
	unsigned int i, n;

	if (slot < 0)
		return -EINVAL;
	if (copy_out)
		bounce_sync(p, bus, len, false);
	n = p->info[slot].nslots;
	for (i = 0; i < n; i++)
		p->info[slot + i] = (struct bounce_map_info){ 0 };
	p->used -= n;
	return 0;
}
