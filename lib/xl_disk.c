// SPDX-License-Identifier: GPL-2.0
/*
 * One xl disk specification, read as xl 4.17 reads it (the grammar and
 * what Tern supports are in include/tern/xl_disk.h).
 *
 * Design: libxlu_disk_l.l is a flex scanner, so this is its rules table
 * and flex's choice between them: at each position every rule's match
 * length is computed (trailing context counted, as flex does), the
 * longest wins and the earlier rule on a tie; the winner's text without
 * its trailing context is consumed and its action run. The actions keep
 * what libxlu keeps in a libxl_device_disk (strings as spans of the spec,
 * with "unset" apart from "empty", as libxlu's NULL and ""), then the
 * checks of xlu_disk_parse() and libxl's defaults run, then Tern's. The
 * first error ends the parse: in xl every error is final as well, only
 * later ones would be printed too.
 *
 * Invariants: every index is below p->n (at most XL_DISK_SPEC_MAX - 1)
 * before it is read; every rule consumes at least one byte, so the loop
 * ends; strings are copied only after their length was checked against
 * the field; a message is formatted by snprintf() into the caller's
 * buffer, with spec text only through excerpt().
 */
#include <tern/xl_disk.h>
#include <tern/string.h>

/* libxl_disk_format, libxl_disk_backend, libxl_disk_specification */
enum { F_UNKNOWN, F_QCOW, F_QCOW2, F_VHD, F_RAW, F_EMPTY, F_QED };
enum { B_UNKNOWN, B_PHY, B_TAP, B_QDISK, B_STANDALONE };
enum { S_UNKNOWN, S_XEN, S_VIRTIO };

static const char *const formats[] = {
	[F_QCOW] = "qcow", [F_QCOW2] = "qcow2", [F_VHD] = "vhd",
	[F_RAW] = "raw", [F_EMPTY] = "empty", [F_QED] = "qed",
};

static const char *const backends[] = {
	[B_PHY] = "phy", [B_TAP] = "tap", [B_QDISK] = "qdisk",
	[B_STANDALONE] = "standalone",
};

static const char *const specifications[] = {
	[S_XEN] = "xen", [S_VIRTIO] = "virtio",
};

/* what a rule's pattern is */
enum kind {
	R_WS,		/* [ \t\n]+/([^ \t\n].*)? */
	R_VALUE,	/* LIT[^,]*,? */
	R_FLAG,		/* LIT,? */
	R_REST,		/* LIT.* */
	R_UNKNOWN,	/* [a-z][-a-z0-9]*=[^,],? */
	R_PREFIX,	/* LIT/.* (LIT ends in ':') */
	R_BADPREFIX,	/* [a-z][a-z0-9]*:/([^a-z0-9].*)? */
	R_POS,		/* [^=,]*,|[^=,]+,? */
	R_DOT,		/* . */
};

enum act {
	A_NONE, A_FORMAT, A_CDROM, A_DISK, A_BADTYPE, A_ACCESS, A_BACKEND,
	A_BACKENDTYPE, A_SPECIFICATION, A_VDEV, A_SCRIPT, A_DIRECT_IO_SAFE,
	A_DISCARD, A_NO_DISCARD, A_COLO, A_NO_COLO, A_COLO_PARAM, A_TRUSTED,
	A_UNTRUSTED, A_TARGET, A_UNKNOWN, A_PFX_FORMAT, A_PFX_SCRIPT,
	A_PFX_IGNORED, A_BADPREFIX, A_POSITIONAL, A_BAD,
};

