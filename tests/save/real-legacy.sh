#!/usr/bin/env bash
# real-legacy.sh - mindiff on real trees before 6.11 (legacy choices, incremental since issue 14):
# Debian's amd64 config of 6.1 (bookworm's kernel) and of 5.10 against the x86_64 defconfig as the
# kernel's `make defconfig` writes it. For each tree:
#   1. `kexplore mindiff --base defconfig` of Debian's config succeeds;
#   2. the kernel's conf on defconfig + fragment (make olddefconfig) gives what conf gives for
#      Debian's config, byte for byte;
#   3. minimal, sampled: without its first, middle or last line conf no longer gives it (every
#      line is proven by kexplore's search itself; tests/save/legacy.sh checks every line with conf
#      on the legacy fixtures).
# KX_CONF_JOBS=quick: 6.1 only.
set -uo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
# shellcheck source-path=SCRIPTDIR source=../lib/tap.sh
. "$here/../lib/tap.sh"
# shellcheck source-path=SCRIPTDIR source=../lib/trees.sh
. "$here/../lib/trees.sh"
KEXPLORE=${KEXPLORE:-./kexplore}
REF=$here/../conformance/ref.sh
work=$(mktemp -d "${TMPDIR:-/tmp}/kx-save-legacy-real.XXXXXX")
trap 'rm -rf "$work"' EXIT
versions=(6.1 5.10)
[ "${KX_CONF_JOBS:-}" = quick ] && versions=(6.1)
tap_plan $((3 * ${#versions[@]}))
skip3() {
	local i
	for i in 1 2 3; do skip "$1"; done
}
ref() { bash "$REF" "$1" x86_64 olddefconfig "$2" "$3" >/dev/null 2>&1; }

for v in "${versions[@]}"; do
	if ! tree=$(kx_tree_ensure "$v" 2>/dev/null); then
		skip3 "the $v tree is not available"
		continue
	fi
	deb=""
	if [ -r "/usr/src/linux-config-$v/config.amd64_none_amd64.xz" ]; then
		xz -dc "/usr/src/linux-config-$v/config.amd64_none_amd64.xz" >"$work/debian" && deb=1
	elif [ -r "$KX_CACHE/configs/$v/config.amd64_none_amd64" ]; then
		cp "$KX_CACHE/configs/$v/config.amd64_none_amd64" "$work/debian" && deb=1
	fi
	[ -n "$deb" ] || { skip3 "Debian's $v amd64 config is not available"; continue; }
	if ! bash "$REF" "$v" x86_64 defconfig "$work/defconfig" >/dev/null 2>&1 ||
		! ref "$v" "$work/debian" "$work/target"; then
		skip3 "conf of $v could not make the defconfig or the target"
		continue
	fi
	env -u KCONFIG_CONFIG -u ARCH -u SRCARCH -u srctree timeout 600 "$KEXPLORE" -q -C "$tree" \
		--arch x86_64 --config "$work/debian" mindiff --base "$work/defconfig" \
		>"$work/frag" 2>"$work/err"
	rc=$?
	grep -E '^(CONFIG_|# CONFIG_[A-Za-z0-9_]+ is not set$)' "$work/frag" >"$work/lines"
	total=$(wc -l <"$work/lines")
	[ "$rc" = 0 ] && [ "$total" -gt 100 ]
	ok $? "$v: mindiff of Debian's amd64 config from the x86_64 defconfig: $total lines (exit $rc)"
	cat "$work/defconfig" "$work/lines" >"$work/applied"
	ref "$v" "$work/applied" "$work/result" && cmp -s "$work/target" "$work/result"
	ok $? "$v: conf on defconfig + fragment gives conf's result for Debian's config"
	needed=0
	for i in 1 $(((total + 1) / 2)) "$total"; do
		sed "${i}d" "$work/lines" | cat "$work/defconfig" - >"$work/applied"
		ref "$v" "$work/applied" "$work/result"
		cmp -s "$work/target" "$work/result" || needed=$((needed + 1))
	done
	[ "$needed" = 3 ]
	ok $? "$v: conf needs the first, middle and last line ($needed of 3)"
done
