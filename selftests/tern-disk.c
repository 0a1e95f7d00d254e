// SPDX-License-Identifier: GPL-2.0
/*
 * tern-disk: make or check a test image (the contract is in
 * include/tern/testdisk.h, the story in Documentation/block.md).
 *
 *   tern-disk make IMG SIZE_MIB   a fresh image of 2..4194304 MiB (4 TiB):
 *                                 up to TESTDISK_FULL_MAX_MIB every sector
 *                                 in its original form; above it a sparse
 *                                 file with only the first MiB, the probe
 *                                 regions and the last MiB written
 *   tern-disk write IMG           rewrite the last MiB of a plain test
 *                                 image or disk in the written form (what
 *                                 the kernel's write test does; a Linux
 *                                 guest runs it on its xvda), fsync
 *   tern-disk check [--unwritten] IMG
 *                                 every written extent of the file
 *                                 (SEEK_DATA/SEEK_HOLE; all of a small
 *                                 image) holds the original form before
 *                                 the last MiB and the written form in it
 *                                 (with --unwritten: the original form,
 *                                 for a read-only disk), and the first
 *                                 MiB, every probe region and the last MiB
 *                                 are there; prints a summary, exit 0
 *                                 only if all hold
 *
 * Partitioned images (16..256 MiB, always written whole), the label as
 * Debian's sfdisk writes it (byte for byte: selftests/host/
 * check-partition-images compares them):
 *
 *   tern-disk make --gpt|--mbr [--4k] IMG SIZE_MIB
 *                                 p1 at 1 MiB of (SIZE_MIB - 2) / 3 MiB, p2
 *                                 right after it up to the last MiB; each
 *                                 partition is a test disk in its own
 *                                 right (its sector k holds the pattern of
 *                                 k); the label sectors hold the label
 *                                 (GPT: protective MBR, primary header and
 *                                 entries, backup entries and header), every
 *                                 other sector outside the partitions the
 *                                 original pattern of its disk LBA. --4k:
 *                                 the label counts 4096-byte blocks (a
 *                                 4Kn disk)
 *   tern-disk check [--unwritten|--any] [--gpt|--mbr] [--4k] IMG
 *                                 the label and everything outside the
 *                                 partitions as made (recomputed from the
 *                                 size, nothing stored on the side), each
 *                                 partition a test disk whose last MiB is
 *                                 in the written form (--unwritten: the
 *                                 original; --any: either, all of it the
 *                                 same); the label kind and block size are
 *                                 detected from sector 0 and the GPT
 *                                 signature when not given
 *
 * IMG may be a block device (its size from BLKGETSIZE64; no holes).
 *
 * Both run in seconds whatever the size: a sparse image has about 6 MiB
 * of data. The host file system must support holes (ext4, xfs, btrfs,
 * tmpfs); where SEEK_DATA is not supported the whole file counts as data
 * and a sparse image fails the check.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/stat.h>
#include <unistd.h>
#include <linux/fs.h>

#include <tern/crc32.h>
#include <tern/testdisk.h>

#define CHUNK_SECTORS	2048u		/* 1 MiB */
#define CHUNK_BYTES	(CHUNK_SECTORS * TESTDISK_SECTOR)

static u8 buf[CHUNK_BYTES];

/* Write sectors [lba, lba + n) in their original form. */
static int write_range(int fd, const char *path, u64 lba, u64 n)
{
	while (n) {
		unsigned int k = n < CHUNK_SECTORS ? (unsigned int)n :
			CHUNK_SECTORS, i;
		ssize_t done;

		for (i = 0; i < k; i++)
			testdisk_fill(buf + (size_t)i * TESTDISK_SECTOR, lba + i,
				      false);
		done = pwrite(fd, buf, (size_t)k * TESTDISK_SECTOR,
			      (off_t)(lba * TESTDISK_SECTOR));
		if (done != (ssize_t)k * TESTDISK_SECTOR) {
			perror(path);
			return -1;
		}
		lba += k;
		n -= k;
	}
	return 0;
}

