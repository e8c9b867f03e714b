#!/usr/bin/env bash
# real.sh - `profile apply` on the real 6.12 tree, checked by the kernel's own conf (TAP).
#
# For x86_64 and arm64, starting from allnoconfig, defconfig (both made by the kernel's make) and
# Debian's config, apply each profile set below with kexplore, then run the kernel's olddefconfig
# on the written file. Every required item of the set (read from the profile files by reqs.awk, an
# independent reader, with requires expanded and items on one symbol intersected) must then hold
# in conf's result, unless kexplore's apply output reported it "impossible here" with a reason.
# conf runs once per arch on all results (tests/why/conf-batch.sh: the kernel's own conf objects
# under the kernel's make, one Kconfig parse for many configs). Also checks `profile check --running` against /proc/config.gz when the machine has one.
#
# KX_PROFILE_REAL=quick (or make check-quick) runs only x86_64 allnoconfig and Debian.
set -uo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
src=${KX_SRCDIR:-$(cd "$here/../.." && pwd)}
# shellcheck source-path=SCRIPTDIR source=../lib/trees.sh
. "$src/tests/lib/trees.sh"
# shellcheck source-path=SCRIPTDIR source=../lib/tap.sh
. "$src/tests/lib/tap.sh"
KEXPLORE=${KEXPLORE:-./kexplore}
REF=$src/tests/conformance/ref.sh  # allnoconfig and defconfig starts, by the kernel's make
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
SETS=("cgroups-v2 namespaces zram mglru thp" "containers" "ix-baseline")

# profile_files NAME... - the profile files in requires order (each once, required ones first).
declare -A seen_profile=()
profile_files() {
	local name f r
	for name in "$@"; do
		[ -n "${seen_profile[$name]:-}" ] && continue
		seen_profile[$name]=1
		f=$src/profiles/$name.profile
		[ -r "$f" ] || { echo "missing profile $name" >&2; return 1; }
		for r in $(sed -n 's/^#[[:space:]]*requires:[[:space:]]*//p' "$f" | tr ',' ' '); do
			profile_files "$r" || return 1
		done
		echo "$f"
	done
}

# required_items SRCARCH NAME... - "SYM ACCEPT" for the required items, merged (intersection).
required_items() {
	local arch=$1 files
	shift
	seen_profile=()
	files=$(profile_files "$@") || return 1
	# shellcheck disable=SC2086 # one file per word
	awk -v kver="$KVER" -v srcarch="$arch" -f "$here/reqs.awk" $files |
		awk '$3 == "req" {
			if (!($1 in acc)) { order[++n] = $1; acc[$1] = $2; next }
			a = acc[$1]; b = $2
			if (a ~ /^=/ || b ~ /^=/) { if (a != b) acc[$1] = "CONFLICT"; next }
			r = ""
			if (index(a, "y") && index(b, "y")) r = r "y"
			if (index(a, "m") && index(b, "m")) r = r "m"
			if (index(a, "n") && index(b, "n")) r = r "n"
			acc[$1] = r == "" ? "CONFLICT" : r
		}
		END { for (i = 1; i <= n; i++) print order[i], acc[order[i]] }'
}

# value CONFIG SYM - y, m, n (not set or absent) or =VALUE (quotes removed).
value() {
	local v
	v=$(sed -n "s/^CONFIG_$2=//p" "$1")
	case $v in
	'') echo n ;;
	y | m) echo "$v" ;;
	\"*\") v=${v#\"}; echo "=${v%\"}" ;;
	*) echo "=$v" ;;
	esac
}

# kept ACCEPT VALUE - whether conf's VALUE meets ACCEPT.
kept() {
	case $1 in
	=*) [ "$1" = "$2" ] || { [ "$1" = "=" ] && [ "$2" = n ]; } ;;
	*) [ "${2#=}" = "$2" ] && [ "${1#*"$2"}" != "$1" ] ;;
	esac
}

# apply_case ID ARCH START-FILE SET - kexplore's apply, into $work/ID.out (log in ID.log, exit in ID.rc).
apply_case() {
	local id=$1 arch=$2 start=$3 set=$4
	# shellcheck disable=SC2086 # the set is several names
	KEXPLORE_PROFILE_PATH=$src/profiles timeout 300 "$KEXPLORE" -C "$TREE" --arch "$arch" \
		--config "$start" profile apply $set --allow-off -o "$work/$id.out" >"$work/$id.log" 2>&1
	echo $? >"$work/$id.rc"
}

