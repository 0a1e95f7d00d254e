// SPDX-License-Identifier: GPL-2.0
/*
 * blkback: a guest's virtual disk served from a Tern dom0
 * (io/blkif.h, backend half; include/tern/xen/blkback.h).
 *
 * Handshake (xenbus, backend side): at creation we go InitWait and
 * watch the frontend's state. When the frontend is Initialised (or
 * Connected: a frontend that reconnects) we read ring-ref,
 * event-channel and protocol once, map the ring pages (xen_grant_map:
 * the memory model's foreign mapping), bind the event channel, write
 * sectors, info, sector-size, physical-sector-size and
 * feature-flush-cache in one transaction and go Connected. The
 * frontend's Closing or Closed takes the ring down and we follow it to
 * Closing and Closed; a frontend that starts again (Initialising) finds
 * us in InitWait again.
 *
 * Requests: the frontend is another domain and not trusted. The ring is
 * read only through the pure consumer (drivers/xen/blkif_req.c): the
 * producer index once per pass and bounded against the ring, each
 * request copied out before it is checked against the export (op,
 * segments, sector range, alignment, read-only). A request that breaks
 * the rules is answered with an error; a frontend that breaks the ring
 * itself (a producer index beyond the ring) is cut off: the ring is
 * unmapped, the device goes Closing with an error node, dom0 and the
 * other guests carry on.
 *
 * Data. Where the device takes bus segments (BLK_FEAT_BUS_SEGS: NVMe),
 * the frontend's pages are mapped for device access
 * (xen_grant_map_dma(): the memory model says what bus address the
 * device uses for a page of another domain) and the device reads or
 * writes them directly: no copy in dom0. A request whose segments do not
 * chain for the device (blk_segs_fit(): sub-page segments in the middle,
 * a page beyond its DMA mask) and every request to other devices (RAM
 * disks) goes by grant copy (GNTTABOP_copy, gnttab_copy()) through a
 * bounce buffer instead. The mappings go before the request is
 * answered, so the frontend never gets back a page we still map. Either
 * way no mode test is needed here. One request is in flight per device: it is submitted to the
 * block layer and answered from its completion, which may come inside
 * blk_submit() (RAM disks, today's NVMe) or later from work.
 *
 * Offered: indirect segments (up to 32 pages a request, the indirect
 * pages mapped read-only just while the consumer copies them) and
 * persistent grants (harmless with grant copy: the frontend keeps its
 * grants, we copy through whichever refs it names).
 *
 * Discard is offered where the guest may write and the device takes it
 * (RAM disks free the pages a discard covers), and goes to the device in
 * pieces of at most DISCARD_MAX sectors (a frontend may discard the
 * whole disk at once; the block layer's requests are 32-bit).
 *
 * The disk is claimed (blk_claim()): a disk and one of its partitions
 * are never served at the same time.
 *
 * Rings of up to 2^RING_ORDER_MAX pages (max-ring-page-order), mapped
 * contiguously (xen_grant_map_pages()).
 *
 * Not yet (Documentation/blkback.md): several requests in flight.
 */
#include <tern/kernel.h>
#include <tern/mm.h>
#include <tern/monitor.h>
#include <tern/partdev.h>
#include <tern/printk.h>
#include <tern/string.h>
#include <tern/workqueue.h>
#include <tern/xen/blkback.h>
#include <tern/xen/blkif_req.h>
#include <tern/xen/events.h>
#include <tern/xen/grant_table.h>
#include <tern/xen/xenbus.h>
#include <asm/page.h>
#include <asm/xen/grant.h>
#include <xen/io/blkif.h>

#define PASS_MAX	32	/* requests taken per pass over the ring */
/* max-ring-page-order offered: 4 pages (Tern's blkfront's most) */
#define RING_ORDER_MAX	2
#define RING_PAGES_MAX	(1u << RING_ORDER_MAX)
/*
 * Indirect segments offered (feature-max-indirect-segments): 32 pages,
 * 128 KiB per request, Linux's blkfront default; one indirect page
 * holds them. Fewer when the block device takes less per request.
 */
