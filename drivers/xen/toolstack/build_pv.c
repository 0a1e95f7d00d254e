// SPDX-License-Identifier: GPL-2.0
/*
 * Building a 64-bit PV guest: the guest starts with paging on, in the
 * address space its builder made (Xen's public xen.h, "start of day
 * memory layout"), so the builder writes the page tables, the P2M list
 * and start_info itself.
 *
 * Pseudo-physical pages [0, nr_pages), each given a machine frame by
 * populate_physmap (Xen records the M2P entry as it does so). The
 * bootstrap area, in virtual order from the kernel's ELF, each part
 * page-aligned, va = virt_base + pfn * 4 KiB:
 *   kernel      its PT_LOADs at p_paddr + (virt_base - paddr_offset)
 *   ramdisk     (start_info.mod_start/mod_len, virtual)
 *   P2M list    nr_pages entries: pfn -> mfn (start_info.mfn_list)
 *   start_info  one page
 *   xenstore    one page (start_info.store_mfn)
 *   console     one page (start_info.console.domU.mfn)
 *   page tables L4, L3s, L2s, L1s mapping [virt_base, end + 512 KiB)
 *   boot stack  one page; rsp starts at its top
 * Page-table pages are mapped read-only, the rest read-write; the L4 is
 * pinned (validated by Xen) after every mapping of ours is gone, since a
 * writable mapping anywhere would stop Xen typing a page as a table.
 * The vCPU starts at the ELF entry in kernel mode with rsi = start_info.
 */
#include <tern/xen/domctl.h>
#include <tern/elf_load.h>
#include <tern/kernel.h>
#include <tern/mm.h>
#include <tern/printk.h>
#include <tern/string.h>
#include <tern/xen/toolstack.h>
#include <asm/page.h>
#include <asm/xen/foreign.h>
#include <asm/xen/grant.h>
#include <asm/xen/hypercall.h>
#include <xen/arch-x86/hvm/start_info.h>
#include <xen/elfnote.h>
#include <xen/memory.h>

#define PV_SLACK_PAGES	128	/* 512 KiB mapped after the area */
#define PTE_FLAGS	0x67ULL	/* present, rw, user, accessed, dirty */
#define PTE_RW		0x2ULL
#define ORDER_2M	9
#define PV_MAX_PAGES	(64ULL << (30 - PAGE_SHIFT))

struct pv_layout {
	u64 kernel_pfn, kernel_end;	/* pfns */
	u64 ramdisk_pfn, p2m_pfn, si_pfn, store_pfn, cons_pfn;
	u64 pt_pfn, nr_pt, stack_pfn, end_pfn;	/* end: first unmapped */
	u64 nr_l3, nr_l2, nr_l1;
};

static u64 span_tables(u64 vs, u64 ve, unsigned int shift)
{
	return ((ve - 1) >> shift) - (vs >> shift) + 1;
}

/* Count the tables for [virt_base, end); grows until it covers itself. */
static void plan(struct pv_layout *l, u64 virt_base, u64 first_pt_pfn)
{
	u64 nr = 1, prev = 0;

	while (nr != prev) {
		u64 ve;

		prev = nr;
		l->pt_pfn = first_pt_pfn;
		l->stack_pfn = first_pt_pfn + nr;
		l->end_pfn = l->stack_pfn + 1 + PV_SLACK_PAGES;
		ve = virt_base + (l->end_pfn << PAGE_SHIFT);
		l->nr_l3 = span_tables(virt_base, ve, 39);
		l->nr_l2 = span_tables(virt_base, ve, 30);
		l->nr_l1 = span_tables(virt_base, ve, 21);
		nr = 1 + l->nr_l3 + l->nr_l2 + l->nr_l1;
	}
	l->nr_pt = nr;
}

static int populate(struct guest *g)
{
	u64 n2m = g->nr_pages >> ORDER_2M, i, j;
	xen_pfn_t *f;
	int rc;

	g->p2m_len = g->nr_pages;
	g->p2m = kmalloc(g->nr_pages * sizeof(*g->p2m));
	f = kmalloc(max(n2m, (u64)1) * sizeof(*f));
	if (!g->p2m || !f) {
		kfree(f);
		return -ENOMEM;
	}
	for (i = 0; i < n2m; i++)
		f[i] = i << ORDER_2M;
	rc = guest_populate(g, f, n2m, ORDER_2M);
	for (i = 0; !rc && i < n2m; i++)
		for (j = 0; j < (1U << ORDER_2M); j++)
			g->p2m[(i << ORDER_2M) + j] = f[i] + j;
	kfree(f);
	for (i = n2m << ORDER_2M; !rc && i < g->nr_pages; i++)
		g->p2m[i] = i;
	if (!rc && (n2m << ORDER_2M) < g->nr_pages)
		rc = guest_populate(g, g->p2m + (n2m << ORDER_2M),
				    g->nr_pages - (n2m << ORDER_2M), 0);
	return rc;
}

