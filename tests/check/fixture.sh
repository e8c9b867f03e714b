#!/usr/bin/env bash
# fixture.sh - `kexplore check` on a small tree (tree/, Linux 6.12.0 by its Makefile) with
# base.config, one settings file per form. The expected verdicts are worked out by hand from
# tree/Kconfig (reasons next to each check), and the values conf ends with are then confirmed with
# the kernel's own conf (olddefconfig of base.config plus the lines each distro hands to conf).
#
# base.config: NET=y, WLAN=n, ZRAM=n, CRYPTO=y, BTRFS=y (selects CRC), CMDLINE="", NR_CPUS=8.
set -uo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
# shellcheck source-path=SCRIPTDIR source=../lib/tap.sh
. "$here/../lib/tap.sh"
# shellcheck source-path=SCRIPTDIR source=../lib/trees.sh
. "$here/../lib/trees.sh"
KEXPLORE=${KEXPLORE:-./kexplore}
KEXPLORE=$(cd "$(dirname "$KEXPLORE")" && pwd)/$(basename "$KEXPLORE")
work=$(mktemp -d "${TMPDIR:-/tmp}/kx-check.XXXXXX")
trap 'rm -rf "$work"' EXIT
has() { # has FILE LINE - the exact line is in FILE
	grep -qxF -- "$2" "$1" || { echo "# missing: $2"; return 1; }
}
check() {
	local name=$1
	shift
	if "$@"; then ok "$name"; else nok "$name"; fi
}
kx() { # kx FILE... - check against base.config; output in $work/out, status in $rc
	env -u KCONFIG_CONFIG -u ARCH "$KEXPLORE" -q -C "$here/tree" --config "$here/base.config" \
		check "$@" >"$work/out" 2>"$work/err"
	rc=$?
	sed 's/^/# /' "$work/err"
}

tap_plan 38

# --- NixOS ---
cd "$here/.." || exit 1
kx check/settings.nix
o=$work/out
check "nix: exit status 1 (required settings do not take)" test "$rc" = 1
# ZRAM: a visible tristate, MODULES=y: m takes and is written.
check "nix: ZRAM = module takes" has "$o" "check/settings.nix:4: CONFIG_ZRAM=m: taken"
# IWLWIFI depends on WLAN, which base.config sets to n: no line at all in .config.
check "nix: IWLWIFI is an unused option" has "$o" "check/settings.nix:5: error: unused option: IWLWIFI"
# CRC is selected by BTRFS=y: forced to y.
check "nix: CRC not set correctly (wanted m, got y)" \
	has "$o" "check/settings.nix:6: error: option not set correctly: CRC (wanted 'm', got 'y')"
check "nix: CRC's reason is the select from BTRFS" grep -q "selected by BTRFS \[=y\]" "$o"
check "nix: freeform CMDLINE takes" has "$o" "check/settings.nix:7: CONFIG_CMDLINE=console=ttyS0: taken"
# NR_CPUS has range 2 64: conf keeps the number and clamps it into the range (confirmed below).
check "nix: NR_CPUS 128 is clamped to 64" \
	has "$o" "check/settings.nix:8: error: option not set correctly: NR_CPUS (wanted '128', got '64')"
check "nix: BTRFS_FS is unknown, closest BTRFS" \
	bash -c "grep -A1 -xF 'check/settings.nix:9: error: unused option: BTRFS_FS' '$o' | grep -q 'closest names: CONFIG_BTRFS'"
# OLD_NAME has no prompt and is never written; NEW_NAME's default reads it: a renamed symbol.
check "nix: OLD_NAME is unused and renamed to NEW_NAME" \
	bash -c "grep -A1 -xF 'check/settings.nix:10: error: unused option: OLD_NAME' '$o' | grep -q 'set CONFIG_NEW_NAME instead'"
# whenAtLeast "6.13" on Linux 6.12.0: not a setting here, not reported.
check "nix: VERSION_GATED (whenAtLeast 6.13) is not reported on 6.12" bash -c "! grep -q VERSION_GATED '$o'"
check "nix: mkForce no on CRYPTO takes" has "$o" "check/settings.nix:12: CONFIG_CRYPTO=n: taken"
# option: a miss is only a warning in nixpkgs.
check "nix: option yes on an unknown symbol is a warning" \
	has "$o" "check/settings.nix:13: warning: unused option: DEBUG_X"
# mkMerge [ (whenOlder "6.1" yes) (whenAtLeast "6.1" module) ] on 6.12: module; unknown here.
check "nix: \"9P_FS\" via mkMerge is read and unknown" has "$o" "check/settings.nix:14: error: unused option: 9P_FS"
check "nix: mkIf on config.* is reported as not evaluated" \
	bash -c "grep -q '^check/settings.nix:15: warning: SOMETHING: not evaluated: ' '$o'"
