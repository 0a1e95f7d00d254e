// SPDX-License-Identifier: GPL-2.0
/*
 * Host tests for Tern's xenstored core (drivers/xen/toolstack/xsd*.c):
 * requests from dom0 and guests through xsd_request() checked byte for
 * byte against what C xenstored answers (docs/misc/xenstore.txt), the
 * permission rules, watches, transactions and conflicts, quotas, the
 * output queue, the direct API, and the ring transport against a guest
 * played by the test (a request split across calls, index wrap). Memory
 * comes from counting ops: every test ends with every allocation freed.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include <tern/xen/xsd.h>

static long live_allocs;
static long fail_after = -1;	/* allocations left before failing */

static void *t_alloc(size_t size)
{
	if (fail_after == 0)
		return NULL;
	if (fail_after > 0)
		fail_after--;
	live_allocs++;
	return malloc(size);
}

static void t_free(void *p)
{
	if (p)
		live_allocs--;
	free(p);
}

static int introduced[4];
static int released;

static int t_introduce(void *priv, u16 domid, u64 mfn, u32 port)
{
	if (domid == 99)
		return -EEXIST;
	introduced[0] = domid;
	introduced[1] = mfn;
	introduced[2] = port;
	return 0;
}

static int t_release(void *priv, u16 domid)
{
	released = domid;
	return 0;
}

static const struct xsd_ops ops = {
	.alloc = t_alloc, .free = t_free,
	.introduce = t_introduce, .release = t_release,
};

static struct xsd *s;
static struct xsd_conn *d0, *g5, *g6;

/* The last reply taken from a connection. */
static struct {
	struct xsd_sockmsg hdr;
	char body[XENSTORE_PAYLOAD_MAX + 1];
} rep;

/* Events taken from a queue before a reply, in order. */
#define MAX_EV 64
static struct {
	char path[XENSTORE_ABS_PATH_MAX + 1];
	char token[64];
} ev[MAX_EV];
static int nev;

static int setup(void **state)
{
	live_allocs = 0;
	fail_after = -1;
	nev = 0;
	assert_int_equal(xsd_new(&ops, NULL, &s), 0);
	assert_int_equal(xsd_conn_new(s, 0, &d0), 0);
	/* the toolstack's domain directories: /local/domain/N owned by N */
	assert_int_equal(xsd_write(s, "/local/domain/5", "", 0,
				   &(struct xsd_perm){ 5, XSD_PERM_NONE, 0 },
				   1), 0);
	assert_int_equal(xsd_write(s, "/local/domain/6", "", 0,
				   &(struct xsd_perm){ 6, XSD_PERM_NONE, 0 },
				   1), 0);
	assert_int_equal(xsd_conn_new(s, 5, &g5), 0);
	assert_int_equal(xsd_conn_new(s, 6, &g6), 0);
	assert_int_equal(xsd_check(s), 0);
	return 0;
}

static int teardown(void **state)
{
	assert_int_equal(xsd_check(s), 0);
	xsd_free(s);
	s = NULL;
	assert_int_equal(live_allocs, 0);
	return 0;
}

/* Take one queued message into rep; false when the queue is empty. */
static bool take(struct xsd_conn *c)
{
	const void *m;
	size_t len;

	if (!xsd_conn_out_peek(c, &m, &len))
		return false;
	assert_true(len >= sizeof(rep.hdr));
	memcpy(&rep.hdr, m, sizeof(rep.hdr));
	assert_int_equal(len, sizeof(rep.hdr) + rep.hdr.len);
	assert_true(rep.hdr.len <= XENSTORE_PAYLOAD_MAX);
	memcpy(rep.body, (const char *)m + sizeof(rep.hdr), rep.hdr.len);
	rep.body[rep.hdr.len] = '\0';
	xsd_conn_out_pop(c);
	return true;
}

/* Take queued events into ev[] until the queue is empty or a reply. */
static bool take_events(struct xsd_conn *c)
{
	while (take(c)) {
		if (rep.hdr.type != XS_WATCH_EVENT)
			return true;
		assert_int_equal(rep.hdr.req_id, 0);
		assert_int_equal(rep.hdr.tx_id, 0);
		assert_true(nev < MAX_EV);
		/* "path\0token\0", exactly */
		assert_int_equal(rep.body[rep.hdr.len - 1], '\0');
		strcpy(ev[nev].path, rep.body);
		strcpy(ev[nev].token, rep.body + strlen(rep.body) + 1);
		assert_int_equal(strlen(ev[nev].path) +
				 strlen(ev[nev].token) + 2, rep.hdr.len);
		nev++;
	}
	return false;
}

static u32 next_req_id = 100;

/* Send a request with a body of len bytes; rep holds the reply. */
static void req_len(struct xsd_conn *c, u32 type, u32 tx, const void *body,
		    u32 len)
{
	struct xsd_sockmsg h = {
		.type = type, .req_id = next_req_id++, .tx_id = tx, .len = len,
	};
	char *copy = malloc(len + 1);	/* exactly len: ASan sees overreads */

	memcpy(copy, body, len);
	assert_int_equal(xsd_request(s, c, &h, copy), 0);
	free(copy);
	assert_true(take_events(c));
	assert_int_equal(rep.hdr.req_id, h.req_id);
	assert_int_equal(rep.hdr.tx_id, tx);
	if (rep.hdr.type != XS_ERROR)
		assert_int_equal(rep.hdr.type, type);
}

/* A request of NUL-terminated strings given as one literal with \0s. */
#define REQ(c, type, tx, lit) req_len(c, type, tx, lit, sizeof(lit) - 1)

static void assert_reply(const void *body, u32 len)
{
	assert_int_equal(rep.hdr.len, len);
	assert_memory_equal(rep.body, body, len);
}

#define ASSERT_REPLY(lit) assert_reply(lit, sizeof(lit) - 1)

static void assert_ok(void)
{
	assert_int_not_equal(rep.hdr.type, XS_ERROR);
	ASSERT_REPLY("OK\0");
}

static void assert_err(const char *name)
{
	assert_int_equal(rep.hdr.type, XS_ERROR);
	assert_reply(name, strlen(name) + 1);
}

/* ---- basic operations ---------------------------------------------- */

static void test_write_read_dir_rm(void **state)
{
	REQ(d0, XS_WRITE, 0, "/a/b\0hello");
	assert_ok();
	REQ(d0, XS_READ, 0, "/a/b\0");
	ASSERT_REPLY("hello");
	REQ(d0, XS_READ, 0, "/a\0");
	ASSERT_REPLY("");
	REQ(d0, XS_WRITE, 0, "/a/c\0");
	assert_ok();
	REQ(d0, XS_DIRECTORY, 0, "/a\0");
	ASSERT_REPLY("b\0c\0");
	REQ(d0, XS_DIRECTORY, 0, "/a/b\0");
	ASSERT_REPLY("");
	REQ(d0, XS_DIRECTORY, 0, "/\0");
	ASSERT_REPLY("local\0a\0");
	/* overwrite, binary value with NULs */
	REQ(d0, XS_WRITE, 0, "/a/b\0x\0y");
	assert_ok();
	REQ(d0, XS_READ, 0, "/a/b\0");
	ASSERT_REPLY("x\0y");

	REQ(d0, XS_RM, 0, "/a\0");
	assert_ok();
	REQ(d0, XS_READ, 0, "/a/b\0");
	assert_err("ENOENT");
	REQ(d0, XS_DIRECTORY, 0, "/a\0");
	assert_err("ENOENT");
	/* missing node, parent exists: OK (C xenstored); parent gone too */
	REQ(d0, XS_RM, 0, "/nothing\0");
	assert_ok();
	REQ(d0, XS_RM, 0, "/a/b\0");
	assert_err("ENOENT");
	REQ(d0, XS_RM, 0, "/\0");
	assert_err("EINVAL");
	REQ(d0, XS_MKDIR, 0, "/m/n\0");
	assert_ok();
	REQ(d0, XS_MKDIR, 0, "/m/n\0");
	assert_ok();
	REQ(d0, XS_READ, 0, "/m/n\0");
	ASSERT_REPLY("");
	REQ(d0, XS_GET_DOMAIN_PATH, 0, "7\0");
	ASSERT_REPLY("/local/domain/7\0");
}

