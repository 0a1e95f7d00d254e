// SPDX-License-Identifier: GPL-2.0
/*
 * Host tests for net/fdb.c, the learning bridge's forwarding database:
 * learning, moving, aging, replacement when full, the verdicts (unicast,
 * flood, drop with its reason), short frames and bad sources, flushing a
 * port, listing, a guest spoofing source MACs, and a clock going
 * backwards. After every case the table is checked against the header's
 * invariants by an independent scan.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include <tern/net_fdb.h>

#define AGE	FDB_AGE_MS

static struct fdb fdb;

/* A locally administered unicast MAC: 02:00:00:00:hi:lo. */
static const u8 *mac(unsigned int n)
{
	static u8 m[8][6];
	static unsigned int next;
	u8 *p = m[next++ % 8];

	p[0] = 0x02;
	p[1] = 0;
	p[2] = (u8)(n >> 24);
	p[3] = (u8)(n >> 16);
	p[4] = (u8)(n >> 8);
	p[5] = (u8)n;
	return p;
}

static const u8 bcast[6] = { 0xff, 0xff, 0xff, 0xff, 0xff, 0xff };
static const u8 mcast[6] = { 0x01, 0x00, 0x5e, 0x00, 0x00, 0x01 };
static const u8 zero[6];

/* Decide for a 60-byte frame dst <- src; out_port/why reset first. */
static u16 out;
static const char *why;

static enum fdb_verdict send(const u8 *dst, const u8 *src, u16 port, u64 now)
{
	u8 f[60];

	memset(f, 0xa5, sizeof(f));
	memcpy(f, dst, 6);
	memcpy(f + 6, src, 6);
	out = 0x1234;
	why = NULL;
	return fdb_decide(&fdb, f, sizeof(f), port, now, &out, &why);
}

/* Where dst is forwarded from port (UNICAST: the port, else -1 / -2). */
static int where(const u8 *dst, u16 port, u64 now)
{
	/* a source nobody else uses, so learning it changes nothing else */
	enum fdb_verdict v = send(dst, mac(0xfffffff0u + port), port, now);

	if (v == FDB_UNICAST)
		return out;
	return v == FDB_FLOOD ? -1 : -2;
}

/* The live entry for m, listed by fdb_entry_get(); false if none. */
static bool find_live(const u8 *m, u64 now, struct fdb_entry *out)
{
	struct fdb_entry e;
	unsigned int i, found = 0;

	for (i = 0; fdb_entry_get(&fdb, i, now, &e); i++) {
		if (memcmp(e.mac, m, 6))
			continue;
		found++;
		*out = e;
	}
	assert_true(found <= 1);
	return found;
}

static unsigned int count_live(u64 now)
{
	struct fdb_entry e;
	unsigned int n = 0;

	while (fdb_entry_get(&fdb, n, now, &e))
		n++;
	return n;
}

/* The header's invariants, by a scan independent of net/fdb.c. */
static void check_table(void)
{
	unsigned int i, j;

	for (i = 0; i < FDB_ENTRIES; i++) {
		const struct fdb_entry *a = &fdb.e[i];

		if (a->port == FDB_PORT_NONE)
			continue;
		assert_false(a->mac[0] & 1);
		assert_memory_not_equal(a->mac, zero, 6);
		for (j = i + 1; j < FDB_ENTRIES; j++) {
			const struct fdb_entry *b = &fdb.e[j];

			if (b->port != FDB_PORT_NONE)
				assert_memory_not_equal(a->mac, b->mac, 6);
		}
	}
}

static int setup(void **state)
{
	memset(&fdb, 0x5a, sizeof(fdb));
	fdb_init(&fdb);
	return 0;
}

static int teardown(void **state)
{
	check_table();
	return 0;
}

static void init_is_empty(void **state)
{
	struct fdb_entry e;
	unsigned int i;

	assert_false(fdb_entry_get(&fdb, 0, 0, &e));
	assert_int_equal(fdb.learned + fdb.moved + fdb.replaced, 0);
	for (i = 0; i < FDB_ENTRIES; i++)
		assert_int_equal(fdb.e[i].port, FDB_PORT_NONE);
}

