// SPDX-License-Identifier: GPL-2.0
/*
 * kmalloc: power-of-two size classes of 16..2048 bytes carved from single
 * pages, and whole pages for anything larger.
 *
 * Every page handed out by slab_page_alloc() starts with a struct slab
 * header, and every object lies entirely inside the page that holds its
 * header, so kfree() and ksize() find the header at (ptr & ~4095):
 *
 *  - a slab page holds the header, then nobj objects of one class at
 *    header + i * size, all of which end inside the page;
 *  - a large allocation of npages pages returns base + SLAB_HDR_SIZE, and
 *    SLAB_HDR_SIZE < PAGE_SIZE.
 *
 * SLAB_HDR_SIZE is a multiple of 16 and so are the class sizes, so every
 * object is 16-byte aligned. A slab keeps its free objects on a singly
 * linked list threaded through the objects, plus one "allocated" bit per
 * object: kfree() checks magic, object boundary and that bit, so a bad
 * pointer or a double free panics before anything is changed.
 *
 * Each class keeps the slabs that have a free object on a doubly linked
 * list; full slabs are on no list. At most one completely free slab per
 * class is kept; further empty slabs go back to the page source.
 *
 * No locking: one CPU, and interrupt handlers must not allocate.
 * The host tests (selftests/host/test_slab.c) link this file unchanged
 * and provide slab_page_alloc(), slab_page_free() and panic().
 */
#include <tern/mm.h>
#include <tern/printk.h>
#include <tern/string.h>

#define SLAB_MAGIC		0x51ab0b1eU
#define SLAB_LARGE_MAGIC	0x1a46e0b1U
#define SLAB_MIN_SHIFT		4
#define SLAB_NR_CLASSES		8	/* 16, 32, ..., 2048 */
#define SLAB_MAX_SIZE		(1U << (SLAB_MIN_SHIFT + SLAB_NR_CLASSES - 1))

struct slab {
	u32 magic;
	u32 size;		/* object size (0 for a large allocation) */
	u32 nobj;
	u32 nfree;
	u64 npages;		/* pages in this allocation */
	void *free;		/* first free object */
	struct slab *next;	/* class list: slabs with a free object */
	struct slab *prev;
	u64 used[4];		/* bit i set: object i is allocated */
};

#define SLAB_HDR_SIZE	ALIGN_UP(sizeof(struct slab), 16)
#define SLAB_MAX_OBJS	((PAGE_SIZE - SLAB_HDR_SIZE) >> SLAB_MIN_SHIFT)

BUILD_BUG_ON(SLAB_MAX_OBJS > 4 * 64);
BUILD_BUG_ON(SLAB_HDR_SIZE + SLAB_MAX_SIZE > PAGE_SIZE);

struct slab_class {
	struct slab *list;	/* slabs with at least one free object */
	unsigned int nempty;	/* how many of them are entirely free */
};

static struct slab_class slab_classes[SLAB_NR_CLASSES];

static unsigned int slab_class_of(size_t size)
{
	unsigned int c = 0;

	while (((size_t)1 << (SLAB_MIN_SHIFT + c)) < size)
		c++;
	return c;
}

static struct slab *slab_head(const void *p)
{
	return (struct slab *)((uintptr_t)p & ~(uintptr_t)(PAGE_SIZE - 1));
}

static void *slab_obj(struct slab *s, unsigned int i)
{
	return (char *)s + SLAB_HDR_SIZE + (size_t)i * s->size;
}

static void slab_list_add(struct slab_class *sc, struct slab *s)
{
	s->prev = NULL;
	s->next = sc->list;
	if (sc->list)
		sc->list->prev = s;
	sc->list = s;
}

static void slab_list_del(struct slab_class *sc, struct slab *s)
{
	if (s->prev)
		s->prev->next = s->next;
	else
		sc->list = s->next;
	if (s->next)
		s->next->prev = s->prev;
	s->next = NULL;
	s->prev = NULL;
}

static struct slab *slab_new(unsigned int c)
{
	struct slab *s = slab_page_alloc(1);
	unsigned int i;

	if (!s)
		return NULL;
	if ((uintptr_t)s & (PAGE_SIZE - 1))
		panic("slab: page source returned unaligned page %p", s);
	memset(s, 0, sizeof(*s));
	s->magic = SLAB_MAGIC;
	s->size = 1U << (SLAB_MIN_SHIFT + c);
	s->nobj = (PAGE_SIZE - SLAB_HDR_SIZE) / s->size;
	s->nfree = s->nobj;
	s->npages = 1;
	for (i = s->nobj; i-- > 0; ) {
		void **obj = slab_obj(s, i);

		*obj = s->free;
		s->free = obj;
	}
	return s;
}

