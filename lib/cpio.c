// SPDX-License-Identifier: GPL-2.0
/*
 * A reader of newc cpio archives (include/tern/cpio.h has the format).
 * Pure code: no allocation, no globals; the archive is only read.
 *
 * Invariants: it->off <= it->len and is a multiple of 4 while the
 * iterator runs; every offset is compared with what is left of the
 * archive (len - off) before it is added, so no sum can wrap; an entry
 * handed out lies inside the archive. An error stops the iterator for
 * good, so a caller that loops until cpio_next() <= 0 always ends.
 */
#include <tern/cpio.h>
#include <tern/string.h>

#define CPIO_FIELDS	13
enum { F_INO, F_MODE, F_UID, F_GID, F_NLINK, F_MTIME, F_FILESIZE,
	F_DEVMAJOR, F_DEVMINOR, F_RDEVMAJOR, F_RDEVMINOR, F_NAMESIZE,
	F_CHECK };

#define S_IFMT		0170000
#define S_IFSOCK	0140000
#define S_IFLNK		0120000
#define S_IFREG		0100000
#define S_IFBLK		0060000
#define S_IFDIR		0040000
#define S_IFCHR		0020000
#define S_IFIFO		0010000

static const char trailer[] = "TRAILER!!!";

void cpio_iter_init(struct cpio_iter *it, const void *a, size_t len)
{
	it->base = a;
	it->len = a ? len : 0;
	it->off = 0;
	it->state = 0;
}

