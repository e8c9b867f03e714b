#!/usr/bin/env bash
# bench-why.sh - time of `why` and `enable` on the real x86_64 6.12 tree, from its defconfig.
#
# usage: tests/bench/bench-why.sh [N]      (N symbols, default 200; KX_BUILDDIR = the build dir)
#
# The symbols are the sample of tests/why/test-plan-real (n in the defconfig, with a prompt,
# evenly spread over the tree). Two measures:
#   in process   kc_explain() and kc_plan_solve() per symbol, the tree loaded once: what the TUI
#                pays when the cursor rests on a symbol or a plan is asked for
#   command line `kexplore why SYM` and `kexplore enable SYM` wall time on the first 20 symbols,
#                tree loading (about 0.1 s) included
# Prints median and worst of each. CPU time grows with the machine's load (cache misses): for a
# figure that does not, count instructions per plan with callgrind, one dump per plan:
#   KX_SRCDIR=. KX_WHY_SAMPLE=200 KX_WHY_BENCH=1 valgrind --tool=callgrind \
#     --toggle-collect=kc_plan_solve --dump-after=kc_plan_solve tests/why/test-plan-real
# and read the "summary:" line of each callgrind.out.PID.N (N: the plan's place in the sample).
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
src=$(cd "$here/../.." && pwd)
build=${KX_BUILDDIR:-$src}
n=${1:-200}
prog=$build/tests/why/test-plan-real
kexplore=$build/kexplore
[ -x "$prog" ] || { echo "bench-why.sh: build $prog first (make tests/why/test-plan-real)" >&2; exit 1; }
[ -x "$kexplore" ] || { echo "bench-why.sh: no $kexplore (set KX_BUILDDIR)" >&2; exit 1; }
tree=$("$src/tests/lib/trees.sh" ensure 6.12)
work=$(mktemp -d "${TMPDIR:-/tmp}/kx-bench-why.XXXXXX")
trap 'rm -rf "$work"' EXIT
"$src/tests/conformance/ref.sh" 6.12 x86_64 defconfig "$work/def.config"

echo "== in process ($n symbols)"
KX_SRCDIR=$src KX_WHY_SAMPLE=$n KX_WHY_BENCH=1 "$prog" >"$work/out"
grep -E '^# (arch|symbols|plan size|time per|CPU time per)' "$work/out"

# stats FILE LABEL - median and worst of the numbers in FILE (one a line, ms)
stats() {
	sort -n "$1" | awk -v label="$2" '{ v[NR] = $1 } END {
		printf "%s: median %.0f ms, worst %.0f ms (%d runs)\n", label, v[int((NR + 1) / 2)], v[NR], NR }'
}
echo "== command line (first 20 symbols, tree loading included)"
for sym in $(sed -n 's/^# sample //p' "$work/out" | head -n 20); do
	for cmd in why enable; do
		t0=$(date +%s%N)
		"$kexplore" -q -C "$tree" --arch x86_64 --config "$work/def.config" "$cmd" "$sym" \
			>/dev/null 2>&1 || true
		echo $((($(date +%s%N) - t0) / 1000000)) >>"$work/$cmd.ms"
	done
done
stats "$work/why.ms" "kexplore why"
stats "$work/enable.ms" "kexplore enable"
