#!/usr/bin/env bash
# tests/hardening/modmap-input.sh - the module map (kexplore modules) on a hostile tree:
# a Makefile that is a FIFO (opening it would block forever), one that is a symlink to
# /dev/zero (it would never end), one that includes itself and one whose variables
# double 40 times must neither hang nor stop the other folders from being read:
# foo.o in a sane folder is still found, and the run ends. No timing is asserted. TAP output.
# shellcheck disable=SC2016 # Makefile text, not shell expansions
set -uo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
# shellcheck source-path=SCRIPTDIR source=../lib/tap.sh
. "$here/../lib/tap.sh"
KEXPLORE=${KEXPLORE:-./kexplore}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

mkdir -p "$work/tree/fifo" "$work/tree/zero" "$work/tree/self" "$work/tree/big" \
	"$work/tree/sane"
t=$work/tree
printf 'config FOO\n\ttristate "foo"\n' >"$t/Kconfig"
printf 'obj-y += fifo/ zero/ self/ big/ sane/\n' >"$t/Kbuild"
mkfifo "$t/fifo/Makefile"
ln -s /dev/zero "$t/zero/Makefile"
printf 'include $(srctree)/self/Makefile\ninclude $(srctree)/self/Makefile\nobj-m += self.o\n' \
	>"$t/self/Makefile"
{
	echo 'A0 := x'
	for i in $(seq 1 40); do echo "A$i = \$(A$((i - 1)))\$(A$((i - 1)))"; done
	echo 'obj-m += $(A40).o'
} >"$t/big/Makefile"
printf 'obj-$(CONFIG_FOO) += foo.o\n' >"$t/sane/Makefile"

tap_plan 2
rc=0
# a hang guard, not a timing: any sane run takes well under a second
env -u ARCH timeout 300 "$KEXPLORE" -q -C "$t" --arch x86_64 --no-shell modules foo \
	>"$work/out" 2>&1 || rc=$?
if [ "$rc" -eq 0 ] && grep -q '^  source:  sane (sane/Makefile:1)$' "$work/out"; then
	ok "foo is found beside a FIFO, /dev/zero, a self-include and a runaway variable"
else
	nok "foo is found beside the hostile Makefiles (exit $rc)"
	tap_diag_file "$work/out"
fi
if [ "$rc" -ne 124 ]; then
	ok "...and the run ends (no hang on the FIFO or /dev/zero)"
else
	nok "...the run hung (killed by the 300 s guard)"
fi
tap_done
