/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Tern as a dom0 that hosts guests by itself (Documentation/toolstack.md):
 * the domain builder, the guest list and its lifecycle, and the backends
 * every guest has (xenstore, console).
 */
#ifndef _TERN_XEN_TOOLSTACK_H
#define _TERN_XEN_TOOLSTACK_H

#include <tern/types.h>
#include <xen/xen.h>
#include <xen/event_channel.h>

enum guest_type { GUEST_PV, GUEST_PVH };

enum guest_action {
	ACTION_DESTROY,
	ACTION_RESTART,
	ACTION_PRESERVE,
};

#define GUEST_NAME_MAX	64
/* A guest's console line that counts as a pass (a test init prints it) */
#define GUEST_PASS_MARKER	"TERN-GUEST-PASS"
#define GUEST_CMDLINE_MAX	1024

/*
 * A virtual disk (xl's disk = [...]): served by blkback from a RAM disk
 * over a file of the boot archive (image) or from a block device of
 * dom0 (dev, e.g. "nvme0n1").
 */
#define GUEST_DISKS_MAX		4
struct guest_disk_spec {
	char vdev[16];			/* "xvda" */
	u32 devid;			/* its xenstore number */
	bool ro;
	const u8 *image;		/* NULL: dev */
	size_t image_len;
	char dev[16];
	char target[64];		/* as the config has it (params) */
};

/*
 * A virtual NIC (xl's vif = [...]): served by netback, joined to a dom0
 * bridge by name.
 */
#define GUEST_VIFS_MAX		4
struct guest_vif_spec {
	u32 devid;			/* its handle and xenstore number */
	u8 mac[6];
	char bridge[16];
	u32 mtu;
	char ip[64];			/* "": none; passed on as libxl does */
};

/* What to build: an xl config, its files resolved to bytes. */
struct guest_spec {
	char name[GUEST_NAME_MAX];
	enum guest_type type;
	const u8 *kernel;		/* ELF or bzImage */
	size_t kernel_len;
	const u8 *ramdisk;		/* or NULL */
	size_t ramdisk_len;
	char cmdline[GUEST_CMDLINE_MAX];
	unsigned int mem_mib, maxmem_mib, vcpus;
	enum guest_action on_poweroff, on_reboot, on_crash;
	unsigned int nr_disks;
	struct guest_disk_spec disk[GUEST_DISKS_MAX];
	unsigned int nr_vifs;
	struct guest_vif_spec vif[GUEST_VIFS_MAX];
};

struct foreign_map;
struct console_back;
struct store_back;
struct xsd;

/* A guest this dom0 built. */
struct guest {
	bool used;
	domid_t domid;
	struct guest_spec spec;
	u64 nr_pages;			/* RAM pages given at build */
	xen_pfn_t *p2m;			/* PV: pfn -> mfn; NULL for PVH */
	u64 p2m_len;
	xen_pfn_t store_frame, console_frame;	/* in the guest's space */
	u64 rsdp_pa;			/* PVH: its ACPI tables' root */
	evtchn_port_t store_port, console_port;	/* the guest's ends */
	unsigned int restarts;
	unsigned int shutdowns;		/* seen on VIRQ_DOM_EXC */
	unsigned int shutdown_reason;	/* SHUTDOWN_* of the last */
	bool preserved;			/* on_*=preserve: left as it is */
	int verdict;			/* console: 1 passed, -1 failed */
	bool hostile_done;		/* console: the hostile suite passed */
	/* backends */
	struct console_back *cons;
	struct store_back *xs_back;
	struct block_device *disk_bd[GUEST_DISKS_MAX];
	bool disk_ram[GUEST_DISKS_MAX];		/* ours to destroy */
	struct blkback *disk_be[GUEST_DISKS_MAX];
	struct netback *vif_be[GUEST_VIFS_MAX];
	/* build figures (dom0's clock: ns since its first instruction) */
	u64 create_ns;			/* domain_build() began */
	u64 first_byte_ns;		/* the guest's first console byte */
	u64 ready_ns;			/* its ready or pass line */
	u64 build_ns;
	u64 build_hypercalls;
};

/* The frame of guest pfn pfn, in the guest's own numbering. */
static inline xen_pfn_t guest_frame(const struct guest *g, u64 pfn)
{
	return g->p2m ? g->p2m[pfn] : pfn;
}

/*
 * Build and start (unpause) a domain from spec. On success g describes it;
 * on failure nothing is left behind (the half-built domain is destroyed)
 * and one log line says why. -errno.
 */
int domain_build(const struct guest_spec *spec, struct guest *g);
int domain_destroy(domid_t dom);

/*
 * The per-type halves (build_pv.c, build_pvh.c), for domain_build(): the
 * kernel is parsed once there and is capable of the type.
 */
