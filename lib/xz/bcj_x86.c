// SPDX-License-Identifier: GPL-2.0
/*
 * The x86 BCJ filter of the .xz format, decoding side (include/tern/xz.h).
 *
 * The encoder turns the 32-bit relative operand of E8 (call) and E9
 * (jmp) opcodes into an absolute one (operand + position of the next
 * instruction), which compresses better; decoding subtracts it again.
 * Only operands whose high byte is 0x00 or 0xff (near targets) are
 * converted, and the filter guesses which E8/E9 bytes are opcodes from
 * the bytes before them:
 *  - u: bit k (k = 1..3) set when the byte k before the current E8/E9
 *    was an E8/E9 the filter left alone (an "unconverted opcode");
 *  - f: bit k set when that unconverted opcode's fifth byte (its would-be
 *    operand high byte) was 0x00 or 0xff.
 * An E8/E9 at p (with p + 5 <= len) is converted when its fifth byte is
 * 0x00/0xff, f is empty and u has at most one bit; after a conversion
 * the scan resumes at p + 5 with empty history, otherwise at p + 1.
 *
 * With one bit k in u, the earlier opcode's fifth byte is byte 3 - k of
 * this operand. If, after the subtraction, that byte of the result is
 * 0x00/0xff, the encoder had complemented the bits below it, so they are
 * complemented and the subtraction is redone. The earlier opcode was
 * left alone with that byte not 0x00/0xff (else f would be set), and
 * redoing the step gives exactly the complement of that byte back, so
 * one redo is all there ever is: the loop other implementations write
 * for it is bounded by two rounds.
 *
 * Positions are taken modulo 2^32 from the filter's start offset, and
 * the scan is bounded by len - 4, one pass, no state kept between calls
 * (lib/xz filters a whole block at once).
 */
#include <tern/xz.h>

static inline bool is_0_or_ff(u32 b)
{
	return b == 0 || b == 0xff;
}

void xz_bcj_x86_decode(u8 *buf, size_t len, u32 start)
{
	size_t p = 0, last = 0;
	u32 u = 0, f = 0;
	bool seen = false;

	while (len >= 5 && p <= len - 5) {
		u32 op, dest, at;
		size_t d;

		if ((buf[p] & 0xfe) != 0xe8) {
			p++;
			continue;
		}
		d = seen ? p - last : 4;
		last = p;
		seen = true;
		if (d > 3) {
			u = 0;
			f = 0;
		} else {
			u = (u << d) & 0xe;
			f = (f << d) & 0xe;
		}

		if (!is_0_or_ff(buf[p + 4]) || f || (u & (u - 1))) {
			u |= 1;
			if (is_0_or_ff(buf[p + 4]))
				f |= 1;
			p++;
			continue;
		}

		op = (u32)buf[p + 1] | (u32)buf[p + 2] << 8 |
		     (u32)buf[p + 3] << 16 | (u32)buf[p + 4] << 24;
		at = start + (u32)p + 5;
		dest = op - at;
		if (u) {
			unsigned int k = u == 2 ? 1 : u == 4 ? 2 : 3;
			unsigned int sh = 24 - 8 * k;

			if (is_0_or_ff((dest >> sh) & 0xff))
				dest = (dest ^ ((1u << (sh + 8)) - 1)) - at;
		}
		buf[p + 1] = (u8)dest;
		buf[p + 2] = (u8)(dest >> 8);
		buf[p + 3] = (u8)(dest >> 16);
		buf[p + 4] = (dest & 0x01000000) ? 0xff : 0x00;
		p += 5;
		u = 0;
		f = 0;
	}
}
