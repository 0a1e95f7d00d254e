// SPDX-License-Identifier: GPL-2.0
/*
 * Fuzz Tern's xenstored core (drivers/xen/toolstack/xsd*.c). The input is
 * a script for three clients and the toolstack: dom0 and guest 2 send
 * through xsd_request(), guest 1 through its ring page (a heap object of
 * exactly its size) and xsd_ring_work().
 *
 *   u8 quota selector (small quotas, so the limits are reached), then
 *   steps, one opcode byte each (at most 400 steps):
 *   0 C G             a built request from client C % 3 (0 dom0, 1 the
 *                     ring guest, 2 guest 2): see build() for G's bytes;
 *                     C & 0x80: leave the replies queued (stalls)
 *   1 C T X L16 b[L]  a raw request: type T, tx_id X (u8), len L & 0x1fff
 *   2 K               ring guest: move up to K * 8 + 1 queued request
 *                     bytes into its ring, xsd_ring_work(budget K % 5),
 *                     read what came back
 *   3 N b[N]          ring guest: raw bytes into the ring (dishonest)
 *   4 W u32           ring guest: req_prod (W & 1) or rsp_cons := u32
 *   5 K G             the toolstack: write/mkdir/rm/set_perms (K % 4)
 *   6 C               free client C's connection and make a new one
 *   7 R               @introduceDomain (R & 1) or @releaseDomain fires
 *   8 N               the next step's allocations fail after N of them
 *   9 C               drain client C
 *
 * Invariants, after every step: xsd_check() passes; every message a
 * client gets is well formed (header len = body bytes <= 4096; an error
 * is a known errno name NUL-terminated; an event is "path\0token\0" with
 * req_id and tx_id 0) and every request gets exactly one reply, in order,
 * with its req_id, tx_id and type (or XS_ERROR); a guest's watches,
 * transactions, queued replies and events stay within their quotas, and
 * its nodes only grow within the node quota; the ring breaks only after
 * the guest misbehaved. Checked against the store read back as dom0
 * (xsd_read, xsd_get_perms) and the harness's own permission rule: a
 * successful WRITE/MKDIR/RM outside a transaction is visible at once; a
 * guest's READ outside a transaction returns the value exactly when the
 * node's list lets it read, EACCES when not. At the end, with every
 * connection freed, nothing is left queued or open, the node count
 * equals a walk's, and after xsd_free() every allocation is freed.
 */
#include <tern/xen/xsd.h>

#include "fuzz.h"

#define MAX_STEPS	400
#define NCLIENT		3
#define FIFO		64
#define GOUT		(1 << 16)

/* ---- counting allocator ------------------------------------------- */

static long live, fail_after = -1;

static void *f_alloc(size_t size)
{
	void *p;

	if (fail_after == 0)
		return NULL;
	if (fail_after > 0)
		fail_after--;
	p = malloc(size ? size : 1);
	if (!p)
		abort();
	live++;
	return p;
}

static void f_free(void *p)
{
	if (p)
		live--;
	free(p);
}

static struct xsd *s;
static struct xsd_quota q;

static int f_introduce(void *priv, u16 domid, u64 mfn, u32 port)
{
	return domid == 3 ? -EEXIST : 0;
}

static int f_release(void *priv, u16 domid)
{
	return 0;
}

static const struct xsd_ops ops = {
	.alloc = f_alloc, .free = f_free,
	.introduce = f_introduce, .release = f_release,
};

/* ---- clients ------------------------------------------------------- */

struct expect {
	u32 req_id, tx_id, type;
};

struct client {
	u16 domid;
	struct xsd_conn *c;
	struct expect fifo[FIFO];	/* replies owed, oldest first */
	unsigned int head, count;
	bool lost;			/* the order can no longer be known */
	u32 txs[4];			/* transaction ids seen */
	unsigned int ntxs;
};

static struct client cl[NCLIENT];
static u32 next_req_id;
static bool targets_set;

