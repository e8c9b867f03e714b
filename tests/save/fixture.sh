#!/usr/bin/env bash
# fixture.sh - save, mindiff and diff-apply on the small tree in tests/save/tree, checked against
# hand-written expected files and against the kernel's own conf (6.12's scripts/kconfig/conf).
#
# The expected minimal diff from base.config to new.config, line by line (in menu order):
#   CONFIG_ZRAM=m                 the base has ZRAM=n; nothing else turns it on
#   CONFIG_ZRAM_DEF_COMP_ZSTD=y   the choice appears with ZRAM; its default is LZO, so the chosen
#                                 member is written
#   CONFIG_LRU_GEN=y              base n
#   CONFIG_PREEMPT_NONE=y         the base chose VOLUNTARY; NONE is the choice's default, but the
#                                 base's "# CONFIG_PREEMPT_NONE is not set" would still win, so the
#                                 chosen member is written (not "# CONFIG_PREEMPT_VOLUNTARY ...")
#   CONFIG_NR_CPUS=128            int, base 64
#   CONFIG_PHYSICAL_START=0x1000000  hex: the target is the default, but the base's user value
#                                 0x2000000 would win without a line
#   CONFIG_CMDLINE="..."          string with quotes and ${x} (escaped differently per format)
#   # CONFIG_DEBUG_STUFF is not set   menuconfig; OLD_FEATURE (y in the base) disappears with it
#                                 and needs no line
#   CONFIG_9P_FS=m                a name that is not a Nix identifier
# and no line for: ZSMALLOC (selected by ZRAM), ZRAM_WRITEBACK (default y once visible),
# ZRAM_DEF_COMP (no prompt), OLD_FEATURE (hidden), GONE_OPTION (unknown to the tree),
# SWAP/MODULES (unchanged). 7 symbols change as a consequence: ZSMALLOC, ZRAM_WRITEBACK,
# ZRAM_DEF_COMP_LZO, ZRAM_DEF_COMP_LZ4, ZRAM_DEF_COMP, PREEMPT_VOLUNTARY, OLD_FEATURE.
set -uo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
# shellcheck source-path=SCRIPTDIR source=../lib/tap.sh
. "$here/../lib/tap.sh"
# shellcheck source-path=SCRIPTDIR source=../lib/trees.sh
. "$here/../lib/trees.sh"

KEXPLORE=${KEXPLORE:-./kexplore}
tree=$here/tree
# shellcheck source-path=SCRIPTDIR source=lib.sh
. "$here/lib.sh"

kx() {
	env -u KCONFIG_CONFIG -u ARCH -u SRCARCH -u srctree timeout 60 \
		"$KEXPLORE" -C "$tree" --arch x86_64 "$@"
}

# conf_old INPUT OUT - the kernel's olddefconfig on the fixture tree.
conf_old() {
	local s rc=0
	s=$(mktemp -d "$work/conf.XXXXXX")
	cp "$1" "$s/.config"
	(cd "$s" && env -i PATH="$PATH" HOME="$HOME" LC_ALL=C srctree="$tree" \
		"$CONF" -s --olddefconfig Kconfig) </dev/null >"$s/log" 2>&1 || rc=$?
	cp "$s/.config" "$2"
	return "$rc"
}

prereqs() {
	local d
	if ! d=$(kx_conf_ensure 6.12 2>"$work/conf.log"); then
		tap_bail "cannot build the reference conf: $(tail -1 "$work/conf.log")"
		exit 1
	fi
	CONF=$d/scripts/kconfig/conf
	[ -x "$KEXPLORE" ] || tap_bail "no kexplore binary at $KEXPLORE"
}

# The formats, from inside the test dir so that names in headers are relative.
test_formats() {
	local f e
	for f in kconfig nix guix changelog; do
		e=$f
		[ "$f" = kconfig ] && e=fragment
		(cd "$here" && kx --config new.config mindiff --base base.config --format "$f") \
			>"$work/out.$e" 2>"$work/err.$e"
		same "$here/expected.$e" "$work/out.$e" "mindiff --format $f is expected.$e"
	done
	grep -q 'base.config:34: warning: unknown symbol: GONE_OPTION' "$work/err.fragment"
	ok $? "the base's unknown symbol is reported once"
	[ "$(grep -c GONE_OPTION "$work/err.fragment")" -eq 1 ]
	ok $? "... and only once"
}

