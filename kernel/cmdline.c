// SPDX-License-Identifier: GPL-2.0
/*
 * Kernel command-line parsing (see include/tern/cmdline.h).
 *
 * Grammar: tokens are separated by runs of blanks (space, tab, CR, LF).
 * A token is NAME or NAME=VALUE. Double quotes group blanks into a token
 * and are removed wherever they appear ("foo=\"a b\"" and "\"foo=a b\""
 * both give foo -> "a b"); an unterminated quote runs to the end of the
 * line. The first '=' splits name from value: "foo" passes value NULL,
 * "foo=" passes "". A token that is empty after quote removal is ignored.
 *
 * The input is never written to: each token is unquoted into a stack
 * buffer of CMDLINE_TOKEN_MAX bytes. A token that does not fit is
 * skipped entirely and reported as -E2BIG with its (truncated) name and a
 * NULL value, so a handler never sees a silently shortened value.
 * Pure code: also linked into the host unit tests.
 */
#include <tern/cmdline.h>
#include <tern/string.h>

#define CMDLINE_TOKEN_MAX	256

static bool is_blank(char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

/*
 * Copies the token starting at *pp into tok (unquoted, NUL-terminated)
 * and advances *pp past it. Returns the unquoted length, which is
 * >= CMDLINE_TOKEN_MAX when the token was cut short; *eq is set to the
 * offset of the first unquoted-copy '=' or -1.
 */
static size_t next_token(const char **pp, char *tok, int *eq)
{
	const char *p = *pp;
	bool quoted = false;
	size_t len = 0;

	*eq = -1;
	for (; *p; p++) {
		if (*p == '"') {
			quoted = !quoted;
			continue;
		}
		if (!quoted && is_blank(*p))
			break;
		if (*p == '=' && *eq < 0 && len < CMDLINE_TOKEN_MAX)
			*eq = (int)len;
		if (len < CMDLINE_TOKEN_MAX - 1)
			tok[len] = *p;
		len++;
	}
	tok[len < CMDLINE_TOKEN_MAX ? len : CMDLINE_TOKEN_MAX - 1] = '\0';
	*pp = p;
	return len;
}

static const struct cmdline_opt *find_opt(const struct cmdline_opt *opts,
					  unsigned int nopts, const char *name)
{
	unsigned int i;

	for (i = 0; i < nopts; i++) {
		if (opts[i].name && !strcmp(opts[i].name, name))
			return &opts[i];
	}
	return NULL;
}

int cmdline_parse(const char *cmdline, const struct cmdline_opt *opts,
		  unsigned int nopts,
		  void (*report)(const char *name, const char *value, int err))
{
	char tok[CMDLINE_TOKEN_MAX];
	const struct cmdline_opt *opt;
	const char *p = cmdline;
	const char *value;
	int problems = 0;
	size_t len;
	int eq;
	int err;

	if (!p)
		return 0;

	for (;;) {
		while (is_blank(*p))
			p++;
		if (!*p)
			break;

		len = next_token(&p, tok, &eq);
		if (len == 0)
			continue;

		if (len >= CMDLINE_TOKEN_MAX) {
			if (eq >= 0)
				tok[eq] = '\0';
			value = NULL;
			err = -E2BIG;
		} else {
			value = NULL;
			if (eq >= 0) {
				tok[eq] = '\0';
				value = &tok[eq + 1];
			}
			opt = find_opt(opts, nopts, tok);
			if (!opt)
				err = -ENOENT;
			else if (opt->set)
				err = opt->set(value, opt->arg);
			else
				err = 0;
		}

		if (err) {
			problems++;
			if (report)
				report(tok, value, err);
		}
	}
	return problems;
}

static bool str_in(const char *s, const char *const *list)
{
	for (; *list; list++) {
		if (!strcmp(s, *list))
			return true;
	}
	return false;
}

int cmdline_set_bool(const char *value, void *arg)
{
	static const char *const yes[] = { "1", "on", "yes", "true", NULL };
	static const char *const no[] = { "0", "off", "no", "false", NULL };
	bool *b = arg;

	if (!value || str_in(value, yes))
		*b = true;
	else if (str_in(value, no))
		*b = false;
	else
		return -EINVAL;
	return 0;
}

int cmdline_set_uint(const char *value, void *arg)
{
	unsigned int *out = arg;
	u64 v;

	if (!value || kstrtou64(value, 0, &v) || v > ~0U)
		return -EINVAL;
	*out = (unsigned int)v;
	return 0;
}
