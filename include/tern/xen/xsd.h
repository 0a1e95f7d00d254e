/* SPDX-License-Identifier: GPL-2.0 */
/*
 * xsd: the pure core of Tern's xenstored (drivers/xen/toolstack/xsd.c,
 * xsd_parse.c, xsd_ring.c). No hypercalls, no printk, no globals; memory
 * only through the caller's struct xsd_ops, so the host tests and the
 * fuzzer run the code the kernel runs. The caller serialises every call
 * on one struct xsd (one lock around the store and all its connections).
 *
 * The integrator owns the transport and the domains:
 *  - one connection per domain: xsd_conn_new() when a guest is
 *    introduced (and one for dom0's own xenbus, fed directly with
 *    xsd_request()), xsd_conn_free() when it is released;
 *  - a guest's ring page goes through xsd_ring_work() (struct xsd_ring
 *    holds the partial request and the partial reply); after it returned
 *    XSD_RING_NOTIFY the integrator signals the guest's event channel;
 *    a negative return means the guest broke the protocol: log it and
 *    stop serving the ring (xsd_conn_free() when the domain goes);
 *  - xsd_domain_introduced()/xsd_domain_released() fire the special
 *    watches @introduceDomain/@releaseDomain;
 *  - the toolstack writes guest nodes with xsd_write()/xsd_rm()/... as
 *    dom0, and removes /local/domain/<id> when a domain is destroyed.
 *
 * Semantics follow C xenstored (docs/misc/xenstore.txt):
 *  - paths: [A-Za-z0-9/_@-], no "//", no trailing '/' (but "/"), at most
 *    quota.path_max bytes, and at most quota.rel_path_max after a
 *    "/local/domain/<id>/" prefix; a path without a leading '/' is
 *    relative to /local/domain/<domid>/ of the connection.
 *  - permissions: entry 0 names the owner (full access) and the access
 *    of every domain without an entry of its own (n, r, w, b); dom0 has
 *    full access everywhere. A new node copies its parent's list; the
 *    owner becomes the creating domain unless that is dom0. Creating a
 *    node needs write access to its nearest existing ancestor, and
 *    creates every missing ancestor the same way. A missing node reads
 *    as ENOENT only when the nearest existing ancestor grants the access
 *    asked, else EACCES (no existence leak). SET_PERMS needs ownership;
 *    only dom0 changes the owner (else EPERM).
 *  - quotas (struct xsd_quota) bind the unprivileged domains; errors are
 *    "ENOSPC" (nodes, watches, transactions, value size, permission
 *    entries, nodes touched in one transaction), "E2BIG" for a reply
 *    beyond XENSTORE_PAYLOAD_MAX (DIRECTORY_PART pages a long list).
 *  - watches fire on WRITE, MKDIR (if it created), RM and SET_PERMS for
 *    the path and so for every watch on it or an ancestor; RM fires once
 *    per removed node at its exact path (the removed root matches its
 *    ancestors' watches as well); a new watch fires once at once. A
 *    connection gets an event only if it can read the node, its old
 *    permissions (SET_PERMS) or its parent. The event path is relative
 *    when the watch path was. In a transaction events wait for commit.
 *  - transactions: a private overlay of the nodes the transaction
 *    touched; TRANSACTION_END "T" commits only if every node it looked
 *    at (read, wrote, checked permissions on, or found missing) is as it
 *    was when first looked at (same existence, creation and value/perms
 *    generation; a listed directory also the same children), else
 *    "EAGAIN"; "F" discards. tx_id unknown: "ENOENT"; TRANSACTION_START
 *    inside one: "EBUSY"; an allocation failure inside one makes its
 *    commit "EAGAIN". The commit is all or nothing (ENOMEM: no change).
 *    Watch events fire as the commit lands, one per node changed.
 *  - every request is all or nothing as well, and the memory of its reply
 *    is taken before it runs: a request that changed the store never gets
 *    an ENOMEM reply. RM of a missing node whose parent exists is "OK"
 *    (C xenstored); RM "/" is "EINVAL"; MKDIR of an existing node is
 *    "OK" without an event; only the node asked for fires, not the
 *    missing ancestors WRITE/MKDIR created. A watch on "/" does not see
 *    the '@' nodes.
 *  - INTRODUCE/RELEASE/RESUME/SET_TARGET/CONTROL/IS_DOMAIN_INTRODUCED
 *    are for dom0 only ("EACCES"); INTRODUCE and RELEASE call the
 *    integrator's hooks ("ENOSYS" without them; a hook's negative errno
 *    is the reply, "EIO" for one the wire cannot name). The hooks may
 *    use the direct API and xsd_conn_new/free() of other domains, never
 *    xsd_request(). CONTROL knows "check" (xsd_check()). RESUME: "OK"
 *    if the domain has a connection, else "ENOENT". SET_TARGET "d\0t\0":
 *    d gets owner access to t's nodes. IS_DOMAIN_INTRODUCED: "T" for 0
 *    or a domain with a connection, else "F".
 *    Unknown types, XS_WATCH_EVENT and XS_ERROR get "EINVAL"; so does a
 *    malformed body (checked after the privilege and tx_id checks).
 *  - when a domain's connection is freed, nodes it owned become dom0's
 *    and permission entries naming it go (a reused domid inherits
 *    nothing); the nodes stay until the toolstack removes them.
 *
 * Output: each request gets exactly one reply, appended to the
 * connection's queue of whole messages (header + body, as on the wire);
 * watch events (XS_WATCH_EVENT, req_id 0, tx_id 0) are appended as they
 * fire. Replies are never dropped: with quota.outstanding replies queued
 * (or after an allocation failure used the connection's spare reply) the
 * connection is stalled: xsd_request() refuses with -EAGAIN until the
 * transport drained the queue. Events beyond quota.events queued are
 * dropped and counted (events_dropped), as is an event whose body would
 * exceed XENSTORE_PAYLOAD_MAX or which found no memory; an event equal
 * to one still queued is not queued twice. Quotas bind dom0 only for
 * events, outstanding replies, path_max and rel_path_max.
 *
 * Memory bound per unprivileged domain (defaults): nodes 1000 x (2048
 * value + name + 5 permission entries); watches 128 x (path + token);
 * transactions 10 x 1024 touched nodes; queue 20 replies + 256 events.
 */
