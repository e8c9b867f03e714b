#!/usr/bin/env bash
# cli.sh - `kexplore profile` on the fixture tree (tests/profile/tree) and the shipped profiles (TAP).
#
# Expected values are reasoned here from the fixture's Kconfig and profiles, and what apply writes
# is read back by the kernel's own conf (olddefconfig), which must keep every requested value.
set -uo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
src=${KX_SRCDIR:-$(cd "$here/../.." && pwd)}
# shellcheck source-path=SCRIPTDIR source=../lib/trees.sh
. "$src/tests/lib/trees.sh"
KEXPLORE=${KEXPLORE:-./kexplore}
tree=$here/tree
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
# shellcheck source-path=SCRIPTDIR source=../lib/tap.sh
. "$here/../lib/tap.sh"

kx() { # kx ARGS... - kexplore on the fixture tree and profiles
	KEXPLORE_PROFILE_PATH=$here/fixtures timeout 60 "$KEXPLORE" -C "$tree" --arch x86_64 "$@"
}

# conf_olddefconfig IN OUT - the kernel's conf on the fixture tree.
conf_olddefconfig() {
	local s
	s=$(mktemp -d "$work/conf.XXXXXX")
	cp "$1" "$s/.config"
	(cd "$s" && env -i PATH="$PATH" HOME="$HOME" LC_ALL=C srctree="$tree" \
		"$CONF" -s --olddefconfig Kconfig) >"$s/log" 2>&1 && cp "$s/.config" "$2"
}

# value FILE SYM - SYM's line in a config ("y", "m", "\"str\"", "n" for not set / absent).
value() {
	local v
	v=$(sed -n "s/^CONFIG_$2=//p" "$1")
	printf '%s\n' "${v:-n}"
}

tap_plan 25
if [ ! -x "$KEXPLORE" ]; then
	tap_bail "no kexplore binary at $KEXPLORE"
fi
if ! CONFDIR=$(kx_conf_ensure 6.12 2>"$work/conf.err"); then
	tap_bail "cannot build the kernel's conf: $(tail -1 "$work/conf.err")"
fi
CONF=$CONFDIR/scripts/kconfig/conf

# 1-2: list
kx profile list >"$work/list" 2>"$work/list.err"
ok $? "profile list succeeds"
[ "$(cut -d' ' -f1 "$work/list" | tr '\n' ' ')" = "base conflict cycle-a cycle-b extra " ] &&
	[ ! -s "$work/list.err" ]
ok $? "profile list: the five fixture profiles, sorted, no diagnostics"

# 3-4: show
kx profile show extra >"$work/show"
grep -qx 'CONFIG_VETH=y	# built in, narrowing base'"'"'s \[y/m\]' "$work/show" &&
	grep -qx '# requires: base' "$work/show"
ok $? "profile show prints the header and the items with their comments"
kx profile show extra --fragment >"$work/frag"
# base's VETH [y/m] narrowed to y by extra; TOOLD is for Linux < 4.0, the tree is 6.12: left out
grep -qx 'CONFIG_VETH=y' "$work/frag" && grep -qx '# CONFIG_HELPER is not set' "$work/frag" &&
	grep -qx 'CONFIG_HELPER_PATH=""' "$work/frag"
ok $? "profile show --fragment: the merged requirements as a plain fragment"

# 5-9: check, with states reasoned from tree/Kconfig and tree/config
kx profile check extra --config "$tree/config" >"$work/check" 2>&1
ok $((1 - $?)) "check exits 1: required items are missing"
grep -q '^  met  *CONFIG_NET ' "$work/check" &&
	grep -q '^  MISSING  *CONFIG_VETH  *m .*set to m' "$work/check" &&
	grep -q '^  MISSING  *CONFIG_BRIDGE .*INET' "$work/check" &&
	grep -q '^  MISSING  *CONFIG_HELPER .*DRIVER' "$work/check" &&
	grep -q '^  IMPOSSIBLE CONFIG_NOPROMPT ' "$work/check" &&
	grep -q '^  impossible CONFIG_FOO_ARCH .*recommended.*OTHER_ARCH' "$work/check"
ok $? "check: met / MISSING with the cause / IMPOSSIBLE / impossible (recommended)"
sed 's/^/# /' "$work/check" | head -30
grep -q 'n/a here: CONFIG_TOOLD (for Linux before 4.0)' "$work/check" &&
	grep -q 'CONFIG_ARMONLY (for ARCH arm64)' "$work/check"
ok $? "check lists the items outside the tree's version and arch as n/a"
kx profile check extra --config "$tree/config" --json >"$work/check.json"
[ "$(jq -r '.items[] | select(.symbol == "HELPER_PATH") | .state + "|" + .actual' "$work/check.json")" = \
	"missing|/sbin/hotplug" ] &&
	[ "$(jq -r '.items[] | select(.symbol == "COUNT") | .want + "|" + .actual' "$work/check.json")" = "64|10" ] &&
	[ "$(jq -r '.ok' "$work/check.json")" = false ]
ok $? "check --json: string and int items with wanted and actual values"
kx profile check extra --config "$tree/config" --why >"$work/why" 2>&1
grep -q 'OTHER_ARCH is not defined' "$work/why"
ok $? "check --why prints the whole explanation"

# 10-11: conflicts
kx profile check extra conflict --config "$tree/config" >"$work/conflict" 2>&1
grep -q '^  CONFLICT   CONFIG_NET .*wants y.*wants n' "$work/conflict" &&
	grep -q 'note: .*the required item wins' "$work/conflict"
