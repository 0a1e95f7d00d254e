#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# test_grub_d.sh [SCRIPT]: the GRUB script of the tern package
# (packaging/22_tern, or SCRIPT, e.g. DESTDIR/etc/grub.d/22_tern after
# `make install DESTDIR=...`) run as grub-mkconfig runs it, on a fake
# /boot (TERN_GRUB_BOOTDIR). grub-mkconfig_lib takes grub-probe and
# grub-mkrelpath from $grub_probe and $grub_mkrelpath: stubs stand in for
# them, so no real device is probed. Run by `make host-test`; needs
# grub-common (scripts/install-deps).
#
# The fake /boot holds two Terns, a Xen and the files 20_linux_xen skips
# or must not count twice (xen-*.config, a xen.gz symlink, a .dpkg-tmp,
# a tern-* whose name is no version).
# The Xen is the real one in ~/.cache/tern/xen (scripts/fetch-xen),
# gzipped, when it is there, and GRUB must load it with multiboot2;
# otherwise a fake, which grub-file does not recognise, and GRUB must
# fall back to multiboot. Checked: the fixed ids tern-native,
# tern-xen-pv and tern-xen-pvh once each, on the newest Tern (by version,
# git10 after git2) and the newest Xen; dom0=pvh in the PVH entries only;
# the suffixed ids of the others; the command-line settings and their
# defaults; GRUB_TERN_XEN=false and GRUB_DISABLE_TERN=true; and that
# grub-script-check accepts what the script writes.

# shellcheck disable=SC2016 # GRUB's ${xen_rm_opts}, expected as written

set -euo pipefail
top=$(cd "$(dirname "$0")/../.." && pwd)
script=$(realpath "${1:-$top/packaging/22_tern}")
pkgdatadir=/usr/share/grub
fails=0

for f in "$pkgdatadir/grub-mkconfig_lib" /usr/bin/grub-script-check; do
	if [[ ! -e $f ]]; then
		echo "test_grub_d: $f missing: grub-common (scripts/install-deps)" >&2
		exit 1
	fi
done

tmp=$(mktemp -d /tmp/tern-grub-d.XXXXXX)
trap '[ -n "${KEEP:-}" ] || rm -rf "$tmp"' EXIT
boot=$tmp/boot
mkdir -p "$boot" "$tmp/bin"

ok() { echo "ok - $*"; }
bad() { echo "not ok - $*"; fails=$((fails + 1)); }
check() { local what=$1; shift; if "$@"; then ok "$what"; else bad "$what"; fi; }

# grub-probe: one ext2 partition on GPT with a known UUID.
cat >"$tmp/bin/grub-probe" <<'EOF'
#!/bin/sh
for a; do
	case $a in --target=*) t=${a#--target=} ;; esac
done
case $t in
partmap) echo gpt ;;
fs) echo ext2 ;;
fs_uuid) echo 0123-TEST ;;
abstraction|hints_string|compatibility_hint|cryptodisk_uuid) ;;
*) exit 1 ;;
esac
EOF
# grub-mkrelpath: the fake /boot is /boot of its file system.
cat >"$tmp/bin/grub-mkrelpath" <<EOF
#!/bin/sh
echo "/boot\${1#$boot}"
EOF
chmod +x "$tmp/bin/grub-probe" "$tmp/bin/grub-mkrelpath"

# run OUT [VAR=VALUE...]: the script, in grub-mkconfig's environment only,
# into $tmp/OUT (stderr $tmp/OUT.err); it must exit 0.
run()
{
	local out=$1
	shift
	if env -i PATH=/usr/sbin:/usr/bin:/sbin:/bin pkgdatadir=$pkgdatadir \
		grub_probe="$tmp/bin/grub-probe" \
		grub_mkrelpath="$tmp/bin/grub-mkrelpath" \
		GRUB_DEVICE_BOOT=/dev/test TERN_GRUB_BOOTDIR="$boot" "$@" \
		/bin/sh "$script" >"$tmp/$out" 2>"$tmp/$out.err"; then
		ok "$out: 22_tern ${*:-(no settings)} exits 0"
	else
		bad "$out: 22_tern ${*:-(no settings)} exits 0"
		cat "$tmp/$out.err"
	fi
}

# entry ID FILE: the menu entry with id ID.
entry()
{
	awk -v id="\$menuentry_id_option '$1' {" '
		/^menuentry / && index($0, id) { p = 1 }
		p { print }
		p && /^}/ { p = 0 }' "$2"
}

ids() { sed -n "s/^menuentry .* \\\$menuentry_id_option '\\([^']*\\)' {\$/\\1/p" "$1"; }
count_id() { ids "$2" | grep -cxF "$1" || true; }
# line TEXT ENTRY: ENTRY has the line TAB TEXT (TABs written as \t)
line() { grep -qxF -- "$(printf '\t%b' "$1")" <<<"$2"; }
has() { grep -qF -- "$1" <<<"$2"; }
hasnt() { ! grep -qF -- "$1" <<<"$2"; }

