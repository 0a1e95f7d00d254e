// SPDX-License-Identifier: GPL-2.0
/*
 * The xenstore client (include/tern/xen/xenstore.h).
 *
 * One request is in flight at a time: the caller writes it into the
 * request ring and then waits, with work held off, until the reply with
 * its req_id arrives, polling the response ring itself (so the wait does
 * not depend on the interrupt or on work, and a watch callback can make
 * requests). Everything the peer writes goes through the pure wire code
 * (xs_wire.c): indices read once and checked, headers checked before
 * their length is believed, bodies NUL-terminated.
 *
 * The response ring is drained by whoever comes first: the waiter's
 * poll, or the work item the event channel's handler schedules. A reply
 * to the request in flight is copied to `reply`; a watch event goes on a
 * small queue that another work item delivers; a reply nobody waits for
 * (the request timed out) is counted and dropped. A malformed message
 * breaks the connection: one log line, and every later call is -EIO.
 *
 * Invariants: the rings are only touched in thread context (never in the
 * interrupt handler); `reply` is written only while reply.waiting.
 */
#include <tern/kernel.h>
#include <tern/mm.h>
#include <tern/printk.h>
#include <tern/string.h>
#include <tern/timer.h>
#include <tern/workqueue.h>
#include <tern/xen/events.h>
#include <tern/xen/xenstore.h>
#include <tern/xen/xs_wire.h>
#include <stdarg.h>

#define XS_TIMEOUT_MS	10000
#define XS_EVENTS	32
#define XS_EVENT_PATH	128

struct xs_stats xs_stats;

static struct xenstore_domain_interface *intf;
static evtchn_port_t store_port;
static bool store_ready;
static bool broken;
static u32 next_req_id = 1;
static u32 next_token = 1;
static struct xs_rx rx;

static struct {
	bool waiting;
	bool done;
	u32 req_id;
	u32 req_type;
	u32 type;
	u32 len;
	char body[XENSTORE_PAYLOAD_MAX + 1];
} reply;

static struct {
	struct xs_watch *w;
	char path[XS_EVENT_PATH];
} events[XS_EVENTS];
static unsigned int ev_head, ev_count;
static struct xs_watch *watches;

static void rx_work_fn(struct work *w);
static void watch_work_fn(struct work *w);
static struct work rx_work = WORK_INIT(rx_work_fn, NULL);
static struct work watch_work = WORK_INIT(watch_work_fn, NULL);

void xenstore_set_ring(void *ring, evtchn_port_t port)
{
	intf = ring;
	store_port = port;
}

bool xenstore_ready(void)
{
	return store_ready && !broken;
}

static void xs_break(const char *why, int err)
{
	if (!broken)
		pr_err("xenstore: %s (%d): connection abandoned\n", why, err);
	broken = true;
	xs_stats.errors++;
}

static struct xs_watch *find_watch(const char *token)
{
	struct xs_watch *w;

	for (w = watches; w; w = w->next)
		if (!strcmp(w->token, token))
			return w;
	return NULL;
}

static void queue_event(struct xs_watch *w, const char *path)
{
	unsigned int i;

	xs_stats.watch_events++;
	/* full, or a path too long to keep: "something under w->path" */
	if (ev_count == XS_EVENTS || strlen(path) >= XS_EVENT_PATH) {
		xs_stats.events_coalesced++;
		for (i = 0; i < ev_count; i++) {
			unsigned int k = (ev_head + i) % XS_EVENTS;

			if (events[k].w == w &&
			    !strcmp(events[k].path, w->path))
				return;
		}
		if (ev_count == XS_EVENTS) {
			/* replace the newest event with the coarse one */
			i = (ev_head + ev_count - 1) % XS_EVENTS;
			events[i].w = w;
			strlcpy(events[i].path, w->path, XS_EVENT_PATH);
			return;
		}
		path = w->path;
	}
	i = (ev_head + ev_count) % XS_EVENTS;
	events[i].w = w;
	strlcpy(events[i].path, path, XS_EVENT_PATH);
	ev_count++;
	schedule_work(&watch_work);
}