/* the ring guest (client 1) */
static struct xenstore_domain_interface *intf;
static struct xsd_ring *ring;
static u8 gout[GOUT];		/* requests not yet in the ring */
static u32 gout_len, gout_sent;
static u8 gin[XENSTORE_PAYLOAD_MAX + 16];
static u32 gin_have;
static bool honest, broken;

static const char *const err_names[] = {
	"EINVAL", "EACCES", "EEXIST", "EISDIR", "ENOENT", "ENOMEM", "ENOSPC",
	"EIO", "ENOTEMPTY", "ENOSYS", "EROFS", "EBUSY", "EAGAIN", "EISCONN",
	"E2BIG", "EPERM",
};

static void owe(struct client *k, u32 req_id, u32 tx_id, u32 type)
{
	if (k->count == FIFO) {
		k->lost = true;
		return;
	}
	k->fifo[(k->head + k->count++) % FIFO] =
		(struct expect){ req_id, tx_id, type };
}

/* Check one message a client got; the reply's expectation, if any. */
static void check_msg(struct client *k, const struct xsd_sockmsg *h,
		      const char *body, bool check_order)
{
	struct expect e;
	unsigned int i;
	size_t l;

	FUZZ_CHECK(h->len <= XENSTORE_PAYLOAD_MAX);
	if (h->type == XS_WATCH_EVENT) {
		FUZZ_CHECK(h->req_id == 0 && h->tx_id == 0);
		l = strnlen(body, h->len);
		FUZZ_CHECK(l > 0 && l < h->len);
		FUZZ_CHECK(strnlen(body + l + 1, h->len - l - 1) ==
			   h->len - l - 2);
		return;
	}
	if (h->type == XS_ERROR) {
		FUZZ_CHECK(h->len >= 2 && !body[h->len - 1]);
		for (i = 0; i < ARRAY_SIZE(err_names); i++)
			if (!strcmp(body, err_names[i]))
				break;
		FUZZ_CHECK(i < ARRAY_SIZE(err_names));
	}
	if (!check_order || k->lost)
		return;
	FUZZ_CHECK(k->count > 0);
	e = k->fifo[k->head];
	k->head = (k->head + 1) % FIFO;
	k->count--;
	FUZZ_CHECK(h->req_id == e.req_id);
	FUZZ_CHECK(h->tx_id == e.tx_id);
	FUZZ_CHECK(h->type == e.type || h->type == XS_ERROR);
	if (h->type == XS_TRANSACTION_START) {
		FUZZ_CHECK(h->len >= 2 && !body[h->len - 1]);
		k->txs[k->ntxs++ % 4] = strtoul(body, NULL, 10);
	}
}

/* Pop and check everything queued for a direct client. */
static void drain(struct client *k, struct xsd_sockmsg *last,
		  char *last_body)
{
	const void *m;
	size_t len;
	struct xsd_sockmsg h;

	while (k->c && xsd_conn_out_peek(k->c, &m, &len)) {
		FUZZ_CHECK(len >= sizeof(h));
		memcpy(&h, m, sizeof(h));
		FUZZ_CHECK(len == sizeof(h) + h.len);
		check_msg(k, &h, (const char *)m + sizeof(h), true);
		if (last && h.type != XS_WATCH_EVENT) {
			*last = h;
			memcpy(last_body, (const char *)m + sizeof(h), h.len);
			last_body[h.len] = '\0';
		}
		xsd_conn_out_pop(k->c);
	}
	if (k->c)
		FUZZ_CHECK(!xsd_conn_stalled(k->c));
}

/* The ring guest reads its response ring and parses the stream. */
static void guest_read(void)
{
	struct client *k = &cl[1];
	struct xsd_sockmsg h;
	u32 n, i;

	for (i = 0; i < 3 * XENSTORE_RING_SIZE; i++) {
		if (intf->rsp_cons == intf->rsp_prod)
			break;
		if (intf->rsp_prod - intf->rsp_cons > XENSTORE_RING_SIZE)
			break;		/* we broke the indices ourselves */
		gin[gin_have++] = intf->rsp[MASK_XENSTORE_IDX(intf->rsp_cons)];
		intf->rsp_cons++;
		if (gin_have < sizeof(h))
			continue;
		memcpy(&h, gin, sizeof(h));
		/* after a hostile index the stream means nothing */
		FUZZ_CHECK(!honest || h.len <= XENSTORE_PAYLOAD_MAX);
		n = sizeof(h) + (h.len > XENSTORE_PAYLOAD_MAX ?
				 XENSTORE_PAYLOAD_MAX : h.len);
		if (gin_have < n)
			continue;
		if (honest)
			check_msg(k, &h, (const char *)gin + sizeof(h), true);
		gin_have = 0;
	}
}

