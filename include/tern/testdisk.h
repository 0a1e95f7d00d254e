/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The test-disk contract, shared by the in-kernel tests (NVMe disks, and
 * boot modules made the same way) and the host tool that writes and
 * checks the image (selftests/tern-disk.c, behind selftests/mkdisk and
 * selftests/checkdisk).
 *
 * The image is a whole number of 512-byte sectors. Sector L holds
 *
 *   bytes   0..7    L, little-endian u64
 *   bytes   8..15   "TERNDISK" (as made) or "TERNWRIT" (written by the
 *                   guest's write test)
 *   bytes  16..503  testdisk_byte(L, seed, i) for byte i, seed
 *                   TESTDISK_SEED_ORIG or TESTDISK_SEED_WRITTEN
 *   bytes 504..511  FNV-1a 64 of bytes 0..503, little-endian
 *
 * The last TESTDISK_RESERVED bytes of the disk are the write region:
 * the guest overwrites all of it with the "written" form; everything
 * before it must keep the original form.
 */
#ifndef _TERN_TESTDISK_H
#define _TERN_TESTDISK_H

#include <tern/types.h>

#define TESTDISK_SECTOR		512
#define TESTDISK_RESERVED	(1u << 20)
#define TESTDISK_SEED_ORIG	0x5a5aULL
#define TESTDISK_SEED_WRITTEN	0xa5a5ULL
#define TESTDISK_MAGIC_ORIG	"TERNDISK"
#define TESTDISK_MAGIC_WRITTEN	"TERNWRIT"

static inline u8 testdisk_byte(u64 lba, u64 seed, unsigned int i)
{
	u64 x = lba * 0x9e3779b97f4a7c15ULL + i * 0xbf58476d1ce4e5b9ULL + seed;

	x ^= x >> 29;
	x *= 0x94d049bb133111ebULL;
	x ^= x >> 32;
	return (u8)x;
}

static inline u64 testdisk_fnv1a(const u8 *p, unsigned int len)
{
	u64 h = 0xcbf29ce484222325ULL;
	unsigned int i;

	for (i = 0; i < len; i++) {
		h ^= p[i];
		h *= 0x100000001b3ULL;
	}
	return h;
}

static inline void testdisk_put64(u8 *p, u64 v)
{
	unsigned int i;

	for (i = 0; i < 8; i++)
		p[i] = (u8)(v >> (8 * i));
}

/* Fill one sector in its original (written = false) or written form. */
static inline void testdisk_fill(u8 *s, u64 lba, bool written)
{
	const char *magic = written ? TESTDISK_MAGIC_WRITTEN :
				      TESTDISK_MAGIC_ORIG;
	u64 seed = written ? TESTDISK_SEED_WRITTEN : TESTDISK_SEED_ORIG;
	unsigned int i;

	testdisk_put64(s, lba);
	for (i = 0; i < 8; i++)
		s[8 + i] = (u8)magic[i];
	for (i = 16; i < 504; i++)
		s[i] = testdisk_byte(lba, seed, i);
	testdisk_put64(s + 504, testdisk_fnv1a(s, 504));
}

/* 0: original form of lba, 1: written form, -1: neither. */
static inline int testdisk_check(const u8 *s, u64 lba)
{
	u8 want[TESTDISK_SECTOR];
	int form;

	for (form = 0; form < 2; form++) {
		unsigned int i;

		testdisk_fill(want, lba, form);
		for (i = 0; i < TESTDISK_SECTOR && s[i] == want[i]; i++)
			;
		if (i == TESTDISK_SECTOR)
			return form;
	}
	return -1;
}

#endif
