// SPDX-License-Identifier: GPL-2.0
/*
 * Fuzz the partition label parser (lib/partition.c). The input is
 *
 *   byte 0      flags: bit 0 logical blocks of 4096 bytes (else 512),
 *               bit 1 the disk's size is given by bytes 1..8
 *   bytes 1..8  the disk's size in 512-byte sectors (bit 1; at least the
 *               image's, up to 2^64 - 1, rounded down to whole blocks)
 *   bytes 9..10 head: how many sectors of the image lie at sector 0
 *   the rest    the image: its first `head` sectors at the start of the
 *               disk, the others at its end (where the backup GPT is);
 *               every other sector reads as zeros
 *
 * Checked for every input: every read is one whole block, aligned,
 * inside the disk, and there are few of them; the result is 0 or
 * -EINVAL/-E2BIG/-ELOOP with a reason, and no partitions on error; after
 * a success: at most PART_MAX partitions, numbers rising (MBR 1..4 then
 * 5.., GPT entry index + 1), each non-empty, whole blocks, inside the
 * disk, none over sector 0 (the MBR), no two overlapping, names
 * terminated, MBR type bytes set, GPT type GUIDs non-zero; parsing again
 * gives the same table.
 */
#include <tern/partition.h>

#include "fuzz.h"

/* 1 + both headers with their arrays read twice (CRC, then entries) */
#define MAX_READS	(1 + 2 * (1 + 2 * (PART_GPT_ARRAY_MAX / 512)) + \
			 PART_EBR_MAX + 4)

struct img {
	const u8 *p;
	u64 head, tail;		/* sectors of the image at start and end */
	u64 nr_sectors;
	u32 bs;
	unsigned int reads;
};

static struct part_table t, again;

static int img_read(void *ctx, u64 sector, u32 nr_bytes, void *buf)
{
	struct img *m = ctx;
	u8 *out = buf;
	u32 i;

	FUZZ_CHECK(nr_bytes == m->bs);
	FUZZ_CHECK(sector % (m->bs / 512) == 0);
	FUZZ_CHECK(sector < m->nr_sectors);
	FUZZ_CHECK(nr_bytes / 512 <= m->nr_sectors - sector);
	FUZZ_CHECK(++m->reads <= MAX_READS);
	for (i = 0; i < nr_bytes / 512; i++, sector++) {
		const u8 *src = NULL;

		if (sector < m->head)
			src = m->p + sector * 512;
		else if (sector >= m->nr_sectors - m->tail)
			src = m->p + (m->head + sector -
				      (m->nr_sectors - m->tail)) * 512;
		if (src)
			memcpy(out + i * 512, src, 512);
		else
			memset(out + i * 512, 0, 512);
	}
	return 0;
}

static void check_table(const struct img *m, int ret, const char *why)
{
	u64 spb = m->bs / 512;
	unsigned int i, j;

	if (ret) {
		FUZZ_CHECK(ret == -EINVAL || ret == -E2BIG || ret == -ELOOP);
		FUZZ_CHECK(why && *why);
		FUZZ_CHECK(t.nr == 0);
		return;
	}
	FUZZ_CHECK(!why);
	FUZZ_CHECK(t.nr <= PART_MAX);
	FUZZ_CHECK(t.label != PART_LABEL_NONE || !t.nr);
	FUZZ_CHECK(!t.gpt_backup || (t.label == PART_LABEL_GPT &&
				     t.primary_why));
	for (i = 0; i < t.nr; i++) {
		const struct partition *p = &t.part[i];
		static const u8 zero[16];

		FUZZ_CHECK(p->nr_sectors);
		FUZZ_CHECK(p->start < m->nr_sectors);
		FUZZ_CHECK(p->nr_sectors <= m->nr_sectors - p->start);
		FUZZ_CHECK(p->start >= spb);
		FUZZ_CHECK(p->start % spb == 0 && p->nr_sectors % spb == 0);
		FUZZ_CHECK(fuzz_zero_after(p->name, PART_NAME_MAX) ||
			   strnlen(p->name, PART_NAME_MAX) < PART_NAME_MAX);
		FUZZ_CHECK(!i || p->number > t.part[i - 1].number);
		if (t.label == PART_LABEL_MBR) {
			FUZZ_CHECK(p->number >= 1);
			FUZZ_CHECK(p->mbr_type && !p->name[0]);
			FUZZ_CHECK(i >= 4 || p->number <= 4 || p->number >= 5);
		} else {
			FUZZ_CHECK(p->number >= 1 &&
				   p->number <= PART_GPT_ARRAY_MAX / 128);
			FUZZ_CHECK(memcmp(p->type_guid, zero, 16));
			FUZZ_CHECK(!p->mbr_type);
		}
		for (j = 0; j < i; j++) {
			const struct partition *q = &t.part[j];

			FUZZ_CHECK(p->start >= q->start + q->nr_sectors ||
				   q->start >= p->start + p->nr_sectors);
		}
	}
}

int LLVMFuzzerTestOneInput(const u8 *data, size_t size)
{
	struct img m = { 0 };
	const char *why, *why2;
	u64 total, given;
	int ret, ret2;
	u8 flags;

	if (size < 11)
		return 0;
	flags = data[0];
	given = fuzz_le(data + 1, 8);
	m.head = fuzz_le(data + 9, 2);
	m.p = data + 11;
	total = (size - 11) / 512;
	if (m.head > total)
		m.head = total;
	m.tail = total - m.head;
	m.bs = flags & 1 ? 4096 : 512;
	m.nr_sectors = flags & 2 && given > total ? given : total;
	m.nr_sectors -= m.nr_sectors % (m.bs / 512);
	if (m.nr_sectors < total) {
		/* the image is cut to whole blocks: its tail shrinks */
		u64 cut = total - m.nr_sectors;

		if (cut > m.tail) {
			m.head -= cut - m.tail;
			m.tail = 0;
		} else {
			m.tail -= cut;
		}
	}
	if (!m.nr_sectors)
		return 0;
	ret = part_parse(img_read, &m, m.nr_sectors, m.bs, &t, &why);
	check_table(&m, ret, why);
	m.reads = 0;
	ret2 = part_parse(img_read, &m, m.nr_sectors, m.bs, &again, &why2);
	FUZZ_CHECK(ret2 == ret && why2 == why && again.nr == t.nr &&
		   again.label == t.label && again.gpt_backup == t.gpt_backup);
	FUZZ_CHECK(!memcmp(again.part, t.part, t.nr * sizeof(t.part[0])));
	return 0;
}