ok $? "check: two required items disagreeing is a CONFLICT; a recommended one a note"
cp "$tree/config" "$work/untouched"
kx profile apply extra conflict --config "$work/untouched" --allow-off >"$work/capply" 2>&1
rc=$?
[ $rc -eq 1 ] && grep -q 'incompatible values' "$work/capply" && cmp -s "$tree/config" "$work/untouched"
ok $? "apply refuses conflicting profiles and changes nothing"

# 12-13: apply without --allow-off: HELPER=n needs DRIVER (=m, selects HELPER) off
cp "$tree/config" "$work/in.config"
kx profile apply extra --config "$work/in.config" -o "$work/noff.config" >"$work/noff" 2>&1
rc=$?
[ $rc -eq 1 ] && [ ! -e "$work/noff.config" ] && grep -q 'DRIVER .*OFF' "$work/noff"
ok $? "apply without --allow-off: shows DRIVER turned off, writes nothing, exits 1"
kx profile apply extra --config "$work/in.config" --dry-run --allow-off >"$work/dry" 2>&1
rc=$?
[ $rc -eq 0 ] && cmp -s "$tree/config" "$work/in.config" && grep -q '^Plan:' "$work/dry"
ok $? "apply --dry-run shows the plan and writes nothing"

# 14-20: apply, then the kernel's conf on the result
kx profile apply extra --config "$work/in.config" --allow-off -o "$work/out.config" \
	--fragment "$work/plan.fragment" >"$work/apply" 2>&1
rc=$?
sed 's/^/# /' "$work/apply" | tail -8
# NOPROMPT (required) is impossible: apply succeeds in writing but exits 1
[ $rc -eq 1 ] && [ -s "$work/out.config" ] && grep -q '^impossible here: CONFIG_NOPROMPT' "$work/apply" &&
	! grep -q 'DID NOT TAKE' "$work/apply"
ok $? "apply writes the config, reports NOPROMPT impossible, nothing else fails; exit 1"
conf_olddefconfig "$work/out.config" "$work/conf.config"
ok $? "the kernel's conf reads the written config (olddefconfig)"
[ "$(value "$work/conf.config" VETH)" = y ] && [ "$(value "$work/conf.config" LIMITED)" = y ]
ok $? "conf keeps VETH=y and LIMITED=y (LIMITED can be y only with VETH=y)"
case $(value "$work/conf.config" BRIDGE) in y | m) true ;; *) false ;; esac &&
	[ "$(value "$work/conf.config" INET)" = y ]
ok $? "conf keeps BRIDGE at y or m ([y/m]), with INET on for it"
[ "$(value "$work/conf.config" HELPER)" = n ] && [ "$(value "$work/conf.config" DRIVER)" = n ]
ok $? "conf keeps HELPER off, which needs DRIVER (its selector) off"
[ "$(value "$work/conf.config" HELPER_PATH)" = '""' ] &&
	[ "$(value "$work/conf.config" COUNT)" = 64 ] && [ "$(value "$work/conf.config" MODE_B)" = y ]
ok $? "conf keeps HELPER_PATH=\"\", COUNT=64 and the recommended MODE_B=y"
grep -qx 'CONFIG_COUNT=64' "$work/plan.fragment" && grep -qx '# CONFIG_DRIVER is not set' "$work/plan.fragment"
ok $? "apply --fragment writes the plan's assignments"

# 21: the same with --json
kx profile apply extra --config "$work/in.config" --allow-off -o "$work/json.config" --json \
	>"$work/apply.json" 2>/dev/null
[ "$(jq -r '[.written, .did_not_take, (.after.items[] | select(.symbol == "COUNT") | .actual)]
	| map(tostring) | join(" ")' "$work/apply.json")" = "$work/json.config 0 64" ]
ok $? "apply --json: the file written, nothing that did not take, and the re-check (COUNT=64)"

# 22: a second apply finds nothing to do
cp "$work/out.config" "$work/again.config"
kx profile apply base --config "$work/again.config" >"$work/again" 2>&1
rc=$?
[ $rc -eq 0 ] && cmp -s "$work/out.config" "$work/again.config" && [ ! -e "$work/again.config.old" ]
ok $? "apply on a config that meets the profile changes nothing"

# 23-25: the shipped profiles
KEXPLORE_PROFILE_PATH=$src/profiles "$KEXPLORE" profile list >"$work/ship" 2>"$work/ship.err"
rc=$?
[ $rc -eq 0 ] && [ ! -s "$work/ship.err" ] && [ "$(wc -l <"$work/ship")" -eq 11 ]
ok $? "the 11 shipped profiles load without a diagnostic"
sed 's/^/# /' "$work/ship.err"
undoc=''
for f in "$src"/profiles/*.profile; do
	grep -q '^# description: .' "$f" && grep -q '^# source: .' "$f" || undoc="$undoc ${f##*/}"
done
[ -z "$undoc" ]
ok $? "every shipped profile has a description and names its source document${undoc:+ (not:$undoc)}"
nowhy=''
for f in "$src"/profiles/*.profile; do
	name=$(basename "$f" .profile)
	# an item line whose shown form has no '#' comment has no reason
	nowhy="$nowhy$(KEXPLORE_PROFILE_PATH=$src/profiles "$KEXPLORE" profile show "$name" |
		grep -E '^(CONFIG_|# CONFIG_.* is not set)' | grep -vE '	# .*[[:alpha:]]' | sed "s/^/ $name:/")"
done
[ -z "$nowhy" ]
ok $? "every item of the shipped profiles says why it is there${nowhy:+ (not:$nowhy)}"