/* The size of a file or block device in bytes, or -1 (reported). */
static long long size_of(int fd, const char *path)
{
	struct stat st;
	unsigned long long b;

	if (fstat(fd, &st)) {
		perror(path);
		return -1;
	}
	if (!S_ISBLK(st.st_mode))
		return (long long)st.st_size;
	if (ioctl(fd, BLKGETSIZE64, &b)) {
		perror(path);
		return -1;
	}
	return (long long)b;
}

/* Rewrite the last MiB in the written form (the kernel's write test). */
static int write_region(const char *path)
{
	int fd = open(path, O_RDWR);
	long long size = fd < 0 ? -1 : size_of(fd, path);
	u64 total, lba;
	unsigned int i;

	if (fd < 0 || size < 0) {
		if (fd < 0)
			perror(path);
		return 1;
	}
	total = (u64)size / TESTDISK_SECTOR;
	if (total % CHUNK_SECTORS ||
	    total < (u64)TESTDISK_MIN_MIB * CHUNK_SECTORS) {
		fprintf(stderr, "tern-disk: %s: size %lld is not a test disk's\n",
			path, size);
		close(fd);
		return 1;
	}
	lba = testdisk_write_region(total);
	for (i = 0; i < TESTDISK_RESERVED_SECTORS; i++)
		testdisk_fill(buf + (size_t)i * TESTDISK_SECTOR, lba + i, true);
	if (pwrite(fd, buf, TESTDISK_RESERVED, (off_t)(lba * TESTDISK_SECTOR)) !=
	    (ssize_t)TESTDISK_RESERVED || fsync(fd)) {
		perror(path);
		close(fd);
		return 1;
	}
	close(fd);
	printf("tern-disk: %s: LBA %llu-%llu written\n", path,
	       (unsigned long long)lba, (unsigned long long)total - 1);
	return 0;
}

static int make(const char *path, const char *mib_arg)
{
	char *end;
	unsigned long long mib;
	u64 total, data = 0;
	unsigned int i;
	int fd;

	errno = 0;
	mib = strtoull(mib_arg, &end, 0);
	if (errno || end == mib_arg || *end || mib < TESTDISK_MIN_MIB ||
	    mib > TESTDISK_MAX_MIB) {
		fprintf(stderr, "tern-disk: size must be %u..%u MiB\n",
			TESTDISK_MIN_MIB, TESTDISK_MAX_MIB);
		return 2;
	}
	total = (u64)mib << 11;
	fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0644);
	if (fd < 0) {
		perror(path);
		return 1;
	}
	if (ftruncate(fd, (off_t)(total * TESTDISK_SECTOR))) {
		perror(path);
		close(fd);
		return 1;
	}
	if (testdisk_full(total)) {
		if (write_range(fd, path, 0, total))
			goto fail;
		data = total;
	} else {
		/* first MiB, probes, last MiB; the rest stays a hole */
		if (write_range(fd, path, 0, CHUNK_SECTORS))
			goto fail;
		for (i = 0; i < TESTDISK_PROBES; i++)
			if (write_range(fd, path, testdisk_probe(i, total),
					TESTDISK_PROBE_SECTORS))
				goto fail;
		if (write_range(fd, path, testdisk_write_region(total),
				TESTDISK_RESERVED_SECTORS))
			goto fail;
		data = 2 * CHUNK_SECTORS +
		       (u64)TESTDISK_PROBES * TESTDISK_PROBE_SECTORS;
	}
	if (close(fd)) {
		perror(path);
		return 1;
	}
	printf("mkdisk: %s: %llu sectors (%llu MiB, %s, %llu sectors of data), write region LBA %llu-%llu\n",
	       path, (unsigned long long)total, mib,
	       testdisk_full(total) ? "full" : "sparse",
	       (unsigned long long)data,
	       (unsigned long long)testdisk_write_region(total),
	       (unsigned long long)total - 1);
	return 0;
