#!/usr/bin/env bash
# run-tests.sh - build kexplore if needed, run `make check`, and end with "N passed, N failed".
#
# usage: ./run-tests.sh [MAKE CHECK ARGS...]     e.g. ./run-tests.sh TESTS=tests/kconfig/fixtures.sh
#   KX_BUILD_DIR        build somewhere else than the source dir (e.g. build-asan); the sources are
#                       copied there (git ls-files), since automake refuses a VPATH build of a
#                       source dir that is itself configured
#   KX_CONFIGURE_FLAGS  flags for ./configure the first time, e.g. --enable-asan
#   KX_CONF_JOBS        conformance job set: full (default) or quick
#   KX_TIER             run one tier only: unit, fixtures, real or tui (make check-TIER)
#   KX_JOBS             make -j (default: number of cores)
# The counts are the TAP results in the test logs (*.trs): ok and expected failures pass; not ok,
# unexpected passes and errors (bail outs, crashes) fail. A failed build counts as one failure.
# Exits non-zero if anything failed.
set -euo pipefail

src=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
jobs=${KX_JOBS:-$(nproc 2>/dev/null || echo 2)}

summary() {
	local passed=$1 failed=$2 skipped=$3
	if [ "$skipped" -gt 0 ]; then
		echo "$passed passed, $failed failed, $skipped skipped"
	else
		echo "$passed passed, $failed failed"
	fi
}

build_failed() {
	echo "run-tests.sh: $*" >&2
	summary 0 1 0
	exit 1
}

# shadow_copy DIR - copy the source files (tracked or not ignored) into DIR, keeping mtimes so
# only what changed is rebuilt.
shadow_copy() {
	mkdir -p "$1"
	if git -C "$src" rev-parse --git-dir >/dev/null 2>&1; then
		(cd "$src" && git ls-files -z -c -o --exclude-standard | tar --null -T - -cf -) |
			tar -xf - -C "$1"
	else
		(cd "$src" && tar --exclude="./${1#"$src"/}" --exclude=./build* -cf - .) | tar -xf - -C "$1"
	fi
}

main() {
	local build=$src
	if [ -n "${KX_BUILD_DIR:-}" ]; then
		case $KX_BUILD_DIR in /*) build=$KX_BUILD_DIR ;; *) build=$src/$KX_BUILD_DIR ;; esac
		shadow_copy "$build" || build_failed "cannot copy the sources to $build"
	fi
	cd "$build"
	if [ ! -x configure ]; then
		./autogen.sh || build_failed "autogen.sh failed"
	fi
	if [ ! -e Makefile ]; then
		# shellcheck disable=SC2086 # flags are split on purpose
		./configure ${KX_CONFIGURE_FLAGS:-} || build_failed "configure failed"
	fi
	make -j"$jobs" || build_failed "build failed"

	# Old results would be counted otherwise.
	# (./build* are other build dirs inside the source dir: not ours.)
	find . -path './build*' -prune -o -name '*.trs' -exec rm -f {} +
	local rc=0
	make -j"$jobs" "check${KX_TIER:+-$KX_TIER}" "$@" || rc=$?

	local passed=0 failed=0 skipped=0 trs=()
	mapfile -t trs < <(find . -path './build*' -prune -o -name '*.trs' -print)
	if [ "${#trs[@]}" -gt 0 ]; then
		passed=$(cat "${trs[@]}" | grep -c -E '^:test-result: (PASS|XFAIL)' || true)
		failed=$(cat "${trs[@]}" | grep -c -E '^:test-result: (FAIL|XPASS|ERROR)' || true)
		skipped=$(cat "${trs[@]}" | grep -c -E '^:test-result: SKIP' || true)
	fi
	if [ "$rc" -ne 0 ] && [ "$failed" -eq 0 ]; then
		echo "run-tests.sh: make check failed (exit $rc) without a failed test result" >&2
		failed=1
	fi
	if [ $((passed + failed)) -eq 0 ]; then
		echo "run-tests.sh: no test ran" >&2
		failed=1
	fi
	if [ "$failed" -gt 0 ]; then
		find ./tests -name '*.log' -exec grep -l -E '^(not ok|Bail out)' {} + 2>/dev/null |
			sed 's/^/run-tests.sh: failures in /' >&2 || true
	fi
	summary "$passed" "$failed" "$skipped"
	[ "$failed" -eq 0 ]
}

main "$@"
