#!/usr/bin/env bash
# tests/hardening/kconfig-input.sh - hostile or broken Kconfig trees get a clear
# diagnostic and a defined outcome (exit 1, nothing written), never a crash or a
# hang: binary files, files that are not regular files (a FIFO would block the
# load forever, a device never ends), sources leaving the tree (refused unless
# --allow-outside-tree), macro recursion and runaway expansion, huge lines and
# files, invalid UTF-8. Source loops are in tests/kconfig-errors.
#
# The expected diagnostics are written by hand from the inputs: the line of the
# offending 'source' or assignment, and the engine's message for the limit hit.
# Where a bad input is still valid Kconfig (huge lines, invalid UTF-8), the
# written config must equal the kernel's own conf's. TAP output.
set -uo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
. "$here/../lib/trees.sh"

KEXPLORE=${KEXPLORE:-./kexplore}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
# shellcheck source-path=SCRIPTDIR source=../lib/tap.sh
. "$here/../lib/tap.sh"


# kx TREE [OPTION...] - olddefconfig of TREE from an empty config into $work/out.config;
# diagnostics (without the "kexplore:" summary lines) in $work/diags, exit status in $rc.
kx() {
	local tree=$1
	shift
	rm -f "$work/out.config"
	rc=0
	env -u ARCH -u KCONFIG_CONFIG timeout 120 "$KEXPLORE" -C "$tree" --arch x86_64 --no-shell \
		"$@" --config "$work/empty.config" olddefconfig -o "$work/out.config" \
		>/dev/null 2>"$work/stderr" || rc=$?
	grep -v '^kexplore: ' "$work/stderr" >"$work/diags"
}

# expect NAME STATUS - compare $rc and $work/diags with the here-document on stdin;
# STATUS 1 also requires that no config was written.
expect() {
	local name=$1 status=$2
	cat >"$work/expected"
	if [ "$rc" -eq "$status" ] && diff -u "$work/expected" "$work/diags" >"$work/diff" &&
	   { [ "$status" -eq 0 ] || [ ! -e "$work/out.config" ]; }; then
		ok "$name"
	else
		nok "$name (exit $rc, expected $status)"
		sed 's/^/# /' "$work/diff" "$work/stderr" | head -20
	fi
}

# mktree NAME - a fresh tree folder whose Kconfig is stdin.
mktree() {
	mkdir -p "$work/$1"
	cat >"$work/$1/Kconfig"
	printf '%s' "$work/$1"
}

tap_plan 16
: >"$work/empty.config"

# --- files that are not Kconfig text ---------------------------------------
t=$(mktree binary <<'EOF2'
config A
	bool "a"
source "Kconfig.bin"
EOF2
)
printf 'config B\n\tbool "b\0"\n' >"$t/Kconfig.bin"
kx "$t"
expect "a sourced file with a NUL byte is refused as binary" 1 <<'EOF2'
Kconfig.bin: error: binary file (contains a NUL byte)
EOF2

t=$(mktree special <<'EOF2'
config A
	bool "a"
source "fifo"
source "folder"
EOF2
)
mkfifo "$t/fifo"
mkdir "$t/folder"
kx "$t"
expect "a FIFO or a folder named by source is refused at once, not read" 1 <<'EOF2'
Kconfig:3: error: 'fifo' is not a regular file
Kconfig:4: error: 'folder' is not a regular file
EOF2

t=$(mktree device <<'EOF2'
config A
	bool "a"
source "zero"
EOF2
)
ln -s /dev/zero "$t/zero"
kx "$t" --allow-outside-tree
expect "a device is refused even when leaving the tree is allowed" 1 <<'EOF2'
Kconfig:3: error: 'zero' is not a regular file
EOF2

t=$(mktree huge-file <<'EOF2'
config A
	bool "a"
source "Kconfig.huge"
EOF2
)
truncate -s 65M "$t/Kconfig.huge"
kx "$t"
expect "a Kconfig file over 64 MiB is refused" 1 <<'EOF2'
Kconfig.huge: error: file larger than 64 MiB
EOF2

