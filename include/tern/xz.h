/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Single-call .xz decoder (lib/xz/): one whole .xz stream in one buffer
 * in, the whole uncompressed data out into another. Written for the dom0
 * toolstack, which unpacks the XZ payload of Linux bzImages (Debian's
 * /boot/vmlinuz-*: `xz --check=crc32 --x86 --lzma2=,dict=32MiB`).
 *
 * Supported: stream header, any number of blocks, index and footer;
 * block filter chains LZMA2 alone or x86 BCJ (with or without a start
 * offset) followed by LZMA2; checks None, CRC32 and CRC64 (verified).
 * Everything the format lets a decoder cross-check is checked: header
 * and index CRC32s, the sizes a block header declares against the data,
 * the index against the blocks decoded (number of records, each record's
 * unpadded and uncompressed size, via sums and a CRC32 over the records),
 * the footer's backward size against the index and its flags against the
 * header's, zero padding everywhere, and, in LZMA2, that each chunk uses
 * exactly its compressed bytes and ends with the range coder flushed.
 *
 * The output buffer is the LZMA dictionary: no other buffer is allocated,
 * and a dictionary size larger than out_max is fine (it is only an upper
 * bound on match distances; matches are checked against the bytes
 * decoded since the last dictionary reset, not against that size). All
 * decoder state lives in struct xz_work, which the caller provides (e.g.
 * kmalloc(sizeof(struct xz_work)), under 32 KiB); nothing else is used,
 * there are no globals, so concurrent calls with separate work areas are
 * fine. Every loop is bounded by the input or output length: hostile
 * input gives an error, never a read past in_len or a write past out_max.
 * On error the contents of out are unspecified.
 */
#ifndef _TERN_XZ_H
#define _TERN_XZ_H

#include <tern/types.h>

/* LZMA probability model (11-bit probabilities). */
#define XZ_LZMA_STATES		12
#define XZ_LZMA_POS_STATES	16	/* 1 << pb, pb <= 4 */
#define XZ_LZMA_LIT_STATES	16	/* 1 << (lc + lp), LZMA2: <= 4 */
#define XZ_LZMA_LIT_SIZE	0x300
#define XZ_LZMA_SPECIAL_DISTS	114	/* distance slots 4..13 */

struct xz_lzma_len {
	u16 choice;
	u16 choice2;
	u16 low[XZ_LZMA_POS_STATES][8];
	u16 mid[XZ_LZMA_POS_STATES][8];
	u16 high[256];
};

struct xz_lzma_probs {
	u16 is_match[XZ_LZMA_STATES][XZ_LZMA_POS_STATES];
	u16 is_rep[XZ_LZMA_STATES];
	u16 is_rep_g0[XZ_LZMA_STATES];
	u16 is_rep_g1[XZ_LZMA_STATES];
	u16 is_rep_g2[XZ_LZMA_STATES];
	u16 is_rep0_long[XZ_LZMA_STATES][XZ_LZMA_POS_STATES];
	u16 dist_slot[4][64];
	u16 dist_special[XZ_LZMA_SPECIAL_DISTS];
	u16 dist_align[16];
	struct xz_lzma_len match_len;
	struct xz_lzma_len rep_len;
	/* last: a reset initialises only the 1 << (lc + lp) sets in use */
	u16 literal[XZ_LZMA_LIT_STATES][XZ_LZMA_LIT_SIZE];
};

/* The LZMA2 decoder's state between chunks of one block. */
struct xz_lzma2_state {
	u32 state;		/* LZMA state machine, 0..11 */
	u32 rep[4];		/* last four match distances, minus one */
	u8 lc, lp, pb;		/* literal context/position, position bits */
	bool need_dict_reset;
	bool need_props;
};

/* The caller-provided work area of xz_decode(). */
struct xz_work {
	u32 crc32_table[256];
	union {
		u32 crc32_slice[3][256];	/* check CRC32: slicing by 4 */
		u64 crc64_table[256];		/* check CRC64 */
	} crc;
	u8 crc_check;			/* which of the two is there */
	struct xz_lzma2_state lz;
	struct xz_lzma_probs probs;
};

/* The six magic bytes of an .xz stream header. */
#define XZ_MAGIC_LEN		6

/*
 * Decode ONE .xz stream that starts at in[0]. Stream padding or anything
 * else after the stream's footer is not looked at: *in_used (if in_used
 * is not NULL) is set to the stream's length (header to footer) on
 * success, so the caller can examine what follows; it is 0 on error.
 *
 * Returns the number of bytes written to out, or:
 *  -EINVAL     not an .xz stream (shorter than a header and footer,
 *              wrong magic, stream header CRC32 wrong), or a field that
 *              the format forbids (non-minimal or overlong variable-length
 *              integer, block header size or filter chain malformed,
 *              LZMA2 dictionary byte over 40, wrong property size);
 *  -ENOSPC     the uncompressed data does not fit in out_max bytes;
 *  -EPROTO     corrupt or truncated data after a good stream header:
 *              block header, index or footer CRC32 wrong, check (CRC32,
 *              CRC64) wrong, LZMA2 data invalid, a size in a block header
 *              or the index that disagrees with the data, non-zero
 *              padding, footer not matching the header or the index;
 *  -EOPNOTSUPP a valid stream this decoder does not handle: SHA-256 or a
 *              reserved check type, filters other than x86 BCJ + LZMA2 or
 *              LZMA2, reserved flag bits or non-zero block header padding
 *              (set by future versions of the format).
 */
long xz_decode(const u8 *in, size_t in_len, size_t *in_used, u8 *out,
	       size_t out_max, struct xz_work *w);

/* Whether p starts with the .xz stream header magic (FD '7zXZ' 00). */
bool xz_is_stream(const u8 *p, size_t len);

/*
 * Internal to lib/xz (exposed for the host tests and fuzzers).
 *
 * xz_crc32() and xz_crc64() are the .xz format's CRC32 (IEEE 802.3) and
 * CRC64 (ECMA-182), both reflected, crc = 0 to start, the returned value
 * to continue. xz_crc_init() fills w's tables for a stream whose check
 * type is check (0x01 CRC32, 0x04 CRC64, else none): CRC32 always, four
 * bytes a step for check CRC32; xz_crc64() only after check CRC64.
 */
void xz_crc_init(struct xz_work *w, unsigned int check);
u32 xz_crc32(const struct xz_work *w, const u8 *p, size_t len, u32 crc);
u64 xz_crc64(const struct xz_work *w, const u8 *p, size_t len, u64 crc);

/*
 * Decode the LZMA2 data of one block from in[0..in_len) into
 * out[*out_pos..out_max), advancing *out_pos; the dictionary is
 * out[block start..*out_pos), so out[0..*out_pos) must be the block's
 * output so far (out_start: where the block began). Sets *in_used to the
 * bytes up to and including the end-of-data byte. Returns 0, -EPROTO or
 * -ENOSPC.
 */
int xz_lzma2_decode(struct xz_work *w, const u8 *in, size_t in_len,
		    size_t *in_used, u8 *out, size_t out_start,
		    size_t *out_pos, size_t out_max);

/* Undo the x86 BCJ filter in place; start: the filter's start offset. */
void xz_bcj_x86_decode(u8 *buf, size_t len, u32 start);

#endif
