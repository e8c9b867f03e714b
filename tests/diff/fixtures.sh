#!/usr/bin/env bash
# fixtures.sh - `kexplore diff` on the small tree tests/diff/tree, against expectations written by
# hand from the reasoning below (never from kexplore's output). Prints TAP.
#
# a.config and b.config are full configs (conf's header); c.config is a partial one.
#   NET            a: y, b: n, both set in the file                       -> a root choice
#   NET_EXTRA      depends on NET; a: y; b says y but NET=n hides it      -> "-!", derived <- NET
#   NET_CRYPTO     depends on NET; a: m; b: hidden                        -> derived <- NET
#   CRYPTO_HELPER  no prompt, selected by NET_CRYPTO; a: m^, b: absent    -> derived <- NET
#   HINT           a: m; b has no line (new) and WANTS_HINT=y implies it  -> "y+*", <- WANTS_HINT
#   WANTS_HINT     a: m, b: y                                             -> root
#   FAST_PATH      y in both (default NET, but set in both files)         -> common, explicit
#   LOG_LEVEL      range 0 7; a: 4; b says 9, clamped to 7                -> "7~!", root: nothing
#                  else differing decides it
#   HOSTNAME       "alpha" / "beta"                                       -> root
#   SCHED_FAIR/RT  a choice: a picks FAIR, b picks RT, both explicit      -> two roots
#   SCHED_RT_DEBUG depends on SCHED_RT; a: hidden, b: y                   -> derived <- SCHED_RT
#   NEWOPT         default y; a has no line (new): y~*; b: n              -> root
#   DRV_A          a: m, b: y                                             -> root
#   DRV_B          depends on DRV_A; a says y but gets m; b: y            -> "m~!", <- DRV_A
#   MODULES, DRIVERS  y in both                                           -> common
#   OLD_REMOVED (a: y), LEGACY_THING (b: n)                               -> unknown to the tree
# Counts: a sets 15 known symbols (1 unknown, NEWOPT new); b sets 14 (1 unknown, HINT new):
# 14 differences, 8 roots, 6 derived; NET explains 3, WANTS_HINT, SCHED_RT and DRV_A one each.
set -u

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
KEXPLORE=${KEXPLORE:-$here/../../kexplore}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# gzip and xz make the compressed inputs of one check, python3 reads the JSON of another: when
# one is missing that check is skipped with the reason.

# shellcheck source-path=SCRIPTDIR source=../lib/tap.sh
. "$here/../lib/tap.sh"

kx() {
	(cd "$here" && env -u KCONFIG_CONFIG -u ARCH -u srctree timeout 60 "$KEXPLORE" -C tree \
		--arch x86_64 "$@")
}

# same EXPECTED DESCRIPTION KEXPLORE-ARGS... - kexplore's output equals the file.
same() {
	local exp=$1 desc=$2 rc=0
	shift 2
	kx "$@" >"$work/out" 2>"$work/err" || rc=$?
	if [ "$rc" -eq 0 ] && diff -u "$exp" "$work/out" >"$work/d"; then
		ok 0 "$desc"
	else
		ok 1 "$desc"
		sed 's/^/# /' "$work/err" "$work/d" | head -40
	fi
}

tap_plan 16
same "$here/expected.txt" "text, two full configs" diff a.config b.config
same "$here/expected-choices.txt" "--choices-only keeps the roots, counts what they explain" \
	diff a.config b.config --choices-only
same "$here/expected.csv" "--csv: values, how, kind, roots" diff a.config b.config --csv
same "$here/expected-common.csv" "--common: what both set alike" diff a.config b.config --csv --common
same "$here/expected-stats.csv" "--stats per top menu" diff a.config b.config --csv --stats

# Compressed inputs read the same; only the column names change.
if tap_require gzip xz; then
	gzip -c "$here/a.config" >"$work/a.config.gz"
	xz -c "$here/b.config" >"$work/b.config.xz"
	sed -e 's/^\[1\] a\.config /[1] a.config.gz /' -e 's/^\[2\] b\.config /[2] b.config.xz /' \
		"$here/expected.txt" >"$work/expected-z.txt"
	same "$work/expected-z.txt" "gzip and xz inputs" diff "$work/a.config.gz" "$work/b.config.xz"
else
	skip "gzip and xz inputs" "$tap_missing not installed"
fi

# One config: compared with the current one (--config).
same "$here/expected.txt" "one argument: --config is the first column" --config a.config diff b.config

# --menu and --grep (case-insensitive; --grep also searches prompts).
kx diff a.config b.config --csv --menu 'sched' | cut -d, -f2 | tail -n +2 >"$work/menu"
printf 'SCHED_FAIR\nSCHED_RT\n' | diff -u - "$work/menu" >/dev/null
ok $? "--menu matches the menu path: Tuning > Scheduler only"
kx diff a.config b.config --csv --grep 'hint' | cut -d, -f2 | tail -n +2 >"$work/grep"
printf 'HINT\nWANTS_HINT\n' | diff -u - "$work/grep" >/dev/null
ok $? "--grep matches symbol names"
kx diff a.config b.config --csv --grep '^realtime debugging$' | cut -d, -f2 | tail -n +2 >"$work/grep"
[ "$(cat "$work/grep")" = SCHED_RT_DEBUG ]
ok $? "--grep matches prompts"

