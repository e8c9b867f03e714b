/* modplan.c - the requests that build a kernel module and the sub-drivers it needs, for the planner. */
#include "config.h"

#include "kexplore/modplan.h"

#include <string.h>

#define MAX_PARTS 64

static bool
is_boolish(const struct kc_symbol *s)
{
	return s && kc_sym_defined(s) && (kc_sym_type(s) == KC_BOOL || kc_sym_type(s) == KC_TRISTATE);
}

static bool
sym_on(struct kc_tree *tree, const char *name)
{
	struct kc_symbol *s = kc_sym_find(tree, name);

	return is_boolish(s) && kc_sym_tristate(s) != KC_N;
}

struct kc_symbol *
kc_modplan_symbol(struct kc_tree *tree, const char *const *syms, size_t n)
{
	struct kc_symbol *first = NULL;
	size_t i;

	for (i = 0; i < n; i++) {
		struct kc_symbol *s = kc_sym_find(tree, syms[i]);

		if (!is_boolish(s))
			continue;
		if (kc_sym_tristate(s) != KC_N)
			return s;
		if (!first)
			first = s;
	}
	return first;
}

bool
kc_modplan_built(struct kc_tree *tree, const struct kc_modmap_entry *e)
{
	size_t i, j;
	bool on;

	if (e->nsyms) {
		struct kc_symbol *s = kc_modplan_symbol(tree, e->syms, e->nsyms);

		if (!s || kc_sym_tristate(s) == KC_N ||
		    (e->kind == KC_MOD_BUILTIN && kc_sym_tristate(s) != KC_Y))
			return false;
	}
	for (i = 0; i < e->nchain; i++) {
		for (on = false, j = 0; j < e->chain[i].nsyms && !on; j++)
			on = sym_on(tree, e->chain[i].syms[j]);
		if (!on)
			return false;
	}
	return true;
}

/* Whether @x holds once @mod is on: each '&&' term that does not name @mod holds now. */
static bool
holds_with(struct kc_tree *tree, struct kc_expr *x, const struct kc_symbol *mod)
{
	if (!x)
		return true;
	if (kc_expr_type(x) == KC_E_AND)
		return holds_with(tree, kc_expr_left(x), mod) && holds_with(tree, kc_expr_right(x), mod);
	return kc_expr_contains_sym(x, mod) || kc_expr_eval(tree, x) != KC_N;
}

/*
 * A default of @p that is on once @mod is (default y/m, or default MOD, its
 * own 'if' holding) and dependencies that then hold: what the kernel turns on
 * by itself with the module, as long as nothing said no. Device tracing that
 * needs EVENT_TRACING is not asked for when EVENT_TRACING is off.
 */
static bool
default_on_with(struct kc_tree *tree, struct kc_symbol *p, const struct kc_symbol *mod)
{
	const struct kc_prop *q;

	if (!holds_with(tree, kc_sym_dir_dep(p), mod))
		return false;

	for (q = kc_sym_props(p); q; q = kc_prop_next(q)) {
		const struct kc_expr *x = kc_prop_expr(q);
		const struct kc_symbol *v;

		if (kc_prop_type(q) != KC_P_DEFAULT || !x || kc_expr_type(x) != KC_E_SYMBOL)
			continue;
		v = kc_expr_sym(x);
		if (!holds_with(tree, kc_prop_own_cond(q), mod))
			continue;
		return v == mod || (kc_sym_is_const(v) && (!strcmp(kc_sym_name(v), "y") ||
							    !strcmp(kc_sym_name(v), "m")));
	}
	return false;
}

/* Whether @p builds a module of its own (IWLMVM: iwlmvm.ko); *named: one of @names is it. */
static bool
is_subdriver(const struct kc_modmap *map, const struct kc_symbol *p, const char *const *names,
	     size_t nnames, bool *named)
{
	const struct kc_modmap_entry *o;
	bool sub = false;
	size_t i, k;

	*named = false;
	for (i = 0; (o = kc_modmap_for_symbol(map, kc_sym_name(p), i)); i++) {
		if (o->kind == KC_MOD_BUILTIN)
			continue;
		sub = true;
		for (k = 0; k < nnames && !*named; k++)
			*named = kc_modmap_name_eq(o->name, names[k]);
	}
	return sub;
}

