// SPDX-License-Identifier: GPL-2.0
/*
 * KTAP log parser (see ktap.h for what it reports).
 *
 * Each line is cleaned (text after its last CR, trailing blanks cut),
 * then classified by indentation: column 0 is the top-level document,
 * exactly four spaces is a suite's subtest, anything else is ignored.
 *
 * State: at most one open document and, inside it, at most one open
 * suite. A suite opens with its nested "KTAP version" or "# Subtest:"
 * line (either order, as Tern and Linux differ) or, if those were lost,
 * with its first nested plan or result; it closes with the top-level
 * "ok N name" line. A suite that never gets that line (the next suite,
 * the result line or the end of the log comes first) was cut off: one
 * plan error. Likewise a document closes with "Test result:" or a new
 * top-level "KTAP version"; it is checked against its "1..N" plan. Each
 * suite and each document adds at most one plan error, so the count says
 * how many places are broken, not how badly.
 *
 * Counting: every nested result is a leaf case (ok, fail, or skip when
 * it carries a "# SKIP" directive, whether "ok" or "not ok"). A suite
 * line adds a count only when the suite ran no case: "# SKIP" adds a
 * skip, "not ok" a failure, and a bare "ok" (a top-level test without
 * subtests) a pass. A "not ok" suite whose cases all passed adds one
 * failure named after the suite, so a failure is never lost.
 *
 * Records: every suite (when it opens, or at its top-level line if it ran
 * no case) and every case are also kept in order in the summary, so that
 * the harness can check that the suites a row requires ran and were not
 * skipped. They only add detail; the counts above do not depend on them.
 */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "ktap.h"

#define LINE_MAX_KEEP	1024

enum line_kind {
	L_OTHER,
	L_HEADER,	/* KTAP version N */
	L_PLAN,		/* 1..N */
	L_RESULT,	/* ok / not ok N [- ]name [# directive] */
	L_SUBTEST,	/* # Subtest: name */
	L_VERDICT,	/* Test result: WORD */
};

struct line_info {
	enum line_kind kind;
	unsigned long num;	/* plan count or test number */
	bool ok;
	bool skip;
	char name[KTAP_NAME_MAX];
	enum ktap_result verdict;
};

static const char *skip_spaces(const char *s)
{
	while (*s == ' ' || *s == '\t')
		s++;
	return s;
}

static bool starts_with(const char *s, const char *prefix)
{
	return strncmp(s, prefix, strlen(prefix)) == 0;
}

/* Parses a decimal number; returns the end or NULL if none. */
static const char *parse_num(const char *s, unsigned long *v)
{
	char *end;

	if (!isdigit((unsigned char)*s))
		return NULL;
	*v = strtoul(s, &end, 10);
	return end;
}

/* Copies s[0..len) without surrounding blanks, bounded. */
static void copy_trimmed(char *dst, const char *s, size_t len)
{
	while (len && (*s == ' ' || *s == '\t')) {
		s++;
		len--;
	}
	while (len && (s[len - 1] == ' ' || s[len - 1] == '\t'))
		len--;
	if (len >= KTAP_NAME_MAX)
		len = KTAP_NAME_MAX - 1;
	memcpy(dst, s, len);
	dst[len] = '\0';
}

/* "ok 3 name # SKIP why" or "not ok 3 - name" (body without "ok "). */
static bool parse_result(const char *s, struct line_info *li)
{
	const char *hash;

	s = parse_num(s, &li->num);
	if (!s || (*s && *s != ' ' && *s != '\t'))
		return false;
	s = skip_spaces(s);
	if (s[0] == '-' && (s[1] == ' ' || s[1] == '\0'))
		s = skip_spaces(s + 1);

	hash = strchr(s, '#');
	copy_trimmed(li->name, s, hash ? (size_t)(hash - s) : strlen(s));
	if (hash) {
		hash = skip_spaces(hash + 1);
		li->skip = strncasecmp(hash, "skip", 4) == 0 &&
			   (hash[4] == '\0' || !isalnum((unsigned char)hash[4]));
	}
	li->kind = L_RESULT;
	return true;
}

