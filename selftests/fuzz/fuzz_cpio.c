// SPDX-License-Identifier: GPL-2.0
/*
 * Fuzz the cpio reader (lib/cpio.c). The input is the archive, in a heap
 * object of exactly its size (ASan sees any byte read outside it).
 *
 * A model written here from the format (include/tern/cpio.h), with libc
 * and no shared code, reads the archive into a list of entries and the
 * way it ends (0 at the trailer or the first error, checked in the
 * documented order). cpio_next() must hand out the same entries, each
 * inside the input, in at most len / 112 + 1 calls, then the same end,
 * again on every later call. cpio_find() must agree with a naive model of
 * the lookup (the last entry of the name, symlinks, hard links) for
 * paths made from the names the archive holds and a few fixed ones.
 */
#include <ctype.h>

#include <tern/cpio.h>

#include "fuzz.h"

struct mentry {
	char name[CPIO_NAME_MAX];
	enum cpio_type type;
	u32 mode, ino, nlink, maj, min;
	size_t hoff, doff, size;
};

static const u8 *arc;
static size_t arc_len;
static struct mentry *ents;
static size_t nents, cap_ents;
static int arc_end;		/* 0: trailer reached; or the error */

/*
 * Add [s, s + n) to the normalized path out (olen used): components
 * one by one, "" and "." dropped, ".." popping or refused, each checked
 * against the size when it is added.
 */
static int m_norm(char *out, size_t *olen, const char *s, size_t n, bool pop)
{
	size_t i = 0;

	while (i <= n) {
		const char *end = memchr(s + i, '/', n - i);
		size_t clen = end ? (size_t)(end - (s + i)) : n - i;

		if (memchr(s + i, '\0', clen))
			return -EINVAL;
		if (clen == 2 && !memcmp(s + i, "..", 2)) {
			char *slash;

			if (!pop)
				return -EINVAL;
			out[*olen] = '\0';
			slash = strrchr(out, '/');
			*olen = slash ? (size_t)(slash - out) : 0;
		} else if (clen && !(clen == 1 && s[i] == '.')) {
			size_t add = clen + (*olen > 0);

			if (*olen + add >= CPIO_NAME_MAX)
				return -ENAMETOOLONG;
			if (*olen)
				out[(*olen)++] = '/';
			memcpy(out + *olen, s + i, clen);
			*olen += clen;
		}
		if (!end)
			break;
		i += clen + 1;
	}
	out[*olen] = '\0';
	return 0;
}

static bool m_zero(size_t from, size_t to)
{
	for (; from < to; from++)
		if (arc[from])
			return false;
	return true;
}

static int m_entry(size_t off, size_t *next)
{
	u32 f[13];
	char field[9];
	struct mentry e;
	size_t nsz, nend, dend, olen = 0;
	unsigned int i, j;
	int ret;

	if (arc_len - off < 110)
		return -E2BIG;
	if (memcmp(arc + off, "070701", 6) && memcmp(arc + off, "070702", 6))
		return -EINVAL;
	for (i = 0; i < 13; i++) {
		memcpy(field, arc + off + 6 + 8 * i, 8);
		field[8] = '\0';
		for (j = 0; j < 8; j++)
			if (!isxdigit((unsigned char)field[j]))
				return -EINVAL;
		f[i] = strtoul(field, NULL, 16);
	}
	nsz = f[11];
	if (!nsz)
		return -EINVAL;
	if (off + 110 + nsz > arc_len)
		return -E2BIG;
	if (strnlen((const char *)arc + off + 110, nsz) != nsz - 1)
		return -EINVAL;
	nend = (off + 110 + nsz + 3) / 4 * 4;
	if (nend > arc_len)
		return -E2BIG;
	if (!m_zero(off + 110 + nsz, nend))
		return -EINVAL;
	if (!strcmp((const char *)arc + off + 110, "TRAILER!!!"))
		return f[6] ? -EINVAL : 0;
	if (f[1] > 0xffff)
		return -EINVAL;
	switch (f[1] >> 12) {
	case 8:
		e.type = CPIO_REG;
		break;
	case 4:
		e.type = CPIO_DIR;
		break;
	case 10:
		e.type = CPIO_SYMLINK;
		break;
	case 1:
	case 2:
	case 6:
	case 12:
		e.type = CPIO_OTHER;
		break;
	default:
		return -EINVAL;
	}
	if (nend + f[6] > arc_len)
		return -E2BIG;
	if (f[6] && (e.type == CPIO_DIR || e.type == CPIO_OTHER))
		return -EINVAL;
	dend = (nend + f[6] + 3) / 4 * 4;
	if (dend > arc_len)
		return -E2BIG;
	if (!m_zero(nend + f[6], dend))
		return -EINVAL;
	if (arc[off + 5] == '2' && e.type == CPIO_REG) {
		u32 sum = 0;

		for (i = 0; i < f[6]; i++)
			sum += arc[nend + i];
		if (sum != f[12])
			return -EBADMSG;
	}
	ret = m_norm(e.name, &olen, (const char *)arc + off + 110, nsz - 1,
		     false);
	if (ret)
		return ret;
	e.mode = f[1];
	e.ino = f[0];
	e.nlink = f[4];
	e.maj = f[7];
	e.min = f[8];
	e.hoff = off;
	e.doff = nend;
	e.size = f[6];
	if (nents == cap_ents) {
		cap_ents = cap_ents ? 2 * cap_ents : 16;
		ents = realloc(ents, cap_ents * sizeof(*ents));
		FUZZ_CHECK(ents);
	}
	ents[nents++] = e;
	*next = dend;
	return 1;
}

