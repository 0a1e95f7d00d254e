// SPDX-License-Identifier: GPL-2.0
/*
 * String to unsigned integer conversion.
 *
 * kstrtou64() is strict: the whole string must be one number, with no
 * sign, no surrounding spaces and no trailing characters. Base 0 picks
 * 16 for a "0x"/"0X" prefix, 8 for a leading "0" and 10 otherwise; base
 * 16 also accepts an optional "0x" prefix. *res is written only on
 * success. Returns 0, -EINVAL (bad base, empty, junk) or -ERANGE.
 */
#include <tern/string.h>

static int digit_value(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'z')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'Z')
		return c - 'A' + 10;
	return 36;
}

static bool has_hex_prefix(const char *s)
{
	return s[0] == '0' && (s[1] == 'x' || s[1] == 'X') &&
	       digit_value(s[2]) < 16;
}

int kstrtou64(const char *s, unsigned int base, u64 *res)
{
	bool overflow = false;
	u64 v = 0;
	int d;

	if (!s || base == 1 || base > 36)
		return -EINVAL;

	if (base == 0) {
		if (has_hex_prefix(s))
			base = 16;
		else if (s[0] == '0')
			base = 8;
		else
			base = 10;
	}
	if (base == 16 && has_hex_prefix(s))
		s += 2;

	if (!*s)
		return -EINVAL;

	for (; *s; s++) {
		d = digit_value(*s);
		if (d >= (int)base)
			return -EINVAL;
		if (v > (~0ULL - d) / base)
			overflow = true;
		v = v * base + d;
	}
	/* Junk anywhere is -EINVAL, even in a number that also overflows. */
	if (overflow)
		return -ERANGE;
	*res = v;
	return 0;
}