/* ---- building requests --------------------------------------------- */

static const char *const paths[] = {
	"device", "device/vif/0", "device/vif/0/state", "data", "",
	"/local/domain/1", "/local/domain/2", "/local/domain/2/data",
	"/local/domain/1/device/vif/0", "/tool", "/", "/local",
	"@releaseDomain", "@introduceDomain", "/local/domain/0/backend",
	"control/shutdown",
};

static const char *const suffixes[] = { "", "/a", "/b/c", "/state" };

static const char *const perm_strs[] = {
	"n0", "r1", "b2", "w1", "n1", "b0", "r2", "n2",
};

static const u32 types[] = {
	XS_READ, XS_WRITE, XS_MKDIR, XS_RM, XS_DIRECTORY, XS_DIRECTORY_PART,
	XS_GET_PERMS, XS_SET_PERMS, XS_WATCH, XS_UNWATCH,
	XS_TRANSACTION_START, XS_TRANSACTION_END, XS_GET_DOMAIN_PATH,
	XS_IS_DOMAIN_INTRODUCED, XS_RESET_WATCHES, XS_INTRODUCE, XS_RELEASE,
	XS_CONTROL, XS_RESUME, XS_WRITE, XS_READ, XS_WRITE,
};

struct built {
	struct xsd_sockmsg h;
	char body[XENSTORE_PAYLOAD_MAX];
	char path[256];			/* the path as sent */
	const char *value;		/* WRITE */
	u32 vlen;
};

static u32 add(char *b, u32 at, const char *str, u32 len)
{
	if (at + len > XENSTORE_PAYLOAD_MAX)
		len = XENSTORE_PAYLOAD_MAX - at;
	memcpy(b + at, str, len);
	return at + len;
}

static u32 add_str(char *b, u32 at, const char *str)
{
	return add(b, at, str, strlen(str) + 1);
}

/*
 * G: type sel, path sel (low 4 bits) + suffix sel (high 2), tx sel,
 * then by type: a value (u8 length + bytes), perms (u8 count + one byte
 * each), a token byte, "T"/"F", a number byte.
 */
static void build(struct in *in, struct client *k, struct built *b)
{
	u8 t = take(in, 1), p = take(in, 1), x = take(in, 1);
	u32 len = 0, n, i;
	char num[16];

	memset(&b->h, 0, sizeof(b->h));
	b->h.type = types[t % ARRAY_SIZE(types)];
	b->h.req_id = ++next_req_id;
	if (x & 4)
		b->h.tx_id = k->txs[x % 4];
	else if (x & 8)
		b->h.tx_id = x;
	strcpy(b->path, paths[p % ARRAY_SIZE(paths)]);
	strcat(b->path, suffixes[(p >> 6) & 3]);
	b->value = NULL;
	b->vlen = 0;
	switch (b->h.type) {
	case XS_GET_DOMAIN_PATH:
	case XS_IS_DOMAIN_INTRODUCED:
	case XS_RELEASE:
	case XS_RESUME:
		sprintf(num, "%u", (unsigned int)(p % 5));
		len = add_str(b->body, 0, num);
		break;
	case XS_INTRODUCE:
		sprintf(num, "%u", (unsigned int)(p % 5));
		len = add_str(b->body, 0, num);
		len = add_str(b->body, len, "1234");
		len = add_str(b->body, len, "7");
		break;
	case XS_CONTROL:
		len = add_str(b->body, 0, p & 1 ? "check" : "other");
		break;
	case XS_TRANSACTION_START:
	case XS_RESET_WATCHES:
		break;
	case XS_TRANSACTION_END:
		len = add_str(b->body, 0, p & 1 ? "T" : "F");
		break;
	default:
		len = add_str(b->body, 0, b->path);
		break;
	}
	switch (b->h.type) {
	case XS_WRITE:
		n = take(in, 1);
		n = n == 255 ? 3000 : n;
		b->value = b->body + len;
		for (i = 0; i < n && len < XENSTORE_PAYLOAD_MAX; i++)
			b->body[len++] = in->n ? take(in, 1) : 'v';
		b->vlen = b->body + len - b->value;
		break;
	case XS_SET_PERMS:
		n = take(in, 1) % 8 + 1;
		for (i = 0; i < n; i++)
			len = add_str(b->body, len,
				      perm_strs[take(in, 1) % 8]);
		break;
	case XS_WATCH:
	case XS_UNWATCH:
		num[0] = 'a' + take(in, 1) % 4;
		num[1] = '\0';
		len = add_str(b->body, len, num);
		break;
	case XS_DIRECTORY_PART:
		sprintf(num, "%u", (unsigned int)take(in, 1));
		len = add_str(b->body, len, num);
		break;
	}
	b->h.len = len;
}

