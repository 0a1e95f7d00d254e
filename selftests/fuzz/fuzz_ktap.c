// SPDX-License-Identifier: GPL-2.0
/*
 * Fuzz the KTAP log parser (selftests/ktap.c) that judges every boot
 * matrix row. The input is a serial log. It is fed once as a buffer
 * (ktap_feed_text) and once line by line (ktap_feed_line); when no line
 * is long enough to be cut, both must give the same summary. Every
 * failure counted has at most one name, and a pass needs a SUCCESS line.
 */
#include "../ktap.h"
#include "fuzz.h"

#define LINE_KEEP	1000

static struct ktap_parser a, b;

static bool same(const struct ktap_summary *x, const struct ktap_summary *y)
{
	unsigned int i;

	if (x->result != y->result || x->ok != y->ok || x->fail != y->fail ||
	    x->skip != y->skip || x->plan_errors != y->plan_errors ||
	    x->nfailed != y->nfailed)
		return false;
	for (i = 0; i < x->nfailed; i++)
		if (strcmp(x->failed[i], y->failed[i]))
			return false;
	return true;
}

int LLVMFuzzerTestOneInput(const u8 *data, size_t size)
{
	const struct ktap_summary *sa, *sb;
	const char *text = (const char *)data;
	bool long_line = false;
	size_t start, end;
	unsigned int i;
	char *line;

	ktap_init(&a);
	ktap_feed_text(&a, text, size);
	sa = ktap_finish(&a);

	ktap_init(&b);
	for (start = 0; start < size; start = end + 1) {
		const char *nl = memchr(text + start, '\n', size - start);

		end = nl ? (size_t)(nl - text) : size;
		if (end - start >= LINE_KEEP)
			long_line = true;
		line = malloc(end - start + 1);
		FUZZ_CHECK(line);
		memcpy(line, text + start, end - start);
		line[end - start] = '\0';
		ktap_feed_line(&b, line);
		free(line);
	}
	sb = ktap_finish(&b);

	FUZZ_CHECK(sa->nfailed <= sa->fail);
	for (i = 0; i < sa->nfailed; i++)
		FUZZ_CHECK(strlen(sa->failed[i]) < 2 * KTAP_NAME_MAX + 2);
	if (ktap_passed(sa))
		FUZZ_CHECK(sa->result == KTAP_RESULT_SUCCESS && !sa->fail);
	if (!long_line)
		FUZZ_CHECK(same(sa, sb));

	ktap_free(&a);
	ktap_free(&b);
	return 0;
}
