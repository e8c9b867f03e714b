#!/usr/bin/env bash
# real.sh - issue 15's proof for `kexplore upgrade`: Debian's 6.1 configs taken to the 6.12 tree.
#   1. The new symbols it lists are, line for line and in the same order, what the kernel's own
#      `make listnewconfig` prints on the 6.12 tree with that config as .config.
#   2. Every value it reports for the new tree (new, changed, lost, the new name of a renamed
#      symbol) is the value in the .config that the kernel's `make olddefconfig` writes on 6.12;
#      a value reported as "no line" has no line there; a gone symbol has no line there.
#   3. Every value it reports for the old tree is the one `make olddefconfig` writes on 6.1.
#   4. Linux 7.3 keeps RANDOM_KMALLOC_CACHES only for reading ('bool' + 'transitional', no
#      prompt) and KMALLOC_PARTITION_CACHES has 'default RANDOM_KMALLOC_CACHES' (mm/Kconfig):
#      Debian's 6.12 amd64 config with RANDOM_KMALLOC_CACHES=y taken to 7.3 reports it renamed
#      (transitional) to KMALLOC_PARTITION_CACHES. Skipped while kexplore cannot load 7.3.
# Configs: Debian's six 6.1 configs (KX_CONF_JOBS=quick: amd64 only). A missing tree, conf build or tool
# is a bail-out; a missing python3 skips the checks, with the reason.
set -uo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
# shellcheck source-path=SCRIPTDIR source=../lib/tap.sh
. "$here/../lib/tap.sh"
# shellcheck source-path=SCRIPTDIR source=../lib/trees.sh
. "$here/../lib/trees.sh"

KEXPLORE=${KEXPLORE:-./kexplore}
REF=$here/../conformance/ref.sh
work=$(mktemp -d "${TMPDIR:-/tmp}/kx-upgrade.XXXXXX")
trap 'rm -rf "$work"' EXIT

jobs=("amd64_none_amd64 x86_64" "amd64_none_cloud-amd64 x86_64" "amd64_rt_amd64 x86_64"
	"arm64_none_arm64 arm64" "arm64_none_cloud-arm64 arm64" "arm64_rt_arm64 arm64")
