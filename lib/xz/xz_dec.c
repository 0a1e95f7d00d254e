// SPDX-License-Identifier: GPL-2.0
/*
 * The .xz container (include/tern/xz.h): stream header, blocks, index,
 * stream footer, and the CRC32/CRC64 they use. The compressed data of
 * each block goes to lib/xz/lzma2_dec.c, then through the x86 BCJ filter
 * (lib/xz/bcj_x86.c) when the block's filter chain has it.
 *
 * Layout (all sizes little endian, variable-length integers "VLI": 7 bits
 * a byte, low first, high bit = more, at most 9 bytes, minimal):
 *   stream header  FD '7zXZ' 00, flags (00, check type), CRC32(flags)
 *   block*         header: size/4 - 1 (1..255), flags, [compressed size],
 *                  [uncompressed size], filter flags (id, props size,
 *                  props) per filter, zero padding, CRC32 of the header;
 *                  then the data, zero padding to 4 bytes, the check
 *   index          00, number of records, per block (unpadded size =
 *                  header + data + check, uncompressed size), zero
 *                  padding to 4 bytes, CRC32 of the index
 *   stream footer  CRC32(backward size, flags), backward size (index
 *                  size / 4 - 1, 32 bits), the header's flags, 'YZ'
 *
 * Blocks are decoded in order into consecutive parts of out; the index
 * comes after them, so each block's (unpadded, uncompressed) pair is
 * folded into a count, two sums and a CRC32 over the pairs, which the
 * index must reproduce (the index cannot be read first: only the footer
 * says where it starts, and where the footer is depends on the index).
 *
 * Every position is checked against in_len before a byte is read; the
 * number of blocks and of index records is bounded by in_len, and each
 * VLI by 9 bytes.
 */
#include <tern/xz.h>
#include <tern/string.h>

#define STREAM_HDR_LEN	12
#define STREAM_FTR_LEN	12
#define BLOCK_HDR_MAX	1024
#define VLI_BYTES_MAX	9

#define CHECK_NONE	0x00
#define CHECK_CRC32	0x01
#define CHECK_CRC64	0x04

#define FILTER_X86	0x04
#define FILTER_LZMA2	0x21

#define BLOCK_FLAG_FILTERS	0x03
#define BLOCK_FLAG_RESERVED	0x3c
#define BLOCK_FLAG_CSIZE	0x40
#define BLOCK_FLAG_USIZE	0x80

#define CRC32_POLY	0xedb88320u
#define CRC64_POLY	0xc96c5795d7870f42ull

static const u8 xz_magic[XZ_MAGIC_LEN] = { 0xfd, '7', 'z', 'X', 'Z', 0x00 };
static const u8 xz_footer_magic[2] = { 'Y', 'Z' };

static inline u32 get_le32(const u8 *p)
{
	return (u32)p[0] | (u32)p[1] << 8 | (u32)p[2] << 16 |
	       (u32)p[3] << 24;
}

void xz_crc_init(struct xz_work *w, unsigned int check)
{
	unsigned int i, j;

	for (i = 0; i < 256; i++) {
		u32 c32 = i;
		u64 c64 = i;

		for (j = 0; j < 8; j++) {
			c32 = (c32 >> 1) ^ ((c32 & 1) ? CRC32_POLY : 0);
			c64 = (c64 >> 1) ^ ((c64 & 1) ? CRC64_POLY : 0);
		}
		w->crc32_table[i] = c32;
		if (check == CHECK_CRC64)
			w->crc.crc64_table[i] = c64;
	}
	/* row k: the CRC of byte i followed by k zero bytes */
	if (check == CHECK_CRC32) {
		const u32 *prev = w->crc32_table;

		for (j = 0; j < 3; j++) {
			for (i = 0; i < 256; i++)
				w->crc.crc32_slice[j][i] = (prev[i] >> 8) ^
					w->crc32_table[prev[i] & 0xff];
			prev = w->crc.crc32_slice[j];
		}
	}
	w->crc_check = (u8)check;
}

