#!/usr/bin/env bash
# tests/unit/reread.sh - one tree, Debian's amd64, cloud-amd64 and rt configs and the x86_64
# defconfig read one after the other (and back): every result must equal the kernel's own
# `make olddefconfig` of that config alone. Catches state left over from an earlier config.
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
. "$here/../lib/trees.sh"
# shellcheck source-path=SCRIPTDIR source=../lib/tap.sh
. "$here/../lib/tap.sh"
: "${KX_BUILDDIR:=.}"
tap_plan 6
if ! tree=$(kx_tree_ensure 6.12 2>/dev/null) || ! kx_configs_ensure >/dev/null 2>&1; then
	tap_bail "the 6.12 tree or Debian's configs are not available"
fi
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
names=(config.amd64_none_amd64 config.amd64_none_cloud-amd64 config.amd64_rt_amd64)
inputs=()
for n in "${names[@]}"; do
	src=$(ls /usr/src/linux-config-6.12/$n.xz 2>/dev/null || true)
	[ -n "$src" ] || tap_bail "missing /usr/src/linux-config-6.12/$n.xz"
	xz -dc "$src" >"$work/$n"
	inputs+=("$work/$n")
done
cp "$tree/arch/x86/configs/x86_64_defconfig" "$work/defconfig"
# the driver is built on demand (EXTRA_PROGRAMS)
${MAKE:-make} -s -C "$KX_BUILDDIR" tests/unit/reread >/dev/null ||
	tap_bail "cannot build tests/unit/reread"
# amd64, cloud, rt, defconfig, then amd64 again
seq=("${inputs[@]}" "$work/defconfig" "${inputs[0]}")
"$KX_BUILDDIR/tests/unit/reread" "$tree" x86_64 "$work" "${seq[@]}" || tap_bail "reread failed"
n=0
for i in "${!seq[@]}"; do
	in=${seq[$i]}
	bash "$here/../conformance/ref.sh" 6.12 x86_64 olddefconfig "$in" "$work/ref.$i" >/dev/null 2>&1 || {
		nok "reference for $(basename "$in") failed"; continue; }
	if cmp -s "$work/ref.$i" "$work/$i.config"; then
		ok "read #$((i + 1)) ($(basename "$in")) equals conf's olddefconfig"
	else
		nok "read #$((i + 1)) ($(basename "$in")) differs from conf"
		tap_diff "$work/ref.$i" "$work/$i.config" 20
	fi
	n=$((i + 1))
done
if [ "$n" -eq 5 ]; then ok "five configs read into one tree"; else nok "only $n reads compared"; fi
tap_done
