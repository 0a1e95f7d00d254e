// SPDX-License-Identifier: GPL-2.0
/*
 * The domain builder's common half (tern/xen/toolstack.h): what every
 * guest gets whatever its type, in the order Xen's own small builder
 * (init-xenstore-domain) uses:
 *
 *   check the domctl ABI -> createdomain -> max_vcpus -> max_mem ->
 *   [the type's half: memory, kernel, start info, vCPU context] ->
 *   unpause
 *
 * The guest's memory is reached only through foreign mappings
 * (asm/xen/foreign.h) of the guest's own frame numbers (guest_frame()):
 * the builder never asks how this dom0 itself is translated.
 *
 * Invariants: a failure at any step destroys the half-built domain and
 * frees what the builder allocated; every Xen call is bounded (a
 * destroy that keeps answering -EAGAIN is given up after a bound).
 */
#include <tern/xen/domctl.h>
#include <tern/elf_load.h>
#include <tern/kernel.h>
#include <tern/mm.h>
#include <tern/printk.h>
#include <tern/string.h>
#include <tern/timer.h>
#include <tern/xen/toolstack.h>
#include <asm/xen/foreign.h>
#include <asm/xen/hypercall.h>
#include <xen/arch-x86/hvm/start_info.h>
#include <xen/hvm/hvm_op.h>
#include <xen/grant_table.h>
#include <xen/memory.h>

#define POPULATE_BATCH	512
#define DESTROY_TRIES	1000

int domain_destroy(domid_t dom)
{
	unsigned int i;
	int rc = -EAGAIN;

	for (i = 0; i < DESTROY_TRIES && rc == -EAGAIN; i++) {
		struct xen_domctl d = {
			.cmd = XEN_DOMCTL_destroydomain,
			.domain = dom,
		};

		rc = xen_domctl(&d);
	}
	if (rc)
		pr_err("toolstack: destroying domain %u failed: %d\n", dom, rc);
	return rc;
}

/*
 * Give the guest n extents of 2^order pages at the pfns in frames[]
 * (guest pfns in, the frames Xen chose out: mfns for PV, the same gfns
 * for a translated guest).
 */
int guest_populate(struct guest *g, xen_pfn_t *frames, u64 n,
		   unsigned int order)
{
	u64 done = 0;

	while (done < n) {
		struct xen_memory_reservation r = {
			.nr_extents = min(n - done, (u64)POPULATE_BATCH),
			.extent_order = order,
			.domid = g->domid,
		};
		long rc;

		set_xen_guest_handle(r.extent_start, frames + done);
		rc = HYPERVISOR_memory_op(XENMEM_populate_physmap, &r);
		if (rc != (long)r.nr_extents) {
			pr_err("toolstack: %s: populate_physmap gave %ld of %lu extents of order %u\n",
			       g->spec.name, rc, (unsigned long)r.nr_extents,
			       order);
			return rc < 0 ? (int)rc : -ENOMEM;
		}
		done += r.nr_extents;
	}
	return 0;
}

/* Map guest pfns [pfn, pfn + n) contiguously; NULL on failure (logged). */
void *guest_map(struct guest *g, u64 pfn, u64 n, struct foreign_map **m)
{
	xen_pfn_t *frames;
	u64 i;
	int err;

	*m = NULL;
	if (!n || n > FOREIGN_MAP_MAX) {
		pr_err("toolstack: %s: cannot map %lu pages at pfn %#lx\n",
		       g->spec.name, (unsigned long)n, (unsigned long)pfn);
		return NULL;
	}
	frames = kmalloc(n * sizeof(*frames));
	if (!frames)
		return NULL;
	for (i = 0; i < n; i++)
		frames[i] = guest_frame(g, pfn + i);
	*m = foreign_map_new(g->domid, frames, n, &err);
	kfree(frames);
	if (!*m) {
		pr_err("toolstack: %s: mapping %lu pages at pfn %#lx failed: %d\n",
		       g->spec.name, (unsigned long)n, (unsigned long)pfn, err);
		return NULL;
	}
	return (*m)->va;
}

