/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Xen ELF notes (public/elfnote.h). PHYS32_ENTRY is the PVH entry: QEMU's
 * -kernel loader uses it to boot Tern natively and Xen uses it for PVH
 * guests. The PV notes (ENTRY, HYPERCALL_PAGE, VIRT_BASE, ...) join them
 * here when the PV entry exists.
 */
#include <xen/elfnote.h>
#include <asm/page.h>

#define ELFNOTE(type, desc_type, desc)			\
	.pushsection .note.Xen, "a", @note;		\
	.balign 4;					\
	.long	4;					\
	.long	3f - 2f;				\
	.long	type;					\
	.asciz	"Xen";					\
	.balign 4;					\
2:	desc_type desc;					\
3:	.balign 4;					\
	.popsection

ELFNOTE(XEN_ELFNOTE_PHYS32_ENTRY, .long, pvh_start - KERNEL_VMA)
