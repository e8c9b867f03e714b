#!/usr/bin/env bash
# mock-kexplore.sh - a stand-in for kexplore's config commands that asks ref.sh instead, to test
# the conformance harness itself: KEXPLORE=tests/conformance/mock-kexplore.sh compare.sh must
# report every job identical.
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
tree=. arch=${ARCH:-$(uname -m)} config=${KCONFIG_CONFIG:-} out='' cmd='' arg=''
while [ $# -gt 0 ]; do
	case $1 in
	-C) tree=$2; shift 2 ;;
	--arch) arch=$2; shift 2 ;;
	--config) config=$2; shift 2 ;;
	--no-shell | --no-cache | -v | --verbose) shift ;;
	-o) out=$2; shift 2 ;;
	-*) echo "mock-kexplore: unknown option $1" >&2; exit 2 ;;
	*) if [ -z "$cmd" ]; then cmd=$1; else arg=$1; fi; shift ;;
	esac
done
[ -n "$cmd" ] || { echo "mock-kexplore: no command" >&2; exit 2; }
[ -n "$config" ] || config=$tree/.config
case $cmd in
olddefconfig | savedefconfig) exec "$here/ref.sh" "$tree" "$arch" "$cmd" "$config" "${out:--}" ;;
defconfig) exec "$here/ref.sh" "$tree" "$arch" defconfig ${arg:+"$arg"} "${out:--}" ;;
all*config) exec "$here/ref.sh" "$tree" "$arch" "$cmd" "${out:--}" ;;
*) echo "mock-kexplore: $cmd not mocked" >&2; exit 2 ;;
esac
