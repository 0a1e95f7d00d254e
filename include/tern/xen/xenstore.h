/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The xenstore client (drivers/xen/xenstore.c): requests over the shared
 * ring to xenstored, one at a time, synchronous and bounded.
 *
 * Paths may be absolute ("/local/domain/0/backend/...") or relative to
 * this domain's home ("device/vbd/51712/state"); xenstored resolves
 * relative ones. Every call returns 0 (or a length/count) or a negative
 * errno: xenstored's own error (-ENOENT, -EACCES, -EAGAIN at the end of a
 * conflicting transaction, ...), -ETIMEDOUT when no reply came in time,
 * -EIO once the connection is broken (a malformed reply: the client logs
 * it once and refuses every later call), -ENODEV with no xenstore.
 *
 * Calls may be made from thread context and from work items (watch
 * callbacks included), never from an interrupt handler. While a call
 * waits for its reply no work item runs (work_block()), so a watch
 * callback never runs in the middle of another request.
 *
 * Watches: xs_watch() registers w->path; w->cb runs in work context with
 * the path that fired, once at registration and after each change under
 * it (xenstored's rules). Events that arrive while the event queue is
 * full are coalesced: the callback then gets the watch's own path.
 */
#ifndef _TERN_XEN_XENSTORE_H
#define _TERN_XEN_XENSTORE_H

#include <tern/types.h>
#include <tern/compiler.h>
#include <xen/event_channel.h>

typedef u32 xs_tx_t;
#define XS_TX_NONE	0

/* The arch names the ring (mapped) and its event channel; at boot. */
void xenstore_set_ring(void *ring, evtchn_port_t port);
/* Bind the event channel and check the ring: 0 or -errno. */
int xenstore_init(void);
bool xenstore_ready(void);

/* Value into buf (NUL-terminated): its length, -ENOSPC if it does not fit. */
int xs_read(xs_tx_t tx, const char *path, char *buf, size_t size);
/* A decimal number no larger than max: 0, -ENOENT, -EINVAL, -ERANGE. */
int xs_read_uint(xs_tx_t tx, const char *path, u64 max, u64 *val);
int xs_write(xs_tx_t tx, const char *path, const char *value);
__printf(3, 4) int xs_printf(xs_tx_t tx, const char *path,
			     const char *fmt, ...);
int xs_mkdir(xs_tx_t tx, const char *path);
int xs_rm(xs_tx_t tx, const char *path);
bool xs_exists(xs_tx_t tx, const char *path);
/*
 * The children of path: names (pointers into buf, NUL-terminated) up to
 * max, and the count (which may exceed max). -ENOSPC: buf too small.
 */
int xs_directory(xs_tx_t tx, const char *path, char *buf, size_t size,
		 const char **names, unsigned int max);

int xs_transaction_start(xs_tx_t *tx);
/* Commit (abort = false) or abort: 0, -EAGAIN (conflict: start again). */
int xs_transaction_end(xs_tx_t tx, bool abort);
/*
 * Run body(tx, arg) in a transaction and commit it, starting again while
 * the commit conflicts (-EAGAIN), at most XS_TX_RETRIES times. body's
 * error aborts the transaction and is returned; else the commit's.
 */
#define XS_TX_RETRIES	10
int xs_transact(int (*body)(xs_tx_t tx, void *arg), void *arg);

struct xs_watch {
	const char *path;
	void (*cb)(struct xs_watch *w, const char *path);
	void *data;
	/* the client's */
	char token[24];
	bool registered;
	struct xs_watch *next;
};

int xs_watch(struct xs_watch *w);
int xs_unwatch(struct xs_watch *w);

/*
 * Tests of a hostile client: a request of any type and body (at most
 * XENSTORE_PAYLOAD_MAX bytes); 0 or the errno xenstored answered.
 */
int xs_raw_request(xs_tx_t tx, u32 type, const void *body, size_t len);
/* What the hostile-client suite prints when every case passed. */
#define XS_HOSTILE_MARKER	"xenstore_hostile: every request refused, still served"

/* This domain's id (from xenstore's "domid"), or -errno. */
int xs_own_domid(void);

struct xs_stats {
	u64 requests, replies, errors, watch_events, events_coalesced;
	u64 timeouts;
	u64 max_us;		/* slowest request */
};
extern struct xs_stats xs_stats;

#endif
