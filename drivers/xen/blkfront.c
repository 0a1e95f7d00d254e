// SPDX-License-Identifier: GPL-2.0
/*
 * blkfront: Xen virtual block devices (io/blkif.h) as block devices.
 *
 * Handshake (xenbus): on the backend's InitWait we allocate the ring
 * (2^ring-page-order pages, up to the backend's max-ring-page-order and
 * our MAX_RING_ORDER), grant it, allocate the event channel and write
 * ring-ref(s), event-channel, protocol = "x86_64-abi" (always: without it
 * Linux's blkback assumes the 32-bit layout for a PVH guest) and
 * feature-persistent = 1 in one transaction, then Initialised. On the
 * backend's Connected we read sectors, info, sector-size and the
 * features, register the block device and go Connected. A later
 * Connected means the size changed. Closing/Closed from the backend (xl
 * block-detach, a backend that went away) unregisters the disk, fails
 * what is in flight and frees the ring once the backend is Closed; an
 * InitWait after that is a restarted backend: we connect again.
 *
 * Data: every request slot owns up to max_segs pages (allocated on first
 * use), granted to the backend once and kept granted until the device
 * goes: the persistent-grant scheme. The backend learns of it through
 * our feature-persistent and keeps its mappings if it offers the
 * feature too; if it does not, it maps and unmaps per request, which is
 * equally correct with grants that stay. Writes are copied into the slot
 * pages before the request is posted, reads out of them after a good
 * response, so the caller's buffer is never granted and a backend can
 * never touch it. Requests of more than BLKIF_MAX_SEGMENTS_PER_REQUEST
 * pages use one indirect page per slot (up to MAX_SEGS segments) when
 * the backend offers feature-max-indirect-segments.
 *
 * The backend is not trusted: responses are taken by the pure
 * blkif_take_responses() (ids outstanding, op matching, status known,
 * producer not beyond what we posted); a bad one fails that request and
 * everything in flight, marks the device broken with one message and
 * refuses later requests with -EIO. Nothing the backend writes is read
 * twice.
 *
 * No mode test here: the frames granted come from gnttab_grant_page(),
 * which asks the memory model.
 */
#include <tern/blkdev.h>
#include <tern/kernel.h>
#include <tern/ktest.h>
#include <tern/mm.h>
#include <tern/monitor.h>
#include <tern/printk.h>
#include <tern/string.h>
#include <tern/timer.h>
#include <tern/workqueue.h>
#include <tern/xen/blkfront.h>
#include <tern/xen/blkif_rsp.h>
#include <tern/xen/events.h>
#include <tern/xen/grant_table.h>
#include <tern/xen/xenbus.h>
#include <tern/xen/xenbus_nodes.h>
#include <asm/bitops.h>
#include <xen/io/protocols.h>

#define MAX_RING_ORDER	2
#define MAX_SLOTS	32
#define MAX_SEGS	32	/* per request, with indirect descriptors */
#define SEGS_PER_INDIRECT_PAGE	(PAGE_SIZE / sizeof(struct blkif_request_segment))
#define CLOSE_WAIT_MS	5000

struct slot {
	struct blk_request *rq;		/* NULL: free */
	unsigned int nr_pages;		/* pages allocated and granted */
	void *page[MAX_SEGS];
	gref_t gref[MAX_SEGS];
	void *indirect;
	gref_t indirect_gref;
};

struct blkfront {
	struct xenbus_device *dev;
	struct block_device bd;
	unsigned int handle;
	unsigned int ring_order;
	unsigned int nr_ents;
	struct blkif_sring *sring;
	gref_t ring_ref[1u << MAX_RING_ORDER];
	unsigned int nr_ring_refs;
	u32 req_prod_pvt, rsp_cons;
	evtchn_port_t port;
	int irq;
	struct work rsp_work;
	unsigned int nslots;
	unsigned int max_segs;
	bool indirect, persistent;
	bool registered, broken, ring_up;
	u32 info;
	u8 slot_op[MAX_SLOTS];
	struct slot slot[MAX_SLOTS];
	struct blkfront_stats stats;
	struct blkfront *next;
};

