// SPDX-License-Identifier: GPL-2.0
/*
 * Boot memory map normalisation (pure code, also built into host tests).
 *
 * Firmware and hypervisors hand over memory maps that may be unsorted,
 * overlapping, duplicated, unaligned or plainly corrupt. memmap_sanitize()
 * turns any table into one where:
 *
 *  - entries are sorted by address and never overlap;
 *  - where raw entries overlapped, the most restrictive type won: RAM
 *    loses to everything, among the others the higher type number wins,
 *    and an unknown type counts as MEMMAP_RESERVED (as E820 demands);
 *  - no two entries of one type touch (they are merged);
 *  - RAM comes in whole pages (trimmed inwards) and lies below 2^52, the
 *    architectural limit of x86-64 physical addresses; non-RAM entries
 *    may reach the very top of the 64-bit space;
 *  - there are at most MEMMAP_MAX entries. If the resolved map needs
 *    more, detail is given up in the safe direction only: first touching
 *    non-RAM entries are merged (the merged type is the more restrictive
 *    one, never ACPI when the other part was not ACPI), then the smallest
 *    RAM entries are dropped, and only when no RAM is left are the gaps
 *    between non-RAM entries filled. RAM is never kept over a non-RAM
 *    area.
 *
 * Method: every entry contributes its start and its end as boundaries.
 * Between two consecutive boundaries nothing changes, so each elementary
 * interval takes the type of the highest-ranked entry covering its first
 * byte. With at most MEMMAP_MAX + 1 inputs this is O(n^2) on small static
 * scratch arrays: the code runs at boot on one CPU (and in tests) and is
 * not re-entrant.
 *
 * Internally a range is [start, last] (inclusive) so that an entry may end
 * at 2^64 exactly without overflowing. The result is a fixed point:
 * sanitising a sanitised map changes nothing.
 */
#include <tern/memmap.h>
#include <tern/string.h>

#define MM_U64_MAX	(~0ULL)
#define MM_RAM_LIMIT	(1ULL << 52)
#define MM_NR_IN	(MEMMAP_MAX + 1)
#define MM_NR_OUT	(2 * MM_NR_IN)

struct mm_seg {
	u64 start;
	u64 last;
	u32 type;
};

static struct mm_seg mm_in[MM_NR_IN];
static u64 mm_bound[MM_NR_OUT];
static struct mm_seg mm_out[MM_NR_OUT];

static u32 memmap_norm_type(u32 type)
{
	if (type >= MEMMAP_RAM && type <= MEMMAP_UNUSABLE)
		return type;
	return MEMMAP_RESERVED;
}

/*
 * Turn a raw entry into [start, last]; false when nothing usable is left.
 * A wrapping non-RAM entry is clamped at 2^64 (the reservation is kept),
 * a wrapping RAM entry is corrupt and dropped, RAM is clipped at 2^52.
 */
static bool memmap_to_seg(u64 addr, u64 size, u32 type, struct mm_seg *s)
{
	if (!size)
		return false;
	type = memmap_norm_type(type);
	if (size - 1 > MM_U64_MAX - addr) {
		if (type == MEMMAP_RAM)
			return false;
		size = 0 - addr;	/* addr != 0 here */
	}
	s->start = addr;
	s->last = addr + (size - 1);
	s->type = type;
	if (type == MEMMAP_RAM) {
		if (s->start >= MM_RAM_LIMIT)
			return false;
		if (s->last >= MM_RAM_LIMIT)
			s->last = MM_RAM_LIMIT - 1;
	}
	return true;
}

static unsigned int memmap_sort_unique(u64 *v, unsigned int n)
{
	unsigned int i, j, k;

	for (i = 1; i < n; i++) {
		u64 x = v[i];

		for (j = i; j > 0 && v[j - 1] > x; j--)
			v[j] = v[j - 1];
		v[j] = x;
	}
	for (i = 0, k = 0; i < n; i++)
		if (!k || v[k - 1] != v[i])
			v[k++] = v[i];
	return k;
}

static unsigned int seg_remove(struct mm_seg *s, unsigned int n,
			       unsigned int i)
{
	memmove(&s[i], &s[i + 1], (n - i - 1) * sizeof(*s));
	return n - 1;
}

