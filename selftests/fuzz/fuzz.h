/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Helpers shared by the libFuzzer harnesses (selftests/fuzz/fuzz_*.c).
 *
 * fuzz_map() fakes physical memory over the fuzz input: [base, base +
 * size) holds the input bytes, everything else is unmapped. Each call
 * returns a private heap copy of exactly the bytes asked for, so
 * AddressSanitizer reports any read past what a parser mapped (the
 * input's own buffer would hide such reads behind the bytes that follow).
 * fuzz_mem_end() frees the copies after each input.
 *
 * FUZZ_CHECK() is an invariant of the code under test: a failure aborts,
 * which libFuzzer reports as a crash with the input saved.
 */
#ifndef TERN_FUZZ_H
#define TERN_FUZZ_H

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <tern/memmap.h>

/* libFuzzer's entry point, one call per input; returns 0. */
int LLVMFuzzerTestOneInput(const u8 *data, size_t size);

#define FUZZ_CHECK(cond)						\
	do {								\
		if (!(cond)) {						\
			fprintf(stderr, "%s:%d: invariant broken: %s\n",	\
				__FILE__, __LINE__, #cond);		\
			abort();					\
		}							\
	} while (0)

static const u8 *fuzz_data;
static size_t fuzz_size;
static u64 fuzz_base;
static void **fuzz_copies;
static size_t fuzz_nr_copies, fuzz_cap_copies;

static inline void fuzz_mem_begin(const u8 *data, size_t size, u64 base)
{
	fuzz_data = data;
	fuzz_size = size;
	fuzz_base = base;
	fuzz_nr_copies = 0;
}

static inline const void *fuzz_map(u64 pa, size_t len)
{
	void *p;

	if (pa < fuzz_base || pa - fuzz_base > fuzz_size ||
	    len > fuzz_size - (pa - fuzz_base))
		return NULL;
	if (fuzz_nr_copies == fuzz_cap_copies) {
		size_t cap = fuzz_cap_copies ? 2 * fuzz_cap_copies : 64;
		void **grown = realloc(fuzz_copies, cap * sizeof(*grown));

		if (!grown)
			abort();
		fuzz_copies = grown;
		fuzz_cap_copies = cap;
	}
	/* malloc(0) may return NULL, which would read as "unmapped" */
	p = malloc(len ? len : 1);
	if (!p)
		abort();
	memcpy(p, fuzz_data + (pa - fuzz_base), len);
	fuzz_copies[fuzz_nr_copies++] = p;
	return p;
}

static inline void fuzz_mem_end(void)
{
	size_t i;

	for (i = 0; i < fuzz_nr_copies; i++)
		free(fuzz_copies[i]);
	fuzz_nr_copies = 0;
}

static inline u64 fuzz_le(const u8 *p, unsigned int n)
{
	u64 v = 0;

	while (n--)
		v = v << 8 | p[n];
	return v;
}

/* s is NUL-terminated within size bytes, and every byte after it is 0 */
static inline bool fuzz_zero_after(const char *s, size_t size)
{
	size_t i = strnlen(s, size);

	if (i == size)
		return false;
	for (; i < size; i++)
		if (s[i])
			return false;
	return true;
}

/* A script read from the input: the rest of it, consumed front first. */
struct in {
	const u8 *p;
	size_t n;
};

/* The next bytes (at most 8) as a little-endian number; 0s past the end. */
static inline u64 take(struct in *in, unsigned int bytes)
{
	u8 b[8] = { 0 };
	unsigned int i;

	for (i = 0; i < bytes && i < 8 && in->n; i++, in->p++, in->n--)
		b[i] = *in->p;
	return fuzz_le(b, bytes < 8 ? bytes : 8);
}

/*
 * What memmap_sanitize() promises (include/tern/memmap.h): sorted,
 * disjoint, known types, same-type neighbours merged, RAM in whole pages
 * below 2^52, at most MEMMAP_MAX entries, unused entries zeroed.
 */
static inline void fuzz_check_memmap(const struct memmap *m)
{
	unsigned int i;

	FUZZ_CHECK(m->nr <= MEMMAP_MAX);
	for (i = 0; i < m->nr; i++) {
		const struct memmap_entry *e = &m->e[i];
		u64 last;

		FUZZ_CHECK(e->size != 0);
		FUZZ_CHECK(e->type >= MEMMAP_RAM && e->type <= MEMMAP_UNUSABLE);
		FUZZ_CHECK(e->size - 1 <= ~0ULL - e->addr);
		last = e->addr + (e->size - 1);
		if (e->type == MEMMAP_RAM) {
			FUZZ_CHECK(!(e->addr & (PAGE_SIZE - 1)));
			FUZZ_CHECK(!(e->size & (PAGE_SIZE - 1)));
			FUZZ_CHECK(last < (1ULL << 52));
		}
		if (i + 1 < m->nr) {
			const struct memmap_entry *n = &m->e[i + 1];

			FUZZ_CHECK(last < n->addr);
			FUZZ_CHECK(e->type != n->type || last + 1 != n->addr);
		}
	}
	for (; i < MEMMAP_MAX; i++)
		FUZZ_CHECK(!m->e[i].addr && !m->e[i].size && !m->e[i].type);
}

#endif
