// SPDX-License-Identifier: GPL-2.0
/*
 * xenstored's store, connections and requests (include/tern/xen/xsd.h).
 *
 * The store is a tree of nodes (first child, next sibling, parent), each
 * with its value and permission list in separate allocations; the two
 * special nodes @introduceDomain and @releaseDomain live outside it.
 * Every node carries three generations from one global counter: birth
 * (created), gen (value or permissions changed) and cgen (child list
 * changed).
 *
 * Every request runs in a transaction: the client's, or an implicit one
 * for tx_id 0 that is committed at once. A transaction is an overlay of
 * entries keyed by absolute path: NONE (only a record of the store node's
 * generations that the transaction depended on), PRESENT (the node with
 * the transaction's value and permissions; "hide" when it was created in
 * the transaction, so store nodes below it are not seen) or ABSENT
 * (removed with its subtree). A path resolves to the deepest entry on it
 * or its ancestors that is not NONE: itself decides, an ABSENT or hiding
 * ancestor makes it missing, else the store answers. Invariant: a PRESENT
 * entry below a hiding or ABSENT entry hides too (it was created after).
 *
 * Commit: every recorded dependency must still hold (the node exists or
 * not as it did, same birth, same gen when its value or permissions were
 * used, same cgen when its children were listed), else EAGAIN. Then the
 * nodes to create are allocated (ENOMEM: nothing changed), and the
 * entries are applied shallowest first, which cannot fail; watches fire
 * as each change lands. So a request changes the store all or nothing,
 * and one code path serves requests, transactions and the direct API.
 *
 * No recursion anywhere (trees may be ~1500 deep): walks use the parent
 * links. Paths handled are canonical, absolute and at most path_max
 * (<= XENSTORE_ABS_PATH_MAX) bytes, so s->path and s->path2 hold any.
 */
#include <tern/string.h>
#include <tern/xen/xs_wire.h>
#include <tern/xen/xsd.h>

#define HDR_LEN		((u32)sizeof(struct xsd_sockmsg))
#define PATH_BUF	(XENSTORE_ABS_PATH_MAX + 1)
#define PERM_OWNER	4	/* in perm_for() results: full access */
#define SPARE_BODY	8	/* "ENOMEM\0" */
#define SMALL_BODY	24	/* "OK", an error, a transaction id */
/*
 * A hook the integrator left NULL: errno 38, whose name on the wire is
 * what docs/misc/xenstore.txt gives for an unsupported request.
 */
#define ERR_NO_HOOK	38

struct xsd_node {
	struct xsd_node *parent;
	struct xsd_node *child;		/* first child, in creation order */
	struct xsd_node *next;		/* next sibling */
	char *value;			/* len bytes; NULL when len is 0 */
	struct xsd_perm *perms;		/* nperms >= 1 */
	u64 birth, gen, cgen;
	u32 len;
	u32 nperms;
	u32 namelen;
	char name[];			/* NUL-terminated; "" for the root */
};

struct xsd_msg {
	struct xsd_msg *next;
	u32 size;			/* header + body */
	bool event;
	char data[];			/* struct xsd_sockmsg, then the body */
};

struct xsd_watch {
	struct xsd_watch *next;
	u32 plen;			/* absolute path length */
	u32 skip;			/* prefix not reported (relative) */
	const char *token;		/* after path's NUL */
	char path[];
};

enum { TXE_NONE, TXE_PRESENT, TXE_ABSENT };

struct xsd_txe {
	struct xsd_txe *next;
	u8 state;
	bool hide;			/* store nodes below are not seen */
	bool perms_changed;
	bool quiet;			/* created as a missing ancestor */
	bool dep;			/* s_* recorded from the store */
	bool need_cgen;			/* the children were listed */
	bool s_exists;
	u64 s_birth, s_gen, s_cgen;
	char *value;			/* PRESENT: len bytes */
	u32 len;
	struct xsd_perm *perms;		/* PRESENT: nperms >= 1 */
	u32 nperms;
	struct xsd_node *node;		/* allocated for the commit */
	u32 depth;
	u32 plen;
	char path[];
};

struct xsd_tx {
	struct xsd_tx *next;
	u32 id;
	u32 nent;
	u32 created;			/* nodes created owned by the conn */
	bool implicit;			/* one request's, records nothing */
	bool fail;			/* an allocation failed: EAGAIN */
	struct xsd_txe *ents, *last;
};

struct xsd_conn {
	struct xsd *s;
	struct xsd_conn *next;
	u16 domid;
	u16 target;
	bool has_target;
	u32 nodes;			/* nodes owned by domid */
	struct xsd_watch *watches;
	u32 nwatches;
	struct xsd_tx *txs;
	u32 ntx;
	u32 next_txid;
	struct xsd_msg *out, *out_tail;
	u32 nreplies, nevents;
	u64 dropped;
	struct xsd_msg *spare;		/* the reply when allocation fails */
	bool spare_used;
	u32 plen;
	char prefix[24];		/* "/local/domain/<domid>" */
};

struct xsd {
	struct xsd_ops ops;
	struct xsd_quota q;
	struct xsd_node *root;
	struct xsd_node *special[2];
	struct xsd_conn *conns;
	u32 nconns;
	u32 nnodes;			/* in the tree, root included */
	u64 gen;
	u64 dropped;
	char path[PATH_BUF];		/* the request's canonical path */
	char path2[PATH_BUF];		/* node paths built for events */
	char buf[XENSTORE_PAYLOAD_MAX];	/* the reply body */
};

static const char *const special_names[2] = {
	"@introduceDomain", "@releaseDomain"
};

/* ---- small helpers -------------------------------------------------- */

static u32 fmt_u64(char *buf, u64 v)
{
	char tmp[20];
	u32 n = 0, i;

	do {
		tmp[n++] = '0' + v % 10;
		v /= 10;
	} while (v);
	for (i = 0; i < n; i++)
		buf[i] = tmp[n - 1 - i];
	buf[n] = '\0';
	return n;
}

static int parse_num(const char *str, u64 max, u64 *v)
{
	return xs_parse_uint(str, strnlen(str, 24), max, v) ? -EINVAL : 0;
}

static void *zalloc(struct xsd *s, size_t size)
{
	void *p = s->ops.alloc(size);

	if (p)
		memset(p, 0, size);
	return p;
}

static void *dup_mem(struct xsd *s, const void *src, size_t len)
{
	void *p;

	if (!len)
		return NULL;
	p = s->ops.alloc(len);
	if (p)
		memcpy(p, src, len);
	return p;
}

static bool unpriv(const struct xsd_conn *c)
{
	return c && c->domid != 0;
}

/* Access of c (NULL: the toolstack) to a list: XSD_PERM_* | PERM_OWNER. */
static unsigned int perm_for(const struct xsd_conn *c,
			     const struct xsd_perm *p, u32 n)
{
	u32 i;

	if (!unpriv(c) || p[0].domid == c->domid ||
	    (c->has_target && p[0].domid == c->target))
		return XSD_PERM_BOTH | PERM_OWNER;
	for (i = 1; i < n; i++)
		if (p[i].domid == c->domid)
			return p[i].perm;
	return p[0].perm;
}

/* Length of the parent's path of path[0..len) ("/" for the top ones). */
static u32 parent_len(const char *path, u32 len)
{
	while (len > 1 && path[len - 1] != '/')
		len--;
	return len > 1 ? len - 1 : 1;
}

static u32 path_depth(const char *path, u32 len)
{
	u32 d = 0, i;

	if (len <= 1)
		return 0;
	for (i = 0; i < len; i++)
		d += path[i] == '/';
	return d;
}

/* Is path[0..len) the watch's path or below it? */
static bool under(const char *path, u32 len, const char *top, u32 tlen)
{
	if (tlen == 1 && top[0] == '/')
		return path[0] == '/';
	return len >= tlen && !memcmp(path, top, tlen) &&
	       (len == tlen || path[tlen] == '/');
}

