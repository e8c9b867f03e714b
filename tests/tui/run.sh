#!/usr/bin/env bash
# run.sh - headless TUI tests: a key script drives kexplore with no terminal
# (KEXPLORE_SCRIPT), and the screens it saves are compared with expected ones.
#
# usage: tests/tui/run.sh [CASE...]      TAP on standard output
#
# A case is a directory tests/tui/cases/CASE/ holding
#   script     keys (y, <Enter>, <C-u>, ...) and commands (:save-display FILE,
#              :resize COLSxROWS, :quit), one line at a time
#   *.screen   expected screens; the script saves a screen of the same name
#   tree       optional: "fixture NAME" (default: fixture basic) or
#              "kernel VERSION ARCH" for a cached Debian tree (tests/lib/trees.sh)
#   config     optional input .config (default: the fixture's config, or empty)
#   env        optional VAR=value lines (COLUMNS=100, KEXPLORE_ASCII=1, LANG=C, ...)
#   keys       optional ~/.config/kexplore/keys for the run
#   olddefconfig  optional: lines that, appended to the input config, make
#              `kexplore olddefconfig` write exactly what the UI saved
#   cli        optional: kexplore arguments (after -C, --arch and --config
#              input.config) that write cli.config, which must equal the .config
#              the UI saved (e.g. "enable IWLMVM --apply -o cli.config")
#   args       optional extra arguments of the explorer, one a line (--diff b.config)
#   in-tree    optional: run inside a copy of the tree (same folder name) with no -C and
#              no --config, so the config is the default TREE/.config
#   setup      optional bash script run first in the work directory, for what
#              cannot be a static file (module indexes made with depmod); exit
#              status 77 skips the case (a tool is missing), its output says why
#   expect/    optional files that must equal the work directory's file of the
#              same name after the run (expect/.config.fragment)
#   status     optional expected exit status (default 0)
#   *.config, *.profile  other files copied into the work directory (for L to
#              load, --diff to compare, KEXPLORE_PROFILE_PATH=. to read)
# Expected screens are written from what menuconfig shows for the same tree (see
# README in this folder), never pasted from kexplore's own output unchecked.
set -uo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
top=$(cd "$here/../.." && pwd)
KEXPLORE=${KEXPLORE:-$top/kexplore}
case $KEXPLORE in /*) ;; *) KEXPLORE=$PWD/$KEXPLORE ;; esac
# kexplore's own cache for this run only, shared by its cases (a kernel tree's probes run once):
# the cases fake HOME, and answers found under a fake HOME must never reach the user's cache.
cache=$(mktemp -d "${TMPDIR:-/tmp}/kx-tui-cache.XXXXXX")
trap 'rm -rf "$cache"' EXIT
# shellcheck source-path=SCRIPTDIR source=../lib/tap.sh
. "$here/../lib/tap.sh"

if [ $# -gt 0 ]; then
	cases=("$@")
else
	cases=()
	for d in "$here"/cases/*/; do
		d=${d%/}
		cases+=("${d##*/}")
	done
fi

tap_plan "${#cases[@]}"

# normalise - the kernel's sublevel changes with Debian's package: 6.12.117 -> 6.12.x.
normalise() {
	sed -E 's/^(Linux\/[^ ]* [0-9]+\.[0-9]+)\.[0-9]+/\1.x/'
}

# case_tree CASE - print the srctree and arch of CASE, tab-separated.
case_tree() {
	local spec=(fixture basic) dir
	[ -e "$1/tree" ] && read -r -a spec <"$1/tree"
	case ${spec[0]} in
	fixture) printf '%s\t\n' "$here/fixtures/${spec[1]}" ;;
	kernel)
		dir=$("$top/tests/lib/trees.sh" ensure "${spec[1]}" 2>/dev/null) || return 1
		printf '%s\t%s\n' "$dir" "${spec[2]:-x86_64}"
		;;
	*) return 1 ;;
	esac
}

