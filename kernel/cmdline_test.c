// SPDX-License-Identifier: GPL-2.0
/*
 * In-kernel tests of kernel/cmdline.c (suite "cmdline"): tokenising,
 * quoting, dispatch to handlers, reporting of unknown and failing
 * options, the bounded token buffer and the bool/uint helpers. Handlers
 * and the report callback append to a small text log ("name=value!err;")
 * that each case compares with the expected sequence of events.
 */
#include <tern/cmdline.h>
#include <tern/ktest.h>
#include <tern/string.h>

static char log_buf[512];
static size_t log_len;

static void log_reset(void)
{
	log_len = 0;
	log_buf[0] = '\0';
}

static void log_event(const char *name, const char *value, int err)
{
	int n;

	n = snprintf(log_buf + log_len, sizeof(log_buf) - log_len, "%s%s%s",
		     name, value ? "=" : "", value ? value : "");
	if (n > 0)
		log_len = min(log_len + n, sizeof(log_buf) - 1);
	if (err) {
		n = snprintf(log_buf + log_len, sizeof(log_buf) - log_len,
			     "!%d", err);
		if (n > 0)
			log_len = min(log_len + n, sizeof(log_buf) - 1);
	}
	if (log_len < sizeof(log_buf) - 1) {
		log_buf[log_len++] = ';';
		log_buf[log_len] = '\0';
	}
}

static int record(const char *value, void *arg)
{
	log_event(arg, value, 0);
	return 0;
}

static int reject(const char *value, void *arg)
{
	return -EINVAL;
}

static void report(const char *name, const char *value, int err)
{
	log_event(name, value, err);
}

static const struct cmdline_opt opts[] = {
	{ .name = "console", .set = record, .arg = "console" },
	{ .name = "foo", .set = record, .arg = "foo" },
	{ .name = "flag", .set = record, .arg = "flag" },
	{ .name = "bad", .set = reject },
};

static void expect_parse(struct ktest *t, int line, const char *cmdline,
			 int problems, const char *want)
{
	int n;

	log_reset();
	n = cmdline_parse(cmdline, opts, ARRAY_SIZE(opts), report);
	if (n != problems || strcmp(log_buf, want))
		ktest_fail(t, __FILE__, line,
			   "parse '%s': %d problems, log '%s'; want %d, '%s'",
			   cmdline, n, log_buf, problems, want);
}

#define EXPECT_PARSE(t, s, n, w) expect_parse(t, __LINE__, s, n, w)

static void cmdline_basic(struct ktest *t)
{
	EXPECT_PARSE(t, "console=com1 flag foo=bar", 0,
		     "console=com1;flag;foo=bar;");
	EXPECT_PARSE(t, "", 0, "");
	EXPECT_PARSE(t, " \t\r\n", 0, "");
	EXPECT_PARSE(t, "  foo=1\t\tflag\t\r\n", 0, "foo=1;flag;");
	EXPECT_PARSE(t, "foo= foo=a=b", 0, "foo=;foo=a=b;");
	KTEST_EXPECT_EQ(t, cmdline_parse(NULL, opts, ARRAY_SIZE(opts), report),
			0);
}

static void cmdline_quoting(struct ktest *t)
{
	EXPECT_PARSE(t, "foo=\"x y\" flag", 0, "foo=x y;flag;");
	EXPECT_PARSE(t, "\"foo=a  b\" console=\"\"", 0, "foo=a  b;console=;");
	EXPECT_PARSE(t, "foo=a\"b c\"d", 0, "foo=ab cd;");
	EXPECT_PARSE(t, "\"\" flag", 0, "flag;");
	EXPECT_PARSE(t, "foo=\"unterminated rest", 0,
		     "foo=unterminated rest;");
}

static void cmdline_input_untouched(struct ktest *t)
{
	char line[] = "foo=\"a b\" console=x";

	log_reset();
	cmdline_parse(line, opts, ARRAY_SIZE(opts), report);
	KTEST_EXPECT(t, !strcmp(line, "foo=\"a b\" console=x"));
}

static void cmdline_unknown_reported(struct ktest *t)
{
	EXPECT_PARSE(t, "foo=1 nosuch=2 flag other", 2,
		     "foo=1;nosuch=2!-2;flag;other!-2;");
	EXPECT_PARSE(t, "fo FOO foox", 3, "fo!-2;FOO!-2;foox!-2;");
	EXPECT_PARSE(t, "bad=1 flag bad", 2, "bad=1!-22;flag;bad!-22;");
}

static void cmdline_too_long(struct ktest *t)
{
	static char line[700];
	char *p = line;
	int i;

	p += snprintf(p, sizeof(line), "foo=");
	for (i = 0; i < 600; i++)
		*p++ = 'v';
	memcpy(p, " flag", sizeof(" flag"));
	EXPECT_PARSE(t, line, 1, "foo!-7;flag;");
}

