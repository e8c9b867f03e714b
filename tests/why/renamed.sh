#!/usr/bin/env bash
# renamed.sh - `why` and `enable` on options renamed with 6.18's `transitional`, on the golden
# fixture tests/kconfig/lang-transitional (its Makefile says 7.3). Expectations come from that
# fixture's Kconfig and config: NET_OLD=y is in the config and is NET_NEW's default, so NET_NEW
# carries y over; KEEP_NEW is set to n itself, so its old name's y does not carry over.
set -u

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
# shellcheck source-path=SCRIPTDIR source=../lib/tap.sh
. "$here/../lib/tap.sh"
KEXPLORE=${KEXPLORE:-./kexplore}
src=$(cd "${KX_SRCDIR:-.}/tests/kconfig/lang-transitional" && pwd)
work=$(mktemp -d "${TMPDIR:-/tmp}/kx-renamed.XXXXXX")
trap 'rm -rf "$work"' EXIT
cp "$src/config" "$work/.config"
kx() {
	"$KEXPLORE" -C "$src" --arch x86_64 --config "$work/.config" --no-cache "$@"
}


tap_plan 10
out=$(kx why NET_OLD 2>&1)
tap_check "why of an old name says what it was renamed to" \
	grep -q "NET_OLD is an old name: renamed to NET_NEW in 6.18; your value carries over" <<<"$out"
out=$(kx why NET_NEW n 2>&1)
tap_check "why of the new name points at the old name's line" \
	grep -q "NET_NEW takes NET_OLD=y from the config (its old name)  (.*config:1)" <<<"$out"
tap_check "why of the new name says it was renamed" \
	grep -q "NET_NEW was renamed from NET_OLD in 6.18" <<<"$out"
out=$(kx why KEEP_NEW 2>&1)
tap_check "a new name set in the config itself is not said to carry over" \
	bash -c '! grep -q "carries over" <<<"$1" && grep -q "KEEP_NEW is set to n in the config  (.*config:6)" <<<"$1"' _ "$out"
kx enable NET_NEW=n -o "$work/new.config" >/dev/null 2>&1
tap_check "enable NET_NEW=n writes n for the new name" grep -qx "# CONFIG_NET_NEW is not set" "$work/new.config"
tap_check "the old name is never written" bash -c "! grep -q NET_OLD '$work/new.config'"
kx olddefconfig -o "$work/old.config" >/dev/null 2>&1
tap_check "olddefconfig carries the tristate's m over" grep -qx "CONFIG_DRV_NEW=m" "$work/old.config"

# The explorer's information pane (headless, KEXPLORE_SCRIPT): search each name, open the pane.
tui() { # tui NAME - save the information screen of symbol NAME as $work/NAME.screen
	printf '/%s\n<Enter>\ni\n:save-display %s.screen\n:quit\n' "$1" "$1" >"$work/script"
	(cd "$work" && env -i PATH="$PATH" HOME="$work" TERM=xterm LANG=C.UTF-8 LINES=24 \
		COLUMNS=80 KEXPLORE_CACHE="$work/cache" KEXPLORE_SCRIPT="$work/script" timeout 60 \
		"$KEXPLORE" -C "$src" --config "$src/config" --arch x86_64) </dev/null >/dev/null 2>&1
}
case $KEXPLORE in /*) ;; *) KEXPLORE=$PWD/$KEXPLORE ;; esac
tui NET_OLD
tap_check "info pane of the old name: renamed to NET_NEW" \
	grep -q "Renamed: to NET_NEW in 6.18; your value carries over" "$work/NET_OLD.screen"
tui NET_NEW
tap_check "info pane of the new name: renamed from NET_OLD" \
	grep -q "Renamed: from NET_OLD in 6.18; its value in a config carries over" "$work/NET_NEW.screen"
out=$("$KEXPLORE" -q -C "$src" --arch x86_64 --config "$src/config" --no-cache info 2>&1)
tap_check "info says which kernels' Kconfig rules the tree is read with (its Makefile says 7.3)" \
	grep -q "^  language:    Kconfig rules of Linux 7.0 and later" <<<"$out"