static bool valid_char(char ch)
{
	return (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') ||
	       (ch >= '0' && ch <= '9') || ch == '/' || ch == '_' ||
	       ch == '@' || ch == '-';
}

/* An absolute canonical path of len bytes within the quotas? */
static bool path_valid(const struct xsd *s, const char *p, u32 len)
{
	static const char ld[] = "/local/domain/";
	u32 i, off = 0;

	if (!len || len > s->q.path_max)
		return false;
	for (i = 0; i < len; i++) {
		if (!valid_char(p[i]))
			return false;
		if (p[i] == '/' && i + 1 < len && p[i + 1] == '/')
			return false;
	}
	if (p[0] == '@')
		return true;
	if (p[0] != '/' || (len > 1 && p[len - 1] == '/'))
		return false;
	/* the part after "/local/domain/<1-5 digits>/" */
	if (len > sizeof(ld) - 1 && !memcmp(p, ld, sizeof(ld) - 1)) {
		i = sizeof(ld) - 1;
		while (i < len && i < sizeof(ld) + 4 && p[i] >= '0' &&
		       p[i] <= '9')
			i++;
		if (i > sizeof(ld) - 1 && i < len && p[i] == '/')
			off = i + 1;
	}
	return !off || len - off <= s->q.rel_path_max;
}

/*
 * The canonical form of a client's path into s->path: *len, *rel (it was
 * relative: the conn's prefix + '/' prepended). '@' names only when
 * special. 0 or -EINVAL.
 */
static int canonical(struct xsd *s, const struct xsd_conn *c,
		     const char *in, bool special, u32 *len, bool *rel)
{
	size_t n = strnlen(in, PATH_BUF);
	u32 pre = 0;

	*rel = false;
	if (n == PATH_BUF || (in[0] == '@' && !special))
		return -EINVAL;
	if (in[0] != '/' && in[0] != '@') {
		if (!c)
			return -EINVAL;
		pre = c->plen + 1;
		if (pre + n > s->q.path_max)
			return -EINVAL;
		memcpy(s->path, c->prefix, c->plen);
		s->path[c->plen] = '/';
		*rel = true;
	}
	if (pre + n >= PATH_BUF)
		return -EINVAL;
	memcpy(s->path + pre, in, n + 1);
	*len = pre + n;
	return path_valid(s, s->path, *len) ? 0 : -EINVAL;
}

/* ---- the tree -------------------------------------------------------- */

static struct xsd_node *node_alloc(struct xsd *s, const char *name, u32 len)
{
	struct xsd_node *n = zalloc(s, sizeof(*n) + len + 1);

	if (n) {
		memcpy(n->name, name, len);
		n->name[len] = '\0';
		n->namelen = len;
	}
	return n;
}

static void node_free(struct xsd *s, struct xsd_node *n)
{
	s->ops.free(n->value);
	s->ops.free(n->perms);
	s->ops.free(n);
}

static struct xsd_node *child_find(struct xsd_node *n, const char *name,
				   u32 len)
{
	for (n = n->child; n; n = n->next)
		if (n->namelen == len && !memcmp(n->name, name, len))
			return n;
	return NULL;
}

/* The store node at the canonical absolute path[0..len), or NULL. */
static struct xsd_node *store_lookup(struct xsd *s, const char *path, u32 len)
{
	struct xsd_node *n = s->root;
	u32 i = 1, j;

	if (path[0] == '@') {
		for (j = 0; j < 2; j++)
			if (strlen(special_names[j]) == len &&
			    !memcmp(special_names[j], path, len))
				return s->special[j];
		return NULL;
	}
	while (n && i < len) {
		j = i;
		while (j < len && path[j] != '/')
			j++;
		n = child_find(n, path + i, j - i);
		i = j + 1;
	}
	return n;
}

/* Pre-order successor of n within the subtree at top. */
static struct xsd_node *preorder_next(struct xsd_node *n,
				      const struct xsd_node *top)
{
	if (n->child)
		return n->child;
	while (n != top && !n->next)
		n = n->parent;
	return n == top ? NULL : n->next;
}

/* n's absolute path into buf (PATH_BUF bytes); its length. */
static u32 node_path(const struct xsd_node *n, char *buf)
{
	const struct xsd_node *p;
	u32 len = 0, pos;

	if (!n->parent) {
		buf[0] = '/';
		buf[1] = '\0';
		return 1;
	}
	for (p = n; p->parent; p = p->parent)
		len += p->namelen + 1;
	if (len >= PATH_BUF)
		len = PATH_BUF - 1;	/* never: paths were checked */
	buf[len] = '\0';
	pos = len;
	for (p = n; p->parent && pos; p = p->parent) {
		u32 l = min(p->namelen, pos - 1);

		pos -= l;
		memcpy(buf + pos, p->name + p->namelen - l, l);
		buf[--pos] = '/';
	}
	return len;
}

static struct xsd_conn *conn_of(struct xsd *s, u16 domid)
{
	struct xsd_conn *c;

	for (c = s->conns; c; c = c->next)
		if (c->domid == domid)
			return c;
	return NULL;
}

static void owner_adj(struct xsd *s, u16 domid, int delta)
{
	struct xsd_conn *c = conn_of(s, domid);

	if (c)
		c->nodes += delta;
}

/* ---- output queue and watches ------------------------------------- */

static void queue_msg(struct xsd_conn *c, struct xsd_msg *m)
{
	m->next = NULL;
	if (c->out_tail)
		c->out_tail->next = m;
	else
		c->out = m;
	c->out_tail = m;
	if (m->event)
		c->nevents++;
	else
		c->nreplies++;
}

static void fill_msg(struct xsd_msg *m, u32 type, u32 req_id, u32 tx_id,
		     const void *a, u32 alen, const void *b, u32 blen)
{
	struct xsd_sockmsg h = {
		.type = type, .req_id = req_id, .tx_id = tx_id,
		.len = alen + blen,
	};

	memcpy(m->data, &h, HDR_LEN);
	memcpy(m->data + HDR_LEN, a, alen);
	if (blen)
		memcpy(m->data + HDR_LEN + alen, b, blen);
	m->size = HDR_LEN + alen + blen;
}

/* Queue the event "path\0token\0" for c, unless dropped or queued. */
static void queue_event(struct xsd *s, struct xsd_conn *c, const char *path,
			u32 plen, const char *token)
{
	u32 tlen = strlen(token), len = plen + tlen + 2;
	struct xsd_msg *m;

	if (len > XENSTORE_PAYLOAD_MAX || c->nevents >= s->q.events)
		goto drop;
	for (m = c->out; m; m = m->next) {
		const char *b = m->data + HDR_LEN;

		if (m->event && m->size == HDR_LEN + len &&
		    !memcmp(b, path, plen) && !b[plen] &&
		    !memcmp(b + plen + 1, token, tlen + 1))
			return;
	}
	m = s->ops.alloc(sizeof(*m) + HDR_LEN + len);
	if (!m)
		goto drop;
	m->event = true;
	fill_msg(m, XS_WATCH_EVENT, 0, 0, path, plen + 1, token, tlen + 1);
	m->data[HDR_LEN + plen] = '\0';
	queue_msg(c, m);
	return;
drop:
	s->dropped++;
	c->dropped++;
}

static bool can_read(const struct xsd_conn *c, const struct xsd_perm *p,
		     u32 n)
{
	return p && (perm_for(c, p, n) & XSD_PERM_READ);
}

/*
 * Fire the watches on path (exact: only watches on path itself; else
 * also those on its ancestors) for every connection that can read the
 * node (perms), its old permissions or its parent.
 */
static void fire(struct xsd *s, const char *path, u32 plen, bool exact,
		 const struct xsd_perm *p, u32 np, const struct xsd_perm *op,
		 u32 nop, const struct xsd_node *parent)
{
	struct xsd_conn *c;
	struct xsd_watch *w;

	if (path[0] == '@')
		exact = true;
	for (c = s->conns; c; c = c->next) {
		if (!can_read(c, p, np) && !can_read(c, op, nop) &&
		    !(parent && can_read(c, parent->perms, parent->nperms)))
			continue;
		for (w = c->watches; w; w = w->next) {
			if (exact ? w->plen != plen ||
				    memcmp(w->path, path, plen) :
				    !under(path, plen, w->path, w->plen))
				continue;
			queue_event(s, c, path + w->skip, plen - w->skip,
				    w->token);
		}
	}
}

/* Remove the subtree at top (not the root) from the store, with events. */
static void store_remove(struct xsd *s, struct xsd_node *top)
{
	struct xsd_node *n, *p = top->parent, **pp;
	u32 len;

	for (n = top; n; n = preorder_next(n, top)) {
		len = node_path(n, s->path2);
		fire(s, s->path2, len, n != top, n->perms, n->nperms, NULL, 0,
		     n->parent);
	}
	for (pp = &p->child; *pp != top; pp = &(*pp)->next)
		;
	*pp = top->next;
	p->cgen = ++s->gen;
	n = top;
	for (;;) {
		while (n->child)
			n = n->child;
		owner_adj(s, n->perms[0].domid, -1);
		s->nnodes--;
		if (n == top) {
			node_free(s, n);
			break;
		}
		p = n->parent;
		p->child = n->next;
		node_free(s, n);
		n = p;
	}
}

/* ---- transactions ------------------------------------------------- */

static struct xsd_txe *txe_find(struct xsd_tx *tx, const char *path, u32 len)
{
	struct xsd_txe *e;

	for (e = tx->ents; e; e = e->next)
		if (e->plen == len && !memcmp(e->path, path, len))
			return e;
	return NULL;
}

static void txe_clear(struct xsd *s, struct xsd_txe *e)
{
	s->ops.free(e->value);
	s->ops.free(e->perms);
	e->value = NULL;
	e->perms = NULL;
	e->len = 0;
	e->nperms = 0;
	e->hide = false;
	e->perms_changed = false;
	e->quiet = false;
	e->state = TXE_NONE;
}

static void txe_dep(struct xsd_txe *e, const struct xsd_node *sn)
{
	e->dep = true;
	e->s_exists = sn;
	if (sn) {
		e->s_birth = sn->birth;
		e->s_gen = sn->gen;
		e->s_cgen = sn->cgen;
	}
}

static int txe_new(struct xsd *s, const struct xsd_conn *c,
		   struct xsd_tx *tx, const char *path, u32 len,
		   struct xsd_txe **out)
{
	struct xsd_txe *e;

	if (!tx->implicit && unpriv(c) && tx->nent >= s->q.tx_nodes)
		return -ENOSPC;
	e = zalloc(s, sizeof(*e) + len + 1);
	if (!e)
		return -ENOMEM;
	memcpy(e->path, path, len);
	e->plen = len;
	e->depth = path_depth(path, len);
	if (tx->last)
		tx->last->next = e;
	else
		tx->ents = e;
	tx->last = e;
	tx->nent++;
	*out = e;
	return 0;
}

static void tx_release(struct xsd *s, struct xsd_tx *tx)
{
	struct xsd_txe *e, *next;

	for (e = tx->ents; e; e = next) {
		next = e->next;
		txe_clear(s, e);
		s->ops.free(e->node);
		s->ops.free(e);
	}
	tx->ents = tx->last = NULL;
	tx->nent = 0;
}

/* What the transaction (or the store) shows at a path. */
struct view {
	struct xsd_node *sn;		/* from the store */
	struct xsd_txe *e;		/* from the overlay */
	const char *value;
	u32 len;
	const struct xsd_perm *perms;
	u32 nperms;
};

/*
 * 0 (exists, *v filled), -ENOENT, or -ENOSPC/-ENOMEM recording the
 * dependency of an explicit transaction.
 */
static int view_get(struct xsd *s, const struct xsd_conn *c,
		    struct xsd_tx *tx, const char *path, u32 len,
		    struct view *v)
{
	struct xsd_txe *e;
	struct xsd_node *sn;
	u32 l = len;
	int ret;

	memset(v, 0, sizeof(*v));
	while (tx && tx->ents) {
		e = txe_find(tx, path, l);
		if (e && e->state != TXE_NONE && l != len) {
			/* the deepest deciding ancestor */
			if (e->state == TXE_ABSENT || e->hide)
				return -ENOENT;
			break;
		}
		if (e && e->state != TXE_NONE) {
			if (e->state == TXE_ABSENT)
				return -ENOENT;
			v->e = e;
			v->value = e->value;
			v->len = e->len;
			v->perms = e->perms;
			v->nperms = e->nperms;
			return 0;
		}
		if (l == 1)
			break;
		l = parent_len(path, l);
	}
	sn = store_lookup(s, path, len);
	if (tx && !tx->implicit) {
		e = txe_find(tx, path, len);
		if (!e) {
			ret = txe_new(s, c, tx, path, len, &e);
			if (ret)
				return ret;
		}
		if (!e->dep)
			txe_dep(e, sn);
	}
	if (!sn)
		return -ENOENT;
	v->sn = sn;
	v->value = sn->value;
	v->len = sn->len;
	v->perms = sn->perms;
	v->nperms = sn->nperms;
	return 0;
}

/* Make the entry for a node the view shows modifiable (PRESENT). */
static int tx_mod(struct xsd *s, const struct xsd_conn *c, struct xsd_tx *tx,
		  const char *path, u32 len, const struct view *v,
		  struct xsd_txe **out)
{
	struct xsd_txe *e = v->e;
	char *value;
	struct xsd_perm *perms;
	int ret;

	if (e) {
		*out = e;
		return 0;
	}
	e = txe_find(tx, path, len);
	if (!e) {
		ret = txe_new(s, c, tx, path, len, &e);
		if (ret)
			return ret;
	}
	value = dup_mem(s, v->value, v->len);
	perms = dup_mem(s, v->perms, v->nperms * sizeof(*perms));
	if ((v->len && !value) || !perms) {
		s->ops.free(value);
		s->ops.free(perms);
		return -ENOMEM;
	}
	e->state = TXE_PRESENT;
	e->hide = false;
	e->value = value;
	e->len = v->len;
	e->perms = perms;
	e->nperms = v->nperms;
	*out = e;
	return 0;
}

/* The nearest existing ancestor of path[0..len) in the view. */
static int nearest(struct xsd *s, const struct xsd_conn *c, struct xsd_tx *tx,
		   const char *path, u32 len, struct view *pv, u32 *alen)
{
	u32 l = len;
	int ret;

	do {
		l = parent_len(path, l);
		ret = view_get(s, c, tx, path, l, pv);
	} while (ret == -ENOENT && l > 1);
	*alen = l;
	return ret;
}

/* A missing node: ENOENT if its nearest ancestor grants want, else EACCES. */
static int missing_err(struct xsd *s, const struct xsd_conn *c,
		       struct xsd_tx *tx, const char *path, u32 len,
		       unsigned int want)
{
	struct view pv;
	u32 alen;
	int ret = nearest(s, c, tx, path, len, &pv, &alen);

	if (ret)
		return ret;
	return perm_for(c, pv.perms, pv.nperms) & want ? -ENOENT : -EACCES;
}

/* Create the missing path[0..len) and its missing ancestors in tx. */
static int tx_create(struct xsd *s, const struct xsd_conn *c,
		     struct xsd_tx *tx, const char *path, u32 len,
		     const void *value, u32 vlen,
		     const struct xsd_perm *perms, u32 nperms)
{
	struct xsd_txe *e;
	struct view pv;
	u32 alen, l, end, n = 0;
	int ret;

	ret = nearest(s, c, tx, path, len, &pv, &alen);
	if (ret)
		return ret;
	if (!(perm_for(c, pv.perms, pv.nperms) & XSD_PERM_WRITE))
		return -EACCES;
	for (l = len; l > alen; l = parent_len(path, l))
		n++;
	if (unpriv(c) && c->nodes + tx->created + n > s->q.nodes)
		return -ENOSPC;
	/* pv.perms stays valid: nothing below frees an entry's buffers */
	for (l = alen; l < len; l = end) {
		bool leaf;

		end = l == 1 ? 1 : l + 1;
		while (end < len && path[end] != '/')
			end++;
		leaf = end == len;
		e = txe_find(tx, path, end);
		if (!e) {
			ret = txe_new(s, c, tx, path, end, &e);
			if (ret)
				return ret;
		}
		if (leaf && nperms) {
			e->perms = dup_mem(s, perms, nperms * sizeof(*perms));
			e->nperms = nperms;
		} else {
			e->perms = dup_mem(s, pv.perms,
					   pv.nperms * sizeof(*perms));
			e->nperms = pv.nperms;
			if (e->perms && unpriv(c))
				e->perms[0].domid = c->domid;
		}
		if (leaf && vlen) {
			e->value = dup_mem(s, value, vlen);
			e->len = vlen;
		}
		if (!e->perms || (leaf && vlen && !e->value)) {
			txe_clear(s, e);
			return -ENOMEM;
		}
		e->state = TXE_PRESENT;
		e->hide = true;
		/* only the node asked for fires, as in C xenstored */
		e->quiet = !leaf;
		if (unpriv(c))
			tx->created++;
	}
	return 0;
}

enum { OP_WRITE, OP_MKDIR, OP_RM, OP_SET_PERMS };

struct change {
	int op;
	const char *path;
	u32 len;
	const void *value;
	u32 vlen;
	const struct xsd_perm *perms;	/* WRITE: the new node's, if any */
	u32 nperms;
};

static int set_value(struct xsd *s, struct xsd_txe *e, const void *value,
		     u32 vlen, const struct xsd_perm *perms, u32 nperms)
{
	char *nv = dup_mem(s, value, vlen);
	struct xsd_perm *np = NULL;

	if (nperms)
		np = dup_mem(s, perms, nperms * sizeof(*np));
	if ((vlen && !nv) || (nperms && !np)) {
		s->ops.free(nv);
		s->ops.free(np);
		return -ENOMEM;
	}
	e->quiet = false;
	if (value) {
		s->ops.free(e->value);
		e->value = nv;
		e->len = vlen;
	}
	if (np) {
		s->ops.free(e->perms);
		e->perms = np;
		e->nperms = nperms;
		e->perms_changed = true;
	}
	return 0;
}

static int op_rm(struct xsd *s, const struct xsd_conn *c, struct xsd_tx *tx,
		 const char *path, u32 len, const struct view *v)
{
	struct xsd_txe *e;
	int ret;

	if (len == 1)
		return -EINVAL;
	e = v->e ? v->e : txe_find(tx, path, len);
	if (!e) {
		ret = txe_new(s, c, tx, path, len, &e);
		if (ret)
			return ret;
	}
	txe_clear(s, e);
	e->state = TXE_ABSENT;
	for (e = tx->ents; e; e = e->next)
		if (e->plen > len && under(e->path, e->plen, path, len))
			txe_clear(s, e);
	return 0;
}

static int change_op(struct xsd *s, const struct xsd_conn *c,
		     struct xsd_tx *tx, const struct change *ch)
{
	unsigned int want = XSD_PERM_WRITE, p;
	struct xsd_txe *e;
	struct view v;
	int ret;

	if (ch->op == OP_SET_PERMS)
		want |= PERM_OWNER;
	ret = view_get(s, c, tx, ch->path, ch->len, &v);
	if (ret == -ENOENT) {
		switch (ch->op) {
		case OP_WRITE:
		case OP_MKDIR:
			return tx_create(s, c, tx, ch->path, ch->len,
					 ch->value, ch->vlen, ch->perms,
					 ch->nperms);
		case OP_RM:
			ret = missing_err(s, c, tx, ch->path, ch->len, want);
			if (ret != -ENOENT)
				return ret;
			/* fine if the parent exists */
			return view_get(s, c, tx, ch->path,
					parent_len(ch->path, ch->len), &v);
		}
		return missing_err(s, c, tx, ch->path, ch->len, want);
	}
	if (ret)
		return ret;
	p = perm_for(c, v.perms, v.nperms);
	if ((p & want) != want)
		return -EACCES;
	switch (ch->op) {
	case OP_MKDIR:
		return 0;
	case OP_RM:
		return op_rm(s, c, tx, ch->path, ch->len, &v);
	case OP_SET_PERMS:
		if (unpriv(c) && ch->perms[0].domid != v.perms[0].domid)
			return -EPERM;
		break;
	}
	ret = tx_mod(s, c, tx, ch->path, ch->len, &v, &e);
	if (ret)
		return ret;
	if (ch->op == OP_SET_PERMS)
		return set_value(s, e, NULL, 0, ch->perms, ch->nperms);
	return set_value(s, e, ch->value ? ch->value : "", ch->vlen,
			 ch->perms, ch->nperms);
}

/* Apply one entry of a validated commit; ancestors came first. */
static void apply(struct xsd *s, struct xsd_txe *e)
{
	struct xsd_node *sn = store_lookup(s, e->path, e->plen), *p, **pp;
	struct xsd_perm *old;
	u32 nold;

	if (e->state == TXE_ABSENT) {
		if (sn && sn->parent)
			store_remove(s, sn);
		return;
	}
	if (e->state != TXE_PRESENT)
		return;
	if (!sn) {
		p = store_lookup(s, e->path, parent_len(e->path, e->plen));
		sn = e->node;
		if (!p || !sn)
			return;		/* never: the parent came first */
		e->node = NULL;
		sn->parent = p;
		for (pp = &p->child; *pp; pp = &(*pp)->next)
			;
		*pp = sn;
		sn->value = e->value;
		sn->len = e->len;
		sn->perms = e->perms;
		sn->nperms = e->nperms;
		e->value = NULL;
		e->perms = NULL;
		sn->birth = sn->gen = sn->cgen = ++s->gen;
		p->cgen = s->gen;
		s->nnodes++;
		owner_adj(s, sn->perms[0].domid, 1);
		if (!e->quiet)
			fire(s, e->path, e->plen, false, sn->perms,
			     sn->nperms, NULL, 0, p);
		return;
	}
	if (e->hide)
		while (sn->child)
			store_remove(s, sn->child);
	old = sn->perms;
	nold = sn->nperms;
	owner_adj(s, old[0].domid, -1);
	owner_adj(s, e->perms[0].domid, 1);
	s->ops.free(sn->value);
	sn->value = e->value;
	sn->len = e->len;
	sn->perms = e->perms;
	sn->nperms = e->nperms;
	e->value = NULL;
	e->perms = NULL;
	sn->gen = ++s->gen;
	if (!e->quiet)
		fire(s, e->path, e->plen, false, sn->perms, sn->nperms,
		     e->perms_changed ? old : NULL, nold, sn->parent);
	s->ops.free(old);
}

/* Commit tx (not yet released): 0, -EAGAIN, -ENOSPC or -ENOMEM. */
static int tx_commit(struct xsd *s, struct xsd_conn *c, struct xsd_tx *tx)
{
	struct xsd_txe *e, *next, *sorted = NULL, **pp;
	struct xsd_node *sn;
	u32 start;

	if (tx->fail)
		return -EAGAIN;
	for (e = tx->ents; e; e = e->next) {
		if (!e->dep)
			continue;
		sn = store_lookup(s, e->path, e->plen);
		if (!sn != !e->s_exists)
			return -EAGAIN;
		if (sn && (sn->birth != e->s_birth || sn->gen != e->s_gen ||
			   (e->need_cgen && sn->cgen != e->s_cgen)))
			return -EAGAIN;
	}
	if (unpriv(c) && tx->created && c->nodes + tx->created > s->q.nodes)
		return -ENOSPC;
	/* every node the commit may create, before anything changes */
	for (e = tx->ents; e; e = e->next) {
		if (e->state != TXE_PRESENT || e->node || e->plen == 1 ||
		    (!e->hide && store_lookup(s, e->path, e->plen)))
			continue;
		start = parent_len(e->path, e->plen);
		start = start == 1 ? 1 : start + 1;
		e->node = node_alloc(s, e->path + start, e->plen - start);
		if (!e->node)
			return -ENOMEM;
	}
	/* shallowest first, stable */
	for (e = tx->ents; e; e = next) {
		next = e->next;
		for (pp = &sorted; *pp && (*pp)->depth <= e->depth;
		     pp = &(*pp)->next)
			;
		e->next = *pp;
		*pp = e;
	}
	tx->ents = sorted;
	for (e = sorted; e; e = e->next) {
		apply(s, e);
		tx->last = e;
	}
	return 0;
}

/* Run one change in tx, or alone (all or nothing) when tx is NULL. */
static int change(struct xsd *s, struct xsd_conn *c, struct xsd_tx *tx,
		  const struct change *ch)
{
	struct xsd_tx t = { .implicit = true };
	int ret;

	if (tx) {
		ret = change_op(s, c, tx, ch);
		if (ret == -ENOMEM)
			tx->fail = true;
		return ret;
	}
	ret = change_op(s, c, &t, ch);
	if (!ret)
		ret = tx_commit(s, c, &t);
	tx_release(s, &t);
	return ret;
}

typedef int (*child_fn)(void *arg, const char *name, u32 len);

/* Call fn for each child of the node v shows at path, in order. */
static int view_children(struct xsd *s, struct xsd_tx *tx, const char *path,
			 u32 len, const struct view *v, child_fn fn,
			 void *arg)
{
	struct xsd_node *sn = v->sn, *ch;
	struct xsd_txe *e;
	u32 off = len == 1 ? 1 : len + 1;
	int ret;

	if (!sn && v->e && !v->e->hide)
		sn = store_lookup(s, path, len);
	for (ch = sn ? sn->child : NULL; ch; ch = ch->next) {
		if (tx && tx->ents) {
			memcpy(s->path2, path, len);
			s->path2[off - 1] = '/';
			memcpy(s->path2 + off, ch->name, ch->namelen);
			e = txe_find(tx, s->path2, off + ch->namelen);
			if (e && e->state == TXE_ABSENT)
				continue;
		}
		ret = fn(arg, ch->name, ch->namelen);
		if (ret)
			return ret;
	}
	if (!tx)
		return 0;
	for (e = tx->ents; e; e = e->next) {
		if (e->state != TXE_PRESENT || e->plen <= off ||
		    parent_len(e->path, e->plen) != len ||
		    memcmp(e->path, path, len))
			continue;
		if (sn && child_find(sn, e->path + off, e->plen - off))
			continue;
		ret = fn(arg, e->path + off, e->plen - off);
		if (ret)
			return ret;
	}
	if (sn && !tx->implicit) {
		e = txe_find(tx, path, len);
		if (e && e->dep)
			e->need_cgen = true;
	}
	return 0;
}

/* ---- requests ------------------------------------------------------ */

static const char *err_name(int err)
{
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(xsd_errors); i++)
		if (xsd_errors[i].errnum == -err)
			return xsd_errors[i].errstring;
	return "EIO";
}

