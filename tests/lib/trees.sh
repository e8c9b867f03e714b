#!/usr/bin/env bash
# trees.sh - kernel trees, reference conf builds and Debian configs for tests and benchmarks.
#
# Run it:    tests/lib/trees.sh ensure 6.12        -> prints the unpacked tree's path
#            tests/lib/trees.sh conf 6.12|TREE [ARCH] -> prints the O= dir holding scripts/kconfig/conf
#            tests/lib/trees.sh configs            -> prints the Debian config files, one per line
#            tests/lib/trees.sh cache              -> prints the cache root
#            tests/lib/trees.sh apt PKG...         -> installs the missing Debian packages
# Source it: . tests/lib/trees.sh; then call kx_tree_ensure, kx_conf_ensure, ... directly.
#
# Everything lives under $KX_CACHE =
#   ${KX_TEST_CACHE:-${KEXPLORE_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/kexplore}}:
#   trees/linux-source-6.12/        unpacked /usr/src/linux-source-6.12.tar.xz
#   trees/linux-source-6.12.stamp   Debian version it was unpacked from
#   trees/conf-6.12/                O= build dir holding the kernel's scripts/kconfig/conf
#   configs/6.12/config.amd64_none_amd64 ...   Debian's configs, decompressed
#   apt/                            a private apt setup (sources.list, lists, cache) for the
#                                   trees not in bookworm: 5.10 (bullseye), 7.3 (trixie-backports)
#   debs/                           the .debs fetched through it (never installed)
# 6.1 and 6.12 are installed from the system's own apt (bookworm); 5.10 and 7.3 are only
# downloaded through the private setup, so the system's apt configuration is left alone.
# Every step is idempotent, takes a lock (flock) so parallel callers are safe, and builds into a
# temporary name that is renamed into place only when complete, so an interrupted run is redone
# rather than reused.

# KX_TEST_CACHE names it for the test suite (make check sets it, and KEXPLORE_CACHE to a fresh
# folder per run for the program under test); KEXPLORE_CACHE still works for direct callers.
KX_CACHE=${KX_TEST_CACHE:-${KEXPLORE_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/kexplore}}
KX_APT_UPDATED=${KX_APT_UPDATED:-}

kx_log() {
	printf 'trees.sh: %s\n' "$*" >&2
}

kx_die() {
	kx_log "error: $*"
	exit 1
}

# kx_sudo CMD... - run CMD as root (directly when we are root).
kx_sudo() {
	if [ "$(id -u)" -eq 0 ]; then
		"$@"
	elif command -v sudo >/dev/null 2>&1; then
		sudo "$@"
	else
		kx_die "need root to run: $*"
	fi
}

kx_apt_update() {
	if [ -z "$KX_APT_UPDATED" ]; then
		kx_log "apt-get update"
		kx_sudo env DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=600 \
			update -qq >&2
		KX_APT_UPDATED=1
		export KX_APT_UPDATED
	fi
}

# kx_pkg_installed PKG - true if the Debian package is installed.
kx_pkg_installed() {
	dpkg-query -W -f='${Status}' "$1" 2>/dev/null | grep -q 'ok installed'
}

# kx_apt_install PKG... - install those of PKG... that are missing (apt-get update first).
kx_apt_install() {
	local missing=() p
	for p in "$@"; do
		kx_pkg_installed "$p" || missing+=("$p")
	done
	[ "${#missing[@]}" -eq 0 ] && return 0
	kx_apt_update
	kx_log "apt-get install ${missing[*]}"
	kx_sudo env DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=600 \
		install -y -qq --no-install-recommends "${missing[@]}" >&2
}

# Versions shipped by the machine's own suite (bookworm): installed with apt-get install.
KX_SYSTEM_VERSIONS="6.1 6.12"

kx_is_system_version() {
	case " $KX_SYSTEM_VERSIONS " in *" $1 "*) return 0 ;; esac
	return 1
}

