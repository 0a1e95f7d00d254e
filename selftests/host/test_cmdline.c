// SPDX-License-Identifier: GPL-2.0
/*
 * Host tests for kernel/cmdline.c and lib/kstrtox.c: tokenising and
 * quoting, handler dispatch and error reporting, the bounded token
 * buffer, the bool/uint helpers and kstrtou64() itself. Handlers and the
 * report callback record what they saw into a log that each test checks.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include <tern/cmdline.h>
#include <tern/string.h>

#define MAX_EVENTS	16

struct event {
	char name[300];
	char value[300];
	bool has_value;
	int err;		/* 0 for a handler call, else a report */
};

static struct event events[MAX_EVENTS];
static int nevents;

static void copy_str(char *dst, size_t size, const char *src)
{
	size_t n = strlen(src);

	if (n >= size)
		n = size - 1;
	memcpy(dst, src, n);
	dst[n] = '\0';
}

static void record(const char *name, const char *value, int err)
{
	struct event *e;

	assert_true(nevents < MAX_EVENTS);
	e = &events[nevents++];
	copy_str(e->name, sizeof(e->name), name);
	e->has_value = value != NULL;
	copy_str(e->value, sizeof(e->value), value ? value : "");
	e->err = err;
}

static int handler(const char *value, void *arg)
{
	record(arg, value, 0);
	return 0;
}

static int failing_handler(const char *value, void *arg)
{
	return -EINVAL;
}

static void report(const char *name, const char *value, int err)
{
	record(name, value, err);
}

static const struct cmdline_opt opts[] = {
	{ .name = "console", .set = handler, .arg = "console" },
	{ .name = "foo", .set = handler, .arg = "foo" },
	{ .name = "flag", .set = handler, .arg = "flag" },
	{ .name = "bad", .set = failing_handler },
	{ .name = "noop" },
};

static int setup(void **state)
{
	memset(events, 0, sizeof(events));
	nevents = 0;
	return 0;
}

static int parse(const char *s)
{
	return cmdline_parse(s, opts, ARRAY_SIZE(opts), report);
}

static void expect_event(int i, const char *name, const char *value,
			 int err)
{
	assert_true(i < nevents);
	assert_string_equal(events[i].name, name);
	if (value) {
		assert_true(events[i].has_value);
		assert_string_equal(events[i].value, value);
	} else {
		assert_false(events[i].has_value);
	}
	assert_int_equal(events[i].err, err);
}

static void test_basic(void **state)
{
	assert_int_equal(parse("console=com1 flag foo=bar"), 0);
	assert_int_equal(nevents, 3);
	expect_event(0, "console", "com1", 0);
	expect_event(1, "flag", NULL, 0);
	expect_event(2, "foo", "bar", 0);
}

static void test_empty_and_blanks(void **state)
{
	assert_int_equal(parse(""), 0);
	assert_int_equal(parse("   \t \r\n "), 0);
	assert_int_equal(cmdline_parse(NULL, opts, 5, report), 0);
	assert_int_equal(nevents, 0);

	assert_int_equal(parse("  \tfoo=1 \t\n flag\r\n"), 0);
	assert_int_equal(nevents, 2);
	expect_event(0, "foo", "1", 0);
	expect_event(1, "flag", NULL, 0);
}

static void test_values(void **state)
{
	/* empty value vs no value; only the first '=' splits */
	assert_int_equal(parse("foo= foo foo=a=b foo==x"), 0);
	assert_int_equal(nevents, 4);
	expect_event(0, "foo", "", 0);
	expect_event(1, "foo", NULL, 0);
	expect_event(2, "foo", "a=b", 0);
	expect_event(3, "foo", "=x", 0);
}

static void test_quotes(void **state)
{
	assert_int_equal(parse("foo=\"x y\" console=\"a\"b \"foo=p q\" flag"), 0);
	assert_int_equal(nevents, 4);
	expect_event(0, "foo", "x y", 0);
	expect_event(1, "console", "ab", 0);
	expect_event(2, "foo", "p q", 0);
	expect_event(3, "flag", NULL, 0);
}

