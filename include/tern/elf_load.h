/* SPDX-License-Identifier: GPL-2.0 */
/*
 * ELF loader for guest kernels (the dom0 domain builder): parse an x86-64
 * ELF executable and its Xen notes (xen/elfnote.h), then copy its PT_LOAD
 * segments into the guest's kernel pages, as Xen's libelf places them.
 * Pure code (lib/elf_load.c): the image is hostile input, read in place,
 * never written; nothing is allocated.
 *
 * What is loaded: the PT_LOADs with p_memsz > 0 and at least one of
 * PF_R/PF_W/PF_X (libelf skips a PT_LOAD without them). Their place comes
 * from p_paddr only, never p_vaddr (libelf's rule: Linux's per-CPU
 * segment has p_vaddr 0):
 *  - PVH: guest-physical p_paddr; span [p_start, p_end).
 *  - PV: virtual p_paddr + virt_offset, virt_offset = virt_base -
 *    paddr_offset (mod 2^64); span [v_start, v_end) = the PVH span moved
 *    by virt_offset, so both layouts are the same bytes at the same
 *    offsets from the span's start.
 * virt_base is VIRT_BASE, else 0; paddr_offset is PADDR_OFFSET, else 0
 * (libelf's default when the image has Xen notes; its legacy default,
 * virt_base, is for the __xen_guest section, which is not supported).
 *
 * Notes come from the PT_NOTE segments (one with p_offset 0 is skipped,
 * as libelf does); only if those hold no Xen note, from SHT_NOTE
 * sections. Note names and descriptors are padded to 4 bytes (also in
 * ELF64, as every Xen kernel writes them). A note named "Xen" of a known
 * type must have a size its type allows, else the image is refused:
 *  - addresses and numbers (ENTRY, HYPERCALL_PAGE, VIRT_BASE,
 *    PADDR_OFFSET, HV_START_LOW, SUSPEND_CANCEL, INIT_P2M, MOD_START_PFN,
 *    PHYS32_ENTRY): 1, 2, 4 or 8 bytes, little-endian;
 *  - SUPPORTED_FEATURES: whole u32 words (the first is XENFEAT_* 0-31);
 *  - L1_MFN_VALID: whole 16-byte (mask, value) pairs; the first is kept;
 *  - strings (XEN_VERSION, GUEST_OS, GUEST_VERSION, LOADER, PAE_MODE,
 *    FEATURES, BSD_SYMTAB): up to ELF_LOAD_MAX_STR_DESC bytes; the
 *    string ends at the first NUL or at the descriptor's end (Linux
 *    writes FEATURES with .ascii); stored strings are cut to
 *    ELF_LOAD_STR_MAX - 1 bytes.
 * Other types and other owners are skipped (their sizes still checked).
 * A later note of a type replaces an earlier one; FEATURES and
 * SUPPORTED_FEATURES add up.
 *
 * FEATURES is a '|'-separated list of the names libelf knows
 * (writable_page_tables, writable_descriptor_tables,
 * auto_translated_physmap, supervisor_mode_kernel, pae_pgdir_above_4gb,
 * hvm_callback_vector, dom0); a '!' before a name makes it required.
 * An unknown name is ignored, an unknown required one refuses the image.
 *
 * pv_capable: what libelf and the toolstack check before a PV boot: Xen
 * notes, XEN_VERSION "xen-3.0", LOADER "generic" or GUEST_OS "linux"
 * (prefixes), an ENTRY note (libelf falls back to e_entry; Tern does not:
 * every notes-era PV kernel has one, and a PVH-only kernel has none),
 * no PADDR_OFFSET without VIRT_BASE, a virtual span that does not wrap,
 * virt_base <= v_start, entry in [v_start, v_end), the HYPERCALL_PAGE (if
 * any) a whole aligned page inside the span, INIT_P2M (if any) outside.
 * pvh_capable: a PHYS32_ENTRY below 4 GiB inside [p_start, p_end).
 * Otherwise pv_why/pvh_why say why not (static strings for the log).
 *
 * Left to the domain builder: the required features (f_required) it
 * cannot give (XENFEAT_dom0 required: not a domU kernel), the guest's
 * memory size against the span, BSD_SYMTAB (reported, the symbol table
 * is not loaded), ELF32 kernels (refused).
 */
#ifndef _TERN_ELF_LOAD_H
#define _TERN_ELF_LOAD_H

#include <tern/types.h>

#ifndef ENOEXEC
#define ENOEXEC		8
#endif

#define ELF_LOAD_MAX_PHNUM	128		/* e_phnum above: -EINVAL */
#define ELF_LOAD_MAX_SPAN	(1ULL << 30)	/* p_end - p_start above: -E2BIG */
#define ELF_LOAD_MAX_NOTES	65536		/* notes of any owner, all in all */
#define ELF_LOAD_STR_MAX	32		/* stored strings, with the NUL */
#define ELF_LOAD_MAX_STR_DESC	1024		/* a string note's descsz */