u32 xz_crc32(const struct xz_work *w, const u8 *p, size_t len, u32 crc)
{
	const u32 *t0 = w->crc32_table;

	crc = ~crc;
	if (w->crc_check == CHECK_CRC32) {
		const u32 *t1 = w->crc.crc32_slice[0];
		const u32 *t2 = w->crc.crc32_slice[1];
		const u32 *t3 = w->crc.crc32_slice[2];

		for (; len >= 4; len -= 4, p += 4) {
			crc ^= get_le32(p);
			crc = t3[crc & 0xff] ^ t2[(crc >> 8) & 0xff] ^
			      t1[(crc >> 16) & 0xff] ^ t0[crc >> 24];
		}
	}
	while (len--)
		crc = t0[(crc ^ *p++) & 0xff] ^ (crc >> 8);
	return ~crc;
}

u64 xz_crc64(const struct xz_work *w, const u8 *p, size_t len, u64 crc)
{
	crc = ~crc;
	while (len--)
		crc = w->crc.crc64_table[(crc ^ *p++) & 0xff] ^ (crc >> 8);
	return ~crc;
}

bool xz_is_stream(const u8 *p, size_t len)
{
	return len >= XZ_MAGIC_LEN && !memcmp(p, xz_magic, XZ_MAGIC_LEN);
}

static inline void put_le64(u8 *p, u64 v)
{
	unsigned int i;

	for (i = 0; i < 8; i++)
		p[i] = (u8)(v >> (8 * i));
}

/*
 * A VLI from p[*pos .. end). Returns 0, -EINVAL (overlong, not minimal)
 * or the error given for running into end.
 */
static int get_vli(const u8 *p, size_t end, size_t *pos, u64 *val,
		   int err_end)
{
	u64 v = 0;
	unsigned int i;

	for (i = 0; i < VLI_BYTES_MAX; i++) {
		u8 b;

		if (*pos >= end)
			return err_end;
		b = p[(*pos)++];
		v |= (u64)(b & 0x7f) << (7 * i);
		if (!(b & 0x80)) {
			if (!b && i)
				return -EINVAL;
			*val = v;
			return 0;
		}
	}
	return -EINVAL;
}

static size_t check_size(unsigned int check)
{
	switch (check) {
	case CHECK_CRC32:
		return 4;
	case CHECK_CRC64:
		return 8;
	default:
		return 0;
	}
}

/* What the blocks decoded so far say the index must hold. */
struct xz_recs {
	u64 count;
	u64 unpadded;
	u64 uncompressed;
	u32 hash;
};

static void recs_add(const struct xz_work *w, struct xz_recs *r,
		     u64 unpadded, u64 uncompressed)
{
	u8 b[16];

	put_le64(b, unpadded);
	put_le64(b + 8, uncompressed);
	r->count++;
	r->unpadded += unpadded;
	r->uncompressed += uncompressed;
	r->hash = xz_crc32(w, b, sizeof(b), r->hash);
}

struct xz_dec {
	const u8 *in;
	size_t in_len;
	size_t ip;		/* next input byte */
	u8 *out;
	size_t out_max;
	size_t op;		/* next output byte */
	unsigned int check;
	struct xz_work *w;
	struct xz_recs blocks;
};

/* The filter chain and sizes of a block header. */
struct xz_block_hdr {
	size_t size;
	bool has_csize, has_usize, x86;
	u64 csize, usize;
	u32 x86_start;
};

