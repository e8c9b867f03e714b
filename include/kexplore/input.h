/* input.h - what a person types: symbol names, SYMBOL=VALUE values, ARCH names; for src/ and tests. */
#ifndef KEXPLORE_INPUT_H
#define KEXPLORE_INPUT_H

#include <stdbool.h>

#include <kexplore/kconfig.h>

/*
 * kc_sym_typed - a symbol named by a person: with or without CONFIG_ (any
 * case), exact name first, else the one symbol whose name matches ignoring
 * case (a defined one before one only referenced). NULL when unknown or when
 * several differ only in case. Borrowed from the tree.
 */
struct kc_symbol *kc_sym_typed(const struct kc_tree *tree, const char *name);

/*
 * kc_value_from_user - the value a person typed after SYMBOL= (or as why's
 * VALUE), read as the kernel's .config syntax means it: a string value in
 * double quotes loses them and a backslash keeps the next character as it is
 * ("a \"b\" c\\d" is a "b" c\d); a bare string is taken as typed. Other
 * types take no quotes. Return the value (caller frees), or NULL with *err
 * (caller frees) saying why.
 */
char *kc_value_from_user(const struct kc_symbol *sym, const char *text, char **err);

/*
 * kc_arch_check - whether @arch is an ARCH that make accepts in @srctree: a
 * folder arch/NAME with a Kconfig, or an alias (x86_64, i386, sparc64, ...)
 * of one. A tree without any arch/NAME/Kconfig (a test fixture) accepts
 * every name. Return true, or false with *known (caller frees) listing the
 * accepted names, sorted, separated by ", ".
 */
bool kc_arch_check(const char *srctree, const char *arch, char **known);

#endif /* KEXPLORE_INPUT_H */
