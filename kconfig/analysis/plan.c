/* plan.c - the change planner's API: requests, solving, minimising and verifying plans. */
#include "config.h"

#include "kexplore/plan.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "kexplore/input.h"
#include "kexplore/incr.h"
#include "plan-private.h"

#define DEFAULT_BUDGET	20000	/* symbol visits per solve */
#define MAX_MINIMIZE	40	/* plans longer than this are not minimised */

const char *
kc_plan_status_str(enum kc_plan_status st)
{
	switch (st) {
	case KC_PLAN_OK:
		return "ok";
	case KC_PLAN_NEEDS_OFF:
		return "needs allow-off";
	case KC_PLAN_IMPOSSIBLE:
		return "impossible";
	}
	return "?";
}

const char *
kc_plan_strf(struct kc_plan *p, const char *fmt, ...)
{
	const char *s;
	va_list ap;

	va_start(ap, fmt);
	s = kc_arena_vprintf(&p->arena, fmt, ap);
	va_end(ap);
	return s;
}

struct kc_explainer *
kc_plan_explainer(struct kc_plan *p)
{
	if (!p->ex)
		p->ex = kc_explainer_new(p->tree);
	return p->ex;
}

struct kc_plan *
kc_plan_new(struct kc_tree *tree)
{
	struct kc_plan *p = kc_xcalloc(1, sizeof(*p));

	p->tree = tree;
	return p;
}

static void
clear_results(struct kc_plan *p)
{
	size_t i;

	for (i = 0; i < p->explains.n; i++)
		kc_explain_free(p->explains.v[i]);
	p->explains.n = 0;
	p->steps.n = 0;
	p->changes.n = 0;
	p->failures.n = 0;
	p->active.n = 0;
	p->noff = 0;
	p->solved = false;
}

void
kc_plan_free(struct kc_plan *p)
{
	if (!p)
		return;
	clear_results(p);
	kc_vec_free(&p->explains);
	kc_vec_free(&p->steps);
	kc_vec_free(&p->changes);
	kc_vec_free(&p->failures);
	kc_vec_free(&p->active);
	kc_vec_free(&p->avoid);
	kc_vec_free(&p->reqs);
	free(p->orig);
	kc_explainer_free(p->ex);
	kc_arena_free(&p->arena);
	free(p);
}

/* ---- requests ------------------------------------------------------------------ */

static enum kc_status
check_value(const struct kc_symbol *s, const char *value, bool *is_tri, enum kc_tristate *t)
{
	enum kc_type type = kc_sym_type(s);

	*is_tri = type == KC_BOOL || type == KC_TRISTATE;
	if (!*is_tri)
		return kc_sym_string_valid(s, value) ? KC_OK : KC_EINVAL;
	if (!value[0] || value[1])
		return KC_EINVAL;
	switch (value[0]) {
	case 'y': case 'Y':
		*t = KC_Y;
		return KC_OK;
	case 'm': case 'M':
		*t = KC_M;
		return type == KC_TRISTATE ? KC_OK : KC_EINVAL;
	case 'n': case 'N':
		*t = KC_N;
		return KC_OK;
	}
	return KC_EINVAL;
}

enum kc_status
kc_plan_add(struct kc_plan *p, struct kc_symbol *sym, const char *value,
	    enum kc_plan_want want, unsigned flags)
{
	struct plan_req *r = kc_arena_alloc(&p->arena, sizeof(*r));
	enum kc_status st = KC_OK;

