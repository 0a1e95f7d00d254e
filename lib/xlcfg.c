// SPDX-License-Identifier: GPL-2.0
/*
 * A parser of xl domain configs (include/tern/xlcfg.h has the syntax and
 * the keys). Pure code: the caller's text, struct and message list are
 * all it touches; no allocation, no globals.
 *
 * Design: a lexer that mirrors libxlu's flex rules (the longest match at
 * each position: the token classes and their character sets are the
 * ones in libxlu_cfg_l.l), and a parser for libxlu's grammar (settings,
 * values, lists) without recursion: lists only need a depth counter, as
 * every level has the same syntax. A syntax error is reported once, then
 * the rest of its line is skipped, as bison's "error NEWLINE" rule makes
 * libxlu do. Only the keys Tern supports keep their value, in a struct
 * kstate each (its latest setting: "=" starts over, "+=" appends, as in
 * libxlu_cfg.c); the values are checked after the whole text, so a bad
 * value that a later setting replaces is no error, as in xl.
 *
 * Invariants: p->pos <= p->len; every loop moves p->pos forward or ends;
 * a string is copied into a field only up to the field's size (the rest
 * is counted, then reported as too long); a message is formatted into
 * its fixed slot by snprintf().
 */
#include <tern/xlcfg.h>
#include <tern/string.h>

enum tok {
	T_EOF, T_NL, T_SEMI, T_COMMA, T_LBRACK, T_RBRACK, T_EQ, T_ADD,
	T_IDENT, T_NUMBER, T_STRING, T_ERR,
};

enum key {
	K_NAME, K_TYPE, K_BUILDER, K_KERNEL, K_RAMDISK, K_CMDLINE, K_ROOT,
	K_EXTRA, K_MEMORY, K_MAXMEM, K_VCPUS, K_MAXVCPUS, K_ON_POWEROFF,
	K_ON_REBOOT, K_ON_CRASH, K_DISK, K_VIF, K_NR,
};

enum kind { STR, WORD, NUM, LIST };

static const struct {
	const char *name;
	enum kind kind;
} keys[K_NR] = {
	[K_NAME] = { "name", STR },
	[K_TYPE] = { "type", WORD },
	[K_BUILDER] = { "builder", WORD },
	[K_KERNEL] = { "kernel", STR },
	[K_RAMDISK] = { "ramdisk", STR },
	[K_CMDLINE] = { "cmdline", STR },
	[K_ROOT] = { "root", STR },
	[K_EXTRA] = { "extra", STR },
	[K_MEMORY] = { "memory", NUM },
	[K_MAXMEM] = { "maxmem", NUM },
	[K_VCPUS] = { "vcpus", NUM },
	[K_MAXVCPUS] = { "maxvcpus", NUM },
	[K_ON_POWEROFF] = { "on_poweroff", WORD },
	[K_ON_REBOOT] = { "on_reboot", WORD },
	[K_ON_CRASH] = { "on_crash", WORD },
	[K_DISK] = { "disk", LIST },
	[K_VIF] = { "vif", LIST },
};

/*
 * The other keys xl 4.17's xl_parse.c reads: an error here too, but the
 * message tells a typo from a feature Tern does not have yet.
 */
static const char *const xl_keys[] = {
	"acpi", "acpi_firmware", "acpi_laptop_slate", "acpi_s3", "acpi_s4",
	"altp2m", "altp2mhvm", "apic", "bios", "bios_path_override", "boot",
	"bootloader", "bootloader_args", "cap", "channel", "cpu_weight",
	"cpuid", "cpus", "cpus_soft", "device_model", "device_model_args",
	"device_model_override", "device_model_stubdomain_override",
	"device_model_stubdomain_seclabel", "device_model_user",
	"device_model_version", "device_tree", "display", "dm_restrict",
	"driver_domain", "dtdev", "e820_host", "extratime", "firmware",
	"firmware_override", "gfx_passthru", "gic_version", "hap", "hdtype",
	"hpet", "init_seclabel", "iomem", "ioports", "irqs", "keymap",
	"latency", "localtime", "max_event_channels", "max_grant_frames",
	"max_grant_version", "max_maptrack_frames", "mca_caps", "mmio_hole",
	"ms_vm_genid", "msr_relaxed", "nestedhvm", "nographic", "nomigrate",
	"nx", "on_soft_reset", "on_watchdog", "oos", "opengl", "p9", "pae",
	"passthrough", "pci", "pci_msitranslate", "pci_permissive",
	"pci_power_mgmt", "pci_seize", "period", "pool", "pvcalls", "pvshim",
	"pvshim_cmdline", "pvshim_extra", "pvshim_path", "rdm",
	"rdm_mem_boundary", "rtc_timeoffset", "sdl", "seclabel", "serial",
	"shadow_memory", "slice", "smbios_firmware", "soundhw", "spice",
	"spice_clipboard_sharing", "spice_image_compression",
	"spice_streaming_video", "spiceagent_mouse",
	"spicedisable_ticketing", "spicehost", "spicepasswd", "spiceport",
	"spicetls_port", "spiceusbredirection", "spicevdagent", "stdvga",
	"stubdomain_cmdline", "stubdomain_kernel", "stubdomain_memory",
	"stubdomain_ramdisk", "tee", "timer_mode", "tsc_mode", "usb",
	"usbctrl", "usbdev", "usbdevice", "usbversion", "uuid", "vdispl",
	"vendor_device", "vfb", "vga", "videoram", "vif2", "viridian", "vkb",
	"vkb_device", "vmtrace_buf_kb", "vnc", "vncdisplay", "vnclisten",
	"vncpasswd", "vncunused", "vncviewer", "vnuma", "vpmu", "vpt_align",
	"vsnd", "vtpm", "vuart", "xauthority", "xen_platform_pci",
	"xend_suspend_evtchn_compat",
};