static void test_quote_edge_cases(void **state)
{
	/* empty quotes give an empty value; a bare "" token is ignored */
	assert_int_equal(parse("foo=\"\" \"\" flag"), 0);
	assert_int_equal(nevents, 2);
	expect_event(0, "foo", "", 0);
	expect_event(1, "flag", NULL, 0);

	/* an unterminated quote runs to the end of the line */
	setup(NULL);
	assert_int_equal(parse("foo=\"a b  c"), 0);
	assert_int_equal(nevents, 1);
	expect_event(0, "foo", "a b  c", 0);

	/* a quoted '=' still splits name from value */
	setup(NULL);
	assert_int_equal(parse("foo\"=\"v"), 0);
	expect_event(0, "foo", "v", 0);
}

static void test_input_not_modified(void **state)
{
	char line[] = "foo=\"x y\" flag console=ttyS0";
	char copy[sizeof(line)];

	memcpy(copy, line, sizeof(line));
	assert_int_equal(parse(line), 0);
	assert_memory_equal(line, copy, sizeof(line));
}

static void test_unknown(void **state)
{
	assert_int_equal(parse("foo=1 nosuch=2 flag other"), 2);
	assert_int_equal(nevents, 4);
	expect_event(0, "foo", "1", 0);
	expect_event(1, "nosuch", "2", -ENOENT);
	expect_event(2, "flag", NULL, 0);
	expect_event(3, "other", NULL, -ENOENT);

	/* names match exactly: no prefix or case folding */
	setup(NULL);
	assert_int_equal(parse("fo foox FOO =x"), 4);
	expect_event(0, "fo", NULL, -ENOENT);
	expect_event(1, "foox", NULL, -ENOENT);
	expect_event(2, "FOO", NULL, -ENOENT);
	expect_event(3, "", "x", -ENOENT);
}

static void test_handler_error(void **state)
{
	assert_int_equal(parse("bad=1 foo bad"), 2);
	assert_int_equal(nevents, 3);
	expect_event(0, "bad", "1", -EINVAL);
	expect_event(1, "foo", NULL, 0);
	expect_event(2, "bad", NULL, -EINVAL);
}

static void test_no_handler_no_report(void **state)
{
	/* an option without a handler is accepted; report may be NULL */
	assert_int_equal(parse("noop noop=3"), 0);
	assert_int_equal(nevents, 0);
	assert_int_equal(cmdline_parse("x y foo=1", opts, 5, NULL), 2);
	assert_int_equal(nevents, 1);
	expect_event(0, "foo", "1", 0);
	assert_int_equal(cmdline_parse("foo", NULL, 0, report), 1);
	expect_event(1, "foo", NULL, -ENOENT);
}

static void test_too_long(void **state)
{
	char line[1200];
	char *p = line;
	int i;

	/* foo=<600 x> flag: the long token is reported, not passed on */
	p += sprintf(p, "foo=");
	for (i = 0; i < 600; i++)
		*p++ = 'x';
	p += sprintf(p, " flag");
	assert_int_equal(parse(line), 1);
	assert_int_equal(nevents, 2);
	expect_event(0, "foo", NULL, -E2BIG);
	expect_event(1, "flag", NULL, 0);

	/* a long name without '=' is reported truncated, still bounded */
	setup(NULL);
	memset(line, 'n', 1000);
	line[1000] = '\0';
	assert_int_equal(parse(line), 1);
	assert_int_equal(events[0].err, -E2BIG);
	assert_false(events[0].has_value);
	assert_true(strlen(events[0].name) < 256);
	assert_true(strlen(events[0].name) > 200);
}