	r->sym = sym;
	r->name = sym && kc_sym_name(sym) ? kc_sym_name(sym) : "?";
	r->value = kc_arena_strdup(&p->arena, value ? value : "y");
	r->want = want;
	r->flags = flags;
	if (!sym || !kc_sym_name(sym)) {
		r->sym = NULL;
		r->name = "(unknown symbol)";
		kc_vec_push(&p->reqs, r);
		p->solved = false;
		return KC_ENOSYM;
	}
	if (!kc_sym_defined(sym))
		st = KC_ENOSYM;
	else if (check_value(sym, r->value, &r->is_tri, &r->tri) != KC_OK)
		return KC_EINVAL;
	if (r->is_tri && r->tri == KC_N)
		r->want = KC_WANT_EXACT;
	if (r->is_tri && r->tri == KC_Y && want == KC_WANT_AT_LEAST)
		r->want = KC_WANT_EXACT;
	kc_vec_push(&p->reqs, r);
	p->solved = false;
	return st;
}

enum kc_status
kc_plan_add_spec(struct kc_plan *p, const char *spec, bool disable, unsigned flags, char **err)
{
	const char *eq = strchr(spec, '=');
	char *name = eq ? kc_xstrndup(spec, (size_t)(eq - spec)) : kc_xstrdup(spec);
	struct kc_symbol *s = kc_sym_typed(p->tree, name);
	enum kc_type type = s ? kc_sym_type(s) : KC_UNKNOWN;
	enum kc_plan_want want = KC_WANT_EXACT;
	char *value = NULL;
	enum kc_status st;

	*err = NULL;
	if (!s) {
		*err = kc_xasprintf("unknown symbol %s", name);
		free(name);
		return KC_ENOSYM;
	}
	if (!kc_sym_defined(s)) {
		/* referenced only (another arch): recorded, the solve says why it fails */
		kc_plan_add(p, s, eq ? eq + 1 : disable ? "n" : "y", KC_WANT_EXACT, flags);
		free(name);
		return KC_OK;
	}
	if (eq) {
		size_t n = strlen(eq + 1);

		/* CMDLINE="a b" means the string a b, as in .config */
		value = kc_value_from_user(s, eq + 1, err);
		if (!value) {
			free(name);
			return KC_EINVAL;
		}
		if (n == 2 && (value[1] == '+' || value[1] == '-') &&
		    (type == KC_BOOL || type == KC_TRISTATE)) {
			want = value[1] == '+' ? KC_WANT_AT_LEAST : KC_WANT_AT_MOST;
			value[1] = 0;
		}
	} else if (disable) {
		value = kc_xstrdup("n");
	} else if (type == KC_TRISTATE) {
		value = kc_xstrdup("m");
		want = KC_WANT_AT_LEAST;
	} else if (type == KC_BOOL) {
		value = kc_xstrdup("y");
	} else {
		*err = kc_xasprintf("%s is a%s %s: give a value (%s=VALUE)", name,
				    type == KC_INT ? "n" : "", kc_type_name(type), name);
		free(name);
		return KC_EINVAL;
	}
	st = kc_plan_add(p, s, value, want, flags);
	if (st == KC_EINVAL)
		*err = kc_xasprintf("%s: \"%s\" is not a value for the %s %s", spec, value,
				    kc_type_name(type), name);
	free(value);
	free(name);
	return st == KC_ENOSYM ? KC_OK : st;	/* undefined: reported by the solve */
}

/* ---- solving -------------------------------------------------------------------- */

/* Every value before the plan: one evaluation of the whole tree. */
static void
record_orig(struct kc_plan *p)
{
	size_t i, n = kc_tree_nsyms(p->tree);

	free(p->orig);
	p->orig = kc_xcalloc(n ? n : 1, sizeof(*p->orig));
	p->norig = n;
	for (i = 0; i < n; i++) {
		struct kc_symbol *s = kc_tree_sym(p->tree, i);

		if (kc_sym_defined(s) && kc_sym_type(s) != KC_UNKNOWN)
			p->orig[i] = kc_arena_strdup(&p->arena, kc_sym_string(s));
	}
}