# kx_xapt ARGS... - apt-get with the private sources list, lists and package cache under
# $KX_CACHE/apt; the system's /etc/apt and /var/lib/apt/lists are neither read nor written.
kx_xapt() {
	local a=$KX_CACHE/apt
	apt-get -qq -o Dir::Etc::sourcelist="$a/sources.list" -o Dir::Etc::sourceparts=- \
		-o Dir::State::Lists="$a/lists" -o Dir::Cache="$a/cache" \
		-o APT::Architectures=amd64,arm64 -o Debug::NoLocking=1 \
		-o APT::Sandbox::User="$(id -un)" "$@"
}

# kx_xapt_update - write the private sources list and update its lists (once per process tree).
kx_xapt_update() {
	local a=$KX_CACHE/apt
	[ -n "${KX_XAPT_UPDATED:-}" ] && return 0
	# Lists fetched within the last day are good enough for packages that do not change.
	if [ -n "$(find "$a/lists/.updated" -mmin -1440 2>/dev/null)" ]; then
		KX_XAPT_UPDATED=1
		return 0
	fi
	mkdir -p "$a/lists/partial" "$a/cache/archives/partial"
	cat >"$a/sources.list.tmp" <<-EOF
		deb http://deb.debian.org/debian bullseye main
		deb http://deb.debian.org/debian trixie main
		deb http://deb.debian.org/debian trixie-backports main
	EOF
	mv "$a/sources.list.tmp" "$a/sources.list"
	kx_log "apt-get update (private lists in $a)"
	kx_xapt update >&2 || kx_die "apt-get update with $a/sources.list failed"
	touch "$a/lists/.updated"
	KX_XAPT_UPDATED=1
	export KX_XAPT_UPDATED
}

