// SPDX-License-Identifier: GPL-2.0
//
// Invariant: only the code that decides or implements a role asks which
// role the kernel runs in. xen_pv(), xen_pvh(), xen_dom0(),
// xen_domain(), xen_start_flags() (its SIF_INITDOMAIN bit is the dom0
// question) and the variables behind them (xen_domain_type,
// xen_is_initial_domain) are used only in arch/x86/xen, arch/x86/boot
// and drivers/xen (tests there included).
//
// Why: one image runs native, as PV and as PVH, dom0 and domU. A role
// test in generic code (setup_arch(), mm, drivers, the DMA layer) is a
// difference between roles that bypasses pv_ops, the platform ops
// (asm/x86_init.h) or the memory-model API, and is how a fix for one
// role silently breaks another (Documentation/pv-ops.md, "Rules for new
// code"; arch/x86/include/asm/xen/role.h).
//
// Fix: make the difference a pv-op, a platform op or a memory-model op
// that the Xen entry files fill in once.

virtual report

@initialize:python@
@@
ROLE_DIRS = ('arch/x86/xen/', 'arch/x86/boot/', 'drivers/xen/')


def role_code(f):
	f = f[2:] if f.startswith('./') else f
	return f.startswith(ROLE_DIRS)


def tern_report(p, msg):
	print('%s:%s: %s' % (p.file, p.line, msg))

@pred@
identifier fn = {xen_pv, xen_pvh, xen_dom0, xen_domain, xen_start_flags};
position p;
@@
 fn@p(...)

@script:python depends on pred@
p << pred.p;
fn << pred.fn;
@@
if not role_code(p[0].file):
	tern_report(p[0], '[mode-predicate] %s() outside arch/x86/xen, arch/x86/boot, drivers/xen: use a pv-op, platform op or memory-model op' % fn)

@var@
identifier v = {xen_domain_type, xen_is_initial_domain};
position p;
@@
 v@p

@script:python depends on var@
p << var.p;
v << var.v;
@@
if not role_code(p[0].file):
	tern_report(p[0], '[mode-predicate] %s read outside arch/x86/xen, arch/x86/boot, drivers/xen: use a pv-op, platform op or memory-model op' % v)
