#!/usr/bin/env bash
# layers.sh - the explain files are an analysis on the public API (doc/ARCHITECTURE.md, issue
# 16): kconfig/analysis/explain*.c, explainer.c and explain-private.h include only the public
# headers (kexplore/*.h), the utility layer (util.h), their own private header, config.h and
# system headers; never core.h or another layer's private header. Each file is one check, so a
# failure names the file and the line. Prints TAP.
set -u

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
src=$(cd "$here/../.." && pwd)
# shellcheck source-path=SCRIPTDIR source=../lib/tap.sh
. "$here/../lib/tap.sh"

files=$(cd "$src" && ls kconfig/analysis/explain*.c kconfig/analysis/explain*.h 2>/dev/null)
[ -n "$files" ] || tap_bail "no kconfig/analysis/explain* files under $src"
for f in $files; do
	# every quoted include that is not one of the allowed ones
	bad=$(grep -n '^[[:space:]]*#[[:space:]]*include[[:space:]]*"' "$src/$f" |
		grep -v -e '"kexplore/[a-z0-9_-]*\.h"' -e '"util\.h"' -e '"explain-private\.h"' \
			-e '"config\.h"')
	# the same headers through <...> (kconfig/core is on the include path)
	bad=$bad$(grep -n -e '#[[:space:]]*include[[:space:]]*<\(core\|lexer\)\.h>' \
		-e '#[[:space:]]*include[[:space:]]*<[a-z]*-private\.h>' "$src/$f")
	if [ -z "$bad" ]; then
		ok "$f includes only public headers, util.h and explain-private.h"
	else
		nok "$f includes only public headers, util.h and explain-private.h"
		tap_diag "$f: $bad"
	fi
done
tap_done
