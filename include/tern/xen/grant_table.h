/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Grant tables, v1 (drivers/xen/grant_table.c): this domain lets another
 * domain map or copy one of its pages.
 *
 * The frame written into an entry is "the frame a peer uses for this
 * page", which is a memory-model question (the mfn under P2M, the gfn
 * under VP and P==M): gnttab_grant_page() asks the model
 * (arch_share_frame(), asm/dma-model.h, through arch_gnttab_frame() in
 * asm/xen/grant.h, which checks it fits v1's 32 bits), never a mode
 * test. The table is 32 frames (16384 entries) or Xen's maximum if
 * smaller; the monitor command `grants` shows entries, free, in use. Where the
 * table's own frames come from is the arch's (arch_gnttab_map(): PV
 * GNTTABOP_setup_table, PVH XENMEM_add_to_physmap onto gfns that are not
 * RAM).
 *
 * Rules: refs 0..GNTTAB_NR_RESERVED_ENTRIES-1 are the toolstack's
 * (console, xenstore) and never handed out; a ref is handed out once and
 * comes back only through a successful gnttab_end_access(); exhaustion is
 * -ENOSPC to the caller, never reuse. Ending access fails with -EBUSY
 * while the peer still has the page mapped (GTF_reading/GTF_writing): the
 * caller must then keep the page and the ref, and try again later.
 */
#ifndef _TERN_XEN_GRANT_TABLE_H
#define _TERN_XEN_GRANT_TABLE_H

#include <tern/types.h>
#include <xen/xen.h>
#include <xen/grant_table.h>

/* Map the table and build the free list: 0 or -errno. Once, at boot. */
int gnttab_init(void);
bool gnttab_ready(void);

/*
 * Grant domid access to the page at va (direct map, page-aligned; the
 * offset within the page is ignored). 0 and *ref, -ENOSPC (no free
 * ref), -ENODEV (no table), -ERANGE (the frame does not fit in v1).
 */
int gnttab_grant_page(domid_t domid, const void *va, bool readonly,
		      gref_t *ref);
/*
 * End access: 0 (the ref is free again), -EBUSY (the peer still maps
 * it; nothing changed), -EINVAL (not a ref we handed out).
 */
int gnttab_end_access(gref_t ref);
/* The number of refs that can still be handed out. */
unsigned int gnttab_free_count(void);
unsigned int gnttab_nr_entries(void);

/*
 * Copy between a peer's granted pages and our memory (GNTTABOP_copy), as
 * a backend moves a request's data: one piece per seg, len bytes at
 * ref_off in the page the peer granted as ref, and at local (direct
 * map) here; neither range may cross a page. to_peer: ours to theirs.
 * 0 when Xen copied every piece; -EIO with each piece's GNTST_* in
 * status when some failed (a bad ref is the peer's fault, not a crash);
 * -EINVAL for a piece that crosses a page or is empty.
 */
struct gnttab_copy_seg {
	gref_t ref;
	u16 ref_off;
	u16 len;
	void *local;
	s16 status;
};
int gnttab_copy(domid_t dom, struct gnttab_copy_seg *segs, unsigned int n,
		bool to_peer);

/* For tests: the entry's flags as Xen and the peer see them. */
u16 gnttab_entry_flags(gref_t ref);

#endif
