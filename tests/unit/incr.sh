#!/usr/bin/env bash
# tests/unit/incr.sh - randomized differential test of incremental evaluation (issue 14).
# tests/unit/incr-random runs random sequences of assignments, unsets, user-state restores and
# checkpoints (open, rollback, release) on one loaded tree, and after every step compares the
# incremental values with a full evaluation of the same tree (kc_incr_verify); a rollback must give
# back the values seen when its checkpoint was opened. Fixed seeds, printed: a failing line
# names seed, sequence and step, and `tests/unit/incr-random TREE ARCH SEED NSEQ NSTEPS CONFIG`
# reproduces it. One TAP line per tree and config:
#   every fixture tree of tests/ (Kconfig semantics in small), 1000 sequences of 30 steps each;
#   the real 6.12 tree: 1500 sequences of 6 steps from the x86_64 defconfig and 500 from Debian's
#   amd64 config; the 6.1 tree (legacy, full re-evaluation): 150 sequences (KX_CONF_JOBS=quick: a
#   tenth of all that).
set -uo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
# shellcheck source-path=SCRIPTDIR source=../lib/tap.sh
. "$here/../lib/tap.sh"
. "$here/../lib/trees.sh"
: "${KX_BUILDDIR:=.}"
prog=$KX_BUILDDIR/tests/unit/incr-random
${MAKE:-make} -s -C "$KX_BUILDDIR" tests/unit/incr-random >/dev/null || {
	tap_bail "cannot build tests/unit/incr-random"; }
work=$(mktemp -d "${TMPDIR:-/tmp}/kx-incr.XXXXXX")
trap 'rm -rf "$work"' EXIT

fixtures=()
for d in "$here"/../kconfig/*/ "$here/../save/tree" "$here/../diff/tree" "$here/../why/tree"; do
	[ -f "$d/Kconfig" ] && fixtures+=("$(cd "$d" && pwd)")
done
real=3
tap_plan $((${#fixtures[@]} + 1 + real))

# run LABEL TREE ARCH SEED NSEQ NSTEPS CONFIG
run() {
	local label=$1 out=$work/out
	shift
	if "$prog" "$@" >"$out" 2>&1 && ! grep -q '^not ok' "$out" &&
		grep -q "^ok $4 " "$out"; then
		ok "$label: $4 sequences of $5 steps, seed $3, each step equal to a full evaluation, each rollback to its checkpoint"
	else
		nok "$label (seed $3)"
		grep -v '^ok' "$out" | head -n 10 | sed 's/^/# /'
	fi
}

seed=1400
for d in "${fixtures[@]}"; do
	seed=$((seed + 1))
	arch=x86
	[ "${d##*/why/}" = tree ] && arch=foo	# tests/why/tree is ARCH=foo
	run "fixture ${d#"$(cd "$here/.." && pwd)"/}" "$d" "$arch" "$seed" 1000 30 -
done
if [ "$tap_n" -eq "${#fixtures[@]}" ] && [ "${#fixtures[@]}" -ge 10 ]; then
	ok "${#fixtures[@]} fixture trees"
else
	nok "only ${#fixtures[@]} fixture trees found"
fi

if ! tree=$(kx_tree_ensure 6.12 2>/dev/null); then
	for _ in $(seq "$real"); do
		skip "the 6.12 tree is not available"
	done
	tap_done
fi
nseq=1500
[ "${KX_CONF_JOBS:-}" = quick ] && nseq=150
cp "$tree/arch/x86/configs/x86_64_defconfig" "$work/defconfig"
run "6.12 x86_64 from defconfig" "$tree" x86_64 2412 "$nseq" 6 "$work/defconfig"
deb=""
if [ -r /usr/src/linux-config-6.12/config.amd64_none_amd64.xz ]; then
	xz -dc /usr/src/linux-config-6.12/config.amd64_none_amd64.xz >"$work/debian" && deb=$work/debian
elif [ -r "$KX_CACHE/configs/6.12/config.amd64_none_amd64" ]; then
	deb=$KX_CACHE/configs/6.12/config.amd64_none_amd64
fi
if [ -n "$deb" ]; then
	run "6.12 x86_64 from Debian's amd64 config" "$tree" x86_64 2413 $((nseq / 3)) 6 "$deb"
else
	skip "Debian's 6.12 amd64 config is not available"
fi
# 6.1: legacy choices, every change re-evaluates the whole tree (kc_incr_verify has nothing to
# compare there); what this checks is that rollbacks (one snapshot of the whole tree per
# checkpoint) give back the checkpoint's values
if tree61=$(kx_tree_ensure 6.1 2>/dev/null); then
	cp "$tree61/arch/x86/configs/x86_64_defconfig" "$work/defconfig61"
	run "6.1 x86_64 from defconfig (legacy)" "$tree61" x86_64 2414 $((nseq / 10)) 6 \
		"$work/defconfig61"
else
	skip "the 6.1 tree is not available"
fi
