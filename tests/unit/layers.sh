#!/usr/bin/env bash
# tests/unit/layers.sh - the include rules of doc/ARCHITECTURE.md ("What may include what"), read
# from the #include lines of kconfig/ and src/, and the engine's promise not to print or exit.
# Prints TAP.
#
#   util/      includes libc, config.h, its own headers and public headers that know nothing of
#              Kconfig (those that do not include kexplore/kconfig.h); no core.h, lexer.h,
#              analysis header
#   core/      no curses, nothing of src/, no analysis header
#   analysis/  no curses, nothing of src/; core.h (or lexer.h) only in the files listed in
#              tests/unit/layers.allow, and every file listed there must still include it (a
#              stale entry fails, so the list can only shrink)
#   src/       no private header of kconfig/ (only include/kexplore/ and its own)
#   kconfig/   no printf, no stdout or stderr, no exit() (comments are not code)
#
# usage: tests/unit/layers.sh [SRCDIR]   (default: the source tree holding this script)
# Every rule is also run on a copy of the tree with one planted violation each, which it must
# report: a check that cannot fail would pass here too.
# shellcheck disable=SC2317 # the rule_* functions are called through the rules array
set -uo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
# shellcheck source-path=SCRIPTDIR source=../lib/tap.sh
. "$here/../lib/tap.sh"
top=${1:-${KX_SRCDIR:-$(cd "$here/../.." && pwd)}}
allow=$here/layers.allow

# includes ROOT DIR - "file:line:name" for each #include "name" of ROOT/DIR (recursive, .c/.h),
# file relative to ROOT
includes() {
	(cd "$1" && grep -rnE --include='*.[ch]' '^[[:space:]]*#[[:space:]]*include[[:space:]]*"' "$2") |
		sed -E 's/^([^:]*:[0-9]+):[^"]*"([^"]*)".*/\1:\2/'
}

# sys_includes ROOT DIR - the same for #include <name>
sys_includes() {
	(cd "$1" && grep -rnE --include='*.[ch]' '^[[:space:]]*#[[:space:]]*include[[:space:]]*<' "$2") |
		sed -E 's/^([^:]*:[0-9]+):[^<]*<([^>]*)>.*/\1:\2/'
}

# kconfig_headers ROOT - basenames of the private headers of kconfig/
kconfig_headers() {
	(cd "$1" && find kconfig -name '*.h' -printf '%f\n') | sort -u
}

# knows_kconfig ROOT NAME - the public header kexplore/NAME.h is about Kconfig
knows_kconfig() {
	[ "$2" = kconfig.h ] || grep -q '#include "kexplore/kconfig.h"' "$1/include/kexplore/$2" 2>/dev/null
}

curses_re='^(n?curses|ncursesw/|term\.h|panel\.h|form\.h|menu\.h)'

# rule_util ROOT - violations of util/'s rule, one "file:line:name" a line
rule_util() {
	local loc name
	while IFS= read -r loc; do
		name=${loc##*:}
		case $name in
		config.h | util.h | strmap.h) ;;
		kexplore/*) knows_kconfig "$1" "${name#kexplore/}" && echo "$loc" ;;
		*) echo "$loc" ;;
		esac
	done < <(includes "$1" kconfig/util)
	sys_includes "$1" kconfig/util | awk -F: -v re="$curses_re" '$3 ~ re'
}

# rule_core ROOT - core/: no curses, nothing of src/, no header of analysis/
rule_core() {
	local loc name priv
	priv=$(cd "$1" && find kconfig/analysis -name '*.h' -printf '%f\n')
	while IFS= read -r loc; do
		name=${loc##*:}
		case $name in
		*src/* | common.h | cmds.h | tui*.h) echo "$loc" ;;
		*) grep -qxF "${name##*/}" <<<"$priv" && echo "$loc" ;;
		esac
	done < <(includes "$1" kconfig/core)
	sys_includes "$1" kconfig/core | awk -F: -v re="$curses_re" '$3 ~ re'
}

# rule_analysis ROOT - analysis/: no curses, nothing of src/, core.h or lexer.h only when allowed,
# no other analysis's private header
rule_analysis() {
	local loc name file
	while IFS= read -r loc; do
		name=${loc##*:}
		file=${loc%%:*}
		case $name in
		*src/* | common.h | cmds.h | tui*.h) echo "$loc" ;;
		core.h | lexer.h | */core.h | */lexer.h) allowed "$file" || echo "$loc" ;;
		# its own private header only: explain-private.h for explain*.c / explainer.c
		*-private.h) case ${file##*/} in "${name%-private.h}"*) ;; *) echo "$loc" ;; esac ;;
		esac
	done < <(includes "$1" kconfig/analysis)
	sys_includes "$1" kconfig/analysis | awk -F: -v re="$curses_re" '$3 ~ re'
}

# allowed FILE - FILE is listed in layers.allow
allowed() {
	grep -v '^[[:space:]]*\(#\|$\)' "$allow" | grep -qxF "$1"
}

# rule_stale ROOT - entries of layers.allow that no longer include core.h (or do not exist)
rule_stale() {
	local f
	while IFS= read -r f; do
		[ -n "$f" ] || continue
		grep -qE '^[[:space:]]*#[[:space:]]*include[[:space:]]*"(core|lexer)\.h"' "$1/$f" 2>/dev/null ||
			echo "$f: listed in layers.allow but does not include core.h"
	done < <(grep -v '^[[:space:]]*\(#\|$\)' "$allow")
}

