// SPDX-License-Identifier: GPL-2.0
/*
 * Host tests for lib/partition.c (MBR and GPT labels) and lib/crc32.c.
 *
 * Images are built in memory by the helpers below (an MBR entry, an EBR,
 * a GPT header and entry array with their CRCs), mostly over a 64 MiB
 * disk whose sectors are served by the read callback from a sparse map
 * (so disks near 2^64 sectors cost nothing); the callback fails the test
 * on any read that is misaligned, not one block, or past the end. Then
 * labels made by the real tool: sfdisk (util-linux) writes GPT and MBR
 * (with logical partitions) labels on a plain file at run time, and the
 * parser must list exactly the partitions the script asked for (skipped
 * when sfdisk is not installed).
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <cmocka.h>

#include <tern/crc32.h>
#include <tern/partition.h>

#define MAX_BLOCKS	256	/* distinct blocks an image may hold */
#define LINUX_FS "\xaf\x3d\xc6\x0f\x83\x84\x72\x47\x8e\x79\x3d\x69\xd8\x47\x7d\xe4"

/* A disk of nr_sectors whose written blocks are kept in a small map. */
struct disk {
	u64 nr_sectors;
	u32 bs;
	unsigned int nr;
	u64 lba[MAX_BLOCKS];		/* in blocks */
	u8 *blk[MAX_BLOCKS];
	unsigned int reads;
	int fail_reads;			/* read() returns this when set */
	/* a flat image instead (sfdisk's files) */
	const u8 *flat;
};

static struct disk d;
static struct part_table t;
static const char *why;

static void disk_reset(u64 nr_sectors, u32 bs)
{
	unsigned int i;

	for (i = 0; i < d.nr; i++)
		free(d.blk[i]);
	memset(&d, 0, sizeof(d));
	d.nr_sectors = nr_sectors;
	d.bs = bs;
}

/* Block lba of the image, created zeroed on first use. */
static u8 *block(u64 lba)
{
	unsigned int i;

	for (i = 0; i < d.nr; i++)
		if (d.lba[i] == lba)
			return d.blk[i];
	assert_true(d.nr < MAX_BLOCKS);
	d.lba[d.nr] = lba;
	d.blk[d.nr] = calloc(1, d.bs);
	assert_non_null(d.blk[d.nr]);
	return d.blk[d.nr++];
}

static int disk_read(void *ctx, u64 sector, u32 nr_bytes, void *buf)
{
	struct disk *dk = ctx;
	u64 spb = dk->bs / 512, i;

	assert_ptr_equal(dk, &d);
	assert_int_equal(nr_bytes, dk->bs);
	assert_int_equal(sector % spb, 0);
	assert_true(sector < dk->nr_sectors);
	assert_true(spb <= dk->nr_sectors - sector);
	dk->reads++;
	if (dk->fail_reads)
		return dk->fail_reads;
	if (dk->flat) {
		memcpy(buf, dk->flat + sector * 512, nr_bytes);
		return 0;
	}
	memset(buf, 0, nr_bytes);
	for (i = 0; i < dk->nr; i++)
		if (dk->lba[i] == sector / spb)
			memcpy(buf, dk->blk[i], nr_bytes);
	return 0;
}

static int parse(void)
{
	memset(&t, 0xa5, sizeof(t));
	why = "unset";
	return part_parse(disk_read, &d, d.nr_sectors, d.bs, &t, &why);
}

static void put32(u8 *p, u32 v)
{
	unsigned int i;

	for (i = 0; i < 4; i++)
		p[i] = (u8)(v >> 8 * i);
}

static void put64(u8 *p, u64 v)
{
	put32(p, (u32)v);
	put32(p + 4, (u32)(v >> 32));
}

/* ---- MBR ---- */

static void mbr_sig(u64 lba)
{
	u8 *b = block(lba);

	b[510] = 0x55;
	b[511] = 0xaa;
}

/* entry i of the table in block lba (MBR or EBR), LBAs in blocks */
static void mbr_set(u64 lba, unsigned int i, u8 type, u32 start, u32 n)
{
	u8 *e = block(lba) + 446 + 16 * i;

	e[4] = type;
	put32(e + 8, start);
	put32(e + 12, n);
	mbr_sig(lba);
}

static void expect_part(unsigned int i, unsigned int number, u64 start,
			u64 n)
{
	assert_true(i < t.nr);
	assert_int_equal(t.part[i].number, number);
	assert_int_equal(t.part[i].start, start);
	assert_int_equal(t.part[i].nr_sectors, n);
}

static void expect_err(int err, const char *reason)
{
	int r = parse();

	if (r != err || strcmp(why, reason))
		fprintf(stderr, "got %d \"%s\", expected %d \"%s\"\n", r,
			why ? why : "(null)", err, reason);
	assert_int_equal(r, err);
	assert_string_equal(why, reason);
	assert_int_equal(t.nr, 0);
}

