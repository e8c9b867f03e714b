#!/usr/bin/env bash
# valgrind.sh - the quick conformance set with every kexplore run under valgrind memcheck
# (--leak-check=full --errors-for-leak-kinds=definite): the outputs must still equal the
# kernel's, and no run may have a memory error or a definite leak. Then the fuzz
# regression and seed corpora (tests/fuzz/replay-*) under memcheck, each input in its
# own process, when the build dir has them. Not part of make check: it takes minutes.
#
# usage: tests/conformance/valgrind.sh [BUILDDIR]     (default: the folder of $KEXPLORE, or .)
#   KX_CONF_JOBS   as for compare.sh (default quick)
# TAP on standard output; the valgrind logs of failing runs as comments.
set -uo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
top=$(cd "$here/../.." && pwd)
build=${1:-$(dirname "${KEXPLORE:-./kexplore}")}
build=$(cd "$build" && pwd)
real=$build/kexplore
# shellcheck source-path=SCRIPTDIR source=../lib/tap.sh
. "$here/../lib/tap.sh"
[ -x "$real" ] || tap_bail "no kexplore in $build"

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir "$work/logs"
vg=(valgrind -q --leak-check=full --errors-for-leak-kinds=definite --error-exitcode=99
	--track-origins=yes --num-callers=30)

# kexplore under valgrind, one log per process
cat >"$work/kexplore" <<EOF
#!/bin/sh
exec ${vg[*]} --log-file=$work/logs/kexplore.%p "$real" "\$@"
EOF
chmod +x "$work/kexplore"

replays=()
for t in kconfig config modmap profile; do
	[ -x "$build/tests/fuzz/replay-$t" ] && replays+=("$t")
done
tap_plan $((2 + ${#replays[@]}))
# without valgrind every check is skipped with the reason (a missing tool is never a pass)
if ! tap_require valgrind; then
	for _ in $(seq $((2 + ${#replays[@]}))); do
		skip "$tap_missing is not installed (apt-get install valgrind)"
	done
	tap_done
fi

KEXPLORE=$work/kexplore KX_CONF_JOBS=${KX_CONF_JOBS:-quick} KX_CONF_PARALLEL=1 \
	bash "$here/compare.sh" >"$work/compare.tap" 2>"$work/compare.err"
rc=$?
summary=$(grep '^# .* identical' "$work/compare.tap" | tail -1)
if [ "$rc" -eq 0 ]; then
	ok "conformance under valgrind: ${summary#\# }"
else
	nok "conformance under valgrind (exit $rc): ${summary#\# }"
	grep -v '^ok' "$work/compare.tap" | head -40 | sed 's/^/# /'
fi

# With -q valgrind prints only errors and leaks ("==PID== ..."); its own notes
# ("--PID-- WARNING: unhandled syscall 437", openat2, which the engine then does
# without) are not failures.
failing() {
	find "$work/logs" -name "$1" -type f -exec grep -l '^==[0-9]*==' {} + 2>/dev/null | sort
}
runs=$(find "$work/logs" -name 'kexplore.*' | wc -l)
bad=$(failing 'kexplore.*')
if [ "$runs" -gt 0 ] && [ -z "$bad" ]; then
	ok "no memory error or definite leak in $runs kexplore runs"
else
	nok "memory errors or definite leaks in $(echo "$bad" | grep -c .) of $runs kexplore runs"
	for f in $bad; do grep '^==' "$f" | head -60 | sed 's/^/# /'; done
fi

for t in "${replays[@]}"; do
	rc=0
	KX_SRCDIR=$top "${vg[@]}" --log-file="$work/logs/replay-$t.%p" "$build/tests/fuzz/replay-$t" \
		>"$work/replay.tap" 2>"$work/replay.err" || rc=$?
	total=$(grep -c '^ok\|^not ok' "$work/replay.tap")
	bad=$(failing "replay-$t.*")
	if [ "$rc" -eq 0 ] && [ -z "$bad" ]; then
		ok "fuzz corpus $t under valgrind: $total inputs, no error, no definite leak"
	else
		nok "fuzz corpus $t under valgrind (exit $rc)"
		grep '^not ok' "$work/replay.tap" | sed 's/^/# /'
		for f in $bad; do grep '^==' "$f" | head -60 | sed 's/^/# /'; done
	fi
done