static void classify(const char *s, struct line_info *li)
{
	const char *end;

	memset(li, 0, sizeof(*li));
	li->kind = L_OTHER;

	if (starts_with(s, "KTAP version ") || starts_with(s, "TAP version ")) {
		li->kind = L_HEADER;
	} else if (starts_with(s, "1..")) {
		end = parse_num(s + 3, &li->num);
		if (end && (*skip_spaces(end) == '\0' || *skip_spaces(end) == '#'))
			li->kind = L_PLAN;
	} else if (starts_with(s, "ok ")) {
		li->ok = true;
		parse_result(s + 3, li);
	} else if (starts_with(s, "not ok ")) {
		parse_result(s + 7, li);
	} else if (starts_with(s, "# Subtest:")) {
		s = s + strlen("# Subtest:");
		copy_trimmed(li->name, s, strlen(s));
		li->kind = L_SUBTEST;
	} else if (starts_with(s, "Test result:")) {
		s = skip_spaces(s + strlen("Test result:"));
		li->verdict = strcmp(s, "SUCCESS") == 0 ? KTAP_RESULT_SUCCESS :
							  KTAP_RESULT_FAILURE;
		li->kind = L_VERDICT;
	}
}

static void add_failed(struct ktap_parser *p, const char *suite,
		       const char *name)
{
	struct ktap_summary *sum = &p->sum;
	size_t len = strlen(suite) + strlen(name) + 2;
	char **grown;
	char *s;

	if (sum->nfailed == p->failed_cap) {
		size_t cap = p->failed_cap ? p->failed_cap * 2 : 8;

		grown = realloc(sum->failed, cap * sizeof(*grown));
		if (!grown)
			return;		/* the count still says it failed */
		sum->failed = grown;
		p->failed_cap = cap;
	}
	s = malloc(len);
	if (!s)
		return;
	if (*suite && *name) {
		strcpy(s, suite);
		strcat(s, ".");
		strcat(s, name);
	} else {
		strcpy(s, *suite ? suite : name);
	}
	sum->failed[sum->nfailed++] = s;
}

/* Grows *arr (of *cap elements of size sz) to hold n + 1; false if not. */
static bool grow(void **arr, size_t *cap, unsigned int n, size_t sz)
{
	size_t want = *cap ? *cap * 2 : 16;
	void *grown;

	if (n < *cap)
		return true;
	grown = realloc(*arr, want * sz);
	if (!grown)
		return false;
	*arr = grown;
	*cap = want;
	return true;
}

/* Appends a suite record; returns its index or -1. */
static long add_suite(struct ktap_parser *p, const char *name)
{
	struct ktap_summary *sum = &p->sum;
	struct ktap_suite *rec;

	if (!grow((void **)&sum->suites, &p->suites_cap, sum->nsuites,
		  sizeof(*rec)))
		return -1;
	rec = &sum->suites[sum->nsuites];
	memset(rec, 0, sizeof(*rec));
	strcpy(rec->name, name);
	return sum->nsuites++;
}

static struct ktap_suite *cur_suite(struct ktap_parser *p)
{
	return p->suite_rec < 0 ? NULL : &p->sum.suites[p->suite_rec];
}

static void add_case(struct ktap_parser *p, const char *name,
		     enum ktap_state state)
{
	struct ktap_summary *sum = &p->sum;
	struct ktap_suite *suite = cur_suite(p);
	struct ktap_case *c;

	if (!suite)
		return;
	if (state == KTAP_OK)
		suite->ok++;
	else if (state == KTAP_FAIL)
		suite->fail++;
	else
		suite->skip++;
	if (!grow((void **)&sum->cases, &p->cases_cap, sum->ncases,
		  sizeof(*c)))
		return;
	c = &sum->cases[sum->ncases++];
	c->suite = (unsigned int)p->suite_rec;
	strcpy(c->name, name);
	c->state = state;
}

static void start_doc(struct ktap_parser *p, bool implicit)
{
	p->in_doc = true;
	p->doc_bad = implicit;
	p->doc_plan = -1;
	p->doc_count = 0;
}

static void ensure_doc(struct ktap_parser *p)
{
	if (!p->in_doc)
		start_doc(p, true);
}