static int hexval(u8 c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

static int parse_fields(const u8 *h, u32 *f)
{
	unsigned int i, j;

	for (i = 0; i < CPIO_FIELDS; i++) {
		u32 v = 0;

		for (j = 0; j < 8; j++) {
			int d = hexval(h[6 + 8 * i + j]);

			if (d < 0)
				return -EINVAL;
			v = v << 4 | d;
		}
		f[i] = v;
	}
	return 0;
}

/* Padding: [p, p + n) must be zero (the caller checked it exists). */
static bool zeros(const u8 *p, size_t n)
{
	while (n--)
		if (*p++)
			return false;
	return true;
}

static bool has_nul(const char *p, size_t n)
{
	while (n--)
		if (!*p++)
			return true;
	return false;
}

/*
 * Append the components of [s, s + n) to the normalized name out (*olen
 * bytes of it used, size in all; kept NUL-terminated). Empty and "."
 * components are dropped; ".." removes the last component if pop (never
 * above the root), else it is an error.
 */
static int path_append(char *out, size_t *olen, size_t size, const char *s,
		       size_t n, bool pop)
{
	size_t i = 0;

	while (i < n) {
		size_t j = i, clen;

		while (j < n && s[j] != '/') {
			if (!s[j])
				return -EINVAL;
			j++;
		}
		clen = j - i;
		if (clen == 2 && s[i] == '.' && s[i + 1] == '.') {
			if (!pop)
				return -EINVAL;
			while (*olen && out[*olen - 1] != '/')
				(*olen)--;
			if (*olen)
				(*olen)--;
		} else if (clen && !(clen == 1 && s[i] == '.')) {
			size_t sep = *olen ? 1 : 0;

			if (clen + sep > size - 1 - *olen)
				return -ENAMETOOLONG;
			if (sep)
				out[(*olen)++] = '/';
			memcpy(out + *olen, s + i, clen);
			*olen += clen;
		}
		i = j + 1;
	}
	out[*olen] = '\0';
	return 0;
}

static enum cpio_type mode_type(u32 mode)
{
	switch (mode & S_IFMT) {
	case S_IFREG:
		return CPIO_REG;
	case S_IFDIR:
		return CPIO_DIR;
	case S_IFLNK:
		return CPIO_SYMLINK;
	case S_IFCHR:
	case S_IFBLK:
	case S_IFIFO:
	case S_IFSOCK:
		return CPIO_OTHER;
	}
	return 0;
}

static int next_entry(struct cpio_iter *it, struct cpio_entry *e)
{
	const u8 *h = it->base + it->off;
	size_t left = it->len - it->off, nsz, pad, dsz, olen = 0;
	const char *name;
	u32 f[CPIO_FIELDS];
	enum cpio_type type;
	int ret;

	if (left < CPIO_HDR_LEN)
		return -E2BIG;
	if (memcmp(h, "07070", 5) || (h[5] != '1' && h[5] != '2'))
		return -EINVAL;
	if (parse_fields(h, f))
		return -EINVAL;

	nsz = f[F_NAMESIZE];
	if (!nsz)
		return -EINVAL;
	left -= CPIO_HDR_LEN;
	if (nsz > left)
		return -E2BIG;
	name = (const char *)h + CPIO_HDR_LEN;
	if (name[nsz - 1] || has_nul(name, nsz - 1))
		return -EINVAL;
	left -= nsz;
	pad = -(it->off + CPIO_HDR_LEN + nsz) & 3;
	if (pad > left)
		return -E2BIG;
	if (!zeros((const u8 *)name + nsz, pad))
		return -EINVAL;
	left -= pad;

	dsz = f[F_FILESIZE];
	if (nsz == sizeof(trailer) && !memcmp(name, trailer, nsz)) {
		if (dsz)
			return -EINVAL;
		return 0;
	}

	if (f[F_MODE] > 0177777)
		return -EINVAL;
	type = mode_type(f[F_MODE]);
	if (!type)
		return -EINVAL;
	if (dsz > left)
		return -E2BIG;
	if (dsz && (type == CPIO_DIR || type == CPIO_OTHER))
		return -EINVAL;
	e->data = name + nsz + pad;
	left -= dsz;
	pad = -dsz & 3;		/* the data starts 4-aligned */
	if (pad > left)
		return -E2BIG;
	if (!zeros((const u8 *)e->data + dsz, pad))
		return -EINVAL;

	if (h[5] == '2' && type == CPIO_REG) {
		const u8 *p = e->data;
		u32 sum = 0;
		size_t i;

		for (i = 0; i < dsz; i++)
			sum += p[i];
		if (sum != f[F_CHECK])
			return -EBADMSG;
	}

	ret = path_append(e->name, &olen, sizeof(e->name), name, nsz - 1,
			  false);
	if (ret)
		return ret;
	e->type = type;
	e->mode = f[F_MODE];
	e->ino = f[F_INO];
	e->nlink = f[F_NLINK];
	e->dev_major = f[F_DEVMAJOR];
	e->dev_minor = f[F_DEVMINOR];
	e->size = dsz;
	e->offset = it->off;
	it->off = it->len - (left - pad);
	return 1;
}

int cpio_next(struct cpio_iter *it, struct cpio_entry *e)
{
	int ret;

	if (it->state)
		return it->state < 0 ? it->state : 0;
	ret = next_entry(it, e);
	if (ret <= 0)
		it->state = ret ? ret : 1;
	return ret;
}

/* The last entry named want, into *e: 0, -ENOENT or the archive's error */
static int lookup(const void *a, size_t len, const char *want,
		  struct cpio_entry *e, struct cpio_entry *cur)
{
	struct cpio_iter it;
	bool found = false;
	int ret;

	cpio_iter_init(&it, a, len);
	while ((ret = cpio_next(&it, cur)) > 0) {
		if (!strcmp(cur->name, want)) {
			*e = *cur;
			found = true;
		}
	}
	if (ret < 0)
		return ret;
	return found ? 0 : -ENOENT;
}

/* e is a hard link cpio wrote without data: take the data of its group */
static int hardlink_data(const void *a, size_t len, struct cpio_entry *e,
			 struct cpio_entry *cur)
{
	struct cpio_iter it;
	int ret;

	cpio_iter_init(&it, a, len);
	while ((ret = cpio_next(&it, cur)) > 0) {
		if (cur->type == CPIO_REG && cur->size && cur->nlink > 1 &&
		    cur->ino == e->ino && cur->dev_major == e->dev_major &&
		    cur->dev_minor == e->dev_minor) {
			e->data = cur->data;
			e->size = cur->size;
		}
	}
	return ret;
}

int cpio_find(const void *a, size_t len, const char *path,
	      struct cpio_entry *e)
{
	struct cpio_entry cur;
	char want[CPIO_NAME_MAX];
	unsigned int depth;
	size_t n, olen = 0;
	int ret;

	n = strnlen(path, CPIO_NAME_MAX);
	if (n == CPIO_NAME_MAX)
		return -ENAMETOOLONG;
	ret = path_append(want, &olen, sizeof(want), path, n, true);
	if (ret)
		return ret;

	for (depth = 0; ; depth++) {
		const char *t;

		ret = lookup(a, len, want, e, &cur);
		if (ret)
			return ret;
		if (e->type != CPIO_SYMLINK)
			break;
		if (depth == CPIO_SYMLINK_DEPTH)
			return -ELOOP;
		t = e->data;
		if (!e->size)
			return -EINVAL;
		/* relative to the link's directory, or from the root */
		memcpy(want, e->name, sizeof(want));
		olen = t[0] == '/' ? 0 : strlen(want);
		while (olen && want[olen - 1] != '/')
			olen--;
		if (olen)
			olen--;
		want[olen] = '\0';
		ret = path_append(want, &olen, sizeof(want), t, e->size, true);
		if (ret)
			return ret;
	}
	if (e->type == CPIO_REG && e->nlink > 1 && !e->size)
		return hardlink_data(a, len, e, &cur);
	return 0;
}
