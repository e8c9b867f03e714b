#!/usr/bin/env bash
# localmod.sh - `kexplore modules` with the planner: the per-module "enable:" line, --enable (one
# plan for all the modules, written like `enable --apply`) and --localmodconfig, on the fixture tree
# (expected values reasoned from tests/modmap/tree's Kconfig and Makefiles), then --localmodconfig
# against the kernel's own `make localmodconfig` (scripts/kconfig/streamline_config.pl) on the real
# 6.12 tree with Debian's amd64 config and tests/modmap/lsmod-laptop.txt. Prints TAP.
set -u
export LC_ALL=C

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
KEXPLORE=${KEXPLORE:-$here/../../kexplore}
tree=$here/tree
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# shellcheck source-path=SCRIPTDIR source=../lib/tap.sh
. "$here/../lib/tap.sh"

# has FILE STRING DESCRIPTION - FILE holds the line STRING (fixed string, whole line with -x).
has() {
	grep -qxF -- "$2" "$1"
	local st=$?
	ok $st "$3"
	[ $st -eq 0 ] || { echo "# expected the line: $2"; sed 's/^/#   /' "$1" | head -40; }
}
hasin() { # hasin FILE STRING DESCRIPTION - STRING anywhere in FILE
	grep -qF -- "$2" "$1"
	local st=$?
	ok $st "$3"
	[ $st -eq 0 ] || { echo "# expected: $2"; sed 's/^/#   /' "$1" | head -40; }
}
kxf() { # kxf CONFIG ARGS... - modules on the fixture tree
	local cfg=$1
	shift
	"$KEXPLORE" -C "$tree" --arch x86_64 --config "$cfg" modules "$@"
}

# ---- the fixture tree ----------------------------------------------------
cfg=$here/config
cp "$cfg" "$work/orig.config"

# e1000: E1000 depends on ETHERNET (n in the fixture config) -> both steps, in dependency order.
kxf "$cfg" e1000 iwlwifi fakepci iwlmvm >"$work/out" 2>&1
ok $? "modules NAME... exits 0 when every name is found"
has "$work/out" "  enable:  CONFIG_ETHERNET=y, CONFIG_E1000=m" "e1000: the plan sets ETHERNET=y then E1000=m"
has "$work/out" "  enable:  already built" "iwlwifi (IWLWIFI=m under WLAN_VENDOR_INTEL=y, WLAN=y, NET=y): already built"
has "$work/out" "  enable:  CONFIG_PCI_FAKE=y" "fakepci: PCI_FAKE is a bool, asked for y"
has "$work/out" "  enable:  CONFIG_IWLMVM=m" "iwlmvm: IWLMVM=m (its directory needs IWLWIFI, already m)"
cmp -s "$cfg" "$work/orig.config"
ok $? "showing plans leaves the config alone"

kxf "$cfg" --json e1000 iwlwifi >"$work/json" 2>&1
hasin "$work/json" '"enable":{"status":"ok","steps":[{"name":"ETHERNET","value":"y","old":"n"' "--json: e1000's plan with its steps"
hasin "$work/json" '"enable":{"status":"built","steps":[]}' "--json: iwlwifi is built"
python3 -c 'import json,sys; json.load(open(sys.argv[1]))' "$work/json" 2>/dev/null
ok $? "--json output parses"

# --enable: one plan for all, written to -o; the fragment holds the steps.
kxf "$cfg" --enable e1000 iwlmvm fakepci -o "$work/en.config" --fragment "$work/en.frag" >"$work/out" 2>&1
ok $? "--enable e1000 iwlmvm fakepci exits 0"
for l in CONFIG_ETHERNET=y CONFIG_E1000=m CONFIG_IWLMVM=m CONFIG_PCI_FAKE=y CONFIG_IWLWIFI=m CONFIG_SND_HDA_INTEL=m; do
	has "$work/en.config" "$l" "--enable: the written config has $l"
done
for l in CONFIG_ETHERNET=y CONFIG_E1000=m CONFIG_IWLMVM=m CONFIG_PCI_FAKE=y; do
	has "$work/en.frag" "$l" "--enable --fragment: the fragment has $l"
