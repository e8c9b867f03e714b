#!/usr/bin/env bash
# tests/why/ranges.sh - enable and why agree on int/string symbols whose prompt is hidden by a
# bool and whose range's bounds come from other symbols (issue 13 item 6: `enable NR_CPUS=128` on
# Debian's config, MAXSMP=y, said "NR_CPUS cannot be set to m here" and suggested itself). The
# fixture tests/why/ranges/Kconfig is x86's NR_CPUS pattern cut down: NR's prompt needs !MAXSMP,
# its range is RANGE_BEGIN..RANGE_END, RANGE_END is 8192 with OFFSTACK (selected by MAXSMP, else
# only shown with DEBUG_MAPS), 512 without. Plans are checked with the kernel's own conf: the
# planned config, run through olddefconfig, keeps the value. Then the same on Linux 6.12 with
# Debian's amd64 config (skipped when not cached). Prints TAP.
set -uo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
# shellcheck source-path=SCRIPTDIR source=../lib/tap.sh
. "$here/../lib/tap.sh"
. "$here/../lib/trees.sh"

KEXPLORE=${KEXPLORE:-./kexplore}
tree=$here/ranges
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

check() { if eval "$2"; then ok "$1"; else nok "$1"; fi; }
kx() { env -u ARCH -u KCONFIG_CONFIG "$KEXPLORE" -C "$tree" "$@"; }

tap_plan 35
conf=
if confdir=$(kx_conf_ensure 6.12 2>/dev/null); then
	conf=$confdir/scripts/kconfig/conf
fi
# conf_value CONFIG SYMBOL: SYMBOL's line after the kernel's conf olddefconfig on CONFIG.
conf_value() {
	local s
	s=$(mktemp -d)
	cp "$1" "$s/.config"
	(cd "$s" && env -i PATH="$PATH" srctree="$tree" "$conf" -s --olddefconfig Kconfig) >/dev/null 2>&1
	grep -E "^(# )?CONFIG_$2[= ]" "$s/.config"
	rm -rf "$s"
}

printf 'CONFIG_SMP=y\nCONFIG_MAXSMP=y\n' >"$work/max.config"
printf 'CONFIG_SMP=y\n' >"$work/small.config"

# NR=128 with MAXSMP=y: NR's prompt is hidden (SMP && !MAXSMP), so MAXSMP must go off; the range
# is then 2..512 (OFFSTACK is no longer selected and its prompt is hidden).
kx --config "$work/max.config" enable NR=128 >"$work/o1" 2>"$work/e1"
rc=$?
check "enable NR=128 without --allow-off exits 1 (got $rc)" "[ $rc -eq 1 ]"
check "...the plan turns MAXSMP off" "grep -q 'CONFIG_MAXSMP is not set' '$work/o1'"
check "...and says to add --allow-off" "grep -q -- '--allow-off' '$work/o1' '$work/e1'"
check "...never 'cannot be set to m' for an int" "! grep -q 'cannot be set to m' '$work/o1' '$work/e1'"
check "...never suggests the command that just failed" \
	"! grep -q 'kexplore enable NR=128' '$work/o1' '$work/e1'"
# NR was 8192 (default 8192 if MAXSMP); after the MAXSMP step it is 512, but the config had 8192
check "...NR's step says it was 8192, the config's value" "grep -q 'CONFIG_NR=128 .*(was 8192)' '$work/o1'"
kx --config "$work/max.config" enable NR=128 --allow-off -o "$work/p1" >/dev/null 2>&1
check "enable NR=128 --allow-off exits 0 and writes" "[ \$? -eq 0 ] && [ -s '$work/p1' ]"
kx --config "$work/max.config" why NR 128 >"$work/w1" 2>&1
check "why NR 128 says possible, as enable found" "[ \$? -eq 0 ] && grep -q '=> possible' '$work/w1'"

# NR=9000: RANGE_END is at most 8192 whatever the config, so neither may call it possible.
kx --config "$work/max.config" enable NR=9000 --allow-off >"$work/o2" 2>&1
check "enable NR=9000 --allow-off: impossible (exit 1)" "[ \$? -eq 1 ]"
kx --config "$work/max.config" why NR 9000 >"$work/w2" 2>&1
check "why NR 9000: not possible either (exit 1)" "[ \$? -eq 1 ] && grep -q 'outside every range' '$work/w2'"

