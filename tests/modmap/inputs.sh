#!/usr/bin/env bash
# inputs.sh - `kexplore modules --enable/--localmodconfig` with bad input (issue 13 item 2): an
# unreadable --lsmod/--lspci file or a misspelt module name writes nothing and exits non-zero,
# and a misspelt name is reported as unknown with the closest names, never as "Nothing to do".
# The fixture is tests/modmap/tree (iwlwifi and iwlmvm are modules there). Prints TAP.
set -u
export LC_ALL=C

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
# shellcheck source-path=SCRIPTDIR source=../lib/tap.sh
. "$here/../lib/tap.sh"
KEXPLORE=${KEXPLORE:-$here/../../kexplore}
tree=$here/tree
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

kxf() { # kxf CONFIG ARGS... - modules on the fixture tree
	local cfg=$1
	shift
	env -u ARCH -u KCONFIG_CONFIG "$KEXPLORE" -C "$tree" --arch x86_64 --config "$cfg" modules "$@"
}
# unchanged DESCRIPTION - the input config is as it was and no .old or -o file appeared
unchanged() {
	cmp -s "$here/config" "$work/in.config" && [ ! -e "$work/in.config.old" ] && [ ! -e "$work/out.config" ]
	ok $? "$1"
}

tap_plan 16
cp "$here/config" "$work/in.config"

# A typo in the lsmod file name: before the fix every module was switched off and written.
kxf "$work/in.config" --localmodconfig --lsmod "$work/lsmod.tx" >"$work/out" 2>&1
st=$?
[ $st -ne 0 ]
ok $? "--localmodconfig --lsmod MISSING exits non-zero (got $st)"
grep -q "lsmod.tx: No such file" "$work/out"
ok $? "the missing file is named"
grep -q "nothing written" "$work/out"
ok $? "it says nothing was written"
unchanged "--localmodconfig --lsmod MISSING leaves the config alone"

kxf "$work/in.config" --enable --lspci "$work/lspci.tx" -o "$work/out.config" >"$work/out" 2>&1
st=$?
[ $st -ne 0 ]
ok $? "--enable --lspci MISSING exits non-zero (got $st)"
unchanged "--enable --lspci MISSING writes nothing"

# A misspelt name: iwlwfi is one letter from iwlwifi (edit distance 1).
kxf "$work/in.config" --enable iwlwfi >"$work/out" 2>&1
st=$?
[ $st -ne 0 ]
ok $? "--enable iwlwfi exits non-zero (got $st)"
! grep -qi "nothing to do" "$work/out"
ok $? "--enable iwlwfi does not say 'Nothing to do'"
grep -q "iwlwfi: unknown module" "$work/out"
ok $? "--enable iwlwfi says the module is unknown"
grep -q "did you mean iwlwifi" "$work/out"
ok $? "--enable iwlwfi suggests iwlwifi first"
unchanged "--enable iwlwfi writes nothing"

kxf "$work/in.config" --localmodconfig iwlwfi -o "$work/out.config" >"$work/out" 2>&1
st=$?
[ $st -ne 0 ]
ok $? "--localmodconfig iwlwfi exits non-zero (got $st)"
unchanged "--localmodconfig iwlwfi writes nothing (before: every other module switched off)"

# A readable lsmod with a module the tree lacks (cfg80211) still works: loaded modules may be
# out of tree, only names typed by a person must exist.
kxf "$work/in.config" --localmodconfig --lsmod "$here/lsmod.txt" -o "$work/out.config" >"$work/out" 2>&1
ok $? "--localmodconfig --lsmod lsmod.txt (cfg80211 unknown there) still exits 0"

# Module names in capitals: the tree's iwlwifi (module names are lower case but for a few).
kxf "$work/in.config" IWLWIFI >"$work/out" 2>&1
ok $? "modules IWLWIFI exits 0"
grep -qx "iwlwifi" "$work/out"
ok $? "modules IWLWIFI reports the module iwlwifi"
