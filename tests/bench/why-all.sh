#!/usr/bin/env bash
# why-all.sh - every explanation of Linux 6.12 x86_64 (Debian's amd64 config and the x86_64
# defconfig): each symbol for the natural question and each value of its type (see
# why-all.c). Two uses:
#   tests/bench/why-all.sh time [N]   CPU time of kc_explain() alone, N passes (default 3),
#                                     per config: what the explorer's information view pays
#   tests/bench/why-all.sh out DIR    text, JSON and dot of every explanation into DIR/*.txt,
#                                     to compare two builds byte for byte (cmp); toolchain
#                                     notes say "(cached)" once the $(shell,...) cache is
#                                     warm, so compare two runs made after a first one
# KX_BUILDDIR = the build dir with libkconfig.a and config.h (default: the source dir).
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
src=$(cd "$here/../.." && pwd)
build=${KX_BUILDDIR:-$src}
mode=${1:-time}
[ -f "$build/libkconfig.a" ] || { echo "why-all.sh: build libkconfig.a first" >&2; exit 1; }
case $mode in
time) arg=${2:-3} ;;
out) arg=${2:?usage: why-all.sh out DIR}; mkdir -p "$arg" ;;
*) echo "usage: why-all.sh time [N] | out DIR" >&2; exit 2 ;;
esac
tree=$("$src/tests/lib/trees.sh" ensure 6.12)
"$src/tests/lib/trees.sh" configs >/dev/null
configs=$("$src/tests/lib/trees.sh" cache)/configs
work=$(mktemp -d "${TMPDIR:-/tmp}/kx-why-all.XXXXXX")
trap 'cd / && rm -rf "$work"' EXIT
${CC:-cc} -O2 -I"$build" -I"$src/include" "$here/why-all.c" "$build/libkconfig.a" \
	-lz -llzma -lzstd -o "$work/why-all"
"$src/tests/conformance/ref.sh" 6.12 x86_64 defconfig "$work/def.config"
cp "$configs/6.12/config.amd64_none_amd64" "$work/amd64.config"
[ "$mode" = time ] || arg=$(cd "$arg" && pwd)
# relative config names: explanations cite config lines, and the temporary folder changes
cd "$work"
for cfg in amd64.config def.config; do
	if [ "$mode" = time ]; then
		echo "== $cfg: $(./why-all "$tree" x86_64 "$cfg" time "$arg")"
	else
		./why-all "$tree" x86_64 "$cfg" out >"$arg/$cfg.txt"
	fi
done
