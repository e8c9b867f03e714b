#!/usr/bin/env bash
# adds.sh - a module's plan includes what it needs to drive a device (issue 13 item 14): enabling
# iwlwifi alone left "iwlwifi is useless without IWLDVM or IWLMVM". The policy (kc_modplan_adds in
# kconfig/analysis/modplan.c): of the options adding objects to the module that depend on it and have a
# prompt, the sub-drivers (options building a module of their own) named or loaded with it, else
# those whose default is on with the module, else, when that leaves no sub-driver, all of them.
# Fixture: tests/modmap/tree (IWLMVM: depends on IWLWIFI, no default, builds iwlmvm.ko and adds
# cfg/7000.o to iwlwifi.ko); then Linux 6.12's x86_64 defconfig, where the kernel's own
# olddefconfig writes the "useless without IWLDVM or IWLMVM" comment when neither is on. TAP.
set -uo pipefail
export LC_ALL=C

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
# shellcheck source-path=SCRIPTDIR source=../lib/tap.sh
. "$here/../lib/tap.sh"
KEXPLORE=${KEXPLORE:-$here/../../kexplore}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
check() { if eval "$2"; then ok "$1"; else nok "$1"; fi; }
kxt() { # kxt TREE CONFIG ARGS... - modules on a tree
	local t=$1 cfg=$2
	shift 2
	env -u ARCH -u KCONFIG_CONFIG "$KEXPLORE" -C "$t" --arch x86_64 --config "$cfg" modules "$@"
}

tap_plan 14
tree=$here/tree
sed 's/^CONFIG_IWLWIFI=m$/# CONFIG_IWLWIFI is not set/' "$here/config" >"$work/off.config"

kxt "$tree" "$work/off.config" iwlwifi >"$work/o1" 2>&1
check "iwlwifi alone: its plan adds its only sub-driver IWLMVM" \
	"grep -qxF '  enable:  CONFIG_IWLWIFI=m, CONFIG_IWLMVM=m' '$work/o1'"
kxt "$tree" "$work/off.config" iwlwifi iwlmvm >"$work/o2" 2>&1
check "iwlwifi with iwlmvm named: iwlwifi's own plan is IWLWIFI alone (iwlmvm's brings IWLMVM)" \
	"grep -A5 '^iwlwifi$' '$work/o2' | grep -qxF '  enable:  CONFIG_IWLWIFI=m'"
kxt "$tree" "$work/off.config" --enable iwlwifi -o "$work/e1.config" >"$work/o3" 2>&1
check "--enable iwlwifi writes IWLWIFI=m and IWLMVM=m" \
	"grep -qx CONFIG_IWLWIFI=m '$work/e1.config' && grep -qx CONFIG_IWLMVM=m '$work/e1.config'"
kxt "$tree" "$here/config" iwlwifi >"$work/o4" 2>&1
check "an iwlwifi already built is left as it is" "grep -qxF '  enable:  already built' '$work/o4'"

# A part with a default on: IWLWIFI_EXTRA (bool, depends on IWLWIFI, default y) adds extra.o; the
# config says no to it explicitly, so only asking for it turns it on. It is no sub-driver, so
# IWLMVM is still asked for.
cp -r "$tree" "$work/t2"
printf '\nconfig IWLWIFI_EXTRA\n\tbool "extra device support"\n\tdepends on IWLWIFI\n\tdefault y\n' >>"$work/t2/Kconfig"
echo 'iwlwifi-$(CONFIG_IWLWIFI_EXTRA) += extra.o' >>"$work/t2/drivers/net/wireless/intel/iwlwifi/Makefile"
cp "$work/off.config" "$work/x.config"
echo '# CONFIG_IWLWIFI_EXTRA is not set' >>"$work/x.config"
kxt "$work/t2" "$work/x.config" iwlwifi >"$work/o5" 2>&1
check "a part defaulting on with the module is asked for (IWLWIFI_EXTRA=y)" \
	"grep '  enable:' '$work/o5' | grep -q 'CONFIG_IWLWIFI_EXTRA=y'"
