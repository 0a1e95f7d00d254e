// SPDX-License-Identifier: GPL-2.0
/*
 * Host tests of the guest-kernel ELF loader (lib/elf_load.c).
 *
 * Synthetic images from a small ELF64 writer below (two PT_LOADs with a
 * gap and bss tails, a PT_NOTE of Xen notes plus a GNU one): the good
 * image's values and loaded bytes, then every ELF header field, every
 * truncation, PT_LOAD and PT_NOTE fields, each Xen note's size rule,
 * FEATURES strings, each PV and PVH capability rule, the SHT_NOTE
 * fallback, the note count bound, and elf_load() against lying elf_info
 * and too small windows. Each image is parsed from a heap copy of exactly
 * its length, so ASan sees any read past it.
 *
 * Then the real build/tern, when `make` has built it, against what
 * readelf and nm (binutils, not this parser) say about it.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <cmocka.h>

#include <tern/elf_load.h>
#include <xen/elfnote.h>
#include <xen/features.h>

#define IMG_LEN		0x1400
#define NOTES_OFF	0x200
#define NOTES_MAX	(0x1000 - NOTES_OFF)
#define L0_OFF		0x1000
#define L0_FILESZ	0x300
#define L1_OFF		0x1300
#define L1_FILESZ	0x100
#define PH(i)		(64 + (i) * 56)		/* program header i */
#define SH_OFF		IMG_LEN			/* mk_shdr(): sections */

#define VBASE		0xffffffff80000000ULL
#define P0		0x100000ULL		/* LOAD0: memsz 0x2000 */
#define P1		0x103000ULL		/* LOAD1: memsz 0x1800 */
#define P_END		(P1 + 0x1800)
#define ENTRY		(VBASE + P0 + 0x10)
#define HCALL		(VBASE + P0 + 0x1000)
#define PHYS32		(P0 + 0x20)

#define WPT		(1U << XENFEAT_writable_page_tables)
#define PAE4G		(1U << XENFEAT_pae_pgdir_above_4gb)
#define DOM0		(1U << XENFEAT_dom0)

struct nt {
	const char *name;
	u32 type;
	const void *desc;
	u32 descsz;
};

static const u64 vbase = VBASE, zero, entry = ENTRY, hcall = HCALL;
static const u32 phys32 = PHYS32, supported = DOM0;
static const char features[] = "!writable_page_tables|pae_pgdir_above_4gb";

#define STR(t, s)	{ "Xen", t, s, sizeof(s) }
#define NUM(t, v)	{ "Xen", t, &(v), sizeof(v) }

static const struct nt base_notes[] = {
	{ "GNU", 3, "0123456789abcdefghij", 20 },	/* a build id */
	STR(XEN_ELFNOTE_GUEST_OS, "Test"),
	STR(XEN_ELFNOTE_GUEST_VERSION, "1.0"),
	STR(XEN_ELFNOTE_XEN_VERSION, "xen-3.0"),
	STR(XEN_ELFNOTE_LOADER, "generic"),
	NUM(XEN_ELFNOTE_VIRT_BASE, vbase),
	NUM(XEN_ELFNOTE_PADDR_OFFSET, zero),
	NUM(XEN_ELFNOTE_ENTRY, entry),
	NUM(XEN_ELFNOTE_HYPERCALL_PAGE, hcall),
	{ "Xen", XEN_ELFNOTE_FEATURES, features, sizeof(features) - 1 },
	NUM(XEN_ELFNOTE_SUPPORTED_FEATURES, supported),
	STR(XEN_ELFNOTE_PAE_MODE, "yes"),
	NUM(XEN_ELFNOTE_PHYS32_ENTRY, phys32),
};
#define NR_BASE_XEN	12

static u8 buf[IMG_LEN + 0x200];

/* little-endian, n bytes */
static void put(u8 *p, u64 v, unsigned int n)
{
	while (n--) {
		*p++ = v;
		v >>= 8;
	}
}

#define put16(p, v)	put(p, v, 2)
#define put32(p, v)	put(p, v, 4)
#define put64(p, v)	put(p, v, 8)

static size_t put_note(u8 *p, const struct nt *n)
{
	u32 namesz = strlen(n->name) + 1;
	size_t at = 12;

	put32(p, namesz);
	put32(p + 4, n->descsz);
	put32(p + 8, n->type);
	memcpy(p + at, n->name, namesz);
	at += (namesz + 3) & ~3U;
	memcpy(p + at, n->desc, n->descsz);
	return at + ((n->descsz + 3) & ~3U);
}

static void put_phdr(u8 *b, int i, u32 type, u32 flags, u64 off, u64 paddr,
		     u64 filesz, u64 memsz)
{
	u8 *p = b + PH(i);

	put32(p, type);
	put32(p + 4, flags);
	put64(p + 8, off);
	put64(p + 16, paddr + VBASE);
	put64(p + 24, paddr);
	put64(p + 32, filesz);
	put64(p + 40, memsz);
	put64(p + 48, 0x1000);
}

/*
 * The test image: base_notes less any of type omit (0: none), then the
 * extra notes (a later note replaces an earlier one of its type).
 * Returns the image's length, IMG_LEN: the last byte is LOAD1's.
 */
static size_t mk(u32 omit, const struct nt *extra, int nextra)
{
	size_t nlen = 0, i;

	memset(buf, 0, sizeof(buf));
	memcpy(buf, "\177ELF\2\1\1", 7);
	put16(buf + 16, 2);		/* ET_EXEC */
	put16(buf + 18, 62);		/* EM_X86_64 */
	put32(buf + 20, 1);
	put64(buf + 24, VBASE + P0 + 0x40);
	put64(buf + 32, 64);
	put16(buf + 52, 64);
	put16(buf + 54, 56);
	put16(buf + 56, 3);
	for (i = 0; i < ARRAY_SIZE(base_notes); i++)
		if (!omit || base_notes[i].type != omit ||
		    strcmp(base_notes[i].name, "Xen"))
			nlen += put_note(buf + NOTES_OFF + nlen,
					 &base_notes[i]);
	for (i = 0; i < (size_t)nextra; i++) {
		assert_true(nlen + 12 + 8 + extra[i].descsz + 3 <= NOTES_MAX);
		nlen += put_note(buf + NOTES_OFF + nlen, &extra[i]);
	}
	put_phdr(buf, 0, 1, 5, L0_OFF, P0, L0_FILESZ, 0x2000);
	put_phdr(buf, 1, 1, 6, L1_OFF, P1, L1_FILESZ, 0x1800);
	put_phdr(buf, 2, 4, 4, NOTES_OFF, P0 + 0x500, nlen, nlen);
	for (i = 0; i < L0_FILESZ; i++)
		buf[L0_OFF + i] = i * 7 + 1;
	for (i = 0; i < L1_FILESZ; i++)
		buf[L1_OFF + i] = i * 13 + 5;
	return IMG_LEN;
}