static struct blkfront *blkfronts;

static void fail_in_flight(struct blkfront *info, int err)
{
	unsigned int i;

	for (i = 0; i < info->nslots; i++) {
		struct blk_request *rq = info->slot[i].rq;

		if (!rq)
			continue;
		info->slot[i].rq = NULL;
		info->slot_op[i] = BLKIF_SLOT_FREE;
		blk_complete(rq, err);
	}
}

static void mark_broken(struct blkfront *info, const char *why)
{
	if (!info->broken)
		pr_err("blkfront %s: backend sent a bad response (%s): device broken\n",
		       info->bd.name, why);
	info->broken = true;
	info->stats.bad_responses++;
	fail_in_flight(info, -EIO);
}

static int status_to_errno(s16 status)
{
	switch (status) {
	case BLKIF_RSP_OKAY:
		return 0;
	case BLKIF_RSP_EOPNOTSUPP:
		return -EOPNOTSUPP;
	default:
		return -EIO;
	}
}

static void complete_slot(struct blkfront *info, const struct blkif_done *d)
{
	struct slot *s = &info->slot[d->id];
	struct blk_request *rq = s->rq;
	int err = status_to_errno(d->status);
	u32 done, i;

	s->rq = NULL;
	if (!rq)
		return;
	if (!err && rq->op == BLK_OP_READ) {
		for (i = 0, done = 0; done < rq->nr_bytes; i++) {
			u32 n = min(rq->nr_bytes - done, (u32)PAGE_SIZE);

			memcpy((u8 *)rq->buf + done, s->page[i], n);
			done += n;
		}
	}
	if (err == -EOPNOTSUPP && rq->op == BLK_OP_FLUSH) {
		pr_warn("blkfront %s: backend refuses flush: feature dropped\n",
			info->bd.name);
		info->bd.features &= ~BLK_FEAT_FLUSH;
	}
	if (err)
		info->stats.errors++;
	info->stats.responses++;
	blk_complete(rq, err);
}

/* Take every response there is (thread context). */
static void process_responses(struct blkfront *info)
{
	struct blkif_done done[MAX_SLOTS];
	unsigned int good, i;
	const char *why = NULL;
	int n;

	if (!info->ring_up || info->broken)
		return;
	for (;;) {
		n = blkif_take_responses(info->sring, info->nr_ents,
					 &info->rsp_cons, info->req_prod_pvt,
					 info->slot_op, info->nslots, done,
					 ARRAY_SIZE(done), &good, &why);
		if (n < 0) {
			for (i = 0; i < good; i++)
				complete_slot(info, &done[i]);
			mark_broken(info, why ? why : "malformed ring");
			return;
		}
		for (i = 0; i < (unsigned int)n; i++)
			complete_slot(info, &done[i]);
		if ((unsigned int)n == ARRAY_SIZE(done))
			continue;
		/* ask for an event at the next response, then look again */
		WRITE_ONCE(info->sring->rsp_event, info->rsp_cons + 1);
		mb();
		if (READ_ONCE(info->sring->rsp_prod) == info->rsp_cons)
			break;
	}
}

static void rsp_work_fn(struct work *w)
{
	process_responses(w->data);
}

static void blkfront_interrupt(unsigned int irq, void *data)
{
	struct blkfront *info = data;

	info->stats.interrupts++;
	schedule_work(&info->rsp_work);
}

