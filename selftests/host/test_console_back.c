// SPDX-License-Identifier: GPL-2.0
/*
 * Host tests for drivers/xen/toolstack/console_ring_back.c, the backend
 * side of a guest's console ring: output taken in order across the ring's
 * wrap and the 2^32 index wrap, partial reads, input bounded by the room
 * the guest left, and a hostile guest (impossible out_prod or in_cons)
 * breaking the ring for good without a byte read or written outside it.
 * The page is a heap object of exactly its size (ASan sees overruns).
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include <tern/xen/console_back.h>

#define OUT_SZ	sizeof(((struct xencons_interface *)0)->out)
#define IN_SZ	sizeof(((struct xencons_interface *)0)->in)

static struct xencons_interface *intf;

static int setup(void **state)
{
	intf = calloc(1, sizeof(*intf));
	assert_non_null(intf);
	return 0;
}

static int teardown(void **state)
{
	free(intf);
	return 0;
}

/* The guest writes n bytes of output. */
static void guest_out(const char *s, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		intf->out[MASK_XENCONS_IDX(intf->out_prod + i, intf->out)] = s[i];
	intf->out_prod += n;
}

static void reads_in_order_across_wraps(void **state)
{
	struct xencons_back_ring r;
	char buf[OUT_SZ], want[OUT_SZ];
	unsigned int round, i;
	u32 start = 0xfffff000u;	/* the 2^32 index wrap comes soon */

	intf->out_prod = intf->out_cons = start;
	xencons_back_init(&r, intf);
	for (round = 0; round < 40; round++) {
		size_t n = (round * 97) % OUT_SZ + 1;

		for (i = 0; i < n; i++)
			want[i] = (char)(round + i);
		guest_out(want, n);
		assert_int_equal(xencons_back_read(&r, buf, sizeof(buf)), n);
		assert_memory_equal(buf, want, n);
		assert_int_equal(intf->out_cons, intf->out_prod);
		assert_int_equal(xencons_back_read(&r, buf, sizeof(buf)), 0);
	}
}

static void partial_reads(void **state)
{
	struct xencons_back_ring r;
	char buf[8];

	xencons_back_init(&r, intf);
	guest_out("hello, world", 12);
	assert_int_equal(xencons_back_read(&r, buf, 5), 5);
	assert_memory_equal(buf, "hello", 5);
	assert_int_equal(xencons_back_read(&r, buf, 8), 7);
	assert_memory_equal(buf, ", world", 7);
}

static void full_ring_is_fine(void **state)
{
	struct xencons_back_ring r;
	static char buf[OUT_SZ], data[OUT_SZ];

	xencons_back_init(&r, intf);
	memset(data, 'x', sizeof(data));
	guest_out(data, OUT_SZ);
	assert_int_equal(xencons_back_read(&r, buf, sizeof(buf)), OUT_SZ);
}

static void impossible_out_prod_breaks(void **state)
{
	struct xencons_back_ring r;
	char buf[16];

	xencons_back_init(&r, intf);
	intf->out_prod = intf->out_cons + OUT_SZ + 1;
	assert_int_equal(xencons_back_read(&r, buf, sizeof(buf)), -EPROTO);
	/* sticky, even once the index looks sane again */
	intf->out_prod = intf->out_cons;
	assert_int_equal(xencons_back_read(&r, buf, sizeof(buf)), -EPROTO);
	assert_int_equal(xencons_back_write(&r, "a", 1), -EPROTO);
}

static void our_index_is_private(void **state)
{
	struct xencons_back_ring r;
	char buf[16];

	xencons_back_init(&r, intf);
	guest_out("abc", 3);
	/* the guest rewinds out_cons: we still read each byte once */
	assert_int_equal(xencons_back_read(&r, buf, sizeof(buf)), 3);
	intf->out_cons -= 3;
	assert_int_equal(xencons_back_read(&r, buf, sizeof(buf)), 0);
}

static void input_bounded_by_room(void **state)
{
	struct xencons_back_ring r;
	static char big[IN_SZ + 10];
	unsigned int i;

	xencons_back_init(&r, intf);
	memset(big, 'k', sizeof(big));
	assert_int_equal(xencons_back_write(&r, big, sizeof(big)), IN_SZ);
	assert_int_equal(xencons_back_write(&r, "z", 1), 0);
	/* the guest consumes 3: room for 3 */
	intf->in_cons += 3;
	assert_int_equal(xencons_back_write(&r, "xyz!", 4), 3);
	for (i = 0; i < 3; i++)
		assert_int_equal(intf->in[MASK_XENCONS_IDX(IN_SZ + i, intf->in)],
				 "xyz"[i]);
	assert_int_equal(intf->in_prod, IN_SZ + 3);
	/* a hostile in_cons ahead of our producer */
	intf->in_cons = intf->in_prod + 1;
	assert_int_equal(xencons_back_write(&r, "q", 1), -EPROTO);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(reads_in_order_across_wraps,
						setup, teardown),
		cmocka_unit_test_setup_teardown(partial_reads, setup, teardown),
		cmocka_unit_test_setup_teardown(full_ring_is_fine, setup,
						teardown),
		cmocka_unit_test_setup_teardown(impossible_out_prod_breaks,
						setup, teardown),
		cmocka_unit_test_setup_teardown(our_index_is_private, setup,
						teardown),
		cmocka_unit_test_setup_teardown(input_bounded_by_room, setup,
						teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
