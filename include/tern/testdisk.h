/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The test-disk contract, shared by the in-kernel tests (the block suite
 * over every block device, boot modules made the same way) and the host
 * tool that writes and checks the image (selftests/tern-disk.c, behind
 * selftests/mkdisk and selftests/checkdisk). Documentation/block.md.
 *
 * The image is a whole number of MiB. Sector L (512-byte units, u64:
 * images go up to 4 TiB, 2^33 sectors) holds
 *
 *   bytes   0..7    L, little-endian u64
 *   bytes   8..15   "TERNDISK" (as made) or "TERNWRIT" (written by the
 *                   guest's write test)
 *   bytes  16..503  testdisk_byte(L, seed, i) for byte i, seed
 *                   TESTDISK_SEED_ORIG or TESTDISK_SEED_WRITTEN
 *   bytes 504..511  FNV-1a 64 of bytes 0..503, little-endian
 *
 * The last TESTDISK_RESERVED bytes of the disk are the write region:
 * the guest overwrites all of it with the "written" form (a read-only
 * disk keeps it original); everything before it must keep the original
 * form.
 *
 * Which sectors exist: an image of at most TESTDISK_FULL_MAX_MIB is
 * written whole. A larger one is sparse: only the first MiB, the
 * TESTDISK_PROBES probe regions (testdisk_probe()) and the last MiB are
 * written, every other sector is a hole (reads as zeros, fails
 * testdisk_check()). Readers of a disk must therefore only expect
 * pattern data in those regions unless testdisk_full() says the whole
 * disk is written. The probe regions lie before the write region, in
 * original form: probe 0 starts at sector 0, the last one ends where the
 * write region starts, the rest are spread evenly in between (sector
 * numbers beyond 2^32 on disks larger than 2 TiB).
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

/* Images up to this size are written whole, larger ones sparsely. */
#define TESTDISK_FULL_MAX_MIB	256u
#define TESTDISK_MAX_MIB	(4u << 20)	/* 4 TiB */
#define TESTDISK_MIN_MIB	2u
#define TESTDISK_PROBES		64u
#define TESTDISK_PROBE_BYTES	(64u << 10)
#define TESTDISK_PROBE_SECTORS	(TESTDISK_PROBE_BYTES / TESTDISK_SECTOR)
/* probe starts are aligned to this many sectors (4 KiB blocks) */
#define TESTDISK_PROBE_ALIGN	8u
#define TESTDISK_RESERVED_SECTORS (TESTDISK_RESERVED / TESTDISK_SECTOR)

/* True when every sector of a disk of total sectors holds pattern data. */
static inline bool testdisk_full(u64 total)
{
	return total <= (u64)TESTDISK_FULL_MAX_MIB << (20 - 9);
}

/* First sector of the write region (the last MiB). */
static inline u64 testdisk_write_region(u64 total)
{
	return total - TESTDISK_RESERVED_SECTORS;
}

/*
 * First sector of probe region i (0 <= i < TESTDISK_PROBES) on a disk of
 * total sectors (a whole number of MiB, at least TESTDISK_MIN_MIB):
 * TESTDISK_PROBE_SECTORS sectors, evenly spread over the original-form
 * part [0, total - 1 MiB), aligned down to TESTDISK_PROBE_ALIGN. Probe 0
 * starts at sector 0; the last ends at the write region. span * i stays
 * below 2^33 * 64: no overflow for any supported size.
 */
static inline u64 testdisk_probe(unsigned int i, u64 total)
{
	u64 span = testdisk_write_region(total) - TESTDISK_PROBE_SECTORS;

	return (span * i / (TESTDISK_PROBES - 1)) &
	       ~(u64)(TESTDISK_PROBE_ALIGN - 1);
}

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
