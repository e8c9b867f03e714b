#!/usr/bin/env bash
# compare.sh - conformance: kexplore's output must equal the kernel's own make/conf, byte for byte.
#
# usage: compare.sh [--list]
#   KX_CONF_JOBS     quick | full (default) | FILE with one job per line (see lib.sh)
#   KX_CONF_FILTER   ERE; run only the jobs whose line matches
#   KX_CONF_PARALLEL jobs at a time (default 2)
#   KX_CONF_FLAGS    extra global kexplore options, e.g. "--no-cache"
#   KEXPLORE         the binary (default ./kexplore)
#   KX_CONF_KEEP     keep the work dir (reference and kexplore outputs of every job)
# Prints TAP: one test per job, a `diff -u | head -40` as comments on failure, and a summary.
# The references come from ref.sh (cached under $KX_CACHE/ref), the trees and Debian configs from
# tests/lib/trees.sh, which installs what is missing.
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
# shellcheck source-path=SCRIPTDIR source=lib.sh
. "$here/lib.sh"

ARCHES_612="x86_64 arm64 riscv arm powerpc s390 mips loongarch um"
ALL_MODES="alldefconfig allnoconfig allyesconfig allmodconfig defconfig"

# jobs_all_modes TREE ARCH - every all*config plus the arch default defconfig, an olddefconfig
# of that defconfig, and a savedefconfig of each result.
jobs_all_modes() {
	local m
	for m in $ALL_MODES; do
		echo "$1 $2 $m"
		echo "$1 $2 savedefconfig @$m"
	done
}

# jobs_debian VER - olddefconfig (and savedefconfig of that) from each of Debian's configs.
jobs_debian() {
	local f arch
	for f in "$KX_CACHE/configs/$1"/config.*; do
		case ${f##*/} in
		config.amd64_*) arch=x86_64 ;;
		config.arm64_*) arch=arm64 ;;
		*) continue ;;
		esac
		echo "$1 $arch olddefconfig $f"
		echo "$1 $arch savedefconfig @olddefconfig:$f"
	done
}

# jobs_defconfig_files VER ARCH SRCARCH - defconfig from every file in arch/SRCARCH/configs.
jobs_defconfig_files() {
	local tree f
	tree=$(kx_tree_dir "$1")
	for f in "$tree/arch/$3/configs"/*; do
		[ -f "$f" ] || continue
		echo "$1 $2 defconfig arch/$3/configs/${f##*/}"
		echo "$1 $2 savedefconfig @defconfig:arch/$3/configs/${f##*/}"
	done
}

# The conf modes beyond all*config, table-driven: one row per tree and arch, with a config
# written for another version (NEW: many new symbols, for listnewconfig, helpnewconfig and
# oldconfig) and one for this tree (OWN: for the tristate rewrites and syncconfig; a config
# path, or @MODE[:INPUT] for a reference result). Another tree is one more row.
MODE_ROWS='
6.12 x86_64 configs/6.1/config.amd64_none_amd64 configs/6.12/config.amd64_none_amd64
6.12 arm64 configs/6.1/config.arm64_none_arm64 @defconfig
6.1 x86_64 configs/6.12/config.amd64_none_amd64 configs/6.1/config.amd64_none_amd64
6.1 arm64 configs/6.12/config.amd64_none_amd64 configs/6.1/config.arm64_none_arm64
7.3 x86_64 configs/6.12/config.amd64_none_amd64 configs/7.3/config.amd64_none_amd64
5.10 x86_64 configs/6.1/config.amd64_none_amd64 configs/5.10/config.amd64_none_amd64
'
# Modes the conf of older trees lacks, as "MODE FIRST-VERSION": make has no such target there and
# kexplore refuses them (tests/modes/fixture-5.10.sh), so no job is made for an older row.
MODE_SINCE='mod2noconfig 5.17'

# Known differences, documented in README (Conformance status), as "TREE MODE=reason;...": such
# jobs print "not ok ... # TODO reason" (none at the moment).
KX_CONF_TODO=${KX_CONF_TODO-}