static void test_relative(void **state)
{
	size_t len;
	char buf[16];

	REQ(g5, XS_WRITE, 0, "device/vif/0/state\0001");
	assert_ok();
	assert_int_equal(xsd_read(s, "/local/domain/5/device/vif/0/state",
				  buf, sizeof(buf), &len), 0);
	assert_int_equal(len, 1);
	assert_memory_equal(buf, "1", 1);
	REQ(g5, XS_READ, 0, "device/vif/0/state\0");
	ASSERT_REPLY("1");
	REQ(g5, XS_DIRECTORY, 0, "device\0");
	ASSERT_REPLY("vif\0");
	REQ(d0, XS_READ, 0, "device/vif/0/state\0");
	assert_err("ENOENT");		/* dom0's is /local/domain/0/... */
	REQ(g5, XS_GET_DOMAIN_PATH, 0, "5\0");
	ASSERT_REPLY("/local/domain/5\0");
	/* the new nodes are the guest's */
	{
		struct xsd_perm p[4];
		unsigned int n;

		assert_int_equal(xsd_get_perms(s, "/local/domain/5/device",
					       p, 4, &n), 0);
		assert_int_equal(n, 1);
		assert_int_equal(p[0].domid, 5);
	}
}

static void test_guest_denied(void **state)
{
	REQ(g6, XS_WRITE, 0, "secret\00042");
	assert_ok();
	REQ(g5, XS_READ, 0, "/local/domain/6/secret\0");
	assert_err("EACCES");
	/* a missing node under an unreadable one: no existence leak */
	REQ(g5, XS_READ, 0, "/local/domain/6/nothing\0");
	assert_err("EACCES");
	REQ(g5, XS_WRITE, 0, "/local/domain/6/secret\0x");
	assert_err("EACCES");
	REQ(g5, XS_WRITE, 0, "/local/domain/6/new\0x");
	assert_err("EACCES");
	REQ(g5, XS_RM, 0, "/local/domain/6/secret\0");
	assert_err("EACCES");
	REQ(g5, XS_DIRECTORY, 0, "/local/domain/6\0");
	assert_err("EACCES");
	REQ(g5, XS_READ, 0, "/local/domain/5/nothing\0");
	assert_err("ENOENT");
	REQ(g6, XS_READ, 0, "secret\0");
	ASSERT_REPLY("42");
	REQ(d0, XS_READ, 0, "/local/domain/6/secret\0");
	ASSERT_REPLY("42");
	/* the root is "n0": a guest cannot write at the top */
	REQ(g5, XS_WRITE, 0, "/top\0x");
	assert_err("EACCES");
}

/* ---- watches ------------------------------------------------------- */

static void test_watch(void **state)
{
	REQ(g5, XS_WATCH, 0, "device\0tok\0");
	assert_ok();
	/* the initial event follows the reply */
	assert_int_equal(nev, 0);
	assert_false(take_events(g5));
	assert_int_equal(nev, 1);
	assert_string_equal(ev[0].path, "device");
	assert_string_equal(ev[0].token, "tok");
	nev = 0;

	REQ(g5, XS_WRITE, 0, "device/vbd\0x");
	assert_ok();
	assert_int_equal(nev, 1);
	assert_string_equal(ev[0].path, "device/vbd");
	assert_string_equal(ev[0].token, "tok");
	nev = 0;

	/* dom0 writing there fires it too; an unrelated write does not */
	assert_int_equal(xsd_write(s, "/local/domain/5/device/vbd/1", "y", 1,
				   NULL, 0), 0);
	assert_int_equal(xsd_write(s, "/local/domain/5/other", "y", 1,
				   NULL, 0), 0);
	assert_false(take_events(g5));
	assert_int_equal(nev, 1);
	assert_string_equal(ev[0].path, "device/vbd/1");
	nev = 0;

	/* an absolute watch reports absolute paths */
	REQ(g5, XS_WATCH, 0, "/local/domain/5/other\0abs\0");
	assert_ok();
	assert_false(take_events(g5));
	assert_int_equal(nev, 1);
	assert_string_equal(ev[0].path, "/local/domain/5/other");
	nev = 0;

	REQ(g5, XS_WATCH, 0, "device\0tok\0");
	assert_err("EEXIST");
	REQ(g5, XS_UNWATCH, 0, "device\0tok\0");
	assert_ok();
	REQ(g5, XS_UNWATCH, 0, "device\0tok\0");
	assert_err("ENOENT");
	REQ(g5, XS_WRITE, 0, "device/vbd\0z");
	assert_ok();
	assert_int_equal(nev, 0);
}

/* ---- transactions ------------------------------------------------- */

static u32 tx_start(struct xsd_conn *c)
{
	u32 id;

	REQ(c, XS_TRANSACTION_START, 0, "\0");
	assert_int_not_equal(rep.hdr.type, XS_ERROR);
	assert_int_equal(rep.body[rep.hdr.len - 1], '\0');
	id = strtoul(rep.body, NULL, 10);
	assert_int_not_equal(id, 0);
	return id;
}

static void test_tx_commit_conflict(void **state)
{
	u32 t;

	t = tx_start(g5);
	REQ(g5, XS_WRITE, t, "data\0in-tx");
	assert_ok();
	REQ(g5, XS_READ, t, "data\0");
	ASSERT_REPLY("in-tx");
	REQ(g5, XS_READ, 0, "data\0");
	assert_err("ENOENT");
	REQ(g5, XS_TRANSACTION_END, t, "T\0");
	assert_ok();
	REQ(g5, XS_READ, 0, "data\0");
	ASSERT_REPLY("in-tx");
	REQ(g5, XS_TRANSACTION_END, t, "T\0");
	assert_err("ENOENT");

	/* another writer in between: EAGAIN, nothing applied */
	t = tx_start(g5);
	REQ(g5, XS_READ, t, "data\0");
	ASSERT_REPLY("in-tx");
	REQ(g5, XS_WRITE, t, "other\0v");
	assert_ok();
	assert_int_equal(xsd_write(s, "/local/domain/5/data", "new", 3,
				   NULL, 0), 0);
	REQ(g5, XS_TRANSACTION_END, t, "T\0");
	assert_err("EAGAIN");
	REQ(g5, XS_READ, 0, "other\0");
	assert_err("ENOENT");
	REQ(g5, XS_READ, 0, "data\0");
	ASSERT_REPLY("new");
}

/* ---- the ring transport ------------------------------------------- */

static struct xenstore_domain_interface *intf;

/* The guest producing bytes into req, as far as there is room. */
static size_t guest_put(const void *data, size_t len)
{
	const char *p = data;
	size_t i;

	for (i = 0; i < len; i++) {
		if (intf->req_prod - intf->req_cons == XENSTORE_RING_SIZE)
			break;
		intf->req[MASK_XENSTORE_IDX(intf->req_prod)] = p[i];
		intf->req_prod++;
	}
	return i;
}

static size_t guest_get(void *buf, size_t len)
{
	char *p = buf;
	size_t i;

	for (i = 0; i < len && intf->rsp_cons != intf->rsp_prod; i++) {
		p[i] = intf->rsp[MASK_XENSTORE_IDX(intf->rsp_cons)];
		intf->rsp_cons++;
	}
	return i;
}

static size_t mkmsg(char *buf, u32 type, u32 req_id, const void *body,
		    u32 len)
{
	struct xsd_sockmsg h = { .type = type, .req_id = req_id, .len = len };

	memcpy(buf, &h, sizeof(h));
	memcpy(buf + sizeof(h), body, len);
	return sizeof(h) + len;
}