static size_t mk_base(void)
{
	return mk(0, NULL, 0);
}

static size_t mk_extra(const struct nt *n)
{
	return mk(0, n, 1);
}

/* The notes as a SHT_NOTE section (section headers after the image). */
static size_t mk_shdr(u32 notes_phdr_type)
{
	u8 *sh = buf + SH_OFF;
	u64 nlen;

	mk_base();
	nlen = buf[PH(2) + 32] | (u64)buf[PH(2) + 33] << 8;
	put32(buf + PH(2), notes_phdr_type);
	put64(buf + 40, SH_OFF);
	put16(buf + 58, 64);
	put16(buf + 60, 3);
	put32(sh + 64 + 4, 7);			/* SHT_NOTE */
	put64(sh + 64 + 24, NOTES_OFF);
	put64(sh + 64 + 32, nlen);
	put32(sh + 128 + 4, 1);			/* PROGBITS */
	put64(sh + 128 + 24, L0_OFF);
	put64(sh + 128 + 32, L0_FILESZ);
	return IMG_LEN + 3 * 64;
}

static struct elf_info ei;

/* elf_parse() of buf[0, len) from an exact heap copy; ei zeroed on error */
static int parse_len(size_t len)
{
	u8 *img = malloc(len ? len : 1);
	int ret;

	assert_non_null(img);
	memcpy(img, buf, len);
	ret = elf_parse(img, len, &ei);
	free(img);
	if (ret) {
		struct elf_info z;

		memset(&z, 0, sizeof(z));
		assert_memory_equal(&ei, &z, sizeof(z));
	}
	return ret;
}

static void good_image(void **state)
{
	size_t len = mk_base();

	assert_int_equal(parse_len(len), 0);
	assert_int_equal(ei.nr_load, 2);
	assert_int_equal(ei.phnum, 3);
	assert_int_equal(ei.e_entry, VBASE + P0 + 0x40);
	assert_int_equal(ei.p_start, P0);
	assert_int_equal(ei.p_end, P_END);
	assert_int_equal(ei.virt_offset, VBASE);
	assert_int_equal(ei.v_start, VBASE + P0);
	assert_int_equal(ei.v_end, VBASE + P_END);
	assert_true(ei.has_xen_notes);
	assert_int_equal(ei.nr_xen_notes, NR_BASE_XEN);
	assert_int_equal(ei.entry, ENTRY);
	assert_int_equal(ei.virt_base, VBASE);
	assert_int_equal(ei.paddr_offset, 0);
	assert_int_equal(ei.hypercall_page, HCALL);
	assert_int_equal(ei.phys32_entry, PHYS32);
	assert_true(elf_has_note(&ei, XEN_ELFNOTE_HYPERCALL_PAGE));
	assert_false(elf_has_note(&ei, XEN_ELFNOTE_INIT_P2M));
	assert_false(elf_has_note(&ei, XEN_ELFNOTE_L1_MFN_VALID));
	assert_false(elf_has_note(&ei, 40));
	assert_int_equal(ei.f_supported, WPT | PAE4G | DOM0);
	assert_int_equal(ei.f_required, WPT);
	assert_string_equal(ei.xen_version, "xen-3.0");
	assert_string_equal(ei.guest_os, "Test");
	assert_string_equal(ei.guest_version, "1.0");
	assert_string_equal(ei.loader, "generic");
	assert_string_equal(ei.pae_mode, "yes");
	assert_false(ei.bsd_symtab);
	assert_true(ei.pv_capable);
	assert_null(ei.pv_why);
	assert_true(ei.pvh_capable);
	assert_null(ei.pvh_why);
}

/* dst[0, n) holds the test image's layout, its first byte at address at */
static void check_layout(const u8 *dst, size_t n, u64 at)
{
	size_t i;

	for (i = 0; i < n; i++) {
		u64 a = at + i;
		u8 want = 0;

		if (a >= P0 && a < P0 + L0_FILESZ)
			want = buf[L0_OFF + (a - P0)];
		else if (a >= P1 && a < P1 + L1_FILESZ)
			want = buf[L1_OFF + (a - P1)];
		if (dst[i] != want)
			fail_msg("byte at %#llx: %#x, want %#x", a, dst[i],
				 want);
	}
}

/* The base image parsed into ei, from a heap copy (the caller frees it) */
static u8 *parsed_base(void)
{
	u8 *img = malloc(IMG_LEN);

	assert_non_null(img);
	memcpy(img, buf, mk_base());
	assert_int_equal(elf_parse(img, IMG_LEN, &ei), 0);
	return img;
}

static void load_both_modes(void **state)
{
	size_t len = IMG_LEN, span = P_END - P0;
	u8 *img = parsed_base(), *dst = malloc(span + 0x2000);

	assert_non_null(dst);

	memset(dst, 0xaa, span);
	assert_int_equal(elf_load(img, len, &ei, ELF_LOAD_PV, VBASE + P0,
				  dst, span), 0);
	check_layout(dst, span, P0);
	memset(dst, 0xaa, span);
	assert_int_equal(elf_load(img, len, &ei, ELF_LOAD_PVH, P0, dst,
				  span), 0);
	check_layout(dst, span, P0);

	/* a larger window, a page lower and a page longer: all zeroed */
	memset(dst, 0xaa, span + 0x2000);
	assert_int_equal(elf_load(img, len, &ei, ELF_LOAD_PVH, P0 - 0x1000,
				  dst, span + 0x2000), 0);
	check_layout(dst, span + 0x2000, P0 - 0x1000);

	/* windows that miss a byte: refused, dst untouched */
	memset(dst, 0xaa, span + 0x2000);
	assert_int_equal(elf_load(img, len, &ei, ELF_LOAD_PVH, P0, dst,
				  span - 1), -ERANGE);
	assert_int_equal(elf_load(img, len, &ei, ELF_LOAD_PV, VBASE + P0 + 1,
				  dst, span + 0x2000), -ERANGE);
	assert_int_equal(elf_load(img, len, &ei, ELF_LOAD_PV, P0, dst,
				  span), -ERANGE);
	assert_int_equal(elf_load(img, len, &ei, ELF_LOAD_PVH, ~0ULL - 10,
				  dst, span), -ERANGE);
	assert_int_equal(elf_load(img, len, &ei, ELF_LOAD_PVH, P0, NULL,
				  span), -ERANGE);
	assert_int_equal(elf_load(img, len, &ei, 7, P0, dst, span), -EINVAL);
	assert_true(dst[0] == 0xaa && dst[span + 0x1fff] == 0xaa);

	free(dst);
	free(img);
}