/* xl_parse.c's action_on_shutdown_names[], by libxl's values */
static const char *const actions[] = {
	[XL_ACTION_DESTROY] = "destroy",
	[XL_ACTION_RESTART] = "restart",
	[XL_ACTION_RENAME_RESTART] = "rename-restart",
	[XL_ACTION_PRESERVE] = "preserve",
	[XL_ACTION_COREDUMP_DESTROY] = "coredump-destroy",
	[XL_ACTION_COREDUMP_RESTART] = "coredump-restart",
	[XL_ACTION_SOFT_RESET] = "soft-reset",
};

#define NUM_MAX		32	/* a number's text, with the NUL */
#define WORD_MAX	24	/* type, builder, on_*: longer is no word */

/* problems in a key's current value, reported if it is the last one */
#define KE_LONG		1	/* a string longer than its field */
#define KE_MANY		2	/* more than XL_DEV_MAX list entries */
#define KE_NESTED	4	/* a list inside a device list */

struct kstate {
	bool set;
	bool add;		/* set last by "+=" (numbers refuse it) */
	bool list;		/* the value is a list */
	u8 err;			/* KE_* */
	u32 line, col;		/* of the value */
	u32 len;		/* bytes of a string, entries of a list */
};

struct parser {
	const char *s;
	size_t len, pos;
	u32 line;		/* of p->pos */
	size_t bol;		/* offset of that line's first byte */
	/* the current token; a string's is the text between its quotes */
	enum tok t;
	size_t tpos, tlen;
	u32 tline, tcol;
	/* the setting being read */
	enum key key;		/* K_NR: not one Tern keeps */
	bool add;
	bool ignore;		/* "+=" of the wrong type: not stored */
	u32 open_line, open_col;	/* of the outermost '[' */
	struct kstate k[K_NR];
	char num[K_MAXVCPUS - K_MEMORY + 1][NUM_MAX];
	char word[5][WORD_MAX];
	u32 settings;
	u32 errors;
	bool syntax;		/* a syntax error: values are not checked */
	struct xl_domain_cfg *cfg;
	struct xl_diags *d;
};

static __printf(5, 6) void diag(struct parser *p, u32 line, u32 col,
				bool error, const char *fmt, ...)
{
	struct xl_diag *m;
	va_list ap;

	if (error)
		p->errors++;
	if (!p->d)
		return;
	if (error)
		p->d->errors++;
	if (p->d->nr == XL_DIAG_MAX) {
		p->d->dropped++;
		return;
	}
	m = &p->d->d[p->d->nr++];
	m->line = line;
	m->col = col;
	m->error = error;
	va_start(ap, fmt);
	vsnprintf(m->msg, sizeof(m->msg), fmt, ap);
	va_end(ap);
}

/* A copy of config text fit for a message: size - 1 bytes at most, and
 * every byte that is not printable ASCII made a '?'.
 */
static const char *printable(char *buf, size_t size, const char *s,
			     size_t n)
{
	size_t i;

	for (i = 0; i < n && i < size - 1; i++)
		buf[i] = s[i] >= 0x20 && s[i] < 0x7f ? s[i] : '?';
	buf[i] = '\0';
	return buf;
}

static bool is_space(char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\v' ||
	       c == '\f' || c == '\r';
}

static bool is_digit(char c)
{
	return c >= '0' && c <= '9';
}

static bool is_lower(char c)
{
	return c >= 'a' && c <= 'z';
}

/*
 * How many of [s, s + n) (n <= 3) strtoul() base 10 consumes: spaces, a
 * sign, digits; 0 if there is no digit.
 */
static size_t strtoul_span(const char *s, size_t n)
{
	size_t i = 0, first;

	while (i < n && is_space(s[i]))
		i++;
	if (i < n && (s[i] == '+' || s[i] == '-'))
		i++;
	first = i;
	while (i < n && is_digit(s[i]))
		i++;
	return i > first ? i : 0;
}

/*
 * libxlu's dequoting (xlu__cfgl_dequote()) of the text between the
 * quotes, [s, s + n), into out: at most room bytes are written, *need
 * counts them all. Returns 0, or -EINVAL with *bad the offset of the
 * backslash and *why the reason.
 */
