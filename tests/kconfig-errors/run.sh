#!/usr/bin/env bash
# tests/kconfig-errors/run.sh - bad Kconfig input: every case must fail in the kernel's
# own conf AND in kexplore, and kexplore's diagnostics must be exactly the
# hand-written `expected` (file:line[:column]: level: message). TAP output.
#
# The expected texts were written from the input, not copied from kexplore:
# each names the line (and for syntax errors the column of the offending
# token) that a reader of the Kconfig file would point at. kexplore says more
# than conf in places: columns, which end statement is missing, and the line
# of an $(error-if) is the assignment's own line (conf names the next one).
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
. "$here/../lib/trees.sh"
# shellcheck source-path=SCRIPTDIR source=../lib/tap.sh
. "$here/../lib/tap.sh"

KEXPLORE=${KEXPLORE:-./kexplore}

cases=()
for c in "$here"/*/; do
	[ -e "$c/Kconfig" ] && cases+=("${c%/}")
done
tap_plan $((2 * ${#cases[@]}))

# case_conf CASE - the reference conf: 6.12's, or that of the kernel named by CASE/Makefile
# (a case written in another generation's Kconfig language).
case_conf() {
	local v=6.12 dir
	if [ -e "$1/Makefile" ]; then
		v=$(sed -n 's/^VERSION *= *//p' "$1/Makefile").$(sed -n 's/^PATCHLEVEL *= *//p' "$1/Makefile")
	fi
	dir=$(kx_conf_ensure "$v" 2>/dev/null) || return 1
	echo "$dir/scripts/kconfig/conf"
}

if ! case_conf "$here" >/dev/null; then
	tap_bail "cannot build the kernel's conf for the reference"
fi

for c in "${cases[@]}"; do
	name=$(basename "$c")
	work=$(mktemp -d)
	cp -r "$c"/. "$work/"
	conf=$(case_conf "$c") || conf=/nonexistent
	# the reference: conf must refuse the same input
	rc=0
	(cd "$work" && env -i PATH="$PATH" srctree=. timeout 20 "$conf" --olddefconfig Kconfig) \
		>/dev/null 2>&1 || rc=$?
	if [ "$rc" -ne 0 ]; then
		ok "$name: the kernel's conf rejects it too (exit $rc)"
	else
		nok "$name: the kernel's conf accepted this input"
	fi
	# kexplore: exit 1 and exactly the expected diagnostics
	rc=0
	env -u ARCH -u KCONFIG_CONFIG timeout 20 "$KEXPLORE" -q -C "$c" --arch x86_64 --no-shell \
		--config "$work/none.config" olddefconfig -o "$work/out.config" \
		>/dev/null 2>"$work/stderr" || rc=$?
	grep -v '^kexplore: ' "$work/stderr" >"$work/diags" || true
	# diff first: a wrong exit status must still show the diagnostics, and not end the script
	same=0
	diff -u "$c/expected" "$work/diags" >"$work/diff" || same=$?
	if [ "$rc" -eq 1 ] && [ "$same" -eq 0 ] && [ ! -e "$work/out.config" ]; then
		ok "$name: kexplore reports it and writes nothing"
	else
		nok "$name: exit $rc, diagnostics differ or a config was written"
		tap_diag_file "$work/diff" 30
	fi
	rm -rf "$work"
done
