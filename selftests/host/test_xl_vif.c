// SPDX-License-Identifier: GPL-2.0
/*
 * Host tests for lib/xl_vif.c: the specs of xl-network-configuration(5)
 * (Xen 4.17), every key Tern takes, ignores or refuses, the corners of
 * xl's syntax (empty parts, blanks, last value wins) and the quirks of
 * parse_nic_config() Tern refuses on purpose, each error and the
 * messages' hygiene, and the default MAC (values worked out with
 * Python's zlib.crc32 of the name and the devid, little-endian) and its
 * format.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include <tern/xl_vif.h>
#include <tern/crc32.h>

static struct xl_vif vif;
static char err[XL_VIF_ERR_MAX];

static int parse(const char *spec)
{
	memset(&vif, 0xa5, sizeof(vif));
	memset(err, 'x', sizeof(err));
	return xl_vif_parse(spec, &vif, err, sizeof(err));
}

/* s ends within size bytes, and zeros fill the rest */
static bool zero_after(const char *s, size_t size)
{
	static const char zeros[XL_VIF_IP_MAX];
	size_t n = strnlen(s, size);

	return n < size && !memcmp(s + n, zeros, size - n);
}

static bool all_zero(const void *p, size_t size)
{
	const u8 *b = p;

	while (size--)
		if (*b++)
			return false;
	return true;
}

/* spec parses; the strings are terminated and zero-padded */
static void ok(const char *spec)
{
	if (parse(spec)) {
		fprintf(stderr, "spec `%s`: %s\n", spec, err);
		fail();
	}
	assert_string_equal(err, "");
	assert_true(zero_after(vif.bridge, sizeof(vif.bridge)));
	assert_true(zero_after(vif.ip, sizeof(vif.ip)));
	if (!vif.has_mac)
		assert_true(all_zero(vif.mac, sizeof(vif.mac)));
	if (!vif.has_devid)
		assert_int_equal(vif.devid, 0);
}

/* spec parses with every default */
static void defaults(const char *spec)
{
	ok(spec);
	assert_false(vif.has_mac);
	assert_string_equal(vif.bridge, "xenbr0");
	assert_false(vif.has_devid);
	assert_int_equal(vif.mtu, 1500);
	assert_string_equal(vif.ip, "");
}

/* spec is refused with msg in the message, and *out left all zero */
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
	assert_true(i < sizeof(err) - 1);
	assert_true(all_zero(&vif, sizeof(vif)));
}

static void mac_is(const u8 *mac, u8 a, u8 b, u8 c, u8 d, u8 e, u8 f)
{
	const u8 want[6] = { a, b, c, d, e, f };

	assert_memory_equal(mac, want, 6);
}

/* "" and empty parts: a vif with every default, as in xl */
static void empty_spec(void **state)
{
	defaults("");
	defaults(",");
	defaults(",,,");
	defaults(" ");
	defaults(" , \t,\n");
}

/* xl-network-configuration(5)'s examples */
static void man_page(void **state)
{
	ok("mac=00:16:3E:74:3d:76,model=rtl8139,bridge=xenbr0");
	assert_true(vif.has_mac);
	mac_is(vif.mac, 0x00, 0x16, 0x3e, 0x74, 0x3d, 0x76);
	assert_string_equal(vif.bridge, "xenbr0");
	ok("mac=00:16:3E:74:34:32");
	mac_is(vif.mac, 0x00, 0x16, 0x3e, 0x74, 0x34, 0x32);
	assert_string_equal(vif.bridge, "xenbr0");
	ok("mac=00:16:3e:5f:48:e4,bridge=xenbr1");
	mac_is(vif.mac, 0x00, 0x16, 0x3e, 0x5f, 0x48, 0xe4);
	assert_string_equal(vif.bridge, "xenbr1");
	/* Tern's own test bed's */
	ok("bridge=xenbr0,ip=10.0.0.2");
	assert_string_equal(vif.ip, "10.0.0.2");
}