check "...and the sub-driver too (IWLWIFI_EXTRA builds no module)" \
	"grep '  enable:' '$work/o5' | grep -q 'CONFIG_IWLMVM=m'"

# localmodconfig from an lsmod naming iwlwifi only (the fixture's lsmod.txt also loads cfg80211,
# out of the fixture): the kept iwlwifi gets IWLMVM.
printf 'Module Size Used by\niwlwifi 516096 0\n' >"$work/lsmod"
kxt "$tree" "$work/off.config" --localmodconfig --lsmod "$work/lsmod" -o "$work/l.config" >"$work/o6" 2>&1
check "localmodconfig (lsmod: iwlwifi, not built): IWLWIFI=m and IWLMVM=m kept" \
	"grep -qx CONFIG_IWLWIFI=m '$work/l.config' && grep -qx CONFIG_IWLMVM=m '$work/l.config'"

# A sub-driver that cannot be had (IWLMVM also needs NOWHERE, defined nowhere) is left out of the
# plan; the kept module is still built, and the summary counts no module that cannot be built.
cp -r "$tree" "$work/t3"
sed -i 's/^\tdepends on IWLWIFI$/\tdepends on IWLWIFI \&\& NOWHERE/' "$work/t3/Kconfig"
kxt "$work/t3" "$work/off.config" --localmodconfig --lsmod "$work/lsmod" -o "$work/l3.config" >"$work/o8" 2>&1
check "localmodconfig with an unreachable sub-driver: exit 0, IWLWIFI=m written" \
	"[ \$? -eq 0 ] && grep -qx CONFIG_IWLWIFI=m '$work/l3.config'"
check "...and the summary does not count the sub-driver as a module that cannot be built" \
	"grep -q '^localmodconfig: 1 module kept;' '$work/o8'"

# ---- Linux 6.12, x86_64 defconfig (IWLWIFI off, MAC80211 and CFG80211 built in) -------------
real=${KX_TEST_CACHE:-${KEXPLORE_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/kexplore}}
ktree=$real/trees/linux-source-6.12
if [ ! -f "$ktree/Makefile" ]; then
	for i in 1 2 3 4 5; do skip "Linux 6.12 not cached"; done
	exit 0
fi
mkdir -p "$work/def"
make -s -C "$ktree" O="$work/def" ARCH=x86_64 defconfig >/dev/null 2>&1
kxt "$ktree" "$work/def/.config" --enable iwlwifi -o "$work/iwl.config" >"$work/o7" 2>&1
check "6.12: --enable iwlwifi exits 0" "[ \$? -eq 0 ]"
mkdir -p "$work/k"
cp "$work/iwl.config" "$work/k/.config"
make -s -C "$ktree" O="$work/k" ARCH=x86_64 olddefconfig >/dev/null 2>&1
check "6.12: the kernel's olddefconfig keeps IWLWIFI=m" "grep -qx CONFIG_IWLWIFI=m '$work/k/.config'"
check "6.12: ...with IWLMVM and IWLDVM (both sub-drivers: iwlwifi's name does not tell which)" \
	"grep -qx CONFIG_IWLMVM=m '$work/k/.config' && grep -qx CONFIG_IWLDVM=m '$work/k/.config'"
check "6.12: the kernel writes no 'useless without IWLDVM or IWLMVM' comment" \
	"! grep -q 'useless without' '$work/k/.config'"
printf 'Module Size Used by\niwlmvm 1 0\niwlwifi 1 1 iwlmvm\n' >"$work/lsmod2"
kxt "$ktree" "$work/def/.config" --enable --lsmod "$work/lsmod2" -o "$work/iwl2.config" >/dev/null 2>&1
check "6.12: with iwlmvm loaded: IWLMVM=m and IWLDVM left off" \
	"grep -qx CONFIG_IWLMVM=m '$work/iwl2.config' && ! grep -qx CONFIG_IWLDVM=m '$work/iwl2.config'"
