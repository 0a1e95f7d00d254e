// SPDX-License-Identifier: GPL-2.0
/*
 * In-kernel tests of lib/vsprintf.c (suite "printk_format"), run by the
 * `selftest` option. They check, as built for the kernel (-mno-sse,
 * -mcmodel=kernel, no red zone), the formats printk relies on: every
 * expected string is hard-coded here, together with the return value.
 * The host tests compare many more formats against the C library.
 */
#include <tern/ktest.h>
#include <tern/string.h>

#define BUF_LEN	128

/* Formats into a buffer and checks both the text and the return value. */
static __printf(4, 5) void check(struct ktest *t, int line, const char *want,
				 const char *fmt, ...)
{
	char buf[BUF_LEN];
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(buf, sizeof(buf), fmt, ap);
	va_end(ap);
	if (strcmp(buf, want) || n != (int)strlen(want))
		ktest_fail(t, __FILE__, line, "\"%s\": got \"%s\" (%d), want \"%s\"",
			   fmt, buf, n, want);
}

#define CHECK(t, want, fmt, ...) check(t, __LINE__, want, fmt, ##__VA_ARGS__)

/*
 * The same without format checking, for arguments that deliberately do
 * not match their conversion (an int given to %hhd must be truncated).
 */
static void check_raw(struct ktest *t, int line, const char *want,
		      const char *fmt, ...)
{
	char buf[BUF_LEN];
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(buf, sizeof(buf), fmt, ap);
	va_end(ap);
	if (strcmp(buf, want) || n != (int)strlen(want))
		ktest_fail(t, __FILE__, line, "\"%s\": got \"%s\" (%d), want \"%s\"",
			   fmt, buf, n, want);
}

