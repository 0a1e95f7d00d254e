// SPDX-License-Identifier: GPL-2.0
/*
 * ELF loader for guest kernels (include/tern/elf_load.h says what is
 * loaded where and what the Xen notes mean). Pure code: the image is a
 * byte array from another domain or a boot module, read in place.
 *
 * Invariants:
 *  - every field is read bytewise, little-endian, at an offset proven
 *    inside img first: no struct overlays, no alignment assumption;
 *  - every "off + size" is checked as "off <= len && size <= len - off",
 *    every address range as "size <= U64_MAX - start", so nothing wraps;
 *  - loops are bounded: program headers by ELF_LOAD_MAX_PHNUM, sections
 *    by e_shnum (a u16) and the file, notes by ELF_LOAD_MAX_NOTES, the
 *    bytes of a string note by ELF_LOAD_MAX_STR_DESC (so a file of many
 *    sections that all point at one huge note costs no more than
 *    ELF_LOAD_MAX_NOTES * ELF_LOAD_MAX_STR_DESC byte reads);
 *  - elf_load() trusts nothing in ei: it checks every segment it copies
 *    against img, ei's span and dst in a first pass, and writes dst only
 *    in a second pass once all passed.
 */
#include <tern/elf_load.h>
#include <tern/string.h>
#include <xen/elfnote.h>
#include <xen/features.h>

#define EHDR_SIZE	64
#define PHDR_SIZE	56
#define SHDR_SIZE	64
#define NHDR_SIZE	12

#define ELFCLASS32	1
#define ELFCLASS64	2
#define ELFDATA2LSB	1
#define ELFDATA2MSB	2
#define EV_CURRENT	1
#define ET_EXEC		2
#define EM_X86_64	62
#define PT_LOAD		1
#define PT_NOTE		4
#define PF_RWX		7
#define SHT_NOTE	7

#define U64_MAX		(~0ULL)
#define GiB4		(1ULL << 32)

/* the notes whose descriptor is a string */
#define STR_NOTES	(1U << XEN_ELFNOTE_XEN_VERSION |		\
			 1U << XEN_ELFNOTE_GUEST_OS |			\
			 1U << XEN_ELFNOTE_GUEST_VERSION |		\
			 1U << XEN_ELFNOTE_LOADER |			\
			 1U << XEN_ELFNOTE_PAE_MODE |			\
			 1U << XEN_ELFNOTE_FEATURES |			\
			 1U << XEN_ELFNOTE_BSD_SYMTAB)

/*
 * The types this loader knows: 1 (ENTRY) to 18 (PHYS32_ENTRY). 0 (INFO)
 * is the legacy __xen_guest string; later ones (PHYS32_RELOC, 19) are
 * skipped like any unknown type, even once xen/elfnote.h has them.
 */
#define KNOWN_NOTES	(((1U << (XEN_ELFNOTE_PHYS32_ENTRY + 1)) - 1) & ~1U)

BUILD_BUG_ON(XEN_ELFNOTE_PHYS32_ENTRY != 18);
BUILD_BUG_ON(XENFEAT_NR_SUBMAPS != 1);

struct seg {
	u32 type, flags;
	u64 offset, paddr, filesz, memsz;
};

static u16 rd16(const u8 *p)
{
	return (u16)(p[0] | p[1] << 8);
}

static u32 rd32(const u8 *p)
{
	return (u32)p[0] | (u32)p[1] << 8 | (u32)p[2] << 16 | (u32)p[3] << 24;
}

static u64 rd64(const u8 *p)
{
	return rd32(p) | (u64)rd32(p + 4) << 32;
}

/* [off, off + size) inside a buffer of len bytes */
static bool inside(u64 len, u64 off, u64 size)
{
	return off <= len && size <= len - off;
}

/*
 * The ELF header: identity, then where the program headers are. The
 * order of the checks makes an ELF32 or big-endian file -EOPNOTSUPP even
 * when it is shorter than an ELF64 header.
 */