/* elf_load() with an elf_info that does not describe img */
static void load_lying_info(void **state)
{
	size_t len = IMG_LEN, span = P_END - P0;
	u8 *img = parsed_base(), *dst = malloc(span);
	struct elf_info lie;

	assert_non_null(dst);
	memset(dst, 0xaa, span);

	lie = ei;			/* span one byte short */
	lie.p_end--;
	assert_int_equal(elf_load(img, len, &lie, ELF_LOAD_PVH, P0, dst,
				  span), -EINVAL);
	lie = ei;			/* segments moved */
	lie.virt_offset += 0x1000;
	assert_int_equal(elf_load(img, len, &lie, ELF_LOAD_PV, VBASE + P0,
				  dst, span), -EINVAL);
	lie = ei;			/* wrapping span */
	lie.v_start = ~0ULL - 0x100;
	lie.v_end = 0x100;
	assert_int_equal(elf_load(img, len, &lie, ELF_LOAD_PV, lie.v_start,
				  dst, span), -EINVAL);
	memset(&lie, 0, sizeof(lie));
	assert_int_equal(elf_load(img, len, &lie, ELF_LOAD_PVH, 0, dst,
				  span), -EINVAL);
	lie = ei;			/* img is not what ei came from */
	put64(img + PH(1) + 40, 0x1801);
	assert_int_equal(elf_load(img, len, &lie, ELF_LOAD_PVH, P0, dst,
				  span), -EINVAL);
	put64(img + PH(1) + 32, 0x2000);	/* filesz > memsz */
	assert_int_equal(elf_load(img, len, &lie, ELF_LOAD_PVH, P0, dst,
				  span), -EINVAL);
	put64(img + PH(1) + 32, L1_FILESZ);
	assert_int_equal(elf_load(img, len - 1, &lie, ELF_LOAD_PVH, P0, dst,
				  span), -EINVAL);
	img[4] = 1;
	assert_int_equal(elf_load(img, len, &lie, ELF_LOAD_PVH, P0, dst,
				  span), -EOPNOTSUPP);
	assert_true(dst[0] == 0xaa && dst[span - 1] == 0xaa);

	free(dst);
	free(img);
}

struct field {
	unsigned int off, size;
	u64 val;
	int err;
};

/* Each field alone set in the base image: the error it gives. */
static void check_fields(const struct field *f, unsigned int n)
{
	unsigned int i;

	for (i = 0; i < n; i++) {
		size_t len = mk_base();
		int ret;

		put(buf + f[i].off, f[i].val, f[i].size);
		ret = parse_len(len);
		if (ret != f[i].err)
			fail_msg("field at %#x = %#llx: %d, want %d", f[i].off,
				 f[i].val, ret, f[i].err);
	}
}

static void header_fields(void **state)
{
	static const struct field f[] = {
		{ 0, 1, 0x7e, -ENOEXEC }, { 1, 1, 'e', -ENOEXEC },
		{ 2, 1, 'l', -ENOEXEC }, { 3, 1, 'f', -ENOEXEC },
		{ 4, 1, 1, -EOPNOTSUPP }, { 4, 1, 0, -EINVAL },
		{ 4, 1, 3, -EINVAL }, { 5, 1, 2, -EOPNOTSUPP },
		{ 5, 1, 0, -EINVAL }, { 5, 1, 3, -EINVAL },
		{ 6, 1, 0, -EINVAL }, { 6, 1, 2, -EINVAL },
		{ 16, 2, 1, -ENOEXEC }, { 16, 2, 3, -ENOEXEC },
		{ 16, 2, 4, -ENOEXEC }, { 16, 2, 0, -ENOEXEC },
		{ 18, 2, 3, -EOPNOTSUPP }, { 18, 2, 183, -EOPNOTSUPP },
		{ 18, 2, 0, -EOPNOTSUPP }, { 20, 4, 0, -EINVAL },
		{ 20, 4, 2, -EINVAL }, { 52, 2, 52, -EINVAL },
		{ 52, 2, 0, -EINVAL }, { 54, 2, 32, -EINVAL },
		{ 54, 2, 64, -EINVAL }, { 54, 2, 0, -EINVAL },
		{ 56, 2, 0, -ENOEXEC }, { 56, 2, 129, -EINVAL },
		{ 56, 2, 0xffff, -EINVAL },
		{ 32, 8, IMG_LEN, -EINVAL },
		{ 32, 8, IMG_LEN - 3 * 56 + 1, -EINVAL },
		{ 32, 8, ~0ULL, -EINVAL }, { 32, 8, ~0ULL - 55, -EINVAL },
		{ 32, 8, 1ULL << 63, -EINVAL },
		/* fields that do not matter */
		{ 7, 1, 9, 0 }, { 8, 8, ~0ULL, 0 }, { 24, 8, 0, 0 },
		{ 48, 4, ~0U, 0 }, { 62, 2, 0xffff, 0 },
		{ 40, 8, ~0ULL, 0 }, { 60, 2, 0xffff, 0 },
		{ 58, 2, 3, 0 },
		/* the table moved, still inside: PT_NULLs */
		{ 32, 8, 0xf00, -ENOEXEC },
		{ 56, 2, 2, 0 },
	};

	check_fields(f, ARRAY_SIZE(f));

	/* a 52-byte ELF32 header alone: -EOPNOTSUPP, not truncated */
	mk_base();
	buf[4] = 1;
	assert_int_equal(parse_len(52), -EOPNOTSUPP);
	buf[4] = 2;
	buf[5] = 2;
	assert_int_equal(parse_len(52), -EOPNOTSUPP);
}

static void truncated(void **state)
{
	size_t len = mk_base(), n;
	int ret;

	assert_int_equal(parse_len(len), 0);
	for (n = 0; n < len; n++) {
		ret = parse_len(n);
		if (ret != (n < 16 ? -ENOEXEC : -EINVAL))
			fail_msg("length %zu: %d", n, ret);
	}
	assert_int_equal(elf_parse(NULL, 0, &ei), -ENOEXEC);

	len = mk_shdr(0);
	assert_int_equal(parse_len(len), 0);
	assert_true(ei.pv_capable);
	for (n = IMG_LEN; n < len; n++)
		assert_int_equal(parse_len(n), -EINVAL);
}

