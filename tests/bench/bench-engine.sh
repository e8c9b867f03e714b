#!/usr/bin/env bash
# bench-engine.sh - how fast is kexplore's engine next to the kernel's conf and Kconfiglib?
#
# usage: tests/bench/bench-engine.sh      (KEXPLORE=path/to/kexplore, default ./kexplore)
#   KX_BENCH_RUNS   runs per contender, the median is shown (default 3)
#
# One job for everyone: Linux 6.12, ARCH=x86_64, olddefconfig from Debian's amd64 config.
#   conf (direct)      scripts/kconfig/conf --olddefconfig Kconfig, run as make runs it: in the O=
#                      dir, with exactly the environment make hands it (captured by a wrapper)
#   make olddefconfig  the same through make (top Makefile, arch Makefile, cc-option probes)
#   kexplore           --no-cache; with an empty $(shell) cache (cold); with a primed one (warm)
#   Kconfiglib         Debian's python3-kconfiglib (14.1) olddefconfig.py on a symlink copy of
#                      the tree whose kernel/module/Kconfig says `option modules` instead of the
#                      `modules` attribute line, which Kconfiglib 14.1 cannot parse; the cached
#                      tree is untouched
# For each: wall time, user+sys CPU (children included), peak RSS, wall time relative to conf,
# and whether the output is byte-identical to make's. Then the share of conf's CPU time spent in
# its $(shell,...) children (perf stat with and without inherited counters) and how many there
# are (strace). Not part of make check; installs time, strace, linux-perf and python3-kconfiglib.
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
# shellcheck source-path=SCRIPTDIR source=../lib/trees.sh
. "$here/../lib/trees.sh"

RUNS=${KX_BENCH_RUNS:-3}
KEXPLORE=${KEXPLORE:-./kexplore}
ARCH_=x86_64

# measure NAME OUTFILE SETUP CMD... - run CMD $RUNS times (SETUP before each, untimed), record
# the medians in $work/results and whether OUTFILE matches the reference.
measure() {
	local name=$1 out=$2 setup=$3 i same
	shift 3
	: >"$work/times"
	for ((i = 0; i < RUNS; i++)); do
		eval "$setup"
		if ! /usr/bin/time -f '%e %U %S %M' -o "$work/t" "$@" >"$work/cmd.log" 2>&1; then
			echo "bench: $name failed:" >&2
			tail -5 "$work/cmd.log" >&2
			printf '%s\t-\t-\t-\tfailed\n' "$name" >>"$work/results"
			return 0
		fi
		tail -1 "$work/t" >>"$work/times"
	done
	if cmp -s "$out" "$work/ref.config"; then
		same=identical
	else
		same="differs ($(diff "$work/ref.config" "$out" | grep -c '^[<>]' || true) lines)"
	fi
	awk -v name="$name" -v same="$same" '
		{ w[NR] = $1; c[NR] = $2 + $3; m[NR] = $4 }
		function median(a, n,   i, j, t) {
			for (i = 1; i <= n; i++) for (j = i + 1; j <= n; j++)
				if (a[j] < a[i]) { t = a[i]; a[i] = a[j]; a[j] = t }
			return a[int((n + 1) / 2)]
		}
		END { printf "%s\t%.3f\t%.3f\t%.1f\t%s\n", name, median(w, NR), median(c, NR),
			median(m, NR) / 1024, same }' "$work/times" >>"$work/results"
}

