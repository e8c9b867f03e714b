#!/usr/bin/env bash
# bench-memory.sh - peak memory of one loaded tree: kexplore beside the kernel's conf, and the
# incremental evaluator's index.
#
# usage: tests/bench/bench-memory.sh      (KX_BUILDDIR = the build dir, default the source dir)
#
# One job for both: Linux 6.12, ARCH=x86_64, Debian's amd64 config read, evaluated and written
# back as a minimal defconfig (savedefconfig). Measured:
#   conf       scripts/kconfig/conf --savedefconfig as `make savedefconfig` runs it (prebuilt conf)
#   kexplore   kexplore savedefconfig -o /dev/null, warm $(shell,...) cache
#   kexplore + index
#              kexplore enable of one symbol (a plan builds the dependency index and keeps
#              checkpoints) and kexplore mindiff against the x86_64 defconfig (index, the memo
#              of updates, mindiff's own tables)
#   index      the index's own size (kc_incr_bytes, from tests/unit/incr-random with no sequence)
# Peak RSS is each process's own VmHWM, read from /proc/self/status when it exits (a preloaded
# library's destructor): /usr/bin/time would report the largest child, and conf's compiler probes
# ($(cc-option,...), gcc) are larger than conf. Prints the figures and the ratios to conf.
# Not part of make check (no memory or timing is asserted anywhere).
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
src=$(cd "$here/../.." && pwd)
build=${KX_BUILDDIR:-$src}
# shellcheck source-path=SCRIPTDIR source=../lib/trees.sh
. "$here/../lib/trees.sh"

kexplore=$build/kexplore
incr=$build/tests/unit/incr-random
[ -x "$kexplore" ] || kx_die "no $kexplore (set KX_BUILDDIR)"
[ -x "$incr" ] || kx_die "build $incr first (make tests/unit/incr-random)"
command -v gcc >/dev/null || kx_apt_install gcc
tree=$(kx_tree_ensure 6.12)
confdir=$(kx_conf_ensure 6.12)
kx_configs_ensure >/dev/null
cfg=$KX_CACHE/configs/6.12/config.amd64_none_amd64
work=$(mktemp -d "${TMPDIR:-/tmp}/kx-bench-mem.XXXXXX")
trap 'rm -rf "$work"' EXIT

# hwm.so: at exit, append "COMM VmHWM-in-kB" to $KX_HWM_FILE (every process that loads it)
cat >"$work/hwm.c" <<'EOF'
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

__attribute__((destructor)) static void
hwm_report(void)
{
	const char *out = getenv("KX_HWM_FILE");
	char line[256], comm[64] = "?";
	FILE *f, *o;
	long kb = -1;

	if (!out || !(f = fopen("/proc/self/comm", "r")))
		return;
	if (fgets(comm, sizeof(comm), f))
		comm[strcspn(comm, "\n")] = 0;
	fclose(f);
	if (!(f = fopen("/proc/self/status", "r")))
		return;
	while (fgets(line, sizeof(line), f))
		if (!strncmp(line, "VmHWM:", 6))
			kb = strtol(line + 6, NULL, 10);
	fclose(f);
	if ((o = fopen(out, "a"))) {
		fprintf(o, "%s %ld\n", comm, kb);
		fclose(o);
	}
}
EOF
gcc -O2 -shared -fPIC -o "$work/hwm.so" "$work/hwm.c"

# peak COMM CMD... - run CMD with hwm.so preloaded; print the largest VmHWM (kB) of processes COMM
peak() {
	local comm=$1
	shift
	: >"$work/hwm"
	env LD_PRELOAD="$work/hwm.so" KX_HWM_FILE="$work/hwm" "$@" >/dev/null 2>"$work/err" || {
		echo "bench: $* failed:" >&2
		tail -5 "$work/err" >&2
		return 1
	}
	awk -v c="$comm" '$1 == c && $2 > m { m = $2 } END { print m + 0 }' "$work/hwm"
}

"$src/tests/conformance/ref.sh" 6.12 x86_64 defconfig "$work/defconfig.config"
mkdir -p "$work/o"
cp -a "$confdir/scripts" "$work/o/"
cp "$cfg" "$work/o/.config"
conf_kb=$(peak conf env -u KCONFIG_CONFIG -u ARCH -u SRCARCH -u CROSS_COMPILE -u CC -u LD -u O \
	-u MAKEFLAGS -u MAKELEVEL -u MFLAGS \
	make -s -C "$tree" O="$work/o" ARCH=x86_64 savedefconfig)
kx=(env -u KCONFIG_CONFIG -u ARCH -u srctree "$kexplore" -q -C "$tree" --arch x86_64 --config "$cfg")
"${kx[@]}" info >/dev/null 2>&1 || true # warm the $(shell,...) cache
kx_kb=$(peak kexplore "${kx[@]}" savedefconfig -o /dev/null)
plan_kb=$(peak kexplore "${kx[@]}" enable VIDEO_IMX412)
md_kb=$(peak kexplore "${kx[@]}" mindiff --base "$work/defconfig.config")
index=$("$incr" "$tree" x86_64 1 0 0 "$cfg" | sed -n 's/^# index: //p')
index_b=$(sed 's/.* edges, \([0-9]*\) bytes/\1/' <<<"$index")

awk -v conf="$conf_kb" -v kx="$kx_kb" -v plan="$plan_kb" -v md="$md_kb" -v ib="$index_b" \
	-v idxline="$index" 'BEGIN {
	idx = ib / 1024
	printf "%-46s %9s %9s %13s\n", "", "peak MB", "vs conf", "vs conf+index"
	printf "%-46s %9.1f\n", "conf --savedefconfig (make savedefconfig)", conf / 1024
	printf "%-46s %9.1f %8.2fx\n", "kexplore savedefconfig", kx / 1024, kx / conf
	printf "%-46s %9.1f %8.2fx %12.2fx\n", "kexplore enable VIDEO_IMX412 (index, plan)", plan / 1024,
		plan / conf, plan / (conf + idx)
	printf "%-46s %9.1f %8.2fx %12.2fx\n", "kexplore mindiff --base defconfig", md / 1024,
		md / conf, md / (conf + idx)
	printf "index: %s (%.2f MB)\n", idxline, idx / 1024
}'
echo "Linux $(kx_make_version "$tree"), ARCH=x86_64, Debian's config.amd64_none_amd64; kexplore: $kexplore"