static void test_ring_round_trip(void **state)
{
	struct xsd_ring *r = malloc(sizeof(*r));
	char msg[128], out[256];
	struct xsd_sockmsg h;
	size_t n, got;
	int ret;

	intf = calloc(1, sizeof(*intf));
	/* indices just below 2^32 and mid-ring: both wraps happen */
	intf->req_cons = intf->req_prod = 0xfffffff0u - 3;
	intf->rsp_cons = intf->rsp_prod = 0xfffffff0u - 1000;
	xsd_ring_init(r, intf);

	n = mkmsg(msg, XS_WRITE, 7, "ring/x\0value", 12);
	/* the header split: 5 bytes, then the rest in two steps */
	assert_int_equal(guest_put(msg, 5), 5);
	assert_int_equal(xsd_ring_work(s, g5, r, 8), XSD_RING_NOTIFY);
	assert_int_equal(guest_put(msg + 5, 14), 14);
	ret = xsd_ring_work(s, g5, r, 8);
	assert_true(ret >= 0);
	assert_int_equal(intf->rsp_prod, intf->rsp_cons);	/* no reply yet */
	assert_int_equal(guest_put(msg + 19, n - 19), n - 19);
	assert_int_equal(xsd_ring_work(s, g5, r, 8), XSD_RING_NOTIFY);

	got = guest_get(out, sizeof(out));
	assert_int_equal(got, sizeof(h) + 3);
	memcpy(&h, out, sizeof(h));
	assert_int_equal(h.type, XS_WRITE);
	assert_int_equal(h.req_id, 7);
	assert_int_equal(h.len, 3);
	assert_memory_equal(out + sizeof(h), "OK", 3);

	/* a read back, the reply crossing the 2^32 index wrap */
	intf->rsp_cons = intf->rsp_prod = 0xfffffffau;
	r->rsp_prod = intf->rsp_prod;
	n = mkmsg(msg, XS_READ, 8, "ring/x\0", 7);
	assert_int_equal(guest_put(msg, n), n);
	assert_int_equal(xsd_ring_work(s, g5, r, 8), XSD_RING_NOTIFY);
	got = guest_get(out, sizeof(out));
	assert_int_equal(got, sizeof(h) + 5);
	memcpy(&h, out, sizeof(h));
	assert_int_equal(h.type, XS_READ);
	assert_int_equal(h.req_id, 8);
	assert_memory_equal(out + sizeof(h), "value", 5);
	assert_true(intf->rsp_prod < 0x100);

	free(r);
	free(intf);
}

static void test_ring_big_and_errors(void **state)
{
	struct xsd_ring *r = malloc(sizeof(*r));
	static char value[XENSTORE_PAYLOAD_MAX], out[XENSTORE_PAYLOAD_MAX + 64];
	char msg[64];
	struct xsd_sockmsg h;
	size_t n, got = 0;
	int ret, calls = 0;

	intf = calloc(1, sizeof(*intf));
	xsd_ring_init(r, intf);
	memset(value, 'v', sizeof(value));
	assert_int_equal(xsd_write(s, "/local/domain/5/big", value,
				   sizeof(value), NULL, 0), 0);
	/* a 4112-byte reply through the 1 KiB ring, drained in pieces */
	n = mkmsg(msg, XS_READ, 1, "big\0", 4);
	assert_int_equal(guest_put(msg, n), n);
	do {
		ret = xsd_ring_work(s, g5, r, 4);
		assert_true(ret >= 0);
		got += guest_get(out + got, 300);
		assert_true(++calls < 100);
	} while (got < sizeof(h) + sizeof(value));
	memcpy(&h, out, sizeof(h));
	assert_int_equal(h.len, sizeof(value));
	assert_memory_equal(out + sizeof(h), value, sizeof(value));
	assert_int_equal(xsd_ring_work(s, g5, r, 4), 0);

	/* budget: two requests queued, one handled per call */
	n = mkmsg(msg, XS_READ, 2, "nothing\0", 8);
	assert_int_equal(guest_put(msg, n), n);
	assert_int_equal(guest_put(msg, n), n);
	assert_int_equal(xsd_ring_work(s, g5, r, 1),
			 XSD_RING_NOTIFY | XSD_RING_MORE);
	assert_int_equal(xsd_ring_work(s, g5, r, 1), XSD_RING_NOTIFY);
	got = guest_get(out, sizeof(out));
	assert_int_equal(got, 2 * (sizeof(h) + 7));

	/* a header claiming too much: -E2BIG, for good */
	h.type = XS_WRITE;
	h.req_id = 3;
	h.tx_id = 0;
	h.len = XENSTORE_PAYLOAD_MAX + 1;
	assert_int_equal(guest_put(&h, sizeof(h)), sizeof(h));
	assert_int_equal(xsd_ring_work(s, g5, r, 4), -E2BIG);
	assert_int_equal(xsd_ring_work(s, g5, r, 4), -E2BIG);

	/* impossible indices: -EIO, nothing written */
	xsd_ring_init(r, intf);
	intf->req_prod = intf->req_cons + XENSTORE_RING_SIZE + 1;
	assert_int_equal(xsd_ring_work(s, g5, r, 4), -EIO);
	assert_int_equal(xsd_ring_work(s, g5, r, 4), -EIO);
	xsd_ring_init(r, intf);
	intf->req_prod = intf->req_cons;
	intf->rsp_cons = intf->rsp_prod + 5;	/* consumer ahead */
	assert_int_equal(xsd_request(s, g5, &(struct xsd_sockmsg){
					XS_READ, 0, 0, 2 }, "a\0"), 0);
	assert_int_equal(xsd_ring_work(s, g5, r, 4), -EIO);
	free(r);
	free(intf);
}

/* The ring stops reading while the connection is stalled. */
static void test_ring_stall(void **state)
{
	struct xsd_ring *r = malloc(sizeof(*r));
	char msg[64], out[64];
	size_t n;
	int i;

	static char value[1000];

	intf = calloc(1, sizeof(*intf));
	xsd_ring_init(r, intf);
	assert_int_equal(xsd_write(s, "/local/domain/5/k", value,
				   sizeof(value), NULL, 0), 0);
	/* 1 KiB replies the guest does not read yet */
	for (i = 0; i < 30; i++) {
		n = mkmsg(msg, XS_READ, i, "k\0", 2);
		if (guest_put(msg, n) != n)
			break;
		assert_true(xsd_ring_work(s, g5, r, 64) >= 0);
	}
	/* 20 queued replies stall it: requests stay in the ring */
	assert_true(xsd_conn_stalled(g5));
	assert_true(intf->req_prod != intf->req_cons);
	/* the guest reads; replies flow, requests resume */
	for (i = 0; i < 200 && intf->req_prod != intf->req_cons; i++) {
		while (guest_get(out, sizeof(out)))
			;
		assert_true(xsd_ring_work(s, g5, r, 64) >= 0);
	}
	assert_int_equal(intf->req_prod, intf->req_cons);
	free(r);
	free(intf);
}

/* ---- more operations ---------------------------------------------- */

