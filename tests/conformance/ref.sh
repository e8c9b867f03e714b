#!/usr/bin/env bash
# ref.sh - the reference result of a Kconfig operation, made by the kernel's own make + conf.
#
# usage: ref.sh TREE ARCH MODE [INPUT] OUT
#   TREE   a kernel tree, or a Debian version (6.12, 6.1) meaning the cached linux-source tree
#   MODE   olddefconfig INPUT     INPUT is copied to .config, then `make olddefconfig`
#          savedefconfig INPUT    INPUT is copied to .config, then `make savedefconfig`; OUT gets
#                                 the minimal defconfig
#          defconfig [FILE]       `make defconfig`, with KBUILD_DEFCONFIG pointing at FILE when
#                                 given (FILE relative to TREE, e.g. arch/x86/configs/tiny.config,
#                                 or absolute)
#          NAME_defconfig         `make NAME_defconfig`
#          alldefconfig allnoconfig allyesconfig allmodconfig   as is
#          listnewconfig INPUT, helpnewconfig INPUT   OUT gets what make prints on stdout
#          yes2modconfig INPUT, mod2yesconfig INPUT, mod2noconfig INPUT   OUT gets the .config
#          oldconfig INPUT        stdin from /dev/null (every new symbol gets its default); OUT
#                                 gets the transcript make prints, then "=== .config" and it
#          syncconfig INPUT       OUT gets a manifest: .config, include/config/auto.conf,
#                                 auto.conf.cmd, include/generated/autoconf.h, rustc_cfg (each
#                                 after a "=== NAME" line), then the names of include/config/ stamps
#          randconfig SEED[/PROB][+FILE]  KCONFIG_SEED=SEED (KCONFIG_PROBABILITY=PROB,
#                                 KCONFIG_ALLCONFIG=FILE); OUT gets the .config
#   OUT    file to write, or - for stdout
#
# Each run uses a fresh O= scratch dir seeded with the tree's prebuilt scripts/kconfig/conf (from
# trees.sh conf), so nothing is compiled and runs can go in parallel. Results are cached under
# $KX_CACHE/ref/TREEID/ARCH/, keyed by the tree, ARCH, MODE, the input's sha256 and the toolchain
# Kconfig probes ($(cc-option), rustc, pahole, ...); KX_REF_NOCACHE=1 bypasses the cache.
# CROSS_COMPILE, LLVM, CC and LD from the environment are handed to make as variables, as a user
# would write `make CC=clang ...`; every other Kconfig/kbuild variable is cleared.
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
# shellcheck source-path=SCRIPTDIR source=../lib/trees.sh
. "$here/../lib/trees.sh"

REF_FORMAT=1 # bump to invalidate every cached reference

usage() {
	sed -n '2,14s/^# \{0,1\}//p' "${BASH_SOURCE[0]}" >&2
	exit 2
}

# srcarch ARCH - the arch/ directory for ARCH, as the top Makefile maps it.
srcarch() {
	case $1 in
	i386 | x86_64) echo x86 ;;
	sparc32 | sparc64) echo sparc ;;
	parisc64) echo parisc ;;
	sh64) echo sh ;;
	*) echo "$1" ;;
	esac
}

# ref_manifest DIR - syncconfig's outputs in DIR as one text (the same for kexplore's).
ref_manifest() {
	local f
	for f in .config include/config/auto.conf include/config/auto.conf.cmd \
		include/generated/autoconf.h include/generated/rustc_cfg; do
		echo "=== $f"
		cat "$1/$f" 2>/dev/null || echo "(missing)"
	done
	echo "=== include/config/ stamps"
	find "$1/include/config" -type f ! -name 'auto.conf*' -printf '%P\n' 2>/dev/null | LC_ALL=C sort
}

