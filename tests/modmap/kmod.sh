#!/usr/bin/env bash
# kmod.sh - `kexplore modules` end to end on tests/modmap/tree: names, saved lsmod/lspci -k
# outputs, and --hardware / --root / --modules-dir against module indexes and a sysfs folder this
# test builds itself (tiny .ko files with a .modinfo section, depmod -b), so it needs nothing
# loaded and an empty /lib/modules. Prints TAP.
set -u

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
KEXPLORE=${KEXPLORE:-$here/../../kexplore}
tree=$here/tree
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
release=6.12.0-kx

# shellcheck source-path=SCRIPTDIR source=../lib/tap.sh
. "$here/../lib/tap.sh"
# the modules subcommand is in the command table: its absence is a failure, not a skip
"$KEXPLORE" help modules >/dev/null 2>&1 || tap_bail "kexplore help modules fails"
if ! command -v depmod >/dev/null || ! command -v objcopy >/dev/null; then
	"$here/../lib/trees.sh" apt kmod binutils >/dev/null 2>&1 || true
fi
PATH=$PATH:/usr/sbin:/sbin
for tool in gcc objcopy depmod; do
	command -v "$tool" >/dev/null || tap_bail "$tool is missing"
done

# has OUTPUT-FILE STRING DESCRIPTION - the output holds STRING (fixed string).
has() {
	grep -qF -- "$2" "$1"
	local st=$?
	ok $st "$3"
	[ $st -eq 0 ] || { echo "# expected: $2"; sed 's/^/#   /' "$1"; }
}
kx() {
	"$KEXPLORE" -C "$tree" --arch x86_64 --config "$here/config" modules "$@"
}

# mkko NAME ALIAS... - a relocatable object named NAME.ko whose .modinfo lists ALIASes.
mkko() {
	local name=$1 dir=$work/root/lib/modules/$release/kernel/drivers
	shift
	mkdir -p "$dir"
	: >"$work/modinfo"
	for a in "$@"; do printf 'alias=%s\0' "$a" >>"$work/modinfo"; done
	printf 'license=GPL\0depends=\0name=%s\0vermagic=%s SMP mod_unload \0' "${name//-/_}" \
		"$release" >>"$work/modinfo"
	objcopy --add-section .modinfo="$work/modinfo" --set-section-flags .modinfo=alloc,readonly \
		"$work/empty.o" "$dir/$name.ko"
	echo "kernel/drivers/$name.ko" >>"$work/root/lib/modules/$release/modules.order"
}