static void expect_ok(enum part_label label, unsigned int nr)
{
	int r = parse();

	if (r)
		fprintf(stderr, "refused: %d \"%s\"\n", r, why);
	assert_int_equal(r, 0);
	assert_null(why);
	assert_int_equal(t.label, label);
	assert_int_equal(t.nr, nr);
}

#define MIB64	(64ULL << 11)

static void crc32_known(void **state)
{
	static const u8 zeros[32];

	assert_int_equal(crc32_ieee(0, "123456789", 9), 0xcbf43926);
	assert_int_equal(crc32_ieee(0, "", 0), 0);
	assert_int_equal(crc32_ieee(0, zeros, 32), 0x190a55ad);
	assert_int_equal(crc32_ieee(crc32_ieee(0, "1234", 4), "56789", 5),
			 0xcbf43926);
	assert_int_equal(crc32_ieee(0, "The quick brown fox jumps over the lazy dog",
				    43), 0x414fa339);
}

static void no_label(void **state)
{
	disk_reset(MIB64, 512);
	expect_ok(PART_LABEL_NONE, 0);
	/* the signature alone: an MBR with no partitions */
	mbr_sig(0);
	expect_ok(PART_LABEL_MBR, 0);
	/* a boot sector with a bad boot flag (a file system's): no table */
	mbr_set(0, 0, 0x83, 2048, 2048);
	block(0)[446] = 0x29;
	expect_ok(PART_LABEL_NONE, 0);
	/* the tiniest disk: one block */
	disk_reset(1, 512);
	expect_ok(PART_LABEL_NONE, 0);
	assert_int_equal(d.reads, 1);
}

static void bad_arguments(void **state)
{
	disk_reset(MIB64, 1024);
	expect_err(-EINVAL, "the logical block size is neither 512 nor 4096");
	disk_reset(MIB64 + 1, 4096);
	expect_err(-EINVAL, "the disk is not a whole number of blocks");
	disk_reset(7, 4096);
	expect_err(-EINVAL, "the disk is not a whole number of blocks");
	disk_reset(0, 512);
	expect_err(-EINVAL, "the disk is not a whole number of blocks");
	disk_reset(MIB64, 512);
	d.fail_reads = -EIO;
	expect_err(-EIO, "the disk cannot be read");
}

static void mbr_primary(void **state)
{
	disk_reset(MIB64, 512);
	mbr_set(0, 0, 0x83, 2048, 4096);
	mbr_set(0, 2, 0x07, 8192, 1000);
	mbr_set(0, 3, 0x82, 10000, 0);		/* size 0: empty */
	mbr_set(0, 1, 0x00, 20000, 100);	/* type 0: empty */
	block(0)[446] = 0x80;			/* bootable */
	expect_ok(PART_LABEL_MBR, 2);
	expect_part(0, 1, 2048, 4096);
	expect_part(1, 3, 8192, 1000);
	assert_int_equal(t.part[0].mbr_type, 0x83);
	assert_int_equal(t.part[1].mbr_type, 0x07);
	assert_string_equal(t.part[0].name, "");
	/* up to the last sector */
	mbr_set(0, 3, 0x83, 20000, (u32)(MIB64 - 20000));
	expect_ok(PART_LABEL_MBR, 3);
	expect_part(2, 4, 20000, MIB64 - 20000);
}

static void mbr_bad(void **state)
{
	disk_reset(MIB64, 512);
	mbr_set(0, 0, 0x83, 2048, 4096);
	mbr_set(0, 1, 0x83, 6000, 100);
	expect_err(-EINVAL, "two partitions overlap");
	mbr_set(0, 1, 0x83, (u32)MIB64 - 10, 11);
	expect_err(-EINVAL, "a partition lies outside the disk");
	mbr_set(0, 1, 0x83, (u32)MIB64, 1);
	expect_err(-EINVAL, "a partition lies outside the disk");
	mbr_set(0, 1, 0x83, 0xffffffff, 0xffffffff);
	expect_err(-EINVAL, "a partition lies outside the disk");
	mbr_set(0, 1, 0x83, 0, 10);
	expect_err(-EINVAL, "a partition covers a label block");
	/* the disk is smaller than its label says */
	mbr_set(0, 1, 0x83, 8192, 8192);
	d.nr_sectors = 10000;
	expect_err(-EINVAL, "a partition lies outside the disk");
	d.nr_sectors = MIB64;
	expect_ok(PART_LABEL_MBR, 2);
}

/* an extended partition at ext with logicals of n blocks, 2048 apart */
static void chain(u64 ext, unsigned int nr, u32 n)
{
	unsigned int i;

	for (i = 0; i < nr; i++) {
		u64 ebr = ext + (u64)i * 2048;

		mbr_set(ebr, 0, 0x83, 64, n);
		if (i + 1 < nr)
			mbr_set(ebr, 1, 0x05, (i + 1) * 2048, 2048);
	}
}