static u32 put(struct xsd *s, u32 at, const void *p, u32 len)
{
	memcpy(s->buf + at, p, len);
	return at + len;
}

struct dir_out {
	struct xsd *s;
	u32 len;
	/* DIRECTORY_PART */
	u32 pos, off, max;
	bool part, full, done;
};

static int dir_put(void *arg, const char *name, u32 len)
{
	struct dir_out *d = arg;
	u32 from = 0;

	if (d->part) {
		/* C xenstored's paging: bytes from off, whole strings */
		if (d->pos + len + 1 <= d->off || d->full) {
			d->pos += len + 1;
			return 0;
		}
		if (d->pos < d->off)
			from = d->off - d->pos;
		d->pos += len + 1;
		if (d->len + len - from >= d->max) {
			d->full = true;
			return 0;
		}
	} else if (d->len + len + 1 > XENSTORE_PAYLOAD_MAX) {
		return -E2BIG;
	}
	d->len = put(d->s, d->len, name + from, len - from);
	d->s->buf[d->len++] = '\0';
	return 0;
}

static int read_view(struct xsd *s, struct xsd_conn *c, struct xsd_tx *tx,
		     const char *path, u32 len, unsigned int want,
		     struct view *v)
{
	int ret = view_get(s, c, tx, path, len, v);

