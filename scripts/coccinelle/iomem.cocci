// SPDX-License-Identifier: GPL-2.0
//
// Invariant: device memory (__iomem pointers: ioremap(), pci_iomap(),
// the LAPIC, IO-APIC, ECAM, MSI-X and NVMe registers) is touched only
// through the accessors of arch/x86/include/asm/io.h (readb/readw/readl/readq,
// writeb/writew/writel/writeq), which are the only places that strip
// __iomem with __force.
//
//  1. No pointer cast with __force outside arch/x86/include/asm/io.h, except one
//     converted straight to an integer ((uintptr_t)(void __force *)p,
//     address arithmetic as in iounmap()): a __force cast to a pointer
//     is an address-space strip, and what it yields is then read or
//     written with plain loads and stores (or memcpy/memset).
//  2. No __iomem pointer turned into a plain pointer through an integer
//     ((T *)(uintptr_t)io): sparse does not warn about that either.
//  3. No memcpy/memset/memmove/memcmp/str* on an __iomem pointer.
//
// Sparse's noderef already rejects *io, io[i] and passing io where a
// plain pointer is expected; it accepts (T __force *)io and casts
// through an integer, which is what rules 1 and 2 catch. Rule 3 says the
// same as sparse for mem*/str*, and also when the pointer went through a
// cast first.
//
// Why: an accessor is one access of the right width, in program order,
// never merged, split or elided by the compiler; a plain store through
// a stripped pointer (or a memcpy, which may use any width and order)
// can be torn or reordered against the device, and works only until
// the compiler or the mapping changes (Xen PV maps MMIO with
// _PAGE_IOMAP frames, which must never be treated as RAM).
//
// Coccinelle's C parser keeps __force in a cast's type but drops
// __iomem from declarations, so rules 2 and 3 learn the __iomem names
// (variables, fields, functions returning __iomem) from the
// declarations in the file and in include/.

virtual report

@initialize:python@
@@
import glob
import os
import re

IOMEM_DECL = re.compile(r'__iomem\s*\*\s*(?:const\s+)?(\w+)')
# in headers: fields, globals and functions, not prototype parameters
IOMEM_HDECL = re.compile(r'__iomem\s*\*\s*(?:const\s+)?(\w+)\s*[;(\[]')
IDENT = re.compile(r'[A-Za-z_]\w*')
_header_names = None
_file_names = {}


def norm(f):
	return f[2:] if f.startswith('./') else f


def header_names():
	global _header_names
	if _header_names is None:
		_header_names = set()
		for h in glob.glob('include/**/*.h', recursive=True):
			with open(h, errors='replace') as fh:
				_header_names |= set(IOMEM_HDECL.findall(fh.read()))
	return _header_names


def iomem_names(f):
	if f not in _file_names:
		with open(f, errors='replace') as fh:
			_file_names[f] = set(IOMEM_DECL.findall(fh.read()))
	return _file_names[f] | header_names()


def is_iomem(f, e):
	if '__iomem' in e:
		return True
	names = iomem_names(f)
	return any(i in names for i in IDENT.findall(e))


def tern_report(p, msg):
	print('%s:%s: %s' % (p.file, p.line, msg))


ok_casts = set()

@tointeger disable drop_cast@
type T, I;
expression E;
position p;
@@
 (I)(T *)E@p

@script:python depends on tointeger@
p << tointeger.p;
@@
ok_casts.add((p[0].file, p[0].line, p[0].column))

@forcecast disable drop_cast@
type T;
expression E;
position p;
@@
 (T *)E@p

@script:python depends on forcecast@
p << forcecast.p;
T << forcecast.T;
@@
if '__force' in T and (p[0].file, p[0].line, p[0].column) not in ok_casts:
	tern_report(p[0], '[iomem] (%s *) cast strips __iomem: use readX()/writeX() from asm/io.h' % T)

@viaint disable drop_cast@
type T, I;
expression E;
position p;
@@
 (T *)(I)E@p

@script:python depends on viaint@
p << viaint.p;
T << viaint.T;
E << viaint.E;
@@
if '__iomem' not in T and is_iomem(p[0].file, E):
	tern_report(p[0], '[iomem] %s turned into a plain (%s *) through an integer: use readX()/writeX() from asm/io.h' % (E, T))

@memfn@
identifier fn = {memcpy, memset, memmove, memcmp, strcpy, strncpy,
		 strlen, strcmp, strncmp, strscpy};
expression E;
position p;
@@
 fn(..., E@p, ...)

@script:python depends on memfn@
p << memfn.p;
fn << memfn.fn;
E << memfn.E;
@@
if is_iomem(p[0].file, E):
	tern_report(p[0], '[iomem] %s() on __iomem %s: copy with readX()/writeX() from asm/io.h' % (fn, E))
