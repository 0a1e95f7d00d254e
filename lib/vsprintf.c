// SPDX-License-Identifier: GPL-2.0
/*
 * vsnprintf()/snprintf() for the kernel: the integer, character, string
 * and pointer subset of C99 printf, without floating point.
 *
 *   %[flags][width][.precision][length]conversion
 *   flags:      - 0 + space #
 *   width/prec: decimal or '*' (a negative '*' width means '-' flag, a
 *               negative '*' precision means none)
 *   length:     hh h l ll z t j
 *   conversion: d i u x X o c s p %
 *
 * Integers follow C99: the precision is a minimum digit count (".0" with
 * value 0 prints no digits), '0' is ignored with '-' or a precision, "#x"
 * prefixes 0x to non-zero values and "#o" forces a leading 0. "%s" of
 * NULL prints "(null)"; "%p" prints "0x" and 16 hex digits (width and '-'
 * apply). An unknown conversion is copied out as is, so a bad format is
 * visible rather than silently eating arguments.
 *
 * Output goes through struct outbuf, which counts every byte but stores
 * only the first size - 1: the return value is the length the output
 * would have had, and the buffer is NUL-terminated whenever size > 0.
 * Width and precision are clamped to FIELD_MAX so a stray huge field
 * cannot make a single conversion spin for seconds.
 */
#include <tern/string.h>

#define FIELD_MAX	4096

#define F_LEFT		0x01	/* '-' */
#define F_ZERO		0x02	/* '0' */
#define F_PLUS		0x04	/* '+' */
#define F_SPACE		0x08	/* ' ' */
#define F_ALT		0x10	/* '#' */
#define F_UPPER		0x20	/* %X */

enum length {
	LEN_INT,
	LEN_CHAR,	/* hh */
	LEN_SHORT,	/* h */
	LEN_LONG,	/* l */
	LEN_LLONG,	/* ll */
	LEN_SIZE,	/* z */
	LEN_PTRDIFF,	/* t */
	LEN_MAX,	/* j */
};

struct outbuf {
	char *buf;
	size_t size;
	size_t pos;
};

struct spec {
	unsigned int flags;
	int width;		/* 0 = none */
	int prec;		/* -1 = none */
	enum length len;
};

static void out_char(struct outbuf *o, char c)
{
	if (o->pos + 1 < o->size)
		o->buf[o->pos] = c;
	o->pos++;
}

static void out_repeat(struct outbuf *o, char c, int n)
{
	while (n-- > 0)
		out_char(o, c);
}

static void out_mem(struct outbuf *o, const char *s, size_t n)
{
	while (n--)
		out_char(o, *s++);
}

/* Parses a decimal field, saturating at FIELD_MAX. */
static int parse_field(const char **fmt)
{
	const char *p = *fmt;
	int v = 0;

	while (*p >= '0' && *p <= '9') {
		if (v < FIELD_MAX)
			v = v * 10 + (*p - '0');
		p++;
	}
	*fmt = p;
	return v > FIELD_MAX ? FIELD_MAX : v;
}

/* Pads a field of n bytes written by the caller: call before and after. */
static void pad_left(struct outbuf *o, const struct spec *sp, int n)
{
	if (!(sp->flags & F_LEFT))
		out_repeat(o, ' ', sp->width - n);
}

static void pad_right(struct outbuf *o, const struct spec *sp, int n)
{
	if (sp->flags & F_LEFT)
		out_repeat(o, ' ', sp->width - n);
}

static void format_string(struct outbuf *o, const struct spec *sp,
			  const char *s)
{
	int n;

	if (!s)
		s = "(null)";
	/* Never read past the precision: s need not be NUL-terminated. */
	n = sp->prec >= 0 ? (int)strnlen(s, sp->prec) : (int)strlen(s);
	pad_left(o, sp, n);
	out_mem(o, s, n);
	pad_right(o, sp, n);
}

/*
 * Formats one integer. neg says the value was negative (and v holds its
 * magnitude), signed_conv whether '+' and ' ' apply.
 */
