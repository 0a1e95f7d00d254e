/* SPDX-License-Identifier: GPL-2.0 */
#ifndef _TERN_VERSION_H
#define _TERN_VERSION_H

/* The kernel's version string (kernel/version.c, from scripts/version). */
extern const char tern_version[];

/* Type of the "Tern" ELF note whose descriptor is that string. */
#define TERN_NOTE_VERSION	1

#endif