static int unquote(const char *s, size_t n, char *out, size_t room,
		   size_t *need, size_t *bad, const char **why)
{
	static const char from[] = "\"'\\abfnrtv";
	static const char to[] = "\"'\\\a\b\f\n\r\t\v";
	size_t i = 0, k;
	char c;

	*need = 0;
	while (i < n) {
		c = s[i++];
		if (c == '\\') {
			/* the lexer saw a character after each backslash */
			c = s[i++];
			for (k = 0; from[k] && from[k] != c; k++)
				;
			if (from[k]) {
				c = to[k];
			} else if (c == 'x') {
				/*
				 * NUMERIC_CHAR(2,2,16) never succeeds: its
				 * 2-byte buffer cannot hold more than 2.
				 */
				*bad = i - 2;
				*why = "xl rejects \\x escapes";
				return -EINVAL;
			} else if (c >= '0' && c <= '7') {
				/* NUMERIC_CHAR(1,3,10): no character */
				k = strtoul_span(s + i, min(n - i, (size_t)3));
				if (k <= 1) {
					*bad = i - 2;
					*why = "invalid octal escape";
					return -EINVAL;
				}
				i += k;
				continue;
			} else {
				*bad = i - 2;
				*why = "invalid character after a backslash";
				return -EINVAL;
			}
		}
		if (*need < room)
			out[*need] = c;
		(*need)++;
	}
	return 0;
}

static void newline(struct parser *p)
{
	p->pos++;
	p->line++;
	p->bol = p->pos;
}

static void lex_error(struct parser *p, size_t at, const char *msg)
{
	diag(p, p->line, at - p->bol + 1, true, "%s", msg);
	p->syntax = true;
}

static enum tok lex_string(struct parser *p)
{
	const char *s = p->s;
	char q = s[p->pos];
	size_t i = p->pos + 1, bad, need;
	const char *why;

	for (;;) {
		if (i == p->len || s[i] == '\n')
			break;
		if (s[i] == '\\') {
			if (i + 1 == p->len || s[i + 1] == '\n')
				break;
			i += 2;
			continue;
		}
		if (s[i] == q)
			break;
		i++;
	}
	if (i == p->len || s[i] != q) {
		lex_error(p, p->pos, "unterminated string");
		p->pos = i;
		return T_ERR;
	}
	p->tpos = p->pos + 1;
	p->tlen = i - p->tpos;
	p->pos = i + 1;
	for (bad = p->tpos; bad < i; bad++) {
		if (!s[bad]) {
			lex_error(p, bad, "NUL byte in a string");
			return T_ERR;
		}
	}
	if (unquote(s + p->tpos, p->tlen, NULL, 0, &need, &bad, &why)) {
		lex_error(p, p->tpos + bad, why);
		return T_ERR;
	}
	return T_STRING;
}

/* The next token, as libxlu_cfg_l.l would see it, into p->t. */
static enum tok lex(struct parser *p)
{
	const char *s = p->s;
	size_t n = p->len;
	char c, msg[80];

	while (p->pos < n && (s[p->pos] == ' ' || s[p->pos] == '\t'))
		p->pos++;
	p->tpos = p->pos;
	p->tlen = 1;
	p->tline = p->line;
	p->tcol = p->pos - p->bol + 1;
	if (p->pos == n)
		return p->t = T_EOF;
	c = s[p->pos];
	switch (c) {
	case '\n':
		newline(p);
		return p->t = T_NL;
	case '#':
		while (p->pos < n && s[p->pos] != '\n')
			p->pos++;
		if (p->pos == n) {
			lex_error(p, p->tpos,
				  "a comment on the last line needs a newline after it (xl rejects it)");
			return p->t = T_ERR;
		}
		newline(p);
		return p->t = T_NL;
	case ';':
		p->pos++;
		return p->t = T_SEMI;
	case ',':
		p->pos++;
		return p->t = T_COMMA;
	case '[':
		p->pos++;
		return p->t = T_LBRACK;
	case ']':
		p->pos++;
		return p->t = T_RBRACK;
	case '=':
		p->pos++;
		return p->t = T_EQ;
	case '"':
	case '\'':
		return p->t = lex_string(p);
	}
	if (c == '+' && p->pos + 1 < n && s[p->pos + 1] == '=') {
		p->pos += 2;
		p->tlen = 2;
		return p->t = T_ADD;
	}
	if (is_lower(c)) {
		while (++p->pos < n && (is_lower(s[p->pos]) ||
					is_digit(s[p->pos]) ||
					s[p->pos] == '.' || s[p->pos] == '_'))
			;
		p->tlen = p->pos - p->tpos;
		return p->t = T_IDENT;
	}
	if (is_digit(c)) {
		while (++p->pos < n && (is_digit(s[p->pos]) ||
					(s[p->pos] >= 'a' && s[p->pos] <= 'f') ||
					s[p->pos] == 'x'))
			;
		p->tlen = p->pos - p->tpos;
		return p->t = T_NUMBER;
	}
	if (c == '\r') {
		lex_error(p, p->pos,
			  "carriage return: xl does not accept DOS line ends");
	} else if (c > 0x20 && c < 0x7f) {
		snprintf(msg, sizeof(msg),
			 "unexpected character `%c` (keys are lower case, strings are quoted)",
			 c);
		lex_error(p, p->pos, msg);
	} else {
		lex_error(p, p->pos, c ? "unexpected control or non-ASCII byte" :
			  "unexpected NUL byte");
	}
	return p->t = T_ERR;
}

static void lex_skip_nl(struct parser *p)
{
	while (lex(p) == T_NL)
		;
}

/* libxlu's "error NEWLINE": the rest of the line is skipped */
static void skip_line(struct parser *p)
{
	if (p->t == T_NL || p->t == T_EOF)
		return;
	while (p->pos < p->len && p->s[p->pos] != '\n')
		p->pos++;
	if (p->pos < p->len)
		newline(p);
}