[ "${KX_CONF_JOBS:-}" = quick ] && jobs=("amd64_none_amd64 x86_64")
tap_plan $((${#jobs[@]} * 3 + 1))


# Without the trees, conf or configs nothing here means anything: bail out (a failure). Only
# python3, which reads the JSON, is an optional tool: its checks are skipped.
bail() {
	tap_bail "$*"
}
[ -x "$KEXPLORE" ] || bail "no kexplore binary at $KEXPLORE"
old=$(kx_tree_ensure 6.1 2>/dev/null) || bail "no 6.1 tree (tests/lib/trees.sh ensure 6.1)"
new=$(kx_tree_ensure 6.12 2>/dev/null) || bail "no 6.12 tree (tests/lib/trees.sh ensure 6.12)"
confdir=$(kx_conf_ensure 6.12 2>/dev/null) || bail "cannot build the 6.12 conf (tests/lib/trees.sh conf 6.12)"
kx_configs_ensure >/dev/null 2>&1 || bail "no Debian configs (tests/lib/trees.sh configs)"
why_missing=''
command -v python3 >/dev/null || why_missing="python3 not installed (apt-get install python3)"

# listnewconfig CONFIG ARCH OUT - the kernel's make listnewconfig on 6.12, as ref.sh invokes make.
listnewconfig() {
	local s
	s=$(mktemp -d "$work/lnc.XXXXXX")
	cp -a "$confdir/scripts" "$s/"
	cp "$1" "$s/.config"
	env -u KCONFIG_CONFIG -u KCONFIG_ALLCONFIG -u ARCH -u SRCARCH -u CROSS_COMPILE -u LLVM \
		-u CC -u LD -u O -u srctree -u objtree -u MAKEFLAGS -u MAKELEVEL -u MFLAGS \
		nice make -s -C "$new" O="$s" ARCH="$2" listnewconfig </dev/null >"$3" 2>"$s/err"
}

# values.py JSON REF WHICH - compare the report's values with a .config made by conf.
cat >"$work/values.py" <<'PY'
import json, re, sys
report, ref, which = json.load(open(sys.argv[1])), {}, sys.argv[3]
for line in open(sys.argv[2]):
    m = re.match(r'^CONFIG_(\w+)=(.*)$', line.rstrip('\n'))
    if m:
        v = m.group(2)
        ref[m.group(1)] = v[1:-1].replace('\\"', '"').replace('\\\\', '\\') if v.startswith('"') else v
    m = re.match(r'^# CONFIG_(\w+) is not set$', line)
    if m:
        ref[m.group(1)] = 'n'
bad = checked = 0
for it in report['items']:
    if which == 'new':
        if it['kind'] == 'gone':
            pairs = [(it['name'], None)]
        elif it['kind'] == 'renamed':
            pairs = [(it['new_name'], it['new_value']), (it['name'], None)]
        else:
            pairs = [(it['name'], it['new_value'])]
    else:
        if it['kind'] == 'new' and it['old_value'] is None:
            continue
        pairs = [(it['name'], it['old_value'])]
    for name, want in pairs:
        got = ref.get(name)
        checked += 1
        if got != want:
            bad += 1
            if bad <= 10:
                print('# %s %s: kexplore says %r, conf wrote %r' % (it['kind'], name, want, got))
print('# %d values compared, %d differ' % (checked, bad))
sys.exit(1 if bad or not checked else 0)
PY

for job in "${jobs[@]}"; do
	read -r cfgname arch <<<"$job"
	if [ -n "$why_missing" ]; then
		skip "$cfgname: $why_missing"; skip "$cfgname: $why_missing"; skip "$cfgname: $why_missing"
		continue
	fi
	cfg=$KX_CACHE/configs/6.1/config.$cfgname
	json=$work/$cfgname.json
	if ! env -u KCONFIG_CONFIG -u ARCH "$KEXPLORE" -q -C "$old" --arch "$arch" upgrade \
		--to "$new" --config "$cfg" --json >"$json" 2>"$work/err"; then
		sed 's/^/# /' "$work/err"
		nok "$cfgname: kexplore upgrade failed"; nok "$cfgname: no report"; nok "$cfgname: no report"
		continue
	fi
	python3 -c '
import json, sys
for it in json.load(open(sys.argv[1]))["items"]:
    if it["kind"] == "new":
        v = it["new_value"]
        print("CONFIG_%s=%s" % (it["name"], "\"%s\"" % v.replace("\\", "\\\\").replace("\"", "\\\"") if it["type"] == "string" else v))
' "$json" >"$work/ours.lnc"
	if listnewconfig "$cfg" "$arch" "$work/conf.lnc"; then
		if cmp -s "$work/conf.lnc" "$work/ours.lnc"; then
			ok "$cfgname 6.1 -> 6.12: new symbols = make listnewconfig ($(wc -l <"$work/conf.lnc") lines)"
		else
			diff -u "$work/conf.lnc" "$work/ours.lnc" | head -20 | sed 's/^/# /'
			nok "$cfgname 6.1 -> 6.12: new symbols differ from make listnewconfig"
		fi
	else
		nok "$cfgname: make listnewconfig failed"
	fi
	if nice "$REF" "$new" "$arch" olddefconfig "$cfg" "$work/new.config" 2>"$work/err" &&
		python3 "$work/values.py" "$json" "$work/new.config" new; then
		ok "$cfgname: every value reported for 6.12 is make olddefconfig's on 6.12"
	else
		nok "$cfgname: values reported for 6.12 differ from make olddefconfig's"
	fi
	if nice "$REF" "$old" "$arch" olddefconfig "$cfg" "$work/old.config" 2>"$work/err" &&
		python3 "$work/values.py" "$json" "$work/old.config" old; then
		ok "$cfgname: every value reported for 6.1 is make olddefconfig's on 6.1"
	else
		nok "$cfgname: values reported for 6.1 differ from make olddefconfig's"
	fi
done

# 4. A real transitional rename, 6.12 -> 7.3.
# The 7.3 tree is used when it is already in the cache (Debian bookworm has no package of it).
t73=$(kx_tree_dir 7.3)
if [ -f "$t73/Kconfig" ] && t612=$(kx_tree_ensure 6.12 2>/dev/null); then
	sed 's/^# CONFIG_RANDOM_KMALLOC_CACHES is not set$/CONFIG_RANDOM_KMALLOC_CACHES=y/' \
		"$KX_CACHE/configs/6.12/config.amd64_none_amd64" >"$work/rkc.config"
	if ! env -u KCONFIG_CONFIG "$KEXPLORE" -q -C "$t73" --arch x86_64 info >/dev/null 2>"$work/err"; then
		skip "kexplore cannot load the 7.3 tree yet ($(head -1 "$work/err"))"
	elif env -u KCONFIG_CONFIG -u ARCH "$KEXPLORE" -q -C "$t612" --arch x86_64 upgrade --to "$t73" \
		--config "$work/rkc.config" >"$work/73.txt" 2>"$work/err" &&
		grep -q '^  CONFIG_RANDOM_KMALLOC_CACHES=y  ->  CONFIG_KMALLOC_PARTITION_CACHES=.*(transitional)$' \
			"$work/73.txt"; then
		ok "6.12 -> 7.3: RANDOM_KMALLOC_CACHES renamed (transitional) to KMALLOC_PARTITION_CACHES"
	else
		grep -i kmalloc "$work/73.txt" "$work/err" | sed 's/^/# /'
		nok "6.12 -> 7.3: the transitional rename of RANDOM_KMALLOC_CACHES is not reported"
	fi
else
	skip "no 7.3 tree in $KX_CACHE/trees"
fi