# judge_case ID ARCH START-NAME SET - compare conf's result ID.res with the set's required items.
judge_case() {
	local id=$1 arch=$2 sname=$3 set=$4 sa name res log rc sym acc v
	local total=0 held=0 impossible=0 bad=0 notes=''
	sa=$([ "$arch" = x86_64 ] && echo x86 || echo "$arch")
	name="$arch $sname + $set"
	res=$work/$id.res
	log=$work/$id.log
	rc=$(cat "$work/$id.rc")
	if [ "$rc" -gt 1 ] || [ ! -s "$work/$id.out" ]; then
		nok "$name: apply failed (exit $rc)"
		tail -5 "$log" | sed 's/^/# /'
		return
	fi
	if [ ! -s "$res" ]; then
		nok "$name: no result from the kernel's olddefconfig"
		return
	fi
	# shellcheck disable=SC2086
	while read -r sym acc; do
		total=$((total + 1))
		v=$(value "$res" "$sym")
		if [ "$acc" != CONFLICT ] && kept "$acc" "$v"; then
			held=$((held + 1))
		elif grep -q "^impossible here: CONFIG_$sym: " "$log"; then
			impossible=$((impossible + 1))
			notes="$notes# $(grep -m1 "^impossible here: CONFIG_$sym: " "$log")"$'\n'
		else
			bad=$((bad + 1))
			notes="$notes# NOT KEPT: CONFIG_$sym wants $acc, conf's result has $v"$'\n'
		fi
	done < <(required_items "$sa" $set)
	if [ "$bad" -eq 0 ] && [ "$total" -gt 0 ] && ! grep -q 'DID NOT TAKE' "$log"; then
		ok "$name: $held of $total required items kept by conf, $impossible reported impossible"
	else
		nok "$name: $held of $total kept, $impossible impossible, $bad lost"
		grep 'DID NOT TAKE' "$log" | sed 's/^/# /'
	fi
	printf '%s' "$notes"
}

# running_check - profile check --running thp against a literal reading of /proc/config.gz.
running_check() {
	local lit k
	if [ ! -r /proc/config.gz ]; then
		skip "check --running reads /proc/config.gz" "no /proc/config.gz on this machine"
		return
	fi
	if ! tap_require jq; then
		skip "check --running reads /proc/config.gz" "$tap_missing not installed (apt-get install jq)"
		return
	fi
	lit=$(zcat /proc/config.gz | sed -n 's/^CONFIG_TRANSPARENT_HUGEPAGE=//p')
	KEXPLORE_PROFILE_PATH=$src/profiles timeout 60 "$KEXPLORE" -C "$TREE" --arch x86_64 \
		profile check --running thp --json >"$work/run.json" 2>"$work/run.err"
	k=$(jq -r '.items[] | select(.symbol == "TRANSPARENT_HUGEPAGE") | .actual' "$work/run.json")
	if [ "$k" = "${lit:-n}" ]; then
		ok "check --running reads /proc/config.gz (TRANSPARENT_HUGEPAGE=$k as the file says)"
	else
		nok "check --running: kexplore says $k, /proc/config.gz says ${lit:-n}"
	fi
}

[ -x "$KEXPLORE" ] || tap_bail "no kexplore binary at $KEXPLORE"
TREE=$(kx_tree_ensure 6.12 2>/dev/null) || tap_bail "no 6.12 tree"
KVER=$(kx_make_version "$TREE")
kx_configs_ensure >"$work/configs" 2>/dev/null || tap_bail "no Debian configs"
arches=(x86_64 arm64)
starts=(allnoconfig defconfig debian)
if [ "${KX_PROFILE_REAL:-${KX_CONF_JOBS:-}}" = quick ]; then
	arches=(x86_64)
	starts=(allnoconfig debian)
fi
tap_plan $((${#arches[@]} * ${#starts[@]} * ${#SETS[@]} + 1))
cases=()
for arch in "${arches[@]}"; do
	: >"$work/batch-$arch"
	for s in "${starts[@]}"; do
		start=$work/start-$arch-$s
		if [ "$s" = debian ]; then
			deb=$([ "$arch" = x86_64 ] && echo amd64_none_amd64 || echo arm64_none_arm64)
			cp "$(grep "/6.12/config.$deb\$" "$work/configs")" "$start" ||
				tap_bail "Debian config $deb missing"
		elif ! "$REF" "$TREE" "$arch" "$s" "$start" 2>"$work/ref.err"; then
			tap_bail "the kernel's make $s failed for $arch: $(tail -1 "$work/ref.err")"
		fi
		for i in "${!SETS[@]}"; do
			id=$arch-$s-$i
			apply_case "$id" "$arch" "$start" "${SETS[$i]}"
			[ -s "$work/$id.out" ] && echo "$work/$id.out $work/$id.res" >>"$work/batch-$arch"
			cases+=("$id|$arch|$s|${SETS[$i]}")
		done
	done
	if ! "$src/tests/why/conf-batch.sh" "$TREE" "$arch" "$work/batch-$arch" >"$work/batch.log" 2>&1; then
		tap_diag "the kernel's conf failed for $arch:"
		tail -5 "$work/batch.log" | sed 's/^/# /'
	fi
done
for c in "${cases[@]}"; do
	IFS='|' read -r id arch s set <<<"$c"
	judge_case "$id" "$arch" "$s" "$set"
done
running_check
tap_done