# capture_conf_env - run make olddefconfig once with a wrapper in place of conf that saves the
# environment and arguments make gives conf; fills conf_env and conf_args.
capture_conf_env() {
	local o=$work/o
	mkdir -p "$o"
	cp -a "$confdir/scripts" "$o/"
	mv "$o/scripts/kconfig/conf" "$o/scripts/kconfig/conf.real"
	cat >"$o/scripts/kconfig/conf" <<-EOF
		#!/bin/sh
		env -0 >"$work/conf.env"
		printf '%s\0' "\$@" >"$work/conf.args"
		pwd >"$work/conf.cwd"
		exec "$o/scripts/kconfig/conf.real" "\$@"
	EOF
	chmod +x "$o/scripts/kconfig/conf"
	touch -r "$o/scripts/kconfig/conf.real" "$o/scripts/kconfig/conf"
	cp "$cfg" "$o/.config"
	env -u KCONFIG_CONFIG -u CROSS_COMPILE -u CC -u LD -u LLVM -u ARCH \
		make -s -C "$tree" O="$o" ARCH="$ARCH_" olddefconfig >"$work/capture.log" 2>&1 ||
		{ cat "$work/capture.log" >&2; kx_die "make olddefconfig failed"; }
	[ -s "$work/conf.env" ] || kx_die "the conf wrapper did not run"
	mapfile -d '' -t conf_env <"$work/conf.env"
	mapfile -d '' -t conf_args <"$work/conf.args"
	mv "$o/scripts/kconfig/conf.real" "$o/scripts/kconfig/conf"
}

# kconfiglib_tree - a symlink copy of the tree that Kconfiglib 14.1 can parse.
kconfiglib_tree() {
	local farm=$work/kconfiglib-tree f=kernel/module/Kconfig
	cp -as "$tree" "$farm"
	rm "$farm/$f"
	sed 's/^\([[:space:]]*\)modules[[:space:]]*$/\1option modules/' "$tree/$f" >"$farm/$f"
	grep -q 'option modules' "$farm/$f" || kx_die "no modules line found in $f"
	printf '%s\n' "$farm"
}

main() {
	kx_apt_install time strace linux-perf python3-kconfiglib make gcc flex bison bc
	case $KEXPLORE in */*) ;; *) KEXPLORE=./$KEXPLORE ;; esac
	[ -x "$KEXPLORE" ] || kx_die "kexplore not found at $KEXPLORE (set KEXPLORE)"
	tree=$(kx_tree_ensure 6.12)
	confdir=$(kx_conf_ensure 6.12)
	kx_configs_ensure >/dev/null
	cfg=$KX_CACHE/configs/6.12/config.amd64_none_amd64
	work=$(mktemp -d "${TMPDIR:-/tmp}/kx-bench.XXXXXX")
	if [ -n "${KX_BENCH_KEEP:-}" ]; then
		echo "bench: work files kept in $work" >&2
	else
		# shellcheck disable=SC2064 # expand now
		trap "rm -rf '$work'" EXIT
	fi
	"$here/../conformance/ref.sh" "$tree" "$ARCH_" olddefconfig "$cfg" "$work/ref.config"
	: >"$work/results"

	echo "bench: Linux $(kx_make_version "$tree") ARCH=$ARCH_ olddefconfig from ${cfg##*/}, $RUNS runs each, median" >&2
	capture_conf_env
	local o=$work/o
	# shellcheck disable=SC2016 # run by the inner bash
	local in_dir='cd "$1" && shift && exec env -i "$@"'
	# conf as make runs it: cwd is the O= dir, the environment is make's.
	measure "conf (direct)" "$o/.config" "cp '$cfg' '$o/.config'" \
		bash -c "$in_dir" _ "$o" "${conf_env[@]}" \
		"$o/scripts/kconfig/conf" "${conf_args[@]}"

	mkdir -p "$work/m"
	cp -a "$confdir/scripts" "$work/m/"
	measure "make olddefconfig" "$work/m/.config" "cp '$cfg' '$work/m/.config'" \
		env -u KCONFIG_CONFIG -u CROSS_COMPILE -u CC -u LD -u LLVM -u ARCH \
		make -s -C "$tree" O="$work/m" ARCH="$ARCH_" olddefconfig

	local kx=("$KEXPLORE" -C "$tree" --arch "$ARCH_" --config "$cfg" olddefconfig -o "$work/kx.config")
	measure "kexplore --no-cache" "$work/kx.config" ":" \
		env KEXPLORE_CACHE="$work/kxcache" "${kx[0]}" --no-cache "${kx[@]:1}"
	measure "kexplore cold cache" "$work/kx.config" "rm -rf '$work/kxcache'" \
		env KEXPLORE_CACHE="$work/kxcache" "${kx[@]}"
	measure "kexplore warm cache" "$work/kx.config" ":" \
		env KEXPLORE_CACHE="$work/kxcache" "${kx[@]}"

	local farm kenv=()
	farm=$(kconfiglib_tree)
	mkdir -p "$work/k"
	local e
	for e in "${conf_env[@]}"; do
		case $e in srctree=* | KCONFIG_CONFIG=*) ;; *) kenv+=("$e") ;; esac
	done
	measure "Kconfiglib 14.1" "$work/k/.config" "cp '$cfg' '$work/k/.config'" \
		bash -c "$in_dir" _ "$work/k" "${kenv[@]}" \
		srctree="$farm" KCONFIG_CONFIG="$work/k/.config" \
		/usr/bin/python3 /usr/lib/python3/dist-packages/olddefconfig.py Kconfig

	report
	shell_share
}

