// SPDX-License-Identifier: GPL-2.0
/*
 * Host tests for the KTAP parser (selftests/ktap.c) that decides whether
 * a boot of the matrix passed. Each test feeds a serial log (clean,
 * failing, skipping, cut off by a crash, missing its verdict, full of
 * unrelated output or CR characters, with wrong plans) and checks every
 * field of the summary, including the names of failed cases.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "../ktap.h"

static struct ktap_parser parser;

static int teardown(void **state)
{
	ktap_free(&parser);
	return 0;
}

static const struct ktap_summary *parse(const char *log)
{
	ktap_init(&parser);
	ktap_feed_text(&parser, log, strlen(log));
	return ktap_finish(&parser);
}

static void expect_counts(const struct ktap_summary *s, enum ktap_result r,
			  unsigned int ok, unsigned int fail, unsigned int skip,
			  unsigned int plan_errors)
{
	assert_int_equal(s->result, r);
	assert_int_equal(s->ok, ok);
	assert_int_equal(s->fail, fail);
	assert_int_equal(s->skip, skip);
	assert_int_equal(s->plan_errors, plan_errors);
}

/* The failed names, in order, joined by spaces. */
static void expect_failed(const struct ktap_summary *s, const char *want)
{
	char got[512] = "";
	unsigned int i;

	for (i = 0; i < s->nfailed; i++) {
		if (i)
			strcat(got, " ");
		strcat(got, s->failed[i]);
	}
	assert_string_equal(got, want);
}

static const char good_log[] =
	"Tern booting (native, PVH entry)\n"
	"memory: 128 MiB\n"
	"KTAP version 1\n"
	"1..3\n"
	"    KTAP version 1\n"
	"    # Subtest: printk_format\n"
	"    1..2\n"
	"    ok 1 fmt_integers\n"
	"    # a diagnostic line\n"
	"    ok 2 fmt_hex\n"
	"ok 1 printk_format\n"
	"    KTAP version 1\n"
	"    # Subtest: cmdline\n"
	"    1..3\n"
	"    ok 1 cmdline_basic\n"
	"    ok 2 cmdline_quoting\n"
	"    ok 3 cmdline_bool\n"
	"ok 2 cmdline\n"
	"    KTAP version 1\n"
	"    # Subtest: mm\n"
	"    1..1\n"
	"    ok 1 mm_alloc\n"
	"ok 3 mm\n"
	"Test result: SUCCESS\n"
	"halting\n";

static void test_passing_log(void **state)
{
	const struct ktap_summary *s = parse(good_log);

	expect_counts(s, KTAP_RESULT_SUCCESS, 6, 0, 0, 0);
	assert_int_equal(s->nfailed, 0);
	assert_true(ktap_passed(s));
}

static void test_failing_case(void **state)
{
	const struct ktap_summary *s = parse(
		"KTAP version 1\n"
		"1..2\n"
		"    KTAP version 1\n"
		"    # Subtest: printk_format\n"
		"    1..3\n"
		"    ok 1 fmt_integers\n"
		"    # fmt_hex: FAIL lib/vsprintf_test.c:40: got 'x'\n"
		"    not ok 2 fmt_hex\n"
		"    not ok 3 fmt_ptr\n"
		"not ok 1 printk_format\n"
		"    KTAP version 1\n"
		"    # Subtest: cmdline\n"
		"    1..1\n"
		"    not ok 1 - cmdline_basic\n"
		"not ok 2 cmdline\n"
		"Test result: FAILURE\n");

	expect_counts(s, KTAP_RESULT_FAILURE, 1, 3, 0, 0);
	expect_failed(s, "printk_format.fmt_hex printk_format.fmt_ptr cmdline.cmdline_basic");
	assert_false(ktap_passed(s));
}

static void test_failure_hidden_by_success_line(void **state)
{
	/* a lying verdict does not hide a failed case */
	const struct ktap_summary *s = parse(
		"KTAP version 1\n"
		"1..1\n"
		"    KTAP version 1\n"
		"    # Subtest: s\n"
		"    1..1\n"
		"    not ok 1 c\n"
		"ok 1 s\n"
		"Test result: SUCCESS\n");

	expect_counts(s, KTAP_RESULT_SUCCESS, 0, 1, 0, 0);
	expect_failed(s, "s.c");
	assert_false(ktap_passed(s));
}

