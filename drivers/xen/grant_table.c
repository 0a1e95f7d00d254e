// SPDX-License-Identifier: GPL-2.0
/*
 * Grant tables, v1 (include/tern/xen/grant_table.h): one implementation
 * for every Xen role. The arch maps the table (arch_gnttab_map()) and
 * says which frame number a page is shared by (arch_gnttab_frame(), the
 * memory model's share frame); nothing here asks for the role.
 *
 * The table is shared with Xen (and, through Xen, every peer): Xen sets
 * GTF_reading/GTF_writing in an entry's flags while a peer maps the page,
 * so flags are only changed with a compare-exchange, and the page is
 * given back only when neither bit is set. An entry is filled in the
 * order the v1 ABI asks: frame and domid, write barrier, then the flags
 * that make it valid.
 *
 * Free list: next[] has one slot per entry. A free ref holds the index of
 * the next free ref (GNT_END ends the list), a ref handed out holds
 * GNT_IN_USE, a reserved one (0..GNTTAB_NR_RESERVED_ENTRIES-1, the
 * toolstack's console and xenstore grants) GNT_RESERVED. So a ref is on
 * the list at most once, gnttab_end_access() accepts only refs handed
 * out, and nr_free is the length of the list. Changes happen with
 * interrupts off (a completion handler may end access).
 */
#include <tern/boot_trace.h>
#include <tern/kernel.h>
#include <tern/mm.h>
#include <tern/monitor.h>
#include <tern/printk.h>
#include <tern/spinlock.h>
#include <tern/string.h>
#include <tern/xen/grant_table.h>
#include <asm/bitops.h>
#include <asm/page.h>
#include <asm/pv_ops.h>
#include <asm/xen/grant.h>
#include <xen/event_channel.h>

/* 32 frames: 16384 v1 entries, half of Xen 4.17's default maximum. */
#define GNTTAB_WANT_FRAMES	32
#define GNT_END			0xffffffffu
#define GNT_IN_USE		0xfffffffeu
#define GNT_RESERVED		0xfffffffdu
/* compare-exchange attempts against a peer that keeps changing flags */
#define GNT_END_TRIES		1000

static struct grant_entry_v1 *gnt_table;
static u32 *gnt_next;
static u32 gnt_free_head = GNT_END;
static unsigned int gnt_nr_entries, gnt_nr_free, gnt_nr_frames;

bool gnttab_ready(void)
{
	return gnt_table != NULL;
}

unsigned int gnttab_free_count(void)
{
	return gnt_nr_free;
}

unsigned int gnttab_nr_entries(void)
{
	return gnt_nr_entries;
}

static int query_frames(unsigned int *nr)
{
	struct gnttab_query_size q = { .dom = DOMID_SELF };
	long rc;

	rc = HYPERVISOR_grant_table_op(GNTTABOP_query_size, &q, 1);
	if (rc || q.status != GNTST_okay || !q.max_nr_frames)
		return -ENODEV;
	*nr = min(q.max_nr_frames, (u32)GNTTAB_WANT_FRAMES);
	if (*nr < q.nr_frames)
		*nr = min(q.nr_frames, (u32)GNTTAB_WANT_FRAMES);
	return 0;
}

static int use_v1(void)
{
	struct gnttab_set_version v = { .version = 1 };
	long rc = HYPERVISOR_grant_table_op(GNTTABOP_set_version, &v, 1);

	/* an old Xen without set_version only has v1 */
	if (rc == -ENOSYS)
		return 0;
	return rc || v.version != 1 ? -EIO : 0;
}