static void handle_msg(void)
{
	const struct xsd_sockmsg *h = &rx.hdr;

	if (h->type == XS_WATCH_EVENT) {
		const char *path, *token;
		struct xs_watch *w;

		if (xs_parse_watch_event(rx.body, h->len, &path, &token)) {
			xs_break("malformed watch event", -EPROTO);
			return;
		}
		w = find_watch(token);
		if (w)
			queue_event(w, path);
		return;
	}
	if (!reply.waiting || h->req_id != reply.req_id) {
		/* the answer to a request that timed out: not believed */
		pr_warn("xenstore: unexpected reply (type %u, req_id %u) dropped\n",
			h->type, h->req_id);
		xs_stats.errors++;
		return;
	}
	if (h->type != reply.req_type && h->type != XS_ERROR) {
		xs_break("reply of the wrong type", -EPROTO);
		return;
	}
	reply.type = h->type;
	reply.len = h->len;
	memcpy(reply.body, rx.body, h->len + 1);
	reply.done = true;
	xs_stats.replies++;
}

/* Drain the response ring (thread context). */
static void xs_process(void)
{
	bool consumed = false;

	while (intf && !broken) {
		int r = xs_rx_pull(&rx, intf);

		if (r < 0) {
			xs_break("bad message on the response ring", r);
			break;
		}
		consumed = true;	/* may have made room for xenstored */
		if (r == 0)
			break;
		handle_msg();
		xs_rx_reset(&rx);
	}
	if (consumed && store_ready)
		notify_remote_via_evtchn(store_port);
}

static void rx_work_fn(struct work *w)
{
	xs_process();
}

static void watch_work_fn(struct work *unused)
{
	while (ev_count) {
		char path[XS_EVENT_PATH];
		struct xs_watch *w = events[ev_head].w;

		strlcpy(path, events[ev_head].path, sizeof(path));
		ev_head = (ev_head + 1) % XS_EVENTS;
		ev_count--;
		if (w->registered)
			w->cb(w, path);
	}
}

static void xs_interrupt(unsigned int irq, void *data)
{
	schedule_work(&rx_work);
}

static bool req_space(void *arg)
{
	u32 prod, cons;

	xs_process();
	if (broken)
		return true;
	prod = READ_ONCE(intf->req_prod);
	cons = READ_ONCE(intf->req_cons);
	return prod - cons < XENSTORE_RING_SIZE;
}

static int xs_send(const void *data, size_t len, u64 deadline)
{
	const u8 *p = data;

	while (len) {
		int n = xs_ring_put(intf, p, len);

		if (n < 0) {
			xs_break("bad request ring indices", n);
			return -EIO;
		}
		if (n) {
			notify_remote_via_evtchn(store_port);
			p += n;
			len -= n;
			continue;
		}
		if (ktime_ns() >= deadline ||
		    !wait_cond_timeout(req_space, NULL,
				       (deadline - ktime_ns()) / NSEC_PER_MSEC + 1))
			return -ETIMEDOUT;
		if (broken)
			return -EIO;
	}
	return 0;
}

static bool reply_done(void *arg)
{
	xs_process();
	return reply.done || broken;
}

struct kvec {
	const void *base;
	size_t len;
};

/*
 * One request: the concatenated pieces as payload. The reply (type
 * checked, XS_ERROR turned into an errno) is left in reply.body/len.
 */
