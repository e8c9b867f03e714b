#!/usr/bin/env bash
# tests/hardening/config-files.sh - the config-file service (kconfig/core/cfgfile.c) as
# every front end uses it, on the explorer's fixture tree (tests/tui/fixtures/basic):
#  - a config stored as gzip, xz or zstd (one stream, or several concatenated as
#    the tools write them with cat) reads as the plain file: olddefconfig equals the
#    kernel's conf run on the plain one;
#  - truncated or corrupt streams, binary data and more than 64 MiB decompressed
#    are errors for every reader (--config, diff, save --base, diff-apply,
#    KCONFIG_ALLCONFIG, defconfig FILE, profile check, the explorer's L), and
#    nothing is written (the output keeps its bytes and mtime, no .old appears);
#  - a config named by --config or KCONFIG_CONFIG that does not exist is an error
#    for every command; only a missing TREE/.config falls back to the defconfig;
#  - a compressed input config is never written over: the CLI asks for -o, the
#    explorer saves to the tree's .config;
#  - the explorer's saves honour KCONFIG_OVERWRITECONFIG as conf does (the CLI's
#    are compared with conf in save.sh).
# The zstd and xz tools are optional: without one, its checks are TAP SKIPs. KEEP=1 keeps
# the work folder. TAP output.
set -uo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
# shellcheck source-path=SCRIPTDIR source=../lib/tap.sh
. "$here/../lib/tap.sh"
top=$(cd "$here/../.." && pwd)
# shellcheck source-path=SCRIPTDIR source=../lib/trees.sh
. "$here/../lib/trees.sh"

