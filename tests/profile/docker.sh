#!/usr/bin/env bash
# docker.sh - `profile check containers` agrees item by item with docker's own check-config.sh (TAP).
#
# For Debian's 6.12 configs (amd64 and arm64) and the x86_64 defconfig, docker's contrib/check-config.sh (Debian docker.io,
# fetched with apt-get download when docker.io is not installed) is run on the config file, and its
# verdict for every CONFIG_ flag it prints is compared with kexplore's for the same symbol:
#   enabled <-> met (=y), enabled (as module) <-> met as module, missing <-> missing/impossible.
# A disagreement passes only when one of these reasons, checked here, explains it:
#   version:  the containers profile limits the item to older kernels ([linux<...]) because the
#             option no longer exists in this tree, while check-config.sh asks for it anyway;
#   substring: check-config.sh greps "CONFIG_X=[y|m]" without anchoring it, so CONFIG_X=y is
#             "found" inside CONFIG_SOMETHING_X=y; an anchored grep of the file agrees with kexplore;
#   not a requirement: the flag is not in the profile on purpose (AUFS_FS is not in mainline
#             Linux; LEGACY_VSYSCALL_* is check-config.sh's warning about vsyscall policy).
# Anything else fails, with both verdicts printed.
set -uo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
src=${KX_SRCDIR:-$(cd "$here/../.." && pwd)}
# shellcheck source-path=SCRIPTDIR source=../lib/trees.sh
. "$src/tests/lib/trees.sh"
# shellcheck source-path=SCRIPTDIR source=../lib/tap.sh
. "$src/tests/lib/tap.sh"
KEXPLORE=${KEXPLORE:-./kexplore}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# Flags deliberately not in the containers profile, and why.
declare -A NOT_REQUIRED=(
	[AUFS_FS]="aufs is not in mainline Linux"
	[LEGACY_VSYSCALL_NATIVE]="check-config.sh's vsyscall policy warning, not a requirement"
	[LEGACY_VSYSCALL_EMULATE]="check-config.sh's vsyscall policy warning, not a requirement"
	[LEGACY_VSYSCALL_NONE]="check-config.sh's vsyscall policy warning, not a requirement"
)

# docker_script - print the path of check-config.sh, fetching Debian's docker.io .deb if needed.
docker_script() {
	local f=/usr/share/docker.io/contrib/check-config.sh cache=$KX_CACHE/docker.io dl deb
	if [ -r "$f" ]; then
		echo "$f"
		return 0
	fi
	(
		kx_lock docker.io
		[ -r "$cache/check-config.sh" ] && exit 0
		dl=$(mktemp -d)
		chmod 0777 "$dl" # apt-get download drops privileges to _apt
		(cd "$dl" && apt-get download -qq docker.io >&2) ||
			{ kx_apt_update && (cd "$dl" && apt-get download -qq docker.io >&2); } ||
			{ rm -rf "$dl"; exit 1; }
		deb=$(ls "$dl"/docker.io_*.deb)
		dpkg-deb -x "$deb" "$dl/x"
		mkdir -p "$cache"
		cp "$dl/x/usr/share/docker.io/contrib/check-config.sh" "$cache/check-config.sh.tmp"
		dpkg-deb -f "$deb" Version >"$cache/version"
		mv "$cache/check-config.sh.tmp" "$cache/check-config.sh"
		rm -rf "$dl"
	) || return 1
	echo "$cache/check-config.sh"
}

# docker_verdicts CONFIG - "SYM enabled|module|missing" lines from check-config.sh.
docker_verdicts() {
	bash "$SCRIPT" "$1" 2>/dev/null | sed 's/\x1b\[[0-9;]*m//g' |
		sed -n 's/^[ -]*CONFIG_\([A-Z0-9_]*\): \(enabled (as module)\|enabled\|missing\)$/\1 \2/p' |
		sed 's/ enabled (as module)$/ module/'
}

# kexplore_verdicts ARCH CONFIG - "SYM enabled|module|missing|skipped" for the containers profile.
kexplore_verdicts() {
	KEXPLORE_PROFILE_PATH=$src/profiles timeout 120 "$KEXPLORE" -C "$TREE" --arch "$1" \
		profile check containers --config "$2" --json >"$work/k.json" 2>"$work/k.err"
	[ $? -le 1 ] || return 1
	jq -r '(.items[] | .symbol + " " + (if .state == "met" then "enabled"
		elif .state == "met as module" then "module" else "missing" end)),
		(.skipped[] | . + " skipped")' "$work/k.json"
}

