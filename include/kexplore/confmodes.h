/* confmodes.h - conf's remaining modes (listnewconfig, yes2mod/mod2yes/mod2no,
 * randconfig, syncconfig's outputs); for src/ and tests. */
#ifndef KEXPLORE_CONFMODES_H
#define KEXPLORE_CONFMODES_H

#include "kexplore/kconfig.h"

/*
 * kc_new_menus - the entries conf's oldconfig would ask about now: visible,
 * no value in the config, changeable (choices included), in conf's order.
 * @out receives a heap array (caller frees; the menus are borrowed).
 * Return: the number of entries.
 */
size_t kc_new_menus(struct kc_tree *tree, struct kc_menu ***out);

/* kc_newconfig_str - what listnewconfig prints: one config line per new named
 * symbol, with the value it gets now. Caller frees. */
char *kc_newconfig_str(struct kc_tree *tree);

/* kc_ext_help_str - conf's help text for an entry (menuconfig's help screen:
 * help, symbol, type, definitions with prompt, dependencies and location,
 * selects and selected by, with values). Caller frees. */
char *kc_ext_help_str(struct kc_tree *tree, struct kc_menu *menu);
/* kc_helpnewconfig_str - what helpnewconfig prints: that text for each new
 * entry between "-----" lines. Caller frees. */
char *kc_helpnewconfig_str(struct kc_tree *tree);

/* kc_conf_mode_since - NULL when the kernel's conf of @tree has the mode @name
 * ("mod2noconfig"), else the first Linux version whose conf has it (a static
 * string). Modes kexplore does not know of are not asked about here. */
const char *kc_conf_mode_since(const struct kc_tree *tree, const char *name);

/* kc_rewrite_tristates - conf's yes2modconfig (KC_Y -> KC_M), mod2yesconfig and
 * mod2noconfig: every tristate user value @from becomes @to. */
void kc_rewrite_tristates(struct kc_tree *tree, enum kc_tristate from, enum kc_tristate to);

/*
 * kc_set_all_random - randconfig: every bool/tristate with a prompt and no
 * user value gets a random one, choices a random member, with conf's
 * generator (glibc's rand()) seeded with @seed. @probability is
 * KCONFIG_PROBABILITY's text or NULL. The symbols are visited in conf's order
 * (menu order from 6.11, its hash table's before), so a seed gives conf's
 * config.
 * Return: KC_OK, or KC_ERANGE for a bad @probability (nothing changed).
 */
enum kc_status kc_set_all_random(struct kc_tree *tree, unsigned seed, const char *probability);

/* kc_sym_is_new - conf's question test: no value in the config, visible, not
 * forced by selects (choices included). */
bool kc_sym_is_new(struct kc_symbol *sym);
/* kc_sym_is_changeable - conf's sym_is_changeable (also for a choice). */
bool kc_sym_is_changeable(struct kc_symbol *sym);
/* kc_choice_assignable - values a choice itself may take (trees before 6.11:
 * optional or tristate choices), as a mask like kc_sym_assignable(). */
unsigned kc_choice_assignable(struct kc_symbol *choice);
/* kc_tree_legacy_choices - true for trees before 6.11 (choices have values). */
bool kc_tree_legacy_choices(const struct kc_tree *tree);
/* kc_tree_config_changed - the config read differs from what would be written
 * (KCONFIG_NOSILENTUPDATE's test). */
bool kc_tree_config_changed(struct kc_tree *tree);

/* ---- syncconfig's outputs (autoconf.c) ---- */

enum kc_autoconf_kind {
	KC_AUTOCONF_CONF,	/* include/config/auto.conf, for make */
	KC_AUTOCONF_HEADER,	/* include/generated/autoconf.h, for C */
	KC_AUTOCONF_RUSTC,	/* include/generated/rustc_cfg, for rustc */
};
/* kc_autoconf_str - the text conf writes to that file, in conf's order; NULL
 * for rustc_cfg on trees whose conf writes none (before 6.1). Caller frees. */
char *kc_autoconf_str(struct kc_tree *tree, enum kc_autoconf_kind kind);
/* kc_autoconf_cmd_str - auto.conf.cmd: the Kconfig files read and the
 * environment values they used, as make dependencies of @autoconf_name
 * (the path conf was given, e.g. "include/config/auto.conf"). Caller frees. */
char *kc_autoconf_cmd_str(struct kc_tree *tree, const char *autoconf_name);
/*
 * kc_autoconf_stamps - the stamps conf touches, as paths under auto.conf's
 * folder (NAME; before 5.13 foo/bar.h for FOO_BAR), for the symbols whose
 * value changed from @old_auto_conf (the previous auto.conf text, or NULL
 * when there is none), including symbols gone from the tree.
 * @names receives a heap array of heap strings (caller frees all).
 */
size_t kc_autoconf_stamps(struct kc_tree *tree, const char *old_auto_conf, char ***names);

#endif /* KEXPLORE_CONFMODES_H */
