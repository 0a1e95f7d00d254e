# SPDX-License-Identifier: GPL-2.0
#
# Tern build. `make` builds build/tern (one ELF for native, Xen PV and PVH,
# stripped) and build/tern.debug (the same with symbols and debug info).
# `make ARCH=arm64` builds build/arm64/Image (Documentation/arm64.md).
# `make test` runs host tests, static checks and the boot matrix.
# `make run` installs what is missing, builds, and boots every role.
#
# What differs per architecture (its sources, compiler flags, linker
# script and image) is in arch/$(ARCH)/Makefile; everything else is here.

ARCH	?= x86
ifeq ($(filter x86 arm64,$(ARCH)),)
$(error ARCH=$(ARCH): Tern builds for x86 and arm64)
endif
# x86 builds into build/ (where every script looks), other
# architectures into build/$(ARCH)/.
O	:= build$(if $(filter-out x86,$(ARCH)),/$(ARCH))
LD	?= ld

# The architecture's file sets: ARCH_SRC_DIRS (its own code), GEN_SRC_DIRS
# (the generic directories it builds), GEN_SRC_FILES (single generic
# files, for an architecture that builds only part of a directory),
# KCFLAGS_ARCH, KLDFLAGS_ARCH, KLDS (linker script).
include arch/$(ARCH)/Makefile

