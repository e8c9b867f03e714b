#!/usr/bin/env bash
# bench-tui.sh - explorer timings on Linux 6.12 x86_64 (the full tree):
#   start: wall time from starting kexplore to its first drawn screen (the run
#          draws the main menu and quits; tree load, config read, first draw);
#   search: worst and mean time from a keystroke to the redrawn screen while an
#          incremental search is typed (every symbol and every module name of
#          the tree's Makefiles searched on each key); search_open: the time of
#          the / key itself (it reads the Makefiles for the module names);
#   why_pane: worst and mean time of a cursor move with the information pane
#          open (i): the pane starts with the short answer to why the value is
#          what it is, found again for every entry the cursor rests on.
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
printf '/\n:timing-reset\nw\ni\nr\ne\nl\ne\ns\ns\n<Backspace>\n<Backspace>\n.*l\na\nn\n<C-u>\nn\ne\nt\n:quit\n' >"$w/search"
printf '/\n:quit\n' >"$w/open"
# The Ethernet drivers in the tree mode (some 400 rows), the pane open, the
# cursor moved down 300 rows and back.
{
	printf '/^E1000E$\n<Enter>\nt\ni\n:timing-reset\n'
	for ((i = 0; i < 300; i++)); do printf '<Down>\n'; done
	for ((i = 0; i < 300; i++)); do printf '<Up>\n'; done
	printf ':quit\n'
} >"$w/why"
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
run open "$w/timing"
printf 'search_open_last_run %s ms\n' "$(awk '$1 == "worst_ms" { print $2 }' "$w/timing")"
run why "$w/timing"
printf 'why_pane_move_worst %s ms\n' "$(awk '$1 == "worst_ms" { print $2 }' "$w/timing")"
printf 'why_pane_move_mean %s ms\n' "$(awk '$1 == "mean_ms" { print $2 }' "$w/timing")"