	if (ret == -ENOENT)
		return missing_err(s, c, tx, path, len, want);
	if (ret)
		return ret;
	return perm_for(c, v->perms, v->nperms) & want ? 0 : -EACCES;
}

static int do_directory(struct xsd *s, struct xsd_conn *c, struct xsd_tx *tx,
			const struct xsd_req *req, u32 len, u32 *rlen)
{
	struct dir_out d = { .s = s };
	struct view v;
	u64 off;
	int ret;

	ret = read_view(s, c, tx, s->path, len, XSD_PERM_READ, &v);
	if (ret)
		return ret;
	if (req->type == XS_DIRECTORY_PART) {
		if (parse_num(req->argv[1], 0xffffffff, &off))
			return -EINVAL;
		d.part = true;
		d.off = off;
		d.len = fmt_u64(s->buf, v.sn ? v.sn->cgen : 0) + 1;
		d.max = XENSTORE_PAYLOAD_MAX - 1;
	}
	ret = view_children(s, tx, s->path, len, &v, dir_put, &d);
	if (ret)
		return ret;
	if (d.part && !d.full)
		s->buf[d.len++] = '\0';
	*rlen = d.len;
	return 0;
}

static int put_perms(struct xsd *s, const struct xsd_perm *p, u32 n,
		     u32 *rlen)
{
	static const char letter[] = "nrwb";
	u32 i, len = 0;

	for (i = 0; i < n; i++) {
		if (len + 7 > XENSTORE_PAYLOAD_MAX)
			return -E2BIG;
		s->buf[len++] = letter[p[i].perm & 3];
		len += fmt_u64(s->buf + len, p[i].domid) + 1;
	}
	*rlen = len;
	return 0;
}

