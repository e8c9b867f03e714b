#!/usr/bin/env bash
# fixture.sh - `kexplore upgrade` on two small trees (old/, new/) and one config, with every
# expected answer worked out by hand from the Kconfig files (reasons below), then the values and
# the new-symbol list cross-checked with the kernel's own conf when it is built (else skipped).
#
# config sets MODULES=y FOO_OLD=y HELP_OLD=m GONE=y KEEP=m DEP=y NEEDS=y AUTO=y TRANS_OLD=y.
# In new/:
#   GONE       is not defined                                  -> gone
#   FOO_OLD    is not defined; FOO_NEW is new with the same prompt "Support for frobnicator
#              devices" (its help differs)                     -> renamed, same prompt, FOO_NEW n
#   HELP_OLD   is not defined; HELP_NEW is new with another prompt but the same help text
#                                                              -> renamed, same help text
#   TRANS_OLD  is still defined but has no prompt and is never written, and TRANS_NEW's
#              default reads it (what 'transitional' declares) -> renamed, transitional
#   new (visible, no value in the config), in menu order: FOO_NEW, HELP_NEW, GATE (no default:
#              n), NEWSYM (default m), TRANS_NEW (default TRANS_OLD, which without a prompt
#              keeps no user value: n). DEP is not new: GATE=n hides it.
#   AUTO       has no prompt in either tree; its default went from y to n -> changed, y -> no line
#   DEP        the config's y took on old/; now depends on GATE [=n]  -> lost, plan GATE=y
#   NEEDS      the config's y took; depends on DEP, off with GATE      -> lost, plan GATE=y
#              (DEP keeps the config's y, so GATE=y alone brings both back)
#   KEEP, MODULES: the same on both                            -> not reported
set -uo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
# shellcheck source-path=SCRIPTDIR source=../lib/tap.sh
. "$here/../lib/tap.sh"
# shellcheck source-path=SCRIPTDIR source=../lib/trees.sh
. "$here/../lib/trees.sh"
KEXPLORE=${KEXPLORE:-./kexplore}
KEXPLORE=$(cd "$(dirname "$KEXPLORE")" && pwd)/$(basename "$KEXPLORE")
work=$(mktemp -d "${TMPDIR:-/tmp}/kx-upfix.XXXXXX")
trap 'rm -rf "$work"' EXIT
check() { # check NAME COMMAND... - ok when the command succeeds
	local name=$1
	shift
	if "$@"; then ok "$name"; else nok "$name"; fi
}
has_line() { grep -qxF -- "$2" "$1" || { echo "# missing in $1: $2"; return 1; }; }

tap_plan 22
kx() {
	env -u KCONFIG_CONFIG -u ARCH -i PATH="$PATH" HOME="$work/home" KEXPLORE_CACHE="$work/cache" \
		"$KEXPLORE" -q -C "$here/old" --config "$here/config" upgrade --to "$here/new" "$@"
}
kx >"$work/out" 2>"$work/err"
check "upgrade runs and exits 0" test $? = 0
sed 's/^/# /' "$work/err"
t=$work/out
check "counts: 1 gone, 3 renamed, 5 new, 1 changed, 2 lost" \
	has_line "$t" "1 gone, 3 renamed, 5 new, 1 changed, 2 lost"
check "GONE is gone" has_line "$t" "  CONFIG_GONE=y  (config line 4)"
check "FOO_OLD renamed to FOO_NEW by its prompt" \
	has_line "$t" "  CONFIG_FOO_OLD=y  ->  # CONFIG_FOO_NEW is not set  (same prompt)"
check "HELP_OLD renamed to HELP_NEW by its help text" \
	has_line "$t" "  CONFIG_HELP_OLD=m  ->  # CONFIG_HELP_NEW is not set  (same help text)"
check "TRANS_OLD renamed to TRANS_NEW as a transitional name" \
	has_line "$t" "  CONFIG_TRANS_OLD=y  ->  # CONFIG_TRANS_NEW is not set  (transitional)"
check "TRANS_OLD is not also reported as lost or changed" \
	bash -c "! grep -q 'CONFIG_TRANS_OLD:' '$t'"
check "NEWSYM is new at m, from its default" bash -c "grep -A1 -xF '  CONFIG_NEWSYM=m' '$t' | grep -q 'default m (Kconfig:'"
check "AUTO changed y -> no line" has_line "$t" "  CONFIG_AUTO: y -> (no line)"
check "DEP lost, blocked by GATE" bash -c "grep -A1 -xF '  CONFIG_DEP: y -> (no line)  (config line 6 asks for y)' '$t' | grep -q 'depends on GATE \[=n\]'"
check "NEEDS lost, blocked by DEP" bash -c "grep -A1 -xF '  CONFIG_NEEDS: y -> (no line)  (config line 7 asks for y)' '$t' | grep -q 'depends on DEP \[=n\]'"
check "the plan for each lost value is GATE=y" \
	test "$(grep -A4 'asks for y' "$t" | grep -c '^        CONFIG_GATE=y$')" = 2

