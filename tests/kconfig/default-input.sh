#!/usr/bin/env bash
# default-input.sh - olddefconfig without a .config on a 5.10-language tree: conf then reads the
# first existing file among the defaults of the `option defconfig_list` symbol, here
# tests/kconfig/lang-options-5.10's "arch/$(SRCARCH)/configs/fixture_defconfig" (6.1 and later
# take the list from the Makefile instead). The reference is 5.10's own conf.
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
# shellcheck source-path=SCRIPTDIR source=../lib/tap.sh
. "$here/../lib/tap.sh"
# shellcheck source-path=SCRIPTDIR source=../lib/trees.sh
. "$here/../lib/trees.sh"
KEXPLORE=${KEXPLORE:-./kexplore}
case $KEXPLORE in /*) ;; *) KEXPLORE=$PWD/$KEXPLORE ;; esac
c=$here/lang-options-5.10

tap_plan 3
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
if ! confdir=$(kx_conf_ensure 5.10 2>"$work/err"); then
	tap_bail "cannot build 5.10's conf: $(tail -1 "$work/err")"
fi
mkdir "$work/conf" "$work/kx"
(cd "$work/conf" && env -i PATH="$PATH" LC_ALL=C srctree="$c" SRCARCH=x86 ARCH=x86_64 \
	"$confdir/scripts/kconfig/conf" -s --olddefconfig Kconfig) >"$work/conf.log" 2>&1 || true
if grep -qx "CONFIG_DRIVER=y" "$work/conf/.config"; then
	ok "conf read fixture_defconfig (the fixture tests what it means to)"
else
	nok "conf did not read fixture_defconfig"
fi
(cd "$work/kx" && env -u KCONFIG_CONFIG -u ARCH -u SRCARCH "$KEXPLORE" -C "$c" --arch x86_64 \
	olddefconfig -o "$work/kx/out") >"$work/kx.log" 2>&1 || true
if grep -q "using defaults found in .*/arch/x86/configs/fixture_defconfig" "$work/kx.log"; then
	ok "kexplore says it uses the defconfig_list file"
else
	nok "kexplore says it uses the defconfig_list file"
	sed 's/^/# /' "$work/kx.log"
fi
if cmp -s "$work/conf/.config" "$work/kx/out"; then
	ok "kexplore's olddefconfig equals conf's"
else
	nok "kexplore's olddefconfig equals conf's"
	diff -u "$work/conf/.config" "$work/kx/out" | head -30 | sed 's/^/# /' || true
fi