/* every key Tern takes, in one spec */
static void every_key(void **state)
{
	static const char spec[] = "mac=02:00:0a:00:00:02,bridge=br-lan.1,devid=3,mtu=9000,ip=10.0.0.2,backend=Domain-0,type=vif,script=vif-route,model=e1000,vifname=web0,gatewaydev=eth0,netdev=eth1";

	ok(spec);
	assert_true(vif.has_mac);
	mac_is(vif.mac, 0x02, 0x00, 0x0a, 0x00, 0x00, 0x02);
	assert_string_equal(vif.bridge, "br-lan.1");
	assert_true(vif.has_devid);
	assert_int_equal(vif.devid, 3);
	assert_int_equal(vif.mtu, 9000);
	assert_string_equal(vif.ip, "10.0.0.2");
}

/* blanks around parts are dropped */
static void blanks(void **state)
{
	ok("  mac=00:16:3e:00:00:01 , bridge=xenbr1\t,\n mtu=1400\n\t");
	mac_is(vif.mac, 0x00, 0x16, 0x3e, 0x00, 0x00, 0x01);
	assert_string_equal(vif.bridge, "xenbr1");
	assert_int_equal(vif.mtu, 1400);
	ok("ip=10.0.0.2 ,bridge=b");
	assert_string_equal(vif.ip, "10.0.0.2");
	/* blanks inside a value are kept: several addresses */
	ok("ip=10.0.0.2 10.0.0.3");
	assert_string_equal(vif.ip, "10.0.0.2 10.0.0.3");
}

/* ... but not next to '=' */
static void blanks_around_eq(void **state)
{
	bad("mac =00:16:3e:00:00:01", "blanks around '=' are not allowed");
	bad("mac= 00:16:3e:00:00:01", "blanks around '=' are not allowed");
	bad("bridge = xenbr0", "blanks around '=' are not allowed");
	bad("ip= 10.0.0.2", "blanks around '=' are not allowed");
}

static void mac_forms(void **state)
{
	ok("mac=00:16:3e:ab:cd:ef");
	mac_is(vif.mac, 0x00, 0x16, 0x3e, 0xab, 0xcd, 0xef);
	ok("mac=00:16:3E:AB:CD:EF");
	mac_is(vif.mac, 0x00, 0x16, 0x3e, 0xab, 0xcd, 0xef);
	ok("mac=00:16:3e:aB:Cd:eF");
	mac_is(vif.mac, 0x00, 0x16, 0x3e, 0xab, 0xcd, 0xef);
	/* locally administered, the man page's advice */
	ok("mac=fe:ff:ff:ff:ff:ff");
	mac_is(vif.mac, 0xfe, 0xff, 0xff, 0xff, 0xff, 0xff);
	ok("mac=00:00:00:00:00:01");
	assert_true(vif.has_mac);
}

static void mac_bad_hex(void **state)
{
	bad("mac=0g:16:3e:00:00:01", "invalid mac");
	bad("mac=00:16:3e:00:00:0x", "invalid mac");
	bad("mac=00:16:3e:00:00:-1", "invalid mac");
	bad("mac=0x:16:3e:00:00:01", "invalid mac");
	bad("mac=00:16:3e:00: 0:01", "invalid mac");
	bad("mac=zz:zz:zz:zz:zz:zz", "invalid mac");
}

/* xl's strtoul() loop takes all of these; Tern none */
static void mac_length_and_separators(void **state)
{
	bad("mac=", "invalid mac: not six hex pairs joined by ':' (column 5)");
	bad("mac=00:16:3e:00:00", "invalid mac");
	bad("mac=00:16:3e:00:00:01:02", "invalid mac");
	bad("mac=00:16:3e:00:00:01:", "invalid mac");
	bad("mac=0:16:3e:1:2:3", "invalid mac");
	bad("mac=00:16:3e:00:00:001", "invalid mac");
	bad("mac=001122334455", "invalid mac");
	bad("mac=00-16-3e-00-00-01", "invalid mac");
	bad("mac=00.16.3e.00.00.01", "invalid mac");
	bad("mac=00:16:3e-00:00:01", "invalid mac");
	bad("mac=00:16:3e:00:00:01x", "invalid mac");
	/* five numbers, then the next part: xl reads 0x0b from "bridge" */
	bad("mac=00:11:22:33:44,bridge=xenbr0", "invalid mac");
}

static void mac_multicast_and_zero(void **state)
{
	bad("mac=01:00:5e:00:00:01", "mac is a multicast address");
	bad("mac=ff:ff:ff:ff:ff:ff", "mac is a multicast address");
	bad("mac=33:33:00:00:00:01", "mac is a multicast address");
	bad("mac=03:00:00:00:00:00", "mac is a multicast address");
	bad("mac=00:00:00:00:00:00", "an all-zero mac is not supported");
}

