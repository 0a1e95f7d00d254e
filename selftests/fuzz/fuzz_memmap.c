// SPDX-License-Identifier: GPL-2.0
/*
 * Fuzz the memory-map sanitiser (kernel/memmap.c). The input is a list
 * of 21-byte operations {op, addr (8), size (8), type (4)}, little
 * endian: op % 4 is memmap_add, memmap_reserve, memmap_sanitize, or
 * memmap_add followed by the totals. Work per input is capped, so the
 * fuzzer runs millions of inputs rather than thousands: only the first
 * MAX_OPS records count and only the first MAX_SANITIZE sanitise
 * records sanitise (later ones are skipped; the map is full after
 * MEMMAP_MAX adds either way). At the end the map is sanitised
 * and checked: the promises of memmap.h hold, sanitising again changes
 * nothing, and no RAM lies over any non-RAM range that was accepted
 * (a reservation is never lost).
 */
#include <tern/memmap.h>

#include "fuzz.h"

#define OP_SIZE		21
#define MAX_HOLES	512
#define MAX_OPS		64
#define MAX_SANITIZE	4

static struct memmap m, again;
static struct {
	u64 start, last;
} holes[MAX_HOLES];
static unsigned int nr_holes;

static void note_hole(u64 addr, u64 size, u32 type)
{
	if (type == MEMMAP_RAM || !size || nr_holes == MAX_HOLES)
		return;
	holes[nr_holes].start = addr;
	holes[nr_holes].last = size - 1 > ~0ULL - addr ? ~0ULL :
			       addr + (size - 1);
	nr_holes++;
}

int LLVMFuzzerTestOneInput(const u8 *data, size_t size)
{
	unsigned int i, j, ops = 0, sanitized = 0;

	memset(&m, 0, sizeof(m));
	nr_holes = 0;
	for (; size >= OP_SIZE && ops < MAX_OPS;
	     data += OP_SIZE, size -= OP_SIZE, ops++) {
		u64 addr = fuzz_le(data + 1, 8), len = fuzz_le(data + 9, 8);
		u32 type = fuzz_le(data + 17, 4);

		switch (data[0] % 4) {
		case 0:
			if (!memmap_add(&m, addr, len, type))
				note_hole(addr, len, type);
			break;
		case 1:
			if (!memmap_reserve(&m, addr, len, type))
				note_hole(addr, len, type);
			break;
		case 2:
			if (sanitized++ >= MAX_SANITIZE)
				break;
			memmap_sanitize(&m);
			fuzz_check_memmap(&m);
			break;
		default:
			if (!memmap_add(&m, addr, len, type))
				note_hole(addr, len, type);
			memmap_ram_bytes(&m);
			memmap_ram_end(&m);
			break;
		}
		FUZZ_CHECK(m.nr <= MEMMAP_MAX);
	}

	FUZZ_CHECK(memmap_sanitize(&m) == m.nr);
	fuzz_check_memmap(&m);
	again = m;
	memmap_sanitize(&again);
	FUZZ_CHECK(!memcmp(&again, &m, sizeof(m)));

	for (i = 0; i < m.nr; i++) {
		u64 s = m.e[i].addr, l = s + (m.e[i].size - 1);

		if (m.e[i].type != MEMMAP_RAM)
			continue;
		for (j = 0; j < nr_holes; j++)
			FUZZ_CHECK(l < holes[j].start || s > holes[j].last);
	}
	FUZZ_CHECK(memmap_ram_end(&m) <= (1ULL << 52));
	return 0;
}