static int check_ehdr(const u8 *img, size_t len, u64 *phoff, u32 *phnum)
{
	if (!img || len < 16 || img[0] != 0x7f || img[1] != 'E' ||
	    img[2] != 'L' || img[3] != 'F')
		return -ENOEXEC;
	if (img[4] == ELFCLASS32)
		return -EOPNOTSUPP;
	if (img[4] != ELFCLASS64)
		return -EINVAL;
	if (img[5] == ELFDATA2MSB)
		return -EOPNOTSUPP;
	if (img[5] != ELFDATA2LSB || img[6] != EV_CURRENT)
		return -EINVAL;
	if (len < EHDR_SIZE)
		return -EINVAL;
	if (rd16(img + 16) != ET_EXEC)
		return -ENOEXEC;
	if (rd16(img + 18) != EM_X86_64)
		return -EOPNOTSUPP;
	if (rd32(img + 20) != EV_CURRENT || rd16(img + 52) != EHDR_SIZE ||
	    rd16(img + 54) != PHDR_SIZE)
		return -EINVAL;
	*phoff = rd64(img + 32);
	*phnum = rd16(img + 56);
	if (!*phnum)
		return -ENOEXEC;
	if (*phnum > ELF_LOAD_MAX_PHNUM ||
	    !inside(len, *phoff, (u64)*phnum * PHDR_SIZE))
		return -EINVAL;
	return 0;
}

/* Program header i; check_ehdr() proved the table inside img. */
static void rd_phdr(const u8 *img, u64 phoff, u32 i, struct seg *s)
{
	const u8 *p = img + phoff + (u64)i * PHDR_SIZE;

	s->type = rd32(p);
	s->flags = rd32(p + 4);
	s->offset = rd64(p + 8);
	s->paddr = rd64(p + 24);
	s->filesz = rd64(p + 32);
	s->memsz = rd64(p + 40);
}

/* A PT_LOAD's own fields, whether it is loaded or not. */
static int check_load(const struct seg *s, size_t len)
{
	if (s->filesz > s->memsz || !inside(len, s->offset, s->filesz) ||
	    s->memsz > U64_MAX - s->paddr)
		return -EINVAL;
	if (s->memsz > ELF_LOAD_MAX_SPAN)
		return -E2BIG;
	return 0;
}

static bool loaded(const struct seg *s)
{
	return s->type == PT_LOAD && (s->flags & PF_RWX) && s->memsz;
}

/*
 * The next loaded PT_LOAD from program header *i on, every PT_LOAD on the
 * way checked: 1 and *s, 0 at the end of the table, or a negative errno.
 */
static int next_load(const u8 *img, size_t len, u64 phoff, u32 phnum,
		     u32 *i, struct seg *s)
{
	int ret;

	while (*i < phnum) {
		rd_phdr(img, phoff, (*i)++, s);
		if (s->type != PT_LOAD)
			continue;
		ret = check_load(s, len);
		if (ret)
			return ret;
		if (loaded(s))
			return 1;
	}
	return 0;
}

/* ---- Xen notes ---------------------------------------------------------- */

static const struct {
	u8 bit;
	const char *name;
} xen_features[] = {
	{ XENFEAT_writable_page_tables, "writable_page_tables" },
	{ XENFEAT_writable_descriptor_tables, "writable_descriptor_tables" },
	{ XENFEAT_auto_translated_physmap, "auto_translated_physmap" },
	{ XENFEAT_supervisor_mode_kernel, "supervisor_mode_kernel" },
	{ XENFEAT_pae_pgdir_above_4gb, "pae_pgdir_above_4gb" },
	{ XENFEAT_hvm_callback_vector, "hvm_callback_vector" },
	{ XENFEAT_dom0, "dom0" },
};

/* A string descriptor's length: up to its first NUL or its end. */
static u32 desc_strlen(const u8 *d, u32 sz)
{
	u32 n = 0;

	while (n < sz && d[n])
		n++;
	return n;
}

static void note_str(char *dst, const u8 *d, u32 sz)
{
	u32 n = desc_strlen(d, sz);

	if (n > ELF_LOAD_STR_MAX - 1)
		n = ELF_LOAD_STR_MAX - 1;
	memcpy(dst, d, n);
	dst[n] = '\0';
}

static int note_num(const u8 *d, u32 sz, u64 *v)
{
	switch (sz) {
	case 1:
		*v = d[0];
		return 0;
	case 2:
		*v = rd16(d);
		return 0;
	case 4:
		*v = rd32(d);
		return 0;
	case 8:
		*v = rd64(d);
		return 0;
	}
	return -EINVAL;
}

static int feature_bit(const u8 *name, u32 n)
{
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(xen_features); i++)
		if (strlen(xen_features[i].name) == n &&
		    !memcmp(xen_features[i].name, name, n))
			return xen_features[i].bit;
	return -1;
}