check "nix: summary" has "$o" "12 settings: 3 taken, 4 not taken, 3 unknown, 1 not evaluated, 1 skipped"

# --- Guix ---
kx check/extra.scm
check "guix: exit status 1" test "$rc" = 1
check "guix: verify-config's header" has "$o" "check/extra.scm:4: Mismatching configurations in .config and check/extra.scm"
# config->string writes CONFIG_IWLWIFI=m; WLAN=n hides it: no line, verify-config sees #f.
check "guix: IWLWIFI (#f \"m\")" has "$o" 'check/extra.scm:4: ("CONFIG_IWLWIFI" (#f "m"))'
# #f is met by "# CONFIG_WLAN is not set".
check "guix: WLAN #f takes" has "$o" "check/extra.scm:5: CONFIG_WLAN=n: taken"
# config->string quotes every string: CONFIG_NR_CPUS="32" is refused for an int, 8 stays.
check "guix: quoted int refused, 8 stays" has "$o" 'check/extra.scm:6: ("CONFIG_NR_CPUS" ("8" "\"32\""))'
check "guix: says why (quotes)" grep -q "conf refuses quotes for int symbols" "$o"
check "guix: unknown BTRFS_FS" has "$o" 'check/extra.scm:8: ("CONFIG_BTRFS_FS" (#f "y"))'
check "guix: ,@ splice is not evaluated" \
	bash -c "grep -q '^check/extra.scm:9: warning: %default-extra-linux-options: not evaluated' '$o'"

env -u KCONFIG_CONFIG -u ARCH "$KEXPLORE" -q -C "$here/tree" --config "$here/base.config" check --json \
	check/extra.scm >"$work/json" 2>/dev/null
rc=$?
if command -v python3 >/dev/null; then
	check "guix --json: the same verdicts, exit status 1" python3 -c '
import json, sys
v = {s["name"]: (s["verdict"], s["got"]) for s in json.load(open(sys.argv[1]))}
assert v["ZRAM"] == ("taken", "m") and v["IWLWIFI"] == ("not taken", None), v
assert v["NR_CPUS"] == ("not taken", "8") and v["BTRFS_FS"] == ("unknown symbol", None), v
assert v["%default-extra-linux-options"][0] == "not evaluated", v
assert sys.argv[2] == "1"
' "$work/json" "$rc"
else
	skip "python3 missing"
fi

# --- Kconfig fragment (merge_config.sh's words) ---
kx check/frag.config
check "fragment: exit status 1" test "$rc" = 1
check "fragment: IWLWIFI requested, no line" bash -c "grep -A2 -xF 'check/frag.config:2: Value requested for CONFIG_IWLWIFI not in final .config' '$o' | grep -qx 'Actual value:     '"
check "fragment: CRC requested m, y in effect" bash -c "grep -A2 -xF 'check/frag.config:4: Value requested for CONFIG_CRC not in final .config' '$o' | grep -qx 'Actual value:     CONFIG_CRC=y'"
check "fragment: NR_CPUS=16 (in range) takes" has "$o" "check/frag.config:5: CONFIG_NR_CPUS=16: taken"
kx check/ok.config
check "fragment where everything takes: exit status 0" test "$rc" = 0

