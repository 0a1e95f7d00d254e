// SPDX-License-Identifier: GPL-2.0
/*
 * One xl vif specification, read as xl 4.17 reads it, and the default
 * MAC (the syntax and what Tern supports are in include/tern/xl_vif.h).
 *
 * Design: one pass over the parts between commas; each part is trimmed,
 * checked for bytes Tern takes, split at its first '=' and handed to its
 * key's handler, which checks the value and stores it in a local struct
 * xl_vif; only a whole success is copied to *out. The first error ends
 * the parse.
 *
 * Invariants: every index read is below n (at most XL_VIF_SPEC_MAX - 1);
 * each part is read a bounded number of times; strings are copied only
 * after their length was checked against the field; a message is
 * formatted by snprintf() into the caller's buffer, with spec text only
 * through excerpt().
 */
#include <tern/xl_vif.h>
#include <tern/crc32.h>
#include <tern/string.h>

struct vp {
	const char *s;
	char *err;
	size_t errlen;
};

enum act {
	K_MAC, K_BRIDGE, K_DEVID, K_MTU, K_IP, K_BACKEND, K_TYPE,
	K_IGNORED, K_UNSUPPORTED,
};

/* parse_nic_config()'s keys of Xen 4.17 (but the colo_* ones) */
static const struct key {
	const char *name;
	enum act act;
} keys[] = {
	{ "mac", K_MAC },
	{ "bridge", K_BRIDGE },
	{ "devid", K_DEVID },
	{ "mtu", K_MTU },
	{ "ip", K_IP },
	{ "backend", K_BACKEND },
	{ "type", K_TYPE },
	{ "script", K_IGNORED },
	{ "model", K_IGNORED },
	{ "vifname", K_IGNORED },
	{ "gatewaydev", K_IGNORED },
	{ "netdev", K_IGNORED },
	{ "rate", K_UNSUPPORTED },
	{ "accel", K_UNSUPPORTED },
	{ "forwarddev", K_UNSUPPORTED },
	{ "trusted", K_UNSUPPORTED },
	{ "untrusted", K_UNSUPPORTED },
};

static bool is_digit(char c)
{
	return c >= '0' && c <= '9';
}

static bool is_blank(char c)
{
	return c == ' ' || c == '\t' || c == '\n';
}

static bool is_print(char c)
{
	return c >= 0x20 && c < 0x7f;
}