fail:
	close(fd);
	return 1;
}

struct check {
	const char *path;
	int fd;
	u64 total, first_w;
	bool unwritten;
	u64 ok_orig, ok_written, bad;
};

/* Check sectors [lba, lba + n) against the form each must hold. */
static int check_range(struct check *c, u64 lba, u64 n)
{
	while (n) {
		unsigned int k = n < CHUNK_SECTORS ? (unsigned int)n :
			CHUNK_SECTORS, i;
		ssize_t got = pread(c->fd, buf, (size_t)k * TESTDISK_SECTOR,
				    (off_t)(lba * TESTDISK_SECTOR));

		if (got != (ssize_t)k * TESTDISK_SECTOR) {
			fprintf(stderr, "checkdisk: %s: short read at LBA %llu\n",
				c->path, (unsigned long long)lba);
			return -1;
		}
		for (i = 0; i < k; i++, lba++) {
			int form = testdisk_check(buf + (size_t)i *
						  TESTDISK_SECTOR, lba);
			int want = lba >= c->first_w && !c->unwritten;

			if (form == want) {
				if (form)
					c->ok_written++;
				else
					c->ok_orig++;
				continue;
			}
			if (c->bad++ < 10)
				fprintf(stderr, "checkdisk: LBA %llu: %s, expected %s\n",
					(unsigned long long)lba,
					form < 0 ? "corrupt or a hole" :
					form ? "written form" : "original form",
					want ? "written form" : "original form");
		}
		n -= k;
	}
	return 0;
}

/*
 * Every data extent of the file, sector-aligned outwards. Returns the
 * number of extents, or -1.
 */
static long check_extents(struct check *c)
{
	off_t size = (off_t)(c->total * TESTDISK_SECTOR), pos = 0;
	long extents = 0;

	while (pos < size) {
		off_t data = lseek(c->fd, pos, SEEK_DATA), hole;
		u64 s, e;

		if (data < 0) {
			if (errno == ENXIO)
				break;		/* only holes from here */
			/* no SEEK_DATA: the whole file is data */
			data = pos;
			hole = size;
		} else {
			hole = lseek(c->fd, data, SEEK_HOLE);
			if (hole < 0 || hole > size)
				hole = size;
		}
		s = (u64)data / TESTDISK_SECTOR;
		e = ((u64)hole + TESTDISK_SECTOR - 1) / TESTDISK_SECTOR;
		if (check_range(c, s, e - s))
			return -1;
		extents++;
		pos = hole;
	}
	return extents;
}

static int check(const char *path, bool unwritten)
{
	struct check c = { .path = path, .unwritten = unwritten };
	u64 ok_orig, ok_written;
	long extents = 1;
	long long size;
	unsigned int i;

	c.fd = open(path, O_RDONLY);
	if (c.fd < 0) {
		perror(path);
		return 1;
	}
	size = size_of(c.fd, path);
	if (size < 0) {
		close(c.fd);
		return 1;
	}
	c.total = (u64)size / TESTDISK_SECTOR;
	if (c.total * TESTDISK_SECTOR != (u64)size ||
	    c.total % CHUNK_SECTORS ||
	    c.total < (u64)TESTDISK_MIN_MIB * CHUNK_SECTORS ||
	    c.total > (u64)TESTDISK_MAX_MIB * CHUNK_SECTORS) {
		fprintf(stderr, "checkdisk: %s: size %lld is not a test image\n",
			path, size);
		close(c.fd);
		return 1;
	}
	c.first_w = testdisk_write_region(c.total);
	if (testdisk_full(c.total)) {
		/* written whole: every sector, holes or not */
		if (check_range(&c, 0, c.total))
			goto fail;
	} else {
		extents = check_extents(&c);
		if (extents < 0)
			goto fail;
		/* and what must be there (a hole reads as zeros: bad) */
		ok_orig = c.ok_orig;
		ok_written = c.ok_written;
		if (check_range(&c, 0, CHUNK_SECTORS))
			goto fail;
		for (i = 0; i < TESTDISK_PROBES; i++)
			if (check_range(&c, testdisk_probe(i, c.total),
					TESTDISK_PROBE_SECTORS))
				goto fail;
		if (check_range(&c, c.first_w, TESTDISK_RESERVED_SECTORS))
			goto fail;
		/* report the extents' figures, the regions were in them */
		c.ok_orig = ok_orig;
		c.ok_written = ok_written;
	}
	close(c.fd);
	printf("checkdisk: %s: %llu sectors (%s, %ld extents): %llu original ok, %llu written ok (LBA %llu-%llu%s), %llu bad\n",
	       path, (unsigned long long)c.total,
	       testdisk_full(c.total) ? "full" : "sparse", extents,
	       (unsigned long long)c.ok_orig,
	       (unsigned long long)c.ok_written,
	       (unsigned long long)c.first_w,
	       (unsigned long long)c.total - 1,
	       unwritten ? ", must be unwritten" : "",
	       (unsigned long long)c.bad);
	return c.bad ? 1 : 0;
fail:
	close(c.fd);
	return 1;
}