#define CHECK_RAW(t, want, fmt, ...) \
	check_raw(t, __LINE__, want, fmt, ##__VA_ARGS__)

static void fmt_integers(struct ktest *t)
{
	CHECK(t, "0", "%d", 0);
	CHECK(t, "-42", "%d", -42);
	CHECK(t, "-2147483648", "%i", -2147483647 - 1);
	CHECK(t, "4294967295", "%u", 0xffffffffU);
	CHECK(t, "-9223372036854775808", "%lld", (long long)(1ULL << 63));
	CHECK(t, "18446744073709551615", "%llu", ~0ULL);
	CHECK(t, "-1", "%ld", -1L);
	CHECK(t, "18446744073709551615", "%zu", (size_t)-1);
	CHECK(t, "-5", "%td", (ptrdiff_t)-5);
}

static void fmt_length_modifiers(struct ktest *t)
{
	/* int arguments out of range: the modifier truncates them */
	CHECK_RAW(t, "-56", "%hhd", 200);
	CHECK_RAW(t, "255", "%hhu", 0x1ff);
	CHECK_RAW(t, "-1", "%hd", 0xffff);
	CHECK_RAW(t, "4660", "%hu", 0x11234);
	CHECK_RAW(t, "beef", "%hx", 0xdeadbeef);
	/* in range, with the types the format names */
	CHECK(t, "-128", "%hhd", (signed char)-128);
	CHECK(t, "-32768", "%hd", (short)-32768);
}

static void fmt_hex_octal(struct ktest *t)
{
	CHECK(t, "deadbeef", "%x", 0xdeadbeefU);
	CHECK(t, "DEADBEEF", "%X", 0xdeadbeefU);
	CHECK(t, "0x1f", "%#x", 0x1fU);
	CHECK(t, "0X1F", "%#X", 0x1fU);
	CHECK(t, "0", "%#x", 0U);
	CHECK(t, "0x0000001f", "%#010x", 0x1fU);
	CHECK(t, "ffffffff80000000", "%lx", 0xffffffff80000000UL);
	CHECK(t, "0000000000001000", "%016llx", 0x1000ULL);
	CHECK(t, "755", "%o", 0755U);
	CHECK(t, "0755", "%#o", 0755U);
	CHECK(t, "0", "%#o", 0U);
	CHECK(t, "1777777777777777777777", "%llo", ~0ULL);
}

static void fmt_flags_width(struct ktest *t)
{
	CHECK(t, "[   42]", "[%5d]", 42);
	CHECK(t, "[42   ]", "[%-5d]", 42);
	CHECK(t, "[00042]", "[%05d]", 42);
	CHECK(t, "[-0042]", "[%05d]", -42);
	CHECK(t, "[+42]", "[%+d]", 42);
	CHECK(t, "[ 42]", "[% d]", 42);
	CHECK(t, "[-42]", "[% d]", -42);
	CHECK(t, "[+0042]", "[%+05d]", 42);
	CHECK(t, "[12345]", "[%2d]", 12345);
	CHECK(t, "[    42]", "[%*d]", 6, 42);
	CHECK(t, "[42    ]", "[%*d]", -6, 42);
}

static void fmt_precision(struct ktest *t)
{
	CHECK(t, "[007]", "[%.3d]", 7);
	CHECK(t, "[-007]", "[%.3d]", -7);
	CHECK(t, "[    -007]", "[%8.3d]", -7);
	CHECK(t, "[]", "[%.0d]", 0);
	CHECK(t, "[   ]", "[%3.0u]", 0U);
	CHECK(t, "[-000007]", "[%07d]", -7);
	CHECK(t, "[0042]", "[%.*d]", 4, 42);
	CHECK(t, "[42]", "[%.*d]", -4, 42);
	CHECK(t, "[0x001f]", "[%#.4x]", 0x1fU);
}

/* An opaque copy of p: gcc must not see the NULL passed to "%s". */
static const char *hide_ptr(const char *p)
{
	__asm__("" : "+r" (p));
	return p;
}

static void fmt_chars_strings(struct ktest *t)
{
	const char *null = hide_ptr(NULL);

	CHECK(t, "abc", "%c%c%c", 'a', 'b', 'c');
	CHECK(t, "[  x]", "[%3c]", 'x');
	CHECK(t, "[x  ]", "[%-3c]", 'x');
	CHECK(t, "tern", "%s", "tern");
	CHECK(t, "", "%s", "");
	CHECK(t, "[  tern]", "[%6s]", "tern");
	CHECK(t, "[tern  ]", "[%-6s]", "tern");
	CHECK(t, "[te]", "[%.2s]", "tern");
	CHECK(t, "[ter]", "[%.*s]", 3, "tern");
	CHECK(t, "(null)", "%s", null);
	CHECK(t, "[  (null)]", "[%8s]", null);
	CHECK(t, "a=1 b=0x2 c", "%s=%d %s=%#x %c", "a", 1, "b", 2U, 'c');
	CHECK(t, "100%", "%d%%", 100);
}

static void fmt_pointers(struct ktest *t)
{
	CHECK(t, "0x0000000000000000", "%p", NULL);
	CHECK(t, "0xffffffff80001000", "%p", (void *)0xffffffff80001000UL);
	CHECK(t, "[  0x0000000000000010]", "[%20p]", (void *)16UL);
	CHECK(t, "[0x0000000000000010  ]", "[%-20p]", (void *)16UL);
}

static void fmt_truncation(struct ktest *t)
{
	char buf[8];
	int n;

	memset(buf, 'X', sizeof(buf));
	n = snprintf(buf, 5, "%s", "abcdefgh");
	KTEST_EXPECT_EQ(t, n, 8);
	KTEST_EXPECT(t, !strcmp(buf, "abcd"));
	KTEST_EXPECT_EQ(t, buf[5], 'X');

	n = snprintf(buf, sizeof(buf), "%d", 1234567);
	KTEST_EXPECT_EQ(t, n, 7);
	KTEST_EXPECT(t, !strcmp(buf, "1234567"));

	n = snprintf(buf, sizeof(buf), "%d", 12345678);
	KTEST_EXPECT_EQ(t, n, 8);
	KTEST_EXPECT(t, !strcmp(buf, "1234567"));

	memset(buf, 'X', sizeof(buf));
	n = snprintf(buf, 1, "%p", (void *)1UL);
	KTEST_EXPECT_EQ(t, n, 18);
	KTEST_EXPECT_EQ(t, buf[0], '\0');
	KTEST_EXPECT_EQ(t, buf[1], 'X');

	memset(buf, 'X', sizeof(buf));
	n = snprintf(buf, 0, "%08x", 0xabU);
	KTEST_EXPECT_EQ(t, n, 8);
	KTEST_EXPECT_EQ(t, buf[0], 'X');
	KTEST_EXPECT_EQ(t, snprintf(NULL, 0, "%s-%u", "abc", 42U), 6);

	n = snprintf(buf, 4, "%6s", "ab");
	KTEST_EXPECT_EQ(t, n, 6);
	KTEST_EXPECT(t, !strcmp(buf, "   "));
}

static void fmt_many_args(struct ktest *t)
{
	/* more arguments than argument registers */
	CHECK(t, "1 2 3 4 5 6 7 8 nine a k -12",
	      "%d %d %d %d %d %d %d %d %s %lx %c %lld",
	      1, 2, 3, 4, 5, 6, 7, 8, "nine", 10UL, 'k', -12LL);
}

static const struct ktest_case printk_format_cases[] = {
	KTEST_CASE(fmt_integers),
	KTEST_CASE(fmt_length_modifiers),
	KTEST_CASE(fmt_hex_octal),
	KTEST_CASE(fmt_flags_width),
	KTEST_CASE(fmt_precision),
	KTEST_CASE(fmt_chars_strings),
	KTEST_CASE(fmt_pointers),
	KTEST_CASE(fmt_truncation),
	KTEST_CASE(fmt_many_args),
};

static const struct ktest_suite printk_format_suite = {
	.name = "printk_format",
	.cases = printk_format_cases,
	.ncases = ARRAY_SIZE(printk_format_cases),
};

KTEST_SUITE(printk_format_suite);