/* The absolute path a client's path means; false for '@' names. */
static bool absolute(const struct client *k, const char *path, char *out)
{
	if (path[0] == '@')
		return false;
	if (path[0] == '/')
		strcpy(out, path);
	else
		sprintf(out, "/local/domain/%u/%s", k->domid, path);
	return true;
}

static bool can_read(u16 domid, const struct xsd_perm *p, unsigned int n)
{
	unsigned int i;

	if (!domid || p[0].domid == domid)
		return true;
	for (i = 1; i < n; i++)
		if (p[i].domid == domid)
			return p[i].perm & XSD_PERM_READ;
	return p[0].perm & XSD_PERM_READ;
}

static struct built bq;
static struct xsd_sockmsg rh;
static char rbody[XENSTORE_PAYLOAD_MAX + 1];
static char vbuf[XENSTORE_PAYLOAD_MAX];
static char abs_path[512];

/* What the store says after a direct client's request, as dom0. */
static void check_effect(struct client *k, const struct built *b,
			 bool read_before, size_t old_len)
{
	struct xsd_perm perms[8];
	unsigned int n;
	size_t len;
	int ret;

	if (b->h.tx_id || !absolute(k, b->path, abs_path))
		return;
	ret = xsd_read(s, abs_path, vbuf, sizeof(vbuf), &len);
	if (rh.type == XS_ERROR) {
		/* a refused WRITE changed nothing it could see */
		if (b->h.type == XS_WRITE && !strcmp(rbody, "EACCES"))
			FUZZ_CHECK(ret == 0 ? read_before && len == old_len :
				   !read_before);
		return;
	}
	switch (b->h.type) {
	case XS_WRITE:
		FUZZ_CHECK(ret == 0 && len == b->vlen &&
			   !memcmp(vbuf, b->value, len));
		break;
	case XS_MKDIR:
		FUZZ_CHECK(ret == 0);
		break;
	case XS_RM:
		FUZZ_CHECK(ret == -ENOENT || ret == -EINVAL);
		break;
	case XS_READ:
		FUZZ_CHECK(ret == 0 && len == rh.len &&
			   !memcmp(vbuf, rbody, len));
		break;
	}
	if (b->h.type == XS_READ && !targets_set && ret == 0) {
		FUZZ_CHECK(!xsd_get_perms(s, abs_path, perms, 8, &n));
		FUZZ_CHECK(n >= 1);
		if (n <= 8)
			FUZZ_CHECK(can_read(k->domid, perms, n));
	}
}