static void pt_load_fields(void **state)
{
	static const struct field f[] = {
		{ PH(1) + 32, 8, 0x1801, -EINVAL },	/* filesz > memsz */
		{ PH(1) + 8, 8, IMG_LEN, -EINVAL },	/* offset past end */
		{ PH(1) + 8, 8, IMG_LEN - 0xff, -EINVAL },
		{ PH(1) + 8, 8, ~0ULL - 0x10, -EINVAL },	/* wraps */
		{ PH(1) + 24, 8, ~0ULL - 0x17ff, -EINVAL },	/* wraps */
		{ PH(1) + 24, 8, ~0ULL - 0x1800, -E2BIG },
		{ PH(1) + 40, 8, 1ULL << 40, -E2BIG },
		{ PH(1) + 40, 8, ~0ULL, -EINVAL },
		{ PH(1) + 24, 8, P0 + (1ULL << 30), -E2BIG },
		{ PH(1) + 24, 8, P0 + (1ULL << 30) - 0x1800, 0 },
		{ PH(0) + 24, 8, P1 + (1ULL << 30) - 0x1fff, -E2BIG },
		{ PH(0) + 24, 8, P1 + (1ULL << 30) - 0x2000, 0 },
		{ PH(1) + 24, 8, P0 + 0x1fff, -EINVAL },	/* overlap */
		{ PH(1) + 24, 8, P0 - 0x17ff, -EINVAL },
		{ PH(1) + 24, 8, P0, -EINVAL },
		{ PH(1) + 24, 8, P0 + 0x2000, 0 },		/* adjacent */
		{ PH(1) + 24, 8, P0 - 0x1800, 0 },
		{ PH(1) + 16, 8, 0, 0 },		/* p_vaddr: unused */
		{ PH(1) + 48, 8, 3, 0 },		/* p_align: unused */
		/* not loaded: no R/W/X, or no memsz; still checked */
		{ PH(1) + 4, 4, 0, 0 }, { PH(1) + 4, 4, 8, 0 },
		{ PH(1) + 40, 8, 0, -EINVAL },		/* filesz > 0 */
		{ PH(0) + 4, 4, 0xfffffff8, 0 },
	};

	check_fields(f, ARRAY_SIZE(f));

	/* an unloaded PT_LOAD may overlap; it is not in the span */
	mk_base();
	put32(buf + PH(1) + 4, 0);
	put64(buf + PH(1) + 24, P0);
	assert_int_equal(parse_len(IMG_LEN), 0);
	assert_int_equal(ei.nr_load, 1);
	assert_int_equal(ei.p_end, P0 + 0x2000);
	put64(buf + PH(1) + 32, 0);
	put64(buf + PH(1) + 40, 0);
	put32(buf + PH(1) + 4, 7);
	assert_int_equal(parse_len(IMG_LEN), 0);
	assert_int_equal(ei.nr_load, 1);

	/* nothing to load */
	put32(buf + PH(0) + 4, 0);
	assert_int_equal(parse_len(IMG_LEN), -ENOEXEC);
	mk_base();
	put32(buf + PH(0), 0);
	put32(buf + PH(1), 0x6474e551);		/* PT_GNU_STACK */
	assert_int_equal(parse_len(IMG_LEN), -ENOEXEC);
}

static void pt_note_fields(void **state)
{
	size_t len = mk_base();
	u64 nlen = buf[PH(2) + 32] | buf[PH(2) + 33] << 8;

	/* the segment outside the file */
	put64(buf + PH(2) + 8, IMG_LEN - 4);
	assert_int_equal(parse_len(len), -EINVAL);
	put64(buf + PH(2) + 8, ~0ULL);
	assert_int_equal(parse_len(len), -EINVAL);
	put64(buf + PH(2) + 8, NOTES_OFF);
	put64(buf + PH(2) + 32, ~0ULL - NOTES_OFF + 1);
	assert_int_equal(parse_len(len), -EINVAL);

	/* cut inside the last note, or its padding */
	put64(buf + PH(2) + 32, nlen - 1);
	assert_int_equal(parse_len(len), -EINVAL);
	put64(buf + PH(2) + 32, nlen - 4);
	assert_int_equal(parse_len(len), -EINVAL);
	/* a tail shorter than a header: zeros pass, anything else fails */
	put64(buf + PH(2) + 32, nlen + 8);
	assert_int_equal(parse_len(len), 0);
	assert_int_equal(ei.nr_xen_notes, NR_BASE_XEN);
	buf[NOTES_OFF + nlen + 5] = 1;
	assert_int_equal(parse_len(len), -EINVAL);
	put64(buf + PH(2) + 32, nlen + 12);	/* an empty note */
	buf[NOTES_OFF + nlen + 5] = 0;
	assert_int_equal(parse_len(len), 0);

	/* namesz and descsz beyond the segment, and wrapping */
	mk_base();
	put32(buf + NOTES_OFF, 0xffffffff);
	assert_int_equal(parse_len(len), -EINVAL);
	put32(buf + NOTES_OFF, 0xfffffffd);
	assert_int_equal(parse_len(len), -EINVAL);
	mk_base();
	put32(buf + NOTES_OFF + 4, 0xffffffff);
	assert_int_equal(parse_len(len), -EINVAL);
	put32(buf + NOTES_OFF + 4, nlen);
	assert_int_equal(parse_len(len), -EINVAL);

	/* p_offset 0: skipped (libelf: old binutils); no notes left */
	mk_base();
	put64(buf + PH(2) + 8, 0);
	assert_int_equal(parse_len(len), 0);
	assert_false(ei.has_xen_notes);
	assert_int_equal(ei.xen_notes, 0);
	assert_false(ei.pv_capable);
	assert_false(ei.pvh_capable);
	assert_string_equal(ei.pv_why, "no Xen ELF notes");
	assert_int_equal(ei.entry, ei.e_entry);
	assert_int_equal(ei.v_start, P0);

	/* an empty PT_NOTE, two of the same */
	mk_base();
	put64(buf + PH(2) + 32, 0);
	assert_int_equal(parse_len(len), 0);
	assert_false(ei.has_xen_notes);
	mk_base();
	put16(buf + 56, 4);
	memcpy(buf + PH(3), buf + PH(2), 56);
	assert_int_equal(parse_len(len), 0);
	assert_int_equal(ei.nr_xen_notes, 2 * NR_BASE_XEN);
}

struct size_case {
	u32 type;
	u32 size;
	int err;
};