/* Make sure the slot has n data pages, granted; 0 or -errno. */
static int slot_pages(struct blkfront *info, struct slot *s, unsigned int n)
{
	domid_t be = info->dev->otherend_id;
	int err;

	while (s->nr_pages < n) {
		void *p = alloc_page(GFP_ZERO);

		if (!p)
			return -ENOMEM;
		err = gnttab_grant_page(be, p, false, &s->gref[s->nr_pages]);
		if (err) {
			free_page(p);
			return err;
		}
		info->stats.grants++;
		s->page[s->nr_pages++] = p;
	}
	if (n > BLKIF_MAX_SEGMENTS_PER_REQUEST && !s->indirect) {
		void *p = alloc_page(GFP_ZERO);

		if (!p)
			return -ENOMEM;
		/*
		 * Writable although the backend only reads it: blkback maps
		 * every grant of a persistent-grant frontend read-write.
		 */
		err = gnttab_grant_page(be, p, false, &s->indirect_gref);
		if (err) {
			free_page(p);
			return err;
		}
		info->stats.grants++;
		s->indirect = p;
	}
	return 0;
}

static void push_request(struct blkfront *info, const void *req)
{
	u32 old = info->req_prod_pvt, new = old + 1, event;
	union blkif_sring_entry *e;

	e = &info->sring->ring[old & (info->nr_ents - 1)];
	memcpy(&e->req, req, sizeof(e->req));
	info->req_prod_pvt = new;
	wmb();
	WRITE_ONCE(info->sring->req_prod, new);
	mb();
	event = READ_ONCE(info->sring->req_event);
	/* RING_PUSH_REQUESTS_AND_CHECK_NOTIFY */
	if ((u32)(new - event) < (u32)(new - old)) {
		notify_remote_via_evtchn(info->port);
		info->stats.notifies++;
	}
	info->stats.requests++;
}

static int blkfront_submit(struct block_device *bd, struct blk_request *rq)
{
	struct blkfront *info = bd->driver_data;
	union {
		struct blkif_request rw;
		struct blkif_request_indirect ind;
		struct blkif_request_discard dis;
	} req;
	unsigned int id, nsegs = 0, i;
	struct slot *s;
	u8 op;
	int err;

	if (info->broken)
		return -EIO;
	if (!info->ring_up || info->dev->state != XenbusStateConnected)
		return -ENODEV;
	for (id = 0; id < info->nslots; id++)
		if (info->slot_op[id] == BLKIF_SLOT_FREE && !info->slot[id].rq)
			break;
	if (id == info->nslots ||
	    info->req_prod_pvt - info->rsp_cons >= info->nr_ents)
		return -EBUSY;
	s = &info->slot[id];
	memset(&req, 0, sizeof(req));

	switch (rq->op) {
	case BLK_OP_READ:
	case BLK_OP_WRITE:
		op = rq->op == BLK_OP_READ ? BLKIF_OP_READ : BLKIF_OP_WRITE;
		nsegs = DIV_ROUND_UP(rq->nr_bytes, PAGE_SIZE);
		if (!nsegs || nsegs > info->max_segs)
			return -EINVAL;
		err = slot_pages(info, s, nsegs);
		if (err)
			return err;
		if (rq->op == BLK_OP_WRITE) {
			for (i = 0; i < nsegs; i++) {
				u32 off = i * PAGE_SIZE;

				memcpy(s->page[i], (u8 *)rq->buf + off,
				       min(rq->nr_bytes - off, (u32)PAGE_SIZE));
			}
		}
		break;
	case BLK_OP_FLUSH:
		op = BLKIF_OP_FLUSH_DISKCACHE;
		break;
	case BLK_OP_DISCARD:
		op = BLKIF_OP_DISCARD;
		break;
	default:
		return -EINVAL;
	}

	if (nsegs > BLKIF_MAX_SEGMENTS_PER_REQUEST) {
		struct blkif_request_segment *seg = s->indirect;

		req.ind.operation = BLKIF_OP_INDIRECT;
		req.ind.indirect_op = op;
		req.ind.nr_segments = nsegs;
		req.ind.id = id;
		req.ind.sector_number = rq->sector;
		req.ind.handle = info->handle;
		req.ind.indirect_grefs[0] = gref_x(s->indirect_gref);
		for (i = 0; i < nsegs; i++) {
			u32 left = rq->nr_bytes - i * PAGE_SIZE;

			seg[i].gref = gref_x(s->gref[i]);
			seg[i].first_sect = 0;
			seg[i].last_sect =
				min(left, (u32)PAGE_SIZE) / SECTOR_SIZE - 1;
		}
		info->stats.indirect_requests++;
	} else if (op == BLKIF_OP_DISCARD) {
		req.dis.operation = op;
		req.dis.handle = info->handle;
		req.dis.id = id;
		req.dis.sector_number = rq->sector;
		req.dis.nr_sectors = rq->nr_bytes / SECTOR_SIZE;
	} else {
		req.rw.operation = op;
		req.rw.nr_segments = nsegs;
		req.rw.handle = info->handle;
		req.rw.id = id;
		req.rw.sector_number = op == BLKIF_OP_FLUSH_DISKCACHE ? 0 :
				       rq->sector;
		for (i = 0; i < nsegs; i++) {
			u32 left = rq->nr_bytes - i * PAGE_SIZE;

			req.rw.seg[i].gref = gref_x(s->gref[i]);
			req.rw.seg[i].first_sect = 0;
			req.rw.seg[i].last_sect =
				min(left, (u32)PAGE_SIZE) / SECTOR_SIZE - 1;
		}
	}
	s->rq = rq;
	info->slot_op[id] = op;
	push_request(info, &req);
	return 0;
}

