// SPDX-License-Identifier: GPL-2.0
/*
 * ktap-parse [-s] LOGFILE: sums up the KTAP output in a serial log.
 *
 * stdout gets one line:
 *   result=<SUCCESS|FAILURE|NONE> ok=<n> fail=<n> skip=<n> plan_errors=<n>
 * With -s it is followed by one line per suite and per case, in log order:
 *   suite <name> <ran|skipped|cut> ok=<n> fail=<n> skip=<n>
 *   case <suite>.<case> <ok|fail|skip>
 * ("ran": its top-level line came and it was not one "# SKIP" line;
 * "cut": the top-level line never came; a lost name prints as "?").
 * stderr gets one "not ok: suite.case" line per failing case. The exit
 * status is 0 only for a SUCCESS result line with no failures and no
 * plan errors, else 1 (also for a missing or unreadable file, after
 * printing the summary of an empty log). "-" reads standard input.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ktap.h"

static const char *result_name(enum ktap_result r)
{
	switch (r) {
	case KTAP_RESULT_SUCCESS:
		return "SUCCESS";
	case KTAP_RESULT_FAILURE:
		return "FAILURE";
	default:
		return "NONE";
	}
}

static const char *state_name(enum ktap_state st)
{
	return st == KTAP_OK ? "ok" : st == KTAP_FAIL ? "fail" : "skip";
}

static const char *or_unknown(const char *name)
{
	return name[0] ? name : "?";
}

static void print_details(const struct ktap_summary *s)
{
	const struct ktap_suite *su;
	unsigned int i;

	for (i = 0; i < s->nsuites; i++) {
		su = &s->suites[i];
		printf("suite %s %s ok=%u fail=%u skip=%u\n",
		       or_unknown(su->name),
		       !su->complete ? "cut" : su->skipped ? "skipped" : "ran",
		       su->ok, su->fail, su->skip);
	}
	for (i = 0; i < s->ncases; i++)
		printf("case %s.%s %s\n",
		       or_unknown(s->suites[s->cases[i].suite].name),
		       or_unknown(s->cases[i].name),
		       state_name(s->cases[i].state));
}

int main(int argc, char **argv)
{
	bool details = false;
	const struct ktap_summary *s;
	struct ktap_parser p;
	bool read_ok = true;
	char *line = NULL;
	size_t cap = 0;
	unsigned int i;
	FILE *f = NULL;
	int rc;

	ktap_init(&p);
	if (argc == 3 && strcmp(argv[1], "-s") == 0) {
		details = true;
		argv++;
		argc--;
	}
	if (argc != 2) {
		fprintf(stderr, "usage: %s [-s] LOGFILE\n", argv[0]);
		read_ok = false;
	} else if (strcmp(argv[1], "-") == 0) {
		f = stdin;
	} else {
		f = fopen(argv[1], "r");
		if (!f) {
			perror(argv[1]);
			read_ok = false;
		}
	}

	if (f) {
		while (getline(&line, &cap, f) >= 0)
			ktap_feed_line(&p, line);
		if (ferror(f)) {
			perror(argv[1]);
			read_ok = false;
		}
		if (f != stdin)
			fclose(f);
	}
	free(line);

	s = ktap_finish(&p);
	printf("result=%s ok=%u fail=%u skip=%u plan_errors=%u\n",
	       result_name(s->result), s->ok, s->fail, s->skip,
	       s->plan_errors);
	if (details)
		print_details(s);
	for (i = 0; i < s->nfailed; i++)
		fprintf(stderr, "not ok: %s\n", s->failed[i]);

	rc = read_ok && ktap_passed(s) ? 0 : 1;
	ktap_free(&p);
	return rc;
}
