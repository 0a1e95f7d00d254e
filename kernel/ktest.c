// SPDX-License-Identifier: GPL-2.0
/*
 * KTAP v1 runner for the suites in the .ktest_suites section (see
 * include/tern/ktest.h for the output format). Suites run in link order,
 * one case at a time, with interrupts enabled.
 */
#include <tern/ktest.h>
#include <tern/printk.h>
#include <tern/string.h>
#include <tern/timer.h>
#include <asm/pv_ops.h>

/* Below a case's caller, everything on the stack is dead once it returns. */
#define DEAD_STACK_SPAN		(16 * 1024)

extern const struct ktest_suite *const __start_ktest_suites[];
extern const struct ktest_suite *const __stop_ktest_suites[];

void ktest_fail(struct ktest *t, const char *file, int line,
		const char *fmt, ...)
{
	char buf[200];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(buf, sizeof(buf), fmt, ap);
	va_end(ap);
	printk("        # %s: %s:%d: %s\n", t->name, file, line, buf);
	t->failed = true;
}

void ktest_skip(struct ktest *t, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(t->skip_reason, sizeof(t->skip_reason), fmt, ap);
	va_end(ap);
	t->skipped = true;
}

void ktest_log(struct ktest *t, const char *fmt, ...)
{
	char buf[200];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(buf, sizeof(buf), fmt, ap);
	va_end(ap);
	printk("        # %s: %s\n", t->name, buf);
}

/*
 * Run one case, then make sure it left no timer queued in its (now dead)
 * stack frames: such a timer's callback would run later from whatever
 * reused that stack, a silent corruption. The check runs with
 * interrupts off and below a gap, so neither its own frame nor an
 * interrupt frame lands on the dead frames before they are unlinked.
 */
static __noinline void run_case(const struct ktest_case *c, struct ktest *t)
{
	char *top = __builtin_frame_address(0);
	unsigned long flags;
	unsigned int n;
	char *gap;

	c->run(t);
	flags = local_irq_save();
	gap = __builtin_alloca(1024);
	__asm__ __volatile__("" : : "r"(gap) : "memory");
	n = timer_cancel_range(top - DEAD_STACK_SPAN, top);
	local_irq_restore(flags);
	if (n)
		ktest_fail(t, __FILE__, __LINE__,
			   "returned with %u timer(s) on its stack still queued",
			   n);
}

static bool run_suite(const struct ktest_suite *s, unsigned int n)
{
	const char *reason = "not applicable";
	unsigned int i;
	bool ok = true;

	if (s->init && s->init(&reason)) {
		printk("ok %u %s # SKIP %s\n", n, s->name, reason);
		return true;
	}
	printk("    KTAP version 1\n");
	printk("    # Subtest: %s\n", s->name);
	printk("    1..%u\n", s->ncases);
	for (i = 0; i < s->ncases; i++) {
		struct ktest t;

		memset(&t, 0, sizeof(t));
		t.name = s->cases[i].name;
		run_case(&s->cases[i], &t);
		if (t.failed) {
			printk("    not ok %u %s\n", i + 1, t.name);
			ok = false;
		} else if (t.skipped) {
			printk("    ok %u %s # SKIP %s\n", i + 1, t.name,
			       t.skip_reason);
		} else {
			printk("    ok %u %s\n", i + 1, t.name);
		}
	}
	printk("%s %u %s\n", ok ? "ok" : "not ok", n, s->name);
	return ok;
}

bool ktest_run_all(void)
{
	const struct ktest_suite *const *s;
	unsigned int n = 0;
	bool ok = true;

	printk("KTAP version 1\n");
	printk("1..%u\n", (unsigned int)(__stop_ktest_suites -
					 __start_ktest_suites));
	for (s = __start_ktest_suites; s < __stop_ktest_suites; s++)
		if (!run_suite(*s, ++n))
			ok = false;
	return ok;
}