# rule_src ROOT - src/ includes no private header of kconfig/
rule_src() {
	local loc name file priv
	priv=$(kconfig_headers "$1")
	while IFS= read -r loc; do
		name=${loc##*:}
		file=${loc%%:*}
		case $name in
		kexplore/*) ;;
		*kconfig/*) echo "$loc" ;;
		*)	# src/'s own header of the same name (src/tui/util.h) is not the engine's
			[ -e "$1/$(dirname "$file")/$name" ] && continue
			grep -qxF "${name##*/}" <<<"$priv" && echo "$loc" ;;
		esac
	done < <(includes "$1" src)
}

# code ROOT - the C of kconfig/ without comments and string literals, as "file:line:text"
code() {
	(cd "$1" && find kconfig -name '*.[ch]' | sort | while IFS= read -r f; do
		awk -v f="$f" '
		{
			line = $0; out = ""
			while (line != "") {
				if (incom) {
					i = index(line, "*/")
					if (!i) { line = ""; break }
					line = substr(line, i + 2); incom = 0
				} else if (match(line, /\/\*|\/\/|"([^"\\]|\\.)*"|'"'"'([^'"'"'\\]|\\.)*'"'"'/)) {
					tok = substr(line, RSTART, RLENGTH)
					out = out substr(line, 1, RSTART - 1)
					line = substr(line, RSTART + RLENGTH)
					if (tok == "//") line = ""
					else if (tok == "/*") incom = 1
					else out = out "\"\""
				} else { out = out line; line = "" }
			}
			if (out ~ /[^[:space:]]/) print f ":" NR ":" out
		}' "$f"
	done)
}

# rule_print ROOT - printing in kconfig/: printf( (not snprintf and the like), stdout, stderr
rule_print() {
	code "$1" | grep -E ':.*(^|[^[:alnum:]_])(printf|vprintf|puts|putchar|perror)[[:space:]]*\(|(^|[^[:alnum:]_])(stdout|stderr)([^[:alnum:]_]|$)'
}

# rule_exit ROOT - exit() in kconfig/ (abort() on allocation failure is the engine's only end)
rule_exit() {
	code "$1" | grep -E ':.*(^|[^[:alnum:]_])(exit|_Exit|quick_exit)[[:space:]]*\('
}

# judge DESC RULE ROOT - one check: RULE finds nothing in ROOT
judge() {
	local out
	out=$("$2" "$3")
	if [ -z "$out" ]; then
		ok "$1"
	else
		nok "$1"
		tap_diag_file <(printf '%s\n' "$out")
	fi
}

# plant - a copy of the tree with one violation of each rule; prints its path
plant() {
	local p
	p=$(mktemp -d "${TMPDIR:-/tmp}/kx-layers.XXXXXX")
	(cd "$top" && tar -cf - kconfig src include tests/unit/layers.allow) | tar -xf - -C "$p"
	printf '#include "core.h"\n' >>"$p/kconfig/util/util.c"
	printf '#include <ncursesw/curses.h>\n' >>"$p/kconfig/core/symbol.c"
	printf '#include "../../src/common.h"\n' >>"$p/kconfig/analysis/modplan.c"
	printf '#include "core.h"\nstatic int x;\n' >"$p/kconfig/analysis/planted.c"
	printf '#include "explain-private.h"\n' >>"$p/kconfig/analysis/plan-out.c"
	printf '#include "core.h"\n' >>"$p/src/main.c"
	printf '#include "util.h"\n' >>"$p/src/cmd-dump.c"
	printf 'static void f(void) { fprintf(stderr, "x"); }\n' >>"$p/kconfig/core/expr.c"
	printf 'static void g(void) { exit(1); }\n' >>"$p/kconfig/core/expr.c"
	printf 'kconfig/analysis/no-such-file.c\n' >>"$p/tests/unit/layers.allow"
	echo "$p"
}

# how many violations plant makes for each rule, in the order of rules
planted_n=(1 1 3 1 2 1 1)
rules=(rule_util rule_core rule_analysis rule_stale rule_src rule_print rule_exit)
descs=("util/ includes nothing of Kconfig (no core.h, lexer.h, analysis or Kconfig-aware public header), no curses"
	"core/ includes no curses, nothing of src/, no analysis header"
	"analysis/ includes no curses, nothing of src/, no other analysis's private header, and core.h only in the files of layers.allow"
	"layers.allow lists only files that still include core.h (it must shrink to empty)"
	"src/ includes no private header of kconfig/ (include/kexplore/ only)"
	"kconfig/ prints nothing: no printf, puts, perror, stdout or stderr"
	"kconfig/ never calls exit()")

tap_plan $((${#rules[@]} + 2))
{ [ -d "$top/kconfig/core" ] && [ -d "$top/src" ]; } || tap_bail "no kconfig/ or src/ in $top"
[ -r "$allow" ] || tap_bail "no $allow"
# the reader must see the includes it judges: each layer has some
n_inc=$(for d in kconfig/util kconfig/core kconfig/analysis src; do
	[ -n "$(includes "$top" "$d")" ] && echo "$d"; done | wc -l)
if [ "$n_inc" -eq 4 ]; then
	ok "#include lines read in util/, core/, analysis/ and src/"
else
	nok "#include lines found in only $n_inc of util/, core/, analysis/ and src/"
fi
for i in "${!rules[@]}"; do
	judge "${descs[$i]}" "${rules[$i]}" "$top"
done

# Each rule must report its planted violation (and a planted file must not be allowed).
planted=$(plant)
missed=''
for i in "${!rules[@]}"; do
	got=$(allow=$planted/tests/unit/layers.allow "${rules[$i]}" "$planted" | grep -c .)
	[ "$got" -eq "${planted_n[$i]}" ] || missed="$missed ${rules[$i]} ($got of ${planted_n[$i]})"
done
rm -rf "$planted"
if [ -z "$missed" ]; then
	ok "every rule reports the violation planted in a copy of the tree"
else
	nok "planted violations not reported as planted by:$missed"
fi
tap_done
