#!/usr/bin/env bash
# fixtures.sh - golden Kconfig fixtures: small Kconfig trees whose expected output was made by the
# kernel's own conf (scripts/kconfig/conf of the 6.12 tree, or of the tree named by the case's
# Makefile), never by kexplore.
#
# usage: fixtures.sh            TAP: kexplore vs every golden file, and every golden file vs conf
#        fixtures.sh --regen    rewrite the golden files with conf (review the diff before committing)
#
# A case is a directory tests/kconfig/CASE/ holding
#   Kconfig       the top Kconfig (the case dir is srctree, so `source` paths are relative to it)
#   config        input .config for olddefconfig and savedefconfig (empty when absent)
#   modes         optional, one "MODE [FILE]" per line (default: olddefconfig); MODE is
#                 olddefconfig, savedefconfig, alldefconfig, allnoconfig, allyesconfig,
#                 allmodconfig or defconfig FILE (FILE relative to the case dir)
#   env           optional, VAR=value lines put in the environment of conf and kexplore
#   Makefile      optional, VERSION/PATCHLEVEL of the kernel whose Kconfig language the case is
#                 written in (5.10, 6.1, 6.12, 7.3): kexplore picks its rules from it as from a
#                 real tree, and the reference is that tree's conf (default 6.12)
#   expected      the olddefconfig result; expected.MODE for the other modes
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
# shellcheck source-path=SCRIPTDIR source=../lib/trees.sh
. "$here/../lib/trees.sh"
# shellcheck source-path=SCRIPTDIR source=../lib/tap.sh
. "$here/../lib/tap.sh"

KEXPLORE=${KEXPLORE:-./kexplore}
regen=''
[ "${1:-}" = --regen ] && regen=1

# golden_name MODE - the golden file for MODE.
golden_name() {
	if [ "$1" = olddefconfig ]; then echo expected; else echo "expected.$1"; fi
}

# case_modes CASE - print the "MODE [FILE]" lines of CASE.
case_modes() {
	if [ -e "$1/modes" ]; then grep -v '^[[:space:]]*\(#\|$\)' "$1/modes"; else echo olddefconfig; fi
}

# case_env CASE - print the VAR=value settings of CASE.
case_env() {
	[ -e "$1/env" ] && grep -v '^[[:space:]]*\(#\|$\)' "$1/env"
	return 0
}

# case_version CASE - the cached Debian tree whose conf is the reference for CASE.
case_version() {
	local v p
	if [ -e "$1/Makefile" ]; then
		v=$(sed -n 's/^VERSION *= *//p' "$1/Makefile")
		p=$(sed -n 's/^PATCHLEVEL *= *//p' "$1/Makefile")
		echo "$v.$p"
	else
		echo 6.12
	fi
}

# case_conf CASE - path of the reference conf for CASE (built once per version).
case_conf() {
	local v dir
	v=$(case_version "$1")
	dir=$(kx_conf_ensure "$v" 2>"$work/conf-$v.err") ||
		{ tail -1 "$work/conf-$v.err" >&2; return 1; }
	echo "$dir/scripts/kconfig/conf"
}

# run_conf CASE MODE FILE OUT - the reference: the kernel's conf on CASE, as make would run it.
run_conf() {
	local c=$1 mode=$2 file=$3 out=$4 s rc=0
	local -a envs
	local CONF
	CONF=$(case_conf "$c") || { echo "no reference conf for ${c##*/}" >"$out.log"; return 1; }
	mapfile -t envs < <(case_env "$c")
	s=$(mktemp -d)
	if [ -e "$c/config" ]; then cp "$c/config" "$s/.config"; else : >"$s/.config"; fi
	local -a args
	case $mode in
	savedefconfig) args=(--savedefconfig="$s/defconfig") ;;
	defconfig) args=(--defconfig="$file") ;;
	*) args=("--$mode") ;;
	esac
	(cd "$s" && env -i PATH="$PATH" HOME="$HOME" LC_ALL=C srctree="$c" "${envs[@]}" \
		"$CONF" -s "${args[@]}" Kconfig) </dev/null >"$s/log" 2>&1 || rc=$?
	if [ "$rc" -eq 0 ]; then
		if [ "$mode" = savedefconfig ]; then cp "$s/defconfig" "$out"; else cp "$s/.config" "$out"; fi
	else
		cat "$s/log" >"$out.log"
	fi
	rm -rf "$s"
	return "$rc"
}