echo a >"$boot/tern-0.1+git1.aaaaaaa"
echo b >"$boot/tern-0.1+git2.bbbbbbb"
echo c >"$boot/tern-0.1+git3.ccccccc.dpkg-tmp"
echo e >"$boot/tern-0.1 x;reboot"
real_xen=$(compgen -G "$HOME/.cache/tern/xen/*/xen" | head -n 1 || true)
if [[ -n $real_xen ]]; then
	gzip -1c "$real_xen" >"$boot/xen-4.17-amd64.gz"
	xen_loader=multiboot2 module_loader=module2
	echo "# Xen: $real_xen, gzipped (multiboot2)"
else
	echo "not a hypervisor" | gzip -9n >"$boot/xen-4.17-amd64.gz"
	xen_loader=multiboot module_loader=module
	echo "# Xen: a fake (no ~/.cache/tern/xen: multiboot fallback)"
fi
echo "CONFIG_XEN=y" >"$boot/xen-4.17-amd64.config"
ln -s xen-4.17-amd64.gz "$boot/xen.gz"

# -- two Terns, one Xen, both command lines set ------------------------
run all GRUB_CMDLINE_TERN="loglevel=7 console=com1" \
	GRUB_CMDLINE_XEN_TERN="dom0_mem=512M,max:512M"
check "grub-script-check accepts the output" grub-script-check "$tmp/all"
for id in tern-native tern-xen-pv tern-xen-pvh; do
	check "id $id exactly once" test "$(count_id $id "$tmp/all")" = 1
done
check "6 entries: 2 Terns x (native, PV, PVH); .config, xen.gz symlink, .dpkg-tmp and a bad version skipped" \
	test "$(ids "$tmp/all" | wc -l)" = 6
check "ids unique" test -z "$(ids "$tmp/all" | sort | uniq -d)"
check "newest first: the first entry is tern-native" \
	test "$(ids "$tmp/all" | head -n 1)" = tern-native

native=$(entry tern-native "$tmp/all")
pv=$(entry tern-xen-pv "$tmp/all")
pvh=$(entry tern-xen-pvh "$tmp/all")
check "tern-native: title 'Tern 0.1+git2.bbbbbbb (native)'" \
	has "menuentry 'Tern 0.1+git2.bbbbbbb (native)' " "$native"
check "tern-native: multiboot2 of the newest Tern with GRUB_CMDLINE_TERN" \
	line 'multiboot2\t/boot/tern-0.1+git2.bbbbbbb loglevel=7 console=com1' "$native"
check "tern-native: /boot found through prepare_grub_to_access_device" \
	has "search --no-floppy --fs-uuid --set=root 0123-TEST" "$native"
check "tern-native: no Xen" hasnt xen "$native"
check "tern-xen-pv: title 'Tern 0.1+git2.bbbbbbb (Xen 4.17-amd64, PV dom0)'" \
	has "menuentry 'Tern 0.1+git2.bbbbbbb (Xen 4.17-amd64, PV dom0)' " "$pv"
check "tern-xen-pv: $xen_loader Xen with GRUB_CMDLINE_XEN_TERN" \
	line "$xen_loader"'\t/boot/xen-4.17-amd64.gz placeholder dom0_mem=512M,max:512M ${xen_rm_opts}' "$pv"
check "tern-xen-pv: $module_loader newest Tern with GRUB_CMDLINE_TERN" \
	line "$module_loader"'\t/boot/tern-0.1+git2.bbbbbbb loglevel=7 console=com1' "$pv"
check "tern-xen-pv: no dom0=pvh" hasnt dom0=pvh "$pv"
check "tern-xen-pvh: title 'Tern 0.1+git2.bbbbbbb (Xen 4.17-amd64, PVH dom0)'" \
	has "menuentry 'Tern 0.1+git2.bbbbbbb (Xen 4.17-amd64, PVH dom0)' " "$pvh"
check "tern-xen-pvh: $xen_loader Xen with dom0=pvh and GRUB_CMDLINE_XEN_TERN" \
	line "$xen_loader"'\t/boot/xen-4.17-amd64.gz placeholder dom0=pvh dom0_mem=512M,max:512M ${xen_rm_opts}' "$pvh"
check "tern-xen-pvh: $module_loader newest Tern" \
	line "$module_loader"'\t/boot/tern-0.1+git2.bbbbbbb loglevel=7 console=com1' "$pvh"
check "dom0=pvh only in the 2 PVH entries" \
	test "$(grep -c dom0=pvh "$tmp/all")" = 2
for id in tern-native-0.1+git1.aaaaaaa tern-xen-pv-0.1+git1.aaaaaaa \
	  tern-xen-pvh-0.1+git1.aaaaaaa; do
	check "older Tern: id $id" test "$(count_id $id "$tmp/all")" = 1
done
old=$(entry tern-xen-pvh-0.1+git1.aaaaaaa "$tmp/all")
check "older Tern: tern-xen-pvh-0.1+git1.aaaaaaa loads it" \
	line "$module_loader"'\t/boot/tern-0.1+git1.aaaaaaa loglevel=7 console=com1' "$old"