/* libxlu_disk_l.l's rules of Xen 4.17, in its order */
static const struct rule {
	enum kind kind;
	enum act act;
	const char *lit;
} rules[] = {
	{ R_WS, A_NONE, NULL },
	{ R_VALUE, A_FORMAT, "format=" },
	{ R_FLAG, A_CDROM, "cdrom" },
	{ R_FLAG, A_CDROM, "devtype=cdrom" },
	{ R_FLAG, A_DISK, "devtype=disk" },
	{ R_VALUE, A_BADTYPE, "devtype=" },
	{ R_VALUE, A_ACCESS, "access=" },
	{ R_VALUE, A_BACKEND, "backend=" },
	{ R_VALUE, A_BACKENDTYPE, "backendtype=" },
	{ R_VALUE, A_SPECIFICATION, "specification=" },
	{ R_VALUE, A_VDEV, "vdev=" },
	{ R_VALUE, A_SCRIPT, "script=" },
	{ R_FLAG, A_DIRECT_IO_SAFE, "direct-io-safe" },
	{ R_FLAG, A_DISCARD, "discard" },
	{ R_FLAG, A_NO_DISCARD, "no-discard" },
	{ R_FLAG, A_COLO, "colo" },
	{ R_FLAG, A_NO_COLO, "no-colo" },
	{ R_VALUE, A_COLO_PARAM, "colo-host=" },
	{ R_VALUE, A_COLO_PARAM, "colo-port=" },
	{ R_VALUE, A_COLO_PARAM, "colo-export=" },
	{ R_VALUE, A_COLO_PARAM, "active-disk=" },
	{ R_VALUE, A_COLO_PARAM, "hidden-disk=" },
	{ R_FLAG, A_TRUSTED, "trusted" },
	{ R_FLAG, A_UNTRUSTED, "untrusted" },
	{ R_REST, A_TARGET, "target=" },
	{ R_UNKNOWN, A_UNKNOWN, NULL },
	/* one rule each in libxlu: (raw|qcow2?|vhd): (iscsi|e?nbd|drbd): */
	{ R_PREFIX, A_PFX_FORMAT, "raw:" },
	{ R_PREFIX, A_PFX_FORMAT, "qcow:" },
	{ R_PREFIX, A_PFX_FORMAT, "qcow2:" },
	{ R_PREFIX, A_PFX_FORMAT, "vhd:" },
	{ R_PREFIX, A_PFX_SCRIPT, "iscsi:" },
	{ R_PREFIX, A_PFX_SCRIPT, "nbd:" },
	{ R_PREFIX, A_PFX_SCRIPT, "enbd:" },
	{ R_PREFIX, A_PFX_SCRIPT, "drbd:" },
	{ R_PREFIX, A_PFX_IGNORED, "tapdisk:" },
	{ R_PREFIX, A_PFX_IGNORED, "tap:" },
	{ R_PREFIX, A_PFX_IGNORED, "tap2:" },
	{ R_PREFIX, A_PFX_IGNORED, "aio:" },
	{ R_PREFIX, A_PFX_IGNORED, "ioemu:" },
	{ R_PREFIX, A_PFX_IGNORED, "file:" },
	{ R_PREFIX, A_PFX_IGNORED, "phy:" },
	{ R_BADPREFIX, A_BADPREFIX, NULL },
	{ R_POS, A_POSITIONAL, NULL },
	{ R_DOT, A_BAD, NULL },
};

/* a string of the spec: libxlu's char *, NULL (!set) or not */
struct span {
	bool set;
	size_t off, len;
};

/* the first byte at or after from that is in a set: cached, as from grows */
struct finder {
	const char *set;
	size_t from, at;
	bool valid;
};

struct dp {
	const char *s;
	size_t n;
	struct finder nl, comma, eq_comma;
	/* what libxlu keeps */
	struct span target, vdev, backend, script, colo_param;
	bool script_prefix;	/* script is "block-" and the span */
	int format, backendtype, specification;
	bool is_cdrom, readwrite, access_set, had_prefix, direct_io_safe;
	int discard, colo, trusted;	/* -1: libxl_defbool unset */
	/* the message */
	char *err;
	size_t errlen;
	bool failed;
};

static bool is_lower(char c)
{
	return c >= 'a' && c <= 'z';
}

static bool is_digit(char c)
{
	return c >= '0' && c <= '9';
}

static bool is_blank(char c)
{
	return c == ' ' || c == '\t' || c == '\n';
}

static size_t find(const struct dp *p, struct finder *f, size_t from)
{
	size_t i;

	if (f->valid && f->from <= from && f->at >= from)
		return f->at;
	for (i = from; i < p->n && !strchr(f->set, p->s[i]); i++)
		;
	f->from = from;
	f->at = i;
	f->valid = true;
	return i;
}