static void learns_source(void **state)
{
	struct fdb_entry e;

	assert_int_equal(send(mac(2), mac(1), 1, 1000), FDB_FLOOD);
	assert_int_equal(out, 0x1234);		/* untouched when not unicast */
	assert_int_equal(fdb.learned, 1);
	assert_true(find_live(mac(1), 1000, &e));
	assert_int_equal(e.port, 1);
	assert_int_equal(e.seen_ms, 1000);
	assert_false(fdb_entry_get(&fdb, 1, 1000, &e));
	/* seen again on the same port: refreshed, not learned twice */
	assert_int_equal(send(mac(2), mac(1), 1, 2000), FDB_FLOOD);
	assert_int_equal(fdb.learned, 1);
	assert_int_equal(fdb.moved, 0);
	assert_true(find_live(mac(1), 2000, &e));
	assert_int_equal(e.seen_ms, 2000);
	assert_int_equal(count_live(2000), 1);
}

static void unicast_to_known_port(void **state)
{
	send(bcast, mac(1), 1, 0);
	send(bcast, mac(2), 2, 0);
	assert_int_equal(send(mac(1), mac(2), 2, 1), FDB_UNICAST);
	assert_int_equal(out, 1);
	assert_int_equal(send(mac(2), mac(1), 1, 1), FDB_UNICAST);
	assert_int_equal(out, 2);
	/* why is only for drops: left alone */
	assert_null(why);
	/* the largest port number works like any other */
	send(bcast, mac(3), 0xfffe, 2);
	assert_int_equal(send(mac(3), mac(1), 1, 3), FDB_UNICAST);
	assert_int_equal(out, 0xfffe);
}

static void same_port_dropped(void **state)
{
	send(bcast, mac(1), 1, 0);
	send(bcast, mac(3), 1, 0);
	assert_int_equal(send(mac(3), mac(1), 1, 5), FDB_DROP);
	assert_non_null(why);
	assert_string_equal(why, "destination on the input port");
	assert_int_equal(out, 0x1234);
	/* a frame to itself: learned, then dropped */
	assert_int_equal(send(mac(7), mac(7), 4, 5), FDB_DROP);
	assert_int_equal(fdb.learned, 3);
	/* why may be NULL */
	{
		u8 f[14];

		memcpy(f, mac(3), 6);
		memcpy(f + 6, mac(1), 6);
		f[12] = 8;
		f[13] = 0;
		assert_int_equal(fdb_decide(&fdb, f, 14, 1, 6, &out, NULL),
				 FDB_DROP);
	}
}

static void broadcast_multicast_unknown_flood(void **state)
{
	send(bcast, mac(1), 1, 0);
	assert_int_equal(send(bcast, mac(2), 2, 1), FDB_FLOOD);
	assert_int_equal(send(mcast, mac(2), 2, 1), FDB_FLOOD);
	/* any address with the group bit, even "02|01" ones */
	assert_int_equal(send((const u8[]){ 0x03, 0, 0, 0, 0, 1 }, mac(2), 2,
			      1), FDB_FLOOD);
	/* unknown unicast, and the all-zero destination */
	assert_int_equal(send(mac(99), mac(2), 2, 1), FDB_FLOOD);
	assert_int_equal(send(zero, mac(2), 2, 1), FDB_FLOOD);
	/* the sources were learned all the same */
	assert_int_equal(fdb.learned, 2);
	assert_int_equal(where(mac(2), 1, 2), 2);
}

static void short_frames_dropped(void **state)
{
	u8 full[14];
	u32 len;

	memcpy(full, mac(2), 6);
	memcpy(full + 6, mac(1), 6);
	full[12] = 8;
	full[13] = 0;
	send(bcast, mac(2), 2, 0);
	for (len = 0; len < 14; len++) {
		/* exactly len bytes on the heap: ASan sees any overread */
		u8 *f = malloc(len ? len : 1);

		assert_non_null(f);
		memcpy(f, full, len);
		why = NULL;
		assert_int_equal(fdb_decide(&fdb, f, len, 1, 1, &out, &why),
				 FDB_DROP);
		assert_string_equal(why, "runt");
		free(f);
	}
	/* no frame at all */
	assert_int_equal(fdb_decide(&fdb, NULL, 0, 1, 1, &out, &why), FDB_DROP);
	/* nothing learned from them */
	assert_int_equal(fdb.learned, 1);
	assert_int_equal(count_live(1), 1);
	/* exactly ETH_HLEN is a frame */
	{
		u8 *f = malloc(14);

		assert_non_null(f);
		memcpy(f, full, 14);
		assert_int_equal(fdb_decide(&fdb, f, 14, 1, 1, &out, &why),
				 FDB_UNICAST);
		assert_int_equal(out, 2);
		free(f);
	}
}

