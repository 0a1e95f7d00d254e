// SPDX-License-Identifier: GPL-2.0
/*
 * Grant tables against Xen's own view, in every Xen role. We grant our
 * own pages to our own domain id (the real one: DOMID_SELF is not valid
 * in an entry) and let Xen use the grants: GNTTABOP_copy through a ref
 * must move the bytes (so the frame in the entry is the one Xen
 * resolves: the mfn under PV, the gfn under PVH), a read-only grant must
 * refuse a copy into it, an ended ref must refuse a copy, and a grant
 * mapped with GNTTABOP_map_grant_ref (Xen sets GTF_reading/writing)
 * must make gnttab_end_access() answer -EBUSY until it is unmapped (PV
 * only: a PVH domain mapping its own grant loses the page's gfn in Xen
 * 4.17, so that case skips there; so does an architecture without
 * foreign mappings, XEN_GRANT_CAN_MAP 0 in asm/xen/grant.h).
 * The free list is checked by exhaustion: every ref handed out once,
 * never a reserved one, and all back after ending access.
 */
#include <tern/ktest.h>
#include <tern/mm.h>
#include <tern/string.h>
#include <tern/xen/grant_table.h>
#include <asm/page.h>
#include <asm/xen/grant.h>

static domid_t self;

static int grant_init(const char **reason)
{
	if (!gnttab_ready()) {
		*reason = "no grant table (not on Xen)";
		return -ENODEV;
	}
	if (xen_self_domid(&self)) {
		*reason = "own domain id unknown";
		return -EIO;
	}
	return 0;
}

static void fill(u8 *p, u8 seed)
{
	unsigned int i;

	for (i = 0; i < PAGE_SIZE; i++)
		p[i] = (u8)(seed + i * 7);
}

/* Xen copies one page: a side is a grant ref of ours or a local frame. */
static s16 xen_copy(const void *src, gref_t src_ref, const void *dst,
		    gref_t dst_ref, bool src_is_ref, bool dst_is_ref)
{
	struct gnttab_copy op = { .len = PAGE_SIZE };
	u32 frame;

	if (src_is_ref) {
		op.flags |= GNTCOPY_source_gref;
		op.source.u.ref = gref_x(src_ref);
		op.source.domid = self;
	} else {
		if (arch_gnttab_frame(src, &frame))
			return GNTST_general_error;
		op.source.u.gmfn = frame;
		op.source.domid = DOMID_SELF;
	}
	if (dst_is_ref) {
		op.flags |= GNTCOPY_dest_gref;
		op.dest.u.ref = gref_x(dst_ref);
		op.dest.domid = self;
	} else {
		if (arch_gnttab_frame(dst, &frame))
			return GNTST_general_error;
		op.dest.u.gmfn = frame;
		op.dest.domid = DOMID_SELF;
	}
	if (HYPERVISOR_grant_table_op(GNTTABOP_copy, &op, 1))
		return GNTST_general_error;
	return op.status;
}

struct pages {
	u8 *a, *b;
};

static bool get_pages(struct ktest *t, struct pages *p)
{
	p->a = alloc_page(GFP_ZERO);
	p->b = alloc_page(GFP_ZERO);
	if (!p->a || !p->b) {
		ktest_fail(t, __FILE__, __LINE__, "no pages");
		return false;
	}
	return true;
}

static void put_pages(struct pages *p)
{
	if (p->a)
		free_page(p->a);
	if (p->b)
		free_page(p->b);
}

static void table_matches_xen(struct ktest *t)
{
	struct gnttab_query_size q = { .dom = DOMID_SELF };
	unsigned int n = gnttab_nr_entries();

	KTEST_ASSERT(t, !HYPERVISOR_grant_table_op(GNTTABOP_query_size,
						    &q, 1));
	KTEST_EXPECT_EQ(t, q.status, GNTST_okay);
	ktest_log(t, "Xen: %u of max %u frames; ours %u entries, %u free",
		  q.nr_frames, q.max_nr_frames, n, gnttab_free_count());
	/* Xen grew the table to at least what we mapped */
	KTEST_EXPECT(t, n && n <= q.nr_frames * (PAGE_SIZE /
						 sizeof(struct grant_entry_v1)));
	KTEST_EXPECT(t, gnttab_free_count() <= n - GNTTAB_NR_RESERVED_ENTRIES);
	/* a reserved ref is never ours to end */
	KTEST_EXPECT_EQ(t, gnttab_end_access(_gref(0)), -EINVAL);
	KTEST_EXPECT_EQ(t, gnttab_end_access(_gref(1)), -EINVAL);
	KTEST_EXPECT_EQ(t, gnttab_end_access(_gref(n)), -EINVAL);
}