/* the end of the line at i: flex's ".*" from i ends there */
static size_t eol(struct dp *p, size_t i)
{
	return find(p, &p->nl, i);
}

/*
 * An excerpt of the spec fit for a message: at most size - 4 bytes of
 * [off, off + len), then "..." if there was more; a byte that is not
 * printable ASCII, or a backquote, becomes '?'.
 */
static const char *excerpt(char *buf, size_t size, const char *s,
			   size_t off, size_t len)
{
	size_t i, max = size - 4;

	for (i = 0; i < len && i < max; i++) {
		char c = s[off + i];

		buf[i] = c >= 0x20 && c < 0x7f && c != '`' ? c : '?';
	}
	if (i < len) {
		memcpy(buf + i, "...", 3);
		i += 3;
	}
	buf[i] = '\0';
	return buf;
}

/*
 * Fail with msg (text of this file only), and the spec's bytes [off,
 * off + len) as a quoted excerpt when off is not SIZE_MAX.
 */
static int fail_at(struct dp *p, size_t off, size_t len, const char *msg)
{
	char ex[44];

	if (p->failed)
		return -EINVAL;
	p->failed = true;
	if (!p->err || !p->errlen)
		return -EINVAL;
	if (off == SIZE_MAX)
		snprintf(p->err, p->errlen, "%s", msg);
	else if (!len)
		snprintf(p->err, p->errlen, "%s (column %zu)", msg, off + 1);
	else
		snprintf(p->err, p->errlen, "%s: near `%s` (column %zu)", msg,
			 excerpt(ex, sizeof(ex), p->s, off, len), off + 1);
	return -EINVAL;
}

static int fail(struct dp *p, const char *msg)
{
	return fail_at(p, SIZE_MAX, 0, msg);
}

static bool span_is(const struct dp *p, size_t off, size_t len,
		    const char *word)
{
	return strlen(word) == len && !memcmp(p->s + off, word, len);
}

/* libxlu's lookup of a word in a table; -1 if it is not there */
static int lookup(const struct dp *p, size_t off, size_t len,
		  const char *const *names, int nr)
{
	int i;

	for (i = 0; i < nr; i++)
		if (names[i] && span_is(p, off, len, names[i]))
			return i;
	return -1;
}

/* libxlu's DSET(): an enum may be set again only to the same value */
static void dset(struct dp *p, int *field, int v, size_t off, size_t len,
		 const char *respecified)
{
	if (*field && *field != v)
		fail_at(p, off, len, respecified);
	else
		*field = v;
}

/* libxlu's savestring(): set once, unless it was set to "" */
static void save(struct dp *p, struct span *sp, size_t off, size_t len,
		 const char *respecified)
{
	if (sp->set && sp->len) {
		fail_at(p, off, len, respecified);
		return;
	}
	sp->set = true;
	sp->off = off;
	sp->len = len;
}

static void set_format(struct dp *p, size_t off, size_t len)
{
	int f = len ? lookup(p, off, len, formats, ARRAY_SIZE(formats)) :
		F_RAW;

	if (f < 0)
		fail_at(p, off, len, "unknown value for format");
	else
		dset(p, &p->format, f, off, len, "format respecified");
}

static void set_access(struct dp *p, size_t off, size_t len)
{
	if (span_is(p, off, len, "r") || span_is(p, off, len, "ro"))
		p->readwrite = false;
	else if (span_is(p, off, len, "rw") || span_is(p, off, len, "w") ||
		 !len)
		p->readwrite = true;
	else
		fail_at(p, off, len, "unknown value for access");
}

/*
 * libxlu's vdev_and_devtype(): "VDEV:TYPE" (the last colon) sets vdev
 * and the device type. Returns false, doing nothing, without a colon.
 */