static void bridge_good(void **state)
{
	ok("bridge=a");
	assert_string_equal(vif.bridge, "a");
	ok("bridge=abcdefghijklmno");		/* 15 bytes */
	assert_string_equal(vif.bridge, "abcdefghijklmno");
	ok("bridge=Br.0_x-Y9");
	assert_string_equal(vif.bridge, "Br.0_x-Y9");
	ok("bridge=...");
	assert_string_equal(vif.bridge, "...");
	/* a shorter name after a longer one: zeros after it */
	ok("bridge=abcdefghijklmno,bridge=b");
	assert_string_equal(vif.bridge, "b");
}

static void bridge_bad(void **state)
{
	bad("bridge=", "empty bridge name (column 8)");
	bad("bridge=abcdefghijklmnop", "bridge name longer than 15 bytes");
	bad("bridge=br 0", "invalid bridge name");
	bad("bridge=br/0", "invalid bridge name");
	bad("bridge=br:0", "invalid bridge name");
	bad("bridge=br=0", "invalid bridge name");
	bad("bridge=br@0", "invalid bridge name");
	bad("bridge=.", "invalid bridge name");
	bad("bridge=..", "invalid bridge name");
	bad("bridge=xenbr0\t1", "control or non-ASCII byte (column 14)");
}

static void devid_key(void **state)
{
	ok("devid=0");
	assert_true(vif.has_devid);
	assert_int_equal(vif.devid, 0);
	ok("devid=2147483647");
	assert_int_equal(vif.devid, 2147483647);
	ok("devid=007");
	assert_int_equal(vif.devid, 7);
	bad("devid=", "invalid devid (0 to 2147483647) (column 7)");
	bad("devid=2147483648", "invalid devid");
	bad("devid=4294967296", "invalid devid");
	bad("devid=99999999999999999999999", "invalid devid");
	bad("devid=-1", "invalid devid");
	bad("devid=+1", "invalid devid");
	bad("devid=1x", "invalid devid");
	bad("devid=0x10", "invalid devid");
	bad("devid=1 2", "invalid devid");
}

static void mtu_key(void **state)
{
	ok("mtu=68");
	assert_int_equal(vif.mtu, 68);
	ok("mtu=65535");
	assert_int_equal(vif.mtu, 65535);
	ok("mtu=01500");
	assert_int_equal(vif.mtu, 1500);
	bad("mtu=67", "invalid mtu (68 to 65535)");
	bad("mtu=0", "invalid mtu");	/* libxl's "default" */
	bad("mtu=65536", "invalid mtu");
	bad("mtu=4294967364", "invalid mtu");	/* 68 + 2^32 */
	bad("mtu=", "invalid mtu");
	bad("mtu=1500b", "invalid mtu");
	bad("mtu=-1", "invalid mtu");
	bad("mtu=1.5", "invalid mtu");
}

static void ip_key(void **state)
{
	char spec[80];

	ok("ip=fe80::1");
	assert_string_equal(vif.ip, "fe80::1");
	ok("ip=a=b");
	assert_string_equal(vif.ip, "a=b");
	ok("ip=10.0.0.2,ip=");
	assert_string_equal(vif.ip, "");
	assert_true(zero_after(vif.ip, sizeof(vif.ip)));
	memset(spec, '1', sizeof(spec));
	memcpy(spec, "ip=", 3);
	spec[3 + 63] = '\0';
	ok(spec);
	assert_int_equal(strlen(vif.ip), 63);
	spec[3 + 63] = '1';
	spec[3 + 64] = '\0';
	bad(spec, "ip longer than 63 bytes: near `11111111111111111111...` (column 4)");
}

static void backend_key(void **state)
{
	ok("backend=Domain-0");
	ok("backend=0");
	ok("backend=000");
	ok("backend=");
	bad("backend=1", "backend not supported: Tern's vifs are dom0's");
	bad("backend=00001", "backend not supported");
	bad("backend=Domain-1", "backend not supported");
	bad("backend=domain-0", "backend not supported");
	bad("backend=netdom", "dom0's: near `netdom` (column 9)");
}

