// SPDX-License-Identifier: GPL-2.0
/*
 * Fuzz the bridge's forwarding database (net/fdb.c) as hostile guests on
 * its ports would drive it: any frames, from any port, at any time
 * (forwards, backwards, across the top of u64).
 *
 * Input: 8 bytes of the starting now_ms (little-endian), then operations,
 * each an op byte:
 *   bits 0-2  port (7 is 0xfffe, the largest real port)
 *   bits 3-4  0, 1: one frame: a length byte, then that many bytes
 *                   (copied into a heap buffer of exactly that size);
 *             2:    a burst: count and seed bytes, then count 14-byte
 *                   frames from 02:00:00:00:seed:i to 02:00:00:00:i:seed
 *                   (fills the table cheaply, like a spoofing guest);
 *             3:    fdb_flush_port(port) (port 6 is FDB_PORT_NONE)
 *             (at most MAX_FRAMES frames per input, bursts included)
 *   bit 5     the clock goes backwards
 *   bits 6-7  scale: the next byte, times 1, 2^6, 2^12 or 2^18 ms, is
 *             how far the clock moves before the operation.
 *
 * Checked after each operation, against the table (struct fdb is public)
 * and fdb_entry_get(), not against net/fdb.c's own helpers: no two valid
 * entries have the same MAC, and none is multicast or zero; listed
 * entries are the valid, unexpired ones in table order (all of them
 * after a flush and at the end, a few after each frame); the verdict is
 * the one the live entries give (runt, bad source and same port: drop;
 * group destination or no live entry: flood; else unicast to its port,
 * never in_port, never FDB_PORT_NONE); a good source is live on in_port
 * stamped now; the counters move exactly as the table says they must.
 */
#include "fuzz.h"

#include <tern/net_fdb.h>

#define MAX_FRAMES	1024	/* 4 tables' worth: keeps an input fast */

static struct fdb fdb, snap;

static const u8 zero_mac[6];

/*
 * MACs compared as 48-bit numbers: one comparison, not memcmp() (whose
 * libFuzzer hook, like byte-wise compares, would be most of the run time).
 */
static u64 mac_key(const u8 *m)
{
	return (u64)m[0] << 40 | (u64)m[1] << 32 | (u64)m[2] << 24 |
	       (u64)m[3] << 16 | (u64)m[4] << 8 | m[5];
}

static int mac_cmp(const void *a, const void *b)
{
	u64 x = mac_key(a), y = mac_key(b);

	return x < y ? -1 : x > y;
}

static bool expired(const struct fdb_entry *e, u64 now)
{
	return now < e->seen_ms || now - e->seen_ms > FDB_AGE_MS;
}

/* The table's valid entry for mac: its index, or -1. */
static int slot_of(const u8 *mac)
{
	u64 key = mac_key(mac);
	int i;

	for (i = 0; i < FDB_ENTRIES; i++)
		if (fdb.e[i].port != FDB_PORT_NONE &&
		    mac_key(fdb.e[i].mac) == key)
			return i;
	return -1;
}

/*
 * The live entry for mac (check_table() checks that fdb_entry_get() lists
 * exactly these; scanning the table directly keeps a burst fast).
 */
static bool listed(const u8 *mac, u64 now, struct fdb_entry *out)
{
	int i = slot_of(mac);

	if (i < 0 || expired(&fdb.e[i], now))
		return false;
	*out = fdb.e[i];
	return true;
}

/*
 * The table's invariants, and what fdb_entry_get() lists: all of it
 * (full, quadratic: at the end of an input and after a flush) or its
 * last entry, the one past it and entry pick (cheap: after each frame).
 */
static void check_table(u64 now, bool full, unsigned int pick)
{
	u8 macs[FDB_ENTRIES][6];
	unsigned int i, k, n = 0, live = 0, last = 0, picked = FDB_ENTRIES;
	struct fdb_entry e;

	for (i = 0; i < FDB_ENTRIES; i++) {
		const struct fdb_entry *a = &fdb.e[i];

		if (a->port == FDB_PORT_NONE)
			continue;
		FUZZ_CHECK(!(a->mac[0] & 1));
		FUZZ_CHECK(mac_cmp(a->mac, zero_mac));
		memcpy(macs[n++], a->mac, 6);
		if (expired(a, now))
			continue;
		if (live == pick)
			picked = i;
		last = i;
		live++;
	}
	/* no two valid entries with the same MAC */
	qsort(macs, n, 6, mac_cmp);
	for (i = 1; i < n; i++)
		FUZZ_CHECK(mac_cmp(macs[i - 1], macs[i]));

	FUZZ_CHECK(!fdb_entry_get(&fdb, live, now, &e));
	FUZZ_CHECK(!fdb_entry_get(&fdb, live + 1, now, &e));
	if (live) {
		FUZZ_CHECK(fdb_entry_get(&fdb, live - 1, now, &e));
		FUZZ_CHECK(!memcmp(&e, &fdb.e[last], sizeof(e)));
	}
	if (picked < FDB_ENTRIES) {
		FUZZ_CHECK(fdb_entry_get(&fdb, pick, now, &e));
		FUZZ_CHECK(!memcmp(&e, &fdb.e[picked], sizeof(e)));
	}
	if (!full)
		return;
	/* the listing: exactly the live entries, in table order */
	for (i = 0, k = 0; fdb_entry_get(&fdb, i, now, &e); i++, k++) {
		while (k < FDB_ENTRIES &&
		       (fdb.e[k].port == FDB_PORT_NONE ||
			expired(&fdb.e[k], now)))
			k++;
		FUZZ_CHECK(k < FDB_ENTRIES);
		FUZZ_CHECK(!memcmp(&e, &fdb.e[k], sizeof(e)));
	}
	FUZZ_CHECK(i == live);
}

