#!/usr/bin/env bash
# plan-layers.sh - the planner, the profiles and the module plans are analyses on the public API
# (doc/ARCHITECTURE.md, issue 16): kconfig/analysis/plan*, profile* and modplan.c include only
# public headers (kexplore/*.h), the utility layer (util.h), their own private header
# (plan-private.h, profile-private.h), config.h and system headers. Two checks per file:
#   include  no other quoted include (core.h, lexer.h, explain-private.h, ...)
#   compile  the file compiles with kconfig/core and the other private headers off the include
#            path: nothing reaches core.h through a header it includes either
# The compile check needs a C compiler and the build's config.h (KX_BUILDDIR); without them it
# is a SKIP. A planted include of core.h in a copy must fail both checks. Prints TAP.
set -u

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
src=${KX_SRCDIR:-$(cd "$here/../.." && pwd)}
build=${KX_BUILDDIR:-$src}
# shellcheck source-path=SCRIPTDIR source=../lib/tap.sh
. "$here/../lib/tap.sh"

mapfile -t files < <(cd "$src" && ls kconfig/analysis/plan*.[ch] kconfig/analysis/profile*.[ch] \
	kconfig/analysis/modplan.c 2>/dev/null)
[ "${#files[@]}" -gt 0 ] || tap_bail "no kconfig/analysis/plan* files under $src"
work=$(mktemp -d "${TMPDIR:-/tmp}/kx-plan-layers.XXXXXX")
trap 'rm -rf "$work"' EXIT
cc=${CC:-cc}

# bad_includes FILE - the quoted includes FILE may not have, one "line:text" each
bad_includes() {
	grep -n '^[[:space:]]*#[[:space:]]*include[[:space:]]*"' "$1" |
		grep -v -e '"kexplore/[a-z0-9_-]*\.h"' -e '"util\.h"' -e '"plan-private\.h"' \
			-e '"profile-private\.h"' -e '"config\.h"'
	grep -n -e '#[[:space:]]*include[[:space:]]*<\(core\|lexer\)\.h>' \
		-e '#[[:space:]]*include[[:space:]]*<[a-z]*-private\.h>' "$1"
}

# compiles FILE - FILE compiles with only include/, kconfig/util and its own private header
# (copied beside it) on the include path; errors in $work/cc.err
compiles() {
	local d=$work/only
	rm -rf "$d" && mkdir -p "$d"
	cp "$src"/kconfig/analysis/plan-private.h "$src"/kconfig/analysis/profile-private.h "$d/"
	cp "$1" "$d/"
	"$cc" -std=gnu11 -fsyntax-only -I"$build" -I"$src/include" -I"$src/kconfig/util" -I"$d" \
		"$d/$(basename "$1")" 2>"$work/cc.err"
}

have_cc=false
if tap_require "$cc" && [ -r "$build/config.h" ]; then
	have_cc=true
fi

nc=$(printf '%s\n' "${files[@]}" | grep -c '\.c$')
tap_plan $((${#files[@]} + nc + 2))
for f in "${files[@]}"; do
	bad=$(bad_includes "$src/$f")
	if [ -z "$bad" ]; then
		ok "$f includes only public headers, util.h and its own private header"
	else
		nok "$f includes only public headers, util.h and its own private header"
		tap_diag "$f: $bad"
	fi
	# a header is compiled with the .c files that include it
	case $f in *.h) continue ;; esac
	if ! $have_cc; then
		skip "$f compiles without the core's headers" "no $cc or no $build/config.h"
	elif compiles "$src/$f"; then
		ok "$f compiles without the core's headers"
	else
		nok "$f compiles without the core's headers"
		tap_diag_file "$work/cc.err"
	fi
done

# The checks must be able to fail: the same file with core.h included.
planted=$work/plan.c
{ printf '#include "core.h"\n'; cat "$src/kconfig/analysis/plan.c"; } >"$planted"
if [ -n "$(bad_includes "$planted")" ]; then
	ok "a planted #include \"core.h\" is reported"
else
	nok "a planted #include \"core.h\" is reported"
fi
if ! $have_cc; then
	skip "a planted #include \"core.h\" does not compile without the core's headers" \
		"no $cc or no $build/config.h"
elif ! compiles "$planted"; then
	ok "a planted #include \"core.h\" does not compile without the core's headers"
else
	nok "a planted #include \"core.h\" does not compile without the core's headers"
fi
tap_done
