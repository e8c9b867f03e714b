#!/usr/bin/env bash
# tests/hardening/save.sh - writing a config never loses data. Saving goes
# through a temp file, fsync and rename; an injected failure of write()
# (ENOSPC), fsync() or rename() (EIO) must leave the old config AND its .old
# untouched, no temp file behind, and say why (an LD_PRELOAD shim built here
# from failwrite.c fails those calls for one file only). A symlinked config is
# replaced (the link becomes .old) unless KCONFIG_OVERWRITECONFIG is set, as the
# kernel's conf does (checked against it); a FIFO or /dev/null named by -o is
# written into, never replaced. TAP output.
set -uo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
. "$here/../lib/trees.sh"

KEXPLORE=${KEXPLORE:-./kexplore}
tree=$here/../cli/tree
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
# shellcheck source-path=SCRIPTDIR source=../lib/tap.sh
. "$here/../lib/tap.sh"


kx() { env -u ARCH -u KCONFIG_CONFIG -u KCONFIG_OVERWRITECONFIG "$KEXPLORE" -q -C "$tree" "$@"; }

tap_plan 9
printf 'CONFIG_N=42\n' >"$work/in.config"

# --- injected failures ------------------------------------------------------
shim=$work/failwrite.so
if ! ${KX_CC:-cc} -shared -fPIC -o "$shim" "$here/failwrite.c" -ldl 2>"$work/cc.err"; then
	for i in 1 2 3 4; do skip "injected failure $i" "no C compiler for the LD_PRELOAD shim"; done
else
	for fail in write:"No space left on device" fsync:"Input/output error" \
		rename:"Input/output error"; do
		call=${fail%%:*} msg=${fail#*:}
		printf 'OLD CONFIG\n' >"$work/out.config"
		printf 'OLDER CONFIG\n' >"$work/out.config.old"
		rc=0
		# ASan (--enable-asan) wants its runtime first; the shim only wraps libc calls.
		LD_PRELOAD=$shim KX_FAIL=$call KX_FAIL_MATCH=out.config \
			ASAN_OPTIONS=${ASAN_OPTIONS:+$ASAN_OPTIONS:}verify_asan_link_order=0 \
			kx --config "$work/in.config" olddefconfig -o "$work/out.config" \
			>/dev/null 2>"$work/err" || rc=$?
		left=$(find "$work" -mindepth 1 -maxdepth 1 -name 'out.config.tmp*' -printf '%f ')
		if [ "$rc" -eq 1 ] &&
		   grep -qxF "kexplore: $work/out.config: cannot write: $msg (nothing was changed)" "$work/err" &&
		   [ "$(cat "$work/out.config")" = "OLD CONFIG" ] &&
		   [ "$(cat "$work/out.config.old")" = "OLDER CONFIG" ] && [ -z "$left" ]; then
			ok "a failing $call() keeps the config and its .old, leaves no temp file, says why"
		else
			nok "a failing $call() keeps the config and its .old (exit $rc; left: $left)"
			sed 's/^/# /' "$work/err"
		fi
	done
	rm -f "$work/out.config.old"
	kx --config "$work/in.config" olddefconfig -o "$work/out.config" 2>"$work/err"
	if grep -qx 'CONFIG_N=42' "$work/out.config" && [ "$(cat "$work/out.config.old")" = "OLD CONFIG" ]; then
		ok "without the shim the same write succeeds and the previous file becomes .old"
	else
		nok "without the shim the same write succeeds"
		sed 's/^/# /' "$work/err"
	fi
fi

# --- symlinked configs, as conf does them -------------------------------------
if ! confdir=$(kx_conf_ensure 6.12 2>/dev/null); then
	tap_bail "cannot build the kernel's conf for the reference"
fi
conf=$confdir/scripts/kconfig/conf

# state DIR - the files of DIR: name, type (l/f) and content or link target.
state() {
	local f
	for f in "$1"/.config "$1"/.config.old "$1"/real.config; do
		if [ -L "$f" ]; then
			echo "${f##*/} -> $(readlink "$f")"
		elif [ -e "$f" ]; then
			echo "${f##*/}: $(grep -c . "$f") lines, N=$(sed -n 's/^CONFIG_N=//p' "$f")"
		fi
	done
}

for over in "" 1; do
	for who in conf kexplore; do
		d=$work/$who$over
		mkdir -p "$d"
		printf 'CONFIG_N=5\n' >"$d/real.config"
		ln -s real.config "$d/.config"
		if [ $who = conf ]; then
			(cd "$d" && env -i PATH="$PATH" srctree="$tree" KCONFIG_OVERWRITECONFIG=$over \
				"$conf" -s --olddefconfig Kconfig) >/dev/null 2>&1
		else
			(cd "$d" && env -u ARCH KCONFIG_OVERWRITECONFIG=$over "$KEXPLORE" -q -C "$tree" \
				--config .config olddefconfig) >/dev/null 2>&1
		fi
		state "$d" >"$d.state"
	done
	what=${over:+"with KCONFIG_OVERWRITECONFIG the file behind the link is written"}
	what=${what:-"a symlinked .config is replaced and the link kept as .config.old"}
	if diff -u "$work/conf$over.state" "$work/kexplore$over.state" >"$work/diff"; then
		ok "$what, as conf does"
	else
		nok "$what, as conf does"
		sed 's/^/# /' "$work/diff"
	fi
done

# --- outputs that are not regular files ------------------------------------------
mkfifo "$work/fifo"
cat "$work/fifo" >"$work/from-fifo" &
reader=$!
kx --config "$work/in.config" olddefconfig -o "$work/fifo" 2>"$work/err"
rc=$?
wait "$reader"
if [ "$rc" -eq 0 ] && [ -p "$work/fifo" ] && grep -qx 'CONFIG_N=42' "$work/from-fifo" &&
   [ ! -e "$work/fifo.old" ]; then
	ok "-o FIFO writes into the FIFO, which stays a FIFO"
else
	nok "-o FIFO writes into the FIFO (exit $rc)"
	sed 's/^/# /' "$work/err"
fi
# As root, replacing /dev/null by a file would break the machine: check it stays a device.
kx --config "$work/in.config" olddefconfig -o /dev/null 2>"$work/err"
rc=$?
if [ "$rc" -eq 0 ] && [ -c /dev/null ] && [ ! -e /dev/null.old ]; then
	ok "-o /dev/null leaves /dev/null a character device"
else
	nok "-o /dev/null leaves /dev/null a character device (exit $rc)"
fi
kx --config "$work/in.config" olddefconfig -o "$work" >/dev/null 2>"$work/err"
rc=$?
if [ "$rc" -eq 1 ] && grep -q "cannot write: Is a directory" "$work/err"; then
	ok "-o FOLDER is an error"
else
	nok "-o FOLDER is an error (exit $rc)"
	sed 's/^/# /' "$work/err"
fi
