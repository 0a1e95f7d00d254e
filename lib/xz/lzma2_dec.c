// SPDX-License-Identifier: GPL-2.0
/*
 * LZMA2 decoder for lib/xz (include/tern/xz.h), single-call: the whole
 * block's compressed data is in one buffer and the output buffer is the
 * dictionary, so a match is a copy from earlier in out[].
 *
 * LZMA2 is a sequence of chunks, each starting with a control byte:
 *   0x00          end of data
 *   0x01, 0x02    uncompressed chunk (0x01 resets the dictionary):
 *                 size - 1 (16 bits, big endian), then the bytes
 *   0x80..0xff    LZMA chunk: bits 0-4 are bits 16-20 of the
 *                 uncompressed size - 1, whose low 16 bits follow, then
 *                 the compressed size - 1 (16 bits); bits 5-6 say what
 *                 is reset first: 0 nothing, 1 the state, 2 the state
 *                 and new properties (a byte follows: (pb * 5 + lp) * 9 +
 *                 lc), 3 that and the dictionary
 *   0x03..0x7f    invalid
 * The first chunk must reset the dictionary, and after a dictionary
 * reset the next LZMA chunk must bring properties.
 *
 * Each LZMA chunk is range coded on its own: 5 bytes (the first one 0)
 * prime the decoder, which is kept normalised after every bit, so that
 * decoding exactly the chunk's uncompressed size must consume exactly its
 * compressed size and leave code == 0 (the encoder's flush); anything
 * else is -EPROTO. Reading past the chunk's compressed bytes yields
 * zeros and is caught by that end check, so the hot loop needs no input
 * bound beyond one compare. A chunk never ends inside a match, a match
 * never reaches before the last dictionary reset, and the LZMA2 format
 * has no end-of-payload marker: each is -EPROTO.
 *
 * Bounds: every symbol writes at least one byte, and a chunk's output is
 * checked against out_max before it is decoded, so each chunk's loop
 * runs at most its uncompressed size (<= 2 MiB) times, and each chunk
 * consumes at least one input byte.
 */
#include <tern/xz.h>
#include <tern/string.h>

#define PROB_BITS	11
#define PROB_INIT	(1u << (PROB_BITS - 1))
#define MOVE_BITS	5
#define RC_TOP		(1u << 24)

#define MATCH_MIN	2
#define LEN_LOW		8
#define LEN_MID		8
#define DIST_MODEL_END	14	/* slots below use dist_special/direct */
#define ALIGN_BITS	4
#define END_MARKER	0xffffffffu


struct rc {
	u32 range;
	u32 code;
	const u8 *in;
	size_t pos;	/* may pass lim: the bytes beyond read as zero */
	size_t lim;
};

static inline void rc_normalize(struct rc *rc)
{
	if (rc->range < RC_TOP) {
		rc->range <<= 8;
		rc->code <<= 8;
		if (likely(rc->pos < rc->lim))
			rc->code |= rc->in[rc->pos];
		rc->pos++;
	}
}

static inline u32 rc_bit(struct rc *rc, u16 *prob)
{
	u32 p = *prob;
	u32 bound = (rc->range >> PROB_BITS) * p;
	u32 bit;

	if (rc->code < bound) {
		rc->range = bound;
		*prob = p + (((1u << PROB_BITS) - p) >> MOVE_BITS);
		bit = 0;
	} else {
		rc->range -= bound;
		rc->code -= bound;
		*prob = p - (p >> MOVE_BITS);
		bit = 1;
	}
	rc_normalize(rc);
	return bit;
}

/* A bit tree of n levels, most significant bit first; 0 .. 2^n - 1. */
static inline u32 rc_tree(struct rc *rc, u16 *probs, unsigned int n)
{
	u32 m = 1;
	unsigned int i;

	for (i = 0; i < n; i++)
		m = (m << 1) | rc_bit(rc, &probs[m]);
	return m - (1u << n);
}

/*
 * A bit tree of n levels, least significant bit first. Its nodes are
 * numbered from 1 as in rc_tree(), stored from probs[0].
 */
static inline u32 rc_tree_rev(struct rc *rc, u16 *probs, unsigned int n)
{
	u32 m = 1, v = 0, bit;
	unsigned int i;

	for (i = 0; i < n; i++) {
		bit = rc_bit(rc, &probs[m - 1]);
		m = (m << 1) | bit;
		v |= bit << i;
	}
	return v;
}

/* n bits at probability one half, most significant first. */
static inline u32 rc_direct(struct rc *rc, unsigned int n)
{
	u32 v = 0;

	while (n--) {
		rc->range >>= 1;
		v <<= 1;
		if (rc->code >= rc->range) {
			rc->code -= rc->range;
			v |= 1;
		}
		rc_normalize(rc);
	}
	return v;
}

