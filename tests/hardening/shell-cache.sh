#!/usr/bin/env bash
# tests/hardening/shell-cache.sh - the $(shell,...) result cache never answers for an
# environment it was not filled in. Each probe below is a small script whose answer depends on
# one thing the command string does not show: HOME (a rustup proxy with another HOME fails and
# the kernel's Kconfig then says RUSTC_VERSION=0), the rustup settings a proxy reads, the content
# of a script named by path, a shell variable, or whether the tool existed at all (sh exits 127).
# Every expected value is what the probe prints in that run's environment, as the kernel's conf
# (which has no cache) would see it. TAP output.
set -uo pipefail

KX_SRCDIR=${KX_SRCDIR:-$(cd "$(dirname "$0")/../.." && pwd)}
# shellcheck source-path=SCRIPTDIR source=../lib/tap.sh
. "$KX_SRCDIR/tests/lib/tap.sh"
KEXPLORE=${KEXPLORE:-./kexplore}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

mkdir -p "$work/tree" "$work/bin" "$work/rbin" "$work/late" "$work/h1" "$work/h2" \
	"$work/h3/.rustup"
# RUSTC=rustc is what kexplore (like the kernel's Makefile) passes by default.
cat >"$work/tree/Kconfig" <<EOF
config RUSTC_VERSION
	int
	default \$(shell,\$(RUSTC) --version 2>/dev/null || echo 0)
config LATE
	string
	default "\$(shell,kx-late-tool)"
config SCRIPT
	string
	default "\$(shell,$work/probe.sh)"
config VAR
	string
	default "\$(shell,echo \$KX_SHELL_CACHE_PROBE)"
EOF
# A rustc that answers only when its HOME holds a toolchain, as rustup's proxy does.
cat >"$work/bin/rustc" <<'EOF'
#!/bin/sh
[ -f "$HOME/toolchain" ] || { echo "error: no default toolchain" >&2; exit 1; }
cat "$HOME/toolchain"
EOF
# A rustup whose proxies (rustc -> rustup) answer from the default toolchain in its settings.
cat >"$work/rbin/rustup" <<'EOF'
#!/bin/sh
sed -n 's/^default_toolchain = "\(.*\)"$/\1/p' "$HOME/.rustup/settings.toml"
EOF
ln -s rustup "$work/rbin/rustc"
# and one whose proxies are hard links, as rustup also installs them
mkdir -p "$work/hbin"
cp "$work/rbin/rustup" "$work/hbin/rustup"
ln "$work/hbin/rustup" "$work/hbin/rustc"
printf '#!/bin/sh\necho one\n' >"$work/probe.sh"
chmod +x "$work/bin/rustc" "$work/rbin/rustup" "$work/hbin/rustup" "$work/probe.sh"
echo 108000 >"$work/h1/toolchain"
echo 'default_toolchain = "107000"' >"$work/h3/.rustup/settings.toml"

# kx HOME PATHDIR - evaluate the tree with that HOME and PATHDIR first on PATH; the shared
# cache dir is the point of the test.
kx() {
	env -u ARCH -u KCONFIG_CONFIG -u RUSTC -u RUSTUP_HOME -u RUSTUP_TOOLCHAIN \
		KEXPLORE_CACHE="$work/cache" HOME="$1" PATH="$2:$work/late:$PATH" \
		"$KEXPLORE" -C "$work/tree" --arch x86_64 --config /dev/null -v \
		olddefconfig -o "$work/out.config" >/dev/null 2>"$work/err"
}
val() { sed -n "s/^CONFIG_$1=//p" "$work/out.config"; }
check() { if eval "$2"; then ok "$1"; else nok "$1"; tap_diag_file "$work/err"; fi; }

tap_plan 12

kx "$work/h1" "$work/bin"
check "HOME with a toolchain: RUSTC_VERSION from rustc" "[ \"\$(val RUSTC_VERSION)\" = 108000 ]"
kx "$work/h2" "$work/bin"
check "another HOME, rustc fails: RUSTC_VERSION=0, not the cached 108000" \
	"[ \"\$(val RUSTC_VERSION)\" = 0 ]"
kx "$work/h1" "$work/bin"
check "the first HOME again: 108000" "[ \"\$(val RUSTC_VERSION)\" = 108000 ]"
check "...answered from the cache" "grep -q '^shell\\[cache\\]: rustc --version' '$work/err'"

kx "$work/h3" "$work/rbin"
check "rustup proxy: the default toolchain's answer" "[ \"\$(val RUSTC_VERSION)\" = 107000 ]"
echo 'default_toolchain = "1090000"' >"$work/h3/.rustup/settings.toml"
kx "$work/h3" "$work/rbin"
check "...another default toolchain in rustup's settings: its answer" \
	"[ \"\$(val RUSTC_VERSION)\" = 1090000 ]"
kx "$work/h3" "$work/hbin"
echo 'default_toolchain = "1100000"' >"$work/h3/.rustup/settings.toml"
kx "$work/h3" "$work/hbin"
check "...the same with hard-linked proxies" "[ \"\$(val RUSTC_VERSION)\" = 1100000 ]"

check "a tool missing from PATH gives empty output" "kx '$work/h1' '$work/bin'; [ \"\$(val LATE)\" = '\"\"' ]"
printf '#!/bin/sh\necho here\n' >"$work/late/kx-late-tool"
chmod +x "$work/late/kx-late-tool"
kx "$work/h1" "$work/bin"
check "...and once installed it runs (sh's 127 was not cached)" "[ \"\$(val LATE)\" = '\"here\"' ]"

check "a script named by path" "[ \"\$(val SCRIPT)\" = '\"one\"' ]"
printf '#!/bin/sh\necho second\n' >"$work/probe.sh"
kx "$work/h1" "$work/bin"
check "...edited: its new answer" "[ \"\$(val SCRIPT)\" = '\"second\"' ]"

KX_SHELL_CACHE_PROBE=other kx "$work/h1" "$work/bin"
check "a shell variable the command reads changes the answer" "[ \"\$(val VAR)\" = '\"other\"' ]"
