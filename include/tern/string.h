/* SPDX-License-Identifier: GPL-2.0 */
#ifndef _TERN_STRING_H
#define _TERN_STRING_H

#include <tern/types.h>

void *memcpy(void *dst, const void *src, size_t n);
void *memmove(void *dst, const void *src, size_t n);
void *memset(void *s, int c, size_t n);
int memcmp(const void *a, const void *b, size_t n);
size_t strlen(const char *s);
size_t strnlen(const char *s, size_t max);
int strcmp(const char *a, const char *b);
int strncmp(const char *a, const char *b, size_t n);
char *strchr(const char *s, int c);
char *strstr(const char *haystack, const char *needle);
size_t strlcpy(char *dst, const char *src, size_t size);

/* lib/vsprintf.c: %d %i %u %x %X %o %c %s %p %%, flags - 0 + space #,
 * width, precision, length hh h l ll z t. Always NUL-terminates when
 * size > 0; returns the length the full output would have had.
 */
int vsnprintf(char *buf, size_t size, const char *fmt, va_list ap);
__printf(3, 4) int snprintf(char *buf, size_t size, const char *fmt, ...);

/* lib/kstrtox.c: parse an unsigned number, base 0 = auto (0x, 0). */
int kstrtou64(const char *s, unsigned int base, u64 *res);

#endif