static int hex(char c)
{
	if (is_digit(c))
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

/*
 * An excerpt of the spec fit for a message: at most 20 bytes of [off,
 * off + len), then "..." if there was more; a byte that is not printable
 * ASCII, or a backquote, becomes '?'.
 */
static const char *excerpt(char buf[24], const char *s, size_t off,
			   size_t len)
{
	size_t i;

	for (i = 0; i < len && i < 20; i++) {
		char c = s[off + i];

		buf[i] = is_print(c) && c != '`' ? c : '?';
	}
	if (i < len) {
		memcpy(buf + i, "...", 3);
		i += 3;
	}
	buf[i] = '\0';
	return buf;
}

/*
 * Fail with msg (text of this file only, at most 49 bytes), and the
 * spec's bytes [off, off + len) as a quoted excerpt when off is not
 * SIZE_MAX (only the column when len is 0).
 */
static int fail_at(struct vp *p, size_t off, size_t len, const char *msg)
{
	char ex[24];

	if (!p->err || !p->errlen)
		return -EINVAL;
	if (off == SIZE_MAX)
		snprintf(p->err, p->errlen, "%s", msg);
	else if (!len)
		snprintf(p->err, p->errlen, "%s (column %zu)", msg, off + 1);
	else
		snprintf(p->err, p->errlen, "%s: near `%s` (column %zu)", msg,
			 excerpt(ex, p->s, off, len), off + 1);
	return -EINVAL;
}

static bool span_is(const struct vp *p, size_t off, size_t len,
		    const char *word)
{
	return strlen(word) == len && !memcmp(p->s + off, word, len);
}

/* a plain decimal number in [min, max] (leading zeros are fine) */
static int decimal(const struct vp *p, size_t off, size_t len, u32 min,
		   u32 max, u32 *v)
{
	u64 x = 0;
	size_t i;

	if (!len)
		return -EINVAL;
	for (i = off; i < off + len; i++) {
		if (!is_digit(p->s[i]))
			return -EINVAL;
		x = x * 10 + (p->s[i] - '0');
		if (x > max)
			return -EINVAL;
	}
	if (x < min)
		return -EINVAL;
	*v = x;
	return 0;
}

static int set_mac(struct vp *p, struct xl_vif *v, size_t off, size_t len)
{
	const char *s = p->s + off;
	u8 mac[6];
	int i, hi, lo;

	if (len != 17)
		goto bad;
	for (i = 0; i < 6; i++) {
		hi = hex(s[3 * i]);
		lo = hex(s[3 * i + 1]);
		if (hi < 0 || lo < 0 || (i < 5 && s[3 * i + 2] != ':'))
			goto bad;
		mac[i] = hi << 4 | lo;
	}
	if (mac[0] & 1)
		return fail_at(p, off, len, "mac is a multicast address");
	if (!(mac[0] | mac[1] | mac[2] | mac[3] | mac[4] | mac[5]))
		return fail_at(p, off, len, "an all-zero mac is not supported");
	memcpy(v->mac, mac, sizeof(mac));
	v->has_mac = true;
	return 0;
bad:
	return fail_at(p, off, len, "invalid mac: not six hex pairs joined by ':'");
}

static int set_bridge(struct vp *p, struct xl_vif *v, size_t off,
		      size_t len)
{
	size_t i;
	char c;

	if (!len)
		return fail_at(p, off, 0, "empty bridge name");
	if (len >= sizeof(v->bridge))
		return fail_at(p, off, len, "bridge name longer than 15 bytes");
	for (i = off; i < off + len; i++) {
		c = p->s[i];
		if (!is_digit(c) && !(c >= 'a' && c <= 'z') &&
		    !(c >= 'A' && c <= 'Z') && c != '.' && c != '_' && c != '-')
			break;
	}
	if (i < off + len || span_is(p, off, len, ".") ||
	    span_is(p, off, len, ".."))
		return fail_at(p, off, len, "invalid bridge name (A-Za-z0-9._- only)");
	memset(v->bridge, 0, sizeof(v->bridge));
	memcpy(v->bridge, p->s + off, len);
	return 0;
}

static int set_ip(struct vp *p, struct xl_vif *v, size_t off, size_t len)
{
	if (len >= sizeof(v->ip))
		return fail_at(p, off, len, "ip longer than 63 bytes");
	memset(v->ip, 0, sizeof(v->ip));
	memcpy(v->ip, p->s + off, len);
	return 0;
}

/* libxl_domain_qualifier_to_domid(): an all-digit name is a domain id */
static int set_backend(struct vp *p, size_t off, size_t len)
{
	size_t i;

	if (span_is(p, off, len, "Domain-0"))
		return 0;
	for (i = off; i < off + len; i++)
		if (p->s[i] != '0')
			return fail_at(p, off, len,
				       "backend not supported: Tern's vifs are dom0's");
	return 0;
}

static int set_type(struct vp *p, size_t off, size_t len)
{
	if (span_is(p, off, len, "vif"))
		return 0;
	if (span_is(p, off, len, "ioemu"))
		return fail_at(p, off, len,
			       "type ioemu not supported: Tern guests are PV/PVH");
	return fail_at(p, off, len, "invalid type (vif or ioemu)");
}

static const struct key *lookup(const struct vp *p, size_t off, size_t len)
{
	size_t i;

	for (i = 0; i < ARRAY_SIZE(keys); i++)
		if (span_is(p, off, len, keys[i].name))
			return &keys[i];
	return NULL;
}

/* the part [a, b) of the spec, a comma or the end at b */
static int part(struct vp *p, struct xl_vif *v, size_t a, size_t b)
{
	const char *s = p->s;
	const struct key *k;
	size_t i, eq, val, vlen;

	while (a < b && is_blank(s[a]))
		a++;
	while (b > a && is_blank(s[b - 1]))
		b--;
	if (a == b)
		return 0;	/* as strtok() skips it */
	for (i = a; i < b; i++)
		if (!is_print(s[i]))
			return fail_at(p, i, 0, "control or non-ASCII byte");
	for (eq = a; eq < b && s[eq] != '='; eq++)
		;
	k = lookup(p, a, eq - a);
	if (k && k->act == K_UNSUPPORTED)
		return fail_at(p, a, eq - a, "parameter not supported by Tern");
	if (eq == b)
		return fail_at(p, a, b - a, "parameter without '='");
	if ((eq > a && s[eq - 1] == ' ') || (eq + 1 < b && s[eq + 1] == ' '))
		return fail_at(p, a, b - a, "blanks around '=' are not allowed");
	if (!k && eq - a >= 5 && !memcmp(s + a, "colo_", 5))
		return fail_at(p, a, eq - a, "COLO parameters are not supported");
	if (!k)
		return fail_at(p, a, eq - a, "unknown parameter");

	val = eq + 1;
	vlen = b - val;
	switch (k->act) {
	case K_MAC:
		return set_mac(p, v, val, vlen);
	case K_BRIDGE:
		return set_bridge(p, v, val, vlen);
	case K_DEVID:
		if (decimal(p, val, vlen, 0, XL_VIF_DEVID_MAX, &v->devid))
			return fail_at(p, val, vlen,
				       "invalid devid (0 to 2147483647)");
		v->has_devid = true;
		return 0;
	case K_MTU:
		if (decimal(p, val, vlen, XL_VIF_MTU_MIN, XL_VIF_MTU_MAX,
			    &v->mtu))
			return fail_at(p, val, vlen, "invalid mtu (68 to 65535)");
		return 0;
	case K_IP:
		return set_ip(p, v, val, vlen);
	case K_BACKEND:
		return set_backend(p, val, vlen);
	case K_TYPE:
		return set_type(p, val, vlen);
	case K_IGNORED:
	case K_UNSUPPORTED:
		break;
	}
	return 0;
}

int xl_vif_parse(const char *spec, struct xl_vif *out, char *err,
		 size_t errlen)
{
	struct vp p = { .s = spec, .err = err, .errlen = errlen };
	struct xl_vif v;
	size_t n, i, end;

	if (err && errlen)
		err[0] = '\0';
	memset(out, 0, sizeof(*out));
	n = strnlen(spec, XL_VIF_SPEC_MAX);
	if (n == XL_VIF_SPEC_MAX)
		return fail_at(&p, SIZE_MAX, 0, "vif spec longer than 255 bytes");

	memset(&v, 0, sizeof(v));
	memcpy(v.bridge, XL_VIF_DEFAULT_BRIDGE, sizeof(XL_VIF_DEFAULT_BRIDGE));
	v.mtu = XL_VIF_MTU_DEFAULT;
	for (i = 0; i <= n; i = end + 1) {
		for (end = i; end < n && spec[end] != ','; end++)
			;
		if (part(&p, &v, i, end))
			return -EINVAL;
	}
	memcpy(out, &v, sizeof(v));
	return 0;
}

void xl_vif_default_mac(const char *guest_name, u32 devid, u8 mac[6])
{
	u8 le[4] = {
		devid & 0xff, devid >> 8 & 0xff, devid >> 16 & 0xff,
		devid >> 24 & 0xff,
	};
	u32 crc;

	crc = crc32_ieee(0, guest_name, strnlen(guest_name, XL_NAME_MAX));
	crc = crc32_ieee(crc, le, sizeof(le));
	mac[0] = 0x00;
	mac[1] = 0x16;
	mac[2] = 0x3e;
	mac[3] = crc >> 16 & 0x7f;
	mac[4] = crc >> 8 & 0xff;
	mac[5] = crc & 0xff;
}

int xl_vif_format_mac(const u8 mac[6], char *buf, size_t len)
{
	static const char digits[] = "0123456789abcdef";
	int i;

	if (len < XL_VIF_MAC_STR_MAX) {
		if (len)
			buf[0] = '\0';
		return -ENOSPC;
	}
	for (i = 0; i < 6; i++) {
		buf[3 * i] = digits[mac[i] >> 4];
		buf[3 * i + 1] = digits[mac[i] & 15];
		buf[3 * i + 2] = i < 5 ? ':' : '\0';
	}
	return 0;
}