static const char *tok_name(enum tok t)
{
	switch (t) {
	case T_EOF:
		return "the end of the file";
	case T_NL:
		return "the end of the line";
	case T_SEMI:
		return "';'";
	case T_COMMA:
		return "','";
	case T_LBRACK:
		return "'['";
	case T_RBRACK:
		return "']'";
	case T_EQ:
		return "'='";
	case T_ADD:
		return "'+='";
	case T_IDENT:
		return "a word";
	case T_NUMBER:
		return "a number";
	case T_STRING:
		return "a string";
	default:
		return "an error";
	}
}

static void syntax_error(struct parser *p, const char *expected)
{
	/* the lexer has reported its own errors */
	if (p->t != T_ERR)
		diag(p, p->tline, p->tcol, true, "expected %s, found %s",
		     expected, tok_name(p->t));
	p->syntax = true;
	skip_line(p);
}

/* Where key k keeps a string (STR, WORD, NUM), and its size. */
static char *key_buf(struct parser *p, enum key k, size_t *size)
{
	struct xl_domain_cfg *cfg = p->cfg;

	switch (k) {
	case K_NAME:
		*size = sizeof(cfg->name);
		return cfg->name;
	case K_KERNEL:
		*size = sizeof(cfg->kernel);
		return cfg->kernel;
	case K_RAMDISK:
		*size = sizeof(cfg->ramdisk);
		return cfg->ramdisk;
	case K_CMDLINE:
		*size = sizeof(cfg->cmdline);
		return cfg->cmdline;
	case K_ROOT:
		*size = sizeof(cfg->root);
		return cfg->root;
	case K_EXTRA:
		*size = sizeof(cfg->extra);
		return cfg->extra;
	case K_MEMORY:
	case K_MAXMEM:
	case K_VCPUS:
	case K_MAXVCPUS:
		*size = NUM_MAX;
		return p->num[k - K_MEMORY];
	case K_TYPE:
		*size = WORD_MAX;
		return p->word[0];
	case K_BUILDER:
		*size = WORD_MAX;
		return p->word[1];
	default:
		*size = WORD_MAX;
		return p->word[2 + k - K_ON_POWEROFF];
	}
}

static char *list_entry(struct parser *p, enum key k, u32 i)
{
	return k == K_DISK ? p->cfg->disks[i] : p->cfg->vifs[i];
}

/* Append the current atom to [buf, buf + size), *len bytes used. */
static void put_atom(struct parser *p, char *buf, size_t size, u32 *len,
		     u8 *err)
{
	size_t room = size - 1 - *len, need, bad;
	const char *why;

	if (p->t == T_NUMBER) {
		need = p->tlen;
		memcpy(buf + *len, p->s + p->tpos, min(need, room));
	} else {
		unquote(p->s + p->tpos, p->tlen, buf + *len, room, &need,
			&bad, &why);
	}
	if (need > room) {
		*err |= KE_LONG;
		need = room;
	}
	*len += need;
	buf[*len] = '\0';
}

/* The first token of a setting's value: "=" starts over, "+=" appends. */
static void begin_value(struct parser *p)
{
	struct kstate *ks;
	bool list = p->t == T_LBRACK;
	size_t size;

	p->ignore = false;
	if (p->key == K_NR)
		return;
	ks = &p->k[p->key];
	if (p->add && ks->set && ks->list != list) {
		/* libxlu: a lexical error, fatal */
		diag(p, p->tline, p->tcol, true,
		     "can't add a list to a string or a string to a list (%s)",
		     keys[p->key].name);
		p->syntax = true;
		p->ignore = true;
		return;
	}
	if (!p->add || !ks->set) {
		ks->len = 0;
		ks->err = 0;
		if (keys[p->key].kind != LIST)
			key_buf(p, p->key, &size)[0] = '\0';
	}
	ks->set = true;
	ks->add = p->add;
	ks->list = list;
	ks->line = p->tline;
	ks->col = p->tcol;
}

static void atom(struct parser *p, u32 depth)
{
	struct kstate *ks;
	size_t size;
	u32 n = 0;
	char *buf;

	if (p->key == K_NR || p->ignore)
		return;
	ks = &p->k[p->key];
	if (keys[p->key].kind != LIST) {
		if (!depth) {
			buf = key_buf(p, p->key, &size);
			put_atom(p, buf, size, &ks->len, &ks->err);
		}
		return;
	}
	if (depth != 1)
		return;
	if (ks->len == XL_DEV_MAX) {
		ks->err |= KE_MANY;
		return;
	}
	buf = list_entry(p, p->key, ks->len++);
	buf[0] = '\0';
	put_atom(p, buf, XL_DEV_SPEC_MAX, &n, &ks->err);
}

static void list_open(struct parser *p, u32 depth)
{
	if (p->key != K_NR && !p->ignore && keys[p->key].kind == LIST &&
	    depth == 2)
		p->k[p->key].err |= KE_NESTED;
	if (depth == 1) {
		p->open_line = p->tline;
		p->open_col = p->tcol;
	}
}

