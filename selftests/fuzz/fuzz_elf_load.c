// SPDX-License-Identifier: GPL-2.0
/*
 * Fuzz the guest-kernel ELF loader (lib/elf_load.c). The input is the
 * image itself, parsed from a heap copy of exactly its size (ASan sees
 * any read past it); mkcorpus writes small ELF64 kernels with Xen notes.
 *
 * On error: one of the documented codes, and elf_info zeroed. On
 * success, against an independent model (glibc's <elf.h> structures read
 * from the input, not the loader's code):
 *  - the header is one the loader may accept, the program header table
 *    is inside the input, every PT_LOAD has p_filesz <= p_memsz, its file
 *    bytes inside the input and an address range that does not wrap;
 *  - the loaded PT_LOADs (PF_R|W|X, p_memsz > 0) do not overlap, their
 *    count is nr_load, their span is exactly [p_start, p_end), at most
 *    ELF_LOAD_MAX_SPAN, and [v_start, v_end) is it moved by virt_offset;
 *  - the "Xen" notes of the PT_NOTEs (when there are any) number
 *    nr_xen_notes;
 *  - pv_capable and pvh_capable hold what the header promises;
 *  - for a span up to LOAD_MAX, elf_load() into a heap buffer of exactly
 *    the span (filled with junk first) gives the model's image: file
 *    bytes at p_paddr - p_start, zeros elsewhere, in PVH mode and (when
 *    the virtual span does not wrap) in PV mode; a buffer a page (or a
 *    byte) too small is refused and left untouched;
 *  - elf_load() with an elf_info whose span and offset are bent by the
 *    input's last 16 bytes never touches memory outside its buffer.
 */
#include <elf.h>
#include <tern/elf_load.h>
#include <xen/elfnote.h>

#include "fuzz.h"

#define LOAD_MAX	(1U << 20)
#define JUNK		0xa5

struct mseg {
	u64 off, paddr, filesz, memsz;
};

static struct mseg segs[ELF_LOAD_MAX_PHNUM];
static unsigned int nsegs;
static u64 lo, hi;

/* The model of the program headers; sets segs, lo, hi. */
static void model(const u8 *d, size_t size, const struct elf_info *ei)
{
	Elf64_Ehdr eh;
	Elf64_Phdr ph;
	unsigned int i, j;
	u64 end;

	FUZZ_CHECK(size >= sizeof(eh));
	memcpy(&eh, d, sizeof(eh));
	FUZZ_CHECK(!memcmp(eh.e_ident, ELFMAG, SELFMAG));
	FUZZ_CHECK(eh.e_ident[EI_CLASS] == ELFCLASS64);
	FUZZ_CHECK(eh.e_ident[EI_DATA] == ELFDATA2LSB);
	FUZZ_CHECK(eh.e_type == ET_EXEC && eh.e_machine == EM_X86_64);
	FUZZ_CHECK(eh.e_phentsize == sizeof(ph));
	FUZZ_CHECK(eh.e_phnum >= 1 && eh.e_phnum <= ELF_LOAD_MAX_PHNUM);
	FUZZ_CHECK(eh.e_phoff <= size &&
		   eh.e_phnum * sizeof(ph) <= size - eh.e_phoff);
	FUZZ_CHECK(ei->phnum == eh.e_phnum && ei->phoff == eh.e_phoff);
	FUZZ_CHECK(ei->e_entry == eh.e_entry);

	nsegs = 0;
	lo = ~0ULL;
	hi = 0;
	for (i = 0; i < eh.e_phnum; i++) {
		memcpy(&ph, d + eh.e_phoff + i * sizeof(ph), sizeof(ph));
		if (ph.p_type != PT_LOAD)
			continue;
		FUZZ_CHECK(ph.p_filesz <= ph.p_memsz);
		FUZZ_CHECK(!__builtin_add_overflow(ph.p_offset, ph.p_filesz,
						   &end) && end <= size);
		FUZZ_CHECK(!__builtin_add_overflow(ph.p_paddr, ph.p_memsz,
						   &end));
		if (!(ph.p_flags & (PF_R | PF_W | PF_X)) || !ph.p_memsz)
			continue;
		segs[nsegs++] = (struct mseg){ ph.p_offset, ph.p_paddr,
					       ph.p_filesz, ph.p_memsz };
		if (ph.p_paddr < lo)
			lo = ph.p_paddr;
		if (end > hi)
			hi = end;
	}
	FUZZ_CHECK(nsegs >= 1 && nsegs == ei->nr_load);
	for (i = 0; i < nsegs; i++)
		for (j = i + 1; j < nsegs; j++)
			FUZZ_CHECK(segs[i].paddr + segs[i].memsz <=
				   segs[j].paddr ||
				   segs[j].paddr + segs[j].memsz <=
				   segs[i].paddr);
	FUZZ_CHECK(ei->p_start == lo && ei->p_end == hi);
	FUZZ_CHECK(hi - lo <= ELF_LOAD_MAX_SPAN);
	FUZZ_CHECK(ei->virt_offset == ei->virt_base - ei->paddr_offset);
	FUZZ_CHECK(ei->v_start == lo + ei->virt_offset);
	FUZZ_CHECK(ei->v_end == hi + ei->virt_offset);
}