#define MAX_SEGS	32
#define BOUNCE_PAGES	MAX_SEGS
/* a discard's piece: the block layer's nr_bytes is 32 bits */
#define DISCARD_MAX	(1ULL << 22)	/* sectors: 2 GiB */
/* copy pieces: a segment crosses at most one bounce page boundary */
#define MAX_PIECES	(2 * MAX_SEGS)

struct blkback {
	domid_t dom;
	u32 devid;
	struct block_device *bd;
	bool ro;
	char be[XENBUS_PATH];
	char fe[XENBUS_PATH];
	char fe_state[XENBUS_PATH + 8];
	struct xs_watch watch;
	enum xenbus_state state;	/* ours, as last written */

	/* the connection */
	bool connected;
	bool broken;
	struct xen_grant_mapping map[RING_PAGES_MAX];
	unsigned int ring_pages;	/* mapped while connected */
	int irq;
	struct blkif_back back;		/* the pure consumer's ring state */
	struct blkif_export ex;
	unsigned int max_segs;		/* indirect segments offered */
	struct work work;
	u8 *bounce;

	/* a discard goes to the device in pieces of at most DISCARD_MAX */
	u64 dsc_sector, dsc_left;
	bool dsc_resume;		/* a piece ended in end_io: go on */

	/* the request in flight */
	bool busy;
	bool in_submit;		/* blk_submit() is running */
	bool dead;		/* destroyed: end_io frees it */
	struct blkif_req req;
	struct blk_request rq;
	struct blkif_seg iseg[MAX_SEGS];	/* an indirect request's */
	struct gnttab_copy_seg piece[MAX_PIECES];
	unsigned int nr_pieces;
	/* or the frontend's pages, mapped for the device */
	struct xen_grant_mapping dmap[MAX_SEGS];
	struct blk_seg segs[MAX_SEGS];
	unsigned int nr_mapped;		/* > 0: the request goes direct */

	struct blkback_stats stats;
	struct blkback *next;
};

static struct blkback *all;

static int switch_state(struct blkback *b, enum xenbus_state s)
{
	char path[XENBUS_PATH + 8];
	int err;

	xenbus_node(path, sizeof(path), b->be, "state");
	err = xs_printf(XS_TX_NONE, path, "%u", s);
	if (!err)
		b->state = s;
	return err;
}

/* Cut a broken frontend off: one line, an error node, Closing. */
static void fatal(struct blkback *b, const char *why)
{
	char path[XENBUS_PATH + 8];

	pr_err("blkback %u/%u: %s: device closed\n", b->dom, b->devid, why);
	xenbus_node(path, sizeof(path), b->be, "error");
	xs_write(XS_TX_NONE, path, why);
	b->stats.broken = true;
	b->broken = true;
	switch_state(b, XenbusStateClosing);
}

static void disconnect(struct blkback *b)
{
	if (b->connected)
		pr_info("blkback %u/%u: disconnected: %llu requests, %llu KiB direct, %llu KiB bounced\n",
			b->dom, b->devid,
			(unsigned long long)b->stats.requests,
			(unsigned long long)(b->stats.direct_bytes >> 10),
			(unsigned long long)(b->stats.bounced_bytes >> 10));
	if (b->irq >= 0) {
		unbind_from_irqhandler(b->irq);
		b->irq = -1;
	}
	cancel_work(&b->work);
	while (b->ring_pages)
		if (xen_grant_unmap(&b->map[--b->ring_pages]))
			pr_err("blkback %u/%u: a ring page is still mapped\n",
			       b->dom, b->devid);
	b->connected = false;
}

static void blkback_irq(unsigned int irq, void *data)
{
	struct blkback *b = data;

	schedule_work(&b->work);
}

/* ---- data ---------------------------------------------------------- */

/*
 * The copy pieces of the request: segment i's bytes go to the bounce
 * buffer one after another, split where they cross a bounce page.
 */
static void make_pieces(struct blkback *b)
{
	const struct blkif_req *r = &b->req;
	const struct blkif_seg *seg = r->nr_indirect ? b->iseg : r->seg;
	unsigned int i, n = 0;
	u32 at = 0;

	for (i = 0; i < r->nr_segs; i++) {
		u32 len = seg[i].len, off = seg[i].offset;

		while (len) {
			u32 room = PAGE_SIZE - (at & (PAGE_SIZE - 1));
			u32 k = min(len, room);

			b->piece[n].ref = seg[i].gref;
			b->piece[n].ref_off = off;
			b->piece[n].len = k;
			b->piece[n].local = b->bounce + at;
			n++;
			at += k;
			off += k;
			len -= k;
		}
	}
	b->nr_pieces = n;
}

