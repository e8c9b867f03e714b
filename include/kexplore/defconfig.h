/* defconfig.h - defconfig targets resolved as kbuild resolves `make NAME`: a file under
 * arch/$SRCARCH/configs, a base merged with fragments by the arch Makefile, the MIPS
 * generic boards, and the arch's default (KBUILD_DEFCONFIG). For src/ and tests. */
#ifndef KEXPLORE_DEFCONFIG_H
#define KEXPLORE_DEFCONFIG_H

#include "kexplore/kconfig.h"

/*
 * kc_defconfig_target - read the defconfig make target @name into @tree's user values
 * (as conf --defconfig would, before olddefconfig): NULL or "defconfig" is the arch's
 * default (kc_tree_default_defconfig). In order, the first that exists wins:
 *   - the file arch/$SRCARCH/configs/NAME;
 *   - a rule "NAME:" in arch/$SRCARCH/Makefile whose recipe is
 *     $(call merge_into_defconfig,BASE,F1 F2...) (powerpc's ppc64le_defconfig is
 *     ppc64_defconfig + le.config): BASE, then each configs/F.config on top, the last
 *     assignment winning as in merge_config.sh (their override warnings are dropped:
 *     overriding is what a fragment is for);
 *   - on mips, [32|64]r[1-6][el]_defconfig: generic_defconfig + the ISA and endianness
 *     fragments + every generic/board-*.config whose "# require" lines hold.
 * @name has no '/': a path is the caller's to read with kc_config_read.
 * @what, when not NULL, gets the target as arch/$SRCARCH/configs/NAME, relative to
 * srctree (caller frees), also on failure: the file looked for, for the message.
 * Return: KC_OK; KC_ENOENT (no file and no such target); KC_EIO or KC_EINVAL from
 * reading the file or the base.
 */
enum kc_status kc_defconfig_target(struct kc_tree *tree, const char *name, char **what);

#endif /* KEXPLORE_DEFCONFIG_H */
