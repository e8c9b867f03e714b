#!/usr/bin/env bash
# seed.sh - (re)make the seed corpora in tests/fuzz/corpus/ from the Debian Linux 6.12
# tree and configs: a fixed sample, small enough to commit (about 300 KB in all).
#
# usage: tests/fuzz/seed.sh [TREE]     TREE defaults to tests/lib/trees.sh's 6.12 tree
# The hand-written seeds (names starting with "hand-") are kept.
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
tree=${1:-$("$here/../lib/trees.sh" ensure 6.12)}
configs=/usr/src/linux-config-6.12
corpus=$here/corpus

# every Nth of the files matching, smallest first, at most MAX bytes each
sample() {
	local every=$1 max=$2
	shift 2
	(cd "$tree" && find . "$@" -size -"$max"c -printf '%s %P\n' | sort -n -k1,1 -k2 |
		awk -v e="$every" 'NR % e == 0 { print $2 }')
}

# name a seed after its path: drivers/net/Kconfig -> drivers_net_Kconfig
flat() {
	tr '/' '_' <<<"$1"
}

for t in kconfig config modmap profile; do
	mkdir -p "$corpus/$t"
	find "$corpus/$t" -type f ! -name 'hand-*' -delete
done

# Kconfig files: one in 20 of those under 4 KiB (lexer, parser, expressions, help text)
sample 20 4096 -name 'Kconfig*' -type f | while read -r f; do
	cp "$tree/$f" "$corpus/kconfig/$(flat "$f")"
done

# Makefiles and Kbuild files, each as the top Kbuild of a one-file tree
sample 40 2048 \( -name Makefile -o -name Kbuild \) -type f | while read -r f; do
	cp "$tree/$f" "$corpus/modmap/$(flat "$f")"
done

# Debian's configs in chunks of 60 lines; every 12th chunk of each flavour
for x in "$configs"/config.*.xz; do
	name=$(basename "$x" .xz)
	xz -dc "$x" | split -l 60 -d -a 3 - "$corpus/config/tmp-"
	n=0
	for c in "$corpus/config/"tmp-*; do
		[ $((n % 12)) -eq 0 ] && mv "$c" "$corpus/config/$name-${c##*-}"
		n=$((n + 1))
	done
	rm -f "$corpus/config/"tmp-*
done

# the shipped profiles
cp "$here/../../profiles/"*.profile "$corpus/profile/" 2>/dev/null || true

du -sh "$corpus"/*