/*
 * A value, from its first token (in p->t) to its last: an atom, or a
 * list. Returns 0, or -EINVAL after a syntax error (reported, and the
 * rest of its line skipped).
 */
static int parse_value(struct parser *p)
{
	u32 depth = 0;

	begin_value(p);
	for (;;) {
		if (p->t == T_LBRACK) {
			if (depth == XL_MAX_DEPTH) {
				diag(p, p->tline, p->tcol, true,
				     "lists nested more than %u deep",
				     XL_MAX_DEPTH);
				p->t = T_ERR;
				goto err;
			}
			list_open(p, ++depth);
			lex_skip_nl(p);
			if (p->t != T_RBRACK)
				continue;
			depth--;		/* "[ ]" */
		} else if (p->t == T_STRING || p->t == T_NUMBER) {
			atom(p, depth);
		} else {
			goto expected_value;
		}
		/* after a value: close lists, or move on to the next item */
		for (;;) {
			if (!depth)
				return 0;
			lex_skip_nl(p);
			if (p->t == T_RBRACK) {
				depth--;
				continue;
			}
			if (p->t != T_COMMA) {
				if (p->t == T_EOF)
					goto unclosed;
				syntax_error(p, "',' or ']' in a list");
				return -EINVAL;
			}
			lex_skip_nl(p);
			if (p->t != T_RBRACK)
				break;
			depth--;		/* a trailing comma */
		}
	}

expected_value:
	if (p->t == T_EOF && depth)
		goto unclosed;
	syntax_error(p, depth ? "a value or ']'" :
		     "a value (a quoted string, a number or a list)");
	return -EINVAL;
unclosed:
	diag(p, p->open_line, p->open_col, true,
	     "list not closed before the end of the file");
err:
	p->syntax = true;
	skip_line(p);
	return -EINVAL;
}

static void unknown_key(struct parser *p)
{
	char shown[40];
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(xl_keys); i++)
		if (strlen(xl_keys[i]) == p->tlen &&
		    !memcmp(xl_keys[i], p->s + p->tpos, p->tlen))
			break;
	diag(p, p->tline, p->tcol, true, "unknown key `%s`%s%s",
	     printable(shown, sizeof(shown), p->s + p->tpos, p->tlen),
	     p->tlen >= sizeof(shown) ? "..." : "",
	     i < ARRAY_SIZE(xl_keys) ?
	     " (an xl key Tern does not support yet)" : "");
}

/* One setting, from its key (in p->t). */
static void setting(struct parser *p)
{
	unsigned int k;

	for (k = 0; k < K_NR; k++)
		if (strlen(keys[k].name) == p->tlen &&
		    !memcmp(keys[k].name, p->s + p->tpos, p->tlen))
			break;
	p->key = k;
	if (k == K_NR)
		unknown_key(p);

	lex(p);
	if (p->t != T_EQ && p->t != T_ADD) {
		syntax_error(p, "'=' or '+=' after the key");
		return;
	}
	p->add = p->t == T_ADD;
	lex(p);
	if (parse_value(p))
		return;
	lex(p);
	if (p->t != T_NL && p->t != T_SEMI && p->t != T_EOF)
		syntax_error(p, "the end of the line or ';' after the value");
}

static void parse_text(struct parser *p)
{
	for (;;) {
		lex(p);
		switch (p->t) {
		case T_EOF:
			return;
		case T_NL:
		case T_SEMI:
			break;
		case T_IDENT:
			if (++p->settings > XL_MAX_SETTINGS) {
				diag(p, p->tline, p->tcol, true,
				     "more than %u settings", XL_MAX_SETTINGS);
				p->syntax = true;
				return;
			}
			setting(p);
			break;
		default:
			syntax_error(p, "a key");
			break;
		}
	}
}

/* ---- the values ---------------------------------------------------- */

static __printf(3, 4) void key_error(struct parser *p, enum key k,
				     const char *fmt, ...)
{
	char msg[XL_DIAG_MSG_MAX];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	diag(p, p->k[k].line, p->k[k].col, true, "%s", msg);
}

/* Key k has one usable string: set, not a list, not too long. */
static bool key_string(struct parser *p, enum key k)
{
	const struct kstate *ks = &p->k[k];
	size_t size;

	if (!ks->set)
		return false;
	if (ks->list) {
		key_error(p, k, "%s must be a single value, not a list",
			  keys[k].name);
		return false;
	}
	if ((ks->err & KE_LONG) && keys[k].kind != WORD) {
		key_buf(p, k, &size);
		key_error(p, k, "%s is longer than %zu bytes", keys[k].name,
			  size - 1);
		return false;
	}
	return true;
}