/* An unbound port in the guest whose other end is ours (domain 0). */
int guest_alloc_unbound(struct guest *g, evtchn_port_t *port)
{
	struct evtchn_alloc_unbound au = {
		.dom = g->domid,
		.remote_dom = 0,
	};
	long rc = HYPERVISOR_event_channel_op(EVTCHNOP_alloc_unbound, &au);

	if (rc) {
		pr_err("toolstack: %s: alloc_unbound failed: %ld\n",
		       g->spec.name, rc);
		return (int)rc;
	}
	*port = au.port;
	return 0;
}

int guest_hvm_param(struct guest *g, u32 index, u64 value)
{
	struct xen_hvm_param p = {
		.domid = g->domid,
		.index = index,
		.value = value,
	};
	long rc = HYPERVISOR_hvm_op(HVMOP_set_param, &p);

	if (rc)
		pr_err("toolstack: %s: HVM param %u failed: %ld\n",
		       g->spec.name, index, rc);
	return (int)rc;
}

/* The guest's memory map as Xen keeps it (XENMEM_memory_map answers it). */
int guest_set_memory_map(struct guest *g,
			 const struct hvm_memmap_table_entry *mm,
			 unsigned int n)
{
	struct {
		u64 addr;
		u64 size;
		u32 type;
	} __packed e[4];
	struct xen_foreign_memory_map fm = {
		.domid = g->domid,
		.map.nr_entries = n,
	};
	unsigned int i;
	long rc;

	if (n > ARRAY_SIZE(e))
		return -E2BIG;
	for (i = 0; i < n; i++) {
		e[i].addr = mm[i].addr;
		e[i].size = mm[i].size;
		e[i].type = mm[i].type;
	}
	set_xen_guest_handle(fm.map.buffer, e);
	rc = HYPERVISOR_memory_op(XENMEM_set_memory_map, &fm);
	if (rc)
		pr_err("toolstack: %s: set_memory_map failed: %ld\n",
		       g->spec.name, rc);
	return (int)rc;
}

/*
 * Grant refs 0 (console) and 1 (xenstore) of the guest's table, to dom0,
 * as Xen's toolstack leaves them: the backends then map the two pages
 * through their grants (GNTTAB_RESERVED_*), not through the guest's
 * memory. table is the guest's grant table frame 0, mapped.
 */
void guest_seed_grants(struct guest *g, void *table)
{
	struct grant_entry_v1 *e = table;

	e[GNTTAB_RESERVED_CONSOLE].domid = 0;
	e[GNTTAB_RESERVED_CONSOLE].frame = g->console_frame;
	e[GNTTAB_RESERVED_XENSTORE].domid = 0;
	e[GNTTAB_RESERVED_XENSTORE].frame = g->store_frame;
	barrier();
	e[GNTTAB_RESERVED_CONSOLE].flags = GTF_permit_access;
	e[GNTTAB_RESERVED_XENSTORE].flags = GTF_permit_access;
}

static int create(struct guest *g)
{
	const struct guest_spec *s = &g->spec;
	struct xen_domctl d = { .cmd = XEN_DOMCTL_createdomain };
	struct xen_domctl_createdomain *c = &d.u.createdomain;
	unsigned int i;
	int rc;

	c->flags = s->type == GUEST_PVH ?
		XEN_DOMCTL_CDF_hvm | XEN_DOMCTL_CDF_hap : 0;
	c->max_vcpus = s->vcpus;
	c->max_evtchn_port = 1023;
	c->max_grant_frames = 64;
	c->max_maptrack_frames = 1024;
	c->grant_opts = XEN_DOMCTL_GRANT_version(1);
	c->arch.emulation_flags = s->type == GUEST_PVH ? XEN_X86_EMU_LAPIC : 0;
	/* a handle from the name: unique enough to tell guests apart */
	for (i = 0; s->name[i] && i < sizeof(c->handle); i++)
		c->handle[i] = s->name[i];
	rc = xen_domctl(&d);
	if (rc) {
		pr_err("toolstack: %s: createdomain failed: %d\n", s->name, rc);
		return rc;
	}
	g->domid = d.domain;
	return 0;
}

