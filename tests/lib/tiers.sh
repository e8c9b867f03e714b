#!/bin/sh
# tiers.sh - which tier a test belongs to; make check-TIER runs `tiers.sh TIER $(TESTS)`.
#
# usage: tests/lib/tiers.sh unit|fixtures|real|tui TEST...   prints the TESTs of that tier
#   unit      C tests of the library on in-memory or tiny trees (seconds)
#   fixtures  small golden trees, the CLI and hardening scripts, checked against conf (< 1 min)
#   real      Debian's kernel trees and configs: conformance and the real-tree tests (minutes)
#   tui       the explorer, headless and in tmux
# A test whose name matches no other tier is a fixtures test, so a new test is always run by
# some tier.

tier_of() {
	case $1 in
	tests/tui/* | tests/hardening/tui-*) echo tui ;;
	tests/unit/test-* | tests/unit/layers.sh | tests/fuzz/replay-* | tests/diff/test-cfgdiff* | tests/modmap/test-modmap | \
		tests/modmap/test-modmap.exe | tests/profile/test-profile* | tests/save/test-mindiff* | \
		tests/why/test-why | tests/why/test-why.exe) echo unit ;;
	tests/conformance/* | */real.sh | *-real | *-real.exe | tests/unit/reread.sh | tests/unit/incr.sh | \
		tests/profile/docker.sh | tests/modmap/localmod.sh | tests/save/real-legacy.sh) echo real ;;
	*) echo fixtures ;;
	esac
}

want=$1
shift
out=
for t in "$@"; do
	[ "$(tier_of "$t")" = "$want" ] && out="$out $t"
done
echo "${out# }"
