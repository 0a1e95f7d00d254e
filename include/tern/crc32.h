/* SPDX-License-Identifier: GPL-2.0 */
/*
 * CRC-32 of IEEE 802.3 (polynomial 0x04c11db7, reflected: 0xedb88320,
 * initial and final inversion), the one of zlib's crc32(), GPT, PNG and
 * Ethernet. lib/crc32.c; a table of 16 entries, a nibble at a time: small
 * and fast enough for labels. (The XZ decoder keeps its own sliced tables
 * for speed, in lib/xz/xz_dec.c.)
 */
#ifndef _TERN_CRC32_H
#define _TERN_CRC32_H

#include <tern/types.h>

/*
 * The CRC of buf[0..len) continuing from crc: start with 0, feed the
 * previous result to continue (crc32_ieee(crc32_ieee(0, a, n), b, m) is
 * the CRC of a followed by b). crc32_ieee(0, "123456789", 9) is
 * 0xcbf43926.
 */
u32 crc32_ieee(u32 crc, const void *buf, size_t len);

#endif
