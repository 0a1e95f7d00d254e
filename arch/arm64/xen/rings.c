// SPDX-License-Identifier: GPL-2.0
/*
 * A domU's two rings on Xen on Arm: the console ring (xenconsoled's) and
 * the xenstore ring, both driven by the shared code (drivers/xen/
 * console.c, xenstore.c). What is Arm's is finding and mapping them.
 *
 * - Where: HVM_PARAM_{CONSOLE,STORE}_{PFN,EVTCHN}, as on x86 PVH. The
 *   toolstack (xl's libxl, or init-dom0less for a dom0less domU) puts
 *   the pages in the guest's magic region (GUEST_MAGIC_BASE, outside
 *   RAM), so they are not in the memory map: each gets a Normal,
 *   identity mapping of its own here, as RAM has.
 * - What is checked: a frame must be set, not ~0 (the "late" xenstore of
 *   a dom0less domU, whose page dom0 has not given yet), below 2^40 and
 *   not inside the kernel image; a port must be set. Anything else is
 *   one line and no ring, never a fault later.
 * - When: the console ring right after Xen is found (xen_arm_init()), so
 *   every line from the boot banner on reaches xenconsoled; there is no
 *   UART in an xl guest's tree. Its input, the xenstore connection and
 *   the xenbus drivers after the ready line, once event channels work
 *   (xen_arm_devices_init()).
 */
#include <tern/kernel.h>
#include <tern/printk.h>
#include <tern/xen/xen.h>
#include <tern/xen/xen_devices.h>
#include <tern/xen/xenstore.h>
#include <asm/page.h>
#include <asm/setup.h>
#include <asm/xen/hypercall.h>
#include <asm/xen/xen-ops.h>
#include <xen/hvm/hvm_op.h>
#include <xen/hvm/params.h>

/* The guest physical address space Tern maps (48-bit VA, 40-bit IPA). */
#define RING_PFN_LIMIT	(1ULL << (40 - PAGE_SHIFT))

static bool console_ring_up;

/*
 * Why the ring at frame pfn with event channel evtchn cannot be used, or
 * NULL when it can (the frame is then still to be mapped). img..img_end:
 * the kernel image, which no ring may overlay.
 */
const char *xen_arm_ring_refusal(u64 pfn, u64 evtchn, u64 img, u64 img_end)
{
	u64 pa = pfn << PAGE_SHIFT;

	if (pfn == ~0ULL)
		return "its page is not given yet (a dom0less domU's late xenstore)";
	if (!pfn)
		return "no frame is set";
	if (pfn >= RING_PFN_LIMIT)
		return "its frame is out of range";
	if (!evtchn || evtchn > (evtchn_port_t)~0U)
		return "its event channel is not set";
	if (pa + PAGE_SIZE > img && pa < img_end)
		return "its frame is inside the kernel image";
	return NULL;
}

/*
 * The ring page named by HVM params pfn_param/port_param, mapped; NULL
 * when there is none usable, said in one line.
 */
static void *xen_arm_ring(const char *name, unsigned int pfn_param,
			  unsigned int port_param, evtchn_port_t *port)
{
	u64 pfn = 0, evtchn = 0, pa;
	const char *why;

	if (xen_hvm_get_param(pfn_param, &pfn) ||
	    xen_hvm_get_param(port_param, &evtchn))
		why = "Xen gives no such parameter";
	else
		why = xen_arm_ring_refusal(pfn, evtchn, virt_to_phys(_text),
					   virt_to_phys(_end));
	pa = pfn << PAGE_SHIFT;
	if (!why && !mmu_is_mapped(pa, PAGE_SIZE) &&
	    mmu_map_normal(pa, PAGE_SIZE))
		why = "its frame cannot be mapped";
	if (why) {
		pr_info("xen: no %s ring (frame %#llx, event channel %#llx): %s\n",
			name, pfn, evtchn, why);
		return NULL;
	}
	*port = evtchn;
	return phys_to_virt(pa);
}

/* A domU's console ring, from the first line on (xen_arm_init()). */
void xen_arm_console_ring_init(void)
{
	evtchn_port_t port;
	void *ring;

	ring = xen_arm_ring("console", HVM_PARAM_CONSOLE_PFN,
			    HVM_PARAM_CONSOLE_EVTCHN, &port);
	if (!ring)
		return;
	xen_console_ring_init(ring, port);
	console_ring_up = true;
}

/* After the ready line: console input, xenstore, the xenbus drivers. */
void xen_arm_devices_init(void)
{
	evtchn_port_t port;
	void *ring;
	int err;

	if (console_ring_up) {
		err = xen_console_ring_enable_rx();
		if (err)
			pr_warn("xen: console ring input not bound (%d)\n", err);
	}
	ring = xen_arm_ring("xenstore", HVM_PARAM_STORE_PFN,
			    HVM_PARAM_STORE_EVTCHN, &port);
	if (!ring) {
		pr_info("xen: no xenstore: no devices\n");
		return;
	}
	xenstore_set_ring(ring, port);
	xen_devices_init();
}
