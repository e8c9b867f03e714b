#!/usr/bin/env bash
# tests/profile/dirs.sh - where profiles are found (issue 13 item 8). A binary run from its build
# tree reads the profiles shipped in the source tree's profiles/ with no flag, in `profile list`
# and in the explorer's P screen; a copy of it elsewhere does not; -P DIR adds a folder whether it
# comes before the command (a global option) or after it. The expected names are those the
# profile files declare (`# name:`, else the file name, as the format says), read here with sed.
# TAP output.
set -uo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
KX_SRCDIR=${KX_SRCDIR:-$(cd "$here/../.." && pwd)}
# shellcheck source-path=SCRIPTDIR source=../lib/tap.sh
. "$KX_SRCDIR/tests/lib/tap.sh"
KEXPLORE=${KEXPLORE:-$KX_SRCDIR/kexplore}
case $KEXPLORE in /*) ;; *) KEXPLORE=$PWD/$KEXPLORE ;; esac
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/xdg" "$work/mine" "$work/bin"
printf '# description: a profile only -P knows\nCONFIG_KX_NOWHERE=y\n' >"$work/mine/kx-only-here.profile"

# The names the shipped files declare.
shipped=()
for f in "$KX_SRCDIR"/profiles/*.profile; do
	name=$(sed -n 's/^# name: *\([^ ]*\).*/\1/p' "$f" | head -1)
	[ -n "$name" ] || { name=${f##*/}; name=${name%.profile}; }
	shipped+=("$name")
done

# kx BINARY ARGS... - with no profile path of the user's and no installed one of theirs.
kx() {
	local bin=$1
	shift
	(cd "$work" && env -u KEXPLORE_PROFILE_PATH XDG_CONFIG_HOME="$work/xdg" \
		"$bin" -C "$here/tree" --arch x86_64 --config /dev/null "$@")
}
# lists FILE NAME... - every NAME starts a line of FILE
lists() {
	local f=$1 n
	[ -e "$f" ] || { tap_diag "$f was not written"; return 1; }
	shift
	for n in "$@"; do
		grep -q "^[^[:alnum:]]*$n\\b" "$f" || { tap_diag "$n missing from:"; tap_diag_file "$f"; return 1; }
	done
}

tap_plan 6

kx "$KEXPLORE" profile list >"$work/list" 2>&1
lists "$work/list" "${shipped[@]}"
ok $? "from the build tree, profile list shows the ${#shipped[@]} shipped profiles with no flag"

printf 'P\n:save-display list.screen\n:quit\n' >"$work/script"
TERM=xterm LINES=24 COLUMNS=80 KEXPLORE_SCRIPT="$work/script" kx "$KEXPLORE" >/dev/null 2>&1 </dev/null
# the screen has room for 11 rows of the list
lists "$work/list.screen" "${shipped[@]:0:11}"
ok $? "...and so does the explorer's P screen"

cp "$KEXPLORE" "$work/bin/kexplore"
if [ -d /usr/local/share/kexplore/profiles ] || [ -d /usr/share/kexplore/profiles ]; then
	skip "a copy outside the build tree does not read its profiles/" "kexplore is installed here"
else
	kx "$work/bin/kexplore" profile list >"$work/copy" 2>&1
	! grep -q "^${shipped[0]}\\b" "$work/copy"
	ok $? "a copy outside the build tree does not read its profiles/"
fi

kx "$KEXPLORE" -P "$work/mine" profile list >"$work/before" 2>&1
lists "$work/before" kx-only-here "${shipped[@]}"
ok $? "-P DIR before the command adds DIR to the shipped profiles"
kx "$KEXPLORE" profile list -P "$work/mine" >"$work/after" 2>&1
lists "$work/after" kx-only-here
ok $? "-P DIR after the command too"

printf 'P\n:save-display mine.screen\n:quit\n' >"$work/script"
TERM=xterm LINES=24 COLUMNS=80 KEXPLORE_SCRIPT="$work/script" kx "$KEXPLORE" -P "$work/mine" \
	>/dev/null 2>&1 </dev/null
grep -q 'kx-only-here' "$work/mine.screen" 2>/dev/null
ok $? "the explorer's P screen shows a -P profile"