static bool vdev_and_devtype(struct dp *p, size_t off, size_t len)
{
	size_t colon = len, t;

	while (colon && p->s[off + colon - 1] != ':')
		colon--;
	if (!colon)
		return false;
	colon--;
	save(p, &p->vdev, off, colon, "vdev respecified");
	t = off + colon + 1;
	if (span_is(p, t, len - colon - 1, "cdrom"))
		p->is_cdrom = true;
	else if (span_is(p, t, len - colon - 1, "disk"))
		p->is_cdrom = false;
	else
		fail_at(p, t, len - colon - 1, "unknown deprecated type");
	return true;
}

/* a positional part: the first slot not filled yet */
static void fill_slot(struct dp *p, size_t off, size_t len)
{
	if (!p->target.set) {
		save(p, &p->target, off, len, "target respecified");
	} else if (!p->had_prefix && p->format == F_UNKNOWN) {
		if (!p->target.len && vdev_and_devtype(p, off, len))
			p->format = F_EMPTY;
		else
			set_format(p, off, len);
	} else if (!p->vdev.set) {
		if (!vdev_and_devtype(p, off, len))
			save(p, &p->vdev, off, len, "vdev respecified");
	} else if (!p->access_set) {
		p->access_set = true;
		set_access(p, off, len);
	} else {
		fail_at(p, off, len, "too many positional parameters");
	}
}

/*
 * How much of the spec at i the rule matches, trailing context included
 * (0: no match), and in *head how much is its text.
 */
static size_t match(struct dp *p, const struct rule *r, size_t i,
		    size_t *head)
{
	const char *s = p->s;
	size_t n = p->n, l = r->lit ? strlen(r->lit) : 0, j;

	if (r->lit && (n - i < l || memcmp(s + i, r->lit, l)))
		return 0;
	j = i + l;
	switch (r->kind) {
	case R_WS:
		while (j < n && is_blank(s[j]))
			j++;
		if (j == i)
			return 0;
		*head = j - i;
		/* [^ \t\n].* : s[j] is no blank, so no newline */
		return j < n ? eol(p, j) - i : *head;
	case R_VALUE:
		j = find(p, &p->comma, j);
		*head = j - i + (j < n);
		return *head;
	case R_FLAG:
		*head = l + (j < n && s[j] == ',');
		return *head;
	case R_REST:
		*head = eol(p, j) - i;
		return *head;
	case R_UNKNOWN:
		if (!is_lower(s[i]))
			return 0;
		for (j = i + 1; j < n && (is_lower(s[j]) || is_digit(s[j]) ||
					  s[j] == '-'); j++)
			;
		if (j + 1 >= n || s[j] != '=' || s[j + 1] == ',')
			return 0;
		j += 2;
		*head = j - i + (j < n && s[j] == ',');
		return *head;
	case R_PREFIX:
		*head = l;
		return eol(p, j) - i;
	case R_BADPREFIX:
		if (!is_lower(s[i]))
			return 0;
		for (j = i + 1; j < n && (is_lower(s[j]) || is_digit(s[j]));
		     j++)
			;
		if (j == n || s[j] != ':')
			return 0;
		*head = ++j - i;
		/* [^a-z0-9] takes a newline too, then .* */
		if (j == n || is_lower(s[j]) || is_digit(s[j]))
			return *head;
		return eol(p, j + 1) - i;
	case R_POS:
		j = find(p, &p->eq_comma, i);
		if (j < n && s[j] == ',')
			j++;
		*head = j - i;
		return *head;
	case R_DOT:
		*head = 1;
		return s[i] != '\n';
	}
	return 0;
}

