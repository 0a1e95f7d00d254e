// SPDX-License-Identifier: GPL-2.0
/*
 * Guest kernels as users have them: an ELF (Tern, a Linux vmlinux) is
 * used in place; a bzImage (Debian's /boot/vmlinuz-*) is unpacked once,
 * its XZ payload decoded (tern/bzimage.h, tern/xz.h) into pages of dom0
 * that stay with the spec (restarts reuse them). The decoded size is the
 * one the image appends, bounded by GUEST_KERNEL_MAX.
 */
#include <tern/bzimage.h>
#include <tern/kernel.h>
#include <tern/mm.h>
#include <tern/printk.h>
#include <tern/string.h>
#include <tern/xz.h>
#include <tern/xen/toolstack.h>

#define GUEST_KERNEL_MAX	(256UL << 20)

int guest_kernel_unpack(struct guest_spec *s)
{
	struct bzimage_info bi;
	struct xz_work *w;
	unsigned int pages;
	u8 *out;
	long n;
	int rc;

	if (s->kernel_len >= 4 && !memcmp(s->kernel, "\177ELF", 4))
		return 0;
	rc = bzimage_parse(s->kernel, s->kernel_len, &bi);
	if (rc) {
		pr_err("toolstack: %s: the kernel is neither an ELF nor a bzImage (%d)\n",
		       s->name, rc);
		return -ENOEXEC;
	}
	if (bi.comp != BZIMAGE_COMP_XZ) {
		pr_err("toolstack: %s: bzImage payload is %s: only xz is supported\n",
		       s->name, bi.comp_name);
		return -EOPNOTSUPP;
	}
	if (!bi.uncompressed_size || bi.uncompressed_size > GUEST_KERNEL_MAX)
		return -E2BIG;
	pages = ALIGN_UP(bi.uncompressed_size, PAGE_SIZE) >> PAGE_SHIFT;
	out = alloc_pages(pages, 0);
	w = kmalloc(sizeof(*w));
	if (!out || !w) {
		if (out)
			free_pages(out, pages);
		kfree(w);
		pr_err("toolstack: %s: no memory to unpack a %u KiB kernel\n",
		       s->name, bi.uncompressed_size >> 10);
		return -ENOMEM;
	}
	n = bzimage_decompress(s->kernel, s->kernel_len, out,
			       (size_t)pages << PAGE_SHIFT, w);
	kfree(w);
	if (n < 0) {
		free_pages(out, pages);
		pr_err("toolstack: %s: unpacking the bzImage failed: %ld\n",
		       s->name, n);
		return (int)n;
	}
	s->kernel = out;
	s->kernel_len = n;
	return 0;
}
