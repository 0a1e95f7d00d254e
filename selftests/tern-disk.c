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
#include <sys/stat.h>
#include <unistd.h>

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
	struct stat st;
	unsigned int i;

	c.fd = open(path, O_RDONLY);
	if (c.fd < 0 || fstat(c.fd, &st)) {
		perror(path);
		return 1;
	}
	c.total = (u64)st.st_size / TESTDISK_SECTOR;
	if (c.total * TESTDISK_SECTOR != (u64)st.st_size ||
	    c.total % CHUNK_SECTORS ||
	    c.total < (u64)TESTDISK_MIN_MIB * CHUNK_SECTORS ||
	    c.total > (u64)TESTDISK_MAX_MIB * CHUNK_SECTORS) {
		fprintf(stderr, "checkdisk: %s: size %lld is not a test image\n",
			path, (long long)st.st_size);
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

int main(int argc, char **argv)
{
	if (argc == 4 && !strcmp(argv[1], "make"))
		return make(argv[2], argv[3]);
	if (argc == 3 && !strcmp(argv[1], "check"))
		return check(argv[2], false);
	if (argc == 4 && !strcmp(argv[1], "check") &&
	    !strcmp(argv[2], "--unwritten"))
		return check(argv[3], true);
	fprintf(stderr, "usage: tern-disk make IMG SIZE_MIB | tern-disk check [--unwritten] IMG\n");
	return 2;
}