/* Run rule r's action on [i, i + len), its text. */
static void action(struct dp *p, const struct rule *r, size_t i, size_t len)
{
	size_t l = r->lit ? strlen(r->lit) : 0, v = i + l, vlen;
	int x;

	/* STRIP(','); the value is after the literal (FROMEQUALS) */
	if (len && p->s[i + len - 1] == ',' && r->kind != R_PREFIX &&
	    r->kind != R_BADPREFIX)
		len--;
	vlen = len > l ? len - l : 0;

	switch (r->act) {
	case A_NONE:
	case A_NO_COLO:
		break;
	case A_FORMAT:
		set_format(p, v, vlen);
		break;
	case A_CDROM:
		p->is_cdrom = true;
		break;
	case A_DISK:
		p->is_cdrom = false;
		break;
	case A_BADTYPE:
		fail_at(p, i, len, "unknown value for type");
		break;
	case A_ACCESS:
		set_access(p, v, vlen);
		break;
	case A_BACKEND:
		save(p, &p->backend, v, vlen, "backend respecified");
		break;
	case A_BACKENDTYPE:
		x = lookup(p, v, vlen, backends, ARRAY_SIZE(backends));
		if (x < 0)
			fail_at(p, v, vlen, "unknown value for backendtype");
		else
			dset(p, &p->backendtype, x, v, vlen,
			     "backend respecified");
		break;
	case A_SPECIFICATION:
		x = lookup(p, v, vlen, specifications,
			   ARRAY_SIZE(specifications));
		if (x < 0)
			fail_at(p, v, vlen, "unknown value for specification");
		else
			dset(p, &p->specification, x, v, vlen,
			     "specification respecified");
		break;
	case A_VDEV:
		save(p, &p->vdev, v, vlen, "vdev respecified");
		break;
	case A_SCRIPT:
		save(p, &p->script, v, vlen, "script respecified");
		p->script_prefix = false;
		break;
	case A_DIRECT_IO_SAFE:
		p->direct_io_safe = true;
		break;
	case A_DISCARD:
	case A_NO_DISCARD:
		p->discard = r->act == A_DISCARD;
		break;
	case A_COLO:
		p->colo = 1;
		break;
	case A_COLO_PARAM:
		if (!p->colo_param.set)
			p->colo_param = (struct span){ true, i, len };
		break;
	case A_TRUSTED:
	case A_UNTRUSTED:
		p->trusted = r->act == A_TRUSTED;
		break;
	case A_TARGET:
		save(p, &p->target, v, vlen, "target respecified");
		break;
	case A_UNKNOWN:
		fail_at(p, i, len, "unknown parameter");
		break;
	case A_PFX_FORMAT:
		p->had_prefix = true;
		set_format(p, i, len - 1);
		break;
	case A_PFX_SCRIPT:
		p->had_prefix = true;
		/* "block-NAME" is never empty */
		save(p, &p->script, i, len - 1, "script respecified");
		p->script_prefix = true;
		break;
	case A_PFX_IGNORED:
		p->had_prefix = true;
		break;
	case A_BADPREFIX:
		fail_at(p, i, len, "unknown deprecated disk prefix");
		break;
	case A_POSITIONAL:
		fill_slot(p, i, len);
		break;
	case A_BAD:
		fail_at(p, i, eol(p, i) - i, "bad disk syntax");
		break;
	}
}

/* libxlu_disk_l.l's scanner over the whole spec */
static void scan(struct dp *p)
{
	size_t i = 0, best, len, head, hbest, k, r;

	while (i < p->n && !p->failed) {
		best = 0;
		hbest = 0;
		r = ARRAY_SIZE(rules);
		for (k = 0; k < ARRAY_SIZE(rules); k++) {
			head = 0;
			len = match(p, &rules[k], i, &head);
			if (len > best) {
				best = len;
				hbest = head;
				r = k;
			}
		}
		/* '.' and the blank rule match any byte, with a text */
		if (r == ARRAY_SIZE(rules) || !hbest) {
			fail_at(p, i, 1, "bad disk syntax");
			break;
		}
		action(p, &rules[r], i, hbest);
		i += hbest;
	}
}

/* libxl__resolve_domid(): is the backend domain dom0? */
static bool backend_is_dom0(const struct dp *p)
{
	size_t i;

	if (!p->backend.set || span_is(p, p->backend.off, p->backend.len,
				       "Domain-0"))
		return true;
	/* all digits (even none) is a domain id; Tern takes 0 only */
	for (i = 0; i < p->backend.len; i++)
		if (p->s[p->backend.off + i] != '0')
			return false;
	return true;
}

static int copy_out(struct dp *p, char *dst, size_t size,
		    const struct span *sp, const char *too_long)
{
	if (sp->len >= size)
		return fail_at(p, sp->off, sp->len, too_long);
	memcpy(dst, p->s + sp->off, sp->len);
	return 0;
}

