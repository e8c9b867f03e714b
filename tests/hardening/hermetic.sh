#!/usr/bin/env bash
# tests/hardening/hermetic.sh - make check gives the program under test its own caches: the
# $(shell,...) cache, config and state go to the build dir's tests/run/ (fresh every run), never
# to the user's ~/.cache/kexplore, ~/.config or ~/.local/state; the downloads (kernel trees,
# references) stay in the shared KX_TEST_CACHE. Run outside make check it has nothing to check.
# TAP output.
set -uo pipefail

KX_SRCDIR=${KX_SRCDIR:-$(cd "$(dirname "$0")/../.." && pwd)}
# shellcheck source-path=SCRIPTDIR source=../lib/tap.sh
. "$KX_SRCDIR/tests/lib/tap.sh"
KEXPLORE=${KEXPLORE:-./kexplore}

tap_plan 4
if [ -z "${KX_BUILDDIR:-}" ]; then
	for i in 1 2 3 4; do skip "hermetic check $i" "not run by make check (no KX_BUILDDIR)"; done
	exit 0
fi
run=$KX_BUILDDIR/tests/run
user=${XDG_CACHE_HOME:-$HOME/.cache}/kexplore/shell

[ "${KEXPLORE_CACHE:-}" = "$run/cache" ] && [ "${XDG_CONFIG_HOME:-}" = "$run/config" ] &&
	[ "${XDG_STATE_HOME:-}" = "$run/state" ]
ok $? "KEXPLORE_CACHE, XDG_CONFIG_HOME and XDG_STATE_HOME point into $run"
[ -n "${KX_TEST_CACHE:-}" ] && [ "$KX_TEST_CACHE" != "$KEXPLORE_CACHE" ]
ok $? "the download cache is another folder (${KX_TEST_CACHE:-unset})"

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir "$work/tree"
# a command unique to this run, so its answer cannot come from any cache
# shellcheck disable=SC2016 # $(shell,...) is Kconfig, not shell
printf 'config S\n\tstring\n\tdefault "$(shell,echo %s)"\n' "kx-$$-$RANDOM" >"$work/tree/Kconfig"
touch "$work/marker"
"$KEXPLORE" -C "$work/tree" --arch x86_64 --config /dev/null olddefconfig -o "$work/out" \
	>/dev/null 2>&1
[ -n "$(find "$run/cache" -newer "$work/marker" -type f 2>/dev/null)" ]
ok $? "a kexplore run writes its shell cache into $run/cache"
[ -z "$(find "$user" -newer "$work/marker" -type f 2>/dev/null)" ]
ok $? "...and nothing into the user's $user"