/* strtol(s, &end, 0) with nothing after the number: 0, -EINVAL, -ERANGE */
static int parse_long(const char *s, s64 *res)
{
	unsigned int base = 10, d;
	bool neg = false, over = false;
	u64 v = 0, limit;
	const char *first;

	while (is_space(*s))
		s++;
	if (*s == '+' || *s == '-')
		neg = *s++ == '-';
	if (s[0] == '0' && (s[1] == 'x' || s[1] == 'X') &&
	    ((s[2] >= '0' && s[2] <= '9') || ((s[2] | 0x20) >= 'a' &&
					      (s[2] | 0x20) <= 'f'))) {
		base = 16;
		s += 2;
	} else if (s[0] == '0') {
		base = 8;
	}
	limit = neg ? 1ULL << 63 : (1ULL << 63) - 1;
	for (first = s; ; s++) {
		if (is_digit(*s))
			d = *s - '0';
		else if ((*s | 0x20) >= 'a' && (*s | 0x20) <= 'f')
			d = (*s | 0x20) - 'a' + 10;
		else
			break;
		if (d >= base)
			break;
		if (v > (limit - d) / base)
			over = true;
		else
			v = v * base + d;
	}
	if (s == first)
		return -EINVAL;
	if (over)
		return -ERANGE;		/* xl looks at errno first */
	if (*s)
		return -EINVAL;
	*res = neg ? (s64)(0 - v) : (s64)v;
	return 0;
}

/* Key k's number, if set and valid; errors reported. */
static bool key_number(struct parser *p, enum key k, s64 *v)
{
	char *s;
	size_t size;
	int ret;

	if (!key_string(p, k))
		return false;
	if (p->k[k].add) {
		key_error(p, k, "can't use += with numbers (%s)",
			  keys[k].name);
		return false;
	}
	s = key_buf(p, k, &size);
	ret = parse_long(s, v);
	if (ret == -ERANGE)
		key_error(p, k, "%s is out of range", keys[k].name);
	else if (ret)
		key_error(p, k, "%s must be a number", keys[k].name);
	return !ret;
}

static void check_name(struct parser *p)
{
	const char *s = p->cfg->name;
	bool digits = true;
	size_t i;

	if (!key_string(p, K_NAME))
		return;
	for (i = 0; s[i]; i++) {
		char c = s[i];

		if (!is_digit(c))
			digits = false;
		if (!is_digit(c) && !is_lower(c | 0x20) && c != '.' &&
		    c != '_' && c != '-') {
			key_error(p, K_NAME,
				  "name may only have letters, digits, '.', '_' and '-'");
			return;
		}
	}
	if (!i)
		key_error(p, K_NAME, "name is empty");
	else if (digits)
		key_error(p, K_NAME,
			  "name must not be all digits (xl takes that for a domain id)");
}

/* xl_parse.c: strncmp(buf, "hvm", strlen(buf)), a prefix of the name */
static bool prefix_of(const char *s, const char *name)
{
	size_t n = strlen(s);

	return n <= strlen(name) && !memcmp(s, name, n);
}

static void check_type(struct parser *p)
{
	const int hvm = 3;	/* not an enum xl_type */
	char shown[WORD_MAX];
	int t = 0, b = 0;

	if (key_string(p, K_TYPE)) {
		const char *s = p->word[0];

		if (prefix_of(s, "hvm"))
			t = hvm;
		else if (prefix_of(s, "pv"))
			t = XL_TYPE_PV;
		else if (!strcmp(s, "pvh"))
			t = XL_TYPE_PVH;
		else
			key_error(p, K_TYPE,
				  "invalid domain type `%s` (pv or pvh)",
				  printable(shown, sizeof(shown), s,
					    strlen(s)));
	}
	if (key_string(p, K_BUILDER)) {
		const char *s = p->word[1];

		if (prefix_of(s, "hvm"))
			b = hvm;
		else if (prefix_of(s, "generic"))
			b = XL_TYPE_PV;
		else
			key_error(p, K_BUILDER,
				  "invalid builder `%s` (generic)",
				  printable(shown, sizeof(shown), s,
					    strlen(s)));
	}
	if (t && b && t != b)
		key_error(p, K_BUILDER,
			  "contradicting \"builder\" and \"type\" options");
	else if (t == hvm || b == hvm)
		key_error(p, t == hvm ? K_TYPE : K_BUILDER,
			  "HVM guests are not supported");
	p->cfg->type = t ? (enum xl_type)t : b ? (enum xl_type)b :
		XL_TYPE_PV;
}

static void check_paths(struct parser *p)
{
	if (!p->k[K_KERNEL].set)
		diag(p, 0, 0, true,
		     "kernel must be specified (Tern boots kernels directly)");
	else if (key_string(p, K_KERNEL) && !p->cfg->kernel[0])
		key_error(p, K_KERNEL, "kernel is empty");
	/* libxl_dom.c loads a ramdisk if its path has a length */
	key_string(p, K_RAMDISK);
}

/* xl_parse.c's parse_cmdline() */
static void check_cmdline(struct parser *p)
{
	struct xl_domain_cfg *cfg = p->cfg;
	bool root = key_string(p, K_ROOT), extra = key_string(p, K_EXTRA);
	int n;

	if (p->k[K_CMDLINE].set) {
		if (key_string(p, K_CMDLINE) && (root || extra))
			diag(p, p->k[K_CMDLINE].line, p->k[K_CMDLINE].col,
			     false,
			     "ignoring root= and extra= in favour of cmdline=");
		return;
	}
	if (root && extra)
		n = snprintf(cfg->cmdline, sizeof(cfg->cmdline), "root=%s %s",
			     cfg->root, cfg->extra);
	else if (root)
		n = snprintf(cfg->cmdline, sizeof(cfg->cmdline), "root=%s",
			     cfg->root);
	else if (extra)
		n = snprintf(cfg->cmdline, sizeof(cfg->cmdline), "%s",
			     cfg->extra);
	else
		return;
	if (n >= (int)sizeof(cfg->cmdline))
		key_error(p, root ? K_ROOT : K_EXTRA,
			  "the command line root and extra make is longer than %zu bytes",
			  sizeof(cfg->cmdline) - 1);
}

