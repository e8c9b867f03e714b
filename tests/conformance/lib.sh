# lib.sh - run conformance jobs (kexplore vs the kernel's conf); sourced by compare.sh, sweep.sh.
# shellcheck shell=bash
#
# A job is one line: TREE ARCH MODE [INPUT]
#   TREE    6.12, 6.1 (cached Debian trees) or a path
#   MODE    olddefconfig, savedefconfig, defconfig, alldefconfig, allnoconfig, allyesconfig,
#           allmodconfig, listnewconfig, helpnewconfig, yes2modconfig, mod2yesconfig,
#           mod2noconfig, oldconfig, syncconfig (an INPUT config, as olddefconfig), randconfig
#           (INPUT is SEED[/KCONFIG_PROBABILITY][+KCONFIG_ALLCONFIG file]); what is compared is
#           in ref.sh's usage
#   INPUT   olddefconfig/savedefconfig: a config file, or @BASEMODE[:BASEINPUT] for the
#           reference result of that job on the same tree and arch (so each kexplore step is
#           tested against the same input the reference got); defconfig: a file relative to
#           TREE or absolute; none for arch default
# Jobs whose INPUT does not start with @ run first, so the bases they provide are cached.

KX_CONF_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
# shellcheck source-path=SCRIPTDIR source=../lib/trees.sh
. "$KX_CONF_DIR/../lib/trees.sh"
# shellcheck source-path=SCRIPTDIR source=../lib/tap.sh
. "$KX_CONF_DIR/../lib/tap.sh"