/* "Xen" notes in the PT_NOTEs with p_offset != 0 (each valid: parsed) */
static unsigned int count_xen_notes(const u8 *d)
{
	Elf64_Ehdr eh;
	Elf64_Phdr ph;
	Elf64_Nhdr nh;
	unsigned int i, n = 0;

	memcpy(&eh, d, sizeof(eh));
	for (i = 0; i < eh.e_phnum; i++) {
		u64 pos = 0;

		memcpy(&ph, d + eh.e_phoff + i * sizeof(ph), sizeof(ph));
		if (ph.p_type != PT_NOTE || !ph.p_offset)
			continue;
		while (ph.p_filesz - pos >= sizeof(nh)) {
			const u8 *p = d + ph.p_offset + pos;

			memcpy(&nh, p, sizeof(nh));
			n += nh.n_namesz == 4 && !memcmp(p + 12, "Xen", 4);
			pos += sizeof(nh) + ((nh.n_namesz + 3ULL) & ~3ULL) +
			       ((nh.n_descsz + 3ULL) & ~3ULL);
		}
	}
	return n;
}

static void check_info(const struct elf_info *ei)
{
	u64 span = ei->p_end - ei->p_start;

	FUZZ_CHECK(!(ei->f_required & ~ei->f_supported));
	FUZZ_CHECK(memchr(ei->xen_version, 0, ELF_LOAD_STR_MAX));
	FUZZ_CHECK(memchr(ei->guest_os, 0, ELF_LOAD_STR_MAX));
	FUZZ_CHECK(memchr(ei->guest_version, 0, ELF_LOAD_STR_MAX));
	FUZZ_CHECK(memchr(ei->loader, 0, ELF_LOAD_STR_MAX));
	FUZZ_CHECK(memchr(ei->pae_mode, 0, ELF_LOAD_STR_MAX));
	FUZZ_CHECK(ei->has_xen_notes == (ei->nr_xen_notes != 0));
	FUZZ_CHECK(!ei->xen_notes || ei->has_xen_notes);
	if (!elf_has_note(ei, XEN_ELFNOTE_ENTRY))
		FUZZ_CHECK(ei->entry == ei->e_entry);
	FUZZ_CHECK(ei->pv_capable == !ei->pv_why);
	FUZZ_CHECK(ei->pvh_capable == !ei->pvh_why);
	if (ei->pv_capable) {
		FUZZ_CHECK(!strncmp(ei->xen_version, "xen-3.0", 7));
		FUZZ_CHECK(elf_has_note(ei, XEN_ELFNOTE_ENTRY));
		FUZZ_CHECK(ei->v_start <= ~0ULL - span);
		FUZZ_CHECK(ei->virt_base <= ei->v_start);
		FUZZ_CHECK(ei->entry >= ei->v_start && ei->entry < ei->v_end);
		if (elf_has_note(ei, XEN_ELFNOTE_HYPERCALL_PAGE))
			FUZZ_CHECK(!(ei->hypercall_page & 0xfff) &&
				   ei->hypercall_page >= ei->v_start &&
				   ei->hypercall_page + 0x1000 <= ei->v_end);
		if (elf_has_note(ei, XEN_ELFNOTE_INIT_P2M))
			FUZZ_CHECK(ei->init_p2m < ei->v_start ||
				   ei->init_p2m >= ei->v_end);
	}
	if (ei->pvh_capable)
		FUZZ_CHECK(ei->phys32_entry < (1ULL << 32) &&
			   ei->phys32_entry >= ei->p_start &&
			   ei->phys32_entry < ei->p_end);
}