check "older Tern: tern-xen-pvh-0.1+git1.aaaaaaa has dom0=pvh" has dom0=pvh "$old"
check "stderr names the images found" \
	grep -q "Found Tern image: $boot/tern-0.1+git2.bbbbbbb" "$tmp/all.err"

# -- GRUB_TERN_XEN=false -------------------------------------------------
run noxen GRUB_TERN_XEN=false
check "GRUB_TERN_XEN=false: ids tern-native and tern-native-0.1+git1.aaaaaaa only" \
	test "$(ids "$tmp/noxen" | tr '\n' ' ')" = "tern-native tern-native-0.1+git1.aaaaaaa "
check "GRUB_TERN_XEN=false: no Xen at all" hasnt xen "$(cat "$tmp/noxen")"

# -- GRUB_TERN_XEN_MODULES ------------------------------------------------
echo guests >"$boot/tern-guests.cpio"
run mods "GRUB_TERN_XEN_MODULES=tern-guests.cpio missing.cpio ../etc/passwd"
e=$(entry tern-xen-pv "$tmp/mods")
check "GRUB_TERN_XEN_MODULES: the archive follows Tern in tern-xen-pv" \
	test "$(grep -A1 -F "/boot/tern-0" <<<"$e" | tail -n 1)" = \
	"$(printf '\t%s\t/boot/tern-guests.cpio' "$module_loader")"
check "GRUB_TERN_XEN_MODULES: and in tern-xen-pvh" \
	has /boot/tern-guests.cpio "$(entry tern-xen-pvh "$tmp/mods")"
check "GRUB_TERN_XEN_MODULES: not in tern-native" \
	hasnt tern-guests.cpio "$(entry tern-native "$tmp/mods")"
check "GRUB_TERN_XEN_MODULES: a missing file is skipped, with a message" \
	grep -q "missing.cpio does not exist" "$tmp/mods.err"
check "GRUB_TERN_XEN_MODULES: a path is refused" \
	grep -q "'../etc/passwd' is not a file name" "$tmp/mods.err"
check "GRUB_TERN_XEN_MODULES: tern-guests.cpio is not taken for a kernel" \
	test "$(ids "$tmp/mods" | grep -c guests)" = 0
check "GRUB_TERN_XEN_MODULES: grub-script-check accepts the output" \
	grub-script-check "$tmp/mods"
rm -f "$boot/tern-guests.cpio"

# -- GRUB_DISABLE_TERN=true ----------------------------------------------
run off GRUB_DISABLE_TERN=true
check "GRUB_DISABLE_TERN=true: no output" test ! -s "$tmp/off"

# -- defaults; a newer Tern (git10 > git2) and an older Xen --------------
echo d >"$boot/tern-0.1+git10.ddddddd"
echo "not a hypervisor" | gzip -9n >"$boot/xen-4.16-amd64.gz"
run more
check "grub-script-check accepts the output" grub-script-check "$tmp/more"
check "15 entries: 3 Terns x (native, 2 Xens x (PV, PVH))" \
	test "$(ids "$tmp/more" | wc -l)" = 15
check "ids unique" test -z "$(ids "$tmp/more" | sort | uniq -d)"
check "tern-native is git10, with no arguments by default" \
	line 'multiboot2\t/boot/tern-0.1+git10.ddddddd' "$(entry tern-native "$tmp/more")"
check "tern-xen-pvh: the newest Xen (4.17), no Xen arguments by default" \
	line "$xen_loader"'\t/boot/xen-4.17-amd64.gz placeholder dom0=pvh ${xen_rm_opts}' \
	"$(entry tern-xen-pvh "$tmp/more")"
for id in tern-xen-pv-4.16-amd64 tern-xen-pvh-4.16-amd64 \
	  tern-native-0.1+git2.bbbbbbb tern-xen-pv-0.1+git2.bbbbbbb \
	  tern-xen-pvh-4.16-amd64-0.1+git1.aaaaaaa; do
	check "id $id" test "$(count_id $id "$tmp/more")" = 1
done
old_xen=$(entry tern-xen-pv-4.16-amd64 "$tmp/more")
check "tern-xen-pv-4.16-amd64: multiboot (grub-file does not know the fake)" \
	line 'multiboot\t/boot/xen-4.16-amd64.gz placeholder ${xen_rm_opts}' "$old_xen"
check "tern-xen-pv-4.16-amd64: module, the newest Tern" \
	line 'module\t/boot/tern-0.1+git10.ddddddd' "$old_xen"
check "order: Terns newest first, native before Xen, Xens newest first" \
	test "$(ids "$tmp/more" | head -n 6 | tr '\n' ' ')" = \
	"tern-native tern-xen-pv tern-xen-pvh tern-xen-pv-4.16-amd64 tern-xen-pvh-4.16-amd64 tern-native-0.1+git2.bbbbbbb "

# -- no Tern installed (the package removed, its conffiles kept) ----------
rm -f "$boot"/tern-*
run none
check "no /boot/tern-*: exits 0, no output" test ! -s "$tmp/none"

if [[ $fails = 0 ]]; then
	echo "test_grub_d: all passed"
else
	echo "test_grub_d: $fails FAILED"
	exit 1
fi