static void type_key(void **state)
{
	ok("type=vif");
	bad("type=ioemu", "type ioemu not supported: Tern guests are PV/PVH");
	bad("type=VIF", "invalid type (vif or ioemu)");
	bad("type=", "invalid type");
	bad("type=pv", "invalid type");
}

/* taken and ignored: whatever their value */
static void ignored_keys(void **state)
{
	defaults("script=/etc/xen/scripts/vif-route");
	defaults("script=");
	defaults("model=e1000");
	defaults("vifname=vif-web.0");
	defaults("gatewaydev=eth0");
	defaults("netdev=eth0");
}

static void unsupported_keys(void **state)
{
	bad("rate=10Mb/s", "parameter not supported by Tern: near `rate` (column 1)");
	bad("rate=1MB/s@20ms", "parameter not supported");
	bad("accel=x", "not supported by Tern: near `accel`");
	bad("bridge=b,forwarddev=eth0", "by Tern: near `forwarddev` (column 10)");
	bad("trusted", "not supported by Tern: near `trusted`");
	bad("untrusted", "not supported by Tern: near `untrusted`");
	bad("trusted=1", "parameter not supported");
	bad("colo_sock_mirror_id=1", "COLO parameters are not supported");
	bad("colo_checkpoint_host=h", "COLO parameters are not supported");
}

static void unknown_keys(void **state)
{
	bad("foo=bar", "unknown parameter: near `foo` (column 1)");
	bad("MAC=00:16:3e:00:00:01", "unknown parameter: near `MAC`");
	bad("Bridge=xenbr0", "unknown parameter");
	bad("mac2=00:16:3e:00:00:01", "unknown parameter");
	bad("bridgex=b", "unknown parameter");
	bad("=x", "unknown parameter (column 1)");
	bad("mac=00:16:3e:00:00:01, vif2=x", "unknown parameter: near `vif2` (column 24)");
}

/* xl warns and ignores a part without '='; Tern refuses it */
static void missing_eq(void **state)
{
	bad("xenbr0", "parameter without '=': near `xenbr0` (column 1)");
	bad("mac", "parameter without '='");
	bad("00:16:3e:00:00:01", "parameter without '='");
	bad("bridge=b,ip", "parameter without '=': near `ip` (column 10)");
}

static void control_bytes(void **state)
{
	bad("bridge=xen\001br0", "control or non-ASCII byte (column 11)");
	bad("ip=10.0.0.2\x7f", "control or non-ASCII byte (column 12)");
	bad("ip=10.0.0.2\r", "control or non-ASCII byte");
	bad("ip=10.0.0.2\t10.0.0.3", "control or non-ASCII byte");
	bad("bridge=br\xc3\xa9", "control or non-ASCII byte (column 10)");
	bad("\xff", "control or non-ASCII byte (column 1)");
	bad("script=/x\x1b[0m", "control or non-ASCII byte");
}

/* a NUL ends the spec, as in C: the rest is not read */
static void nul_byte(void **state)
{
	static const char spec[] = "bridge=b\0mac=zz";

	ok(spec);
	assert_string_equal(vif.bridge, "b");
	assert_false(vif.has_mac);
}

/* a key given again: the last value wins, as in xl; each is checked */
static void last_wins(void **state)
{
	ok("bridge=a,bridge=b");
	assert_string_equal(vif.bridge, "b");
	ok("mac=00:16:3e:00:00:01,mac=00:16:3e:00:00:02");
	mac_is(vif.mac, 0x00, 0x16, 0x3e, 0x00, 0x00, 0x02);
	ok("mtu=9000,mtu=1500");
	assert_int_equal(vif.mtu, 1500);
	ok("devid=1,devid=2");
	assert_int_equal(vif.devid, 2);
	bad("mac=zz,mac=00:16:3e:00:00:01", "invalid mac");
	bad("type=vif,type=ioemu", "type ioemu");
}

static void overlong_spec(void **state)
{
	char spec[300];

	/* 255 bytes is the most: blanks after a part are dropped */
	memset(spec, ' ', sizeof(spec));
	memcpy(spec, "bridge=x", 8);
	spec[255] = '\0';
	ok(spec);
	assert_string_equal(vif.bridge, "x");
	spec[255] = ' ';
	spec[256] = '\0';
	bad(spec, "vif spec longer than 255 bytes");
	/* not read past its 256th byte */
	memset(spec, ',', sizeof(spec));
	bad(spec, "vif spec longer than 255 bytes");
}

