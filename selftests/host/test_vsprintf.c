// SPDX-License-Identifier: GPL-2.0
/*
 * Host tests for lib/vsprintf.c.
 *
 * The host Makefile renames Tern's functions to tern_vsnprintf and
 * tern_snprintf with -D. This file undoes the rename while <stdio.h> is
 * read and while libc_vsnprintf() below is compiled, so it can compare
 * Tern's output with the C library's: for each format, the full output,
 * the return value and the truncated output at every buffer size from 0
 * to past the end must match, and bytes past the buffer must be
 * untouched. Where Tern deliberately differs from glibc ("%p", "%s" of
 * NULL with a precision, unknown conversions, width clamping) the
 * expected strings are hard-coded.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#undef vsnprintf
#undef snprintf
#include <stdio.h>

static int libc_vsnprintf(char *buf, size_t size, const char *fmt, va_list ap)
{
	return vsnprintf(buf, size, fmt, ap);
}

#define vsnprintf tern_vsnprintf
#define snprintf tern_snprintf

#include <cmocka.h>
#include <tern/string.h>

#define BUF	512
#define CANARY	0x5a

static __printf(3, 4) void
check_fmt(const char *file, int line, const char *fmt, ...)
{
	char want[BUF], got[BUF + 8];
	int nwant, ngot;
	size_t size, i;
	va_list ap, cp;

	va_start(ap, fmt);
	va_copy(cp, ap);
	nwant = libc_vsnprintf(want, sizeof(want), fmt, cp);
	va_end(cp);
	va_copy(cp, ap);
	ngot = tern_vsnprintf(got, BUF, fmt, cp);
	va_end(cp);
	if (nwant != ngot || strcmp(want, got))
		fail_msg("%s:%d: \"%s\": libc \"%s\" (%d), tern \"%s\" (%d)",
			 file, line, fmt, want, nwant, got, ngot);

	/* Every truncation point, with a canary after the buffer. */
	for (size = 0; size <= (size_t)nwant + 1; size++) {
		memset(got, CANARY, sizeof(got));
		va_copy(cp, ap);
		ngot = tern_vsnprintf(size ? got : NULL, size, fmt, cp);
		va_end(cp);
		if (ngot != nwant)
			fail_msg("%s:%d: \"%s\" size %zu: returned %d, want %d",
				 file, line, fmt, size, ngot, nwant);
		if (size && (strlen(got) != min(size - 1, (size_t)nwant) ||
			     strncmp(got, want, size - 1)))
			fail_msg("%s:%d: \"%s\" size %zu: got \"%s\"",
				 file, line, fmt, size, got);
		for (i = size; i < sizeof(got); i++) {
			if ((unsigned char)got[i] != CANARY)
				fail_msg("%s:%d: \"%s\" size %zu: wrote byte %zu",
					 file, line, fmt, size, i);
		}
	}
	va_end(ap);
}

#define CHECK(fmt, ...) check_fmt(__FILE__, __LINE__, fmt, ##__VA_ARGS__)

/* Tern-only behaviour: compare against a fixed string. */
static __printf(4, 5) void
expect_fmt(const char *file, int line, const char *want, const char *fmt, ...)
{
	char got[BUF];
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = tern_vsnprintf(got, sizeof(got), fmt, ap);
	va_end(ap);
	if (strcmp(got, want) || n != (int)strlen(want))
		fail_msg("%s:%d: \"%s\": got \"%s\" (%d), want \"%s\"",
			 file, line, fmt, got, n, want);
}