static void test_perms_rules(void **state)
{
	struct xsd_perm p[8];
	unsigned int n;

	/* new nodes copy the parent's list, the creator owns them */
	assert_int_equal(xsd_write(s, "/local/domain/5/shared", "", 0,
				   (struct xsd_perm[]){ { 5, XSD_PERM_NONE, 0 },
							{ 6, XSD_PERM_READ, 0 } },
				   2), 0);
	REQ(g5, XS_WRITE, 0, "shared/x\0v");
	assert_ok();
	REQ(g5, XS_GET_PERMS, 0, "shared/x\0");
	ASSERT_REPLY("n5\0r6\0");
	REQ(g6, XS_READ, 0, "/local/domain/5/shared/x\0");
	ASSERT_REPLY("v");
	REQ(g6, XS_WRITE, 0, "/local/domain/5/shared/x\0w");
	assert_err("EACCES");
	/* SET_PERMS: the owner may, others not; only dom0 gives nodes away */
	REQ(g6, XS_SET_PERMS, 0, "/local/domain/5/shared/x\0b6\0");
	assert_err("EACCES");
	REQ(g5, XS_SET_PERMS, 0, "shared/x\0b6\0");
	assert_err("EPERM");
	REQ(g5, XS_SET_PERMS, 0, "shared/x\0n5\0b6\0");
	assert_ok();
	REQ(g6, XS_WRITE, 0, "/local/domain/5/shared/x\0w");
	assert_ok();
	REQ(g6, XS_GET_PERMS, 0, "/local/domain/5/shared/x\0");
	ASSERT_REPLY("n5\0b6\0");
	/* a node g6 writes under g5's keeps g5's list, owned by g6 */
	REQ(g6, XS_WRITE, 0, "/local/domain/5/shared/x/y\0w");
	assert_ok();
	assert_int_equal(xsd_get_perms(s, "/local/domain/5/shared/x/y", p, 8,
				       &n), 0);
	assert_int_equal(n, 2);
	assert_int_equal(p[0].domid, 6);
	assert_int_equal(p[1].domid, 6);
	assert_int_equal(p[1].perm, XSD_PERM_BOTH);
	REQ(d0, XS_SET_PERMS, 0, "/local/domain/5/shared/x\0r6\0");
	assert_ok();
	assert_int_equal(xsd_get_perms(s, "/local/domain/5/shared/x", p, 1,
				       &n), 0);
	assert_int_equal(n, 1);
	assert_int_equal(p[0].domid, 6);
	assert_int_equal(p[0].perm, XSD_PERM_READ);
	/* missing node, SET_PERMS: ENOENT where the parent is writable */
	REQ(g5, XS_SET_PERMS, 0, "nothing\0n5\0");
	assert_err("ENOENT");
	REQ(g5, XS_GET_PERMS, 0, "/\0");
	assert_err("EACCES");
	REQ(d0, XS_GET_PERMS, 0, "/\0");
	ASSERT_REPLY("n0\0");
	/* special nodes: perms only through GET/SET_PERMS, never READ */
	REQ(d0, XS_GET_PERMS, 0, "@releaseDomain\0");
	ASSERT_REPLY("r0\0");
	REQ(g5, XS_GET_PERMS, 0, "@introduceDomain\0");
	assert_err("EACCES");
	REQ(d0, XS_READ, 0, "@releaseDomain\0");
	assert_err("EINVAL");
	REQ(d0, XS_GET_PERMS, 0, "@other\0");
	assert_err("ENOENT");
	REQ(g5, XS_SET_PERMS, 0, "@releaseDomain\0n0\0");
	assert_err("EACCES");
}

static void test_special_watches(void **state)
{
	REQ(g5, XS_WATCH, 0, "@releaseDomain\0rel\0");
	assert_ok();
	REQ(g5, XS_WATCH, 0, "@introduceDomain\0intro\0");
	assert_ok();
	REQ(d0, XS_WATCH, 0, "@introduceDomain\0intro\0");
	assert_ok();
	assert_false(take_events(g5));
	assert_false(take_events(d0));
	nev = 0;
	xsd_domain_introduced(s, 9);
	assert_false(take_events(g5));
	assert_int_equal(nev, 0);	/* "n0": the guest may not know */
	assert_false(take_events(d0));
	assert_int_equal(nev, 1);
	assert_string_equal(ev[0].path, "@introduceDomain");
	nev = 0;
	xsd_domain_released(s, 9);
	assert_false(take_events(g5));
	assert_int_equal(nev, 1);
	assert_string_equal(ev[0].path, "@releaseDomain");
	assert_string_equal(ev[0].token, "rel");
	nev = 0;
	/* dom0 lets guests see introductions */
	REQ(d0, XS_SET_PERMS, 0, "@introduceDomain\0r0\0");
	assert_ok();
	assert_int_equal(nev, 1);	/* dom0's own watch */
	nev = 0;
	/* SET_PERMS fires for those who can read the new list */
	assert_false(take_events(g5));
	assert_int_equal(nev, 1);
	nev = 0;
	xsd_domain_introduced(s, 9);
	assert_false(take_events(g5));
	assert_int_equal(nev, 1);
	/* a watch on / does not see the special ones */
	REQ(d0, XS_WATCH, 0, "/\0all\0");
	assert_ok();
	assert_false(take_events(d0));
	nev = 0;
	xsd_domain_released(s, 9);
	assert_false(take_events(d0));
	assert_int_equal(nev, 0);
}

static void test_watch_rules(void **state)
{
	REQ(g5, XS_WRITE, 0, "w/a/b\0x");
	assert_ok();
	REQ(g5, XS_WATCH, 0, "w/a\0t\0");
	assert_ok();
	REQ(g5, XS_WATCH, 0, "w/a/b\0tb\0");
	assert_ok();
	REQ(g6, XS_WATCH, 0, "/local/domain/5/w\0t6\0");
	assert_ok();
	assert_false(take_events(g5));
	assert_false(take_events(g6));
	nev = 0;
	/*
	 * RM: one event per node at its exact path; only the top matches
	 * the watches above it (the watch on w/a hears w/a, not w/a/b)
	 */
	REQ(g5, XS_RM, 0, "w/a\0");
	assert_ok();
	assert_int_equal(nev, 2);
	assert_string_equal(ev[0].path, "w/a");
	assert_string_equal(ev[0].token, "t");
	assert_string_equal(ev[1].path, "w/a/b");
	assert_string_equal(ev[1].token, "tb");
	nev = 0;
	/* g6 cannot read g5's nodes: nothing */
	assert_false(take_events(g6));
	assert_int_equal(nev, 0);
	/* SET_PERMS fires; the watcher who loses access still hears it */
	REQ(g5, XS_WRITE, 0, "w/v\0x");
	assert_ok();
	REQ(g5, XS_SET_PERMS, 0, "w/v\0n5\0r6\0");
	assert_ok();
	assert_false(take_events(g6));
	assert_int_equal(nev, 1);
	assert_string_equal(ev[0].path, "/local/domain/5/w/v");
	nev = 0;
	REQ(g5, XS_SET_PERMS, 0, "w/v\0n5\0");
	assert_ok();
	assert_false(take_events(g6));
	assert_int_equal(nev, 1);
	nev = 0;
	REQ(g5, XS_SET_PERMS, 0, "w/v\0n5\0");
	assert_ok();
	assert_false(take_events(g6));
	assert_int_equal(nev, 0);
	/* MKDIR fires only when it creates */
	assert_false(take_events(g5));
	nev = 0;
	REQ(g5, XS_WATCH, 0, "w\0t\0");
	assert_ok();
	assert_false(take_events(g5));
	nev = 0;
	REQ(g5, XS_MKDIR, 0, "w/d\0");
	assert_ok();
	assert_int_equal(nev, 1);
	nev = 0;
	REQ(g5, XS_MKDIR, 0, "w/d\0");
	assert_ok();
	assert_int_equal(nev, 0);
	/* the same event twice is queued once */
	assert_int_equal(xsd_write(s, "/local/domain/5/w/d", "1", 1, NULL, 0),
			 0);
	assert_int_equal(xsd_write(s, "/local/domain/5/w/d", "2", 1, NULL, 0),
			 0);
	assert_false(take_events(g5));
	assert_int_equal(nev, 1);
	nev = 0;
	/* RESET_WATCHES drops them all (and the transactions) */
	tx_start(g5);
	REQ(g5, XS_RESET_WATCHES, 0, "");
	assert_ok();
	{
		struct xsd_stats st;

		xsd_stats(s, 5, &st);
		assert_int_equal(st.watches, 0);
		assert_int_equal(st.transactions, 0);
	}
	REQ(g5, XS_WRITE, 0, "w/d\0x");
	assert_ok();
	assert_int_equal(nev, 0);
}