main() {
	[ "${1:-}" = --manifest ] && { ref_manifest "$2"; return; }
	local tree arch mode input='' out
	case $# in
	4) tree=$1 arch=$2 mode=$3 out=$4 ;;
	5) tree=$1 arch=$2 mode=$3 input=$4 out=$5 ;;
	*) usage ;;
	esac
	tree=$(kx_tree_resolve "$tree")

	local -a margs=() keyparts=() menv=()
	local sa target result=.config defname rel up
	sa=$(srcarch "$arch")
	[ -d "$tree/arch/$sa" ] || kx_die "$tree: no arch/$sa for ARCH=$arch"
	case $mode in
	olddefconfig | savedefconfig)
		[ -n "$input" ] || kx_die "$mode needs an INPUT config"
		[ -r "$input" ] || kx_die "$input: cannot read"
		keyparts+=("input=$(sha256sum <"$input" | cut -c1-64)")
		target=$mode
		[ "$mode" = savedefconfig ] && result=defconfig
		;;
	defconfig)
		target=defconfig
		if [ -n "$input" ]; then
			case $input in
			/*) defname=$input ;;
			*) defname=$tree/$input ;;
			esac
			[ -r "$defname" ] || kx_die "$defname: cannot read"
			defname=$(cd "$(dirname "$defname")" && pwd -P)/$(basename "$defname")
			if [ "${defname#"$tree/arch/$sa/configs/"}" != "$defname" ]; then
				rel=${defname#"$tree/arch/$sa/configs/"}
			else
				# make looks for $(srctree)/arch/$(SRCARCH)/configs/$(KBUILD_DEFCONFIG) and
				# conf falls back to $srctree/NAME: climb from configs/ up to / and come
				# back down to the file.
				up=$(printf '%s' "$tree/arch/$sa/configs" | tr -cd / | sed 's,/,../,g')
				rel=${up%/}$defname
			fi
			margs+=("KBUILD_DEFCONFIG=$rel")
			keyparts+=("defconfig=${defname#"$tree/"}" "input=$(sha256sum <"$defname" | cut -c1-64)")
		fi
		;;
	listnewconfig | helpnewconfig | yes2modconfig | mod2yesconfig | mod2noconfig | oldconfig | \
		syncconfig)
		[ -n "$input" ] || kx_die "$mode needs an INPUT config"
		[ -r "$input" ] || kx_die "$input: cannot read"
		keyparts+=("input=$(sha256sum <"$input" | cut -c1-64)")
		target=$mode
		case $mode in
		listnewconfig | helpnewconfig) result=stdout ;;
		oldconfig) result=transcript ;;
		syncconfig) result=manifest ;;
		esac
		;;
	randconfig)
		[ -n "$input" ] || kx_die "randconfig needs SEED[/PROB][+ALLCONFIG]"
		local rs=${input%%+*}
		menv+=("KCONFIG_SEED=${rs%%/*}")
		[ "${rs#*/}" != "$rs" ] && menv+=("KCONFIG_PROBABILITY=${rs#*/}")
		if [ "${input#*+}" != "$input" ]; then
			[ -r "${input#*+}" ] || kx_die "${input#*+}: cannot read"
			menv+=("KCONFIG_ALLCONFIG=${input#*+}")
			keyparts+=("allconfig=$(sha256sum <"${input#*+}" | cut -c1-64)")
		fi
		keyparts+=("rand=$rs")
		target=randconfig
		input=''
		;;
	*_defconfig | alldefconfig | allnoconfig | allyesconfig | allmodconfig)
		[ -z "$input" ] || kx_die "$mode takes no INPUT"
		target=$mode
		;;
	*) kx_die "unknown MODE '$mode'" ;;
	esac

	local v
	for v in CROSS_COMPILE LLVM CC LD; do
		if [ -n "${!v:-}" ]; then
			margs+=("$v=${!v}")
			keyparts+=("$v=${!v}")
		fi
	done

	local key cdir cached
	key=$(printf '%s\n' "format=$REF_FORMAT" "tree=$(kx_tree_fingerprint "$tree")" \
		"arch=$arch" "mode=$mode" "tool=$(kx_toolchain_fp)" "${keyparts[@]}" |
		sha256sum | cut -c1-16)
	cdir=$KX_CACHE/ref/$(kx_tree_id "$tree")/$arch
	cached=$cdir/$mode-$key
	if [ -n "${KX_REF_NOCACHE:-}" ] || [ ! -e "$cached" ]; then
		local confdir scratch
		confdir=$(kx_conf_ensure "$tree")
		scratch=$(mktemp -d "${TMPDIR:-/tmp}/kx-ref.XXXXXX")
		# shellcheck disable=SC2064 # expand now: scratch is local
		trap "rm -rf '$scratch'" EXIT
		cp -a "$confdir/scripts" "$scratch/"
		[ -n "$input" ] && [ "$mode" != defconfig ] && cp "$input" "$scratch/.config"
		if ! env -u KCONFIG_CONFIG -u KCONFIG_ALLCONFIG -u KCONFIG_OVERWRITECONFIG \
			-u KCONFIG_AUTOCONFIG -u KCONFIG_AUTOHEADER -u KCONFIG_TRISTATE \
			-u KCONFIG_NOSILENTUPDATE -u KCONFIG_WARN_UNKNOWN_SYMBOLS -u KCONFIG_WERROR \
			-u KCONFIG_SEED -u KCONFIG_PROBABILITY -u KBUILD_DEFCONFIG -u KBUILD_KCONFIG \
			-u ARCH -u SRCARCH -u SUBARCH -u CROSS_COMPILE -u LLVM -u CC -u LD -u O \
			-u srctree -u objtree -u MAKEFLAGS -u MAKELEVEL -u MFLAGS \
			"${menv[@]}" make -s -C "$tree" O="$scratch" ARCH="$arch" "${margs[@]}" "$target" \
			</dev/null >"$scratch/stdout" 2>"$scratch/make.log"; then
			cat "$scratch/stdout" "$scratch/make.log" >&2
			kx_die "make ARCH=$arch $target failed for $tree"
		fi
		case $result in
		transcript) { cat "$scratch/stdout"; echo "=== .config"; cat "$scratch/.config"; } >"$scratch/$result" ;;
		manifest) ref_manifest "$scratch" >"$scratch/$result" ;;
		esac
		[ -e "$scratch/$result" ] || kx_die "make ARCH=$arch $target made no $result"
		mkdir -p "$cdir"
		cp "$scratch/$result" "$cached.tmp.$$"
		cp "$scratch/make.log" "$cached.log"
		mv "$cached.tmp.$$" "$cached"
	fi
	if [ "$out" = - ]; then
		cat "$cached"
	else
		cp "$cached" "$out"
	fi
}

main "$@"