/* ---- partitioned images ---- */

#define PART_MIN_MIB	16u
#define PART_MAX_MIB	TESTDISK_FULL_MAX_MIB
#define GPT_ENTRIES	128u
#define GPT_ENTRY_SIZE	128u
#define GPT_ARRAY_BYTES	(GPT_ENTRIES * GPT_ENTRY_SIZE)
#define MBR_DISK_ID	0x7465726eu	/* "tern" */
#define NR_PARTS	2u

/* GUIDs as sfdisk takes them in a script (and prints them) */
static const char LINUX_FS_GUID[] = "0FC63DAF-8483-4772-8E79-3D69D8477DE4";
static const char DISK_GUID[] = "7465726E-2D64-6973-6B2D-475054000000";
static const char PART_GUID[NR_PARTS][37] = {
	"7465726E-2D64-6973-6B2D-706172740001",
	"7465726E-2D64-6973-6B2D-706172740002",
};

struct layout {
	bool gpt;
	u32 bs;			/* logical block size of the label */
	u64 total;		/* 512-byte sectors */
	u64 start[NR_PARTS], size[NR_PARTS];	/* 512-byte sectors */
	/* the label, block-aligned pieces at byte offsets */
	u8 *label;		/* block 0 up to the end of the primary array */
	size_t label_bytes;
	u8 *backup;		/* the backup array and header (GPT) */
	u64 backup_off;
	size_t backup_bytes;
};

static void put16(u8 *p, u16 v)
{
	p[0] = (u8)v;
	p[1] = (u8)(v >> 8);
}

static void put32(u8 *p, u32 v)
{
	put16(p, (u16)v);
	put16(p + 2, (u16)(v >> 16));
}

/* "XXXXXXXX-XXXX-XXXX-XXXX-XXXXXXXXXXXX" into GPT's on-disk order */
static void put_guid(u8 *p, const char *s)
{
	static const int order[16] = { 3, 2, 1, 0, 5, 4, 7, 6,
				       8, 9, 10, 11, 12, 13, 14, 15 };
	u8 b[16];
	unsigned int i, j = 0;

	for (i = 0; i < 16; i++) {
		char hex[3];

		if (s[j] == '-')
			j++;
		hex[0] = s[j];
		hex[1] = s[j + 1];
		hex[2] = '\0';
		b[i] = (u8)strtoul(hex, NULL, 16);
		j += 2;
	}
	for (i = 0; i < 16; i++)
		p[i] = b[order[i]];
}

