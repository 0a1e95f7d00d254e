/* SPDX-License-Identifier: GPL-2.0 */
/* The balloon (drivers/xen/balloon.c): follow memory/target. */
#ifndef _TERN_XEN_BALLOON_H
#define _TERN_XEN_BALLOON_H

#include <tern/types.h>

struct balloon_stats {
	u64 target_kib;		/* memory/target, last read */
	long goal_pages;	/* what Xen's count should become */
	long xen_pages;		/* Xen's count, last read */
	long xen_at_target;	/* Xen's count when the last target came */
	u64 ballooned;		/* pages given back and not yet taken */
	u64 given_back, taken_back;
	u64 targets, stuck, lost;
	u64 unbacked;		/* pages given back at start (populate-on-demand) */
	u64 grown;		/* pages of room added above boot RAM */
	bool at_goal;
};
extern struct balloon_stats balloon_stats;

int xen_balloon_init(void);

#endif
