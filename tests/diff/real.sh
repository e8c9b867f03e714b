#!/usr/bin/env bash
# real.sh - `kexplore diff` on Linux 6.12 (ARCH=x86_64) with Debian's configs, against the kernel's
# own tools. Prints TAP.
#
#   deb    Debian's amd64 config, read as shipped (.xz)
#   cloud  Debian's cloud-amd64 config (.xz)
#   def    the x86_64 defconfig result (make defconfig, by the kernel's conf)
# References: each file run through the kernel's `make olddefconfig` (tests/conformance/ref.sh),
# then the kernel's scripts/diffconfig on two of them. kexplore must report the same differing
# symbols with the same values (absent where the file has no line). Then --choices-only: every
# derived difference names at least one root, every root it names is listed as a choice, and the
# choices plus the derived rows are all the differences. A few derived rows are checked by what
# the Kconfig files say (SND depends on SOUND, which cloud turns off).
set -u

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
KEXPLORE=${KEXPLORE:-$here/../../kexplore}
# shellcheck source-path=SCRIPTDIR source=../lib/trees.sh
. "$here/../lib/trees.sh"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

debdir=/usr/src/linux-config-6.12
if [ ! -e "$debdir/config.amd64_none_amd64.xz" ]; then
	kx_apt_install linux-config-6.12 >/dev/null 2>&1 || true
fi
for f in config.amd64_none_amd64.xz config.amd64_none_cloud-amd64.xz; do
	[ -e "$debdir/$f" ] || tap_bail "$debdir/$f is missing (linux-config-6.12)"
done
tree=$(kx_tree_ensure 6.12 2>"$work/log") || tap_bail "no 6.12 tree: $(tail -1 "$work/log")"

deb=$debdir/config.amd64_none_amd64.xz
cloud=$debdir/config.amd64_none_cloud-amd64.xz
if ! xz -dc "$deb" >"$work/deb.in" || ! xz -dc "$cloud" >"$work/cloud.in"; then
	tap_bail "cannot decompress the Debian configs"
fi
ref() { # ref NAME MODE [INPUT]
	"$here/../conformance/ref.sh" "$tree" x86_64 "$2" ${3:+"$3"} "$work/$1.ref" 2>"$work/ref.log" ||
		tap_bail "ref.sh $2 failed: $(tail -3 "$work/ref.log")"
}
ref deb olddefconfig "$work/deb.in"
ref cloud olddefconfig "$work/cloud.in"
ref def defconfig
ref defold olddefconfig "$work/def.ref" # olddefconfig of a defconfig result changes nothing
cmp -s "$work/def.ref" "$work/defold.ref" || tap_bail "defconfig result is not stable"

kx() {
	env -u KCONFIG_CONFIG -u ARCH -u srctree timeout 300 "$KEXPLORE" -q -C "$tree" --arch x86_64 "$@"
}

# shellcheck source-path=SCRIPTDIR source=../lib/tap.sh
. "$here/../lib/tap.sh"

# against_diffconfig A-REF B-REF DESCRIPTION KEXPLORE-CONFIGS...
against_diffconfig() {
	local a=$1 b=$2 desc=$3 rc=0
	shift 3
	# the reference, the kernel's scripts/diffconfig, is python
	tap_require python3 || { skip "$desc" "python3 not installed (diffconfig needs it)"; return; }
	python3 "$tree/scripts/diffconfig" "$a" "$b" >"$work/dc.txt"
	kx diff "$@" --csv >"$work/k.csv" 2>"$work/err" || rc=$?
	if [ "$rc" -ne 0 ]; then
		ok 1 "$desc"
		sed 's/^/# /' "$work/err" | head -5
		return
	fi
	python3 "$here/cmp-diffconfig.py" "$work/dc.txt" "$work/k.csv" >"$work/cmp.txt"
	rc=$?
	ok "$rc" "$desc"
	cat "$work/cmp.txt"
}