static bool same_entry(const struct fdb_entry *a, const struct fdb_entry *b)
{
	return a->port == b->port && a->seen_ms == b->seen_ms &&
	       mac_key(a->mac) == mac_key(b->mac);
}

/* Every entry but entry skip (-1: none) is as it was in snap. */
static void check_unchanged(int skip)
{
	int i;

	for (i = 0; i < FDB_ENTRIES; i++)
		FUZZ_CHECK(i == skip || same_entry(&fdb.e[i], &snap.e[i]));
}

static void one_frame(const u8 *frame, u32 len, u16 port, u64 now)
{
	u64 learned = fdb.learned, moved = fdb.moved;
	u64 replaced = fdb.replaced;
	bool good_src, was_live = false, full = false;
	struct fdb_entry before, e;
	enum fdb_verdict v;
	const char *why = NULL;
	u16 out = 0;
	int slot = -1, now_slot;
	unsigned int i;

	good_src = len >= 14 && !(frame[6] & 1) &&
		   mac_cmp(frame + 6, zero_mac);
	if (good_src) {
		slot = slot_of(frame + 6);
		if (slot >= 0) {
			before = fdb.e[slot];
			was_live = !expired(&before, now);
		}
		full = true;
		for (i = 0; i < FDB_ENTRIES; i++)
			if (fdb.e[i].port == FDB_PORT_NONE ||
			    expired(&fdb.e[i], now))
				full = false;
	}

	snap = fdb;
	v = fdb_decide(&fdb, frame, len, port, now, &out, &why);

	if (!good_src) {
		FUZZ_CHECK(v == FDB_DROP && why);
		check_unchanged(-1);
		FUZZ_CHECK(fdb.learned == learned && fdb.moved == moved &&
			   fdb.replaced == replaced);
		return;
	}
	/* learned: live on in_port, stamped now, counted */
	FUZZ_CHECK(listed(frame + 6, now, &e));
	FUZZ_CHECK(e.port == port && e.seen_ms == now);
	/*
	 * In its old entry, else in a free or expired one, else in place of
	 * the least recently learned; nothing else changed.
	 */
	now_slot = slot_of(frame + 6);
	check_unchanged(now_slot);
	if (slot >= 0) {
		FUZZ_CHECK(now_slot == slot);
	} else if (!full) {
		FUZZ_CHECK(snap.e[now_slot].port == FDB_PORT_NONE ||
			   expired(&snap.e[now_slot], now));
	} else {
		for (i = 0; i < FDB_ENTRIES; i++)
			FUZZ_CHECK(snap.e[now_slot].seen_ms <=
				   snap.e[i].seen_ms);
	}
	if (was_live) {
		FUZZ_CHECK(fdb.learned == learned);
		FUZZ_CHECK(fdb.moved == moved + (before.port != port));
		FUZZ_CHECK(fdb.replaced == replaced);
	} else {
		FUZZ_CHECK(fdb.learned == learned + 1);
		FUZZ_CHECK(fdb.moved == moved);
		FUZZ_CHECK(fdb.replaced ==
			   replaced + (slot < 0 && full));
	}
	/* the verdict the listing gives */
	if (frame[0] & 1) {
		FUZZ_CHECK(v == FDB_FLOOD);
	} else if (!listed(frame, now, &e)) {
		FUZZ_CHECK(v == FDB_FLOOD);
	} else if (e.port == port) {
		FUZZ_CHECK(v == FDB_DROP && why);
	} else {
		FUZZ_CHECK(v == FDB_UNICAST);
		FUZZ_CHECK(out == e.port);
		FUZZ_CHECK(out != port && out != FDB_PORT_NONE);
	}
}

int LLVMFuzzerTestOneInput(const u8 *data, size_t size)
{
	struct in in = { data, size };
	u64 now = take(&in, 8);
	unsigned int i, frames = 0;

	fdb_init(&fdb);
	check_table(now, true, 0);
	while (in.n && frames < MAX_FRAMES) {
		u8 op = (u8)take(&in, 1);
		u16 port = (op & 7) == 7 ? 0xfffe : op & 7;
		u64 delta = take(&in, 1) << (6 * (op >> 6));
		u8 kind = (op >> 3) & 3;

		now = op & 0x20 ? now - delta : now + delta;
		if (kind < 2) {
			u32 len = (u32)take(&in, 1), j;
			u8 *f;

			if (len > in.n)
				len = (u32)in.n;
			f = malloc(len ? len : 1);
			FUZZ_CHECK(f);
			for (j = 0; j < len; j++)
				f[j] = (u8)take(&in, 1);
			one_frame(f, len, port, now);
			free(f);
			frames++;
		} else if (kind == 2) {
			u32 count = (u32)take(&in, 1);
			u8 seed = (u8)take(&in, 1);
			u8 f[14] = { 0x02, 0, 0, 0, 0, seed,
				     0x02, 0, 0, 0, seed, 0, 0x08, 0 };

			if (count > MAX_FRAMES - frames)
				count = MAX_FRAMES - frames;
			frames += count;
			for (i = 0; i < count; i++) {
				f[4] = (u8)i;
				f[11] = (u8)i;
				one_frame(f, sizeof(f), port, now);
			}
		} else {
			if ((op & 7) == 6)
				port = FDB_PORT_NONE;
			fdb_flush_port(&fdb, port);
			for (i = 0; i < FDB_ENTRIES; i++)
				FUZZ_CHECK(port == FDB_PORT_NONE ||
					   fdb.e[i].port != port);
		}
		check_table(now, kind == 3, op);
	}
	check_table(now, true, 0);
	return 0;
}
