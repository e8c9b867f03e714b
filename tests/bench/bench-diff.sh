#!/usr/bin/env bash
# bench-diff.sh - how long and how much memory a 3-way `kexplore diff` of full distro configs takes.
#
# usage: tests/bench/bench-diff.sh      (KEXPLORE=path/to/kexplore, default ./kexplore)
#   KX_BENCH_RUNS   runs per measurement, the median is shown (default 3)
#
# Linux 6.12, ARCH=x86_64, Debian's three amd64 configs as shipped (.xz): amd64, cloud-amd64 and
# rt-amd64. Measured with /usr/bin/time (wall, user+sys CPU, peak RSS):
#   load only          `kexplore info` with the amd64 config (decompressed): tree + one
#                      config, the floor
#   diff 2-way         amd64 vs cloud-amd64, text
#   diff 3-way         all three, text / --json / --choices-only / --stats
#   the kernel's way   three `make olddefconfig` (fresh O= dirs, prebuilt conf) and
#                      scripts/diffconfig on the three pairs: values only, no meaning, no menus
# The $(shell,...) cache is warm for kexplore (run once first), as it is after any first use.
# Not part of make check.
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
# shellcheck source-path=SCRIPTDIR source=../lib/trees.sh
. "$here/../lib/trees.sh"

RUNS=${KX_BENCH_RUNS:-3}
KEXPLORE=${KEXPLORE:-./kexplore}
[ -x /usr/bin/time ] || kx_apt_install time
tree=$(kx_tree_ensure 6.12)
confdir=$(kx_conf_ensure 6.12)
debdir=/usr/src/linux-config-6.12
[ -d "$debdir" ] || kx_apt_install linux-config-6.12
configs=("$debdir/config.amd64_none_amd64.xz" "$debdir/config.amd64_none_cloud-amd64.xz"
	"$debdir/config.amd64_rt_amd64.xz")
for f in "${configs[@]}"; do
	[ -e "$f" ] || kx_die "$f is missing"
done
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
: >"$work/results"

# measure NAME CMD... - run CMD $RUNS times, record the medians.
measure() {
	local name=$1 i
	shift
	: >"$work/times"
	for ((i = 0; i < RUNS; i++)); do
		if ! /usr/bin/time -f '%e %U %S %M' -o "$work/t" "$@" >"$work/out" 2>"$work/err"; then
			echo "bench: $name failed:" >&2
			tail -5 "$work/err" >&2
			return 1
		fi
		tail -1 "$work/t" >>"$work/times"
	done
	awk -v name="$name" -v lines="$(wc -l <"$work/out")" '
		{ w[NR] = $1; c[NR] = $2 + $3; m[NR] = $4 }
		function median(a, n,   i, j, t) {
			for (i = 1; i <= n; i++) for (j = i + 1; j <= n; j++)
				if (a[j] < a[i]) { t = a[i]; a[i] = a[j]; a[j] = t }
			return a[int((n + 1) / 2)]
		}
		END { printf "%-40s %8.3f %8.3f %9.1f %9d\n", name, median(w, NR), median(c, NR),
			median(m, NR) / 1024, lines }' "$work/times" >>"$work/results"
}

# kx ARGS... - the kexplore command line, as words for /usr/bin/time (it cannot run a function).
kx=(env -u KCONFIG_CONFIG -u ARCH -u srctree "$KEXPLORE" -q -C "$tree" --arch x86_64)

# The kernel's route, as one command: olddefconfig each config in its own O= dir, diff the pairs.
kernel_route() {
	local i s configs
	read -ra configs <<<"$KX_CONFIGS"
	for i in 0 1 2; do
		s=$work/o$i
		rm -rf "$s"
		mkdir -p "$s"
		cp -a "$confdir/scripts" "$s/"
		xz -dc "${configs[$i]}" >"$s/.config"
		env -u KCONFIG_CONFIG -u ARCH -u SRCARCH -u CROSS_COMPILE -u CC -u LD -u O \
			-u MAKEFLAGS -u MAKELEVEL -u MFLAGS \
			make -s -C "$tree" O="$s" ARCH=x86_64 olddefconfig </dev/null >/dev/null 2>&1
	done
	python3 "$tree/scripts/diffconfig" "$work/o0/.config" "$work/o1/.config"
	python3 "$tree/scripts/diffconfig" "$work/o0/.config" "$work/o2/.config"
	python3 "$tree/scripts/diffconfig" "$work/o1/.config" "$work/o2/.config"
}
export -f kernel_route
export work confdir tree
export KX_CONFIGS="${configs[*]}"

xz -dc "${configs[0]}" >"$work/amd64.config" # the engine's own reader takes plain and gzip
"${kx[@]}" --config "$work/amd64.config" info >/dev/null 2>&1 || true # warm the $(shell,...) cache
measure "load only (info)" "${kx[@]}" --config "$work/amd64.config" info
measure "diff 2-way" "${kx[@]}" diff "${configs[0]}" "${configs[1]}"
measure "diff 3-way" "${kx[@]}" diff "${configs[@]}"
measure "diff 3-way --json" "${kx[@]}" diff "${configs[@]}" --json
measure "diff 3-way --choices-only" "${kx[@]}" diff "${configs[@]}" --choices-only
measure "diff 3-way --stats" "${kx[@]}" diff "${configs[@]}" --stats
measure "kernel: 3 olddefconfig + diffconfig x3" \
	bash -c kernel_route 2>/dev/null ||
	echo "kernel route failed (see above)" >&2

"${kx[@]}" diff "${configs[@]}" --stats | head -3
echo
printf '%-40s %8s %8s %9s %9s\n' "" "wall s" "cpu s" "peak MB" "lines"
cat "$work/results"
echo
echo "Linux $(kx_make_version "$tree"), ARCH=x86_64, medians of $RUNS runs; $(nproc) CPUs," \
	"$(uname -m), kexplore $("$KEXPLORE" --help >/dev/null 2>&1 && echo "$KEXPLORE")"
