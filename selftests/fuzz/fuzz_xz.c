// SPDX-License-Identifier: GPL-2.0
/*
 * Fuzz the .xz decoder (lib/xz, include/tern/xz.h), with Debian's
 * liblzma as the independent model. Byte 0 of the input picks the mode
 * (byte 0 % 3):
 *
 *   0  raw: out_max = LE16(bytes 1-2) * 8, the rest is given to
 *      xz_decode() as is
 *   1  differential: byte 1 configures liblzma (bit 0 x86 BCJ, bits 1-2
 *      check none/CRC32/CRC64/CRC32, bits 3-4 preset 0-3, bit 5 lc 0 lp
 *      4 pb 0 instead of the preset's, bit 6 a 4 KiB dictionary instead
 *      of 64 KiB), the rest (at most 128 KiB) is the plaintext it
 *      compresses; xz_decode() must give it back exactly
 *   2  mutation: byte 1 configures liblzma as in mode 1, bytes 2-3 are
 *      a seed and a length (1 .. 8 KiB) for a generated pseudo-x86
 *      plaintext, and the rest are (LE16 offset, xor byte) triples
 *      applied to the compressed stream (offsets modulo its length)
 *
 * Invariants (every mode): the return value is a byte count <= out_max
 * or one of the documented errors; in_used is 0 on error and on success
 * a multiple of 4, at least 24 and at most in_len; a success repeats
 * with out_max equal to the count, and with one byte less gives -ENOSPC;
 * when liblzma (memory limit 64 MiB) also decodes the input, the bytes
 * and the stream length agree; when liblzma decodes it and we do not,
 * ours must be -EOPNOTSUPP (SHA-256, other filters and checks). Output
 * and input are heap objects of exactly their size, so ASan reports any
 * access outside them.
 */
#include <lzma.h>
#include <tern/xz.h>

#include "fuzz.h"

#define PLAIN_MAX	(128 * 1024)

static struct xz_work *w;

/* liblzma's decoding of one stream: its length or -1. */
static long ref_decode(const u8 *in, size_t n, u8 *out, size_t out_max,
		       size_t *in_used)
{
	uint64_t memlimit = 64 << 20;
	size_t ip = 0, op = 0;

	if (lzma_stream_buffer_decode(&memlimit, 0, NULL, in, &ip, n, out, &op,
				      out_max) != LZMA_OK)
		return -1;
	*in_used = ip;
	return (long)op;
}

/* Decode in[0..n) with every invariant; returns xz_decode's result. */
static long check_decode(const u8 *in, size_t n, size_t out_max,
			 u8 **outp)
{
	u8 *copy = malloc(n ? n : 1), *out = malloc(out_max ? out_max : 1);
	u8 *ref = malloc(out_max ? out_max : 1);
	size_t used = 1, ref_used = 0, used2;
	long r, r2, rr;

	FUZZ_CHECK(copy && out && ref);
	memcpy(copy, in, n);
	r = xz_decode(copy, n, &used, out, out_max, w);
	FUZZ_CHECK(r == -EINVAL || r == -ENOSPC || r == -EPROTO ||
		   r == -EOPNOTSUPP || (r >= 0 && (size_t)r <= out_max));
	if (r < 0) {
		FUZZ_CHECK(used == 0);
	} else {
		FUZZ_CHECK(used >= 24 && used <= n && !(used & 3));
		/* the same with exactly the room it needs, then one less */
		r2 = xz_decode(copy, n, &used2, out, (size_t)r, w);
		FUZZ_CHECK(r2 == r && used2 == used);
		if (r)
			FUZZ_CHECK(xz_decode(copy, n, NULL, out, (size_t)r - 1,
					     w) == -ENOSPC);
	}

	rr = ref_decode(copy, n, ref, out_max, &ref_used);
	if (rr >= 0 && r >= 0) {
		FUZZ_CHECK(rr == r && ref_used == used);
		FUZZ_CHECK(!memcmp(out, ref, (size_t)r));
	} else if (rr >= 0) {
		FUZZ_CHECK(r == -EOPNOTSUPP);
	}
	free(copy);
	free(ref);
	if (outp)
		*outp = out;
	else
		free(out);
	return r;
}

/* liblzma compresses plain[0..n) as configured by cfg. */
static u8 *compress(u8 cfg, const u8 *plain, size_t n, size_t *len)
{
	static const lzma_check checks[] = { LZMA_CHECK_NONE,
					     LZMA_CHECK_CRC32,
					     LZMA_CHECK_CRC64,
					     LZMA_CHECK_CRC32 };
	lzma_options_lzma lz;
	lzma_filter f[3] = { { 0 } };
	size_t cap = lzma_stream_buffer_bound(n), pos = 0, i = 0;
	u8 *out = malloc(cap);

	FUZZ_CHECK(out && !lzma_lzma_preset(&lz, (cfg >> 3) & 3));
	lz.dict_size = cfg & 0x40 ? 4096 : 65536;
	if (cfg & 0x20) {
		lz.lc = 0;
		lz.lp = 4;
		lz.pb = 0;
	}
	if (cfg & 1)
		f[i++].id = LZMA_FILTER_X86;
	f[i].id = LZMA_FILTER_LZMA2;
	f[i++].options = &lz;
	f[i].id = LZMA_VLI_UNKNOWN;
	FUZZ_CHECK(lzma_stream_buffer_encode(f, checks[(cfg >> 1) & 3], NULL,
					     plain, n, out, &pos, cap) ==
		   LZMA_OK);
	*len = pos;
	return out;
}

static void differential(const u8 *data, size_t size)
{
	size_t n = size - 2 < PLAIN_MAX ? size - 2 : PLAIN_MAX, len;
	u8 *xz = compress(data[1], data + 2, n, &len), *out;
	long r = check_decode(xz, len, n, &out);

	FUZZ_CHECK(r == (long)n);
	FUZZ_CHECK(!memcmp(out, data + 2, n));
	free(out);
	free(xz);
}

static void mutation(const u8 *data, size_t size)
{
	size_t n = 1 + (size_t)data[3] * 32, len, i;
	u64 s = data[2] * 0x9e3779b97f4a7c15ull + 1;
	u8 *plain = malloc(n), *xz;

	FUZZ_CHECK(plain);
	/* pseudo-x86: E8/E9 with near operands among other bytes */
	for (i = 0; i < n; i++) {
		s ^= s << 13;
		s ^= s >> 7;
		s ^= s << 17;
		plain[i] = (s & 0x300) ? (u8)(s >> 24) & 0x0f :
			   (u8)(0xe8 + (s & 1));
	}
	xz = compress(data[1], plain, n, &len);
	for (i = 4; i + 3 <= size; i += 3)
		xz[(data[i] | (size_t)data[i + 1] << 8) % len] ^= data[i + 2];
	check_decode(xz, len, n, NULL);
	free(xz);
	free(plain);
}

int LLVMFuzzerTestOneInput(const u8 *data, size_t size)
{
	if (!w) {
		w = malloc(sizeof(*w));
		FUZZ_CHECK(w);
	}
	if (size < 4)
		return 0;
	switch (data[0] % 3) {
	case 0:
		check_decode(data + 3, size - 3,
			     (data[1] | (size_t)data[2] << 8) * 8, NULL);
		break;
	case 1:
		differential(data, size);
		break;
	default:
		mutation(data, size);
		break;
	}
	return 0;
}
