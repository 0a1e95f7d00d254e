/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Linux x86 bzImage parsing (lib/xz/bzimage.c): find the compressed
 * kernel (the "payload") through the boot protocol's setup header and
 * unpack it when it is XZ. Debian 12's amd64 and rt-amd64 kernels are
 * XZ (a 6.1 vmlinuz: 8 MiB of payload, 63 MiB of vmlinux); its
 * cloud-amd64 kernels are LZ4, which bzimage_parse() names but this
 * code does not unpack.
 *
 * Image layout: the real-mode setup, (setup_sects + 1) sectors of 512
 * bytes (setup_sects 0 means 4), whose sector 0 carries the setup header
 * from offset 0x1f1; then the protected-mode part, which holds the
 * payload at payload_offset (from the start of that part) for
 * payload_length bytes (boot protocol 2.08 and later). The payload is a
 * compressed stream followed by the uncompressed length as 4 bytes
 * little endian (Linux appends it for every format); uncompressed it is
 * the vmlinux ELF image, which the caller loads.
 *
 * What bzimage_parse() checks (-EINVAL otherwise): boot flag 0xaa55 at
 * 0x1fe, "HdrS" at 0x202, version >= 2.08, LOADED_HIGH in loadflags (a
 * bzImage), the setup inside the file with at least one byte after it,
 * the payload (of at least 4 + 1 bytes) inside the protected-mode part,
 * a non-zero appended size and, from version 2.10, the appended size at
 * most init_size (the memory the kernel says it needs to boot, which
 * covers its decompressed image) and init_size not 0.
 */
#ifndef _TERN_BZIMAGE_H
#define _TERN_BZIMAGE_H

#include <tern/types.h>

struct xz_work;

/* Setup header fields (offsets in the image). */
#define BZIMAGE_SETUP_SECTS	0x1f1
#define BZIMAGE_BOOT_FLAG	0x1fe
#define BZIMAGE_HEADER		0x202
#define BZIMAGE_VERSION		0x206
#define BZIMAGE_LOADFLAGS	0x211
#define BZIMAGE_KERNEL_ALIGN	0x230
#define BZIMAGE_XLOADFLAGS	0x236
#define BZIMAGE_PAYLOAD_OFFSET	0x248
#define BZIMAGE_PAYLOAD_LENGTH	0x24c
#define BZIMAGE_PREF_ADDRESS	0x258
#define BZIMAGE_INIT_SIZE	0x260
#define BZIMAGE_HDR_END		0x264	/* the fields used here end before */

#define BZIMAGE_BOOT_FLAG_MAGIC	0xaa55
#define BZIMAGE_HDRS_MAGIC	0x53726448	/* "HdrS" little endian */
#define BZIMAGE_LOADED_HIGH	0x01
#define BZIMAGE_MIN_VERSION	0x0208

enum bzimage_comp {
	BZIMAGE_COMP_UNKNOWN,
	BZIMAGE_COMP_XZ,
	BZIMAGE_COMP_GZIP,
	BZIMAGE_COMP_BZIP2,
	BZIMAGE_COMP_LZMA,
	BZIMAGE_COMP_LZO,
	BZIMAGE_COMP_LZ4,
	BZIMAGE_COMP_ZSTD,
};

struct bzimage_info {
	u16 version;		/* boot protocol, e.g. 0x020f */
	u8 setup_sects;		/* as used: 0 in the header reads as 4 */
	u8 loadflags;
	u16 xloadflags;		/* 0 before 2.12 */
	u32 kernel_alignment;
	u64 pref_address;	/* 0 before 2.10 */
	u32 init_size;		/* 0 before 2.10 */
	size_t pm_offset;	/* protected-mode part: img + pm_offset */
	const u8 *payload;	/* compressed stream + 4-byte size */
	size_t payload_len;
	enum bzimage_comp comp;
	const char *comp_name;	/* "xz", "gzip", ..., "unknown" */
	u32 uncompressed_size;	/* the appended size */
};

/*
 * Parse and check the setup header of img[0..len) into *bi. Returns 0
 * for an XZ payload; -EOPNOTSUPP for a payload in another format Linux
 * uses (gzip, bzip2, lzma, lzo, lz4, zstd: bi->comp_name names it, so
 * the caller can say "gzip payload not supported"); -EINVAL for a bad
 * header or a payload in no known format (comp_name "unknown"). *bi is
 * filled as far as the header was valid (on -EOPNOTSUPP, entirely).
 */
int bzimage_parse(const u8 *img, size_t len, struct bzimage_info *bi);

/*
 * Unpack the XZ payload of the bzImage img[0..len) into out[0..out_max)
 * with xz_decode() (w: its work area). Returns the length of the vmlinux
 * ELF image written, or bzimage_parse()'s error, -ENOSPC when the
 * appended size exceeds out_max, xz_decode()'s error, or -EPROTO when
 * the stream holds more or fewer bytes than the appended size or
 * anything but stream padding (zeros, a multiple of four bytes) follows
 * the stream inside the payload.
 */
long bzimage_decompress(const u8 *img, size_t len, u8 *out, size_t out_max,
			struct xz_work *w);

#endif