static void check_memory(struct parser *p)
{
	struct xl_domain_cfg *cfg = p->cfg;
	s64 mem = 0, max = 0;
	bool has_mem, has_max;

	has_mem = key_number(p, K_MEMORY, &mem);
	has_max = key_number(p, K_MAXMEM, &max);
	if (has_mem && (mem < 1 || (u64)mem > XL_MEMORY_MAX_MIB)) {
		key_error(p, K_MEMORY, "memory must be 1 to %llu (MiB)",
			  XL_MEMORY_MAX_MIB);
		has_mem = false;
	}
	if (has_max && (max < 1 || (u64)max > XL_MEMORY_MAX_MIB)) {
		key_error(p, K_MAXMEM, "maxmem must be 1 to %llu (MiB)",
			  XL_MEMORY_MAX_MIB);
		has_max = false;
	}
	/* libxl: max_memkb defaults to 32 MiB, target_memkb to max_memkb */
	if (!has_mem)
		mem = p->k[K_MAXMEM].set ? max : XL_DEFAULT_MEMORY_MIB;
	if (!has_max)
		max = p->k[K_MEMORY].set ? mem : XL_DEFAULT_MEMORY_MIB;
	if (has_mem && has_max && max < mem)
		key_error(p, K_MAXMEM,
			  "maxmem (%lld MiB) is less than memory (%lld MiB)",
			  max, mem);
	cfg->memory_mib = mem;
	cfg->maxmem_mib = max;
}

static void check_vcpus(struct parser *p)
{
	struct xl_domain_cfg *cfg = p->cfg;
	s64 v = 1, m = 0;

	if (key_number(p, K_VCPUS, &v) && (v < 0 || v > XL_MAX_VCPUS))
		key_error(p, K_VCPUS, "vcpus must be 0 to %u",
			  XL_MAX_VCPUS);
	/* xl_parse.c: fewer than 1 is 1 */
	cfg->vcpus = v >= 1 && v <= XL_MAX_VCPUS ? v : 1;
	if (key_number(p, K_MAXVCPUS, &m)) {
		if (m < 0 || m > XL_MAX_VCPUS)
			key_error(p, K_MAXVCPUS, "maxvcpus must be 0 to %u",
				  XL_MAX_VCPUS);
		else if (m && m < cfg->vcpus)
			key_error(p, K_MAXVCPUS,
				  "maxvcpus (%lld) is less than vcpus (%u)",
				  m, cfg->vcpus);
	}
	/* xl: max_vcpus 0 (not set) is vcpus */
	cfg->maxvcpus = m >= cfg->vcpus && m <= XL_MAX_VCPUS ? m : cfg->vcpus;
}

static enum xl_action key_action(struct parser *p, enum key k,
			     enum xl_action def)
{
	const char *s = p->word[2 + k - K_ON_POWEROFF];
	char shown[WORD_MAX];
	unsigned int i;

	if (!key_string(p, k))
		return def;
	for (i = XL_ACTION_DESTROY; i < ARRAY_SIZE(actions); i++)
		if (!(p->k[k].err & KE_LONG) && !strcmp(s, actions[i]))
			return i;
	key_error(p, k, "unknown %s action `%s`", keys[k].name,
		  printable(shown, sizeof(shown), s, strlen(s)));
	return def;
}

static u32 devices(struct parser *p, enum key k)
{
	const struct kstate *ks = &p->k[k];
	const char *name = keys[k].name;

	if (!ks->set)
		return 0;
	if (!ks->list)
		key_error(p, k, "%s must be a list", name);
	else if (ks->err & KE_NESTED)
		key_error(p, k, "%s entries must be strings", name);
	else if (ks->err & KE_MANY)
		key_error(p, k, "more than %u %s entries", XL_DEV_MAX, name);
	else if (ks->err & KE_LONG)
		key_error(p, k, "a %s entry is longer than %u bytes", name,
			  XL_DEV_SPEC_MAX - 1);
	else
		return ks->len;
	return 0;
}

/* Zero what follows the string in [s, s + size). */
static void clear_tail(char *s, size_t size)
{
	size_t n = strnlen(s, size);

	memset(s + n, 0, size - n);
}

static void tidy(struct xl_domain_cfg *cfg)
{
	u32 i;

	clear_tail(cfg->name, sizeof(cfg->name));
	clear_tail(cfg->kernel, sizeof(cfg->kernel));
	clear_tail(cfg->ramdisk, sizeof(cfg->ramdisk));
	clear_tail(cfg->cmdline, sizeof(cfg->cmdline));
	clear_tail(cfg->root, sizeof(cfg->root));
	clear_tail(cfg->extra, sizeof(cfg->extra));
	for (i = 0; i < XL_DEV_MAX; i++) {
		if (i >= cfg->nr_disks)
			cfg->disks[i][0] = '\0';
		if (i >= cfg->nr_vifs)
			cfg->vifs[i][0] = '\0';
		clear_tail(cfg->disks[i], XL_DEV_SPEC_MAX);
		clear_tail(cfg->vifs[i], XL_DEV_SPEC_MAX);
	}
}