# anchored CONFIG SYM - what an anchored reading of the file says: enabled, module or missing.
anchored() {
	if grep -q "^CONFIG_$2=y\$" "$1"; then echo enabled
	elif grep -q "^CONFIG_$2=m\$" "$1"; then echo module
	else echo missing; fi
}

# compare ARCH CONFIG - one TAP line per config; differences as comments.
compare() {
	local arch=$1 cfg=$2 sym d k why bad=0 agree=0 explained=0
	declare -A kv=()
	docker_verdicts "$cfg" >"$work/d.txt"
	if ! kexplore_verdicts "$arch" "$cfg" >"$work/k.txt"; then
		nok "$arch ${cfg##*/}: kexplore profile check failed"
		tap_diag_file "$work/k.err" 10
		return
	fi
	while read -r sym k; do kv[$sym]=$k; done <"$work/k.txt"
	while read -r sym d; do
		k=${kv[$sym]:-absent}
		why=''
		if [ "$k" = "$d" ]; then
			agree=$((agree + 1))
			continue
		elif [ "$k" = skipped ]; then
			why="version: the profile keeps CONFIG_$sym for older kernels; this tree has no such option"
			grep -qE "^[[:space:]]*(menu)?config $sym\$" -r "$TREE" --include='Kconfig*' &&
				why=''
		elif [ "$k" = absent ] && [ -n "${NOT_REQUIRED[$sym]:-}" ]; then
			why="not a requirement: ${NOT_REQUIRED[$sym]}"
		elif [ "$k" != absent ] && [ "$(anchored "$cfg" "$sym")" = "$k" ]; then
			why="substring: check-config.sh matched $(grep -m1 -E "CONFIG_[A-Z0-9_]*$sym=[ym]" "$cfg")"
		fi
		if [ -n "$why" ]; then
			explained=$((explained + 1))
			echo "# $arch ${cfg##*/}: CONFIG_$sym: docker $d, kexplore $k ($why)" >>"$work/notes"
		else
			bad=$((bad + 1))
			echo "# $arch ${cfg##*/}: CONFIG_$sym: docker says $d, kexplore says $k: UNEXPLAINED" >>"$work/notes"
		fi
	done <"$work/d.txt"
	if [ "$bad" -eq 0 ] && [ "$agree" -gt 60 ]; then
		ok "$arch ${cfg##*/}: $agree flags agree, $explained differences explained"
	else
		nok "$arch ${cfg##*/}: $agree agree, $explained explained, $bad unexplained"
	fi
	[ -e "$work/notes" ] && cat "$work/notes" && rm -f "$work/notes"
}

tap_plan 3
[ -x "$KEXPLORE" ] || tap_bail "no kexplore binary at $KEXPLORE"
# jq reads kexplore's JSON in every check: without it all three are skipped, with the reason.
if ! tap_require jq; then
	for t in x86_64 arm64 "x86_64 defconfig"; do
		skip "$t: the containers profile agrees with check-config.sh" \
			"$tap_missing not installed (apt-get install jq)"
	done
	tap_done
fi
SCRIPT=$(docker_script) || tap_bail "cannot get docker's check-config.sh"
TREE=$(kx_tree_ensure 6.12 2>/dev/null) || tap_bail "no 6.12 tree"
kx_configs_ensure >"$work/configs" 2>/dev/null || tap_bail "no Debian configs"
tap_diag "check-config.sh: $SCRIPT"
amd64=$(grep '/6.12/config.amd64_none_amd64$' "$work/configs")
arm64=$(grep '/6.12/config.arm64_none_arm64$' "$work/configs")
if [ -z "$amd64" ] || [ -z "$arm64" ]; then tap_bail "Debian 6.12 configs missing"; fi
compare x86_64 "$amd64"
compare arm64 "$arm64"
# and a config where many flags are off: x86_64 defconfig, made by the kernel's make defconfig
if "$src/tests/conformance/ref.sh" 6.12 x86_64 defconfig "$work/x86_64_defconfig" 2>"$work/ref.err"; then
	compare x86_64 "$work/x86_64_defconfig"
else
	nok "x86_64 defconfig: ref.sh failed: $(tail -1 "$work/ref.err")"
fi
tap_done