enum elf_load_mode {
	ELF_LOAD_PV,		/* virtual: p_paddr + virt_offset */
	ELF_LOAD_PVH,		/* guest-physical: p_paddr */
};

struct elf_info {
	/* from the ELF header */
	u64 e_entry;
	u64 phoff;
	u32 phnum;
	u32 nr_load;		/* PT_LOADs loaded (see above), >= 1 */

	/* the span of the loaded segments (end exclusive) */
	u64 p_start, p_end;	/* min p_paddr, max p_paddr + p_memsz */
	u64 v_start, v_end;	/* p_start/p_end + virt_offset, mod 2^64 */

	/* Xen notes: a value is meaningful only if its bit is in xen_notes */
	u32 xen_notes;		/* bit XEN_ELFNOTE_x: that note was seen */
	u32 nr_xen_notes;	/* notes named "Xen", known type or not */
	bool has_xen_notes;
	u64 entry;		/* PV entry: ENTRY, else e_entry */
	u64 virt_base;		/* VIRT_BASE, else 0 */
	u64 paddr_offset;	/* PADDR_OFFSET, else 0 */
	u64 virt_offset;	/* virt_base - paddr_offset, mod 2^64 */
	u64 hypercall_page;	/* HYPERCALL_PAGE: a virtual address */
	u64 init_p2m;		/* INIT_P2M: where the P2M list is mapped */
	u64 hv_start_low;	/* HV_START_LOW */
	u64 phys32_entry;	/* PHYS32_ENTRY: PVH entry, guest-physical */
	u64 l1_mfn_mask;	/* L1_MFN_VALID, first pair */
	u64 l1_mfn_value;
	u32 f_supported;	/* XENFEAT_* bits, FEATURES + SUPPORTED_FEATURES */
	u32 f_required;		/* the '!' ones; a subset of f_supported */
	bool suspend_cancel;	/* SUSPEND_CANCEL != 0 */
	bool mod_start_pfn;	/* MOD_START_PFN != 0: unmapped initrd is fine */
	bool bsd_symtab;	/* BSD_SYMTAB "yes" */
	char xen_version[ELF_LOAD_STR_MAX];
	char guest_os[ELF_LOAD_STR_MAX];
	char guest_version[ELF_LOAD_STR_MAX];
	char loader[ELF_LOAD_STR_MAX];
	char pae_mode[ELF_LOAD_STR_MAX];

	bool pv_capable, pvh_capable;
	const char *pv_why, *pvh_why;	/* NULL when capable */
};

static inline bool elf_has_note(const struct elf_info *ei, unsigned int type)
{
	return type < 32 && (ei->xen_notes >> type & 1);
}

/*
 * Parse and check img[0, len). 0 and *ei filled, or (*ei then zeroed):
 *  -ENOEXEC     not an ELF file, not ET_EXEC, or no PT_LOAD to load;
 *  -EOPNOTSUPP  ELF32, big-endian, not EM_X86_64, or a required FEATURE
 *               unknown;
 *  -EINVAL      malformed: a header field, a table or segment or note
 *               outside the file, p_filesz > p_memsz, an address range
 *               that wraps, PT_LOADs that overlap (by p_paddr), a Xen
 *               note of the wrong size, too many headers or notes;
 *  -E2BIG       one PT_LOAD or the span above ELF_LOAD_MAX_SPAN.
 * Neither capability is required: check pv_capable/pvh_capable.
 */
int elf_parse(const u8 *img, size_t len, struct elf_info *ei);

/*
 * Load img into dst, which holds guest addresses [dst_base, dst_base +
 * dst_len) (virtual for ELF_LOAD_PV, guest-physical for ELF_LOAD_PVH):
 * every loaded PT_LOAD's file bytes at its address, every other byte of
 * dst (memsz tails, gaps, the rest) zeroed. ei should come from
 * elf_parse() of the same img; it is not trusted: the program headers
 * are read again and each segment checked against img, against ei's span
 * for the mode and against dst, so no input reads outside img or writes
 * outside dst. The mode's capability is not checked (the caller's).
 *  0        loaded;
 *  -ERANGE  the mode's span is not inside [dst_base, dst_base + dst_len);
 *  -EINVAL  a bad mode, an empty span, or img and ei disagree;
 *  any elf_parse() error of the ELF header or a PT_LOAD.
 * On error dst is untouched.
 */
int elf_load(const u8 *img, size_t len, const struct elf_info *ei,
	     enum elf_load_mode mode, u64 dst_base, u8 *dst, size_t dst_len);

#endif
