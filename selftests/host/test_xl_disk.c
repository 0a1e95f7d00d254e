// SPDX-License-Identifier: GPL-2.0
/*
 * Host tests for lib/xl_disk.c: the specs of xl-disk-configuration(5) and
 * of Xen's tools/xl/check-xl-disk-parse (4.17) with the outcome xl gives
 * them (then Tern's verdict on what it does not support), the corners of
 * libxlu's flex rules (longest match, whitespace, target=, prefixes,
 * positional slots, respecified values), each error, the messages'
 * hygiene, and vdev -> device number for every form of
 * xen-vbd-interface(7), each expected value worked out from the doc's
 * formulas (noted beside it).
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include <tern/xl_disk.h>

static struct xl_disk disk;
static char err[XL_DISK_ERR_MAX];

static int parse(const char *spec)
{
	memset(&disk, 0xa5, sizeof(disk));
	memset(err, 'x', sizeof(err));
	return xl_disk_parse(spec, &disk, err, sizeof(err));
}

/* s ends within size bytes, and zeros fill the rest (size <= 256) */
static bool zero_after(const char *s, size_t size)
{
	static const char zeros[XL_PATH_MAX];
	size_t n = strnlen(s, size);

	return n < size && !memcmp(s + n, zeros, size - n);
}

/* spec parses into target, vdev, devid, readonly */
static void ok(const char *spec, const char *target, const char *vdev,
	       u32 devid, bool ro)
{
	if (parse(spec)) {
		fprintf(stderr, "spec `%s`: %s\n", spec, err);
		fail();
	}
	assert_string_equal(disk.target, target);
	assert_string_equal(disk.vdev, vdev);
	assert_int_equal(disk.devid, devid);
	assert_int_equal(disk.readonly, ro);
	assert_true(zero_after(disk.target, sizeof(disk.target)));
	assert_true(zero_after(disk.vdev, sizeof(disk.vdev)));
	assert_string_equal(err, "");
}

/* spec is refused with msg in the message */
static void bad(const char *spec, const char *msg)
{
	size_t i;

	if (parse(spec) != -EINVAL || !strstr(err, msg)) {
		fprintf(stderr, "spec `%s`: wanted `%s`, got `%s`\n", spec,
			msg, err);
		fail();
	}
	for (i = 0; err[i]; i++)
		assert_true(err[i] >= 0x20 && err[i] < 0x7f);
}

#define XVDA	51712		/* 202 << 8 */
#define XVDB	51728		/* 202 << 8 | 1 << 4 */
#define HDA	768		/* 3 << 8 */
#define HDC	5632		/* 22 << 8 */

/* xl-disk-configuration(5): its two groups of equivalent specs */
static void man_page(void **state)
{
	static const char *const disks[] = {
		"/dev/vg/guest-volume,,hda",
		"/dev/vg/guest-volume,raw,hda,rw",
		"format=raw, vdev=hda, access=rw, target=/dev/vg/guest-volume",
		"raw:/dev/vg/guest-volume,hda,w",
	};
	static const char *const cdroms[] = {
		"/root/image.iso,,hdc,cdrom",
		"/root/image.iso,,hdc,,cdrom",
		"/root/image.iso,raw,hdc,devtype=cdrom",
		"format=raw, vdev=hdc, access=ro, devtype=cdrom, target=/root/image.iso",
		"raw:/root/image.iso,hdc:cdrom,ro",
		/* the empty cdrom of xend: ",<vdev>:<devtype>,<access>" */
		",hdc:cdrom,r",
	};
	size_t i;

	for (i = 0; i < ARRAY_SIZE(disks); i++) {
		ok(disks[i], "/dev/vg/guest-volume", "hda", HDA, false);
		assert_false(disk.discard_set);
		assert_true(disk.discard);	/* libxl: readwrite */
		assert_true(disk.trusted);
		assert_false(disk.direct_io_safe);
	}
	for (i = 0; i < ARRAY_SIZE(cdroms); i++)
		bad(cdroms[i], "devtype cdrom is not supported");
}