static void test_skips(void **state)
{
	const struct ktap_summary *s = parse(
		"KTAP version 1\n"
		"1..3\n"
		"    KTAP version 1\n"
		"    # Subtest: xen\n"
		"    1..3\n"
		"    ok 1 hypercall_page # SKIP not running on Xen\n"
		"    not ok 2 grant_table # SKIP no grants\n"
		"    ok 3 skipper_name_is_not_a_directive\n"
		"ok 1 xen\n"
		"ok 2 acpi # SKIP no ACPI tables\n"
		"    KTAP version 1\n"
		"    # Subtest: empty\n"
		"    1..0\n"
		"ok 3 empty # skip nothing to do\n"
		"Test result: SUCCESS\n");

	expect_counts(s, KTAP_RESULT_SUCCESS, 1, 0, 4, 0);
	assert_true(ktap_passed(s));
}

static void test_skip_word_in_name_is_not_skip(void **state)
{
	const struct ktap_summary *s = parse(
		"KTAP version 1\n"
		"1..1\n"
		"    # Subtest: s\n"
		"    1..2\n"
		"    ok 1 SKIP\n"
		"    not ok 2 c # SKIPPY\n"
		"ok 1 s\n"
		"Test result: SUCCESS\n");

	expect_counts(s, KTAP_RESULT_SUCCESS, 1, 1, 0, 0);
	expect_failed(s, "s.c");
}

static void test_crash_mid_suite(void **state)
{
	const struct ktap_summary *s = parse(
		"KTAP version 1\n"
		"1..2\n"
		"    KTAP version 1\n"
		"    # Subtest: printk_format\n"
		"    1..3\n"
		"    ok 1 fmt_integers\n"
		"    ok 2 fmt_hex\n"
		"PANIC: page fault at 0xffffffff80001234\n"
		"RIP: 0010:fmt_ptr+0x12\n");

	/* the suite and the document are both cut short */
	expect_counts(s, KTAP_RESULT_NONE, 2, 0, 0, 2);
	assert_false(ktap_passed(s));
}

static void test_truncated_mid_line(void **state)
{
	const struct ktap_summary *s = parse(
		"KTAP version 1\n"
		"1..1\n"
		"    KTAP version 1\n"
		"    # Subtest: s\n"
		"    1..2\n"
		"    ok 1 a\n"
		"    ok");

	expect_counts(s, KTAP_RESULT_NONE, 1, 0, 0, 2);
	assert_false(ktap_passed(s));
}

static void test_crash_then_success_line(void **state)
{
	/* results went missing but a (bogus) verdict still arrived */
	const struct ktap_summary *s = parse(
		"KTAP version 1\n"
		"1..2\n"
		"    KTAP version 1\n"
		"    # Subtest: a\n"
		"    1..2\n"
		"    ok 1 x\n"
		"Test result: SUCCESS\n");

	expect_counts(s, KTAP_RESULT_SUCCESS, 1, 0, 0, 2);
	assert_false(ktap_passed(s));
}

static void test_missing_result_line(void **state)
{
	char log[sizeof(good_log)];
	const struct ktap_summary *s;

	strcpy(log, good_log);
	*strstr(log, "Test result:") = '\0';
	s = parse(log);
	expect_counts(s, KTAP_RESULT_NONE, 6, 0, 0, 0);
	assert_false(ktap_passed(s));
}

static void test_empty_and_no_ktap(void **state)
{
	const struct ktap_summary *s = parse("");

	expect_counts(s, KTAP_RESULT_NONE, 0, 0, 0, 0);
	assert_false(ktap_passed(s));
	ktap_free(&parser);

	s = parse("Tern booting\nno selftest on the command line\nhalt\n");
	expect_counts(s, KTAP_RESULT_NONE, 0, 0, 0, 0);
	assert_false(ktap_passed(s));
	ktap_free(&parser);

	/* a verdict with no KTAP before it is not believed */
	s = parse("Test result: SUCCESS\n");
	expect_counts(s, KTAP_RESULT_SUCCESS, 0, 0, 0, 1);
	assert_false(ktap_passed(s));
}

