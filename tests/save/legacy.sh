#!/usr/bin/env bash
# legacy.sh - mindiff on trees before 6.11, where a choice is a symbol with a value (tristate,
# optional and named choices, defaults on other symbols): the fixtures tests/kconfig/lang-choices-6.1
# and -5.10: their golden configs (made by the conf of that kernel) as bases, those and the
# case's input config (where a visible choice member has no value, so reading it takes the
# choice's user value away) as targets. The target is what conf's olddefconfig writes for the
# target file; for each one that conf reads back as itself and each other golden as the base:
#   1. `kexplore mindiff` succeeds, with KEXPLORE_INCR_CHECK=1: every incremental try is also
#      made the full way (read "base + lines", evaluate) and a difference is an error;
#   2. the kernel's conf on base + fragment (olddefconfig) gives the target byte for byte;
#   3. minimal: without any one of its lines, conf no longer gives the target.
# Where mindiff says the target cannot be reached from the base (and says that it is the base,
# not an unstable target), conf must agree that appending the whole target to the base does not
# give it (a legacy choice's user value only grows while a
# config is read: an optional choice set in the base cannot be turned off by appended lines).
# The expected values are conf's; kexplore's output only supplies the lines to check.
set -uo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
# shellcheck source-path=SCRIPTDIR source=../lib/tap.sh
. "$here/../lib/tap.sh"
# shellcheck source-path=SCRIPTDIR source=../lib/trees.sh
. "$here/../lib/trees.sh"
KEXPLORE=${KEXPLORE:-./kexplore}
work=$(mktemp -d "${TMPDIR:-/tmp}/kx-save-legacy.XXXXXX")
trap 'rm -rf "$work"' EXIT
goldens=(expected expected.alldefconfig expected.allmodconfig expected.allyesconfig
	expected.allnoconfig)

# conf_old TREE CONF INPUT OUT - the kernel's olddefconfig of INPUT on the fixture TREE.
conf_old() {
	local s rc=0
	s=$(mktemp -d "$work/conf.XXXXXX")
	cp "$3" "$s/.config"
	(cd "$s" && env -i PATH="$PATH" HOME="$work" LC_ALL=C srctree="$1" \
		"$2" -s --olddefconfig Kconfig) </dev/null >"$s/log" 2>&1 || rc=$?
	cp "$s/.config" "$4"
	rm -rf "$s"
	return "$rc"
}

# check_pair TREE CONF BASE TARGET FILE - the three checks (TARGET: conf's olddefconfig of FILE);
# prints why on failure, returns 1.
check_pair() {
	local tree=$1 conf=$2 base=$3 target=$4 i total
	local file=$5
	if ! env -u KCONFIG_CONFIG -u ARCH -u SRCARCH -u srctree KEXPLORE_INCR_CHECK=1 \
		timeout 60 "$KEXPLORE" -C "$tree" --arch x86_64 --config "$file" mindiff \
		--base "$base" >"$work/frag" 2>"$work/err"; then
		# every target here reads back as itself: the message must say the base is the
		# obstacle (KC_ERANGE), not that the target is unstable
		if grep -q 'cannot be reproduced.*no lines appended to it give the target' "$work/err"; then
			cat "$base" "$target" >"$work/applied"
			conf_old "$tree" "$conf" "$work/applied" "$work/result"
			if ! cmp -s "$target" "$work/result"; then
				echo "no fragment: conf on base + the whole target does not give it either"
				return 0
			fi
		fi
		echo "mindiff failed: $(head -1 "$work/err")"
		return 1
	fi
	if grep -q 'differs from a full evaluation' "$work/err"; then
		echo "$(grep -m1 'differs' "$work/err")"
		return 1
	fi
	grep -E '^(CONFIG_|# CONFIG_[A-Za-z0-9_]+ is not set$)' "$work/frag" >"$work/lines"
	cat "$base" "$work/lines" >"$work/applied"
	conf_old "$tree" "$conf" "$work/applied" "$work/result" || { echo "conf failed"; return 1; }
	if ! cmp -s "$target" "$work/result"; then
		echo "conf on base + fragment does not give the target:" \
			"$(diff "$target" "$work/result" | grep '^[<>]' | head -3 | paste -sd' ')"
		return 1
	fi
	total=$(wc -l <"$work/lines")
	for i in $(seq 1 "$total"); do
		sed "${i}d" "$work/lines" | cat "$base" - >"$work/applied"
		conf_old "$tree" "$conf" "$work/applied" "$work/result"
		if cmp -s "$target" "$work/result"; then
			echo "line $i ($(sed -n "${i}p" "$work/lines")) is not needed"
			return 1
		fi
	done
	echo "$total lines"
}

plan=0
results=$work/results
: >"$results"
for case in lang-choices-6.1 lang-choices-5.10; do
	tree=$(cd "$here/../kconfig/$case" && pwd)
	v=${case##*-}
	if ! d=$(kx_conf_ensure "$v" 2>"$work/conf.log"); then
		plan=$((plan + 1))
		echo "skip|the $v conf cannot be built: $(tail -1 "$work/conf.log")" >>"$results"
		continue
	fi
	conf=$d/scripts/kconfig/conf
	for t in config "${goldens[@]}"; do
		conf_old "$tree" "$conf" "$tree/$t" "$work/target.$t" || continue
		# a target conf does not read back as itself has no minimal diff
		conf_old "$tree" "$conf" "$work/target.$t" "$work/again" &&
			cmp -s "$work/target.$t" "$work/again" || continue
		for b in "${goldens[@]}"; do
			[ "$b" = "$t" ] && continue
			plan=$((plan + 1))
			if why=$(check_pair "$tree" "$conf" "$tree/$b" "$work/target.$t" "$tree/$t"); then
				case $why in
				no\ fragment*) echo "ok|$case: $t from $b: $why" >>"$results" ;;
				*) echo "ok|$case: $t from $b: $why, each needed, conf reproduces the target; every try equal to a full one" >>"$results" ;;
				esac
			else
				echo "not ok|$case: $t from $b: $why" >>"$results"
			fi
		done
	done
done
tap_plan "$plan"
while IFS='|' read -r st msg; do
	case $st in
	skip) skip "$msg" ;;
	ok) ok "$msg" ;;
	*) nok "$msg" ;;
	esac
done <"$results"
