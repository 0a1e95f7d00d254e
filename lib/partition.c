// SPDX-License-Identifier: GPL-2.0
/*
 * MBR and GPT partition labels (include/tern/partition.h): pure code, the
 * disk seen only through the caller's read() of whole logical blocks.
 *
 * Inside, everything is in logical blocks ("LBAs", as the labels count):
 * the disk has nr_blocks of them, every LBA taken from the disk is
 * compared with nr_blocks before any arithmetic that could wrap, and
 * only checked values are turned into 512-byte sectors at the end
 * (lba * spb < nr_sectors: no overflow).
 *
 * Invariants of an accepted table: every partition is non-empty, inside
 * the disk, disjoint from every other and from the label's own blocks
 * (`meta`: sector 0, every EBR, the GPT header and entry array in use);
 * MBR primaries are also disjoint from the extended partitions, whose
 * logicals lie inside them. Any violation refuses the whole label.
 */
#include <tern/crc32.h>
#include <tern/partition.h>
#include <tern/string.h>

#define MBR_SIG_OFF		510
#define MBR_TABLE_OFF		446
#define MBR_ENTRY_SIZE		16
#define GPT_ENTRY_MIN		128u
#define GPT_HEADER_MIN		92u
#define GPT_SIG			"EFI PART"
#define GPT_NAME_UNITS		36u

struct range {
	u64 start, n;		/* logical blocks */
};

struct parser {
	part_read_t read;
	void *ctx;
	u32 bs;			/* logical block size */
	u32 spb;		/* 512-byte sectors per block */
	u64 nr_blocks;
	struct part_table *t;
	const char *why;
	struct range part[PART_MAX];	/* t->part[] in blocks */
	struct range meta[PART_EBR_MAX + 4];
	unsigned int nr_meta;
	struct range ext[4];		/* MBR extended partitions */
	unsigned int nr_ext;
	unsigned int ebr_links;		/* over all chains */
};

struct gpt_header {
	u64 my_lba, first_usable, last_usable, entry_lba;
	u32 count, entry_size, array_crc;
	u64 array_blocks;
};

static u32 get32(const u8 *p)
{
	return (u32)p[0] | (u32)p[1] << 8 | (u32)p[2] << 16 | (u32)p[3] << 24;
}

static u64 get64(const u8 *p)
{
	return (u64)get32(p) | (u64)get32(p + 4) << 32;
}

static int fail(struct parser *p, int err, const char *why)
{
	p->why = why;
	return err;
}

/* Block lba (< nr_blocks, checked by the caller) into buf. */
static int read_block(struct parser *p, u64 lba, u8 *buf)
{
	if (lba >= p->nr_blocks)
		return fail(p, -EINVAL, "a label block lies past the end of the disk");
	return p->read(p->ctx, lba * p->spb, p->bs, buf);
}

/* [start, start + n) is non-empty and inside the disk */
static bool inside_disk(const struct parser *p, u64 start, u64 n)
{
	return n && start < p->nr_blocks && n <= p->nr_blocks - start;
}

static bool overlap(const struct range *a, const struct range *b)
{
	/* both are inside the disk: no sum wraps */
	return a->start < b->start + b->n && b->start < a->start + a->n;
}

static int add_meta(struct parser *p, u64 start, u64 n)
{
	if (p->nr_meta == ARRAY_SIZE(p->meta))
		return fail(p, -EINVAL, "too many label blocks");
	p->meta[p->nr_meta].start = start;
	p->meta[p->nr_meta].n = n;
	p->nr_meta++;
	return 0;
}

/* A partition of n blocks at start (inside the disk: checked here). */
static struct partition *add_part(struct parser *p, unsigned int number,
				  u64 start, u64 n, int *err)
{
	struct part_table *t = p->t;
	struct partition *pt;

	if (!inside_disk(p, start, n)) {
		*err = fail(p, -EINVAL, "a partition lies outside the disk");
		return NULL;
	}
	if (t->nr == PART_MAX) {
		*err = fail(p, -E2BIG, "more partitions than PART_MAX");
		return NULL;
	}
	p->part[t->nr].start = start;
	p->part[t->nr].n = n;
	pt = &t->part[t->nr++];
	memset(pt, 0, sizeof(*pt));
	pt->number = number;
	pt->start = start * p->spb;
	pt->nr_sectors = n * p->spb;
	*err = 0;
	return pt;
}