static void bad_sources_dropped(void **state)
{
	send(bcast, mac(2), 2, 0);
	assert_int_equal(send(mac(2), mcast, 1, 1), FDB_DROP);
	assert_string_equal(why, "multicast source");
	assert_int_equal(send(mac(2), bcast, 1, 1), FDB_DROP);
	assert_string_equal(why, "multicast source");
	assert_int_equal(send(mac(2), zero, 1, 1), FDB_DROP);
	assert_string_equal(why, "zero source");
	/* the group bit alone makes a source multicast */
	assert_int_equal(send(mac(2), (const u8[]){ 1, 0, 0, 0, 0, 0 }, 1, 1),
			 FDB_DROP);
	assert_int_equal(fdb.learned, 1);
	assert_int_equal(count_live(1), 1);
	/* a no-port input is refused, and nothing learned from it */
	assert_int_equal(send(mac(2), mac(1), FDB_PORT_NONE, 1), FDB_DROP);
	assert_int_equal(fdb.learned, 1);
}

static void station_moves(void **state)
{
	struct fdb_entry e;

	send(bcast, mac(1), 1, 0);
	assert_int_equal(where(mac(1), 3, 1), 1);
	send(bcast, mac(1), 2, 10);
	assert_int_equal(fdb.moved, 1);
	assert_int_equal(fdb.learned, 2);	/* MAC 1 and where()'s source */
	assert_int_equal(where(mac(1), 3, 11), 2);
	/* from its new port, traffic to it is dropped, not sent back */
	assert_int_equal(where(mac(1), 2, 12), -2);
	/* one entry for it, on the new port */
	assert_true(find_live(mac(1), 12, &e));
	assert_int_equal(e.port, 2);
	assert_int_equal(e.seen_ms, 10);
	/* and back */
	send(bcast, mac(1), 1, 20);
	assert_int_equal(fdb.moved, 2);
	assert_int_equal(where(mac(1), 3, 21), 1);
}

static void entries_age(void **state)
{
	struct fdb_entry e;

	send(bcast, mac(1), 1, 1000);
	/* exactly FDB_AGE_MS old: still there */
	assert_int_equal(where(mac(1), 2, 1000 + AGE), 1);
	assert_true(find_live(mac(1), 1000 + AGE, &e));
	/* older: never returned, floods */
	assert_int_equal(where(mac(1), 2, 1001 + AGE), -1);
	assert_false(find_live(mac(1), 1001 + AGE, &e));
	/* its own port's frames to it flood too (not a stale drop) */
	assert_int_equal(where(mac(1), 1, 1001 + AGE), -1);
	/* seen again (elsewhere): learned afresh, not a move */
	send(bcast, mac(1), 3, 2000 + AGE);
	assert_int_equal(fdb.learned, 4);	/* MAC 1 twice, where()'s 2 */
	assert_int_equal(fdb.moved, 0);
	assert_int_equal(where(mac(1), 2, 2000 + 2 * AGE), 3);
	/* learning refreshes: seen at 2000 + AGE, lives to 2000 + 2 AGE */
	assert_int_equal(where(mac(1), 2, 2001 + 2 * AGE), -1);
}

static void full_table_replaces_oldest(void **state)
{
	unsigned int i;

	/* MAC i learned at time 100 + i (MAC 0 the oldest) */
	for (i = 0; i < FDB_ENTRIES; i++)
		assert_int_equal(send(bcast, mac(i), (u16)(i % 7),
				      100 + i), FDB_FLOOD);
	assert_int_equal(fdb.learned, FDB_ENTRIES);
	assert_int_equal(fdb.replaced, 0);
	assert_int_equal(count_live(400), FDB_ENTRIES);
	/* MAC 5 refreshed: now MAC 0 then MAC 1 are the oldest */
	send(bcast, mac(5), 5, 1000);
	send(bcast, mac(1000), 8, 1001);
	assert_int_equal(fdb.replaced, 1);
	send(bcast, mac(1001), 8, 1002);
	assert_int_equal(fdb.replaced, 2);
	assert_int_equal(count_live(1002), FDB_ENTRIES);
	/* where()'s source is new too: it replaces MAC 2 */
	assert_int_equal(where(mac(1000), 9, 1003), 8);
	assert_int_equal(fdb.replaced, 3);
	assert_int_equal(send(mac(0), mac(1000), 8, 1004), FDB_FLOOD);
	assert_int_equal(send(mac(1), mac(1000), 8, 1004), FDB_FLOOD);
	assert_int_equal(send(mac(2), mac(1000), 8, 1004), FDB_FLOOD);
	assert_int_equal(send(mac(3), mac(1000), 8, 1004), FDB_UNICAST);
	assert_int_equal(out, 3);
	assert_int_equal(send(mac(5), mac(1000), 8, 1004), FDB_UNICAST);
	assert_int_equal(out, 5);
	assert_int_equal(where(mac(1001), 9, 1004), 8);
}