static void
add_failure(struct kc_plan *p, size_t i, const struct plan_req *r, const char *reason)
{
	struct kc_plan_failure *f = kc_arena_alloc(&p->arena, sizeof(*f));

	f->request = i;
	f->sym = r->sym;
	f->value = r->value;
	f->reason = reason;
	f->optional = r->flags & KC_REQ_OPTIONAL;
	if (r->sym && kc_sym_defined(r->sym)) {
		struct kc_explain *e = kc_explain(kc_plan_explainer(p), r->sym, r->value);

		kc_vec_push(&p->explains, e);
		f->why = e;
	}
	kc_vec_push(&p->failures, f);
}

static const char *
undefined_reason(struct kc_plan *p, const struct plan_req *r)
{
	const char *where = kc_explain_arches(kc_plan_explainer(p), r->name);

	return kc_plan_strf(p, "%s is not defined for ARCH=%s%s%s", r->name, kc_tree_arch(p->tree),
			    *where ? "; it exists on: " : "", where);
}

static void
solve_one(struct kc_plan *p, size_t i, struct plan_req *r)
{
	size_t n0 = p->steps.n, cp;

	p->fail = NULL;
	if (!r->sym) {
		add_failure(p, i, r, "unknown symbol");
		return;
	}
	if (!kc_sym_defined(r->sym)) {
		add_failure(p, i, r, undefined_reason(p, r));
		return;
	}
	cp = kc_checkpoint(p->tree);
	if (kc_plan_achieve(p, r) && kc_plan_req_holds(r)) {
		kc_checkpoint_release(p->tree, cp);
		kc_vec_push(&p->active, r);
	} else {
		kc_rollback(p->tree, cp);
		p->steps.n = n0;
		add_failure(p, i, r, p->fail ? p->fail
				     : kc_plan_strf(p, "%s cannot be %s", r->name, r->value));
	}
}

/* The steps (all but @skip) from the state the tree is in; true as replay(). */
static bool
apply_steps(struct kc_plan *p, size_t skip)
{
	size_t i;

	for (i = 0; i < p->steps.n; i++) {
		const struct kc_plan_step *st = p->steps.v[i];

		if (i != skip && kc_sym_set_string(st->sym, st->value) != KC_OK)
			return false;
	}
	for (i = 0; i < p->active.n; i++)
		if (!kc_plan_req_holds(p->active.v[i]))
			return false;
	return true;
}

/*
 * Back to the state before the plan: kc_plan_solve keeps a checkpoint open
 * there, so only what the search changed is undone; opened again at once.
 */
static void
back_to_orig(struct kc_plan *p)
{
	kc_rollback(p->tree, p->cp_orig);
	p->cp_orig = kc_checkpoint(p->tree);
}

/* Replay the steps (all but @skip) from the original state; true when every
 * step is accepted and every met request still holds. */
static bool
replay(struct kc_plan *p, size_t skip)
{
	back_to_orig(p);
	return apply_steps(p, skip);
}

/* Drop every step the plan does not need (latest first): the greedy search
 * can take detours, e.g. set a tristate to m and later to y. */
static void
minimize(struct kc_plan *p)
{
	size_t i;

	if (p->steps.n > MAX_MINIMIZE)
		return;
	/* each try from the original state, taken back by a checkpoint: only what it changed */
	back_to_orig(p);
	for (i = p->steps.n; i-- > 0;) {
		size_t cp = kc_checkpoint(p->tree);
		bool drop = apply_steps(p, i);

		kc_rollback(p->tree, cp);
		if (!drop)
			continue;
		memmove(p->steps.v + i, p->steps.v + i + 1, (p->steps.n - i - 1) * sizeof(void *));
		p->steps.n--;
	}
}

static bool
is_step(const struct kc_plan *p, const struct kc_symbol *s)
{
	size_t i;

	for (i = 0; i < p->steps.n; i++)
		if (((const struct kc_plan_step *)p->steps.v[i])->sym == s)
			return true;
	return false;
}

static int
tri_of(const char *v)
{
	return !strcmp(v, "y") ? 2 : !strcmp(v, "m") ? 1 : !strcmp(v, "n") ? 0 : -1;
}

