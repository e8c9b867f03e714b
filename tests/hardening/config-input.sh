#!/usr/bin/env bash
# tests/hardening/config-input.sh - broken .config files: the values read must be
# exactly those the kernel's conf reads (its olddefconfig output is the reference) and
# the warnings must name file:line as conf does; files that cannot be a config at all
# (a folder, a corrupt or truncated .gz, anything over 64 MiB) are an error that
# writes nothing. Malformed,
# unknown and reassigned lines of a plain config are in tests/cli/run.sh. TAP output.
set -uo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
. "$here/../lib/trees.sh"

KEXPLORE=${KEXPLORE:-./kexplore}
tree=$here/../cli/tree
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
# shellcheck source-path=SCRIPTDIR source=../lib/tap.sh
. "$here/../lib/tap.sh"


tap_plan 12
if ! confdir=$(kx_conf_ensure 6.12 2>/dev/null); then
	tap_bail "cannot build the kernel's conf for the reference"
fi
conf=$confdir/scripts/kconfig/conf

# same NAME - olddefconfig of $work/in.config equals conf's, and kexplore's warnings
# (as conf's, "in.config:LINE: warning: ...") equal the here-document on stdin.
same() {
	local s rc=0
	s=$(mktemp -d)
	cp "$work/in.config" "$s/.config"
	(cd "$s" && env -i PATH="$PATH" srctree="$tree" timeout 60 "$conf" -s --olddefconfig Kconfig) \
		>/dev/null 2>&1
	(cd "$work" && env -u ARCH -u KCONFIG_CONFIG timeout 60 "$KEXPLORE" -C "$tree" \
		--config in.config olddefconfig -o out.config >/dev/null 2>err) || rc=$?
	grep -v '^kexplore: \|^#' "$work/err" >"$work/diags"
	if [ "$rc" -eq 0 ] && cmp -s "$s/.config" "$work/out.config" &&
	   diff -u - "$work/diags" >"$work/diff"; then
		ok "$1"
	else
		nok "$1 (exit $rc)"
		{ diff -u "$s/.config" "$work/out.config"; cat "$work/diff"; } | head -20 | sed 's/^/# /'
	fi
	rm -rf "$s"
}

# fails NAME FILE MESSAGE - reading FILE is an error: exit 1, MESSAGE, nothing written.
fails() {
	local rc=0
	rm -f "$work/out.config"
	env -u ARCH -u KCONFIG_CONFIG "$KEXPLORE" -C "$tree" --config "$2" olddefconfig \
		-o "$work/out.config" >/dev/null 2>"$work/err" || rc=$?
	if [ "$rc" -eq 1 ] && grep -qxF "$3" "$work/err" && [ ! -e "$work/out.config" ]; then
		ok "$1"
	else
		nok "$1 (exit $rc)"
		sed 's/^/# /' "$work/err"
	fi
}

# conf stops reading a line at a NUL byte and goes on; kexplore refuses the file:
# a NUL byte means binary data (an .xz read as text, a core dump), never a config
# anyone wrote, and reading it "as conf does" answered from garbage (issue 13).
printf 'CONFIG_A=n\nCONFIG_N=4\0\0junk\nCONFIG_S="a\0b"\nCONFIG_P3=y\n' >"$work/nul.config"
fails "NUL bytes: binary data is an error, not a config read up to the NULs" "$work/nul.config" \
	"$work/nul.config: error: cannot read: binary data (byte 0x00 on line 2), not a config file"

printf 'CONFIG_P1=y\nCONFIG_P3=y\n# CONFIG_P3 is not set\nCONFIG_P1=y\nCONFIG_P2=y\n' >"$work/in.config"
same "duplicate lines inside a choice: the last assignment wins, each reported" <<'EOF'
in.config:3: warning: override: reassigning to symbol P3
in.config:4: warning: override: reassigning to symbol P1
EOF

printf 'CONFIG_S="abc\nCONFIG_N=5 \nCONFIG_A=y junk\nCONFIG_N=0x10\nCONFIG_N=500\nCONFIG_B=m\n' \
	>"$work/in.config"
same "unterminated strings and malformed numbers are reported with their line" <<'EOF'
in.config:1: warning: invalid string found
in.config:2: warning: symbol value '5 ' invalid for N
in.config:4: warning: symbol value '0x10' invalid for N
EOF

printf 'CONFIG_S="a\\"b\\\\c\\d\xff\xfe"\nCONFIG_MODULES=y\r\nCONFIG_B=y\r\n# CONFIG_A is not set\nCONFIG_B=m' \
	>"$work/in.config"
same "escapes, invalid UTF-8, CRLF ends and no final newline" <<'EOF'
in.config:5: warning: override: reassigning to symbol B
EOF

{ printf 'CONFIG_S="'; head -c 10000000 /dev/zero | tr '\0' x; printf '"\nCONFIG_N=99\n'; } \
	>"$work/in.config"
same "a 10 MB line" </dev/null

printf 'CONFIG_N=7\nCONFIG_S="hello"\n' | gzip -c >"$work/good.gz"
if env -u ARCH "$KEXPLORE" -q -C "$tree" --config "$work/good.gz" olddefconfig -o - 2>/dev/null |
   grep -qx 'CONFIG_S="hello"'; then
	ok "a gzip-compressed config reads"
else
	nok "a gzip-compressed config reads"
fi
head -c 20 "$work/good.gz" >"$work/cut.gz"
fails "a truncated .gz is an error, not a shorter config" "$work/cut.gz" \
	"$work/cut.gz: error: cannot read: truncated gzip data"
head -c -4 "$work/good.gz" >"$work/trailer.gz"
fails "a .gz missing its trailer is an error" "$work/trailer.gz" \
	"$work/trailer.gz: error: cannot read: truncated gzip data"
mkdir "$work/folder"
fails "a folder is an error" "$work/folder" "$work/folder: error: cannot read: Is a directory"
fails "a device (/dev/zero, endless) is not a config" /dev/zero \
	"/dev/zero: error: cannot read: a character device, not a config file"
head -c 70000000 /dev/zero | gzip -c >"$work/bomb.gz"
fails "a .gz unpacking to more than 64 MiB is refused" "$work/bomb.gz" \
	"$work/bomb.gz: error: cannot read: gzip data decompresses to more than the 64 MiB limit"

# A pipe is a legitimate config (--config <(zcat ...)): it is read, not refused.
if env -u ARCH "$KEXPLORE" -q -C "$tree" --config <(printf 'CONFIG_N=77\n') olddefconfig -o - \
	2>/dev/null | grep -qx 'CONFIG_N=77'; then
	ok "a config from a pipe is read"
else
	nok "a config from a pipe is read"
fi