static void test_tx_more(void **state)
{
	u32 t, t2;

	REQ(g5, XS_WRITE, 0, "t/a/b\0x");
	assert_ok();
	REQ(g5, XS_WATCH, 0, "t\0w\0");
	assert_ok();
	assert_false(take_events(g5));
	nev = 0;

	t = tx_start(g5);
	REQ(g5, XS_TRANSACTION_START, t, "");
	assert_err("EBUSY");
	REQ(g5, XS_READ, 12345, "t/a/b\0");
	assert_err("ENOENT");
	REQ(g5, XS_TRANSACTION_END, t, "X\0");
	assert_err("EINVAL");
	/* remove and recreate: the old children are gone in the view */
	REQ(g5, XS_RM, t, "t/a\0");
	assert_ok();
	REQ(g5, XS_DIRECTORY, t, "t\0");
	ASSERT_REPLY("");
	REQ(g5, XS_WRITE, t, "t/a/c\0y");
	assert_ok();
	REQ(g5, XS_DIRECTORY, t, "t/a\0");
	ASSERT_REPLY("c\0");
	REQ(g5, XS_READ, t, "t/a/b\0");
	assert_err("ENOENT");
	REQ(g5, XS_DIRECTORY, 0, "t/a\0");
	ASSERT_REPLY("b\0");
	assert_int_equal(nev, 0);	/* events wait for the commit */
	REQ(g5, XS_TRANSACTION_END, t, "T\0");
	assert_ok();
	REQ(g5, XS_DIRECTORY, 0, "t/a\0");
	ASSERT_REPLY("c\0");
	assert_true(nev >= 2);		/* b removed, c created */
	nev = 0;

	/* F discards */
	t = tx_start(g5);
	REQ(g5, XS_WRITE, t, "t/gone\0y");
	assert_ok();
	REQ(g5, XS_TRANSACTION_END, t, "F\0");
	assert_ok();
	REQ(g5, XS_READ, 0, "t/gone\0");
	assert_err("ENOENT");

	/* a listed directory that gains a child conflicts */
	t = tx_start(g5);
	REQ(g5, XS_DIRECTORY, t, "t\0");
	ASSERT_REPLY("a\0");
	REQ(g5, XS_WRITE, t, "t/x\0y");
	assert_ok();
	REQ(g5, XS_WRITE, 0, "t/new\0n");
	assert_ok();
	REQ(g5, XS_TRANSACTION_END, t, "T\0");
	assert_err("EAGAIN");
	REQ(g5, XS_READ, 0, "t/x\0");
	assert_err("ENOENT");

	/* two transactions: the second writer of one node loses */
	t = tx_start(g5);
	t2 = tx_start(g5);
	assert_int_not_equal(t, t2);
	REQ(g5, XS_WRITE, t, "t/a/c\0one");
	assert_ok();
	REQ(g5, XS_WRITE, t2, "t/a/c\0two");
	assert_ok();
	REQ(g5, XS_TRANSACTION_END, t2, "T\0");
	assert_ok();
	REQ(g5, XS_TRANSACTION_END, t, "T\0");
	assert_err("EAGAIN");
	REQ(g5, XS_READ, 0, "t/a/c\0");
	ASSERT_REPLY("two");
	/* unrelated nodes do not conflict */
	t = tx_start(g5);
	REQ(g5, XS_WRITE, t, "t/p\0p");
	assert_ok();
	REQ(g5, XS_WRITE, 0, "t/q\0q");
	assert_ok();
	REQ(g5, XS_TRANSACTION_END, t, "T\0");
	assert_ok();
	/* WATCH ignores tx_id; a reply echoes it */
	REQ(g5, XS_WATCH, 777, "t/p\0z\0");
	assert_ok();
	/* a transaction left open is freed with the connection */
	t = tx_start(g5);
	REQ(g5, XS_WRITE, t, "t/open\0o");
	assert_ok();
}

static void test_directory_part(void **state)
{
	char name[32], path[64], want[XENSTORE_PAYLOAD_MAX * 2];
	u32 i, wlen = 0, got = 0, gen_len;
	char *big;

	/* 300 children of 20 bytes: 6300 bytes of names */
	for (i = 0; i < 300; i++) {
		sprintf(name, "child-%013u", i);
		sprintf(path, "/big/%s", name);
		assert_int_equal(xsd_write(s, path, "", 0, NULL, 0), 0);
		memcpy(want + wlen, name, strlen(name) + 1);
		wlen += strlen(name) + 1;
	}
	REQ(d0, XS_DIRECTORY, 0, "/big\0");
	assert_err("E2BIG");
	big = malloc(wlen + 1);
	while (got < wlen) {
		char body[32];
		int n = sprintf(body, "/big%c%u", 0, got);

		req_len(d0, XS_DIRECTORY_PART, 0, body, n + 1);
		assert_int_not_equal(rep.hdr.type, XS_ERROR);
		gen_len = strlen(rep.body) + 1;
		assert_true(rep.hdr.len > gen_len);
		assert_true(rep.hdr.len <= XENSTORE_PAYLOAD_MAX);
		memcpy(big + got, rep.body + gen_len, rep.hdr.len - gen_len);
		got += rep.hdr.len - gen_len;
	}
	/* the last part ends with an extra NUL */
	assert_int_equal(got, wlen + 1);
	assert_memory_equal(big, want, wlen);
	assert_int_equal(big[wlen], '\0');
	free(big);
	{
		char body[32];
		int n = sprintf(body, "/big%c%u", 0, wlen + 5);

		req_len(d0, XS_DIRECTORY_PART, 0, body, n + 1);
		gen_len = strlen(rep.body) + 1;
		assert_int_equal(rep.hdr.len, gen_len + 1);
	}
	REQ(d0, XS_DIRECTORY_PART, 0, "/big\0x\0");
	assert_err("EINVAL");
}

static void test_malformed(void **state)
{
	struct xsd_sockmsg h = { .type = XS_READ, .len = 4097 };
	static char body[4097];

	assert_int_equal(xsd_request(s, g5, &h, body), -E2BIG);
	req_len(g5, XS_READ, 0, "abc", 3);	/* no NUL */
	assert_err("EINVAL");
	req_len(g5, XS_WRITE, 0, "abc", 3);
	assert_err("EINVAL");
	REQ(g5, XS_READ, 0, "a\0b\0");
	assert_err("EINVAL");
	REQ(g5, XS_WATCH, 0, "a\0");
	assert_err("EINVAL");
	REQ(g5, XS_SET_PERMS, 0, "a\0x5\0");
	assert_err("EINVAL");
	REQ(g5, XS_SET_PERMS, 0, "a\0");
	assert_err("EINVAL");
	REQ(g5, 0xffff, 0, "a\0");
	assert_err("EINVAL");
	REQ(g5, XS_ERROR, 0, "a\0");
	assert_err("EINVAL");
	REQ(g5, XS_WATCH_EVENT, 0, "a\0b\0");
	assert_err("EINVAL");
	REQ(g5, XS_SET_TARGET + 1, 0, "");
	assert_err("EINVAL");
	REQ(g5, XS_TYPE_COUNT, 0, "");
	assert_err("EINVAL");
	/* paths */
	REQ(g5, XS_WRITE, 0, "a b\0x");
	assert_err("EINVAL");
	REQ(g5, XS_WRITE, 0, "a//b\0x");
	assert_err("EINVAL");
	REQ(g5, XS_WRITE, 0, "a/\0x");
	assert_err("EINVAL");
	REQ(g5, XS_WRITE, 0, "\0x");
	assert_err("EINVAL");
	REQ(g5, XS_WRITE, 0, "@a\0x");
	assert_err("EINVAL");
	REQ(g5, XS_READ, 0, "/local/domain/5/\0");
	assert_err("EINVAL");
	REQ(g5, XS_GET_DOMAIN_PATH, 0, "x\0");
	assert_err("EINVAL");
	REQ(g5, XS_GET_DOMAIN_PATH, 0, "65536\0");
	assert_err("EINVAL");
	assert_int_equal(xsd_write(s, "relative", "", 0, NULL, 0), -EINVAL);
	assert_int_equal(xsd_write(s, "/a", "", 4097, NULL, 0), -EINVAL);
	assert_int_equal(xsd_write(s, "/a", "", 0,
				   &(struct xsd_perm){ 0, 9, 0 }, 1), -EINVAL);
	assert_int_equal(xsd_set_perms(s, "/", NULL, 0), -EINVAL);
	assert_int_equal(xsd_rm(s, "/x/y"), -ENOENT);
	assert_int_equal(xsd_rm(s, "/x"), 0);
}