/* Xen 4.17's tools/xl/check-xl-disk-parse, one spec string each */
static void xen_check_xl_disk_parse(void **state)
{
	/* xl: "no vdev specified" */
	bad("foo", "no vdev specified");
	ok("backendtype=phy,vdev=xvdb,access=w,target=/dev/vg/guest-volume",
	   "/dev/vg/guest-volume", "xvdb", XVDB, false);
	/* empty cdroms: xl takes them, Tern has no cdrom */
	bad("devtype=cdrom,,,hdc", "devtype cdrom");
	bad(",,hdc:cdrom,r", "devtype cdrom");
	bad("vdev=hdc,access=r,devtype=cdrom,target=", "devtype cdrom");
	bad(",empty,hdc:cdrom,r", "devtype cdrom");
	bad("vdev=hdc,access=r,devtype=cdrom,format=empty", "devtype cdrom");
	bad("vdev=hdc,access=r,devtype=cdrom", "devtype cdrom");
	/* scripts: xl takes them, Tern runs none */
	bad("iscsi:iqn.2001-05.com.equallogic:0-8a0906-23fe93404-c82797962054a96d-examplehost,xvda,w",
	    "a script prefix is not supported");
	bad("vdev=xvda,access=w,script=block-iscsi,target=iqn.2001-05.com.equallogic:0-8a0906-23fe93404-c82797962054a96d-examplehost",
	    "script= is not supported");
	bad("drbd:app01,hda,w", "Tern runs no hotplug scripts");
	/* the test passes several specs as xl arguments; joined by commas */
	ok("discard,vdev=hda,target=/some/disk/image.raw",
	   "/some/disk/image.raw", "hda", HDA, false);
	assert_true(disk.discard_set && disk.discard);
	bad("cdrom,no-discard,vdev=hda,target=/some/disk/image.iso",
	    "devtype cdrom");
	ok("trusted,vdev=hda,target=/some/disk/image.raw",
	   "/some/disk/image.raw", "hda", HDA, false);
	assert_true(disk.trusted);
	ok("untrusted,vdev=hda,target=/some/disk/image.raw",
	   "/some/disk/image.raw", "hda", HDA, false);
	assert_false(disk.trusted);
	/*
	 * ... but blanks do not separate parts: format='s value runs to the
	 * next comma, so this is one unknown format in a single string.
	 */
	bad("format=raw  vdev=hda  access=rw  target=/dev/vg/guest-volume",
	    "unknown value for format");
}

/* what users write */
static void real_world(void **state)
{
	ok("phy:/dev/nvme0n1p2,xvda,w", "/dev/nvme0n1p2", "xvda", XVDA,
	   false);
	ok("format=raw, vdev=xvdb, access=ro, target=/images/data.img",
	   "/images/data.img", "xvdb", XVDB, true);
	assert_false(disk.discard_set);
	assert_false(disk.discard);	/* libxl: readwrite */
	ok("phy:/dev/vg0/web01-disk,xvda1,w", "/dev/vg0/web01-disk",
	   "xvda1", 51713, false);	/* 202 << 8 | 1 */
	ok("phy:/dev/vg0/web01-swap,xvda2,w", "/dev/vg0/web01-swap",
	   "xvda2", 51714, false);
	ok("file:/srv/xen/disk.img,xvda,w", "/srv/xen/disk.img", "xvda",
	   XVDA, false);
	ok("file:/srv/xen/ro.img,xvdb,r", "/srv/xen/ro.img", "xvdb", XVDB,
	   true);
	ok("tap:aio:/srv/xen/disk.img,xvda,w", "/srv/xen/disk.img", "xvda",
	   XVDA, false);
	ok("tapdisk:aio:/srv/a.img,xvda,w", "/srv/a.img", "xvda", XVDA, false);
	ok("tap2:tapdisk:aio:/srv/a.img,xvda,w", "/srv/a.img", "xvda", XVDA,
	   false);
	ok("ioemu:/dev/sdb,hda,w", "/dev/sdb", "hda", HDA, false);
	ok("/dev/vg/guest-volume,raw,xvda,rw", "/dev/vg/guest-volume", "xvda",
	   XVDA, false);
	ok("/dev/sdb,,hdc", "/dev/sdb", "hdc", HDC, false);
	ok("vdev=xvda, target=/images/with,comma and space ",
	   "/images/with,comma and space ", "xvda", XVDA, false);
	ok("phy:/dev/mapper/vg-root,sda1,w", "/dev/mapper/vg-root", "sda1",
	   2049, false);		/* 8 << 8 | 1 */
	ok("/dev/loop0,,51712", "/dev/loop0", "51712", XVDA, false);
	ok("direct-io-safe, /x, raw, xvda", "/x", "xvda", XVDA, false);
	assert_true(disk.direct_io_safe);
	ok("no-discard,/x,,xvda", "/x", "xvda", XVDA, false);
	assert_true(disk.discard_set);
	assert_false(disk.discard);
	ok("/x,,xvda,ro,discard", "/x", "xvda", XVDA, true);
	assert_true(disk.discard_set && disk.discard);
}

