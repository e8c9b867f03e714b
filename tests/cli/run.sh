#!/usr/bin/env bash
# tests/cli/run.sh - the command line: help, errors, config input forms
# (plain, gzip, malformed lines), KCONFIG_ALLCONFIG, outputs (-o -, .old,
# failed writes) and dump --json. Reference results come from the kernel's
# own conf run on the same fixture; expected messages are written by hand.
set -uo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
. "$here/../lib/trees.sh"

KEXPLORE=${KEXPLORE:-./kexplore}
tree=$here/tree
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
# shellcheck source-path=SCRIPTDIR source=../lib/tap.sh
. "$here/../lib/tap.sh"

check() { if eval "$2"; then ok "$1"; else nok "$1"; fi; }

kx() { env -u ARCH -u KCONFIG_CONFIG -u KCONFIG_ALLCONFIG "$KEXPLORE" "$@"; }

# conf_ref MODE INPUT OUT [ENV...]: the kernel's conf on the fixture.
conf_ref() {
	local mode=$1 input=$2 out=$3 s
	shift 3
	s=$(mktemp -d)
	cp "$input" "$s/.config"
	(cd "$s" && env -i PATH="$PATH" srctree="$tree" "$@" "$conf" -s "--$mode" Kconfig) \
		>/dev/null 2>&1
	cp "$s/.config" "$out"
	rm -rf "$s"
}

tap_plan 23
if ! confdir=$(kx_conf_ensure 6.12 2>/dev/null); then
	tap_bail "cannot build the kernel's conf for the reference"
fi
conf=$confdir/scripts/kconfig/conf

# --- help and usage errors -------------------------------------------------
kx --help >"$work/help" 2>&1
check "--help exits 0" "[ \$? -eq 0 ]"
missing=''
for c in olddefconfig defconfig savedefconfig alldefconfig allnoconfig allyesconfig allmodconfig dump info; do
	grep -q "^  $c " "$work/help" || missing="$missing $c"
done
check "--help lists every command${missing:+ (missing:$missing)}" "[ -z '$missing' ]"
kx help savedefconfig >"$work/h2" 2>&1
check "help CMD prints that command's usage" "grep -q '^usage: kexplore .*savedefconfig' '$work/h2'"
kx frobnicate >/dev/null 2>&1
check "an unknown command exits 2" "[ \$? -eq 2 ]"
kx -C "$work/no-such-tree" olddefconfig >/dev/null 2>"$work/e1"
rc=$?
check "a missing tree exits 1 and names it" "[ $rc -eq 1 ] && grep -q 'no-such-tree' '$work/e1'"

# --- config input forms ----------------------------------------------------
printf 'CONFIG_MODULES=y\nCONFIG_B=m\nCONFIG_N=42\nCONFIG_P3=y\n' >"$work/in.config"
conf_ref olddefconfig "$work/in.config" "$work/ref.config"
kx -q -C "$tree" --config "$work/in.config" olddefconfig -o "$work/kx.config"
check "olddefconfig equals the kernel's conf" "cmp -s '$work/ref.config' '$work/kx.config'"
gzip -c "$work/in.config" >"$work/in.config.gz"
kx -q -C "$tree" --config "$work/in.config.gz" olddefconfig -o "$work/kx-gz.config"
check "a gzip-compressed config reads like the plain one" "cmp -s '$work/ref.config' '$work/kx-gz.config'"

printf 'CONFIG_A=y\ngarbage\nCONFIG_UNKNOWN_X=y\nCONFIG_N=abc\nCONFIG_A=n\n# CONFIG_P1 is not set\n' \
	>"$work/bad.config"
conf_ref olddefconfig "$work/bad.config" "$work/ref-bad.config"
kx -C "$tree" --config "$work/bad.config" olddefconfig -o "$work/kx-bad.config" 2>"$work/bad.err"
check "a malformed config gives conf's result" "cmp -s '$work/ref-bad.config' '$work/kx-bad.config'"
cat >"$work/bad.expected" <<EOF
$work/bad.config:2: warning: unexpected data: garbage
$work/bad.config:3: warning: unknown symbol: UNKNOWN_X
$work/bad.config:4: warning: symbol value 'abc' invalid for N
$work/bad.config:5: warning: override: reassigning to symbol A
EOF
grep -v '^#\|^kexplore:' "$work/bad.err" >"$work/bad.got"
check "malformed lines are reported with file:line" "diff -u '$work/bad.expected' '$work/bad.got' >/dev/null"