#ifndef _TERN_XEN_XSD_H
#define _TERN_XEN_XSD_H

#include <tern/types.h>
#include <xen/io/xs_wire.h>

/* Domain ids at or above this are reserved (DOMID_FIRST_RESERVED). */
#define XSD_DOMID_LIMIT		0x7ff0

struct xsd;
struct xsd_conn;

struct xsd_ops {
	void *(*alloc)(size_t size);	/* NULL on failure */
	void (*free)(void *p);		/* free(NULL) must be harmless */
	/*
	 * XS_INTRODUCE "<domid>\0<mfn>\0<port>\0" from dom0, arguments
	 * checked (domid 1..XSD_DOMID_LIMIT-1): map the page, bind the
	 * port, xsd_conn_new(), xsd_domain_introduced(). 0, or a negative
	 * errno sent as the error reply. NULL: "ENOSYS".
	 */
	int (*introduce)(void *priv, u16 domid, u64 mfn, u32 port);
	/* XS_RELEASE "<domid>\0": the same for release. */
	int (*release)(void *priv, u16 domid);
	void *priv;
};

struct xsd_quota {
	u32 nodes;		/* nodes a domain may own (1000) */
	u32 watches;		/* watches of a connection (128) */
	u32 transactions;	/* open transactions of a connection (10) */
	u32 outstanding;	/* replies queued before a stall (20) */
	u32 events;		/* watch events queued; more dropped (256) */
	u32 value_max;		/* bytes of a value (2048) */
	u32 path_max;		/* bytes of an absolute path (3072) */
	u32 rel_path_max;	/* bytes after /local/domain/<id>/ (2048) */
	u32 perms_max;		/* entries of a permission list (5) */
	u32 tx_nodes;		/* nodes one transaction may touch (1024) */
};

/* The defaults above (C xenstored's). */
void xsd_quota_default(struct xsd_quota *q);