/* keys, flags and what Tern supports of them */
static void keys(void **state)
{
	ok("format=,vdev=xvda,target=/x", "/x", "xvda", XVDA, false);
	bad("format=qcow2,vdev=xvda,target=/x", "format qcow2 is not supported");
	bad("format=qcow,vdev=xvda,target=/x", "format qcow is not supported");
	bad("format=vhd,vdev=xvda,target=/x", "format vhd is not supported");
	bad("format=qed,vdev=xvda,target=/x", "format qed is not supported");
	bad("format=empty,vdev=xvda,target=/x", "format empty is not supported");
	bad("format=iso,vdev=xvda,target=/x", "unknown value for format");
	bad("format=raw,format=qcow2,vdev=xvda,target=/x", "format respecified");
	ok("format=raw,format=raw,vdev=xvda,target=/x", "/x", "xvda", XVDA,
	   false);

	ok("devtype=disk,/x,,xvda", "/x", "xvda", XVDA, false);
	ok("cdrom,devtype=disk,/x,,xvda", "/x", "xvda", XVDA, false);
	bad("devtype=floppy,/x,,xvda", "unknown value for type");
	bad("devtype=cdromx,/x,,xvda", "unknown value for type");
	bad("devtype=,/x,,xvda", "unknown value for type");

	ok("access=r,/x,,xvda", "/x", "xvda", XVDA, true);
	ok("access=ro,/x,,xvda", "/x", "xvda", XVDA, true);
	ok("access=w,/x,,xvda", "/x", "xvda", XVDA, false);
	ok("access=rw,/x,,xvda", "/x", "xvda", XVDA, false);
	ok("access=,/x,,xvda", "/x", "xvda", XVDA, false);
	ok("access=w,/x,,xvda,r", "/x", "xvda", XVDA, true);	/* last wins */
	ok("/x,,xvda,ro,access=w", "/x", "xvda", XVDA, false);
	bad("access=rx,/x,,xvda", "unknown value for access");
	bad("/x,,xvda,RW", "unknown value for access");

	ok("backendtype=phy,/x,,xvda", "/x", "xvda", XVDA, false);
	bad("backendtype=qdisk,/x,,xvda", "backendtype qdisk is not supported");
	bad("backendtype=tap,/x,,xvda", "backendtype tap is not supported");
	bad("backendtype=standalone,/x,,xvda",
	    "backendtype standalone is not supported");
	bad("backendtype=nbd,/x,,xvda", "unknown value for backendtype");
	bad("backendtype=phy,backendtype=qdisk,/x,,xvda", "backend respecified");

	ok("backend=0,/x,,xvda", "/x", "xvda", XVDA, false);
	ok("backend=000,/x,,xvda", "/x", "xvda", XVDA, false);
	ok("backend=,/x,,xvda", "/x", "xvda", XVDA, false);
	ok("backend=Domain-0,/x,,xvda", "/x", "xvda", XVDA, false);
	bad("backend=1,/x,,xvda", "backend domain is not supported");
	bad("backend=storage-dom,/x,,xvda", "backend domain is not supported");
	bad("backend=0,backend=1,/x,,xvda", "backend respecified");

	ok("specification=xen,/x,,xvda", "/x", "xvda", XVDA, false);
	bad("specification=virtio,/x,,xvda",
	    "specification virtio is not supported");
	bad("specification=scsi,/x,,xvda", "unknown value for specification");

	bad("script=block-foo,/x,,xvda", "script= is not supported");
	bad("script=,/x,,xvda", "script= is not supported");
	bad("nbd:host:1234,xvda,w", "a script prefix");
	bad("enbd:host:1234,xvda,w", "a script prefix");
	bad("iscsi:t,script=x,xvda", "script respecified");

	ok("no-colo,/x,,xvda", "/x", "xvda", XVDA, false);
	bad("colo,/x,,xvda", "colo is not supported");
	bad("colo-host=h,/x,,xvda", "COLO parameters are not supported");
	bad("colo-port=1,/x,,xvda", "COLO parameters");
	bad("colo-export=e,/x,,xvda", "COLO parameters");
	bad("active-disk=a,/x,,xvda", "COLO parameters");
	bad("hidden-disk=h,/x,,xvda", "COLO parameters");

	/* not in xl 4.17 (grant_usage came in 4.19): "key=V" is unknown */
	bad("grant_usage=1,/x,,xvda", "bad disk syntax");
	bad("foo=bar,/x,,xvda", "unknown parameter");
	bad("no-such-key=1,/x,,xvda", "unknown parameter");
}