static void mbr_extended(void **state)
{
	unsigned int i;

	disk_reset(MIB64, 512);
	mbr_set(0, 0, 0x83, 2048, 2048);
	mbr_set(0, 1, 0x0f, 8192, 3 * 2048);
	mbr_set(0, 3, 0x83, 20480, 2048);
	chain(8192, 3, 1000);
	block(8192 + 2048)[446 + 4] = 0x82;
	expect_ok(PART_LABEL_MBR, 5);
	expect_part(0, 1, 2048, 2048);
	expect_part(1, 4, 20480, 2048);
	for (i = 0; i < 3; i++) {
		expect_part(2 + i, 5 + i, 8192 + i * 2048 + 64, 1000);
		assert_int_equal(t.part[2 + i].mbr_type, i == 1 ? 0x82 : 0x83);
	}
	/* every extended type is followed */
	block(0)[446 + 16 + 4] = 0x85;
	expect_ok(PART_LABEL_MBR, 5);
	block(0)[446 + 16 + 4] = 0x05;
	expect_ok(PART_LABEL_MBR, 5);
	/* an EBR with no logical, only a link: no number used */
	put32(block(8192) + 446 + 12, 0);
	expect_ok(PART_LABEL_MBR, 4);
	expect_part(2, 5, 8192 + 2048 + 64, 1000);
	expect_part(3, 6, 8192 + 4096 + 64, 1000);
	put32(block(8192) + 446 + 12, 1000);
	/* an EBR without the signature ends the chain */
	block(8192 + 4096)[510] = 0;
	expect_ok(PART_LABEL_MBR, 4);
	block(8192 + 4096)[510] = 0x55;
	expect_ok(PART_LABEL_MBR, 5);

	/* a logical past its extended partition, one starting before it */
	mbr_set(8192 + 4096, 0, 0x83, 64, 2048);
	expect_err(-EINVAL, "a logical partition lies outside its extended partition");
	mbr_set(8192 + 4096, 0, 0x83, 0, 100);
	expect_err(-EINVAL, "a partition covers a label block");
	mbr_set(8192 + 4096, 0, 0x83, 64, 1000);
	/* an EBR outside its extended partition */
	mbr_set(8192 + 2048, 1, 0x05, 3 * 2048, 2048);
	expect_err(-EINVAL, "an EBR lies outside its extended partition");
	mbr_set(8192 + 2048, 1, 0x05, 2 * 2048, 2048);
	/* entry 1 not a link, entry 0 an extended type */
	block(8192 + 2048)[446 + 16 + 4] = 0x83;
	expect_err(-EINVAL, "an EBR's second entry is not a link");
	block(8192 + 2048)[446 + 16 + 4] = 0x05;
	block(8192 + 2048)[446 + 4] = 0x05;
	expect_err(-EINVAL, "an EBR's first entry is an extended partition");
	block(8192 + 2048)[446 + 4] = 0x83;
	expect_ok(PART_LABEL_MBR, 5);
	/* a primary overlapping the extended partition */
	mbr_set(0, 2, 0x83, 10000, 10);
	expect_err(-EINVAL, "a primary partition overlaps an extended one");
	mbr_set(0, 2, 0, 0, 0);
	/* extended partitions: outside the disk, over the MBR, overlapping */
	mbr_set(0, 2, 0x05, (u32)MIB64 - 1, 2);
	expect_err(-EINVAL, "an extended partition lies outside the disk");
	mbr_set(0, 2, 0x05, 0, 2);
	expect_err(-EINVAL, "an extended partition covers the MBR");
	mbr_set(0, 2, 0x05, 9500, 2);
	mbr_sig(9500);
	expect_err(-EINVAL, "two extended partitions overlap");
	/* a second, disjoint extended partition: its logicals follow */
	mbr_set(0, 2, 0x05, 30000, 4096);
	mbr_set(30000, 0, 0x83, 1, 100);
	expect_ok(PART_LABEL_MBR, 6);
	expect_part(5, 8, 30001, 100);
}

static void mbr_ebr_loops(void **state)
{
	unsigned int i;

	disk_reset(MIB64, 512);
	mbr_set(0, 1, 0x05, 8192, 3 * 2048);
	chain(8192, 3, 1000);
	/* the last EBR links back to the first, then to itself */
	mbr_set(8192 + 4096, 1, 0x05, 0, 2048);
	expect_err(-ELOOP, "the EBR chain loops");
	mbr_set(8192 + 4096, 1, 0x05, 4096, 2048);
	expect_err(-ELOOP, "the EBR chain loops");
	mbr_set(8192 + 4096, 1, 0x05, 2048, 2048);
	expect_err(-ELOOP, "the EBR chain loops");
	/* a chain of PART_EBR_MAX EBRs, logicals past PART_MAX: -E2BIG */
	disk_reset(4 * MIB64, 512);
	mbr_set(0, 1, 0x05, 8192, PART_EBR_MAX * 2048);
	chain(8192, PART_EBR_MAX, 1000);
	expect_err(-E2BIG, "more partitions than PART_MAX");
	/* empty EBRs (links only): 64 are fine, 65 are too many */
	for (i = 0; i < PART_EBR_MAX; i++)
		put32(block(8192 + i * 2048) + 446 + 12, 0);
	expect_ok(PART_LABEL_MBR, 0);
	mbr_set(0, 1, 0x05, 8192, (PART_EBR_MAX + 1) * 2048);
	chain(8192, PART_EBR_MAX + 1, 1000);
	for (i = 0; i <= PART_EBR_MAX; i++)
		put32(block(8192 + i * 2048) + 446 + 12, 0);
	expect_err(-ELOOP, "the EBR chain is longer than PART_EBR_MAX");
	/* exactly PART_MAX logicals */
	disk_reset(MIB64, 512);
	mbr_set(0, 1, 0x05, 8192, PART_MAX * 2048);
	chain(8192, PART_MAX, 1000);
	expect_ok(PART_LABEL_MBR, PART_MAX);
	expect_part(PART_MAX - 1, PART_MAX + 4,
		    8192 + (PART_MAX - 1) * 2048 + 64, 1000);
}