static int parse_features(struct elf_info *ei, const u8 *d, u32 sz)
{
	u32 n = desc_strlen(d, sz), i = 0;

	while (i < n) {
		u32 j = i;
		bool req;
		int bit;

		while (j < n && d[j] != '|')
			j++;
		req = j > i && d[i] == '!';
		bit = feature_bit(d + i + req, j - i - req);
		if (bit >= 0) {
			ei->f_supported |= 1U << bit;
			if (req)
				ei->f_required |= 1U << bit;
		} else if (req) {
			return -EOPNOTSUPP;
		}
		i = j + 1;
	}
	return 0;
}

/* Notes whose descriptor goes into an elf_info field as it is. */
struct note_field {
	u8 type;
	u16 off;
};

#define FIELD(t, f)	{ XEN_ELFNOTE_##t, offsetof(struct elf_info, f) }

static const struct note_field num_fields[] = {	/* u64 */
	FIELD(ENTRY, entry), FIELD(HYPERCALL_PAGE, hypercall_page),
	FIELD(VIRT_BASE, virt_base), FIELD(PADDR_OFFSET, paddr_offset),
	FIELD(HV_START_LOW, hv_start_low), FIELD(INIT_P2M, init_p2m),
	FIELD(PHYS32_ENTRY, phys32_entry),
};

static const struct note_field str_fields[] = {	/* char[STR_MAX] */
	FIELD(XEN_VERSION, xen_version), FIELD(GUEST_OS, guest_os),
	FIELD(GUEST_VERSION, guest_version), FIELD(LOADER, loader),
	FIELD(PAE_MODE, pae_mode),
};

/* One note named "Xen": its descriptor d[0, sz) is inside the image. */
static int xen_note(struct elf_info *ei, u32 type, const u8 *d, u32 sz)
{
	u8 *field = NULL;
	unsigned int i;
	u64 v = 0;
	int ret;

	ei->nr_xen_notes++;
	if (type >= 32 || !(KNOWN_NOTES & 1U << type))
		return 0;	/* unknown type: skipped */
	if (STR_NOTES & 1U << type) {
		if (sz > ELF_LOAD_MAX_STR_DESC)
			return -EINVAL;
	} else if (type != XEN_ELFNOTE_SUPPORTED_FEATURES &&
		   type != XEN_ELFNOTE_L1_MFN_VALID) {
		ret = note_num(d, sz, &v);
		if (ret)
			return ret;
	}
	ei->xen_notes |= 1U << type;
	for (i = 0; i < ARRAY_SIZE(num_fields); i++)
		if (num_fields[i].type == type)
			memcpy((u8 *)ei + num_fields[i].off, &v, sizeof(v));
	for (i = 0; i < ARRAY_SIZE(str_fields); i++)
		if (str_fields[i].type == type)
			field = (u8 *)ei + str_fields[i].off;
	if (field) {
		note_str((char *)field, d, sz);
		return 0;
	}
	switch (type) {
	case XEN_ELFNOTE_SUPPORTED_FEATURES:
		if (!sz || sz % 4)
			return -EINVAL;
		ei->f_supported |= rd32(d);
		break;
	case XEN_ELFNOTE_L1_MFN_VALID:
		if (!sz || sz % 16)
			return -EINVAL;
		ei->l1_mfn_mask = rd64(d);
		ei->l1_mfn_value = rd64(d + 8);
		break;
	case XEN_ELFNOTE_FEATURES:
		return parse_features(ei, d, sz);
	case XEN_ELFNOTE_BSD_SYMTAB:
		ei->bsd_symtab = desc_strlen(d, sz) == 3 && !memcmp(d, "yes", 3);
		break;
	case XEN_ELFNOTE_SUSPEND_CANCEL:
		ei->suspend_cancel = v != 0;
		break;
	case XEN_ELFNOTE_MOD_START_PFN:
		ei->mod_start_pfn = v != 0;
		break;
	}
	return 0;
}

/*
 * The notes in p[0, size), which is inside the image. A tail shorter than
 * a note header must be zeros (padding between note sections).
 */