static void direct_request(struct in *in, struct client *k, bool keep)
{
	bool read_before;
	size_t old_len = 0;
	char *copy;
	int ret;

	build(in, k, &bq);
	read_before = !bq.h.tx_id && absolute(k, bq.path, abs_path) &&
		      !xsd_read(s, abs_path, vbuf, sizeof(vbuf), &old_len);
	copy = malloc(bq.h.len + 1);
	memcpy(copy, bq.body, bq.h.len);
	ret = xsd_request(s, k->c, &bq.h, copy);
	free(copy);
	FUZZ_CHECK(ret == 0 || (ret == -EAGAIN && xsd_conn_stalled(k->c)));
	if (ret)
		return;
	owe(k, bq.h.req_id, bq.h.tx_id, bq.h.type);
	if (keep)
		return;
	rh.type = XS_INVALID;
	drain(k, &rh, rbody);
	FUZZ_CHECK(rh.req_id == bq.h.req_id);
	if (fail_after < 0) {
		check_effect(k, &bq, read_before, old_len);
		/* a guest's READ of a node it may not read: EACCES */
		if (bq.h.type == XS_READ && k->domid && !bq.h.tx_id &&
		    !targets_set && rh.type == XS_ERROR &&
		    absolute(k, bq.path, abs_path) &&
		    !xsd_read(s, abs_path, vbuf, 0, &old_len)) {
			struct xsd_perm perms[8];
			unsigned int n;

			FUZZ_CHECK(!strcmp(rbody, "EACCES") ||
				   !strcmp(rbody, "ENOMEM"));
			FUZZ_CHECK(!xsd_get_perms(s, abs_path, perms, 8, &n));
			if (n <= 8 && !strcmp(rbody, "EACCES"))
				FUZZ_CHECK(!can_read(k->domid, perms, n));
		}
	}
}

static void raw_request(struct in *in, struct client *k, bool keep)
{
	struct xsd_sockmsg h = { 0 };
	u32 len, got;
	char *body;
	int ret;

	h.type = take(in, 1);
	if (h.type == 0xff)
		h.type = XS_INVALID;
	h.tx_id = take(in, 1);
	h.req_id = ++next_req_id;
	len = take(in, 2) & 0x1fff;
	body = malloc(len + 1);
	for (got = 0; got < len && in->n; got++)
		body[got] = take(in, 1);
	memset(body + got, 'x', len - got);
	h.len = len;
	ret = xsd_request(s, k->c, &h, body);
	free(body);
	if (len > XENSTORE_PAYLOAD_MAX) {
		FUZZ_CHECK(ret == -E2BIG);
		return;
	}
	FUZZ_CHECK(ret == 0 || (ret == -EAGAIN && xsd_conn_stalled(k->c)));
	if (ret)
		return;
	if (h.type == XS_SET_TARGET)
		targets_set = true;
	owe(k, h.req_id, h.tx_id, h.type);
	if (!keep)
		drain(k, NULL, NULL);
}

/* ---- the ring guest ------------------------------------------------ */

static void ring_queue(struct in *in)
{
	struct client *k = &cl[1];

	build(in, k, &bq);
	if (gout_len + sizeof(bq.h) + bq.h.len > GOUT)
		return;
	memcpy(gout + gout_len, &bq.h, sizeof(bq.h));
	memcpy(gout + gout_len + sizeof(bq.h), bq.body, bq.h.len);
	gout_len += sizeof(bq.h) + bq.h.len;
	owe(k, bq.h.req_id, bq.h.tx_id, bq.h.type);
}

static void ring_put(const u8 *p, u32 n)
{
	u32 i;

	for (i = 0; i < n; i++) {
		if (intf->req_prod - intf->req_cons >= XENSTORE_RING_SIZE)
			break;
		intf->req[MASK_XENSTORE_IDX(intf->req_prod)] = p[i];
		intf->req_prod++;
	}
	if (p == gout + gout_sent)
		gout_sent += i;
}

static void ring_step(u32 budget)
{
	int ret;

	if (broken)
		return;
	ret = xsd_ring_work(s, cl[1].c, ring, budget);
	if (ret < 0) {
		/* only a guest that broke the protocol breaks the ring */
		FUZZ_CHECK(!honest);
		FUZZ_CHECK(ret == -EIO || ret == -E2BIG);
		FUZZ_CHECK(xsd_ring_work(s, cl[1].c, ring, budget) == ret);
		broken = true;
		return;
	}
	FUZZ_CHECK(!(ret & ~(XSD_RING_NOTIFY | XSD_RING_MORE)));
	guest_read();
}

