/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The forwarding decision of dom0's learning Ethernet bridge
 * (net/fdb.c, pure; net/bridge.c is the bridge). Frames come from other
 * domains and are not trusted: only their first 12 bytes (destination
 * and source MAC) are looked at, and only when the frame is at least
 * ETH_HLEN long.
 *
 * A forwarding database (FDB) of FDB_ENTRIES entries maps a unicast MAC
 * to the port it was last seen on, learned from source addresses.
 * fdb_decide(): learn the source (a unicast, non-zero source only; a
 * source that moves to another port moves its entry), then say where the
 * frame goes: to one port (a known unicast destination on another
 * port), nowhere (destination on the port it came from; a frame shorter
 * than ETH_HLEN; a multicast or all-zero source), or every other port
 * (broadcast, multicast, unknown destination).
 *
 * Invariants: no two valid entries have the same MAC; an entry older
 * than FDB_AGE_MS (since it was last learned) is never returned and is
 * reused first; when the table is full, the least recently learned
 * entry is replaced (a guest flooding with made-up source MACs can only
 * make the bridge flood, never make it forward a frame to the wrong
 * port for more than one entry it spoofed). No allocation, no globals,
 * no clock of its own: the caller passes now_ms.
 */
#ifndef _TERN_NET_FDB_H
#define _TERN_NET_FDB_H

#include <tern/types.h>

#define FDB_ENTRIES	256
#define FDB_AGE_MS	300000ULL	/* Linux's default ageing time */
#define FDB_PORT_NONE	0xffffu

struct fdb_entry {
	u8 mac[6];
	u16 port;		/* FDB_PORT_NONE: the entry is free */
	u64 seen_ms;		/* last learned */
};

struct fdb {
	struct fdb_entry e[FDB_ENTRIES];
	u64 learned, moved, replaced;	/* counters for the monitor */
};

enum fdb_verdict {
	FDB_DROP,		/* nowhere: *why says why */
	FDB_UNICAST,		/* to *out_port only */
	FDB_FLOOD,		/* to every port but in_port */
};

void fdb_init(struct fdb *f);

/*
 * Learn from and decide for one frame [frame, frame + len) that came in
 * on in_port (not FDB_PORT_NONE) at now_ms. *out_port is set for
 * FDB_UNICAST; *why (may be NULL) for FDB_DROP.
 */
enum fdb_verdict fdb_decide(struct fdb *f, const u8 *frame, u32 len,
			    u16 in_port, u64 now_ms, u16 *out_port,
			    const char **why);

/* Forget every entry of port (the port goes away). */
void fdb_flush_port(struct fdb *f, u16 port);

/* The i-th valid, unexpired entry (for the monitor): false past the end. */
bool fdb_entry_get(const struct fdb *f, unsigned int i, u64 now_ms,
		   struct fdb_entry *out);

#endif