static void test_zero_suites(void **state)
{
	const struct ktap_summary *s = parse(
		"KTAP version 1\n1..0\nTest result: SUCCESS\n");

	expect_counts(s, KTAP_RESULT_SUCCESS, 0, 0, 0, 0);
	assert_true(ktap_passed(s));
}

static void test_garbage_lines(void **state)
{
	const struct ktap_summary *s = parse(
		"\x01\x02\xff\xfe binary junk \x7f\n"
		"\n"
		"ok, continuing boot\n"
		"not okay either\n"
		"1..x\n"
		"KTAP version 1\n"
		"irq 4: spurious\n"
		"1..1\n"
		"  two-space indent: ignored ok 1 x\n"
		"        ok 1 eight-space indent ignored\n"
		"\tok 1 tab-indented ignored\n"
		"    KTAP version 1\n"
		"    # Subtest: s\n"
		"    random nested noise\n"
		"    1..2\n"
		"    ok 1 a\n"
		"xen: event channel 3 bound\n"
		"    ok 2 b\n"
		"# top-level diagnostic\n"
		"ok 1 s\n"
		"Test result: SUCCESS\n"
		"after the verdict: ok fine\n");

	expect_counts(s, KTAP_RESULT_SUCCESS, 2, 0, 0, 0);
	assert_true(ktap_passed(s));
}

static void test_garbled_result_line(void **state)
{
	/* output from an interrupt landed in the middle of a result line */
	const struct ktap_summary *s = parse(
		"KTAP version 1\n"
		"1..1\n"
		"    KTAP version 1\n"
		"    # Subtest: s\n"
		"    1..2\n"
		"    ok 1 a\n"
		"    oktimer: tick\n"
		" 2 b\n"
		"ok 1 s\n"
		"Test result: SUCCESS\n");

	expect_counts(s, KTAP_RESULT_SUCCESS, 1, 0, 0, 1);
	assert_false(ktap_passed(s));
}

static void test_long_lines(void **state)
{
	size_t n = 100000;
	char *log = malloc(n + 200);
	const struct ktap_summary *s;

	assert_non_null(log);
	strcpy(log, "KTAP version 1\n1..1\nok 1 ");
	memset(log + strlen(log), 'n', n);
	strcpy(log + strlen("KTAP version 1\n1..1\nok 1 ") + n,
	       "\nTest result: SUCCESS\n");
	s = parse(log);
	expect_counts(s, KTAP_RESULT_SUCCESS, 1, 0, 0, 0);
	free(log);
}

static void test_crlf(void **state)
{
	const struct ktap_summary *s = parse(
		"boot\r\n"
		"KTAP version 1\r\n"
		"1..1\r\n"
		"    KTAP version 1\r\n"
		"    # Subtest: s\r\n"
		"    1..3\r\r\n"
		"    ok 1 a\r\n"
		"\r    not ok 2 b\r\n"
		"progress 50%\r    ok 3 c # SKIP why\r\n"
		"not ok 1 s\r\n"
		"Test result: FAILURE\r\n");

	expect_counts(s, KTAP_RESULT_FAILURE, 1, 1, 1, 0);
	expect_failed(s, "s.b");
}

static void test_feed_line_endings(void **state)
{
	const struct ktap_summary *s;

	ktap_init(&parser);
	ktap_feed_line(&parser, "KTAP version 1\r\n");
	ktap_feed_line(&parser, "1..1\n");
	ktap_feed_line(&parser, "ok 1 lone_test   ");
	ktap_feed_line(&parser, "Test result: SUCCESS\r");
	s = ktap_finish(&parser);
	expect_counts(s, KTAP_RESULT_SUCCESS, 1, 0, 0, 0);
	assert_true(ktap_passed(s));
}