static void unmap_segs(struct blkback *b)
{
	if (b->nr_mapped && xen_grant_unmap_dma(b->dmap, b->nr_mapped))
		pr_err("blkback %u/%u: a data page is still mapped\n",
		       b->dom, b->devid);
	b->nr_mapped = 0;
}

/*
 * Map the request's pages for the device: 0 (b->segs ready), 1 (they
 * do not suit the device: bounce instead, nothing mapped), or -EIO (Xen
 * refused a grant: answer with an error, as a failed copy would).
 */
static int map_segs(struct blkback *b)
{
	const struct blkif_req *r = &b->req;
	const struct blkif_seg *seg = r->nr_indirect ? b->iseg : r->seg;
	/* a write to the disk only reads the guest's pages */
	bool ro = r->op == BLKIF_OP_WRITE;
	u32 refs[MAX_SEGS];
	u16 offs[MAX_SEGS];
	unsigned int i;
	s16 st;
	int err;

	if (r->nr_segs > MAX_SEGS || r->nr_segs > XEN_GRANT_DMA_BATCH)
		return 1;
	for (i = 0; i < r->nr_segs; i++) {
		refs[i] = gref_x(seg[i].gref);
		offs[i] = seg[i].offset;
	}
	err = xen_grant_map_dma(b->dom, refs, offs, r->nr_segs, ro, b->dmap,
				&st);
	if (err)
		return err == -EIO ? -EIO : 1;
	b->nr_mapped = r->nr_segs;
	for (i = 0; i < r->nr_segs; i++) {
		b->segs[i].va = NULL;	/* the device's only */
		b->segs[i].bus = b->dmap[i].bus;	/* at seg[i].offset */
		b->segs[i].len = seg[i].len;
	}
	if (!blk_segs_fit(b->bd, b->segs, r->nr_segs,
			  (u32)(r->nr_sectors << SECTOR_SHIFT))) {
		unmap_segs(b);
		return 1;
	}
	return 0;
}

static void answer(struct blkback *b, s16 status)
{
	unmap_segs(b);
	b->stats.requests++;
	if (status != BLKIF_RSP_OKAY)
		b->stats.errors++;
	blkif_put_response(&b->back, b->req.id, b->req.rsp_op, status);
	if (blkif_push_responses(&b->back))
		notify_remote_via_evtchn(evtchn_from_irq(b->irq));
}

static void finish(struct blkback *b, int err)
{
	s16 status = err ? BLKIF_RSP_ERROR : BLKIF_RSP_OKAY;

	if (!err && b->req.op == BLKIF_OP_READ && !b->nr_mapped &&
	    gnttab_copy(b->dom, b->piece, b->nr_pieces, true))
		status = BLKIF_RSP_ERROR;
	if (!err && (b->req.op == BLKIF_OP_READ ||
		     b->req.op == BLKIF_OP_WRITE)) {
		if (b->nr_mapped) {
			b->stats.direct_requests++;
			b->stats.direct_bytes += b->rq.nr_bytes;
		} else {
			b->stats.bounced_requests++;
			b->stats.bounced_bytes += b->rq.nr_bytes;
		}
	}
	if (!err && b->req.op == BLKIF_OP_READ)
		b->stats.read_bytes += b->rq.nr_bytes;
	if (!err && b->req.op == BLKIF_OP_WRITE)
		b->stats.write_bytes += b->rq.nr_bytes;
	b->busy = false;
	if (b->connected && !b->dead)
		answer(b, status);
}

static void free_blkback(struct blkback *b)
{
	unmap_segs(b);
	free_pages(b->bounce, BOUNCE_PAGES);
	kfree(b);
}

static void end_io(struct blk_request *rq, int err)
{
	struct blkback *b = rq->private;

	/* inside blk_submit(): start() finishes the request */
	if (b->in_submit)
		return;
	if (b->dead) {
		free_blkback(b);
		return;
	}
	if (!err && b->req.op == BLKIF_OP_DISCARD && b->dsc_left) {
		b->dsc_resume = true;	/* the work submits the next piece */
		schedule_work(&b->work);
		return;
	}
	finish(b, err);
	schedule_work(&b->work);
}