static int parse_filters(const u8 *h, size_t end, size_t *pos,
			 unsigned int nr, struct xz_block_hdr *bh)
{
	unsigned int i;
	int ret;

	for (i = 0; i < nr; i++) {
		bool last = i == nr - 1;
		u64 id, psize;

		ret = get_vli(h, end, pos, &id, -EINVAL);
		if (ret)
			return ret;
		ret = get_vli(h, end, pos, &psize, -EINVAL);
		if (ret)
			return ret;
		if (psize > end - *pos)
			return -EINVAL;

		if (id == FILTER_LZMA2) {
			if (!last || psize != 1)
				return -EINVAL;
			/* dictionary size: bits 6-7 reserved, <= 40 */
			if (h[*pos] > 40)
				return -EINVAL;
		} else if (id == FILTER_X86) {
			if (last)
				return -EINVAL;
			if (i || nr != 2)
				return -EOPNOTSUPP;
			if (psize == 4)
				bh->x86_start = get_le32(h + *pos);
			else if (psize)
				return -EINVAL;
			bh->x86 = true;
		} else {
			return -EOPNOTSUPP;
		}
		*pos += psize;
	}
	return 0;
}

static int block_header(struct xz_dec *d, struct xz_block_hdr *bh)
{
	const u8 *h = d->in + d->ip;
	size_t end, pos = 2;
	u8 flags;
	int ret;

	memset(bh, 0, sizeof(*bh));
	bh->size = ((size_t)h[0] + 1) * 4;
	if (bh->size > d->in_len - d->ip)
		return -EPROTO;
	end = bh->size - 4;
	if (xz_crc32(d->w, h, end, 0) != get_le32(h + end))
		return -EPROTO;

	flags = h[1];
	if (flags & BLOCK_FLAG_RESERVED)
		return -EOPNOTSUPP;
	if (flags & BLOCK_FLAG_CSIZE) {
		bh->has_csize = true;
		ret = get_vli(h, end, &pos, &bh->csize, -EINVAL);
		if (ret)
			return ret;
		if (!bh->csize)
			return -EINVAL;
	}
	if (flags & BLOCK_FLAG_USIZE) {
		bh->has_usize = true;
		ret = get_vli(h, end, &pos, &bh->usize, -EINVAL);
		if (ret)
			return ret;
	}
	ret = parse_filters(h, end, &pos, (flags & BLOCK_FLAG_FILTERS) + 1,
			    bh);
	if (ret)
		return ret;
	for (; pos < end; pos++)
		if (h[pos])
			return -EOPNOTSUPP;
	d->ip += bh->size;
	return 0;
}

static int decode_block(struct xz_dec *d)
{
	struct xz_block_hdr bh;
	size_t data_start, lim, used, out_start = d->op, csum_len, n;
	u8 sum[8] = { 0 };
	int ret;

	ret = block_header(d, &bh);
	if (ret)
		return ret;

	data_start = d->ip;
	lim = d->in_len - data_start;
	if (bh.has_csize) {
		if (bh.csize > lim)
			return -EPROTO;
		lim = bh.csize;
	}
	ret = xz_lzma2_decode(d->w, d->in + data_start, lim, &used, d->out,
			      out_start, &d->op, d->out_max);
	if (ret)
		return ret;
	if (bh.has_csize && used != bh.csize)
		return -EPROTO;
	if (bh.has_usize && d->op - out_start != bh.usize)
		return -EPROTO;
	d->ip += used;

	if (bh.x86)
		xz_bcj_x86_decode(d->out + out_start, d->op - out_start,
				  bh.x86_start);

	/* block padding: to a multiple of four from the stream start */
	while (d->ip & 3) {
		if (d->ip >= d->in_len || d->in[d->ip])
			return -EPROTO;
		d->ip++;
	}

	csum_len = check_size(d->check);
	if (csum_len > d->in_len - d->ip)
		return -EPROTO;
	n = d->op - out_start;
	/* little endian: a CRC32 is the first 4 bytes of its put_le64() */
	if (d->check == CHECK_CRC32)
		put_le64(sum, xz_crc32(d->w, d->out + out_start, n, 0));
	else if (d->check == CHECK_CRC64)
		put_le64(sum, xz_crc64(d->w, d->out + out_start, n, 0));
	if (memcmp(sum, d->in + d->ip, csum_len))
		return -EPROTO;
	d->ip += csum_len;

	recs_add(d->w, &d->blocks, bh.size + used + csum_len, n);
	return 0;
}

