// SPDX-License-Identifier: GPL-2.0
/*
 * Console list and the shared input ring. The ring is single-producer
 * (interrupt handlers, IRQs off) and single-consumer (console_getc with
 * IRQs disabled around the check), so no lock is needed on one CPU.
 */
#include <tern/console.h>
#include <tern/string.h>
#include <tern/printk.h>
#include <tern/workqueue.h>
#include <asm/pv_ops.h>

static struct console *consoles;

#define INPUT_RING	256
static char input_ring[INPUT_RING];
static unsigned int input_head, input_tail;
static u64 input_count;

void register_console(struct console *c)
{
	struct console **pp = &consoles;

	while (*pp)
		pp = &(*pp)->next;
	c->next = NULL;
	*pp = c;
}

void console_write(const char *s, size_t n)
{
	struct console *c;

	for (c = consoles; c; c = c->next)
		if (c->enabled)
			c->write(s, n);
}

static bool name_in_list(const char *name, const char *list)
{
	size_t n = strlen(name);

	while (*list) {
		const char *end = strchr(list, ',');
		size_t len = end ? (size_t)(end - list) : strlen(list);

		if (len == n && !strncmp(list, name, n))
			return true;
		if (!end)
			break;
		list = end + 1;
	}
	return false;
}

int console_select(const char *list)
{
	struct console *c;
	int found = 0;

	for (c = consoles; c; c = c->next)
		if (name_in_list(c->name, list))
			found++;
	if (!found)
		return -ENOENT;
	for (c = consoles; c; c = c->next)
		c->enabled = name_in_list(c->name, list);
	return 0;
}

void console_input_char(char c)
{
	unsigned int next = (input_head + 1) % INPUT_RING;

	input_count++;
	if (next == input_tail)
		return;		/* full: drop */
	input_ring[input_head] = c;
	input_head = next;
}

u64 console_input_count(void)
{
	return input_count;
}

int console_getc(void)
{
	for (;;) {
		int c = -1;

		/* the idle loop: deferred work runs here */
		run_pending_work();
		local_irq_disable();
		if (input_tail != input_head) {
			c = (unsigned char)input_ring[input_tail];
			input_tail = (input_tail + 1) % INPUT_RING;
		}
		if (c >= 0) {
			local_irq_enable();
			return c;
		}
		if (work_runnable()) {
			/* queued since run_pending_work() looked */
			local_irq_enable();
			continue;
		}
		/* enables interrupts and waits, with no lost-wakeup window */
		safe_halt();
	}
}
