#!/usr/bin/env bash
# versions-smoke.sh - the commands beyond the configuration targets on the oldest and newest
# trees (Debian's 5.10 and 7.3, x86_64, Debian's amd64 config): why, enable and disable (each
# plan, once applied, must be what the kernel's own olddefconfig keeps: ref.sh), mindiff, diff,
# profiles, modules and the explorer (headless). TAP. The trees and configs come from
# tests/lib/trees.sh; without them the file bails out (a failure, never a pass).
set -uo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
# shellcheck source-path=SCRIPTDIR source=../lib/tap.sh
. "$here/../lib/tap.sh"
# shellcheck source-path=SCRIPTDIR source=../lib/trees.sh
. "$here/../lib/trees.sh"
KEXPLORE=${KEXPLORE:-./kexplore}
case $KEXPLORE in /*) ;; *) KEXPLORE=$PWD/$KEXPLORE ;; esac
VERSIONS=${KX_SMOKE_VERSIONS:-5.10 7.3}

work=$(mktemp -d "${TMPDIR:-/tmp}/kx-smoke.XXXXXX")
trap 'rm -rf "$work"' EXIT

read -r -a vers <<<"$VERSIONS"
tap_plan $((12 * ${#vers[@]}))
kx_configs_ensure >/dev/null 2>"$work/err" || tap_bail "no Debian configs: $(tail -1 "$work/err")"
for v in "${vers[@]}"; do
	tree=$(kx_tree_ensure "$v" 2>"$work/err") || tap_bail "no $v tree: $(tail -1 "$work/err")"
	cfg=$KX_CACHE/configs/$v/config.amd64_none_amd64
	d=$work/$v
	mkdir -p "$d"
	kx() { "$KEXPLORE" -q -C "$tree" --arch x86_64 --config "$cfg" "$@"; }
	# The input made consistent first, so the plans below change only what they list.
	kx olddefconfig -o "$d/base" >/dev/null 2>&1
	cfg=$d/base
	out=$(kx why KVM_AMD 2>&1)
	tap_check "$v: why KVM_AMD answers" grep -q "^KVM_AMD is [ymn]" <<<"$out"
	kx enable BTRFS_FS=y --allow-off -o "$d/en" >"$d/en.log" 2>&1
	tap_check "$v: enable BTRFS_FS=y writes it" grep -qx "CONFIG_BTRFS_FS=y" "$d/en"
	"$here/ref.sh" "$tree" x86_64 olddefconfig "$d/en" "$d/en.ref" >/dev/null 2>&1
	tap_check "$v: the kernel's olddefconfig keeps the enable plan's config" cmp -s "$d/en" "$d/en.ref"
	kx disable EXT4_FS --allow-off -o "$d/dis" >"$d/dis.log" 2>&1
	tap_check "$v: disable EXT4_FS writes it" grep -qx "# CONFIG_EXT4_FS is not set" "$d/dis"
	"$here/ref.sh" "$tree" x86_64 olddefconfig "$d/dis" "$d/dis.ref" >/dev/null 2>&1
	tap_check "$v: the kernel's olddefconfig keeps the disable plan's config" cmp -s "$d/dis" "$d/dis.ref"
	# mindiff from the olddefconfig'd Debian config to the enable plan's config: the plan's
	# request is all it needs (BTRFS_FS's selects follow from it)
	"$KEXPLORE" -q -C "$tree" --arch x86_64 --config "$d/en" mindiff --base "$cfg" -o "$d/frag" \
		>/dev/null 2>&1
	tap_check "$v: mindiff base -> enable plan is CONFIG_BTRFS_FS=y" \
		test "$(grep -v "^#" "$d/frag")" = CONFIG_BTRFS_FS=y
	out=$(kx diff "$cfg" "$d/en" 2>&1)
	tap_check "$v: diff sees the enable plan's changes" grep -q "BTRFS_FS" <<<"$out"
	out=$(KEXPLORE_PROFILE_PATH=${KX_SRCDIR:-$here/../..}/profiles kx profile check containers 2>&1)
	tap_check "$v: profile check containers" grep -q "^total: [0-9]* of [0-9]* required met" <<<"$out"
	out=$(kx modules e1000e 2>&1)
	tap_check "$v: modules e1000e names CONFIG_E1000E" grep -q "symbol: *CONFIG_E1000E=" <<<"$out"
	printf '/E1000E\n<Enter>\ni\n:save-display e1000e.screen\n:quit\n' >"$d/script"
	(cd "$d" && env -i PATH="$PATH" HOME="$d" TERM=xterm LANG=C.UTF-8 LINES=24 COLUMNS=80 \
		KEXPLORE_CACHE="$KX_CACHE" KEXPLORE_SCRIPT="$d/script" timeout 120 \
		"$KEXPLORE" -C "$tree" --config "$cfg" --arch x86_64) </dev/null >"$d/tui.log" 2>&1
	tap_check "$v: explorer opens, searches and shows the information pane" \
		grep -q "^Symbol E1000E " "$d/e1000e.screen"
	tap_check "$v: the information pane starts with why the value is what it is" \
		grep -q "Why [ymn], not" "$d/e1000e.screen"
	tap_check "$v: explorer jumped to E1000E's menu" \
		grep -q "^Device Drivers > Network device support > Ethernet driver support" "$d/e1000e.screen"
done
