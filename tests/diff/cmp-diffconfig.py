#!/usr/bin/env python3
# cmp-diffconfig.py - compare `kexplore diff A B --csv` with the kernel's scripts/diffconfig.
#
# usage: cmp-diffconfig.py DIFFCONFIG_OUTPUT KEXPLORE_CSV
# Both are reduced to a set of (symbol, value in A, value in B), None where the file has no
# line; diffconfig's "-X v" is (X, v, None), "+X v" is (X, None, v), " X a -> b" is (X, a, b).
# Prints the symmetric difference (at most 20 lines each way) and exits 1 when it is not empty.
import csv
import sys


def from_diffconfig(path):
    out = set()
    with open(path) as f:
        for line in f:
            line = line.rstrip("\n")
            if line.startswith("-") or line.startswith("+"):
                name, _, val = line[1:].partition(" ")
                out.add((name, val, None) if line[0] == "-" else (name, None, val))
            elif line.startswith(" "):
                name, _, rest = line[1:].partition(" ")
                a, _, b = rest.partition(" -> ")
                out.add((name, a, b))
            elif line:
                sys.exit("cmp-diffconfig: unexpected diffconfig line: " + line)
    return out


def from_csv(path):
    out = set()
    with open(path, newline="") as f:
        for row in csv.DictReader(f):
            a = row["value1"] if row["how1"] != "absent" else None
            b = row["value2"] if row["how2"] != "absent" else None
            out.add((row["symbol"], a, b))
    return out


def main():
    ref, got = from_diffconfig(sys.argv[1]), from_csv(sys.argv[2])
    print("# diffconfig: %d differences, kexplore: %d" % (len(ref), len(got)))
    missing, extra = sorted(ref - got, key=str), sorted(got - ref, key=str)
    for t in missing[:20]:
        print("# only in diffconfig: %s %s -> %s" % t)
    for t in extra[:20]:
        print("# only in kexplore:   %s %s -> %s" % t)
    sys.exit(1 if missing or extra else 0)


if __name__ == "__main__":
    main()