static void test_path_limits(void **state)
{
	static char body[XENSTORE_PAYLOAD_MAX];
	u32 n;

	/* 2048 bytes after /local/domain/5/ are fine, 2049 are not */
	memset(body, 'a', sizeof(body));
	body[2048] = '\0';
	body[2049] = 'v';
	req_len(g5, XS_WRITE, 0, body, 2050);
	assert_ok();
	memset(body, 'a', sizeof(body));
	body[2049] = '\0';
	req_len(g5, XS_WRITE, 0, body, 2050);
	assert_err("EINVAL");
	/* 3072 bytes absolute for dom0 */
	body[0] = '/';
	for (n = 1; n < 3072; n++)
		body[n] = n % 100 ? 'b' : '/';
	body[3072] = '\0';
	req_len(d0, XS_WRITE, 0, body, 3073);
	assert_ok();
	body[3072] = 'c';
	body[3073] = '\0';
	req_len(d0, XS_WRITE, 0, body, 3074);
	assert_err("EINVAL");
}

static void test_priv_ops(void **state)
{
	REQ(g5, XS_INTRODUCE, 0, "7\0001234\0005\0");
	assert_err("EACCES");
	REQ(g5, XS_IS_DOMAIN_INTRODUCED, 0, "5\0");
	assert_err("EACCES");
	REQ(g5, XS_CONTROL, 0, "check\0");
	assert_err("EACCES");
	REQ(d0, XS_INTRODUCE, 0, "7\0001234\0005\0");
	assert_ok();
	assert_int_equal(introduced[0], 7);
	assert_int_equal(introduced[1], 1234);
	assert_int_equal(introduced[2], 5);
	REQ(d0, XS_INTRODUCE, 0, "99\0001\0001\0");
	assert_err("EEXIST");
	REQ(d0, XS_INTRODUCE, 0, "0\0001\0001\0");
	assert_err("EINVAL");
	REQ(d0, XS_INTRODUCE, 0, "32752\0001\0001\0");
	assert_err("EINVAL");
	REQ(d0, XS_INTRODUCE, 0, "7\000x\0001\0");
	assert_err("EINVAL");
	REQ(d0, XS_RELEASE, 0, "6\0");
	assert_ok();
	assert_int_equal(released, 6);
	REQ(d0, XS_IS_DOMAIN_INTRODUCED, 0, "5\0");
	ASSERT_REPLY("T\0");
	REQ(d0, XS_IS_DOMAIN_INTRODUCED, 0, "8\0");
	ASSERT_REPLY("F\0");
	REQ(d0, XS_RESUME, 0, "5\0");
	assert_ok();
	REQ(d0, XS_RESUME, 0, "8\0");
	assert_err("ENOENT");
	REQ(d0, XS_CONTROL, 0, "check\0");
	assert_ok();
	REQ(d0, XS_CONTROL, 0, "other\0");
	assert_err("EINVAL");
	/* SET_TARGET: g6 acts as the owner of g5's nodes */
	REQ(g6, XS_READ, 0, "/local/domain/5\0");
	assert_err("EACCES");
	REQ(d0, XS_SET_TARGET, 0, "6\0005\0");
	assert_ok();
	REQ(g6, XS_READ, 0, "/local/domain/5\0");
	ASSERT_REPLY("");
}

static void test_no_hooks(void **state)
{
	static const struct xsd_ops bare = { .alloc = t_alloc, .free = t_free };
	struct xsd *s2;
	struct xsd_conn *c;
	struct xsd_quota q;

	xsd_quota_default(&q);
	q.path_max = XENSTORE_ABS_PATH_MAX + 1;
	assert_int_equal(xsd_new(&bare, &q, &s2), -EINVAL);
	xsd_quota_default(&q);
	q.watches = 0;
	assert_int_equal(xsd_new(&bare, &q, &s2), -EINVAL);
	assert_int_equal(xsd_new(&bare, NULL, &s2), 0);
	assert_int_equal(xsd_conn_new(s2, 0, &c), 0);
	assert_int_equal(xsd_conn_new(s2, 0, &c), -EEXIST);
	assert_int_equal(xsd_conn_new(s2, XSD_DOMID_LIMIT, &c), -EINVAL);
	/* a connection of another store is refused */
	{
		struct xsd_sockmsg h = { .type = XS_READ, .len = 2 };

		assert_int_equal(xsd_request(s, c, &h, "/\0"), -EINVAL);
	}
	{
		struct xsd *keep = s;

		s = s2;
		REQ(c, XS_INTRODUCE, 0, "7\0001\0001\0");
		assert_err("ENOSYS");
		REQ(c, XS_RELEASE, 0, "7\0");
		assert_err("ENOSYS");
		s = keep;
	}
	xsd_free(s2);
}

/* ---- quotas and the output queue ----------------------------------- */

static void small_store(void)
{
	struct xsd_quota q;

	xsd_free(s);
	xsd_quota_default(&q);
	q.nodes = 4;
	q.watches = 2;
	q.transactions = 2;
	q.outstanding = 3;
	q.events = 2;
	q.value_max = 8;
	q.perms_max = 2;
	q.tx_nodes = 3;
	assert_int_equal(xsd_new(&ops, &q, &s), 0);
	assert_int_equal(xsd_conn_new(s, 0, &d0), 0);
	assert_int_equal(xsd_write(s, "/local/domain/5", "", 0,
				   &(struct xsd_perm){ 5, XSD_PERM_NONE, 0 },
				   1), 0);
	assert_int_equal(xsd_conn_new(s, 5, &g5), 0);
}

static void test_quotas(void **state)
{
	struct xsd_stats st;
	u32 t;

	small_store();
	/* nodes: /local/domain/5 is one of its 4 */
	REQ(g5, XS_WRITE, 0, "a/b/c/d\0x");
	assert_err("ENOSPC");
	REQ(g5, XS_WRITE, 0, "a/b/c\0x");
	assert_ok();
	REQ(g5, XS_WRITE, 0, "e\0x");
	assert_err("ENOSPC");
	xsd_stats(s, 5, &st);
	assert_int_equal(st.nodes, 4);
	REQ(g5, XS_RM, 0, "a/b\0");
	assert_ok();
	REQ(g5, XS_WRITE, 0, "e\0x");
	assert_ok();
	/* dom0 is not bound */
	assert_int_equal(xsd_write(s, "/d0/a/b/c/d/e", "", 0, NULL, 0), 0);
	/* value size */
	REQ(g5, XS_WRITE, 0, "e\000123456789");
	assert_err("ENOSPC");
	REQ(g5, XS_WRITE, 0, "e\00012345678");
	assert_ok();
	/* permission entries */
	REQ(g5, XS_SET_PERMS, 0, "e\0n5\0r1\0r2\0");
	assert_err("ENOSPC");
	REQ(g5, XS_SET_PERMS, 0, "e\0n5\0r1\0");
	assert_ok();
	/* watches */
	REQ(g5, XS_WATCH, 0, "a\0001\0");
	assert_ok();
	REQ(g5, XS_WATCH, 0, "a\0002\0");
	assert_ok();
	REQ(g5, XS_WATCH, 0, "a\0003\0");
	assert_err("ENOSPC");
	xsd_stats(s, 5, &st);
	assert_int_equal(st.watches, 2);
	assert_false(take_events(g5));
	nev = 0;
	/* two writes, two watches: four events, two fit, two drop */
	assert_int_equal(xsd_write(s, "/local/domain/5/a", "1", 1, NULL, 0),
			 0);
	assert_int_equal(xsd_write(s, "/local/domain/5/a", "2", 1, NULL, 0),
			 0);
	xsd_stats(s, 5, &st);
	assert_int_equal(st.queued, 2);
	assert_int_equal(st.events_dropped, 2);
	xsd_stats(s, -1, &st);
	assert_int_equal(st.events_dropped, 2);
	assert_false(take_events(g5));
	assert_int_equal(nev, 2);
	assert_string_equal(ev[0].token, "1");
	assert_string_equal(ev[1].token, "2");
	nev = 0;
	REQ(g5, XS_UNWATCH, 0, "a\0001\0");
	assert_ok();
	REQ(g5, XS_WRITE, 0, "a\0v");
	assert_ok();
	assert_int_equal(nev, 1);
	nev = 0;
	/* transactions and the nodes one may touch */
	t = tx_start(g5);
	tx_start(g5);
	REQ(g5, XS_TRANSACTION_START, 0, "");
	assert_err("ENOSPC");
	REQ(g5, XS_READ, t, "a\0");
	REQ(g5, XS_READ, t, "e\0");
	REQ(g5, XS_READ, t, "/local/domain/5\0");
	REQ(g5, XS_READ, t, "a\0");
	ASSERT_REPLY("v");
	REQ(g5, XS_WRITE, t, "z\0");
	assert_err("ENOSPC");
	xsd_stats(s, 5, &st);
	assert_int_equal(st.transactions, 2);
	assert_int_equal(st.tx_nodes, 3);
}