kx --json >"$work/json" 2>/dev/null
if command -v python3 >/dev/null; then
	if python3 -c '
import json, sys
d = json.load(open(sys.argv[1]))
new = [i["name"] for i in d["items"] if i["kind"] == "new"]
assert new == ["FOO_NEW", "HELP_NEW", "GATE", "NEWSYM", "TRANS_NEW"], new
assert d["counts"] == {"gone": 1, "renamed": 3, "new": 5, "changed": 1, "lost": 2}, d["counts"]
' "$work/json"; then
		ok "--json: the same counts, new symbols in menu order"
	else
		nok "--json: counts or new symbols"
	fi
else
	skip "python3 missing"
fi

# The kernel's conf on the same trees: its listnewconfig and olddefconfig on new/.
confdir=$(kx_conf_ensure 6.12 2>/dev/null) || confdir=''
conf_run() { # conf_run MODE OUT
	local s
	s=$(mktemp -d "$work/conf.XXXXXX")
	cp "$here/config" "$s/.config"
	(cd "$s" && env -i PATH="$PATH" LC_ALL=C srctree="$here/new" \
		"$confdir/scripts/kconfig/conf" -s "--$1" Kconfig) </dev/null >"$2" 2>"$s/log" || return 1
	[ "$1" = listnewconfig ] || cp "$s/.config" "$2"
}
if [ -n "$confdir" ] && conf_run listnewconfig "$work/lnc" && conf_run olddefconfig "$work/new.config"; then
	check "conf --listnewconfig lists the same symbols" test "$(sed 's/=.*//' "$work/lnc" | tr '\n' ' ')" = \
		"CONFIG_FOO_NEW CONFIG_HELP_NEW CONFIG_GATE CONFIG_NEWSYM CONFIG_TRANS_NEW "
	check "conf writes NEWSYM=m" has_line "$work/new.config" "CONFIG_NEWSYM=m"
	check "conf writes no line for DEP, NEEDS, AUTO, GONE" \
		bash -c "! grep -E 'CONFIG_(DEP|NEEDS|AUTO|GONE)[= ]' '$work/new.config'"
	printf 'CONFIG_GATE=y\n' >>"$work/plan.config"
	s=$(mktemp -d "$work/conf.XXXXXX")
	cat "$here/config" "$work/plan.config" >"$s/.config"
	(cd "$s" && env -i PATH="$PATH" LC_ALL=C srctree="$here/new" \
		"$confdir/scripts/kconfig/conf" -s --olddefconfig Kconfig) </dev/null >/dev/null 2>&1
	check "the plan applied through conf gives DEP=y and NEEDS=y back" \
		bash -c "grep -qx CONFIG_DEP=y '$s/.config' && grep -qx CONFIG_NEEDS=y '$s/.config'"
else
	for _ in 1 2 3 4; do skip "the kernel's conf is not built (tests/lib/trees.sh conf 6.12)"; done
fi

# The TUI view: the report over the menu tree; <Tab> selects the first link (FOO_NEW, on the
# renamed line: FOO_OLD, GONE and the headings name no symbol of the new tree), <Enter> goes to
# its entry in the menu, whose prompt is "Support for frobnicator devices" (NEW).
cp "$here/config" "$work/.config"
mkdir -p "$work/home"
(cd "$work" && env -i PATH="$PATH" HOME="$work/home" TERM=xterm LANG=C.UTF-8 LINES=24 COLUMNS=80 \
	KEXPLORE_CACHE="$work/cache" KEXPLORE_SCRIPT="$here/tui.script" timeout 60 \
	"$KEXPLORE" -C "$here/old" --config .config upgrade --to "$here/new" --tui) </dev/null \
	>"$work/tui.out" 2>&1
check "--tui exits 0" test $? = 0
check "--tui shows the report's counts" has_line "$work/report.screen" " 1 gone, 3 renamed, 5 new, 1 changed, 2 lost"
check "--tui Enter on the link goes to FOO_NEW's entry" \
	bash -c "grep -A2 '^Upgrade fixture, new tree' '$work/jumped.screen' | grep -q 'Support for frobnicator devices (NEW)'"

# Bad input: no --to is a usage error (2), a --to that is no tree an error (1) naming it.
env -u KCONFIG_CONFIG "$KEXPLORE" -q -C "$here/old" --config "$here/config" upgrade >/dev/null 2>"$work/err"
check "upgrade without --to: exit status 2" test $? = 2
env -u KCONFIG_CONFIG "$KEXPLORE" -q -C "$here/old" --config "$here/config" upgrade --to "$work/nowhere" \
	>/dev/null 2>"$work/err"
rc=$?
check "upgrade --to a missing tree: exit status 1, named" bash -c "[ $rc = 1 ] && grep -q nowhere '$work/err'"
