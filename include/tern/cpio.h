/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Reading a cpio archive in the "newc" format, as `cpio -o -H newc` and
 * `cpio -o -H crc` write it (and as Linux's initramfs uses it): the boot
 * module a Xen dom0 gets holds guest kernels, ramdisks and xl configs.
 *
 * Each entry is a 110-byte ASCII header, "070701" (or "070702": the crc
 * variant) then 13 fields of 8 hex digits (ino, mode, uid, gid, nlink,
 * mtime, filesize, devmajor, devminor, rdevmajor, rdevminor, namesize,
 * check), the name (namesize bytes with its NUL), zero padding to a
 * multiple of 4 bytes from the start of the archive, the file data
 * (filesize bytes; a symlink's data is its target) and zero padding to a
 * multiple of 4 again. The entry named "TRAILER!!!" ends the archive;
 * whatever follows it (cpio pads to 512 bytes) is not read.
 *
 * The archive is hostile input. Every header field is checked before it
 * is used, every entry must lie inside [a, a + len), and the work is
 * linear in len: an entry takes at least 112 bytes, cpio_next() looks at
 * each byte a bounded number of times and cpio_find() makes at most
 * CPIO_SYMLINK_DEPTH + 2 passes.
 *
 * Names are normalized: leading "/" and "./" go, empty and "."
 * components go ("a//./b" is "a/b"); a ".." component is an error; the
 * archive's root ("." as `find . | cpio -o` writes it) is "". The same
 * name given twice means the later entry replaces the earlier one, as
 * when the kernel unpacks an initramfs.
 */
#ifndef _TERN_CPIO_H
#define _TERN_CPIO_H

#include <tern/types.h>

#ifndef ENAMETOOLONG
#define ENAMETOOLONG	36
#endif
#ifndef ELOOP
#define ELOOP		40
#endif
#ifndef EBADMSG
#define EBADMSG		74
#endif

#define CPIO_HDR_LEN		110
/* a normalized name, its NUL included; longer names are -ENAMETOOLONG */
#define CPIO_NAME_MAX		512
/* symlinks cpio_find() follows in a row before it gives up (-ELOOP) */
#define CPIO_SYMLINK_DEPTH	8

enum cpio_type {
	CPIO_REG = 1,		/* regular file */
	CPIO_DIR,		/* directory: size 0 */
	CPIO_SYMLINK,		/* symbolic link: data is the target */
	CPIO_OTHER,		/* device, fifo or socket: size 0 */
};

struct cpio_entry {
	char name[CPIO_NAME_MAX];	/* normalized, NUL-terminated */
	enum cpio_type type;
	u32 mode;			/* st_mode: type and permissions */
	u32 ino, nlink, dev_major, dev_minor;
	const void *data;		/* inside the archive */
	size_t size;
	size_t offset;			/* of the header in the archive */
};

struct cpio_iter {
	const u8 *base;
	size_t len;
	size_t off;		/* of the next header */
	int state;		/* 0: more to read, 1: ended, < 0: error */
};

/* Start reading the archive [a, a + len). */
void cpio_iter_init(struct cpio_iter *it, const void *a, size_t len);

/*
 * Read the next entry into *e. Returns 1 (an entry), 0 (the trailer was
 * reached; *e is not written) or a negative errno; 0 and errors are
 * sticky (every later call returns the same). Errors:
 *   -E2BIG         the archive ends inside a header, name, data or
 *                  padding, or before a trailer (truncated);
 *   -EINVAL        bad magic, a field that is not 8 hex digits, name size
 *                  0, a name not NUL-terminated at namesize - 1 or with a
 *                  NUL inside it, a ".." component, non-zero padding, an
 *                  unknown file type or mode bits above 0177777, data on
 *                  a directory, device, fifo or socket, data on the
 *                  trailer;
 *   -ENAMETOOLONG  the normalized name needs more than CPIO_NAME_MAX;
 *   -EBADMSG       "070702": a regular file whose bytes do not sum (mod
 *                  2^32) to the check field (symlinks and others carry 0
 *                  there, which is not checked).
 */
int cpio_next(struct cpio_iter *it, struct cpio_entry *e);

/*
 * Find the file xl would open for path, with the archive as the root
 * directory: "/boot/vmlinuz", "boot/vmlinuz" and "./boot//vmlinuz" all
 * name the entry "boot/vmlinuz" (xl would resolve a relative path from
 * its working directory; here there is none but the archive's root). A
 * ".." component in path goes up one level ("/.." stays at the root).
 *
 * The last entry of that name wins. A symlink is followed: a relative
 * target from the link's directory, an absolute one from the archive's
 * root, at most CPIO_SYMLINK_DEPTH links in a row (then -ELOOP). Only
 * the last component is resolved that way: a directory symlink in the
 * middle of a path is not followed. A regular file that is a hard link
 * (nlink > 1) written without its data (cpio writes the data with the
 * last link only) gets the data of the last regular file with data, the
 * same ino and device, and nlink > 1 too.
 *
 * The whole archive is read each time, so any error in it (see
 * cpio_next()) is returned even after a match. On success *e is the
 * entry reached (its name is the final target's), and 0 is returned; the
 * caller checks e->type. Errors: those of cpio_next(), -ENOENT (no such
 * entry, or a dangling symlink), -ELOOP, -EINVAL (an empty symlink
 * target or one with a NUL byte), -ENAMETOOLONG (path of CPIO_NAME_MAX
 * bytes or more, or a resolved target too long).
 */
int cpio_find(const void *a, size_t len, const char *path,
	      struct cpio_entry *e);

#endif