/* The invariants of the whole table (see the top of the file). */
static int check_table(struct parser *p)
{
	const struct part_table *t = p->t;
	unsigned int i, j;

	for (i = 0; i < t->nr; i++) {
		for (j = i + 1; j < t->nr; j++)
			if (overlap(&p->part[i], &p->part[j]))
				return fail(p, -EINVAL, "two partitions overlap");
		for (j = 0; j < p->nr_meta; j++)
			if (overlap(&p->part[i], &p->meta[j]))
				return fail(p, -EINVAL, "a partition covers a label block");
		if (t->part[i].number > 4)
			continue;
		for (j = 0; j < p->nr_ext; j++)
			if (overlap(&p->part[i], &p->ext[j]))
				return fail(p, -EINVAL, "a primary partition overlaps an extended one");
	}
	for (i = 0; i < p->nr_ext; i++)
		for (j = i + 1; j < p->nr_ext; j++)
			if (overlap(&p->ext[i], &p->ext[j]))
				return fail(p, -EINVAL, "two extended partitions overlap");
	return 0;
}

/* ---- MBR ---- */

static bool is_extended(u8 type)
{
	return type == PART_MBR_EXTENDED || type == PART_MBR_EXTENDED_LBA ||
	       type == PART_MBR_EXTENDED_LINUX;
}

static bool mbr_signature(const u8 *b)
{
	return b[MBR_SIG_OFF] == 0x55 && b[MBR_SIG_OFF + 1] == 0xaa;
}

static const u8 *mbr_entry(const u8 *b, unsigned int i)
{
	return b + MBR_TABLE_OFF + i * MBR_ENTRY_SIZE;
}

/*
 * The EBR chain of extended partition ext: each EBR's entry 0 is a
 * logical partition (relative to the EBR), entry 1 the link to the next
 * EBR (relative to the extended partition), entries 2 and 3 are not
 * looked at. An EBR without the signature ends the chain (as in Linux).
 */
static int mbr_chain(struct parser *p, const struct range *ext,
		     unsigned int *next_number)
{
	u64 end = ext->start + ext->n, ebr = ext->start;
	u8 *b = p->t->work[0];
	int err;

	for (;;) {
		const u8 *data, *link;
		unsigned int i;

		if (p->ebr_links++ == PART_EBR_MAX)
			return fail(p, -ELOOP, "the EBR chain is longer than PART_EBR_MAX");
		if (ebr < ext->start || ebr >= end)
			return fail(p, -EINVAL, "an EBR lies outside its extended partition");
		for (i = 0; i < p->nr_meta; i++)
			if (p->meta[i].start == ebr)
				return fail(p, -ELOOP, "the EBR chain loops");
		err = add_meta(p, ebr, 1);
		if (err)
			return err;
		err = read_block(p, ebr, b);
		if (err)
			return err;
		if (!mbr_signature(b))
			return 0;
		data = mbr_entry(b, 0);
		link = mbr_entry(b, 1);
		if (data[4] != PART_MBR_EMPTY && get32(data + 12)) {
			u64 start = ebr + get32(data + 8);
			u64 n = get32(data + 12);
			struct partition *pt;

			if (is_extended(data[4]))
				return fail(p, -EINVAL, "an EBR's first entry is an extended partition");
			/* ebr < 2^55 and the 32-bit fields: no wrap */
			if (start < ext->start || start >= end ||
			    n > end - start)
				return fail(p, -EINVAL, "a logical partition lies outside its extended partition");
			pt = add_part(p, (*next_number)++, start, n, &err);
			if (!pt)
				return err;
			pt->mbr_type = data[4];
		}
		if (link[4] == PART_MBR_EMPTY || !get32(link + 12))
			return 0;
		if (!is_extended(link[4]))
			return fail(p, -EINVAL, "an EBR's second entry is not a link");
		ebr = ext->start + get32(link + 8);
	}
}

static int parse_mbr(struct parser *p, const u8 *b)
{
	struct part_table *t = p->t;
	unsigned int i, next = 5;
	int err;

	t->label = PART_LABEL_MBR;
	err = add_meta(p, 0, 1);
	for (i = 0; i < 4 && !err; i++) {
		const u8 *e = mbr_entry(b, i);
		u64 start = get32(e + 8), n = get32(e + 12);
		struct partition *pt;

		if (e[4] == PART_MBR_EMPTY || !n)
			continue;
		if (is_extended(e[4])) {
			if (!inside_disk(p, start, n))
				return fail(p, -EINVAL, "an extended partition lies outside the disk");
			if (!start)
				return fail(p, -EINVAL, "an extended partition covers the MBR");
			p->ext[p->nr_ext].start = start;
			p->ext[p->nr_ext].n = n;
			p->nr_ext++;
			continue;
		}
		pt = add_part(p, i + 1, start, n, &err);
		if (pt)
			pt->mbr_type = e[4];
	}
	/* the chains: sector 0 (in work[0]) is no longer needed */
	for (i = 0; i < p->nr_ext && !err; i++)
		err = mbr_chain(p, &p->ext[i], &next);
	return err;
}

