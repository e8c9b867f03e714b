#!/usr/bin/env bash
# bench-mindiff.sh - how long and how much memory `kexplore mindiff` takes on whole distro configs,
# beside kexplore's own savedefconfig and the kernel's savedefconfig of the same config.
#
# usage: tests/bench/bench-mindiff.sh     (KEXPLORE=path/to/kexplore, default ./kexplore)
#   KX_BENCH_RUNS   runs per measurement, the median is shown (default 1: one run)
#
# Linux 6.12, ARCH=x86_64, Debian's amd64, cloud-amd64 and rt-amd64 configs. Minimal diffs:
#   TARGET from defconfig   the target config (--config) against the x86_64 defconfig as the
#                           kernel's `make defconfig` writes it (--base)
#   TARGET from BASE        the three configs against each other
# and for each target config, its savedefconfig by kexplore and by the kernel (`make savedefconfig`
# in a fresh O= dir with the prebuilt conf: make's own start and conf's toolchain probes included).
# Linux 6.1 x86_64 (Debian bookworm's kernel: legacy choices, incremental since issue 14):
# Debian's 6.1 amd64 config, its mindiff from the 6.1 defconfig beside the two savedefconfigs.
# Measured with tests/bench/rusage.c (wait4: wall and user+sys CPU in microseconds, peak RSS;
# /usr/bin/time counted CPU in hundredths of a second, too coarse for runs of 0.07 s); ratios are
# mindiff over kexplore's savedefconfig of the same target. The $(shell,...) cache is warm for
# kexplore (run once first). Not part of make check (no timing is asserted anywhere). Under load
# mindiff's walks over the whole tree cost more in cache misses than savedefconfig's; callgrind's
# instruction counts of the same two commands give a ratio load does not change.
# Last run (2026-12-03, quiet machine, KX_BENCH_RUNS=5): CPU ratios 1.39-1.60x on 6.12, 1.86x on
# 6.1; memory 1.18-1.23x (README, "Incremental evaluation").
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
# shellcheck source-path=SCRIPTDIR source=../lib/trees.sh
. "$here/../lib/trees.sh"

RUNS=${KX_BENCH_RUNS:-1}
KEXPLORE=${KEXPLORE:-./kexplore}
tree=$(kx_tree_ensure 6.12)
confdir=$(kx_conf_ensure 6.12)
debdir=/usr/src/linux-config-6.12
[ -d "$debdir" ] || kx_apt_install linux-config-6.12
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
${CC:-cc} -O1 -o "$work/rusage" "$here/rusage.c" || kx_die "cannot build tests/bench/rusage.c"
names=(amd64 cloud rt)
files=(config.amd64_none_amd64 config.amd64_none_cloud-amd64 config.amd64_rt_amd64)
for i in 0 1 2; do
	[ -e "$debdir/${files[$i]}.xz" ] || kx_die "$debdir/${files[$i]}.xz is missing"
	xz -dc "$debdir/${files[$i]}.xz" >"$work/${names[$i]}.config"
done
bash "$here/../conformance/ref.sh" 6.12 x86_64 defconfig "$work/defconfig.config"

# measure NAME CMD... - run CMD $RUNS times; print "wall cpu rssKB lines" (medians) for NAME.
measure() {
	local name=$1 i
	shift
	: >"$work/times"
	for ((i = 0; i < RUNS; i++)); do
		if ! "$work/rusage" "$work/t" "$@" >"$work/out" 2>"$work/err"; then
			echo "bench: $name failed:" >&2
			tail -5 "$work/err" >&2
			return 1
		fi
		tail -1 "$work/t" >>"$work/times"
	done
	awk -v lines="$(grep -c '^CONFIG_\|^# CONFIG_' "$work/out" || true)" '
		{ w[NR] = $1; c[NR] = $2 + $3; m[NR] = $4 }
		function median(a, n,   i, j, t) {
			for (i = 1; i <= n; i++) for (j = i + 1; j <= n; j++)
				if (a[j] < a[i]) { t = a[i]; a[i] = a[j]; a[j] = t }
			return a[int((n + 1) / 2)]
		}
		END { printf "%.4f %.4f %d %d\n", median(w, NR), median(c, NR), median(m, NR), lines }' \
		"$work/times" >"$work/m.$name"
}

kx=(env -u KCONFIG_CONFIG -u ARCH -u srctree "$KEXPLORE" -q -C "$tree" --arch x86_64)