/* an MBR CHS triple for block lba, libfdisk's geometry (255 heads, 63) */
static void put_chs(u8 *p, u64 lba)
{
	u64 c = lba / (255 * 63);
	unsigned int h = (unsigned int)(lba / 63 % 255);
	unsigned int sec = (unsigned int)(lba % 63 + 1);

	if (c > 1023) {
		c = 1023;
		h = 254;
		sec = 63;
	}
	p[0] = (u8)h;
	p[1] = (u8)(sec | (c >> 8) << 6);
	p[2] = (u8)c;
}

static void mbr_entry(u8 *e, u8 type, u64 first, u64 n)
{
	e[0] = 0;
	put_chs(e + 1, first);
	e[4] = type;
	put_chs(e + 5, first + n - 1);
	put32(e + 8, (u32)first);
	put32(e + 12, (u32)n);
}

static void gpt_header(u8 *h, u64 my, u64 alt, u64 first, u64 last,
		       u64 entries, u32 array_crc)
{
	memcpy(h, "EFI PART", 8);
	put32(h + 8, 0x00010000);
	put32(h + 12, 92);
	testdisk_put64(h + 24, my);
	testdisk_put64(h + 32, alt);
	testdisk_put64(h + 40, first);
	testdisk_put64(h + 48, last);
	put_guid(h + 56, DISK_GUID);
	testdisk_put64(h + 72, entries);
	put32(h + 80, GPT_ENTRIES);
	put32(h + 84, GPT_ENTRY_SIZE);
	put32(h + 88, array_crc);
	put32(h + 16, crc32_ieee(0, h, 92));
}

/*
 * The layout of a partitioned image of mib MiB and its label, as
 * `sfdisk` writes it for the script selftests/host/check-partition-images
 * feeds it (label-id, uuids, names as below; first-lba 1 MiB).
 */
static int layout_make(struct layout *l, bool gpt, u32 bs, u64 mib)
{
	u64 spb = bs / TESTDISK_SECTOR, blocks, p1 = (mib - 2) / 3;
	u64 array_blocks = GPT_ARRAY_BYTES / bs, last, i;
	u8 *mbr;

	memset(l, 0, sizeof(*l));
	l->gpt = gpt;
	l->bs = bs;
	l->total = mib << 11;
	l->start[0] = 2048;
	l->size[0] = p1 << 11;
	l->start[1] = l->start[0] + l->size[0];
	l->size[1] = (mib - 2 - p1) << 11;
	blocks = l->total / spb;
	last = blocks - 1;
	l->label_bytes = gpt ? (2 + array_blocks) * bs : bs;
	l->label = calloc(1, l->label_bytes);
	if (!l->label)
		return -1;
	mbr = l->label;
	if (!gpt) {
		put32(mbr + 440, MBR_DISK_ID);
		for (i = 0; i < NR_PARTS; i++)
			mbr_entry(mbr + 446 + 16 * i, 0x83,
				  l->start[i] / spb, l->size[i] / spb);
	} else {
		u8 *array = l->label + 2 * bs;
		u32 crc;

		/* protective MBR: one 0xEE entry over the disk */
		mbr[446 + 2] = 0x02;
		mbr[446 + 4] = 0xee;
		mbr[446 + 5] = mbr[446 + 6] = mbr[446 + 7] = 0xff;
		put32(mbr + 446 + 8, 1);
		put32(mbr + 446 + 12, last > 0xffffffffu ? 0xffffffffu :
			(u32)last);
		for (i = 0; i < NR_PARTS; i++) {
			u8 *e = array + i * GPT_ENTRY_SIZE;
			char name[8];
			unsigned int c;

			put_guid(e, LINUX_FS_GUID);
			put_guid(e + 16, PART_GUID[i]);
			testdisk_put64(e + 32, l->start[i] / spb);
			testdisk_put64(e + 40, (l->start[i] + l->size[i]) / spb -
				       1);
			snprintf(name, sizeof(name), "tern%u", (unsigned int)i + 1);
			for (c = 0; name[c]; c++)
				put16(e + 56 + 2 * c, (u8)name[c]);
		}
		crc = crc32_ieee(0, array, GPT_ARRAY_BYTES);
		gpt_header(l->label + bs, 1, last, 2048 / spb,
			   last - 1 - array_blocks, 2, crc);
		l->backup_bytes = (array_blocks + 1) * bs;
		l->backup_off = (last - array_blocks) * bs;
		l->backup = calloc(1, l->backup_bytes);
		if (!l->backup)
			return -1;
		memcpy(l->backup, array, GPT_ARRAY_BYTES);
		gpt_header(l->backup + GPT_ARRAY_BYTES, last, 1, 2048 / spb,
			   last - 1 - array_blocks, last - array_blocks, crc);
	}
	mbr[510] = 0x55;
	mbr[511] = 0xaa;
	return 0;
}