# --- KCONFIG_ALLCONFIG -------------------------------------------------------
printf 'CONFIG_A=y\nCONFIG_P3=y\nCONFIG_N=7\n' >"$work/seed.config"
: >"$work/empty.config"
for mode in allnoconfig allyesconfig; do
	conf_ref "$mode" "$work/empty.config" "$work/ref-$mode" KCONFIG_ALLCONFIG="$work/seed.config"
	KCONFIG_ALLCONFIG="$work/seed.config" env -u ARCH "$KEXPLORE" -q -C "$tree" "$mode" \
		-o "$work/kx-$mode" 2>/dev/null
	check "KCONFIG_ALLCONFIG=FILE with $mode equals conf" "cmp -s '$work/ref-$mode' '$work/kx-$mode'"
done
KCONFIG_ALLCONFIG="$work/none" env -u ARCH "$KEXPLORE" -q -C "$tree" allnoconfig -o "$work/x" \
	>/dev/null 2>&1
check "an unreadable KCONFIG_ALLCONFIG file is an error" "[ \$? -eq 1 ]"

# --- outputs -----------------------------------------------------------------
kx -q -C "$tree" --config "$work/in.config" olddefconfig -o - >"$work/stdout.config"
check "-o - writes the config to standard output" "cmp -s '$work/ref.config' '$work/stdout.config'"
cp "$work/ref-bad.config" "$work/out.config"
kx -q -C "$tree" --config "$work/in.config" olddefconfig -o "$work/out.config"
check "writing keeps the previous file as .old" \
	"cmp -s '$work/ref-bad.config' '$work/out.config.old' && cmp -s '$work/ref.config' '$work/out.config'"
check "no temporary file is left behind" "[ -z \"\$(ls '$work' | grep tmp)\" ]"
kx -q -C "$tree" --config "$work/in.config" olddefconfig -o "$work/missing-dir/x.config" \
	>/dev/null 2>"$work/e2"
rc=$?
check "a failed write exits 1 with a message" "[ $rc -eq 1 ] && grep -q 'cannot write' '$work/e2'"
kx -q -C "$tree" --config "$work/in.config" olddefconfig -o "$work/ro/x.config" >/dev/null 2>&1
check "...and creates nothing" "[ ! -e '$work/ro' ]"

conf_ref savedefconfig "$work/ref.config" "$work/unused" 2>/dev/null || true
s=$(mktemp -d)
cp "$work/ref.config" "$s/.config"
(cd "$s" && env -i PATH="$PATH" srctree="$tree" "$conf" -s --savedefconfig=defconfig Kconfig) \
	>/dev/null 2>&1
kx -q -C "$tree" --config "$work/ref.config" savedefconfig -o "$work/kx.defconfig"
check "savedefconfig equals the kernel's conf" "cmp -s '$s/defconfig' '$work/kx.defconfig'"
rm -rf "$s"

# --- dump --json and info ------------------------------------------------------
kx -q -C "$tree" --config "$work/in.config" dump --json >"$work/dump.json"
check "dump --json is valid JSON" "python3 -c 'import json,sys; json.load(open(sys.argv[1]))' '$work/dump.json'"
check "dump --json gives each symbol's type and value" "python3 - '$work/dump.json' <<'PY'
import json, sys
d = {s['name']: s for s in json.load(open(sys.argv[1]))['symbols']}
# from in.config: B=m (MODULES=y), N=42, P3 chosen; A defaults to y
assert d['B']['type'] == 'tristate' and d['B']['value'] == 'm'
assert d['N']['value'] == '42' and d['N']['ranges'][0]['value'] == '[1 100]'
assert d['P3']['value'] == 'y' and d['P2']['value'] == 'n'
assert d['A']['origin'] == 'default' and d['B']['depends'] == 'A'
assert d['B']['definitions'][0]['file'] == 'Kconfig'
PY"
kx -C "$tree" --config "$work/in.config" info >"$work/info" 2>&1
check "info names the tree's mainmenu" "grep -q '^CLI fixture' '$work/info'"
ARCH=arm64 "$KEXPLORE" -C "$tree" --config "$work/in.config" info >"$work/info2" 2>&1
check "ARCH from the environment is used" "grep -q 'ARCH=arm64 SRCARCH=arm64' '$work/info2'"

# --- conf's modes take -o OUT and nothing else (conf itself takes one Kconfig file) ---
bad=
for mode in olddefconfig savedefconfig allnoconfig alldefconfig listnewconfig helpnewconfig \
	yes2modconfig mod2yesconfig mod2noconfig randconfig; do
	cp "$work/in.config" "$work/extra.config"
	kx -C "$tree" --config "$work/extra.config" "$mode" -o "$work/extra.out" extra \
		>/dev/null 2>"$work/extra.err"
	rc=$?
	if [ "$rc" -ne 2 ] || ! grep -q "unexpected argument 'extra'" "$work/extra.err" ||
		[ -e "$work/extra.out" ] || ! cmp -s "$work/in.config" "$work/extra.config"; then
		bad="$bad $mode(rc=$rc)"
	fi
done
check "conf's modes refuse an extra argument (exit 2, named, nothing written)${bad:+:$bad}" "[ -z '$bad' ]"
