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
#   edits (issue 14, "the explorer never waits"): from Debian's amd64 config and from the
#          kernel's x86_64 defconfig result, the time from a keystroke that changes a value to
#          the redrawn screen, worst and mean over the keys of each kind: y/n/m on three entries
#          (E1000E, USB_STORAGE, BTRFS_FS), a choice changed (Timer frequency, Preemption
#          Model), n then y on a symbol many others read (MODULES, PCI); and a save (S and its
#          confirmation: the config and the minimal diff .config.fragment written). Each kind
#          runs RUNS times; the set-up keys before :timing-reset are not counted.
#          The reference, in the same run: what the kernel's tools pay for one change. conf
#          evaluates the whole tree again (mconf after a change, conf at every olddefconfig):
#          the prebuilt conf of `tests/lib/trees.sh conf 6.12` runs --olddefconfig on the same
#          config with the environment make gives it (captured once from `make olddefconfig`
#          through a wrapper), best of RUNS; the ratio is conf's time over kexplore's.
#   tmux:  mconf (built and run by `make menuconfig`) and kexplore in tmux on Debian's config,
#          y n m y m on E1000E, from send-keys until capture-pane shows the new value: the same
#          outside measurement for both, tmux's delay and one poll included (tmux_poll).
# Last run (2026-12-03, `bench-tui.sh 5 edits` and `5 tmux`, load average 13-15 on 2 cores, so
# inflated; README "Incremental evaluation" has the table): from Debian's amd64 config, entries
# 197/94 ms (worst/mean), choice 192/158, MODULES and PCI 210/139, save 674/296, against conf
# --olddefconfig 13.7 s (69x the worst entry key, 20x the worst save); from the defconfig 149/67,
# 148/118, 227/115, 631/225 against 12.9 s. Under tmux on E1000E: mconf 223/197 ms, kexplore
# 201/156 ms, one poll 21 ms.
# usage: tests/tui/bench-tui.sh [RUNS] [PART]   (RUNS default 5; PART all (default), start,
#        search, why, edits or tmux; prints "name value unit" lines)
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
top=$(cd "$here/../.." && pwd)
KEXPLORE=${KEXPLORE:-$top/kexplore}
runs=${1:-5}
part=${2:-all}
tree=$("$top/tests/lib/trees.sh" ensure 6.12)
w=$(mktemp -d)
trap 'rm -rf "$w"' EXIT
die() {
	echo "bench-tui.sh: $*" >&2
	exit 1
}
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
bench_start() {
	local best='' t i
	for ((i = 0; i < runs; i++)); do
		t0=$(date +%s.%N)
		run start
		t=$(echo "$(date +%s.%N) - $t0" | bc)
		if [ -z "$best" ] || [ "$(echo "$t < $best" | bc)" = 1 ]; then best=$t; fi
	done
	printf 'start_to_first_screen_best %.1f ms\n' "$(echo "$best * 1000" | bc)"
}

bench_search() {
	local worst=0 mean='' t i
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
}

bench_why() {
	run why "$w/timing"
	printf 'why_pane_move_worst %s ms\n' "$(awk '$1 == "worst_ms" { print $2 }' "$w/timing")"
	printf 'why_pane_move_mean %s ms\n' "$(awk '$1 == "mean_ms" { print $2 }' "$w/timing")"
}

# edit_script KIND - the keys of one kind of edit on stdout (set-up, :timing-reset, measured keys)
edit_script() {
	local sym
	case $1 in
	entries)
		for sym in E1000E USB_STORAGE BTRFS_FS; do
			printf '/^%s$\n<Enter>\n:timing-reset\ny\nn\nm\n' "$sym"
			# leave the measured keys out of the next set-up: a new run per entry
			printf ':timing-save\n'
		done ;;
	choice)
		# the choice list opens on the selected entry; <Up> and y pick the one above it
		for sym in HZ_100 PREEMPT_NONE; do
			printf '/^%s$\n<Enter>\n<Enter>\n<Up>\n:timing-reset\ny\n:timing-save\n' "$sym"
		done ;;
	hubs)
		for sym in MODULES PCI; do
			printf '/^%s$\n<Enter>\n:timing-reset\nn\ny\n:timing-save\n' "$sym"
		done ;;
	save)
		# E1000E is m in Debian's config and y in the defconfig: n changes both
		printf '/^E1000E$\n<Enter>\nn\n:timing-reset\nS\n<Enter>\n:timing-save\n' ;;
	esac
}