# run_kexplore CASE MODE FILE OUT - the same operation through kexplore.
run_kexplore() {
	local c=$1 mode=$2 file=$3 out=$4 input
	local -a envs args=(-C "$c" --arch x86_64)
	mapfile -t envs < <(case_env "$c")
	input=$(mktemp)
	if [ -e "$c/config" ]; then cp "$c/config" "$input"; fi
	case $mode in
	olddefconfig | savedefconfig) args+=(--config "$input" "$mode") ;;
	defconfig) args+=(defconfig "$file") ;;
	*) args+=("$mode") ;;
	esac
	local rc=0
	env -u KCONFIG_CONFIG -u KCONFIG_ALLCONFIG -u ARCH -u SRCARCH -u srctree "${envs[@]}" \
		timeout 60 "$KEXPLORE" "${args[@]}" -o "$out" </dev/null >"$out.log" 2>&1 || rc=$?
	rm -f "$input"
	return "$rc"
}

main() {
	local cases=() c
	for c in "$here"/*/; do
		[ -e "$c/Kconfig" ] && cases+=("${c%/}")
	done
	local mode file golden name
	work=$(mktemp -d)
	# shellcheck disable=SC2064 # expand now
	trap "rm -rf '$work'" EXIT
	if ! kx_conf_ensure 6.12 >/dev/null 2>"$work/conf.err"; then
		tap_bail "cannot build the reference conf: $(tail -1 "$work/conf.err")"
	fi
	if [ -n "$regen" ]; then
		for c in "${cases[@]}"; do
			while read -r mode file; do
				golden=$c/$(golden_name "$mode")
				run_conf "$c" "$mode" "${file:-}" "$golden" ||
					{ cat "$golden.log" >&2; kx_die "conf failed on ${c##*/} $mode"; }
				echo "wrote ${golden#"$here"/}"
			done < <(case_modes "$c")
		done
		return 0
	fi

	local total=0
	for c in "${cases[@]}"; do
		total=$((total + 2 * $(case_modes "$c" | wc -l)))
	done
	tap_plan "$total"
	if [ ! -x "$KEXPLORE" ]; then
		tap_diag "kexplore binary not found at $KEXPLORE: every kexplore test fails"
	fi
	for c in "${cases[@]}"; do
		while read -r mode file; do
			golden=$c/$(golden_name "$mode")
			name="${c##*/} $mode${file:+ $file}"
			# 1. The golden file still is what conf makes (catches stale goldens).
			if [ ! -e "$golden" ]; then
				nok "$name: golden matches conf (${golden##*/} missing, run --regen)"
			elif ! run_conf "$c" "$mode" "${file:-}" "$work/conf.out"; then
				nok "$name: golden matches conf"
				tap_diag_file "$work/conf.out.log" 20
			elif cmp -s "$golden" "$work/conf.out"; then
				ok "$name: golden matches conf"
			else
				nok "$name: golden matches conf"
				tap_diff "$golden" "$work/conf.out"
			fi
			# 2. kexplore makes the golden output.
			rm -f "$work/kx.out"
			if [ ! -e "$golden" ]; then
				nok "$name: kexplore (${golden##*/} missing)"
			elif ! run_kexplore "$c" "$mode" "${file:-}" "$work/kx.out"; then
				nok "$name: kexplore"
				tap_diag_file "$work/kx.out.log" 20
			elif cmp -s "$golden" "$work/kx.out"; then
				ok "$name: kexplore"
			else
				nok "$name: kexplore"
				tap_diff "$golden" "$work/kx.out"
			fi
		done < <(case_modes "$c")
	done
}

main "$@"