static void ring_reset(void)
{
	memset(intf, 0, sizeof(*intf));
	xsd_ring_init(ring, intf);
	gout_len = gout_sent = gin_have = 0;
	honest = true;
	broken = false;
}

/* ---- setup, invariants, teardown ----------------------------------- */

static void new_conn(struct client *k)
{
	memset(k->fifo, 0, sizeof(k->fifo));
	k->head = k->count = 0;
	k->lost = false;
	k->ntxs = 0;
	memset(k->txs, 0, sizeof(k->txs));
	FUZZ_CHECK(xsd_conn_new(s, k->domid, &k->c) == 0);
	if (k == &cl[1])
		ring_reset();
}

/* by_guest: a guest acted, so its node count grows only within quota */
static void check_quotas(u32 *nodes_before, bool by_guest)
{
	struct xsd_stats st;
	unsigned int i;

	FUZZ_CHECK(xsd_check(s) == 0);
	for (i = 1; i < NCLIENT; i++) {
		xsd_stats(s, cl[i].domid, &st);
		FUZZ_CHECK(st.watches <= q.watches);
		FUZZ_CHECK(st.transactions <= q.transactions);
		FUZZ_CHECK(st.tx_nodes <= q.tx_nodes * q.transactions);
		FUZZ_CHECK(st.queued <= q.outstanding + q.events);
		FUZZ_CHECK(!by_guest || st.nodes <= nodes_before[i] ||
			   st.nodes <= q.nodes);
		nodes_before[i] = st.nodes;
	}
}

static void toolstack(struct in *in, u8 k)
{
	u8 p = take(in, 1), v = take(in, 1);
	struct xsd_perm perm = { v % 3, v >> 6, 0 };
	char path[256];
	size_t len;
	int ret;

	sprintf(path, "%s%s", paths[p % ARRAY_SIZE(paths)],
		suffixes[(p >> 6) & 3]);
	switch (k % 4) {
	case 0:
		ret = xsd_write(s, path, path, v % 16, v & 8 ? &perm : NULL,
				v & 8 ? 1 : 0);
		if (!ret && fail_after < 0) {
			FUZZ_CHECK(!xsd_read(s, path, vbuf, sizeof(vbuf),
					     &len));
			FUZZ_CHECK(len == v % 16u && !memcmp(vbuf, path, len));
		}
		break;
	case 1:
		ret = xsd_mkdir(s, path);
		break;
	case 2:
		ret = xsd_rm(s, path);
		if (!ret && strcmp(path, "/"))
			FUZZ_CHECK(xsd_read(s, path, vbuf, 0, &len) ==
				   -ENOENT);
		break;
	default:
		ret = xsd_set_perms(s, path, &perm, 1);
		break;
	}
	FUZZ_CHECK(ret == 0 || ret == -EINVAL || ret == -ENOENT ||
		   ret == -ENOMEM);
	if (path[0] != '/' && path[0] != '@')
		FUZZ_CHECK(ret == -EINVAL);
}

static int count_fn(void *arg, const char *path, unsigned int depth,
		    const char *value, size_t len,
		    const struct xsd_perm *perms, unsigned int nperms)
{
	(*(u32 *)arg)++;
	FUZZ_CHECK(path[0] == '/' && nperms >= 1 &&
		   len <= XENSTORE_PAYLOAD_MAX);
	return 0;
}