static void format_number(struct outbuf *o, const struct spec *sp,
			  unsigned long long v, bool neg, bool signed_conv,
			  unsigned int base)
{
	const char *xdigits = (sp->flags & F_UPPER) ? "0123456789ABCDEF" :
						      "0123456789abcdef";
	char digits[24];	/* 64-bit octal is 22 digits */
	char prefix[3];
	int ndig = 0, nprefix = 0, zeros, total, prec = sp->prec;

	while (v) {
		digits[ndig++] = xdigits[v % base];
		v /= base;
	}
	/* Value 0 prints one digit unless the precision is explicitly 0. */
	if (ndig == 0 && prec != 0)
		digits[ndig++] = '0';

	if (signed_conv) {
		if (neg)
			prefix[nprefix++] = '-';
		else if (sp->flags & F_PLUS)
			prefix[nprefix++] = '+';
		else if (sp->flags & F_SPACE)
			prefix[nprefix++] = ' ';
	}
	if (sp->flags & F_ALT) {
		if (base == 16 && ndig && digits[ndig - 1] != '0') {
			prefix[nprefix++] = '0';
			prefix[nprefix++] = (sp->flags & F_UPPER) ? 'X' : 'x';
		} else if (base == 8 && (ndig == 0 || digits[ndig - 1] != '0')) {
			/* "#o" raises the precision so the first digit is 0 */
			if (prec <= ndig)
				prec = ndig + 1;
		}
	}

	zeros = prec > ndig ? prec - ndig : 0;
	total = nprefix + zeros + ndig;
	if ((sp->flags & (F_ZERO | F_LEFT)) == F_ZERO && sp->prec < 0 &&
	    sp->width > total) {
		zeros += sp->width - total;
		total = sp->width;
	}

	pad_left(o, sp, total);
	out_mem(o, prefix, nprefix);
	out_repeat(o, '0', zeros);
	while (ndig)
		out_char(o, digits[--ndig]);
	pad_right(o, sp, total);
}

static void format_pointer(struct outbuf *o, const struct spec *sp,
			   const void *p)
{
	static const char xdigits[] = "0123456789abcdef";
	unsigned long v = (unsigned long)p;
	int i;

	pad_left(o, sp, 18);
	out_char(o, '0');
	out_char(o, 'x');
	for (i = 60; i >= 0; i -= 4)
		out_char(o, xdigits[(v >> i) & 0xf]);
	pad_right(o, sp, 18);
}

static unsigned long long arg_unsigned(enum length len, va_list *ap)
{
	switch (len) {
	case LEN_CHAR:
		return (unsigned char)va_arg(*ap, unsigned int);
	case LEN_SHORT:
		return (unsigned short)va_arg(*ap, unsigned int);
	case LEN_LONG:
		return va_arg(*ap, unsigned long);
	case LEN_LLONG:
		return va_arg(*ap, unsigned long long);
	case LEN_SIZE:
		return va_arg(*ap, size_t);
	case LEN_PTRDIFF:
		return (unsigned long long)va_arg(*ap, ptrdiff_t);
	case LEN_MAX:
		return va_arg(*ap, uintmax_t);
	default:
		return va_arg(*ap, unsigned int);
	}
}

static long long arg_signed(enum length len, va_list *ap)
{
	switch (len) {
	case LEN_CHAR:
		return (signed char)va_arg(*ap, int);
	case LEN_SHORT:
		return (short)va_arg(*ap, int);
	case LEN_LONG:
		return va_arg(*ap, long);
	case LEN_LLONG:
		return va_arg(*ap, long long);
	case LEN_SIZE:
		/* the signed type corresponding to size_t */
		return va_arg(*ap, long);
	case LEN_PTRDIFF:
		return va_arg(*ap, ptrdiff_t);
	case LEN_MAX:
		return va_arg(*ap, intmax_t);
	default:
		return va_arg(*ap, int);
	}
}

static const char *parse_flags(const char *fmt, struct spec *sp)
{
	for (;; fmt++) {
		switch (*fmt) {
		case '-':
			sp->flags |= F_LEFT;
			break;
		case '0':
			sp->flags |= F_ZERO;
			break;
		case '+':
			sp->flags |= F_PLUS;
			break;
		case ' ':
			sp->flags |= F_SPACE;
			break;
		case '#':
			sp->flags |= F_ALT;
			break;
		default:
			return fmt;
		}
	}
}