# Seeds (SEED[/KCONFIG_PROBABILITY]) for randconfig, on the trees listed: kexplore follows
# conf's sequence on both (6.11 and later: menu order; before: conf's hash table order).
RAND_SEEDS="0x1234 7/20:70 42/90 5/30:10:50 99+$here/allrandom.config"
RAND_TREES="6.12 6.1 7.3 5.10"

# mode_exists VERSION MODE - does that tree's conf have MODE (MODE_SINCE)?
mode_exists() {
	local m since
	while read -r m since; do
		[ "$m" = "$2" ] || continue
		[ "$(printf '%s\n%s\n' "$since" "$1" | sort -V | head -n1)" = "$since" ] || return 1
	done <<<"$MODE_SINCE"
	return 0
}

# jobs_modes - the rows of MODE_ROWS as jobs (paths under configs/ are in $KX_CACHE).
jobs_modes() {
	local ver arch new own m s
	while read -r ver arch new own; do
		[ -n "$ver" ] || continue
		case $new in configs/*) new=$KX_CACHE/$new ;; esac
		case $own in configs/*) own=$KX_CACHE/$own ;; esac
		for m in listnewconfig helpnewconfig oldconfig; do
			echo "$ver $arch $m $new"
		done
		for m in yes2modconfig mod2yesconfig mod2noconfig syncconfig; do
			mode_exists "$ver" "$m" && echo "$ver $arch $m $own"
		done
		case " $RAND_TREES " in
		*" $ver "*) for s in $RAND_SEEDS; do echo "$ver $arch randconfig $s"; done ;;
		esac
	done <<<"$MODE_ROWS"
}

# jobs_upgrade FROM TO - Debian's FROM configs (amd64, arm64) olddefconfig'd on the TO tree,
# and a savedefconfig of that: the path users take to the next kernel.
jobs_upgrade() {
	local f arch
	for f in "$KX_CACHE/configs/$1"/config.amd64_none_amd64 \
		"$KX_CACHE/configs/$1"/config.arm64_none_arm64; do
		case ${f##*/} in config.amd64_*) arch=x86_64 ;; *) arch=arm64 ;; esac
		echo "$2 $arch olddefconfig $f"
		echo "$2 $arch savedefconfig @olddefconfig:$f"
	done
}

jobs_full() {
	local a v
	for a in $ARCHES_612; do
		jobs_all_modes 6.12 "$a"
		echo "6.12 $a olddefconfig @defconfig"
		echo "6.12 $a savedefconfig @olddefconfig:@defconfig"
	done
	jobs_debian 6.12
	for v in 6.1 5.10 7.3; do
		jobs_debian "$v"
		jobs_all_modes "$v" x86_64
		jobs_all_modes "$v" arm64
	done
	jobs_upgrade 6.12 7.3
	jobs_upgrade 6.1 6.12
	jobs_upgrade 5.10 6.1
	jobs_defconfig_files 6.12 x86_64 x86
	jobs_defconfig_files 6.12 arm64 arm64
	jobs_modes
}

jobs_quick() {
	cat <<EOF
6.12 x86_64 allnoconfig
6.12 x86_64 defconfig
6.12 x86_64 savedefconfig @defconfig
6.12 x86_64 olddefconfig $KX_CACHE/configs/6.12/config.amd64_none_amd64
6.12 x86_64 savedefconfig @olddefconfig:$KX_CACHE/configs/6.12/config.amd64_none_amd64
6.12 x86_64 defconfig arch/x86/configs/tiny.config
6.12 arm64 allmodconfig
6.12 um allnoconfig
6.12 x86_64 listnewconfig $KX_CACHE/configs/6.1/config.amd64_none_amd64
6.12 x86_64 helpnewconfig $KX_CACHE/configs/6.1/config.amd64_none_amd64
6.12 x86_64 oldconfig $KX_CACHE/configs/6.1/config.amd64_none_amd64
6.1 x86_64 yes2modconfig $KX_CACHE/configs/6.1/config.amd64_none_amd64
6.12 x86_64 mod2yesconfig $KX_CACHE/configs/6.12/config.amd64_none_amd64
6.12 x86_64 mod2noconfig $KX_CACHE/configs/6.12/config.amd64_none_amd64
6.12 x86_64 syncconfig $KX_CACHE/configs/6.12/config.amd64_none_amd64
6.12 x86_64 randconfig 7/20:70
6.1 x86_64 randconfig 99+$here/allrandom.config
5.10 x86_64 allnoconfig
5.10 arm64 defconfig
5.10 x86_64 olddefconfig $KX_CACHE/configs/5.10/config.amd64_none_amd64
7.3 x86_64 allnoconfig
7.3 arm64 defconfig
7.3 x86_64 olddefconfig $KX_CACHE/configs/7.3/config.amd64_none_amd64
7.3 x86_64 olddefconfig $KX_CACHE/configs/6.12/config.amd64_none_amd64
7.3 x86_64 savedefconfig @olddefconfig:$KX_CACHE/configs/6.12/config.amd64_none_amd64
EOF
}