# kx_xapt_download PKG - print the path of PKG's .deb (PKG may be NAME:ARCH) under
# $KX_CACHE/debs, fetching it first when it is not there. Nothing is installed.
kx_xapt_download() {
	local pkg=$1 debs=$KX_CACHE/debs dl deb out
	out=$debs/${pkg//:/_}.deb
	(
		kx_lock "deb-${pkg//:/_}"
		[ -s "$out" ] && exit 0
		kx_xapt_update
		mkdir -p "$debs"
		dl=$(mktemp -d "$debs/.dl.XXXXXX")
		chmod 0777 "$dl" # apt-get download drops privileges to _apt
		(cd "$dl" && kx_xapt download "$pkg" >&2) ||
			{ rm -rf "$dl"; kx_die "apt-get download $pkg failed"; }
		deb=$(ls "$dl"/*.deb)
		mv "$deb" "$out.tmp"
		mv "$out.tmp" "$out"
		rm -rf "$dl"
	) >&2 || return 1
	printf '%s\n' "$out"
}

# kx_lock NAME - hold an exclusive lock for the rest of the current (sub)shell.
kx_lock() {
	mkdir -p "$KX_CACHE"
	exec 9>"$KX_CACHE/.lock-$1"
	flock 9
}

# kx_tree_dir VER - path of the cached tree for VER (6.12, 6.1, ...), whether or not it exists.
kx_tree_dir() {
	printf '%s/trees/linux-source-%s\n' "$KX_CACHE" "$1"
}

# kx_make_version TREE - kernel version from TREE/Makefile, e.g. 6.12.117.
kx_make_version() {
	awk -F' *= *' '
		$1 == "VERSION" { v = $2 } $1 == "PATCHLEVEL" { p = $2 }
		$1 == "SUBLEVEL" { s = $2 } $1 == "EXTRAVERSION" { e = $2 }
		END { printf "%s.%s.%s%s\n", v, p, s, e }' "$1/Makefile"
}

# kx_tree_ensure VER - unpack Debian's linux-source-VER into the cache (installing it if needed)
# and print the tree's path. Re-unpacks when the installed package version changes.
kx_tree_ensure() {
	local ver=$1 dir stamp tarball pkgver='' tmp deb xdir=''
	dir=$(kx_tree_dir "$ver")
	stamp=$dir.stamp
	tarball=/usr/src/linux-source-$ver.tar.xz
	(
		kx_lock "tree-$ver"
		if ! kx_is_system_version "$ver"; then
			# Not in the machine's suite: unpack the tarball from a downloaded .deb.
			# A tree already unpacked is kept (no network); delete it to refresh.
			[ -d "$dir" ] && [ -e "$stamp" ] && exit 0
			deb=$(kx_xapt_download "linux-source-$ver") || exit 1
			pkgver=$(dpkg-deb -f "$deb" Version)
			mkdir -p "$KX_CACHE/trees"
			rm -rf "$KX_CACHE/trees/.deb-$ver".*
			xdir=$(mktemp -d "$KX_CACHE/trees/.deb-$ver.XXXXXX")
			dpkg-deb --fsys-tarfile "$deb" |
				tar -x -C "$xdir" -f - "./usr/src/linux-source-$ver.tar.xz"
			tarball=$xdir/usr/src/linux-source-$ver.tar.xz
		fi
		[ -e "$tarball" ] || kx_apt_install "linux-source-$ver"
		[ -e "$tarball" ] || kx_die "$tarball missing after installing linux-source-$ver"
		[ -n "$pkgver" ] ||
			pkgver=$(dpkg-query -W -f='${Version}' "linux-source-$ver" 2>/dev/null || echo unknown)
		if [ -d "$dir" ] && [ ! -e "$stamp" ] && [ -e "$dir/Makefile" ] &&
			[ "$(kx_make_version "$dir")" = "${pkgver%%-*}" ]; then
			# An unpack made before stamps existed: adopt it if the versions agree.
			printf '%s\n' "$pkgver" >"$stamp"
		fi
		if [ -d "$dir" ] && [ -e "$stamp" ] && [ "$(cat "$stamp")" = "$pkgver" ]; then
			exit 0
		fi
		mkdir -p "$KX_CACHE/trees"
		rm -rf "$KX_CACHE/trees/.unpack-$ver".* "$KX_CACHE/trees/.old-$ver".*
		tmp=$(mktemp -d "$KX_CACHE/trees/.unpack-$ver.XXXXXX")
		kx_log "unpacking $tarball ($pkgver) into $dir"
		xz -T0 -dc "$tarball" | tar -x -C "$tmp" -f -
		[ -e "$tmp/linux-source-$ver/Makefile" ] || kx_die "unexpected layout in $tarball"
		[ -e "$dir" ] && mv "$dir" "$KX_CACHE/trees/.old-$ver.${tmp##*.}"
		mv "$tmp/linux-source-$ver" "$dir"
		printf '%s\n' "$pkgver" >"$stamp"
		# conf built from the previous tree is stale now.
		rm -rf "$KX_CACHE/trees/conf-$ver" "$tmp" "$KX_CACHE/trees/.old-$ver".* ${xdir:+"$xdir"}
	) || return 1
	printf '%s\n' "$dir"
}

# kx_tree_resolve VER|PATH - print an existing tree's path; a bare version is ensured first.
kx_tree_resolve() {
	case $1 in
	*/*) [ -e "$1/Kconfig" ] || kx_die "$1: not a kernel tree"; (cd "$1" && pwd -P) ;;
	[0-9]*.*) kx_tree_ensure "$1" ;;
	*) [ -e "$1/Kconfig" ] || kx_die "$1: not a kernel tree"; (cd "$1" && pwd -P) ;;
	esac
}