static void mbr_near_2_32(void **state)
{
	/* 32-bit fields at their maximum on a disk of 2^33 sectors */
	disk_reset(1ULL << 33, 512);
	mbr_set(0, 0, 0x83, 0xffffffff, 0xffffffff);
	mbr_set(0, 1, 0x83, 1, 0xfffffffe);
	expect_ok(PART_LABEL_MBR, 2);
	expect_part(0, 1, 0xffffffff, 0xffffffff);
	/* the same in 4096-byte blocks: sectors * 8 past 2^32 */
	disk_reset(1ULL << 36, 4096);
	mbr_set(0, 0, 0x83, 0xffffffff, 0xffffffff);
	expect_ok(PART_LABEL_MBR, 1);
	expect_part(0, 1, 0xffffffffULL * 8, 0xffffffffULL * 8);
	d.nr_sectors = 0xffffffffULL * 16 - 8;
	expect_err(-EINVAL, "a partition lies outside the disk");
	/* an MBR on a 4Kn disk counts 4096-byte blocks; so do EBRs */
	disk_reset(MIB64, 4096);
	mbr_set(0, 0, 0x83, 256, 256);
	mbr_set(0, 1, 0x05, 1024, 512);
	mbr_set(1024, 0, 0x83, 8, 100);
	expect_ok(PART_LABEL_MBR, 2);
	expect_part(0, 1, 2048, 2048);
	expect_part(1, 5, (1024 + 8) * 8, 800);
}

/* ---- GPT ---- */

struct gpt {
	u64 at, my, alt, first, last, entries;
	u32 count, esize;
	u32 hsize, revision;
};

/* entry i of the array at block lba (entry size esize) */
static u8 *gpt_entry(u64 lba, u32 esize, unsigned int i)
{
	u64 off = (u64)i * esize;

	return block(lba + off / d.bs) + off % d.bs;
}

static void gpt_set(u64 lba, u32 esize, unsigned int i, u64 first, u64 last,
		    const char *name)
{
	u8 *e = gpt_entry(lba, esize, i);
	unsigned int c;

	memcpy(e, LINUX_FS, 16);
	e[16] = (u8)i;
	put64(e + 32, first);
	put64(e + 40, last);
	memset(e + 56, 0, 72);
	for (c = 0; name[c] && c < 36; c++)
		e[56 + 2 * c] = (u8)name[c];
}

/*
 * A header at g->at, else g->my (CRCs computed over what the array
 * holds now).
 */
static void gpt_write(const struct gpt *g)
{
	u8 *h = block(g->at ? g->at : g->my);
	u64 bytes = (u64)g->count * g->esize, i;
	u32 crc = 0;

	memset(h, 0, d.bs);
	memcpy(h, "EFI PART", 8);
	put32(h + 8, g->revision ? g->revision : 0x00010000);
	put32(h + 12, g->hsize ? g->hsize : 92);
	put64(h + 24, g->my);
	put64(h + 32, g->alt);
	put64(h + 40, g->first);
	put64(h + 48, g->last);
	memcpy(h + 56, "tern-test-disk!!", 16);
	put64(h + 72, g->entries);
	put32(h + 80, g->count);
	put32(h + 84, g->esize);
	for (i = 0; i < bytes && bytes <= PART_GPT_ARRAY_MAX; i += d.bs) {
		u64 n = bytes - i < d.bs ? bytes - i : d.bs;

		crc = crc32_ieee(crc, block(g->entries + i / d.bs), n);
	}
	put32(h + 88, crc);
	/* (a header size above the block: the CRC of the block) */
	put32(h + 16, crc32_ieee(0, h, !g->hsize ? 92 :
				 g->hsize > d.bs ? d.bs : g->hsize));
}

static void protective(void)
{
	u64 last = d.nr_sectors / (d.bs / 512) - 1;

	mbr_set(0, 0, 0xee, 1, last > 0xffffffff ? 0xffffffff : (u32)last);
}

static struct gpt prim, back;

/*
 * The standard layout (sfdisk's): 128 entries of 128 bytes at LBA 2 and
 * before the backup header, usable from 1 MiB to before the backup
 * array; partitions as given, both headers written.
 */