int gnttab_init(void)
{
	unsigned int nr, i, npages;
	void *table;
	int err;

	if (gnt_table)
		return 0;
	err = query_frames(&nr);
	if (!err)
		err = use_v1();
	if (err)
		goto fail;
	gnt_nr_entries = nr * (PAGE_SIZE / sizeof(struct grant_entry_v1));
	npages = DIV_ROUND_UP(gnt_nr_entries * sizeof(u32), PAGE_SIZE);
	gnt_next = alloc_pages(npages, 0);
	if (!gnt_next) {
		err = -ENOMEM;
		goto fail;
	}
	err = arch_gnttab_map(nr, &table);
	if (err) {
		free_pages(gnt_next, npages);
		gnt_next = NULL;
		goto fail;
	}
	for (i = 0; i < GNTTAB_NR_RESERVED_ENTRIES; i++)
		gnt_next[i] = GNT_RESERVED;
	/* lowest ref first: a short table dump shows what is in use */
	for (i = GNTTAB_NR_RESERVED_ENTRIES; i < gnt_nr_entries; i++)
		gnt_next[i] = i + 1 < gnt_nr_entries ? i + 1 : GNT_END;
	gnt_free_head = GNTTAB_NR_RESERVED_ENTRIES;
	gnt_nr_free = gnt_nr_entries - GNTTAB_NR_RESERVED_ENTRIES;
	gnt_nr_frames = nr;
	gnt_table = table;
	if (opt_boot_trace)
		printk("grant: table %u frames, %u entries\n", nr,
		       gnt_nr_entries);
	return 0;
fail:
	gnt_nr_entries = 0;
	pr_warn("grant: no grant table (%d)\n", err);
	return err;
}

/* The free list (gnt_free_head, gnt_next, gnt_nr_free): any CPU. */
static DEFINE_SPINLOCK(gnt_lock);

static int get_free_ref(u32 *ref)
{
	unsigned long f = spin_lock_irqsave(&gnt_lock);
	u32 r = gnt_free_head;

	if (r == GNT_END || r >= gnt_nr_entries) {
		spin_unlock_irqrestore(&gnt_lock, f);
		return -ENOSPC;
	}
	gnt_free_head = gnt_next[r];
	gnt_next[r] = GNT_IN_USE;
	gnt_nr_free--;
	spin_unlock_irqrestore(&gnt_lock, f);
	*ref = r;
	return 0;
}

static void put_free_ref(u32 r)
{
	unsigned long f = spin_lock_irqsave(&gnt_lock);

	gnt_next[r] = gnt_free_head;
	gnt_free_head = r;
	gnt_nr_free++;
	spin_unlock_irqrestore(&gnt_lock, f);
}

int gnttab_grant_page(domid_t domid, const void *va, bool readonly,
		      gref_t *ref)
{
	struct grant_entry_v1 *e;
	u32 frame, r;
	int err;

	if (!gnt_table)
		return -ENODEV;
	err = arch_gnttab_frame((const void *)ALIGN_DOWN((uintptr_t)va,
							 PAGE_SIZE), &frame);
	if (err)
		return err;
	err = get_free_ref(&r);
	if (err)
		return err;
	e = &gnt_table[r];
	WRITE_ONCE(e->frame, frame);
	WRITE_ONCE(e->domid, domid);
	wmb();
	WRITE_ONCE(e->flags, (u16)(GTF_permit_access |
				   (readonly ? GTF_readonly : 0)));
	*ref = _gref(r);
	return 0;
}

int gnttab_end_access(gref_t ref)
{
	u32 r = gref_x(ref);
	u16 *flags, old;
	unsigned int tries;

	if (!gnt_table || r >= gnt_nr_entries || gnt_next[r] != GNT_IN_USE)
		return -EINVAL;
	flags = &gnt_table[r].flags;
	old = READ_ONCE(*flags);
	for (tries = 0; tries < GNT_END_TRIES; tries++) {
		if (old & (GTF_reading | GTF_writing))
			return -EBUSY;
		/* on failure old is what Xen left there: look again */
		if (__atomic_compare_exchange_n(flags, &old, 0, false,
						__ATOMIC_SEQ_CST,
						__ATOMIC_SEQ_CST)) {
			put_free_ref(r);
			return 0;
		}
	}
	return -EBUSY;
}

u16 gnttab_entry_flags(gref_t ref)
{
	u32 r = gref_x(ref);

	if (!gnt_table || r >= gnt_nr_entries)
		return 0;
	return READ_ONCE(gnt_table[r].flags);
}

