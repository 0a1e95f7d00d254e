/* SPDX-License-Identifier: GPL-2.0 */
/*
 * One xl disk specification (an entry of a config's `disk = [...]`), as
 * xl 4.17 reads it: the grammar of xl-disk-configuration(5), with the
 * meaning libxlu's lexer (tools/libs/util/libxlu_disk_l.l), its
 * xlu_disk_parse() and libxl's defaults give it; and a vdev's xenstore
 * device number as xen-vbd-interface(7) (docs/misc/vbd-interface)
 * encodes it.
 *
 * Why a lexer mirror: xl's grammar is a flex scanner whose rules overlap
 * (the longest match wins, then the earliest rule; trailing context
 * counts in the length), and that decides corner cases no prose states:
 * "cdrom,x" is the cdrom flag then a target, "cdrom x" is one target,
 * "phy:/d,xvda" is a prefix but "foo:bar" a target. lib/xl_disk.c
 * computes every rule's match at each position and picks as flex does,
 * so a spec is read exactly as xl reads it.
 *
 * Grammar, in short (the man page and Documentation/xl-disk.md have the
 * rest): comma-separated parts; blanks (space, tab, newline) before a
 * part are skipped, the rest of a part is kept as written. A part is
 *  - a flag: cdrom, discard, no-discard, direct-io-safe, colo, no-colo,
 *    trusted, untrusted;
 *  - key=value, the value up to the next comma: format, devtype, access,
 *    backend, backendtype, specification, vdev, script, colo-host,
 *    colo-port, colo-export, active-disk, hidden-disk; or target=, whose
 *    value is the rest of the line (commas too; one trailing comma is
 *    dropped), so it comes last;
 *  - a legacy prefix before a target: raw: qcow: qcow2: vhd: (a format),
 *    iscsi: nbd: enbd: drbd: (script=block-NAME), tapdisk: tap: tap2:
 *    aio: ioemu: file: phy: (ignored; several may be chained, as in
 *    tap:aio:);
 *  - else positional: target, format, vdev, access in that order, each
 *    slot skipped when a key already filled it (format's slot too after a
 *    legacy prefix); "VDEV:cdrom"/"VDEV:disk" in the vdev slot, or in the
 *    format slot after an empty target, is the legacy devtype suffix.
 * Each of target, vdev, backend, script may be given once (an empty one
 * may be given again); format, backendtype, specification again only
 * with the same value; access and flags as often as wanted, the last
 * wins. An '=' elsewhere is "bad disk syntax"; an unknown key or prefix
 * is an error.
 *
 * What Tern supports (anything else is an error naming it, reported
 * after the syntax, as xl's own errors come first):
 *  format raw (also empty, the default); devtype disk (a cdrom, empty or
 *  not, is refused); backendtype unset or phy; specification unset or
 *  xen; backend unset, empty, all zeros or "Domain-0" (dom0 serves the
 *  disk); no script (Tern runs no hotplug scripts); no COLO; a non-empty
 *  target; a vdev xl_vdev_to_devid() takes.
 *
 * Deliberately stricter than xl (each a libxl quirk, refused here): an
 * empty vdev (libxl's strtoul() makes it device 0), "xvd", "hd", "sd"
 * without a letter (libxl computes a negative or hdb's number), partition
 * numbers with a sign or blanks ("xvda+1"), d<N>p<M> numbers that are not
 * plain decimal ("d0x1p2", "d01p0": sscanf's %i), and a vdev of
 * XL_VDEV_MAX bytes or more (only zero-padded numbers are that long).
 * The same device number from the d<N>p<M> form never differs from xl's.
 *
 * Invariants: the spec is read up to its NUL but at most XL_DISK_SPEC_MAX
 * bytes (longer is an error); nothing is written outside *out and
 * err[0, errlen); every field is copied with its length checked; the work
 * is linear in the length of the spec (each rule's match is computed in
 * one pass, a bounded number of rules per part). Pure code: no
 * allocation, no globals.
 */
#ifndef _TERN_XL_DISK_H
#define _TERN_XL_DISK_H

#include <tern/types.h>
#include <tern/xlcfg.h>

#define XL_DISK_SPEC_MAX	XL_DEV_SPEC_MAX	/* with the NUL */
#define XL_VDEV_MAX		16		/* with the NUL */
#define XL_DISK_ERR_MAX		160		/* enough for any message */

/*
 * The xenstore values libxl writes that are fixed in what Tern supports:
 * backend "type", "device-type" (front and back), "specification",
 * "removable", "bootable".
 */
#define XL_DISK_BACKEND_TYPE	"phy"
#define XL_DISK_DEVICE_TYPE	"disk"
#define XL_DISK_SPECIFICATION	"xen"

/*
 * A parsed disk. After a success every string is NUL-terminated and the
 * bytes after it are zero.
 */
struct xl_disk {
	char target[XL_PATH_MAX];	/* "params": as written, no prefix */
	char vdev[XL_VDEV_MAX];		/* "dev": as written */
	u32 devid;			/* "virtual-device", from vdev */
	bool readonly;			/* "mode": "r" or "w" */
	bool discard_set;		/* discard or no-discard given */
	bool discard;			/* "discard-enable"; default !readonly */
	bool direct_io_safe;		/* "direct-io-safe" = "1" when set */
	bool trusted;			/* front "trusted"; default true */
};

/*
 * Parse spec (NUL-terminated) into *out. Returns 0, or -EINVAL with a
 * message in err (errlen bytes, NUL-terminated if errlen > 0; err may be
 * NULL): printable ASCII, spec text only as a quoted excerpt of at most
 * 40 bytes with every non-printable byte and backquote made '?', and the
 * column (byte from 1) it starts at. *out is unspecified after an error.
 */
int xl_disk_parse(const char *spec, struct xl_disk *out, char *err,
		  size_t errlen);

/*
 * The xenstore device number of a vdev (NUL-terminated), per
 * xen-vbd-interface(7):
 *   xvd<L>[<P>], d<D>p<P>   disk D (the letters L in bijective base 26:
 *                           a=0, z=25, aa=26) 0..2^20-1, partition P
 *                           0..255: 202 << 8 | D << 4 | P when both are
 *                           at most 15, else 1 << 28 | D << 8 | P
 *   sd<L>[<P>]              disk 0..15 (sda..sdp), partition 0..15:
 *                           8 << 8 | D << 4 | P
 *   hd<L>[<P>]              disk 0..3 (hda..hdd), partition 0..63:
 *                           hda, hdb 3 << 8 | D << 6 | P; hdc, hdd
 *                           22 << 8 | (D - 2) << 6 | P
 *   a number                decimal, 0x hex or 0 octal, 0..2^31-1,
 *                           written as it is (the legacy form)
 * A partition is written without leading zeros ("xvda0" is refused, as
 * by libxl; no partition is partition 0, the whole disk). "d<D>" without
 * p<P> is refused as libxl does, though the doc lists it. Returns 0 with
 * *devid set, or -EINVAL.
 */
int xl_vdev_to_devid(const char *vdev, u32 *devid);

#endif