static void expired_reused_before_live(void **state)
{
	unsigned int i;

	/* MACs 0..9 at time 0, the rest at AGE: at AGE + 1, 0..9 expired */
	for (i = 0; i < FDB_ENTRIES; i++)
		send(bcast, mac(i), 1, i < 10 ? 0 : AGE);
	assert_int_equal(count_live(AGE + 1), FDB_ENTRIES - 10);
	for (i = 0; i < 10; i++)
		send(bcast, mac(500 + i), 2, AGE + 1);
	/* nothing live was lost */
	assert_int_equal(fdb.replaced, 0);
	assert_int_equal(count_live(AGE + 1), FDB_ENTRIES);
	for (i = 10; i < FDB_ENTRIES; i++) {
		assert_int_equal(send(mac(i), mac(500), 2, AGE + 1),
				 FDB_UNICAST);
		assert_int_equal(out, 1);
	}
	/* the next one has to replace a live entry */
	send(bcast, mac(600), 2, AGE + 2);
	assert_int_equal(fdb.replaced, 1);
}

static void flush_port_forgets(void **state)
{
	struct fdb_entry e;
	unsigned int i, n;

	for (i = 0; i < 30; i++)
		send(bcast, mac(i), (u16)(1 + i % 3), i);
	fdb_flush_port(&fdb, 2);
	assert_int_equal(count_live(50), 20);
	for (i = 0; i < 30; i++) {
		int w = where(mac(i), 9, 50);

		if (i % 3 == 1)
			assert_int_equal(w, -1);
		else
			assert_int_equal(w, (int)(1 + i % 3));
	}
	for (n = 0; fdb_entry_get(&fdb, n, 50, &e); n++)
		assert_int_not_equal(e.port, 2);
	/* flushing a port with no entries, or FDB_PORT_NONE, changes nothing */
	fdb_flush_port(&fdb, 77);
	fdb_flush_port(&fdb, FDB_PORT_NONE);
	assert_int_equal(count_live(50), n);
	/* the port comes back: learned again from scratch */
	send(bcast, mac(1), 2, 60);
	assert_int_equal(where(mac(1), 9, 61), 2);
	/* freed entries are reused before anything is replaced */
	for (i = 1000; fdb.learned < FDB_ENTRIES + 10; i++)
		send(bcast, mac(i), 4, 70);
	assert_int_equal(fdb.replaced, 0);
	assert_int_equal(count_live(70), FDB_ENTRIES);
}

static void entry_get_lists_live_entries(void **state)
{
	bool seen[40] = { false };
	struct fdb_entry e;
	unsigned int i, n;

	/* 40 entries: even ones at time 0, odd ones at time AGE */
	for (i = 0; i < 40; i++)
		send(bcast, mac(i), (u16)(100 + i), i & 1 ? AGE : 0);
	fdb_flush_port(&fdb, 100 + 3);
	assert_int_equal(count_live(AGE), 39);
	/* at AGE + 1 the even ones are gone: 19 odd ones left (3 flushed) */
	for (n = 0; fdb_entry_get(&fdb, n, AGE + 1, &e); n++) {
		assert_int_equal(e.mac[0], 0x02);
		i = e.mac[5];
		assert_true(i < 40 && (i & 1) && i != 3);
		assert_false(seen[i]);
		seen[i] = true;
		assert_int_equal(e.port, 100 + i);
		assert_int_equal(e.seen_ms, AGE);
	}
	assert_int_equal(n, 19);
	assert_false(fdb_entry_get(&fdb, 19, AGE + 1, &e));
	assert_false(fdb_entry_get(&fdb, FDB_ENTRIES, AGE + 1, &e));
	assert_false(fdb_entry_get(&fdb, ~0u, AGE + 1, &e));
}

/*
 * A guest on port 3 sends frames with made-up sources, far more than
 * the table holds. The bridge may forget the real stations (and
 * flood to them) but never sends their traffic to port 3; once they
 * speak again they are found again.
 */