static void load_and_compare(const u8 *img, size_t size,
			     const struct elf_info *ei)
{
	size_t span = hi - lo, small = span > 4096 ? span - 4096 : span - 1;
	u8 *want = calloc(1, span), *dst = malloc(span);
	u8 *tiny = malloc(small + 1);
	unsigned int i;
	int ret;

	FUZZ_CHECK(want && dst && tiny);
	for (i = 0; i < nsegs; i++)
		memcpy(want + (segs[i].paddr - lo), img + segs[i].off,
		       segs[i].filesz);

	memset(dst, JUNK, span);
	FUZZ_CHECK(elf_load(img, size, ei, ELF_LOAD_PVH, lo, dst, span) == 0);
	FUZZ_CHECK(!memcmp(dst, want, span));

	memset(dst, JUNK, span);
	ret = elf_load(img, size, ei, ELF_LOAD_PV, ei->v_start, dst, span);
	if (ei->v_start <= ~0ULL - span) {
		FUZZ_CHECK(ret == 0);
		FUZZ_CHECK(!memcmp(dst, want, span));
	} else {
		FUZZ_CHECK(ret == -EINVAL);
	}

	memset(tiny, JUNK, small + 1);
	FUZZ_CHECK(elf_load(img, size, ei, ELF_LOAD_PVH, lo, tiny, small) ==
		   -ERANGE);
	FUZZ_CHECK(elf_load(img, size, ei, ELF_LOAD_PVH, lo + 1, dst, span) ==
		   -ERANGE);
	for (i = 0; i <= small; i++)
		FUZZ_CHECK(tiny[i] == JUNK);

	free(want);
	free(dst);
	free(tiny);
}

/* elf_info bent by the input's last bytes: no access outside dst. */
static void load_hostile(const u8 *img, size_t size,
			 const struct elf_info *ei)
{
	struct elf_info bent = *ei;
	u64 a = size >= 16 ? fuzz_le(img + size - 16, 8) : 0;
	u64 b = size >= 16 ? fuzz_le(img + size - 8, 8) : 0;
	size_t len = (a & 0x3fff) + 1;
	u8 *dst = malloc(len);
	int ret;

	FUZZ_CHECK(dst);
	bent.p_start += (s64)(s16)(b & 0xffff);
	bent.p_end += (s64)(s16)(b >> 16 & 0xffff);
	bent.virt_offset ^= b >> 32 & 0xffff;
	bent.v_start = bent.p_start + bent.virt_offset;
	bent.v_end = bent.p_end + bent.virt_offset;
	if (a >> 63)
		bent.v_end = a;
	ret = elf_load(img, size, &bent, a >> 61 & 3, bent.p_start -
		       (a >> 16 & 0xfff), dst, len);
	FUZZ_CHECK(ret == 0 || ret == -EINVAL || ret == -ERANGE);
	ret = elf_load(img, size, &bent, ELF_LOAD_PV, bent.v_start, dst, len);
	FUZZ_CHECK(ret == 0 || ret == -EINVAL || ret == -ERANGE);
	free(dst);
}

int LLVMFuzzerTestOneInput(const u8 *data, size_t size)
{
	static const struct elf_info zero;
	struct elf_info ei;
	u8 *img = malloc(size ? size : 1);
	unsigned int n;
	int ret;

	FUZZ_CHECK(img);
	memcpy(img, data, size);
	ret = elf_parse(img, size, &ei);
	if (ret) {
		FUZZ_CHECK(ret == -ENOEXEC || ret == -EINVAL ||
			   ret == -EOPNOTSUPP || ret == -E2BIG);
		FUZZ_CHECK(!memcmp(&ei, &zero, sizeof(ei)));
		free(img);
		return 0;
	}
	model(img, size, &ei);
	n = count_xen_notes(img);
	if (n)
		FUZZ_CHECK(ei.nr_xen_notes == n);
	check_info(&ei);
	if (hi - lo <= LOAD_MAX)
		load_and_compare(img, size, &ei);
	load_hostile(img, size, &ei);
	free(img);
	return 0;
}