# NR=1024 with MAXSMP=n: the range ends at 512 until OFFSTACK is on, which needs DEBUG_MAPS.
kx --config "$work/small.config" why NR 1024 >"$work/w3" 2>&1
check "why NR 1024 (range 2..512 now): possible through RANGE_END's default 8192" \
	"[ \$? -eq 0 ] && grep -q 'RANGE_END would be 8192' '$work/w3'"
kx --config "$work/small.config" enable NR=1024 -o "$work/p3" >"$work/o3" 2>&1
check "enable NR=1024: a plan (exit 0) with DEBUG_MAPS=y" \
	"[ \$? -eq 0 ] && grep -q '^CONFIG_DEBUG_MAPS=y' '$work/p3'"

# A string whose prompt needs a bool: was "CMDLINE cannot be set to m here".
kx --config "$work/small.config" enable 'CMDLINE="console=ttyS0 quiet"' -o "$work/p4" >"$work/o4" 2>&1
check "enable CMDLINE=\"...\" plans CMDLINE_BOOL=y first (exit 0)" \
	"[ \$? -eq 0 ] && grep -q '^CONFIG_CMDLINE_BOOL=y' '$work/p4'"

# An '||' of '&&' terms, each needing a symbol nobody defines (NOWHERE, NOWHERE2): DEBUG_MAPS
# alone opens neither term, so why and enable both say impossible (why said possible before).
kx --config "$work/small.config" why PARTS >"$work/w5" 2>&1
check "why PARTS: impossible (exit 1), the '&&' terms grouped" \
	"[ \$? -eq 1 ] && grep -q 'this alternative needs all of' '$work/w5'"
kx --config "$work/small.config" enable PARTS >/dev/null 2>&1
check "enable PARTS: impossible too (exit 1)" "[ \$? -eq 1 ]"

# PROTO is 0; PIN needs PROTO!="0", HEIGHT needs PROTO="1": PROTO has a prompt, so both can be
# had by setting PROTO (why said impossible: "PROTO is 0 (no value source)").
kx --config "$work/small.config" why HEIGHT 2 >"$work/w6" 2>&1
check "why HEIGHT 2: possible through PROTO=1 (exit 0)" "[ \$? -eq 0 ] && grep -q 'PROTO is 0, needs 1' '$work/w6'"
kx --config "$work/small.config" enable HEIGHT=2 -o "$work/p6" >/dev/null 2>&1
check "enable HEIGHT=2: a plan with PROTO=1 (exit 0)" "[ \$? -eq 0 ] && grep -qx CONFIG_PROTO=1 '$work/p6'"
kx --config "$work/small.config" why PIN 5 >/dev/null 2>&1
check "why PIN 5: possible (PROTO != \"0\" by giving PROTO another value)" "[ \$? -eq 0 ]"
kx --config "$work/small.config" enable PIN=5 -o "$work/p7" >/dev/null 2>&1
check "enable PIN=5: a plan (exit 0)" "[ \$? -eq 0 ]"

# POISON is 0xdead000000000000, promptless: 0x8000000000000000 cannot be had. Both are past
# LLONG_MAX, where strtoll gives the same number for both (enable said "Nothing to do").
kx --config "$work/small.config" enable POISON=0x8000000000000000 >"$work/o8" 2>&1
check "enable POISON=0x8000000000000000: impossible (exit 1), not 'Nothing to do'" \
	"[ \$? -eq 1 ] && ! grep -q 'Nothing to do' '$work/o8'"
kx --config "$work/small.config" why POISON 0x8000000000000000 >/dev/null 2>&1
check "why POISON 0x8000000000000000: impossible (exit 1)" "[ \$? -eq 1 ]"

# FW_DIR needs FW != "": possible by hand, but no plan can choose FW's text, so why suggests no
# enable command (it would fail) and says FW needs a value.
kx --config "$work/small.config" why FW_DIR /x >"$work/w9" 2>&1
check "why FW_DIR /x: possible, FW needs a value only the user can choose" \
	"[ \$? -eq 0 ] && grep -q 'FW needs a value only you can choose' '$work/w9'"
