#!/usr/bin/env bash
# defconfig-targets.sh - defconfigs that are make targets, not files (kc_defconfig_read):
# `kexplore defconfig NAME` must equal the kernel's `make ARCH=... NAME`, byte for byte, for
# merge_into_defconfig targets on one line (ppc64le_defconfig), continued over lines
# (mpc85xx_defconfig, corenet64_smp_defconfig), aliases without a recipe
# (pseries_defconfig: ppc64le_guest_defconfig), another arch's (arm's multi_v7_lpae_defconfig)
# and MIPS generic boards (32r2el_defconfig, 64r6_defconfig). The references come from
# ref.sh (make on Debian's Linux 6.12, cached). TAP output.
set -uo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
# shellcheck source-path=SCRIPTDIR source=lib.sh
. "$here/lib.sh"

KEXPLORE=${KEXPLORE:-./kexplore}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

targets="powerpc:ppc64le_defconfig powerpc:mpc85xx_defconfig powerpc:corenet64_smp_defconfig
	powerpc:pseries_defconfig arm:multi_v7_lpae_defconfig mips:32r2el_defconfig
	mips:64r6_defconfig"
tap_plan "$(echo "$targets" | wc -w)"
if ! tree=$(kx_tree_ensure 6.12 2>"$work/err"); then
	tap_bail "no Linux 6.12 tree: $(head -1 "$work/err")"
fi
for t in $targets; do
	arch=${t%%:*} name=${t#*:}
	if ! "$here/ref.sh" "$tree" "$arch" "$name" "$work/ref" >"$work/err" 2>&1; then
		nok "$arch $name: the reference (make $name) failed"
		sed 's/^/# /' "$work/err" | head -5
		continue
	fi
	rc=0
	conf_kexplore -q -C "$tree" --arch "$arch" defconfig "$name" -o "$work/kx" \
		>/dev/null 2>"$work/err" || rc=$?
	if [ "$rc" -eq 0 ] && cmp -s "$work/ref" "$work/kx"; then
		ok "$arch $name equals make's"
	else
		nok "$arch $name equals make's (exit $rc)"
		{ cat "$work/err"; diff -u "$work/ref" "$work/kx"; } 2>&1 | head -20 | sed 's/^/# /'
	fi
	rm -f "$work/kx" "$work/ref"
done
