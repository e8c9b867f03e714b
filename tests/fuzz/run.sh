#!/usr/bin/env bash
# run.sh - run one libFuzzer target of a --enable-fuzzing build for a CPU-time budget, niced.
#
# usage: tests/fuzz/run.sh BUILDDIR TARGET CPU_SECONDS [libFuzzer options...]
#   TARGET: kconfig, config, modmap or profile
# The fuzzer is stopped (SIGINT: it prints its final stats) once it has used
# CPU_SECONDS of CPU time, or after 50 times that in wall time on a busy machine.
# The growing corpus lives in $KX_FUZZ_DIR/TARGET (default /tmp/kx-fuzz/TARGET),
# seeded from tests/fuzz/corpus/TARGET; crashes, timeouts and leaks are written to
# $KX_FUZZ_DIR/artifacts/. Minimise a crash with
#   BUILDDIR/tests/fuzz/fuzz-TARGET -minimize_crash=1 -runs=10000 FILE
# and, once fixed, add it as tests/fuzz/regress/TARGET/<what-it-was> (make check replays it).
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
[ $# -ge 3 ] || { sed -n '3,5p' "$0" >&2; exit 2; }
build=$1 target=$2 cpu=$3
shift 3
bin=$build/tests/fuzz/fuzz-$target
[ -x "$bin" ] || { echo "run.sh: no $bin (configure CC=clang --enable-fuzzing)" >&2; exit 1; }
work=${KX_FUZZ_DIR:-/tmp/kx-fuzz}
mkdir -p "$work/$target" "$work/artifacts"
dict=()
[ "$target" = kconfig ] && dict=(-dict="$here/kconfig.dict")
# The targets' temp folders go below $work/tmp: libFuzzer leaves with _Exit on a crash or
# an interrupt, so their own clean-up does not run.
mkdir -p "$work/tmp"
# -timeout: a hang is a bug (no input may take seconds); -rss_limit_mb: a runaway is too
TMPDIR=$work/tmp nice -n 15 "$bin" -max_total_time=$((cpu * 50)) -timeout=10 -rss_limit_mb=2048 -max_len=16384 \
	-artifact_prefix="$work/artifacts/$target-" -print_final_stats=1 "${dict[@]}" "$@" \
	"$work/$target" "$here/corpus/$target" &
pid=$!
tck=$(getconf CLK_TCK)
used=0
while kill -0 "$pid" 2>/dev/null; do
	# fields 14 and 15 of /proc/PID/stat: user and system time in clock ticks
	if read -r -a st <"/proc/$pid/stat" 2>/dev/null; then
		used=$(((st[13] + st[14]) / tck))
		if [ "$used" -ge "$cpu" ]; then
			kill -INT "$pid"
			break
		fi
	fi
	sleep 5
done
rc=0
wait "$pid" || rc=$?
rm -rf "${work:?}/tmp"
echo "run.sh: $target: about $used s of CPU time, exit status $rc" >&2
exit "$rc"
