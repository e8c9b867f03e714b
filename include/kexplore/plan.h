/* plan.h - the change planner: fewest user assignments reaching requested values; for src/ (enable, TUI, profiles) and tests. */
#ifndef KEXPLORE_PLAN_H
#define KEXPLORE_PLAN_H

#include <stdbool.h>
#include <stddef.h>

#include <kexplore/explain.h>
#include <kexplore/kconfig.h>

/*
 * Usage:
 *	struct kc_plan *p = kc_plan_new(tree);
 *	kc_plan_add(p, sym, "y", KC_WANT_EXACT, 0);      (once per request)
 *	switch (kc_plan_solve(p, &opts)) { ... }
 *	for (i = 0; i < kc_plan_nsteps(p); i++) ... kc_plan_step(p, i)
 *	for (i = 0; i < kc_plan_nchanges(p); i++) ... kc_plan_change(p, i)
 *	kc_plan_apply(p);          (optional: the tree now has the plan's values)
 *	kc_plan_free(p);
 *
 * Solving never leaves the tree changed (user values are saved and
 * restored); only kc_plan_apply() changes it. Every plan is verified by
 * re-evaluating the tree before it is returned: the steps, set in order with
 * kc_sym_set_*, give every required request its value, and the change list
 * is the complete difference of all symbol values before/after.
 */

struct kc_plan;

enum kc_plan_want {
	KC_WANT_EXACT,		/* exactly the value */
	KC_WANT_AT_LEAST,	/* bool/tristate: this or more ("m": m or y; "y" = exact) */
	KC_WANT_AT_MOST,	/* bool/tristate: this or less ("m": n or m; "n" = exact) */
};

/* Request flags. */
#define KC_REQ_OPTIONAL	0x1u	/* when unreachable, leave it out (listed as a failure) and plan the rest */

struct kc_plan_opts {
	bool allow_off;		/* symbols not requested may be turned off or lowered (y->m) */
	unsigned budget;	/* search effort (tree evaluations), 0 = default */
};

enum kc_plan_status {
	KC_PLAN_OK,		/* a verified plan (possibly empty: everything holds already) */
	KC_PLAN_NEEDS_OFF,	/* a verified plan, but it turns off symbols; needs allow_off */
	KC_PLAN_IMPOSSIBLE,	/* a required request cannot be met: see the failures */
};

/* kc_plan_status_str - "ok", "needs allow-off", "impossible". */
const char *kc_plan_status_str(enum kc_plan_status st);

/* kc_plan_new - an empty request list on @tree (borrowed; must outlive the plan). */
struct kc_plan *kc_plan_new(struct kc_tree *tree);
void kc_plan_free(struct kc_plan *plan);

/*
 * kc_plan_add - request @sym at @value ("y"/"m"/"n", or an int/hex/string value).
 * Return KC_OK, KC_EINVAL (value not valid for the type, "m" for a bool, a
 * choice), KC_ENOSYM (NULL sym or not defined on this arch: the request is
 * still recorded and fails at solve time with the reason).
 */
enum kc_status kc_plan_add(struct kc_plan *plan, struct kc_symbol *sym, const char *value,
			   enum kc_plan_want want, unsigned flags);

/*
 * kc_plan_add_spec - parse a command-line request: "NAME" (bool: y,
 * tristate: at least m), "NAME=VALUE", "NAME=m+" (at least m), "NAME=m-" (at
 * most m), with or without CONFIG_. @disable: plain "NAME" means n.
 * On failure returns KC_EINVAL/KC_ENOSYM and *err (caller frees) says why.
 */
enum kc_status kc_plan_add_spec(struct kc_plan *plan, const char *spec, bool disable,
				unsigned flags, char **err);

/* kc_plan_solve - compute and verify the plan; may be called again after adding requests. */
enum kc_plan_status kc_plan_solve(struct kc_plan *plan, const struct kc_plan_opts *opts);

/* One assignment of the plan, in dependency order (set them in this order). */
struct kc_plan_step {
	struct kc_symbol *sym;
	const char *value;	/* user value to set */
	const char *old;	/* value before the plan */
	const char *reason;	/* e.g. "requested", "needed by FOO: depends on PCI" */
	struct kc_symbol *for_sym;	/* symbol whose need brought this step (NULL: a request) */
};
size_t kc_plan_nsteps(const struct kc_plan *plan);
const struct kc_plan_step *kc_plan_step(const struct kc_plan *plan, size_t i);

/* One symbol whose value the plan changes (steps and their consequences). */
struct kc_plan_change {
	struct kc_symbol *sym;
	const char *old;
	const char *new;
	bool off;		/* a bool/tristate lowered (y->m, y->n, m->n) */
	bool step;		/* set by a step (else a consequence) */
	bool requested;		/* the symbol of a request */
};
size_t kc_plan_nchanges(const struct kc_plan *plan);
const struct kc_plan_change *kc_plan_change(const struct kc_plan *plan, size_t i);
/* kc_plan_noff - how many changes turn something (not requested) off. */
size_t kc_plan_noff(const struct kc_plan *plan);

/* A request that is not met by the plan, with the reason. */
struct kc_plan_failure {
	size_t request;		/* index in the order of kc_plan_add */
	struct kc_symbol *sym;	/* may be NULL for an unknown name */
	const char *value;	/* requested value */
	const char *reason;	/* one line */
	const struct kc_explain *why;	/* explanation tree, or NULL */
	bool optional;
};
size_t kc_plan_nfailures(const struct kc_plan *plan);
const struct kc_plan_failure *kc_plan_failure(const struct kc_plan *plan, size_t i);

/* kc_plan_apply - set the plan's steps as user values in the tree (after a
 * successful solve). Return KC_OK, or KC_EINVAL when there is no plan. */
enum kc_status kc_plan_apply(struct kc_plan *plan);

/* kc_plan_fragment - the steps as a config fragment ("CONFIG_X=y", "# CONFIG_Y
 * is not set"), for merge_config.sh or kc_config_merge(). Caller frees. */
char *kc_plan_fragment(const struct kc_plan *plan);

/* kc_plan_text - the whole plan for people: steps with reasons, the
 * consequences, what is turned off, failures with their explanations. Caller frees. */
char *kc_plan_text(const struct kc_plan *plan);
/* kc_plan_json - the same as JSON. Caller frees. */
char *kc_plan_json(const struct kc_plan *plan);

#endif /* KEXPLORE_PLAN_H */