# The proof through conf: base + fragment gives the target; without any one line it does not.
test_conf_proof() {
	local i total lines
	conf_old "$here/new.config" "$work/target"
	ok $? "conf: olddefconfig of new.config (the target)"
	kx --config "$here/new.config" olddefconfig -o "$work/target.kx" 2>/dev/null
	same "$work/target" "$work/target.kx" "kexplore's target is conf's"
	cat "$here/base.config" "$work/out.fragment" >"$work/applied"
	conf_old "$work/applied" "$work/result"
	same "$work/target" "$work/result" "conf: base + fragment reproduces the target byte for byte"
	lines "$work/out.fragment" >"$work/lines"
	total=$(wc -l <"$work/lines")
	lines=0
	for i in $(seq 1 "$total"); do
		sed "${i}d" "$work/lines" | cat "$here/base.config" - >"$work/applied"
		conf_old "$work/applied" "$work/result"
		cmp -s "$work/target" "$work/result" || lines=$((lines + 1))
	done
	[ "$lines" -eq "$total" ] && [ "$total" -eq 9 ]
	ok $? "conf: removing any one of the $total lines breaks the reproduction ($lines do)"
}

# Nix: parses, and evaluates with a stand-in lib.kernel to the fragment's assignments.
test_nix() {
	if ! tap_require nix-instantiate; then
		skip "nix-instantiate --parse accepts the NixOS output" "$tap_missing not installed (apt-get install nix-bin)"
		skip "... and it evaluates to the fragment's assignments" "$tap_missing not installed"
		return
	fi
	nix-instantiate --parse "$work/out.nix" >/dev/null 2>&1
	ok $? "nix-instantiate --parse accepts the NixOS output"
	nix_matches "$work/out.nix" "$work/lines"
	ok $? "... and it evaluates (lib.kernel yes/no/module/freeform) to the fragment's assignments"
}

# Guix: Guile reads and evaluates it; Guix's config->string semantics give the fragment's lines.
test_guix() {
	if ! tap_require guile-3.0; then
		skip "guile-3.0 reads and evaluates the Guix output" "$tap_missing not installed (apt-get install guile-3.0)"
		skip "... to the fragment's lines, in order" "$tap_missing not installed"
		return
	fi
	guix_lines "$work/out.guix" >/dev/null 2>&1
	ok $? "guile-3.0 reads and evaluates the Guix output"
	guix_matches "$work/out.guix" "$work/lines"
	ok $? "... to the fragment's lines, in order (int/hex unquoted)"
}

test_save() {
	local d=$work/save
	mkdir -p "$d"
	(cd "$d" && kx --config "$here/new.config" save --base "$here/base.config" -o out.config) \
		2>"$work/save.err"
	ok $? "save --base base.config -o out.config"
	same "$work/target" "$d/out.config" "save wrote the target .config"
	lines "$d/out.config.fragment" >"$work/save.lines"
	same "$work/lines" "$work/save.lines" "... and beside it out.config.fragment, the minimal diff"
	head -1 "$d/out.config.fragment" | grep -q '^# Minimal diff of out.config'
	ok $? "the fragment says what it is"
	echo "CONFIG_LRU_GEN=y" >"$d/small.config"
	cp "$here/base.config" "$d/small.config"
	echo "CONFIG_LRU_GEN=y" >>"$d/small.config"
	(cd "$d" && kx --config small.config save --base "$here/base.config" -o out.config) \
		2>>"$work/save.err"
	same "$work/target" "$d/out.config.old" "saving again keeps the previous config as out.config.old"
	[ -e "$d/out.config.fragment.old" ] && grep -qx 'CONFIG_LRU_GEN=y' "$d/out.config.fragment" &&
		[ "$(lines "$d/out.config.fragment" | wc -l)" -eq 1 ]
	ok $? "... and the fragment is now the one line CONFIG_LRU_GEN=y (old one kept)"
	# Without --base: the file being replaced is the base.
	cp "$here/base.config" "$d/replaced.config"
	(cd "$d" && kx --config "$here/new.config" save -o replaced.config) 2>>"$work/save.err"
	lines "$d/replaced.config.fragment" >"$work/save.lines"
	same "$work/lines" "$work/save.lines" "save without --base diffs against the file it replaces"
	same "$here/base.config" "$d/replaced.config.old" "... which is kept as .old"
	(cd "$d" && kx --config "$here/new.config" save -o - 2>/dev/null)
	[ $? -eq 2 ]
	ok $? "save refuses standard output (exit 2)"
}