done
[ "$(grep -vc "^#" "$work/en.frag")" -eq 4 ]
ok $? "--enable --fragment: just the four steps"
cmp -s "$cfg" "$work/orig.config"
ok $? "--enable -o leaves the input config alone"

kxf "$cfg" --enable e1000 no_such_mod -o "$work/bad.config" >"$work/out" 2>&1
st=$?
[ $st -eq 1 ] && [ ! -e "$work/bad.config" ]
ok $? "--enable with an unknown module exits 1 and writes nothing (got $st)"

# A config where more is modular: NET, WLAN..., ETHERNET, USB_SUPPORT, SND_PCI, PCI are y.
cat >"$work/m.config" <<'CFG'
CONFIG_MODULES=y
CONFIG_NET=y
CONFIG_WLAN=y
CONFIG_WLAN_VENDOR_INTEL=y
CONFIG_IWLWIFI=m
CONFIG_IWLMVM=m
CONFIG_ETHERNET=y
CONFIG_E1000=m
CONFIG_SOUND=m
CONFIG_SND=m
CONFIG_SND_PCI=y
CONFIG_SND_HDA_INTEL=m
CONFIG_USB_SUPPORT=y
CONFIG_USB=m
CONFIG_USB_XHCI_HCD=m
CONFIG_USB_XHCI_PCI=m
CONFIG_PCI=y
CFG
# lsmod.txt: iwlwifi, snd_hda_intel, cfg80211 (not in the fixture). Kept: IWLWIFI, SND_HDA_INTEL
# with SND and SOUND (sound/ and sound/pci/ are entered through them); IWLMVM adds cfg/7000.o to
# iwlwifi (iwlwifi-$(CONFIG_IWLMVM)), so it stays. Off: E1000, USB, USB_XHCI_HCD, USB_XHCI_PCI.
kxf "$work/m.config" --localmodconfig --lsmod "$here/lsmod.txt" -o "$work/l1.config" >"$work/out" 2>&1
ok $? "--localmodconfig --lsmod lsmod.txt exits 0 (cfg80211, not in the tree, is ignored)"
hasin "$work/out" "cfg80211: no such module in the tree" "the unknown name is reported"
for l in CONFIG_IWLWIFI=m CONFIG_IWLMVM=m CONFIG_SND_HDA_INTEL=m CONFIG_SND=m CONFIG_SOUND=m \
	CONFIG_NET=y CONFIG_ETHERNET=y CONFIG_PCI=y CONFIG_USB_SUPPORT=y \
	"# CONFIG_E1000 is not set" "# CONFIG_USB is not set"; do
	has "$work/l1.config" "$l" "localmodconfig (lsmod.txt): $l"
done
! grep -q "^CONFIG_USB_XHCI" "$work/l1.config"
ok $? "localmodconfig (lsmod.txt): the xHCI drivers are off"
hasin "$work/out" "2 modules kept; 4 other module symbols switched off (of 9 =m)" "the summary counts 2 kept, 4 of 9 =m switched off"

# Only xhci_pci: its directory link is satisfied by USB_SUPPORT=y, so USB is switched off with the
# rest; USB_XHCI_HCD depends on USB, so the repair plan brings USB back (m).
printf 'Module Size Used by\nxhci_pci 24576 0\n' >"$work/lsmod-usb"
kxf "$work/m.config" --localmodconfig --lsmod "$work/lsmod-usb" -o "$work/l2.config" >"$work/out" 2>&1
ok $? "--localmodconfig with xhci_pci only exits 0"
for l in CONFIG_USB=m CONFIG_USB_XHCI_HCD=m CONFIG_USB_XHCI_PCI=m "# CONFIG_IWLWIFI is not set" \
	"# CONFIG_E1000 is not set" "# CONFIG_SOUND is not set"; do
	has "$work/l2.config" "$l" "localmodconfig (xhci_pci): $l"
done
hasin "$work/out" "1 brought back" "USB was brought back by the repair plan"

# Named modules and a fragment: the plan's steps (E1000 needs ETHERNET), then what goes off.
kxf "$cfg" --localmodconfig e1000 iwlwifi -o "$work/l3.config" --fragment "$work/l3.frag" >"$work/out" 2>&1
ok $? "--localmodconfig e1000 iwlwifi --fragment exits 0"
printf '%s\n' CONFIG_ETHERNET=y CONFIG_E1000=m "# CONFIG_SOUND is not set" "# CONFIG_SND is not set" \
	"# CONFIG_SND_HDA_INTEL is not set" >"$work/l3.expected"
grep -v '^# kexplore' "$work/l3.frag" | diff "$work/l3.expected" - >/dev/null
ok $? "the fragment: ETHERNET=y, E1000=m, then SOUND, SND, SND_HDA_INTEL off"

# localyesconfig: the same modules kept as with lsmod.txt above (IWLWIFI, IWLMVM, SND_HDA_INTEL,
# SND, SOUND), each then y: their dependencies (WLAN_VENDOR_INTEL, SND_PCI, ...) are bools that are
# y, so nothing holds them at m. The rest goes off as with --localmodconfig.
kxf "$work/m.config" --localyesconfig --lsmod "$here/lsmod.txt" -o "$work/y1.config" >"$work/out" 2>&1
ok $? "--localyesconfig --lsmod lsmod.txt exits 0"
for l in CONFIG_IWLWIFI=y CONFIG_IWLMVM=y CONFIG_SND_HDA_INTEL=y CONFIG_SND=y CONFIG_SOUND=y \
	"# CONFIG_E1000 is not set" "# CONFIG_USB is not set"; do
	has "$work/y1.config" "$l" "localyesconfig (lsmod.txt): $l"
done
! grep -q "=m$" "$work/y1.config"
ok $? "localyesconfig (lsmod.txt): no module is left"
hasin "$work/out" "localyesconfig: 5 module symbols built in" "the summary counts the 5 built in"
"$KEXPLORE" -C "$tree" --arch x86_64 --config "$work/m.config" localyesconfig --lsmod "$here/lsmod.txt" \
	-o "$work/y2.config" >/dev/null 2>&1 && cmp -s "$work/y1.config" "$work/y2.config"
ok $? "kexplore localyesconfig is modules --localyesconfig"

# ---- the real tree: against the kernel's make localmodconfig ---------------
real=${KX_TEST_CACHE:-${KEXPLORE_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/kexplore}}
ktree=$real/trees/linux-source-6.12
dconf=$real/configs/6.12/config.amd64_none_amd64
lsmod=$here/lsmod-laptop.txt
if [ ! -f "$ktree/Makefile" ] || [ ! -f "$dconf" ]; then
	tap_bail "the 6.12 tree or Debian's amd64 config is missing (tests/lib/trees.sh ensure 6.12; configs)"
fi
# The reference is the kernel's streamline_config.pl: without perl this part is skipped.
if ! tap_require perl; then
	skip "the 6.12 tree against the kernel's make localmodconfig" "perl not installed (apt-get install perl)"
	tap_done
fi
mkdir "$work/kern" "$work/check"
cp "$dconf" "$work/kern/.config"
t0=$(date +%s.%N)
(yes '' | make -s -C "$ktree" O="$work/kern" ARCH=x86_64 LSMOD="$lsmod" localmodconfig) \
	>"$work/kern.log" 2>&1
ok $? "the kernel's make localmodconfig ran"
t1=$(date +%s.%N)
"$KEXPLORE" -C "$ktree" --arch x86_64 --config "$dconf" modules --localmodconfig --lsmod "$lsmod" \
	-o "$work/kx.config" >"$work/kx.log" 2>&1
ok $? "kexplore modules --localmodconfig ran on the 6.12 tree"
t2=$(date +%s.%N)
echo "# time: kernel $(echo "$t1 - $t0" | bc) s (conf build included), kexplore $(echo "$t2 - $t1" | bc) s"
sed 's/^/# kexplore: /' "$work/kx.log"
vals() { grep -E "^CONFIG_[A-Za-z0-9_]+=" "$1" | sed "s/^CONFIG_//" | LC_ALL=C sort; }
vals "$work/kern/.config" >"$work/k.v"
vals "$work/kx.config" >"$work/x.v"
grep '=m$' "$work/k.v" | sed "s/=m\$//" | sort >"$work/k.m"
grep '=m$' "$work/x.v" | sed "s/=m\$//" | sort >"$work/x.m"
echo "# =m: Debian $(grep -c '=m$' "$dconf"), kernel's localmodconfig $(wc -l <"$work/k.m"), kexplore $(wc -l <"$work/x.m")"

# The issue's modules and others of the laptop: the same symbol is kept (=m) by both.
for s in IWLWIFI IWLMVM SND_HDA_INTEL DRM_I915 BLK_DEV_NVME USB_XHCI_PCI E1000E BT_HCIBTUSB \
	USB_VIDEO_CLASS X86_MSR KVM_INTEL EXT4_FS DM_CRYPT; do
	grep -qx "$s" "$work/k.m" && grep -qx "$s" "$work/x.m"
	ok $? "$s=m in both the kernel's and kexplore's result"
done

# Kept by kexplore only: symbols adding objects to a kept module (iwlwifi-$(CONFIG_IWLDVM) += ...).
comm -13 "$work/k.m" "$work/x.m" >"$work/xonly"
st=0
while read -r s; do
	if grep -rqsE "^[A-Za-z0-9_-]+-\\$\(CONFIG_$s\)" --include=Makefile --include=Kbuild \
		"$ktree/drivers" "$ktree/sound" "$ktree/net" "$ktree/fs" "$ktree/arch/x86"; then
		echo "# kexplore only: $s (adds objects to a kept module)"
	else
		echo "# kexplore only, unexplained: $s"
		st=1
	fi
done <"$work/xonly"
ok $st "every symbol only kexplore keeps adds objects to a kept module ($(wc -l <"$work/xonly"))"

# Kept by the kernel only: each of the classes below, found by reading streamline_config.pl and
# the 6.12 Kconfig/Makefiles (not from kexplore's output).
comm -23 "$work/k.m" "$work/x.m" >"$work/konly"
cat >"$work/konly.expected" <<'EXP'
BT_INTEL_PCIE shared object: obj-$(CONFIG_BT_INTEL_PCIE) += btintel_pcie.o btintel.o, btintel is loaded
DRM_EXEC selected by DRM_XE
DRM_GPUVM selected by DRM_XE
DRM_SCHED selected by DRM_XE
DRM_SUBALLOC_HELPER selected by DRM_XE
DRM_TTM_HELPER selected by DRM_XE
DRM_XE named in INTEL_MEI_HDCP/PXP's depends on DRM_I915 || DRM_XE
IKCONFIG streamline_config.pl always keeps IKCONFIG (at least m)
KVM_AMD named in KVM_X86's def_tristate KVM if (KVM_INTEL != n || KVM_AMD != n)
MFD_INTEL_PMC_BXT named in ITCO_WDT's depends on MFD_INTEL_PMC_BXT || !MFD_INTEL_PMC_BXT
SATA_ACARD_AHCI shared object: obj-$(CONFIG_SATA_ACARD_AHCI) += acard-ahci.o libahci.o, libahci is loaded
EXP
cut -d' ' -f1 "$work/konly.expected" | diff - "$work/konly" >"$work/konly.diff"
ok $? "the symbols only the kernel keeps are the expected, explained ones"
sed 's/^/# kernel only: /' "$work/konly.expected"
[ -s "$work/konly.diff" ] && sed 's/^/# diff: /' "$work/konly.diff"

# The kernel's own conf agrees with kexplore's values: olddefconfig changes nothing.
cp "$work/kx.config" "$work/check/.config"
make -s -C "$ktree" O="$work/check" ARCH=x86_64 olddefconfig >"$work/check.log" 2>&1
ok $? "the kernel's olddefconfig accepts kexplore's result"
vals "$work/check/.config" | diff "$work/x.v" - >"$work/olddef.diff"
ok $? "olddefconfig changes no value of kexplore's result"
[ -s "$work/olddef.diff" ] && head -20 "$work/olddef.diff" | sed 's/^/# /'

# localyesconfig against the kernel's make localyesconfig (streamline_config.pl turning each kept
# "=m" into "=y", then olddefconfig): the laptop's modules are built in by both. kexplore turns
# every module still on into y, the kernel only the ones it keeps; on this lsmod the kernel has
# three m left (IKCONFIG, streamline_config.pl's fixed rule; WATCHDOG_PRETIMEOUT_GOV_SEL, no
# prompt; WATCHDOG_PRETIMEOUT_GOV_PANIC, which kexplore makes y), kexplore one (GOV_SEL).
mkdir "$work/kyes"
cp "$dconf" "$work/kyes/.config"
(yes '' | make -s -C "$ktree" O="$work/kyes" ARCH=x86_64 LSMOD="$lsmod" localyesconfig) \
	>"$work/kyes.log" 2>&1
ok $? "the kernel's make localyesconfig ran"
"$KEXPLORE" -C "$ktree" --arch x86_64 --config "$dconf" localyesconfig --lsmod "$lsmod" \
	-o "$work/kxyes.config" >"$work/kxyes.log" 2>&1
ok $? "kexplore localyesconfig ran on the 6.12 tree"
sed 's/^/# kexplore: /' "$work/kxyes.log" | grep localyesconfig
for s in IWLWIFI IWLMVM SND_HDA_INTEL DRM_I915 BLK_DEV_NVME USB_XHCI_PCI E1000E EXT4_FS DM_CRYPT; do
	grep -qx "CONFIG_$s=y" "$work/kyes/.config" && grep -qx "CONFIG_$s=y" "$work/kxyes.config"
	ok $? "$s=y in both the kernel's and kexplore's localyesconfig"
done
grep '=m$' "$work/kyes/.config" | sed 's/^/# kernel keeps m: /'
grep '=m$' "$work/kxyes.config" | sed 's/^/# kexplore keeps m: /'

tap_done