/*
 * Grant copy, batched: Xen copies between the peer's granted pages and
 * ours, so neither side maps anything. Our side is named by its share
 * frame (the memory model's answer, as for a grant we give).
 */
#define COPY_BATCH	16

int gnttab_copy(domid_t dom, struct gnttab_copy_seg *segs, unsigned int n,
		bool to_peer)
{
	struct gnttab_copy op[COPY_BATCH];
	unsigned int i, done = 0, k;
	int err = 0;

	for (i = 0; i < n; i++) {
		unsigned long in = (unsigned long)segs[i].local & (PAGE_SIZE - 1);

		if (!segs[i].len || in + segs[i].len > PAGE_SIZE ||
		    segs[i].ref_off + segs[i].len > PAGE_SIZE)
			return -EINVAL;
	}
	while (done < n) {
		k = min(n - done, (unsigned int)COPY_BATCH);
		memset(op, 0, k * sizeof(op[0]));
		for (i = 0; i < k; i++) {
			struct gnttab_copy_seg *s = &segs[done + i];
			struct gnttab_copy *o = &op[i];
			struct gnttab_copy_ptr *peer, *mine;
			u32 frame;

			peer = to_peer ? &o->dest : &o->source;
			mine = to_peer ? &o->source : &o->dest;
			if (arch_gnttab_frame(s->local, &frame))
				return -ERANGE;
			peer->u.ref = gref_x(s->ref);
			peer->domid = dom;
			peer->offset = s->ref_off;
			mine->u.gmfn = frame;
			mine->domid = DOMID_SELF;
			mine->offset = (unsigned long)s->local &
				       (PAGE_SIZE - 1);
			o->len = s->len;
			o->flags = to_peer ? GNTCOPY_dest_gref :
					     GNTCOPY_source_gref;
		}
		if (HYPERVISOR_grant_table_op(GNTTABOP_copy, op, k))
			return -EIO;
		for (i = 0; i < k; i++) {
			segs[done + i].status = op[i].status;
			if (op[i].status != GNTST_okay)
				err = -EIO;
		}
		done += k;
	}
	return err;
}

/*
 * Xen knows our id; a guest has no hypercall that just says it. An
 * unbound port offered to DOMID_SELF records the remote as our real id
 * (a loopback bind checks it against the binder's), and
 * EVTCHNOP_status reads it back. The port is closed again.
 */
int xen_self_domid(domid_t *domid)
{
	static domid_t self;
	static bool known;
	struct evtchn_alloc_unbound au = {
		.dom = DOMID_SELF,
		.remote_dom = DOMID_SELF,
	};
	struct evtchn_status st = { .dom = DOMID_SELF };
	struct evtchn_close cl;
	long rc;

	if (known) {
		*domid = self;
		return 0;
	}
	rc = HYPERVISOR_event_channel_op(EVTCHNOP_alloc_unbound, &au);
	if (rc)
		return -EIO;
	st.port = au.port;
	rc = HYPERVISOR_event_channel_op(EVTCHNOP_status, &st);
	cl.port = au.port;
	HYPERVISOR_event_channel_op(EVTCHNOP_close, &cl);
	if (rc || st.status != EVTCHNSTAT_unbound ||
	    st.u.unbound.dom >= DOMID_FIRST_RESERVED)
		return -EIO;
	self = st.u.unbound.dom;
	known = true;
	*domid = self;
	return 0;
}

static void grants_cmd(void)
{
	if (!gnt_table) {
		printk("grants: no grant table\n");
		return;
	}
	printk("grants: frames %u entries %u free %u in use %u reserved %u\n",
	       gnt_nr_frames, gnt_nr_entries, gnt_nr_free,
	       gnt_nr_entries - GNTTAB_NR_RESERVED_ENTRIES - gnt_nr_free,
	       GNTTAB_NR_RESERVED_ENTRIES);
}
MONITOR_CMD(grants_monitor, "grants",
	    "grant table: entries, free, in use", grants_cmd);
