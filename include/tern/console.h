/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Consoles: every registered and enabled console receives every printk
 * line. Input from any console (its interrupt handler) goes to one ring
 * that the monitor reads with console_getc().
 */
#ifndef _TERN_CONSOLE_H
#define _TERN_CONSOLE_H

#include <tern/types.h>

struct console {
	const char *name;
	void (*write)(const char *s, size_t n);
	bool enabled;
	struct console *next;
};

void register_console(struct console *c);
void console_write(const char *s, size_t n);
/* console=a,b: enable only the named consoles; -ENOENT if none known. */
int console_select(const char *list);

/* From interrupt context: one received character. */
void console_input_char(char c);
/* Block (halting the CPU) until a character arrives. */
int console_getc(void);
/* Number of characters received so far. */
u64 console_input_count(void);

/* drivers/tty/serial8250.c */
void serial8250_init(void);
int serial8250_enable_rx(unsigned int irq);

#endif
