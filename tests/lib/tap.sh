# tests/lib/tap.sh - the one TAP helper of kexplore's shell tests; source it, do not run it.
# shellcheck shell=bash disable=SC2034 # tap_missing and the counters are read by the tests
#
#   tap_plan N               print the plan "1..N" (or call tap_done at the end instead)
#   ok DESC                  a passed check
#   ok STATUS DESC           passed when STATUS is 0 (e.g. `cmp -s a b; ok $? "same"`)
#   tap_check DESC CMD...    passed when CMD succeeds
#   nok DESC                 a failed check (then calls tap_on_fail, when the test defines it,
#                            to print what helps as comments)
#   skip DESC REASON         "ok N - DESC # SKIP REASON": a check that could not run, never a pass
#   skip REASON              "ok N # SKIP REASON" (the reason names the check)
#   todo DESC REASON         "not ok N - DESC # TODO REASON": a known, documented failure that
#                            shows without failing the suite
#   tap_shared FILE          number the checks through FILE (a counter) instead of tap_n, for
#                            checks printed by parallel worker processes; each worker holds a
#                            lock around one check and its comments so the block stays together
#   tap_require TOOL...      true when every TOOL is on PATH; tap_missing names the first missing
#   tap_diag TEXT...         a "# " comment line
#   tap_diag_file FILE [MAX] FILE as comment lines (the first MAX lines when MAX is given)
#   tap_diff WANT GOT [MAX]  `diff -u WANT GOT` as comment lines (at most MAX, default 40)
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
tap_counter=

tap_plan() {
	tap_planned=$1
	echo "1..$1"
}

ok() {
	if [ $# -ge 2 ]; then
		if [ "$1" -eq 0 ]; then ok "$2"; else nok "$2"; fi
		return
	fi
	tap_next
	echo "ok $tap_n - $1"
}

nok() {
	tap_next
	tap_failed=$((tap_failed + 1))
	echo "not ok $tap_n - $1"
	if declare -F tap_on_fail >/dev/null; then tap_on_fail; fi
	return 0
}

tap_check() {
	local desc=$1
	shift
	if "$@"; then ok "$desc"; else nok "$desc"; fi
}

skip() {
	tap_next
	if [ $# -ge 2 ]; then
		echo "ok $tap_n - $1 # SKIP $2"
	else
		echo "ok $tap_n # SKIP $1"
	fi
}

todo() {
	tap_next
	echo "not ok $tap_n - $1 # TODO ${2:-}"
}

tap_shared() {
	tap_counter=$1
	[ -s "$1" ] || echo 0 >"$1"
}

# tap_next - the number of the next check, in tap_n.
tap_next() {
	if [ -n "$tap_counter" ]; then
		tap_n=$(($(cat "$tap_counter") + 1))
		echo "$tap_n" >"$tap_counter"
	else
		tap_n=$((tap_n + 1))
	fi
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

# The comment helpers never fail, also under `set -eo pipefail` (diff exits 1 on a difference,
# head may cut sed's input short).
tap_diag_file() {
	[ -e "$1" ] || return 0
	if [ -n "${2:-}" ]; then
		sed 's/^/# /' "$1" | head -n "$2" || true
	else
		sed 's/^/# /' "$1" || true
	fi
}

tap_diff() {
	{ diff -u "$1" "$2" || true; } | sed 's/^/# /' | head -n "${3:-40}" || true
}

tap_bail() {
	echo "Bail out! $*"
	exit 1
}

tap_done() {
	[ -n "$tap_planned" ] || echo "1..$tap_n"
	exit 0
}
