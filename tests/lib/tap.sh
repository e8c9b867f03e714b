# tests/lib/tap.sh - the one TAP helper of kexplore's shell tests; source it, do not run it.
# shellcheck shell=bash disable=SC2034 # tap_missing and the counters are read by the tests
#
#   tap_plan N               print the plan "1..N" (or call tap_done at the end instead)
#   ok DESC                  a passed check
#   ok STATUS DESC           passed when STATUS is 0 (e.g. `cmp -s a b; ok $? "same"`)
#   nok DESC                 a failed check (then calls tap_on_fail, when the test defines it,
#                            to print what helps as comments)
#   skip DESC REASON         "ok N # SKIP REASON": a check that could not run, never a pass
#   tap_require TOOL...      true when every TOOL is on PATH; tap_missing names the first missing
#   tap_diag TEXT...         a "# " comment line;  tap_diag_file FILE: FILE as comment lines
#   tap_bail REASON          "Bail out!" and exit 1: only when nothing after can mean anything
#   tap_done                 print the plan "1..N" when tap_plan was not called, and exit 0 (the
#                            TAP lines carry the failures; a non-zero exit would count twice)
# The counter is tap_n, the failures tap_failed.
#
# Skip or bail out? A tool that only some checks need (nix-instantiate, guile-3.0, python3 for a
# JSON check, perl for a reference script, tmux, jq) is optional: when it is missing those checks
# are skipped with the reason and the package, and the rest of the file still runs:
#   if tap_require nix-instantiate; then ...checks...; else skip "NixOS output parses" \
#           "$tap_missing not installed (apt-get install nix-bin)"; fi
# A prerequisite without which no check of the file means anything (the kexplore binary, the
# kernel tree, the reference conf) is a Bail out!, which counts as a failure, never a pass.

tap_n=0
tap_failed=0
tap_planned=
tap_missing=

tap_plan() {
	tap_planned=$1
	echo "1..$1"
}

ok() {
	if [ $# -ge 2 ]; then
		if [ "$1" -eq 0 ]; then ok "$2"; else nok "$2"; fi
		return
	fi
	tap_n=$((tap_n + 1))
	echo "ok $tap_n - $1"
}

nok() {
	tap_n=$((tap_n + 1))
	tap_failed=$((tap_failed + 1))
	echo "not ok $tap_n - $1"
	if declare -F tap_on_fail >/dev/null; then tap_on_fail; fi
	return 0
}

skip() {
	tap_n=$((tap_n + 1))
	echo "ok $tap_n - $1 # SKIP ${2:-}"
}

tap_require() {
	local t
	for t in "$@"; do
		if ! command -v "$t" >/dev/null 2>&1; then
			tap_missing=$t
			return 1
		fi
	done
	return 0
}

tap_diag() {
	echo "# $*"
}

tap_diag_file() {
	[ -e "$1" ] && sed 's/^/# /' "$1"
	return 0
}

tap_bail() {
	echo "Bail out! $*"
	exit 1
}

tap_done() {
	[ -n "$tap_planned" ] || echo "1..$tap_n"
	exit 0
}