/* A match length minus MATCH_MIN: 0 .. 271. */
static inline u32 rc_len(struct rc *rc, struct xz_lzma_len *l, u32 ps)
{
	if (!rc_bit(rc, &l->choice))
		return rc_tree(rc, l->low[ps], 3);
	if (!rc_bit(rc, &l->choice2))
		return LEN_LOW + rc_tree(rc, l->mid[ps], 3);
	return LEN_LOW + LEN_MID + rc_tree(rc, l->high, 8);
}

/* A match distance minus one, for a length (minus MATCH_MIN) of len. */
static inline u32 rc_dist(struct rc *rc, struct xz_lzma_probs *pr, u32 len)
{
	u32 slot = rc_tree(rc, pr->dist_slot[len < 3 ? len : 3], 6);
	unsigned int nbits;
	u32 dist;

	if (slot < 4)
		return slot;
	nbits = (slot >> 1) - 1;
	dist = (2 | (slot & 1)) << nbits;
	if (slot < DIST_MODEL_END)
		/*
		 * Slot k's tree (2^nbits - 1 nodes) follows those of slots
		 * 4 .. k - 1, which have dist - k nodes in all.
		 */
		return dist + rc_tree_rev(rc, pr->dist_special + dist - slot,
					  nbits);
	dist += rc_direct(rc, nbits - ALIGN_BITS) << ALIGN_BITS;
	return dist + rc_tree_rev(rc, pr->dist_align, ALIGN_BITS);
}

static void lzma_reset(struct xz_work *w)
{
	struct xz_lzma2_state *s = &w->lz;
	size_t n = offsetof(struct xz_lzma_probs, literal) / sizeof(u16) +
		   ((size_t)XZ_LZMA_LIT_SIZE << (s->lc + s->lp));
	u16 *p = (u16 *)&w->probs;
	size_t i;

	BUILD_BUG_ON(offsetof(struct xz_lzma_probs, literal) % sizeof(u16));
	for (i = 0; i < n; i++)
		p[i] = PROB_INIT;
	s->state = 0;
	s->rep[0] = s->rep[1] = s->rep[2] = s->rep[3] = 0;
}

static inline u32 next_state_literal(u32 st)
{
	if (st < 4)
		return 0;
	return st < 10 ? st - 3 : st - 6;
}

/*
 * One LZMA chunk: decode out[*pos .. end) from the range coder. out[dict
 * .. *pos) is the dictionary. end <= out_max was checked by the caller.
 */
static int lzma_chunk(struct xz_work *w, struct rc *rc_io, u8 *out,
		      size_t dict, size_t *pos_io, size_t end)
{
	struct rc r = *rc_io, *rc = &r;	/* a local: kept in registers */
	struct xz_lzma2_state *s = &w->lz;
	struct xz_lzma_probs *pr = &w->probs;
	u32 pb_mask = (1u << s->pb) - 1;
	u32 lp_mask = (1u << s->lp) - 1;
	unsigned int lc = s->lc;
	u32 st = s->state;
	u32 rep0 = s->rep[0], rep1 = s->rep[1];
	u32 rep2 = s->rep[2], rep3 = s->rep[3];
	size_t pos = *pos_io;
	int ret = 0;

	while (pos < end) {
		size_t have = pos - dict;	/* dictionary bytes */
		u32 ps = (u32)have & pb_mask;
		u32 len;

		if (!rc_bit(rc, &pr->is_match[st][ps])) {
			u32 prev = have ? out[pos - 1] : 0;
			u16 *lit = pr->literal[(((u32)have & lp_mask) << lc) +
					       (prev >> (8 - lc))];
			u32 sym = 1;

			if (st >= 7) {
				/* after a match: guided by the byte at rep0 */
				u32 mb;

				if (rep0 >= have) {
					ret = -EPROTO;
					break;
				}
				mb = out[pos - rep0 - 1];
				do {
					u32 mbit = (mb >> 7) & 1;
					u32 bit;

					mb <<= 1;
					bit = rc_bit(rc, &lit[0x100 + (mbit << 8) +
							      sym]);
					sym = (sym << 1) | bit;
					if (bit != mbit)
						break;
				} while (sym < 0x100);
			}
			while (sym < 0x100)
				sym = (sym << 1) | rc_bit(rc, &lit[sym]);
			out[pos++] = (u8)sym;
			st = next_state_literal(st);
			continue;
		}

		if (!rc_bit(rc, &pr->is_rep[st])) {
			/* a new distance */
			len = rc_len(rc, &pr->match_len, ps);
			st = st < 7 ? 7 : 10;
			rep3 = rep2;
			rep2 = rep1;
			rep1 = rep0;
			rep0 = rc_dist(rc, pr, len);
			if (rep0 == END_MARKER) {
				ret = -EPROTO;	/* LZMA2 has no end marker */
				break;
			}
		} else if (!rc_bit(rc, &pr->is_rep_g0[st])) {
			if (!rc_bit(rc, &pr->is_rep0_long[st][ps])) {
				/* one byte from rep0 */
				if (rep0 >= have) {
					ret = -EPROTO;
					break;
				}
				st = st < 7 ? 9 : 11;
				out[pos] = out[pos - rep0 - 1];
				pos++;
				continue;
			}
			len = rc_len(rc, &pr->rep_len, ps);
			st = st < 7 ? 8 : 11;
		} else {
			u32 d;

			if (!rc_bit(rc, &pr->is_rep_g1[st])) {
				d = rep1;
			} else {
				if (!rc_bit(rc, &pr->is_rep_g2[st])) {
					d = rep2;
				} else {
					d = rep3;
					rep3 = rep2;
				}
				rep2 = rep1;
			}
			rep1 = rep0;
			rep0 = d;
			len = rc_len(rc, &pr->rep_len, ps);
			st = st < 7 ? 8 : 11;
		}

		len += MATCH_MIN;
		if (rep0 >= have || len > end - pos) {
			ret = -EPROTO;
			break;
		}
		{
			const u8 *src = out + pos - rep0 - 1;
			u8 *dst = out + pos;
			u32 i;

			/* short ones are cheaper here than a call */
			if (rep0 + 1 >= len && len > 16) {
				memcpy(dst, src, len);
			} else {
				for (i = 0; i < len; i++)
					dst[i] = src[i];
			}
			pos += len;
		}
	}

	s->state = st;
	s->rep[0] = rep0;
	s->rep[1] = rep1;
	s->rep[2] = rep2;
	s->rep[3] = rep3;
	*pos_io = pos;
	*rc_io = r;
	return ret;
}