# conf_job_name TREE ARCH MODE [INPUT] - short, readable test name.
conf_job_name() {
	local name="$1 $2 $3" in=${4:-}
	case $3:$in in
	randconfig:*+*) name="$name seed ${in%%+*} + $(basename "${in#*+}")" ;;
	randconfig:*) name="$name seed $in" ;;
	*:) ;;
	*:@*:*) name="$name <- ${in%%:*}:$(basename "${in#*:}")" ;;
	*:@*) name="$name <- $in" ;;
	*:arch/*) name="$name $in" ;;
	*) name="$name $(basename "$in")" ;;
	esac
	printf '%s\n' "$name"
}

# conf_kexplore ARGS... - run kexplore in the same clean environment the reference gets.
conf_kexplore() {
	env -u KCONFIG_CONFIG -u KCONFIG_ALLCONFIG -u KCONFIG_OVERWRITECONFIG \
		-u KCONFIG_NOSILENTUPDATE -u KCONFIG_SEED -u KCONFIG_PROBABILITY -u ARCH -u SRCARCH \
		-u SUBARCH -u KBUILD_DEFCONFIG -u srctree \
		timeout "${KX_CONF_TIMEOUT:-300}" "$KEXPLORE" "$@"
}

# conf_base TREE ARCH MODE[:INPUT] OUT - the reference result of a base job; INPUT may itself
# be @MODE[:INPUT].
conf_base() {
	local tree=$1 arch=$2 spec=$3 out=$4 mode input=''
	mode=${spec%%:*}
	[ "$mode" != "$spec" ] && input=${spec#*:}
	if [ "${input#@}" != "$input" ]; then
		conf_base "$tree" "$arch" "${input#@}" "$out.in"
		input=$out.in
	fi
	# shellcheck disable=SC2086 # input is one word or none
	"$KX_CONF_DIR/ref.sh" "$tree" "$arch" "$mode" $input "$out"
}

# conf_run_job WORKDIR TREE ARCH MODE [INPUT] - run one job; leaves WORKDIR/status, desc, diag
# (and todo): status is ok, not ok or todo; desc and diag are printed by conf_worker as TAP.
conf_run_job() {
	local work=$1 tree=$2 arch=$3 mode=$4 in=${5:-} name input treedir t0 t1 t2
	mkdir -p "$work"
	name=$(conf_job_name "$tree" "$arch" "$mode" "$in")
	treedir=$(kx_tree_resolve "$tree" 2>"$work/err") || { conf_fail "$work" "$name" "no tree"; return 0; }
	input=$in
	if [ "${in#@}" != "$in" ]; then
		conf_base "$treedir" "$arch" "${in#@}" "$work/base.config" >"$work/err" 2>&1 ||
			{ conf_fail "$work" "$name" "reference for base $in failed"; return 0; }
		input=$work/base.config
	fi
	t0=$(date +%s.%N)
	# shellcheck disable=SC2086 # input is one word or none
	"$KX_CONF_DIR/ref.sh" "$treedir" "$arch" "$mode" $input "$work/ref" >"$work/err" 2>&1 ||
		{ conf_fail "$work" "$name" "reference failed"; return 0; }
	# shellcheck disable=SC2206 # KX_CONF_FLAGS holds extra global options, split on spaces
	local -a extra=(${KX_CONF_FLAGS:-})
	t1=$(date +%s.%N)
	local rc=0
	conf_kx_mode "$work" "$treedir" "$arch" "$mode" "$input" "${extra[@]}" >"$work/err" 2>&1 || rc=$?
	if [ "$rc" -ne 0 ]; then
		conf_fail "$work" "$name" "kexplore ${extra[*]} -C $treedir --arch $arch $mode ($input) failed (exit $rc)"
		return 0
	fi
	t2=$(date +%s.%N)
	printf '%s %s\n' "$(echo "$t1 - $t0" | bc)" "$(echo "$t2 - $t1" | bc)" >"$work/times"
	local note=''
	if ! cmp -s "$work/ref" "$work/kx"; then
		note=$(conf_recheck_ref "$work" "$treedir" "$arch" "$mode" "$input") ||
			{ conf_fail "$work" "$name" "$note"; return 0; }
	fi
	if cmp -s "$work/ref" "$work/kx"; then
		printf 'ok' >"$work/status"
		printf '%s' "$name" >"$work/desc"
		printf '%s' "${note:+$note
}" >"$work/diag"
	else
		: >"$work/err"
		diff -u "$work/ref" "$work/kx" | head -40 >"$work/err" || true
		conf_fail "$work" "$name" "differs from the reference (--- reference, +++ kexplore)${note:+; $note}"
		conf_todo "$work" "$tree $mode"
	fi
}

# conf_kx_mode WORKDIR TREE ARCH MODE INPUT [GLOBAL-OPTION...] - kexplore's answer for a job,
# in WORKDIR/kx, in the form ref.sh gives the reference.
conf_kx_mode() {
	local work=$1 tree=$2 arch=$3 mode=$4 input=$5
	shift 5
	local -a kx=("$@" -C "$tree" --arch "$arch")
	case $mode in
	olddefconfig | savedefconfig | listnewconfig | helpnewconfig | yes2modconfig | \
		mod2yesconfig | mod2noconfig)
		conf_kexplore "${kx[@]}" --config "$input" "$mode" -o "$work/kx" ;;
	defconfig) conf_kexplore "${kx[@]}" defconfig ${input:+"$input"} -o "$work/kx" ;;
	randconfig)
		local rs=${input%%+*}
		local -a renv=("KCONFIG_SEED=${rs%%/*}")
		[ "${rs#*/}" != "$rs" ] && renv+=("KCONFIG_PROBABILITY=${rs#*/}")
		[ "${input#*+}" != "$input" ] && renv+=("KCONFIG_ALLCONFIG=${input#*+}")
		conf_kexplore_env "${renv[@]}" -- "${kx[@]}" randconfig -o "$work/kx" >/dev/null ;;
	oldconfig)
		# make -s runs conf -s: no "configuration written" message, as kexplore -q
		rm -rf "$work/oc" && mkdir -p "$work/oc" && cp "$input" "$work/oc/.config"
		(cd "$work/oc" && conf_kexplore -q "${kx[@]}" --config .config oldconfig </dev/null \
			>"$work/kx.out") &&
			{ cat "$work/kx.out"; echo "=== .config"; cat "$work/oc/.config"; } >"$work/kx" ;;
	syncconfig)
		rm -rf "$work/obj" && mkdir -p "$work/obj" && cp "$input" "$work/obj/.config"
		(cd "$work/obj" && conf_kexplore "${kx[@]}" --config .config syncconfig </dev/null >/dev/null) &&
			"$KX_CONF_DIR/ref.sh" --manifest "$work/obj" >"$work/kx" ;;
	*) conf_kexplore "${kx[@]}" "$mode" -o "$work/kx" ;;
	esac
}

# conf_kexplore_env NAME=VALUE... -- ARGS... - conf_kexplore with some of the variables it clears set.
conf_kexplore_env() {
	local -a vars=()
	while [ "$1" != -- ]; do vars+=("$1"); shift; done
	shift
	env -u KCONFIG_CONFIG -u KCONFIG_ALLCONFIG -u KCONFIG_OVERWRITECONFIG \
		-u KCONFIG_NOSILENTUPDATE -u KCONFIG_SEED -u KCONFIG_PROBABILITY -u ARCH -u SRCARCH \
		-u SUBARCH -u KBUILD_DEFCONFIG -u srctree "${vars[@]}" \
		timeout "${KX_CONF_TIMEOUT:-300}" "$KEXPLORE" "$@"
}

