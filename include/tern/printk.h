/* SPDX-License-Identifier: GPL-2.0 */
#ifndef _TERN_PRINTK_H
#define _TERN_PRINTK_H

#include <tern/types.h>

/* Log levels, as a leading "\001N" like Linux. */
#define KERN_SOH	"\001"
#define KERN_EMERG	KERN_SOH "0"
#define KERN_ERR	KERN_SOH "3"
#define KERN_WARNING	KERN_SOH "4"
#define KERN_NOTICE	KERN_SOH "5"
#define KERN_INFO	KERN_SOH "6"
#define KERN_DEBUG	KERN_SOH "7"

extern int console_loglevel;

__printf(1, 2) int printk(const char *fmt, ...);
int vprintk(const char *fmt, va_list ap);
__printf(1, 2) __noreturn void panic(const char *fmt, ...);

#define pr_err(fmt, ...)	printk(KERN_ERR fmt, ##__VA_ARGS__)
#define pr_warn(fmt, ...)	printk(KERN_WARNING fmt, ##__VA_ARGS__)
#define pr_notice(fmt, ...)	printk(KERN_NOTICE fmt, ##__VA_ARGS__)
#define pr_info(fmt, ...)	printk(KERN_INFO fmt, ##__VA_ARGS__)
#define pr_debug(fmt, ...)	printk(KERN_DEBUG fmt, ##__VA_ARGS__)

#define BUG_ON(c)							\
	do {								\
		if (unlikely(c))					\
			panic("BUG at %s:%d: %s", __FILE__, __LINE__, #c); \
	} while (0)

#endif