/* Each Xen note type with descriptors of each size: accepted or not. */
static void note_sizes(void **state)
{
	static const struct size_case c[] = {
		{ XEN_ELFNOTE_ENTRY, 0, -EINVAL },
		{ XEN_ELFNOTE_ENTRY, 3, -EINVAL },
		{ XEN_ELFNOTE_ENTRY, 16, -EINVAL },
		{ XEN_ELFNOTE_ENTRY, 1, 0 },
		{ XEN_ELFNOTE_HYPERCALL_PAGE, 5, -EINVAL },
		{ XEN_ELFNOTE_VIRT_BASE, 6, -EINVAL },
		{ XEN_ELFNOTE_PADDR_OFFSET, 7, -EINVAL },
		{ XEN_ELFNOTE_HV_START_LOW, 12, -EINVAL },
		{ XEN_ELFNOTE_HV_START_LOW, 2, 0 },
		{ XEN_ELFNOTE_SUSPEND_CANCEL, 0, -EINVAL },
		{ XEN_ELFNOTE_SUSPEND_CANCEL, 4, 0 },
		{ XEN_ELFNOTE_INIT_P2M, 9, -EINVAL },
		{ XEN_ELFNOTE_MOD_START_PFN, 3, -EINVAL },
		{ XEN_ELFNOTE_PHYS32_ENTRY, 0, -EINVAL },
		{ XEN_ELFNOTE_PHYS32_ENTRY, 8, 0 },
		{ XEN_ELFNOTE_SUPPORTED_FEATURES, 0, -EINVAL },
		{ XEN_ELFNOTE_SUPPORTED_FEATURES, 2, -EINVAL },
		{ XEN_ELFNOTE_SUPPORTED_FEATURES, 6, -EINVAL },
		{ XEN_ELFNOTE_SUPPORTED_FEATURES, 8, 0 },
		{ XEN_ELFNOTE_L1_MFN_VALID, 0, -EINVAL },
		{ XEN_ELFNOTE_L1_MFN_VALID, 8, -EINVAL },
		{ XEN_ELFNOTE_L1_MFN_VALID, 24, -EINVAL },
		{ XEN_ELFNOTE_L1_MFN_VALID, 32, 0 },
		{ XEN_ELFNOTE_XEN_VERSION, 0, 0 },
		{ XEN_ELFNOTE_GUEST_OS, 1024, 0 },
		{ XEN_ELFNOTE_GUEST_OS, 1025, -EINVAL },
		{ XEN_ELFNOTE_FEATURES, 1025, -EINVAL },
		{ XEN_ELFNOTE_BSD_SYMTAB, 2000, -EINVAL },
		{ XEN_ELFNOTE_INFO, 3, 0 },		/* unknown: skipped */
		{ 19, 7, 0 }, { 0x1000001, 5, 0 }, { 0xffffffff, 1, 0 },
	};
	static u8 zeros[2048];
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(c); i++) {
		struct nt n = { "Xen", c[i].type, zeros, c[i].size };
		size_t len = mk_extra(&n);
		int ret = parse_len(len);

		if (ret != c[i].err)
			fail_msg("type %#x size %u: %d, want %d", c[i].type,
				 c[i].size, ret, c[i].err);
		/* the same under another owner, or nameless: skipped */
		n.name = "Xe";
		assert_int_equal(parse_len(mk_extra(&n)), 0);
		n.name = "";
		assert_int_equal(parse_len(mk_extra(&n)), 0);
		n.name = "Xen1";
		assert_int_equal(parse_len(mk_extra(&n)), 0);
	}
}

static const char longver[] = "an overly long guest version, cut to 31";

static void note_values(void **state)
{
	static const u8 e1[] = { 0x42 }, e2[] = { 0x34, 0x12 };
	static const u8 l1[32] = { 1, 0, 0, 0, 0, 0, 0, 0x80, 2 };
	static const u8 sf[8] = { 0x01, 0x01, 0, 0, 0xff, 0xff, 0xff, 0xff };
	static const u64 p2m = 0x8000000000ULL, big = 0x100000020ULL;
	static const u8 one = 1;
	struct nt n[] = {
		{ "Xen", XEN_ELFNOTE_ENTRY, e1, 1 },
		{ "Xen", XEN_ELFNOTE_HV_START_LOW, e2, 2 },
		{ "Xen", XEN_ELFNOTE_L1_MFN_VALID, l1, 32 },
		{ "Xen", XEN_ELFNOTE_SUPPORTED_FEATURES, sf, 8 },
		NUM(XEN_ELFNOTE_INIT_P2M, p2m),
		NUM(XEN_ELFNOTE_SUSPEND_CANCEL, one),
		NUM(XEN_ELFNOTE_MOD_START_PFN, one),
		STR(XEN_ELFNOTE_BSD_SYMTAB, "yes"),
		STR(XEN_ELFNOTE_GUEST_VERSION, longver),
		/* .ascii: no NUL in the descriptor */
		{ "Xen", XEN_ELFNOTE_LOADER, "generic", 7 },
		{ "Xen", XEN_ELFNOTE_GUEST_OS, "Linux\0junk", 10 },
		NUM(XEN_ELFNOTE_PHYS32_ENTRY, big),
	};

	assert_int_equal(parse_len(mk(0, n, ARRAY_SIZE(n))), 0);
	assert_int_equal(ei.entry, 0x42);
	assert_int_equal(ei.hv_start_low, 0x1234);
	assert_int_equal(ei.l1_mfn_mask, 0x8000000000000001ULL);
	assert_int_equal(ei.l1_mfn_value, 2);
	assert_int_equal(ei.f_supported, WPT | PAE4G | DOM0 | 0x101);
	assert_int_equal(ei.f_required, WPT);
	assert_int_equal(ei.init_p2m, p2m);
	assert_true(ei.suspend_cancel && ei.mod_start_pfn && ei.bsd_symtab);
	assert_int_equal(strlen(ei.guest_version), ELF_LOAD_STR_MAX - 1);
	assert_memory_equal(ei.guest_version, "an overly long guest version",
			    28);
	assert_string_equal(ei.loader, "generic");
	assert_string_equal(ei.guest_os, "Linux");
	assert_int_equal(ei.phys32_entry, big);
	assert_int_equal(ei.nr_xen_notes, NR_BASE_XEN + 12);
	assert_false(ei.pv_capable);		/* entry 0x42 */
	assert_string_equal(ei.pv_why, "ENTRY outside the image");
	assert_false(ei.pvh_capable);
	assert_string_equal(ei.pvh_why, "PHYS32_ENTRY above 4 GiB");

	/* SUSPEND_CANCEL 0 */
	n[0] = (struct nt)NUM(XEN_ELFNOTE_SUSPEND_CANCEL, zero);
	assert_int_equal(parse_len(mk_extra(&n[0])), 0);
	assert_true(elf_has_note(&ei, XEN_ELFNOTE_SUSPEND_CANCEL));
	assert_false(ei.suspend_cancel);

	/* BSD_SYMTAB other than "yes" */
	n[0] = (struct nt)STR(XEN_ELFNOTE_BSD_SYMTAB, "yess");
	assert_int_equal(parse_len(mk_extra(&n[0])), 0);
	assert_false(ei.bsd_symtab);
	assert_true(ei.pv_capable);
	n[0] = (struct nt){ "Xen", XEN_ELFNOTE_BSD_SYMTAB, "yes", 3 };
	assert_int_equal(parse_len(mk_extra(&n[0])), 0);
	assert_true(ei.bsd_symtab);
}