/* The index, at d->ip (its indicator byte already known to be 0). */
static int decode_index(struct xz_dec *d, size_t *index_size)
{
	struct xz_recs r = { 0 };
	size_t start = d->ip, pos = d->ip + 1, end = d->in_len;
	u64 count, i;

	if (get_vli(d->in, end, &pos, &count, -EPROTO))
		return -EPROTO;
	if (count != d->blocks.count)
		return -EPROTO;
	/* bounded by the number of blocks decoded, hence by in_len */
	for (i = 0; i < count; i++) {
		u64 unpadded, uncompressed;

		if (get_vli(d->in, end, &pos, &unpadded, -EPROTO) ||
		    get_vli(d->in, end, &pos, &uncompressed, -EPROTO))
			return -EPROTO;
		recs_add(d->w, &r, unpadded, uncompressed);
	}
	if (r.unpadded != d->blocks.unpadded ||
	    r.uncompressed != d->blocks.uncompressed ||
	    r.hash != d->blocks.hash)
		return -EPROTO;
	while ((pos - start) & 3) {
		if (pos >= end || d->in[pos])
			return -EPROTO;
		pos++;
	}
	if (end - pos < 4 ||
	    xz_crc32(d->w, d->in + start, pos - start, 0) !=
	    get_le32(d->in + pos))
		return -EPROTO;
	pos += 4;
	*index_size = pos - start;
	d->ip = pos;
	return 0;
}

static int decode_footer(struct xz_dec *d, size_t index_size)
{
	const u8 *f = d->in + d->ip;

	if (d->in_len - d->ip < STREAM_FTR_LEN)
		return -EPROTO;
	if (memcmp(f + 10, xz_footer_magic, sizeof(xz_footer_magic)) ||
	    xz_crc32(d->w, f + 4, 6, 0) != get_le32(f) ||
	    memcmp(f + 8, d->in + XZ_MAGIC_LEN, 2) ||
	    ((size_t)get_le32(f + 4) + 1) * 4 != index_size)
		return -EPROTO;
	d->ip += STREAM_FTR_LEN;
	return 0;
}

static int stream_header(struct xz_dec *d)
{
	const u8 *h = d->in;

	if (d->in_len < STREAM_HDR_LEN + STREAM_FTR_LEN ||
	    !xz_is_stream(h, d->in_len) ||
	    xz_crc32(d->w, h + XZ_MAGIC_LEN, 2, 0) != get_le32(h + 8))
		return -EINVAL;
	if (h[6] || (h[7] & 0xf0))
		return -EOPNOTSUPP;
	d->check = h[7];
	if (d->check != CHECK_NONE && d->check != CHECK_CRC32 &&
	    d->check != CHECK_CRC64)
		return -EOPNOTSUPP;
	xz_crc_init(d->w, d->check);
	d->ip = STREAM_HDR_LEN;
	return 0;
}

static int decode_stream(struct xz_dec *d)
{
	size_t index_size;
	int ret;

	ret = stream_header(d);
	if (ret)
		return ret;
	/* each block uses at least 12 bytes of input */
	for (;;) {
		if (d->ip >= d->in_len)
			return -EPROTO;
		if (!d->in[d->ip])
			break;
		ret = decode_block(d);
		if (ret)
			return ret;
	}
	ret = decode_index(d, &index_size);
	if (ret)
		return ret;
	return decode_footer(d, index_size);
}

long xz_decode(const u8 *in, size_t in_len, size_t *in_used, u8 *out,
	       size_t out_max, struct xz_work *w)
{
	struct xz_dec d = {
		.in = in,
		.in_len = in_len,
		.out = out,
		.out_max = min(out_max, (size_t)__LONG_MAX__),
		.w = w,
	};
	int ret;

	if (in_used)
		*in_used = 0;
	/* the header's CRC32 first; the tables for its check type after */
	xz_crc_init(w, CHECK_NONE);
	ret = decode_stream(&d);
	if (ret)
		return ret;
	if (in_used)
		*in_used = d.ip;
	return (long)d.op;
}
