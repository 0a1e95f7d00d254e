// SPDX-License-Identifier: GPL-2.0
/*
 * Checks of xenstore nodes other domains wrote (include/tern/xen/
 * xenbus_nodes.h). Pure: no xenstore access, no globals; every length
 * bounded by the caller's, every number range-checked before use.
 */
#include <tern/kernel.h>
#include <tern/string.h>
#include <tern/xen/xenbus_nodes.h>
#include <xen/io/blkif.h>

bool xenbus_id_ok(const char *id, size_t len, size_t max)
{
	size_t i;

	if (!len || len >= max)
		return false;
	for (i = 0; i < len; i++)
		if (id[i] < '0' || id[i] > '9')
			return false;
	return true;
}

bool xenbus_backend_path_ok(const char *p, size_t len, size_t max)
{
	static const char prefix[] = "/local/domain/";
	size_t i;

	if (len >= max || len <= sizeof(prefix) - 1 ||
	    memcmp(p, prefix, sizeof(prefix) - 1))
		return false;
	for (i = 0; i < len; i++) {
		char c = p[i];

		if (c == '/') {
			if (i + 1 == len || p[i + 1] == '/')
				return false;	/* empty component */
			continue;
		}
		if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
		      (c >= '0' && c <= '9') || c == '-' || c == '_'))
			return false;
	}
	return true;
}

int blkif_check_backend(const struct blkif_backend_nodes *n,
			unsigned int our_max_ring_order,
			unsigned int our_max_segs, struct blkif_geometry *g,
			const char **why)
{
	u64 ssize = n->sector_size_given ? n->sector_size : 512;

	if (!n->sectors) {
		*why = "no sectors";
		return -EINVAL;
	}
	if (n->sectors > (~0ULL >> 9)) {
		*why = "capacity beyond 2^64 bytes";
		return -EINVAL;
	}
	if (ssize < 512 || ssize > 4096 || (ssize & (ssize - 1))) {
		*why = "sector-size not a power of two from 512 to 4096";
		return -EINVAL;
	}
	if (n->sectors % (ssize / 512)) {
		*why = "sectors not a whole number of logical blocks";
		return -EINVAL;
	}
	g->sectors = n->sectors;
	g->logical_block_size = (u32)ssize;
	g->read_only = n->info & (VDISK_READONLY | VDISK_CDROM);
	g->ring_order = 0;
	if (n->max_ring_order_given)
		g->ring_order = n->max_ring_order < our_max_ring_order ?
				(unsigned int)n->max_ring_order :
				our_max_ring_order;
	g->indirect = false;
	g->max_segs = BLKIF_MAX_SEGMENTS_PER_REQUEST;
	if (n->max_indirect_given &&
	    n->max_indirect > BLKIF_MAX_SEGMENTS_PER_REQUEST &&
	    our_max_segs > BLKIF_MAX_SEGMENTS_PER_REQUEST) {
		g->indirect = true;
		g->max_segs = n->max_indirect < our_max_segs ?
			      (unsigned int)n->max_indirect : our_max_segs;
	}
	return 0;
}

void blkif_disk_name(char *buf, size_t size, u64 vdevice)
{
	u64 disk;

	if (vdevice >> 32) {
		snprintf(buf, size, "xvd%llu", vdevice);
		return;
	}
	if (vdevice & (1u << 28))
		disk = (vdevice >> 8) & 0xfffff;
	else if ((vdevice >> 8) == 202)
		disk = (vdevice & 0xff) >> 4;
	else
		disk = vdevice & 0xffff;
	if (disk < 26)
		snprintf(buf, size, "xvd%c", (char)('a' + disk));
	else if (disk < 26 * 27)
		snprintf(buf, size, "xvd%c%c", (char)('a' + disk / 26 - 1),
			 (char)('a' + disk % 26));
	else
		snprintf(buf, size, "xvd%llu", disk);
}