/* A step's "was" is the value before the plan, not the one an earlier step left
 * (NR_CPUS "was 512" after MAXSMP=n, when the config had 8192). */
static void
step_olds(struct kc_plan *p)
{
	size_t i, j;

	for (i = 0; i < p->steps.n; i++) {
		struct kc_plan_step *st = p->steps.v[i];

		for (j = 0; j < p->changes.n; j++) {
			const struct kc_plan_change *c = p->changes.v[j];

			if (c->sym == st->sym)
				st->old = c->old;
		}
	}
}

/* The complete difference before/after, from a replay of the final plan. */
static void
collect_changes(struct kc_plan *p)
{
	size_t i;

	for (i = 0; i < p->norig; i++) {
		struct kc_symbol *s = kc_tree_sym(p->tree, i);
		struct kc_plan_change *c;
		const char *v;

		if (!p->orig[i] || !strcmp(v = kc_sym_string(s), p->orig[i]))
			continue;
		c = kc_arena_alloc(&p->arena, sizeof(*c));
		c->sym = s;
		c->old = p->orig[i];
		c->new = kc_arena_strdup(&p->arena, v);
		c->step = is_step(p, s);
		c->requested = kc_plan_is_requested_lower(p, s);
		c->off = (kc_sym_type(s) == KC_BOOL || kc_sym_type(s) == KC_TRISTATE) &&
			 tri_of(c->new) < tri_of(c->old) && !c->requested;
		p->noff += c->off;
		kc_vec_push(&p->changes, c);
	}
	step_olds(p);
}

/* One full pass: every request, minimised, verified, measured. */
static void
solve_pass(struct kc_plan *p)
{
	size_t i;

	clear_results(p);
	p->work = 0;
	p->nlowered = 0;
	for (i = 0; i < p->reqs.n; i++)
		solve_one(p, i, p->reqs.v[i]);
	minimize(p);
	if (!replay(p, (size_t)-1)) {
		/* cannot happen when the search is right; never return an unverified plan */
		p->steps.n = 0;
		for (i = 0; i < p->active.n; i++)
			add_failure(p, 0, p->active.v[i], "internal error: the plan did not verify");
		p->active.n = 0;
		back_to_orig(p);
	}
	collect_changes(p);
	back_to_orig(p);
}

static bool
reads_sym(const struct kc_symbol *x, const struct kc_symbol *s)
{
	const struct kc_prop *q;

	if (kc_expr_contains_sym(kc_sym_dir_dep(x), s))
		return true;
	for (q = kc_sym_props(x); q; q = kc_prop_next(q))
		if (kc_expr_contains_sym(kc_prop_cond(q), s) ||
		    (kc_prop_type(q) == KC_P_DEFAULT && kc_expr_contains_sym(kc_prop_expr(q), s)))
			return true;
	return false;
}

/* Steps (not requests) that a value turned off reads directly: the likely culprits. */
static size_t
blame_offs(struct kc_plan *p)
{
	size_t i, j, n = 0;

	for (i = 0; i < p->changes.n; i++) {
		const struct kc_plan_change *c = p->changes.v[i];

		for (j = 0; c->off && j < p->steps.n; j++) {
			struct kc_plan_step *st = p->steps.v[j];

			if (st->for_sym && reads_sym(c->sym, st->sym)) {
				kc_vec_push(&p->avoid, st->sym);
				n++;
			}
		}
	}
	return n;
}

struct plan_result {
	struct kc_vec steps, changes, failures, explains, active;
	size_t noff;
};

static void
take_result(struct plan_result *r, struct kc_plan *p)
{
	r->steps = p->steps;
	r->changes = p->changes;
	r->failures = p->failures;
	r->explains = p->explains;
	r->active = p->active;
	r->noff = p->noff;
	memset(&p->steps, 0, sizeof(p->steps));
	memset(&p->changes, 0, sizeof(p->changes));
	memset(&p->failures, 0, sizeof(p->failures));
	memset(&p->explains, 0, sizeof(p->explains));
	memset(&p->active, 0, sizeof(p->active));
}

