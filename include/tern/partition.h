/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Partition labels: a pure parser of MBR (DOS) and GPT labels
 * (lib/partition.c), used by kernel/partdev.c over the block layer and by
 * the host tests and fuzzer over canned images. Documentation/block.md,
 * "Partitions".
 *
 * The parser reads the disk only through the caller's read(): whole
 * logical blocks (512 or 4096 bytes), each inside the disk. Units out
 * are 512-byte sectors, whatever the logical block size: the LBAs of a
 * label (MBR and GPT alike, as Linux reads them) count logical blocks
 * and are converted.
 *
 * The result is all or nothing: a label the parser accepts has every
 * used entry non-empty, inside the disk (GPT: inside the usable range),
 * not overlapping another partition nor the label's own sectors (MBR,
 * EBRs, the GPT header and entry array in use); a label with any bad
 * entry is refused as a whole (-EINVAL and a reason), so a disk is
 * never exported half-understood. A disk without a label (no 0x55AA
 * signature in sector 0) is not an error: 0 partitions, label
 * PART_LABEL_NONE.
 */
#ifndef _TERN_PARTITION_H
#define _TERN_PARTITION_H

#include <tern/types.h>

#define PART_MAX		16	/* used entries above: -E2BIG */
#define PART_NAME_MAX		37	/* GPT: 36 UTF-16 units, ASCII-folded */
#define PART_BLOCK_MAX		4096	/* the largest logical block */
/* an EBR chain longer than this is refused (-ELOOP) */
#define PART_EBR_MAX		64
/* GPT entry array: entries * entry size at most this */
#define PART_GPT_ARRAY_MAX	(128u << 10)

#define PART_MBR_EMPTY		0x00
#define PART_MBR_EXTENDED	0x05
#define PART_MBR_EXTENDED_LBA	0x0f
#define PART_MBR_EXTENDED_LINUX	0x85
#define PART_MBR_GPT		0xee	/* protective MBR */

enum part_label {
	PART_LABEL_NONE,
	PART_LABEL_MBR,
	PART_LABEL_GPT,
};

struct partition {
	/* as Linux numbers it: MBR 1-4 primary, 5.. logical; GPT index + 1 */
	unsigned int number;
	u64 start;		/* 512-byte sectors */
	u64 nr_sectors;		/* 512-byte sectors, never 0 */
	u8 mbr_type;		/* MBR: the type byte; GPT: 0 */
	u8 type_guid[16];	/* GPT: as on disk (mixed endian); MBR: 0 */
	/* GPT: the name, non-ASCII as '?', NUL-terminated; MBR: "" */
	char name[PART_NAME_MAX];
};

struct part_table {
	enum part_label label;
	/* GPT: the primary header was bad, the backup (last LBA) is used */
	bool gpt_backup;
	/*
	 * GPT: what was wrong with the primary header (gpt_backup, or both
	 * bad), and with the backup (both bad); NULL otherwise
	 */
	const char *primary_why;
	const char *backup_why;
	unsigned int nr;		/* partitions, sorted by number */
	struct partition part[PART_MAX];
	/* the parser's scratch: two logical blocks */
	u8 work[2][PART_BLOCK_MAX];
};

/*
 * Read nr_bytes (one logical block) at 512-byte sector `sector` (a
 * multiple of the block size) into buf: 0 or a negative errno, which
 * the parser returns as it is.
 */
typedef int (*part_read_t)(void *ctx, u64 sector, u32 nr_bytes, void *buf);

/*
 * Parse the label of a disk of nr_sectors 512-byte sectors (a multiple
 * of the block size) with logical blocks of block_size bytes (512 or
 * 4096). 0 with t filled (t->nr may be 0), or a negative errno with
 * *why saying what is wrong (t->nr is then 0): -EINVAL for a bad label
 * (a GPT whose two headers are both bad included: t->primary_why and
 * t->backup_why say why each) or a bad argument, -E2BIG for more than
 * PART_MAX partitions, -ELOOP for an EBR chain that loops or exceeds
 * PART_EBR_MAX, or read()'s error. *why is a static string; NULL after
 * success.
 */
int part_parse(part_read_t read, void *ctx, u64 nr_sectors, u32 block_size,
	       struct part_table *t, const char **why);

/* "none", "MBR", "GPT" */
const char *part_label_name(enum part_label label);

#endif