# --- sources leaving the tree ---------------------------------------------------
mkdir -p "$work/outside"
printf 'config OUTSIDE\n\tbool "outside"\n\tdefault y\n' >"$work/outside/Kconfig"
t=$(mktree escape <<EOF2
config A
	bool "a"
source "../outside/Kconfig"
source "$work/outside/Kconfig"
source "link/Kconfig"
source "sub/../../outside/Kconfig"
EOF2
)
ln -s ../outside "$t/link"
mkdir "$t/sub"
kx "$t"
expect "sources leaving the tree (.., absolute, symlink) are refused" 1 <<EOF2
Kconfig:3: error: '../outside/Kconfig' is outside the kernel tree (use --allow-outside-tree to accept it)
Kconfig:4: error: '$work/outside/Kconfig' is outside the kernel tree (use --allow-outside-tree to accept it)
Kconfig:5: error: 'link/Kconfig' is outside the kernel tree (use --allow-outside-tree to accept it)
Kconfig:6: error: 'sub/../../outside/Kconfig' is outside the kernel tree (use --allow-outside-tree to accept it)
EOF2

t=$(mktree escape-allowed <<'EOF2'
config A
	bool "a"
source "../outside/Kconfig"
EOF2
)
kx "$t" --allow-outside-tree
if [ "$rc" -eq 0 ] && grep -qx 'CONFIG_OUTSIDE=y' "$work/out.config"; then
	ok "--allow-outside-tree reads a source outside the tree"
else
	nok "--allow-outside-tree reads a source outside the tree (exit $rc)"
	sed 's/^/# /' "$work/stderr"
fi

t=$(mktree inside-link <<'EOF2'
config A
	bool "a"
source "link/Kconfig"
source "sub/../sub/Kconfig2"
EOF2
)
mkdir "$t/sub"
printf 'config SUB\n\tbool "sub"\n\tdefault y\n' >"$t/sub/Kconfig"
printf 'config SUB2\n\tbool "sub2"\n\tdefault y\n' >"$t/sub/Kconfig2"
ln -s sub "$t/link"
kx "$t"
if [ "$rc" -eq 0 ] && grep -qx 'CONFIG_SUB=y' "$work/out.config" &&
   grep -qx 'CONFIG_SUB2=y' "$work/out.config"; then
	ok "a symlink and a .. that stay inside the tree are accepted"
else
	nok "a symlink and a .. that stay inside the tree are accepted (exit $rc)"
	sed 's/^/# /' "$work/stderr"
fi

# --- macros ---------------------------------------------------------------------
t=$(mktree macro-self <<'EOF2'
config A
	bool "a"
x = $(x)
y := $(x)
EOF2
)
kx "$t"
expect "a variable referring to itself is an error on its line" 1 <<'EOF2'
Kconfig:4: error: Recursive variable 'x' references itself (eventually)
EOF2

t=$(mktree macro-deep <<'EOF2'
config A
	bool "a"
f = $(f,$(1)x)
y := $(f,a)
EOF2
)
kx "$t"
expect "a function calling itself stops at the depth limit" 1 <<'EOF2'
Kconfig:4: error: Too deep recursive expansion
EOF2

t=$(mktree macro-runaway <<'EOF2'
config A
	bool "a"
EOF2
)
# shellcheck disable=SC2016
{ echo 'a0 ='; for i in $(seq 1 40); do echo "a$i = \$(a$((i - 1)))\$(a$((i - 1)))"; done
  echo 'v := $(a40)'; } >>"$t/Kconfig"
kx "$t"
expect "2^40 expansions of an empty variable stop at a million" 1 <<'EOF2'
Kconfig:44: error: more than a million macro expansions: runaway recursion?
EOF2

