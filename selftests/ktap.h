/* SPDX-License-Identifier: GPL-2.0 */
/*
 * KTAP log parser used by the boot-matrix harness (hosted C, no kernel
 * headers). It reads the serial log of a `selftest` boot line by line and
 * sums up what Tern's ktest framework printed (format: the top of
 * include/tern/ktest.h): KTAP v1, suites as one level of subtests
 * indented by four spaces, then "Test result: SUCCESS|FAILURE".
 *
 * The parser assumes nothing about the rest of the log: unrelated lines
 * are ignored, CR characters are handled (a line shows what follows its
 * last CR, as on a terminal), and anything that breaks the structure (a
 * plan that does not match the results, numbers out of sequence, a suite
 * cut off by a crash, a missing header) is counted in plan_errors. A log
 * passes only with a SUCCESS result line, no failures and no plan errors.
 */
#ifndef TERN_SELFTESTS_KTAP_H
#define TERN_SELFTESTS_KTAP_H

#include <stdbool.h>
#include <stddef.h>

enum ktap_result {
	KTAP_RESULT_NONE,	/* no "Test result:" line seen */
	KTAP_RESULT_SUCCESS,
	KTAP_RESULT_FAILURE,	/* FAILURE, or any other word */
};

#define KTAP_NAME_MAX	128

enum ktap_state {
	KTAP_OK,
	KTAP_FAIL,
	KTAP_SKIP,
};

/*
 * One suite as the log reported it, in the order seen. A suite whose
 * cases never ended in its top-level line (a crash, a lost line) is not
 * complete; "skipped" means the whole suite was one "# SKIP" line.
 */
struct ktap_suite {
	char name[KTAP_NAME_MAX];	/* "" if its name line was lost */
	bool complete;
	bool skipped;
	enum ktap_state state;		/* of its top-level line */
	unsigned int ok, fail, skip;	/* its cases */
};

struct ktap_case {
	unsigned int suite;		/* index in ktap_summary.suites */
	char name[KTAP_NAME_MAX];
	enum ktap_state state;
};

struct ktap_summary {
	enum ktap_result result;	/* the most severe result line seen */
	unsigned int ok;		/* leaf cases passed */
	unsigned int fail;		/* leaf cases failed (and failed suites
					 * that ran no case)
					 */
	unsigned int skip;		/* "# SKIP" cases and skipped suites */
	unsigned int plan_errors;	/* structural problems, see above */
	unsigned int nfailed;		/* entries in failed[] */
	char **failed;			/* "suite.case" (or "suite") names */
	/*
	 * Every suite and case seen (a log with two documents, e.g. after a
	 * reboot, lists a suite twice). Entries that could not be allocated
	 * are missing, never invented.
	 */
	unsigned int nsuites;
	struct ktap_suite *suites;
	unsigned int ncases;
	struct ktap_case *cases;
};

struct ktap_parser {
	struct ktap_summary sum;
	size_t failed_cap;
	size_t suites_cap;
	size_t cases_cap;
	long suite_rec;			/* its entry in sum.suites, or -1 */

	/* top-level document */
	bool in_doc;
	bool doc_bad;			/* implicit start or misnumbered */
	long doc_plan;			/* -1: none yet */
	unsigned long doc_count;

	/* current suite (nested subtest) */
	bool in_suite;
	bool suite_has_header;
	bool suite_bad;			/* dup plan or misnumbered */
	char suite_name[KTAP_NAME_MAX];
	long suite_plan;		/* -1: none yet */
	unsigned long suite_count;
	unsigned long suite_fail;
	unsigned int suite_first_failed;	/* its first entry in failed[] */
};

void ktap_init(struct ktap_parser *p);

/* Feeds one log line; a trailing "\n" or "\r\n" is allowed. */
void ktap_feed_line(struct ktap_parser *p, const char *line);

/* Feeds a whole buffer, split on '\n'; need not be NUL-terminated. */
void ktap_feed_text(struct ktap_parser *p, const char *text, size_t len);

/*
 * Ends the input (an open suite or document now counts as cut off) and
 * returns the summary, valid until ktap_free(). Feeding more lines after
 * this starts a fresh document.
 */
const struct ktap_summary *ktap_finish(struct ktap_parser *p);

/* True when the result is SUCCESS with no failures and no plan errors. */
bool ktap_passed(const struct ktap_summary *s);

void ktap_free(struct ktap_parser *p);

#endif