static int set_special(struct xsd *s, struct xsd_conn *c, const char *path,
		       u32 len, const struct xsd_perm *perms, u32 n)
{
	struct xsd_node *sn = store_lookup(s, path, len);
	struct xsd_perm *np, *old;
	u32 nold;
	unsigned int p;

	if (!sn)
		return -ENOENT;
	p = perm_for(c, sn->perms, sn->nperms);
	if ((p & (XSD_PERM_WRITE | PERM_OWNER)) !=
	    (XSD_PERM_WRITE | PERM_OWNER))
		return -EACCES;
	if (unpriv(c) && perms[0].domid != sn->perms[0].domid)
		return -EPERM;
	np = dup_mem(s, perms, n * sizeof(*np));
	if (!np)
		return -ENOMEM;
	old = sn->perms;
	nold = sn->nperms;
	sn->perms = np;
	sn->nperms = n;
	sn->gen = ++s->gen;
	fire(s, path, len, true, np, n, old, nold, NULL);
	s->ops.free(old);
	return 0;
}

static int do_perms(struct xsd *s, struct xsd_conn *c, struct xsd_tx *tx,
		    const struct xsd_req *req, u32 len, u32 *rlen)
{
	struct change ch = { .op = OP_SET_PERMS, .path = s->path, .len = len };
	struct xsd_perm *perms;
	const char *str;
	struct view v;
	u32 i;
	int ret;

	if (req->type == XS_GET_PERMS) {
		if (s->path[0] == '@') {
			v.sn = store_lookup(s, s->path, len);
			if (!v.sn)
				return -ENOENT;
			v.perms = v.sn->perms;
			v.nperms = v.sn->nperms;
			if (!can_read(c, v.perms, v.nperms))
				return -EACCES;
		} else {
			ret = read_view(s, c, tx, s->path, len, XSD_PERM_READ,
					&v);
			if (ret)
				return ret;
		}
		return put_perms(s, v.perms, v.nperms, rlen);
	}
	if (unpriv(c) && req->nperms > s->q.perms_max)
		return -ENOSPC;
	perms = s->ops.alloc(req->nperms * sizeof(*perms));
	if (!perms)
		return -ENOMEM;
	for (str = req->perms, i = 0; i < req->nperms; i++) {
		xsd_parse_perm(str, &perms[i]);	/* checked by the parser */
		str += strlen(str) + 1;
	}
	if (s->path[0] == '@') {
		ret = set_special(s, c, s->path, len, perms, req->nperms);
	} else {
		ch.perms = perms;
		ch.nperms = req->nperms;
		ret = change(s, c, tx, &ch);
	}
	s->ops.free(perms);
	return ret;
}

static void watch_free_all(struct xsd *s, struct xsd_conn *c)
{
	struct xsd_watch *w;

	while ((w = c->watches)) {
		c->watches = w->next;
		s->ops.free(w);
	}
	c->nwatches = 0;
}

static void tx_free(struct xsd *s, struct xsd_conn *c, struct xsd_tx *tx)
{
	struct xsd_tx **pp;

	for (pp = &c->txs; *pp && *pp != tx; pp = &(*pp)->next)
		;
	if (*pp) {
		*pp = tx->next;
		c->ntx--;
	}
	tx_release(s, tx);
	s->ops.free(tx);
}

static int do_watch(struct xsd *s, struct xsd_conn *c,
		    const struct xsd_req *req, u32 len, bool rel,
		    struct xsd_watch **added)
{
	const char *token = req->argv[1];
	u32 tlen = strlen(token);
	struct xsd_watch *w, **pp;

	for (pp = &c->watches; (w = *pp); pp = &w->next) {
		if (w->plen != len || memcmp(w->path, s->path, len) ||
		    strcmp(w->token, token))
			continue;
		if (req->type == XS_WATCH)
			return -EEXIST;
		*pp = w->next;
		s->ops.free(w);
		c->nwatches--;
		return 0;
	}
	if (req->type == XS_UNWATCH)
		return -ENOENT;
	if (unpriv(c) && c->nwatches >= s->q.watches)
		return -ENOSPC;
	w = s->ops.alloc(sizeof(*w) + len + tlen + 2);
	if (!w)
		return -ENOMEM;
	memcpy(w->path, s->path, len + 1);
	memcpy(w->path + len + 1, token, tlen + 1);
	w->token = w->path + len + 1;
	w->plen = len;
	w->skip = rel ? c->plen + 1 : 0;
	w->next = NULL;
	*pp = w;
	c->nwatches++;
	*added = w;
	return 0;
}