int LLVMFuzzerTestOneInput(const u8 *data, size_t size)
{
	struct in in = { data, size };
	struct xsd_stats st;
	u32 nodes[NCLIENT] = { 0 }, walked = 0;
	unsigned int step, i;
	u8 sel;

	live = 0;
	fail_after = -1;
	next_req_id = 0;
	targets_set = false;
	sel = take(&in, 1);
	xsd_quota_default(&q);
	if (sel & 1) {
		q.nodes = 3 + sel % 8;
		q.watches = 1 + (sel >> 1) % 4;
		q.transactions = 1 + (sel >> 2) % 3;
		q.outstanding = 1 + (sel >> 3) % 4;
		q.events = 1 + (sel >> 4) % 4;
		q.value_max = 16;
		q.perms_max = 2;
		q.tx_nodes = 2 + (sel >> 5);
	}
	FUZZ_CHECK(xsd_new(&ops, &q, &s) == 0);
	intf = malloc(sizeof(*intf));
	ring = malloc(sizeof(*ring));
	for (i = 0; i < NCLIENT; i++) {
		memset(&cl[i], 0, sizeof(cl[i]));
		cl[i].domid = i;
	}
	FUZZ_CHECK(xsd_write(s, "/local/domain/1", "", 0,
			     &(struct xsd_perm){ 1, XSD_PERM_NONE, 0 }, 1) == 0);
	FUZZ_CHECK(xsd_write(s, "/local/domain/2", "", 0,
			     &(struct xsd_perm){ 2, XSD_PERM_NONE, 0 }, 1) == 0);
	for (i = 0; i < NCLIENT; i++)
		new_conn(&cl[i]);
	check_quotas(nodes, false);

	for (step = 0; step < MAX_STEPS && in.n; step++) {
		u8 op = take(&in, 1), c = take(&in, 1);
		struct client *k = &cl[c % NCLIENT];
		bool keep = c & 0x80;

		switch (op % 10) {
		case 0:
			if (k == &cl[1])
				ring_queue(&in);
			else
				direct_request(&in, k, keep);
			break;
		case 1:
			if (k != &cl[1])
				raw_request(&in, k, keep);
			break;
		case 2:
			ring_put(gout + gout_sent,
				 min(gout_len - gout_sent, c * 8u + 1));
			ring_step(c % 5);
			break;
		case 3: {
			u8 raw[64];
			u32 n = min(c % 64u, (u32)in.n);

			memcpy(raw, in.p, n);
			in.p += n;
			in.n -= n;
			honest = false;
			ring_put(raw, n);
			break;
		}
		case 4:
			honest = false;
			if (c & 1)
				intf->req_prod = take(&in, 4);
			else
				intf->rsp_cons = take(&in, 4);
			break;
		case 5:
			toolstack(&in, c);
			break;
		case 6:
			xsd_conn_free(k->c);
			k->c = NULL;
			if (c & 0x40 && k->domid) {
				sprintf(abs_path, "/local/domain/%u",
					k->domid);
				xsd_rm(s, abs_path);
				xsd_write(s, abs_path, "", 0, &(struct xsd_perm){
					k->domid, XSD_PERM_NONE, 0 }, 1);
			}
			fail_after = -1;
			new_conn(k);
			break;
		case 7:
			if (c & 1)
				xsd_domain_introduced(s, 5);
			else
				xsd_domain_released(s, 5);
			break;
		case 8:
			fail_after = c;
			continue;	/* for the next step */
		default:
			if (k == &cl[1])
				ring_step(4);
			else
				drain(k, NULL, NULL);
			break;
		}
		fail_after = -1;
		check_quotas(nodes, k->domid && op % 10 != 6 &&
			     (op % 10 <= 2 || op % 10 == 9));
	}

	/* everything drained, the ring guest's remaining replies read */
	fail_after = -1;
	drain(&cl[0], NULL, NULL);
	drain(&cl[2], NULL, NULL);
	for (i = 0; i < NCLIENT; i++) {
		xsd_conn_free(cl[i].c);
		cl[i].c = NULL;
	}
	FUZZ_CHECK(xsd_check(s) == 0);
	xsd_stats(s, -1, &st);
	FUZZ_CHECK(!st.watches && !st.transactions && !st.tx_nodes &&
		   !st.conns && !st.queued);
	FUZZ_CHECK(xsd_walk(s, "/", count_fn, &walked) == 0);
	FUZZ_CHECK(walked == st.nodes);
	xsd_free(s);
	s = NULL;
	FUZZ_CHECK(live == 0);
	free(intf);
	free(ring);
	return 0;
}