# kx_tree_id TREE - short name for a tree: 6.12 for cached trees, NAME-HASH otherwise.
kx_tree_id() {
	local tree base
	tree=$(cd "$1" && pwd -P)
	base=${tree##*/}
	if [ "$tree" = "$(cd "$KX_CACHE/trees" 2>/dev/null && pwd -P)/$base" ] &&
		[ "${base#linux-source-}" != "$base" ]; then
		printf '%s\n' "${base#linux-source-}"
	else
		printf '%s-%s\n' "$base" "$(printf '%s' "$tree" | sha256sum | cut -c1-8)"
	fi
}

# kx_tree_fingerprint TREE - what a cached result computed from TREE depends on besides inputs.
kx_tree_fingerprint() {
	local tree=$1 id
	id=$(kx_tree_id "$tree")
	printf '%s %s %s\n' "$id" "$(kx_make_version "$tree")" \
		"$(cat "$KX_CACHE/trees/linux-source-$id.stamp" 2>/dev/null || stat -c %Y "$tree/Makefile")"
}

# kx_toolchain_fp - a short hash of the toolchain as Kconfig's $(shell,...) probes see it
# (cc-option, ld version, rustc, pahole, ...): cached results made with another toolchain differ.
kx_toolchain_fp() {
	local t
	if [ -z "${KX_TOOLCHAIN_FP:-}" ]; then
		KX_TOOLCHAIN_FP=$({
			uname -m
			for t in "${CROSS_COMPILE:-}${CC:-gcc}" "${CROSS_COMPILE:-}${LD:-ld}" rustc bindgen \
				pahole clang ld.lld; do
				printf '%s: ' "$t"
				command -v "$t" || echo none
				"$t" --version 2>/dev/null | head -1 || true
			done
		} | sha256sum | cut -c1-16)
		export KX_TOOLCHAIN_FP
	fi
	printf '%s\n' "$KX_TOOLCHAIN_FP"
}

kx_build_deps() {
	kx_apt_install flex bison bc gcc make libc6-dev xz-utils
}

# kx_conf_ensure VER|TREE [ARCH] - build the kernel's scripts/kconfig/conf for a tree in
# $KX_CACHE/trees/conf-ID and print that O= dir. conf does not depend on ARCH, so one build dir
# per tree serves all architectures; ARCH only picks the defconfig the build is made with.
kx_conf_ensure() {
	local tree id dir arch=${2:-x86_64} tmp
	tree=$(kx_tree_resolve "$1")
	id=$(kx_tree_id "$tree")
	dir=$KX_CACHE/trees/conf-$id
	(
		kx_lock "conf-$id"
		[ -x "$dir/scripts/kconfig/conf" ] && exit 0
		kx_build_deps
		rm -rf "$KX_CACHE/trees/.conf-$id".*
		tmp=$(mktemp -d "$KX_CACHE/trees/.conf-$id.XXXXXX")
		kx_log "building scripts/kconfig/conf for $tree"
		env -u KCONFIG_CONFIG -u KCONFIG_ALLCONFIG -u CROSS_COMPILE -u CC -u LD -u LLVM \
			make -s -C "$tree" O="$tmp" ARCH="$arch" defconfig >"$tmp.log" 2>&1 ||
			{ cat "$tmp.log" >&2; kx_die "building conf for $tree failed"; }
		[ -x "$tmp/scripts/kconfig/conf" ] || kx_die "no scripts/kconfig/conf in $tmp"
		rm -rf "$dir" "$tmp.log"
		mv "$tmp" "$dir"
	) || return 1
	printf '%s\n' "$dir"
}

# kx_configs_from_deb VER DEB - decompress the config.*.xz files of a linux-config .deb into
# $KX_CACHE/configs/VER/.
kx_configs_from_deb() {
	local ver=$1 deb=$2 x f
	x=$(mktemp -d "$KX_CACHE/configs/.x.XXXXXX")
	dpkg-deb -x "$deb" "$x"
	for f in "$x/usr/src/linux-config-$ver"/config.*.xz; do
		[ -e "$f" ] || { rm -rf "$x"; kx_die "no configs in $deb"; }
		xz -dc "$f" >"$KX_CACHE/configs/$ver/.tmp"
		mv "$KX_CACHE/configs/$ver/.tmp" "$KX_CACHE/configs/$ver/$(basename "$f" .xz)"
	done
	rm -rf "$x"
}

# kx_configs_ensure - make Debian's amd64 and arm64 configs for 6.12, 6.1, 5.10 and 7.3
# available, decompressed, under $KX_CACHE/configs/VER/, and print their paths.
kx_configs_ensure() {
	(
		kx_lock configs
		local ver f dl deb pkg a
		for ver in 5.10 7.3; do
			mkdir -p "$KX_CACHE/configs/$ver"
			for a in amd64 arm64; do
				ls "$KX_CACHE/configs/$ver/config.${a}_"* >/dev/null 2>&1 && continue
				deb=$(kx_xapt_download "linux-config-$ver:$a") || exit 1
				kx_configs_from_deb "$ver" "$deb"
			done
		done
		for ver in 6.12 6.1; do
			mkdir -p "$KX_CACHE/configs/$ver"
			# amd64: the host architecture, so an ordinary install.
			if ! ls "$KX_CACHE/configs/$ver"/config.amd64_* >/dev/null 2>&1; then
				[ -d "/usr/src/linux-config-$ver" ] || kx_apt_install "linux-config-$ver"
				for f in "/usr/src/linux-config-$ver"/config.*.xz; do
					xz -dc "$f" >"$KX_CACHE/configs/$ver/.tmp"
					mv "$KX_CACHE/configs/$ver/.tmp" "$KX_CACHE/configs/$ver/$(basename "$f" .xz)"
				done
			fi
			# arm64: a foreign architecture; fetch the .deb and unpack it without installing.
			if ! ls "$KX_CACHE/configs/$ver"/config.arm64_* >/dev/null 2>&1; then
				pkg=linux-config-$ver:arm64
				if ! dpkg --print-foreign-architectures | grep -qx arm64; then
					kx_sudo dpkg --add-architecture arm64
					KX_APT_UPDATED=
				fi
				kx_apt_update
				dl=$(mktemp -d)
				chmod 0777 "$dl" # apt-get download drops privileges to _apt
				(cd "$dl" && apt-get download -qq "$pkg" >&2) ||
					{ rm -rf "$dl"; kx_die "apt-get download $pkg failed"; }
				deb=$(ls "$dl"/*.deb)
				dpkg-deb -x "$deb" "$dl/x"
				for f in "$dl/x/usr/src/linux-config-$ver"/config.*.xz; do
					xz -dc "$f" >"$KX_CACHE/configs/$ver/.tmp"
					mv "$KX_CACHE/configs/$ver/.tmp" "$KX_CACHE/configs/$ver/$(basename "$f" .xz)"
				done
				rm -rf "$dl"
			fi
		done
	) || return 1
	ls -1 "$KX_CACHE"/configs/*/config.*
}

kx_trees_main() {
	set -euo pipefail
	local cmd=${1:-}
	[ $# -gt 0 ] && shift
	case $cmd in
	ensure)
		[ $# -eq 1 ] || kx_die "usage: trees.sh ensure VERSION"
		kx_tree_ensure "$1"
		;;
	conf)
		case $# in 1 | 2) ;; *) kx_die "usage: trees.sh conf VERSION|TREE [ARCH]" ;; esac
		kx_conf_ensure "$@"
		;;
	configs)
		kx_configs_ensure
		;;
	cache)
		printf '%s\n' "$KX_CACHE"
		;;
	id)
		kx_tree_id "$(kx_tree_resolve "$1")"
		;;
	apt)
		kx_apt_install "$@"
		;;
	*)
		sed -n '2,9s/^# \{0,1\}//p' "${BASH_SOURCE[0]}" >&2
		exit 2
		;;
	esac
}

if [ "${BASH_SOURCE[0]}" = "$0" ]; then
	kx_trees_main "$@"
fi