/* ---- GPT ---- */

/*
 * The header at lba (1 for the primary, the last LBA for the backup),
 * checked, with its entry array's CRC, into h. 0 or -EINVAL (p->why),
 * or a read error.
 */
static int gpt_header(struct parser *p, u64 lba, struct gpt_header *h)
{
	u8 *b = p->t->work[0], *e = p->t->work[1];
	u32 hsize, crc, bs = p->bs;
	u64 bytes, blk;
	int err;

	err = read_block(p, lba, b);
	if (err)
		return err;
	if (memcmp(b, GPT_SIG, 8))
		return fail(p, -EINVAL, "no GPT signature");
	if (get32(b + 8) >> 16 != 1)
		return fail(p, -EINVAL, "unknown GPT revision");
	hsize = get32(b + 12);
	if (hsize < GPT_HEADER_MIN || hsize > bs)
		return fail(p, -EINVAL, "bad GPT header size");
	crc = get32(b + 16);
	memset(b + 16, 0, 4);
	if (crc32_ieee(0, b, hsize) != crc)
		return fail(p, -EINVAL, "bad GPT header CRC");
	h->my_lba = get64(b + 24);
	h->first_usable = get64(b + 40);
	h->last_usable = get64(b + 48);
	h->entry_lba = get64(b + 72);
	h->count = get32(b + 80);
	h->entry_size = get32(b + 84);
	h->array_crc = get32(b + 88);
	if (h->my_lba != lba)
		return fail(p, -EINVAL, "the GPT header's own LBA is wrong");
	if (h->first_usable > h->last_usable ||
	    h->last_usable >= p->nr_blocks)
		return fail(p, -EINVAL, "the GPT usable range is not inside the disk");
	if (lba >= h->first_usable && lba <= h->last_usable)
		return fail(p, -EINVAL, "the GPT usable range covers its header");
	if (h->entry_size < GPT_ENTRY_MIN || h->entry_size % GPT_ENTRY_MIN ||
	    h->entry_size > PART_GPT_ARRAY_MAX)
		return fail(p, -EINVAL, "bad GPT entry size");
	/* count < 2^32, entry_size <= 2^17: no wrap */
	bytes = (u64)h->count * h->entry_size;
	if (bytes > PART_GPT_ARRAY_MAX)
		return fail(p, -EINVAL, "the GPT entry array is too large");
	h->array_blocks = DIV_ROUND_UP(bytes, bs);
	if (bytes) {
		if (!inside_disk(p, h->entry_lba, h->array_blocks))
			return fail(p, -EINVAL, "the GPT entry array lies outside the disk");
		if (lba >= h->entry_lba &&
		    lba - h->entry_lba < h->array_blocks)
			return fail(p, -EINVAL, "the GPT entry array covers its header");
		if (h->entry_lba <= h->last_usable &&
		    (h->entry_lba >= h->first_usable ||
		     h->first_usable - h->entry_lba < h->array_blocks))
			return fail(p, -EINVAL, "the GPT entry array overlaps the usable range");
	}
	crc = 0;
	for (blk = 0; blk < h->array_blocks; blk++) {
		u64 left = bytes - blk * bs;

		err = read_block(p, h->entry_lba + blk, e);
		if (err)
			return err;
		crc = crc32_ieee(crc, e, left < bs ? left : bs);
	}
	if (crc != h->array_crc)
		return fail(p, -EINVAL, "bad GPT entry array CRC");
	return 0;
}

static void gpt_name(char *dst, const u8 *src)
{
	unsigned int i;

	for (i = 0; i < GPT_NAME_UNITS; i++) {
		u16 u = (u16)(src[2 * i] | src[2 * i + 1] << 8);

		if (!u)
			break;
		dst[i] = u >= 0x20 && u < 0x7f ? (char)u : '?';
	}
	dst[i] = '\0';
}

