// SPDX-License-Identifier: GPL-2.0
/*
 * The forwarding database of dom0's learning bridge and its forwarding
 * decision (include/tern/net_fdb.h). Pure: no globals, no allocation,
 * no clock; host-tested (selftests/host/test_net_fdb.c) and fuzzed
 * (selftests/fuzz/fuzz_net_fdb.c).
 *
 * The table is small (FDB_ENTRIES), so every operation is a linear scan.
 * An entry is valid while its port is not FDB_PORT_NONE; a valid entry
 * may have expired, and is then never returned but still holds its MAC,
 * so that learning the same MAC again reuses it (no two valid entries
 * ever have the same MAC).
 *
 * Time: entries are stamped with the caller's now_ms. If now_ms is ever
 * smaller than an entry's stamp (a clock that went backwards, or a
 * caller's bug), the entry counts as expired: it is not used for
 * forwarding and is reused first, and learning its MAC again stamps it
 * with the new now_ms. So no entry outlives FDB_AGE_MS of the caller's
 * clock, whatever order the times come in; the price of a clock going
 * backwards is flooding until the sources are seen again.
 *
 * Counters: learned counts a MAC put in the table (new, or seen again
 * after its entry expired); moved, a live entry seen on another port;
 * replaced, a live entry given up for a new MAC because the table was
 * full (taking a free or expired entry is not a replacement).
 *
 * Drop reasons (*why): "runt", "multicast source", "zero source",
 * "destination on the input port", and "no input port" for an in_port of
 * FDB_PORT_NONE (a caller's bug; nothing is learned from it).
 */
#include <tern/net_fdb.h>
#include <tern/netdev.h>
#include <tern/string.h>

static bool fdb_expired(const struct fdb_entry *e, u64 now_ms)
{
	return now_ms < e->seen_ms || now_ms - e->seen_ms > FDB_AGE_MS;
}

/* Six bytes: a loop, not a call to memcmp() (the kernel has no builtins). */
static bool fdb_mac_eq(const u8 *a, const u8 *b)
{
	unsigned int i;

	for (i = 0; i < ETH_ALEN; i++)
		if (a[i] != b[i])
			return false;
	return true;
}

void fdb_init(struct fdb *f)
{
	unsigned int i;

	memset(f, 0, sizeof(*f));
	for (i = 0; i < FDB_ENTRIES; i++)
		f->e[i].port = FDB_PORT_NONE;
}

/* The valid entry (expired or not) holding mac, or NULL. */
static struct fdb_entry *fdb_find(struct fdb *f, const u8 *mac)
{
	unsigned int i;

	for (i = 0; i < FDB_ENTRIES; i++)
		if (f->e[i].port != FDB_PORT_NONE &&
		    fdb_mac_eq(f->e[i].mac, mac))
			return &f->e[i];
	return NULL;
}

/* Where a new MAC goes: free, else expired, else least recently learned. */
static struct fdb_entry *fdb_victim(struct fdb *f, u64 now_ms,
				    bool *replaced)
{
	struct fdb_entry *oldest = NULL, *expired = NULL;
	unsigned int i;

	*replaced = false;
	for (i = 0; i < FDB_ENTRIES; i++) {
		struct fdb_entry *e = &f->e[i];

		if (e->port == FDB_PORT_NONE)
			return e;
		if (!expired && fdb_expired(e, now_ms))
			expired = e;
		if (!oldest || e->seen_ms < oldest->seen_ms)
			oldest = e;
	}
	if (expired)
		return expired;
	*replaced = true;	/* a live entry is lost */
	return oldest;
}

static void fdb_learn(struct fdb *f, const u8 *mac, u16 port, u64 now_ms)
{
	struct fdb_entry *e = fdb_find(f, mac);
	bool replaced;

	if (e) {
		if (fdb_expired(e, now_ms))
			f->learned++;	/* forgotten: learned afresh */
		else if (e->port != port)
			f->moved++;
		e->port = port;
		e->seen_ms = now_ms;
		return;
	}
	e = fdb_victim(f, now_ms, &replaced);
	if (replaced)
		f->replaced++;
	f->learned++;
	memcpy(e->mac, mac, ETH_ALEN);
	e->port = port;
	e->seen_ms = now_ms;
}

enum fdb_verdict fdb_decide(struct fdb *f, const u8 *frame, u32 len,
			    u16 in_port, u64 now_ms, u16 *out_port,
			    const char **why)
{
	static const u8 zero[ETH_ALEN];
	const u8 *dst = frame, *src;
	const struct fdb_entry *e;
	const char *reason;

	if (in_port == FDB_PORT_NONE) {
		reason = "no input port";
		goto drop;
	}
	if (len < ETH_HLEN) {
		reason = "runt";
		goto drop;
	}
	src = frame + ETH_ALEN;
	if (src[0] & 1) {
		reason = "multicast source";
		goto drop;
	}
	if (fdb_mac_eq(src, zero)) {
		reason = "zero source";
		goto drop;
	}
	fdb_learn(f, src, in_port, now_ms);

	if (dst[0] & 1)
		return FDB_FLOOD;	/* broadcast or multicast */
	e = fdb_find(f, dst);
	if (!e || fdb_expired(e, now_ms))
		return FDB_FLOOD;
	if (e->port == in_port) {
		reason = "destination on the input port";
		goto drop;
	}
	*out_port = e->port;
	return FDB_UNICAST;

drop:
	if (why)
		*why = reason;
	return FDB_DROP;
}

void fdb_flush_port(struct fdb *f, u16 port)
{
	unsigned int i;

	if (port == FDB_PORT_NONE)
		return;
	for (i = 0; i < FDB_ENTRIES; i++) {
		if (f->e[i].port != port)
			continue;
		memset(&f->e[i], 0, sizeof(f->e[i]));
		f->e[i].port = FDB_PORT_NONE;
	}
}

bool fdb_entry_get(const struct fdb *f, unsigned int i, u64 now_ms,
		   struct fdb_entry *out)
{
	unsigned int k;

	for (k = 0; k < FDB_ENTRIES; k++) {
		const struct fdb_entry *e = &f->e[k];

		if (e->port == FDB_PORT_NONE || fdb_expired(e, now_ms))
			continue;
		if (!i--) {
			*out = *e;
			return true;
		}
	}
	return false;
}
