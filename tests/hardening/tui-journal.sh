#!/usr/bin/env bash
# tests/hardening/tui-journal.sh - the explorer loses no unsaved change and
# overwrites nobody's file unasked, driven headless (KEXPLORE_SCRIPT) on the
# fixture tree of tests/tui:
#  - after each change the unsaved values are journaled to
#    $HOME/.local/state/kexplore/recovery/HASH; a session killed by a signal
#    (:raise TERM) leaves the journal and an untouched .config;
#  - the next start offers it: r restores (then S saves, the journal goes),
#    d discards it, <Esc> keeps it untouched for the start after;
#  - quitting without saving (q n), saving, or undoing the change removes it;
#  - loading another file (L) over unsaved changes asks first;
#  - a .config changed on disk by another program while the explorer runs is
#    not overwritten unless confirmed (the script is a FIFO fed step by step);
#  - a save that fails (write() fails with ENOSPC through an LD_PRELOAD shim)
#    says so in a popup and keeps the file, the changes and the journal.
# Expected texts are the dialog lines as written in src/tui. TAP output.
set -uo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
top=$(cd "$here/../.." && pwd)
KEXPLORE=${KEXPLORE:-$top/kexplore}
case $KEXPLORE in /*) ;; *) KEXPLORE=$PWD/$KEXPLORE ;; esac
tree=$top/tests/tui/fixtures/basic
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
# shellcheck source-path=SCRIPTDIR source=../lib/tap.sh
. "$here/../lib/tap.sh"

tap_on_fail() { [ -e "$work/out" ] && sed 's/^/# /' "$work/out"; }
check() { if eval "$2"; then ok "$1"; else nok "$1"; fi; }

# Set FOO=y (Device Drivers > Foo driver), as the save case of tests/tui does.
set_foo='<Down><Down><Down><Enter><Down><Down>y'
journal_dir=$work/home/.local/state/kexplore/recovery

# run SCRIPT [VAR=value...] - one session in $work with SCRIPT as its keys; exit status in $rc.
run() {
	local script=$1
	shift
	rc=0
	# (the braces keep bash's "Terminated" for a killed session off stderr)
	{ (cd "$work" && env -i PATH="$PATH" HOME="$work/home" TERM=xterm LANG=C.UTF-8 LINES=24 \
		COLUMNS=80 KEXPLORE_SCRIPT="$script" ASAN_OPTIONS="${ASAN_OPTIONS:-}" "$@" \
		timeout 60 "$KEXPLORE" -C "$tree" --config .config --arch x86_64) \
		</dev/null >"$work/out" 2>&1 || rc=$?; } 2>/dev/null
}

journal() {
	local f
	for f in "$journal_dir"/*; do
		[ -f "$f" ] && { printf '%s' "$f"; return 0; }
	done
	return 1
}

fresh() {
	rm -rf "${work:?}/home" "$work"/.config* "$work"/*.screen
	mkdir -p "$work/home"
	cp "$tree/config" "$work/.config"
	cp "$tree/config" "$work/orig.config"
}

script() { printf '%s\n' "$@" >"$work/script"; }

tap_plan 18

# --- a killed session ------------------------------------------------------------
fresh
script "$set_foo" ':raise TERM'
run "$work/script"
check "a session killed by SIGTERM dies of it" "[ $rc -eq 143 ]"
check "...leaving .config untouched" "cmp -s '$work/orig.config' '$work/.config'"
j=$(journal) || j=
check "...and a journal of the change" \
	"[ -n '$j' ] && grep -qx 'CONFIG_FOO=y' '$j' && grep -qxF '# kexplore recovery journal: unsaved changes to $work/.config' '$j'"
cp "$j" "$work/journal.copy" 2>/dev/null

script ':save-display offer.screen' r ':save-display restored.screen' S '<Enter>' ':quit'
run "$work/script"
cat >"$work/expected" <<'EOF'
    ┌─ Recovery ───────────────────────────────────────────────────────────┐
    │ Unsaved changes to .config (TIME) were found:         │
    │ a session crashed or lost its terminal.                              │
    │                                                                      │
    │   r: restore them   d: discard them                                  │
    │   <Esc>: keep them and ask at the next start                         │
    └──────────────────────────────────────────────────────────────────────┘
EOF
sed -n '/Recovery/,/└/p' "$work/offer.screen" 2>/dev/null |
	sed -E 's/[0-9]{4}-[0-9]{2}-[0-9]{2} [0-9:]{8}/TIME/' >"$work/got"
check "the next start offers the journal" "diff -u '$work/expected' '$work/got' >'$work/out'"
check "...r restores the change (1 unsaved)" \
	"tail -1 '$work/restored.screen' | grep -q 'Restored the unsaved changes (S saves them) *1 unsaved'"
check "...and saving writes it and removes the journal" \
	"grep -qx 'CONFIG_FOO=y' '$work/.config' && cmp -s '$work/orig.config' '$work/.config.old' && ! journal >/dev/null"

# --- discard, keep ---------------------------------------------------------------
fresh
script "$set_foo" ':raise TERM'
run "$work/script"
script d ':save-display discarded.screen' ':quit'
run "$work/script"
check "d discards the journal and keeps .config" \
	"! journal >/dev/null && cmp -s '$work/orig.config' '$work/.config' && tail -1 '$work/discarded.screen' | grep -q '^Discarded the unsaved changes'"

script "$set_foo" ':raise TERM'
run "$work/script"
j=$(journal) && cp "$j" "$work/journal.before"
# <Esc>, then another change (FOO back to n) in a session that loses its terminal
script '<Esc>' "$set_foo" 'n' ':quit'
run "$work/script"
check "<Esc> keeps the journal untouched, also across changes of that session" \
	"[ -n '$j' ] && cmp -s '$work/journal.before' '$j'"

# --- clean ends remove it ----------------------------------------------------------
fresh
script "$set_foo" q n
run "$work/script"
check "quitting without saving (q n) removes the journal and keeps .config" \
	"[ $rc -eq 0 ] && ! journal >/dev/null && cmp -s '$work/orig.config' '$work/.config'"
script "$set_foo" n ':quit'
run "$work/script"
check "undoing the change removes the journal" "! journal >/dev/null"

# --- loading another file over unsaved changes asks first --------------------------------
fresh
cp "$tree/config" "$work/other.config"
script "$set_foo" 'L<C-u>other.config<Enter>' ':save-display load-ask.screen' n \
	':save-display kept.screen' 'L<C-u>other.config<Enter>' y ':save-display loaded.screen' ':quit'
run "$work/script"
check "L over unsaved changes asks first; n keeps them" \
	"grep -q 'Loading replaces your unsaved changes.' '$work/load-ask.screen' && tail -1 '$work/kept.screen' | grep -q '1 unsaved |'"
check "...y loads the file" "tail -1 '$work/loaded.screen' | grep -q '^Loaded other.config  .*| other.config\$'"

# --- .config changed on disk while the explorer runs -----------------------------------
fresh
mkfifo "$work/fifo"
run "$work/fifo" &
session=$!
exec 3>"$work/fifo"
echo "$set_foo" >&3
for _ in $(seq 100); do journal >/dev/null && break; sleep 0.1; done
printf 'CONFIG_NR_CPUS=16\n' >>"$work/.config"	# another program writes it
cp "$work/.config" "$work/external.config"
printf '%s\n' S '<Enter>' ':save-display changed.screen' n ':save-display refused.screen' >&3
for _ in $(seq 100); do [ -s "$work/refused.screen" ] && break; sleep 0.1; done
cp "$work/.config" "$work/after-refusal.config"
printf '%s\n' S '<Enter>' y ':save-display saved.screen' ':quit' >&3
exec 3>&-
wait "$session"
cat >"$work/expected" <<'EOF'
    │ .config was changed on disk since it was read                        │
    │ (by another program or another session).                             │
    │                                                                      │
    │   y: overwrite it, keeping that version as .config.old               │
    │   n: do not save                                                     │
EOF
grep -A4 'was changed on disk' "$work/changed.screen" >"$work/got" 2>/dev/null
check "saving over a .config another program changed asks first" \
	"diff -u '$work/expected' '$work/got' >'$work/out'"
tail -1 "$work/refused.screen" >"$work/out"
check "...n saves nothing and says so" \
	"tail -1 '$work/refused.screen' | grep -q '^Not saved: .config changed on disk  ' && cmp -s '$work/external.config' '$work/after-refusal.config'"
check "...y saves, keeping the other version as .config.old" \
	"grep -qx 'CONFIG_FOO=y' '$work/.config' && cmp -s '$work/external.config' '$work/.config.old' && ! journal >/dev/null"

# --- a failing save --------------------------------------------------------------------
shim=$work/failwrite.so
if ! ${KX_CC:-cc} -shared -fPIC -o "$shim" "$here/failwrite.c" -ldl 2>/dev/null; then
	for i in 1 2 3; do skip "failing save $i" "no C compiler for the LD_PRELOAD shim"; done
	exit 0
fi
fresh
script "$set_foo" S '<Enter>' ':save-display failed.screen' '<Enter>' \
	':save-display after.screen' q ':save-display quit.screen' ':quit'
run "$work/script" LD_PRELOAD="$shim" KX_FAIL=write KX_FAIL_MATCH=.config \
	ASAN_OPTIONS=verify_asan_link_order=0
cat >"$work/expected" <<'EOF'
    ┌─ Save failed ────────────────────────────────────────────────────────┐
    │ Cannot write .config:                                                │
    │ No space left on device.                                             │
    │                                                                      │
    │ Nothing was changed on disk; your changes are kept                   │
    │ (and journaled). Free some space or save elsewhere.                  │
    │                                                                      │
    │   <Enter>: go on                                                     │
    └──────────────────────────────────────────────────────────────────────┘
EOF
sed -n '/Save failed/,/└/p' "$work/failed.screen" >"$work/got" 2>/dev/null
check "a save failing with ENOSPC says so in a popup" "diff -u '$work/expected' '$work/got' >'$work/out'"
check "...keeps .config and the journal of the changes" \
	"cmp -s '$work/orig.config' '$work/.config' && [ ! -e '$work/.config.old' ] && j=\$(journal) && grep -qx 'CONFIG_FOO=y' \"\$j\""
check "...and the changes stay unsaved (the status line says so, quitting asks)" \
	"tail -1 '$work/after.screen' | grep -q '^Not saved: No space left on device .*1 unsaved' && grep -q 'Save the configuration to .config?' '$work/quit.screen'"
