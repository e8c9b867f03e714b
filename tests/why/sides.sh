#!/usr/bin/env bash
# tests/why/sides.sh - `why` through nested && / || / !, both ways: why an expression is too
# low (a 'depends on' that fails) and, under a '!', why it is too high. The two are mirror
# images: under && (low) or || (high) every operand is explained; under the other operator
# the alternatives go below an any-of node, and an alternative that is itself a whole chain
# below a node of its own. Expected trees are worked out by hand from the Kconfig below
# (A, B, D default y; C defaults n; nothing is set in the config). Prints TAP.
set -uo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
# shellcheck source-path=SCRIPTDIR source=../lib/tap.sh
. "$here/../lib/tap.sh"
KEXPLORE=${KEXPLORE:-./kexplore}
work=$(mktemp -d "${TMPDIR:-/tmp}/kx-sides.XXXXXX")
trap 'rm -rf "$work"' EXIT
# has NAME FILE LINE... - each LINE (a fixed string, leading spaces are the tree's depth) is a
# whole line of FILE, in this order
has() {
	local name=$1 file=$2 prev=0 at line
	shift 2
	for line in "$@"; do
		at=$(grep -nxF -- "$line" "$file" | head -1 | cut -d: -f1)
		if [ -z "$at" ] || [ "$at" -le "$prev" ]; then
			nok "$name"
			echo "# missing or out of order: '$line' in:"
			sed 's/^/# /' "$file"
			return
		fi
		prev=$at
	done
	ok "$name"
}

cat >"$work/Kconfig" <<'KC'
mainmenu "sides"
config A
	bool "a"
	default y
config B
	bool "b"
	default y
config C
	bool "c"
config D
	bool "d"
	default y
config LOW
	bool "low"
	depends on (C || A && !B) && D
config HIGH
	bool "high"
	depends on !((A || B) && D) || C
config STUCK
	bool
	default A || C
KC
: >"$work/config"
kx() { env -u ARCH -u KCONFIG_CONFIG "$KEXPLORE" -C "$work" --arch x86_64 --config "$work/config" \
	--no-cache why "$@" >"$work/out" 2>&1; }

tap_plan 3
# LOW: C || A && !B is n (C=n; A && !B is n as B=y), D=y. Low side: the && explains only its
# failing operand, the || its alternatives; A && !B is a whole alternative (its own node),
# below which only !B fails: under '!' the high side explains why B is y.
kx LOW y
has "why too low: && operand, || alternatives, a whole alternative, then '!' turns high" "$work/out" \
	"LOW is n, wanted y" \
	"    none of the alternatives holds: C [=n] || A [=y] && !B [=y]" \
	"      C is n, needs y" \
	"      this alternative needs all of: A [=y] && !B [=y]" \
	"        B is y, needs n"
# HIGH: !((A || B) && D) is n, C=n. Under '!' the question turns high: (A || B) && D is y and
# lowering any operand would do (an any-of node); A || B is a whole operand that needs each of
# its alternatives lowered (its own node): A and B; D on its own.
kx HIGH y
has "why too high: && operands as any-of, a whole || needs all lowered" "$work/out" \
	"HIGH is n, wanted y" \
	"    none of the alternatives holds: !((A [=y] || B [=y]) && D [=y]) || C [=n]" \
	"      all of these hold (lowering one would do): (A [=y] || B [=y]) && D [=y]" \
	"        lowering this needs all of its alternatives lowered: A [=y] || B [=y]" \
	"          A is y, needs n" \
	"          B is y, needs n" \
	"        D is y, needs n" \
	"      C is n, needs y"
# STUCK has no prompt and is y by its default A || C (A=y, C=n). Why not n: lowering the
# default's value means lowering the whole ||, so every alternative: A (C is n already), which
# the user can set. The value is a compound expression, not a literal such as "default y"
# (reading it as one once made this random, depending on where the expression was allocated:
# run it several times).
stuck_ok=true
for i in 1 2 3 4 5 6 7 8 9 10; do
	kx STUCK n
	for line in "STUCK is y, wanted n" "  default A [=y] || C [=n]  (Kconfig:21)" \
		"    A is y, needs n"; do
		grep -qxF -- "$line" "$work/out" || stuck_ok=false
	done
	$stuck_ok || break
done
if $stuck_ok; then
	ok "stuck on by a compound default: its alternatives are explained (10 runs)"
else
	nok "stuck on by a compound default: its alternatives are explained (10 runs)"
	sed 's/^/# /' "$work/out"
fi