/* Type of two merged non-RAM entries: never more reclaimable than either. */
static u32 memmap_coarse_type(u32 a, u32 b)
{
	u32 t = a > b ? a : b;

	if (a != b && t == MEMMAP_ACPI)
		return MEMMAP_RESERVED;
	return t;
}

static bool seg_touch(const struct mm_seg *a, const struct mm_seg *b)
{
	return a->last != MM_U64_MAX && a->last + 1 == b->start;
}

static unsigned int memmap_merge_same(struct mm_seg *s, unsigned int n)
{
	unsigned int i = 0;

	while (i + 1 < n) {
		if (s[i].type == s[i + 1].type && seg_touch(&s[i], &s[i + 1])) {
			s[i].last = s[i + 1].last;
			n = seg_remove(s, n, i + 1);
		} else {
			i++;
		}
	}
	return n;
}

/* Bring n sorted, disjoint segments down to MEMMAP_MAX (see top). */
static unsigned int memmap_shrink(struct mm_seg *s, unsigned int n)
{
	unsigned int i, best;

	i = 0;
	while (n > MEMMAP_MAX && i + 1 < n) {
		if (s[i].type != MEMMAP_RAM && s[i + 1].type != MEMMAP_RAM &&
		    seg_touch(&s[i], &s[i + 1])) {
			s[i].type = memmap_coarse_type(s[i].type, s[i + 1].type);
			s[i].last = s[i + 1].last;
			n = seg_remove(s, n, i + 1);
		} else {
			i++;
		}
	}

	while (n > MEMMAP_MAX) {
		best = n;
		for (i = 0; i < n; i++) {
			if (s[i].type != MEMMAP_RAM)
				continue;
			if (best == n ||
			    s[i].last - s[i].start < s[best].last - s[best].start)
				best = i;
		}
		if (best == n)
			break;
		n = seg_remove(s, n, best);
	}

	while (n > MEMMAP_MAX) {
		best = 0;
		for (i = 1; i + 1 < n; i++)
			if (s[i + 1].start - s[i].last <
			    s[best + 1].start - s[best].last)
				best = i;
		s[best].type = memmap_coarse_type(s[best].type,
						  s[best + 1].type);
		s[best].last = s[best + 1].last;
		n = seg_remove(s, n, best + 1);
	}

	return memmap_merge_same(s, n);
}

/* Sanitise m, taking one more (already normalised) segment into account. */
static unsigned int memmap_resolve(struct memmap *m, const struct mm_seg *extra)
{
	unsigned int n = m->nr > MEMMAP_MAX ? MEMMAP_MAX : m->nr;
	unsigned int nin = 0, nb = 0, nout = 0, i, j;

	for (i = 0; i < n; i++)
		if (memmap_to_seg(m->e[i].addr, m->e[i].size, m->e[i].type,
				  &mm_in[nin]))
			nin++;
	if (extra)
		mm_in[nin++] = *extra;

	for (i = 0; i < nin; i++) {
		mm_bound[nb++] = mm_in[i].start;
		if (mm_in[i].last != MM_U64_MAX)
			mm_bound[nb++] = mm_in[i].last + 1;
	}
	nb = memmap_sort_unique(mm_bound, nb);

	for (i = 0; i < nb; i++) {
		u64 pos = mm_bound[i];
		u64 last = i + 1 < nb ? mm_bound[i + 1] - 1 : MM_U64_MAX;
		u32 type = 0;

		for (j = 0; j < nin; j++)
			if (mm_in[j].start <= pos && pos <= mm_in[j].last &&
			    mm_in[j].type > type)
				type = mm_in[j].type;
		if (!type)
			continue;
		if (nout && mm_out[nout - 1].type == type &&
		    mm_out[nout - 1].last + 1 == pos) {
			mm_out[nout - 1].last = last;
		} else {
			mm_out[nout].start = pos;
			mm_out[nout].last = last;
			mm_out[nout].type = type;
			nout++;
		}
	}

	/* Trim RAM inwards to whole pages (last < 2^52: no overflow). */
	for (i = 0, j = 0; i < nout; i++) {
		struct mm_seg s = mm_out[i];

		if (s.type == MEMMAP_RAM) {
			u64 start = ALIGN_UP(s.start, (u64)PAGE_SIZE);
			u64 end = ALIGN_DOWN(s.last + 1, (u64)PAGE_SIZE);

			if (start >= end)
				continue;
			s.start = start;
			s.last = end - 1;
		}
		mm_out[j++] = s;
	}
	nout = j;

	if (nout > MEMMAP_MAX)
		nout = memmap_shrink(mm_out, nout);

	for (i = 0; i < nout; i++) {
		m->e[i].addr = mm_out[i].start;
		/* [0, 2^64) has no size: give up its very last byte */
		m->e[i].size = mm_out[i].last - mm_out[i].start + 1;
		if (!m->e[i].size)
			m->e[i].size = MM_U64_MAX;
		m->e[i].type = mm_out[i].type;
	}
	memset(&m->e[nout], 0, (MEMMAP_MAX - nout) * sizeof(m->e[0]));
	m->nr = nout;
	return nout;
}