static void cmdline_bool(struct ktest *t)
{
	static const char *const yes[] = { "1", "on", "yes", "true" };
	static const char *const no[] = { "0", "off", "no", "false" };
	static const char *const junk[] = { "", "2", "On", "y", "truee" };
	unsigned int i;
	bool b;

	b = false;
	KTEST_EXPECT_EQ(t, cmdline_set_bool(NULL, &b), 0);
	KTEST_EXPECT(t, b);
	for (i = 0; i < ARRAY_SIZE(yes); i++) {
		b = false;
		KTEST_EXPECT_EQ(t, cmdline_set_bool(yes[i], &b), 0);
		KTEST_EXPECT(t, b);
	}
	for (i = 0; i < ARRAY_SIZE(no); i++) {
		b = true;
		KTEST_EXPECT_EQ(t, cmdline_set_bool(no[i], &b), 0);
		KTEST_EXPECT(t, !b);
	}
	for (i = 0; i < ARRAY_SIZE(junk); i++) {
		b = true;
		KTEST_EXPECT_EQ(t, cmdline_set_bool(junk[i], &b), -EINVAL);
		KTEST_EXPECT(t, b);
	}
}

static void cmdline_uint(struct ktest *t)
{
	unsigned int u = 0;

	KTEST_EXPECT_EQ(t, cmdline_set_uint("42", &u), 0);
	KTEST_EXPECT_EQ(t, u, 42);
	KTEST_EXPECT_EQ(t, cmdline_set_uint("0x10", &u), 0);
	KTEST_EXPECT_EQ(t, u, 16);
	KTEST_EXPECT_EQ(t, cmdline_set_uint("017", &u), 0);
	KTEST_EXPECT_EQ(t, u, 15);
	KTEST_EXPECT_EQ(t, cmdline_set_uint("4294967295", &u), 0);
	KTEST_EXPECT_EQ(t, u, 0xffffffffU);

	u = 7;
	KTEST_EXPECT_EQ(t, cmdline_set_uint("4294967296", &u), -EINVAL);
	KTEST_EXPECT_EQ(t, cmdline_set_uint("-1", &u), -EINVAL);
	KTEST_EXPECT_EQ(t, cmdline_set_uint("12k", &u), -EINVAL);
	KTEST_EXPECT_EQ(t, cmdline_set_uint("", &u), -EINVAL);
	KTEST_EXPECT_EQ(t, cmdline_set_uint(NULL, &u), -EINVAL);
	KTEST_EXPECT_EQ(t, u, 7);
}

static void cmdline_helpers_dispatch(struct ktest *t)
{
	bool verbose = false;
	unsigned int cpus = 1;
	const struct cmdline_opt o[] = {
		{ .name = "verbose", .set = cmdline_set_bool, .arg = &verbose },
		{ .name = "cpus", .set = cmdline_set_uint, .arg = &cpus },
	};

	log_reset();
	KTEST_EXPECT_EQ(t, cmdline_parse("verbose cpus=8", o, ARRAY_SIZE(o),
					 report), 0);
	KTEST_EXPECT(t, verbose);
	KTEST_EXPECT_EQ(t, cpus, 8);

	KTEST_EXPECT_EQ(t, cmdline_parse("verbose=maybe cpus=x", o,
					 ARRAY_SIZE(o), report), 2);
	KTEST_EXPECT(t, !strcmp(log_buf, "verbose=maybe!-22;cpus=x!-22;"));
	KTEST_EXPECT(t, verbose);
	KTEST_EXPECT_EQ(t, cpus, 8);
}

static void cmdline_kstrtou64(struct ktest *t)
{
	u64 v = 0;

	KTEST_EXPECT_EQ(t, kstrtou64("0xffffffffffffffff", 0, &v), 0);
	KTEST_EXPECT_EQ(t, v, ~0ULL);
	KTEST_EXPECT_EQ(t, kstrtou64("0755", 0, &v), 0);
	KTEST_EXPECT_EQ(t, v, 0755);
	KTEST_EXPECT_EQ(t, kstrtou64("123", 10, &v), 0);
	KTEST_EXPECT_EQ(t, v, 123);
	KTEST_EXPECT_EQ(t, kstrtou64("18446744073709551616", 0, &v), -ERANGE);
	KTEST_EXPECT_EQ(t, kstrtou64("0x", 0, &v), -EINVAL);
	KTEST_EXPECT_EQ(t, kstrtou64("09", 0, &v), -EINVAL);
	KTEST_EXPECT_EQ(t, kstrtou64("1 ", 0, &v), -EINVAL);
	KTEST_EXPECT_EQ(t, v, 123);
}

static const struct ktest_case cmdline_cases[] = {
	KTEST_CASE(cmdline_basic),
	KTEST_CASE(cmdline_quoting),
	KTEST_CASE(cmdline_input_untouched),
	KTEST_CASE(cmdline_unknown_reported),
	KTEST_CASE(cmdline_too_long),
	KTEST_CASE(cmdline_bool),
	KTEST_CASE(cmdline_uint),
	KTEST_CASE(cmdline_helpers_dispatch),
	KTEST_CASE(cmdline_kstrtou64),
};

static const struct ktest_suite cmdline_suite = {
	.name = "cmdline",
	.cases = cmdline_cases,
	.ncases = ARRAY_SIZE(cmdline_cases),
};

KTEST_SUITE(cmdline_suite);