static void blkfront_describe(struct block_device *bd)
{
	struct blkfront *info = bd->driver_data;

	printk("  blkfront: backend %s (dom%u), ring %u page(s) %u entries, %u slots, %u segs/req%s%s%s\n",
	       info->dev->otherend, info->dev->otherend_id,
	       1u << info->ring_order, info->nr_ents, info->nslots,
	       info->max_segs, info->indirect ? " indirect" : "",
	       info->persistent ? " persistent" : "",
	       info->broken ? " BROKEN" : "");
	printk("  blkfront: requests %llu responses %llu errors %llu notifies %llu interrupts %llu grants %llu\n",
	       info->stats.requests, info->stats.responses,
	       info->stats.errors, info->stats.notifies,
	       info->stats.interrupts, info->stats.grants);
}

static const struct block_device_ops blkfront_ops = {
	.submit = blkfront_submit,
	.describe = blkfront_describe,
};

/* End a grant and free its page, unless the backend still maps it. */
static void release_page(struct blkfront *info, void *p, gref_t ref)
{
	if (gnttab_end_access(ref)) {
		/* the peer still maps it: the page can never be reused */
		info->stats.leaked_pages++;
		pr_warn("blkfront %s: backend still maps grant %u: page kept\n",
			info->bd.name, gref_x(ref));
		return;
	}
	free_page(p);
}

static void free_ring(struct blkfront *info)
{
	unsigned int i, j;

	if (info->irq >= 0) {
		unbind_from_irqhandler(info->irq);
		info->irq = -1;
	}
	cancel_work(&info->rsp_work);
	info->ring_up = false;
	for (i = 0; i < info->nslots; i++) {
		struct slot *s = &info->slot[i];

		for (j = 0; j < s->nr_pages; j++)
			release_page(info, s->page[j], s->gref[j]);
		s->nr_pages = 0;
		if (s->indirect)
			release_page(info, s->indirect, s->indirect_gref);
		s->indirect = NULL;
	}
	if (info->sring) {
		bool busy = false;

		for (i = 0; i < info->nr_ring_refs; i++)
			busy |= gnttab_end_access(info->ring_ref[i]) != 0;
		if (busy)
			pr_warn("blkfront %s: backend still maps the ring: kept\n",
				info->bd.name);
		else
			free_pages(info->sring, 1u << info->ring_order);
	}
	info->sring = NULL;
	info->nr_ring_refs = 0;
}