/*
 * Hand b->rq to the block layer: 0, or -errno after answering the
 * request with an error (the layer refused it).
 */
static int submit(struct blkback *b)
{
	int err;

	b->busy = true;
	b->in_submit = true;
	err = blk_submit(&b->rq);
	b->in_submit = false;
	if (err) {
		b->busy = false;
		answer(b, BLKIF_RSP_ERROR);
	}
	return err;
}

/*
 * The discard's pieces, one after another; true when it is answered
 * (done, or failed), false when a piece is at the device (end_io
 * resumes us).
 */
static bool discard_pieces(struct blkback *b)
{
	struct blk_request *rq = &b->rq;
	int last = 0;

	while (b->dsc_left) {
		u64 n = min(b->dsc_left, DISCARD_MAX);

		memset(rq, 0, sizeof(*rq));
		rq->bdev = b->bd;
		rq->end_io = end_io;
		rq->private = b;
		rq->op = BLK_OP_DISCARD;
		rq->sector = b->dsc_sector;
		rq->nr_bytes = (u32)(n << SECTOR_SHIFT);
		b->dsc_sector += n;
		b->dsc_left -= n;
		if (submit(b))
			return true;
		if (!rq->done)
			return false;
		last = rq->error;
		if (last)
			break;
	}
	finish(b, last);
	return true;
}

/* Start one checked request; true when it is answered already. */
static bool start(struct blkback *b)
{
	struct blk_request *rq = &b->rq;

	if (b->req.op == BLKIF_OP_DISCARD) {
		b->dsc_sector = b->req.sector;
		b->dsc_left = b->req.nr_sectors;
		return discard_pieces(b);
	}
	memset(rq, 0, sizeof(*rq));
	rq->bdev = b->bd;
	rq->end_io = end_io;
	rq->private = b;
	if (b->req.op == BLKIF_OP_FLUSH_DISKCACHE) {
		rq->op = BLK_OP_FLUSH;
	} else {
		rq->op = b->req.op == BLKIF_OP_WRITE ? BLK_OP_WRITE :
						     BLK_OP_READ;
		rq->sector = b->req.sector;
		rq->nr_bytes = (u32)(b->req.nr_sectors << SECTOR_SHIFT);
		if ((b->bd->features & BLK_FEAT_BUS_SEGS) && map_segs(b) < 0) {
			answer(b, BLKIF_RSP_ERROR);
			return true;
		}
		if (b->nr_mapped) {
			rq->segs = b->segs;
			rq->nr_segs = b->nr_mapped;
		} else {
			rq->buf = b->bounce;
			make_pieces(b);
			if (rq->op == BLK_OP_WRITE &&
			    gnttab_copy(b->dom, b->piece, b->nr_pieces,
					false)) {
				answer(b, BLKIF_RSP_ERROR);
				return true;
			}
		}
	}
	if (submit(b))
		return true;
	if (rq->done) {
		finish(b, rq->error);
		return true;
	}
	return false;		/* end_io answers it and schedules us */
}

/*
 * An indirect request's segments: its indirect pages mapped read-only
 * (the memory model's foreign mapping) just long enough for the pure
 * consumer to copy and check them. 0, or an error to answer with.
 */
static int read_indirect(struct blkback *b, const char **why)
{
	struct xen_grant_mapping m[BLKIF_MAX_INDIRECT_PAGES_PER_REQUEST];
	const void *pages[BLKIF_MAX_INDIRECT_PAGES_PER_REQUEST];
	unsigned int i, mapped = 0;
	int err = 0;

	if (b->req.nr_segs > MAX_SEGS) {
		*why = "more indirect segments than offered";
		return -EINVAL;
	}
	for (i = 0; i < b->req.nr_indirect; i++) {
		s16 st;

		if (xen_grant_map(b->dom, gref_x(b->req.indirect[i]), true,
				  &m[i], &st)) {
			*why = "an indirect page cannot be mapped";
			err = -EINVAL;
			break;
		}
		pages[i] = m[i].va;
		mapped++;
	}
	if (!err)
		err = blkif_req_indirect(&b->req, pages, &b->ex, b->iseg, why);
	for (i = 0; i < mapped; i++)
		xen_grant_unmap(&m[i]);
	return err;
}