struct feat_case {
	const char *s;
	int err;
	u32 sup, req;
};

static void feature_strings(void **state)
{
	static const struct feat_case c[] = {
		{ "", 0, 0, 0 },
		{ "dom0", 0, DOM0, 0 },
		{ "!dom0", 0, DOM0, DOM0 },
		{ "!auto_translated_physmap|hvm_callback_vector", 0,
		  1U << 2 | 1U << 8, 1U << 2 },
		{ "writable_descriptor_tables|supervisor_mode_kernel|", 0,
		  1U << 1 | 1U << 3, 0 },
		{ "||dom0||", 0, DOM0, 0 },
		{ "unknown_feature|dom0", 0, DOM0, 0 },
		{ "hvm_safe_pvclock", 0, 0, 0 },	/* not libelf's */
		{ "dom", 0, 0, 0 }, { "dom0x", 0, 0, 0 }, { "DOM0", 0, 0, 0 },
		{ "!unknown_feature", -EOPNOTSUPP, 0, 0 },
		{ "dom0|!dom", -EOPNOTSUPP, 0, 0 },
		{ "!", -EOPNOTSUPP, 0, 0 },
		{ "dom0|!", -EOPNOTSUPP, 0, 0 },
		{ "!!dom0", -EOPNOTSUPP, 0, 0 },
		{ "! dom0", -EOPNOTSUPP, 0, 0 },
	};
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(c); i++) {
		struct nt n = { "Xen", XEN_ELFNOTE_FEATURES, c[i].s,
				strlen(c[i].s) };
		int ret;

		/* instead of base_notes' FEATURES */
		memset(buf, 0, sizeof(buf));
		ret = parse_len(mk(XEN_ELFNOTE_FEATURES, &n, 1));
		if (ret != c[i].err)
			fail_msg("\"%s\": %d, want %d", c[i].s, ret,
				 c[i].err);
		if (ret)
			continue;
		assert_int_equal(ei.f_supported, c[i].sup | DOM0);
		assert_int_equal(ei.f_required, c[i].req);
		/* with a NUL: what follows it does not count */
		n.desc = "dom0\0!unknown";
		n.descsz = 13;
		assert_int_equal(parse_len(mk(XEN_ELFNOTE_FEATURES, &n, 1)),
				 0);
	}

	/* two FEATURES notes add up */
	{
		struct nt n = STR(XEN_ELFNOTE_FEATURES, "!dom0");

		assert_int_equal(parse_len(mk_extra(&n)), 0);
		assert_int_equal(ei.f_required, WPT | DOM0);
	}
}

struct cap_case {
	struct nt n;
	u32 omit;
	const char *why;
};

static const u64 unaligned = HCALL + 8, last_page = VBASE + P1;
static const u64 part_page = VBASE + P_END - 0x800, inside_p2m = ENTRY;
static const u64 outside = VBASE + P_END, below = VBASE + P0 - 1;
static const u64 po_hi = P0 + 0x1000, vb_wrap = 0xffffffffffffe000ULL;
static const u64 po_wrap = P0, legacy_po = VBASE;
static const u64 at_4g = 1ULL << 32, below_4g = (1ULL << 32) - 1;
static const u32 phys_hi = P_END, phys_lo = P0 - 1, phys_last = P_END - 1;

