// SPDX-License-Identifier: GPL-2.0
/*
 * tern-disk: make or check the NVMe test image (the format is in
 * include/tern/testdisk.h).
 *
 *   tern-disk make IMG SIZE_MIB   write a fresh image, every sector in
 *                                 its original form
 *   tern-disk check IMG           every sector before the last 1 MiB in
 *                                 its original form, every sector of the
 *                                 last 1 MiB in the written form; prints
 *                                 a summary, exit 0 only if all hold
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <tern/testdisk.h>

#define CHUNK_SECTORS	2048

static int make(const char *path, const char *mib_arg)
{
	static u8 buf[CHUNK_SECTORS * TESTDISK_SECTOR];
	char *end;
	unsigned long mib = strtoul(mib_arg, &end, 0);
	u64 total, lba = 0;
	FILE *f;

	if (*end || mib < 2 || mib > (1ul << 20)) {
		fprintf(stderr, "tern-disk: size must be 2..1048576 MiB\n");
		return 2;
	}
	total = (u64)mib << 11;
	f = fopen(path, "wb");
	if (!f) {
		perror(path);
		return 1;
	}
	while (lba < total) {
		unsigned int n = total - lba < CHUNK_SECTORS ?
				 total - lba : CHUNK_SECTORS, i;

		for (i = 0; i < n; i++)
			testdisk_fill(buf + i * TESTDISK_SECTOR, lba + i,
				      false);
		if (fwrite(buf, TESTDISK_SECTOR, n, f) != n) {
			perror(path);
			fclose(f);
			return 1;
		}
		lba += n;
	}
	if (fclose(f)) {
		perror(path);
		return 1;
	}
	printf("mkdisk: %s: %llu sectors (%lu MiB), write region LBA %llu-%llu\n",
	       path, total, mib, total - TESTDISK_RESERVED / TESTDISK_SECTOR,
	       total - 1);
	return 0;
}

static int check(const char *path)
{
	static u8 buf[CHUNK_SECTORS * TESTDISK_SECTOR];
	u64 total, first_w, lba = 0, ok_orig = 0, ok_written = 0, bad = 0;
	long size = -1;
	FILE *f = fopen(path, "rb");

	if (f && !fseek(f, 0, SEEK_END))
		size = ftell(f);
	if (size < 0 || fseek(f, 0, SEEK_SET)) {
		perror(path);
		if (f)
			fclose(f);
		return 1;
	}
	total = (u64)size / TESTDISK_SECTOR;
	if (total * TESTDISK_SECTOR != (u64)size ||
	    size < 2 * (long)TESTDISK_RESERVED) {
		fprintf(stderr, "checkdisk: %s: size %ld is not a test image\n",
			path, size);
		fclose(f);
		return 1;
	}
	first_w = total - TESTDISK_RESERVED / TESTDISK_SECTOR;
	while (lba < total) {
		size_t n = fread(buf, TESTDISK_SECTOR, CHUNK_SECTORS, f), i;

		if (!n) {
			fprintf(stderr, "checkdisk: %s: short read\n", path);
			fclose(f);
			return 1;
		}
		for (i = 0; i < n; i++, lba++) {
			int form = testdisk_check(buf + i * TESTDISK_SECTOR,
						  lba);
			int want = lba >= first_w;

			if (form == want) {
				if (form)
					ok_written++;
				else
					ok_orig++;
				continue;
			}
			if (bad++ < 10)
				fprintf(stderr, "checkdisk: LBA %llu: %s, expected %s\n",
					lba, form < 0 ? "corrupt" :
					form ? "written form" : "original form",
					want ? "written form" : "original form");
		}
	}
	fclose(f);
	printf("checkdisk: %s: %llu sectors: %llu original ok, %llu written ok (LBA %llu-%llu), %llu bad\n",
	       path, total, ok_orig, ok_written, first_w, total - 1, bad);
	return bad ? 1 : 0;
}

int main(int argc, char **argv)
{
	if (argc == 4 && !strcmp(argv[1], "make"))
		return make(argv[2], argv[3]);
	if (argc == 3 && !strcmp(argv[1], "check"))
		return check(argv[2]);
	fprintf(stderr, "usage: tern-disk make IMG SIZE_MIB | tern-disk check IMG\n");
	return 2;
}