static void test_length_limit_exact(void **state)
{
	char line[300];

	/* 255 bytes fit (plus NUL), 256 do not */
	memcpy(line, "foo=", 4);
	memset(line + 4, 'v', 251);
	line[255] = '\0';
	assert_int_equal(parse(line), 0);
	assert_int_equal(nevents, 1);
	assert_int_equal(strlen(events[0].value), 251);

	setup(NULL);
	memset(line + 4, 'v', 252);
	line[256] = '\0';
	assert_int_equal(parse(line), 1);
	expect_event(0, "foo", NULL, -E2BIG);
}

static void test_set_bool(void **state)
{
	static const char *const truthy[] = { "1", "on", "yes", "true" };
	static const char *const falsy[] = { "0", "off", "no", "false" };
	static const char *const junk[] = {
		"", "2", "onn", "y", "n", "True", " on", "01", "yess",
	};
	bool b;
	size_t i;

	b = false;
	assert_int_equal(cmdline_set_bool(NULL, &b), 0);
	assert_true(b);
	for (i = 0; i < ARRAY_SIZE(truthy); i++) {
		b = false;
		assert_int_equal(cmdline_set_bool(truthy[i], &b), 0);
		assert_true(b);
	}
	for (i = 0; i < ARRAY_SIZE(falsy); i++) {
		b = true;
		assert_int_equal(cmdline_set_bool(falsy[i], &b), 0);
		assert_false(b);
	}
	for (i = 0; i < ARRAY_SIZE(junk); i++) {
		b = true;
		assert_int_equal(cmdline_set_bool(junk[i], &b), -EINVAL);
		assert_true(b);	/* untouched on error */
	}
}

static void test_set_uint(void **state)
{
	unsigned int u = 7;

	assert_int_equal(cmdline_set_uint("0", &u), 0);
	assert_int_equal(u, 0);
	assert_int_equal(cmdline_set_uint("123", &u), 0);
	assert_int_equal(u, 123);
	assert_int_equal(cmdline_set_uint("0x1F", &u), 0);
	assert_int_equal(u, 31);
	assert_int_equal(cmdline_set_uint("010", &u), 0);
	assert_int_equal(u, 8);
	assert_int_equal(cmdline_set_uint("4294967295", &u), 0);
	assert_int_equal(u, 4294967295u);

	u = 7;
	assert_int_equal(cmdline_set_uint("4294967296", &u), -EINVAL);
	assert_int_equal(cmdline_set_uint("0x100000000", &u), -EINVAL);
	assert_int_equal(cmdline_set_uint("99999999999999999999999", &u),
			 -EINVAL);
	assert_int_equal(cmdline_set_uint(NULL, &u), -EINVAL);
	assert_int_equal(cmdline_set_uint("", &u), -EINVAL);
	assert_int_equal(cmdline_set_uint("-1", &u), -EINVAL);
	assert_int_equal(cmdline_set_uint("12k", &u), -EINVAL);
	assert_int_equal(cmdline_set_uint(" 1", &u), -EINVAL);
	assert_int_equal(u, 7);
}

static void test_helpers_via_parse(void **state)
{
	bool verbose = false, quiet = true;
	unsigned int cpus = 1;
	const struct cmdline_opt o[] = {
		{ "verbose", cmdline_set_bool, &verbose },
		{ "quiet", cmdline_set_bool, &quiet },
		{ "cpus", cmdline_set_uint, &cpus },
	};

	assert_int_equal(cmdline_parse("verbose quiet=off cpus=0x10", o, 3,
				       report), 0);
	assert_true(verbose);
	assert_false(quiet);
	assert_int_equal(cpus, 16);

	assert_int_equal(cmdline_parse("quiet=maybe cpus=-3 cpus", o, 3,
				       report), 3);
	assert_false(quiet);
	assert_int_equal(cpus, 16);
	expect_event(0, "quiet", "maybe", -EINVAL);
	expect_event(1, "cpus", "-3", -EINVAL);
	expect_event(2, "cpus", NULL, -EINVAL);
}