test_identity() {
	kx --config "$here/base.config" mindiff --base "$here/base.config" -o "$work/empty" 2>/dev/null
	[ -e "$work/empty" ] && [ "$(lines "$work/empty" | wc -l)" -eq 0 ]
	ok $? "the diff of a config from itself is empty"
}

test_diff_apply() {
	local d=$work/apply rc
	mkdir -p "$d"
	cat >"$d/req.fragment" <<'EOF'
CONFIG_ZRAM_WRITEBACK=y
# CONFIG_ZSMALLOC is not set
CONFIG_ZRAM=m
CONFIG_LRU_GEN=m
CONFIG_NO_SUCH_OPTION=y
CONFIG_NR_CPUS=128
CONFIG_OLD_FEATURE=y
# CONFIG_DEBUG_STUFF is not set
EOF
	cp "$here/base.config" "$d/.config"
	rc=0
	kx --config "$d/.config" diff-apply "$d/req.fragment" >"$d/report" 2>"$d/err" || rc=$?
	[ "$rc" -eq 1 ]
	ok $? "diff-apply exits 1 when requested values did not take"
	cat "$here/base.config" "$d/req.fragment" >"$work/applied"
	conf_old "$work/applied" "$work/result"
	same "$work/result" "$d/.config" "diff-apply wrote what conf makes of base + fragment"
	same "$here/base.config" "$d/.config.old" "... keeping the previous config as .old"
	# Reasons, from the fixture's Kconfig: ZRAM_WRITEBACK is y once ZRAM is m (took);
	# ZSMALLOC is selected by ZRAM; LRU_GEN is a bool; OLD_FEATURE is inside
	# 'if DEBUG_STUFF', which the same fragment turns off. The explanation engine words them;
	# what they must name is fixed by the Kconfig.
	grep -q 'req.fragment:2: CONFIG_ZSMALLOC=n did not take: it is m' "$d/report" &&
		sed -n '/CONFIG_ZSMALLOC=n/,/did not take/p' "$d/report" | grep -q 'selected by ZRAM \[=m\]'
	ok $? "a selected symbol: reported with its selector and value"
	sed -n '/CONFIG_ZSMALLOC=n/,/did not take/p' "$d/report" | grep -q 'CONFIG_ZRAM is not set'
	ok $? "... and a plan to get it (turn ZRAM off)"
	grep -q 'req.fragment:4: CONFIG_LRU_GEN=m did not take: it is n' "$d/report" &&
		sed -n '/CONFIG_LRU_GEN=m/,/did not take/p' "$d/report" | grep -q 'bool'
	ok $? "a bool asked for m"
	grep -q 'CONFIG_NO_SUCH_OPTION=y did not take: CONFIG_NO_SUCH_OPTION is unknown' "$d/report"
	ok $? "an unknown symbol"
	grep -q 'req.fragment:7: CONFIG_OLD_FEATURE=y did not take: it is n' "$d/report" &&
		sed -n '/CONFIG_OLD_FEATURE=y/,$p' "$d/report" | grep -q 'DEBUG_STUFF \[=n\]'
	ok $? "a symbol whose dependency is off: the dependency with its value"
	[ "$(grep -c 'did not take' "$d/report")" -eq 4 ]
	ok $? "exactly those four are reported"
	lines "$work/out.fragment" >"$d/good.fragment"
	cp "$here/base.config" "$d/.config"
	kx --config "$d/.config" diff-apply "$d/good.fragment" -o "$d/good.config" >"$d/report2" 2>&1
	ok $? "diff-apply of the minimal diff: every value takes (exit 0)"
	same "$work/target" "$d/good.config" "... and gives the target"
}

main() {
	work=$(mktemp -d)
	# shellcheck disable=SC2064 # expand now
	trap "rm -rf '$work'" EXIT
	prereqs
	test_formats
	test_conf_proof
	test_nix
	test_guix
	test_save
	test_identity
	test_diff_apply
	tap_done
}

main "$@"
