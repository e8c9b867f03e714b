#!/usr/bin/env bash
# quickstart.sh - install what is missing, build kexplore, and open a kernel tree in it.
#
# usage: ./quickstart.sh [TREE|VERSION]
# Without TREE, Debian's linux-source-6.12 is installed (if needed) and unpacked into the cache
# (~/.cache/kexplore/trees/linux-source-6.12) by tests/lib/trees.sh, and opened. A VERSION
# (5.10, 6.1, 6.12, 7.3) opens Debian's tree of that version, fetched the same way (5.10 and 7.3
# are downloaded with a private apt setup under the cache, not installed).
# Installing packages needs root (or sudo).
set -euo pipefail

src=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
cd "$src"
# shellcheck source-path=SCRIPTDIR source=tests/lib/trees.sh
. tests/lib/trees.sh

kx_apt_install gcc make autoconf automake pkg-config libncurses-dev libpcre2-dev libkmod-dev \
	zlib1g-dev liblzma-dev libzstd-dev xz-utils zstd
[ -x configure ] || ./autogen.sh
[ -e Makefile ] || ./configure
make -j"$(nproc 2>/dev/null || echo 2)"

if [ $# -ge 1 ]; then
	tree=$(kx_tree_resolve "$1")
else
	tree=$(kx_tree_ensure 6.12)
fi
exec ./kexplore -C "$tree"