# conf_recheck_ref WORKDIR TREE ARCH MODE INPUT - before blaming kexplore, make the reference
# again. Under heavy load (other jobs starving the machine) conf's $(cc-option,...) probes have
# been seen to fail now and then, and such a reference would stay cached. If a fresh reference
# differs from the cached one, a third decides; the cache ends up holding the majority, which
# replaces WORKDIR/ref. Prints a note when the reference changed; fails if all three differ.
conf_recheck_ref() {
	local work=$1 tree=$2 arch=$3 mode=$4 input=$5
	# shellcheck disable=SC2086 # input is one word or none
	KX_REF_NOCACHE=1 "$KX_CONF_DIR/ref.sh" "$tree" "$arch" "$mode" $input "$work/ref2" \
		>"$work/err" 2>&1 || { echo "making the reference again failed"; return 1; }
	cmp -s "$work/ref" "$work/ref2" && return 0
	# shellcheck disable=SC2086 # input is one word or none
	KX_REF_NOCACHE=1 "$KX_CONF_DIR/ref.sh" "$tree" "$arch" "$mode" $input "$work/ref3" \
		>"$work/err" 2>&1 || { echo "making the reference a third time failed"; return 1; }
	if cmp -s "$work/ref2" "$work/ref3"; then
		mv "$work/ref3" "$work/ref"
		echo "the cached reference was wrong (two fresh ones agree): replaced"
	elif cmp -s "$work/ref" "$work/ref3"; then
		echo "a fresh reference differed from the cached one, a third agreed with the cache"
	else
		echo "three runs of the reference gave three results: is the machine overloaded?"
		return 1
	fi
}

# conf_fail WORKDIR NAME WHY - record a failure, with WHY and WORKDIR/err as TAP comments.
conf_fail() {
	local work=$1 name=$2 why=$3
	printf 'not ok' >"$work/status"
	printf '%s' "$name" >"$work/desc"
	{
		printf '%s\n' "$why"
		head -40 "$work/err"
	} >"$work/diag"
}

# conf_todo WORKDIR "TREE MODE" - a difference known and documented (KX_CONF_TODO,
# "TREE MODE=reason;..."): the test stays "not ok" with a TAP TODO directive, so it shows without
# failing the suite.
conf_todo() {
	local work=$1 key=$2 entry
	local IFS=';'
	for entry in ${KX_CONF_TODO:-}; do
		[ "${entry%%=*}" = "$key" ] || continue
		printf '%s' "${entry#*=}" >"$work/todo"
		printf 'todo' >"$work/status"
	done
}

# conf_worker N TREE ARCH MODE [INPUT] - xargs entry point: run job N, print its TAP block
# (numbered through the shared counter, under the lock that keeps blocks whole).
conf_worker() {
	local n=$1 w=$KX_CONF_WORK/$1
	shift
	conf_run_job "$w" "$@"
	{
		flock 8
		tap_shared "$KX_CONF_WORK/.tapcount"
		case $(cat "$w/status") in
		ok) ok "$(cat "$w/desc")" ;;
		todo) todo "$(cat "$w/desc")" "$(cat "$w/todo")" ;;
		*) nok "$(cat "$w/desc")" ;;
		esac
		tap_diag_file "$w/diag"
	} 8>"$KX_CONF_WORK/.outlock"
}

# conf_run_jobs FILE - run the jobs listed in FILE, KX_CONF_PARALLEL (default 2) at a time;
# print TAP to stdout. Returns 0; callers read the results from $KX_CONF_WORK/*/status.
conf_run_jobs() {
	local file=$1 n
	n=$(grep -c . "$file" || true)
	tap_plan "$n"
	[ "$n" -gt 0 ] || return 0
	echo 0 >"$KX_CONF_WORK/.tapcount"
	export KX_CONF_WORK KEXPLORE KX_CONF_FLAGS KX_CONF_TIMEOUT KX_CONF_TODO
	kx_toolchain_fp >/dev/null
	# Number the jobs, then run those without @ inputs first.
	local phase
	# shellcheck disable=SC2016 # $0 and $@ are expanded by the inner bash
	for phase in first second; do
		awk -v phase="$phase" 'NF {
			at = ($4 ~ /^@/)
			if ((phase == "first" && !at) || (phase == "second" && at)) print NR, $0
		}' "$file" |
			xargs -r -P "${KX_CONF_PARALLEL:-2}" -L 1 bash -c \
				'. "$0/lib.sh"; conf_worker "$@"' "$KX_CONF_DIR"
	done
}

# conf_count STATUS - how many jobs in $KX_CONF_WORK ended with STATUS (ok or not ok).
conf_count() {
	local f c=0
	for f in "$KX_CONF_WORK"/*/status; do
		[ -e "$f" ] && [ "$(cat "$f")" = "$1" ] && c=$((c + 1))
	done
	echo "$c"
}

# conf_prereqs - bail out (TAP) unless kexplore and the reference tools are usable.
conf_prereqs() {
	KEXPLORE=${KEXPLORE:-./kexplore}
	case $KEXPLORE in */*) ;; *) KEXPLORE=./$KEXPLORE ;; esac
	if [ ! -x "$KEXPLORE" ]; then
		tap_bail "kexplore binary not found at $KEXPLORE (set KEXPLORE)"
	fi
	KEXPLORE=$(cd "$(dirname "$KEXPLORE")" && pwd)/$(basename "$KEXPLORE")
	local t
	for t in make gcc flex bison bc xz timeout flock; do
		tap_require "$t" ||
			tap_bail "$t not installed (run tests/lib/trees.sh apt flex bison bc gcc make xz-utils)"
	done
}