static int limits(struct guest *g)
{
	const struct guest_spec *s = &g->spec;
	struct xen_domctl d = {
		.cmd = XEN_DOMCTL_max_vcpus,
		.domain = g->domid,
		.u.max_vcpus.max = s->vcpus,
	};
	int rc = xen_domctl(&d);

	if (rc) {
		pr_err("toolstack: %s: max_vcpus(%u) failed: %d\n", s->name,
		       s->vcpus, rc);
		return rc;
	}
	memset(&d, 0, sizeof(d));
	d.cmd = XEN_DOMCTL_max_mem;
	d.domain = g->domid;
	/* like libxl: maxmem plus 1 MiB for the special pages and tables */
	d.u.max_mem.max_memkb = (u64)s->maxmem_mib * 1024 + 1024;
	rc = xen_domctl(&d);
	if (rc)
		pr_err("toolstack: %s: max_mem failed: %d\n", s->name, rc);
	return rc;
}

static int unpause(struct guest *g)
{
	struct xen_domctl d = {
		.cmd = XEN_DOMCTL_unpausedomain,
		.domain = g->domid,
	};
	int rc = xen_domctl(&d);

	if (rc)
		pr_err("toolstack: %s: unpause failed: %d\n", g->spec.name, rc);
	return rc;
}

/* The kernel, parsed and validated once, must suit the guest's type. */
static int kernel_fits(const struct guest_spec *s, struct elf_info *ei)
{
	int rc = elf_parse(s->kernel, s->kernel_len, ei);

	if (rc) {
		pr_err("toolstack: %s: kernel is not a loadable ELF: %d\n",
		       s->name, rc);
		return rc;
	}
	if (s->type == GUEST_PVH ? !ei->pvh_capable : !ei->pv_capable) {
		const char *why = s->type == GUEST_PVH ? ei->pvh_why : ei->pv_why;

		pr_err("toolstack: %s: not a %s kernel: %s\n", s->name,
		       s->type == GUEST_PVH ? "PVH" : "PV", why ? why : "?");
		return -ENOEXEC;
	}
	return 0;
}

int domain_build(const struct guest_spec *spec, struct guest *g)
{
	u64 t0 = ktime_ns(), h0 = arch_hypercall_count();
	const u8 *elf = spec->kernel;
	size_t elf_len = spec->kernel_len;
	struct elf_info ei;
	int rc;

	memset(g, 0, sizeof(*g));
	g->create_ns = t0;
	g->spec = *spec;
	g->domid = DOMID_INVALID;
	if (!spec->vcpus || !spec->mem_mib || spec->maxmem_mib < spec->mem_mib)
		return -EINVAL;
	rc = kernel_fits(spec, &ei);
	if (!rc)
		rc = toolstack_check_abi();
	if (rc)
		return rc;
	rc = create(g);
	if (rc)
		return rc;
	rc = limits(g);
	if (!rc)
		rc = spec->type == GUEST_PVH ?
			build_pvh(g, elf, elf_len, &ei) :
			build_pv(g, elf, elf_len, &ei);
	if (!rc)
		rc = unpause(g);
	if (rc) {
		domain_destroy(g->domid);
		kfree(g->p2m);
		g->p2m = NULL;
		return rc;
	}
	g->used = true;
	g->build_ns = ktime_ns() - t0;
	g->build_hypercalls = arch_hypercall_count() - h0;
	pr_info("toolstack: %s: domain %u (%s, %u MiB, %u vCPU) built in %lu us, %lu hypercalls\n",
		spec->name, g->domid, spec->type == GUEST_PVH ? "pvh" : "pv",
		spec->mem_mib, spec->vcpus,
		(unsigned long)(g->build_ns / 1000),
		(unsigned long)g->build_hypercalls);
	return 0;
}
