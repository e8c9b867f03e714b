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
#   amd64 config; the 6.1 and 5.10 trees (legacy choices, tests/kconfig/lang-choices-* in small):
#   500 sequences of 6 steps from the defconfig and 250 from Debian's config each
#   (KX_CONF_JOBS=quick: a tenth of the real trees' sequences; the fixtures always run in full).
#   incr-random picks choice members a quarter of the time.
# After half of its rollbacks incr-random makes the same changes again: the evaluator copies an
# update it made before from the same state (incr.c's memo), and the copy is compared too.
# Transitional symbols (6.18+): while an old name has a user value, computing its successor gives
# the successor that value as its own user value, so when a symbol is computed matters; the tree
# computes every symbol after a read and after a whole-tree change, as conf does after reading,
# and updates carry what they recompute (incr.c). Checked on the lang-transitional fixture read
# with its config of old names (three more seeds, 1000 sequences each; without that rule 76-89 of
# 500 sequences differed) and on the 7.3 tree read with Debian's 6.12 amd64 config, which names
# the old RANDOM_KMALLOC_CACHES (150 sequences of 6 steps).
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
real=7
trans=3
tap_plan $((${#fixtures[@]} + 1 + trans + real))

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
lt=$here/../kconfig/lang-transitional
for seed in 1431 1432 1433; do
	run "fixture kconfig/lang-transitional read with its config of old names" "$(cd "$lt" && pwd)" \
		x86 "$seed" 1000 30 "$(cd "$lt" && pwd)/config"
done
if [ "$tap_n" -eq $((${#fixtures[@]} + trans)) ] && [ "${#fixtures[@]}" -ge 10 ]; then
	ok "${#fixtures[@]} fixture trees"
else
	nok "only ${#fixtures[@]} fixture trees found"
fi

nseq=1500
[ "${KX_CONF_JOBS:-}" = quick ] && nseq=150

# debian_config VERSION - Debian's amd64 config of VERSION (the installed package, else the
# cache), uncompressed into $work; prints its path, nothing when there is none.
debian_config() {
	local xz=/usr/src/linux-config-$1/config.amd64_none_amd64.xz
	local cached=$KX_CACHE/configs/$1/config.amd64_none_amd64
	if [ -r "$xz" ]; then
		xz -dc "$xz" >"$work/debian-$1" && echo "$work/debian-$1"
	elif [ -r "$cached" ]; then
		echo "$cached"
	fi
}

# real_tree VERSION SEED NSEQ_DEFCONFIG NSEQ_DEBIAN LABEL - two lines: from the x86_64 defconfig
# and from Debian's amd64 config
real_tree() {
	local v=$1 seed=$2 ndef=$3 ndeb=$4 label=$5 tree deb
	if ! tree=$(kx_tree_ensure "$v" 2>/dev/null); then
		skip "the $v tree is not available"
		skip "the $v tree is not available"
		return
	fi
	cp "$tree/arch/x86/configs/x86_64_defconfig" "$work/defconfig-$v"
	run "$v x86_64 from defconfig$label" "$tree" x86_64 "$seed" "$ndef" 6 "$work/defconfig-$v"
	deb=$(debian_config "$v")
	if [ -n "$deb" ]; then
		run "$v x86_64 from Debian's amd64 config$label" "$tree" x86_64 $((seed + 1)) \
			"$ndeb" 6 "$deb"
	else
		skip "Debian's $v amd64 config is not available"
	fi
}

real_tree 6.12 2412 "$nseq" $((nseq / 3)) ""
# before 6.11: legacy choices (a choice is a symbol with a value), incremental as well
real_tree 6.1 2414 $((nseq / 3)) $((nseq / 6)) " (legacy choices)"
real_tree 5.10 2416 $((nseq / 3)) $((nseq / 6)) " (legacy choices)"
deb=$(debian_config 6.12)
if ! tree73=$(kx_tree_ensure 7.3 2>/dev/null); then
	skip "the 7.3 tree is not available"
elif [ -z "$deb" ]; then
	skip "Debian's 6.12 amd64 config is not available"
elif ! grep -q '^# CONFIG_RANDOM_KMALLOC_CACHES is not set\|^CONFIG_RANDOM_KMALLOC_CACHES=' "$deb"; then
	nok "Debian's 6.12 amd64 config no longer names RANDOM_KMALLOC_CACHES: pick another old name"
else
	run "7.3 x86_64 from Debian's 6.12 amd64 config (old name RANDOM_KMALLOC_CACHES)" "$tree73" \
		x86_64 2415 $((nseq / 10)) 6 "$deb"
fi
