// SPDX-License-Identifier: GPL-2.0
/*
 * bzImage setup header parsing and XZ payload unpacking
 * (include/tern/bzimage.h). The image is hostile input (whatever kernel
 * a user hands the dom0 toolstack): every offset and length is checked
 * in 64-bit arithmetic against the file before anything is read, and the
 * decompressor is bounded by the appended size and out_max.
 */
#include <tern/bzimage.h>
#include <tern/xz.h>
#include <tern/string.h>

static inline u16 get_le16(const u8 *p)
{
	return (u16)(p[0] | p[1] << 8);
}

static inline u32 get_le32(const u8 *p)
{
	return (u32)p[0] | (u32)p[1] << 8 | (u32)p[2] << 16 |
	       (u32)p[3] << 24;
}

/* Magic numbers of the formats Linux compresses its payload with. */
static const struct {
	enum bzimage_comp comp;
	const char *name;
	u8 len;
	u8 magic[6];
} bz_formats[] = {
	{ BZIMAGE_COMP_XZ, "xz", 6, { 0xfd, '7', 'z', 'X', 'Z', 0x00 } },
	{ BZIMAGE_COMP_GZIP, "gzip", 2, { 0x1f, 0x8b } },
	{ BZIMAGE_COMP_BZIP2, "bzip2", 3, { 'B', 'Z', 'h' } },
	{ BZIMAGE_COMP_LZMA, "lzma", 3, { 0x5d, 0x00, 0x00 } },
	{ BZIMAGE_COMP_LZO, "lzo", 4, { 0x89, 'L', 'Z', 'O' } },
	{ BZIMAGE_COMP_LZ4, "lz4", 4, { 0x02, 0x21, 0x4c, 0x18 } },
	{ BZIMAGE_COMP_ZSTD, "zstd", 4, { 0x28, 0xb5, 0x2f, 0xfd } },
};

static void detect_format(const u8 *p, size_t len, struct bzimage_info *bi)
{
	size_t i;

	bi->comp = BZIMAGE_COMP_UNKNOWN;
	bi->comp_name = "unknown";
	for (i = 0; i < ARRAY_SIZE(bz_formats); i++) {
		if (len >= bz_formats[i].len &&
		    !memcmp(p, bz_formats[i].magic, bz_formats[i].len)) {
			bi->comp = bz_formats[i].comp;
			bi->comp_name = bz_formats[i].name;
			return;
		}
	}
}

int bzimage_parse(const u8 *img, size_t len, struct bzimage_info *bi)
{
	u64 pm_len, poff, plen;
	size_t stream_len;

	memset(bi, 0, sizeof(*bi));
	bi->comp_name = "unknown";
	if (len < BZIMAGE_HDR_END ||
	    get_le16(img + BZIMAGE_BOOT_FLAG) != BZIMAGE_BOOT_FLAG_MAGIC ||
	    get_le32(img + BZIMAGE_HEADER) != BZIMAGE_HDRS_MAGIC)
		return -EINVAL;
	bi->version = get_le16(img + BZIMAGE_VERSION);
	if (bi->version < BZIMAGE_MIN_VERSION)
		return -EINVAL;
	bi->loadflags = img[BZIMAGE_LOADFLAGS];
	if (!(bi->loadflags & BZIMAGE_LOADED_HIGH))
		return -EINVAL;
	bi->kernel_alignment = get_le32(img + BZIMAGE_KERNEL_ALIGN);
	if (bi->version >= 0x020a) {
		bi->pref_address = get_le32(img + BZIMAGE_PREF_ADDRESS) |
			(u64)get_le32(img + BZIMAGE_PREF_ADDRESS + 4) << 32;
		bi->init_size = get_le32(img + BZIMAGE_INIT_SIZE);
		if (!bi->init_size)
			return -EINVAL;
	}
	if (bi->version >= 0x020c)
		bi->xloadflags = get_le16(img + BZIMAGE_XLOADFLAGS);

	bi->setup_sects = img[BZIMAGE_SETUP_SECTS] ? : 4;
	bi->pm_offset = ((size_t)bi->setup_sects + 1) * 512;
	if (bi->pm_offset >= len)
		return -EINVAL;
	pm_len = len - bi->pm_offset;

	poff = get_le32(img + BZIMAGE_PAYLOAD_OFFSET);
	plen = get_le32(img + BZIMAGE_PAYLOAD_LENGTH);
	if (plen <= 4 || poff > pm_len || plen > pm_len - poff)
		return -EINVAL;
	bi->payload = img + bi->pm_offset + poff;
	bi->payload_len = plen;
	stream_len = plen - 4;
	bi->uncompressed_size = get_le32(bi->payload + stream_len);

	detect_format(bi->payload, stream_len, bi);
	if (bi->comp == BZIMAGE_COMP_UNKNOWN || !bi->uncompressed_size ||
	    (bi->init_size && bi->uncompressed_size > bi->init_size))
		return -EINVAL;
	if (bi->comp != BZIMAGE_COMP_XZ)
		return -EOPNOTSUPP;
	return 0;
}

long bzimage_decompress(const u8 *img, size_t len, u8 *out, size_t out_max,
			struct xz_work *w)
{
	struct bzimage_info bi;
	size_t stream_len, used, i;
	long n;
	int ret;

	ret = bzimage_parse(img, len, &bi);
	if (ret)
		return ret;
	if (bi.uncompressed_size > out_max)
		return -ENOSPC;
	stream_len = bi.payload_len - 4;
	n = xz_decode(bi.payload, stream_len, &used, out, bi.uncompressed_size,
		      w);
	/* out_max is not the limit here: the appended size is */
	if (n == -ENOSPC)
		return -EPROTO;
	if (n < 0)
		return n;
	if ((size_t)n != bi.uncompressed_size || (stream_len - used) & 3)
		return -EPROTO;
	for (i = used; i < stream_len; i++)
		if (bi.payload[i])
			return -EPROTO;
	return n;
}