static int ring_nodes(xs_tx_t tx, void *arg)
{
	struct blkfront *info = arg;
	struct xenbus_device *dev = info->dev;
	char path[XENBUS_PATH + 24], node[16];
	unsigned int i;
	int err;

	if (info->ring_order == 0) {
		xenbus_node(path, sizeof(path), dev->nodename, "ring-ref");
		err = xs_printf(tx, path, "%u", gref_x(info->ring_ref[0]));
	} else {
		xenbus_node(path, sizeof(path), dev->nodename,
			    "ring-page-order");
		err = xs_printf(tx, path, "%u", info->ring_order);
		for (i = 0; !err && i < info->nr_ring_refs; i++) {
			snprintf(node, sizeof(node), "ring-ref%u", i);
			xenbus_node(path, sizeof(path), dev->nodename, node);
			err = xs_printf(tx, path, "%u",
					gref_x(info->ring_ref[i]));
		}
	}
	if (!err) {
		xenbus_node(path, sizeof(path), dev->nodename,
			    "event-channel");
		err = xs_printf(tx, path, "%u", info->port);
	}
	if (!err) {
		xenbus_node(path, sizeof(path), dev->nodename, "protocol");
		err = xs_write(tx, path, XEN_IO_PROTO_ABI_X86_64);
	}
	if (!err) {
		xenbus_node(path, sizeof(path), dev->nodename,
			    "feature-persistent");
		err = xs_write(tx, path, "1");
	}
	return err;
}

/* The backend is in InitWait: set up the ring and tell it. */
static void talk_to_backend(struct blkfront *info)
{
	struct xenbus_device *dev = info->dev;
	u64 order = 0;
	unsigned int i;
	int err;

	if (xenbus_read_otherend_uint(dev, "max-ring-page-order", 16, &order))
		order = 0;
	info->ring_order = min((unsigned int)order, (unsigned int)MAX_RING_ORDER);
	info->sring = alloc_pages(1u << info->ring_order, GFP_ZERO);
	if (!info->sring) {
		xenbus_dev_fatal(dev, -ENOMEM, "allocating the ring");
		return;
	}
	/* SHARED_RING_INIT: indices 0, events at 1 */
	info->sring->req_event = 1;
	info->sring->rsp_event = 1;
	info->nr_ents = __RING_SIZE(info->sring, PAGE_SIZE << info->ring_order);
	info->nslots = min(info->nr_ents, (unsigned int)MAX_SLOTS);
	info->req_prod_pvt = 0;
	info->rsp_cons = 0;
	for (i = 0; i < info->nslots; i++)
		info->slot_op[i] = BLKIF_SLOT_FREE;
	for (i = 0; i < (1u << info->ring_order); i++) {
		err = gnttab_grant_page(dev->otherend_id,
					(u8 *)info->sring + i * PAGE_SIZE,
					false, &info->ring_ref[i]);
		if (err) {
			xenbus_dev_fatal(dev, err, "granting the ring");
			free_ring(info);
			return;
		}
		info->nr_ring_refs++;
	}
	err = xenbus_alloc_evtchn(dev, &info->port);
	if (err) {
		free_ring(info);
		return;
	}
	info->irq = bind_evtchn_to_irqhandler(info->port, blkfront_interrupt,
					      "blkfront", info);
	if (info->irq < 0) {
		evtchn_close(info->port);
		xenbus_dev_fatal(dev, info->irq, "binding the event channel");
		free_ring(info);
		return;
	}
	info->ring_up = true;
	info->broken = false;
	err = xs_transact(ring_nodes, info);
	if (err) {
		xenbus_dev_fatal(dev, err, "writing the ring details");
		free_ring(info);
		return;
	}
	xenbus_switch_state(dev, XenbusStateInitialised);
}

