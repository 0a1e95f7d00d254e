/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Little-endian bytes for the host tests' fake producers, which lay
 * shared structures out by byte offsets worked out by hand (not through
 * the structs under test), so a wrong layout shows.
 */
#ifndef TEST_LE_H
#define TEST_LE_H

#include <tern/types.h>

/* the low bytes of v at p, least significant first */
static inline void le_put(u8 *p, u64 v, unsigned int bytes)
{
	unsigned int i;

	for (i = 0; i < bytes; i++)
		p[i] = v >> (8 * i);
}

static inline u64 le_get(const u8 *p, unsigned int bytes)
{
	u64 v = 0;

	while (bytes--)
		v = v << 8 | p[bytes];
	return v;
}

#endif