# --- the kernel's conf on the same inputs: the values the verdicts rest on ---
confdir=$(kx_conf_ensure 6.12 2>/dev/null) || confdir=''
conf_old() { # conf_old OUT LINE... - base.config plus LINEs, make olddefconfig
	local s
	s=$(mktemp -d "$work/conf.XXXXXX")
	{ cat "$here/base.config"; printf '%s\n' "${@:2}"; } >"$s/.config"
	(cd "$s" && env -i PATH="$PATH" LC_ALL=C srctree="$here/tree" \
		"$confdir/scripts/kconfig/conf" -s --olddefconfig Kconfig) </dev/null >/dev/null 2>&1 &&
		cp "$s/.config" "$1"
}
if [ -n "$confdir" ]; then
	# nixpkgs' answers, as conf lines
	conf_old "$work/nix.config" CONFIG_ZRAM=m CONFIG_IWLWIFI=m CONFIG_CRC=m \
		'CONFIG_CMDLINE="console=ttyS0"' CONFIG_NR_CPUS=128 CONFIG_BTRFS_FS=y CONFIG_OLD_NAME=y \
		'# CONFIG_CRYPTO is not set' CONFIG_DEBUG_X=y CONFIG_9P_FS=m
	check "conf (nix answers): ZRAM=m, CRC=y, NR_CPUS=64, no IWLWIFI or OLD_NAME line" bash -c "
		grep -qx CONFIG_ZRAM=m '$work/nix.config' && grep -qx CONFIG_CRC=y '$work/nix.config' &&
		grep -qx CONFIG_NR_CPUS=64 '$work/nix.config' && ! grep -q 'CONFIG_IWLWIFI[= ]' '$work/nix.config' &&
		! grep -q 'CONFIG_OLD_NAME[= ]' '$work/nix.config' && grep -qx '# CONFIG_CRYPTO is not set' '$work/nix.config'"
	# Guix's config->string lines
	conf_old "$work/guix.config" CONFIG_ZRAM=m CONFIG_IWLWIFI=m CONFIG_WLAN=n 'CONFIG_NR_CPUS="32"' \
		'CONFIG_CMDLINE="quiet"' CONFIG_BTRFS_FS=y
	check "conf (guix lines): NR_CPUS stays 8, WLAN not set, CMDLINE quiet" bash -c "
		grep -qx CONFIG_NR_CPUS=8 '$work/guix.config' && grep -qx '# CONFIG_WLAN is not set' '$work/guix.config' &&
		grep -qx 'CONFIG_CMDLINE=\"quiet\"' '$work/guix.config'"
	mapfile -t frag < <(grep -v '^#' "$here/frag.config")
	conf_old "$work/frag.out" "${frag[@]}" '# CONFIG_CRYPTO is not set'
	check "conf (fragment): CRC=y, NR_CPUS=16, no IWLWIFI line" bash -c "
		grep -qx CONFIG_CRC=y '$work/frag.out' && grep -qx CONFIG_NR_CPUS=16 '$work/frag.out' &&
		! grep -q 'CONFIG_IWLWIFI[= ]' '$work/frag.out'"
else
	for _ in 1 2 3; do skip "the kernel's conf is not built (tests/lib/trees.sh conf 6.12)"; done
fi

# --- bad input: a file that is not in the form, nothing written, status non-zero, file:line ---
printf '{ ZRAM = yes;\n' >"$work/bad.nix"
env -u KCONFIG_CONFIG "$KEXPLORE" -q -C "$here/tree" --config "$here/base.config" check "$work/bad.nix" \
	>"$work/out" 2>"$work/err"
rc=$?
check "unbalanced Nix: exit status non-zero with file:line" bash -c "[ $rc != 0 ] && grep -q 'bad.nix:[0-9]*: unbalanced' '$work/err'"

# --- comments are skipped and their newlines counted: Nix has # and /* */, Scheme ; and #| |#.
# The settings sit on lines 6 and 8 (.nix) and 4 and 5 (.scm), counted by hand.
printf '# a comment\n{ lib, ... }:\n/* a block\n   comment */ with lib.kernel;\n{\n  ZRAM = module; # trailing\n  /* two\n     lines */ CRC = yes;\n}\n' >"$work/comments.nix"
env -u KCONFIG_CONFIG "$KEXPLORE" -q -C "$here/tree" check --list "$work/comments.nix" >"$work/out" 2>&1
check "nix: comments skipped, settings at lines 6 and 8" bash -c "grep -qxF '$work/comments.nix:6: ZRAM=m' '$work/out' && grep -qxF '$work/comments.nix:8: CRC=y' '$work/out'"
printf ';; header\n#| a block\n   comment |#\n`(("CONFIG_ZRAM" . m) ; trailing\n  #| x |# ("CONFIG_CRC" . #t))\n' >"$work/comments.scm"
env -u KCONFIG_CONFIG "$KEXPLORE" -q -C "$here/tree" check --list "$work/comments.scm" >"$work/out" 2>&1
check "guix: comments skipped, settings at lines 4 and 5" bash -c "grep -qxF '$work/comments.scm:4: ZRAM=m' '$work/out' && grep -qxF '$work/comments.scm:5: CRC=y' '$work/out'"