/* target= takes the rest of the line */
static void target_key(void **state)
{
	ok("vdev=xvda,target=/a,b,c", "/a,b,c", "xvda", XVDA, false);
	ok("vdev=xvda,target=/a/b,", "/a/b", "xvda", XVDA, false);
	ok("vdev=xvda,target=/a/b,,", "/a/b,", "xvda", XVDA, false);
	ok("vdev=xvda,target=/a=b", "/a=b", "xvda", XVDA, false);
	ok("vdev=xvda,target=/a:b", "/a:b", "xvda", XVDA, false);
	/* the target came positionally as "": it may come again */
	ok(",,xvda,w,target=/x", "/x", "xvda", XVDA, false);
	bad("/y,,xvda,w,target=/x", "target respecified");
	/* vdev=... inside target= is part of the target */
	bad("target=/x,vdev=xvda", "no vdev specified");
	/* ".*" stops at a newline; what follows is parsed again */
	ok("vdev=xvda,target=/x\n,w", "/x", "xvda", XVDA, false);
	bad("vdev=xvda,target=", "an empty target is not supported");
	bad(",,xvda", "an empty target is not supported");
	bad("vdev=xvda", "no target specified");
}

/* the legacy prefixes and vdev:devtype suffixes */
static void legacy(void **state)
{
	ok("phy:phy:/x,xvda,w", "/x", "xvda", XVDA, false);
	ok("aio:/x,xvda", "/x", "xvda", XVDA, false);
	ok("raw:/x,xvda:disk,w", "/x", "xvda", XVDA, false);
	ok("/x,,xvda:disk", "/x", "xvda", XVDA, false);
	bad("/x,,xvda:cdrom", "devtype cdrom");
	bad("/x,,xvda:floppy", "unknown deprecated type");
	bad("qcow2:/x,xvda,w", "format qcow2 is not supported");
	bad("qcow:/x,xvda,w", "format qcow is not supported");
	bad("vhd:/x,xvda,w", "format vhd is not supported");
	bad("tap:qcow2:/x,xvda,w", "format qcow2 is not supported");
	bad("raw:qcow2:/x,xvda,w", "format respecified");
	/* after a prefix the second part is the vdev, the third access */
	bad("raw:/x,raw,xvda", "unknown value for access");
	bad("phy:/x,xvda,w,ro", "too many positional parameters");
	bad("foo:/x,xvda", "unknown deprecated disk prefix");
	bad("lvm:/dev/vg/x,xvda,w", "unknown deprecated disk prefix");
	/* a prefix needs a non-alphanumeric byte after the colon ... */
	ok("foo:bar,,xvda", "foo:bar", "xvda", XVDA, false);
	/* ... and the lexer's rules are lower case */
	ok("Phy:/x,,xvda", "Phy:/x", "xvda", XVDA, false);
	bad("PHY:/x,xvda,w", "unknown value for format");
	/* "phy:" alone: a prefix and no target */
	bad("phy:", "no vdev specified");
	bad("phy:,xvda", "an empty target");
	bad("phy:,,xvda", "unknown value for access");
}