static void gpt_standard(u64 nr_sectors, u32 bs)
{
	u64 spb = bs / 512, blocks = nr_sectors / spb, ab = 16384 / bs;

	disk_reset(nr_sectors, bs);
	protective();
	prim = (struct gpt){ .my = 1, .alt = blocks - 1, .first = 2048 / spb,
			     .last = blocks - 2 - ab, .entries = 2,
			     .count = 128, .esize = 128 };
	back = prim;
	back.my = blocks - 1;
	back.alt = 1;
	back.entries = blocks - 1 - ab;
}

static void gpt_both(u32 esize, unsigned int i, u64 first, u64 last,
		     const char *name)
{
	gpt_set(prim.entries, esize, i, first, last, name);
	gpt_set(back.entries, esize, i, first, last, name);
}

static void gpt_commit(void)
{
	gpt_write(&prim);
	gpt_write(&back);
}

static void gpt_basic(void **state)
{
	gpt_standard(MIB64, 512);
	gpt_both(128, 0, 2048, 43007, "tern1");
	gpt_both(128, 3, 43008, 129023, "a name of 36 characters, all used!!");
	gpt_commit();
	expect_ok(PART_LABEL_GPT, 2);
	assert_false(t.gpt_backup);
	assert_null(t.primary_why);
	expect_part(0, 1, 2048, 40960);
	expect_part(1, 4, 43008, 86016);
	assert_memory_equal(t.part[0].type_guid, LINUX_FS, 16);
	assert_string_equal(t.part[0].name, "tern1");
	assert_string_equal(t.part[1].name, "a name of 36 characters, all used!!");
	assert_int_equal(t.part[0].mbr_type, 0);
	/* non-ASCII folded */
	gpt_entry(2, 128, 0)[56 + 2] = 0xe9;
	gpt_entry(2, 128, 0)[56 + 5] = 0x20;
	gpt_commit();
	expect_ok(PART_LABEL_GPT, 2);
	assert_string_equal(t.part[0].name, "t??n1");
	/* the whole usable range; a hybrid MBR (0xEE and more) is a GPT */
	gpt_both(128, 3, 43008, prim.last, "x");
	mbr_set(0, 1, 0x83, 2048, 100);
	gpt_commit();
	expect_ok(PART_LABEL_GPT, 2);
	expect_part(1, 4, 43008, prim.last - 43008 + 1);
	/* no entries at all */
	gpt_standard(MIB64, 512);
	gpt_commit();
	expect_ok(PART_LABEL_GPT, 0);
	/* a larger header (the CRC covers all of it), another revision */
	prim.hsize = 512;
	prim.revision = 0x00010002;
	gpt_commit();
	expect_ok(PART_LABEL_GPT, 0);
	assert_false(t.gpt_backup);
}

static void gpt_backup_used(void **state)
{
	gpt_standard(MIB64, 512);
	gpt_both(128, 0, 2048, 43007, "p1");
	gpt_commit();
	/* the primary header is gone */
	memset(block(1), 0, 512);
	expect_ok(PART_LABEL_GPT, 1);
	assert_true(t.gpt_backup);
	assert_string_equal(t.primary_why, "no GPT signature");
	expect_part(0, 1, 2048, 40960);
	assert_string_equal(t.part[0].name, "p1");
	/* the backup gone too */
	memset(block(back.my), 0, 512);
	expect_err(-EINVAL, "both GPT headers are bad");
	assert_string_equal(t.primary_why, "no GPT signature");
	assert_string_equal(t.backup_why, "no GPT signature");
	/* the backup is only read when the primary is bad */
	gpt_commit();
	block(back.my)[0] = 'X';
	expect_ok(PART_LABEL_GPT, 1);
	assert_false(t.gpt_backup);
}

static void gpt_bad_crcs(void **state)
{
	gpt_standard(MIB64, 512);
	gpt_both(128, 0, 2048, 43007, "p1");
	gpt_commit();
	/* header CRC: a byte of the header changed after the CRC */
	block(1)[60] ^= 1;
	expect_ok(PART_LABEL_GPT, 1);
	assert_true(t.gpt_backup);
	assert_string_equal(t.primary_why, "bad GPT header CRC");
	block(back.my)[60] ^= 1;
	expect_err(-EINVAL, "both GPT headers are bad");
	assert_string_equal(t.backup_why, "bad GPT header CRC");
	/* the CRC field itself */
	gpt_commit();
	block(1)[16] ^= 0x80;
	expect_ok(PART_LABEL_GPT, 1);
	assert_string_equal(t.primary_why, "bad GPT header CRC");
	/* entry array CRC: an entry changed in the primary array only */
	gpt_commit();
	gpt_entry(2, 128, 0)[40] = 0x10;	/* last = 0x4010... */
	expect_ok(PART_LABEL_GPT, 1);
	assert_true(t.gpt_backup);
	assert_string_equal(t.primary_why, "bad GPT entry array CRC");
	expect_part(0, 1, 2048, 40960);		/* the backup's entry */
	/* a change in an unused entry, late in the array, counts too */
	gpt_commit();
	gpt_entry(back.entries, 128, 127)[127] = 1;
	block(1)[0] = 0;
	expect_err(-EINVAL, "both GPT headers are bad");
	assert_string_equal(t.backup_why, "bad GPT entry array CRC");
}