#define XSD_PERM_NONE	0
#define XSD_PERM_READ	1
#define XSD_PERM_WRITE	2
#define XSD_PERM_BOTH	(XSD_PERM_READ | XSD_PERM_WRITE)

struct xsd_perm {
	u16 domid;
	u8 perm;		/* XSD_PERM_* */
	u8 pad;
};

/*
 * A store with the root "/" (owner dom0, "n0") and the special nodes
 * @introduceDomain ("n0") and @releaseDomain ("r0": every domain may
 * watch it). quota NULL: the defaults. 0, -EINVAL (a zero quota field,
 * path_max above XENSTORE_ABS_PATH_MAX), -ENOMEM.
 */
int xsd_new(const struct xsd_ops *ops, const struct xsd_quota *q,
	    struct xsd **out);
/* Frees every connection, transaction, watch, message and node. */
void xsd_free(struct xsd *s);

/*
 * The connection of domid (0 is the privileged dom0). 0, -EINVAL (domid
 * reserved), -EEXIST (domid has one), -ENOMEM.
 */
int xsd_conn_new(struct xsd *s, u16 domid, struct xsd_conn **out);
/*
 * Drops c's watches, transactions and queued messages; for a domid other
 * than 0 the nodes it owned become dom0's and entries naming it go.
 */
void xsd_conn_free(struct xsd_conn *c);
struct xsd_conn *xsd_conn_find(struct xsd *s, u16 domid);
u16 xsd_conn_domid(const struct xsd_conn *c);

/*
 * Handle one request: hdr and hdr->len bytes of body (not necessarily
 * NUL-terminated). 0: the reply (and any events) is queued. -EAGAIN: c is
 * stalled, nothing done; drain and call again. -E2BIG: hdr->len beyond
 * XENSTORE_PAYLOAD_MAX, a protocol violation (break the connection).
 * -EINVAL: c does not belong to s.
 */
int xsd_request(struct xsd *s, struct xsd_conn *c,
		const struct xsd_sockmsg *hdr, const char *body);

/* c refuses requests until its output queue is drained. */
bool xsd_conn_stalled(const struct xsd_conn *c);
/*
 * The oldest queued message (header then body, hdr.len <= 4096): 1 and
 * *msg, *len; 0 when the queue is empty. Valid until xsd_conn_out_pop().
 */
int xsd_conn_out_peek(const struct xsd_conn *c, const void **msg,
		      size_t *len);
void xsd_conn_out_pop(struct xsd_conn *c);

/* Fire @introduceDomain / @releaseDomain (the domid is not reported). */
void xsd_domain_introduced(struct xsd *s, u16 domid);
void xsd_domain_released(struct xsd *s, u16 domid);

/*
 * The toolstack's direct access, as dom0 (absolute paths only; watches
 * fire as for requests). xsd_write() creates missing ancestors; perms,
 * when nperms > 0, become the node's list (entry 0 = owner). Errors:
 * -EINVAL (path, perms, len > XENSTORE_PAYLOAD_MAX), -ENOENT, -ENOMEM.
 */
int xsd_write(struct xsd *s, const char *path, const void *value,
	      size_t len, const struct xsd_perm *perms, unsigned int nperms);
int xsd_mkdir(struct xsd *s, const char *path);
/* Copies min(size, length) bytes; *len = the value's length. */
int xsd_read(struct xsd *s, const char *path, void *buf, size_t size,
	     size_t *len);
/* The node and its subtree; -ENOENT when the parent is missing too. */
int xsd_rm(struct xsd *s, const char *path);
int xsd_set_perms(struct xsd *s, const char *path,
		  const struct xsd_perm *perms, unsigned int nperms);
/* Up to max entries into perms; *n = how many the node has. */
int xsd_get_perms(struct xsd *s, const char *path, struct xsd_perm *perms,
		  unsigned int max, unsigned int *n);

struct xsd_stats {
	u32 nodes;		/* nodes owned (the root is dom0's) */
	u32 watches;
	u32 transactions;
	u32 tx_nodes;		/* nodes the open transactions touched */
	u32 conns;
	u32 queued;		/* replies and events not yet drained */
	u64 events_dropped;
};