static void test_suite_plan_mismatch(void **state)
{
	const struct ktap_summary *s = parse(
		"KTAP version 1\n"
		"1..2\n"
		"    KTAP version 1\n"
		"    # Subtest: few\n"
		"    1..3\n"
		"    ok 1 a\n"
		"    ok 2 b\n"
		"ok 1 few\n"
		"    KTAP version 1\n"
		"    # Subtest: many\n"
		"    1..1\n"
		"    ok 1 a\n"
		"    ok 2 b\n"
		"ok 2 many\n"
		"Test result: SUCCESS\n");

	expect_counts(s, KTAP_RESULT_SUCCESS, 4, 0, 0, 2);
	assert_false(ktap_passed(s));
}

static void test_top_plan_mismatch(void **state)
{
	const struct ktap_summary *s = parse(
		"KTAP version 1\n"
		"1..3\n"
		"ok 1 a\n"
		"ok 2 b\n"
		"Test result: SUCCESS\n");

	expect_counts(s, KTAP_RESULT_SUCCESS, 2, 0, 0, 1);
	assert_false(ktap_passed(s));
	ktap_free(&parser);

	/* no plan at all */
	s = parse("KTAP version 1\nok 1 a\nTest result: SUCCESS\n");
	expect_counts(s, KTAP_RESULT_SUCCESS, 1, 0, 0, 1);
	ktap_free(&parser);

	/* suite without a plan */
	s = parse("KTAP version 1\n1..1\n    # Subtest: s\n    ok 1 a\n"
		  "ok 1 s\nTest result: SUCCESS\n");
	expect_counts(s, KTAP_RESULT_SUCCESS, 1, 0, 0, 1);
}

static void test_numbering(void **state)
{
	/* right count, but a case line was replaced by a duplicate */
	const struct ktap_summary *s = parse(
		"KTAP version 1\n"
		"1..2\n"
		"    # Subtest: s\n"
		"    1..2\n"
		"    ok 1 a\n"
		"    ok 1 a\n"
		"ok 1 s\n"
		"ok 3 t\n"
		"Test result: SUCCESS\n");

	expect_counts(s, KTAP_RESULT_SUCCESS, 3, 0, 0, 2);
}

static void test_lost_suite_line(void **state)
{
	/* suite "a" never got its "ok 1 a": the next suite starts anyway */
	const struct ktap_summary *s = parse(
		"KTAP version 1\n"
		"1..2\n"
		"    KTAP version 1\n"
		"    # Subtest: a\n"
		"    1..1\n"
		"    ok 1 x\n"
		"    KTAP version 1\n"
		"    # Subtest: b\n"
		"    1..1\n"
		"    ok 1 y\n"
		"ok 2 b\n"
		"Test result: SUCCESS\n");

	/* "a" is cut off, and the document saw only one result */
	expect_counts(s, KTAP_RESULT_SUCCESS, 2, 0, 0, 2);
}

static void test_suite_name_mismatch(void **state)
{
	const struct ktap_summary *s = parse(
		"KTAP version 1\n1..1\n"
		"    # Subtest: alpha\n    1..1\n    ok 1 x\n"
		"ok 1 beta\nTest result: SUCCESS\n");

	expect_counts(s, KTAP_RESULT_SUCCESS, 1, 0, 0, 1);
}

static void test_linux_order_and_missing_header(void **state)
{
	/* Linux prints "# Subtest:" first; the nested header may be lost */
	const struct ktap_summary *s = parse(
		"KTAP version 1\n"
		"1..2\n"
		"    # Subtest: a\n"
		"    KTAP version 1\n"
		"    1..1\n"
		"    not ok 1 x\n"
		"not ok 1 a\n"
		"    1..1\n"
		"    not ok 1 y\n"
		"not ok 2 b\n"
		"Test result: FAILURE\n");

	expect_counts(s, KTAP_RESULT_FAILURE, 0, 2, 0, 0);
	/* the anonymous suite's failures take the name from its "not ok" */
	expect_failed(s, "a.x b.y");
}

static void test_missing_top_header(void **state)
{
	/* the first line was lost: counted, but never a pass */
	const struct ktap_summary *s = parse(
		"1..1\n"
		"ok 1 a\n"
		"Test result: SUCCESS\n");

	expect_counts(s, KTAP_RESULT_SUCCESS, 1, 0, 0, 1);
	assert_false(ktap_passed(s));
}