static void blkback_work(struct work *w)
{
	struct blkback *b = w->data;
	unsigned int done = 0;

	if (b->dsc_resume) {
		b->dsc_resume = false;
		if (!discard_pieces(b))
			return;
	}
	while (b->connected && !b->broken && !b->busy) {
		union blkif_req_copy c;
		const char *why = NULL;
		int n = blkif_take_requests(&b->back, &c, 1, &why);

		if (n < 0) {
			disconnect(b);
			fatal(b, why);
			return;
		}
		if (!n) {
			if (blkif_final_check_requests(&b->back))
				continue;
			return;		/* req_event is set: an event comes */
		}
		n = blkif_req_check(&c, b->back.abi, &b->ex, &b->req, &why);
		if (!n && b->req.nr_indirect)
			n = read_indirect(b, &why);
		if (n) {
			/* a bad request: answered, the ring goes on */
			pr_warn("blkback %u/%u: request refused: %s\n",
				b->dom, b->devid, why);
			answer(b, blkif_req_status(n));
			continue;
		}
		if (!start(b))
			return;		/* end_io schedules us again */
		if (++done >= PASS_MAX) {
			schedule_work(&b->work);
			return;
		}
	}
}

/* ---- handshake ----------------------------------------------------- */

/* Discard: where the guest may write and the device takes it. */
static bool discard_offered(const struct blkback *b)
{
	return !b->ro && (b->bd->features & BLK_FEAT_DISCARD);
}

static int read_fe_uint(struct blkback *b, const char *node, u64 max,
			u64 *v)
{
	char path[XENBUS_PATH + 24];

	xenbus_node(path, sizeof(path), b->fe, node);
	return xs_read_uint(XS_TX_NONE, path, max, v);
}

static int disk_nodes(xs_tx_t tx, void *arg)
{
	static const char *const names[] = {
		"sectors", "info", "sector-size", "physical-sector-size",
		"feature-flush-cache",
	};
	struct blkback *b = arg;
	u64 vals[ARRAY_SIZE(names)] = {
		b->bd->nr_sectors,
		b->ro ? VDISK_READONLY : 0,
		b->bd->logical_block_size,
		b->bd->logical_block_size,
		!!(b->bd->features & BLK_FEAT_FLUSH),
	};
	char path[XENBUS_PATH + 24];
	unsigned int i;
	int err = 0;

	for (i = 0; !err && i < ARRAY_SIZE(names); i++) {
		xenbus_node(path, sizeof(path), b->be, names[i]);
		err = xs_printf(tx, path, "%llu", (unsigned long long)vals[i]);
	}
	return err;
}