static int gpt_entries(struct parser *p, const struct gpt_header *h)
{
	static const u8 unused[16];
	u8 *b = p->t->work[1];
	u64 have = ~0ULL;
	u32 i;
	int err;

	for (i = 0; i < h->count; i++) {
		/*
		 * entry_size and bs are multiples of 128: an entry's first
		 * 128 bytes lie in one block
		 */
		u64 off = (u64)i * h->entry_size, blk = off / p->bs;
		const u8 *e = b + off % p->bs;
		struct partition *pt;
		u64 first, last;

		if (blk != have) {
			err = read_block(p, h->entry_lba + blk, b);
			if (err)
				return err;
			have = blk;
		}
		if (!memcmp(e, unused, 16))
			continue;
		first = get64(e + 32);
		last = get64(e + 40);
		if (first > last)
			return fail(p, -EINVAL, "a GPT partition ends before it starts");
		if (first < h->first_usable || last > h->last_usable)
			return fail(p, -EINVAL, "a GPT partition lies outside the usable range");
		/* last <= last_usable < nr_blocks: no wrap */
		pt = add_part(p, i + 1, first, last - first + 1, &err);
		if (!pt)
			return err;
		memcpy(pt->type_guid, e, 16);
		gpt_name(pt->name, e + 56);
	}
	return 0;
}

static int parse_gpt(struct parser *p)
{
	struct part_table *t = p->t;
	struct gpt_header h;
	int err;

	t->label = PART_LABEL_GPT;
	if (p->nr_blocks < 3)
		return fail(p, -EINVAL, "the disk is too small for a GPT");
	err = gpt_header(p, 1, &h);
	if (err && err != -EINVAL)
		return err;
	if (err) {
		t->primary_why = p->why;
		err = gpt_header(p, p->nr_blocks - 1, &h);
		if (err && err != -EINVAL)
			return err;
		if (err) {
			t->backup_why = p->why;
			return fail(p, -EINVAL, "both GPT headers are bad");
		}
		t->gpt_backup = true;
	}
	err = add_meta(p, 0, 1);
	if (!err)
		err = add_meta(p, h.my_lba, 1);
	if (!err && h.array_blocks)
		err = add_meta(p, h.entry_lba, h.array_blocks);
	if (!err)
		err = gpt_entries(p, &h);
	return err;
}

/* ---- both ---- */

static bool has_protective(const u8 *b)
{
	unsigned int i;

	for (i = 0; i < 4; i++)
		if (mbr_entry(b, i)[4] == PART_MBR_GPT)
			return true;
	return false;
}

/*
 * A boot sector with the signature but boot flags other than 0 and 0x80
 * (a FAT or other file system's boot sector) holds no table.
 */
static bool mbr_flags_ok(const u8 *b)
{
	unsigned int i;

	for (i = 0; i < 4; i++) {
		u8 flag = mbr_entry(b, i)[0];

		if (flag && flag != 0x80)
			return false;
	}
	return true;
}

int part_parse(part_read_t read, void *ctx, u64 nr_sectors, u32 block_size,
	       struct part_table *t, const char **why)
{
	struct parser p = {
		.read = read, .ctx = ctx, .bs = block_size, .t = t,
	};
	u8 *b = t->work[0];
	int err;

	t->label = PART_LABEL_NONE;
	t->gpt_backup = false;
	t->primary_why = NULL;
	t->backup_why = NULL;
	t->nr = 0;
	*why = NULL;
	if (block_size != 512 && block_size != PART_BLOCK_MAX) {
		*why = "the logical block size is neither 512 nor 4096";
		return -EINVAL;
	}
	p.spb = block_size / 512;
	p.nr_blocks = nr_sectors / p.spb;
	if (!p.nr_blocks || nr_sectors % p.spb) {
		*why = "the disk is not a whole number of blocks";
		return -EINVAL;
	}
	err = read_block(&p, 0, b);
	if (err)
		goto out;
	if (!mbr_signature(b) || !mbr_flags_ok(b))
		return 0;
	if (has_protective(b))
		err = parse_gpt(&p);
	else
		err = parse_mbr(&p, b);
	if (!err)
		err = check_table(&p);
out:
	if (err) {
		t->nr = 0;
		*why = p.why ? p.why : "the disk cannot be read";
	}
	return err;
}

const char *part_label_name(enum part_label label)
{
	switch (label) {
	case PART_LABEL_MBR:
		return "MBR";
	case PART_LABEL_GPT:
		return "GPT";
	default:
		return "none";
	}
}