static int lzma_props(struct xz_lzma2_state *s, u8 b)
{
	if (b >= 9 * 5 * 5)
		return -EPROTO;
	s->lc = b % 9;
	b /= 9;
	s->lp = b % 5;
	s->pb = b / 5;
	if (s->lc + s->lp > 4)
		return -EPROTO;
	return 0;
}

int xz_lzma2_decode(struct xz_work *w, const u8 *in, size_t in_len,
		    size_t *in_used, u8 *out, size_t out_start,
		    size_t *out_pos, size_t out_max)
{
	struct xz_lzma2_state *s = &w->lz;
	size_t ip = 0, pos = *out_pos, dict = out_start;
	int ret = 0;

	s->need_dict_reset = true;
	s->need_props = true;
	s->lc = s->lp = s->pb = 0;

	for (;;) {
		size_t usize, csize;
		struct rc rc;
		u8 ctrl;

		if (ip >= in_len) {
			ret = -EPROTO;
			break;
		}
		ctrl = in[ip++];
		if (!ctrl)
			break;
		if (ctrl >= 0xe0 || ctrl == 0x01) {
			s->need_dict_reset = false;
			s->need_props = true;
			dict = pos;
		} else if (s->need_dict_reset || (ctrl > 0x02 && ctrl < 0x80)) {
			ret = -EPROTO;
			break;
		}

		if (ctrl < 0x80) {
			/* uncompressed chunk */
			if (in_len - ip < 2) {
				ret = -EPROTO;
				break;
			}
			usize = ((size_t)in[ip] << 8 | in[ip + 1]) + 1;
			ip += 2;
			if (usize > in_len - ip) {
				ret = -EPROTO;
				break;
			}
			if (usize > out_max - pos) {
				ret = -ENOSPC;
				break;
			}
			memcpy(out + pos, in + ip, usize);
			ip += usize;
			pos += usize;
			continue;
		}

		if (in_len - ip < 4) {
			ret = -EPROTO;
			break;
		}
		usize = ((size_t)(ctrl & 0x1f) << 16 | (size_t)in[ip] << 8 |
			 in[ip + 1]) + 1;
		csize = ((size_t)in[ip + 2] << 8 | in[ip + 3]) + 1;
		ip += 4;
		if (ctrl >= 0xc0) {
			if (ip >= in_len) {
				ret = -EPROTO;
				break;
			}
			ret = lzma_props(s, in[ip++]);
			if (ret)
				break;
			s->need_props = false;
		} else if (s->need_props) {
			ret = -EPROTO;
			break;
		}
		if (ctrl >= 0xa0)
			lzma_reset(w);
		if (csize > in_len - ip || csize < 5 || in[ip]) {
			ret = -EPROTO;
			break;
		}
		if (usize > out_max - pos) {
			ret = -ENOSPC;
			break;
		}

		rc.in = in + ip;
		rc.lim = csize;
		rc.range = 0xffffffffu;
		rc.code = (u32)in[ip + 1] << 24 | (u32)in[ip + 2] << 16 |
			  (u32)in[ip + 3] << 8 | in[ip + 4];
		rc.pos = 5;
		ret = lzma_chunk(w, &rc, out, dict, &pos, pos + usize);
		if (ret)
			break;
		if (rc.pos != csize || rc.code) {
			ret = -EPROTO;
			break;
		}
		ip += csize;
	}

	*in_used = ip;
	*out_pos = pos;
	return ret;
}