static int domctl_simple(struct guest *g, struct xen_domctl *d,
			 const char *what)
{
	int rc;

	d->domain = g->domid;
	rc = xen_domctl(d);
	if (rc)
		pr_err("toolstack: %s: %s failed: %d\n", g->spec.name, what, rc);
	return rc;
}

/* Write the page tables into the mapped area at pt (l->nr_pt pages). */
static void write_tables(struct guest *g, const struct pv_layout *l,
			 u64 virt_base, u64 *pt)
{
	u64 *l4 = pt, *l3 = pt + 512, *l2 = l3 + 512 * l->nr_l3;
	u64 *l1 = l2 + 512 * l->nr_l2;
	u64 l3_pfn = l->pt_pfn + 1, l2_pfn = l3_pfn + l->nr_l3;
	u64 l1_pfn = l2_pfn + l->nr_l2;
	u64 pfn, va;

	memset(pt, 0, l->nr_pt << PAGE_SHIFT);
	for (pfn = 0; pfn < l->end_pfn; pfn++) {
		u64 i4, i3, i2, i1, t3, t2, t1, e;

		va = virt_base + (pfn << PAGE_SHIFT);
		i4 = (va >> 39) & 511;
		i3 = (va >> 30) & 511;
		i2 = (va >> 21) & 511;
		i1 = (va >> 12) & 511;
		t3 = (va >> 39) - (virt_base >> 39);
		t2 = (va >> 30) - (virt_base >> 30);
		t1 = (va >> 21) - (virt_base >> 21);
		l4[i4] = ((u64)guest_frame(g, l3_pfn + t3) << PAGE_SHIFT) |
			 PTE_FLAGS;
		l3[t3 * 512 + i3] = ((u64)guest_frame(g, l2_pfn + t2)
				     << PAGE_SHIFT) | PTE_FLAGS;
		l2[t2 * 512 + i2] = ((u64)guest_frame(g, l1_pfn + t1)
				     << PAGE_SHIFT) | PTE_FLAGS;
		e = ((u64)guest_frame(g, pfn) << PAGE_SHIFT) | PTE_FLAGS;
		if (pfn >= l->pt_pfn && pfn < l->pt_pfn + l->nr_pt)
			e &= ~PTE_RW;
		l1[t1 * 512 + i1] = e;
	}
}

static int fill(struct guest *g, const u8 *elf, size_t len,
		const struct elf_info *ei, const struct pv_layout *l,
		u64 shared_info)
{
	u64 vb = ei->virt_base, n = l->end_pfn - PV_SLACK_PAGES - l->kernel_pfn;
	struct foreign_map *m;
	struct start_info *si;
	u8 *va;
	u64 i;
	int rc;

	/* kernel .. boot stack, one mapping */
	va = guest_map(g, l->kernel_pfn, n, &m);
	if (!va)
		return -EIO;
	rc = elf_load(elf, len, ei, ELF_LOAD_PV, ei->v_start, va,
		      (l->kernel_end - l->kernel_pfn) << PAGE_SHIFT);
	if (rc) {
		pr_err("toolstack: %s: loading the kernel failed: %d\n",
		       g->spec.name, rc);
		goto out;
	}
#define AT(pfn)	(va + (((pfn) - l->kernel_pfn) << PAGE_SHIFT))
	memset(AT(l->kernel_end), 0, (n - (l->kernel_end - l->kernel_pfn))
	       << PAGE_SHIFT);
	if (g->spec.ramdisk_len)
		memcpy(AT(l->ramdisk_pfn), g->spec.ramdisk,
		       g->spec.ramdisk_len);
	for (i = 0; i < g->nr_pages; i++)
		((u64 *)AT(l->p2m_pfn))[i] = g->p2m[i];
	si = (struct start_info *)AT(l->si_pfn);
	strlcpy(si->magic, "xen-3.0-x86_64", sizeof(si->magic));
	si->nr_pages = g->nr_pages;
	si->shared_info = shared_info;
	si->store_mfn = g->store_frame;
	si->store_evtchn = g->store_port;
	si->console.domU.mfn = g->console_frame;
	si->console.domU.evtchn = g->console_port;
	si->pt_base = vb + (l->pt_pfn << PAGE_SHIFT);
	si->nr_pt_frames = l->nr_pt;
	si->mfn_list = vb + (l->p2m_pfn << PAGE_SHIFT);
	if (g->spec.ramdisk_len) {
		si->mod_start = vb + (l->ramdisk_pfn << PAGE_SHIFT);
		si->mod_len = g->spec.ramdisk_len;
	}
	strlcpy((char *)si->cmd_line, g->spec.cmdline, sizeof(si->cmd_line));
	write_tables(g, l, vb, (u64 *)AT(l->pt_pfn));
#undef AT
out:
	foreign_free(m);	/* before the pin: no writable alias may stay */
	return rc;
}