static int parse_notes(struct elf_info *ei, const u8 *p, u64 size, u32 *count)
{
	u64 pos = 0;

	while (pos < size) {
		u64 left = size - pos, nsz, dsz;
		u32 namesz, descsz;
		const u8 *name;
		int ret;

		if (left < NHDR_SIZE) {
			for (; pos < size; pos++)
				if (p[pos])
					return -EINVAL;
			break;
		}
		if (++*count > ELF_LOAD_MAX_NOTES)
			return -EINVAL;
		namesz = rd32(p + pos);
		descsz = rd32(p + pos + 4);
		nsz = ALIGN_UP((u64)namesz, 4);
		dsz = ALIGN_UP((u64)descsz, 4);
		left -= NHDR_SIZE;
		if (nsz > left || dsz > left - nsz)
			return -EINVAL;
		name = p + pos + NHDR_SIZE;
		if (namesz == 4 && !memcmp(name, "Xen", 4)) {
			ret = xen_note(ei, rd32(p + pos + 8), name + nsz,
				       descsz);
			if (ret)
				return ret;
		}
		pos += NHDR_SIZE + nsz + dsz;
	}
	return 0;
}

static int phdr_notes(const u8 *img, size_t len, u64 phoff, u32 phnum,
		      struct elf_info *ei, u32 *count)
{
	struct seg s;
	u32 i;
	int ret;

	for (i = 0; i < phnum; i++) {
		rd_phdr(img, phoff, i, &s);
		if (s.type != PT_NOTE)
			continue;
		if (!inside(len, s.offset, s.filesz))
			return -EINVAL;
		/* libelf: some binutils leave p_offset 0 in note segments */
		if (!s.offset)
			continue;
		ret = parse_notes(ei, img + s.offset, s.filesz, count);
		if (ret)
			return ret;
	}
	return 0;
}

static int shdr_notes(const u8 *img, size_t len, struct elf_info *ei,
		      u32 *count)
{
	u64 shoff = rd64(img + 40);
	u32 shnum = rd16(img + 60), i;
	int ret;

	/* e_shnum 0 with e_shoff set is extended numbering: not used here */
	if (!shoff || !shnum)
		return 0;
	if (rd16(img + 58) != SHDR_SIZE ||
	    !inside(len, shoff, (u64)shnum * SHDR_SIZE))
		return -EINVAL;
	for (i = 1; i < shnum; i++) {
		const u8 *sh = img + shoff + (u64)i * SHDR_SIZE;
		u64 off = rd64(sh + 24), size = rd64(sh + 32);

		if (rd32(sh + 4) != SHT_NOTE)
			continue;
		if (!inside(len, off, size))
			return -EINVAL;
		ret = parse_notes(ei, img + off, size, count);
		if (ret)
			return ret;
	}
	return 0;
}

/* ---- the span and the capabilities ---------------------------------------- */

static int load_span(const u8 *img, size_t len, struct elf_info *ei)
{
	struct seg s, t;
	u32 i = 0, j;
	int ret;

	ei->p_start = U64_MAX;
	while ((ret = next_load(img, len, ei->phoff, ei->phnum, &i, &s)) > 0) {
		/* the loaded segments before this one: disjoint from it */
		for (j = 0; next_load(img, len, ei->phoff, i - 1, &j, &t) > 0;)
			if (t.paddr < s.paddr + s.memsz &&
			    s.paddr < t.paddr + t.memsz)
				return -EINVAL;
		ei->nr_load++;
		ei->p_start = min(ei->p_start, s.paddr);
		ei->p_end = max(ei->p_end, s.paddr + s.memsz);
	}
	if (ret)
		return ret;
	if (!ei->nr_load)
		return -ENOEXEC;
	if (ei->p_end - ei->p_start > ELF_LOAD_MAX_SPAN)
		return -E2BIG;
	return 0;
}

static const char *pv_check(const struct elf_info *ei)
{
	u64 span = ei->p_end - ei->p_start;

	if (!ei->has_xen_notes)
		return "no Xen ELF notes";
	if (strncmp(ei->xen_version, "xen-3.0", 7))
		return "XEN_VERSION is not xen-3.0";
	if (strncmp(ei->loader, "generic", 7) &&
	    strncmp(ei->guest_os, "linux", 5))
		return "LOADER is not generic (nor GUEST_OS linux)";
	if (!elf_has_note(ei, XEN_ELFNOTE_ENTRY))
		return "no ENTRY note";
	if (elf_has_note(ei, XEN_ELFNOTE_PADDR_OFFSET) &&
	    !elf_has_note(ei, XEN_ELFNOTE_VIRT_BASE))
		return "PADDR_OFFSET without VIRT_BASE";
	if (ei->v_start > U64_MAX - span)
		return "the virtual span wraps";
	if (ei->virt_base > ei->v_start)
		return "VIRT_BASE above the image";
	if (ei->entry < ei->v_start || ei->entry >= ei->v_end)
		return "ENTRY outside the image";
	if (elf_has_note(ei, XEN_ELFNOTE_HYPERCALL_PAGE) &&
	    (!IS_ALIGNED(ei->hypercall_page, PAGE_SIZE) ||
	     ei->hypercall_page < ei->v_start ||
	     ei->hypercall_page >= ei->v_end ||
	     ei->v_end - ei->hypercall_page < PAGE_SIZE))
		return "HYPERCALL_PAGE not a page inside the image";
	if (elf_has_note(ei, XEN_ELFNOTE_INIT_P2M) &&
	    ei->init_p2m >= ei->v_start && ei->init_p2m < ei->v_end)
		return "INIT_P2M inside the image";
	return NULL;
}

