#!/usr/bin/env bash
# real.sh - the issue's proof on the real tree: Debian's 6.12 amd64 config as the base; targets made
# from it by the kernel's own conf (append edits, make olddefconfig):
#   profile-on    named options a desktop profile turns on (choices, an int, a string, a module
#                 made built-in, a filesystem dropped)
#   profile-off   ZRAM, LRU_GEN and TRANSPARENT_HUGEPAGE turned off (their sub-options vanish)
#   random        20 visible bool/tristate symbols of the base toggled (y/m -> n, n -> y or m),
#                 picked with a fixed seed from kexplore's dump of the base
# For each target: `kexplore mindiff --base debian` must
#   1. reproduce the target byte for byte THROUGH THE KERNEL'S CONF (base + fragment, olddefconfig);
#   2. be minimal: with any single line removed the result differs. Every line is checked with
#      kexplore's engine (kexplore olddefconfig on base + fragment minus that line, compared with
#      conf's target), and the first, middle and last lines are also confirmed with conf;
#   3. give NixOS output that nix-instantiate parses and evaluates to the same assignments, and
#      Guix output that Guile evaluates to the same lines.
# With KX_CONF_JOBS=quick (the sanitizer run of .ci/run) only the random target is checked.
set -uo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
# shellcheck source-path=SCRIPTDIR source=../lib/tap.sh
. "$here/../lib/tap.sh"
# shellcheck source-path=SCRIPTDIR source=../lib/trees.sh
. "$here/../lib/trees.sh"
# shellcheck source-path=SCRIPTDIR source=lib.sh
. "$here/lib.sh"

KEXPLORE=${KEXPLORE:-./kexplore}
REF=$here/../conformance/ref.sh

bail() {
	tap_bail "$*"
}

prereqs() {
	local t
	tree=$(kx_tree_ensure 6.12 2>/dev/null) || bail "no 6.12 tree (tests/lib/trees.sh ensure 6.12)"
	kx_conf_ensure 6.12 >/dev/null 2>&1 || bail "cannot build the 6.12 conf"
	[ -x "$KEXPLORE" ] || bail "no kexplore binary at $KEXPLORE"
	base=$work/debian.config
	if [ -r /usr/src/linux-config-6.12/config.amd64_none_amd64.xz ] && tap_require xz; then
		xz -dc /usr/src/linux-config-6.12/config.amd64_none_amd64.xz >"$base"
	elif [ -r "$KX_CACHE/configs/6.12/config.amd64_none_amd64" ]; then
		cp "$KX_CACHE/configs/6.12/config.amd64_none_amd64" "$base"
	else
		bail "Debian's 6.12 amd64 config missing (apt-get install linux-config-6.12)"
	fi
}

kx() {
	env -u KCONFIG_CONFIG -u ARCH -u SRCARCH -u srctree "$KEXPLORE" -q -C "$tree" --arch x86_64 "$@"
}

# conf_old INPUT OUT - the kernel's make olddefconfig. conf runs the toolchain probes of the
# Kconfig files ($(cc-option,...)) each time, and on a loaded machine one of them sometimes fails
# (seen: STACKPROTECTOR and ZERO_CALL_USED_REGS missing from one run of the same input), and
# ref.sh caches results. So when conf's result differs from kexplore's (whose probe results are
# cached), conf is run again without the cache, twice at most; the result used is always conf's.
conf_old() {
	local try
	"$REF" "$tree" x86_64 olddefconfig "$1" "$2" 2>"$work/ref.log" || return 1
	kx --config "$1" olddefconfig -o "$work/conf_old.kx" 2>/dev/null
	for try in 1 2; do
		cmp -s "$2" "$work/conf_old.kx" && return 0
		echo "# conf on ${1##*/} differs from kexplore: running conf again ($try)"
		KX_REF_NOCACHE=1 "$REF" "$tree" x86_64 olddefconfig "$1" "$2" 2>"$work/ref.log" ||
			return 1
	done
	return 0
}

make_profile_targets() {
	cat "$base" - >"$work/profile-on.in" <<'EOF'
CONFIG_PREEMPT=y
CONFIG_HZ_1000=y
CONFIG_ZRAM=y
CONFIG_ZRAM_DEF_COMP_ZSTD=y
CONFIG_LRU_GEN_STATS=y
CONFIG_TRANSPARENT_HUGEPAGE_MADVISE=y
CONFIG_ZSWAP_DEFAULT_ON=y
CONFIG_CMDLINE_BOOL=y
CONFIG_CMDLINE="quiet splash \"x\""
CONFIG_LOG_BUF_SHIFT=18
# CONFIG_BTRFS_FS is not set
EOF
	cat "$base" - >"$work/profile-off.in" <<'EOF'
# CONFIG_ZRAM is not set
# CONFIG_LRU_GEN is not set
# CONFIG_TRANSPARENT_HUGEPAGE is not set
EOF
}

