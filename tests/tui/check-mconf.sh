#!/usr/bin/env bash
# check-mconf.sh - the expected screens agree with menuconfig. Prints TAP.
#
# reference/CASE-SCREEN.mconf holds the menu box of the kernel's mconf,
# captured in tmux on the same fixture after the same keys ("title: ..." and
# "item: ..." lines); the rows of cases/CASE/SCREEN.screen must list the same
# entries. reference/CASE-SCREEN.help holds mconf's help text of a symbol; its
# lines must appear, in order, in cases/CASE/SCREEN.screen (the info view adds
# lines of its own, such as "Value :").
#
# Left out of the comparison, because they are kexplore's own: the one-column
# margin, the show-all reasons ("  [depends on ...]"), the tree mode's
# "++>"/"-->" after a menuconfig symbol (mconf opens those as a page), and a
# prompt cut shorter than mconf cut it (both are truncations of one text).
set -uo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
# shellcheck source-path=SCRIPTDIR source=../lib/tap.sh
. "$here/../lib/tap.sh"
refs=("$here"/reference/*.mconf "$here"/reference/*.help)
tap_plan "${#refs[@]}"

# screen_of REF - the screen file a reference belongs to.
screen_of() {
	local base=${1##*/} c
	base=${base%.*}
	for c in "$here"/cases/*/; do
		c=${c%/}
		c=${c##*/}
		case $base in "$c"-*)
			if [ -e "$here/cases/$c/${base#"$c"-}.screen" ]; then
				echo "$here/cases/$c/${base#"$c"-}.screen"
				return
			fi ;;
		esac
	done
}

# rows SCREEN - the list rows of a screen, normalised as described above.
rows() {
	sed -n '2,$p' "$1" | awk '/^$/ || /[┌│└+|]-/ { exit } { print }' |
		sed 's/^ //; s/  \[\(depends on\|visible if\|in hidden\|not visible\).*\]$//' |
		sed 's/^\(.*[^-+]\)  \(++>\|-->\)$/\1  --->/'
}

# same_rows WANT GOT - line by line equal, or one a long prefix of the other.
same_rows() {
	awk 'NR == FNR { w[FNR] = $0; nw = FNR; next }
	{ g[FNR] = $0; ng = FNR }
	END {
		if (nw != ng) exit 1
		for (i = 1; i <= nw; i++) {
			if (w[i] == g[i]) continue
			a = w[i]; b = g[i]
			if (length(a) > length(b)) { t = a; a = b; b = t }
			if (length(a) < 40 || substr(b, 1, length(a)) != a) exit 1
		}
	}' "$1" "$2"
}

# in_order HELP SCREEN - every line of HELP appears in SCREEN, in order.
in_order() {
	awk 'NR == FNR { w[++nw] = $0; next }
	{ sub(/^ /, ""); if (i < nw && $0 == w[i + 1]) i++ }
	END { exit i < nw }' "$1" "$2"
}

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
for ref in "${refs[@]}"; do
	name=${ref##*/}
	screen=$(screen_of "$ref")
	if [ -z "$screen" ]; then
		nok "$name: no screen for this reference"
		continue
	fi
	case $ref in
	*.mconf)
		sed -n 's/^item: \{4\}//p' "$ref" >"$tmp/want"
		rows "$screen" >"$tmp/got"
		if same_rows "$tmp/want" "$tmp/got"; then same=1; else same=''; fi
		;;
	*.help)
		cp "$ref" "$tmp/want"
		cp "$screen" "$tmp/got"
		if in_order "$tmp/want" "$tmp/got"; then same=1; else same=''; fi
		;;
	esac
	if [ -n "$same" ]; then
		ok "$name"
	else
		nok "$name"
		tap_diff "$tmp/want" "$tmp/got" 1000
	fi
done
tap_done