report() {
	local conf_wall
	conf_wall=$(awk -F'\t' '$1 == "conf (direct)" { print $2 }' "$work/results")
	printf '%-22s %9s %12s %13s %9s  %s\n' "" "wall (s)" "user+sys (s)" "peak RSS (MB)" "vs conf" output
	awk -F'\t' -v base="$conf_wall" '{
		ratio = ($2 != "-" && base > 0) ? sprintf("%.2fx", $2 / base) : "-"
		printf "%-22s %9s %12s %13s %9s  %s\n", $1, $2, $3, $4, ratio, $5
	}' "$work/results"
	echo "(peak RSS is that of the largest process in the tree: the compiler probes of"
	echo " \$(cc-option,...) reach ~56 MB; a warm kexplore starts none, so it shows its own)"
}

# shell_share - CPU time conf spends in its $(shell,...) children, and how many it starts.
shell_share() {
	local o=$work/o total self n
	cp "$cfg" "$o/.config"
	(cd "$o" && env -i "${conf_env[@]}" perf stat -x, -e task-clock -o "$work/perf.all" \
		"$o/scripts/kconfig/conf" "${conf_args[@]}") >/dev/null 2>&1 || true
	cp "$cfg" "$o/.config"
	(cd "$o" && env -i "${conf_env[@]}" perf stat -x, -i -e task-clock -o "$work/perf.self" \
		"$o/scripts/kconfig/conf" "${conf_args[@]}") >/dev/null 2>&1 || true
	total=$(awk -F, '$3 == "task-clock" { print $1 }' "$work/perf.all" 2>/dev/null)
	self=$(awk -F, '$3 == "task-clock" { print $1 }' "$work/perf.self" 2>/dev/null)
	cp "$cfg" "$o/.config"
	(cd "$o" && env -i "${conf_env[@]}" strace -f -qq -e trace=execve -e signal=none \
		-o "$work/strace" "$o/scripts/kconfig/conf" "${conf_args[@]}") >/dev/null 2>&1 || true
	n=$(grep -c 'execve("/bin/sh"' "$work/strace" 2>/dev/null || echo 0)
	if [ -n "$total" ] && [ -n "$self" ]; then
		awk -v t="$total" -v s="$self" -v n="$n" 'BEGIN {
			printf "conf: %d $(shell,...) children (sh -c) took %.0f ms of %.0f ms CPU (%.0f%%); conf itself %.0f ms\n",
				n, t - s, t, 100 * (t - s) / t, s }'
	else
		echo "conf: $n \$(shell,...) children (sh -c); perf stat unavailable, no CPU split"
	fi
}

main "$@"