/* xlu_disk_parse()'s checks and defaults, libxl's, then Tern's */
static int finish(struct dp *p, struct xl_disk *out)
{
	char msg[80];
	u32 devid;

	if (p->format == F_UNKNOWN)
		p->format = F_RAW;
	if (p->is_cdrom) {
		p->readwrite = false;
		if (!p->target.len)
			p->format = F_EMPTY;
	}
	if (!p->vdev.set)
		return fail(p, "no vdev specified");
	if (!p->target.set && !p->is_cdrom)
		return fail(p, "no target specified (and device not removable)");

	if (p->is_cdrom)
		return fail(p, "devtype cdrom is not supported: Tern gives guests disks only");
	if (p->format != F_RAW) {
		snprintf(msg, sizeof(msg),
			 "format %s is not supported: Tern serves raw images only",
			 formats[p->format]);
		return fail(p, msg);
	}
	if (!p->target.len)
		return fail(p, "an empty target is not supported (xl: an empty cdrom drive)");
	if (p->specification == S_VIRTIO)
		return fail(p, "specification virtio is not supported: Tern's disks are Xen PV disks");
	if (p->backendtype != B_UNKNOWN && p->backendtype != B_PHY) {
		snprintf(msg, sizeof(msg),
			 "backendtype %s is not supported: Tern's blkback is phy",
			 backends[p->backendtype]);
		return fail(p, msg);
	}
	if (p->script.set) {
		if (p->script_prefix)
			return fail_at(p, p->script.off, p->script.len,
				       "a script prefix is not supported: Tern runs no hotplug scripts");
		return fail_at(p, p->script.off, p->script.len,
			       "script= is not supported: Tern runs no hotplug scripts");
	}
	if (p->colo == 1)
		return fail(p, "colo is not supported");
	if (p->colo_param.set)
		return fail_at(p, p->colo_param.off, p->colo_param.len,
			       "COLO parameters are not supported");
	if (!backend_is_dom0(p))
		return fail_at(p, p->backend.off, p->backend.len,
			       "backend domain is not supported: Tern's disks are dom0's");
	if (p->vdev.len >= XL_VDEV_MAX)
		return fail_at(p, p->vdev.off, p->vdev.len,
			       "invalid or unsupported virtual disk identifier (too long)");
	if (copy_out(p, out->vdev, sizeof(out->vdev), &p->vdev, "vdev too long"))
		return -EINVAL;
	if (xl_vdev_to_devid(out->vdev, &devid))
		return fail_at(p, p->vdev.off, p->vdev.len,
			       "invalid or unsupported virtual disk identifier");
	if (copy_out(p, out->target, sizeof(out->target), &p->target,
		     "target too long"))
		return -EINVAL;

	out->devid = devid;
	out->readonly = !p->readwrite;
	out->discard_set = p->discard >= 0;
	out->discard = out->discard_set ? p->discard : p->readwrite;
	out->direct_io_safe = p->direct_io_safe;
	out->trusted = p->trusted != 0;
	return 0;
}

int xl_disk_parse(const char *spec, struct xl_disk *out, char *err,
		  size_t errlen)
{
	struct dp p = {
		.s = spec,
		.nl = { .set = "\n" },
		.comma = { .set = "," },
		.eq_comma = { .set = "=," },
		.readwrite = true,
		.discard = -1,
		.colo = -1,
		.trusted = -1,
		.err = err,
		.errlen = errlen,
	};

	if (err && errlen)
		err[0] = '\0';
	memset(out, 0, sizeof(*out));
	p.n = strnlen(spec, XL_DISK_SPEC_MAX);
	if (p.n == XL_DISK_SPEC_MAX)
		return fail(&p, "disk spec longer than 255 bytes");
	scan(&p);
	if (p.failed)
		return -EINVAL;
	return finish(&p, out);
}

/*
 * A decimal number at s[*i] without leading zeros ("0" itself is fine),
 * at most max (below 2^28): libxl's partition and d<N>p<M> numbers, read
 * the way both libxl and the doc read them.
 */
