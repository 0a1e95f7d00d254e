/* SPDX-License-Identifier: GPL-2.0 */
/*
 * xl domain configuration files (xl.cfg(5)), as `xl create` reads them:
 * the syntax of libxlu (tools/libs/util/libxlu_cfg_l.l and _y.y in Xen)
 * and the meaning xl gives the keys Tern supports (tools/xl/xl_parse.c
 * and libxl's defaults, Xen 4.17).
 *
 * Syntax, as libxlu's lexer and grammar accept it:
 *  - settings "key = value" or "key += value", each ended by a newline
 *    or ';' (the last one may end at the end of the file); empty
 *    statements are fine. Keys are [a-z][a-z0-9._]*: lower case only.
 *  - values: a string in "double" or 'single' quotes, on one line; a
 *    number, [0-9][0-9a-fx]* (no sign, no '.', no upper case); a list
 *    [ v, v, ] of values (nested lists too), newlines allowed after '['
 *    and around the items, one trailing comma allowed.
 *  - only spaces and tabs separate tokens: a '\r' (a DOS line end) is an
 *    error in xl and here.
 *  - '#' starts a comment that runs to the end of the line. xl requires
 *    the newline: a comment on the last line of a file without one is an
 *    error (libxlu's comment rule is "#.*\n").
 *  - escapes in strings: a backslash then one of "'\abfnrtv, as in C.
 *    libxlu rejects every \x escape (its hex branch can never succeed)
 *    and does this with an octal-looking one: '\' and a digit 0-7, then
 *    what strtoul() base 10 takes from the next 3 characters must be at
 *    least 2 of them, and the whole escape then yields no character
 *    ("\012" is ""); both are mirrored. Anything else after a
 *    backslash is an error, and so (here) is a NUL byte anywhere but in
 *    a comment.
 *  - the last setting of a key wins. "+=" appends a string to the key's
 *    string or a list to its list (a string to a list, or the reverse, is
 *    an error); on a key not set before it is "=".
 *  - a number is what strtol(value, &end, 0) reads, the whole value: a
 *    number token or a string ("512", " 0x200"); so 0x10 is 16, and 010
 *    is 8 (octal), as in xl. "+=" on a numeric key is an error (xl warns
 *    and ignores the key).
 *
 * Keys (xl's defaults in brackets):
 *  name      required; 1 to 63 of [A-Za-z0-9._-], not all digits (xl
 *            would take such a name for a domain id).
 *  type      "pv" or "pvh"; as xl, any prefix of "pv" is pv and any
 *            prefix of "hvm" (even "") is hvm, which Tern rejects
 *            ("HVM guests are not supported"). The deprecated builder =
 *            "generic" is pv ("hvm" is hvm); a builder contradicting type
 *            is an error. [pv: xl's default on x86]
 *  kernel    required (direct kernel boot only), at most 255 bytes.
 *  ramdisk   at most 255 bytes; "" means none, as in libxl. [none]
 *  cmdline, root, extra: the guest's command line is, as xl_parse.c's
 *            parse_cmdline() builds it: cmdline if set (a warning when
 *            root or extra is set too: they are ignored); else
 *            "root=ROOT EXTRA" when both are set, "root=ROOT", or EXTRA.
 *            At most 1023 bytes (MAX_GUEST_CMDLINE). [empty]
 *  memory    MiB, 1 to 16 TiB. [maxmem if set, else 32: libxl's default]
 *  maxmem    MiB, 1 to 16 TiB, at least memory (xl.cfg(5) requires it;
 *            xl does not check it). [memory]
 *  vcpus     0 to 128; 0 means 1, as in xl. [1]
 *  maxvcpus  0 to 128, at least vcpus (xl: "maxvcpus < vcpus"); 0 means
 *            vcpus. [vcpus]
 *  on_poweroff, on_reboot, on_crash: "destroy", "restart",
 *            "rename-restart", "preserve", "coredump-destroy",
 *            "coredump-restart" or "soft-reset". [destroy, restart,
 *            destroy]
 *  disk, vif lists of strings, kept as they are (not parsed yet), at most
 *            XL_DEV_MAX of XL_DEV_SPEC_MAX - 1 bytes each. [none]
 * Any other key is an error: "unknown key `K`", with "(an xl key Tern
 * does not support yet)" when xl knows it. Where xl only warns and goes
 * on with a default (a list for a single value, a value that is not a
 * number), Tern reports an error.
 *
 * Bounds: at most XL_CFG_MAX_LEN bytes of text, XL_MAX_SETTINGS
 * settings, lists nested XL_MAX_DEPTH deep, numbers written in at most
 * 31 characters; the work is linear in the length of the text.
 */
