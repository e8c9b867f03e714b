#!/usr/bin/env bash
# bench-tui.sh - explorer timings on Linux 6.12 x86_64 (the full tree):
#   start: wall time from starting kexplore to its first drawn screen (the run
#          draws the main menu and quits; tree load, config read, first draw);
#   search: worst and mean time from a keystroke to the redrawn screen while an
#          incremental search is typed (every symbol searched on each key).
# usage: tests/tui/bench-tui.sh [RUNS]    (default 5; prints "name value unit" lines)
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
top=$(cd "$here/../.." && pwd)
KEXPLORE=${KEXPLORE:-$top/kexplore}
runs=${1:-5}
tree=$("$top/tests/lib/trees.sh" ensure 6.12)
w=$(mktemp -d)
trap 'rm -rf "$w"' EXIT
: >"$w/.config"
printf ':quit\n' >"$w/start"
# Typed one key at a time: each key re-runs the search over every symbol.
printf '/\nw\ni\nr\ne\nl\ne\ns\ns\n<Backspace>\n<Backspace>\n.*l\na\nn\n<C-u>\nn\ne\nt\n:quit\n' >"$w/search"
run() {	# run SCRIPT [TIMING]
	(cd "$w" && env HOME="$w" TERM=xterm LANG=C.UTF-8 LINES=24 COLUMNS=80 \
		KEXPLORE_SCRIPT="$w/$1" ${2:+KEXPLORE_TIMING="$2"} \
		"$KEXPLORE" -C "$tree" --arch x86_64 --config .config)
}
best=''
for ((i = 0; i < runs; i++)); do
	t0=$(date +%s.%N)
	run start
	t=$(echo "$(date +%s.%N) - $t0" | bc)
	if [ -z "$best" ] || [ "$(echo "$t < $best" | bc)" = 1 ]; then best=$t; fi
done
printf 'start_to_first_screen_best %.1f ms\n' "$(echo "$best * 1000" | bc)"
worst=0
for ((i = 0; i < runs; i++)); do
	run search "$w/timing"
	t=$(awk '$1 == "worst_ms" { print $2 }' "$w/timing")
	if [ "$(echo "$t > $worst" | bc)" = 1 ]; then worst=$t; fi
	mean=$(awk '$1 == "mean_ms" { print $2 }' "$w/timing")
done
printf 'search_keystroke_worst %s ms\n' "$worst"
printf 'search_keystroke_mean_last_run %s ms\n' "$mean"