# prepare - fetch what the chosen jobs need; print nothing on stdout.
prepare() {
	local v
	for v in 6.1 5.10 7.3; do
		case " $1" in
		*" $v "*) kx_tree_ensure "$v" >/dev/null ;;
		esac
	done
	kx_tree_ensure 6.12 >/dev/null
	case $1 in
	*/configs/*/config.*) kx_configs_ensure >/dev/null ;;
	esac
}

main() {
	local set=${KX_CONF_JOBS:-full} jobs list=''
	[ "${1:-}" = --list ] && list=1
	jobs=$(mktemp)
	case $set in
	quick)
		kx_tree_ensure 6.12 >/dev/null 2>&1 || true
		jobs_quick >"$jobs"
		;;
	full)
		# The job list reads the trees and the Debian configs.
		if ! { kx_tree_ensure 6.12 && kx_tree_ensure 6.1 && kx_tree_ensure 5.10 &&
			kx_tree_ensure 7.3 && kx_configs_ensure; } >/dev/null 2>"$jobs"; then
			tap_bail "cannot get the kernel trees or Debian configs: $(tail -1 "$jobs")"
		fi
		jobs_full >"$jobs"
		;;
	*)
		[ -r "$set" ] || tap_bail "KX_CONF_JOBS=$set: not quick, full or a file"
		grep -v '^[[:space:]]*#' "$set" >"$jobs" || true
		;;
	esac
	if [ -n "${KX_CONF_FILTER:-}" ]; then
		grep -E -- "$KX_CONF_FILTER" "$jobs" >"$jobs.f" || true
		mv "$jobs.f" "$jobs"
	fi
	if [ -n "$list" ]; then
		cat "$jobs"
		rm -f "$jobs"
		return 0
	fi
	conf_prereqs
	if ! prepare "$(tr '\n' ' ' <"$jobs")" 2>"$jobs.err"; then
		tap_bail "cannot prepare trees: $(tail -1 "$jobs.err")"
	fi
	KX_CONF_WORK=$(mktemp -d "${TMPDIR:-/tmp}/kx-conf.XXXXXX")
	# shellcheck disable=SC2064 # expand now: jobs is local
	[ -n "${KX_CONF_KEEP:-}" ] || trap "rm -rf '$KX_CONF_WORK' '$jobs' '$jobs.err'" EXIT
	local start ok total
	start=$(date +%s)
	conf_run_jobs "$jobs"
	ok=$(conf_count ok)
	total=$(grep -c . "$jobs" || true)
	tap_diag "$ok/$total identical to the reference in $(($(date +%s) - start))s" \
		"(kexplore $(conf_kx_seconds)s in total)"
	[ -z "${KX_CONF_KEEP:-}" ] || tap_diag "work files kept in $KX_CONF_WORK"
}

# conf_kx_seconds - CPU-independent wall time kexplore took over all jobs.
conf_kx_seconds() {
	cat "$KX_CONF_WORK"/*/times 2>/dev/null | awk '{ s += $2 } END { printf "%.1f", s }'
}

main "$@"
