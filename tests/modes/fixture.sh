#!/usr/bin/env bash
# fixture.sh - conf's modes on tests/modes/tree, kexplore against the kernel's own conf binary
# (the 6.12 one tests/lib/trees.sh builds; SKIP when it is not there): oldconfig with answers piped
# in (invalid ones asked again, as conf does), listnewconfig, helpnewconfig, the tristate
# rewrites, randconfig with KCONFIG_SEED / KCONFIG_PROBABILITY / KCONFIG_ALLCONFIG, syncconfig's
# files and stamps; then kexplore's own behaviour where it differs on purpose ('?' prints
# kexplore's help) and bad input. Prints TAP.
set -u
export LC_ALL=C

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
# shellcheck source-path=SCRIPTDIR source=../lib/tap.sh
. "$here/../lib/tap.sh"
KEXPLORE=${KEXPLORE:-$here/../../kexplore}
case $KEXPLORE in /*) ;; *) KEXPLORE=$PWD/$KEXPLORE ;; esac
tree=$here/tree
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
unset KCONFIG_CONFIG KCONFIG_ALLCONFIG KCONFIG_SEED KCONFIG_PROBABILITY KCONFIG_AUTOCONFIG \
	KCONFIG_AUTOHEADER KCONFIG_RUSTCCFG KCONFIG_NOSILENTUPDATE ARCH SRCARCH
# The kernel's conf, already built by tests/lib/trees.sh in the shared tree cache (never built
# here: that takes minutes); kexplore itself gets a HOME and a cache of its own.
cache=${KX_TEST_CACHE:-${KEXPLORE_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/kexplore}}
conf=$cache/trees/conf-6.12/scripts/kconfig/conf
[ -x "$conf" ] || conf=''
export HOME=$work/home KEXPLORE_CACHE=$work/cache



# run_pair NAME STDIN CONFMODE KXCMD... - conf and kexplore each in a folder of their own holding
# old.config as .config, same stdin; kexplore runs with the rest of the line as its command.
run_pair() {
	local name=$1 in=$2 mode=$3
	shift 3
	mkdir -p "$work/$name/k" "$work/$name/x"
	cp "$tree/old.config" "$work/$name/k/.config"
	cp "$tree/old.config" "$work/$name/x/.config"
	(cd "$work/$name/k" && srctree=$tree "$conf" "--$mode" Kconfig <"$in" >../k.out 2>../k.err)
	echo $? >"$work/$name/k.rc"
	(cd "$work/$name/x" && "$KEXPLORE" -C "$tree" --config .config "$@" <"$in" >../x.out 2>../x.err)
	echo $? >"$work/$name/x.rc"
}

same() { # same FILE-A FILE-B DESCRIPTION
	if cmp -s "$1" "$2"; then ok 0 "$3"; else ok 1 "$3"; diff -u "$1" "$2" | head -30 | sed 's/^/# /'; fi
}

# compare NAME WHAT - the transcripts and the configs of a pair.
compare() {
	same "$work/$1/k.out" "$work/$1/x.out" "$2: kexplore prints what conf prints"
	same "$work/$1/k/.config" "$work/$1/x/.config" "$2: the same .config"
}

if [ -z "$conf" ]; then
	for i in $(seq 1 17); do skip "the kernel's 6.12 conf is not built (tests/lib/trees.sh conf 6.12)"; done
else
	# Answers: NEW_BOOL y; NEW_TRI "x" is no answer (asked again), then m; NEW_TRI_CHILD the
	# default; NEW_INT 20 is out of its range 1..10 (asked again), then 7; NEW_STR hello; the
	# choice (CH_B is new) 2; SELECTOR n. conf echoes each answer since stdin is no terminal.
	printf 'y\nx\nm\n\n20\n7\nhello\n2\nn\n' >"$work/answers"
	run_pair old "$work/answers" oldconfig oldconfig
	compare old "oldconfig with piped answers"
	# At the end of input every question takes its default.
	run_pair eof /dev/null oldconfig oldconfig
	compare eof "oldconfig with no answers"
	for m in listnewconfig helpnewconfig; do
		run_pair "$m" /dev/null "$m" "$m"
		same "$work/$m/k.out" "$work/$m/x.out" "$m: kexplore prints what conf prints"
	done
	for m in yes2modconfig mod2yesconfig mod2noconfig; do
		printf 'CONFIG_MODULES=y\nCONFIG_NEW_TRI=m\nCONFIG_NEW_TRI_CHILD=y\nCONFIG_SELECTED=m\n' \
			>"$work/tri.config"
		mkdir -p "$work/$m/k" "$work/$m/x"
		cp "$work/tri.config" "$work/$m/k/.config"
		cp "$work/tri.config" "$work/$m/x/.config"
		(cd "$work/$m/k" && srctree=$tree "$conf" -s "--$m" Kconfig >/dev/null 2>&1)
		(cd "$work/$m/x" && "$KEXPLORE" -q -C "$tree" --config .config "$m" >/dev/null 2>&1)
		same "$work/$m/k/.config" "$work/$m/x/.config" "$m: the same .config"
	done
	# randconfig: seeds, a probability, and a KCONFIG_ALLCONFIG file that fixes two answers
	# (conf keeps them; the random picks come after them).
	printf 'CONFIG_NEW_BOOL=y\nCONFIG_CH_B=y\n' >"$work/all.config"
	for spec in "0x1 - -" "12345 80 -" "7 10:60 -" "99 - all"; do
		read -r seed prob all <<<"$spec"
		d=$work/rand-$seed
		mkdir -p "$d/k" "$d/x"
		vars=("KCONFIG_SEED=$seed")
		[ "$prob" = - ] || vars+=("KCONFIG_PROBABILITY=$prob")
		[ "$all" = - ] || vars+=("KCONFIG_ALLCONFIG=$work/all.config")
		(cd "$d/k" && env "${vars[@]}" srctree="$tree" "$conf" -s --randconfig Kconfig >/dev/null 2>&1)
		env "${vars[@]}" "$KEXPLORE" -q -C "$tree" randconfig -o "$d/x/.config" >/dev/null 2>&1
		same "$d/k/.config" "$d/x/.config" "randconfig ${vars[*]}: conf's config"
	done
	# syncconfig: the files for the build, then a second run after one value changed, with the
	# stamps removed: conf touches include/config/NEW_TRI only (m -> y).
	run_pair sync /dev/null syncconfig syncconfig
	for d in k x; do "$here/../conformance/ref.sh" --manifest "$work/sync/$d" >"$work/sync/$d.man"; done
	same "$work/sync/k.man" "$work/sync/x.man" "syncconfig: .config, auto.conf, auto.conf.cmd, autoconf.h, rustc_cfg and stamps"
	for d in k x; do
		sed -i 's/^CONFIG_NEW_TRI=m/CONFIG_NEW_TRI=y/' "$work/sync/$d/.config"
		find "$work/sync/$d/include/config" -type f ! -name 'auto.conf*' -delete
	done
	(cd "$work/sync/k" && srctree=$tree "$conf" -s --syncconfig Kconfig </dev/null >/dev/null 2>&1)
	(cd "$work/sync/x" && "$KEXPLORE" -C "$tree" --config .config syncconfig </dev/null >/dev/null 2>&1)
	for d in k x; do "$here/../conformance/ref.sh" --manifest "$work/sync/$d" >"$work/sync/$d.man2"; done
	same "$work/sync/k.man2" "$work/sync/x.man2" "syncconfig again after NEW_TRI m -> y: the same files and stamps"
	# KCONFIG_NOSILENTUPDATE: a config that needs an update (new symbols) is an error for both,
	# nothing is written; the up-to-date one of the run above passes.
	for d in k x; do mkdir -p "$work/nosil/$d" && cp "$tree/old.config" "$work/nosil/$d/.config"; done
	(cd "$work/nosil/k" && KCONFIG_NOSILENTUPDATE=1 srctree=$tree "$conf" -s --syncconfig Kconfig \
		</dev/null >/dev/null 2>&1)
	kst=$?
	(cd "$work/nosil/x" && KCONFIG_NOSILENTUPDATE=1 "$KEXPLORE" -C "$tree" --config .config \
		syncconfig </dev/null >/dev/null 2>&1)
	xst=$?
	[ $kst -ne 0 ] && [ $xst -ne 0 ] && [ ! -e "$work/nosil/x/include" ] &&
		cmp -s "$tree/old.config" "$work/nosil/x/.config"
	ok $? "KCONFIG_NOSILENTUPDATE with new symbols: conf and kexplore fail (exit $kst, $xst), nothing written"
	(cd "$work/sync/x" && KCONFIG_NOSILENTUPDATE=1 "$KEXPLORE" -C "$tree" --config .config \
		syncconfig </dev/null >/dev/null 2>&1)
	ok $? "KCONFIG_NOSILENTUPDATE with an up-to-date config: kexplore passes"
fi

# '?' asks for help: kexplore prints its own (the help text, the symbol and its value) and asks
# the same question again; the answer after it counts.
printf '?\ny\n' >"$work/help-answers"
mkdir -p "$work/help"
cp "$tree/old.config" "$work/help/.config"
(cd "$work/help" && "$KEXPLORE" -C "$tree" --config .config oldconfig <"$work/help-answers" \
	>"$work/help.out" 2>/dev/null)
grep -q "Help of NEW_BOOL, printed by kexplore on '?'." "$work/help.out" &&
	grep -q "^Symbol: NEW_BOOL \[=n\]" "$work/help.out" &&
	[ "$(grep -c '^A new bool (NEW_BOOL) \[N/y/?\] (NEW)' "$work/help.out")" -eq 2 ]
ok $? "oldconfig: '?' prints kexplore's help of NEW_BOOL and asks again"
grep -qx "CONFIG_NEW_BOOL=y" "$work/help/.config"
ok $? "oldconfig: the answer after the help is taken (NEW_BOOL=y)"

# Bad input writes nothing and exits non-zero.
KCONFIG_SEED=1 KCONFIG_PROBABILITY=70:40 "$KEXPLORE" -C "$tree" randconfig -o "$work/bad.config" \
	>/dev/null 2>"$work/bad.err"
st=$?
[ $st -ne 0 ] && [ ! -e "$work/bad.config" ] && grep -q KCONFIG_PROBABILITY "$work/bad.err"
ok $? "randconfig: KCONFIG_PROBABILITY=70:40 (y + m over 100) fails, names the variable, writes nothing"
KCONFIG_SEED=1 KCONFIG_ALLCONFIG=$work/none.config "$KEXPLORE" -C "$tree" randconfig \
	-o "$work/bad.config" >/dev/null 2>"$work/bad.err"
st=$?
[ $st -ne 0 ] && [ ! -e "$work/bad.config" ]
ok $? "randconfig: a missing KCONFIG_ALLCONFIG file fails and writes nothing"
KCONFIG_SEED=0x10 "$KEXPLORE" -C "$tree" randconfig -o "$work/seed.config" >"$work/seed.out" 2>/dev/null
grep -qx "KCONFIG_SEED=0x10" "$work/seed.out"
ok $? "randconfig prints the seed as conf does (KCONFIG_SEED=0x10)"

tap_done
