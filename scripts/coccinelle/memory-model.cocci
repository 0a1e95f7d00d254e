// SPDX-License-Identifier: GPL-2.0
//
// Invariant: only the memory-model files turn a CPU address into an
// address that something outside the CPU uses. Drivers hand a device
// only what the DMA API returned (include/tern/dma.h).
//
//  1. P2M primitives (pfn_to_mfn, mfn_to_pfn, xen_pv_map_mfn, _mfn,
//     _gfn, mfn_x, gfn_x) appear only in arch/x86/xen and
//     arch/arm64/xen: a machine or guest frame number means something
//     only in the Xen memory-model code (P2M, VP, and Arm's 1:1 dom0,
//     whose foreign pages have a bus address that is not their gfn).
//  2. The bus-address primitives of the DMA model (arch_phys_to_bus,
//     arch_bus_to_phys, arch_*_bus_contiguous, _bus) appear only in the
//     memory-model files below and in *_test.c files (a test may look
//     where a buffer landed; it never gives that address to a device).
//  3. A guest-physical address (virt_to_phys, __pa, page_to_phys,
//     pfn_to_phys, directly or through a local variable) is never
//     stored into a structure field or array element (a device
//     register image, a DMA descriptor, a PRP list, a grant or ring
//     entry) nor passed to an MMIO write accessor, outside the
//     memory-model files.
//
// The memory-model files (Documentation/memory-models.md, "Which
// files"): arch/x86/xen/ (P2M: p2m.c, p2m_layout.c, mmu_pv.c, dma_pv.c;
// VP: enlighten_pvh.c names guest frames to Xen, which is right only
// because it knows it runs as PVH), arch/arm64/xen/ (Xen on Arm: grant
// frames, foreign mappings and their bus addresses), arch/x86/mm/ and
// arch/arm64/mm/ (page tables: frames go through pv_ops.mmu.make_pte on
// x86; the identity map on arm64), kernel/dma_model.c (the
// identity model), kernel/dma.c and kernel/bounce.c (the DMA API and its
// bounce pool).
//
// Why: native, PV and PVH put different numbers on the bus for the same
// page (physical, machine, guest-physical). A physical address handed to
// a device works natively and silently corrupts memory as a PV dom0,
// where the device sees machine addresses; sparse's __bitwise bus_addr_t
// catches the typed paths, this rule catches the untyped ones (u64
// fields, MMIO writes, a translation called where it must not be).
//
// Fix: dma_map_single()/dma_map_sg()/dma_alloc_coherent() and hand the
// device the returned bus_addr_t (bus_x() at the register or
// descriptor).

virtual report

@initialize:python@
@@
XEN_MODEL = ('arch/x86/xen/', 'arch/arm64/xen/')
MODEL = XEN_MODEL + ('arch/x86/mm/', 'arch/arm64/mm/', 'kernel/dma_model.c',
		     'kernel/dma.c', 'kernel/bounce.c')


def norm(f):
	return f[2:] if f.startswith('./') else f


def model_file(f):
	return norm(f).startswith(MODEL)


def tern_report(p, msg):
	print('%s:%s: %s' % (p.file, p.line, msg))

@p2m@
identifier fn = {pfn_to_mfn, mfn_to_pfn, xen_pv_map_mfn, _mfn, _gfn,
		 mfn_x, gfn_x};
position p;
@@
 fn@p(...)

@script:python depends on p2m@
p << p2m.p;
fn << p2m.fn;
@@
if not norm(p[0].file).startswith(XEN_MODEL):
	tern_report(p[0], '[memory-model] %s() outside arch/*/xen: frames other than pfns exist only in the Xen memory model' % fn)

@bus@
identifier fn = {arch_phys_to_bus, arch_bus_to_phys,
		 arch_range_bus_contiguous, arch_make_bus_contiguous,
		 arch_release_bus_contiguous, _bus};
position p;
@@
 fn@p(...)

@script:python depends on bus@
p << bus.p;
fn << bus.fn;
@@
f = norm(p[0].file)
if not model_file(f) and not f.endswith('_test.c'):
	tern_report(p[0], '[memory-model] %s() outside the DMA layer: use dma_map_*()/dma_alloc_coherent() and the bus address they return' % fn)

@phys@
identifier pa = {virt_to_phys, __pa, __pa_symbol, page_to_phys,
		 pfn_to_phys};
identifier wr =~ "^(write[bwlq]|iowrite(8|16|32|64)|wr(8|16|32|64))$";
identifier fld;
expression E;
position p;
@@
(
 E.fld = <+... pa@p(...) ...+>
|
 E->fld = <+... pa@p(...) ...+>
|
 E[...] = <+... pa@p(...) ...+>
|
 wr(..., <+... pa@p(...) ...+>, ...)
)

@script:python depends on phys@
p << phys.p;
pa << phys.pa;
@@
if not model_file(p[0].file):
	tern_report(p[0], '[memory-model] %s() result handed to a device, descriptor or shared entry: a device needs a bus address from the DMA API' % pa)

@physvar exists@
identifier pa = {virt_to_phys, __pa, __pa_symbol, page_to_phys,
		 pfn_to_phys};
identifier wr =~ "^(write[bwlq]|iowrite(8|16|32|64)|wr(8|16|32|64))$";
identifier fld;
local idexpression x;
expression E, V;
position p;
@@
 x = <+... pa(...) ...+>;
 ... when != x = V
(
 E.fld = <+... x@p ...+>
|
 E->fld = <+... x@p ...+>
|
 E[...] = <+... x@p ...+>
|
 wr(..., <+... x@p ...+>, ...)
)

@script:python depends on physvar@
p << physvar.p;
x << physvar.x;
@@
if not model_file(p[0].file):
	tern_report(p[0], '[memory-model] %s holds a physical address and is handed to a device, descriptor or shared entry: a device needs a bus address from the DMA API' % x)