static int decimal(const char *s, size_t n, size_t *i, u32 max, u32 *v)
{
	size_t start = *i;

	*v = 0;
	if (*i == n || !is_digit(s[*i]))
		return -EINVAL;
	if (s[*i] == '0' && *i + 1 < n && is_digit(s[*i + 1]))
		return -EINVAL;
	for (; *i < n && is_digit(s[*i]); (*i)++) {
		*v = *v * 10 + (s[*i] - '0');
		if (*v > max || *i - start > 9)
			return -EINVAL;
	}
	return 0;
}

/*
 * libxl's device_virtdisk_matches() after the prefix: letters a-z as a
 * disk index in bijective base 26 (at least one letter, at most max),
 * then an optional partition number: none is 0, else no leading zero and
 * at most max_part.
 */
static int letters_part(const char *s, size_t n, size_t i, u32 max,
			u32 max_part, u32 *disk, u32 *part)
{
	u32 v = 0;		/* the index + 1 */
	size_t start = i;

	for (; i < n && is_lower(s[i]); i++) {
		v = v * 26 + (s[i] - 'a' + 1);
		if (v - 1 > max)
			return -EINVAL;
	}
	if (i == start)
		return -EINVAL;
	*disk = v - 1;
	*part = 0;
	if (i == n)
		return 0;
	if (s[i] == '0')
		return -EINVAL;
	if (decimal(s, n, &i, max_part, part) || i != n)
		return -EINVAL;
	return 0;
}

/* the legacy number: strtoul(s, &end, 0) of the whole string, <= INT_MAX */
static int number(const char *s, size_t n, u32 *devid)
{
	u32 base = 10, d;
	u64 v = 0;
	size_t i = 0;

	if (n > 1 && s[0] == '0' && (s[1] == 'x' || s[1] == 'X')) {
		base = 16;
		i = 2;
		if (i == n)
			return -EINVAL;
	} else if (s[0] == '0') {
		base = 8;
	}
	for (; i < n; i++) {
		char c = s[i];

		if (is_digit(c))
			d = c - '0';
		else if (c >= 'a' && c <= 'f')
			d = c - 'a' + 10;
		else if (c >= 'A' && c <= 'F')
			d = c - 'A' + 10;
		else
			return -EINVAL;
		if (d >= base)
			return -EINVAL;
		v = v * base + d;
		if (v > 0x7fffffff)
			return -EINVAL;
	}
	*devid = v;
	return 0;
}

static u32 xvd_devid(u32 disk, u32 part)
{
	if (disk <= 15 && part <= 15)
		return 202 << 8 | disk << 4 | part;
	return 1U << 28 | disk << 8 | part;
}

int xl_vdev_to_devid(const char *vdev, u32 *devid)
{
	size_t n = strnlen(vdev, XL_VDEV_MAX), i;
	u32 disk, part;

	if (n == XL_VDEV_MAX || !n)
		return -EINVAL;
	if (n > 3 && !memcmp(vdev, "xvd", 3)) {
		if (letters_part(vdev, n, 3, (1U << 20) - 1, 255, &disk, &part))
			return -EINVAL;
		*devid = xvd_devid(disk, part);
		return 0;
	}
	if (vdev[0] == 'd') {
		/* d<disk>p<partition>, both plain decimal */
		i = 1;
		if (decimal(vdev, n, &i, (1U << 20) - 1, &disk) ||
		    i == n || vdev[i++] != 'p' ||
		    decimal(vdev, n, &i, 255, &part) || i != n)
			return -EINVAL;
		*devid = xvd_devid(disk, part);
		return 0;
	}
	if (is_digit(vdev[0]))
		return number(vdev, n, devid);
	if (n > 2 && !memcmp(vdev, "hd", 2)) {
		if (letters_part(vdev, n, 2, 3, 63, &disk, &part))
			return -EINVAL;
		*devid = (disk < 2 ? 3 : 22) << 8 | (disk & 1) << 6 | part;
		return 0;
	}
	if (n > 2 && !memcmp(vdev, "sd", 2)) {
		if (letters_part(vdev, n, 2, 15, 15, &disk, &part))
			return -EINVAL;
		*devid = 8 << 8 | disk << 4 | part;
		return 0;
	}
	return -EINVAL;
}
