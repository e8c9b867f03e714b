/* modplan.h - what to ask the planner for so that a module is built and drives its device; for src/ (modules, explorer). */
#ifndef KEXPLORE_MODPLAN_H
#define KEXPLORE_MODPLAN_H

#include <stdbool.h>
#include <stddef.h>

#include <kexplore/kconfig.h>
#include <kexplore/modmap.h>
#include <kexplore/plan.h>

/*
 * kc_modplan_symbol - of @syms (any of them builds the module or enters its
 * directory): one that is on, else the first bool/tristate this arch defines,
 * else NULL. Borrowed from the tree.
 */
struct kc_symbol *kc_modplan_symbol(struct kc_tree *tree, const char *const *syms, size_t n);

/* kc_modplan_built - whether @e is built as the config stands: its symbol and every directory link are on. */
bool kc_modplan_built(struct kc_tree *tree, const struct kc_modmap_entry *e);

/*
 * kc_modplan_adds - the symbols adding objects to @e (its parts) that a plan
 * building @e must also turn on, for the module to drive a device; written
 * to @out (up to @max), the count returned. Only parts that depend on the
 * module's symbol and have a prompt count (ACPI adds to iwlwifi but is not
 * about it; a promptless part follows its defaults anyway), and only when @e
 * is not built yet. Of those, a part that builds a module of its own is a
 * sub-driver (IWLMVM builds iwlmvm.ko and adds to iwlwifi.ko):
 *  - when @names (the modules asked for together: named, loaded, the
 *    hardware's) include a sub-driver's module, the hardware chose: those
 *    sub-drivers (their own entries ask for them) and nothing else;
 *  - otherwise every part whose default is on with the module (default y,
 *    default m, default MODULE_SYMBOL);
 *  - and when that leaves no sub-driver while the module has some, all of
 *    them: the module drives nothing without one (the kernel's Kconfig says
 *    "iwlwifi is useless without IWLDVM or IWLMVM"), and which one a device
 *    needs is not known from its name.
 */
size_t kc_modplan_adds(struct kc_tree *tree, const struct kc_modmap *map,
		       const struct kc_modmap_entry *e, const char *const *names, size_t nnames,
		       struct kc_symbol **out, size_t max);

/*
 * kc_modplan_request - ask @plan for what builds @e: its symbol (m, or y for
 * a bool or an object only ever built in), each directory link none of whose
 * symbols is on, and kc_modplan_adds() as optional requests (left out, and
 * listed, when they cannot be had). @flags go with the module's own requests.
 * Return 0, or -1 with *why (static) when this arch has no symbol for it.
 */
int kc_modplan_request(struct kc_plan *plan, struct kc_tree *tree, const struct kc_modmap *map,
		       const struct kc_modmap_entry *e, const char *const *names, size_t nnames,
		       unsigned flags, const char **why);

#endif /* KEXPLORE_MODPLAN_H */