KEXPLORE=${KEXPLORE:-$top/kexplore}
case $KEXPLORE in /*) ;; *) KEXPLORE=$PWD/$KEXPLORE ;; esac
work=$(mktemp -d)
trap '[ -n "${KEEP:-}" ] || rm -rf "$work"' EXIT

check() { if eval "$2"; then ok "$1"; else nok "$1"; fi; }
have() { command -v "$1" >/dev/null 2>&1; }

# The tree is copied: the explorer saves to TREE/.config in some checks.
tree=$work/tree
cp -r "$top/tests/tui/fixtures/basic" "$tree"
rm -f "$tree/.config"*
# values away from the defaults, so that a config read as nothing cannot pass
plain=$work/plain.config
sed -e 's/^CONFIG_NR_CPUS=8$/CONFIG_NR_CPUS=64/' -e 's/^CONFIG_SWAP=y$/# CONFIG_SWAP is not set/' \
	"$tree/config" >"$plain"

# kx ARGS... - kexplore on the tree, quiet, in $work; exit status in $rc, stderr in $work/err.
kx() {
	rc=0
	(cd "$work" && env -u KCONFIG_CONFIG -u KCONFIG_ALLCONFIG -u KCONFIG_OVERWRITECONFIG \
		HOME="$work/home" XDG_CACHE_HOME="$work/cache" timeout 60 "$KEXPLORE" -q -C "$tree" \
		--arch x86_64 "$@") >"$work/stdout" 2>"$work/err" || rc=$?
}

# a failed check shows what kexplore said
tap_on_fail() {
	[ -s "$work/err" ] && tap_diag_file "$work/err"
	return 0
}
tap_plan 45

# --- the reference: conf's olddefconfig of the plain config ------------------------
if ! confdir=$(kx_conf_ensure 6.12 2>/dev/null); then
	tap_bail "cannot build the kernel's conf for the reference"
fi
mkdir "$work/ref"
cp "$plain" "$work/ref/.config"
(cd "$work/ref" && env -i PATH="$PATH" srctree="$tree" ARCH=x86_64 SRCARCH=x86 \
	timeout 60 "$confdir/scripts/kconfig/conf" -s --olddefconfig Kconfig) >/dev/null 2>&1
ref=$work/ref/.config

# pack FORMAT IN OUT [split] - compress IN; with split, as two streams concatenated.
pack() {
	local tool=$1 in=$2 out=$3
	if [ "${4:-}" = split ]; then
		head -n 5 "$in" | $tool -c >"$out"
		tail -n +6 "$in" | $tool -c >>"$out"
	else
		$tool -c <"$in" >"$out"
	fi
}

# --- 1-6: each format reads as the plain file ------------------------------------------
for tool in gzip xz zstd; do
	for how in one split; do
		what="a $tool config ($how stream$([ $how = split ] && echo s)) reads as the plain one"
		if ! have $tool; then
			skip "$what: no $tool"
			continue
		fi
		pack "$tool -q" "$plain" "$work/in.$tool" $how
		rm -f "$work/out.config"
		kx --config "in.$tool" olddefconfig -o out.config
		check "$what" "[ $rc -eq 0 ] && cmp -s '$ref' '$work/out.config'"
	done
done

# --- 7-12: truncated, corrupt, binary: an error, nothing written -------------------------
# fails NAME CONFIG MESSAGE - olddefconfig of CONFIG: exit 1, MESSAGE, out.config untouched.
printf 'OLD OUTPUT\n' >"$work/out.config"
touch -d '2001-01-01 00:00' "$work/out.config"
rm -f "$work/out.config.old"
fails() {
	kx --config "$2" olddefconfig -o out.config
	check "$1" "[ $rc -eq 1 ] && grep -qxF '$3' '$work/err' && [ \"\$(cat '$work/out.config')\" = 'OLD OUTPUT' ] &&
		[ \"\$(stat -c %Y '$work/out.config')\" = \"\$(date -d '2001-01-01 00:00' +%s)\" ] &&
		[ ! -e '$work/out.config.old' ]"
}
for tool in xz zstd; do
	if ! have $tool; then
		skip "a truncated $tool stream is an error: no $tool"
		skip "a corrupt $tool stream is an error: no $tool"
		continue
	fi
	$tool -q -c <"$plain" >"$work/whole.$tool"
	head -c $(($(stat -c %s "$work/whole.$tool") - 8)) "$work/whole.$tool" >"$work/cut.$tool"
	fails "a truncated $tool stream is an error, not a shorter config; nothing written" \
		"cut.$tool" "cut.$tool: error: cannot read: truncated $tool data"
	# flip a byte in the middle of the compressed data
	cp "$work/whole.$tool" "$work/bad.$tool"
	printf '\377\377\377\377' | dd of="$work/bad.$tool" bs=1 seek=20 conv=notrunc 2>/dev/null
	kx --config "bad.$tool" olddefconfig -o out.config
	check "a corrupt $tool stream is an error; nothing written" \
		"[ $rc -eq 1 ] && grep -q '^bad.$tool: error: cannot read: corrupt $tool data' '$work/err' &&
		 [ \"\$(cat '$work/out.config')\" = 'OLD OUTPUT' ] && [ ! -e '$work/out.config.old' ]"
done
head -c 4096 "$KEXPLORE" >"$work/garbage"
fails "binary data (a program) is not a config; nothing written" garbage \
	"garbage: error: cannot read: binary data (byte 0x7f on line 1), not a config file"
if have xz; then
	# what issue 13 saw: an .xz read as text answered from an empty config
	xz -c <"$plain" | head -c 60 >"$work/short.xz"
	fails "a cut .xz is not read as text" short.xz "short.xz: error: cannot read: truncated xz data"
else
	skip "a cut .xz is not read as text: no xz"
fi

# --- 13-23: more than 64 MiB decompressed, for every reader -----------------------------
# A text bomb: 70 MB of comment lines, 70 KB compressed.
yes '# padding' | head -c 70000000 | gzip -1 -c >"$work/bomb.gz"
limit='decompresses to more than the 64 MiB limit'
# bomb NAME ARGS... - the command fails, says the limit, writes nothing.
bomb() {
	local name=$1
	shift
	printf 'OLD OUTPUT\n' >"$work/out.config"
	rm -f "$work/out.config.old" "$work/out.config.fragment"
	kx "$@"
	check "a gzip bomb is refused by $name; nothing written" \
		"[ $rc -eq 1 ] && grep -q 'bomb[^ ]*: .*cannot read.*: gzip data $limit' '$work/err' &&
		 [ \"\$(cat '$work/out.config')\" = 'OLD OUTPUT' ] && [ ! -e '$work/out.config.old' ] &&
		 [ ! -e '$work/out.config.fragment' ]"
}
bomb "--config (olddefconfig)" --config bomb.gz olddefconfig -o out.config
bomb "diff" diff plain.config bomb.gz
bomb "save --base" --config plain.config save --base bomb.gz -o out.config
cp "$work/bomb.gz" "$work/bomb.fragment"
bomb "diff-apply" --config plain.config diff-apply bomb.fragment -o out.config
rc=0
(cd "$work" && KCONFIG_ALLCONFIG=$work/bomb.gz timeout 60 "$KEXPLORE" -q -C "$tree" --arch x86_64 \
	allnoconfig -o out.config) >/dev/null 2>"$work/err" || rc=$?
check "a gzip bomb is refused as KCONFIG_ALLCONFIG; nothing written" \
	"[ $rc -eq 1 ] && grep -q 'bomb.gz: error: cannot read: gzip data $limit' '$work/err' &&
	 [ \"\$(cat '$work/out.config')\" = 'OLD OUTPUT' ]"
# KCONFIG_ALLCONFIG=1 finds TREE/all.config: it was read, its error printed, and the
# output written all the same.
cp "$work/bomb.gz" "$tree/all.config"
rc=0
(cd "$work" && KCONFIG_ALLCONFIG=1 timeout 60 "$KEXPLORE" -q -C "$tree" --arch x86_64 \
	allnoconfig -o out.config) >/dev/null 2>"$work/err" || rc=$?
check "a gzip bomb as TREE/all.config (KCONFIG_ALLCONFIG=1) is refused; nothing written" \
	"[ $rc -eq 1 ] && grep -q 'all.config: error: cannot read: gzip data $limit' '$work/err' &&
	 [ \"\$(cat '$work/out.config')\" = 'OLD OUTPUT' ]"
rm -f "$tree/all.config"
bomb "defconfig FILE" defconfig "$work/bomb.gz" -o out.config
bomb "profile check" --config bomb.gz profile check
bomb "why" --config bomb.gz why FOO
bomb "enable" --config bomb.gz enable FOO -o out.config
if have xz; then
	yes '# padding' | head -c 70000000 | xz -0 -c >"$work/bomb.xz"
	kx --config bomb.xz olddefconfig -o out.config
	check "an xz bomb is refused" "[ $rc -eq 1 ] && grep -q 'xz data $limit' '$work/err'"
else
	skip "an xz bomb is refused: no xz"
fi
if have zstd; then
	yes '# padding' | head -c 70000000 | zstd -q -1 -c >"$work/bomb.zst"
	kx --config bomb.zst olddefconfig -o out.config
	check "a zstd bomb is refused" "[ $rc -eq 1 ] && grep -q 'zstd data $limit' '$work/err'"
else
	skip "a zstd bomb is refused: no zstd"
fi

# --- 24-31: a named config must exist --------------------------------------------------
for cmd in "olddefconfig -o out.config" "savedefconfig -o out.config" "why FOO" "enable FOO" \
	   "profile check" "dump --json"; do
	printf 'OLD OUTPUT\n' >"$work/out.config"
	# shellcheck disable=SC2086
	kx --config /nonexistent/config $cmd
	check "--config /nonexistent: '${cmd%% *}' exits 1 and says so, writes nothing" \
		"[ $rc -eq 1 ] && grep -qF '/nonexistent/config: cannot read the config named by --config' '$work/err' &&
		 [ \"\$(cat '$work/out.config')\" = 'OLD OUTPUT' ]"
done
rc=0
(cd "$work" && KCONFIG_CONFIG=/nonexistent/config timeout 60 "$KEXPLORE" -q -C "$tree" \
	--arch x86_64 olddefconfig -o out.config) >/dev/null 2>"$work/err" || rc=$?
check "KCONFIG_CONFIG=/nonexistent is an error too" \
	"[ $rc -eq 1 ] && grep -qF 'named by KCONFIG_CONFIG' '$work/err'"
# Only the default TREE/.config falls back, and -v says from what.
mkdir -p "$tree/arch/x86/configs"
printf 'CONFIG_FOO=y\n' >"$tree/arch/x86/configs/x86_64_defconfig"
rc=0
(cd "$work" && env -u KCONFIG_CONFIG timeout 60 "$KEXPLORE" -v -C "$tree" --arch x86_64 \
	olddefconfig -o out.config) >/dev/null 2>"$work/err" || rc=$?
check "no TREE/.config: olddefconfig starts from the arch defconfig, -v says so" \
	"[ $rc -eq 0 ] && grep -qxF 'kexplore: no config at $tree/.config: starting from $tree/arch/x86/configs/x86_64_defconfig' '$work/err' &&
	 grep -qx 'CONFIG_FOO=y' '$work/out.config'"
rm -rf "$tree/arch"

# --- 32-34: a compressed input is never written over --------------------------------
if have xz; then
	xz -c <"$plain" >"$work/pkg.xz"
	cp "$work/pkg.xz" "$work/pkg.xz.orig"
	kx --config pkg.xz olddefconfig
	check "olddefconfig of a .xz without -o: an error asking for -o" \
		"[ $rc -eq 1 ] && grep -qF 'pkg.xz: cannot write: a xz-compressed file: kexplore does not write over a compressed config; the input config is only read: give the output file with -o FILE' '$work/err'"
	check "...the .xz keeps its bytes and gets no .old" \
		"cmp -s '$work/pkg.xz' '$work/pkg.xz.orig' && [ ! -e '$work/pkg.xz.old' ]"
	kx --config pkg.xz olddefconfig -o out.config
	check "...and with -o it writes there" "[ $rc -eq 0 ] && cmp -s '$ref' '$work/out.config'"
else
	for _ in 1 2 3; do skip "compressed input and the default output: no xz"; done
fi

# --- 35-41: the explorer -------------------------------------------------------------
# Set FOO=y (Device Drivers > Foo driver), as tests/tui/cases/save does.
set_foo='<Down><Down><Down><Enter><Down><Down>y'
# tui CONFIG SCRIPT-LINES... - one headless session; exit status in $rc.
tui() {
	local cfg=$1
	shift
	printf '%s\n' "$@" >"$work/script"
	rc=0
	# 200 columns: the status lines checked here are long (wrapping is tested elsewhere)
	(cd "$work" && env -i PATH="$PATH" HOME="$work/home" TERM=xterm LANG=C.UTF-8 LINES=24 \
		COLUMNS=200 KEXPLORE_SCRIPT="$work/script" ASAN_OPTIONS="${ASAN_OPTIONS:-}" \
		${over:+KCONFIG_OVERWRITECONFIG=$over} \
		timeout 60 "$KEXPLORE" -C "$tree" --config "$cfg" --arch x86_64) \
		</dev/null >"$work/err" 2>&1 || rc=$?
}
if have xz; then
	# L of a .xz then S: the values come from the .xz, the save goes to --config's file.
	cp "$plain" "$work/edit.config"
	sed -i 's/^CONFIG_NR_CPUS=64$/CONFIG_NR_CPUS=32/' "$work/edit.config"
	xz -c <"$work/edit.config" >"$work/load.xz"
	cp "$work/load.xz" "$work/load.xz.orig"
	cp "$plain" "$work/target.config"
	over='' tui target.config 'L' '<C-u>load.xz<Enter>' ':save-display loaded.screen' \
		"$set_foo" 'S' '<Enter>' ':quit'
	check "explorer: L of a .xz says it was decompressed" \
		"[ $rc -eq 0 ] && grep -q 'Loaded load.xz (xz-compressed: decompressed; S saves to target.config)' '$work/loaded.screen'"
	check "...S then saves its values (and the change) to the --config file" \
		"grep -qx 'CONFIG_NR_CPUS=32' '$work/target.config' && grep -qx 'CONFIG_FOO=y' '$work/target.config'"
	check "...and the .xz keeps its bytes, with no .old beside it" \
		"cmp -s '$work/load.xz' '$work/load.xz.orig' && [ ! -e '$work/load.xz.old' ]"
	# --config pkg.xz: the explorer reads it and saves to the tree's .config.
	over='' tui pkg.xz ':save-display start.screen' "$set_foo" 'S' '<Enter>' ':quit'
	check "explorer --config a .xz: S saves to TREE/.config, the .xz untouched" \
		"[ $rc -eq 0 ] && grep -qx 'CONFIG_FOO=y' '$tree/.config' && grep -qx 'CONFIG_NR_CPUS=64' '$tree/.config' &&
		 cmp -s '$work/pkg.xz' '$work/pkg.xz.orig' && [ ! -e '$work/pkg.xz.old' ] &&
		 grep -q 'S saves to $tree/.config' '$work/start.screen'"
	rm -f "$tree/.config"*
else
	for _ in 1 2 3 4; do skip "explorer and .xz configs: no xz"; done
fi
# KCONFIG_OVERWRITECONFIG: conf writes through a symlinked .config and keeps no .old;
# without it, conf renames .config to .config.old (the link) and writes a new file.
for over in 1 ''; do
	rm -f "$work"/link.config* "$work/behind.config"
	cp "$plain" "$work/behind.config"
	ln -s behind.config "$work/link.config"
	tui link.config "$set_foo" 'S' '<Enter>' ':quit'
	if [ -n "$over" ]; then
		check "explorer with KCONFIG_OVERWRITECONFIG: the file behind the link is written, no .old" \
			"[ $rc -eq 0 ] && [ -L '$work/link.config' ] && grep -qx 'CONFIG_FOO=y' '$work/behind.config' &&
			 [ ! -e '$work/link.config.old' ]"
	else
		check "explorer without it: the link becomes .old, the new config a file" \
			"[ $rc -eq 0 ] && [ ! -L '$work/link.config' ] && grep -qx 'CONFIG_FOO=y' '$work/link.config' &&
			 [ -L '$work/link.config.old' ] && cmp -s '$plain' '$work/behind.config'"
	fi
done
over=''
# The explorer's L of a bomb: refused, nothing changes.
cp "$plain" "$work/target.config"
tui target.config 'L' '<C-u>bomb.gz<Enter>' ':save-display bomb.screen' ':quit'
check "explorer: L of a gzip bomb is refused and says why" \
	"[ $rc -eq 0 ] && grep -q 'Cannot load bomb.gz: gzip data decompresses to more' '$work/bomb.screen' &&
	 cmp -s '$plain' '$work/target.config'"

# ...and A (a config in a column beside the tree) says why it cannot compare with one.
tui target.config 'A' 'bomb.gz<Enter>' ':save-display add.screen' ':quit'
check "explorer: A of a gzip bomb says the reader's reason" \
	"[ $rc -eq 0 ] && grep -q 'Cannot compare with bomb.gz: cannot read: gzip data decompresses to more' '$work/add.screen'"

# --- 44-45: /dev/null, and the repro of issue 13 on the real tree ---------------------
kx --config /dev/null olddefconfig -o out.config
check "--config /dev/null is the empty config (the one device read)" \
	"[ $rc -eq 0 ] && grep -qx 'CONFIG_NR_CPUS=8' '$work/out.config'"
deb=/usr/src/linux-config-6.12/config.amd64_none_amd64.xz
if ! have xz || [ ! -r "$deb" ]; then
	skip "Debian's config.amd64_none_amd64.xz reads as its text: no xz or no linux-config-6.12"
elif ! real=$(kx_tree_ensure 6.12 2>/dev/null); then
	skip "Debian's config.amd64_none_amd64.xz reads as its text: no Linux 6.12 tree"
else
	xz -dc "$deb" >"$work/deb.config"
	(cd "$work" && timeout 120 "$KEXPLORE" -q -C "$real" --arch x86_64 --config deb.config \
		why KVM_AMD 2>&1 | sed 's/deb\.config/CONFIG/g') >"$work/why.plain"
	rc=0
	(cd "$work" && timeout 120 "$KEXPLORE" -q -C "$real" --arch x86_64 --config "$deb" \
		why KVM_AMD 2>&1 | sed "s|$deb|CONFIG|g") >"$work/why.xz" || rc=$?
	check "Debian's config.amd64_none_amd64.xz: 'why KVM_AMD' answers as from its text" \
		"grep -q 'KVM_AMD is m' '$work/why.plain' && cmp -s '$work/why.plain' '$work/why.xz'"
fi