check "...and suggests no enable command" "! grep -q 'kexplore enable' '$work/w9'"
kx --config "$work/small.config" why NR 64 >"$work/w10" 2>&1
check "why NR 64 (its value already): exit 0, as enable's 'Nothing to do'" \
	"[ \$? -eq 0 ] && grep -q 'already 64' '$work/w10'"

if [ -n "$conf" ]; then
	check "conf keeps the HEIGHT=2 plan: HEIGHT=2" "[ \"\$(conf_value '$work/p6' HEIGHT)\" = CONFIG_HEIGHT=2 ]"
	check "conf keeps the NR=128 plan: NR=128" "[ \"\$(conf_value '$work/p1' NR)\" = CONFIG_NR=128 ]"
	check "conf keeps the NR=128 plan: MAXSMP off" \
		"[ \"\$(conf_value '$work/p1' MAXSMP)\" = '# CONFIG_MAXSMP is not set' ]"
	check "conf keeps the NR=1024 plan: NR=1024" "[ \"\$(conf_value '$work/p3' NR)\" = CONFIG_NR=1024 ]"
	check "conf keeps the CMDLINE plan" \
		"[ \"\$(conf_value '$work/p4' CMDLINE)\" = 'CONFIG_CMDLINE=\"console=ttyS0 quiet\"' ]"
else
	for i in 1 2 3 4 5; do skip "the kernel's conf could not be built"; done
fi

# ---- Linux 6.12, Debian's amd64 config (MAXSMP=y, NR_CPUS=8192) ----------------------------
real=${KX_TEST_CACHE:-${KEXPLORE_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/kexplore}}
ktree=$real/trees/linux-source-6.12
dconf=$real/configs/6.12/config.amd64_none_amd64
if [ ! -f "$ktree/Makefile" ] || [ ! -f "$dconf" ]; then
	for i in 1 2 3 4 5 6; do skip "Linux 6.12 or Debian's config not cached"; done
	exit 0
fi
k() { env -u ARCH -u KCONFIG_CONFIG "$KEXPLORE" -C "$ktree" --arch x86_64 --config "$dconf" "$@"; }
k enable NR_CPUS=128 >"$work/r1" 2>&1
rc=$?
check "6.12 Debian: enable NR_CPUS=128 exits 1, names MAXSMP and --allow-off" \
	"[ $rc -eq 1 ] && grep -q 'CONFIG_MAXSMP is not set' '$work/r1' && grep -q -- '--allow-off' '$work/r1'"
check "6.12 Debian: no 'cannot be set to m', no suggestion of itself" \
	"! grep -q -e 'cannot be set to m' -e 'kexplore enable NR_CPUS=128' '$work/r1'"
k why NR_CPUS 128 >"$work/r2" 2>&1
check "6.12 Debian: why NR_CPUS 128 says possible too" "[ \$? -eq 0 ]"
k enable NR_CPUS=128 --allow-off -o "$work/r.config" >/dev/null 2>&1
mkdir -p "$work/kern"
cp "$work/r.config" "$work/kern/.config"
make -s -C "$ktree" O="$work/kern" ARCH=x86_64 olddefconfig >/dev/null 2>&1
check "6.12 Debian: the kernel's olddefconfig keeps NR_CPUS=128 from the --allow-off plan" \
	"grep -qx 'CONFIG_NR_CPUS=128' '$work/kern/.config'"
# Names in another case for a symbol this arch lacks: KVM_AMD is defined in arch/x86/kvm/Kconfig.
env -u ARCH -u KCONFIG_CONFIG "$KEXPLORE" -q -C "$ktree" --arch arm64 why kvm_amd >"$work/r3" 2>&1
check "6.12 arm64: why kvm_amd says KVM_AMD exists on x86" "grep -q 'KVM_AMD is not defined for ARCH=arm64.*exists on: x86' '$work/r3'"
env -u ARCH -u KCONFIG_CONFIG "$KEXPLORE" -q -C "$ktree" --arch arm64 enable config_kvm_amd >"$work/r4" 2>&1
check "6.12 arm64: enable config_kvm_amd says the same" "grep -q 'KVM_AMD is not defined for ARCH=arm64; it exists on: x86' '$work/r4'"