static int do_tx(struct xsd *s, struct xsd_conn *c, struct xsd_tx *tx,
		 const struct xsd_req *req, u32 *rlen)
{
	const char *arg = req->argv[0];
	struct xsd_tx *t;
	int ret;

	if (req->type == XS_TRANSACTION_START) {
		if (tx)
			return -EBUSY;
		if (unpriv(c) && c->ntx >= s->q.transactions)
			return -ENOSPC;
		tx = zalloc(s, sizeof(*tx));
		if (!tx)
			return -ENOMEM;
		/* ids are never 0 and never two alike */
		do {
			tx->id = c->next_txid++;
			for (t = c->txs; t && t->id != tx->id; t = t->next)
				;
		} while (!tx->id || t);
		tx->next = c->txs;
		c->txs = tx;
		c->ntx++;
		*rlen = fmt_u64(s->buf, tx->id) + 1;
		return 0;
	}
	if (!tx)
		return -ENOENT;
	if (strcmp(arg, "T") && strcmp(arg, "F"))
		return -EINVAL;
	ret = arg[0] == 'T' ? tx_commit(s, c, tx) : 0;
	tx_free(s, c, tx);
	return ret;
}

static int parse_domid(const char *str, u64 max, u16 *domid)
{
	u64 v;

	if (parse_num(str, max, &v))
		return -EINVAL;
	*domid = v;
	return 0;
}

static int do_domain(struct xsd *s, struct xsd_conn *c,
		     const struct xsd_req *req, u32 *rlen)
{
	struct xsd_conn *d;
	u64 mfn, port;
	u16 domid, target;
	int ret;

	if (req->type == XS_CONTROL) {
		if (strcmp(req->argv[0], "check"))
			return -EINVAL;
		return xsd_check(s);
	}
	ret = parse_domid(req->argv[0], req->type == XS_GET_DOMAIN_PATH ?
			  0xffff : XSD_DOMID_LIMIT - 1, &domid);
	if (ret)
		return ret;
	switch (req->type) {
	case XS_GET_DOMAIN_PATH:
		*rlen = put(s, 0, "/local/domain/", 14);
		*rlen += fmt_u64(s->buf + *rlen, domid) + 1;
		return 0;
	case XS_IS_DOMAIN_INTRODUCED:
		*rlen = put(s, 0, !domid || conn_of(s, domid) ? "T" : "F", 2);
		return 0;
	case XS_RESUME:
		return conn_of(s, domid) ? 0 : -ENOENT;
	case XS_SET_TARGET:
		if (parse_domid(req->argv[1], XSD_DOMID_LIMIT - 1, &target))
			return -EINVAL;
		d = conn_of(s, domid);
		if (!d)
			return -ENOENT;
		d->target = target;
		d->has_target = true;
		return 0;
	}
	if (!domid)
		return -EINVAL;
	if (req->type == XS_RELEASE) {
		if (!s->ops.release)
			return -ERR_NO_HOOK;
		ret = s->ops.release(s->ops.priv, domid);
	} else {
		if (parse_num(req->argv[1], ~0ULL, &mfn) ||
		    parse_num(req->argv[2], 0xffffffff, &port))
			return -EINVAL;
		if (!s->ops.introduce)
			return -ERR_NO_HOOK;
		ret = s->ops.introduce(s->ops.priv, domid, mfn, port);
	}
	/* the hook may have used the store: s->buf too */
	*rlen = put(s, 0, "OK", 3);
	return ret < 0 ? ret : 0;
}

#define TF_PRIV		1	/* dom0 only */
#define TF_NOTID	2	/* tx_id ignored */

/* Types a client may send (else -1) and their TF_* flags. */
static int type_flags(u32 type)
{
	switch (type) {
	case XS_CONTROL:
	case XS_INTRODUCE:
	case XS_RELEASE:
	case XS_IS_DOMAIN_INTRODUCED:
	case XS_RESUME:
	case XS_SET_TARGET:
		return TF_PRIV | TF_NOTID;
	case XS_WATCH:
	case XS_UNWATCH:
		return TF_NOTID;
	case XS_DIRECTORY:
	case XS_READ:
	case XS_GET_PERMS:
	case XS_TRANSACTION_START:
	case XS_TRANSACTION_END:
	case XS_GET_DOMAIN_PATH:
	case XS_WRITE:
	case XS_MKDIR:
	case XS_RM:
	case XS_SET_PERMS:
	case XS_RESET_WATCHES:
	case XS_DIRECTORY_PART:
		return 0;
	}
	return -1;
}

static int handle(struct xsd *s, struct xsd_conn *c,
		  const struct xsd_sockmsg *h, const char *body, u32 *rlen,
		  struct xsd_watch **added)
{
	struct change ch = { .path = s->path };
	struct xsd_tx *tx = NULL;
	struct xsd_req req;
	int flags = type_flags(h->type), ret;
	struct view v;
	u32 len = 0;
	bool rel = false;

	if (flags < 0)
		return -EINVAL;
	if ((flags & TF_PRIV) && unpriv(c))
		return -EACCES;
	if (!(flags & TF_NOTID) && h->tx_id) {
		for (tx = c->txs; tx && tx->id != h->tx_id; tx = tx->next)
			;
		if (!tx)
			return -ENOENT;
	}
	ret = xsd_parse_request(h, body, &req);
	if (ret)
		return ret;
	*rlen = 3;
	memcpy(s->buf, "OK", 3);

	switch (h->type) {
	case XS_READ:
	case XS_WRITE:
	case XS_MKDIR:
	case XS_RM:
	case XS_DIRECTORY:
	case XS_DIRECTORY_PART:
	case XS_GET_PERMS:
	case XS_SET_PERMS:
	case XS_WATCH:
	case XS_UNWATCH:
		ret = canonical(s, c, req.argv[0], h->type == XS_GET_PERMS ||
				h->type == XS_SET_PERMS ||
				h->type == XS_WATCH || h->type == XS_UNWATCH,
				&len, &rel);
		if (ret)
			return ret;
		ch.len = len;
		break;
	}

	switch (h->type) {
	case XS_READ:
		ret = read_view(s, c, tx, s->path, len, XSD_PERM_READ, &v);
		if (ret)
			return ret;
		if (v.len)
			memcpy(s->buf, v.value, v.len);
		*rlen = v.len;
		return 0;
	case XS_WRITE:
		if (unpriv(c) && req.value_len > s->q.value_max)
			return -ENOSPC;
		ch.op = OP_WRITE;
		ch.value = req.value;
		ch.vlen = req.value_len;
		return change(s, c, tx, &ch);
	case XS_MKDIR:
		ch.op = OP_MKDIR;
		return change(s, c, tx, &ch);
	case XS_RM:
		ch.op = OP_RM;
		return change(s, c, tx, &ch);
	case XS_DIRECTORY:
	case XS_DIRECTORY_PART:
		return do_directory(s, c, tx, &req, len, rlen);
	case XS_GET_PERMS:
	case XS_SET_PERMS:
		return do_perms(s, c, tx, &req, len, rlen);
	case XS_WATCH:
	case XS_UNWATCH:
		return do_watch(s, c, &req, len, rel, added);
	case XS_TRANSACTION_START:
	case XS_TRANSACTION_END:
		return do_tx(s, c, tx, &req, rlen);
	case XS_RESET_WATCHES:
		watch_free_all(s, c);
		while (c->txs)
			tx_free(s, c, c->txs);
		return 0;
	}
	return do_domain(s, c, &req, rlen);
}

bool xsd_conn_stalled(const struct xsd_conn *c)
{
	return c->spare_used || c->nreplies >= c->s->q.outstanding;
}

int xsd_request(struct xsd *s, struct xsd_conn *c,
		const struct xsd_sockmsg *hdr, const char *body)
{
	struct xsd_watch *added = NULL;
	u32 rlen = 0, type = hdr->type;
	struct xsd_msg *m, *big;
	const char *name;
	int ret;

	if (!c || c->s != s)
		return -EINVAL;
	if (hdr->len > XENSTORE_PAYLOAD_MAX)
		return -E2BIG;
	if (xsd_conn_stalled(c))
		return -EAGAIN;
	/*
	 * The reply's memory before the request runs: a request that
	 * changes the store has a short reply, so it never succeeds with
	 * an ENOMEM reply. Only a long one (READ, DIRECTORY...) may need
	 * more later, and those change nothing.
	 */
	m = s->ops.alloc(sizeof(*m) + HDR_LEN + SMALL_BODY);
	if (!m) {
		c->spare_used = true;
		fill_msg(c->spare, XS_ERROR, hdr->req_id, hdr->tx_id,
			 "ENOMEM", 7, NULL, 0);
		queue_msg(c, c->spare);
		return 0;
	}
	m->event = false;
	ret = handle(s, c, hdr, body, &rlen, &added);
	if (!ret && rlen > SMALL_BODY) {
		big = s->ops.alloc(sizeof(*m) + HDR_LEN + rlen);
		if (big) {
			s->ops.free(m);
			m = big;
			m->event = false;
		} else {
			ret = -ENOMEM;
		}
	}
	if (ret) {
		name = err_name(ret);
		rlen = strlen(name) + 1;
		memcpy(s->buf, name, rlen);
		type = XS_ERROR;
	}
	fill_msg(m, type, hdr->req_id, hdr->tx_id, s->buf, rlen, NULL, 0);
	queue_msg(c, m);
	/* a new watch fires once, after its reply */
	if (added)
		queue_event(s, c, added->path + added->skip,
			    added->plen - added->skip, added->token);
	return 0;
}