static int xs_talk(xs_tx_t tx, u32 type, const struct kvec *iov,
		   unsigned int n)
{
	struct xsd_sockmsg h = { .type = type, .tx_id = tx };
	u64 start = ktime_ns();
	u64 deadline = start + XS_TIMEOUT_MS * NSEC_PER_MSEC;
	unsigned int i;
	int err;

	if (!intf || !store_ready)
		return -ENODEV;
	if (broken)
		return -EIO;
	for (i = 0; i < n; i++)
		h.len += iov[i].len;
	if (h.len > XENSTORE_PAYLOAD_MAX)
		return -E2BIG;
	h.req_id = next_req_id++;
	xs_stats.requests++;

	work_block();
	reply.waiting = true;
	reply.done = false;
	reply.req_id = h.req_id;
	reply.req_type = type;
	err = xs_send(&h, sizeof(h), deadline);
	for (i = 0; !err && i < n; i++)
		err = xs_send(iov[i].base, iov[i].len, deadline);
	if (!err && !wait_cond_timeout(reply_done, NULL, XS_TIMEOUT_MS))
		err = -ETIMEDOUT;
	reply.waiting = false;
	work_unblock();

	if (!err && broken)
		err = -EIO;
	if (err == -ETIMEDOUT) {
		xs_stats.timeouts++;
		pr_warn("xenstore: request type %u timed out\n", type);
	}
	if (err)
		return err;
	if ((ktime_ns() - start) / NSEC_PER_USEC > xs_stats.max_us)
		xs_stats.max_us = (ktime_ns() - start) / NSEC_PER_USEC;
	if (reply.type == XS_ERROR)
		return xs_error_to_errno(reply.body, reply.len);
	return 0;
}

/* Tests: one request with any type and body; the reply is not returned. */
int xs_raw_request(xs_tx_t tx, u32 type, const void *body, size_t len)
{
	struct kvec v = { body, len };

	return xs_talk(tx, type, &v, len ? 1 : 0);
}

/* A request whose payload is a path and optional more pieces. */
static int xs_path_op(xs_tx_t tx, u32 type, const char *path,
		      const void *more, size_t more_len)
{
	struct kvec iov[2] = {
		{ path, strlen(path) + 1 },
		{ more, more_len },
	};

	return xs_talk(tx, type, iov, more ? 2 : 1);
}

int xs_read(xs_tx_t tx, const char *path, char *buf, size_t size)
{
	int err = xs_path_op(tx, XS_READ, path, NULL, 0);

	if (err)
		return err;
	if (reply.len + 1 > size)
		return -ENOSPC;
	memcpy(buf, reply.body, reply.len);
	buf[reply.len] = '\0';
	return reply.len;
}

int xs_read_uint(xs_tx_t tx, const char *path, u64 max, u64 *val)
{
	char buf[32];
	int len = xs_read(tx, path, buf, sizeof(buf));

	if (len == -ENOSPC)
		return -ERANGE;
	if (len < 0)
		return len;
	return xs_parse_uint(buf, len, max, val);
}

bool xs_exists(xs_tx_t tx, const char *path)
{
	return xs_path_op(tx, XS_READ, path, NULL, 0) == 0;
}

int xs_write(xs_tx_t tx, const char *path, const char *value)
{
	/* the value is not NUL-terminated on the wire */
	return xs_path_op(tx, XS_WRITE, path, value, strlen(value));
}

int xs_printf(xs_tx_t tx, const char *path, const char *fmt, ...)
{
	char buf[128];
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(buf, sizeof(buf), fmt, ap);
	va_end(ap);
	if (n < 0 || (size_t)n >= sizeof(buf))
		return -E2BIG;
	return xs_write(tx, path, buf);
}

int xs_mkdir(xs_tx_t tx, const char *path)
{
	return xs_path_op(tx, XS_MKDIR, path, NULL, 0);
}

int xs_rm(xs_tx_t tx, const char *path)
{
	return xs_path_op(tx, XS_RM, path, NULL, 0);
}

int xs_directory(xs_tx_t tx, const char *path, char *buf, size_t size,
		 const char **names, unsigned int max)
{
	int err = xs_path_op(tx, XS_DIRECTORY, path, NULL, 0);

	if (err)
		return err;
	if (reply.len > size)
		return -ENOSPC;
	memcpy(buf, reply.body, reply.len);
	err = xs_split_strings(buf, reply.len, names, max);
	if (err < 0)
		xs_break("malformed directory reply", err);
	return err < 0 ? -EIO : err;
}

