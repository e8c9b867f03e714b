#!/usr/bin/env bash
# cli.sh - `kexplore why`, `enable` and `disable` on the fixture tree tests/why/tree (ARCH=foo):
# exit codes, output formats, --apply/-o/--fragment and the .old copy. The expectations are
# reasoned from the fixture's Kconfig and config (see tests/why/test-why.c for the semantics).
set -u

KEXPLORE=${KEXPLORE:-./kexplore}
src=${KX_SRCDIR:-.}/tests/why/tree
work=$(mktemp -d "${TMPDIR:-/tmp}/kx-why-cli.XXXXXX")
trap 'rm -rf "$work"' EXIT
cp "$src/config" "$work/.config"
kx() {
	"$KEXPLORE" -C "$src" --arch foo --config "$work/.config" --no-cache "$@"
}

# shellcheck source-path=SCRIPTDIR source=../lib/tap.sh
. "$(dirname "${BASH_SOURCE[0]}")/../lib/tap.sh"
check() { # check NAME CMD... - ok when CMD succeeds
	local name=$1
	shift
	if "$@"; then ok "$name"; else nok "$name"; fi
}

tap_plan 16
out=$(kx why DEP_A)
check "why DEP_A exits 0 (possible)" test $? -eq 0
check "why DEP_A names DEP_B at the config line" grep -q "DEP_B is set to n in the config  (.*config:2)" <<<"$out"
kx why NEEDS_BAR >"$work/o" 2>&1
check "why NEEDS_BAR exits 1 (impossible)" test $? -eq 1
check "why NEEDS_BAR says where BAR_THING exists" grep -q "exists on: bar" "$work/o"
kx why CONFIG_BAR_ARCH >"$work/o" 2>&1
check "why of a symbol this arch never mentions" grep -q "not defined for ARCH=foo.*exists on: bar" "$work/o"
check "why --json" bash -c "'$KEXPLORE' -C '$src' --arch foo --config '$work/.config' --no-cache why SH_T --json | grep -q '\"kind\":\"symbol\",\"symbol\":\"SH_C\"'"
check "why --dot" bash -c "'$KEXPLORE' -C '$src' --arch foo --config '$work/.config' --no-cache why SH_T --dot | grep -q '^digraph why {'"
out=$(kx enable DEP_A)
check "enable DEP_A exits 0 and lists DEP_B first" grep -q "1. CONFIG_DEP_B=y" <<<"$out"
check "enable without --apply leaves the config" cmp -s "$src/config" "$work/.config"
kx enable LIB=n >"$work/o" 2>&1
check "enable LIB=n needs --allow-off (exit 1)" test $? -eq 1
check "enable LIB=n marks TOP and MID OFF" test "$(grep -c ' OFF$' "$work/o")" -eq 2
kx disable LIB --allow-off --apply >/dev/null 2>&1
check "disable LIB --allow-off --apply writes the config" grep -q "^# CONFIG_TOP is not set" "$work/.config"
check "--apply keeps the previous config as .config.old" cmp -s "$src/config" "$work/.config.old"
kx enable OR_T -o "$work/new.config" --fragment "$work/frag" >/dev/null 2>&1
check "-o writes there" grep -q "^CONFIG_OR_T=y" "$work/new.config"
check "--fragment writes the steps" bash -c "grep -qx 'CONFIG_OR_Y=y' '$work/frag' && grep -qx 'CONFIG_OR_T=y' '$work/frag'"
kx enable CH_A CH_B >"$work/o" 2>&1
check "two members of one choice: no plan, said why" bash -c "test $? -eq 1 && grep -q 'same choice' '$work/o'"