enum field { REV, HSIZE, MY, LAST, FIRST, ESIZE, COUNT, ENTRIES, BIGE };

static void mutate(struct gpt *g, enum field f, u64 v)
{
	switch (f) {
	case REV:
		g->revision = (u32)v;
		break;
	case HSIZE:
		g->hsize = (u32)v;
		break;
	case MY:
		g->my = v;
		break;
	case LAST:
		g->last = v;
		break;
	case FIRST:
		g->first = v ? v : g->last + 1;
		break;
	case ESIZE:
		g->esize = (u32)v;
		break;
	case COUNT:
		g->count = (u32)v;
		break;
	case ENTRIES:
		g->entries = v;
		break;
	case BIGE:
		g->esize = 1024;
		g->count = 129;
		break;
	}
}

static void gpt_bad_headers(void **state)
{
	static const struct {
		const char *why;
		enum field f;
		u64 v;
		bool prim_only;		/* the backup stays valid with it */
	} *c, cases[] = {
		{ "unknown GPT revision", REV, 0x00020000, false },
		{ "unknown GPT revision", REV, 0x0000ffff, false },
		{ "bad GPT header size", HSIZE, 91, false },
		{ "bad GPT header size", HSIZE, 513, false },
		{ "the GPT header's own LBA is wrong", MY, 2, false },
		{ "the GPT usable range is not inside the disk", LAST, MIB64, false },
		{ "the GPT usable range is not inside the disk", FIRST, 0, false },
		{ "the GPT usable range covers its header", FIRST, 1, true },
		{ "bad GPT entry size", ESIZE, 0, false },
		{ "bad GPT entry size", ESIZE, 64, false },
		{ "bad GPT entry size", ESIZE, 192, false },
		{ "bad GPT entry size", ESIZE, 0x80000000, false },
		{ "the GPT entry array is too large", COUNT, 1025, false },
		{ "the GPT entry array is too large", COUNT, 0xffffffff, false },
		{ "the GPT entry array is too large", BIGE, 0, false },
		{ "the GPT entry array lies outside the disk", ENTRIES,
		  MIB64 - 31, false },
		{ "the GPT entry array lies outside the disk", ENTRIES,
		  ~0ULL - 1, false },
		{ "the GPT entry array covers its header", ENTRIES, 0, true },
		{ "the GPT entry array overlaps the usable range", ENTRIES,
		  2040, false },
		{ "the GPT entry array overlaps the usable range", ENTRIES,
		  4000, false },
	};

	for (c = cases; c < cases + ARRAY_SIZE(cases); c++) {
		struct gpt g;

		gpt_standard(MIB64, 512);
		gpt_both(128, 0, 2048, 43007, "p1");
		gpt_commit();
		g = prim;
		g.at = prim.my;
		mutate(&g, c->f, c->v);
		gpt_write(&g);
		expect_ok(PART_LABEL_GPT, 1);
		if (!t.gpt_backup)
			fprintf(stderr, "case %zu: accepted\n", c - cases);
		assert_true(t.gpt_backup);
		if (strcmp(t.primary_why, c->why))
			fprintf(stderr, "case %zu: \"%s\"\n", c - cases,
				t.primary_why);
		assert_string_equal(t.primary_why, c->why);
		if (c->prim_only)
			continue;
		/* the same in the backup: the label is refused */
		g = back;
		g.at = back.my;
		mutate(&g, c->f, c->v);
		gpt_write(&g);
		expect_err(-EINVAL, "both GPT headers are bad");
		assert_non_null(t.backup_why);
	}
}

static void gpt_bad_entries(void **state)
{
	static const struct {
		u64 first, last;
		const char *why;
	} *c, cases[] = {
		{ 43008, 43007, "a GPT partition ends before it starts" },
		{ ~0ULL, 0, "a GPT partition ends before it starts" },
		{ 2047, 4000, "a GPT partition lies outside the usable range" },
		{ 100000, MIB64 - 33,
		  "a GPT partition lies outside the usable range" },
		{ 100000, MIB64 + 5,
		  "a GPT partition lies outside the usable range" },
		{ ~0ULL - 1, ~0ULL,
		  "a GPT partition lies outside the usable range" },
		{ 43000, 50000, "two partitions overlap" },
		{ 2048, 2048, "two partitions overlap" },
		{ 43007, 43007, "two partitions overlap" },
	};

	for (c = cases; c < cases + ARRAY_SIZE(cases); c++) {
		gpt_standard(MIB64, 512);
		gpt_both(128, 0, 2048, 43007, "p1");
		gpt_both(128, 5, c->first, c->last, "bad");
		gpt_commit();
		expect_err(-EINVAL, c->why);
	}
	/* a single-block partition at either end of the usable range */
	gpt_standard(MIB64, 512);
	gpt_both(128, 0, 2048, 2048, "a");
	gpt_both(128, 1, prim.last, prim.last, "b");
	gpt_commit();
	expect_ok(PART_LABEL_GPT, 2);
	expect_part(1, 2, prim.last, 1);
	/* more than PART_MAX used entries */
	gpt_standard(MIB64, 512);
	for (unsigned int i = 0; i <= PART_MAX; i++)
		gpt_both(128, i * 7, 2048 + i * 100, 2048 + i * 100 + 99, "x");
	gpt_commit();
	expect_err(-E2BIG, "more partitions than PART_MAX");
}