/*
 * Events stay masked until the guest unmasks them, as libxc leaves a PV
 * guest's shared_info: a kernel that takes an upcall before it can
 * handle one (Linux, before its IRQ stacks exist) would crash on the
 * first notification from a backend.
 */
static int mask_upcalls(struct guest *g, u64 shared_info_frame)
{
	xen_pfn_t f = shared_info_frame;
	struct foreign_map *m;
	struct shared_info *sh;
	unsigned int i;
	int err;

	m = foreign_map_new(g->domid, &f, 1, &err);
	if (!m) {
		pr_err("toolstack: %s: cannot map shared_info: %d\n",
		       g->spec.name, err);
		return err;
	}
	sh = m->va;
	memset(sh, 0, PAGE_SIZE);
	for (i = 0; i < XEN_LEGACY_MAX_VCPUS; i++)
		sh->vcpu_info[i].evtchn_upcall_mask = 1;
	foreign_free(m);
	return 0;
}

/* The guest's grant table frame 0 is Xen's: its mfn, then a mapping. */
static int seed_grants(struct guest *g)
{
	struct gnttab_setup_table st = {
		.dom = g->domid,
		.nr_frames = 1,
	};
	struct foreign_map *m;
	xen_pfn_t frame;
	long rc;
	int err;

	set_xen_guest_handle(st.frame_list, &frame);
	rc = HYPERVISOR_grant_table_op(GNTTABOP_setup_table, &st, 1);
	if (rc || st.status != GNTST_okay) {
		pr_err("toolstack: %s: grant table frame: %ld/%d\n",
		       g->spec.name, rc, st.status);
		return -EIO;
	}
	m = foreign_map_new(g->domid, &frame, 1, &err);
	if (!m)
		return err;
	guest_seed_grants(g, m->va);
	foreign_free(m);
	return 0;
}

static int pin_and_start(struct guest *g, const struct elf_info *ei,
			 const struct pv_layout *l)
{
	struct mmuext_op op = {
		.cmd = MMUEXT_PIN_L4_TABLE,
		.arg1.mfn = guest_frame(g, l->pt_pfn),
	};
	struct vcpu_guest_context *c;
	struct xen_domctl d = { .cmd = XEN_DOMCTL_hypercall_init };
	u64 vb = ei->virt_base, sp;
	long rc = HYPERVISOR_mmuext_op(&op, 1, NULL, g->domid);

	if (rc) {
		pr_err("toolstack: %s: pinning the L4 failed: %ld\n",
		       g->spec.name, rc);
		return (int)rc;
	}
	if (elf_has_note(ei, XEN_ELFNOTE_HYPERCALL_PAGE)) {
		u64 pfn = (ei->hypercall_page - vb) >> PAGE_SHIFT;

		if (ei->hypercall_page < vb || pfn < l->kernel_pfn ||
		    pfn >= l->kernel_end) {
			pr_err("toolstack: %s: hypercall page outside the kernel\n",
			       g->spec.name);
			return -ENOEXEC;
		}
		d.u.hypercall_init.gmfn = guest_frame(g, pfn);
		rc = domctl_simple(g, &d, "hypercall_init");
		if (rc)
			return (int)rc;
	}
	c = kzalloc(sizeof(*c));
	if (!c)
		return -ENOMEM;
	sp = vb + ((l->stack_pfn + 1) << PAGE_SHIFT);
	c->flags = VGCF_in_kernel | VGCF_online;
	c->user_regs.rip = ei->entry;
	c->user_regs.rsp = sp;
	c->user_regs.rsi = vb + (l->si_pfn << PAGE_SHIFT);
	c->user_regs.rflags = 1 << 9;
	c->user_regs.cs = FLAT_KERNEL_CS;
	c->user_regs.ss = FLAT_KERNEL_SS;
	c->user_regs.ds = FLAT_KERNEL_DS;
	c->user_regs.es = FLAT_KERNEL_DS;
	c->user_regs.fs = FLAT_KERNEL_DS;
	c->user_regs.gs = FLAT_KERNEL_DS;
	c->kernel_ss = FLAT_KERNEL_SS;
	c->kernel_sp = sp;
	c->ctrlreg[3] = xen_pfn_to_cr3(guest_frame(g, l->pt_pfn));
	memset(&d, 0, sizeof(d));
	d.cmd = XEN_DOMCTL_setvcpucontext;
	d.u.vcpucontext.vcpu = 0;
	set_xen_guest_handle(d.u.vcpucontext.ctxt, c);
	rc = domctl_simple(g, &d, "setvcpucontext");
	kfree(c);
	return (int)rc;
}

