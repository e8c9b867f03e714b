#!/usr/bin/env bash
# autogen.sh - generate ./configure and Makefile.in from a git checkout.
set -euo pipefail
cd "$(dirname "$0")"
for t in autoreconf aclocal automake pkg-config; do
	command -v "$t" >/dev/null 2>&1 || {
		echo "autogen.sh: $t missing: apt-get install autoconf automake pkg-config" >&2
		exit 1
	}
done
exec autoreconf -fi
