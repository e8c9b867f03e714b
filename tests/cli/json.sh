#!/usr/bin/env bash
# json.sh - every --json output parses as JSON (python3's json module), on a copy of the
# profile fixture tree with a menu, a prompt and a help text holding a tab, a quotation mark,
# a backslash and a control character (U+0001), so that the one JSON writer's escapes are
# exercised by every command. Expected strings are the Kconfig text written below.
set -u

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
KEXPLORE=${KEXPLORE:-./kexplore}
work=$(mktemp -d "${TMPDIR:-/tmp}/kx-json.XXXXXX")
trap 'rm -rf "$work"' EXIT
# shellcheck source-path=SCRIPTDIR source=../lib/tap.sh
. "$here/../lib/tap.sh"

tree=$work/tree
cp -r "$here/../profile/tree" "$tree"
# A menu and a symbol whose texts need escaping; printf writes the tab and the U+0001.
printf '\nmenu "Odd\tmenu"\n\nconfig ODD\n\tbool "tab\there \\"q\\" back\\\\slash \001"\n\tdefault y\n\thelp\n\t  col1\tcol2\n\nendmenu\n' >>"$tree/Kconfig"
# A menu whose prompt holds the " > " that text output puts between menus.
printf '\nmenu "In > out"\nconfig ARROW\n\tbool "arrow"\n\tdefault y\nendmenu\n' >>"$tree/Kconfig"
cp "$tree/config" "$work/a.config"
printf 'CONFIG_ODD=y\nCONFIG_ARROW=y\n' >>"$work/a.config"
cp "$tree/config" "$work/b.config"
printf "# CONFIG_ODD is not set\n# CONFIG_ARROW is not set\n" >>"$work/b.config"

kx() { # kx ARGS... - kexplore on the copied tree, with the fixture profiles
	KEXPLORE_PROFILE_PATH=$here/../profile/fixtures timeout 60 "$KEXPLORE" -C "$tree" \
		--arch x86_64 --config "$work/a.config" --no-cache "$@"
}

parses() { # parses NAME FILE - FILE is one JSON text
	if ! tap_require python3; then
		skip "$1 is valid JSON" "$tap_missing not installed (apt-get install python3)"
		return
	fi
	python3 -m json.tool "$2" >/dev/null 2>"$work/err"
	ok $? "$1 is valid JSON"
	[ -s "$work/err" ] && tap_diag_file "$work/err"
	return 0
}

kx dump --json >"$work/dump.json"
parses "dump --json" "$work/dump.json"
kx why ODD --json >"$work/why.json"
parses "why --json" "$work/why.json"
kx enable INET --json >"$work/enable.json"
parses "enable --json" "$work/enable.json"
kx diff "$work/a.config" "$work/b.config" --json >"$work/diff.json"
parses "diff --json" "$work/diff.json"
kx diff "$work/a.config" "$work/b.config" --json --stats >"$work/stats.json"
parses "diff --stats --json" "$work/stats.json"
kx profile check extra --json >"$work/check.json"
parses "profile check --json" "$work/check.json"
printf 'CONFIG_HELPER_PATH="a\tb"\n' >"$work/tab.config"
kx check "$work/tab.config" --json >"$work/tabcheck.json"
parses "check --json" "$work/tabcheck.json"
grep -q '"value": "a\\tb"' "$work/tabcheck.json"
ok $? "check: the tab of a string setting is written \\t (its own escaper wrote \\u0009)"
kx profile apply extra --json --dry-run >"$work/apply.json" 2>"$work/apply.err"
parses "profile apply --dry-run --json" "$work/apply.json"
"$KEXPLORE" -C "$here/../modmap/tree" --arch x86_64 --config "$here/../modmap/config" --no-cache \
	modules --json snd-hda-intel nosuchmodule >"$work/modules.json"
parses "modules --json" "$work/modules.json"

# The texts come back as written in the Kconfig: a tab, '"', '\' and U+0001 round-trip.
if tap_require python3; then
	python3 - "$work/dump.json" "$work/diff.json" >"$work/texts" 2>&1 <<'PY'
import json, sys
d = json.load(open(sys.argv[1]))
odd = [s for s in d["symbols"] if s["name"] == "ODD"][0]
assert odd["prompts"][0]["text"] == 'tab\there "q" back\\slash \x01', odd["prompts"]
assert odd["definitions"][0]["menu"] == ["Odd\tmenu"], odd["definitions"]
assert "col1\tcol2" in odd["definitions"][0]["help"], odd["definitions"]
diff = json.load(open(sys.argv[2]))
row = [r for r in diff["differences"] if r["symbol"] == "ODD"][0]
assert row["menu"] == ["Odd\tmenu"], row
row = [r for r in diff["differences"] if r["symbol"] == "ARROW"][0]
assert row["menu"] == ["In > out"], row
PY
	ok $? "prompt, menu and help texts with tab, quote, backslash and U+0001 round-trip; diff's menu 'In > out' is one step"
	tap_diag_file "$work/texts"
	grep -q '"text":"tab\\there \\"q\\" back\\\\slash \\u0001"' "$work/dump.json"
	ok $? "dump: the tab is written \\t and U+0001 \\u0001 (RFC 8259 section 7)"
	grep -q '"Odd\\tmenu"' "$work/diff.json"
	ok $? "diff: the tab is written \\t too (its own escaper wrote \\u0009)"
else
	skip "texts round-trip" "$tap_missing not installed (apt-get install python3)"
	skip "tab written as \\t" "$tap_missing not installed (apt-get install python3)"
	skip "diff: tab written as \\t" "$tap_missing not installed (apt-get install python3)"
fi
tap_done
