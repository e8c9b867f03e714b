#!/usr/bin/env bash
# tests/cli/input.sh - what a person types (issue 13 items 5 and 11): SYMBOL=VALUE with a quoted
# string means what the same line means in .config (the kernel's conf is the reference: it reads
# the hand-written line and its output is compared with kexplore's), in enable, why and the nix and
# guix exports; symbol names in any case, with or without CONFIG_; an unknown --arch is named with
# the list of known ones. Fixture: tests/cli/tree (S string, N int 1..100, A bool, B tristate).
set -uo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
# shellcheck source-path=SCRIPTDIR source=../lib/tap.sh
. "$here/../lib/tap.sh"
. "$here/../lib/trees.sh"

KEXPLORE=${KEXPLORE:-./kexplore}
tree=$here/tree
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

check() { if eval "$2"; then ok "$1"; else nok "$1"; fi; }

kx() { env -u ARCH -u KCONFIG_CONFIG -u KCONFIG_ALLCONFIG "$KEXPLORE" "$@"; }
sline() { grep '^CONFIG_S=' "$1"; }	# the S line of a config

tap_plan 25
conf=
if confdir=$(kx_conf_ensure 6.12 2>/dev/null); then
	conf=$confdir/scripts/kconfig/conf
fi
# conf_line LINE OUT: the kernel's conf reads LINE (after MODULES=y) and writes OUT.
conf_line() {
	local s
	s=$(mktemp -d)
	printf 'CONFIG_MODULES=y\n%s\n' "$1" >"$s/.config"
	(cd "$s" && env -i PATH="$PATH" srctree="$tree" "$conf" -s --olddefconfig Kconfig) >/dev/null 2>&1
	cp "$s/.config" "$2"
	rm -rf "$s"
}

printf 'CONFIG_MODULES=y\n' >"$work/in.config"
cp "$work/in.config" "$work/orig.config"

# --- item 5: quoted values ------------------------------------------------------------
kx -q -C "$tree" --config "$work/in.config" enable 'S="console=ttyS0 quiet"' -o "$work/q1" >/dev/null 2>&1
check "enable S=\"a b\" exits 0" "[ \$? -eq 0 ]"
check "enable S=\"a b\" writes the string without its quotes" \
	"[ \"\$(sline '$work/q1')\" = 'CONFIG_S=\"console=ttyS0 quiet\"' ]"
kx -q -C "$tree" --config "$work/in.config" enable 'S="a \"b\" c\\d"' -o "$work/q2" >/dev/null 2>&1
kx -q -C "$tree" --config "$work/in.config" enable 'S=plain' -o "$work/q3" >/dev/null 2>&1
check "a bare string is taken as typed" "[ \"\$(sline '$work/q3')\" = 'CONFIG_S=\"plain\"' ]"
if [ -n "$conf" ]; then
	conf_line 'CONFIG_S="console=ttyS0 quiet"' "$work/r1"
	check "...the same line as conf writes for CONFIG_S=\"console=ttyS0 quiet\"" \
		"[ \"\$(sline '$work/q1')\" = \"\$(sline '$work/r1')\" ]"
	conf_line 'CONFIG_S="a \"b\" c\\d"' "$work/r2"
	check "escapes: enable S=\"a \\\"b\\\" c\\\\d\" writes what conf writes for that .config line" \
		"[ -n \"\$(sline '$work/r2')\" ] && [ \"\$(sline '$work/q2')\" = \"\$(sline '$work/r2')\" ]"
else
	skip "the kernel's conf could not be built (reference for quoted strings)"
	skip "the kernel's conf could not be built (reference for escapes)"
fi

kx -q -C "$tree" --config "$work/in.config" enable 'S="unclosed' -o "$work/q4" >"$work/e4" 2>&1
rc=$?
check "an unclosed quote exits non-zero, says so and writes nothing" \
	"[ $rc -ne 0 ] && grep -q 'no closing quote' '$work/e4' && [ ! -e '$work/q4' ]"
kx -q -C "$tree" --config "$work/in.config" enable 'N="42"' -o "$work/q5" >"$work/e5" 2>&1
rc=$?
# conf refuses CONFIG_N="42" for an int ("symbol value '\"42\"' invalid"), so kexplore does too
check "a quoted int exits non-zero with a hint and writes nothing" \
	"[ $rc -ne 0 ] && grep -q 'N=42' '$work/e5' && [ ! -e '$work/q5' ]"