static void start_suite(struct ktap_parser *p, bool header, const char *name)
{
	ensure_doc(p);
	p->in_suite = true;
	p->suite_has_header = header;
	p->suite_bad = false;
	strcpy(p->suite_name, name);
	p->suite_plan = -1;
	p->suite_count = 0;
	p->suite_fail = 0;
	p->suite_first_failed = p->sum.nfailed;
	p->suite_rec = add_suite(p, name);
}

/* Closes the open suite; cut_off means its top-level line never came. */
static void close_suite(struct ktap_parser *p, bool cut_off)
{
	if (!p->in_suite)
		return;
	if (cut_off || p->suite_bad || p->suite_plan < 0 ||
	    (unsigned long)p->suite_plan != p->suite_count)
		p->sum.plan_errors++;
	p->in_suite = false;
	p->suite_rec = -1;
}

static void close_doc(struct ktap_parser *p)
{
	close_suite(p, true);
	if (!p->in_doc)
		return;
	if (p->doc_bad || p->doc_plan < 0 ||
	    (unsigned long)p->doc_plan != p->doc_count)
		p->sum.plan_errors++;
	p->in_doc = false;
}

/* A suite is "fresh" while only its header or name has been seen. */
static bool suite_fresh(const struct ktap_parser *p)
{
	return p->in_suite && p->suite_count == 0 && p->suite_plan < 0;
}

static void nested_line(struct ktap_parser *p, const struct line_info *li)
{
	switch (li->kind) {
	case L_HEADER:
		if (suite_fresh(p) && !p->suite_has_header) {
			p->suite_has_header = true;
			return;
		}
		close_suite(p, true);
		start_suite(p, true, "");
		return;
	case L_SUBTEST:
		if (suite_fresh(p) && !p->suite_name[0]) {
			strcpy(p->suite_name, li->name);
			if (cur_suite(p))
				strcpy(cur_suite(p)->name, li->name);
			return;
		}
		close_suite(p, true);
		start_suite(p, false, li->name);
		return;
	case L_PLAN:
		if (!p->in_suite)
			start_suite(p, false, "");
		if (p->suite_plan >= 0)
			p->suite_bad = true;
		p->suite_plan = (long)li->num;
		return;
	case L_RESULT:
		if (!p->in_suite)
			start_suite(p, false, "");
		if (li->num != p->suite_count + 1)
			p->suite_bad = true;
		p->suite_count++;
		add_case(p, li->name, li->skip ? KTAP_SKIP :
				      li->ok ? KTAP_OK : KTAP_FAIL);
		if (li->skip) {
			p->sum.skip++;
		} else if (li->ok) {
			p->sum.ok++;
		} else {
			p->sum.fail++;
			p->suite_fail++;
			add_failed(p, p->suite_name[0] ? p->suite_name : "?",
				   li->name);
		}
		return;
	default:
		return;
	}
}

/*
 * Failures of a suite whose name line was lost were recorded as "?.case";
 * the suite's own result line names them.
 */
static void name_anonymous_failures(struct ktap_parser *p, const char *name)
{
	struct ktap_summary *sum = &p->sum;
	unsigned int i;
	char *s;

	for (i = p->suite_first_failed; i < sum->nfailed; i++) {
		s = malloc(strlen(name) + strlen(sum->failed[i]));
		if (!s)
			continue;
		strcpy(s, name);
		strcat(s, sum->failed[i] + 1);	/* keep ".case" */
		free(sum->failed[i]);
		sum->failed[i] = s;
	}
}

