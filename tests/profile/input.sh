#!/usr/bin/env bash
# input.sh - `kexplore profile check` with a config from another kernel version and with profile
# names typed in another case (issue 13 items 14 and 11). A config naming symbols the tree lacks
# (as /proc/config.gz of a newer host with --running) gives one summary line instead of one
# warning per line; -v lists them. Fixture: tests/profile/tree and tests/profile/fixtures. TAP.
set -uo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
# shellcheck source-path=SCRIPTDIR source=../lib/tap.sh
. "$here/../lib/tap.sh"
KEXPLORE=${KEXPLORE:-./kexplore}
tree=$here/tree
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
check() { if eval "$2"; then ok "$1"; else nok "$1"; fi; }
kx() { env -u ARCH -u KCONFIG_CONFIG KEXPLORE_PROFILE_PATH="$here/fixtures" "$KEXPLORE" -C "$tree" --arch x86_64 "$@"; }

tap_plan 7
# NET=y plus three lines for symbols the fixture's Kconfig does not define
printf 'CONFIG_NET=y\nCONFIG_NEWER_ONE=y\nCONFIG_NEWER_TWO=m\nCONFIG_NEWER_THREE="x"\n' >"$work/new.config"

kx --config "$work/new.config" profile check base >"$work/o1" 2>"$work/e1"
check "no per-line 'unknown symbol' warning" "! grep -q 'unknown symbol: NEWER' '$work/e1'"
check "one summary line counting the 3 lines, pointing at -v" \
	"[ \$(grep -c 'symbols this tree does not have' '$work/e1') -eq 1 ] && grep -q ': 3 lines name symbols this tree does not have.*-v lists them' '$work/e1'"
kx -v --config "$work/new.config" profile check base >/dev/null 2>"$work/e2"
check "-v lists each of the 3 lines" "[ \$(grep -c 'unknown symbol: NEWER' '$work/e2') -eq 3 ]"
check "-v: no summary line then" "! grep -q 'symbols this tree does not have' '$work/e2'"
kx --config "$work/new.config" olddefconfig -o "$work/out.config" 2>"$work/e3"
check "other commands still warn per line, as the kernel's conf does" \
	"[ \$(grep -c 'unknown symbol: NEWER' '$work/e3') -eq 3 ]"

kx --config "$work/new.config" profile check BASE >"$work/o4" 2>/dev/null
check "profile check BASE answers as profile check base" "[ -s '$work/o1' ] && cmp -s '$work/o1' '$work/o4'"
kx profile show Base >"$work/o5" 2>&1
check "profile show Base shows the base profile" "grep -q 'the base fixture profile' '$work/o5'"