# --- the README's examples, read by Nix and Guile themselves and by kexplore ---
readme=$here/../../README.md
block() { # block LANG - the first ```LANG block of the README's check section
	awk -v lang="$1" '/^### Does a setting take/{f=1} f && $0 == "```" lang {p=1; next} p && /^```/{exit} p' "$readme"
}
block nix >"$work/example.nix"
block scheme >"$work/example.scm"
check "README has a NixOS and a Guix example" test -s "$work/example.nix" -a -s "$work/example.scm"
list() { # list FILE - what kexplore reads, as NAME=VALUE[ freeform][ optional][ forced]
	env -u KCONFIG_CONFIG "$KEXPLORE" -q -C "$here/tree" check --list "$1" | sed 's/^[^ ]* //' |
		grep -v ': not evaluated\|: cannot evaluate\|: skipped' | sort
}
# lib as nixpkgs defines it (lib/kernel.nix: yes/no/module/unset/freeform/option/whenHelpers;
# lib/modules.nix: mkIf/mkMerge/mkOverride as tagged sets), version 6.12.0 as tree/Makefile says.
cat >"$work/eval.nix" <<'NIX'
let
  version = "6.12.0";
  mkIf = condition: content: { _type = "if"; inherit condition content; };
  mkMerge = contents: { _type = "merge"; inherit contents; };
  mkOverride = priority: content: { _type = "override"; inherit priority content; };
  ge = a: b: builtins.compareVersions a b >= 0;
  lib = {
    inherit mkIf mkMerge mkOverride;
    mkForce = mkOverride 50;
    mkDefault = mkOverride 1000;
    kernel = {
      yes = { tristate = "y"; optional = false; };
      no = { tristate = "n"; optional = false; };
      module = { tristate = "m"; optional = false; };
      unset = { tristate = null; optional = false; };
      freeform = x: { freeform = x; optional = false; };
      option = x: x // { optional = true; };
      whenHelpers = version: {
        whenAtLeast = ver: mkIf (ge version ver);
        whenOlder = ver: mkIf (!(ge version ver));
        whenBetween = lo: hi: mkIf (ge version lo && !(ge version hi));
      };
    };
  };
in import ./example.nix { inherit lib version; }
NIX
# resolve.py - the module system's reading of those values: if -> content or nothing, merge ->
# the parts that apply (which must agree), override -> content (mkForce marks it forced).
cat >"$work/resolve.py" <<'PY'
import json, sys
ABSENT = object()
def res(v):
    if isinstance(v, dict) and v.get('_type') == 'if':
        return res(v['content']) if v['condition'] else ABSENT
    if isinstance(v, dict) and v.get('_type') == 'merge':
        parts = [p for p in map(res, v['contents']) if p is not ABSENT]
        assert all(p == parts[0] for p in parts), 'mkMerge disagrees'
        return parts[0] if parts else ABSENT
    if isinstance(v, dict) and v.get('_type') == 'override':
        r = res(v['content'])
        return r if r is ABSENT or v['priority'] >= 1000 else dict(r, forced=True)
    return v
for name, v in json.load(sys.stdin).items():
    r = res(v)
    if r is ABSENT or r.get('tristate', '') is None:
        continue
    val = r['freeform'] + ' freeform' if 'freeform' in r else r['tristate']
    print('%s=%s%s%s' % (name, val, ' optional' if r['optional'] else '', ' forced' if r.get('forced') else ''))
PY
if command -v nix-instantiate >/dev/null && command -v python3 >/dev/null; then
	(cd "$work" && nix-instantiate --eval --strict --json eval.nix 2>"$work/nix.err") |
		python3 "$work/resolve.py" | sort >"$work/nix.list"
	list "$work/example.nix" >"$work/kx.list"
	if [ -s "$work/nix.list" ] && diff -u "$work/nix.list" "$work/kx.list" >"$work/diff"; then
		ok "README's NixOS example: nix-instantiate and check --list read the same $(wc -l <"$work/nix.list") settings"
	else
		sed 's/^/# /' "$work/nix.err" "$work/diff"
		nok "README's NixOS example: nix-instantiate and check --list differ"
	fi
else
	skip "nix-instantiate or python3 missing (apt-get install nix-bin)"
fi
# Guile: the README's define, with an empty %default-extra-linux-options, written out the way
# config->string does (#t =y, #f =n, m =m, a string ="..."), as NAME=VALUE[ freeform].
cat >"$work/eval.scm" <<'SCM'
(define %default-extra-linux-options '())
(load "example.scm")
(for-each (lambda (p)
            (let ((name (substring (car p) 7)) (v (cdr p)))
              (display (cond ((eq? v #t) (string-append name "=y"))
                             ((eq? v #f) (string-append name "=n"))
                             ((eq? v 'm) (string-append name "=m"))
                             ((string? v) (string-append name "=" v " freeform"))
                             (else (error "unexpected value" v))))
              (newline)))
          %my-options)
SCM
guile=$(command -v guile-3.0 || command -v guile || true)
if [ -n "$guile" ]; then
	(cd "$work" && "$guile" --no-auto-compile -q -s eval.scm 2>"$work/guile.err") | sort >"$work/guile.list"
	list "$work/example.scm" >"$work/kx.list"
	if [ -s "$work/guile.list" ] && diff -u "$work/guile.list" "$work/kx.list" >"$work/diff"; then
		ok "README's Guix example: guile and check --list read the same $(wc -l <"$work/guile.list") settings"
	else
		sed 's/^/# /' "$work/guile.err" "$work/diff"
		nok "README's Guix example: guile and check --list differ"
	fi
else
	skip "guile missing (apt-get install guile-3.0)"
fi
