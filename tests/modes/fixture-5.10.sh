#!/usr/bin/env bash
# fixture-5.10.sh - the conf rules of Linux 5.10 that later kernels changed, on the small tree
# tests/modes/tree-5.10 (its Makefile says 5.10): helpnewconfig's Location and dependencies,
# syncconfig's files and stamps, and mod2noconfig, which 5.10's conf does not have. Each is
# checked against 5.10's own conf when tests/lib/trees.sh has built it (SKIP otherwise), and
# against what 5.10's scripts/kconfig sources say (reasoning written beside each check), which
# needs no kernel. Prints TAP.
set -u
export LC_ALL=C

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
# shellcheck source-path=SCRIPTDIR source=../lib/tap.sh
. "$here/../lib/tap.sh"
KEXPLORE=${KEXPLORE:-$here/../../kexplore}
case $KEXPLORE in /*) ;; *) KEXPLORE=$PWD/$KEXPLORE ;; esac
tree=$here/tree-5.10
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
unset KCONFIG_CONFIG KCONFIG_ALLCONFIG KCONFIG_SEED KCONFIG_PROBABILITY KCONFIG_AUTOCONFIG \
	KCONFIG_AUTOHEADER KCONFIG_RUSTCCFG KCONFIG_NOSILENTUPDATE ARCH SRCARCH KBUILD_DEFCONFIG
cache=${KX_TEST_CACHE:-${KEXPLORE_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/kexplore}}
conf=$cache/trees/conf-5.10/scripts/kconfig/conf
[ -x "$conf" ] || conf=''
export HOME=$work/home KEXPLORE_CACHE=$work/cache
mkdir -p "$work/h" "$work/s" "$work/m"

same() { # same FILE-A FILE-B DESCRIPTION
	if cmp -s "$1" "$2"; then ok 0 "$3"; else ok 1 "$3"; diff -u "$1" "$2" | head -30 | sed 's/^/# /'; fi
}
noconf="5.10's conf is not built (tests/lib/trees.sh conf 5.10)"

# kx DIR ARGS... - kexplore on the fixture, in DIR holding old.config as .config.
kx() {
	local d=$1
	shift
	mkdir -p "$d"
	[ -e "$d/.config" ] || cp "$tree/old.config" "$d/.config"
	(cd "$d" && "$KEXPLORE" -C "$tree" --config .config "$@")
}
# kconf DIR ARGS... - 5.10's conf the same way.
kconf() {
	local d=$1
	shift
	mkdir -p "$d"
	[ -e "$d/.config" ] || cp "$tree/old.config" "$d/.config"
	(cd "$d" && srctree=$tree "$conf" "$@" Kconfig)
}

# helpnewconfig. 5.10's get_prompt_str walks the Location from the entry's parent and prints
# the block only when there is one: TOP_NEW (top menu) has none, NEW_TRI has "-> Drivers"
# only. Its expr_eliminate_dups removes y only after a pass that removed something, so
# "depends on OLD_BOOL" + "depends on y" stays "OLD_BOOL [=y] && y [=y]".
kx "$work/h/x" helpnewconfig >"$work/h/x.out" 2>/dev/null
awk '/^CONFIG_TOP_NEW:/,/^-----$/' "$work/h/x.out" >"$work/h/top"
awk '/^Symbol: NEW_TRI /,/^-----$/' "$work/h/x.out" >"$work/h/tri"
! grep -q Location "$work/h/top" && grep -q "^  Prompt: A new bool in the top menu" "$work/h/top"
ok $? "helpnewconfig: an entry of the top menu has no Location (5.10)"
grep -A2 '^  Location:' "$work/h/tri" >"$work/h/tri.loc"
printf '  Location:\n    -> Drivers\n\n' | cmp -s - "$work/h/tri.loc"
ok $? "helpnewconfig: the Location lists the parents only (5.10)"
grep -qx '  Depends on: OLD_BOOL \[=y\] && y \[=y\]' "$work/h/x.out"
ok $? "helpnewconfig: 'depends on y' stays in Depends on (5.10)"
if [ -n "$conf" ]; then
	kconf "$work/h/k" --helpnewconfig >"$work/h/k.out" 2>/dev/null
	same "$work/h/k.out" "$work/h/x.out" "helpnewconfig: kexplore prints what 5.10's conf prints"
else
	skip "$noconf"
fi

# syncconfig. 5.10's conf_write_symbol escapes and quotes every string for auto.conf too
# (kconfig_print_symbol), so an empty one is CONFIG_EMPTY_STR=""; conf_touch_dep names the stamp
# of FOO_BAR include/config/foo/bar.h; 5.10 has no rustc_cfg.
kx "$work/s/x" syncconfig </dev/null >/dev/null 2>&1
ok $? "syncconfig: exit 0"
grep -qx 'CONFIG_EMPTY_STR=""' "$work/s/x/include/config/auto.conf" &&
	grep -qx 'CONFIG_NEW_STR="a \\"quoted\\" \\\\ word"' "$work/s/x/include/config/auto.conf"
ok $? "syncconfig: auto.conf strings quoted and escaped (5.10)"
[ -f "$work/s/x/include/config/new/str.h" ] && [ -f "$work/s/x/include/config/modules.h" ] &&
	[ ! -e "$work/s/x/include/config/NEW_STR" ] && [ ! -e "$work/s/x/include/generated/rustc_cfg" ]
ok $? "syncconfig: stamps include/config/new/str.h, no rustc_cfg (5.10)"
# A second run after NEW_TRI m -> y, stamps removed: only NEW_TRI's is touched; the strings
# are unchanged although auto.conf holds them quoted.
sed -i 's/^CONFIG_NEW_TRI=m/CONFIG_NEW_TRI=y/' "$work/s/x/.config"
find "$work/s/x/include/config" -type f ! -name 'auto.conf*' -delete
kx "$work/s/x" syncconfig </dev/null >/dev/null 2>&1
(cd "$work/s/x/include/config" && find . -type f ! -name 'auto.conf*') >"$work/s/x.stamps2"
printf './new/tri.h\n' | cmp -s - "$work/s/x.stamps2"
ok $? "syncconfig again after NEW_TRI m -> y: only include/config/new/tri.h"
if [ -n "$conf" ]; then
	kconf "$work/s/k" -s --syncconfig </dev/null >/dev/null 2>&1
	kx "$work/s/x1" syncconfig </dev/null >/dev/null 2>&1
	for d in k x1; do "$here/../conformance/ref.sh" --manifest "$work/s/$d" >"$work/s/$d.man"; done
	same "$work/s/k.man" "$work/s/x1.man" "syncconfig: the files and stamps of 5.10's conf"
else
	skip "$noconf"
fi

# mod2noconfig came after 5.10: kexplore refuses it, names the versions, writes nothing.
kx "$work/m/x" mod2noconfig -o "$work/m/out.config" >/dev/null 2>"$work/m/err"
st=$?
[ $st -ne 0 ] && [ ! -e "$work/m/out.config" ] && grep -q "5\.10" "$work/m/err" &&
	grep -q mod2noconfig "$work/m/err" && cmp -s "$tree/old.config" "$work/m/x/.config"
ok $? "mod2noconfig on 5.10: refused (exit $st) with a message naming the version, nothing written"
if [ -n "$conf" ]; then
	kconf "$work/m/k" --mod2noconfig </dev/null >/dev/null 2>&1
	[ $? -ne 0 ]
	ok $? "mod2noconfig: 5.10's conf has no such option either"
else
	skip "$noconf"
fi

tap_done