#define EXPECT(want, fmt, ...) \
	expect_fmt(__FILE__, __LINE__, want, fmt, ##__VA_ARGS__)

static void test_plain(void **state)
{
	CHECK("hello");
	CHECK("%%");
	CHECK("a%%b%%%%c");
	CHECK("tab\there, newline\n");
}

static void test_decimal(void **state)
{
	CHECK("%d", 0);
	CHECK("%d", 42);
	CHECK("%d", -42);
	CHECK("%i", -7);
	CHECK("%d", INT32_MAX);
	CHECK("%d", INT32_MIN);
	CHECK("%u", 0u);
	CHECK("%u", 4000000000u);
	CHECK("%u", UINT32_MAX);
	CHECK("%ld", (long)INT64_MIN);
	CHECK("%ld", (long)INT64_MAX);
	CHECK("%lu", (unsigned long)UINT64_MAX);
	CHECK("%lld", (long long)INT64_MIN);
	CHECK("%llu", (unsigned long long)UINT64_MAX);
	CHECK("%d %d %d", 1, -2, 3);
}

static void test_length(void **state)
{
	CHECK("%hhd", 200);
	CHECK("%hhd", -129);
	CHECK("%hhu", 0x1ff);
	CHECK("%hhx", 0xabcd);
	CHECK("%hd", 70000);
	CHECK("%hd", -32769);
	CHECK("%hu", 0x12345);
	CHECK("%hx", 0xdeadbeef);
	CHECK("%zu", (size_t)-1);
	CHECK("%zx", (size_t)0x1234567890ULL);
	CHECK("%zd", (long)-5);
	CHECK("%td", (ptrdiff_t)-123456789012LL);
	CHECK("%tx", (ptrdiff_t)0x7fff);
	CHECK("%jd", (intmax_t)INT64_MIN);
	CHECK("%ju", (uintmax_t)UINT64_MAX);
	CHECK("%lx %llx", 0xfeedfaceUL, 0x0123456789abcdefULL);
}

static void test_hex_octal(void **state)
{
	CHECK("%x", 0u);
	CHECK("%x", 0xdeadbeefu);
	CHECK("%X", 0xdeadbeefu);
	CHECK("%#x", 0u);
	CHECK("%#x", 0x1fu);
	CHECK("%#X", 0x1fu);
	CHECK("%#10x", 0x1fu);
	CHECK("%#010x", 0x1fu);
	CHECK("%#-10x|", 0x1fu);
	CHECK("%#.4x", 0x1fu);
	CHECK("%#.0x", 0u);
	CHECK("%o", 0u);
	CHECK("%o", 8u);
	CHECK("%o", 0777u);
	CHECK("%#o", 0u);
	CHECK("%#o", 8u);
	CHECK("%#.0o", 0u);
	CHECK("%#.3o", 8u);
	CHECK("%#.5o", 8u);
	CHECK("%#8o", 8u);
	CHECK("%lo", (unsigned long)UINT64_MAX);
	CHECK("%016lx", 0xffffffff80000000UL);
}

static void test_width_precision(void **state)
{
	CHECK("[%5d]", 42);
	CHECK("[%-5d]", 42);
	CHECK("[%05d]", 42);
	CHECK("[%05d]", -42);
	CHECK("[%+d]", 42);
	CHECK("[%+d]", -42);
	CHECK("[% d]", 42);
	CHECK("[% d]", -42);
	CHECK("[%+05d]", 42);
	CHECK("[% 05d]", 42);
	CHECK("[%.3d]", 7);
	CHECK("[%.3d]", -7);
	CHECK("[%8.3d]", -7);
	CHECK("[%-8.3d]", -7);
	CHECK("[%.0d]", 0);
	CHECK("[%5.0d]", 0);
	CHECK("[%+.0d]", 0);
	CHECK("[%.0u]", 1u);
	CHECK("[%1d]", 12345);
	CHECK("[%*d]", 6, 42);
	CHECK("[%*d]", -6, 42);
	CHECK("[%-*d]", 6, 42);
	CHECK("[%.*d]", 4, 42);
	CHECK("[%.*d]", -4, 42);
	CHECK("[%*.*d]", 8, 4, -42);
	CHECK("[%0*d]", 6, -42);
	CHECK("[%100d]", 1);
	CHECK("[%-100u]", 1u);
	CHECK("[%.60d]", 123);
}

static void test_char_string(void **state)
{
	const char *s = "string";

	CHECK("%c", 'A');
	CHECK("[%3c]", 'x');
	CHECK("[%-3c]", 'x');
	CHECK("%c%c%c", 'a', 'b', 'c');
	CHECK("%s", "");
	CHECK("%s", s);
	CHECK("[%10s]", s);
	CHECK("[%-10s]", s);
	CHECK("[%.3s]", s);
	CHECK("[%.0s]", s);
	CHECK("[%10.3s]", s);
	CHECK("[%-10.3s]", s);
	CHECK("[%.*s]", 2, s);
	CHECK("[%*s]", -8, s);
	CHECK("[%.100s]", s);
	CHECK("%s=%d, %s=%#x", "a", 1, "b", 0xbu);
	CHECK("%s", "(null)");
}

/* An opaque copy of p: gcc must not see the NULL passed to "%s". */
static const char *hide_ptr(const char *p)
{
	__asm__("" : "+r" (p));
	return p;
}

static void test_null_string(void **state)
{
	const char *null = hide_ptr(NULL);

	EXPECT("(null)", "%s", null);
	EXPECT("[  (null)]", "[%8s]", null);
	EXPECT("[(null)  ]", "[%-8s]", null);
	EXPECT("[(nu]", "[%.3s]", null);
}

static void test_precision_unterminated(void **state)
{
	/* %.Ns must not read past N bytes: ASan catches an overread. */
	char *raw = malloc(4);

	assert_non_null(raw);
	memcpy(raw, "abcd", 4);
	EXPECT("[abcd]", "[%.4s]", raw);
	EXPECT("[ab]", "[%.*s]", 2, raw);
	free(raw);
}

static void test_pointer(void **state)
{
	EXPECT("0x0000000000000000", "%p", NULL);
	EXPECT("0x00000000deadbeef", "%p", (void *)0xdeadbeefUL);
	EXPECT("0xffffffff80000000", "%p", (void *)0xffffffff80000000UL);
	EXPECT("[  0x0000000000001000]", "[%20p]", (void *)0x1000UL);
	EXPECT("[0x0000000000001000  ]", "[%-20p]", (void *)0x1000UL);
	EXPECT("0x0000000000000001", "%5p", (void *)1UL);
}

static void test_odd_formats(void **state)
{
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wformat"
#pragma GCC diagnostic ignored "-Wformat-extra-args"
	/* flags C leaves undefined or ignores: still match glibc */
	CHECK("[%-05d]", 42);
	CHECK("[%05.3d]", 42);
	CHECK("[%0*.*x]", 10, 3, 0xabu);
	CHECK("[%+ d]", 42);
	CHECK("[% +d]", -42);
	CHECK("[%--5d]", 42);
	CHECK("[%+u]", 5u);
	CHECK("[% x]", 5u);

	/* unknown conversion and a dangling '%' are copied out as is */
	EXPECT("[%y]", "[%y]");
	EXPECT("[%5k]", "[%5k]");
	EXPECT("abc%", "abc%");
	EXPECT("abc%-08", "abc%-08");
	EXPECT("abc%ll", "abc%ll");
	EXPECT("7 %q 8", "%d %q %d", 7, 8);
#pragma GCC diagnostic pop
}

static void test_width_clamp(void **state)
{
	char buf[8];
	int n;

	/* widths beyond 4096 are clamped, not honoured */
	n = snprintf(buf, sizeof(buf), "%99999d", 1);
	assert_int_equal(n, 4096);
	assert_string_equal(buf, "       ");
	n = snprintf(buf, sizeof(buf), "%*d", 1 << 30, 1);
	assert_int_equal(n, 4096);
	n = snprintf(buf, sizeof(buf), "%*d", -(1 << 30), 1);
	assert_int_equal(n, 4096);
	assert_string_equal(buf, "1      ");
	n = snprintf(buf, sizeof(buf), "%.99999d", 1);
	assert_int_equal(n, 4096);
	assert_string_equal(buf, "0000000");
	n = snprintf(buf, sizeof(buf), "%.*d", 1 << 30, 1);
	assert_int_equal(n, 4096);
}

static void test_truncation(void **state)
{
	char buf[16];
	int n;

	/* size 0: nothing written, not even the NUL; NULL is allowed */
	memset(buf, 'X', sizeof(buf));
	n = snprintf(buf, 0, "%s", "hello");
	assert_int_equal(n, 5);
	assert_int_equal(buf[0], 'X');
	assert_int_equal(snprintf(NULL, 0, "%d-%s", 1234, "ab"), 7);

	/* size 1: only the terminator */
	memset(buf, 'X', sizeof(buf));
	n = snprintf(buf, 1, "%s", "hello");
	assert_int_equal(n, 5);
	assert_int_equal(buf[0], '\0');
	assert_int_equal(buf[1], 'X');

	/* exactly fits, and one short */
	n = snprintf(buf, 6, "%s", "hello");
	assert_int_equal(n, 5);
	assert_string_equal(buf, "hello");
	memset(buf, 'X', sizeof(buf));
	n = snprintf(buf, 5, "%s", "hello");
	assert_int_equal(n, 5);
	assert_string_equal(buf, "hell");
	assert_int_equal(buf[5], 'X');

	/* truncation in the middle of padding and of a number */
	n = snprintf(buf, 4, "%8d", -123);
	assert_int_equal(n, 8);
	assert_string_equal(buf, "   ");
	n = snprintf(buf, 7, "%d", -123456789);
	assert_int_equal(n, 10);
	assert_string_equal(buf, "-12345");
	n = snprintf(buf, 5, "%p", (void *)0xabcUL);
	assert_int_equal(n, 18);
	assert_string_equal(buf, "0x00");
}

static int wrap_vsn(char *buf, size_t size, const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(buf, size, fmt, ap);
	va_end(ap);
	return n;
}

static void test_vsnprintf_va_list(void **state)
{
	char buf[64];

	/* long argument lists: register and stack arguments alike */
	assert_int_equal(wrap_vsn(buf, sizeof(buf),
				  "%d %d %d %d %d %d %d %d %s %lx",
				  1, 2, 3, 4, 5, 6, 7, 8, "nine", 10UL), 22);
	assert_string_equal(buf, "1 2 3 4 5 6 7 8 nine a");
	CHECK("%d %d %d %d %d %d %d %d %s %lx %c %lld", 1, 2, 3, 4, 5, 6, 7,
	      8, "nine", 10UL, 'k', -12LL);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_plain),
		cmocka_unit_test(test_decimal),
		cmocka_unit_test(test_length),
		cmocka_unit_test(test_hex_octal),
		cmocka_unit_test(test_width_precision),
		cmocka_unit_test(test_char_string),
		cmocka_unit_test(test_null_string),
		cmocka_unit_test(test_precision_unterminated),
		cmocka_unit_test(test_pointer),
		cmocka_unit_test(test_odd_formats),
		cmocka_unit_test(test_width_clamp),
		cmocka_unit_test(test_truncation),
		cmocka_unit_test(test_vsnprintf_va_list),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