static void messages(void **state)
{
	char spec[300], small[12];
	size_t i;

	bad("foo`\x01=1", "control or non-ASCII byte (column 5)");
	bad("f`o\377o=1", "control or non-ASCII byte (column 4)");
	bad("f`o=1", "unknown parameter: near `f?o` (column 1)");
	bad("bridge=b,abcdefghijklmnopqrstuvwxyz=1",
	    "unknown parameter: near `abcdefghijklmnopqrst...` (column 10)");
	/* the longest messages fit whole, at a column of three digits */
	memset(spec, ',', sizeof(spec));
	memcpy(spec + 200, "mac=", 4);
	memset(spec + 204, 'a', 40);
	spec[255] = '\0';
	bad(spec, "invalid mac: not six hex pairs joined by ':': near `aaaaaaaaaaaaaaaaaaaa...` (column 205)");
	memcpy(spec + 200, "backend=", 8);
	memset(spec + 208, 'a', 40);
	bad(spec, "backend not supported: Tern's vifs are dom0's: near `aaaaaaaaaaaaaaaaaaaa...` (column 209)");
	memcpy(spec + 200, "type=ioemu,", 11);
	bad(spec, "type ioemu not supported: Tern guests are PV/PVH: near `ioemu` (column 206)");
	for (i = 200; i < 255; i++)
		spec[i] = 'b';
	spec[240] = '=';
	bad(spec, "unknown parameter: near `bbbbbbbbbbbbbbbbbbbb...` (column 201)");
	/* the message is cut to the buffer, always terminated */
	assert_int_equal(xl_vif_parse("x", &vif, small, sizeof(small)),
			 -EINVAL);
	assert_int_equal(strlen(small), sizeof(small) - 1);
	assert_int_equal(xl_vif_parse("x", &vif, NULL, 0), -EINVAL);
	assert_int_equal(xl_vif_parse("bridge=b", &vif, NULL, 0), 0);
	small[0] = 'q';
	assert_int_equal(xl_vif_parse("x", &vif, small, 0), -EINVAL);
	assert_int_equal(small[0], 'q');
	small[0] = 'q';
	assert_int_equal(xl_vif_parse("", &vif, small, 1), 0);
	assert_int_equal(small[0], '\0');
}

static void default_mac_values(void **state)
{
	u8 mac[6];

	xl_vif_default_mac("web01", 0, mac);
	mac_is(mac, 0x00, 0x16, 0x3e, 0x52, 0xdf, 0x3a);   /* crc 6ed2df3a */
	xl_vif_default_mac("web01", 1, mac);
	mac_is(mac, 0x00, 0x16, 0x3e, 0x6e, 0xb8, 0x5f);   /* crc d66eb85f */
	xl_vif_default_mac("", 0, mac);
	mac_is(mac, 0x00, 0x16, 0x3e, 0x44, 0xdf, 0x1c);   /* crc 2144df1c */
	xl_vif_default_mac("g", 0xffffffff, mac);
	mac_is(mac, 0x00, 0x16, 0x3e, 0x0b, 0x7c, 0xa3);   /* crc 338b7ca3 */
}

static void default_mac_properties(void **state)
{
	static const char *const names[] = { "a", "b", "web01", "web02", "" };
	char *name = malloc(XL_NAME_MAX), text[XL_VIF_MAC_STR_MAX];
	u8 mac[6], again[6], le[4] = { 7, 0, 0, 0 };
	u32 crc, d;
	size_t i;

	for (i = 0; i < ARRAY_SIZE(names); i++) {
		for (d = 0; d < 300; d += 37) {
			xl_vif_default_mac(names[i], d, mac);
			assert_int_equal(mac[0], 0x00);
			assert_int_equal(mac[1], 0x16);
			assert_int_equal(mac[2], 0x3e);
			assert_int_equal(mac[3] & 0x80, 0);
			xl_vif_default_mac(names[i], d, again);
			assert_memory_equal(mac, again, 6);
			/* what xl_vif_parse() takes */
			assert_int_equal(xl_vif_format_mac(mac, text, sizeof(text)), 0);
			assert_int_equal(strlen(text), 17);
		}
	}
	xl_vif_default_mac("web01", 0, mac);
	xl_vif_default_mac("web01", 1, again);
	assert_memory_not_equal(mac, again, 6);
	xl_vif_default_mac("web02", 0, again);
	assert_memory_not_equal(mac, again, 6);
	/* a name of XL_NAME_MAX bytes without a NUL: not read past */
	assert_non_null(name);
	memset(name, 'a', XL_NAME_MAX);
	xl_vif_default_mac(name, 7, mac);
	crc = crc32_ieee(crc32_ieee(0, name, XL_NAME_MAX), le, 4);
	mac_is(mac, 0x00, 0x16, 0x3e, crc >> 16 & 0x7f, crc >> 8 & 0xff,
	       crc & 0xff);
	free(name);
}