static void model(void)
{
	size_t off = 0;
	int ret;

	nents = 0;
	while ((ret = m_entry(off, &off)) == 1)
		;
	arc_end = ret;
}

/* the naive lookup: the last entry of a name, links, hard links */
static int m_find(const char *path, const struct mentry **res)
{
	char want[CPIO_NAME_MAX];
	const struct mentry *e = NULL;
	size_t olen = 0, i;
	int depth, ret;

	if (strnlen(path, CPIO_NAME_MAX) == CPIO_NAME_MAX)
		return -ENAMETOOLONG;
	ret = m_norm(want, &olen, path, strlen(path), true);
	if (ret)
		return ret;
	if (arc_end)
		return arc_end;
	for (depth = 0; ; depth++) {
		const char *slash;
		size_t dlen, n;
		char *buf;

		e = NULL;
		for (i = 0; i < nents; i++)
			if (!strcmp(ents[i].name, want))
				e = &ents[i];
		if (!e)
			return -ENOENT;
		if (e->type != CPIO_SYMLINK)
			break;
		if (depth == CPIO_SYMLINK_DEPTH)
			return -ELOOP;
		if (!e->size)
			return -EINVAL;
		/* "the link's directory/its target", then normalized */
		slash = strrchr(e->name, '/');
		dlen = slash && arc[e->doff] != '/' ? slash - e->name : 0;
		buf = malloc(dlen + 1 + e->size);
		FUZZ_CHECK(buf);
		memcpy(buf, e->name, dlen);
		n = dlen;
		buf[n++] = '/';
		memcpy(buf + n, arc + e->doff, e->size);
		n += e->size;
		olen = 0;
		ret = m_norm(want, &olen, buf, n, true);
		free(buf);
		if (ret)
			return ret;
	}
	*res = e;
	return 0;
}

static void check_find(const char *path)
{
	const struct mentry *m = NULL;
	struct cpio_entry e;
	int want, got;

	want = m_find(path, &m);
	got = cpio_find(arc, arc_len, path, &e);
	if (got != want)
		fprintf(stderr, "find \"%s\": %d, model %d\n", path, got, want);
	FUZZ_CHECK(got == want);
	if (got)
		return;
	FUZZ_CHECK(!strcmp(e.name, m->name));
	FUZZ_CHECK(e.type == m->type && e.offset == m->hoff);
	if (m->type == CPIO_REG && m->nlink > 1 && !m->size) {
		size_t i, doff = m->doff, size = 0;

		for (i = 0; i < nents; i++) {
			if (ents[i].type == CPIO_REG && ents[i].size &&
			    ents[i].nlink > 1 && ents[i].ino == m->ino &&
			    ents[i].maj == m->maj && ents[i].min == m->min) {
				doff = ents[i].doff;
				size = ents[i].size;
			}
		}
		FUZZ_CHECK(e.size == size && (const u8 *)e.data == arc + doff);
	} else {
		FUZZ_CHECK(e.size == m->size);
		FUZZ_CHECK((const u8 *)e.data == arc + m->doff);
	}
}

int LLVMFuzzerTestOneInput(const u8 *data, size_t size)
{
	static const char *const fixed[] = {
		"", "/", "..", "vmlinuz", "/boot/vmlinuz", "boot/../vmlinuz",
		"etc/xen/auto/g.cfg", "TRAILER!!!",
	};
	struct cpio_entry e;
	struct cpio_iter it;
	size_t calls = 0, i, step;
	char path[CPIO_NAME_MAX + 16];
	u8 *copy = malloc(size ? size : 1);
	int ret;

	FUZZ_CHECK(copy);
	memcpy(copy, data, size);
	arc = copy;
	arc_len = size;
	model();

	cpio_iter_init(&it, arc, arc_len);
	while ((ret = cpio_next(&it, &e)) == 1) {
		const struct mentry *m;

		FUZZ_CHECK(calls < nents);
		m = &ents[calls++];
		FUZZ_CHECK(calls <= size / 112 + 1);
		FUZZ_CHECK((const u8 *)e.data >= arc &&
			   e.size <= (size_t)(arc + arc_len -
					      (const u8 *)e.data));
		FUZZ_CHECK(e.offset % 4 == 0 && e.offset + 112 <= arc_len);
		FUZZ_CHECK(!strcmp(e.name, m->name));
		FUZZ_CHECK(e.name[0] != '/' && !strstr(e.name, "//"));
		FUZZ_CHECK(e.type == m->type && e.mode == m->mode);
		FUZZ_CHECK(e.ino == m->ino && e.nlink == m->nlink);
		FUZZ_CHECK(e.dev_major == m->maj && e.dev_minor == m->min);
		FUZZ_CHECK(e.offset == m->hoff && e.size == m->size);
		FUZZ_CHECK((const u8 *)e.data == arc + m->doff);
	}
	FUZZ_CHECK(calls == nents && ret == arc_end);
	FUZZ_CHECK(cpio_next(&it, &e) == ret);

	for (i = 0; i < ARRAY_SIZE(fixed); i++)
		check_find(fixed[i]);
	step = nents > 6 ? nents / 6 : 1;
	for (i = 0; i < nents; i += step) {
		const char *n = ents[i].name, *base = strrchr(n, '/');

		check_find(n);
		snprintf(path, sizeof(path), "/%s", n);
		check_find(path);
		snprintf(path, sizeof(path), ".//%s/.", n);
		check_find(path);
		snprintf(path, sizeof(path), "%s/../%s", n,
			 base ? base + 1 : n);
		check_find(path);
	}
	free(copy);
	return 0;
}