static void copy_from_grant(struct ktest *t)
{
	struct pages p;
	gref_t ref;
	s16 st;

	if (!get_pages(t, &p))
		goto out;
	fill(p.a, 0x35);
	KTEST_ASSERT(t, !gnttab_grant_page(self, p.a, true, &ref));
	KTEST_EXPECT(t, gref_x(ref) >= GNTTAB_NR_RESERVED_ENTRIES);
	st = xen_copy(NULL, ref, p.b, ref, true, false);
	KTEST_EXPECT_EQ(t, st, GNTST_okay);
	KTEST_EXPECT(t, !memcmp(p.a, p.b, PAGE_SIZE));
	/* Xen dropped its transient pin: only our flags are left */
	KTEST_EXPECT_EQ(t, gnttab_entry_flags(ref),
			GTF_permit_access | GTF_readonly);
	KTEST_EXPECT_EQ(t, gnttab_end_access(ref), 0);
	KTEST_EXPECT_EQ(t, gnttab_entry_flags(ref), 0);
out:
	put_pages(&p);
}

static void copy_into_grant(struct ktest *t)
{
	struct pages p;
	gref_t rw, ro;
	s16 st;

	if (!get_pages(t, &p))
		goto out;
	fill(p.a, 0x5a);
	KTEST_ASSERT(t, !gnttab_grant_page(self, p.b, false, &rw));
	st = xen_copy(p.a, rw, NULL, rw, false, true);
	KTEST_EXPECT_EQ(t, st, GNTST_okay);
	KTEST_EXPECT(t, !memcmp(p.a, p.b, PAGE_SIZE));
	KTEST_EXPECT_EQ(t, gnttab_entry_flags(rw), GTF_permit_access);
	KTEST_EXPECT_EQ(t, gnttab_end_access(rw), 0);

	/* read-only: Xen refuses to write, the page is untouched */
	memset(p.b, 0, PAGE_SIZE);
	KTEST_ASSERT(t, !gnttab_grant_page(self, p.b, true, &ro));
	st = xen_copy(p.a, ro, NULL, ro, false, true);
	ktest_log(t, "copy into a read-only grant: status %d", st);
	KTEST_EXPECT(t, st != GNTST_okay);
	KTEST_EXPECT_EQ(t, p.b[0], 0);
	KTEST_EXPECT_EQ(t, p.b[PAGE_SIZE - 1], 0);
	KTEST_EXPECT_EQ(t, gnttab_entry_flags(ro),
			GTF_permit_access | GTF_readonly);
	KTEST_EXPECT_EQ(t, gnttab_end_access(ro), 0);
out:
	put_pages(&p);
}

static void ended_ref_refuses(struct ktest *t)
{
	unsigned int before = gnttab_free_count();
	struct pages p;
	gref_t ref;
	s16 st;

	if (!get_pages(t, &p))
		goto out;
	fill(p.a, 0x11);
	KTEST_ASSERT(t, !gnttab_grant_page(self, p.a, false, &ref));
	KTEST_EXPECT_EQ(t, gnttab_free_count(), before - 1);
	KTEST_EXPECT_EQ(t, gnttab_end_access(ref), 0);
	KTEST_EXPECT_EQ(t, gnttab_free_count(), before);
	/* ending twice is a caller bug, not a second free */
	KTEST_EXPECT_EQ(t, gnttab_end_access(ref), -EINVAL);
	KTEST_EXPECT_EQ(t, gnttab_free_count(), before);
	st = xen_copy(NULL, ref, p.b, ref, true, false);
	ktest_log(t, "copy through an ended ref: status %d", st);
	KTEST_EXPECT(t, st != GNTST_okay);
	KTEST_EXPECT_EQ(t, p.b[1], 0);
out:
	put_pages(&p);
}