# edit_kind START KIND - run each part of KIND's script (split at :timing-save) RUNS times on a
# copy of START; prints "worst mean" over all measured keys
edit_kind() {
	local start=$1 kind=$2 i part keys=0 worst=0 total=0 k wo me
	edit_script "$kind" | awk -v d="$w" '{ print > (d "/part." n) } /^:timing-save$/ { n++ }'
	for part in "$w"/part.*; do
		sed -i "s|^:timing-save\$|:save-display $w/after.screen\\n:quit|" "$part"
		for ((i = 0; i < runs; i++)); do
			cp "$start" "$w/.config"
			# no recovery journal from the run before (its dialog would take the keys)
			rm -rf "$w/.config.old" "$w/.config.fragment" "$w/timing" "$w/after.screen" \
				"$w/.local/state/kexplore/recovery"
			run "${part##*/}" "$w/timing"
			# the keys changed values (the status line counts them) or saved
			tail -1 "$w/after.screen" | grep -q '[1-9][0-9]* unsaved\|^Saved ' ||
				die "edits $kind: the keys of ${part##*/} changed nothing: $(tail -1 "$w/after.screen")"
			read -r k wo me < <(awk '{ v[$1] = $2 } END { print v["keys"], v["worst_ms"], v["mean_ms"] }' \
				"$w/timing")
			[ "${k:-0}" -gt 0 ] || die "edits $kind: no key measured (${part##*/})"
			keys=$((keys + k))
			total=$(echo "$total + $k * $me" | bc)
			if [ "$(echo "$wo > $worst" | bc)" = 1 ]; then worst=$wo; fi
		done
		if [ "$kind" = save ] && [ ! -s "$w/.config.fragment" ]; then
			die "edits save: no .config.fragment written"
		fi
		rm -f "$part"
	done
	printf '%s %.3f\n' "$worst" "$(echo "scale=3; $total / $keys" | bc)"
}

# conf_env - the environment make gives conf, captured once through a wrapper, in $w/conf.env
conf_env() {
	local s=$w/confscratch
	rm -rf "$s" && mkdir -p "$s"
	cp -a "$confdir/scripts" "$s/"
	mv "$s/scripts/kconfig/conf" "$s/scripts/kconfig/conf.real"
	printf '#!/bin/sh\nenv -0 >"%s/conf.env"\nexec "%s/scripts/kconfig/conf.real" "$@"\n' "$w" "$s" \
		>"$s/scripts/kconfig/conf"
	chmod +x "$s/scripts/kconfig/conf"
	cp "$1" "$s/.config"
	env -u MAKEFLAGS -u MAKELEVEL -u KCONFIG_CONFIG -u ARCH -u SRCARCH -u CC -u LD \
		make -s -C "$tree" O="$s" ARCH=x86_64 olddefconfig </dev/null >/dev/null
	[ -s "$w/conf.env" ] || die "make olddefconfig did not run conf"
	mv "$s/scripts/kconfig/conf.real" "$s/scripts/kconfig/conf"
}

# conf_olddefconfig START - best wall time in ms of the kernel's conf --olddefconfig on START
conf_olddefconfig() {
	local s=$w/confscratch best='' t i
	local -a envs
	mapfile -d '' envs <"$w/conf.env"
	for ((i = 0; i < runs; i++)); do
		cp "$1" "$s/.config"
		t0=$(date +%s.%N)
		(cd "$s" && env -i "${envs[@]}" ./scripts/kconfig/conf -s --olddefconfig Kconfig) \
			</dev/null >/dev/null
		t=$(echo "($(date +%s.%N) - $t0) * 1000" | bc)
		if [ -z "$best" ] || [ "$(echo "$t < $best" | bc)" = 1 ]; then best=$t; fi
	done
	printf '%.1f\n' "$best"
}

bench_edits() {
	local start kind name worst mean ref
	confdir=$("$top/tests/lib/trees.sh" conf 6.12)
	"$top/tests/lib/trees.sh" configs >"$w/configs"
	xz -dcf "$(grep '/6.12/config.amd64_none_amd64$' "$w/configs")" >"$w/start.debian" 2>/dev/null ||
		cp "$(grep '/6.12/config.amd64_none_amd64$' "$w/configs")" "$w/start.debian"
	"$top/tests/conformance/ref.sh" 6.12 x86_64 defconfig "$w/start.defconfig" >/dev/null
	conf_env "$w/start.debian"
	for name in debian defconfig; do
		start=$w/start.$name
		ref=$(conf_olddefconfig "$start")
		printf 'conf_olddefconfig_%s %s ms\n' "$name" "$ref"
		for kind in entries choice hubs save; do
			read -r worst mean < <(edit_kind "$start" "$kind")
			printf 'edit_%s_%s_worst %s ms\n' "$kind" "$name" "$worst"
			printf 'edit_%s_%s_mean %s ms\n' "$kind" "$name" "$mean"
			printf 'ratio_conf_over_edit_%s_%s_worst %.0f\n' "$kind" "$name" \
				"$(echo "$ref / $worst" | bc -l)"
			printf 'ratio_conf_over_edit_%s_%s_mean %.0f\n' "$kind" "$name" \
				"$(echo "$ref / $mean" | bc -l)"
		done
	done
}