static void test_suite_level_failure(void **state)
{
	const struct ktap_summary *s = parse(
		"KTAP version 1\n"
		"1..2\n"
		"    # Subtest: a\n"
		"    1..1\n"
		"    ok 1 x\n"
		"not ok 1 a\n"
		"not ok 2 init_failed\n"
		"Test result: FAILURE\n");

	/* "a" failed though its cases passed; a suite with none failed */
	expect_counts(s, KTAP_RESULT_FAILURE, 1, 2, 0, 0);
	expect_failed(s, "a init_failed");
}

static void test_reboot_two_documents(void **state)
{
	const struct ktap_summary *s = parse(
		"KTAP version 1\n"
		"1..2\n"
		"ok 1 a\n"
		"triple fault, rebooting\n"
		"KTAP version 1\n"
		"1..2\n"
		"ok 1 a\n"
		"ok 2 b\n"
		"Test result: SUCCESS\n");

	/* the first run was cut off */
	expect_counts(s, KTAP_RESULT_SUCCESS, 3, 0, 0, 1);
	assert_false(ktap_passed(s));
}

static void test_verdict_severity(void **state)
{
	const struct ktap_summary *s = parse(
		"KTAP version 1\n1..0\nTest result: FAILURE\n"
		"KTAP version 1\n1..0\nTest result: SUCCESS\n");

	assert_int_equal(s->result, KTAP_RESULT_FAILURE);
	ktap_free(&parser);

	s = parse("KTAP version 1\n1..0\nTest result: ERROR\n");
	assert_int_equal(s->result, KTAP_RESULT_FAILURE);
	ktap_free(&parser);

	s = parse("KTAP version 1\n1..0\nTest result: SUCCESSFUL\n");
	assert_int_equal(s->result, KTAP_RESULT_FAILURE);
}

static void expect_suite(const struct ktap_suite *su, const char *name,
			 bool complete, bool skipped, unsigned int ok,
			 unsigned int fail, unsigned int skip)
{
	assert_string_equal(su->name, name);
	assert_int_equal(su->complete, complete);
	assert_int_equal(su->skipped, skipped);
	assert_int_equal(su->ok, ok);
	assert_int_equal(su->fail, fail);
	assert_int_equal(su->skip, skip);
}

/* What the harness's "suites:" check reads: each suite and case, in order. */
static void test_suite_records(void **state)
{
	const struct ktap_summary *s = parse(
		"KTAP version 1\n"
		"1..4\n"
		"    KTAP version 1\n"
		"    # Subtest: timer\n"
		"    1..3\n"
		"    ok 1 fires\n"
		"    not ok 2 cancel\n"
		"    ok 3 accuracy # SKIP no PM timer\n"
		"not ok 1 timer\n"
		"ok 2 xen_time # SKIP not running on Xen\n"
		"    KTAP version 1\n"
		"    # Subtest: nvme\n"
		"    1..1\n"
		"    ok 1 reads # SKIP no device\n"
		"ok 3 nvme\n"
		"    KTAP version 1\n"
		"    # Subtest: events\n"
		"    1..2\n"
		"    ok 1 bind\n");

	assert_int_equal(s->nsuites, 4);
	expect_suite(&s->suites[0], "timer", true, false, 1, 1, 1);
	assert_int_equal(s->suites[0].state, KTAP_FAIL);
	expect_suite(&s->suites[1], "xen_time", true, true, 0, 0, 0);
	assert_int_equal(s->suites[1].state, KTAP_SKIP);
	/* every case skipped, but the suite itself ran */
	expect_suite(&s->suites[2], "nvme", true, false, 0, 0, 1);
	/* cut off by a crash */
	expect_suite(&s->suites[3], "events", false, false, 1, 0, 0);

	assert_int_equal(s->ncases, 5);
	assert_string_equal(s->cases[1].name, "cancel");
	assert_int_equal(s->cases[1].suite, 0);
	assert_int_equal(s->cases[1].state, KTAP_FAIL);
	assert_int_equal(s->cases[2].state, KTAP_SKIP);
	assert_int_equal(s->cases[3].suite, 2);
	assert_string_equal(s->cases[4].name, "bind");
	assert_int_equal(s->cases[4].suite, 3);
	assert_int_equal(s->cases[4].state, KTAP_OK);
}