static void test_stall(void **state)
{
	struct xsd_sockmsg h = { .type = XS_READ, .len = 2 };
	int i;

	small_store();
	for (i = 0; i < 3; i++) {
		assert_false(xsd_conn_stalled(g5));
		h.req_id = i;
		assert_int_equal(xsd_request(s, g5, &h, "a\0"), 0);
	}
	assert_true(xsd_conn_stalled(g5));
	assert_int_equal(xsd_request(s, g5, &h, "a\0"), -EAGAIN);
	/* replies in order, each exactly once */
	for (i = 0; i < 3; i++) {
		assert_true(take(g5));
		assert_int_equal(rep.hdr.req_id, i);
		assert_err("ENOENT");
		assert_false(xsd_conn_stalled(g5));
	}
	assert_false(take(g5));

	/* no memory for the reply: the spare one says ENOMEM, then stall */
	fail_after = 0;
	h.req_id = 42;
	assert_int_equal(xsd_request(s, g5, &h, "a\0"), 0);
	fail_after = -1;
	assert_true(xsd_conn_stalled(g5));
	assert_int_equal(xsd_request(s, g5, &h, "a\0"), -EAGAIN);
	assert_true(take(g5));
	assert_int_equal(rep.hdr.req_id, 42);
	assert_err("ENOMEM");
	assert_false(xsd_conn_stalled(g5));
	REQ(g5, XS_WRITE, 0, "a\0v");
	assert_ok();
}

/* Every allocation failing in turn: a clean error, or success. */
static void test_alloc_failures(void **state)
{
	static const char *const reqs[] = {
		"device/vif/0/state\0001",
		"device/vif/0\0",
		"device\0",
	};
	static const u32 types[] = { XS_WRITE, XS_RM, XS_WATCH };
	struct xsd_stats before, after;
	long n;
	u32 i, t;
	size_t len;

	for (i = 0; i < 3; i++) {
		for (n = 0; ; n++) {
			const char *b = reqs[i];
			u32 blen = strlen(b) + 1;

			if (types[i] == XS_WRITE)
				blen += 1;
			if (types[i] == XS_WATCH) {
				b = "device\0tok";
				blen = 11;
			}
			xsd_stats(s, -1, &before);
			fail_after = n;
			req_len(g5, types[i], 0, b, blen);
			fail_after = -1;
			assert_int_equal(xsd_check(s), 0);
			if (rep.hdr.type != XS_ERROR)
				break;
			assert_err("ENOMEM");
			xsd_stats(s, -1, &after);
			/* nothing changed */
			assert_int_equal(before.nodes, after.nodes);
			assert_int_equal(before.watches, after.watches);
		}
		assert_true(n > 0);
		assert_false(take_events(g5));
		nev = 0;
	}
	/* a transaction's commit failing on memory changes nothing */
	for (n = 0; ; n++) {
		t = tx_start(g5);
		REQ(g5, XS_WRITE, t, "x/y/z\0001");
		assert_ok();
		xsd_stats(s, 5, &before);
		fail_after = n;
		REQ(g5, XS_TRANSACTION_END, t, "T\0");
		fail_after = -1;
		assert_int_equal(xsd_check(s), 0);
		if (rep.hdr.type != XS_ERROR)
			break;
		assert_err("ENOMEM");
		xsd_stats(s, 5, &after);
		assert_int_equal(before.nodes, after.nodes);
		assert_int_equal(xsd_read(s, "/local/domain/5/x", NULL, 0,
					  &len), -ENOENT);
	}
	assert_int_equal(xsd_read(s, "/local/domain/5/x/y/z", NULL, 0, &len),
			 0);
	assert_int_equal(len, 1);
}

/* ---- lifetime ------------------------------------------------------ */

static void test_conn_free_baseline(void **state)
{
	struct xsd_stats base, all, st;
	struct xsd_conn *g7;
	struct xsd_perm p[4];
	unsigned int n;
	u32 t;

	assert_int_equal(xsd_write(s, "/local/domain/7", "", 0,
				   &(struct xsd_perm){ 7, XSD_PERM_NONE, 0 },
				   1), 0);
	xsd_stats(s, -1, &base);
	assert_int_equal(xsd_conn_new(s, 7, &g7), 0);
	REQ(g7, XS_WRITE, 0, "device/vbd/1/state\0001");
	assert_ok();
	REQ(g7, XS_WATCH, 0, "device\0t\0");
	assert_ok();
	t = tx_start(g7);
	REQ(g7, XS_WRITE, t, "data\0x");
	assert_ok();
	assert_int_equal(xsd_write(s, "/local/domain/7/device/q", "", 0, NULL,
				   0), 0);
	REQ(g6, XS_WRITE, 0, "visible\0x");
	assert_ok();
	REQ(g6, XS_SET_PERMS, 0, "visible\0n6\0r7\0");
	assert_ok();
	xsd_stats(s, 7, &st);
	assert_int_equal(st.nodes, 6);
	assert_int_equal(st.watches, 1);
	assert_int_equal(st.transactions, 1);
	assert_true(st.tx_nodes > 0);
	assert_int_equal(st.conns, 1);
	assert_true(st.queued > 0);

	xsd_conn_free(g7);
	assert_int_equal(xsd_check(s), 0);
	/* its nodes are dom0's now; the entry naming it is gone */
	assert_int_equal(xsd_get_perms(s, "/local/domain/7/device", p, 4, &n),
			 0);
	assert_int_equal(p[0].domid, 0);
	assert_int_equal(xsd_get_perms(s, "/local/domain/6/visible", p, 4,
				       &n), 0);
	assert_int_equal(n, 1);
	xsd_stats(s, 7, &st);
	assert_int_equal(st.nodes, 0);
	assert_int_equal(st.conns, 0);
	assert_int_equal(xsd_rm(s, "/local/domain/7/device"), 0);
	assert_int_equal(xsd_rm(s, "/local/domain/6/visible"), 0);
	/* a new domain 7 inherits nothing */
	assert_int_equal(xsd_conn_new(s, 7, &g7), 0);
	xsd_stats(s, 7, &st);
	assert_int_equal(st.nodes, 0);
	xsd_conn_free(g7);
	assert_int_equal(xsd_set_perms(s, "/local/domain/7",
				       &(struct xsd_perm){ 7, 0, 0 }, 1), 0);
	xsd_stats(s, -1, &all);
	assert_int_equal(all.nodes, base.nodes);
	assert_int_equal(all.watches, base.watches);
	assert_int_equal(all.transactions, base.transactions);
	assert_int_equal(all.tx_nodes, base.tx_nodes);
	assert_int_equal(all.conns, base.conns);
	assert_int_equal(all.queued, base.queued);
	assert_int_equal(xsd_rm(s, "/local/domain/7"), 0);
	xsd_stats(s, -1, &all);
	assert_int_equal(all.nodes, base.nodes - 1);
}