# make_random_target NAME SEED - 20 toggles picked by a fixed-seed generator (an LCG, so that the
# choice does not depend on the Python version) from the visible bool/tristate symbols.
make_random_target() {
	python3 - "$work/dump.json" "$2" >"$work/$1.edits" <<'EOF'
import json, sys
syms = [s for s in json.load(open(sys.argv[1]))['symbols']
        if s['type'] in ('bool', 'tristate') and s['visible'] != 'n' and s['written']]
state = int(sys.argv[2])
picked = []
while len(picked) < 20:
    state = (state * 6364136223846793005 + 1442695040888963407) % 2**64
    s = syms[(state >> 33) % len(syms)]
    if s not in picked:
        picked.append(s)
for s in picked:
    if s['value'] in ('y', 'm'):
        print('# CONFIG_%s is not set' % s['name'])
    elif s['type'] == 'tristate':
        print('CONFIG_%s=m' % s['name'])
    else:
        print('CONFIG_%s=y' % s['name'])
EOF
	cat "$base" "$work/$1.edits" >"$work/$1.in"
}

# check_target NAME - the proof for one target.
check_target() {
	local t=$1 frag=$work/$1.fragment total i breaks picks
	if ! conf_old "$work/$t.in" "$work/$t.target"; then
		ok 1 "$t: conf makes the target"
		sed 's/^/# /' "$work/ref.log" | head -5
		return
	fi
	kx --config "$work/$t.target" mindiff --base "$base" -o "$frag" 2>"$work/$t.err"
	ok $? "$t: mindiff"
	lines "$frag" >"$work/$t.lines"
	total=$(wc -l <"$work/$t.lines")
	echo "# $t: $total lines; $(grep -c . "$work/$t.in" | awk -v b="$(grep -c . "$base")" \
		'{ print $1 - b }') edits; target differs from the base in \
$(diff "$base" "$work/$t.target" | grep -c '^>') lines"
	[ "$total" -gt 0 ]
	ok $? "$t: the diff is not empty"
	cat "$base" "$work/$t.lines" >"$work/$t.applied"
	conf_old "$work/$t.applied" "$work/$t.result"
	same "$work/$t.target" "$work/$t.result" "$t: conf: base + diff reproduces the target byte for byte"
	breaks=0
	for i in $(seq 1 "$total"); do
		sed "${i}d" "$work/$t.lines" | cat "$base" - >"$work/$t.minus"
		kx --config "$work/$t.minus" olddefconfig -o "$work/$t.minus.out" 2>/dev/null
		if cmp -s "$work/$t.target" "$work/$t.minus.out"; then
			echo "# $t: still reproduced without line $i: $(sed -n "${i}p" "$work/$t.lines")"
		else
			breaks=$((breaks + 1))
		fi
	done
	[ "$breaks" -eq "$total" ]
	ok $? "$t: engine: removing any single line breaks the reproduction ($breaks of $total)"
	picks=$(printf '%s\n' 1 $(((total + 1) / 2)) "$total" | sort -un)
	breaks=0
	for i in $picks; do
		sed "${i}d" "$work/$t.lines" | cat "$base" - >"$work/$t.minus"
		conf_old "$work/$t.minus" "$work/$t.minus.out"
		cmp -s "$work/$t.target" "$work/$t.minus.out" || breaks=$((breaks + 1))
	done
	[ "$breaks" -eq "$(echo "$picks" | wc -l)" ]
	ok $? "$t: conf confirms it for lines $(echo "$picks" | paste -sd,)"
	kx --config "$work/$t.target" mindiff --base "$base" --format nix -o "$work/$t.nix" 2>/dev/null
	if tap_require nix-instantiate; then
		nix-instantiate --parse "$work/$t.nix" >/dev/null 2>&1 &&
			nix_matches "$work/$t.nix" "$work/$t.lines"
		ok $? "$t: NixOS output parses (nix-instantiate) and evaluates to the same assignments"
	else
		skip "$t: NixOS output parses and evaluates" "$tap_missing not installed (apt-get install nix-bin)"
	fi
	kx --config "$work/$t.target" mindiff --base "$base" --format guix -o "$work/$t.guix" 2>/dev/null
	if tap_require guile-3.0; then
		guix_matches "$work/$t.guix" "$work/$t.lines"
		ok $? "$t: Guix output evaluates (guile-3.0) to the same lines"
	else
		skip "$t: Guix output evaluates to the same lines" "$tap_missing not installed (apt-get install guile-3.0)"
	fi
}

main() {
	local t targets
	work=$(mktemp -d)
	# shellcheck disable=SC2064 # expand now
	trap "rm -rf '$work'" EXIT
	prereqs
	kx --config "$base" dump --json >"$work/dump.json" 2>/dev/null ||
		bail "kexplore dump --json failed"
	make_profile_targets
	targets=(profile-on profile-off random)
	[ "${KX_CONF_JOBS:-}" = quick ] && targets=(random)
	for t in "${targets[@]}"; do
		if [ "$t" = random ] && ! tap_require python3; then
			skip "random: 20 toggles picked from the dump" "$tap_missing not installed (apt-get install python3)"
			continue
		fi
		[ "$t" = random ] && make_random_target random 1
		check_target "$t"
	done
	tap_done
}

main "$@"
