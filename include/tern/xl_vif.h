/* SPDX-License-Identifier: GPL-2.0 */
/*
 * One xl vif specification (an entry of a config's `vif = [...]`), as xl
 * 4.17 reads it: xl-network-configuration(5), with the meaning xl's
 * parse_nic_config() (tools/xl/xl_parse.c) and libxl's defaults
 * (libxl__device_nic_setdefault()) give it; Tern's subset of it; and the
 * MAC address a vif gets when the spec has none.
 *
 * Syntax (xl's): parts separated by commas; an empty part is skipped (xl
 * splits with strtok()), so "" and "," are a vif with every default. A
 * part is key=value, the value up to the next comma and taken whole
 * after the first '=' (it may hold more '='). Keys are case-sensitive. A
 * key given twice: the last value wins, as in xl (each one is checked).
 *
 * What Tern takes (Documentation/xl-vif.md has the table):
 *   mac=XX:XX:XX:XX:XX:XX  six pairs of hex digits, either case, joined
 *                          by ':'; a unicast address (bit 0 of the first
 *                          byte clear), not all zeros. [xl_vif_default_mac()]
 *   bridge=NAME            1 to 15 bytes of [A-Za-z0-9._-], not "." or
 *                          "..". ["xenbr0"]
 *   devid=N                decimal, 0 to XL_VIF_DEVID_MAX (libxl's devid
 *                          is an int). [unset: the toolstack's choice]
 *   mtu=N                  decimal, XL_VIF_MTU_MIN to XL_VIF_MTU_MAX.
 *                          [XL_VIF_MTU_DEFAULT]
 *   ip=TEXT                kept as written (printable ASCII, at most
 *                          XL_VIF_IP_MAX - 1 bytes; "" is none), for the
 *                          backend's "ip" node as libxl writes it. [none]
 *   backend=D              D empty, all zeros or "Domain-0": dom0, the
 *                          only backend Tern has (libxl reads an all-digit
 *                          name as a domain id). [dom0]
 *   type=vif               "ioemu" is refused: Tern's guests are PV/PVH.
 *   script=, model=, vifname=, gatewaydev=, netdev= (xl's deprecated
 *                          name of gatewaydev): accepted, ignored. Tern
 *                          runs no hotplug scripts and emulates no NIC;
 *                          its backend names its own interfaces.
 * Refused as not supported: rate=, accel=, forwarddev=, every colo_*
 * key, the flags trusted and untrusted. Any other key is unknown.
 *
 * Deliberately stricter than xl, which ignores a part it cannot read
 * (it prints a warning and creates the guest anyway), so here every such
 * part is an error: an unknown key, a part without '=', a bad type=. And
 * xl's quirks are refused: its mac= reads six strtoul(, 16) numbers each
 * ended by any one byte ("0:16:3e:1:2:3", "00-16-3e-00-00-01",
 * "0x0:...", trailing text, or five numbers then the next part); an
 * all-zero mac (libxl then picks a random one); a multicast mac (taken
 * by libxl); devid= and mtu= that are not plain decimal (strtoul():
 * blanks, sign, trailing text), out of range or 0 (mtu 0 is libxl's
 * default). Blanks (space, tab, newline) around a part are dropped; xl
 * drops only spaces before one and keeps the rest in the value, which
 * makes a bridge that does not exist. A blank next to '=' is refused (xl
 * does not know such a key, or keeps the blank in the value). A byte
 * that is not printable ASCII inside a part is refused.
 *
 * The default MAC (xl_vif_default_mac()): libxl takes 00:16:3e and three
 * random bytes, the first with its top bit clear; Tern takes the same
 * prefix and the same range, but the bytes from a CRC-32, so that a
 * guest's vif keeps its address from boot to boot.
 *
 * Invariants: the spec is read up to its NUL but at most XL_VIF_SPEC_MAX
 * bytes (longer is an error); nothing is written outside *out and
 * err[0, errlen); every field is copied with its length checked; *out is
 * zeroed first and only a whole success fills it; the work is linear in
 * the length of the spec. Pure code: no allocation, no globals.
 */
#ifndef _TERN_XL_VIF_H
#define _TERN_XL_VIF_H

#include <tern/types.h>
#include <tern/xlcfg.h>

#define XL_VIF_SPEC_MAX		XL_DEV_SPEC_MAX	/* with the NUL */
#define XL_VIF_ERR_MAX		96		/* enough for any message */
#define XL_VIF_BRIDGE_MAX	16		/* with the NUL, as IFNAMSIZ */
#define XL_VIF_IP_MAX		64		/* with the NUL */
#define XL_VIF_MAC_STR_MAX	18		/* "00:16:3e:xx:xx:xx" + NUL */

#define XL_VIF_DEFAULT_BRIDGE	"xenbr0"	/* libxl's */
#define XL_VIF_MTU_DEFAULT	1500		/* libxl's */
#define XL_VIF_MTU_MIN		68		/* IPv4's minimum */
#define XL_VIF_MTU_MAX		65535
#define XL_VIF_DEVID_MAX	0x7fffffffU	/* INT_MAX */

/*
 * A parsed vif. After a success bridge and ip are NUL-terminated and the
 * bytes after the NUL are zero; so are mac and devid when unset.
 */
struct xl_vif {
	bool has_mac;
	u8 mac[6];
	char bridge[XL_VIF_BRIDGE_MAX];
	bool has_devid;
	u32 devid;
	u32 mtu;
	char ip[XL_VIF_IP_MAX];		/* "": none */
};

/*
 * Parse spec (NUL-terminated) into *out. Returns 0, or -EINVAL with a
 * message in err (errlen bytes, NUL-terminated if errlen > 0; err may be
 * NULL) and *out all zero. The message is printable ASCII, holds spec
 * text only as a quoted excerpt of at most 20 bytes with every
 * non-printable byte and backquote made '?', and the column (byte from
 * 1) it starts at; XL_VIF_ERR_MAX bytes hold any message whole.
 */
int xl_vif_parse(const char *spec, struct xl_vif *out, char *err,
		 size_t errlen);

/*
 * The MAC of a vif that has none: 00:16:3e:XX:YY:ZZ with crc the CRC-32
 * (crc32_ieee(), starting from 0) of the guest's name (up to its NUL, at
 * most XL_NAME_MAX bytes) followed by devid as 4 bytes, little-endian:
 * XX = crc >> 16 & 0x7f, YY = crc >> 8 & 0xff, ZZ = crc & 0xff. Always
 * unicast and never zero (the prefix); the same for the same name and
 * devid. Two vifs may get the same address (23 bits): set mac= where it
 * matters.
 */
void xl_vif_default_mac(const char *guest_name, u32 devid, u8 mac[6]);

/*
 * mac as libxl writes it to xenstore ("%02hhx:..."): lower-case hex
 * pairs joined by ':', NUL-terminated. Returns 0, or -ENOSPC (buf then
 * "" when len > 0) when len is below XL_VIF_MAC_STR_MAX.
 */
int xl_vif_format_mac(const u8 mac[6], char *buf, size_t len);

#endif