static void layout_free(struct layout *l)
{
	free(l->label);
	free(l->backup);
}

/* The partition holding sector lba, or -1. */
static int layout_part(const struct layout *l, u64 lba)
{
	unsigned int i;

	for (i = 0; i < NR_PARTS; i++)
		if (lba >= l->start[i] && lba - l->start[i] < l->size[i])
			return (int)i;
	return -1;
}

/*
 * Sector lba (outside the partitions) as made: the label's bytes where
 * the label is, else the original pattern of the disk LBA. true when it
 * is a label sector.
 */
static bool layout_outside(const struct layout *l, u64 lba, u8 *s)
{
	u64 off = lba * TESTDISK_SECTOR;

	if (off < l->label_bytes) {
		memcpy(s, l->label + off, TESTDISK_SECTOR);
		return true;
	}
	if (l->backup && off >= l->backup_off &&
	    off - l->backup_off < l->backup_bytes) {
		memcpy(s, l->backup + (off - l->backup_off), TESTDISK_SECTOR);
		return true;
	}
	testdisk_fill(s, lba, false);
	return false;
}

static int parse_mib(const char *arg, u64 lo, u64 hi, u64 *mib)
{
	char *end;
	unsigned long long v;

	errno = 0;
	v = strtoull(arg, &end, 0);
	if (errno || end == arg || *end || v < lo || v > hi)
		return -1;
	*mib = v;
	return 0;
}

static int make_parted(const char *path, const char *mib_arg, bool gpt,
		       u32 bs)
{
	struct layout l;
	u64 mib, lba;
	int fd, ret = 1;

	if (parse_mib(mib_arg, PART_MIN_MIB, PART_MAX_MIB, &mib)) {
		fprintf(stderr, "tern-disk: a partitioned image must be %u..%u MiB (written whole)\n",
			PART_MIN_MIB, PART_MAX_MIB);
		return 2;
	}
	if (layout_make(&l, gpt, bs, mib)) {
		perror("tern-disk");
		goto out;
	}
	fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0644);
	if (fd < 0) {
		perror(path);
		goto out;
	}
	for (lba = 0; lba < l.total; lba += CHUNK_SECTORS) {
		unsigned int i;

		for (i = 0; i < CHUNK_SECTORS; i++) {
			u8 *s = buf + (size_t)i * TESTDISK_SECTOR;
			int p = layout_part(&l, lba + i);

			if (p >= 0)
				testdisk_fill(s, lba + i - l.start[p], false);
			else
				layout_outside(&l, lba + i, s);
		}
		if (pwrite(fd, buf, CHUNK_BYTES,
			   (off_t)(lba * TESTDISK_SECTOR)) != CHUNK_BYTES) {
			perror(path);
			close(fd);
			goto out;
		}
	}
	if (close(fd)) {
		perror(path);
		goto out;
	}
	printf("mkdisk: %s: %llu sectors (%llu MiB), %s label, %u-byte blocks: p1 %llu+%llu, p2 %llu+%llu (sectors), write regions the last MiB of each\n",
	       path, (unsigned long long)l.total, (unsigned long long)mib,
	       gpt ? "GPT" : "MBR", bs,
	       (unsigned long long)l.start[0], (unsigned long long)l.size[0],
	       (unsigned long long)l.start[1], (unsigned long long)l.size[1]);
	ret = 0;
