#!/usr/bin/env bash
# tests/cli/conf-opts.sh - the options of the conf-compatible modes oldconfig and syncconfig,
# which share conf_parse_opts with the other modes: -o/--output, -O/--objtree (syncconfig
# only), --help, an unknown option, an extra argument. Prints TAP.
#
# Expected behaviour, written from the kernel's tools and kexplore's usage rules (not from its
# output): conf's --oldconfig and --syncconfig take no argument besides the Kconfig file, so an
# extra word is a usage error (exit 2, named); an option kexplore does not know is a usage error
# (exit 2); `make O=DIR syncconfig` writes include/config/auto.conf and
# include/generated/autoconf.h below DIR, which -O DIR stands for; oldconfig has no object
# tree, so -O is not one of its options; -o FILE writes the config to FILE and leaves the input
# alone; --help prints the same text as `kexplore help CMD` and exits 0.
set -uo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
# shellcheck source-path=SCRIPTDIR source=../lib/tap.sh
. "$here/../lib/tap.sh"
KEXPLORE=${KEXPLORE:-./kexplore}
case $KEXPLORE in /*) ;; *) KEXPLORE=$PWD/$KEXPLORE ;; esac
tree=$here/tree
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

kx() {
	env -u ARCH -u KCONFIG_CONFIG -u KCONFIG_AUTOCONFIG -u KCONFIG_AUTOHEADER \
		-u KCONFIG_RUSTCCFG -u KCONFIG_NOSILENTUPDATE HOME="$work/home" \
		KEXPLORE_CACHE="$work/cache" "$KEXPLORE" -q -C "$tree" --config "$work/in.config" "$@"
}
# status CMD... - run kx in $work/run with no input; exit status in $rc, stderr in $work/err
status() {
	rm -rf "$work/run" && mkdir -p "$work/run"
	rc=0
	(cd "$work/run" && kx "$@") </dev/null >"$work/out" 2>"$work/err" || rc=$?
}
tap_on_fail() {
	tap_diag "exit $rc"
	tap_diag_file "$work/err" 10
}

[ -x "$KEXPLORE" ] || tap_bail "no kexplore binary at $KEXPLORE"
printf 'CONFIG_A=y\n' >"$work/in.config"
cp "$work/in.config" "$work/in.orig"
tap_plan 14

for cmd in oldconfig syncconfig; do
	kx help "$cmd" >"$work/help" 2>&1
	status "$cmd" --help
	tap_check "$cmd --help: exit 0, the text of help $cmd" \
		bash -c "[ $rc -eq 0 ] && cmp -s '$work/help' '$work/out'"
	status "$cmd" --no-such-option
	tap_check "$cmd --no-such-option: usage error (exit 2)" test "$rc" -eq 2
	status "$cmd" extra
	tap_check "$cmd extra: usage error (exit 2) naming the argument" \
		bash -c "[ $rc -eq 2 ] && grep -q \"unexpected argument 'extra'\" '$work/err'"
	status "$cmd" -o "$work/out.config"
	tap_check "$cmd -o FILE: exit 0, FILE written, the input untouched" \
		bash -c "[ $rc -eq 0 ] && grep -qx 'CONFIG_A=y' '$work/out.config' && cmp -s '$work/in.config' '$work/in.orig'"
	rm -f "$work/out.config"
done

status oldconfig -O "$work/obj"
tap_check "oldconfig -O DIR: usage error (exit 2), no object tree written" \
	bash -c "[ $rc -eq 2 ] && [ ! -e '$work/obj' ]"
status oldconfig --objtree "$work/obj"
tap_check "oldconfig --objtree DIR: usage error (exit 2)" test "$rc" -eq 2
mkdir -p "$work/obj"
status syncconfig -o "$work/out.config" -O "$work/obj"
tap_check "syncconfig -O DIR: auto.conf and autoconf.h below DIR, none in the current folder" \
	bash -c "[ $rc -eq 0 ] && grep -qx 'CONFIG_A=y' '$work/obj/include/config/auto.conf' &&
		grep -q '^#define CONFIG_A 1' '$work/obj/include/generated/autoconf.h' &&
		[ ! -e '$work/run/include' ]"
rm -rf "$work/obj" && mkdir -p "$work/obj"
status syncconfig --output="$work/out.config" --objtree="$work/obj"
tap_check "syncconfig --objtree=DIR --output=FILE: the same, long forms" \
	bash -c "[ $rc -eq 0 ] && [ -e '$work/obj/include/config/auto.conf' ] && [ -e '$work/out.config' ]"
status syncconfig -O
tap_check "syncconfig -O without a folder: usage error (exit 2)" test "$rc" -eq 2
mkdir -p "$work/obj2"
status syncconfig -o "$work/out.config" "$work/obj2"
tap_check "syncconfig DIR (a folder with no -O): usage error (exit 2), nothing written" \
	bash -c "[ $rc -eq 2 ] && [ ! -e '$work/obj2/include' ]"
tap_done