check "nothing of this touched the input config" "cmp -s '$work/in.config' '$work/orig.config'"

kx -C "$tree" --config "$work/q1" why S '"console=ttyS0 quiet"' >"$work/w1" 2>&1
check "why S '\"a b\"' asks about the string a b (already its value)" \
	"grep -qF '=> S is already console=ttyS0 quiet.' '$work/w1'"
kx -C "$tree" --config "$work/in.config" why S 'it'\''s "x"' >"$work/w2" 2>&1
check "why's suggestion quotes the value for the shell and for .config" \
	"grep -qF \"kexplore enable 'S=\\\"it'\\\\''s \\\\\\\"x\\\\\\\"\\\"'\" '$work/w2'"
kx -q -C "$tree" --config "$work/q1" mindiff --base "$work/in.config" --format nix >"$work/nix" 2>&1
check "the nix export carries the string (S = freeform \"console=ttyS0 quiet\")" \
	"grep -qxF '  S = freeform \"console=ttyS0 quiet\";' '$work/nix'"
kx -q -C "$tree" --config "$work/q1" mindiff --base "$work/in.config" --format guix >"$work/guix" 2>&1
check "the guix export carries the string" "grep -qF '(\"CONFIG_S\" . \"console=ttyS0 quiet\")' '$work/guix'"

# --- item 11: names in any case ---------------------------------------------------------
kx -C "$tree" --config "$work/in.config" why B >"$work/c1" 2>&1
kx -C "$tree" --config "$work/in.config" why b >"$work/c2" 2>&1
check "why b: exits 0" "[ \$? -eq 0 ]"
check "why b answers as why B" "cmp -s '$work/c1' '$work/c2'"
kx -C "$tree" --config "$work/in.config" why config_b >"$work/c3" 2>&1
check "why config_b answers as why B" "cmp -s '$work/c1' '$work/c3'"
kx -C "$tree" --config "$work/in.config" enable B=y >"$work/c4" 2>&1
kx -C "$tree" --config "$work/in.config" enable Config_b=y >"$work/c5" 2>&1
check "enable Config_b=y plans as enable B=y" "[ -s '$work/c4' ] && cmp -s '$work/c4' '$work/c5'"
kx -C "$tree" --config "$work/in.config" disable a >"$work/c6" 2>&1
check "disable a: plans A off" "grep -q 'CONFIG_A is not set' '$work/c6'"
kx -C "$tree" --config "$work/in.config" why bb >"$work/c7" 2>&1
rc=$?
check "why bb (no such symbol): exits 1 and suggests CONFIG_B" \
	"[ $rc -eq 1 ] && grep -q 'unknown symbol CONFIG_BB; did you mean CONFIG_B' '$work/c7'"

# --- item 11: --arch -----------------------------------------------------------------------
# A tree with arch/x86 and arch/arm64: make accepts x86, arm64 and x86's aliases i386, x86_64.
mkdir -p "$work/t/arch/x86" "$work/t/arch/arm64" "$work/t/arch/no-kconfig"
cp "$tree/Kconfig" "$work/t/Kconfig"
: >"$work/t/arch/x86/Kconfig"
: >"$work/t/arch/arm64/Kconfig"
kx -C "$work/t" --arch arm65 info >"$work/a1" 2>&1
rc=$?
check "--arch arm65 exits non-zero (got $rc)" "[ $rc -ne 0 ]"
check "...says unknown architecture 'arm65' with the known ones" \
	"grep -qxF \"kexplore: unknown architecture 'arm65'; known: arm64, i386, x86, x86_64\" '$work/a1'"
check "...and not a missing Kconfig file" "! grep -q \"can't open\" '$work/a1'"
ARCH=arm65 "$KEXPLORE" -C "$work/t" info >"$work/a2" 2>&1
rc=$?
check "ARCH=arm65 in the environment: the same error" \
	"[ $rc -ne 0 ] && grep -q \"unknown architecture 'arm65'\" '$work/a2'"
for a in x86_64 arm64; do
	kx -C "$work/t" --arch $a info >/dev/null 2>&1
	check "--arch $a is accepted" "[ \$? -eq 0 ]"
done
kx -C "$work/t" --arch ../x86 info >/dev/null 2>&1
check "--arch ../x86 is refused" "[ \$? -ne 0 ]"
