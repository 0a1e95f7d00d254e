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

	REQ(g5, XS_WRITE, 0, "device/vif/0/state\0" "1");
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
	REQ(g6, XS_WRITE, 0, "secret\0" "42");
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
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
