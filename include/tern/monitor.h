/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Console monitor commands that live with their subsystem: a file adds
 * one with MONITOR_CMD() and kernel/monitor.c lists it after its own.
 */
#ifndef _TERN_MONITOR_H
#define _TERN_MONITOR_H

#include <tern/compiler.h>

struct monitor_cmd {
	const char *name;
	const char *help;
	void (*run)(void);
	/* instead of run: a command that takes the rest of the line */
	void (*run_args)(const char *args);
};

#define MONITOR_CMD(sym, cmd_name, cmd_help, fn)			\
	static const struct monitor_cmd sym = {				\
		.name = cmd_name, .help = cmd_help, .run = fn,		\
	};								\
	static const struct monitor_cmd *const __monitor_##sym		\
	__used __section(".monitor_cmds") = &sym

/* A command with arguments: fn gets what follows the name ("" if none). */
#define MONITOR_CMD_ARGS(sym, cmd_name, cmd_help, fn)			\
	static const struct monitor_cmd sym = {				\
		.name = cmd_name, .help = cmd_help, .run_args = fn,	\
	};								\
	static const struct monitor_cmd *const __monitor_##sym		\
	__used __section(".monitor_cmds") = &sym

#endif