# --json: causes and roots, cells, columns, unknowns.
kx diff a.config b.config --json >"$work/json"
if ! tap_require python3; then
	skip "--json: causes, roots, cells, columns and unknown symbols" "python3 not installed"
else
python3 - "$work/json" <<'EOF'
import json, sys
j = json.load(open(sys.argv[1]))
rows = {r["symbol"]: r for r in j["differences"]}
assert len(rows) == 14, len(rows)
assert sum(r["kind"] == "choice" for r in rows.values()) == 8
# CRYPTO_HELPER: selected by NET_CRYPTO (whose select carries NET's dependency) in a, not
# selected in b; NET_CRYPTO itself only follows from NET.
assert set(rows["CRYPTO_HELPER"]["causes"]) == {"NET_CRYPTO", "NET"}, rows["CRYPTO_HELPER"]
assert rows["CRYPTO_HELPER"]["follows_from"] == ["NET"]
assert rows["HINT"]["causes"] == ["WANTS_HINT"] and rows["HINT"]["follows_from"] == ["WANTS_HINT"]
assert rows["NET"]["explains"] == 3 and rows["NET"]["menu"] == ["Features"]
assert rows["SCHED_RT"]["menu"] == ["Tuning", "Scheduler"]
cell = rows["NET_EXTRA"]["values"][1]
assert cell == {"value": None, "how": "absent", "new": False, "overridden": True,
                "file_value": "y", "line": 29}, cell
cell = rows["HINT"]["values"][1]
assert cell["value"] == "y" and cell["how"] == "imply" and cell["new"] and cell["line"] == 0
assert rows["LOG_LEVEL"]["values"][1]["file_value"] == "9"
assert [c["version"] for c in j["configs"]] == ["Linux/x86 6.12.0", "Linux/x86 6.11.0"]
assert [(c["set"], c["unknown"], c["new"], c["full"]) for c in j["configs"]] == \
    [(15, 1, 1, True), (14, 1, 1, True)]
assert j["unknown"] == [{"symbol": "LEGACY_THING", "values": [None, "n"]},
                        {"symbol": "OLD_REMOVED", "values": ["y", None]}], j["unknown"]
EOF
ok $? "--json: causes, roots, cells, columns and unknown symbols"
fi

# Three configs, c.config partial: no "new" in it, missing symbols take their defaults.
#  NET_EXTRA  a: y (explicit), c: n (default, nothing differing behind it) -> now a root
#  NET_CRYPTO a: m, c: y, both explicit -> a root; CRYPTO_HELPER (a: m^, b: -, c: y^) follows
#             from NET_CRYPTO and NET (the select's own dependency)
#  DRV_B      a: m~! (DRV_A=m), b: y, c: not written (DRV_A=n) -> derived <- DRV_A
kx diff a.config b.config c.config --csv >"$work/3.csv"
grep -qx 'Features,NET_EXTRA,bool,choice,y,explicit,,absent+overridden,n,default,' "$work/3.csv" &&
	grep -qx 'Features,CRYPTO_HELPER,tristate,derived,m,select,,absent,y,select,NET NET_CRYPTO' \
		"$work/3.csv" &&
	grep -qx 'Drivers,DRV_B,tristate,derived,m,default+overridden,y,explicit,,absent,DRV_A' "$work/3.csv"
ok $? "three configs: roots and derived rows with a partial config"
# the string as .config writes it ("gamma \"q\" \\ x"), then quoted for CSV
grep -qxF 'Tuning,HOSTNAME,string,choice,"""alpha""",explicit,"""beta""",explicit,"""gamma \""q\"" \\ x""",explicit,' \
	"$work/3.csv"
ok $? "strings keep .config quoting, CSV-escaped"
kx diff a.config b.config c.config | grep -qxF '[3] c.config  (partial config; 4 set, 0 unknown, 0 new)'
ok $? "a partial config's header line"

# Errors.
rc=0
kx diff a.config no-such.config >/dev/null 2>"$work/err" || rc=$?
[ "$rc" -eq 1 ] && grep -q 'no-such.config' "$work/err"
ok $? "a missing config: exit 1 with its name"
printf '\3757zXZ\0garbage' >"$work/bad.xz"
rc=0
kx diff a.config "$work/bad.xz" >/dev/null 2>"$work/err" || rc=$?
[ "$rc" -eq 1 ] && grep -q 'bad.xz: error: cannot read: corrupt xz data' "$work/err"
ok $? "corrupt xz data: exit 1, said so"

tap_done