static void test_kstrtou64(void **state)
{
	u64 v;

	assert_int_equal(kstrtou64("0", 0, &v), 0);
	assert_int_equal(v, 0);
	assert_int_equal(kstrtou64("12345", 10, &v), 0);
	assert_int_equal(v, 12345);
	assert_int_equal(kstrtou64("0x1f", 0, &v), 0);
	assert_int_equal(v, 0x1f);
	assert_int_equal(kstrtou64("0XaBc", 0, &v), 0);
	assert_int_equal(v, 0xabc);
	assert_int_equal(kstrtou64("0755", 0, &v), 0);
	assert_int_equal(v, 0755);
	assert_int_equal(kstrtou64("ff", 16, &v), 0);
	assert_int_equal(v, 0xff);
	assert_int_equal(kstrtou64("0xff", 16, &v), 0);
	assert_int_equal(v, 0xff);
	assert_int_equal(kstrtou64("0755", 10, &v), 0);
	assert_int_equal(v, 755);
	assert_int_equal(kstrtou64("1011", 2, &v), 0);
	assert_int_equal(v, 11);
	assert_int_equal(kstrtou64("zz", 36, &v), 0);
	assert_int_equal(v, 35 * 36 + 35);
	assert_int_equal(kstrtou64("18446744073709551615", 0, &v), 0);
	assert_true(v == UINT64_MAX);
	assert_int_equal(kstrtou64("0xffffffffffffffff", 0, &v), 0);
	assert_true(v == UINT64_MAX);

	v = 42;
	assert_int_equal(kstrtou64("18446744073709551616", 0, &v), -ERANGE);
	assert_int_equal(kstrtou64("0x10000000000000000", 0, &v), -ERANGE);
	assert_int_equal(kstrtou64("2000000000000000000000", 8, &v),
			 -ERANGE);
	assert_int_equal(kstrtou64("99999999999999999999x", 0, &v), -EINVAL);
	assert_int_equal(kstrtou64("", 0, &v), -EINVAL);
	assert_int_equal(kstrtou64("0x", 0, &v), -EINVAL);
	assert_int_equal(kstrtou64("0x", 16, &v), -EINVAL);
	assert_int_equal(kstrtou64("08", 0, &v), -EINVAL);
	assert_int_equal(kstrtou64("12a", 10, &v), -EINVAL);
	assert_int_equal(kstrtou64("-1", 0, &v), -EINVAL);
	assert_int_equal(kstrtou64("+1", 0, &v), -EINVAL);
	assert_int_equal(kstrtou64(" 1", 0, &v), -EINVAL);
	assert_int_equal(kstrtou64("1 ", 0, &v), -EINVAL);
	assert_int_equal(kstrtou64("1\n", 0, &v), -EINVAL);
	assert_int_equal(kstrtou64("2", 2, &v), -EINVAL);
	assert_int_equal(kstrtou64("1", 1, &v), -EINVAL);
	assert_int_equal(kstrtou64("1", 37, &v), -EINVAL);
	assert_int_equal(kstrtou64(NULL, 0, &v), -EINVAL);
	assert_int_equal(v, 42);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup(test_basic, setup),
		cmocka_unit_test_setup(test_empty_and_blanks, setup),
		cmocka_unit_test_setup(test_values, setup),
		cmocka_unit_test_setup(test_quotes, setup),
		cmocka_unit_test_setup(test_quote_edge_cases, setup),
		cmocka_unit_test_setup(test_input_not_modified, setup),
		cmocka_unit_test_setup(test_unknown, setup),
		cmocka_unit_test_setup(test_handler_error, setup),
		cmocka_unit_test_setup(test_no_handler_no_report, setup),
		cmocka_unit_test_setup(test_too_long, setup),
		cmocka_unit_test_setup(test_length_limit_exact, setup),
		cmocka_unit_test_setup(test_set_bool, setup),
		cmocka_unit_test_setup(test_set_uint, setup),
		cmocka_unit_test_setup(test_helpers_via_parse, setup),
		cmocka_unit_test_setup(test_kstrtou64, setup),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