static void mapped_grant_is_busy(struct ktest *t)
{
	struct xen_grant_mapping m;
	struct pages p;
	gref_t ref;
	s16 st;
	int err;

	if (!XEN_GRANT_CAN_MAP) {
		ktest_skip(t, "foreign mappings are not built on this architecture");
		return;
	}
	if (!get_pages(t, &p))
		goto out;
	fill(p.a, 0x77);
	KTEST_ASSERT(t, !gnttab_grant_page(self, p.a, true, &ref));
	err = xen_grant_map(self, gref_x(ref), true, &m, &st);
	if (err == -EPERM) {
		ktest_skip(t, "this domain cannot map its own grant (PVH)");
		gnttab_end_access(ref);
		goto out;
	}
	if (err) {
		ktest_fail(t, __FILE__, __LINE__,
			   "GNTTABOP_map_grant_ref: %d, status %d", err, st);
		gnttab_end_access(ref);
		goto out;
	}
	KTEST_EXPECT(t, gnttab_entry_flags(ref) & GTF_reading);
	KTEST_EXPECT(t, !(gnttab_entry_flags(ref) & GTF_writing));
	KTEST_EXPECT(t, !memcmp(m.va, p.a, PAGE_SIZE));
	KTEST_EXPECT_EQ(t, ((u8 *)m.va)[9], (u8)(0x77 + 9 * 7));
	/* the peer still maps it: nothing changes, the ref stays ours */
	KTEST_EXPECT_EQ(t, gnttab_end_access(ref), -EBUSY);
	KTEST_EXPECT(t, gnttab_entry_flags(ref) & GTF_permit_access);
	KTEST_EXPECT_EQ(t, xen_grant_unmap(&m), 0);
	KTEST_EXPECT_EQ(t, gnttab_entry_flags(ref),
			GTF_permit_access | GTF_readonly);
	KTEST_EXPECT_EQ(t, gnttab_end_access(ref), 0);
out:
	put_pages(&p);
}

static void exhaustion_and_return(struct ktest *t)
{
	unsigned int n = gnttab_nr_entries();
	unsigned int before = gnttab_free_count();
	unsigned int npages = DIV_ROUND_UP(n * sizeof(u32), PAGE_SIZE);
	unsigned int bpages = DIV_ROUND_UP(DIV_ROUND_UP(n, 8), PAGE_SIZE);
	unsigned int got = 0, i, dup = 0, reserved = 0, bad_end = 0;
	u32 *refs = alloc_pages(npages, 0);
	u8 *seen = alloc_pages(bpages, GFP_ZERO);
	u8 *page = alloc_page(GFP_ZERO);
	gref_t ref;
	int err = 0;

	if (!refs || !seen || !page) {
		ktest_fail(t, __FILE__, __LINE__, "no memory");
		goto out;
	}
	while (got <= n) {
		err = gnttab_grant_page(self, page, true, &ref);
		if (err)
			break;
		refs[got++] = gref_x(ref);
		if (gref_x(ref) < GNTTAB_NR_RESERVED_ENTRIES)
			reserved++;
		if (gref_x(ref) < n) {
			if (seen[gref_x(ref) / 8] & (1u << (gref_x(ref) % 8)))
				dup++;
			seen[gref_x(ref) / 8] |= 1u << (gref_x(ref) % 8);
		}
	}
	ktest_log(t, "%u grants before -ENOSPC (free was %u)", got, before);
	KTEST_EXPECT_EQ(t, err, -ENOSPC);
	KTEST_EXPECT_EQ(t, got, before);
	KTEST_EXPECT_EQ(t, gnttab_free_count(), 0);
	KTEST_EXPECT_EQ(t, dup, 0);
	KTEST_EXPECT_EQ(t, reserved, 0);
	/* Xen sees the last one too */
	if (got) {
		KTEST_EXPECT_EQ(t, xen_copy(NULL, _gref(refs[got - 1]), page,
					    _gref(0), true, false), GNTST_okay);
	}
	for (i = 0; i < got; i++)
		if (gnttab_end_access(_gref(refs[i])))
			bad_end++;
	KTEST_EXPECT_EQ(t, bad_end, 0);
	KTEST_EXPECT_EQ(t, gnttab_free_count(), before);
out:
	if (refs)
		free_pages(refs, npages);
	if (seen)
		free_pages(seen, bpages);
	if (page)
		free_page(page);
}

static const struct ktest_case grant_cases[] = {
	KTEST_CASE(table_matches_xen),
	KTEST_CASE(copy_from_grant),
	KTEST_CASE(copy_into_grant),
	KTEST_CASE(ended_ref_refuses),
	KTEST_CASE(mapped_grant_is_busy),
	KTEST_CASE(exhaustion_and_return),
};

static const struct ktest_suite grant_suite = {
	.name = "xen_grant",
	.cases = grant_cases,
	.ncases = ARRAY_SIZE(grant_cases),
	.init = grant_init,
};
KTEST_SUITE(grant_suite);
