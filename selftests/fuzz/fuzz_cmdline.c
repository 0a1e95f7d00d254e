// SPDX-License-Identifier: GPL-2.0
/*
 * Fuzz cmdline_parse() (kernel/cmdline.c) with the input as the command
 * line (cut at its first NUL). Handlers and the report callback check
 * that what they are given is bounded and that every problem is
 * reported exactly once.
 */
#include <tern/cmdline.h>

#include "fuzz.h"

#define TOKEN_MAX	256

static char line[8192];
static unsigned int nr_reports;
static bool flag_a, flag_b;
static unsigned int level;
static char console[TOKEN_MAX];

static int set_string(const char *value, void *arg)
{
	size_t n;

	if (!value)
		return -EINVAL;
	n = strlen(value);
	FUZZ_CHECK(n < TOKEN_MAX);
	memcpy(arg, value, n + 1);
	return 0;
}

static void report(const char *name, const char *value, int err)
{
	FUZZ_CHECK(name && strlen(name) < TOKEN_MAX);
	FUZZ_CHECK(!value || strlen(value) < TOKEN_MAX);
	FUZZ_CHECK(err == -ENOENT || err == -EINVAL || err == -E2BIG);
	if (err == -E2BIG)
		FUZZ_CHECK(!value);
	nr_reports++;
}

static const struct cmdline_opt opts[] = {
	{ "console", set_string, console },
	{ "loglevel", cmdline_set_uint, &level },
	{ "selftest", cmdline_set_bool, &flag_a },
	{ "noshutdown", cmdline_set_bool, &flag_b },
	{ "quiet", NULL, NULL },
	{ NULL, NULL, NULL },
};

int LLVMFuzzerTestOneInput(const u8 *data, size_t size)
{
	int problems;

	if (size >= sizeof(line))
		size = sizeof(line) - 1;
	memcpy(line, data, size);
	line[size] = '\0';
	nr_reports = 0;
	problems = cmdline_parse(line, opts, ARRAY_SIZE(opts), report);
	FUZZ_CHECK(problems >= 0 && (unsigned int)problems == nr_reports);
	FUZZ_CHECK(cmdline_parse(line, opts, ARRAY_SIZE(opts), NULL) ==
		   problems);
	return 0;
}