static void suite_result(struct ktap_parser *p, const struct line_info *li)
{
	bool had_suite = p->in_suite;
	unsigned long ran = had_suite ? p->suite_count : 0;
	unsigned long failed = had_suite ? p->suite_fail : 0;
	struct ktap_suite *rec;
	long idx;

	ensure_doc(p);
	if (had_suite) {
		/* a different name means lines were lost or mixed up */
		if (p->suite_name[0] && strcmp(p->suite_name, li->name))
			p->suite_bad = true;
		if (!p->suite_name[0] && li->name[0])
			name_anonymous_failures(p, li->name);
		idx = p->suite_rec;
		close_suite(p, false);
	} else {
		idx = add_suite(p, li->name);
	}
	if (idx >= 0) {
		rec = &p->sum.suites[idx];
		if (!rec->name[0])
			strcpy(rec->name, li->name);
		rec->complete = true;
		rec->skipped = ran == 0 && li->skip;
		rec->state = li->skip ? KTAP_SKIP : li->ok ? KTAP_OK : KTAP_FAIL;
	}

	if (li->num != p->doc_count + 1)
		p->doc_bad = true;
	p->doc_count++;

	if (ran == 0) {
		if (li->skip)
			p->sum.skip++;
		else if (!li->ok)
			p->sum.fail++;
		else if (!had_suite)
			p->sum.ok++;
	} else if (!li->ok && !li->skip && failed == 0) {
		p->sum.fail++;
	}
	if (!li->ok && !li->skip && failed == 0)
		add_failed(p, li->name, "");
}

static void top_line(struct ktap_parser *p, const struct line_info *li)
{
	switch (li->kind) {
	case L_HEADER:
		close_doc(p);
		start_doc(p, false);
		return;
	case L_PLAN:
		ensure_doc(p);
		close_suite(p, true);
		if (p->doc_plan >= 0)
			p->doc_bad = true;
		p->doc_plan = (long)li->num;
		return;
	case L_RESULT:
		suite_result(p, li);
		return;
	case L_VERDICT:
		if (!p->in_doc)
			p->sum.plan_errors++;	/* verdict without any KTAP */
		close_doc(p);
		if (li->verdict > p->sum.result)
			p->sum.result = li->verdict;
		return;
	default:
		return;
	}
}

void ktap_init(struct ktap_parser *p)
{
	memset(p, 0, sizeof(*p));
	p->doc_plan = -1;
	p->suite_plan = -1;
	p->suite_rec = -1;
}

void ktap_feed_line(struct ktap_parser *p, const char *line)
{
	char buf[LINE_MAX_KEEP];
	struct line_info li;
	const char *cr;
	size_t len, indent;

	len = strlen(line);
	while (len && (line[len - 1] == '\n' || line[len - 1] == '\r' ||
		       line[len - 1] == ' ' || line[len - 1] == '\t'))
		len--;
	/* what a terminal would show: the text after the last CR */
	for (cr = line + len; cr > line && cr[-1] != '\r'; cr--)
		;
	len -= cr - line;
	line = cr;
	if (len >= sizeof(buf))
		len = sizeof(buf) - 1;
	memcpy(buf, line, len);
	buf[len] = '\0';

	for (indent = 0; buf[indent] == ' '; indent++)
		;
	if (indent != 0 && indent != 4)
		return;
	if (buf[indent] == '\t')
		return;

	classify(buf + indent, &li);
	if (li.kind == L_OTHER)
		return;
	if (indent == 0)
		top_line(p, &li);
	else
		nested_line(p, &li);
}

void ktap_feed_text(struct ktap_parser *p, const char *text, size_t len)
{
	char buf[LINE_MAX_KEEP];
	const char *nl;
	size_t n;

	while (len) {
		nl = memchr(text, '\n', len);
		n = nl ? (size_t)(nl - text) : len;
		/*
		 * An over-long line is cut: KTAP lines are short, and the
		 * cut part could only be part of an ignored line.
		 */
		memcpy(buf, text, n < sizeof(buf) ? n : sizeof(buf) - 1);
		buf[n < sizeof(buf) ? n : sizeof(buf) - 1] = '\0';
		ktap_feed_line(p, buf);
		if (!nl)
			break;
		len -= n + 1;
		text = nl + 1;
	}
}

const struct ktap_summary *ktap_finish(struct ktap_parser *p)
{
	close_doc(p);
	return &p->sum;
}

bool ktap_passed(const struct ktap_summary *s)
{
	return s->result == KTAP_RESULT_SUCCESS && s->fail == 0 &&
	       s->plan_errors == 0;
}

void ktap_free(struct ktap_parser *p)
{
	unsigned int i;

	for (i = 0; i < p->sum.nfailed; i++)
		free(p->sum.failed[i]);
	free(p->sum.failed);
	free(p->sum.suites);
	free(p->sum.cases);
	ktap_init(p);
}