/* Counters of one domain, or of the whole store when domid < 0. */
void xsd_stats(struct xsd *s, int domid, struct xsd_stats *st);

/*
 * Visit the subtree at path (absolute) in pre-order, as dom0 sees it:
 * fn(arg, path, depth below the start, value, len, perms, nperms).
 * fn must not change the store; a non-zero return stops the walk and is
 * returned. Else 0, -ENOENT, -EINVAL, -ENOMEM (the path buffer).
 */
typedef int (*xsd_walk_fn)(void *arg, const char *path, unsigned int depth,
			   const char *value, size_t len,
			   const struct xsd_perm *perms, unsigned int nperms);
int xsd_walk(struct xsd *s, const char *path, xsd_walk_fn fn, void *arg);

/* Check the store's invariants (links, counters): 0 or -EIO. */
int xsd_check(struct xsd *s);

/* ---- request bodies (xsd_parse.c) ---------------------------------- */

#define XSD_REQ_ARGS	4

struct xsd_req {
	u32 type;
	unsigned int argc;		/* strings in argv */
	const char *argv[XSD_REQ_ARGS];	/* NUL-terminated, in the body */
	const char *value;		/* XS_WRITE: the bytes after path */
	u32 value_len;
	const char *perms;		/* XS_SET_PERMS: the first perm */
	unsigned int nperms;		/* that many strings from perms */
};

/*
 * Split a request body by type, pure. Every string field must end with
 * a NUL inside the body and nothing may follow the last one:
 *   READ, MKDIR, RM, DIRECTORY, GET_PERMS, GET_DOMAIN_PATH, RELEASE,
 *   RESUME, IS_DOMAIN_INTRODUCED, TRANSACTION_END: exactly one string;
 *   WATCH, UNWATCH, SET_TARGET, DIRECTORY_PART: exactly two;
 *   INTRODUCE: three or four; CONTROL: one to four;
 *   WRITE: path NUL then any bytes (the value, possibly empty);
 *   SET_PERMS: path then one or more valid perm strings (argv[0] = path);
 *   TRANSACTION_START, RESET_WATCHES: empty, or strings (ignored).
 * 0, -E2BIG (len > XENSTORE_PAYLOAD_MAX) or -EINVAL (anything else,
 * including the types a client may not send).
 */
int xsd_parse_request(const struct xsd_sockmsg *hdr, const char *body,
		      struct xsd_req *req);
/*
 * One permission string "<n|r|w|b><domid>" (decimal, 0..65535, at most
 * 5 digits): 0 and *p, or -EINVAL.
 */
int xsd_parse_perm(const char *str, struct xsd_perm *p);

/* ---- ring transport (xsd_ring.c) ------------------------------------ */

struct xsd_ring {
	struct xenstore_domain_interface *intf;
	u32 have;		/* bytes of the request received */
	u32 sent;		/* bytes of the head message written */
	int err;		/* sticky error: the connection is broken */
	u32 req_cons;		/* our indices: the page's copies are only */
	u32 rsp_prod;		/* written, never read back (the guest's) */
	struct xsd_sockmsg hdr;
	char body[XENSTORE_PAYLOAD_MAX];
};

#define XSD_RING_NOTIFY	1	/* indices moved: signal the guest */
#define XSD_RING_MORE	2	/* budget used up: call again */

/*
 * Start serving intf: our indices start from the page's req_cons and
 * rsp_prod (requests the guest queued before it was introduced are
 * served).
 */
void xsd_ring_init(struct xsd_ring *r, struct xenstore_domain_interface *intf);
/*
 * Serve one guest page: write queued messages into rsp (a message may
 * take several calls), then read and handle up to budget requests from
 * req while c is not stalled, writing replies as they come. Each index
 * the guest owns is read once per copy; producer - consumer beyond
 * XENSTORE_RING_SIZE is -EIO; a header with len > XENSTORE_PAYLOAD_MAX
 * is -E2BIG. Both break the connection for good (every later call
 * returns the same). Else XSD_RING_* flags.
 */
int xsd_ring_work(struct xsd *s, struct xsd_conn *c, struct xsd_ring *r,
		  unsigned int budget);

#endif