static void gpt_entry_sizes(void **state)
{
	/* entries of 256 and 384 bytes (384 does not divide a block) */
	static const u32 sizes[] = { 128, 256, 384, 1024 };
	unsigned int s, i;

	for (s = 0; s < ARRAY_SIZE(sizes); s++) {
		u32 es = sizes[s], count = 16384 / es;
		const u32 used[4] = { 0, 1, count / 2, count - 1 };

		gpt_standard(MIB64, 512);
		prim.esize = back.esize = es;
		prim.count = back.count = count;
		back.entries = back.my - DIV_ROUND_UP(count * es, 512);
		for (i = 0; i < 4; i++)
			gpt_both(es, used[i], 2048 + i * 10, 2048 + i * 10 + 9,
				 "e");
		gpt_commit();
		expect_ok(PART_LABEL_GPT, 4);
		for (i = 0; i < 4; i++)
			expect_part(i, used[i] + 1, 2048 + 10 * i, 10);
		/* and read from the backup */
		block(1)[0] = 0;
		expect_ok(PART_LABEL_GPT, 4);
		assert_true(t.gpt_backup);
		expect_part(3, count, 2048 + 30, 10);
	}
}

static void gpt_4k(void **state)
{
	gpt_standard(MIB64, 4096);
	gpt_both(128, 0, 256, 5375, "p1");
	gpt_both(128, 1, 5376, 16127, "p2");
	gpt_commit();
	assert_int_equal(prim.entries, 2);
	assert_int_equal(back.entries, 16384 - 5);
	assert_int_equal(prim.last, 16384 - 6);
	expect_ok(PART_LABEL_GPT, 2);
	/* LBAs are 4096-byte blocks: the header was at byte 4096 */
	assert_memory_equal(block(1), "EFI PART", 8);
	expect_part(0, 1, 2048, 40960);
	expect_part(1, 2, 43008, 86016);
	assert_string_equal(t.part[1].name, "p2");
	/* the backup */
	block(1)[0] = 0;
	expect_ok(PART_LABEL_GPT, 2);
	assert_true(t.gpt_backup);
	/* a 4096-byte header may be up to 4096 bytes */
	prim.hsize = 4096;
	gpt_write(&prim);
	expect_ok(PART_LABEL_GPT, 2);
	assert_false(t.gpt_backup);
}

static void gpt_small_disks(void **state)
{
	/* a protective MBR on a disk of 2 blocks */
	disk_reset(2, 512);
	protective();
	expect_err(-EINVAL, "the disk is too small for a GPT");
	/* a label made for 64 MiB on a disk of 1 MiB: both headers are bad */
	gpt_standard(MIB64, 512);
	gpt_both(128, 0, 2048, 43007, "p1");
	gpt_commit();
	d.nr_sectors = 2048;
	expect_err(-EINVAL, "both GPT headers are bad");
	assert_string_equal(t.primary_why,
			    "the GPT usable range is not inside the disk");
	assert_string_equal(t.backup_why, "no GPT signature");
	/* the smallest GPT: 34 + 1 + 33 blocks, one usable block */
	disk_reset(68, 512);
	protective();
	prim = (struct gpt){ .my = 1, .alt = 67, .first = 34, .last = 34,
			     .entries = 2, .count = 128, .esize = 128 };
	gpt_set(2, 128, 0, 34, 34, "one");
	gpt_write(&prim);
	expect_ok(PART_LABEL_GPT, 1);
	expect_part(0, 1, 34, 1);
}

static void gpt_near_2_64(void **state)
{
	/* a disk of 2^64 - 8 sectors: LBAs near 2^64 */
	u64 nr = ~0ULL - 7, top;

	gpt_standard(nr, 512);
	top = prim.last;
	gpt_both(128, 0, 2048, 43007, "low");
	gpt_both(128, 1, top - 1000, top, "high");
	gpt_commit();
	expect_ok(PART_LABEL_GPT, 2);
	expect_part(1, 2, top - 1000, 1001);
	/* a backup read at the very last block */
	block(1)[0] = 0;
	expect_ok(PART_LABEL_GPT, 2);
	assert_true(t.gpt_backup);
	/* an entry ending past the end, wrapping sizes */
	gpt_both(128, 1, top - 1000, ~0ULL, "high");
	gpt_commit();
	expect_err(-EINVAL, "a GPT partition lies outside the usable range");
	gpt_both(128, 1, 1ULL << 63, (1ULL << 63) - 1, "wrap");
	gpt_commit();
	expect_err(-EINVAL, "a GPT partition ends before it starts");
	/* on 4096-byte blocks: sectors = LBA * 8 stays below 2^64 */
	nr = ~0ULL - 7;
	gpt_standard(nr, 4096);
	top = prim.last;
	gpt_both(128, 0, top - 9, top, "top");
	gpt_commit();
	expect_ok(PART_LABEL_GPT, 1);
	expect_part(0, 1, (top - 9) * 8, 80);
	assert_true(t.part[0].start + t.part[0].nr_sectors <= nr);
}