/*
 * Returns 0 when the entry was recorded, -EINVAL when it was dropped
 * (zero size, wrapping RAM, RAM above 2^52), -ENOSPC when the table is
 * full even after sanitising it (only for RAM: a non-RAM entry is then
 * merged in at once, at the cost of RAM if need be).
 */
int memmap_add(struct memmap *m, u64 addr, u64 size, u32 type)
{
	struct mm_seg s;

	if (m->nr > MEMMAP_MAX)
		m->nr = MEMMAP_MAX;
	if (!memmap_to_seg(addr, size, type, &s))
		return -EINVAL;
	if (m->nr == MEMMAP_MAX) {
		memmap_resolve(m, NULL);
		if (m->nr == MEMMAP_MAX) {
			if (s.type == MEMMAP_RAM)
				return -ENOSPC;
			memmap_resolve(m, &s);
			return 0;
		}
	}
	m->e[m->nr].addr = s.start;
	m->e[m->nr].size = s.last - s.start + 1;
	m->e[m->nr].type = s.type;
	m->nr++;
	return 0;
}

unsigned int memmap_sanitize(struct memmap *m)
{
	return memmap_resolve(m, NULL);
}

/* Both assume a sanitised map; on a raw one they saturate, not wrap. */
u64 memmap_ram_bytes(const struct memmap *m)
{
	unsigned int n = m->nr > MEMMAP_MAX ? MEMMAP_MAX : m->nr;
	unsigned int i;
	u64 sum = 0;

	for (i = 0; i < n; i++) {
		if (m->e[i].type != MEMMAP_RAM)
			continue;
		if (m->e[i].size > MM_U64_MAX - sum)
			return MM_U64_MAX;
		sum += m->e[i].size;
	}
	return sum;
}

u64 memmap_ram_end(const struct memmap *m)
{
	unsigned int n = m->nr > MEMMAP_MAX ? MEMMAP_MAX : m->nr;
	unsigned int i;
	u64 end = 0, e;

	for (i = 0; i < n; i++) {
		if (m->e[i].type != MEMMAP_RAM || !m->e[i].size)
			continue;
		if (m->e[i].size > MM_U64_MAX - m->e[i].addr)
			e = MM_U64_MAX;
		else
			e = m->e[i].addr + m->e[i].size;
		if (e > end)
			end = e;
	}
	return end;
}

/*
 * Overlay [addr, addr + size) with type and re-sanitise. A range running
 * past 2^64 is clamped there. With MEMMAP_RAM the range only fills holes.
 * Returns 0 (also for size 0) or -EINVAL for a range that cannot be RAM.
 */
int memmap_reserve(struct memmap *m, u64 addr, u64 size, u32 type)
{
	struct mm_seg s;

	if (!size)
		return 0;
	if (!memmap_to_seg(addr, size, type, &s))
		return -EINVAL;
	memmap_resolve(m, &s);
	return 0;
}

const char *memmap_type_name(u32 type)
{
	switch (type) {
	case MEMMAP_RAM:
		return "RAM";
	case MEMMAP_RESERVED:
		return "reserved";
	case MEMMAP_ACPI:
		return "ACPI data";
	case MEMMAP_NVS:
		return "ACPI NVS";
	case MEMMAP_UNUSABLE:
		return "unusable";
	default:
		return "unknown";
	}
}