KSRC_DIRS := $(ARCH_SRC_DIRS) $(GEN_SRC_DIRS)
KSRCS_C := $(foreach d,$(KSRC_DIRS),$(wildcard $(d)/*.c)) \
	   $(filter %.c,$(GEN_SRC_FILES))
KSRCS_S := $(foreach d,$(KSRC_DIRS),$(wildcard $(d)/*.S))
KOBJS := $(patsubst %.c,$(O)/%.o,$(KSRCS_C)) $(patsubst %.S,$(O)/%.o,$(KSRCS_S))
# Kernel code not in this image (lib/fdt on x86: the arm64 port's device
# tree reader), checked by sparse and coccicheck all the same.
KSRCS_CHECK := $(KSRCS_C) $(KSRCS_CHECK_EXTRA)

KCFLAGS := -std=gnu11 -ffreestanding -fno-builtin -nostdinc \
	   -isystem $(shell $(CC) -print-file-name=include) \
	   -Iinclude -Iarch/$(ARCH)/include -I$(O)/xeninc -I$(O)/generated \
	   -O2 -g -Wall -Wextra -Werror -Wno-unused-parameter \
	   $(KCFLAGS_ARCH) -fno-stack-protector \
	   -fno-asynchronous-unwind-tables -fno-common \
	   -fno-omit-frame-pointer -ffunction-sections -fdata-sections \
	   -D__KERNEL__ -D__XEN_INTERFACE_VERSION__=0x00040e00
KASFLAGS := $(KCFLAGS) -D__ASSEMBLY__
KLDFLAGS := -nostdlib -static -z max-page-size=0x1000 -z noexecstack \
	    --no-warn-rwx-segments $(KLDFLAGS_ARCH) -T $(KLDS)

all: $(KIMAGE)

# The in-kernel tests ship in the image (the selftest command line runs
# them on any machine) but are not hot: built for size, they keep the
# shipped image within issue 11's 512 KiB.
KTEST_OBJS := $(filter %_test.o,$(KOBJS))
$(KTEST_OBJS): KOPT_EXTRA := -Os
# Cold code built for size too: the xl configuration parsers (a guest's
# configuration is read once), the benchmarks and the monitor.
KCOLD_OBJS := $(addprefix $(O)/,lib/xlcfg.o lib/xl_disk.o kernel/smpbench.o \
		kernel/blkbench.o kernel/monitor.o)
$(KCOLD_OBJS): KOPT_EXTRA := -Os

# The linked kernel with symbols and debug info; the architecture's
# Makefile makes the image that ships from it.
$(O)/$(KELF): $(KOBJS) $(KLDS)
	@echo "  LD      $@"
	@$(LD) $(KLDFLAGS) -o $@ $(KOBJS)

# The version (scripts/version) as a header, rewritten only when it
# changes, so that a new commit rebuilds the two files that include it.
TERN_VERSION := $(shell scripts/version)
$(O)/generated/tern_version.h: FORCE
	@mkdir -p $(dir $@)
	@echo '#define TERN_VERSION "$(TERN_VERSION)"' >$@.tmp
	@if cmp -s $@.tmp $@; then rm -f $@.tmp; else mv -f $@.tmp $@; echo "  GEN     $@"; fi

$(O)/kernel/version.o $(KVERSION_OBJS): $(O)/generated/tern_version.h

FORCE:

$(O)/xeninc/xen:
	@mkdir -p $(O)/xeninc
	@test -d /usr/include/xen || { echo "libxen-dev missing: run scripts/install-deps" >&2; exit 1; }
	ln -sfn /usr/include/xen $@

$(O)/%.o: %.c | $(O)/xeninc/xen
	@mkdir -p $(dir $@)
	@echo "  CC      $<"
	@$(CC) $(KCFLAGS) $(KOPT_EXTRA) -MMD -MP -c -o $@ $<

$(O)/%.o: %.S | $(O)/xeninc/xen
	@mkdir -p $(dir $@)
	@echo "  AS      $<"
	@$(CC) $(KASFLAGS) -MMD -MP -c -o $@ $<

-include $(KOBJS:.o=.d)

# ---- static checks ----------------------------------------------------
# SPARSE_ARCH (the architecture's Makefile): the target sparse models.
SPARSE_FLAGS := -D__KERNEL__ -D__XEN_INTERFACE_VERSION__=0x00040e00 -Iinclude -Iarch/$(ARCH)/include -I$(O)/xeninc -I$(O)/generated $(SPARSE_ARCH) \
	-Wbitwise -Wno-non-pointer-null -Wsparse-error -gcc-base-dir \
	$(shell $(CC) -print-file-name=)

sparse: $(O)/generated/tern_version.h | $(O)/xeninc/xen
	@fail=0; for f in $(KSRCS_CHECK); do \
		sparse $(SPARSE_FLAGS) $$f || fail=1; \
	done; \
	if [ $$fail = 0 ]; then echo "sparse: 0 warnings"; else exit 1; fi

checkpatch:
	scripts/checkpatch-wrap

# Coccinelle: Tern's rules (scripts/coccinelle/*.cocci) and Linux's
# generic checks (scripts/coccinelle/linux.list), report mode.
coccicheck:
	@scripts/coccicheck $(KSRCS_CHECK) $(COCCI_EXTRA)

# ---- host unit tests ----------------------------------------------------
host-test:
	$(MAKE) -C selftests/host

# ---- fuzzing (libFuzzer, clang) -------------------------------------------
# Every harness in selftests/fuzz, each for FUZZ_TIME seconds (default 10).
FUZZ_TIME ?= 10
fuzz: | $(O)/xeninc/xen
	$(MAKE) -C selftests/fuzz
	selftests/fuzz/run-fuzz -t $(FUZZ_TIME)

# ---- boot matrix ----------------------------------------------------------
matrix: $(O)/tern
	selftests/run-matrix

# Every tier runs even if an earlier one failed; the exit status says
# whether all passed.
test: $(O)/tern
	scripts/install-deps
	@fail=0; \
	$(MAKE) host-test || fail=1; \
	$(MAKE) sparse || fail=1; \
	$(MAKE) sparse ARCH=arm64 || fail=1; \
	$(MAKE) checkpatch || fail=1; \
	$(MAKE) coccicheck || fail=1; \
	$(MAKE) fuzz || fail=1; \
	$(MAKE) deb-check || fail=1; \
	selftests/run-matrix || fail=1; \
	scripts/bench --smoke || fail=1; \
	exit $$fail

run:
	scripts/install-deps
	$(MAKE) $(O)/tern
	selftests/run-matrix

# Tern against Debian's Linux in the same test bed (not a test).
bench: $(O)/tern
	scripts/install-deps
	scripts/bench

# One-repetition smoke of the benchmark on one role, so it cannot rot.
bench-smoke: $(O)/tern
	scripts/bench --smoke

clean:
	rm -rf $(O)

.PHONY: FORCE all sparse checkpatch coccicheck host-test fuzz matrix test run bench bench-smoke clean

# ---- install and Debian package (Documentation/packaging.md) -------------
# `make install DESTDIR=DIR` installs Tern under DIR with absolute paths,
# laid out as the package has it; `make deb` installs into build/deb/root
# and scripts/mkdeb packages that as build/tern_VERSION_amd64.deb. Neither
# needs root or the network. Dates come from the commit
# (SOURCE_DATE_EPOCH), so one commit always gives the same package. The
# changelog is changelog.gz: VERSION has no Debian revision, so the
# package is native (Debian Policy 12.7).
DEB_EPOCH = $(or $(SOURCE_DATE_EPOCH),$(shell git log -1 --format=%ct 2>/dev/null || stat -c %Y VERSION))
DEB_COMMIT = $(shell git rev-parse --short=12 HEAD 2>/dev/null || echo unknown)
DOCDIR = $(DESTDIR)/usr/share/doc/tern

install: $(O)/tern
	install -d -m 0755 "$(DESTDIR)/boot" "$(DESTDIR)/etc/grub.d" \
		"$(DESTDIR)/etc/default/grub.d" "$(DOCDIR)/examples"
	install -m 0644 $(O)/tern "$(DESTDIR)/boot/tern-$(TERN_VERSION)"
	install -m 0755 packaging/22_tern "$(DESTDIR)/etc/grub.d/22_tern"
	install -m 0644 packaging/tern.cfg "$(DESTDIR)/etc/default/grub.d/tern.cfg"
	sed 's/@VERSION@/$(TERN_VERSION)/' packaging/tern-domu.cfg \
		>"$(DOCDIR)/examples/tern-domu.cfg"
	install -m 0644 packaging/copyright "$(DOCDIR)/copyright"
	sed -e 's/@VERSION@/$(TERN_VERSION)/' -e 's/@COMMIT@/$(DEB_COMMIT)/' \
		-e "s/@DATE@/$$(date -u -R -d @$(DEB_EPOCH))/" packaging/changelog.in | \
		gzip -9n >"$(DOCDIR)/changelog.gz"
	chmod 0644 "$(DOCDIR)/examples/tern-domu.cfg" "$(DOCDIR)/changelog.gz"

deb: $(O)/tern
	rm -rf $(O)/deb
	$(MAKE) --no-print-directory install DESTDIR=$(CURDIR)/$(O)/deb/root
	SOURCE_DATE_EPOCH=$(DEB_EPOCH) scripts/mkdeb $(O)/deb/root $(TERN_VERSION) \
		$(O)/tern_$(TERN_VERSION)_amd64.deb

# The package must be lintian clean: any error, warning or info fails.
# And the kernel's "Tern" ELF note holds the version the package has.
deb-check: deb
	lintian --fail-on error,warning,info --tag-display-limit 0 \
		$(O)/tern_$(TERN_VERSION)_amd64.deb && echo "lintian: clean"
	@note=$$(readelf -n $(O)/tern | awk '/^  Tern /{getline; \
		sub(/.*description data: /, ""); print}' | \
		python3 -c 'import sys; print(bytes.fromhex(sys.stdin.read()).rstrip(b"\0").decode())'); \
	if [ "$$note" = "$(TERN_VERSION)" ]; then \
		echo "ELF note: Tern $$note"; \
	else \
		echo "ELF note says '$$note', scripts/version '$(TERN_VERSION)'" >&2; exit 1; \
	fi

.PHONY: install deb deb-check

# The GRUB script's host test (selftests/host/test_grub_d.sh) runs with
# the other host tests.
host-test: test-grub-d
test-grub-d:
	selftests/host/test_grub_d.sh

.PHONY: test-grub-d
