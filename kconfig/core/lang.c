/* lang.c - the Kconfig language of each kernel generation, chosen once per tree. */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "core.h"

/*
 * The Kconfig language is not versioned: each kernel tree carries its own
 * scripts/kconfig, and its Makefile's VERSION.PATCHLEVEL says which one that
 * is. Every rule that differs between the kernels kexplore supports is one
 * entry of this table; the engine asks the tree's entry (kc_lang_has, the
 * choice operations) instead of testing versions itself. Where a rule began
 * is written beside it; the generations checked byte for byte against the
 * kernel's conf are 5.10, 6.1, 6.12 and 7.3 (see doc/LANGUAGES.md).
 */

#define OLD_CHOICES	(KC_LANG_OPTIONAL | KC_LANG_CHOICE_NAME | KC_LANG_CHOICE_TYPE | \
			 KC_LANG_INT_EMPTY | KC_LANG_LAZY_YN)

/*
 * Not pinned by the four trees, only bracketed (in 5.10, gone in 6.1), so the
 * row is an assumption written down here:
 * - help's Location: without the entry's own line: kept to the 5.10 row, the
 *   only one checked; 5.11 and 5.12 are assumed to share it.
 * - auto.conf strings quoted and mod2noconfig missing: both believed to end
 *   with 5.17 (Linux commit "kbuild: do not quote string values in
 *   include/config/auto.conf" and the mod2noconfig target of the same cycle).
 * - syncconfig's older outputs: include/config/foo/bar.h stamps in the 5.10
 *   row (assumed to end with 5.13's fixdep change), the headings of
 *   autoconf.h and auto.conf.cmd with the quoted strings (assumed 5.17).
 * - `&& y` kept in help's dependencies (KC_LANG_LAZY_YN): in 6.1, gone in
 *   6.12; put with the other pre-6.11 rules in OLD_CHOICES (an assumption:
 *   it came with the expression rework of 6.11/6.12).
 */
#define LATE	(KC_LANG_MOD2NOCONFIG | KC_LANG_RUSTC_CFG)

static const struct kc_lang langs[] = {
	{ 0, 0, "5.10 to 5.12",
	  OLD_CHOICES | KC_LANG_OPTION | KC_LANG_END_OF_PARENT | KC_LANG_LOCATION_PARENTS |
	  KC_LANG_AUTOCONF_QUOTED | KC_LANG_OLD_HEADINGS | KC_LANG_STAMP_H,
	  &kc_choice_value_ops },
	/* 5.13: `option modules` became `modules`; defconfig_list and allnoconfig_y went away */
	{ 5, 13, "5.13 to 5.16",
	  OLD_CHOICES | KC_LANG_END_OF_PARENT | KC_LANG_AUTOCONF_QUOTED | KC_LANG_OLD_HEADINGS,
	  &kc_choice_value_ops },
	/* 5.17: auto.conf strings unquoted; mod2noconfig */
	{ 5, 17, "5.17 to 5.18", OLD_CHOICES | KC_LANG_END_OF_PARENT | KC_LANG_MOD2NOCONFIG,
	  &kc_choice_value_ops },
	/* 5.19: `# end of MENU` is also written for a menu without entries */
	{ 5, 19, "5.19 to 6.0", OLD_CHOICES | KC_LANG_MOD2NOCONFIG, &kc_choice_value_ops },
	/* 6.1: Rust, and syncconfig's include/generated/rustc_cfg */
	{ 6, 1, "6.1 to 6.10", OLD_CHOICES | LATE, &kc_choice_value_ops },
	/* 6.11: choices lost their value; a member's value is computed from the choice */
	{ 6, 11, "6.11 to 6.17", LATE, NULL },
	/* 6.18: `transitional` symbols carry an old name's value over to its successor */
	{ 6, 18, "6.18 to 6.19", LATE | KC_LANG_TRANSITIONAL, NULL },
	/* 7.0: `depends on X if Y` */
	{ 7, 0, "7.0 and later", LATE | KC_LANG_TRANSITIONAL | KC_LANG_DEPENDS_IF |
	  KC_LANG_SUBMENU_NEG | KC_LANG_STRICT, NULL },
};

/*
 * The newest language not newer than KERNELVERSION. A tree without a readable
 * version (a bare Kconfig file, the test fixtures) gets 6.11's rules, which
 * are the ones kexplore used before it knew other generations.
 */
const struct kc_lang *
kc_lang_for_version(const char *kernelversion)
{
	const struct kc_lang *l = &langs[0];
	int major = 0, minor = 0;
	size_t i;

	if (!kernelversion || sscanf(kernelversion, "%d.%d", &major, &minor) != 2)
		return kc_lang_for_version("6.11");
	for (i = 0; i < sizeof(langs) / sizeof(langs[0]); i++)
		if (major > langs[i].major ||
		    (major == langs[i].major && minor >= langs[i].minor))
			l = &langs[i];
	return l;
}

const char *
kc_tree_language(const struct kc_tree *t)
{
	return t->lang->name;
}

bool
kc_lang_has(const struct kc_tree *t, unsigned feature)
{
	return (t->lang->features & feature) != 0;
}