static void connect(struct blkback *b)
{
	char path[XENBUS_PATH + 24], proto[32];
	const char *why = NULL;
	enum blkif_abi abi;
	u32 refs[RING_PAGES_MAX];
	u64 ref, port, order;
	unsigned int i;
	s16 st;
	int err;

	/* one page: ring-ref; 2^order pages: ring-page-order, ring-refN */
	err = read_fe_uint(b, "ring-page-order", 16, &order);
	if (err == -ENOENT)
		order = 0;
	else if (err || order > RING_ORDER_MAX) {
		fatal(b, "a ring-page-order beyond max-ring-page-order");
		return;
	}
	for (i = 0; i < (1u << order); i++) {
		char node[16];

		if (order)
			snprintf(node, sizeof(node), "ring-ref%u", i);
		else
			strlcpy(node, "ring-ref", sizeof(node));
		if (read_fe_uint(b, node, 0xffffffffULL, &ref)) {
			fatal(b, "no valid ring-ref");
			return;
		}
		refs[i] = (u32)ref;
	}
	if (read_fe_uint(b, "event-channel", evtchn_max_ports() - 1, &port)) {
		fatal(b, "no valid event-channel");
		return;
	}
	xenbus_node(path, sizeof(path), b->fe, "protocol");
	err = xs_read(XS_TX_NONE, path, proto, sizeof(proto));
	if (err < 0 && err != -ENOENT) {
		fatal(b, "unreadable protocol");
		return;
	}
	if (blkif_parse_protocol(err == -ENOENT ? NULL : proto, &abi, &why)) {
		fatal(b, why);
		return;
	}
	memset(&b->ex, 0, sizeof(b->ex));
	b->ex.sectors = b->bd->nr_sectors;
	b->ex.sector_size = b->bd->logical_block_size;
	b->ex.read_only = b->ro;
	b->ex.flush = b->bd->features & BLK_FEAT_FLUSH;
	b->ex.discard = discard_offered(b);
	b->ex.max_indirect_segs = b->max_segs;
	if (blkif_export_check(&b->ex, &why)) {
		fatal(b, why);
		return;
	}
	err = xen_grant_map_pages(b->dom, refs, 1u << order, false, b->map,
				  &st);
	if (err) {
		pr_err("blkback %u/%u: ring grants not mapped: %d/%d\n",
		       b->dom, b->devid, err, st);
		fatal(b, "the ring cannot be mapped");
		return;
	}
	b->ring_pages = 1u << order;
	b->stats.ring_pages = b->ring_pages;
	b->connected = true;
	err = blkif_back_init(&b->back, b->map[0].va,
			      blkif_ring_ents((unsigned int)order, abi), abi, 0,
			      &why);
	if (err) {
		disconnect(b);
		fatal(b, why);
		return;
	}
	b->irq = bind_interdomain_evtchn_to_irqhandler(b->dom, (u32)port,
						       blkback_irq, "blkback",
						       b);
	if (b->irq < 0) {
		disconnect(b);
		fatal(b, "the event channel cannot be bound");
		return;
	}
	err = xs_transact(disk_nodes, b);
	if (!err)
		err = switch_state(b, XenbusStateConnected);
	if (err) {
		disconnect(b);
		fatal(b, "the disk's nodes cannot be written");
		return;
	}
	b->stats.connects++;
	pr_info("blkback %u/%u: connected (%s, %llu sectors%s, ring of %u page%s)\n",
		b->dom, b->devid, b->bd->name,
		(unsigned long long)b->bd->nr_sectors,
		b->ro ? ", read-only" : "", b->ring_pages,
		b->ring_pages == 1 ? "" : "s");
	schedule_work(&b->work);
}

static void fe_changed(struct xs_watch *w, const char *path)
{
	struct blkback *b = w->data;
	enum xenbus_state s = xenbus_read_state(b->fe_state);

	switch (s) {
	case XenbusStateInitialising:
		if (b->state == XenbusStateClosed) {
			b->broken = false;
			switch_state(b, XenbusStateInitWait);
		}
		break;
	case XenbusStateInitialised:
	case XenbusStateConnected:
		if (b->state == XenbusStateInitWait && !b->connected &&
		    !b->broken)
			connect(b);
		break;
	case XenbusStateClosing:
		disconnect(b);
		if (b->state != XenbusStateClosed)
			switch_state(b, XenbusStateClosing);
		break;
	case XenbusStateClosed:
		disconnect(b);
		switch_state(b, XenbusStateClosed);
		break;
	default:
		break;
	}
}

/*
 * What the frontend may use, before InitWait: indirect segments (when the
 * device takes more than one direct request's 11 pages) and persistent
 * grants. Data moves by grant copy, so a frontend that keeps its grants
 * (Linux's blkfront then copies through a fixed pool) costs us nothing.
 */
static int advertise(struct blkback *b)
{
	char path[XENBUS_PATH + 40];
	int err = 0;

	if (discard_offered(b)) {
		static const char *const names[] = {
			"feature-discard", "discard-granularity",
			"discard-alignment", "discard-secure",
		};
		u32 vals[] = { 1, b->bd->logical_block_size, 0, 0 };
		unsigned int i;

		for (i = 0; !err && i < ARRAY_SIZE(names); i++) {
			xenbus_node(path, sizeof(path), b->be, names[i]);
			err = xs_printf(XS_TX_NONE, path, "%u", vals[i]);
		}
	}
	if (b->max_segs > BLKIF_MAX_SEGMENTS_PER_REQUEST) {
		xenbus_node(path, sizeof(path), b->be,
			    "feature-max-indirect-segments");
		err = xs_printf(XS_TX_NONE, path, "%u", b->max_segs);
	} else {
		b->max_segs = 0;
	}
	if (!err) {
		xenbus_node(path, sizeof(path), b->be, "feature-persistent");
		err = xs_write(XS_TX_NONE, path, "1");
	}
	if (!err) {
		xenbus_node(path, sizeof(path), b->be, "max-ring-page-order");
		err = xs_printf(XS_TX_NONE, path, "%u", RING_ORDER_MAX);
	}
	return err;
}