#ifndef _TERN_XLCFG_H
#define _TERN_XLCFG_H

#include <tern/types.h>

#define XL_NAME_MAX		64	/* with the NUL */
#define XL_PATH_MAX		256
#define XL_CMDLINE_MAX		1024	/* MAX_GUEST_CMDLINE */
#define XL_DEV_MAX		8
#define XL_DEV_SPEC_MAX		256
#define XL_MEMORY_MAX_MIB	(16ULL << 20)	/* 16 TiB */
#define XL_MAX_VCPUS		128
#define XL_DEFAULT_MEMORY_MIB	32	/* libxl: max_memkb = 32 * 1024 */

#define XL_CFG_MAX_LEN		(1U << 20)
#define XL_MAX_SETTINGS		1024
#define XL_MAX_DEPTH		8

#define XL_DIAG_MAX		8
#define XL_DIAG_MSG_MAX		100

enum xl_type {
	XL_TYPE_PV = 1,
	XL_TYPE_PVH,
};

/* libxl_action_on_shutdown's values */
enum xl_action {
	XL_ACTION_DESTROY = 1,
	XL_ACTION_RESTART,
	XL_ACTION_RENAME_RESTART,
	XL_ACTION_PRESERVE,
	XL_ACTION_COREDUMP_DESTROY,
	XL_ACTION_COREDUMP_RESTART,
	XL_ACTION_SOFT_RESET,
};

/*
 * What a config asks for. Large (about 8 KiB): keep it static or in an
 * allocated page, not on a stack. After a successful parse every string
 * is NUL-terminated, every byte after it and every unused entry is zero.
 */
struct xl_domain_cfg {
	char name[XL_NAME_MAX];
	enum xl_type type;
	char kernel[XL_PATH_MAX];
	char ramdisk[XL_PATH_MAX];	/* "": none */
	char cmdline[XL_CMDLINE_MAX];	/* what the guest gets */
	char root[XL_CMDLINE_MAX];	/* root and extra as given */
	char extra[XL_CMDLINE_MAX];
	u64 memory_mib;
	u64 maxmem_mib;
	u32 vcpus;
	u32 maxvcpus;
	enum xl_action on_poweroff;
	enum xl_action on_reboot;
	enum xl_action on_crash;
	u32 nr_disks;
	u32 nr_vifs;
	char disks[XL_DEV_MAX][XL_DEV_SPEC_MAX];
	char vifs[XL_DEV_MAX][XL_DEV_SPEC_MAX];
};

/*
 * One message about the text: line 1 is the first (0: the file as a
 * whole, as for a missing key), col the byte in the line from 1 (0: not
 * known). The caller prints "FILE:LINE: message" (plus "warning: " when
 * !error). Messages are plain ASCII: text from the config is quoted only
 * after its non-printable bytes became '?'.
 */
struct xl_diag {
	u32 line;
	u32 col;
	bool error;
	char msg[XL_DIAG_MSG_MAX];
};

struct xl_diags {
	u32 nr;			/* entries in d[] */
	u32 errors;		/* errors found, kept in d[] or not */
	u32 dropped;		/* messages that did not fit in d[] */
	struct xl_diag d[XL_DIAG_MAX];
};

/*
 * Parse the config text [text, text + len) (NUL bytes are not special to
 * the length) into *cfg, messages into *diags (may be NULL). Syntax
 * errors are reported with the line each is on, then parsing goes on at
 * the next line, as libxlu does; the keys' values are only checked when
 * the syntax is right. Returns 0 when there is no error (there may be
 * warnings), else -EINVAL; *cfg is then unspecified.
 */
int xl_cfg_parse(const char *text, size_t len, struct xl_domain_cfg *cfg,
		 struct xl_diags *diags);

/*
 * Write cfg as a config in canonical form into buf (size bytes, always
 * NUL-terminated if size > 0): one "key = value" a line, strings in
 * double quotes with escapes, numbers in decimal, every key but empty
 * ramdisk, cmdline, root, extra and device lists. xl_cfg_parse() reads it
 * back into the same struct (with the cmdline warning if root or extra is
 * set). Returns the length the whole text needs, as snprintf().
 */
size_t xl_cfg_format(const struct xl_domain_cfg *cfg, char *buf, size_t size);

/* "destroy", ... or NULL for a value outside enum xl_action */
const char *xl_action_name(enum xl_action a);

#endif