out:
	layout_free(&l);
	return ret;
}

enum want_form { WANT_WRITTEN, WANT_UNWRITTEN, WANT_ANY };

/* Detect the label from sector 0 and the GPT header's place. */
static int detect(int fd, bool *gpt, u32 *bs)
{
	u8 s[4096 + 512];

	if (pread(fd, s, sizeof(s), 0) != (ssize_t)sizeof(s) ||
	    s[510] != 0x55 || s[511] != 0xaa)
		return -1;
	*gpt = s[446 + 4] == 0xee;
	if (*gpt)
		*bs = !memcmp(s + 4096, "EFI PART", 8) ? 4096 : 512;
	else	/* a 4Kn MBR: p1 starts at block 256 */
		*bs = s[446 + 8] == 0 && s[446 + 9] == 1 ? 4096 : 512;
	return 0;
}

static int check_parted(const char *path, int gpt_opt, int bs_opt,
			enum want_form want)
{
	u64 orig[NR_PARTS] = { 0 }, written[NR_PARTS] = { 0 };
	u64 label_ok = 0, gap_ok = 0, bad = 0, lba;
	struct layout l = { 0 };
	u8 expect[TESTDISK_SECTOR];
	struct stat st;
	bool gpt;
	u32 bs;
	int fd, ret = 1;
	unsigned int i;

	fd = open(path, O_RDONLY);
	if (fd < 0 || fstat(fd, &st)) {
		perror(path);
		return 1;
	}
	if (st.st_size % (1 << 20) || st.st_size < (off_t)PART_MIN_MIB << 20 ||
	    st.st_size > (off_t)PART_MAX_MIB << 20) {
		fprintf(stderr, "checkdisk: %s: size %lld is not a partitioned test image (%u..%u MiB)\n",
			path, (long long)st.st_size, PART_MIN_MIB, PART_MAX_MIB);
		goto out;
	}
	if (detect(fd, &gpt, &bs)) {
		fprintf(stderr, "checkdisk: %s: no MBR signature in sector 0\n",
			path);
		goto out;
	}
	if (gpt_opt >= 0)
		gpt = gpt_opt;
	if (bs_opt)
		bs = (u32)bs_opt;
	if (layout_make(&l, gpt, bs, (u64)st.st_size >> 20)) {
		perror("checkdisk");
		goto out;
	}
	for (lba = 0; lba < l.total; lba += CHUNK_SECTORS) {
		if (pread(fd, buf, CHUNK_BYTES, (off_t)(lba * TESTDISK_SECTOR)) !=
		    CHUNK_BYTES) {
			fprintf(stderr, "checkdisk: %s: short read at LBA %llu\n",
				path, (unsigned long long)lba);
			goto out;
		}
		for (i = 0; i < CHUNK_SECTORS; i++) {
			const u8 *s = buf + (size_t)i * TESTDISK_SECTOR;
			u64 L = lba + i, k;
			int p = layout_part(&l, L), form;
			bool in_w;

			if (p < 0) {
				bool label = layout_outside(&l, L, expect);

				if (!memcmp(s, expect, TESTDISK_SECTOR)) {
					label ? label_ok++ : gap_ok++;
					continue;
				}
				if (bad++ < 10)
					fprintf(stderr, "checkdisk: LBA %llu: %s changed\n",
						(unsigned long long)L,
						label ? "label sector" :
						"sector outside the partitions");
				continue;
			}
			k = L - l.start[p];
			form = testdisk_check(s, k);
			in_w = k >= testdisk_write_region(l.size[p]);
			if (form == 0)
				orig[p]++;
			else if (form == 1)
				written[p]++;
			if (form == 0 && (!in_w || want != WANT_WRITTEN))
				continue;
			if (form == 1 && in_w && want != WANT_UNWRITTEN)
				continue;
			if (bad++ < 10)
				fprintf(stderr, "checkdisk: LBA %llu (p%d sector %llu): %s\n",
					(unsigned long long)L, p + 1,
					(unsigned long long)k,
					form < 0 ? "corrupt" : form ?
					"written form, expected original" :
					"original form, expected written");
		}
	}
	/* --any: each partition's last MiB all in one form */
	for (i = 0; i < NR_PARTS && want == WANT_ANY; i++) {
		if (written[i] && written[i] != TESTDISK_RESERVED_SECTORS) {
			fprintf(stderr, "checkdisk: p%u: its last MiB is partly written (%llu sectors)\n",
				i + 1, (unsigned long long)written[i]);
			bad++;
		}
	}
	printf("checkdisk: %s: %llu sectors, %s label (%u-byte blocks): %llu label and %llu other sectors outside the partitions ok",
	       path, (unsigned long long)l.total, gpt ? "GPT" : "MBR", bs,
	       (unsigned long long)label_ok, (unsigned long long)gap_ok);
	for (i = 0; i < NR_PARTS; i++)
		printf("; p%u %llu+%llu: %llu original, %llu written", i + 1,
		       (unsigned long long)l.start[i],
		       (unsigned long long)l.size[i],
		       (unsigned long long)orig[i],
		       (unsigned long long)written[i]);
	printf("%s; %llu bad\n", want == WANT_UNWRITTEN ? " (must be unwritten)" :
	       want == WANT_ANY ? " (either form)" : "",
	       (unsigned long long)bad);
	ret = bad ? 1 : 0;
out:
	layout_free(&l);
	close(fd);
	return ret;
}

