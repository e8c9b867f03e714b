#!/usr/bin/env bash
# tests/hardening/tui-input.sh - prompts, help and values with invalid UTF-8 and
# control characters (ESC, BEL, DEL, tab) in the explorer: it must not crash, and
# nothing of them may reach the terminal as a control sequence. Driven headless
# (KEXPLORE_SCRIPT) in a UTF-8 and in the C locale; every screen saved must be free
# of bytes below 0x20 (newlines aside) and of DEL. TAP output.
set -uo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
top=$(cd "$here/../.." && pwd)
KEXPLORE=${KEXPLORE:-$top/kexplore}
case $KEXPLORE in /*) ;; *) KEXPLORE=$PWD/$KEXPLORE ;; esac
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

printf 'mainmenu "bad \xff\xfe utf-8"\nmenu "menu \xc3\x28 \xe2\x82"\nconfig U\n\tstring "prompt \xf0\x28\x8c\xbc \x1b[31m red \x1b]0;title\x07"\n\tdefault "\xc0\xaf\xed\xa0\x80\x1b[2J"\n\thelp\n\t  help \x80\x81 \xf8\x88\x80\x80\x80 \x07 bell \x1b[H\nconfig B\n\tbool "tab\there \x7f del"\nendmenu\ncomment "\xfe"\n' \
	>"$work/Kconfig"
: >"$work/.config"
printf '%s\n' ':save-display top.screen' '<Enter>' ':save-display menu.screen' i \
	':save-display info.screen' '<Esc><Down>' ':save-display b.screen' '<Esc>/prompt' \
	':save-display search.screen' ':quit' >"$work/script"

# shellcheck source-path=SCRIPTDIR source=../lib/tap.sh
. "$here/../lib/tap.sh"
tap_plan 4
for lang in C.UTF-8 C; do
	rm -f "$work"/*.screen
	rc=0
	(cd "$work" && env -i PATH="$PATH" HOME="$work" TERM=xterm LANG=$lang LINES=24 COLUMNS=80 \
		KEXPLORE_SCRIPT=script timeout 60 "$KEXPLORE" -C . --config .config --arch x86_64 \
		--no-shell) </dev/null >"$work/out" 2>&1 || rc=$?
	if [ "$rc" -eq 0 ] && [ "$(find "$work" -name "*.screen" | wc -l)" -eq 5 ]; then
		ok "LANG=$lang: the explorer shows every view of the bad strings"
	else
		nok "LANG=$lang: exit $rc"
		tap_diag_file "$work/out"
	fi
	if ! LC_ALL=C grep -l $'[\x01-\x09\x0b-\x1f\x7f]' "$work"/*.screen >"$work/bad"; then
		ok "LANG=$lang: no control character reaches the screen"
	else
		nok "LANG=$lang: control characters in $(tr '\n' ' ' <"$work/bad")"
	fi
done