static void pv_pvh_rules(void **state)
{
	static const struct cap_case c[] = {
		{ STR(XEN_ELFNOTE_XEN_VERSION, "xen-3.1"), 0,
		  "XEN_VERSION is not xen-3.0" },
		{ STR(XEN_ELFNOTE_XEN_VERSION, "xen-3.0-x86_64"), 0, NULL },
		{ { "Xen", XEN_ELFNOTE_XEN_VERSION, "xen-3.0", 7 }, 0, NULL },
		{ { "Xen", 0, NULL, 0 }, XEN_ELFNOTE_XEN_VERSION,
		  "XEN_VERSION is not xen-3.0" },
		{ STR(XEN_ELFNOTE_LOADER, "other"), 0,
		  "LOADER is not generic (nor GUEST_OS linux)" },
		{ STR(XEN_ELFNOTE_LOADER, "generic-2"), 0, NULL },
		{ { "Xen", 0, NULL, 0 }, XEN_ELFNOTE_LOADER,
		  "LOADER is not generic (nor GUEST_OS linux)" },
		{ { "Xen", 0, NULL, 0 }, XEN_ELFNOTE_ENTRY, "no ENTRY note" },
		{ NUM(XEN_ELFNOTE_ENTRY, outside), 0,
		  "ENTRY outside the image" },
		{ NUM(XEN_ELFNOTE_ENTRY, below), 0,
		  "ENTRY outside the image" },
		{ NUM(XEN_ELFNOTE_PADDR_OFFSET, po_hi), 0,
		  "VIRT_BASE above the image" },
		{ { "Xen", 0, NULL, 0 }, XEN_ELFNOTE_VIRT_BASE,
		  "PADDR_OFFSET without VIRT_BASE" },
		{ NUM(XEN_ELFNOTE_HYPERCALL_PAGE, unaligned), 0,
		  "HYPERCALL_PAGE not a page inside the image" },
		{ NUM(XEN_ELFNOTE_HYPERCALL_PAGE, outside), 0,
		  "HYPERCALL_PAGE not a page inside the image" },
		{ NUM(XEN_ELFNOTE_HYPERCALL_PAGE, part_page), 0,
		  "HYPERCALL_PAGE not a page inside the image" },
		{ NUM(XEN_ELFNOTE_HYPERCALL_PAGE, last_page), 0, NULL },
		{ { "Xen", 0, NULL, 0 }, XEN_ELFNOTE_HYPERCALL_PAGE, NULL },
		{ NUM(XEN_ELFNOTE_INIT_P2M, inside_p2m), 0,
		  "INIT_P2M inside the image" },
		{ NUM(XEN_ELFNOTE_INIT_P2M, outside), 0, NULL },
	};
	struct nt wrap[2] = {
		NUM(XEN_ELFNOTE_VIRT_BASE, vb_wrap),
		NUM(XEN_ELFNOTE_PADDR_OFFSET, po_wrap),
	};
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(c); i++) {
		int n = c[i].n.type ? 1 : 0;

		assert_int_equal(parse_len(mk(c[i].omit, &c[i].n, n)), 0);
		if (c[i].why)
			assert_string_equal(ei.pv_why, c[i].why);
		else
			assert_null(ei.pv_why);
		assert_int_equal(ei.pv_capable, !c[i].why);
		assert_true(ei.pvh_capable);	/* PVH does not care */
	}

	/* GUEST_OS linux stands for LOADER generic (libelf) */
	{
		struct nt n = STR(XEN_ELFNOTE_GUEST_OS, "linux");

		assert_int_equal(parse_len(mk(XEN_ELFNOTE_LOADER, &n, 1)), 0);
		assert_true(ei.pv_capable);
	}

	/* virt_offset moves the span past 2^64 */
	assert_int_equal(parse_len(mk(0, wrap, 2)), 0);
	assert_int_equal(ei.virt_offset, vb_wrap - P0);
	assert_int_equal(ei.v_start, vb_wrap);
	assert_string_equal(ei.pv_why, "the virtual span wraps");

	/* legacy layout: PADDR_OFFSET = VIRT_BASE, p_paddr virtual */
	wrap[0] = (struct nt)NUM(XEN_ELFNOTE_PADDR_OFFSET, legacy_po);
	mk(0, wrap, 1);
	put64(buf + PH(0) + 24, VBASE + P0);
	put64(buf + PH(1) + 24, VBASE + P1);
	assert_int_equal(parse_len(IMG_LEN), 0);
	assert_int_equal(ei.virt_offset, 0);
	assert_int_equal(ei.v_start, VBASE + P0);
	assert_int_equal(ei.p_start, VBASE + P0);
	assert_true(ei.pv_capable);
	assert_false(ei.pvh_capable);

	/* PVH: PHYS32_ENTRY inside [p_start, p_end), below 4 GiB */
	wrap[0] = (struct nt)NUM(XEN_ELFNOTE_PHYS32_ENTRY, phys_hi);
	assert_int_equal(parse_len(mk(0, wrap, 1)), 0);
	assert_string_equal(ei.pvh_why, "PHYS32_ENTRY outside the image");
	assert_true(ei.pv_capable);
	wrap[0] = (struct nt)NUM(XEN_ELFNOTE_PHYS32_ENTRY, phys_lo);
	assert_int_equal(parse_len(mk(0, wrap, 1)), 0);
	assert_false(ei.pvh_capable);
	wrap[0] = (struct nt)NUM(XEN_ELFNOTE_PHYS32_ENTRY, phys_last);
	assert_int_equal(parse_len(mk(0, wrap, 1)), 0);
	assert_true(ei.pvh_capable);
	assert_int_equal(parse_len(mk(XEN_ELFNOTE_PHYS32_ENTRY, NULL, 0)), 0);
	assert_string_equal(ei.pvh_why, "no PHYS32_ENTRY note");
	assert_true(ei.pv_capable);

	/* an image across 4 GiB: the entry must be below */
	wrap[0] = (struct nt)NUM(XEN_ELFNOTE_PHYS32_ENTRY, at_4g);
	mk(0, wrap, 1);
	put64(buf + PH(0) + 24, at_4g - 0x10000);
	put64(buf + PH(1) + 24, at_4g - 0x100);
	assert_int_equal(parse_len(IMG_LEN), 0);
	assert_int_equal(ei.p_end, at_4g - 0x100 + 0x1800);
	assert_string_equal(ei.pvh_why, "PHYS32_ENTRY above 4 GiB");
	wrap[0] = (struct nt)NUM(XEN_ELFNOTE_PHYS32_ENTRY, below_4g);
	mk(0, wrap, 1);
	put64(buf + PH(0) + 24, at_4g - 0x10000);
	put64(buf + PH(1) + 24, at_4g - 0x100);
	assert_int_equal(parse_len(IMG_LEN), 0);
	assert_true(ei.pvh_capable);
}

static void section_notes(void **state)
{
	size_t len;

	/* no PT_NOTE: the SHT_NOTE section is used */
	len = mk_shdr(0);
	assert_int_equal(parse_len(len), 0);
	assert_int_equal(ei.nr_xen_notes, NR_BASE_XEN);
	assert_true(ei.pv_capable && ei.pvh_capable);

	/* a PT_NOTE without Xen notes: the sections too */
	mk_shdr(4);
	put32(buf + PH(2) + 32, 36);		/* just the GNU note */
	assert_int_equal(parse_len(len), 0);
	assert_int_equal(ei.nr_xen_notes, NR_BASE_XEN);

	/* Xen notes in the PT_NOTE: the sections are not read */
	mk_shdr(4);
	put16(buf + 58, 40);
	assert_int_equal(parse_len(len), 0);
	assert_int_equal(ei.nr_xen_notes, NR_BASE_XEN);

	/* bad section headers when they are read */
	mk_shdr(0);
	put16(buf + 58, 40);
	assert_int_equal(parse_len(len), -EINVAL);
	mk_shdr(0);
	put16(buf + 60, 4);
	assert_int_equal(parse_len(len), -EINVAL);
	mk_shdr(0);
	put64(buf + 40, ~0ULL - 64);
	assert_int_equal(parse_len(len), -EINVAL);
	mk_shdr(0);
	put64(buf + SH_OFF + 64 + 24, len - 8);
	assert_int_equal(parse_len(len), -EINVAL);
	mk_shdr(0);
	put64(buf + SH_OFF + 64 + 32, ~0ULL);
	assert_int_equal(parse_len(len), -EINVAL);
	mk_shdr(0);				/* PROGBITS: not checked */
	put64(buf + SH_OFF + 128 + 24, ~0ULL);
	assert_int_equal(parse_len(len), 0);
	mk_shdr(0);				/* section 0 is never used */
	put32(buf + SH_OFF + 4, 7);
	put64(buf + SH_OFF + 24, ~0ULL);
	assert_int_equal(parse_len(len), 0);
	mk_shdr(0);				/* a bad note in it */
	put32(buf + NOTES_OFF + 4, 0x100000);
	assert_int_equal(parse_len(len), -EINVAL);

	/* no sections at all: no notes, not an error */
	mk_shdr(0);
	put16(buf + 60, 0);
	assert_int_equal(parse_len(len), 0);
	assert_false(ei.has_xen_notes);
	put16(buf + 60, 3);
	put64(buf + 40, 0);
	assert_int_equal(parse_len(len), 0);
	assert_false(ei.has_xen_notes);
}

/* ELF_LOAD_MAX_NOTES empty notes pass; one more fails */
static void note_count_bound(void **state)
{
	size_t nlen = (size_t)ELF_LOAD_MAX_NOTES * 12;
	size_t len = IMG_LEN + nlen + 12;
	u8 *img = calloc(1, len);

	assert_non_null(img);
	mk_base();
	memcpy(img, buf, IMG_LEN);
	put64(img + PH(2) + 8, IMG_LEN);
	put64(img + PH(2) + 32, nlen);
	assert_int_equal(elf_parse(img, len, &ei), 0);
	assert_false(ei.has_xen_notes);
	put64(img + PH(2) + 32, nlen + 12);
	assert_int_equal(elf_parse(img, len, &ei), -EINVAL);
	free(img);
}

