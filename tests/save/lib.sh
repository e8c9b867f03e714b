#!/usr/bin/env bash
# lib.sh - helpers shared by tests/save/*.sh: TAP lines and checks of the NixOS and Guix outputs
# against the Kconfig fragment they were made from. Source it; it sets nothing else.

# ok STATUS NAME, skip NAME REASON, ...: the shared TAP helper.
# shellcheck source-path=SCRIPTDIR source=../lib/tap.sh
. "$(dirname "${BASH_SOURCE[0]}")/../lib/tap.sh"

# same EXPECTED GOT NAME - byte comparison, with the diff as TAP comments on failure.
same() {
	if cmp -s "$1" "$2"; then
		ok 0 "$3"
	else
		ok 1 "$3"
		diff -u "$1" "$2" 2>&1 | head -30 | sed 's/^/# /'
	fi
}

# lines FRAGMENT - its assignments, without the comment header.
lines() {
	grep -E '^(CONFIG_|# CONFIG_[A-Za-z0-9_]+ is not set$)' "$1"
}

# nix_matches NIXFILE LINES - evaluate the NixOS output with a stand-in lib.kernel (yes = "y",
# no = "n", module = "m", freeform = the string) and compare the attribute set with the
# fragment's assignments (NAME without CONFIG_, strings unquoted). Needs nix-instantiate.
nix_matches() {
	local json
	json=$(nix-instantiate --eval --strict --json -E "import $1 { lib.kernel = {
		yes = \"y\"; no = \"n\"; module = \"m\"; freeform = x: x; }; }" 2>/dev/null) || return 1
	python3 - "$2" "$json" <<'EOF'
import json, sys
got = json.loads(sys.argv[2])
want = {}
for line in open(sys.argv[1]):
    line = line.rstrip('\n')
    if line.startswith('# CONFIG_'):
        want[line[9:].split(' ')[0]] = 'n'
        continue
    k, v = line[7:].split('=', 1)
    if v.startswith('"'):
        out, i = [], 1
        while v[i] != '"':
            if v[i] == '\\':
                i += 1
            out.append(v[i])
            i += 1
        v = ''.join(out)
    want[k] = v
sys.exit(0 if got == want else 1)
EOF
}

# guix_lines GUIXFILE - read and evaluate the Guix alist with Guile and print it the way Guix's
# config->string does: #t -> CONFIG_X=y, m -> =m, #f -> "# CONFIG_X is not set" (Guix writes
# CONFIG_X=n, which conf reads the same), a string -> CONFIG_X="..." escaped as conf reads it.
guix_lines() {
	guile-3.0 --no-auto-compile -c '
(use-modules (ice-9 match))
(define (esc s)
  (string-concatenate
   (map (lambda (c) (if (memv c (list #\" #\\)) (string #\\ c) (string c))) (string->list s))))
(define (line opt)
  (match opt
    ((k . #t) (string-append k "=y"))
    ((k . (quote m)) (string-append k "=m"))
    ((k . #f) (string-append "# " k " is not set"))
    ((k . (? string? s)) (string-append k "=\"" (esc s) "\""))))
(for-each (lambda (o) (display (line o)) (newline))
  (call-with-input-file (cadr (command-line)) (lambda (p) (primitive-eval (read p)))))' "$1"
}

# guix_matches GUIXFILE LINES - guix_lines equals the fragment's lines. Guix has no way to write
# an int or hex value unquoted (the output marks those entries with "; int:" / "; hex:"), so
# those are compared without their quotes.
guix_matches() {
	local got ints
	got=$(guix_lines "$1") || return 1
	ints=$(sed -nE 's/^.*\("CONFIG_([A-Za-z0-9_]+)" \. "[^"]*"\)+ ; (int|hex):.*$/\1/p' "$1" |
		paste -sd'|')
	if [ -n "$ints" ]; then
		got=$(printf '%s\n' "$got" | sed -E "s/^(CONFIG_($ints))=\"(.*)\"\$/\\1=\\3/")
	fi
	[ "$got" = "$(cat "$2")" ]
}