int xs_transaction_start(xs_tx_t *tx)
{
	static const char empty[1];
	struct kvec iov = { empty, 1 };
	u64 id;
	int err;

	err = xs_talk(XS_TX_NONE, XS_TRANSACTION_START, &iov, 1);
	if (err)
		return err;
	/* "17\0": the id, NUL included in the length */
	err = xs_parse_uint(reply.body, strnlen(reply.body, reply.len),
			    0xffffffffULL, &id);
	if (err || !id) {
		xs_break("bad transaction id", -EPROTO);
		return -EIO;
	}
	*tx = (xs_tx_t)id;
	return 0;
}

int xs_transaction_end(xs_tx_t tx, bool abort)
{
	struct kvec iov = { abort ? "F" : "T", 2 };

	return xs_talk(tx, XS_TRANSACTION_END, &iov, 1);
}

int xs_transact(int (*body)(xs_tx_t tx, void *arg), void *arg)
{
	unsigned int tries;
	xs_tx_t tx;
	int err = -EAGAIN;

	for (tries = 0; tries < XS_TX_RETRIES && err == -EAGAIN; tries++) {
		err = xs_transaction_start(&tx);
		if (err)
			return err;
		err = body(tx, arg);
		if (err) {
			xs_transaction_end(tx, true);
			return err;
		}
		err = xs_transaction_end(tx, false);
	}
	return err;
}

int xs_watch(struct xs_watch *w)
{
	struct kvec iov[2];
	int err;

	if (w->registered)
		return -EEXIST;
	snprintf(w->token, sizeof(w->token), "tern%u", next_token++);
	/* on the list first: the first event may beat the reply */
	w->registered = true;
	w->next = watches;
	watches = w;
	iov[0] = (struct kvec){ w->path, strlen(w->path) + 1 };
	iov[1] = (struct kvec){ w->token, strlen(w->token) + 1 };
	err = xs_talk(XS_TX_NONE, XS_WATCH, iov, 2);
	if (err)
		xs_unwatch(w);
	return err;
}

int xs_unwatch(struct xs_watch *w)
{
	struct xs_watch **pp;
	struct kvec iov[2];
	unsigned int i, n;
	int err;

	if (!w->registered)
		return -ENOENT;
	iov[0] = (struct kvec){ w->path, strlen(w->path) + 1 };
	iov[1] = (struct kvec){ w->token, strlen(w->token) + 1 };
	err = xs_talk(XS_TX_NONE, XS_UNWATCH, iov, 2);
	w->registered = false;
	for (pp = &watches; *pp; pp = &(*pp)->next) {
		if (*pp == w) {
			*pp = w->next;
			break;
		}
	}
	/* its queued events go: keep the others, in order */
	for (i = 0, n = 0; i < ev_count; i++) {
		unsigned int k = (ev_head + i) % XS_EVENTS;

		if (events[k].w != w)
			events[(ev_head + n++) % XS_EVENTS] = events[k];
	}
	ev_count = n;
	return err == -ENOENT ? 0 : err;
}

int xs_own_domid(void)
{
	u64 id;
	int err = xs_read_uint(XS_TX_NONE, "domid", 0x7fefULL, &id);

	return err ? err : (int)id;
}

int xenstore_init(void)
{
	int irq;

	if (!intf)
		return -ENODEV;
	if (store_ready)
		return 0;
	xs_rx_reset(&rx);
	irq = bind_evtchn_to_irqhandler(store_port, xs_interrupt, "xenstore",
					NULL);
	if (irq < 0) {
		pr_err("xenstore: cannot bind port %u (%d)\n", store_port, irq);
		return irq;
	}
	store_ready = true;
	/* anything xenstored left for us (nothing, on a fresh domain) */
	xs_process();
	return broken ? -EIO : 0;
}