static void print_usage(void)
{
	fprintf(stderr, "usage: tern-disk make [--gpt|--mbr [--4k]] IMG SIZE_MIB\n"
		"       tern-disk write IMG\n"
		"       tern-disk check [--unwritten|--any] [--gpt|--mbr] [--4k] IMG\n");
}

int main(int argc, char **argv)
{
	enum want_form want = WANT_WRITTEN;
	int gpt = -1, bs = 0, i;
	bool make_cmd;

	if (argc < 2)
		goto bad;
	if (!strcmp(argv[1], "write")) {
		if (argc != 3)
			goto bad;
		return write_region(argv[2]);
	}
	make_cmd = !strcmp(argv[1], "make");
	if (!make_cmd && strcmp(argv[1], "check"))
		goto bad;
	for (i = 2; i < argc && argv[i][0] == '-' && argv[i][1] == '-'; i++) {
		if (!strcmp(argv[i], "--gpt"))
			gpt = 1;
		else if (!strcmp(argv[i], "--mbr"))
			gpt = 0;
		else if (!strcmp(argv[i], "--4k"))
			bs = 4096;
		else if (!make_cmd && !strcmp(argv[i], "--unwritten"))
			want = WANT_UNWRITTEN;
		else if (!make_cmd && !strcmp(argv[i], "--any"))
			want = WANT_ANY;
		else
			goto bad;
	}
	if (make_cmd) {
		if (argc - i != 2 || (bs && gpt < 0))
			goto bad;
		if (gpt < 0)
			return make(argv[i], argv[i + 1]);
		return make_parted(argv[i], argv[i + 1], gpt, bs ? bs : 512);
	}
	if (argc - i != 1)
		goto bad;
	if (gpt < 0 && !bs && want != WANT_ANY) {
		/* a plain test image, or a partitioned one (detected) */
		int fd = open(argv[i], O_RDONLY);
		u8 s[TESTDISK_SECTOR];
		bool plain = true;

		if (fd >= 0) {
			plain = pread(fd, s, sizeof(s), 0) != sizeof(s) ||
				testdisk_check(s, 0) >= 0;
			close(fd);
		}
		if (plain)
			return check(argv[i], want == WANT_UNWRITTEN);
	}
	return check_parted(argv[i], gpt, bs, want);
bad:
	print_usage();
	return 2;
}
