#!/usr/bin/env bash
# real.sh - `kexplore check` on Linux 6.12 with Debian's amd64 config as the base, against the
# kernel's own `make olddefconfig` of the same input (base + the lines the distro hands to conf):
#   - real.fragment, a Kconfig fragment (appended as it is);
#   - the README's Guix example, its lines as Guix's config->string writes them (made by Guile).
# For every setting, the value `check --json` says the .config got is the one conf wrote (null:
# conf wrote no line), and the verdict follows from the two by the form's rule.
set -uo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
# shellcheck source-path=SCRIPTDIR source=../lib/tap.sh
. "$here/../lib/tap.sh"
# shellcheck source-path=SCRIPTDIR source=../lib/trees.sh
. "$here/../lib/trees.sh"
KEXPLORE=${KEXPLORE:-./kexplore}
REF=$here/../conformance/ref.sh
work=$(mktemp -d "${TMPDIR:-/tmp}/kx-check-real.XXXXXX")
trap 'rm -rf "$work"' EXIT
bail() {
	tap_bail "$*"
}

tap_plan 2
[ -x "$KEXPLORE" ] || bail "no kexplore binary at $KEXPLORE"
tree=$(kx_tree_ensure 6.12 2>/dev/null) || bail "no 6.12 tree (tests/lib/trees.sh ensure 6.12)"
kx_conf_ensure 6.12 >/dev/null 2>&1 || bail "cannot build the 6.12 conf"
kx_configs_ensure >/dev/null 2>&1 || bail "no Debian configs (tests/lib/trees.sh configs)"
base=$KX_CACHE/configs/6.12/config.amd64_none_amd64

# compare.py JSON CONF FORM - each setting's got against conf's .config, and its verdict.
cat >"$work/compare.py" <<'PY'
import json, re, sys
settings, form, conf = json.load(open(sys.argv[1])), sys.argv[3], {}
for line in open(sys.argv[2]):
    m = re.match(r'^CONFIG_(\w+)=(.*)$', line.rstrip('\n'))
    if m:
        v = m.group(2)
        conf[m.group(1)] = v[1:-1].replace('\\"', '"').replace('\\\\', '\\') if v.startswith('"') else v
    m = re.match(r'^# CONFIG_(\w+) is not set$', line)
    if m:
        conf[m.group(1)] = 'n'
bad = 0
for s in settings:
    if s['value'] is None:
        continue
    got = conf.get(s['name'])
    if s['verdict'] == 'unknown symbol':
        expect = 'unknown symbol' if got is None else 'taken or not'
    elif form == 'kconfig':
        took = got == s['value'] or (got is None and s['value'] == 'n')
        expect = 'taken' if took else 'not taken'
    else:  # guix verify-config: #f met by no line or n; else the same value
        if s['value'] == 'n':
            expect = 'taken' if got in (None, 'n') else 'not taken'
        else:
            expect = 'taken' if got == s['value'] else 'not taken'
    if s['verdict'] != 'unknown symbol' and s['got'] != got:
        bad += 1
        print('# %s: check says the .config got %r, conf wrote %r' % (s['name'], s['got'], got))
    if expect is not None and expect != 'taken or not' and s['verdict'] != expect:
        bad += 1
        print('# %s: verdict %r, expected %r from conf\'s %r' % (s['name'], s['verdict'], expect, got))
print('# %d settings compared, %d differ' % (len(settings), bad))
sys.exit(1 if bad else 0)
PY

kx_check() { # kx_check FILE FORM OUT
	env -u KCONFIG_CONFIG -u ARCH "$KEXPLORE" -q -C "$tree" --arch x86_64 --config "$base" check \
		--form "$2" --json "$1" >"$3" 2>"$work/err"
	[ $? -le 1 ] || { sed 's/^/# /' "$work/err"; return 1; }
}

# 1. The fragment, appended to the base as merge_config.sh or a user would.
cat "$base" "$here/real.fragment" >"$work/frag.input"
if kx_check "$here/real.fragment" kconfig "$work/frag.json" &&
	nice "$REF" "$tree" x86_64 olddefconfig "$work/frag.input" "$work/frag.conf" 2>"$work/err" &&
	python3 "$work/compare.py" "$work/frag.json" "$work/frag.conf" kconfig; then
	ok "fragment on Debian amd64 6.12: every value and verdict as make olddefconfig gives it"
else
	nok "fragment on Debian amd64 6.12: differs from make olddefconfig"
fi

# 2. The README's Guix example: Guile writes its config->string lines (an empty
# %default-extra-linux-options), which are appended as make-linux-libre does.
guile=$(command -v guile-3.0 || command -v guile || true)
awk '/^### Does a setting take/{f=1} f && $0 == "```scheme" {p=1; next} p && /^```/{exit} p' \
	"$here/../../README.md" >"$work/example.scm"
cat >"$work/lines.scm" <<'SCM'
(define %default-extra-linux-options '())
(load "example.scm")
(for-each (lambda (p)
            (display (string-append (car p)
                                    (cond ((eq? (cdr p) #t) "=y") ((eq? (cdr p) #f) "=n")
                                          ((eq? (cdr p) 'm) "=m")
                                          (else (string-append "=\"" (cdr p) "\"")))))
            (newline))
          %my-options)
SCM
if [ -z "$guile" ] || ! command -v python3 >/dev/null; then
	skip "guile or python3 not installed (apt-get install guile-3.0 python3)"
elif (cd "$work" && "$guile" --no-auto-compile -q -s lines.scm >guix.lines 2>guile.err) &&
	cat "$base" "$work/guix.lines" >"$work/guix.input" &&
	kx_check "$work/example.scm" guix "$work/guix.json" &&
	nice "$REF" "$tree" x86_64 olddefconfig "$work/guix.input" "$work/guix.conf" 2>"$work/err" &&
	python3 "$work/compare.py" "$work/guix.json" "$work/guix.conf" guix; then
	ok "README's Guix example on Debian amd64 6.12: every value and verdict as make olddefconfig gives it"
else
	sed 's/^/# /' "$work/guile.err" 2>/dev/null
	nok "README's Guix example: differs from make olddefconfig"
fi