int xsd_conn_out_peek(const struct xsd_conn *c, const void **msg,
		      size_t *len)
{
	if (!c->out)
		return 0;
	*msg = c->out->data;
	*len = c->out->size;
	return 1;
}

void xsd_conn_out_pop(struct xsd_conn *c)
{
	struct xsd_msg *m = c->out;

	if (!m)
		return;
	c->out = m->next;
	if (!c->out)
		c->out_tail = NULL;
	if (m->event)
		c->nevents--;
	else
		c->nreplies--;
	if (m == c->spare)
		c->spare_used = false;
	else
		c->s->ops.free(m);
}

/* ---- store and connections ---------------------------------------- */

void xsd_quota_default(struct xsd_quota *q)
{
	q->nodes = 1000;
	q->watches = 128;
	q->transactions = 10;
	q->outstanding = 20;
	q->events = 256;
	q->value_max = 2048;
	q->path_max = XENSTORE_ABS_PATH_MAX;
	q->rel_path_max = XENSTORE_REL_PATH_MAX;
	q->perms_max = 5;
	q->tx_nodes = 1024;
}

static struct xsd_node *new_root(struct xsd *s, const char *name, u8 perm)
{
	struct xsd_node *n = node_alloc(s, name, strlen(name));

	if (!n)
		return NULL;
	n->perms = zalloc(s, sizeof(*n->perms));
	if (!n->perms) {
		s->ops.free(n);
		return NULL;
	}
	n->perms[0].perm = perm;
	n->nperms = 1;
	return n;
}

static void free_tree(struct xsd *s, struct xsd_node *n)
{
	struct xsd_node *p;

	while (n) {
		while (n->child)
			n = n->child;
		p = n->parent;
		if (p)
			p->child = n->next;
		node_free(s, n);
		n = p;
	}
}

int xsd_new(const struct xsd_ops *ops, const struct xsd_quota *q,
	    struct xsd **out)
{
	struct xsd_quota dq;
	struct xsd *s;

	if (!q) {
		xsd_quota_default(&dq);
		q = &dq;
	}
	if (!ops || !ops->alloc || !ops->free || !q->nodes || !q->watches ||
	    !q->transactions || !q->outstanding || !q->events ||
	    !q->value_max || !q->path_max || !q->rel_path_max ||
	    !q->perms_max || !q->tx_nodes ||
	    q->path_max > XENSTORE_ABS_PATH_MAX)
		return -EINVAL;
	s = ops->alloc(sizeof(*s));
	if (!s)
		return -ENOMEM;
	memset(s, 0, sizeof(*s));
	s->ops = *ops;
	s->q = *q;
	s->root = new_root(s, "", XSD_PERM_NONE);
	s->special[0] = new_root(s, special_names[0], XSD_PERM_NONE);
	s->special[1] = new_root(s, special_names[1], XSD_PERM_READ);
	if (!s->root || !s->special[0] || !s->special[1]) {
		xsd_free(s);
		return -ENOMEM;
	}
	s->nnodes = 1;
	*out = s;
	return 0;
}

static void conn_drop(struct xsd *s, struct xsd_conn *c)
{
	struct xsd_conn **pp;

	for (pp = &s->conns; *pp && *pp != c; pp = &(*pp)->next)
		;
	if (*pp) {
		*pp = c->next;
		s->nconns--;
	}
	watch_free_all(s, c);
	while (c->txs)
		tx_free(s, c, c->txs);
	while (c->out)
		xsd_conn_out_pop(c);
	s->ops.free(c->spare);
	s->ops.free(c);
}

void xsd_free(struct xsd *s)
{
	if (!s)
		return;
	while (s->conns)
		conn_drop(s, s->conns);
	free_tree(s, s->root);
	free_tree(s, s->special[0]);
	free_tree(s, s->special[1]);
	s->ops.free(s);
}

static u32 count_owned(struct xsd *s, u16 domid)
{
	struct xsd_node *n;
	u32 count = 0;

	for (n = s->root; n; n = preorder_next(n, s->root))
		count += n->perms[0].domid == domid;
	return count;
}

int xsd_conn_new(struct xsd *s, u16 domid, struct xsd_conn **out)
{
	struct xsd_conn *c;

	if (domid >= XSD_DOMID_LIMIT)
		return -EINVAL;
	if (conn_of(s, domid))
		return -EEXIST;
	c = zalloc(s, sizeof(*c));
	if (!c)
		return -ENOMEM;
	c->spare = s->ops.alloc(sizeof(*c->spare) + HDR_LEN + SPARE_BODY);
	if (!c->spare) {
		s->ops.free(c);
		return -ENOMEM;
	}
	c->spare->event = false;
	c->s = s;
	c->domid = domid;
	c->next_txid = 1;
	memcpy(c->prefix, "/local/domain/", 14);
	c->plen = 14 + fmt_u64(c->prefix + 14, domid);
	c->nodes = count_owned(s, domid);
	c->next = s->conns;
	s->conns = c;
	s->nconns++;
	*out = c;
	return 0;
}

/* Drop domid from a list: the owner becomes dom0. Changed? */
static bool perms_forget(struct xsd_perm *p, u32 *n, u16 domid)
{
	bool changed = p[0].domid == domid;
	u32 i, j;

	if (changed)
		p[0].domid = 0;
	for (i = j = 1; i < *n; i++) {
		if (p[i].domid == domid)
			changed = true;
		else
			p[j++] = p[i];
	}
	*n = j;
	return changed;
}

void xsd_conn_free(struct xsd_conn *c)
{
	struct xsd *s = c->s;
	struct xsd_node *n;
	struct xsd_conn *o;
	struct xsd_tx *tx;
	struct xsd_txe *e;
	u16 domid = c->domid;
	u32 i;

	conn_drop(s, c);
	if (!domid)
		return;
	for (n = s->root; n; n = preorder_next(n, s->root)) {
		bool owned = n->perms[0].domid == domid;

		if (perms_forget(n->perms, &n->nperms, domid))
			n->gen = ++s->gen;
		if (owned)
			owner_adj(s, 0, 1);
	}
	for (i = 0; i < 2; i++)
		perms_forget(s->special[i]->perms, &s->special[i]->nperms,
			     domid);
	for (o = s->conns; o; o = o->next)
		for (tx = o->txs; tx; tx = tx->next)
			for (e = tx->ents; e; e = e->next)
				if (e->state == TXE_PRESENT)
					perms_forget(e->perms, &e->nperms,
						     domid);
}

struct xsd_conn *xsd_conn_find(struct xsd *s, u16 domid)
{
	return conn_of(s, domid);
}

u16 xsd_conn_domid(const struct xsd_conn *c)
{
	return c->domid;
}

void xsd_domain_introduced(struct xsd *s, u16 domid)
{
	struct xsd_node *n = s->special[0];

	fire(s, n->name, n->namelen, true, n->perms, n->nperms, NULL, 0,
	     NULL);
}

void xsd_domain_released(struct xsd *s, u16 domid)
{
	struct xsd_node *n = s->special[1];

	fire(s, n->name, n->namelen, true, n->perms, n->nperms, NULL, 0,
	     NULL);
}

/* ---- the toolstack's direct access -------------------------------- */

static int direct_path(struct xsd *s, const char *path, bool special,
		       u32 *len)
{
	size_t n = strnlen(path, PATH_BUF);

	if (n == PATH_BUF || (path[0] != '/' && !(special && path[0] == '@')))
		return -EINVAL;
	memcpy(s->path, path, n + 1);
	*len = n;
	return path_valid(s, s->path, n) ? 0 : -EINVAL;
}

