#!/usr/bin/env bash
# conf-batch.sh - run the kernel's own olddefconfig on many configs with one Kconfig parse.
#
# usage: conf-batch.sh TREE ARCH LIST
#   TREE  a kernel tree or a Debian version (6.12); ARCH as for make ARCH=
#   LIST  file of "INPUT OUTPUT" lines (absolute paths): each OUTPUT gets what
#         `make olddefconfig` makes of INPUT
#
# Builds tests/why/conf-batch.c against the tree's prebuilt scripts/kconfig objects
# (trees.sh conf), puts it in place of conf in a scratch O= dir and runs
# `make olddefconfig` there, so the kbuild environment (CC, srctree, the toolchain
# probes) is exactly the kernel's. Exits non-zero if anything fails.
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
# shellcheck source-path=SCRIPTDIR source=../lib/trees.sh
. "$here/../lib/trees.sh"

[ $# -eq 3 ] || { sed -n '2,12s/^# \{0,1\}//p' "${BASH_SOURCE[0]}" >&2; exit 2; }
tree=$(kx_tree_resolve "$1")
arch=$2
list=$3
confdir=$(kx_conf_ensure "$tree")
scratch=$(mktemp -d "${TMPDIR:-/tmp}/kx-confbatch.XXXXXX")
trap 'rm -rf "$scratch"' EXIT
cp -a "$confdir/scripts" "$scratch/"
objs=()
for o in "$confdir"/scripts/kconfig/*.o; do
	[ "${o##*/}" = conf.o ] || objs+=("$o")
done
"${CC:-cc}" -O1 -I"$tree/scripts/kconfig" -I"$tree/scripts/include" \
	-o "$scratch/scripts/kconfig/conf" "$here/conf-batch.c" "${objs[@]}"
touch "$scratch/scripts/kconfig/conf"
env -u KCONFIG_CONFIG -u KCONFIG_ALLCONFIG -u KCONFIG_OVERWRITECONFIG \
	-u ARCH -u SRCARCH -u SUBARCH -u CROSS_COMPILE -u LLVM -u CC -u LD -u O \
	-u srctree -u objtree -u MAKEFLAGS -u MAKELEVEL -u MFLAGS \
	KX_CONF_BATCH="$list" make -s -C "$tree" O="$scratch" ARCH="$arch" olddefconfig </dev/null