static void spoofing_guest_fills_table(void **state)
{
	struct fdb_entry e;
	unsigned int i, n;
	u64 t = 0;

	send(bcast, mac(1), 1, t++);
	send(bcast, mac(2), 2, t++);
	srand(1);
	for (i = 0; i < 20000; i++) {
		u8 src[6];
		unsigned int k;
		int w;

		for (k = 0; k < 6; k++)
			src[k] = (u8)rand();
		src[0] &= 0xfe;
		/* a real station's MAC would be a move: not this test */
		if (!memcmp(src, mac(1), 6) || !memcmp(src, mac(2), 6))
			continue;
		send(bcast, src, 3, t++);
		w = where(mac(1), 2, t);
		assert_true(w == -1 || w == 1);
		w = where(mac(2), 1, t);
		assert_true(w == -1 || w == 2);
		if (i % 1000 == 999)
			check_table();
	}
	assert_int_equal(count_live(t), FDB_ENTRIES);
	assert_true(fdb.replaced > 10000);
	for (n = 0; fdb_entry_get(&fdb, n, t, &e); n++) {
		if (!memcmp(e.mac, mac(1), 6))
			assert_int_equal(e.port, 1);
		if (!memcmp(e.mac, mac(2), 6))
			assert_int_equal(e.port, 2);
	}
	/* the real stations speak: found again */
	send(mac(2), mac(1), 1, t);
	send(mac(1), mac(2), 2, t);
	assert_int_equal(where(mac(1), 2, t), 1);
	assert_int_equal(where(mac(2), 1, t), 2);
	/* spoofing one real MAC moves that one entry only */
	send(bcast, mac(1), 3, t);
	assert_int_equal(where(mac(1), 2, t), 3);
	assert_int_equal(where(mac(2), 1, t), 2);
}

static void clock_going_backwards(void **state)
{
	struct fdb_entry e;
	unsigned int i;

	send(bcast, mac(1), 1, 1000000);
	assert_int_equal(where(mac(1), 2, 1000000), 1);
	/* now before seen_ms: treated as expired, not returned */
	assert_int_equal(where(mac(1), 2, 500), -1);
	assert_int_equal(count_live(500), 1);	/* where()'s own source */
	assert_false(find_live(mac(1), 500, &e));
	/* learned again at the earlier time: restamped, one entry */
	send(bcast, mac(1), 1, 500);
	assert_int_equal(where(mac(1), 2, 500), 1);
	assert_int_equal(fdb.moved, 0);
	/* and it ages from there: not immortal */
	assert_int_equal(where(mac(1), 2, 500 + AGE), 1);
	assert_int_equal(where(mac(1), 2, 501 + AGE), -1);

	/* near the top of u64 and past it: no overflow either way */
	send(bcast, mac(2), 1, ~0ULL - 10);
	assert_int_equal(where(mac(2), 2, ~0ULL), 1);
	assert_int_equal(where(mac(2), 2, 5), -1);
	send(bcast, mac(3), 1, 0);
	assert_int_equal(where(mac(3), 2, ~0ULL), -1);

	/* a "future" entry is reused before the least recently learned */
	fdb_init(&fdb);
	for (i = 0; i < FDB_ENTRIES - 1; i++)
		send(bcast, mac(i), 1, 1000 + i);
	send(bcast, mac(999), 2, 1ULL << 40);
	send(bcast, mac(5000), 3, 2000);
	assert_int_equal(fdb.replaced, 0);
	assert_int_equal(where(mac(999), 4, 2000), -1);
	assert_int_equal(fdb.replaced, 1);	/* where()'s source: MAC 0 */
	for (i = 1; i < FDB_ENTRIES - 1; i++)
		assert_int_equal(where(mac(i), 4, 2000), 1);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(init_is_empty, setup, teardown),
		cmocka_unit_test_setup_teardown(learns_source, setup, teardown),
		cmocka_unit_test_setup_teardown(unicast_to_known_port, setup,
						teardown),
		cmocka_unit_test_setup_teardown(same_port_dropped, setup,
						teardown),
		cmocka_unit_test_setup_teardown(broadcast_multicast_unknown_flood,
						setup, teardown),
		cmocka_unit_test_setup_teardown(short_frames_dropped, setup,
						teardown),
		cmocka_unit_test_setup_teardown(bad_sources_dropped, setup,
						teardown),
		cmocka_unit_test_setup_teardown(station_moves, setup, teardown),
		cmocka_unit_test_setup_teardown(entries_age, setup, teardown),
		cmocka_unit_test_setup_teardown(full_table_replaces_oldest,
						setup, teardown),
		cmocka_unit_test_setup_teardown(expired_reused_before_live,
						setup, teardown),
		cmocka_unit_test_setup_teardown(flush_port_forgets, setup,
						teardown),
		cmocka_unit_test_setup_teardown(entry_get_lists_live_entries,
						setup, teardown),
		cmocka_unit_test_setup_teardown(spoofing_guest_fills_table,
						setup, teardown),
		cmocka_unit_test_setup_teardown(clock_going_backwards, setup,
						teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