# mkdev PATH MODALIAS [DRIVER [MODULE]] - a sysfs device; DRIVER bound, MODULE owning it.
mkdev() {
	local d=$work/sys/devices/$1
	mkdir -p "$d"
	echo "$2" >"$d/modalias"
	[ $# -ge 3 ] || return 0
	mkdir -p "$work/sys/bus/drivers/$3"
	ln -s "$work/sys/bus/drivers/$3" "$d/driver"
	if [ $# -ge 4 ]; then
		mkdir -p "$work/sys/module/$4"
		ln -s "$work/sys/module/$4" "$work/sys/bus/drivers/$3/module"
	fi
	ln -s "$work/sys/bus" "$d/subsystem"	# a loop the walk must not follow
}

echo 'int kx_fake;' >"$work/empty.c"
gcc -c "$work/empty.c" -o "$work/empty.o" || tap_bail "gcc failed"
mkdir -p "$work/root/lib/modules/$release"
mkko iwlwifi 'pci:v00008086d00002723sv*sd*bc*sc*i*'
mkko snd-hda-intel 'pci:v00008086d0000A0C8sv*sd*bc*sc*i*' 'pci:v00008086d0000A348sv*sd*bc*sc*i*'
mkko mystery 'platform:mystery'
# xhci_pci built in: only modules.builtin(.modinfo) know it.
echo kernel/drivers/usb/host/xhci-pci.ko >"$work/root/lib/modules/$release/modules.builtin"
printf 'xhci_pci.alias=pci:v*d*sv*sd*bc0Csc03i30\0xhci_pci.license=GPL\0' \
	>"$work/root/lib/modules/$release/modules.builtin.modinfo"
depmod -b "$work/root" "$release" 2>"$work/depmod.err" || { tap_diag_file "$work/depmod.err"; tap_bail "depmod failed"; }
mkdev pci0000:00/0000:00:14.3 pci:v00008086d00002723sv00008086sd00000084bc02sc80i00 iwlwifi iwlwifi
mkdev pci0000:00/0000:00:14.0 pci:v00008086d0000A3AFsv00001028sd000009BEbc0Csc03i30 xhci_hcd
mkdev pci0000:00/0000:00:1f.3 pci:v00008086d0000A348sv00001028sd000009BEbc04sc03i80
mkdev platform/mystery.0 platform:mystery
mkdev virtual/nothing virtual:nothing
moddir=$work/root/lib/modules/$release

tap_plan 35

# -- names given on the command line
kx iwlwifi >"$work/out" 2>&1
ok $? "iwlwifi: exit 0"
has "$work/out" "CONFIG_IWLWIFI=m  can be a module" "iwlwifi: symbol, value, module"
has "$work/out" "needs:   CONFIG_WLAN_VENDOR_INTEL=y  CONFIG_WLAN=y  CONFIG_NET=y" "iwlwifi: directory chain with values"
has "$work/out" "source:  drivers/net/wireless/intel/iwlwifi (drivers/net/wireless/intel/iwlwifi/Makefile:2)" "iwlwifi: source directory and line"
has "$work/out" "adds:    CONFIG_IWLMVM=n" "iwlwifi: options adding objects to it"
has "$work/out" "enable:  already built" "enable: iwlwifi is already built"
kx e1000 fakepci >"$work/out" 2>&1
has "$work/out" "CONFIG_E1000=n  tristate; its dependencies are off: ETHERNET [=n]" "e1000: why m is not possible"
has "$work/out" "CONFIG_PCI_FAKE=n  bool: built in only" "fakepci: bool"
kx snd_hda_intel xhci-pci >"$work/out" 2>&1
has "$work/out" "needs:   CONFIG_SND_PCI=y  CONFIG_SND=m  CONFIG_SOUND=m" "snd-hda-intel: sound chain"
has "$work/out" "(CONFIG_USB_XHCI_HCD=y | CONFIG_USB_EHCI_HCD (not in Kconfig))" "xhci-pci: any-of link, undefined symbol"
kx iwlwfi >"$work/out" 2>&1
ok $((! $?)) "unknown name: exit non-zero"
has "$work/out" "iwlwfi: no such module in the tree; did you mean iwlwifi or iwlmvm?" "unknown name: closest matches"
kx --json iwlwifi nosuch >"$work/json" 2>&1
has "$work/json" '"symbols":[{"name":"IWLWIFI","value":"m","type":"tristate","can_be_module":true' "json: symbol"
has "$work/json" '{"dir":"drivers/net/wireless/intel","any_of":[{"name":"WLAN_VENDOR_INTEL","value":"y"}]}' "json: chain"
has "$work/json" '"found":false,"closest":[' "json: unknown name"
if command -v python3 >/dev/null; then
	python3 -m json.tool "$work/json" >/dev/null 2>&1
	ok $? "json: well-formed"
else
	ok 0 "json: well-formed # SKIP no python3"
fi
kx --enable iwlwifi >"$work/out" 2>&1
st=$?
ok $st "--enable: exit 0 (got $st)"
has "$work/out" "Nothing to do: every request already holds." "--enable: nothing to do, nothing written"

# -- saved outputs from another machine
kx --lsmod "$here/lsmod.txt" >"$work/out" 2>&1
has "$work/out" "iwlwifi (from lsmod)" "lsmod: iwlwifi"
has "$work/out" "snd-hda-intel (from lsmod)" "lsmod: snd_hda_intel, header skipped"
has "$work/out" "cfg80211: no such module in the tree" "lsmod: cfg80211 is not in the fixture"
kx --lspci "$here/lspci.txt" >"$work/out" 2>&1
has "$work/out" "xhci-hcd (from lspci driver in use)" "lspci: driver in use"
has "$work/out" "xhci-pci (from lspci)" "lspci: Kernel modules line"
has "$work/out" "driver pcieport (00:1c.0): no module of that name in the tree; built into that kernel, or out of tree" "lspci: driver that is no module"

# -- this machine's hardware, through libkmod on our own indexes
kx --hardware --sysfs "$work/sys/devices" --modules-dir "$moddir" >"$work/out" 2>&1
has "$work/out" "iwlwifi (from hardware driver in use, hardware)" "hardware: bound driver's module and modalias"
has "$work/out" "snd-hda-intel (from hardware)" "hardware: modalias of a device without driver"
has "$work/out" "xhci-pci (from hardware)" "hardware: built-in module through modules.builtin.modinfo"
has "$work/out" "xhci-hcd (from hardware driver in use)" "hardware: built-in driver name found in the tree"
has "$work/out" "mystery: no such module in the tree" "hardware: module the tree does not have"
has "$work/out" "  pci0000:00/0000:00:1f.3  pci:v00008086d0000A348sv00001028sd000009BEbc04sc03i80" "hardware: device without a driver listed"
has "$work/out" "  virtual/nothing  virtual:nothing" "hardware: device no module matches"
has "$work/out" "no module matches" "hardware: says so"
kx --hardware --sysfs "$work/sys/devices" --root "$work/root" --json >"$work/json" 2>&1
has "$work/json" '"driver":"iwlwifi","driver_module":"iwlwifi","modules":["iwlwifi"]' "--root: finds lib/modules/<release>, json devices"
kx --hardware --sysfs "$work/sys/devices" --modules-dir "$work/nonexistent" >"$work/out" 2>&1
has "$work/out" "cannot load the module indexes" "--modules-dir without indexes: error"

# -- modules loaded now: whatever this machine has
kx --loaded >"$work/out" 2>&1
st=$?
if [ -r /proc/modules ] && [ -s /proc/modules ]; then
	first=$(awk 'NR == 1 { print $1 }' /proc/modules)
	grep -q "(from loaded)" "$work/out" && grep -q "^${first}\\|^${first//_/-}" "$work/out"
	ok $? "--loaded: lists /proc/modules ($first)"
elif [ -r /proc/modules ]; then
	ok $st "--loaded: nothing loaded, nothing listed"
else
	grep -q "cannot list the loaded modules" "$work/out"
	ok $? "--loaded: no /proc/modules here, said so"
fi

tap_done