struct elf_info;
int build_pvh(struct guest *g, const u8 *elf, size_t elf_len,
	      const struct elf_info *ei);
int build_pv(struct guest *g, const u8 *elf, size_t elf_len,
	     const struct elf_info *ei);

/* Helpers for the halves (build.c). */
int guest_populate(struct guest *g, xen_pfn_t *frames, u64 n,
		   unsigned int order);
void *guest_map(struct guest *g, u64 pfn, u64 n, struct foreign_map **m);
int guest_alloc_unbound(struct guest *g, evtchn_port_t *port);
int guest_hvm_param(struct guest *g, u32 index, u64 value);
/* Grant refs 0 and 1 (console, xenstore) in the mapped table frame 0. */
void guest_seed_grants(struct guest *g, void *table);
struct hvm_memmap_table_entry;
int guest_set_memory_map(struct guest *g,
			 const struct hvm_memmap_table_entry *mm,
			 unsigned int n);

/*
 * Virtual disks (vbd.c): the frontend and backend directories of each
 * disk, written with the domain's own nodes (store lock held); then the
 * block devices and their blkback; released in the reverse order.
 */
int toolstack_vbd_nodes(struct guest *g);
int toolstack_vbd_attach(struct guest *g);
void toolstack_vbd_release(struct guest *g);
/* Virtual NICs (vif.c), the same way: nodes, then netback; released. */
int toolstack_vif_nodes(struct guest *g);
int toolstack_vif_attach(struct guest *g);
void toolstack_vif_release(struct guest *g);
/*
 * A device's frontend and backend directories (TYPE "vbd", "vif"), as
 * libxl names them, into fe and be of TOOLSTACK_DIR_MAX bytes (vbd.c).
 */
#define TOOLSTACK_DIR_MAX	96
void toolstack_dev_dirs(const struct guest *g, const char *type, u32 devid,
			char *fe, char *be);
/* Remove dom0's backend/TYPE/<domid> directory of the guest (vbd.c). */
void toolstack_backend_rm(struct guest *g, const char *type);
/* store.c, store lock held: write a node of the store */
struct xsd_perm;
int toolstack_store_write(const char *path, const char *value,
			  const struct xsd_perm *perms, unsigned int nperms);
int toolstack_store_rm(const char *path);

/* Console backend (console_back.c). */
int console_back_attach(struct guest *g);
void console_back_detach(struct guest *g);
void console_back_dump(const struct guest *g);
int console_back_input(struct guest *g, const char *s, size_t n);

/* The guest table and lifecycle (domains.c). */
struct guest *guest_create(const struct guest_spec *spec, int *errp);
void guest_destroy(struct guest *g);
struct guest *guest_find(const char *name_or_id);
struct guest *guest_by_index(unsigned int i);
unsigned int guests_max(void);
u64 toolstack_exc_events(void);
/* The verdict of a guest that is gone (0: none seen). */
int toolstack_past_verdict(const char *name);
bool toolstack_past_hostile(const char *name);
/* How many of its vCPUs had run (Xen's view) when it went, or -ESRCH. */
int toolstack_past_vcpus_ran(const char *name);
extern bool toolstack_ready;
void toolstack_scan_now(void);
/* dom0 after its devices: the toolstack, then the autostart guests */
void toolstack_init(void);
/* Start every config in the boot module's /etc/xen/auto/ (autostart.c). */
void toolstack_autostart(void);
/* The first boot module is a cpio archive (the guests' files). */
bool toolstack_have_archive(void);
/* The xl config at path in the boot archive, resolved into *s. */
int guest_spec_from_config(const char *path, struct guest_spec *s);
struct guest *guest_create_from_config(const char *path, int *errp);
/* An ELF stays; a bzImage's XZ payload is unpacked (kernel_image.c). */
int guest_kernel_unpack(struct guest_spec *s);

/* The guests' xenstore (store.c): our xenstored serving each guest. */
void toolstack_store_init(void);
int toolstack_store_introduce(struct guest *g);
void toolstack_store_release(struct guest *g);
void toolstack_store_kick(void);
struct xsd *toolstack_store(void);
/* Around every other use of toolstack_store(): interrupts off. */
unsigned long toolstack_store_lock(void);
void toolstack_store_unlock(unsigned long flags);
/* What `xl shutdown` does: write control/shutdown (poweroff, reboot). */
int guest_request_shutdown(struct guest *g, const char *how);
/* Tests: bytes put in g's request ring as if g wrote them, then served. */
int toolstack_store_inject(struct guest *g, const void *p, size_t n);
/* g's xenstore ring was cut off for breaking the protocol. */
bool toolstack_store_broken(const struct guest *g);

#endif