static void check_values(struct parser *p)
{
	struct xl_domain_cfg *cfg = p->cfg;

	if (!p->k[K_NAME].set)
		diag(p, 0, 0, true, "name must be specified");
	else
		check_name(p);
	check_type(p);
	check_paths(p);
	check_cmdline(p);
	check_memory(p);
	check_vcpus(p);
	cfg->on_poweroff = key_action(p, K_ON_POWEROFF, XL_ACTION_DESTROY);
	cfg->on_reboot = key_action(p, K_ON_REBOOT, XL_ACTION_RESTART);
	cfg->on_crash = key_action(p, K_ON_CRASH, XL_ACTION_DESTROY);
	cfg->nr_disks = devices(p, K_DISK);
	cfg->nr_vifs = devices(p, K_VIF);
}

int xl_cfg_parse(const char *text, size_t len, struct xl_domain_cfg *cfg,
		 struct xl_diags *diags)
{
	struct parser p;

	memset(cfg, 0, sizeof(*cfg));
	if (diags)
		memset(diags, 0, sizeof(*diags));
	memset(&p, 0, sizeof(p));
	p.s = text;
	p.len = text ? len : 0;
	p.line = 1;
	p.cfg = cfg;
	p.d = diags;

	if (p.len > XL_CFG_MAX_LEN) {
		diag(&p, 0, 0, true, "larger than %u bytes", XL_CFG_MAX_LEN);
		return -EINVAL;
	}
	parse_text(&p);
	if (!p.syntax)
		check_values(&p);
	if (p.errors)
		return -EINVAL;
	tidy(cfg);
	return 0;
}

/* ---- canonical text ------------------------------------------------- */

struct out {
	char *buf;
	size_t size, pos;
};

static void out_char(struct out *o, char c)
{
	if (o->pos + 1 < o->size)
		o->buf[o->pos] = c;
	o->pos++;
}

static void out_str(struct out *o, const char *s)
{
	while (*s)
		out_char(o, *s++);
}

static void out_quoted(struct out *o, const char *s)
{
	static const char special[] = "\"\\\a\b\f\n\r\t\v";
	static const char letter[] = "\"\\abfnrtv";
	unsigned int i;

	out_char(o, '"');
	for (; *s; s++) {
		for (i = 0; special[i] && special[i] != *s; i++)
			;
		if (special[i]) {
			out_char(o, '\\');
			out_char(o, letter[i]);
		} else {
			out_char(o, *s);
		}
	}
	out_char(o, '"');
}

static void out_setting(struct out *o, const char *key, const char *s)
{
	out_str(o, key);
	out_str(o, " = ");
	out_quoted(o, s);
	out_char(o, '\n');
}

static void out_number(struct out *o, const char *key, u64 v)
{
	char num[24];

	snprintf(num, sizeof(num), "%llu", v);
	out_str(o, key);
	out_str(o, " = ");
	out_str(o, num);
	out_char(o, '\n');
}

static void out_list(struct out *o, const char *key, u32 nr,
		     const char (*e)[XL_DEV_SPEC_MAX])
{
	u32 i;

	if (!nr)
		return;
	out_str(o, key);
	out_str(o, " = [");
	for (i = 0; i < nr && i < XL_DEV_MAX; i++) {
		out_str(o, i ? ", " : " ");
		out_quoted(o, e[i]);
	}
	out_str(o, " ]\n");
}

const char *xl_action_name(enum xl_action a)
{
	if (a < XL_ACTION_DESTROY || (size_t)a >= ARRAY_SIZE(actions))
		return NULL;
	return actions[a];
}

static void out_action(struct out *o, const char *key, enum xl_action a)
{
	const char *name = xl_action_name(a);

	out_setting(o, key, name ? name : "");
}

size_t xl_cfg_format(const struct xl_domain_cfg *cfg, char *buf, size_t size)
{
	struct out o = { buf, size, 0 };

	out_setting(&o, "name", cfg->name);
	out_setting(&o, "type", cfg->type == XL_TYPE_PVH ? "pvh" : "pv");
	out_setting(&o, "kernel", cfg->kernel);
	if (cfg->ramdisk[0])
		out_setting(&o, "ramdisk", cfg->ramdisk);
	if (cfg->cmdline[0] || cfg->root[0] || cfg->extra[0])
		out_setting(&o, "cmdline", cfg->cmdline);
	if (cfg->root[0])
		out_setting(&o, "root", cfg->root);
	if (cfg->extra[0])
		out_setting(&o, "extra", cfg->extra);
	out_number(&o, "memory", cfg->memory_mib);
	out_number(&o, "maxmem", cfg->maxmem_mib);
	out_number(&o, "vcpus", cfg->vcpus);
	out_number(&o, "maxvcpus", cfg->maxvcpus);
	out_action(&o, "on_poweroff", cfg->on_poweroff);
	out_action(&o, "on_reboot", cfg->on_reboot);
	out_action(&o, "on_crash", cfg->on_crash);
	out_list(&o, "disk", cfg->nr_disks, cfg->disks);
	out_list(&o, "vif", cfg->nr_vifs, cfg->vifs);
	if (size)
		buf[min(o.pos, size - 1)] = '\0';
	return o.pos;
}