static void format_mac(void **state)
{
	static const u8 m1[6] = { 0x00, 0x16, 0x3e, 0x52, 0xdf, 0x3a };
	static const u8 m2[6] = { 0xfe, 0xAB, 0x0c, 0x00, 0x09, 0xff };
	char buf[XL_VIF_MAC_STR_MAX + 2];

	assert_int_equal(xl_vif_format_mac(m1, buf, sizeof(buf)), 0);
	assert_string_equal(buf, "00:16:3e:52:df:3a");
	assert_int_equal(xl_vif_format_mac(m2, buf, XL_VIF_MAC_STR_MAX), 0);
	assert_string_equal(buf, "fe:ab:0c:00:09:ff");
	memset(buf, 'x', sizeof(buf));
	assert_int_equal(xl_vif_format_mac(m1, buf, XL_VIF_MAC_STR_MAX - 1),
			 -ENOSPC);
	assert_int_equal(buf[0], '\0');
	assert_int_equal(buf[1], 'x');
	buf[0] = 'q';
	assert_int_equal(xl_vif_format_mac(m1, buf, 0), -ENOSPC);
	assert_int_equal(buf[0], 'q');
}

/* parse(format(mac)) and a canonical spec give the same vif back */
static void round_trip(void **state)
{
	static const u8 m[6] = { 0x02, 0xAB, 0xcd, 0xEF, 0x01, 0x23 };
	char text[XL_VIF_MAC_STR_MAX], spec[XL_VIF_SPEC_MAX];
	struct xl_vif first;

	assert_int_equal(xl_vif_format_mac(m, text, sizeof(text)), 0);
	snprintf(spec, sizeof(spec), "mac=%s", text);
	ok(spec);
	assert_memory_equal(vif.mac, m, 6);

	ok(" ip=10.0.0.9 , devid=4,mtu=1400,bridge=xenbr9, mac=02:00:00:00:00:07,script=x");
	first = vif;
	assert_int_equal(xl_vif_format_mac(first.mac, text, sizeof(text)), 0);
	snprintf(spec, sizeof(spec), "mac=%s,bridge=%s,devid=%u,mtu=%u,ip=%s",
		 text, first.bridge, first.devid, first.mtu, first.ip);
	ok(spec);
	assert_memory_equal(&vif, &first, sizeof(vif));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(empty_spec),
		cmocka_unit_test(man_page),
		cmocka_unit_test(every_key),
		cmocka_unit_test(blanks),
		cmocka_unit_test(blanks_around_eq),
		cmocka_unit_test(mac_forms),
		cmocka_unit_test(mac_bad_hex),
		cmocka_unit_test(mac_length_and_separators),
		cmocka_unit_test(mac_multicast_and_zero),
		cmocka_unit_test(bridge_good),
		cmocka_unit_test(bridge_bad),
		cmocka_unit_test(devid_key),
		cmocka_unit_test(mtu_key),
		cmocka_unit_test(ip_key),
		cmocka_unit_test(backend_key),
		cmocka_unit_test(type_key),
		cmocka_unit_test(ignored_keys),
		cmocka_unit_test(unsupported_keys),
		cmocka_unit_test(unknown_keys),
		cmocka_unit_test(missing_eq),
		cmocka_unit_test(control_bytes),
		cmocka_unit_test(nul_byte),
		cmocka_unit_test(last_wins),
		cmocka_unit_test(overlong_spec),
		cmocka_unit_test(messages),
		cmocka_unit_test(default_mac_values),
		cmocka_unit_test(default_mac_properties),
		cmocka_unit_test(format_mac),
		cmocka_unit_test(round_trip),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