# ---- keystroke to screen under tmux, mconf and kexplore measured the same way ----
# mconf has no timing hook: a key goes in with send-keys and capture-pane is polled until the
# row shows the new value. That adds tmux's own delay and one poll (printed as tmux_poll) to
# each figure, for both programs alike.
tm() { tmux -L "kx-bench-$$" "$@"; }
# tm_wait REGEX [TENTHS] - until the pane shows a line matching REGEX
tm_wait() {
	local i
	for ((i = 0; i < ${2:-600}; i++)); do
		tm capture-pane -p -t b | grep -qE -- "$1" && return 0
		sleep 0.1
	done
	die "tmux: no '$1' on the screen: $(tm capture-pane -p -t b | head -3)"
}
# tm_type TEXT - one key at a time, as a person types (a search box redraws between keys)
tm_type() {
	local i
	for ((i = 0; i < ${#1}; i++)); do
		tm send-keys -t b -l "${1:i:1}"
		sleep 0.2
	done
}
# tm_key KEY REGEX - ms from sending KEY until a line matches REGEX
tm_key() {
	local t0 t1 i
	t0=$(date +%s%N)
	tm send-keys -t b "$1"
	for ((i = 0; i < 3000; i++)); do
		tm capture-pane -p -t b | grep -qE -- "$2" && break
	done
	[ "$i" -lt 3000 ] || die "tmux: key $1 never showed '$2'"
	t1=$(date +%s%N)
	echo "scale=1; ($t1 - $t0) / 1000000" | bc
}
# tm_keys PROMPT-REGEX - y n m y m on the row of PROMPT-REGEX; prints "worst mean"
tm_keys() {
	local k re t worst=0 sum=0 n=0
	for k in y n m y m; do
		case $k in y) re='<\*>' ;; n) re='< >' ;; m) re='<M>' ;; esac
		t=$(tm_key "$k" "$re +$1")
		sum=$(echo "$sum + $t" | bc)
		n=$((n + 1))
		if [ "$(echo "$t > $worst" | bc)" = 1 ]; then worst=$t; fi
	done
	printf '%s %.1f\n' "$worst" "$(echo "scale=2; $sum / $n" | bc)"
}

bench_tmux() {
	local s=$w/mconf prompt='Intel\(R\) PRO/1000 PCI-Express' t0 t1 i worst mean
	command -v tmux >/dev/null || { echo "tmux_skipped (tmux not installed)"; return 0; }
	confdir=$("$top/tests/lib/trees.sh" conf 6.12)
	"$top/tests/lib/trees.sh" configs >"$w/configs"
	rm -rf "$s" && mkdir -p "$s"
	cp -a "$confdir/scripts" "$s/"
	xz -dcf "$(grep '/6.12/config.amd64_none_amd64$' "$w/configs")" >"$s/.config"
	trap 'tm kill-server 2>/dev/null; rm -rf "$w"' EXIT
	# make menuconfig builds mconf (once) and runs it, as a user would
	tm new-session -d -s b -x 80 -y 24 "env -u MAKEFLAGS -u MAKELEVEL -u KCONFIG_CONFIG \
		-u ARCH TERM=xterm-256color make -s -C '$tree' O='$s' ARCH=x86_64 menuconfig"
	tm_wait 'General setup' 3000
	t0=$(date +%s%N)
	for ((i = 0; i < 20; i++)); do tm capture-pane -p -t b | grep -qE zzzz || true; done
	t1=$(date +%s%N)
	printf 'tmux_poll %.1f ms\n' "$(echo "scale=2; ($t1 - $t0) / 20000000" | bc)"
	# mconf's search, then (1): the entry in its menu
	tm send-keys -t b /
	tm_wait 'Search Configuration'
	tm_type '^E1000E$'
	tm send-keys -t b Enter
	tm_wait 'Search Results'
	tm send-keys -t b 1
	tm_wait "<.> +$prompt"
	read -r worst mean < <(tm_keys "$prompt")
	printf 'mconf_tmux_entry_worst %s ms\nmconf_tmux_entry_mean %s ms\n' "$worst" "$mean"
	tm kill-server
	sleep 1	# a new server on the same socket while the old one ends fails
	cp "$w/start.debian" "$w/.config" 2>/dev/null ||
		xz -dcf "$(grep '/6.12/config.amd64_none_amd64$' "$w/configs")" >"$w/.config"
	rm -rf "$w/.local/state/kexplore/recovery"
	tm new-session -d -s b -x 80 -y 24 "cd '$w' && env HOME='$w' TERM=xterm-256color \
		LANG=C.UTF-8 '$KEXPLORE' -C '$tree' --arch x86_64 --config .config"
	tm_wait 'General setup' 3000
	tm send-keys -t b /
	tm_wait 'Search all'
	tm_type '^E1000E$'
	tm_wait 'Search all: \^E1000E\$.* 1/1'
	tm send-keys -t b Enter
	tm_wait "<.> +$prompt"
	read -r worst mean < <(tm_keys "$prompt")
	printf 'kexplore_tmux_entry_worst %s ms\nkexplore_tmux_entry_mean %s ms\n' "$worst" "$mean"
	tm kill-server
}

case $part in
all) bench_start; bench_search; bench_why; bench_edits; bench_tmux ;;
start | search | why | edits | tmux) "bench_$part" ;;
*) echo "bench-tui.sh: unknown part '$part'" >&2; exit 2 ;;
esac