/* flex's longest match, blanks, positional slots */
static void lexer(void **state)
{
	/* a flag wins a tie, a longer positional part wins over it */
	ok("cdrom x,,xvda", "cdrom x", "xvda", XVDA, false);
	bad("cdrom,x,,xvda", "devtype cdrom");
	bad("discard ,/x,,xvda", "unknown value for format");
	ok("discardx,,xvda", "discardx", "xvda", XVDA, false);
	/* blanks before a part go, blanks after it stay */
	ok("  /x,,xvda", "/x", "xvda", XVDA, false);
	ok("\t/x ,\n,  xvda", "/x ", "xvda", XVDA, false);
	bad("/x,,xvda ", "invalid or unsupported virtual disk identifier");
	bad("vdev=xvda ,target=/x", "invalid or unsupported virtual disk");
	ok("/x,,xvda,w,", "/x", "xvda", XVDA, false);
	ok("/x,,xvda, ", "/x", "xvda", XVDA, false);	/* trailing blank */
	bad("/x,,xvda,w,,", "too many positional parameters");
	bad("/x,raw,xvda,rw,extra", "too many positional parameters");
	/* a newline in a part is part of it (a [^=,] run) */
	ok("/a\nb,,xvda", "/a\nb", "xvda", XVDA, false);
	/* keys fill their slot: positional parts take the others */
	ok("vdev=xvda,/x,raw,w", "/x", "xvda", XVDA, false);
	ok("format=raw,/x,xvda,r", "/x", "xvda", XVDA, true);
	bad("vdev=xvda,vdev=xvdb,target=/x", "vdev respecified");
	ok("vdev=,vdev=xvdb,target=/x", "/x", "xvdb", XVDB, false);
	bad("vdev=xvda,/x,,xvdb", "unknown value for access");
	/* '=' where no key takes it */
	bad("=", "bad disk syntax");
	bad("/x,=,xvda", "bad disk syntax");
	bad("Vdev=xvda,target=/x", "bad disk syntax");
	bad("vdev=", "no target specified");
	bad("", "no vdev specified");
	bad("   ", "no vdev specified");
	bad(",", "no vdev specified");
	bad("/x,,,w", "invalid or unsupported virtual disk identifier");
	bad("/x,raw,raw", "invalid or unsupported virtual disk identifier");
}

static void messages(void **state)
{
	char spec[300], small[12];

	bad("/x,\x01q`o\x7f\xff,xvda", "unknown value for format: near `?q?o??` (column 4)");
	memset(spec, 'a', sizeof(spec));
	memcpy(spec, "/x,", 3);
	spec[100] = ',';
	memcpy(spec + 101, "xvda", 5);
	bad(spec, "unknown value for format: near `aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa...` (column 4)");
	/* 255 bytes is the most */
	memset(spec, 'a', sizeof(spec));
	memcpy(spec, "vdev=xvda,target=/", 18);
	spec[255] = '\0';
	assert_int_equal(parse(spec), 0);
	assert_int_equal(strlen(disk.target), 255 - 17);
	spec[255] = 'a';
	spec[256] = '\0';
	bad(spec, "longer than 255 bytes");
	/* the message is cut to the buffer, always terminated */
	assert_int_equal(xl_disk_parse("=", &disk, small, sizeof(small)),
			 -EINVAL);
	assert_int_equal(strlen(small), sizeof(small) - 1);
	assert_int_equal(xl_disk_parse("=", &disk, NULL, 0), -EINVAL);
	assert_int_equal(xl_disk_parse("/x,,xvda", &disk, NULL, 0), 0);
	small[0] = 'q';
	assert_int_equal(xl_disk_parse("=", &disk, small, 0), -EINVAL);
	assert_int_equal(small[0], 'q');
}

struct vd {
	const char *vdev;
	u32 devid;	/* 0xffffffff: refused */
};

#define NO	0xffffffffU
#define EXT(d, p)	(1U << 28 | (d) << 8 | (p))