/* ---- labels made by sfdisk ---- */

struct want {
	unsigned int number;
	u64 start, n;
	u8 type;
	const char *name;
};

/* sfdisk writes script on a file of mib MiB; parse it. false: no sfdisk */
static bool sfdisk_image(const char *script, u64 mib)
{
	char path[] = "/tmp/tern-part-XXXXXX", cmd[128];
	static u8 *img;
	FILE *f;
	int fd;

	if (system("command -v sfdisk >/dev/null 2>&1"))
		return false;
	fd = mkstemp(path);
	assert_true(fd >= 0);
	assert_int_equal(ftruncate(fd, (off_t)(mib << 20)), 0);
	/* (snprintf is Tern's in host tests: build the line by hand) */
	strcpy(cmd, "sfdisk --no-reread --no-tell-kernel -q ");
	strcat(cmd, path);
	strcat(cmd, " >/dev/null");
	f = popen(cmd, "w");
	assert_non_null(f);
	fputs(script, f);
	assert_int_equal(pclose(f), 0);
	free(img);
	img = malloc(mib << 20);
	assert_non_null(img);
	assert_int_equal(pread(fd, img, mib << 20, 0), (ssize_t)(mib << 20));
	close(fd);
	unlink(path);
	disk_reset(mib << 11, 512);
	d.flat = img;
	return true;
}

static void expect_wants(const struct want *w, unsigned int n)
{
	unsigned int i;

	assert_int_equal(t.nr, n);
	for (i = 0; i < n; i++) {
		expect_part(i, w[i].number, w[i].start, w[i].n);
		assert_int_equal(t.part[i].mbr_type, w[i].type);
		assert_string_equal(t.part[i].name, w[i].name);
	}
}

static void sfdisk_gpt(void **state)
{
	static const struct want w[] = {
		{ 1, 2048, 40960, 0, "tern1" },
		{ 2, 43008, 1, 0, "" },
		/* to the last usable sector, aligned down to 1 MiB */
		{ 3, 45056, 129024 - 45056, 0, "last, all of it" },
	};

	if (!sfdisk_image("label: gpt\n"
			  "start=2048, size=40960, name=tern1\n"
			  "start=43008, size=1\n"
			  "start=45056, name=\"last, all of it\"\n", 64))
		skip();
	expect_ok(PART_LABEL_GPT, 3);
	expect_wants(w, 3);
	assert_memory_equal(t.part[0].type_guid, LINUX_FS, 16);
	assert_false(t.gpt_backup);
	/* sfdisk's backup copy is good too */
	memset((u8 *)d.flat + 512, 0, 512);
	expect_ok(PART_LABEL_GPT, 3);
	assert_true(t.gpt_backup);
	expect_wants(w, 3);
}

static void sfdisk_mbr(void **state)
{
	static const struct want w[] = {
		{ 1, 2048, 8192, 0x83, "" },
		{ 3, 90000, 10000, 0x07, "" },
		{ 5, 12288 + 2048, 4096, 0x83, "" },
		{ 6, 20480 + 2048, 8192, 0x82, "" },
		{ 7, 32768 + 2048, 30000, 0x83, "" },
	};

	if (!sfdisk_image("label: dos\n"
			  "start=2048, size=8192, type=83\n"
			  "start=12288, size=65536, type=5\n"
			  "start=90000, size=10000, type=7\n"
			  "start=14336, size=4096, type=83\n"
			  "start=22528, size=8192, type=82\n"
			  "start=34816, size=30000, type=83\n", 64))
		skip();
	expect_ok(PART_LABEL_MBR, 5);
	expect_wants(w, 5);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(crc32_known),
		cmocka_unit_test(no_label),
		cmocka_unit_test(bad_arguments),
		cmocka_unit_test(mbr_primary),
		cmocka_unit_test(mbr_bad),
		cmocka_unit_test(mbr_extended),
		cmocka_unit_test(mbr_ebr_loops),
		cmocka_unit_test(mbr_near_2_32),
		cmocka_unit_test(gpt_basic),
		cmocka_unit_test(gpt_backup_used),
		cmocka_unit_test(gpt_bad_crcs),
		cmocka_unit_test(gpt_bad_headers),
		cmocka_unit_test(gpt_bad_entries),
		cmocka_unit_test(gpt_entry_sizes),
		cmocka_unit_test(gpt_4k),
		cmocka_unit_test(gpt_small_disks),
		cmocka_unit_test(gpt_near_2_64),
		cmocka_unit_test(sfdisk_gpt),
		cmocka_unit_test(sfdisk_mbr),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