int blkback_create(domid_t dom, u32 devid, const char *be_dir,
		   const char *fe_dir, struct block_device *bd, bool ro,
		   struct blkback **out)
{
	struct blkback *b;
	int err;

	if (strlen(be_dir) >= XENBUS_PATH || strlen(fe_dir) >= XENBUS_PATH)
		return -ENAMETOOLONG;
	b = kzalloc(sizeof(*b));
	if (!b)
		return -ENOMEM;
	b->bounce = alloc_pages(BOUNCE_PAGES, 0);
	if (!b->bounce) {
		kfree(b);
		return -ENOMEM;
	}
	/* a disk and its partition are never served together */
	err = blk_claim(bd, "blkback");
	if (err) {
		pr_err("blkback %u/%u: %s is in use (%s, or its disk or a partition of it)\n",
		       dom, devid, bd->name, bd->holder ? bd->holder : "held");
		free_pages(b->bounce, BOUNCE_PAGES);
		kfree(b);
		return err;
	}
	b->dom = dom;
	b->devid = devid;
	b->bd = bd;
	b->ro = ro || bd->read_only;
	b->irq = -1;
	strlcpy(b->be, be_dir, sizeof(b->be));
	strlcpy(b->fe, fe_dir, sizeof(b->fe));
	xenbus_node(b->fe_state, sizeof(b->fe_state), b->fe, "state");
	init_work(&b->work, blkback_work, b);
	b->max_segs = min(bd->max_bytes / (u32)PAGE_SIZE, (u32)MAX_SEGS);
	err = advertise(b);
	if (!err)
		err = switch_state(b, XenbusStateInitWait);
	if (!err) {
		b->watch.path = b->fe_state;
		b->watch.cb = fe_changed;
		b->watch.data = b;
		err = xs_watch(&b->watch);
	}
	if (err) {
		blk_unclaim(bd);
		free_pages(b->bounce, BOUNCE_PAGES);
		kfree(b);
		return err;
	}
	b->next = all;
	all = b;
	*out = b;
	return 0;
}

void blkback_destroy(struct blkback *b)
{
	struct blkback **pp;

	if (!b)
		return;
	xs_unwatch(&b->watch);
	disconnect(b);
	blk_unclaim(b->bd);
	for (pp = &all; *pp; pp = &(*pp)->next) {
		if (*pp == b) {
			*pp = b->next;
			break;
		}
	}
	/*
	 * A request still in the block layer frees it when it ends (a
	 * discard between two pieces has none there).
	 */
	if (b->busy && !b->dsc_resume)
		b->dead = true;
	else
		free_blkback(b);
}

void blkback_get_stats(const struct blkback *b, struct blkback_stats *s)
{
	*s = b->stats;
	s->connected = b->connected && b->state == XenbusStateConnected;
}

static void blkback_cmd(void)
{
	struct blkback *b;

	if (!all) {
		printk("blkback: no devices\n");
		return;
	}
	for (b = all; b; b = b->next)
		printk("dom %u dev %u: %s%s, %s, %llu requests (%llu errors), read %llu KiB, written %llu KiB; direct %llu KiB, bounced %llu KiB\n",
		       b->dom, b->devid, b->bd->name, b->ro ? " (ro)" : "",
		       b->broken ? "broken" : b->connected ? "connected" :
		       xenbus_strstate(b->state),
		       (unsigned long long)b->stats.requests,
		       (unsigned long long)b->stats.errors,
		       (unsigned long long)(b->stats.read_bytes >> 10),
		       (unsigned long long)(b->stats.write_bytes >> 10),
		       (unsigned long long)(b->stats.direct_bytes >> 10),
		       (unsigned long long)(b->stats.bounced_bytes >> 10));
}
MONITOR_CMD(blkback_monitor, "blkback",
	    "blkback: the disks this dom0 serves", blkback_cmd);
