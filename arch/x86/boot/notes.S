/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Xen ELF notes (public/elfnote.h). PHYS32_ENTRY is the PVH entry: QEMU's
 * -kernel loader uses it to boot Tern natively and Xen uses it for PVH
 * guests. The PV notes below (ENTRY, HYPERCALL_PAGE, VIRT_BASE, ...) are
 * read only by Xen's PV domain builder (dom0 without dom0=pvh, or a PV
 * domU); the PV entry is arch/x86/xen/xen-head.S.
 */
#include <xen/elfnote.h>
#include <xen/features.h>
#include <asm/page.h>
#include <tern_version.h>

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

/*
 * Xen PV: the kernel is entered in 64-bit mode at xen_pv_entry with the
 * image mapped at VIRT_BASE + p_paddr (so VA - KERNEL_VMA stays the
 * pseudo-physical address, as natively). The PV loader ignores
 * PHYS32_ENTRY and QEMU / PVH ignore these.
 */
ELFNOTE(XEN_ELFNOTE_GUEST_OS, .asciz, "Tern")
ELFNOTE(XEN_ELFNOTE_GUEST_VERSION, .asciz, TERN_VERSION)
ELFNOTE(XEN_ELFNOTE_XEN_VERSION, .asciz, "xen-3.0")
ELFNOTE(XEN_ELFNOTE_LOADER, .asciz, "generic")
ELFNOTE(XEN_ELFNOTE_VIRT_BASE, .quad, KERNEL_VMA)
ELFNOTE(XEN_ELFNOTE_PADDR_OFFSET, .quad, 0)
ELFNOTE(XEN_ELFNOTE_ENTRY, .quad, xen_pv_entry)
ELFNOTE(XEN_ELFNOTE_HYPERCALL_PAGE, .quad, hypercall_page)
ELFNOTE(XEN_ELFNOTE_FEATURES, .asciz, "!writable_page_tables|pae_pgdir_above_4gb")
ELFNOTE(XEN_ELFNOTE_SUPPORTED_FEATURES, .long, (1 << XENFEAT_dom0))
ELFNOTE(XEN_ELFNOTE_PAE_MODE, .asciz, "yes")
/* the boot module as pfns of RAM, not inside the bootstrap mapping */
ELFNOTE(XEN_ELFNOTE_MOD_START_PFN, .long, 1)