# The kernel's savedefconfig of one config, as one command (TREE and CONFDIR: 6.12's by default).
kernel_savedefconfig() {
	local s=$work/o t=${2:-$tree} c=${3:-$confdir}
	rm -rf "$s"
	mkdir -p "$s"
	cp -a "$c/scripts" "$s/"
	cp "$1" "$s/.config"
	env -u KCONFIG_CONFIG -u ARCH -u SRCARCH -u CROSS_COMPILE -u CC -u LD -u O \
		-u MAKEFLAGS -u MAKELEVEL -u MFLAGS \
		make -s -C "$t" O="$s" ARCH=x86_64 savedefconfig </dev/null >/dev/null 2>&1
	cat "$s/defconfig"
}
export -f kernel_savedefconfig
export work confdir tree

"${kx[@]}" --config "$work/amd64.config" info >/dev/null 2>&1 || true # warm the $(shell,...) cache
for t in amd64 cloud rt; do
	measure "sdc-kx-$t" "${kx[@]}" --config "$work/$t.config" savedefconfig -o -
	measure "sdc-conf-$t" bash -c "kernel_savedefconfig $work/$t.config"
done
pairs=("amd64 defconfig" "cloud defconfig" "rt defconfig" "cloud amd64" "rt amd64" "amd64 cloud"
	"rt cloud")
for p in "${pairs[@]}"; do
	read -r t b <<<"$p"
	measure "md-$t-$b" "${kx[@]}" --config "$work/$t.config" mindiff --base "$work/$b.config"
done

# 6.1: Debian's amd64 config from the defconfig
tree61=$(kx_tree_ensure 6.1)
confdir61=$(kx_conf_ensure 6.1)
debdir61=/usr/src/linux-config-6.1
[ -d "$debdir61" ] || kx_apt_install linux-config-6.1
xz -dc "$debdir61/config.amd64_none_amd64.xz" >"$work/amd64-61.config"
bash "$here/../conformance/ref.sh" 6.1 x86_64 defconfig "$work/defconfig-61.config"
export tree61 confdir61
kx61=(env -u KCONFIG_CONFIG -u ARCH -u srctree "$KEXPLORE" -q -C "$tree61" --arch x86_64)
"${kx61[@]}" --config "$work/amd64-61.config" info >/dev/null 2>&1 || true
measure sdc-kx-61 "${kx61[@]}" --config "$work/amd64-61.config" savedefconfig -o -
measure sdc-conf-61 bash -c "kernel_savedefconfig $work/amd64-61.config \$tree61 \$confdir61"
measure md-61 "${kx61[@]}" --config "$work/amd64-61.config" mindiff \
	--base "$work/defconfig-61.config"

row() { # LABEL FILE [RATIO-BASE-FILE]
	local w c m l
	read -r w c m l <"$work/m.$2"
	printf '%-34s %7.3f %7.3f %8.1f %6s' "$1" "$w" "$c" "$((m / 1024)).$((m % 1024 * 10 / 1024))" "$l"
	if [ -n "${3:-}" ]; then
		local w2 c2 m2 l2
		read -r w2 c2 m2 l2 <"$work/m.$3"
		awk -v w="$w" -v c="$c" -v m="$m" -v w2="$w2" -v c2="$c2" -v m2="$m2" \
			'BEGIN { printf "   %5.2fx %5.2fx %5.2fx", w / w2, (c2 > 0 ? c / c2 : 0), m / m2 }'
	fi
	echo
}
printf '%-34s %7s %7s %8s %6s   %6s %6s %6s\n' "" "wall s" "cpu s" "peak MB" "lines" \
	"wall" "cpu" "rss"
printf '%-34s %7s %7s %8s %6s   %s\n' "" "" "" "" "" "(ratio to kexplore savedefconfig)"
for t in amd64 cloud rt; do
	row "savedefconfig $t: kernel (make)" "sdc-conf-$t"
	row "savedefconfig $t: kexplore" "sdc-kx-$t"
	for p in "${pairs[@]}"; do
		read -r tt b <<<"$p"
		[ "$tt" = "$t" ] && row "mindiff $t from $b" "md-$t-$b" "sdc-kx-$t"
	done
done
row "6.1: savedefconfig amd64: kernel (make)" sdc-conf-61
row "6.1: savedefconfig amd64: kexplore" sdc-kx-61
row "6.1: mindiff amd64 from defconfig" md-61 sdc-kx-61
echo
echo "Linux $(kx_make_version "$tree") and $(kx_make_version "$tree61"), ARCH=x86_64, medians of $RUNS run(s); $(nproc) CPUs," \
	"load average $(cut -d' ' -f1-3 /proc/loadavg); kexplore: $KEXPLORE"
