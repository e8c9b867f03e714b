#!/usr/bin/env bash
# agree-why-plan.sh - how often `why` and `enable` disagree on int/hex/string values, on Linux
# 6.12 x86_64 with Debian's amd64 config and with the x86_64 defconfig (see agree-why-plan.c).
#
# usage: tests/bench/agree-why-plan.sh      (KX_BUILDDIR = the build dir with libkconfig.a)
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
src=$(cd "$here/../.." && pwd)
build=${KX_BUILDDIR:-$src}
[ -f "$build/libkconfig.a" ] || { echo "agree-why-plan.sh: build libkconfig.a first" >&2; exit 1; }
tree=$("$src/tests/lib/trees.sh" ensure 6.12)
"$src/tests/lib/trees.sh" configs >/dev/null
configs=$("$src/tests/lib/trees.sh" cache)/configs
work=$(mktemp -d "${TMPDIR:-/tmp}/kx-agree.XXXXXX")
trap 'rm -rf "$work"' EXIT
${CC:-cc} -O1 -I"$build" -I"$src/include" "$here/agree-why-plan.c" "$build/libkconfig.a" \
	-lz -llzma -lzstd -o "$work/agree"
"$src/tests/conformance/ref.sh" 6.12 x86_64 defconfig "$work/def.config"
for cfg in "$configs/6.12/config.amd64_none_amd64" "$work/def.config"; do
	echo "== $(basename "$cfg")"
	"$work/agree" "$tree" x86_64 "$cfg"
done