static void
give_result(struct kc_plan *p, struct plan_result *r)
{
	clear_results(p);
	kc_vec_free(&p->steps);
	kc_vec_free(&p->changes);
	kc_vec_free(&p->failures);
	kc_vec_free(&p->explains);
	kc_vec_free(&p->active);
	p->steps = r->steps;
	p->changes = r->changes;
	p->failures = r->failures;
	p->explains = r->explains;
	p->active = r->active;
	p->noff = r->noff;
}

static bool
required_failed(const struct kc_plan *p)
{
	size_t i;

	for (i = 0; i < p->failures.n; i++)
		if (!((struct kc_plan_failure *)p->failures.v[i])->optional)
			return true;
	return false;
}

/*
 * When the plan turns something off and that is not allowed, look once more
 * for a plan that avoids the steps the lost values read (COMPILE_TEST turning
 * off LOCALVERSION_AUTO, say); keep it if it does better.
 */
static void
retry_without_offs(struct kc_plan *p)
{
	struct plan_result first;
	bool better;

	if (!p->noff || p->opts.allow_off || required_failed(p) || !blame_offs(p))
		return;
	take_result(&first, p);
	solve_pass(p);
	better = !required_failed(p) && p->noff < first.noff;
	if (!better)
		give_result(p, &first);
	else {
		struct kc_plan keep = { 0 };

		keep.explains = first.explains;
		clear_results(&keep);
		kc_vec_free(&keep.explains);
		kc_vec_free(&first.steps);
		kc_vec_free(&first.changes);
		kc_vec_free(&first.failures);
		kc_vec_free(&first.active);
	}
}

enum kc_plan_status
kc_plan_solve(struct kc_plan *p, const struct kc_plan_opts *opts)
{
	p->opts = opts ? *opts : (struct kc_plan_opts){ 0 };
	p->budget = p->opts.budget ? p->opts.budget : DEFAULT_BUDGET;
	p->avoid.n = 0;
	p->cp_orig = kc_checkpoint(p->tree);
	record_orig(p);
	solve_pass(p);
	retry_without_offs(p);
	kc_rollback(p->tree, p->cp_orig);
	p->solved = true;
	p->status = required_failed(p) ? KC_PLAN_IMPOSSIBLE
		    : p->noff && !p->opts.allow_off ? KC_PLAN_NEEDS_OFF : KC_PLAN_OK;
	return p->status;
}

/* ---- results ---------------------------------------------------------------------- */

size_t
kc_plan_nsteps(const struct kc_plan *p)
{
	return p->steps.n;
}

const struct kc_plan_step *
kc_plan_step(const struct kc_plan *p, size_t i)
{
	return i < p->steps.n ? p->steps.v[i] : NULL;
}

size_t
kc_plan_nchanges(const struct kc_plan *p)
{
	return p->changes.n;
}

const struct kc_plan_change *
kc_plan_change(const struct kc_plan *p, size_t i)
{
	return i < p->changes.n ? p->changes.v[i] : NULL;
}

size_t
kc_plan_noff(const struct kc_plan *p)
{
	return p->noff;
}

size_t
kc_plan_nfailures(const struct kc_plan *p)
{
	return p->failures.n;
}

const struct kc_plan_failure *
kc_plan_failure(const struct kc_plan *p, size_t i)
{
	return i < p->failures.n ? p->failures.v[i] : NULL;
}

enum kc_status
kc_plan_apply(struct kc_plan *p)
{
	size_t i;

	if (!p->solved)
		return KC_EINVAL;
	for (i = 0; i < p->steps.n; i++) {
		const struct kc_plan_step *st = p->steps.v[i];
		enum kc_status rc = kc_sym_set_string(st->sym, st->value);

		if (rc != KC_OK)
			return rc;
	}
	return KC_OK;
}