/* The parts of @e that are about the module: defined, with a prompt, off, depending on it. */
static size_t
module_parts(struct kc_tree *tree, const struct kc_modmap_entry *e, struct kc_symbol *mod,
	     struct kc_symbol **v)
{
	size_t i, j, n = 0;

	for (i = 0; i < e->nparts && n < MAX_PARTS; i++) {
		struct kc_symbol *p = kc_sym_find(tree, e->parts[i]);

		if (!is_boolish(p) || p == mod || !kc_sym_has_prompt(p) || kc_sym_tristate(p) != KC_N ||
		    !kc_expr_contains_sym(kc_sym_dir_dep(p), mod))
			continue;
		for (j = 0; j < n && v[j] != p; j++)
			;
		if (j == n)
			v[n++] = p;
	}
	return n;
}

size_t
kc_modplan_adds(struct kc_tree *tree, const struct kc_modmap *map,
		const struct kc_modmap_entry *e, const char *const *names, size_t nnames,
		struct kc_symbol **out, size_t max)
{
	struct kc_symbol *mod = kc_modplan_symbol(tree, e->syms, e->nsyms), *parts[MAX_PARTS];
	bool sub[MAX_PARTS], named, any_named = false, sub_chosen = false;
	size_t i, np, n = 0;

	if (!mod || kc_modplan_built(tree, e))
		return 0;
	np = module_parts(tree, e, mod, parts);
	for (i = 0; i < np; i++) {
		sub[i] = is_subdriver(map, parts[i], names, nnames, &named);
		any_named |= named;
	}
	if (any_named)
		return 0;	/* the named sub-drivers' own entries ask for them */
	for (i = 0; i < np && n < max; i++)
		if (default_on_with(tree, parts[i], mod)) {
			out[n++] = parts[i];
			sub_chosen |= sub[i];
		}
	for (i = 0; i < np && n < max && !sub_chosen; i++)
		if (sub[i] && !default_on_with(tree, parts[i], mod))
			out[n++] = parts[i];
	return n;
}

/* The value to ask for: bools (and objects only ever built in) need y; "m" means m or y. */
static const char *
want_value(const struct kc_symbol *s, const struct kc_modmap_entry *e)
{
	return kc_sym_type(s) == KC_BOOL || e->kind == KC_MOD_BUILTIN ? "y" : "m";
}

int
kc_modplan_request(struct kc_plan *plan, struct kc_tree *tree, const struct kc_modmap *map,
		   const struct kc_modmap_entry *e, const char *const *names, size_t nnames,
		   unsigned flags, const char **why)
{
	struct kc_symbol *s, *adds[MAX_PARTS];
	size_t i, n = kc_modplan_adds(tree, map, e, names, nnames, adds, MAX_PARTS);

	if (e->nsyms) {
		s = kc_modplan_symbol(tree, e->syms, e->nsyms);
		if (!s) {
			*why = "its symbol is not in this architecture's Kconfig";
			return -1;
		}
		kc_plan_add(plan, s, want_value(s, e), KC_WANT_AT_LEAST, flags);
	}
	for (i = 0; i < e->nchain; i++) {
		s = kc_modplan_symbol(tree, e->chain[i].syms, e->chain[i].nsyms);
		if (!s) {
			*why = "its directory's symbol is not in this architecture's Kconfig";
			return -1;
		}
		if (kc_sym_tristate(s) == KC_N)
			kc_plan_add(plan, s, kc_sym_type(s) == KC_BOOL ? "y" : "m", KC_WANT_AT_LEAST, flags);
	}
	for (i = 0; i < n; i++)
		kc_plan_add(plan, adds[i], kc_sym_type(adds[i]) == KC_BOOL ? "y" : "m", KC_WANT_AT_LEAST,
			    flags | KC_REQ_OPTIONAL);
	return 0;
}