/* ---- the real build/tern ------------------------------------------------ */

#define TERN		"../../build/tern"

static FILE *cmd(const char *c)
{
	FILE *f = popen(c, "r");

	assert_non_null(f);
	return f;
}

static u64 nm_sym(const char *name)
{
	char line[256], sym[128];
	unsigned long long v = 0, a;
	FILE *f = cmd("nm " TERN ".debug");

	while (fgets(line, sizeof(line), f))
		if (sscanf(line, "%llx %*s %127s", &a, sym) == 2 &&
		    !strcmp(sym, name))
			v = a;
	pclose(f);
	if (!v)
		fail_msg("nm: no %s", name);
	return v;
}

struct rload {
	unsigned long long off, vaddr, paddr, filesz, memsz;
};

static void real_tern(void **state)
{
	unsigned long long e_entry = 0, pmin = ~0ULL, pmax = 0, vmin = ~0ULL;
	struct rload ld[8];
	int nld = 0, i, nreq = 0;
	char line[1024], descs[32][128];
	int ndesc = 0;
	u8 *img, *dst;
	long len;
	FILE *f;
	u32 req = 0;

	/* run from the top of the tree rather than selftests/host */
	if (access(TERN, R_OK) && !access("selftests/host", X_OK))
		assert_int_equal(chdir("selftests/host"), 0);
	f = fopen(TERN, "rb");
	if (!f || access(TERN ".debug", R_OK)) {
		if (f)
			fclose(f);
		print_message("build/tern not built: skipped\n");
		skip();
	}
	fseek(f, 0, SEEK_END);
	len = ftell(f);
	rewind(f);
	img = malloc(len);
	assert_non_null(img);
	assert_int_equal(fread(img, 1, len, f), len);
	fclose(f);
	assert_int_equal(elf_parse(img, len, &ei), 0);

	/* readelf: entry point and PT_LOADs */
	f = cmd("readelf -hlW " TERN);
	while (fgets(line, sizeof(line), f)) {
		struct rload *r = &ld[nld];

		if (sscanf(line, " Entry point address: %llx", &e_entry) == 1)
			continue;
		if (nld < 8 &&
		    sscanf(line, " LOAD %llx %llx %llx %llx %llx", &r->off,
			   &r->vaddr, &r->paddr, &r->filesz, &r->memsz) == 5)
			nld++;
	}
	pclose(f);
	assert_true(nld >= 1);
	assert_int_equal(ei.e_entry, e_entry);
	assert_int_equal(ei.nr_load, nld);
	for (i = 0; i < nld; i++) {
		pmin = ld[i].paddr < pmin ? ld[i].paddr : pmin;
		vmin = ld[i].vaddr < vmin ? ld[i].vaddr : vmin;
		if (ld[i].paddr + ld[i].memsz > pmax)
			pmax = ld[i].paddr + ld[i].memsz;
		assert_int_equal(ld[i].vaddr - ld[i].paddr, ei.virt_offset);
	}
	assert_int_equal(ei.p_start, pmin);
	assert_int_equal(ei.p_end, pmax);
	assert_int_equal(ei.v_start, vmin);

	/* nm: the symbols the notes name */
	assert_int_equal(ei.entry, nm_sym("xen_pv_entry"));
	assert_int_equal(ei.hypercall_page, nm_sym("hypercall_page"));
	assert_int_equal(ei.phys32_entry,
			 nm_sym("pvh_start") - ei.virt_offset);

	/* readelf -n: the Xen notes' descriptors as strings */
	f = cmd("readelf -nW " TERN);
	while (fgets(line, sizeof(line), f) && ndesc < 32) {
		char *d = strstr(line, "description data: ");
		unsigned int b, n = 0, k;

		if (strncmp(line, "  Xen ", 6) || !d)
			continue;
		d += strlen("description data: ");
		while (n < 127 && sscanf(d, "%2x%n", &b, &k) == 1) {
			descs[ndesc][n++] = b;
			d += k;
		}
		descs[ndesc++][n] = 0;
	}
	pclose(f);
	for (i = 0; i < ndesc; i++) {
		char *tok, *save;

		if (!strstr(descs[i], "writable_page_tables"))
			continue;
		for (tok = strtok_r(descs[i], "|", &save); tok;
		     tok = strtok_r(NULL, "|", &save)) {
			if (!strcmp(tok, "!writable_page_tables"))
				req |= WPT;
			if (!strcmp(tok, "!pae_pgdir_above_4gb"))
				req |= PAE4G;
			if (!strcmp(tok, "!dom0"))
				req |= DOM0;
			nreq += tok[0] == '!';
		}
	}
	assert_int_equal(ei.nr_xen_notes, ndesc);
	assert_int_equal(ei.f_required, req);
	assert_true(nreq >= 1);
	for (i = 0; i < ndesc; i++)
		if (!strcmp(descs[i], "xen-3.0"))
			break;
	assert_true(i < ndesc);
	assert_string_equal(ei.xen_version, "xen-3.0");
	assert_string_equal(ei.loader, "generic");
	assert_string_equal(ei.guest_os, "Tern");
	assert_true(ei.pv_capable);
	assert_true(ei.pvh_capable);

	/* loaded as readelf places the segments; the rest zero */
	dst = malloc(pmax - pmin);
	assert_non_null(dst);
	assert_int_equal(elf_load(img, len, &ei, ELF_LOAD_PV, vmin, dst,
				  pmax - pmin), 0);
	for (i = 0; i < nld; i++) {
		u8 *at = dst + (ld[i].paddr - pmin);
		unsigned long long k;

		assert_memory_equal(at, img + ld[i].off, ld[i].filesz);
		for (k = ld[i].filesz; k < ld[i].memsz; k++)
			if (at[k])
				fail_msg("segment %d byte %#llx not 0", i, k);
	}
	free(dst);
	free(img);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(good_image),
		cmocka_unit_test(load_both_modes),
		cmocka_unit_test(load_lying_info),
		cmocka_unit_test(header_fields),
		cmocka_unit_test(truncated),
		cmocka_unit_test(pt_load_fields),
		cmocka_unit_test(pt_note_fields),
		cmocka_unit_test(note_sizes),
		cmocka_unit_test(note_values),
		cmocka_unit_test(feature_strings),
		cmocka_unit_test(pv_pvh_rules),
		cmocka_unit_test(section_notes),
		cmocka_unit_test(note_count_bound),
		cmocka_unit_test(real_tern),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