/* A suite whose name line was lost takes the name of its result line. */
static void test_suite_record_named_late(void **state)
{
	const struct ktap_summary *s = parse(
		"KTAP version 1\n"
		"1..1\n"
		"    1..1\n"
		"    ok 1 x\n"
		"ok 1 late\n"
		"Test result: SUCCESS\n");

	assert_int_equal(s->nsuites, 1);
	expect_suite(&s->suites[0], "late", true, false, 1, 0, 0);
	assert_int_equal(s->ncases, 1);
	assert_int_equal(s->cases[0].suite, 0);
}

static void test_many_failures(void **state)
{
	char line[64];
	const struct ktap_summary *s;
	int i;

	ktap_init(&parser);
	ktap_feed_line(&parser, "KTAP version 1");
	ktap_feed_line(&parser, "1..1");
	ktap_feed_line(&parser, "    # Subtest: big");
	ktap_feed_line(&parser, "    1..500");
	for (i = 1; i <= 500; i++) {
		sprintf(line, "    not ok %d case%d", i, i);
		ktap_feed_line(&parser, line);
	}
	ktap_feed_line(&parser, "not ok 1 big");
	ktap_feed_line(&parser, "Test result: FAILURE");
	s = ktap_finish(&parser);
	expect_counts(s, KTAP_RESULT_FAILURE, 0, 500, 0, 0);
	assert_int_equal(s->nfailed, 500);
	assert_string_equal(s->failed[0], "big.case1");
	assert_string_equal(s->failed[499], "big.case500");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_teardown(test_passing_log, teardown),
		cmocka_unit_test_teardown(test_failing_case, teardown),
		cmocka_unit_test_teardown(test_failure_hidden_by_success_line,
					  teardown),
		cmocka_unit_test_teardown(test_skips, teardown),
		cmocka_unit_test_teardown(test_skip_word_in_name_is_not_skip,
					  teardown),
		cmocka_unit_test_teardown(test_crash_mid_suite, teardown),
		cmocka_unit_test_teardown(test_truncated_mid_line, teardown),
		cmocka_unit_test_teardown(test_crash_then_success_line,
					  teardown),
		cmocka_unit_test_teardown(test_missing_result_line, teardown),
		cmocka_unit_test_teardown(test_empty_and_no_ktap, teardown),
		cmocka_unit_test_teardown(test_zero_suites, teardown),
		cmocka_unit_test_teardown(test_garbage_lines, teardown),
		cmocka_unit_test_teardown(test_garbled_result_line, teardown),
		cmocka_unit_test_teardown(test_long_lines, teardown),
		cmocka_unit_test_teardown(test_crlf, teardown),
		cmocka_unit_test_teardown(test_feed_line_endings, teardown),
		cmocka_unit_test_teardown(test_suite_plan_mismatch, teardown),
		cmocka_unit_test_teardown(test_top_plan_mismatch, teardown),
		cmocka_unit_test_teardown(test_numbering, teardown),
		cmocka_unit_test_teardown(test_lost_suite_line, teardown),
		cmocka_unit_test_teardown(test_suite_name_mismatch, teardown),
		cmocka_unit_test_teardown(test_linux_order_and_missing_header,
					  teardown),
		cmocka_unit_test_teardown(test_missing_top_header, teardown),
		cmocka_unit_test_teardown(test_suite_level_failure, teardown),
		cmocka_unit_test_teardown(test_reboot_two_documents, teardown),
		cmocka_unit_test_teardown(test_suite_records, teardown),
		cmocka_unit_test_teardown(test_suite_record_named_late,
					  teardown),
		cmocka_unit_test_teardown(test_verdict_severity, teardown),
		cmocka_unit_test_teardown(test_many_failures, teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