t=$(mktree macro-big <<'EOF2'
config A
	bool "a"
a0 = xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx
EOF2
)
{ for i in $(seq 1 30); do echo "a$i := \$(a$((i - 1)))\$(a$((i - 1)))"; done; } >>"$t/Kconfig"
kx "$t"
expect "a value doubling past 16 MiB stops with a message" 1 <<'EOF2'
Kconfig:21: error: macro expansion larger than 16 MiB
EOF2

t=$(mktree macro-unterminated <<'EOF2'
config A
	bool "a $(ARCH"
x := $(info,
EOF2
)
kx "$t"
if [ "$rc" -eq 1 ] && grep -q "^Kconfig:2: error: unterminated reference" "$work/diags"; then
	ok "an unterminated \$( is an error on its line"
else
	nok "an unterminated \$( is an error on its line (exit $rc)"
	sed 's/^/# /' "$work/stderr"
fi

# --- valid but extreme: the result must equal the kernel's conf -------------------
if ! confdir=$(kx_conf_ensure 6.12 2>/dev/null); then
	for i in 1 2 3; do nok "cannot build the kernel's conf for the reference"; done
	exit 1
fi
conf=$confdir/scripts/kconfig/conf

# conf_same NAME TREE - kexplore's olddefconfig of TREE equals conf's (timeouts are hang guards only).
conf_same() {
	local s
	s=$(mktemp -d)
	: >"$s/.config"
	(cd "$s" && env -i PATH="$PATH" srctree="$2" timeout 600 "$conf" -s --olddefconfig Kconfig) \
		>/dev/null 2>&1
	kx "$2"
	if [ "$rc" -eq 0 ] && cmp -s "$s/.config" "$work/out.config"; then
		ok "$1"
	else
		nok "$1 (exit $rc)"
		diff -u "$s/.config" "$work/out.config" 2>&1 | head -10 | sed 's/^/# /'
		head -c 2000 "$work/stderr" | sed 's/^/# /'
	fi
	rm -rf "$s"
}

t=$(mktree huge-lines </dev/null)
{
	printf 'mainmenu "%s"\n' "$(head -c 300000 /dev/zero | tr '\0' 'm')"
	printf 'menu "%s"\n' "$(head -c 1000000 /dev/zero | tr '\0' 'p')"
	printf 'config LONG\n\tstring "long"\n\tdefault "%s"\n' "$(head -c 2000000 /dev/zero | tr '\0' 's')"
	printf '\thelp\n\t  %s\n' "$(head -c 4000000 /dev/zero | tr '\0' 'h')"
	printf 'config C%d\n\tbool "c"\n\tdefault y\n' $(seq 1 20000)
	echo endmenu
} >"$t/Kconfig"
conf_same "lines of 1-4 MB and 20000 entries give conf's config" "$t"

t=$(mktree utf8 </dev/null)
printf 'mainmenu "bad \xff\xfe utf-8"\nmenu "menu \xc3\x28 \xe2\x82"\nconfig U\n\tstring "prompt \xf0\x28\x8c\xbc"\n\tdefault "\xc0\xaf\xed\xa0\x80"\n\thelp\n\t  help \x80\x81 \xf8\x88\x80\x80\x80\nendmenu\ncomment "\xfe"\n' \
	>"$t/Kconfig"
conf_same "invalid UTF-8 in prompts, values and help passes through as conf writes it" "$t"

t=$(mktree crlf </dev/null)
printf 'config A\r\n\tbool "a"\r\n\tdefault y\r\n' >"$t/Kconfig"
conf_same "CRLF line ends are read as conf reads them" "$t"

# conf also fails here ("Kconfig:3:warning: no new line at end of file", "Kconfig:3: syntax error")
t=$(mktree no-newline </dev/null)
printf 'config A\n\tbool "a"\n\tdefault y' >"$t/Kconfig"
kx "$t"
expect "a file ending without a newline inside an entry fails as in conf, with the column" 1 <<'EOF2'
Kconfig:3: warning: no new line at end of file
Kconfig:3:11: error: syntax error: unexpected end of file, expected end of line
EOF2