static void vdevs(void **state)
{
	static const struct vd t[] = {
		/* xvd: 202 << 8 | disk << 4 | partition, up to 15 and 15 */
		{ "xvda", 51712 }, { "xvdb", 51728 }, { "xvda1", 51713 },
		{ "xvdb2", 51730 }, { "xvdp", 202 << 8 | 15 << 4 },
		{ "xvdp15", 51967 },
		/* the extended form: disk >= 16 or partition >= 16 */
		{ "xvdq", EXT(16, 0) }, { "xvdq", 268439552 },
		{ "xvda16", EXT(0, 16) }, { "xvda255", EXT(0, 255) },
		{ "xvdz", EXT(25, 0) }, { "xvdaa", EXT(26, 0) },
		{ "xvdaa", 268442112 }, { "xvdzz", EXT(701, 0) },
		{ "xvdtq37", EXT(536, 37) },	/* the doc's d536p37 */
		{ "xvdbgqcv", EXT(1048575, 0) },	/* 2^20 - 1 */
		{ "xvdbgqcv255", 0x1fffffff },
		{ "xvdbgqcw", NO }, { "xvdzzzzz", NO }, { "xvdzzzzzzzzzz", NO },
		{ "xvda256", NO }, { "xvda0", NO }, { "xvda01", NO },
		{ "xvd", NO }, { "xvd1", NO }, { "xvdA", NO }, { "xvda-1", NO },
		{ "xvda+1", NO }, { "xvda 1", NO }, { "xvda1x", NO },
		{ "xvda1 ", NO }, { "xvd-a", NO }, { "xv", NO },
		/* d<disk>p<partition>: the same numbers */
		{ "d0p0", 51712 }, { "d3p2", 51762 }, { "d1p2", 51730 },
		{ "d15p15", 51967 }, { "d16p0", EXT(16, 0) },
		{ "d0p16", EXT(0, 16) }, { "d536p37", EXT(536, 37) },
		{ "d1048575p255", 0x1fffffff },
		{ "d1048576p0", NO }, { "d0p256", NO }, { "d0", NO },
		{ "d01p0", NO }, { "d0p00", NO }, { "d0x1p0", NO },
		{ "dp0", NO }, { "d0p", NO }, { "d-1p0", NO }, { "d1p2q", NO },
		{ "d99999999999p0", NO },
		/* hd: disks 0..3, partitions 0..63 */
		{ "hda", 768 }, { "hdb", 832 }, { "hdc", 5632 },
		{ "hdd", 5696 }, { "hda1", 769 }, { "hda63", 831 },
		{ "hdc2", 5634 }, { "hdd63", 22 << 8 | 1 << 6 | 63 },
		{ "hda64", NO }, { "hde", NO }, { "hdz", NO }, { "hdaa", NO },
		{ "hd", NO }, { "hd1", NO }, { "hda0", NO },
		/* sd: disks 0..15, partitions 0..15 */
		{ "sda", 2048 }, { "sdb", 2064 }, { "sda1", 2049 },
		{ "sdb3", 8 << 8 | 1 << 4 | 3 }, { "sdp15", 2303 },
		{ "sdq", NO }, { "sda16", NO }, { "sdaa", NO }, { "sd", NO },
		/* a number, as strtoul(, 0) reads it, up to INT_MAX */
		{ "51712", 51712 }, { "0xca00", 51712 }, { "0XCA00", 51712 },
		{ "0145000", 51712 }, { "0", 0 }, { "2147483647", 2147483647 },
		{ "0x7fffffff", 0x7fffffff }, { "2147483648", NO },
		{ "0x80000000", NO }, { "99999999999", NO }, { "08", NO },
		{ "0x", NO }, { "0xg", NO }, { "12a", NO }, { "-1", NO },
		{ "+1", NO }, { " 1", NO },
		/* the rest */
		{ "", NO }, { "vda", NO }, { "xvda/", NO }, { "cdrom", NO },
		{ "0123456789abcde", NO }, { "000000000000001", 1 },
		{ "0000000000000001", NO },	/* XL_VDEV_MAX */
	};
	size_t i;
	u32 devid;
	int r;

	for (i = 0; i < ARRAY_SIZE(t); i++) {
		devid = 0x12345678;
		r = xl_vdev_to_devid(t[i].vdev, &devid);
		if (t[i].devid == NO ? r != -EINVAL || devid != 0x12345678 :
		    r || devid != t[i].devid) {
			fprintf(stderr, "vdev `%s`: %d, %u (0x%x)\n",
				t[i].vdev, r, devid, devid);
			fail();
		}
	}
	/* the parser gives the same */
	ok("/x,,xvdtq37", "/x", "xvdtq37", EXT(536, 37), false);
	ok("/x,,d536p37", "/x", "d536p37", EXT(536, 37), false);
	bad("/x,,hde", "invalid or unsupported virtual disk identifier");
	bad("/x,,xvda0000000000000001", "too long");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(man_page),
		cmocka_unit_test(xen_check_xl_disk_parse),
		cmocka_unit_test(real_world),
		cmocka_unit_test(keys),
		cmocka_unit_test(target_key),
		cmocka_unit_test(legacy),
		cmocka_unit_test(lexer),
		cmocka_unit_test(messages),
		cmocka_unit_test(vdevs),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
