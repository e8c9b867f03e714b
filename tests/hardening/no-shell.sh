#!/usr/bin/env bash
# tests/hardening/no-shell.sh - --no-shell: no $(shell,...) command of the tree runs (each
# would leave a file behind), every call expands to nothing and is counted in a warning,
# and -v lists each command as skipped. Without --no-shell the same tree does create the
# files (so the test would see a command that ran), and -v says which answers came from
# the shell cache on the next load. TAP output.
set -uo pipefail

KEXPLORE=${KEXPLORE:-./kexplore}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
# shellcheck source-path=SCRIPTDIR source=../lib/tap.sh
. "$(dirname "${BASH_SOURCE[0]}")/../lib/tap.sh"

check() { if eval "$2"; then ok "$1"; else nok "$1"; sed 's/^/# /' "$work/err"; fi; }

mkdir -p "$work/tree"
# Every expansion is valid Kconfig whether the command runs or not.
cat >"$work/tree/Kconfig" <<EOF
x := \$(shell,touch $work/SENTINEL1)
config A
	bool "a \$(shell,touch $work/SENTINEL2; echo ran)"
	default y
config S
	string "s"
	default "\$(shell,touch $work/SENTINEL3 && echo hello)"
EOF

kx() {
	env -u ARCH -u KCONFIG_CONFIG KEXPLORE_CACHE="$work/cache" "$KEXPLORE" -C "$work/tree" \
		--arch x86_64 --config /dev/null "$@" olddefconfig -o "$work/out.config" \
		>/dev/null 2>"$work/err"
}

tap_plan 9

kx --no-shell -v
rc=$?
check "--no-shell loads the tree" "[ $rc -eq 0 ]"
check "...and runs none of its commands" \
	"[ ! -e '$work/SENTINEL1' ] && [ ! -e '$work/SENTINEL2' ] && [ ! -e '$work/SENTINEL3' ]"
check "...each call expands to nothing" "grep -qx 'CONFIG_S=\"\"' '$work/out.config'"
check "...a warning counts the calls left out" \
	"grep -Eq '^kexplore: --no-shell: [0-9]+ [$][(]shell,[.][.][.][)] calls yielded empty output [(]-v lists them[)]\$' '$work/err'"
cat >"$work/expected" <<EOF
shell[skipped]: touch $work/SENTINEL1 => 
shell[skipped]: touch $work/SENTINEL2; echo ran => 
shell[skipped]: touch $work/SENTINEL3 && echo hello => 
EOF
grep "SENTINEL" "$work/err" >"$work/listed"
check "...and -v lists each command as skipped" "diff -u '$work/expected' '$work/listed' >&2"
check "...and nothing was cached" "[ -z \"\$(ls -A '$work/cache/shell' 2>/dev/null)\" ]"

kx -v
check "without --no-shell the same commands run" \
	"[ -e '$work/SENTINEL1' ] && [ -e '$work/SENTINEL2' ] && [ -e '$work/SENTINEL3' ] && grep -qx 'CONFIG_S=\"hello\"' '$work/out.config'"
check "...and -v says so" "[ \$(grep -c '^shell\\[run\\]: touch $work/SENTINEL' '$work/err') -eq 3 ]"
rm -f "$work"/SENTINEL*
kx -v
check "the next load answers from the cache and says so" \
	"[ ! -e '$work/SENTINEL1' ] && [ \$(grep -c '^shell\\[cache\\]: touch $work/SENTINEL' '$work/err') -eq 3 ]"