struct walk_rec {
	int n;
	char paths[8][64];
	unsigned int depth[8];
};

static int walk_fn(void *arg, const char *path, unsigned int depth,
		   const char *value, size_t len, const struct xsd_perm *perms,
		   unsigned int nperms)
{
	struct walk_rec *w = arg;

	if (w->n == 8)
		return 1;
	sprintf(w->paths[w->n], "%s=%.*s", path, (int)len, value);
	w->depth[w->n++] = depth;
	return 0;
}

static void test_direct_and_walk(void **state)
{
	struct walk_rec w = { 0 };
	struct xsd_perm p[2];
	unsigned int n;
	char buf[4];
	size_t len;

	assert_int_equal(xsd_mkdir(s, "/vm/a"), 0);
	assert_int_equal(xsd_write(s, "/vm/a/x", "1", 1, NULL, 0), 0);
	assert_int_equal(xsd_write(s, "/vm/b", "22", 2, NULL, 0), 0);
	assert_int_equal(xsd_read(s, "/vm/b", buf, 1, &len), 0);
	assert_int_equal(len, 2);
	assert_int_equal(buf[0], '2');
	assert_int_equal(xsd_read(s, "/vm/c", buf, 4, &len), -ENOENT);
	assert_int_equal(xsd_walk(s, "/vm", walk_fn, &w), 0);
	assert_int_equal(w.n, 4);
	assert_string_equal(w.paths[0], "/vm=");
	assert_string_equal(w.paths[1], "/vm/a=");
	assert_string_equal(w.paths[2], "/vm/a/x=1");
	assert_string_equal(w.paths[3], "/vm/b=22");
	assert_int_equal(w.depth[2], 2);
	assert_int_equal(w.depth[3], 1);
	w.n = 0;
	assert_int_equal(xsd_walk(s, "/", walk_fn, &w), 1);	/* stopped */
	assert_int_equal(xsd_walk(s, "/nope", walk_fn, &w), -ENOENT);
	assert_int_equal(xsd_set_perms(s, "/vm/b",
				       (struct xsd_perm[]){ { 3, 0, 0 },
							    { 4, 1, 0 } }, 2), 0);
	assert_int_equal(xsd_get_perms(s, "/vm/b", p, 2, &n), 0);
	assert_int_equal(n, 2);
	assert_int_equal(p[1].domid, 4);
	assert_int_equal(p[1].perm, XSD_PERM_READ);
	assert_int_equal(xsd_set_perms(s, "@releaseDomain",
				       &(struct xsd_perm){ 0, 0, 0 }, 1), 0);
	assert_int_equal(xsd_get_perms(s, "@releaseDomain", p, 2, &n), 0);
	assert_int_equal(p[0].perm, 0);
	assert_int_equal(xsd_rm(s, "/vm"), 0);
	assert_int_equal(xsd_read(s, "/vm/a/x", buf, 4, &len), -ENOENT);
}

/*
 * A xenbus frontend starting: the toolstack wrote both halves, the guest
 * watches, lists, reads the backend path, writes its ring details in a
 * transaction, the backend hears the state change and answers.
 */
static void test_frontend_startup(void **state)
{
	const struct xsd_perm fe[2] = {
		{ 5, XSD_PERM_NONE, 0 }, { 0, XSD_PERM_READ, 0 }
	};
	const struct xsd_perm be[2] = {
		{ 0, XSD_PERM_NONE, 0 }, { 5, XSD_PERM_READ, 0 }
	};
	const char *fp = "/local/domain/5/device/vif/0";
	const char *bp = "/local/domain/0/backend/vif/5/0";
	char path[96];
	u32 t;

	sprintf(path, "%s/backend", fp);
	assert_int_equal(xsd_write(s, fp, "", 0, fe, 2), 0);
	assert_int_equal(xsd_write(s, path, bp, strlen(bp), NULL, 0), 0);
	sprintf(path, "%s/backend-id", fp);
	assert_int_equal(xsd_write(s, path, "0", 1, NULL, 0), 0);
	sprintf(path, "%s/state", fp);
	assert_int_equal(xsd_write(s, path, "1", 1, NULL, 0), 0);
	assert_int_equal(xsd_write(s, bp, "", 0, be, 2), 0);
	sprintf(path, "%s/state", bp);
	assert_int_equal(xsd_write(s, path, "2", 1, NULL, 0), 0);
	/* the backend (dom0) watches the frontend's state */
	REQ(d0, XS_WATCH, 0, "/local/domain/5/device/vif/0/state\0be\0");
	assert_ok();
	assert_false(take_events(d0));
	nev = 0;

	REQ(g5, XS_WATCH, 0, "device\0fe\0");
	assert_ok();
	assert_false(take_events(g5));
	assert_int_equal(nev, 1);
	nev = 0;
	REQ(g5, XS_DIRECTORY, 0, "device\0");
	ASSERT_REPLY("vif\0");
	REQ(g5, XS_DIRECTORY, 0, "device/vif\0");
	ASSERT_REPLY("0\0");
	REQ(g5, XS_READ, 0, "device/vif/0/backend\0");
	assert_reply(bp, strlen(bp));
	REQ(g5, XS_READ, 0, "device/vif/0/backend-id\0");
	ASSERT_REPLY("0");
	REQ(g5, XS_READ, 0, "/local/domain/0/backend/vif/5/0/state\0");
	ASSERT_REPLY("2");
	REQ(g5, XS_WATCH, 0, "/local/domain/0/backend/vif/5/0/state\0bs\0");
	assert_ok();
	assert_false(take_events(g5));
	nev = 0;
	t = tx_start(g5);
	REQ(g5, XS_WRITE, t, "device/vif/0/tx-ring-ref\0008");
	assert_ok();
	REQ(g5, XS_WRITE, t, "device/vif/0/event-channel\0009");
	assert_ok();
	REQ(g5, XS_WRITE, t, "device/vif/0/state\0003");
	assert_ok();
	REQ(g5, XS_TRANSACTION_END, t, "T\0");
	assert_ok();
	/* the guest's own watch saw its three writes */
	assert_int_equal(nev, 3);
	nev = 0;
	assert_false(take_events(d0));
	assert_int_equal(nev, 1);
	assert_string_equal(ev[0].path, "/local/domain/5/device/vif/0/state");
	assert_string_equal(ev[0].token, "be");
	nev = 0;
	REQ(d0, XS_READ, 0, "/local/domain/5/device/vif/0/tx-ring-ref\0");
	ASSERT_REPLY("8");
	REQ(d0, XS_WRITE, 0, "/local/domain/0/backend/vif/5/0/state\0004");
	assert_ok();
	assert_false(take_events(g5));
	assert_int_equal(nev, 1);
	assert_string_equal(ev[0].path,
			    "/local/domain/0/backend/vif/5/0/state");
	assert_string_equal(ev[0].token, "bs");
	/* the frontend's nodes stay the guest's: the backend only reads */
	REQ(g5, XS_GET_PERMS, 0, "device/vif/0/state\0");
	ASSERT_REPLY("n5\0r0\0");
}

int main(void)
{
#define T(f) cmocka_unit_test_setup_teardown(f, setup, teardown)
	const struct CMUnitTest tests[] = {
		T(test_write_read_dir_rm),
		T(test_relative),
		T(test_guest_denied),
		T(test_watch),
		T(test_tx_commit_conflict),
		T(test_ring_round_trip),
		T(test_ring_big_and_errors),
		T(test_ring_stall),
		T(test_perms_rules),
		T(test_special_watches),
		T(test_watch_rules),
		T(test_tx_more),
		T(test_directory_part),
		T(test_malformed),
		T(test_path_limits),
		T(test_priv_ops),
		T(test_no_hooks),
		T(test_quotas),
		T(test_stall),
		T(test_alloc_failures),
		T(test_conn_free_baseline),
		T(test_direct_and_walk),
		T(test_frontend_startup),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
