#!/usr/bin/env bash
# sweep.sh - every architecture x every defconfig file of a tree: kexplore vs the kernel's conf.
#
# usage: sweep.sh TREE      TREE is 6.12, 6.1 (cached Debian trees) or a path
# For each arch/ARCH/configs/FILE it compares `kexplore --arch ARCH defconfig arch/ARCH/configs/FILE`
# with `make ARCH=ARCH defconfig` on that file, prints each difference (TAP, diff as comments) and
# finally "N/M identical". Not part of make check: the 6.12 tree has 325 such files (~8 minutes of
# references the first time; they are cached afterwards). KX_CONF_PARALLEL, KX_CONF_FLAGS and
# KEXPLORE work as for compare.sh; KX_SWEEP_ARCHES="x86 arm64" limits the arch directories.
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
# shellcheck source-path=SCRIPTDIR source=lib.sh
. "$here/lib.sh"

main() {
	[ $# -eq 1 ] || { sed -n '2,9s/^# \{0,1\}//p' "${BASH_SOURCE[0]}" >&2; exit 2; }
	local tree treedir jobs a f ok total
	tree=$1
	treedir=$(kx_tree_resolve "$tree")
	case $tree in [0-9]*.*) ;; *) tree=$treedir ;; esac
	conf_prereqs
	jobs=$(mktemp)
	for a in "$treedir"/arch/*/configs; do
		a=${a%/configs}
		a=${a##*/}
		if [ -n "${KX_SWEEP_ARCHES:-}" ] && ! printf ' %s ' "$KX_SWEEP_ARCHES" | grep -q " $a "; then
			continue
		fi
		for f in "$treedir/arch/$a/configs"/*; do
			[ -f "$f" ] && echo "$tree $a defconfig arch/$a/configs/${f##*/}"
		done
	done >"$jobs"
	KX_CONF_WORK=$(mktemp -d "${TMPDIR:-/tmp}/kx-sweep.XXXXXX")
	# shellcheck disable=SC2064 # expand now: jobs is local
	trap "rm -rf '$KX_CONF_WORK' '$jobs'" EXIT
	conf_run_jobs "$jobs"
	ok=$(conf_count ok)
	total=$(grep -c . "$jobs" || true)
	tap_diag "$ok/$total identical"
	[ "$ok" -eq "$total" ]
}

main "$@"
