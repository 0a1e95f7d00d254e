/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Kernel command line. Tokens are separated by spaces; a value may be
 * double-quoted ("console=com1 foo=\"a b\""). Pure code (kernel/cmdline.c)
 * shared with the host unit tests.
 */
#ifndef _TERN_CMDLINE_H
#define _TERN_CMDLINE_H

#include <tern/types.h>

struct cmdline_opt {
	const char *name;
	/* value is NULL for a bare flag; return 0 or -EINVAL */
	int (*set)(const char *value, void *arg);
	void *arg;
};

/*
 * Calls the handler of each known option in order. Unknown options and
 * options whose handler returns an error are passed to report(name,
 * value, err) with err = -ENOENT or the handler's error, and ignored.
 * The input is not modified; token and value are copied into a bounded
 * buffer (over-long tokens are reported with -E2BIG). Returns the number
 * of problems reported.
 */
int cmdline_parse(const char *cmdline, const struct cmdline_opt *opts,
		  unsigned int nopts,
		  void (*report)(const char *name, const char *value, int err));

/* Helpers for common option types. */
int cmdline_set_bool(const char *value, void *arg);	/* bool * */
int cmdline_set_uint(const char *value, void *arg);	/* unsigned int * */

#endif