/* The backend is Connected: learn the disk and offer it. */
static void connect(struct blkfront *info)
{
	struct xenbus_device *dev = info->dev;
	struct block_device *bd = &info->bd;
	struct blkif_backend_nodes n = { 0 };
	struct blkif_geometry g;
	const char *why = NULL;
	u64 v;
	int err;

	err = xenbus_read_otherend_uint(dev, "sectors", ~0ULL, &n.sectors);
	if (err) {
		xenbus_dev_fatal(dev, err, "bad or missing sectors");
		return;
	}
	if (dev->state == XenbusStateConnected) {
		/* a later Connected: the capacity changed */
		if (n.sectors && n.sectors <= (~0ULL >> 9) &&
		    !(n.sectors % (bd->logical_block_size / SECTOR_SIZE)) &&
		    n.sectors != bd->nr_sectors) {
			pr_info("blkfront %s: capacity now %llu sectors (was %llu)\n",
				bd->name, n.sectors, bd->nr_sectors);
			bd->nr_sectors = n.sectors;
		}
		return;
	}
	xenbus_read_otherend_uint(dev, "info", ~0ULL, &n.info);
	n.sector_size_given = !xenbus_read_otherend_uint(dev, "sector-size",
							 ~0ULL,
							 &n.sector_size);
	n.max_indirect_given =
		!xenbus_read_otherend_uint(dev, "feature-max-indirect-segments",
					   ~0ULL, &n.max_indirect);
	err = blkif_check_backend(&n, MAX_RING_ORDER, MAX_SEGS, &g, &why);
	if (err) {
		xenbus_dev_fatal(dev, err, "backend's disk refused: %s", why);
		return;
	}
	info->info = n.info;
	info->persistent =
		!xenbus_read_otherend_uint(dev, "feature-persistent", 1, &v) &&
		v == 1;
	info->max_segs = g.max_segs;
	info->indirect = g.indirect;
	/*
	 * Flush and discard only make sense where we write: blkback offers
	 * flush on a read-only disk too, then fails it as a write.
	 */
	bd->features = 0;
	if (!g.read_only) {
		if (!xenbus_read_otherend_uint(dev, "feature-flush-cache", 1,
					       &v) && v == 1)
			bd->features |= BLK_FEAT_FLUSH;
		if (!xenbus_read_otherend_uint(dev, "feature-discard", 1,
					       &v) && v == 1)
			bd->features |= BLK_FEAT_DISCARD;
	}
	bd->nr_sectors = g.sectors;
	bd->logical_block_size = g.logical_block_size;
	bd->read_only = g.read_only;
	bd->queue_depth = info->nslots;
	bd->max_bytes = info->max_segs * PAGE_SIZE;
	bd->ops = &blkfront_ops;
	bd->driver_data = info;
	err = blk_register(bd);
	if (err) {
		xenbus_dev_fatal(dev, err, "registering %s", bd->name);
		return;
	}
	info->registered = true;
	xenbus_switch_state(dev, XenbusStateConnected);
	pr_info("blkfront %s: %llu MiB, %u-byte sectors%s, ring %u page(s), %u segs/req%s%s%s\n",
		bd->name, g.sectors >> 11, g.logical_block_size,
		bd->read_only ? ", read-only" : "", 1u << info->ring_order,
		info->max_segs, info->persistent ? ", persistent grants" : "",
		bd->features & BLK_FEAT_FLUSH ? ", flush" : "",
		bd->features & BLK_FEAT_DISCARD ? ", discard" : "");
}

static bool nothing_in_flight(void *arg)
{
	struct blkfront *info = arg;
	unsigned int i;

	process_responses(info);
	for (i = 0; i < info->nslots; i++)
		if (info->slot[i].rq)
			return false;
	return true;
}

/* Stop offering the disk; let what is in flight finish (bounded). */
static void shut_down(struct blkfront *info)
{
	if (info->registered) {
		blk_unregister(&info->bd);
		info->registered = false;
	}
	if (info->ring_up &&
	    !wait_cond_timeout(nothing_in_flight, info, CLOSE_WAIT_MS))
		pr_warn("blkfront %s: requests still in flight at close\n",
			info->bd.name);
	fail_in_flight(info, -ENODEV);
}