static bool perms_valid(const struct xsd_perm *p, unsigned int n)
{
	unsigned int i;

	if (n > XENSTORE_PAYLOAD_MAX)
		return false;
	for (i = 0; i < n; i++)
		if (p[i].perm > XSD_PERM_BOTH)
			return false;
	return true;
}

int xsd_write(struct xsd *s, const char *path, const void *value,
	      size_t len, const struct xsd_perm *perms, unsigned int nperms)
{
	struct change ch = {
		.op = OP_WRITE, .path = s->path, .value = value, .vlen = len,
		.perms = perms, .nperms = nperms,
	};
	int ret;

	if (len > XENSTORE_PAYLOAD_MAX || (len && !value) ||
	    (nperms && !perms) || !perms_valid(perms, nperms))
		return -EINVAL;
	ret = direct_path(s, path, false, &ch.len);
	return ret ? ret : change(s, NULL, NULL, &ch);
}

int xsd_mkdir(struct xsd *s, const char *path)
{
	struct change ch = { .op = OP_MKDIR, .path = s->path };
	int ret = direct_path(s, path, false, &ch.len);

	return ret ? ret : change(s, NULL, NULL, &ch);
}

int xsd_rm(struct xsd *s, const char *path)
{
	struct change ch = { .op = OP_RM, .path = s->path };
	int ret = direct_path(s, path, false, &ch.len);

	return ret ? ret : change(s, NULL, NULL, &ch);
}

int xsd_read(struct xsd *s, const char *path, void *buf, size_t size,
	     size_t *len)
{
	struct view v;
	u32 plen;
	int ret = direct_path(s, path, false, &plen);

	if (!ret)
		ret = view_get(s, NULL, NULL, s->path, plen, &v);
	if (ret)
		return ret;
	if (size && v.len)
		memcpy(buf, v.value, min(size, (size_t)v.len));
	*len = v.len;
	return 0;
}

int xsd_set_perms(struct xsd *s, const char *path,
		  const struct xsd_perm *perms, unsigned int nperms)
{
	struct change ch = {
		.op = OP_SET_PERMS, .path = s->path, .perms = perms,
		.nperms = nperms,
	};
	int ret;

	if (!nperms || !perms || !perms_valid(perms, nperms))
		return -EINVAL;
	ret = direct_path(s, path, true, &ch.len);
	if (ret)
		return ret;
	if (s->path[0] == '@')
		return set_special(s, NULL, s->path, ch.len, perms, nperms);
	return change(s, NULL, NULL, &ch);
}

int xsd_get_perms(struct xsd *s, const char *path, struct xsd_perm *perms,
		  unsigned int max, unsigned int *n)
{
	struct xsd_node *sn;
	u32 plen;
	int ret = direct_path(s, path, true, &plen);

	if (ret)
		return ret;
	sn = store_lookup(s, s->path, plen);
	if (!sn)
		return -ENOENT;
	if (max)
		memcpy(perms, sn->perms, min(max, sn->nperms) *
		       sizeof(*perms));
	*n = sn->nperms;
	return 0;
}

/* ---- introspection ------------------------------------------------- */

static void conn_stats(const struct xsd_conn *c, struct xsd_stats *st)
{
	const struct xsd_tx *tx;

	st->watches += c->nwatches;
	st->transactions += c->ntx;
	for (tx = c->txs; tx; tx = tx->next)
		st->tx_nodes += tx->nent;
	st->conns++;
	st->queued += c->nreplies + c->nevents;
}

void xsd_stats(struct xsd *s, int domid, struct xsd_stats *st)
{
	struct xsd_conn *c;

	memset(st, 0, sizeof(*st));
	if (domid < 0) {
		st->nodes = s->nnodes;
		for (c = s->conns; c; c = c->next)
			conn_stats(c, st);
		st->events_dropped = s->dropped;
		return;
	}
	st->nodes = count_owned(s, domid);
	c = domid < XSD_DOMID_LIMIT ? conn_of(s, domid) : NULL;
	if (c) {
		conn_stats(c, st);
		st->events_dropped = c->dropped;
	}
}

int xsd_walk(struct xsd *s, const char *path, xsd_walk_fn fn, void *arg)
{
	struct xsd_node *top, *n, *p;
	unsigned int depth;
	u32 plen;
	char *buf;
	int ret = direct_path(s, path, false, &plen);

	if (ret)
		return ret;
	top = store_lookup(s, s->path, plen);
	if (!top)
		return -ENOENT;
	buf = s->ops.alloc(PATH_BUF);
	if (!buf)
		return -ENOMEM;
	for (n = top; n && !ret; n = preorder_next(n, top)) {
		for (depth = 0, p = n; p != top; p = p->parent)
			depth++;
		node_path(n, buf);
		ret = fn(arg, buf, depth, n->value, n->len, n->perms,
			 n->nperms);
	}
	s->ops.free(buf);
	return ret;
}

static bool node_ok(const struct xsd *s, const struct xsd_node *n)
{
	u32 i;

	if (!n->perms || !n->nperms || (n->len && !n->value) ||
	    n->len > XENSTORE_PAYLOAD_MAX || n->gen > s->gen ||
	    n->cgen > s->gen || n->birth > n->gen || n->birth > n->cgen ||
	    strnlen(n->name, n->namelen + 1) != n->namelen)
		return false;
	for (i = 0; i < n->nperms; i++)
		if (n->perms[i].perm > XSD_PERM_BOTH)
			return false;
	for (i = 0; i < n->namelen; i++)
		if (!valid_char(n->name[i]) || n->name[i] == '/')
			return false;
	return true;
}

static int check_conn(struct xsd *s, struct xsd_conn *c)
{
	const struct xsd_watch *w;
	const struct xsd_tx *tx;
	const struct xsd_txe *e;
	const struct xsd_msg *m, *last = NULL;
	u32 n = 0, ne, nr = 0, nev = 0;
	bool spare = false;

	if (c->s != s || c->domid >= XSD_DOMID_LIMIT || conn_of(s, c->domid) != c ||
	    c->nodes != count_owned(s, c->domid))
		return -EIO;
	for (w = c->watches; w && n <= c->nwatches; w = w->next, n++)
		if (strnlen(w->path, w->plen + 1) != w->plen ||
		    w->token != w->path + w->plen + 1 ||
		    (w->skip && w->skip >= w->plen))
			return -EIO;
	if (n != c->nwatches)
		return -EIO;
	for (n = 0, tx = c->txs; tx && n <= c->ntx; tx = tx->next, n++) {
		if (!tx->id || tx->implicit)
			return -EIO;
		for (ne = 0, e = tx->ents; e && ne <= tx->nent; e = e->next) {
			ne++;
			if (e->state > TXE_ABSENT || (e->state == TXE_PRESENT &&
			    (!e->perms || !e->nperms)))
				return -EIO;
		}
		if (ne != tx->nent)
			return -EIO;
	}
	if (n != c->ntx)
		return -EIO;
	for (m = c->out; m && nr + nev <= c->nreplies + c->nevents;
	     m = m->next) {
		if (m->event)
			nev++;
		else
			nr++;
		spare |= m == c->spare;
		if (m->size < HDR_LEN ||
		    m->size > HDR_LEN + XENSTORE_PAYLOAD_MAX)
			return -EIO;
		last = m;
	}
	if (m || nr != c->nreplies || nev != c->nevents ||
	    last != c->out_tail || spare != c->spare_used)
		return -EIO;
	return 0;
}

int xsd_check(struct xsd *s)
{
	struct xsd_node *n, *ch, *o;
	struct xsd_conn *c;
	u32 count = 0, i;

	if (s->root->parent || s->root->next || s->root->namelen)
		return -EIO;
	for (n = s->root; n; n = preorder_next(n, s->root)) {
		if (++count > s->nnodes || !node_ok(s, n))
			return -EIO;
		for (ch = n->child; ch; ch = ch->next) {
			if (ch->parent != n || !ch->namelen)
				return -EIO;
			for (o = ch->next; o; o = o->next)
				if (o->namelen == ch->namelen &&
				    !memcmp(o->name, ch->name, ch->namelen))
					return -EIO;
		}
	}
	if (count != s->nnodes)
		return -EIO;
	for (i = 0; i < 2; i++)
		if (!node_ok(s, s->special[i]) || s->special[i]->child)
			return -EIO;
	for (count = 0, c = s->conns; c && count <= s->nconns;
	     c = c->next, count++)
		if (check_conn(s, c))
			return -EIO;
	return count == s->nconns ? 0 : -EIO;
}