# roots_check DESCRIPTION KEXPLORE-CONFIGS... - --choices-only hides only what a listed root explains.
roots_check() {
	local desc=$1 rc=0
	shift
	tap_require python3 || { skip "$desc" "python3 not installed (reads the JSON)"; return; }
	kx diff "$@" --json >"$work/all.json" && kx diff "$@" --json --choices-only >"$work/roots.json" ||
		rc=$?
	[ "$rc" -eq 0 ] && python3 - "$work/all.json" "$work/roots.json" <<'EOF'
import json, sys
rows = json.load(open(sys.argv[1]))["differences"]
shown = {r["symbol"] for r in json.load(open(sys.argv[2]))["differences"]}
roots = {r["symbol"] for r in rows if r["kind"] == "choice"}
derived = [r for r in rows if r["kind"] == "derived"]
bad = [r["symbol"] for r in derived if not r["follows_from"] or not set(r["follows_from"]) <= shown]
print("# %d differences: %d choices, %d derived" % (len(rows), len(roots), len(derived)))
assert shown == roots, "--choices-only lists other rows than the choices"
assert len(roots) + len(derived) == len(rows)
assert not bad, "derived rows without a listed root: %s" % bad[:10]
EOF
	rc=$?
	ok "$rc" "$desc"
}

tap_plan 7
against_diffconfig "$work/deb.ref" "$work/def.ref" \
	"Debian amd64 (.xz) vs the x86_64 defconfig result: same differences as diffconfig" "$deb" "$work/def.ref"
against_diffconfig "$work/deb.ref" "$work/cloud.ref" \
	"Debian amd64 vs cloud-amd64 (.xz): same differences as diffconfig" "$deb" "$cloud"

# Three columns at once: each column is exactly its olddefconfig result (no state leaks between
# the configs read into the one tree), checked on every symbol any of them writes.
kx diff "$deb" "$work/def.ref" "$cloud" --csv >"$work/3.csv" &&
	kx diff "$deb" "$work/def.ref" "$cloud" --csv --common >>"$work/3.csv"
python3 - "$work/3.csv" "$work/deb.ref" "$work/def.ref" "$work/cloud.ref" <<'EOF'
import csv, sys
def conf(path):
    d = {}
    for line in open(path):
        line = line.rstrip("\n")
        if line.startswith("CONFIG_"):
            k, v = line[7:].split("=", 1)
            d[k] = v
        elif line.endswith(" is not set"):
            d[line[9:-11]] = "n"
    return d
refs = [conf(p) for p in sys.argv[2:]]
got = [{}, {}, {}]
for row in csv.DictReader(open(sys.argv[1], newline="")):
    if row["symbol"] == "symbol":
        continue
    for i in range(3):
        if row["how%d" % (i + 1)] != "absent":
            got[i][row["symbol"]] = row["value%d" % (i + 1)]
for i in range(3):
    if got[i] != refs[i]:
        diff = sorted(set(got[i].items()) ^ set(refs[i].items()))
        print("# column %d differs from its olddefconfig: %s" % (i + 1, diff[:10]))
        sys.exit(1)
print("# %d, %d, %d symbols" % tuple(len(g) for g in got))
EOF
ok $? "three configs in one diff: every column equals its olddefconfig result"

roots_check "--choices-only, Debian vs defconfig: every hidden row is explained by a listed choice" \
	"$deb" "$work/def.ref"
roots_check "--choices-only, Debian vs cloud: every hidden row is explained by a listed choice" \
	"$deb" "$cloud"

# SND (menuconfig "Advanced Linux Sound Architecture") sits in `if SOUND`, below menuconfig SOUND
# ("Sound card support"): m in Debian, absent in cloud, which sets SOUND=n; SOUND is set in both
# files, so it is a choice and SND follows from it.
kx diff "$deb" "$cloud" --csv --grep '^(SOUND|SND)$' >"$work/snd.csv"
grep -q '^Device Drivers,SOUND,tristate,choice,m,explicit,n,explicit,$' "$work/snd.csv" &&
	grep -q '^Device Drivers > Sound card support,SND,tristate,derived,m,explicit,,absent,SOUND$' \
		"$work/snd.csv"
ok $? "SND follows from SOUND (cloud: SOUND=n)"
sed 's/^/# /' "$work/snd.csv"

# Debian's published configs lack the signing-key settings they strip at build time; the
# tree has them, so they are new, with their defaults (MODULE_SIG_KEY "certs/signing_key.pem").
kx diff "$deb" "$cloud" --csv --common --grep '^MODULE_SIG_KEY$' >"$work/new.csv"
grep -q ',MODULE_SIG_KEY,string,same,"""certs/signing_key.pem""",default+new,' "$work/new.csv"
ok $? "a symbol the config lacks is new, with the value it gets"

tap_done