int build_pv(struct guest *g, const u8 *elf, size_t len,
	     const struct elf_info *ei)
{
	struct xen_domctl_getdomaininfo info;
	struct xen_domctl d = { .cmd = XEN_DOMCTL_set_address_size };
	struct hvm_memmap_table_entry mm;
	struct pv_layout l;
	u64 rd_pages, p2m_pages;
	int rc;

	g->nr_pages = (u64)g->spec.mem_mib << (20 - PAGE_SHIFT);
	if (g->nr_pages > PV_MAX_PAGES)
		return -E2BIG;
	memset(&l, 0, sizeof(l));
	l.kernel_pfn = (ei->v_start - ei->virt_base) >> PAGE_SHIFT;
	l.kernel_end = ALIGN_UP(ei->v_end - ei->virt_base, PAGE_SIZE) >>
		       PAGE_SHIFT;
	rd_pages = ALIGN_UP(g->spec.ramdisk_len, PAGE_SIZE) >> PAGE_SHIFT;
	p2m_pages = ALIGN_UP(g->nr_pages * 8, PAGE_SIZE) >> PAGE_SHIFT;
	l.ramdisk_pfn = l.kernel_end;
	l.p2m_pfn = l.ramdisk_pfn + rd_pages;
	l.si_pfn = l.p2m_pfn + p2m_pages;
	l.store_pfn = l.si_pfn + 1;
	l.cons_pfn = l.store_pfn + 1;
	plan(&l, ei->virt_base, l.cons_pfn + 1);
	if (ei->v_start < ei->virt_base || l.end_pfn > g->nr_pages) {
		pr_err("toolstack: %s: %u MiB is too little for the kernel, ramdisk and tables (%lu KiB)\n",
		       g->spec.name, g->spec.mem_mib,
		       (unsigned long)(l.end_pfn << 2));
		return -ENOMEM;
	}
	/* as libxl: one RAM range up to maxmem (XENMEM_memory_map) */
	mm.addr = 0;
	mm.size = (u64)g->spec.maxmem_mib << 20;
	mm.type = XEN_HVM_MEMMAP_TYPE_RAM;
	rc = guest_set_memory_map(g, &mm, 1);
	d.u.address_size.size = 64;
	if (!rc)
		rc = domctl_simple(g, &d, "set_address_size");
	if (!rc)
		rc = populate(g);
	if (!rc)
		rc = xen_domain_info(g->domid, &info);
	if (rc)
		return rc;
	g->store_frame = guest_frame(g, l.store_pfn);
	g->console_frame = guest_frame(g, l.cons_pfn);
	rc = guest_alloc_unbound(g, &g->store_port);
	if (!rc)
		rc = guest_alloc_unbound(g, &g->console_port);
	if (!rc)
		rc = mask_upcalls(g, info.shared_info_frame);
	if (!rc)
		rc = fill(g, elf, len, ei, &l,
			  info.shared_info_frame << PAGE_SHIFT);
	if (!rc)
		rc = seed_grants(g);
	if (!rc)
		rc = pin_and_start(g, ei, &l);
	return rc;
}