static const char *pvh_check(const struct elf_info *ei)
{
	if (!elf_has_note(ei, XEN_ELFNOTE_PHYS32_ENTRY))
		return "no PHYS32_ENTRY note";
	if (ei->phys32_entry >= GiB4)
		return "PHYS32_ENTRY above 4 GiB";
	if (ei->phys32_entry < ei->p_start || ei->phys32_entry >= ei->p_end)
		return "PHYS32_ENTRY outside the image";
	return NULL;
}

static int parse(const u8 *img, size_t len, struct elf_info *ei)
{
	u32 count = 0;
	int ret;

	ret = check_ehdr(img, len, &ei->phoff, &ei->phnum);
	if (ret)
		return ret;
	ei->e_entry = rd64(img + 24);
	ret = load_span(img, len, ei);
	if (ret)
		return ret;
	ret = phdr_notes(img, len, ei->phoff, ei->phnum, ei, &count);
	if (!ret && !ei->nr_xen_notes)
		ret = shdr_notes(img, len, ei, &count);
	if (ret)
		return ret;

	ei->has_xen_notes = ei->nr_xen_notes != 0;
	if (!elf_has_note(ei, XEN_ELFNOTE_ENTRY))
		ei->entry = ei->e_entry;
	ei->virt_offset = ei->virt_base - ei->paddr_offset;
	ei->v_start = ei->p_start + ei->virt_offset;
	ei->v_end = ei->p_end + ei->virt_offset;
	ei->pv_why = pv_check(ei);
	ei->pv_capable = !ei->pv_why;
	ei->pvh_why = pvh_check(ei);
	ei->pvh_capable = !ei->pvh_why;
	return 0;
}

int elf_parse(const u8 *img, size_t len, struct elf_info *ei)
{
	int ret;

	memset(ei, 0, sizeof(*ei));
	ret = parse(img, len, ei);
	if (ret)
		memset(ei, 0, sizeof(*ei));
	return ret;
}

/* ---- loading ------------------------------------------------------------ */

/*
 * Every loaded PT_LOAD at p_paddr + off must lie in [start, end), which
 * the caller proved inside dst's window. With dst NULL, only check.
 */
static int place(const u8 *img, size_t len, u64 phoff, u32 phnum, u64 off,
		 u64 start, u64 end, u64 dst_base, u8 *dst)
{
	struct seg s;
	u64 addr;
	u32 i = 0;
	int ret;

	while ((ret = next_load(img, len, phoff, phnum, &i, &s)) > 0) {
		addr = s.paddr + off;
		if (addr < start || addr > end || s.memsz > end - addr)
			return -EINVAL;
		if (dst)
			memcpy(dst + (addr - dst_base), img + s.offset,
			       s.filesz);
	}
	return ret;
}

int elf_load(const u8 *img, size_t len, const struct elf_info *ei,
	     enum elf_load_mode mode, u64 dst_base, u8 *dst, size_t dst_len)
{
	u64 phoff, off, start, end;
	u32 phnum;
	int ret;

	ret = check_ehdr(img, len, &phoff, &phnum);
	if (ret)
		return ret;
	switch (mode) {
	case ELF_LOAD_PV:
		off = ei->virt_offset;
		start = ei->v_start;
		end = ei->v_end;
		break;
	case ELF_LOAD_PVH:
		off = 0;
		start = ei->p_start;
		end = ei->p_end;
		break;
	default:
		return -EINVAL;
	}
	if (start >= end)
		return -EINVAL;
	if (!dst || start < dst_base || end - dst_base > dst_len)
		return -ERANGE;
	ret = place(img, len, phoff, phnum, off, start, end, dst_base, NULL);
	if (ret)
		return ret;
	memset(dst, 0, dst_len);
	return place(img, len, phoff, phnum, off, start, end, dst_base, dst);
}