static const char *parse_length(const char *fmt, struct spec *sp)
{
	switch (*fmt) {
	case 'h':
		if (fmt[1] == 'h') {
			sp->len = LEN_CHAR;
			return fmt + 2;
		}
		sp->len = LEN_SHORT;
		return fmt + 1;
	case 'l':
		if (fmt[1] == 'l') {
			sp->len = LEN_LLONG;
			return fmt + 2;
		}
		sp->len = LEN_LONG;
		return fmt + 1;
	case 'z':
		sp->len = LEN_SIZE;
		return fmt + 1;
	case 't':
		sp->len = LEN_PTRDIFF;
		return fmt + 1;
	case 'j':
		sp->len = LEN_MAX;
		return fmt + 1;
	default:
		sp->len = LEN_INT;
		return fmt;
	}
}

int vsnprintf(char *buf, size_t size, const char *fmt, va_list ap)
{
	struct outbuf o = { .buf = buf, .size = size, .pos = 0 };
	const char *start;
	struct spec sp;
	unsigned long long uv;
	long long sv;
	va_list args;
	char c;
	int w;

	/* Copy so that helpers can take a pointer to a real va_list. */
	va_copy(args, ap);

	while (*fmt) {
		if (*fmt != '%') {
			out_char(&o, *fmt++);
			continue;
		}
		start = fmt++;

		sp.flags = 0;
		sp.width = 0;
		sp.prec = -1;
		fmt = parse_flags(fmt, &sp);

		if (*fmt == '*') {
			w = va_arg(args, int);
			if (w < 0) {
				sp.flags |= F_LEFT;
				w = w < -FIELD_MAX ? FIELD_MAX : -w;
			}
			sp.width = w > FIELD_MAX ? FIELD_MAX : w;
			fmt++;
		} else {
			sp.width = parse_field(&fmt);
		}

		if (*fmt == '.') {
			fmt++;
			if (*fmt == '*') {
				w = va_arg(args, int);
				sp.prec = w < 0 ? -1 : min(w, FIELD_MAX);
				fmt++;
			} else {
				sp.prec = parse_field(&fmt);
			}
		}

		fmt = parse_length(fmt, &sp);

		switch (*fmt) {
		case 'd':
		case 'i':
			sv = arg_signed(sp.len, &args);
			/* magnitude via unsigned negation: LLONG_MIN is fine */
			uv = (unsigned long long)sv;
			format_number(&o, &sp, sv < 0 ? -uv : uv, sv < 0,
				      true, 10);
			break;
		case 'u':
			format_number(&o, &sp, arg_unsigned(sp.len, &args),
				      false, false, 10);
			break;
		case 'x':
		case 'X':
			if (*fmt == 'X')
				sp.flags |= F_UPPER;
			format_number(&o, &sp, arg_unsigned(sp.len, &args),
				      false, false, 16);
			break;
		case 'o':
			format_number(&o, &sp, arg_unsigned(sp.len, &args),
				      false, false, 8);
			break;
		case 'c':
			c = (char)va_arg(args, int);
			pad_left(&o, &sp, 1);
			out_char(&o, c);
			pad_right(&o, &sp, 1);
			break;
		case 's':
			format_string(&o, &sp, va_arg(args, const char *));
			break;
		case 'p':
			format_pointer(&o, &sp, va_arg(args, const void *));
			break;
		case '%':
			out_char(&o, '%');
			break;
		case '\0':
			/* format ends inside a conversion: emit it verbatim */
			out_mem(&o, start, fmt - start);
			continue;
		default:
			out_mem(&o, start, fmt + 1 - start);
			break;
		}
		fmt++;
	}
	va_end(args);

	if (size)
		buf[o.pos < size ? o.pos : size - 1] = '\0';
	return (int)o.pos;
}

int snprintf(char *buf, size_t size, const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(buf, size, fmt, ap);
	va_end(ap);
	return n;
}