static void *slab_alloc_obj(unsigned int c)
{
	struct slab_class *sc = &slab_classes[c];
	struct slab *s = sc->list;
	unsigned int i;
	void **obj;

	if (!s) {
		s = slab_new(c);
		if (!s)
			return NULL;
		slab_list_add(sc, s);
		sc->nempty++;
	}
	if (s->nfree == s->nobj)
		sc->nempty--;
	obj = s->free;
	s->free = *obj;
	s->nfree--;
	i = ((char *)obj - (char *)slab_obj(s, 0)) / s->size;
	s->used[i / 64] |= 1ULL << (i % 64);
	if (!s->nfree)
		slab_list_del(sc, s);
	return obj;
}

static void *slab_alloc_large(size_t size)
{
	struct slab *s;
	size_t npages;

	if (size > (size_t)-1 - SLAB_HDR_SIZE - PAGE_SIZE)
		return NULL;
	npages = DIV_ROUND_UP(size + SLAB_HDR_SIZE, PAGE_SIZE);
	if (npages > ~0U)
		return NULL;
	s = slab_page_alloc((unsigned int)npages);
	if (!s)
		return NULL;
	if ((uintptr_t)s & (PAGE_SIZE - 1))
		panic("slab: page source returned unaligned page %p", s);
	memset(s, 0, sizeof(*s));
	s->magic = SLAB_LARGE_MAGIC;
	s->npages = npages;
	return (char *)s + SLAB_HDR_SIZE;
}

void *kmalloc(size_t size)
{
	unsigned long flags;
	void *p;

	if (size > SLAB_MAX_SIZE)
		return slab_alloc_large(size);
	flags = slab_lock();
	p = slab_alloc_obj(slab_class_of(size));
	slab_unlock(flags);
	return p;
}

void *kzalloc(size_t size)
{
	void *p = kmalloc(size);

	if (p)
		memset(p, 0, size);
	return p;
}

/* Header of a live object or panic; *idx is the object number. */
static struct slab *slab_check(const void *p, unsigned int *idx)
{
	struct slab *s = slab_head(p);
	size_t off;

	if (s->magic == SLAB_LARGE_MAGIC) {
		if ((const char *)p != (const char *)s + SLAB_HDR_SIZE)
			panic("kfree/ksize: %p is inside a large allocation, not its start",
			      p);
		return s;
	}
	if (s->magic != SLAB_MAGIC)
		panic("kfree/ksize: %p was not allocated by kmalloc (bad magic %#x)",
		      p, s->magic);
	if (s->size < (1U << SLAB_MIN_SHIFT) || s->size > SLAB_MAX_SIZE ||
	    (s->size & (s->size - 1)) ||
	    s->nobj != (PAGE_SIZE - SLAB_HDR_SIZE) / s->size ||
	    s->nfree > s->nobj)
		panic("kfree/ksize: slab header of %p is corrupt", p);
	off = (const char *)p - (const char *)s;
	if (off < SLAB_HDR_SIZE || (off - SLAB_HDR_SIZE) % s->size ||
	    (off - SLAB_HDR_SIZE) / s->size >= s->nobj)
		panic("kfree/ksize: %p is not the start of a %u-byte object",
		      p, s->size);
	*idx = (off - SLAB_HDR_SIZE) / s->size;
	if (!(s->used[*idx / 64] & (1ULL << (*idx % 64))))
		panic("kfree/ksize: %p is not allocated (double free?)", p);
	return s;
}

void kfree(void *p)
{
	unsigned long flags;
	struct slab_class *sc;
	unsigned int i = 0;
	struct slab *s;
	void **obj = p;

	if (!p)
		return;
	flags = slab_lock();
	s = slab_check(p, &i);
	if (s->magic == SLAB_LARGE_MAGIC) {
		s->magic = 0;
		slab_unlock(flags);
		slab_page_free(s, (unsigned int)s->npages);
		return;
	}

	sc = &slab_classes[slab_class_of(s->size)];
	s->used[i / 64] &= ~(1ULL << (i % 64));
	*obj = s->free;
	s->free = obj;
	s->nfree++;
	if (s->nfree == 1)
		slab_list_add(sc, s);
	if (s->nfree == s->nobj) {
		if (sc->nempty) {
			slab_list_del(sc, s);
			s->magic = 0;
			slab_page_free(s, 1);
		} else {
			sc->nempty++;
		}
	}
	slab_unlock(flags);
}

size_t ksize(const void *p)
{
	unsigned int i;
	struct slab *s;

	if (!p)
		return 0;
	s = slab_check(p, &i);
	if (s->magic == SLAB_LARGE_MAGIC)
		return s->npages * PAGE_SIZE - SLAB_HDR_SIZE;
	return s->size;
}
