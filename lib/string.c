// SPDX-License-Identifier: GPL-2.0
/*
 * Freestanding string and memory primitives.
 *
 * gcc may emit calls to memcpy/memset/memmove/memcmp on its own (struct
 * copies, large initialisers), so these must exist and must never call
 * themselves. Two rules keep that true:
 *  - plain byte loops, plus a word loop when both pointers share word
 *    alignment; no SSE (the kernel is built with -mno-sse anyway);
 *  - the only library call made here is memcpy from strlcpy;
 *    -ffreestanding keeps gcc from turning a loop into a memset/memcpy
 *    call (checked with objdump: no self-calls in build/lib/string.o).
 * Word accesses go through a may_alias type: the kernel is built with
 * strict aliasing, and the caller's objects can be of any type.
 */
#include <tern/string.h>

typedef unsigned long __attribute__((may_alias)) word_t;

#define WORD_SIZE	sizeof(word_t)
#define WORD_MASK	(WORD_SIZE - 1)

/*
 * Forward copy, word at a time where the alignment allows. Also correct
 * for overlapping buffers with dst below src: every word is read before
 * anything at or above it is written. memmove relies on that, so it
 * calls this and not memcpy (whose contract excludes overlap).
 */
static void copy_forward(void *dst, const void *src, size_t n)
{
	unsigned char *d = dst;
	const unsigned char *s = src;

	if ((((unsigned long)d ^ (unsigned long)s) & WORD_MASK) == 0) {
		while (n && ((unsigned long)d & WORD_MASK)) {
			*d++ = *s++;
			n--;
		}
		while (n >= WORD_SIZE) {
			*(word_t *)d = *(const word_t *)s;
			d += WORD_SIZE;
			s += WORD_SIZE;
			n -= WORD_SIZE;
		}
	}
	while (n--)
		*d++ = *s++;
}

void *memcpy(void *dst, const void *src, size_t n)
{
	copy_forward(dst, src, n);
	return dst;
}

void *memmove(void *dst, const void *src, size_t n)
{
	unsigned char *d = dst;
	const unsigned char *s = src;

	if (d == s || n == 0)
		return dst;
	if (d < s || d >= s + n) {
		copy_forward(dst, src, n);
		return dst;
	}

	/* Overlap with dst above src: copy backwards. */
	d += n;
	s += n;
	while (n--)
		*--d = *--s;
	return dst;
}

void *memset(void *p, int c, size_t n)
{
	unsigned char *d = p;
	unsigned char b = (unsigned char)c;
	word_t w;

	while (n && ((unsigned long)d & WORD_MASK)) {
		*d++ = b;
		n--;
	}
	if (n >= WORD_SIZE) {
		w = b;
		w |= w << 8;
		w |= w << 16;
		w |= w << 32;
		while (n >= WORD_SIZE) {
			*(word_t *)d = w;
			d += WORD_SIZE;
			n -= WORD_SIZE;
		}
	}
	while (n--)
		*d++ = b;
	return p;
}

int memcmp(const void *a, const void *b, size_t n)
{
	const unsigned char *x = a;
	const unsigned char *y = b;

	for (; n; n--, x++, y++) {
		if (*x != *y)
			return *x - *y;
	}
	return 0;
}

size_t strlen(const char *s)
{
	const char *p = s;

	while (*p)
		p++;
	return p - s;
}

size_t strnlen(const char *s, size_t max)
{
	size_t n = 0;

	while (n < max && s[n])
		n++;
	return n;
}

int strcmp(const char *a, const char *b)
{
	const unsigned char *x = (const unsigned char *)a;
	const unsigned char *y = (const unsigned char *)b;

	while (*x && *x == *y) {
		x++;
		y++;
	}
	return *x - *y;
}

int strncmp(const char *a, const char *b, size_t n)
{
	const unsigned char *x = (const unsigned char *)a;
	const unsigned char *y = (const unsigned char *)b;

	for (; n; n--, x++, y++) {
		if (*x != *y)
			return *x - *y;
		if (!*x)
			break;
	}
	return 0;
}

/* The first place needle occurs in haystack ("" occurs at the start). */
char *strstr(const char *haystack, const char *needle)
{
	size_t n = strlen(needle);

	for (; *haystack; haystack++)
		if (!strncmp(haystack, needle, n))
			return (char *)haystack;
	return n ? NULL : (char *)haystack;
}

char *strchr(const char *s, int c)
{
	char ch = (char)c;

	for (;; s++) {
		if (*s == ch)
			return (char *)s;
		if (!*s)
			return NULL;
	}
}

/*
 * Copies at most size - 1 bytes and always NUL-terminates when size > 0.
 * Returns strlen(src): a result >= size means the copy was truncated.
 */
size_t strlcpy(char *dst, const char *src, size_t size)
{
	size_t len = strlen(src);
	size_t n;

	if (size) {
		n = len < size - 1 ? len : size - 1;
		memcpy(dst, src, n);
		dst[n] = '\0';
	}
	return len;
}