# run_case CASE WORK - run the script of CASE in WORK; leaves the problems in WORK/report.
run_case() {
	local c=$here/cases/$1 w=$2 tree arch rc want f name
	local -a envs args cli
	: >"$w/report"
	if ! IFS=$'\t' read -r tree arch < <(case_tree "$c") || [ ! -e "$tree/Kconfig" ]; then
		echo "tree of $1 is missing (tests/lib/trees.sh ensure failed)" >>"$w/report"
		return
	fi
	mkdir -p "$w/home/.config/kexplore"
	[ -e "$c/keys" ] && cp "$c/keys" "$w/home/.config/kexplore/keys"
	if [ -e "$c/config" ]; then
		cp "$c/config" "$w/.config"
	elif [ -e "$tree/config" ] && [ "${tree#"$here"}" != "$tree" ]; then
		cp "$tree/config" "$w/.config"
	else
		: >"$w/.config"
	fi
	cp "$w/.config" "$w/input.config"
	for f in "$c"/*.config "$c"/*.profile; do
		[ -e "$f" ] && cp "$f" "$w/"
	done
	if [ -e "$c/setup" ]; then
		(cd "$w" && PATH=$PATH:/usr/sbin:/sbin bash "$c/setup") >"$w/setup.out" 2>&1
		rc=$?
		if [ "$rc" = 77 ]; then
			tail -n 1 "$w/setup.out" >"$w/skip"
			return
		elif [ "$rc" != 0 ]; then
			echo "setup failed:" >>"$w/report"
			cat "$w/setup.out" >>"$w/report"
			return
		fi
	fi
	envs=()
	[ -e "$c/env" ] && mapfile -t envs < <(grep -v '^[[:space:]]*\(#\|$\)' "$c/env")
	# A relative --config keeps the status line the same from run to run.
	args=(-C "$tree" --config .config --arch "${arch:-x86_64}")
	[ -e "$c/args" ] && mapfile -t -O 6 args < <(grep -v '^[[:space:]]*\(#\|$\)' "$c/args")
	run_in=$w
	if [ -e "$c/in-tree" ]; then
		# The default config, TREE/.config: run inside a copy of the tree (same folder
		# name) with no -C and no --config, as a user in a kernel tree would.
		run_in=$w/${tree##*/}
		cp -r "$tree" "$run_in"
		[ -e "$w/.config" ] && mv "$w/.config" "$run_in/.config"
		args=(--arch "${arch:-x86_64}" "${args[@]:6}")
	fi
	(cd "$run_in" && env -i PATH="$PATH" HOME="$w/home" TERM=xterm LANG=C.UTF-8 LC_ALL= \
		LINES=24 COLUMNS=80 KEXPLORE_CACHE="$cache" KEXPLORE_SCRIPT="$c/script" \
		"${envs[@]}" timeout 120 "$KEXPLORE" "${args[@]}") </dev/null >"$w/out" 2>&1
	rc=$?
	if [ "$run_in" != "$w" ]; then
		# screens and the saved config are looked for in the work dir
		for f in "$run_in"/*.screen "$run_in"/.config "$run_in"/.config.*; do
			[ -e "$f" ] && mv "$f" "$w/"
		done
	fi
	want=0
	[ -e "$c/status" ] && want=$(cat "$c/status")
	if [ "$rc" != "$want" ]; then
		echo "exit status $rc, expected $want; output:" >>"$w/report"
		cat "$w/out" >>"$w/report"
	fi
	compgen -G "$c/*.screen" >/dev/null || echo "no expected screens in $c" >>"$w/report"
	for f in "$c"/*.screen; do
		[ -e "$f" ] || continue
		name=${f##*/}
		if [ ! -e "$w/$name" ]; then
			echo "the script did not save $name" >>"$w/report"
		elif ! diff -u <(normalise <"$f") <(normalise <"$w/$name") >"$w/diff"; then
			cat "$w/diff" >>"$w/report"
		fi
	done
	for f in "$c"/expect/* "$c"/expect/.[!.]*; do
		[ -e "$f" ] || continue
		name=${f##*/}
		if [ ! -e "$w/$name" ]; then
			echo "the run did not write $name" >>"$w/report"
		elif ! diff -u "$f" "$w/$name" >"$w/diff"; then
			echo "$name differs from expect/$name:" >>"$w/report"
			cat "$w/diff" >>"$w/report"
		fi
	done
	if [ -e "$c/cli" ]; then
		read -r -a cli <"$c/cli"
		if ! (cd "$w" && env -i PATH="$PATH" HOME="$w/home" KEXPLORE_CACHE="$cache" \
			"$KEXPLORE" -C "$tree" --arch "${arch:-x86_64}" --config input.config \
			"${cli[@]}") >"$w/out3" 2>&1; then
			echo "kexplore ${cli[*]} failed:" >>"$w/report"
			cat "$w/out3" >>"$w/report"
		elif ! diff -u "$w/cli.config" "$w/.config" >"$w/diff"; then
			echo "saved config differs from kexplore ${cli[*]}:" >>"$w/report"
			cat "$w/diff" >>"$w/report"
		fi
	fi
	if [ -e "$c/olddefconfig" ]; then
		cat "$c/olddefconfig" >>"$w/input.config"
		if ! env -i PATH="$PATH" HOME="$w/home" KEXPLORE_CACHE="$cache" "$KEXPLORE" \
			-C "$tree" --arch "${arch:-x86_64}" --config "$w/input.config" \
			olddefconfig -o "$w/expected.config" >"$w/out2" 2>&1; then
			echo "kexplore olddefconfig failed:" >>"$w/report"
			cat "$w/out2" >>"$w/report"
		elif ! diff -u "$w/expected.config" "$w/.config" >"$w/diff"; then
			echo "saved config differs from olddefconfig's:" >>"$w/report"
			cat "$w/diff" >>"$w/report"
		fi
	fi
}

for c in "${cases[@]}"; do
	w=$(mktemp -d "${TMPDIR:-/tmp}/kx-tui.XXXXXX")
	if [ ! -e "$here/cases/$c/script" ]; then
		echo "no such case" >"$w/report"
	else
		run_case "$c" "$w"
	fi
	if [ -e "$w/skip" ]; then
		skip "$c" "$(cat "$w/skip")"
		rm -rf "$w"
	elif [ -s "$w/report" ]; then
		nok "$c"
		tap_diag_file "$w/report"
		tap_diag "work dir kept: $w"
	else
		ok "$c"
		rm -rf "$w"
	fi
done
tap_done
