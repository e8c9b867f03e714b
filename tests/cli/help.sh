#!/usr/bin/env bash
# tests/cli/help.sh - help, man page and behaviour agree (issue 13 item 12): `kexplore help CMD`
# and `kexplore CMD --help` print the same text for every command `kexplore --help` lists; every
# option that any of these texts names is in doc/kexplore.1 (options are read from the mdoc
# source: `Fl -arch` is --arch, `Fl C` is -C); the man page's entry for the q key says what
# src/tui/keymap.c binds it to in the menu. Prints TAP.
set -uo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
# shellcheck source-path=SCRIPTDIR source=../lib/tap.sh
. "$here/../lib/tap.sh"
KEXPLORE=${KEXPLORE:-./kexplore}
man=${KEXPLORE_MAN:-$here/../../doc/kexplore.1}
keymap=$here/../../src/tui/keymap.c
tree=$here/tree
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
check() { if eval "$2"; then ok "$1"; else nok "$1"; fi; }

kx() { env -u ARCH -u KCONFIG_CONFIG "$KEXPLORE" -C "$tree" "$@"; }

kx --help >"$work/global" 2>&1
cmds=$(awk '/^Commands:/ { f = 1; next } f && /^  [a-z]/ { print $1 }' "$work/global")
ncmds=$(echo "$cmds" | wc -w)
tap_plan $((ncmds + 6))
check "kexplore --help lists commands ($ncmds)" "[ $ncmds -ge 15 ]"

: >"$work/all-help"
for c in $cmds; do
	kx help "$c" >"$work/h1" 2>&1
	r1=$?
	kx "$c" --help >"$work/h2" 2>&1
	r2=$?
	check "help $c and $c --help print one text (exit $r1, $r2)" \
		"[ $r1 -eq 0 ] && [ $r2 -eq 0 ] && cmp -s '$work/h1' '$work/h2'"
	cat "$work/h1" >>"$work/all-help"
done
cat "$work/global" >>"$work/all-help"

# help modules names what modules --help always had (--enable, --localmodconfig)
check "help modules names --enable and --localmodconfig" \
	"kx help modules | grep -q -- --enable && kx help modules | grep -q -- --localmodconfig"

if ! tap_require python3; then
	skip "python3 not found (reads the man page's options)"
else
	python3 - "$work/all-help" "$man" >"$work/missing" <<'PY'
import re, sys
helptext = open(sys.argv[1]).read()
# options as help texts write them: -C, -o, --arch, --no-shell (not inside words or paths); the
# man page has one when an Fl macro gives it or the text has it verbatim (lspci -k)
opts = set(re.findall(r'(?<![\w/.-])(--[a-z][a-z0-9-]*|-[A-Za-z])(?![\w-])', helptext))
mdoc = open(sys.argv[2]).read().replace('\\-', '-').replace('\\\n', ' ')
have = set(o for o in opts if re.search(r'(?<![\w-])' + re.escape(o) + r'(?![\w-])', mdoc))
for line in mdoc.splitlines():
    if not line.startswith('.'):
        continue
    # mdoc's Fl macro adds one dash to each word after it until the next macro
    words = line[1:].split()
    flag = False
    for w in words:
        if re.fullmatch(r'[A-Z][a-z][a-z]?', w):
            flag = w == 'Fl'
            continue
        if flag and re.fullmatch(r'-?[A-Za-z][A-Za-z0-9-]*', w):
            have.add('-' + w)
for o in sorted(opts - have):
    print(o)
PY
	check "every option in the help texts is in the man page${missing:+}" "[ ! -s '$work/missing' ]"
	[ -s "$work/missing" ] && sed 's/^/# missing from the man page: /' "$work/missing"
fi
check "the man page documents -P and -q" \
	"grep -q '^\.It Fl P' '$man' && grep -q '^\.It Fl q' '$man'"

# q in the menu: what keymap.c binds, and what the man page says about it
if grep -q "B(MENU, 'q', QUIT)" "$keymap"; then
	check "keymap.c: q quits in the menu; the man page's q entry says so" \
		"grep -A1 '^\.It .*Ic q\b' '$man' | grep -qi 'quit'"
else
	check "keymap.c: q leaves the menu; the man page's q entry says so" \
		"grep -A1 '^\.It .*Ic q\b' '$man' | grep -qi 'leave'"
fi
check "the man page's key list has no entry that puts q with <Left> and <Esc>" \
	"! grep -q 'Ao Left Ac , Ao Esc Ac , Ic q' '$man'"