static void blkfront_otherend_changed(struct xenbus_device *dev,
				      enum xenbus_state state)
{
	struct blkfront *info = dev->priv;

	info->stats.backend_changes++;
	switch (state) {
	case XenbusStateInitWait:
		if (dev->state == XenbusStateClosed) {
			/* a restarted backend */
			pr_info("blkfront %s: backend back: reconnecting\n",
				info->bd.name);
			dev->state = XenbusStateInitialising;
		}
		if (dev->state == XenbusStateInitialising)
			talk_to_backend(info);
		break;
	case XenbusStateConnected:
		if (dev->state == XenbusStateInitialised ||
		    dev->state == XenbusStateConnected)
			connect(info);
		break;
	case XenbusStateClosing:
		/*
		 * The toolstack detaches us (or the backend goes away): stop
		 * using the disk and say Closed, as Linux's frontend does;
		 * blkback disconnects only when it sees that. The ring stays
		 * granted until the backend is Closed too.
		 */
		shut_down(info);
		if (dev->state != XenbusStateClosed)
			xenbus_switch_state(dev, XenbusStateClosed);
		break;
	case XenbusStateClosed:
	case XenbusStateUnknown:
		/* the backend let go of the ring: free it */
		shut_down(info);
		free_ring(info);
		if (dev->state != XenbusStateClosed)
			xenbus_switch_state(dev, XenbusStateClosed);
		break;
	default:
		break;
	}
}

static int blkfront_probe(struct xenbus_device *dev)
{
	struct blkfront *info;
	char path[XENBUS_PATH + 24];
	u64 vdevice;
	int err;

	if (ktest_opt_blk_hostile) {
		pr_info("blkfront %s: left to the hostile frontend test\n",
			dev->nodename);
		return -ENODEV;
	}
	xenbus_node(path, sizeof(path), dev->nodename, "virtual-device");
	err = xs_read_uint(XS_TX_NONE, path, 0xffffffffULL, &vdevice);
	if (err) {
		pr_err("blkfront %s: bad or missing virtual-device (%d)\n",
		       dev->nodename, err);
		return err;
	}
	info = kzalloc(sizeof(*info));
	if (!info)
		return -ENOMEM;
	info->dev = dev;
	info->irq = -1;
	info->handle = (unsigned int)vdevice;
	init_work(&info->rsp_work, rsp_work_fn, info);
	blkif_disk_name(info->bd.name, sizeof(info->bd.name), vdevice);
	dev->priv = info;
	info->next = blkfronts;
	blkfronts = info;
	return 0;
}

static void blkfront_remove(struct xenbus_device *dev)
{
	struct blkfront *info = dev->priv, **pp;

	shut_down(info);
	free_ring(info);
	for (pp = &blkfronts; *pp; pp = &(*pp)->next) {
		if (*pp == info) {
			*pp = info->next;
			break;
		}
	}
	dev->priv = NULL;
	kfree(info);
}

static struct xenbus_driver blkfront_driver = {
	.type = "vbd",
	.probe = blkfront_probe,
	.otherend_changed = blkfront_otherend_changed,
	.remove = blkfront_remove,
};

int blkfront_init(void)
{
	return xenbus_register_driver(&blkfront_driver);
}

int blkfront_get_stats(const char *name, struct blkfront_stats *st)
{
	struct blkfront *info;

	for (info = blkfronts; info; info = info->next) {
		if (!strcmp(info->bd.name, name)) {
			*st = info->stats;
			st->persistent = info->persistent;
			st->indirect = info->indirect;
			st->ring_pages = 1u << info->ring_order;
			st->max_segs = info->max_segs;
			st->irq = info->irq;
			st->connected = info->dev->state == XenbusStateConnected;
			return 0;
		}
	}
	return -ENODEV;
}
